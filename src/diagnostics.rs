//! Rendering of problems in the look of rustc/Typst diagnostics (via
//! `codespan-reporting`), or as JSON for tools. Rendering goes to a
//! `String`, so the CLI prints once at the edge and tests can snapshot it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use serde::Serialize;

use crate::diag::pos::{line_span, prepare_text};
use crate::diag::{FileRef, Problem, ProblemCode, Report, Severity};
use crate::error::Error;
use crate::util::text::{for_terminal, for_terminal_same_offsets};

/// The files problems point into, loaded once each.
struct Files {
    db: SimpleFiles<String, String>,
    ids: BTreeMap<FileRef, Option<usize>>,
}

impl Files {
    fn new(texts: &BTreeMap<PathBuf, String>) -> Self {
        let mut files = Files {
            db: SimpleFiles::new(),
            ids: BTreeMap::new(),
        };
        for (path, text) in texts {
            files.insert(&FileRef::from(path), text.clone());
        }
        files
    }

    fn insert(&mut self, file: &FileRef, text: String) -> usize {
        // Offsets into the text must hold: control characters become `?`.
        let text = for_terminal_same_offsets(&text).into_owned();
        let name = for_terminal(&file.shown()).into_owned();
        let id = self.db.add(name, text);
        self.ids.insert(file.clone(), Some(id));
        id
    }

    /// The file id of `file`, reading it on first use (built-in templates
    /// come from the binary).
    fn id(&mut self, file: &FileRef) -> Option<usize> {
        if let Some(id) = self.ids.get(file) {
            return *id;
        }
        match load_text(file) {
            Some(text) => Some(self.insert(file, text)),
            None => {
                self.ids.insert(file.clone(), None);
                None
            }
        }
    }
}

fn load_text(file: &FileRef) -> Option<String> {
    match file {
        FileRef::BuiltIn(name) => crate::render::BUILTIN_TEMPLATES
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.to_string()),
        FileRef::Disk(path) => crate::util::fs::read_text(path)
            .ok()
            .map(|t| prepare_text(&t)),
        // Problems in the generated markup are traced to their templates
        // before they are shown; one that is not has no snippet.
        FileRef::Generated => None,
    }
}

/// Renders every problem, then a summary line. `color` adds ANSI colours.
pub fn render_human(report: &Report, color: bool) -> String {
    let mut text = render_problems(&report.problems, &report.texts, color);
    text.push_str(&summary(report, color));
    text
}

