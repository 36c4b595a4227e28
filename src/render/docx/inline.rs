//! The document's Markdown values as Word content: inline Markdown (emphasis, code, links) becomes runs
//! and hyperlinks, block Markdown (the organiser's paragraphs and lists) becomes one paragraph per block.
//!
//! Every stretch of text carries a [`Mark`]: a rendered charter is all [`Mark::Equal`], and a redline
//! marks what was inserted or deleted, which becomes a `w:ins` or `w:del` around the runs with the
//! author and date of the [`Revision`]. The revision ids that Word needs are given in document order when
//! the package is written (see `package`), never from a counter that outlives the document.

use docx_rs::{
    BookmarkEnd, BookmarkStart, BreakType, Delete, Hyperlink, HyperlinkData, HyperlinkType, Insert,
    ParagraphChild, Run, RunFonts,
};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::render::html::options;

/// Whether a stretch of text is unchanged, inserted or deleted. A rendered charter is all `Equal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Text as it stands.
    Equal,
    /// Text added by the newer version: a tracked insertion.
    Inserted,
    /// Text removed by the newer version: a tracked deletion.
    Deleted,
}

/// A stretch of inline Markdown with its mark.
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    /// Unchanged, inserted or deleted.
    pub mark: Mark,
    /// The Markdown of the stretch (escaped, its cross-references resolved).
    pub markdown: &'a str,
}

impl<'a> Span<'a> {
    /// An unchanged stretch.
    #[must_use]
    pub fn equal(markdown: &'a str) -> Self {
        Span {
            mark: Mark::Equal,
            markdown,
        }
    }
}

/// Who made the tracked changes and when, as written on every `w:ins` and `w:del`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// A neutral author, such as `charter`.
    pub author: String,
    /// An ISO 8601 date and time from the input, such as `2026-03-01T00:00:00Z`.
    pub date: String,
}

/// What a paragraph made from block Markdown is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An ordinary paragraph.
    Plain,
    /// An item of a bulleted list, nested `depth` lists deep (0 for the outermost).
    Bullet(usize),
    /// An item of a numbered list: its depth and its number, written as text.
    Numbered(usize, u64),
    /// A quoted paragraph.
    Quote,
}

/// One paragraph made from block Markdown.
#[derive(Debug)]
pub struct Block {
    /// What kind of paragraph.
    pub kind: Kind,
    /// Its runs and hyperlinks.
    pub children: Vec<ParagraphChild>,
}

/// The character style of hyperlinks.
pub const HYPERLINK_STYLE: &str = "Hyperlink";

/// Turns Markdown into runs, one document at a time: it numbers the external hyperlinks' relationships
/// in the order they occur, so that the same document always gets the same ids.
#[derive(Debug, Default)]
pub struct Inline {
    revision: Option<Revision>,
    external_links: usize,
    bookmarks: usize,
}

/// The formatting in force at a point of the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Format {
    bold: usize,
    italic: usize,
    strike: usize,
}

/// How a stretch of text is written: its formatting and mark, whether it is link text or code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Style {
    format: Format,
    mark: Mark,
    linked: bool,
    code: bool,
}

/// Where the runs of the text being read go: the paragraph, or the hyperlink that is open. Text in the
/// same style is gathered into one run (the parser splits text at every escape and line break).
struct Sink {
    children: Vec<ParagraphChild>,
    link: Option<Hyperlink>,
    /// Links whose target is not kept (unsafe schemes): their text stays, as text.
    dropped_links: usize,
    revision: Revision,
    pending: Option<(Style, String)>,
}

impl Sink {
    fn new(revision: Option<&Revision>) -> Self {
        Sink {
            children: Vec::new(),
            link: None,
            dropped_links: 0,
            revision: revision.cloned().unwrap_or_else(|| Revision {
                author: "charter".to_owned(),
                date: "1970-01-01T00:00:00Z".to_owned(),
            }),
            pending: None,
        }
    }

