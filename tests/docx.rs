//! `render --format docx` end to end, read back with nothing but an unzip and an XML parser: the same
//! bytes every time, fixed zip timestamps, the document properties, a bookmark for every anchor of the
//! HTML and a bookmark for every internal link, header rows and column grids, no empty revision,
//! `verify` on a DOCX, a reference document's styles, and no binary on a terminal.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use common::{charter, examples, stderr_of};
use quick_xml::Reader;
use quick_xml::events::Event;
use scraper::{Html, Selector};

fn render(example: &Path, format: &str) -> Vec<u8> {
    let out = charter()
        .args(["render", "--format", format])
        .arg(example)
        .output()
        .expect("charter runs");
    assert!(out.status.success(), "{}", stderr_of(&out));
    out.stdout
}

/// Every part of a zip archive, by name, in archive order.
fn parts(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("an entry");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).expect("readable entry");
            (file.name().to_owned(), bytes)
        })
        .collect()
}

fn part(docx: &[u8], name: &str) -> String {
    let (_, bytes) = parts(docx)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"));
    String::from_utf8(bytes).expect("UTF-8 XML")
}

/// The values of `attribute` on every element named `element`.
fn attributes(xml: &str, element: &[u8], attribute: &[u8]) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => return out,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == element => {
                for a in e.attributes().flatten() {
                    if a.key.as_ref() == attribute {
                        out.push(String::from_utf8_lossy(&a.value).into_owned());
                    }
                }
            }
            _ => {}
        }
    }
}

/// The text of the first element named `element`.
fn text_of(xml: &str, element: &[u8]) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => return None,
            Event::Start(e) if e.name().as_ref() == element => inside = true,
            Event::Text(t) if inside => return Some(t.xml10_content().expect("text").into_owned()),
            _ => {}
        }
    }
}

#[test]
fn every_example_renders_the_same_bytes_every_time_with_fixed_timestamps() {
    for example in examples() {
        let first = render(&example, "docx");
        assert!(first.starts_with(b"PK\x03\x04"), "{}", example.display());
        assert_eq!(first, render(&example, "docx"), "{}", example.display());
        let mut archive = zip::ZipArchive::new(Cursor::new(&first)).expect("zip");
        for i in 0..archive.len() {
            let file = archive.by_index(i).expect("entry");
            let time = file.last_modified().expect("a timestamp");
            assert_eq!(
                (
                    time.year(),
                    time.month(),
                    time.day(),
                    time.hour(),
                    time.minute()
                ),
                (1980, 1, 1, 0, 0),
                "{}: {}",
                example.display(),
                file.name()
            );
        }
        let names: Vec<String> = parts(&first).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names[0], "[Content_Types].xml", "{names:?}");
        assert!(names.contains(&"word/document.xml".to_owned()), "{names:?}");
    }
}

#[test]
fn the_document_properties_give_title_version_charter_id_and_fingerprint() {
    let example = common::root().join("charters/sepsis-advisory-board.toml");
    let docx = render(&example, "docx");
    let fingerprint = charter::render::fingerprint(&fs::read(&example).expect("example"));
    let core = part(&docx, "docProps/core.xml");
    assert_eq!(
        text_of(&core, b"dc:title").as_deref(),
        Some("Charter of the Multi-Site Sepsis Prediction Validation Partnership")
    );
    assert_eq!(
        text_of(&core, b"dcterms:created").as_deref(),
        Some("2026-03-01T00:00:00Z")
    );
    let custom = part(&docx, "docProps/custom.xml");
    assert_eq!(
        attributes(&custom, b"property", b"name"),
        ["Charter", "Version", "Fingerprint", "Generator"]
    );
    assert!(
        custom.contains("<vt:lpwstr>sepsis-validation</vt:lpwstr>"),
        "{custom}"
    );
    assert!(
        custom.contains(&format!("SHA-256 {fingerprint}")),
        "{custom}"
    );
    let footer = part(&docx, "word/footer1.xml");
    assert!(footer.contains(&fingerprint), "{footer}");
    assert!(
        footer.contains("PAGE") && footer.contains("NUMPAGES"),
        "{footer}"
    );
}

