//! Renaming an id: the definition, every reference to it in another table, every `[[kind:id]]` and
//! `[[clause:…-id]]` cross-reference in free text, and every exception limited to it, rewritten in one
//! step.
//!
//! Only the bytes of the id itself change: the rewrite replaces the id inside each string literal of the
//! source text, so comments, layout, key order and the style of every string (basic, literal, multi-line)
//! stay exactly as they were. (A format-preserving TOML editor would keep comments too, but re-encodes
//! every string it sets, so a multi-line mandate that mentions `[[partner:x]]` would come back as one line
//! full of `\n`.) The result is checked again, and must give the same findings as the original.
//!
//! Imports the loader (for the spanned tree), the validator's table of items with ids, the pipeline (to
//! check the result), cross-references and the id syntax of the model.

use std::ops::Range;

use crate::error::Error;
use crate::load::{self, Seg, Spans};
use crate::model;
use crate::pipeline;
use crate::source::{Source, line_column};
use crate::suggest::closest;
use crate::validate::items::{self, Kind};
use crate::xref;

/// What a reference key names: a partner or a body (one namespace), a decision, a foreground IP
/// category, a phase, a data flow, an obligation or a membership class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refers {
    Actor,
    Decision,
    Foreground,
    Phase,
    Flow,
    Obligation,
    Class,
}

impl Refers {
    /// Whether a reference of this kind names items of `kind`.
    fn names(self, kind: &Kind<'_>) -> bool {
        match self {
            Refers::Actor => kind.actor,
            Refers::Decision => kind.path == ["decisions"],
            Refers::Foreground => kind.path == ["ip", "foreground"],
            Refers::Phase => kind.path == ["phases"],
            Refers::Flow => kind.path == ["data_flows"],
            Refers::Obligation => kind.path == ["obligations"],
            Refers::Class => kind.path == ["membership_classes"],
        }
    }
}

/// Every key whose value is the id of an item of another table (where items are defined, and their
/// anchor prefixes, come from the validator's table of items). The reference check validates the same
/// places; a test renames every id of every example and requires the result to check as the original
/// did, so a place missing here fails it.
const REFERENCED: &[(Refers, &str)] = &[
    (Refers::Actor, "bodies.*.members.*.partner"),
    (Refers::Actor, "bodies.*.chair.partner"),
    (Refers::Actor, "bodies.*.officers.*.partner"),
    (
        Refers::Actor,
        "bodies.*.composition.constituencies.*.partners.*",
    ),
    (Refers::Actor, "decisions.*.body"),
    (Refers::Actor, "decisions.*.consult.*"),
    (Refers::Actor, "decisions.*.concerns.*"),
    (Refers::Actor, "decisions.*.consent_of.partners.*"),
    (Refers::Actor, "decisions.*.escalation"),
    (Refers::Actor, "amendment.body"),
    (Refers::Actor, "data_flows.*.provider"),
    (Refers::Actor, "data_flows.*.provider.*"),
    (Refers::Actor, "data_flows.*.recipients.*"),
    (Refers::Actor, "ip.background_items.*.owner"),
    (Refers::Actor, "ip.lambert.institution"),
    (Refers::Actor, "ip.lambert.collaborator"),
    (Refers::Actor, "ip.lambert.lead"),
    (Refers::Actor, "ip.foreground.*.owner"),
    (Refers::Actor, "ip.foreground.*.shares.*.partner"),
    (Refers::Actor, "ip.foreground.*.fields.*.owner"),
    (Refers::Actor, "ip.licences.*.to.*"),
    (Refers::Actor, "ip.contributions.held_by"),
    (Refers::Actor, "ip.transfers.*.from"),
    (Refers::Actor, "ip.transfers.*.to"),
    (Refers::Actor, "conflicts.managed_by"),
    (Refers::Actor, "conflicts.declared.*.partner"),
    (Refers::Actor, "phases.*.gate_owner"),
    (Refers::Actor, "obligations.*.owner"),
    (Refers::Actor, "review.by"),
    (Refers::Actor, "disputes.to"),
    (Refers::Actor, "organisations.*.parent_of.*"),
    (Refers::Actor, "adoption.body"),
    (Refers::Actor, "membership_classes.*.members.*"),
    (Refers::Actor, "data_access.environment.operator"),
    (Refers::Actor, "data_access.controllers.*"),
    (Refers::Actor, "data_access.processors.*"),
    (Refers::Decision, "data_access.requests"),
    (Refers::Decision, "data_access.outputs"),
    (Refers::Decision, "adoption.decision"),
    (Refers::Decision, "versions.*.decision"),
    (Refers::Decision, "conflicts.recusal_from.*"),
    (Refers::Decision, "conflicts.declared.*.affects.*"),
    (Refers::Foreground, "ip.licences.*.covers.*"),
    (Refers::Foreground, "ip.outbound.*.covers.*"),
    (Refers::Phase, "data_flows.*.use_ends.*.phase"),
    (Refers::Phase, "data_flows.*.during.*"),
    (Refers::Phase, "partners.*.phase_ceilings.*.phase"),
    (Refers::Flow, "partners.*.surviving.flows.*"),
    (Refers::Obligation, "partners.*.surviving.obligations.*"),
    (Refers::Class, "bodies.*.members.*.class"),
];

