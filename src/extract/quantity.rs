//! Quantities in a sentence: a number in any of the forms articles use
//! ("1.6 trillion", "1.6T", "1.6-trillion-parameter", "fifty thousand",
//! "33 billion to 56 billion", "~1,000", "$8 and $10 billion", "4,000
//! percent"), with its qualifier, unit, what it measures and its year.

use std::ops::Range;

use serde::Serialize;

use super::cues::{Cues, Measure, Phrase, Unit};
use super::text::{Kind, Token};
use crate::numbers;

/// One quantity as a sentence states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The value, or the low end of a range.
    pub value: f64,
    /// The high end of a range ("33 billion to 56 billion").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// "more than", "about", "up to", "between", "~" ... as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The canonical unit: "chips", "tokens", "USD", "score" ...
    pub unit: String,
    /// What is measured: "total parameters", "context window", "revenue" ...
    pub quantity: String,
    /// The year the figure is for ("143,000 units in 2025").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// A count that grows as a story develops (deaths, cases): a later,
    /// higher value supersedes an earlier one.
    #[serde(skip)]
    pub evolving: bool,
    /// What part or place the figure is of, when the clause says ("in the
    /// county", "alone", "and other charges", "another 179").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// A currency conversion in parentheses ("2.95 billion euro ($3.5
    /// billion)"): the same amount in another unit.
    #[serde(skip)]
    pub conversion: bool,
    /// The clause marks the value as superseding an earlier one ("rose
    /// to"), or as the earlier one ("initially", "had said").
    #[serde(skip)]
    pub time: Option<Time>,
    /// The sentence sets its values against each other ("26 percent, not
    /// 25 percent", "27%, compared to 26%").
    #[serde(skip)]
    pub contrast: bool,
    /// Byte range of the phrase in the sentence.
    #[serde(skip)]
    pub range: Range<usize>,
    /// Token range of the phrase (number to unit), for subject detection.
    #[serde(skip)]
    pub tokens: Range<usize>,
}

/// Where a value stands in time, as its clause says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Time {
    Earlier,
    Later,
}

/// Lower-case text of each token; symbols as themselves.
pub fn lower_words<'s>(sentence_lower: &'s str, toks: &[Token]) -> Vec<&'s str> {
    toks.iter()
        .map(|t| &sentence_lower[t.range.clone()])
        .collect()
}

/// Every quantity in a sentence.
pub fn quantities(sentence: &str, toks: &[Token], words: &[&str], cues: &Cues) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !may_start_quantity(toks, words, i, cues) {
            i += 1;
            continue;
        }
        let found = date_at(sentence, toks, words, i, cues)
            .or_else(|| quantity_at(sentence, toks, words, i, cues, out.last()));
        match found {
            Some(q) => {
                i = q.tokens.end.max(i + 1);
                out.push(q);
            }
            None => i += 1,
        }
    }
    share_list_measure(&mut out, toks);
    out
}

/// Whether a quantity can start at token `i`: digits, a number word
/// ("nine", "a million", "a third of"), or a month ("April 5"). Every reader
/// below starts at one of these; the test spares them most tokens.
fn may_start_quantity(toks: &[Token], words: &[&str], i: usize, cues: &Cues) -> bool {
    match toks[i].kind {
        Kind::Number { .. } => true,
        Kind::Word { .. } => {
            let w = words[i];
            matches!(w, "a" | "an" | "one")
                || numbers::unit_of(w).is_some()
                || cues.months.contains_key(w)
        }
        Kind::Symbol(_) => false,
    }
}

/// "a 34% tax on China, 32% on Taiwan, 25% on South Korea": items of a
/// list name what they measure once, so a value that names nothing itself
/// (its measure is just its unit) takes the measure of the value before it
/// with the same unit, within the sentence and not past a ";".
fn share_list_measure(quantities: &mut [Quantity], toks: &[Token]) {
    for i in 1..quantities.len() {
        if quantities[i].quantity != quantities[i].unit {
            continue;
        }
        let start = quantities[i].tokens.start;
        let named = quantities[..i].iter().rev().find(|p| {
            p.unit == quantities[i].unit
                && p.quantity != p.unit
                && !toks[p.tokens.end..start].iter().any(|t| t.is_symbol(';'))
        });
        if let Some(p) = named {
            let (quantity, evolving) = (p.quantity.clone(), p.evolving);
            quantities[i].quantity = quantity;
            quantities[i].evolving = evolving;
        }
    }
}

/// A number read at a token: value, the token after it, whether a scale word
/// or suffix was applied.
struct Read {
    value: f64,
    next: usize,
    scaled: bool,
}

fn quantity_at(
    sentence: &str,
    toks: &[Token],
    words: &[&str],
    i: usize,
    cues: &Cues,
    previous: Option<&Quantity>,
) -> Option<Quantity> {
    if let Some(q) = fraction_at(sentence, toks, words, i, cues) {
        return Some(q);
    }
    let unit_before = unit_before(toks, words, i, cues);
    if (unit_before.is_none() && is_name_number(sentence, toks, words, i, cues))
        || is_year(toks, words, i)
    {
        return None;
    }
    if is_clock_time(toks, i) || is_hour(words, i) || is_age(words, i) {
        return None;
    }
    let first = read_value(toks, words, i)?;
    let (qualifier, qualifier_start) = qualifier_before(sentence, toks, words, i, cues);
    let currency = currency_before(sentence, toks, i, cues);
    let mut value = first.value;
    let mut next = first.next;
    let mut high = None;
    if let Some((h, after)) = range_end(toks, words, next, qualifier.as_deref(), cues) {
        if !first.scaled && h.scaled {
            value *= scale_factor(h.value, words, next, toks);
        }
        if h.value > value {
            high = Some(h.value);
            next = after;
        }
    }
    if glued_to_unknown_word(toks, words, next, cues) {
        return None;
    }
    let unit = match (&unit_before, &currency) {
        (Some(u), None) => Some((u.unit.clone(), u.quantity.clone(), next)),
        _ => unit_after(sentence, toks, words, next, cues, currency.as_deref()),
    };
    let start = qualifier_start.min(currency_start(sentence, toks, i, cues));
    let (unit, quantity, end) = match unit {
        Some(found) => found,
        None => unit_before
            .map(|u| (u.unit.clone(), u.quantity.clone(), next))
            .or_else(|| {
                inherited(
                    words,
                    start..next,
                    value,
                    first.scaled || high.is_some(),
                    previous,
                )
            })
            .or_else(|| score_before(words, i, next, cues))
            .or_else(|| governed_bare(words, start, next, cues))
            .or_else(|| head_noun(sentence, toks, words, next, cues))?,
    };
    let start = start.min(i);
    Some(finish(
        sentence,
        toks,
        words,
        cues,
        Parts {
            value,
            high,
            qualifier,
            unit,
            quantity,
        },
        start..end,
        i,
    ))
}

