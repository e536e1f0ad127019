//! The Python exceptions, the conversion from the core's [`msgrisk::Error`],
//! and the guard that keeps Rust panics from reaching Python.
//!
//! ```text
//! MsgriskError(Exception)
//! ├── RulesetError              .kind .path .rule .line .column
//! │   ├── RulesetReadError      also an OSError: the file could not be read
//! │   ├── RulesetSyntaxError    not TOML, a wrong type, a missing or unknown key
//! │   ├── DuplicateRuleError    two rules share an id
//! │   ├── InvalidRuleError      a bad id, weight, category, language, phrase or pattern
//! │   ├── RulesetTooLargeError  over a size limit
//! │   └── ExampleFailedError    a rule's own example failed
//! ├── InvalidTextError          also a ValueError: a message that is not valid text
//! └── InternalError             a bug in msgrisk (a Rust panic included)
//! ```
//!
//! Like the core's errors, none of these carries message text: they are
//! safe to log.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use msgrisk::ErrorKind;
use pyo3::exceptions::{PyException, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

pyo3::create_exception!(msgrisk, MsgriskError, PyException, "Base class of every error msgrisk raises.");
pyo3::create_exception!(
    msgrisk,
    RulesetError,
    MsgriskError,
    "A rule set could not be loaded or compiled.\n\n\
     Attributes: kind (the core's error kind, e.g. 'invalid_pattern'), path (the file, or \
     the name given to from_toml), rule (the rule id), line and column (from 1, column in \
     characters); each is None when not known."
);
pyo3::create_exception!(
    msgrisk,
    RulesetSyntaxError,
    RulesetError,
    "A rule file is not valid TOML, or has a wrong type, a missing key or an unknown key."
);
pyo3::create_exception!(
    msgrisk,
    DuplicateRuleError,
    RulesetError,
    "Two rules, in one file or across files, share an id."
);
pyo3::create_exception!(
    msgrisk,
    InvalidRuleError,
    RulesetError,
    "A rule has a bad id, weight, category, language, phrase or pattern, or matches nothing."
);
pyo3::create_exception!(
    msgrisk,
    RulesetTooLargeError,
    RulesetError,
    "A pattern, phrase list or rule set is over a size limit."
);
pyo3::create_exception!(
    msgrisk,
    ExampleFailedError,
    RulesetError,
    "A rule's `match` example did not match, or an `ignore` example did."
);
pyo3::create_exception!(
    msgrisk,
    InternalError,
    MsgriskError,
    "A failure inside msgrisk that should not happen (a Rust panic included); please report it."
);

/// The exception types with two bases, which `create_exception!` cannot
/// make: built once, when the module is first imported.
struct TwoBased {
    read_error: Py<PyType>,
    invalid_text: Py<PyType>,
}

static TWO_BASED: PyOnceLock<TwoBased> = PyOnceLock::new();

fn two_based(py: Python<'_>) -> PyResult<&TwoBased> {
    TWO_BASED.get_or_try_init(py, || {
        Ok(TwoBased {
            read_error: new_type(
                py,
                "RulesetReadError",
                "A rule file could not be read (it is also an OSError).",
                (py.get_type::<RulesetError>(), py.get_type::<PyOSError>()),
            )?,
            invalid_text: new_type(
                py,
                "InvalidTextError",
                "A message is not valid text: it holds a lone surrogate, which has no \
                 UTF-8 form (it is also a ValueError).\n\n\
                 Attributes: index (the item's place in a batch, None for one message) \
                 and position (the str index of the first lone surrogate).",
                (py.get_type::<MsgriskError>(), py.get_type::<PyValueError>()),
            )?,
        })
    })
}

fn new_type<'py>(
    py: Python<'py>,
    name: &str,
    doc: &str,
    bases: (Bound<'py, PyType>, Bound<'py, PyType>),
) -> PyResult<Py<PyType>> {
    let dict = PyDict::new(py);
    dict.set_item("__module__", "msgrisk")?;
    dict.set_item("__doc__", doc)?;
    let ty = py.get_type::<PyType>().call1((name, PyTuple::new(py, [bases.0, bases.1])?, dict))?;
    Ok(ty.cast_into::<PyType>()?.unbind())
}

/// Adds every exception type to the module, with `None` defaults for the
/// attributes, so that an instance a user raises by hand has them too.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("MsgriskError", py.get_type::<MsgriskError>())?;
    let ruleset = py.get_type::<RulesetError>();
    for attr in ["kind", "path", "rule", "line", "column"] {
        ruleset.setattr(attr, py.None())?;
    }
    m.add("RulesetError", ruleset)?;
    m.add("RulesetSyntaxError", py.get_type::<RulesetSyntaxError>())?;
    m.add("DuplicateRuleError", py.get_type::<DuplicateRuleError>())?;
    m.add("InvalidRuleError", py.get_type::<InvalidRuleError>())?;
    m.add("RulesetTooLargeError", py.get_type::<RulesetTooLargeError>())?;
    m.add("ExampleFailedError", py.get_type::<ExampleFailedError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    let two = two_based(py)?;
    m.add("RulesetReadError", two.read_error.bind(py))?;
    let invalid_text = two.invalid_text.bind(py);
    invalid_text.setattr("index", py.None())?;
    invalid_text.setattr("position", py.None())?;
    m.add("InvalidTextError", invalid_text)?;
    Ok(())
}

