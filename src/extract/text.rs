//! Sentences and word tokens with byte spans into the article body, so that
//! every quote the extractor proposes is verbatim source text.

use std::ops::Range;

/// A sentence: its byte range in the body and its paragraph number.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub paragraph: usize,
}

/// Abbreviations after which a full stop does not end a sentence.
/// Titles ("Capt. Ana Ruiz") and the states wire copy abbreviates ("Calif.")
/// among them.
const ABBREVIATIONS: [&str; 48] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "inc", "corp", "co", "ltd",
    "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "capt", "lt", "sgt",
    "gov", "sen", "gen", "col", "maj", "cpl", "det", "supt", "insp", "jr", "sr", "calif", "ariz",
    "fla", "colo", "conn", "tenn", "mich", "minn", "okla", "ore",
];

/// Splits a body into sentences. Paragraphs are separated by blank lines; a
/// single line break also ends a sentence (list items, headings).
pub fn sentences(body: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut line_start = 0;
    let mut blank_run = false;
    for line in body.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !blank_run {
                paragraph += 1;
            }
            blank_run = true;
            continue;
        }
        blank_run = false;
        let offset = start + (line.len() - line.trim_start().len());
        split_line(trimmed, offset, paragraph, &mut out);
    }
    out
}

fn split_line(line: &str, offset: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'!' | b'?') && ends_sentence(line, i) {
            // Take closing quotes and brackets with the sentence.
            let mut end = i + 1;
            while let Some(ch) = line[end..].chars().next() {
                if matches!(ch, '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']') {
                    end += ch.len_utf8();
                } else {
                    break;
                }
            }
            push(line, offset, start, end, paragraph, out);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push(line, offset, start, line.len(), paragraph, out);
}

fn push(
    line: &str,
    offset: usize,
    start: usize,
    end: usize,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    let piece = &line[start..end];
    // A list item's marker is not part of its sentence.
    let unmarked = piece
        .trim_start()
        .trim_start_matches(['-', '*', '\u{2022}', '\u{2013}'])
        .trim_start();
    let lead = piece.len() - unmarked.len();
    let trimmed = unmarked.trim_end();
    if trimmed.chars().any(char::is_alphanumeric) {
        let s = offset + start + lead;
        out.push(Sentence {
            range: s..s + trimmed.len(),
            paragraph,
        });
    }
}

/// Whether the `.`/`!`/`?` at byte `i` ends a sentence: it is followed by
/// space (after any closing quotes) and then an upper-case letter, a digit or
/// an opening quote, and is not a decimal point, an initial or an abbreviation.
fn ends_sentence(line: &str, i: usize) -> bool {
    let rest = &line[i + 1..];
    let after_quotes = rest.trim_start_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']']);
    if after_quotes.is_empty() {
        return true;
    }
    if !after_quotes.starts_with(char::is_whitespace) {
        return false;
    }
    let next = after_quotes.trim_start().chars().next();
    let next_starts = next.is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '\u{201C}' | '\'' | '\u{2018}' | '(' | '[')
    });
    if !next_starts || line.as_bytes()[i] != b'.' {
        return next_starts;
    }
    let before = &line[..i];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.')
        .last()
        .map_or(i, |(k, _)| k);
    let word = &before[word_start..];
    let lower = word.to_lowercase();
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    // "U.S." and other dotted capitals.
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase));
    // "shortly after 2 p.m. Monday, Aug. 11": a time of day runs on into
    // its day or date.
    let clock = matches!(lower.as_str(), "a.m" | "p.m");
    let next = after_quotes.trim_start();
    let next_end = next
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(next.len(), |(k, _)| k);
    let next_word = next[..next_end].to_lowercase();
    let dated = clock
        && (crate::util::text::month_number(&next_word).is_some()
            || crate::util::text::is_weekday(&next_word));
    !(initial || dotted || dated || ABBREVIATIONS.contains(&lower.as_str()))
}

/// A token of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: Kind,
    /// Byte range in the sentence.
    pub range: Range<usize>,
    /// Whether whitespace comes right before it.
    pub space_before: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Digits ("1,234.5"); `decimal` when it has a decimal point.
    Number { value: f64, decimal: bool },
    /// A run of letters and digits starting with a letter ("V4", "chips");
    /// `possessive` when "'s" followed it (and was skipped).
    Word { possessive: bool },
    /// Any other visible character.
    Symbol(char),
}

impl Token {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word { .. })
    }

    pub fn is_symbol(&self, c: char) -> bool {
        self.kind == Kind::Symbol(c)
    }

    pub fn text<'s>(&self, sentence: &'s str) -> &'s str {
        &sentence[self.range.clone()]
    }
}

/// Splits a sentence into tokens.
pub fn tokens(sentence: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(sentence.len() / 5);
    let mut space_before = true;
    let mut i = 0;
    while let Some(c) = sentence[i..].chars().next() {
        if c.is_whitespace() {
            space_before = true;
            i += c.len_utf8();
            continue;
        }
        let (kind, end) = if c.is_ascii_digit() {
            let (value, decimal, end) = read_number(sentence, i);
            (Kind::Number { value, decimal }, end)
        } else if c.is_alphabetic() {
            read_word(sentence, i)
        } else {
            (Kind::Symbol(c), i + c.len_utf8())
        };
        out.push(Token {
            kind,
            range: i..word_end(sentence, i, end),
            space_before,
        });
        space_before = false;
        i = end;
    }
    out
}

