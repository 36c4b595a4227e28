//! What an atomic write may replace, and what it cleans up. `--force` replaces a regular file only: a
//! symbolic link, a directory, a device, a FIFO or a socket at the output path is refused (a write through
//! `-o /dev/null --force` as root would otherwise turn the device into a file), and standard output stays
//! the way to write to a pipe or a device. A write interrupted by SIGKILL can leave its temporary file
//! behind; the next write into that folder removes such files of ours once they are old enough that no
//! other run can still be writing them.

use std::collections::BTreeSet;
use std::fs::{self, Metadata};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::error::Error;

/// How old a temporary file of ours must be before a later write removes it: far longer than any write
/// takes, so that a run still writing it is never disturbed.
pub const STALE_AFTER: Duration = Duration::from_secs(15 * 60);

/// Refuses to replace anything at `path` but a regular file.
///
/// # Errors
/// When `path` is a symbolic link (the error names where it points, which the user may name instead), a
/// directory, a device, a FIFO or a socket.
pub fn check_replaceable(path: &Path, meta: &Metadata) -> Result<(), Error> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let refuse = |what: String, hint: &str| Error::NotARegularFile {
        path: path.to_path_buf(),
        what,
        hint: hint.to_owned(),
    };
    if kind.is_symlink() {
        return Err(match fs::canonicalize(path) {
            Ok(target) if target.is_file() => refuse(
                format!("a symbolic link to {}", target.display()),
                "name that file itself to replace it, or remove the link first",
            ),
            Ok(target) => refuse(
                format!(
                    "a symbolic link to {}, which is not a regular file",
                    target.display()
                ),
                "write to standard output (leave out -o, or -o -) and redirect it",
            ),
            Err(_) => refuse(
                "a symbolic link that points nowhere".to_owned(),
                "remove the link first, or choose another path",
            ),
        });
    }
    if kind.is_dir() {
        return Err(refuse(
            "a directory".to_owned(),
            "name a file inside it, or use --out-dir",
        ));
    }
    Err(refuse(
        special_kind(meta).to_owned(),
        "write to standard output (leave out -o, or -o -) and redirect it to the pipe or device",
    ))
}

#[cfg(unix)]
fn special_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &Metadata) -> &'static str {
    "not a regular file"
}

/// Whether a file name is one of our temporary files: `.charter-XXXXXX.tmp`, as [`crate::output`]
/// names them.
fn is_ours(name: &str) -> bool {
    name.strip_prefix(".charter-")
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .is_some_and(|middle| {
            middle.len() == 6 && middle.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// Removes the temporary files of ours in `dir` older than [`STALE_AFTER`] and owned by the same user as
/// `current` (the temporary file this write just created), once per folder and process. Failures are
/// ignored: a leftover is untidy, not wrong.
pub fn sweep_stale(dir: &Path, current: &Path) {
    static SWEPT: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
    let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let first = SWEPT.lock().is_ok_and(|mut swept| swept.insert(key));
    if !first {
        return;
    }
    let Ok(mine) = fs::metadata(current) else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path == current || !name.to_str().is_some_and(is_ours) {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if meta.file_type().is_file() && old && same_owner(&meta, &mine) {
            let _ = fs::remove_file(&path);
        }
    }
}

#[cfg(unix)]
fn same_owner(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.uid() == b.uid()
}

#[cfg(not(unix))]
fn same_owner(_a: &Metadata, _b: &Metadata) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_temporary_names_are_swept() {
        assert!(is_ours(".charter-a1B2c3.tmp"));
        for name in [
            ".charter-.tmp",
            "charter-a1B2c3.tmp",
            ".charter-a1B2c3.md",
            ".charter-a/b2c3.tmp",
            ".charter-abcdefg.tmp",
        ] {
            assert!(!is_ours(name), "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn force_refuses_links_and_special_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("real.md");
        fs::write(&file, "x").expect("write");
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&file, &link).expect("symlink");
        let err = crate::output::write_atomic(&link, b"y", true).expect_err("a link is refused");
        assert!(err.to_string().contains("a symbolic link to"), "{err}");
        assert_eq!(fs::read(&file).expect("read"), b"x");
        assert!(
            fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        // Naming the resolved target replaces it.
        crate::output::write_atomic(&fs::canonicalize(&link).expect("target"), b"y", true)
            .expect("the target itself");
        assert_eq!(fs::read(&file).expect("read"), b"y");
        let err = crate::output::write_atomic(dir.path(), b"y", true).expect_err("a directory");
        assert!(err.to_string().contains("a directory"), "{err}");
        let err =
            crate::output::write_atomic(Path::new("/dev/null"), b"y", true).expect_err("a device");
        assert!(err.to_string().contains("a device"), "{err}");
    }

    #[test]
    fn stale_temporary_files_are_removed_and_fresh_ones_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let stale = dir.path().join(".charter-OLD123.tmp");
        let fresh = dir.path().join(".charter-NEW123.tmp");
        let other = dir.path().join(".charter-notours.tmp");
        for p in [&stale, &fresh, &other] {
            fs::write(p, "partial").expect("write");
        }
        let old = SystemTime::now() - STALE_AFTER - Duration::from_secs(60);
        for p in [&stale, &other] {
            fs::File::options()
                .write(true)
                .open(p)
                .and_then(|f| f.set_modified(old))
                .expect("age it");
        }
        crate::output::write_atomic(&dir.path().join("out.md"), b"doc", false).expect("write");
        assert!(!stale.exists(), "a stale temporary file of ours is removed");
        assert!(
            fresh.exists(),
            "a fresh one may belong to a run still writing"
        );
        assert!(other.exists(), "a file not named as ours is kept");
    }
}
