//! The `msgrisk` command end to end, on small rule sets of its own.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const RULES: &str = r#"
name = "cli-test"
version = "3"

[[rule]]
id = "t.secret"
category = "grooming.secrecy"
weight = 0.6
phrases = ["our little secret", "dont tell anyone"]
match = ["our little secret"]
ignore = ["a secret santa"]

[[rule]]
id = "t.money"
category = "recruitment.fast_money"
weight = 0.5
phrases = ["easy money"]
match = ["easy money"]
ignore = ["money"]
"#;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_msgrisk"))
}

fn temp_file(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("msgrisk-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn run(mut cmd: Command, stdin: &str) -> Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn scan_passes_fields_through_and_keeps_going_after_a_bad_line() {
    let rules = temp_file("scan.toml", RULES);
    let mut cmd = bin();
    cmd.args(["scan", "--no-defaults", "--rules"]).arg(&rules);
    let input = "{\"id\": \"a\", \"text\": \"this is our little secret 🤫\", \"user\": 9}\n\
                 {not json\n\
                 plain line with easy money\n\
                 {\"id\": \"b\"}\n\
                 {\"id\": \"c\", \"text\": \"hello\"}\n";
    let out = run(cmd, input);
    assert_eq!(out.status.code(), Some(1), "a bad line makes the exit code 1");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 5, "one output line per input line");
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["user"], 9);
    assert_eq!(lines[0]["level"], "medium");
    assert_eq!(lines[0]["ruleset_version"], "cli-test@3");
    assert!(lines[0].get("text").is_none(), "no message text unless asked");
    let m = &lines[0]["matches"][0];
    assert_eq!((m["start"].as_u64(), m["end"].as_u64()), (Some(8), Some(25)));
    assert_eq!((m["char_start"].as_u64(), m["char_end"].as_u64()), (Some(8), Some(25)));
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(lines[2]["matches"][0]["rule"], "t.money");
    assert_eq!(lines[3]["line"], 4);
    assert_eq!(lines[4]["id"], "c");
    assert_eq!(lines[4]["level"], "none");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(":2:") && stderr.contains(":4:"), "{stderr}");
    assert!(!stderr.contains("secret"), "stderr must not echo message text: {stderr}");
}

#[test]
fn scan_char_offsets_differ_from_bytes_after_emoji() {
    let rules = temp_file("scan2.toml", RULES);
    let mut cmd = bin();
    cmd.args(["scan", "--no-defaults", "--with-text", "--rules"]).arg(&rules);
    let out = run(cmd, "😀 easy money\n");
    assert_eq!(out.status.code(), Some(0));
    let line = &json_lines(&out)[0];
    let m = &line["matches"][0];
    assert_eq!((m["start"].as_u64(), m["char_start"].as_u64()), (Some(5), Some(2)));
    assert_eq!(line["text"], "😀 easy money");
}

#[test]
fn check_passes_good_files_and_fails_bad_examples_and_patterns() {
    let good = temp_file("good.toml", RULES);
    let out = bin().args(["check", "--no-defaults"]).arg(&good).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 rules"));

    let failing =
        temp_file("failing.toml", &RULES.replace("ignore = [\"money\"]", "ignore = [\"so much easy money\"]"));
    let out = bin().args(["check", "--no-defaults"]).arg(&failing).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("t.money") && err.contains("fires on its ignore example"), "{err}");

    let broken = temp_file(
        "broken.toml",
        "name = \"b\"\nversion = \"1\"\n[[rule]]\nid = \"x\"\ncategory = \"a.b\"\nweight = 2\nphrases = [\"p\"]\n",
    );
    let out = bin().args(["check", "--no-defaults"]).arg(&broken).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.toml:6:10") && err.contains("rule x"), "{err}");
}

#[test]
fn explain_names_rules_and_the_level() {
    let rules = temp_file("explain.toml", RULES);
    let out = bin()
        .args(["explain", "--no-defaults", "--rules"])
        .arg(&rules)
        .arg("DONT tell anyone, easy money")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("level: high (risk 0.80"), "{text}");
    assert!(text.contains("\"DONT tell anyone\": t.secret"), "{text}");
    assert!(text.contains("rules: cli-test@3"), "{text}");
}

#[test]
fn rules_lists_every_rule() {
    let rules = temp_file("list.toml", RULES);
    let out = bin().args(["rules", "--no-defaults", "--rules"]).arg(&rules).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        ["t.secret\tgrooming.secrecy\tany\t0.60", "t.money\trecruitment.fast_money\tany\t0.50"]
    );
}

