//! `Result`: the risk of one message, with the evidence behind it (the
//! core's [`msgrisk::Score`], spans in `str` indices).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

use msgrisk::Level;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::error::guard;
use crate::scan::PyMatch;
use crate::text::CharOffsets;

/// The risk of one message, with the evidence behind it.
///
/// - ``score``: overall risk in [0, 1] (noisy-OR of every family but
///   ``signal``);
/// - ``level``: ``'none'``, ``'low'``, ``'medium'`` or ``'high'``;
/// - ``categories`` / ``families``: score per category / family that has
///   evidence, signals included;
/// - ``matches``: the evidence, sorted by span (a list of :class:`Match`);
/// - ``ruleset_version``: ``name@version`` of every loaded rule set, joined
///   by ``+``: which rules made this decision.
///
/// Immutable, comparable, picklable. ``repr()`` never shows message text.
/// Each access to ``categories``, ``families`` or ``matches`` builds a new
/// dict or list.
#[pyclass(frozen, eq, module = "msgrisk", name = "Result")]
#[derive(PartialEq)]
pub(crate) struct PyScore {
    score: f64,
    level: Level,
    categories: BTreeMap<String, f64>,
    families: BTreeMap<String, f64>,
    matches: Vec<PyMatch>,
    ruleset_version: Arc<str>,
}

impl PyScore {
    /// The core's score of `text`, with spans turned into `str` indices.
    /// Needs no interpreter: batches build these on the worker threads.
    pub(crate) fn new(score: msgrisk::Score, text: &str) -> PyScore {
        let upto = score.matches.iter().map(|m| m.end).max().unwrap_or(0);
        let mut offsets = CharOffsets::new(text, upto);
        let matches = score
            .matches
            .iter()
            .map(|m| {
                let start = offsets.start(m.start);
                PyMatch::new(m, start, offsets.end(m.end))
            })
            .collect();
        PyScore {
            score: score.risk,
            level: score.level,
            categories: score.categories,
            families: score.families,
            matches,
            ruleset_version: score.ruleset_version,
        }
    }

    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("score", self.score)?;
        d.set_item("level", self.level.as_str())?;
        d.set_item("categories", float_dict(py, &self.categories)?)?;
        d.set_item("families", float_dict(py, &self.families)?)?;
        let matches = PyList::empty(py);
        for m in &self.matches {
            matches.append(m.as_dict(py)?)?;
        }
        d.set_item("matches", matches)?;
        d.set_item("ruleset_version", &*self.ruleset_version)?;
        Ok(d)
    }

    fn from_dict(d: &Bound<'_, PyDict>) -> PyResult<PyScore> {
        let get =
            |key: &str| d.get_item(key)?.ok_or_else(|| PyValueError::new_err(format!("result state lacks {key:?}")));
        let level: String = get("level")?.extract()?;
        let mut matches = Vec::new();
        for m in get("matches")?.try_iter()? {
            matches.push(PyMatch::from_dict(m?.cast::<PyDict>()?)?);
        }
        Ok(PyScore {
            score: get("score")?.extract()?,
            level: Level::parse(&level).ok_or_else(|| PyValueError::new_err(format!("unknown level {level:?}")))?,
            categories: get("categories")?.extract()?,
            families: get("families")?.extract()?,
            matches,
            ruleset_version: Arc::from(get("ruleset_version")?.extract::<String>()?),
        })
    }
}

#[pymethods]
impl PyScore {
    /// Overall risk in [0, 1].
    #[getter]
    fn score(&self) -> f64 {
        self.score
    }

    /// ``'none'``, ``'low'``, ``'medium'`` or ``'high'``.
    #[getter]
    fn level(&self) -> &'static str {
        self.level.as_str()
    }

    /// Score per category that has evidence (signals included).
    #[getter]
    fn categories<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(|| float_dict(py, &self.categories))
    }

    /// Score per family that has evidence (signals included).
    #[getter]
    fn families<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(|| float_dict(py, &self.families))
    }

    /// The evidence, sorted by span.
    #[getter]
    fn matches<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        guard(|| PyList::new(py, self.matches.iter().map(|m| Py::new(py, m.clone())).collect::<PyResult<Vec<_>>>()?))
    }

    /// ``name@version`` of every loaded rule set, joined by ``+``.
    #[getter]
    fn ruleset_version(&self) -> &str {
        &self.ruleset_version
    }

    /// The result as a dict of plain values (JSON-serializable), matches as
    /// dicts too.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(|| self.as_dict(py))
    }

    fn __repr__(&self) -> String {
        let mut categories = String::new();
        for (i, (name, score)) in self.categories.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let _ = write!(categories, "{sep}'{name}': {score:?}");
        }
        format!(
            "Result(score={:?}, level='{}', categories={{{categories}}}, matches={}, ruleset_version='{}')",
            self.score,
            self.level.as_str(),
            self.matches.len(),
            self.ruleset_version
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        guard(|| {
            let restore = py.import("msgrisk._msgrisk")?.getattr("_result_from_dict")?;
            PyTuple::new(py, [restore, PyTuple::new(py, [self.as_dict(py)?])?.into_any()])
        })
    }
}

fn float_dict<'py>(py: Python<'py>, map: &BTreeMap<String, f64>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in map {
        d.set_item(k, v)?;
    }
    Ok(d)
}

/// Rebuilds a `Result` from its `to_dict()` (the pickle path).
#[pyfunction]
pub(crate) fn _result_from_dict(state: &Bound<'_, PyDict>) -> PyResult<PyScore> {
    guard(|| PyScore::from_dict(state))
}
