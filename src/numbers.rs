//! A small number normaliser, so that a key figure written "50k" is found in
//! an article that says "50,000" or "fifty thousand", and "1.6T" in one that
//! says "1.6 trillion" or "1.6-trillion".

use unicode_normalization::UnicodeNormalization;

use crate::extract::text::Kind;

/// What a number counts, as far as the words and signs right around it say:
/// enough to tell "22%" from "22 vehicles" and "$148 million" from "148
/// million trips". A key figure's number must be found with the same unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// No sign or word of its own ("50,000 chips", "1.6T").
    Plain,
    /// "22%", "22 percent", "22 per cent".
    Percent,
    /// "3x", "three times", "tenfold".
    Times,
    /// A currency sign or name before or after it.
    Money(Currency),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Currency {
    Dollar,
    Euro,
    Pound,
    Yen,
    Yuan,
    Won,
    Rupee,
    Franc,
}

impl Unit {
    /// Whether a number written with `self` in a key figure is confirmed by
    /// one written with `found` in an article: a figure without a unit of its
    /// own takes its meaning from its label, so any mention confirms it.
    pub(crate) fn confirmed_by(self, found: Unit) -> bool {
        self == Unit::Plain || self == found
    }

    /// How the unit reads in a message ("a percentage").
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Unit::Plain => "a plain number",
            Unit::Percent => "a percentage",
            Unit::Times => "a multiple",
            Unit::Money(_) => "an amount of money in that currency",
        }
    }
}

/// A value as a reader writes it in a message: "1.7 trillion", "56,000", "2.5".
pub(crate) fn spoken(value: f64) -> String {
    let (scaled, word) = match value.abs() {
        v if v >= 1e12 => (value / 1e12, " trillion"),
        v if v >= 1e9 => (value / 1e9, " billion"),
        v if v >= 1e6 => (value / 1e6, " million"),
        _ => (value, ""),
    };
    let rounded = (scaled * 1000.0).round() / 1000.0;
    let text = format!("{rounded}");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let (sign, digits) = whole.strip_prefix('-').map_or(("", whole), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let fraction = if fraction.is_empty() {
        String::new()
    } else {
        format!(".{fraction}")
    };
    format!("{sign}{grouped}{fraction}{word}")
}

/// A number of a text with its unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub unit: Unit,
}

/// Every number of a key-figure value, each to be found in a source. In a
/// range the ends share a scale and a unit: "33–56B" is 33 billion and 56
/// billion, "$1–2 million" two amounts of dollars.
pub fn figure_numbers(value: &str) -> Vec<Number> {
    let mut found = read(value);
    for i in 1..found.len() {
        if found[i - 1].range_with_next {
            let (low, high) = (found[i - 1], found[i]);
            found[i - 1] = low.filled_from(&high);
            found[i] = high.filled_from(&low);
        }
    }
    found.into_iter().map(|m| m.number()).collect()
}

/// Whether `numbers` (those [`numbers_in`] found in a text, so a text read
/// once answers for many figures) hold `wanted`, value and unit.
pub fn mentions(numbers: &[Number], wanted: Number) -> bool {
    numbers
        .iter()
        .any(|n| same(n.value, wanted.value) && wanted.unit.confirmed_by(n.unit))
}

/// Whether `numbers` hold the value of `wanted` in any unit.
pub(crate) fn mentions_value(numbers: &[Number], wanted: f64) -> bool {
    numbers.iter().any(|n| same(n.value, wanted))
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Every number in `text`, scaled by a following suffix or scale word
/// ("k", "M", "bn", "T", "thousand", "million", ...), in order, with its
/// unit. The low end of a range written with one scale ("between 33 and 56
/// billion") is also given at that scale.
pub fn numbers_in(text: &str) -> Vec<Number> {
    let found = read(text);
    let mut out = Vec::with_capacity(found.len());
    for (i, m) in found.iter().enumerate() {
        out.push(m.number());
        if m.range_with_next {
            let filled = m.filled_from(&found[i + 1]);
            if filled != *m {
                out.push(filled.number());
            }
        }
    }
    out
}

/// A number as read, before ranges are resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Mention {
    value: f64,
    scale: Option<f64>,
    unit: Unit,
    /// Joined to the next number by a dash, "to" or "and".
    range_with_next: bool,
}

impl Mention {
    fn number(&self) -> Number {
        Number {
            value: self.value * self.scale.unwrap_or(1.0),
            unit: self.unit,
        }
    }

