//! Criterion benchmarks of the core: scoring (one message at a time and in
//! batches), folding alone, compiling the default rules, and the worst case
//! of a long run of combining marks. Run with `cargo bench -p msgrisk`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use msgrisk::{Classifier, Normalizer};

#[path = "corpus.rs"]
mod corpus;

const SEED: u64 = 20261129;

fn total_bytes(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}

fn score(c: &mut Criterion) {
    let classifier = Classifier::new();
    let texts = corpus::Corpus::new(SEED).messages(10_000);
    // Every benchmark also checks that it does real work: the corpus is
    // about 1% risky, so some (not all) messages must score above zero.
    let flagged = texts.iter().filter(|t| classifier.score(t).risk > 0.0).count();
    assert!(flagged > 0 && flagged < texts.len() / 2, "flagged {flagged} of {}", texts.len());

    let mut g = c.benchmark_group("score");
    g.throughput(Throughput::Bytes(total_bytes(&texts)));
    g.bench_function("one_by_one_10k/bytes", |b| {
        b.iter(|| texts.iter().map(|t| classifier.score(black_box(t)).matches.len()).sum::<usize>())
    });
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("one_by_one_10k/messages", |b| {
        b.iter(|| texts.iter().map(|t| classifier.score(black_box(t)).matches.len()).sum::<usize>())
    });
    g.finish();

    let big = corpus::Corpus::new(SEED + 1).messages(100_000);
    let mut g = c.benchmark_group("score_batch");
    g.sample_size(10);
    g.throughput(Throughput::Elements(big.len() as u64));
    g.bench_function("100k_all_threads", |b| b.iter(|| classifier.score_batch(black_box(&big)).len()));
    g.finish();
}

fn fold(c: &mut Criterion) {
    let normalizer = Normalizer::new();
    let ascii: Vec<String> = corpus::Corpus::new(SEED).messages(10_000).into_iter().filter(|t| t.is_ascii()).collect();
    let mixed: Vec<String> = corpus::Corpus::new(SEED).messages(10_000).into_iter().filter(|t| !t.is_ascii()).collect();
    let mut g = c.benchmark_group("fold");
    for (name, texts) in [("ascii", &ascii), ("non_ascii", &mixed)] {
        g.throughput(Throughput::Bytes(total_bytes(texts)));
        g.bench_with_input(BenchmarkId::from_parameter(name), texts, |b, texts| {
            let mut out = msgrisk::Folded::default();
            b.iter(|| {
                let mut n = 0;
                for t in texts {
                    normalizer.fold_into(black_box(t), &mut out);
                    n += out.as_str().len();
                }
                n
            })
        });
    }
    g.finish();
}

fn compile(c: &mut Criterion) {
    let mut g = c.benchmark_group("compile");
    g.sample_size(10);
    g.bench_function("default_rules", |b| b.iter(|| Classifier::new().rules().count()));
    g.finish();
}

fn worst_case(c: &mut Criterion) {
    let classifier = Classifier::new();
    let mut g = c.benchmark_group("worst_case");
    g.sample_size(10);
    for size in [250_000usize, 1_000_000] {
        let text = corpus::combining_heavy(size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("combining_marks", size), &text, |b, text| {
            b.iter(|| classifier.score(black_box(text)).risk)
        });
    }
    g.finish();
}

criterion_group!(benches, score, fold, compile, worst_case);
criterion_main!(benches);
