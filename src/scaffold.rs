//! Scaffolding: `brief init` (a new project) and `brief templates eject`
//! (the built-in templates copied out for editing).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::BUILTIN_TEMPLATES;
use crate::util::fs::write_atomic;

const EXAMPLE_BRIEF: &str = include_str!("init/example.toml");
const EXAMPLE_SEED: &str = include_str!("init/example-article.md");

/// The README `brief init` writes: the layout of a project and its first commands.
const PROJECT_README: &str = include_str!("init/README.md");

/// Creates an empty project in `dir`: `seeds/`, `briefs/` and a README of
/// the layout (an existing README is kept); with `example`, also a seed and
/// a brief that build as they are. Refuses a folder that already has briefs.
pub fn init(dir: &Path, example: bool) -> Result<Vec<PathBuf>> {
    let briefs = dir.join("briefs");
    if briefs.is_dir()
        && std::fs::read_dir(&briefs)
            .map_err(|e| Error::io(&briefs, e))?
            .next()
            .is_some()
    {
        return Err(Error::Usage(format!(
            "{} already has briefs; not touching it",
            dir.display()
        )));
    }
    let mut created = Vec::new();
    for sub in ["seeds", "briefs"] {
        let path = dir.join(sub);
        if !path.is_dir() {
            std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
            created.push(path);
        }
    }
    let mut files = Vec::new();
    if !dir.join("README.md").exists() {
        files.push((dir.join("README.md"), PROJECT_README));
    }
    if example {
        files.push((dir.join("briefs/example.toml"), EXAMPLE_BRIEF));
        files.push((dir.join("seeds/example-article.md"), EXAMPLE_SEED));
    }
    for (path, text) in &files {
        crate::util::fs::ensure_within(dir, path)?;
        write_atomic(path, text.as_bytes())?;
    }
    created.extend(files.into_iter().map(|(p, _)| p));
    Ok(created)
}

/// Copies built-in templates into `dir`: all of them, or for one audience
/// only what it needs (its template, the base, the sections, the style).
/// Existing files are kept unless `force`.
pub fn eject(dir: &Path, audience: Option<&str>, force: bool) -> Result<Vec<PathBuf>> {
    let wanted = |name: &str| match audience {
        None => true,
        Some(a) => {
            name == format!("{a}.typ.j2")
                || !name.ends_with(".typ.j2")
                || name.starts_with("base")
                || name.starts_with("sections/")
        }
    };
    if let Some(a) = audience {
        if !BUILTIN_TEMPLATES
            .iter()
            .any(|(n, _)| *n == format!("{a}.typ.j2"))
        {
            return Err(Error::Usage(format!(
                "no built-in template for audience `{a}`; built-in audiences: executive, policy, investor, technical"
            )));
        }
    }
    // Nothing is written through a link out of the folder
    // (`templates/sections -> /etc`): every path is checked first.
    for (name, _) in BUILTIN_TEMPLATES.iter().filter(|(n, _)| wanted(n)) {
        crate::util::fs::ensure_within(dir, &dir.join(name))?;
    }
    let mut written = Vec::new();
    for (name, text) in BUILTIN_TEMPLATES.iter().filter(|(n, _)| wanted(n)) {
        let path = dir.join(name);
        if path.exists() && !force {
            continue;
        }
        write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
