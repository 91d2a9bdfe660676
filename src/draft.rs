//! `brief draft`: a first brief proposed from the articles. Figures that
//! outlets agree on, figures they disagree on, claims stated as fact by two
//! or more outlets, claims that rest on someone's word, and open questions,
//! each with verbatim quotes and a comment on why it was proposed.
//!
//! The draft is a starting point for an analyst: it passes `brief check` as
//! written, and every choice is explained so it can be kept or cut quickly.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::extract::figures::{self, Group};
use crate::extract::{self, stance, Analysis, Article, Cues, Fact, Stance};
use crate::model::source::Source;
use crate::model::{Brief, Evidence, Finding, KeyFigure, SourceId, Status};

/// How many items of each kind a draft proposes at most.
const MAX_FIGURES: usize = 6;
const MAX_PER_STATUS: usize = 5;

/// What the draft needs besides the articles.
#[derive(Debug, Clone)]
pub struct Options {
    pub title: Option<String>,
    /// The brief's `as_of` date; watch items are due four weeks later.
    pub date: NaiveDate,
}

/// A proposed brief and, for each item, why it was proposed.
#[derive(Debug, Clone)]
pub struct Draft {
    pub brief: Brief,
    pub figure_reasons: Vec<String>,
    pub finding_reasons: Vec<String>,
    pub sources: usize,
}

/// Proposes a brief from the articles.
pub fn draft(sources: &[&Source], cues: &Cues, options: &Options) -> Draft {
    let analysis = extract::analyze(sources, cues);
    let groups = figures::groups(&analysis);
    let subject = main_subject(&analysis);
    let mut d = Draft {
        brief: skeleton(&subject, sources.len(), options),
        figure_reasons: Vec::new(),
        finding_reasons: Vec::new(),
        sources: sources.len(),
    };
    propose_figures(&mut d, &groups);
    let mut ids = HashSet::new();
    let mut push = |d: &mut Draft, (mut finding, reason): (Finding, String)| {
        finding.id = unique_id(&finding, &mut ids);
        d.brief.findings.push(finding);
        d.finding_reasons.push(reason);
    };
    // Every substantive sentence, with its content words, once.
    let all = candidates(&analysis);
    for item in proven(&all) {
        push(&mut d, item);
    }
    for item in contested(&groups) {
        push(&mut d, item);
    }
    for item in by_stance(&all, Stance::Attributed, &subject) {
        push(&mut d, item);
    }
    for mut item in by_stance(&all, Stance::Forward, &subject) {
        item.0.review_by = options.date.checked_add_days(Days::new(28));
        push(&mut d, item);
    }
    d.brief.bottom_line = bottom_line(&d);
    d
}

/// The name the articles mention most (product-like names first).
fn main_subject(analysis: &Analysis<'_>) -> String {
    let mut counts: HashMap<(u8, &str), usize> = HashMap::new();
    for m in analysis
        .articles
        .iter()
        .flat_map(|a| &a.facts)
        .flat_map(|f| &f.mentions)
    {
        *counts.entry((m.rank.min(2), m.key.as_str())).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| {
            (a.0 .0, a.1)
                .cmp(&(b.0 .0, b.1))
                .then_with(|| b.0 .1.cmp(a.0 .1))
        })
        .map(|((_, key), _)| {
            analysis
                .names
                .get(key)
                .cloned()
                .unwrap_or_else(|| key.to_string())
        })
        .unwrap_or_else(|| "The story".to_string())
}

fn skeleton(subject: &str, sources: usize, options: &Options) -> Brief {
    Brief {
        kicker: "Draft brief".into(),
        title: options
            .title
            .clone()
            .unwrap_or_else(|| format!("{subject}: what the sources establish")),
        deck: format!(
            "What {sources} articles establish about {subject}, what rests on someone's word, and what to watch next."
        ),
        as_of: options.date,
        authors: Vec::new(),
        keywords: vec![subject.to_string()],
        bottom_line: String::new(),
        figures: Vec::new(),
        findings: Vec::new(),
        timeline: Vec::new(),
        pull_quote: None,
        charts: Vec::new(),
        audiences: Default::default(),
    }
}

