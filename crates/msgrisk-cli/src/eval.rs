//! `msgrisk eval`: how well the loaded rules separate risky messages from
//! ordinary ones on labeled data.
//!
//! Each line of the data is a JSON object with `text` and `label` (`none`, a
//! family such as `grooming`, or a full category such as `grooming.secrecy`);
//! `id` and `lang` are optional. A message is flagged when its risk reaches
//! the threshold (a level name or a number). Reported: risky-vs-none figures
//! overall, per family (one family against the rest, the flagged family
//! being the strongest one) and per language; per rule, its hits on risky and
//! on `none` messages; precision and recall as the threshold moves; speed.
//!
//! With `--conversations` (or `--format pan12`), whole conversations are
//! measured instead: see [`crate::conversations`].

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use msgrisk::{Classifier, Levels, Score, SIGNAL_FAMILY};
use serde_json::{json, Map, Value};

use crate::conversations::{ConversationArgs, EvalOptions};
use crate::metrics::{round, Confusion};
use crate::RuleArgs;

/// Arguments of `msgrisk eval`.
#[derive(Args)]
pub(crate) struct EvalArgs {
    /// Labeled JSONL: `text`, `label`, optional `id` and `lang`.
    data: PathBuf,
    #[command(flatten)]
    rules: RuleArgs,
    /// Flag at or above this level (none, low, medium, high) or risk (0-1).
    #[arg(long, default_value = "low")]
    threshold: String,
    /// Print one JSON object instead of tables.
    #[arg(long)]
    json: bool,
    /// List the misclassified messages' ids (never their text).
    #[arg(long)]
    errors: bool,
    #[command(flatten)]
    input: ConversationArgs,
    /// With conversations: a file of predator author ids, one per line, for
    /// PAN 2012 predator identification (and labels where data has none).
    #[arg(long, value_name = "FILE")]
    predators: Option<PathBuf>,
}

pub(crate) struct Labeled {
    pub id: String,
    pub lang: String,
    /// `None` for a `none` label, else the family.
    pub family: Option<String>,
}

/// Parses a threshold: a level name (its threshold under `levels`) or a
/// number in [0, 1].
pub(crate) fn parse_threshold(s: &str, levels: &Levels) -> Result<f64, String> {
    match s {
        "none" => Ok(0.0),
        "low" => Ok(levels.low),
        "medium" => Ok(levels.medium),
        "high" => Ok(levels.high),
        _ => match s.parse::<f64>() {
            Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
            _ => Err(format!("threshold {s:?} is neither a level (none, low, medium, high) nor a number in [0, 1]")),
        },
    }
}

/// The family of a label, `None` for `none`.
pub(crate) fn label_family(label: &str) -> Result<Option<String>, String> {
    let label = label.trim();
    if label.is_empty() {
        return Err("empty `label`".into());
    }
    if label == "none" {
        return Ok(None);
    }
    Ok(Some(label.split('.').next().unwrap_or(label).to_string()))
}

/// The strongest risk family of a score's (or an assessment's) families,
/// ties broken by name.
pub(crate) fn top_family(families: &BTreeMap<String, f64>) -> Option<&str> {
    families
        .iter()
        .filter(|(f, _)| f.as_str() != SIGNAL_FAMILY)
        .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(f, _)| f.as_str())
}

fn read_messages(path: &PathBuf) -> Result<(Vec<Labeled>, Vec<String>), String> {
    let data = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut labeled = Vec::new();
    let mut texts = Vec::new();
    for (i, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = |msg: String| format!("{}:{}: {msg}", path.display(), i + 1);
        let obj: Map<String, Value> = serde_json::from_str(line).map_err(|e| at(format!("invalid JSON: {e}")))?;
        let text = obj.get("text").and_then(Value::as_str).ok_or_else(|| at("no string `text`".into()))?;
        let label = obj.get("label").and_then(Value::as_str).ok_or_else(|| at("no string `label`".into()))?;
        let family = label_family(label).map_err(at)?;
        let id = match obj.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
            None => format!("line-{}", i + 1),
        };
        let lang = obj.get("lang").and_then(Value::as_str).unwrap_or("unknown").to_string();
        labeled.push(Labeled { id, lang, family });
        texts.push(text.to_string());
    }
    if labeled.is_empty() {
        return Err(format!("{}: no labeled messages", path.display()));
    }
    Ok((labeled, texts))
}

