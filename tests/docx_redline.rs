//! `diff --format docx`: the redline as Word tracked changes, for realistic amendments (an added
//! obligation, a changed threshold, a withdrawn partner). Read back with an unzip and an XML parser: the
//! same bytes in one process and across two, no empty revision, the author and date asked for, a comment
//! on each changed term; pandoc finds every change the JSON term diff lists and, accepting or rejecting
//! them all, the new or the old words, and LibreOffice converts a redline to PDF (each skipped when its
//! tool is missing, unless `CHARTER_REQUIRE_DOCX_READERS` is set).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use charter::diff::effects::Derived;
use charter::diff::{self, Side};
use charter::pipeline::check;
use charter::render;
use charter::render::docx::inline::Revision;
use charter::source::Source;
use common::{available, charter, complete_fixture, edit, soffice_to_pdf, stderr_of};
use quick_xml::Reader;
use quick_xml::events::Event;

/// One amendment with all three kinds of change: an obligation added, a threshold lowered, a partner
/// withdrawn (its seats, its chair and its data removed); version 1.1.
fn amended() -> String {
    let base = complete_fixture();
    let obligation = "[[obligations]]\nid = \"bias-audit\"\nowner = \"harbor\"\naction = \"Audit the algorithm's accuracy for bias across patient groups\"\ncadence = \"annually\"\nevidence = \"Audit report to the Clinical Board\"\n\n";
    let text = edit(
        &edit(
            &base,
            &[
                ("version = \"1.0\"", "version = \"1.1\""),
                ("threshold_usd = 5000", "threshold_usd = 2500"),
            ],
        ),
        common::PINE_VALLEY_WITHDRAWS,
    );
    let at = text.find("[[obligations]]").expect("obligations");
    format!("{}{obligation}{}", &text[..at], &text[at..])
}

/// The two versions written to a directory of their own.
fn versions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("v1.toml"), complete_fixture()).expect("write");
    fs::write(dir.path().join("v2.toml"), amended()).expect("write");
    dir
}

