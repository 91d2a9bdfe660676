//! Quote matching on token boundaries: is a quote, as printed, in its source?
//!
//! A source is indexed once ([`SourceIndex::new`]); each quote is then looked
//! up with [`SourceIndex::find`] in time that grows with the quote and with
//! how often its words occur, not with the size of the source.
//!
//! The rules:
//! - **Normalisation** (source and quote alike): curly and straight quote
//!   marks are the same, as are all dash kinds; whitespace and line breaks
//!   only separate tokens; soft hyphens and zero-width characters are
//!   ignored; letters are compared in canonical composition (NFC). There is
//!   no compatibility folding: `1²`, `½` and `ﬁ` stay distinct from `12`,
//!   `1/2` and `fi`.
//! - **Tokens**: a word or number is a run of letters and digits, kept
//!   whole across an apostrophe or hyphen between two of them (`didn't`,
//!   `state-of-the-art`) and across `.` or `,` between two digits (`1.6`,
//!   `150,000`); every other character is a punctuation token of its own
//!   (`$12` is `$` and `12`).
//! - **Match**: a quote matches only as a run of whole tokens within one
//!   paragraph; case must be the same except for the quote's first letter.
//!   A quote with no letter or digit never matches; one of fewer than three
//!   words matches only when it is a whole sentence of the source.
//! - **Elisions**: `...`, `…` (and `[...]`, `[…]`) separate parts that must
//!   each match on token boundaries, in source order, in one paragraph.
//!   Paragraphs end at a line that is empty or whitespace-only.
//! - **Meaning**: a match reports a [`MeaningShift`] when one of the three
//!   words before it in its sentence negates or hedges it (`not`, `no`,
//!   `never`, `...n't`, `denied`, `may`, `if`, ...), or when an elision drops
//!   such a word.
//! - **Misses**: a quote not found gets the closest passage of the source,
//!   found through the same token index (best windows by shared rare words,
//!   then an edit-distance alignment of a few regions).

use std::ops::Range;

use rustc_hash::FxHashMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Quotes with fewer words than this must be a whole sentence.
pub(crate) const MIN_WORDS: usize = 3;

/// How many words before a quote are searched for a negation or hedge.
const CUE_WINDOW: usize = 3;

/// Quote tokens considered for the closest-passage hint.
const MAX_HINT_TOKENS: usize = 150;

/// Regions of the source aligned with a quote for the closest-passage hint.
const HINT_REGIONS: usize = 6;

/// Occurrences of the quote's rarest words scanned for the hint's windows...
const HINT_HITS: usize = 20_000;

/// ...but at least this many words, however common.
const HINT_WORDS: usize = 4;

/// Where a quote was found: one byte range of the source per part (a quote
/// without elision has one part), and what its context does to its meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteMatch {
    /// Byte ranges in the indexed text, in order, one per elision-separated part.
    pub parts: Vec<Range<usize>>,
    /// Negations and hedges the quote leaves out (empty when none).
    pub shifts: Vec<MeaningShift>,
}

impl QuoteMatch {
    /// From the start of the first part to the end of the last.
    pub(crate) fn span(&self) -> Range<usize> {
        let start = self.parts.first().map_or(0, |p| p.start);
        let end = self.parts.last().map_or(0, |p| p.end);
        start..end
    }
}

/// A word of the source that changes what a matched quote means.
#[derive(Debug, Clone, PartialEq)]
pub struct MeaningShift {
    pub kind: ShiftKind,
    pub place: ShiftPlace,
    /// The word as written in the source (`not`, `didn't`, `may`).
    pub cue: String,
    /// Byte range of the cue word in the indexed text.
    pub cue_span: Range<usize>,
    /// The source passage to show: from the word before the cue to the end
    /// of the quote (before), or the whole elided span with the dropped words.
    pub passage: Range<usize>,
    /// That passage as written, whitespace collapsed.
    pub passage_text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShiftKind {
    /// `not`, `no`, `never`, `nor`, `cannot`, `...n't`, `denied`, ...
    Negation,
    /// `may`, `might`, `if`, `unless`, `whether`.
    Hedge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShiftPlace {
    /// Among the words right before the quote, in its sentence.
    Before,
    /// Among the words an elision (`...`) leaves out.
    Elided,
}

/// Why a quote is not verified.
#[derive(Debug, Clone, PartialEq)]
pub enum QuoteMiss {
    /// The quote has no letter or digit (`"."`, `"..."`, `""`).
    NoWords,
    /// Fewer than [`MIN_WORDS`] words and not a whole sentence of the source;
    /// `found` is where it occurs as tokens, if it does.
    TooShort {
        words: usize,
        found: Option<Range<usize>>,
    },
    /// The quote's tokens (or each part of an elided quote, in order) are in
    /// the source, but not within one paragraph.
    AcrossParagraphs { parts: Vec<Range<usize>> },
    /// Not in the source on token boundaries.
    NotFound { closest: Option<Passage> },
}

/// The passage of a source most like a quote that was not found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Byte range in the indexed text.
    pub range: Range<usize>,
    /// The passage as written in the source, whitespace collapsed.
    pub text: String,
    /// 0.0 ..= 1.0: normalised Levenshtein similarity of the normalised
    /// token texts (case-sensitive).
    pub similarity: f64,
    /// The passage has the quote's tokens, but letter case differs.
    pub same_ignoring_case: bool,
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Punct,
}

/// Characters that are not there for matching (soft hyphen, zero-width
/// spaces and joiners, byte-order mark).
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// One form per kind of quote mark and dash; everything else unchanged.
fn fold_mark(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        c => c,
    }
}

