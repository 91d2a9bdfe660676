//! `brief diff` and "Since last edition" on two editions of a small
//! project with every kind of edit: title, bottom line, a claim, evidence
//! added and removed, a changed contested side, a new seed and a seed
//! whose text changed; sources are named by outlet, else by id.

use std::path::Path;

use crate::common::{brief_ok, Pdf};

const WIRE: &str = "+++
id = \"wire\"
title = \"Chip maker raises money\"
outlet = \"Wire Daily\"
published = 2026-07-01
+++

The chip maker raised 2 billion dollars in a new round. Its cluster has 10,000 chips, the company said.

Analysts said the cluster has only 8,000 chips in service.
";

/// A seed without an outlet: named by its id.
const BLOG: &str = "+++
id = \"blog\"
title = \"A blog post\"
published = 2026-07-02
+++

The round was led by a sovereign fund. The cluster has 12,000 chips according to a former engineer.
";

const GOV: &str = "+++
id = \"gov\"
title = \"Filing\"
outlet = \"State Register\"
published = 2026-07-08
+++

The filing lists 9,000 chips in the cluster.
";

const BRIEF: &str = r#"kicker = "Chips"
title = "Chip maker raises 2 billion"
deck = "A round and a cluster."
as_of = 2026-07-03
bottom_line = "The raise is proven; the cluster size is disputed."

[[findings]]
id = "raise"
status = "proven"
claim = "The chip maker raised 2 billion dollars."
why = "Money."
[[findings.evidence]]
source = "wire"
quote = "The chip maker raised 2 billion dollars in a new round."
[[findings.evidence]]
source = "blog"
quote = "The round was led by a sovereign fund."

[[findings]]
id = "cluster"
status = "contested"
claim = "How many chips the cluster has."
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

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The second edition's inputs: every kind of edit at once.
fn edit(dir: &Path) {
    write(dir, "seeds/gov.md", GOV);
    write(
        dir,
        "seeds/blog.md",
        &format!("{BLOG}\nA later update: the fund declined to comment.\n"),
    );
    let brief = BRIEF
        .replace(
            "title = \"Chip maker raises 2 billion\"",
            "title = \"Chip maker raises 2 billion dollars\"",
        )
        .replace("size is disputed.", "size is still disputed.")
        .replace(
            "claim = \"The chip maker raised 2 billion dollars.\"",
            "claim = \"The chip maker raised 2 billion dollars in a round.\"",
        )
        .replace(
            "[[findings.evidence]]\nsource = \"blog\"\nquote = \"The round was led by a sovereign fund.\"\n",
            "",
        )
        .replace("side = \"8,000 chips\"", "side = \"fewer chips\"")
        + r#"[[findings.evidence]]
source = "blog"
quote = "The cluster has 12,000 chips according to a former engineer."
side = "fewer chips"
[[findings.evidence]]
source = "gov"
quote = "The filing lists 9,000 chips in the cluster."
side = "fewer chips"
"#;
    write(dir, "briefs/b.toml", &brief);
}

fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "seeds/wire.md", WIRE);
    write(tmp.path(), "seeds/blog.md", BLOG);
    write(tmp.path(), "briefs/b.toml", BRIEF);
    tmp
}

#[test]
fn one_edition_has_no_earlier_edition() {
    let p = project();
    let dir = p.path();
    brief_ok(dir, &["build", "--date", "2026-07-06"]);
    let text = brief_ok(dir, &["diff", "b"]);
    assert!(text.starts_with("no earlier edition"), "{text}");
    assert!(!text.contains("nothing changed"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&brief_ok(dir, &["diff", "b", "--format", "json"])).unwrap();
    assert_eq!(json["first_edition"], true);
    // The working brief's edits are still reported against the one edition.
    edit(dir);
    let text = brief_ok(dir, &["diff", "b"]);
    assert!(text.starts_with("no earlier edition"), "{text}");
    assert!(
        text.contains("new source      State Register (gov)"),
        "{text}"
    );
}

#[test]
fn every_kind_of_edit_is_reported_with_outlets() {
    let p = project();
    let dir = p.path();
    brief_ok(dir, &["build", "--date", "2026-07-06"]);
    edit(dir);
    brief_ok(dir, &["build", "--date", "2026-07-13"]);

    let text = brief_ok(dir, &["diff", "b"]);
    insta::assert_snapshot!(text);

    let json: serde_json::Value =
        serde_json::from_str(&brief_ok(dir, &["diff", "b", "--format", "json"])).unwrap();
    // The fields of before, unchanged.
    for key in [
        "since",
        "new_sources",
        "new_findings",
        "dropped_findings",
        "status_changes",
        "figure_changes",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["since"], "2026-W28");
    assert_eq!(json["new_sources"], serde_json::json!(["gov"]));
    assert_eq!(json["first_edition"], false);
    assert_eq!(
        json["title_change"]["to"],
        "Chip maker raises 2 billion dollars"
    );
    assert_eq!(
        json["bottom_line_change"]["from"],
        "The raise is proven; the cluster size is disputed."
    );
    assert_eq!(json["claim_changes"][0]["id"], "raise");
    let added = json["evidence_added"].as_array().unwrap();
    assert_eq!(added.len(), 2);
    assert_eq!(added[1]["outlet"], "State Register");
    assert_eq!(added[0]["outlet"], "blog", "no outlet: the id");
    assert_eq!(
        json["evidence_removed"][0]["quote"],
        "The round was led by a sovereign fund."
    );
    let side = &json["side_changes"][0];
    assert_eq!(
        (&side["outlet"], &side["from"], &side["to"]),
        (
            &serde_json::json!("Wire Daily"),
            &serde_json::json!("8,000 chips"),
            &serde_json::json!("fewer chips")
        )
    );
    assert_eq!(json["changed_seeds"], serde_json::json!(["blog"]));
    assert_eq!(json["outlets"]["gov"], "State Register");

    // The PDF's "Since last edition" is rendered from the same changes.
    let pdf = Pdf::open(&dir.join("out/b/2026-W29/policy.pdf")).text();
    for want in [
        "Since last edition",
        "Title changed: Chip maker raises 2 billion dollars",
        "Bottom line changed",
        "New source: State Register",
        "Article updated: blog",
        "(was: The chip maker raised 2 billion dollars.)",
        "new evidence from State Register",
        "evidence from blog withdrawn",
        "Wire Daily now supports fewer chips (was 8,000 chips)",
    ] {
        assert!(pdf.contains(want), "{want:?} in\n{pdf}");
    }
}

#[test]
fn an_unchanged_edition_draws_no_since_last_edition() {
    let p = project();
    let dir = p.path();
    brief_ok(dir, &["build", "--date", "2026-07-06"]);
    brief_ok(dir, &["build", "--date", "2026-07-13"]);
    let text = brief_ok(dir, &["diff", "b"]);
    assert!(text.contains("nothing changed"), "{text}");
    let pdf = Pdf::open(&dir.join("out/b/2026-W29/policy.pdf")).text();
    assert!(!pdf.contains("Since last edition"), "{pdf}");
}
