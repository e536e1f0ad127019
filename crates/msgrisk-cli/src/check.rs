//! `msgrisk check`: validate rule files and run their examples.

use std::path::PathBuf;
use std::process::ExitCode;

use msgrisk::{Classifier, Ruleset};

pub(crate) fn run(files: &[PathBuf], no_defaults: bool) -> Result<ExitCode, String> {
    let mut rulesets = Vec::new();
    let mut bad = 0usize;
    for f in files {
        match Ruleset::from_file(f) {
            Ok(r) => rulesets.push(r),
            Err(e) => {
                eprintln!("{e}");
                bad += 1;
            }
        }
    }
    if bad > 0 {
        return Ok(ExitCode::from(1));
    }
    // Rule files that are also embedded defaults (checking the repo's own
    // rule sets) replace their embedded copy instead of clashing with it.
    let mut builder = Classifier::builder().defaults(false);
    if !no_defaults {
        let names: Vec<String> = rulesets.iter().map(|r| r.name().to_string()).collect();
        for d in msgrisk::default_rulesets() {
            if !names.iter().any(|n| n == d.name()) {
                builder = builder.add_ruleset(d);
            }
        }
    }
    let checked: Vec<String> = rulesets.iter().map(|r| r.source().to_string()).collect();
    for r in rulesets {
        builder = builder.add_ruleset(r);
    }
    let classifier = builder.build().map_err(|e| e.to_string())?;
    let failures: Vec<_> = classifier.check_examples().into_iter().filter(|f| checked.contains(&f.source)).collect();
    let rules = classifier
        .rulesets()
        .iter()
        .filter(|r| checked.contains(&r.source().to_string()))
        .map(|r| r.rules().len())
        .sum::<usize>();
    for f in &failures {
        eprintln!("{f}");
    }
    if failures.is_empty() {
        println!("ok: {} file(s), {rules} rules, every example passes", checked.len());
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("{} example failure(s) in {rules} rules", failures.len());
        Ok(ExitCode::from(1))
    }
}
