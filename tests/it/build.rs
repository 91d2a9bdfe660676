//! End-to-end: the real binary builds real PDFs, opened with a PDF reader.

use crate::common::{brief, brief_ok, escape_project, repo, repo_project, temp_files, Pdf};

/// Text that must come out of a brief exactly as typed, never as Typst code.
const HOSTILE: &[&str] = &[
    "$12 billion",
    "#read(\"x\")",
    "*stars*",
    "_under_",
    "@ref",
    "<label>",
    "\\ backslash",
    "// slashes",
    "[brackets]",
];

#[test]
fn hostile_text_comes_out_literally() {
    let project = escape_project();
    brief_ok(
        project.path(),
        &["build", "--date", "2026-07-06", "--audience", "all"],
    );
    // The full audiences show every field; the executive page leaves out the deck.
    for audience in ["policy", "investor", "technical", "executive"] {
        let pdf = Pdf::open(
            &project
                .path()
                .join(format!("out/escape/2026-W28/{audience}.pdf")),
        );
        let text = pdf.text();
        let expected = if audience == "executive" {
            &HOSTILE[..1]
        } else {
            HOSTILE
        };
        for s in expected {
            assert!(
                text.contains(s),
                "{audience}: {s:?} missing from PDF text:\n{text}"
            );
        }
        assert_eq!(
            pdf.info("Title").as_deref(),
            Some("Headline with $12 billion and #read(\"x\")")
        );
    }
}

#[test]
fn builds_the_repo_brief_as_a_3_to_5_page_pdf() {
    let project = repo_project();
    let stdout = brief_ok(
        project.path(),
        &["build", "longcat", "--date", "2026-11-24"],
    );
    assert!(stdout.contains("built"), "{stdout}");
    let pdf = Pdf::open(&project.path().join("out/longcat/2026-W48/policy.pdf"));
    assert!((3..=5).contains(&pdf.pages()), "{} pages", pdf.pages());

    let loaded = brief::load::brief::load_brief(&repo().join("briefs/longcat.toml")).unwrap();
    // Compared without whitespace: line breaks may fall after a hyphen.
    let squeeze = |s: &str| {
        s.split_whitespace()
            .collect::<String>()
            .replace('\u{ad}', "")
    };
    let text = squeeze(&pdf.text());
    for finding in &loaded.brief.findings {
        assert!(
            text.contains(&squeeze(&finding.claim)),
            "claim missing: {}",
            finding.claim
        );
    }
    assert_eq!(
        pdf.info("Title").as_deref(),
        Some(loaded.brief.title.as_str())
    );
    assert!(pdf.info("Keywords").is_some_and(|k| !k.is_empty()));
    let fonts = pdf.fonts();
    assert!(!fonts.is_empty());
    assert!(
        fonts.iter().all(|(_, embedded)| *embedded),
        "fonts not embedded: {fonts:?}"
    );
    assert!(fonts.iter().any(|(n, _)| n.contains("Inter")), "{fonts:?}");
    assert!(
        fonts.iter().any(|(n, _)| n.contains("Libertinus")),
        "{fonts:?}"
    );
}

#[test]
fn emit_typ_writes_markup_that_imports_only_emitted_files() {
    let project = escape_project();
    brief_ok(
        project.path(),
        &["build", "--date", "2026-07-06", "--emit", "typ"],
    );
    let dir = project.path().join("out/escape/2026-W28/policy.typ");
    let main = std::fs::read_to_string(dir.join("main.typ")).unwrap();
    assert!(main.contains("#import \"style.typ\""));
    assert!(dir.join("style.typ").is_file() && dir.join("theme.typ").is_file());
    assert!(dir.join("fonts/Inter-Regular.otf").is_file());
}

#[test]
fn a_failing_brief_keeps_the_previous_pdf_and_others_still_build() {
    let project = escape_project();
    let dir = project.path();
    brief_ok(dir, &["build", "--date", "2026-07-06"]);
    let pdf = dir.join("out/escape/2026-W28/policy.pdf");
    let before = std::fs::read(&pdf).unwrap();
    // A second, broken brief and a broken edit of the first.
    std::fs::write(dir.join("briefs/broken.toml"), "title = ").unwrap();
    let text = std::fs::read_to_string(dir.join("briefs/escape.toml")).unwrap();
    std::fs::write(
        dir.join("briefs/escape.toml"),
        text.replace("raised $12 billion from", "raised $13 billion from"),
    )
    .unwrap();
    let out = brief(dir, &["build", "--date", "2026-07-06", "--force"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        before,
        "previous PDF must be untouched"
    );
    let leftovers = temp_files(&dir.join("out"));
    assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
}

#[test]
fn executive_is_exactly_one_page() {
    let project = repo_project();
    brief_ok(
        project.path(),
        &[
            "build",
            "longcat",
            "--date",
            "2026-11-24",
            "--audience",
            "executive",
        ],
    );
    let pdf = Pdf::open(&project.path().join("out/longcat/2026-W48/executive.pdf"));
    assert_eq!(pdf.pages(), 1);
}
