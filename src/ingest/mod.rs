//! Ingest: a captured article (plain text as copied from a page, Markdown,
//! or an HTML page) becomes a seed: front matter detected from the text or
//! the page's metadata (flags override) and the body without site
//! boilerplate. Every dropped line or page part is reported with its rule.

mod batch;
mod byline;
mod furniture;
mod html;
mod markdown;

pub use batch::{dropped_report, run, Request, Written};
use furniture::rule;

use std::path::Path;

use chrono::NaiveDate;

// Whitespace runs become one space (shared by the HTML and Markdown readers).
use crate::extract::text::collapse_whitespace as collapse;
use crate::model::source::SourceMeta;
use crate::model::SourceId;

/// A dropped line and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    pub line: usize,
    pub text: String,
    pub rule: &'static str,
}

/// The result of ingesting one article.
#[derive(Debug, Clone)]
pub(crate) struct Ingested {
    pub meta: SourceMeta,
    pub body: String,
    pub dropped: Vec<Dropped>,
}

/// What the user said about the article; `None` means "detect or leave out".
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub id: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub date: Option<NaiveDate>,
    pub url: Option<String>,
}

/// How a captured article is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InputFormat {
    Text,
    Markdown,
    Html,
}

impl InputFormat {
    /// By extension (.html/.htm, .md/.markdown), else by a look at the text.
    pub(crate) fn detect(path: &Path, text: &str) -> InputFormat {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let head = text
            .trim_start()
            .get(..200)
            .unwrap_or(text.trim_start())
            .to_lowercase();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => InputFormat::Html,
            "md" | "markdown" => InputFormat::Markdown,
            _ if head.starts_with("<!doctype html") || head.starts_with("<html") => {
                InputFormat::Html
            }
            _ => InputFormat::Text,
        }
    }
}

/// Markup turned into plain lines, with what the markup itself declared.
#[derive(Debug, Clone, Default)]
pub(crate) struct Converted {
    /// One block per paragraph, separated by blank lines.
    pub text: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub date: Option<NaiveDate>,
    pub url: Option<String>,
    /// Page parts left out (line 0: they have no line in the plain text).
    pub dropped: Vec<Dropped>,
}

/// Ingests an article in any supported format: markup is converted to plain
/// lines first, its metadata fills what the flags leave open, and then the
/// plain-text rules apply.
pub(crate) fn ingest_any(
    text: &str,
    format: InputFormat,
    fallback_id: &str,
    over: &Overrides,
) -> Ingested {
    let converted = match format {
        InputFormat::Text => return ingest(text, fallback_id, over),
        InputFormat::Html => html::convert(text),
        InputFormat::Markdown => markdown::convert(text),
    };
    // What the page declares is page text too: no control characters.
    let page = |v: Option<String>| v.map(|s| clean_text(&s)).filter(|s| !s.trim().is_empty());
    let merged = Overrides {
        id: over.id.clone(),
        title: over.title.clone().or(page(converted.title)),
        outlet: over.outlet.clone().or(page(converted.outlet)),
        author: over.author.clone().or(page(converted.author)),
        date: over.date.or(converted.date),
        url: over.url.clone().or(page(converted.url)),
    };
    let mut out = ingest(&converted.text, fallback_id, &merged);
    let mut dropped = converted.dropped;
    dropped.append(&mut out.dropped);
    out.dropped = dropped;
    out
}