/// `ErrorKind` as a Python-friendly name. New kinds of the core fall to
/// `unknown` until they are named here.
fn kind_name(kind: &ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Io => "io",
        ErrorKind::Syntax => "syntax",
        ErrorKind::DuplicateId => "duplicate_id",
        ErrorKind::InvalidId => "invalid_id",
        ErrorKind::InvalidWeight => "invalid_weight",
        ErrorKind::InvalidCategory => "invalid_category",
        ErrorKind::InvalidLanguage => "invalid_language",
        ErrorKind::EmptyRule => "empty_rule",
        ErrorKind::InvalidPhrase => "invalid_phrase",
        ErrorKind::InvalidPattern => "invalid_pattern",
        ErrorKind::TooLarge => "too_large",
        ErrorKind::ExampleFailed => "example_failed",
        ErrorKind::InvalidInput => "invalid_input",
        ErrorKind::Internal => "internal",
        _ => "unknown",
    }
}

/// A core error on its way to Python: `?` turns it into the exception of
/// its kind, with the location as attributes.
pub(crate) struct CoreError(pub(crate) msgrisk::Error);

impl From<msgrisk::Error> for CoreError {
    fn from(e: msgrisk::Error) -> CoreError {
        CoreError(e)
    }
}

impl From<CoreError> for PyErr {
    fn from(CoreError(e): CoreError) -> PyErr {
        Python::attach(|py| to_pyerr(py, &e))
    }
}

fn to_pyerr(py: Python<'_>, e: &msgrisk::Error) -> PyErr {
    let text = e.to_string();
    let ty: Bound<'_, PyType> = match e.kind() {
        ErrorKind::Io => match two_based(py) {
            Ok(two) => two.read_error.bind(py).clone(),
            Err(err) => return err,
        },
        ErrorKind::Syntax => py.get_type::<RulesetSyntaxError>(),
        ErrorKind::DuplicateId => py.get_type::<DuplicateRuleError>(),
        ErrorKind::InvalidId
        | ErrorKind::InvalidWeight
        | ErrorKind::InvalidCategory
        | ErrorKind::InvalidLanguage
        | ErrorKind::EmptyRule
        | ErrorKind::InvalidPhrase
        | ErrorKind::InvalidPattern => py.get_type::<InvalidRuleError>(),
        ErrorKind::TooLarge => py.get_type::<RulesetTooLargeError>(),
        ErrorKind::ExampleFailed => py.get_type::<ExampleFailedError>(),
        ErrorKind::InvalidInput => match two_based(py) {
            Ok(two) => two.invalid_text.bind(py).clone(),
            Err(err) => return err,
        },
        ErrorKind::Internal => py.get_type::<InternalError>(),
        // A kind this binding does not know yet: a located one is about a
        // rule set, anything else is at least an msgrisk error.
        _ if e.location().is_some() => py.get_type::<RulesetError>(),
        _ => py.get_type::<MsgriskError>(),
    };
    let err = PyErr::from_type(ty, (text,));
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("kind", kind_name(e.kind()))?;
        if e.location().is_some() {
            value.setattr("path", e.source_name())?;
            value.setattr("rule", e.rule())?;
            value.setattr("line", e.line())?;
            value.setattr("column", e.column())?;
        }
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(other) => other,
    }
}

/// The error for a message that is not valid text: `index` is its place in
/// a batch, `position` the str index of its first lone surrogate.
pub(crate) fn invalid_text(py: Python<'_>, index: Option<usize>, position: Option<usize>) -> PyErr {
    let ty = match two_based(py) {
        Ok(two) => two.invalid_text.bind(py).clone(),
        Err(err) => return err,
    };
    let at = position.map_or(String::new(), |p| format!(" at index {p}"));
    let text = match index {
        Some(i) => format!(
            "item {i} of the batch holds a lone surrogate{at}; nothing was scored \
             (text.encode('utf-8', 'replace').decode() keeps the length and makes it valid)"
        ),
        None => format!(
            "the message holds a lone surrogate{at} \
             (text.encode('utf-8', 'replace').decode() keeps the length and makes it valid)"
        ),
    };
    let err = PyErr::from_type(ty, (text,));
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("index", index)?;
        value.setattr("position", position)?;
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(other) => other,
    }
}

/// Runs `f`, turning a Rust panic into `InternalError`: every entry point
/// of the module that handles messages goes through here, so no
/// `PanicException` reaches Python.
///
/// The panic message is passed on only when it is a fixed string: a
/// formatted one could quote a message (a failed slice does), and errors
/// must stay safe to log.
pub(crate) fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => Err(panicked(&*payload, false)),
    }
}

/// [`guard`] for code that handles rule sets only, never a message: the
/// panic message is passed on in full (it may name a rule file).
pub(crate) fn guard_rules<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => Err(panicked(&*payload, true)),
    }
}

fn panicked(payload: &(dyn Any + Send), formatted_too: bool) -> PyErr {
    let detail = match (payload.downcast_ref::<&'static str>(), payload.downcast_ref::<String>()) {
        (Some(s), _) => format!(": {s}"),
        (None, Some(s)) if formatted_too => format!(": {s}"),
        _ => String::new(),
    };
    InternalError::new_err(format!("msgrisk failed (a Rust panic{detail}); this is a bug, please report it"))
}
