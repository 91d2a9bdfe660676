//! Checks: every quote of a brief must appear in the source it cites.

use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::model::Brief;
use crate::sources::SourceSet;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a file, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub file: PathBuf,
    /// Byte range in the file, when known.
    pub span: Option<Range<usize>>,
    /// 1-based line and column of the span's start.
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// One segment of a path into a TOML document: `findings[2].evidence[0].quote`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// The byte span of the value at `path` in a TOML text, if it exists.
pub fn toml_span(text: &str, path: &[Seg<'_>]) -> Option<Range<usize>> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(text).ok()?;
    let mut span = root.span();
    let mut table = Some(root.get_ref());
    let mut array: Option<&[toml::Spanned<DeValue<'_>>]> = None;
    for seg in path {
        let value = match (*seg, table, array) {
            (Seg::Key(k), Some(t), _) => t
                .iter()
                .find(|(key, _)| key.get_ref().as_ref() == k)
                .map(|(_, v)| v)?,
            (Seg::Index(i), _, Some(a)) => a.get(i)?,
            _ => return None,
        };
        span = value.span();
        table = None;
        array = None;
        match value.get_ref() {
            DeValue::Table(t) => table = Some(t),
            DeValue::Array(a) => array = Some(&a[..]),
            _ => {}
        }
    }
    Some(span)
}

/// 1-based (line, column) of a byte offset; columns count characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// Folds the differences a quote may have from its source without changing
/// its meaning: Unicode compatibility forms (NFKC), curly vs straight quotes,
/// dash kinds, soft hyphens, whitespace and line breaks, letter case.
pub fn normalize_for_match(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkc() {
        let c = match c {
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => continue,
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => '-',
            c if c.is_whitespace() => {
                pending_space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Whether `quote` appears in `source` up to the tolerated differences. An
/// elision (`...` or `…`) matches the fragments in order within one paragraph.
pub fn quote_matches(quote: &str, paragraphs: &[String]) -> bool {
    let q = normalize_for_match(quote);
    let fragments: Vec<&str> = q
        .split("...")
        .map(|f| f.trim_matches(|c: char| c == ' ' || c == '[' || c == ']'))
        .filter(|f| !f.is_empty())
        .collect();
    if fragments.is_empty() {
        return false;
    }
    paragraphs.iter().any(|p| {
        let mut at = 0;
        fragments.iter().all(|f| match p[at..].find(f) {
            Some(i) => {
                at += i + f.len();
                true
            }
            None => false,
        })
    })
}

/// The normalised paragraphs of a source, ready for [`quote_matches`].
pub fn normalized_paragraphs(body: &str) -> Vec<String> {
    body.split("\n\n")
        .map(normalize_for_match)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Verifies a brief's citations and quotes against its sources.
pub fn check_brief(
    file: &std::path::Path,
    text: &str,
    brief: &Brief,
    sources: &SourceSet,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |path: &[Seg<'_>], message: String, hint: Option<String>| {
        let span = toml_span(text, path);
        let (line, column) = span
            .as_ref()
            .map(|s| line_col(text, s.start))
            .unwrap_or((1, 1));
        problems.push(Problem {
            severity: Severity::Error,
            file: file.to_path_buf(),
            span,
            line,
            column,
            message,
            hint,
        });
    };
    let known = || {
        sources
            .sources
            .keys()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (i, f) in brief.findings.iter().enumerate() {
        for (j, e) in f.evidence.iter().enumerate() {
            let at = |k| {
                [
                    Seg::Key("findings"),
                    Seg::Index(i),
                    Seg::Key("evidence"),
                    Seg::Index(j),
                    Seg::Key(k),
                ]
            };
            match sources.get(&e.source) {
                None => report(
                    &at("source"),
                    format!("unknown source id `{}`", e.source),
                    Some(format!("known sources: {}", known())),
                ),
                Some(src) => {
                    if !quote_matches(&e.quote, &normalized_paragraphs(&src.body)) {
                        report(
                            &at("quote"),
                            format!("quote not found in source `{}`", e.source),
                            Some("copy the passage verbatim from the article; `...` may elide words within one paragraph".into()),
                        );
                    }
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerates_quotes_dashes_and_whitespace() {
        let paras = normalized_paragraphs("China\u{2019}s  chips \u{2014} at\nscale.\n\nOther.");
        assert!(quote_matches("China's chips - at scale.", &paras));
        assert!(quote_matches("china's chips ... scale", &paras));
        assert!(!quote_matches("China's chips at scale", &paras));
        assert!(!quote_matches("scale. Other", &paras));
    }

    #[test]
    fn finds_spans_in_toml() {
        let text = "a = 1\n[[findings]]\nid = \"x\"\n[[findings.evidence]]\nquote = \"q\"\n";
        let span = toml_span(
            text,
            &[
                Seg::Key("findings"),
                Seg::Index(0),
                Seg::Key("evidence"),
                Seg::Index(0),
                Seg::Key("quote"),
            ],
        )
        .unwrap();
        assert_eq!(&text[span.clone()], "\"q\"");
        assert_eq!(line_col(text, span.start), (5, 9));
    }
}
