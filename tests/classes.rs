//! Membership classes: a body's seats for a class are rendered in plain words and counted once for each
//! member of the class, so a quorum the class's members cannot make is reported; the definitions name
//! each class; charters without classes are as before; and the diff reports a changed class as a change
//! of terms.

mod common;

use common::{edited, run_stdin as run, term_changes};

const FOUNDATION: &str = "charters/open-source-foundation.toml";
const FIXTURE: &str = "tests/fixtures/valid/unknown-membership-class.toml";

fn markdown(text: &str) -> String {
    let (code, md, stderr) = run(&["render", "--format", "md", "-o", "-", "-"], text);
    assert_eq!(code, Some(0), "{stderr}");
    md
}

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
