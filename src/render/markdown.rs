//! Markdown text that is safe to place in the document. Every string from the TOML reaches the output
//! through [`text`] (plain text: every Markdown and HTML special character escaped) or [`prose`] (the
//! organiser's Markdown, with raw HTML and structure-breaking lines neutralised). The `Md` type marks a
//! string as already escaped, so the templates never escape and never need to.

use std::borrow::Cow;
use std::fmt;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::hidden;
use crate::prose;
use crate::xref;

/// A fragment of Markdown that is safe to insert into the document as is.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Md(String);

impl Md {
    /// Markdown written by this program. Only for text that contains nothing from the charter.
    #[must_use]
    pub fn raw(markdown: impl Into<String>) -> Self {
        Md(markdown.into())
    }

    /// The Markdown source.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text without its Markdown backslash escapes, for formats that are not Markdown (CSV, JSON,
    /// calendars). Exact for what [`text`] and this program write, which is all the checklist holds;
    /// organiser prose keeps its emphasis marks.
    #[must_use]
    pub fn plain(&self) -> String {
        let mut out = String::with_capacity(self.0.len());
        let mut chars = self.0.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek()) {
                ('\\', Some(next)) if next.is_ascii_punctuation() => {
                    out.push(*next);
                    chars.next();
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// Whether the fragment is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Md {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Builds an [`Md`] from a format string whose arguments are themselves `Md`, numbers or program text.
#[macro_export]
macro_rules! md {
    ($($arg:tt)*) => { $crate::render::markdown::Md::raw(format!($($arg)*)) };
}

/// Joins fragments with a separator written by this program.
#[must_use]
pub fn join(items: &[Md], separator: &str) -> Md {
    Md(items
        .iter()
        .map(Md::as_str)
        .collect::<Vec<_>>()
        .join(separator))
}

/// Plain text from the charter, on one line, with every character that Markdown or HTML would interpret
/// escaped. Line breaks and other control characters become spaces, so a value can never open a new
/// block, table row or list item; bidirectional overrides and invisible characters (which a valid charter
/// cannot hold) are dropped so that they cannot disguise a clause, and an allowed direction mark is shown.
#[must_use]
pub fn text(value: &str) -> Md {
    let value = &mark_references(value);
    let mut out = String::with_capacity(value.len() + 8);
    // Runs of bytes that need nothing (most of any text) are copied whole; only the characters that do are
    // looked at one by one.
    let mut rest = value.as_ref();
    while let Some(at) = rest.bytes().position(needs_attention) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().expect("a character starts here");
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~'
            | '&' | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c if hidden::class(c).is_some() => push_hidden(&mut out, c),
            c => out.push(c),
        }
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    // A value that starts like a list marker ("- ", "+ ", "1. ", "2) ") would open a nested list where it
    // lands at the start of a list item.
    let trimmed = out.trim();
    let mut escaped = if trimmed.len() == out.len() {
        Md(out)
    } else {
        Md(trimmed.to_owned())
    };
    let digits = escaped.0.len()
        - escaped
            .0
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let rest = &escaped.0[digits..];
    let marker = if digits == 0 {
        rest.starts_with(['-', '+']).then_some(0)
    } else {
        (digits <= 9 && rest.starts_with(['.', ')'])).then_some(digits)
    };
    if let Some(at) = marker {
        let after = &escaped.0[at + 1..];
        if after.is_empty() || after.starts_with(' ') {
            escaped.0.insert(at, '\\');
        }
    }
    escaped
}

/// An e-mail address as a `mailto:` link: the text escaped like any other, the target percent-encoded so
/// that nothing in the address can end the link early.
#[must_use]
pub fn mailto(address: &str) -> Md {
    let mut target = String::with_capacity(address.len() + 7);
    for b in address.trim().bytes() {
        if b.is_ascii_alphanumeric() || b"@.-_+".contains(&b) {
            target.push(char::from(b));
        } else {
            target.push_str(&format!("%{b:02X}"));
        }
    }
    Md(format!("[{}](mailto:{target})", text(address)))
}

/// Markdown written by the organiser, for a paragraph of its own. Emphasis, lists and links to the
/// allow-list of [`prose::is_safe_url`] keep working; raw HTML is shown as text; an image, or a link to any
/// other target, keeps only its text; lines that would start a heading, a table or a code block are
/// escaped, and prose that still holds such structure is shown as one line of plain text, so that the
/// document's numbering and structure cannot be broken from the charter (see [`crate::prose`]).
#[must_use]
pub fn prose(value: &str) -> Md {
    let mut out = String::with_capacity(value.len() + 8);
    let normalized = mark_references(value).replace("\r\n", "\n");
    for (i, line) in normalized.trim().lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let indent = line.len() - line.trim_start().len();
        let body = line.trim_start();
        out.push_str(&line[..indent.min(3)]);
        // Headings, table rows and code fences would break the document's structure: a fence opened in
        // one clause swallows every clause after it.
        if body.starts_with('#')
            || body.starts_with('|')
            || body.starts_with("```")
            || body.starts_with("~~~")
            || (!body.is_empty()
                && body.chars().all(|c| c == '=' || c == '-' || c == ' ')
                && body.contains(['=', '-'])
                && !body.starts_with("- "))
        {
            out.push('\\');
        }
        for c in body.chars() {
            match c {
                '<' | '>' if !body.starts_with('>') || c == '<' => {
                    out.push('\\');
                    out.push(c);
                }
                '&' | '|' | '{' | '}' => {
                    out.push('\\');
                    out.push(c);
                }
                c if c.is_control() => out.push(' '),
                c if hidden::class(c).is_some() => push_hidden(&mut out, c),
                c => out.push(c),
            }
        }
    }
    // Links and images, then whatever structure the line rules above did not catch (a heading inside a
    // list item, a thematic break): such prose is shown as one line of plain text.
    let out = prose::apply(&out, &prose::link_edits(&out));
    if prose::has_structure(&out) {
        return text(value);
    }
    Md(out)
}

/// A hidden character in text that reaches a document: a direction mark or joiner, which only a charter
/// that allows it can hold, is kept and shown by name (`⟨RLM⟩`); any other is dropped.
fn push_hidden(out: &mut String, c: char) {
    if let Some(name) = hidden::mark_name(c) {
        out.push(c);
        out.push('⟨');
        out.push_str(name);
        out.push('⟩');
    }
}

/// Replaces each well-formed cross-reference (`[[partner:vitalis]]`) with a marker that survives escaping
/// and is resolved once the whole document is laid out (see [`resolve`]). Marker characters already in
/// the text are dropped, so the charter cannot forge a marker.
fn mark_references(value: &str) -> Cow<'_, str> {
    // Nearly every value has neither a reference (`[`) nor a marker character (private use, whose UTF-8
    // starts with 0xEE): it is used as it is.
    if !value.bytes().any(|b| b == b'[' || b == 0xEE) {
        return Cow::Borrowed(value);
    }
    let clean: String = value
        .chars()
        .filter(|c| *c != xref::OPEN && *c != xref::CLOSE)
        .collect();
    let mut out = String::with_capacity(clean.len());
    let mut last = 0;
    for r in xref::find(&clean) {
        let plain_target = !r.target.is_empty()
            && r.target
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if r.kind.is_none() || !plain_target {
            continue;
        }
        out.push_str(&clean[last..r.range.start]);
        out.push(xref::OPEN);
        out.push_str(r.kind_word);
        out.push(':');
        out.push_str(r.target);
        out.push(xref::CLOSE);
        last = r.range.end;
    }
    out.push_str(&clean[last..]);
    Cow::Owned(out)
}

