//! Named subjects in a sentence ("Orion-2.0", "ZenSeek V4-Pro", "Atlas
//! Ultra 135B", "Cambricon"), so that figures about different things are not
//! merged.

use std::ops::Range;

use super::cues::Cues;
use super::text::{Kind, Token};

/// A name as written in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// As written (possessive "'s" dropped).
    pub name: String,
    /// Lower-case letters and digits only: "ZenSeek V4-Pro" and
    /// "ZenSeek-V4-Pro" share the key `zenseekv4pro`.
    pub key: String,
    /// Token range in the sentence.
    pub tokens: Range<usize>,
    /// How much it looks like the name of a product or model: 3 with a
    /// version number ("GPT-5.5"), 2 for CamelCase or acronyms ("ZenSeek",
    /// "HCCL"), 1 for a plain capitalised name ("Cambricon").
    pub rank: u8,
    /// Written as an owner: "Acme's".
    pub possessive: bool,
    /// A dateline, outlet or parenthesis: never what the story is about.
    pub aside: bool,
    /// Speaks rather than is spoken about ("Acme says", "according to Acme").
    pub speaker: bool,
}

/// The key of a name.
pub fn key_of(name: &str) -> String {
    if name.is_ascii() {
        let mut key = String::with_capacity(name.len());
        key.extend(
            name.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return key;
    }
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words seen capitalised inside sentences of an article (lower-case): a
/// sentence's first word counts as a name only if it is one of these.
pub fn mid_sentence_capitals<'w>(
    sentence: &str,
    toks: &[Token],
    words: &[&'w str],
    out: &mut Capitals<'w>,
) {
    for (k, t) in toks.iter().enumerate().skip(1) {
        if t.is_word() && starts_upper(t.text(sentence)) && !toks[k - 1].is_symbol('.') {
            out.insert(words[k]);
        }
    }
}

/// Lower-case words known to be written as names (see
/// [`mid_sentence_capitals`]).
pub type Capitals<'w> = rustc_hash::FxHashSet<&'w str>;

fn starts_upper(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// Every name in a sentence.
pub fn mentions(
    sentence: &str,
    toks: &[Token],
    words: &[&str],
    known_capitals: &Capitals<'_>,
    cues: &Cues,
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        if !starts_name(sentence, toks, words, k, known_capitals, cues) {
            k += 1;
            continue;
        }
        let end = name_end(sentence, toks, words, k, cues);
        let joined = join_possessive(sentence, toks, words, k, end, known_capitals, cues);
        let end = joined.unwrap_or(end);
        if let Some(m) = mention(sentence, toks, k, end) {
            out.push(m);
        }
        k = end.max(k + 1);
    }
    out
}

fn starts_name(
    sentence: &str,
    toks: &[Token],
    words: &[&str],
    k: usize,
    known_capitals: &Capitals<'_>,
    cues: &Cues,
) -> bool {
    let t = &toks[k];
    if !t.is_word() || !starts_upper(t.text(sentence)) || cues.is_not_name(words[k]) {
        return false;
    }
    let sentence_start = k == 0 || (k == 1 && !toks[0].is_word());
    if !sentence_start || is_strong_word(t.text(sentence)) || known_capitals.contains(words[k]) {
        return true;
    }
    // "Orion-2.0 was trained.": a versioned name may open a sentence.
    let end = name_end(sentence, toks, words, k, cues);
    rank_of(&sentence[t.range.start..toks[end - 1].range.end]) == 3
}

/// The token after a name starting at `k`: capitalised words, glued
/// "-"/"." parts and version numbers ("Claude Opus 4.8", "Orion-2.0").
fn name_end(sentence: &str, toks: &[Token], words: &[&str], k: usize, cues: &Cues) -> usize {
    let mut end = k + 1;
    while end < toks.len() {
        if let Kind::Word { possessive: true } = toks[end - 1].kind {
            break;
        }
        let t = &toks[end];
        let glued = !t.space_before;
        let joiner = (t.is_symbol('-') || t.is_symbol('.')) && glued;
        if joiner
            && toks
                .get(end + 1)
                .is_some_and(|n| !n.space_before && !matches!(n.kind, Kind::Symbol(_)))
        {
            end += 2;
            continue;
        }
        let part = match t.kind {
            Kind::Word { .. } => {
                glued || (starts_upper(t.text(sentence)) && !cues.is_not_name(words[end]))
            }
            // A version after a word ("Opus 4.8"), never a count ("50,000").
            Kind::Number { .. } => {
                toks[end - 1].is_word()
                    && !words[end].contains(',')
                    && !is_counted(toks, words, end)
            }
            Kind::Symbol(_) => false,
        };
        if !part {
            break;
        }
        end += 1;
    }
    end
}

/// Whether the number at `k` is a count ("4 chips": a whole number followed,
/// after a space, by a lower-case word) rather than a version ending a name
/// ("Opus 4.8 across", "910C").
fn is_counted(toks: &[Token], words: &[&str], k: usize) -> bool {
    let whole = matches!(toks[k].kind, Kind::Number { decimal: false, .. });
    whole
        && toks
            .get(k + 1)
            .is_some_and(|t| t.space_before && t.is_word())
        && words[k + 1].chars().all(|c| c.is_ascii_lowercase())
}

/// "ZenSeek's V4-Pro" is one name; in "Acme's Orion-2.0" the owner
/// and the model are two.
fn join_possessive(
    sentence: &str,
    toks: &[Token],
    words: &[&str],
    k: usize,
    end: usize,
    known_capitals: &Capitals<'_>,
    cues: &Cues,
) -> Option<usize> {
    let possessive = matches!(toks[end - 1].kind, Kind::Word { possessive: true });
    if !possessive
        || end >= toks.len()
        || !starts_name(sentence, toks, words, end, known_capitals, cues)
    {
        return None;
    }
    let owner = &sentence[toks[k].range.start..toks[end - 1].range.end];
    let next_end = name_end(sentence, toks, words, end, cues);
    let owned = &sentence[toks[end].range.start..toks[next_end - 1].range.end];
    (rank_of(owner) >= 2 && rank_of(owned) >= 2).then_some(next_end)
}

fn mention(sentence: &str, toks: &[Token], start: usize, end: usize) -> Option<Mention> {
    let raw = &sentence[toks[start].range.start..toks[end - 1].range.end];
    let name = if raw.contains(['\'', '\u{2019}']) {
        raw.replace("\u{2019}s ", " ").replace("'s ", " ")
    } else {
        raw.to_string()
    };
    let key = key_of(&name);
    if key.is_empty() {
        return None;
    }
    Some(Mention {
        rank: rank_of(&name),
        name,
        key,
        tokens: start..end,
        possessive: matches!(toks[end - 1].kind, Kind::Word { possessive: true }),
        aside: false,
        speaker: false,
    })
}

/// See [`Mention::rank`].
pub fn rank_of(name: &str) -> u8 {
    let has_digit = name.chars().any(|c| c.is_ascii_digit());
    let has_letter = name.chars().any(char::is_alphabetic);
    if has_digit && has_letter {
        3
    } else if name
        .split(|c: char| !c.is_alphanumeric())
        .any(is_strong_word)
    {
        2
    } else {
        1
    }
}

/// CamelCase ("OrionLM") or an acronym ("HCCL"), or letters with digits.
pub fn is_strong_word(word: &str) -> bool {
    let (mut camel, mut all_upper, mut digit, mut letter) = (false, true, false, false);
    let mut count = 0;
    let mut previous_lower = false;
    for c in word.chars() {
        count += 1;
        let (lower, upper) = (c.is_lowercase(), c.is_uppercase());
        camel |= previous_lower && upper;
        all_upper &= upper || c.is_ascii_digit();
        digit |= c.is_ascii_digit();
        letter |= c.is_alphabetic();
        previous_lower = lower;
    }
    camel || (count >= 2 && all_upper) || (digit && letter)
}

/// What a sentence offers for choosing its quantities' subjects.
pub struct Subjects<'a> {
    pub mentions: &'a [Mention],
    pub toks: &'a [Token],
    pub words: &'a [&'a str],
    /// Token ranges of every quantity phrase in the sentence.
    pub phrases: &'a [Range<usize>],
    /// Parentheses, dash asides and speakers ("X says").
    pub parentheses: &'a [Range<usize>],
    /// The rank of what the paragraph is about so far, if anything.
    pub carried_rank: Option<u8>,
}

