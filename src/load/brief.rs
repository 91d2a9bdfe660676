//! Brief files (`briefs/*.toml`): loaded with every problem reported.

use std::path::{Path, PathBuf};

use super::toml_doc::{first_line, parse_toml_range};
use super::{read_input, schema};
use crate::diag::{Problem, ProblemCode, Severity};
use crate::error::{Error, Result};
use crate::model::id::is_slug;
use crate::model::{AudienceName, Brief, BriefId};

/// A brief file as checked: its (prepared) text, the brief if it parsed,
/// and its problems.
#[derive(Debug, Clone)]
pub(crate) struct BriefFile {
    pub path: PathBuf,
    pub text: String,
    pub brief: Option<Brief>,
    pub problems: Vec<Problem>,
}

/// Reads and parses a brief file, collecting every problem.
pub(crate) fn load_brief_file(path: &Path) -> BriefFile {
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
        return (None, problems);
    }
    if !problems.is_empty() {
        // A structural problem does not stop the rules: the brief is
        // repaired (see [`repaired_brief`]) so that its quotes, sources and
        // figures are still checked and every problem comes out at once.
        let syntax = problems.iter().any(|p| p.code == ProblemCode::TomlSyntax);
        return ((!syntax).then(|| repaired_brief(text)).flatten(), problems);
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
        .filter_map(|(name, _)| {
            let why = AudienceName::new(name.get_ref()).err()?;
            Some(
                Problem::at(
                    Severity::Error,
                    ProblemCode::InvalidName,
                    path,
                    text,
                    Some(name.span()),
                    why,
                )
                .hint(crate::model::id::SLUG_HINT),
            )
        })
        .collect()
}

/// The brief with what the schema rejects taken out or stood in for:
/// unknown keys and ill-typed optional fields dropped, required fields
/// that are missing or ill-typed given a neutral stand-in (empty text, which
/// the rules skip; the status `not_proven`, which asks for nothing; NaN for
/// a number, which is not drawn or checked). Only for checking: the schema
/// has already reported each of these.
fn repaired_brief(text: &str) -> Option<Brief> {
    let mut table: toml::Table = toml::from_str(text).ok()?;
    repair(&mut table, schema::BRIEF);
    // An audience name that cannot name a file (reported by
    // `audience_name_problems`) cannot be an `AudienceName`.
    if let Some(toml::Value::Table(audiences)) = table.get_mut("audiences") {
        audiences.retain(|name, _| is_slug(name));
    }
    toml::Value::Table(table).try_into().ok()
}

fn repair(table: &mut toml::Table, fields: &[schema::Field]) {
    table.retain(|key, _| fields.iter().any(|f| f.name == key));
    for field in fields {
        let fits = match table.get_mut(field.name) {
            Some(value) => repair_value(value, field.kind),
            None => false,
        };
        if !fits {
            match (field.need, stand_in(field.kind)) {
                (schema::Need::Required, Some(value)) => {
                    table.insert(field.name.to_string(), value);
                }
                _ => {
                    table.remove(field.name);
                }
            }
        }
    }
}

/// Repairs a value in place; false if it cannot hold this kind at all.
fn repair_value(value: &mut toml::Value, kind: schema::Kind) -> bool {
    use schema::Kind;
    use toml::Value;
    match (kind, value) {
        (Kind::Text, Value::String(_)) => true,
        (Kind::TextList, Value::Array(items)) => {
            items.retain(|i| i.is_str());
            true
        }
        (Kind::Date, Value::Datetime(d)) => d.date.is_some() && d.time.is_none(),
        (Kind::Date, Value::String(s)) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        (Kind::OneOf(options), Value::String(s)) => options.contains(&s.as_str()),
        (Kind::Number, Value::Integer(_)) => true,
        (Kind::Number, Value::Float(f)) => f.is_finite(),
        (Kind::Bool, Value::Boolean(_)) => true,
        (Kind::AnyTable, Value::Table(_)) => true,
        (Kind::Table(fields), Value::Table(t)) => {
            repair(t, fields);
            true
        }
        (Kind::Tables(fields), Value::Array(items)) => {
            items.retain(|i| i.is_table());
            for item in items.iter_mut() {
                if let Value::Table(t) = item {
                    repair(t, fields);
                }
            }
            true
        }
        _ => false,
    }
}

/// What stands in for a required field that is missing or unusable.
fn stand_in(kind: schema::Kind) -> Option<toml::Value> {
    use schema::Kind;
    use toml::Value;
    Some(match kind {
        Kind::Text => Value::String(String::new()),
        Kind::TextList => Value::Array(Vec::new()),
        Kind::Date => Value::String("1970-01-01".into()),
        Kind::OneOf(options) => Value::String(
            options
                .iter()
                .find(|o| **o == "not_proven")
                .unwrap_or(&options[0])
                .to_string(),
        ),
        Kind::Number => Value::Float(f64::NAN),
        Kind::Bool => Value::Boolean(false),
        Kind::Table(fields) => {
            let mut t = toml::Table::new();
            repair(&mut t, fields);
            Value::Table(t)
        }
        Kind::Tables(_) => Value::Array(Vec::new()),
        Kind::AnyTable => return None,
    })
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
