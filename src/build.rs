//! The build: every selected brief x audience becomes a PDF in its dated
//! edition folder, in parallel, skipping editions whose inputs have not
//! changed.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::audience::{Audience, Catalog};
use crate::edition::{self, Manifest};
use crate::error::{Error, Result};
use crate::project::{self, LoadedBrief, Project};
use crate::render;
use crate::sources::SourceSet;
use crate::typeset::{self, PdfSettings};
use crate::view::{iso_week_label, BriefView};

/// What the user asked to build.
#[derive(Debug, Clone)]
pub struct BuildRequest {
    pub briefs: Vec<PathBuf>,
    /// Audience names, `all`, or empty for the default audience.
    pub audiences: Vec<String>,
    pub date: NaiveDate,
    /// Replace an existing edition of the same week.
    pub force: bool,
    /// Also write the generated Typst markup next to each PDF.
    pub emit_typ: bool,
    pub standards: Vec<typst_pdf::PdfStandard>,
    pub out_dir: PathBuf,
}

/// What happened to one brief x audience.
#[derive(Debug)]
pub enum Outcome {
    Built {
        pdf: PathBuf,
        pages: usize,
        bytes: usize,
        warnings: Vec<String>,
    },
    UpToDate {
        pdf: PathBuf,
    },
    Failed {
        error: Error,
    },
}

/// One line of the build report.
#[derive(Debug)]
pub struct JobReport {
    pub brief: String,
    pub audience: String,
    pub outcome: Outcome,
}

