//! How an article stands behind a sentence: asserted, attributed (a claim
//! resting on someone's word, unconfirmed, inferred or disputed) or
//! forward-looking. The cue words are data (`cues.toml`).

use std::borrow::Cow;

use serde::Serialize;

use super::cues::{self, Cues};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Stated as fact by the article: a proven candidate when other outlets
    /// say the same.
    Asserted,
    /// Rests on someone's word or an inference: a not-proven candidate.
    Attributed,
    /// About what comes next: a watch candidate.
    Forward,
}

/// A sentence's stance and the cue that decided it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Call {
    pub stance: Stance,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// The word by which the sentence reports someone disputing or denying
    /// the claim ("a figure the union disputes").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disputed: Option<String>,
}

/// The words of a sentence for cue matching: lower case, punctuation
/// trimmed, hyphens and apostrophes kept ("self-reported", "hasn't").
pub fn cue_words(sentence: &str) -> Vec<String> {
    CueWords::of(sentence)
        .words()
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// [`cue_words`] without copies where it can: a word already in lower case
/// (as in an article's lower-cased body) is borrowed from the text.
#[derive(Debug, Clone, Default)]
pub struct CueWords<'s> {
    words: Vec<Cow<'s, str>>,
}

impl<'s> CueWords<'s> {
    pub fn of(sentence: &'s str) -> CueWords<'s> {
        let mut words = Vec::with_capacity(sentence.len() / 4);
        let bytes = sentence.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let (separator, len) = separator_at(sentence, i);
            if separator {
                push_word(&sentence[start..i], &mut words);
                start = i + len;
            }
            i += len;
        }
        push_word(&sentence[start..], &mut words);
        CueWords { words }
    }

    pub fn words(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.as_ref()).collect()
    }
}

/// Whether the character at byte `i` splits words, and its length.
fn separator_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (matches!(b, b' ' | b'\t'..=b'\r' | b'/'), 1);
    }
    let c = text[i..].chars().next().unwrap_or_default();
    (c.is_whitespace() || c == '\u{2014}', c.len_utf8())
}

fn push_word<'s>(chunk: &'s str, words: &mut Vec<Cow<'s, str>>) {
    let bytes = chunk.as_bytes();
    let plain_ends = bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric);
    let word = if plain_ends {
        chunk
    } else {
        chunk.trim_matches(|c: char| !c.is_alphanumeric())
    };
    if word.is_empty() {
        return;
    }
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        words.push(Cow::Borrowed(word));
    } else {
        // Lower case may add marks to trim ("İ" -> "i" and a combining dot).
        let lower = word.replace('\u{2019}', "'").to_lowercase();
        let trimmed = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if !trimmed.is_empty() {
            words.push(Cow::Owned(trimmed.to_string()));
        }
    }
}

/// Classifies a sentence: open questions first, then attribution, then
/// plain future tense ("Acme says it will ..." rests on Acme's word).
pub fn classify(words: &[&str], cues: &Cues) -> Call {
    let [forward, attributed, future, settled, disputed] = cues
        .stance
        .first_matches_outside(words, cues::STANCE_NEUTRAL);
    let disputed = disputed.map(cues::phrase_text);
    let order = [
        (forward, Stance::Forward),
        (attributed, Stance::Attributed),
        (future, Stance::Forward),
    ];
    for (found, stance) in order {
        if let Some(cue) = found {
            return Call {
                stance,
                cue: Some(cues::phrase_text(cue)),
                disputed,
            };
        }
    }
    Call {
        stance: Stance::Asserted,
        cue: settled.map(cues::phrase_text),
        disputed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain statement of what [`CueWords`] computes in one pass.
    fn reference(sentence: &str) -> Vec<String> {
        let normalized = sentence.replace('\u{2019}', "'").to_lowercase();
        normalized
            .split(|c: char| c.is_whitespace() || matches!(c, '\u{2014}' | '/'))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }

    proptest! {
        // Greek capital sigma lower-cases by context in a whole string
        // (final "ς"), by itself to "σ": left out of the comparison.
        #[test]
        fn cue_words_are_the_lowered_trimmed_words(s in "[a-zA-Z0-9 .,'\u{2019}\u{2014}/\u{00C0}-\u{024F}\u{0400}-\u{04FF}\t\n()\"-]{0,60}") {
            prop_assert_eq!(cue_words(&s), reference(&s));
        }
    }

    fn call(s: &str) -> (Stance, Option<String>) {
        let words = cue_words(s);
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let c = classify(&refs, Cues::builtin());
        (c.stance, c.cue)
    }

    #[test]
    fn classifies_by_cue() {
        assert_eq!(
            call("Acme has not officially confirmed the chip vendor.").0,
            Stance::Attributed
        );
        assert_eq!(
            call("The model ingested 35 trillion tokens, according to its model card.").0,
            Stance::Attributed
        );
        assert_eq!(
            call("These are self-reported figures.").1.as_deref(),
            Some("self-reported")
        );
        assert_eq!(
            call("Watch whether outside benchmarks confirm it.").0,
            Stance::Forward
        );
        assert_eq!(
            call("If the claim holds, export controls weaken.")
                .1
                .as_deref(),
            Some("if ... holds")
        );
        assert_eq!(
            call("It was open-sourced on the 30th of June.").0,
            Stance::Asserted
        );
        // A cue word inside a neutral phrase is no cue; a longer cue is.
        assert_eq!(
            call("The two figures could not immediately be reconciled.").0,
            Stance::Asserted
        );
        assert_eq!(
            call("Customers were told on 14 November.").0,
            Stance::Asserted
        );
        assert_eq!(
            call("The figure could not be verified.").1.as_deref(),
            Some("could not be verified")
        );
        assert_eq!(
            call("Ma told Xinhua the streets were like a battlefield.").0,
            Stance::Attributed
        );
    }
}