/// What a quantity reads before its clause is looked at.
struct Parts {
    value: f64,
    high: Option<f64>,
    qualifier: Option<String>,
    unit: String,
    quantity: String,
}

/// The parts of a quantity found from its clause: year, refined measure,
/// scope, conversion and time cues.
fn finish(
    sentence: &str,
    toks: &[Token],
    words: &[&str],
    cues: &Cues,
    parts: Parts,
    span: Range<usize>,
    number: usize,
) -> Quantity {
    let Parts {
        value,
        high,
        qualifier,
        unit,
        quantity,
    } = parts;
    let (start, end) = (span.start, span.end);
    let year = year_near(toks, words, end, start);
    let (quantity, evolving) = refine(&quantity, &unit, words, number, start, end, cues);
    Quantity {
        value,
        high,
        qualifier,
        quantity,
        year,
        evolving,
        scope: scope_of(sentence, toks, words, start, end, cues),
        conversion: is_conversion(toks, words, start, end, &unit, cues),
        time: time_of(words, start, end, cues),
        contrast: cues.contrast.first_match(words).is_some(),
        unit,
        range: toks[start].range.start..toks[end - 1].range.end,
        tokens: start..end,
    }
}

/// "4:30 p.m.", "16:03": a clock time, not a quantity.
fn is_clock_time(toks: &[Token], i: usize) -> bool {
    let colon = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.is_symbol(':') && !t.space_before)
    };
    let glued_number = |k: usize| {
        toks.get(k)
            .is_some_and(|t| !t.space_before && matches!(t.kind, Kind::Number { .. }))
    };
    (colon(i + 1) && glued_number(i + 2)) || (i >= 2 && colon(i - 1) && glued_number(i))
}

/// "rose to", "climbed to", "reached", "stood at" right before the phrase.
fn rises_to(words: &[&str], start: usize) -> bool {
    let at = |k: usize| start.checked_sub(k).and_then(|i| words.get(i)).copied();
    matches!(at(1), Some("reached" | "hit" | "topped"))
        || (matches!(at(1), Some("to" | "at"))
            && matches!(
                at(2),
                Some(
                    "rose"
                        | "risen"
                        | "climbed"
                        | "jumped"
                        | "grew"
                        | "increased"
                        | "stood"
                        | "stands"
                        | "rises"
                        | "climbs"
                )
            ))
}

/// "5 a.m.", "11 pm": an hour of the day, not a count.
fn is_hour(words: &[&str], i: usize) -> bool {
    matches!(
        (words.get(i + 1), words.get(i + 2), words.get(i + 3)),
        (Some(&("am" | "pm")), _, _) | (Some(&("a" | "p")), Some(&"."), Some(&"m"))
    )
}

/// "an 18-year-old volunteer", "six months old": someone's age, not a
/// duration of the story.
fn is_age(words: &[&str], i: usize) -> bool {
    let span = |w: Option<&&str>| {
        w.is_some_and(|w| {
            matches!(
                *w,
                "year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days"
            )
        })
    };
    let hyphen = |k: usize| words.get(k) == Some(&"-");
    (hyphen(i + 1) && span(words.get(i + 2)) && hyphen(i + 3) && words.get(i + 4) == Some(&"old"))
        || (span(words.get(i + 1)) && words.get(i + 2) == Some(&"old"))
}

/// "one-fifth of its workforce", "two-thirds of the job cuts", "a third of
/// its 94 offices": a fraction followed by "of" is a share, in percent.
fn fraction_at(
    sentence: &str,
    toks: &[Token],
    words: &[&str],
    i: usize,
    cues: &Cues,
) -> Option<Quantity> {
    let numerator = match words[i] {
        "a" | "an" | "one" => 1.0,
        w => numbers::unit_of(w)?,
    };
    let mut k = i + 1;
    if toks.get(k).is_some_and(|t| t.is_symbol('-')) {
        k += 1;
    }
    let denominator = match words.get(k)?.trim_end_matches('s') {
        "half" | "halve" => 2.0,
        "third" => 3.0,
        "quarter" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        _ => return None,
    };
    if words.get(k + 1) != Some(&"of") || numerator >= denominator {
        return None;
    }
    let (qualifier, qualifier_start) = qualifier_before(sentence, toks, words, i, cues);
    // One decimal, as outlets that write a percentage print it (33.3, 66.7).
    let value = (numerator / denominator * 1000.0).round() / 10.0;
    Some(finish(
        sentence,
        toks,
        words,
        cues,
        Parts {
            value,
            high: None,
            qualifier,
            unit: "percent".into(),
            quantity: "percent".into(),
        },
        qualifier_start.min(i)..k + 1,
        i,
    ))
}

/// "magnitude 6.1", "magnitude-6.1": a unit that may stand before the
/// number.
fn unit_before<'c>(toks: &[Token], words: &[&str], i: usize, cues: &'c Cues) -> Option<&'c Unit> {
    if !matches!(toks.get(i)?.kind, Kind::Number { .. }) {
        return None;
    }
    let k = if i >= 2 && toks[i - 1].is_symbol('-') {
        i - 2
    } else {
        i.checked_sub(1)?
    };
    let (unit, _) = unit_word(words, k, cues)?;
    let u = &cues.units[unit];
    u.before.then_some(u)
}

/// "23 fires", "90 facilities", "12 sniffer dogs": a plural noun right
/// after the number (past one modifier) that no unit lists is its unit.
fn head_noun(
    sentence: &str,
    toks: &[Token],
    words: &[&str],
    at: usize,
    cues: &Cues,
) -> Option<(String, String, usize)> {
    let plain = |k: usize| {
        toks.get(k).is_some_and(|t| {
            t.is_word()
                && t.space_before
                && t.text(sentence).chars().all(|c| c.is_ascii_lowercase())
                && !cues.is_unit_stop(words[k])
        })
    };
    let noun = |k: usize| plain(k) && words[k].len() >= 4 && words[k].ends_with('s');
    let k = if noun(at) {
        at
    } else if plain(at) && noun(at + 1) {
        at + 1
    } else {
        return None;
    };
    Some((words[k].to_string(), words[k].to_string(), k + 1))
}

/// "1,891 injured", "three were missing", "killed 81": a number with no
/// unit of its own, governed by a measure word that stands for one.
fn governed_bare(
    words: &[&str],
    start: usize,
    end: usize,
    cues: &Cues,
) -> Option<(String, String, usize)> {
    let window = clause_bounds(words, start, end, 3);
    let m = nearest_measure(words, window, 0..0, (start, end), cues, |m| {
        m.unit.is_some()
    })?;
    let unit = m.unit.clone()?;
    Some((unit, m.measure.clone(), end))
}

