//! Any text as an article: analysis, grouping and a draft must never panic,
//! every sentence must be verbatim source text and every drafted quote must
//! be found by the checker's matcher.
#![no_main]

use brief::check::quote::SourceIndex;
use brief::extract::{self, Cues};
use brief::model::source::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source::from_text("fuzz", body);
    let article = extract::analyze_article(&source, Cues::builtin());
    for fact in &article.facts {
        assert!(body.contains(article.sentence(fact)));
    }
    let refs = [&source];
    let options = brief::draft::Options {
        title: None,
        date: chrono::NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(),
    };
    let draft = brief::draft::draft(&refs, Cues::builtin(), &options);
    let index = SourceIndex::new(body);
    for finding in &draft.brief.findings {
        for e in &finding.evidence {
            assert!(index.find(&e.quote).is_ok(), "{:?}", e.quote);
        }
    }
});
