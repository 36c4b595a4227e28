//! Data access governance: who may apply, the decisions on requests and outputs, the secure environment,
//! an embargo, and the controllers and processors. The real binary renders each sentence only from a
//! charter that states its term; `check`, the checklist, coverage and `diff` follow.

mod common;

use common::{checklist_items, edited, run_stdin, term_changes};

const UK: &str = "charters/uk-data-access-committee.toml";

const ACCESS: &str = "[data_access]\napplicants = [\"partners\", \"non_partners\"]\napplicant_agreement = \"Harbourside's Data Access Agreement\"\nrequests = \"access-request\"\nenvironment = { name = \"the Cobalt trusted research environment\", operator = \"cobalt-data\" }\noutputs = \"output-release\"\ncontrollers = [\"harbourside\"]\nprocessors = [\"cobalt-data\"]\n";

/// The UK example with its `[data_access]` table replaced by `table`.
fn uk_with(table: &str) -> String {
    edited(UK, &[(ACCESS, table)])
}

fn rendered(text: &str, format: &str) -> String {
    let (code, out, stderr) = run_stdin(&["render", "-", "--format", format, "-o", "-"], text);
    assert_eq!(code, Some(0), "{stderr}");
    out.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

fn checked(text: &str) -> (Option<i32>, String) {
    let (code, _, stderr) = run_stdin(&["check", "-"], text);
    (code, stderr)
}

#[test]
fn each_sentence_is_written_only_for_its_term() {
    let sentences = [
        (
            "applicants = [\"partners\", \"non_partners\"]\n",
            "Researchers of the partners and researchers who are not partners may apply for access to the data.",
        ),
        (
            "applicant_agreement = \"Harbourside's Data Access Agreement\"\n",
            "An applicant who is not a partner signs Harbourside's Data Access Agreement before access.",
        ),
        (
            "requests = \"access-request\"\n",
            "Each request is decided by the Data Access Committee",
        ),
        (
            "environment = { name = \"the Cobalt trusted research environment\", operator = \"cobalt-data\" }\n",
            "Approved researchers use the data only inside the Cobalt trusted research environment, which Cobalt operates.",
        ),
        (
            "outputs = \"output-release\"\n",
            "No output leaves the environment until it is approved by the Data Access Committee",
        ),
        (
            "controllers = [\"harbourside\"]\n",
            "Harbourside is the controller of the data.",
        ),
        (
            "processors = [\"cobalt-data\"]\n",
            "Cobalt processes it only on Harbourside's documented instructions, as a processor.",
        ),
    ];
    let with = edited(UK, &[]);
    for format in ["md", "html"] {
        let all = rendered(&with, format);
        assert!(all.contains("Access to the data"), "{all}");
        for (key, sentence) in sentences {
            assert!(all.contains(sentence), "{format} lacks {sentence:?}");
            let mut table = ACCESS.replace(key, "");
            // Without the agreement, researchers who are not partners are warned about, not refused.
            if key.starts_with("applicants") {
                table = table.replace(
                    "applicant_agreement = \"Harbourside's Data Access Agreement\"\n",
                    "",
                );
            }
            let without = rendered(&uk_with(&table), format);
            assert!(
                !without.contains(sentence),
                "{format} says {sentence:?} with no `{key}`"
            );
        }
        // Without the table, no clause at all.
        let none = rendered(&uk_with(""), format);
        assert!(!none.contains("Access to the data"), "{format}");
    }
}

#[test]
fn an_embargo_and_an_output_review_without_an_environment_read_in_words() {
    let text = uk_with("[data_access]\noutputs = \"output-release\"\nembargo = \"3 months\"\n");
    let md = rendered(&text, "md");
    assert!(
        md.contains("No output is released until it is approved by the Data Access Committee"),
        "{md}"
    );
    assert!(
        md.contains(
            "An output approved for release is not published until 3 months after its approval."
        ),
        "{md}"
    );
    let items = checklist_items(&text);
    assert!(
        items
            .iter()
            .any(|i| i["action"] == "Approve or refuse the release of each output"),
        "{items:?}"
    );
}

#[test]
fn the_example_checks_clean_and_its_reviewing_body_has_the_output_item() {
    let text = edited(UK, &[]);
    let (code, stderr) = checked(&text);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("warning["), "{stderr}");
    let items = checklist_items(&text);
    let item = items
        .iter()
        .find(|i| {
            i["action"] == "Approve or refuse the release of each output from the Cobalt trusted research environment"
        })
        .expect("the output item");
    assert_eq!(item["owner"], "Data Access Committee", "{item}");
    let (code, out, stderr) = run_stdin(&["check", "--coverage", "-"], &text);
    assert_eq!(code, Some(0), "{stderr}");
    let report = format!("{out}{stderr}");
    assert!(report.contains("data access: who may apply"), "{report}");
}

#[test]
fn roles_and_agreements_are_checked_against_the_flows() {
    let both = uk_with(&ACCESS.replace(
        "controllers = [\"harbourside\"]",
        "controllers = [\"harbourside\", \"cobalt-data\"]",
    ));
    let (code, stderr) = checked(&both);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("\"cobalt-data\" is named both a controller and a processor of the data"),
        "{stderr}"
    );
    // Northfield is not a processor: its flow under a data processing agreement is warned about.
    let northfield = edited(
        UK,
        &[(
            "agreement = \"data_sharing_agreement\"",
            "agreement = \"data_processing_agreement\"",
        )],
    );
    let (_, stderr) = checked(&northfield);
    assert!(stderr.contains("W0536"), "{stderr}");
    assert!(
        stderr.contains("add \"northfield\" to `[data_access] processors`"),
        "{stderr}"
    );
    let unknown = uk_with(&ACCESS.replace(
        "outputs = \"output-release\"",
        "outputs = \"output-relase\"",
    ));
    let (code, stderr) = checked(&unknown);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0302"), "{stderr}");
}

#[test]
fn a_changed_term_of_access_reads_in_the_diff() {
    let old = edited(UK, &[]);
    let new = uk_with(&format!("{ACCESS}embargo = \"3 months\"\n"));
    let text = term_changes(&old, &new);
    assert!(text.contains("Data access"), "{text}");
    assert!(text.contains("3 months"), "{text}");
}

#[test]
fn renaming_a_decision_follows_it_into_data_access() {
    let (code, out, stderr) = run_stdin(
        &[
            "rename-id",
            "output-release",
            "release-of-outputs",
            "-",
            "-o",
            "-",
        ],
        &edited(UK, &[]),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(out.contains("outputs = \"release-of-outputs\""), "{out}");
}
