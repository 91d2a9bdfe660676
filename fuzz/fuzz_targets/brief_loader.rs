//! Any bytes as a brief file: loading and checking must never panic, and
//! every problem must point inside the text.
#![no_main]

use std::path::Path;

use brief::check::{self, Context};
use brief::model::source::SourceSet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let text = brief::diag::prepare_text(raw);
    let path = Path::new("briefs/fuzz.toml");
    let (brief, problems) = brief::load::brief::parse_brief(path, &text);
    for p in &problems {
        if let Some(span) = &p.span {
            assert!(span.end <= text.len(), "{p:?}");
        }
    }
    if let Some(brief) = brief {
        let sources = SourceSet::default();
        let ctx = Context {
            sources: &sources,
            files: &[],
            today: chrono::NaiveDate::from_ymd_opt(2026, 7, 5).unwrap(),
        };
        let _ = check::check_brief(path, &text, &brief, &ctx);
    }
});
