//! `brief draft`: a first brief proposed from the articles. Figures that
//! outlets agree on, figures they disagree on, claims stated as fact by two
//! or more outlets, claims that rest on someone's word, and open questions,
//! each with verbatim quotes and a comment on why it was proposed.
//!
//! The draft is a starting point for an analyst: it passes `brief check` as
//! written, and every choice is explained so it can be kept or cut quickly.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::extract::figures::{self, Group};
use crate::extract::{self, stance, Analysis, Article, Cues, Fact, Stance};
use crate::model::source::Source;
use crate::model::{Brief, Evidence, Finding, KeyFigure, SourceId, Status};

mod claim;
mod label;
mod title;
mod update;

use label::figure_label;

pub use claim::trim_claim;

/// How many items of each kind a draft proposes at most.
const MAX_FIGURES: usize = 6;
const MAX_PROVEN: usize = 6;
const MAX_CONTESTED: usize = 3;
const MAX_NOT_PROVEN: usize = 10;
const MAX_WATCH: usize = 4;
/// How many earlier sentences with a word the clustering compares at most.
const MAX_POSTINGS: usize = 256;

/// What the draft needs besides the articles.
#[derive(Debug, Clone)]
pub struct Options {
    pub title: Option<String>,
    /// The brief's `as_of` date; watch items are due four weeks later.
    pub date: NaiveDate,
}

/// A proposed brief and, for each item, why it was proposed.
#[derive(Debug, Clone)]
pub struct Draft {
    pub brief: Brief,
    pub figure_reasons: Vec<String>,
    pub finding_reasons: Vec<String>,
    pub sources: usize,
}

/// Proposes a brief from the articles.
pub fn draft(sources: &[&Source], cues: &Cues, options: &Options) -> Draft {
    let analysis = extract::analyze(sources, cues);
    let groups = figures::groups(&analysis);
    let subject = main_subject(&analysis);
    let mut d = Draft {
        brief: skeleton(
            &title::headline_subject(&analysis, sources).unwrap_or_else(|| subject.clone()),
            sources.len(),
            options,
        ),
        figure_reasons: Vec::new(),
        finding_reasons: Vec::new(),
        sources: sources.len(),
    };
    propose_figures(&mut d, &groups, sources, &subject);
    let mut ids = HashSet::new();
    let mut push = |d: &mut Draft, (mut finding, reason): (Finding, String)| {
        finding.id = unique_id(&finding, &mut ids).into();
        d.brief.findings.push(finding);
        d.finding_reasons.push(reason);
    };
    let outlets: HashSet<String> = sources
        .iter()
        .filter_map(|s| s.meta.outlet.as_deref())
        .map(crate::util::text::normalize_for_match)
        .collect();
    // Every substantive sentence once, clustered with the sentences of
    // other articles that say the same thing.
    let all = candidates(&analysis);
    let subject_key = extract::entity::key_of(&subject);
    let cl = clusters(&all);
    let take = |status: Status, max: usize, proposals: &[Proposal]| -> Vec<(Finding, String)> {
        proposals
            .iter()
            .filter(|p| p.status == status)
            .take(max)
            .map(|p| (p.finding.clone(), p.reason.clone()))
            .collect()
    };
    // Proven findings first: a sentence that states a fact several outlets
    // share backs that fact, and a contested figure is quoted from the
    // other sentences that give it. Then the rest, from what is left.
    let mut used = Used::new();
    let proven = take(
        Status::Proven,
        MAX_PROVEN,
        &proposals(&all, &cl, &used, &subject_key),
    );
    for (finding, _) in &proven {
        for e in &finding.evidence {
            used.insert((e.source.to_string(), e.quote.clone()));
        }
    }
    // A proven finding's cluster is spent, its hedged reports included: they
    // are the same claim, not a second one.
    let rest: Vec<Vec<usize>> = cl
        .iter()
        .filter(|members| !members.iter().any(|&i| all[i].is_used(&used)))
        .cloned()
        .collect();
    let contested = contested(&groups, &outlets, &subject, &mut used);
    let updates = update::findings(&groups, &all, &outlets, &subject, &mut used);
    let proposals = proposals(&all, &rest, &used, &subject_key);
    for item in proven {
        push(&mut d, item);
    }
    for item in contested.into_iter().chain(updates) {
        push(&mut d, item);
    }
    for item in take(Status::NotProven, MAX_NOT_PROVEN, &proposals) {
        push(&mut d, item);
    }
    for mut item in take(Status::Watch, MAX_WATCH, &proposals) {
        item.0.review_by = options.date.checked_add_days(Days::new(28));
        push(&mut d, item);
    }
    d.brief.bottom_line = bottom_line(&d);
    d
}

/// A proposal for every cluster, from its sentences not `used` yet, best
/// ranked first.
fn proposals(
    all: &[Candidate<'_>],
    clusters: &[Vec<usize>],
    used: &Used,
    subject_key: &str,
) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = clusters
        .iter()
        .map(|members| -> Vec<usize> {
            members
                .iter()
                .copied()
                .filter(|&i| !all[i].is_used(used))
                .collect()
        })
        .filter(|members| !members.is_empty())
        .filter_map(|members| propose(all, &members, subject_key))
        .collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.rank));
    out
}