/// Ingests article text; `fallback_id` is used when no id or title is known.
pub(crate) fn ingest(text: &str, fallback_id: &str, over: &Overrides) -> Ingested {
    let text = clean_text(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut keep: Vec<Option<&'static str>> =
        lines.iter().map(|l| furniture::line_rule(l)).collect();
    let found = mark_metadata_lines(&lines, &mut keep);
    mark_related_lists(&lines, &mut keep);
    mark_prompt_blocks(&lines, &mut keep);
    let author = over.author.clone().or(found.author);
    mark_named_lines(&lines, &mut keep, over.outlet.as_deref(), author.as_deref());
    let title_at = mark_title(&lines, &mut keep, over.title.as_deref());
    mark_captions_by_credits(&lines, &mut keep);
    mark_tag_lines(&lines, &mut keep);
    mark_repeats(&lines, &mut keep);
    let title = over
        .title
        .clone()
        .or_else(|| title_at.map(|t| lines[t].trim().to_string()));
    let id = over.id.clone().unwrap_or_else(|| {
        readable_id(over.outlet.as_deref(), title.as_deref())
            .unwrap_or_else(|| fallback_id.to_string())
    });
    let mut body = Vec::new();
    let mut dropped = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        match keep[i] {
            Some(rule) if !trimmed.is_empty() => dropped.push(Dropped {
                line: i + 1,
                text: trimmed.to_string(),
                rule,
            }),
            Some(_) => {}
            None if trimmed.is_empty() => {}
            None => body.push(paragraph(trimmed)),
        }
    }
    Ingested {
        meta: SourceMeta {
            id: SourceId(id),
            title,
            outlet: over.outlet.clone(),
            author,
            published: over.date.or(found.published),
            url: over.url.clone(),
        },
        body: body.join("\n\n"),
        dropped,
    }
}