    /// Text in the formatting and mark given, inside the open link if there is one.
    fn text(&mut self, text: &str, format: Format, mark: Mark, code: bool) {
        // The two characters XML 1.0 forbids that Markdown escaping lets through (control characters are
        // spaces already) would make the part unreadable: they become the replacement character.
        let cleaned;
        let text = if text.contains(['\u{FFFE}', '\u{FFFF}']) {
            cleaned = text.replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}");
            cleaned.as_str()
        } else {
            text
        };
        let style = Style {
            format,
            mark,
            linked: self.link.is_some(),
            code,
        };
        match &mut self.pending {
            Some((pending, buffer)) if *pending == style => buffer.push_str(text),
            _ => {
                self.flush();
                self.pending = Some((style, text.to_owned()));
            }
        }
    }

    /// A break, a tab or another run that is not text.
    fn run(&mut self, run: Run, mark: Mark) {
        self.flush();
        let child = wrap(run, mark, &self.revision);
        self.push(child);
    }

    fn flush(&mut self) {
        if let Some((style, text)) = self.pending.take() {
            let child = wrap(styled(&text, style), style.mark, &self.revision);
            self.push(child);
        }
    }

    fn push(&mut self, child: ParagraphChild) {
        match &mut self.link {
            Some(link) => link.children.push(child),
            None => self.children.push(child),
        }
    }

    fn open_link(&mut self, link: Hyperlink) {
        self.flush();
        self.link = Some(link);
    }

    fn close_link(&mut self) {
        self.flush();
        if let Some(link) = self.link.take() {
            // A link with no text would be an empty, invisible hyperlink.
            if !link.children.is_empty() {
                self.children.push(ParagraphChild::Hyperlink(link));
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.children.is_empty() && self.pending.is_none() && self.link.is_none()
    }

    /// The children gathered so far, the sink left empty.
    fn take(&mut self) -> Vec<ParagraphChild> {
        self.close_link();
        std::mem::take(&mut self.children)
    }
}

/// A run of text in a style.
fn styled(text: &str, style: Style) -> Run {
    let mut run = if style.mark == Mark::Deleted {
        Run::new().add_delete_text(text)
    } else {
        Run::new().add_text(text)
    };
    if style.linked {
        run = run.style(HYPERLINK_STYLE);
    }
    if style.format.bold > 0 {
        run = run.bold();
    }
    if style.format.italic > 0 {
        run = run.italic();
    }
    if style.format.strike > 0 {
        run = run.strike();
    }
    if style.code {
        run = run.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"));
    }
    run
}

/// A run as it stands, or inside a `w:ins` or `w:del` of the revision.
fn wrap(run: Run, mark: Mark, revision: &Revision) -> ParagraphChild {
    match mark {
        Mark::Equal => ParagraphChild::Run(Box::new(run)),
        Mark::Inserted => ParagraphChild::Insert(
            Insert::new(run)
                .author(revision.author.clone())
                .date(revision.date.clone()),
        ),
        Mark::Deleted => ParagraphChild::Delete(
            Delete::new()
                .add_run(run)
                .author(revision.author.clone())
                .date(revision.date.clone()),
        ),
    }
}

impl Inline {
    /// A converter for a document without tracked changes.
    #[must_use]
    pub fn new() -> Self {
        Inline::default()
    }

    /// A converter whose inserted and deleted spans are tracked changes by `revision`.
    #[must_use]
    pub fn tracking(revision: Revision) -> Self {
        Inline {
            revision: Some(revision),
            ..Inline::default()
        }
    }

    /// Plain text (not Markdown) as one run with its mark: a clause or section number.
    #[must_use]
    pub fn text(&self, text: &str, mark: Mark) -> ParagraphChild {
        let revision = self
            .revision
            .clone()
            .unwrap_or_else(|| Sink::new(None).revision);
        wrap(
            styled(
                text,
                Style {
                    format: Format::default(),
                    mark,
                    linked: false,
                    code: false,
                },
            ),
            mark,
            &revision,
        )
    }

    /// The id of the next bookmark: bookmarks are numbered in document order, by the document's converter
    /// (the writer's own bookmarks and the anchors inside table cells alike).
    pub fn next_bookmark(&mut self) -> usize {
        self.bookmarks += 1;
        self.bookmarks
    }

    /// The runs of inline Markdown made of marked spans, for one paragraph. The spans are read as one
    /// text, so that emphasis opened in one span and closed in another (a changed word in bold) stays
    /// emphasis. Block structure inside the text (a second paragraph, a list) is flattened into line
    /// breaks.
    #[must_use]
    pub fn runs(&mut self, spans: &[Span<'_>]) -> Vec<ParagraphChild> {
        let mut sink = Sink::new(self.revision.as_ref());
        let text = joined(spans);
        let mut format = Format::default();
        let mut mark = spans.first().map_or(Mark::Equal, |s| s.mark);
        let mut started = false;
        for event in Parser::new_ext(&text, options()) {
            match event {
                Event::Start(Tag::Paragraph | Tag::Item) if started => {
                    sink.run(Run::new().add_break(BreakType::TextWrapping), mark);
                }
                Event::Start(Tag::Paragraph | Tag::Item) => started = true,
                event => self.event(event, &mut mark, &mut format, &mut sink),
            }
        }
        sink.take()
    }

    /// The paragraphs of block Markdown (the organiser's own prose): one per paragraph or list item.
    #[must_use]
    pub fn blocks(&mut self, markdown: &str) -> Vec<Block> {
        let mut blocks: Vec<Block> = Vec::new();
        let mut lists: Vec<Option<u64>> = Vec::new();
        let mut quote = 0usize;
        let mut format = Format::default();
        let mut sink = Sink::new(self.revision.as_ref());
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
                Event::Start(Tag::Paragraph) if open && sink.is_empty() => {}
                Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_)) => {
                    flush(&mut blocks, &mut sink, kind, &mut open);
                    kind = if quote > 0 { Kind::Quote } else { Kind::Plain };
                    open = true;
                }
                Event::End(
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Item,
                ) => {
                    flush(&mut blocks, &mut sink, kind, &mut open);
                }
                event => self.event(event, &mut Mark::Equal, &mut format, &mut sink),
            }
        }
        flush(&mut blocks, &mut sink, kind, &mut open);
        blocks
    }

    /// One inline event into the sink; a mark marker in its text changes the mark in force.
    fn event(&mut self, event: Event<'_>, mark: &mut Mark, format: &mut Format, sink: &mut Sink) {
        match event {
            // The program's own anchors (`<a id="decision-x"></a>` in a table cell) are bookmarks.
            Event::Html(html) | Event::InlineHtml(html) if html.trim() == "</a>" => {}
            Event::Html(html) | Event::InlineHtml(html) if own_anchor(&html).is_some() => {
                let name = own_anchor(&html).unwrap_or_default().to_owned();
                let id = self.next_bookmark();
                sink.flush();
                sink.push(ParagraphChild::BookmarkStart(BookmarkStart::new(id, name)));
                sink.push(ParagraphChild::BookmarkEnd(BookmarkEnd::new(id)));
            }
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                marked_text(sink, &text, *format, mark, false);
            }
            Event::Code(code) => marked_text(sink, &code, *format, mark, true),
            Event::SoftBreak => sink.text(" ", *format, *mark, false),
            Event::HardBreak => sink.run(Run::new().add_break(BreakType::TextWrapping), *mark),
            Event::TaskListMarker(done) => {
                sink.text(
                    if done { "\u{2612} " } else { "\u{2610} " },
                    *format,
                    *mark,
                    false,
                );
            }
            Event::Start(Tag::Strong) => format.bold += 1,
            Event::End(TagEnd::Strong) => format.bold = format.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => format.italic += 1,
            Event::End(TagEnd::Emphasis) => format.italic = format.italic.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => format.strike += 1,
            Event::End(TagEnd::Strikethrough) => format.strike = format.strike.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => match self.link(&dest_url) {
                Some(link) if sink.link.is_none() => sink.open_link(link),
                _ => sink.dropped_links += 1,
            },
            Event::End(TagEnd::Link) if sink.dropped_links > 0 => sink.dropped_links -= 1,
            Event::End(TagEnd::Link) => sink.close_link(),
            // Images are never loaded: the alternative text stays, marked as an image, as in HTML.
            Event::Start(Tag::Image { .. }) => sink.text("[image: ", *format, *mark, false),
            Event::End(TagEnd::Image) => sink.text("]", *format, *mark, false),
            _ => {}
        }
    }

    /// A hyperlink to a bookmark (`#anchor`) or to a safe external address; `None` for anything else,
    /// whose text then stays without a link (as in HTML).
    fn link(&mut self, url: &str) -> Option<Hyperlink> {
        if let Some(anchor) = url.strip_prefix('#') {
            return Some(Hyperlink::new(anchor, HyperlinkType::Anchor));
        }
        let lower = url.trim().to_ascii_lowercase();
        if !["https://", "http://", "mailto:"]
            .iter()
            .any(|scheme| lower.starts_with(scheme))
        {
            return None;
        }
        self.external_links += 1;
        let mut link = Hyperlink::new(url.trim(), HyperlinkType::External);
        // The crate numbers relationships from a counter shared by the whole process; the document's own
        // count keeps them the same from one rendering to the next.
        if let HyperlinkData::External { rid, .. } = &mut link.link {
            *rid = format!("rIdLink{:05}", self.external_links);
        }
        Some(link)
    }
}

