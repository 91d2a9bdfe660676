//! Fitting an audience's page limit (`max_pages`): what the build may leave
//! out, in order, before it gives up.
//!
//! The order (documented in `docs/brief-format.md`, "Audiences"):
//!
//! 1. Quotes beyond the first of each shown proven or not-proven finding:
//!    every finding's last shown quote before any finding's second-to-last,
//!    and among those the finding lowest on the page first.
//! 2. Then findings of the proven, not-proven and watch sections, the
//!    lowest-ranked first: a finding's rank is its place in its section
//!    (after the audience's tags and limits), the later section first among
//!    equals, so the sections shrink evenly and each keeps its first finding
//!    longest.
//!
//! Never left out: the bottom line, a contested finding (or its quotes),
//! and everything that is not a finding (figures, charts, timeline, pull
//! quote). References follow the findings that are kept.

use crate::model::audience::Section;
use crate::model::{Brief, FindingId, Status};

/// One item the build leaves out to fit a page limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drop {
    /// The quote at `index` (0-based, never 0) of the finding `finding`.
    Quote { finding: FindingId, index: usize },
    /// A whole finding.
    Finding { id: FindingId, status: Status },
}

impl Drop {
    /// How the build names it: `quote 2 of finding "release"`.
    pub(crate) fn describe(&self) -> String {
        match self {
            Drop::Quote { finding, index } => {
                format!("quote {} of finding `{finding}`", index + 1)
            }
            Drop::Finding { id, status } => {
                format!("finding `{id}` ({})", status.label().to_lowercase())
            }
        }
    }
}

/// The section that shows findings of `status`.
pub(crate) fn section_of(status: Status) -> Section {
    match status {
        Status::Proven => Section::Proven,
        Status::NotProven => Section::NotProven,
        Status::Contested => Section::Contested,
        Status::Watch => Section::Watch,
    }
}

/// Everything the build may leave out of `cut` (a brief already cut for
/// its audience, which shows `sections` and at most `max_quotes` quotes
/// per finding), in the order it leaves them out.
pub(crate) fn drop_order(
    cut: &Brief,
    sections: &[Section],
    max_quotes: Option<usize>,
) -> Vec<Drop> {
    // (section's place, finding's place in its section, finding).
    let mut placed: Vec<(usize, usize, &crate::model::Finding)> = Vec::new();
    for (at, section) in sections.iter().enumerate() {
        let of_section = cut
            .findings
            .iter()
            .filter(|f| f.status != Status::Contested && section_of(f.status) == *section);
        placed.extend(of_section.enumerate().map(|(rank, f)| (at, rank, f)));
    }
    let mut quotes: Vec<(usize, usize, Drop)> = Vec::new();
    for (n, (_, _, f)) in placed.iter().enumerate() {
        if f.status == Status::Watch {
            continue; // watch items show no quotes
        }
        let shown = f.evidence.len().min(max_quotes.unwrap_or(usize::MAX));
        quotes.extend((1..shown).map(|index| {
            let drop = Drop::Quote {
                finding: f.id.clone(),
                index,
            };
            (index, n, drop)
        }));
    }
    quotes.sort_by_key(|q| std::cmp::Reverse((q.0, q.1)));
    placed.sort_by_key(|p| std::cmp::Reverse((p.1, p.0)));
    let findings = placed.into_iter().map(|(_, _, f)| Drop::Finding {
        id: f.id.clone(),
        status: f.status,
    });
    quotes
        .into_iter()
        .map(|(_, _, d)| d)
        .chain(findings)
        .collect()
}

/// Leaves `drops` out of `cut`.
pub(crate) fn apply(cut: &mut Brief, drops: &[Drop]) {
    for drop in drops {
        match drop {
            Drop::Finding { id, .. } => cut.findings.retain(|f| &f.id != id),
            Drop::Quote { finding, index } => {
                // A finding's later quotes go first, so this quote is its
                // last shown one: it goes with the hidden ones after it.
                if let Some(f) = cut.findings.iter_mut().find(|f| &f.id == finding) {
                    f.evidence.truncate(*index);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief() -> Brief {
        let finding = |id: &str, status: &str, quotes: usize| {
            let evidence = (0..quotes)
                .map(|q| format!("[[findings.evidence]]\nsource = \"s\"\nquote = \"q{q}\"\n"))
                .collect::<String>();
            format!(
                "[[findings]]\nid = \"{id}\"\nstatus = \"{status}\"\nclaim = \"c\"\nwhy = \"w\"\n{evidence}"
            )
        };
        let text = [
            "kicker = \"k\"\ntitle = \"t\"\ndeck = \"d\"\nas_of = 2026-07-01\nbottom_line = \"b\"\n"
                .to_string(),
            finding("p1", "proven", 3),
            finding("p2", "proven", 2),
            finding("p3", "proven", 1),
            finding("c1", "contested", 2),
            finding("n1", "not_proven", 2),
            finding("w1", "watch", 2),
        ]
        .concat();
        toml::from_str(&text).unwrap()
    }

    fn names(drops: &[Drop]) -> Vec<String> {
        drops.iter().map(Drop::describe).collect()
    }

    #[test]
    fn quotes_go_first_then_findings_by_rank_and_never_contested() {
        let sections = [
            Section::BottomLine,
            Section::Proven,
            Section::Contested,
            Section::NotProven,
            Section::Watch,
        ];
        let order = drop_order(&brief(), &sections, None);
        assert_eq!(
            names(&order),
            [
                "quote 3 of finding `p1`",
                "quote 2 of finding `n1`",
                "quote 2 of finding `p2`",
                "quote 2 of finding `p1`",
                "finding `p3` (proven)",
                "finding `p2` (proven)",
                "finding `w1` (watch)",
                "finding `n1` (not proven)",
                "finding `p1` (proven)",
            ]
        );
        let mut cut = brief();
        apply(&mut cut, &order);
        let left: Vec<&str> = cut.findings.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(left, ["c1"]);
        assert_eq!(cut.findings[0].evidence.len(), 2);
    }

    #[test]
    fn only_shown_quotes_and_sections_count() {
        let sections = [Section::Proven, Section::Contested];
        let order = drop_order(&brief(), &sections, Some(2));
        assert_eq!(
            names(&order),
            [
                "quote 2 of finding `p2`",
                "quote 2 of finding `p1`",
                "finding `p3` (proven)",
                "finding `p2` (proven)",
                "finding `p1` (proven)",
            ]
        );
        // A dropped second quote takes the hidden third with it, so no
        // hidden quote comes into view.
        let mut cut = brief();
        apply(&mut cut, &order[1..2]);
        assert_eq!(cut.findings[0].evidence.len(), 1);
    }
}