/// The thresholds of a sweep: every 0.05, and the levels.
pub(crate) fn sweep_points(levels: Levels) -> Vec<f64> {
    let mut points: Vec<f64> = (1..20).map(|i| i as f64 * 0.05).collect();
    points.extend([levels.low, levels.medium, levels.high]);
    points.sort_by(f64::total_cmp);
    points.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
    points
}

pub(crate) fn run(args: &EvalArgs) -> Result<ExitCode, String> {
    if args.input.enabled() || args.predators.is_some() {
        return crate::conversations::eval(&EvalOptions {
            data: &args.data,
            rules: &args.rules,
            input: &args.input,
            threshold: &args.threshold,
            json: args.json,
            errors: args.errors,
            predators: args.predators.as_ref(),
        });
    }
    let classifier = args.rules.classifier().map_err(|e| e.to_string())?;
    let threshold = parse_threshold(&args.threshold, &classifier.levels())?;
    let (labeled, texts) = read_messages(&args.data)?;
    let started = Instant::now();
    let scores: Vec<Score> = texts.iter().map(|t| classifier.score(t)).collect();
    let elapsed = started.elapsed().as_secs_f64();
    let report = MessageReport::new(&classifier, &labeled, &scores, threshold, elapsed);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report.to_json(args.errors, &labeled)).map_err(|e| e.to_string())?
        );
    } else {
        report.print(args.errors, &labeled);
    }
    Ok(ExitCode::SUCCESS)
}

struct MessageReport<'a> {
    threshold: f64,
    overall: Confusion,
    families: BTreeMap<String, Confusion>,
    languages: BTreeMap<String, Confusion>,
    /// Per rule: hits on risky messages, hits on `none` messages.
    rules: BTreeMap<String, (usize, usize)>,
    sweep: Vec<(f64, Confusion)>,
    messages_per_second: f64,
    seconds: f64,
    misses: Vec<usize>,
    false_alarms: Vec<usize>,
    classifier: &'a Classifier,
}

