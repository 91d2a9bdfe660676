//! One module per command; each calls the library and returns whether the
//! inputs were clean. What every command shares is here: the terminal
//! (colour, problems, errors), the exit-code rule and the defaults.

pub mod build;
pub mod check;
pub mod completions;
pub mod diff;
pub mod draft;
pub mod figures;
pub mod ingest;
pub mod init;
pub mod schedule;
pub mod templates;
pub mod watch;

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use brief::diag::Problem;
use brief::project::Project;
use brief::{diagnostics, Error};
use chrono::NaiveDate;

use crate::cli::ColorChoice;

/// How a command ended when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    /// Problems were found in the inputs (and reported).
    Problems,
    /// Reading or writing files failed (and was reported): exit 2.
    Failed,
}

impl Outcome {
    pub fn clean_if(clean: bool) -> Self {
        if clean {
            Outcome::Clean
        } else {
            Outcome::Problems
        }
    }
}

/// Whether an error is a failure to read or write files (exit 2), not a
/// problem of the inputs (exit 1).
pub fn is_io(error: &Error) -> bool {
    matches!(error, Error::Io { .. })
}

/// The one exit-code rule: 0 clean, 1 problems in the inputs, 2 any other failure.
pub fn exit_code(result: &brief::Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) | Err(Error::Check(_)) => ExitCode::from(1),
        Ok(Outcome::Failed) => ExitCode::from(2),
        Err(_) => ExitCode::from(2),
    }
}

/// The terminal the commands report to: whether to colour, and how
/// problems and errors look (one renderer for all of them).
pub struct Term {
    pub color: bool,
}

impl Term {
    pub fn new(choice: ColorChoice) -> Self {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stderr().is_terminal()
            }
        };
        Term { color }
    }

    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Problems as `brief check` shows them, without its summary line.
    pub fn problems(&self, problems: &[Problem]) -> String {
        diagnostics::render_problems(problems, &BTreeMap::new(), self.color)
    }

    /// An error as problems when it holds some, else one `error:` line.
    pub fn error(&self, err: &Error) -> String {
        match err {
            Error::Check(_) | Error::Template { .. } | Error::Io { .. } => {
                self.problems(&diagnostics::error_problems(err))
            }
            other => format!(
                "{}: {}\n",
                self.paint("1;31", "error"),
                brief::util::text::for_terminal(&other.to_string())
            ),
        }
    }

    pub fn print_error(&self, error: &Error) {
        err(&self.error(error));
    }
}

/// Set once stdout is found closed (`brief figures | head -c1`): nothing
/// more is written there and the command ends as it would have, quietly.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to stdout (flushed). A closed stdout (broken pipe) ends the
/// output quietly, never a panic; any other failure (a full disk behind a
/// redirection) is an I/O error, exit 2.
pub fn out(text: &str) -> brief::Result<()> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(e) => Err(Error::io("<stdout>", e)),
    }
}

/// [`out`] with a line end.
pub fn outln(text: &str) -> brief::Result<()> {
    out(&format!("{text}\n"))
}

/// Writes `text` to stderr; a failure there has nowhere to be reported and
/// is ignored (never a panic, as `eprint!` would on a closed pipe).
pub fn err(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush());
}

/// [`err`] with a line end.
pub fn errln(text: &str) {
    err(&format!("{text}\n"))
}

/// The date a command works at: the one given, else today.
pub fn date_or_today(date: Option<NaiveDate>) -> NaiveDate {
    date.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The briefs named on the command line, else all of the project's.
pub fn selected_briefs(project: &Project, names: &[String]) -> brief::Result<Vec<PathBuf>> {
    if names.is_empty() {
        project.brief_paths()
    } else {
        names.iter().map(|n| project.find_brief(n)).collect()
    }
}

pub fn no_briefs(project: &Project) -> Error {
    Error::Usage(format!(
        "no briefs in {}: write one (see README) or run `brief draft`",
        project.briefs_dir().display()
    ))
}
