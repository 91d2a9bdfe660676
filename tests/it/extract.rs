//! `brief figures` and `brief draft` on the real binary.

use crate::common::{brief, brief_ok, project_from, repo, Pdf};

fn longcat_project() -> tempfile::TempDir {
    project_from(&[(&repo().join("seeds"), "seeds")])
}

#[test]
fn figures_json_groups_values_and_flags_the_token_disagreement() {
    let p = longcat_project();
    let out = brief_ok(p.path(), &["figures", "--format", "json"]);
    let groups: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let groups = groups.as_array().expect("an array of groups");
    let tokens = groups
        .iter()
        .find(|g| {
            g["subject"] == "LongCat-2.0"
                && g["quantity"] == "training tokens"
                && g["disagree"] == true
        })
        .unwrap_or_else(|| panic!("no disagreeing token group in {out}"));
    let values: Vec<f64> = tokens["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_f64().unwrap())
        .collect();
    assert!(
        values.contains(&30e12) && values.contains(&35e12),
        "{values:?}"
    );
    // Every value carries its phrase and a verbatim sentence of its source.
    for g in groups {
        for v in g["values"].as_array().unwrap() {
            let source = v["source"].as_str().unwrap();
            let seed = std::fs::read_to_string(repo().join(format!("seeds/{source}.md"))).unwrap();
            let quote = v["quote"].as_str().unwrap();
            assert!(
                seed.contains(quote),
                "quote not verbatim in {source}: {quote}"
            );
            assert!(quote.contains(v["text"].as_str().unwrap()));
        }
    }
    // Different things' figures stay apart: DeepSeek's 1,000-chip cluster is
    // not merged into LongCat's 50,000.
    let chips: Vec<&serde_json::Value> = groups.iter().filter(|g| g["unit"] == "chips").collect();
    let longcat = chips
        .iter()
        .find(|g| g["subject"] == "LongCat-2.0")
        .expect("LongCat chips");
    assert!(longcat["agree"].as_u64().unwrap() >= 4, "{longcat}");
    assert!(chips
        .iter()
        .any(|g| g["subject"].as_str().unwrap().contains("V4-Pro")));
}

#[test]
fn figures_human_listing_and_min_outlets() {
    let p = longcat_project();
    let all = brief_ok(p.path(), &["figures"]);
    let multi = brief_ok(p.path(), &["figures", "--min-outlets", "2"]);
    assert!(multi.contains("DISAGREE"), "{multi}");
    assert!(multi.len() < all.len());
    assert!(!multi.contains("· 1 outlet"));
}

#[test]
fn draft_passes_check_builds_and_is_never_overwritten_silently() {
    let p = longcat_project();
    let dir = p.path();
    std::fs::create_dir_all(dir.join("briefs")).unwrap();
    let out = brief_ok(
        dir,
        &[
            "draft",
            "-o",
            "briefs/story.toml",
            "--date",
            "2026-07-06",
            "--title",
            "Trained at home?",
        ],
    );
    assert!(out.contains("0 errors"), "{out}");
    let text = std::fs::read_to_string(dir.join("briefs/story.toml")).unwrap();
    assert!(text.contains("# Proposed"), "{text}");
    for status in ["proven", "contested", "not_proven", "watch"] {
        assert!(
            text.contains(&format!("status = \"{status}\"")),
            "no {status} finding:\n{text}"
        );
    }
    assert!(text.contains("title = \"Trained at home?\""));
    // A draft says so: the marker, as_of from the newest article, a warning
    // for the marker and each placeholder, every page marked.
    assert!(text.contains("\ndraft = true\n"), "{text}");
    // The draft passes the checker as written, and builds.
    let checked = brief(dir, &["check", "story", "--date", "2026-07-06"]);
    assert!(checked.status.success());
    let warnings = String::from_utf8_lossy(&checked.stderr).into_owned()
        + &String::from_utf8_lossy(&checked.stdout);
    assert!(warnings.contains("warning[draft]"), "{warnings}");
    assert!(warnings.contains("warning[placeholder]"), "{warnings}");
    brief_ok(dir, &["build", "story", "--date", "2026-07-06"]);
    let pdf = Pdf::open(&dir.join("out/story/2026-W28/policy.pdf"));
    assert!(pdf.text().contains("Trained at home?"));
    assert!(
        pdf.text().to_lowercase().contains("unreviewed draft"),
        "{}",
        pdf.text()
    );
    // Signed off: without the marker and the placeholders, no warning.
    let signed = text
        .replace("\ndraft = true\n", "\n")
        .replace("kicker = \"Draft brief\"", "kicker = \"Chips\"")
        .replace("needs an analyst's review", "was reviewed");
    std::fs::write(dir.join("briefs/story.toml"), signed).unwrap();
    let checked = brief(dir, &["check", "story", "--date", "2026-07-06"]);
    let after = String::from_utf8_lossy(&checked.stderr).into_owned();
    assert!(
        !after.contains("warning[draft]") && !after.contains("warning[placeholder]"),
        "{after}"
    );
    let undated = brief_ok(dir, &["draft", "-o", "briefs/undated.toml"]);
    assert!(undated.contains("0 errors"), "{undated}");
    let undated = std::fs::read_to_string(dir.join("briefs/undated.toml")).unwrap();
    let newest = std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path()).ok())
        .filter_map(|t| {
            t.lines().find_map(|l| {
                l.strip_prefix("published = ")
                    .map(|d| d.trim_matches('"').to_string())
            })
        })
        .max()
        .expect("dated seeds");
    assert!(
        undated.contains(&format!("as_of = \"{newest}\"")),
        "{newest}\n{undated}"
    );

    // Never overwritten without --force.
    std::fs::write(dir.join("briefs/story.toml"), "# mine\n").unwrap();
    let refused = brief(dir, &["draft", "-o", "briefs/story.toml"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(dir.join("briefs/story.toml")).unwrap(),
        "# mine\n"
    );
    brief_ok(dir, &["draft", "-o", "briefs/story.toml", "--force"]);
}

