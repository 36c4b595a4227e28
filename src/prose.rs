//! What the organiser's own Markdown (a purpose, a scope, a body's mandate, a phase's description, ...) may
//! use: paragraphs, emphasis, lists, quotes, inline code and links to `http`, `https`, `mailto` or an
//! anchor in the document. Headings, thematic breaks, code blocks and tables would place text in the
//! document that looks like a clause or section of its own; images load something when the document is
//! viewed; a link to any other scheme (`javascript:`, `data:`, `vbscript:`, ...) could run something.
//! The validator warns about each at its place ([`findings`]); the writers render it inert.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

use crate::hidden;

/// Whether a link target is in the allow-list every format shares: `http`, `https`, `mailto` or an
/// anchor (`#…`). The target is read as a browser reads it: as the Markdown parser decoded it (entities
/// and backslash escapes), without the whitespace and control characters a browser strips, in any case.
#[must_use]
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && hidden::class(*c).is_none())
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    cleaned.starts_with("https://")
        || cleaned.starts_with("http://")
        || cleaned.starts_with("mailto:")
        || cleaned.starts_with('#')
}

/// The Markdown extensions prose is read with: those of the documents (tables, task lists,
/// strikethrough), so that what is found here is what a document would show.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH
}

/// Whether a value certainly holds none of the markup [`findings`] looks for, without parsing it: no
/// bracket, `!` or `<` anywhere (links, images, autolinks, HTML), and no line that starts, after at most
/// three spaces, with a character that can open a heading, break, fence, table row, list or quote, or
/// with four spaces or a tab (indented code). Most prose is plain sentences, and every charter's prose is
/// checked.
fn certainly_plain(value: &str) -> bool {
    !value.bytes().any(|b| matches!(b, b'[' | b'!' | b'<'))
        && value.lines().all(|line| {
            let body = line.trim_start_matches(' ');
            line.len() - body.len() < 4
                && !body.starts_with(|c: char| "#*-_=`~|>+\t".contains(c) || c.is_ascii_digit())
        })
}

/// Markup prose may not use, with its byte range in the value and what it is ("a heading").
#[must_use]
pub fn findings(value: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    if certainly_plain(value) {
        return out;
    }
    let parser = Parser::new_ext(value, options());
    for (_, def) in parser.reference_definitions().iter() {
        if !is_safe_url(&def.dest) {
            out.push((
                def.span.clone(),
                format!("a link definition to \"{}\"", shorten(&def.dest)),
            ));
        }
    }
    for (event, range) in parser.into_offset_iter() {
        let what = match event {
            Event::Start(Tag::Heading { .. }) => "a heading".to_owned(),
            Event::Rule => "a thematic break".to_owned(),
            Event::Start(Tag::CodeBlock(_)) => "a code block".to_owned(),
            Event::Start(Tag::Table(_)) => "a table".to_owned(),
            Event::Start(Tag::Image { .. }) => "an image".to_owned(),
            Event::Start(Tag::Link { dest_url, .. }) if !is_safe_url(&dest_url) => {
                format!("a link to \"{}\"", shorten(&dest_url))
            }
            _ => continue,
        };
        out.push((range, what));
    }
    out.sort_by_key(|(range, _)| range.start);
    out
}

/// Whether Markdown that prose turned into holds structure it may not: a heading, thematic break, code
/// block, table or HTML block. The writer's last check, so that no spelling slips through.
#[must_use]
pub fn has_structure(markdown: &str) -> bool {
    Parser::new_ext(markdown, options()).any(|event| {
        matches!(
            event,
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Table(_) | Tag::HtmlBlock)
                | Event::Rule
        )
    })
}

/// The edits that make links and images in escaped prose inert, as (range, replacement): an image is
/// shown as the text it is written as; a link to a target outside the allow-list, and every reference
/// link, keeps only its text; a reference definition is shown as text; and every other bracket is
/// escaped, so that no other Markdown reader can find a link the check did not see.
#[must_use]
pub fn link_edits(markdown: &str) -> Vec<(Range<usize>, String)> {
    let parser = Parser::new_ext(markdown, options());
    let mut edits: Vec<(Range<usize>, String)> = parser
        .reference_definitions()
        .iter()
        .map(|(_, def)| (def.span.start..def.span.start + 1, "\\[".to_owned()))
        .collect();
    let mut kept: Vec<Range<usize>> = Vec::new();
    let mut events = parser.into_offset_iter().peekable();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let inline = matches!(link_type, LinkType::Inline);
                if inline && is_safe_url(&dest_url) {
                    kept.push(range);
                } else {
                    let text = inner_text(markdown, &range, &mut events);
                    edits.push((range, text));
                }
            }
            Event::Code(_) => kept.push(range),
            _ => {}
        }
    }
    let taken: Vec<Range<usize>> = edits.iter().map(|(r, _)| r.clone()).collect();
    let inside = |at: usize| {
        kept.iter()
            .chain(&taken)
            .any(|r| r.start <= at && at < r.end)
    };
    for (at, b) in markdown.bytes().enumerate() {
        let escaped = at > 0 && markdown.as_bytes()[at - 1] == b'\\';
        let image = b == b'!' && markdown.as_bytes().get(at + 1) == Some(&b'[');
        if (matches!(b, b'[' | b']') || image) && !escaped && !inside(at) {
            edits.push((at..at + 1, format!("\\{}", char::from(b))));
        }
    }
    edits.sort_by_key(|(r, _)| r.start);
    edits
}

