//! The compiled half of the `msgrisk` Python package, `msgrisk._msgrisk`:
//! the core crate's classifier, results and errors as Python objects.
//!
//! The core knows nothing of Python; this crate mirrors it, one file per
//! core module it exposes:
//!
//! - `classifier`: `Classifier` (build, score, batches, pickling);
//! - `conversation`: `Conversation`, many messages over time, and its
//!   `Assessment` (with `Stage`, `AuthorRisk`, `Evidence`);
//! - `score`: `Result`, the risk of one message;
//! - `scan`: `Match`, one piece of evidence;
//! - `ruleset`: `Rule`, and level thresholds;
//! - `examples`: `ExampleFailure`;
//! - `error`: the exception hierarchy, and the guard that turns a Rust
//!   panic into `InternalError`;
//! - `text`: Python `str` to UTF-8 and byte offsets back to `str` indices.
//!
//! The Python side (`python/msgrisk/`) re-exports all of it, with the type
//! stub `_msgrisk.pyi`. Tests are in `tests/python/`.

#![forbid(unsafe_code)]

mod classifier;
mod conversation;
mod error;
mod examples;
mod ruleset;
mod scan;
mod score;
mod text;

use pyo3::prelude::*;
use rayon::prelude::*;

use crate::error::guard;

/// A test hook: panics inside the module (inside a thread pool when
/// `in_pool`; with a formatted `message` when one is given), to show that
/// the panic arrives as `InternalError` and without the message.
#[pyfunction]
#[pyo3(signature = (message = None, in_pool = false))]
fn _panic_for_tests(py: Python<'_>, message: Option<String>, in_pool: bool) -> PyResult<()> {
    guard(|| {
        let boom = move || match &message {
            Some(m) => panic!("{m}"),
            None => panic!("panic for tests"),
        };
        if in_pool {
            let pool = classifier::pool(2)?;
            py.detach(|| {
                pool.install(|| {
                    (0..64).into_par_iter().for_each(|i| {
                        if i == 63 {
                            boom()
                        }
                    })
                })
            });
            Ok(())
        } else {
            boom();
            Ok(())
        }
    })
}

/// Rust's default panic hook prints the panic's message to stderr, and a
/// formatted panic message could quote the text being scored. Every entry
/// point turns a panic into `InternalError`; the hook here prints only where
/// in the code it happened. This std is this module's own (a cdylib links its
/// own copy), so other Rust extensions in the process keep their hooks.
fn silence_panic_messages() {
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("msgrisk: internal error{at} (raised as msgrisk.InternalError; the panic message is withheld)");
    }));
}

/// Explainable risk scoring of chat messages (the compiled module; import
/// `msgrisk` instead).
#[pymodule]
fn _msgrisk(m: &Bound<'_, PyModule>) -> PyResult<()> {
    silence_panic_messages();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<classifier::PyClassifier>()?;
    m.add_class::<score::PyScore>()?;
    m.add_class::<scan::PyMatch>()?;
    m.add_class::<ruleset::PyRule>()?;
    m.add_class::<examples::PyExampleFailure>()?;
    m.add_class::<conversation::PyConversation>()?;
    m.add_class::<conversation::PyAssessment>()?;
    m.add_class::<conversation::PyStage>()?;
    m.add_class::<conversation::PyAuthorRisk>()?;
    m.add_class::<conversation::PyEvidence>()?;
    error::register(m)?;
    m.add_function(wrap_pyfunction!(classifier::_classifier_from_sources, m)?)?;
    m.add_function(wrap_pyfunction!(score::_result_from_dict, m)?)?;
    m.add_function(wrap_pyfunction!(scan::_match_from_dict, m)?)?;
    m.add_function(wrap_pyfunction!(conversation::_assessment_from_dict, m)?)?;
    m.add_function(wrap_pyfunction!(conversation::_author_risk_from_dict, m)?)?;
    m.add_function(wrap_pyfunction!(conversation::_stage_from_dict, m)?)?;
    m.add_function(wrap_pyfunction!(conversation::_evidence_from_dict, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    Ok(())
}
