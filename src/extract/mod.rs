//! Extraction: what the articles say, sentence by sentence. Every quantity
//! with its unit, qualifier, year and subject; the names in each sentence;
//! how the article stands behind it. [`figures`] groups the quantities across
//! articles; [`crate::draft`] turns the analysis into a draft brief.
//!
//! The rules are general (no story is built in); the word lists they use are
//! data in `cues.toml`, documented in `docs/extraction.md`.

pub mod cues;
pub mod entity;
pub mod figures;
pub mod quantity;
pub mod stance;
pub mod text;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

pub use cues::Cues;
pub use entity::Mention;
pub use quantity::Quantity;
pub use stance::{Call, Stance};

use crate::model::source::Source;

/// One analysed sentence of an article.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Byte range in the article body: the sentence, verbatim.
    pub range: Range<usize>,
    pub paragraph: usize,
    pub stance: Call,
    pub mentions: Vec<Mention>,
    /// Each quantity with the key of its subject (see [`entity::key_of`]).
    pub quantities: Vec<(Quantity, Option<String>)>,
    /// The sentence's main subject: its best-ranked name, else the one
    /// carried over from earlier in the paragraph.
    pub subject: Option<String>,
    /// The names that measured its values (see [`entity::bodies`]).
    pub bodies: Vec<String>,
}

/// One analysed article.
#[derive(Debug, Clone)]
pub struct Article<'s> {
    pub source: &'s Source,
    pub facts: Vec<Fact>,
}

impl Article<'_> {
    pub fn sentence(&self, fact: &Fact) -> &str {
        &self.source.body[fact.range.clone()]
    }

    /// The outlet the article counts as (see [`Source::outlet_key`]).
    pub fn outlet(&self) -> String {
        self.source.outlet_key()
    }
}

/// Every article analysed, and the display name of every subject key.
#[derive(Debug, Clone)]
pub struct Analysis<'s> {
    pub articles: Vec<Article<'s>>,
    pub names: HashMap<String, String>,
    /// Pairs of subject keys the story links as owner and owned ("Google's
    /// Motorola Mobility"): a figure may be written under either.
    pub links: HashSet<(String, String)>,
    /// The key of what the story is about (see [`main_subject`]).
    pub main: Option<String>,
}

/// Analyses articles in parallel, then merges subject keys that are a
/// shorter form of another ("v4pro" into "zenseekv4pro").
pub fn analyze<'s>(sources: &[&'s Source], cues: &Cues) -> Analysis<'s> {
    let mut articles: Vec<Article<'s>> = sources
        .par_iter()
        .map(|s| analyze_article(s, cues))
        .collect();
    let names = merge_subjects(&mut articles);
    let titles: Vec<Vec<Mention>> = articles.iter().map(|a| title_mentions(a, cues)).collect();
    let mut links = owner_links(&articles);
    let main = main_subject(&articles, &titles);
    if let Some(main) = &main {
        let main = main.clone();
        alias_owners(&mut articles, &main);
        fill_with_main_subject(&mut articles, &main);
        let short = |k: &str| shorter_form(k, &main);
        for f in articles.iter_mut().flat_map(|a| &mut a.facts) {
            for (_, subject) in &mut f.quantities {
                if let Some(s) = subject.as_mut() {
                    if short(s) {
                        s.clone_from(&main);
                    }
                }
            }
        }
        links = links
            .into_iter()
            .map(|(a, b)| {
                let to_main = |k: String| if short(&k) { main.clone() } else { k };
                (to_main(a), to_main(b))
            })
            .collect();
    }
    Analysis {
        articles,
        names,
        links,
        main,
    }
}

