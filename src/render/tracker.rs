//! The checklist on its own, for tracking tools: CSV (one row per item) and JSON (the charter's identity and
//! a flat list of items). Text is plain, without Markdown escapes; timing is typed as in
//! [`checklist::Timing`](super::checklist::Timing).

use std::borrow::Cow;

use serde::Serialize;

use super::anchors::ClauseRef;
use super::checklist::{Group, Timing};
use crate::error::Error;
use crate::model::Charter;
use crate::validate::{Valid, term_end};

/// One item, flattened with its owner, in plain text.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    /// Stable key of the item.
    pub key: &'a str,
    /// The owner's id, or `all`.
    pub owner_id: &'a str,
    /// The owner's name.
    pub owner: String,
    /// What to do.
    pub action: String,
    /// When, in words.
    pub when: String,
    /// When, typed.
    pub timing: &'a Timing,
    /// What shows it was done.
    pub evidence: String,
    /// The clause it comes from.
    pub clause: &'a ClauseRef,
}

/// The items of every group, in checklist order.
#[must_use]
pub fn rows(groups: &[Group]) -> Vec<Row<'_>> {
    groups
        .iter()
        .flat_map(|g| {
            g.items.iter().map(move |i| Row {
                key: &i.key,
                owner_id: &g.owner_id,
                owner: g.owner.plain(),
                action: i.action.plain(),
                when: i.when.plain(),
                timing: &i.timing,
                evidence: i.evidence.plain(),
                clause: &i.clause,
            })
        })
        .collect()
}

/// The checklist as CSV (RFC 4180: a header row, CRLF line ends), one row per item. The typed timing is
/// spread over four columns: `timing` (date, recurring or event), `date` (the date, or the first
/// occurrence), `frequency` and `event`. The clause is written `§10.10`, so that a spreadsheet keeps it as
/// text rather than reading 10.1, and no cell starts with a formula trigger (see [`cell`]).
///
/// # Errors
/// Never in practice; writing to memory cannot fail.
pub fn csv(groups: &[Group]) -> Result<String, Error> {
    #[derive(Serialize)]
    struct CsvRow<'a> {
        key: &'a str,
        owner_id: &'a str,
        owner: &'a str,
        action: &'a str,
        when: &'a str,
        timing: &'static str,
        date: String,
        frequency: &'a str,
        event: &'a str,
        evidence: &'a str,
        clause: String,
        clause_anchor: &'a str,
    }
    let wrap = |e: csv::Error| Error::Write {
        path: "<csv>".into(),
        source: std::io::Error::other(e),
    };
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows(groups) {
        let (timing, frequency, event) = match row.timing {
            Timing::Date { .. } => ("date", "".into(), ""),
            Timing::Recurring { every, .. } => ("recurring", every.name(), ""),
            Timing::Event { event } => ("event", "".into(), event.as_str()),
        };
        writer
            .serialize(CsvRow {
                key: &cell(row.key),
                owner_id: &cell(row.owner_id),
                owner: &cell(&row.owner),
                action: &cell(&row.action),
                when: &cell(&row.when),
                timing,
                date: row.timing.date().map(|d| d.to_string()).unwrap_or_default(),
                frequency: &frequency,
                event: &cell(event),
                evidence: &cell(&row.evidence),
                clause: format!("§{}", row.clause.number),
                clause_anchor: &cell(&row.clause.anchor),
            })
            .map_err(wrap)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| wrap(e.into_error().into()))?;
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// A cell as a spreadsheet may read it: text that starts with a formula trigger (`=`, `+`, `-`, `@`, a tab
/// or a carriage return) gets a leading `'`, as OWASP advises against CSV injection, so that Excel,
/// LibreOffice and Google Sheets show it as text instead of evaluating it.
#[must_use]
pub fn cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The checklist as JSON: the charter's identity and term, then every item with its owner.
///
/// # Errors
/// Never in practice; the document serialises to JSON.
pub fn json(
    charter: &Valid<Charter>,
    groups: &[Group],
    fingerprint: &str,
) -> Result<String, Error> {
    #[derive(Serialize)]
    struct Identity<'a> {
        id: &'a str,
        title: &'a str,
        version: &'a str,
        effective_date: String,
        term_end: Option<String>,
    }
    #[derive(Serialize)]
    struct Condition {
        code: &'static str,
        duo_id: &'static str,
        words: String,
    }
    /// A flow's data use conditions, for tools that match requests against them.
    #[derive(Serialize)]
    struct FlowUse<'a> {
        flow: &'a str,
        name: &'a str,
        conditions: Vec<Condition>,
    }
    /// One element a flow carries, as written and in words, and whether the Safe Harbor method removes it.
    #[derive(Serialize)]
    struct Element {
        element: String,
        words: &'static str,
        safe_harbor_identifier: bool,
    }
    /// The data elements of a flow, for tools that match them against a request or an extract.
    #[derive(Serialize)]
    struct FlowElements<'a> {
        flow: &'a str,
        name: &'a str,
        elements: Vec<Element>,
    }
    #[derive(Serialize)]
    struct Export<'a> {
        charter: Identity<'a>,
        fingerprint: &'a str,
        generator: String,
        items: Vec<Row<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        data_use: Vec<FlowUse<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        data_elements: Vec<FlowElements<'a>>,
    }
    let c: &Charter = charter;
    let data_use = c
        .data_flows
        .iter()
        .filter_map(|f| {
            f.data_use.as_ref().map(|u| FlowUse {
                flow: &f.id,
                name: &f.name,
                conditions: u
                    .conditions(|d| d.to_string())
                    .into_iter()
                    .map(|(code, duo_id, words)| Condition {
                        code,
                        duo_id,
                        words,
                    })
                    .collect(),
            })
        })
        .collect();
    let data_elements = c
        .data_flows
        .iter()
        .filter(|f| !f.elements.is_empty())
        .map(|f| FlowElements {
            flow: &f.id,
            name: &f.name,
            elements: f
                .elements
                .iter()
                .map(|e| Element {
                    element: e.key(),
                    words: e.label(),
                    safe_harbor_identifier: e.is_safe_harbor_identifier(),
                })
                .collect(),
        })
        .collect();
    let export = Export {
        charter: Identity {
            id: &c.charter.id,
            title: &c.charter.title,
            version: &c.charter.version,
            effective_date: super::checklist::start(c).to_string(),
            term_end: term_end(c).map(|d| d.to_string()),
        },
        fingerprint,
        generator: format!("charter {}", env!("CARGO_PKG_VERSION")),
        items: rows(groups),
        data_use,
        data_elements,
    };
    let mut text = serde_json::to_string_pretty(&export).map_err(|e| Error::Write {
        path: "<json>".into(),
        source: std::io::Error::other(e),
    })?;
    text.push('\n');
    Ok(text)
}