#[test]
fn eval_counts_by_hand() {
    let rules = temp_file("eval.toml", RULES);
    let data = temp_file(
        "eval.jsonl",
        concat!(
            "{\"id\":\"1\",\"lang\":\"en\",\"label\":\"grooming.secrecy\",\"text\":\"our little secret\"}\n",
            "{\"id\":\"2\",\"lang\":\"en\",\"label\":\"grooming\",\"text\":\"you are special\"}\n",
            "{\"id\":\"3\",\"lang\":\"nl\",\"label\":\"recruitment\",\"text\":\"easy money\"}\n",
            "{\"id\":\"4\",\"lang\":\"nl\",\"label\":\"none\",\"text\":\"easy money lol\"}\n",
            "{\"id\":\"5\",\"lang\":\"en\",\"label\":\"none\",\"text\":\"hello\"}\n",
        ),
    );
    let out =
        bin().args(["eval", "--no-defaults", "--json", "--errors", "--rules"]).arg(&rules).arg(&data).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let o = &v["overall"];
    assert_eq!(
        (o["tp"].as_u64(), o["fp"].as_u64(), o["fn"].as_u64(), o["tn"].as_u64()),
        (Some(2), Some(1), Some(1), Some(1))
    );
    assert_eq!(o["precision"], 0.6667);
    assert_eq!(o["recall"], 0.6667);
    assert_eq!(o["fpr"], 0.5);
    for key in ["f1", "f05"] {
        assert!(o[key].is_number(), "{key}");
    }
    assert_eq!(v["families"]["recruitment"]["tp"], 1);
    assert_eq!(v["families"]["recruitment"]["fp"], 1);
    assert_eq!(v["families"]["grooming"]["fn"], 1);
    assert_eq!(v["languages"]["nl"]["fp"], 1);
    assert_eq!(v["rules"]["t.money"]["positives"], 1);
    assert_eq!(v["rules"]["t.money"]["negatives"], 1);
    assert_eq!(v["misses"], serde_json::json!(["2"]));
    assert_eq!(v["false_alarms"], serde_json::json!(["4"]));
    assert!(v["sweep"].as_array().unwrap().len() >= 19);
}

#[test]
fn eval_rejects_a_bad_threshold_and_bad_data() {
    let data = temp_file("bad.jsonl", "{\"text\": \"x\"}\n");
    let out = bin().args(["eval", "--no-defaults"]).arg(&data).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.jsonl:1: no string `label`"));
    let out = bin().args(["eval", "--threshold", "extreme"]).arg(&data).output().unwrap();
    assert!(!out.status.success());
}

fn repo_file(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

fn eval_json(args: &[&str], data: &str) -> Value {
    let out = bin().arg("eval").args(args).arg("--json").arg(repo_file(data)).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Floors under the default rules' measured figures (README, "How well the
/// default rules work"), so that a rule change that loses ground fails here.
/// dev.jsonl was tuned on; validation.jsonl never was.
#[test]
fn default_rules_hold_their_figures_on_the_corpora() {
    let floors = [
        // (data, language, min recall, max false-positive rate)
        ("tests/data/eval/dev.jsonl", "en", 0.95, 0.02),
        ("tests/data/eval/dev.jsonl", "nl", 0.95, 0.02),
        ("tests/data/eval/validation.jsonl", "en", 0.65, 0.05),
        ("tests/data/eval/validation.jsonl", "nl", 0.65, 0.05),
    ];
    for (data, lang, min_recall, max_fpr) in floors {
        let v = eval_json(&[], data);
        let l = &v["languages"][lang];
        let (recall, fpr) = (l["recall"].as_f64().unwrap(), l["fpr"].as_f64().unwrap());
        assert!(recall >= min_recall, "{data} {lang}: recall {recall} < {min_recall}");
        assert!(fpr <= max_fpr, "{data} {lang}: FPR {fpr} > {max_fpr}");
    }
    let v = eval_json(&["--conversations"], "tests/data/eval/conversations.jsonl");
    let o = &v["overall"];
    assert!(o["recall"].as_f64().unwrap() >= 0.8, "conversations: {o}");
    assert!(o["fpr"].as_f64().unwrap() <= 0.06, "conversations: {o}");
}