/// Analyses one article.
pub fn analyze_article<'s>(source: &'s Source, cues: &Cues) -> Article<'s> {
    let body = source.body.as_str();
    let lower = body.to_ascii_lowercase();
    let sentences = text::sentences(body);
    let tokenized: Vec<Vec<text::Token>> = sentences
        .iter()
        .map(|s| text::tokens(&body[s.range.clone()]))
        .collect();
    let furniture = furniture_keys(source);
    let lowered: Vec<Vec<&str>> = sentences
        .iter()
        .zip(&tokenized)
        .map(|(s, toks)| quantity::lower_words(&lower[s.range.clone()], toks))
        .collect();
    let mut capitals = entity::Capitals::default();
    for ((s, toks), words) in sentences.iter().zip(&tokenized).zip(&lowered) {
        entity::mid_sentence_capitals(&body[s.range.clone()], toks, words, &mut capitals);
    }
    let mut facts = Vec::with_capacity(sentences.len());
    // The paragraph's best-ranked name so far (the latest on a tie): what a
    // sentence without a name of its own is about.
    let mut carried: Option<(usize, u8, String)> = None;
    for ((s, toks), words) in sentences.into_iter().zip(&tokenized).zip(lowered) {
        let sentence = &body[s.range.clone()];
        let mentions = entity::mentions(sentence, toks, &words, &capitals, cues);
        if carried.as_ref().is_some_and(|(p, _, _)| *p != s.paragraph) {
            carried = None;
        }
        let fallback = carried.as_ref().map(|(_, _, k)| k.clone());
        let carried_rank = carried.as_ref().map(|(_, r, _)| *r);
        let found = if is_page_furniture(&words, toks) {
            Vec::new()
        } else {
            quantity::quantities(sentence, toks, &words, cues)
        };
        let phrases: Vec<Range<usize>> = found.iter().map(|q| q.tokens.clone()).collect();
        let mut parentheses = entity::parentheses(toks);
        parentheses.extend(entity::dateline(sentence, toks));
        parentheses.extend(
            mentions
                .iter()
                .filter(|m| furniture.contains(&m.key))
                .map(|m| m.tokens.clone()),
        );
        // Asides and furniture are never what the story is about; speakers
        // ("Voltara says") may well be.
        let asides: Vec<bool> = mentions
            .iter()
            .map(|m| {
                parentheses
                    .iter()
                    .any(|p| p.start < m.tokens.end && m.tokens.start < p.end)
            })
            .collect();
        let speaking = entity::speakers(&mentions, &words, &cues.speakers);
        let speakers: Vec<bool> = mentions
            .iter()
            .map(|m| speaking.contains(&m.tokens))
            .collect();
        parentheses.extend(speaking);
        let subjects = entity::Subjects {
            mentions: &mentions,
            toks,
            words: &words,
            phrases: &phrases,
            parentheses: &parentheses,
            carried_rank,
        };
        let respective = respectively(&found, &mentions, &parentheses, &words);
        // A clause without a subject of its own takes the one before it in
        // the sentence ("India would be subject to 26 percent, but the annex
        // listed the nation's rate at 27 percent").
        let mut previous: Option<String> = None;
        let quantities = found
            .into_iter()
            .enumerate()
            .map(|(i, q)| {
                let compound = sentence[q.range.clone()].contains('-');
                let own = respective.get(&i).cloned().or_else(|| {
                    subjects
                        .subject_for(&q.tokens, compound)
                        .map(|m| m.key.clone())
                });
                let subject = own
                    .or_else(|| previous.clone())
                    .or_else(|| fallback.clone());
                if !subjects.is_list_item(&q.tokens) {
                    previous.clone_from(&subject);
                }
                (q, subject)
            })
            .collect();
        let bodies = entity::bodies(&mentions, &words, cues);

        let own = mentions
            .iter()
            .filter(|m| {
                !phrases
                    .iter()
                    .chain(&parentheses)
                    .any(|p| p.start < m.tokens.end && m.tokens.start < p.end)
                    && subjects.about(m)
            })
            .max_by_key(|m| (m.rank, std::cmp::Reverse(m.tokens.start)));
        if let Some(m) = own {
            if carried.as_ref().is_none_or(|(_, rank, _)| m.rank >= *rank) {
                carried = Some((s.paragraph, m.rank, m.key.clone()));
            }
        }
        let subject = own.map(|m| m.key.clone()).or(fallback);
        let mut mentions = mentions;
        for ((m, aside), speaker) in mentions.iter_mut().zip(asides).zip(speakers) {
            m.aside = aside;
            m.speaker = speaker;
        }
        let lower_sentence = &lower[s.range.clone()];
        let stance = stance::classify(&stance::CueWords::of(lower_sentence).words(), cues);
        facts.push(Fact {
            range: s.range,
            paragraph: s.paragraph,
            stance,
            mentions,
            quantities,
            subject,
            bodies,
        });
    }
    Article { source, facts }
}

