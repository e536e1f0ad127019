//! `ExampleFailure`: a rule whose own `match` or `ignore` example fails,
//! as `Classifier.check_examples()` reports it.

use msgrisk::ExampleProblem;
use pyo3::prelude::*;

/// One failing rule example. ``str()`` gives a one-line report.
#[pyclass(frozen, module = "msgrisk", name = "ExampleFailure")]
pub(crate) struct PyExampleFailure {
    /// The rule set the rule came from.
    #[pyo3(get)]
    source: String,
    /// The rule id.
    #[pyo3(get)]
    rule: String,
    /// The line of the rule's id in its rule set.
    #[pyo3(get)]
    line: usize,
    /// ``'not_matched'`` (a ``match`` example did not fire), ``'matched'``
    /// (an ``ignore`` example fired) or ``'missing'`` (no ``match`` example).
    #[pyo3(get)]
    problem: &'static str,
    /// The example (rule-file text; empty for ``'missing'``).
    #[pyo3(get)]
    example: String,
    report: String,
}

impl From<msgrisk::ExampleFailure> for PyExampleFailure {
    fn from(f: msgrisk::ExampleFailure) -> PyExampleFailure {
        PyExampleFailure {
            report: f.to_string(),
            problem: match f.problem {
                ExampleProblem::NotMatched => "not_matched",
                ExampleProblem::Matched => "matched",
                ExampleProblem::Missing => "missing",
            },
            source: f.source,
            rule: f.rule,
            line: f.line,
            example: f.example,
        }
    }
}

#[pymethods]
impl PyExampleFailure {
    fn __str__(&self) -> &str {
        &self.report
    }

    fn __repr__(&self) -> String {
        format!("ExampleFailure(rule='{}', line={}, problem='{}')", self.rule, self.line, self.problem)
    }
}
