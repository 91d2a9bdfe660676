//! How an article stands behind a sentence: asserted, attributed (a claim
//! resting on someone's word, unconfirmed, inferred or disputed) or
//! forward-looking. The cue words are data (`cues.toml`).

use serde::Serialize;

use super::cues::{self, Cues, PhraseList};

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
}

/// The words of a sentence for cue matching: lower case, punctuation
/// trimmed, hyphens and apostrophes kept ("self-reported", "hasn't").
pub fn cue_words(sentence: &str) -> Vec<String> {
    let normalized = sentence.replace('\u{2019}', "'").to_lowercase();
    normalized
        .split(|c: char| c.is_whitespace() || matches!(c, '\u{2014}' | '/'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Classifies a sentence: open questions first, then attribution, then
/// plain future tense ("Acme says it will ..." rests on Acme's word).
pub fn classify(words: &[&str], cues: &Cues) -> Call {
    let found = |list: &PhraseList| list.first_match(words).map(cues::phrase_text);
    let order = [
        (&cues.forward, Stance::Forward),
        (&cues.attributed, Stance::Attributed),
        (&cues.future, Stance::Forward),
    ];
    for (phrases, stance) in order {
        if let Some(cue) = found(phrases) {
            return Call {
                stance,
                cue: Some(cue),
            };
        }
    }
    Call {
        stance: Stance::Asserted,
        cue: found(&cues.settled),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