/// A calendar date: "June 30, 2026", "30 June 2026", "the 30th of June",
/// "June 2026". Its value is `yyyymmdd`, with 0 for an unknown year or day.
fn date_at(
    sentence: &str,
    toks: &[Token],
    words: &[&str],
    i: usize,
    cues: &Cues,
) -> Option<Quantity> {
    let month_at = |k: usize| -> Option<u32> {
        let t = toks.get(k)?;
        let capital = t
            .text(sentence)
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        (t.is_word() && capital)
            .then(|| cues.months.get(words[k]).copied())
            .flatten()
    };
    let day_at = |k: usize| -> Option<(u32, usize)> {
        match toks.get(k)?.kind {
            Kind::Number {
                value,
                decimal: false,
            } if (1.0..=31.0).contains(&value) && words[k].len() <= 2 => {
                let ordinal = toks.get(k + 1).is_some_and(|t| {
                    !t.space_before && matches!(words[k + 1], "st" | "nd" | "rd" | "th")
                });
                Some((value as u32, if ordinal { k + 2 } else { k + 1 }))
            }
            _ => None,
        }
    };
    let year_after = |k: usize| -> (Option<i32>, usize) {
        let k2 = if toks.get(k).is_some_and(|t| t.is_symbol(',')) {
            k + 1
        } else {
            k
        };
        match year_at(toks, words, k2) {
            Some(y) => (Some(y), k2 + 1),
            None => (None, k),
        }
    };
    let (month, day, end) = if let Some(m) = month_at(i) {
        // "Dec. 17": past the abbreviation's point.
        let point = toks
            .get(i + 1)
            .is_some_and(|t| t.is_symbol('.') && !t.space_before);
        let at = if point { i + 2 } else { i + 1 };
        match day_at(at) {
            Some((d, next)) => (m, Some(d), next),
            None => (m, None, i + 1),
        }
    } else {
        let (d, next) = day_at(i)?;
        let at = if words.get(next) == Some(&"of") {
            next + 1
        } else {
            next
        };
        (month_at(at)?, Some(d), at + 1)
    };
    let (year, end) = year_after(end);
    if day.is_none() && year.is_none() {
        return None;
    }
    let value = f64::from(year.unwrap_or(0)) * 10_000.0
        + f64::from(month) * 100.0
        + f64::from(day.unwrap_or(0));
    let mut q = finish(
        sentence,
        toks,
        words,
        cues,
        Parts {
            value,
            high: None,
            qualifier: None,
            unit: "date".into(),
            quantity: "date".into(),
        },
        i..end,
        i,
    );
    q.year = None;
    Some(q)
}

/// Whether two `yyyymmdd` dates can be the same day (unknown parts match).
pub fn same_date(a: f64, b: f64) -> bool {
    let parts = |v: f64| {
        let v = v as i64;
        (v / 10_000, (v / 100) % 100, v % 100)
    };
    let ((y1, m1, d1), (y2, m2, d2)) = (parts(a), parts(b));
    let fits = |x: i64, y: i64| x == 0 || y == 0 || x == y;
    m1 == m2 && fits(y1, y2) && fits(d1, d2)
}

/// "910C", "1.6TTotal": digits glued to letters that are neither a scale
/// nor a unit are part of a code or a layout accident, not a quantity.
fn glued_to_unknown_word(toks: &[Token], words: &[&str], next: usize, cues: &Cues) -> bool {
    toks.get(next)
        .is_some_and(|t| t.is_word() && !t.space_before && unit_word(words, next, cues).is_none())
}

/// "Orion-2.0", "GPT-5.5", "Opus 4.8", "Nova 910C": a number that is
/// part of a name, not a quantity.
fn is_name_number(sentence: &str, toks: &[Token], words: &[&str], i: usize, cues: &Cues) -> bool {
    if !matches!(toks[i].kind, Kind::Number { .. }) {
        return false;
    }
    let glued = |k: usize| !toks[k].space_before;
    if i >= 2 && glued(i) && toks[i - 1].is_symbol('-') && glued(i - 1) && toks[i - 2].is_word() {
        return true;
    }
    if i >= 1 && toks[i - 1].is_word() && toks[i].space_before {
        let prev = toks[i - 1].text(sentence);
        let capital = prev.chars().next().is_some_and(char::is_uppercase);
        // A capitalised sentence opener ("Roughly 350,000") or qualifier is
        // not a name.
        let opener = i == 1 && !super::entity::is_strong_word(prev);
        let qualifier = cues
            .qualifiers
            .iter()
            .any(|q| q.last().and_then(|w| w.as_deref()) == Some(words[i - 1]));
        return capital
            && !opener
            && !qualifier
            && !cues.is_not_name(words[i - 1])
            && !cues.currency_words.contains_key(words[i - 1]);
    }
    false
}

/// A bare four-digit year ("in 2026"): context, not a quantity.
fn is_year(toks: &[Token], words: &[&str], i: usize) -> bool {
    year_at(toks, words, i).is_some() && !toks.get(i + 1).is_some_and(|t| t.is_symbol('%'))
}

fn year_at(toks: &[Token], words: &[&str], i: usize) -> Option<i32> {
    match toks.get(i)?.kind {
        Kind::Number {
            value,
            decimal: false,
        } if words[i].len() == 4 && (1900.0..=2100.0).contains(&value) => Some(value as i32),
        _ => None,
    }
}

/// Reads a number (digits or number words) and a scale after it.
fn read_value(toks: &[Token], words: &[&str], i: usize) -> Option<Read> {
    let (value, mut next) = match toks[i].kind {
        Kind::Number { value, .. } => (value, i + 1),
        Kind::Word { .. } => word_value(words, i)?,
        Kind::Symbol(_) => return None,
    };
    let mut scaled = false;
    let mut scale = 1.0;
    // "1.6T", "50k", "8.5bn": a suffix glued to the digits.
    if let Some(t) = toks.get(next) {
        let glued_suffix = !t.space_before && t.is_word();
        if glued_suffix && matches!(toks[i].kind, Kind::Number { .. }) {
            if let Some(s) = suffix_scale(words[next]) {
                scale = s;
                scaled = true;
                next += 1;
            }
        }
    }
    if !scaled {
        // "1.6 trillion", "1.6-trillion-parameter"
        let at = if toks.get(next).is_some_and(|t| t.is_symbol('-')) {
            next + 1
        } else {
            next
        };
        if let Some(s) = words
            .get(at)
            .and_then(|w| numbers::scale_of(w))
            .filter(|_| words[at].len() > 2)
        {
            scale = s;
            scaled = true;
            next = at + 1;
        }
    }
    Some(Read {
        value: value * scale,
        next,
        scaled,
    })
}

