//! Many charters in one run: directories expanded to the charters in them, the files checked (and
//! rendered) in parallel across cores, and everything each file has to say printed in the order the
//! files were given, whatever order they finish in. A bad file does not stop the others.
//!
//! Imports the terminal ([`crate::ui`]), the exit codes and the error type; the commands import it.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::error::Error;
use crate::exit::Exit;
use crate::ui::{Transcript, Ui};

/// Runs of at least this many files show a progress bar (on a terminal, without `-q`); shorter runs
/// finish before a bar would tell anyone anything.
pub(crate) const PROGRESS_MIN_FILES: usize = 10;

/// One charter to process.
#[derive(Debug, Clone)]
pub(crate) struct Input {
    /// The path to read, as given or as found in a directory; `-` is standard input.
    pub(crate) path: PathBuf,
    /// Where its output goes under `--out-dir`, without the extension: its file stem, below the folders
    /// that separate it from the directory it was found in.
    pub(crate) name: PathBuf,
}

/// The inputs of a run, in order.
pub(crate) struct Inputs {
    /// Each argument's charters, or the reason an argument gave none.
    pub(crate) entries: Vec<Result<Input, Error>>,
    /// Whether any argument was a directory.
    pub(crate) directories: bool,
    /// How many of the entries are directories that could not be read or held no charter.
    pub(crate) empty_directories: usize,
    /// How many `.toml` files in the directories were not charters (no `schema_version`, no `[charter]`)
    /// and were left out.
    pub(crate) skipped: usize,
}

impl Inputs {
    /// Expands the arguments: a directory stands for every charter in it and in the folders below it,
    /// sorted by path, a charter being a `*.toml` file that declares `schema_version` or has a
    /// `[charter]` table (other TOML files, such as a `Cargo.toml` or a tool's settings, are counted and
    /// left out); hidden files and folders (a name starting with `.`) and links to folders are skipped.
    /// Anything else is taken as a file, to be read (or refused) in its turn, charter or not.
    pub(crate) fn expand(args: &[PathBuf]) -> Inputs {
        let mut entries = Vec::new();
        let mut directories = false;
        let mut empty_directories = 0;
        let mut skipped = 0;
        for arg in args {
            if arg != Path::new("-") && arg.is_dir() {
                directories = true;
                let mut found = Vec::new();
                let walked = walk(arg, &mut found);
                let before = found.len();
                found.retain(|path| is_charter(path));
                skipped += before - found.len();
                match walked {
                    Err(e) => {
                        empty_directories += 1;
                        entries.push(Err(e));
                    }
                    Ok(()) if found.is_empty() => {
                        empty_directories += 1;
                        entries.push(Err(Error::Read {
                            path: arg.clone(),
                            source: io::Error::other(if before == 0 {
                                "the directory has no .toml files".to_owned()
                            } else if before == 1 {
                                "its one .toml file is not a charter (it declares no `schema_version` and has no `[charter]` table)".to_owned()
                            } else {
                                format!(
                                    "none of its {before} .toml files is a charter (none declares `schema_version` or has a `[charter]` table)"
                                )
                            }),
                        }));
                    }
                    Ok(()) => {
                        found.sort();
                        entries.extend(found.into_iter().map(|path| {
                            let relative = path.strip_prefix(arg).unwrap_or(&path);
                            let name = relative.with_extension("");
                            Ok(Input { path, name })
                        }));
                    }
                }
            } else {
                let stem = arg.file_stem().map_or_else(|| arg.clone(), PathBuf::from);
                entries.push(Ok(Input {
                    path: arg.clone(),
                    name: stem,
                }));
            }
        }
        Inputs {
            entries,
            directories,
            empty_directories,
            skipped,
        }
    }

    /// Refuses every charter whose output name (see [`Input::name`]) an earlier charter already has:
    /// under `--out-dir` both would write the same file, and which one was kept would depend on which
    /// finished last.
    pub(crate) fn refuse_same_names(&mut self) {
        let mut taken: HashMap<PathBuf, PathBuf> = HashMap::new();
        for entry in &mut self.entries {
            let Ok(input) = entry else { continue };
            if let Some(first) = taken.get(&input.name) {
                let message = format!(
                    "{} and {} would both be rendered as {}; render them into different directories",
                    first.display(),
                    input.path.display(),
                    input.name.display()
                );
                *entry = Err(Error::Usage(message));
            } else {
                taken.insert(input.name.clone(), input.path.clone());
            }
        }
    }

    /// Whether the run reports totals at the end: several files, or a directory.
    pub(crate) fn is_batch(&self) -> bool {
        self.entries.len() > 1 || self.directories
    }
}

/// Collects the `*.toml` files under `dir`.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let read = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(read)? {
        let entry = entry.map_err(read)?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(read)?;
        if kind.is_dir() {
            walk(&path, found)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
            && (kind.is_file() || path.is_file())
        {
            found.push(path);
        }
    }
    Ok(())
}

/// Whether a file found in a directory is a charter: it declares `schema_version` or has a `[charter]`
/// table on a line of its own. A file that cannot be read is kept, to be reported when it is read.
fn is_charter(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return true;
    };
    String::from_utf8_lossy(&bytes).lines().any(|line| {
        let line = line.trim();
        line.strip_prefix("schema_version")
            .is_some_and(|rest| rest.trim_start().starts_with('='))
            || line
                .strip_prefix("[charter]")
                .is_some_and(|rest| rest.trim().is_empty() || rest.trim_start().starts_with('#'))
    })
}

