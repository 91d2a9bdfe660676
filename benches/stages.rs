//! One benchmark per stage of a build, on the repo's real project
//! (briefs/longcat.toml, seeds/, templates/), default audience:
//! load sources -> load + parse brief -> check -> render markup ->
//! typeset (compile) -> PDF write (export).
//!
//! Run: `cargo bench --bench stages` (add `-- typeset` for one stage).

use std::path::PathBuf;
use std::time::Duration;

use brief::check;
use brief::load::brief::{load_brief, LoadedBrief};
use brief::model::audience::AudienceSelection;
use brief::model::source::SourceSet;
use brief::project::Project;
use brief::render::audience::{Audience, Catalog};
use brief::render::view::BriefView;
use brief::render::{self, TemplateSet};
use brief::typeset::{self, PdfSettings};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

/// Everything the later stages start from, prepared once.
struct Inputs {
    project: Project,
    brief_path: PathBuf,
    sources: SourceSet,
    loaded: LoadedBrief,
    templates: TemplateSet,
    audience: Audience,
    date: NaiveDate,
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 6).expect("a valid date")
}

fn inputs() -> Inputs {
    let project = Project::new(env!("CARGO_MANIFEST_DIR"));
    let brief_path = project.briefs_dir().join("longcat.toml");
    let seeds = project.load_seeds().expect("seeds/ loads");
    assert_eq!(seeds.problems().count(), 0, "seed problems");
    let sources = seeds.set;
    let loaded = load_brief(&brief_path).expect("longcat.toml loads");
    let templates = project.template_set(&loaded.id);
    let catalog = Catalog::load(
        &templates,
        &loaded.brief.audiences,
        (&loaded.path, &loaded.text),
    )
    .expect("audiences load");
    let audience = catalog
        .select(&AudienceSelection::Default, &templates)
        .expect("the default audience")
        .remove(0);
    Inputs {
        project,
        brief_path,
        sources,
        loaded,
        templates,
        audience,
        date: date(),
    }
}

fn markup(i: &Inputs) -> String {
    let view = BriefView::for_audience(
        &i.loaded.id,
        &i.loaded.brief,
        &i.sources,
        i.date,
        &i.audience,
        None,
        &[],
    );
    let env = render::environment(&i.templates);
    render::render(&env, &i.templates, &i.audience.template, &view).expect("longcat renders")
}

fn settings(i: &Inputs) -> PdfSettings {
    PdfSettings {
        date: i.date,
        ident: "brief/longcat/bench".into(),
        standards: vec![typeset::Standard::Ua1],
    }
}

fn stages(c: &mut Criterion) {
    let i = inputs();
    c.bench_function("load_sources", |b| {
        b.iter(|| black_box(i.project.load_seeds().expect("seeds load")))
    });
    c.bench_function("load_brief", |b| {
        b.iter(|| black_box(load_brief(&i.brief_path).expect("brief loads")))
    });
    let ctx = check::Context {
        sources: &i.sources,
        files: &[],
        today: i.date,
    };
    c.bench_function("check", |b| {
        b.iter(|| {
            black_box(check::check_brief(
                &i.loaded.path,
                &i.loaded.text,
                &i.loaded.brief,
                &ctx,
            ))
        })
    });
    c.bench_function("render_markup", |b| b.iter(|| black_box(markup(&i))));

    let text = markup(&i);
    let mut slow = c.benchmark_group("typst");
    slow.sample_size(10)
        .measurement_time(Duration::from_secs(10));
    slow.bench_function("typeset_compile", |b| {
        b.iter(|| {
            let compiled =
                typeset::compile(text.clone(), &i.templates, i.date).expect("longcat compiles");
            // A build compiles each document once: clear Typst's
            // memoisation so later iterations are not cache hits.
            typst::comemo::evict(0);
            black_box(compiled.pages())
        })
    });
    let compiled = typeset::compile(text, &i.templates, i.date).expect("longcat compiles");
    let settings = settings(&i);
    slow.bench_function("pdf_export", |b| {
        b.iter(|| black_box(typeset::export(&compiled, &settings).expect("PDF export")))
    });
    slow.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
