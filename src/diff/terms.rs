//! Term-level comparison of two charters, in the charter's own words. Arrays of tables are matched by id
//! (or, for tables without one, by their natural key), never by position: reordering is reported as a
//! move, and renaming an id is a removal and an addition.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

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
    /// Whether the change tightens or relaxes a duty, and for whom (for a changed value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<Class>,
    /// The number of that clause in the old document, when the item moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_clause: Option<String>,
}

/// Which way a change moves a duty (worked out by [`super::classify`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The duty is stricter: less time, a lower threshold, a higher quorum.
    Tightened,
    /// The duty is looser.
    Relaxed,
    /// Changed, with no direction that holds in general.
    Changed,
}

/// The classification of one change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Class {
    /// Which way.
    pub direction: Direction,
    /// For whom, in the document's words ("the recipients of \"Harbor limited data set\"").
    #[serde(rename = "for")]
    pub for_whom: Option<String>,
}

impl Class {
    /// ", tightened for the authors", or nothing for a change with no direction.
    #[must_use]
    pub fn words(&self) -> String {
        let way = match self.direction {
            Direction::Tightened => "tightened",
            Direction::Relaxed => "relaxed",
            Direction::Changed => return String::new(),
        };
        match &self.for_whom {
            Some(who) => format!(", {way} for {who}"),
            None => format!(", {way}"),
        }
    }
}

/// Compares two charters. `old_clauses` and `new_clauses` map anchors to clause numbers in each document.
#[must_use]
pub fn compare(
    old_charter: &Charter,
    new_charter: &Charter,
    old_clauses: &BTreeMap<String, String>,
    new_clauses: &BTreeMap<String, String>,
) -> Vec<Change> {
    // Both charters become JSON trees to walk; each is a fair part of the work on a large charter.
    let tree = |c: &Charter| {
        let mut tree = serde_json::to_value(c).unwrap_or(Value::Null);
        with_rosters(&mut tree, c);
        tree
    };
    let (old, new) = rayon::join(|| tree(old_charter), || tree(new_charter));
    let mut walker = Walker {
        changes: Vec::new(),
        old_clauses,
        new_clauses,
    };
    if let (Value::Object(old), Value::Object(new)) = (&old, &new) {
        for key in union_keys(old, new) {
            let (o, n) = (old.get(key), new.get(key));
            if key == "schema_version" || o == n {
                continue;
            }
            let section = section_title(key);
            // A table reads "Publication › review period"; an array names its items ("Partner "X"").
            let is_table = o.or(n).is_some_and(Value::is_object);
            let at = At {
                section,
                words: if is_table {
                    vec![table_words(key).to_owned()]
                } else {
                    Vec::new()
                },
                keys: vec![key.to_owned()],
            };
            walker.value(&at, o, n);
        }
    }
    let mut changes = walker.changes;
    // Freeing a large charter's tree is a fair part of the work too: one per core, at the same time.
    rayon::join(move || drop(old), move || drop(new));
    let old_names = Names::new(old_charter, old_clauses);
    let new_names = Names::new(new_charter, new_clauses);
    for change in &mut changes {
        in_words(change, (&old_names, &new_names));
    }
    changes
}

/// Each class's roster, as the loader read it, joins the class's terms: the members it lists and the
/// day it stands at. The charter names only the roster's file, so a roster edited alone would otherwise
/// change nothing a reviewer is shown here.
fn with_rosters(tree: &mut Value, c: &Charter) {
    let Some(classes) = tree
        .get_mut("membership_classes")
        .and_then(Value::as_array_mut)
    else {
        return;
    };
    for (class, entry) in c.membership_classes.iter().zip(classes) {
        let (Some(roster), Some(entry)) = (&class.listed, entry.as_object_mut()) else {
            continue;
        };
        let members = roster
            .members
            .iter()
            .map(|m| serde_json::json!({ "id": m.id, "name": m.name }))
            .collect();
        entry.insert("roster_members".to_owned(), Value::Array(members));
        if let Some(day) = roster.as_of {
            entry.insert("roster_as_of".to_owned(), Value::String(day.to_string()));
        }
    }
}

