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
const ABBREVIATIONS: [&str; 24] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "inc", "corp", "co", "ltd",
    "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
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
    let word: String = line[..i]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
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
    let next_word: String = after_quotes
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
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
    let mut out = Vec::new();
    let mut chars = sentence.char_indices().peekable();
    let mut space_before = true;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            space_before = true;
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
        while chars.peek().is_some_and(|(j, _)| *j < end) {
            chars.next();
        }
        out.push(Token {
            kind,
            range: i..word_end(sentence, i, end),
            space_before,
        });
        space_before = false;
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
    let mut end = start;
    for (j, c) in s[start..].char_indices() {
        if c.is_alphanumeric() {
            end = start + j + c.len_utf8();
        } else {
            break;
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
    let mut digits = String::new();
    let mut i = start;
    let mut decimal = false;
    while i < b.len() {
        let c = b[i];
        let digit_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
        if c.is_ascii_digit() {
            digits.push(c as char);
        } else if c == b',' && !decimal && (1..=3).all(|k| digit_at(i + k)) && !digit_at(i + 4) {
        } else if c == b'.' && !decimal && digit_at(i + 1) {
            decimal = true;
            digits.push('.');
        } else {
            break;
        }
        i += 1;
    }
    (digits.parse().unwrap_or(0.0), decimal, i)
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
