//! Term-level comparison of two charters, in the charter's own words. Arrays of tables are matched by id
//! (or, for tables without one, by their natural key), never by position: reordering is reported as a
//! move, and renaming an id is a removal and an addition.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::Charter;
use crate::render::anchors;

/// What happened to a term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ChangeKind {
    /// A value changed.
    Changed {
        /// The old value.
        old: Value,
        /// The new value.
        new: Value,
    },
    /// A term or item was added.
    Added {
        /// The new value.
        new: Value,
    },
    /// A term or item was removed.
    Removed {
        /// The old value.
        old: Value,
    },
    /// An item kept its terms but moved in the rendered order.
    Moved {
        /// Its 1-based position before.
        from: usize,
        /// Its 1-based position after.
        to: usize,
    },
}

/// One change of terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The document section the term belongs to, e.g. "Publication".
    pub section: &'static str,
    /// Where it is, in words: `Partner "Northstar" › contributions`.
    pub label: String,
    /// Where it is, as a path of keys and ids: `partners.northstar.contributions`.
    pub path: String,
    /// What happened.
    #[serde(flatten)]
    pub kind: ChangeKind,
    /// The anchor of the clause that states the term, when the document has one.
    pub anchor: Option<String>,
    /// The number of that clause in the new document (the old one, for a removal).
    pub clause: Option<String>,
}

/// Compares two charters. `old_clauses` and `new_clauses` map anchors to clause numbers in each document.
#[must_use]
pub fn compare(
    old: &Charter,
    new: &Charter,
    old_clauses: &BTreeMap<String, String>,
    new_clauses: &BTreeMap<String, String>,
) -> Vec<Change> {
    let old = serde_json::to_value(old).unwrap_or(Value::Null);
    let new = serde_json::to_value(new).unwrap_or(Value::Null);
    let mut walker = Walker {
        changes: Vec::new(),
        old_clauses,
        new_clauses,
    };
    if let (Value::Object(old), Value::Object(new)) = (&old, &new) {
        for key in union_keys(old, new) {
            if key == "schema_version" {
                continue;
            }
            let section = section_title(&key);
            // A table reads "Publication › review period"; an array names its items ("Partner "X"").
            let is_table = old
                .get(&key)
                .or_else(|| new.get(&key))
                .is_some_and(Value::is_object);
            let at = At {
                section,
                words: if is_table {
                    vec![table_words(&key).to_owned()]
                } else {
                    Vec::new()
                },
                keys: vec![key.clone()],
            };
            walker.value(&at, old.get(&key), new.get(&key));
        }
    }
    walker.changes
}

/// The document's name for a top-level section.
fn section_title(key: &str) -> &'static str {
    match key {
        "charter" => "Charter",
        "partners" => "Partners",
        "bodies" => "Governance bodies",
        "decisions" | "amendment" => "Decision authority",
        "data_flows" => "Data use and security",
        "ip" => "Intellectual property",
        "publication" => "Publication",
        "conflicts" => "Conflicts of interest",
        "phases" => "Phases and success metrics",
        "obligations" => "Obligations",
        "term" | "disputes" => "Term, termination and withdrawal",
        "review" => "Review of the partnership",
        _ => "Other terms",
    }
}

/// How a top-level table is named at the start of a label.
fn table_words(key: &str) -> &'static str {
    match key {
        "charter" => "Charter",
        "amendment" => "Amendment",
        "ip" => "IP",
        "publication" => "Publication",
        "conflicts" => "Conflicts of interest",
        "term" => "Term",
        "disputes" => "Disputes",
        "review" => "Review",
        _ => "Terms",
    }
}

/// The name of a term in words.
fn term_words(key: &str) -> String {
    match key {
        "review" => "review period".to_owned(),
        "length" => "term length".to_owned(),
        "when" => "disclosure times".to_owned(),
        "who" => "who discloses".to_owned(),
        "what" => "what is disclosed".to_owned(),
        other => other.replace('_', " "),
    }
}

/// What singular item an array of tables holds, for labels.
fn item_noun(key: &str) -> &'static str {
    match key {
        "partners" => "Partner",
        "bodies" => "Body",
        "decisions" => "Decision",
        "data_flows" => "Data flow",
        "foreground" => "Foreground IP",
        "licences" => "Licence",
        "declared" => "Declared conflict",
        "phases" => "Phase",
        "metrics" => "Metric",
        "obligations" => "Obligation",
        "members" => "Member",
        "shares" => "Share",
        "fields" => "Field",
        "representatives" => "Representative",
        "steps" => "Step",
        _ => "Item",
    }
}

