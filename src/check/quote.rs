//! Quote matching: whether a quote appears in its source up to the
//! differences that do not change its meaning, and the closest passage when
//! it does not.

use std::collections::HashSet;
use std::ops::Range;

pub use crate::util::text::normalize_for_match;

/// The fragments of a normalised quote between elisions (`...`, `…`, `[...]`).
fn fragments(normalized: &str) -> Vec<&str> {
    normalized
        .split("...")
        .map(|f| f.trim_matches(|c: char| c == ' ' || c == '[' || c == ']'))
        .filter(|f| !f.is_empty())
        .collect()
}

/// Whether `quote` appears in `source` up to the tolerated differences. An
/// elision (`...` or `…`) matches the fragments in order within one paragraph.
pub fn quote_matches(quote: &str, paragraphs: &[String]) -> bool {
    let q = normalize_for_match(quote);
    let fragments = fragments(&q);
    if fragments.is_empty() {
        return false;
    }
    paragraphs.iter().any(|p| {
        let mut at = 0;
        fragments.iter().all(|f| match p[at..].find(f) {
            Some(i) => {
                at += i + f.len();
                true
            }
            None => false,
        })
    })
}

/// The normalised paragraphs of a source, ready for [`quote_matches`].
pub fn normalized_paragraphs(body: &str) -> Vec<String> {
    body.split("\n\n")
        .map(normalize_for_match)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The passage of a source most like a quote that was not found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Byte range in the body.
    pub range: Range<usize>,
    /// The passage as written in the source, whitespace collapsed.
    pub text: String,
    /// 0.0 ..= 1.0 (normalised Levenshtein similarity after normalisation).
    pub similarity: f64,
}

/// Finds the passage of `body` closest to `quote`: word windows about the
/// quote's length are ranked by shared words (linear time), and the best few
/// by edit-distance similarity. Fast enough for 100 KB articles.
pub fn closest_passage(quote: &str, body: &str) -> Option<Passage> {
    let wanted: Vec<String> = normalize_for_match(quote)
        .split(' ')
        .filter(|w| !w.is_empty() && *w != "..." && *w != "[...]")
        .map(str::to_string)
        .collect();
    let words = body_words(body);
    if wanted.is_empty() || words.is_empty() {
        return None;
    }
    let n = wanted.len().min(words.len()).min(150);
    let set: HashSet<&str> = wanted.iter().map(String::as_str).collect();
    let hits: Vec<usize> = words
        .iter()
        .map(|(_, w)| usize::from(set.contains(w.as_str())))
        .collect();
    let starts = best_windows(&hits, n, 6);
    let target = wanted.join(" ");
    let mut best: Option<(f64, usize, usize)> = None;
    let para = paragraph_of_words(body, &words);
    let shift: usize = if n <= 40 { 2 } else { 0 };
    let mut windows = Vec::new();
    for pick in starts {
        let first = pick.saturating_sub(shift);
        for start in first..=(pick + shift).min(words.len() - 1) {
            for len in [n.saturating_sub(1), n, n + 1] {
                let end = (start + len).min(words.len());
                if len == 0 || end <= start {
                    continue;
                }
                // Windows stay within the paragraph where they start.
                let end = (start..end)
                    .take_while(|&i| para[i] == para[start])
                    .last()
                    .map_or(end, |i| i + 1);
                windows.push((start, end));
            }
        }
    }
    windows.sort_unstable();
    windows.dedup();
    for (start, end) in windows {
        {
            let candidate = words[start..end]
                .iter()
                .map(|(_, w)| w.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let score = strsim::normalized_levenshtein(&target, &candidate);
            if best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, start, end));
            }
        }
    }
    let (similarity, start, end) = best?;
    let range = words[start].0.start..words[end - 1].0.end;
    let text = body[range.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(Passage {
        range,
        text,
        similarity,
    })
}

/// The paragraph number of each word (paragraphs are blank-line separated).
fn paragraph_of_words(body: &str, words: &[(Range<usize>, String)]) -> Vec<usize> {
    let mut para = 0;
    let mut last_end = 0;
    words
        .iter()
        .map(|(range, _)| {
            if body[last_end..range.start].matches('\n').count() >= 2 {
                para += 1;
            }
            last_end = range.end;
            para
        })
        .collect()
}

/// Words of a body with their byte ranges, each normalised for matching.
fn body_words(body: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in body
        .char_indices()
        .chain(std::iter::once((body.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                let w = normalize_for_match(&body[s..i]);
                if !w.is_empty() {
                    out.push((s..i, w));
                }
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// Start indices of the `k` windows of length `n` with the most hits.
fn best_windows(hits: &[usize], n: usize, k: usize) -> Vec<usize> {
    let mut sum: usize = hits[..n].iter().sum();
    let mut scored = vec![(sum, 0usize)];
    for start in 1..=hits.len() - n {
        sum = sum + hits[start + n - 1] - hits[start - 1];
        scored.push((sum, start));
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut picked: Vec<usize> = Vec::new();
    for (_, s) in scored {
        if picked.iter().all(|p| p.abs_diff(s) >= n.div_ceil(2)) {
            picked.push(s);
        }
        if picked.len() == k {
            break;
        }
    }
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerates_quotes_dashes_and_whitespace() {
        let paras = normalized_paragraphs("China\u{2019}s  chips \u{2014} at\nscale.\n\nOther.");
        assert!(quote_matches("China's chips - at scale.", &paras));
        assert!(quote_matches("china's chips ... scale", &paras));
        assert!(quote_matches("China’s chips … scale", &paras));
        assert!(quote_matches("China's chips […] scale", &paras));
        assert!(!quote_matches("China's chips at scale", &paras));
        assert!(!quote_matches("scale. Other", &paras));
        assert!(!quote_matches("China's … Other", &paras));
    }
    #[test]
    fn closest_passage_finds_the_altered_sentence() {
        let body = "The lab said it trained the model on 20 trillion tokens.\n\n\
                    Analysts doubt the figure. Officials declined to comment on export rules.";
        let p = closest_passage("Officials declined to comment on the export rules", body).unwrap();
        assert!(p.text.contains("Officials declined"), "{p:?}");
        assert!(p.similarity > 0.8, "{p:?}");
    }
    #[test]
    fn closest_passage_is_fast_on_large_articles() {
        let sentence = "The quick brown fox jumps over the lazy dog near the river bank today. ";
        let mut body = sentence.repeat(1500); // ~100 KB
        body.push_str("A unique sentence about semiconductor export controls appears here.");
        let start = std::time::Instant::now();
        let p = closest_passage(
            "a unique sentence about semiconductor export control appears",
            &body,
        )
        .unwrap();
        assert!(p.text.contains("semiconductor"), "{p:?}");
        assert!(start.elapsed().as_secs_f64() < 2.0, "{:?}", start.elapsed());
    }
}