    /// This end of a range with the scale and unit the other end has and
    /// this one lacks.
    fn filled_from(&self, other: &Mention) -> Mention {
        Mention {
            scale: self.scale.or(other.scale),
            unit: if self.unit == Unit::Plain {
                other.unit
            } else {
                self.unit
            },
            ..*self
        }
    }
}

fn read(text: &str) -> Vec<Mention> {
    let text: String = text.nfkc().collect();
    let tokens = tokenize(&text);
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (value, used) = match &tokens[i] {
            Token::Num(n) => (Some(*n), 1),
            Token::Word(_) | Token::Sym(_) => {
                // A run of number words is short; look at a few tokens only.
                let words: Vec<&str> = tokens[i..].iter().take(16).map(Token::as_word).collect();
                word_number(&words)
            }
        };
        match value {
            Some(v) if used > 0 => {
                let (scale, more) = scale_after(&tokens[i + used..]);
                let end = i + used + more;
                let unit = unit_before(&tokens[..i]).or_else(|| unit_after(&tokens[end..]));
                let joined = range_joiner(&tokens[end..]);
                out.push(Mention {
                    value: v,
                    scale,
                    unit: unit.map(|(u, _)| u).unwrap_or(Unit::Plain),
                    range_with_next: joined,
                });
                i = end + unit.map(|(_, n)| n).unwrap_or(0).min(tokens.len() - end);
            }
            _ => i += 1,
        }
    }
    out
}

fn is_range_word(t: &Token) -> bool {
    matches!(t, Token::Word(w) if w == "to" || w == "and")
}

/// Whether the tokens after a number join it to a next number as a range:
/// "33–56", "33 to 56", "between 33 and 56".
fn range_joiner(after: &[Token]) -> bool {
    let joiner = match after.first() {
        Some(Token::Sym(c)) => matches!(c, '-' | '–' | '—'),
        Some(t) => is_range_word(t),
        None => false,
    };
    // "$1-$2 million": a currency sign may stand before the other end.
    let next = match after.get(1) {
        Some(Token::Sym(c)) if currency_sign(*c).is_some() => after.get(2),
        other => other,
    };
    joiner && matches!(next, Some(Token::Num(_)))
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(f64),
    Word(String),
    Sym(char),
}

impl Token {
    /// The token as number-word reading sees it: words lower-case, a hyphen
    /// as "-", other signs as nothing.
    fn as_word(&self) -> &str {
        match self {
            Token::Word(w) => w.as_str(),
            Token::Sym('-') => "-",
            _ => "",
        }
    }
}

/// Splits text into numbers, lower-case words and signs with the extractor's
/// tokenizer ("1,234.5", "50k" -> 50 then "k", "1.6-trillion").
fn tokenize(text: &str) -> Vec<Token> {
    crate::extract::text::tokens(text)
        .into_iter()
        .map(|t| match t.kind {
            Kind::Number { value, .. } => Token::Num(value),
            Kind::Word { .. } => Token::Word(t.text(text).to_lowercase()),
            Kind::Symbol(c) => Token::Sym(c),
        })
        .collect()
}

/// The multiplier of a scale word or suffix ("1.6T", "1.6-trillion") and how
/// many tokens it used.
fn scale_after(tokens: &[Token]) -> (Option<f64>, usize) {
    let (skip, word) = match tokens {
        [Token::Sym('-'), Token::Word(w), ..] => (1, w),
        [Token::Word(w), ..] => (0, w),
        _ => return (None, 0),
    };
    match scale_of(word) {
        Some(s) => (Some(s), skip + 1),
        None => (None, 0),
    }
}

fn currency_sign(c: char) -> Option<Currency> {
    Some(match c {
        '$' => Currency::Dollar,
        '€' => Currency::Euro,
        '£' => Currency::Pound,
        '¥' => Currency::Yen,
        '₩' => Currency::Won,
        '₹' => Currency::Rupee,
        _ => return None,
    })
}

fn currency_word(w: &str) -> Option<Currency> {
    Some(match w {
        "usd" | "dollar" | "dollars" => Currency::Dollar,
        "eur" | "euro" | "euros" => Currency::Euro,
        "gbp" | "pound" | "pounds" | "sterling" => Currency::Pound,
        "jpy" | "yen" => Currency::Yen,
        "cny" | "rmb" | "yuan" | "renminbi" => Currency::Yuan,
        "krw" | "won" => Currency::Won,
        "inr" | "rs" | "rupee" | "rupees" => Currency::Rupee,
        "chf" | "franc" | "francs" => Currency::Franc,
        _ => return None,
    })
}

const CURRENCY_CODES: [&str; 10] = [
    "usd", "eur", "gbp", "jpy", "cny", "rmb", "krw", "inr", "chf", "rs",
];

