//! What changed between two editions of a brief: new sources, new and
//! dropped findings, status changes, changed figures.

use serde::Serialize;

use crate::model::{Brief, Status};

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Changes {
    /// The week of the edition compared against.
    pub since: String,
    pub new_sources: Vec<String>,
    pub new_findings: Vec<FindingChange>,
    pub dropped_findings: Vec<FindingChange>,
    pub status_changes: Vec<StatusChange>,
    pub figure_changes: Vec<FigureChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingChange {
    pub id: String,
    pub status: Status,
    pub claim: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusChange {
    pub id: String,
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

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.new_sources.is_empty()
            && self.new_findings.is_empty()
            && self.dropped_findings.is_empty()
            && self.status_changes.is_empty()
            && self.figure_changes.is_empty()
    }
}

/// Compares two briefs; `new_sources` is passed in since it depends on seeds.
pub fn compare(since: &str, old: &Brief, new: &Brief, new_sources: Vec<String>) -> Changes {
    let change = |f: &crate::model::Finding| FindingChange {
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
    let status_changes = new
        .findings
        .iter()
        .filter_map(|f| {
            let before = find(old, &f.id)?;
            (before.status != f.status).then(|| StatusChange {
                id: f.id.clone(),
                claim: f.claim.clone(),
                from: before.status,
                to: f.status,
            })
        })
        .collect();
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
    Changes {
        since: since.to_string(),
        new_sources,
        new_findings,
        dropped_findings,
        status_changes,
        figure_changes,
    }
}

/// The changes as terminal text, one line each.
pub fn to_text(changes: &Changes, to: &str) -> String {
    let mut out = format!("changes since {} (to {to}):\n", changes.since);
    let label = |s: Status| s.label().to_lowercase();
    for s in &changes.new_sources {
        out.push_str(&format!("  new source      {s}\n"));
    }
    for c in &changes.status_changes {
        out.push_str(&format!(
            "  status          {}: {} -> {} ({})\n",
            c.id,
            label(c.from),
            label(c.to),
            c.claim
        ));
    }
    for f in &changes.new_findings {
        out.push_str(&format!(
            "  new finding     {} [{}]: {}\n",
            f.id,
            label(f.status),
            f.claim
        ));
    }
    for f in &changes.dropped_findings {
        out.push_str(&format!(
            "  dropped         {} [{}]: {}\n",
            f.id,
            label(f.status),
            f.claim
        ));
    }
    for f in &changes.figure_changes {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        out.push_str(&format!(
            "  figure          {}: {} -> {}\n",
            f.label,
            show(&f.from),
            show(&f.to)
        ));
    }
    if changes.is_empty() {
        out.push_str("  nothing changed\n");
    }
    crate::util::text::for_terminal(&out).into_owned()
}
