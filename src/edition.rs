//! Editions: `out/<brief>/<ISO week>/<audience>.pdf`, a manifest of the
//! inputs' hashes per edition, and `out/<brief>/latest/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diff::{self, Changes};
use crate::error::{Error, Result};
use crate::model::source::SourceSet;
use crate::model::{AudienceName, Brief, IsoWeek};
use crate::render::TemplateSet;
use crate::util::digest::sha256_hex;
use crate::util::fs::write_atomic;

/// The manifest file of an edition folder.
pub(crate) const MANIFEST: &str = "manifest.json";
/// The folder that mirrors the newest edition.
pub(crate) const LATEST: &str = "latest";

/// What an edition was built from, and what it produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Manifest {
    pub brief: String,
    pub week: String,
    pub date: NaiveDate,
    pub tool_version: String,
    /// sha256 of each input, by name ("brief", "seed:<id>", "template:<name>", "options").
    pub inputs: BTreeMap<String, String>,
    /// sha256 of each output PDF, by audience.
    pub outputs: BTreeMap<AudienceName, String>,
    /// How each audience's PDF was built: from which inputs, and the file
    /// as written (an audience not built by this edition's last build keeps
    /// the entry of the build that made it). Empty in older manifests, whose
    /// PDFs are then rebuilt once.
    #[serde(default)]
    pub built: BTreeMap<AudienceName, BuiltPdf>,
    /// The findings as they stood in this edition, for "since last edition".
    pub snapshot: Brief,
    /// Ids and titles of the sources known at this edition.
    pub sources: BTreeMap<String, String>,
    /// Outlets of the sources known at this edition, by id (a source
    /// without one is absent; empty in older manifests).
    #[serde(default)]
    pub outlets: BTreeMap<String, String>,
}

/// One audience's PDF as a build wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct BuiltPdf {
    /// [`inputs_digest`] of the inputs it was built from.
    pub inputs: String,
    /// Its size and modification time (nanoseconds since the epoch) just
    /// after it was written, so a changed or truncated file is noticed
    /// without hashing every PDF on a no-op build.
    pub bytes: u64,
    pub modified_ns: u128,
}

impl BuiltPdf {
    /// The record of the file at `pdf`, just written from `inputs`.
    pub(crate) fn of(pdf: &Path, inputs: &BTreeMap<String, String>) -> Result<BuiltPdf> {
        let (bytes, modified_ns) = file_stamp(pdf).map_err(|e| Error::io(pdf, e))?;
        Ok(BuiltPdf {
            inputs: inputs_digest(inputs),
            bytes,
            modified_ns,
        })
    }
}

fn file_stamp(path: &Path) -> std::io::Result<(u64, u128)> {
    let meta = std::fs::metadata(path)?;
    let modified = meta
        .modified()?
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    Ok((meta.len(), modified))
}

impl Manifest {
    /// Whether `audience`'s PDF in the edition folder `dir` is current: it
    /// was built from `inputs` and is the file that build wrote (same size
    /// and time; if only the time differs, same SHA-256).
    pub(crate) fn is_current(&self, dir: &Path, audience: &AudienceName, inputs: &str) -> bool {
        let (Some(built), Some(sha)) = (self.built.get(audience), self.outputs.get(audience))
        else {
            return false;
        };
        if built.inputs != inputs {
            return false;
        }
        let pdf = dir.join(format!("{audience}.pdf"));
        match file_stamp(&pdf) {
            Ok((bytes, modified)) if bytes == built.bytes && modified == built.modified_ns => true,
            Ok((bytes, _)) if bytes == built.bytes => {
                crate::util::fs::read_bytes(&pdf).is_ok_and(|pdf| &sha256_hex(&pdf) == sha)
            }
            _ => false,
        }
    }
}

/// One hash over a build's inputs (see [`hash_inputs`]).
pub(crate) fn inputs_digest(inputs: &BTreeMap<String, String>) -> String {
    digest_map(inputs)
}