/// `charter diff v1.toml v2.toml --format docx` with extra arguments and environment, to stdout.
fn redline(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let out = charter()
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .args(["diff", "v1.toml", "v2.toml", "--format", "docx"])
        .args(args)
        .output()
        .expect("charter runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
    out.stdout
}

fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip archive");
    let mut file = archive.by_name(name).expect("the part");
    let mut text = String::new();
    file.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

/// The redline built in this process, from two sides laid out here.
fn in_process() -> Vec<u8> {
    let (old_src, new_src) = (
        Source::new("v1.toml", complete_fixture().into()),
        Source::new("v2.toml", amended().into()),
    );
    let (old_valid, old_found) = check(&old_src);
    let (new_valid, new_found) = check(&new_src);
    let (old_valid, new_valid) = (old_valid.expect("valid"), new_valid.expect("valid"));
    let side = |name, src: &Source, valid, found| {
        let derived = Derived::of(valid, &render::checklist(valid), found);
        Side::laid_out(name, valid, &src.bytes).with_effects(derived)
    };
    let old = side("v1.toml", &old_src, &old_valid, &old_found);
    let new = side("v2.toml", &new_src, &new_valid, &new_found);
    let revision = Revision {
        author: "charter".to_owned(),
        date: "2026-01-01T00:00:00Z".to_owned(),
    };
    let outcome = diff::docx(&old, &new, false, &revision).expect("a redline");
    assert!(outcome.different);
    outcome.docx
}

#[test]
fn the_same_inputs_give_the_same_bytes_in_one_process_and_across_two() {
    let first = in_process();
    // Rendering another document in between moves every process-wide counter of the crate.
    let example = common::root().join("charters/sepsis-advisory-board.toml");
    let source = Source::new(
        "sepsis.toml",
        fs::read_to_string(example).expect("example").into(),
    );
    let (valid, _) = check(&source);
    render::docx(
        &valid.expect("valid"),
        &source,
        &render::docx::HouseStyle::builtin(),
    )
    .expect("a DOCX");
    assert!(first == in_process(), "two redlines in one process differ");
    let dir = versions();
    let one = redline(dir.path(), &[], &[]);
    assert!(one == redline(dir.path(), &[], &[]), "two processes differ");
    assert!(one == first, "the command and the library differ");
}

/// Every `w:ins` and `w:del` of a part: its author, date, text, and whether it is a paragraph mark's.
fn revisions(xml: &str) -> Vec<(String, String, String, bool)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut open: Option<(String, String, String)> = None;
    let attribute = |e: &quick_xml::events::BytesStart<'_>, name: &[u8]| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
            .unwrap_or_default()
    };
    let mut in_run_properties = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => return out,
            Event::Start(e) if e.name().as_ref() == b"w:rPr" => in_run_properties = true,
            Event::End(e) if e.name().as_ref() == b"w:rPr" => in_run_properties = false,
            Event::Start(e) if matches!(e.name().as_ref(), b"w:ins" | b"w:del") => {
                open = Some((
                    attribute(&e, b"w:author"),
                    attribute(&e, b"w:date"),
                    String::new(),
                ));
            }
            Event::Empty(e) if matches!(e.name().as_ref(), b"w:ins" | b"w:del") => {
                assert!(
                    in_run_properties,
                    "an empty revision outside a paragraph mark"
                );
                out.push((
                    attribute(&e, b"w:author"),
                    attribute(&e, b"w:date"),
                    String::new(),
                    true,
                ));
            }
            Event::Empty(e) if e.name().as_ref() == b"w:br" => {
                if let Some((_, _, text)) = open.as_mut() {
                    text.push('\n');
                }
            }
            Event::Text(t) => {
                if let Some((_, _, text)) = open.as_mut() {
                    text.push_str(&t.xml10_content().expect("text"));
                }
            }
            Event::End(e) if matches!(e.name().as_ref(), b"w:ins" | b"w:del") => {
                let (author, date, text) = open.take().expect("an open revision");
                out.push((author, date, text, false));
            }
            _ => {}
        }
    }
}

