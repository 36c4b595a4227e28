//! Every string field of every example, filled with hostile payloads (markup, scripts, template code, hidden
//! characters, controls, formula triggers, unsafe links in every spelling, structure-forging Markdown and
//! blank values), is refused or renders as inert text in every format (the charter, the checklist in
//! Markdown, CSV, JSON and iCalendar, the redline, the terminal):
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
            if l == "\\empty" {
                return String::new();
            }
            let mut s = l.replace("\\n", "\n").replace("\\t", "\t");
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

/// Whether a payload says nothing: empty, whitespace or hidden characters only.
fn is_blank(payload: &str) -> bool {
    payload
        .chars()
        .all(|c| c.is_whitespace() || charter::hidden::class(c).is_some())
}

#[test]
fn hostile_strings_render_as_inert_text_everywhere() {
    let payloads = payloads();
    assert!(
        payloads.len() >= 120,
        "corpus too small: {}",
        payloads.len()
    );
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
                // A hidden character is refused wherever it is, at the character itself.
                let (valid, diagnostics) = check(&source);
                if payload
                    .chars()
                    .any(|c| charter::hidden::class(c).is_some() && !matches!(c, '\n' | '\t'))
                {
                    // Refused at the character, unless the value could not be read at all (an id, a
                    // period, a word of a vocabulary).
                    let loaded = !diagnostics.iter().any(|d| d.rule.code.starts_with("E01"));
                    assert!(
                        valid.is_none()
                            && (!loaded || diagnostics.iter().any(|d| d.rule.code == "E0203")),
                        "{} field #{i}: hidden character in {payload:?} not refused",
                        path.display()
                    );
                    used[which] = true;
                }
                if is_blank(payload) {
                    assert!(
                        valid.is_none(),
                        "{} field #{i}: blank {payload:?} accepted",
                        path.display()
                    );
                    used[which] = true;
                }
                let Some(valid) = valid else {
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

/// What makes an output unsafe to open: a hidden character (other than the line ends and tabs its format
/// allows), in any output.
fn hidden_in(output: &str, allowed: &[char]) -> Option<char> {
    output
        .chars()
        .find(|c| charter::hidden::class(*c).is_some() && !allowed.contains(c))
}

/// Markdown that stays inert in any viewer: every link goes to the allow-list, there is no image and no
/// raw HTML but this program's own anchors.
fn markdown_dangers(md: &str) -> Vec<String> {
    let mut found = Vec::new();
    let parser = Parser::new_ext(md, render::html::options());
    for (_, def) in parser.reference_definitions().iter() {
        if !charter::prose::is_safe_url(&def.dest) {
            found.push(format!("link definition to {:?}", def.dest));
        }
    }
    for event in parser {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if !charter::prose::is_safe_url(&dest_url) => {
                found.push(format!("link to {dest_url:?}"));
            }
            Event::Start(Tag::Image { dest_url, .. }) => found.push(format!("image {dest_url:?}")),
            Event::Html(h) | Event::InlineHtml(h)
                if !(h.starts_with("<a id=\"") || h.trim_end() == "</a>") =>
            {
                found.push(format!("raw HTML {h:?}"));
            }
            _ => {}
        }
    }
    found
}

/// Every output of one hostile charter that was accepted: the checklist in every format and the redline
/// against the original in Markdown and HTML, each inert.
fn assert_outputs_inert(
    old: &charter::diff::Side<'_>,
    hostile: (&Source, &charter::validate::Valid<charter::model::Charter>),
    context: &str,
) {
    use charter::diff::{self, Format, Options};
    let (source, valid) = hostile;
    let groups = render::checklist(valid);
    let checklist_md = render::checklist_markdown(valid, source).expect("checklist md");
    let csv = render::tracker::csv(&groups).expect("csv");
    let json = render::tracker::json(valid, &groups, "f").expect("json");
    let stamp = render::ics::Stamp::of_date(render::checklist::start(valid));
    let ics = render::ics::calendar(valid, &groups, &stamp).text;
    let new = side("new", source, valid);
    let redline = |format| {
        let options = Options {
            format,
            rendered: true,
            color: false,
            mark_renumbered: false,
            changed_only: false,
        };
        diff::diff(old, &new, options).report
    };
    let (redline_md, redline_html) = (redline(Format::Md), redline(Format::Html));
    let terms = diff::diff(
        old,
        &new,
        Options {
            format: Format::Text,
            rendered: false,
            color: false,
            mark_renumbered: false,
            changed_only: false,
        },
    )
    .report;
    for (what, output, allowed) in [
        ("checklist md", &checklist_md, &['\n'][..]),
        ("checklist csv", &csv, &['\n', '\r'][..]),
        ("checklist json", &json, &['\n'][..]),
        ("checklist ics", &ics, &['\n', '\r'][..]),
        ("redline md", &redline_md, &['\n'][..]),
        ("redline html", &redline_html, &['\n'][..]),
        ("diff text", &terms, &['\n'][..]),
    ] {
        if let Some(c) = hidden_in(output, allowed) {
            panic!("{what} holds {c:?}: {context}");
        }
    }
    for (what, md) in [("checklist md", &checklist_md), ("redline md", &redline_md)] {
        let dangers = markdown_dangers(md);
        assert!(dangers.is_empty(), "{what}: {dangers:?}: {context}");
    }
    let dangers = html_dangers(&Html::parse_document(&redline_html));
    assert!(dangers.is_empty(), "redline html: {dangers:?}: {context}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for record in reader.records() {
        for cell in &record.expect("record") {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "csv cell {cell:?} is a formula: {context}"
            );
        }
    }
    serde_json::from_str::<serde_json::Value>(&json).expect("json parses");
}

