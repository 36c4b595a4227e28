//! Migrating a charter written for schema version 1 to the current schema, version 2.
//!
//! Schema 2 changed what some keys mean, and stopped writing sentences that schema 1 wrote without a term
//! (docs/defaults.md lists them). A schema 1 file read as schema 2 would therefore render another
//! document, so [`crate::load`] refuses it (E0107) and `charter migrate` rewrites it: the version, the
//! retired key `electronic_votes`, the old meaning of `resolution = "mediation"`, and every sentence schema
//! 1 wrote by default, each as the explicit term that writes it now, and only where schema 1 wrote it. The
//! migrated charter renders the same document as the schema 1 file did.
//!
//! The rewrite goes through a format-preserving TOML editor, so comments, key order and layout stay as
//! they were; only the keys it changes or adds are new. Each change is reported with its line in the
//! input. Imports only the model's schema version and the line arithmetic of [`crate::source`]; the loader
//! stands on this module for the hint of E0107.

use std::fmt;
use std::ops::Range;

use toml_edit::{Document, DocumentMut, InlineTable, Item, RawString, Table, Value};

use crate::model::SCHEMA_VERSION;
use crate::source::line_column;

/// The schema version this module migrates from.
pub const FROM: u32 = 1;

// The rewrite below writes `schema_version = 2` and the terms schema 2 took over; a schema 3 needs a step
// of its own from 2, after this one.
const _: () = assert!(
    SCHEMA_VERSION == 2,
    "migrate.rs migrates schema 1 to schema 2"
);

/// One change a migration makes, located in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The 1-based line of the input the change is at: the line it rewrites or removes, or the line after
    /// which a new term is written.
    pub line: usize,
    /// What changes, in TOML: "`electronic_votes = true` → `electronic = { rule = \"same_as_meetings\" }`
    /// in body \"cab\"".
    pub what: String,
    /// Why schema 2 needs it: the sentence schema 1 wrote without the term, or what the old value meant.
    pub why: &'static str,
    /// Whether it is the change of `schema_version` itself, which every migration makes, rather than a
    /// term of the charter.
    pub version: bool,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.what)
    }
}

/// What a migration found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Migration {
    /// The file is already written for the current schema; nothing changes.
    Current,
    /// The file was written for schema 1: its text rewritten for the current schema, and each change.
    Migrated {
        /// The migrated file.
        text: String,
        /// Every change, in the order of the input's lines.
        changes: Vec<Change>,
    },
}

/// Why a file cannot be migrated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmigratable {
    /// The file is not TOML; `charter check` locates the mistake.
    Syntax,
    /// The file has no `schema_version`, or one that is not a whole number.
    NoVersion,
    /// The file is written for a schema version this build does not know.
    Unknown(i64),
}

impl fmt::Display for Unmigratable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unmigratable::Syntax => write!(f, "it is not valid TOML"),
            Unmigratable::NoVersion => write!(
                f,
                "it has no whole-number `schema_version`, so nothing says which format it is written for; a charter written for the earlier release says `schema_version = {FROM}`"
            ),
            Unmigratable::Unknown(v) => write!(
                f,
                "it says `schema_version = {v}`, which this build does not know: it migrates schema {FROM} to schema {SCHEMA_VERSION}; a newer schema needs a newer `charter`"
            ),
        }
    }
}