impl Subjects<'_> {
    /// The subject of a quantity spanning `tokens`, in order of preference:
    /// for a hyphenated phrase, a name right after it ("its
    /// 1.6-trillion-parameter Orion-2.0"); a list item the number is
    /// attached to ("34% on imports from China", "Japan at 24 percent");
    /// the name the number's clause is about: the nearest name before it in
    /// the clause that is not the object of a preposition ("in Ludian
    /// county", "by Google") or a modifier inside a noun phrase ("the U.S.
    /// tech giant"), or an owner right before the number ("Motorola's 20,000
    /// employees"); a product-like name elsewhere before it in the sentence;
    /// the nearest name after it in the same clause, unless what the
    /// paragraph is about ranks higher. Names inside any quantity's phrase,
    /// in a parenthesis the quantity is not in, speakers and page furniture
    /// do not count. `None` means: use what the paragraph is about.
    pub fn subject_for(&self, tokens: &Range<usize>, compound: bool) -> Option<&Mention> {
        let mut candidates = self.eligible(tokens.clone());
        if compound {
            let head = candidates
                .clone()
                .find(|m| m.tokens.start == tokens.end && m.rank >= 2);
            if head.is_some() {
                return head;
            }
        }
        if let Some(m) = self.list_item(tokens, candidates.clone()) {
            return Some(m);
        }
        let clause_start = self.clause_start(tokens.start);
        let in_clause = candidates
            .clone()
            .filter(|m| m.tokens.end <= tokens.start && m.tokens.start >= clause_start)
            .filter(|m| !self.governed_by_preposition(m) && !self.modifier(m))
            .max_by_key(|m| (m.rank, m.tokens.start));
        if in_clause.is_some() {
            return in_clause;
        }
        let owner = candidates.clone().find(|m| {
            m.possessive && m.tokens.end <= tokens.start && tokens.start - m.tokens.end <= 2
        });
        if owner.is_some() {
            return owner;
        }
        let before = candidates
            .clone()
            .filter(|m| m.tokens.end <= tokens.start)
            .filter(|m| !self.governed_by_preposition(m) && !self.modifier(m))
            .max_by_key(|m| (m.rank, m.tokens.start));
        before.or_else(|| {
            candidates
                .find(|m| m.tokens.start >= tokens.end)
                .filter(|m| !self.clause_break(tokens.end..m.tokens.start))
                .filter(|m| m.rank >= 2 && self.carried_rank.is_none_or(|r| m.rank >= r))
        })
    }

    /// The names that may be the subject of a quantity spanning `tokens`:
    /// not inside a quantity's phrase, nor in a parenthesis or aside the
    /// quantity is not in.
    fn eligible(&self, tokens: Range<usize>) -> impl Iterator<Item = &Mention> + Clone {
        let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        self.mentions.iter().filter(move |m| {
            !self.phrases.iter().any(|p| overlaps(p, &m.tokens))
                && !self
                    .parentheses
                    .iter()
                    .any(|p| overlaps(p, &m.tokens) && !overlaps(p, &tokens))
        })
    }

    /// Whether the quantity is an item of a list, attached to its own name
    /// ("32% on Taiwan", "Japan at 24 percent"): its name is its own and
    /// does not carry over to the clauses after it.
    pub fn is_list_item(&self, tokens: &Range<usize>) -> bool {
        self.list_item(tokens, self.eligible(tokens.clone()))
            .is_some()
    }

    /// "34% on imports from China", "25% for Korea", "20% imports from the
    /// European Union", "a 34% tax on China": a name right after the number
    /// (past a few lower-case words) led by "on", "for" or "from".
    fn list_item<'m>(
        &self,
        tokens: &Range<usize>,
        candidates: impl Iterator<Item = &'m Mention> + Clone,
    ) -> Option<&'m Mention> {
        // "Japan at 24 percent", "the rate for India at 27%"
        let at = tokens
            .start
            .checked_sub(1)
            .filter(|&k| self.words[k] == "at");
        if let Some(at) = at {
            let named = candidates
                .clone()
                .find(|m| m.tokens.end == at && !self.placed_by_preposition(m));
            if named.is_some() {
                return named;
            }
        }
        let mut k = tokens.end;
        let mut led = false;
        // Past a parenthesis: "a €2.95 billion ($3.2 billion) fine on Google"
        if self.toks.get(k).is_some_and(|t| t.is_symbol('(')) {
            while k < self.toks.len() && !self.toks[k].is_symbol(')') {
                k += 1;
            }
            k += 1;
        }
        // `words` are lower-cased: a name is known by a mention starting there.
        let from = k;
        while k < self.toks.len() && k < from + 5 {
            if let Some(m) = candidates.clone().find(|m| m.tokens.start == k) {
                return led.then_some(m);
            }
            // The lead comes right after the value or after one noun ("a 34%
            // tax on", "20% imports from"), not later in the clause ("300
            // police and firefighters from the area").
            if matches!(self.words[k], "on" | "for" | "from") && k <= from + 1 {
                led = true;
            } else if !self.toks[k].is_word() {
                return None;
            }
            k += 1;
        }
        None
    }

    /// The first token of the clause a token is in: after the last ";", ":",
    /// dash or parenthesis, or "but"/"while"/"whereas" before it.
    fn clause_start(&self, at: usize) -> usize {
        let word = |k: usize| self.words.get(k).copied().unwrap_or("");
        (0..at)
            .rev()
            .find(|&k| {
                let comma_participle = self.toks[k].is_symbol(',') && word(k + 1).ends_with("ing");
                // "as the death toll rose", not "as well as", "such as"
                let as_clause = word(k) == "as"
                    && !matches!(word(k + 1), "well" | "many" | "much")
                    && !matches!(k.checked_sub(1).map(word), Some("well" | "such" | "so"));
                matches!(
                    self.toks[k].kind,
                    Kind::Symbol(';' | ':' | '\u{2014}' | '(' | ')')
                ) || matches!(self.words[k], "but" | "while" | "whereas")
                    || comma_participle
                    || as_clause
            })
            .map_or(0, |k| k + 1)
    }

    /// Whether a name is what its sentence is about, not where, by whom or
    /// a modifier (see [`Subjects::subject_for`]).
    pub fn about(&self, m: &Mention) -> bool {
        !self.governed_by_preposition(m) && !self.modifier(m)
    }

    /// "in Ludian county", "by Google", "of its rivals": a name that is the
    /// object of a preposition is where or by whom, not what is counted.
    fn governed_by_preposition(&self, m: &Mention) -> bool {
        // A product-like name is what it is wherever it stands ("post-training
        // of DeepSeek-V4-Pro").
        if m.rank >= 2 {
            return false;
        }
        // Back over up to six tokens of the noun phrase ("in the worst-hit
        // Ludian County"): determiners,
        // lower-case modifiers, owners ("in southern China's Yunnan").
        let mut k = m.tokens.start;
        for _ in 0..6 {
            if k == 0 {
                return false;
            }
            let w = self.words[k - 1];
            if is_preposition(w) {
                return true;
            }
            // "in his speech that India would": a clause starts before it.
            if is_function_word(w) {
                return false;
            }
            let t = &self.toks[k - 1];
            let lower = self.plain_word(k - 1);
            let owner = matches!(t.kind, Kind::Word { possessive: true });
            if !(lower || owner || t.is_symbol('-')) {
                return false;
            }
            k -= 1;
        }
        false
    }

    /// "in Ludian at 6.5", "in the county at 41": a name right after a
    /// preposition of place or agent (past "the") that does not name what
    /// a value is for ("the rate for India at 27%" does).
    fn placed_by_preposition(&self, m: &Mention) -> bool {
        let mut k = m.tokens.start;
        if k > 0 && self.words[k - 1] == "the" {
            k -= 1;
        }
        k > 0 && self.words[k - 1] != "for" && is_preposition(self.words[k - 1])
    }

    /// "the once-dominant U.S. cellphone maker", "the official Chinese news
    /// agency": a name between lower-case words of one noun phrase
    /// modifies it.
    fn modifier(&self, m: &Mention) -> bool {
        let end = m.tokens.end;
        // A word of a closed class ends the noun phrase: "include Japan at
        // 24 percent", "Acme said".
        let after = self.plain_word(end) && !is_function_word(self.words[end]) && !m.possessive;
        let before = m.tokens.start > 0 && {
            let t = &self.toks[m.tokens.start - 1];
            self.plain_word(m.tokens.start - 1)
                || t.is_symbol('-')
                || matches!(t.kind, Kind::Word { possessive: true })
        };
        after && before
    }

    /// A word token that is no part of a name (`words` are lower-cased, so
    /// the mentions tell where names are).
    fn plain_word(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.is_word())
            && !self.mentions.iter().any(|m| m.tokens.contains(&k))
    }

    /// Whether the tokens in `between` end one clause and start another.
    fn clause_break(&self, between: Range<usize>) -> bool {
        between.into_iter().any(|k| {
            matches!(
                self.toks[k].kind,
                Kind::Symbol(',' | ';' | ':' | '\u{2014}' | '(' | ')')
            ) || matches!(self.words[k], "and" | "but" | "while" | "whereas" | "which")
        })
    }
}

fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "at"
            | "by"
            | "of"
            | "on"
            | "near"
            | "across"
            | "into"
            | "to"
            | "with"
            | "than"
            | "told"
            | "via"
            | "over"
            | "against"
            | "like"
            | "about"
            | "within"
            | "outside"
            | "throughout"
            | "inside"
    )
}

/// Words of the closed classes that end or start a noun phrase rather than
/// continue it: prepositions, conjunctions, auxiliaries and "said".
fn is_function_word(w: &str) -> bool {
    is_preposition(w)
        || matches!(
            w,
            "and"
                | "or"
                | "but"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "will"
                | "would"
                | "could"
                | "can"
                | "may"
                | "might"
                | "should"
                | "has"
                | "have"
                | "had"
                | "said"
                | "says"
                | "which"
                | "that"
                | "who"
                | "for"
                | "from"
                | "after"
                | "before"
                | "as"
                | "while"
                | "whereas"
                | "when"
                | "where"
                | "because"
                | "although"
                | "though"
                | "if"
                | "unless"
        )
}

/// "ANAHEIM, Calif. (KABC) --", "MOUNTAIN VIEW, CAL. (Reuters) —",
/// "WASHINGTON —": a dateline opening a sentence. Its token range, so that
/// its place and agency are never subjects.
pub fn dateline(sentence: &str, toks: &[Token]) -> Option<Range<usize>> {
    let first = toks.first()?;
    let caps = |t: &Token| {
        let text = t.text(sentence);
        t.is_word() && text.chars().count() >= 2 && text.chars().all(|c| !c.is_lowercase())
    };
    if !caps(first) {
        return None;
    }
    let end = toks.iter().take(14).position(|t| {
        t.is_symbol('\u{2014}') || t.is_symbol('\u{2013}') || (t.is_symbol('-') && t.space_before)
    })?;
    let words_before = toks[..end].iter().filter(|t| t.is_word()).count();
    (words_before <= 8).then_some(0..end + 1)
}