/// Number words: "fifty thousand", "one-million", "a million".
fn word_value(words: &[&str], i: usize) -> Option<(f64, usize)> {
    if words[i] == "a" || words[i] == "one" {
        let next = words.get(i + 1)?;
        if matches!(*next, "million" | "billion" | "trillion" | "thousand") {
            return Some((1.0, i + 1));
        }
        if words[i] == "a" {
            return None;
        }
    }
    if words[i] == "a" && words.get(i + 1) == Some(&"dozen") {
        return Some((12.0, i + 2));
    }
    let window = &words[i..(i + 16).min(words.len())];
    match numbers::word_number(window) {
        // "two dozen"
        (Some(v), used) if used > 0 && words.get(i + used) == Some(&"dozen") => {
            Some((v * 12.0, i + used + 1))
        }
        (Some(v), used) if used > 0 => Some((v, i + used)),
        _ => None,
    }
}

fn suffix_scale(word: &str) -> Option<f64> {
    match word {
        "k" => Some(1e3),
        "m" | "mn" => Some(1e6),
        "b" | "bn" => Some(1e9),
        "t" | "tn" | "tr" => Some(1e12),
        _ => None,
    }
}

/// The scale of the range's high end, applied to an unscaled low end
/// ("$8 and $10 billion", "70 to 80 percent" stays 70).
fn scale_factor(_high: f64, words: &[&str], from: usize, toks: &[Token]) -> f64 {
    for k in from..(from + 5).min(toks.len()) {
        if let Some(s) = numbers::scale_of(words[k]).filter(|_| words[k].len() > 2) {
            return s;
        }
        if let Some(s) = suffix_scale(words[k]).filter(|_| !toks[k].space_before) {
            return s;
        }
    }
    1.0
}

/// "to 56 billion", "- 56", "and $10 billion" (after "between"): the range's
/// high end and the token after it.
fn range_end(
    toks: &[Token],
    words: &[&str],
    at: usize,
    qualifier: Option<&str>,
    cues: &Cues,
) -> Option<(Read, usize)> {
    let joiner = words.get(at)?;
    let ok = match *joiner {
        "to" | "-" | "\u{2013}" => true,
        "and" => qualifier == Some("between"),
        _ => false,
    };
    if !ok {
        return None;
    }
    let mut k = at + 1;
    if toks.get(k).is_some_and(
        |t| matches!(t.kind, Kind::Symbol(c) if cues.currency_symbols.contains_key(&c)),
    ) {
        k += 1;
    }
    if k >= toks.len() || !matches!(toks[k].kind, Kind::Number { .. }) {
        return None;
    }
    let read = read_value(toks, words, k)?;
    let next = read.next;
    Some((read, next))
}

/// The qualifier phrase right before the number (or its currency symbol).
fn qualifier_before(
    sentence: &str,
    toks: &[Token],
    words: &[&str],
    i: usize,
    cues: &Cues,
) -> (Option<String>, usize) {
    let end = currency_start(sentence, toks, i, cues);
    if end > 0 && toks[end - 1].is_symbol('~') {
        return (Some("~".into()), end - 1);
    }
    for phrase in &cues.qualifiers {
        if let Some(start) = ends_with(words, end, phrase) {
            let text = words[start..end].join(" ");
            return (Some(text), start);
        }
    }
    (None, end)
}

fn ends_with(words: &[&str], end: usize, phrase: &Phrase) -> Option<usize> {
    let n = phrase.len();
    if n == 0 || n > end {
        return None;
    }
    let start = end - n;
    phrase
        .iter()
        .zip(&words[start..end])
        .all(|(p, w)| p.as_deref() == Some(*w))
        .then_some(start)
}

/// A currency symbol ("$8") or an upper-case currency code ("USD 8") right
/// before the number.
fn currency_before(sentence: &str, toks: &[Token], i: usize, cues: &Cues) -> Option<String> {
    let prev = toks.get(i.checked_sub(1)?)?;
    match prev.kind {
        Kind::Symbol(c) => cues.currency_symbols.get(&c).cloned(),
        Kind::Word { .. } => {
            let text = prev.text(sentence);
            let code = text.len() == 3 && text.chars().all(|c| c.is_ascii_uppercase());
            code.then(|| cues.currency_words.get(&text.to_ascii_lowercase()).cloned())
                .flatten()
        }
        Kind::Number { .. } => None,
    }
}

fn currency_start(sentence: &str, toks: &[Token], i: usize, cues: &Cues) -> usize {
    if currency_before(sentence, toks, i, cues).is_some() {
        i - 1
    } else {
        i
    }
}

/// The unit after a number: a unit word within a few modifier words
/// ("50,000 Chinese AI chips", "1,000 Voltan Nova 910C chips"), "%", a
/// currency, or a benchmark ("59.5 on SWE-bench Pro"). Returns the unit, what
/// is measured, and the token after the phrase.
fn unit_after(
    sentence: &str,
    toks: &[Token],
    words: &[&str],
    at: usize,
    cues: &Cues,
    currency: Option<&str>,
) -> Option<(String, String, usize)> {
    if let Some(code) = currency {
        let end = match words.get(at) {
            Some(w) if cues.currency_words.contains_key(*w) => at + 1,
            _ => at,
        };
        return Some((code.to_string(), "amount".into(), end));
    }
    if toks.get(at).is_some_and(|t| t.is_symbol('%')) {
        return Some(("percent".into(), "percent".into(), at + 1));
    }
    // "a 50,000-card cluster": a word hyphenated to the number is its unit
    // or nothing ("a 300-millimetre wafer" counts no wafers).
    let compound = toks
        .get(at)
        .is_some_and(|t| t.is_symbol('-') && !t.space_before)
        && toks
            .get(at + 1)
            .is_some_and(|t| t.is_word() && !t.space_before);
    if compound {
        let (unit, len) = unit_word(words, at + 1, cues)?;
        let u = &cues.units[unit];
        return Some((u.unit.clone(), u.quantity.clone(), at + 1 + len));
    }
    let mut k = at;
    let mut skipped = 0;
    while k < toks.len() && skipped <= 4 {
        let t = &toks[k];
        let w = words[k];
        if t.is_symbol('-') {
            k += 1;
            continue;
        }
        if let Some(code) = cues.currency_words.get(w) {
            return Some((code.clone(), "amount".into(), k + 1));
        }
        if let Some((unit, len)) = unit_word(words, k, cues) {
            let u = &cues.units[unit];
            // "x" only counts glued to the number ("2.1x").
            if w == "x" && (t.space_before || k != at) {
                return None;
            }
            return Some((u.unit.clone(), u.quantity.clone(), k + len));
        }
        if !t.is_word() && !matches!(t.kind, Kind::Number { .. }) {
            break;
        }
        if cues.is_unit_stop(w) {
            return score_after(sentence, toks, words, k, cues);
        }
        skipped += 1;
        k += 1;
    }
    None
}

