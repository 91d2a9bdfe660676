//! The build: every selected brief x audience becomes a PDF in its dated
//! edition folder, in parallel, skipping editions whose inputs have not
//! changed.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::iter::Either;
use rayon::prelude::*;

use crate::diag::{Problem, ProblemCode, Severity};
use crate::edition::{self, Manifest};
use crate::error::{Error, Result};
use crate::load::brief::{load_brief, LoadedBrief};
use crate::model::audience::AudienceSelection;
use crate::model::source::SourceSet;
use crate::model::{AudienceName, IsoWeek};
use crate::project::{self, Project};
use crate::render::audience::{Audience, Catalog};
use crate::render::fit::Drop;
use crate::render::view::{self, BriefView};
use crate::render::{self, TemplateFiles, TemplateSet};
use crate::typeset::{self, PdfSettings, Standard};
use crate::util::fs;

/// What the user asked to build.
#[derive(Debug, Clone)]
pub struct BuildRequest {
    pub briefs: Vec<PathBuf>,
    pub audiences: AudienceSelection,
    pub date: NaiveDate,
    /// Replace an existing edition of the same week.
    pub force: bool,
    /// Also write the generated Typst markup next to each PDF.
    pub emit_typ: bool,
    pub standards: Vec<Standard>,
    pub out_dir: PathBuf,
}

/// What happened to one brief x audience.
#[derive(Debug)]
pub enum Outcome {
    Built {
        pdf: PathBuf,
        pages: usize,
        bytes: usize,
        /// Typst's warnings, located in the templates.
        warnings: Vec<Problem>,
        /// What was left out to fit the audience's page limit, in order
        /// ([`crate::render::fit::Drop::describe`]).
        dropped: Vec<String>,
    },
    UpToDate {
        pdf: PathBuf,
    },
    Failed {
        error: Error,
    },
}

/// What a job of the build report is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The whole brief (it failed before its audiences were known).
    Brief,
    Audience(AudienceName),
    /// The edition's manifest and `latest/`.
    Manifest,
}

/// One line of the build report.
#[derive(Debug)]
pub struct JobReport {
    pub brief: String,
    pub scope: Scope,
    pub outcome: Outcome,
}

/// Everything needed to build one brief's edition.
struct Edition {
    loaded: LoadedBrief,
    /// The templates every audience of the edition renders and typesets with.
    templates: TemplateSet,
    audiences: Vec<Audience>,
    dir: PathBuf,
    inputs: std::collections::BTreeMap<String, String>,
    /// The manifest of the edition before this one ("since last edition"),
    /// read once for all audiences; only for editions being built.
    previous: Option<Manifest>,
    /// This edition's own manifest as it was before the build: the entries
    /// of audiences this build does not make are kept from it.
    existing: Option<Manifest>,
}

/// The project as one build sees it: its template files are read once for
/// all the build's briefs (which share `templates/`).
struct BuildProject<'a> {
    project: &'a Project,
    files: TemplateFiles,
}

impl BuildProject<'_> {
    fn template_set(&self, brief_id: &str) -> TemplateSet {
        self.project.template_set(brief_id).sharing(&self.files)
    }
}

/// Builds everything requested; `on_done` is called as each job finishes
/// (from worker threads) so the CLI can show progress.
pub fn build(
    project: &Project,
    sources: &SourceSet,
    request: &BuildRequest,
    on_done: &(dyn Fn(&JobReport) + Sync),
) -> Vec<JobReport> {
    let mut reports = Vec::new();
    let mut jobs: Vec<(Arc<Edition>, Audience)> = Vec::new();
    let project = BuildProject {
        project,
        files: TemplateFiles::default(),
    };
    let plans = plan_all(&project, sources, request);
    for (path, planned) in request.briefs.iter().zip(plans) {
        match planned {
            Ok(Planned::Build(ed)) => {
                let ed = Arc::new(ed);
                jobs.extend(ed.audiences.iter().cloned().map(|a| (ed.clone(), a)));
            }
            Ok(Planned::UpToDate(ed)) => {
                // An edition checked current has a `latest/` checked too.
                if let Err(error) = edition::repair_latest(&request.out_dir, &ed.loaded.id) {
                    let report = JobReport {
                        brief: ed.loaded.id.to_string(),
                        scope: Scope::Manifest,
                        outcome: Outcome::Failed { error },
                    };
                    on_done(&report);
                    reports.push(report);
                }
                for a in &ed.audiences {
                    let report = JobReport {
                        brief: ed.loaded.id.to_string(),
                        scope: Scope::Audience(a.name.clone()),
                        outcome: Outcome::UpToDate {
                            pdf: ed.dir.join(format!("{}.pdf", a.name)),
                        },
                    };
                    on_done(&report);
                    reports.push(report);
                }
            }
            Err(error) => {
                let report = JobReport {
                    brief: brief_id_of(path),
                    scope: Scope::Brief,
                    outcome: Outcome::Failed { error },
                };
                on_done(&report);
                reports.push(report);
            }
        }
    }
    // Nothing to build (all up to date): do not start the thread pool,
    // which costs a no-op build more than its own work.
    let (mut built, failed_manifests) = if jobs.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        // Before the build, not after: a one-shot process exits without
        // walking the caches, while `brief watch` keeps one build's
        // memoised work (templates, styles, shaped text) for the next.
        typeset::evict_caches();
        run_jobs(sources, request, jobs, on_done)
    };
    built.sort_by_key(|b| b.order);
    reports.extend(failed_manifests);
    reports.extend(built.into_iter().map(|b| b.report));
    reports
}

