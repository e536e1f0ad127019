//! `Conversation`: many messages, many authors, over time (the core's
//! [`msgrisk::Conversation`]); its `Assessment`, with `Stage`, `AuthorRisk`
//! and `Evidence`, spans in `str` indices.
//!
//! A conversation is state that changes with every message, and a Python
//! program may add to one from several threads. The core's conversation
//! lives behind a mutex, which is only ever taken with the interpreter
//! released: calls on one conversation are serialized, and a thread waiting
//! for the mutex never holds the interpreter that the thread inside needs
//! to finish. (The class is `frozen` in pyo3's sense only: no attribute can
//! be rebound, and the messages go through the mutex.)
//!
//! The core keeps no message text and reports evidence spans in bytes of
//! their message. A span's `str` indices can only be found while its
//! message is at hand, so they are found when the message is added and kept
//! for the evidence the conversation still holds: bounded, as the core's
//! state is.
//!
//! What this module does not do: weigh anything (the core's `conversation`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;

use msgrisk::{Level, Turn, MAX_AUTHORS, MAX_EVIDENCE};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType};

use crate::classifier::PyClassifier;
use crate::error::{guard, InternalError};
use crate::score::PyScore;
use crate::text::{utf8, CharOffsets};

/// A number time from this value on is read as milliseconds (JavaScript's
/// `Date.now()`), as the msgrisk command reads it.
const MILLIS_FROM: f64 = 1e11;

/// Number times this large (either sign) are refused, as by the command.
const TIME_LIMIT: f64 = 9e15;

/// A piece of evidence's span: (message, byte start, byte end).
type SpanKey = (usize, usize, usize);

/// The core's conversation, and the `str` spans of the evidence it holds.
struct State {
    conversation: msgrisk::Conversation<'static>,
    spans: HashMap<SpanKey, (usize, usize)>,
    /// `push` clears spans no longer needed once there are more than this.
    span_limit: usize,
}

impl State {
    fn push(&mut self, author: Option<&str>, text: &str, time: Option<i64>) -> msgrisk::Score {
        let message = self.conversation.len();
        let score = self.conversation.push(author, text, time);
        let spans: Vec<(usize, usize)> = score.matches.iter().map(|m| (m.start, m.end)).collect();
        self.record(message, text, &spans);
        if self.spans.len() > self.span_limit {
            let assessment = self.conversation.assessment();
            self.prune(&assessment);
        }
        score
    }

