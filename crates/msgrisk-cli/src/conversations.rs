//! Whole conversations: `msgrisk scan --conversations` writes one assessment
//! per conversation, `msgrisk eval --conversations` measures them against
//! labels, with early-warning figures and, for PAN 2012, predator
//! identification.
//!
//! Input, `--format jsonl` (the default): one conversation per line,
//!
//! ```json
//! {"id": "c1", "lang": "en", "label": "grooming",
//!  "messages": [{"author": "p2", "text": "hey", "time": "2026-03-13T20:34:00Z"}]}
//! ```
//!
//! `author` and `time` are optional (see [`crate::timestamp`] for the times
//! accepted); `label` (`none` or a family) is for `eval`; every other field
//! passes through to `scan`'s output. `--format pan12` reads the PAN 2012
//! XML ([`crate::pan12`]).
//!
//! Output carries rule ids, categories, spans and author names, never message
//! text unless `--with-text` (which adds the matched part of the message to
//! each piece of evidence).

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, ValueEnum};
use msgrisk::{Assessment, AuthorRisk, Classifier, Conversation, Evidence, Level, SIGNAL_FAMILY};
use serde_json::{json, Map, Value};

use crate::eval::{label_family, parse_threshold, sweep_points, top_family};
use crate::json::round;
use crate::metrics::{self, Confusion};
use crate::pan12::{read_predators, Pan12Reader};
use crate::timestamp;
use crate::RuleArgs;

/// How conversations are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// One JSON object per line: `id`, `messages` (`author`, `text`, `time`), `label`.
    #[default]
    Jsonl,
    /// The PAN 2012 sexual predator identification XML.
    Pan12,
}

/// The flags that switch `scan` and `eval` to whole conversations.
#[derive(Args, Clone, Default)]
pub(crate) struct ConversationArgs {
    /// Read whole conversations, one JSON object per line: `id`, `messages`
    /// (each with `text`, optional `author` and `time`), and for eval
    /// `label`; one assessment per conversation.
    #[arg(long)]
    pub conversations: bool,
    /// The format of the conversations (pan12 implies --conversations).
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
}

impl ConversationArgs {
    /// Whether to read conversations rather than single messages.
    pub(crate) fn enabled(&self) -> bool {
        self.conversations || self.format == Format::Pan12
    }
}

/// One message as read.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct InputMessage {
    pub author: Option<String>,
    pub text: String,
    pub time: Option<i64>,
}

/// One conversation as read.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct InputConversation {
    pub id: String,
    /// Fields that pass through to `scan`'s output (`messages` excluded).
    pub fields: Map<String, Value>,
    pub messages: Vec<InputMessage>,
}

impl InputConversation {
    pub(crate) fn new(id: String) -> Self {
        let mut fields = Map::new();
        fields.insert("id".into(), json!(id));
        InputConversation { id, fields, messages: Vec::new() }
    }

    fn str_field(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(Value::as_str)
    }
}

/// A JSONL line that could not be read; the rest of the input still can.
struct BadLine {
    line: usize,
    error: String,
}

/// Conversations from the input, in order. The outer error ends the input
/// (unreadable file, broken XML); a bad JSONL line does not.
type Conversations = Box<dyn Iterator<Item = Result<Result<InputConversation, BadLine>, String>>>;

fn open(input: &str) -> Result<Box<dyn BufRead>, String> {
    Ok(if input == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        Box::new(BufReader::new(File::open(input).map_err(|e| format!("{input}: {e}"))?))
    })
}

fn read(input: &str, format: Format) -> Result<Conversations, String> {
    let reader = open(input)?;
    let name = input.to_string();
    Ok(match format {
        Format::Pan12 => Box::new(Pan12Reader::new(reader, input).map(|r| r.map(Ok))),
        Format::Jsonl => Box::new(reader.split(b'\n').enumerate().filter_map(move |(i, line)| {
            let line = match line {
                Ok(l) => l,
                Err(e) => return Some(Err(format!("{name}: {e}"))),
            };
            let parsed = match String::from_utf8(line) {
                Err(_) => Err("line is not valid UTF-8".to_string()),
                Ok(s) if s.trim().is_empty() => return None,
                Ok(s) => parse_line(&s, i + 1),
            };
            Some(Ok(parsed.map_err(|error| BadLine { line: i + 1, error })))
        })),
    })
}