/// Replaces every reference marker in rendered Markdown with its resolution (`partner:vitalis` → the
/// partner's short name, `clause:flow-x` → `[§5.2](#flow-x)`). A marker with no resolution, which a valid
/// charter cannot have, becomes its target as plain text: the output never holds a broken reference.
#[must_use]
pub fn resolve(markdown: &str, resolutions: &FxHashMap<String, Md>) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(open) = rest.find(xref::OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + xref::OPEN.len_utf8()..];
        let Some(close) = after.find(xref::CLOSE) else {
            rest = after;
            continue;
        };
        let key = &after[..close];
        match resolutions.get(key) {
            Some(md) => out.push_str(md.as_str()),
            None => out.push_str(text(key.split_once(':').map_or(key, |(_, t)| t)).as_str()),
        }
        rest = &after[close + xref::CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Whether a byte of UTF-8 text may start a character that [`text`] escapes, replaces or drops: the
/// Markdown and HTML specials, ASCII control characters, and any non-ASCII character (checked in full).
fn needs_attention(b: u8) -> bool {
    !(0x20..0x7f).contains(&b)
        || matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'{'
                | b'}'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'#'
                | b'|'
                | b'!'
                | b'~'
                | b'&'
                | b'$'
                | b'^'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_cannot_open_markup() {
        assert_eq!(
            text("<script>alert(1)</script>").as_str(),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(text("a | b").as_str(), "a \\| b");
        assert_eq!(text("line\nbreak").as_str(), "line break");
        assert_eq!(text("1. first").as_str(), "1\\. first");
        assert_eq!(text("- item").as_str(), "\\- item");
        assert_eq!(text("1.0").as_str(), "1.0");
        assert_eq!(text("-5 degrees").as_str(), "-5 degrees");
        assert_eq!(text("{{ x }}").as_str(), "\\{\\{ x \\}\\}");
        assert_eq!(text("AT&T").as_str(), "AT\\&T");
        assert_eq!(text("abc\u{202E}def").as_str(), "abcdef");
    }

    #[test]
    fn an_allowed_mark_is_kept_and_shown_and_other_hidden_characters_are_dropped() {
        assert_eq!(text("Oregon\u{200F}").as_str(), "Oregon\u{200F}⟨RLM⟩");
        assert_eq!(prose("a\u{200E}b").as_str(), "a\u{200E}⟨LRM⟩b");
        assert_eq!(text("a\u{2066}b\u{E0041}c\u{AD}d").as_str(), "abcd");
    }

    #[test]
    fn prose_links_and_images_outside_the_allow_list_are_text() {
        assert_eq!(prose("[x](javascript:alert(1))").as_str(), "x");
        assert_eq!(prose("[x](java&#115;cript:alert(1))").as_str(), "x");
        assert_eq!(
            prose("[site](https://example.org)").as_str(),
            "[site](https://example.org)"
        );
        assert_eq!(
            prose("![t](https://evil.example/t.png)").as_str(),
            "\\!\\[t\\](https://evil.example/t.png)"
        );
        // Structure the line rules miss: the whole value becomes one line of text.
        assert_eq!(prose("- # heading").as_str(), "\\- \\# heading");
        assert_eq!(prose("a\n\n***\n\nb").as_str(), "a  \\*\\*\\*  b");
    }

    #[test]
    fn addresses_become_mailto_links_that_cannot_break_out() {
        assert_eq!(
            mailto("a.b@example.org").as_str(),
            "[a.b@example.org](mailto:a.b@example.org)"
        );
        assert_eq!(
            mailto("x)(y@e.org").as_str(),
            "[x)(y@e.org](mailto:x%29%28y@e.org)"
        );
    }

    #[test]
    fn references_survive_escaping_and_resolve_or_fall_back_to_text() {
        let mut resolutions = FxHashMap::default();
        resolutions.insert("partner:vitalis".to_owned(), Md::raw("Vitalis"));
        resolutions.insert("clause:flow-x".to_owned(), Md::raw("[§5.2](#flow-x)"));
        let marked = text("Ask [[partner:vitalis]] (see [[clause:flow-x]]) or [[partner:gone]]");
        assert_eq!(
            resolve(marked.as_str(), &resolutions),
            "Ask Vitalis (see [§5.2](#flow-x)) or gone"
        );
        let marked = prose("# [[partner:vitalis]] *leads*");
        assert_eq!(
            resolve(marked.as_str(), &resolutions),
            "\\# Vitalis *leads*"
        );
        // Not a reference: escaped as text. A forged marker is dropped.
        assert_eq!(text("[[see below]]").as_str(), "\\[\\[see below\\]\\]");
        let forged = format!("{}partner:vitalis{}", xref::OPEN, xref::CLOSE);
        assert_eq!(
            resolve(text(&forged).as_str(), &resolutions),
            "partner:vitalis"
        );
    }

    #[test]
    fn plain_undoes_the_escapes_of_text() {
        for value in [
            "<script>alert(1)</script>",
            "a | b \\ c",
            "1. first",
            "- item",
            "{{ x }} & *y* _z_ [w](u) `v` #1 ~t~ $5 ^2 !",
            "Ana O'Neil, \"Director\"; 50% (est.)",
        ] {
            assert_eq!(text(value).plain(), value, "{value}");
        }
        assert_eq!(text("line\nbreak").plain(), "line break");
    }

    #[test]
    fn prose_keeps_emphasis_but_not_html_or_headings() {
        assert_eq!(
            prose("Some *emphasis* here.").as_str(),
            "Some *emphasis* here."
        );
        assert_eq!(prose("# Heading").as_str(), "\\# Heading");
        assert_eq!(
            prose("<img src=x onerror=alert(1)>").as_str(),
            "\\<img src=x onerror=alert(1)\\>"
        );
        assert_eq!(prose("a\n===").as_str(), "a\n\\===");
        assert_eq!(prose("- one\n- two").as_str(), "- one\n- two");
        assert_eq!(prose("a ```\nx\n```").as_str(), "a ```\nx\n\\```");
    }
}