#[test]
fn every_anchor_of_the_html_is_a_bookmark_and_every_internal_link_resolves() {
    let ids = Selector::parse("[id]").expect("selector");
    for example in examples() {
        let html = String::from_utf8(render(&example, "html")).expect("UTF-8");
        let anchors: BTreeSet<String> = Html::parse_document(&html)
            .select(&ids)
            .filter_map(|e| e.value().id().map(str::to_owned))
            // The HTML's own page furniture (its table of contents) is not part of the charter.
            .filter(|id| id != "contents")
            .collect();
        let docx = render(&example, "docx");
        let document = part(&docx, "word/document.xml");
        let names = attributes(&document, b"w:bookmarkStart", b"w:name");
        let bookmarks: BTreeSet<String> = names.iter().cloned().collect();
        assert_eq!(
            names.len(),
            bookmarks.len(),
            "a bookmark twice in {}",
            example.display()
        );
        let missing: Vec<&String> = anchors.difference(&bookmarks).collect();
        assert!(
            missing.is_empty(),
            "{}: no bookmark for {missing:?}",
            example.display()
        );
        let links = attributes(&document, b"w:hyperlink", b"w:anchor");
        assert!(
            links.len() > 20,
            "{}: {} links",
            example.display(),
            links.len()
        );
        for link in &links {
            assert!(
                bookmarks.contains(link),
                "{}: link to #{link}",
                example.display()
            );
        }
        let ids = attributes(&document, b"w:bookmarkStart", b"w:id");
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(
            unique.len(),
            ids.len(),
            "bookmark ids repeat in {}",
            example.display()
        );
    }
}

#[test]
fn headings_tables_and_paragraph_ids_are_as_other_readers_need_them() {
    for example in examples() {
        let docx = render(&example, "docx");
        let document = part(&docx, "word/document.xml");
        let styles = attributes(&document, b"w:pStyle", b"w:val");
        let markdown = String::from_utf8(render(&example, "md")).expect("UTF-8");
        let sections = markdown.lines().filter(|l| l.starts_with("## ")).count();
        let subsections = markdown.lines().filter(|l| l.starts_with("### ")).count();
        let count = |style: &str| styles.iter().filter(|s| *s == style).count();
        assert_eq!(count("Heading1"), sections, "{}", example.display());
        // The checklist's owners are rows of one table in the DOCX, not headings: only the signatures.
        let signatures = markdown
            .lines()
            .filter(|l| l.starts_with("### <a id=\"sign-"))
            .count();
        // Adopted terms of reference have no signature page, so no signature headings.
        let adopted = markdown.contains("<a id=\"adoption\"></a>");
        assert!(
            (adopted || signatures > 1) && signatures < subsections,
            "{}",
            example.display()
        );
        assert_eq!(count("Heading2"), signatures, "{}", example.display());
        let tables = document.matches("<w:tbl>").count();
        assert!(tables >= 3, "{}", example.display());
        assert_eq!(
            document.matches("<w:tblGrid>").count(),
            tables,
            "{}",
            example.display()
        );
        assert_eq!(
            document.matches("<w:tblHeader/>").count(),
            tables,
            "{}",
            example.display()
        );
        let para_ids = attributes(&document, b"w:p", b"w14:paraId");
        let unique: BTreeSet<&String> = para_ids.iter().collect();
        assert_eq!(
            unique.len(),
            para_ids.len(),
            "paragraph ids repeat in {}",
            example.display()
        );
        assert!(
            para_ids
                .iter()
                .all(|id| u32::from_str_radix(id, 16).is_ok_and(|n| n > 0 && n < 0x8000_0000)),
            "{}",
            example.display()
        );
        // A rendered charter has no tracked change; the redline's revisions are tested beside the writer.
        assert!(!document.contains("<w:ins ") && !document.contains("<w:del "));
    }
}

#[test]
fn no_revision_in_a_tracked_document_is_empty() {
    use charter::render::docx::inline::{Inline, Mark, Revision, Span};
    use docx_rs::BuildXML;
    let mut inline = Inline::tracking(Revision {
        author: "charter".to_owned(),
        date: "2026-03-01T00:00:00Z".to_owned(),
    });
    let spans = [
        Span::equal("Review within "),
        Span {
            mark: Mark::Deleted,
            markdown: "60",
        },
        Span {
            mark: Mark::Inserted,
            markdown: "45 *business*",
        },
        Span {
            mark: Mark::Inserted,
            markdown: "",
        },
        Span::equal(" days of [§4.2](#x)."),
    ];
    let xml: String = inline
        .runs(&spans)
        .iter()
        .map(|c| String::from_utf8(c.build()).expect("UTF-8"))
        .collect();
    let mut reader = Reader::from_str(&xml);
    let mut open: Option<(String, String)> = None;
    let mut revisions = 0;
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Eof => break,
            Event::Start(e) if matches!(e.name().as_ref(), b"w:ins" | b"w:del") => {
                open = Some((
                    String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                    String::new(),
                ));
            }
            Event::Empty(e) if matches!(e.name().as_ref(), b"w:ins" | b"w:del") => {
                panic!("an empty revision: {xml}")
            }
            Event::Text(t) => {
                if let Some((_, text)) = open.as_mut() {
                    text.push_str(&t.xml10_content().expect("text"));
                }
            }
            Event::End(e) if matches!(e.name().as_ref(), b"w:ins" | b"w:del") => {
                let (name, text) = open.take().expect("an open revision");
                assert!(!text.trim().is_empty(), "an empty {name}: {xml}");
                revisions += 1;
            }
            _ => {}
        }
    }
    assert!(revisions >= 3, "{xml}");
}

