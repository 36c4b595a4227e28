//! The governance forms real charters use for deciding and for conflicts: consensus first with a vote if
//! it fails, lazy consensus, votes recorded by name, recusal from the vote only, the chair deciding case
//! by case, and disclosure as and when a conflict arises. For each, the real binary renders the sentence
//! from a charter that states the term and not from one that does not; `check` and `diff` follow.

mod common;

use std::fs;

use charter::diagnostic::format_short;
use charter::pipeline::check;
use charter::source::Source;
use common::{charter, stderr_of, term_changes as terms};

const UK: &str = "charters/uk-data-access-committee.toml";
const EHR: &str = "charters/regional-ehr-consortium.toml";

/// An example with each `(old, new)` edit made once; every `old` must be there.
fn example_with(path: &str, edits: &[(&str, &str)]) -> String {
    common::edited(path, edits)
}

/// What `charter render - --format FORMAT -o -` prints for `text`, which must render.
fn rendered(text: &str, format: &str) -> String {
    let out = charter()
        .args(["render", "-", "--format", format, "-o", "-"])
        .write_stdin(text.to_owned())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// What `charter check -` reports for `text`, and its exit code.
fn checked(text: &str) -> (Option<i32>, String) {
    let out = charter()
        .args(["check", "-"])
        .write_stdin(text.to_owned())
        .output()
        .expect("runs");
    (out.status.code(), stderr_of(&out))
}

/// Asserts that the Markdown and the HTML of `with` say `sentence` and those of `without` do not.
fn said_only_when_stated(with: &str, without: &str, sentence: &str) {
    for format in ["md", "html"] {
        let (yes, no) = (rendered(with, format), rendered(without, format));
        // The HTML escapes an apostrophe; compare the words either way.
        let found = |doc: &str| {
            doc.replace("&#x27;", "'")
                .replace("&#39;", "'")
                .contains(sentence)
        };
        assert!(found(&yes), "{format} does not say {sentence:?}:\n{yes}");
        assert!(
            !found(&no),
            "{format} says {sentence:?} with no term behind it"
        );
    }
}

const CONSENSUS_THEN: &str = "the members first seek consensus; if a member formally objects, the matter is put to a vote and passes with a majority of all voting members. Each member's vote is recorded by name in the minutes.";
const LAZY: &str = "a proposal passes unless a member objects within 10 days; silence within that time is consent.";

/// The UK example as it was before it used the new forms of decision.
fn uk_without_forms() -> String {
    example_with(
        UK,
        &[
            (
                "rule = { consensus_then = \"majority_body\" }\nroll_call = true\n",
                "rule = \"majority_body\"\n",
            ),
            ("approval_lasts = \"1 year\"\n", ""),
            (
                "rule = { lazy_consensus = \"10 days\" }",
                "rule = \"majority_body\"",
            ),
        ],
    )
}

#[test]
fn consensus_first_and_lazy_consensus_are_written_only_when_stated() {
    let with = example_with(UK, &[]);
    let without = uk_without_forms();
    said_only_when_stated(&with, &without, CONSENSUS_THEN);
    said_only_when_stated(&with, &without, LAZY);
    said_only_when_stated(&with, &without, "How these decisions are taken");
    let md = rendered(&with, "md");
    assert!(
        md.contains("| Consensus, then majority of the body |"),
        "{md}"
    );
    assert!(md.contains("| Lazy consensus (10 days) |"), "{md}");
}

#[test]
fn the_example_that_uses_the_forms_checks_clean() {
    let (code, stderr) = checked(&example_with(UK, &[]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("warning["), "{stderr}");
}

#[test]
fn a_body_that_records_every_vote_by_name_says_so_once() {
    let sentence = "Each vote at its meetings is recorded in the minutes with the name of each member and how they voted.";
    let board = "electronic = { rule = \"same_as_meetings\" }\nremote_attendance = true\n";
    let with = example_with(EHR, &[(board, &format!("{board}roll_call = true\n"))]);
    let without = example_with(EHR, &[]);
    said_only_when_stated(&with, &without, sentence);
    // A decision of that body recorded by name is not said again.
    let also = with.replacen(
        "rule = \"unanimity\"",
        "rule = \"unanimity\"\nroll_call = true",
        1,
    );
    assert!(!rendered(&also, "md").contains("How these decisions are taken"));
    let (code, stderr) = checked(&also);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn recusal_from_the_vote_only_is_written_only_when_stated() {
    let general = "[\"disclosure\", \"recusal\", \"chair_decides\"]";
    let with = example_with(
        UK,
        &[(
            general,
            "[\"disclosure\", \"recusal_from_vote\", \"chair_decides\"]",
        )],
    );
    let without = example_with(UK, &[]);
    said_only_when_stated(
        &with,
        &without,
        "A member with a conflict takes part in the discussion but does not vote on:",
    );
    said_only_when_stated(
        &without,
        &with,
        "A member with a conflict leaves the discussion and the vote on:",
    );
    // The declared conflict of the example is managed by recusal from the vote only.
    let declared = "[\"disclosure\", \"recusal_from_vote\"]";
    let strict = example_with(UK, &[(declared, "[\"disclosure\", \"recusal\"]")]);
    said_only_when_stated(&without, &strict, "and recusal from the vote only.");
}

#[test]
fn the_chair_deciding_and_disclosure_as_and_when_are_written_only_when_stated() {
    let with = example_with(UK, &[]);
    let without = example_with(
        UK,
        &[
            (
                "[\"on_joining\", \"new_interest\", \"as_and_when\"]",
                "[\"on_joining\", \"new_interest\"]",
            ),
            (
                "[\"disclosure\", \"recusal\", \"chair_decides\"]",
                "[\"disclosure\", \"recusal\"]",
            ),
        ],
    );
    said_only_when_stated(
        &with,
        &without,
        "Data Access Committee receives disclosures, and its chair decides case by case how each conflict is managed.",
    );
    said_only_when_stated(&with, &without, "as and when a conflict arises");
}

#[test]
fn a_contradictory_form_is_reported_where_it_is_written() {
    let bad = example_with(
        UK,
        &[(
            "rule = { lazy_consensus = \"10 days\" }",
            "rule = \"lazy_consensus\"",
        )],
    );
    let (code, stderr) = checked(&bad);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0454"), "{stderr}");
    assert!(
        stderr.contains("rule = { lazy_consensus = \"7 days\" }"),
        "{stderr}"
    );
    let source = Source::new(UK, bad.into_bytes());
    let short = format_short(&source, &check(&source).1);
    let line = short.split(':').nth(1).expect("a line number");
    let text = fs::read_to_string(common::root().join(UK)).expect("example");
    let expected = text
        .lines()
        .position(|l| l.contains("lazy_consensus"))
        .expect("the rule")
        + 1;
    assert_eq!(line, expected.to_string(), "{short}");
}

#[test]
fn a_change_of_form_reads_as_words_in_the_diff() {
    let text = terms(&uk_without_forms(), &example_with(UK, &[]));
    assert!(
        text.contains("majority_body → consensus, then majority_body"),
        "{text}"
    );
    assert!(
        text.contains("majority_body → lazy consensus within 10 days"),
        "{text}"
    );
    assert!(text.contains("votes recorded by name"), "{text}");
    let old = example_with(UK, &[]);
    let new = example_with(
        UK,
        &[(
            "[\"disclosure\", \"recusal_from_vote\"]",
            "[\"disclosure\", \"recusal\"]",
        )],
    );
    let text = terms(&old, &new);
    assert!(text.contains("recusal_from_vote"), "{text}");
}

#[test]
fn an_amendment_takes_the_forms_a_decision_takes() {
    let unanimity = "rule = \"unanimity\"\nnotice = \"30 days\"";
    let consensus_first = example_with(
        UK,
        &[(
            unanimity,
            "rule = { consensus_then = \"unanimity\" }\nnotice = \"30 days\"",
        )],
    );
    said_only_when_stated(
        &consensus_first,
        &example_with(UK, &[]),
        "amended by the Data Access Committee by consensus or, if consensus fails, by unanimity of all voting members, on at least 30 days' notice",
    );
    // Lazy consensus is as strict as consensus, weaker than the unanimity a decision needs: W0429
    // applies where the amended terms need not be signed by all, as adopted terms of reference are not.
    let lazy = example_with(
        UK,
        &[(
            unanimity,
            "rule = { lazy_consensus = \"14 days\" }\nnotice = \"30 days\"",
        )],
    );
    let (code, stderr) = checked(&lazy);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("W0429"), "{stderr}");
    let without_window = example_with(
        UK,
        &[(unanimity, "rule = \"lazy_consensus\"\nnotice = \"30 days\"")],
    );
    let (code, stderr) = checked(&without_window);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0454"), "{stderr}");
}

#[test]
fn recusal_from_the_vote_only_takes_seats_from_a_vote_but_not_from_lazy_consensus() {
    // The declared conflict recuses from the vote on a decision by lazy consensus: nothing to block.
    let (code, stderr) = checked(&example_with(UK, &[]));
    assert_eq!(code, Some(0), "{stderr}");
    // The same conflict on a unanimous vote leaves it impossible.
    let unanimous = example_with(
        UK,
        &[(
            "rule = { lazy_consensus = \"10 days\" }",
            "rule = \"unanimity\"",
        )],
    );
    let (code, stderr) = checked(&unanimous);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0428"), "{stderr}");
}

const ACADEMIC: &str = "charters/academic-industry-research.toml";
const GATE_RULE: &str = "rule = { at_least = \"4/5\", of = \"all_seats\" }";

#[test]
fn a_threshold_written_out_reads_in_words_and_in_the_diff() {
    let with = example_with(ACADEMIC, &[]);
    let md = rendered(&with, "md");
    assert!(md.contains("| At least four fifths of the body |"), "{md}");
    let named = example_with(ACADEMIC, &[(GATE_RULE, "rule = \"two_thirds_body\"")]);
    let text = terms(&named, &with);
    assert!(
        text.contains("two_thirds_body → at_least 4/5 of all_seats"),
        "{text}"
    );
    // Inside a consensus first, the threshold is the vote's, written in words in the clause after the
    // matrix.
    let consensus_first = example_with(
        ACADEMIC,
        &[(
            GATE_RULE,
            "rule = { consensus_then = { more_than = \"1/2\", of = \"all_seats\" } }",
        )],
    );
    said_only_when_stated(
        &consensus_first,
        &with,
        "if a member formally objects, the matter is put to a vote and passes with more than half of all voting members",
    );
}

#[test]
fn a_threshold_is_checked_by_its_arithmetic() {
    let with = |rule: &str| example_with(ACADEMIC, &[(GATE_RULE, rule)]);
    let (code, stderr) = checked(&with("rule = { at_least = \"1/2\", of = \"all_seats\" }"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("W0530"), "{stderr}");
    assert!(
        stderr.contains("an evenly split vote passes the motion, and would pass its opposite too"),
        "{stderr}"
    );
    let (code, stderr) = checked(&with("rule = { more_than = \"1/3\", of = \"present\" }"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "passes with more than one third of the voting members present, less than half"
        ),
        "{stderr}"
    );
    // Counted on the votes cast, members who abstain can leave an even number of votes: a tie, with no
    // casting vote and no escalation; and an electronic vote may pass with one vote.
    let (_, stderr) = checked(&with("rule = { more_than = \"1/2\", of = \"votes_cast\" }"));
    assert!(stderr.contains("W0430"), "{stderr}");
    assert!(stderr.contains("W0437"), "{stderr}");
    // A threshold cannot ask for more than every vote, nor leave out what it counts.
    for (rule, says) in [
        ("{ more_than = \"1/1\", of = \"present\" }", "more than all"),
        ("{ at_least = \"2/3\" }", "needs `of`"),
        (
            "{ at_least = \"3/2\", of = \"present\" }",
            "not a fraction between 0 and 1",
        ),
        (
            "{ at_least = \"2/3\", more_than = \"1/2\", of = \"present\" }",
            "not both",
        ),
    ] {
        let (code, stderr) = checked(&with(&format!("rule = {rule}")));
        assert_eq!(code, Some(1), "{rule}: {stderr}");
        assert!(stderr.contains(says), "{rule}: {stderr}");
    }
}

#[test]
fn the_arithmetic_of_a_named_rule_is_exact() {
    // With 4 of 7 seats, Cardinal Bay holds a majority but not the two thirds (5) the research plan
    // needs, so it cannot pass it alone; with 7 of 10 it can.
    let plan = "id = \"research-plan\"\nmatter = \"Approve the annual research plan and its milestones\"\nbody = \"jrc\"\nrule = \"two_thirds_body\"";
    let concerning = |seats: &str| {
        example_with(
            ACADEMIC,
            &[
                (plan, &format!("{plan}\nconcerns = [\"cardinal-bay\"]")),
                (
                    "role = \"chief scientific officer and clinical operations\", seats = 2",
                    &format!(
                        "role = \"chief scientific officer and clinical operations\", seats = {seats}"
                    ),
                ),
            ],
        )
    };
    let (_, stderr) = checked(&concerning("4"));
    assert!(!stderr.contains("E0488"), "{stderr}");
    let (_, stderr) = checked(&concerning("7"));
    assert!(stderr.contains("E0488"), "{stderr}");
}
