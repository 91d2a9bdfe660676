//! Loading inputs leniently: one loader per file kind, each reading its
//! file once and reporting every problem it finds (never only the first),
//! with what parsed kept for the rules of [`crate::check`].

pub mod brief;
pub(crate) mod schema;
pub mod seed;
mod toml_doc;

use std::path::Path;

use crate::diag::pos::prepare_text;
use crate::diag::{Problem, ProblemCode, Severity};
use crate::error::Error;

/// Reads an input file as prepared text, or the problem that stops it
/// (with the lossily decoded text, for a non-UTF-8 file, to point into).
/// With a `root`, the file must be inside it once links are resolved.
pub(crate) fn read_input(
    path: &Path,
    root: Option<&crate::util::fs::Folder>,
) -> std::result::Result<String, Box<(String, Problem)>> {
    let bytes = match root {
        Some(root) => root.read_bytes(path),
        None => crate::util::fs::read_bytes(path),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => return Err(Box::new(unreadable(path, e))),
    };
    match String::from_utf8(bytes) {
        Ok(raw) => Ok(prepare_text(&raw)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let valid = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]).len();
            let problem = Problem::at(
                Severity::Error,
                ProblemCode::NotUtf8,
                path,
                &text,
                Some(valid..valid + 1),
                format!("not valid UTF-8 (first bad byte at offset {offset})"),
            )
            .hint("save the file as UTF-8; if it is not a text file, move it out of the folder");
            Err(Box::new((text, problem)))
        }
    }
}

/// The problem of an input that could not be read at all.
fn unreadable(path: &Path, e: Error) -> (String, Problem) {
    match e {
        Error::TooLarge { bytes, limit, .. } => (
            String::new(),
            Problem::file(
                ProblemCode::TooLarge,
                path,
                format!("file is {bytes} bytes, more than the {limit}-byte limit for inputs; it was not read"),
            )
            .hint("split the article or trim it to the passages the brief needs"),
        ),
        Error::Outside { target, root, .. } => (
            String::new(),
            Problem::file(
                ProblemCode::Unreadable,
                path,
                format!(
                    "is a link to {}, outside {}; it was not read",
                    target.display(),
                    root.display()
                ),
            )
            .hint("copy the file into the folder instead of linking to it"),
        ),
        Error::NotAFile { .. } => (
            String::new(),
            Problem::file(
                ProblemCode::Unreadable,
                path,
                "is not a regular file (a FIFO, socket or device); it was not read",
            )
            .hint("only regular files are read: move it out of the folder"),
        ),
        e => (
            String::new(),
            Problem::file(ProblemCode::Unreadable, path, e.to_string()),
        ),
    }
}