/// Text from a page is data: no byte-order mark, no carriage returns, no
/// control characters but newline and tab.
pub(crate) fn clean_text(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.replace("\r\n", "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// Metadata found in the text's own lines.
#[derive(Debug, Default)]
struct Found {
    author: Option<String>,
    published: Option<NaiveDate>,
}

/// Date lines, bylines and author photo labels, wherever they stand: their
/// date and name go to the front matter, the lines out of the body. A
/// publication date wins over an update's.
fn mark_metadata_lines(lines: &[&str], keep: &mut [Option<&'static str>]) -> Found {
    let mut found = Found::default();
    let mut updated = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if keep[i].is_some() || line.trim().is_empty() {
            i += 1;
            continue;
        }
        if let Some((date, author)) = byline::dateline(line) {
            keep[i] = Some(rule::DATELINE);
            found.published.get_or_insert(date);
            if let Some(a) = author {
                found.author.get_or_insert(a);
            }
        } else if let Some(d) = byline::date_line(line) {
            keep[i] = Some(rule::DATE_LINE);
            if d.updated {
                updated = updated.or(Some(d.date));
            } else {
                found.published.get_or_insert(d.date);
            }
            // "[date] By" with the name on the next line.
            let next = (i + 1..lines.len()).find(|&j| !lines[j].trim().is_empty());
            if let Some(j) = next.filter(|_| d.by_follows) {
                if let Some(name) = byline::person_name(lines[j]) {
                    keep[j] = Some(rule::BYLINE);
                    found.author.get_or_insert(name);
                    i = j;
                }
            }
        } else if let Some(name) = byline::byline(line) {
            keep[i] = Some(rule::BYLINE);
            found.author.get_or_insert(name);
        } else if let Some(name) = byline::author_photo(line) {
            keep[i] = Some(rule::AUTHOR_PHOTO);
            found.author.get_or_insert(name);
        }
        i += 1;
    }
    found.published = found.published.or(updated);
    found
}

/// The non-empty lines around line `i` without a blank line between.
fn block_of(lines: &[&str], i: usize) -> std::ops::Range<usize> {
    let blank = |j: usize| lines[j].trim().is_empty();
    let start = (0..i).rev().find(|&j| blank(j)).map_or(0, |j| j + 1);
    let end = (i + 1..lines.len())
        .find(|&j| blank(j))
        .unwrap_or(lines.len());
    start..end
}

/// Headline-shaped lines under a related-links heading are links to other
/// articles; the first line of another shape ends the list.
fn mark_related_lists(lines: &[&str], keep: &mut [Option<&'static str>]) {
    for i in 0..lines.len() {
        if keep[i] != Some(rule::RELATED_HEADING) {
            continue;
        }
        for j in i + 1..lines.len() {
            if lines[j].trim().is_empty() || keep[j].is_some() {
                continue;
            }
            if !furniture::is_headline_like(lines[j]) {
                break;
            }
            keep[j] = Some(rule::RELATED_LINK);
        }
    }
}

/// A prompt's box: the short lines of its block, the lower-case
/// continuation of a wrapped prompt line, and a short heading standing
/// alone above a box that is all prompt.
fn mark_prompt_blocks(lines: &[&str], keep: &mut [Option<&'static str>]) {
    for i in 0..lines.len() {
        if keep[i] != Some(rule::PROMPT) {
            continue;
        }
        let block = block_of(lines, i);
        let short = |j: usize| {
            let lower = furniture::lower(lines[j]);
            furniture::word_count(lines[j]) <= 8
                && !lower.contains(" said")
                && !lower.contains(" says")
        };
        if block.len() <= 10 && block.clone().all(short) {
            for j in block.clone() {
                keep[j].get_or_insert(rule::PROMPT);
            }
        }
        let mut j = i + 1;
        while j < lines.len()
            && keep[j].is_none()
            && lines[j].trim().starts_with(char::is_lowercase)
        {
            keep[j] = Some(rule::PROMPT);
            j += 1;
        }
        let all_prompt = block.clone().all(|j| keep[j] == Some(rule::PROMPT));
        if let Some(above) = block.start.checked_sub(2).filter(|_| all_prompt) {
            let alone = above == 0 || lines[above - 1].trim().is_empty();
            if alone && keep[above].is_none() && furniture::is_short_heading(lines[above]) {
                keep[above] = Some(rule::PROMPT_HEADING);
            }
        }
    }
}

/// The comparison form of a line: lower case, straight quotes, one space,
/// no final full stop.
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        collapse(&furniture::lower(s).replace(['\u{201c}', '\u{201d}'], "\""))
            .trim_end_matches('.')
            .to_string()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

/// The headline: the flag's title wherever it stands (a repeated headline
/// too), else the detected one and its repeats. Short labels above it are
/// section names. Returns the detected headline's line.
fn mark_title(
    lines: &[&str],
    keep: &mut [Option<&'static str>],
    given: Option<&str>,
) -> Option<usize> {
    let detected = match given {
        Some(_) => None,
        None => detect_title(lines, keep),
    };
    let title = given.or_else(|| detected.map(|t| lines[t]))?;
    let mut first = None;
    for i in 0..lines.len() {
        if keep[i].is_none() && same_text(lines[i], title) {
            keep[i] = Some(rule::TITLE);
            first.get_or_insert(i);
        }
    }
    if let Some(t) = first {
        for i in 0..t {
            let line = lines[i].trim();
            if keep[i].is_none()
                && !line.is_empty()
                && furniture::is_short_heading(line)
                && furniture::word_count(line) <= 4
            {
                keep[i] = Some(rule::LABEL_ABOVE_HEADLINE);
            }
        }
    }
    detected
}

/// Lines that only name the outlet ("The Daily" for outlet "The Daily
/// (Wire)") or the author.
fn mark_named_lines(
    lines: &[&str],
    keep: &mut [Option<&'static str>],
    outlet: Option<&str>,
    author: Option<&str>,
) {
    let outlet_names: Vec<&str> = outlet
        .into_iter()
        .flat_map(|o| [o, o.split(" (").next().unwrap_or(o)])
        .collect();
    for i in 0..lines.len() {
        if keep[i].is_some() {
            continue;
        }
        if outlet_names.iter().any(|o| same_text(lines[i], o)) {
            keep[i] = Some(rule::OUTLET);
        } else if author.is_some_and(|a| same_text(lines[i], a)) {
            keep[i] = Some(rule::BYLINE);
        }
    }
}

/// A photo credit on a line of its own sits next to its caption: the line
/// above it in the same block, else the one below, when that line reads
/// like a caption (one sentence of up to 30 words, no quotation).
fn mark_captions_by_credits(lines: &[&str], keep: &mut [Option<&'static str>]) {
    let caption_like = |line: &str| {
        let line = line.trim();
        line.starts_with(char::is_uppercase)
            && line.ends_with(['.', ')'])
            && furniture::word_count(line) <= 30
            && !line.contains(['"', '\u{201c}', '\u{201d}'])
    };
    for i in 0..lines.len() {
        if keep[i] != Some(rule::CAPTION) || !furniture::is_credit_line(lines[i]) {
            continue;
        }
        let block = block_of(lines, i);
        let above = (block.start..i).rev().find(|&j| keep[j].is_none());
        let below = (i + 1..block.end).find(|&j| keep[j].is_none());
        if let Some(j) = above.or(below).filter(|&j| caption_like(lines[j])) {
            keep[j] = Some(rule::CAPTION_BY_CREDIT);
        }
    }
}

/// A line equal to an earlier kept line (a repeated headline or caption).
fn mark_repeats(lines: &[&str], keep: &mut [Option<&'static str>]) {
    for i in 0..lines.len() {
        if keep[i].is_some() || furniture::word_count(lines[i]) < 4 {
            continue;
        }
        if (0..i).any(|j| keep[j].is_none() && same_text(lines[j], lines[i])) {
            keep[i] = Some(rule::REPEATED);
        }
    }
}

/// A body line as a Markdown paragraph; bullets become list items.
fn paragraph(line: &str) -> String {
    match line.strip_prefix('•').or_else(|| line.strip_prefix("· ")) {
        Some(rest) => format!("- {}", rest.trim()),
        None => line.to_string(),
    }
}

/// A line of topic tags: right before a dropped "Share" line, no sentence
/// punctuation.
fn mark_tag_lines(lines: &[&str], keep: &mut [Option<&'static str>]) {
    for i in 1..lines.len() {
        if keep[i] == Some(rule::NAVIGATION) {
            let prev = lines[i - 1].trim();
            if keep[i - 1].is_none()
                && !prev.is_empty()
                && !prev.contains(['.', ',', ':', '?', '!'])
            {
                keep[i - 1] = Some(rule::TAGS);
            }
        }
    }
}

/// The headline: the first kept line of 5-25 words within the first lines.
fn detect_title(lines: &[&str], keep: &[Option<&'static str>]) -> Option<usize> {
    let word_count = furniture::word_count;
    let first = (0..lines.len()).find(|&i| keep[i].is_none() && !lines[i].trim().is_empty())?;
    let candidate = (first..lines.len().min(first + 4))
        .find(|&i| keep[i].is_none() && word_count(lines[i]) >= 5)?;
    let words = word_count(lines[candidate]);
    // Only short labels may stand above a headline.
    let labels_only = (first..candidate).all(|i| word_count(lines[i]) <= 4);
    (words <= 25 && labels_only).then_some(candidate)
}

/// Title words too common to tell articles apart.
const COMMON_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "from", "at", "by",
    "after", "over", "into", "about", "than", "more", "says", "said", "will", "have", "been",
    "that", "this", "what", "how", "why", "new",
];

/// A readable seed id: the outlet's slug (up to two words, no leading
/// "The") and the title's first distinctive word, or the title's slug when
/// the outlet is unknown.
fn readable_id(outlet: Option<&str>, title: Option<&str>) -> Option<String> {
    let title = title?;
    let Some(outlet) = outlet else {
        return Some(slug(title)).filter(|s| !s.is_empty());
    };
    let outlet_words: Vec<String> = slug_words(outlet.split(" (").next().unwrap_or(outlet))
        .into_iter()
        .skip_while(|w| w == "the")
        .take(2)
        .collect();
    let keyword = slug_words(title)
        .into_iter()
        .find(|w| w.chars().count() >= 3 && !COMMON_WORDS.contains(&w.as_str()));
    let parts: Vec<String> = outlet_words.into_iter().chain(keyword).collect();
    (!parts.is_empty()).then(|| parts.join("-"))
}

/// Lower-case alphanumeric words ("China’s" -> "chinas").
fn slug_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// "China’s AI Chips Enter the Training Stack" -> "chinas-ai-chips-enter".
pub(crate) fn slug(title: &str) -> String {
    slug_words(title)
        .into_iter()
        .take(4)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Skip to content\nMarkets\n\nShipyard Wins $3 Billion Order for Twelve Ferries\n\nMarch 4, 2027 Ana Ruiz ~6 min read\n\nThe yard said on Tuesday it had signed the order.\n\nImage: Someone / Agency (CC BY 4.0)\n\n  • Twelve ferries\n\nShipping ports harbour\nShare\n\nRelated Stories\n\nOther news entirely\n";

    #[test]
    fn detects_metadata_and_drops_boilerplate() {
        let out = ingest(PAGE, "file", &Overrides::default());
        assert_eq!(
            out.meta.title.as_deref(),
            Some("Shipyard Wins $3 Billion Order for Twelve Ferries")
        );
        assert_eq!(out.meta.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(out.meta.published, NaiveDate::from_ymd_opt(2027, 3, 4));
        assert_eq!(out.meta.id.as_str(), "shipyard-wins-3-billion");
        let with_outlet = Overrides {
            outlet: Some("The Harbour Daily (Wire)".into()),
            ..Default::default()
        };
        assert_eq!(
            ingest(PAGE, "file", &with_outlet).meta.id.as_str(),
            "harbour-daily-shipyard"
        );
        assert_eq!(out.meta.outlet, None);
        assert_eq!(
            out.body,
            "The yard said on Tuesday it had signed the order.\n\n- Twelve ferries"
        );
        let rules: Vec<&str> = out.dropped.iter().map(|d| d.rule).collect();
        assert!(
            rules.contains(&rule::TAGS)
                && rules.contains(&rule::CAPTION)
                && rules.contains(&rule::RELATED_LINK),
            "{rules:?}"
        );
    }

    #[test]
    fn every_line_is_kept_or_reported() {
        let out = ingest(PAGE, "file", &Overrides::default());
        for line in PAGE.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let line = line.trim_start_matches("• ");
            let kept = out.body.contains(line);
            let reported = out.dropped.iter().any(|d| d.text.contains(line));
            assert!(kept || reported, "line vanished: {line}");
        }
    }

    #[test]
    fn flags_override_detection_and_long_first_lines_are_not_titles() {
        let over = Overrides {
            title: Some("T".into()),
            ..Default::default()
        };
        let long = "word ".repeat(40);
        let out = ingest(&long, "fallback", &Overrides::default());
        assert_eq!(out.meta.title, None);
        assert_eq!(out.meta.id.as_str(), "fallback");
        assert_eq!(ingest(PAGE, "f", &over).meta.title.as_deref(), Some("T"));
    }

    #[test]
    fn a_given_title_drops_only_its_own_lines_and_metadata_lines_go_anywhere() {
        let text = "A Headline Of Some Length Here\n\nThe first sentence of the body, officials said.\n\nA Headline Of Some Length Here\n\nRecommended For You\n\nSome Other Headline Entirely\n\nThe last sentence after the links.\n\nBY JANE ROE [jane@example.org]\n";
        let over = Overrides {
            title: Some("A headline of some length here".into()),
            ..Default::default()
        };
        let out = ingest(text, "f", &over);
        assert_eq!(
            out.body,
            "The first sentence of the body, officials said.\n\nThe last sentence after the links."
        );
        assert_eq!(out.meta.author.as_deref(), Some("Jane Roe"));
        let rules: Vec<(&str, &str)> = out
            .dropped
            .iter()
            .map(|d| (d.text.as_str(), d.rule))
            .collect();
        assert_eq!(
            rules,
            vec![
                ("A Headline Of Some Length Here", rule::TITLE),
                ("A Headline Of Some Length Here", rule::TITLE),
                ("Recommended For You", rule::RELATED_HEADING),
                ("Some Other Headline Entirely", rule::RELATED_LINK),
                ("BY JANE ROE [jane@example.org]", rule::BYLINE),
            ]
        );
    }

    #[test]
    fn control_characters_are_removed() {
        let text = "A Headline For The Test\n\nBell\u{7} and escape\u{1b}[31m here, said one.\n";
        let out = ingest(text, "f", &Overrides::default());
        assert_eq!(out.meta.title.as_deref(), Some("A Headline For The Test"));
        assert_eq!(out.body, "Bell and escape[31m here, said one.");
    }
}
