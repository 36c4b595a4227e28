//! Membership classes: a body's seats for a class are rendered in plain words and counted once for each
//! member of the class, so a quorum the class's members cannot make is reported; the definitions name
//! each class; charters without classes are as before; and the diff reports a changed class as a change
//! of terms.

mod common;

use common::markdown;

use common::{edited, run_stdin as run, term_changes};

const FOUNDATION: &str = "charters/open-source-foundation.toml";
const FIXTURE: &str = "tests/fixtures/valid/unknown-membership-class.toml";

/// The short diagnostics `check` prints for `text`, with its exit code.
fn check(text: &str) -> (Option<i32>, String) {
    let (code, out, _) = run(&["check", "--message-format", "short", "-"], text);
    (code, out)
}

#[test]
fn a_class_on_a_body_is_rendered_and_defined() {
    let md = markdown(&edited(FOUNDATION, &[]));
    assert!(
        md.contains("Each member of the class Sponsor members (Brightwater and Tallgrass) appoints 1 voting member as maintainer"),
        "{md}"
    );
    assert!(
        md.contains("\"Sponsor members\" means the class of members made up of Brightwater and Tallgrass. Each sponsor member pays"),
        "{md}"
    );
    // The program manager and one maintainer for each of the two sponsor members.
    assert!(md.contains("of 3 voting seats"), "{md}");
}

#[test]
fn a_charter_without_classes_says_nothing_of_them() {
    let md = markdown(&edited(
        "tests/fixtures/valid/casting-vote-on-own-matter.toml",
        &[],
    ));
    assert!(!md.contains("class"), "{md}");
}

#[test]
fn the_seats_of_a_class_count_once_for_each_member() {
    let two = edited(FIXTURE, &[("quorum = \"majority\"", "quorum = 3")]);
    let (code, out) = check(&two);
    assert_eq!(code, Some(0), "{out}");
    assert!(markdown(&two).contains("(3 of 3 voting seats)"));
    // Lakeside's own seat and one for each of the two members of the class; with one member left in the
    // class, the body has two voting seats and cannot make a quorum of three.
    let one = edited(
        FIXTURE,
        &[
            ("quorum = \"majority\"", "quorum = 3"),
            (
                "members = [\"lakeside\", \"hillcrest\"]",
                "members = [\"lakeside\"]",
            ),
        ],
    );
    let (code, out) = check(&one);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("the quorum of \"Audit Board\" is 3, but the body has only 2 voting seats"),
        "{out}"
    );
}

#[test]
fn an_unknown_class_is_reported_at_the_member_with_the_class_it_meant() {
    let text = edited(
        FIXTURE,
        &[("class = \"hospitals\" }", "class = \"hospital\" }")],
    );
    let (code, out) = check(&text);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("E0540"), "{out}");
    assert!(
        out.contains("no membership class has the id \"hospital\""),
        "{out}"
    );
}

#[test]
fn a_changed_class_is_a_change_of_terms() {
    let old = edited(FOUNDATION, &[]);
    let new = edited(
        FOUNDATION,
        &[(
            "name = \"Sponsor members\"",
            "name = \"Sponsoring members\"",
        )],
    );
    let report = term_changes(&old, &new);
    assert!(report.contains("Sponsoring members"), "{report}");
}

#[test]
fn the_affiliation_cap_counts_a_partner_s_seats_through_its_class() {
    // Lakeside holds its own seat and one as a member of the class: two, over a cap of one.
    let capped = edited(
        FIXTURE,
        &[(
            "members = [{ partner = \"lakeside\" }, { class = \"hospitals\" }]",
            "members = [{ partner = \"lakeside\" }, { class = \"hospitals\" }]\ncomposition = { affiliation_cap = { seats = 1 } }",
        )],
    );
    let (code, out) = check(&capped);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("Lakeside holds 2 of the 3 voting seats on \"Audit Board\", but no partner may hold more than 1"),
        "{out}"
    );
    assert!(out.contains("E0466"), "{out}");
    // Hillcrest holds one seat, through the class alone, and is within the cap.
    assert!(!out.contains("Hillcrest holds"), "{out}");
}

#[test]
fn an_extraordinary_meeting_counts_the_seats_of_a_class() {
    // One seat of Lakeside's own and one for each of the two members of the class: three members may ask.
    let three = edited(
        FIXTURE,
        &[(
            "minutes = \"14 days\" }",
            "minutes = \"14 days\", extraordinary = { requested_by = 3, notice = \"5 days\" } }",
        )],
    );
    let (code, out) = check(&three);
    assert_eq!(code, Some(0), "{out}");
    let four = three.replace("requested_by = 3", "requested_by = 4");
    let (code, out) = check(&four);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("needs a request of 4 members, but the body has 3 seats"),
        "{out}"
    );
}

