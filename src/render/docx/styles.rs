//! The styles of the DOCX charter: the built-in ones, or a firm's own from a `reference.docx` (as pandoc's
//! `--reference-doc`), whose `word/styles.xml` is used as it is once it is known to have every style the
//! writer uses.

use std::path::{Path, PathBuf};

use docx_rs::{LineSpacing, RunFonts, Style, StyleType, Styles};
use quick_xml::Reader;
use quick_xml::events::Event;

use super::package::{ZIP_SIGNATURE, part};
use crate::error::Error;

/// The file in a `--templates` directory whose styles a DOCX charter uses.
pub const REFERENCE_NAME: &str = "reference.docx";

/// A style the writer uses: its id in `styles.xml`, its name in Word, and its type.
#[derive(Debug, Clone, Copy)]
pub struct Needed {
    /// The `w:styleId`.
    pub id: &'static str,
    /// The name Word shows.
    pub name: &'static str,
    /// `paragraph` or `character`.
    pub kind: &'static str,
}

/// Every style the document refers to. Everything else is direct formatting, so a reference document
/// needs only these (pandoc's default reference document has them all).
pub const NEEDED: &[Needed] = &[
    Needed {
        id: "Normal",
        name: "Normal",
        kind: "paragraph",
    },
    Needed {
        id: "Title",
        name: "Title",
        kind: "paragraph",
    },
    Needed {
        id: "Heading1",
        name: "heading 1",
        kind: "paragraph",
    },
    Needed {
        id: "Heading2",
        name: "heading 2",
        kind: "paragraph",
    },
    Needed {
        id: HYPERLINK,
        name: "Hyperlink",
        kind: "character",
    },
];

/// The id of the hyperlink character style.
pub const HYPERLINK: &str = super::inline::HYPERLINK_STYLE;

/// The styles a document is written with.
#[derive(Debug, Clone, Default)]
pub struct HouseStyle {
    /// The `word/styles.xml` of a reference document; `None` for the built-in styles.
    styles_xml: Option<Vec<u8>>,
    /// Where it came from.
    path: Option<PathBuf>,
}

impl HouseStyle {
    /// The built-in styles.
    #[must_use]
    pub fn builtin() -> Self {
        HouseStyle::default()
    }

    /// The styles of a reference document, checked for every style the writer uses.
    ///
    /// # Errors
    /// When the file cannot be read, is not a Word document, or lacks a style the writer needs; the error
    /// names the file and the style.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let not_word = |reason: &str| Error::NotWord {
            path: path.to_path_buf(),
            reason: reason.to_owned(),
        };
        if !bytes.starts_with(ZIP_SIGNATURE) {
            return Err(not_word("it is not a zip archive, as every .docx is"));
        }
        if part(&bytes, "word/document.xml").is_none() {
            return Err(not_word("it has no word/document.xml"));
        }
        let styles = part(&bytes, "word/styles.xml")
            .ok_or_else(|| not_word("it has no word/styles.xml, so it has no styles to use"))?;
        let defined = style_ids(&styles)
            .map_err(|e| not_word(&format!("its word/styles.xml cannot be read: {e}")))?;
        for needed in NEEDED {
            if !defined
                .iter()
                .any(|(kind, id)| kind == needed.kind && id == needed.id)
            {
                return Err(Error::MissingStyle {
                    path: path.to_path_buf(),
                    id: needed.id,
                    name: needed.name,
                    kind: needed.kind,
                });
            }
        }
        Ok(HouseStyle {
            styles_xml: Some(styles),
            path: Some(path.to_path_buf()),
        })
    }

    /// The reference document's `styles.xml`, or `None` for the built-in styles.
    #[must_use]
    pub fn styles_xml(&self) -> Option<&[u8]> {
        self.styles_xml.as_deref()
    }

    /// The reference document the styles come from, if any.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

/// The `(type, id)` of every style defined in a `styles.xml`.
fn style_ids(styles: &[u8]) -> Result<Vec<(String, String)>, quick_xml::Error> {
    let mut reader = Reader::from_reader(styles);
    let mut ids = Vec::new();
    loop {
        match reader.read_event()? {
            Event::Eof => return Ok(ids),
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"style" => {
                let mut kind = String::from("paragraph");
                let mut id = String::new();
                for a in e.attributes().flatten() {
                    let value = String::from_utf8_lossy(&a.value).into_owned();
                    match a.key.local_name().as_ref() {
                        b"type" => kind = value,
                        b"styleId" => id = value,
                        _ => {}
                    }
                }
                ids.push((kind, id));
            }
            _ => {}
        }
    }
}

/// The built-in styles: a sober serif body, bold headings with outline levels (for Word's navigation
/// pane and table of contents), and blue underlined hyperlinks.
#[must_use]
pub fn builtin() -> Styles {
    let body_font = RunFonts::new()
        .ascii("Cambria")
        .hi_ansi("Cambria")
        .cs("Cambria")
        .east_asia("Cambria");
    let heading = |id: &str, name: &str, level: usize, size: usize, before: u32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .ui_priority(9)
            .bold()
            .size(size)
            .color("1F3864")
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(before).after(120))
    };
    Styles::new()
        .default_size(21)
        .default_fonts(body_font)
        .default_line_spacing(LineSpacing::new().after(120).line(264))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .ui_priority(10)
                .bold()
                .size(36)
                .color("1F3864")
                .line_spacing(LineSpacing::new().after(240)),
        )
        .add_style(heading("Heading1", "heading 1", 0, 28, 360))
        .add_style(heading("Heading2", "heading 2", 1, 23, 240))
        .add_style(
            Style::new(HYPERLINK, StyleType::Character)
                .name("Hyperlink")
                .ui_priority(99)
                .unhide_when_used()
                .color("0563C1")
                .underline("single"),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_ids_are_read_with_their_types() {
        let xml = br#"<w:styles><w:style w:type="paragraph" w:styleId="Heading1"/><w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/></w:style></w:styles>"#;
        assert_eq!(
            style_ids(xml).unwrap(),
            [
                ("paragraph".to_owned(), "Heading1".to_owned()),
                ("character".to_owned(), "Hyperlink".to_owned())
            ]
        );
    }
}
