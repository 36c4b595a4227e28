//! A charter's source: its name, its bytes as read (for the fingerprint) and its text (for messages), with
//! the byte-offset arithmetic that locates a diagnostic in it. Imports nothing of ours: [`crate::load`]
//! and [`crate::diagnostic`] both stand on it.

/// A charter's source text and its name for messages.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in diagnostics: the path as given, or `<stdin>`.
    pub name: String,
    /// The text, with any byte-order mark removed; invalid UTF-8 replaced so that it can be shown.
    pub text: String,
    /// The raw bytes as read, for the fingerprint.
    pub bytes: Vec<u8>,
}

impl Source {
    /// Wraps bytes read from `name`.
    #[must_use]
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let text = String::from_utf8_lossy(body).into_owned();
        Source {
            name: name.into(),
            text,
            bytes,
        }
    }

    /// The byte offset in the file as read of a byte offset in [`Source::text`]: they differ by the
    /// byte-order mark, when there is one.
    #[must_use]
    pub fn file_offset(&self, text_offset: usize) -> usize {
        let bom = if self.bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        text_offset + bom
    }
}

/// 1-based line and column (in characters) of a byte offset.
#[must_use]
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The largest character boundary at or before `offset`.
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
