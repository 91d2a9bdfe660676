//! The file system as the stages use it: bounded, UTF-8-checked reads,
//! sorted listings, and atomic writes whose temp files are cleaned up on
//! Ctrl-C.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// Largest seed or brief file we agree to read (bytes).
pub(crate) const MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a file, refusing anything that is not a regular file (a FIFO, a
/// device: none can hang or flood the read), larger than
/// [`MAX_INPUT_BYTES`] (counted in the bytes actually read, not the size a
/// file claims) or not UTF-8.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    utf8(path, read_bytes(path)?)
}

fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// The bytes of a regular file of at most [`MAX_INPUT_BYTES`] (see [`read_text`]).
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let (file, claimed) = open_regular(path)?;
    read_open(path, file, claimed)
}

/// Opens a regular file for reading. Its type is checked before opening
/// (opening a FIFO for reading waits for a writer, opening some devices has
/// effects) and again on the opened file, which is opened without blocking
/// in case it was swapped meanwhile. A folder is an `Io` error of kind
/// `IsADirectory`, a missing file one of kind `NotFound`. Returns the file
/// and the length it claims.
fn open_regular(path: &Path) -> Result<(std::fs::File, u64)> {
    let io = |e| Error::io(path, e);
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::ErrorKind::IsADirectory.into()));
    }
    if !meta.is_file() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let file = open_nonblocking(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
        });
    }
    Ok((file, meta.len()))
}

/// Reads an opened file, at most [`MAX_INPUT_BYTES`] counted in bytes read.
fn read_open(path: &Path, file: std::fs::File, claimed: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    // Room for the whole file as it claims to be (and one byte to see the
    // end), so a usual file takes one read, not a series of growing ones.
    let mut bytes = Vec::with_capacity(claimed.min(MAX_INPUT_BYTES) as usize + 1);
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            bytes: claimed.max(bytes.len() as u64),
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// The real path of an opened file: where `/proc/self/fd` says it is (one
/// system call, and it is the file actually opened), else `path` resolved.
fn real_path(file: &std::fs::File, path: &Path) -> std::io::Result<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        if let Ok(real) = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) {
            if real.is_absolute() {
                return Ok(real);
            }
        }
    }
    let _ = file;
    std::fs::canonicalize(path)
}

/// A folder whose files may be read only if they are inside it once every
/// link is resolved (the folder itself resolved once, so a linked folder is
/// fine): a link out of it (`templates/x -> /etc/passwd`) is refused, not
/// followed.
#[derive(Debug, Clone)]
pub(crate) struct Folder {
    path: PathBuf,
    real: PathBuf,
}

impl Folder {
    /// The folder at `path`; an `Io` error if it does not exist.
    pub(crate) fn new(path: &Path) -> Result<Folder> {
        Ok(Folder {
            path: path.to_path_buf(),
            real: std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?,
        })
    }

    /// The folder a file is in (`.` for a bare name), if it exists.
    pub(crate) fn of_file(path: &Path) -> Option<Folder> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Folder::new(dir).ok()
    }

    /// Reads a file like [`read_bytes`] if it is inside the folder. A
    /// missing file (or a dangling link) is an `Io` error of kind `NotFound`.
    pub(crate) fn read_bytes(&self, path: &Path) -> Result<Vec<u8>> {
        let (file, claimed) = open_regular(path)?;
        let real = real_path(&file, path).map_err(|e| Error::io(path, e))?;
        if !real.starts_with(&self.real) {
            return Err(Error::Outside {
                path: path.to_path_buf(),
                target: real,
                root: self.path.clone(),
            });
        }
        read_open(path, file, claimed)
    }

    /// [`Folder::read_bytes`] as UTF-8 text.
    pub(crate) fn read_text(&self, path: &Path) -> Result<String> {
        utf8(path, self.read_bytes(path)?)
    }
}

