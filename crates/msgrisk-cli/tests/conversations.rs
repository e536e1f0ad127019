//! `msgrisk scan --conversations`, `msgrisk eval --conversations` and the
//! PAN 2012 format, run as a user runs them, with the tests' own rule set
//! (`tests/data/conversation_rules.toml`).

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data").join(name).display().to_string()
}

fn msgrisk(args: &[&str]) -> Output {
    let rules = data("conversation_rules.toml");
    Command::new(env!("CARGO_BIN_EXE_msgrisk")).args(args).args(["--no-defaults", "--rules", &rules]).output().unwrap()
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// A JSONL file in the temporary directory, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> TempFile {
        let path = std::env::temp_dir().join(format!("msgrisk-{}-{name}", std::process::id()));
        std::fs::write(&path, text).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

const JSONL: &str = r#"{"id": "g1", "lang": "en", "label": "grooming", "messages": [{"author": "jay", "text": "how old r u?", "time": "2026-03-13T20:34:00Z"}, {"author": "mia", "text": "im 13", "time": "2026-03-13T20:35:10Z"}, {"author": "jay", "text": "are ur parents home?", "time": 1773434200}, {"author": "jay", "text": "dont tell anyone we talk ok"}, {"author": "jay", "text": "we should meet up"}]}
{"id": "a1", "lang": "en", "label": "none", "messages": [{"author": "sam", "text": "send me a pic of the new dress"}, {"author": "alex", "text": "we should meet up friday"}, {"author": "sam", "text": "ever kissed someone on a first date?"}]}
{"id": "p1", "lang": "en", "label": "none", "messages": [{"text": "what time does practice end"}, {"text": "5, can u pick me up"}, {"text": "yes ill pick you up at the gate"}]}
"#;

#[test]
fn scan_writes_one_assessment_per_conversation_without_text() {
    let file = TempFile::new("scan.jsonl", JSONL);
    let out = msgrisk(&["scan", "--conversations", file.path()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    let g = &lines[0];
    assert_eq!(g["id"], "g1");
    assert_eq!(g["label"], "grooming");
    assert_eq!(g["level"], "high");
    assert_eq!(g["suspect"], "jay");
    assert_eq!(g["minor"], "mia");
    let stages: Vec<&str> = g["stages"].as_array().unwrap().iter().map(|s| s["category"].as_str().unwrap()).collect();
    assert_eq!(stages, ["grooming.access", "grooming.risk_assessment", "grooming.secrecy", "grooming.meeting"]);
    assert_eq!(g["evidence"][0]["rule"], "en.secrecy");
    assert_eq!(g["evidence"][0]["message"], 3);
    assert_eq!(g["ruleset_version"], "conversation-test@1");
    // Adults flirting and a pick-up without authors stay under low.
    assert_eq!(lines[1]["peak_level"], "none");
    assert_eq!(lines[2]["peak_level"], "none");
    assert_eq!(lines[2]["authors"][0]["author"], Value::Null);
    // No message text anywhere unless asked for.
    let all = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(!all.contains("ur parents home") && !all.contains("dont tell anyone"));
    let with = msgrisk(&["scan", "--conversations", "--with-text", file.path()]);
    let g = &json_lines(&with)[0];
    assert_eq!(g["evidence"][0]["text"], "dont tell anyone");
    // --min-level filters on the peak level.
    let high = msgrisk(&["scan", "--conversations", "--min-level", "high", file.path()]);
    assert_eq!(json_lines(&high).len(), 1);
}

#[test]
fn scan_reports_a_bad_line_and_goes_on() {
    let file = TempFile::new(
        "bad.jsonl",
        "{\"id\": 1, \"messages\": [{\"text\": \"hi\", \"time\": \"soon\"}]}\n{\"id\": 2, \"messages\": []}\n",
    );
    let out = msgrisk(&["scan", "--conversations", file.path()]);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines[0]["line"], 1);
    assert!(lines[0]["error"].as_str().unwrap().contains("message 0: time"));
    assert_eq!(lines[1]["id"], 2);
    assert_eq!(lines[1]["risk"], 0.0);
}

#[test]
fn eval_gives_conversation_figures_in_the_message_eval_shape() {
    let file = TempFile::new("eval.jsonl", JSONL);
    let out = msgrisk(&["eval", "--conversations", "--json", "--errors", file.path()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["conversations"], 3);
    assert_eq!(v["messages"], 11);
    let overall = &v["overall"];
    for key in ["precision", "recall", "f1", "f05", "fpr", "tp", "fp", "fn", "tn"] {
        assert!(overall.get(key).is_some(), "overall.{key}");
    }
    assert_eq!((overall["tp"].as_u64(), overall["fp"].as_u64()), (Some(1), Some(0)));
    assert_eq!((overall["fn"].as_u64(), overall["tn"].as_u64()), (Some(0), Some(2)));
    assert_eq!(v["families"]["grooming"]["tp"], 1);
    assert_eq!(v["languages"]["en"]["tn"], 2);
    assert!(v["sweep"].as_array().unwrap().len() >= 19);
    // Flagged after the stated age, at the fourth message... or earlier.
    let early = &v["early_warning"];
    assert_eq!(early["detected"], 1);
    let n = early["median_messages"].as_u64().unwrap();
    assert!((2..=4).contains(&n), "{n}");
    assert_eq!(early["p90_messages"], early["median_messages"]);
    assert_eq!(v["misses"], serde_json::json!([]));
    // The tables for people.
    let text = msgrisk(&["eval", "--conversations", file.path()]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("early warning: 1 risky conversations detected"));
}

#[test]
fn pan12_sample_gives_predator_identification_figures() {
    let out = msgrisk(&[
        "eval",
        "--format",
        "pan12",
        "--predators",
        &data("pan12_predators.txt"),
        "--json",
        "--errors",
        &data("pan12_sample.xml"),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["conversations"], 5);
    assert_eq!(v["messages"], 29);
    // Conversations with a predator are the risky ones: the grooming one is
    // caught; the second predator's small talk and the first predator's
    // other chat are not.
    let o = &v["overall"];
    assert_eq!(
        (o["tp"].as_u64(), o["fp"].as_u64(), o["fn"].as_u64(), o["tn"].as_u64()),
        (Some(1), Some(0), Some(2), Some(2))
    );
    assert_eq!(v["misses"].as_array().unwrap().len(), 2);
    assert_eq!(v["early_warning"]["median_messages"], 5);
    let p = &v["predators"];
    assert_eq!(p["authors"], 9);
    assert_eq!(p["predators_listed"], 3);
    assert_eq!(p["predators_not_in_data"], 1);
    assert_eq!((p["tp"].as_u64(), p["fp"].as_u64(), p["fn"].as_u64()), (Some(1), Some(0), Some(1)));
    assert_eq!(p["precision"], 1.0);
    assert_eq!(p["recall"], 0.5);
    assert_eq!(p["f05"], 0.8333);
    assert!(p["sweep"].as_array().unwrap().len() >= 19);
}

#[test]
fn pan12_scan_names_the_predator_and_the_decoy() {
    let out = msgrisk(&["scan", "--format", "pan12", &data("pan12_sample.xml")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 5);
    let g = &lines[0];
    assert_eq!(g["id"], "e621a2b3c4d5e6f708192a3b4c5d6e7f");
    assert_eq!(g["level"], "high");
    assert_eq!(g["suspect"], "2a39e4271b026c9a187150dbd3837987");
    assert_eq!(g["minor"], "51730d04d05579107ad94e4e403221fa");
    assert_eq!(lines[1]["peak_level"], "none");
    assert_eq!(lines[2]["messages"], 5);
}

#[test]
fn pan12_eval_without_predators_asks_for_them() {
    let out = msgrisk(&["eval", "--format", "pan12", &data("pan12_sample.xml")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--predators"));
}
