//! Ingest: a captured article (plain text as copied from a page, Markdown,
//! or an HTML page) becomes a seed: front matter detected from the text or
//! the page's metadata (flags override) and the body without site
//! boilerplate. Every dropped line or page part is reported with its rule.

mod html;
mod markdown;

use std::path::Path;

use chrono::NaiveDate;

// Whitespace runs become one space (shared by the HTML and Markdown readers).
use crate::extract::text::collapse_whitespace as collapse;
use crate::model::source::SourceMeta;
use crate::model::SourceId;

/// Lines dropped wherever they stand (compared case-insensitively, trimmed).
const NAVIGATION: &[&str] = &[
    "skip to content",
    "skip to main content",
    "faq",
    "menu",
    "share",
    "share this",
    "share this article",
    "linkedin",
    "twitter",
    "facebook",
    "scroll to top",
    "print",
    "advertisement",
    "ko-fi buy me a coffee",
    "buy me a coffee",
];

/// A line starting with one of these ends the article: what follows is
/// site furniture.
const TAIL_MARKERS: &[&str] = &[
    "related stories",
    "related briefings",
    "related articles",
    "related posts",
    "more from",
    "read next",
    "recommended for you",
];

/// Cues of a newsletter sign-up box near the end of a page.
const SIGNUP_CUES: &[&str] = &[
    "one email",
    "sign up",
    "subscribe",
    "newsletter",
    "in your inbox",
];

/// Line prefixes of publisher notes and image credits.
const NOTE_PREFIXES: &[&str] = &[
    "image:",
    "photo:",
    "photograph:",
    "credit:",
    "source assisted:",
    "illustration:",
];

/// A dropped line and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    pub line: usize,
    pub text: String,
    pub rule: &'static str,
}

