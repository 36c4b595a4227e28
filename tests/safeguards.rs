//! The safeguards of a data flow (`storage`, `access`, `access_review`, `training`): optional for data
//! that identifies no one and said in the clause only when stated; expected of identifiable data
//! (E0560, E0561, W0562, W0563); and a training refresher (`training = { course, every }`) said in the
//! clause, given to each recipient as a recurring checklist item, checked against the use of the data
//! (W0564) and compared by `charter diff`.

mod common;

use common::markdown as rendered;

use common::run_stdin as run;

const EXAMPLE: &str = "charters/sepsis-advisory-board.toml";

/// The training of the Northstar limited data set, in words.
const NORTHSTAR_TRAINING: &str = "training = \"HIPAA privacy and security training and the sandbox user agreement, before access and every year\"\n";

/// The aggregate flow's safeguards.
const AGGREGATE_STORAGE: &str = "storage = \"Each hospital's secure document repository and the partnership's shared workspace\"\n";
const AGGREGATE_ACCESS: &str =
    "access = \"Members of the partnership's bodies and the staff they designate\"\n";

/// An example with a flow of identified data.
const COMMUNITY: &str = "charters/community-screening-partnership.toml";

fn example_with(edits: &[(&str, &str)]) -> String {
    common::edited(EXAMPLE, edits)
}

fn checked(text: &str) -> (Option<i32>, String) {
    let (code, out, stderr) = run(&["check", "--message-format", "short", "-"], text);
    (code, format!("{out}{stderr}"))
}

/// The clause of a flow in the rendered Markdown: from its anchor to the next clause.
fn clause<'m>(md: &'m str, flow: &str) -> &'m str {
    let anchor = format!("<a id=\"flow-{flow}\"></a>");
    let start = md
        .find(&anchor)
        .unwrap_or_else(|| panic!("no clause {flow}"));
    let rest = &md[start + anchor.len()..];
    let end = rest.find("<a id=").unwrap_or(rest.len());
    &rest[..end]
}

/// Codes of the findings in the short format, in order.
fn codes(report: &str) -> Vec<&str> {
    report
        .lines()
        .filter_map(|l| {
            let at = l.find(": error[").or_else(|| l.find(": warning["))?;
            let rest = &l[at..];
            let open = rest.find('[')? + 1;
            Some(&rest[open..open + 5])
        })
        .collect()
}

#[test]
fn a_flow_without_storage_or_access_renders_no_sentence_for_them() {
    let text = example_with(&[(AGGREGATE_STORAGE, ""), (AGGREGATE_ACCESS, "")]);
    let (code, report) = checked(&text);
    assert_eq!(code, Some(0), "{report}");
    assert!(codes(&report).is_empty(), "{report}");
    let md = rendered(&text);
    let aggregate = clause(&md, "performance-reports");
    assert!(!aggregate.contains("Storage"), "{aggregate}");
    assert!(!aggregate.contains("- Access:"), "{aggregate}");
    assert!(aggregate.contains("- Permitted: "), "{aggregate}");
    // The other flows still say theirs, as they did.
    let northstar = clause(&md, "northstar-extract");
    assert!(
        northstar.contains("- Storage: The Vitalis validation sandbox"),
        "{northstar}"
    );
    assert!(
        northstar.contains("- Access: Named Vitalis data scientists"),
        "{northstar}"
    );
    assert!(
        northstar.contains("- Access rights are reviewed every quarter\n"),
        "{northstar}"
    );
    assert!(
        northstar.contains("- Training before access: HIPAA privacy and security training and the sandbox user agreement, before access and every year\n"),
        "{northstar}"
    );
}

#[test]
fn identified_data_without_training_is_reported_on_the_flow_and_the_hint_silences_it() {
    // The community example's registration forms are identified health information.
    let trained = "training = { course = \"Lakeport General's HIPAA privacy and security training\", every = \"1 year\" }\n";
    let identified = common::edited(COMMUNITY, &[(trained, "")]);
    let (code, report) = checked(&identified);
    // A warning: the charter still checks and renders.
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(codes(&report), ["W0563"], "{report}");
    assert!(
        report.contains("\"Registration and referral consent forms\" carries identified health information but does not say what training comes before access"),
        "{report}"
    );
    assert!(
        report.contains(
            "add `training = { course = \"HIPAA privacy and security training\", every = \"1 year\" }`"
        ),
        "{report}"
    );
    // Located on the flow: the line of its `[[data_flows]]` header.
    let header = identified
        .find("[[data_flows]]\nid = \"registration-forms\"")
        .expect("the flow");
    let line = identified[..header].lines().count() + 1;
    assert!(
        report.contains(&format!("<stdin>:{line}:1: warning[W0563]")),
        "{report}"
    );
    assert!(!rendered(&identified).contains("Training before access"));
    // Following the hint silences it.
    let followed = common::edited(
        COMMUNITY,
        &[(
            trained,
            "training = { course = \"HIPAA privacy and security training\", every = \"1 year\" }\n",
        )],
    );
    let (code, report) = checked(&followed);
    assert_eq!(code, Some(0), "{report}");
    assert!(codes(&report).is_empty(), "{report}");
}