/// One JSONL conversation.
fn parse_line(line: &str, lineno: usize) -> Result<InputConversation, String> {
    let mut fields: Map<String, Value> = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let messages = match fields.remove("messages") {
        Some(Value::Array(m)) => m,
        Some(_) => return Err("`messages` is not an array".into()),
        None => return Err("object has no `messages` array".into()),
    };
    let id = match fields.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => format!("line-{lineno}"),
    };
    let mut out = Vec::with_capacity(messages.len());
    for (i, m) in messages.into_iter().enumerate() {
        let at = |msg: &str| format!("message {i}: {msg}");
        let Value::Object(m) = m else {
            return Err(at("not an object"));
        };
        let text = match m.get("text") {
            Some(Value::String(t)) => t.clone(),
            Some(_) => return Err(at("`text` is not a string")),
            None => return Err(at("no `text`")),
        };
        let author = match m.get("author") {
            None | Some(Value::Null) => None,
            Some(Value::String(a)) => Some(a.clone()),
            Some(v @ Value::Number(_)) => Some(v.to_string()),
            Some(_) => return Err(at("`author` is not a string")),
        };
        let time = match m.get("time") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => timestamp::parse_str(s).map_err(|e| at(&e))?,
            Some(Value::Number(n)) => Some(timestamp::from_number(n.as_f64().unwrap_or(f64::NAN)).map_err(|e| at(&e))?),
            Some(_) => return Err(at("`time` is neither a string nor a number")),
        };
        out.push(InputMessage { author, text, time });
    }
    Ok(InputConversation { id, fields, messages: out })
}

/// A conversation read to its end, with how its peak rose.
struct Outcome {
    assessment: Assessment,
    /// `(message index, peak risk)` each time the peak rose.
    rises: Vec<(usize, f64)>,
    /// The families when the peak was (last) reached.
    peak_families: BTreeMap<String, f64>,
}

fn assess(classifier: &Classifier, c: &InputConversation) -> Outcome {
    let mut conversation = Conversation::new(classifier);
    let mut rises = Vec::new();
    let mut peak_families = BTreeMap::new();
    for (i, m) in c.messages.iter().enumerate() {
        let before = conversation.peak_risk();
        conversation.push(m.author.as_deref(), &m.text, m.time);
        if conversation.peak_risk() > before {
            rises.push((i, conversation.peak_risk()));
            peak_families = conversation.assessment().families;
        }
    }
    Outcome { assessment: conversation.assessment(), rises, peak_families }
}