/// Puts a change in the document's words: names for ids and resolved references.
fn in_words(change: &mut Change, (old, new): (&Names<'_>, &Names<'_>)) {
    let names = if matches!(change.kind, ChangeKind::Removed { .. }) {
        old
    } else {
        new
    };
    change.label = names.label(&change.label);
    match &mut change.kind {
        ChangeKind::Changed { old: o, new: n } => {
            old.resolve(o);
            new.resolve(n);
        }
        ChangeKind::Added { new: n } => new.resolve(n),
        ChangeKind::Removed { old: o } => old.resolve(o),
        ChangeKind::Moved { .. } => {}
    }
}

/// What the cross-references of one version's free text (`[[partner:uni-b]]`) read as in its document:
/// the partner's short name, the body's name, the clause's number.
struct Names<'a> {
    /// Partner and body names by id.
    names: FxHashMap<&'a str, &'a str>,
    clauses: &'a BTreeMap<String, String>,
}

impl<'a> Names<'a> {
    fn new(charter: &'a Charter, clauses: &'a BTreeMap<String, String>) -> Self {
        let partners = charter
            .partners
            .iter()
            .map(|p| (p.id.as_str(), p.short_name.as_str()));
        let bodies = charter
            .bodies
            .iter()
            .map(|b| (b.id.as_str(), b.name.as_str()));
        let organisations = charter
            .organisations
            .iter()
            .map(|o| (o.id.as_str(), o.name.as_str()));
        Names {
            names: partners.chain(bodies).chain(organisations).collect(),
            clauses,
        }
    }

    /// The name of a partner or body by id.
    fn name(&self, id: &str) -> Option<&'a str> {
        self.names.get(id).copied()
    }

    /// A label with every quoted partner or body id (`Member "pine-valley"`) replaced by its name.
    fn label(&self, label: &str) -> String {
        let mut out = String::with_capacity(label.len());
        for (i, piece) in label.split('"').enumerate() {
            if i > 0 {
                out.push('"');
            }
            match self.name(piece) {
                Some(name) if i % 2 == 1 => out.push_str(name),
                _ => out.push_str(piece),
            }
        }
        out
    }

    fn resolve(&self, value: &mut Value) {
        match value {
            Value::String(s) if s.contains("[[") => *s = self.text(s),
            Value::String(s) => {
                if let Some(name) = self.name(s) {
                    *s = name.to_owned();
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.resolve(v)),
            _ => {}
        }
    }

    fn text(&self, value: &str) -> String {
        let mut out = String::with_capacity(value.len());
        let mut last = 0;
        for r in crate::xref::find(value) {
            let name = match r.kind {
                Some(crate::xref::Kind::Partner | crate::xref::Kind::Body) => {
                    self.name(r.target).map(str::to_owned)
                }
                Some(crate::xref::Kind::Clause) => {
                    crate::xref::resolve_anchor(r.target, |a| self.clauses.contains_key(a))
                        .and_then(|a| self.clauses.get(a.as_ref()))
                        .map(|n| format!("§{n}"))
                }
                None => None,
            };
            if let Some(name) = name {
                out.push_str(&value[last..r.range.start]);
                out.push_str(&name);
                last = r.range.end;
            }
        }
        out.push_str(&value[last..]);
        out
    }
}

