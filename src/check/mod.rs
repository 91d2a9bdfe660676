//! Checks: every brief and seed is loaded with all of its problems reported
//! at once ([`crate::load`]), and every finding is proven against the
//! articles it cites ([`rules`], with quotes matched by [`quote`]).

pub mod quote;
mod rules;

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::diag::{Problem, ProblemCode, Report, Severity};
use crate::load::brief::load_brief_file;
use crate::load::seed::Seeds;
use crate::model::SourceId;

pub use rules::{check_brief, Context};

/// Checks every seed and the given brief files (all problems, one pass).
/// `all_briefs` says whether these are all the project's briefs, in which
/// case seeds no brief cites are reported.
pub fn check_files(
    seeds: &Seeds,
    briefs: &[PathBuf],
    all_briefs: bool,
    today: NaiveDate,
) -> Report {
    let mut report = Report::default();
    for f in &seeds.files {
        report.add_text(&f.path, &f.text);
        report.problems.extend(f.problems.iter().cloned());
    }
    let ctx = Context {
        sources: &seeds.set,
        files: &seeds.files,
        today,
    };
    let mut cited: HashSet<SourceId> = HashSet::new();
    let mut all_parsed = true;
    for path in briefs {
        let file = load_brief_file(path);
        report.add_text(&file.path, &file.text);
        report.problems.extend(file.problems.iter().cloned());
        all_parsed &= file.brief.is_some();
        if let Some(brief) = &file.brief {
            cited.extend(brief.cited_sources());
            report
                .problems
                .extend(check_brief(&file.path, &file.text, brief, &ctx));
        }
    }
    // What a brief that did not parse cites is unknown: no uncited warnings then.
    if all_briefs && all_parsed && !briefs.is_empty() {
        for f in &seeds.files {
            let Some(src) = seeds.set.sources.values().find(|s| s.path == f.path) else {
                continue;
            };
            if !cited.contains(src.id()) {
                report.problems.push(
                    Problem::at(
                        Severity::Warning,
                        ProblemCode::UncitedSource,
                        &f.path,
                        &f.text,
                        f.id_span.clone(),
                        format!("source `{}` is never cited by any brief", src.id()),
                    )
                    .hint("cite it as evidence, or remove the seed if it is not relevant"),
                );
            }
        }
    }
    report
}
