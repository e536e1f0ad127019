//! `msgrisk scan`: one JSON result per input line.
//!
//! A line that starts with `{` is a JSON object with a `text` field (every
//! other field passes through); any other line is the message itself. A line
//! that cannot be read gives a JSON line with `error` and `line` in its place,
//! and a message on stderr, and the rest is still scored; the exit code is 1
//! when any line failed.
//!
//! With `--conversations` (or `--format pan12`), each input item is a whole
//! conversation and the result its assessment: see [`crate::conversations`].

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde_json::{json, Map, Value};

use crate::conversations::ConversationArgs;
use crate::RuleArgs;

/// Arguments of `msgrisk scan`.
#[derive(Args)]
pub(crate) struct ScanArgs {
    /// Input file, or `-` (the default) for standard input.
    #[arg(default_value = "-")]
    input: String,
    #[command(flatten)]
    rules: RuleArgs,
    /// Copy the message text into each result (off by default: results carry
    /// offsets, not text).
    #[arg(long)]
    with_text: bool,
    /// Write only results at or above this level (none, low, medium, high);
    /// for conversations, their peak level.
    #[arg(long, value_name = "LEVEL")]
    min_level: Option<String>,
    #[command(flatten)]
    conversations: ConversationArgs,
}

pub(crate) fn run(args: &ScanArgs) -> Result<ExitCode, String> {
    let classifier = args.rules.classifier().map_err(|e| e.to_string())?;
    let min_level = match &args.min_level {
        None => msgrisk::Level::None,
        Some(l) => {
            msgrisk::Level::parse(l).ok_or_else(|| format!("unknown level {l:?}: use none, low, medium or high"))?
        }
    };
    if args.conversations.enabled() {
        return crate::conversations::scan(&args.input, &classifier, &args.conversations, args.with_text, min_level);
    }
    let reader: Box<dyn BufRead> = if args.input == "-" {
        Box::new(BufReader::new(io::stdin().lock()))
    } else {
        let path = PathBuf::from(&args.input);
        Box::new(BufReader::new(File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?))
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for (index, line) in reader.split(b'\n').enumerate() {
        let lineno = index + 1;
        let line = line.map_err(|e| format!("{}: {e}", args.input))?;
        let line = String::from_utf8(line).map(|mut s| {
            if s.ends_with('\r') {
                s.pop();
            }
            s
        });
        let result = match line {
            Err(_) => Err("line is not valid UTF-8".to_string()),
            Ok(s) if s.trim().is_empty() => continue,
            Ok(s) => parse_line(&s),
        };
        let value = match result {
            Ok((mut fields, text)) => {
                let score = classifier.score(&text);
                if score.level < min_level {
                    continue;
                }
                fields.extend(crate::json::score(&score, &text));
                if args.with_text {
                    fields.insert("text".into(), json!(text));
                }
                Value::Object(fields)
            }
            Err(msg) => {
                failed += 1;
                eprintln!("msgrisk: {}:{lineno}: {msg}", args.input);
                json!({ "line": lineno, "error": msg })
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

/// The pass-through fields and the text of one input line.
fn parse_line(line: &str) -> Result<(Map<String, Value>, String), String> {
    if !line.trim_start().starts_with('{') {
        return Ok((Map::new(), line.to_string()));
    }
    let mut obj: Map<String, Value> = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    match obj.remove("text") {
        Some(Value::String(text)) => Ok((obj, text)),
        Some(_) => Err("`text` is not a string".into()),
        None => Err("object has no `text` field".into()),
    }
}
