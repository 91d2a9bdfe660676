//! Audiences: the same findings, cut and styled for different readers.
//!
//! Built-in audiences are defined in `templates/audiences.toml` (compiled
//! into the binary); a project may override it with its own
//! `templates/audiences.toml`, and a brief may declare or adjust audiences in
//! an `[audiences.<name>]` table.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diag::{FileRef, Problem, ProblemCode, Severity};
use crate::error::{Error, Result};
use crate::model::audience::{AudienceSelection, AudienceSpec, Section};
use crate::model::id::is_slug;
use crate::model::AudienceName;
use crate::render::fit::section_of;
use crate::render::TemplateSet;

/// A resolved audience: its name and the merged spec.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audience {
    pub name: AudienceName,
    pub spec: AudienceSpec,
    /// The template file to render.
    pub template: String,
    /// The `[audiences.NAME]` table that sets `max_pages` (a brief's, else
    /// `audiences.toml`'s), for errors about the limit.
    #[serde(skip)]
    pub max_pages_at: Option<TableAt>,
}

/// An `[audiences.NAME]` table in a TOML file (a brief or `audiences.toml`).
#[derive(Debug, Clone, PartialEq)]
pub struct TableAt {
    pub path: FileRef,
    pub text: Arc<str>,
    pub name: AudienceName,
}

impl TableAt {
    /// An error at the table's `key` (at its header if the key is not there).
    pub(crate) fn problem(
        &self,
        key: &str,
        code: ProblemCode,
        message: impl Into<String>,
    ) -> Problem {
        let span = audience_key_span(&self.text, &self.name, key);
        Problem::at(Severity::Error, code, &self.path, &self.text, span, message)
    }
}

/// The span of `key` in the `[audiences.NAME]` table of a TOML text, else
/// of the table's name.
fn audience_key_span(text: &str, name: &str, key: &str) -> Option<Range<usize>> {
    use toml::de::{DeTable, DeValue};
    fn find<'t, 'a>(table: &'t DeTable<'a>, want: &str) -> Option<(Range<usize>, &'t DeValue<'a>)> {
        table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == want)
            .map(|(k, v)| (k.span(), v.get_ref()))
    }
    let root = DeTable::parse(text).ok()?;
    let (_, DeValue::Table(audiences)) = find(root.get_ref(), "audiences")? else {
        return None;
    };
    let (at, value) = find(audiences, name)?;
    match value {
        DeValue::Table(table) => Some(find(table, key).map_or(at, |(k, _)| k)),
        _ => Some(at),
    }
}

/// The audience definitions file inside a template set.
pub(crate) const AUDIENCES_FILE: &str = "audiences.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AudiencesFile {
    /// The audience `brief build` uses without `--audience`.
    default: String,
    #[serde(default)]
    audiences: BTreeMap<String, AudienceSpec>,
}

/// All audiences known for a brief: the template set's `audiences.toml`,
/// then the brief's own `[audiences.x]` tables on top.
pub struct Catalog {
    /// The default audience as `audiences.toml` names it (resolved like a
    /// requested name).
    pub default: String,
    pub specs: BTreeMap<AudienceName, AudienceSpec>,
    /// Where each audience's `max_pages` is set.
    max_pages_at: BTreeMap<AudienceName, TableAt>,
}

impl Catalog {
    /// `brief` is the brief's file and text, whose `[audiences.NAME]`
    /// tables are `brief_own`.
    pub fn load(
        templates: &TemplateSet,
        brief_own: &BTreeMap<AudienceName, AudienceSpec>,
        brief: (&Path, &str),
    ) -> Result<Catalog> {
        let (file, text) = templates
            .read(AUDIENCES_FILE)?
            .ok_or_else(|| Error::Usage(format!("no {AUDIENCES_FILE} in the template set")))?;
        let parsed: AudiencesFile = toml::from_str(&text).map_err(|e| Error::Template {
            file: file.file_ref(),
            line: e
                .span()
                .map(|s| crate::diag::pos::line_col(&text, s.start).0),
            message: e.message().trim().to_string(),
        })?;
        // Audience names become file names (`<name>.pdf`): the file's are
        // checked here, with its line; a brief's own are [`AudienceName`]s
        // already (its loader reports a bad one at its line).
        if let Some(bad) = parsed.audiences.keys().find(|n| !is_slug(n)) {
            let at = text
                .find(&format!("audiences.{bad}"))
                .or_else(|| text.find(bad.as_str()));
            return Err(Error::Template {
                file: file.file_ref(),
                line: at.map(|at| crate::diag::pos::line_col(&text, at).0),
                message: format!(
                    "`{bad}` cannot name an audience (it becomes the file name of its PDF); {}",
                    crate::model::id::SLUG_HINT
                ),
            });
        }
        let mut specs: BTreeMap<AudienceName, AudienceSpec> = parsed
            .audiences
            .into_iter()
            .map(|(name, spec)| Ok((AudienceName::new(&name).map_err(Error::Usage)?, spec)))
            .collect::<Result<_>>()?;
        let file_at = TableFile::new(file.file_ref(), &text);
        let brief_at = TableFile::new(FileRef::from(brief.0), brief.1);
        let mut max_pages_at = BTreeMap::new();
        for (name, spec) in &specs {
            if spec.max_pages.is_some() {
                max_pages_at.insert(name.clone(), file_at.table(name));
            }
        }
        for (name, over) in brief_own {
            let base = specs.get(name).cloned().unwrap_or_default();
            if over.max_pages.is_some() {
                max_pages_at.insert(name.clone(), brief_at.table(name));
            }
            specs.insert(name.clone(), base.merged(over));
        }
        let problems = limit_problems(&specs, brief_own, &file_at, &brief_at);
        if !problems.is_empty() {
            return Err(Error::Check(problems));
        }
        Ok(Catalog {
            default: parsed.default,
            specs,
            max_pages_at,
        })
    }

