//! A count that grew as the story developed ("381 dead", later "398", then
//! "close to 600"): one finding at its latest value with the earlier counts
//! in its evidence. Earlier counts are superseded, not contradicted.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use super::{dedup, Candidate, Used};
use crate::extract::figures::{self, Group, Value};
use crate::extract::Stance;
use crate::model::{Evidence, Finding, Status};

/// How many counts that grew a draft states at most.
const MAX_UPDATES: usize = 3;
/// Steps of a count a finding states: the latest and two before it.
const MAX_STEPS: usize = 3;
/// Quotes a step gives at most.
const QUOTES_PER_STEP: usize = 2;

/// The values of a group its own clauses name with the group's measure
/// ("398 people were killed" in a deaths group); a number that came in by
/// its unit alone ("300 police", beside "nearly 400 people died") counts
/// something else. All values when fewer than two are named.
pub(super) fn series(g: &Group) -> Vec<&Value> {
    let named: Vec<&Value> = g
        .values
        .iter()
        .filter(|v| v.measure == g.quantity)
        .collect();
    if named.len() >= 2 {
        named
    } else {
        g.values.iter().collect()
    }
}

/// The latest value of a count that grew: from the newest article, the
/// one its clause marks as later, the highest.
pub(super) fn latest<'v>(values: &[&'v Value]) -> Option<&'v Value> {
    let later = |v: &Value| v.time == Some(crate::extract::quantity::Time::Later);
    values.iter().copied().max_by(|a, b| {
        (a.published, later(a))
            .cmp(&(b.published, later(b)))
            .then(a.value.total_cmp(&b.value))
    })
}

/// One value of the count and the statements that give it.
struct Step<'v> {
    values: Vec<(&'v Value, &'v Candidate<'v>)>,
}

impl Step<'_> {
    fn shown(&self) -> &Value {
        self.values[0].0
    }

    /// When it was first reported.
    fn first_date(&self) -> Option<NaiveDate> {
        self.values.iter().filter_map(|(v, _)| v.published).min()
    }

    /// When it was last reported.
    fn last_date(&self) -> Option<NaiveDate> {
        self.values.iter().filter_map(|(v, _)| v.published).max()
    }

    /// The value as its first statement writes it, in running text
    /// ("nearly 400 people", not "Nearly 400 people").
    fn text(&self) -> String {
        let text = &self.shown().text;
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
                first.to_lowercase().chain(text.chars().skip(1)).collect()
            }
            _ => text.clone(),
        }
    }

    /// Whether every statement of it is made as fact.
    fn all_asserted(&self) -> bool {
        self.values
            .iter()
            .all(|(_, c)| c.stance() == Stance::Asserted)
    }

    fn outlet_names(&self) -> Vec<String> {
        dedup(
            self.values
                .iter()
                .map(|(_, c)| c.article.source.outlet_name()),
        )
    }

    /// Independent outlets that state this value as fact.
    fn asserted_by(&self) -> usize {
        self.values
            .iter()
            .filter(|(_, c)| c.stance() == Stance::Asserted)
            .map(|(_, c)| c.outlet)
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// Its quotes: one per independent outlet, at most [`QUOTES_PER_STEP`].
    fn evidence(&self) -> Vec<Evidence> {
        let mut outlets = BTreeSet::new();
        self.values
            .iter()
            .filter(|(_, c)| outlets.insert(c.outlet))
            .take(QUOTES_PER_STEP)
            .map(|(_, c)| super::evidence(c))
            .collect()
    }
}

