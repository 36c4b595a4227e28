//! Command-line arguments. The doc comments here are the `--help` text. Imports nothing of ours: every
//! other module may read these types, and they depend on none.

use std::path::PathBuf;

use std::ffi::OsString;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

/// The default largest input, in bytes: far above any real charter (the largest example is about 60 KB),
/// small enough that a wrong file is refused at once.
pub const DEFAULT_MAX_INPUT: u64 = 16 * 1024 * 1024;

/// Turn a TOML description of a multi-party partnership into a governance charter.
///
/// Write the partnership down once in TOML (partners, governance bodies, decisions, data use, IP,
/// publication, conflicts of interest, phases and obligations), check it, and render a numbered
/// charter with an accountability checklist.
#[derive(Debug, Parser)]
#[command(
    name = "charter",
    version,
    after_help = "Examples:\n  charter new board.toml --from sepsis-advisory-board   # a commented starter\n  charter check board.toml\n  charter render board.toml --format html -o board.html\n  charter checklist board.toml --format ics -o board.ics\n  charter diff board-v1.toml board-v2.toml\n  charter approve board.toml --partner vitalis --key ~/.ssh/id_ed25519\n  charter approvals board.toml\n  charter explain E0401\n  charter migrate old.toml --in-place                 # a charter written for schema 1\n\nExit codes: 0 success, 1 the charter has errors (or warnings, with --deny-warnings) or diff found changes or approvals found a partner that has not approved this version, 2 charter could not run (unreadable file, existing output, ...)."
)]
pub struct Cli {
    /// When to colour diagnostics: auto colours only a terminal, and never when NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Refuse inputs larger than this many bytes, before reading them whole.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_INPUT, global = true)]
    pub max_input_size: u64,
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
        after_help = "Examples:\n  charter check board.toml\n  cat board.toml | charter check -\n  charter check --message-format short charters/*.toml\n  charter check charters/                         # every charter in charters/ and below\n  charter check --deny-warnings --allow W0409 board.toml\n  charter check --coverage board.toml"
    )]
    Check(CheckArgs),
    /// Render a charter as a numbered Markdown, standalone HTML or Word (DOCX) document.
    ///
    /// The document ends with an accountability checklist derived from the terms and a footer with the
    /// SHA-256 of the input. When the charter has approvals (FILE.approvals.toml beside it, or
    /// --approvals PATH), the signature page ends with an approval record: who approved which version,
    /// when, and whether each signature holds. The charter is checked first; a charter with errors is not
    /// rendered. A DOCX is binary: it is written to a file (-o) or a pipe, never to a terminal.
    #[command(
        after_help = "Examples:\n  charter render board.toml                      # Markdown to standard output\n  charter render board.toml --format html -o board.html\n  charter render board.toml -o board.md --force  # replace an existing file\n  charter render board.toml -f html --templates my-templates/ -o board.html\n  charter render board.toml --format docx -o board.docx    # Word, for reviewers\n  charter render board.toml -f docx --templates house/ -o board.docx  # house/reference.docx styles\n  charter render charters/ --format html --out-dir out/   # every charter in charters/"
    )]
    Render(RenderArgs),
    /// Show what changed between two versions of a charter, term by term, or as a redline.
    ///
    /// Two charters (TOML) are compared term by term: arrays of tables are matched by id, and each change
    /// names its clause and says whether it tightens or relaxes a duty, and for whom. The effects follow:
    /// quorums in voting seats, signature blocks, checklist items added, removed or re-timed, warnings new
    /// or resolved, coverage. The md (CriticMarkup) and html formats are redlines of the two documents,
    /// aligned clause by clause by anchor: a clause only in the new version is inserted whole, one only in
    /// the old version deleted whole, a moved clause is marked as moved, words change in whole phrases, and
    /// a renumbering is listed once instead of marking every clause that cites it (`--mark-renumbered`
    /// marks each renumbered clause and § reference with its old number as well). Each redline opens with
    /// both versions (titles, versions, dates, fingerprints), warnings, a legend and the change summary,
    /// each entry linking to its clause. Two rendered Markdown documents, or two charters with
    /// `--rendered`, are compared the same way; Markdown that charter did not render is compared paragraph
    /// by paragraph, with a warning that no clause alignment was possible.
    ///
    /// The docx format is the same redline as a Word document for reviewers: the change summary first, as
    /// a table (term, change, classification, clause), then both versions, then the new version's
    /// document with every change a tracked change (insertions and deletions word by word inside a
    /// clause, whole paragraphs for added and removed clauses) that Word's Review tab accepts or rejects,
    /// and a comment on each changed term. The changes are by `--author` (charter by default), dated
    /// SOURCE_DATE_EPOCH when it is set, else the new version's effective date. A DOCX is binary: it is
    /// written to a file (-o) or a pipe, never to a terminal.
    ///
    /// Exits 0 when the inputs are equal, 1 when they differ, 2 when an input cannot be read or is not a
    /// valid charter.
    #[command(
        after_help = "Examples:\n  charter diff board-v1.toml board-v2.toml\n  charter diff board-v1.toml board-v2.toml --format html -o redline.html\n  charter diff board-v1.md board-v2.md --format md\n  charter diff board-v1.toml board-v2.toml -f md --mark-renumbered   # \"§11.2 {>>was §11.1<<}\"\n  charter diff old.toml new.toml --format json | jq '.changes[].class'\n  charter diff board-v1.toml board-v2.toml --format docx -o redline.docx --author \"Governance office\"\n\nA review period shortened from 60 to 45 days, in version 1.1:\n  $ charter diff board-v1.toml board-v2.toml\n  Charter\n    Charter › version: 1.0 → 1.1\n\n  Publication\n    Publication › review period: 60 days → 45 days, relaxed for the authors (§8.1)\n\n  Effects\n    Checklist › Every partner: Circulate each manuscript or presentation to every partner before submission: re-timed, at least 60 days before submission → at least 45 days before submission (§8.1)\n\n  2 changes in 2 sections.\n\nIn the redline (--format md), the clause reads:\n  **8.1 Review before submission.** Each manuscript or presentation of results is sent to every partner at least {--60--}{++45++} days before submission. ..."
    )]
    Diff(DiffArgs),
    /// Check that a rendered document is exactly what its source renders to.
    ///
    /// Re-renders the source in the document's format (Markdown, HTML or DOCX) and compares byte for byte. A
    /// hand-edited document, or one rendered from another input, is reported with the first line that
    /// differs. The approval record is rendered from the charter's approvals as `render` finds them, and
    /// the note says where its partners stand, so a document rendered before an approval was added no
    /// longer matches. Exits 0 when the document matches, 1 when it does not, 2 when an input cannot be
    /// used.
    #[command(after_help = "Example:\n  charter verify board.html board.toml")]
    Verify(VerifyArgs),
    /// Record that a partner's signatory approved this exact version of a charter, signed with their SSH key.
    ///
    /// Appends one approval to the approvals file (FILE.approvals.toml beside the charter, or --approvals
    /// PATH): the partner, its signatory's name and title, the date, the charter's id and the SHA-256 of
    /// FILE, with an SSH signature over all of them (the format of `ssh-keygen -Y sign -n charter`). Any
    /// later change to the charter makes the approval stale, and any change to the approval breaks its
    /// signature; `charter approvals` shows both.
    ///
    /// The key is the signatory's ed25519 private key (--key, by default ~/.ssh/id_ed25519); a key
    /// protected by a passphrase needs --passphrase-file. It must be the key the charter gives the
    /// signatory (`ssh_key` under the partner's signatory) or one that --allowed-signers names for the
    /// partner, so that the approval can be checked. The date is --date, else SOURCE_DATE_EPOCH, else
    /// today (UTC); the command says which it used. The charter is checked first; one with errors is not
    /// approved. The approvals file is written atomically and only ever grows. Exits 0 when the approval
    /// is recorded, 1 when the charter has errors, 2 when it cannot be recorded (an unknown partner, a
    /// missing or unusable key, an approvals file that does not parse).
    #[command(
        after_help = "Examples:\n  charter approve board.toml --partner vitalis --key ~/.ssh/id_ed25519\n  charter approve board.toml --partner northstar --date 2026-02-10\n  charter approve board.toml --partner pine-valley --key pv.key --passphrase-file pv.pass\n  charter approve board.toml --partner vitalis --allowed-signers keys/allowed_signers\n\nIn the charter, the signatory's public key (one line of ~/.ssh/id_ed25519.pub):\n  [partners.signatory]\n  name = \"Dr. Jane Smith\"\n  title = \"Chief Medical Officer\"\n  ssh_key = \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA... jane@vitalis.example\""
    )]
    Approve(ApproveArgs),
    /// Show who approved which version of a charter: current, stale, missing or bad signature.
    ///
    /// Reads the approvals file (FILE.approvals.toml beside the charter, or --approvals PATH) and checks
    /// every approval's signature against the partner signatory's key (`ssh_key` in the charter, or
    /// --allowed-signers). For every partner that signs the charter (every partner that has not
    /// withdrawn) it says whether it approved this version (current), only an earlier one (stale), none
    /// (missing), or whether its approval's signature does not hold (bad signature: the approval was
    /// edited, signed by another key, or copied from another charter). Exits 0 only when every such
    /// partner approved this version and no approval is bad, 1 otherwise, 2 when the charter has errors
    /// or cannot be read, or the approvals file or the allowed signers cannot be read or do not parse.
    #[command(
        after_help = "Examples:\n  charter approvals board.toml\n  charter approvals board.toml --approvals signed/board.approvals.toml\n  charter approvals board.toml --allowed-signers keys/allowed_signers\n\nAfter the term changed, Lakeside approved again and a line of Hillcrest's approval was edited:\n  $ charter approvals board.toml\n  Approvals of board.toml (version 1.0, SHA-256 198b2c14...) in board.toml.approvals.toml:\n\n  Lakeside (lakeside): current: approved this version\n    line 5: Ana Ruiz, Chief Executive Officer, 2026-02-10: stale: it approved SHA-256 7a371007..., not this version\n    line 37: Ana Ruiz, Chief Executive Officer, 2026-02-12: current\n\n  Hillcrest (hillcrest): bad signature: no approval with a good signature\n    line 21: Ben Okoye, Administrator, 2026-02-01: bad signature: the signature does not match the approval: a line of it was changed after signing\n\n  1 of 2 partners approved this version; 1 approval has a bad signature."
    )]
    Approvals(ApprovalsArgs),
    /// Explain a rule: what it catches, why it matters, and how to fix what it finds.
    ///
    /// Give a code such as E0401 or a name such as quorum-exceeds-members; with neither, list every rule.
    #[command(
        after_help = "Examples:\n  charter explain E0401\n  charter explain quorum-exceeds-members\n  charter explain            # list every rule"
    )]
    Explain(ExplainArgs),
    /// Print the JSON Schema (2020-12) of the charter format, for editors.
    ///
    /// Generated from the same types `charter check` reads, so it always matches this build. An editor
    /// with a TOML language server (taplo, Even Better TOML) uses it to complete keys and flag mistakes
    /// as you type: put `#:schema ./charter.schema.json` on the first line of a charter. The schema
    /// checks the shape of a charter; the cross-field rules stay with `charter check`.
    #[command(
        after_help = "Examples:\n  charter schema                              # to standard output\n  charter schema -o charter.schema.json --force"
    )]
    Schema(SchemaArgs),
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
    /// Rename an id everywhere in a charter: its definition, every reference, every cross-reference.
    ///
    /// Rewrites the id where the item is defined, in every table that names it, in every
    /// `[[partner:ID]]`, `[[body:ID]]` and `[[clause:…-ID]]` in free text, and in every exception limited
    /// to it. Only the id's own characters change: comments and layout stay as they are. The file is
    /// rewritten atomically in place, and only if the renamed charter checks exactly as the original
    /// did. Exits 0 when renamed, 2 when the id is unknown, the new id is invalid or taken, or nothing was
    /// written.
    #[command(
        name = "rename-id",
        after_help = "Examples:\n  charter rename-id northstar nuh board.toml           # in place\n  charter rename-id ehr-extract ehr-daily board.toml -o board-v2.toml\n  charter rename-id cab steering board.toml -o -     # print the result"
    )]
    RenameId(RenameIdArgs),
    /// Rewrite a charter written for schema version 1 for the current schema, 2, so that it renders the same
    /// document.
    ///
    /// Schema 2 writes only what a charter states, and changed two terms. Read as schema 2, a schema 1
    /// file would render a different charter, so `check` and `render` refuse it (E0107) and name this
    /// command. It writes `schema_version = 2`; replaces `electronic_votes = true` with `electronic = {
    /// rule = "same_as_meetings" }` and removes `electronic_votes = false`; turns `resolution =
    /// "mediation"` (which went on to the courts) into `"mediation_then_courts"`; and states as its term
    /// each sentence schema 1 wrote without one, only where schema 1 wrote it: `remote_attendance = true`
    /// in a body's meetings, `renewable = false` for its chair, `background_terms = ["stays_with_owner",
    /// "no_implied_licence"]` in [ip], `review_kind = "comment"` and `confidential_removal = true` in
    /// [publication]. Comments, key order and layout stay; every change is listed on standard error with
    /// its line in FILE (-v adds why). A file already written for schema 2 is left as it is.
    ///
    /// The migrated charter goes to standard output, to -o OUT (an existing file is kept unless --force),
    /// or back into FILE with --in-place, always written atomically, and is then checked. Exits 0 when it
    /// has no errors, 1 when it has errors of its own (they are shown, and it is written all the same, so
    /// that you can fix them in schema 2), 2 when FILE cannot be read or migrated (not TOML, no
    /// `schema_version`, a version other than 1 or 2) or the output cannot be written.
    #[command(
        after_help = "Examples:\n  charter migrate board.toml --in-place        # rewrite the file itself\n  charter migrate board.toml -o board-v2.toml  # keep the schema 1 file\n  charter migrate - < old.toml > new.toml\n\nWhat it says, on standard error:\n  $ charter migrate board.toml --in-place\n  board.toml:11: `schema_version = 2` → `schema_version = 2`\n  board.toml:243: `electronic_votes = true` → `electronic = { rule = \"same_as_meetings\" }` in the meetings of body \"cab\"\n  board.toml:862: `resolution = \"mediation\"` → `resolution = \"mediation_then_courts\"` in [disputes]\n  ...\n  note: migrated board.toml from schema 1 to schema 2 in 13 changes; wrote board.toml"
    )]
    Migrate(MigrateArgs),
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
    /// Output format: text (default), md (CriticMarkup redline), html (standalone redline), json, docx
    /// (Word tracked changes), pdf (the redline as a PDF; needs `--features pdf`).
    #[arg(long, short = 'f', value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// The author of the tracked changes and comments of the docx redline, as Word shows it.
    #[arg(long, value_name = "NAME", default_value = "charter", value_parser = author)]
    pub author: String,
    /// Compare the two charters as documents (the redline, clause by clause) instead of term by term.
    #[arg(long)]
    pub rendered: bool,
    /// In the md and html redlines, mark every renumbered clause and § reference with its old number
    /// ("§10.2 was §10.1"), not only list the renumbering once in the change summary.
    #[arg(long)]
    pub mark_renumbered: bool,
    /// In the md and html redlines, show only the changed clauses, each under the heading of its section,
    /// and say how many unchanged blocks were left out: a redline short enough for a pull-request comment
    /// (`charter diff main.toml branch.toml --format md --changed-only`). The text and json reports list
    /// only the changes anyway; a Word redline is always the whole document.
    #[arg(long)]
    pub changed_only: bool,
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
    /// A Word document with every change a tracked change, and a comment on each changed term.
    Docx,
    /// The redline as an archival PDF, insertions underlined, deletions struck through, for signers who
    /// do not use Word. Needs a charter built with `--features pdf`.
    Pdf,
}

