//! `Classifier`: rule sets in, messages scored, one at a time or in
//! batches on all cores with the interpreter released.
//!
//! A `Classifier` is frozen (immutable after construction), so any number
//! of Python threads may share one. It pickles by its rule sources (whether
//! the defaults are in, the TOML text of every other rule set, the level
//! thresholds) and is compiled again on load, so it travels to
//! multiprocessing, Spark or Dask workers.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use msgrisk::{Classifier, Levels};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

use crate::error::{guard, guard_rules, CoreError, MsgriskError};
use crate::examples::PyExampleFailure;
use crate::ruleset::{levels_from_py, levels_to_py, PyRule};
use crate::score::PyScore;
use crate::text::utf8;

/// Scores chat messages against compiled rule sets.
///
/// ``Classifier()`` loads the embedded default rule sets; ``from_files``
/// and ``from_toml`` add rule sets of your own (to the defaults, unless
/// ``defaults=False``). ``levels`` overrides the level thresholds, e.g.
/// ``{'low': 0.2, 'medium': 0.5, 'high': 0.75}`` (keys left out keep their
/// defaults).
///
/// Immutable and safe to share across threads; picklable (by its rule
/// sources, compiled again on load: the default rule sets are those of the
/// msgrisk installed where it is loaded, and ``ruleset_version`` says which).
#[pyclass(frozen, module = "msgrisk", name = "Classifier")]
pub(crate) struct PyClassifier {
    /// Behind an `Arc` so that objects built on it (a conversation) can
    /// keep it alive without borrowing from this Python object.
    inner: Arc<Classifier>,
    /// Whether the embedded defaults were loaded: they are the first
    /// `n_defaults` rule sets, and are not pickled as text.
    defaults: bool,
    n_defaults: usize,
    /// Thresholds given by the caller (not those of a rule file).
    levels: Option<Levels>,
}

enum Source {
    File(PathBuf),
    Toml { name: String, text: String },
}

impl PyClassifier {
    /// The compiled classifier, shared: a conversation keeps it alive.
    pub(crate) fn shared(&self) -> Arc<Classifier> {
        Arc::clone(&self.inner)
    }

    fn build(py: Python<'_>, defaults: bool, sources: Vec<Source>, levels: Option<Levels>) -> PyResult<PyClassifier> {
        let added = sources.len();
        let built = guard_rules(|| {
            py.detach(|| {
                let mut builder = Classifier::builder().defaults(defaults);
                for source in sources {
                    builder = match source {
                        Source::File(path) => builder.add_file(path),
                        Source::Toml { name, text } => builder.add_toml(name, text),
                    };
                }
                if let Some(levels) = levels {
                    builder = builder.levels(levels);
                }
                builder.build()
            })
            .map_err(|e| CoreError(e).into())
        })?;
        Ok(PyClassifier { n_defaults: built.rulesets().len() - added, inner: Arc::new(built), defaults, levels })
    }
}

