//! `brief figures`: the quantities of every article, grouped by subject and
//! what they measure, with how many outlets agree and whether they disagree.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::{Analysis, Article, Fact, Quantity};
use crate::model::SourceId;

/// Figures about one subject's one measure (and year).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The subject as most often written ("Orion-2.0"); empty if unknown.
    pub subject: String,
    /// What is measured ("training tokens").
    pub quantity: String,
    pub unit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Outlets backing the most reported value.
    pub agree: usize,
    /// Outlets reporting any value.
    pub outlets: usize,
    /// Whether the values differ in a way a reader must resolve: a later
    /// count superseding an earlier one (`update`) or values that cannot
    /// both hold (`contradiction`).
    pub disagree: bool,
    /// How the values relate: `agree` (all equal), `compatible` (they
    /// differ only within their qualifiers: "more than 1,800" / "almost
    /// 1,900"), `scope` (they count different things: another part, base or
    /// measuring body, or a conversion), `update` (a later count), or
    /// `contradiction`. The most serious kind among its pairs of values.
    pub kind: Kind,
    /// The words that decided the kind.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The part or place the figure is of, when the articles say ("county",
    /// "increment", "combined").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    pub values: Vec<Value>,
    /// Every pair of differing values from different outlets, with its kind.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<Difference>,
}

/// How two values of one figure relate (see [`Group::kind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Agree,
    Compatible,
    Scope,
    Update,
    Contradiction,
}

impl Kind {
    /// As the human listing and a brief say it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Agree => "agree",
            Kind::Compatible => "compatible",
            Kind::Scope => "different scope",
            Kind::Update => "later count",
            Kind::Contradiction => "contradiction",
        }
    }
}

/// Two differing values of a group, from two outlets.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    pub values: [f64; 2],
    pub sources: [SourceId; 2],
    pub kind: Kind,
    pub reason: String,
}

/// One source's statement of a figure.
#[derive(Debug, Clone, Serialize)]
pub struct Value {
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The phrase as written ("more than 35 trillion tokens").
    pub text: String,
    pub source: SourceId,
    /// The outlet, when the seed names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The whole sentence, verbatim: usable as evidence in a brief.
    pub quote: String,
    #[serde(skip)]
    pub outlet_key: String,
    /// A calendar date (`yyyymmdd`, 0 for unknown parts).
    #[serde(skip)]
    pub date: bool,
    /// The value's interval once its qualifier and written precision are
    /// read ("more than 1,800" -> 1,800 to 2,250; "$3.5 billion" -> 3.45 to
    /// 3.55 billion).
    #[serde(skip)]
    pub interval: (f64, f64),
    #[serde(skip)]
    pub published: Option<chrono::NaiveDate>,
    #[serde(skip)]
    pub conversion: bool,
    #[serde(skip)]
    pub time: Option<super::quantity::Time>,
    #[serde(skip)]
    pub evolving: bool,
    #[serde(skip)]
    pub scope: Option<String>,
    #[serde(skip)]
    pub contrast: bool,
    /// The names that measured it ("measured by the US Geological Survey").
    #[serde(skip)]
    pub bodies: Vec<String>,
    /// What its own clause says it measures ("deaths"; just its unit,
    /// "people", when the clause names no measure).
    #[serde(skip)]
    pub measure: String,
    /// Who the sentence says states it ("Celtavia has said", "the regulator
    /// said"), by name key.
    #[serde(skip)]
    pub speakers: Vec<String>,
}

impl Value {
    fn of(article: &Article<'_>, fact: &Fact, q: &Quantity) -> Value {
        let sentence = article.sentence(fact);
        let text = sentence[q.range.clone()].to_string();
        Value {
            value: q.value,
            high: q.high,
            qualifier: q.qualifier.clone(),
            interval: interval(q, &text),
            text,
            source: article.source.id().clone(),
            outlet: article.source.meta.outlet.clone(),
            quote: sentence.to_string(),
            outlet_key: article.outlet(),
            date: q.unit == "date",
            published: article.source.meta.published,
            conversion: q.conversion,
            time: q.time,
            evolving: q.evolving,
            scope: q.scope.clone(),
            contrast: q.contrast,
            bodies: fact.bodies.clone(),
            measure: q.quantity.clone(),
            speakers: fact
                .mentions
                .iter()
                .filter(|m| m.speaker)
                .map(|m| m.key.clone())
                .collect(),
        }
    }