/// Migrates a charter's text from schema 1 to the current schema.
///
/// # Errors
/// When the text is not TOML, or does not say it is written for schema 1 or the current schema.
pub fn migrate(text: &str) -> Result<Migration, Unmigratable> {
    let spans = Document::parse(text).map_err(|_| Unmigratable::Syntax)?;
    let mut doc: DocumentMut = text.parse().map_err(|_| Unmigratable::Syntax)?;
    let root = spans.as_item();
    match root.get("schema_version").and_then(Item::as_integer) {
        None => return Err(Unmigratable::NoVersion),
        Some(v) if v == i64::from(SCHEMA_VERSION) => return Ok(Migration::Current),
        Some(v) if v != i64::from(FROM) => return Err(Unmigratable::Unknown(v)),
        Some(_) => {}
    }
    let plan = plan(root);
    let mut changes = Vec::with_capacity(plan.len());
    let mut carried: Option<(Vec<Step>, String)> = None;
    for edit in plan {
        let line = line_column(text, edit.at.start).0;
        changes.push(Change {
            line,
            // The only change at the top level of the file is the version's own.
            version: edit.table.is_empty(),
            what: edit.what,
            why: edit.why,
        });
        if let Some(mut table) = at_mut(doc.as_item_mut(), &edit.table).and_then(Tbl::of) {
            let pending = carried
                .take_if(|(path, _)| *path == edit.table)
                .map(|(_, comment)| comment);
            carried = apply(&mut table, &edit.action, pending).map(|c| (edit.table.clone(), c));
        }
    }
    changes.sort_by_key(|c| c.line);
    let mut out = doc.to_string();
    if text.contains("\r\n") {
        out = crlf(&out);
    }
    Ok(Migration::Migrated { text: out, changes })
}

/// Line ends made `\r\n` throughout, for a file that used them: the editor writes new lines with `\n`.
fn crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut previous = '\0';
    for c in text.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// One step of a path from the top of the file: a key, or an entry of an array (of tables).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(&'static str),
    Index(usize),
}

/// What to do to one table.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Action {
    /// Replace `key` and its value with `new_key = value`, in its place, keeping its comments.
    Replace {
        key: &'static str,
        new_key: &'static str,
        value: &'static str,
    },
    /// Remove `key`; its comments move to the key after it.
    Remove { key: &'static str },
    /// Write `key = value` after the first of `after` the table has, or after its last key.
    Add {
        key: &'static str,
        value: &'static str,
        after: &'static [&'static str],
    },
}

/// One planned change: the table it applies to, what to do, where it is in the input and how to say it.
#[derive(Debug, Clone)]
struct Edit {
    table: Vec<Step>,
    action: Action,
    at: Range<usize>,
    what: String,
    why: &'static str,
}

const SAME_AS_MEETINGS: &str = "{ rule = \"same_as_meetings\" }";
const BACKGROUND_TERMS: &str = "[\"stays_with_owner\", \"no_implied_licence\"]";

/// Every change the migration makes, read from the spans of the input.
fn plan(root: &Item) -> Vec<Edit> {
    let mut edits = Vec::new();
    let version = root
        .as_table_like()
        .and_then(|t| t.get_key_value("schema_version"));
    if let Some((_, value)) = version {
        edits.push(Edit {
            table: Vec::new(),
            action: Action::Replace {
                key: "schema_version",
                new_key: "schema_version",
                value: "2",
            },
            at: value.span().unwrap_or(0..0),
            what: format!("`schema_version = {FROM}` → `schema_version = {SCHEMA_VERSION}`"),
            why: "the file is now written for the current schema",
        });
    }
    bodies(root, &mut edits);
    if let Some(ip) = root.get("ip").filter(|i| i.is_table_like()) {
        add(
            &mut edits,
            ip,
            vec![Step::Key("ip")],
            "[ip]",
            ("background_terms", BACKGROUND_TERMS, &["background"]),
            "schema 1 wrote \"Background IP stays with its owner, and no licence to it is implied by this charter.\" after every `background`",
        );
    }
    if let Some(p) = root.get("publication").filter(|i| i.is_table_like()) {
        let table = vec![Step::Key("publication")];
        add(
            &mut edits,
            p,
            table.clone(),
            "[publication]",
            ("review_kind", "\"comment\"", &["review"]),
            "schema 1 wrote \"Partners review it but do not approve its content, and may not require results to be suppressed.\" after every review period",
        );
        add(
            &mut edits,
            p,
            table,
            "[publication]",
            (
                "confidential_removal",
                "true",
                &["patent_delay", "review_kind", "review"],
            ),
            "schema 1 wrote \"A partner may require the removal of its own confidential information, but not of results.\" unless `confidential_removal = false`",
        );
    }
    if let Some(d) = root.get("disputes").filter(|i| i.is_table_like()) {
        let resolution = d
            .as_table_like()
            .and_then(|t| t.get_key_value("resolution"))
            .filter(|(_, v)| v.as_str() == Some("mediation"));
        if let Some((key, _)) = resolution {
            edits.push(Edit {
                table: vec![Step::Key("disputes")],
                action: Action::Replace {
                    key: "resolution",
                    new_key: "resolution",
                    value: "\"mediation_then_courts\"",
                },
                at: key.span().unwrap_or(0..0),
                what: "`resolution = \"mediation\"` → `resolution = \"mediation_then_courts\"` in [disputes]".to_owned(),
                why: "in schema 1 \"mediation\" went on to the courts of the governing jurisdiction; in schema 2 it ends at mediation",
            });
        }
    }
    edits
}

