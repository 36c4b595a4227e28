//! A partner's withdrawal: the day of its notice and the day it took effect, said only when stated;
//! the duties that survive it, named in its clause and kept in its checklist, dated from its
//! withdrawal and under the keys they had before it.

mod common;

use common::run_stdin as run;

const WITHDRAWN: &str = "tests/fixtures/valid/surviving-confidentiality-without-clause.toml";
const SURVIVING: &str = "surviving = { confidentiality = true }\n";

/// The valid fixture with a data flow Medivance received before it withdrew, whose duties survive.
fn with_flow(surviving: &str) -> String {
    let mut text = common::edited(WITHDRAWN, &[(SURVIVING, surviving)]);
    text.push_str(
        "\n[[data_flows]]\nid = \"audit-extract\"\nname = \"Audit extract\"\nprovider = \"lakeside\"\nrecipients = [\"hillcrest\"]\ncategories = [\"antibiotic timing\"]\nidentifiability = \"aggregate\"\nagreement = \"charter_only\"\npermitted_uses = [\"the audit\"]\nstorage = \"Lakeside's audit server\"\naccess = \"Audit staff\"\nend_of_use = \"destroy\"\nend_within = \"30 days\"\ncertified = true\nbreach_notification = \"5 days\"\n",
    );
    text
}

fn output(args: &[&str], text: &str) -> String {
    let (code, out, stderr) = run(args, text);
    assert_eq!(code, Some(0), "{stderr}");
    out
}

#[test]
fn the_clause_names_what_survives_and_only_when_stated() {
    let both = "withdrawal_notified = 2026-01-15\nwithdrawn = 2026-03-01\nsurviving = { flows = [\"audit-extract\"], confidentiality = true }\n";
    let text = with_flow("").replace("withdrawn = 2026-03-01\n", both);
    let doc = output(&["render", "--format", "md", "-o", "-", "-"], &text);
    assert!(
        doc.contains("It gave notice of its withdrawal on 2026-01-15 and withdrew from the partnership on 2026-03-01; it holds no seat and receives no data, and only these terms still bind it: its duties as a recipient of \"Audit extract\" to report breaches and to return or destroy the data and confidentiality."),
        "{doc}"
    );
    // Without the new keys, the words every earlier release wrote.
    let plain = output(
        &["render", "--format", "md", "-o", "-", "-"],
        &with_flow(""),
    );
    assert!(
        plain.contains("It withdrew from the partnership on 2026-03-01; it holds no seat and receives no data, and only the terms that survive withdrawal still bind it."),
        "{plain}"
    );
    assert!(!plain.contains("gave notice"), "{plain}");
}

#[test]
fn surviving_duties_stay_in_the_checklist_dated_from_the_withdrawal() {
    let text = with_flow("surviving = { flows = [\"audit-extract\"], confidentiality = true }\n");
    let items: Vec<serde_json::Value> = common::checklist_items(&text)
        .into_iter()
        .filter(|i| i["owner_id"] == "medivance")
        .collect();
    let find = |key: &str| {
        items
            .iter()
            .find(|i| i["key"] == key)
            .unwrap_or_else(|| panic!("no {key} in {items:?}"))
    };
    let destroy = find("flow.audit-extract.medivance.end-of-use");
    assert!(
        destroy["action"]
            .as_str()
            .is_some_and(|a| a.ends_with("(survives its withdrawal)")),
        "{destroy}"
    );
    assert_eq!(destroy["timing"]["date"], "2026-03-31", "{destroy}");
    find("flow.audit-extract.medivance.breach");
    let keep = find("confidentiality.medivance");
    assert_eq!(keep["timing"]["kind"], "date", "{keep}");
    // No access review survives: the partner has no access left to review.
    assert!(
        items.iter().all(|i| !i["key"]
            .as_str()
            .is_some_and(|k| k.ends_with("access-review"))),
        "{items:?}"
    );

    // Without `surviving`, the withdrawn partner has no items.
    let without = common::checklist_items(&with_flow(""));
    assert!(
        without.iter().all(|i| i["owner_id"] != "medivance"),
        "{without:?}"
    );
}

#[test]
fn a_pending_withdrawal_says_when_it_takes_effect() {
    let text = common::edited(
        WITHDRAWN,
        &[(
            "withdrawn = 2026-03-01\n",
            "withdrawal_notified = 2026-03-01\n",
        )],
    );
    let doc = output(&["render", "--format", "md", "-o", "-", "-"], &text);
    assert!(
        doc.contains("It gave notice of its withdrawal on 2026-03-01; its withdrawal takes effect on 2026-03-31, 30 days after its notice, and then only these terms still bind it: confidentiality."),
        "{doc}"
    );
    assert!(doc.contains("Medivance\") takes part"), "{doc}");
}

#[test]
fn a_change_of_what_survives_is_a_term_change() {
    let old = with_flow("surviving = { confidentiality = true }\n");
    let new = with_flow("surviving = { flows = [\"audit-extract\"], confidentiality = true }\n");
    let report = common::term_changes(&old, &new);
    assert!(report.contains("surviving"), "{report}");
}

#[test]
fn an_unknown_flow_is_located_with_a_suggestion() {
    let text = with_flow("surviving = { flows = [\"audit-extrct\"] }\n");
    let (code, _, stderr) = run(&["check", "-"], &text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0302"), "{stderr}");
    assert!(
        stderr.contains("did you mean \"audit-extract\"?"),
        "{stderr}"
    );
}