#[test]
fn draft_works_on_a_story_it_was_not_written_for() {
    let p = project_from(&[(&repo().join("tests/eval/gigafactory/seeds"), "seeds")]);
    let dir = p.path();
    brief_ok(
        dir,
        &["draft", "-o", "briefs/plant.toml", "--date", "2027-05-14"],
    );
    brief_ok(dir, &["check", "plant", "--date", "2027-05-14"]);
    let text = std::fs::read_to_string(dir.join("briefs/plant.toml")).unwrap();
    assert!(
        text.contains("€600 million") || text.contains("600 million"),
        "{text}"
    );
    // Key figures say what they count, not "<story subject> <measure>".
    assert!(text.contains("label = \"Workforce\""), "{text}");
    assert!(!text.contains("label = \"Voltara"), "{text}");
}

#[test]
fn a_project_cue_file_replaces_the_built_in_one_and_is_checked() {
    let p = longcat_project();
    let dir = p.path();
    // A valid project file is used instead of the built-in lists.
    let builtin = std::fs::read_to_string(repo().join("src/extract/cues.toml")).unwrap();
    let renamed = builtin.replacen("unit = \"chips\"", "unit = \"devices\"", 1);
    assert_ne!(renamed, builtin);
    std::fs::write(dir.join("cues.toml"), renamed).unwrap();
    let json = brief_ok(dir, &["figures", "--format", "json"]);
    assert!(json.contains("\"unit\": \"devices\""), "{json}");
    assert!(!json.contains("\"unit\": \"chips\""), "{json}");
    // A malformed one is an error with its position.
    std::fs::write(
        dir.join("cues.toml"),
        "qualifiers = [\"about\"]\nunits = 3\n",
    )
    .unwrap();
    let out = brief(dir, &["figures"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cues.toml:2:"), "{err}");
    assert!(err.contains("docs/extraction.md"), "{err}");
}

#[test]
fn figures_listing_of_an_unseen_story_is_stable() {
    let p = project_from(&[(&repo().join("tests/eval/congestion/seeds"), "seeds")]);
    let out = brief_ok(p.path(), &["figures", "--min-outlets", "2"]);
    insta::assert_snapshot!(out);
}

/// A project of invented articles, one per (id, outlet, date, body).
fn story(articles: &[(&str, &str, &str, &str)]) -> tempfile::TempDir {
    let p = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(p.path().join("seeds")).unwrap();
    std::fs::create_dir_all(p.path().join("briefs")).unwrap();
    for (id, outlet, date, body) in articles {
        let text = format!(
            "+++\nid = \"{id}\"\ntitle = \"Report {id}\"\noutlet = \"{outlet}\"\npublished = {date}\n+++\n\n{body}\n"
        );
        std::fs::write(p.path().join(format!("seeds/{id}.md")), text).unwrap();
    }
    p
}

fn groups_of(dir: &std::path::Path) -> Vec<serde_json::Value> {
    let json = brief_ok(dir, &["figures", "--format", "json"]);
    serde_json::from_str(&json).unwrap()
}

/// The group holding every one of `values` (from the outlets' sources).
fn group_with<'g>(
    groups: &'g [serde_json::Value],
    values: &[f64],
) -> Option<&'g serde_json::Value> {
    groups.iter().find(|g| {
        values.iter().all(|want| {
            g["values"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| (v["value"].as_f64().unwrap() - want).abs() < 1e-6)
        })
    })
}