/// Renders problems without a summary line: `texts` are the files they
/// point into that are not on disk as they were read (others are read on
/// first use, built-in templates come from the binary).
pub fn render_problems(
    problems: &[Problem],
    texts: &BTreeMap<PathBuf, String>,
    color: bool,
) -> String {
    let mut files = Files::new(texts);
    let mut out: Vec<u8> = Vec::new();
    {
        let mut plain;
        let mut ansi;
        let writer: &mut dyn termcolor::WriteColor = if color {
            ansi = termcolor::Ansi::new(&mut out);
            &mut ansi
        } else {
            plain = termcolor::NoColor::new(&mut out);
            &mut plain
        };
        let config = term::Config::default();
        for problem in problems {
            let diagnostic = to_diagnostic(problem, &mut files);
            // Writing to a Vec cannot fail; a missing file only loses its snippet.
            let _ = term::emit(writer, &config, &files.db, &diagnostic);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn to_diagnostic(p: &Problem, files: &mut Files) -> Diagnostic<usize> {
    let base = match p.severity {
        Severity::Error => Diagnostic::error(),
        Severity::Warning => Diagnostic::warning(),
    };
    let mut labels = Vec::new();
    let primary = p
        .span
        .clone()
        .and_then(|s| files.id(&p.file).map(|id| (id, s)));
    let message = match primary {
        Some((id, span)) => {
            labels.push(Label::primary(id, span));
            p.message.clone()
        }
        None if p.file.is_none() => p.message.clone(),
        None => format!("{}: {}", p.file.shown(), p.message),
    };
    let message = for_terminal(&message).into_owned();
    for r in &p.related {
        if let Some(id) = files.id(&r.file) {
            labels
                .push(Label::secondary(id, r.span.clone()).with_message(for_terminal(&r.message)));
        }
    }
    let mut notes: Vec<String> = p
        .notes
        .iter()
        .map(|n| format!("note: {}", for_terminal(n)))
        .collect();
    if let Some(h) = &p.hint {
        notes.push(format!("hint: {}", for_terminal(h)));
    }
    base.with_code(p.code.as_str())
        .with_message(message)
        .with_labels(labels)
        .with_notes(notes)
}

/// "error: 2 problems in 1 file: 1 error, 1 warning" or "ok: no problems".
pub(crate) fn summary(report: &Report, color: bool) -> String {
    let (errors, warnings) = (report.errors(), report.warnings());
    let files: std::collections::BTreeSet<_> = report.problems.iter().map(|p| &p.file).collect();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    if report.problems.is_empty() {
        return format!("{}: no problems found\n", paint("1;32", "ok"));
    }
    let label = if errors > 0 {
        paint("1;31", "error")
    } else {
        paint("1;33", "warning")
    };
    format!(
        "{label}: {} and {} in {}\n",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(files.len(), "file")
    )
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    problems: &'a [Problem],
}

/// The problems as pretty JSON: `{"errors": n, "warnings": n, "problems": [...]}`.
pub fn render_json(report: &Report) -> String {
    let json = JsonReport {
        errors: report.errors(),
        warnings: report.warnings(),
        problems: &report.problems,
    };
    let mut s = serde_json::to_string_pretty(&json).expect("problems always serialise");
    s.push('\n');
    s
}

/// An error of the library as problems, so `brief build` shows template,
/// Typst and input errors with the same renderer as `brief check`.
pub fn error_problems(err: &Error) -> Vec<Problem> {
    match err {
        Error::Check(problems) => problems.clone(),
        Error::Template {
            file,
            line,
            message,
        } => vec![template_problem(file, *line, message)],
        Error::TooLarge { path, bytes, limit } => vec![Problem::file(
            ProblemCode::TooLarge,
            path,
            format!("file is {bytes} bytes, more than the {limit}-byte limit for inputs; it was not read"),
        )],
        Error::NotUtf8 { path, .. } => vec![Problem::file(ProblemCode::NotUtf8, path, err.to_string())],
        Error::Io { path, source } => vec![Problem::file(ProblemCode::Io, path, source.to_string())
            .hint("check that the path exists and that you may read and write it")],
        Error::Outside { path, target, root } => vec![Problem::file(
            ProblemCode::Unreadable,
            path,
            format!(
                "resolves to {}, outside {}; it was not read",
                target.display(),
                root.display()
            ),
        )
        .hint("a link may only point inside its folder: copy the file in instead")],
        Error::NotAFile { path } => vec![Problem::file(
            ProblemCode::Unreadable,
            path,
            "not a regular file (a FIFO, socket or device); it was not read",
        )
        .hint("only regular files are read: move it out of the folder")],
        other => vec![Problem::file(ProblemCode::Error, Path::new(""), other.to_string())],
    }
}

/// A minijinja error at `line` of a template file, pointing at that line.
fn template_problem(file: &FileRef, line: Option<usize>, message: &str) -> Problem {
    let text = load_text(file).unwrap_or_default();
    let span = line.and_then(|l| line_span(&text, l));
    Problem::at(
        Severity::Error,
        ProblemCode::Template,
        file,
        &text,
        span,
        message.to_string(),
    )
    .hint(if file.to_string().ends_with(".toml") {
        "audiences.toml is TOML: `default = \"NAME\"` and one `[audiences.NAME]` table per audience"
    } else {
        "fix the template syntax; see https://docs.rs/minijinja for the template language"
    })
}