#[test]
fn verify_accepts_the_docx_and_catches_an_edit_and_another_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let example = common::root().join("charters/hospital-it-vendor.toml");
    let path = dir.path().join("charter.docx");
    fs::write(&path, render(&example, "docx")).expect("write");
    charter()
        .arg("verify")
        .arg(&path)
        .arg(&example)
        .assert()
        .success();
    // The same parts with one word changed, repacked as an editor would.
    let original = fs::read(&path).expect("read");
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts(&original) {
        let bytes = if name == "word/document.xml" {
            String::from_utf8(bytes)
                .expect("UTF-8")
                .replacen("Purpose", "Porpoise", 1)
                .into_bytes()
        } else {
            bytes
        };
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(&bytes).expect("write entry");
    }
    let edited = dir.path().join("edited.docx");
    fs::write(&edited, zip.finish().expect("zip").into_inner()).expect("write");
    let out = charter()
        .arg("verify")
        .arg(&edited)
        .arg(&example)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("its text was changed after rendering"),
        "{stderr}"
    );
    assert!(stderr.contains("word/document.xml, paragraph"), "{stderr}");
    assert!(stderr.contains("Porpoise"), "{stderr}");
    let other = common::root().join("charters/sepsis-advisory-board.toml");
    let out = charter()
        .arg("verify")
        .arg(&path)
        .arg(&other)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("rendered from another input"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn batch_rendering_writes_the_same_docx_as_one_at_a_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    charter()
        .args(["render", "charters", "--format", "docx", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    for example in examples() {
        let name = example
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let batch = fs::read(dir.path().join(format!("{name}.docx"))).expect("written");
        assert_eq!(batch, render(&example, "docx"), "{name}");
    }
}

#[test]
fn a_reference_document_supplies_the_styles() {
    let dir = tempfile::tempdir().expect("temp dir");
    let example = common::root().join("charters/community-screening-partnership.toml");
    // A DOCX that charter rendered is a reference document with every style it needs; a firm would
    // change its styles in Word. Here its styles are marked so that their use shows.
    let rendered = render(&example, "docx");
    let styles = part(&rendered, "word/styles.xml").replace("1F3864", "8B0000");
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts(&rendered) {
        let bytes = if name == "word/styles.xml" {
            styles.clone().into_bytes()
        } else {
            bytes
        };
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(&bytes).expect("write");
    }
    fs::write(
        dir.path().join("reference.docx"),
        zip.finish().expect("zip").into_inner(),
    )
    .expect("write");
    let out = dir.path().join("out.docx");
    charter()
        .args(["render", "--format", "docx", "--templates"])
        .arg(dir.path())
        .arg(&example)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let written = fs::read(&out).expect("written");
    assert_eq!(part(&written, "word/styles.xml"), styles);
    assert_eq!(
        part(&written, "word/document.xml"),
        part(&rendered, "word/document.xml")
    );
}

#[test]
fn a_reference_that_is_not_word_or_lacks_a_style_is_exit_2_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let example = common::root().join("charters/community-screening-partnership.toml");
    let reference = dir.path().join("reference.docx");
    let out = dir.path().join("out.docx");
    let run = || {
        charter()
            .args(["render", "--format", "docx", "--templates"])
            .arg(dir.path())
            .arg(&example)
            .arg("-o")
            .arg(&out)
            .output()
            .expect("runs")
    };
    fs::write(&reference, "not a zip at all").expect("write");
    let result = run();
    assert_eq!(result.status.code(), Some(2));
    let stderr = stderr_of(&result);
    assert!(
        stderr.contains("reference.docx is not a Word document (.docx)"),
        "{stderr}"
    );
    assert!(!out.exists());
    // A Word file whose styles lack "heading 2".
    let rendered = render(&example, "docx");
    let styles =
        part(&rendered, "word/styles.xml").replace("w:styleId=\"Heading2\"", "w:styleId=\"Other\"");
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts(&rendered) {
        let bytes = if name == "word/styles.xml" {
            styles.clone().into_bytes()
        } else {
            bytes
        };
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(&bytes).expect("write");
    }
    fs::write(&reference, zip.finish().expect("zip").into_inner()).expect("write");
    let result = run();
    assert_eq!(result.status.code(), Some(2));
    let stderr = stderr_of(&result);
    assert!(
        stderr.contains(&format!(
            "{} has no paragraph style `Heading2` (\"heading 2\" in Word)",
            reference.display()
        )),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn a_docx_goes_to_a_pipe_but_not_to_a_terminal() {
    let example = common::root().join("charters/community-screening-partnership.toml");
    // Standard output is a pipe here: the DOCX goes through it.
    assert!(render(&example, "docx").starts_with(b"PK\x03\x04"));
    // `script` gives the command a terminal; without it (not Linux's util-linux), the unit test of the
    // rule stands alone.
    let Ok(script) = which("script") else { return };
    let command = format!(
        "{} render --format docx {}",
        env!("CARGO_BIN_EXE_charter"),
        example.display()
    );
    let out = std::process::Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .env("NO_COLOR", "1")
        .output()
        .expect("script runs");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{printed}");
    assert!(
        printed.contains("a DOCX is a binary file and standard output is a terminal"),
        "{printed}"
    );
    assert!(!printed.contains("PK"), "{printed}");
}

fn which(tool: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(tool))
                .find(|p| p.is_file())
        })
        .ok_or(())
}

