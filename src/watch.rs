//! `brief watch`: wait for changes in a project's inputs (briefs/, seeds/,
//! templates/) and say which briefs they concern, so the CLI can rebuild.
//!
//! Changes are debounced: an editor's burst of writes (temp file, rename,
//! metadata) becomes one batch, so one save gives one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use notify_debouncer_full::notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::error::{Error, Result};
use crate::project::Project;

/// How long the inputs must be quiet before a batch of changes is reported.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(250);

/// Watches a project's input folders, and its root for input folders
/// created later (`brief templates eject` while watching).
pub struct Watcher {
    /// Dropping it stops the watch.
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    /// The input folders (absolute), watched or not yet created.
    inputs: Vec<PathBuf>,
    /// Those being watched.
    dirs: Vec<PathBuf>,
    /// The identity (device, inode) of each watched folder when its watch
    /// began: a folder removed and created again is another folder, which
    /// the old watch does not see.
    ids: Vec<Option<(u64, u64)>>,
    /// What the watch itself has to say since the last call of
    /// [`Watcher::take_notices`] (a folder gone, or watched again).
    notices: Vec<String>,
}

/// The identity of a folder: the same path removed and created again is
/// another one.
fn dir_id(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

/// The input folders of a project that exist (templates/ is optional).
pub(crate) fn input_dirs(project: &Project) -> Vec<PathBuf> {
    [
        project.briefs_dir(),
        project.seeds_dir(),
        project.templates_dir(),
    ]
    .into_iter()
    .filter(|d| d.is_dir())
    .collect()
}

impl Watcher {
    /// Starts watching every existing input folder of `project`, recursively.
    pub fn new(project: &Project) -> Result<Watcher> {
        let dirs = input_dirs(project);
        if dirs.is_empty() {
            return Err(Error::Usage(format!(
                "nothing to watch in {}: it has no briefs/, seeds/ or templates/ folder",
                project.root.display()
            )));
        }
        let (tx, events) = channel();
        let debouncer = new_debouncer(DEBOUNCE, None, tx).map_err(watch_error)?;
        let mut watcher = Watcher {
            debouncer,
            events,
            inputs: [
                project.briefs_dir(),
                project.seeds_dir(),
                project.templates_dir(),
            ]
            .iter()
            .map(|d| absolute(d))
            .collect(),
            dirs: Vec::new(),
            ids: Vec::new(),
            notices: Vec::new(),
        };
        for dir in dirs {
            watcher.add(absolute(&dir))?;
        }
        watcher
            .debouncer
            .watch(absolute(&project.root), RecursiveMode::NonRecursive)
            .map_err(watch_error)?;
        Ok(watcher)
    }

    fn add(&mut self, dir: PathBuf) -> Result<()> {
        self.debouncer
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(watch_error)?;
        self.ids.push(dir_id(&dir));
        self.dirs.push(dir);
        Ok(())
    }

    /// Stops watching folders that were removed (or removed and created
    /// again, which makes them other folders), saying so.
    fn drop_removed(&mut self, removed: &[PathBuf]) {
        let mut i = 0;
        while i < self.dirs.len() {
            // Gone, another folder now (the inode may be reused, so a
            // removal reported for the folder itself counts too).
            if dir_id(&self.dirs[i]) == self.ids[i] && !removed.contains(&self.dirs[i]) {
                i += 1;
                continue;
            }
            let dir = self.dirs.remove(i);
            self.ids.remove(i);
            // The system may have ended the watch with the folder already.
            let _ = self.debouncer.unwatch(&dir);
            self.notices.push(format!(
                "{} was removed; it is watched again once it exists",
                dir.display()
            ));
        }
    }

    /// Starts watching input folders created since the start (or created
    /// again after being removed); returns them.
    fn add_created(&mut self, removed: &[PathBuf]) -> Result<Vec<PathBuf>> {
        self.drop_removed(removed);
        let created: Vec<PathBuf> = self
            .inputs
            .iter()
            .filter(|d| d.is_dir() && !self.dirs.contains(d))
            .cloned()
            .collect();
        for dir in &created {
            self.add(dir.clone())?;
            self.notices.push(format!("watching {}", dir.display()));
        }
        Ok(created)
    }

    /// What the watch has to say since the last call (folders removed,
    /// folders watched again), one line each.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// Whether a path is in (or is) an input folder.
    fn is_input(&self, path: &Path) -> bool {
        self.inputs.iter().any(|d| path.starts_with(d))
    }

    /// The folders being watched.
    pub fn dirs(&self) -> &[PathBuf] {
        &self.dirs
    }

    /// Blocks until input files change; returns the changed paths (hidden
    /// files and editor backups left out, never empty).
    pub fn next_change(&mut self) -> Result<Vec<PathBuf>> {
        loop {
            let batch = self.events.recv().map_err(|_| Error::Watch {
                message: "the file watcher stopped".into(),
            })?;
            let events = batch.map_err(|errors| match errors.into_iter().next() {
                Some(e) => watch_error(e),
                None => Error::Watch {
                    message: "unknown error".into(),
                },
            })?;
            let removed: Vec<PathBuf> = events
                .iter()
                .filter(|e| matches!(e.kind, EventKind::Remove(_)))
                .flat_map(|e| e.event.paths.iter().cloned())
                .filter(|p| self.dirs.contains(p))
                .collect();
            let mut paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| is_change(&e.kind))
                .flat_map(|e| e.event.paths)
                .filter(|p| self.is_input(p) && is_input_file(p))
                .collect();
            // A new input folder: watch it, and rebuild (it may already
            // hold files, which were written before the watch began).
            paths.extend(self.add_created(&removed)?);
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                return Ok(paths);
            }
        }
    }
}