/// The terminal's view of a hostile charter: its diagnostics in every message format hold no hidden
/// character but line ends.
fn assert_terminal_clean(
    source: &Source,
    diagnostics: &[charter::diagnostic::Diagnostic],
    context: &str,
) {
    use charter::diagnostic::{emit_human, format_json, format_short};
    let mut human = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    emit_human(&mut human, source, diagnostics).expect("human");
    let human = String::from_utf8(human.into_inner()).expect("utf-8");
    for (what, text) in [
        ("human", human),
        ("short", format_short(source, diagnostics)),
        ("json", format_json(source, diagnostics)),
    ] {
        if let Some(c) = hidden_in(&text, &['\n']) {
            panic!("check --message-format {what} printed {c:?}: {context}");
        }
    }
}

/// One side of a redline: a valid charter, its Markdown and its clause numbers.
fn side<'a>(
    name: &'a str,
    source: &Source,
    valid: &'a charter::validate::Valid<charter::model::Charter>,
) -> charter::diff::Side<'a> {
    charter::diff::Side::laid_out(name, valid, &source.bytes)
}

#[test]
fn every_output_format_refuses_or_neutralises_every_payload() {
    let payloads = payloads();
    let mut accepted = 0;
    for (path, text) in common::example_texts() {
        let source = Source::new("x.toml", text.as_bytes().to_vec());
        let valid = check(&source).0.expect("example is valid");
        let old = side("old", &source, &valid);
        // A different payload lands in each field than in the test above.
        for (i, (span, _)) in common::string_leaves(&text).into_iter().enumerate() {
            let payload = &payloads[(i * 7 + 3) % payloads.len()];
            let quoted = toml::Value::String(payload.clone()).to_string();
            let hostile = format!("{}{}{}", &text[..span.start], quoted, &text[span.end..]);
            let hostile = Source::new("x\u{1b}[2J.toml", hostile.into_bytes());
            let context = format!("{} field #{i} with {payload:?}", path.display());
            let (checked, diagnostics) = check(&hostile);
            assert_terminal_clean(&hostile, &diagnostics, &context);
            if let Some(checked) = checked {
                accepted += 1;
                assert_outputs_inert(&old, (&hostile, &checked), &context);
            }
        }
    }
    assert!(
        accepted > 500,
        "only {accepted} hostile charters were accepted"
    );
}