/// Exceptions may be limited to an item of any namespace.
const EXCEPTION_AT: &str = "exceptions.*.at";

/// A charter with one id renamed.
#[derive(Debug)]
pub struct Renamed {
    /// The rewritten file, byte for byte as the original but for the id.
    pub bytes: Vec<u8>,
    /// How many places were rewritten, the definition included.
    pub places: usize,
}

/// Renames `old` to `new` throughout a charter.
///
/// # Errors
/// When the charter cannot be read into the model, `old` names nothing, `new` is not a valid id or is
/// taken, an occurrence is written with escapes, or the result would not check as the original does.
pub fn rename(source: &Source, old: &str, new: &str) -> Result<Renamed, Error> {
    let refuse = |message: String| Err(Error::Rename(message));
    let Ok((charter, spans)) = load::parse(source) else {
        return refuse(format!(
            "{} cannot be read as a charter; fix what `charter check {}` reports first",
            source.name, source.name
        ));
    };
    if let Err(e) = model::check_id(new) {
        let why = e.message.map(|m| m.to_string()).unwrap_or_default();
        return refuse(format!("\"{new}\" is not a valid id: {why}"));
    }
    let kinds = items::kinds(&charter);
    let renamed = namespace_of(&kinds, old);
    if renamed.is_empty() {
        return refuse(unknown(&kinds, old));
    }
    if old == new {
        return refuse(format!(
            "\"{old}\" is already called \"{new}\": nothing to rename"
        ));
    }
    if renamed.iter().any(|k| k.ids.contains(&new)) {
        return refuse(format!(
            "\"{new}\" is already the id of another item; choose an id that is not taken"
        ));
    }
    let edits = edits(&spans, &renamed, old, new)?;
    let result = Renamed {
        places: edits.len(),
        bytes: apply(source, &edits),
    };
    same_findings(source, &result.bytes)?;
    Ok(result)
}

/// The kinds of item whose namespace `id` is defined in: its own kind, or both partners and bodies,
/// which share one.
fn namespace_of<'k, 'c>(kinds: &'k [Kind<'c>], id: &str) -> Vec<&'k Kind<'c>> {
    let defined: Vec<&Kind<'_>> = kinds.iter().filter(|k| k.ids.contains(&id)).collect();
    let actor = defined.iter().any(|k| k.actor);
    kinds
        .iter()
        .filter(|k| defined.iter().any(|d| std::ptr::eq(*d, *k)) || (actor && k.actor))
        .collect()
}