/// An author's name for `--author`: not empty, not blank, one line.
fn author(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(
            "give the name Word shows for the changes, for example --author \"Governance office\""
                .to_owned(),
        );
    }
    if name.chars().any(char::is_control) {
        return Err(
            "the name must be one line of text, for example --author \"Governance office\""
                .to_owned(),
        );
    }
    Ok(name.to_owned())
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
    /// Where the approvals are, for the approval record the document should show.
    #[command(flatten)]
    pub approvals: ApprovalFiles,
}

/// Arguments of `approve`.
#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// The charter to approve, exactly as it is now.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The id of the partner approving; its signatory is the person who approves.
    #[arg(long, value_name = "ID")]
    pub partner: String,
    /// The signatory's ed25519 private key (OpenSSH format), the key `ssh-keygen -t ed25519` makes.
    /// Default: ~/.ssh/id_ed25519.
    #[arg(long, value_name = "PATH")]
    pub key: Option<PathBuf>,
    /// A file whose first line is the passphrase of the key, for a key protected by one.
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// The date of the approval, as 2026-02-10. Default: SOURCE_DATE_EPOCH when it is set, else today
    /// (UTC).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Where the approvals are, and the keys allowed to make them.
    #[command(flatten)]
    pub approvals: ApprovalFiles,
}

