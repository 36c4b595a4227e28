//! Approvals bound to a version: who approved exactly which input, signed with their own SSH key.
//!
//! An approval names a partner, the person who approved for it and their role (the partner's signatory),
//! a date, the charter's id and the SHA-256 of the input approved. Its SSH signature (the SSHSIG format of
//! `ssh-keygen -Y sign`, namespace `charter`) covers a canonical message of exactly those fields
//! ([`message`]), so that changing any of them in the file breaks the signature, and an approval copied
//! from another charter names that charter. Approvals live in a TOML file beside the charter
//! ([`path_for`]), one `[[approval]]` per approval, appended to and never rewritten.
//!
//! [`file`] reads that file and writes an entry, [`signing`] makes and checks signatures, [`signers`] reads
//! an `allowed_signers` file as git does, and [`status`] says of each partner that signs whether it approved
//! this version. [`load`] finds and reads the files the same way for every command. Imports the model,
//! the key parser of validation, the document's approval record from rendering, the reader of inputs and
//! the error type; the commands write the file, atomically.

pub mod file;
pub mod signers;
pub mod signing;
pub mod status;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::cli::ApprovalFiles;
use crate::error::Error;
use crate::input::read_source;
use crate::model::{Charter, Date, Partner};
use crate::render::document::ApprovalRecord;
use signers::AllowedSigners;
use status::Report;

/// The signature namespace of every approval: `ssh-keygen -Y sign -n charter` makes the same signatures.
pub const NAMESPACE: &str = "charter";

/// The first line of the signed message, naming its format.
pub const MESSAGE_HEADER: &str = "charter approval v1";

/// One approval, as recorded in the approvals file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    /// The id of the partner that approved.
    pub partner: String,
    /// Who approved for it: its signatory's name when the approval was made.
    pub person: String,
    /// Their role: the signatory's title.
    pub role: String,
    /// When.
    pub date: Date,
    /// The id of the charter approved (`[charter] id`).
    pub charter: String,
    /// The SHA-256 of the exact input approved, in lowercase hex.
    pub sha256: String,
    /// The SSH signature over [`message`], PEM-armoured (`-----BEGIN SSH SIGNATURE-----`).
    pub signature: String,
    /// The line of the entry in the approvals file, from 1; 0 for an approval not yet written.
    pub line: usize,
}

/// The message an approval's signature covers: its format, then the charter, the fingerprint, the partner,
/// the person, the role and the date, one per line, each text quoted and escaped as in JSON so that no
/// value can reach into the next line.
///
/// ```text
/// charter approval v1
/// charter: "sepsis-advisory-board"
/// sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
/// partner: "vitalis"
/// person: "Dr. Jane Smith"
/// role: "Chief Medical Officer"
/// date: 2026-02-10
/// ```
#[must_use]
pub fn message(approval: &Approval) -> String {
    format!(
        "{MESSAGE_HEADER}\ncharter: {}\nsha256: {}\npartner: {}\nperson: {}\nrole: {}\ndate: {}\n",
        quoted(&approval.charter),
        quoted(&approval.sha256),
        quoted(&approval.partner),
        quoted(&approval.person),
        quoted(&approval.role),
        approval.date
    )
}

/// A text in double quotes with `"`, `\` and control characters escaped: a JSON string, which is also a
/// TOML basic string.
#[must_use]
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serializes")
}

/// Where a charter's approvals are kept: `--approvals PATH` when given, else `FILE.approvals.toml` beside
/// the charter (`board.toml` → `board.toml.approvals.toml`). Standard input has no such file.
#[must_use]
pub fn path_for(charter: &Path, given: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = given {
        return Some(path.to_path_buf());
    }
    if charter == Path::new("-") {
        return None;
    }
    let mut name = OsString::from(charter.as_os_str());
    name.push(".approvals.toml");
    Some(PathBuf::from(name))
}

/// Whether a partner must approve: every partner that signs the charter, that is every partner that has
/// not withdrawn and has a signatory (a withdrawn partner has no signature block, and a partner of a
/// standing document adopted by a body may have no signatory).
#[must_use]
pub fn is_required(partner: &Partner) -> bool {
    partner.withdrawn.is_none() && partner.signatory.is_some()
}

/// A charter's approvals file, found and read.
#[derive(Debug)]
pub struct Loaded {
    /// Where it is (or would be, when it does not exist yet).
    pub path: PathBuf,
    /// Its name for messages.
    pub name: String,
    /// Its text; empty when it does not exist.
    pub text: String,
    /// Its approvals, in file order.
    pub approvals: Vec<Approval>,
}

