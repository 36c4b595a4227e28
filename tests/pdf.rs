//! The PDF (feature `pdf`) as independent tools read it: `qpdf --check` finds it well formed, `pdftotext`
//! finds every clause number and the fingerprint, `pdfinfo` its metadata, tagging and PDF/A part,
//! `pdfdetach` the source TOML attached, byte for byte; qpdf's JSON its bookmarks and links. The same
//! input gives the same bytes, `verify` accepts the PDF, and `diff --format pdf` makes a redline.
//!
//! Needs qpdf and poppler-utils (`pdftotext`, `pdfinfo`, `pdfdetach`). A test whose tool is missing says
//! so and passes, unless `CHARTER_REQUIRE_PDF_TOOLS` is set, as `.ci/run` sets it after installing them.
//! The PDFs are kept in `target/tmp/pdf/` for a person to look at.
#![cfg(feature = "pdf")]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{charter, examples, stderr_of};

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf");
    fs::create_dir_all(&dir).expect("output dir");
    dir
}

/// Whether a PDF reader is installed (poppler's tools exit 99 after printing their version); when not,
/// the test is skipped, unless CI insists.
fn available(tool: &str, args: &[&str]) -> bool {
    let runs = Command::new(tool)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success() || o.status.code() == Some(99));
    if !runs {
        assert!(
            std::env::var_os("CHARTER_REQUIRE_PDF_TOOLS").is_none(),
            "CHARTER_REQUIRE_PDF_TOOLS is set but `{tool}` does not run"
        );
        #[allow(clippy::print_stderr, reason = "a skipped test must say why")]
        {
            eprintln!("skipping: `{tool}` is not installed or does not run");
        }
    }
    runs
}

fn tools() -> bool {
    available("qpdf", &["--version"])
        && available("pdftotext", &["-v"])
        && available("pdfinfo", &["-v"])
        && available("pdfdetach", &["-v"])
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned()
}

fn render_pdf(source: &Path, out: &Path) -> Vec<u8> {
    let result = charter()
        .args(["render", "--format", "pdf", "--force"])
        .arg(source)
        .arg("-o")
        .arg(out)
        .output()
        .expect("charter runs");
    assert!(result.status.success(), "{}", stderr_of(&result));
    fs::read(out).expect("pdf written")
}

