//! `brief ingest` for many files: the files named on the command line, or
//! the `[[sources]]` table of a TOML file (file, id, title, outlet, author,
//! published, url; paths relative to the TOML file). Every file is read and
//! ingested before anything is written, and every problem of every row is
//! reported at once, so a bad table leaves no seed half-written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use super::{clean_text, ingest_any, Dropped, InputFormat, Overrides};
use crate::model::id::is_seed_id;
use crate::{Error, Result};

/// What to ingest and how.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Files named on the command line (with `over` for their metadata).
    pub files: Vec<PathBuf>,
    /// A TOML file with a `[[sources]]` table.
    pub from: Option<PathBuf>,
    pub over: Overrides,
    /// Replace existing seeds with the same id.
    pub force: bool,
}

/// One seed written, with what was left out of it.
#[derive(Debug, Clone)]
pub struct Written {
    pub file: PathBuf,
    pub seed: PathBuf,
    pub dropped: Vec<Dropped>,
}

/// A row of `[[sources]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    file: String,
    id: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
    published: Option<toml::Value>,
    url: Option<String>,
    /// A reader's note about the row; not part of the seed.
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Table {
    #[serde(default)]
    sources: Vec<toml::Spanned<Row>>,
}

/// A file to ingest, with where it was asked for (for error messages).
struct Job {
    file: PathBuf,
    over: Overrides,
    origin: String,
}

/// Ingests every requested file into `seeds_dir`.
pub fn run(seeds_dir: &Path, req: &Request) -> Result<Vec<Written>> {
    let jobs = jobs(req)?;
    let mut problems = Vec::new();
    let mut planned: Vec<(Job, PathBuf, super::Ingested)> = Vec::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for job in jobs {
        if let Some(id) = &job.over.id {
            if let Err(why) = check_id(id) {
                problems.push(format!("{}: --id {id:?} {why}", job.origin));
                continue;
            }
        }
        let text = match crate::util::fs::read_text(&job.file) {
            Ok(text) => text,
            Err(e) => {
                problems.push(format!("{}: {e}", job.origin));
                continue;
            }
        };
        let fallback = job
            .file
            .file_stem()
            .map(|s| super::slug(&s.to_string_lossy()))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "article".into());
        let format = InputFormat::detect(&job.file, &text);
        let out = ingest_any(&text, format, &fallback, &job.over);
        let id = out.meta.id.as_str().to_string();
        let seed = seeds_dir.join(format!("{id}.md"));
        if let Err(why) = check_id(&id).map_err(str::to_string).and_then(|()| {
            crate::util::fs::ensure_within(seeds_dir, &seed).map_err(|e| e.to_string())
        }) {
            problems.push(format!("{}: id {id:?} {why}", job.origin));
            continue;
        }
        if let Some(other) = ids.get(&id) {
            problems.push(format!(
                "{}: id {id:?} is also the id of {other}; give one of them another with --id",
                job.origin
            ));
            continue;
        }
        ids.insert(id.clone(), job.origin.clone());
        if seed.exists() && !req.force {
            problems.push(format!(
                "{}: id {id:?} is taken by {}; give this article another id with --id \
                 (or replace that seed with --force)",
                job.origin,
                seed.display()
            ));
            continue;
        }
        planned.push((job, seed, out));
    }
    if !problems.is_empty() {
        return Err(Error::Usage(format!(
            "nothing was ingested:\n  {}",
            problems.join("\n  ")
        )));
    }
    let mut written = Vec::new();
    for (job, seed, out) in planned {
        let text = crate::load::seed::to_seed_text(&out.meta, &out.body);
        crate::util::fs::write_atomic(&seed, text.as_bytes())?;
        written.push(Written {
            file: job.file,
            seed,
            dropped: out.dropped,
        });
    }
    Ok(written)
}

/// The lines `brief ingest` prints for a seed's left-out parts: file, line
/// (none for parts of an HTML or Markdown page), rule and text.
pub fn dropped_report(done: &Written) -> Vec<String> {
    done.dropped
        .iter()
        .map(|d| {
            let at = if d.line == 0 {
                String::new()
            } else {
                format!(":{}", d.line)
            };
            format!(
                "{}{at}: dropped ({}): {}",
                done.file.display(),
                d.rule,
                crate::util::text::for_terminal(&d.text)
            )
        })
        .collect()
}

/// A seed id is a file name in seeds/ ([`is_seed_id`]): letters, digits,
/// `-` and `_`, so no `..`, separator, dot, space or control character.
fn check_id(id: &str) -> std::result::Result<(), &'static str> {
    if id.is_empty() {
        Err("is empty")
    } else if is_seed_id(id) {
        Ok(())
    } else {
        Err(
            "cannot name a file in seeds/: use only letters, digits, `-` and `_` \
             (no `/`, `\\`, `.` or spaces)",
        )
    }
}