#[test]
fn list_items_keep_their_own_names_and_share_the_first_measure() {
    let p = story(&[
        (
            "a",
            "Alpha Wire",
            "2031-03-02",
            "Levies announced on Monday include a 12% tariff on imports from Freedonia, 15% on imports from Sylvania and 9% on Genovia.",
        ),
        (
            "b",
            "Beta Daily",
            "2031-03-02",
            "Other nations hit with larger tariffs include Freedonia at 12 percent, Sylvania at 15 percent and Genovia at 9 percent.",
        ),
    ]);
    let groups = groups_of(p.path());
    for (name, value) in [("Freedonia", 12.0), ("Sylvania", 15.0), ("Genovia", 9.0)] {
        let g = group_with(&groups, &[value])
            .unwrap_or_else(|| panic!("no group for {value}: {groups:#?}"));
        assert_eq!(g["subject"], name, "{g:#?}");
        assert_eq!(g["outlets"], 2, "{g:#?}");
        assert_eq!(g["quantity"], "tariff", "{g:#?}");
    }
}

#[test]
fn a_count_the_articles_say_moves_is_an_update_not_a_contradiction() {
    // Acres are no evolving measure in the cue file: the articles' own
    // "grew from ... to" says this figure moves.
    let p = story(&[
        (
            "a",
            "Alpha Wire",
            "2031-08-11",
            "The Cedar Fire grew from 1,200 acres on Monday morning to 2,600 acres by the evening (1,050 hectares).",
        ),
        (
            "b",
            "Beta Daily",
            "2031-08-12",
            "The Cedar Fire has burned 6,000 acres, fire officials said on Tuesday.",
        ),
    ]);
    let groups = groups_of(p.path());
    let g = group_with(&groups, &[1200.0, 2600.0, 6000.0])
        .unwrap_or_else(|| panic!("one group for the three counts: {groups:#?}"));
    assert_eq!(g["kind"], "update", "{g:#?}");
    assert_eq!(g["unit"], "acres", "{g:#?}");
    // The hectares are not acres.
    assert!(
        group_with(&groups, &[1200.0, 1050.0]).is_none(),
        "{groups:#?}"
    );
}

#[test]
fn two_parties_giving_two_values_in_one_article_disagree() {
    let body = "Nordwind Air has said that about 1.2 million customers were affected. The Harbor Data Authority said its inquiry found that up to 2.1 million customers had been affected.";
    let p = story(&[
        ("a", "Alpha Wire", "2031-05-02", body),
        ("b", "Beta Daily", "2031-05-02", body),
    ]);
    let groups = groups_of(p.path());
    let g = group_with(&groups, &[1_200_000.0, 2_100_000.0])
        .unwrap_or_else(|| panic!("one group for both values: {groups:#?}"));
    assert_eq!(g["kind"], "contradiction", "{g:#?}");
    assert_eq!(g["disagree"], true, "{g:#?}");
}

