//! Background IP item by item, and the Lambert Toolkit's models as a vocabulary: the items are listed
//! with their owners and anchors, a model fills in the ownership and licences it implies, a charter whose
//! own terms depart from it says so and is warned of (W0591, accepted by an exception), `rename-id`
//! follows the partners a model names, and `charter diff` compares the new terms.

mod common;

use common::{charter, edited, markdown, run_stdin, stderr_of, term_changes};

const FIXTURE: &str = "tests/fixtures/valid/lambert-deviation.toml";
const RESEARCH: &str = "charters/academic-industry-research.toml";
const MODEL_4: &str =
    "lambert = { model = \"4\", institution = \"riverside\", collaborator = \"cardinal-bay\" }";
const ASSAYS: &str = "\n[[ip.foreground]]\nid = \"assays\"\ncategory = \"Assays of inflammasome activity\"\nownership = \"partner\"\nowner = \"riverside\"\n\n[term]";

fn checked(text: &str) -> (Option<i32>, String) {
    let (code, _, stderr) = run_stdin(&["check", "--deny-warnings", "-"], text);
    (code, stderr)
}

#[test]
fn background_items_are_listed_with_their_owners_and_anchors() {
    let md = markdown(&edited(FIXTURE, &[]));
    assert!(
        md.contains("Each partner keeps the background IP it brings. Background IP brought to the partnership includes:\n\n- <a id=\"background-cbt-417\"></a>Patents, know-how and data on CBT-417 and its analogues, owned by Cardinal Bay\n"),
        "{md}"
    );
    // A cross-reference to an item cites the background-IP clause.
    let cited = markdown(&edited(
        FIXTURE,
        &[(
            "scope = \"Laboratory studies of CBT-417 at Riverside University.\"",
            "scope = \"Laboratory studies of CBT-417 (see [[clause:background-cbt-417]]).\"",
        )],
    ));
    assert!(
        cited.contains("(see [§4.1](#background-cbt-417))"),
        "{cited}"
    );
    let unknown = edited(
        FIXTURE,
        &[(
            "owner = \"cardinal-bay\"\n\n[term]",
            "owner = \"cardinal\"\n\n[term]",
        )],
    );
    let (code, stderr) = checked(&unknown);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0302"), "{stderr}");
    assert!(
        stderr.contains("did you mean \"cardinal-bay\"?"),
        "{stderr}"
    );
}

#[test]
fn a_model_fills_in_the_ownership_and_licences_it_implies() {
    let md = markdown(&edited(FIXTURE, &[]));
    assert!(
        md.contains("**4.2 Lambert model.** The partners adopt Lambert model 4 of the Lambert Toolkit, with Riverside University as the institution and Cardinal Bay as the collaborator.\n"),
        "{md}"
    );
    assert!(
        md.contains("<a id=\"foreground-lambert-results\"></a>**4.3 The results of the project.** New intellectual property in this category is owned by Cardinal Bay.\n"),
        "{md}"
    );
    assert!(
        md.contains("<a id=\"licence-lambert-academic\"></a>**4.4 Licence.** The owners grant Riverside University a non-exclusive licence to: The results of the project; for academic purposes.\n"),
        "{md}"
    );
    // Model 5 reserves no right to the institution; consortium model A licenses every partner.
    let five = markdown(&edited(FIXTURE, &[("model = \"4\"", "model = \"5\"")]));
    assert!(!five.contains("**4.4 Licence.**"), "{five}");
    let a = markdown(&edited(
        FIXTURE,
        &[(MODEL_4, "lambert = { model = \"A\" }")],
    ));
    assert!(
        a.contains("The partners adopt Lambert consortium model A of the Lambert Toolkit.\n"),
        "{a}"
    );
    assert!(
        a.contains("is owned by the partner whose staff create it.\n"),
        "{a}"
    );
    assert!(
        a.contains("The owners grant Riverside University and Cardinal Bay a non-exclusive licence to: The results of the project; for the purposes of the project and any other purpose.\n"),
        "{a}"
    );
    // Consortium model C implies nothing the typed terms can say: only its name is written.
    let c = markdown(&edited(
        FIXTURE,
        &[(MODEL_4, "lambert = { model = \"C\" }")],
    ));
    assert!(
        c.contains("The partners adopt Lambert consortium model C of the Lambert Toolkit.\n"),
        "{c}"
    );
    assert!(!c.contains("foreground-lambert-results"), "{c}");
}