fn digest_map(map: &BTreeMap<String, String>) -> String {
    let mut h = Sha256::new();
    for (k, v) in map {
        h.update(k.as_bytes());
        h.update([0]);
        h.update(v.as_bytes());
        h.update([0]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Hashes every input of a brief's edition: the brief text, every seed,
/// every template the set can serve, the tool version and build options.
pub(crate) fn hash_inputs(
    brief_text: &str,
    sources: &SourceSet,
    templates: &TemplateSet,
    options: &str,
) -> Result<BTreeMap<String, String>> {
    let mut inputs = BTreeMap::new();
    inputs.insert("brief".to_string(), sha256_hex(brief_text.as_bytes()));
    for (id, src) in &sources.sources {
        inputs.insert(format!("seed:{id}"), src.text_sha256.clone());
    }
    for name in templates.all_names()? {
        if let Some((_, text)) = templates.read(&name)? {
            inputs.insert(format!("template:{name}"), sha256_hex(text.as_bytes()));
        }
    }
    inputs.insert("tool".to_string(), env!("CARGO_PKG_VERSION").to_string());
    inputs.insert("options".to_string(), sha256_hex(options.as_bytes()));
    Ok(inputs)
}

/// The folder of one brief's editions: `out/<brief>/`.
pub(crate) fn brief_dir(out: &Path, brief_id: &str) -> PathBuf {
    out.join(brief_id)
}

/// The folder of one edition: `out/<brief>/<ISO week>/`, checked to stay
/// inside `out` (an error for a date outside the years 1000-9999).
pub(crate) fn edition_dir(out: &Path, brief_id: &str, date: NaiveDate) -> Result<PathBuf> {
    let week = IsoWeek::checked(date).map_err(Error::Usage)?;
    let dir = brief_dir(out, brief_id).join(week.to_string());
    crate::util::fs::ensure_within(out, &dir)?;
    Ok(dir)
}

/// Reads an edition's manifest, if there is one and it is intact.
pub(crate) fn read_manifest(dir: &Path) -> Option<Manifest> {
    load_manifest(dir).ok().flatten()
}

/// An edition's manifest: `None` if it has none, an error saying why if
/// it cannot be read or is damaged (truncated, not JSON, not a manifest).
pub(crate) fn load_manifest(dir: &Path) -> Result<Option<Manifest>> {
    let path = dir.join(MANIFEST);
    let text = match crate::util::fs::read_text(&path) {
        Ok(text) => text,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None)
        }
        Err(e) => return Err(e),
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        Error::Usage(format!(
            "{}: the manifest is damaged ({e}); rebuild that week's edition with \
             `brief build --force --date <a day of that week>`",
            path.display()
        ))
    })
}

pub(crate) fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<()> {
    let json = serde_json::to_string_pretty(manifest).map_err(|e| Error::Usage(e.to_string()))?;
    write_atomic(&dir.join(MANIFEST), json.as_bytes())
}

/// Every edition of a brief, oldest first, as (week label, folder).
pub(crate) fn editions(out: &Path, brief_id: &str) -> Vec<(String, PathBuf)> {
    let dir = brief_dir(out, brief_id);
    let mut found: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (is_week_label(&name) && e.path().is_dir()).then(|| (name, e.path()))
        })
        .collect();
    found.sort();
    found
}

/// "2026-W27"-shaped names, which sort chronologically as text.
fn is_week_label(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() == 8
        && b[..4].iter().all(u8::is_ascii_digit)
        && &b[4..6] == b"-W"
        && b[6..].iter().all(u8::is_ascii_digit)
}

/// The newest edition before `week`, if any.
pub(crate) fn previous_edition(out: &Path, brief_id: &str, week: &str) -> Option<Manifest> {
    editions(out, brief_id)
        .into_iter()
        .rev()
        .find(|(w, _)| w.as_str() < week)
        .and_then(|(_, dir)| read_manifest(&dir))
}

/// The prefix of the folder a new `latest/` is assembled in.
const LATEST_STAGING: &str = ".latest-";

