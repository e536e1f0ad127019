//! Scores N messages of the benchmark corpus and prints how many were
//! flagged: a fixed workload for profilers (`perf`, `valgrind --tool=callgrind`)
//! whose instruction counts do not depend on machine load.
//! `cargo run --release --example score_corpus -- 20000`

#[path = "../../../benches/corpus.rs"]
mod corpus;

fn main() {
    let n: usize = std::env::args().nth(1).map_or(20_000, |a| a.parse().expect("count"));
    let texts = corpus::Corpus::new(20261129).messages(n);
    let classifier = msgrisk::Classifier::new();
    let flagged = texts.iter().filter(|t| classifier.score(t).risk > 0.0).count();
    println!("{flagged} of {n} flagged");
}
