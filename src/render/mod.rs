//! Rendering a valid charter: the document model, Markdown through Tera templates, and HTML converted from
//! that Markdown. Only a [`Valid`] charter can be rendered.

pub mod checklist;
pub mod document;
pub mod html;
pub mod ics;
pub mod markdown;
pub mod tracker;

use std::sync::OnceLock;

use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::{Context, Tera};

use crate::error::Error;
use crate::load::Source;
use crate::model::Charter;
use crate::validate::Valid;
use checklist::Group;
use document::{Block, Document};

const BODY_MD: &str = include_str!("../../templates/body.md.tera");
const CHARTER_MD: &str = include_str!("../../templates/charter.md.tera");
const CHARTER_HTML: &str = include_str!("../../templates/charter.html.tera");
const CSS: &str = include_str!("../../templates/charter.css");
const CHECKLIST_MD: &str = include_str!("../../templates/checklist.md.tera");

/// The SHA-256 of the input bytes, in lowercase hex.
#[must_use]
pub fn fingerprint(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The accountability checklist alone, grouped by owner, with the clause numbers it has in the rendered
/// charter.
#[must_use]
pub fn checklist(charter: &Valid<Charter>) -> Vec<Group> {
    document::build(charter, String::new())
        .sections
        .into_iter()
        .flat_map(|section| section.blocks)
        .filter_map(|block| match block {
            Block::Checklist(group) => Some(group),
            _ => None,
        })
        .collect()
}

/// Renders the accountability checklist alone as Markdown, with the charter's title and details.
///
/// # Errors
/// When the template fails to render.
pub fn checklist_markdown(charter: &Valid<Charter>, source: &Source) -> Result<String, Error> {
    let doc = document::build(charter, fingerprint(&source.bytes));
    Ok(tidy(
        &templates()?.render("checklist.md.tera", &context(&doc)?)?,
    ))
}

/// Renders the charter as Markdown.
///
/// # Errors
/// When a template fails to render.
pub fn markdown(charter: &Valid<Charter>, source: &Source) -> Result<String, Error> {
    let doc = document::build(charter, fingerprint(&source.bytes));
    let body = templates()?.render("body.md.tera", &context(&doc)?)?;
    let mut ctx = context(&doc)?;
    ctx.insert("body", &body);
    Ok(tidy(&templates()?.render("charter.md.tera", &ctx)?))
}

/// Renders the charter as one standalone HTML file.
///
/// # Errors
/// When a template fails to render.
pub fn html(charter: &Valid<Charter>, source: &Source) -> Result<String, Error> {
    let doc = document::build(charter, fingerprint(&source.bytes));
    let body = tidy(&templates()?.render("body.md.tera", &context(&doc)?)?);
    let mut ctx = context(&doc)?;
    ctx.insert("body_html", &html::to_html(&body));
    ctx.insert("css", CSS);
    #[derive(Serialize)]
    struct PlainDetail<'a> {
        label: &'a str,
        value: String,
    }
    let c: &Charter = charter;
    let details_text = [
        ("Charter", c.charter.id.clone()),
        ("Version", c.charter.version.clone()),
        ("Effective date", c.charter.effective_date.to_string()),
        ("Governing law", c.charter.jurisdiction.clone()),
    ]
    .map(|(label, value)| PlainDetail { label, value });
    ctx.insert("details_text", &details_text);
    Ok(templates()?
        .render("charter.html.tera", &ctx)?
        .replace("\r\n", "\n"))
}

struct Templates(Tera);

impl Templates {
    fn render(&self, name: &str, ctx: &Context) -> Result<String, Error> {
        self.0
            .render(name, ctx)
            .map_err(|e| Error::Template(error_chain(&e)))
    }
}

fn templates() -> Result<&'static Templates, Error> {
    static BUILTIN: OnceLock<Result<Templates, String>> = OnceLock::new();
    BUILTIN
        .get_or_init(|| {
            let mut tera = Tera::new();
            // Markdown values arrive escaped (see `markdown::Md`); HTML templates escape what they print.
            tera.autoescape_on([".html.tera"]);
            tera.add_raw_templates([
                ("body.md.tera", BODY_MD),
                ("charter.md.tera", CHARTER_MD),
                ("charter.html.tera", CHARTER_HTML),
                ("checklist.md.tera", CHECKLIST_MD),
            ])
            .map_err(|e| error_chain(&e))?;
            Ok(Templates(tera))
        })
        .as_ref()
        .map_err(|e| Error::Template(e.clone()))
}

fn context(doc: &Document) -> Result<Context, Error> {
    Context::from_serialize(doc).map_err(|e| Error::Template(error_chain(&e)))
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

/// Normalises blank lines: at most one between blocks, none at the start, one newline at the end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}
