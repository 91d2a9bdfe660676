//! `brief init`: an empty project with a README of its layout;
//! `--example` adds the example story, which builds as it is.

use crate::common::{brief, brief_ok, Pdf};

#[test]
fn init_makes_an_empty_project_with_a_readme() {
    let tmp = tempfile::tempdir().unwrap();
    let out = brief_ok(tmp.path(), &["init", "story"]);
    assert!(out.contains("next:"), "{out}");
    let dir = tmp.path().join("story");
    let mut entries: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(entries, ["README.md", "briefs", "seeds"]);
    for sub in ["briefs", "seeds"] {
        assert_eq!(
            std::fs::read_dir(dir.join(sub)).unwrap().count(),
            0,
            "{sub}"
        );
    }
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for part in [
        "seeds/<id>.md",
        "briefs/<name>.toml",
        "out/<brief>/",
        "brief build",
    ] {
        assert!(readme.contains(part), "{part} in\n{readme}");
    }
    // Nothing of the example is counted or checked: there are no briefs yet.
    let check = brief(&dir, &["check"]);
    assert!(String::from_utf8_lossy(&check.stderr).contains("no briefs"));
    assert!(!String::from_utf8_lossy(&check.stdout).contains("example"));
}

#[test]
fn init_keeps_an_existing_readme_and_refuses_a_project_with_briefs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("README.md"), "mine\n").unwrap();
    brief_ok(dir, &["init"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("README.md")).unwrap(),
        "mine\n"
    );
    brief_ok(dir, &["init", "--example"]);
    assert!(dir.join("briefs/example.toml").is_file());
    let again = brief(dir, &["init", "--example"]);
    assert_eq!(again.status.code(), Some(2), "{again:?}");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already has briefs"));
}

#[test]
fn init_example_adds_the_example_story_which_builds() {
    let tmp = tempfile::tempdir().unwrap();
    brief_ok(tmp.path(), &["init", "story", "--example"]);
    let dir = tmp.path().join("story");
    assert!(dir.join("README.md").is_file());
    assert!(dir.join("seeds/example-article.md").is_file());
    brief_ok(&dir, &["check", "--date", "2026-01-06"]);
    brief_ok(&dir, &["build", "--date", "2026-01-06"]);
    let pdf = Pdf::open(&dir.join("out/example/2026-W02/policy.pdf"));
    assert!(pdf.text().contains("The report names 12 sites"));
}
