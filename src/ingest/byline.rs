//! Metadata written into a page's text: date lines ("Posted at 9:55 PM, Jan
//! 20, 2015"), bylines ("By Name Surname, Staff"), and the homegrown kind
//! that holds both ("July 2, 2026 Name Surname ~10 min read").

use chrono::NaiveDate;

/// Words a date line may hold besides the date, times and time zones.
const DATE_WORDS: &[&str] = &[
    "posted",
    "published",
    "updated",
    "last",
    "first",
    "modified",
    "and",
    "on",
    "at",
    "|",
    "·",
    "-",
    "—",
    "min",
    "mins",
    "read",
    "reading",
    "time",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "est",
    "edt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "pst",
    "pdt",
    "et",
    "pt",
    "kst",
    "jst",
    "ist",
    "hkt",
    "sgt",
    "aest",
    "local",
    "time:",
    "date",
    "by",
];

/// Prefixes that introduce an author's name.
const BYLINE_PREFIXES: &[&str] = &["by ", "words by ", "written by ", "story by ", "text by "];

/// Lower-case words that may stand inside a name.
const NAME_PARTICLES: &[&str] = &[
    "and", "de", "van", "von", "der", "da", "del", "la", "le", "al", "bin", "du", "dos",
];

/// Labels that follow a name on an author's photo ("Name Surname Image").
const PHOTO_WORDS: &[&str] = &["image", "photo", "headshot", "avatar", "picture"];

/// A date line: its date, whether it is an update, and whether it ends in
/// "By" with the name on the next line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateLine {
    pub date: NaiveDate,
    pub updated: bool,
    pub by_follows: bool,
}

