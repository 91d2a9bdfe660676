//! Weekly editions on the real binary: folders per ISO week, no-op
//! rebuilds, refusal to overwrite, "since last edition", reproducibility.

use crate::common::{brief, brief_ok, escape_project, Pdf};

#[test]
fn week_folders_follow_iso_weeks() {
    let p = escape_project();
    brief_ok(p.path(), &["build", "--date", "2026-12-31"]);
    brief_ok(p.path(), &["build", "--date", "2027-01-04"]);
    assert!(p.path().join("out/escape/2026-W53/policy.pdf").is_file());
    assert!(p.path().join("out/escape/2027-W01/policy.pdf").is_file());
    let latest = std::fs::read(p.path().join("out/escape/latest/policy.pdf")).unwrap();
    assert_eq!(
        latest,
        std::fs::read(p.path().join("out/escape/2027-W01/policy.pdf")).unwrap()
    );
}

#[test]
fn unchanged_inputs_are_a_no_op_and_changed_ones_need_force_in_the_same_week() {
    let p = escape_project();
    let dir = p.path();
    brief_ok(dir, &["build", "--date", "2026-07-06"]);
    let pdf = dir.join("out/escape/2026-W28/policy.pdf");
    let mtime = std::fs::metadata(&pdf).unwrap().modified().unwrap();
    let again = brief_ok(dir, &["build", "--date", "2026-07-07"]);
    assert!(again.contains("up to date"), "{again}");
    assert_eq!(std::fs::metadata(&pdf).unwrap().modified().unwrap(), mtime);

    let seed = dir.join("seeds/a.md");
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(&seed, format!("{text}\nA new paragraph.\n")).unwrap();
    let refused = brief(dir, &["build", "--date", "2026-07-07"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    let forced = brief_ok(dir, &["build", "--date", "2026-07-07", "--force"]);
    assert!(forced.contains("built"), "{forced}");
}

#[test]
fn next_edition_says_what_changed() {
    let p = escape_project();
    let dir = p.path();
    brief_ok(dir, &["build", "--date", "2026-07-06"]);
    let path = dir.join("briefs/escape.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("status = \"contested\"", "status = \"proven\""),
    )
    .unwrap();
    brief_ok(dir, &["build", "--date", "2026-07-13"]);
    let pdf = Pdf::open(&dir.join("out/escape/2026-W29/policy.pdf"));
    let text = pdf.text();
    assert!(text.contains("Since last edition"), "{text}");
    assert!(
        text.contains("status changed from contested to proven"),
        "{text}"
    );
}

#[test]
fn same_inputs_and_date_give_identical_pdfs() {
    let a = escape_project();
    let b = escape_project();
    for p in [&a, &b] {
        brief_ok(
            p.path(),
            &["build", "--date", "2026-07-06", "--audience", "all"],
        );
    }
    for audience in ["policy", "executive", "investor", "technical"] {
        let rel = format!("out/escape/2026-W28/{audience}.pdf");
        assert_eq!(
            std::fs::read(a.path().join(&rel)).unwrap(),
            std::fs::read(b.path().join(&rel)).unwrap(),
            "{audience} differs"
        );
    }
}

/// The escape fixture's watch item `w` has `review_by = 2026-07-01`.
fn review_problems(dir: &std::path::Path, date: &str) -> Vec<serde_json::Value> {
    let out = brief(dir, &["check", "--date", date, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "warnings only");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    report["problems"]
        .as_array()
        .expect("a problem list")
        .iter()
        .filter(|p| p["code"] == "review-overdue")
        .cloned()
        .collect()
}

/// "Overdue" is for the analyst: `brief check` warns, readers' PDFs show
/// the review date only, and an audience with `show_overdue` marks it.
#[test]
fn an_overdue_watch_item_is_flagged_by_check_and_for_analysts_only() {
    let p = escape_project();
    let dir = p.path();
    let brief_file = dir.join("briefs/escape.toml");
    let mut text = std::fs::read_to_string(&brief_file).unwrap();
    text.push_str("\n[audiences.analyst]\nlabel = \"Analyst copy\"\nshow_overdue = true\n");
    std::fs::write(&brief_file, text).unwrap();

    brief_ok(dir, &["build", "--date", "2026-07-06", "--audience", "all"]);
    let text = Pdf::open(&dir.join("out/escape/2026-W28/policy.pdf")).text();
    assert!(text.contains("Review by 1 July 2026"), "{text}");
    assert!(!text.contains("overdue"), "{text}");
    let analyst = Pdf::open(&dir.join("out/escape/2026-W28/analyst.pdf")).text();
    assert!(
        analyst.contains("Review by 1 July 2026 · overdue"),
        "{analyst}"
    );
    let overdue = review_problems(dir, "2026-07-06");
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    assert_eq!(overdue[0]["severity"], "warning");
    assert!(overdue[0]["file"]
        .as_str()
        .is_some_and(|f| f.ends_with("escape.toml")));
    let message = overdue[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("2026-07-01") && message.contains("`w`"),
        "{message}"
    );

    // On or before the review date nothing is flagged.
    brief_ok(dir, &["build", "--date", "2026-06-30"]);
    let text = Pdf::open(&dir.join("out/escape/2026-W27/policy.pdf")).text();
    assert!(text.contains("Review by 1 July 2026"), "{text}");
    assert!(!text.contains("overdue"), "{text}");
    assert!(review_problems(dir, "2026-07-01").is_empty());
}
