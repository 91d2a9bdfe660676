//! `brief ingest` on the real binary: the raw captures of two seed articles
//! reproduce the committed seeds exactly; an HTML page and a Markdown file
//! become seeds with their metadata, every dropped part is reported, and the
//! result passes `brief check`.

use crate::common::{brief, brief_ok, repo};

fn fixture(name: &str) -> String {
    repo()
        .join("tests/fixtures/ingest")
        .join(name)
        .display()
        .to_string()
}

fn ingest(dir: &std::path::Path, args: &[&str]) -> (String, String) {
    let out = brief(dir, &[&["ingest"], args].concat());
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "ingest {args:?} failed:\n{stdout}\n{stderr}"
    );
    (stdout, stderr)
}

#[test]
fn raw_captures_reproduce_the_committed_seeds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (_, dropped) = ingest(
        dir,
        &[
            &fixture("signaldesk-raw.txt"),
            "--id",
            "signaldesk-briefing",
            "--outlet",
            "SignalDesk",
        ],
    );
    ingest(
        dir,
        &[&fixture("homegrown-raw.txt"), "--id", "homegrown-model"],
    );
    for id in ["signaldesk-briefing", "homegrown-model"] {
        let made = std::fs::read_to_string(dir.join(format!("seeds/{id}.md"))).unwrap();
        let committed = std::fs::read_to_string(repo().join(format!("seeds/{id}.md"))).unwrap();
        assert_eq!(made, committed, "{id}");
    }
    // Every dropped line is reported with its line number and rule.
    assert!(
        dropped
            .lines()
            .all(|l| l.contains("signaldesk-raw.txt:") && l.contains("dropped (")),
        "{dropped}"
    );
}

#[test]
fn an_html_page_becomes_a_seed_with_its_metadata() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (stdout, dropped) = ingest(dir, &[&fixture("ferries.html")]);
    assert!(
        stdout.contains("seeds/shipyard-wins-3-billion.md"),
        "{stdout}"
    );
    let seed = std::fs::read_to_string(dir.join("seeds/shipyard-wins-3-billion.md")).unwrap();
    for wanted in [
        "title = \"Shipyard wins $3 billion order for twelve ferries\"",
        "outlet = \"Harbour Daily\"",
        "author = \"Ana Ruiz\"",
        "published = \"2027-03-04\"",
        "url = \"https://harbour.example/ferries\"",
        "signed a $3 billion order for twelve battery-electric ferries",
        "Deliveries start in 2029, according to the yard",
        "Whether the yard can secure battery supply remains open.",
    ] {
        assert!(seed.contains(wanted), "missing {wanted:?} in:\n{seed}");
    }
    for gone in [
        "tracking",
        "Markets",
        "Photo:",
        "Sign up",
        "© 2027",
        "color: #333",
    ] {
        assert!(!seed.contains(gone), "{gone:?} left in:\n{seed}");
    }
    for reported in [
        "image caption",
        "page furniture",
        "Sign up for our newsletter",
    ] {
        assert!(
            dropped.contains(reported),
            "{reported:?} not reported:\n{dropped}"
        );
    }
    brief_ok(dir, &["check"]);
}

#[test]
fn a_markdown_article_becomes_a_seed_without_markup() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (_, dropped) = ingest(
        dir,
        &[
            &fixture("ferries.md"),
            "--outlet",
            "Harbour Daily",
            "--date",
            "2027-03-04",
        ],
    );
    let seed = std::fs::read_to_string(dir.join("seeds/shipyard-wins-3-billion.md")).unwrap();
    assert!(
        seed.contains("title = \"Shipyard wins $3 billion order for twelve ferries\""),
        "{seed}"
    );
    assert!(
        seed.contains("signed a $3 billion order for twelve battery-electric ferries, its largest"),
        "{seed}"
    );
    assert!(seed.contains("- Deliveries start in 2029"), "{seed}");
    assert!(
        !seed.contains("**") && !seed.contains("](") && !seed.contains("!["),
        "{seed}"
    );
    assert!(
        dropped.contains("dropped (image): A ferry leaving the yard"),
        "{dropped}"
    );
    brief_ok(dir, &["check"]);
}