    /// Whether two statements can both hold: equal within rounding, or one
    /// inside the other's range.
    pub fn consistent(&self, other: &Value) -> bool {
        if self.date || other.date {
            return self.date && other.date && super::quantity::same_date(self.value, other.value);
        }
        let (a0, a1) = (self.value, self.high.unwrap_or(self.value));
        let (b0, b1) = (other.value, other.high.unwrap_or(other.value));
        let tolerance = 0.005 * a1.abs().max(b1.abs());
        a0 <= b1 + tolerance && b0 <= a1 + tolerance
    }

    /// Whether two statements can both hold once their qualifiers and
    /// written precision are read: "more than 1,800" and "almost 1,900"
    /// both hold for 1,891.
    pub fn compatible(&self, other: &Value) -> bool {
        if self.date || other.date || self.consistent(other) {
            return self.consistent(other);
        }
        // "more than 30 trillion" and "more than 35 trillion" are two
        // different lower bounds: the outlets report different figures.
        let direction = |v: &Value| bound_direction(v.qualifier.as_deref());
        let same_bound = direction(self) != 0 && direction(self) == direction(other);
        let (a, b) = (self.interval, other.interval);
        !same_bound && a.0 < b.1 && b.0 < a.1
    }
}

/// 1 for a lower bound ("more than"), -1 for an upper bound ("almost",
/// "up to"), 0 otherwise.
fn bound_direction(qualifier: Option<&str>) -> i8 {
    match qualifier.unwrap_or("") {
        "more than" | "over" | "at least" | "upwards of" | "in excess of" | "just over" => 1,
        "nearly" | "almost" | "close to" | "just under" | "up to" | "as many as" | "as much as"
        | "less than" | "fewer than" | "under" | "below" => -1,
        _ => 0,
    }
}

/// What a value as written allows: its range, widened by its qualifier
/// and by the precision it is written to.
fn interval(q: &Quantity, text: &str) -> (f64, f64) {
    let (low, high) = (q.value, q.high.unwrap_or(q.value));
    let half_step = written_half_step(q.value, text);
    let (low, high) = (low - half_step, high + half_step);
    match q.qualifier.as_deref().unwrap_or("") {
        "more than" | "over" | "at least" | "upwards of" | "in excess of" | "just over" => {
            (low, high * 1.25)
        }
        // Two outlets' "about 410,000" and "roughly 380,000" are two
        // estimates, not one figure rounded two ways.
        "about" | "around" | "roughly" | "approximately" | "some" | "an estimated" | "~" => {
            (low * 0.975, high * 1.025)
        }
        "nearly" | "almost" | "close to" | "just under" => (low * 0.93, high),
        // "up to 4.6 million passengers" is an estimate at its top, not any
        // number below it.
        "up to" | "as many as" | "as much as" => (low * 0.8, high),
        "less than" | "fewer than" | "under" | "below" => (0.0, high),
        _ => (low, high),
    }
}

/// Half the place value of the last digit written: "3.5 billion" is 3.45
/// to 3.55 billion, "12.5 billion" is 12.45 to 12.55 billion.
fn written_half_step(value: f64, text: &str) -> f64 {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    let Ok(written) = digits.trim_end_matches('.').parse::<f64>() else {
        return 0.0;
    };
    if written == 0.0 {
        return 0.0;
    }
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    let scale = value / written;
    if scale <= 1.5 {
        // An unscaled number ("1,891", "6.1") is as exact as written.
        return 0.0;
    }
    0.5 * 10f64.powi(-decimals) * scale
}

type GroupKey = (String, String, String, Option<i32>);