/// Mirrors an edition folder into `out/<brief>/latest/` if it is the
/// newest: the new `latest/` is assembled next to the old one (hard links,
/// or copies where links are not supported), then put in its place as a
/// whole, so it never holds files of two editions.
pub(crate) fn update_latest(out: &Path, brief_id: &str, week: &str) -> Result<()> {
    let all = editions(out, brief_id);
    if all.last().map(|(w, _)| w.as_str()) != Some(week) {
        return Ok(());
    }
    let src = edition_dir_by_week(out, brief_id, week);
    let brief = brief_dir(out, brief_id);
    let latest = brief.join(LATEST);
    remove_stale_staging(&brief);
    let staging = tempfile::Builder::new()
        .prefix(LATEST_STAGING)
        .tempdir_in(&brief)
        .map_err(|e| Error::io(&brief, e))?;
    for (name, path) in mirrored_files(&src)? {
        let to = staging.path().join(&name);
        if std::fs::hard_link(&path, &to).is_err() {
            std::fs::copy(&path, &to).map_err(|e| Error::io(&to, e))?;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o755));
    }
    let staging = staging.keep();
    let swapped = crate::util::fs::replace_dir(&staging, &latest);
    if swapped.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    swapped
}

/// The files of an edition folder that `latest/` mirrors (not the hidden ones).
fn mirrored_files(dir: &Path) -> Result<Vec<(std::ffi::OsString, PathBuf)>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| (e.file_name(), e.path()))
        .collect();
    files.sort();
    Ok(files)
}

/// Removes `latest/` folders a killed build was assembling.
fn remove_stale_staging(brief: &Path) {
    for entry in std::fs::read_dir(brief).into_iter().flatten().flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(LATEST_STAGING)
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether `out/<brief>/latest/` mirrors the newest edition exactly: the
/// same files, each the same file (a hard link) or an identical copy.
pub(crate) fn latest_is_current(out: &Path, brief_id: &str) -> bool {
    let Some((_, newest)) = editions(out, brief_id).pop() else {
        return true;
    };
    let latest = brief_dir(out, brief_id).join(LATEST);
    let (Ok(want), Ok(have)) = (mirrored_files(&newest), mirrored_files(&latest)) else {
        return false;
    };
    want.len() == have.len()
        && want
            .iter()
            .zip(&have)
            .all(|((a, pa), (b, pb))| a == b && same_file(pa, pb))
}

/// Mirrors the newest edition into `latest/` again unless it is current
/// (after a build killed while refreshing it, or a hand edit); whether it
/// had to.
pub(crate) fn repair_latest(out: &Path, brief_id: &str) -> Result<bool> {
    // What a build killed while assembling or swapping it left behind.
    remove_stale_staging(&brief_dir(out, brief_id));
    if latest_is_current(out, brief_id) {
        return Ok(false);
    }
    match editions(out, brief_id).pop() {
        Some((week, _)) => update_latest(out, brief_id, &week).map(|()| true),
        None => Ok(false),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if ma.dev() == mb.dev() && ma.ino() == mb.ino() {
            return true;
        }
    }
    ma.len() == mb.len() && std::fs::read(a).ok() == std::fs::read(b).ok()
}

fn edition_dir_by_week(out: &Path, brief_id: &str, week: &str) -> PathBuf {
    brief_dir(out, brief_id).join(week)
}

/// The outlets of every source a manifest or the working seeds know.
fn outlets_of(manifests: &[&Manifest], sources: &SourceSet) -> BTreeMap<String, String> {
    let mut outlets = BTreeMap::new();
    for m in manifests {
        outlets.extend(m.outlets.clone());
    }
    for (id, src) in &sources.sources {
        if let Some(outlet) = src.meta.outlet.as_ref().filter(|o| !o.trim().is_empty()) {
            outlets.insert(id.to_string(), outlet.clone());
        }
    }
    outlets
}

/// The hash of each seed an edition was built from, by id.
fn seed_hashes(inputs: &BTreeMap<String, String>) -> BTreeMap<&str, &str> {
    inputs
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("seed:")?, v.as_str())))
        .collect()
}

/// New seeds and seeds whose text changed between two sets of hashes.
fn seed_changes(
    old: &BTreeMap<&str, &str>,
    new: &BTreeMap<&str, &str>,
    outlets: BTreeMap<String, String>,
) -> diff::SeedChanges {
    diff::SeedChanges {
        new_sources: new
            .keys()
            .filter(|id| !old.contains_key(*id))
            .map(|id| id.to_string())
            .collect(),
        changed_seeds: new
            .iter()
            .filter(|(id, hash)| old.get(*id).is_some_and(|h| h != *hash))
            .map(|(id, _)| id.to_string())
            .collect(),
        outlets,
    }
}