/// Whether `c`, between `prev` (the last character of a word) and `next`,
/// keeps the word whole: `didn't`, `long-term`, `1.6`, `150,000`.
fn joins(prev: char, c: char, next: Option<char>) -> bool {
    let Some(next) = next else { return false };
    match c {
        '\'' | '\u{2019}' | '\u{02BC}' | '-' | '\u{2010}' | '\u{2011}' => is_word_char(next),
        '.' | ',' => prev.is_numeric() && next.is_numeric(),
        _ => false,
    }
}

/// The token being read and where it goes.
struct Tokenizer<F> {
    emit: F,
    word: String,
    word_range: Option<Range<usize>>,
    /// The last letter or digit of the word being read.
    last: char,
    para: u32,
    any_token: bool,
    /// A blank line came since the last token.
    pending_break: bool,
}

impl<F: FnMut(Range<usize>, &str, Kind, u32)> Tokenizer<F> {
    fn push_word_char(&mut self, c: char, range: Range<usize>) {
        self.word.push(c);
        self.last = c;
        self.word_range = Some(
            self.word_range
                .take()
                .map_or(range.clone(), |r| r.start..range.end),
        );
    }

    fn flush(&mut self, kind: Kind) {
        let Some(range) = self.word_range.take() else {
            return;
        };
        if self.pending_break && self.any_token {
            self.para += 1;
        }
        self.pending_break = false;
        self.any_token = true;
        if !self.word.is_ascii() {
            self.word = self.word.nfc().collect();
        }
        (self.emit)(range, &self.word, kind, self.para);
        self.word.clear();
    }

    fn punct(&mut self, c: char, range: Range<usize>) {
        self.flush(Kind::Word);
        self.word.push(fold_mark(c));
        self.word_range = Some(range);
        self.flush(Kind::Punct);
    }
}

/// Splits `text` into tokens, calling `emit(range, normalised text, kind,
/// paragraph)` for each. Paragraph numbers count up from 0 and change after
/// a line that is empty or whitespace-only.
fn tokenize(text: &str, emit: impl FnMut(Range<usize>, &str, Kind, u32)) {
    let mut t = Tokenizer {
        emit,
        word: String::new(),
        word_range: None,
        last: ' ',
        para: 0,
        any_token: false,
        pending_break: false,
    };
    let mut line_has_content = false;
    for (i, c) in text.char_indices() {
        if is_ignorable(c) {
            continue;
        }
        if c.is_whitespace() {
            t.flush(Kind::Word);
            if c == '\n' {
                t.pending_break |= !line_has_content;
                line_has_content = false;
            }
            continue;
        }
        line_has_content = true;
        let end = i + c.len_utf8();
        if is_word_char(c) {
            t.push_word_char(c, i..end);
        } else if t.word_range.is_some() && joins(t.last, c, text[end..].chars().next()) {
            t.word.push(fold_mark(c));
        } else {
            t.punct(c, i..end);
        }
    }
    t.flush(Kind::Word);
}

/// Equal, or equal but for the case of the first letter.
fn same_but_first_case(quote: &str, source: &str) -> bool {
    let (mut q, mut s) = (quote.chars(), source.chars());
    match (q.next(), s.next()) {
        (Some(a), Some(b)) => {
            (a == b || a.to_lowercase().eq(b.to_lowercase())) && q.as_str() == s.as_str()
        }
        _ => quote == source,
    }
}

/// Interned token texts; each text knows the id of its lowercase form.
#[derive(Debug, Default)]
struct Interner {
    ids: FxHashMap<Box<str>, u32>,
    texts: Vec<Box<str>>,
    folded: Vec<u32>,
}

impl Interner {
    fn get(&self, text: &str) -> Option<u32> {
        self.ids.get(text).copied()
    }

    fn insert(&mut self, text: &str, folded: Option<u32>) -> u32 {
        let id = u32::try_from(self.texts.len()).expect("fewer than 2^32 distinct tokens");
        self.ids.insert(text.into(), id);
        self.texts.push(text.into());
        self.folded.push(folded.unwrap_or(id));
        id
    }

    /// The id of `text` and of its lowercase form.
    fn intern(&mut self, text: &str) -> (u32, u32) {
        if let Some(id) = self.get(text) {
            return (id, self.folded[id as usize]);
        }
        let lower = text.to_lowercase();
        if lower == text {
            let id = self.insert(text, None);
            return (id, id);
        }
        let folded = match self.get(&lower) {
            Some(f) => f,
            None => self.insert(&lower, None),
        };
        (self.insert(text, Some(folded)), folded)
    }

    fn text(&self, id: u32) -> &str {
        &self.texts[id as usize]
    }
}

#[derive(Debug, Clone)]
struct Token {
    range: Range<usize>,
    id: u32,
    folded: u32,
    para: u32,
    kind: Kind,
}

/// A source text ready for quote lookups: its tokens, paragraphs and, for
/// every distinct lowercase token, where it occurs.
#[derive(Debug)]
pub struct SourceIndex<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    /// Index of the first token of each paragraph.
    para_starts: Vec<usize>,
    strings: Interner,
    /// Token positions by lowercase token id (empty for ids that are not lowercase).
    postings: Vec<Vec<u32>>,
}

/// A quote's token, normalised like the source's.
#[derive(Debug, Clone)]
struct QuoteToken {
    text: String,
    folded: String,
    kind: Kind,
}

/// A quote split at its elisions and tokenised.
#[derive(Debug)]
struct Quote {
    parts: Vec<Vec<QuoteToken>>,
    words: usize,
    /// (part, token) of the first word: its first letter may differ in case.
    first_word: Option<(usize, usize)>,
}

/// Length in bytes of an elision marker at the start of `s`, or 0.
fn elision_at(s: &str) -> usize {
    if let Some(rest) = s.strip_prefix('[') {
        let inner = dots_at(rest);
        if inner > 0 && rest[inner..].starts_with(']') {
            return inner + 2;
        }
    }
    dots_at(s)
}

