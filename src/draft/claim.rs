//! A claim in the words of its lead sentence, trimmed to the finding: the
//! dateline, a headline run into the text, a leading connective and a
//! closing attribution go, and it keeps to about 25 words. Quotes stay
//! verbatim in the evidence; only the claim is trimmed.

use crate::extract::stance;

/// Words a claim keeps to, about.
const MAX_WORDS: usize = 25;
/// Words a claim cut at a clause boundary keeps at least.
const MIN_CUT_WORDS: usize = 12;

/// The claim of a lead sentence ("NEW YORK (AFP) - However, Acme cut 4,000
/// jobs, the company said." -> "Acme cut 4,000 jobs.").
pub fn trim_claim(sentence: &str) -> String {
    let mut s = sentence.trim();
    s = after_dateline(s);
    s = after_headline(s);
    s = after_connective(s);
    let mut out = s.trim_end_matches(['.', ' ']).to_string();
    drop_closing_attribution(&mut out);
    if out.split_whitespace().count() > MAX_WORDS {
        drop_asides(&mut out);
    }
    cut_to_length(&mut out);
    let mut out = out
        .trim_end_matches([',', ';', ':', ' ', '\u{2014}'])
        .to_string();
    if let Some(first) = out.chars().next() {
        if first.is_lowercase() {
            out = first.to_uppercase().chain(out.chars().skip(1)).collect();
        }
    }
    if !out.ends_with(['.', '\u{2026}', '?', '!', '"', '\u{201D}']) {
        out.push('.');
    }
    balance_quotes(out)
}

/// "NEW YORK (AFP) - ", "DUBLIN, Sept 18 (Reuters) - ", "(Reuters) — ",
/// "BEIJING — ": a place in capitals or an agency in brackets before a dash.
fn after_dateline(s: &str) -> &str {
    for dash in [" -- ", " - ", " \u{2014} ", " \u{2013} ", "\u{2014}"] {
        let Some(at) = s.find(dash) else { continue };
        let head = &s[..at];
        let words = head.split_whitespace().count();
        let first = head
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphabetic());
        let capitals = first.chars().count() >= 2 && first.chars().all(|c| c.is_uppercase());
        let agency = head.trim_end().ends_with(')') && head.contains('(');
        if at <= 60 && (1..=7).contains(&words) && (capitals || agency) {
            return s[at + dash.len()..].trim_start();
        }
    }
    s
}

/// "China earthquake: Nearly 400 people died ...": a short headline run into
/// the text. Not "The reason: demand fell" (a sentence of its own).
fn after_headline(s: &str) -> &str {
    let Some(at) = s.find(": ") else { return s };
    let (head, rest) = (&s[..at], s[at + 2..].trim_start());
    let head_words: Vec<&str> = head.split_whitespace().collect();
    let plain_noun_phrase = head_words.iter().all(|w| {
        !matches!(
            w.to_lowercase().as_str(),
            "the" | "a" | "an" | "is" | "was" | "are" | "were" | "said" | "says" | "told"
        ) && !w.contains(['"', '\u{201C}', '\u{201D}'])
    });
    let rest_is_sentence =
        rest.starts_with(|c: char| c.is_uppercase()) && rest.split_whitespace().count() >= 6;
    // "UPDATE 6, JAN. 21, 3:58 P.M.: ...": a stamp in capitals and figures.
    let stamp = head_words.len() <= 8
        && head.chars().any(char::is_alphanumeric)
        && !head.chars().any(char::is_lowercase);
    if ((1..=4).contains(&head_words.len()) && plain_noun_phrase || stamp) && rest_is_sentence {
        rest
    } else {
        s
    }
}

fn after_connective(s: &str) -> &str {
    const LEADS: [&str; 9] = [
        "However, ",
        "Meanwhile, ",
        "But ",
        "And ",
        "Also, ",
        "Still, ",
        "Separately, ",
        "In addition, ",
        "Moreover, ",
    ];
    LEADS
        .iter()
        .find_map(|lead| s.strip_prefix(lead))
        .unwrap_or(s)
}

/// ", officials said", ", according to Xinhua" at the end.
fn drop_closing_attribution(out: &mut String) {
    if let Some(at) = out.rfind(", ") {
        if cue_tail(&out[at + 2..]) && out[..at].split_whitespace().count() >= 6 {
            out.truncate(at);
        }
    }
}

/// "officials said", "according to Xinhua", "Xinhua reported": a short
/// trailing attribution.
fn cue_tail(tail: &str) -> bool {
    let words = stance::cue_words(tail);
    words.len() <= 10
        && (words.first().is_some_and(|w| w == "according")
            || words.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "said"
                        | "says"
                        | "reported"
                        | "reports"
                        | "told"
                        | "added"
                        | "confirmed"
                        | "announced"
                )
            }))
}

/// Asides a long sentence can do without: brackets ("(5,790 hectares)")
/// and a relative clause between commas (", which broke out on Monday,").
fn drop_asides(out: &mut String) {
    while let Some(open) = out.find(" (") {
        let Some(close) = out[open..].find(')') else {
            break;
        };
        out.replace_range(open..open + close + 1, "");
    }
    for lead in [", which ", ", who ", ", whose ", ", where "] {
        while let Some(at) = out.find(lead) {
            let Some(end) = out[at + lead.len()..].find(", ") else {
                break;
            };
            // Up to and with the closing comma: "The fire, which ..., had".
            out.replace_range(at..at + lead.len() + end + 1, "");
        }
    }
}