/// The names that measured a sentence's values: after "measured by" or
/// "according to", or right before a measuring verb ("The China Earthquake
/// Networks Center put the magnitude at 6.5").
pub fn bodies(mentions: &[Mention], words: &[&str], cues: &Cues) -> Vec<String> {
    let measuring = words.iter().any(|w| cues.measured.contains(*w));
    mentions
        .iter()
        .filter(|m| {
            let s = m.tokens.start;
            let back = |n: usize| s.checked_sub(n).map(|k| words[k]);
            let skip_the = usize::from(back(1) == Some("the"));
            let by = back(1 + skip_the) == Some("by") && back(2 + skip_the) == Some("measured");
            let according =
                back(1 + skip_the) == Some("to") && back(2 + skip_the) == Some("according");
            let measures = (m.tokens.end..(m.tokens.end + 3).min(words.len()))
                .any(|k| cues.measured.contains(words[k]));
            by || (according && measuring) || measures
        })
        .map(|m| m.key.clone())
        .collect()
}

/// Token ranges of the parentheses in a sentence.
/// Asides between a pair of dashes ("— according to Acme —") count too.
pub fn parentheses(toks: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open = None;
    let mut dash = None;
    for (k, t) in toks.iter().enumerate() {
        if t.is_symbol('(') {
            open = Some(k);
        } else if t.is_symbol(')') {
            if let Some(start) = open.take() {
                out.push(start..k + 1);
            }
        } else if t.is_symbol('\u{2014}') || (t.is_symbol('\u{2013}') && t.space_before) {
            match dash.take() {
                Some(start) => out.push(start..k + 1),
                None => dash = Some(k),
            }
        }
    }
    out
}

