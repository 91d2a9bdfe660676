//! Checks: every brief and seed is loaded with all of its problems reported
//! at once, and every finding is proven against the articles it cites.
//!
//! Loading never stops at the first problem: TOML syntax errors are
//! recovered from ([`toml::de::DeTable::parse_recoverable`]), the structure
//! is validated by [`crate::schema`] (unknown keys, wrong types, missing or
//! empty fields, invalid dates), and the rules below run on what parsed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::model::{Brief, SourceId, Status};
use crate::sources::{self, Source, SourceSet};
use crate::{numbers, schema};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A secondary place a problem points at ("first used here", "closest passage").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    #[serde(serialize_with = "shown_path")]
    pub file: PathBuf,
    pub span: Range<usize>,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One problem found in a file, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    /// A stable kebab-case name of the rule, for tools: `unknown-source`.
    pub code: &'static str,
    #[serde(serialize_with = "shown_path")]
    pub file: PathBuf,
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
fn shown_path<S: serde::Serializer>(path: &Path, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&crate::diagnostics::display_path(path))
}

impl Problem {
    /// A problem at `span` of `text` (the contents of `file`).
    pub fn at(
        severity: Severity,
        code: &'static str,
        file: &Path,
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
            file: file.to_path_buf(),
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
    pub fn file(code: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Problem::at(Severity::Error, code, file, "", None, message)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn related(mut self, file: &Path, text: &str, span: Range<usize>, msg: &str) -> Self {
        let span = clamp(text, span);
        let (line, column) = line_col(text, span.start);
        self.related.push(Related {
            file: file.to_path_buf(),
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

/// Keeps a span inside the text and on character boundaries.
fn clamp(text: &str, span: Range<usize>) -> Range<usize> {
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
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// The byte span of the value at `path` in a TOML text, if it exists.
pub fn toml_span(text: &str, path: &[Seg<'_>]) -> Option<Range<usize>> {
    use toml::de::DeTable;
    let (root, _) = DeTable::parse_recoverable(text);
    span_in(&root, path)
}

fn span_in(root: &toml::Spanned<toml::de::DeTable<'_>>, path: &[Seg<'_>]) -> Option<Range<usize>> {
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
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
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

// ---------------------------------------------------------------------------
// Quote matching

/// Folds the differences a quote may have from its source without changing
/// its meaning: Unicode compatibility forms (NFKC, which also turns `…` into
/// `...`), curly vs straight quotes, dash kinds, soft hyphens, whitespace and
/// line breaks, letter case.
pub fn normalize_for_match(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkc() {
        let c = match c {
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => continue,
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

/// The fragments of a normalised quote between elisions (`...`, `…`, `[...]`).
fn fragments(normalized: &str) -> Vec<&str> {
    normalized
        .split("...")
        .map(|f| f.trim_matches(|c: char| c == ' ' || c == '[' || c == ']'))
        .filter(|f| !f.is_empty())
        .collect()
}

/// Whether `quote` appears in `source` up to the tolerated differences. An
/// elision (`...` or `…`) matches the fragments in order within one paragraph.
pub fn quote_matches(quote: &str, paragraphs: &[String]) -> bool {
    let q = normalize_for_match(quote);
    let fragments = fragments(&q);
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

/// The passage of a source most like a quote that was not found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Byte range in the body.
    pub range: Range<usize>,
    /// The passage as written in the source, whitespace collapsed.
    pub text: String,
    /// 0.0 ..= 1.0 (normalised Levenshtein similarity after normalisation).
    pub similarity: f64,
}

/// Finds the passage of `body` closest to `quote`: word windows about the
/// quote's length are ranked by shared words (linear time), and the best few
/// by edit-distance similarity. Fast enough for 100 KB articles.
pub fn closest_passage(quote: &str, body: &str) -> Option<Passage> {
    let wanted: Vec<String> = normalize_for_match(quote)
        .split(' ')
        .filter(|w| !w.is_empty() && *w != "..." && *w != "[...]")
        .map(str::to_string)
        .collect();
    let words = body_words(body);
    if wanted.is_empty() || words.is_empty() {
        return None;
    }
    let n = wanted.len().min(words.len()).min(150);
    let set: HashSet<&str> = wanted.iter().map(String::as_str).collect();
    let hits: Vec<usize> = words
        .iter()
        .map(|(_, w)| usize::from(set.contains(w.as_str())))
        .collect();
    let starts = best_windows(&hits, n, 6);
    let target = wanted.join(" ");
    let mut best: Option<(f64, usize, usize)> = None;
    let para = paragraph_of_words(body, &words);
    let shift: usize = if n <= 40 { 2 } else { 0 };
    let mut windows = Vec::new();
    for pick in starts {
        let first = pick.saturating_sub(shift);
        for start in first..=(pick + shift).min(words.len() - 1) {
            for len in [n.saturating_sub(1), n, n + 1] {
                let end = (start + len).min(words.len());
                if len == 0 || end <= start {
                    continue;
                }
                // Windows stay within the paragraph where they start.
                let end = (start..end)
                    .take_while(|&i| para[i] == para[start])
                    .last()
                    .map_or(end, |i| i + 1);
                windows.push((start, end));
            }
        }
    }
    windows.sort_unstable();
    windows.dedup();
    for (start, end) in windows {
        {
            let candidate = words[start..end]
                .iter()
                .map(|(_, w)| w.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let score = strsim::normalized_levenshtein(&target, &candidate);
            if best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, start, end));
            }
        }
    }
    let (similarity, start, end) = best?;
    let range = words[start].0.start..words[end - 1].0.end;
    let text = body[range.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(Passage {
        range,
        text,
        similarity,
    })
}

/// The paragraph number of each word (paragraphs are blank-line separated).
fn paragraph_of_words(body: &str, words: &[(Range<usize>, String)]) -> Vec<usize> {
    let mut para = 0;
    let mut last_end = 0;
    words
        .iter()
        .map(|(range, _)| {
            if body[last_end..range.start].matches('\n').count() >= 2 {
                para += 1;
            }
            last_end = range.end;
            para
        })
        .collect()
}

/// Words of a body with their byte ranges, each normalised for matching.
fn body_words(body: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in body
        .char_indices()
        .chain(std::iter::once((body.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                let w = normalize_for_match(&body[s..i]);
                if !w.is_empty() {
                    out.push((s..i, w));
                }
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// Start indices of the `k` windows of length `n` with the most hits.
fn best_windows(hits: &[usize], n: usize, k: usize) -> Vec<usize> {
    let mut sum: usize = hits[..n].iter().sum();
    let mut scored = vec![(sum, 0usize)];
    for start in 1..=hits.len() - n {
        sum = sum + hits[start + n - 1] - hits[start - 1];
        scored.push((sum, start));
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut picked: Vec<usize> = Vec::new();
    for (_, s) in scored {
        if picked.iter().all(|p| p.abs_diff(s) >= n.div_ceil(2)) {
            picked.push(s);
        }
        if picked.len() == k {
            break;
        }
    }
    picked
}

// ---------------------------------------------------------------------------
// Loading with every problem reported

/// A brief file as checked: its (prepared) text, the brief if it parsed,
/// and its problems.
#[derive(Debug, Clone)]
pub struct BriefFile {
    pub path: PathBuf,
    pub text: String,
    pub brief: Option<Brief>,
    pub problems: Vec<Problem>,
}

/// Reads and parses a brief file, collecting every problem.
pub fn load_brief_file(path: &Path) -> BriefFile {
    match read_input(path) {
        Ok(text) => {
            let (brief, problems) = parse_brief(path, &text);
            BriefFile {
                path: path.to_path_buf(),
                text,
                brief,
                problems,
            }
        }
        Err(failed) => {
            let (text, problem) = *failed;
            BriefFile {
                path: path.to_path_buf(),
                text,
                brief: None,
                problems: vec![problem],
            }
        }
    }
}

/// Reads an input file as prepared text, or the problem that stops it
/// (with the lossily decoded text, for a non-UTF-8 file, to point into).
fn read_input(path: &Path) -> std::result::Result<String, Box<(String, Problem)>> {
    match sources::read_text(path) {
        Ok(raw) => Ok(prepare_text(&raw)),
        Err(Error::NotUtf8 { offset, .. }) => {
            let bytes = std::fs::read(path).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let valid = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]).len();
            let problem = Problem::at(
                Severity::Error,
                "not-utf8",
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
                "too-large",
                path,
                format!("file is {bytes} bytes, more than the {limit}-byte limit for inputs; it was not read"),
            )
            .hint("split the article or trim it to the passages the brief needs"),
        ))),
        Err(e) => Err(Box::new((
            String::new(),
            Problem::file("unreadable", path, e.to_string()),
        ))),
    }
}

/// Parses a brief's text, collecting syntax, structure and type problems.
pub fn parse_brief(path: &Path, text: &str) -> (Option<Brief>, Vec<Problem>) {
    let header = first_line(text);
    let mut problems = parse_toml_range(path, text, 0..text.len(), header, schema::BRIEF);
    if text.trim().is_empty() {
        problems = vec![Problem::at(
            Severity::Error,
            "empty-file",
            path,
            text,
            Some(0..0),
            "the brief is empty",
        )
        .hint("a brief needs at least kicker, title, deck, as_of and bottom_line")];
    }
    if !problems.is_empty() {
        // Unknown keys alone do not stop the rules: the brief is loaded
        // without them so its quotes and sources are still checked.
        let only_unknown = problems.iter().all(|p| p.code == "unknown-key");
        return (
            only_unknown.then(|| lenient_brief(text)).flatten(),
            problems,
        );
    }
    match toml::from_str::<Brief>(text) {
        Ok(brief) => (Some(brief), problems),
        Err(e) => {
            // The schema mirrors the model; anything it missed still shows here.
            problems.push(Problem::at(
                Severity::Error,
                "invalid-brief",
                path,
                text,
                e.span(),
                e.message().trim(),
            ));
            (None, problems)
        }
    }
}

/// The brief without its unknown keys, if it is otherwise valid.
fn lenient_brief(text: &str) -> Option<Brief> {
    let (root, errors) = toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return None;
    }
    let unknown: Vec<(String, String)> = schema::validate(root.get_ref(), schema::BRIEF, 0..0)
        .into_iter()
        .filter_map(|i| i.unknown)
        .collect();
    let mut table: toml::Table = toml::from_str(text).ok()?;
    for (at, key) in unknown {
        if let Some(t) = table_at(&mut table, &at) {
            t.remove(&key);
        }
    }
    toml::Value::Table(table).try_into().ok()
}

/// The table at `findings[0].evidence[1]` (or the root for "").
fn table_at<'t>(root: &'t mut toml::Table, at: &str) -> Option<&'t mut toml::Table> {
    let mut table = root;
    for part in at.split('.').filter(|p| !p.is_empty()) {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let value = table.get_mut(key)?;
        let value = match index {
            Some(i) => value.as_array_mut()?.get_mut(i)?,
            None => value,
        };
        table = value.as_table_mut()?;
    }
    Some(table)
}

fn first_line(text: &str) -> Range<usize> {
    0..text.find('\n').unwrap_or(text.len())
}

fn parse_toml_range(
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
                    "toml-syntax",
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
            let code = issue_code(&issue.message);
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

fn issue_code(message: &str) -> &'static str {
    if message.starts_with("unknown key") {
        "unknown-key"
    } else if message.starts_with("missing required") {
        "missing-field"
    } else if message.ends_with("is empty") {
        "empty-field"
    } else if message.contains("date") {
        "invalid-date"
    } else if message.contains("unknown value") {
        "invalid-value"
    } else {
        "wrong-type"
    }
}

/// Where the parts of a seed file are.
struct SeedLayout {
    /// The TOML between the `+++` lines.
    front: Range<usize>,
    /// Everything after the closing `+++` line.
    body: Range<usize>,
}

fn seed_layout(text: &str) -> std::result::Result<SeedLayout, (Range<usize>, &'static str)> {
    let first = first_line(text);
    if text[first.clone()].trim_end() != "+++" {
        return Err((
            first,
            "a seed must start with a `+++` line opening its TOML front matter",
        ));
    }
    let front_start = (first.end + 1).min(text.len());
    let mut at = front_start;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        if text[at..end].trim_end() == "+++" {
            return Ok(SeedLayout {
                front: front_start..at,
                body: (end + 1).min(text.len())..text.len(),
            });
        }
        at = end + 1;
    }
    Err((
        first,
        "the front matter is not closed: add a `+++` line after it",
    ))
}

/// A seed file as checked.
#[derive(Debug, Clone)]
pub struct SeedFile {
    pub path: PathBuf,
    pub text: String,
    pub source: Option<Source>,
    /// Where the `id` value is, for problems about the seed as a whole.
    pub id_span: Option<Range<usize>>,
    pub problems: Vec<Problem>,
}

/// Parses a seed's text, collecting every problem.
pub fn parse_seed_text(path: &Path, text: &str) -> SeedFile {
    let mut seed = SeedFile {
        path: path.to_path_buf(),
        text: text.to_string(),
        source: None,
        id_span: None,
        problems: Vec::new(),
    };
    let layout = match seed_layout(text) {
        Ok(l) => l,
        Err((span, message)) => {
            let p = Problem::at(
                Severity::Error,
                "seed-format",
                path,
                text,
                Some(span),
                message,
            )
            .hint(
                "a seed looks like:\n+++\nid = \"some-id\"\noutlet = \"...\"\n+++\n\nArticle text.",
            );
            seed.problems.push(p);
            return seed;
        }
    };
    seed.problems = parse_toml_range(
        path,
        text,
        layout.front.clone(),
        first_line(text),
        schema::SEED,
    );
    seed.id_span = toml_span(&text[layout.front.clone()], &[Seg::Key("id")])
        .map(|s| s.start + layout.front.start..s.end + layout.front.start);
    if text[layout.body.clone()].trim().is_empty() {
        let at = layout.body.start.min(text.len());
        seed.problems.push(
            Problem::at(
                Severity::Error,
                "empty-body",
                path,
                text,
                Some(at..at),
                "the seed has no article text after its front matter",
            )
            .hint("paste the article below the closing `+++` line"),
        );
    }
    if seed.problems.is_empty() {
        match sources::parse_seed(path, text) {
            Ok(src) => seed.source = Some(src),
            Err(e) => seed.problems.push(Problem::at(
                Severity::Error,
                "seed-format",
                path,
                text,
                Some(0..0),
                e.to_string(),
            )),
        }
    }
    seed
}

/// All seeds of a folder, checked: the usable sources, each file's text and
/// every problem (including duplicate ids).
#[derive(Debug, Clone, Default)]
pub struct Seeds {
    pub set: SourceSet,
    pub files: Vec<SeedFile>,
}

impl Seeds {
    /// Loads every `*.md` (except README.md) in `dir`; I/O errors on the
    /// folder itself are returned, problems with single files are collected.
    pub fn load(dir: &Path) -> Result<Seeds> {
        let mut seeds = Seeds::default();
        if !dir.exists() {
            return Ok(seeds);
        }
        for path in sources::list_files(dir, "md")? {
            if path.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            let mut file = match read_input(&path) {
                Ok(text) => parse_seed_text(&path, &text),
                Err(failed) => {
                    let (text, problem) = *failed;
                    SeedFile {
                        path: path.clone(),
                        text,
                        source: None,
                        id_span: None,
                        problems: vec![problem],
                    }
                }
            };
            seeds.add_source(&mut file);
            seeds.files.push(file);
        }
        Ok(seeds)
    }

    fn add_source(&mut self, file: &mut SeedFile) {
        let Some(src) = file.source.take() else {
            return;
        };
        match self.files.iter().find(|f| {
            f.source.is_none() && self.set.get(src.id()).is_some_and(|s| s.path == f.path)
        }) {
            Some(first) => {
                let mut p = Problem::at(
                    Severity::Error,
                    "duplicate-id",
                    &file.path,
                    &file.text,
                    file.id_span.clone(),
                    format!("duplicate source id `{}`", src.id()),
                )
                .hint("give each seed its own id (the file name without .md)");
                if let Some(span) = &first.id_span {
                    p = p.related(&first.path, &first.text, span.clone(), "first used here");
                }
                file.problems.push(p);
            }
            None => {
                self.set.sources.insert(src.id().clone(), src);
            }
        }
    }

    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.files.iter().flat_map(|f| &f.problems)
    }
}

// ---------------------------------------------------------------------------
// Rules

/// What a brief is checked against.
pub struct Context<'a> {
    pub sources: &'a SourceSet,
    /// The seed files, to point at the closest passage (may be empty).
    pub files: &'a [SeedFile],
    /// The reference date for overdue reviews.
    pub today: NaiveDate,
}

struct Checker<'a> {
    file: &'a Path,
    text: &'a str,
    root: toml::Spanned<toml::de::DeTable<'a>>,
    ctx: &'a Context<'a>,
    problems: Vec<Problem>,
    /// Each cited source's normalised paragraphs, computed once per source
    /// rather than once per quote (normalising is most of the check's time).
    paragraphs: HashMap<SourceId, Vec<String>>,
    /// Each cited source's numbers, likewise found once per source rather
    /// than once per key figure.
    numbers: HashMap<SourceId, Vec<f64>>,
}

impl<'a> Checker<'a> {
    fn span(&self, path: &[Seg<'_>]) -> Option<Range<usize>> {
        span_in(&self.root, path)
    }

    fn report(
        &mut self,
        sev: Severity,
        code: &'static str,
        path: &[Seg<'_>],
        msg: String,
    ) -> &mut Problem {
        let span = self.span(path);
        self.problems
            .push(Problem::at(sev, code, self.file, self.text, span, msg));
        self.problems.last_mut().expect("just pushed")
    }

    /// Reports an unknown source id at `path`; true if the id is known.
    fn known(&mut self, id: &SourceId, path: &[Seg<'_>]) -> bool {
        if self.ctx.sources.get(id).is_some() {
            return true;
        }
        let ids: Vec<&str> = self
            .ctx
            .sources
            .sources
            .keys()
            .map(|k| k.as_str())
            .collect();
        let hint = match schema::closest(id.as_str(), &ids) {
            Some(best) => format!("did you mean `{best}`?"),
            None if ids.is_empty() => "there are no seeds yet: add the article to seeds/".into(),
            None => format!("known sources: {}", ids.join(", ")),
        };
        let p = self.report(
            Severity::Error,
            "unknown-source",
            path,
            format!("unknown source id `{id}`"),
        );
        p.hint = Some(hint);
        false
    }

    fn quote(&mut self, id: &SourceId, quote: &str, path: &[Seg<'_>]) {
        let Some(src) = self.ctx.sources.get(id) else {
            return;
        };
        let file = self.ctx.files.iter().find(|f| f.path == src.path);
        let paragraphs = self
            .paragraphs
            .entry(id.clone())
            .or_insert_with(|| normalized_paragraphs(&src.body));
        if quote_matches(quote, paragraphs) {
            return;
        }
        let closest = closest_passage(quote, &src.body);
        let seed = file.map(|f| {
            let body_at = f.text.find(src.body.as_str()).unwrap_or(0);
            (f.path.clone(), f.text.clone(), body_at)
        });
        let p = self.report(
            Severity::Error,
            "quote-not-found",
            path,
            format!("quote not found in source `{id}`"),
        );
        match closest {
            Some(c) if c.similarity >= 0.4 => {
                let pct = (c.similarity * 100.0).floor();
                let msg = format!("closest passage ({pct}% similar)");
                *p = p.clone().note(format!(
                    "closest passage in `{id}` ({pct}% similar): \"{}\"",
                    shorten(&c.text, 300)
                ));
                if let Some((path, text, at)) = seed {
                    *p =
                        p.clone()
                            .related(&path, &text, at + c.range.start..at + c.range.end, &msg);
                }
                p.hint = Some("copy the passage verbatim from the article; `...` may elide words within one paragraph".into());
            }
            _ => {
                p.hint = Some(format!(
                    "nothing in `{id}` comes close: check that you cite the right source"
                ));
            }
        }
    }
}

pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// Verifies a brief's citations, quotes, figures and review dates.
pub fn check_brief(file: &Path, text: &str, brief: &Brief, ctx: &Context<'_>) -> Vec<Problem> {
    let (root, _) = toml::de::DeTable::parse_recoverable(text);
    let mut c = Checker {
        file,
        text,
        root,
        ctx,
        problems: Vec::new(),
        paragraphs: HashMap::new(),
        numbers: HashMap::new(),
    };
    check_figures(&mut c, brief);
    check_findings(&mut c, brief);
    check_timeline(&mut c, brief);
    if let Some(q) = &brief.pull_quote {
        if c.known(&q.source, &[Seg::Key("pull_quote"), Seg::Key("source")]) {
            c.quote(
                &q.source,
                &q.text,
                &[Seg::Key("pull_quote"), Seg::Key("text")],
            );
        }
    }
    c.problems
}

fn check_figures(c: &mut Checker<'_>, brief: &Brief) {
    for (i, f) in brief.figures.iter().enumerate() {
        let mut cited = Vec::new();
        for (j, id) in f.sources.iter().enumerate() {
            let at = [
                Seg::Key("figures"),
                Seg::Index(i),
                Seg::Key("sources"),
                Seg::Index(j),
            ];
            if c.known(id, &at) {
                cited.push(id);
            }
        }
        let Some(value) = numbers::figure_value(&f.value) else {
            continue;
        };
        if cited.is_empty() {
            continue;
        }
        let found = cited.iter().any(|&id| {
            let Some(source) = c.ctx.sources.get(id) else {
                return false;
            };
            let found = c
                .numbers
                .entry(id.clone())
                .or_insert_with(|| numbers::numbers_in(&source.body));
            numbers::mentions(found, value)
        });
        if !found {
            let names = cited
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let p = c.report(
                Severity::Error,
                "figure-not-in-source",
                &[Seg::Key("figures"), Seg::Index(i), Seg::Key("value")],
                format!(
                    "key figure `{}` appears in none of its cited sources ({names})",
                    f.value
                ),
            );
            p.hint = Some("check the number, or cite the article that states it (\"50k\", \"50,000\" and \"fifty thousand\" count as the same)".into());
        }
    }
}

fn check_findings(c: &mut Checker<'_>, brief: &Brief) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, f) in brief.findings.iter().enumerate() {
        let here = |k| [Seg::Key("findings"), Seg::Index(i), Seg::Key(k)];
        if let Some(first) = seen.get(f.id.as_str()).copied() {
            let first_span = c.span(&[Seg::Key("findings"), Seg::Index(first), Seg::Key("id")]);
            let (file, text) = (c.file.to_path_buf(), c.text.to_string());
            let p = c.report(
                Severity::Error,
                "duplicate-id",
                &here("id"),
                format!("duplicate finding id `{}`", f.id),
            );
            p.hint = Some("give each finding its own id".into());
            if let Some(s) = first_span {
                *p = p.clone().related(&file, &text, s, "first used here");
            }
        } else {
            seen.insert(&f.id, i);
        }
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
            if c.known(&e.source, &at("source")) {
                c.quote(&e.source, &e.quote, &at("quote"));
            }
        }
        check_status(c, f, i);
        if let Some(date) = f.review_by.filter(|d| *d < c.ctx.today) {
            let today = c.ctx.today;
            let p = c.report(
                Severity::Warning,
                "review-overdue",
                &here("review_by"),
                format!(
                    "the review date {date} of `{}` has passed (today is {today})",
                    f.id
                ),
            );
            p.hint = Some(
                "revisit the question, then move `review_by` forward or resolve the finding".into(),
            );
        }
    }
}

fn check_status(c: &mut Checker<'_>, f: &crate::model::Finding, i: usize) {
    let at = [Seg::Key("findings"), Seg::Index(i), Seg::Key("status")];
    match f.status {
        Status::Proven if f.evidence.is_empty() => {
            let p = c.report(
                Severity::Error,
                "no-evidence",
                &at,
                format!("proven finding `{}` has no evidence", f.id),
            );
            p.hint = Some(
                "add [[findings.evidence]] with a verbatim quote, or mark it `not_proven`".into(),
            );
        }
        Status::Proven => {
            let set = c.ctx.sources;
            if f.evidence.iter().any(|e| set.get(&e.source).is_none()) {
                return;
            }
            let outlets: BTreeSet<String> = f
                .evidence
                .iter()
                .filter_map(|e| set.get(&e.source))
                .map(|s| s.outlet_key())
                .collect();
            if outlets.len() < 2 {
                let name = f
                    .evidence
                    .first()
                    .and_then(|e| set.get(&e.source))
                    .map(|s| s.outlet_name())
                    .unwrap_or_default();
                let p = c.report(
                    Severity::Warning,
                    "single-outlet",
                    &at,
                    format!(
                        "proven finding `{}` is backed by only one outlet ({name})",
                        f.id
                    ),
                );
                p.hint =
                    Some("add a quote from an independent outlet, or mark it `not_proven`".into());
            }
        }
        Status::Contested => {
            let sides: BTreeSet<String> = f
                .evidence
                .iter()
                .filter_map(|e| e.side.as_deref())
                .map(normalize_for_match)
                .collect();
            if sides.len() < 2 {
                let msg = if sides.is_empty() {
                    format!(
                        "contested finding `{}` does not say which side its evidence supports",
                        f.id
                    )
                } else {
                    format!(
                        "contested finding `{}` has evidence for one side only",
                        f.id
                    )
                };
                let p = c.report(Severity::Warning, "one-sided", &at, msg);
                p.hint = Some(
                    "give each evidence a `side = \"...\"`, with quotes for at least two sides"
                        .into(),
                );
            }
        }
        _ => {}
    }
}

fn check_timeline(c: &mut Checker<'_>, brief: &Brief) {
    for (i, t) in brief.timeline.iter().enumerate() {
        for (j, id) in t.sources.iter().enumerate() {
            c.known(
                id,
                &[
                    Seg::Key("timeline"),
                    Seg::Index(i),
                    Seg::Key("sources"),
                    Seg::Index(j),
                ],
            );
        }
    }
}

// ---------------------------------------------------------------------------
// A whole project

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

    pub fn add_text(&mut self, path: &Path, text: &str) {
        self.texts.insert(path.to_path_buf(), text.to_string());
    }
}

/// Checks every seed and the given brief files (all problems, one pass).
/// `all_briefs` says whether these are all the project's briefs, in which
/// case seeds no brief cites are reported.
pub fn check_files(
    seeds: &Seeds,
    briefs: &[PathBuf],
    all_briefs: bool,
    today: NaiveDate,
) -> Report {
    let mut report = Report::default();
    for f in &seeds.files {
        report.add_text(&f.path, &f.text);
        report.problems.extend(f.problems.iter().cloned());
    }
    let ctx = Context {
        sources: &seeds.set,
        files: &seeds.files,
        today,
    };
    let mut cited: HashSet<SourceId> = HashSet::new();
    let mut all_parsed = true;
    for path in briefs {
        let file = load_brief_file(path);
        report.add_text(&file.path, &file.text);
        report.problems.extend(file.problems.iter().cloned());
        all_parsed &= file.brief.is_some();
        if let Some(brief) = &file.brief {
            cited.extend(brief.cited_sources());
            report
                .problems
                .extend(check_brief(&file.path, &file.text, brief, &ctx));
        }
    }
    // What a brief that did not parse cites is unknown: no uncited warnings then.
    if all_briefs && all_parsed && !briefs.is_empty() {
        for f in &seeds.files {
            let Some(src) = seeds.set.sources.values().find(|s| s.path == f.path) else {
                continue;
            };
            if !cited.contains(src.id()) {
                report.problems.push(
                    Problem::at(
                        Severity::Warning,
                        "uncited-source",
                        &f.path,
                        &f.text,
                        f.id_span.clone(),
                        format!("source `{}` is never cited by any brief", src.id()),
                    )
                    .hint("cite it as evidence, or remove the seed if it is not relevant"),
                );
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerates_quotes_dashes_and_whitespace() {
        let paras = normalized_paragraphs("China\u{2019}s  chips \u{2014} at\nscale.\n\nOther.");
        assert!(quote_matches("China's chips - at scale.", &paras));
        assert!(quote_matches("china's chips ... scale", &paras));
        assert!(quote_matches("China’s chips … scale", &paras));
        assert!(quote_matches("China's chips […] scale", &paras));
        assert!(!quote_matches("China's chips at scale", &paras));
        assert!(!quote_matches("scale. Other", &paras));
        assert!(!quote_matches("China's … Other", &paras));
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

    #[test]
    fn closest_passage_finds_the_altered_sentence() {
        let body = "The lab said it trained the model on 20 trillion tokens.\n\n\
                    Analysts doubt the figure. Officials declined to comment on export rules.";
        let p = closest_passage("Officials declined to comment on the export rules", body).unwrap();
        assert!(p.text.contains("Officials declined"), "{p:?}");
        assert!(p.similarity > 0.8, "{p:?}");
    }

    #[test]
    fn closest_passage_is_fast_on_large_articles() {
        let sentence = "The quick brown fox jumps over the lazy dog near the river bank today. ";
        let mut body = sentence.repeat(1500); // ~100 KB
        body.push_str("A unique sentence about semiconductor export controls appears here.");
        let start = std::time::Instant::now();
        let p = closest_passage(
            "a unique sentence about semiconductor export control appears",
            &body,
        )
        .unwrap();
        assert!(p.text.contains("semiconductor"), "{p:?}");
        assert!(start.elapsed().as_secs_f64() < 2.0, "{:?}", start.elapsed());
    }

    #[test]
    fn seed_layout_reports_problems() {
        let s = parse_seed_text(Path::new("a.md"), "+++\nid = \"a\"\nbogus = 1\n+++\n");
        let codes: Vec<_> = s.problems.iter().map(|p| p.code).collect();
        assert_eq!(codes, ["unknown-key", "empty-body"]);
        let s = parse_seed_text(
            Path::new("a.md"),
            "+++\r\nid = \"a\"\r\n+++\r\n\r\nBody.\r\n",
        );
        assert!(s.problems.is_empty(), "{:?}", s.problems);
    }
}
