//! Audiences: the same findings, cut and styled for different readers.
//!
//! Built-in audiences are defined in `templates/audiences.toml` (compiled
//! into the binary); a project may override it with its own
//! `templates/audiences.toml`, and a brief may declare or adjust audiences in
//! an `[audiences.<name>]` table.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::audience::{AudienceSelection, AudienceSpec};
use crate::model::id::is_slug;
use crate::render::TemplateSet;

/// A resolved audience: its name and the merged spec.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audience {
    pub name: String,
    pub spec: AudienceSpec,
    /// The template file to render.
    pub template: String,
}

/// The audience definitions file inside a template set.
pub const AUDIENCES_FILE: &str = "audiences.toml";

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
    pub default: String,
    pub specs: BTreeMap<String, AudienceSpec>,
}

impl Catalog {
    pub fn load(
        templates: &TemplateSet,
        brief_own: &BTreeMap<String, AudienceSpec>,
    ) -> Result<Catalog> {
        let (file, text) = templates
            .read(AUDIENCES_FILE)?
            .ok_or_else(|| Error::Usage(format!("no {AUDIENCES_FILE} in the template set")))?;
        let parsed: AudiencesFile = toml::from_str(&text).map_err(|e| Error::Template {
            name: file.display(),
            line: e
                .span()
                .map(|s| crate::diag::pos::line_col(&text, s.start).0),
            message: e.message().trim().to_string(),
        })?;
        let mut specs = parsed.audiences;
        // Audience names become file names (`<name>.pdf`). A brief's own
        // names are reported at their line by the brief's loader; this is
        // the last guard before any path is made of them.
        if let Some(bad) = specs.keys().find(|n| !is_slug(n)) {
            let at = text
                .find(&format!("audiences.{bad}"))
                .or_else(|| text.find(bad.as_str()));
            return Err(Error::Template {
                name: file.display(),
                line: at.map(|at| crate::diag::pos::line_col(&text, at).0),
                message: format!(
                    "`{bad}` cannot name an audience (it becomes the file name of its PDF); {}",
                    crate::model::id::SLUG_HINT
                ),
            });
        }
        if let Some(bad) = brief_own.keys().find(|n| !is_slug(n)) {
            return Err(Error::Usage(format!(
                "`{bad}` cannot name an audience: {}",
                crate::model::id::SLUG_HINT
            )));
        }
        for (name, over) in brief_own {
            let base = specs.get(name).cloned().unwrap_or_default();
            specs.insert(name.clone(), base.merged(over));
        }
        Ok(Catalog {
            default: parsed.default,
            specs,
        })
    }

    /// Resolves `--audience` values ("all", names, or none for the default).
    pub fn select(
        &self,
        requested: &AudienceSelection,
        templates: &TemplateSet,
    ) -> Result<Vec<Audience>> {
        let names: Vec<String> = match requested {
            AudienceSelection::Default => vec![self.default.clone()],
            AudienceSelection::All => self.specs.keys().cloned().collect(),
            AudienceSelection::Named(names) => names.clone(),
        };
        names
            .into_iter()
            .map(|name| {
                let spec = self.specs.get(&name).cloned().ok_or_else(|| {
                    Error::Usage(format!(
                        "unknown audience `{name}`; known audiences: {}, or `all`",
                        self.specs.keys().cloned().collect::<Vec<_>>().join(", ")
                    ))
                })?;
                let template = spec.template.clone().unwrap_or_else(|| {
                    let own = format!("{name}.typ.j2");
                    if templates.lookup(&own).is_some() {
                        own
                    } else {
                        "brief.typ.j2".to_string()
                    }
                });
                Ok(Audience {
                    name,
                    spec,
                    template,
                })
            })
            .collect()
    }
}