/// Arguments of `approvals`.
#[derive(Debug, Args)]
pub struct ApprovalsArgs {
    /// The charter whose approvals to show.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where the approvals are, and the keys allowed to make them.
    #[command(flatten)]
    pub approvals: ApprovalFiles,
}

/// Where a charter's approvals are kept and whose keys may make them: shared by `approve`, `approvals`,
/// `render` and `verify`, which all find the file the same way.
#[derive(Debug, Args)]
pub struct ApprovalFiles {
    /// The approvals file. Default: FILE.approvals.toml beside the charter (board.toml.approvals.toml).
    #[arg(long, value_name = "PATH")]
    pub approvals: Option<PathBuf>,
    /// An allowed_signers file, as git reads it (`vitalis ssh-ed25519 AAAA... jane@vitalis.example`), naming
    /// each key by partner id or signatory e-mail; used besides each signatory's `ssh_key`.
    #[arg(long, value_name = "PATH")]
    pub allowed_signers: Option<PathBuf>,
}

/// Arguments of `schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Where the schema goes.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Charters to check: files, or directories (every charter in them and in the folders below them, in
    /// order of path: a `*.toml` file that declares `schema_version` or has a `[charter]` table; other TOML
    /// files are counted and skipped); `-` reads standard input. Several charters are checked in parallel and the
    /// run ends with a count.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// How diagnostics are reported, and which of them fail the check.
    #[command(flatten)]
    pub diagnostics: DiagnosticArgs,
    /// Also print, on standard output, which governance areas each charter covers and which it leaves
    /// silent: decision authority, data use, IP, publication, conflicts of interest, accountability,
    /// term and amendment, performance review, general provisions (confidentiality, notices,
    /// precedence). In the chosen message format.
    #[arg(long)]
    pub coverage: bool,
}