/// The key that identifies a table in an array: its id, or a natural key for tables that have none.
fn identity(table: &Map<String, Value>) -> Option<String> {
    let text = |k: &str| table.get(k).and_then(Value::as_str).map(str::to_owned);
    text("id")
        .or_else(|| match (text("partner"), text("person")) {
            (Some(p), Some(q)) => Some(format!("{p}/{q}")),
            (p, q) => p.or(q),
        })
        .or_else(|| text("name"))
        .or_else(|| text("field"))
        .or_else(|| text("by"))
}

/// The words that name a table: a partner's short name, a body's name, a decision's matter.
fn display_name(table: &Map<String, Value>) -> String {
    [
        "short_name",
        "name",
        "matter",
        "category",
        "action",
        "person",
        "field",
        "by",
        "partner",
        "id",
    ]
    .iter()
    .find_map(|k| table.get(*k).and_then(Value::as_str))
    .unwrap_or("?")
    .to_owned()
}

struct At {
    section: &'static str,
    words: Vec<String>,
    keys: Vec<String>,
}

impl At {
    fn key(&self, key: &str) -> At {
        let mut words = self.words.clone();
        words.push(term_words(key));
        let mut keys = self.keys.clone();
        keys.push(key.to_owned());
        At {
            section: self.section,
            words,
            keys,
        }
    }

    fn item(&self, noun: &str, id: &str, name: &str) -> At {
        let mut words = self.words.clone();
        // The array's own key is replaced by the item: `Partner "Northstar"`, not `partners › "Northstar"`.
        words.pop();
        words.push(format!("{noun} \"{name}\""));
        let mut keys = self.keys.clone();
        keys.push(id.to_owned());
        At {
            section: self.section,
            words,
            keys,
        }
    }

    fn label(&self) -> String {
        if self.words.is_empty() {
            self.section.to_owned()
        } else {
            self.words.join(" › ")
        }
    }
}

struct Walker<'a> {
    changes: Vec<Change>,
    old_clauses: &'a BTreeMap<String, String>,
    new_clauses: &'a BTreeMap<String, String>,
}

