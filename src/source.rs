//! A charter's source: its name, its bytes as read (for the fingerprint) and its text (for messages), with
//! the byte-offset arithmetic that locates a diagnostic in it. Imports nothing of ours: [`crate::load`]
//! and [`crate::diagnostic`] both stand on it. It also gives the SHA-256 fingerprint of bytes as read.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// A charter's source text and its name for messages.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in diagnostics: the path as given, or `<stdin>`.
    pub name: String,
    /// The text, with any byte-order mark removed; invalid UTF-8 replaced so that it can be shown.
    pub text: String,
    /// The raw bytes as read, for the fingerprint.
    pub bytes: Vec<u8>,
    /// The directory the files a charter names (its rosters) are read from, when it is not the
    /// directory of `name` (see [`Source::dir`]).
    pub dir: Option<PathBuf>,
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
            dir: None,
        }
    }

    /// The same source, with the files it names read from `dir`: for a source whose name is not its
    /// path.
    #[must_use]
    pub fn with_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }

    /// The directory the files a charter names are read from: the one given by [`Source::with_dir`],
    /// else the directory of the file the charter was read from, else (standard input, or a bare file
    /// name) the working directory.
    #[must_use]
    pub fn dir(&self) -> PathBuf {
        if let Some(dir) = &self.dir {
            return dir.clone();
        }
        if self.name == "<stdin>" || self.name == "-" {
            return PathBuf::from(".");
        }
        match Path::new(&self.name).parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
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

/// The SHA-256 of bytes as read (a charter, a roster), in lowercase hex: the fingerprint a document
/// gives of its input.
#[must_use]
pub fn fingerprint(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_a_charter_names_are_read_beside_it() {
        let dir = |name: &str| Source::new(name, Vec::new()).dir();
        assert_eq!(dir("charters/board.toml"), PathBuf::from("charters"));
        assert_eq!(dir("board.toml"), PathBuf::from("."));
        assert_eq!(dir("<stdin>"), PathBuf::from("."));
        let given = Source::new("valid/board.toml", Vec::new()).with_dir("tests/fixtures/valid");
        assert_eq!(given.dir(), PathBuf::from("tests/fixtures/valid"));
    }
}