fn tokens(line: &str) -> Vec<String> {
    line.split_whitespace()
        .map(|t| {
            t.trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')' | ',' | ';'))
                .trim_end_matches('.')
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

fn month(token: &str) -> Option<u32> {
    crate::util::text::month_number(token.trim_end_matches(':'))
}

fn is_time(token: &str) -> bool {
    let t = token.trim_end_matches(['a', 'p', 'm']);
    let mut parts = t.split(':');
    let hour = parts.next().and_then(|h| h.parse::<u32>().ok());
    let minute = parts.next().map(|m| m.get(..2).unwrap_or(m));
    hour.is_some_and(|h| h <= 24) && minute.is_some_and(|m| m.parse::<u32>().is_ok())
}

fn iso_date(token: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(token.get(..10)?, "%Y-%m-%d").ok()
}

/// The date of a token run such as "jan 20 2015", "03 apr 2025".
fn date_at(tokens: &[String], i: usize) -> Option<NaiveDate> {
    let m = month(&tokens[i])?;
    let num = |j: usize| tokens.get(j).and_then(|t| t.parse::<i32>().ok());
    let (day, year) = match (i.checked_sub(1).and_then(num), num(i + 1), num(i + 2)) {
        (_, Some(d), Some(y)) if d <= 31 && y > 1900 => (d, y),
        (Some(d), Some(y), _) if d <= 31 && y > 1900 => (d, y),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, m, day as u32)
}

/// A line that holds a date and nothing else but times, zones and words
/// such as "Posted", "last updated", "min read".
pub(crate) fn date_line(line: &str) -> Option<DateLine> {
    let tokens = tokens(line);
    if tokens.is_empty() || tokens.len() > 14 {
        return None;
    }
    let mut date = None;
    for (i, t) in tokens.iter().enumerate() {
        let found = iso_date(t).or_else(|| date_at(&tokens, i));
        date = date.or(found);
        let known = found.is_some()
            || month(t).is_some()
            || crate::util::text::WEEKDAYS.contains(&t.as_str())
            || DATE_WORDS.contains(&t.trim_end_matches(':'))
            || t.parse::<u32>().is_ok()
            || t.trim_start_matches('~').parse::<u32>().is_ok()
            || is_time(t)
            || t.starts_with(['+', '-']) && t[1..].chars().all(|c| c.is_ascii_digit() || c == ':');
        if !known {
            return None;
        }
    }
    let date = date?;
    Some(DateLine {
        date,
        updated: tokens.iter().any(|t| t == "updated" || t == "modified")
            && !tokens
                .iter()
                .any(|t| t.starts_with("posted") || t.starts_with("published")),
        by_follows: tokens.last().is_some_and(|t| t == "by"),
    })
}

/// A person's name: two to six capitalised words (particles allowed), no
/// digits; all-capital names come back in title case.
pub(crate) fn person_name(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches(['.', ',']);
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '\u{2019}'))
    };
    let ok = (2..=6).contains(&words.len())
        && words.first().is_some_and(capitalised)
        && words.last().is_some_and(capitalised)
        && words
            .iter()
            .all(|w| capitalised(w) || NAME_PARTICLES.contains(w));
    ok.then(|| {
        words
            .iter()
            .map(|w| {
                if w.chars().any(char::is_lowercase) {
                    w.to_string()
                } else {
                    title_case(w)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn title_case(word: &str) -> String {
    let mut out = String::new();
    let mut start = true;
    for c in word.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, '-' | '\'' | '\u{2019}');
    }
    out
}

/// A byline: "By Name Surname", "BY NAME SURNAME [email]", "Words by Name,
/// Staff Writer". Returns the author's name.
pub(crate) fn byline(line: &str) -> Option<String> {
    let trimmed = line.trim();
    let lower = trimmed.to_lowercase();
    let prefix = BYLINE_PREFIXES.iter().find(|p| lower.starts_with(*p))?;
    let rest = &trimmed[prefix.len()..];
    let end = rest
        .find([',', '|', '[', '(', '·', ';', '<'])
        .or_else(|| rest.find(" - "))
        .or_else(|| rest.find(" \u{2014} "))
        .unwrap_or(rest.len());
    if super::furniture::word_count(trimmed) > 12 {
        return None;
    }
    person_name(&rest[..end])
}

/// "Name Surname Image": the label of an author's photo; returns the name.
pub(crate) fn author_photo(line: &str) -> Option<String> {
    let (name, label) = line.trim().rsplit_once(' ')?;
    PHOTO_WORDS
        .contains(&label.to_lowercase().as_str())
        .then(|| person_name(name))
        .flatten()
}

/// A dateline such as "July 2, 2026 Name Surname ~10 min read Tags": its
/// date, and the byline between the date and the reading time.
pub(crate) fn dateline(line: &str) -> Option<(NaiveDate, Option<String>)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() > 14 || !line.contains("min read") {
        return None;
    }
    for i in 0..words.len().saturating_sub(2) {
        let candidate = format!("{} {} {}", words[i], words[i + 1], words[i + 2]);
        let date = NaiveDate::parse_from_str(&candidate, "%B %d, %Y")
            .or_else(|_| NaiveDate::parse_from_str(&candidate, "%d %B %Y"))
            .ok();
        if let Some(date) = date {
            let rest = &words[i + 3..];
            let until = rest
                .iter()
                .position(|w| w.trim_start_matches('~').parse::<u32>().is_ok())
                .unwrap_or(rest.len());
            let name = &rest[..until];
            let author = (2..=3).contains(&name.len())
                && name.iter().all(|w| w.starts_with(char::is_uppercase));
            return Some((date, author.then(|| name.join(" "))));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(line: &str) -> Option<NaiveDate> {
        date_line(line).map(|d| d.date)
    }

    #[test]
    fn date_lines_of_many_shapes() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(date("Posted at 9:55 PM, Jan 20, 2015"), d(2015, 1, 20));
        assert_eq!(
            date("and last updated 2015-01-21 07:43:59-05"),
            d(2015, 1, 21)
        );
        assert_eq!(date("Published: 03 Apr. 2025, 16:03"), d(2025, 4, 3));
        assert_eq!(date("Wednesday, January 21, 2015"), d(2015, 1, 21));
        assert_eq!(date("Posted Jan 21, 2015 2:14 AM CST"), d(2015, 1, 21));
        assert_eq!(date("Updated 14 March 2027, 06:12 GMT"), d(2027, 3, 14));
        assert_eq!(date("Published 2 June 2027 | 8 min read"), d(2027, 6, 2));
        let by = date_line("[September 06, 2025] By").unwrap();
        assert!(by.by_follows && by.date == d(2025, 9, 6).unwrap());
        assert!(
            date_line("and last updated 2015-01-21 07:43:59-05")
                .unwrap()
                .updated
        );
        for sentence in [
            "By late Monday, 398 people were reported dead",
            "August 3, 2014Chinese officials announced overnight",
            "The ban starts on May 1, 2026 for all shops.",
            "May",
        ] {
            assert_eq!(date(sentence), None, "{sentence}");
        }
    }

    #[test]
    fn bylines_give_names_and_sentences_do_not() {
        assert_eq!(
            byline("By Rob Quinn,  Newser Staff").as_deref(),
            Some("Rob Quinn")
        );
        assert_eq!(
            byline("BY ANNA LEE-PARK [anna@example.org]").as_deref(),
            Some("Anna Lee-Park")
        );
        assert_eq!(byline("Words by Lena Marsh").as_deref(), Some("Lena Marsh"));
        assert_eq!(
            byline("By late Monday, 398 people were reported dead"),
            None
        );
        assert_eq!(byline("By 2030 the plant will close."), None);
        assert_eq!(
            author_photo("Name Surname Image").as_deref(),
            Some("Name Surname")
        );
        assert_eq!(author_photo("Getty Images"), None);
    }
}
