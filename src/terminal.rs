//! Text on its way to a terminal: a writer that makes every hidden character visible (see
//! [`hidden::escape_terminal`]) while colours still pass, and a copy of a source file made safe to quote in
//! a diagnostic, with the spans mapped onto it so that the underline stays under the offending text.

use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::term::termcolor::{ColorSpec, WriteColor};

use crate::hidden;

/// A [`WriteColor`] that escapes what is written to it and passes colour changes through: whatever a
/// message, a file name or a quoted line holds, the terminal only ever receives this program's own
/// colour sequences.
pub struct Escaping<'w>(pub &'w mut dyn WriteColor);

impl Write for Escaping<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0
            .write_all(hidden::escape_terminal(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl WriteColor for Escaping<'_> {
    fn supports_color(&self) -> bool {
        self.0.supports_color()
    }

    fn set_color(&mut self, spec: &ColorSpec) -> io::Result<()> {
        self.0.set_color(spec)
    }

    fn reset(&mut self) -> io::Result<()> {
        self.0.reset()
    }
}

/// A source text as a diagnostic may quote it: hidden characters escaped, and byte offsets of the
/// original mapped to offsets in the copy.
#[derive(Debug)]
pub struct Shown {
    /// The escaped text.
    pub text: String,
    /// For each byte offset of the original (and one past its end), the offset in `text`; empty when
    /// nothing needed escaping.
    offsets: Vec<usize>,
}

impl Shown {
    /// The text as it may be quoted.
    #[must_use]
    pub fn new(original: &str) -> Self {
        let escaped = hidden::escape_terminal(original);
        if escaped.len() == original.len() && escaped == original {
            return Shown {
                text: original.to_owned(),
                offsets: Vec::new(),
            };
        }
        let mut text = String::with_capacity(escaped.len());
        let mut offsets = Vec::with_capacity(original.len() + 1);
        let mut buf = [0u8; 4];
        for c in original.chars() {
            for _ in 0..c.len_utf8() {
                offsets.push(text.len());
            }
            text.push_str(&hidden::escape_terminal(c.encode_utf8(&mut buf)));
        }
        offsets.push(text.len());
        Shown { text, offsets }
    }

    /// The span in the escaped text that quotes `span` of the original.
    #[must_use]
    pub fn span(&self, span: Range<usize>) -> Range<usize> {
        if self.offsets.is_empty() {
            return span;
        }
        let at = |o: usize| self.offsets.get(o).copied().unwrap_or(self.text.len());
        at(span.start)..at(span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_the_escapes() {
        let original = "a = \"\u{1b}[2J\u{202e}x\"";
        let shown = Shown::new(original);
        assert_eq!(shown.text, "a = \"␛[2J\\u{202e}x\"");
        let x = original.find('x').expect("x");
        assert_eq!(&shown.text[shown.span(x..x + 1)], "x");
        let rlo = original.find('\u{202e}').expect("rlo");
        assert_eq!(&shown.text[shown.span(rlo..rlo + 3)], "\\u{202e}");
        let plain = Shown::new("plain");
        assert_eq!(plain.span(1..3), 1..3);
    }

    #[test]
    fn the_writer_escapes_text_but_not_colours() {
        let mut out = codespan_reporting::term::termcolor::Ansi::new(Vec::new());
        {
            let mut w = Escaping(&mut out);
            w.set_color(ColorSpec::new().set_bold(true))
                .expect("colour");
            write!(w, "x\u{1b}]0;owned\u{7}").expect("write");
            w.reset().expect("reset");
        }
        let bytes = out.into_inner();
        let text = String::from_utf8(bytes).expect("utf-8");
        assert!(text.starts_with("\u{1b}[0m\u{1b}[1m"), "{text:?}");
        assert!(text.contains("x␛]0;owned␇"), "{text:?}");
    }
}