/// A currency sign or code right before a number ("$5", "US$ 5", "EUR 5").
fn unit_before(before: &[Token]) -> Option<(Unit, usize)> {
    match before.last()? {
        Token::Sym(c) => currency_sign(*c).map(|c| (Unit::Money(c), 0)),
        // Codes only: "won" before a number is a verb more often than not.
        Token::Word(w) if CURRENCY_CODES.contains(&w.as_str()) => {
            currency_word(w).map(|c| (Unit::Money(c), 0))
        }
        _ => None,
    }
}

/// A unit right after a number and its scale, and how many tokens it used:
/// "%", "percent", "per cent", "x", "times", "fold", "euros", "USD".
fn unit_after(after: &[Token]) -> Option<(Unit, usize)> {
    match after {
        [Token::Sym('%'), ..] => Some((Unit::Percent, 1)),
        [Token::Word(p), Token::Word(c), ..] if p == "per" && c == "cent" => {
            Some((Unit::Percent, 2))
        }
        [Token::Word(w), ..] => match w.as_str() {
            "percent" | "pct" => Some((Unit::Percent, 1)),
            "x" | "times" | "fold" => Some((Unit::Times, 1)),
            _ => currency_word(w).map(|c| (Unit::Money(c), 1)),
        },
        [Token::Sym('-'), Token::Word(w), ..] if w == "fold" => Some((Unit::Times, 2)),
        _ => None,
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
        figure_numbers(s)
            .first()
            .unwrap_or_else(|| panic!("no number in {s:?}"))
            .value
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
        let n = |s: &str| figure_numbers(s)[0];
        assert!(mentions(text, n("1.6T")));
        assert!(mentions(text, n("$12 billion")));
        assert!(mentions(text, n("50,000")));
        assert!(!mentions(text, n("1.7T")));
        assert!(!mentions(text, n("16")));
    }

    #[test]
    fn commas_and_points_are_read_correctly() {
        let values = |s: &str| numbers_in(s).iter().map(|n| n.value).collect::<Vec<_>>();
        assert_eq!(values("1,234.5 and 2.25, 7"), vec![1234.5, 2.25, 7.0]);
        assert_eq!(values("in 2026, 40% of"), vec![2026.0, 40.0]);
        assert!(figure_numbers("Yes").is_empty());
    }

    #[test]
    fn values_are_spoken_with_scale_words() {
        assert_eq!(spoken(1.7e12), "1.7 trillion");
        assert_eq!(spoken(56_000.0), "56,000");
        assert_eq!(spoken(2.5), "2.5");
        assert_eq!(spoken(148e6), "148 million");
    }

    #[test]
    fn units_are_read_around_the_number() {
        let units = |s: &str| numbers_in(s).iter().map(|n| n.unit).collect::<Vec<_>>();
        assert_eq!(
            units("22% and 22 percent and 22 per cent"),
            vec![Unit::Percent; 3]
        );
        assert_eq!(
            units("$148 million, 2.95 billion euros, EUR 5"),
            vec![
                Unit::Money(Currency::Dollar),
                Unit::Money(Currency::Euro),
                Unit::Money(Currency::Euro)
            ]
        );
        assert_eq!(
            units("3x faster, tenfold, 350,000 vehicles"),
            vec![Unit::Times, Unit::Plain]
        );
    }

    #[test]
    fn a_unit_must_match_but_a_plain_figure_takes_any() {
        let text = numbers_in("Traffic fell 22 percent; 148 million trips were made.");
        assert!(mentions(&text, figure_numbers("22%")[0]));
        assert!(!mentions(&text, figure_numbers("$148 million")[0]));
        assert!(mentions(&text, figure_numbers("148 million")[0]));
        assert!(!mentions(&text, figure_numbers("22 times")[0]));
    }

    #[test]
    fn range_ends_share_scale_and_unit() {
        let n = figure_numbers("33–56B");
        assert_eq!(
            n.iter().map(|n| n.value).collect::<Vec<_>>(),
            vec![33e9, 56e9]
        );
        let text = numbers_in("between 33 and 56 billion parameters are active");
        assert!(n.iter().all(|&x| mentions(&text, x)));
        let money = figure_numbers("$1–2 million");
        assert!(money
            .iter()
            .all(|n| n.unit == Unit::Money(Currency::Dollar)));
        assert_eq!(money[0].value, 1e6);
        // Two numbers not joined as a range keep their own scale.
        let apart = numbers_in("5 cases and then 18 million visitors");
        assert_eq!(apart[0].value, 5.0);
    }
}
