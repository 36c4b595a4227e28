//! The DOCX package: the XML parts that `docx-rs` builds, made deterministic and complete, in a zip
//! archive with fixed timestamps and a fixed order of entries.
//!
//! Three things the crate cannot be told are settled here, after it has built the parts: the ids of
//! tracked changes (it takes them from a counter shared by the whole process, so they would depend on
//! what the process rendered before), the header rows of tables (it has no `w:tblHeader`), and the order
//! of relationships (it lists external hyperlinks in hash-map order). The document properties, whose
//! title and custom properties it cannot set in a stable order, are written here too.

use std::io::{Cursor, Read, Write};

use docx_rs::XMLDocx;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// The first bytes of every zip archive, and so of every DOCX.
pub const ZIP_SIGNATURE: &[u8] = b"PK\x03\x04";

/// The document's properties, in `docProps/core.xml` and `docProps/custom.xml`.
#[derive(Debug, Clone)]
pub struct Properties {
    /// The title, as plain text.
    pub title: String,
    /// What the document is, as plain text (`Governance charter, version 2.1`).
    pub subject: String,
    /// Who wrote the file: the program and its version.
    pub creator: String,
    /// The date written as created and modified (from the input, never the clock), ISO 8601.
    pub date: String,
    /// Custom properties, in the order given: charter id, version, fingerprint.
    pub custom: Vec<(&'static str, String)>,
}

/// Packs the parts into a DOCX archive, with the styles of a reference document when one is given.
///
/// # Errors
/// When a part the crate built is not well-formed XML (a bug), or the archive cannot be written.
pub fn pack(
    mut xml: XMLDocx,
    properties: &Properties,
    styles: Option<&[u8]>,
) -> Result<Vec<u8>, String> {
    xml.document = settle_document(&xml.document)?;
    xml.document_rels = sorted_relationships(&xml.document_rels)?;
    xml.doc_props.core = core_properties(properties).map_err(|e| e.to_string())?;
    xml.doc_props.custom = custom_properties(&properties.custom).map_err(|e| e.to_string())?;
    xml.styles = match styles {
        Some(styles) => styles.to_vec(),
        None => default_paragraph_style(&xml.styles)?,
    };
    zip(&xml).map_err(|e| e.to_string())
}

/// Writes the parts in a fixed order, every entry dated 1980-01-01 00:00 (the zip format's first
/// date) with the same permissions, so that the archive depends on the parts alone.
fn zip(xml: &XMLDocx) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut parts: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), &xml.content_type),
        ("_rels/.rels".into(), &xml.rels),
        ("docProps/app.xml".into(), &xml.doc_props.app),
        ("docProps/core.xml".into(), &xml.doc_props.core),
        ("docProps/custom.xml".into(), &xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), &xml.document_rels),
        ("word/document.xml".into(), &xml.document),
        ("word/styles.xml".into(), &xml.styles),
        ("word/settings.xml".into(), &xml.settings),
        ("word/fontTable.xml".into(), &xml.font_table),
        ("word/comments.xml".into(), &xml.comments),
        ("word/numbering.xml".into(), &xml.numberings),
        ("word/commentsExtended.xml".into(), &xml.comments_extended),
        ("word/footnotes.xml".into(), &xml.footnotes),
    ];
    for (i, footer) in xml.footers.iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), footer));
        if let Some(rels) = xml.footer_rels.get(i).filter(|r| !r.is_empty()) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
        }
    }
    for (i, header) in xml.headers.iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), header));
        if let Some(rels) = xml.header_rels.get(i).filter(|r| !r.is_empty()) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
        }
    }
    for (name, bytes) in parts {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// One part of a DOCX (or any zip archive), by name; `None` when the bytes are not a zip archive or
/// hold no such part.
#[must_use]
pub fn part(docx: &[u8], name: &str) -> Option<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(docx)).ok()?;
    let mut file = archive.by_name(name).ok()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// The names of the parts of a zip archive, in archive order.
///
/// # Errors
/// When the bytes are not a zip archive.
pub fn part_names(docx: &[u8]) -> Result<Vec<String>, String> {
    let archive = ZipArchive::new(Cursor::new(docx)).map_err(|e| e.to_string())?;
    Ok(archive.file_names().map(str::to_owned).collect())
}

