//! `brief build`: every selected brief x audience into its edition folder.

use std::io::IsTerminal;

use brief::build::{self, BuildRequest, JobReport, Outcome as Job, Scope};
use brief::diagnostics;
use brief::load::seed::Seeds;
use brief::model::audience::AudienceSelection;
use brief::project::Project;

use super::{date_or_today, no_briefs, selected_briefs, Outcome, Term};
use crate::cli::{BuildArgs, Emit};

pub fn run(project: &Project, args: BuildArgs, term: &Term) -> brief::Result<Outcome> {
    let briefs = selected_briefs(project, &args.briefs)?;
    if briefs.is_empty() {
        return Err(no_briefs(project));
    }
    let out_dir = args.out.clone().unwrap_or_else(|| project.out_dir());
    // One build per output folder at a time, held until the build is done
    // (reading the manifests included); `watch` takes it per rebuild.
    let _lock = brief::util::fs::lock_dir(
        &out_dir,
        !args.no_wait,
        |lock| {
            super::errln(&format!(
                "waiting for another build writing {} to finish (lock {})",
                out_dir.display(),
                lock.display()
            ))
        },
        |lock| {
            super::errln(&format!(
                "warning: {} cannot be locked on this file system; \
                 do not run two builds at once",
                lock.display()
            ))
        },
    )?;
    // Seeds with errors are left out (briefs citing them then fail their
    // check); the others still build.
    let seeds = Seeds::load(&project.seeds_dir())?;
    let seed_errors: Vec<_> = seeds.problems().filter(|p| p.is_error()).cloned().collect();
    super::err(&term.problems(&seed_errors));
    let request = BuildRequest {
        briefs,
        audiences: AudienceSelection::from_args(&args.audiences),
        date: date_or_today(args.date),
        force: args.force,
        emit_typ: args.emit.contains(&Emit::Typ),
        // Accessible (tagged, PDF/UA-1) unless the user names other standards.
        standards: if args.pdf_standard.is_empty() {
            vec![Default::default()]
        } else {
            args.pdf_standard
        },
        out_dir,
    };
    let progress = Progress::new(term);
    let reports = build::build(project, &seeds.set, &request, &|r| progress.report(r));
    progress.finish();
    if let Some(e) = progress
        .output_failed
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
    {
        return Err(e);
    }
    let failed = reports
        .iter()
        .any(|r| matches!(r.outcome, Job::Failed { .. }));
    let io_failed = reports
        .iter()
        .any(|r| matches!(&r.outcome, Job::Failed { error } if super::is_io(error)));
    if io_failed {
        return Ok(Outcome::Failed);
    }
    Ok(Outcome::clean_if(!failed && seed_errors.is_empty()))
}

/// Build progress: a bar on a terminal, one line per job otherwise.
struct Progress<'t> {
    bar: Option<indicatif::ProgressBar>,
    term: &'t Term,
    /// Why stdout could not be written (not a closed pipe: that is quiet).
    output_failed: std::sync::Mutex<Option<brief::Error>>,
}

impl<'t> Progress<'t> {
    fn new(term: &'t Term) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(100));
            bar
        });
        Progress {
            bar,
            term,
            output_failed: std::sync::Mutex::new(None),
        }
    }

    fn report(&self, r: &JobReport) {
        let line = match &r.outcome {
            Job::Built {
                pdf,
                pages,
                bytes,
                warnings,
                dropped,
            } => {
                if let Scope::Audience(audience) = &r.scope {
                    self.dropped(&r.brief, audience, dropped);
                }
                let pages = match pages {
                    1 => "1 page".to_string(),
                    n => format!("{n} pages"),
                };
                let mut line = format!("built {} ({pages}, {} KiB)", pdf.display(), bytes / 1024);
                if !warnings.is_empty() {
                    line.push('\n');
                    line.push_str(self.term.problems(warnings).trim_end());
                }
                line
            }
            Job::UpToDate { pdf } => format!("up to date {}", pdf.display()),
            Job::Failed { error } => {
                let what = match &r.scope {
                    Scope::Brief => format!("`{}`", r.brief),
                    Scope::Audience(audience) => format!("`{}` ({audience})", r.brief),
                    Scope::Manifest => format!("`{}` (manifest)", r.brief),
                };
                format!(
                    "{}{}: {what} was not built; its previous PDF, if any, is untouched",
                    self.term.problems(&diagnostics::error_problems(error)),
                    self.term.paint("1;31", "error"),
                )
            }
        };
        let to_stderr = matches!(r.outcome, Job::Failed { .. });
        match &self.bar {
            Some(bar) => {
                bar.inc(1);
                bar.println(line);
            }
            None if to_stderr => super::errln(&line),
            None => {
                if let Err(e) = super::outln(&line) {
                    let mut failed = self.output_failed.lock().unwrap_or_else(|e| e.into_inner());
                    failed.get_or_insert(e);
                }
            }
        }
    }

    /// What a build left out to fit a page limit, on stderr.
    fn dropped(&self, brief: &str, audience: &str, dropped: &[String]) {
        if dropped.is_empty() {
            return;
        }
        let line = format!(
            "{}: `{brief}` ({audience}) is over the audience's page limit with everything in; \
             left out to fit: {}",
            self.term.paint("1;33", "note"),
            dropped.join(", ")
        );
        match &self.bar {
            Some(bar) => bar.println(line),
            None => super::errln(&line),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
