//! Body composition: the sentences of a body's Composition clause and the part of its quorum are written
//! only where the charter states them, a member list that breaks the composition is reported at the
//! member or term that breaks it, and the diff reports a change of the rules as a change of terms.

mod common;

use common::markdown;

use common::{edited, run_stdin as run, term_changes};

const DAC: &str = "charters/uk-data-access-committee.toml";
const FOUNDATION: &str = "charters/open-source-foundation.toml";

/// The DAC's composition, as the example writes it.
const DAC_COMPOSITION: &str = r#"[bodies.composition]
min_members = 5
affiliation_cap = { seats = 2 }

[[bodies.composition.constituencies]]
name = "lay members"
roles = ["lay member"]
min = 1
quorum = 1
"#;

/// The short diagnostics `check` prints for `text`, with its exit code.
fn check(text: &str) -> (Option<i32>, String) {
    let (code, out, _) = run(&["check", "--message-format", "short", "-"], text);
    (code, out)
}

/// The 1-based number of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no line contains {needle:?}"))
}

#[test]
fn the_composition_is_written_only_where_it_is_stated() {
    let md = markdown(&edited(DAC, &[]));
    assert!(
        md.contains("**4.2 Composition.** The body has at least five voting members. No partner holds more than two of its voting seats. At least one of its voting seats is held by lay members (members with the role \"lay member\")."),
        "{md}"
    );
    assert!(
        md.contains(
            "A quorum is 3 voting members (3 of 5 voting seats), including at least one of the lay members."
        ),
        "{md}"
    );
    let without = markdown(&edited(DAC, &[(DAC_COMPOSITION, "")]));
    assert!(!without.contains("Composition"), "{without}");
    assert!(!without.contains("body-dac--composition"), "{without}");
    assert!(!without.contains("including at least"), "{without}");
    assert!(
        without.contains("A quorum is 3 voting members (3 of 5 voting seats)."),
        "{without}"
    );
    let md = markdown(&edited(FOUNDATION, &[]));
    assert!(
        md.contains("No partner holds more than one third of its voting seats."),
        "{md}"
    );
}

#[test]
fn a_constituency_may_be_chosen_by_partner() {
    let md = markdown(&edited(
        DAC,
        &[(
            "roles = [\"lay member\"]\nmin = 1\nquorum = 1\n",
            "roles = [\"lay member\"]\nmin = 1\nquorum = 1\n\n[[bodies.composition.constituencies]]\nname = \"researchers\"\npartners = [\"northfield\"]\nmin = 2\n",
        )],
    ));
    assert!(
        md.contains(
            "At least two of its voting seats are held by researchers (members from Northfield)."
        ),
        "{md}"
    );
}

#[test]
fn a_partner_over_the_cap_is_reported_at_its_member_entry() {
    let text = edited(
        DAC,
        &[(
            "affiliation_cap = { seats = 2 }",
            "affiliation_cap = { share = \"1/4\" }",
        )],
    );
    let (code, out) = check(&text);
    assert_eq!(code, Some(1), "{out}");
    // A quarter of five voting seats is one: both partners with two seats are over it, each at its `seats`.
    for partner in ["harbourside", "northfield"] {
        let line = line_of(&text, &format!("{{ partner = \"{partner}\""));
        assert!(
            out.contains(&format!("<stdin>:{line}:")),
            "{partner}: {out}"
        );
    }
    assert_eq!(out.matches("E0466").count(), 2, "{out}");
    assert!(
        out.contains("no partner may hold more than 1/4 of them (1 seat)"),
        "{out}"
    );
}

#[test]
fn a_constituency_quorum_above_its_min_is_reported_at_the_quorum() {
    let text = edited(DAC, &[("min = 1\nquorum = 1\n", "min = 1\nquorum = 2\n")]);
    let (code, out) = check(&text);
    assert_eq!(code, Some(1), "{out}");
    let line = line_of(&text, "quorum = 2");
    assert!(out.contains(&format!("<stdin>:{line}:")), "{out}");
    assert!(out.contains("E0469"), "{out}");
    assert!(out.contains("`quorum = 1`"), "{out}");
    // Too few voting members is E0459, at `min_members`.
    let text = edited(DAC, &[("min_members = 5", "min_members = 6")]);
    let (code, out) = check(&text);
    assert_eq!(code, Some(1), "{out}");
    let line = line_of(&text, "min_members = 6");
    assert!(out.contains(&format!("<stdin>:{line}:")), "{out}");
    assert!(out.contains("E0459"), "{out}");
}

#[test]
fn a_constituency_names_partners_that_exist() {
    let text = edited(
        DAC,
        &[(
            "roles = [\"lay member\"]",
            "roles = [\"lay member\"]\npartners = [\"northfeld\"]",
        )],
    );
    let (code, out) = check(&text);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("E0302"), "{out}");
    assert!(!out.contains("E0467"), "{out}");
}

#[test]
fn the_diff_reports_a_change_of_the_cap_in_the_composition_clause() {
    let old = edited(DAC, &[]);
    let new = edited(
        DAC,
        &[(
            "affiliation_cap = { seats = 2 }",
            "affiliation_cap = { seats = 3 }",
        )],
    );
    let report = term_changes(&old, &new);
    assert!(
        report.contains("most voting seats of one partner"),
        "{report}"
    );
    assert!(report.contains("4.2"), "{report}");
    // A partner may hold more seats: the cap is looser.
    assert!(report.contains("relaxed"), "{report}");
    let fewer = edited(DAC, &[("quorum = 1\n", "")]);
    let report = term_changes(&old, &fewer);
    assert!(report.contains("Constituency \"lay members\""), "{report}");
    // The quorum clause follows the chair, officers and membership clauses of the committee.
    assert!(report.contains("4.6"), "{report}");
}

#[test]
fn the_parts_of_the_quorum_add_up_only_for_groups_with_no_member_in_common() {
    let lay = "[[bodies.composition.constituencies]]\nname = \"lay members\"\nroles = [\"lay member\"]\nmin = 1\nquorum = 1\n";
    // Harbourside's two seats are both "Harbourside members" and "governance leads": a quorum of three can
    // include two of each with the same two members.
    let overlapping = edited(
        DAC,
        &[(
            lay,
            "[[bodies.composition.constituencies]]\nname = \"Harbourside members\"\npartners = [\"harbourside\"]\nmin = 2\nquorum = 2\n\n[[bodies.composition.constituencies]]\nname = \"governance leads\"\nroles = [\"Caldicott Guardian and information governance lead\"]\nmin = 2\nquorum = 2\n",
        )],
    );
    let (code, out) = check(&overlapping);
    assert_eq!(code, Some(0), "{out}");
    // Groups with no member in common need a member each: four, more than the quorum of three.
    let disjoint = edited(
        DAC,
        &[(
            lay,
            &format!(
                "{lay}\n[[bodies.composition.constituencies]]\nname = \"researchers\"\npartners = [\"northfield\"]\nmin = 2\nquorum = 2\n\n[[bodies.composition.constituencies]]\nname = \"governance leads\"\npartners = [\"harbourside\"]\nmin = 1\nquorum = 1\n"
            ),
        )],
    );
    let (code, out) = check(&disjoint);
    assert_eq!(code, Some(1), "{out}");
    let line = line_of(&disjoint, "quorum = 3");
    assert!(out.contains(&format!("<stdin>:{line}:")), "{out}");
    assert!(out.contains("E0469"), "{out}");
    assert!(
        out.contains(
            "it must include 1 of the lay members, 2 of the researchers and 1 of the governance leads, 4 in all"
        ),
        "{out}"
    );
}
