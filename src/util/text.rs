//! Text helpers shared by the stages: matching-normalisation, shortening.

use unicode_normalization::UnicodeNormalization;

/// Folds the differences a quote may have from its source without changing
/// its meaning: Unicode compatibility forms (NFKC, which also turns `…` into
/// `...`), curly vs straight quotes, dash kinds, soft hyphens, whitespace and
/// line breaks, letter case.
pub fn normalize_for_match(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkc() {
        let c = match c {
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => continue,
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => '-',
            c if c.is_whitespace() => {
                pending_space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// Whether `c` would act on a terminal rather than show: control
/// characters other than newline and tab (ESC, BEL, NUL, C1 controls, DEL).
fn acts_on_terminal(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Text from articles, briefs and templates as it may reach a terminal:
/// every control character other than newline and tab written out as a
/// visible escape (`\u{1b}`), so a seed cannot move the cursor, recolour
/// or retitle the terminal.
pub fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts_on_terminal(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Like [`for_terminal`] but keeping every byte offset: each control
/// character becomes as many `?` as it has bytes (for source snippets that
/// problems point into by byte range).
pub(crate) fn for_terminal_same_offsets(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if acts_on_terminal(c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Month names, lower-case, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, lower-case, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month (1-12) a lower-case word names, in full or abbreviated
/// ("mar", "sept").
pub fn month_number(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|m| {
            *m == word
                || (word.len() == 3 && m.starts_with(word))
                || (word == "sept" && *m == "september")
        })
        .map(|i| i as u32 + 1)
}

/// Whether a lower-case word names a weekday, in full or abbreviated
/// ("mon", "tues").
pub fn is_weekday(word: &str) -> bool {
    word.len() >= 3 && WEEKDAYS.iter().any(|d| d.starts_with(word))
}

#[cfg(test)]
mod terminal_tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(for_terminal("a\u{1b}[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        assert_eq!(for_terminal("line\n\tnext"), "line\n\tnext");
        let same = for_terminal_same_offsets("x\u{0}\u{85}y");
        assert_eq!(same, "x???y");
        assert_eq!(same.len(), "x\u{0}\u{85}y".len());
    }
}
