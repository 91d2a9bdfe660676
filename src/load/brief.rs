//! Brief files (`briefs/*.toml`): loaded with every problem reported.

use std::path::{Path, PathBuf};

use super::toml_doc::{first_line, parse_toml_range};
use super::{read_input, schema};
use crate::diag::{Problem, ProblemCode, Severity};
use crate::error::{Error, Result};
use crate::model::id::is_slug;
use crate::model::{Brief, BriefId};

/// A brief file as checked: its (prepared) text, the brief if it parsed,
/// and its problems.
#[derive(Debug, Clone)]
pub struct BriefFile {
    pub path: PathBuf,
    pub text: String,
    pub brief: Option<Brief>,
    pub problems: Vec<Problem>,
}

/// Reads and parses a brief file, collecting every problem.
pub fn load_brief_file(path: &Path) -> BriefFile {
    // A brief may not be a link out of its folder (`briefs/x.toml ->
    // /etc/passwd` would be quoted back in the problems' snippets).
    let folder = crate::util::fs::Folder::of_file(path);
    match read_input(path, folder.as_ref()) {
        Ok(text) => {
            let (brief, mut problems) = parse_brief(path, &text);
            // The file's name is the brief's folder in out/.
            if let Err(why) = BriefId::of_path(path) {
                problems.insert(
                    0,
                    Problem::file(ProblemCode::InvalidName, path, why)
                        .hint(format!("rename the file: {}", crate::model::id::SLUG_HINT)),
                );
            }
            BriefFile {
                path: path.to_path_buf(),
                text,
                brief,
                problems,
            }
        }
        Err(failed) => {
            let (text, problem) = *failed;
            BriefFile {
                path: path.to_path_buf(),
                text,
                brief: None,
                problems: vec![problem],
            }
        }
    }
}

/// Parses a brief's text, collecting syntax, structure and type problems.
pub fn parse_brief(path: &Path, text: &str) -> (Option<Brief>, Vec<Problem>) {
    let header = first_line(text);
    let mut problems = parse_toml_range(path, text, 0..text.len(), header, schema::BRIEF);
    problems.extend(audience_name_problems(path, text));
    if text.trim().is_empty() {
        problems = vec![Problem::at(
            Severity::Error,
            ProblemCode::EmptyFile,
            path,
            text,
            Some(0..0),
            "the brief is empty",
        )
        .hint("a brief needs at least kicker, title, deck, as_of and bottom_line")];
    }
    if !problems.is_empty() {
        // Unknown keys alone do not stop the rules: the brief is loaded
        // without them so its quotes and sources are still checked.
        let only_unknown = problems
            .iter()
            .all(|p| matches!(p.code, ProblemCode::UnknownKey | ProblemCode::InvalidName));
        return (
            only_unknown.then(|| lenient_brief(text)).flatten(),
            problems,
        );
    }
    match toml::from_str::<Brief>(text) {
        Ok(brief) => (Some(brief), problems),
        Err(e) => {
            // The schema mirrors the model; anything it missed still shows here.
            problems.push(Problem::at(
                Severity::Error,
                ProblemCode::InvalidBrief,
                path,
                text,
                e.span(),
                e.message().trim(),
            ));
            (None, problems)
        }
    }
}

/// A problem for each `[audiences.NAME]` whose name cannot be a file name
/// (it becomes `<NAME>.pdf` in the edition's folder).
fn audience_name_problems(path: &Path, text: &str) -> Vec<Problem> {
    let (root, _) = toml::de::DeTable::parse_recoverable(text);
    let Some(audiences) = root
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == "audiences")
        .map(|(_, v)| v)
    else {
        return Vec::new();
    };
    let toml::de::DeValue::Table(table) = audiences.get_ref() else {
        return Vec::new();
    };
    table
        .iter()
        .filter(|(name, _)| !is_slug(name.get_ref()))
        .map(|(name, _)| {
            Problem::at(
                Severity::Error,
                ProblemCode::InvalidName,
                path,
                text,
                Some(name.span()),
                format!(
                    "`{}` cannot name an audience: it becomes the file name of its PDF",
                    name.get_ref()
                ),
            )
            .hint(crate::model::id::SLUG_HINT)
        })
        .collect()
}

/// The brief without its unknown keys, if it is otherwise valid.
fn lenient_brief(text: &str) -> Option<Brief> {
    let (root, errors) = toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return None;
    }
    let unknown: Vec<(String, String)> = schema::validate(root.get_ref(), schema::BRIEF, 0..0)
        .into_iter()
        .filter_map(|i| i.unknown)
        .collect();
    let mut table: toml::Table = toml::from_str(text).ok()?;
    for (at, key) in unknown {
        if let Some(t) = table_at(&mut table, &at) {
            t.remove(&key);
        }
    }
    toml::Value::Table(table).try_into().ok()
}

/// The table at `findings[0].evidence[1]` (or the root for "").
fn table_at<'t>(root: &'t mut toml::Table, at: &str) -> Option<&'t mut toml::Table> {
    let mut table = root;
    for part in at.split('.').filter(|p| !p.is_empty()) {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        let value = table.get_mut(key)?;
        let value = match index {
            Some(i) => value.as_array_mut()?.get_mut(i)?,
            None => value,
        };
        table = value.as_table_mut()?;
    }
    Some(table)
}

/// A brief read from its file, with its text kept for error locations.
#[derive(Debug, Clone)]
pub struct LoadedBrief {
    /// The file stem: `briefs/story.toml` has id `story`.
    pub id: BriefId,
    pub path: PathBuf,
    pub text: String,
    pub brief: Brief,
}

/// Reads and parses a brief file; every problem of the file (syntax,
/// unknown keys, wrong types, missing fields, ...) comes back at once as
/// [`Error::Check`].
pub fn load_brief(path: &Path) -> Result<LoadedBrief> {
    let file = load_brief_file(path);
    let brief = match file.brief {
        Some(brief) if file.problems.is_empty() => brief,
        _ => return Err(Error::Check(file.problems)),
    };
    let id = BriefId::of_path(path).map_err(Error::Usage)?;
    Ok(LoadedBrief {
        id,
        path: path.to_path_buf(),
        text: file.text,
        brief,
    })
}