/// Plans every requested brief: first, one by one, the cheap test for an
/// unchanged edition; then the briefs that need building are checked in
/// parallel when there are several. A no-op build thus never starts the
/// thread pool, which would cost it more than its own work.
fn plan_all(
    project: &BuildProject<'_>,
    sources: &SourceSet,
    request: &BuildRequest,
) -> Vec<Result<Planned>> {
    let first: Vec<Result<Loaded>> = request
        .briefs
        .iter()
        .map(|path| load_or_skip(project, sources, request, path))
        .collect();
    let plan = |loaded: Result<Loaded>| match loaded? {
        Loaded::Check(brief) => plan_edition(project, sources, request, *brief),
        Loaded::UpToDate(edition) => Ok(Planned::UpToDate(*edition)),
    };
    let to_check = first
        .iter()
        .filter(|l| matches!(l, Ok(Loaded::Check(_))))
        .count();
    if to_check > 1 {
        first.into_par_iter().map(plan).collect()
    } else {
        first.into_iter().map(plan).collect()
    }
}

/// One finished job: its edition, report, the PDF's SHA-256 and its place
/// in the request (results arrive in any order).
struct Built {
    order: usize,
    audience: AudienceName,
    edition: Arc<Edition>,
    report: JobReport,
    sha256: Option<String>,
    record: Option<edition::BuiltPdf>,
}

/// A job whose markup is rendered, waiting to be typeset.
struct Rendered {
    order: usize,
    edition: Arc<Edition>,
    audience: Audience,
    markup: String,
}

/// Renders every job's markup (cheap), then typesets the largest documents
/// first, each worker taking the next job as it frees up: a big document
/// started last would leave the other cores idle at the end. The PDFs are
/// written (and fsynced) by one I/O thread meanwhile, so no worker waits
/// for the disk; it also writes each edition's manifest as soon as the
/// edition is complete. Returns the jobs and the reports of manifests that
/// could not be written.
fn run_jobs(
    sources: &SourceSet,
    request: &BuildRequest,
    jobs: Vec<(Arc<Edition>, Audience)>,
    on_done: &(dyn Fn(&JobReport) + Sync),
) -> (Vec<Built>, Vec<JobReport>) {
    // Render failures are finished jobs already; the rest wait to be typeset.
    let (mut ready, mut built): (Vec<Rendered>, Vec<Built>) = jobs
        .into_par_iter()
        .enumerate()
        .partition_map(|(order, (edition, audience))| {
            match render_job(sources, request, &edition, &audience) {
                Ok(markup) => Either::Left(Rendered {
                    order,
                    edition,
                    audience,
                    markup,
                }),
                Err(error) => {
                    Either::Right(finished(order, edition, &audience, Err(error), on_done))
                }
            }
        });
    ready.sort_by_key(|job| std::cmp::Reverse(job.markup.len()));
    std::thread::scope(|scope| {
        let (to_writer, inbox) = std::sync::mpsc::channel::<(Rendered, Fitted)>();
        let writer = scope.spawn(move || write_all(inbox, request, sources, on_done));
        let failed: Vec<Built> = ready
            .into_iter()
            .par_bridge()
            .filter_map(|job| match typeset_job(sources, request, &job) {
                Ok(out) => {
                    // The writer lives until `to_writer` is dropped below.
                    let _ = to_writer.send((job, out));
                    None
                }
                Err(error) => Some(finished(
                    job.order,
                    job.edition,
                    &job.audience,
                    Err(error),
                    on_done,
                )),
            })
            .collect();
        drop(to_writer);
        let (written, failed_manifests) = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        built.extend(failed);
        built.extend(written);
        (built, failed_manifests)
    })
}

