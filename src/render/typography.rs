//! Typographic quotes and apostrophes: straight `'` and `"` become ‘ ’ “ ” in the text of a document,
//! for a charter whose `typography` is "typographic". Only text changes: link targets, anchors, raw HTML
//! and code keep their straight quotes.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Elided words that open with an apostrophe rather than a quotation mark: "'tis", "rock 'n' roll".
const ELISIONS: &[&str] = &["cause", "em", "n", "til", "tis", "twas"];

/// Plain text with typographic quotes and apostrophes. `before` is the character that precedes the text
/// (`None` at the start of a paragraph), so that a quote at the start of a piece of text opens or closes
/// as its context says. A quote after a backslash is left alone: it was escaped.
#[must_use]
pub fn curl(text: &str, before: Option<char>) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev = before;
    for (i, c) in text.char_indices() {
        let curled = match c {
            '"' | '\'' if prev == Some('\\') => c,
            '"' if opens(prev) => '\u{201C}',
            '"' => '\u{201D}',
            '\'' if opens(prev) && !elided(&text[i + 1..]) => '\u{2018}',
            '\'' => '\u{2019}',
            c => c,
        };
        out.push(curled);
        prev = Some(curled);
    }
    out
}

/// Whether a quote after `prev` opens: at the start, after a space, an opening bracket, a dash or an
/// opening quote.
fn opens(prev: Option<char>) -> bool {
    prev.is_none_or(|p| {
        p.is_whitespace()
            || matches!(
                p,
                '(' | '[' | '{' | '-' | '\u{2013}' | '\u{2014}' | '/' | '\u{201C}' | '\u{2018}'
            )
    })
}

/// Whether an apostrophe at the start of a word stands for missing letters ('90s, 'tis) rather than
/// opening a quotation; `rest` is the text after it. Nothing but a space after it closes nothing either.
fn elided(rest: &str) -> bool {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    match rest.chars().next() {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some(c) if c.is_ascii_digit() => true,
        _ => ELISIONS.contains(&word.as_str()),
    }
}

/// Markdown with typographic quotes in its text only: the Markdown is parsed, and only the quotes inside
/// text (not in link targets, code, raw HTML or anchors) are replaced, in place, so that the rest of the
/// source stays byte for byte as it was.
#[must_use]
pub fn curl_markdown(markdown: &str) -> String {
    if !markdown.contains(['"', '\'']) {
        return markdown.to_owned();
    }
    let mut edits: Vec<(usize, char)> = Vec::new();
    let mut prev: Option<char> = None;
    for (event, range) in Parser::new_ext(markdown, super::html::options()).into_offset_iter() {
        match event {
            Event::Text(_) => {
                let source = &markdown[range.clone()];
                let curled = curl(source, prev);
                for ((at, old), new) in source.char_indices().zip(curled.chars()) {
                    if old != new {
                        edits.push((range.start + at, new));
                    }
                }
                prev = curled.chars().last().or(prev);
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => prev = Some('a'),
            Event::SoftBreak | Event::HardBreak => prev = Some(' '),
            Event::Start(tag) if starts_block(&tag) => prev = None,
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => prev = None,
            _ => {}
        }
    }
    let mut out = String::with_capacity(markdown.len() + 2 * edits.len());
    let mut last = 0;
    for (at, c) in edits {
        out.push_str(&markdown[last..at]);
        out.push(c);
        last = at + 1;
    }
    out.push_str(&markdown[last..]);
    out
}

/// Whether a tag opens a block, where a quote has nothing before it.
fn starts_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::Item
            | Tag::TableCell
            | Tag::BlockQuote(_)
            | Tag::List(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> String {
        curl(text, None)
    }

    #[test]
    fn apostrophes_close_after_a_letter() {
        assert_eq!(plain("90 days' notice"), "90 days\u{2019} notice");
        assert_eq!(plain("O'Brien"), "O\u{2019}Brien");
        assert_eq!(plain("the partner's data"), "the partner\u{2019}s data");
    }

    #[test]
    fn single_and_double_quotes_open_and_close() {
        assert_eq!(plain("'quoted'"), "\u{2018}quoted\u{2019}");
        assert_eq!(
            plain("say \"double\" now"),
            "say \u{201C}double\u{201D} now"
        );
        assert_eq!(
            plain("\"'nested'\""),
            "\u{201C}\u{2018}nested\u{2019}\u{201D}"
        );
        assert_eq!(plain("(\"Vitalis\")"), "(\u{201C}Vitalis\u{201D})");
        assert_eq!(plain("\"Stop.\""), "\u{201C}Stop.\u{201D}");
    }

    #[test]
    fn an_apostrophe_at_the_start_of_a_word_stands_for_what_is_missing() {
        assert_eq!(plain("the '90s"), "the \u{2019}90s");
        assert_eq!(plain("'tis so"), "\u{2019}tis so");
        assert_eq!(plain("rock 'n' roll"), "rock \u{2019}n\u{2019} roll");
    }

    #[test]
    fn the_text_before_decides_a_quote_at_the_start() {
        assert_eq!(curl("'s budget", Some('X')), "\u{2019}s budget");
        assert_eq!(curl("\"x\"", Some(' ')), "\u{201C}x\u{201D}");
    }

    #[test]
    fn an_escaped_quote_is_left_alone() {
        assert_eq!(plain("a \\\"b"), "a \\\"b");
    }

    #[test]
    fn markdown_keeps_straight_quotes_in_links_anchors_and_code() {
        let md = "<a id=\"x\"></a>**1.1 Partner's.** See [\"the\" site](https://example.org/a'b) and `don't`.\n";
        assert_eq!(
            curl_markdown(md),
            "<a id=\"x\"></a>**1.1 Partner\u{2019}s.** See [\u{201C}the\u{201D} site](https://example.org/a'b) and `don't`.\n"
        );
    }

    #[test]
    fn markdown_quotes_open_again_in_each_table_cell_and_item() {
        let md = "| a | b |\n| --- | --- |\n| 'x' | \"y\" |\n\n- 'one'\n- \"two\"\n";
        let out = curl_markdown(md);
        assert!(
            out.contains("| \u{2018}x\u{2019} | \u{201C}y\u{201D} |"),
            "{out}"
        );
        assert!(
            out.contains("- \u{2018}one\u{2019}\n- \u{201C}two\u{201D}"),
            "{out}"
        );
    }

    #[test]
    fn emphasis_around_a_quote_does_not_change_which_way_it_faces() {
        assert_eq!(curl_markdown("a *\"b\"* c\n"), "a *\u{201C}b\u{201D}* c\n");
    }
}
