//! Folding throughput on short chat messages, for the figures in
//! `NORMALIZATION.md`. Not a benchmark suite (that is criterion's job): a
//! quick figure, run as
//!
//! ```text
//! cargo run --release -p msgrisk --example fold_throughput [ascii|unicode|evasions]
//! ```
//!
//! Three corpora of about 1 MB each, made here so the figure needs no data
//! files: plain ASCII chat; chat with accents and emoji but no evasion; and
//! chat where every message is an evasion (look-alike and fullwidth letters,
//! leetspeak, spaced and dotted letters).

use std::hint::black_box;
use std::time::Instant;

use msgrisk::{Folded, Normalizer};

const ASCII: &[&str] = &[
    "hey how r u doing today? wanna hang out later lol",
    "ok see you at 5, dont forget the homework for math class",
    "lol thats so funny, my mom said i can go to the party on saturday",
    "where do you live? i am from amsterdam, near the station",
    "can you send me the notes from class pls, i was sick yesterday",
    "hahaha nooo way, did he really say that?? omg",
    "ik ben er om 8 uur, neem je fiets mee ok",
    "wat doe je vanavond? zin om te gamen",
];

const UNICODE: &[&str] = &[
    "héé schatje 😘 wat doe je vanavond?",
    "café één keer per week is genoeg 😂",
    "ok see you later ❤️ don’t forget your coat",
    "geïnteresseerd in de coördinatie? 👍",
    "naïve question but whats the plan 🙈",
    "crème brûlée at the café, trop bien 😋",
    "ik ben zó moe vandaag 😴 echt",
    "happy birthday!! 🎉🎂 have a great day",
];

const EVASIONS: &[&str] = &[
    "héé schatje 😘 wat doe je? ben je a11een thuis?",
    "add me on ѕnар, its more private 🤫",
    "s.n.a.p me ur pic, I'm 13 btw",
    "ｓｅｎｄ ｍｅ ａ ｐｉｃ pls 📸",
    "dit is ons g3h31mpje, niet aan je mama vertellen",
    "café één keer per week, 500 euro p/m 💰",
    "heeeeey cutie 😍 u r so mature for ur age",
    "s n a p c h a t?? d0nt t3ll anyone",
];

fn corpus(lines: &[&str], bytes: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < bytes {
        let line = format!("{} {}", lines[i % lines.len()], i % 97);
        total += line.len();
        out.push(line);
        i += 1;
    }
    out
}

fn measure(name: &str, lines: &[String]) {
    let normalizer = Normalizer::new();
    let mut folded = Folded::default();
    let bytes: usize = lines.iter().map(String::len).sum();
    // Warm up, then take the best of a few rounds.
    for line in lines {
        normalizer.fold_into(black_box(line), &mut folded);
    }
    let mut best = f64::MAX;
    for _ in 0..7 {
        let start = Instant::now();
        for _ in 0..5 {
            for line in lines {
                normalizer.fold_into(black_box(line), &mut folded);
                black_box(folded.as_str());
            }
        }
        best = best.min(start.elapsed().as_secs_f64() / 5.0);
    }
    println!("{name}: {:.1} MB/s ({} messages, {} bytes)", bytes as f64 / best / 1e6, lines.len(), bytes);
}

fn main() {
    // An argument picks one corpus (for a profiler).
    let only = std::env::args().nth(1);
    for (name, lines) in [("ascii chat", ASCII), ("unicode chat", UNICODE), ("evasions", EVASIONS)] {
        if only.as_deref().is_none_or(|o| name.starts_with(o)) {
            measure(name, &corpus(lines, 1 << 20));
        }
    }
}