    /// Adds `turns` at once (scored in parallel), keeping the `str` spans of
    /// the evidence that remains: the only evidence of these messages that
    /// any later assessment can hold.
    fn add_all(&mut self, turns: &[Turn<'_>]) -> PyResult<PyAssessment> {
        let first = self.conversation.len();
        let assessment = self.conversation.add_all(turns.iter().copied());
        for e in evidence_of(&assessment) {
            if e.message >= first && !self.spans.contains_key(&key(e)) {
                if let Some(turn) = turns.get(e.message - first) {
                    self.record(e.message, turn.text, &[(e.start, e.end)]);
                }
            }
        }
        self.prune(&assessment);
        PyAssessment::new(&assessment, &self.spans)
    }

    fn assessment(&mut self) -> PyResult<PyAssessment> {
        let assessment = self.conversation.assessment();
        self.prune(&assessment);
        PyAssessment::new(&assessment, &self.spans)
    }

    /// Keeps the `str` indices of byte `spans` (sorted by start) of `text`.
    fn record(&mut self, message: usize, text: &str, spans: &[(usize, usize)]) {
        let upto = spans.iter().map(|s| s.1).max().unwrap_or(0);
        let mut offsets = CharOffsets::new(text, upto);
        for &(start, end) in spans {
            let s = offsets.start(start);
            self.spans.insert((message, start, end), (s, offsets.end(end)));
        }
    }

    /// Forgets the spans `assessment` does not hold: evidence that left the
    /// conversation's strongest never comes back.
    fn prune(&mut self, assessment: &msgrisk::Assessment) {
        let keep: HashSet<SpanKey> = evidence_of(assessment).map(key).collect();
        self.spans.retain(|k, _| keep.contains(k));
    }
}

/// Every piece of evidence an assessment holds: the strongest, and each
/// author's minor signal.
fn evidence_of(a: &msgrisk::Assessment) -> impl Iterator<Item = &msgrisk::Evidence> {
    a.evidence.iter().chain(a.authors.iter().filter_map(|r| r.minor_evidence.as_ref()))
}

fn key(e: &msgrisk::Evidence) -> SpanKey {
    (e.message, e.start, e.end)
}

/// A conversation being read, message by message, with its running
/// :class:`Assessment`: the risk of the conversation, the stages seen and
/// when, the author the evidence points at, the author whose messages signal
/// a minor, and the strongest evidence.
///
/// ``add(text, author=None, time=None)`` scores one message and returns
/// its :class:`Result` and the assessment after it; ``push`` returns the
/// result only (read ``score``, ``peak_score`` or ``assessment`` when
/// needed); ``add_all`` adds many at once, scored in parallel, with the same
/// outcome as one by one.
///
/// - ``author``: a str, or None when unknown (as is an empty name). Without
///   authors, messages are one unattributed stream.
/// - ``time``: seconds since the Unix epoch (int or float, fractions
///   dropped; a number of 100 billion or more is read as milliseconds, as
///   JavaScript's ``Date.now()`` gives and as the msgrisk command reads it),
///   or a ``datetime`` (one without a time zone is taken as UTC), or None.
///   Only differences between the times of one conversation matter; evidence
///   fades with time as well as with messages.
///
/// ``half_life_messages`` and ``half_life_seconds`` set how fast evidence
/// fades (``math.inf``: not at all; values below 1 count as 1);
/// ``max_evidence`` how many pieces of evidence the assessment keeps (at
/// most 1024).
///
/// The conversation keeps no message text, and its memory is bounded
/// whatever its length. One conversation may be shared by Python threads:
/// their calls are serialized, the interpreter released while scoring.
/// ``len(conversation)`` is the number of messages added. A conversation
/// cannot be pickled (it keeps no messages to replay; raises ``TypeError``):
/// pickle its classifier and messages, or the assessment. ``copy.copy``
/// gives an independent conversation in the same state.
#[pyclass(frozen, module = "msgrisk", name = "Conversation")]
pub(crate) struct PyConversation {
    classifier: Py<PyClassifier>,
    state: Mutex<State>,
}

impl PyConversation {
    /// Runs `f` on the state with the interpreter released, so that a
    /// thread waiting for the mutex does not hold it.
    fn with_state<T: Send>(&self, py: Python<'_>, f: impl FnOnce(&mut State) -> PyResult<T> + Send) -> PyResult<T> {
        py.detach(|| {
            let mut state = self.state.lock().map_err(|_| {
                InternalError::new_err(
                    "this conversation is unusable after an earlier failure inside msgrisk \
                     (a Rust panic); this is a bug, please report it",
                )
            })?;
            f(&mut state)
        })
    }
}

#[pymethods]
impl PyConversation {
    #[new]
    #[pyo3(signature = (classifier, *, half_life_messages = None, half_life_seconds = None, max_evidence = None))]
    fn new(
        classifier: Bound<'_, PyClassifier>,
        half_life_messages: Option<f64>,
        half_life_seconds: Option<f64>,
        max_evidence: Option<i64>,
    ) -> PyResult<PyConversation> {
        let mut conversation = msgrisk::Conversation::from_arc(classifier.get().shared());
        if let Some(h) = half_life_messages {
            conversation = conversation.half_life_messages(h);
        }
        if let Some(h) = half_life_seconds {
            conversation = conversation.half_life_seconds(h);
        }
        let mut kept = msgrisk::DEFAULT_MAX_EVIDENCE;
        if let Some(n) = max_evidence {
            let n = usize::try_from(n)
                .map_err(|_| PyValueError::new_err(format!("max_evidence must be at least 0, not {n}")))?;
            kept = n.min(MAX_EVIDENCE);
            conversation = conversation.max_evidence(kept);
        }
        let state = State { conversation, spans: HashMap::new(), span_limit: 2 * (kept + MAX_AUTHORS + 1) + 64 };
        Ok(PyConversation { classifier: classifier.unbind(), state: Mutex::new(state) })
    }