fn run(tool: &str, args: &[&str], path: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(path)
        .output()
        .expect("tool runs");
    assert!(
        out.status.success() || (tool == "qpdf" && out.status.code() == Some(3)),
        "{tool} {args:?} {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn text_of(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The clause numbers and anchors the Markdown of the same charter has: `**3.2** ` and `<a id="…">`.
fn clause_numbers(source: &Path) -> Vec<String> {
    let out = charter()
        .args(["render", "--format", "md"])
        .arg(source)
        .output()
        .expect("charter runs");
    let md = String::from_utf8_lossy(&out.stdout).into_owned();
    md.lines()
        .filter_map(|line| {
            let rest = line.split("**").nth(1)?;
            let number = rest.split_whitespace().next()?;
            (number.contains('.')
                && number
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c.is_ascii_uppercase()))
            .then(|| number.trim_end_matches('.').to_owned())
        })
        .collect()
}

fn fingerprint(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(fs::read(path).expect("source"))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn every_example_is_a_well_formed_tagged_pdf_a_with_its_clauses_and_fingerprint() {
    if !tools() {
        return;
    }
    let dir = out_dir();
    for example in examples() {
        let pdf = dir.join(format!("{}.pdf", stem(&example)));
        render_pdf(&example, &pdf);
        let check = run("qpdf", &["--check"], &pdf);
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{}: {check}",
            stem(&example)
        );
        let text = text_of(&pdf);
        let fp = fingerprint(&example);
        assert!(text.contains(&fp), "{}: no fingerprint", stem(&example));
        let numbers = clause_numbers(&example);
        assert!(numbers.len() > 10, "{}: {numbers:?}", stem(&example));
        for number in &numbers {
            assert!(
                text.contains(number.as_str()),
                "{}: clause {number} is not in the PDF",
                stem(&example)
            );
        }
        let info = run("pdfinfo", &[], &pdf);
        assert!(info.contains("Tagged:          yes"), "{info}");
        assert!(info.contains("Creator:         charter"), "{info}");
        assert!(info.contains(&format!("SHA-256 {fp}")), "{info}");
        let xmp = run("pdfinfo", &["-meta"], &pdf);
        assert!(
            xmp.contains("<pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"),
            "{}: not PDF/A-3b",
            stem(&example)
        );
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("pages");
        assert!(pages >= 3, "{}: {pages} pages", stem(&example));
        // The footer of every page: "Page N of M".
        assert!(
            text.contains(&format!("Page {pages} of {pages}")),
            "{}",
            stem(&example)
        );
    }
}

#[test]
fn the_source_is_attached_byte_for_byte() {
    if !tools() {
        return;
    }
    let dir = out_dir();
    let example = Path::new("charters/sepsis-advisory-board.toml");
    let pdf = dir.join("attached.pdf");
    render_pdf(&common::root().join(example), &pdf);
    let list = run("pdfdetach", &["-list"], &pdf);
    assert!(list.contains("1 embedded files"), "{list}");
    assert!(list.contains(".toml"), "{list}");
    let saved = dir.join("attached-source.toml");
    let out = Command::new("pdfdetach")
        .args(["-save", "1", "-o"])
        .arg(&saved)
        .arg(&pdf)
        .output()
        .expect("pdfdetach runs");
    assert!(out.status.success());
    assert_eq!(
        fs::read(&saved).expect("saved"),
        fs::read(common::root().join(example)).expect("source")
    );
}

#[test]
fn bookmarks_cover_every_section_and_links_point_inside() {
    if !tools() {
        return;
    }
    let dir = out_dir();
    let example = common::root().join("charters/regional-ehr-consortium.toml");
    let pdf = dir.join("outline.pdf");
    render_pdf(&example, &pdf);
    let json = run("qpdf", &["--json", "--json-key=outlines"], &pdf);
    let value: serde_json::Value = serde_json::from_str(&json).expect("qpdf json");
    let outlines = value["outlines"].as_array().expect("outlines");
    let titles: Vec<&str> = outlines
        .iter()
        .filter_map(|o| o["title"].as_str())
        .collect();
    assert!(
        titles.iter().any(|t| t.starts_with("1. ")),
        "sections are bookmarks: {titles:?}"
    );
    let clauses: usize = outlines
        .iter()
        .map(|o| o["kids"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(
        clauses > 20,
        "clauses are bookmarks under sections: {clauses}"
    );
    // Internal links: link annotations with a destination in the document, no address.
    let plain = dir.join("outline-qdf.pdf");
    let out = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&pdf)
        .arg(&plain)
        .output()
        .expect("qpdf runs");
    assert!(out.status.success());
    let raw = String::from_utf8_lossy(&fs::read(&plain).expect("qdf")).into_owned();
    let links = raw.matches("/Subtype /Link").count();
    assert!(links > 20, "{links} links");
    assert!(
        raw.contains("/Dest") || raw.contains("/GoTo"),
        "no internal destination"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes_and_verify_accepts_them() {
    let dir = out_dir();
    let example = common::root().join("charters/community-screening-partnership.toml");
    let first = render_pdf(&example, &dir.join("same-1.pdf"));
    let second = render_pdf(&example, &dir.join("same-2.pdf"));
    assert!(first.starts_with(b"%PDF-"));
    assert!(first == second, "two renderings differ");
    let ok = charter()
        .arg("verify")
        .arg(dir.join("same-1.pdf"))
        .arg(&example)
        .output()
        .expect("runs");
    assert_eq!(ok.status.code(), Some(0), "{}", stderr_of(&ok));
    assert!(stderr_of(&ok).contains("matches"), "{}", stderr_of(&ok));
    // A source changed by one term: the PDF no longer matches it, and says which input it came from.
    let text = fs::read_to_string(&example).expect("source");
    let changed = dir.join("changed.toml");
    let edited = text.replacen("version = \"", "version = \"9", 1);
    assert_ne!(edited, text);
    fs::write(&changed, edited).expect("write");
    let bad = charter()
        .arg("verify")
        .arg(dir.join("same-1.pdf"))
        .arg(&changed)
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(1), "{}", stderr_of(&bad));
    assert!(
        stderr_of(&bad).contains("rendered from another input"),
        "{}",
        stderr_of(&bad)
    );
}

#[test]
fn text_that_looks_like_typst_stays_text() {
    if !tools() {
        return;
    }
    let dir = out_dir();
    let source = fs::read_to_string(common::root().join("charters/sepsis-advisory-board.toml"))
        .expect("source");
    let hostile = "Uses #panic('x') and $x^2$ and <lbl> @ref // not a comment ] [ = head * _ `raw`";
    let edited = source.replacen("title = \"", &format!("title = \"{hostile} "), 1);
    assert_ne!(edited, source);
    let path = dir.join("hostile.toml");
    fs::write(&path, edited).expect("write");
    let pdf = dir.join("hostile.pdf");
    render_pdf(&path, &pdf);
    let text = text_of(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("#panic('x') and $x^2$ and <lbl> @ref // not a comment ] [ ="),
        "{text}"
    );
}

#[test]
fn the_redline_is_a_pdf_with_both_versions_and_its_changes_marked() {
    if !tools() {
        return;
    }
    let dir = out_dir();
    let old = common::root().join("charters/sepsis-advisory-board.toml");
    let text = fs::read_to_string(&old).expect("source");
    let edited = text.replacen("notice = \"30 days\"", "notice = \"14 days\"", 1);
    assert_ne!(edited, text, "the example has a 30-day notice");
    let new = dir.join("sepsis-amended.toml");
    fs::write(&new, &edited).expect("write");
    let pdf = dir.join("redline.pdf");
    let out = charter()
        .args(["diff", "--format", "pdf", "--force", "-o"])
        .arg(&pdf)
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let bytes = fs::read(&pdf).expect("redline");
    let check = run("qpdf", &["--check"], &pdf);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let text = text_of(&pdf);
    assert!(text.contains("Redline:"), "{text}");
    assert!(text.contains("Changes in this redline"));
    assert!(text.contains(&fingerprint(&old)) && text.contains(&fingerprint(&new)));
    assert!(text.contains("30") && text.contains("14"));
    let list = run("pdfdetach", &["-list"], &pdf);
    assert!(list.contains("2 embedded files"), "{list}");
    // The same inputs, the same bytes.
    let again = dir.join("redline-2.pdf");
    let out = charter()
        .args(["diff", "--format", "pdf", "--force", "-o"])
        .arg(&again)
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        fs::read(&again).expect("again") == bytes,
        "two redlines differ"
    );
    // Never the changes only: the redline is the whole document.
    let refused = charter()
        .args(["diff", "--format", "pdf", "--changed-only", "-o"])
        .arg(dir.join("never.pdf"))
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn a_character_no_font_has_stops_the_render_with_what_to_do() {
    let dir = out_dir();
    let source = fs::read_to_string(common::root().join("charters/sepsis-advisory-board.toml"))
        .expect("source");
    let edited = source.replacen("title = \"", "title = \"合作 ", 1);
    let path = dir.join("cjk.toml");
    fs::write(&path, edited).expect("write");
    let out = charter()
        .args(["render", "--format", "pdf", "--force", "-o"])
        .arg(dir.join("cjk.pdf"))
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("`\"合\"` could not be displayed"), "{err}");
    assert!(
        err.contains("render it as md, html or docx instead"),
        "{err}"
    );
    assert!(!dir.join("cjk.pdf").exists(), "nothing is written");
}
