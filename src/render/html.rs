//! Markdown to HTML. One function owns the pulldown-cmark options, and the conversion drops anything that
//! could run or load: raw HTML other than this program's own anchors, unsafe link schemes, and images.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// The Markdown extensions the documents use: GitHub tables and task lists. Smart punctuation is off on
/// purpose: it would rewrite the quotes of legal text.
#[must_use]
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH
}

/// Converts a rendered Markdown body to HTML.
#[must_use]
pub fn to_html(markdown: &str) -> String {
    let mut dropped_links = 0usize;
    let events = Parser::new_ext(markdown, options()).flat_map(|event| match event {
        // A wide table scrolls inside its own box, so that a narrow screen never scrolls sideways; the
        // box takes the keyboard focus, so that it can be scrolled without a pointer.
        Event::Start(Tag::Table(_)) => [
            Some(Event::Html(CowStr::Borrowed(
                "<div class=\"table-scroll\" tabindex=\"0\">",
            ))),
            Some(event),
        ],
        Event::End(TagEnd::Table) => [Some(event), Some(Event::Html(CowStr::Borrowed("</div>\n")))],
        event => [rest(event, &mut dropped_links), None],
    });
    let events = events.flatten();
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// What becomes of every other event: own anchors pass, other HTML becomes text, unsafe links lose their
/// target, images their picture, and checklist boxes gain a name.
fn rest<'a>(event: Event<'a>, dropped_links: &mut usize) -> Option<Event<'a>> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) if is_own_anchor(&html) => {
            Some(Event::InlineHtml(html))
        }
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Link { dest_url, .. }) if !is_safe_url(&dest_url) => {
            *dropped_links += 1;
            None
        }
        Event::End(TagEnd::Link) if *dropped_links > 0 => {
            *dropped_links -= 1;
            None
        }
        // A checklist box is a form control: it needs an accessible name (WCAG 2.1, 1.3.1 and 4.1.2).
        Event::TaskListMarker(done) => Some(Event::InlineHtml(CowStr::Borrowed(if done {
            "<input type=\"checkbox\" disabled checked aria-label=\"Done\">"
        } else {
            "<input type=\"checkbox\" disabled aria-label=\"Not yet done\">"
        }))),
        Event::Start(Tag::Image { .. }) => Some(Event::Text(CowStr::Borrowed("[image: "))),
        Event::End(TagEnd::Image) => Some(Event::Text(CowStr::Borrowed("]"))),
        other => Some(other),
    }
}

/// `<a id="..."></a>` with a plain id: the only HTML this program writes into Markdown.
fn is_own_anchor(html: &str) -> bool {
    let html = html.trim_end();
    let Some(id) = html.strip_prefix("<a id=\"") else {
        return html == "</a>";
    };
    let id = id
        .strip_suffix("\"></a>")
        .or_else(|| id.strip_suffix("\">"));
    id.is_some_and(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

fn is_safe_url(url: &str) -> bool {
    crate::prose::is_safe_url(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_anchors_pass_and_other_html_is_text() {
        let html = to_html("<a id=\"partner-x\"></a>**2.1** text <b>bold</b>\n");
        assert!(html.contains("<a id=\"partner-x\"></a>"), "{html}");
        assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"), "{html}");
    }

    #[test]
    fn unsafe_links_lose_their_target_but_keep_their_text() {
        let html = to_html("[click](javascript:alert(1)) and [site](https://example.org)");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("click"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
    }

    #[test]
    fn checklist_boxes_have_an_accessible_name() {
        let html = to_html("- [ ] Sign the charter\n");
        assert!(
            html.contains("<input type=\"checkbox\" disabled aria-label=\"Not yet done\">"),
            "{html}"
        );
    }

    #[test]
    fn a_table_scrolls_inside_its_own_box() {
        let html = to_html("| a | b |\n| --- | --- |\n| 1 | 2 |\n");
        assert!(
            html.starts_with("<div class=\"table-scroll\" tabindex=\"0\"><table>"),
            "{html}"
        );
        assert!(html.trim_end().ends_with("</table>\n</div>"), "{html}");
    }

    #[test]
    fn images_are_not_loaded() {
        let html = to_html("![logo](https://example.org/x.png)");
        assert!(!html.contains("<img"), "{html}");
    }
}
