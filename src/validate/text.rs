//! One rule for text everywhere: a hidden character (a bidirectional control, a zero-width or other
//! invisible character, a control character) anywhere in the file is an error at the character itself,
//! whether written as it is or as an escape (`\u202E`); and a value that is blank, whitespace or invisible
//! characters only, says nothing and is an error wherever it is written.

use std::ops::Range;

use super::{Annotate, Ctx};
use crate::hidden::{self, Class};
use crate::model::Charter;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let allowed: Vec<char> = c
        .charter
        .allow_characters
        .iter()
        .map(|m| m.char())
        .collect();
    let text = ctx.spans.text();
    for (at, ch) in raw_hidden(text) {
        if !allowed.contains(&ch) {
            report(ctx, at..at + ch.len_utf8(), ch, false);
        }
    }
    let mut found = Vec::new();
    ctx.spans.each_string(&mut |span, value| {
        let raw = text.get(span.clone()).unwrap_or_default();
        let escaped = raw.contains('\\') && value.bytes().any(hidden::may_start_hidden);
        if escaped || is_blank(value) {
            found.push((span, value));
        }
    });
    found.sort_by_key(|(span, _)| span.start);
    for (span, value) in found {
        let raw = text.get(span.clone()).unwrap_or_default();
        for (range, ch) in escaped_hidden(raw) {
            if !allowed.contains(&ch) {
                report(
                    ctx,
                    span.start + range.start..span.start + range.end,
                    ch,
                    true,
                );
            }
        }
        if is_blank(value) && !ctx.out.iter().any(|d| d.span == span && d.is_error()) {
            let d = ctx.at_span(
                &rules::FIELD_RULE,
                span,
                "this text is blank: it says nothing",
            );
            d.with(
                "blank text",
                "write what the term says, or remove the key if it is optional",
            );
        }
    }
}

/// Whether a value is empty or holds only whitespace and hidden characters.
fn is_blank(value: &str) -> bool {
    value
        .chars()
        .all(|c| c.is_whitespace() || hidden::class(c).is_some())
}

fn report(ctx: &mut Ctx<'_, '_>, span: Range<usize>, ch: char, escape: bool) {
    let what = hidden::describe(ch);
    let (kind, hint) = match hidden::class(ch) {
        Some(Class::Bidi) => (
            "a bidirectional control",
            "delete it: it reorders how the text around it is displayed".to_owned(),
        ),
        Some(Class::Mark) => (
            "a direction mark or joiner",
            format!(
                "delete it, or, if the script needs it, write `allow_characters = [\"U+{:04X}\"]` in [charter]",
                u32::from(ch)
            ),
        ),
        Some(Class::Control) => (
            "a control character",
            "delete it: only newlines and tabs may appear in text".to_owned(),
        ),
        _ => (
            "an invisible character",
            "delete it: it cannot be seen, so the text does not read as it is".to_owned(),
        ),
    };
    let written = if escape { "escape" } else { "character" };
    let d = ctx.at_span(
        &rules::HIDDEN_CHARACTER,
        span,
        format!("{what} is {kind}, hidden in the text"),
    );
    d.with(format!("this {written} is {what}"), hint);
}

/// Every hidden character written as it is anywhere in the file (values, keys and comments), with its
/// byte offset. Newlines, tabs and the carriage returns of CRLF line ends are not hidden; a lone carriage
/// return is a TOML syntax error already.
fn raw_hidden(text: &str) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(step) = bytes[i..].iter().position(|b| hidden::may_start_hidden(*b)) {
        i += step;
        let ch = text[i..].chars().next().expect("a character starts here");
        if !matches!(ch, '\n' | '\t' | '\r') && hidden::class(ch).is_some() {
            out.push((i, ch));
        }
        i += ch.len_utf8();
    }
    out
}

/// Every hidden character a basic string literal (`"…"` or `"""…"""`, quotes included) writes as an
/// escape (`\u202E`, `\U000E0041`, `\x1b`, `\e`, `\b`, `\f`, a `\r` not followed by `\n`), with the
/// range of the escape in the literal. Literal strings (`'…'`) have no escapes.
fn escaped_hidden(raw: &str) -> Vec<(Range<usize>, char)> {
    let mut out = Vec::new();
    if raw.starts_with('\'') {
        return out;
    }
    let bytes = raw.as_bytes();
    let mut i = 0;
    let mut previous_cr: Option<Range<usize>> = None;
    while let Some(step) = bytes[i..].iter().position(|b| *b == b'\\') {
        let at = i + step;
        let (len, ch) = match bytes.get(at + 1) {
            Some(b'u') => (6, hex(raw.get(at + 2..at + 6))),
            Some(b'U') => (10, hex(raw.get(at + 2..at + 10))),
            Some(b'x') => (4, hex(raw.get(at + 2..at + 4))),
            Some(b'e') => (2, Some('\u{1B}')),
            Some(b'b') => (2, Some('\u{8}')),
            Some(b'f') => (2, Some('\u{C}')),
            Some(b'r') => (2, Some('\r')),
            Some(b'n') => (2, Some('\n')),
            _ => (2, None),
        };
        // A `\r` escape is a control unless a `\n` escape follows it at once.
        if let Some(cr) = previous_cr.take()
            && !(ch == Some('\n') && cr.end == at)
        {
            out.push((cr, '\r'));
        }
        match ch {
            Some('\r') => previous_cr = Some(at..at + len),
            Some(c) if !matches!(c, '\n' | '\t') && hidden::class(c).is_some() => {
                out.push((at..at + len, c));
            }
            _ => {}
        }
        i = (at + len).min(raw.len());
    }
    if let Some(cr) = previous_cr {
        out.push((cr, '\r'));
    }
    out
}

fn hex(digits: Option<&str>) -> Option<char> {
    u32::from_str_radix(digits?, 16)
        .ok()
        .and_then(char::from_u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_found_where_they_are_written() {
        let raw = r#""1.0\u202E0.2 \U000E0041 \e[2J \t \n \\u202E \r\n \r""#;
        let found: Vec<_> = escaped_hidden(raw)
            .into_iter()
            .map(|(r, c)| (&raw[r], c))
            .collect();
        assert_eq!(
            found,
            [
                ("\\u202E", '\u{202E}'),
                ("\\U000E0041", '\u{E0041}'),
                ("\\e", '\u{1B}'),
                ("\\r", '\r'),
            ]
        );
        assert!(escaped_hidden(r"'\u202E'").is_empty());
    }

    #[test]
    fn raw_characters_are_found_anywhere() {
        let text = "a = \"x\u{202E}y\"\r\n# z\u{200B}\n\tb = 1\n";
        let found: Vec<_> = raw_hidden(text).into_iter().map(|(_, c)| c).collect();
        assert_eq!(found, ['\u{202E}', '\u{200B}']);
    }

    #[test]
    fn blank_means_nothing_visible() {
        for value in ["", "   ", "\u{200B}", " \n\t ", "\u{200F}"] {
            assert!(is_blank(value), "{value:?}");
        }
        assert!(!is_blank(" a "));
    }
}