/// Groups every quantity of the analysis; most-reported groups first.
pub fn groups(analysis: &Analysis<'_>) -> Vec<Group> {
    let mut by_key: BTreeMap<GroupKey, Vec<Value>> = BTreeMap::new();
    for article in &analysis.articles {
        for fact in &article.facts {
            for (q, subject) in &fact.quantities {
                let key = (
                    subject.clone().unwrap_or_default(),
                    measure_key(q),
                    q.unit.clone(),
                    q.year,
                );
                let values = by_key.entry(key).or_default();
                let value = Value::of(article, fact, q);
                let repeated = values.iter().any(|v| {
                    v.source == value.source && v.value == value.value && v.high == value.high
                });
                if !repeated {
                    values.push(value);
                }
            }
        }
    }
    let reach = subject_reach(analysis);
    merge_bare_measures(&mut by_key);
    let rank = |key: &str| {
        analysis
            .names
            .get(key)
            .map_or(0, |name| super::entity::rank_of(name))
    };
    merge_subjects_of_one_figure(&mut by_key, &analysis.links, &reach, &rank);
    for values in by_key.values_mut() {
        mark_moving_counts(values);
    }
    let mut out: Vec<Group> = Vec::new();
    for ((subject, _, unit, year), values) in by_key {
        let name = analysis.names.get(&subject).cloned().unwrap_or(subject);
        for cluster in clusters(values) {
            for part in by_scope(cluster) {
                let quantity = most_common(part.iter().map(|v| v.measure.as_str()));
                out.push(group(name.clone(), quantity, unit.clone(), year, part));
            }
        }
    }
    out.sort_by(|a, b| {
        b.outlets
            .cmp(&a.outlets)
            .then(b.disagree.cmp(&a.disagree))
            .then(b.agree.cmp(&a.agree))
            .then_with(|| (&a.subject, &a.quantity).cmp(&(&b.subject, &b.quantity)))
    });
    out
}

/// How many outlets name each subject key anywhere in the story.
fn subject_reach(analysis: &Analysis<'_>) -> HashMap<String, usize> {
    let mut outlets: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for article in &analysis.articles {
        let outlet = article.outlet();
        for fact in &article.facts {
            let named = fact.mentions.iter().map(|m| m.key.as_str());
            let subjects = fact.quantities.iter().filter_map(|(_, s)| s.as_deref());
            for key in named.chain(subjects) {
                outlets.entry(key).or_default().insert(outlet.clone());
            }
        }
    }
    outlets
        .into_iter()
        .map(|(k, o)| (k.to_string(), o.len()))
        .collect()
}

/// Two groups of the same measure, unit and year under different subjects
/// that share a value reported by different outlets are one figure when
/// the subjects are linked ("Google is cutting 4,000 jobs at its Motorola
/// Mobility" / "Motorola Mobility will cut 4,000 jobs": the owner names it),
/// or when one subject is named by a single outlet only: a name no other
/// outlet uses (a dateline's place, a wire service, a time zone, a label
/// like "UPDATE") cannot be what several outlets report a figure of, so the
/// more widely named subject names it.
fn merge_subjects_of_one_figure(
    by_key: &mut BTreeMap<GroupKey, Vec<Value>>,
    links: &std::collections::HashSet<(String, String)>,
    reach: &HashMap<String, usize>,
    rank: &impl Fn(&str) -> u8,
) {
    // A versioned product name ("DeepSeek-V4-Pro") names a figure better
    // than a place or the story's fallback subject; otherwise the more
    // widely named subject does.
    let reach_of = |k: &str| (rank(k) >= 3, reach.get(k).copied().unwrap_or(0));
    let merge_of = |by_key: &BTreeMap<GroupKey, Vec<Value>>,
                    a: &GroupKey,
                    b: &GroupKey|
     -> Option<(GroupKey, GroupKey)> {
        if links.contains(&(a.0.clone(), b.0.clone())) {
            return Some((a.clone(), b.clone()));
        }
        if links.contains(&(b.0.clone(), a.0.clone())) {
            return Some((b.clone(), a.clone()));
        }
        let (ra, rb) = (reach_of(&a.0), reach_of(&b.0));
        let local = ra.1.min(rb.1) <= 1;
        if !local && told_apart(&by_key[a], &by_key[b]) {
            return None;
        }
        if ra >= rb {
            Some((a.clone(), b.clone()))
        } else {
            Some((b.clone(), a.clone()))
        }
    };
    // Only groups of one measure, unit and year are ever merged: search
    // each such bucket on its own.
    let mut buckets: BTreeMap<(String, String, Option<i32>), Vec<GroupKey>> = BTreeMap::new();
    for key in by_key.keys() {
        buckets
            .entry((key.1.clone(), key.2.clone(), key.3))
            .or_default()
            .push(key.clone());
    }
    for mut keys in buckets.into_values() {
        while let Some((keep, drop)) = next_merge(by_key, &keys, &merge_of) {
            keys.retain(|k| *k != drop);
            merge_group(by_key, &drop, keep);
        }
    }
}

