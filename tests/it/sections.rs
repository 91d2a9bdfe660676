//! Sections on the real PDFs: an audience with a page limit keeps a
//! contested finding when the brief has one; an empty section (no
//! findings of its status, no timeline, no changes, ...) is never drawn,
//! heading included, for any audience.

use std::path::Path;

use crate::common::{brief_ok, Pdf};

const SEED: &str = "+++
id = \"wire\"
title = \"Chip maker raises money\"
outlet = \"Wire Daily\"
published = 2026-07-01
+++

The chip maker raised 2 billion dollars in a new round. Its cluster has 10,000 chips, the company said.

Analysts said the cluster has only 8,000 chips in service.
";

const PROVEN: &str = r#"kicker = "Chips"
title = "Chip maker raises 2 billion"
deck = "A round."
as_of = 2026-07-03
bottom_line = "The raise is proven."

[[findings]]
id = "raise"
status = "proven"
claim = "The chip maker raised 2 billion dollars."
why = "Money."
tags = ["money"]
[[findings.evidence]]
source = "wire"
quote = "The chip maker raised 2 billion dollars in a new round."
"#;

const CONTESTED: &str = r#"
[[findings]]
id = "cluster"
status = "contested"
claim = "How many chips the cluster has is disputed."
why = "Capacity."
[[findings.evidence]]
source = "wire"
quote = "Its cluster has 10,000 chips"
side = "10,000 chips"
[[findings.evidence]]
source = "wire"
quote = "Analysts said the cluster has only 8,000 chips in service."
side = "8,000 chips"
"#;

/// A custom one-page audience that leaves the contested section out,
/// limits it to none and shows only findings tagged `money`.
const PAGER: &str = r#"
[audiences.pager]
sections = ["bottom_line", "proven", "references"]
limits = { contested = 0 }
tags = ["money"]
only_tags = true
max_pages = 1
"#;

const AUDIENCES: [&str; 4] = ["policy", "executive", "investor", "technical"];

fn project(brief: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (rel, text) in [("seeds/wire.md", SEED), ("briefs/b.toml", brief)] {
        let path = tmp.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    tmp
}

fn text(dir: &Path, audience: &str) -> String {
    Pdf::open(&dir.join(format!("out/b/2026-W28/{audience}.pdf"))).text()
}

#[test]
fn audiences_with_a_page_limit_keep_a_contested_finding() {
    let p = project(&format!("{PROVEN}{CONTESTED}{PAGER}"));
    let dir = p.path();
    brief_ok(dir, &["build", "--date", "2026-07-06", "--audience", "all"]);
    for audience in ["executive", "pager", "policy"] {
        let text = text(dir, audience);
        assert!(
            text.contains("Where the sources disagree"),
            "{audience}:\n{text}"
        );
        assert!(
            text.contains("How many chips the cluster has is disputed."),
            "{audience}:\n{text}"
        );
    }
    // The custom audience's own choices stand otherwise.
    let pager = text(dir, "pager");
    assert!(!pager.contains("What is not proven"), "{pager}");
}

#[test]
fn a_brief_without_a_contested_finding_draws_no_contested_section() {
    let p = project(&format!("{PROVEN}{PAGER}"));
    let dir = p.path();
    brief_ok(dir, &["build", "--date", "2026-07-06", "--audience", "all"]);
    for audience in AUDIENCES.iter().chain(&["pager"]) {
        let text = text(dir, audience);
        assert!(text.contains("What is proven"), "{audience}:\n{text}");
        assert!(
            !text.contains("Where the sources disagree"),
            "{audience}:\n{text}"
        );
    }
}

#[test]
fn empty_sections_are_never_drawn() {
    // One proven finding; no other status, figures, charts, timeline, pull
    // quote, implications or earlier edition.
    let p = project(PROVEN);
    let dir = p.path();
    brief_ok(dir, &["build", "--date", "2026-07-06", "--audience", "all"]);
    for audience in AUDIENCES {
        let text = text(dir, audience);
        assert!(text.contains("What is proven"), "{audience}:\n{text}");
        assert!(text.contains("References"), "{audience}:\n{text}");
        for heading in [
            "What is not proven",
            "Where the sources disagree",
            "What to watch next",
            "Timeline",
            "Implications",
            "Since last edition",
            "Compared with edition",
        ] {
            assert!(
                !text.contains(heading),
                "{audience} draws {heading:?}:\n{text}"
            );
        }
    }
}