/// The I/O thread: writes each typeset PDF as it arrives, and an edition's
/// manifest once all its audiences are written. Returns the jobs and the
/// reports of manifests that could not be written.
fn write_all(
    inbox: std::sync::mpsc::Receiver<(Rendered, Fitted)>,
    request: &BuildRequest,
    sources: &SourceSet,
    on_done: &(dyn Fn(&JobReport) + Sync),
) -> (Vec<Built>, Vec<JobReport>) {
    let mut written: Vec<Built> = Vec::new();
    let mut failed_manifests = Vec::new();
    for (job, out) in inbox {
        let result = write_job(&request.out_dir, &job, out);
        let edition = job.edition.clone();
        written.push(finished(
            job.order,
            job.edition,
            &job.audience,
            result,
            on_done,
        ));
        let mine: Vec<&Built> = written
            .iter()
            .filter(|b| Arc::ptr_eq(&b.edition, &edition))
            .collect();
        // A job that failed to typeset never arrives here: its edition
        // stays incomplete and gets no manifest.
        if mine.len() == edition.audiences.len() {
            if let Some(report) = finish_edition(request, sources, &edition, &mine) {
                // Reported like every job, so a failed manifest or
                // `latest/` never ends the build silently.
                on_done(&report);
                failed_manifests.push(report);
            }
        }
    }
    (written, failed_manifests)
}

/// Reports a finished job.
fn finished(
    order: usize,
    edition: Arc<Edition>,
    audience: &Audience,
    result: Result<(Outcome, String, edition::BuiltPdf)>,
    on_done: &(dyn Fn(&JobReport) + Sync),
) -> Built {
    let (outcome, sha256, record) = match result {
        Ok((outcome, sha, record)) => (outcome, Some(sha), Some(record)),
        Err(error) => (Outcome::Failed { error }, None, None),
    };
    let report = JobReport {
        brief: edition.loaded.id.to_string(),
        scope: Scope::Audience(audience.name.clone()),
        outcome,
    };
    on_done(&report);
    Built {
        order,
        audience: audience.name.clone(),
        edition,
        report,
        sha256,
        record,
    }
}

enum Planned {
    Build(Edition),
    UpToDate(Edition),
}

