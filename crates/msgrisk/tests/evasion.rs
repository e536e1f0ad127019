//! The evasion corpus, as data: every `[[case]]` in `tests/data/evasion.toml`
//! is an obfuscated message that must make its rule fire on the exact text
//! given as `span`; every `[[trap]]` is a message that must not make its rule
//! (or, with `rule = "*"`, any rule) fire. Both run against the small rule
//! set `tests/data/evasion_rules.toml`, so they test folding and matching,
//! not the content of the default rules.

use msgrisk::Classifier;
use serde::Deserialize;

const CORPUS: &str = include_str!("../../../tests/data/evasion.toml");
const RULES: &str = include_str!("../../../tests/data/evasion_rules.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Corpus {
    case: Vec<Case>,
    trap: Vec<Trap>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// The kind of evasion.
    name: String,
    lang: String,
    rule: String,
    text: String,
    /// The text of the message the match must report, exactly.
    span: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Trap {
    /// Why it is a trap.
    name: String,
    lang: String,
    /// The rule that must not fire, or `*` for none.
    rule: String,
    text: String,
}

fn corpus() -> Corpus {
    toml::from_str(CORPUS).expect("evasion.toml parses")
}

fn classifier() -> Classifier {
    Classifier::builder()
        .defaults(false)
        .add_toml("evasion_rules.toml", RULES)
        .build()
        .expect("evasion_rules.toml compiles")
}

#[test]
fn the_corpus_is_large_enough_in_both_languages() {
    let c = corpus();
    assert!(c.case.len() >= 300, "{} cases", c.case.len());
    assert!(c.trap.len() >= 200, "{} traps", c.trap.len());
    for lang in ["en", "nl"] {
        assert!(c.case.iter().filter(|k| k.lang == lang).count() >= 100, "{lang} cases");
        assert!(c.trap.iter().filter(|t| t.lang == lang).count() >= 50, "{lang} traps");
    }
}

#[test]
fn every_rule_of_the_corpus_exists_and_its_examples_hold() {
    let classifier = classifier();
    let ids: Vec<&str> = classifier.rules().map(|r| r.id.as_str()).collect();
    let c = corpus();
    for rule in c.case.iter().map(|k| &k.rule).chain(c.trap.iter().map(|t| &t.rule)) {
        assert!(rule == "*" || ids.contains(&rule.as_str()), "unknown rule {rule}");
    }
    let failures = classifier.check_examples();
    assert!(failures.is_empty(), "{failures:?}");
}

#[test]
fn every_case_fires_on_its_span() {
    let classifier = classifier();
    let mut failures = Vec::new();
    for case in corpus().case {
        assert!(case.text.contains(&case.span), "{}: span not in text", case.name);
        let score = classifier.score(&case.text);
        let spans: Vec<&str> =
            score.matches.iter().filter(|m| *m.rule == *case.rule).map(|m| &case.text[m.span()]).collect();
        if !spans.contains(&case.span.as_str()) {
            failures.push(format!(
                "{} [{}] {:?}: {} wanted on {:?}, got {:?} (folded {:?})",
                case.name,
                case.lang,
                case.text,
                case.rule,
                case.span,
                spans,
                classifier.fold(&case.text).as_str()
            ));
        }
    }
    assert!(failures.is_empty(), "{} cases failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn no_trap_fires() {
    let classifier = classifier();
    let mut failures = Vec::new();
    for trap in corpus().trap {
        let score = classifier.score(&trap.text);
        let fired: Vec<String> = score
            .matches
            .iter()
            .filter(|m| trap.rule == "*" || *m.rule == *trap.rule)
            .map(|m| format!("{} on {:?}", m.rule, &trap.text[m.span()]))
            .collect();
        if !fired.is_empty() {
            failures.push(format!(
                "{} [{}] {:?}: {:?} (folded {:?})",
                trap.name,
                trap.lang,
                trap.text,
                fired,
                classifier.fold(&trap.text).as_str()
            ));
        }
    }
    assert!(failures.is_empty(), "{} traps fired:\n{}", failures.len(), failures.join("\n"));
}
