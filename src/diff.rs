//! What changed between two editions of a brief: new sources and seeds
//! whose text changed, new and dropped findings, status changes, edited
//! claims, evidence added and removed, changed contested sides, a changed
//! title or bottom line, changed figures. Sources are named by outlet
//! (the seed's outlet, else its id).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Brief, Evidence, Finding, FindingId, Status};

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Changes {
    /// The week of the edition compared against.
    pub since: String,
    pub new_sources: Vec<String>,
    pub new_findings: Vec<FindingChange>,
    pub dropped_findings: Vec<FindingChange>,
    pub status_changes: Vec<StatusChange>,
    pub figure_changes: Vec<FigureChange>,
    /// `since` is the brief's only edition: there is no earlier one, and
    /// these are the working brief's changes since it.
    pub first_edition: bool,
    /// The title, if it changed.
    pub title_change: Option<TextChange>,
    /// The bottom line, if it changed.
    pub bottom_line_change: Option<TextChange>,
    /// Findings whose claim was edited.
    pub claim_changes: Vec<ClaimChange>,
    pub evidence_added: Vec<EvidenceChange>,
    pub evidence_removed: Vec<EvidenceChange>,
    /// Evidence (same source and quote) whose contested side changed.
    pub side_changes: Vec<SideChange>,
    /// Seeds in both editions whose text changed, by id.
    pub changed_seeds: Vec<String>,
    /// How each source named in `new_sources` and `changed_seeds` is shown:
    /// its outlet, else its id.
    pub outlets: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingChange {
    pub id: FindingId,
    pub status: Status,
    pub claim: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusChange {
    pub id: FindingId,
    pub claim: String,
    pub from: Status,
    pub to: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureChange {
    pub label: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextChange {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimChange {
    pub id: FindingId,
    pub from: String,
    pub to: String,
}

/// A quote added to or removed from a finding present in both editions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceChange {
    /// The finding's id and (new) claim.
    pub finding: FindingId,
    pub claim: String,
    pub source: String,
    /// The source's outlet, else its id.
    pub outlet: String,
    pub quote: String,
    pub side: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideChange {
    pub finding: FindingId,
    pub claim: String,
    pub source: String,
    pub outlet: String,
    pub quote: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// What changed among the seeds, worked out from the editions' manifests
/// (and the working seeds): passed to [`compare`].
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SeedChanges {
    pub new_sources: Vec<String>,
    pub changed_seeds: Vec<String>,
    /// Every known source's outlet, by id (a source without one is absent).
    pub outlets: BTreeMap<String, String>,
}

impl Changes {
    pub(crate) fn is_empty(&self) -> bool {
        self.new_sources.is_empty()
            && self.new_findings.is_empty()
            && self.dropped_findings.is_empty()
            && self.status_changes.is_empty()
            && self.figure_changes.is_empty()
            && self.title_change.is_none()
            && self.bottom_line_change.is_none()
            && self.claim_changes.is_empty()
            && self.evidence_added.is_empty()
            && self.evidence_removed.is_empty()
            && self.side_changes.is_empty()
            && self.changed_seeds.is_empty()
    }
}

fn text_change(from: &str, to: &str) -> Option<TextChange> {
    (from.trim() != to.trim()).then(|| TextChange {
        from: from.to_string(),
        to: to.to_string(),
    })
}

/// Compares two briefs; what changed among the seeds is passed in since it
/// depends on the manifests and the seeds, not the briefs.
pub(crate) fn compare(since: &str, old: &Brief, new: &Brief, seeds: SeedChanges) -> Changes {
    let outlet = |id: &str| {
        seeds
            .outlets
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    };
    let change = |f: &Finding| FindingChange {
        id: f.id.clone(),
        status: f.status,
        claim: f.claim.clone(),
    };
    let find = |b: &Brief, id: &str| b.findings.iter().find(|f| f.id == id).cloned();
    let new_findings = new
        .findings
        .iter()
        .filter(|f| find(old, &f.id).is_none())
        .map(change)
        .collect();
    let dropped_findings = old
        .findings
        .iter()
        .filter(|f| find(new, &f.id).is_none())
        .map(change)
        .collect();
    let mut status_changes = Vec::new();
    let mut claim_changes = Vec::new();
    let mut evidence_added = Vec::new();
    let mut evidence_removed = Vec::new();
    let mut side_changes = Vec::new();
    for f in &new.findings {
        let Some(before) = find(old, &f.id) else {
            continue;
        };
        if before.status != f.status {
            status_changes.push(StatusChange {
                id: f.id.clone(),
                claim: f.claim.clone(),
                from: before.status,
                to: f.status,
            });
        }
        if before.claim.trim() != f.claim.trim() {
            claim_changes.push(ClaimChange {
                id: f.id.clone(),
                from: before.claim.clone(),
                to: f.claim.clone(),
            });
        }
        let same =
            |a: &Evidence, b: &Evidence| a.source == b.source && a.quote.trim() == b.quote.trim();
        let evidence = |e: &Evidence| EvidenceChange {
            finding: f.id.clone(),
            claim: f.claim.clone(),
            source: e.source.to_string(),
            outlet: outlet(e.source.as_str()),
            quote: e.quote.clone(),
            side: e.side.clone(),
        };
        for e in &f.evidence {
            match before.evidence.iter().find(|b| same(b, e)) {
                None => evidence_added.push(evidence(e)),
                Some(b) if b.side != e.side => side_changes.push(SideChange {
                    finding: f.id.clone(),
                    claim: f.claim.clone(),
                    source: e.source.to_string(),
                    outlet: outlet(e.source.as_str()),
                    quote: e.quote.clone(),
                    from: b.side.clone(),
                    to: e.side.clone(),
                }),
                Some(_) => {}
            }
        }
        for b in &before.evidence {
            if !f.evidence.iter().any(|e| same(b, e)) {
                evidence_removed.push(evidence(b));
            }
        }
    }
    let mut figure_changes: Vec<FigureChange> = Vec::new();
    for f in &new.figures {
        let before = old.figures.iter().find(|o| o.label == f.label);
        if before.map(|b| &b.value) != Some(&f.value) {
            figure_changes.push(FigureChange {
                label: f.label.clone(),
                from: before.map(|b| b.value.clone()),
                to: Some(f.value.clone()),
            });
        }
    }
    for o in &old.figures {
        if !new.figures.iter().any(|f| f.label == o.label) {
            figure_changes.push(FigureChange {
                label: o.label.clone(),
                from: Some(o.value.clone()),
                to: None,
            });
        }
    }
    let outlets = seeds
        .new_sources
        .iter()
        .chain(&seeds.changed_seeds)
        .map(|id| (id.clone(), outlet(id)))
        .collect();
    Changes {
        since: since.to_string(),
        new_sources: seeds.new_sources,
        new_findings,
        dropped_findings,
        status_changes,
        figure_changes,
        first_edition: false,
        title_change: text_change(&old.title, &new.title),
        bottom_line_change: text_change(&old.bottom_line, &new.bottom_line),
        claim_changes,
        evidence_added,
        evidence_removed,
        side_changes,
        changed_seeds: seeds.changed_seeds,
        outlets,
    }
}

/// A text cut to about `max` characters for one terminal line.
fn short(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// The changes as terminal text, one line each.
pub fn to_text(changes: &Changes, to: &str) -> String {
    let mut out = if changes.first_edition && changes.is_empty() {
        format!(
            "no earlier edition: {} is the only edition, and the working brief matches it\n",
            changes.since
        )
    } else if changes.first_edition {
        format!(
            "no earlier edition: {} is the only edition; the working brief's changes since it:\n",
            changes.since
        )
    } else {
        format!("changes since {} (to {to}):\n", changes.since)
    };
    let mut line = |kind: &str, text: String| out.push_str(&format!("  {kind:<15} {text}\n"));
    let label = |s: Status| s.label().to_lowercase();
    let name = |id: &String| {
        let outlet = changes.outlets.get(id).unwrap_or(id);
        if outlet == id {
            id.clone()
        } else {
            format!("{outlet} ({id})")
        }
    };
    let side = |s: &Option<String>| s.clone().unwrap_or_else(|| "no side".into());
    let quoted = |e: &str| format!("\"{}\"", short(e, 70));
    if let Some(t) = &changes.title_change {
        line("title", format!("{} -> {}", quoted(&t.from), quoted(&t.to)));
    }
    if let Some(t) = &changes.bottom_line_change {
        line(
            "bottom line",
            format!("{} -> {}", quoted(&t.from), quoted(&t.to)),
        );
    }
    for s in &changes.new_sources {
        line("new source", name(s));
    }
    for s in &changes.changed_seeds {
        line("seed changed", name(s));
    }
    for c in &changes.status_changes {
        line(
            "status",
            format!(
                "{}: {} -> {} ({})",
                c.id,
                label(c.from),
                label(c.to),
                c.claim
            ),
        );
    }
    for c in &changes.claim_changes {
        line(
            "claim",
            format!("{}: {} -> {}", c.id, quoted(&c.from), quoted(&c.to)),
        );
    }
    for f in &changes.new_findings {
        line(
            "new finding",
            format!("{} [{}]: {}", f.id, label(f.status), f.claim),
        );
    }
    for f in &changes.dropped_findings {
        line(
            "dropped",
            format!("{} [{}]: {}", f.id, label(f.status), f.claim),
        );
    }
    for e in &changes.evidence_added {
        line(
            "evidence added",
            format!("{}: {} {}", e.finding, e.outlet, quoted(&e.quote)),
        );
    }
    for e in &changes.evidence_removed {
        line(
            "evidence removed",
            format!("{}: {} {}", e.finding, e.outlet, quoted(&e.quote)),
        );
    }
    for s in &changes.side_changes {
        line(
            "side",
            format!(
                "{}: {} {}: {} -> {}",
                s.finding,
                s.outlet,
                quoted(&s.quote),
                side(&s.from),
                side(&s.to)
            ),
        );
    }
    for f in &changes.figure_changes {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        line(
            "figure",
            format!("{}: {} -> {}", f.label, show(&f.from), show(&f.to)),
        );
    }
    if changes.is_empty() && !changes.first_edition {
        out.push_str("  nothing changed\n");
    }
    crate::util::text::for_terminal(&out).into_owned()
}
