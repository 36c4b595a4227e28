//! Cross-references in free text: `[[partner:ID]]`, `[[body:ID]]` and `[[clause:ANCHOR]]`. The checker
//! finds every reference in every text value and reports the ones that name nothing; the renderer turns
//! each into the partner's short name, the body's name, or the clause number linked to its anchor.
//!
//! Imports nothing of ours.

use std::ops::Range;

/// What a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A partner by id; renders as its short name.
    Partner,
    /// A body by id; renders as its name.
    Body,
    /// A clause by anchor (`flow-northstar-extract`); renders as its number, linked.
    Clause,
}

impl Kind {
    fn parse(word: &str) -> Option<Kind> {
        match word {
            "partner" => Some(Kind::Partner),
            "body" => Some(Kind::Body),
            "clause" => Some(Kind::Clause),
            _ => None,
        }
    }
}

/// One `[[kind:target]]` found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'t> {
    /// The kind, when it is one the format knows.
    pub kind: Option<Kind>,
    /// The kind as written.
    pub kind_word: &'t str,
    /// The id or anchor as written.
    pub target: &'t str,
    /// Byte range of the whole `[[…]]` in the text.
    pub range: Range<usize>,
}

impl Reference<'_> {
    /// The reference as written, `[[kind:target]]`.
    #[must_use]
    pub fn written(&self) -> String {
        format!("[[{}:{}]]", self.kind_word, self.target)
    }
}

/// Every reference in `text`: `[[`, a lowercase word, `:`, then anything but brackets and line breaks
/// up to `]]`. Double brackets that do not start like a reference (`[[see below]]`) are plain text.
#[must_use]
pub fn find(text: &str) -> Vec<Reference<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("[[").map(|i| from + i) {
        let rest = &text[at + 2..];
        let word_len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(rest.len());
        let after_word = &rest[word_len..];
        let parsed = (word_len > 0 && after_word.starts_with(':'))
            .then(|| {
                let target = &after_word[1..];
                let end = target.find("]]")?;
                let target = &target[..end];
                (!target.contains(['[', ']', '\n', '\r'])).then_some(target)
            })
            .flatten();
        match parsed {
            Some(target) => {
                let end = at + 2 + word_len + 1 + target.len() + 2;
                found.push(Reference {
                    kind: Kind::parse(&rest[..word_len]),
                    kind_word: &rest[..word_len],
                    target,
                    range: at..end,
                });
                from = end;
            }
            None => from = at + 1,
        }
    }
    found
}

/// The anchor prefixes of clauses a `[[clause:…]]` reference may name, each followed by an id.
pub const CLAUSE_PREFIXES: &[&str] = &[
    "partner",
    "body",
    "decision",
    "flow",
    "background",
    "foreground",
    "licence",
    "outbound",
    "transfer",
    "conflict",
    "phase",
    "obligation",
    "definition--class",
];

/// Older spellings of two prefixes, still accepted: `ip-ID` for `foreground-ID` (a foreground IP category)
/// and `coi-ID` for `conflict-ID` (a declared conflict), as (older spelling, prefix).
pub const CLAUSE_ALIASES: &[(&str, &str)] = &[("ip", "foreground"), ("coi", "conflict")];

/// The anchor a clause reference names, given which anchors the document has: the target as written
/// when the document has it, or else the anchor an older prefix stands for (`ip-model` for
/// `foreground-model`). An anchor the document writes always wins over an older spelling, so that
/// `ip-background` is the clause on background IP even beside a foreground category `background`.
pub fn resolve_anchor<'t>(
    target: &'t str,
    exists: impl Fn(&str) -> bool,
) -> Option<std::borrow::Cow<'t, str>> {
    if exists(target) {
        return Some(target.into());
    }
    CLAUSE_ALIASES.iter().find_map(|(alias, prefix)| {
        let id = target.strip_prefix(alias)?.strip_prefix('-')?;
        let anchor = format!("{prefix}-{id}");
        exists(&anchor).then_some(anchor.into())
    })
}

/// The prefixes that name clauses of the kind whose anchor prefix is `prefix`: itself, and its older
/// spelling if it has one.
pub fn spellings(prefix: &'static str) -> impl Iterator<Item = &'static str> {
    std::iter::once(prefix).chain(
        CLAUSE_ALIASES
            .iter()
            .filter(move |(_, p)| *p == prefix)
            .map(|(alias, _)| *alias),
    )
}

/// Marks where a well-formed reference stood in escaped Markdown, to be resolved once the document's
/// clause numbers are known. Private-use characters cannot come from the charter: the escaping functions
/// drop them from its text.
pub const OPEN: char = '\u{E000}';
/// Closes a marker opened by [`OPEN`].
pub const CLOSE: char = '\u{E001}';

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_with_their_byte_ranges() {
        let text =
            "Vitalis é [[partner:vitalis]] and [[clause:flow-x]]; [[see below]] [[x:]] [[body:cab";
        let found = find(text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(&text[found[0].range.clone()], "[[partner:vitalis]]");
        assert_eq!(found[0].kind, Some(Kind::Partner));
        assert_eq!(found[1].target, "flow-x");
        assert_eq!(found[2].kind, None);
        assert_eq!(found[2].written(), "[[x:]]");
    }

    #[test]
    fn unknown_kinds_are_still_references() {
        let found = find("[[parter:vitalis]]");
        assert_eq!(found[0].kind, None);
        assert_eq!(found[0].kind_word, "parter");
    }
}