/// Everything needed to build one brief's edition.
struct Edition {
    loaded: LoadedBrief,
    audiences: Vec<Audience>,
    dir: PathBuf,
    inputs: std::collections::BTreeMap<String, String>,
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
    let plan = |path: &PathBuf| plan_edition(project, sources, request, path);
    // Briefs are checked and hashed in parallel when there are several (a
    // single one does not need the thread pool, which a no-op would pay for).
    let plans: Vec<Result<Planned>> = if request.briefs.len() > 1 {
        request.briefs.par_iter().map(plan).collect()
    } else {
        request.briefs.iter().map(plan).collect()
    };
    for (path, planned) in request.briefs.iter().zip(plans) {
        match planned {
            Ok(Planned::Build(ed)) => {
                let ed = Arc::new(ed);
                jobs.extend(ed.audiences.iter().cloned().map(|a| (ed.clone(), a)));
            }
            Ok(Planned::UpToDate(ed)) => {
                for a in &ed.audiences {
                    let report = JobReport {
                        brief: ed.loaded.id.clone(),
                        audience: a.name.clone(),
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
                    audience: "-".into(),
                    outcome: Outcome::Failed { error },
                };
                on_done(&report);
                reports.push(report);
            }
        }
    }
    // Nothing to build (all up to date): do not start the thread pool,
    // which costs a no-op build more than its own work.
    let built: Vec<(Arc<Edition>, JobReport)> = if jobs.is_empty() {
        Vec::new()
    } else {
        jobs.into_par_iter()
            .map(|(ed, audience)| run_job(project, sources, request, ed, &audience, on_done))
            .collect()
    };
    // Once per build, not per document: the documents of a batch share
    // much of their memoised work (templates, styles, shaped text).
    if !built.is_empty() {
        typeset::evict_caches();
    }
    finish_editions(request, sources, &built, &mut reports);
    reports.extend(built.into_iter().map(|(_, r)| r));
    reports
}

/// Builds one audience of one edition and reports it.
fn run_job(
    project: &Project,
    sources: &SourceSet,
    request: &BuildRequest,
    ed: Arc<Edition>,
    audience: &Audience,
    on_done: &(dyn Fn(&JobReport) + Sync),
) -> (Arc<Edition>, JobReport) {
    let outcome = match build_one(project, sources, request, &ed, audience) {
        Ok(o) => o,
        Err(error) => Outcome::Failed { error },
    };
    let report = JobReport {
        brief: ed.loaded.id.clone(),
        audience: audience.name.clone(),
        outcome,
    };
    on_done(&report);
    (ed, report)
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
    project: &Project,
    sources: &SourceSet,
    request: &BuildRequest,
    path: &std::path::Path,
) -> Result<Planned> {
    let loaded = project::load_brief(path)?;
    if !request.force {
        if let Some(edition) = unchanged_edition(project, sources, request, &loaded) {
            return Ok(Planned::UpToDate(edition));
        }
    }
    let ctx = crate::check::Context {
        sources,
        files: &[],
        today: request.date,
    };
    let problems: Vec<_> =
        crate::check::check_brief(&loaded.path, &loaded.text, &loaded.brief, &ctx)
            .into_iter()
            .filter(|p| p.severity == crate::check::Severity::Error)
            .collect();
    if !problems.is_empty() {
        return Err(Error::Check(problems));
    }
    let edition = edition_of(project, sources, request, loaded)?;
    match edition::read_manifest(&edition.dir) {
        Some(m) if m.inputs != edition.inputs && !request.force => Err(Error::Usage(format!(
            "edition {} of `{}` already exists and its inputs have changed; \
             pass --force to replace it, or --date to build another week's edition",
            m.week, edition.loaded.id
        ))),
        _ => Ok(Planned::Build(edition)),
    }
}

/// The brief's edition if it is complete and was built from exactly these
/// inputs, without checking the brief again: it passed the check when it
/// was built, and the check's one rule that depends on the date (overdue
/// reviews) only warns. The check is most of a no-op build's time.
/// `None` also when anything fails: the full path then reports it.
fn unchanged_edition(
    project: &Project,
    sources: &SourceSet,
    request: &BuildRequest,
    loaded: &LoadedBrief,
) -> Option<Edition> {
    let edition = edition_of(project, sources, request, loaded.clone()).ok()?;
    let manifest = edition::read_manifest(&edition.dir)?;
    let complete = edition
        .audiences
        .iter()
        .all(|a| edition.dir.join(format!("{}.pdf", a.name)).is_file());
    (complete && manifest.inputs == edition.inputs).then_some(edition)
}

/// Resolves a loaded brief's audiences, edition folder and input hashes.
fn edition_of(
    project: &Project,
    sources: &SourceSet,
    request: &BuildRequest,
    loaded: LoadedBrief,
) -> Result<Edition> {
    let templates = project.template_set(&loaded.id);
    let catalog = Catalog::load(&templates, &loaded.brief.audiences)?;
    let audiences = catalog.select(&request.audiences, &templates)?;
    let dir = edition::edition_dir(&request.out_dir, &loaded.id, request.date);
    // Temp files of a killed build (no handler could remove them); swept
    // here, before this edition's jobs run in parallel.
    typeset::remove_stale_temp_files(&dir);
    let options = format!("{:?}", request.standards);
    let inputs = edition::hash_inputs(&loaded.text, sources, &templates, &options)?;
    Ok(Edition {
        loaded,
        audiences,
        dir,
        inputs,
    })
}

/// Renders and typesets one audience of one edition.
fn build_one(
    project: &Project,
    sources: &SourceSet,
    request: &BuildRequest,
    ed: &Edition,
    audience: &Audience,
) -> Result<Outcome> {
    let templates = project.template_set(&ed.loaded.id);
    let previous = edition::previous_edition(
        &request.out_dir,
        &ed.loaded.id,
        &iso_week_label(request.date),
    );
    let view = BriefView::for_audience(
        &ed.loaded.id,
        &ed.loaded.brief,
        sources,
        request.date,
        audience,
        previous.as_ref(),
    );
    let env = render::environment(&templates);
    let markup = render::render(&env, &templates, &audience.template, &view)?;
    if request.emit_typ {
        project::emit_typ(
            &ed.dir.join(format!("{}.typ", audience.name)),
            &markup,
            &templates,
        )?;
    }
    let settings = PdfSettings {
        date: request.date,
        ident: format!(
            "brief/{}/{}/{}",
            ed.loaded.id,
            audience.name,
            iso_week_label(request.date)
        ),
        standards: request.standards.clone(),
    };
    let out = typeset::typeset(markup.clone(), &templates, &settings)
        .map_err(|e| project::trace_generated(e, &markup, &templates, &audience.template))?;
    if let Some(max) = audience.spec.max_pages {
        if out.pages > max {
            return Err(Error::Usage(format!(
                "the `{}` audience allows at most {max} page(s) but the brief takes {}; \
                 lower its limits or shorten the brief",
                audience.name, out.pages
            )));
        }
    }
    let pdf = ed.dir.join(format!("{}.pdf", audience.name));
    typeset::write_atomic(&pdf, &out.pdf)?;
    Ok(Outcome::Built {
        pdf,
        pages: out.pages,
        bytes: out.pdf.len(),
        warnings: out.warnings,
    })
}

/// Writes each built edition's manifest and refreshes `latest/`.
fn finish_editions(
    request: &BuildRequest,
    sources: &SourceSet,
    built: &[(Arc<Edition>, JobReport)],
    reports: &mut Vec<JobReport>,
) {
    let mut seen: Vec<&str> = Vec::new();
    for (ed, _) in built {
        if seen.contains(&ed.loaded.id.as_str()) {
            continue;
        }
        seen.push(&ed.loaded.id);
        let mine = built.iter().filter(|(e, _)| e.loaded.id == ed.loaded.id);
        let mut outputs = std::collections::BTreeMap::new();
        let mut all_ok = true;
        for (_, r) in mine {
            match &r.outcome {
                Outcome::Built { pdf, .. } => {
                    if let Ok(bytes) = std::fs::read(pdf) {
                        outputs.insert(r.audience.clone(), edition::sha256_hex(&bytes));
                    }
                }
                _ => all_ok = false,
            }
        }
        // A manifest only for complete editions, so a failed audience is retried.
        if !all_ok {
            continue;
        }
        let manifest = Manifest {
            brief: ed.loaded.id.clone(),
            week: iso_week_label(request.date),
            date: request.date,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            inputs: ed.inputs.clone(),
            outputs,
            snapshot: ed.loaded.brief.clone(),
            sources: sources
                .sources
                .iter()
                .map(|(id, s)| (id.to_string(), s.meta.title.clone().unwrap_or_default()))
                .collect(),
        };
        let result = edition::write_manifest(&ed.dir, &manifest)
            .and_then(|_| edition::update_latest(&request.out_dir, &ed.loaded.id, &manifest.week));
        if let Err(error) = result {
            reports.push(JobReport {
                brief: ed.loaded.id.clone(),
                audience: "manifest".into(),
                outcome: Outcome::Failed { error },
            });
        }
    }
}
