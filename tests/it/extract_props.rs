//! Property tests for extraction: any text, however odd, is analysed without
//! a panic; every sentence is verbatim source text (so a drafted quote always
//! verifies); every quantity's phrase lies inside its sentence; numbers
//! written in any of the supported forms read back to their value.

use brief::extract::{self, Cues};
use brief::model::source::Source;
use proptest::prelude::*;

fn source(body: &str) -> Source {
    Source::from_text("x", body)
}

/// Text with numbers, names, punctuation and Unicode in odd places.
fn articles() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("1,234.5".to_string()),
        Just("$8 and $10 billion".to_string()),
        Just("~1,000".to_string()),
        Just("Orion-2.0's".to_string()),
        Just("fifty-thousand".to_string()),
        Just("30th of June".to_string()),
        Just("U.S.".to_string()),
        Just("—".to_string()),
        Just("(".to_string()),
        Just("\n\n".to_string()),
        Just("% ".to_string()),
        "[A-Za-z]{1,8}",
        "[0-9]{1,7}",
        "[ .,;:!?'’\"-]{1,3}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_is_analysed_and_quotes_are_verbatim(body in articles()) {
        let src = source(&body);
        let article = extract::analyze_article(&src, Cues::builtin());
        for fact in &article.facts {
            let sentence = article.sentence(fact);
            prop_assert!(!sentence.is_empty());
            prop_assert_eq!(sentence, sentence.trim());
            prop_assert!(body.contains(sentence));
            for (q, _) in &fact.quantities {
                prop_assert!(sentence.get(q.range.clone()).is_some(), "phrase outside {sentence:?}");
                prop_assert!(q.value.is_finite());
            }
        }
        // Grouping the analysis never panics either.
        let refs = [&src];
        let _ = extract::figures::groups(&extract::analyze(&refs, Cues::builtin()));
    }

    #[test]
    fn written_numbers_read_back(n in 1u64..999_999, unit in prop::sample::select(vec!["chips", "tokens", "parameters"])) {
        let with_commas = n.to_string().as_bytes().rchunks(3).rev()
            .map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join(",");
        let body = format!("The lab used {with_commas} {unit} last year.");
        let src = source(&body);
        let article = extract::analyze_article(&src, Cues::builtin());
        let values: Vec<f64> = article.facts.iter().flat_map(|f| &f.quantities).map(|(q, _)| q.value).collect();
        prop_assert_eq!(values, vec![n as f64]);
    }
}