/// How diagnostics are printed and judged: shared by `check` and `render`.
#[derive(Debug, Args)]
pub struct DiagnosticArgs {
    /// How to print diagnostics. human: the source line with the offending text underlined and a hint, on
    /// standard error. short: one line each, `file:line:col: severity[CODE]: message (hint: ...)`. json:
    /// one JSON object per line. `check` prints short and json on standard output, `render` on standard
    /// error.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human, value_name = "FORMAT")]
    pub message_format: MessageFormat,
    /// Treat warnings as errors: exit 1 when a warning remains (and `render` writes nothing).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Silence a warning for this run, by code or name (W0409 or phases-overlap); repeat for more.
    /// Errors cannot be silenced.
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
}

/// Formats of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// For people: source snippet, underline, hint; colour only on a terminal.
    Human,
    /// One line per diagnostic, for editors and grep.
    Short,
    /// One JSON object per diagnostic, one per line.
    Json,
}

/// Arguments of `explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's code (E0401) or name (quorum-exceeds-members), in any case; omit it to list every rule.
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
}

/// Arguments of `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The charters to render: files, or directories (every charter in them and in the folders below
    /// them, in order of path; other TOML files are skipped); `-` reads standard input. More than one charter, or a directory,
    /// needs `--out-dir`.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// A directory of your own templates, laid over the built-in ones by file name: body.md.tera,
    /// charter.md.tera, charter.html.tera and charter.css replace the built-in ones; other *.tera files are
    /// partials they may include. For --format docx, DIR/reference.docx supplies the styles (Normal, Title,
    /// Heading 1, Heading 2 and Hyperlink), as a firm's house style.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Where the document goes.
    #[command(flatten)]
    pub out: OutputArgs,
    /// Render each charter into this directory, as NAME.md or NAME.html after its file (a charter found in
    /// a folder below a given directory goes in the same folder below DIR). The directory is created if
    /// needed; existing files are kept unless `--force`. Charters are rendered in parallel, a bad one does
    /// not stop the others, and the run ends with a count.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub out_dir: Option<PathBuf>,
    /// How diagnostics are reported, and which of them stop rendering.
    #[command(flatten)]
    pub diagnostics: DiagnosticArgs,
    /// Where the approvals are: when the charter has any, the signature page ends with an approval
    /// record (who approved which version, when, and whether the signature holds).
    #[command(flatten)]
    pub approvals: ApprovalFiles,
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
pub const MAN_PAGES: &[&str] = &[
    "check",
    "approve",
    "approvals",
    "rename-id",
    "migrate",
    "render",
    "diff",
    "verify",
    "explain",
    "schema",
    "checklist",
    "new",
    "completions",
    "man",
];

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