fn unit_word(words: &[&str], k: usize, cues: &Cues) -> Option<(usize, usize)> {
    let candidates = cues.unit_words.get(words[k])?;
    candidates.iter().find_map(|(phrase, unit)| {
        let n = phrase.len();
        let fits = words
            .get(k..k + n)
            .is_some_and(|ws| phrase.iter().zip(ws).all(|(p, w)| p.as_deref() == Some(*w)));
        fits.then_some((*unit, n))
    })
}

/// "59.5 on SWE-bench Pro": a score on a named benchmark.
fn score_after(
    sentence: &str,
    toks: &[Token],
    words: &[&str],
    k: usize,
    cues: &Cues,
) -> Option<(String, String, usize)> {
    if !cues.score_after.iter().any(|w| w == words[k]) {
        return None;
    }
    let name_start = k + 1;
    if words.get(name_start).is_some_and(|w| cues.is_not_name(w)) {
        return None;
    }
    let mut end = name_start;
    while end < toks.len() {
        let t = &toks[end];
        let capital = t
            .text(sentence)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase());
        let part = (t.is_word() && (capital || !t.space_before))
            || (t.is_symbol('-') && !t.space_before)
            || (matches!(t.kind, Kind::Number { .. }) && end > name_start);
        if !part {
            break;
        }
        end += 1;
    }
    if end == name_start {
        return None;
    }
    let name = &sentence[toks[name_start].range.start..toks[end - 1].range.end];
    Some(("score".into(), format!("score on {name}"), end))
}

/// "scored 59.5", "a score of 59.5": a score without a named benchmark.
fn score_before(
    words: &[&str],
    i: usize,
    next: usize,
    cues: &Cues,
) -> Option<(String, String, usize)> {
    cues.score_before
        .iter()
        .any(|p| ends_with(words, i, p).is_some())
        .then(|| ("score".to_string(), "score".to_string(), next))
}

/// "48 billion of them active", "from 143,000 units ... to 2.1 million",
/// "1.6 trillion parameters but activates 33 billion to 56 billion per
/// token", "450,000 vehicles ...; the authority now counts roughly 350,000":
/// a number close after a quantity, with no unit of its own, that is linked
/// to it, scaled like it or of the same order, counts in the same unit.
fn inherited(
    words: &[&str],
    at: Range<usize>,
    value: f64,
    scaled: bool,
    previous: Option<&Quantity>,
) -> Option<(String, String, usize)> {
    let prev = previous?;
    let next = at.end;
    let after = words.get(next..(next + 3).min(words.len())).unwrap_or(&[]);
    let of_them = after
        .windows(2)
        .any(|w| w == ["of", "them"] || w == ["of", "which"]);
    let before = at.start.checked_sub(1).map(|k| words[k]);
    let linked = matches!(before, Some("to" | "from" | "and" | "or" | "versus" | "vs"));
    let ratio = value.max(prev.value) / value.min(prev.value).max(f64::MIN_POSITIVE);
    let alike = ratio < 10.0;
    let near = at.start.saturating_sub(prev.tokens.end) <= 12;
    if !(near && (of_them || linked || scaled || alike)) {
        return None;
    }
    // "4,200 acres (1,700 hectares)", "the 8-square-mile zone": a noun of
    // its own is another unit.
    if !of_them
        && words
            .get(next)
            .is_some_and(|w| looks_plural_noun(w) || *w == "-")
    {
        return None;
    }
    let end = if of_them { next + 2 } else { next };
    Some((
        prev.unit.clone(),
        prev.quantity.clone(),
        end.min(words.len()),
    ))
}

/// "hectares", "residents": a word that reads as a plural noun (not "was",
/// "has", "plus", "across").
fn looks_plural_noun(w: &str) -> bool {
    w.len() > 3
        && w.chars().all(|c| c.is_ascii_lowercase())
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !matches!(
            w,
            "plus" | "thus" | "whereas" | "always" | "perhaps" | "towards" | "afterwards"
        )
}

/// The year a figure is for: "in 2025", "by 2030" right after the phrase, or
/// "in 2026, ..." just before it.
fn year_near(toks: &[Token], words: &[&str], end: usize, start: usize) -> Option<i32> {
    let after = (end..(end + 5).min(toks.len())).find_map(|k| {
        let led = k > 0
            && matches!(
                words[k - 1],
                "in" | "by" | "for" | "of" | "through" | "until"
            );
        year_at(toks, words, k).filter(|_| led)
    });
    after
        .or_else(|| {
            (start.saturating_sub(4)..start)
                .rev()
                .find_map(|k| year_at(toks, words, k).filter(|_| k > 0 && words[k - 1] == "in"))
        })
        .or_else(|| {
            // "In 2008, a quake in Sichuan killed almost 70,000 people": a
            // year set off by a comma dates the sentence after it.
            (0..start).rev().find_map(|k| {
                let led = k > 0 && matches!(words[k - 1], "in" | "since");
                let set_off = toks.get(k + 1).is_some_and(|t| t.is_symbol(','));
                year_at(toks, words, k).filter(|_| led && set_off)
            })
        })
}

/// A more precise name for what is measured, from cue words near the
/// phrase: the unit's own variants ("active" parameters), else the measure
/// whose cue is nearest in the clause ("killed", "injured", "cut"), else
/// for a percentage the words after it. Also whether it is an evolving
/// count.
fn refine(
    quantity: &str,
    unit: &str,
    words: &[&str],
    number: usize,
    start: usize,
    end: usize,
    cues: &Cues,
) -> (String, bool) {
    let money = cues.currency_words.values().any(|c| c == unit)
        || cues.currency_symbols.values().any(|c| c == unit);
    let variants = if money {
        Some(&cues.money_variants)
    } else {
        cues.units
            .iter()
            .find(|u| u.unit == unit)
            .map(|u| &u.variants)
    };
    // What a date dates may stand further off ("visitors of either park
    // ... between Dec. 15 and Dec. 20") than what a count counts.
    let reach = if unit == "date" { 14 } else { 6 };
    let near = clause_window(words, start, end, reach);
    let variant = variants.and_then(|vs| {
        vs.iter()
            .find(|v| v.cues.iter().any(|c| near.iter().any(|w| w == c)))
    });
    if let Some(v) = variant {
        return (v.quantity.clone(), false);
    }
    if unit != "date" {
        let window = clause_bounds(words, start, end, 8);
        let class = if money { "money" } else { unit };
        let applies = |m: &Measure| m.units.is_empty() || m.units.iter().any(|u| u == class);
        // The qualifier's words ("close to") are not cues.
        if let Some(m) = nearest_measure(words, window, start..number, (number, end), cues, applies)
        {
            return (m.measure.clone(), m.evolving);
        }
        // "The death toll from the dam failure rose to 71": what rose is the
        // subject of the clause, however long.
        if rises_to(words, start) {
            let clause = clause_bounds(words, start, end, 24);
            let before = clause.start..start;
            if let Some(m) = nearest_measure(words, before, 0..0, (start, end), cues, applies) {
                return (m.measure.clone(), m.evolving);
            }
        }
    }
    if unit == "percent" {
        return (percent_of(quantity, words, start, end, cues), false);
    }
    (quantity.to_string(), false)
}

