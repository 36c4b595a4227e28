//! `charter rename-id`: every id of every example renames cleanly, only the id changes, and a refused
//! rename leaves the file untouched.

mod common;

use std::fs;

use charter::model::Charter;
use charter::source::Source;
use common::{charter, example_texts, stderr_of};

/// Every id a charter defines, from the model (not from the rename module's own tables).
fn ids(c: &Charter) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    ids.extend(c.partners.iter().map(|x| x.id.clone()));
    ids.extend(c.bodies.iter().map(|x| x.id.clone()));
    ids.extend(c.decisions.iter().map(|x| x.id.clone()));
    ids.extend(c.data_flows.iter().map(|x| x.id.clone()));
    ids.extend(c.phases.iter().map(|x| x.id.clone()));
    ids.extend(c.obligations.iter().map(|x| x.id.clone()));
    ids.extend(c.membership_classes.iter().map(|x| x.id.clone()));
    if let Some(ip) = &c.ip {
        ids.extend(ip.background_items.iter().map(|x| x.id.clone()));
        ids.extend(ip.foreground.iter().map(|x| x.id.clone()));
        ids.extend(ip.licences.iter().map(|x| x.id.clone()));
        ids.extend(ip.outbound.iter().map(|x| x.id.clone()));
        ids.extend(ip.transfers.iter().map(|x| x.id.clone()));
    }
    if let Some(coi) = &c.conflicts {
        ids.extend(coi.declared.iter().map(|x| x.id.clone()));
    }
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn every_id_of_every_example_renames_and_still_checks_the_same() {
    let mut renamed = 0;
    for (path, text) in example_texts() {
        let source = Source::new(path.display().to_string(), text.clone().into_bytes());
        let (valid, _) = charter::pipeline::check(&source);
        let valid = valid.expect("examples are valid");
        for id in ids(&valid) {
            let new = format!("zz-{id}");
            // rename() itself refuses a result that checks differently: a reference left behind would be
            // reported as naming nothing.
            let result = charter::rename::rename(&source, &id, &new)
                .unwrap_or_else(|e| panic!("{}: {id}: {e}", path.display()));
            let out = String::from_utf8(result.bytes).expect("utf-8");
            assert!(result.places >= 1);
            // Only the id's bytes changed: putting the old id back gives the original exactly.
            assert_eq!(out.replace(&new, &id), text, "{}: {id}", path.display());
            let (again, diagnostics) =
                charter::pipeline::check(&Source::new("renamed.toml", out.into_bytes()));
            assert!(again.is_some(), "{}: {id}: {diagnostics:?}", path.display());
            renamed += 1;
        }
    }
    assert!(renamed > 50, "only {renamed} ids renamed");
}

#[test]
fn renames_in_place_and_says_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("board.toml");
    fs::copy(
        common::root().join("charters/sepsis-advisory-board.toml"),
        &file,
    )
    .expect("copy");
    let out = charter()
        .args(["rename-id", "vitalis", "vitalis-ai"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("renamed \"vitalis\" to \"vitalis-ai\" in 24 places"),
        "{stderr}"
    );
    let text = fs::read_to_string(&file).expect("read");
    assert!(text.contains("[[partner:vitalis-ai]]"));
    assert!(!text.contains("\"vitalis\""));
    let check = charter().arg("check").arg(&file).output().expect("runs");
    assert_eq!(check.status.code(), Some(0), "{}", stderr_of(&check));
}

#[test]
fn a_refused_rename_leaves_the_file_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("board.toml");
    let original =
        fs::read(common::root().join("charters/sepsis-advisory-board.toml")).expect("read");
    fs::write(&file, &original).expect("write");
    let cases: [(&[&str], &str); 3] = [
        (&["vitalsi", "x"], "did you mean \"vitalis\"?"),
        (&["vitalis", "northstar"], "already the id of another item"),
        (&["vitalis", "Vitalis AI"], "is not a valid id"),
    ];
    for (args, expected) in cases {
        let out = charter()
            .arg("rename-id")
            .args(args)
            .arg(&file)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr_of(&out).contains(expected),
            "{args:?}: {}",
            stderr_of(&out)
        );
        assert_eq!(fs::read(&file).expect("read"), original, "{args:?}");
    }
    let leftovers = fs::read_dir(dir.path()).expect("dir").count();
    assert_eq!(leftovers, 1, "no temporary file is left");
}

#[test]
fn standard_input_goes_to_standard_output_and_outputs_are_not_replaced() {
    let text = fs::read(common::root().join("charters/hospital-it-vendor.toml")).expect("read");
    let source = Source::new("x", text.clone());
    let (valid, _) = charter::pipeline::check(&source);
    let first = valid.expect("valid").partners[0].id.clone();
    let out = charter()
        .args(["rename-id", &first, "renamed", "-"])
        .write_stdin(text.clone())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let printed = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(
        printed.replace("renamed", &first),
        String::from_utf8(text).expect("utf-8")
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let existing = dir.path().join("out.toml");
    fs::write(&existing, "keep").expect("write");
    let out = charter()
        .args([
            "rename-id",
            &first,
            "renamed",
            "charters/hospital-it-vendor.toml",
            "-o",
        ])
        .arg(&existing)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("--force"), "{}", stderr_of(&out));
    assert_eq!(fs::read_to_string(&existing).expect("read"), "keep");
}

#[test]
fn a_membership_class_renames_with_its_seats_and_the_references_to_its_definition() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("foundation.toml");
    let text = fs::read_to_string(common::root().join("charters/open-source-foundation.toml"))
        .expect("read");
    // A cross-reference to the class's definition, in the mandate of the first body.
    let text = text.replacen(
        "mandate = \"\"\"\n",
        "mandate = \"\"\"\nSeats as in [[clause:definition--class-sponsors]]. ",
        1,
    );
    assert!(text.contains("[[clause:definition--class-sponsors]]"));
    fs::write(&file, &text).expect("write");
    let out = charter()
        .args(["rename-id", "sponsors", "supporters"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let renamed = fs::read_to_string(&file).expect("read");
    assert!(renamed.contains("id = \"supporters\""), "{renamed}");
    assert!(
        renamed.contains("{ class = \"supporters\", role"),
        "{renamed}"
    );
    assert!(
        renamed.contains("[[clause:definition--class-supporters]]"),
        "{renamed}"
    );
    assert!(!renamed.contains("sponsors\""), "{renamed}");
    let check = charter().arg("check").arg(&file).output().expect("runs");
    assert_eq!(check.status.code(), Some(0), "{}", stderr_of(&check));
}
