//! A project folder: `seeds/`, `briefs/`, `templates/`, `out/`, and the
//! build of one brief from them.

use std::path::{Path, PathBuf};

use crate::diag::pos::{display_path, line_span};
use crate::diag::{FileRef, Problem};
use crate::error::{Error, Result};
use crate::load::seed::Seeds;
use crate::render::{self, TemplateSet};
use crate::typeset;
use crate::util::fs::{list_files, write_atomic};
use crate::util::text::shorten;

/// The folders of a project.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
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
        list_files(&dir, "toml")
    }

    /// Resolves a brief given by name (`story`) or path.
    pub fn find_brief(&self, name: &str) -> Result<PathBuf> {
        let as_path = Path::new(name);
        let looks_like_path =
            as_path.extension().is_some_and(|e| e == "toml") || as_path.components().count() > 1;
        if looks_like_path {
            return match std::fs::metadata(as_path) {
                Ok(meta) if meta.is_file() => Ok(as_path.to_path_buf()),
                Ok(_) => Err(Error::Usage(format!(
                    "{} is not a regular file: a brief is a .toml file",
                    display_path(as_path)
                ))),
                Err(e) => Err(Error::Usage(format!(
                    "cannot read the brief {}: {e}",
                    display_path(as_path)
                ))),
            };
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

    /// The project's seeds, each with its problems.
    pub fn load_seeds(&self) -> Result<Seeds> {
        Seeds::load(&self.seeds_dir())
    }
}

/// Writes `main.typ` and every Typst file it may import, plus the bundled
/// fonts, so `typst compile --font-path DIR/fonts DIR/main.typ` reproduces
/// the PDF.
pub(crate) fn emit_typ(dir: &Path, markup: &str, templates: &TemplateSet) -> Result<()> {
    write_atomic(&dir.join("main.typ"), markup.as_bytes())?;
    for (name, _) in render::BUILTIN_TEMPLATES
        .iter()
        .filter(|(n, _)| n.ends_with(".typ"))
    {
        if let Some((_, text)) = templates.read(name)? {
            write_atomic(&dir.join(name), text.as_bytes())?;
        }
    }
    for (name, data) in typeset::bundled_font_files() {
        write_atomic(&dir.join("fonts").join(name), data)?;
    }
    Ok(())
}

/// Reports Typst problems found in the generated markup against the line of
/// the `.typ.j2` template that produced it, with the generated line as a note.
pub(crate) fn trace_generated(
    problems: Vec<Problem>,
    markup: &str,
    templates: &TemplateSet,
    template: &str,
) -> Vec<Problem> {
    if !problems.iter().any(|p| p.file == FileRef::Generated) {
        return problems;
    }
    // The audience's template first, then every other template it may
    // extend or include (base.typ.j2, sections/*.typ.j2, ...).
    let mut names = vec![template.to_string()];
    names.extend(
        templates
            .all_names()
            .unwrap_or_default()
            .into_iter()
            .filter(|n| n.ends_with(".typ.j2") && n != template),
    );
    let sources: Vec<(FileRef, String)> = names
        .iter()
        .filter_map(|n| templates.read(n).ok().flatten())
        .map(|(file, text)| (file.file_ref(), text))
        .collect();
    problems
        .into_iter()
        .map(|p| {
            if p.file == FileRef::Generated {
                retarget(p, markup, &sources)
            } else {
                p
            }
        })
        .collect()
}

fn retarget(p: Problem, markup: &str, sources: &[(FileRef, String)]) -> Problem {
    let generated = markup
        .lines()
        .nth(p.line - 1)
        .unwrap_or("")
        .trim()
        .to_string();
    let best = sources
        .iter()
        .enumerate()
        .filter_map(|(i, (_, text))| template_line_for(text, &generated).map(|m| (m, i)))
        .max_by(|((wa, _), ia), ((wb, _), ib)| wa.cmp(wb).then(ib.cmp(ia)));
    let Some(((_, line), i)) = best else {
        let line = p.line;
        return p.note(format!("in the generated markup, line {line}: {generated}"));
    };
    let (file, template) = (&sources[i].0, &sources[i].1);
    let span = line_span(template, line);
    let mut q = Problem::at(p.severity, p.code, file, template, span, p.message.clone()).note(
        format!("generated line {}: {}", p.line, shorten(&generated, 160)),
    );
    q.hint = p.hint.or(Some(
        "brief data is always escaped, so the template line is the place to fix".into(),
    ));
    q
}

/// The weight and 1-based line of a template line whose literal parts (outside `{{ }}`,
/// `{% %}`, `{# #}`) all occur, in order, in a generated line; the one with
/// the most literal text wins.
pub(crate) fn template_line_for(template: &str, generated: &str) -> Option<(usize, usize)> {
    template
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let parts = literal_parts(line);
            let weight: usize = parts.iter().map(|p| p.len()).sum();
            if weight < 2 {
                return None;
            }
            let mut at = 0;
            for part in &parts {
                at += generated.get(at..)?.find(part.as_str())? + part.len();
            }
            Some((weight, i + 1))
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
}

fn literal_parts(line: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = line;
    while let Some(open) = ["{{", "{%", "{#"]
        .iter()
        .filter_map(|d| rest.find(d).map(|i| (i, *d)))
        .min()
    {
        parts.push(rest[..open.0].trim().to_string());
        let close = match open.1 {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        rest = match rest[open.0 + 2..].find(close) {
            Some(end) => &rest[open.0 + 2 + end + 2..],
            None => "",
        };
    }
    parts.push(rest.trim().to_string());
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}
