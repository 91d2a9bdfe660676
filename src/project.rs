//! A project folder: `seeds/`, `briefs/`, `templates/`, `out/`, and the
//! build of one brief from them.

use std::path::{Path, PathBuf};

use crate::check::line_col;
use crate::error::{Error, Result};
use crate::model::Brief;
use crate::render::{self, TemplateSet};
use crate::sources::{self, SourceSet};
use crate::typeset;

/// The folders of a project.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
}

/// A brief read from its file, with its text kept for error locations.
#[derive(Debug, Clone)]
pub struct LoadedBrief {
    /// The file stem: `briefs/longcat.toml` has id `longcat`.
    pub id: String,
    pub path: PathBuf,
    pub text: String,
    pub brief: Brief,
}

impl Project {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Project { root: root.into() }
    }

    pub fn seeds_dir(&self) -> PathBuf {
        self.root.join("seeds")
    }

    pub fn briefs_dir(&self) -> PathBuf {
        self.root.join("briefs")
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    pub fn out_dir(&self) -> PathBuf {
        self.root.join("out")
    }

    /// Template lookup order: the brief's own folder
    /// (`briefs/<id>/templates`), the project's `templates/`, the built-ins.
    pub fn template_set(&self, brief_id: &str) -> TemplateSet {
        TemplateSet::new(vec![
            self.briefs_dir().join(brief_id).join("templates"),
            self.templates_dir(),
        ])
    }

    /// All brief files, sorted.
    pub fn brief_paths(&self) -> Result<Vec<PathBuf>> {
        let dir = self.briefs_dir();
        if !dir.exists() {
            return Ok(Vec::new());
        }
        sources::list_files(&dir, "toml")
    }

    /// Resolves a brief given by name (`longcat`) or path.
    pub fn find_brief(&self, name: &str) -> Result<PathBuf> {
        let as_path = Path::new(name);
        if as_path.extension().is_some_and(|e| e == "toml") && as_path.is_file() {
            return Ok(as_path.to_path_buf());
        }
        let path = self.briefs_dir().join(format!("{name}.toml"));
        if path.is_file() {
            Ok(path)
        } else {
            let known: Vec<String> = self
                .brief_paths()?
                .iter()
                .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .collect();
            Err(Error::Usage(format!(
                "no brief named `{name}` (looked for {}); known briefs: {}",
                path.display(),
                if known.is_empty() {
                    "none".into()
                } else {
                    known.join(", ")
                }
            )))
        }
    }

    pub fn load_sources(&self) -> Result<(SourceSet, Vec<Error>)> {
        SourceSet::load_dir(&self.seeds_dir())
    }
}

/// Reads and parses a brief file, reporting the TOML error's line and column.
pub fn load_brief(path: &Path) -> Result<LoadedBrief> {
    let text = sources::read_text(path)?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let brief: Brief = toml::from_str(&text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(&text, s.start)).unwrap_or((1, 1));
        Error::Brief {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "brief".into());
    Ok(LoadedBrief {
        id,
        path: path.to_path_buf(),
        text,
        brief,
    })
}

/// Writes `main.typ` and every Typst file it may import, plus the bundled
/// fonts, so `typst compile --font-path DIR/fonts DIR/main.typ` reproduces
/// the PDF.
pub fn emit_typ(dir: &Path, markup: &str, templates: &TemplateSet) -> Result<()> {
    typeset::write_atomic(&dir.join("main.typ"), markup.as_bytes())?;
    for (name, _) in render::BUILTIN_TEMPLATES
        .iter()
        .filter(|(n, _)| n.ends_with(".typ"))
    {
        if let Some((_, text)) = templates.read(name)? {
            typeset::write_atomic(&dir.join(name), text.as_bytes())?;
        }
    }
    for (name, data) in typeset::bundled_font_files() {
        typeset::write_atomic(&dir.join("fonts").join(name), data)?;
    }
    Ok(())
}
