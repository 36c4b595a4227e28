//! The DOCX as other programs read it: LibreOffice converts every example to PDF, pandoc reads the
//! headings and tables, and python-docx finds a bookmark for every anchor of the HTML and for every
//! internal link.
//!
//! Needs `soffice` (LibreOffice), `pdfinfo` and `pdftoppm` (poppler), `pandoc`, and a Python with
//! python-docx (`$CHARTER_PYTHON`, or `python3`). A test whose tool is missing says so and passes, unless
//! `CHARTER_REQUIRE_DOCX_READERS` is set, as `.ci/run` sets it after installing them. The PDFs and a
//! picture of the first page of each example are kept in `target/tmp/docx/` for a person to look at.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{available, charter, examples, soffice_to_pdf, stderr_of};
use scraper::{Html, Selector};

fn render(example: &Path, format: &str, out: &Path) {
    let result = charter()
        .args(["render", "--format", format, "--force"])
        .arg(example)
        .arg("-o")
        .arg(out)
        .output()
        .expect("charter runs");
    assert!(result.status.success(), "{}", stderr_of(&result));
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docx");
    fs::create_dir_all(&dir).expect("output dir");
    dir
}

fn stem(example: &Path) -> String {
    example
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn libreoffice_converts_every_example_to_pdf() {
    if !available("soffice", &["--version"]) || !available("pdfinfo", &["-v"]) {
        return;
    }
    let dir = out_dir();
    let mut docs = Vec::new();
    for example in examples() {
        let docx = dir.join(format!("{}.docx", stem(&example)));
        render(&example, "docx", &docx);
        docs.push(docx);
    }
    soffice_to_pdf(&dir, &docs);
    for docx in &docs {
        let pdf = docx.with_extension("pdf");
        let info = Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .expect("pdfinfo runs");
        assert!(info.status.success(), "{}: no readable PDF", pdf.display());
        let pages: usize = String::from_utf8_lossy(&info.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("a page count");
        assert!(
            (5..200).contains(&pages),
            "{}: {pages} pages",
            pdf.display()
        );
        // The first page, as a picture, for a person to look at.
        if available("pdftoppm", &["-v"]) {
            let picture = docx.with_extension("");
            let status = Command::new("pdftoppm")
                .args(["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile"])
                .arg(&pdf)
                .arg(&picture)
                .status()
                .expect("pdftoppm runs");
            assert!(status.success());
        }
    }
}

/// Counts the headings by level and the tables of a pandoc JSON document.
fn outline(json: &serde_json::Value, headings: &mut [usize; 7], tables: &mut usize) {
    match json {
        serde_json::Value::Object(map) => {
            match map.get("t").and_then(|t| t.as_str()) {
                Some("Header") => {
                    let level = map["c"][0].as_u64().unwrap_or(0) as usize;
                    headings[level.min(6)] += 1;
                }
                Some("Table") => *tables += 1,
                _ => {}
            }
            map.values().for_each(|v| outline(v, headings, tables));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| outline(v, headings, tables)),
        _ => {}
    }
}

fn pandoc_outline(input: &Path, from: &str) -> ([usize; 7], usize) {
    let out = Command::new("pandoc")
        .args(["--from", from, "--to", "json"])
        .arg(input)
        .output()
        .expect("pandoc runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("pandoc JSON");
    let (mut headings, mut tables) = ([0; 7], 0);
    outline(&json, &mut headings, &mut tables);
    (headings, tables)
}

#[test]
fn pandoc_reads_the_headings_and_tables() {
    if !available("pandoc", &["--version"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    for example in examples() {
        let (docx, md) = (dir.path().join("c.docx"), dir.path().join("c.md"));
        render(&example, "docx", &docx);
        render(&example, "md", &md);
        let (docx_headings, docx_tables) = pandoc_outline(&docx, "docx");
        let (md_headings, md_tables) = pandoc_outline(&md, "markdown");
        let name = example.display();
        // The Markdown's title is `#`, its sections `##`; the DOCX's title is the Title style (metadata
        // to pandoc) and its sections Heading 1.
        assert_eq!(docx_headings[1], md_headings[2], "{name}: sections");
        let signatures = fs::read_to_string(&md)
            .expect("md")
            .lines()
            .filter(|l| l.starts_with("### <a id=\"sign-"))
            .count();
        assert_eq!(docx_headings[2], signatures, "{name}: signature blocks");
        // Every table of the Markdown, and the checklist, which is a list there and a table here.
        assert_eq!(docx_tables, md_tables + 1, "{name}: tables");
    }
}

const PYTHON_DOCX: &str = r#"
import json, sys
import docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
body = d.element.body
print(json.dumps({
    "bookmarks": [b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))],
    "links": [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))],
    "headings": [p.style.name for p in d.paragraphs if p.style.name.startswith("Heading")],
    "title": d.core_properties.title,
    "tables": len(d.tables),
}))
"#;

#[test]
fn python_docx_finds_every_anchor_of_the_html_as_a_bookmark_and_every_link_resolves() {
    let python = std::env::var("CHARTER_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    if !available(&python, &["-c", "import docx"]) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let ids = Selector::parse("[id]").expect("selector");
    for example in examples() {
        let (docx, html) = (dir.path().join("c.docx"), dir.path().join("c.html"));
        render(&example, "docx", &docx);
        render(&example, "html", &html);
        let out = Command::new(&python)
            .args(["-c", PYTHON_DOCX])
            .arg(&docx)
            .output()
            .expect("python runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let read: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let strings = |key: &str| -> Vec<String> {
            read[key]
                .as_array()
                .expect("a list")
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        };
        let bookmarks: BTreeSet<String> = strings("bookmarks").into_iter().collect();
        let html = fs::read_to_string(&html).expect("html");
        let anchors: BTreeSet<String> = Html::parse_document(&html)
            .select(&ids)
            .filter_map(|e| e.value().id().map(str::to_owned))
            .filter(|id| id != "contents")
            .collect();
        let name = example.display();
        let missing: Vec<&String> = anchors.difference(&bookmarks).collect();
        assert!(
            missing.is_empty(),
            "{name}: python-docx finds no bookmark for {missing:?}"
        );
        let links = strings("links");
        assert!(!links.is_empty(), "{name}");
        let broken: Vec<&String> = links.iter().filter(|l| !bookmarks.contains(*l)).collect();
        assert!(
            broken.is_empty(),
            "{name}: links to no bookmark: {broken:?}"
        );
        assert!(
            strings("headings").iter().any(|h| h == "Heading 1"),
            "{name}"
        );
        assert!(
            read["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{name}"
        );
    }
}