/// Checks that `path` (about to be written) stays inside `root`: every part
/// of it after `root` is a plain name (no `..`, no root, no prefix), and the
/// folders of it that exist already, links resolved, are inside `root`.
pub(crate) fn ensure_within(root: &Path, path: &Path) -> Result<()> {
    let outside = |target: PathBuf| Error::Outside {
        path: path.to_path_buf(),
        target,
        root: root.to_path_buf(),
    };
    let rel = path
        .strip_prefix(root)
        .map_err(|_| outside(path.to_path_buf()))?;
    if rel.as_os_str().is_empty()
        || !rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
    {
        return Err(outside(path.to_path_buf()));
    }
    // The deepest folder of the path that exists, resolved.
    let Ok(real_root) = std::fs::canonicalize(root) else {
        return Ok(()); // nothing exists yet: nothing can lead elsewhere
    };
    let mut existing = path.parent();
    while let Some(dir) = existing {
        if let Ok(real) = std::fs::canonicalize(dir) {
            return if real.starts_with(&real_root) {
                Ok(())
            } else {
                Err(outside(real))
            };
        }
        existing = dir.parent();
    }
    Ok(())
}

/// Files with the given extension directly in `dir`, sorted by name.
pub(crate) fn list_files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
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

/// The lock file of an output folder (see [`lock_dir`]).
pub(crate) const LOCK_FILE: &str = ".brief.lock";

/// An advisory lock on an output folder, held until dropped (or the
/// process ends, however it ends: the system releases it, so a killed build
/// leaves no stale lock).
#[derive(Debug)]
pub struct DirLock {
    _file: Option<std::fs::File>,
}

/// Takes the lock of the output folder `dir` (creating it): one build per
/// folder at a time. If another process holds it, waits for it after
/// calling `on_wait`, or with `wait` false fails with [`Error::Locked`]. On
/// a file system without locks, `on_unsupported` is called and the build
/// goes on unlocked.
pub fn lock_dir(
    dir: &Path,
    wait: bool,
    on_wait: impl FnOnce(&Path),
    on_unsupported: impl FnOnce(&Path),
) -> Result<DirLock> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let path = dir.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) if !wait => {
            return Err(Error::Locked { path });
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            on_wait(&path);
            file.lock().map_err(|e| Error::io(&path, e))?;
        }
        Err(std::fs::TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
            on_unsupported(&path);
            return Ok(DirLock { _file: None });
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
    }
    Ok(DirLock { _file: Some(file) })
}

/// Puts the complete folder `new` in place of the folder `target` (which
/// may not exist) in one step where the system can (Linux: an atomic
/// exchange), so a reader or a killed build never sees a mix of old and
/// new; elsewhere the old folder is moved aside first. The old folder is
/// removed.
pub(crate) fn replace_dir(new: &Path, target: &Path) -> Result<()> {
    let io = |e| Error::io(target, e);
    match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return std::fs::rename(new, target).map_err(io);
        }
        Err(e) => return Err(io(e)),
        Ok(meta) if !meta.is_dir() => {
            return Err(io(std::io::Error::other(
                "is not a folder; remove it so the newest edition can be mirrored there",
            )));
        }
        Ok(_) => {}
    }
    if exchange(new, target).is_ok() {
        // `new` now holds the old folder.
        let _ = std::fs::remove_dir_all(new);
        return Ok(());
    }
    let aside = new.with_extension("old");
    std::fs::rename(target, &aside).map_err(io)?;
    let moved = std::fs::rename(new, target).map_err(io);
    if moved.is_err() {
        let _ = std::fs::rename(&aside, target);
    } else {
        let _ = std::fs::remove_dir_all(&aside);
    }
    moved
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths for the call's duration.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Temp files being written right now, removed by
/// [`remove_pending_temp_files_and_exit`] when the process is interrupted.
static PENDING: Mutex<Vec<std::path::PathBuf>> = Mutex::new(Vec::new());

