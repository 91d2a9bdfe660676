//! `brief init`: a new project folder with an example brief.

use std::path::PathBuf;

use brief::project::Project;

use super::Outcome;

pub fn run(project: &Project, dir: Option<PathBuf>) -> brief::Result<Outcome> {
    let dir = dir.unwrap_or_else(|| project.root.clone());
    for path in brief::scaffold::init(&dir)? {
        super::outln(&format!("created {}", path.display()))?;
    }
    super::outln(&format!("next: brief -C {} build", dir.display()))?;
    Ok(Outcome::Clean)
}