    /// Adds one message; returns its own :class:`Result` and the
    /// :class:`Assessment` of the conversation after it.
    ///
    /// Raises ``TypeError`` if ``text`` is not a str, ``author`` not a str
    /// or None, or ``time`` not a number, a ``datetime`` or None;
    /// ``InvalidTextError`` if ``text`` holds a lone surrogate, and
    /// ``ValueError`` for a time out of range. Nothing is added then.
    #[pyo3(signature = (text, author = None, time = None))]
    fn add(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        author: Option<&Bound<'_, PyAny>>,
        time: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<(PyScore, PyAssessment)> {
        guard(|| {
            let text = utf8(text, None)?;
            let author = author_arg(author, None)?;
            let time = time_arg(time, None)?;
            self.with_state(py, |state| {
                let score = state.push(author, text, time);
                let assessment = state.assessment()?;
                Ok((PyScore::new(score, text), assessment))
            })
        })
    }

    /// Adds one message and returns its own :class:`Result` only, without
    /// building the assessment; the conversation ends up the same as with
    /// ``add``. Arguments and errors as for ``add``.
    #[pyo3(signature = (text, author = None, time = None))]
    fn push(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        author: Option<&Bound<'_, PyAny>>,
        time: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyScore> {
        guard(|| {
            let text = utf8(text, None)?;
            let author = author_arg(author, None)?;
            let time = time_arg(time, None)?;
            self.with_state(py, |state| Ok(PyScore::new(state.push(author, text, time), text)))
        })
    }

    /// Adds many messages, in order, and returns the assessment after the
    /// last; the same as adding them one by one, but scored in parallel
    /// with the interpreter released.
    ///
    /// ``messages`` is any iterable whose items are each a str (the text,
    /// no author), a tuple ``(author, text)`` or ``(author, text, time)``,
    /// or a mapping with ``'text'`` and optional ``'author'`` and ``'time'``
    /// (other keys are ignored: a line of ``msgrisk scan --conversations``
    /// input fits). Every item is checked before any is added: a bad one
    /// raises ``TypeError``, ``ValueError`` or ``InvalidTextError`` naming
    /// its index, and the conversation is left as it was.
    fn add_all(&self, py: Python<'_>, messages: &Bound<'_, PyAny>) -> PyResult<PyAssessment> {
        guard(|| {
            let items = items_arg(messages)?;
            let turns = items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    Ok(Turn::new(author_arg(item.author.as_ref(), Some(i))?, utf8(&item.text, Some(i))?, item.time))
                })
                .collect::<PyResult<Vec<Turn<'_>>>>()?;
            self.with_state(py, |state| state.add_all(&turns))
        })
    }

    /// The assessment of ``messages`` read as one conversation by
    /// ``classifier``: ``Conversation(classifier).add_all(messages)``.
    #[staticmethod]
    fn assess_all(
        py: Python<'_>,
        classifier: Bound<'_, PyClassifier>,
        messages: &Bound<'_, PyAny>,
    ) -> PyResult<PyAssessment> {
        PyConversation::new(classifier, None, None, None)?.add_all(py, messages)
    }

    /// The assessment after the messages added so far (built anew on each
    /// access).
    #[getter]
    fn assessment(&self, py: Python<'_>) -> PyResult<PyAssessment> {
        guard(|| self.with_state(py, |state| state.assessment()))
    }

    /// The risk now, in [0, 1], without building the assessment.
    #[getter]
    fn score(&self, py: Python<'_>) -> PyResult<f64> {
        self.with_state(py, |state| Ok(state.conversation.risk()))
    }

    /// The highest risk reached so far, without building the assessment.
    #[getter]
    fn peak_score(&self, py: Python<'_>) -> PyResult<f64> {
        self.with_state(py, |state| Ok(state.conversation.peak_risk()))
    }

    /// The classifier the messages are scored with.
    #[getter]
    fn classifier(&self, py: Python<'_>) -> Py<PyClassifier> {
        self.classifier.clone_ref(py)
    }

    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        self.with_state(py, |state| Ok(state.conversation.len()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.with_state(py, |state| {
            let c = &state.conversation;
            Ok(format!(
                "Conversation(messages={}, score={:?}, peak_score={:?}, ruleset_version='{}')",
                c.len(),
                c.risk(),
                c.peak_risk(),
                c.classifier().ruleset_version()
            ))
        })
    }

    /// An independent conversation in the same state (sharing the
    /// immutable classifier).
    fn __copy__(&self, py: Python<'_>) -> PyResult<PyConversation> {
        let state = self.with_state(py, |state| {
            Ok(State {
                conversation: state.conversation.clone(),
                spans: state.spans.clone(),
                span_limit: state.span_limit,
            })
        })?;
        Ok(PyConversation { classifier: self.classifier.clone_ref(py), state: Mutex::new(state) })
    }

    fn __deepcopy__(&self, py: Python<'_>, _memo: &Bound<'_, PyAny>) -> PyResult<PyConversation> {
        self.__copy__(py)
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "a Conversation cannot be pickled: it keeps no messages to replay; pickle its \
             classifier and the messages (and add them again), or the Assessment",
        ))
    }
}

/// One item of `add_all`, its parts still Python objects (the text is
/// borrowed from its `str` once every item is read).
struct Item<'py> {
    author: Option<Bound<'py, PyAny>>,
    text: Bound<'py, PyAny>,
    time: Option<i64>,
}

fn items_arg<'py>(messages: &Bound<'py, PyAny>) -> PyResult<Vec<Item<'py>>> {
    if messages.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "add_all takes an iterable of messages, not one str; use add() for one message",
        ));
    }
    let mut items = Vec::with_capacity(messages.len().unwrap_or(0));
    for (i, item) in messages.try_iter()?.enumerate() {
        items.push(item_arg(item?, i)?);
    }
    Ok(items)
}