/// Writes the roster fixture's charter and `roster` into a new folder, as `board.toml` and
/// `rosters/sponsors.toml`, and runs `charter ARGS board.toml` there.
fn in_folder(roster: Option<&str>, args: &[&str]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = edited(
        "tests/fixtures/valid/roster-invalid.toml",
        &[("../rosters/sponsors.toml", "rosters/sponsors.toml")],
    );
    std::fs::write(dir.path().join("board.toml"), text).expect("write");
    if let Some(roster) = roster {
        std::fs::create_dir(dir.path().join("rosters")).expect("mkdir");
        std::fs::write(dir.path().join("rosters/sponsors.toml"), roster).expect("write");
    }
    let out = common::charter()
        .current_dir(dir.path())
        .args(args)
        .arg("board.toml")
        .output()
        .expect("runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

const ROSTER: &str = "as_of = 2026-11-01\n\n[[members]]\nid = \"northwind\"\nname = \"Northwind Health\"\n\n[[members]]\nid = \"riverbend\"\nname = \"Riverbend Labs\"\n";

#[test]
fn a_roster_s_members_hold_the_class_s_seats_and_are_named_with_its_fingerprint() {
    let (code, md, stderr) = in_folder(Some(ROSTER), &["render", "--format", "md", "-o", "-"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        md.contains("\"Sponsor members\" means the class of members listed in the roster rosters/sponsors.toml as of 2026-11-01: Northwind Health and Riverbend Labs (the roster read has the SHA-256 fingerprint "),
        "{md}"
    );
    let fingerprint = charter::render::fingerprint(ROSTER.as_bytes());
    assert!(md.contains(&fingerprint), "{md}");
    assert!(
        md.contains(
            "Each member of the class Sponsor members (Northwind Health and Riverbend Labs)"
        ),
        "{md}"
    );
    // Lakeside, the two hospital members and the two sponsors.
    assert!(md.contains("of 5 voting seats"), "{md}");
    // One sponsor fewer is one seat fewer, with no change to the charter.
    let one = ROSTER
        .split("\n\n[[members]]\nid = \"riverbend\"")
        .next()
        .expect("first");
    let (code, md, stderr) = in_folder(Some(one), &["render", "--format", "md", "-o", "-"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(md.contains("of 4 voting seats"), "{md}");
}

#[test]
fn a_missing_roster_is_reported_at_the_key_that_names_it() {
    let (code, out, _) = in_folder(None, &["check", "--message-format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("E0544"), "{out}");
    assert!(
        out.contains("the roster rosters/sponsors.toml does not exist"),
        "{out}"
    );
    // Reported where it is named, and not as an empty class as well.
    assert!(!out.contains("W0543"), "{out}");
}

#[test]
fn every_problem_of_a_roster_is_reported_with_its_line_in_one_run() {
    let bad = "[[members]]\nid = \"northwind\"\n\n[[members]]\nid = \"Riverbend Labs\"\nname = \"Riverbend Labs\"\n\n[[members]]\nid = \"a\"\nname = \"A\"\ncolour = \"red\"\n";
    let (code, out, _) = in_folder(Some(bad), &["check", "--message-format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(out.matches("E0545").count(), 3, "{out}");
    assert!(
        out.contains("the roster rosters/sponsors.toml, line 1, column"),
        "{out}"
    );
    assert!(out.contains("line 4, column"), "{out}");
    assert!(
        out.contains("\"Riverbend Labs\" is not a valid id"),
        "{out}"
    );
    assert!(out.contains("line 8, column"), "{out}");
}

#[test]
fn a_roster_member_in_two_classes_is_reported() {
    let text = edited(
        "tests/fixtures/valid/roster-invalid.toml",
        &[(
            "members = [\"lakeside\", \"hillcrest\"]",
            "members = [\"lakeside\", \"hillcrest\", \"northwind\"]",
        )],
    );
    // The partner check reports "northwind" as no partner too; the class check names the roster.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("board.toml"),
        text.replace("../rosters/", ""),
    )
    .expect("write");
    std::fs::write(dir.path().join("sponsors.toml"), ROSTER).expect("write");
    let out = common::charter()
        .current_dir(dir.path())
        .args(["check", "--message-format", "short", "board.toml"])
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.contains("E0541")
            && out.contains("\"northwind\" is in \"Hospital members\" and in \"Sponsor members\""),
        "{out}"
    );
}

#[test]
fn the_term_diff_shows_a_roster_edited_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = edited(
        "tests/fixtures/valid/roster-invalid.toml",
        &[("../rosters/sponsors.toml", "rosters/sponsors.toml")],
    );
    let fewer = ROSTER
        .replace("as_of = 2026-11-01", "as_of = 2026-12-01")
        .replace(
            "\n[[members]]\nid = \"riverbend\"\nname = \"Riverbend Labs\"\n",
            "",
        );
    for (side, roster) in [("old", ROSTER), ("new", fewer.as_str())] {
        let folder = dir.path().join(side);
        std::fs::create_dir_all(folder.join("rosters")).expect("mkdir");
        std::fs::write(folder.join("board.toml"), &text).expect("write");
        std::fs::write(folder.join("rosters/sponsors.toml"), roster).expect("write");
    }
    let out = common::charter()
        .current_dir(dir.path())
        .args(["diff", "old/board.toml", "new/board.toml"])
        .output()
        .expect("runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.contains("Roster member \"Riverbend Labs\": removed"),
        "{report}"
    );
    assert!(
        report.contains("day the roster stands at: 2026-11-01 → 2026-12-01"),
        "{report}"
    );
}
