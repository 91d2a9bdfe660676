//! Template rendering: the brief model and its sources become Typst markup
//! through minijinja templates.
//!
//! Everything a template prints with `{{ ... }}` into a `.typ` template is
//! escaped for Typst markup automatically ([`escape_markup`]), so text from
//! briefs and articles is always data, never code. For the rare places that
//! need a Typst string literal (e.g. `#link("...")`), templates use the
//! `str` filter, which produces a quoted, escaped literal.
//!
//! The data a template sees is a [`view::BriefView`], cut for one
//! [`audience::Audience`].

pub mod audience;
pub(crate) mod fit;
pub mod view;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use minijinja::{AutoEscape, Environment, Value};
use serde::Serialize;

use crate::diag::FileRef;
use crate::error::{Error, Result};

/// Escapes text so that Typst markup shows it exactly as typed.
///
/// Every ASCII punctuation character gets a backslash (Typst treats
/// `\` + any non-space character as that character), and line breaks
/// become spaces so a value can never start a heading, list item or
/// comment on a line of its own. Other control characters are dropped.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut last_was_space = false;
    for c in text.chars() {
        if c == '\n' || c == '\r' || c == '\t' {
            if !last_was_space {
                out.push(' ');
            }
            last_was_space = true;
            continue;
        }
        last_was_space = c == ' ';
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c.is_control() {
            // dropped: not printable, and some confuse the PDF text layer
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `text` is a plain finite number (`12`, `-1.5`, `1e20`), which
/// Typst reads the same in markup and code. NaN and infinities are not.
fn is_finite_number(text: &str) -> bool {
    text.parse::<f64>().is_ok_and(f64::is_finite)
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
}

/// Quotes text as a Typst string literal: `"..."` with escapes.
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The name of the custom auto-escape mode for Typst templates.
const TYPST_ESCAPE: &str = "typst";

/// Where templates come from, in lookup order: the first folder that has a
/// file wins, then the built-in defaults compiled into the binary.
#[derive(Debug, Clone, Default)]
pub struct TemplateSet {
    pub dirs: Vec<PathBuf>,
    files: TemplateFiles,
}

/// Template files as read from disk, by path: each file is read (or found
/// missing) once, by every set that shares this (see
/// [`TemplateSet::sharing`]). A build thus reads the project's `templates/`
/// once for all its briefs, and renders exactly the templates whose hashes
/// it records, even if a file changes on disk meanwhile.
#[derive(Debug, Clone, Default)]
pub(crate) struct TemplateFiles(Arc<Mutex<FileCache>>);

#[derive(Debug, Default)]
struct FileCache {
    /// Each file's text, `None` if missing.
    files: HashMap<PathBuf, Option<Arc<str>>>,
    /// Each template folder, resolved once; `None` if it does not exist.
    folders: HashMap<PathBuf, Option<crate::util::fs::Folder>>,
}

impl TemplateFiles {
    /// The text of the file at `path` (in the template folder `root`),
    /// `None` if there is none. Errors (unreadable, too large, not UTF-8, a
    /// link out of `root`, not a regular file) are reported, not kept.
    fn read(&self, root: &Path, path: &Path) -> Result<Option<Arc<str>>> {
        let mut cache = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = cache.files.get(path) {
            return Ok(known.clone());
        }
        let folder = cache
            .folders
            .entry(root.to_path_buf())
            .or_insert_with(|| crate::util::fs::Folder::new(root).ok())
            .clone();
        let Some(folder) = folder else {
            cache.files.insert(path.to_path_buf(), None);
            return Ok(None);
        };
        let text = match folder.read_text(path) {
            Ok(text) => Some(Arc::from(text)),
            Err(Error::Io { source, .. })
                if matches!(
                    source.kind(),
                    std::io::ErrorKind::NotFound
                        | std::io::ErrorKind::IsADirectory
                        | std::io::ErrorKind::NotADirectory
                ) =>
            {
                None
            }
            Err(e) => return Err(e),
        };
        cache.files.insert(path.to_path_buf(), text.clone());
        Ok(text)
    }
}

/// The default templates, compiled into the binary so `brief` works in an
/// empty folder.
pub(crate) const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.typ.j2", include_str!("../../templates/base.typ.j2")),
    ("brief.typ.j2", include_str!("../../templates/brief.typ.j2")),
    (
        "executive.typ.j2",
        include_str!("../../templates/executive.typ.j2"),
    ),
    (
        "policy.typ.j2",
        include_str!("../../templates/policy.typ.j2"),
    ),
    (
        "investor.typ.j2",
        include_str!("../../templates/investor.typ.j2"),
    ),
    (
        "technical.typ.j2",
        include_str!("../../templates/technical.typ.j2"),
    ),
    ("style.typ", include_str!("../../templates/style.typ")),
    ("theme.typ", include_str!("../../templates/theme.typ")),
    (
        "audiences.toml",
        include_str!("../../templates/audiences.toml"),
    ),
    (
        "sections/macros.typ.j2",
        include_str!("../../templates/sections/macros.typ.j2"),
    ),
    (
        "sections/bottom_line.typ.j2",
        include_str!("../../templates/sections/bottom_line.typ.j2"),
    ),
    (
        "sections/figures.typ.j2",
        include_str!("../../templates/sections/figures.typ.j2"),
    ),
    (
        "sections/chart.typ.j2",
        include_str!("../../templates/sections/chart.typ.j2"),
    ),
    (
        "sections/proven.typ.j2",
        include_str!("../../templates/sections/proven.typ.j2"),
    ),
    (
        "sections/not_proven.typ.j2",
        include_str!("../../templates/sections/not_proven.typ.j2"),
    ),
    (
        "sections/contested.typ.j2",
        include_str!("../../templates/sections/contested.typ.j2"),
    ),
    (
        "sections/pull_quote.typ.j2",
        include_str!("../../templates/sections/pull_quote.typ.j2"),
    ),
    (
        "sections/implications.typ.j2",
        include_str!("../../templates/sections/implications.typ.j2"),
    ),
    (
        "sections/watch.typ.j2",
        include_str!("../../templates/sections/watch.typ.j2"),
    ),
    (
        "sections/timeline.typ.j2",
        include_str!("../../templates/sections/timeline.typ.j2"),
    ),
    (
        "sections/changes.typ.j2",
        include_str!("../../templates/sections/changes.typ.j2"),
    ),
    (
        "sections/references.typ.j2",
        include_str!("../../templates/sections/references.typ.j2"),
    ),
];

impl TemplateSet {
    pub(crate) fn new(dirs: Vec<PathBuf>) -> Self {
        TemplateSet {
            dirs,
            files: TemplateFiles::default(),
        }
    }

    /// The same set, reading its files through `files` (shared with other
    /// sets of the same build).
    pub(crate) fn sharing(self, files: &TemplateFiles) -> Self {
        TemplateSet {
            files: files.clone(),
            ..self
        }
    }

    /// Finds a template file by name (a relative path such as `style.typ`).
    /// Names that try to leave the template folders (`..`, absolute paths)
    /// are refused.
    pub(crate) fn lookup(&self, name: &str) -> Option<TemplateFile> {
        let name = clean_name(name)?;
        for dir in &self.dirs {
            let path = dir.join(&name);
            // A file that cannot be read is still found: reading it reports why.
            if self
                .files
                .read(dir, &path)
                .map_or(true, |text| text.is_some())
            {
                return Some(TemplateFile {
                    name: name.clone(),
                    origin: Some(path),
                    dir: Some(dir.clone()),
                });
            }
        }
        BUILTIN_TEMPLATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|_| TemplateFile {
                name,
                origin: None,
                dir: None,
            })
    }

    /// Every template name the set can serve (folders and built-ins), sorted.
    pub(crate) fn all_names(&self) -> Result<Vec<String>> {
        let mut names: Vec<String> = BUILTIN_TEMPLATES
            .iter()
            .map(|(n, _)| n.to_string())
            .collect();
        for dir in &self.dirs {
            let mut seen = Vec::new();
            collect_names(dir, dir, &mut seen, &mut names)?;
        }
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// Reads a template's text (from disk or the built-ins).
    pub(crate) fn read(&self, name: &str) -> Result<Option<(TemplateFile, String)>> {
        let Some(file) = self.lookup(name) else {
            return Ok(None);
        };
        let text = match (&file.origin, &file.dir) {
            (Some(path), Some(dir)) => self
                .files
                .read(dir, path)?
                .map(|text| text.to_string())
                .unwrap_or_default(),
            _ => BUILTIN_TEMPLATES
                .iter()
                .find(|(n, _)| *n == file.name)
                .map(|(_, t)| t.to_string())
                .unwrap_or_default(),
        };
        Ok(Some((file, text)))
    }
}

/// A template found by [`TemplateSet::lookup`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TemplateFile {
    pub name: String,
    /// The file on disk, or `None` for a built-in.
    pub origin: Option<PathBuf>,
    /// The template folder it was found in (which it may not leave).
    pub dir: Option<PathBuf>,
}

