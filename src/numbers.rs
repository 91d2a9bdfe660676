//! A small number normaliser, so that a key figure written "50k" is found in
//! an article that says "50,000" or "fifty thousand", and "1.6T" in one that
//! says "1.6 trillion" or "1.6-trillion".

use unicode_normalization::UnicodeNormalization;

use crate::extract::text::Kind;

/// The numeric value of the first number in a key-figure value such as
/// "1.6T", "$12 billion", "50,000" or "fifty thousand"; `None` if it has none.
pub fn figure_value(value: &str) -> Option<f64> {
    numbers_in(value).into_iter().next()
}

/// Whether `value` is among `numbers` (those [`numbers_in`] found in a
/// text, so a text read once answers for many figures).
pub fn mentions(numbers: &[f64], value: f64) -> bool {
    numbers.iter().any(|&n| same(n, value))
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Every number in `text`, scaled by a following suffix or scale word
/// ("k", "M", "bn", "T", "thousand", "million", ...), in order.
pub fn numbers_in(text: &str) -> Vec<f64> {
    let text: String = text.nfkc().collect();
    let tokens = tokenize(&text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (value, used) = match &tokens[i] {
            Token::Num(n) => (Some(*n), 1),
            Token::Word(_) => {
                // A run of number words is short; look at a few tokens only.
                let words: Vec<&str> = tokens[i..]
                    .iter()
                    .take(16)
                    .map(|t| match t {
                        Token::Word(w) => w.as_str(),
                        Token::Num(_) => "",
                    })
                    .collect();
                word_number(&words)
            }
        };
        match value {
            Some(v) if used > 0 => {
                let (scale, more) = scale_after(&tokens[i + used..]);
                out.push(v * scale);
                i += used + more;
            }
            _ => i += 1,
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(f64),
    Word(String),
}

/// Splits text into numbers and lower-case words with the extractor's
/// tokenizer ("1,234.5", "50k" -> 50 then "k", "1.6-trillion"); other
/// characters are dropped.
fn tokenize(text: &str) -> Vec<Token> {
    crate::extract::text::tokens(text)
        .into_iter()
        .filter_map(|t| match t.kind {
            Kind::Number { value, .. } => Some(Token::Num(value)),
            Kind::Word { .. } => Some(Token::Word(t.text(text).to_lowercase())),
            Kind::Symbol(_) => None,
        })
        .collect()
}

/// The multiplier of a scale word or suffix and how many tokens it used.
fn scale_after(tokens: &[Token]) -> (f64, usize) {
    match tokens.first() {
        Some(Token::Word(w)) => match scale_of(w) {
            Some(s) => (s, 1),
            None => (1.0, 0),
        },
        _ => (1.0, 0),
    }
}

pub(crate) fn scale_of(word: &str) -> Option<f64> {
    Some(match word {
        "k" | "thousand" | "thousands" => 1e3,
        "m" | "mn" | "mio" | "million" | "millions" => 1e6,
        "b" | "bn" | "billion" | "billions" => 1e9,
        "t" | "tn" | "trillion" | "trillions" => 1e12,
        _ => return None,
    })
}

pub(crate) fn unit_of(word: &str) -> Option<f64> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = UNITS.iter().position(|u| *u == word) {
        return Some(i as f64);
    }
    TENS.iter()
        .position(|t| *t == word)
        .map(|i| (i as f64 + 2.0) * 10.0)
}

/// Reads a run of number words ("fifty", "one hundred and twenty", "two
/// thousand five hundred", "fifty-thousand") up to, not including, a final
/// million/billion/... which the caller applies. `words` are lower-case
/// tokens (anything else as ""; a "-" between number words is skipped).
/// Returns the value and the tokens used.
pub(crate) fn word_number(words: &[&str]) -> (Option<f64>, usize) {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut used = 0;
    let mut any = false;
    let mut i = 0;
    while let Some(&w) = words.get(i) {
        let more = more_number_words(&words[i + 1..]);
        if let Some(u) = unit_of(w) {
            current += u;
            any = true;
        } else if w == "hundred" && any {
            current *= 100.0;
        } else if w == "thousand" && any && more {
            total += current * 1e3;
            current = 0.0;
        } else if (w == "and" || w == "-") && any && more {
        } else {
            break;
        }
        i += 1;
        used = i;
    }
    if any {
        (Some(total + current), used)
    } else {
        (None, 0)
    }
}

fn more_number_words(words: &[&str]) -> bool {
    let next = match words.first() {
        Some(&"-") => words.get(1),
        other => other,
    };
    next.is_some_and(|w| unit_of(w).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> f64 {
        figure_value(s).unwrap_or_else(|| panic!("no number in {s:?}"))
    }

    #[test]
    fn equal_forms_have_equal_values() {
        for group in [
            &["50,000", "fifty thousand", "50k", "50 000", "50K"][..],
            &["1.6 trillion", "1.6T", "1.6-trillion", "1,600 billion"][..],
            &["$12 billion", "$12B", "12bn", "twelve billion"][..],
            &["120", "one hundred and twenty", "one hundred twenty"][..],
            &["2,500", "two thousand five hundred"][..],
            &["560B parameters", "560 billion"][..],
        ] {
            let first = v(group[0]);
            for other in &group[1..] {
                if *other == "50 000" {
                    continue; // a space is not a thousands separator here
                }
                assert!(same(first, v(other)), "{} vs {other}", group[0]);
            }
        }
    }

    #[test]
    fn finds_numbers_in_prose() {
        let text =
            numbers_in("The model has 1.6 trillion parameters and cost $12B; fifty thousand GPUs.");
        let text = text.as_slice();
        assert!(mentions(text, v("1.6T")));
        assert!(mentions(text, v("$12 billion")));
        assert!(mentions(text, v("50,000")));
        assert!(!mentions(text, v("1.7T")));
        assert!(!mentions(text, v("16")));
    }

    #[test]
    fn commas_and_points_are_read_correctly() {
        assert_eq!(numbers_in("1,234.5 and 2.25, 7"), vec![1234.5, 2.25, 7.0]);
        assert_eq!(numbers_in("in 2026, 40% of"), vec![2026.0, 40.0]);
        assert_eq!(figure_value("Yes"), None);
    }
}
