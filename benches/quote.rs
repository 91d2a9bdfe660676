//! Quote verification against large sources: index one source, then look up
//! 60 long quotes that are not in it (each gets the closest-passage hint,
//! the expensive path). Sources of 1, 4 and 7.5 MB show how the cost grows;
//! `seeds` repeats the repo's real articles up to 7.5 MB (many exact
//! repeats: the worst case for candidate windows).
//!
//! Run: `cargo bench --bench quote` (add `-- seeds` for one group).

use std::hint::black_box;
use std::time::Duration;

use brief::check::quote::{QuoteMiss, SourceIndex};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

const MB: usize = 1_000_000;

/// A small deterministic generator (xorshift64*), so runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Prose of about `bytes` bytes: Zipf-like words from a 20,000-word
/// vocabulary, numbers, sentences of 8-30 words, paragraphs of 2-6 sentences.
fn synthetic(bytes: usize) -> String {
    let syllables = [
        "ka", "lo", "mi", "ter", "an", "chi", "po", "ru", "sen", "da", "vel", "or",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let vocabulary: Vec<String> = (0..20_000)
        .map(|_| {
            let n = 1 + rng.below(3);
            (0..n)
                .map(|_| syllables[rng.below(syllables.len())])
                .collect()
        })
        .collect();
    let mut text = String::with_capacity(bytes + 200);
    while text.len() < bytes {
        for _ in 0..2 + rng.below(5) {
            let words = 8 + rng.below(23);
            for w in 0..words {
                // Squaring a uniform pick favours the first words (Zipf-like).
                let r = rng.below(vocabulary.len());
                let word = &vocabulary[r * r / vocabulary.len()];
                match rng.below(40) {
                    0 => text.push_str(&format!("{}.{}", rng.below(100), rng.below(10))),
                    1 => text.push_str(&format!("{},000", 1 + rng.below(999))),
                    _ if w == 0 => {
                        let mut c = word.chars();
                        let first = c.next().map(|f| f.to_ascii_uppercase());
                        text.extend(first);
                        text.push_str(c.as_str());
                    }
                    _ => text.push_str(word),
                }
                text.push_str(if w + 1 == words {
                    ". "
                } else if rng.below(9) == 0 {
                    ", "
                } else {
                    " "
                });
            }
        }
        text.push_str("\n\n");
    }
    text
}

/// The repo's seed articles, repeated up to about `bytes`.
fn repeated_seeds(bytes: usize) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds/ exists")
        .map(|e| e.expect("readable entry").path())
        .collect();
    paths.sort();
    let one: String = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable seed") + "\n\n")
        .collect();
    one.repeat(bytes / one.len() + 1)
}

/// 60 quotes of about 40 words from the text, each with one word changed so
/// that it is not found.
fn missing_quotes(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut rng = Rng(42);
    (0..60)
        .map(|_| {
            let start = rng.below(words.len() - 50);
            let mut quote: Vec<String> = words[start..start + 40]
                .iter()
                .map(|w| w.to_string())
                .collect();
            let changed = 5 + rng.below(30);
            quote[changed] = format!("{}x", quote[changed]);
            quote.join(" ")
        })
        .collect()
}

/// Index the source once and look every quote up, as `check` does for one seed.
fn check_all(text: &str, quotes: &[String]) -> usize {
    let index = SourceIndex::new(text);
    quotes
        .iter()
        .filter(|q| matches!(index.find(q), Err(QuoteMiss::NotFound { closest: Some(_) })))
        .count()
}

fn quote(c: &mut Criterion) {
    let mut group = c.benchmark_group("quote_misses");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for size in [MB, 4 * MB, 7 * MB + MB / 2] {
        let text = synthetic(size);
        let quotes = missing_quotes(&text);
        assert_eq!(
            check_all(&text, &quotes),
            60,
            "every quote is missed with a hint"
        );
        let label = format!("{:.1}MB", size as f64 / MB as f64);
        group.bench_with_input(BenchmarkId::new("synthetic", &label), &text, |b, text| {
            b.iter(|| black_box(check_all(text, &quotes)))
        });
        group.bench_with_input(BenchmarkId::new("index_only", &label), &text, |b, text| {
            b.iter(|| black_box(SourceIndex::new(text)))
        });
    }
    let text = repeated_seeds(7 * MB + MB / 2);
    let quotes = missing_quotes(&text);
    assert_eq!(
        check_all(&text, &quotes),
        60,
        "every quote is missed with a hint"
    );
    group.bench_function("seeds/7.5MB", |b| {
        b.iter(|| black_box(check_all(&text, &quotes)))
    });
    group.finish();
}

criterion_group!(benches, quote);
criterion_main!(benches);
