//! Never more than the input says: every sentence that used to be written without a term behind it is
//! now written only from a term the charter states. For each, a charter without the term renders without
//! the sentence, and a charter with the term renders it.

mod common;

use std::fs;

use charter::diagnostic::format_short;
use charter::pipeline::check;
use charter::render;
use charter::source::Source;

const EXAMPLE: &str = "charters/community-screening-partnership.toml";

/// The community screening example with each `(old, new)` edit made once; every `old` must be there.
fn example_with(edits: &[(&str, &str)]) -> Source {
    let mut text = fs::read_to_string(common::root().join(EXAMPLE)).expect("readable example");
    for (old, new) in edits {
        assert!(text.contains(old), "the example has no {old:?}");
        text = text.replacen(old, new, 1);
    }
    Source::new(EXAMPLE, text.into_bytes())
}

/// The Markdown of a source that must check with no finding.
fn markdown(source: &Source) -> String {
    let (valid, diagnostics) = check(source);
    assert!(
        diagnostics.is_empty(),
        "{}",
        format_short(source, &diagnostics)
    );
    render::markdown(&valid.expect("a valid charter"), source).expect("renders")
}

/// The short diagnostics of a source.
fn findings(source: &Source) -> String {
    let (_, diagnostics) = check(source);
    format_short(source, &diagnostics)
}

const SAME_AS_MEETINGS: &str = "electronic = { rule = \"same_as_meetings\" }\n";
const SAME_RULES: &str =
    "Votes may be taken electronically between meetings, with the same rules as at a meeting.";

#[test]
fn electronic_votes_are_mentioned_only_when_the_charter_states_them() {
    let without = markdown(&example_with(&[(SAME_AS_MEETINGS, "")]));
    assert!(!without.contains("electronic"), "{without}");
    let with = markdown(&example_with(&[]));
    assert!(with.contains(SAME_RULES), "{with}");
}

#[test]
fn an_electronic_vote_with_its_own_rule_renders_its_threshold_quorum_and_deadline() {
    let own = "electronic = { rule = \"majority_body\", quorum = 4, deadline = \"5 days\" }\n";
    let md = markdown(&example_with(&[(SAME_AS_MEETINGS, own)]));
    assert!(!md.contains(SAME_RULES), "{md}");
    assert!(
        md.contains(" Votes may be taken electronically between meetings; a matter put to an electronic vote passes with a majority of all voting members. At least 4 voting members (4 of 5 voting seats) must vote for an electronic vote to count. An electronic vote closes 5 days after it is opened."),
        "{md}"
    );
    let every = "electronic = { rule = \"unanimity\", quorum = \"all\" }\n";
    let md = markdown(&example_with(&[(SAME_AS_MEETINGS, every)]));
    assert!(
        md.contains("passes with unanimity of all voting members. Every voting member must vote for an electronic vote to count."),
        "{md}"
    );
}

#[test]
fn an_electronic_vote_counted_on_the_votes_cast_with_no_quorum_is_warned_of() {
    let cast = "electronic = { rule = \"majority_cast\" }\n";
    let found = findings(&example_with(&[(SAME_AS_MEETINGS, cast)]));
    assert!(
        found.contains("warning[W0437]: \"Approve the screening calendar and venues for each quarter\" may be decided by an electronic vote of \"Joint Steering Group\" with 1 vote, fewer than its quorum of 4 (hint: add a `quorum` to `electronic`"),
        "{found}"
    );
    let with_quorum = "electronic = { rule = \"majority_cast\", quorum = 4 }\n";
    assert_eq!(
        findings(&example_with(&[(SAME_AS_MEETINGS, with_quorum)])),
        ""
    );
}

#[test]
fn an_electronic_vote_may_state_its_own_threshold_which_every_check_counts() {
    let share = "electronic = { rule = { at_least = \"3/4\", of = \"votes_cast\" }, quorum = 4 }\n";
    let text = example_with(&[(SAME_AS_MEETINGS, share)]);
    let md = markdown(&text);
    assert!(
        md.contains("a matter put to an electronic vote passes with at least three quarters of the votes cast. At least 4 voting members"),
        "{md}"
    );
    // Counted on the votes cast with no quorum, one vote could pass it, as under a named rule.
    let bare = "electronic = { rule = { more_than = \"1/2\", of = \"votes_cast\" } }\n";
    assert!(
        findings(&example_with(&[(SAME_AS_MEETINGS, bare)])).contains("warning[W0437]"),
        "a threshold on the votes cast with no quorum"
    );
    let wrong = "electronic = { rule = { at_least = \"3/4\" } }\n";
    assert!(
        findings(&example_with(&[(SAME_AS_MEETINGS, wrong)])).contains("a threshold needs `of`"),
        "a threshold without its base"
    );
    let old = common::edited(EXAMPLE, &[]);
    let new = String::from_utf8(text.bytes.clone()).expect("utf-8");
    let changes = common::term_changes(&old, &new);
    assert!(
        changes.contains("rule: same_as_meetings → at_least 3/4 of votes_cast"),
        "{changes}"
    );
}

