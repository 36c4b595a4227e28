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
    after_help = "Examples:\n  charter new board.toml --from sepsis-advisory-board   # a commented starter\n  charter check board.toml\n  charter render board.toml --format html -o board.html\n  charter checklist board.toml --format ics -o board.ics\n\nExit codes: 0 success, 1 the charter has errors, 2 charter could not run (unreadable file, existing output, ...)."
)]
pub struct Cli {
    /// When to colour diagnostics: auto colours only a terminal, and never when NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Print only errors: no warnings, no per-file summaries, no notes.
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also say what was read and written, and with which templates.
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
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
        after_help = "Examples:\n  charter render board.toml                      # Markdown to standard output\n  charter render board.toml --format html -o board.html\n  charter render board.toml -o board.md --force  # replace an existing file\n  charter render board.toml -f html --templates my-templates/ -o board.html"
    )]
    Render(RenderArgs),
    /// Print the accountability checklist alone, for tracking tools and calendars.
    ///
    /// Markdown is a task list grouped by owner; CSV and JSON give one record per item, with its owner,
    /// the clause it comes from and its timing (a date, a cadence or a deadline after an event); ICS is a
    /// calendar with an event for every dated item and a repeating event for every cadence. The charter
    /// is checked first.
    ///
    /// In the calendar, each event's description gives the owner, the evidence and the clause, and its UID
    /// is made from the charter id and the item's key, so importing the calendar of an updated charter
    /// updates the events instead of duplicating them. Repeating events start on the effective date (or an
    /// obligation's due date) and stop at the end of the term. Items that hang on an event nobody can
    /// date, such as "within 1 day of a breach", are not in the calendar; the other formats list them.
    /// DTSTAMP is SOURCE_DATE_EPOCH when it is set, else the effective date, so the same charter always
    /// gives the same file.
    #[command(
        after_help = "Examples:\n  charter checklist board.toml                        # Markdown task list\n  charter checklist board.toml --format csv -o board-checklist.csv\n  charter checklist board.toml --format json | jq '.items[] | select(.owner_id == \"vitalis\")'\n  charter checklist board.toml --format ics -o board.ics  # import into a calendar"
    )]
    Checklist(ChecklistArgs),
    /// Write a starter charter from one of the built-in examples.
    ///
    /// The starter is a complete, valid example with a comment before every section saying what to fill
    /// in. An existing file is never replaced.
    #[command(
        after_help = "Examples:\n  charter new                                  # writes charter.toml\n  charter new board.toml --from sepsis-advisory-board\n  charter new --list                           # the examples, one per line\n  charter new - --from hospital-it-vendor | less"
    )]
    New(NewArgs),
    /// Print a shell completion script for bash, zsh, fish, PowerShell or elvish.
    ///
    /// Load it in the current shell, or save it where your shell looks for completions.
    #[command(
        after_help = "Examples:\n  source <(charter completions bash)                           # bash, this session\n  charter completions bash -o ~/.local/share/bash-completion/completions/charter\n  charter completions zsh -o ~/.zfunc/_charter                 # with fpath+=~/.zfunc\n  charter completions fish -o ~/.config/fish/completions/charter.fish\n  charter completions powershell >> $PROFILE"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man` or for packaging.
    ///
    /// Without a command, the page for `charter` itself, which lists the commands; with one, the page
    /// for that command.
    #[command(
        after_help = "Examples:\n  charter man | man -l -                    # read it now\n  charter man -o ~/.local/share/man/man1/charter.1\n  charter man render -o charter-render.1"
    )]
    Man(ManArgs),
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
    /// A directory of your own templates, laid over the built-in ones by file name: body.md.tera,
    /// charter.md.tera, charter.html.tera and charter.css replace the built-in ones; other *.tera files are
    /// partials they may include.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Where the document goes.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// Arguments of `checklist`.
#[derive(Debug, Args)]
pub struct ChecklistArgs {
    /// The charter; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ChecklistFormat::Md)]
    pub format: ChecklistFormat,
    /// Where the checklist goes.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// Output formats of `checklist`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChecklistFormat {
    /// A Markdown task list, grouped by owner.
    Md,
    /// CSV with a header row, one row per item.
    Csv,
    /// JSON: the charter's identity and a list of items.
    Json,
    /// iCalendar: an event for every dated item, a repeating event for every cadence.
    Ics,
}

/// Arguments of `new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Where to write the starter; `-` writes standard output.
    #[arg(value_name = "PATH", default_value = "charter.toml")]
    pub path: PathBuf,
    /// The example to start from; `--list` shows them.
    #[arg(
        long,
        value_name = "EXAMPLE",
        default_value = crate::scaffold::DEFAULT,
        value_parser = clap::builder::PossibleValuesParser::new(
            crate::scaffold::EXAMPLES
                .iter()
                .map(|e| clap::builder::PossibleValue::new(e.name).help(e.summary))
        ),
        hide_possible_values = true
    )]
    pub from: String,
    /// List the examples, one line each, and write nothing.
    #[arg(long, conflicts_with_all = ["path", "from"])]
    pub list: bool,
}

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
    /// Where the script goes.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// The commands that have a manual page of their own.
pub const MAN_PAGES: &[&str] = &["check", "render", "checklist", "new", "completions", "man"];

/// Arguments of `man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print; without it, the page for `charter`.
    #[arg(value_name = "COMMAND", value_parser = clap::builder::PossibleValuesParser::new(MAN_PAGES))]
    pub command: Option<String>,
    /// Where the page goes.
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