/// Arguments of `rename-id`.
#[derive(Debug, Args)]
pub struct RenameIdArgs {
    /// The id to rename, as it stands in the charter.
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The new id: lowercase letters, digits and single hyphens, starting with a letter.
    #[arg(value_name = "NEW")]
    pub new: String,
    /// The charter to rewrite; `-` reads standard input and writes standard output.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Write the renamed charter to OUT (`-` for standard output) instead of rewriting FILE in place.
    #[arg(long, short = 'o', value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace OUT if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// Arguments of `migrate`.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The charter written for schema 1; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Rewrite FILE itself, atomically, instead of writing standard output or -o. A file already written
    /// for schema 2 is not touched.
    #[arg(long, conflicts_with = "output")]
    pub in_place: bool,
    /// Where the migrated charter goes (standard output by default).
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
    /// A Word document (Office Open XML), with bookmarks, internal links and real heading styles.
    Docx,
    /// An archival PDF (PDF/A-3b, tagged, the source TOML attached), with bookmarks, internal links and
    /// the fingerprint in every footer. Needs a charter built with `--features pdf`.
    Pdf,
}

impl Cli {
    /// Parses these arguments. clap's own messages (a usage error, `--help`) follow `--color` too, which
    /// clap alone would apply only after parsing succeeded.
    #[must_use]
    pub fn parse_colored<I, T>(args: I) -> Cli
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        let mut cmd = Cli::command();
        match requested_color(&args) {
            Some(ColorChoice::Never) => cmd = cmd.color(clap::ColorChoice::Never),
            Some(ColorChoice::Always) => cmd = cmd.color(clap::ColorChoice::Always),
            Some(ColorChoice::Auto) | None => {}
        }
        let matches = cmd.get_matches_from(args);
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
    }
}

