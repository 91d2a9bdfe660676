//! The problem model: one problem found in an input, with where it is and
//! how to fix it, and a report of many. Rendering them is
//! [`crate::diagnostics`]'s job; positions are in [`pos`].

pub mod file;
pub(crate) mod pos;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use file::FileRef;
pub use pos::prepare_text;
use pos::{clamp, line_col};
pub(crate) use pos::{toml_span, Seg};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A stable name of the rule a problem breaks, for tools (`unknown-source`
/// in JSON and in the human output).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemCode {
    UnknownKey,
    MissingField,
    EmptyField,
    InvalidDate,
    InvalidValue,
    WrongType,
    TomlSyntax,
    EmptyFile,
    InvalidBrief,
    SeedFormat,
    EmptyBody,
    DuplicateId,
    InvalidName,
    NotUtf8,
    TooLarge,
    Unreadable,
    Io,
    UnknownSource,
    QuoteNotFound,
    QuoteTooShort,
    QuoteAcrossParagraphs,
    QuoteMeaning,
    FigureNotInSource,
    FigureNotCheckable,
    NoEvidence,
    SingleOutlet,
    OneSided,
    ReviewOverdue,
    UncitedSource,
    Draft,
    Placeholder,
    Template,
    Typst,
    PageLimit,
    Error,
}

impl ProblemCode {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ProblemCode::UnknownKey => "unknown-key",
            ProblemCode::MissingField => "missing-field",
            ProblemCode::EmptyField => "empty-field",
            ProblemCode::InvalidDate => "invalid-date",
            ProblemCode::InvalidValue => "invalid-value",
            ProblemCode::WrongType => "wrong-type",
            ProblemCode::TomlSyntax => "toml-syntax",
            ProblemCode::EmptyFile => "empty-file",
            ProblemCode::InvalidBrief => "invalid-brief",
            ProblemCode::SeedFormat => "seed-format",
            ProblemCode::EmptyBody => "empty-body",
            ProblemCode::DuplicateId => "duplicate-id",
            ProblemCode::InvalidName => "invalid-name",
            ProblemCode::NotUtf8 => "not-utf8",
            ProblemCode::TooLarge => "too-large",
            ProblemCode::Unreadable => "unreadable",
            ProblemCode::Io => "io",
            ProblemCode::UnknownSource => "unknown-source",
            ProblemCode::QuoteNotFound => "quote-not-found",
            ProblemCode::QuoteTooShort => "quote-too-short",
            ProblemCode::QuoteAcrossParagraphs => "quote-across-paragraphs",
            ProblemCode::QuoteMeaning => "quote-meaning",
            ProblemCode::FigureNotInSource => "figure-not-in-source",
            ProblemCode::FigureNotCheckable => "figure-not-checkable",
            ProblemCode::NoEvidence => "no-evidence",
            ProblemCode::SingleOutlet => "single-outlet",
            ProblemCode::OneSided => "one-sided",
            ProblemCode::ReviewOverdue => "review-overdue",
            ProblemCode::UncitedSource => "uncited-source",
            ProblemCode::Draft => "draft",
            ProblemCode::Placeholder => "placeholder",
            ProblemCode::Template => "template",
            ProblemCode::Typst => "typst",
            ProblemCode::PageLimit => "page-limit",
            ProblemCode::Error => "error",
        }
    }
}

impl std::fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary place a problem points at ("first used here", "closest passage").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    #[serde(serialize_with = "shown_file")]
    pub file: FileRef,
    pub span: Range<usize>,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One problem found in a file, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub code: ProblemCode,
    #[serde(serialize_with = "shown_file")]
    pub file: FileRef,
    /// Byte range in the file (after BOM and CRLF normalisation), when known.
    pub span: Option<Range<usize>>,
    /// 1-based line and column of the span's start (1:1 when unknown).
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// Paths in JSON as in the human output: without a leading `./`.
fn shown_file<S: serde::Serializer>(file: &FileRef, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&file.shown())
}

impl Problem {
    /// A problem at `span` of `text` (the contents of `file`).
    pub(crate) fn at(
        severity: Severity,
        code: ProblemCode,
        file: impl Into<FileRef>,
        text: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        let span = span.map(|s| clamp(text, s));
        let (line, column) = span
            .as_ref()
            .map(|s| line_col(text, s.start))
            .unwrap_or((1, 1));
        Problem {
            severity,
            code,
            file: file.into(),
            span,
            line,
            column,
            message: message.into(),
            hint: None,
            notes: Vec::new(),
            related: Vec::new(),
        }
    }

    /// A problem with a whole file (unreadable, too large).
    pub(crate) fn file(
        code: ProblemCode,
        file: impl Into<FileRef>,
        message: impl Into<String>,
    ) -> Self {
        Problem::at(Severity::Error, code, file, "", None, message)
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub(crate) fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub(crate) fn related(
        mut self,
        file: impl Into<FileRef>,
        text: &str,
        span: Range<usize>,
        msg: &str,
    ) -> Self {
        let span = clamp(text, span);
        let (line, column) = line_col(text, span.start);
        self.related.push(Related {
            file: file.into(),
            span,
            line,
            column,
            message: msg.to_string(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The result of checking: every problem, and the text of every file they
/// point into (for the diagnostics renderer).
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub problems: Vec<Problem>,
    pub texts: BTreeMap<PathBuf, String>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }

    pub(crate) fn add_text(&mut self, path: &Path, text: &str) {
        self.texts.insert(path.to_path_buf(), text.to_string());
    }
}