/// Finds and reads the approvals of `charter`, read from `charter_path`: `None` for standard input without
/// `--approvals`. The file beside the charter need not exist (a charter nobody approved yet has none); one
/// given with `--approvals` must, unless `may_be_new` (for `approve`, which creates it).
///
/// # Errors
/// When the file cannot be read, does not parse, or names a partner the charter does not have.
pub fn load(
    charter_path: &Path,
    files: &ApprovalFiles,
    charter: &Charter,
    may_be_new: bool,
) -> Result<Option<Loaded>, Error> {
    let Some(path) = path_for(charter_path, files.approvals.as_deref()) else {
        return Ok(None);
    };
    let name = path.display().to_string();
    if (files.approvals.is_none() || may_be_new) && path.symlink_metadata().is_err() {
        return Ok(Some(Loaded {
            path,
            name,
            text: String::new(),
            approvals: Vec::new(),
        }));
    }
    let source = read_source(&path)?;
    let approvals = file::parse(&name, &source.text, charter)?;
    Ok(Some(Loaded {
        path,
        name,
        text: source.text,
        approvals,
    }))
}

/// The allowed signers of `--allowed-signers`, or none.
///
/// # Errors
/// When the file cannot be read or a line of it has no readable key.
pub fn signers(files: &ApprovalFiles) -> Result<AllowedSigners, Error> {
    match &files.allowed_signers {
        Some(path) => {
            let source = read_source(path)?;
            AllowedSigners::parse(&path.display().to_string(), &source.text)
        }
        None => Ok(AllowedSigners::default()),
    }
}

/// The approval record for the rendered document of `charter` (read from `charter_path`, with the
/// SHA-256 `fingerprint`), and a line saying where its partners stand; `None` when it has no approvals.
///
/// # Errors
/// When the approvals file or the allowed signers cannot be read.
pub fn record(
    charter_path: &Path,
    files: &ApprovalFiles,
    charter: &Charter,
    fingerprint: &str,
) -> Result<Option<(ApprovalRecord, String)>, Error> {
    let Some(loaded) = load(charter_path, files, charter, false)? else {
        return Ok(None);
    };
    if loaded.approvals.is_empty() {
        return Ok(None);
    }
    let signers = signers(files)?;
    let report = Report::check(charter, fingerprint, loaded.approvals, &signers);
    let summary = format!("approval record from {}: {}", loaded.name, report.summary());
    Ok(Some((report.record(), summary)))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn approval() -> Approval {
        Approval {
            partner: "vitalis".into(),
            person: "Dr. Jane Smith".into(),
            role: "Chief Medical Officer".into(),
            date: Date {
                year: 2026,
                month: 2,
                day: 10,
            },
            charter: "sepsis-advisory-board".into(),
            sha256: "ab".repeat(32),
            signature: String::new(),
            line: 0,
        }
    }

    #[test]
    fn the_message_lists_every_bound_field_one_per_line() {
        let text = message(&approval());
        assert_eq!(
            text,
            format!(
                "charter approval v1\ncharter: \"sepsis-advisory-board\"\nsha256: \"{}\"\npartner: \"vitalis\"\nperson: \"Dr. Jane Smith\"\nrole: \"Chief Medical Officer\"\ndate: 2026-02-10\n",
                "ab".repeat(32)
            )
        );
    }

    #[test]
    fn a_value_cannot_forge_the_next_line_of_the_message() {
        // A name that smuggles a role line in must not give the same message as the honest pair.
        let mut forged = approval();
        forged.person = "X\nrole: \"Y\"".into();
        forged.role = "Z".into();
        let mut honest = approval();
        honest.person = "X".into();
        honest.role = "Y\"\nrole: \"Z".into();
        assert_ne!(message(&forged), message(&honest));
        assert_eq!(message(&forged).lines().count(), 7);
    }

    #[test]
    fn the_approvals_file_sits_beside_the_charter_unless_given() {
        assert_eq!(
            path_for(Path::new("dir/board.toml"), None),
            Some(PathBuf::from("dir/board.toml.approvals.toml"))
        );
        assert_eq!(
            path_for(Path::new("board.toml"), Some(Path::new("a.toml"))),
            Some(PathBuf::from("a.toml"))
        );
        assert_eq!(path_for(Path::new("-"), None), None);
    }
}
