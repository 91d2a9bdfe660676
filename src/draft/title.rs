//! The subject a draft's title names: the story's subject when a headline
//! names it, else the name most of the articles' headlines carry.

use std::collections::{HashMap, HashSet};

use crate::extract::Analysis;
use crate::model::source::Source;

/// The longest name, in words, a title is searched for.
const MAX_NAME_WORDS: usize = 5;

/// The subject for the brief's title: the story's subject when one of the
/// articles' own titles names it, else the name most titles carry
/// ("Celtavia" in five headlines of five, where the bodies mostly name the
/// regulator), as a title writes it. `None` keeps the story's subject: no
/// name is in two titles.
pub(super) fn headline_subject(analysis: &Analysis<'_>, sources: &[&Source]) -> Option<String> {
    use crate::util::text::normalize_for_match;
    let raw: Vec<&str> = sources
        .iter()
        .filter_map(|s| s.meta.title.as_deref())
        .collect();
    // How many titles hold each run of up to MAX_NAME_WORDS words: one
    // lookup per name, not a search of every title.
    let mut runs: HashMap<String, usize> = HashMap::new();
    for t in &raw {
        let normalized = words_only(&normalize_for_match(t));
        let words: Vec<&str> = normalized.split(' ').collect();
        let mut seen = HashSet::new();
        for n in 1..=MAX_NAME_WORDS {
            for run in words.windows(n) {
                let run = run.join(" ");
                if seen.insert(run.clone()) {
                    *runs.entry(run).or_default() += 1;
                }
            }
        }
    }
    let in_titles = |name: &str| {
        runs.get(&words_only(&normalize_for_match(name)))
            .copied()
            .unwrap_or(0)
    };
    let main = analysis.main.as_deref();
    if let Some(name) = main.and_then(|k| analysis.names.get(k)) {
        if in_titles(name) > 0 {
            return None;
        }
    }
    let (_, name) = analysis
        .names
        .values()
        .map(|name| ((in_titles(name), name.len()), name))
        .filter(|((n, _), _)| *n >= 2)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)))?;
    // As a sentence-case title writes it, with the capitalised words around
    // it ("Port Calloway", not a dateline's capitals; "Nordwind Air" where
    // the bodies gave only "Air").
    let lower = name.to_lowercase();
    let written = raw
        .iter()
        .filter(|t| !title_case(t))
        .find_map(|t| name_run(t, &lower));
    Some(written.unwrap_or_else(|| name.clone()))
}

/// "5 Disneyland Workers Diagnosed With Measles": most words capitalised.
fn title_case(title: &str) -> bool {
    let words: Vec<&str> = title
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let capital = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    capital * 5 > words.len() * 3
}

/// The run of capitalised words of `title` that holds `lower` (a name in
/// lower case), as written.
fn name_run(title: &str, lower: &str) -> Option<String> {
    let words: Vec<&str> = title.split_whitespace().collect();
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let capital = |w: &str| bare(w).chars().next().is_some_and(char::is_uppercase);
    let n = lower.split_whitespace().count();
    let at = (0..words.len().saturating_sub(n - 1)).find(|&i| {
        let span: Vec<String> = words[i..i + n].iter().map(|w| bare(w)).collect();
        span.join(" ").to_lowercase() == lower
    })?;
    let (mut from, mut to) = (at, at + n);
    // Not past a word that ends a phrase ("Ridgeline Fire: 97 homes") or
    // an owner ("Korea's Trump tariff").
    let ends = |w: &str| {
        w.ends_with([':', ',', ';', '.']) || w.ends_with("'s") || w.ends_with("\u{2019}s")
    };
    while from > 0 && capital(words[from - 1]) && !ends(words[from - 1]) {
        from -= 1;
    }
    while to < words.len() && capital(words[to]) && !ends(words[to - 1]) {
        to += 1;
    }
    let run: Vec<String> = words[from..to].iter().map(|w| bare(w)).collect();
    Some(run.join(" "))
}

/// Lower-case words separated by single spaces, punctuation dropped
/// ("Celtavia's breach:" -> "celtavia s breach").
fn words_only(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_name_is_its_run_of_capitalised_words() {
        assert_eq!(
            name_run("Regulator opens inquiry into Nordwind Air", "air").as_deref(),
            Some("Nordwind Air")
        );
        assert_eq!(
            name_run("Korea's Trump tariff is 26 percent, not 25", "trump").as_deref(),
            Some("Trump")
        );
        assert_eq!(
            name_run(
                "Ridgeline Fire: 97 homes lost in Bellhaven",
                "ridgeline fire"
            )
            .as_deref(),
            Some("Ridgeline Fire")
        );
        assert!(title_case("5 Disneyland Workers Diagnosed With Measles"));
        assert!(!title_case(
            "Several Disneyland employees diagnosed with measles"
        ));
    }
}
