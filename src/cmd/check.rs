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
    if paths.is_empty() && seeds.files.is_empty() {
        return Err(no_briefs(project));
    }
    let report = brief::check::check_files(&seeds, &paths, args.briefs.is_empty(), date);
    match args.format {
        Format::Json => super::out(&diagnostics::render_json(&report))?,
        Format::Human => super::err(&diagnostics::render_human(&report, term.color)),
    }
    Ok(Outcome::clean_if(report.errors() == 0))
}
