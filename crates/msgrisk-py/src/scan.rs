//! `Match`: one piece of evidence, a rule that fired on a span of the
//! message, with the span in `str` indices.

use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::error::guard;

/// One piece of evidence: a rule that fired on a span of the message.
///
/// ``text[m.start:m.end]`` is the matched part of the message (indices of
/// the Python str, not bytes). ``trigger`` is what in the rule matched (the
/// phrase or pattern as written, or the near terms): rule text, never
/// message text. Immutable, comparable, picklable; ``repr()`` never shows
/// message text.
#[pyclass(frozen, eq, module = "msgrisk", name = "Match")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyMatch {
    rule: Arc<str>,
    category: Arc<str>,
    weight: f64,
    start: usize,
    end: usize,
    kind: &'static str,
    trigger: Arc<str>,
}

impl PyMatch {
    /// The core's match, with its byte span replaced by `str` indices.
    pub(crate) fn new(m: &msgrisk::Match, start: usize, end: usize) -> PyMatch {
        PyMatch {
            rule: m.rule.clone(),
            category: m.category.clone(),
            weight: m.weight,
            start,
            end,
            kind: m.kind.as_str(),
            trigger: m.trigger.clone(),
        }
    }

    pub(crate) fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("rule", &*self.rule)?;
        d.set_item("category", &*self.category)?;
        d.set_item("weight", self.weight)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("kind", self.kind)?;
        d.set_item("trigger", &*self.trigger)?;
        Ok(d)
    }

    /// The inverse of [`as_dict`](Self::as_dict), for unpickling.
    pub(crate) fn from_dict(d: &Bound<'_, PyDict>) -> PyResult<PyMatch> {
        let get =
            |key: &str| d.get_item(key)?.ok_or_else(|| PyValueError::new_err(format!("match state lacks {key:?}")));
        let kind: String = get("kind")?.extract()?;
        Ok(PyMatch {
            rule: Arc::from(get("rule")?.extract::<String>()?),
            category: Arc::from(get("category")?.extract::<String>()?),
            weight: get("weight")?.extract()?,
            start: get("start")?.extract()?,
            end: get("end")?.extract()?,
            kind: match kind.as_str() {
                "phrase" => "phrase",
                "pattern" => "pattern",
                "near" => "near",
                _ => return Err(PyValueError::new_err(format!("unknown match kind {kind:?}"))),
            },
            trigger: Arc::from(get("trigger")?.extract::<String>()?),
        })
    }
}

#[pymethods]
impl PyMatch {
    /// The id of the rule that fired.
    #[getter]
    fn rule(&self) -> &str {
        &self.rule
    }

    /// The rule's category, ``family.sub``.
    #[getter]
    fn category(&self) -> &str {
        &self.category
    }

    /// The rule's weight, in (0, 1].
    #[getter]
    fn weight(&self) -> f64 {
        self.weight
    }

    /// Start of the span: an index into the message str.
    #[getter]
    fn start(&self) -> usize {
        self.start
    }

    /// End (exclusive) of the span: an index into the message str.
    #[getter]
    fn end(&self) -> usize {
        self.end
    }

    /// How the rule matched: ``'phrase'``, ``'pattern'`` or ``'near'``.
    #[getter]
    fn kind(&self) -> &'static str {
        self.kind
    }

    /// What in the rule matched: rule text, never message text.
    #[getter]
    fn trigger(&self) -> &str {
        &self.trigger
    }

    /// The match as a dict of plain values (JSON-serializable).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(|| self.as_dict(py))
    }

    fn __repr__(&self) -> String {
        format!(
            "Match(rule='{}', category='{}', weight={:?}, start={}, end={}, kind='{}')",
            &*self.rule, &*self.category, self.weight, self.start, self.end, self.kind
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        guard(|| {
            let restore = py.import("msgrisk._msgrisk")?.getattr("_match_from_dict")?;
            PyTuple::new(py, [restore, PyTuple::new(py, [self.as_dict(py)?])?.into_any()])
        })
    }
}

/// Rebuilds a `Match` from its `to_dict()` (the pickle path).
#[pyfunction]
pub(crate) fn _match_from_dict(state: &Bound<'_, PyDict>) -> PyResult<PyMatch> {
    guard(|| PyMatch::from_dict(state))
}
