//! typst's view of one charter: the markup as its only source file, the input TOML as the one other file
//! (attached to the PDF), the fonts typst ships (parsed once per process), and the charter's effective
//! date as "today", so that nothing depends on the machine or the clock.

use std::fmt::Write as _;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use super::PREAMBLE;
use super::markup::string;
use crate::error::Error;
use crate::render::document::{Block, Document};
use crate::render::docx::inline::plain;

/// The fonts typst ships, parsed once.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// A file attached to the PDF: the TOML it was rendered from.
#[derive(Debug, Clone)]
pub struct Attachment<'a> {
    /// Its name in the PDF.
    pub name: String,
    /// What it is, as a reader lists it.
    pub description: String,
    /// Its bytes.
    pub bytes: &'a [u8],
}

impl<'a> Attachment<'a> {
    /// The source of a charter, named after its id so that the name is the same wherever the file was
    /// read from.
    #[must_use]
    pub fn source(id: &str, what: &str, bytes: &'a [u8]) -> Self {
        Attachment {
            name: Self::file_name(id),
            description: format!("{what} (SHA-256 {})", crate::render::fingerprint(bytes)),
            bytes,
        }
    }

    /// `ID.toml`, of the characters of the id a file name can always hold; `charter.toml` without any.
    #[must_use]
    pub fn file_name(id: &str) -> String {
        let stem: String = id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect();
        let stem = stem.trim_start_matches('.');
        if stem.is_empty() {
            "charter.toml".to_owned()
        } else {
            format!("{stem}.toml")
        }
    }
}

/// What the PDF says of itself: its properties, the words of its footer and banner, its date.
#[derive(Debug, Clone)]
pub struct Metadata {
    /// The title as plain text.
    pub title: String,
    /// The partners, as the signature page names them: the document's authors.
    pub authors: Vec<String>,
    /// What the document is, with its fingerprint: the PDF's subject.
    pub subject: String,
    /// Keywords: the charter id, the version, the fingerprint.
    pub keywords: Vec<String>,
    /// A stable identity of the document across its versions (the charter id).
    pub ident: String,
    /// The words at the left of every footer.
    pub footer: String,
    /// "DRAFT" and the like, on every page.
    pub banner: Option<&'static str>,
    /// The program and version.
    pub generator: String,
    /// The document's date (year, month, day): the charter's effective date.
    pub date: (i32, u8, u8),
}

impl Metadata {
    /// The metadata of a rendered charter.
    #[must_use]
    pub fn of(doc: &Document) -> Self {
        let detail = |label: &str| {
            doc.details
                .iter()
                .find(|d| d.label == label)
                .map(|d| plain(&doc.resolve(d.value.as_str())))
                .unwrap_or_default()
        };
        let authors = doc
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Signature(s) => Some(plain(&doc.resolve(s.partner.as_str()))),
                _ => None,
            })
            .collect();
        let id = detail("Charter");
        let version = detail("Version");
        Metadata {
            title: doc.title_text.clone(),
            authors,
            subject: format!(
                "{} {id}, version {version}, rendered from an input with SHA-256 {}",
                doc.kind.label(),
                doc.fingerprint
            ),
            keywords: vec![
                format!("charter:{id}"),
                format!("version:{version}"),
                format!("SHA-256 {}", doc.fingerprint),
            ],
            footer: format!("{id} \u{b7} SHA-256 {}", doc.fingerprint),
            ident: format!("charter:{id}"),
            banner: doc.banner,
            generator: doc.generator.clone(),
            date: iso_date(&doc.effective_date),
        }
    }

    /// The markup before the document: `meta` for the preamble, the document's properties, the attached
    /// files, then the preamble itself.
    #[must_use]
    pub fn preamble(&self, attachments: &[Attachment<'_>]) -> String {
        let mut out = String::with_capacity(PREAMBLE.len() + 1024);
        let banner = self.banner.map_or_else(|| "none".to_owned(), string);
        let _ = writeln!(
            out,
            "#let meta = (footer: {}, banner: {banner})",
            string(&self.footer),
        );
        let list = |values: &[String]| -> String {
            values.iter().map(|v| format!("{},", string(v))).collect()
        };
        let (year, month, day) = self.date;
        let _ = writeln!(
            out,
            "#set document(title: {}, author: ({}), description: {}, keywords: ({}), date: datetime(year: {year}, month: {month}, day: {day}))",
            string(&self.title),
            list(&self.authors),
            string(&self.subject),
            list(&self.keywords),
        );
        for a in attachments {
            let _ = writeln!(
                out,
                "#pdf.attach({}, relationship: \"source\", mime-type: \"application/toml\", description: {})",
                string(&a.name),
                string(&a.description),
            );
        }
        out.push_str(PREAMBLE);
        out.push('\n');
        out
    }
}

