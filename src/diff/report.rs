//! What every redline says before the document: the two versions (titles, versions, effective dates,
//! fingerprints), warnings about the comparison itself, and the change summary, each entry with the
//! clause it links to. Format-neutral; the Markdown and HTML redlines and the text report write it.

use serde::Serialize;

use super::align::{Block, Redline, Status};
use super::layout::{Facts, Kind};
use super::terms::{Change, ChangeKind, plain};
use super::words::{self, Span};

/// One entry of the change summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// What changed, in plain words.
    pub text: String,
    /// The same words as spans, plain text (not Markdown), with a long text's changed phrases marked.
    pub spans: Vec<Span>,
    /// The anchor of the clause it links to.
    pub anchor: Option<String>,
    /// That clause's number.
    pub clause: Option<String>,
}

/// The header of a redline.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    /// The old input as named on the command line.
    pub old_name: String,
    /// The new input as named.
    pub new_name: String,
    /// What is known of the old version.
    pub old: Facts,
    /// What is known of the new version.
    pub new: Facts,
    /// Warnings about the comparison: different charters, the same version number, no alignment.
    pub warnings: Vec<String>,
    /// What the amendment does to the derived terms (quorums, signatures, checklist, warnings,
    /// coverage), when both sides are charters.
    pub effects: Vec<super::effects::Effect>,
    /// How many unchanged blocks a changed-only redline left out (0 for a whole redline).
    #[serde(skip)]
    pub omitted: usize,
}

impl Header {
    /// The header of a redline, with its warnings.
    #[must_use]
    pub fn new(old_name: &str, new_name: &str, redline: &Redline) -> Self {
        Header {
            old_name: old_name.to_owned(),
            new_name: new_name.to_owned(),
            old: redline.old.clone(),
            new: redline.new.clone(),
            warnings: warnings(&redline.old, &redline.new, redline.aligned),
            effects: Vec::new(),
            omitted: 0,
        }
    }

    /// The sentence that tells a reader of a changed-only redline what it leaves out, if anything.
    #[must_use]
    pub fn omission(&self) -> Option<String> {
        (self.omitted > 0).then(|| {
            format!(
                "Only what changed is shown, with the heading of its section: {} left out. Without --changed-only, the redline shows the whole document.",
                match self.omitted {
                    1 => "1 unchanged block is".to_owned(),
                    n => format!("{n} unchanged blocks are"),
                }
            )
        })
    }

    /// The rows of the header table: label, old, new.
    #[must_use]
    pub fn rows(&self) -> Vec<(&'static str, String, String)> {
        let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_owned());
        let (o, n) = (&self.old, &self.new);
        vec![
            ("File", self.old_name.clone(), self.new_name.clone()),
            ("Title", value(&o.title), value(&n.title)),
            ("Charter", value(&o.id), value(&n.id)),
            ("Version", value(&o.version), value(&n.version)),
            (
                "Effective date",
                value(&o.effective_date),
                value(&n.effective_date),
            ),
            (
                "SHA-256 of the input",
                value(&o.fingerprint),
                value(&n.fingerprint),
            ),
        ]
    }
}

/// Warnings about what is compared.
#[must_use]
pub fn warnings(old: &Facts, new: &Facts, aligned: bool) -> Vec<String> {
    let mut out = Vec::new();
    if let (Some(o), Some(n)) = (&old.id, &new.id)
        && o != n
    {
        out.push(format!(
            "These are different charters (\"{o}\" and \"{n}\"), not two versions of one: the comparison may mean little."
        ));
    }
    if let (Some(o), Some(n)) = (&old.version, &new.version)
        && o == n
        && old.fingerprint != new.fingerprint
    {
        out.push(format!(
            "Both versions carry version {n}, although their inputs differ: give the new one its own version number."
        ));
    }
    if !aligned {
        out.push(
            "At least one side is not a document rendered by charter, so no clause alignment was possible: the texts are compared paragraph by paragraph."
                .to_owned(),
        );
    }
    out
}