/// Figures two or more outlets agree on, most corroborated first.
fn propose_figures(d: &mut Draft, groups: &[Group]) {
    let mut agreed: Vec<&Group> = groups
        .iter()
        .filter(|g| g.agree >= 2 && !g.disagree && !g.subject.is_empty())
        .collect();
    agreed.sort_by_key(|g| std::cmp::Reverse(g.agree));
    for g in agreed.into_iter().take(MAX_FIGURES) {
        let first = &g.values[0];
        let sources: Vec<SourceId> = dedup(
            g.values
                .iter()
                .filter(|v| v.consistent(first))
                .map(|v| v.source.clone()),
        );
        d.brief.figures.push(KeyFigure {
            value: human_value(first.value, first.high, &g.unit, Style::Letters),
            label: format!("{} {}", g.subject, g.quantity),
            sources,
            note: first.qualifier.clone(),
        });
        d.figure_reasons.push(format!(
            "reported consistently by {} outlets, e.g. \"{}\"",
            g.agree, first.text
        ));
    }
}

/// One finding per figure the outlets disagree on: a side per value (as a
/// key-figure strip would print it), a quote per outlet and side.
fn contested(groups: &[Group]) -> Vec<(Finding, String)> {
    groups
        .iter()
        .filter(|g| g.disagree && !g.subject.is_empty())
        .take(MAX_PER_STATUS)
        .map(|g| {
            let side_of = |v: &figures::Value| human_value(v.value, v.high, &g.unit, Style::Words);
            let mut seen = BTreeSet::new();
            let evidence: Vec<Evidence> = g
                .values
                .iter()
                .filter(|v| seen.insert((v.outlet_key.clone(), side_of(v))))
                .map(|v| Evidence {
                    source: v.source.clone(),
                    quote: v.quote.clone(),
                    side: Some(side_of(v)),
                })
                .collect();
            let sides = dedup(g.values.iter().map(side_of));
            let finding = Finding {
                id: format!("{} {}", g.subject, g.quantity),
                status: Status::Contested,
                claim: format!(
                    "The sources disagree on {} {}: {}.",
                    g.subject,
                    g.quantity,
                    sides.join(" vs ")
                ),
                why: "A figure the sources report differently; say which one the brief relies on, or that it is unsettled.".into(),
                tags: Vec::new(),
                review_by: None,
                evidence,
            };
            let reason = format!(
                "{} outlets give values for this figure that cannot all hold",
                g.outlets
            );
            (finding, reason)
        })
        .collect()
}

/// Words that say little about what a sentence claims.
const FILLER: [&str; 24] = [
    "that", "with", "this", "from", "have", "were", "been", "which", "their", "about", "would",
    "could", "into", "than", "more", "also", "only", "what", "when", "there", "they", "said",
    "says", "will",
];

fn content_words(sentence: &str) -> HashSet<String> {
    stance::cue_words(sentence)
        .into_iter()
        .filter(|w| {
            (w.len() >= 4 || w.chars().any(|c| c.is_ascii_digit())) && !FILLER.contains(&w.as_str())
        })
        .collect()
}

fn overlap(a: &HashSet<String>, b: &HashSet<String>) -> bool {
    let shared = a.intersection(b).count();
    shared >= 4 && shared * 3 >= a.len().min(b.len())
}

/// A sentence of one article, ready for comparison.
struct Candidate<'a> {
    article: &'a Article<'a>,
    fact: &'a Fact,
    words: HashSet<String>,
}

