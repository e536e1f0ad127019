//! The embedded default rule sets: they load, compile, and every rule's own
//! examples pass.

use msgrisk::{default_rulesets, Classifier};

#[test]
fn default_rulesets_load_and_compile() {
    let sets = default_rulesets();
    assert!(!sets.is_empty(), "no embedded rule sets");
    let classifier = Classifier::new();
    assert_eq!(classifier.rules().count(), sets.iter().map(|s| s.rules().len()).sum::<usize>());
    for set in &sets {
        assert!(classifier.ruleset_version().contains(&format!("{}@{}", set.name(), set.version())));
    }
}

#[test]
fn every_default_rule_example_passes() {
    let failures = Classifier::new().check_examples();
    let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
    assert!(failures.is_empty(), "{} example failures:\n{}", failures.len(), report.join("\n"));
}

#[test]
fn every_default_rule_carries_examples_both_ways() {
    let classifier = Classifier::new();
    let thin: Vec<&str> = classifier
        .rules()
        .filter(|r| r.must_match.len() < 2 || r.must_ignore.is_empty())
        .map(|r| r.id.as_str())
        .collect();
    assert!(thin.is_empty(), "rules with fewer than 2 match or no ignore examples: {thin:?}");
}

#[test]
fn default_rules_cover_every_category_in_both_languages() {
    let classifier = Classifier::new();
    let categories = [
        "grooming.access",
        "grooming.trust",
        "grooming.risk_assessment",
        "grooming.secrecy",
        "grooming.platform_switch",
        "grooming.desensitization",
        "grooming.image_request",
        "grooming.meeting",
        "grooming.coercion",
        "recruitment.fast_money",
        "recruitment.fake_job",
        "recruitment.loverboy",
        "recruitment.exploitation",
        "sextortion.threat",
        "sextortion.demand",
        "signal.minor_age",
        "signal.platform",
        "signal.pii",
    ];
    for category in categories {
        for lang in [msgrisk::Lang::En, msgrisk::Lang::Nl] {
            let n = classifier.rules().filter(|r| r.category == category && r.lang == lang).count();
            assert!(n >= 2, "{n} {lang} rules in {category}");
        }
    }
    assert!(classifier.rules().count() >= 300);
}