/// Where two DOCX files first differ, for `verify`: the first part that differs and, in the document
/// itself, the first paragraph whose text differs.
#[must_use]
pub fn first_difference(found: &[u8], wanted: &[u8]) -> String {
    let Ok(found_names) = part_names(found) else {
        return "the document is not a readable zip archive, so it is not a DOCX that charter wrote"
            .to_owned();
    };
    let wanted_names = part_names(wanted).unwrap_or_default();
    if found_names != wanted_names {
        return format!(
            "its parts differ: the document has {}; expected {}",
            found_names.join(", "),
            wanted_names.join(", ")
        );
    }
    let Some(name) = wanted_names
        .iter()
        .find(|name| part(found, name) != part(wanted, name))
    else {
        return "its parts are the same, but the archive around them differs (it was repacked)"
            .to_owned();
    };
    if name != "word/document.xml" {
        return format!("first difference in {name}");
    }
    let texts = |docx: &[u8]| paragraph_texts(&part(docx, name).unwrap_or_default());
    let (found, wanted) = (texts(found), texts(wanted));
    let at = (0..found.len().max(wanted.len())).find(|&i| found.get(i) != wanted.get(i));
    match at {
        Some(i) => format!(
            "first difference in {name}, paragraph {}:\n  document: {}\n  expected: {}",
            i + 1,
            found.get(i).map_or("(end of document)", String::as_str),
            wanted.get(i).map_or("(end of document)", String::as_str)
        ),
        None => format!("first difference in {name}, in its formatting rather than its text"),
    }
}

/// The text of every paragraph of a `document.xml`, in order (deleted text included).
#[must_use]
pub fn paragraph_texts(document: &[u8]) -> Vec<String> {
    let mut reader = Reader::from_reader(document);
    let mut texts = Vec::new();
    let mut current: Option<String> = None;
    let mut in_text = false;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"w:p" => current = Some(String::new()),
            Event::End(e) if e.name().as_ref() == b"w:p" => texts.extend(current.take()),
            Event::Start(e) => in_text = matches!(e.name().as_ref(), b"w:t" | b"w:delText"),
            Event::End(_) => in_text = false,
            Event::Text(t) if in_text => {
                if let (Some(text), Ok(t)) = (current.as_mut(), t.xml10_content()) {
                    text.push_str(&t);
                }
            }
            Event::GeneralRef(r) if in_text => {
                let name = String::from_utf8_lossy(&r).into_owned();
                let resolved = r
                    .resolve_char_ref()
                    .ok()
                    .flatten()
                    .map(String::from)
                    .or_else(|| {
                        quick_xml::escape::resolve_predefined_entity(&name).map(str::to_owned)
                    });
                if let (Some(text), Some(resolved)) = (current.as_mut(), resolved) {
                    text.push_str(&resolved);
                }
            }
            _ => {}
        }
    }
    texts
}

/// Gives every tracked change its id in document order (1, 2, ...) and marks the first row of every
/// table as its header row, which Word and LibreOffice repeat at the top of each page.
fn settle_document(document: &[u8]) -> Result<Vec<u8>, String> {
    let mut reader = Reader::from_reader(document);
    reader.config_mut().trim_text(false);
    let mut writer = Writer::new(Vec::with_capacity(document.len() + 1024));
    let mut revision = 0usize;
    let mut rows = HeaderRows::default();
    let error = |e: &dyn std::fmt::Display| format!("word/document.xml: {e}");
    loop {
        let out = match reader.read_event().map_err(|e| error(&e))? {
            Event::Eof => break,
            Event::Start(e) if is_revision(&e) => {
                revision += 1;
                Event::Start(with_id(&e, revision))
            }
            Event::Empty(e) if is_revision(&e) => {
                revision += 1;
                Event::Empty(with_id(&e, revision))
            }
            Event::Start(e) => match rows.start(&e, &mut writer).map_err(|e| error(&e))? {
                true => continue,
                false => Event::Start(e),
            },
            Event::Empty(e) => match rows.empty(&e, &mut writer).map_err(|e| error(&e))? {
                true => continue,
                false => Event::Empty(e),
            },
            Event::End(e) => {
                if e.name().as_ref() == b"w:tbl" {
                    rows.tables.pop();
                }
                Event::End(e)
            }
            other => other,
        };
        writer.write_event(out).map_err(|e| error(&e))?;
    }
    Ok(writer.into_inner())
}

/// Finds the first row of each table (tables may nest in cells) and gives it `w:tblHeader`.
#[derive(Default)]
struct HeaderRows {
    /// For each open table: whether its first row has been seen.
    tables: Vec<bool>,
    /// Whether the row being read is a first row that has no `w:tblHeader` yet.
    pending: bool,
}