#[test]
fn the_retired_electronic_votes_key_says_what_to_write_instead() {
    let found = findings(&example_with(&[(
        SAME_AS_MEETINGS,
        "electronic_votes = true\n",
    )]));
    assert!(
        found.contains("error[E0102]: unknown key `electronic_votes` in [[bodies]] entry 1 (hint: `electronic_votes` is retired because it did not say by which rule an electronic vote passes: write `electronic = { rule = \"same_as_meetings\" }` for the rules of a meeting"),
        "{found}"
    );
}

const BACKGROUND_TERMS: &str =
    "background_terms = [\"stays_with_owner\", \"no_implied_licence\"]\n";
const BOTH: &str =
    "Background IP stays with its owner, and no licence to it is implied by this charter.";

#[test]
fn background_ip_terms_are_written_only_as_the_charter_states_them() {
    let without = markdown(&example_with(&[(BACKGROUND_TERMS, "")]));
    assert!(!without.contains("stays with its owner"), "{without}");
    assert!(!without.contains("is implied"), "{without}");
    assert!(
        without.contains("without approval under the communications decision.\n"),
        "the organiser's own words end the clause: {without}"
    );
    assert!(markdown(&example_with(&[])).contains(BOTH));
    let stays = markdown(&example_with(&[(
        BACKGROUND_TERMS,
        "background_terms = [\"stays_with_owner\"]\n",
    )]));
    assert!(
        stays.contains("communications decision. Background IP stays with its owner.\n"),
        "{stays}"
    );
    assert!(!stays.contains("is implied"), "{stays}");
    let no_licence = markdown(&example_with(&[(
        BACKGROUND_TERMS,
        "background_terms = [\"no_implied_licence\"]\n",
    )]));
    assert!(
        no_licence.contains(
            "communications decision. No licence to background IP is implied by this charter.\n"
        ),
        "{no_licence}"
    );
    assert!(!no_licence.contains("stays with its owner"), "{no_licence}");
}

const COMMENT: &str = "review_kind = \"comment\"\n";
const NO_APPROVAL: &str = "Partners review it but do not approve its content, and may not require results to be suppressed.";

#[test]
fn the_kind_of_publication_review_is_written_only_when_the_charter_states_it() {
    let without = markdown(&example_with(&[(COMMENT, "")]));
    assert!(!without.contains(NO_APPROVAL), "{without}");
    assert!(!without.contains("approved it"), "{without}");
    assert!(
        without.contains("at least 30 days before submission.\n"),
        "{without}"
    );
    assert!(markdown(&example_with(&[])).contains(NO_APPROVAL));
    // A right to approve is a veto on publication: accepted here, as a charter that means it would.
    let approval = markdown(&example_with(&[
        (COMMENT, "review_kind = \"approval\"\n"),
        (
            "[[exceptions]]\n",
            "[[exceptions]]\nrule = \"W0506\"\nreason = \"The partners approve each manuscript.\"\n\n[[exceptions]]\n",
        ),
    ]));
    assert!(!approval.contains(NO_APPROVAL), "{approval}");
    assert!(
        approval.contains(
            "at least 30 days before submission. It is submitted only once every partner has approved it.\n"
        ),
        "{approval}"
    );
}

#[test]
fn without_a_stated_review_kind_coverage_says_the_publication_area_is_partial() {
    let source = example_with(&[(COMMENT, "")]);
    let (_, coverage) = charter::pipeline::outcome_and_coverage(&source);
    let coverage = coverage.expect("coverage");
    let publication = coverage
        .areas
        .iter()
        .find(|a| a.key == "publication")
        .expect("the publication area");
    assert_eq!(publication.status, charter::coverage::Status::Partial);
    assert_eq!(
        publication.detail,
        "review within 30 days, but no `review_kind` says whether the partners comment on a manuscript or approve it"
    );
}

const THEN_COURTS: &str = "resolution = \"mediation_then_courts\"\n";

