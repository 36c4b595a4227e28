//! Writing results: where a command's result goes ([`Destination`]), standard output that tolerates a
//! closed pipe, and files written atomically. Imports only the error type and the output arguments.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::cli::OutputArgs;
use crate::error::Error;

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, flushed to disk, then
/// renamed over the target. An existing file is replaced only with `force`; on any failure the old file
/// is untouched and the temporary file is removed.
///
/// # Errors
/// When the file exists without `force`, or any step of the write fails.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    let wrap = |source: io::Error| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(Error::OutputExists {
            path: path.to_path_buf(),
        });
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".charter-").suffix(".tmp");
    // A temporary file is private (0600); a rendered charter is a document to share, so it gets the
    // usual mode of a new file, or keeps the mode of the file it replaces.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(wrap)?;
    tmp.write_all(bytes).map_err(wrap)?;
    tmp.as_file().sync_all().map_err(wrap)?;
    if force {
        tmp.persist(path).map_err(|e| wrap(e.error))?;
    } else {
        // `persist_noclobber` fails rather than replace a file created since the check above.
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                Error::OutputExists {
                    path: path.to_path_buf(),
                }
            } else {
                wrap(e.error)
            }
        })?;
    }
    Ok(())
}

/// Writes to standard output; a reader that closed the pipe early is not an error.
///
/// # Errors
/// On any write failure other than a closed pipe.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "<stdout>".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Where a result is written: a file, atomically, or standard output.
#[derive(Debug)]
pub struct Destination {
    path: Option<PathBuf>,
    force: bool,
}

impl Destination {
    /// The file the result goes to; `None` for standard output.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Decides where a command's result goes, refusing before any work is done an output that exists
    /// (without `--force`) or that is one of the inputs.
    ///
    /// # Errors
    /// When the output is an input, or exists and `--force` was not given.
    pub fn new(out: &OutputArgs, inputs: &[&Path]) -> Result<Destination, Error> {
        let path = out.output.clone().filter(|p| p != Path::new("-"));
        if let Some(path) = &path {
            for input in inputs {
                refuse_input_as_output(input, path)?;
            }
            if !out.force && path.symlink_metadata().is_ok() {
                return Err(Error::OutputExists { path: path.clone() });
            }
        }
        Ok(Destination {
            path,
            force: out.force,
        })
    }

    /// Writes the result.
    ///
    /// # Errors
    /// When the write fails or the file appeared meanwhile without `--force`.
    pub fn write(&self, bytes: &[u8]) -> Result<(), Error> {
        match &self.path {
            Some(path) => write_atomic(path, bytes, self.force),
            None => write_stdout(bytes),
        }
    }
}

/// Refuses an output that is the input file itself.
///
/// # Errors
/// When they are the same file.
pub fn refuse_input_as_output(input: &Path, output: &Path) -> Result<(), Error> {
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => input == output,
    };
    if same {
        return Err(Error::OutputIsInput {
            path: output.to_path_buf(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_without_force() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.md");
        write_atomic(&path, b"one", false).expect("first write");
        let again = write_atomic(&path, b"two", false);
        assert!(matches!(again, Err(Error::OutputExists { .. })));
        assert_eq!(fs::read(&path).expect("read"), b"one");
        write_atomic(&path, b"two", true).expect("forced write");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).expect("dir").collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(
                mode, 0o644,
                "a rendered document is readable by others, not private"
            );
        }
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("missing-dir").join("out.md");
        assert!(matches!(
            write_atomic(&path, b"x", false),
            Err(Error::Write { .. })
        ));
    }
}