/// The changes to each governance body: its electronic votes, its members' attendance, its chair's
/// renewal.
fn bodies(root: &Item, edits: &mut Vec<Edit>) {
    let Some(bodies) = root.get("bodies") else {
        return;
    };
    let count = match bodies {
        Item::ArrayOfTables(a) => a.len(),
        Item::Value(Value::Array(a)) => a.len(),
        _ => 0,
    };
    for i in 0..count {
        let Some(body) = bodies.get(i).filter(|b| b.is_table_like()) else {
            continue;
        };
        let name = match body.get("id").and_then(Item::as_str) {
            Some(id) => format!("body \"{id}\""),
            None => format!("body {}", i + 1),
        };
        let path = |key: &'static str| vec![Step::Key("bodies"), Step::Index(i), Step::Key(key)];
        if let Some(meetings) = body.get("meetings").filter(|m| m.is_table_like()) {
            let table = meetings.as_table_like().expect("table-like");
            if let Some((key, value)) = table.get_key_value("electronic_votes")
                && let Some(on) = value.as_bool()
            {
                let at = key.span().unwrap_or(0..0);
                let (action, what, why) = if on {
                    (
                        Action::Replace {
                            key: "electronic_votes",
                            new_key: "electronic",
                            value: SAME_AS_MEETINGS,
                        },
                        format!(
                            "`electronic_votes = true` → `electronic = {SAME_AS_MEETINGS}` in the meetings of {name}"
                        ),
                        "schema 2 retired `electronic_votes`; `true` meant votes between meetings under the rules of a meeting",
                    )
                } else {
                    (
                        Action::Remove {
                            key: "electronic_votes",
                        },
                        format!("removed `electronic_votes = false` from the meetings of {name}"),
                        "schema 2 retired `electronic_votes`; `false` wrote nothing, as no `electronic` does",
                    )
                };
                edits.push(Edit {
                    table: path("meetings"),
                    action,
                    at,
                    what,
                    why,
                });
            }
            add(
                edits,
                meetings,
                path("meetings"),
                &format!("the meetings of {name}"),
                ("remote_attendance", "true", &[]),
                "schema 1 wrote \"Members may attend remotely.\" unless `remote_attendance = false`",
            );
        }
        if let Some(chair) = body.get("chair").filter(|c| c.is_table_like()) {
            add(
                edits,
                chair,
                path("chair"),
                &format!("the chair of {name}"),
                ("renewable", "false", &["term"]),
                "schema 1 wrote \", not renewable\" after the chair's term unless `renewable = true`",
            );
        }
    }
}