/// The last `--color VALUE` or `--color=VALUE` among the arguments, if it names a choice.
fn requested_color(args: &[OsString]) -> Option<ColorChoice> {
    let mut found = None;
    let mut next_is_value = false;
    for arg in args.iter().skip(1) {
        let arg = arg.to_string_lossy();
        if arg == "--" {
            break;
        }
        let value = if next_is_value {
            next_is_value = false;
            Some(arg.as_ref())
        } else if arg == "--color" {
            next_is_value = true;
            None
        } else {
            arg.strip_prefix("--color=")
        };
        if let Some(choice) = value.and_then(|v| ColorChoice::from_str(v, false).ok()) {
            found = Some(choice);
        }
    }
    found
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

#[cfg(test)]
mod tests {
    use super::*;

    fn color_of(args: &[&str]) -> Option<ColorChoice> {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        requested_color(&args)
    }

    #[test]
    fn the_colour_choice_is_found_before_parsing() {
        assert_eq!(
            color_of(&["charter", "--color", "never", "nope"]),
            Some(ColorChoice::Never)
        );
        assert_eq!(
            color_of(&["charter", "check", "--color=always"]),
            Some(ColorChoice::Always)
        );
        assert_eq!(color_of(&["charter", "check", "--color", "purple"]), None);
        assert_eq!(color_of(&["charter", "check", "--", "--color=never"]), None);
    }
}
