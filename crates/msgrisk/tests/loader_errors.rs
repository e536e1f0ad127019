//! Malformed rule files, as data: each case in `tests/data/malformed_rules.toml`
//! gives a rule file and the error kind, rule id, line and column it must
//! produce.

use msgrisk::{Classifier, ErrorKind};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    rules: String,
    kind: String,
    #[serde(default)]
    rule: Option<String>,
    line: usize,
    #[serde(default)]
    column: Option<usize>,
    #[serde(default)]
    message: Option<String>,
}

fn kind_name(kind: &ErrorKind) -> String {
    format!("{kind:?}")
}

#[test]
fn every_malformed_rule_file_gives_its_error() {
    let data = include_str!("../../../tests/data/malformed_rules.toml");
    let cases: Cases = toml::from_str(data).expect("malformed_rules.toml parses");
    assert!(cases.case.len() >= 20, "only {} cases", cases.case.len());
    let mut failures = Vec::new();
    for case in &cases.case {
        let result = Classifier::builder().defaults(false).add_toml("case.toml", case.rules.as_str()).build();
        let err = match result {
            Ok(_) => {
                failures.push(format!("{}: loaded without error", case.name));
                continue;
            }
            Err(e) => e,
        };
        let mut problems = Vec::new();
        if kind_name(err.kind()) != case.kind {
            problems.push(format!("kind {:?}, want {}", err.kind(), case.kind));
        }
        if err.source_name() != Some("case.toml") {
            problems.push(format!("source {:?}", err.source_name()));
        }
        if err.rule() != case.rule.as_deref() {
            problems.push(format!("rule {:?}, want {:?}", err.rule(), case.rule));
        }
        if err.line() != Some(case.line) {
            problems.push(format!("line {:?}, want {}", err.line(), case.line));
        }
        if let Some(col) = case.column {
            if err.column() != Some(col) {
                problems.push(format!("column {:?}, want {col}", err.column()));
            }
        }
        if let Some(msg) = &case.message {
            if !err.to_string().contains(msg.as_str()) {
                problems.push(format!("message {:?} lacks {msg:?}", err.to_string()));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{}: {} (error: {err})", case.name, problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.case.len(), failures.join("\n"));
}
