//! Rosters: the members of a membership class listed in a file of their own, which the charter names in
//! `[[membership_classes]] roster`, so that members join and leave without an amendment. Each roster is
//! read after the charter, relative to the charter's file (or to the working directory for standard
//! input). Every problem of a roster is reported at once, at the charter's `roster` key, with the line of
//! the roster it is on. Imports the source, the model, the rule catalogue and the diagnostic type.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::Spans;
use crate::diagnostic::Diagnostic;
use crate::model::{self, Charter, Date, Roster, RosterMember};
use crate::path;
use crate::rules;
use crate::source::{Source, fingerprint, line_column};

/// The keys a roster may have at its top.
const TOP_KEYS: &[&str] = &["as_of", "members"];

/// One `[[members]]` entry as the file writes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    name: String,
}

/// Reads the roster of every class that names one into its `listed` members, and returns what is wrong
/// with them. A roster that cannot be read leaves `listed` empty.
pub fn read(charter: &mut Charter, source: &Source, spans: &Spans<'_>) -> Vec<Diagnostic> {
    let base = source.dir();
    let mut out = Vec::new();
    for (i, class) in charter.membership_classes.iter_mut().enumerate() {
        let Some(file) = class.roster.clone() else {
            continue;
        };
        let at = spans.span_of(path!["membership_classes", i, "roster"]);
        let path = base.join(&file);
        let text = match read_file(&path).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                out.push(unreadable(&file, "is not UTF-8 text", at));
                continue;
            }
            Err(e) => {
                // The path as written, not as resolved: the message is the same on every machine.
                let why = match e.kind() {
                    std::io::ErrorKind::NotFound => {
                        "does not exist, relative to the charter's file".to_owned()
                    }
                    _ => format!("cannot be read ({e})"),
                };
                out.push(unreadable(&file, &why, at));
                continue;
            }
        };
        let mut problems = Vec::new();
        let mut roster = parse(&text, &mut problems);
        roster.flawed = !problems.is_empty();
        out.extend(problems.into_iter().map(|(offset, what, fix)| {
            let (line, column) = line_column(&text, offset);
            Diagnostic::new(
                &rules::ROSTER_INVALID,
                at.clone(),
                format!("the roster {file}, line {line}, column {column}: {what}"),
            )
            .label("a roster with a problem")
            .hint(fix)
        }));
        class.listed = Some(roster);
    }
    out
}

/// The largest roster read: far more than any list of members, and a bound on what a path that names a
/// device or a huge file can make `check` read.
const MAX_BYTES: u64 = 4 << 20;

/// The bytes of a regular file of at most [`MAX_BYTES`].
fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    let file = std::fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(Error::new(ErrorKind::InvalidInput, "not a regular file"));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Error::new(ErrorKind::InvalidInput, "larger than 4 MiB"));
    }
    Ok(bytes)
}

fn unreadable(file: &str, why: &str, at: Range<usize>) -> Diagnostic {
    Diagnostic::new(
        &rules::ROSTER_UNREADABLE,
        at,
        format!("the roster {file} {why}"),
    )
    .label("no roster here")
    .hint(format!(
        "write the roster's path relative to this charter's file, or create {file} there with one table per member: `[[members]]` with `id = \"northwind\"` and `name = \"Northwind Health\"`; or list the partners in `members` and leave `roster` out"
    ))
}

/// A problem at a byte offset of the roster, with what to write instead.
type Problem = (usize, String, String);