#[test]
fn the_dispute_ladder_ends_where_the_charter_says_and_nowhere_after() {
    let courts = "before it goes to non-binding mediation, and then the courts of the governing jurisdiction:";
    assert!(markdown(&example_with(&[])).contains(courts));
    let mediation = markdown(&example_with(&[(
        THEN_COURTS,
        "resolution = \"mediation\"\n",
    )]));
    assert!(
        mediation.contains("before it goes to non-binding mediation:"),
        "{mediation}"
    );
    assert!(!mediation.contains("courts"), "{mediation}");
    let referral = markdown(&example_with(&[(
        THEN_COURTS,
        "resolution = \"referral\"\nto = \"steering-group\"\n",
    )]));
    assert!(
        referral.contains("before it is referred to the Joint Steering Group:"),
        "{referral}"
    );
    let investigation = markdown(&example_with(&[(
        THEN_COURTS,
        "resolution = \"internal_investigation\"\nto = \"lakeport-general\"\n",
    )]));
    assert!(
        investigation.contains("before it goes to an internal investigation by Lakeport General:"),
        "{investigation}"
    );
    assert!(!investigation.contains("mediation"), "{investigation}");
}

#[test]
fn a_referral_names_who_receives_it_and_only_a_referral_or_investigation_names_anyone() {
    let found = findings(&example_with(&[(
        THEN_COURTS,
        "resolution = \"referral\"\n",
    )]));
    assert!(
        found.contains("error[E0447]: the dispute ladder ends in an investigation or a referral, but not who receives it"),
        "{found}"
    );
    let found = findings(&example_with(&[(
        THEN_COURTS,
        "resolution = \"courts\"\nto = \"steering-group\"\n",
    )]));
    assert!(
        found.contains("error[E0447]: `to` names who receives a dispute, but this resolution sends it to no one named"),
        "{found}"
    );
    let found = findings(&example_with(&[(
        THEN_COURTS,
        "resolution = \"referral\"\nto = \"steering-grup\"\n",
    )]));
    assert!(
        found.contains("error[E0302]: no body, partner or organisation has the id \"steering-grup\" (hint: did you mean \"steering-group\"?)"),
        "{found}"
    );
}

/// Every example and valid fixture, rendered: no cell or field says "None" as if it were a term.
#[test]
fn no_document_writes_none_as_a_term() {
    let mut files = common::examples();
    files.extend(common::toml_files("tests/fixtures/valid"));
    for path in files {
        let source = Source::new(
            path.display().to_string(),
            fs::read(&path).expect("readable"),
        );
        let Some(valid) = check(&source).0 else {
            continue;
        };
        let md = render::markdown(&valid, &source).expect("markdown");
        let html = render::html(&valid, &source).expect("html");
        for (format, text) in [("Markdown", &md), ("HTML", &html)] {
            for needle in ["| None |", ": None", ">None<", " None."] {
                assert!(
                    !text.contains(needle),
                    "{} writes {needle:?} in its {format}",
                    path.display()
                );
            }
        }
    }
}

const BUDGET: &str = "rule = \"unanimity\"\n\n[[decisions]]\nid = \"supplier-choice\"";
const PARENT: &str = "[[organisations]]\nid = \"lakeport-health\"\nname = \"Lakeport Health System, Inc.\"\nparent_of = [\"lakeport-general\"]\n\n[[decisions]]\nid = \"event-calendar\"";

/// The example with a parent organisation of Lakeport General, and the budget's deadlock going to `to`.
fn escalating_to(to: &str) -> Source {
    example_with(&[
        ("[[decisions]]\nid = \"event-calendar\"", PARENT),
        (
            BUDGET,
            &format!(
                "rule = \"unanimity\"\nescalation = \"{to}\"\n\n[[decisions]]\nid = \"supplier-choice\""
            ),
        ),
    ])
}

#[test]
fn a_deadlock_may_go_to_a_parent_organisation_which_the_definitions_name() {
    let md = markdown(&escalating_to("lakeport-health"));
    assert!(
        md.contains("| Approve the annual budget, the stipend and any spending above USD 2,500 | the Joint Steering Group | Unanimity | No one | Lakeport Health System, Inc. |"),
        "{md}"
    );
    assert!(
        md.contains("- <a id=\"definition--organisation-lakeport-health\"></a>\"Lakeport Health System, Inc.\" means the organisation of that name, the parent organisation of Lakeport General, which is not a partner to this charter\n"),
        "{md}"
    );
}

#[test]
fn a_deadlock_may_go_to_a_partner() {
    let md = markdown(&escalating_to("eastside-neighbors"));
    assert!(
        md.contains("| Unanimity | No one | Eastside Neighbors |"),
        "{md}"
    );
}