/// A possessive's "'s" is skipped but not part of the word's range.
fn word_end(sentence: &str, start: usize, end: usize) -> usize {
    let word = &sentence[start..end];
    for suffix in ["'s", "\u{2019}s"] {
        if let Some(stripped) = word.strip_suffix(suffix) {
            return start + stripped.len();
        }
    }
    end
}

fn read_word(s: &str, start: usize) -> (Kind, usize) {
    let bytes = s.as_bytes();
    let mut end = start;
    // ASCII letters and digits byte by byte; anything else by its char.
    while end < bytes.len() {
        if bytes[end].is_ascii_alphanumeric() {
            end += 1;
            continue;
        }
        match s[end..].chars().next() {
            Some(c) if !c.is_ascii() && c.is_alphanumeric() => end += c.len_utf8(),
            _ => break,
        }
    }
    let rest = &s[end..];
    for apostrophe in ["'s", "\u{2019}s"] {
        if let Some(after) = rest.strip_prefix(apostrophe) {
            if !after.starts_with(char::is_alphanumeric) {
                return (Kind::Word { possessive: true }, end + apostrophe.len());
            }
        }
    }
    (Kind::Word { possessive: false }, end)
}

/// Reads "1,234.5"; a comma is a thousands separator only before exactly three
/// digits.
fn read_number(s: &str, start: usize) -> (f64, bool, usize) {
    let b = s.as_bytes();
    let digit_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let mut whole: u128 = 0;
    let mut whole_digits = 0;
    let mut i = start;
    let mut point = None;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            if point.is_none() {
                whole = whole
                    .saturating_mul(10)
                    .saturating_add(u128::from(c - b'0'));
                whole_digits += 1;
            }
        } else if c == b','
            && point.is_none()
            && (1..=3).all(|k| digit_at(i + k))
            && !digit_at(i + 4)
        {
        } else if c == b'.' && point.is_none() && digit_at(i + 1) {
            point = Some(i);
        } else {
            break;
        }
        i += 1;
    }
    // An integer of up to 38 digits converts exactly rounded; anything else
    // is parsed from its digits.
    let value = match point {
        None if whole_digits <= 38 => whole as f64,
        _ => s[start..i]
            .chars()
            .filter(|c| *c != ',')
            .collect::<String>()
            .parse()
            .unwrap_or(0.0),
    };
    (value, point.is_some(), i)
}

/// Runs of whitespace (line breaks included) as one space, ends trimmed.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(body: &str) -> Vec<&str> {
        sentences(body)
            .into_iter()
            .map(|s| &body[s.range])
            .collect()
    }

    #[test]
    fn splits_sentences_but_not_decimals_or_abbreviations() {
        assert_eq!(
            split(
                "It has 1.6 trillion parameters. The U.S. said no. Dr. Li agreed! Why?\nNext line"
            ),
            vec![
                "It has 1.6 trillion parameters.",
                "The U.S. said no.",
                "Dr. Li agreed!",
                "Why?",
                "Next line"
            ]
        );
        assert_eq!(
            split("\"It just took off,\" said fire Capt. Luis Ortega of Sacramento, Calif. Crews left."),
            vec![
                "\"It just took off,\" said fire Capt. Luis Ortega of Sacramento, Calif. Crews left."
            ]
        );
        assert_eq!(
            split("It broke out after 2 p.m. Monday, Dec. 11, near the road. It spread at 3 a.m. Crews left."),
            vec![
                "It broke out after 2 p.m. Monday, Dec. 11, near the road.",
                "It spread at 3 a.m.",
                "Crews left."
            ]
        );
        assert_eq!(
            split("The model is Orion-2.0. It is big."),
            vec!["The model is Orion-2.0.", "It is big."]
        );
        assert_eq!(
            split("He said \"it works.\" Then left.\n\nNew paragraph."),
            vec!["He said \"it works.\"", "Then left.", "New paragraph."]
        );
    }

    #[test]
    fn sentence_ranges_are_verbatim() {
        let body = "  First one.  Second one.\n\n- item\n";
        for s in sentences(body) {
            let t = &body[s.range];
            assert_eq!(t, t.trim());
        }
        assert_eq!(sentences(body).last().map(|s| s.paragraph), Some(1));
    }

    #[test]
    fn tokens_keep_numbers_words_and_possessives() {
        let s = "Acme’s 1,000 V4-Pro chips cost $8.5bn.";
        let t = tokens(s);
        let texts: Vec<&str> = t.iter().map(|x| x.text(s)).collect();
        assert_eq!(
            texts,
            vec!["Acme", "1,000", "V4", "-", "Pro", "chips", "cost", "$", "8.5", "bn", "."]
        );
        assert_eq!(t[0].kind, Kind::Word { possessive: true });
        assert_eq!(
            t[1].kind,
            Kind::Number {
                value: 1000.0,
                decimal: false
            }
        );
        assert!(!t[9].space_before);
    }
}
