//! `brief figures`: the quantities of every article, grouped by subject and
//! what they measure, with how many outlets agree and whether they disagree.

use std::collections::{BTreeMap, BTreeSet};

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
    /// Whether two outlets report values that cannot both hold.
    pub disagree: bool,
    pub values: Vec<Value>,
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
}

impl Value {
    fn of(article: &Article<'_>, fact: &Fact, q: &Quantity) -> Value {
        let sentence = article.sentence(fact);
        Value {
            value: q.value,
            high: q.high,
            qualifier: q.qualifier.clone(),
            text: sentence[q.range.clone()].to_string(),
            source: article.source.id().clone(),
            outlet: article.source.meta.outlet.clone(),
            quote: sentence.to_string(),
            outlet_key: article.outlet(),
            date: q.unit == "date",
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
}

type GroupKey = (String, String, String, Option<i32>);

/// Groups every quantity of the analysis; most-reported groups first.
pub fn groups(analysis: &Analysis<'_>) -> Vec<Group> {
    let mut by_key: BTreeMap<GroupKey, Vec<(Value, String)>> = BTreeMap::new();
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
                let repeated = values.iter().any(|(v, _)| {
                    v.source == value.source && v.value == value.value && v.high == value.high
                });
                if !repeated {
                    values.push((value, q.quantity.clone()));
                }
            }
        }
    }
    let mut out: Vec<Group> = Vec::new();
    for ((subject, _, unit, year), values) in by_key {
        let name = analysis.names.get(&subject).cloned().unwrap_or(subject);
        for cluster in clusters(values) {
            let quantity = most_common(cluster.iter().map(|(_, q)| q.as_str()));
            let values = cluster.into_iter().map(|(v, _)| v).collect();
            out.push(group(name.clone(), quantity, unit.clone(), year, values));
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

/// What a quantity is grouped by besides subject and unit: its measure,
/// except for money, whose measure words vary too much between outlets
/// ("investment", "cost", "put at"); money is told apart by magnitude.
fn measure_key(q: &super::Quantity) -> String {
    let money = q.unit.len() == 3 && q.unit.chars().all(|c| c.is_ascii_uppercase());
    if money {
        String::new()
    } else {
        q.quantity.clone()
    }
}

/// Values within a factor of 1.5 of each other are one figure reported
/// several ways (30 vs 35 trillion tokens: a disagreement); values further
/// apart are different figures (1,000 vs 50,000 chips). Dates form one
/// cluster.
fn clusters(mut values: Vec<(Value, String)>) -> Vec<Vec<(Value, String)>> {
    if values.iter().any(|(v, _)| v.date) {
        return vec![values];
    }
    values.sort_by(|a, b| a.0.value.total_cmp(&b.0.value));
    let mut out: Vec<Vec<(Value, String)>> = Vec::new();
    let mut top = f64::NEG_INFINITY;
    for (v, q) in values {
        let high = v.high.unwrap_or(v.value);
        match out.last_mut() {
            Some(cluster) if v.value <= top * 1.5 => {
                top = top.max(high);
                cluster.push((v, q));
            }
            _ => {
                top = high;
                out.push(vec![(v, q)]);
            }
        }
    }
    // Keep each group's values in reading order: by source, as found.
    for cluster in &mut out {
        cluster.sort_by(|a, b| a.0.source.cmp(&b.0.source));
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
    let agree = values
        .iter()
        .map(|v| {
            values
                .iter()
                .filter(|w| w.consistent(v))
                .map(|w| w.outlet_key.as_str())
                .collect::<BTreeSet<_>>()
                .len()
        })
        .max()
        .unwrap_or(0);
    Group {
        subject,
        quantity,
        unit,
        year,
        agree,
        outlets: outlets.len(),
        disagree: disagree(&values),
        values,
    }
}

/// Two outlets disagree when none of one's values is consistent with any
/// of the other's. (One article giving two values usually means two
/// different things, so a source is compared as a whole.)
fn disagree(values: &[Value]) -> bool {
    let outlets: BTreeSet<&str> = values.iter().map(|v| v.outlet_key.as_str()).collect();
    fn of<'v>(values: &'v [Value], o: &'v str) -> impl Iterator<Item = &'v Value> {
        values.iter().filter(move |v| v.outlet_key == o)
    }
    outlets.iter().enumerate().any(|(i, a)| {
        outlets
            .iter()
            .skip(i + 1)
            .any(|b| !of(values, a).any(|va| of(values, b).any(|vb| va.consistent(vb))))
    })
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
            format!("DISAGREE ({} of {} outlets agree)", g.agree, g.outlets)
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
    out
}
