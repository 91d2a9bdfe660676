//! A TOML document (a brief, a seed's front matter) checked against its
//! schema, every problem collected.

use std::ops::Range;
use std::path::Path;

use super::schema;
use crate::diag::{Problem, ProblemCode, Severity};

pub(crate) fn first_line(text: &str) -> Range<usize> {
    0..text.find('\n').unwrap_or(text.len())
}

/// Problems of the TOML document at `range` of `text`: syntax, then
/// structure against `fields`.
pub(crate) fn parse_toml_range(
    path: &Path,
    text: &str,
    range: Range<usize>,
    header: Range<usize>,
    fields: &[schema::Field],
) -> Vec<Problem> {
    let doc = &text[range.clone()];
    let shift = |s: Range<usize>| s.start + range.start..s.end + range.start;
    let (root, errors) = toml::de::DeTable::parse_recoverable(doc);
    if !errors.is_empty() {
        let mut errors = errors;
        errors.sort_by_key(|e| e.span().map_or(0, |s| s.start));
        return errors
            .iter()
            .map(|e| {
                Problem::at(
                    Severity::Error,
                    ProblemCode::TomlSyntax,
                    path,
                    text,
                    e.span().map(shift),
                    toml_message(e.message()),
                )
                .hint(toml_hint(e.message()))
            })
            .collect();
    }
    // Problems of the top-level table (missing fields) point at `header`,
    // which is outside `range` for a seed's front matter.
    const TOP: Range<usize> = usize::MAX..usize::MAX;
    let mut issues = schema::validate(root.get_ref(), fields, TOP);
    issues.sort_by_key(|i| if i.span == TOP { 0 } else { i.span.start + 1 });
    issues
        .into_iter()
        .map(|issue| {
            let code = issue.code;
            let span = if issue.span == TOP {
                header.clone()
            } else {
                shift(issue.span)
            };
            let mut p = Problem::at(Severity::Error, code, path, text, Some(span), issue.message);
            p.hint = issue.hint;
            p
        })
        .collect()
}

fn toml_message(message: &str) -> String {
    let m = message.trim();
    let mut chars = m.chars();
    match chars.next() {
        Some(c) => format!("invalid TOML: {}{}", c.to_lowercase(), chars.as_str()),
        None => "invalid TOML".into(),
    }
}

fn toml_hint(message: &str) -> &'static str {
    if message.contains("duplicate key") {
        "a key may appear only once per table: remove or rename one of them"
    } else if message.contains("quoted") || message.contains("string") {
        "text values need \"double quotes\"; use triple quotes for text over several lines"
    } else {
        "see https://toml.io for the syntax"
    }
}