/// The document's name for a top-level section.
fn section_title(key: &str) -> &'static str {
    match key {
        "charter" => "Charter",
        "partners" => "Partners",
        "membership_classes" => "Membership classes",
        "bodies" => "Governance bodies",
        "decisions" | "amendment" => "Decision authority",
        "data_flows" | "data_access" => "Data use and security",
        "ip" => "Intellectual property",
        "publication" => "Publication",
        "conflicts" => "Conflicts of interest",
        "phases" => "Phases and success metrics",
        "obligations" => "Obligations",
        "term" | "disputes" => "Term, termination and withdrawal",
        "review" => "Review of the partnership",
        "adoption" => "Adoption",
        "versions" => "Version history",
        "definitions" | "organisations" => "Definitions",
        "notices" | "precedence" | "confidentiality" => "General provisions",
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
        "notices" => "Notices",
        "precedence" => "Precedence",
        "confidentiality" => "Confidentiality",
        "adoption" => "Adoption",
        "data_access" => "Data access",
        _ => "Terms",
    }
}

/// The name of a term in words.
fn term_words(key: &str) -> String {
    match key {
        "review" => "review period".to_owned(),
        "review_kind" => "what the review is".to_owned(),
        "max_total_delay" => "longest total publication delay".to_owned(),
        "background_terms" => "standard background terms".to_owned(),
        "contributions" => "contributor agreements".to_owned(),
        "agreements" => "agreements contributors sign".to_owned(),
        "held_by" => "agreements held by".to_owned(),
        "licence" => "SPDX licence".to_owned(),
        "electronic" => "electronic votes".to_owned(),
        "extraordinary" => "extraordinary meetings".to_owned(),
        "roll_call" => "votes recorded by name".to_owned(),
        "privacy_regime" | "regime" => "data protection law".to_owned(),
        "data_use" => "data use conditions (DUO)".to_owned(),
        "concerns" => "partners it concerns".to_owned(),
        "approval_lasts" => "how long an approval lasts".to_owned(),
        "use_ends" => "what ends the use".to_owned(),
        "during" => "when the data is provided".to_owned(),
        "roster_members" => "members listed in the roster".to_owned(),
        "roster_as_of" => "day the roster stands at".to_owned(),
        "phase_ceilings" => "data ceilings by phase".to_owned(),
        "elements" => "data elements".to_owned(),
        "records_retention" => "retention of records".to_owned(),
        "every" => "completed again every".to_owned(),
        "basis" => "legal basis".to_owned(),
        "agreement_term" => "term of the agreement".to_owned(),
        "special_category_condition" => "Article 9 condition for health data".to_owned(),
        "signed" => "day the agreement begins".to_owned(),
        "min_members" => "fewest voting members".to_owned(),
        "affiliation_cap" => "most voting seats of one partner".to_owned(),
        "share" => "share of the voting seats".to_owned(),
        "permission" => "data use permission".to_owned(),
        "modifiers" => "data use modifiers".to_owned(),
        "binding" => "legally binding".to_owned(),
        "decision" => "adopting decision".to_owned(),
        "original_effective_date" => "original effective date".to_owned(),
        "adopted" => "date adopted".to_owned(),
        "length" => "term length".to_owned(),
        "when" => "disclosure times".to_owned(),
        "who" => "who discloses".to_owned(),
        "what" => "what is disclosed".to_owned(),
        "methods" => "ways of giving notice".to_owned(),
        "received_after_business_days" => "business days until a notice is received".to_owned(),
        "order" => "order of precedence".to_owned(),
        "attention" => "notices addressed to".to_owned(),
        "lambert" => "Lambert model".to_owned(),
        "lead" => "lead exploitation party".to_owned(),
        other => match other.strip_suffix("_usd") {
            Some(stem) => format!("{} (USD)", stem.replace('_', " ")),
            None => other.replace('_', " "),
        },
    }
}

