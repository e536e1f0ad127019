//! Prints what the default rules compile into and how long loading and
//! compiling take: `cargo run --release --example stats`.

use std::time::Instant;

fn main() {
    let start = Instant::now();
    let rulesets = msgrisk::default_rulesets();
    let parsed = start.elapsed();
    let mut builder = msgrisk::Classifier::builder().defaults(false);
    for r in rulesets {
        builder = builder.add_ruleset(r);
    }
    let classifier = builder.build().expect("default rules compile");
    let total = start.elapsed();
    println!("{:#?}", classifier.stats());
    println!(
        "parsed in {:.1} ms, compiled in {:.1} ms, {:.1} ms in all",
        parsed.as_secs_f64() * 1e3,
        (total - parsed).as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3
    );
}