/// How one file went; the worst of a run decides its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    /// Checked (and rendered) without failing.
    Ok,
    /// The charter has errors, or warnings under `--deny-warnings`.
    Failed,
    /// The file could not be read, or its output not written.
    Unusable,
}

impl Status {
    fn exit(self) -> Exit {
        match self {
            Status::Ok => Exit::Success,
            Status::Failed => Exit::Invalid,
            Status::Unusable => Exit::Failure,
        }
    }
}

/// Processes every input with `work`, in parallel when there are several, and prints what each one
/// reports in input order, then the totals of a batch (`unusable` says what befell the files that could
/// not be used: "could not be read"). Returns the worst status as the exit code.
///
/// # Errors
/// When standard output cannot be written.
pub(crate) fn run<F>(
    ui: &mut Ui,
    inputs: &Inputs,
    unusable: &str,
    writes: bool,
    work: F,
) -> Result<Exit, Error>
where
    F: Fn(&Input, &mut Ui) -> Status + Sync,
{
    let batch = inputs.is_batch();
    let total = inputs.entries.len();
    let style = ui.style();
    let one = |entry: &Result<Input, Error>| -> (Status, Transcript) {
        let mut buffered = style.buffered();
        let status = match entry {
            Ok(input) => work(input, &mut buffered),
            Err(e) => {
                buffered.error(e);
                Status::Unusable
            }
        };
        (status, buffered.into_transcript())
    };
    let directories = inputs.empty_directories;
    let mut counts: BTreeMap<Status, usize> = BTreeMap::new();
    let mut worst = Status::Ok;
    let mut record = |status: Status| {
        *counts.entry(status).or_default() += 1;
        worst = worst.max(status);
    };
    if total == 1 {
        let (status, transcript) = one(&inputs.entries[0]);
        record(status);
        ui.print(transcript)?;
    } else {
        in_parallel(ui, &inputs.entries, writes, &one, &mut record)?;
    }
    if batch {
        ui.line(&totals(&counts, directories, unusable));
        if inputs.skipped > 0 {
            let files = if inputs.skipped == 1 { "file" } else { "files" };
            ui.note(&format!(
                "skipped {} other .toml {files} in the directories: not charters (no `schema_version`, no `[charter]`); name a file to check it anyway",
                inputs.skipped
            ));
        }
    }
    Ok(worst.exit())
}

/// Processes several entries in parallel, and prints each one's transcript (and records its status) once
/// every entry before it has been printed, so that the output is in input order whatever the scheduling.
///
/// # Errors
/// When standard output cannot be written.
fn in_parallel<G>(
    ui: &mut Ui,
    entries: &[Result<Input, Error>],
    writes: bool,
    one: &G,
    record: &mut impl FnMut(Status),
) -> Result<(), Error>
where
    G: Fn(&Result<Input, Error>) -> (Status, Transcript) + Sync,
{
    let bar = progress(ui, entries.len());
    let (sender, receiver) = mpsc::channel();
    let mut printed = Ok(());
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let all = || {
                entries
                    .par_iter()
                    .enumerate()
                    .for_each_with(sender, |sender, (i, entry)| {
                        // The receiver outlives the senders; a failed send cannot happen.
                        let _ = sender.send((i, one(entry)));
                    });
            };
            match threads_for_writing(writes) {
                Some(pool) => pool.install(all),
                None => all(),
            }
        });
        // Results arrive as files finish; each is printed once every file before it has been.
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (i, result) in receiver {
            bar.inc(1);
            waiting.insert(i, result);
            while let Some((status, transcript)) = waiting.remove(&next) {
                record(status);
                next += 1;
                if printed.is_ok() {
                    printed = bar.suspend(|| ui.print(transcript));
                }
            }
        }
    });
    bar.finish_and_clear();
    printed
}

/// When every file is also written and flushed to disk, two threads per core, so that a core does not sit
/// idle while a thread waits for the disk; `None` (rayon's pool, one thread per core) otherwise, when
/// `RAYON_NUM_THREADS` decides, or when no pool can be made.
fn threads_for_writing(writes: bool) -> Option<rayon::ThreadPool> {
    if !writes || std::env::var_os("RAYON_NUM_THREADS").is_some() {
        return None;
    }
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    rayon::ThreadPoolBuilder::new()
        .num_threads(2 * cores)
        .build()
        .ok()
}

/// The totals line: `12 files: 11 ok, 1 failed`, then how many files could not be used and how many
/// directories gave no charter.
fn totals(counts: &BTreeMap<Status, usize>, directories: usize, unusable: &str) -> String {
    let count = |status| counts.get(&status).copied().unwrap_or(0);
    let files = count(Status::Ok) + count(Status::Failed) + count(Status::Unusable) - directories;
    let mut line = format!(
        "{files} {}: {} ok, {} failed",
        if files == 1 { "file" } else { "files" },
        count(Status::Ok),
        count(Status::Failed)
    );
    if count(Status::Unusable) > directories {
        line.push_str(&format!(
            ", {} {unusable}",
            count(Status::Unusable) - directories
        ));
    }
    if directories > 0 {
        line.push_str(&format!(
            "; {directories} {} could not be read or had no charters",
            if directories == 1 {
                "directory"
            } else {
                "directories"
            }
        ));
    }
    line
}

/// A progress bar on standard error, for a long run on a terminal; hidden otherwise.
fn progress(ui: &Ui, total: usize) -> ProgressBar {
    if ui.is_quiet() || total < PROGRESS_MIN_FILES || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{wide_bar} {pos}/{len} charters, {eta} left") {
        bar.set_style(style);
    }
    bar
}
