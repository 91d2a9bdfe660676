//! The brief model: what `briefs/*.toml` holds, as typed serde structures.
//!
//! Unknown keys are errors (`deny_unknown_fields`) so that a typo such as
//! `qoute = "..."` is reported instead of silently ignored.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub mod audience;
pub(crate) mod id;
pub mod source;
pub(crate) mod week;

pub(crate) use id::{AudienceName, BriefId, FindingId, SourceId};
pub(crate) use week::IsoWeek;

use audience::AudienceSpec;

/// How firmly the sources establish a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Established by the evidence, ideally across independent outlets.
    Proven,
    /// Claimed, attributed or inferred, but not established.
    NotProven,
    /// The sources disagree.
    Contested,
    /// An open question to follow in coming editions.
    Watch,
}

impl Status {
    pub(crate) const ALL: [Status; 4] = [
        Status::Proven,
        Status::NotProven,
        Status::Contested,
        Status::Watch,
    ];

    /// The key used in TOML and templates.
    pub(crate) fn key(self) -> &'static str {
        Status::KEYS[self as usize]
    }

    /// The keys of [`Status::ALL`], in order (what the schema accepts).
    pub(crate) const KEYS: [&'static str; 4] = ["proven", "not_proven", "contested", "watch"];

    /// A human label for badges and headings.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Status::Proven => "Proven",
            Status::NotProven => "Not proven",
            Status::Contested => "Contested",
            Status::Watch => "Watch",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A whole brief, as written in `briefs/<id>.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brief {
    /// Short label above the headline ("AI Infrastructure · Geopolitics").
    pub kicker: String,
    pub title: String,
    /// One or two sentences under the headline.
    pub deck: String,
    /// The date the brief's evidence is current to.
    #[serde(deserialize_with = "date_format::deserialize")]
    pub as_of: NaiveDate,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Two or three sentences: what the reader must take away.
    pub bottom_line: String,
    #[serde(default)]
    pub figures: Vec<KeyFigure>,
    #[serde(default)]
    pub findings: Vec<Finding>,
    #[serde(default)]
    pub timeline: Vec<TimelineEvent>,
    #[serde(default)]
    pub pull_quote: Option<PullQuote>,
    /// Bar charts comparing figures that share a unit.
    #[serde(default)]
    pub charts: Vec<Chart>,
    /// Per-audience choices: `[audiences.executive]` etc.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub audiences: BTreeMap<AudienceName, AudienceSpec>,
    /// `draft = true`: proposed by `brief draft` and not yet reviewed.
    /// `brief check` warns while it is set and `brief build` marks every
    /// page; removing it is how an analyst signs the brief off.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

/// A number worth a place in the key-figure strip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    /// As printed: "1.6T", "50,000", "$12 billion".
    pub value: String,
    /// What it measures: "Total parameters".
    pub label: String,
    pub sources: Vec<SourceId>,
    /// Optional qualifier printed under the label ("self-reported").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One finding, backed by verbatim quotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub id: FindingId,
    pub status: Status,
    /// One sentence.
    pub claim: String,
    /// Why it matters to the reader.
    pub why: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// For watch items: the date by which the question should be revisited.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "date_format::deserialize_option"
    )]
    pub review_by: Option<NaiveDate>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// A verbatim quote from a named source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub source: SourceId,
    pub quote: String,
    /// For contested findings: which side of the disagreement this quote
    /// supports ("30 trillion tokens" vs "35 trillion tokens").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
}

/// A dated event on the timeline. `date` is free-form but sortable text
/// ("2026-06-30", "2026-04", "2023–24") because sources are often vague.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEvent {
    pub date: String,
    pub event: String,
    #[serde(default)]
    pub sources: Vec<SourceId>,
}

/// A bar chart of figures sharing one unit ("chips in the training cluster").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chart {
    pub title: String,
    pub unit: String,
    pub bars: Vec<Bar>,
}

/// One bar: a labelled value and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// As printed next to the bar (default: the value with thousands separators).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    #[serde(default)]
    pub sources: Vec<SourceId>,
    /// Draw this bar in the accent colour.
    #[serde(default)]
    pub highlight: bool,
}

/// A quote set large in the brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullQuote {
    pub text: String,
    pub source: SourceId,
    /// Who is speaking, if not the source's author ("Nvidia, FY2026 annual report").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
}

impl Brief {
    pub(crate) fn findings_with(&self, status: Status) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.status == status)
    }

    /// Every source id the brief cites, in the order the default layout
    /// shows them (figures, findings by status, pull quote, timeline), so
    /// reference numbers follow reading order.
    pub(crate) fn cited_sources(&self) -> Vec<SourceId> {
        let mut out: Vec<SourceId> = Vec::new();
        let mut push = |id: &SourceId| {
            if !out.contains(id) {
                out.push(id.clone());
            }
        };
        self.figures
            .iter()
            .flat_map(|f| &f.sources)
            .for_each(&mut push);
        for status in Status::ALL {
            self.findings_with(status)
                .flat_map(|f| &f.evidence)
                .for_each(|e| push(&e.source));
        }
        if let Some(q) = &self.pull_quote {
            push(&q.source);
        }
        self.timeline
            .iter()
            .flat_map(|t| &t.sources)
            .for_each(&mut push);
        out
    }
}

/// Dates in TOML may be written as TOML dates (`2026-07-02`) or strings
/// (`"2026-07-02"`); both deserialise to a [`NaiveDate`].
pub(crate) mod date_format {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Toml(toml::value::Datetime),
        Text(String),
    }

    fn parse<E: serde::de::Error>(raw: Raw) -> Result<NaiveDate, E> {
        let text = match raw {
            Raw::Toml(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    return NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)
                        .ok_or_else(|| E::custom(format!("invalid date `{dt}`")))
                }
                _ => {
                    return Err(E::custom(format!(
                        "expected a date like 2026-07-02, found `{dt}`"
                    )))
                }
            },
            Raw::Text(t) => t,
        };
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| E::custom(format!("invalid date `{text}`: write it as YYYY-MM-DD")))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        parse(Raw::deserialize(d)?)
    }

    pub(crate) fn deserialize_option<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<Raw>::deserialize(d)? {
            Some(raw) => parse(raw).map(Some),
            None => Ok(None),
        }
    }
}
