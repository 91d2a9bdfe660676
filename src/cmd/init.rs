//! `brief init`: a new, empty project folder (`--example`: with an example brief).

use std::path::PathBuf;

use brief::project::Project;

use super::Outcome;

pub fn run(project: &Project, dir: Option<PathBuf>, example: bool) -> brief::Result<Outcome> {
    let dir = dir.unwrap_or_else(|| project.root.clone());
    for path in brief::scaffold::init(&dir, example)? {
        super::outln(&format!("created {}", path.display()))?;
    }
    let next = if example {
        format!("next: brief -C {} build", dir.display())
    } else {
        format!(
            "next: in {}, add articles with `brief ingest FILE...`, then \
             `brief draft -o briefs/NAME.toml` (see README.md there)",
            dir.display()
        )
    };
    super::outln(&next)?;
    Ok(Outcome::Clean)
}