fn item_arg<'py>(item: Bound<'py, PyAny>, i: usize) -> PyResult<Item<'py>> {
    if item.is_instance_of::<PyString>() {
        return Ok(Item { author: None, text: item, time: None });
    }
    let shape = || {
        let type_name = item.get_type().name().map_or_else(|_| "?".to_string(), |n| n.to_string());
        PyTypeError::new_err(format!(
            "item {i} of the messages is {type_name}: give a str, a tuple (author, text) or \
             (author, text, time), or a dict with 'text' and optional 'author' and 'time'; \
             nothing was added"
        ))
    };
    if item.is_instance_of::<PyTuple>() || item.is_instance_of::<PyList>() {
        let n = item.len()?;
        if n != 2 && n != 3 {
            return Err(shape());
        }
        let time = if n == 3 { time_arg(Some(&item.get_item(2)?), Some(i))? } else { None };
        return Ok(Item { author: Some(item.get_item(0)?), text: item.get_item(1)?, time });
    }
    let Ok(map) = item.cast::<PyMapping>() else {
        return Err(shape());
    };
    let get = |key: &str| -> PyResult<Option<Bound<'py, PyAny>>> {
        if map.contains(key)? {
            Ok(Some(map.get_item(key)?))
        } else {
            Ok(None)
        }
    };
    let Some(text) = get("text")? else {
        return Err(PyValueError::new_err(format!("item {i} of the messages has no 'text'; nothing was added")));
    };
    let time = time_arg(get("time")?.as_ref(), Some(i))?;
    Ok(Item { author: get("author")?, text, time })
}

/// `index`: the item's place in `add_all`, for errors.
fn at(index: Option<usize>) -> String {
    index.map_or(String::new(), |i| format!("item {i} of the messages: "))
}

fn author_arg<'a>(author: Option<&'a Bound<'_, PyAny>>, index: Option<usize>) -> PyResult<Option<&'a str>> {
    let Some(author) = author.filter(|a| !a.is_none()) else {
        return Ok(None);
    };
    let Ok(s) = author.cast::<PyString>() else {
        let type_name = author.get_type().name().map_or_else(|_| "?".to_string(), |n| n.to_string());
        return Err(PyTypeError::new_err(format!("{}the author must be str or None, not {type_name}", at(index))));
    };
    s.to_str().map(Some).map_err(|_| PyValueError::new_err(format!("{}the author holds a lone surrogate", at(index))))
}

/// Seconds from a number (seconds, or milliseconds from 100 billion on)
/// or a `datetime` (UTC when naive).
fn time_arg(time: Option<&Bound<'_, PyAny>>, index: Option<usize>) -> PyResult<Option<i64>> {
    let Some(time) = time.filter(|t| !t.is_none()) else {
        return Ok(None);
    };
    let py = time.py();
    let out_of_range = || PyValueError::new_err(format!("{}time {time} is out of range", at(index)));
    let wrong_type = || {
        let type_name = time.get_type().name().map_or_else(|_| "?".to_string(), |n| n.to_string());
        PyTypeError::new_err(format!(
            "{}time must be seconds since the epoch (int or float), a datetime, or None; not {type_name}",
            at(index)
        ))
    };
    if time.is_instance_of::<PyBool>() {
        // An int to Python, but never a time.
        return Err(wrong_type());
    }
    if time.is_instance_of::<PyInt>() || (!time.is_instance_of::<PyFloat>() && time.hasattr("__index__")?) {
        // Through i64, not f64: exact up to the limit.
        let x: i64 = time.extract().map_err(|_| out_of_range())?;
        let size = x.unsigned_abs() as f64;
        if size >= TIME_LIMIT {
            return Err(out_of_range());
        }
        return Ok(Some(if size >= MILLIS_FROM { x.div_euclid(1000) } else { x }));
    }
    if time.is_instance(datetime(py)?.as_any())? {
        let aware = if time.call_method0("utcoffset")?.is_none() {
            let kwargs = PyDict::new(py);
            kwargs.set_item("tzinfo", py.import("datetime")?.getattr("timezone")?.getattr("utc")?)?;
            time.call_method("replace", (), Some(&kwargs))?
        } else {
            time.clone()
        };
        let seconds: f64 = aware.call_method0("timestamp")?.extract()?;
        return Ok(Some(seconds.floor() as i64));
    }
    if !time.is_instance_of::<PyFloat>() && !time.hasattr("__float__")? {
        return Err(wrong_type());
    }
    let x: f64 = time.extract()?;
    if !x.is_finite() || x.abs() >= TIME_LIMIT {
        return Err(out_of_range());
    }
    let seconds = if x.abs() >= MILLIS_FROM { x / 1000.0 } else { x };
    Ok(Some(seconds.floor() as i64))
}

static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn datetime(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DATETIME.import(py, "datetime", "datetime")
}