/// The token range of the clause around a phrase, at most `reach` tokens
/// either side (see [`clause_window`] for what ends a clause).
fn clause_bounds(words: &[&str], start: usize, end: usize, reach: usize) -> Range<usize> {
    let mut from = start;
    while from > start.saturating_sub(reach) && !breaks_clause(words[from - 1]) {
        from -= 1;
    }
    let mut to = end;
    while to < (end + reach).min(words.len()) && !breaks_clause(words[to]) {
        to += 1;
    }
    from..to
}

fn breaks_clause(w: &str) -> bool {
    matches!(
        w,
        "but" | "while" | "whereas" | "and" | "which" | "versus" | "vs" | "as" | "when"
    ) || (w.chars().count() == 1 && !w.chars().all(char::is_alphanumeric) && w != "-")
}

/// The measure whose cue is nearest the phrase within `window` (a cue
/// after the phrase wins a tie: "1,891 injured").
fn nearest_measure<'c>(
    words: &[&str],
    window: Range<usize>,
    skip: Range<usize>,
    (start, end): (usize, usize),
    cues: &'c Cues,
    applies: impl Fn(&Measure) -> bool,
) -> Option<&'c Measure> {
    let mut best: Option<(usize, &Measure)> = None;
    for k in window.clone() {
        if skip.contains(&k) {
            continue;
        }
        let Some(candidates) = cues.measure_words.get(words[k]) else {
            continue;
        };
        for (phrase, index) in candidates {
            let fits = words.get(k..k + phrase.len()).is_some_and(|ws| {
                k + phrase.len() <= window.end
                    && phrase.iter().zip(ws).all(|(p, w)| p.as_deref() == Some(*w))
            });
            let m = &cues.measures[*index];
            if !fits || !applies(m) {
                continue;
            }
            // The phrase's own words ("16 cases", "4,000 layoffs") are nearest.
            let distance = if (start..end).contains(&k) {
                0
            } else if k >= end {
                (k - end) * 2
            } else {
                (start - k) * 2 + 1
            };
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, m));
            }
        }
    }
    best.map(|(_, m)| m)
}

/// What part or place a figure is of, from its clause: an increment
/// ("another 179", "two more cases"), a part ("in Ohio alone"), a total
/// with more in it ("costs and other charges"), or a place ("in the
/// county", "the state total", "in California").
fn scope_of(
    sentence: &str,
    toks: &[Token],
    words: &[&str],
    start: usize,
    end: usize,
    cues: &Cues,
) -> Option<String> {
    let before = start.checked_sub(1).map(|k| words[k]);
    let increment_before =
        before.is_some_and(|w| cues.scope_increment.contains(w) && w != "new" && w != "more");
    let number_end = (start + 1).min(end);
    let increment_after = words
        .get(number_end)
        .is_some_and(|w| matches!(*w, "more" | "new" | "additional" | "further"))
        && end > number_end + 1;
    if increment_before || increment_after {
        return Some("increment".into());
    }
    let clause = clause_bounds(words, start, end, 8);
    let after = &words[end..clause.end];
    if cues.scope_part.iter().any(|p| phrase_in(after, p)) {
        return Some("part".into());
    }
    // Not past a dash or parenthesis: "16 cases in the county—including six
    // not linked" is the county's count, the aside its part.
    let aside = (end..(end + 7).min(words.len()))
        .find(|&k| matches!(words[k], "\u{2014}" | "\u{2013}" | "(" | ";" | ":"))
        .unwrap_or((end + 7).min(words.len()));
    let close_after = &words[end..aside];
    // "212 structures, including 146 homes": the 146 is a part of the
    // total, and the total is just the total.
    let including = |k: usize| words.get(k) == Some(&"including");
    if start > 0 && including(start - 1) {
        return Some("part".into());
    }
    let counted_part = (end..aside).any(|k| {
        including(k)
            && toks
                .get(k + 1)
                .is_some_and(|t| matches!(t.kind, Kind::Number { .. }))
    });
    if !counted_part
        && cues
            .scope_combined
            .iter()
            .any(|p| phrase_in(close_after, p))
    {
        return Some("combined".into());
    }
    place_scope(sentence, toks, words, start, end, clause, cues)
}

fn phrase_in(words: &[&str], phrase: &Phrase) -> bool {
    (0..words.len()).any(|s| {
        words
            .get(s..s + phrase.len())
            .is_some_and(|ws| phrase.iter().zip(ws).all(|(p, w)| p.as_deref() == Some(*w)))
    })
}

/// "in the county", "in California", "the county total", "statewide"
/// near the phrase: the place the figure counts, as a lower-case key.
fn place_scope(
    sentence: &str,
    toks: &[Token],
    words: &[&str],
    start: usize,
    end: usize,
    clause: Range<usize>,
    cues: &Cues,
) -> Option<String> {
    let capital = |k: usize| {
        toks[k].is_word()
            && toks[k]
                .text(sentence)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    };
    // "in the county", "in the California-centered outbreak", "in California"
    let place_after_in = |k: usize| -> Option<String> {
        if words[k] != "in" {
            return None;
        }
        let mut j = k + 1;
        if words.get(j) == Some(&"the") {
            j += 1;
        }
        let limit = (j + 4).min(clause.end.max(j));
        let near = words.get(j..limit.min(words.len())).unwrap_or(&[]);
        if let Some(place) = near.iter().find(|w| cues.scope_places.contains(**w)) {
            return Some(place.to_string());
        }
        let name: Vec<&str> = (j..words.len())
            .take_while(|&m| capital(m) && !cues.is_not_name(words[m]))
            .map(|m| words[m])
            .collect();
        if name.is_empty() {
            return None;
        }
        let last = *name.last()?;
        Some(if cues.scope_places.contains(last) {
            last.to_string()
        } else {
            name.concat()
        })
    };
    for (k, w) in words
        .iter()
        .enumerate()
        .take((end + 4).min(clause.end))
        .skip(end)
    {
        if let Some(p) = place_after_in(k) {
            return Some(p);
        }
        if matches!(*w, "statewide" | "nationwide" | "worldwide") {
            return Some(w.to_string());
        }
    }
    // Before: "the total number in the county to 18", "the county total to
    // 20"; a place that says where the event was ("a quake in Yunnan
    // province that killed 381") is no scope of the count.
    let counted = |k: usize| {
        k > 0
            && (matches!(
                words[k - 1],
                "total" | "number" | "count" | "tally" | "toll" | "figure"
            ) || cues.measure_words.contains_key(words[k - 1]))
    };
    for k in clause.start..start {
        if let Some(p) = place_after_in(k).filter(|_| counted(k)) {
            return Some(p);
        }
        let total = words
            .get(k + 1)
            .is_some_and(|w| matches!(*w, "total" | "tally" | "count"));
        if total && cues.scope_places.contains(words[k]) && k > 0 && words[k - 1] == "the" {
            return Some(words[k].to_string());
        }
    }
    None
}

