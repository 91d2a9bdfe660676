//! Property tests: Typst escaping round-trips brief text to the laid-out
//! document and never breaks the compile; quote matching tolerates exactly
//! the documented differences (more properties of the matcher are unit
//! tests in `src/check/quote.rs`).

use brief::check::quote::SourceIndex;
use brief::render::{escape_markup, TemplateSet};
use brief::typeset::BriefWorld;
use proptest::prelude::*;
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

/// Compiles `body` (already markup) on an endless page; the document's text
/// in reading order, or the compile errors.
fn compile_text(markup: &str) -> Result<String, String> {
    let doc = format!(
        "#set page(width: auto, height: auto, margin: 4pt)\n#set text(hyphenate: false)\n{markup}\n"
    );
    let world = BriefWorld::new(
        doc,
        TemplateSet::default(),
        chrono::NaiveDate::from_ymd_opt(2026, 7, 2).unwrap(),
    );
    let compiled = typst::compile::<PagedDocument>(&world);
    let document = compiled
        .output
        .map_err(|errs| format!("{:?}", errs.iter().map(|e| &e.message).collect::<Vec<_>>()))?;
    let mut text = String::new();
    for page in document.pages() {
        collect(&page.frame, &mut text);
    }
    Ok(text)
}

fn collect(frame: &Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => collect(&g.frame, out),
            FrameItem::Text(t) => out.push_str(&t.text),
            _ => {}
        }
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever the text, escaped it shows exactly as typed (up to whitespace).
    #[test]
    fn escaped_text_round_trips(s in "[ -~àéüß€—–“”‘’…\n\t]{0,60}") {
        let shown = compile_text(&escape_markup(&s)).map_err(TestCaseError::fail)?;
        let expected: String = s.chars().filter(|c| !c.is_control()).collect();
        prop_assert_eq!(squeeze(&shown), squeeze(&expected));
    }

    /// Texts given to components as strings (the `plain` filter) show
    /// exactly as typed too, and can run no code.
    #[test]
    fn plain_string_round_trips(s in "[ -~àéüß€—–“”‘’…\n\t]{0,60}") {
        let literal = brief::render::typst_string(&brief::extract::text::collapse_whitespace(&s));
        let shown = compile_text(&format!("#text({literal})")).map_err(TestCaseError::fail)?;
        let expected: String = s.chars().filter(|c| !c.is_control()).collect();
        prop_assert_eq!(squeeze(&shown), squeeze(&expected));
    }

    /// Arbitrary Unicode (controls, combining marks, RTL, emoji...) never
    /// makes the compile fail, in markup and in a string literal.
    #[test]
    fn escaped_text_never_breaks_the_compile(s in any::<String>()) {
        let markup = format!(
            "{} #text({})",
            escape_markup(&s),
            brief::render::typst_string(&s)
        );
        compile_text(&markup).map_err(TestCaseError::fail)?;
    }
}

fn sentence() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[a-z]{1,8}", 4..12)
}

/// Applies the tolerated differences to a quote: curly quotes, dash kinds,
/// line breaks and repeated spaces, soft hyphens, the first letter's case.
fn disguise(words: &[String], seed: u64) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(match (seed >> (i % 32)) & 3 {
                0 => " ",
                1 => "\n",
                2 => "  \t",
                _ => "\r\n ",
            });
        }
        let mut w = w.clone();
        if i == 0 && seed & 1 == 1 {
            w = w[..1].to_uppercase() + &w[1..];
        }
        if w.len() > 2 && (seed >> (i % 23)) & 1 == 1 {
            w.insert(1, '\u{00AD}'); // soft hyphen
        }
        out.push_str(&w);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn matching_ignores_tolerated_differences(words in sentence(), seed in any::<u64>()) {
        let source = format!(
            "Before it \u{201C}all\u{201D} \u{2014} began.\n\n{} it\u{2019}s fine\n\nAfter.",
            words.join(" ")
        );
        let paras = SourceIndex::new(&source);
        let quote = format!("{} it's fine", disguise(&words, seed));
        prop_assert!(paras.find(&quote).is_ok(), "{quote:?} in {source:?}");
        let quoted = "it \"all\" - began";
        prop_assert!(paras.find(quoted).is_ok());
        // An elision within the paragraph matches; across paragraphs it does not.
        let elided = format!("{} {} … fine", words[0], words[1]);
        prop_assert!(paras.find(&elided).is_ok(), "{elided:?}");
        let across = format!("began ... {}", words[0]);
        prop_assert!(paras.find(&across).is_err(), "{across:?}");
    }

    #[test]
    fn matching_notices_a_changed_word(words in sentence(), at in any::<prop::sample::Index>()) {
        let source = format!("{} and 1,234 more.", words.join(" "));
        let paras = SourceIndex::new(&source);
        let mut changed = words.clone();
        let i = at.index(changed.len());
        changed[i] = format!("{}x9q", changed[i]);
        prop_assert!(paras.find(&changed.join(" ")).is_err());
        let mut dropped = words.clone();
        if dropped.len() > 2 {
            dropped.remove(1);
            let q = dropped.join(" ");
            // Only a match if the shorter sentence happens to occur verbatim.
            prop_assert_eq!(paras.find(&q).is_ok(), format!(" {source}").contains(&format!(" {q} ")));
        }
    }

    #[test]
    fn matching_notices_a_changed_digit(words in sentence(), n in 0u32..1_000_000, d in 0usize..6) {
        let source = format!("{} reported {n} units.", words.join(" "));
        let paras = SourceIndex::new(&source);
        let exact = format!("reported {n} units");
        prop_assert!(paras.find(&exact).is_ok());
        let digits: Vec<char> = n.to_string().chars().collect();
        let i = d % digits.len();
        let mut changed = digits.clone();
        changed[i] = if changed[i] == '9' { '8' } else { ((changed[i] as u8) + 1) as char };
        let altered: String = changed.into_iter().collect();
        let wrong = format!("reported {altered} units");
        prop_assert!(paras.find(&wrong).is_err());
    }
}