/// One piece of evidence the conversation weighed: a rule that fired in a
/// message.
///
/// ``message`` is the message's index (from 0) in the conversation, and
/// ``text[start:end]`` the matched part of that message's text (indices of
/// the Python str). ``strength`` is the weight as the conversation counted
/// it when the message came: raised when another author had signalled a
/// minor. Immutable, comparable, picklable; ``repr()`` never shows message
/// text.
#[pyclass(frozen, eq, module = "msgrisk", name = "Evidence", get_all)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyEvidence {
    /// The index (from 0) of the message in the conversation.
    message: usize,
    /// The message's author (None: unattributed).
    author: Option<String>,
    /// The id of the rule that fired.
    rule: String,
    /// The rule's category, ``family.sub``.
    category: String,
    /// The rule's weight, in (0, 1].
    weight: f64,
    /// The weight as the conversation counted it.
    strength: f64,
    /// Start of the span: an index into the message str.
    start: usize,
    /// End (exclusive) of the span: an index into the message str.
    end: usize,
}

impl PyEvidence {
    fn new(e: &msgrisk::Evidence, spans: &HashMap<SpanKey, (usize, usize)>) -> PyResult<PyEvidence> {
        let &(start, end) = spans.get(&key(e)).ok_or_else(|| {
            InternalError::new_err("msgrisk lost the span of a piece of evidence; this is a bug, please report it")
        })?;
        Ok(PyEvidence {
            message: e.message,
            author: e.author.as_deref().map(str::to_string),
            rule: e.rule.to_string(),
            category: e.category.to_string(),
            weight: e.weight,
            strength: e.strength,
            start,
            end,
        })
    }

    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("message", self.message)?;
        d.set_item("author", &self.author)?;
        d.set_item("rule", &self.rule)?;
        d.set_item("category", &self.category)?;
        d.set_item("weight", self.weight)?;
        d.set_item("strength", self.strength)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        Ok(d)
    }

    fn from_dict(d: &Bound<'_, PyDict>) -> PyResult<PyEvidence> {
        let get = getter(d, "evidence");
        Ok(PyEvidence {
            message: get("message")?.extract()?,
            author: get("author")?.extract()?,
            rule: get("rule")?.extract()?,
            category: get("category")?.extract()?,
            weight: get("weight")?.extract()?,
            strength: get("strength")?.extract()?,
            start: get("start")?.extract()?,
            end: get("end")?.extract()?,
        })
    }
}

#[pymethods]
impl PyEvidence {
    /// The evidence as a dict of plain values (JSON-serializable).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(|| self.as_dict(py))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Evidence(rule='{}', category='{}', message={}, author={}, weight={:?}, strength={:?}, start={}, end={})",
            self.rule,
            self.category,
            self.message,
            author_repr(py, self.author.as_deref())?,
            self.weight,
            self.strength,
            self.start,
            self.end
        ))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(py, "_evidence_from_dict", self.as_dict(py)?)
    }
}

/// A grooming, recruitment or sextortion category the conversation showed,
/// and when it first did: ``first_message`` is the index (from 0) of the
/// first message that showed it, ``author`` that message's author (None:
/// unattributed), ``messages`` how many messages showed it. Immutable,
/// comparable, picklable.
#[pyclass(frozen, eq, module = "msgrisk", name = "Stage", get_all)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyStage {
    /// The category, such as ``'grooming.secrecy'``.
    category: String,
    /// The index (from 0) of the first message that showed it.
    first_message: usize,
    /// That message's author (None: unattributed).
    author: Option<String>,
    /// How many messages showed it.
    messages: usize,
}

impl PyStage {
    fn new(s: &msgrisk::Stage) -> PyStage {
        PyStage {
            category: s.category.to_string(),
            first_message: s.first_message,
            author: s.author.as_deref().map(str::to_string),
            messages: s.messages,
        }
    }

    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("category", &self.category)?;
        d.set_item("first_message", self.first_message)?;
        d.set_item("author", &self.author)?;
        d.set_item("messages", self.messages)?;
        Ok(d)
    }

    fn from_dict(d: &Bound<'_, PyDict>) -> PyResult<PyStage> {
        let get = getter(d, "stage");
        Ok(PyStage {
            category: get("category")?.extract()?,
            first_message: get("first_message")?.extract()?,
            author: get("author")?.extract()?,
            messages: get("messages")?.extract()?,
        })
    }
}

#[pymethods]
impl PyStage {
    /// The stage as a dict of plain values (JSON-serializable).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(|| self.as_dict(py))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Stage(category='{}', first_message={}, author={}, messages={})",
            self.category,
            self.first_message,
            author_repr(py, self.author.as_deref())?,
            self.messages
        ))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(py, "_stage_from_dict", self.as_dict(py)?)
    }
}

