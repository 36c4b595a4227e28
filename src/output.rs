//! Writing results: standard output that tolerates a closed pipe, and files written atomically.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

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
    if let Ok(meta) = fs::symlink_metadata(path) {
        if !force {
            return Err(Error::OutputExists {
                path: path.to_path_buf(),
            });
        }
        crate::replace::check_replaceable(path, &meta)?;
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
    crate::replace::sweep_stale(dir, tmp.path());
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