/// The result of ingesting one article.
#[derive(Debug, Clone)]
pub struct Ingested {
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
pub enum InputFormat {
    Text,
    Markdown,
    Html,
}

impl InputFormat {
    /// By extension (.html/.htm, .md/.markdown), else by a look at the text.
    pub fn detect(path: &Path, text: &str) -> InputFormat {
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
pub struct Converted {
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
pub fn ingest_any(
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
    let merged = Overrides {
        id: over.id.clone(),
        title: over.title.clone().or(converted.title),
        outlet: over.outlet.clone().or(converted.outlet),
        author: over.author.clone().or(converted.author),
        date: over.date.or(converted.date),
        url: over.url.clone().or(converted.url),
    };
    let mut out = ingest(&converted.text, fallback_id, &merged);
    let mut dropped = converted.dropped;
    dropped.append(&mut out.dropped);
    out.dropped = dropped;
    out
}

/// Ingests article text; `fallback_id` is used when no id or title is known.
pub fn ingest(text: &str, fallback_id: &str, over: &Overrides) -> Ingested {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut keep: Vec<Option<&'static str>> = vec![None; lines.len()];
    let end = tail_start(&lines);
    for (i, line) in lines.iter().enumerate() {
        keep[i] = if i >= end {
            Some("site furniture after the article")
        } else {
            line_rule(line)
        };
    }
    mark_signup_box(&lines[..end], &mut keep);
    mark_tag_lines(&lines, &mut keep);
    let title_at = detect_title(&lines, &keep);
    let mut detected_date = None;
    let mut detected_author = None;
    for (i, line) in lines
        .iter()
        .enumerate()
        .take(title_at.map_or(12, |t| t + 6))
    {
        if let Some((date, author)) = dateline(line) {
            detected_date = Some(date);
            detected_author = author;
            keep[i] = Some("dateline (date, byline, reading time)");
        } else if let Some(author) = line.trim().strip_prefix("By ") {
            detected_author = Some(author.trim().to_string());
            keep[i] = Some("byline");
        }
    }
    if let Some(t) = title_at {
        // Short labels above the headline are section names, not body.
        for (i, line) in lines.iter().enumerate().take(t) {
            if keep[i].is_none() && !line.trim().is_empty() {
                keep[i] = Some("section label above the headline");
            }
        }
        keep[t] = Some("title (moved to front matter)");
    }
    let title = over
        .title
        .clone()
        .or_else(|| title_at.map(|t| lines[t].trim().to_string()));
    let id = over.id.clone().unwrap_or_else(|| {
        title
            .as_deref()
            .map(slug)
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
            author: over.author.clone().or(detected_author),
            published: over.date.or(detected_date),
            url: over.url.clone(),
        },
        body: body.join("\n\n"),
        dropped,
    }
}

/// A body line as a Markdown paragraph; bullets become list items.
fn paragraph(line: &str) -> String {
    match line.strip_prefix('•').or_else(|| line.strip_prefix("· ")) {
        Some(rest) => format!("- {}", rest.trim()),
        None => line.to_string(),
    }
}

fn line_rule(line: &str) -> Option<&'static str> {
    let lower = line.trim().to_lowercase();
    if lower.is_empty() {
        return None;
    }
    if NAVIGATION.contains(&lower.as_str())
        || lower.starts_with("share ") && lower.split_whitespace().count() <= 3
    {
        return Some("navigation or sharing");
    }
    if is_reading_time(&lower) {
        return Some("reading time");
    }
    if NOTE_PREFIXES.iter().any(|p| lower.starts_with(p)) || lower.contains("(cc by") {
        return Some("image credit or publisher note");
    }
    if lower.starts_with("how ") && lower.contains(" reports:") {
        return Some("image credit or publisher note");
    }
    None
}

/// "4 min read", "~10 min read".
fn is_reading_time(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.len() == 3
        && words[0].trim_start_matches('~').parse::<u32>().is_ok()
        && words[1] == "min"
        && words[2] == "read"
}

/// The first line of the trailing site furniture, or the number of lines.
fn tail_start(lines: &[&str]) -> usize {
    lines
        .iter()
        .position(|l| {
            let lower = l.trim().to_lowercase();
            TAIL_MARKERS
                .iter()
                .any(|m| lower == *m || lower.starts_with(&format!("{m}:")))
        })
        .unwrap_or(lines.len())
}

/// A sign-up box in the last lines: the short heading before the cue and
/// everything after it.
fn mark_signup_box(lines: &[&str], keep: &mut [Option<&'static str>]) {
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let window = &content[content.len().saturating_sub(4)..];
    if let Some(&cue) = window.iter().find(|&&i| {
        SIGNUP_CUES
            .iter()
            .any(|c| lines[i].to_lowercase().contains(c))
            && lines[i].len() < 80
    }) {
        let mut start = cue;
        if let Some(&prev) = content.iter().rev().find(|&&i| i < cue) {
            if lines[prev].split_whitespace().count() <= 4 {
                start = prev;
            }
        }
        for k in keep.iter_mut().skip(start) {
            k.get_or_insert("newsletter sign-up");
        }
    }
}

/// A line of topic tags: right before a dropped "Share" line, no sentence
/// punctuation.
fn mark_tag_lines(lines: &[&str], keep: &mut [Option<&'static str>]) {
    for i in 1..lines.len() {
        if keep[i] == Some("navigation or sharing") {
            let prev = lines[i - 1].trim();
            if keep[i - 1].is_none()
                && !prev.is_empty()
                && !prev.contains(['.', ',', ':', '?', '!'])
            {
                keep[i - 1] = Some("topic tags");
            }
        }
    }
}

fn word_count(line: &str) -> usize {
    line.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The headline: the first kept line of 5-25 words within the first lines.
fn detect_title(lines: &[&str], keep: &[Option<&'static str>]) -> Option<usize> {
    let first = (0..lines.len()).find(|&i| keep[i].is_none() && !lines[i].trim().is_empty())?;
    let candidate = (first..lines.len().min(first + 4))
        .find(|&i| keep[i].is_none() && word_count(lines[i]) >= 5)?;
    let words = word_count(lines[candidate]);
    // Only short labels may stand above a headline.
    let labels_only = (first..candidate).all(|i| word_count(lines[i]) <= 4);
    (words <= 25 && labels_only).then_some(candidate)
}

/// A dateline such as "July 2, 2026 Lisa Pedrosa ~10 min read ...": its
/// date, and the byline between the date and the reading time.
fn dateline(line: &str) -> Option<(NaiveDate, Option<String>)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() > 14 {
        return None;
    }
    for i in 0..words.len().saturating_sub(2) {
        let candidate = format!("{} {} {}", words[i], words[i + 1], words[i + 2]);
        let date = NaiveDate::parse_from_str(&candidate, "%B %d, %Y")
            .or_else(|_| NaiveDate::parse_from_str(&candidate, "%d %B %Y"))
            .ok();
        if let Some(date) = date {
            let rest = &words[i + 3..];
            let until = rest
                .iter()
                .position(|w| w.trim_start_matches('~').parse::<u32>().is_ok())
                .unwrap_or(rest.len());
            let name = &rest[..until];
            let author = (2..=3).contains(&name.len())
                && name.iter().all(|w| w.starts_with(char::is_uppercase));
            return Some((date, author.then(|| name.join(" "))));
        }
    }
    None
}

/// "China’s AI Chips Enter the Training Stack" -> "chinas-ai-chips-enter".
pub fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Skip to content\nMarkets\n\nShipyard Wins $3 Billion Order for Twelve Ferries\n\nMarch 4, 2027 Ana Ruiz ~6 min read\n\nThe yard said on Tuesday it had signed the order.\n\nImage: Someone / Agency (CC BY 4.0)\n\n  • Twelve ferries\n\nShipping ports harbour\nShare\n\nRelated Stories\n\nOther news entirely.\n";

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
        assert_eq!(out.meta.outlet, None);
        assert_eq!(
            out.body,
            "The yard said on Tuesday it had signed the order.\n\n- Twelve ferries"
        );
        let rules: Vec<&str> = out.dropped.iter().map(|d| d.rule).collect();
        assert!(
            rules.contains(&"topic tags") && rules.contains(&"image credit or publisher note"),
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
}
