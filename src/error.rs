//! Errors that stop `charter` from doing its job at all (exit code 2), as opposed to problems in a
//! charter, which are diagnostics (exit code 1).
//!
//! Imports only the rule catalogue, for the closest rule to an unknown code.

use std::io;
use std::path::PathBuf;

/// The tool could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The path as given.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// An input is larger than the limit.
    #[error(
        "{path} is larger than the input limit of {limit} bytes; pass --max-input-size to raise it"
    )]
    TooLarge {
        /// The path as given.
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// An output could not be written.
    #[error("cannot write {path}")]
    Write {
        /// The path as given.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The output file exists and `--force` was not given.
    #[error("{path} already exists; pass --force to replace it")]
    OutputExists {
        /// The path as given.
        path: PathBuf,
    },
    /// With `--force`, the output path is something other than a regular file, which is never replaced.
    #[error("{path} is {what}; --force replaces only a regular file, so {hint}")]
    NotARegularFile {
        /// The path as given.
        path: PathBuf,
        /// What it is: "a symbolic link to …", "a directory", "a device", "a FIFO".
        what: String,
        /// What to do instead.
        hint: String,
    },
    /// `charter new` was asked to write over an existing file, which it never does.
    #[error("{path} already exists; `charter new` never replaces a file, so choose another path")]
    StarterExists {
        /// The path as given.
        path: PathBuf,
    },
    /// The output would overwrite the input.
    #[error("the output {path} is the input file; choose another output path")]
    OutputIsInput {
        /// The path as given.
        path: PathBuf,
    },
    /// `charter rename-id` cannot rename as asked; the file is untouched.
    #[error("{0}")]
    Rename(String),
    /// `charter migrate` cannot migrate the file; nothing was written.
    #[error("cannot migrate {name}: {reason}")]
    Migrate {
        /// The input's name as shown.
        name: String,
        /// Why, and what to do instead.
        reason: String,
    },
    /// The arguments make no sense together.
    #[error("{0}")]
    Usage(String),
    /// `charter explain` or `--allow` was given a code or name that no rule has.
    #[error("no rule has the code or name `{code}`{}", suggestion.as_ref().map(|s| format!("; did you mean {s}?")).unwrap_or_default())]
    UnknownRule {
        /// What was asked for.
        code: String,
        /// The closest rule, if one is close.
        suggestion: Option<String>,
    },
    /// `--allow` named an error, which cannot be silenced.
    #[error("{code} ({name}) is an error; only warnings can be silenced with --allow")]
    CannotAllowError {
        /// The rule's code.
        code: &'static str,
        /// The rule's name.
        name: &'static str,
    },
    /// `SOURCE_DATE_EPOCH` is set but is not a time this program can use.
    #[error(
        "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01T00:00:00Z, not `{value}`"
    )]
    SourceDateEpoch {
        /// The value found.
        value: String,
    },
    /// An approvals file or an allowed-signers file that cannot be used as it stands: it does not parse,
    /// or names a partner the charter does not have.
    #[error("{location}: {message}")]
    Approvals {
        /// `file:line:column`.
        location: String,
        /// What is wrong, and what to write instead.
        message: String,
    },
    /// A key to sign an approval with that cannot be used: missing, unreadable, protected by a passphrase
    /// that was not given, of a kind that is not supported, or not the partner's signatory's.
    #[error("cannot sign with {path}: {reason}")]
    Key {
        /// The key file as given.
        path: PathBuf,
        /// Why, and what to do instead.
        reason: String,
    },
    /// `--partner` names no partner of the charter.
    #[error("--partner {id}: {charter} has no partner with this id{}; its partners are {known}", suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default())]
    UnknownPartner {
        /// The id given.
        id: String,
        /// The charter's name.
        charter: String,
        /// The closest id, if one is close.
        suggestion: Option<String>,
        /// Every partner id, comma-separated.
        known: String,
    },
    /// A `reference.docx` that is not a Word document.
    #[error("{path} is not a Word document (.docx): {reason}")]
    NotWord {
        /// The reference document.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// A `reference.docx` without a style the DOCX writer uses.
    #[error(
        "{path} has no {kind} style `{id}` (\"{name}\" in Word), which the DOCX charter uses; apply that style somewhere in the document and save it, or start from a DOCX that charter renders"
    )]
    MissingStyle {
        /// The reference document.
        path: PathBuf,
        /// The style's id in `styles.xml`.
        id: &'static str,
        /// The style's name in Word.
        name: &'static str,
        /// `paragraph` or `character`.
        kind: &'static str,
    },
    /// The DOCX package could not be assembled (a bug: the parts are built by this program).
    #[error("cannot assemble the DOCX: {message}")]
    Docx {
        /// What went wrong.
        message: String,
    },
    /// typst could not typeset the PDF.
    #[error("cannot typeset the PDF: {message}")]
    Pdf {
        /// What typst said.
        message: String,
    },
    /// This build of charter has no PDF typesetter (the cargo feature `pdf` was off).
    #[error(
        "this charter was built without PDF support; build it with `cargo build --release --features pdf` (or `cargo install --path . --features pdf`)"
    )]
    NoPdf,
    /// A template failed to compile or to render.
    #[error("template error{}: {message}{}", in_location(.location.as_deref()), on_new_line(.excerpt))]
    Template {
        /// `file:line:column`, when known.
        location: Option<String>,
        /// What is wrong.
        message: String,
        /// The template engine's excerpt of the offending line, with the offending text underlined.
        excerpt: String,
    },
}

fn in_location(location: Option<&str>) -> String {
    location.map(|l| format!(" in {l}")).unwrap_or_default()
}

fn on_new_line(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("\n{text}")
    }
}

impl Error {
    /// The error for a rule code or name that matches no rule, with a suggestion when one is close.
    #[must_use]
    pub fn unknown_rule(code: &str) -> Self {
        Error::UnknownRule {
            code: code.to_owned(),
            suggestion: crate::rules::suggest(code).map(|r| format!("{} ({})", r.code, r.name)),
        }
    }
}
