//! Seed files (`seeds/<id>.md`): TOML front matter between `+++` lines,
//! then the article. The one loader of seeds: `build`, `check`, `figures`,
//! `draft` and `diff` all read them through [`Seeds`].

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::toml_doc::{first_line, parse_toml_range};
use super::{read_input, schema};
use crate::diag::{toml_span, Problem, ProblemCode, Seg, Severity};
use crate::error::Result;
use crate::model::id::is_seed_id;
use crate::model::source::{Source, SourceMeta, SourceSet};
use crate::util::digest::sha256_hex;
use crate::util::fs::{list_files, Folder};

/// Where the parts of a seed file are.
struct SeedLayout {
    /// The TOML between the `+++` lines.
    front: Range<usize>,
    /// Everything after the closing `+++` line.
    body: Range<usize>,
}

fn seed_layout(text: &str) -> std::result::Result<SeedLayout, (Range<usize>, &'static str)> {
    let first = first_line(text);
    if text[first.clone()].trim_end() != "+++" {
        return Err((
            first,
            "a seed must start with a `+++` line opening its TOML front matter",
        ));
    }
    let front_start = (first.end + 1).min(text.len());
    let mut at = front_start;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        if text[at..end].trim_end() == "+++" {
            return Ok(SeedLayout {
                front: front_start..at,
                body: (end + 1).min(text.len())..text.len(),
            });
        }
        at = end + 1;
    }
    Err((
        first,
        "the front matter is not closed: add a `+++` line after it",
    ))
}

/// A seed file as checked.
#[derive(Debug, Clone)]
pub struct SeedFile {
    pub path: PathBuf,
    pub text: String,
    pub source: Option<Source>,
    /// Where the `id` value is, for problems about the seed as a whole.
    pub id_span: Option<Range<usize>>,
    pub problems: Vec<Problem>,
}

/// Parses a seed's text, collecting every problem.
pub fn parse_seed_text(path: &Path, text: &str) -> SeedFile {
    let mut seed = SeedFile {
        path: path.to_path_buf(),
        text: text.to_string(),
        source: None,
        id_span: None,
        problems: Vec::new(),
    };
    let layout = match seed_layout(text) {
        Ok(l) => l,
        Err((span, message)) => {
            let p = Problem::at(
                Severity::Error,
                ProblemCode::SeedFormat,
                path,
                text,
                Some(span),
                message,
            )
            .hint(
                "a seed looks like:\n+++\nid = \"some-id\"\noutlet = \"...\"\n+++\n\nArticle text.",
            );
            seed.problems.push(p);
            return seed;
        }
    };
    seed.problems = parse_toml_range(
        path,
        text,
        layout.front.clone(),
        first_line(text),
        schema::SEED,
    );
    seed.id_span = toml_span(&text[layout.front.clone()], &[Seg::Key("id")])
        .map(|s| s.start + layout.front.start..s.end + layout.front.start);
    if text[layout.body.clone()].trim().is_empty() {
        let at = layout.body.start.min(text.len());
        seed.problems.push(
            Problem::at(
                Severity::Error,
                ProblemCode::EmptyBody,
                path,
                text,
                Some(at..at),
                "the seed has no article text after its front matter",
            )
            .hint("paste the article below the closing `+++` line"),
        );
    }
    if seed.problems.is_empty() {
        match source_of(path, text, &layout) {
            Ok(src) if !is_seed_id(src.id().as_str()) => {
                seed.problems.push(
                    Problem::at(
                        Severity::Error,
                        ProblemCode::InvalidName,
                        path,
                        text,
                        seed.id_span.clone(),
                        format!("`{}` cannot be a seed id: it names the file seeds/<id>.md", src.id()),
                    )
                    .hint("use letters, digits, `-` and `_` (no dots, slashes or spaces), e.g. `outlet-topic`"),
                );
            }
            Ok(src) => seed.source = Some(src),
            Err(p) => seed.problems.push(*p),
        }
    }
    seed
}

/// All seeds of a folder, checked: the usable sources, each file's text and
/// every problem (including duplicate ids).
#[derive(Debug, Clone, Default)]
pub struct Seeds {
    pub set: SourceSet,
    pub files: Vec<SeedFile>,
}

impl Seeds {
    /// Loads every `*.md` (except README.md) in `dir`; I/O errors on the
    /// folder itself are returned, problems with single files are collected.
    pub fn load(dir: &Path) -> Result<Seeds> {
        let mut seeds = Seeds::default();
        if !dir.exists() {
            return Ok(seeds);
        }
        let folder = Folder::new(dir)?;
        for path in list_files(dir, "md")? {
            if path.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            seeds.add_file_within(Some(&folder), &path);
        }
        Ok(seeds)
    }