/// The source of the text inside a link, with its brackets escaped, consuming the link's events.
fn inner_text<'a>(
    markdown: &str,
    link: &Range<usize>,
    events: &mut std::iter::Peekable<impl Iterator<Item = (Event<'a>, Range<usize>)>>,
) -> String {
    let mut inner: Option<Range<usize>> = None;
    let mut depth = 1;
    for (event, range) in events.by_ref() {
        match event {
            Event::Start(Tag::Link { .. }) => depth += 1,
            Event::End(pulldown_cmark::TagEnd::Link) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        if range.start >= link.start && range.end <= link.end {
            inner = Some(match inner {
                Some(r) => r.start.min(range.start)..r.end.max(range.end),
                None => range,
            });
        }
    }
    let text = inner.map_or("", |r| &markdown[r]);
    let mut out = String::with_capacity(text.len());
    let mut previous = '\0';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let image = c == '!' && chars.peek() == Some(&'[');
        if (matches!(c, '[' | ']') || image) && previous != '\\' {
            out.push('\\');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// Applies edits sorted by position that do not overlap (a later edit inside an earlier one is skipped).
#[must_use]
pub fn apply(text: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(text.len() + edits.len() * 2);
    let mut last = 0;
    for (range, replacement) in edits {
        if range.start < last {
            continue;
        }
        out.push_str(&text[last..range.start]);
        out.push_str(replacement);
        last = range.end;
    }
    out.push_str(&text[last..]);
    out
}

fn shorten(url: &str) -> String {
    let clean: String = hidden::escape_terminal(url).chars().take(40).collect();
    if clean.len() < url.len() {
        format!("{clean}…")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_an_unsafe_scheme_is_unsafe() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\u{0}script:x",
            "data:text/html,x",
            "vbscript:msgbox(1)",
            "//evil.example/x",
            "evil.example",
            "ftp://x",
        ] {
            assert!(!is_safe_url(url), "{url:?}");
        }
        for url in [
            "https://example.org",
            "HTTP://x",
            "mailto:a@b.org",
            "#flow-x",
        ] {
            assert!(is_safe_url(url), "{url:?}");
        }
    }

    #[test]
    fn findings_name_structure_images_and_unsafe_links() {
        let found: Vec<String> = findings(
            "a\n\n# Heading\n\n***\n\n```\ncode\n```\n\n![x](https://e.org/t.png) [y](java&#115;cript:alert(1)) [z][r]\n\n[r]: javascript:alert(1)\n",
        )
        .into_iter()
        .map(|(_, what)| what)
        .collect();
        assert_eq!(
            found,
            [
                "a heading",
                "a thematic break",
                "a code block",
                "an image",
                "a link to \"javascript:alert(1)\"",
                "a link to \"javascript:alert(1)\"",
                "a link definition to \"javascript:alert(1)\"",
            ]
        );
        assert!(findings("Some *text* with [a link](https://example.org).\n\n- a\n- b").is_empty());
    }

    #[test]
    fn the_plain_shortcut_never_hides_a_finding() {
        for value in [
            "a\n\n# h",
            "a\n***",
            "a\n    code",
            "a\n\tcode",
            "t | u\n--|--",
            "- # h",
            "1. x",
            "> # q",
            "x ![i](u)",
            "x [l](javascript:x)",
            "a\n===",
            "~~~\nx\n~~~",
        ] {
            assert!(!certainly_plain(value), "{value:?}");
        }
        assert!(certainly_plain(
            "Plain sentences, with *emphasis* and a hyphen-ated word.\nSecond line."
        ));
    }

    #[test]
    fn links_outside_the_allow_list_keep_only_their_text() {
        let edit = |md: &str| apply(md, &link_edits(md));
        assert_eq!(edit("[click](javascript:alert(1))"), "click");
        assert_eq!(
            edit("[ok](https://e.org) and x"),
            "[ok](https://e.org) and x"
        );
        assert_eq!(
            edit("![img](https://e.org/t.png)"),
            "\\!\\[img\\](https://e.org/t.png)"
        );
        assert_eq!(
            edit("[z][r]\n\n[r]: https://e.org"),
            "z\n\n\\[r\\]: https://e.org"
        );
        assert_eq!(
            edit("[x](javascript:alert(1)"),
            "\\[x\\](javascript:alert(1)"
        );
        assert_eq!(edit("`[a](b)`"), "`[a](b)`");
    }
}