/// `msgrisk scan --conversations`: one JSON assessment per conversation.
pub(crate) fn scan(
    input: &str,
    classifier: &Classifier,
    args: &ConversationArgs,
    with_text: bool,
    min_level: Level,
) -> Result<ExitCode, String> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for item in read(input, args.format)? {
        let value = match item? {
            Ok(c) => {
                let outcome = assess(classifier, &c);
                if outcome.assessment.peak_level < min_level {
                    continue;
                }
                let mut fields = c.fields.clone();
                fields.extend(assessment_json(&outcome.assessment, &c, with_text));
                Value::Object(fields)
            }
            Err(bad) => {
                failed += 1;
                eprintln!("msgrisk: {input}:{}: {}", bad.line, bad.error);
                json!({ "line": bad.line, "error": bad.error })
            }
        };
        if !crate::json::write_line(&mut out, &value)? {
            return Ok(ExitCode::SUCCESS);
        }
    }
    if !crate::json::flush(&mut out)? {
        return Ok(ExitCode::SUCCESS);
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The JSON form of an assessment. Spans are in bytes (`start`, `end`) and
/// characters (`char_start`, `char_end`) of their message.
fn assessment_json(a: &Assessment, c: &InputConversation, with_text: bool) -> Map<String, Value> {
    let name = |r: Option<&AuthorRisk>| r.and_then(|r| r.author.as_deref()).map(str::to_string);
    let suspect = a.suspect().map(|r| r.author.clone());
    let minor = a.minor().map(|r| r.author.clone());
    let evidence = |e: &Evidence| evidence_json(e, c, with_text);
    let scores =
        |m: &BTreeMap<String, f64>| m.iter().map(|(k, v)| (k.clone(), json!(round(*v)))).collect::<Map<_, _>>();
    let mut out = Map::new();
    out.insert("messages".into(), json!(a.messages));
    out.insert("risk".into(), json!(round(a.risk)));
    out.insert("level".into(), json!(a.level.as_str()));
    out.insert("peak_risk".into(), json!(round(a.peak_risk)));
    out.insert("peak_level".into(), json!(a.peak_level.as_str()));
    out.insert("peak_message".into(), json!(a.peak_message));
    out.insert("suspect".into(), json!(name(a.suspect())));
    out.insert("minor".into(), json!(name(a.minor())));
    out.insert("families".into(), json!(scores(&a.families)));
    out.insert(
        "stages".into(),
        json!(a
            .stages
            .iter()
            .map(|s| json!({
                "category": &*s.category,
                "first_message": s.first_message,
                "author": s.author.as_deref(),
                "messages": s.messages,
            }))
            .collect::<Vec<_>>()),
    );
    out.insert(
        "authors".into(),
        json!(a
            .authors
            .iter()
            .map(|r| json!({
                "author": r.author.as_deref(),
                "messages": r.messages,
                "first_message": r.first_message,
                "risk": round(r.risk),
                "level": r.level.as_str(),
                "peak_risk": round(r.peak_risk),
                "suspect": suspect.as_ref() == Some(&r.author),
                "minor": minor.as_ref() == Some(&r.author),
                "minor_signal": round(r.minor_signal),
                "minor_evidence": r.minor_evidence.as_ref().map(evidence),
                "families": scores(&r.families),
                "categories": scores(&r.categories),
            }))
            .collect::<Vec<_>>()),
    );
    out.insert("evidence".into(), json!(a.evidence.iter().map(evidence).collect::<Vec<_>>()));
    out.insert("ruleset_version".into(), json!(&*a.ruleset_version));
    out
}

fn evidence_json(e: &Evidence, c: &InputConversation, with_text: bool) -> Value {
    let text = c.messages.get(e.message).map_or("", |m| m.text.as_str());
    let (char_start, char_end) = match (text.get(..e.start), text.get(e.start..e.end)) {
        (Some(before), Some(span)) => {
            let s = before.chars().count();
            (s, s + span.chars().count())
        }
        _ => (0, 0),
    };
    let mut v = json!({
        "message": e.message,
        "author": e.author.as_deref(),
        "rule": &*e.rule,
        "category": &*e.category,
        "weight": e.weight,
        "strength": round(e.strength),
        "start": e.start,
        "end": e.end,
        "char_start": char_start,
        "char_end": char_end,
    });
    if with_text {
        v["text"] = json!(text.get(e.start..e.end).unwrap_or(""));
    }
    v
}

/// What `eval --conversations` keeps of one conversation.
struct Labeled {
    id: String,
    lang: String,
    family: Option<String>,
    messages: usize,
    peak: f64,
    rises: Vec<(usize, f64)>,
    top_family: Option<String>,
}

impl Labeled {
    fn flagged(&self, threshold: f64) -> bool {
        self.peak >= threshold && self.peak > 0.0
    }

    fn messages_to(&self, threshold: f64) -> Option<usize> {
        self.rises.iter().find(|(_, p)| *p >= threshold && *p > 0.0).map(|(i, _)| i + 1)
    }
}

/// The options of `msgrisk eval --conversations`.
pub(crate) struct EvalOptions<'a> {
    pub data: &'a Path,
    pub rules: &'a RuleArgs,
    pub input: &'a ConversationArgs,
    pub threshold: &'a str,
    pub json: bool,
    pub errors: bool,
    pub predators: Option<&'a PathBuf>,
}

