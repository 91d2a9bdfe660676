//! Typed errors of the library. They are rendered once, at the CLI edge.

use std::path::PathBuf;

use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}: file is {bytes} bytes, more than the {limit}-byte limit for inputs; split it or trim it", path.display())]
    TooLarge {
        path: PathBuf,
        bytes: u64,
        limit: u64,
    },

    #[error("{}: not a regular file (a FIFO, socket or device); only regular files are read", path.display())]
    NotAFile { path: PathBuf },

    #[error("{}: resolves to {}, outside {}; a link may only point inside its folder", path.display(), target.display(), root.display())]
    Outside {
        path: PathBuf,
        target: PathBuf,
        root: PathBuf,
    },

    #[error("{}: not valid UTF-8 (first bad byte at offset {offset}); save the file as UTF-8", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },

    #[error("{}:{line}:{column}: {message}", path.display())]
    Brief {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error("template `{file}`{}: {message}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    Template {
        file: crate::diag::FileRef,
        line: Option<usize>,
        message: String,
    },

    #[error("{0}")]
    Usage(String),

    #[error("another build is writing {} (it holds {}); wait for it to finish, or leave out --no-wait to wait", path.parent().map(|p| p.display().to_string()).unwrap_or_default(), path.display())]
    Locked { path: PathBuf },

    #[error("watching for changes failed: {message}")]
    Watch { message: String },

    #[error("{}", format_problems(.0))]
    Check(Vec<crate::diag::Problem>),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

fn format_problems(problems: &[crate::diag::Problem]) -> String {
    problems
        .iter()
        .map(|p| {
            let mut s = format!("{}:{}:{}: {}", p.file, p.line, p.column, p.message);
            if let Some(h) = &p.hint {
                s.push_str(&format!("\n  = hint: {h}"));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("\n")
}
