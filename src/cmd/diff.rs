//! `brief diff`: what changed between two editions of a brief.

use brief::load::brief::load_brief;
use brief::project::Project;

use super::Outcome;
use crate::cli::{DiffArgs, Format};

pub fn run(project: &Project, args: DiffArgs) -> brief::Result<Outcome> {
    let loaded = load_brief(&project.find_brief(&args.brief)?)?;
    let seeds = project.load_seeds()?;
    let changes = brief::edition::between_editions(
        &project.out_dir(),
        &loaded.id,
        args.from.as_deref(),
        args.to.as_deref(),
        (&loaded.brief, &seeds.set),
    )?;
    match args.format {
        Format::Json => super::outln(&serde_json::to_string_pretty(&changes).unwrap_or_default())?,
        Format::Human => super::out(&brief::diff::to_text(
            &changes,
            args.to.as_deref().unwrap_or("newest"),
        ))?,
    }
    Ok(Outcome::Clean)
}