/// `msgrisk eval --conversations`.
pub(crate) fn eval(o: &EvalOptions) -> Result<ExitCode, String> {
    let classifier = o.rules.classifier().map_err(|e| e.to_string())?;
    let threshold = parse_threshold(o.threshold, &classifier.levels())?;
    let predators = o.predators.map(|p| read_predators(p)).transpose()?;
    let name = o.data.display().to_string();
    let mut labeled = Vec::new();
    // Per author: the highest peak risk over their conversations.
    let mut author_peaks: BTreeMap<String, f64> = BTreeMap::new();
    let started = Instant::now();
    for item in read(&name, o.input.format)? {
        let c = item?.map_err(|b| format!("{name}:{}: {}", b.line, b.error))?;
        let family = match (c.fields.get("label"), &predators) {
            (Some(Value::String(l)), _) => {
                label_family(l).map_err(|e| format!("{name}: conversation {}: {e}", c.id))?
            }
            (Some(_), _) => return Err(format!("{name}: conversation {}: `label` is not a string", c.id)),
            (None, Some(p)) => c
                .messages
                .iter()
                .any(|m| m.author.as_ref().is_some_and(|a| p.contains(a)))
                .then(|| "grooming".to_string()),
            (None, None) => {
                return Err(format!("{name}: conversation {} has no `label` (PAN 2012 data needs --predators)", c.id))
            }
        };
        let outcome = assess(&classifier, &c);
        for r in &outcome.assessment.authors {
            if let Some(a) = &r.author {
                let e = author_peaks.entry(a.to_string()).or_insert(0.0);
                *e = e.max(r.peak_risk);
            }
        }
        labeled.push(Labeled {
            lang: c.str_field("lang").unwrap_or("unknown").to_string(),
            id: c.id,
            family,
            messages: c.messages.len(),
            peak: outcome.assessment.peak_risk,
            top_family: top_family(&outcome.peak_families).map(str::to_string),
            rises: outcome.rises,
        });
    }
    let seconds = started.elapsed().as_secs_f64();
    if labeled.is_empty() {
        return Err(format!("{name}: no conversations"));
    }
    let report = Report::new(
        &classifier,
        labeled,
        threshold,
        seconds,
        predators.map(|p| PredatorReport::new(&p, &author_peaks, threshold, &classifier)),
    );
    if o.json {
        println!("{}", serde_json::to_string_pretty(&report.to_json(o.errors)).map_err(|e| e.to_string())?);
    } else {
        report.print(o.errors);
    }
    Ok(ExitCode::SUCCESS)
}

/// Nearest-rank percentile (`p` in (0, 1]) of sorted values.
fn percentile(sorted: &[usize], p: f64) -> Option<usize> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

struct EarlyWarning {
    /// Messages read until the threshold was crossed, per detected risky
    /// conversation, sorted.
    messages: Vec<usize>,
    /// The same as a fraction of the conversation, sorted.
    fractions: Vec<f64>,
}

impl EarlyWarning {
    fn new(labeled: &[Labeled], threshold: f64) -> Self {
        let mut messages = Vec::new();
        let mut fractions = Vec::new();
        for l in labeled.iter().filter(|l| l.family.is_some()) {
            if let Some(n) = l.messages_to(threshold) {
                messages.push(n);
                fractions.push(n as f64 / l.messages.max(1) as f64);
            }
        }
        messages.sort_unstable();
        fractions.sort_by(f64::total_cmp);
        EarlyWarning { messages, fractions }
    }

    fn median_fraction(&self) -> Option<f64> {
        let n = self.fractions.len();
        (n > 0).then(|| self.fractions[n.div_ceil(2) - 1])
    }

    fn to_json(&self) -> Value {
        json!({
            "detected": self.messages.len(),
            "median_messages": percentile(&self.messages, 0.5),
            "p90_messages": percentile(&self.messages, 0.9),
            "median_fraction": self.median_fraction().map(metrics::round),
        })
    }
}

/// PAN 2012 predator identification: an author is predicted a predator when
/// their peak risk reaches the threshold in any of their conversations.
struct PredatorReport {
    overall: Confusion,
    sweep: Vec<(f64, Confusion)>,
    authors: usize,
    listed: usize,
    unseen: usize,
}

impl PredatorReport {
    fn new(
        predators: &BTreeSet<String>,
        peaks: &BTreeMap<String, f64>,
        threshold: f64,
        classifier: &Classifier,
    ) -> Self {
        let confusion = |t: f64| {
            let mut c = Confusion::default();
            for (author, peak) in peaks {
                c.add(*peak >= t && *peak > 0.0, predators.contains(author));
            }
            c
        };
        PredatorReport {
            overall: confusion(threshold),
            sweep: sweep_points(classifier.levels()).into_iter().map(|t| (t, confusion(t))).collect(),
            authors: peaks.len(),
            listed: predators.len(),
            unseen: predators.iter().filter(|p| !peaks.contains_key(*p)).count(),
        }
    }