/// "2.95 billion euro ($3.5 billion)": an amount in parentheses right after
/// an amount in another currency.
fn is_conversion(
    toks: &[Token],
    words: &[&str],
    start: usize,
    end: usize,
    unit: &str,
    cues: &Cues,
) -> bool {
    let money = |u: &str| {
        cues.currency_words.values().any(|c| c == u)
            || cues.currency_symbols.values().any(|c| c == u)
    };
    let _ = end;
    // "($3.5 billion)", "(US$3.45 billion)"
    let Some(open) = (start.saturating_sub(2)..start).find(|&k| toks[k].is_symbol('(')) else {
        return false;
    };
    if !money(unit) {
        return false;
    }
    // Another currency's word or symbol just before the parenthesis.
    (open.saturating_sub(4)..open).any(|k| {
        cues.currency_words
            .get(words[k])
            .is_some_and(|c| c != unit)
            || matches!(toks[k].kind, Kind::Symbol(c) if cues.currency_symbols.get(&c).is_some_and(|u| u != unit))
    })
}

/// Whether the clause marks the value as superseding an earlier one ("rose
/// to", "now", "revised") or as the earlier one ("initially", "had said").
fn time_of(words: &[&str], start: usize, end: usize, cues: &Cues) -> Option<Time> {
    let clause = clause_bounds(words, start, end, 8);
    let before = &words[clause.start..start];
    let after = &words[end..clause.end];
    // "revised from 26% to its original 25%"
    if start > 0 && words[start - 1] == "from" {
        return Some(Time::Earlier);
    }
    if cues.earlier.first_match(before).is_some() || cues.earlier.first_match(after).is_some() {
        return Some(Time::Earlier);
    }
    if cues.update.first_match(before).is_some() || cues.update.first_match(after).is_some() {
        return Some(Time::Later);
    }
    None
}

/// Up to `reach` tokens either side of a phrase, not crossing punctuation or a
/// word that starts another clause ("1.6 trillion parameters but activates
/// ..." keeps "activates" away from the total).
fn clause_window(words: &[&str], start: usize, end: usize, reach: usize) -> Vec<String> {
    let breaks = |w: &str| {
        matches!(
            w,
            "but" | "while" | "whereas" | "and" | "which" | "versus" | "vs"
        ) || (w.chars().count() == 1 && !w.chars().all(char::is_alphanumeric) && w != "-")
    };
    let mut from = start;
    while from > start.saturating_sub(reach) && !breaks(words[from - 1]) {
        from -= 1;
    }
    let mut to = end;
    while to < (end + reach).min(words.len()) && !breaks(words[to]) {
        to += 1;
    }
    join_hyphenated(&words[from..to])
}