/// What singular item an array of tables holds, for labels.
fn item_noun(key: &str) -> &'static str {
    match key {
        "partners" => "Partner",
        "organisations" => "Organisation",
        "bodies" => "Body",
        "decisions" => "Decision",
        "data_flows" => "Data flow",
        "background_items" => "Background IP item",
        "foreground" => "Foreground IP",
        "licences" => "Licence",
        "outbound" => "Outbound licence",
        "transfers" => "Transfer",
        "declared" => "Declared conflict",
        "phases" => "Phase",
        "metrics" => "Metric",
        "obligations" => "Obligation",
        "members" => "Member",
        "shares" => "Share",
        "fields" => "Field",
        "representatives" => "Representative",
        "steps" => "Step",
        "definitions" => "Definition",
        "versions" => "Version",
        "constituencies" => "Constituency",
        "officers" => "Officer",
        "phase_ceilings" => "Ceiling in phase",
        "membership_classes" => "Membership class",
        "roster_members" => "Roster member",
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
        .or_else(|| text("term"))
        .or_else(|| text("version"))
        // A partner's ceiling in one phase, by the phase.
        .or_else(|| text("phase"))
}

/// The identity of a table in the array under `key`: an officer by the office it holds, which a body
/// names once (E0511), so that a new holder of an office reads as a change of who holds it.
fn identity_in(key: &str, table: &Map<String, Value>) -> Option<String> {
    match key {
        "officers" => table.get("role").and_then(Value::as_str).map(str::to_owned),
        _ => identity(table),
    }
}

/// The words that name a table in the array under `key`: an officer by its office ("vice chair").
fn item_name(key: &str, table: &Map<String, Value>) -> String {
    match (key, table.get("role").and_then(Value::as_str)) {
        ("officers", Some(role)) => role.replace('_', " "),
        _ => display_name(table),
    }
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
        "term",
        "partner",
        // A transfer of existing IP, by what it transfers.
        "description",
        "id",
        "version",
        // A partner's ceiling in one phase.
        "phase",
    ]
    .iter()
    .find_map(|k| table.get(*k).and_then(Value::as_str))
    .unwrap_or("?")
    .to_owned()
}

/// The key of the table a term's words stand for, for a term that may be written either way: a flow's
/// `training` in words is its `course`.
fn short_form(at: &At) -> Option<&'static str> {
    match at.keys.as_slice() {
        [first, _, last] if first == "data_flows" && last == "training" => Some("course"),
        _ => None,
    }
}

struct At {
    section: &'static str,
    words: Vec<String>,
    keys: Vec<String>,
}

