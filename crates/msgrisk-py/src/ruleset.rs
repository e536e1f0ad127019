//! `Rule`: a loaded rule as Python sees it (to list rules, or run their
//! examples), and level thresholds to and from a dict.

use msgrisk::Levels;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping};

/// One loaded rule: what it matches, its weight, and the examples it must
/// and must not fire on. Rule text only, never message text.
#[pyclass(frozen, module = "msgrisk", name = "Rule", get_all)]
pub(crate) struct PyRule {
    /// Unique id, ``[a-z0-9._-]``.
    id: String,
    /// ``family.sub``.
    category: String,
    /// The part of the category before the first dot.
    family: String,
    /// The weight of the evidence, in (0, 1].
    weight: f64,
    /// ``'en'``, ``'nl'`` or ``'any'``.
    lang: &'static str,
    /// What the rule catches, for people.
    description: Option<String>,
    /// Literal phrases, matched on word boundaries of the folded text.
    phrases: Vec<String>,
    /// Regular expressions, run on the folded text.
    patterns: Vec<String>,
    /// Co-occurrence clauses: (term groups, largest distance in words).
    near: Vec<(Vec<Vec<String>>, u32)>,
    /// Phrases that, anywhere in a message, stop the rule from firing.
    unless: Vec<String>,
    /// Messages the rule must fire on (its ``match`` examples).
    must_match: Vec<String>,
    /// Messages the rule must not fire on (its ``ignore`` examples).
    must_ignore: Vec<String>,
    /// The rule set it came from: a file path, ``<embedded:PATH>`` for a
    /// default rule set, or the name given to ``from_toml``.
    source: String,
}

impl PyRule {
    pub(crate) fn new(rule: &msgrisk::Rule, source: &str) -> PyRule {
        PyRule {
            id: rule.id.clone(),
            category: rule.category.clone(),
            family: rule.family().to_string(),
            weight: rule.weight,
            lang: rule.lang.as_str(),
            description: rule.description.clone(),
            phrases: rule.phrases.clone(),
            patterns: rule.patterns.clone(),
            near: rule.near.iter().map(|n| (n.groups.clone(), n.within)).collect(),
            unless: rule.unless.clone(),
            must_match: rule.must_match.clone(),
            must_ignore: rule.must_ignore.clone(),
            source: source.to_string(),
        }
    }
}

#[pymethods]
impl PyRule {
    fn __repr__(&self) -> String {
        format!("Rule(id='{}', category='{}', weight={:?}, lang='{}')", self.id, self.category, self.weight, self.lang)
    }
}

/// Level thresholds from a mapping with any of the keys ``low``,
/// ``medium`` and ``high`` (the others keep their defaults), checked as
/// the core checks a rule file's ``[levels]``.
pub(crate) fn levels_from_py(obj: &Bound<'_, PyAny>) -> PyResult<Levels> {
    let map = obj.cast::<PyMapping>().map_err(|_| {
        PyTypeError::new_err("levels must be a mapping such as {'low': 0.25, 'medium': 0.5, 'high': 0.8}")
    })?;
    let mut levels = Levels::default();
    for item in map.items()?.try_iter()? {
        let (key, value): (String, f64) = item?.extract()?;
        match key.as_str() {
            "low" => levels.low = value,
            "medium" => levels.medium = value,
            "high" => levels.high = value,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "unknown level {key:?}: the levels are 'low', 'medium' and 'high'"
                )))
            }
        }
    }
    let in_range = [levels.low, levels.medium, levels.high].iter().all(|v| (0.0..=1.0).contains(v));
    if !in_range || levels.low > levels.medium || levels.medium > levels.high {
        return Err(PyValueError::new_err(format!(
            "levels must lie in [0, 1] with low <= medium <= high (got low {}, medium {}, high {})",
            levels.low, levels.medium, levels.high
        )));
    }
    Ok(levels)
}

pub(crate) fn levels_to_py<'py>(py: Python<'py>, levels: Levels) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("low", levels.low)?;
    d.set_item("medium", levels.medium)?;
    d.set_item("high", levels.high)?;
    Ok(d)
}
