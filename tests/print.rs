//! Printing: every example, rendered to HTML, printed to PDF by headless Chromium, has a sane number of pages,
//! with sections following on and only the signature page and the annexes starting a page; and a screenshot of the first screen of one example is taken
//! for a person to look at.
//!
//! Needs Chromium at /usr/bin/chromium (or at `$CHROMIUM`). Without it the test says so and passes, unless
//! `CHARTER_REQUIRE_CHROMIUM` is set, as `.ci/run` sets it after installing Chromium. The PDFs and the
//! screenshot are kept in Cargo's temporary directory for tests (`target/tmp/print/`).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs headless Chromium on `html` with the given output option, with a fresh profile, and no network.
fn run_chromium(chromium: &Path, html: &Path, output: &[String]) {
    let profile = tempfile::tempdir().expect("profile dir");
    let out = Command::new(chromium)
        .args(common::HEADLESS)
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(output)
        .arg(format!("file://{}", html.display()))
        .timeout(Duration::from_secs(120))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed on {}: {}",
        html.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The number of page objects in a PDF: `/Type /Page` not followed by `s` (which would be `/Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while let Some(at) = find(&pdf[i..], b"/Type") {
        let mut j = i + at + b"/Type".len();
        while pdf.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if pdf[j..].starts_with(b"/Page") && !pdf.get(j + 5).is_some_and(u8::is_ascii_alphabetic) {
            count += 1;
        }
        i = j;
    }
    count
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn render_html(example: &Path, to: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["-q", "render", "-f", "html", "--force", "-o"])
        .arg(to)
        .arg(example)
        .output()
        .expect("charter runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_example_prints_to_a_sane_number_of_pages() {
    let Some(chromium) =
        common::chromium("the print test (install the Debian package `chromium`, or set CHROMIUM)")
    else {
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("print");
    fs::create_dir_all(&dir).expect("output dir");
    let mut examples: Vec<PathBuf> = fs::read_dir(root().join("charters"))
        .expect("charters/")
        .map(|e| e.expect("entry").path())
        .collect();
    examples.sort();
    let mut report = Vec::new();
    for example in &examples {
        let stem = example
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let html = dir.join(format!("{stem}.html"));
        let pdf = dir.join(format!("{stem}.pdf"));
        let _ = fs::remove_file(&pdf);
        render_html(example, &html);
        run_chromium(
            &chromium,
            &html,
            &[format!("--print-to-pdf={}", pdf.display())],
        );
        let bytes = fs::read(&pdf).expect("a PDF was written");
        assert!(bytes.starts_with(b"%PDF-"), "{stem}: not a PDF");
        let pages = pdf_pages(&bytes);
        // Each numbered section starts a page, after a first page with the title and the contents.
        let sections = fs::read_to_string(&html)
            .expect("html")
            .matches("<h2><a id=")
            .count();
        assert!(sections >= 10, "{stem}: {sections} sections");
        assert!(
            (3..=60).contains(&pages),
            "{stem}: {pages} pages is not a sane length for a charter"
        );
        // Sections follow on from each other; only the signature page and the annexes start a page. With
        // a page break before every section the largest example took 30 pages; it takes 24.
        if stem == "sepsis-advisory-board" {
            assert!(
                pages <= 25,
                "{stem}: {pages} pages; sections should follow on, not each start a page"
            );
        }
        report.push(format!("{stem}: {pages} pages, {sections} sections"));
    }
    fs::write(dir.join("pages.txt"), report.join("\n") + "\n").expect("report");
}

#[test]
fn a_screenshot_of_the_first_screen_is_taken() {
    let Some(chromium) =
        common::chromium("the print test (install the Debian package `chromium`, or set CHROMIUM)")
    else {
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("print");
    fs::create_dir_all(&dir).expect("output dir");
    let html = dir.join("screenshot-sepsis-advisory-board.html");
    let png = dir.join("sepsis-advisory-board.png");
    let _ = fs::remove_file(&png);
    render_html(&root().join("charters/sepsis-advisory-board.toml"), &html);
    run_chromium(
        &chromium,
        &html,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1000,1400".to_owned(),
        ],
    );
    let bytes = fs::read(&png).expect("a screenshot was written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    // IHDR: width and height, big-endian, at bytes 16 to 24.
    let width = u32::from_be_bytes(bytes[16..20].try_into().expect("width"));
    let height = u32::from_be_bytes(bytes[20..24].try_into().expect("height"));
    assert_eq!((width, height), (1000, 1400));
    assert!(
        bytes.len() > 20_000,
        "a blank page compresses to almost nothing"
    );
}

#[test]
fn every_printed_page_of_a_draft_says_draft() {
    let Some(chromium) =
        common::chromium("the print test (install the Debian package `chromium`, or set CHROMIUM)")
    else {
        return;
    };
    let Some(pdftotext) = common::tool(
        "PDFTOTEXT",
        Path::new("/usr/bin/pdftotext"),
        "CHARTER_REQUIRE_DOCX_READERS",
        "the draft print test (install poppler-utils, or set PDFTOTEXT)",
    ) else {
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("print");
    fs::create_dir_all(&dir).expect("output dir");
    let text =
        fs::read_to_string(root().join("charters/sepsis-advisory-board.toml")).expect("example");
    let draft = dir.join("draft.toml");
    fs::write(
        &draft,
        text.replacen("[charter]\n", "[charter]\nstatus = \"draft\"\n", 1),
    )
    .expect("write");
    let (html, pdf) = (dir.join("draft.html"), dir.join("draft.pdf"));
    let _ = fs::remove_file(&pdf);
    render_html(&draft, &html);
    run_chromium(
        &chromium,
        &html,
        &[format!("--print-to-pdf={}", pdf.display())],
    );
    let pages = pdf_pages(&fs::read(&pdf).expect("a PDF was written"));
    assert!(pages >= 10, "{pages} pages");
    for page in 1..=pages {
        let out = Command::new(&pdftotext)
            .args(["-f", &page.to_string(), "-l", &page.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext runs");
        let words = String::from_utf8_lossy(&out.stdout);
        assert!(
            words.lines().any(|l| l.trim() == "DRAFT"),
            "page {page} of {pages} does not say DRAFT"
        );
    }
}
