//! `brief figures`: every figure the articles report, grouped, with agreement.

use brief::extract::{self, figures};
use brief::load::seed::load_paths;
use brief::project::Project;

use super::{Outcome, Term};
use crate::cli::{FiguresArgs, Format};

pub fn run(project: &Project, args: FiguresArgs, term: &Term) -> brief::Result<Outcome> {
    let paths = if args.seeds.is_empty() {
        vec![project.seeds_dir()]
    } else {
        args.seeds.clone()
    };
    // Seeds with errors are left out; the others are still analysed.
    let (sources, problems) = load_paths(&paths)?;
    super::err(&term.problems(&problems));
    let cues = extract::Cues::for_project(&project.root)?;
    let refs: Vec<_> = sources.iter().collect();
    let analysis = extract::analyze(&refs, &cues);
    let groups: Vec<_> = figures::groups(&analysis)
        .into_iter()
        .filter(|g| g.outlets >= args.min_outlets)
        .collect();
    match args.format {
        Format::Json => super::outln(&serde_json::to_string_pretty(&groups).unwrap_or_default())?,
        Format::Human => super::out(&figures::to_text(&groups, 0))?,
    }
    Ok(Outcome::Clean)
}