/// Keys of the names that stand for the seed's own outlet ("The Straits
/// Times (AFP)" -> "thestraitstimesafp", "straitstimes", "afp"): page
/// furniture, never the subject of a figure.
fn furniture_keys(source: &Source) -> HashSet<String> {
    let mut out = HashSet::new();
    let Some(outlet) = source.meta.outlet.as_deref() else {
        return out;
    };
    out.insert(entity::key_of(outlet));
    for part in outlet.split(['(', ')', ',', '/']) {
        let part = part.trim();
        let part = part.strip_prefix("The ").unwrap_or(part);
        if !part.is_empty() {
            out.insert(entity::key_of(part));
        }
    }
    out.remove("");
    out
}

/// "Published: 03 Apr. 2025, 16:03", "Posted at 9:55 PM, Jan 20, 2015",
/// "Wednesday, January 21, 2015": a line that is only a page timestamp is
/// metadata, not a figure of the story.
fn is_page_furniture(words: &[&str], toks: &[text::Token]) -> bool {
    let stamp = |w: &str| {
        matches!(
            w,
            "published"
                | "posted"
                | "updated"
                | "last"
                | "and"
                | "on"
                | "at"
                | "by"
                | "am"
                | "pm"
                | "a"
                | "p"
                | "m"
                | "cst"
                | "est"
                | "edt"
                | "pst"
                | "pdt"
                | "gmt"
                | "utc"
                | "et"
                | "date"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
        )
    };
    let month = |w: &str| {
        matches!(
            w,
            "jan"
                | "january"
                | "feb"
                | "february"
                | "mar"
                | "march"
                | "apr"
                | "april"
                | "may"
                | "jun"
                | "june"
                | "jul"
                | "july"
                | "aug"
                | "august"
                | "sep"
                | "sept"
                | "september"
                | "oct"
                | "october"
                | "nov"
                | "november"
                | "dec"
                | "december"
        )
    };
    let mut any_month = false;
    for (t, w) in toks.iter().zip(words.iter().copied()) {
        match t.kind {
            text::Kind::Word { .. } if month(w) => any_month = true,
            text::Kind::Word { .. } if !stamp(w) => return false,
            _ => {}
        }
    }
    any_month
}

/// "three models, the KH-200, KH-300 and KH-350, sold for $49, $69 and $89
/// respectively": the values of one unit pair with the names before them,
/// in order. Quantity index -> subject key.
fn respectively(
    found: &[Quantity],
    mentions: &[Mention],
    excluded: &[Range<usize>],
    words: &[&str],
) -> HashMap<usize, String> {
    let mut out = HashMap::new();
    let Some(at) = words.iter().position(|w| *w == "respectively") else {
        return out;
    };
    let values: Vec<usize> = (0..found.len())
        .filter(|&i| found[i].tokens.end <= at)
        .collect();
    let Some(&first) = values.first() else {
        return out;
    };
    let unit = &found[first].unit;
    let values: Vec<usize> = values
        .into_iter()
        .filter(|&i| &found[i].unit == unit)
        .collect();
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let names: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.tokens.end <= found[first].tokens.start)
        .filter(|m| !excluded.iter().any(|p| overlaps(p, &m.tokens)))
        .collect();
    if values.len() < 2 || names.len() < values.len() {
        return out;
    }
    let names = &names[names.len() - values.len()..];
    for (i, m) in values.into_iter().zip(names) {
        out.insert(i, m.key.clone());
    }
    out
}