#[test]
fn a_count_that_grew_is_a_key_figure_at_its_latest_value() {
    let p = story(&[
        (
            "a",
            "Alpha Wire",
            "2031-08-11",
            "The Cedar Fire grew from 1,200 acres on Monday morning to 2,600 acres by the evening.",
        ),
        (
            "b",
            "Beta Daily",
            "2031-08-12",
            "The Cedar Fire has burned 6,000 acres, fire officials said on Tuesday.",
        ),
    ]);
    let dir = p.path();
    brief_ok(
        dir,
        &["draft", "-o", "briefs/fire.toml", "--date", "2031-08-12"],
    );
    let text = std::fs::read_to_string(dir.join("briefs/fire.toml")).unwrap();
    assert!(text.contains("value = \"6,000\""), "{text}");
    assert!(text.contains("note = \"up from 2,600\""), "{text}");
    brief_ok(dir, &["check", "fire", "--date", "2031-08-12"]);
}

/// Drafts `briefs/NAME.toml` as of `date` and reads its findings back as
/// TOML tables.
fn draft_findings(dir: &std::path::Path, name: &str, date: &str) -> Vec<toml::Value> {
    let out = format!("briefs/{name}.toml");
    brief_ok(dir, &["draft", "-o", &out, "--date", date]);
    let text = std::fs::read_to_string(dir.join(format!("briefs/{name}.toml"))).unwrap();
    let brief: toml::Value = toml::from_str(&text).unwrap();
    brief["findings"].as_array().cloned().unwrap_or_default()
}