/// What the conversation knows about one author (``author`` None: the
/// unattributed messages).
///
/// ``score`` and ``level``: the risk of their moves now; ``peak_score``:
/// the highest it reached; ``families`` and ``categories``: per family and
/// per category, after fading and context; ``minor_signal``: the strongest
/// ``signal.minor_age`` score of their messages (0 if none), with
/// ``minor_evidence`` behind it. Immutable, comparable, picklable.
#[pyclass(frozen, eq, module = "msgrisk", name = "AuthorRisk", get_all)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyAuthorRisk {
    /// The author (None: unattributed messages).
    author: Option<String>,
    /// How many messages they wrote.
    messages: usize,
    /// The index of their first message.
    first_message: usize,
    /// The risk of their moves now, in [0, 1].
    score: f64,
    /// The level that risk reaches.
    level: &'static str,
    /// The highest risk their moves have reached.
    peak_score: f64,
    /// Score per risk family of their moves now.
    families: BTreeMap<String, f64>,
    /// Strength per category of their moves now, after fading and context.
    categories: BTreeMap<String, f64>,
    /// The strongest ``signal.minor_age`` score of their messages (0 if none).
    minor_signal: f64,
    /// The evidence behind ``minor_signal``.
    minor_evidence: Option<PyEvidence>,
}

impl PyAuthorRisk {
    fn new(r: &msgrisk::AuthorRisk, spans: &HashMap<SpanKey, (usize, usize)>) -> PyResult<PyAuthorRisk> {
        Ok(PyAuthorRisk {
            author: r.author.as_deref().map(str::to_string),
            messages: r.messages,
            first_message: r.first_message,
            score: r.risk,
            level: r.level.as_str(),
            peak_score: r.peak_risk,
            families: r.families.clone(),
            categories: r.categories.clone(),
            minor_signal: r.minor_signal,
            minor_evidence: r.minor_evidence.as_ref().map(|e| PyEvidence::new(e, spans)).transpose()?,
        })
    }

    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("author", &self.author)?;
        d.set_item("messages", self.messages)?;
        d.set_item("first_message", self.first_message)?;
        d.set_item("score", self.score)?;
        d.set_item("level", self.level)?;
        d.set_item("peak_score", self.peak_score)?;
        d.set_item("families", &self.families)?;
        d.set_item("categories", &self.categories)?;
        d.set_item("minor_signal", self.minor_signal)?;
        match &self.minor_evidence {
            Some(e) => d.set_item("minor_evidence", e.as_dict(py)?)?,
            None => d.set_item("minor_evidence", py.None())?,
        }
        Ok(d)
    }

    fn from_dict(d: &Bound<'_, PyDict>) -> PyResult<PyAuthorRisk> {
        let get = getter(d, "author risk");
        let minor_evidence = get("minor_evidence")?;
        Ok(PyAuthorRisk {
            author: get("author")?.extract()?,
            messages: get("messages")?.extract()?,
            first_message: get("first_message")?.extract()?,
            score: get("score")?.extract()?,
            level: level_arg(&get("level")?)?,
            peak_score: get("peak_score")?.extract()?,
            families: get("families")?.extract()?,
            categories: get("categories")?.extract()?,
            minor_signal: get("minor_signal")?.extract()?,
            minor_evidence: if minor_evidence.is_none() {
                None
            } else {
                Some(PyEvidence::from_dict(minor_evidence.cast::<PyDict>()?)?)
            },
        })
    }
}

#[pymethods]
impl PyAuthorRisk {
    /// The author's risk as a dict of plain values (JSON-serializable).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(|| self.as_dict(py))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "AuthorRisk(author={}, messages={}, score={:?}, level='{}', peak_score={:?}, minor_signal={:?})",
            author_repr(py, self.author.as_deref())?,
            self.messages,
            self.score,
            self.level,
            self.peak_score,
            self.minor_signal
        ))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(py, "_author_risk_from_dict", self.as_dict(py)?)
    }
}