/// The summary of term changes: one entry per change, in the charter's words.
#[must_use]
pub fn of_terms(changes: &[Change]) -> Vec<Entry> {
    changes
        .iter()
        .map(|c| {
            // The entry links to its clause, so the line need not end with its number.
            let line = super::change_line(c, false);
            let suffix = c
                .clause
                .as_ref()
                .map(|n| format!(" (§{n})"))
                .unwrap_or_default();
            let text = line.strip_suffix(&suffix).unwrap_or(&line).to_owned();
            Entry {
                spans: change_spans(c).unwrap_or_else(|| vec![Span::equal(&text)]),
                text,
                anchor: c.anchor.clone(),
                clause: c.clause.clone(),
            }
        })
        .collect()
}

/// The summary of a redline of rendered text: one entry per marked block.
#[must_use]
pub fn of_blocks(redline: &Redline) -> Vec<Entry> {
    let mut section = String::new();
    let mut out = Vec::new();
    for b in &redline.blocks {
        if b.kind == Kind::Section {
            section = format!(
                "§{} {}",
                b.number().unwrap_or(""),
                b.heading(b.status == Status::Deleted)
            );
        }
        if b.is_marked() && b.kind != Kind::Title {
            let text = block_words(b, &section);
            out.push(Entry {
                spans: vec![Span::equal(&text)],
                text,
                anchor: b.anchor.clone(),
                clause: b.number().map(str::to_owned),
            });
        }
    }
    out
}

/// A marked block in words: `Quorum: changed`, `Obligations: inserted`, `moved from §10.1`.
fn block_words(b: &Block, section: &str) -> String {
    let deleted = b.status == Status::Deleted;
    let mut name = b.heading(deleted);
    if b.kind == Kind::Checklist {
        name = format!("Checklist of {name}");
    }
    if name.is_empty() {
        name = match b.kind {
            Kind::Table => format!("Table in {section}"),
            Kind::Text => {
                let text = b
                    .parts
                    .first()
                    .and_then(|p| p.cells.first())
                    .map(|c| super::words::side(c, deleted))
                    .unwrap_or_default();
                let text = crate::render::markdown::Md::raw(text).plain();
                let mut excerpt: String = text.chars().take(60).collect();
                if excerpt.len() < text.len() {
                    excerpt.push('…');
                }
                excerpt
            }
            _ => "Clause".to_owned(),
        };
    }
    let what = match &b.status {
        Status::Same => "unchanged".to_owned(),
        Status::Changed => "changed".to_owned(),
        Status::Inserted => "inserted".to_owned(),
        Status::Deleted => "deleted".to_owned(),
        Status::Moved { from, to } => {
            let words = match (from, to) {
                (Some(f), Some(t)) => format!("moved, §{f} → §{t}"),
                _ => "moved".to_owned(),
            };
            let changed = b
                .parts
                .iter()
                .any(|p| p.status != super::align::PartStatus::Same);
            if changed {
                format!("{words}, and changed")
            } else {
                words
            }
        }
    };
    format!("{name}: {what}")
}

/// The renumbering of clauses in words, once: `§10.1–10.7 are now §10.2–10.8`.
#[must_use]
pub fn renumbering(redline: &Redline) -> Vec<String> {
    redline
        .renumbered()
        .into_iter()
        .map(|r| {
            let range = |(a, b): &(String, String)| {
                if a == b {
                    format!("§{a}")
                } else {
                    format!("§{a}–{b}")
                }
            };
            format!("{} → {}", range(&r.old), range(&r.new))
        })
        .collect()
}

/// A change of a long text as spans: its label, then the text with the changed phrases marked. `None`
/// for every other change, which reads well as one line.
#[must_use]
pub(super) fn change_spans(change: &Change) -> Option<Vec<Span>> {
    let ChangeKind::Changed { old, new } = &change.kind else {
        return None;
    };
    let (o, n) = (plain(old), plain(new));
    if o.len() <= 60 || n.len() <= 60 {
        return None;
    }
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut spans = vec![Span::equal(format!("{}: changed: ", change.label))];
    spans.extend(words::compare(&one_line(&o), &one_line(&n)));
    Some(spans)
}