fn candidates<'a>(analysis: &'a Analysis<'a>) -> Vec<Candidate<'a>> {
    analysis
        .articles
        .iter()
        .flat_map(|a| a.facts.iter().map(move |f| (a, f)))
        .filter(|(a, f)| substantive(a.sentence(f), f))
        .map(|(article, fact)| Candidate {
            article,
            fact,
            words: content_words(article.sentence(fact)),
        })
        .collect()
}

/// A full sentence about something named or counted, not a heading.
fn substantive(sentence: &str, fact: &Fact) -> bool {
    let words = sentence.split_whitespace().count();
    let ends = sentence.ends_with(['.', '"', '\u{201D}', ')']);
    (8..=60).contains(&words) && ends && (!fact.mentions.is_empty() || !fact.quantities.is_empty())
}

/// Sentences stated as fact in one article and said, in substance, by at
/// least one other outlet: the more outlets, the stronger.
fn proven(all: &[Candidate<'_>]) -> Vec<(Finding, String)> {
    let mut scored: Vec<(usize, usize, Vec<&Candidate<'_>>)> = Vec::new();
    for (i, c) in all.iter().enumerate() {
        if c.fact.stance.stance != Stance::Asserted {
            continue;
        }
        let mut backing: Vec<&Candidate<'_>> = vec![c];
        let mut outlets = BTreeSet::from([c.article.outlet()]);
        for other in all {
            let outlet = other.article.outlet();
            if !outlets.contains(&outlet) && overlap(&c.words, &other.words) {
                outlets.insert(outlet);
                backing.push(other);
            }
        }
        if outlets.len() >= 2 {
            scored.push((outlets.len(), i, backing));
        }
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    pick_distinct(scored.into_iter().map(|(n, _, backing)| {
        let lead = backing[0];
        let names: Vec<String> = backing
            .iter()
            .map(|c| c.article.source.outlet_name())
            .collect();
        let finding = Finding {
            id: String::new(),
            status: Status::Proven,
            claim: lead.article.sentence(lead.fact).to_string(),
            why: format!("Stated as fact by {n} outlets ({}).", names.join(", ")),
            tags: Vec::new(),
            review_by: None,
            evidence: backing.iter().map(|c| evidence(c)).collect(),
        };
        (
            lead.words.clone(),
            finding,
            format!("asserted, and said in substance by {n} outlets"),
        )
    }))
}

/// Sentences with the given stance, those about the main subject or with
/// figures first.
fn by_stance(all: &[Candidate<'_>], wanted: Stance, subject: &str) -> Vec<(Finding, String)> {
    let main = extract::entity::key_of(subject);
    let mut scored: Vec<(usize, usize, &Candidate<'_>)> = all
        .iter()
        .enumerate()
        .filter(|(_, c)| c.fact.stance.stance == wanted)
        .map(|(i, c)| {
            let about_main = c.fact.subject.as_deref() == Some(main.as_str());
            let score = 3 * usize::from(about_main)
                + 2 * usize::from(!c.fact.quantities.is_empty())
                + usize::from(c.fact.mentions.iter().any(|m| m.rank >= 2));
            (score, i, c)
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let (status, why) = match wanted {
        Stance::Forward => (
            Status::Watch,
            "An open question the sources raise; revisit it in the next edition.",
        ),
        _ => (
            Status::NotProven,
            "Rests on someone's word or an inference, not on evidence the sources show.",
        ),
    };
    pick_distinct(scored.into_iter().map(|(_, _, c)| {
        let cue = c.fact.stance.cue.clone().unwrap_or_default();
        let finding = Finding {
            id: String::new(),
            status,
            claim: c.article.sentence(c.fact).to_string(),
            why: why.to_string(),
            tags: Vec::new(),
            review_by: None,
            evidence: vec![evidence(c)],
        };
        let kind = if wanted == Stance::Forward {
            "forward-looking"
        } else {
            "attributed or hedged"
        };
        (
            c.words.clone(),
            finding,
            format!(
                "{kind} (cue: \"{cue}\") in {}",
                c.article.source.outlet_name()
            ),
        )
    }))
}

/// Keeps the first items whose claims do not repeat an earlier one.
fn pick_distinct(
    items: impl Iterator<Item = (HashSet<String>, Finding, String)>,
) -> Vec<(Finding, String)> {
    let mut kept: Vec<HashSet<String>> = Vec::new();
    let mut out = Vec::new();
    for (words, finding, reason) in items {
        if kept.iter().any(|k| overlap(k, &words)) {
            continue;
        }
        kept.push(words);
        out.push((finding, reason));
        if out.len() == MAX_PER_STATUS {
            break;
        }
    }
    out
}

fn evidence(c: &Candidate<'_>) -> Evidence {
    Evidence {
        source: c.article.source.id().clone(),
        quote: c.article.sentence(c.fact).to_string(),
        side: None,
    }
}

fn dedup<T: Ord + Clone>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = BTreeSet::new();
    items.filter(|x| seen.insert(x.clone())).collect()
}

/// An id from the claim's first content words: "orion-trained-50000-chips".
fn unique_id(finding: &Finding, taken: &mut HashSet<String>) -> String {
    let base_text = if finding.id.is_empty() {
        &finding.claim
    } else {
        &finding.id
    };
    let words: Vec<String> = stance::cue_words(base_text)
        .into_iter()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| w.len() >= 3 && !FILLER.contains(&w.as_str()) && w != "the" && w != "and")
        .take(4)
        .collect();
    let base = if words.is_empty() {
        finding.status.key().replace('_', "-")
    } else {
        words.join("-")
    };
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn bottom_line(d: &Draft) -> String {
    let count = |s: Status| d.brief.findings.iter().filter(|f| f.status == s).count();
    format!(
        "Drafted from {} sources: {} claims stated as fact by two or more outlets, {} figures on which the sources disagree, {} claims that rest on someone's word, and {} open questions. Every item needs an analyst's review before this brief goes out.",
        d.sources,
        count(Status::Proven),
        count(Status::Contested),
        count(Status::NotProven),
        count(Status::Watch)
    )
}

/// How large numbers are scaled: words in prose ("1.6 trillion"), letters
/// in a key-figure strip ("1.6T").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Words,
    Letters,
}

/// "1.6 trillion", "50,000", "$12 billion", "33–56 billion", "60%"; with
/// [`Style::Letters`]: "1.6T", "$12B", "33–56B".
pub fn human_value(value: f64, high: Option<f64>, unit: &str, style: Style) -> String {
    if unit == "date" {
        return human_date(value);
    }
    let number = match high {
        Some(h) => {
            let (scale, word) = scale_word(h, style);
            format!("{}\u{2013}{}{word}", plain(value / scale), plain(h / scale))
        }
        None => {
            let (scale, word) = scale_word(value, style);
            format!("{}{word}", plain(value / scale))
        }
    };
    match unit {
        "USD" => format!("${number}"),
        "EUR" => format!("€{number}"),
        "GBP" => format!("£{number}"),
        "percent" => format!("{number}%"),
        "times" => format!("{number}x"),
        _ => number,
    }
}

/// `yyyymmdd` (0 for unknown parts) -> "June 30, 2026", "June 30", "June 2026".
fn human_date(value: f64) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let v = value as i64;
    let (y, m, d) = (v / 10_000, (v / 100) % 100, v % 100);
    let month = MONTHS
        .get((m - 1).clamp(0, 11) as usize)
        .copied()
        .unwrap_or("");
    match (y, d) {
        (0, d) => format!("{month} {d}"),
        (y, 0) => format!("{month} {y}"),
        (y, d) => format!("{month} {d}, {y}"),
    }
}

fn scale_word(v: f64, style: Style) -> (f64, &'static str) {
    let words = style == Style::Words;
    match v.abs() {
        x if x >= 1e12 => (1e12, if words { " trillion" } else { "T" }),
        x if x >= 1e9 => (1e9, if words { " billion" } else { "B" }),
        x if x >= 1e6 => (1e6, if words { " million" } else { "M" }),
        _ => (1.0, ""),
    }
}

/// 50000 -> "50,000"; 1.6 -> "1.6".
fn plain(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    if rounded.fract() != 0.0 {
        return format!("{rounded}");
    }
    let digits = format!("{}", rounded as i64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && c.is_ascii_digit() {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------
// Writing the draft

#[derive(Serialize)]
struct Header<'a> {
    kicker: &'a str,
    title: &'a str,
    deck: &'a str,
    as_of: String,
    keywords: &'a [String],
    bottom_line: &'a str,
}

#[derive(Serialize)]
struct Figures<'a> {
    figures: &'a [KeyFigure],
}

#[derive(Serialize)]
struct Findings<'a> {
    findings: &'a [Finding],
}

/// The draft as a commented TOML brief.
pub fn to_toml(d: &Draft) -> String {
    let b = &d.brief;
    let mut out = format!(
        "# Draft brief proposed by `brief draft` from {} sources on {}.\n\
         # Every quote is verbatim from its source and the file passes `brief check`.\n\
         # Each item's comment says why it was proposed; keep, rewrite or cut it.\n\n",
        d.sources, b.as_of
    );
    let header = Header {
        kicker: &b.kicker,
        title: &b.title,
        deck: &b.deck,
        as_of: b.as_of.to_string(),
        keywords: &b.keywords,
        bottom_line: &b.bottom_line,
    };
    out.push_str(&toml::to_string(&header).expect("a draft header serialises"));
    for (f, reason) in b.figures.iter().zip(&d.figure_reasons) {
        out.push_str(&format!("\n# Proposed: {reason}.\n"));
        let one = Figures {
            figures: std::slice::from_ref(f),
        };
        out.push_str(&toml::to_string(&one).expect("a key figure serialises"));
    }
    for (i, (f, reason)) in b.findings.iter().zip(&d.finding_reasons).enumerate() {
        out.push_str(&format!(
            "\n# {}. Proposed as {}: {reason}.\n",
            i + 1,
            f.status.label().to_lowercase()
        ));
        let one = Findings {
            findings: std::slice::from_ref(f),
        };
        out.push_str(&toml::to_string(&one).expect("a finding serialises"));
    }
    out
}

/// Writes the draft, never over an existing file unless `force`.
pub fn write(path: &std::path::Path, text: &str, force: bool) -> crate::Result<()> {
    if path.exists() && !force {
        return Err(crate::Error::Usage(format!(
            "{} exists; pass --force to overwrite it, or choose another -o",
            path.display()
        )));
    }
    crate::util::fs::write_atomic(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_values_read_like_prose_or_a_key_figure_strip() {
        let w = |v, h, u| human_value(v, h, u, Style::Words);
        let l = |v, h, u| human_value(v, h, u, Style::Letters);
        assert_eq!(w(1.6e12, None, "parameters"), "1.6 trillion");
        assert_eq!(l(1.6e12, None, "parameters"), "1.6T");
        assert_eq!(w(50_000.0, None, "chips"), "50,000");
        assert_eq!(w(12e9, None, "USD"), "$12 billion");
        assert_eq!(l(4.5e9, None, "EUR"), "€4.5B");
        assert_eq!(w(33e9, Some(56e9), "parameters"), "33\u{2013}56 billion");
        assert_eq!(w(60.0, None, "percent"), "60%");
        assert_eq!(w(20260630.0, None, "date"), "June 30, 2026");
        assert_eq!(l(630.0, None, "date"), "June 30");
        // What a strip prints reads back to the same number in the checker.
        for v in [1.6e12, 4.5e9, 1e6, 50_000.0] {
            assert_eq!(crate::numbers::figure_value(&l(v, None, "USD")), Some(v));
        }
    }
}
