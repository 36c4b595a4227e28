//! Every string field of every example, filled with hostile payloads, renders as inert text in both formats:
//! nothing executes or loads in a browser, nothing is evaluated as a template, and the document's structure
//! (sections, clauses, tables, lists) is exactly what it was.

mod common;

use std::fs;
use std::path::Path;

use charter::pipeline::check;
use charter::render;
use charter::source::Source;
use pulldown_cmark::{Event, Parser, Tag};
use scraper::{Html, Selector};

fn payloads() -> Vec<String> {
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/injection/payloads.txt"),
    )
    .expect("corpus");
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut s = l.replace("\\n", "\n");
            while let Some(at) = s.find("\\u{") {
                let end = s[at..].find('}').map_or(s.len(), |e| at + e);
                let c = u32::from_str_radix(&s[at + 3..end], 16)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or('?');
                s.replace_range(at..=end, &c.to_string());
            }
            s
        })
        .collect()
}

/// The shape of a Markdown document: headings, paragraphs, list items, table rows (counted) and raw HTML.
fn md_shape(md: &str) -> (usize, usize, usize, usize, Vec<String>) {
    let (mut headings, mut paragraphs, mut items, mut rows, mut html) = (0, 0, 0, 0, Vec::new());
    let options = render::html::options();
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::Start(Tag::Paragraph) => paragraphs += 1,
            Event::Start(Tag::Item) => items += 1,
            Event::Start(Tag::TableRow | Tag::TableHead) => rows += 1,
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.to_string()),
            _ => {}
        }
    }
    (headings, paragraphs, items, rows, html)
}

/// Elements and attributes that could run code, load something, or restyle the page.
fn html_dangers(doc: &Html) -> Vec<String> {
    let mut found = Vec::new();
    let any = Selector::parse("*").expect("selector");
    for el in doc.select(&any) {
        let name = el.value().name();
        if matches!(
            name,
            "script"
                | "iframe"
                | "object"
                | "embed"
                | "img"
                | "svg"
                | "math"
                | "form"
                | "base"
                | "video"
                | "audio"
                | "source"
                | "link"
        ) {
            found.push(format!("<{name}>"));
        }
        if name == "style"
            && el
                .parent()
                .and_then(|p| p.value().as_element())
                .is_none_or(|p| p.name() != "head")
        {
            found.push("<style> outside head".to_owned());
        }
        if name == "meta"
            && el
                .value()
                .attr("http-equiv")
                .is_some_and(|v| !v.eq_ignore_ascii_case("Content-Security-Policy"))
        {
            found.push("<meta http-equiv>".to_owned());
        }
        for (attr, value) in el.value().attrs() {
            let v = value.trim().to_ascii_lowercase();
            if attr.starts_with("on") || attr == "style" || attr == "srcdoc" {
                found.push(format!("{name}[{attr}]"));
            }
            if matches!(attr, "href" | "src" | "action" | "formaction" | "data")
                && !(v.starts_with('#')
                    || v.starts_with("https://")
                    || v.starts_with("http://")
                    || v.starts_with("mailto:"))
            {
                found.push(format!("{name}[{attr}={value}]"));
            }
        }
    }
    found
}

fn html_shape(doc: &Html) -> Vec<usize> {
    // Paragraphs and list items are left out: the organiser's own Markdown (purpose, scope, ...) may hold
    // paragraphs and lists, and a payload there legitimately adds or removes some.
    [
        "h1", "h2", "h3", "h4", "tr", "th", "td", "table", "a[id]", "nav li", "dt",
    ]
    .iter()
    .map(|s| doc.select(&Selector::parse(s).expect("selector")).count())
    .collect()
}

#[test]
fn hostile_strings_render_as_inert_text_everywhere() {
    let payloads = payloads();
    assert!(payloads.len() >= 60, "corpus too small: {}", payloads.len());
    let mut rendered = 0;
    let mut used = vec![false; payloads.len()];
    for (path, text) in common::example_texts() {
        let source = Source::new("x.toml", text.as_bytes().to_vec());
        let valid = check(&source).0.expect("example is valid");
        let (md0, html0) = (
            render::markdown(&valid, &source).expect("md"),
            render::html(&valid, &source).expect("html"),
        );
        assert!(html0.contains(&format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
            render::CSP
        )));
        let doc0 = Html::parse_document(&html0);
        let (base_md, base_html) = (md_shape(&md0), html_shape(&doc0));
        assert!(html_dangers(&doc0).is_empty(), "{:?}", html_dangers(&doc0));
        for (i, span) in common::string_leaves(&text)
            .into_iter()
            .map(|(span, _)| span)
            .enumerate()
        {
            {
                let which = i % payloads.len();
                let payload = &payloads[which];
                let quoted = toml::Value::String(payload.clone()).to_string();
                let hostile = format!("{}{}{}", &text[..span.start], quoted, &text[span.end..]);
                let source = Source::new("x.toml", hostile.into_bytes());
                // Payloads in ids, enum values or periods make the charter invalid: that is a refusal, fine.
                let Some(valid) = check(&source).0 else {
                    continue;
                };
                used[which] = true;
                rendered += 1;
                let md = render::markdown(&valid, &source).expect("md");
                let html = render::html(&valid, &source).expect("html");
                let context = format!("{} field #{i} with {payload:?}", path.display());
                let shape = md_shape(&md);
                assert_eq!(
                    (shape.0, shape.3),
                    (base_md.0, base_md.3),
                    "Markdown structure changed: {context}"
                );
                assert!(
                    shape
                        .4
                        .iter()
                        .all(|h| h.starts_with("<a id=\"") || h == "</a>"),
                    "raw HTML in Markdown {:?}: {context}",
                    shape.4
                );
                let doc = Html::parse_document(&html);
                assert_eq!(
                    html_shape(&doc),
                    base_html,
                    "HTML structure changed: {context}"
                );
                let dangers = html_dangers(&doc);
                assert!(dangers.is_empty(), "{dangers:?}: {context}");
                for c in [
                    '\u{202a}', '\u{202b}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
                    '\u{2068}', '\u{200b}',
                ] {
                    assert!(
                        !md.contains(c) && !html.contains(c),
                        "invisible control {c:?} survived: {context}"
                    );
                }
                // A template expression is shown as written, never evaluated.
                for expr in ["7*7", "{{ title }}", "{% for x in sections %}"] {
                    if payload.contains(expr) {
                        assert!(
                            md.replace('\\', "").contains(expr),
                            "{expr} was not shown as written: {context}"
                        );
                    }
                }
            }
        }
    }
    assert!(rendered > 500, "only {rendered} hostile renders");
    let unused: Vec<&String> = payloads
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(p, _)| p)
        .collect();
    assert!(
        unused.is_empty(),
        "payloads never reached a rendered document: {unused:?}"
    );
}
