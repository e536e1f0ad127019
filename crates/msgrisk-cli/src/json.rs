//! Scores as JSON objects, with spans in bytes and in characters.

use msgrisk::Score;
use serde_json::{json, Map, Value};

/// The JSON form of a score. Spans are given as byte offsets (`start`,
/// `end`) and as character offsets (`char_start`, `char_end`), which is what
/// Python and most JSON consumers index strings by.
pub(crate) fn score(score: &Score, text: &str) -> Map<String, Value> {
    let matches: Vec<Value> = score
        .matches
        .iter()
        .map(|m| {
            let char_start = text[..m.start].chars().count();
            let char_end = char_start + text[m.start..m.end].chars().count();
            json!({
                "rule": &*m.rule,
                "category": &*m.category,
                "weight": m.weight,
                "start": m.start,
                "end": m.end,
                "char_start": char_start,
                "char_end": char_end,
                "kind": m.kind.as_str(),
            })
        })
        .collect();
    let mut out = Map::new();
    out.insert("risk".into(), json!(round(score.risk)));
    out.insert("level".into(), json!(score.level.as_str()));
    out.insert(
        "categories".into(),
        json!(score.categories.iter().map(|(k, v)| (k.clone(), json!(round(*v)))).collect::<Map<_, _>>()),
    );
    out.insert(
        "families".into(),
        json!(score.families.iter().map(|(k, v)| (k.clone(), json!(round(*v)))).collect::<Map<_, _>>()),
    );
    out.insert("matches".into(), Value::Array(matches));
    out.insert("ruleset_version".into(), json!(&*score.ruleset_version));
    out
}

/// Scores to 6 decimals: enough for thresholds, stable across platforms.
pub(crate) fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Writes `value` as one line of JSON. `Ok(false)` when the reader went
/// away (`msgrisk scan | head`): the caller stops quietly.
pub(crate) fn write_line(out: &mut impl std::io::Write, value: &Value) -> Result<bool, String> {
    let written =
        serde_json::to_writer(&mut *out, value).map_err(std::io::Error::from).and_then(|()| out.write_all(b"\n"));
    still_open(written)
}

/// Flushes `out`; `Ok(false)` when the reader went away.
pub(crate) fn flush(out: &mut impl std::io::Write) -> Result<bool, String> {
    still_open(out.flush())
}

fn still_open(result: std::io::Result<()>) -> Result<bool, String> {
    match result {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(format!("writing results: {e}")),
    }
}
