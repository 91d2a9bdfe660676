//! Scores extraction against labelled keys (tests/eval/): figure groups,
//! numeric disagreements, hedged and forward-looking sentences. Fails under
//! the floors stated in the README. Run with `--nocapture` to see the table.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use brief::extract::entity::key_of;
use brief::extract::figures::{self, Group, Value};
use brief::extract::quantity::same_date;
use brief::extract::{self, Analysis, Cues, Stance};
use brief::util::text::normalize_for_match;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Key {
    seeds: String,
    #[serde(default)]
    figures: Vec<KeyFigure>,
    #[serde(default)]
    disagreements: Vec<KeyDisagreement>,
    #[serde(default)]
    hedged: Vec<KeySentence>,
    #[serde(default)]
    watch: Vec<KeySentence>,
    #[serde(default)]
    asserted: Vec<KeySentence>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFigure {
    subject: String,
    unit: String,
    #[serde(default)]
    what: Option<String>,
    value: f64,
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyDisagreement {
    subject: String,
    unit: String,
    values: Vec<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeySentence {
    source: String,
    contains: String,
}

/// Floors: below any of them the test fails. The README quotes them.
struct Floors {
    figure_recall: f64,
    figure_precision: f64,
    disagreement_recall: f64,
    hedged_recall: f64,
    watch_recall: f64,
    asserted_accuracy: f64,
}

/// On the seeds the issue names: 90% recall on figures in 2+ outlets, every
/// disagreement.
const SEEDS: Floors = Floors {
    figure_recall: 0.9,
    figure_precision: 0.6,
    disagreement_recall: 1.0,
    hedged_recall: 0.8,
    watch_recall: 0.8,
    asserted_accuracy: 0.8,
};

/// On stories no rule was written for: every disagreement still, and a
/// lower recall floor for figures (subjects are harder without product
/// names: "a region of 90,000 people" is not attributed to the town).
const UNSEEN: Floors = Floors {
    figure_recall: 0.75,
    ..SEEDS
};

fn same_subject(key: &str, found: &str) -> bool {
    let (a, b) = (key_of(key), key_of(found));
    !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

fn value_is(v: &Value, wanted: f64) -> bool {
    if v.date {
        return same_date(v.value, wanted);
    }
    let high = v.high.unwrap_or(v.value);
    let tolerance = 0.005 * wanted.abs().max(high.abs());
    v.value - tolerance <= wanted && wanted <= high + tolerance
}

fn matches_figure(g: &Group, k: &KeyFigure) -> usize {
    if g.unit != k.unit || !same_subject(&k.subject, &g.subject) {
        return 0;
    }
    let outlets: BTreeSet<&str> = g
        .values
        .iter()
        .filter(|v| value_is(v, k.value))
        .map(|v| v.source.as_str())
        .collect();
    outlets.len()
}

fn matches_disagreement(g: &Group, d: &KeyDisagreement) -> bool {
    g.disagree
        && g.unit == d.unit
        && same_subject(&d.subject, &g.subject)
        && d.values
            .iter()
            .all(|&w| g.values.iter().any(|v| value_is(v, w)))
}

fn ratio(hit: usize, all: usize) -> f64 {
    if all == 0 {
        1.0
    } else {
        hit as f64 / all as f64
    }
}

struct Score {
    name: &'static str,
    value: f64,
    floor: f64,
    misses: Vec<String>,
}

fn stance_score(
    analysis: &Analysis<'_>,
    items: &[KeySentence],
    wanted: Stance,
    name: &'static str,
    floor: f64,
) -> Score {
    let mut misses = Vec::new();
    for item in items {
        let needle = normalize_for_match(&item.contains);
        let article = analysis
            .articles
            .iter()
            .find(|a| a.source.id().as_str() == item.source)
            .unwrap_or_else(|| panic!("key names unknown source {}", item.source));
        let fact = article
            .facts
            .iter()
            .find(|f| normalize_for_match(article.sentence(f)).contains(&needle))
            .unwrap_or_else(|| {
                panic!(
                    "key sentence not found in {}: {:?}",
                    item.source, item.contains
                )
            });
        if fact.stance.stance != wanted {
            misses.push(format!(
                "{}: {:?} classified {:?}",
                item.source, item.contains, fact.stance
            ));
        }
    }
    Score {
        name,
        value: ratio(items.len() - misses.len(), items.len()),
        floor,
        misses,
    }
}

fn evaluate(key_path: &Path, floors: &Floors) -> Vec<Score> {
    let text = std::fs::read_to_string(key_path).expect("key readable");
    let key: Key = toml::from_str(&text).expect("key parses");
    let seeds: PathBuf = key_path.parent().unwrap().join(&key.seeds);
    let (sources, errors) = brief::load::seed::load_paths(&[seeds]).expect("seeds load");
    assert!(errors.is_empty(), "{errors:?}");
    let refs: Vec<_> = sources.iter().collect();
    let analysis = extract::analyze(&refs, Cues::builtin());
    let groups = figures::groups(&analysis);

    let multi: Vec<&KeyFigure> = key
        .figures
        .iter()
        .filter(|k| k.sources.len() >= 2)
        .collect();
    let missed: Vec<String> = multi
        .iter()
        .filter(|k| !groups.iter().any(|g| matches_figure(g, k) >= 2))
        .map(|k| format!("{} {} {} ({:?})", k.subject, k.value, k.unit, k.what))
        .collect();
    let agreed: Vec<&Group> = groups.iter().filter(|g| g.agree >= 2).collect();
    let spurious: Vec<String> = agreed
        .iter()
        .filter(|g| !key.figures.iter().any(|k| matches_figure(g, k) >= 1))
        .map(|g| {
            format!(
                "{} · {} · {}: {}",
                g.subject, g.quantity, g.unit, g.values[0].text
            )
        })
        .collect();
    let dis_missed: Vec<String> = key
        .disagreements
        .iter()
        .filter(|d| !groups.iter().any(|g| matches_disagreement(g, d)))
        .map(|d| format!("{} {} {:?}", d.subject, d.unit, d.values))
        .collect();
    let flagged: Vec<&Group> = groups.iter().filter(|g| g.disagree).collect();
    let false_flags: Vec<String> = flagged
        .iter()
        .filter(|g| !key.disagreements.iter().any(|d| matches_disagreement(g, d)))
        .map(|g| format!("{} · {} · {}", g.subject, g.quantity, g.unit))
        .collect();

    vec![
        Score {
            name: "figure recall (2+ outlets)",
            value: ratio(multi.len() - missed.len(), multi.len()),
            floor: floors.figure_recall,
            misses: missed,
        },
        Score {
            name: "figure precision (groups 2+ outlets agree on)",
            value: ratio(agreed.len() - spurious.len(), agreed.len()),
            floor: floors.figure_precision,
            misses: spurious,
        },
        Score {
            name: "disagreement recall",
            value: ratio(
                key.disagreements.len() - dis_missed.len(),
                key.disagreements.len(),
            ),
            floor: floors.disagreement_recall,
            misses: dis_missed,
        },
        Score {
            name: "disagreement precision (reported)",
            value: ratio(flagged.len() - false_flags.len(), flagged.len()),
            floor: 0.0,
            misses: false_flags,
        },
        stance_score(
            &analysis,
            &key.hedged,
            Stance::Attributed,
            "hedged recall",
            floors.hedged_recall,
        ),
        stance_score(
            &analysis,
            &key.watch,
            Stance::Forward,
            "watch recall",
            floors.watch_recall,
        ),
        stance_score(
            &analysis,
            &key.asserted,
            Stance::Asserted,
            "asserted kept asserted",
            floors.asserted_accuracy,
        ),
    ]
}

fn run(key: &str, floors: &Floors) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/eval")
        .join(key);
    let scores = evaluate(&path, floors);
    let mut failed = Vec::new();
    println!("{key}");
    for s in &scores {
        println!("  {:<48} {:>5.2}  (floor {:.2})", s.name, s.value, s.floor);
        for m in &s.misses {
            println!("      miss: {m}");
        }
        if s.value < s.floor {
            failed.push(format!(
                "{}: {:.2} < {:.2}: {:?}",
                s.name, s.value, s.floor, s.misses
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{key}: below the floors:\n{}",
        failed.join("\n")
    );
}

#[test]
fn longcat_seeds_meet_the_floors() {
    run("longcat.key.toml", &SEEDS);
}

#[test]
fn a_congestion_charge_story_meets_the_floors() {
    run("congestion/key.toml", &UNSEEN);
}

#[test]
fn a_battery_plant_story_meets_the_floors() {
    run("gigafactory/key.toml", &UNSEEN);
}
