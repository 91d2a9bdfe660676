//! The cue lists (qualifiers, units, currencies, stance cues) as data:
//! `cues.toml` is compiled in, and a project may replace it with its own.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The built-in cue file, also the documentation of the format.
pub const BUILTIN: &str = include_str!("cues.toml");

static DEFAULT: LazyLock<Cues> = LazyLock::new(|| {
    Cues::parse(BUILTIN, Path::new("<built-in cues.toml>")).expect("the built-in cues parse")
});

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    qualifiers: Vec<String>,
    not_names: Vec<String>,
    months: Vec<Vec<String>>,
    speakers: Vec<String>,
    unit_stops: Vec<String>,
    units: Vec<UnitSpec>,
    currencies: CurrencySpec,
    scores: ScoreSpec,
    stance: StanceSpec,
    #[serde(default)]
    measures: Vec<Measure>,
    #[serde(default)]
    scope: ScopeSpec,
    #[serde(default)]
    compare: CompareSpec,
}

/// What a number counts, named by the words that govern it (see
/// `[[measures]]` in cues.toml).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub measure: String,
    pub cues: Vec<String>,
    /// The units it applies to; empty: any.
    #[serde(default)]
    pub units: Vec<String>,
    /// The unit a bare number governed by a cue counts in.
    #[serde(default)]
    pub unit: Option<String>,
    /// A count that grows as a story develops.
    #[serde(default)]
    pub evolving: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopeSpec {
    #[serde(default)]
    part: Vec<String>,
    #[serde(default)]
    combined: Vec<String>,
    #[serde(default)]
    increment: Vec<String>,
    #[serde(default)]
    places: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompareSpec {
    #[serde(default)]
    contrast: Vec<String>,
    #[serde(default)]
    measured: Vec<String>,
    #[serde(default)]
    update: Vec<String>,
    #[serde(default)]
    earlier: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitSpec {
    unit: String,
    words: Vec<String>,
    quantity: Option<String>,
    #[serde(default)]
    variants: Vec<Variant>,
    /// The unit word may come before the number ("magnitude 6.1").
    #[serde(default)]
    before: bool,
}

/// A more precise name for what is measured, chosen by a nearby cue word.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub quantity: String,
    pub cues: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencySpec {
    symbols: HashMap<String, String>,
    words: HashMap<String, String>,
    #[serde(default)]
    variants: Vec<Variant>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreSpec {
    after: Vec<String>,
    before: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct StanceSpec {
    attributed: Vec<String>,
    forward: Vec<String>,
    future: Vec<String>,
    settled: Vec<String>,
    /// Words that report a claim disputed or denied ("a figure the union
    /// disputes"); a draft says so in the claim's `why`.
    #[serde(default)]
    disputed: Vec<String>,
    /// Phrases in which a cue word is no cue ("could not immediately be
    /// reconciled", "customers were told on 14 November").
    #[serde(default)]
    neutral: Vec<String>,
}

/// A unit as the extractor uses it.
#[derive(Debug, Clone)]
pub struct Unit {
    pub unit: String,
    pub quantity: String,
    pub variants: Vec<Variant>,
    pub before: bool,
}

/// A phrase of lower-case words; `None` stands for a gap of up to
/// [`GAP`] words ("if ... holds").
pub type Phrase = Vec<Option<String>>;

/// The widest gap a "..." in a cue phrase spans.
pub const GAP: usize = 8;

/// Every cue, ready for matching.
#[derive(Debug, Clone)]
pub struct Cues {
    pub qualifiers: Vec<Phrase>,
    pub not_names: FxHashSet<String>,
    /// Month name or abbreviation (lower case) -> 1..=12.
    pub months: FxHashMap<String, u32>,
    /// Words after a name that make it the speaker, not the subject.
    pub speakers: Vec<String>,
    pub unit_stops: FxHashSet<String>,
    /// Unit word (single word, or the first word of a phrase) -> unit index.
    pub unit_words: FxHashMap<String, Vec<(Phrase, usize)>>,
    pub units: Vec<Unit>,
    pub currency_symbols: FxHashMap<char, String>,
    pub currency_words: FxHashMap<String, String>,
    pub money_variants: Vec<Variant>,
    pub score_after: Vec<String>,
    pub score_before: Vec<Phrase>,
    /// The stance lists in one index: forward, attributed, future, settled,
    /// disputed, and the neutral phrases that hide a cue ([`STANCE_NEUTRAL`]).
    pub stance: PhraseList,
    pub measures: Vec<Measure>,
    /// Measure cue (one word, or the first word of a phrase) -> (phrase,
    /// measure index).
    pub measure_words: FxHashMap<String, Vec<(Phrase, usize)>>,
    pub scope_part: Vec<Phrase>,
    pub scope_combined: Vec<Phrase>,
    pub scope_increment: FxHashSet<String>,
    pub scope_places: FxHashSet<String>,
    pub update: PhraseList,
    pub earlier: PhraseList,
    pub contrast: PhraseList,
    pub measured: FxHashSet<String>,
}

impl Cues {
    /// The built-in cues.
    pub fn builtin() -> &'static Cues {
        &DEFAULT
    }

    /// The project's `cues.toml` if it has one, else the built-in cues.
    pub fn for_project(root: &Path) -> Result<Cues> {
        let path = root.join("cues.toml");
        if !path.is_file() {
            return Ok(DEFAULT.clone());
        }
        // Not a link out of the project (its text would show in errors).
        let text = crate::util::fs::Folder::new(root)?.read_text(&path)?;
        Cues::parse(&text, &path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Cues> {
        let file: CueFile = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            let (line, column) = crate::diag::pos::line_col(text, at);
            Error::Brief {
                path: path.to_path_buf(),
                line,
                column,
                message: format!(
                    "{} (the cue file format is documented in docs/extraction.md)",
                    e.message()
                ),
            }
        })?;
        Ok(Cues::from_file(file))
    }

    fn from_file(f: CueFile) -> Cues {
        let mut unit_words: FxHashMap<String, Vec<(Phrase, usize)>> = FxHashMap::default();
        let units = f
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                for w in &u.words {
                    let phrase = phrase(w);
                    if let Some(Some(first)) = phrase.first() {
                        unit_words
                            .entry(first.clone())
                            .or_default()
                            .push((phrase.clone(), i));
                    }
                }
                Unit {
                    unit: u.unit.clone(),
                    quantity: u.quantity.clone().unwrap_or_else(|| u.unit.clone()),
                    variants: u.variants.clone(),
                    before: u.before,
                }
            })
            .collect();
        Cues {
            qualifiers: f.qualifiers.iter().map(|q| phrase(q)).collect(),
            not_names: f.not_names.iter().map(|w| w.to_lowercase()).collect(),
            months: f
                .months
                .iter()
                .enumerate()
                .flat_map(|(i, names)| names.iter().map(move |n| (n.to_lowercase(), i as u32 + 1)))
                .collect(),
            speakers: f.speakers.iter().map(|w| w.to_lowercase()).collect(),
            unit_stops: f.unit_stops.iter().map(|w| w.to_lowercase()).collect(),
            unit_words,
            units,
            currency_symbols: f
                .currencies
                .symbols
                .iter()
                .filter_map(|(k, v)| Some((k.chars().next()?, v.clone())))
                .collect(),
            currency_words: f
                .currencies
                .words
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.clone()))
                .collect(),
            money_variants: f.currencies.variants,
            score_after: f.scores.after.iter().map(|w| w.to_lowercase()).collect(),
            score_before: f.scores.before.iter().map(|q| phrase(q)).collect(),
            stance: PhraseList::of_lists(&[
                &f.stance.forward,
                &f.stance.attributed,
                &f.stance.future,
                &f.stance.settled,
                &f.stance.disputed,
                &f.stance.neutral,
            ]),
            measure_words: index_phrases(f.measures.iter().map(|m| m.cues.as_slice())),
            measures: f.measures,
            scope_part: f.scope.part.iter().map(|q| phrase(q)).collect(),
            scope_combined: f.scope.combined.iter().map(|q| phrase(q)).collect(),
            scope_increment: f.scope.increment.iter().map(|w| w.to_lowercase()).collect(),
            scope_places: f.scope.places.iter().map(|w| w.to_lowercase()).collect(),
            update: PhraseList::new(&f.compare.update),
            earlier: PhraseList::new(&f.compare.earlier),
            contrast: PhraseList::new(&f.compare.contrast),
            measured: f
                .compare
                .measured
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
        }
    }

    pub fn is_not_name(&self, lower: &str) -> bool {
        self.not_names.contains(lower)
    }

    pub fn is_unit_stop(&self, lower: &str) -> bool {
        self.unit_stops.contains(lower)
    }
}

