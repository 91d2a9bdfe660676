//! Positions in input texts: byte spans, 1-based lines and columns, the
//! span of a value in a TOML document.

use std::ops::Range;
use std::path::Path;

/// Keeps a span inside the text and on character boundaries.
pub(crate) fn clamp(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The text of an input as problems refer to it: without a byte-order mark
/// and with CRLF line ends as LF (lines and columns are unchanged for the
/// reader; byte offsets refer to this text).
pub fn prepare_text(raw: &str) -> String {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    }
}

/// One segment of a path into a TOML document: `findings[2].evidence[0].quote`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// The byte span of the value at `path` in a TOML text, if it exists.
pub(crate) fn toml_span(text: &str, path: &[Seg<'_>]) -> Option<Range<usize>> {
    use toml::de::DeTable;
    let (root, _) = DeTable::parse_recoverable(text);
    span_in(&root, path)
}

pub(crate) fn span_in(
    root: &toml::Spanned<toml::de::DeTable<'_>>,
    path: &[Seg<'_>],
) -> Option<Range<usize>> {
    use toml::de::DeValue;
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
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
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

/// The byte range of 1-based line `line` without its line end.
pub(crate) fn line_span(text: &str, line: usize) -> Option<Range<usize>> {
    let mut start = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            let trimmed = l.trim_start();
            let lead = l.len() - trimmed.len();
            return Some(start + lead..start + l.trim_end().len().max(lead));
        }
        start += l.len() + 1;
    }
    None
}

/// A path as shown to the reader: without a leading `./`.
pub(crate) fn display_path(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

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
