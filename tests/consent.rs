//! Compound approvals: a decision can need the consent of a group of partners as well as its body's
//! rule. The matrix says whose, only when stated; each of them has a checklist item; nobody outside
//! the group gains a veto; and a change of the group is a term change.

mod common;

use common::run_stdin as run;

const EHR: &str = "charters/regional-ehr-consortium.toml";
const CONSENT: &str = "consent_of = { kinds = [\"health_system\", \"community_hospital\", \"critical_access_hospital\"] }\n";

fn output(args: &[&str], text: &str) -> String {
    let (code, out, stderr) = run(args, text);
    assert_eq!(code, Some(0), "{stderr}");
    out
}

#[test]
fn the_matrix_names_whose_consent_only_when_stated() {
    let doc = output(
        &["render", "--format", "md", "-o", "-", "-"],
        &common::edited(EHR, &[]),
    );
    assert!(
        doc.contains("Two thirds of the body, with the written consent of every partner of the kinds health system, community hospital or critical access hospital (now Cedar Valley Health, Millbrook, Harlan County and Pine Ridge Health)"),
        "{doc}"
    );
    let without = output(
        &["render", "--format", "md", "-o", "-", "-"],
        &common::edited(EHR, &[(CONSENT, "")]),
    );
    assert!(!without.contains("written consent of"), "{without}");
}

#[test]
fn each_consenting_partner_and_no_other_has_an_item() {
    let items = common::checklist_items(&common::edited(EHR, &[]));
    let owners: Vec<&str> = items
        .iter()
        .filter(|i| {
            i["key"]
                .as_str()
                .is_some_and(|k| k.starts_with("decision.secondary-use.consent."))
        })
        .map(|i| i["owner_id"].as_str().expect("owner"))
        .collect();
    assert_eq!(
        owners,
        ["cedar-valley", "millbrook", "harlan-county", "pine-ridge"],
        "{items:?}"
    );
}

#[test]
fn named_partners_are_checked_and_a_change_is_a_term_change() {
    let named = common::edited(
        EHR,
        &[(CONSENT, "consent_of = { partners = [\"milbrook\"] }\n")],
    );
    let (code, _, stderr) = run(&["check", "-"], &named);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0302"), "{stderr}");
    assert!(stderr.contains("did you mean \"millbrook\"?"), "{stderr}");

    let old = common::edited(EHR, &[]);
    let new = common::edited(
        EHR,
        &[(CONSENT, "consent_of = { partners = [\"millbrook\"] }\n")],
    );
    let report = common::term_changes(&old, &new);
    assert!(report.contains("consent"), "{report}");
}

#[test]
fn the_consent_of_every_partner_is_a_veto_warning() {
    let all = common::edited(
        EHR,
        &[(
            CONSENT,
            "consent_of = { kinds = [\"health_system\", \"community_hospital\", \"critical_access_hospital\", \"non_profit\"] }\n",
        )],
    );
    let (code, _, stderr) = run(&["check", "--deny-warnings", "-"], &all);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("W0505"), "{stderr}");
}
