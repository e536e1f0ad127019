//! Writes the benchmark corpus as JSONL (`{"text": ...}` per line), for the
//! Python side-by-side comparison: `cargo run --release --example gen_corpus -- 100000 SEED`.

use std::io::{BufWriter, Write};

#[path = "../../../benches/corpus.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(100_000, |a| a.parse().expect("count"));
    let seed: u64 = args.next().map_or(20261129, |a| a.parse().expect("seed"));
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut gen = corpus::Corpus::new(seed);
    for _ in 0..n {
        let line = serde_json::json!({ "text": gen.message() });
        writeln!(out, "{line}").expect("write");
    }
}
