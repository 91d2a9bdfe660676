//! What a figure counts, as a key-figure label or a finding's head:
//! "Homes collapsed", "Job cuts", "Firefighters", "Bonus", and the subject
//! when it is not what the story is about ("Tariff, Japan").

use std::collections::BTreeMap;

use crate::extract::{self, figures, figures::Group};

/// Measures that name only a kind of number: "72 · Duration" says nothing.
const GENERIC: [&str; 6] = [
    "people", "duration", "amount", "distance", "units", "number",
];

/// Words that name a unit of time or length, not what is counted.
const UNIT_WORDS: [&str; 26] = [
    "people",
    "persons",
    "seconds",
    "minutes",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "miles",
    "kilometers",
    "kilometres",
    "km",
    "meters",
    "metres",
    "feet",
    "units",
    "times",
    "percent",
    "points",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
];

/// Words after a number that do not say what it counts.
const NOT_NOUNS: [&str; 40] = [
    "than",
    "from",
    "with",
    "that",
    "this",
    "were",
    "have",
    "been",
    "more",
    "over",
    "into",
    "after",
    "before",
    "since",
    "under",
    "about",
    "each",
    "until",
    "when",
    "while",
    "which",
    "also",
    "later",
    "earlier",
    "long",
    "away",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "below",
    "above",
    "ahead",
    "behind",
    "familiar",
    "other",
];

/// The label of a figure: its measure ("Homes collapsed", "Charge"), or for
/// a generic one the noun the articles write with it ("4,800 workers" ->
/// "Workers", "a $1,500 bonus" -> "Bonus"); then the subject when it is not
/// what the story is about.
pub(super) fn figure_label(g: &Group, main: &str) -> String {
    let what = written_noun(g)
        .filter(|_| GENERIC.contains(&g.quantity.as_str()))
        .unwrap_or_else(|| measure_words(g));
    let what = capitalized(&what);
    let about_main = extract::entity::key_of(&g.subject) == extract::entity::key_of(main);
    if about_main || g.subject.is_empty() {
        what
    } else {
        format!("{what}, {}", g.subject)
    }
}

/// Whether a key figure's label can say what it counts: a measure that is
/// not generic, or a generic one whose articles name what it is ("4,800
/// workers", not "two people").
pub(super) fn says_what_it_counts(g: &Group) -> bool {
    !GENERIC.contains(&g.quantity.as_str()) || written_noun(g).is_some()
}

/// A participle needs what it counts ("homes collapsed", "people injured");
/// a noun ("workforce", "context window") says it alone.
fn measure_words(g: &Group) -> String {
    let money = figures::is_money(&g.unit);
    let participle = g.quantity.ends_with("ed") && !g.quantity.contains(' ');
    if participle && !money && g.quantity != g.unit {
        format!("{} {}", g.unit, g.quantity)
    } else {
        g.quantity.clone()
    }
}

/// The noun most of the group's statements write with the number: the last
/// word of the phrase ("4,800 workers"), else the word right after it ("a
/// $1,500 bonus"), when it is neither a unit of time or length nor a
/// function word.
fn written_noun(g: &Group) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for v in &g.values {
        let last = v.text.split_whitespace().last().unwrap_or("");
        let after = v
            .quote
            .find(&v.text)
            .and_then(|at| v.quote[at + v.text.len()..].split_whitespace().next())
            .unwrap_or("");
        let noun = [last, after].into_iter().find(|w| is_countable_noun(w));
        if let Some(noun) = noun {
            *counts.entry(noun.to_string()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(noun, _)| noun)
}

fn is_countable_noun(w: &str) -> bool {
    w.len() >= 4
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !UNIT_WORDS.contains(&w)
        && !NOT_NOUNS.contains(&w)
        && !w.ends_with("ly")
        && !w.ends_with("ed")
        && !w.ends_with("ing")
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