/// The name the articles mention most (product-like names first).
fn main_subject(analysis: &Analysis<'_>) -> String {
    // What the extraction found the story to be about: titles weigh most,
    // names that mostly speak ("the agency said") do not count.
    analysis
        .main
        .as_deref()
        .map(|key| {
            analysis
                .names
                .get(key)
                .cloned()
                .unwrap_or_else(|| key.to_string())
        })
        .unwrap_or_else(|| "The story".to_string())
}

fn skeleton(subject: &str, sources: usize, options: &Options) -> Brief {
    Brief {
        kicker: KICKER.into(),
        title: options
            .title
            .clone()
            .unwrap_or_else(|| format!("{subject}: what the sources establish")),
        deck: format!(
            "What {sources} articles establish about {subject}, what rests on someone's word, and what to watch next."
        ),
        as_of: options.date,
        authors: Vec::new(),
        keywords: vec![subject.to_string()],
        bottom_line: String::new(),
        figures: Vec::new(),
        findings: Vec::new(),
        timeline: Vec::new(),
        pull_quote: None,
        charts: Vec::new(),
        audiences: Default::default(),
        draft: true,
    }
}

/// Texts `brief draft` writes for the analyst to replace; `brief check`
/// warns for each one still in a brief.
pub const PLACEHOLDERS: [&str; 3] = [
    KICKER,
    "what the sources establish",
    "needs an analyst's review",
];

const KICKER: &str = "Draft brief";

/// The placeholder a text still holds, if any.
pub fn placeholder_in(text: &str) -> Option<&'static str> {
    PLACEHOLDERS.iter().copied().find(|p| text.contains(p))
}

/// How many outlets state a value consistent with `v`.
fn support(g: &Group, v: &figures::Value) -> usize {
    g.values
        .iter()
        .filter(|w| w.consistent(v))
        .map(|w| w.outlet_key.as_str())
        .collect::<BTreeSet<_>>()
        .len()
}

/// The value most outlets state (the first on a tie).
fn best_supported(g: &Group) -> &figures::Value {
    g.values
        .iter()
        .rev()
        .max_by_key(|v| support(g, v))
        .unwrap_or(&g.values[0])
}

/// "up from 398": the earlier value most outlets gave (the higher on a
/// tie), so one stray number does not speak for the series.
fn earlier_values(g: &Group, latest: &figures::Value) -> Option<String> {
    let earlier = update::series(g)
        .into_iter()
        .filter(|v| !v.consistent(latest) && v.value < latest.value)
        .max_by(|a, b| {
            support(g, a)
                .cmp(&support(g, b))
                .then(a.value.total_cmp(&b.value))
        })?;
    Some(format!(
        "up from {}",
        human_value(earlier.value, earlier.high, &g.unit, Style::Letters)
    ))
}

