//! Sources: the seed articles in `seeds/<id>.md` (loaded by [`crate::load::seed`]).
//!
//! A seed is Markdown with TOML front matter between `+++` lines:
//!
//! ```text
//! +++
//! id = "homegrown-model"
//! title = "The Homegrown Model"
//! outlet = "Example Blog"
//! author = "Lisa Pedrosa"
//! published = 2026-07-02
//! url = "https://example.org/post"
//! +++
//!
//! First paragraph of the body.
//! ```
//!
//! Only `id` is required; whatever is unknown is left out, never invented.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::SourceId;

/// Front matter of a seed article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMeta {
    pub id: SourceId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::date_format::deserialize_option"
    )]
    pub published: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A loaded seed article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    #[serde(flatten)]
    pub meta: SourceMeta,
    /// The article body (Markdown/plain text), front matter removed.
    pub body: String,
    /// 1-based line in the file where the body starts.
    #[serde(skip)]
    pub body_line: usize,
    #[serde(skip)]
    pub path: PathBuf,
    /// SHA-256 (hex) of the file's text as loaded (of the body for a source
    /// without a file): an edition's record of this input.
    #[serde(skip)]
    pub text_sha256: String,
}

impl Source {
    /// A source known only by an id and its text (no front matter, no
    /// file): for analysing text that does not come from `seeds/`.
    pub fn from_text(id: &str, body: &str) -> Source {
        Source {
            meta: SourceMeta {
                id: SourceId::from(id),
                title: None,
                outlet: None,
                author: None,
                published: None,
                url: None,
            },
            body: body.to_string(),
            body_line: 1,
            path: PathBuf::from(format!("{id}.md")),
            text_sha256: crate::util::digest::sha256_hex(body.as_bytes()),
        }
    }

    /// The outlet as a key for counting independent outlets: the outlet
    /// name normalised, else the source's own id (a source of unknown outlet
    /// is never merged with another).
    pub(crate) fn outlet_key(&self) -> String {
        match &self.meta.outlet {
            Some(o) => crate::util::text::normalize_for_match(o),
            None => format!("\u{0}{}", self.id()),
        }
    }

    /// The outlet's name, else the source's id.
    pub(crate) fn outlet_name(&self) -> String {
        self.meta
            .outlet
            .clone()
            .unwrap_or_else(|| self.id().to_string())
    }

    pub fn id(&self) -> &SourceId {
        &self.meta.id
    }

    /// Who said it, for a pull quote's credit: "Author, Outlet", the
    /// outlet, else the article's title, else its id.
    pub(crate) fn credit(&self) -> String {
        let meta = &self.meta;
        match (meta.author.as_deref(), meta.outlet.as_deref()) {
            (Some(a), Some(o)) => format!("{a}, {o}"),
            (None, Some(o)) => o.to_string(),
            _ => meta.title.clone().unwrap_or_else(|| meta.id.to_string()),
        }
    }
}

/// All seeds of a folder, keyed by id.
#[derive(Debug, Clone, Default)]
pub struct SourceSet {
    pub sources: BTreeMap<SourceId, Source>,
}

impl SourceSet {
    pub(crate) fn get(&self, id: &SourceId) -> Option<&Source> {
        self.sources.get(id)
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pull_quote_is_credited_to_its_author_and_outlet_before_its_title() {
        let mut s = Source::from_text("a", "Text.");
        assert_eq!(s.credit(), "a");
        s.meta.title = Some("The headline".into());
        assert_eq!(s.credit(), "The headline");
        s.meta.outlet = Some("Daily Alpha".into());
        assert_eq!(s.credit(), "Daily Alpha");
        s.meta.author = Some("A. Writer".into());
        assert_eq!(s.credit(), "A. Writer, Daily Alpha");
    }
}