#[test]
fn no_revision_is_empty_and_each_has_the_author_and_date_asked_for() {
    let dir = versions();
    let document = part(&redline(dir.path(), &[], &[]), "word/document.xml");
    let found = revisions(&document);
    assert!(found.len() > 20, "{} revisions", found.len());
    for (author, date, text, mark) in &found {
        assert_eq!(
            (author.as_str(), date.as_str()),
            ("charter", "2026-01-01T00:00:00Z")
        );
        assert!(*mark || !text.is_empty(), "an empty revision");
    }
    // Whole paragraphs: the added obligation's, the withdrawn partner's seats and signature block.
    assert!(found.iter().filter(|r| r.3).count() >= 6, "{found:#?}");
    assert!(!document.contains("w:moveFrom") && !document.contains("w:moveTo"));
    assert!(!document.contains("<w:trPr><w:ins") && !document.contains("<w:trPr><w:del"));

    let named = redline(
        dir.path(),
        &["--author", "Governance office"],
        &[("SOURCE_DATE_EPOCH", "1772323200")],
    );
    for (author, date, ..) in revisions(&part(&named, "word/document.xml")) {
        assert_eq!(
            (author.as_str(), date.as_str()),
            ("Governance office", "2026-03-01T00:00:00Z")
        );
    }
    let comments = part(&named, "word/comments.xml");
    assert!(comments.contains(r#"w:author="Governance office" w:date="2026-03-01T00:00:00Z""#));
    assert!(!part(&named, "docProps/core.xml").contains("2026-01-01"));
}

#[test]
fn an_empty_author_or_a_bad_source_date_epoch_is_refused() {
    let dir = versions();
    for (args, env, says) in [
        (
            vec!["--author", " "],
            vec![],
            "give the name Word shows for the changes",
        ),
        (
            vec!["--author", ""],
            vec![],
            "give the name Word shows for the changes",
        ),
        (
            vec![],
            vec![("SOURCE_DATE_EPOCH", "yesterday")],
            "SOURCE_DATE_EPOCH must be",
        ),
    ] {
        let out = charter()
            .current_dir(dir.path())
            .envs(env)
            .args([
                "diff", "v1.toml", "v2.toml", "--format", "docx", "-o", "r.docx",
            ])
            .args(&args)
            .output()
            .expect("charter runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr_of(&out).contains(says), "{}", stderr_of(&out));
        assert!(!dir.path().join("r.docx").exists());
    }
}

#[test]
fn an_invalid_side_is_reported_as_for_every_format() {
    let dir = versions();
    fs::write(
        dir.path().join("v2.toml"),
        edit(
            &complete_fixture(),
            &[("threshold_usd = 5000", "threshold_usd = \"five\"")],
        ),
    )
    .expect("write");
    let out = charter()
        .current_dir(dir.path())
        .args([
            "diff", "v1.toml", "v2.toml", "--format", "docx", "-o", "r.docx",
        ])
        .output()
        .expect("charter runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("threshold_usd"),
        "{}",
        stderr_of(&out)
    );
    assert!(
        stderr_of(&out).contains("not compared"),
        "{}",
        stderr_of(&out)
    );
    assert!(!dir.path().join("r.docx").exists());
}

/// The JSON term diff of the two versions.
fn term_changes(dir: &Path) -> Vec<serde_json::Value> {
    let out = charter()
        .current_dir(dir)
        .args(["diff", "v1.toml", "v2.toml", "--format", "json"])
        .output()
        .expect("charter runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    json["changes"].as_array().expect("changes").clone()
}

#[test]
fn each_changed_term_has_a_comment_with_its_classification() {
    let dir = versions();
    let docx = redline(dir.path(), &[], &[]);
    let comments = part(&docx, "word/comments.xml");
    let changes = term_changes(dir.path());
    assert_eq!(
        comments.matches("<w:comment ").count(),
        changes.len(),
        "{comments}"
    );
    assert!(
        comments.contains(
            "Conflicts of interest › threshold (USD): 5000 → 2500, tightened for those who disclose"
        ),
        "{comments}"
    );
    // Each comment is anchored in the document.
    let document = part(&docx, "word/document.xml");
    for i in 1..=changes.len() {
        assert!(
            document.contains(&format!("<w:commentRangeStart w:id=\"{i}\" />")),
            "{i}"
        );
        assert!(
            document.contains(&format!("<w:commentReference w:id=\"{i}\" />")),
            "{i}"
        );
    }
    // The summary table comes first, then the versions, then the document.
    let summary = document.find(">Changes in this redline<").expect("summary");
    let versions = document.find(">The two versions<").expect("versions");
    let threshold = document
        .find(">Conflicts of interest › threshold (USD)<")
        .expect("row");
    let body = document
        .find("w:name=\"coi-disclosure\"")
        .expect("the clause");
    assert!(summary < threshold && threshold < versions && versions < body);
    assert!(document.contains(">tightened for those who disclose<"));
}

/// What pandoc found, by the anchor of the block it is in ("" before the first): the insertions, the
/// deletions, and the comments.
#[derive(Debug, Default)]
struct Found {
    insertions: Vec<String>,
    deletions: Vec<String>,
    comments: Vec<String>,
}

fn plain_text(json: &serde_json::Value) -> String {
    match json {
        serde_json::Value::Object(map) => match map.get("t").and_then(|t| t.as_str()) {
            Some("Str") => map["c"].as_str().unwrap_or("").to_owned(),
            Some("Space" | "SoftBreak" | "LineBreak") => " ".to_owned(),
            _ => map.get("c").map(plain_text).unwrap_or_default(),
        },
        serde_json::Value::Array(items) => items.iter().map(plain_text).collect(),
        _ => String::new(),
    }
}

fn walk(json: &serde_json::Value, anchor: &mut String, found: &mut BTreeMap<String, Found>) {
    match json {
        serde_json::Value::Object(map) => {
            let t = map.get("t").and_then(|t| t.as_str());
            // Bookmarks are spans of class "anchor" (pandoc makes up ids for headings: not those).
            if t == Some("Span") {
                let attributes = &map["c"][0];
                let id = attributes[0].as_str().unwrap_or("");
                let class = attributes[1][0].as_str().unwrap_or("");
                if class == "anchor" && !id.is_empty() {
                    id.clone_into(anchor);
                }
                let entry = found.entry(anchor.clone()).or_default();
                let text = || plain_text(&map["c"][1]);
                match class {
                    "insertion" => entry.insertions.push(text()),
                    "deletion" => entry.deletions.push(text()),
                    "comment-start" => entry.comments.push(text()),
                    _ => {}
                }
            }
            for value in map.values() {
                walk(value, anchor, found);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                walk(item, anchor, found);
            }
        }
        _ => {}
    }
}

#[test]
fn pandoc_finds_every_change_the_term_diff_lists() {
    if !available("pandoc", &["--version"]) {
        return;
    }
    let dir = versions();
    fs::write(dir.path().join("r.docx"), redline(dir.path(), &[], &[])).expect("write");
    let out = Command::new("pandoc")
        .current_dir(dir.path())
        .args(["--track-changes=all", "-f", "docx", "-t", "json", "r.docx"])
        .output()
        .expect("pandoc runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("pandoc JSON");
    let mut found = BTreeMap::new();
    walk(&json["blocks"], &mut String::new(), &mut found);
    let changes = term_changes(dir.path());
    for change in &changes {
        let anchor = change["anchor"].as_str().unwrap_or("");
        let at = found
            .get(anchor)
            .unwrap_or_else(|| panic!("nothing found at {anchor:?}"));
        let label = change["label"].as_str().unwrap_or("");
        match change["kind"].as_str() {
            Some("added") => assert!(!at.insertions.is_empty(), "{label}: {at:?}"),
            Some("removed") => assert!(!at.deletions.is_empty(), "{label}: {at:?}"),
            Some("changed") => assert!(
                !at.insertions.is_empty() && !at.deletions.is_empty(),
                "{label}: {at:?}"
            ),
            _ => {}
        }
        assert!(
            at.comments.iter().any(|c| c.starts_with(label)),
            "no comment on {label}: {at:?}"
        );
    }
    let title = &found[""];
    assert!(title.deletions.contains(&"1.0".to_owned()), "{title:?}");
    assert!(title.insertions.contains(&"1.1".to_owned()), "{title:?}");
    let threshold = &found["coi-disclosure"];
    assert!(
        threshold.deletions.contains(&"5,000".to_owned()),
        "{threshold:?}"
    );
    assert!(
        threshold.insertions.contains(&"2,500".to_owned()),
        "{threshold:?}"
    );
    let obligation = &found["obligation-bias-audit"];
    assert!(
        obligation
            .insertions
            .iter()
            .any(|i| i.contains("must audit the algorithm")),
        "{obligation:?}"
    );
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docx-redline");
    fs::create_dir_all(&dir).expect("output dir");
    dir
}

#[test]
fn libreoffice_converts_a_redline_to_pdf() {
    if !available("soffice", &["--version"]) || !available("pdfinfo", &["-v"]) {
        return;
    }
    let dir = out_dir();
    let docx = dir.join("redline.docx");
    fs::write(&docx, redline(versions().path(), &[], &[])).expect("write");
    soffice_to_pdf(&dir, std::slice::from_ref(&docx));
    let pdf = docx.with_extension("pdf");
    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo runs");
    assert!(info.status.success(), "{}: no readable PDF", pdf.display());
    let pages: usize = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!((3..60).contains(&pages), "{pages} pages");
    if available("pdftotext", &["-v"]) {
        let text = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("Changes in this redline"), "{text}");
        assert!(text.contains("Audit the algorithm"), "{text}");
    }
}

#[test]
fn help_lists_the_docx_format_and_the_author() {
    let out = charter()
        .args(["help", "diff"])
        .output()
        .expect("charter runs");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("docx"), "{help}");
    assert!(help.contains("--author <NAME>"), "{help}");
    assert!(help.contains("tracked change"), "{help}");
}

#[test]
fn a_docx_redline_goes_to_a_pipe_but_not_to_a_terminal() {
    // `script` gives the command a terminal; without it (not Linux's util-linux), the unit test of the
    // rule stands alone.
    let Some(script) = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("script"))
            .find(|p| p.is_file())
    }) else {
        return;
    };
    let dir = versions();
    let command = format!(
        "cd {} && {} diff v1.toml v2.toml --format docx",
        dir.path().display(),
        env!("CARGO_BIN_EXE_charter")
    );
    let out = Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .env("NO_COLOR", "1")
        .output()
        .expect("script runs");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{printed}");
    assert!(
        printed.contains("a DOCX is a binary file and standard output is a terminal"),
        "{printed}"
    );
    assert!(!printed.contains("PK"), "{printed}");
}

