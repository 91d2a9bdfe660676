//! Extraction throughput on article text: sentences, quantities, names and
//! stance (`analyze`), plus grouping (`brief figures`) and a whole draft, on
//! one core. Target: at least 20 MB/s for analysis.

use std::hint::black_box;
use std::path::Path;

use brief::extract::{self, figures, Cues};
use brief::load::seed::load_paths;
use brief::model::source::Source;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn seeds() -> Vec<Source> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (sources, errors) = load_paths(&[dir]).expect("seeds load");
    assert!(errors.is_empty());
    sources
}

fn bench(c: &mut Criterion) {
    let sources = seeds();
    let bytes: usize = sources.iter().map(|s| s.body.len()).sum();
    let cues = Cues::builtin();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("analyze (sentences, quantities, names, stance)", |b| {
        b.iter(|| {
            for s in &sources {
                black_box(extract::analyze_article(black_box(s), cues));
            }
        })
    });
    let refs: Vec<&Source> = sources.iter().collect();
    // One worker thread, so throughput is per core.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    group.bench_function("figures (analyze + group), one core", |b| {
        b.iter(|| pool.install(|| figures::groups(&extract::analyze(black_box(&refs), cues))))
    });
    let options = brief::draft::Options {
        title: None,
        date: chrono::NaiveDate::from_ymd_opt(2026, 7, 6).expect("a date"),
    };
    group.sample_size(20);
    group.bench_function("draft, one core", |b| {
        b.iter(|| {
            pool.install(|| {
                brief::draft::to_toml(&brief::draft::draft(black_box(&refs), cues, &options))
            })
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
