//! Cross-references end to end: every anchor the rendered document has is a `[[clause:…]]` target that
//! `check` accepts, and every reference `check` accepts renders as a linked number in Markdown, HTML and
//! DOCX, never as the bare id. Each example and each valid fixture is given one reference of every kind
//! it can have: each partner, each body, each anchor of its document, and the older spellings `ip-ID`
//! and `coi-ID`.

mod common;

use std::collections::BTreeSet;
use std::io::{Cursor, Read};
use std::path::PathBuf;

use charter::diagnostic::format_short;
use charter::model::Charter;
use charter::pipeline::check;
use charter::render::docx::HouseStyle;
use charter::source::Source;
use charter::validate::Valid;

fn valid(name: &str, text: &str) -> Valid<Charter> {
    let source = Source::new(name, text.as_bytes().to_vec());
    let (valid, diagnostics) = check(&source);
    valid.unwrap_or_else(|| panic!("{name}:\n{}", format_short(&source, &diagnostics)))
}

/// Every `id="…"` in a rendered HTML document.
fn ids(html: &str) -> BTreeSet<String> {
    html.split("id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(id, _)| id.to_owned()))
        .collect()
}

/// The examples and the valid fixtures, with their text.
fn charters() -> Vec<(PathBuf, String)> {
    let mut files = common::examples();
    files.extend(common::toml_files("tests/fixtures/valid"));
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable");
            (p, text)
        })
        .collect()
}

/// The charter with `references` added to its purpose (every charter has one, while a standing document
/// may have no `[term]`), each after a numbered marker
/// (`R7:`), so that what each became can be found in the output.
fn with_references(text: &str, references: &[String]) -> String {
    let mut doc: toml_edit::DocumentMut = text.parse().expect("TOML");
    let overview = doc["charter"].as_table_mut().expect("a [charter] table");
    let old = overview["purpose"]
        .as_str()
        .expect("purpose is text")
        .to_owned();
    let listed: Vec<String> = references
        .iter()
        .enumerate()
        .map(|(i, r)| format!("R{i}: {r};"))
        .collect();
    overview["purpose"] = toml_edit::value(format!("{old} {}", listed.join(" ")));
    doc.to_string()
}

/// What a reference must become.
enum Becomes {
    /// A partner's short name or a body's name.
    Name(String),
    /// A clause number, linked to this anchor.
    Link(String),
}

/// One reference of every kind the charter can have, with what each must become.
fn every_reference(c: &Charter, html_ids: &BTreeSet<String>) -> Vec<(String, Becomes)> {
    let mut out: Vec<(String, Becomes)> = Vec::new();
    for p in &c.partners {
        out.push((
            format!("[[partner:{}]]", p.id),
            Becomes::Name(p.short_name.clone()),
        ));
    }
    for b in &c.bodies {
        out.push((format!("[[body:{}]]", b.id), Becomes::Name(b.name.clone())));
    }
    let outline = charter::outline::anchors(c);
    for a in &outline {
        let link = if html_ids.contains(&a.id) {
            a.id.clone()
        } else {
            a.within
                .expect("an anchor the document lacks is a place")
                .to_owned()
        };
        out.push((format!("[[clause:{}]]", a.id), Becomes::Link(link)));
    }
    // The older spellings, where the document has no anchor of that spelling itself.
    for a in &outline {
        for (alias, prefix) in charter::xref::CLAUSE_ALIASES {
            if let Some(id) = a.id.strip_prefix(prefix).and_then(|r| r.strip_prefix('-')) {
                let older = format!("{alias}-{id}");
                if !outline.iter().any(|o| o.id == older) {
                    out.push((format!("[[clause:{older}]]"), Becomes::Link(a.id.clone())));
                }
            }
        }
    }
    out
}

