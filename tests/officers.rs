//! Officers and the holding of seats: a body's officers, its vacancies, removal, alternates and observers
//! each write a sentence only where the charter states them, a term that cannot apply is reported where
//! it is written, and the diff reports a changed officer term as a change of that officer.

mod common;

use common::markdown;

use common::{edited, run_stdin as run, term_changes};

const FOUNDATION: &str = "charters/open-source-foundation.toml";
const DAC: &str = "charters/uk-data-access-committee.toml";

/// The foundation's officers and membership terms, as the example writes them.
const OFFICERS: &str = r#"[[bodies.officers]]
role = "vice_chair"
selection = "elected"
term = "1 year"
term_limit = 3

[[bodies.officers]]
role = "secretary"
partner = "foundation"
selection = "ex_officio"
"#;

const MEMBERSHIP: &str = r#"[bodies.vacancies]
filled_by = "appointing_partner"
within = "30 days"

[bodies.removal]
appointing_partner = true
by_decision = "two_thirds_body"

[bodies.alternates]
allowed = true
voting = false
"#;

/// The short diagnostics `check` prints for `text`, with its exit code.
fn check(text: &str) -> (Option<i32>, String) {
    let (code, out, _) = run(&["check", "--message-format", "short", "-"], text);
    (code, out)
}

#[test]
fn officers_are_written_only_where_they_are_stated() {
    let md = markdown(&edited(FOUNDATION, &[]));
    assert!(
        md.contains("The body is chaired by the representative of Kestrel Foundation for a term of 1 year, renewable, for at most three consecutive terms."),
        "{md}"
    );
    assert!(
        md.contains("Officers.** The body has a vice chair, elected by the body for a term of 1 year, for at most three consecutive terms. The secretary is the representative of Kestrel Foundation, ex officio."),
        "{md}"
    );
    assert!(
        md.contains("Each member of the class Sponsor members (Brightwater and Tallgrass) appoints 1 voting member as maintainer"),
        "{md}"
    );
    assert!(
        md.contains("Member: Kestrel Foundation, program manager: 1 seat, voting, ex officio"),
        "{md}"
    );
    let without = markdown(&edited(
        FOUNDATION,
        &[
            (OFFICERS, ""),
            ("term_limit = 3\ncasting_vote", "casting_vote"),
            (", selection = \"ex_officio\" }", " }"),
            (", selection = \"appointed\" }", " }"),
        ],
    ));
    assert!(
        without.contains("Member: Kestrel Foundation, program manager: 1 seat, voting\n"),
        "{without}"
    );
    assert!(!without.contains("ex officio"), "{without}");
    assert!(!without.contains("appointed by"), "{without}");
    assert!(!without.contains("Officers"), "{without}");
    assert!(!without.contains("vice chair"), "{without}");
    assert!(!without.contains("consecutive terms"), "{without}");
    assert!(
        without.contains("The body is chaired by the representative of Kestrel Foundation for a term of 1 year, renewable."),
        "{without}"
    );
}

#[test]
fn vacancies_removal_and_attendance_are_written_only_where_they_are_stated() {
    let md = markdown(&edited(FOUNDATION, &[]));
    assert!(
        md.contains("Vacancies, removal and attendance.** The partner whose seat falls vacant appoints a new member within 30 days of the vacancy. A member may be removed by the partner that appointed them. A member or officer may be removed by a decision of the body taken by two thirds of all voting members. A member may send an alternate to a meeting in their place, who does not vote."),
        "{md}"
    );
    let without = markdown(&edited(FOUNDATION, &[(MEMBERSHIP, "")]));
    assert!(!without.contains("Vacancies, removal"), "{without}");
    assert!(!without.contains("alternate"), "{without}");
    assert!(!without.contains("vacant"), "{without}");
    let dac = markdown(&edited(DAC, &[]));
    assert!(
        dac.contains("Members may not send alternates to its meetings. Observers may attend its meetings by invitation of the chair, without a vote."),
        "{dac}"
    );
    assert!(
        dac.contains("The secretary is the representative of Cobalt, appointed by Cobalt."),
        "{dac}"
    );
}

#[test]
fn an_empty_removal_table_writes_no_clause() {
    let md = markdown(&edited(
        FOUNDATION,
        &[(MEMBERSHIP, "[bodies.removal]\nappointing_partner = false\n")],
    ));
    assert!(!md.contains("Vacancies, removal"), "{md}");
}

#[test]
fn a_term_limit_needs_a_term_and_is_reported_where_it_is_written() {
    let (code, out) = check(&edited(
        FOUNDATION,
        &[(
            "term = \"1 year\"\nterm_limit = 3\n\n",
            "term = \"until_replaced\"\nterm_limit = 3\n\n",
        )],
    ));
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("E0512"), "{out}");
    assert!(
        out.contains("the vice chair of \"Technical Steering Committee\" serves until replaced, so `term_limit = 3` counts no terms"),
        "{out}"
    );
}

#[test]
fn an_officer_needs_a_seat_and_an_office_is_held_once() {
    let (code, out) = check(&edited(
        DAC,
        &[(
            "role = \"secretary\"\npartner = \"cobalt-data\"\nselection = \"appointed\"\n",
            "role = \"secretary\"\npartner = \"cobalt-data\"\nselection = \"appointed\"\n\n[[bodies.officers]]\nrole = \"secretary\"\npartner = \"harbourside\"\n",
        )],
    ));
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("E0511"), "{out}");
    assert!(!out.contains("E0510"), "{out}");
}

#[test]
fn the_diff_reports_a_changed_officer_term() {
    let old = edited(FOUNDATION, &[]);
    let new = edited(
        FOUNDATION,
        &[(
            "term = \"1 year\"\nterm_limit = 3\n\n",
            "term = \"2 years\"\nterm_limit = 3\n\n",
        )],
    );
    let changes = term_changes(&old, &new);
    assert!(
        changes.contains("Officer \"vice chair\" › term"),
        "{changes}"
    );
    assert!(changes.contains("2 years"), "{changes}");
    assert!(!changes.contains("chair › term"), "{changes}");
    // A new holder of an office is a change of who holds it, not another officer.
    let new = edited(
        FOUNDATION,
        &[(
            "role = \"secretary\"\npartner = \"foundation\"",
            "role = \"secretary\"\npartner = \"brightwater\"",
        )],
    );
    let changes = term_changes(&old, &new);
    assert!(
        changes.contains("Officer \"secretary\" › partner"),
        "{changes}"
    );
    assert!(!changes.contains("added"), "{changes}");
}