#[test]
fn a_count_that_grew_is_one_finding_with_the_earlier_counts_as_evidence() {
    let p = story(&[
        (
            "a",
            "Alpha Wire",
            "2031-08-11",
            "At least 40 people were killed when the dam at Lake Orrin failed on Sunday night.",
        ),
        (
            "b",
            "Beta Daily",
            "2031-08-12",
            "The dam failure at Lake Orrin has killed 55 people, and rescuers were still searching the valley.",
        ),
        (
            "c",
            "Gamma Post",
            "2031-08-13",
            "The death toll from the Lake Orrin dam failure rose to 71 people on Tuesday as the water receded.",
        ),
    ]);
    let dir = p.path();
    let findings = draft_findings(dir, "dam", "2031-08-13");
    let rose: Vec<&toml::Value> = findings
        .iter()
        .filter(|f| f["claim"].as_str().unwrap().contains("71 people"))
        .collect();
    let [f] = rose.as_slice() else {
        panic!("one finding for the count: {findings:#?}");
    };
    let claim = f["claim"].as_str().unwrap();
    assert!(claim.contains("up from 55 people"), "{claim}");
    assert!(claim.contains("40 people"), "{claim}");
    // Superseded counts are not a contradiction; the newest count has one
    // outlet that states it as fact, and the two before it two others.
    assert_ne!(f["status"].as_str(), Some("contested"), "{f:#?}");
    assert!(f["why"].as_str().unwrap().contains("superseded"), "{f:#?}");
    let quoted: Vec<&str> = f["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["source"].as_str().unwrap())
        .collect();
    assert_eq!(quoted, ["c", "b", "a"], "{f:#?}");
    // No other finding quotes the same counts as a contested figure.
    assert!(
        findings
            .iter()
            .all(|f| f["status"].as_str() != Some("contested")),
        "{findings:#?}"
    );
    brief_ok(dir, &["check", "dam", "--date", "2031-08-13"]);
}

#[test]
fn a_disputed_claim_says_so_and_a_lone_quotation_is_no_claim() {
    let p = story(&[
        (
            "a",
            "Alpha Wire",
            "2031-10-07",
            "Harbor Transit says the union's proposal would cost $90 million more over four years, a figure the union disputes. \"We have waited long enough for a fair deal,\" said a driver at the Eastgate depot. \"Nobody here wants a strike. We have had no raise in three years at the depot,\" said another driver.",
        ),
        (
            "b",
            "Beta Daily",
            "2031-10-07",
            "Harbor Transit says the union's proposal would cost $90 million more over four years, a figure the union disputes.",
        ),
    ]);
    let dir = p.path();
    let findings = draft_findings(dir, "strike", "2031-10-07");
    let cost = findings
        .iter()
        .find(|f| f["claim"].as_str().unwrap().contains("$90 million"))
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(cost["status"].as_str(), Some("not_proven"), "{cost:#?}");
    assert!(
        cost["why"]
            .as_str()
            .unwrap()
            .starts_with("Disputed (\"disputes\")"),
        "{cost:#?}"
    );
    assert!(
        findings.iter().all(|f| {
            let claim = f["claim"].as_str().unwrap();
            // Nor the quotation's second sentence, opened in the first.
            !claim.contains("waited long enough") && !claim.contains("no raise in three years")
        }),
        "{findings:#?}"
    );
}

#[test]
fn the_draft_title_names_what_the_headlines_name_when_the_bodies_do_not() {
    // The bodies make the regulator the subject; both headlines name the
    // airline.
    let body = "The Harbor Data Authority opened an inquiry on Monday into a leak of passenger records. The Harbor Data Authority fined two other firms last year for similar leaks. The Harbor Data Authority has a staff of 40 investigators. Nordwind Air has not commented.";
    let p = story(&[
        ("a", "Alpha Wire", "2031-05-02", body),
        ("b", "Beta Daily", "2031-05-02", body),
    ]);
    for (id, title) in [
        ("a", "Nordwind Air faces inquiry over data leak"),
        ("b", "Regulator opens inquiry into Nordwind Air"),
    ] {
        let path = p.path().join(format!("seeds/{id}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace(&format!("Report {id}"), title)).unwrap();
    }
    let dir = p.path();
    brief_ok(
        dir,
        &["draft", "-o", "briefs/t.toml", "--date", "2031-05-02"],
    );
    let text = std::fs::read_to_string(dir.join("briefs/t.toml")).unwrap();
    assert!(
        text.contains("title = \"Nordwind Air: what the sources establish\""),
        "{text}"
    );
}

#[test]
fn hours_of_the_day_and_ages_are_not_counts() {
    let p = story(&[
        (
            "a",
            "Alpha Wire",
            "2031-10-06",
            "Police said 12 people were arrested near the depot shortly after 5 a.m. on Monday, including an 18-year-old student.",
        ),
        (
            "b",
            "Beta Daily",
            "2031-10-06",
            "Twelve people were arrested outside the depot before 7 am, among them a 19-year-old.",
        ),
    ]);
    let groups = groups_of(p.path());
    for stray in [5.0, 7.0, 18.0, 19.0] {
        assert!(
            group_with(&groups, &[stray]).is_none(),
            "{stray}: {groups:#?}"
        );
    }
    let g = group_with(&groups, &[12.0]).unwrap_or_else(|| panic!("{groups:#?}"));
    assert_eq!(g["quantity"], "arrests", "{g:#?}");
    assert_eq!(g["agree"], 2, "{g:#?}");
}

#[test]
fn a_place_named_after_in_is_not_what_the_next_sentence_counts() {
    // "in the worst-hit Arden County" says where; the tally after it is the
    // story's, and a later tally of the same count is an update.
    let p = story(&[
        (
            "a",
            "Alpha Wire",
            "2031-04-04",
            "The Marlow earthquake killed 300 people and injured 1,200, officials said.",
        ),
        (
            "b",
            "Beta Daily",
            "2031-04-06",
            "The Marlow earthquake killed at least 410 people, officials said on Tuesday. Among the reported deaths, 200 were in the worst-hit Arden County and 90 in Bexley County. The official tally showed that 1,900 people were injured.",
        ),
    ]);
    let groups = groups_of(p.path());
    let g = group_with(&groups, &[1200.0, 1900.0])
        .unwrap_or_else(|| panic!("one group for both injury counts: {groups:#?}"));
    assert_eq!(g["kind"], "update", "{g:#?}");
}

#[test]
fn a_percentage_named_before_or_after_it_is_one_measure_that_may_start_at_zero() {
    let p = story(&[
        (
            "a",
            "Alpha Wire",
            "2031-08-11",
            "The Cedar Fire was 0% contained on Monday, officials said.",
        ),
        (
            "b",
            "Beta Daily",
            "2031-08-12",
            "Containment stood at 5%, up from 0% in the morning.",
        ),
        (
            "c",
            "Gamma News",
            "2031-08-13",
            "The Cedar Fire was 12% contained by Wednesday.",
        ),
    ]);
    let groups = groups_of(p.path());
    let g = group_with(&groups, &[0.0, 5.0, 12.0])
        .unwrap_or_else(|| panic!("one group for the containment series: {groups:#?}"));
    assert_eq!(g["kind"], "update", "{g:#?}");
}