/// Moves a group's values into another, a source's value that is there
/// already once.
fn merge_group(by_key: &mut BTreeMap<GroupKey, Vec<Value>>, from: &GroupKey, into: GroupKey) {
    let moved = by_key.remove(from).unwrap_or_default();
    let target = by_key.entry(into).or_default();
    for v in moved {
        let repeated = target
            .iter()
            .any(|w| w.source == v.source && w.value == v.value && w.high == v.high);
        if !repeated {
            target.push(v);
        }
    }
}

/// A figure the articles themselves say moves ("grew to 8,900 acres", "up
/// from about 450", "from 4,200 acres in the morning to 8,900") is a count
/// that grows, whatever it counts: its later, higher values are updates.
fn mark_moving_counts(values: &mut [Value]) {
    use super::quantity::Time;
    let later = values.iter().any(|v| v.time == Some(Time::Later));
    let from_to = values.iter().any(|v| {
        v.time == Some(Time::Earlier)
            && values
                .iter()
                .any(|w| w.source == v.source && w.quote == v.quote && w.value > v.value)
    });
    if later || from_to {
        for v in values.iter_mut() {
            v.evolving = true;
        }
    }
}

/// A value whose clause names no measure (its measure is just its unit:
/// "Cambodia at 49 percent") is the figure of the one named measure of the
/// same subject, unit and year that another outlet reports it under
/// ("Cambodia will face the highest reciprocal tariff, at 49%").
fn merge_bare_measures(by_key: &mut BTreeMap<GroupKey, Vec<Value>>) {
    let bare: Vec<GroupKey> = by_key.keys().filter(|k| k.1 == k.2).cloned().collect();
    for key in bare {
        let named: Vec<&GroupKey> = by_key
            .keys()
            .filter(|k| k.0 == key.0 && k.2 == key.2 && k.3 == key.3 && k.1 != k.2)
            .filter(|k| {
                by_key[*k].iter().any(|x| {
                    by_key[&key]
                        .iter()
                        .any(|y| x.outlet_key != y.outlet_key && x.consistent(y))
                })
            })
            .collect();
        let [target] = named.as_slice() else {
            continue;
        };
        let target = (*target).clone();
        merge_group(by_key, &key, target);
    }
}

/// Whether one article gives values of both groups that differ ("24% on
/// Japan, 32% on Taiwan"): then the two subjects are two things.
fn told_apart(a: &[Value], b: &[Value]) -> bool {
    a.iter()
        .any(|x| b.iter().any(|y| x.source == y.source && !x.consistent(y)))
}

/// The first pair of groups among `keys` that share a value from different
/// outlets and that `merge_of` says are one figure.
fn next_merge(
    by_key: &BTreeMap<GroupKey, Vec<Value>>,
    keys: &[GroupKey],
    merge_of: &impl Fn(
        &BTreeMap<GroupKey, Vec<Value>>,
        &GroupKey,
        &GroupKey,
    ) -> Option<(GroupKey, GroupKey)>,
) -> Option<(GroupKey, GroupKey)> {
    for (i, a) in keys.iter().enumerate() {
        for b in keys.iter().skip(i + 1) {
            {
                let (va, vb) = (&by_key[a], &by_key[b]);
                let shared = va.iter().any(|x| {
                    vb.iter()
                        .any(|y| x.outlet_key != y.outlet_key && x.consistent(y))
                });
                if shared {
                    if let Some(pair) = merge_of(by_key, a, b) {
                        return Some(pair);
                    }
                }
            }
        }
    }
    None
}