/// At most [`MAX_WORDS`] words: cut at the last clause boundary within
/// them, else after them with an ellipsis.
fn cut_to_length(out: &mut String) {
    let words: Vec<&str> = out.split_whitespace().collect();
    if words.len() <= MAX_WORDS {
        return;
    }
    // A boundary is punctuation before a space ("5,790" is one number), and
    // the cut keeps a main clause's worth of words, not a lead-in alone.
    let mut cut = None;
    let mut count = 0;
    let bytes = out.as_bytes();
    for (i, ch) in out.char_indices() {
        if ch == ' ' {
            count += 1;
            if count > MAX_WORDS {
                break;
            }
        }
        let spaced = bytes.get(i + ch.len_utf8()) == Some(&b' ');
        if matches!(ch, ',' | ';' | ':' | '\u{2014}') && spaced && count >= MIN_CUT_WORDS {
            cut = Some(i);
        }
    }
    match cut {
        Some(i) => out.truncate(i),
        None => *out = format!("{} \u{2026}", words[..MAX_WORDS].join(" ")),
    }
}

/// A quotation the sentence split or the cut left open is closed (or
/// opened) again: `"The delay is what we focused on.` gets its closing mark.
fn balance_quotes(mut out: String) -> String {
    let straight = out.matches('"').count();
    if straight % 2 == 1 {
        if out.starts_with('"') {
            out.push('"');
        } else {
            out.insert(0, '"');
        }
    }
    let (open, close) = (
        out.matches('\u{201C}').count(),
        out.matches('\u{201D}').count(),
    );
    for _ in close..open {
        out.push('\u{201D}');
    }
    for _ in open..close {
        out.insert(0, '\u{201C}');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn claims_are_trimmed_to_the_main_clause() {
        assert_eq!(
            trim_claim("NEW YORK (AFP) - Acme on Monday cut 4,000 jobs at its phone unit."),
            "Acme on Monday cut 4,000 jobs at its phone unit."
        );
        assert_eq!(
            trim_claim("However, the plant will close in May, the company said."),
            "The plant will close in May."
        );
        let long = "The regulator fined the firm 2.9 billion euros on Friday, the second-largest penalty it has ever imposed on a single company, and ordered it to end the practice within sixty days.";
        let t = trim_claim(long);
        assert!(t.split_whitespace().count() <= 26, "{t}");
        assert!(t.starts_with("The regulator fined the firm"), "{t}");
        // Not inside a number, not after a lead-in alone.
        let t = trim_claim("The Cedar Fire, which broke out on Monday afternoon east of the town of Bellhaven in Calder County, had burned 14,300 acres (5,790 hectares) and was 12% contained, the agency said.");
        assert_eq!(
            t,
            "The Cedar Fire had burned 14,300 acres and was 12% contained."
        );
        let t = trim_claim("At a joint briefing at the fairgrounds on Wednesday morning, fire officials and the sheriff gave two different counts of the homes destroyed across the county so far.");
        assert!(t.contains("fire officials"), "{t}");
    }

    #[test]
    fn datelines_and_run_in_headlines_are_trimmed() {
        assert_eq!(
            trim_claim("DUBLIN, Sept 18 (Reuters) - The regulator has proposed a fine of 36 million euros."),
            "The regulator has proposed a fine of 36 million euros."
        );
        assert_eq!(
            trim_claim("DUBLIN (Reuters) - The regulator has proposed a fine of 36 million euros."),
            "The regulator has proposed a fine of 36 million euros."
        );
        assert_eq!(
            trim_claim("NEW YORK (CNNMoney) -- Acme will reduce its staff by 4,000 jobs."),
            "Acme will reduce its staff by 4,000 jobs."
        );
        assert_eq!(
            trim_claim("Harbor quake: Nearly 400 people died when the quake struck on Sunday."),
            "Nearly 400 people died when the quake struck on Sunday."
        );
        assert_eq!(
            trim_claim("6, JAN. 21, 3:58 P.M.: On the same day officials reported two more cases."),
            "On the same day officials reported two more cases."
        );
        // A sentence with a colon of its own keeps it; so does a dash inside a sentence.
        assert_eq!(
            trim_claim("The reason: Demand fell in every region the company serves."),
            "The reason: Demand fell in every region the company serves."
        );
        assert_eq!(
            trim_claim("Acme and its rival - both based in Ohio - cut 400 jobs."),
            "Acme and its rival - both based in Ohio - cut 400 jobs."
        );
    }

    #[test]
    fn an_open_quotation_is_closed() {
        assert_eq!(
            trim_claim("\"The delay is what the regulator has focused on."),
            "\"The delay is what the regulator has focused on.\""
        );
        assert_eq!(
            trim_claim("Forty days is a long time to wait,\" he said."),
            "\"Forty days is a long time to wait,\" he said."
        );
    }

    proptest! {
        // Whatever the sentence, the claim is short and its quotes pair up.
        #[test]
        fn claims_are_short_and_balanced(s in "[A-Za-z0-9 ,.:;\"\u{201C}\u{201D}()-]{0,400}") {
            let c = trim_claim(&s);
            prop_assert!(c.split_whitespace().count() <= MAX_WORDS + 2, "{}", c);
            prop_assert_eq!(c.matches('"').count() % 2, 0, "{}", c);
            prop_assert_eq!(c.matches('\u{201C}').count(), c.matches('\u{201D}').count(), "{}", c);
        }
    }
}