/// The state of a conversation after some messages.
///
/// - ``messages``: how many were read;
/// - ``score`` and ``level``: the risk now (the highest author risk);
///   ``peak_score``, ``peak_level`` and ``peak_message``: the highest risk
///   so far and the index of the message after which it was first reached
///   (a conversation that crossed a threshold once stays flagged);
/// - ``families``: score per risk family now (the highest over authors);
/// - ``stages``: the categories seen (signals excluded), in order of first
///   message (a list of :class:`Stage`);
/// - ``authors``: a dict from author (None: unattributed) to
///   :class:`AuthorRisk`, in order of first message;
/// - ``suspect``: the author the evidence points at (the highest peak
///   risk), ``minor_author``: the author whose messages signal a minor most
///   strongly; each an :class:`AuthorRisk`, or None;
/// - ``evidence``: the strongest pieces of evidence, strongest first, one
///   per rule (a list of :class:`Evidence`);
/// - ``ruleset_version``: the rule sets that scored the messages.
///
/// Immutable, comparable, picklable. ``repr()`` never shows message text.
/// Each access to a dict or list attribute builds a new one.
#[pyclass(frozen, eq, module = "msgrisk", name = "Assessment")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyAssessment {
    /// How many messages were read.
    #[pyo3(get)]
    messages: usize,
    /// The risk now, in [0, 1]: the highest author risk.
    #[pyo3(get)]
    score: f64,
    /// The level the risk reaches now.
    #[pyo3(get)]
    level: &'static str,
    /// The highest risk reached so far.
    #[pyo3(get)]
    peak_score: f64,
    /// The level the peak risk reaches.
    #[pyo3(get)]
    peak_level: &'static str,
    /// The index of the message after which the peak was first reached.
    #[pyo3(get)]
    peak_message: Option<usize>,
    /// Score per risk family now (the highest over authors).
    #[pyo3(get)]
    families: BTreeMap<String, f64>,
    /// The categories seen (signals excluded), in order of first message.
    #[pyo3(get)]
    stages: Vec<PyStage>,
    authors: Vec<PyAuthorRisk>,
    /// The strongest evidence, strongest first, one per rule.
    #[pyo3(get)]
    evidence: Vec<PyEvidence>,
    /// ``name@version`` of every rule set that scored the messages.
    #[pyo3(get)]
    ruleset_version: String,
    suspect: Option<usize>,
    minor: Option<usize>,
}

impl PyAssessment {
    fn new(a: &msgrisk::Assessment, spans: &HashMap<SpanKey, (usize, usize)>) -> PyResult<PyAssessment> {
        // The core names the suspect and the minor by reference into its
        // author list.
        let index = |r: Option<&msgrisk::AuthorRisk>| r.and_then(|r| a.authors.iter().position(|x| std::ptr::eq(x, r)));
        Ok(PyAssessment {
            messages: a.messages,
            score: a.risk,
            level: a.level.as_str(),
            peak_score: a.peak_risk,
            peak_level: a.peak_level.as_str(),
            peak_message: a.peak_message,
            families: a.families.clone(),
            stages: a.stages.iter().map(PyStage::new).collect(),
            authors: a.authors.iter().map(|r| PyAuthorRisk::new(r, spans)).collect::<PyResult<_>>()?,
            evidence: a.evidence.iter().map(|e| PyEvidence::new(e, spans)).collect::<PyResult<_>>()?,
            ruleset_version: a.ruleset_version.to_string(),
            suspect: index(a.suspect()),
            minor: index(a.minor()),
        })
    }

    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let name = |i: Option<usize>| i.and_then(|i| self.authors[i].author.clone());
        let d = PyDict::new(py);
        d.set_item("messages", self.messages)?;
        d.set_item("score", self.score)?;
        d.set_item("level", self.level)?;
        d.set_item("peak_score", self.peak_score)?;
        d.set_item("peak_level", self.peak_level)?;
        d.set_item("peak_message", self.peak_message)?;
        d.set_item("suspect", name(self.suspect))?;
        d.set_item("minor_author", name(self.minor))?;
        d.set_item("families", &self.families)?;
        let stages = PyList::empty(py);
        for s in &self.stages {
            stages.append(s.as_dict(py)?)?;
        }
        d.set_item("stages", stages)?;
        // The flags say which entry `suspect` and `minor_author` name: a
        // name of None is also the unattributed author.
        let authors = PyList::empty(py);
        for (i, r) in self.authors.iter().enumerate() {
            let entry = r.as_dict(py)?;
            entry.set_item("suspect", self.suspect == Some(i))?;
            entry.set_item("minor_author", self.minor == Some(i))?;
            authors.append(entry)?;
        }
        d.set_item("authors", authors)?;
        let evidence = PyList::empty(py);
        for e in &self.evidence {
            evidence.append(e.as_dict(py)?)?;
        }
        d.set_item("evidence", evidence)?;
        d.set_item("ruleset_version", &self.ruleset_version)?;
        Ok(d)
    }

    fn from_dict<'py>(d: &Bound<'py, PyDict>) -> PyResult<PyAssessment> {
        let get = getter(d, "assessment");
        let (mut authors, mut suspect, mut minor) = (Vec::new(), None, None);
        for (i, r) in get("authors")?.try_iter()?.enumerate() {
            let r = r?;
            let r = r.cast::<PyDict>()?;
            let flag = |key: &str| -> PyResult<bool> {
                Ok(r.get_item(key)?.map(|v| v.is_truthy()).transpose()? == Some(true))
            };
            if flag("suspect")? {
                suspect = Some(i);
            }
            if flag("minor_author")? {
                minor = Some(i);
            }
            authors.push(PyAuthorRisk::from_dict(r)?);
        }
        let list = |key: &str| -> PyResult<Vec<Bound<'py, PyDict>>> {
            get(key)?.try_iter()?.map(|x| Ok(x?.cast_into::<PyDict>()?)).collect()
        };
        Ok(PyAssessment {
            messages: get("messages")?.extract()?,
            score: get("score")?.extract()?,
            level: level_arg(&get("level")?)?,
            peak_score: get("peak_score")?.extract()?,
            peak_level: level_arg(&get("peak_level")?)?,
            peak_message: get("peak_message")?.extract()?,
            families: get("families")?.extract()?,
            stages: list("stages")?.iter().map(PyStage::from_dict).collect::<PyResult<_>>()?,
            authors,
            evidence: list("evidence")?.iter().map(PyEvidence::from_dict).collect::<PyResult<_>>()?,
            ruleset_version: get("ruleset_version")?.extract()?,
            suspect,
            minor,
        })
    }
}