fn levels_arg(levels: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Levels>> {
    levels.filter(|l| !l.is_none()).map(levels_from_py).transpose()
}

/// One path (str or os.PathLike) or an iterable of them.
fn paths_arg(paths: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if paths.is_instance_of::<PyString>() || paths.hasattr("__fspath__")? {
        return Ok(vec![paths.extract()?]);
    }
    let iter = paths
        .try_iter()
        .map_err(|_| PyTypeError::new_err("paths must be a path (str or os.PathLike) or an iterable of paths"))?;
    iter.map(|p| p?.extract::<PathBuf>()).collect()
}

#[pymethods]
impl PyClassifier {
    #[new]
    #[pyo3(signature = (*, levels = None))]
    fn new(py: Python<'_>, levels: Option<&Bound<'_, PyAny>>) -> PyResult<PyClassifier> {
        PyClassifier::build(py, true, Vec::new(), levels_arg(levels)?)
    }

    /// A classifier with the rule files at ``paths`` (one path or an
    /// iterable of them), loaded after the embedded defaults unless
    /// ``defaults=False``. Raises ``RulesetError`` (a subclass of it) naming
    /// the file, rule, line and column of the first problem.
    #[staticmethod]
    #[pyo3(signature = (paths, *, defaults = true, levels = None))]
    fn from_files(
        py: Python<'_>,
        paths: &Bound<'_, PyAny>,
        defaults: bool,
        levels: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyClassifier> {
        let sources = paths_arg(paths)?.into_iter().map(Source::File).collect();
        PyClassifier::build(py, defaults, sources, levels_arg(levels)?)
    }

    /// A classifier with the rule set in ``text`` (TOML), loaded after the
    /// embedded defaults unless ``defaults=False``; ``name`` labels it in
    /// errors and in ``Rule.source``. Raises ``RulesetError`` (a subclass
    /// of it) naming the rule, line and column of the first problem.
    #[staticmethod]
    #[pyo3(signature = (text, *, defaults = true, name = "<string>", levels = None))]
    fn from_toml(
        py: Python<'_>,
        text: &str,
        defaults: bool,
        name: &str,
        levels: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyClassifier> {
        let source = Source::Toml { name: name.to_string(), text: text.to_string() };
        PyClassifier::build(py, defaults, vec![source], levels_arg(levels)?)
    }

    /// Scores one message.
    ///
    /// Raises ``TypeError`` if ``text`` is not a str, and
    /// ``InvalidTextError`` (a ``ValueError``) if it holds a lone surrogate.
    fn score(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyScore> {
        guard(|| {
            let text = utf8(text, None)?;
            Ok(py.detach(|| PyScore::new(self.inner.score(text), text)))
        })
    }

    /// Scores many messages, keeping their order; the result equals scoring
    /// them one by one.
    ///
    /// ``texts`` is any iterable of str. Every item is checked before any
    /// is scored: an item that is not a str raises ``TypeError``, one with a
    /// lone surrogate ``InvalidTextError`` (a ``ValueError``, with
    /// ``.index``); both name the item's index, and nothing is scored.
    ///
    /// The interpreter is released while scoring. ``threads=None`` uses
    /// every core (rayon's global pool; ``RAYON_NUM_THREADS`` sets its
    /// size); ``threads=n`` uses a pool of ``n`` threads, kept for later
    /// calls with the same ``n``; ``threads=1`` scores on the calling thread.
    #[pyo3(signature = (texts, *, threads = None))]
    fn score_batch(&self, py: Python<'_>, texts: &Bound<'_, PyAny>, threads: Option<i64>) -> PyResult<Vec<PyScore>> {
        guard(|| {
            let threads = match threads {
                None => None,
                Some(n) if n >= 1 => Some(usize::try_from(n).unwrap_or(usize::MAX)),
                Some(n) => {
                    return Err(PyValueError::new_err(format!(
                        "threads must be at least 1 (or None for every core), not {n}"
                    )))
                }
            };
            if texts.is_instance_of::<PyString>() {
                return Err(PyTypeError::new_err(
                    "score_batch takes an iterable of str, not one str; use score() for one message",
                ));
            }
            let mut items = Vec::with_capacity(texts.len().unwrap_or(0));
            for item in texts.try_iter()? {
                items.push(item?);
            }
            let texts =
                items.iter().enumerate().map(|(i, item)| utf8(item, Some(i))).collect::<PyResult<Vec<&str>>>()?;
            let pool = match threads {
                Some(n) if n > 1 => Some(pool(n)?),
                _ => None,
            };
            let classifier = &*self.inner;
            let one = |text: &&str| PyScore::new(classifier.score(text), text);
            Ok(py.detach(|| match (threads, pool) {
                (Some(1), _) => texts.iter().map(one).collect(),
                (_, Some(pool)) => pool.install(|| texts.par_iter().with_min_len(16).map(one).collect()),
                _ => texts.par_iter().with_min_len(16).map(one).collect(),
            }))
        })
    }

    /// A human-readable account of why ``text`` scores as it does. It
    /// quotes the matched parts of the message (spans there are in bytes
    /// of UTF-8): keep it out of logs.
    fn explain(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
        guard(|| {
            let text = utf8(text, None)?;
            Ok(py.detach(|| self.inner.explain(text).to_string()))
        })
    }

    /// Every loaded rule, in load order.
    fn rules(&self) -> PyResult<Vec<PyRule>> {
        guard_rules(|| {
            Ok(self
                .inner
                .rulesets()
                .iter()
                .flat_map(|rs| rs.rules().iter().map(|r| PyRule::new(r, rs.source())))
                .collect())
        })
    }

    /// Runs every loaded rule's own ``match`` and ``ignore`` examples;
    /// returns the failures (an empty list when all pass).
    fn check_examples(&self, py: Python<'_>) -> PyResult<Vec<PyExampleFailure>> {
        guard_rules(|| Ok(py.detach(|| self.inner.check_examples().into_iter().map(PyExampleFailure::from).collect())))
    }

    /// ``name@version`` of every loaded rule set, joined by ``+``; stamped
    /// on every result.
    #[getter]
    fn ruleset_version(&self) -> &str {
        self.inner.ruleset_version()
    }

    /// The level thresholds in force: ``{'low': .., 'medium': .., 'high': ..}``.
    #[getter]
    fn levels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(|| levels_to_py(py, self.inner.levels()))
    }

    fn __repr__(&self) -> String {
        format!("Classifier(ruleset_version='{}', rules={})", self.inner.ruleset_version(), self.inner.rules().count())
    }

    /// Immutable: a copy is the same object.
    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __deepcopy__(slf: Py<Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        guard(|| {
            let restore = py.import("msgrisk._msgrisk")?.getattr("_classifier_from_sources")?;
            let sources = PyList::empty(py);
            for rs in &self.inner.rulesets()[self.n_defaults..] {
                sources.append((rs.source(), rs.text()))?;
            }
            let levels = match self.levels {
                Some(l) => levels_to_py(py, l)?.into_any(),
                None => py.None().into_bound(py),
            };
            let args =
                PyTuple::new(py, [self.defaults.into_pyobject(py)?.to_owned().into_any(), sources.into_any(), levels])?;
            PyTuple::new(py, [restore, args.into_any()])
        })
    }
}

/// Rebuilds a `Classifier` from its rule sources (the pickle path).
#[pyfunction]
#[pyo3(signature = (defaults, sources, levels = None))]
pub(crate) fn _classifier_from_sources(
    py: Python<'_>,
    defaults: bool,
    sources: Vec<(String, String)>,
    levels: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyClassifier> {
    let sources = sources.into_iter().map(|(name, text)| Source::Toml { name, text }).collect();
    PyClassifier::build(py, defaults, sources, levels_arg(levels)?)
}

/// Thread pools by size, built on first use and kept: building one costs
/// thread spawns, far more than scoring a small batch.
pub(crate) fn pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    static POOLS: Mutex<BTreeMap<usize, Arc<rayon::ThreadPool>>> = Mutex::new(BTreeMap::new());
    let mut pools = POOLS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(pool) = pools.get(&threads) {
        return Ok(pool.clone());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(move |i| format!("msgrisk-{threads}-{i}"))
        .build()
        .map_err(|e| MsgriskError::new_err(format!("cannot start {threads} threads: {e}")))?;
    let pool = Arc::new(pool);
    pools.insert(threads, pool.clone());
    Ok(pool)
}