/// Why `old` cannot be renamed when it names nothing, with the closest id that does.
fn unknown(kinds: &[Kind<'_>], old: &str) -> String {
    let ids: Vec<&str> = kinds.iter().flat_map(|k| k.ids.iter().copied()).collect();
    match closest(old, &ids) {
        Some(best) => format!("no item has the id \"{old}\"; did you mean \"{best}\"?"),
        None => format!("no item has the id \"{old}\""),
    }
}

/// Whether a path (`["bodies", 2, "chair", "partner"]`) fits a pattern (`bodies.*.chair.partner`).
fn matches(path: &[Seg], pattern: &str) -> bool {
    let mut parts = pattern.split('.');
    let fits = path.iter().all(|seg| match (seg, parts.next()) {
        (Seg::Index(_), Some("*")) => true,
        (Seg::Key(key), Some(part)) => key == part,
        _ => false,
    });
    fits && parts.next().is_none()
}

/// Whether a path is the `id` of an item of `kind`: its array's path, an index, then `id`.
fn is_definition(path: &[Seg], kind: &Kind<'_>) -> bool {
    let n = kind.path.len();
    path.len() == n + 2
        && kind
            .path
            .iter()
            .zip(path)
            .all(|(k, seg)| matches!(seg, Seg::Key(key) if key == k))
        && matches!(path[n], Seg::Index(_))
        && matches!(&path[n + 1], Seg::Key(key) if key == "id")
}

/// One rewrite: the bytes of the source text to replace, and with what.
type Edit = (Range<usize>, String);

/// Every place to rewrite: ids as whole values, and ids inside cross-references in free text.
fn edits(
    spans: &Spans<'_>,
    renamed: &[&Kind<'_>],
    old: &str,
    new: &str,
) -> Result<Vec<Edit>, Error> {
    let text = spans.text();
    let mut out = Vec::new();
    for (path, span, value) in spans.strings_at() {
        if value == old && is_id_place(&path, renamed) {
            out.push(whole_value(text, &span, old, new)?);
        } else if value.contains("[[") {
            out.extend(in_references(text, &span, value, renamed, old, new)?);
        }
    }
    Ok(out)
}

/// Whether the value at `path` is an id (a definition, a reference or an exception's item) of one of the
/// kinds being renamed.
fn is_id_place(path: &[Seg], renamed: &[&Kind<'_>]) -> bool {
    matches(path, EXCEPTION_AT)
        || renamed.iter().any(|kind| {
            is_definition(path, kind)
                || REFERENCED
                    .iter()
                    .any(|(refers, pattern)| refers.names(kind) && matches(path, pattern))
        })
}

/// The rewrite of a string literal that is exactly the id, quotes kept.
fn whole_value(text: &str, span: &Range<usize>, old: &str, new: &str) -> Result<Edit, Error> {
    let raw = &text[span.clone()];
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
    if inner == old {
        return Ok((span.start + 1..span.end - 1, new.to_owned()));
    }
    Err(escaped(text, span.start, old))
}

/// The rewrites of every cross-reference to the id inside one text value.
fn in_references(
    text: &str,
    span: &Range<usize>,
    value: &str,
    renamed: &[&Kind<'_>],
    old: &str,
    new: &str,
) -> Result<Vec<Edit>, Error> {
    let raw = &text[span.clone()];
    let mut out = Vec::new();
    let mut from = 0;
    for r in xref::find(value) {
        let Some(target) = renamed_target(r.kind, r.target, renamed, old, new) else {
            continue;
        };
        let written = r.written();
        let Some(at) = raw.get(from..).and_then(|rest| rest.find(&written)) else {
            return Err(escaped(text, span.start, old));
        };
        let start = span.start + from + at + 2 + r.kind_word.len() + 1;
        out.push((start..start + r.target.len(), target));
        from += at + written.len();
    }
    Ok(out)
}

/// What a reference's target becomes, if it names the id: `vitalis` → `new`, `flow-old` → `flow-new`.
fn renamed_target(
    kind: Option<xref::Kind>,
    target: &str,
    renamed: &[&Kind<'_>],
    old: &str,
    new: &str,
) -> Option<String> {
    match kind? {
        xref::Kind::Partner | xref::Kind::Body => {
            (target == old && renamed.iter().any(|k| k.actor)).then(|| new.to_owned())
        }
        // The prefix is kept as written, an older spelling (`ip-…`) included, and so is the part of a
        // body's clause (`body-cab--quorum`).
        xref::Kind::Clause => renamed
            .iter()
            .flat_map(|k| xref::spellings(k.anchor).chain(places(k.anchor)))
            .find_map(|prefix| {
                let rest = target.strip_prefix(prefix)?.strip_prefix('-')?;
                let part = rest.strip_prefix(old)?;
                (part.is_empty() || part.starts_with("--")).then(|| format!("{prefix}-{new}{part}"))
            }),
    }
}

/// The prefixes of the other anchors an id of a kind gives the document: a partner's signature block,
/// its definition and its part of the checklist, and a body's definition and part of the checklist.
fn places(anchor: &str) -> impl Iterator<Item = &'static str> {
    let prefixes: &[&str] = match anchor {
        "partner" => &["sign", "definition--partner", "checklist-partner"],
        "body" => &["definition--body", "checklist-body"],
        _ => &[],
    };
    prefixes.iter().copied()
}

/// An occurrence that cannot be rewritten byte for byte, because the file spells it with escapes.
fn escaped(text: &str, at: usize, old: &str) -> Error {
    let (line, column) = line_column(text, at);
    Error::Rename(format!(
        "\"{old}\" is written with escapes at line {line}, column {column}; write it plainly there first"
    ))
}

/// The source with every edit applied, its byte-order mark kept.
fn apply(source: &Source, edits: &[Edit]) -> Vec<u8> {
    let mut text = source.text.clone();
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    for (range, replacement) in sorted {
        text.replace_range(range.clone(), replacement);
    }
    let bom = source.file_offset(0);
    let mut bytes = source.bytes[..bom].to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// Refuses a rewrite after which `charter check` would find other problems than before.
fn same_findings(source: &Source, renamed: &[u8]) -> Result<(), Error> {
    let codes = |source: &Source| {
        let mut codes: Vec<&str> = pipeline::outcome(source)
            .diagnostics
            .iter()
            .map(|d| d.rule.code)
            .collect();
        codes.sort_unstable();
        codes
    };
    let before = codes(source);
    let after = codes(&Source::new(source.name.clone(), renamed.to_vec()));
    if before == after {
        return Ok(());
    }
    Err(Error::Rename(format!(
        "the renamed charter would not check as the original does (findings before: {}; after: {}); nothing was written",
        list(&before),
        list(&after)
    )))
}

fn list(codes: &[&str]) -> String {
    if codes.is_empty() {
        "none".to_owned()
    } else {
        codes.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHARTER: &str = include_str!("../charters/community-screening-partnership.toml");

    fn rename_in(text: &str, old: &str, new: &str) -> Result<String, String> {
        let source = Source::new("t.toml", text.as_bytes().to_vec());
        rename(&source, old, new)
            .map(|r| String::from_utf8(r.bytes).expect("utf-8"))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn patterns_match_whole_paths_only() {
        let path = crate::path!["bodies", 2, "chair", "partner"];
        assert!(matches(path, "bodies.*.chair.partner"));
        assert!(!matches(path, "bodies.*.chair"));
        assert!(!matches(
            crate::path!["bodies", 2, "chair"],
            "bodies.*.chair.partner"
        ));
        assert!(!matches(
            crate::path!["bodies", "x", "chair", "partner"],
            "bodies.*.chair.partner"
        ));
    }

    #[test]
    fn an_unknown_id_is_refused_with_the_closest_one() {
        let first = first_partner_id(CHARTER);
        let typo = format!("{first}x");
        let error = rename_in(CHARTER, &typo, "fresh").expect_err("unknown id");
        assert!(
            error.contains(&format!("did you mean \"{first}\"")),
            "{error}"
        );
    }

    #[test]
    fn a_taken_or_invalid_new_id_is_refused() {
        let first = first_partner_id(CHARTER);
        let error = rename_in(CHARTER, &first, "Not Valid").expect_err("invalid id");
        assert!(error.contains("not a valid id"), "{error}");
        let error = rename_in(CHARTER, &first, &first).expect_err("same id");
        assert!(error.contains("nothing to rename"), "{error}");
    }

    #[test]
    fn only_the_id_bytes_change() {
        let first = first_partner_id(CHARTER);
        let new = "zz-renamed";
        assert!(!CHARTER.contains(new));
        let renamed = rename_in(CHARTER, &first, new).expect("renamed");
        assert_ne!(renamed, CHARTER);
        assert!(
            !renamed.contains(&format!("\"{first}\"")),
            "every quoted use is renamed"
        );
        // Putting the old id back where the new one stands gives the original, byte for byte: nothing
        // else moved, no comment or blank line was lost.
        assert_eq!(renamed.replace(new, &first), CHARTER);
    }

    #[test]
    fn clause_references_keep_their_prefix() {
        let charter: crate::model::Charter = toml::from_str(CHARTER).expect("a charter");
        let kinds = items::kinds(&charter);
        let flows: Vec<&Kind<'_>> = kinds.iter().filter(|k| k.anchor == "flow").collect();
        let clause = Some(xref::Kind::Clause);
        assert_eq!(
            renamed_target(clause, "flow-old", &flows, "old", "new").as_deref(),
            Some("flow-new")
        );
        assert_eq!(
            renamed_target(clause, "phase-old", &flows, "old", "new"),
            None
        );
        assert_eq!(
            renamed_target(Some(xref::Kind::Partner), "old", &flows, "old", "new"),
            None
        );
    }

    #[test]
    fn a_body_s_sub_clauses_and_a_partner_s_places_are_renamed_with_it() {
        let charter: crate::model::Charter = toml::from_str(CHARTER).expect("a charter");
        let kinds = items::kinds(&charter);
        let actors: Vec<&Kind<'_>> = kinds.iter().filter(|k| k.actor).collect();
        let clause = Some(xref::Kind::Clause);
        for (target, renamed) in [
            ("body-old--quorum", "body-new--quorum"),
            ("sign-old", "sign-new"),
            ("definition--partner-old", "definition--partner-new"),
            ("checklist-body-old", "checklist-body-new"),
        ] {
            assert_eq!(
                renamed_target(clause, target, &actors, "old", "new").as_deref(),
                Some(renamed)
            );
        }
        assert_eq!(
            renamed_target(clause, "body-older", &actors, "old", "new"),
            None
        );
    }

    #[test]
    fn partners_and_bodies_are_one_namespace() {
        let charter: crate::model::Charter = toml::from_str(CHARTER).expect("a charter");
        let kinds = items::kinds(&charter);
        let first = first_partner_id(CHARTER);
        let renamed: Vec<&str> = namespace_of(&kinds, &first)
            .iter()
            .map(|k| k.anchor)
            .collect();
        assert_eq!(renamed, ["partner", "body"]);
    }

    fn first_partner_id(text: &str) -> String {
        let at = text.find("[[partners]]").expect("partners");
        let line = text[at..]
            .lines()
            .find(|l| l.trim_start().starts_with("id ="))
            .expect("id");
        line.split('"').nth(1).expect("quoted").to_owned()
    }
}