#[pymethods]
impl PyAssessment {
    /// Every author, in order of first message: author (None:
    /// unattributed) to :class:`AuthorRisk`.
    #[getter]
    fn authors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(|| {
            let d = PyDict::new(py);
            for r in &self.authors {
                d.set_item(&r.author, r.clone())?;
            }
            Ok(d)
        })
    }

    /// The author the evidence points at (the highest peak risk, the first
    /// such author on a tie), or None if no risk was seen.
    #[getter]
    fn suspect(&self) -> Option<PyAuthorRisk> {
        self.suspect.map(|i| self.authors[i].clone())
    }

    /// The author whose messages signal a minor most strongly, or None.
    #[getter]
    fn minor_author(&self) -> Option<PyAuthorRisk> {
        self.minor.map(|i| self.authors[i].clone())
    }

    /// The assessment as a dict of plain values (JSON-serializable):
    /// ``authors`` as a list (each entry with ``suspect`` and
    /// ``minor_author`` flags), ``suspect`` and ``minor_author`` as names.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(|| self.as_dict(py))
    }

    fn __repr__(&self) -> String {
        format!(
            "Assessment(messages={}, score={:?}, level='{}', peak_score={:?}, peak_level='{}', stages={}, \
             authors={}, evidence={}, ruleset_version='{}')",
            self.messages,
            self.score,
            self.level,
            self.peak_score,
            self.peak_level,
            self.stages.len(),
            self.authors.len(),
            self.evidence.len(),
            self.ruleset_version
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        guard(|| reduce(py, "_assessment_from_dict", self.as_dict(py)?))
    }
}

/// A key of a `to_dict()` state, or `ValueError` naming what lacks it.
fn getter<'a, 'py>(d: &'a Bound<'py, PyDict>, what: &'static str) -> impl Fn(&str) -> PyResult<Bound<'py, PyAny>> + 'a {
    move |key| d.get_item(key)?.ok_or_else(|| PyValueError::new_err(format!("{what} state lacks {key:?}")))
}

fn level_arg(level: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    let level: String = level.extract()?;
    Level::parse(&level).map(|l| l.as_str()).ok_or_else(|| PyValueError::new_err(format!("unknown level {level:?}")))
}

/// An author as Python shows it: None, or the quoted name.
fn author_repr(py: Python<'_>, author: Option<&str>) -> PyResult<String> {
    match author {
        None => Ok("None".to_string()),
        Some(a) => Ok(PyString::new(py, a).repr()?.to_str()?.to_string()),
    }
}

fn reduce<'py>(py: Python<'py>, restore: &str, state: Bound<'py, PyDict>) -> PyResult<Bound<'py, PyTuple>> {
    let restore = py.import("msgrisk._msgrisk")?.getattr(restore)?;
    PyTuple::new(py, [restore, PyTuple::new(py, [state])?.into_any()])
}

/// Rebuilds an `Assessment` from its `to_dict()` (the pickle path).
#[pyfunction]
pub(crate) fn _assessment_from_dict(state: &Bound<'_, PyDict>) -> PyResult<PyAssessment> {
    guard(|| PyAssessment::from_dict(state))
}

/// Rebuilds an `AuthorRisk` from its `to_dict()` (the pickle path).
#[pyfunction]
pub(crate) fn _author_risk_from_dict(state: &Bound<'_, PyDict>) -> PyResult<PyAuthorRisk> {
    guard(|| PyAuthorRisk::from_dict(state))
}

/// Rebuilds a `Stage` from its `to_dict()` (the pickle path).
#[pyfunction]
pub(crate) fn _stage_from_dict(state: &Bound<'_, PyDict>) -> PyResult<PyStage> {
    guard(|| PyStage::from_dict(state))
}

/// Rebuilds an `Evidence` from its `to_dict()` (the pickle path).
#[pyfunction]
pub(crate) fn _evidence_from_dict(state: &Bound<'_, PyDict>) -> PyResult<PyEvidence> {
    guard(|| PyEvidence::from_dict(state))
}