/// Plans `key = value` in `table` (at `path`, called `name` in the report) when the table lacks the key.
fn add(
    edits: &mut Vec<Edit>,
    table: &Item,
    path: Vec<Step>,
    name: &str,
    (key, value, after): (&'static str, &'static str, &'static [&'static str]),
    why: &'static str,
) {
    let Some(t) = table.as_table_like() else {
        return;
    };
    if t.contains_key(key) {
        return;
    }
    // Located at the key it follows, else at the table's last key, else at the table itself.
    let anchor = after.iter().find_map(|k| t.key(k)).or_else(|| {
        t.iter()
            .filter(|(_, v)| v.is_value())
            .last()
            .and_then(|(k, _)| t.key(k))
    });
    let at = anchor
        .and_then(toml_edit::Key::span)
        .or_else(|| table.span())
        .unwrap_or(0..0);
    edits.push(Edit {
        table: path,
        action: Action::Add { key, value, after },
        at,
        what: format!("added `{key} = {value}` to {name}"),
        why,
    });
}

/// The item at `path`, for editing.
fn at_mut<'d>(mut item: &'d mut Item, path: &[Step]) -> Option<&'d mut Item> {
    for step in path {
        item = match step {
            Step::Key(key) => item.as_table_like_mut()?.get_mut(key)?,
            Step::Index(i) => item.get_mut(*i)?,
        };
    }
    Some(item)
}

/// A table as written: under a header (or dotted keys), or inline.
enum Tbl<'a> {
    Std(&'a mut Table),
    Inline(&'a mut InlineTable),
}

impl<'a> Tbl<'a> {
    fn of(item: &'a mut Item) -> Option<Tbl<'a>> {
        match item {
            Item::Table(t) => Some(Tbl::Std(t)),
            Item::Value(Value::InlineTable(t)) => Some(Tbl::Inline(t)),
            _ => None,
        }
    }

    /// The keys of its values, in order.
    fn keys(&self) -> Vec<String> {
        match self {
            Tbl::Std(t) => t
                .iter()
                .filter(|(_, v)| v.is_value())
                .map(|(k, _)| k.to_owned())
                .collect(),
            Tbl::Inline(t) => t.iter().map(|(k, _)| k.to_owned()).collect(),
        }
    }

    fn value_mut(&mut self, key: &str) -> Option<&mut Value> {
        match self {
            Tbl::Std(t) => t.get_mut(key).and_then(Item::as_value_mut),
            Tbl::Inline(t) => t.get_mut(key),
        }
    }

    fn insert(&mut self, key: &str, value: Value) {
        match self {
            Tbl::Std(t) => {
                t.insert(key, Item::Value(value));
            }
            Tbl::Inline(t) => {
                t.insert(key, value);
            }
        }
    }

    fn remove(&mut self, key: &str) -> Option<Value> {
        match self {
            Tbl::Std(t) => t.remove(key).and_then(|i| i.into_value().ok()),
            Tbl::Inline(t) => t.remove(key),
        }
    }

    /// The text before a key: its indentation, and the comments and blank lines above it.
    fn prefix(&self, key: &str) -> String {
        let decor = match self {
            Tbl::Std(t) => t.key(key).map(toml_edit::Key::leaf_decor),
            Tbl::Inline(t) => t.key(key).map(toml_edit::Key::leaf_decor),
        };
        decor
            .and_then(|d| d.prefix())
            .and_then(RawString::as_str)
            .unwrap_or_default()
            .to_owned()
    }

    fn set_prefix(&mut self, key: &str, prefix: String) {
        let key = match self {
            Tbl::Std(t) => t.key_mut(key),
            Tbl::Inline(t) => t.key_mut(key),
        };
        if let Some(mut key) = key {
            key.leaf_decor_mut().set_prefix(prefix);
        }
    }

    /// Puts the values in the order of `order`; keys not in it keep their place after them.
    fn reorder(&mut self, order: &[String]) {
        let rank = |k: &str| order.iter().position(|o| o == k).unwrap_or(usize::MAX);
        match self {
            Tbl::Std(t) => t.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get()))),
            Tbl::Inline(t) => t.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get()))),
        }
    }
}