/// Length of a run of `.` and `…` at the start of `s` worth at least three dots.
fn dots_at(s: &str) -> usize {
    let mut len = 0;
    let mut dots = 0;
    for c in s.chars() {
        match c {
            '.' => dots += 1,
            '…' => dots += 3,
            _ => break,
        }
        len += c.len_utf8();
    }
    if dots >= 3 {
        len
    } else {
        0
    }
}

fn split_elisions(quote: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < quote.len() {
        let marker = elision_at(&quote[i..]);
        if marker > 0 {
            parts.push(&quote[start..i]);
            i += marker;
            start = i;
        } else {
            i += quote[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    parts.push(&quote[start..]);
    parts
}

impl Quote {
    fn parse(quote: &str) -> Quote {
        let mut parts = Vec::new();
        for fragment in split_elisions(quote) {
            let mut tokens = Vec::new();
            tokenize(fragment, |_, text, kind, _| {
                tokens.push(QuoteToken {
                    text: text.to_string(),
                    folded: text.to_lowercase(),
                    kind,
                })
            });
            if !tokens.is_empty() {
                parts.push(tokens);
            }
        }
        let words = parts
            .iter()
            .flatten()
            .filter(|t| t.kind == Kind::Word)
            .count();
        let first_word = parts.iter().enumerate().find_map(|(p, tokens)| {
            tokens
                .iter()
                .position(|t| t.kind == Kind::Word)
                .map(|t| (p, t))
        });
        Quote {
            parts,
            words,
            first_word,
        }
    }
}

fn cue_kind(folded: &str) -> Option<ShiftKind> {
    match folded {
        "not" | "no" | "never" | "nor" | "neither" | "cannot" | "deny" | "denies" | "denied"
        | "denying" => Some(ShiftKind::Negation),
        "may" | "might" | "if" | "unless" | "whether" => Some(ShiftKind::Hedge),
        w if w.ends_with("n't") => Some(ShiftKind::Negation),
        _ => None,
    }
}

fn ends_sentence(text: &str) -> bool {
    matches!(text, "." | "!" | "?" | "…")
}

fn opens(text: &str) -> bool {
    matches!(text, "\"" | "'" | "(" | "[")
}

fn closes(text: &str) -> bool {
    matches!(text, "\"" | "'" | ")" | "]")
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl<'t> SourceIndex<'t> {
    /// Tokenises and indexes `text` (linear in its length).
    pub fn new(text: &'t str) -> SourceIndex<'t> {
        let mut strings = Interner::default();
        let mut tokens = Vec::with_capacity(text.len() / 5);
        tokenize(text, |range, t, kind, para| {
            let (id, folded) = strings.intern(t);
            tokens.push(Token {
                range,
                id,
                folded,
                para,
                kind,
            });
        });
        let mut postings = vec![Vec::new(); strings.texts.len()];
        let mut para_starts = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            postings[t.folded as usize].push(i as u32);
            if para_starts.len() <= t.para as usize {
                para_starts.push(i);
            }
        }
        SourceIndex {
            text,
            tokens,
            para_starts,
            strings,
            postings,
        }
    }

    /// Looks `quote` up under the rules of this module.
    pub fn find(&self, quote: &str) -> Result<QuoteMatch, QuoteMiss> {
        let q = Quote::parse(quote);
        if q.words == 0 {
            return Err(QuoteMiss::NoWords);
        }
        let occurrences: Vec<Vec<usize>> = (0..q.parts.len())
            .map(|p| self.occurrences(&q, p, true))
            .collect();
        if q.words < MIN_WORDS {
            return self.find_short(&q, &occurrences);
        }
        let chains = self.chains(&q, &occurrences, true);
        if let Some(found) = self.best(&q, chains) {
            return Ok(found);
        }
        if let Some(parts) = self.across_paragraphs(&q) {
            return Err(QuoteMiss::AcrossParagraphs { parts });
        }
        Err(QuoteMiss::NotFound {
            closest: self.closest(&q),
        })
    }

    /// The passage of the source most like `quote` (whether or not it matches).
    pub fn closest_passage(&self, quote: &str) -> Option<Passage> {
        self.closest(&Quote::parse(quote))
    }

    /// A quote of fewer than [`MIN_WORDS`] words passes only as a whole sentence.
    fn find_short(&self, q: &Quote, occurrences: &[Vec<usize>]) -> Result<QuoteMatch, QuoteMiss> {
        if q.parts.len() == 1 {
            let len = q.parts[0].len();
            if let Some(&s) = occurrences[0]
                .iter()
                .find(|&&s| self.is_whole_sentence(s, len))
            {
                return Ok(self.matched(q, &[s]));
            }
        }
        let found = self
            .chains(q, occurrences, true)
            .into_iter()
            .next()
            .map(|chain| self.matched(q, &chain).span());
        Err(QuoteMiss::TooShort {
            words: q.words,
            found,
        })
    }

    /// Where the quote would match if paragraphs did not matter.
    fn across_paragraphs(&self, q: &Quote) -> Option<Vec<Range<usize>>> {
        let occurrences: Vec<Vec<usize>> = (0..q.parts.len())
            .map(|p| self.occurrences(q, p, false))
            .collect();
        let chain = self.chains(q, &occurrences, false).into_iter().next()?;
        Some(self.part_ranges(q, &chain))
    }

    /// Start tokens where part `p` of the quote occurs (in order), within
    /// one paragraph or not.
    fn occurrences(&self, q: &Quote, p: usize, within_paragraph: bool) -> Vec<usize> {
        let part = &q.parts[p];
        let folded: Option<Vec<u32>> = part.iter().map(|t| self.strings.get(&t.folded)).collect();
        let Some(folded) = folded else {
            return Vec::new();
        };
        let (rarest, _) = folded
            .iter()
            .enumerate()
            .min_by_key(|(_, &id)| self.postings[id as usize].len())
            .expect("parts are not empty");
        let exception = q.first_word.filter(|&(fp, _)| fp == p).map(|(_, t)| t);
        self.postings[folded[rarest] as usize]
            .iter()
            .filter_map(|&pos| (pos as usize).checked_sub(rarest))
            .filter(|&start| self.matches_at(part, start, exception, within_paragraph))
            .collect()
    }

    /// Whether the quote tokens `part` are the source tokens from `start`
    /// (all in one paragraph if `within_paragraph`); the token `exception`
    /// may differ in the case of its first letter.
    fn matches_at(
        &self,
        part: &[QuoteToken],
        start: usize,
        exception: Option<usize>,
        within_paragraph: bool,
    ) -> bool {
        let Some(run) = self.tokens.get(start..start + part.len()) else {
            return false;
        };
        let para = run[0].para;
        run.iter().zip(part).enumerate().all(|(i, (s, q))| {
            let source = self.strings.text(s.id);
            (s.para == para || !within_paragraph)
                && if exception == Some(i) {
                    same_but_first_case(&q.text, source)
                } else {
                    q.text == source
                }
        })
    }

    /// For each occurrence of the first part, the earliest occurrences of the
    /// next parts after it (in one paragraph when `same_paragraph`).
    fn chains(
        &self,
        q: &Quote,
        occurrences: &[Vec<usize>],
        same_paragraph: bool,
    ) -> Vec<Vec<usize>> {
        let mut chains = Vec::new();
        'first: for &s0 in &occurrences[0] {
            let para = self.tokens[s0].para;
            let mut chain = vec![s0];
            let mut end = s0 + q.parts[0].len();
            for (p, occ) in occurrences.iter().enumerate().skip(1) {
                let at = occ.partition_point(|&s| s < end);
                match occ.get(at) {
                    Some(&s) if !same_paragraph || self.tokens[s].para == para => {
                        chain.push(s);
                        end = s + q.parts[p].len();
                    }
                    _ => continue 'first,
                }
            }
            chains.push(chain);
        }
        chains
    }

    /// The tightest chain that keeps the meaning, else the tightest.
    fn best(&self, q: &Quote, mut chains: Vec<Vec<usize>>) -> Option<QuoteMatch> {
        let last = q.parts.len() - 1;
        chains.sort_by_key(|c| (c[last] + q.parts[last].len() - c[0], c[0]));
        let mut first = None;
        for chain in chains.iter().take(64) {
            let m = self.matched(q, chain);
            if m.shifts.is_empty() {
                return Some(m);
            }
            first.get_or_insert(m);
        }
        first
    }

    fn part_ranges(&self, q: &Quote, chain: &[usize]) -> Vec<Range<usize>> {
        chain
            .iter()
            .zip(&q.parts)
            .map(|(&s, part)| self.tokens[s].range.start..self.tokens[s + part.len() - 1].range.end)
            .collect()
    }

    fn matched(&self, q: &Quote, chain: &[usize]) -> QuoteMatch {
        let parts = self.part_ranges(q, chain);
        let end = self.token_end(chain[chain.len() - 1] + q.parts[q.parts.len() - 1].len());
        let mut shifts: Vec<MeaningShift> = self.cue_before(chain[0], end).into_iter().collect();
        for (i, pair) in chain.windows(2).enumerate() {
            let gap = pair[0] + q.parts[i].len()..pair[1];
            shifts.extend(self.cues_elided(gap, parts[0].start..end));
        }
        QuoteMatch { parts, shifts }
    }

    /// Byte offset where the token before `index` ends.
    fn token_end(&self, index: usize) -> usize {
        self.tokens[index - 1].range.end
    }

    /// A negation or hedge among the few words before token `start`, in its
    /// sentence; the passage runs to byte `end`.
    fn cue_before(&self, start: usize, end: usize) -> Option<MeaningShift> {
        let para = self.tokens[start].para;
        let mut words = 0;
        let mut i = start;
        while i > 0 && words < CUE_WINDOW {
            i -= 1;
            let t = &self.tokens[i];
            let text = self.strings.text(t.id);
            if t.para != para || ends_sentence(text) {
                return None;
            }
            if t.kind != Kind::Word {
                continue;
            }
            words += 1;
            if let Some(kind) = cue_kind(self.strings.text(t.folded)) {
                let from = self.word_before(i).unwrap_or(i);
                return Some(self.shift(
                    kind,
                    ShiftPlace::Before,
                    i,
                    self.tokens[from].range.start..end,
                ));
            }
        }
        None
    }

    /// The word right before token `i` in its sentence (for "did not").
    fn word_before(&self, i: usize) -> Option<usize> {
        let prev = self.tokens.get(i.checked_sub(1)?)?;
        (prev.para == self.tokens[i].para && prev.kind == Kind::Word).then(|| i - 1)
    }

    fn cues_elided(&self, gap: Range<usize>, passage: Range<usize>) -> Vec<MeaningShift> {
        gap.filter_map(|i| {
            let t = &self.tokens[i];
            let kind = cue_kind(self.strings.text(t.folded)).filter(|_| t.kind == Kind::Word)?;
            Some(self.shift(kind, ShiftPlace::Elided, i, passage.clone()))
        })
        .collect()
    }

    fn shift(
        &self,
        kind: ShiftKind,
        place: ShiftPlace,
        cue: usize,
        passage: Range<usize>,
    ) -> MeaningShift {
        let cue_span = self.tokens[cue].range.clone();
        MeaningShift {
            kind,
            place,
            cue: self.text[cue_span.clone()].to_string(),
            cue_span,
            passage_text: collapse_whitespace(&self.text[passage.clone()]),
            passage,
        }
    }

    /// Whether tokens `start..start + len` are a sentence of their own: at
    /// a paragraph start or after a sentence end, and followed by one (or by
    /// the paragraph end); opening and closing quote marks may surround it.
    fn is_whole_sentence(&self, start: usize, len: usize) -> bool {
        let para = self.tokens[start].para;
        let text = |i: usize| self.strings.text(self.tokens[i].id);
        let in_para = |i: usize| self.tokens.get(i).is_some_and(|t| t.para == para);
        let mut before = start;
        while before > 0 && in_para(before - 1) && opens(text(before - 1)) {
            before -= 1;
        }
        let starts = before == 0 || !in_para(before - 1) || ends_sentence(text(before - 1));
        let last = start + len - 1;
        let mut after = start + len;
        while in_para(after) && closes(text(after)) {
            after += 1;
        }
        let ends = ends_sentence(text(last)) || !in_para(after) || ends_sentence(text(after));
        starts && ends
    }

    // -----------------------------------------------------------------------
    // Closest passage

    /// The passage most like a quote that was not found: the windows of the
    /// source sharing the most (rare) words with the quote are aligned with
    /// it token by token, and the best alignment wins.
    fn closest(&self, q: &Quote) -> Option<Passage> {
        let quote: Vec<&QuoteToken> = q.parts.iter().flatten().take(MAX_HINT_TOKENS).collect();
        let wanted: Vec<Option<u32>> = quote.iter().map(|t| self.strings.get(&t.folded)).collect();
        let m = wanted.len();
        let picks = self.best_windows(&wanted);
        let (start, end, _) = picks
            .into_iter()
            .filter_map(|pick| {
                let (start, end, distance) = self.align(&wanted, self.region(pick, m))?;
                let similarity = 1.0 - distance as f64 / m.max(end - start) as f64;
                Some((start, end, similarity))
            })
            .fold(None, |best: Option<(usize, usize, f64)>, c| match best {
                Some(b) if b.2 >= c.2 => Some(b),
                _ => Some(c),
            })?;
        let run = &self.tokens[start..end];
        let quote_text: Vec<&str> = quote.iter().map(|t| t.text.as_str()).collect();
        let source_text: Vec<&str> = run.iter().map(|t| self.strings.text(t.id)).collect();
        let range = run[0].range.start..run[run.len() - 1].range.end;
        Some(Passage {
            text: collapse_whitespace(&self.text[range.clone()]),
            range,
            similarity: strsim::normalized_levenshtein(
                &quote_text.join(" "),
                &source_text.join(" "),
            ),
            same_ignoring_case: wanted.len() == run.len()
                && wanted.iter().zip(run).all(|(w, t)| *w == Some(t.folded)),
        })
    }

    /// Start tokens of the few windows of the quote's length that share the
    /// most words with it, each word weighted by its rarity in the source.
    /// Only the quote's rarest words are looked at (up to [`HINT_HITS`]
    /// occurrences in all, but at least [`HINT_WORDS`] words), so the cost
    /// follows the rare words, not the size of the source.
    fn best_windows(&self, wanted: &[Option<u32>]) -> Vec<usize> {
        let n = self.tokens.len();
        let m = wanted.len();
        if m == 0 || n == 0 {
            return Vec::new();
        }
        let mut ids: Vec<u32> = wanted.iter().flatten().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        ids.sort_by_key(|&id| self.postings[id as usize].len());
        let mut budget = 0;
        let ids: Vec<u32> = ids
            .into_iter()
            .enumerate()
            .take_while(|&(i, id)| {
                budget += self.postings[id as usize].len();
                i < HINT_WORDS || budget <= HINT_HITS
            })
            .map(|(_, id)| id)
            .collect();
        let mut hits: Vec<(u32, f32)> = Vec::new();
        for id in ids {
            let positions = &self.postings[id as usize];
            let weight = (1.0 + n as f32 / positions.len() as f32).ln();
            hits.extend(positions.iter().map(|&p| (p, weight)));
        }
        hits.sort_unstable_by_key(|h| h.0);
        let mut scored = Vec::with_capacity(hits.len());
        let (mut j, mut sum) = (0, 0.0f32);
        for (i, &(start, _)) in hits.iter().enumerate() {
            while j < hits.len() && (hits[j].0 as usize) < start as usize + m {
                sum += hits[j].1;
                j += 1;
            }
            scored.push((sum, start as usize));
            sum -= hits[i].1;
        }
        scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut picks: Vec<usize> = Vec::new();
        for (_, start) in scored {
            if picks.iter().all(|p| p.abs_diff(start) >= m.div_ceil(2)) {
                picks.push(start);
                if picks.len() == HINT_REGIONS {
                    break;
                }
            }
        }
        picks
    }

    /// Tokens around a window start worth aligning with a quote of `m`
    /// tokens, within the window's paragraph.
    fn region(&self, pick: usize, m: usize) -> Range<usize> {
        let para = self.tokens[pick].para as usize;
        let para_start = self.para_starts[para];
        let para_end = self
            .para_starts
            .get(para + 1)
            .copied()
            .unwrap_or(self.tokens.len());
        pick.saturating_sub(m / 2).max(para_start)..(pick + m + m / 2 + 1).min(para_end)
    }

    /// The run of `region` closest to `wanted` in token edit distance
    /// (free start and end in the region): `(start, end, distance)`.
    fn align(&self, wanted: &[Option<u32>], region: Range<usize>) -> Option<(usize, usize, usize)> {
        let src = &self.tokens[region.clone()];
        let r = src.len();
        let mut cost: Vec<usize> = vec![0; r + 1];
        let mut from: Vec<usize> = (0..=r).collect();
        let (mut next_cost, mut next_from) = (vec![0; r + 1], vec![0; r + 1]);
        for (i, w) in wanted.iter().enumerate() {
            next_cost[0] = i + 1;
            next_from[0] = 0;
            for j in 1..=r {
                let substitute = cost[j - 1] + usize::from(*w != Some(src[j - 1].folded));
                let skip_quote = cost[j] + 1;
                let skip_source = next_cost[j - 1] + 1;
                (next_cost[j], next_from[j]) =
                    if substitute <= skip_quote && substitute <= skip_source {
                        (substitute, from[j - 1])
                    } else if skip_quote <= skip_source {
                        (skip_quote, from[j])
                    } else {
                        (skip_source, next_from[j - 1])
                    };
            }
            std::mem::swap(&mut cost, &mut next_cost);
            std::mem::swap(&mut from, &mut next_from);
        }
        (1..=r)
            .filter(|&j| from[j] < j)
            .min_by_key(|&j| (cost[j], std::cmp::Reverse(j)))
            .map(|j| (region.start + from[j], region.start + j, cost[j]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(text, |_, t, _, _| out.push(t.to_string()));
        out
    }

    fn found(source: &str, quote: &str) -> QuoteMatch {
        SourceIndex::new(source)
            .find(quote)
            .unwrap_or_else(|miss| panic!("{quote:?} not found: {miss:?}"))
    }

    fn missed(source: &str, quote: &str) -> QuoteMiss {
        match SourceIndex::new(source).find(quote) {
            Ok(m) => panic!("{quote:?} matched: {m:?}"),
            Err(miss) => miss,
        }
    }

    fn not_found(source: &str, quote: &str) -> Option<Passage> {
        match missed(source, quote) {
            QuoteMiss::NotFound { closest } => closest,
            other => panic!("{quote:?}: expected not found, got {other:?}"),
        }
    }

    #[test]
    fn tokens_keep_words_and_numbers_whole() {
        assert_eq!(
            tokens("It didn't: 150,000 chips, 1.6 trillion, $12 billion, 70.8%."),
            [
                "It", "didn't", ":", "150,000", "chips", ",", "1.6", "trillion", ",", "$", "12",
                "billion", ",", "70.8", "%", "."
            ]
        );
        assert_eq!(
            tokens("China\u{2019}s state-of-the-art \u{2014} x"),
            ["China's", "state-of-the-art", "-", "x"]
        );
        assert_eq!(
            tokens("trans\u{00AD}lation 1\u{00B2} \u{FB01}ne"),
            ["translation", "1\u{00B2}", "\u{FB01}ne"]
        );
    }

    #[test]
    fn tolerates_quote_marks_dashes_whitespace_and_soft_hyphens() {
        let source = "China\u{2019}s  chips \u{2014} at\nscale, \u{201C}trans\u{00AD}lated\u{201D}.\n\nOther.";
        found(source, "China's chips - at scale, \"translated\".");
        found(source, "china's chips ... scale");
        found(source, "China’s chips … scale");
        found(source, "China's chips […] scale");
        assert!(matches!(
            missed(source, "scale, \"translated\". Other"),
            QuoteMiss::AcrossParagraphs { .. }
        ));
    }

    #[test]
    fn dropped_negation_contraction_is_not_the_word() {
        let source = "There is no strong reason yet to think it didn't.";
        let closest = not_found(source, "There is no strong reason yet to think it did").unwrap();
        assert_eq!(
            closest.text,
            "There is no strong reason yet to think it didn't"
        );
        assert!(closest.similarity > 0.9, "{closest:?}");
    }

    #[test]
    fn numbers_match_only_whole() {
        let source = "The lab built 1.6 trillion parameters in total. It trained the model on \
                      150,000 chips at a cost of $12 billion and scored 70.8 on the test.";
        let closest = not_found(source, "6 trillion parameters in total").unwrap();
        assert!(closest.text.contains("1.6 trillion"), "{closest:?}");
        not_found(source, "It trained the model on 1");
        not_found(source, "at a cost of $1");
        not_found(source, "a cost of $12 bill");
        assert!(matches!(
            missed(source, "about $1"),
            QuoteMiss::TooShort { found: None, .. }
        ));
        assert!(matches!(
            missed(source, "scored 7"),
            QuoteMiss::TooShort { found: None, .. }
        ));
        found(source, "1.6 trillion parameters");
        found(source, "on 150,000 chips");
        found(source, "of $12 billion");
        found(source, "scored 70.8 on");
        found(source, "$12 billion and");
    }

    #[test]
    fn quotes_without_three_words_must_be_a_sentence() {
        let source = "It was a deal. \"No.\" Then it failed.\n\nIndeed";
        assert_eq!(
            missed(source, "a"),
            QuoteMiss::TooShort {
                words: 1,
                found: Some(7..8)
            }
        );
        assert_eq!(missed(source, "."), QuoteMiss::NoWords);
        assert_eq!(missed(source, "..."), QuoteMiss::NoWords);
        assert_eq!(missed(source, ""), QuoteMiss::NoWords);
        assert!(matches!(
            missed(source, "a deal"),
            QuoteMiss::TooShort { words: 2, .. }
        ));
        assert!(matches!(
            missed(source, "it failed"),
            QuoteMiss::TooShort { words: 2, .. }
        ));
        found(source, "Then it failed.");
        found(source, "No.");
        found(source, "Indeed");
        found(source, "It was a");
    }

    #[test]
    fn elisions_stay_in_one_paragraph() {
        let source = "The merger would be reviewed by the board.\n   \t\nIt was blocked by the courts in May.";
        let miss = missed(source, "the merger would be ... blocked by the courts");
        let QuoteMiss::AcrossParagraphs { parts } = miss else {
            panic!("{miss:?}")
        };
        assert_eq!(&source[parts[1].clone()], "blocked by the courts");
        let m = found(source, "The merger would ... by the board");
        assert_eq!(m.parts.len(), 2);
        assert_eq!(
            &source[m.span()],
            "The merger would be reviewed by the board"
        );
        // Parts keep their order and must not overlap.
        not_found(source, "by the board ... The merger would");
        not_found(source, "merger would be ... would be reviewed");
        // A quote without elision does not run across paragraphs either.
        let miss = missed(source, "by the board. It was blocked");
        let QuoteMiss::AcrossParagraphs { parts } = miss else {
            panic!("{miss:?}")
        };
        assert_eq!(
            &source[parts[0].clone()],
            "by the board.\n   \t\nIt was blocked"
        );
    }

    #[test]
    fn elided_parts_match_on_token_boundaries() {
        let source = "Officials said the 150,000 chips were domestic.";
        not_found(source, "Officials said the 150 ... chips were domestic");
        not_found(source, "Officials said ... hips were domestic");
        found(source, "Officials said ... chips were domestic");
    }

    #[test]
    fn a_negation_before_the_quote_is_reported() {
        let source = "The report does not prove that the chips were domestic.";
        let m = found(source, "prove that the chips were domestic");
        assert_eq!(m.shifts.len(), 1, "{m:?}");
        let shift = &m.shifts[0];
        assert_eq!(
            (shift.kind, shift.place),
            (ShiftKind::Negation, ShiftPlace::Before)
        );
        assert_eq!(shift.cue, "not");
        assert_eq!(
            shift.passage_text,
            "does not prove that the chips were domestic"
        );
        assert_eq!(&source[shift.cue_span.clone()], "not");
        // Three words back, across a comma.
        let m = found(
            "He denied, flatly, that the chips were domestic.",
            "that the chips were domestic",
        );
        assert_eq!(m.shifts[0].cue, "denied");
        let m = found(
            "They didn't say the chips were domestic.",
            "say the chips were domestic",
        );
        assert_eq!(m.shifts[0].cue, "didn't");
        let m = found("If so, the merger is blocked.", "the merger is blocked");
        assert_eq!(m.shifts[0].kind, ShiftKind::Hedge);
        let m = found("Officials may block the merger.", "block the merger");
        assert_eq!(m.shifts[0].cue, "may");
        // Not across a sentence end, and not when the quote carries the word.
        assert!(found(
            "They said no. The chips were domestic.",
            "The chips were domestic"
        )
        .shifts
        .is_empty());
        assert!(found(source, "does not prove that the chips")
            .shifts
            .is_empty());
    }

    #[test]
    fn an_elision_that_drops_a_negation_is_reported() {
        let source = "The merger would not be blocked by the courts, they said.";
        let m = found(source, "The merger would ... be blocked by the courts");
        assert_eq!(m.shifts.len(), 1, "{m:?}");
        let shift = &m.shifts[0];
        assert_eq!(
            (shift.kind, shift.place),
            (ShiftKind::Negation, ShiftPlace::Elided)
        );
        assert_eq!(shift.cue, "not");
        assert_eq!(
            shift.passage_text,
            "The merger would not be blocked by the courts"
        );
        // A clean occurrence is preferred to one that drops a negation.
        let source = "The merger would not be blocked. The merger would surely be blocked.";
        let m = found(source, "The merger would ... be blocked");
        assert!(m.shifts.is_empty(), "{m:?}");
    }

    #[test]
    fn no_compatibility_folding() {
        let source = "It supports 12 programming languages and the \u{FB01}nal US rules.";
        let closest = not_found(source, "1\u{00B2} programming languages");
        assert!(closest.unwrap().text.contains("12 programming"));
        not_found(source, "the final US rules");
        found(source, "the \u{FB01}nal US rules");
    }

    #[test]
    fn case_matters_except_for_the_first_letter() {
        let source = "They wrote the US rules in 2024.";
        let closest = not_found(source, "the us rules in 2024").unwrap();
        assert!(closest.same_ignoring_case, "{closest:?}");
        assert!(!matches!(
            missed(source, "us rules"),
            QuoteMiss::TooShort { found: Some(_), .. }
        ));
        found(source, "The US rules");
        found(source, "they wrote the");
        not_found(source, "They Wrote the");
    }

    #[test]
    fn closest_passage_finds_the_altered_sentence() {
        let body = "The lab said it trained the model on 20 trillion tokens.\n\n\
                    Analysts doubt the figure. Officials declined to comment on export rules.";
        let p = not_found(body, "Officials declined to comment on the export rules").unwrap();
        assert!(p.text.contains("Officials declined"), "{p:?}");
        assert!(p.similarity > 0.8, "{p:?}");
        assert_eq!(
            &body[p.range.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            &p.text
        );
        assert!(not_found(body, "completely unrelated words appear here").is_none());
    }

    #[test]
    fn closest_passage_is_fast_on_large_articles() {
        let sentence = "The quick brown fox jumps over the lazy dog near the river bank today. ";
        let mut body = sentence.repeat(1500); // ~100 KB
        body.push_str("A unique sentence about semiconductor export controls appears here.");
        let start = std::time::Instant::now();
        let index = SourceIndex::new(&body);
        let p = not_found(
            &body,
            "a unique sentence about semiconductor export control appears",
        )
        .unwrap();
        assert!(p.text.contains("semiconductor"), "{p:?}");
        assert_eq!(
            index
                .closest_passage("quick brown fox jumps over the lazy cat")
                .map(|p| p.range.start),
            Some(4)
        );
        assert!(start.elapsed().as_secs_f64() < 2.0, "{:?}", start.elapsed());
    }

    #[test]
    fn spans_are_byte_ranges_of_the_original_text() {
        let source = "Intro.\r\n\r\n“Ünïcode” — chips\u{00AD}et at 1.6 trillion.";
        let m = found(source, "\"Ünïcode\" - chipset at 1.6");
        assert_eq!(&source[m.span()], "“Ünïcode” — chips\u{00AD}et at 1.6");
    }

    /// Sentences of a few words, numbers and punctuation, with single and
    /// blank (or whitespace-only) lines between them.
    fn source_text() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "the",
            "The",
            "chips",
            "US",
            "us",
            "didn't",
            "did",
            "not",
            "may",
            "1.6",
            "6",
            "150,000",
            "150",
            "$12",
            "12",
            "1\u{00B2}",
            "70.8",
            "state-of-the-art",
            "art",
            "\u{201C}no\u{201D}",
            "trans\u{00AD}lated",
            "...",
            "\u{2026}",
            "\u{2014}",
            "-",
            ",",
            ".",
            "(x)",
            "é",
            "e\u{0301}",
        ]);
        let sep = prop::sample::select(vec![
            " ", " ", " ", " ", " ", " ", "  ", "\n", "\n\n", "\n \t\n", ". ",
        ]);
        prop::collection::vec((word, sep), 1..40).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(w, s)| format!("{w}{s}"))
                .collect::<String>()
        })
    }

    /// The source's tokens as (range, text, paragraph).
    fn source_tokens(source: &str) -> Vec<(Range<usize>, String, u32, Kind)> {
        let mut out = Vec::new();
        tokenize(source, |r, t, kind, para| {
            out.push((r, t.to_string(), para, kind))
        });
        out
    }

    /// Whether `range` is exactly a run of whole tokens, all in `para`.
    fn is_token_run(
        toks: &[(Range<usize>, String, u32, Kind)],
        range: &Range<usize>,
    ) -> Option<(usize, usize, u32)> {
        let first = toks.iter().position(|t| t.0.start == range.start)?;
        let last = toks.iter().position(|t| t.0.end == range.end)?;
        let para = toks[first].2;
        (first <= last && toks[first..=last].iter().all(|t| t.2 == para))
            .then_some((first, last, para))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]

        #[test]
        fn a_match_is_a_token_run_of_its_source(
            source in source_text(),
            other in source_text(),
            cuts in prop::collection::vec(0usize..400, 4),
            elide in any::<bool>(),
            snap in any::<bool>(),
        ) {
            // Quotes cut out of the source at any character (often inside a
            // token), sometimes two of them joined by an elision.
            let slice = |a: usize, b: usize| {
                let at = |i: usize| {
                    let mut i = i % (source.len() + 1);
                    while !source.is_char_boundary(i) {
                        i -= 1;
                    }
                    i
                };
                let (mut a, mut b) = (at(a).min(at(b)), at(a).max(at(b)));
                if snap {
                    // Half the quotes start and end at whitespace.
                    while a > 0 && !source[..a].ends_with(char::is_whitespace) {
                        a = source[..a].char_indices().last().map_or(0, |(i, _)| i);
                    }
                    while b < source.len() && !source[b..].starts_with(char::is_whitespace) {
                        b += source[b..].chars().next().map_or(1, char::len_utf8);
                    }
                }
                source[a..b].to_string()
            };
            let quote = match (elide, cuts[3] % 4) {
                (_, 0) => other.clone(),
                (false, _) => slice(cuts[0], cuts[1]),
                (true, _) => format!("{} ... {}", slice(cuts[0], cuts[1]), slice(cuts[2], cuts[3])),
            };
            let index = SourceIndex::new(&source);
            if let Ok(m) = index.find(&quote) {
                let toks = source_tokens(&source);
                let q = Quote::parse(&quote);
                prop_assert_eq!(m.parts.len(), q.parts.len());
                let mut paras = Vec::new();
                let mut previous_end = 0;
                for (range, part) in m.parts.iter().zip(&q.parts) {
                    let (first, last, para) = is_token_run(&toks, range)
                        .ok_or_else(|| TestCaseError::fail(format!("{range:?} is not a token run")))?;
                    prop_assert!(first >= previous_end);
                    previous_end = last + 1;
                    paras.push(para);
                    let texts: Vec<&str> = toks[first..=last].iter().map(|t| t.1.as_str()).collect();
                    let wanted: Vec<&str> = part.iter().map(|t| t.text.as_str()).collect();
                    prop_assert_eq!(texts.len(), wanted.len());
                    for (s, w) in texts.iter().zip(&wanted) {
                        prop_assert!(same_but_first_case(w, s), "{} vs {}", w, s);
                    }
                }
                prop_assert!(paras.windows(2).all(|p| p[0] == p[1]), "parts in paragraphs {:?}", paras);
            }
        }

        #[test]
        fn any_run_of_three_words_in_a_paragraph_matches(source in source_text(), a in 0usize..200, len in 0usize..30) {
            let toks = source_tokens(&source);
            prop_assume!(!toks.is_empty());
            let first = a % toks.len();
            let last = (first + len).min(toks.len() - 1);
            let run: Vec<_> = toks[first..=last].iter().take_while(|t| t.2 == toks[first].2).collect();
            if run.iter().filter(|t| t.3 == Kind::Word).count() < MIN_WORDS {
                return Ok(());
            }
            let quote = &source[run[0].0.start..run[run.len() - 1].0.end];
            let found = SourceIndex::new(&source).find(quote);
            prop_assert!(found.is_ok(), "{:?} from {:?}: {:?}", quote, source, found);
        }

        #[test]
        fn any_text_is_handled(source in "\\PC{0,200}", quote in "\\PC{0,60}") {
            let index = SourceIndex::new(&source);
            match index.find(&quote) {
                Ok(m) => prop_assert!(m.parts.iter().all(|p| source.get(p.clone()).is_some())),
                Err(QuoteMiss::NotFound { closest: Some(p) }) => {
                    prop_assert!(source.get(p.range.clone()).is_some());
                    prop_assert!((0.0..=1.0).contains(&p.similarity));
                }
                Err(_) => {}
            }
        }
    }
}