    /// Reads, parses and adds one seed file (its problems are kept with
    /// it); with a `root`, the file must be inside it once links are
    /// resolved (a seed in `seeds/` linking elsewhere is not read).
    fn add_file_within(&mut self, root: Option<&Folder>, path: &Path) {
        let mut file = match read_input(path, root) {
            Ok(text) => parse_seed_text(path, &text),
            Err(failed) => {
                let (text, problem) = *failed;
                SeedFile {
                    path: path.to_path_buf(),
                    text,
                    source: None,
                    id_span: None,
                    problems: vec![problem],
                }
            }
        };
        self.add_source(&mut file);
        self.files.push(file);
    }

    fn add_source(&mut self, file: &mut SeedFile) {
        let Some(src) = file.source.take() else {
            return;
        };
        match self.files.iter().find(|f| {
            f.source.is_none() && self.set.get(src.id()).is_some_and(|s| s.path == f.path)
        }) {
            Some(first) => {
                let mut p = Problem::at(
                    Severity::Error,
                    ProblemCode::DuplicateId,
                    &file.path,
                    &file.text,
                    file.id_span.clone(),
                    format!("duplicate source id `{}`", src.id()),
                )
                .hint("give each seed its own id (the file name without .md)");
                if let Some(span) = &first.id_span {
                    p = p.related(&first.path, &first.text, span.clone(), "first used here");
                }
                file.problems.push(p);
            }
            None => {
                self.set.sources.insert(src.id().clone(), src);
            }
        }
    }

    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.files.iter().flat_map(|f| &f.problems)
    }
}

/// The source a well-formed seed holds (`text` is prepared, its front
/// matter valid against the schema).
fn source_of(
    path: &Path,
    text: &str,
    layout: &SeedLayout,
) -> std::result::Result<Source, Box<Problem>> {
    let front = &text[layout.front.clone()];
    let meta: SourceMeta = toml::from_str(front).map_err(|e| {
        let span = e
            .span()
            .map(|s| s.start + layout.front.start..s.end + layout.front.start);
        Box::new(Problem::at(
            Severity::Error,
            ProblemCode::SeedFormat,
            path,
            text,
            span,
            e.message().trim(),
        ))
    })?;
    let after = &text[layout.body.clone()];
    // Blank lines before the article's first paragraph are not part of it.
    let leading = after.len() - after.trim_start_matches('\n').len();
    let body_line = text[..layout.body.start].matches('\n').count() + 1 + leading;
    Ok(Source {
        meta,
        body: after.trim().to_string(),
        body_line,
        path: path.to_path_buf(),
        text_sha256: sha256_hex(text.as_bytes()),
    })
}

/// The seeds named by files and folders, in order, and the errors of those
/// that could not be used (they are left out).
pub fn load_paths(paths: &[PathBuf]) -> Result<(Vec<Source>, Vec<Problem>)> {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let seeds = if path.is_dir() {
            Seeds::load(path)?
        } else {
            let mut seeds = Seeds::default();
            seeds.add_file_within(Folder::of_file(path).as_ref(), path);
            seeds
        };
        problems.extend(seeds.problems().filter(|p| p.is_error()).cloned());
        sources.extend(seeds.set.sources.into_values());
    }
    Ok((sources, problems))
}

/// Renders a seed file (front matter + body) as stored in `seeds/`.
pub(crate) fn to_seed_text(meta: &SourceMeta, body: &str) -> String {
    let front = toml::to_string(meta).expect("seed front matter always serialises");
    format!("+++\n{front}+++\n\n{}\n", body.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn seed_layout_reports_problems() {
        let s = parse_seed_text(Path::new("a.md"), "+++\nid = \"a\"\nbogus = 1\n+++\n");
        let codes: Vec<_> = s.problems.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["unknown-key", "empty-body"]);
        let s = parse_seed_text(
            Path::new("a.md"),
            "+++\r\nid = \"a\"\r\n+++\r\n\r\nBody.\r\n",
        );
        assert!(s.problems.is_empty(), "{:?}", s.problems);
    }

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
        let src = parse_seed_text(Path::new("a.md"), &text).source.unwrap();
        assert_eq!(src.meta, meta);
        assert_eq!(src.body.trim(), "Para one.\n\nPara two.");
        assert_eq!(src.body_line, 7);
        assert_eq!(text.lines().nth(src.body_line - 1), Some("Para one."));
    }

    #[test]
    fn missing_front_matter_is_an_error() {
        let seed = parse_seed_text(Path::new("x.md"), "just text");
        assert!(
            seed.problems[0].message.contains("+++"),
            "{:?}",
            seed.problems
        );
    }
}