/// The prefix and suffix of our temp files: `.brief-XXXXXX.tmp`.
pub(crate) const TEMP_PREFIX: &str = ".brief-";
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

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
pub(crate) fn remove_stale_temp_files(dir: &Path) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn only_regular_files_are_read_and_the_limit_counts_bytes_read() {
        // A device claims length 0 and never ends: refused, not read.
        assert!(matches!(
            read_text(Path::new("/dev/zero")),
            Err(Error::NotAFile { .. })
        ));
        let dir = tempfile::tempdir().unwrap();
        // A folder reads as "is a directory" (template lookups skip those).
        let err = read_text(dir.path()).unwrap_err();
        assert!(
            matches!(&err, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::IsADirectory),
            "{err}"
        );
        let big = dir.path().join("big.md");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(MAX_INPUT_BYTES + 1)
            .unwrap();
        assert!(matches!(read_text(&big), Err(Error::TooLarge { .. })));
        let ok = dir.path().join("ok.md");
        std::fs::write(&ok, "x".repeat(MAX_INPUT_BYTES as usize)).unwrap();
        assert_eq!(read_text(&ok).unwrap().len(), MAX_INPUT_BYTES as usize);
    }

    #[test]
    #[cfg(unix)]
    fn reads_within_a_folder_follow_links_only_inside_it() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "s").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("templates");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/real.typ"), "r").unwrap();
        std::os::unix::fs::symlink("sub/real.typ", root.join("in.typ")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), root.join("out.typ")).unwrap();
        std::os::unix::fs::symlink("../templates/sub/real.typ", root.join("back.typ")).unwrap();
        assert_eq!(
            Folder::new(&root)
                .unwrap()
                .read_text(&root.join("in.typ"))
                .unwrap(),
            "r"
        );
        assert_eq!(
            Folder::new(&root)
                .unwrap()
                .read_text(&root.join("back.typ"))
                .unwrap(),
            "r"
        );
        assert!(matches!(
            Folder::new(&root).unwrap().read_text(&root.join("out.typ")),
            Err(Error::Outside { .. })
        ));
        let missing = Folder::new(&root)
            .unwrap()
            .read_text(&root.join("none.typ"))
            .unwrap_err();
        assert!(
            matches!(&missing, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
        );
    }

    #[test]
    fn a_folder_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (new, target) = (dir.path().join("new"), dir.path().join("latest"));
        let fill = |d: &Path, files: &[&str]| {
            std::fs::create_dir_all(d).unwrap();
            for f in files {
                std::fs::write(d.join(f), f).unwrap();
            }
        };
        fill(&new, &["a.pdf"]);
        replace_dir(&new, &target).unwrap(); // no folder there yet
        fill(&new, &["b.pdf", "c.pdf"]);
        replace_dir(&new, &target).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(&target)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["b.pdf", "c.pdf"]);
        assert!(!new.exists(), "the old folder is removed");
        // A file in the way is an error, and the new folder is left to the caller.
        let file = dir.path().join("file");
        std::fs::write(&file, "x").unwrap();
        fill(&new, &["d.pdf"]);
        assert!(replace_dir(&new, &file).is_err());
        assert_eq!(std::fs::read(&file).unwrap(), b"x");
    }

    #[test]
    fn written_paths_must_stay_inside_their_root() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        assert!(ensure_within(&out, &out.join("b/2026-W27/policy.pdf")).is_ok());
        for bad in ["../x.pdf", "b/../../x.pdf", "/tmp/x.pdf", ""] {
            assert!(ensure_within(&out, &out.join(bad)).is_err(), "{bad:?}");
        }
        assert!(ensure_within(&out, Path::new("/tmp/x.pdf")).is_err());
        #[cfg(unix)]
        {
            let elsewhere = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(&out).unwrap();
            std::os::unix::fs::symlink(elsewhere.path(), out.join("b")).unwrap();
            assert!(matches!(
                ensure_within(&out, &out.join("b/2026-W27/policy.pdf")),
                Err(Error::Outside { .. })
            ));
        }
    }
}
