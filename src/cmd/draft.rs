//! `brief draft`: a brief drafted from the articles, checked as written.

use brief::draft;
use brief::load::seed::Seeds;
use brief::project::Project;
use brief::Error;

use super::{date_or_today, Outcome, Term};
use crate::cli::DraftArgs;

pub fn run(project: &Project, args: DraftArgs, term: &Term) -> brief::Result<Outcome> {
    let dir = args.sources.clone().unwrap_or_else(|| project.seeds_dir());
    let seeds = Seeds::load(&dir)?;
    if seeds.set.is_empty() {
        return Err(Error::Usage(format!(
            "no seed articles in {}: add some with `brief ingest`",
            dir.display()
        )));
    }
    // The brief is current to its newest article, not to the day it is drafted.
    let newest = seeds
        .set
        .sources
        .values()
        .filter_map(|s| s.meta.published)
        .max();
    let date = args.date.or(newest).unwrap_or_else(|| date_or_today(None));
    let cues = brief::extract::Cues::for_project(&project.root)?;
    let refs: Vec<_> = seeds.set.sources.values().collect();
    let options = draft::Options {
        title: args.title.clone(),
        date,
    };
    let d = draft::draft(&refs, &cues, &options);
    draft::write(&args.output, &draft::to_toml(&d), args.force)?;
    let report = brief::check::check_files(&seeds, std::slice::from_ref(&args.output), false, date);
    super::err(&term.problems(&report.problems));
    super::outln(&format!(
        "wrote {}: {} figures, {} findings from {} sources; brief check: {} errors, {} warnings",
        args.output.display(),
        d.brief.figures.len(),
        d.brief.findings.len(),
        d.sources,
        report.errors(),
        report.warnings()
    ))?;
    Ok(Outcome::clean_if(report.errors() == 0))
}