#[test]
fn compile_text_sees_the_document() {
    assert_eq!(
        compile_text("Hello *world* \\#x").unwrap().replace(' ', ""),
        "Helloworld#x"
    );
    assert!(compile_text("#foo(").is_err());
    assert!(compile_text(&escape_markup("#foo(")).is_ok());
}

/// A number with thousands separators, as an article prints it.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A key figure is found in a sentence that states it with its unit, in
    /// any of the usual spellings, and not in one that states the number
    /// with another unit.
    #[test]
    fn a_figure_is_found_with_its_unit_and_only_with_it(
        n in 1u64..10_000_000,
        style in 0usize..4,
        words in "[a-z]{2,8}( [a-z]{2,8}){0,4}",
    ) {
        use brief::numbers::{figure_numbers, mentions, numbers_in};
        // A scale word right after the number ("US$ 1 bn") makes it another
        // number: the sentence must not say one.
        let first = words.split(' ').next().unwrap_or("");
        prop_assume!(!matches!(
            first,
            "k" | "m" | "mn" | "bn" | "tn" | "thousand" | "million" | "billion" | "trillion"
        ));
        let (figure, written, other) = match style {
            0 => (format!("{n}%"), format!("{} percent", grouped(n)), format!("{} people", grouped(n))),
            1 => (format!("${n}"), format!("US$ {}", grouped(n)), format!("{} euros", grouped(n))),
            2 => (format!("€{}", grouped(n)), format!("{} euros", grouped(n)), format!("${}", grouped(n))),
            _ => (format!("{n}x"), format!("{} times", grouped(n)), format!("{}%", grouped(n))),
        };
        let wanted = figure_numbers(&figure);
        prop_assert_eq!(wanted.len(), 1);
        let said = numbers_in(&format!("Officials said {written} {words}."));
        prop_assert!(mentions(&said, wanted[0]), "{figure} in {written}");
        let not_said = numbers_in(&format!("Officials said {other} {words}."));
        prop_assert!(!mentions(&not_said, wanted[0]), "{figure} in {other}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any quote that passes is a run of whole tokens of its source: a slice
    /// of the source cut at arbitrary points matches exactly when the same
    /// words occur somewhere as whole words.
    #[test]
    fn a_passing_quote_is_a_run_of_whole_tokens(
        words in prop::collection::vec("[a-c]{1,3}", 6..30),
        cut in any::<(prop::sample::Index, prop::sample::Index)>(),
    ) {
        let source = words.join(" ");
        let (a, b) = (cut.0.index(source.len()), cut.1.index(source.len()));
        let (start, end) = (a.min(b), a.max(b) + 1);
        let slice = source[start..end].trim();
        prop_assume!(slice.split(' ').count() >= 3 && !slice.contains("  "));
        let whole_somewhere = format!(" {source} ").contains(&format!(" {slice} "));
        let index = SourceIndex::new(&source);
        prop_assert_eq!(index.find(slice).is_ok(), whole_somewhere, "{:?} in {:?}", slice, source);
    }
}