/// The files to ingest, from the command line or the sources table.
fn jobs(req: &Request) -> Result<Vec<Job>> {
    let Some(from) = &req.from else {
        if req.files.len() > 1 && (req.over.id.is_some() || req.over.title.is_some()) {
            return Err(Error::Usage(
                "--id and --title apply to one file; ingest files one at a time to set them, \
                 or list them in a table for --from"
                    .into(),
            ));
        }
        return Ok(req
            .files
            .iter()
            .map(|f| Job {
                file: f.clone(),
                over: req.over.clone(),
                origin: f.display().to_string(),
            })
            .collect());
    };
    let o = &req.over;
    let flags = o.id.is_some()
        || o.title.is_some()
        || o.outlet.is_some()
        || o.author.is_some()
        || o.date.is_some()
        || o.url.is_some();
    if !req.files.is_empty() || flags {
        return Err(Error::Usage(format!(
            "--from {} takes files and their metadata from its [[sources]] table; \
             give no files or metadata flags with it",
            from.display()
        )));
    }
    let text = crate::util::fs::read_text(from)?;
    let table: Table = toml::from_str(&text).map_err(|e| {
        let at = e
            .span()
            .map(|s| format!(":{}", line_of(&text, s.start)))
            .unwrap_or_default();
        Error::Usage(format!("{}{at}: {}", from.display(), e.message()))
    })?;
    if table.sources.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no [[sources]] rows (each needs at least `file = \"...\"`)",
            from.display()
        )));
    }
    let base = from.parent().unwrap_or(Path::new(""));
    let mut jobs = Vec::new();
    let mut problems = Vec::new();
    for row in table.sources {
        let origin = format!("{}:{}", from.display(), line_of(&text, row.span().start));
        let row = row.into_inner();
        let date = match row.published.as_ref().map(published) {
            Some(Err(why)) => {
                problems.push(format!("{origin}: published {why}"));
                None
            }
            Some(Ok(d)) => Some(d),
            None => None,
        };
        let text = |v: Option<String>| v.map(|s| clean_text(&s).trim().to_string());
        jobs.push(Job {
            file: base.join(&row.file),
            over: Overrides {
                id: row.id,
                title: text(row.title),
                outlet: text(row.outlet),
                author: text(row.author),
                date,
                url: text(row.url),
            },
            origin: format!("{origin} ({})", row.file),
        });
    }
    if !problems.is_empty() {
        return Err(Error::Usage(format!(
            "nothing was ingested:\n  {}",
            problems.join("\n  ")
        )));
    }
    Ok(jobs)
}

/// A `published` value: a TOML date or a "YYYY-MM-DD" string.
fn published(value: &toml::Value) -> std::result::Result<NaiveDate, String> {
    let text = match value {
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::String(s) => s.clone(),
        other => return Err(format!("must be a date (YYYY-MM-DD), not {other}")),
    };
    NaiveDate::parse_from_str(text.get(..10).unwrap_or(&text), "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date (YYYY-MM-DD)"))
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_file_names_in_seeds() {
        assert!(check_id("dw-quake").is_ok());
        for bad in [
            "",
            "../x",
            "../../x",
            "..",
            "a/b",
            ".hidden",
            "a.b",
            "two words",
            "a\u{1b}b",
        ] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn every_bad_row_is_reported_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let table = dir.path().join("sources.toml");
        std::fs::write(dir.path().join("a.txt"), "Some article text.\n").unwrap();
        std::fs::write(
            &table,
            "[[sources]]\nfile = \"a.txt\"\nid = \"a\"\npublished = \"soon\"\n\n\
             [[sources]]\nfile = \"missing.txt\"\nid = \"b\"\n\n\
             [[sources]]\nfile = \"a.txt\"\nid = \"../c\"\n",
        )
        .unwrap();
        let seeds = dir.path().join("seeds");
        let req = Request {
            from: Some(table),
            ..Default::default()
        };
        let err = run(&seeds, &req).unwrap_err().to_string();
        assert!(
            err.contains("sources.toml:1") && err.contains("published"),
            "{err}"
        );
        let req2 = Request {
            from: Some(dir.path().join("sources.toml")),
            ..Default::default()
        };
        std::fs::write(
            req2.from.as_ref().unwrap(),
            "[[sources]]\nfile = \"missing.txt\"\nid = \"b\"\n\n\
             [[sources]]\nfile = \"a.txt\"\nid = \"../c\"\n\n\
             [[sources]]\nfile = \"a.txt\"\nid = \"d\"\n",
        )
        .unwrap();
        let err = run(&seeds, &req2).unwrap_err().to_string();
        assert!(err.contains("missing.txt") && err.contains("../c"), "{err}");
        assert!(
            !seeds.join("d.md").exists(),
            "a good row was written: {err}"
        );
    }
}