/// The visible text of a DOCX body: the text of every run, paragraphs on lines of their own.
fn docx_text(docx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip archive");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("a document part")
        .read_to_string(&mut xml)
        .expect("UTF-8 XML");
    let mut out = String::new();
    for piece in xml.split('<').skip(1) {
        let (tag, text) = piece.split_once('>').unwrap_or((piece, ""));
        if tag.starts_with("w:t ") || tag == "w:t" {
            out.push_str(
                &text
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">"),
            );
        } else if tag == "/w:p" {
            out.push('\n');
        }
    }
    out
}

#[test]
fn every_anchor_of_the_document_is_accepted_and_every_reference_renders_as_a_linked_number() {
    for (path, text) in charters() {
        let name = path.display().to_string();
        let plain = valid(&name, &text);
        let html = charter::render::html(&plain, &Source::new(&*name, text.as_bytes().to_vec()))
            .expect("renders");
        let html_ids = ids(&html);
        // The outline names every anchor the document has, and a place the document lacks (a part of the
        // checklist with no item) is cited by what it is in.
        let outline: BTreeSet<String> = charter::outline::anchors(&plain)
            .into_iter()
            .map(|a| a.id)
            .collect();
        let unknown: Vec<&String> = html_ids.difference(&outline).collect();
        assert!(
            unknown.is_empty(),
            "{name}: anchors check does not know: {unknown:?}"
        );

        let references = every_reference(&plain, &html_ids);
        let written: Vec<String> = references.iter().map(|(r, _)| r.clone()).collect();
        let text = with_references(&text, &written);
        let referring = valid(&name, &text);
        let source = Source::new(&*name, text.as_bytes().to_vec());
        let md = charter::render::markdown(&referring, &source).expect("renders");
        let html = charter::render::html(&referring, &source).expect("renders");
        let docx =
            charter::render::docx(&referring, &source, &HouseStyle::builtin()).expect("renders");
        let docx = docx_text(&docx);
        for (i, (reference, link)) in references.iter().enumerate() {
            let marker = format!("R{i}: ");
            let after = |out: &str| -> String {
                let at = out.find(&marker).unwrap_or_else(|| {
                    panic!("{name}: {reference} ({marker}) is not in the output")
                });
                out[at + marker.len()..].chars().take(120).collect()
            };
            let (md_after, html_after, docx_after) = (after(&md), after(&html), after(&docx));
            match link {
                Becomes::Link(link) => {
                    let number = md_after
                        .strip_prefix("[§")
                        .and_then(|r| r.split_once(']'))
                        .map(|(n, rest)| (n.to_owned(), rest.to_owned()));
                    let Some((number, rest)) = number else {
                        panic!("{name}: {reference} became {md_after:?} in Markdown");
                    };
                    assert!(
                        !number.is_empty()
                            && number.chars().all(|c| c.is_ascii_digit() || c == '.'),
                        "{name}: {reference} became {md_after:?}"
                    );
                    assert!(
                        rest.starts_with(&format!("(#{link})")),
                        "{name}: {reference} became {md_after:?}, not a link to #{link}"
                    );
                    assert!(
                        html_ids.contains(link) || ids(&html).contains(link),
                        "{name}: {reference} links to #{link}, which the document lacks"
                    );
                    assert!(
                        html_after.starts_with(&format!("<a href=\"#{link}\">§{number}</a>")),
                        "{name}: {reference} became {html_after:?} in HTML"
                    );
                    assert!(
                        docx_after.starts_with(&format!("§{number}")),
                        "{name}: {reference} became {docx_after:?} in DOCX"
                    );
                }
                Becomes::Name(expected) => {
                    // Plain and typographic quotes alike: the name is compared up to its first quote.
                    let stem: String = expected
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == ' ')
                        .collect();
                    for out in [&md_after, &html_after, &docx_after] {
                        assert!(
                            out.starts_with(&stem),
                            "{name}: {reference} became {out:?}, not {expected:?}"
                        );
                    }
                }
            }
        }
    }
}
