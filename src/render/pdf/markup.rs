//! Markdown of the document into typst markup. Every piece of text is escaped, so nothing the organiser
//! wrote can become typst code; formatting, links, anchors and the redline's marks become calls of the
//! functions the preamble defines (`ins`, `del`) or of typst's own (`strong`, `emph`, `link`).

use std::fmt::Write as _;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rustc_hash::FxHashSet;

use crate::render::docx::inline::{Mark, Span, joined, marked_pieces, own_anchor};
use crate::render::html::options;

/// Text as typst markup: every ASCII punctuation character escaped with a backslash (so that no `*`,
/// `#`, `<`, `$`, `//`, `-` or `=` starts markup, a comment, a list or a heading), line ends as spaces.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`] onto the end of `out`.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            // Other control characters have no glyph; the check refuses them in the input anyway.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// A typst string literal.
#[must_use]
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether a name can be written as a typst label literal (`<clause-quorum>`): the program's anchors
/// always can, being made of ids.
#[must_use]
pub fn is_label(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// How a paragraph of block Markdown is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A plain paragraph.
    Plain,
    /// A bulleted list item at a depth.
    Bullet(usize),
    /// A numbered list item at a depth, with its number.
    Numbered(usize, u64),
    /// A quoted paragraph.
    Quote,
}

/// A paragraph of typst markup and how it is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its layout.
    pub kind: Kind,
    /// Its inline markup.
    pub markup: String,
}

/// Formatting in force.
#[derive(Debug, Clone, Copy, Default)]
struct Format {
    bold: u8,
    italic: u8,
    strike: u8,
}

/// Writes typst markup from Markdown, and keeps the labels it defined and the ones its links name, so
/// that a link to a label the document lacks can become plain text (typst refuses such links).
#[derive(Debug, Default)]
pub struct Writer {
    /// Labels placed in the document.
    pub defined: FxHashSet<String>,
    /// Labels links point to.
    pub linked: FxHashSet<String>,
}

/// The markup being written for one paragraph.
#[derive(Default)]
struct Sink {
    out: String,
    /// Links opened and not closed; a link inside a link, or to an address that is not allowed, is text.
    open_links: usize,
    dropped_links: usize,
}

impl Writer {
    /// Places a label here: `#metadata(none)<name>`, which a link can point to.
    pub fn label(&mut self, out: &mut String, name: &str) {
        if is_label(name) && self.defined.insert(name.to_owned()) {
            let _ = write!(out, "#metadata(none)<{name}>");
        }
    }

    /// Records a label that an element written by the caller carries (`#heading[..]<name>`); `false`
    /// when it cannot be a label or is already placed, and the caller then leaves it off.
    pub fn define(&mut self, name: &str) -> bool {
        is_label(name) && self.defined.insert(name.to_owned())
    }

    /// Inline Markdown as one paragraph of markup; several paragraphs are joined by line breaks.
    pub fn inline(&mut self, markdown: &str) -> String {
        self.marked(&[Span::equal(markdown)])
    }

