//! Audiences and templates: init --example in an empty folder, eject, block overrides.

use crate::common::{brief_ok, Pdf};

#[test]
fn init_then_build_works_in_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    brief_ok(tmp.path(), &["init", "story", "--example"]);
    let project = tmp.path().join("story");
    brief_ok(&project, &["check", "--date", "2026-01-06"]);
    brief_ok(
        &project,
        &["build", "--date", "2026-01-06", "--audience", "all"],
    );
    for audience in ["policy", "executive", "investor", "technical"] {
        let pdf = Pdf::open(&project.join(format!("out/example/2026-W02/{audience}.pdf")));
        assert!(
            pdf.text().contains("The report names 12 sites"),
            "{audience}"
        );
    }
}

#[test]
fn overriding_one_block_changes_only_that_part() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    brief_ok(dir, &["init", "--example"]);
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    brief_ok(dir, &["build", "--date", "2026-01-06", "--emit", "typ"]);
    let before =
        std::fs::read_to_string(dir.join("out/example/2026-W02/policy.typ/main.typ")).unwrap();
    std::fs::write(
        dir.join("templates/policy.typ.j2"),
        "{% extends \"base.typ.j2\" %}\n{% block masthead %}\n= Custom masthead\n{% endblock %}\n",
    )
    .unwrap();
    brief_ok(dir, &["build", "--date", "2026-01-13", "--emit", "typ"]);
    let after =
        std::fs::read_to_string(dir.join("out/example/2026-W03/policy.typ/main.typ")).unwrap();
    assert!(after.contains("= Custom masthead") && !after.contains("#masthead("));
    // Everything after the masthead is the same markup, up to the
    // per-document values at the end (which hold the edition label).
    let tail =
        |s: &str| s[s.find("#bottom-line").unwrap()..s.find("#brief-meta(").unwrap()].to_string();
    assert_eq!(tail(&before), tail(&after));
    let pdf = Pdf::open(&dir.join("out/example/2026-W03/policy.pdf"));
    assert!(pdf.text().contains("Custom masthead"));
}

#[test]
fn eject_copies_what_an_audience_needs() {
    let tmp = tempfile::tempdir().unwrap();
    brief_ok(
        tmp.path(),
        &["templates", "eject", "--audience", "executive"],
    );
    let t = tmp.path().join("templates");
    assert!(t.join("executive.typ.j2").is_file() && t.join("base.typ.j2").is_file());
    assert!(t.join("sections/watch.typ.j2").is_file() && t.join("theme.typ").is_file());
    assert!(!t.join("investor.typ.j2").exists());
}

#[test]
fn templates_that_pass_page_values_to_brief_page_still_build() {
    // Before `brief-meta`, templates passed the per-document values to
    // `brief-page`; an ejected base template of that time keeps working.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    brief_ok(dir, &["init", "--example"]);
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::write(
        dir.join("templates/policy.typ.j2"),
        concat!(
            "{% extends \"base.typ.j2\" %}\n",
            "{% block setup %}\n#import \"style.typ\": *\n",
            "#show: brief-page.with(title: \"Old-style title\", kicker: \"Old kicker\", ",
            "edition: \"Old edition label\", audience: \"Old audience\")\n",
            "{% endblock %}\n{% block meta %}{% endblock %}\n"
        ),
    )
    .unwrap();
    brief_ok(dir, &["build", "--date", "2026-01-06"]);
    let pdf = Pdf::open(&dir.join("out/example/2026-W02/policy.pdf"));
    assert!(pdf.text().contains("Old edition label"), "{}", pdf.text());
    assert_eq!(pdf.info("Title").as_deref(), Some("Old-style title"));
}
