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

// ---------------------------------------------------------------------------
// Real stories (tests/eval/<story>/raw/ + key.toml, the format of the shared
// evaluation): each raw capture is ingested through the CLI with its
// metadata, then figures are scored as the shared scorer does: a key figure
// is found when one group holds its value from two of its outlets; a
// `contradiction` or `update` when one group holds every value and is
// marked as disagreeing; a `scope` difference is a false alarm when a group
// holding every value disagrees without saying scope.

#[derive(Debug, Deserialize)]
struct RealKey {
    sources: Vec<RealSource>,
    #[serde(default)]
    figures: Vec<RealFigure>,
    #[serde(default)]
    disagreements: Vec<RealDisagreement>,
}

#[derive(Debug, Deserialize)]
struct RealSource {
    id: String,
    file: String,
    title: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
    published: Option<toml::value::Datetime>,
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RealFigure {
    subject: String,
    #[serde(default)]
    what: String,
    value: f64,
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RealDisagreement {
    subject: String,
    values: Vec<f64>,
    kind: String,
}

/// The shared scorer's value match: equal within 0.1 %, a date without its
/// year matching on month and day.
fn close(a: f64, b: f64) -> bool {
    let dated = |v: f64| (19_000_101.0..=29_991_231.0).contains(&v);
    if dated(b) && a > 0.0 && a < 10_000.0 {
        return a == b % 10_000.0;
    }
    if dated(a) && b > 0.0 && b < 10_000.0 {
        return b == a % 10_000.0;
    }
    (a - b).abs() <= 1e-3 * a.abs().max(b.abs())
}

fn ingest_story(dir: &Path, key: &RealKey) -> tempfile::TempDir {
    let project = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(project.path().join("seeds")).unwrap();
    std::fs::create_dir_all(project.path().join("briefs")).unwrap();
    for s in &key.sources {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_brief"));
        cmd.current_dir(project.path())
            .arg("ingest")
            .arg(dir.join(&s.file))
            .args(["--id", &s.id]);
        let fields = [
            ("--title", s.title.clone()),
            ("--outlet", s.outlet.clone()),
            ("--author", s.author.clone()),
            ("--date", s.published.as_ref().map(|d| d.to_string())),
            ("--url", s.url.clone()),
        ];
        for (flag, value) in fields {
            if let Some(v) = value {
                cmd.args([flag, &v]);
            }
        }
        let out = cmd.output().expect("brief runs");
        assert!(
            out.status.success(),
            "ingest {} failed: {}",
            s.id,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    project
}

/// (found, total) for figures, differ and scope false alarms, with misses.
#[derive(Default)]
struct RealScore {
    figures: (usize, usize),
    differ: (usize, usize),
    scope_false_alarm: (usize, usize),
    misses: Vec<String>,
}

fn score_real(story: &str) -> RealScore {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/eval")
        .join(story);
    let text = std::fs::read_to_string(dir.join("key.toml")).expect("key readable");
    let key: RealKey = toml::from_str(&text).expect("key parses");
    let project = ingest_story(&dir, &key);
    let (sources, errors) =
        brief::load::seed::load_paths(&[project.path().join("seeds")]).expect("seeds load");
    assert!(errors.is_empty(), "{errors:?}");
    let refs: Vec<_> = sources.iter().collect();
    let analysis = extract::analyze(&refs, Cues::builtin());
    let groups = figures::groups(&analysis);
    let mut score = RealScore::default();
    for f in &key.figures {
        let need = f.sources.len().min(2);
        let found = groups.iter().any(|g| {
            g.values
                .iter()
                .filter(|v| {
                    close(v.value, f.value) && f.sources.iter().any(|s| s == v.source.as_str())
                })
                .map(|v| v.source.as_str())
                .collect::<BTreeSet<_>>()
                .len()
                >= need
        });
        score.figures.1 += 1;
        if found {
            score.figures.0 += 1;
        } else {
            score
                .misses
                .push(format!("figure {} {} = {}", f.subject, f.what, f.value));
        }
    }
    for d in &key.disagreements {
        let holds = |g: &&Group| {
            g.disagree
                && d.values
                    .iter()
                    .all(|&x| g.values.iter().any(|v| close(v.value, x)))
        };
        let hit: Vec<&Group> = groups.iter().filter(holds).collect();
        match d.kind.as_str() {
            "contradiction" | "update" => {
                score.differ.1 += 1;
                if hit.is_empty() {
                    score.misses.push(format!(
                        "disagreement ({}) {} {:?}",
                        d.kind, d.subject, d.values
                    ));
                } else {
                    score.differ.0 += 1;
                }
            }
            "scope" => {
                score.scope_false_alarm.1 += 1;
                if hit.iter().any(|g| g.kind != figures::Kind::Scope) {
                    score.scope_false_alarm.0 += 1;
                    score.misses.push(format!(
                        "scope flagged as disagreement: {} {:?}",
                        d.subject, d.values
                    ));
                }
            }
            _ => {}
        }
    }
    score
}

const REAL_STORIES: [&str; 5] = [
    "ludian-earthquake-2014",
    "motorola-mobility-job-cuts-2012",
    "us-reciprocal-tariffs-apr-2025",
    "disneyland-measles-2015",
    "google-eu-adtech-fine",
];

/// Floors over the five real stories together. The targets are
/// figures >= 0.80, differ >= 0.80, scope false alarms <= 0.20; the floors
/// are what the rules reach today (see README), so that no change makes
/// them worse.
const REAL_FIGURES: f64 = 0.83;
const REAL_DIFFER: f64 = 0.80;
const REAL_SCOPE_FALSE_ALARM: f64 = 0.0;

/// Three stories of other kinds (a wildfire, a data breach, a transit
/// strike), written with their keys by someone who had not read the rules
/// (captured-page style: datelines, wire copy, captions, counts that move).
/// Measured before any rule looked at them: figures 0.80, differ 0.00, scope
/// false alarms 0.15; the floors are what the rules reach now.
const HELD_OUT_STORIES: [&str; 3] = [
    "wildfire-evacuation",
    "airline-data-breach",
    "transit-strike",
];
const HELD_OUT_FIGURES: f64 = 0.87;
const HELD_OUT_DIFFER: f64 = 0.87;
const HELD_OUT_SCOPE_FALSE_ALARM: f64 = 0.08;

fn print_real(name: &str, s: &RealScore) {
    println!(
        "{name:<34} figures {:>2}/{:<2}  differ {:>2}/{:<2}  scope_false_alarm {}/{}",
        s.figures.0,
        s.figures.1,
        s.differ.0,
        s.differ.1,
        s.scope_false_alarm.0,
        s.scope_false_alarm.1
    );
    for m in &s.misses {
        println!("      miss: {m}");
    }
}

/// Figures, differ and scope false alarms over several stories together.
fn total_of(stories: &[&str]) -> (f64, f64, f64) {
    let mut total = RealScore::default();
    for story in stories {
        let s = score_real(story);
        print_real(story, &s);
        total.figures.0 += s.figures.0;
        total.figures.1 += s.figures.1;
        total.differ.0 += s.differ.0;
        total.differ.1 += s.differ.1;
        total.scope_false_alarm.0 += s.scope_false_alarm.0;
        total.scope_false_alarm.1 += s.scope_false_alarm.1;
    }
    let figures = ratio(total.figures.0, total.figures.1);
    let differ = ratio(total.differ.0, total.differ.1);
    let alarms = total.scope_false_alarm.0 as f64 / total.scope_false_alarm.1.max(1) as f64;
    println!("TOTAL figures {figures:.2}  differ {differ:.2}  scope_false_alarm {alarms:.2}");
    (figures, differ, alarms)
}

fn assert_floors((figures, differ, alarms): (f64, f64, f64), floors: (f64, f64, f64)) {
    assert!(figures >= floors.0, "figures {figures:.2} < {}", floors.0);
    assert!(differ >= floors.1, "differ {differ:.2} < {}", floors.1);
    assert!(
        alarms <= floors.2,
        "scope false alarms {alarms:.2} > {}",
        floors.2
    );
}

#[test]
fn real_stories_meet_the_floors() {
    assert_floors(
        total_of(&REAL_STORIES),
        (REAL_FIGURES, REAL_DIFFER, REAL_SCOPE_FALSE_ALARM),
    );
}

#[test]
fn held_out_stories_meet_the_floors() {
    assert_floors(
        total_of(&HELD_OUT_STORIES),
        (
            HELD_OUT_FIGURES,
            HELD_OUT_DIFFER,
            HELD_OUT_SCOPE_FALSE_ALARM,
        ),
    );
}

/// A story of another kind, written (with its key) before any rule was
/// tuned on it: a product recall whose counts grow.
#[test]
fn a_product_recall_story_meets_the_floors() {
    let s = score_real("heater-recall");
    print_real("heater-recall", &s);
    let figures = ratio(s.figures.0, s.figures.1);
    let differ = ratio(s.differ.0, s.differ.1);
    assert!(figures >= 0.60, "figures {figures:.2}");
    assert!(differ >= 0.75, "differ {differ:.2}");
}

// ---------------------------------------------------------------------------
// `brief draft` on the five real stories, measured as the shared score.py
// measures it: the real binary drafts from the ingested articles, and the
// drafted findings are compared with the key's labelled sentences.

#[derive(Debug, Default, Deserialize)]
struct DraftKey {
    #[serde(default)]
    hedged: Vec<RealSentence>,
    #[serde(default)]
    watch: Vec<RealSentence>,
    #[serde(default)]
    asserted: Vec<RealSentence>,
    #[serde(default)]
    established: Vec<RealClaim>,
}

#[derive(Debug, Deserialize)]
struct RealSentence {
    contains: String,
}

#[derive(Debug, Deserialize)]
struct RealClaim {
    claim: String,
    evidence: Vec<RealSentence>,
}

/// score.py's normalisation: typographic quotes and dashes folded,
/// whitespace collapsed, lower case.
fn norm(s: &str) -> String {
    let folded: String = s
        .chars()
        .filter(|&c| c != '\u{ad}')
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .collect();
    folded
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn overlaps(fragment: &str, quote: &str) -> bool {
    let (f, q) = (norm(fragment), norm(quote));
    !f.is_empty() && !q.is_empty() && (q.contains(&f) || (q.len() >= 25 && f.contains(&q)))
}

/// (ok, total) per measure, with misses.
#[derive(Default)]
struct DraftScore {
    proven: (usize, usize),
    established: (usize, usize),
    notproven: (usize, usize),
    hedged: (usize, usize),
    misses: Vec<String>,
}

fn score_draft(story: &str) -> DraftScore {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/eval")
        .join(story);
    let text = std::fs::read_to_string(dir.join("key.toml")).expect("key readable");
    let key: RealKey = toml::from_str(&text).expect("key parses");
    let labels: DraftKey = toml::from_str(&text).expect("key parses");
    let project = ingest_story(&dir, &key);
    let newest = key
        .sources
        .iter()
        .filter_map(|s| s.published.as_ref().map(|d| d.to_string()))
        .max()
        .expect("dated sources");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(project.path())
        .args(["draft", "-o", "briefs/draft.toml", "--date", &newest])
        .output()
        .expect("brief runs");
    assert!(
        out.status.success(),
        "draft failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let drafted = std::fs::read_to_string(project.path().join("briefs/draft.toml")).unwrap();
    let brief: toml::Value = toml::from_str(&drafted).expect("the draft parses");
    let findings = brief
        .get("findings")
        .and_then(|f| f.as_array())
        .cloned()
        .unwrap_or_default();
    let field =
        |f: &toml::Value, k: &str| f.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let quotes = |f: &toml::Value| -> Vec<String> {
        let mut q: Vec<String> = f
            .get("evidence")
            .and_then(|e| e.as_array())
            .into_iter()
            .flatten()
            .map(|e| field(e, "quote"))
            .collect();
        q.push(field(f, "claim"));
        q
    };
    let hits = |f: &toml::Value, frags: &[String]| {
        frags
            .iter()
            .any(|c| quotes(f).iter().any(|q| overlaps(c, q)))
    };
    let of = |list: &[RealSentence]| -> Vec<String> {
        list.iter().map(|s| s.contains.clone()).collect()
    };
    let hedged = of(&labels.hedged);
    let hedged_or_watch: Vec<String> = hedged.iter().cloned().chain(of(&labels.watch)).collect();
    let plain: Vec<String> = of(&labels.asserted)
        .into_iter()
        .chain(labels.established.iter().flat_map(|c| of(&c.evidence)))
        .collect();
    let mut s = DraftScore::default();
    let status = |f: &toml::Value| field(f, "status");
    let proven: Vec<&toml::Value> = findings.iter().filter(|f| status(f) == "proven").collect();
    for f in &proven {
        s.proven.1 += 1;
        if hits(f, &hedged_or_watch) {
            s.misses
                .push(format!("proven but hedged/watch: {}", field(f, "claim")));
        } else {
            s.proven.0 += 1;
        }
    }
    for c in &labels.established {
        s.established.1 += 1;
        let frags = of(&c.evidence);
        if proven.iter().any(|f| hits(f, &frags)) {
            s.established.0 += 1;
        } else {
            s.misses
                .push(format!("established not in proven: {}", c.claim));
        }
    }
    let unsure: Vec<&toml::Value> = findings
        .iter()
        .filter(|f| matches!(status(f).as_str(), "not_proven" | "contested"))
        .collect();
    for f in &unsure {
        s.notproven.1 += 1;
        if hits(f, &plain) && !hits(f, &hedged) {
            s.misses
                .push(format!("not proven but asserted: {}", field(f, "claim")));
        } else {
            s.notproven.0 += 1;
        }
    }
    for h in &hedged {
        s.hedged.1 += 1;
        if unsure
            .iter()
            .any(|f| quotes(f).iter().any(|q| overlaps(h, q)))
        {
            s.hedged.0 += 1;
        }
    }
    s
}

/// Floors for `brief draft` over the five real stories together. The
/// issue's targets are proven >= 0.90, established >= 0.60, notproven >=
/// 0.90, hedged_in_draft >= 0.40; the rules reach 1.00 / 0.77 / 0.95 / 0.56
/// (README), and the floors sit just under that so no change makes it worse.
/// Notproven was 0.98 before single-outlet quotations ("\"I've lived here
/// 31 years,\" she said") stopped filling the not-proven list; the floor
/// moved from 0.95 to 0.93 for it (README), still above the target.
const DRAFT_PROVEN: f64 = 0.95;
const DRAFT_ESTABLISHED: f64 = 0.76;
const DRAFT_NOTPROVEN: f64 = 0.93;
const DRAFT_HEDGED: f64 = 0.55;

/// Draft measures over several stories together: (proven, established,
/// notproven, hedged_in_draft).
fn draft_total(stories: &[&str]) -> (f64, f64, f64, f64) {
    let mut total = DraftScore::default();
    for story in stories {
        let s = score_draft(story);
        println!(
            "{story:<34} proven {}/{}  established {}/{}  notproven {}/{}  hedged_in_draft {}/{}",
            s.proven.0,
            s.proven.1,
            s.established.0,
            s.established.1,
            s.notproven.0,
            s.notproven.1,
            s.hedged.0,
            s.hedged.1
        );
        for m in &s.misses {
            println!("      miss: {m}");
        }
        for (t, x) in [
            (&mut total.proven, s.proven),
            (&mut total.established, s.established),
            (&mut total.notproven, s.notproven),
            (&mut total.hedged, s.hedged),
        ] {
            t.0 += x.0;
            t.1 += x.1;
        }
    }
    let r = |t: (usize, usize)| ratio(t.0, t.1);
    let (p, e, n, h) = (
        r(total.proven),
        r(total.established),
        r(total.notproven),
        r(total.hedged),
    );
    println!("TOTAL proven {p:.2}  established {e:.2}  notproven {n:.2}  hedged_in_draft {h:.2}");
    (p, e, n, h)
}

fn assert_draft_floors((p, e, n, h): (f64, f64, f64, f64), floors: [f64; 4]) {
    assert!(p >= floors[0], "proven {p:.2} < {}", floors[0]);
    assert!(e >= floors[1], "established {e:.2} < {}", floors[1]);
    assert!(n >= floors[2], "notproven {n:.2} < {}", floors[2]);
    assert!(h >= floors[3], "hedged_in_draft {h:.2} < {}", floors[3]);
}

#[test]
fn real_story_drafts_meet_the_floors() {
    assert_draft_floors(
        draft_total(&REAL_STORIES),
        [
            DRAFT_PROVEN,
            DRAFT_ESTABLISHED,
            DRAFT_NOTPROVEN,
            DRAFT_HEDGED,
        ],
    );
}

/// The held-out stories' drafts: measured before any rule looked at them
/// at proven 0.91, established 0.56, notproven 0.91, hedged_in_draft 0.71
/// (the targets: 0.90 / 0.60 / 0.90 / 0.40).
#[test]
fn held_out_story_drafts_meet_the_floors() {
    assert_draft_floors(draft_total(&HELD_OUT_STORIES), [0.90, 0.65, 0.90, 0.65]);
}
