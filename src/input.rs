//! Reading an input: a regular file or standard input, refused before it is read whole when it is over the
//! size limit. Imports only [`crate::source`], [`crate::error`] and the default limit from [`crate::cli`].

use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::cli::DEFAULT_MAX_INPUT;
use crate::error::Error;
use crate::source::Source;

/// The largest input for this process. Set once from `--max-input-size` before any command runs; a global
/// rather than a parameter so that every reader (check, render, diff, verify, ...) applies the same limit.
static MAX_INPUT: AtomicU64 = AtomicU64::new(DEFAULT_MAX_INPUT);

/// Sets the largest input this process reads, in bytes.
pub fn set_max_input(bytes: u64) {
    MAX_INPUT.store(bytes, Ordering::Relaxed);
}

/// Reads a file, or standard input for `-`. Anything but a regular file or standard input is refused (a
/// directory, a FIFO that could block forever), and so is an input over the size limit, before it is
/// read whole.
///
/// # Errors
/// When the input cannot be read, is not a regular file, or is too large.
pub fn read_source(path: &Path) -> Result<Source, Error> {
    let limit = MAX_INPUT.load(Ordering::Relaxed);
    if path == Path::new("-") {
        return read_stdin(limit);
    }
    let wrap = |source: io::Error| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let too_large = || Error::TooLarge {
        path: path.to_path_buf(),
        limit,
    };
    let meta = std::fs::metadata(path).map_err(wrap)?;
    if meta.is_dir() {
        return Err(wrap(io::Error::other(
            "it is a directory, not a charter file",
        )));
    }
    if !meta.is_file() {
        return Err(wrap(io::Error::other(
            "it is not a regular file; pipe it through `-` instead",
        )));
    }
    if meta.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(wrap)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(Source::new(path.display().to_string(), bytes))
}

/// Reads standard input, up to one byte past the limit so that an input over it is told apart.
fn read_stdin(limit: u64) -> Result<Source, Error> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: "-".into(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: "<stdin>".into(),
            limit,
        });
    }
    Ok(Source::new("<stdin>", bytes))
}