/// A finding for each count that grew (a group of kind `update`), from
/// statements no other finding quotes yet.
pub(super) fn findings(
    groups: &[Group],
    all: &[Candidate<'_>],
    outlets: &HashSet<String>,
    main: &str,
    used: &mut Used,
) -> Vec<(Finding, String)> {
    let by_sentence: HashMap<(&str, &str), &Candidate<'_>> = all
        .iter()
        .map(|c| ((c.article.source.id().as_str(), c.sentence()), c))
        .collect();
    let mut out = Vec::new();
    for g in groups {
        if out.len() == MAX_UPDATES {
            break;
        }
        if g.kind != figures::Kind::Update
            || !g.disagree
            || g.subject.is_empty()
            || g.unit == "date"
            || outlets.contains(&crate::util::text::normalize_for_match(&g.subject))
        {
            continue;
        }
        // Statements that are claims (no captions or headings), not quoted
        // yet, of the whole count (not "five of the arrests").
        let values: Vec<(&Value, &Candidate<'_>)> = series(g)
            .into_iter()
            .filter(|v| !a_part(v))
            .filter(|v| !used.contains(&(v.source.to_string(), v.quote.clone())))
            .filter_map(|v| {
                by_sentence
                    .get(&(v.source.as_str(), v.quote.as_str()))
                    .map(|c| (v, *c))
            })
            .collect();
        let steps = steps(&values);
        let moving = steps
            .first()
            .is_some_and(|s| s.shown().evolving || s.shown().time.is_some());
        let reporting: BTreeSet<usize> = steps
            .iter()
            .flat_map(|s| s.values.iter().map(|(_, c)| c.outlet))
            .collect();
        if !moving || steps.len() < 2 || reporting.len() < 2 {
            continue;
        }
        let evidence: Vec<Evidence> = dedup_evidence(steps.iter().flat_map(Step::evidence));
        for e in &evidence {
            used.insert((e.source.to_string(), e.quote.clone()));
        }
        out.push(finding(g, &steps, main, evidence));
    }
    out
}

/// "Five of the arrests were at the rail yard": a part of the count.
fn a_part(v: &Value) -> bool {
    v.quote
        .find(&v.text)
        .map(|at| &v.quote[at + v.text.len()..])
        .is_some_and(|rest| rest.starts_with(" of the ") || rest.starts_with(" of them"))
}

/// The count's values, latest first, then each earlier (lower) value once,
/// highest first: "close to 600", "398", "381".
fn steps<'v>(values: &[(&'v Value, &'v Candidate<'v>)]) -> Vec<Step<'v>> {
    let plain: Vec<&Value> = values.iter().map(|(v, _)| *v).collect();
    let Some(last) = latest(&plain) else {
        return Vec::new();
    };
    let mut steps = vec![Step {
        values: values
            .iter()
            .filter(|(v, _)| v.consistent(last))
            .copied()
            .collect(),
    }];
    let mut earlier: Vec<(&Value, &Candidate<'_>)> = values
        .iter()
        .filter(|(v, _)| !v.consistent(last) && v.value < last.value)
        .copied()
        .collect();
    earlier.sort_by(|a, b| b.0.value.total_cmp(&a.0.value));
    for (v, c) in earlier {
        let full = steps.len() >= MAX_STEPS;
        match steps.iter_mut().skip(1).find(|s| s.shown().consistent(v)) {
            Some(step) => step.values.push((v, c)),
            None if !full => steps.push(Step {
                values: vec![(v, c)],
            }),
            None => {}
        }
    }
    steps
}

fn dedup_evidence(items: impl Iterator<Item = Evidence>) -> Vec<Evidence> {
    let mut seen = HashSet::new();
    items
        .filter(|e| seen.insert((e.source.clone(), e.quote.clone())))
        .collect()
}

/// "Deaths: close to 600 by 6 August, up from 398 people (4 August)
/// and 381 people (3 August)."
fn finding(
    g: &Group,
    steps: &[Step<'_>],
    main: &str,
    evidence: Vec<Evidence>,
) -> (Finding, String) {
    // A bare unit says less than the subject: "Cedar Fire: 14,300 acres".
    let head = if g.quantity == g.unit {
        g.subject.clone()
    } else {
        super::figure_label(g, main)
    };
    let last = &steps[0];
    let earlier: Vec<String> = steps[1..]
        .iter()
        .map(|s| match s.first_date() {
            Some(d) => format!("{} ({})", s.text(), d.format("%-d %B")),
            None => s.text(),
        })
        .collect();
    let by = match last.last_date() {
        Some(d) => format!(" by {}", d.format("%-d %B")),
        None => String::new(),
    };
    // Every earlier step is lower than the latest (see `steps`).
    let claim = format!(
        "{head}: {}{by}, up from {}.",
        last.text(),
        earlier.join(" and ")
    );
    let (status, why) = status_of(steps);
    let reason = format!(
        "a count that grew: latest \"{}\", earlier {}",
        last.shown().text,
        earlier.join(", ")
    );
    let finding = Finding {
        id: format!("{} {} rose", g.subject, g.quantity).into(),
        status,
        claim,
        why,
        tags: Vec::new(),
        review_by: None,
        evidence,
    };
    (finding, reason)
}

/// Proven when two or more outlets state the latest value as fact, or when
/// every report of it does and the counts before it are stated as fact by
/// other outlets (a count only the newest article can have); not proven
/// when the latest value rests on someone's word or on one outlet alone.
fn status_of(steps: &[Step<'_>]) -> (Status, String) {
    let last = &steps[0];
    let text = last.text();
    let names = last.outlet_names().join(", ");
    let asserting: BTreeSet<usize> = steps
        .iter()
        .filter(|s| s.all_asserted())
        .flat_map(|s| s.values.iter().map(|(_, c)| c.outlet))
        .collect();
    let superseded = "the earlier counts are superseded, not contradicted";
    if last.asserted_by() >= 2 {
        let n = last.asserted_by();
        return (
            Status::Proven,
            format!("A count that grew: the latest, {text}, is stated as fact by {n} outlets ({names}); {superseded}."),
        );
    }
    if last.all_asserted() && asserting.len() >= 2 {
        let n = asserting.len();
        return (
            Status::Proven,
            format!("A count that grew, every step stated as fact ({n} outlets); the latest, {text}, is from {names}; {superseded}."),
        );
    }
    let cues = dedup(
        last.values
            .iter()
            .filter(|(_, c)| c.stance() != Stance::Asserted)
            .filter_map(|(_, c)| c.fact.stance.cue.clone()),
    );
    let rests = if cues.is_empty() {
        format!("is reported by one outlet only ({names})")
    } else {
        format!(
            "rests on someone's word ({}), reported by {names}",
            super::quoted_cues(&cues)
        )
    };
    (
        Status::NotProven,
        format!("A count that grew: the latest, {text}, {rests}; {superseded}."),
    )
}