/// Year, month and day of an ISO date (2026-03-01); the first of January 1970 for anything else, which a
/// valid charter never has.
pub fn iso_date(date: &str) -> (i32, u8, u8) {
    let mut parts = date.splitn(3, '-').map(str::parse::<i64>);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) => (
            i32::try_from(y).unwrap_or(1970),
            u8::try_from(m).unwrap_or(1),
            u8::try_from(d).unwrap_or(1),
        ),
        _ => (1970, 1, 1),
    }
}

/// One charter as typst sees it.
struct Charter {
    main: Source,
    files: Vec<(FileId, Bytes)>,
    today: Option<Datetime>,
}

fn file_id(path: &str) -> Result<FileId, Error> {
    let vpath = VirtualPath::new(path).map_err(|e| Error::Pdf {
        message: format!("cannot name {path} in the PDF: {e}"),
    })?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl World for Charter {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.files
            .iter()
            .find(|(file, _)| *file == id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// Typesets markup (which starts with the metadata's [`Metadata::preamble`] of the same attachments)
/// into a PDF/A-3b, tagged, with the attachments.
///
/// # Errors
/// When typst reports an error: the markup is the program's own, so this is a character no font has or a
/// bug, and the message says which.
pub fn typeset(
    markup: &str,
    meta: &Metadata,
    attachments: &[Attachment<'_>],
) -> Result<Vec<u8>, Error> {
    let (year, month, day) = meta.date;
    let files = attachments
        .iter()
        .map(|a| {
            Ok((
                file_id(&format!("/{}", a.name))?,
                Bytes::new(a.bytes.to_vec()),
            ))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let world = Charter {
        main: Source::new(file_id("/charter.typ")?, markup.to_owned()),
        files,
        today: Datetime::from_ymd(year, month, day),
    };
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| pdf_error(&errors))?;
    let options = PdfOptions {
        ident: Smart::Custom(meta.ident.clone()),
        creator: Smart::Custom(Some(meta.generator.clone())),
        timestamp: None,
        page_ranges: None,
        standards: PdfStandards::new(&[PdfStandard::A_3b]).map_err(|e| Error::Pdf {
            message: e.message().to_string(),
        })?,
        tagged: true,
        pretty: false,
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| pdf_error(&errors))
}

/// typst's errors as one message: each error once, with its hints. The markup they point at is the
/// program's own, so it is not shown; a character no font has is the one error an input can cause, and
/// the message says what to do about it.
fn pdf_error(errors: &[SourceDiagnostic]) -> Error {
    let mut seen = Vec::new();
    for error in errors {
        let mut text = error.message.to_string();
        for hint in &error.hints {
            let _ = write!(text, " (hint: {})", hint.v);
        }
        if !seen.contains(&text) {
            seen.push(text);
        }
    }
    let mut message = seen.join("; ");
    if message.contains("could not be displayed") {
        message.push_str(
            "; the PDF embeds only the fonts typst ships (Libertinus Serif, New Computer Modern, DejaVu Sans Mono), which lack this character: render it as md, html or docx instead",
        );
    }
    Error::Pdf { message }
}
