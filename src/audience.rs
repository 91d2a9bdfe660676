//! Audiences: the same findings, cut and styled for different readers.
//!
//! Built-in audiences are defined in `templates/audiences.toml` (compiled
//! into the binary); a project may override it with its own
//! `templates/audiences.toml`, and a brief may declare or adjust audiences in
//! an `[audiences.<name>]` table.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Status;
use crate::render::TemplateSet;

/// The part of a brief an audience shows, in the order it shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    BottomLine,
    Figures,
    Chart,
    Proven,
    NotProven,
    Contested,
    PullQuote,
    Implications,
    Watch,
    Timeline,
    Changes,
    References,
}

impl Section {
    /// Every section, in the default order.
    pub const ALL: [Section; 12] = [
        Section::BottomLine,
        Section::Figures,
        Section::Chart,
        Section::Proven,
        Section::NotProven,
        Section::Contested,
        Section::PullQuote,
        Section::Implications,
        Section::Watch,
        Section::Timeline,
        Section::Changes,
        Section::References,
    ];
}

/// How one audience's brief is cut. Every field is optional so a brief's
/// `[audiences.x]` table only states what differs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudienceSpec {
    /// Shown in the header: "Policy brief".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The template to render (default `<name>.typ.j2` if it exists, else `brief.typ.j2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deck: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    /// Sections and their order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<Section>>,
    /// At most this many findings per status (keys: proven, not_proven, contested, watch).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub limits: BTreeMap<Status, usize>,
    /// At most this many quotes under each finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_quotes: Option<usize>,
    /// At most this many key figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_figures: Option<usize>,
    /// Findings with any of these tags come first; with `only_tags`, only they are shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_tags: Option<bool>,
    /// Key figures whose label or note mention one of these words come first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figure_words: Vec<String>,
    /// Fail the build if the PDF has more pages than this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_pages: Option<usize>,
    /// Paragraphs for an "Implications" section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implications: Vec<String>,
}

impl AudienceSpec {
    /// `self` with every field `over` sets replaced.
    pub fn merged(&self, over: &AudienceSpec) -> AudienceSpec {
        let pick = |a: &Option<String>, b: &Option<String>| b.clone().or_else(|| a.clone());
        AudienceSpec {
            label: pick(&self.label, &over.label),
            template: pick(&self.template, &over.template),
            title: pick(&self.title, &over.title),
            deck: pick(&self.deck, &over.deck),
            kicker: pick(&self.kicker, &over.kicker),
            sections: over.sections.clone().or_else(|| self.sections.clone()),
            limits: if over.limits.is_empty() {
                self.limits.clone()
            } else {
                over.limits.clone()
            },
            max_figures: over.max_figures.or(self.max_figures),
            max_quotes: over.max_quotes.or(self.max_quotes),
            tags: if over.tags.is_empty() {
                self.tags.clone()
            } else {
                over.tags.clone()
            },
            only_tags: over.only_tags.or(self.only_tags),
            figure_words: if over.figure_words.is_empty() {
                self.figure_words.clone()
            } else {
                over.figure_words.clone()
            },
            max_pages: over.max_pages.or(self.max_pages),
            implications: if over.implications.is_empty() {
                self.implications.clone()
            } else {
                over.implications.clone()
            },
        }
    }
}

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
            line: e.span().map(|s| crate::check::line_col(&text, s.start).0),
            message: e.message().trim().to_string(),
        })?;
        let mut specs = parsed.audiences;
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
    pub fn select(&self, requested: &[String], templates: &TemplateSet) -> Result<Vec<Audience>> {
        let names: Vec<String> = if requested.is_empty() {
            vec![self.default.clone()]
        } else if requested.iter().any(|r| r == "all") {
            self.specs.keys().cloned().collect()
        } else {
            requested.to_vec()
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