/// The names in an article's title.
/// Titles are often in title case: only names the article body also
/// mentions count.
fn title_mentions(article: &Article<'_>, cues: &Cues) -> Vec<Mention> {
    let Some(title) = article.source.meta.title.as_deref() else {
        return Vec::new();
    };
    let in_body: HashSet<&str> = article
        .facts
        .iter()
        .flat_map(|f| &f.mentions)
        .map(|m| m.key.as_str())
        .collect();
    // A title's first word starts a name when the body writes it as a name
    // ("Ridgeline Fire grows ...": the body has "the Ridgeline Fire").
    let lowered: Vec<String> = article
        .facts
        .iter()
        .flat_map(|f| &f.mentions)
        .flat_map(|m| m.name.split([' ', '-']))
        .map(str::to_ascii_lowercase)
        .collect();
    let capitals: entity::Capitals<'_> = lowered.iter().map(String::as_str).collect();
    let toks = text::tokens(title);
    let lower = title.to_ascii_lowercase();
    let words = quantity::lower_words(&lower, &toks);
    entity::mentions(title, &toks, &words, &capitals, cues)
        .into_iter()
        .filter(|m| in_body.contains(m.key.as_str()))
        .collect()
}

/// What the story is about: the most mentioned product-like name across all
/// articles (a title mention counts three times, a longer name that contains
/// a key at its start counts for it: "Harbor City Transport Authority" for
/// "Harbor City"), else the most mentioned name.
pub fn main_subject(articles: &[Article<'_>], titles: &[Vec<Mention>]) -> Option<String> {
    // (mention, weight, article index)
    let body = articles.iter().enumerate().flat_map(|(i, a)| {
        a.facts
            .iter()
            .flat_map(|f| &f.mentions)
            .filter(|m| !m.aside)
            .map(move |m| (m, 1, i))
    });
    let title = titles
        .iter()
        .enumerate()
        .flat_map(|(i, t)| t.iter().map(move |m| (m, 3, i)));
    let mut weight: FxHashMap<&str, (bool, usize)> = FxHashMap::default();
    let all: Vec<(&Mention, usize, usize)> = body.chain(title).collect();
    // How many articles name it: what a story is about, every outlet
    // names; a label ("UPDATE"), a broadcaster or a place in one dateline,
    // few do, however often.
    let mut reach: FxHashMap<&str, FxHashSet<usize>> = FxHashMap::default();
    for (m, _, i) in &all {
        reach.entry(m.key.as_str()).or_default().insert(*i);
    }
    let all: Vec<(&Mention, usize)> = all.into_iter().map(|(m, w, _)| (m, w)).collect();
    // A name that mostly speaks ("Xinhua said", "according to the agency")
    // reports the story; a company speaking of its own plant is also
    // written about, and stays.
    let mut speaks: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
    for (m, _) in &all {
        let e = speaks.entry(m.key.as_str()).or_default();
        e.0 += usize::from(m.speaker);
        e.1 += 1;
    }
    let all: Vec<(&Mention, usize)> = all
        .into_iter()
        .filter(|(m, _)| {
            let (speaking, total) = speaks[m.key.as_str()];
            speaking * 3 < total * 2
        })
        .collect();
    for (m, _) in &all {
        weight.entry(m.key.as_str()).or_default().0 |= m.rank >= 2;
    }
    for (m, w) in &all {
        // Every key that is a prefix of this mention's key gets its weight.
        for (end, _) in m.key.char_indices().skip(1).chain([(m.key.len(), ' ')]) {
            if let Some(entry) = weight.get_mut(&m.key[..end]) {
                entry.1 += w;
            }
        }
    }
    let reach_of = |k: &str| reach.get(k).map_or(0, FxHashSet::len);
    let widest = weight.keys().map(|k| reach_of(k)).max().unwrap_or(0);
    // Among the names most articles share (at least two thirds of the
    // widest reach), a product-like name first, then the most mentioned.
    let main = weight
        .iter()
        .filter(|(k, _)| reach_of(k) * 3 >= widest * 2)
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k.to_string())?;
    // "Orion" is most mentioned counting its forms; "Orion-2.0", its
    // most mentioned versioned form, is the thing the figures are about.
    let mut exact: FxHashMap<&str, usize> = FxHashMap::default();
    for (m, w) in &all {
        if m.rank == 3 && m.key.starts_with(&main) {
            *exact.entry(m.key.as_str()).or_default() += w;
        }
    }
    let versioned = exact
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k.to_string());
    Some(versioned.unwrap_or(main))
}