impl HeaderRows {
    /// Handles an opening tag; `true` when it has been written already.
    fn start(&mut self, e: &BytesStart<'_>, writer: &mut Writer<Vec<u8>>) -> std::io::Result<bool> {
        match e.name().as_ref() {
            b"w:tbl" => self.tables.push(false),
            b"w:tr" => {
                if let Some(seen) = self.tables.last_mut() {
                    self.pending = !*seen;
                    *seen = true;
                }
            }
            b"w:trPr" if self.pending => {
                self.pending = false;
                writer.write_event(Event::Start(e.borrow()))?;
                writer.write_event(Event::Empty(BytesStart::new("w:tblHeader")))?;
                return Ok(true);
            }
            b"w:tc" if self.pending => {
                self.pending = false;
                write_header_row_property(writer)?;
            }
            _ => {}
        }
        Ok(false)
    }

    /// Handles an empty tag; `true` when it has been written already (or replaced).
    fn empty(&mut self, e: &BytesStart<'_>, writer: &mut Writer<Vec<u8>>) -> std::io::Result<bool> {
        match e.name().as_ref() {
            b"w:tc" if self.pending => {
                self.pending = false;
                write_header_row_property(writer)?;
                Ok(false)
            }
            b"w:trPr" if self.pending => {
                self.pending = false;
                write_header_row_property(writer)?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }
}

fn write_header_row_property(writer: &mut Writer<Vec<u8>>) -> std::io::Result<()> {
    writer.write_event(Event::Start(BytesStart::new("w:trPr")))?;
    writer.write_event(Event::Empty(BytesStart::new("w:tblHeader")))?;
    writer.write_event(Event::End(BytesEnd::new("w:trPr")))
}

fn is_revision(e: &BytesStart<'_>) -> bool {
    matches!(e.name().as_ref(), b"w:ins" | b"w:del")
}

/// The element with its `w:id` replaced.
fn with_id(e: &BytesStart<'_>, id: usize) -> BytesStart<'static> {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let mut out = BytesStart::new(name);
    let id = id.to_string();
    for attribute in e.attributes().flatten() {
        if attribute.key.as_ref() == b"w:id" {
            out.push_attribute(("w:id", id.as_str()));
        } else {
            out.push_attribute(attribute);
        }
    }
    out
}

/// The built-in styles with `Normal` marked as the default paragraph style, which the crate leaves
/// unmarked (readers such as python-docx then find no style for an unstyled paragraph).
fn default_paragraph_style(styles: &[u8]) -> Result<Vec<u8>, String> {
    let mut reader = Reader::from_reader(styles);
    let mut writer = Writer::new(Vec::with_capacity(styles.len() + 16));
    let error = |e: &dyn std::fmt::Display| format!("word/styles.xml: {e}");
    loop {
        let event = match reader.read_event().map_err(|e| error(&e))? {
            Event::Eof => break,
            Event::Start(e)
                if e.name().as_ref() == b"w:style"
                    && e.try_get_attribute("w:styleId")
                        .ok()
                        .flatten()
                        .is_some_and(|a| a.value.as_ref() == b"Normal") =>
            {
                let mut normal = e.into_owned();
                normal.push_attribute(("w:default", "1"));
                Event::Start(normal)
            }
            other => other,
        };
        writer.write_event(event).map_err(|e| error(&e))?;
    }
    Ok(writer.into_inner())
}

/// The relationships of the document sorted by id, whatever order the crate listed them in.
fn sorted_relationships(rels: &[u8]) -> Result<Vec<u8>, String> {
    let mut reader = Reader::from_reader(rels);
    let mut writer = Writer::new(Vec::with_capacity(rels.len()));
    let mut relationships: Vec<(Vec<u8>, BytesStart<'static>)> = Vec::new();
    let error = |e: &dyn std::fmt::Display| format!("word/_rels/document.xml.rels: {e}");
    loop {
        match reader.read_event().map_err(|e| error(&e))? {
            Event::Eof => break,
            Event::Empty(e) if e.name().as_ref() == b"Relationship" => {
                let id = e
                    .try_get_attribute("Id")
                    .ok()
                    .flatten()
                    .map(|a| a.value.into_owned())
                    .unwrap_or_default();
                relationships.push((id, e.into_owned()));
            }
            Event::End(e) if e.name().as_ref() == b"Relationships" => {
                relationships.sort_by(|a, b| a.0.cmp(&b.0));
                for (_, relationship) in relationships.drain(..) {
                    writer
                        .write_event(Event::Empty(relationship))
                        .map_err(|e| error(&e))?;
                }
                writer.write_event(Event::End(e)).map_err(|e| error(&e))?;
            }
            other => writer.write_event(other).map_err(|e| error(&e))?,
        }
    }
    Ok(writer.into_inner())
}

/// `docProps/core.xml`: title, subject, creator and dates.
fn core_properties(p: &Properties) -> std::io::Result<Vec<u8>> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))?;
    let root = BytesStart::new("cp:coreProperties").with_attributes([
        (
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        ),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ("xmlns:dcterms", "http://purl.org/dc/terms/"),
        ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ]);
    w.write_event(Event::Start(root))?;
    element(&mut w, "dc:title", &[], &p.title)?;
    element(&mut w, "dc:subject", &[], &p.subject)?;
    element(&mut w, "dc:creator", &[], &p.creator)?;
    element(&mut w, "cp:lastModifiedBy", &[], &p.creator)?;
    element(&mut w, "cp:revision", &[], "1")?;
    let w3cdtf = [("xsi:type", "dcterms:W3CDTF")];
    element(&mut w, "dcterms:created", &w3cdtf, &p.date)?;
    element(&mut w, "dcterms:modified", &w3cdtf, &p.date)?;
    w.write_event(Event::End(BytesEnd::new("cp:coreProperties")))?;
    Ok(w.into_inner())
}

/// `docProps/custom.xml`: the custom properties as text, in the order given.
fn custom_properties(properties: &[(&'static str, String)]) -> std::io::Result<Vec<u8>> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))?;
    let root = BytesStart::new("Properties").with_attributes([
        (
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
        ),
        (
            "xmlns:vt",
            "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
        ),
    ]);
    w.write_event(Event::Start(root))?;
    for (i, (name, value)) in properties.iter().enumerate() {
        // Property ids start at 2 (the specification reserves 0 and 1).
        let pid = (i + 2).to_string();
        let property = BytesStart::new("property").with_attributes([
            ("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"),
            ("pid", pid.as_str()),
            ("name", name),
        ]);
        w.write_event(Event::Start(property))?;
        element(&mut w, "vt:lpwstr", &[], value)?;
        w.write_event(Event::End(BytesEnd::new("property")))?;
    }
    w.write_event(Event::End(BytesEnd::new("Properties")))?;
    Ok(w.into_inner())
}

fn element(
    w: &mut Writer<Vec<u8>>,
    name: &str,
    attributes: &[(&str, &str)],
    text: &str,
) -> std::io::Result<()> {
    let start = BytesStart::new(name).with_attributes(attributes.iter().copied());
    w.write_event(Event::Start(start))?;
    w.write_event(Event::Text(BytesText::new(text)))?;
    w.write_event(Event::End(BytesEnd::new(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_are_numbered_in_document_order_and_first_rows_become_headers() {
        let doc = br#"<w:document><w:body><w:p><w:ins w:id="907" w:author="a"><w:r/></w:ins><w:del w:id="3" w:author="a"><w:r/></w:del></w:p><w:tbl><w:tr><w:trPr /><w:tc/></w:tr><w:tr><w:trPr /><w:tc/></w:tr></w:tbl><w:tbl><w:tr><w:tc/></w:tr></w:tbl></w:body></w:document>"#;
        let out = String::from_utf8(settle_document(doc).unwrap()).unwrap();
        assert!(out.contains(r#"<w:ins w:id="1" w:author="a">"#), "{out}");
        assert!(out.contains(r#"<w:del w:id="2" w:author="a">"#), "{out}");
        assert_eq!(out.matches("<w:tblHeader/>").count(), 2, "{out}");
        assert!(
            out.contains(
                "<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:trPr /><w:tc/>"
            ),
            "{out}"
        );
    }

    #[test]
    fn relationships_are_sorted_by_id() {
        let rels = br#"<Relationships><Relationship Id="rIdLink00002" Target="b"/><Relationship Id="rId1" Target="s"/><Relationship Id="rIdLink00001" Target="a"/></Relationships>"#;
        let out = String::from_utf8(sorted_relationships(rels).unwrap()).unwrap();
        let order: Vec<usize> = ["rId1", "rIdLink00001", "rIdLink00002"]
            .iter()
            .map(|id| out.find(&format!("\"{id}\"")).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
    }
}