impl Walker<'_> {
    fn push(&mut self, at: &At, kind: ChangeKind) {
        let keys: Vec<&str> = at.keys.iter().map(String::as_str).collect();
        let anchor = anchors::for_term(&keys);
        let clauses = if matches!(kind, ChangeKind::Removed { .. }) {
            self.old_clauses
        } else {
            self.new_clauses
        };
        let clause = anchor.as_ref().and_then(|a| clauses.get(a).cloned());
        self.changes.push(Change {
            section: at.section,
            label: at.label(),
            path: at.keys.join("."),
            kind,
            anchor,
            clause,
        });
    }

    fn value(&mut self, at: &At, old: Option<&Value>, new: Option<&Value>) {
        match (old, new) {
            (None | Some(Value::Null), None | Some(Value::Null)) => {}
            (None | Some(Value::Null), Some(new)) => {
                self.push(at, ChangeKind::Added { new: new.clone() });
            }
            (Some(old), None | Some(Value::Null)) => {
                self.push(at, ChangeKind::Removed { old: old.clone() });
            }
            (Some(Value::Object(o)), Some(Value::Object(n))) => {
                for key in union_keys(o, n) {
                    self.value(&at.key(&key), o.get(&key), n.get(&key));
                }
            }
            (Some(Value::Array(o)), Some(Value::Array(n))) if is_table_array(o, n) => {
                self.tables(at, o, n);
            }
            (Some(Value::Array(o)), Some(Value::Array(n))) => self.list(at, o, n),
            (Some(o), Some(n)) if o != n => self.push(
                at,
                ChangeKind::Changed {
                    old: o.clone(),
                    new: n.clone(),
                },
            ),
            _ => {}
        }
    }

    /// Arrays of scalars: additions, removals, and reordering when the same items appear in another order.
    fn list(&mut self, at: &At, old: &[Value], new: &[Value]) {
        let key = |v: &Value| v.to_string();
        let old_set: BTreeSet<String> = old.iter().map(key).collect();
        let new_set: BTreeSet<String> = new.iter().map(key).collect();
        for item in old.iter().filter(|v| !new_set.contains(&key(v))) {
            self.push(at, ChangeKind::Removed { old: item.clone() });
        }
        for item in new.iter().filter(|v| !old_set.contains(&key(v))) {
            self.push(at, ChangeKind::Added { new: item.clone() });
        }
        let kept_old: Vec<String> = old
            .iter()
            .map(key)
            .filter(|k| new_set.contains(k))
            .collect();
        let kept_new: Vec<String> = new
            .iter()
            .map(key)
            .filter(|k| old_set.contains(k))
            .collect();
        for (item, from, to) in moved(&kept_old, &kept_new) {
            let value = new
                .iter()
                .find(|v| key(v) == item)
                .cloned()
                .unwrap_or(Value::Null);
            let mut words = at.words.clone();
            words.push(format!("\"{}\"", plain(&value)));
            let moved_at = At {
                section: at.section,
                words,
                keys: at.keys.clone(),
            };
            self.push(&moved_at, ChangeKind::Moved { from, to });
        }
    }

    /// Arrays of tables, matched by identity.
    fn tables(&mut self, at: &At, old: &[Value], new: &[Value]) {
        let noun = item_noun(at.keys.last().map_or("", String::as_str));
        let index = |items: &[Value]| -> Vec<(String, Map<String, Value>)> {
            items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    v.as_object().map(|t| {
                        (
                            identity(t).unwrap_or_else(|| format!("#{}", i + 1)),
                            t.clone(),
                        )
                    })
                })
                .collect()
        };
        let (old, new) = (index(old), index(new));
        let old_ids: BTreeSet<&str> = old.iter().map(|(id, _)| id.as_str()).collect();
        let new_ids: BTreeSet<&str> = new.iter().map(|(id, _)| id.as_str()).collect();
        for (id, table) in &old {
            let item = at.item(noun, id, &display_name(table));
            match new.iter().find(|(n, _)| n == id) {
                Some((_, new_table)) => self.value(
                    &item,
                    Some(&Value::Object(table.clone())),
                    Some(&Value::Object(new_table.clone())),
                ),
                None => self.push(
                    &with_id(item, table),
                    ChangeKind::Removed {
                        old: Value::String(display_name(table)),
                    },
                ),
            }
        }
        for (id, table) in new.iter().filter(|(id, _)| !old_ids.contains(id.as_str())) {
            let item = at.item(noun, id, &display_name(table));
            self.push(
                &with_id(item, table),
                ChangeKind::Added {
                    new: Value::String(display_name(table)),
                },
            );
        }
        let kept_old: Vec<String> = old
            .iter()
            .map(|(id, _)| id.clone())
            .filter(|id| new_ids.contains(id.as_str()))
            .collect();
        let kept_new: Vec<String> = new
            .iter()
            .map(|(id, _)| id.clone())
            .filter(|id| old_ids.contains(id.as_str()))
            .collect();
        for (id, from, to) in moved(&kept_old, &kept_new) {
            let name = new
                .iter()
                .find(|(n, _)| *n == id)
                .map_or_else(String::new, |(_, t)| display_name(t));
            self.push(&at.item(noun, &id, &name), ChangeKind::Moved { from, to });
        }
    }
}

/// Names the id of an item that is added or removed, so that a renamed id reads as what it is.
fn with_id(mut at: At, table: &Map<String, Value>) -> At {
    if let (Some(id), Some(last)) = (table.get("id").and_then(Value::as_str), at.words.last_mut()) {
        last.push_str(&format!(" (id \"{id}\")"));
    }
    at
}

/// Items whose relative order changed: those outside the longest common subsequence of the two orders,
/// with their 1-based positions among the kept items.
fn moved(old: &[String], new: &[String]) -> Vec<(String, usize, usize)> {
    if old == new {
        return Vec::new();
    }
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, old, new);
    let mut stayed = BTreeSet::new();
    for op in ops {
        if let similar::DiffOp::Equal { old_index, len, .. } = op {
            stayed.extend(old[old_index..old_index + len].iter().cloned());
        }
    }
    new.iter()
        .enumerate()
        .filter(|(_, id)| !stayed.contains(*id))
        .map(|(to, id)| {
            let from = old.iter().position(|o| o == id).unwrap_or(0);
            (id.clone(), from + 1, to + 1)
        })
        .collect()
}

/// Whether two arrays hold tables (an empty array takes the kind of the other).
fn is_table_array(old: &[Value], new: &[Value]) -> bool {
    (!old.is_empty() || !new.is_empty()) && old.iter().chain(new).all(Value::is_object)
}

fn union_keys(old: &Map<String, Value>, new: &Map<String, Value>) -> Vec<String> {
    let mut keys: Vec<String> = old.keys().cloned().collect();
    keys.extend(new.keys().filter(|k| !old.contains_key(*k)).cloned());
    keys
}

/// A value as plain words: strings without quotes, lists joined with commas.
#[must_use]
pub fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        Value::Object(t) => display_name(t),
        Value::Null => "nothing".to_owned(),
        other => other.to_string(),
    }
}