/// Figures two or more outlets agree on, most corroborated first.
/// Only figures whose printed value the checker finds in a cited source
/// ("a third" is not written "33.3%" anywhere), citing those sources.
fn propose_figures(d: &mut Draft, groups: &[Group], all: &[&Source], main: &str) {
    let by_id: HashMap<&SourceId, &Source> = all.iter().map(|s| (s.id(), *s)).collect();
    let mut numbers: HashMap<&SourceId, Vec<crate::numbers::Number>> = HashMap::new();
    let mut agreed: Vec<&Group> = groups
        .iter()
        .filter(|g| {
            let agreed = g.agree >= 2 && !g.disagree;
            // A count that grew is a key figure at its latest value.
            let updated = g.kind == figures::Kind::Update && g.outlets >= 2;
            (agreed || updated) && !g.subject.is_empty()
        })
        // "5% · Percent" or "72 · Duration" tells a reader nothing.
        .filter(|g| !(g.unit == "percent" && g.quantity == g.unit))
        .filter(|g| label::says_what_it_counts(g))
        .collect();
    agreed.sort_by_key(|g| std::cmp::Reverse(g.agree));
    for g in agreed {
        if d.brief.figures.len() == MAX_FIGURES {
            break;
        }
        let updated = g.kind == figures::Kind::Update;
        let series = update::series(g);
        let latest = update::latest(&series);
        let first = if let (true, Some(latest)) = (updated, latest) {
            latest
        } else {
            best_supported(g)
        };
        let value = human_value(first.value, first.high, &g.unit, Style::Letters);
        // The checker verifies every number with its unit: propose only a
        // value it will find as printed.
        let printed = crate::numbers::figure_numbers(&value);
        if printed.is_empty() {
            continue;
        }
        let sources: Vec<SourceId> = dedup(
            g.values
                .iter()
                .filter(|v| v.consistent(first))
                .map(|v| v.source.clone()),
        )
        .into_iter()
        .filter(|id| {
            let Some(&source) = by_id.get(id) else {
                return false;
            };
            let found = numbers
                .entry(source.id())
                .or_insert_with(|| crate::numbers::numbers_in(&source.body));
            printed.iter().all(|&n| crate::numbers::mentions(found, n))
        })
        .collect();
        if sources.is_empty() {
            continue;
        }
        let earlier = updated.then(|| earlier_values(g, first)).flatten();
        // "more than 1,100; up from 450", not "more than; up from 450".
        let qualified = first.qualifier.as_ref().map(|q| format!("{q} {value}"));
        let note = [qualified, earlier.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>();
        d.brief.figures.push(KeyFigure {
            value,
            label: figure_label(g, main),
            sources,
            note: (!note.is_empty()).then(|| note.join("; ")),
        });
        d.figure_reasons.push(if updated {
            format!(
                "a count that grew: latest \"{}\"{}",
                first.text,
                earlier.map(|e| format!(" ({e})")).unwrap_or_default()
            )
        } else {
            format!(
                "reported consistently by {} outlets, e.g. \"{}\"",
                g.agree, first.text
            )
        });
    }
}

/// One finding per figure the outlets contradict each other on (values that
/// cannot all hold): a side per value (as a key-figure strip would print
/// it), a quote per outlet and side. Later counts (`update`), values of
/// another scope and values within each other's qualifiers are not
/// contradictions. A group whose subject is one of the outlets (a dateline,
/// a wire agency) is not about the story.
fn contested(
    groups: &[Group],
    outlets: &HashSet<String>,
    main: &str,
    used: &mut Used,
) -> Vec<(Finding, String)> {
    let mut out = Vec::new();
    for g in groups {
        if out.len() == MAX_CONTESTED {
            break;
        }
        if !g.disagree
            || g.kind != figures::Kind::Contradiction
            || g.subject.is_empty()
            || outlets.contains(&crate::util::text::normalize_for_match(&g.subject))
        {
            continue;
        }
        let side_of = |v: &figures::Value| human_value(v.value, v.high, &g.unit, Style::Words);
        let mut seen = BTreeSet::new();
        let mut per_side_count: HashMap<String, usize> = HashMap::new();
        let evidence: Vec<Evidence> = by_focus(g)
            .into_iter()
            .filter(|v| seen.insert((v.outlet_key.clone(), side_of(v))))
            .filter(|v| !used.contains(&(v.source.to_string(), v.quote.clone())))
            .filter(|v| {
                let n = per_side_count.entry(side_of(v)).or_default();
                *n += 1;
                *n <= QUOTES_PER_SIDE
            })
            .map(|v| Evidence {
                source: v.source.clone(),
                quote: v.quote.clone(),
                side: Some(side_of(v)),
            })
            .collect();
        let sides = dedup(evidence.iter().filter_map(|e| e.side.clone()));
        // Two or three values that cannot all hold; more is a group of
        // several quantities, not one contested figure.
        if !(2..=3).contains(&sides.len()) || within_rounding(g) {
            continue;
        }
        for e in &evidence {
            used.insert((e.source.to_string(), e.quote.clone()));
        }
        let per_side: Vec<String> = sides
            .iter()
            .map(|s| {
                let names = dedup(
                    g.values
                        .iter()
                        .filter(|v| &side_of(v) == s)
                        .map(|v| v.outlet.clone().unwrap_or_else(|| v.source.to_string())),
                );
                format!("{s} ({})", names.join(", "))
            })
            .collect();
        let finding = Finding {
            id: format!("{} {}", g.subject, g.quantity).into(),
            status: Status::Contested,
            claim: format!(
                "{}: the sources disagree, {}.",
                figure_label(g, main),
                sides.join(" vs ")
            ),
            why: format!(
                "Outlets give values that cannot all hold: {}.",
                per_side.join(" vs ")
            ),
            tags: Vec::new(),
            review_by: None,
            evidence,
        };
        let reason = format!(
            "{} outlets give values for this figure that cannot all hold{}",
            g.outlets,
            if g.reason.is_empty() {
                String::new()
            } else {
                format!(" ({})", g.reason)
            }
        );
        out.push((finding, reason));
    }
    out
}

/// The word by which a report says someone disputes or denies the claim.
fn dispute_in(cs: &[&Candidate<'_>]) -> Option<String> {
    cs.iter().find_map(|c| c.fact.stance.disputed.clone())
}

/// Nouns that name a measuring institution by what it is.
const INSTITUTIONS: [&str; 14] = [
    "agency",
    "survey",
    "center",
    "centre",
    "service",
    "institute",
    "office",
    "bureau",
    "ministry",
    "department",
    "authority",
    "commission",
    "observatory",
    "administration",
];

/// Quotes a contested finding gives each side: enough to show who says
/// what (the `why` names every outlet), few enough that a long list
/// sentence stays free to back the finding it states.
const QUOTES_PER_SIDE: usize = 2;

/// A group's values, the sentences most about this figure first: those
/// naming the group's subject, then the shorter (a sentence listing many
/// figures is less about any one of them); in source order otherwise.
fn by_focus(g: &Group) -> Vec<&figures::Value> {
    let subject = crate::util::text::normalize_for_match(&g.subject);
    let mut values: Vec<&figures::Value> = g.values.iter().collect();
    values.sort_by_key(|v| {
        let names = crate::util::text::normalize_for_match(&v.quote).contains(&subject);
        (!names, v.quote.len())
    });
    values
}

/// Values no further apart than rounding ("$12.4 billion", "$12.5
/// billion"): two ways of writing one amount, not a contradiction.
fn within_rounding(g: &Group) -> bool {
    let values: Vec<f64> = g.values.iter().map(|v| v.value).collect();
    let (lo, hi) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    hi > 0.0 && lo > 0.0 && (hi - lo) / hi <= 0.02
}

/// Quotes already backing a finding: (source id, quote).
type Used = HashSet<(String, String)>;

/// Words that say little about what a sentence claims.
const FILLER: [&str; 24] = [
    "that", "with", "this", "from", "have", "were", "been", "which", "their", "about", "would",
    "could", "into", "than", "more", "also", "only", "what", "when", "there", "they", "said",
    "says", "will",
];

fn content_words(sentence: &str) -> HashSet<String> {
    stance::cue_words(sentence)
        .into_iter()
        .flat_map(|w| {
            // "6.5-magnitude" says "6.5" and "magnitude".
            let parts: Vec<String> = if w.contains('-') {
                w.split('-')
                    .map(str::to_string)
                    .chain([w.clone()])
                    .collect()
            } else {
                vec![w]
            };
            parts
        })
        .filter(|w| {
            (w.len() >= 4 || w.chars().any(|c| c.is_ascii_digit())) && !FILLER.contains(&w.as_str())
        })
        .collect()
}

fn overlap(a: &HashSet<String>, b: &HashSet<String>) -> bool {
    let shared = a.intersection(b).count();
    let least = a.len().min(b.len());
    (shared >= 4 && shared * 3 >= least) || (shared == 3 && shared * 2 >= least)
}

/// A sentence of one article, ready for comparison.
struct Candidate<'a> {
    article: &'a Article<'a>,
    fact: &'a Fact,
    words: HashSet<String>,
    /// The independent outlet it counts as (wire copies are one).
    outlet: usize,
}

impl Candidate<'_> {
    fn sentence(&self) -> &str {
        self.article.sentence(self.fact)
    }

    /// Whether the sentence already backs a finding.
    fn is_used(&self, used: &Used) -> bool {
        used.contains(&(
            self.article.source.id().to_string(),
            self.sentence().to_string(),
        ))
    }

    /// "China's earthquake monitoring agency put the magnitude at 6.5": an
    /// institution, named by what it is rather than by name, measured it.
    fn measured_by_an_institution(&self) -> bool {
        let words = stance::cue_words(self.sentence());
        words
            .iter()
            .position(|w| w == "put" || w == "puts")
            .is_some_and(|i| {
                words[i.saturating_sub(1)..i]
                    .iter()
                    .any(|w| INSTITUTIONS.contains(&w.as_str()))
            })
    }

    /// The article's stance; a measurement stated with the body that made
    /// it ("The Survey put the magnitude at 6.1") is a fact about that
    /// measurement, not someone's unconfirmed word.
    fn stance(&self) -> Stance {
        let call = &self.fact.stance;
        let measuring = match call.cue.as_deref() {
            Some("put ... at" | "puts ... at") => {
                !self.fact.bodies.is_empty() || self.measured_by_an_institution()
            }
            // "The Survey reported its magnitude at 6.1".
            Some("reported") => {
                let words = stance::cue_words(self.sentence());
                words.iter().position(|w| w == "reported").is_some_and(|i| {
                    matches!(words.get(i + 1).map(String::as_str), Some("its" | "the"))
                        && words.iter().skip(i + 2).take(3).any(|w| w == "at")
                })
            }
            _ => false,
        };
        if call.stance == Stance::Attributed && measuring {
            return Stance::Asserted;
        }
        // A direct quotation is its speaker's word, whatever it says.
        if self
            .sentence()
            .starts_with(['"', '\u{201C}', '\'', '\u{2018}'])
        {
            return Stance::Attributed;
        }
        call.stance
    }

    /// Forward-looking only by a plain "will" (not "expected to", "plans
    /// to", "whether").
    fn plain_future(&self) -> bool {
        self.stance() == Stance::Forward && self.fact.stance.cue.as_deref() == Some("will")
    }

    /// Two sentences that both give figures say the same thing only if they
    /// share one: "381 killed" and "398 killed" are two counts.
    fn same_figures(&self, other: &Candidate<'_>) -> bool {
        let values = |c: &Candidate<'_>| -> Vec<f64> {
            c.fact.quantities.iter().map(|(q, _)| q.value).collect()
        };
        let (a, b) = (values(self), values(other));
        a.is_empty()
            || b.is_empty()
            || a.iter().any(|x| {
                b.iter()
                    .any(|y| (x - y).abs() <= 1e-3 * x.abs().max(y.abs()))
            })
    }
}