impl At {
    fn key(&self, key: &str) -> At {
        let mut words = self.words.clone();
        // `when` is the disclosure times of `[conflicts]`, but a transfer's `when` is its date.
        if key == "when" && self.keys.first().is_some_and(|k| k == "ip") {
            words.push("when".to_owned());
        } else if key == "methods" && self.keys.last().is_some_and(|k| k == "data_ceiling") {
            // `methods` is the ways of giving notice, but a data ceiling's are de-identification methods.
            words.push("accepted de-identification methods".to_owned());
        } else {
            words.push(term_words(key));
        }
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
        let old_clause = match kind {
            ChangeKind::Moved { .. } => anchor
                .as_ref()
                .and_then(|a| self.old_clauses.get(a).cloned()),
            _ => None,
        };
        self.changes.push(Change {
            class: None,
            old_clause,
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
            (Some(Value::Object(o)), Some(Value::Object(n))) => self.tables_of(at, o, n),
            // A term written in words or as a table (`training`): the words are the table's text key, so
            // that adding a refresher reads as its own change and the course as unchanged.
            (Some(Value::String(o)), Some(Value::Object(n))) if short_form(at).is_some() => {
                let o =
                    short_form(at).map(|key| Map::from_iter([(key.to_owned(), o.clone().into())]));
                self.tables_of(at, &o.unwrap_or_default(), n);
            }
            (Some(Value::Object(o)), Some(Value::String(n))) if short_form(at).is_some() => {
                let n =
                    short_form(at).map(|key| Map::from_iter([(key.to_owned(), n.clone().into())]));
                self.tables_of(at, o, &n.unwrap_or_default());
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

    /// Two tables, key by key.
    fn tables_of(&mut self, at: &At, old: &Map<String, Value>, new: &Map<String, Value>) {
        for key in union_keys(old, new) {
            let (o, n) = (old.get(key), new.get(key));
            // Most terms of a large charter are unchanged: compare before building a location for them.
            if o != n {
                self.value(&at.key(key), o, n);
            }
        }
    }

    /// Arrays of scalars: additions, removals, and reordering when the same items appear in another order.
    fn list(&mut self, at: &At, old: &[Value], new: &[Value]) {
        let key = |v: &Value| v.to_string();
        let old_keys: Vec<String> = old.iter().map(key).collect();
        let new_keys: Vec<String> = new.iter().map(key).collect();
        let old_set: FxHashSet<&str> = old_keys.iter().map(String::as_str).collect();
        let new_set: FxHashSet<&str> = new_keys.iter().map(String::as_str).collect();
        for (item, k) in old.iter().zip(&old_keys) {
            if !new_set.contains(k.as_str()) {
                self.push(at, ChangeKind::Removed { old: item.clone() });
            }
        }
        for (item, k) in new.iter().zip(&new_keys) {
            if !old_set.contains(k.as_str()) {
                self.push(at, ChangeKind::Added { new: item.clone() });
            }
        }
        let kept_old: Vec<&str> = old_keys
            .iter()
            .map(String::as_str)
            .filter(|k| new_set.contains(k))
            .collect();
        let kept_new: Vec<&str> = new_keys
            .iter()
            .map(String::as_str)
            .filter(|k| old_set.contains(k))
            .collect();
        let moves = moved(&kept_old, &kept_new);
        if moves.is_empty() {
            return;
        }
        let mut values: FxHashMap<&str, &Value> = FxHashMap::default();
        for (item, k) in new.iter().zip(&new_keys) {
            values.entry(k.as_str()).or_insert(item);
        }
        for (item, from, to) in moves {
            let value = values.get(item).copied().unwrap_or(&Value::Null);
            let mut words = at.words.clone();
            words.push(format!("\"{}\"", plain(value)));
            let moved_at = At {
                section: at.section,
                words,
                keys: at.keys.clone(),
            };
            self.push(&moved_at, ChangeKind::Moved { from, to });
        }
    }

    /// Arrays of tables, matched by identity: a map from each identity to its first table, built once, so
    /// that matching 10,000 obligations is not 10,000 searches of the other list.
    fn tables(&mut self, at: &At, old: &[Value], new: &[Value]) {
        let key = at.keys.last().map_or("", String::as_str);
        let noun = item_noun(key);
        let display_name = |t: &Map<String, Value>| item_name(key, t);
        let (old, new) = (identified(key, old), identified(key, new));
        let (old_ids, new_ids) = (first_of(&old), first_of(&new));
        let shared = shared_names(key, &old, &new, &old_ids, &new_ids);
        let named =
            |item: At, table: &Map<String, Value>| match shared.contains(&display_name(table)) {
                true => with_id(item, table),
                false => item,
            };
        for (id, table) in &old {
            let matched = new_ids.get(id).map(|&k| new[k].1);
            if matched == Some(*table) {
                continue;
            }
            let item = at.item(noun, id, &display_name(table));
            match matched {
                Some(new_table) => self.tables_of(&item, table, new_table),
                None => self.push(
                    &named(item, table),
                    ChangeKind::Removed {
                        old: Value::String(display_name(table)),
                    },
                ),
            }
        }
        for (id, table) in new.iter().filter(|(id, _)| !old_ids.contains_key(id)) {
            let item = at.item(noun, id, &display_name(table));
            self.push(
                &named(item, table),
                ChangeKind::Added {
                    new: Value::String(display_name(table)),
                },
            );
        }
        let kept_old: Vec<&str> = old
            .iter()
            .map(|(id, _)| id.as_str())
            .filter(|id| new_ids.contains_key(*id))
            .collect();
        let kept_new: Vec<&str> = new
            .iter()
            .map(|(id, _)| id.as_str())
            .filter(|id| old_ids.contains_key(*id))
            .collect();
        for (id, from, to) in moved(&kept_old, &kept_new) {
            let name = new_ids
                .get(id)
                .map_or_else(String::new, |&k| display_name(new[k].1));
            self.push(&at.item(noun, id, &name), ChangeKind::Moved { from, to });
        }
    }
}

/// The index of the first table with each identity.
fn first_of(items: &[(String, &Map<String, Value>)]) -> FxHashMap<String, usize> {
    let mut map: FxHashMap<String, usize> = FxHashMap::default();
    for (i, (id, _)) in items.iter().enumerate() {
        map.entry(id.clone()).or_insert(i);
    }
    map
}

/// The names shared by an item removed and an item added (an id renamed): only there is the id named,
/// since the name alone would not tell them apart. The path in JSON always has it.
fn shared_names(
    key: &str,
    old: &[(String, &Map<String, Value>)],
    new: &[(String, &Map<String, Value>)],
    old_ids: &FxHashMap<String, usize>,
    new_ids: &FxHashMap<String, usize>,
) -> FxHashSet<String> {
    let gone: FxHashSet<String> = old
        .iter()
        .filter(|(id, _)| !new_ids.contains_key(id))
        .map(|(_, t)| item_name(key, t))
        .collect();
    new.iter()
        .filter(|(id, _)| !old_ids.contains_key(id))
        .map(|(_, t)| item_name(key, t))
        .filter(|name| gone.contains(name))
        .collect()
}

/// The tables of an array with their identities (or their 1-based position, for a table without one).
fn identified<'v>(key: &str, items: &'v [Value]) -> Vec<(String, &'v Map<String, Value>)> {
    items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            v.as_object().map(|t| {
                (
                    identity_in(key, t).unwrap_or_else(|| format!("#{}", i + 1)),
                    t,
                )
            })
        })
        .collect()
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
fn moved<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<(&'a str, usize, usize)> {
    if old == new {
        return Vec::new();
    }
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, old, new);
    let mut stayed = FxHashSet::default();
    for op in ops {
        if let similar::DiffOp::Equal { old_index, len, .. } = op {
            stayed.extend(old[old_index..old_index + len].iter().copied());
        }
    }
    let mut position: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, id) in old.iter().enumerate() {
        position.entry(id).or_insert(i);
    }
    new.iter()
        .enumerate()
        .filter(|(_, id)| !stayed.contains(*id))
        .map(|(to, id)| {
            let from = position.get(id).copied().unwrap_or(0);
            (*id, from + 1, to + 1)
        })
        .collect()
}