#[test]
fn a_dispute_may_be_referred_to_an_organisation() {
    let source = example_with(&[
        ("[[decisions]]\nid = \"event-calendar\"", PARENT),
        (
            THEN_COURTS,
            "resolution = \"referral\"\nto = \"lakeport-health\"\n",
        ),
    ]);
    assert!(markdown(&source).contains("before it is referred to Lakeport Health System, Inc.:"));
}

#[test]
fn an_escalation_to_nothing_defined_is_located_with_a_hint_naming_what_exists() {
    let found = findings(&escalating_to("lakeport-helth"));
    assert!(
        found.contains("error[E0302]: no body, partner or organisation has the id \"lakeport-helth\" (hint: did you mean \"lakeport-health\"?)"),
        "{found}"
    );
    let found = findings(&escalating_to("nobody-at-all"));
    assert!(
        found.contains("(hint: write the id of a body, partner or organisation defined in [[bodies]], [[partners]] or [[organisations]]: \"eastside-neighbors\", \"lakeport-general\", \"lakeport-health\", \"steering-group\")"),
        "{found}"
    );
}

#[test]
fn an_organisation_may_not_take_the_id_of_a_partner_or_a_body() {
    let source = example_with(&[(
        "[[decisions]]\nid = \"event-calendar\"",
        "[[organisations]]\nid = \"steering-group\"\nname = \"Lakeport Health System, Inc.\"\n\n[[decisions]]\nid = \"event-calendar\"",
    )]);
    let found = findings(&source);
    assert!(
        found.contains("error[E0301]: the id \"steering-group\" is used by another partner, body or organisation"),
        "{found}"
    );
    let source = example_with(&[(
        "[[decisions]]\nid = \"event-calendar\"",
        "[[organisations]]\nid = \"lakeport-health\"\nname = \"Lakeport Health\"\nparent_of = [\"lakeport\"]\n\n[[decisions]]\nid = \"event-calendar\"",
    )]);
    assert!(
        findings(&source).contains("error[E0302]: no partner has the id \"lakeport\""),
        "{}",
        findings(&source)
    );
}

#[test]
fn remote_attendance_is_mentioned_only_when_the_charter_states_it() {
    let remote = "remote_attendance = true\n";
    let without = markdown(&example_with(&[(remote, "")]));
    assert!(!without.contains("Members may attend"), "{without}");
    assert!(!without.contains("in person"), "{without}");
    assert!(markdown(&example_with(&[])).contains(" Members may attend remotely."));
    let in_person = markdown(&example_with(&[(remote, "remote_attendance = false\n")]));
    assert!(
        in_person.contains(" Members attend in person."),
        "{in_person}"
    );
}

#[test]
fn the_removal_of_confidential_information_is_a_clause_only_when_the_charter_states_it() {
    let clause = "A partner may require the removal of its own confidential information, but not of results.";
    let removal = "confidential_removal = true\n";
    let without = markdown(&example_with(&[(removal, "")]));
    assert!(!without.contains(clause), "{without}");
    assert!(markdown(&example_with(&[])).contains(clause));
}

#[test]
fn whether_a_chair_may_serve_again_is_said_only_when_the_charter_states_it() {
    let renewable = "renewable = true\n";
    let without = markdown(&example_with(&[(renewable, "")]));
    assert!(
        without.contains("for a term of 1 year.\n"),
        "neither renewable nor not: {without}"
    );
    assert!(!without.contains("renewable"), "{without}");
    assert!(markdown(&example_with(&[])).contains("for a term of 1 year, renewable."));
    let not = markdown(&example_with(&[(renewable, "renewable = false\n")]));
    assert!(
        not.contains("for a term of 1 year, not renewable."),
        "{not}"
    );
}

#[test]
fn a_threshold_renders_as_written_and_a_primary_metric_says_so() {
    let md = markdown(&example_with(&[(
        "at_least = 95\n",
        "at_least = 95.0\nprimary = true\n",
    )]));
    assert!(md.contains("(the primary metric): at least 95.0"), "{md}");
    let plain = markdown(&example_with(&[]));
    assert!(!plain.contains("primary metric"), "{plain}");
    assert!(plain.contains("at least 95"), "{plain}");
    assert!(!plain.contains("at least 95.0"), "{plain}");
}

#[test]
fn a_cap_on_the_total_publication_delay_is_written_only_when_stated() {
    const CAP: &str = "hold a manuscript back for at most";
    let plain = markdown(&example_with(&[]));
    assert!(!plain.contains(CAP), "{plain}");
    let capped = example_with(&[(
        "[publication]\n",
        "[publication]\nmax_total_delay = \"120 days\"\n",
    )]);
    let md = markdown(&capped);
    assert!(md.contains(&format!("{CAP} 120 days.")), "{md}");
}
