//! Running every rule's own examples: messages it must match and near-misses
//! it must not.
//!
//! Each example is scored by the whole classifier (so `unless` phrases and
//! folding apply), and only the presence of the rule under test is checked.

use std::fmt;

use crate::classifier::Classifier;

/// What went wrong with one example.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExampleProblem {
    /// A `match` example did not make the rule fire.
    NotMatched,
    /// An `ignore` example made the rule fire.
    Matched,
    /// The rule has no `match` example at all.
    Missing,
}

/// One failing rule example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule-set source.
    pub source: String,
    /// The rule id.
    pub rule: String,
    /// The line of the rule's id.
    pub line: usize,
    /// What went wrong.
    pub problem: ExampleProblem,
    /// The example message (rule-file text, not user data).
    pub example: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.problem {
            ExampleProblem::NotMatched => "does not match its example",
            ExampleProblem::Matched => "fires on its ignore example",
            ExampleProblem::Missing => "has no match example",
        };
        write!(f, "{}:{} (rule {}): {} {:?}", self.source, self.line, self.rule, what, self.example)
    }
}

impl Classifier {
    /// Runs the `match` and `ignore` examples of every loaded rule; returns
    /// the failures (empty when all pass).
    pub fn check_examples(&self) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for rs in self.rulesets() {
            for rule in rs.rules() {
                let fail = |problem, example: &str| ExampleFailure {
                    source: rs.source().to_string(),
                    rule: rule.id.clone(),
                    line: rule.pos.line,
                    problem,
                    example: example.to_string(),
                };
                if rule.must_match.is_empty() {
                    failures.push(fail(ExampleProblem::Missing, ""));
                }
                for ex in &rule.must_match {
                    if !self.score(ex).matches.iter().any(|m| *m.rule == *rule.id) {
                        failures.push(fail(ExampleProblem::NotMatched, ex));
                    }
                }
                for ex in &rule.must_ignore {
                    if self.score(ex).matches.iter().any(|m| *m.rule == *rule.id) {
                        failures.push(fail(ExampleProblem::Matched, ex));
                    }
                }
            }
        }
        failures
    }
}