/// Whether two arrays hold tables (an empty array takes the kind of the other).
fn is_table_array(old: &[Value], new: &[Value]) -> bool {
    (!old.is_empty() || !new.is_empty()) && old.iter().chain(new).all(Value::is_object)
}

fn union_keys<'a>(old: &'a Map<String, Value>, new: &'a Map<String, Value>) -> Vec<&'a str> {
    let mut keys: Vec<&str> = old.keys().map(String::as_str).collect();
    keys.extend(
        new.keys()
            .filter(|k| !old.contains_key(*k))
            .map(String::as_str),
    );
    keys
}

/// A value as plain words: strings without quotes, lists joined with commas.
#[must_use]
pub fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        // A training with its refresher.
        Value::Object(t) if t.contains_key("course") => match t.get("every") {
            Some(every) => {
                let every = every
                    .as_str()
                    .and_then(|e| e.parse::<crate::model::Period>().ok())
                    .map_or_else(
                        || format!("every {}", plain(every)),
                        crate::model::every_words,
                    );
                format!("{}, completed again {every}", plain(&t["course"]))
            }
            None => plain(&t["course"]),
        },
        // A window of dates of `during`.
        Value::Object(t) if t.contains_key("from") || t.contains_key("until") => {
            let end = |k: &str, words: &str| t.get(k).map(|d| format!("{words} {}", plain(d)));
            [end("from", "from"), end("until", "until")]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        }
        Value::Object(t) => display_name(t),
        Value::Null => "nothing".to_owned(),
        other => other.to_string(),
    }
}
