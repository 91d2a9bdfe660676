//! `brief check`: every brief and seed, every problem, one report.

use brief::diagnostics;
use brief::load::seed::Seeds;
use brief::project::Project;

use super::{date_or_today, no_briefs, selected_briefs, Outcome, Term};
use crate::cli::{CheckArgs, Format};

pub fn run(project: &Project, args: CheckArgs, term: &Term) -> brief::Result<Outcome> {
    let date = date_or_today(args.date);
    let paths = selected_briefs(project, &args.briefs)?;
    let seeds = Seeds::load(&project.seeds_dir())?;
    let report = brief::check::check_files(&seeds, &paths, args.briefs.is_empty(), date);
    // Without briefs the seeds are still checked and shown, but there is
    // nothing to verify them against: that is a usage error, as for build.
    if paths.is_empty() && report.problems.is_empty() {
        return Err(no_briefs(project));
    }
    match args.format {
        Format::Json => super::out(&diagnostics::render_json(&report))?,
        Format::Human => super::err(&diagnostics::render_human(&report, term.color)),
    }
    if paths.is_empty() {
        return Err(no_briefs(project));
    }
    Ok(Outcome::clean_if(report.errors() == 0))
}
