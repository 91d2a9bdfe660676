//! The view model: what templates see. Built from a brief and its sources,
//! with citations resolved to reference numbers and dates formatted.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::diff::Changes;
use crate::model::audience::Section;
use crate::model::source::SourceSet;
use crate::model::{Brief, Finding, FindingId, IsoWeek, SourceId, Status};
use crate::render::audience::Audience;
use crate::render::fit::{self, Drop};

#[derive(Debug, Clone, Serialize)]
pub struct BriefView {
    pub brief: BriefHead,
    pub figures: Vec<FigureView>,
    pub findings: Vec<FindingView>,
    pub sections: BTreeMap<&'static str, Vec<FindingView>>,
    pub pull_quote: Option<PullQuoteView>,
    pub timeline: Vec<TimelineView>,
    /// A sentence describing the timeline, for screen readers.
    pub timeline_alt: String,
    pub charts: Vec<ChartView>,
    pub references: Vec<ReferenceView>,
    pub edition: EditionView,
    pub meta: MetaView,
    pub audience: AudienceView,
    /// What changed since the previous edition, if there is one.
    pub changes: Option<Changes>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AudienceView {
    pub name: String,
    pub label: String,
    /// Section names in the order this audience shows them.
    pub sections: Vec<Section>,
    pub implications: Vec<String>,
    pub max_quotes: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub title: String,
    pub unit: String,
    pub bars: Vec<BarView>,
    /// A sentence describing the chart, for screen readers.
    pub alt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BarView {
    pub label: String,
    pub value: f64,
    pub display: String,
    pub highlight: bool,
    pub refs: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BriefHead {
    pub id: String,
    pub kicker: String,
    pub title: String,
    pub deck: String,
    /// Human date: "2 July 2026".
    pub as_of: String,
    pub as_of_iso: String,
    pub authors: Vec<String>,
    pub keywords: Vec<String>,
    pub bottom_line: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    pub value: String,
    pub label: String,
    pub note: Option<String>,
    pub refs: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub id: FindingId,
    pub status: Status,
    pub label: &'static str,
    pub claim: String,
    pub why: String,
    pub tags: Vec<String>,
    pub review_by: Option<String>,
    pub overdue: bool,
    pub evidence: Vec<EvidenceView>,
    /// Every reference number the finding cites, in order, once each.
    pub refs: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    pub source: SourceId,
    pub quote: String,
    pub side: Option<String>,
    pub refs: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PullQuoteView {
    pub text: String,
    pub attribution: String,
    pub refs: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineView {
    pub date: String,
    pub event: String,
    pub refs: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReferenceView {
    pub n: usize,
    pub id: SourceId,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EditionView {
    pub date: String,
    pub iso_date: String,
    pub year: i32,
    pub month: u32,
    pub day: u32,
    /// ISO week label: "2026-W27".
    pub week: String,
    /// Printed in the page header: "Edition 2026-W27 · 2 July 2026".
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetaView {
    pub source_count: usize,
    pub reading_minutes: usize,
    pub generator: String,
}

/// "2 July 2026".
pub(crate) fn human_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

impl EditionView {
    pub(crate) fn new(date: NaiveDate) -> Self {
        EditionView {
            date: human_date(date),
            iso_date: date.to_string(),
            year: date.year(),
            month: date.month(),
            day: date.day(),
            week: IsoWeek::of(date).to_string(),
            label: format!("Edition {} · {}", IsoWeek::of(date), human_date(date)),
        }
    }
}

/// Reference numbers assigned in first-cited order.
struct Numbering {
    order: Vec<SourceId>,
}

impl Numbering {
    fn of(&self, id: &SourceId) -> Option<usize> {
        self.order.iter().position(|s| s == id).map(|i| i + 1)
    }

    fn all<'a>(&self, ids: impl IntoIterator<Item = &'a SourceId>) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for n in ids.into_iter().filter_map(|id| self.of(id)) {
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }
}

impl BriefView {
    /// Builds the view of `brief` (whose id is `id`) for one audience's
    /// edition dated `date`; `changes` are those since the last edition, for
    /// "since last edition"; `drops` are left out to fit a page limit (see
    /// [`drop_order`]).
    pub fn for_audience(
        id: &str,
        brief: &Brief,
        sources: &SourceSet,
        date: NaiveDate,
        audience: &Audience,
        changes: Option<Changes>,
        drops: &[Drop],
    ) -> Self {
        let changes = changes.filter(|c| !c.is_empty());
        let mut cut = cut_for_audience(brief, audience);
        fit::apply(&mut cut, drops);
        let mut view = BriefView::new(id, &cut, sources, date);
        let spec = &audience.spec;
        view.audience = AudienceView {
            name: audience.name.to_string(),
            label: spec
                .label
                .clone()
                .unwrap_or_else(|| audience.name.to_string()),
            sections: sections_for(brief, audience),
            implications: spec.implications.clone(),
            max_quotes: spec.max_quotes,
        };
        view.changes = changes;
        // "Overdue" is a note for the analyst (`brief check` warns of it);
        // readers see the review date only, unless the audience asks.
        if spec.show_overdue != Some(true) {
            for f in view
                .findings
                .iter_mut()
                .chain(view.sections.values_mut().flatten())
            {
                f.overdue = false;
            }
        }
        view
    }

    /// Builds the full view of `brief` (whose id is `id`) for an edition dated `date`.
    pub(crate) fn new(id: &str, brief: &Brief, sources: &SourceSet, date: NaiveDate) -> Self {
        let numbering = Numbering {
            order: brief.cited_sources(),
        };
        let findings: Vec<FindingView> = brief
            .findings
            .iter()
            .map(|f| finding_view(f, &numbering, date))
            .collect();
        let sections = Status::ALL
            .iter()
            .map(|s| {
                let items = findings
                    .iter()
                    .filter(|f| f.status == *s)
                    .cloned()
                    .collect();
                (s.key(), items)
            })
            .collect();
        let timeline: Vec<TimelineView> = brief
            .timeline
            .iter()
            .map(|t| TimelineView {
                date: t.date.clone(),
                event: t.event.clone(),
                refs: numbering.all(&t.sources),
            })
            .collect();
        let timeline_alt = format!(
            "Timeline of {} events: {}",
            timeline.len(),
            timeline
                .iter()
                .map(|t| format!("{}: {}", t.date, t.event))
                .collect::<Vec<_>>()
                .join("; ")
        );
        let references = numbering
            .order
            .iter()
            .enumerate()
            .map(|(i, id)| reference_view(i + 1, id, sources))
            .collect();
        BriefView {
            brief: BriefHead {
                id: id.to_string(),
                kicker: if brief.draft {
                    format!("Unreviewed draft \u{b7} {}", brief.kicker)
                } else {
                    brief.kicker.clone()
                },
                title: brief.title.clone(),
                deck: brief.deck.clone(),
                as_of: human_date(brief.as_of),
                as_of_iso: brief.as_of.to_string(),
                authors: brief.authors.clone(),
                keywords: brief.keywords.clone(),
                bottom_line: brief.bottom_line.clone(),
            },
            figures: brief
                .figures
                .iter()
                .map(|f| FigureView {
                    value: f.value.clone(),
                    label: f.label.clone(),
                    note: f.note.clone(),
                    refs: numbering.all(&f.sources),
                })
                .collect(),
            sections,
            pull_quote: brief.pull_quote.as_ref().map(|q| PullQuoteView {
                text: q.text.clone(),
                attribution: q.attribution.clone().unwrap_or_else(|| {
                    sources
                        .get(&q.source)
                        .map(|s| s.credit())
                        .unwrap_or_else(|| q.source.to_string())
                }),
                refs: numbering.all([&q.source]),
            }),
            charts: brief
                .charts
                .iter()
                .map(|c| chart_view(c, &numbering))
                .collect(),
            findings,
            timeline,
            timeline_alt,
            meta: MetaView {
                source_count: numbering.order.len(),
                reading_minutes: reading_minutes(brief),
                generator: format!("brief {}", env!("CARGO_PKG_VERSION")),
            },
            references,
            edition: EditionView::new(date),
            audience: AudienceView {
                name: "full".into(),
                label: "Brief".into(),
                sections: default_sections(),
                implications: Vec::new(),
                max_quotes: None,
            },
            changes: None,
        }
    }
}

/// Every section, in the default order.
pub(crate) fn default_sections() -> Vec<Section> {
    Section::ALL.to_vec()
}

/// What the build may leave out of `brief`'s view for `audience` to fit its
/// page limit, in the order it leaves them out ([`fit`] explains it).
pub(crate) fn drop_order(brief: &Brief, audience: &Audience) -> Vec<Drop> {
    fit::drop_order(
        &cut_for_audience(brief, audience),
        &sections_for(brief, audience),
        audience.spec.max_quotes,
    )
}

/// Whether `audience` must keep a contested finding of `brief`: it has a
/// page limit and the brief has one (the dispute is often the story).
fn keeps_contested(brief: &Brief, audience: &Audience) -> bool {
    audience.spec.max_pages.is_some() && brief.findings_with(Status::Contested).next().is_some()
}

/// The sections an audience shows, in order; an audience with a page limit
/// that leaves out the contested section gets it after its other finding
/// sections when the brief has a contested finding.
fn sections_for(brief: &Brief, audience: &Audience) -> Vec<Section> {
    let mut sections = audience
        .spec
        .sections
        .clone()
        .unwrap_or_else(default_sections);
    if keeps_contested(brief, audience) && !sections.contains(&Section::Contested) {
        let after = sections
            .iter()
            .rposition(|s| matches!(s, Section::Proven | Section::NotProven))
            .map(|i| i + 1)
            .or_else(|| sections.iter().position(|s| *s == Section::References))
            .unwrap_or(sections.len());
        sections.insert(after, Section::Contested);
    }
    sections
}

/// The brief as one audience sees it: overrides applied, findings ordered
/// by the audience's tags and cut to its limits, figures likewise.
fn cut_for_audience(brief: &Brief, audience: &Audience) -> Brief {
    let spec = &audience.spec;
    let mut cut = brief.clone();
    if let Some(t) = &spec.title {
        cut.title = t.clone();
    }
    if let Some(d) = &spec.deck {
        cut.deck = d.clone();
    }
    if let Some(k) = &spec.kicker {
        cut.kicker = k.clone();
    }
    let tagged = |tags: &[String]| tags.iter().any(|t| spec.tags.contains(t));
    let keep_contested = keeps_contested(brief, audience);
    if spec.only_tags == Some(true) && !spec.tags.is_empty() {
        // An audience with a page limit keeps the first contested finding
        // even if none has its tags.
        let first_contested = brief
            .findings
            .iter()
            .position(|f| f.status == Status::Contested);
        let any_tagged_contested = brief
            .findings
            .iter()
            .any(|f| f.status == Status::Contested && tagged(&f.tags));
        let mut i = 0;
        cut.findings.retain(|f| {
            let keep = tagged(&f.tags)
                || (keep_contested && !any_tagged_contested && Some(i) == first_contested);
            i += 1;
            keep
        });
    }
    // Stable sort: tagged findings first, otherwise the author's order.
    cut.findings.sort_by_key(|f| !tagged(&f.tags));
    let mut kept_per_status = std::collections::BTreeMap::new();
    cut.findings.retain(|f| {
        let n = kept_per_status.entry(f.status).or_insert(0usize);
        *n += 1;
        let max = spec.limits.get(&f.status).copied();
        // A page limit never cuts the last contested finding.
        let max = match max {
            Some(0) if keep_contested && f.status == Status::Contested => Some(1),
            max => max,
        };
        max.is_none_or(|max| *n <= max)
    });
    let mentions = |text: &str| {
        let text = text.to_lowercase();
        spec.figure_words
            .iter()
            .any(|w| text.contains(&w.to_lowercase()))
    };
    cut.figures.sort_by_key(|f| {
        !mentions(&format!(
            "{} {}",
            f.label,
            f.note.clone().unwrap_or_default()
        ))
    });
    if let Some(max) = spec.max_figures {
        cut.figures.truncate(max);
    }
    cut
}

fn finding_view(f: &Finding, numbering: &Numbering, today: NaiveDate) -> FindingView {
    FindingView {
        id: f.id.clone(),
        status: f.status,
        label: f.status.label(),
        claim: f.claim.clone(),
        why: f.why.clone(),
        tags: f.tags.clone(),
        review_by: f.review_by.map(human_date),
        overdue: f.review_by.is_some_and(|d| d < today),
        evidence: f
            .evidence
            .iter()
            .map(|e| EvidenceView {
                source: e.source.clone(),
                quote: e.quote.clone(),
                side: e.side.clone(),
                refs: numbering.all([&e.source]),
            })
            .collect(),
        refs: numbering.all(f.evidence.iter().map(|e| &e.source)),
    }
}

fn chart_view(chart: &crate::model::Chart, numbering: &Numbering) -> ChartView {
    let bars: Vec<BarView> = chart
        .bars
        .iter()
        .map(|b| BarView {
            label: b.label.clone(),
            value: b.value,
            display: b
                .display
                .clone()
                .unwrap_or_else(|| group_thousands(b.value)),
            highlight: b.highlight,
            refs: numbering.all(&b.sources),
        })
        .collect();
    let alt = format!(
        "Bar chart, {} ({}): {}",
        chart.title,
        chart.unit,
        bars.iter()
            .map(|b| format!("{} {}", b.label, b.display))
            .collect::<Vec<_>>()
            .join("; ")
    );
    ChartView {
        title: chart.title.clone(),
        unit: chart.unit.clone(),
        bars,
        alt,
    }
}

/// 50000 -> "50,000"; 1.5 -> "1.5".
pub(crate) fn group_thousands(value: f64) -> String {
    if value.fract() != 0.0 || value.abs() >= 1e15 {
        return value.to_string();
    }
    let digits = format!("{}", value.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0.0 {
        out.insert(0, '-');
    }
    out
}

fn reference_view(n: usize, id: &SourceId, sources: &SourceSet) -> ReferenceView {
    let meta = sources.get(id).map(|s| &s.meta);
    ReferenceView {
        n,
        id: id.clone(),
        title: meta.and_then(|m| m.title.clone()),
        outlet: meta.and_then(|m| m.outlet.clone()),
        author: meta.and_then(|m| m.author.clone()),
        published: meta.and_then(|m| m.published).map(human_date),
        url: meta.and_then(|m| m.url.clone()),
    }
}

/// Minutes to read the brief at 220 words a minute, at least one.
fn reading_minutes(brief: &Brief) -> usize {
    let mut words =
        brief.bottom_line.split_whitespace().count() + brief.deck.split_whitespace().count();
    for f in &brief.findings {
        words += f.claim.split_whitespace().count() + f.why.split_whitespace().count();
        words += f
            .evidence
            .iter()
            .map(|e| e.quote.split_whitespace().count())
            .sum::<usize>();
    }
    words.div_ceil(220).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_week_boundaries() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(IsoWeek::of(d(2026, 12, 31)).to_string(), "2026-W53");
        assert_eq!(IsoWeek::of(d(2027, 1, 4)).to_string(), "2027-W01");
        assert_eq!(human_date(d(2026, 7, 2)), "2 July 2026");
    }
}