/// Whether every part is well-formed XML, and the document's counts of paragraphs, tables and bookmarks.
fn well_formed_shape(docx: &[u8]) -> (usize, usize, usize) {
    for (name, bytes) in parts(docx) {
        let mut reader = Reader::from_reader(bytes.as_slice());
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed XML: {e}"),
            }
        }
    }
    let document = part(docx, "word/document.xml");
    (
        document.matches("<w:p ").count(),
        document.matches("<w:tbl>").count(),
        document.matches("<w:bookmarkStart ").count(),
    )
}

#[test]
fn hostile_text_stays_text_and_every_part_stays_well_formed() {
    use charter::pipeline::check;
    use charter::render::docx::HouseStyle;
    use charter::source::Source;
    let corpus = fs::read_to_string(common::root().join("tests/fixtures/injection/payloads.txt"))
        .expect("corpus");
    let mut payloads: Vec<String> = corpus
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.replace("\\n", "\n"))
        .collect();
    payloads.push("\u{FFFE}\u{FFFF} <w:p> ]]> &amp; \u{1} ok".to_owned());
    let path = common::root().join("charters/community-screening-partnership.toml");
    let text = fs::read_to_string(&path).expect("example");
    let render = |text: &str| {
        let source = Source::new("x.toml", text.as_bytes().to_vec());
        check(&source).0.map(|valid| {
            charter::render::docx(&valid, &source, &HouseStyle::builtin()).expect("docx")
        })
    };
    let base = well_formed_shape(&render(&text).expect("valid example"));
    let mut rendered = 0;
    for (i, (span, _)) in common::string_leaves(&text).into_iter().enumerate() {
        let payload = &payloads[i % payloads.len()];
        let quoted = toml::Value::String(payload.clone()).to_string();
        let hostile = format!("{}{}{}", &text[..span.start], quoted, &text[span.end..]);
        let Some(docx) = render(&hostile) else {
            continue;
        };
        rendered += 1;
        let (paragraphs, tables, bookmarks) = well_formed_shape(&docx);
        assert_eq!(
            (tables, bookmarks),
            (base.1, base.2),
            "field #{i} with {payload:?}"
        );
        // Prose may hold a list or a second paragraph; a plain value never adds more than that.
        assert!(paragraphs + 20 >= base.0, "field #{i} with {payload:?}");
        let document = part(&docx, "word/document.xml");
        assert!(!document.contains("<script"), "field #{i}");
    }
    assert!(rendered > 50, "{rendered}");
}

#[test]
fn help_lists_the_docx_format_and_the_reference_document() {
    let out = charter().args(["help", "render"]).output().expect("runs");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("docx: A Word document"), "{help}");
    assert!(
        help.contains("DIR/reference.docx supplies the styles"),
        "{help}"
    );
    assert!(help.contains("--format docx -o board.docx"), "{help}");
    let out = charter().args(["help", "verify"]).output().expect("runs");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Markdown, HTML or DOCX"));
}