/// Compares the current brief and sources against an earlier edition.
pub(crate) fn changes_since(previous: &Manifest, brief: &Brief, sources: &SourceSet) -> Changes {
    let old = &previous.snapshot;
    let new_seeds: BTreeMap<&str, &str> = sources
        .sources
        .iter()
        .map(|(id, s)| (id.as_str(), s.text_sha256.as_str()))
        .collect();
    let mut seeds = seed_changes(
        &seed_hashes(&previous.inputs),
        &new_seeds,
        outlets_of(&[previous], sources),
    );
    // New sources as the manifest lists them.
    seeds.new_sources = sources
        .sources
        .keys()
        .filter(|id| !previous.sources.contains_key(id.as_str()))
        .map(|id| id.to_string())
        .collect();
    diff::compare(&previous.week, old, brief, seeds)
}

/// Changes between two editions of a brief in `out`. `to` is a week label
/// or `current` (the working brief against the newest edition); by default
/// the two newest editions. `from` defaults to the edition before `to`.
pub fn between_editions(
    out: &std::path::Path,
    brief_id: &str,
    from: Option<&str>,
    to: Option<&str>,
    current: (&Brief, &SourceSet),
) -> Result<Changes> {
    let all = editions(out, brief_id);
    let manifest = |week: &str| -> Result<Manifest> {
        if let Some((_, dir)) = all.iter().find(|(w, _)| w == week) {
            return load_manifest(dir)?.ok_or_else(|| {
                Error::Usage(format!(
                    "edition {week} of `{brief_id}` has no {MANIFEST} (its build did not \
                     finish); rebuild it with `brief build --force --date <a day of that week>`"
                ))
            });
        }
        Err({
            let known: Vec<&str> = all.iter().map(|(w, _)| w.as_str()).collect();
            Error::Usage(format!(
                "no edition {week} of `{brief_id}`; editions: {}",
                if known.is_empty() {
                    "none (run brief build)".to_string()
                } else {
                    known.join(", ")
                }
            ))
        })
    };
    let to_week = to.map(str::to_string).unwrap_or_else(|| match all.len() {
        0 | 1 => "current".to_string(),
        n => all[n - 1].0.clone(),
    });
    let from_week = match from {
        Some(f) => f.to_string(),
        None => all
            .iter()
            .rev()
            .map(|(w, _)| w.as_str())
            .find(|w| to_week == "current" || *w < to_week.as_str())
            .map(str::to_string)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "`{brief_id}` has no earlier edition to compare with"
                ))
            })?,
    };
    let old = manifest(&from_week)?;
    if to_week == "current" {
        let (brief, sources) = current;
        let mut changes = changes_since(&old, brief, sources);
        // `brief diff` with one edition: there is no earlier one.
        changes.first_edition = from.is_none() && to.is_none() && all.len() == 1;
        return Ok(changes);
    }
    let new = manifest(&to_week)?;
    let (old_seeds, new_seeds) = (seed_hashes(&old.inputs), seed_hashes(&new.inputs));
    let mut seeds = seed_changes(&old_seeds, &new_seeds, outlets_of(&[&old, &new], current.1));
    // New sources as the manifests list them (older ones hash no seeds).
    seeds.new_sources = new
        .sources
        .keys()
        .filter(|id| !old.sources.contains_key(*id))
        .cloned()
        .collect();
    Ok(diff::compare(
        &old.week,
        &old.snapshot,
        &new.snapshot,
        seeds,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn week_labels() {
        assert!(is_week_label("2026-W53"));
        assert!(!is_week_label("latest"));
        let d = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        assert_eq!(
            edition_dir(Path::new("out"), "b", d).unwrap(),
            Path::new("out/b/2027-W01")
        );
        for bad in ["..", "../x", "/tmp/x"] {
            assert!(edition_dir(Path::new("out"), bad, d).is_err(), "{bad:?}");
        }
        let old = NaiveDate::from_ymd_opt(999, 6, 1).unwrap();
        assert!(edition_dir(Path::new("out"), "b", old).is_err());
    }
}