    fn to_json(&self) -> Value {
        let c = &self.overall;
        json!({
            "precision": metrics::round(c.precision()),
            "recall": metrics::round(c.recall()),
            "f05": metrics::round(c.f_beta(0.5)),
            "f1": metrics::round(c.f_beta(1.0)),
            "tp": c.tp,
            "fp": c.fp,
            "fn": c.fn_,
            "authors": self.authors,
            "predators_listed": self.listed,
            "predators_not_in_data": self.unseen,
            "sweep": sweep_json(&self.sweep),
        })
    }
}

fn sweep_json(sweep: &[(f64, Confusion)]) -> Vec<Value> {
    sweep
        .iter()
        .map(|(t, c)| {
            let mut v = c.to_json();
            v["threshold"] = json!(metrics::round(*t));
            v
        })
        .collect()
}

struct Report<'a> {
    classifier: &'a Classifier,
    labeled: Vec<Labeled>,
    threshold: f64,
    overall: Confusion,
    families: BTreeMap<String, Confusion>,
    languages: BTreeMap<String, Confusion>,
    sweep: Vec<(f64, Confusion)>,
    early: EarlyWarning,
    predators: Option<PredatorReport>,
    seconds: f64,
}

impl<'a> Report<'a> {
    fn new(
        classifier: &'a Classifier,
        labeled: Vec<Labeled>,
        threshold: f64,
        seconds: f64,
        predators: Option<PredatorReport>,
    ) -> Self {
        let mut overall = Confusion::default();
        let mut families: BTreeMap<String, Confusion> = BTreeMap::new();
        let mut languages: BTreeMap<String, Confusion> = BTreeMap::new();
        let mut known: Vec<String> = classifier
            .rules()
            .map(|r| r.family().to_string())
            .filter(|f| f != SIGNAL_FAMILY)
            .chain(labeled.iter().filter_map(|l| l.family.clone()))
            .collect();
        known.sort();
        known.dedup();
        for l in &labeled {
            let flagged = l.flagged(threshold);
            let risky = l.family.is_some();
            overall.add(flagged, risky);
            languages.entry(l.lang.clone()).or_default().add(flagged, risky);
            let predicted = if flagged { l.top_family.as_deref() } else { None };
            for f in &known {
                families
                    .entry(f.clone())
                    .or_default()
                    .add(predicted == Some(f.as_str()), l.family.as_deref() == Some(f.as_str()));
            }
        }
        let sweep = sweep_points(classifier.levels())
            .into_iter()
            .map(|t| {
                let mut c = Confusion::default();
                for l in &labeled {
                    c.add(l.flagged(t), l.family.is_some());
                }
                (t, c)
            })
            .collect();
        Report {
            classifier,
            early: EarlyWarning::new(&labeled, threshold),
            labeled,
            threshold,
            overall,
            families,
            languages,
            sweep,
            predators,
            seconds,
        }
    }

    fn messages(&self) -> usize {
        self.labeled.iter().map(|l| l.messages).sum()
    }

    fn ids(&self, misses: bool) -> Vec<&str> {
        self.labeled
            .iter()
            .filter(|l| {
                let (risky, flagged) = (l.family.is_some(), l.flagged(self.threshold));
                if misses {
                    risky && !flagged
                } else {
                    !risky && flagged
                }
            })
            .map(|l| l.id.as_str())
            .collect()
    }

    fn to_json(&self, errors: bool) -> Value {
        let map =
            |m: &BTreeMap<String, Confusion>| m.iter().map(|(k, c)| (k.clone(), c.to_json())).collect::<Map<_, _>>();
        let mut out = json!({
            "conversations": self.labeled.len(),
            "messages": self.messages(),
            "threshold": self.threshold,
            "ruleset_version": self.classifier.ruleset_version(),
            "overall": self.overall.to_json(),
            "families": map(&self.families),
            "languages": map(&self.languages),
            "sweep": sweep_json(&self.sweep),
            "early_warning": self.early.to_json(),
            "messages_per_second": (self.messages() as f64 / self.seconds.max(1e-9)).round(),
            "seconds": self.seconds,
        });
        if let Some(p) = &self.predators {
            out["predators"] = p.to_json();
        }
        if errors {
            out["misses"] = json!(self.ids(true));
            out["false_alarms"] = json!(self.ids(false));
        }
        out
    }

