//! Messages across the boundary: a Python `str` in, read as UTF-8 in place;
//! spans out, from byte offsets into `str` indices.
//!
//! Python indexes a `str` by code point, the core reports byte offsets into
//! UTF-8. [`CharOffsets`] converts them in one forward walk over the
//! message, and not at all for ASCII. A `str` with a lone surrogate has no
//! UTF-8 form: it is refused with `InvalidTextError`, naming where.
//!
//! What this module does not do: any folding or matching (the core).

use pyo3::exceptions::{PyTypeError, PyUnicodeEncodeError};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::error::invalid_text;

/// The UTF-8 of a message, borrowed from the Python `str` (CPython keeps it
/// with the object). `index` is the item's place in a batch, for errors.
pub(crate) fn utf8<'a>(obj: &'a Bound<'_, PyAny>, index: Option<usize>) -> PyResult<&'a str> {
    let Ok(s) = obj.cast::<PyString>() else {
        let type_name = obj.get_type().name().map_or_else(|_| "?".to_string(), |n| n.to_string());
        return Err(PyTypeError::new_err(match index {
            Some(i) => format!("item {i} of the batch is {type_name}, not str; nothing was scored"),
            None => format!("the message must be str, not {type_name}"),
        }));
    };
    s.to_str().map_err(|e| {
        let py = obj.py();
        if e.is_instance_of::<PyUnicodeEncodeError>(py) {
            let position = e.value(py).getattr("start").and_then(|p| p.extract::<usize>()).ok();
            invalid_text(py, index, position)
        } else {
            e
        }
    })
}

/// Converts byte offsets into `text` to `str` indices (code points). Feed
/// it span starts in increasing order, as the core sorts matches: each call
/// then only walks the bytes since the previous one.
pub(crate) struct CharOffsets<'t> {
    text: &'t [u8],
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'t> CharOffsets<'t> {
    /// `upto` is the largest offset that will be asked for: the ASCII test
    /// reads no further.
    pub(crate) fn new(text: &'t str, upto: usize) -> CharOffsets<'t> {
        let text = text.as_bytes();
        CharOffsets { ascii: text[..upto.min(text.len())].is_ascii(), text, byte: 0, chars: 0 }
    }

    /// The `str` index of byte offset `start`, moving the walk forward.
    pub(crate) fn start(&mut self, start: usize) -> usize {
        if self.ascii {
            return start;
        }
        if start < self.byte {
            // Out of order: walk again from the beginning.
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += count_chars(&self.text[self.byte..start]);
        self.byte = start;
        self.chars
    }

    /// The `str` index of `end`, for a span that starts at the last
    /// [`start`](Self::start); the walk does not move.
    pub(crate) fn end(&self, end: usize) -> usize {
        if self.ascii {
            return end;
        }
        self.chars + count_chars(&self.text[self.byte..end])
    }
}

/// Code points in valid UTF-8: every byte that is not a continuation byte
/// (`10xxxxxx`) starts one. A plain filter-count, which the compiler
/// vectorizes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}
