//! Loading inputs leniently: one loader per file kind, each reading its
//! file once and reporting every problem it finds (never only the first),
//! with what parsed kept for the rules of [`crate::check`].

pub mod brief;
pub mod schema;
pub mod seed;
mod toml_doc;

use std::path::Path;

use crate::diag::pos::prepare_text;
use crate::diag::{Problem, ProblemCode, Severity};
use crate::error::Error;

/// Reads an input file as prepared text, or the problem that stops it
/// (with the lossily decoded text, for a non-UTF-8 file, to point into).
pub(crate) fn read_input(path: &Path) -> std::result::Result<String, Box<(String, Problem)>> {
    match crate::util::fs::read_text(path) {
        Ok(raw) => Ok(prepare_text(&raw)),
        Err(Error::NotUtf8 { offset, .. }) => {
            let bytes = std::fs::read(path).unwrap_or_default();
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
        Err(Error::TooLarge { bytes, limit, .. }) => Err(Box::new((
            String::new(),
            Problem::file(
                ProblemCode::TooLarge,
                path,
                format!("file is {bytes} bytes, more than the {limit}-byte limit for inputs; it was not read"),
            )
            .hint("split the article or trim it to the passages the brief needs"),
        ))),
        Err(e) => Err(Box::new((
            String::new(),
            Problem::file(ProblemCode::Unreadable, path, e.to_string()),
        ))),
    }
}