impl TemplateFile {
    /// Which file it is, for problems: on disk, or built in.
    pub(crate) fn file_ref(&self) -> FileRef {
        match &self.origin {
            Some(p) => FileRef::Disk(p.clone()),
            None => FileRef::BuiltIn(self.name.clone()),
        }
    }
}

/// Lists the files under `dir` (inside the template folder `root`). A linked
/// folder is walked only if it resolves inside `root` and was not walked
/// already, so a link out of the folder (`rootdir -> /`) is not followed and
/// a loop (`a -> .`) ends; linked files are listed, and reading one that
/// leads out of the folder is refused with its reason.
fn collect_names(
    root: &Path,
    dir: &Path,
    seen: &mut Vec<PathBuf>,
    names: &mut Vec<String>,
) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    if seen.is_empty() {
        // The folder itself, resolved: where links may lead.
        match std::fs::canonicalize(dir) {
            Ok(real) => seen.push(real),
            Err(_) => return Ok(()),
        }
    }
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        // The entry's type comes with the listing; only a symlink needs a stat.
        let is_dir = match entry.file_type() {
            Ok(t) if !t.is_symlink() => t.is_dir(),
            _ => match std::fs::canonicalize(&path) {
                Ok(real) if real.is_dir() => {
                    if !real.starts_with(&seen[0]) || seen.contains(&real) {
                        continue;
                    }
                    seen.push(real);
                    true
                }
                _ => false,
            },
        };
        if is_dir {
            collect_names(root, &path, seen, names)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            names.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Normalises a template name; `None` if it escapes its folder.
fn clean_name(name: &str) -> Option<String> {
    let path = Path::new(name.trim_start_matches('/'));
    let mut parts = Vec::new();
    for comp in path.components() {
        match comp {
            std::path::Component::Normal(p) => parts.push(p.to_str()?.to_string()),
            std::path::Component::CurDir => {}
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Builds the minijinja environment for a template set.
pub fn environment(templates: &TemplateSet) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".typ.j2") || name.ends_with(".typ") {
            AutoEscape::Custom(TYPST_ESCAPE.into())
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        if *state.auto_escape() == AutoEscape::Custom(TYPST_ESCAPE.into())
            && !value.is_safe()
            && !value.is_none()
            && !value.is_undefined()
        {
            // Typst spells booleans in lower case, and finite numbers are
            // valid as they are in markup and in code (`value: 1.5`);
            // everything else is text.
            let text = value.to_string();
            match value.kind() {
                minijinja::value::ValueKind::Bool => out.write_str(&value.is_true().to_string())?,
                minijinja::value::ValueKind::Number if is_finite_number(&text) => {
                    out.write_str(&text)?
                }
                _ => out.write_str(&escape_markup(&text))?,
            }
            Ok(())
        } else {
            minijinja::escape_formatter(out, state, value)
        }
    });
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .expect("default delimiters are valid"),
    );
    env.add_filter("str", |v: Value| {
        Value::from_safe_string(typst_string(&v.to_string()))
    });
    // A text as a Typst string, whitespace as markup would show it (in a
    // string, a line break would be a forced one).
    env.add_filter("plain", |v: Value| {
        Value::from_safe_string(typst_string(&crate::extract::text::collapse_whitespace(
            &v.to_string(),
        )))
    });
    env.add_filter("markup", |v: Value| {
        Value::from_safe_string(escape_markup(&v.to_string()))
    });
    // "A title" -> "A title.", but "Is it?" and "It works." stay as they are.
    env.add_filter("period", |v: Value| {
        let text = v.to_string();
        let text = text.trim_end();
        if text.ends_with(['.', '?', '!', '\u{2026}']) {
            text.to_string()
        } else {
            format!("{text}.")
        }
    });
    let set = templates.clone();
    env.set_loader(move |name| match set.read(name) {
        Ok(found) => Ok(found.map(|(_, text)| text)),
        Err(e) => Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            e.to_string(),
        )),
    });
    env
}