/// Whether an event changes contents. Reads are not changes (the build
/// itself opens every input), nor are metadata updates (reading a file
/// just written updates its access time).
fn is_change(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
    )
}

fn watch_error(e: notify_debouncer_full::notify::Error) -> Error {
    Error::Watch {
        message: e.to_string(),
    }
}

/// False for editor droppings: hidden files (`.x.swp`, our own temp
/// files), backups (`x~`), and `#x#` autosaves.
pub(crate) fn is_input_file(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    !(name.starts_with('.') || name.ends_with('~') || name.starts_with('#'))
}

/// What a batch of changes calls for.
#[derive(Debug, PartialEq, Eq)]
pub enum Rebuild {
    /// Every selected brief (a seed, a template or something else changed).
    All,
    /// Only these briefs (only their files changed).
    Briefs(Vec<String>),
    /// Nothing: only deleted brief files changed.
    Nothing,
}

/// The briefs to rebuild after `changed`: every selected brief, unless only
/// brief files directly in briefs/ changed and none were named on the
/// command line; then those that still exist.
pub fn briefs_to_rebuild(project: &Project, named: &[String], changed: &[PathBuf]) -> Rebuild {
    let briefs_dir = absolute(&project.briefs_dir());
    let is_brief = |p: &PathBuf| {
        absolute(p).parent() == Some(briefs_dir.as_path())
            && p.extension().is_some_and(|e| e == "toml")
    };
    if !named.is_empty() || !changed.iter().all(is_brief) {
        return Rebuild::All;
    }
    let existing: Vec<String> = changed
        .iter()
        .filter(|p| p.is_file())
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if existing.is_empty() {
        Rebuild::Nothing
    } else {
        Rebuild::Briefs(existing)
    }
}

/// The path made absolute (as the watcher reports paths), or as it is.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A short description of a batch of changes for the rebuild line:
/// `briefs/longcat.toml` or `seeds/a.md and 2 more`.
pub fn describe(project: &Project, changed: &[PathBuf]) -> String {
    let root = absolute(&project.root);
    let shown = |p: &PathBuf| {
        let p = absolute(p);
        p.strip_prefix(&root).unwrap_or(&p).display().to_string()
    };
    match changed {
        [] => "nothing".into(),
        [one] => shown(one),
        [first, rest @ ..] => format!("{} and {} more", shown(first), rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_metadata_are_not_changes() {
        use notify_debouncer_full::notify::event::{AccessKind, DataChange, MetadataKind};
        assert!(!is_change(&EventKind::Access(AccessKind::Any)));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(is_change(&EventKind::Create(
            notify_debouncer_full::notify::event::CreateKind::File
        )));
    }

    #[test]
    fn editor_droppings_are_not_inputs() {
        assert!(is_input_file(Path::new("briefs/longcat.toml")));
        assert!(!is_input_file(Path::new("briefs/.longcat.toml.swp")));
        assert!(!is_input_file(Path::new("briefs/longcat.toml~")));
        assert!(!is_input_file(Path::new("seeds/#a.md#")));
    }

    #[test]
    fn only_changed_briefs_are_rebuilt_when_only_briefs_changed() {
        let tmp = tempfile::tempdir().unwrap();
        let project = Project::new(tmp.path());
        std::fs::create_dir_all(project.briefs_dir()).unwrap();
        let a = project.briefs_dir().join("a.toml");
        std::fs::write(&a, "").unwrap();
        let gone = project.briefs_dir().join("gone.toml");
        let seed = project.seeds_dir().join("s.md");
        assert_eq!(
            briefs_to_rebuild(&project, &[], &[a.clone(), gone.clone()]),
            Rebuild::Briefs(vec![a.to_string_lossy().into_owned()])
        );
        assert_eq!(
            briefs_to_rebuild(&project, &[], std::slice::from_ref(&gone)),
            Rebuild::Nothing
        );
        assert_eq!(
            briefs_to_rebuild(&project, &[], &[a.clone(), seed]),
            Rebuild::All
        );
        assert_eq!(
            briefs_to_rebuild(&project, &["x".into()], std::slice::from_ref(&a)),
            Rebuild::All
        );
        assert_eq!(
            describe(&project, std::slice::from_ref(&a)),
            "briefs/a.toml"
        );
        assert_eq!(describe(&project, &[a, gone]), "briefs/a.toml and 1 more");
    }
}