/// Applies one action to a table. `pending` is a comment carried from a removed last key, for the key
/// this action adds; what it returns is a comment it could not place, for the next action on the table.
fn apply(table: &mut Tbl<'_>, action: &Action, pending: Option<String>) -> Option<String> {
    let keys = table.keys();
    match *action {
        Action::Replace {
            key,
            new_key,
            value,
        } => {
            let mut new: Value = value.parse().expect("a migration value is TOML");
            let Some(old) = table.value_mut(key) else {
                return pending;
            };
            *new.decor_mut() = old.decor().clone();
            if key == new_key {
                *old = new;
                return pending;
            }
            let prefix = table.prefix(key);
            table.remove(key);
            table.insert(new_key, new);
            table.set_prefix(new_key, prefix);
            let order: Vec<String> = keys
                .iter()
                .map(|k| {
                    if k == key {
                        new_key.to_owned()
                    } else {
                        k.clone()
                    }
                })
                .collect();
            table.reorder(&order);
            pending
        }
        Action::Remove { key } => {
            let prefix = table.prefix(key);
            let old = table.remove(key)?;
            let trailing = old
                .decor()
                .suffix()
                .and_then(RawString::as_str)
                .map(str::trim)
                .filter(|s| s.starts_with('#'))
                .map(|c| format!("{}{c}\n", indentation(&prefix)));
            let mut comment = prefix.clone();
            if let Some(trailing) = trailing {
                comment.push_str(&trailing);
            }
            if !comment.contains('#') {
                return pending;
            }
            let next = keys
                .iter()
                .position(|k| k == key)
                .and_then(|i| keys.get(i + 1));
            match next {
                Some(next) => {
                    // The comment stays above the line that now follows it; the next key's own indentation
                    // follows the comment.
                    let theirs = table.prefix(next);
                    table.set_prefix(next, format!("{}{theirs}", without_indentation(&comment)));
                    pending
                }
                None => Some(without_indentation(&comment).to_owned()),
            }
        }
        Action::Add { key, value, after } => {
            if keys.iter().any(|k| k == key) {
                return pending;
            }
            let anchor = after
                .iter()
                .find(|a| keys.iter().any(|k| k == *a))
                .map(|a| (*a).to_owned())
                .or_else(|| keys.last().cloned());
            let value: Value = value.parse().expect("a migration value is TOML");
            let inline = matches!(table, Tbl::Inline(_));
            table.insert(key, value);
            if !inline {
                let indent = anchor
                    .as_deref()
                    .map(|a| indentation(&table.prefix(a)).to_owned())
                    .unwrap_or_default();
                table.set_prefix(key, format!("{}{indent}", pending.unwrap_or_default()));
            }
            if let Some(anchor) = anchor {
                let mut order = Vec::with_capacity(keys.len() + 1);
                for k in &keys {
                    order.push(k.clone());
                    if *k == anchor {
                        order.push(key.to_owned());
                    }
                }
                table.reorder(&order);
                if let Tbl::Inline(t) = table {
                    space_inline(t);
                }
            }
            None
        }
    }
}

/// Gives every value of an inline table one space on each side, as `{ a = 1, b = 2 }`, after a key was
/// added: the value that was last keeps no space before the closing brace of its own.
fn space_inline(table: &mut InlineTable) {
    let last = table.len().saturating_sub(1);
    for (i, (mut key, value)) in table.iter_mut().enumerate() {
        key.leaf_decor_mut().set_prefix(" ");
        key.leaf_decor_mut().set_suffix(" ");
        value.decor_mut().set_prefix(" ");
        value
            .decor_mut()
            .set_suffix(if i == last { " " } else { "" });
    }
}

