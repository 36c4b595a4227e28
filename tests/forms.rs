//! The forms real charters use: data rules that know the law a flow is made under, and meetings with no
//! fixed cadence, no chair or a chair until replaced, open or closed, with extraordinary meetings on
//! request. For each term, a charter without it renders without its sentence, and a charter with it
//! renders the sentence; `check`, `diff` and the checklist follow.

mod common;

use std::fs;

use charter::diagnostic::format_short;
use charter::pipeline::check;
use charter::render;
use charter::source::Source;

const EXAMPLE: &str = "charters/community-screening-partnership.toml";
const UK: &str = "charters/uk-data-access-committee.toml";

/// An example with each `(old, new)` edit made once; every `old` must be there.
fn example_with(path: &str, edits: &[(&str, &str)]) -> Source {
    let mut text = fs::read_to_string(common::root().join(path)).expect("readable example");
    for (old, new) in edits {
        assert!(text.contains(old), "the example has no {old:?}");
        text = text.replacen(old, new, 1);
    }
    Source::new(path, text.into_bytes())
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

/// The checklist of a source that must check with no finding, as Markdown.
fn checklist(source: &Source) -> String {
    let valid = check(source).0.expect("a valid charter");
    render::checklist_markdown(&valid, source).expect("renders")
}

/// The short diagnostics of a source.
fn findings(source: &Source) -> String {
    let (_, diagnostics) = check(source);
    format_short(source, &diagnostics)
}

/// The term changes between two sources, as text.
fn terms(old: &Source, new: &Source) -> String {
    let text = |s: &Source| String::from_utf8(s.bytes.clone()).expect("utf-8");
    common::term_changes(&text(old), &text(new))
}

// ---------------------------------------------------------------------------------------------------
// The data rules know the law
// ---------------------------------------------------------------------------------------------------

const HIPAA_BREACH: &str =
    "A recipient notifies the provider of any breach within 2 business days of discovering it";

#[test]
fn a_charter_whose_terms_imply_hipaa_keeps_its_checks_and_words() {
    // The screening example names no law, but a Safe Harbor flow implies HIPAA.
    let md = markdown(&example_with(EXAMPLE, &[]));
    assert!(md.contains(HIPAA_BREACH), "{md}");
    assert!(
        !md.contains("subject to"),
        "an implied law is not named: {md}"
    );
    let no_window = example_with(
        EXAMPLE,
        &[("breach_notification = \"2 business days\"\n", "")],
    );
    assert!(
        findings(&no_window).contains("error[E0406]"),
        "{}",
        findings(&no_window)
    );
}

#[test]
fn identified_data_under_no_stated_law_is_warned_of_with_what_to_write() {
    // Without the Safe Harbor flow, nothing in the charter implies HIPAA.
    let unstated = example_with(
        EXAMPLE,
        &[
            (
                "identifiability = \"deidentified_safe_harbor\"",
                "identifiability = \"aggregate\"",
            ),
            (
                "data_ceiling = { tier = \"deidentified\", methods = [\"safe_harbor\"] }\n",
                "",
            ),
            ("breach_notification = \"2 business days\"\n", ""),
        ],
    );
    let found = findings(&unstated);
    assert!(
        !found.contains("E0406"),
        "no HIPAA rule without HIPAA: {found}"
    );
    assert!(
        found.contains("warning[W0453]: \"Registration and referral consent forms\" carries identified health information, but the charter states no data protection law, so none of its rules can be checked (hint: add `privacy_regime = \"uk_gdpr\"` to `[charter]`"),
        "{found}"
    );
    let stated = example_with(
        EXAMPLE,
        &[
            (
                "identifiability = \"deidentified_safe_harbor\"",
                "identifiability = \"aggregate\"",
            ),
            (
                "data_ceiling = { tier = \"deidentified\", methods = [\"safe_harbor\"] }\n",
                "",
            ),
            ("breach_notification = \"2 business days\"\n", ""),
            (
                "jurisdiction = \"State of Ohio, United States\"\n",
                "jurisdiction = \"State of Ohio, United States\"\nprivacy_regime = \"hipaa\"\n",
            ),
        ],
    );
    assert!(
        findings(&stated).contains("error[E0406]"),
        "{}",
        findings(&stated)
    );
}

#[test]
fn a_flow_under_the_uk_gdpr_uses_the_gdpr_words_and_limits() {
    let md = markdown(&example_with(UK, &[]));
    assert!(
        md.contains("Harbourside provides pseudonymised personal data to Cobalt under a data processing agreement (Article 28 of the UK GDPR), subject to the UK GDPR and the Data Protection Act 2018."),
        "{md}"
    );
    assert!(
        md.contains("A recipient notifies the provider of any personal data breach without undue delay, and within 24 hours of becoming aware of it, so that the controller can notify the Information Commissioner within 72 hours where the UK GDPR requires it"),
        "{md}"
    );
    assert!(!md.contains("de-identified"), "{md}");
    assert!(!md.contains("Protected Health Information"), "{md}");
    assert!(md.contains("\"Pseudonymised Data\" means"), "{md}");
    let list = checklist(&example_with(UK, &[]));
    assert!(
        list.contains("Notify Harbourside of any personal data breach of \"Pseudonymised extract for the research environment\""),
        "{list}"
    );
    // 60 days is lawful under HIPAA, but beyond the GDPR's 72 hours.
    let late = example_with(
        UK,
        &[(
            "breach_notification = \"1 day\"",
            "breach_notification = \"60 days\"",
        )],
    );
    let found = findings(&late);
    assert!(!found.contains("E0435"), "{found}");
    assert!(found.contains("warning[W0449]"), "{found}");
    let three_days = example_with(
        UK,
        &[(
            "breach_notification = \"24 hours\"",
            "breach_notification = \"3 days\"",
        )],
    );
    assert_eq!(findings(&three_days), "", "3 days are 72 hours");
    let four_days = example_with(
        UK,
        &[(
            "breach_notification = \"24 hours\"",
            "breach_notification = \"73 hours\"",
        )],
    );
    assert!(findings(&four_days).contains("warning[W0449]"));
}

#[test]
fn a_hipaa_term_under_the_uk_gdpr_is_an_error_that_says_what_to_write() {
    let baa = example_with(
        UK,
        &[(
            "agreement = \"data_processing_agreement\"",
            "agreement = \"business_associate_agreement\"",
        )],
    );
    let found = findings(&baa);
    assert!(
        found.contains("error[E0448]: \"Pseudonymised extract for the research environment\" is made under the UK GDPR, but a business associate agreement is a term of HIPAA (hint: write `agreement = \"data_processing_agreement\"`"),
        "{found}"
    );
    // A flow may state a law of its own, and then HIPAA's terms are its terms.
    let own = example_with(
        UK,
        &[
            (
                "agreement = \"data_processing_agreement\"",
                "agreement = \"business_associate_agreement\"\nregime = \"hipaa\"",
            ),
            (
                "identifiability = \"pseudonymised\"\nagreement = \"business",
                "identifiability = \"limited_data_set\"\nagreement = \"business",
            ),
        ],
    );
    let found = findings(&own);
    assert!(!found.contains("E0448"), "{found}");
}

// ---------------------------------------------------------------------------------------------------
// Meetings as real charters have them
// ---------------------------------------------------------------------------------------------------

const MONTHLY: &str = "The body meets every month, on 10 days' notice.";

#[test]
fn a_cadence_as_needed_or_at_least_is_written_as_stated() {
    let md = markdown(&example_with(EXAMPLE, &[]));
    assert!(md.contains(MONTHLY), "{md}");
    let needed = example_with(
        EXAMPLE,
        &[("cadence = \"monthly\"", "cadence = \"as_needed\"")],
    );
    let md = markdown(&needed);
    assert!(!md.contains(MONTHLY), "{md}");
    assert!(
        md.contains("The body meets as needed, on 10 days' notice."),
        "{md}"
    );
    assert!(
        checklist(&needed).contains("Call each meeting of Joint Steering Group when one is needed"),
        "{}",
        checklist(&needed)
    );
    let yearly = example_with(
        EXAMPLE,
        &[(
            "cadence = \"monthly\"",
            "cadence = { at_least = 1, per = \"year\" }",
        )],
    );
    let md = markdown(&yearly);
    assert!(
        md.contains("The body meets at least once a year, on 10 days' notice."),
        "{md}"
    );
    let diff = terms(&example_with(EXAMPLE, &[]), &yearly);
    assert!(diff.contains("monthly → at least once a year"), "{diff}");
}

#[test]
fn a_body_may_have_no_chair_or_a_chair_until_replaced() {
    const CHAIR: &str = "[bodies.chair]\npartner = \"eastside-neighbors\"\nterm = \"1 year\"\nrenewable = true\ncasting_vote = false\n";
    let md = markdown(&example_with(EXAMPLE, &[]));
    assert!(md.contains("for a term of 1 year, renewable."), "{md}");
    let none = markdown(&example_with(EXAMPLE, &[(CHAIR, "")]));
    assert!(!none.contains("chaired"), "{none}");
    assert!(!none.contains("**4.2 Chair.**"), "{none}");
    let until = markdown(&example_with(
        EXAMPLE,
        &[(
            CHAIR,
            "[bodies.chair]\npartner = \"eastside-neighbors\"\nterm = \"until_replaced\"\n",
        )],
    ));
    assert!(
        until.contains("The body is chaired by the representative of Eastside Neighbors, who serves until replaced."),
        "{until}"
    );
    let no_term = markdown(&example_with(
        EXAMPLE,
        &[(CHAIR, "[bodies.chair]\npartner = \"eastside-neighbors\"\n")],
    ));
    assert!(
        no_term.contains("The body is chaired by the representative of Eastside Neighbors.\n"),
        "{no_term}"
    );
    let renewable = example_with(
        EXAMPLE,
        &[(
            CHAIR,
            "[bodies.chair]\npartner = \"eastside-neighbors\"\nrenewable = true\n",
        )],
    );
    assert!(
        findings(&renewable).contains("error[E0452]"),
        "{}",
        findings(&renewable)
    );
}

#[test]
fn open_or_closed_meetings_are_written_only_when_stated() {
    let md = markdown(&example_with(EXAMPLE, &[]));
    assert!(!md.contains("to the public"), "{md}");
    let open = markdown(&example_with(
        EXAMPLE,
        &[(
            "remote_attendance = true\n",
            "remote_attendance = true\naccess = \"open\"\n",
        )],
    ));
    assert!(
        open.contains("Members may attend remotely. Its meetings are open to the public."),
        "{open}"
    );
    let closed = markdown(&example_with(
        EXAMPLE,
        &[(
            "remote_attendance = true\n",
            "remote_attendance = true\naccess = \"closed\"\n",
        )],
    ));
    assert!(
        closed.contains("Its meetings are closed to the public."),
        "{closed}"
    );
}

#[test]
fn extraordinary_meetings_are_written_checked_compared_and_listed_only_when_stated() {
    let without = example_with(EXAMPLE, &[]);
    assert!(!markdown(&without).contains("extraordinary"));
    assert!(!checklist(&without).contains("extraordinary"));
    let with = example_with(
        EXAMPLE,
        &[(
            "remote_attendance = true\n",
            "remote_attendance = true\nextraordinary = { requested_by = 2, notice = \"5 days\" }\n",
        )],
    );
    let md = markdown(&with);
    assert!(
        md.contains(" An extraordinary meeting is called at the request of at least 2 members, on 5 days' notice."),
        "{md}"
    );
    let list = checklist(&with);
    assert!(
        list.contains("Call an extraordinary meeting of Joint Steering Group at the request of at least 2 members"),
        "{list}"
    );
    assert!(list.contains("on request, with 5 days' notice"), "{list}");
    let diff = terms(&without, &with);
    assert!(diff.contains("extraordinary meetings"), "{diff}");
    let too_many = example_with(
        EXAMPLE,
        &[(
            "remote_attendance = true\n",
            "remote_attendance = true\nextraordinary = { requested_by = 9, notice = \"5 days\" }\n",
        )],
    );
    assert!(
        findings(&too_many).contains("error[E0451]: an extraordinary meeting of \"Joint Steering Group\" needs a request of 9 members, but the body has 5 seats"),
        "{}",
        findings(&too_many)
    );
}
