//! `brief watch`: one build, then one rebuild per batch of changes, until Ctrl-C.

use brief::project::Project;
use brief::watch::{self, Rebuild};

use super::{Outcome, Term};
use crate::cli::WatchArgs;

pub fn run(project: &Project, args: WatchArgs, term: &Term) -> brief::Result<Outcome> {
    // Watch before the first build so no change made during it is missed.
    let mut watcher = watch::Watcher::new(project)?;
    let dirs: Vec<String> = watcher
        .dirs()
        .iter()
        .map(|d| d.display().to_string())
        .collect();
    rebuild(project, &args, args.briefs.clone(), "first build", term)?;
    super::outln(&format!("watching {} (Ctrl-C to stop)", dirs.join(", ")))?;
    loop {
        let changed = watcher.next_change()?;
        for notice in watcher.take_notices() {
            super::outln(&notice)?;
        }
        let what = format!("{} changed", watch::describe(project, &changed));
        match watch::briefs_to_rebuild(project, &args.briefs, &changed) {
            Rebuild::All => rebuild(project, &args, args.briefs.clone(), &what, term)?,
            Rebuild::Briefs(briefs) => rebuild(project, &args, briefs, &what, term)?,
            Rebuild::Nothing => super::outln(&format!("{what}: nothing to rebuild"))?,
        }
    }
}

/// One watch rebuild through the `brief build --force` path, then one line.
fn rebuild(
    project: &Project,
    args: &WatchArgs,
    briefs: Vec<String>,
    what: &str,
    term: &Term,
) -> brief::Result<()> {
    let started = std::time::Instant::now();
    let result = super::build::run(project, args.build_args(briefs), term);
    let secs = started.elapsed().as_secs_f64();
    if let Err(err) = &result {
        term.print_error(err);
    }
    let time = chrono::Local::now().format("%H:%M:%S");
    if matches!(result, Ok(Outcome::Clean)) {
        super::outln(&format!("[{time}] rebuilt ({what}) in {secs:.2} s"))?;
    } else {
        super::outln(&format!(
            "[{time}] {} ({what}, {secs:.2} s); still watching",
            term.paint("1;31", "rebuild failed")
        ))?;
    }
    Ok(())
}