/// Names that speak rather than are spoken about: "Acme says ...",
/// "according to Acme". `speaker_cues` are lower-case words (see
/// `speakers` in cues.toml).
pub fn speakers(
    mentions: &[Mention],
    words: &[&str],
    speaker_cues: &[String],
) -> Vec<Range<usize>> {
    let is_cue = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| speaker_cues.iter().any(|c| c == *w))
    };
    let lower = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_lowercase()) && !w.is_empty())
    };
    let mut speaking: Vec<bool> = mentions
        .iter()
        .map(|m| {
            let e = m.tokens.end;
            // "Acme says", "Chinese officials announced", "Orange County
            // health officials confirmed"
            let speaks = is_cue(e)
                || (lower(e) && is_cue(e + 1))
                || (lower(e) && lower(e + 1) && is_cue(e + 2));
            let before = m
                .tokens
                .start
                .checked_sub(2)
                .map(|k| (words[k], words[k + 1]));
            // "... told Acme": spoken to, which is no more the subject.
            let told = m.tokens.start.checked_sub(1).map(|k| words[k]) == Some("told");
            speaks || told || before == Some(("according", "to"))
        })
        .collect();
    // "Acme and the Beta agency said": every name of a coordinated subject
    // speaks, last to first.
    for i in (0..mentions.len()).rev() {
        let e = mentions[i].tokens.end;
        let joined = matches!(words.get(e), Some(&"and") | Some(&"or") | Some(&","));
        let next_speaks = mentions
            .iter()
            .zip(&speaking)
            .any(|(n, s)| *s && n.tokens.start == e + 1);
        if joined && next_speaks {
            speaking[i] = true;
        }
    }
    mentions
        .iter()
        .zip(speaking)
        .filter(|(_, s)| *s)
        .map(|(m, _)| m.tokens.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    fn names(s: &str) -> Vec<(String, u8)> {
        let toks = tokens(s);
        let lower = s.to_ascii_lowercase();
        let words = super::super::quantity::lower_words(&lower, &toks);
        mentions(s, &toks, &words, &Capitals::default(), Cues::builtin())
            .into_iter()
            .map(|m| (m.name, m.rank))
            .collect()
    }

    #[test]
    fn finds_product_names_with_versions() {
        assert_eq!(
            names(
                "Separately, Voltan completed post-training of ZenSeek-V4-Pro on Nova 910C chips."
            ),
            vec![
                ("Voltan".into(), 1),
                ("ZenSeek-V4-Pro".into(), 3),
                ("Nova 910C".into(), 3)
            ]
        );
        assert_eq!(
            names(
                "researchers used ZenSeek's V4-Pro model and Acme's Orion-2.0 with Claude Opus 4.8"
            ),
            vec![
                ("ZenSeek V4-Pro".into(), 3),
                ("Acme".into(), 1),
                ("Orion-2.0".into(), 3),
                ("Claude Opus 4.8".into(), 3)
            ]
        );
        assert_eq!(key_of("ZenSeek V4-Pro"), key_of("ZenSeek-V4-Pro"));
    }

    #[test]
    fn sentence_openers_are_not_names() {
        assert!(names("The model was trained.").is_empty());
        assert_eq!(
            names("Orion-2.0 was trained."),
            vec![("Orion-2.0".into(), 3)]
        );
    }
}