impl<'a> MessageReport<'a> {
    fn new(classifier: &'a Classifier, labeled: &[Labeled], scores: &[Score], threshold: f64, seconds: f64) -> Self {
        let mut overall = Confusion::default();
        let mut families: BTreeMap<String, Confusion> = BTreeMap::new();
        let mut languages: BTreeMap<String, Confusion> = BTreeMap::new();
        let mut rules: BTreeMap<String, (usize, usize)> = classifier.rules().map(|r| (r.id.clone(), (0, 0))).collect();
        let mut misses = Vec::new();
        let mut false_alarms = Vec::new();
        let known: Vec<String> = {
            let mut f: Vec<String> =
                classifier.rules().map(|r| r.family().to_string()).filter(|f| f != SIGNAL_FAMILY).collect();
            f.extend(labeled.iter().filter_map(|l| l.family.clone()));
            f.sort();
            f.dedup();
            f
        };
        for (i, (l, s)) in labeled.iter().zip(scores).enumerate() {
            let flagged = s.risk >= threshold && s.risk > 0.0;
            let risky = l.family.is_some();
            overall.add(flagged, risky);
            languages.entry(l.lang.clone()).or_default().add(flagged, risky);
            let predicted = if flagged { top_family(&s.families) } else { None };
            for f in &known {
                families
                    .entry(f.clone())
                    .or_default()
                    .add(predicted == Some(f.as_str()), l.family.as_deref() == Some(f.as_str()));
            }
            for id in s.rule_ids() {
                let e = rules.entry(id.to_string()).or_default();
                if risky {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
            if risky && !flagged {
                misses.push(i);
            }
            if !risky && flagged {
                false_alarms.push(i);
            }
        }
        let sweep = sweep_points(classifier.levels())
            .into_iter()
            .map(|t| {
                let mut c = Confusion::default();
                for (l, s) in labeled.iter().zip(scores) {
                    c.add(s.risk >= t && s.risk > 0.0, l.family.is_some());
                }
                (t, c)
            })
            .collect();
        MessageReport {
            threshold,
            overall,
            families,
            languages,
            rules,
            sweep,
            messages_per_second: if seconds > 0.0 { labeled.len() as f64 / seconds } else { 0.0 },
            seconds,
            misses,
            false_alarms,
            classifier,
        }
    }

    fn to_json(&self, errors: bool, labeled: &[Labeled]) -> Value {
        let map =
            |m: &BTreeMap<String, Confusion>| m.iter().map(|(k, c)| (k.clone(), c.to_json())).collect::<Map<_, _>>();
        let rules: Map<String, Value> =
            self.rules.iter().map(|(id, (p, n))| (id.clone(), json!({ "positives": p, "negatives": n }))).collect();
        let sweep: Vec<Value> = self
            .sweep
            .iter()
            .map(|(t, c)| {
                let mut v = c.to_json();
                v["threshold"] = json!(round(*t));
                v
            })
            .collect();
        let mut out = json!({
            "messages": labeled.len(),
            "threshold": self.threshold,
            "ruleset_version": self.classifier.ruleset_version(),
            "overall": self.overall.to_json(),
            "families": map(&self.families),
            "languages": map(&self.languages),
            "rules": rules,
            "sweep": sweep,
            "messages_per_second": self.messages_per_second.round(),
            "seconds": self.seconds,
        });
        if errors {
            let ids = |v: &[usize]| v.iter().map(|&i| labeled[i].id.clone()).collect::<Vec<_>>();
            out["misses"] = json!(ids(&self.misses));
            out["false_alarms"] = json!(ids(&self.false_alarms));
        }
        out
    }

    fn print(&self, errors: bool, labeled: &[Labeled]) {
        println!(
            "{} messages; flagged at risk >= {:.2}; rules {}",
            labeled.len(),
            self.threshold,
            self.classifier.ruleset_version()
        );
        println!("overall   {}", self.overall.summary());
        println!("\nper family (flagged family = strongest family):");
        for (f, c) in &self.families {
            println!("  {f:<12} {}", c.summary());
        }
        println!("\nper language:");
        for (l, c) in &self.languages {
            println!("  {l:<12} {}", c.summary());
        }
        println!("\nthreshold sweep:");
        println!("  {:>9} {:>9} {:>7} {:>7} {:>7}", "threshold", "precision", "recall", "F1", "FPR");
        for (t, c) in &self.sweep {
            println!("  {:>9.2} {:>9.3} {:>7.3} {:>7.3} {:>7.3}", t, c.precision(), c.recall(), c.f_beta(1.0), c.fpr());
        }
        let mut noisy: Vec<_> = self.rules.iter().filter(|(_, (_, n))| *n > 0).collect();
        noisy.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(b.0)));
        println!("\nrules that fire on `none` messages (hits on risky / on none):");
        if noisy.is_empty() {
            println!("  none");
        }
        for (id, (p, n)) in noisy.iter().take(25) {
            println!("  {id:<50} {p:>4} / {n:>4}");
        }
        let silent = self.rules.values().filter(|(p, n)| p + n == 0).count();
        println!("\n{} of {} rules fired on no message of this data", silent, self.rules.len());
        if errors {
            let ids = |v: &[usize]| v.iter().map(|&i| labeled[i].id.as_str()).collect::<Vec<_>>().join(" ");
            println!("\nmissed (risky, not flagged): {}", ids(&self.misses));
            println!("false alarms (none, flagged): {}", ids(&self.false_alarms));
        }
        println!("\nspeed: {:.0} messages/s on one thread ({:.3} s)", self.messages_per_second, self.seconds);
    }
}