fn candidates<'a>(analysis: &'a Analysis<'a>) -> Vec<Candidate<'a>> {
    let outlets = independent_outlets(analysis);
    analysis
        .articles
        .iter()
        .flat_map(|a| a.facts.iter().map(move |f| (a, f)))
        .filter(|(a, f)| substantive(a.sentence(f)) && !furniture(a, a.sentence(f)))
        .map(|(article, fact)| Candidate {
            article,
            fact,
            words: content_words(article.sentence(fact)),
            outlet: outlets[&article.outlet()],
        })
        .collect()
}

/// A number per independent outlet. Outlets whose articles share two or
/// more long sentences word for word carry one wire text: they count as
/// one outlet, not as corroboration of each other. Linear in the number of
/// sentences (a sentence shared by very many outlets is page furniture and
/// links nothing).
fn independent_outlets(analysis: &Analysis<'_>) -> HashMap<String, usize> {
    let keys: Vec<String> = dedup(analysis.articles.iter().map(|a| a.outlet()));
    let index: HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let mut by_text: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for a in &analysis.articles {
        let outlet = index[a.outlet().as_str()];
        for f in &a.facts {
            let words = stance::cue_words(a.sentence(f));
            if words.len() >= 10 {
                by_text.entry(words.join(" ")).or_default().insert(outlet);
            }
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for outlets in by_text.values().filter(|o| (2..=8).contains(&o.len())) {
        let o: Vec<usize> = outlets.iter().copied().collect();
        for (i, a) in o.iter().enumerate() {
            for b in &o[i + 1..] {
                *shared.entry((*a, *b)).or_default() += 1;
            }
        }
    }
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for ((a, b), n) in shared {
        if n >= 2 {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    keys.iter()
        .enumerate()
        .map(|(i, k)| (k.clone(), root(&mut parent, i)))
        .collect()
}

/// A full sentence, not a heading or a fragment: six words or more ("The
/// cause of the fire is under investigation."), ending as a sentence does.
fn substantive(sentence: &str) -> bool {
    let words = sentence.split_whitespace().count();
    let ends = sentence.ends_with(['.', '"', '\u{201D}', ')']);
    (6..=60).contains(&words) && ends
}

/// Words of page furniture rather than reporting: photo captions and
/// credits, bylines, the outlet addressing its reader.
const FURNITURE: [&str; 22] = [
    "photo",
    "photos",
    "photograph",
    "photographs",
    "pictured",
    "caption",
    "getty",
    "credit",
    "courtesy",
    "illustration",
    "screenshot",
    "file image",
    "reporting by",
    "editing by",
    "contributed to this report",
    "click",
    "subscribe",
    "sign up",
    "newsletter",
    "read more",
    "watch the video",
    "all rights reserved",
];

/// Captions, credits, headlines, bylines and the outlet's own voice ("Below,
/// we map ...") are never claims.
fn furniture(article: &Article<'_>, sentence: &str) -> bool {
    let words = stance::cue_words(sentence);
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let has = |phrase: &str| {
        let p: Vec<&str> = phrase.split(' ').collect();
        refs.windows(p.len()).any(|w| w == p.as_slice())
    };
    if FURNITURE.iter().any(|p| has(p)) {
        return true;
    }
    let quoted = sentence.contains(['"', '\u{201C}', '\u{201D}']);
    // The outlet speaking to its reader, outside any quotation.
    if !quoted
        && refs
            .iter()
            .any(|w| matches!(*w, "we" | "we'll" | "we've" | "our" | "you" | "your"))
    {
        return true;
    }
    // A byline.
    if refs.first() == Some(&"by") && refs.len() <= 12 {
        return true;
    }
    // The headline repeated in the body.
    if let Some(title) = &article.source.meta.title {
        let t = stance::cue_words(title);
        if !t.is_empty() && (t == words || words.len() <= t.len() + 2 && words.starts_with(&t)) {
            return true;
        }
    }
    // A caption: a scene in the present tense closed by its date
    // ("People walk by collapsed houses ... in Ludian, Aug. 4, 2014.").
    caption_date(&refs)
}

/// Whether the sentence ends on a full date ("Aug. 4, 2014", "4 August
/// 2014") after a present-tense verb: how photo captions close.
fn caption_date(words: &[&str]) -> bool {
    let n = words.len();
    if n < 4 {
        return false;
    }
    let is_year = |w: &str| {
        w.len() == 4 && w.starts_with(['1', '2']) && w.chars().all(|c| c.is_ascii_digit())
    };
    let is_day = |w: &str| (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit());
    let is_month = |w: &str| month_word(w);
    let dated = is_year(words[n - 1])
        && ((is_day(words[n - 2]) && is_month(words[n - 3]))
            || (is_month(words[n - 2]) && is_day(words[n - 3])));
    let present = words.iter().take(6).any(|w| {
        w.len() > 3
            && (w.ends_with("ing") || (w.ends_with('s') && !w.ends_with("ss")))
            && !w.chars().next().is_some_and(|c| c.is_ascii_digit())
    });
    dated
        && present
        && !words
            .iter()
            .any(|w| matches!(*w, "was" | "were" | "had" | "said"))
}

fn month_word(w: &str) -> bool {
    w.len() >= 3
        && crate::util::text::MONTHS
            .iter()
            .any(|m| w.starts_with(&m[..3]))
        && w.chars().all(|c| c.is_ascii_alphabetic())
}

/// Sentences that say the same thing, from any articles: a leader and the
/// sentences that overlap it in content words (and share its figures, if
/// both give some). Each sentence joins the one cluster it overlaps most,
/// so a sentence backs one finding only. Candidate clusters are found
/// through an index of content words, not by comparing every pair.
fn clusters(all: &[Candidate<'_>]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: Vec<usize> = Vec::with_capacity(all.len());
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    // A sentence written word for word before (a wire copy, a repost) joins
    // the first one's cluster without a search.
    let mut verbatim: HashMap<Vec<String>, usize> = HashMap::new();
    for (i, c) in all.iter().enumerate() {
        let text = stance::cue_words(c.sentence());
        if let Some(&j) = verbatim.get(&text) {
            let g = group_of[j];
            groups[g].push(i);
            group_of.push(g);
            continue;
        }
        verbatim.insert(text, i);
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for w in &c.words {
            // The most recent sentences with the word: a word in very many
            // sentences says little, and the search stays linear.
            let postings = index.get(w.as_str()).map(Vec::as_slice).unwrap_or_default();
            for j in &postings[postings.len().saturating_sub(MAX_POSTINGS)..] {
                *shared.entry(*j).or_default() += 1;
            }
        }
        let mut best: Option<(usize, std::cmp::Reverse<usize>)> = None;
        for (j, n) in shared {
            let other = &all[j];
            let leader = &all[groups[group_of[j]][0]];
            if n >= 3
                && overlap(&other.words, &c.words)
                && other.same_figures(c)
                && (std::ptr::eq(leader, other) || joins(leader, c))
                && best.is_none_or(|b| (n, std::cmp::Reverse(j)) > b)
            {
                best = Some((n, std::cmp::Reverse(j)));
            }
        }
        let g = match best {
            Some((_, std::cmp::Reverse(j))) => group_of[j],
            None => {
                groups.push(Vec::new());
                groups.len() - 1
            }
        };
        groups[g].push(i);
        group_of.push(g);
        for w in &c.words {
            index.entry(w.as_str()).or_default().push(i);
        }
    }
    groups
}

/// Whether a sentence that overlaps a member of a cluster also stays on
/// its leader's subject (no chains from one claim to the next).
fn joins(leader: &Candidate<'_>, c: &Candidate<'_>) -> bool {
    let shared = leader.words.intersection(&c.words).count();
    shared >= 4 && shared * 3 >= leader.words.len().min(c.words.len()) && leader.same_figures(c)
}

/// Words one outlet quotes ("\"I've lived here for 31 years,\" she said"):
/// colour, not a claim to weigh; several outlets quoting it make it one.
fn only_a_remark(cs: &[&Candidate<'_>]) -> bool {
    let outlets: BTreeSet<usize> = cs.iter().map(|c| c.outlet).collect();
    outlets.len() == 1 && cs.iter().all(|c| quotation(c.sentence()))
}

/// A sentence of quoted speech: opening with a quotation mark, or going on
/// with a quotation an earlier sentence opened ("Forty days is long," he
/// said.) - a closing mark with no opening one.
fn quotation(sentence: &str) -> bool {
    let straight = sentence.matches('"').count();
    let (open, close) = (
        sentence.matches('\u{201C}').count(),
        sentence.matches('\u{201D}').count(),
    );
    sentence.starts_with(['"', '\u{201C}']) || straight % 2 == 1 || close > open
}

/// A finding proposed from one cluster, with its rank.
struct Proposal {
    status: Status,
    rank: (usize, usize, usize),
    finding: Finding,
    reason: String,
}

/// The status a cluster's evidence supports, and the finding. Proven: two
/// or more independent outlets state it as fact (its hedged reports are
/// left out of the evidence). Watch: it is about what comes next. Not
/// proven: it rests on someone's word in every outlet that states it as
/// fact fewer than twice. A claim only one outlet states as fact is not
/// proposed: an analyst can add it, and a short draft that is right beats a
/// long one.
fn propose(all: &[Candidate<'_>], members: &[usize], subject_key: &str) -> Option<Proposal> {
    let of = |s: Stance| -> Vec<&Candidate<'_>> {
        members
            .iter()
            .map(|&i| &all[i])
            .filter(|c| c.stance() == s)
            .collect()
    };
    let (attributed, forward) = (of(Stance::Attributed), of(Stance::Forward));
    let independent =
        |cs: &[&Candidate<'_>]| cs.iter().map(|c| c.outlet).collect::<BTreeSet<_>>().len();
    let names = |cs: &[&Candidate<'_>]| dedup(cs.iter().map(|c| c.article.source.outlet_name()));
    // A plain future ("China will face a 34% rate") states a decided thing;
    // reported so by two outlets it is as proven as a past fact.
    let factual: Vec<&Candidate<'_>> = members
        .iter()
        .map(|&i| &all[i])
        .filter(|c| c.stance() == Stance::Asserted || c.plain_future())
        .collect();
    let (status, backing): (Status, Vec<&Candidate<'_>>) = if independent(&factual) >= 2 {
        (Status::Proven, factual)
    } else if !forward.is_empty() && forward.len() >= attributed.len() {
        (Status::Watch, forward)
    } else if !attributed.is_empty() && !only_a_remark(&attributed) {
        (Status::NotProven, attributed)
    } else {
        return None;
    };
    // One quote per article: the first sentence of each says it.
    let mut seen = HashSet::new();
    let backing: Vec<&Candidate<'_>> = backing
        .into_iter()
        .filter(|c| seen.insert(c.article.source.id().clone()))
        .collect();
    // The claim from the tersest report: the nearest to a bare main clause.
    let lead = backing
        .iter()
        .min_by_key(|c| (c.sentence().split_whitespace().count(), c.fact.range.start))
        .copied()
        .unwrap_or(backing[0]);
    let n = independent(&backing);
    let outlets = names(&backing);
    let cues = dedup(backing.iter().filter_map(|c| c.fact.stance.cue.clone()));
    let cue_list = if cues.is_empty() {
        "a direct quotation".to_string()
    } else {
        quoted_cues(&cues)
    };
    let reported = |n: usize| {
        if n == 1 {
            format!("reported by 1 outlet ({})", outlets.join(", "))
        } else {
            format!("reported by {n} outlets ({})", outlets.join(", "))
        }
    };
    let dispute = dispute_in(&backing);
    let (why, reason) = match status {
        Status::Proven => (
            format!(
                "Stated as fact by {n} outlets ({}); none contradicts it.",
                outlets.join(", ")
            ),
            format!("asserted, and said in substance by {n} independent outlets"),
        ),
        Status::Watch => (
            format!("About what comes next ({cue_list}), {}.", reported(n)),
            format!("forward-looking (cue: {cue_list})"),
        ),
        _ if dispute.is_some() => {
            let word = dispute.as_deref().unwrap_or_default();
            (
                format!(
                    "Disputed (\"{word}\"): one party's word against another's ({cue_list}), {}.",
                    reported(n)
                ),
                format!("disputed (cue: \"{word}\", {cue_list})"),
            )
        }
        _ => (
            format!(
                "Rests on someone's word or is unconfirmed ({cue_list}), {}.",
                reported(n)
            ),
            format!("attributed or hedged (cue: {cue_list})"),
        ),
    };
    let about_main = backing
        .iter()
        .any(|c| c.fact.subject.as_deref() == Some(subject_key));
    let figures = backing.iter().any(|c| !c.fact.quantities.is_empty());
    let rank = (
        n,
        2 * usize::from(about_main) + usize::from(figures),
        usize::MAX - members[0],
    );
    Some(Proposal {
        status,
        rank,
        finding: Finding {
            id: Default::default(),
            status,
            claim: trim_claim(lead.sentence()),
            why,
            tags: Vec::new(),
            review_by: None,
            evidence: backing.iter().map(|c| evidence(c)).collect(),
        },
        reason,
    })
}

/// The first three cues, quoted: "\"said\", \"according to\"".
fn quoted_cues(cues: &[String]) -> String {
    cues.iter()
        .take(3)
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn evidence(c: &Candidate<'_>) -> Evidence {
    Evidence {
        source: c.article.source.id().clone(),
        quote: c.sentence().to_string(),
        side: None,
    }
}

fn dedup<T: Ord + Clone>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut seen = BTreeSet::new();
    items.filter(|x| seen.insert(x.clone())).collect()
}

/// An id from the claim's first content words: "orion-trained-50000-chips".
fn unique_id(finding: &Finding, taken: &mut HashSet<String>) -> String {
    let base_text: &str = if finding.id.is_empty() {
        &finding.claim
    } else {
        &finding.id
    };
    let words: Vec<String> = stance::cue_words(base_text)
        .into_iter()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| w.len() >= 3 && !FILLER.contains(&w.as_str()) && w != "the" && w != "and")
        .take(4)
        .collect();
    let base = if words.is_empty() {
        finding.status.key().replace('_', "-")
    } else {
        words.join("-")
    };
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn bottom_line(d: &Draft) -> String {
    let count = |s: Status| d.brief.findings.iter().filter(|f| f.status == s).count();
    format!(
        "Drafted from {} sources: {}, {}, {}, and {}. Every item needs an analyst's review before this brief goes out.",
        d.sources,
        plural(count(Status::Proven), "claim stated as fact by two or more outlets", "claims stated as fact by two or more outlets"),
        plural(count(Status::Contested), "figure on which the sources disagree", "figures on which the sources disagree"),
        plural(count(Status::NotProven), "claim that rests on someone's word", "claims that rest on someone's word"),
        plural(count(Status::Watch), "open question", "open questions")
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How large numbers are scaled: words in prose ("1.6 trillion"), letters
/// in a key-figure strip ("1.6T").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Words,
    Letters,
}

/// "1.6 trillion", "50,000", "$12 billion", "33–56 billion", "60%"; with
/// [`Style::Letters`]: "1.6T", "$12B", "33–56B".
pub fn human_value(value: f64, high: Option<f64>, unit: &str, style: Style) -> String {
    if unit == "date" {
        return human_date(value);
    }
    let number = match high {
        Some(h) => {
            let (scale, word) = scale_word(h, style);
            format!("{}\u{2013}{}{word}", plain(value / scale), plain(h / scale))
        }
        None => {
            let (scale, word) = scale_word(value, style);
            format!("{}{word}", plain(value / scale))
        }
    };
    match unit {
        "USD" => format!("${number}"),
        "EUR" => format!("€{number}"),
        "GBP" => format!("£{number}"),
        "percent" => format!("{number}%"),
        "times" => format!("{number}x"),
        _ => number,
    }
}

/// `yyyymmdd` (0 for unknown parts) -> "June 30, 2026", "June 30", "June 2026".
fn human_date(value: f64) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let v = value as i64;
    let (y, m, d) = (v / 10_000, (v / 100) % 100, v % 100);
    let month = MONTHS
        .get((m - 1).clamp(0, 11) as usize)
        .copied()
        .unwrap_or("");
    match (y, d) {
        (0, d) => format!("{month} {d}"),
        (y, 0) => format!("{month} {y}"),
        (y, d) => format!("{month} {d}, {y}"),
    }
}

fn scale_word(v: f64, style: Style) -> (f64, &'static str) {
    let words = style == Style::Words;
    match v.abs() {
        x if x >= 1e12 => (1e12, if words { " trillion" } else { "T" }),
        x if x >= 1e9 => (1e9, if words { " billion" } else { "B" }),
        x if x >= 1e6 => (1e6, if words { " million" } else { "M" }),
        _ => (1.0, ""),
    }
}

/// 50000 -> "50,000"; 1.6 -> "1.6".
fn plain(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    if rounded.fract() != 0.0 {
        return format!("{rounded}");
    }
    let digits = format!("{}", rounded as i64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && c.is_ascii_digit() {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------
// Writing the draft

#[derive(Serialize)]
struct Header<'a> {
    draft: bool,
    kicker: &'a str,
    title: &'a str,
    deck: &'a str,
    as_of: String,
    keywords: &'a [String],
    bottom_line: &'a str,
}

#[derive(Serialize)]
struct Figures<'a> {
    figures: &'a [KeyFigure],
}

#[derive(Serialize)]
struct Findings<'a> {
    findings: &'a [Finding],
}

/// The draft as a commented TOML brief.
pub fn to_toml(d: &Draft) -> String {
    let b = &d.brief;
    let mut out = format!(
        "# Draft brief proposed by `brief draft` from {} sources on {}.\n\
         # Every quote is verbatim from its source and the file passes `brief check`.\n\
         # Each item's comment says why it was proposed; keep, rewrite or cut it.\n\
         # `draft = true` marks it unreviewed (`brief check` warns, `brief build` marks\n\
         # every page); delete that line to sign the brief off.\n\n",
        d.sources, b.as_of
    );
    let header = Header {
        draft: b.draft,
        kicker: &b.kicker,
        title: &b.title,
        deck: &b.deck,
        as_of: b.as_of.to_string(),
        keywords: &b.keywords,
        bottom_line: &b.bottom_line,
    };
    out.push_str(&toml::to_string(&header).expect("a draft header serialises"));
    for (f, reason) in b.figures.iter().zip(&d.figure_reasons) {
        out.push_str(&format!("\n# Proposed: {reason}.\n"));
        let one = Figures {
            figures: std::slice::from_ref(f),
        };
        out.push_str(&toml::to_string(&one).expect("a key figure serialises"));
    }
    for (i, (f, reason)) in b.findings.iter().zip(&d.finding_reasons).enumerate() {
        out.push_str(&format!(
            "\n# {}. Proposed as {}: {reason}.\n",
            i + 1,
            f.status.label().to_lowercase()
        ));
        let one = Findings {
            findings: std::slice::from_ref(f),
        };
        out.push_str(&toml::to_string(&one).expect("a finding serialises"));
    }
    out
}

/// Writes the draft, never over an existing file unless `force`.
pub fn write(path: &std::path::Path, text: &str, force: bool) -> crate::Result<()> {
    if path.exists() && !force {
        return Err(crate::Error::Usage(format!(
            "{} exists; pass --force to overwrite it, or choose another -o",
            path.display()
        )));
    }
    crate::util::fs::write_atomic(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_are_furniture() {
        let w = |s: &str| stance::cue_words(s);
        fn refs(v: &[String]) -> Vec<&str> {
            v.iter().map(String::as_str).collect()
        }
        let caption =
            w("People walk past collapsed houses after the storm in Riverton, Aug. 4, 2014.");
        assert!(caption_date(&refs(&caption)));
        let report =
            w("At least 40 people were killed when the storm struck Riverton on Aug. 4, 2014.");
        assert!(!caption_date(&refs(&report)));
    }

    #[test]
    fn human_values_read_like_prose_or_a_key_figure_strip() {
        let w = |v, h, u| human_value(v, h, u, Style::Words);
        let l = |v, h, u| human_value(v, h, u, Style::Letters);
        assert_eq!(w(1.6e12, None, "parameters"), "1.6 trillion");
        assert_eq!(l(1.6e12, None, "parameters"), "1.6T");
        assert_eq!(w(50_000.0, None, "chips"), "50,000");
        assert_eq!(w(12e9, None, "USD"), "$12 billion");
        assert_eq!(l(4.5e9, None, "EUR"), "€4.5B");
        assert_eq!(w(33e9, Some(56e9), "parameters"), "33\u{2013}56 billion");
        assert_eq!(w(60.0, None, "percent"), "60%");
        assert_eq!(w(20260630.0, None, "date"), "June 30, 2026");
        assert_eq!(l(630.0, None, "date"), "June 30");
        // What a strip prints reads back to the same number in the checker.
        for v in [1.6e12, 4.5e9, 1e6, 50_000.0] {
            let read = crate::numbers::figure_numbers(&l(v, None, "USD"));
            assert_eq!(read.first().map(|n| n.value), Some(v));
        }
    }
}