/// "Acme's Orion-2.0": a name written as the owner of the story's main
/// subject speaks for it, so "Acme's self-reported numbers" are the
/// main subject's figures.
fn alias_owners(articles: &mut [Article<'_>], main: &str) {
    let mut owners = HashSet::new();
    for f in articles.iter().flat_map(|a| &a.facts) {
        for pair in f.mentions.windows(2) {
            if pair[0].possessive
                && pair[0].tokens.end == pair[1].tokens.start
                && pair[1].key == main
            {
                owners.insert(pair[0].key.clone());
            }
        }
    }
    for f in articles.iter_mut().flat_map(|a| &mut a.facts) {
        for (_, subject) in &mut f.quantities {
            if subject.as_ref().is_some_and(|s| owners.contains(s)) {
                *subject = Some(main.to_string());
            }
        }
    }
}

/// "Motorola" for "Motorola Mobility", "Motorola Mobility" for "Motorola":
/// a key that is the main subject's key cut short, or lengthened, names it
/// (names with version numbers are products of their own: not merged).
fn shorter_form(key: &str, main: &str) -> bool {
    let plain = |k: &str| k.len() >= 4 && !k.chars().any(|c| c.is_ascii_digit());
    key != main && plain(key) && plain(main) && (main.starts_with(key) || key.starts_with(main))
}

/// Every "Owner's Owned" pair of adjacent names in the story.
fn owner_links(articles: &[Article<'_>]) -> HashSet<(String, String)> {
    let mut out = HashSet::new();
    for f in articles.iter().flat_map(|a| &a.facts) {
        for pair in f.mentions.windows(2) {
            if pair[0].possessive && pair[0].tokens.end == pair[1].tokens.start {
                out.insert((pair[0].key.clone(), pair[1].key.clone()));
            }
        }
    }
    out
}

/// A figure with no name in its sentence or paragraph is about the story's
/// main subject.
fn fill_with_main_subject(articles: &mut [Article<'_>], main: &str) {
    for f in articles.iter_mut().flat_map(|a| &mut a.facts) {
        for (_, subject) in &mut f.quantities {
            subject.get_or_insert_with(|| main.to_string());
        }
    }
}

/// Maps each subject key that is the tail of exactly one longer key onto it,
/// and picks each key's most frequent written form as its display name.
fn merge_subjects(articles: &mut [Article<'_>]) -> HashMap<String, String> {
    let mut forms: HashMap<String, HashMap<String, usize>> = HashMap::new();
    for a in articles.iter() {
        for f in &a.facts {
            for m in &f.mentions {
                *forms
                    .entry(m.key.clone())
                    .or_default()
                    .entry(m.name.clone())
                    .or_default() += 1;
            }
        }
    }
    let keys: Vec<&String> = forms.keys().collect();
    let mut merged: HashMap<String, String> = HashMap::new();
    for short in &keys {
        let versioned = short.chars().any(|c| c.is_ascii_digit());
        if short.len() < 4 {
            continue;
        }
        // A versioned short form may be glued ("V4-Pro" in "DeepSeek-V4-Pro");
        // a plain one must be the longer name's last word ("Korea" in "South
        // Korea", not "Ion" in "Union").
        let ends_as_word = |long: &String| {
            forms[long].keys().any(|l| {
                forms[*short].keys().any(|s| {
                    l.len() > s.len()
                        && l.ends_with(s.as_str())
                        && l[..l.len() - s.len()].ends_with(' ')
                })
            })
        };
        let longer: Vec<&&String> = keys
            .iter()
            .filter(|k| k.len() > short.len() && k.ends_with(short.as_str()))
            .filter(|k| versioned || ends_as_word(k))
            .collect();
        if let [only] = longer.as_slice() {
            merged.insert((*short).clone(), (**only).clone());
        }
    }
    for a in articles.iter_mut() {
        for f in &mut a.facts {
            for (_, subject) in &mut f.quantities {
                if let Some(to) = subject.as_ref().and_then(|s| merged.get(s)) {
                    *subject = Some(to.clone());
                }
            }
            if let Some(to) = f.subject.as_ref().and_then(|s| merged.get(s)) {
                f.subject = Some(to.clone());
            }
        }
    }
    forms
        .into_iter()
        .map(|(key, names)| {
            let best = names
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|(n, _)| n)
                .unwrap_or_else(|| key.clone());
            (key, best)
        })
        .collect()
}