/// Values of different scope are different figures (a county's cases are
/// not the state's; "another 179 dead" is not the toll). A value whose
/// clause names no scope joins the one scope whose values it agrees with,
/// or the only scope there is.
fn by_scope(values: Vec<Value>) -> Vec<Vec<Value>> {
    let mut parts: BTreeMap<Option<String>, Vec<Value>> = BTreeMap::new();
    let (scoped, plain): (Vec<_>, Vec<_>) = values.into_iter().partition(|v| v.scope.is_some());
    for v in scoped {
        parts.entry(v.scope.clone()).or_default().push(v);
    }
    for v in plain {
        let agreeing: Vec<Option<String>> = parts
            .iter()
            .filter(|(k, vs)| k.is_some() && vs.iter().any(|w| w.consistent(&v)))
            .map(|(k, _)| k.clone())
            .collect();
        let only = (parts.len() == 1
            && !matches!(parts.keys().next(), Some(Some(k)) if k == "increment" || k == "combined"))
        .then(|| parts.keys().next().cloned())
        .flatten();
        let home = match agreeing.as_slice() {
            [one] => one.clone(),
            _ => only.unwrap_or(None),
        };
        parts.entry(home).or_default().push(v);
    }
    let mut out: Vec<Vec<Value>> = parts.into_values().collect();
    for part in &mut out {
        part.sort_by(|a, b| a.source.cmp(&b.source));
    }
    out
}

/// Whether a unit is a currency: money's units are ISO codes ("USD").
pub fn is_money(unit: &str) -> bool {
    unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase())
}

/// What a quantity is grouped by besides subject and unit: its measure,
/// except for money without a measure word, whose wording varies too much
/// between outlets ("investment", "cost", "put at"); such money is told
/// apart by magnitude.
fn measure_key(q: &super::Quantity) -> String {
    if is_money(&q.unit) {
        String::new()
    } else if q.unit == "percent" {
        // A percentage named by its words ("12% contained", "containment
        // stood at 5%") is one measure whatever form the word takes.
        q.quantity
            .split(' ')
            .map(|w| w.chars().take(7).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        q.quantity.clone()
    }
}

/// Values within a factor of 1.5 of each other are one figure reported
/// several ways (30 vs 35 trillion tokens: a disagreement); values further
/// apart are different figures (1,000 vs 50,000 chips). A qualifier's reach
/// counts ("close to 600" is within reach of 398). Dates form one cluster.
fn clusters(mut values: Vec<Value>) -> Vec<Vec<Value>> {
    if values.iter().any(|v| v.date) {
        return vec![values];
    }
    values.sort_by(|a, b| a.value.total_cmp(&b.value));
    let mut out: Vec<Vec<Value>> = Vec::new();
    let mut top = f64::NEG_INFINITY;
    for v in values {
        let high = v.high.unwrap_or(v.value);
        let low = v.value.min(v.interval.0.max(0.0));
        // A count that grows (a toll, cases) may triple as a story develops.
        let reach = if v.evolving { 3.0 } else { 1.5 };
        match out.last_mut() {
            // A moving count may start from nothing ("up from 0%").
            Some(cluster) if low <= top * reach || (v.evolving && top == 0.0) => {
                top = top.max(high);
                cluster.push(v);
            }
            _ => {
                top = high;
                out.push(vec![v]);
            }
        }
    }
    out
}

fn most_common<'q>(names: impl Iterator<Item = &'q str>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for n in names {
        *counts.entry(n).or_default() += 1;
    }
    let generic = |n: &str| n == "amount" || n == "date";
    counts
        .into_iter()
        .max_by_key(|(n, c)| (!generic(n), *c))
        .map(|(n, _)| n.to_string())
        .unwrap_or_default()
}