    fn print(&self, errors: bool) {
        println!(
            "{} conversations ({} messages); flagged when the peak risk >= {:.2}; rules {}",
            self.labeled.len(),
            self.messages(),
            self.threshold,
            self.classifier.ruleset_version()
        );
        println!("overall   {}", self.overall.summary());
        println!("\nper family (flagged family = strongest family at the peak):");
        for (f, c) in &self.families {
            println!("  {f:<12} {}", c.summary());
        }
        println!("\nper language:");
        for (l, c) in &self.languages {
            println!("  {l:<12} {}", c.summary());
        }
        print_sweep(&self.sweep);
        let e = &self.early;
        let show = |x: Option<usize>| x.map_or("-".to_string(), |n| n.to_string());
        println!(
            "\nearly warning: {} risky conversations detected; messages read until flagged: median {}, 90th percentile {} (median {} of the conversation)",
            e.messages.len(),
            show(percentile(&e.messages, 0.5)),
            show(percentile(&e.messages, 0.9)),
            e.median_fraction()
                .map_or("-".to_string(), |f| format!("{:.0}%", f * 100.0)),
        );
        if let Some(p) = &self.predators {
            let c = &p.overall;
            println!(
                "\npredator identification ({} authors, {} listed predators, {} of them not in the data):",
                p.authors, p.listed, p.unseen
            );
            println!(
                "  precision {:.3}  recall {:.3}  F0.5 {:.3}  (tp {} fp {} fn {})",
                c.precision(),
                c.recall(),
                c.f_beta(0.5),
                c.tp,
                c.fp,
                c.fn_
            );
            print_sweep(&p.sweep);
        }
        if errors {
            println!("\nmissed (risky, not flagged): {}", self.ids(true).join(" "));
            println!("false alarms (none, flagged): {}", self.ids(false).join(" "));
        }
        println!(
            "\nspeed: {:.0} messages/s on one thread ({:.3} s)",
            self.messages() as f64 / self.seconds.max(1e-9),
            self.seconds
        );
    }
}

fn print_sweep(sweep: &[(f64, Confusion)]) {
    println!("\nthreshold sweep:");
    println!("  {:>9} {:>9} {:>7} {:>7} {:>7} {:>7}", "threshold", "precision", "recall", "F1", "F0.5", "FPR");
    for (t, c) in sweep {
        println!(
            "  {:>9.2} {:>9.3} {:>7.3} {:>7.3} {:>7.3} {:>7.3}",
            t,
            c.precision(),
            c.recall(),
            c.f_beta(1.0),
            c.f_beta(0.5),
            c.fpr()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_with_optional_authors_and_times() {
        let c = parse_line(
            r#"{"id": 7, "label": "none", "messages": [{"text": "hi"}, {"author": "a", "text": "yo", "time": 1700000000}, {"author": null, "text": "x", "time": "2026-04-10T17:56:00Z"}]}"#,
            3,
        )
        .unwrap();
        assert_eq!(c.id, "7");
        assert_eq!(c.messages.len(), 3);
        assert_eq!(c.messages[0].author, None);
        assert_eq!(c.messages[1].time, Some(1_700_000_000));
        assert_eq!(c.messages[2].time, Some(1_775_843_760));
        assert!(!c.fields.contains_key("messages"));
        assert_eq!(c.fields["label"], "none");
        assert_eq!(parse_line(r#"{"messages": []}"#, 9).unwrap().id, "line-9");
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        for (line, want) in [
            ("{", "invalid JSON"),
            (r#"{"id": 1}"#, "no `messages`"),
            (r#"{"messages": [{"author": "a"}]}"#, "message 0: no `text`"),
            (r#"{"messages": [{"text": "a", "time": "soon"}]}"#, "message 0: time"),
            (r#"{"messages": [{"text": "a", "author": []}]}"#, "`author`"),
        ] {
            let e = parse_line(line, 1).unwrap_err();
            assert!(e.contains(want), "{line}: {e}");
        }
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        assert_eq!(percentile(&v, 0.5), Some(5));
        assert_eq!(percentile(&v, 0.9), Some(9));
        assert_eq!(percentile(&[4], 0.9), Some(4));
        assert_eq!(percentile(&[], 0.5), None);
    }
}
