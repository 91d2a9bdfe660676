//! `brief ingest`: captured articles (text, Markdown, HTML) into `seeds/`.

use brief::ingest::{self, Overrides, Request};
use brief::project::Project;

use super::Outcome;
use crate::cli::IngestArgs;

pub fn run(project: &Project, args: IngestArgs) -> brief::Result<Outcome> {
    let request = Request {
        files: args.files,
        from: args.from,
        over: Overrides {
            id: args.id,
            title: args.title,
            outlet: args.outlet,
            author: args.author,
            date: args.date,
            url: args.url,
        },
        force: args.force,
    };
    for done in ingest::run(&project.seeds_dir(), &request)? {
        for line in ingest::dropped_report(&done) {
            super::errln(&line);
        }
        super::outln(&format!(
            "ingested {} -> {} ({} lines dropped)",
            done.file.display(),
            done.seed.display(),
            done.dropped.len()
        ))?;
    }
    Ok(Outcome::Clean)
}
