//! Any bytes as a seed file: parsing must never panic, problems point
//! inside the text, and quote search over the body terminates.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let text = brief::diag::prepare_text(raw);
    let seed = brief::load::seed::parse_seed_text(Path::new("seeds/fuzz.md"), &text);
    for p in &seed.problems {
        if let Some(span) = &p.span {
            assert!(span.end <= text.len(), "{p:?}");
        }
    }
    if let Some(src) = &seed.source {
        let quote: String = src.body.chars().take(40).collect();
        let index = brief::check::quote::SourceIndex::new(&src.body);
        let _ = index.find(&quote);
        let _ = index.closest_passage(&quote);
    }
    let _ = brief::numbers::numbers_in(&text);
});
