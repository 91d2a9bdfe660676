//! The cue lists (qualifiers, units, currencies, stance cues) as data:
//! `cues.toml` is compiled in, and a project may replace it with its own.

use std::collections::HashMap;
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
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitSpec {
    unit: String,
    words: Vec<String>,
    quantity: Option<String>,
    #[serde(default)]
    variants: Vec<Variant>,
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
}

/// A unit as the extractor uses it.
#[derive(Debug, Clone)]
pub struct Unit {
    pub unit: String,
    pub quantity: String,
    pub variants: Vec<Variant>,
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
    pub not_names: Vec<String>,
    /// Month name or abbreviation (lower case) -> 1..=12.
    pub months: HashMap<String, u32>,
    /// Words after a name that make it the speaker, not the subject.
    pub speakers: Vec<String>,
    pub unit_stops: Vec<String>,
    /// Unit word (single word, or the first word of a phrase) -> unit index.
    pub unit_words: HashMap<String, Vec<(Phrase, usize)>>,
    pub units: Vec<Unit>,
    pub currency_symbols: HashMap<char, String>,
    pub currency_words: HashMap<String, String>,
    pub money_variants: Vec<Variant>,
    pub score_after: Vec<String>,
    pub score_before: Vec<Phrase>,
    pub attributed: Vec<Phrase>,
    pub forward: Vec<Phrase>,
    pub future: Vec<Phrase>,
    pub settled: Vec<Phrase>,
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
        let text = crate::sources::read_text(&path)?;
        Cues::parse(&text, &path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Cues> {
        let file: CueFile = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            let (line, column) = crate::check::line_col(text, at);
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
        let mut unit_words: HashMap<String, Vec<(Phrase, usize)>> = HashMap::new();
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
            attributed: f.stance.attributed.iter().map(|q| phrase(q)).collect(),
            forward: f.stance.forward.iter().map(|q| phrase(q)).collect(),
            future: f.stance.future.iter().map(|q| phrase(q)).collect(),
            settled: f.stance.settled.iter().map(|q| phrase(q)).collect(),
        }
    }

    pub fn is_not_name(&self, lower: &str) -> bool {
        self.not_names.iter().any(|w| w == lower)
    }

    pub fn is_unit_stop(&self, lower: &str) -> bool {
        self.unit_stops.iter().any(|w| w == lower)
    }
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

/// Where `phrase` matches `words` (lower-case words of a sentence), if it
/// does: the index of its first word.
pub fn find_phrase(words: &[&str], phrase: &Phrase) -> Option<usize> {
    (0..words.len()).find(|&start| matches_at(words, start, phrase))
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

/// The first phrase of `phrases` found in `words`, as written in the cue file.
pub fn first_match<'p>(words: &[&str], phrases: &'p [Phrase]) -> Option<&'p Phrase> {
    phrases.iter().find(|p| find_phrase(words, p).is_some())
}

/// A phrase as text ("if ... holds").
pub fn phrase_text(phrase: &Phrase) -> String {
    phrase
        .iter()
        .map(|w| w.as_deref().unwrap_or("..."))
        .collect::<Vec<_>>()
        .join(" ")
}