#[test]
fn identifiable_data_without_storage_or_access_is_an_error_one_finding_per_safeguard() {
    let bare = example_with(&[
        (
            "storage = \"The Vitalis validation sandbox: a single-tenant, encrypted cloud enclave in a US region, isolated from Vitalis production systems, with no export of row-level data\"\n",
            "",
        ),
        (
            "access = \"Named Vitalis data scientists and engineers approved by the Data and Technical Working Group, using multi-factor authentication\"\n",
            "",
        ),
        ("access_review = \"quarterly\"\n", ""),
        (NORTHSTAR_TRAINING, ""),
    ]);
    let (code, report) = checked(&bare);
    assert_eq!(code, Some(1), "{report}");
    assert_eq!(
        codes(&report),
        ["E0560", "E0561", "W0562", "W0563"],
        "{report}"
    );
    for key in ["storage", "access", "access_review", "training"] {
        assert!(
            report.contains(&format!("add `{key} = ")),
            "{key}: {report}"
        );
    }
    // Every finding is on the flow itself.
    let header = bare
        .find("[[data_flows]]\nid = \"northstar-extract\"")
        .expect("the flow");
    let line = bare[..header].lines().count() + 1;
    assert_eq!(
        report.matches(&format!("<stdin>:{line}:1: ")).count(),
        4,
        "{report}"
    );
    // `render` refuses it, as it refused a flow without `storage` before.
    let (code, _, stderr) = run(&["render", "--format", "md", "-o", "-", "-"], &bare);
    assert_eq!(code, Some(1), "{stderr}");
}

#[test]
fn the_table_form_of_training_renders_and_reaches_the_checklist_with_its_cadence() {
    let text = example_with(&[(
        NORTHSTAR_TRAINING,
        "training = { course = \"HIPAA privacy and security training\", every = \"1 year\" }\n",
    )]);
    let (code, report) = checked(&text);
    assert_eq!(code, Some(0), "{report}");
    assert!(codes(&report).is_empty(), "{report}");
    let md = rendered(&text);
    let northstar = clause(&md, "northstar-extract");
    assert!(
        northstar.contains("- Training before access: HIPAA privacy and security training, completed again every year\n"),
        "{northstar}"
    );
    let item = common::checklist_item(&text, "flow.northstar-extract.vitalis.training");
    assert_eq!(
        item["action"],
        "Have everyone with access to \"Northstar limited data set for validation\" complete HIPAA privacy and security training again"
    );
    // The example takes effect on 2026-03-01: the first refresher is a year later, and yearly after.
    assert_eq!(item["when"], "every year, first by 2027-03-01");
    assert_eq!(
        item["timing"],
        serde_json::json!({"kind": "recurring", "every": "annually", "from": "2027-03-01"})
    );
    assert_eq!(item["evidence"], "Training completion records");
    assert_eq!(item["clause"]["anchor"], "flow-northstar-extract");
    // The access review reaches the checklist at its own cadence, as before.
    let review = common::checklist_item(&text, "flow.northstar-extract.vitalis.access-review");
    assert_eq!(
        review["action"],
        "Review who has access to \"Northstar limited data set for validation\""
    );
    assert_eq!(review["timing"]["every"], "quarterly");
    // The calendar repeats the refresher every year.
    let (code, ics, stderr) = run(&["checklist", "--format", "ics", "-o", "-", "-"], &text);
    assert_eq!(code, Some(0), "{stderr}");
    let unfolded = ics.replace("\r\n ", "");
    let event = &unfolded[unfolded
        .find("UID:flow.northstar-extract.vitalis.training.")
        .expect("an event")..];
    let event = &event[..event.find("END:VEVENT").expect("its end")];
    assert!(event.contains("DTSTART;VALUE=DATE:20270301"), "{event}");
    assert!(event.contains("RRULE:FREQ=YEARLY"), "{event}");
    // The words alone are training once before access: no item.
    let once = example_with(&[]);
    assert!(
        common::checklist_items(&once)
            .iter()
            .all(|i| !i["key"].as_str().unwrap_or("").ends_with(".training")),
        "a refresher without `every`"
    );
}

#[test]
fn a_refresher_of_any_calendar_period_recurs_in_every_export_and_is_said_in_words() {
    let text = example_with(&[(
        NORTHSTAR_TRAINING,
        "training = { course = \"HIPAA privacy and security training\", every = \"2 years\" }\n",
    )]);
    let md = rendered(&text);
    assert!(
        clause(&md, "northstar-extract").contains(
            "- Training before access: HIPAA privacy and security training, completed again every 2 years\n"
        ),
        "{md}"
    );
    let item = common::checklist_item(&text, "flow.northstar-extract.vitalis.training");
    assert_eq!(item["when"], "every 2 years, first by 2028-03-01");
    assert_eq!(
        item["timing"],
        serde_json::json!({"kind": "recurring", "every": "every 2 years", "from": "2028-03-01"})
    );
    let (code, ics, stderr) = run(&["checklist", "--format", "ics", "-o", "-", "-"], &text);
    assert_eq!(code, Some(0), "{stderr}");
    let event = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:flow.northstar-extract.vitalis.training."))
        .expect("the refresher's event");
    assert!(event.contains("DTSTART;VALUE=DATE:20280301"), "{event}");
    assert!(event.contains("RRULE:FREQ=YEARLY;INTERVAL=2"), "{event}");
    let (code, csv, stderr) = run(&["checklist", "--format", "csv", "-o", "-", "-"], &text);
    assert_eq!(code, Some(0), "{stderr}");
    let row = csv
        .lines()
        .find(|l| l.starts_with("flow.northstar-extract.vitalis.training,"))
        .expect("the refresher's row");
    assert!(
        row.contains(",recurring,2028-03-01,every 2 years,"),
        "{row}"
    );
}