/// The private-use characters that stand for a change of mark in the joined text of marked spans.
const MARKERS: [(char, Mark); 3] = [
    ('\u{E020}', Mark::Equal),
    ('\u{E021}', Mark::Inserted),
    ('\u{E022}', Mark::Deleted),
];

/// The spans as one Markdown text, a marker before each span whose mark differs from the one before.
/// Markers already in the text are dropped: they are the program's own, never the organiser's.
#[must_use]
pub fn joined(spans: &[Span<'_>]) -> String {
    let mut out = String::with_capacity(spans.iter().map(|s| s.markdown.len() + 3).sum());
    let mut current = spans.first().map_or(Mark::Equal, |s| s.mark);
    for span in spans {
        if span.mark != current {
            current = span.mark;
            out.extend(
                MARKERS
                    .iter()
                    .filter(|(_, m)| *m == current)
                    .map(|(c, _)| *c),
            );
        }
        out.extend(span.markdown.chars().filter(|c| marker(*c).is_none()));
    }
    out
}

/// The mark a marker stands for.
fn marker(c: char) -> Option<Mark> {
    MARKERS.iter().find(|(m, _)| *m == c).map(|(_, mark)| *mark)
}

/// Text into the sink, each stretch between markers with its mark; the mark after the last marker stays
/// in force. Empty stretches are left out, so that no tracked change is ever empty.
fn marked_text(sink: &mut Sink, text: &str, format: Format, mark: &mut Mark, code: bool) {
    for (body, next) in marked_pieces(text) {
        if !body.is_empty() {
            sink.text(body, format, *mark, code);
        }
        if let Some(next) = next {
            *mark = next;
        }
    }
}

/// The stretches of a joined text between markers, each with the mark the marker after it starts (none
/// for the last stretch).
pub fn marked_pieces(text: &str) -> impl Iterator<Item = (&str, Option<Mark>)> {
    text.split_inclusive(|c| marker(c).is_some()).map(|piece| {
        let mut chars = piece.chars();
        match chars.next_back().and_then(marker) {
            Some(next) => (chars.as_str(), Some(next)),
            None => (piece, None),
        }
    })
}

/// The name of `<a id="name">` (or `<a id="name"></a>`) with a plain id: the only HTML this program writes
/// into Markdown. Anything else is text.
#[must_use]
pub fn own_anchor(html: &str) -> Option<&str> {
    let id = html.trim_end().strip_prefix("<a id=\"")?;
    let id = id
        .strip_suffix("\"></a>")
        .or_else(|| id.strip_suffix("\">"))?;
    (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')).then_some(id)
}

/// Ends the paragraph being read, if it has content.
fn flush(blocks: &mut Vec<Block>, sink: &mut Sink, kind: Kind, open: &mut bool) {
    let children = sink.take();
    if !children.is_empty() {
        blocks.push(Block { kind, children });
    }
    *open = false;
}

/// The text of inline Markdown without its formatting, for document properties.
#[must_use]
pub fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Html(t) | Event::InlineHtml(t)
                if t.trim() == "</a>" || own_anchor(&t).is_some() => {}
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::BuildXML;

    fn xml(children: &[ParagraphChild]) -> String {
        children
            .iter()
            .map(|c| String::from_utf8(c.build()).expect("UTF-8"))
            .collect()
    }

    #[test]
    fn emphasis_code_and_links_become_formatted_runs_and_hyperlinks() {
        let mut inline = Inline::new();
        let out = xml(&inline.runs(&[Span::equal(
            "**Bold** *it* `code` see [§4.2](#body-cab--quorum) and [site](https://example.org)",
        )]));
        assert!(out.contains("<w:b />"), "{out}");
        assert!(out.contains("<w:i />"), "{out}");
        assert!(out.contains("Courier New"), "{out}");
        assert!(out.contains(r#"w:anchor="body-cab--quorum""#), "{out}");
        assert!(out.contains(r#"r:id="rIdLink00001""#), "{out}");
        assert!(out.contains(r#"<w:rStyle w:val="Hyperlink" />"#), "{out}");
        assert!(!out.contains("w:ins") && !out.contains("w:del"), "{out}");
    }

    #[test]
    fn unsafe_links_keep_their_text_only_and_escapes_are_undone() {
        let mut inline = Inline::new();
        let out = xml(&inline.runs(&[Span::equal(r"[click](javascript:alert(1)) a \* b \<c\>")]));
        assert!(
            !out.contains("javascript") && !out.contains("w:hyperlink"),
            "{out}"
        );
        assert!(
            out.contains("click") && out.contains("a * b &lt;c&gt;"),
            "{out}"
        );
    }

    #[test]
    fn marked_spans_become_tracked_insertions_and_deletions() {
        let mut inline = Inline::tracking(Revision {
            author: "charter".to_owned(),
            date: "2026-03-01T00:00:00Z".to_owned(),
        });
        let out = xml(&inline.runs(&[
            Span::equal("Review within "),
            Span {
                mark: Mark::Deleted,
                markdown: "60",
            },
            Span {
                mark: Mark::Inserted,
                markdown: "45",
            },
            Span::equal(" days."),
        ]));
        assert!(
            out.contains(r#"w:author="charter" w:date="2026-03-01T00:00:00Z""#),
            "{out}"
        );
        let del = out.find("<w:del ").expect("a deletion");
        let ins = out.find("<w:ins ").expect("an insertion");
        assert!(del < ins, "{out}");
        assert!(
            out.contains(r#"<w:delText xml:space="preserve">60</w:delText>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:t xml:space="preserve">45</w:t>"#),
            "{out}"
        );
    }

    #[test]
    fn emphasis_across_marked_spans_stays_emphasis_and_no_change_is_empty() {
        let mut inline = Inline::tracking(Revision {
            author: "charter".to_owned(),
            date: "2026-03-01T00:00:00Z".to_owned(),
        });
        let marked = |mark, markdown| Span { mark, markdown };
        let out = xml(&inline.runs(&[
            Span::equal("**"),
            marked(Mark::Deleted, "old"),
            marked(Mark::Inserted, "new"),
            Span::equal("** rest"),
            marked(Mark::Inserted, ""),
        ]));
        assert!(!out.contains("**"), "{out}");
        let del = &out[out.find("<w:del ").expect("a deletion")..];
        assert!(del.find("<w:b />") < del.find("old"), "{out}");
        let ins = &out[out.find("<w:ins ").expect("an insertion")..];
        assert!(ins.find("<w:b />") < ins.find("new"), "{out}");
        assert_eq!(out.matches("<w:ins ").count(), 1, "{out}");
        assert!(out.ends_with("rest</w:t></w:r>"), "{out}");
    }

    #[test]
    fn the_markers_of_marks_in_the_text_itself_are_dropped_not_obeyed() {
        let mut inline = Inline::tracking(Revision {
            author: "charter".to_owned(),
            date: "2026-03-01T00:00:00Z".to_owned(),
        });
        let out = xml(&inline.runs(&[Span::equal("a\u{E021}b\u{E022}c")]));
        assert!(!out.contains("w:ins") && !out.contains("w:del"), "{out}");
        assert!(out.contains(">abc</w:t>"), "{out}");
    }

    #[test]
    fn blocks_make_one_paragraph_per_paragraph_and_item() {
        let mut inline = Inline::new();
        let blocks =
            inline.blocks("First *para*.\n\n- one\n- two\n  - nested\n\n1. a\n2. b\n\n> quoted");
        let kinds: Vec<Kind> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Plain,
                Kind::Bullet(0),
                Kind::Bullet(0),
                Kind::Bullet(1),
                Kind::Numbered(0, 1),
                Kind::Numbered(0, 2),
                Kind::Quote
            ]
        );
    }

    #[test]
    fn own_anchors_become_bookmarks_and_other_html_is_text() {
        let mut inline = Inline::new();
        let out = xml(&inline.runs(&[Span::equal(
            r#"<a id="decision-budget"></a>Approve <b>it</b>"#,
        )]));
        assert!(
            out.contains(r#"<w:bookmarkStart w:id="1" w:name="decision-budget" />"#),
            "{out}"
        );
        assert!(!out.contains("a id"), "{out}");
        assert!(out.contains("&lt;b&gt;it&lt;/b&gt;"), "{out}");
    }

    #[test]
    fn plain_text_drops_formatting() {
        assert_eq!(
            plain(r"Sepsis \*AI\* *board* [§1](#x)"),
            "Sepsis *AI* board §1"
        );
    }
}