    /// Resolves `--audience` values ("all", names, or none for the default).
    pub fn select(
        &self,
        requested: &AudienceSelection,
        templates: &TemplateSet,
    ) -> Result<Vec<Audience>> {
        let names: Vec<&str> = match requested {
            AudienceSelection::Default => vec![self.default.as_str()],
            AudienceSelection::All => self.specs.keys().map(|n| n.as_str()).collect(),
            AudienceSelection::Named(names) => names.iter().map(String::as_str).collect(),
        };
        names
            .into_iter()
            .map(|name| {
                let (name, spec) = self.specs.get_key_value(name).ok_or_else(|| {
                    Error::Usage(format!(
                        "unknown audience `{name}`; known audiences: {}, or `all`",
                        self.specs.keys().cloned().collect::<Vec<_>>().join(", ")
                    ))
                })?;
                let (name, spec) = (name.clone(), spec.clone());
                let template = spec.template.clone().unwrap_or_else(|| {
                    let own = format!("{name}.typ.j2");
                    if templates.lookup(&own).is_some() {
                        own
                    } else {
                        "brief.typ.j2".to_string()
                    }
                });
                Ok(Audience {
                    max_pages_at: self.max_pages_at.get(&name).cloned(),
                    name,
                    spec,
                    template,
                })
            })
            .collect()
    }
}

/// A TOML file that holds `[audiences.NAME]` tables.
struct TableFile {
    path: FileRef,
    text: Arc<str>,
}

impl TableFile {
    fn new(path: FileRef, text: &str) -> Self {
        TableFile {
            path,
            text: Arc::from(text),
        }
    }

    fn table(&self, name: &AudienceName) -> TableAt {
        TableAt {
            path: self.path.clone(),
            text: self.text.clone(),
            name: name.clone(),
        }
    }
}

/// The problems of every audience's limits ([`unshown_limits`]), reported
/// where the brief changed the limits or sections, else in
/// `audiences.toml`.
fn limit_problems(
    specs: &BTreeMap<AudienceName, AudienceSpec>,
    brief_own: &BTreeMap<AudienceName, AudienceSpec>,
    file: &TableFile,
    brief: &TableFile,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (name, spec) in specs {
        let (table, key) = match brief_own.get(name) {
            Some(o) if !o.limits.is_empty() => (brief.table(name), "limits"),
            Some(o) if o.sections.is_some() => (brief.table(name), "sections"),
            _ => (file.table(name), "limits"),
        };
        problems.extend(unshown_limits(spec, &table, key));
    }
    problems
}

/// A problem for each of `spec`'s limits on findings of a status whose
/// section the audience does not show (the limit would do nothing). An
/// audience with a page limit shows contested findings whatever its
/// sections.
fn unshown_limits(spec: &AudienceSpec, table: &TableAt, key: &str) -> Vec<Problem> {
    let sections = spec
        .sections
        .clone()
        .unwrap_or_else(|| Section::ALL.to_vec());
    let shown =
        |s: Section| sections.contains(&s) || (s == Section::Contested && spec.max_pages.is_some());
    spec.limits
        .keys()
        .filter(|status| !shown(section_of(**status)))
        .map(|status| {
            let status = status.key();
            table
                .problem(
                    key,
                    ProblemCode::InvalidValue,
                    format!(
                        "the `{}` audience limits `{status}` findings but does not show the \
                         `{status}` section",
                        table.name
                    ),
                )
                .hint(format!(
                    "add \"{status}\" to its `sections`, or remove `{status}` from its `limits`"
                ))
        })
        .collect()
}