#[test]
fn a_departure_is_stated_in_the_charter_and_warned_of_until_accepted() {
    let departing = edited(FIXTURE, &[("\n[term]", ASSAYS)]);
    let (code, stderr) = checked(&departing);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("warning[W0591]: \"Assays of inflammasome activity\" is owned by \"riverside\", and under Lambert model 4 the results are owned by \"cardinal-bay\""),
        "{stderr}"
    );
    let md = markdown(&departing);
    assert!(
        md.contains("This departs from Lambert model 4 in that new intellectual property in the category \"Assays of inflammasome activity\" is owned by Riverside University, where under the model the results are owned by Cardinal Bay.\n"),
        "{md}"
    );
    // The model's licence is over the results owned as the model has them: none here.
    assert!(!md.contains("licence-lambert-academic"), "{md}");
    // Following the hint silences the warning; so does an exception, which the annex records.
    let fixed = departing.replace("owner = \"riverside\"", "owner = \"cardinal-bay\"");
    assert_eq!(checked(&fixed).0, Some(0));
    let accepted = format!(
        "{departing}\n[[exceptions]]\nrule = \"W0591\"\nat = \"assays\"\nreason = \"Riverside developed the assays before the project.\"\n"
    );
    let (code, stderr) = checked(&accepted);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(markdown(&accepted).contains("W0591 lambert-deviation"));
}

#[test]
fn written_licences_that_miss_the_models_licence_are_a_departure() {
    let text = edited(
        FIXTURE,
        &[(
            "\n[term]",
            "\n[[ip.licences]]\nid = \"company-only\"\ncovers = [\"lambert-results\"]\nto = [\"cardinal-bay\"]\nkind = \"exclusive\"\npurposes = [\"commercial use\"]\n\n[term]",
        )],
    );
    let (code, stderr) = checked(&text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("Lambert model 4 grants \"riverside\" a non-exclusive licence for academic purposes, and no `[[ip.licences]]` entry grants it"),
        "{stderr}"
    );
    let md = markdown(&text);
    assert!(
        md.contains("This departs from Lambert model 4 in that the partners grant Riverside University no non-exclusive licence for academic purposes.\n"),
        "{md}"
    );
}

#[test]
fn a_model_without_its_parties_is_refused() {
    let text = edited(
        FIXTURE,
        &[(
            MODEL_4,
            "lambert = { model = \"B\", institution = \"riverside\" }",
        )],
    );
    let (code, stderr) = checked(&text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("Lambert consortium model B assigns the results to a lead exploitation party, and `[ip.lambert]` names no `lead`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Lambert consortium model B has no use for `institution`"),
        "{stderr}"
    );
}

#[test]
fn rename_id_follows_the_partners_a_model_and_a_background_item_name() {
    let text = edited(FIXTURE, &[]);
    let out = charter()
        .args(["rename-id", "cardinal-bay", "cardinal", "-"])
        .write_stdin(text.clone())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let renamed = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        renamed.contains("collaborator = \"cardinal\" }"),
        "{renamed}"
    );
    assert!(renamed.contains("owner = \"cardinal\"\n"), "{renamed}");
    assert!(!renamed.contains("\"cardinal-bay\""), "{renamed}");
    // An item's id is renamed with the cross-references to its anchor.
    let cited = edited(
        FIXTURE,
        &[(
            "at Riverside University.\"",
            "(see [[clause:background-cbt-417]]).\"",
        )],
    );
    let out = charter()
        .args(["rename-id", "cbt-417", "compound", "-"])
        .write_stdin(cited)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let renamed = String::from_utf8(out.stdout).expect("utf-8");
    assert!(renamed.contains("id = \"compound\"\n"), "{renamed}");
    assert!(
        renamed.contains("[[clause:background-compound]]"),
        "{renamed}"
    );
}

#[test]
fn the_diff_compares_the_model_and_the_background_items() {
    let old = edited(FIXTURE, &[]);
    let new = edited(
        FIXTURE,
        &[
            ("model = \"4\"", "model = \"5\""),
            (
                "owner = \"cardinal-bay\"\n\n[term]",
                "owner = \"cardinal-bay\"\n\n[[ip.background_items]]\nid = \"kidney-models\"\ndescription = \"Mouse models of diabetic kidney disease\"\nowner = \"riverside\"\n\n[term]",
            ),
        ],
    );
    let report = term_changes(&old, &new);
    assert!(report.contains("Lambert model"), "{report}");
    assert!(
        report.contains("\"4\"") || report.contains(" 4 "),
        "{report}"
    );
    assert!(report.contains("Background IP item"), "{report}");
    assert!(
        report.contains("Mouse models of diabetic kidney disease"),
        "{report}"
    );
    // The example starts from model 2 and accepts each departure.
    let research = edited(RESEARCH, &[]);
    let md = markdown(&research);
    assert!(
        md.contains("The partners adopt Lambert model 2 of the Lambert Toolkit, with Halvorsen University as the institution and Cardinal Bay as the collaborator. This departs from Lambert model 2 in that"),
        "{md}"
    );
}
