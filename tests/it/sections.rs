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

/// The 1-based line of the first line of `text` that starts with `key`.
fn line_of(text: &str, key: &str) -> usize {
    text.lines().position(|l| l.starts_with(key)).unwrap() + 1
}

#[test]
fn over_a_page_limit_the_build_leaves_out_quotes_then_findings_and_says_so() {
    let project = crate::common::repo_project();
    let dir = project.path();
    let path = dir.join("briefs/longcat.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        "\n[audiences.twopage]\nsections = [\"bottom_line\", \"proven\", \"not_proven\", \"watch\", \"references\"]\nmax_pages = 2\n",
    );
    std::fs::write(&path, &text).unwrap();
    let out = crate::common::brief(
        dir,
        &["build", "--date", "2026-07-06", "--audience", "twopage"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let note = stderr
        .lines()
        .find(|l| l.starts_with("note: `longcat` (twopage) is over"))
        .unwrap_or_else(|| panic!("no note of what was left out:\n{stderr}"));
    let items: Vec<&str> = note
        .split("left out to fit: ")
        .nth(1)
        .unwrap()
        .split(", ")
        .collect();
    // Quotes first, then findings; never a contested one.
    let first_finding = items.iter().position(|i| i.starts_with("finding")).unwrap();
    assert!(first_finding > 0, "{note}");
    assert!(
        items[..first_finding]
            .iter()
            .all(|i| i.starts_with("quote ")),
        "{note}"
    );
    assert!(
        items[first_finding..]
            .iter()
            .all(|i| i.starts_with("finding")),
        "{note}"
    );
    assert!(!note.contains("contested"), "{note}");
    let pdf = Pdf::open(&dir.join("out/longcat/2026-W28/twopage.pdf"));
    assert_eq!(pdf.pages(), 2);
    let shown = pdf.text();
    assert!(
        shown.contains("Bottom line") || shown.contains("BOTTOM LINE"),
        "{shown}"
    );
    assert!(shown.contains("Where the sources disagree"), "{shown}");
    // What is left out is not shown; what is kept is.
    let brief: brief::model::Brief = toml::from_str(&text).unwrap();
    for f in &brief.findings {
        let id = format!("finding `{}`", f.id);
        let claim_start: String = f
            .claim
            .split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ");
        let dropped = items.iter().any(|i| i.starts_with(&id));
        if dropped {
            assert!(!shown.contains(&claim_start), "{id} dropped but shown");
        }
    }
}

#[test]
fn a_brief_whose_minimum_overflows_fails_at_the_max_pages_line() {
    let filler =
        "The desk keeps what the sources establish apart from what they report. ".repeat(60);
    let brief = format!("{PROVEN}{CONTESTED}{PAGER}").replace(
        "The raise is proven.",
        &format!("The raise is proven. {filler}"),
    );
    let p = project(&brief);
    let out = crate::common::brief(
        p.path(),
        &["build", "--date", "2026-07-06", "--audience", "pager"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let at = format!("briefs/b.toml:{}:1", line_of(&brief, "max_pages"));
    assert!(stderr.contains(&at), "no {at}:\n{stderr}");
    assert!(stderr.contains("error[page-limit]"), "{stderr}");
    assert!(
        stderr.contains("the `pager` audience allows at most 1 page but the brief takes 2")
            && stderr.contains("1 page over"),
        "{stderr}"
    );
    assert!(!p.path().join("out/b/2026-W28/pager.pdf").exists());
}

#[test]
fn limits_on_a_section_the_audience_does_not_show_are_errors_at_their_line() {
    let brief = format!(
        "{PROVEN}\n[audiences.custom]\nsections = [\"bottom_line\", \"proven\", \"references\"]\nlimits = {{ proven = 1, watch = 1 }}\n"
    );
    let p = project(&brief);
    let out = crate::common::brief(
        p.path(),
        &["build", "--date", "2026-07-06", "--audience", "custom"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let at = format!("briefs/b.toml:{}:1", line_of(&brief, "limits"));
    assert!(stderr.contains(&at), "no {at}:\n{stderr}");
    assert!(
        stderr.contains(
            "the `custom` audience limits `watch` findings but does not show the `watch` section"
        ),
        "{stderr}"
    );
}