/// Cue phrases of several lists indexed by their first word: word ->
/// (phrase, list index).
fn index_phrases<'a>(
    lists: impl Iterator<Item = &'a [String]>,
) -> FxHashMap<String, Vec<(Phrase, usize)>> {
    let mut out: FxHashMap<String, Vec<(Phrase, usize)>> = FxHashMap::default();
    for (i, list) in lists.enumerate() {
        for text in list {
            let p = phrase(text);
            if let Some(Some(first)) = p.first() {
                out.entry(first.clone()).or_default().push((p, i));
            }
        }
    }
    out
}

/// Splits a cue into lower-case words; "..." becomes a gap.
fn phrase(text: &str) -> Phrase {
    text.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w == "..." || w == "\u{2026}" {
                None
            } else {
                Some(w.to_lowercase())
            }
        })
        .collect()
}

fn matches_at(words: &[&str], start: usize, phrase: &[Option<String>]) -> bool {
    match phrase.split_first() {
        None => true,
        Some((Some(w), rest)) => {
            words.get(start).is_some_and(|x| x == w) && matches_at(words, start + 1, rest)
        }
        Some((None, rest)) => {
            (start..=(start + GAP).min(words.len())).any(|s| matches_at(words, s, rest))
        }
    }
}

/// Cue phrases indexed by their first word, so a sentence is matched in one
/// pass over its words however long the list.
#[derive(Debug, Clone, Default)]
pub struct PhraseList {
    /// First word -> (list, position in that list, phrase).
    by_first: FxHashMap<String, Vec<(usize, usize, Phrase)>>,
}

