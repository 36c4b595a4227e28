//! Command-line arguments. The doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Turn a TOML description of a multi-party partnership into a governance charter.
///
/// Write the partnership down once in TOML (partners, governance bodies, decisions, data use, IP,
/// publication, conflicts of interest, phases and obligations), check it, and render a numbered
/// charter with an accountability checklist.
#[derive(Debug, Parser)]
#[command(
    name = "charter",
    version,
    after_help = "Examples:\n  charter check charters/sepsis-advisory-board.toml\n  charter render charters/sepsis-advisory-board.toml --format html -o board.html\n\nExit codes: 0 success, 1 the charter has errors, 2 charter could not run (unreadable file, existing output, ...)."
)]
pub struct Cli {
    /// When to colour diagnostics: auto colours only a terminal, and never when NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Refuse inputs larger than this many bytes, before reading them whole.
    #[arg(long, value_name = "BYTES", default_value_t = crate::app::DEFAULT_MAX_INPUT, global = true)]
    pub max_input_size: u64,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check charters and report every problem, with file, line, column and a hint.
    ///
    /// Errors must be fixed before a charter can be rendered; warnings point at terms a reviewer would
    /// question. Exits 1 when any file has an error.
    #[command(
        after_help = "Example:\n  charter check board.toml\n  cat board.toml | charter check -"
    )]
    Check(CheckArgs),
    /// Render a charter as a numbered Markdown or standalone HTML document.
    ///
    /// The document ends with an accountability checklist derived from the terms and a footer with the
    /// SHA-256 of the input. The charter is checked first; a charter with errors is not rendered.
    #[command(
        after_help = "Examples:\n  charter render board.toml                      # Markdown to standard output\n  charter render board.toml --format html -o board.html\n  charter render board.toml -o board.md --force  # replace an existing file"
    )]
    Render(RenderArgs),
    /// Show what changed between two versions of a charter, term by term, or as a redline.
    ///
    /// Two charters (TOML) are compared term by term: arrays are matched by id, each change names the
    /// clause it affects. Two rendered Markdown documents, or two charters with `--rendered`, are compared as
    /// text, word by word inside changed lines. The md and html formats are always redlines of the rendered
    /// text, with the change summary first. Exits 0 when the inputs are equal, 1 when they differ, 2 when
    /// an input cannot be read or is not a valid charter.
    #[command(
        after_help = "Examples:\n  charter diff board-v1.toml board-v2.toml\n  charter diff board-v1.toml board-v2.toml --format html -o redline.html\n  charter diff board-v1.md board-v2.md --format md\n  charter diff old.toml new.toml --format json | jq '.changes[].path'"
    )]
    Diff(DiffArgs),
    /// Check that a rendered document is exactly what its source renders to.
    ///
    /// Re-renders the source in the document's format (Markdown or HTML) and compares byte for byte. A
    /// hand-edited document, or one rendered from another input, is reported with the first line that
    /// differs. Exits 0 when the document matches, 1 when it does not, 2 when an input cannot be used.
    #[command(after_help = "Example:\n  charter verify board.html board.toml")]
    Verify(VerifyArgs),
}

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier version: a charter (.toml) or a rendered Markdown document (.md); `-` reads stdin.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later version, of the same kind.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output format: text (default), md (CriticMarkup redline), html (standalone redline), json.
    #[arg(long, short = 'f', value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Compare the rendered text of two charters instead of their terms.
    #[arg(long)]
    pub rendered: bool,
    /// Where the report goes.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Plain text; coloured only on a terminal.
    Text,
    /// A Markdown redline using CriticMarkup.
    Md,
    /// A standalone HTML redline.
    Html,
    /// Every change as JSON.
    Json,
}

/// Arguments of `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The rendered document (Markdown or HTML).
    #[arg(value_name = "DOC")]
    pub document: PathBuf,
    /// The charter it should have been rendered from.
    #[arg(value_name = "SOURCE")]
    pub source: PathBuf,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Charter files to check; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Arguments of `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The charter to render; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// Where the document goes.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// Where a command writes its result: shared by every command that produces a document.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Where to write; `-` or no value writes standard output. The file is written atomically and an
    /// existing file is kept unless `--force` is given.
    #[arg(long, short = 'o', value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Output formats of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown (CommonMark with tables and task lists).
    Md,
    /// One standalone HTML5 file with inline CSS.
    Html,
}

/// Colour choice for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}
