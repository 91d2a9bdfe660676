//! The file system as the stages use it: bounded, UTF-8-checked reads,
//! sorted listings, and atomic writes whose temp files are cleaned up on
//! Ctrl-C.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// Largest seed or brief file we agree to read (bytes).
pub const MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a file, refusing anything larger than [`MAX_INPUT_BYTES`] or not UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    let io = |e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            bytes: len,
            limit: MAX_INPUT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Files with the given extension directly in `dir`, sorted by name.
pub fn list_files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let io = |e| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Temp files being written right now, removed by
/// [`remove_pending_temp_files_and_exit`] when the process is interrupted.
static PENDING: Mutex<Vec<std::path::PathBuf>> = Mutex::new(Vec::new());

/// The prefix and suffix of our temp files: `.brief-XXXXXX.tmp`.
pub const TEMP_PREFIX: &str = ".brief-";
pub const TEMP_SUFFIX: &str = ".tmp";

fn pending() -> std::sync::MutexGuard<'static, Vec<std::path::PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Writes bytes to `path` atomically: a temp file in the same folder, then a
/// rename, so a reader never sees a half-written file and a failed build
/// never destroys the previous output.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    replace_atomic(path, |dir| {
        temp_builder().tempfile_in(dir).and_then(|mut tmp| {
            tmp.write_all(bytes)?;
            tmp.as_file().sync_all()?;
            Ok(tmp.into_temp_path())
        })
    })
}

/// Makes `path` a hard link to the (already durable) file `target`,
/// atomically like [`write_atomic`]; copies where hard links are not
/// supported. Refreshing `latest/` this way costs no copy and no fsync.
pub fn link_atomic(target: &Path, path: &Path) -> Result<()> {
    let linked = replace_atomic(path, |dir| {
        temp_builder()
            .make_in(dir, |tmp| std::fs::hard_link(target, tmp))
            .map(|tmp| tmp.into_temp_path())
    });
    match linked {
        Ok(()) => Ok(()),
        // No hard links here (another file system, FAT, ...): copy, which
        // reports its own error if the trouble is elsewhere.
        Err(_) => {
            let bytes = std::fs::read(target).map_err(|e| Error::io(target, e))?;
            write_atomic(path, &bytes)
        }
    }
}

/// Temp files named `.brief-XXXXXX.tmp`, created with the permissions any
/// new file gets (0666 less the umask), not tempfile's private 0600: they
/// become the PDFs users share.
fn temp_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder
}

/// Creates a complete temp file with `make` in `path`'s folder (registered
/// for removal on Ctrl-C), then renames it over `path`.
fn replace_atomic(
    path: &Path,
    make: impl FnOnce(&Path) -> std::io::Result<tempfile::TempPath>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // Created and registered under one lock, so an interrupt handler that
    // holds the lock sees every temp file there is.
    let registered = {
        let mut pending = pending();
        make(dir).inspect(|tmp| pending.push(tmp.to_path_buf()))
    };
    let tmp = registered.map_err(|e| Error::io(path, e))?;
    let tmp_path = tmp.to_path_buf();
    let result = tmp.persist(path).map_err(|e| Error::io(path, e.error));
    pending().retain(|p| p != &tmp_path);
    result
}

/// Removes the temp files of writes in progress and exits with `code`;
/// for a Ctrl-C handler (the process then dies without running drops). The
/// lock is held until exit so no other thread can start a new temp file.
pub fn remove_pending_temp_files_and_exit(code: i32) -> ! {
    let mut pending = pending();
    for path in pending.drain(..) {
        let _ = std::fs::remove_file(path);
    }
    std::process::exit(code)
}

/// Removes temp files left in `dir` by a build that was killed (`kill -9`,
/// power loss), which no handler can clean up. Returns how many.
pub fn remove_stale_temp_files(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}