/// The roster in `text`, with every problem found in it.
fn parse(text: &str, problems: &mut Vec<Problem>) -> Roster {
    let mut roster = Roster {
        fingerprint: fingerprint(text.as_bytes()),
        ..Roster::default()
    };
    let (tree, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        problems.extend(errors.iter().map(|e| {
            (
                e.span().map_or(0, |s| s.start),
                format!("TOML syntax: {}", e.message().trim()),
                "check quotes, brackets and `=` on that line; names need double quotes".to_owned(),
            )
        }));
        return roster;
    }
    for (key, value) in tree.get_ref() {
        match key.get_ref().as_ref() {
            "as_of" => match Date::deserialize(ValueDeserializer::from(value.clone())) {
                Ok(date) => roster.as_of = Some(date),
                Err(_) => problems.push((
                    value.span().start,
                    "`as_of` is not a date".to_owned(),
                    "write the date the list stands at, such as `as_of = 2026-11-01`".to_owned(),
                )),
            },
            "members" => members(value, &mut roster.members, problems),
            other => problems.push((
                key.span().start,
                format!("a roster has no key `{other}`"),
                format!(
                    "a roster has {}; remove `{other}`",
                    TOP_KEYS
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
            )),
        }
    }
    roster
}

/// The `[[members]]` of a roster, each checked on its own.
fn members(value: &Spanned<DeValue<'_>>, out: &mut Vec<RosterMember>, problems: &mut Vec<Problem>) {
    let DeValue::Array(entries) = value.get_ref() else {
        problems.push((
            value.span().start,
            "`members` is not a list of tables".to_owned(),
            "write each member as a table of its own: `[[members]]`, then `id = \"northwind\"` and `name = \"Northwind Health\"`".to_owned(),
        ));
        return;
    };
    for entry in entries.iter() {
        let at = entry.span().start;
        let entry = match Entry::deserialize(ValueDeserializer::from(entry.clone())) {
            Ok(entry) => entry,
            Err(e) => {
                problems.push((
                    at,
                    format!("a member: {}", e.message().trim()),
                    "give each member exactly an `id` and a `name`: `id = \"northwind\"`, `name = \"Northwind Health\"`".to_owned(),
                ));
                continue;
            }
        };
        if let Err(e) = model::check_id(&entry.id) {
            let why = e.message.map(|m| m.to_string()).unwrap_or_default();
            problems.push((
                at,
                format!("\"{}\" is not a valid id: {why}", entry.id),
                "write a short id of lowercase letters, digits and hyphens, such as `id = \"northwind\"`".to_owned(),
            ));
            continue;
        }
        if entry.name.trim().is_empty() || entry.name.chars().count() > 120 {
            problems.push((
                at,
                format!(
                    "the name of \"{}\" is empty or longer than 120 characters",
                    entry.id
                ),
                "write the member's name, such as `name = \"Northwind Health\"`".to_owned(),
            ));
            continue;
        }
        if out.iter().any(|m| m.id == entry.id) {
            problems.push((
                at,
                format!("\"{}\" is listed twice", entry.id),
                format!(
                    "remove the second `[[members]]` entry with `id = \"{}\"`",
                    entry.id
                ),
            ));
            continue;
        }
        out.push(RosterMember {
            id: entry.id,
            name: entry.name,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Roster, Vec<Problem>) {
        let mut problems = Vec::new();
        (parse(text, &mut problems), problems)
    }

    #[test]
    fn a_roster_lists_its_members_and_its_date() {
        let (roster, problems) = parsed(
            "as_of = 2026-11-01\n[[members]]\nid = \"northwind\"\nname = \"Northwind Health\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            roster.as_of.map(|d| d.to_string()).as_deref(),
            Some("2026-11-01")
        );
        assert_eq!(roster.members[0].name, "Northwind Health");
        assert_eq!(roster.fingerprint.len(), 64);
    }

    #[test]
    fn a_device_or_a_folder_is_not_read_as_a_roster() {
        assert!(read_file(Path::new("/dev/zero")).is_err());
        assert!(read_file(Path::new(".")).is_err());
    }

    #[test]
    fn every_bad_member_is_reported_with_its_line() {
        let text = "colour = \"red\"\n[[members]]\nid = \"Bad Id\"\nname = \"X\"\n[[members]]\nid = \"a\"\n[[members]]\nid = \"b\"\nname = \"B\"\n[[members]]\nid = \"b\"\nname = \"B again\"\n";
        let (roster, problems) = parsed(text);
        let lines: Vec<usize> = problems.iter().map(|p| line_column(text, p.0).0).collect();
        // The unknown key, the bad id, the member without a name and the second "b".
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert_eq!(lines[0], 1);
        assert!(problems[1].1.contains("not a valid id"), "{problems:?}");
        assert!(problems[2].1.contains("name"), "{problems:?}");
        assert!(problems[3].1.contains("listed twice"), "{problems:?}");
        assert_eq!(roster.members.len(), 1);
    }
}