fn group(
    subject: String,
    quantity: String,
    unit: String,
    year: Option<i32>,
    values: Vec<Value>,
) -> Group {
    let outlets: BTreeSet<&str> = values.iter().map(|v| v.outlet_key.as_str()).collect();
    let distinct = distinct_statements(&values);
    let agree = distinct
        .iter()
        .map(|v| {
            distinct
                .iter()
                .filter(|w| w.consistent(v))
                .map(|w| w.outlet_key.as_str())
                .collect::<BTreeSet<_>>()
                .len()
        })
        .max()
        .unwrap_or(0);
    let differences = differences(&distinct);
    let worst = differences.iter().max_by_key(|d| d.kind);
    let compatible = distinct.iter().any(|a| {
        distinct
            .iter()
            .any(|b| a.outlet_key != b.outlet_key && !a.consistent(b) && a.compatible(b))
    });
    let (kind, reason) = match worst {
        Some(d) => (d.kind, d.reason.clone()),
        None if compatible => (
            Kind::Compatible,
            "the values differ only within their qualifiers".to_string(),
        ),
        None => (Kind::Agree, String::new()),
    };
    let scope = values.iter().find_map(|v| v.scope.clone());
    Group {
        subject,
        quantity,
        unit,
        year,
        agree,
        outlets: outlets.len(),
        disagree: matches!(kind, Kind::Update | Kind::Contradiction),
        kind,
        reason,
        scope,
        values,
        differences,
    }
}

/// Every pair of outlets none of whose values are compatible (an article
/// that states two values is compared with another as a whole, because one
/// article giving two numbers usually means two different things), each
/// pair of their values classified; and the pairs of values one article
/// gives itself, when it says how they relate (one superseding the other,
/// or set against it).
///
/// `values` are a group's distinct statements ([`distinct_statements`]):
/// copies of one article give the same value many times over, and
/// comparing each copy again only costs.
fn differences(values: &[Value]) -> Vec<Difference> {
    let mut by_source: BTreeMap<&SourceId, Vec<&Value>> = BTreeMap::new();
    for v in values {
        by_source.entry(&v.source).or_default().push(v);
    }
    let outlets: BTreeSet<&str> = values.iter().map(|v| v.outlet_key.as_str()).collect();
    let of = |o: &str| {
        values
            .iter()
            .filter(move |v| v.outlet_key == o)
            .collect::<Vec<_>>()
    };
    let mut out = Vec::new();
    let mut push = |x: &Value, y: &Value, kind: Kind, reason: String| {
        out.push(Difference {
            values: [x.value, y.value],
            sources: [x.source.clone(), y.source.clone()],
            kind,
            reason,
        })
    };
    for (i, a) in outlets.iter().enumerate() {
        let va = of(a);
        for (j, x) in va.iter().enumerate() {
            for y in va.iter().skip(j + 1) {
                if x.source == y.source && !x.compatible(y) {
                    let (kind, reason) = classify(x, y, &by_source);
                    if kind != Kind::Scope || !x.bodies.is_empty() {
                        push(x, y, kind, reason);
                    }
                }
            }
        }
        for b in outlets.iter().skip(i + 1) {
            let vb = of(b);
            if va.iter().any(|x| vb.iter().any(|y| x.compatible(y))) {
                continue;
            }
            for x in &va {
                for y in &vb {
                    let (kind, reason) = classify(x, y, &by_source);
                    push(x, y, kind, reason);
                }
            }
        }
    }
    out
}

/// The values of a group with repeats dropped: a value stated the same way
/// by the same outlet, with the same qualifier, time, scope and bodies, is
/// one statement however many of its articles carry it.
fn distinct_statements(values: &[Value]) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    values
        .iter()
        .filter(|v| {
            seen.insert((
                v.outlet_key.as_str(),
                v.text.as_str(),
                v.quote.as_str(),
                v.published,
                v.value.to_bits(),
                v.high.map(f64::to_bits),
            ))
        })
        .cloned()
        .collect()
}