impl PhraseList {
    pub fn new(texts: &[String]) -> PhraseList {
        PhraseList::of_lists(&[texts])
    }

    /// Several lists in one index: [`PhraseList::first_matches`] finds the
    /// first phrase of each in one pass over a sentence.
    pub fn of_lists(lists: &[&[String]]) -> PhraseList {
        let mut by_first: FxHashMap<String, Vec<(usize, usize, Phrase)>> = FxHashMap::default();
        for (list, texts) in lists.iter().enumerate() {
            for (i, text) in texts.iter().enumerate() {
                let p = phrase(text);
                if let Some(Some(first)) = p.first() {
                    by_first
                        .entry(first.clone())
                        .or_default()
                        .push((list, i, p));
                }
            }
        }
        PhraseList { by_first }
    }

    /// The phrase found in `words` that comes first in the list.
    pub fn first_match(&self, words: &[&str]) -> Option<&Phrase> {
        let [found] = self.first_matches(words);
        found
    }

    /// For each of the first `N` lists, the phrase found in `words` that
    /// comes first in that list.
    pub fn first_matches<const N: usize>(&self, words: &[&str]) -> [Option<&Phrase>; N] {
        self.scan(words, None)
    }

    /// [`PhraseList::first_matches`], leaving out every match that lies
    /// inside a match of list `neutral` ("could" in "could not immediately
    /// be reconciled"; a longer cue, "could not be verified", still counts).
    pub fn first_matches_outside<const N: usize>(
        &self,
        words: &[&str],
        neutral: usize,
    ) -> [Option<&Phrase>; N] {
        self.scan(words, Some(neutral))
    }

    /// One pass over the words. At each start the neutral phrases are
    /// matched first: a neutral match that starts here or earlier hides the
    /// fixed phrases that end within it.
    fn scan<const N: usize>(&self, words: &[&str], neutral: Option<usize>) -> [Option<&Phrase>; N] {
        let fixed = |p: &Phrase| p.iter().all(Option::is_some);
        let mut best: [Option<(usize, &Phrase)>; N] = [None; N];
        // How far the neutral matches found so far reach.
        let mut reach = 0;
        for start in 0..words.len() {
            let Some(candidates) = self.by_first.get(words[start]) else {
                continue;
            };
            if let Some(n) = neutral {
                for (list, _, p) in candidates {
                    if *list == n && fixed(p) && matches_at(words, start, p) {
                        reach = reach.max(start + p.len());
                    }
                }
            }
            for (list, order, p) in candidates {
                let Some(slot) = best.get_mut(*list) else {
                    continue;
                };
                if slot.is_some_and(|(b, _)| b <= *order) {
                    continue;
                }
                let hidden = fixed(p) && start + p.len() <= reach;
                if !hidden && matches_at(words, start, p) {
                    *slot = Some((*order, p));
                }
            }
        }
        best.map(|b| b.map(|(_, p)| p))
    }
}

/// The position of the neutral phrases in [`Cues::stance`].
pub const STANCE_NEUTRAL: usize = 5;

/// A phrase as text ("if ... holds").
pub fn phrase_text(phrase: &Phrase) -> String {
    phrase
        .iter()
        .map(|w| w.as_deref().unwrap_or("..."))
        .collect::<Vec<_>>()
        .join(" ")
}
