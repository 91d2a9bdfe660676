//! What changed between two editions of a brief: new sources, new and
//! dropped findings, status changes, changed figures.

use serde::Serialize;

use crate::edition::Manifest;
use crate::model::{Brief, Status};
use crate::sources::SourceSet;

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

/// Compares the current brief and sources against an earlier edition.
pub fn changes_since(previous: &Manifest, brief: &Brief, sources: &SourceSet) -> Changes {
    let old = &previous.snapshot;
    let new_sources = sources
        .sources
        .keys()
        .filter(|id| !previous.sources.contains_key(id.as_str()))
        .map(|id| id.to_string())
        .collect();
    compare(&previous.week, old, brief, new_sources)
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

/// Changes between two editions of a brief in `out`. `to` is a week label
/// or `current` (the working brief against the newest edition); by default
/// the two newest editions. `from` defaults to the edition before `to`.
pub fn between_editions(
    out: &std::path::Path,
    brief_id: &str,
    from: Option<&str>,
    to: Option<&str>,
    current: (&Brief, &SourceSet),
) -> crate::Result<Changes> {
    use crate::edition::{editions, read_manifest};
    use crate::Error;
    let all = editions(out, brief_id);
    let manifest = |week: &str| {
        all.iter()
            .find(|(w, _)| w == week)
            .and_then(|(_, dir)| read_manifest(dir))
            .ok_or_else(|| {
                let known: Vec<&str> = all.iter().map(|(w, _)| w.as_str()).collect();
                Error::Usage(format!(
                    "no edition {week} of `{brief_id}`; editions: {}",
                    if known.is_empty() {
                        "none (run brief build)".to_string()
                    } else {
                        known.join(", ")
                    }
                ))
            })
    };
    let to_week = to.map(str::to_string).unwrap_or_else(|| match all.len() {
        0 | 1 => "current".to_string(),
        n => all[n - 1].0.clone(),
    });
    let from_week = match from {
        Some(f) => f.to_string(),
        None => all
            .iter()
            .rev()
            .map(|(w, _)| w.as_str())
            .find(|w| to_week == "current" || *w < to_week.as_str())
            .map(str::to_string)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "`{brief_id}` has no earlier edition to compare with"
                ))
            })?,
    };
    let old = manifest(&from_week)?;
    if to_week == "current" {
        let (brief, sources) = current;
        return Ok(changes_since(&old, brief, sources));
    }
    let new = manifest(&to_week)?;
    let new_sources = new
        .sources
        .keys()
        .filter(|id| !old.sources.contains_key(*id))
        .cloned()
        .collect();
    Ok(compare(
        &old.week,
        &old.snapshot,
        &new.snapshot,
        new_sources,
    ))
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
    out
}