    /// Spans of inline Markdown, each with its mark (the redline's insertions and deletions), as one
    /// paragraph of markup.
    pub fn marked(&mut self, spans: &[Span<'_>]) -> String {
        let text = joined(spans);
        let mut sink = Sink::default();
        let mut format = Format::default();
        let mut mark = spans.first().map_or(Mark::Equal, |s| s.mark);
        let mut started = false;
        for event in Parser::new_ext(&text, options()) {
            match event {
                Event::Start(Tag::Paragraph | Tag::Item) if started => {
                    sink.out.push_str("#linebreak()");
                }
                Event::Start(Tag::Paragraph | Tag::Item) => started = true,
                event => self.event(event, &mut mark, &mut format, &mut sink),
            }
        }
        sink.close();
        sink.out
    }

    /// Block Markdown (the organiser's own prose) as paragraphs and list items.
    pub fn blocks(&mut self, markdown: &str) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut lists: Vec<Option<u64>> = Vec::new();
        let mut quote = 0usize;
        let mut format = Format::default();
        let mut sink = Sink::default();
        let mut kind = Kind::Plain;
        let mut open = false;
        for event in Parser::new_ext(markdown, options()) {
            match event {
                Event::Start(Tag::List(start)) => {
                    flush(&mut blocks, &mut sink, kind, &mut open);
                    lists.push(start);
                }
                Event::End(TagEnd::List(_)) => {
                    flush(&mut blocks, &mut sink, kind, &mut open);
                    lists.pop();
                }
                Event::Start(Tag::Item) => {
                    flush(&mut blocks, &mut sink, kind, &mut open);
                    let depth = lists.len().saturating_sub(1);
                    kind = match lists.last_mut() {
                        Some(Some(n)) => {
                            let number = *n;
                            *n += 1;
                            Kind::Numbered(depth, number)
                        }
                        _ => Kind::Bullet(depth),
                    };
                    open = true;
                }
                Event::Start(Tag::BlockQuote(_)) => quote += 1,
                Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
                Event::Start(Tag::Paragraph) if open && sink.out.is_empty() => {}
                Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_)) => {
                    flush(&mut blocks, &mut sink, kind, &mut open);
                    kind = if quote > 0 { Kind::Quote } else { Kind::Plain };
                    open = true;
                }
                Event::End(
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Item,
                ) => flush(&mut blocks, &mut sink, kind, &mut open),
                event => self.event(event, &mut Mark::Equal, &mut format, &mut sink),
            }
        }
        flush(&mut blocks, &mut sink, kind, &mut open);
        blocks
    }

    /// One inline event into the sink.
    fn event(&mut self, event: Event<'_>, mark: &mut Mark, format: &mut Format, sink: &mut Sink) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) if html.trim() == "</a>" => {}
            Event::Html(html) | Event::InlineHtml(html) if own_anchor(&html).is_some() => {
                let name = own_anchor(&html).unwrap_or_default().to_owned();
                self.label(&mut sink.out, &name);
            }
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                text_pieces(sink, &text, *format, mark, false);
            }
            Event::Code(code) => text_pieces(sink, &code, *format, mark, true),
            Event::SoftBreak => run(sink, " ", *format, *mark, false),
            Event::HardBreak => sink.out.push_str("#linebreak()"),
            Event::TaskListMarker(done) => {
                sink.out.push_str(if done {
                    "#checkbox(true) "
                } else {
                    "#checkbox(false) "
                });
            }
            Event::Start(Tag::Strong) => format.bold += 1,
            Event::End(TagEnd::Strong) => format.bold = format.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => format.italic += 1,
            Event::End(TagEnd::Emphasis) => format.italic = format.italic.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => format.strike += 1,
            Event::End(TagEnd::Strikethrough) => format.strike = format.strike.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => match self.link(&dest_url) {
                Some(target) if sink.open_links == 0 => {
                    sink.out.push_str(&target);
                    sink.out.push('[');
                    sink.open_links += 1;
                }
                _ => sink.dropped_links += 1,
            },
            Event::End(TagEnd::Link) if sink.dropped_links > 0 => sink.dropped_links -= 1,
            Event::End(TagEnd::Link) if sink.open_links > 0 => {
                sink.out.push(']');
                sink.open_links -= 1;
            }
            Event::Start(Tag::Image { .. }) => run(sink, "[image: ", *format, *mark, false),
            Event::End(TagEnd::Image) => run(sink, "]", *format, *mark, false),
            _ => {}
        }
    }

    /// The opening of a link (`#link(<anchor>)`, `#link("https://…")`) to an anchor or a safe address;
    /// `None` for anything else, whose text then stays without a link, as in the other formats.
    fn link(&mut self, url: &str) -> Option<String> {
        if let Some(anchor) = url.strip_prefix('#') {
            if !is_label(anchor) {
                return None;
            }
            self.linked.insert(anchor.to_owned());
            return Some(format!("#link(<{anchor}>)"));
        }
        let lower = url.trim().to_ascii_lowercase();
        ["https://", "http://", "mailto:"]
            .iter()
            .any(|scheme| lower.starts_with(scheme))
            .then(|| format!("#link({})", string(url.trim())))
    }

    /// The labels that links name and the document lacks.
    #[must_use]
    pub fn dangling(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .linked
            .iter()
            .filter(|name| !self.defined.contains(*name))
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names
    }
}

