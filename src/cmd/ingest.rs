//! `brief ingest`: captured articles (text, Markdown, HTML) into `seeds/`.

use brief::ingest::{self, InputFormat, Overrides};
use brief::project::Project;
use brief::Error;

use super::Outcome;
use crate::cli::IngestArgs;

pub fn run(project: &Project, args: IngestArgs) -> brief::Result<Outcome> {
    if args.files.len() > 1 && (args.id.is_some() || args.title.is_some()) {
        return Err(Error::Usage(
            "--id and --title apply to one file; ingest files one at a time to set them".into(),
        ));
    }
    for file in &args.files {
        let text = brief::util::fs::read_text(file)?;
        let fallback = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "article".into());
        let over = Overrides {
            id: args.id.clone(),
            title: args.title.clone(),
            outlet: args.outlet.clone(),
            author: args.author.clone(),
            date: args.date,
            url: args.url.clone(),
        };
        let format = InputFormat::detect(file, &text);
        let out = ingest::ingest_any(&text, format, &fallback, &over);
        let target = project.seed_path(&out.meta.id);
        project.refuse_overwrite(&target, args.force)?;
        for d in &out.dropped {
            // Page parts of HTML/Markdown have no line in the plain text.
            let at = if d.line == 0 {
                String::new()
            } else {
                format!(":{}", d.line)
            };
            eprintln!("{}{at}: dropped ({}): {}", file.display(), d.rule, d.text);
        }
        project.write_seed(&target, &out.meta, &out.body)?;
        println!(
            "ingested {} -> {} ({} lines dropped)",
            file.display(),
            target.display(),
            out.dropped.len()
        );
    }
    Ok(Outcome::Clean)
}