#[test]
fn a_refresher_longer_than_the_use_of_the_data_is_reported() {
    // The Northstar data may be used until the end of 2027 at the latest.
    let text = example_with(&[(
        NORTHSTAR_TRAINING,
        "training = { course = \"HIPAA privacy and security training\", every = \"3 years\" }\nuse_ends = [{ date = 2027-12-31 }]\n",
    )]);
    let (code, report) = checked(&text);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(codes(&report), ["W0564"], "{report}");
    assert!(
        report.contains("the training for \"Northstar limited data set for validation\" is completed again every 3 years, first on 2029-03-01, longer than the data may be used: its use ends on 2027-12-31"),
        "{report}"
    );
    let yearly = text.replace("every = \"3 years\"", "every = \"1 year\"");
    let (_, report) = checked(&yearly);
    assert!(codes(&report).is_empty(), "{report}");
    // The example's term renews by agreement: without a dated end of use, nothing says when the use
    // ends, and a long refresher is no contradiction.
    let renewing = text.replace("use_ends = [{ date = 2027-12-31 }]\n", "");
    let (_, report) = checked(&renewing);
    assert!(codes(&report).is_empty(), "{report}");
}

#[test]
fn a_refresher_added_or_lengthened_is_a_change_of_terms() {
    let old = example_with(&[]);
    let yearly = example_with(&[(
        NORTHSTAR_TRAINING,
        "training = { course = \"HIPAA privacy and security training and the sandbox user agreement, before access and every year\", every = \"1 year\" }\n",
    )]);
    let report = common::term_changes(&old, &yearly);
    assert!(
        report.contains(
            "Data flow \"Northstar limited data set for validation\" › training › completed again every: added 1 year"
        ),
        "{report}"
    );
    // The course is the same words: not reported as changed.
    assert!(!report.contains("training › course"), "{report}");
    let longer = yearly.replace("every = \"1 year\"", "every = \"2 years\"");
    let report = common::term_changes(&yearly, &longer);
    assert!(
        report.contains("training › completed again every: 1 year → 2 years, relaxed for Vitalis"),
        "{report}"
    );
    // The same course as a table without `every` is the same term as its words.
    let table = example_with(&[(
        NORTHSTAR_TRAINING,
        "training = { course = \"HIPAA privacy and security training and the sandbox user agreement, before access and every year\" }\n",
    )]);
    let report = common::term_changes(&old, &table);
    assert!(!report.contains("training"), "{report}");
}

#[test]
fn coverage_says_which_identifiable_flows_leave_a_safeguard_out() {
    let (code, out, stderr) = run(&["check", "--coverage", "-"], &example_with(&[]));
    assert_eq!(code, Some(0), "{stderr}");
    let report = format!("{out}{stderr}");
    assert!(report.contains("covered  Data use"), "{report}");
    let untrained = example_with(&[(NORTHSTAR_TRAINING, "")]);
    let (_, out, stderr) = run(&["check", "--coverage", "-"], &untrained);
    let report = format!("{out}{stderr}");
    assert!(report.contains("partial  Data use"), "{report}");
    assert!(
        report.contains(
            "but 1 with identifiable data does not state all of storage, access, access review and training"
        ),
        "{report}"
    );
    let refreshed = example_with(&[(
        NORTHSTAR_TRAINING,
        "training = { course = \"HIPAA privacy and security training\", every = \"1 year\" }\n",
    )]);
    let (_, out, stderr) = run(&["check", "--coverage", "-"], &refreshed);
    assert!(
        format!("{out}{stderr}").contains("1 with training completed again on a cadence"),
        "{out}{stderr}"
    );
}

#[test]
fn a_mistaken_key_in_a_training_table_is_located_at_the_key() {
    let text = example_with(&[(
        NORTHSTAR_TRAINING,
        "training = { course = \"HIPAA privacy and security training\", evry = \"1 year\" }\n",
    )]);
    let (code, out) = checked(&text);
    assert_eq!(code, Some(1), "{out}");
    let line = text
        .lines()
        .position(|l| l.contains("evry = "))
        .expect("the edited line")
        + 1;
    let column = text
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find("evry"))
        .expect("the key")
        + 1;
    assert!(
        out.contains(&format!(
            ":{line}:{column}: error[E0102]: unknown key `evry`"
        )),
        "{out}"
    );
    assert!(out.contains("did you mean `every`?"), "{out}");
}