#[test]
fn a_term_stated_in_a_table_row_is_commented_on_the_section_of_the_table() {
    let dir = versions();
    let budget = edit(
        &complete_fixture(),
        &[
            ("version = \"1.0\"", "version = \"1.1\""),
            ("rule = \"unanimity\"", "rule = \"majority_body\""),
        ],
    );
    fs::write(dir.path().join("v2.toml"), budget).expect("write");
    let document = part(&redline(dir.path(), &[], &[]), "word/document.xml");
    let start = document
        .find("<w:commentRangeStart w:id=\"2\" />")
        .expect("the rule's comment");
    let heading = &document[document[..start].rfind("<w:p ").expect("its paragraph")..start];
    assert!(heading.contains("Heading1"), "{heading}");
    let text = &document[start..];
    assert!(
        text.starts_with(
            "<w:commentRangeStart w:id=\"2\" /><w:r><w:rPr /><w:t xml:space=\"preserve\">5. </w:t>"
        ),
        "{}",
        &text[..300]
    );
}

#[test]
fn accepting_every_change_gives_the_new_words_and_rejecting_them_the_old() {
    if !available("pandoc", &["--version"]) {
        return;
    }
    let dir = versions();
    fs::write(dir.path().join("r.docx"), redline(dir.path(), &[], &[])).expect("write");
    let read = |changes: &str| {
        let out = Command::new("pandoc")
            .current_dir(dir.path())
            .arg(format!("--track-changes={changes}"))
            .args(["-f", "docx", "-t", "plain", "--wrap=none", "r.docx"])
            .output()
            .expect("pandoc runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        // The document, after the summary and the versions.
        let start = text.find("Governing law:").expect("the charter's details");
        text[start..].to_owned()
    };
    let (accepted, rejected) = (read("accept"), read("reject"));
    for (text, present, absent) in [
        (&accepted, "USD 2,500", "USD 5,000"),
        (&rejected, "USD 5,000", "USD 2,500"),
        (&accepted, "must audit the algorithm", "Linda Berg"),
        (&rejected, "Linda Berg", "must audit the algorithm"),
        (&rejected, "Member: Pine Valley", "Withdrew on 2026-06-30"),
    ] {
        assert!(text.contains(present), "{present} missing");
        assert!(!text.contains(absent), "{absent} still there");
    }
    assert!(!accepted.contains("Member: Pine Valley"));
    assert!(accepted.contains("Withdrew on 2026-06-30"));
}