/// Renders the named template with a serialisable context.
pub fn render<C: Serialize>(
    env: &Environment<'static>,
    templates: &TemplateSet,
    name: &str,
    context: &C,
) -> Result<String> {
    let template = env
        .get_template(name)
        .map_err(|e| template_error(templates, e))?;
    template
        .render(Value::from(minijinja::value::Serde(context)))
        .map_err(|e| template_error(templates, e))
}

/// Turns a minijinja error into ours, naming the template file and line.
fn template_error(templates: &TemplateSet, err: minijinja::Error) -> Error {
    let name = err.name().unwrap_or("<unknown>").to_string();
    let file = templates
        .lookup(&name)
        .map(|f| f.file_ref())
        .unwrap_or_else(|| FileRef::Disk(PathBuf::from(name)));
    let mut message = format!("{}", err.kind());
    if let Some(detail) = err.detail() {
        message = format!("{message}: {detail}");
    }
    Error::Template {
        file,
        line: err.line(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// A context of ad-hoc values.
    fn context_map<K: Into<String>, V: Serialize>(pairs: Vec<(K, V)>) -> BTreeMap<String, Value> {
        pairs
            .into_iter()
            .map(|(k, v)| (k.into(), Value::from(minijinja::value::Serde(&v))))
            .collect()
    }

    #[test]
    fn escapes_every_markup_special() {
        assert_eq!(escape_markup("$12 billion"), "\\$12 billion");
        assert_eq!(escape_markup("#read(\"x\")"), "\\#read\\(\\\"x\\\"\\)");
        assert_eq!(escape_markup("a\n= Heading"), "a \\= Heading");
        assert_eq!(escape_markup("// not a comment"), "\\/\\/ not a comment");
    }

    #[test]
    fn numbers_print_as_numbers_in_code() {
        let set = TemplateSet::default();
        let mut env = environment(&set);
        env.add_template_owned(
            "n.typ.j2",
            "#f(value: {{ a }}, b: {{ b }}, c: {{ c }})".to_string(),
        )
        .unwrap();
        let ctx = context_map(vec![("a", 1.5), ("b", -2.0), ("c", f64::NAN)]);
        let out = render(&env, &set, "n.typ.j2", &ctx).unwrap();
        assert!(out.starts_with("#f(value: 1.5, b: -2"), "{out}");
    }

    #[test]
    fn string_literal_escapes_quotes_and_backslashes() {
        assert_eq!(typst_string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }

    #[test]
    fn names_cannot_escape_the_template_folder() {
        assert_eq!(clean_name("../etc/passwd"), None);
        assert_eq!(clean_name("/style.typ").as_deref(), Some("style.typ"));
        assert_eq!(clean_name("a/./b.typ").as_deref(), Some("a/b.typ"));
    }

    #[test]
    fn auto_escapes_values_in_typst_templates() {
        let set = TemplateSet::default();
        let mut env = environment(&set);
        env.add_template_owned("t.typ.j2", "[{{ x }}] {{ x | str }}".to_string())
            .unwrap();
        let out = render(
            &env,
            &set,
            "t.typ.j2",
            &context_map(vec![("x", "*bold* $x$")]),
        )
        .unwrap();
        assert_eq!(out, "[\\*bold\\* \\$x\\$] \"*bold* $x$\"");
    }

    #[test]
    fn a_build_reads_each_template_file_once_and_the_next_build_again() {
        let dir = tempfile::tempdir().unwrap();
        let style = dir.path().join("style.typ");
        std::fs::write(&style, "#let x = 1").unwrap();
        let build = TemplateFiles::default();
        let set = || TemplateSet::new(vec![dir.path().to_path_buf()]).sharing(&build);
        let first = set().read("style.typ").unwrap().unwrap();
        assert_eq!(first.0.origin.as_deref(), Some(style.as_path()));
        assert_eq!(first.1, "#let x = 1");
        // A build renders the templates whose hashes it took, even if a
        // file changes meanwhile (another brief's set shares the reads);
        // the next build sees the change.
        std::fs::write(&style, "#let x = 2").unwrap();
        assert_eq!(set().read("style.typ").unwrap().unwrap().1, "#let x = 1");
        let next = TemplateSet::new(vec![dir.path().to_path_buf()]);
        assert_eq!(next.read("style.typ").unwrap().unwrap().1, "#let x = 2");
        // Built-ins and missing files go through the same path.
        assert!(set().read("theme.typ").unwrap().unwrap().0.origin.is_none());
        assert!(set().read("missing.typ").unwrap().is_none());
        // A folder is not a template; an unreadable file is found, and
        // reading it says why.
        std::fs::create_dir(dir.path().join("folder.typ")).unwrap();
        assert!(set().lookup("folder.typ").is_none());
        std::fs::write(dir.path().join("bad.typ"), [0xff, 0xfe]).unwrap();
        assert!(set().lookup("bad.typ").is_some());
        assert!(set().read("bad.typ").is_err());
    }
}
