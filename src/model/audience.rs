//! How an audience's brief is cut, as a brief or `audiences.toml` states it.
//! Resolving audiences against templates is [`crate::render::audience`]'s job.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::Status;

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
    pub(crate) const ALL: [Section; 12] = [
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
    /// Mark review dates that have passed as overdue (a note for analysts;
    /// readers see "review by DATE" only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_overdue: Option<bool>,
}

impl AudienceSpec {
    /// `self` with every field `over` sets replaced.
    pub(crate) fn merged(&self, over: &AudienceSpec) -> AudienceSpec {
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
            show_overdue: over.show_overdue.or(self.show_overdue),
            implications: if over.implications.is_empty() {
                self.implications.clone()
            } else {
                over.implications.clone()
            },
        }
    }
}

/// Which audiences to build (`--audience`): the default one, all, or those named.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AudienceSelection {
    #[default]
    Default,
    All,
    Named(Vec<String>),
}

impl AudienceSelection {
    /// From `--audience` values: none is the default, `all` anywhere is all.
    pub fn from_args(values: &[String]) -> Self {
        if values.is_empty() {
            AudienceSelection::Default
        } else if values.iter().any(|v| v == "all") {
            AudienceSelection::All
        } else {
            AudienceSelection::Named(values.to_vec())
        }
    }
}