/// The indentation of a key: what its prefix holds after its last line end.
fn indentation(prefix: &str) -> &str {
    let last = prefix.rsplit('\n').next().unwrap_or("");
    if last.chars().all(|c| c == ' ' || c == '\t') {
        last
    } else {
        ""
    }
}

/// A prefix without the indentation of the key it was before.
fn without_indentation(prefix: &str) -> &str {
    &prefix[..prefix.len() - indentation(prefix).len()]
}

/// A one-line summary of what migrating would change, for the hint of E0107.
#[must_use]
pub fn summary(changes: &[Change]) -> String {
    changes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migrated(text: &str) -> (String, Vec<Change>) {
        match migrate(text).expect("migrates") {
            Migration::Migrated { text, changes } => (text, changes),
            Migration::Current => panic!("already current"),
        }
    }

    #[test]
    fn the_version_is_rewritten_in_place_with_its_comment() {
        let (text, changes) = migrated("# top\nschema_version = 1 # the format\n");
        assert_eq!(text, "# top\nschema_version = 2 # the format\n");
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].line, 2);
    }

    #[test]
    fn a_current_file_is_left_alone_and_other_versions_are_refused() {
        assert_eq!(migrate("schema_version = 2\n"), Ok(Migration::Current));
        assert_eq!(
            migrate("schema_version = 7\n"),
            Err(Unmigratable::Unknown(7))
        );
        assert_eq!(migrate("title = 1\n"), Err(Unmigratable::NoVersion));
        assert_eq!(
            migrate("schema_version = \"1\"\n"),
            Err(Unmigratable::NoVersion)
        );
        assert_eq!(migrate("schema_version = [\n"), Err(Unmigratable::Syntax));
    }

    #[test]
    fn electronic_votes_become_the_rule_of_a_meeting_in_their_place() {
        let text = "schema_version = 1\n\n[[bodies]]\nid = \"cab\"\n\n[bodies.meetings]\ncadence = \"monthly\"\n# votes between meetings\nelectronic_votes = true # agreed in 2025\nminutes = \"7 days\"\nremote_attendance = false\n";
        let (out, changes) = migrated(text);
        assert_eq!(
            out,
            "schema_version = 2\n\n[[bodies]]\nid = \"cab\"\n\n[bodies.meetings]\ncadence = \"monthly\"\n# votes between meetings\nelectronic = { rule = \"same_as_meetings\" } # agreed in 2025\nminutes = \"7 days\"\nremote_attendance = false\n"
        );
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[1].line, 9);
        assert!(changes[1].what.contains("body \"cab\""), "{changes:?}");
    }

    #[test]
    fn electronic_votes_false_is_removed_and_its_comment_kept() {
        let text = "schema_version = 1\n[[bodies]]\nid = \"cab\"\n[bodies.meetings]\ncadence = \"monthly\"\n# no votes between meetings\nelectronic_votes = false # on purpose\nminutes = \"7 days\"\nremote_attendance = true\n";
        let (out, _) = migrated(text);
        assert_eq!(
            out,
            "schema_version = 2\n[[bodies]]\nid = \"cab\"\n[bodies.meetings]\ncadence = \"monthly\"\n# no votes between meetings\n# on purpose\nminutes = \"7 days\"\nremote_attendance = true\n"
        );
    }

    #[test]
    fn a_removed_last_key_hands_its_comment_to_the_key_added_after_it() {
        let text = "schema_version = 1\n[[bodies]]\nid = \"cab\"\n[bodies.meetings]\ncadence = \"monthly\"\n# none\nelectronic_votes = false\n";
        let (out, changes) = migrated(text);
        assert_eq!(
            out,
            "schema_version = 2\n[[bodies]]\nid = \"cab\"\n[bodies.meetings]\ncadence = \"monthly\"\n# none\nremote_attendance = true\n"
        );
        assert_eq!(changes.len(), 3);
    }

    #[test]
    fn old_defaults_are_stated_after_the_terms_they_belong_to() {
        let text = "schema_version = 1\n\n[[bodies]]\nid = \"cab\"\nchair = { partner = \"a\", term = \"2 years\" }\nmeetings = { cadence = \"monthly\", minutes = \"7 days\" }\n\n[ip]\nbackground = \"Ours.\"\n\n[[ip.foreground]]\nid = \"x\"\n\n[publication]\nreview = \"30 days\"\npatent_delay = \"60 days\"\nauthorship = \"icmje\"\n\n[disputes]\nresolution = \"mediation\" # then the courts\n";
        let (out, changes) = migrated(text);
        assert_eq!(
            out,
            "schema_version = 2\n\n[[bodies]]\nid = \"cab\"\nchair = { partner = \"a\", term = \"2 years\", renewable = false }\nmeetings = { cadence = \"monthly\", minutes = \"7 days\", remote_attendance = true }\n\n[ip]\nbackground = \"Ours.\"\nbackground_terms = [\"stays_with_owner\", \"no_implied_licence\"]\n\n[[ip.foreground]]\nid = \"x\"\n\n[publication]\nreview = \"30 days\"\nreview_kind = \"comment\"\npatent_delay = \"60 days\"\nconfidential_removal = true\nauthorship = \"icmje\"\n\n[disputes]\nresolution = \"mediation_then_courts\" # then the courts\n"
        );
        let lines: Vec<usize> = changes.iter().map(|c| c.line).collect();
        assert_eq!(lines, [1, 5, 6, 9, 15, 16, 20]);
    }

    #[test]
    fn stated_terms_are_kept_as_they_are() {
        let text = "schema_version = 1\n[[bodies]]\nid = \"cab\"\n[bodies.chair]\nterm = \"1 year\"\nrenewable = true\n[bodies.meetings]\nremote_attendance = false\n[publication]\nreview = \"30 days\"\nconfidential_removal = false\n[disputes]\nresolution = \"courts\"\n";
        let (out, changes) = migrated(text);
        assert_eq!(
            out.replace("schema_version = 2", "schema_version = 1"),
            text.replace(
                "review = \"30 days\"\n",
                "review = \"30 days\"\nreview_kind = \"comment\"\n"
            )
        );
        assert_eq!(changes.len(), 2);
    }

    #[test]
    fn dotted_keys_get_their_terms_as_dotted_keys() {
        let text = "schema_version = 1\n[[bodies]]\nid = \"cab\"\nchair.term = \"1 year\"\nmeetings.cadence = \"monthly\"\n# e-votes\nmeetings.electronic_votes = true\nmeetings.minutes = \"7 days\"\nname = \"x\"\n";
        let (out, changes) = migrated(text);
        assert_eq!(
            out,
            "schema_version = 2\n[[bodies]]\nid = \"cab\"\nchair.term = \"1 year\"\nchair.renewable = false\nmeetings.cadence = \"monthly\"\n# e-votes\nmeetings.electronic = { rule = \"same_as_meetings\" }\nmeetings.minutes = \"7 days\"\nmeetings.remote_attendance = true\nname = \"x\"\n"
        );
        assert_eq!(changes.len(), 4);
    }

    #[test]
    fn crlf_line_ends_stay_crlf() {
        let text = "schema_version = 1\r\n[ip]\r\nbackground = \"Ours.\"\r\n";
        let (out, _) = migrated(text);
        assert_eq!(
            out,
            "schema_version = 2\r\n[ip]\r\nbackground = \"Ours.\"\r\nbackground_terms = [\"stays_with_owner\", \"no_implied_licence\"]\r\n"
        );
    }

    #[test]
    fn migrating_twice_changes_nothing_more() {
        let text = "schema_version = 1\n[publication]\nreview = \"30 days\"\n";
        let (once, _) = migrated(text);
        assert_eq!(migrate(&once), Ok(Migration::Current));
    }
}