/// How two differing values relate, and the words that say so.
fn classify(x: &Value, y: &Value, by_source: &BTreeMap<&SourceId, Vec<&Value>>) -> (Kind, String) {
    use super::quantity::Time;
    if x.conversion || y.conversion {
        return (
            Kind::Scope,
            "a conversion into another currency, not a second amount".into(),
        );
    }
    if x.scope != y.scope {
        return (Kind::Scope, "the clauses name different scopes".into());
    }
    let disjoint = !x.bodies.is_empty()
        && !y.bodies.is_empty()
        && !x.bodies.iter().any(|b| y.bodies.contains(b));
    if disjoint {
        return (
            Kind::Scope,
            format!(
                "measured by different bodies ({} / {})",
                x.bodies.join(", "),
                y.bodies.join(", ")
            ),
        );
    }
    let marked = |v: &Value, t: Time| v.time == Some(t);
    let later = if marked(x, Time::Later) || marked(y, Time::Earlier) {
        Some((x, y))
    } else if marked(y, Time::Later) || marked(x, Time::Earlier) {
        Some((y, x))
    } else {
        None
    };
    // One outlet giving both values tells them apart itself.
    let both = by_source.values().any(|given| {
        let gives =
            |p: &Value, q: &Value| given.iter().any(|v| v.compatible(p) && !v.compatible(q));
        gives(x, y) && gives(y, x)
    });
    if x.evolving {
        if let (Some(dx), Some(dy)) = (x.published, y.published) {
            let (new, old) = if dx > dy { (x, y) } else { (y, x) };
            if dx != dy && new.value > old.value {
                return (
                    Kind::Update,
                    format!(
                        "a count that grows: {} on {} after {} on {}",
                        new.text,
                        new.published.unwrap_or(dx),
                        old.text,
                        old.published.unwrap_or(dy)
                    ),
                );
            }
        }
    }
    if let Some((new, old)) = later {
        return (
            Kind::Update,
            format!(
                "\"{}\" is the later value (\"{}\" earlier)",
                new.text, old.text
            ),
        );
    }
    // "26 percent, not 25 percent": the contrast is within one sentence.
    if x.source == y.source && x.quote == y.quote && x.contrast {
        return (
            Kind::Contradiction,
            format!("one article sets \"{}\" against \"{}\"", x.text, y.text),
        );
    }
    // "Celtavia has said 2.9 million ... The regulator said up to 4.6
    // million": one article sets two parties' values side by side.
    let disputed = x.source == y.source
        && x.quote != y.quote
        && !x.speakers.is_empty()
        && !y.speakers.is_empty()
        && !x.speakers.iter().any(|s| y.speakers.contains(s));
    if disputed {
        return (
            Kind::Contradiction,
            format!(
                "two parties give \"{}\" and \"{}\" in one article",
                x.text, y.text
            ),
        );
    }
    if both {
        return (
            Kind::Scope,
            "one outlet reports both values, for different things".into(),
        );
    }
    (
        Kind::Contradiction,
        format!("\"{}\" and \"{}\" cannot both hold", x.text, y.text),
    )
}

/// How many values of a group differ from every value counted before them.
fn distinct_values(values: &[Value]) -> usize {
    let mut seen: Vec<&Value> = Vec::new();
    for v in values {
        if !seen.iter().any(|w| w.compatible(v)) {
            seen.push(v);
        }
    }
    seen.len()
}

/// Plain-text listing for the terminal.
pub fn to_text(groups: &[Group], min_outlets: usize) -> String {
    let mut out = String::new();
    for g in groups.iter().filter(|g| g.outlets >= min_outlets) {
        let subject = if g.subject.is_empty() {
            "(no subject)"
        } else {
            &g.subject
        };
        let year = g.year.map(|y| format!(", {y}")).unwrap_or_default();
        let verdict = if g.disagree {
            format!(
                "DISAGREE: {} ({} of {} outlets agree)",
                g.kind.label(),
                g.agree,
                g.outlets
            )
        } else if g.kind == Kind::Scope {
            format!("{} outlets, {}: {}", g.outlets, g.kind.label(), g.reason)
        } else if g.outlets > 1 && distinct_values(&g.values) > 1 {
            format!(
                "{} outlets agree, {} different values",
                g.agree,
                distinct_values(&g.values)
            )
        } else if g.outlets > 1 {
            format!("{} outlets agree", g.agree)
        } else {
            "1 outlet".to_string()
        };
        out.push_str(&format!(
            "{subject} · {} ({}{year}) · {verdict}\n",
            g.quantity, g.unit
        ));
        for v in &g.values {
            out.push_str(&format!(
                "  {:<32} {:<24} \"{}\"\n",
                v.text,
                v.source.as_str(),
                crate::util::text::shorten(&v.quote, 110)
            ));
        }
        out.push('\n');
    }
    // Subjects and sentences come from the articles: no control characters.
    crate::util::text::for_terminal(&out).into_owned()
}