impl Sink {
    /// Closes the links left open by Markdown that ended inside one.
    fn close(&mut self) {
        for _ in 0..self.open_links {
            self.out.push(']');
        }
        self.open_links = 0;
    }
}

/// Ends the paragraph being read, if it has content.
fn flush(blocks: &mut Vec<Block>, sink: &mut Sink, kind: Kind, open: &mut bool) {
    sink.close();
    let markup = std::mem::take(&mut sink.out);
    if !markup.trim().is_empty() {
        blocks.push(Block { kind, markup });
    }
    *open = false;
}

/// Text into the sink, each stretch between the redline's markers with its mark.
fn text_pieces(sink: &mut Sink, text: &str, format: Format, mark: &mut Mark, code: bool) {
    for (body, next) in marked_pieces(text) {
        if !body.is_empty() {
            run(sink, body, format, *mark, code);
        }
        if let Some(next) = next {
            *mark = next;
        }
    }
}

/// One run of text with its formatting and mark.
fn run(sink: &mut Sink, text: &str, format: Format, mark: Mark, code: bool) {
    let wrappers = [
        (mark == Mark::Inserted, "#ins["),
        (mark == Mark::Deleted, "#del["),
        (format.bold > 0, "#strong["),
        (format.italic > 0, "#emph["),
        (format.strike > 0, "#strike["),
    ];
    let mut closing = 0;
    for (on, open) in wrappers {
        if on {
            sink.out.push_str(open);
            closing += 1;
        }
    }
    if code {
        let _ = write!(sink.out, "#raw({})", string(text));
    } else {
        escape_into(&mut sink.out, text);
    }
    for _ in 0..closing {
        sink.out.push(']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_be_markup() {
        assert_eq!(
            escape("= #x *y* $z$ // <a> @b -c"),
            "\\= \\#x \\*y\\* \\$z\\$ \\/\\/ \\<a\\> \\@b \\-c"
        );
        assert_eq!(escape("line\nend"), "line end");
        assert_eq!(string("say \"hi\" \\"), "\"say \\\"hi\\\" \\\\\"");
    }

    #[test]
    fn formatting_links_and_anchors_become_calls() {
        let mut w = Writer::default();
        let out = w.inline("**Quorum** of [§3.2](#clause-quorum) <a id=\"decision-x\"></a>x");
        assert_eq!(
            out,
            "#strong[Quorum] of #link(<clause-quorum>)[§3\\.2] #metadata(none)<decision-x>x"
        );
        assert_eq!(w.dangling(), vec!["clause-quorum"]);
        assert!(w.defined.contains("decision-x"));
    }

    #[test]
    fn unsafe_links_stay_text() {
        let mut w = Writer::default();
        assert_eq!(w.inline("[x](javascript:alert)"), "x");
        assert_eq!(
            w.inline("[site](https://example.org/a?b=\"c\")"),
            "#link(\"https://example.org/a?b=\\\"c\\\"\")[site]"
        );
    }

    #[test]
    fn marks_wrap_their_text() {
        let mut w = Writer::default();
        let spans = [
            Span::equal("within "),
            Span {
                mark: Mark::Deleted,
                markdown: "30",
            },
            Span {
                mark: Mark::Inserted,
                markdown: "14",
            },
            Span::equal(" days"),
        ];
        assert_eq!(w.marked(&spans), "within #del[30]#ins[14] days");
    }

    #[test]
    fn block_markdown_keeps_lists_and_numbers() {
        let mut w = Writer::default();
        let blocks = w.blocks("First.\n\n- a\n- b\n\n3. c\n\n> quoted");
        let kinds: Vec<Kind> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Plain,
                Kind::Bullet(0),
                Kind::Bullet(0),
                Kind::Numbered(0, 3),
                Kind::Quote
            ]
        );
        assert_eq!(blocks[1].markup, "a");
    }
}
