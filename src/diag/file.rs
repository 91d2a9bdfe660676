//! Which file a problem points into: one on disk, a template compiled into
//! the binary, or the Typst markup a build generated.

use std::fmt;
use std::path::{Path, PathBuf};

use super::pos::display_path;

/// A file a problem (or a part of it) is in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileRef {
    /// A file on disk; an empty path for a problem of no file (the build
    /// as a whole).
    Disk(PathBuf),
    /// A built-in template, by name (`style.typ`): shown `<built-in>/style.typ`.
    BuiltIn(String),
    /// The markup a build generated, shown `main.typ (generated)` until
    /// [`crate::project::trace_generated`] traces a problem in it back to
    /// its template line.
    Generated,
}

impl FileRef {
    /// No file at all (an empty path).
    pub(crate) fn is_none(&self) -> bool {
        matches!(self, FileRef::Disk(p) if p.as_os_str().is_empty())
    }

    /// As shown to the reader (human output and JSON): a path without a
    /// leading `./`.
    pub(crate) fn shown(&self) -> String {
        match self {
            FileRef::Disk(p) => display_path(p),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for FileRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileRef::Disk(p) => write!(f, "{}", p.display()),
            FileRef::BuiltIn(name) => write!(f, "<built-in>/{name}"),
            FileRef::Generated => f.write_str("main.typ (generated)"),
        }
    }
}

impl From<&Path> for FileRef {
    fn from(p: &Path) -> Self {
        FileRef::Disk(p.to_path_buf())
    }
}

impl From<&PathBuf> for FileRef {
    fn from(p: &PathBuf) -> Self {
        FileRef::Disk(p.clone())
    }
}

impl From<PathBuf> for FileRef {
    fn from(p: PathBuf) -> Self {
        FileRef::Disk(p)
    }
}

impl From<&FileRef> for FileRef {
    fn from(f: &FileRef) -> Self {
        f.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_as_before() {
        assert_eq!(
            FileRef::from(Path::new("./briefs/b.toml")).shown(),
            "briefs/b.toml"
        );
        assert_eq!(
            FileRef::from(Path::new("./t/x.typ")).to_string(),
            "./t/x.typ"
        );
        assert_eq!(
            FileRef::BuiltIn("style.typ".into()).shown(),
            "<built-in>/style.typ"
        );
        assert_eq!(FileRef::Generated.shown(), "main.typ (generated)");
        assert!(FileRef::from(Path::new("")).is_none());
        assert!(!FileRef::Generated.is_none());
    }
}
