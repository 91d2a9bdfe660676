//! Sources: the seed articles in `seeds/<id>.md`.
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
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::SourceId;

/// Largest seed or brief file we agree to read (bytes).
pub const MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024;

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
            text_sha256: crate::digest::sha256_hex(body.as_bytes()),
        }
    }

    /// The outlet as a key for counting independent outlets: the outlet
    /// name normalised, else the source's own id (a source of unknown outlet
    /// is never merged with another).
    pub fn outlet_key(&self) -> String {
        match &self.meta.outlet {
            Some(o) => crate::check::normalize_for_match(o),
            None => format!("\u{0}{}", self.id()),
        }
    }

    /// The outlet's name, else the source's id.
    pub fn outlet_name(&self) -> String {
        self.meta
            .outlet
            .clone()
            .unwrap_or_else(|| self.id().to_string())
    }

    pub fn id(&self) -> &SourceId {
        &self.meta.id
    }

    /// The body split into paragraphs (blank-line separated).
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
    }

    /// A short human label: "Outlet, Title" with what is known.
    pub fn label(&self) -> String {
        let parts: Vec<&str> = [self.meta.outlet.as_deref(), self.meta.title.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if parts.is_empty() {
            self.meta.id.to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// Renders a seed file (front matter + body) as stored in `seeds/`.
pub fn to_seed_text(meta: &SourceMeta, body: &str) -> String {
    let front = toml::to_string(meta).expect("seed front matter always serialises");
    format!("+++\n{front}+++\n\n{}\n", body.trim())
}

/// Parses a seed file's text.
pub fn parse_seed(path: &Path, text: &str) -> Result<Source> {
    let text_sha256 = crate::digest::sha256_hex(text.as_bytes());
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text_norm;
    let text = if text.contains('\r') {
        text_norm = text.replace("\r\n", "\n");
        text_norm.as_str()
    } else {
        text
    };
    let rest = text.strip_prefix("+++\n").ok_or_else(|| Error::Seed {
        path: path.to_path_buf(),
        line: 1,
        message: "a seed must start with a `+++` line opening its TOML front matter".into(),
    })?;
    let end = rest.find("\n+++").ok_or_else(|| Error::Seed {
        path: path.to_path_buf(),
        line: 1,
        message: "the front matter is not closed: add a `+++` line after it".into(),
    })?;
    let front = &rest[..end + 1];
    let meta: SourceMeta = toml::from_str(front).map_err(|e| Error::Seed {
        path: path.to_path_buf(),
        line: 2 + e
            .span()
            .map(|s| front[..s.start].matches('\n').count())
            .unwrap_or(0),
        message: e.message().to_string(),
    })?;
    let after = &rest[end + 4..];
    // The closing `+++` is on line 2 + (front matter lines); `after` starts
    // with the line end of that line, counted in `leading`.
    let body_line = 2 + front.matches('\n').count();
    let leading = after.len() - after.trim_start_matches('\n').len();
    Ok(Source {
        meta,
        body: after.trim().to_string(),
        body_line: body_line + leading,
        path: path.to_path_buf(),
        text_sha256,
    })
}

/// Reads a file, refusing anything larger than [`MAX_INPUT_BYTES`] or not UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    let io = |e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            bytes: len,
            limit: MAX_INPUT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// The seeds named by files and folders, in order, and the errors of those
/// that could not be read.
pub fn load_paths(paths: &[PathBuf]) -> Result<(Vec<Source>, Vec<Error>)> {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            let (set, errs) = SourceSet::load_dir(path)?;
            sources.extend(set.sources.into_values());
            errors.extend(errs);
        } else {
            match read_text(path).and_then(|t| parse_seed(path, &t)) {
                Ok(s) => sources.push(s),
                Err(e) => errors.push(e),
            }
        }
    }
    Ok((sources, errors))
}

/// All seeds of a folder, keyed by id.
#[derive(Debug, Clone, Default)]
pub struct SourceSet {
    pub sources: BTreeMap<SourceId, Source>,
}

impl SourceSet {
    /// Loads every `*.md` seed in `dir` (sorted by file name for determinism).
    /// Returns the set and the errors of the seeds that could not be loaded.
    pub fn load_dir(dir: &Path) -> Result<(SourceSet, Vec<Error>)> {
        let mut set = SourceSet::default();
        let mut errors = Vec::new();
        if !dir.exists() {
            return Ok((set, errors));
        }
        for path in list_files(dir, "md")? {
            if path.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            match read_text(&path).and_then(|t| parse_seed(&path, &t)) {
                Ok(src) => {
                    if let Some(prev) = set.sources.get(src.id()) {
                        errors.push(Error::Seed {
                            path: path.clone(),
                            line: 2,
                            message: format!(
                                "duplicate source id `{}` (also used by {})",
                                src.id(),
                                prev.path.display()
                            ),
                        });
                    } else {
                        set.sources.insert(src.id().clone(), src);
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        Ok((set, errors))
    }

    pub fn get(&self, id: &SourceId) -> Option<&Source> {
        self.sources.get(id)
    }

    pub fn len(&self) -> usize {
        self.sources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }
}

/// Files with the given extension directly in `dir`, sorted by name.
pub fn list_files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let io = |e| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_seed() {
        let meta = SourceMeta {
            id: "a".into(),
            title: Some("T".into()),
            outlet: None,
            author: None,
            published: NaiveDate::from_ymd_opt(2026, 7, 2),
            url: None,
        };
        let text = to_seed_text(&meta, "Para one.\n\nPara two.");
        let src = parse_seed(Path::new("a.md"), &text).unwrap();
        assert_eq!(src.meta, meta);
        assert_eq!(
            src.paragraphs().collect::<Vec<_>>(),
            ["Para one.", "Para two."]
        );
        assert_eq!(src.body_line, 7);
        assert_eq!(text.lines().nth(src.body_line - 1), Some("Para one."));
    }

    #[test]
    fn missing_front_matter_is_an_error() {
        let err = parse_seed(Path::new("x.md"), "just text").unwrap_err();
        assert!(err.to_string().contains("+++"), "{err}");
    }
}