/// "open", "-", "sourced" -> "open-sourced", so cue words with hyphens match.
fn join_hyphenated(words: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut glue = false;
    for w in words {
        if *w == "-" {
            glue = !out.is_empty();
            continue;
        }
        match out.last_mut() {
            Some(last) if glue => {
                last.push('-');
                last.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
        glue = false;
    }
    out
}

/// "30% MFU", "97% effective training rate": a percentage is named by the
/// words after it, so different percentages of one subject stay apart.
fn percent_of(quantity: &str, words: &[&str], start: usize, end: usize, cues: &Cues) -> String {
    let measure: Vec<&str> = words[end..]
        .iter()
        .take(3)
        .take_while(|w| w.chars().all(|c| c.is_alphanumeric()) && !cues.is_unit_stop(w))
        .copied()
        .collect();
    if let Some(noun) = measure.is_empty().then(|| stood_at(words, start)).flatten() {
        return format!("{quantity} {noun}");
    }
    if measure.is_empty() {
        quantity.to_string()
    } else {
        format!("{quantity} {}", measure.join(" "))
    }
}

/// "Containment stood at 5%", "Unemployment was 4%": the noun that opens
/// the sentence and a copula or "stood at" puts at the value names it (not
/// "traffic in the zone fell 22 percent": what fell is not the last word).
fn stood_at<'w>(words: &[&'w str], start: usize) -> Option<&'w str> {
    let mut k = start;
    if k > 0 && words[k - 1] == "at" {
        k -= 1;
    }
    let linked = k > 0
        && matches!(
            words[k - 1],
            "stood" | "stands" | "remained" | "remains" | "was" | "is"
        );
    if !linked {
        return None;
    }
    k -= 1;
    let noun = *words.get(k.checked_sub(1)?)?;
    let plain = noun.len() > 3 && noun.chars().all(|c| c.is_ascii_lowercase());
    let opens = k == 1 || (k == 2 && words[0] == "the");
    (plain && opens).then_some(noun)
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    /// (value, high, qualifier, unit, quantity, phrase as written)
    type Row = (f64, Option<f64>, Option<String>, String, String, String);

    fn q(s: &str) -> Vec<Row> {
        let cues = Cues::builtin();
        let toks = tokens(s);
        let lower = s.to_ascii_lowercase();
        let words = lower_words(&lower, &toks);
        quantities(s, &toks, &words, cues)
            .into_iter()
            .map(|x| {
                (
                    x.value,
                    x.high,
                    x.qualifier.clone(),
                    x.unit.clone(),
                    x.quantity.clone(),
                    s[x.range].to_string(),
                )
            })
            .collect()
    }

    /// (value, unit, quantity, scope) of every quantity in a sentence.
    fn scoped(s: &str) -> Vec<(f64, String, String, Option<String>)> {
        let toks = tokens(s);
        let lower = s.to_ascii_lowercase();
        let words = lower_words(&lower, &toks);
        quantities(s, &toks, &words, Cues::builtin())
            .into_iter()
            .map(|x| (x.value, x.unit, x.quantity, x.scope))
            .collect()
    }

    #[test]
    fn a_place_is_a_scope_of_the_count_not_of_the_event() {
        // Where the event was does not scope its toll ...
        let toll = scoped("A strong earthquake in Ridley province killed at least 212 people.");
        assert_eq!(toll[0].3, None, "{toll:?}");
        // ... where the count was does.
        let county = scoped("Health officials confirmed two more cases, bringing the total number in the county to 18.");
        assert_eq!(
            county.last().unwrap().3.as_deref(),
            Some("county"),
            "{county:?}"
        );
    }

    #[test]
    fn an_aside_after_a_dash_does_not_make_the_count_a_combined_one() {
        let aside = scoped("There have been 16 cases confirmed in the county\u{2014}including six not linked to the park.");
        assert_eq!(aside[0].3.as_deref(), Some("county"), "{aside:?}");
        let part = scoped("The fire has destroyed 212 structures, including 146 homes.");
        assert_eq!(part[0].3, None, "{part:?}");
        assert_eq!(part[1].3.as_deref(), Some("part"), "{part:?}");
        let combined =
            scoped("The company took $390 million in severance costs and other charges.");
        assert_eq!(combined[0].3.as_deref(), Some("combined"), "{combined:?}");
    }

    #[test]
    fn an_abbreviated_month_with_its_point_is_a_date() {
        let dates = scoped("People who visited the park on Dec. 17 were exposed.");
        assert!(
            dates.iter().any(|x| x.0 == 1217.0 && x.1 == "date"),
            "{dates:?}"
        );
    }

    #[test]
    fn a_date_is_named_by_the_event_further_off_than_a_count() {
        let dates = scoped(
            "All were visitors of either the north park or the south park in Arden between Dec. 15 and Dec. 20.",
        );
        assert!(
            dates.iter().any(|x| x.0 == 1215.0 && x.2 == "visit date"),
            "{dates:?}"
        );
    }

    #[test]
    fn list_items_share_the_measure_the_first_one_names() {
        let list = scoped("They include a 34% tax on imports from Freedonia, 32% on imports from Sylvania and 24% on Genovia.");
        let measures: Vec<&str> = list.iter().map(|x| x.2.as_str()).collect();
        assert_eq!(measures.len(), 3, "{list:?}");
        assert!(
            measures
                .iter()
                .all(|m| *m == measures[0] && *m != "percent"),
            "{list:?}"
        );
        // A noun of its own is another unit, not the one before it.
        let converted = scoped("The fire had burned 4,200 acres (1,700 hectares) by Tuesday.");
        assert!(
            converted.iter().all(|x| x.0 != 1700.0 || x.1 != "acres"),
            "{converted:?}"
        );
    }

    #[test]
    fn reads_the_forms_articles_use() {
        let r = q("a 1.6-trillion-parameter model trained on 50,000 Chinese AI chips");
        assert_eq!(r[0].0, 1.6e12);
        assert_eq!(r[0].3, "parameters");
        assert_eq!(r[1].0, 50_000.0);
        assert_eq!(r[1].3, "chips");
        assert_eq!(r[1].5, "50,000 Chinese AI chips");

        let r = q("It took fifty thousand of them: fifty thousand accelerator cards.");
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].0, r[0].3.as_str()), (50_000.0, "chips"));

        let r = q("it activates roughly 33 billion to 56 billion per token");
        assert_eq!(r.len(), 0, "no unit: {r:?}");

        let r = q("totals 1.6 trillion parameters but activates roughly 33 billion to 56 billion parameters per token");
        assert_eq!(r[1].0, 33e9);
        assert_eq!(r[1].1, Some(56e9));
        assert_eq!(r[1].2.as_deref(), Some("roughly"));
        assert_eq!(r[1].4, "active parameters");
    }

    #[test]
    fn keeps_qualifiers_money_percent_and_ranges() {
        let r = q("The model ingested over 35 trillion tokens during pre-training.");
        assert_eq!(
            (r[0].0, r[0].2.as_deref(), r[0].4.as_str()),
            (35e12, Some("over"), "training tokens")
        );

        let r = q("a cluster of ~1,000 chips");
        assert_eq!((r[0].0, r[0].2.as_deref()), (1000.0, Some("~")));

        let r = q("revenue is projected between $8 and $10 billion in 2026");
        assert_eq!((r[0].0, r[0].1, r[0].3.as_str()), (8e9, Some(10e9), "USD"));
        assert_eq!(r[0].4, "revenue");

        let r = q("a deal worth USD 2.5 billion, or EUR 2 billion");
        assert_eq!((r[0].0, r[0].3.as_str()), (2.5e9, "USD"));
        assert_eq!(r[1].3, "EUR");

        let r = q("profits up more than 4,000 percent year-on-year");
        assert_eq!(
            (r[0].0, r[0].3.as_str(), r[0].2.as_deref()),
            (4000.0, "percent", Some("more than"))
        );

        let r = q("a target of roughly 70 to 80 percent by 2030");
        assert_eq!((r[0].0, r[0].1), (70.0, Some(80.0)));

        let r = q("shipments to grow from 143,000 units in 2025 to 2.1 million by 2030");
        assert_eq!(r.len(), 2);
        assert_eq!((r[1].0, r[1].3.as_str()), (2.1e6, "units"));
    }

    #[test]
    fn skips_names_years_and_dates() {
        let r = q("GPT-5.5 and Claude Opus 4.8 and Orion-2.0 on June 30, 2026");
        assert_eq!(r.len(), 1, "only the date: {r:?}");
        assert_eq!(r[0].3, "date");
        let r = q(
            "a 59.5 on SWE-bench Pro (versus GPT-5.5's figure of 58.6), 70.8 on Terminal-Bench 2.1",
        );
        assert_eq!(r[0].4, "score on SWE-bench Pro");
        assert_eq!(
            r.last().map(|x| x.4.as_str()),
            Some("score on Terminal-Bench 2.1")
        );
        let r = q("It was open-sourced on the 30th of June; released June 30, 2026, not in May.");
        assert_eq!((r[0].0, r[0].4.as_str()), (630.0, "release date"));
        assert_eq!(r[1].0, 20260630.0);
        assert!(same_date(r[0].0, r[1].0));
        assert_eq!(r.len(), 2);
        let r = q("a one-million-token context window and 2.1x lower cost");
        assert_eq!((r[0].0, r[0].4.as_str()), (1e6, "context window"));
        assert_eq!(r[1].3, "times");
    }
}