fn brief_id_of(path: &std::path::Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Loads a brief, resolves its audiences and decides whether its edition
/// must be built.
fn plan_edition(
    project: &BuildProject<'_>,
    sources: &SourceSet,
    request: &BuildRequest,
    loaded: LoadedBrief,
) -> Result<Planned> {
    let ctx = crate::check::Context {
        sources,
        files: &[],
        today: request.date,
    };
    let problems: Vec<_> =
        crate::check::check_brief(&loaded.path, &loaded.text, &loaded.brief, &ctx)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
    if !problems.is_empty() {
        return Err(Error::Check(problems));
    }
    let mut edition = edition_of(project, sources, request, loaded)?;
    edition.previous = edition::previous_edition(
        &request.out_dir,
        &edition.loaded.id,
        &IsoWeek::of(request.date).to_string(),
    );
    edition.existing = edition::read_manifest(&edition.dir);
    match &edition.existing {
        Some(m) if m.inputs != edition.inputs && !request.force => Err(Error::Usage(format!(
            "edition {} of `{}` already exists and its inputs have changed; \
             pass --force to replace it, or --date to build another week's edition",
            m.week, edition.loaded.id
        ))),
        _ => Ok(Planned::Build(edition)),
    }
}

/// A loaded brief: its edition is up to date, or it must be checked.
enum Loaded {
    UpToDate(Box<Edition>),
    Check(Box<LoadedBrief>),
}

/// Loads a brief and tells whether its edition is up to date (never when
/// forced).
fn load_or_skip(
    project: &BuildProject<'_>,
    sources: &SourceSet,
    request: &BuildRequest,
    path: &std::path::Path,
) -> Result<Loaded> {
    let loaded = load_brief(path)?;
    if !request.force {
        if let Some(edition) = unchanged_edition(project, sources, request, &loaded) {
            return Ok(Loaded::UpToDate(Box::new(edition)));
        }
    }
    Ok(Loaded::Check(Box::new(loaded)))
}

/// The brief's edition if it is complete and was built from exactly these
/// inputs, without checking the brief again: it passed the check when it
/// was built, and the check's one rule that depends on the date (overdue
/// reviews) only warns. The check is most of a no-op build's time.
/// `None` also when anything fails: the full path then reports it.
fn unchanged_edition(
    project: &BuildProject<'_>,
    sources: &SourceSet,
    request: &BuildRequest,
    loaded: &LoadedBrief,
) -> Option<Edition> {
    let edition = edition_of(project, sources, request, loaded.clone()).ok()?;
    let manifest = edition::read_manifest(&edition.dir)?;
    // Each audience's PDF must be there, be the file its build wrote, and
    // have been built from these very inputs (a build of some audiences
    // leaves the others as they were).
    let inputs = edition::inputs_digest(&edition.inputs);
    let current = edition
        .audiences
        .iter()
        .all(|a| manifest.is_current(&edition.dir, &a.name, &inputs));
    (current && manifest.inputs == edition.inputs).then_some(edition)
}

/// Resolves a loaded brief's audiences, edition folder and input hashes.
fn edition_of(
    project: &BuildProject<'_>,
    sources: &SourceSet,
    request: &BuildRequest,
    loaded: LoadedBrief,
) -> Result<Edition> {
    let templates = project.template_set(&loaded.id);
    let catalog = Catalog::load(
        &templates,
        &loaded.brief.audiences,
        (&loaded.path, &loaded.text),
    )?;
    let audiences = catalog.select(&request.audiences, &templates)?;
    let dir = edition::edition_dir(&request.out_dir, &loaded.id, request.date)?;
    // Every path the edition writes stays in out/ (names are slugs; this
    // also refuses folders of out/ that are links elsewhere).
    for a in &audiences {
        fs::ensure_within(&request.out_dir, &dir.join(format!("{}.pdf", a.name)))?;
    }
    fs::ensure_within(
        &request.out_dir,
        &edition::brief_dir(&request.out_dir, &loaded.id).join(edition::LATEST),
    )?;
    // Temp files of a killed build (no handler could remove them); swept
    // here, before this edition's jobs run in parallel.
    fs::remove_stale_temp_files(&dir);
    let options = typeset::standards_key(&request.standards);
    let inputs = edition::hash_inputs(&loaded.text, sources, &templates, &options)?;
    Ok(Edition {
        loaded,
        templates,
        audiences,
        dir,
        inputs,
        previous: None,
        existing: None,
    })
}

/// Renders one audience of one edition into Typst markup (and writes it
/// next to the PDF with `--emit typ`).
fn render_job(
    sources: &SourceSet,
    request: &BuildRequest,
    ed: &Edition,
    audience: &Audience,
) -> Result<String> {
    render_markup(sources, request, ed, audience, &[])
}

/// Renders an audience's markup with `drops` left out (and writes it with
/// `--emit typ`).
fn render_markup(
    sources: &SourceSet,
    request: &BuildRequest,
    ed: &Edition,
    audience: &Audience,
    drops: &[Drop],
) -> Result<String> {
    let templates = &ed.templates;
    let view = BriefView::for_audience(
        &ed.loaded.id,
        &ed.loaded.brief,
        sources,
        request.date,
        audience,
        ed.previous
            .as_ref()
            .map(|m| edition::changes_since(m, &ed.loaded.brief, sources)),
        drops,
    );
    let env = render::environment(templates);
    let markup = render::render(&env, templates, &audience.template, &view)?;
    if request.emit_typ {
        project::emit_typ(
            &ed.dir.join(format!("{}.typ", audience.name)),
            &markup,
            templates,
        )?;
    }
    Ok(markup)
}

/// A typeset PDF and what was left out of it to fit its page limit.
struct Fitted {
    out: typeset::Typeset,
    dropped: Vec<Drop>,
}

/// Typesets rendered markup within the audience's page limit: over it,
/// items are left out in [`view::drop_order`] and the brief typeset again
/// until it fits.
fn typeset_job(sources: &SourceSet, request: &BuildRequest, job: &Rendered) -> Result<Fitted> {
    let out = typeset_markup(request, job, &job.markup)?;
    let (ed, audience) = (&job.edition, &job.audience);
    let max = match audience.spec.max_pages {
        Some(max) if out.pages > max => max,
        _ => {
            return Ok(Fitted {
                out,
                dropped: Vec::new(),
            })
        }
    };
    let order = view::drop_order(&ed.loaded.brief, audience);
    let mut pages = out.pages;
    for n in 1..=order.len() {
        let markup = render_markup(sources, request, ed, audience, &order[..n])?;
        let out = typeset_markup(request, job, &markup)?;
        if out.pages <= max {
            return Ok(Fitted {
                out,
                dropped: order[..n].to_vec(),
            });
        }
        pages = out.pages;
    }
    Err(over_page_limit(audience, max, pages))
}

/// Typesets one version of a job's markup; Typst's problems located in
/// the templates.
fn typeset_markup(
    request: &BuildRequest,
    job: &Rendered,
    markup: &str,
) -> Result<typeset::Typeset> {
    let (ed, audience) = (&job.edition, &job.audience);
    let settings = PdfSettings {
        date: request.date,
        ident: format!(
            "brief/{}/{}/{}",
            ed.loaded.id,
            audience.name,
            IsoWeek::of(request.date)
        ),
        standards: request.standards.clone(),
    };
    let trace =
        |problems| project::trace_generated(problems, markup, &ed.templates, &audience.template);
    let mut out =
        typeset::typeset(markup.to_string(), &ed.templates, &settings).map_err(|e| match e {
            Error::Check(problems) => Error::Check(trace(problems)),
            other => other,
        })?;
    out.warnings = trace(std::mem::take(&mut out.warnings));
    Ok(out)
}

/// The error for a brief whose minimum (everything [`view::drop_order`]
/// may leave out left out) still takes `pages` pages, more than `max`: at
/// the table that sets the limit.
fn over_page_limit(audience: &Audience, max: usize, pages: usize) -> Error {
    let plural = |n: usize| if n == 1 { "page" } else { "pages" };
    let message = format!(
        "the `{}` audience allows at most {max} {} but the brief takes {pages} even with every \
         quote beyond the first and every finding but the contested ones left out: \
         {} {} over",
        audience.name,
        plural(max),
        pages - max,
        plural(pages - max)
    );
    let hint = "raise `max_pages`, show fewer sections or key figures, or shorten the bottom \
                line and the contested findings";
    match &audience.max_pages_at {
        Some(at) => Error::Check(vec![at
            .problem("max_pages", ProblemCode::PageLimit, message)
            .hint(hint)]),
        None => Error::Usage(format!("{message}; {hint}")),
    }
}

/// Writes a typeset PDF into its edition; returns the outcome and the PDF's
/// SHA-256 for the manifest.
fn write_job(
    out_dir: &std::path::Path,
    job: &Rendered,
    fitted: Fitted,
) -> Result<(Outcome, String, edition::BuiltPdf)> {
    let out = fitted.out;
    let pdf = job.edition.dir.join(format!("{}.pdf", job.audience.name));
    fs::ensure_within(out_dir, &pdf)?;
    fs::write_atomic(&pdf, &out.pdf)?;
    let sha256 = crate::util::digest::sha256_hex(&out.pdf);
    let record = edition::BuiltPdf::of(&pdf, &job.edition.inputs)?;
    Ok((
        Outcome::Built {
            pdf,
            pages: out.pages,
            bytes: out.pdf.len(),
            warnings: out.warnings,
            dropped: fitted.dropped.iter().map(Drop::describe).collect(),
        },
        sha256,
        record,
    ))
}

/// Writes a complete edition's manifest and refreshes `latest/`; a report
/// if that failed. No manifest when a PDF could not be written, so the
/// edition is rebuilt next time.
fn finish_edition(
    request: &BuildRequest,
    sources: &SourceSet,
    ed: &Edition,
    built: &[&Built],
) -> Option<JobReport> {
    // The audiences this build made, over those of the edition's manifest
    // as it was (which keep the inputs they were built from).
    let (mut outputs, mut records) = match &ed.existing {
        Some(m) => (m.outputs.clone(), m.built.clone()),
        None => Default::default(),
    };
    for b in built {
        outputs.insert(b.audience.clone(), b.sha256.clone()?);
        records.insert(b.audience.clone(), b.record.clone()?);
    }
    let manifest = Manifest {
        brief: ed.loaded.id.to_string(),
        week: IsoWeek::of(request.date).to_string(),
        date: request.date,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        inputs: ed.inputs.clone(),
        outputs,
        built: records,
        snapshot: ed.loaded.brief.clone(),
        sources: sources
            .sources
            .iter()
            .map(|(id, s)| (id.to_string(), s.meta.title.clone().unwrap_or_default()))
            .collect(),
        outlets: sources
            .sources
            .iter()
            .filter_map(|(id, s)| Some((id.to_string(), s.meta.outlet.clone()?)))
            .collect(),
    };
    edition::write_manifest(&ed.dir, &manifest)
        .and_then(|_| edition::update_latest(&request.out_dir, &ed.loaded.id, &manifest.week))
        .err()
        .map(|error| JobReport {
            brief: ed.loaded.id.to_string(),
            scope: Scope::Manifest,
            outcome: Outcome::Failed { error },
        })
}
