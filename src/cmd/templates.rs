//! `brief templates eject`: the built-in templates, copied for editing.

use brief::project::Project;

use super::Outcome;

pub fn eject(project: &Project, audience: Option<&str>, force: bool) -> brief::Result<Outcome> {
    let written = brief::scaffold::eject(&project.templates_dir(), audience, force)?;
    for path in &written {
        super::outln(&format!("wrote {}", path.display()))?;
    }
    if written.is_empty() {
        super::outln("nothing written: the files exist (pass --force to overwrite)")?;
    }
    Ok(Outcome::Clean)
}
