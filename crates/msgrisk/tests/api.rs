//! Properties of the public API: thread safety, determinism, batch equals
//! one-by-one, spans that round-trip to the original text.

use msgrisk::{Classifier, Error, Folded, Level, Match, Normalizer, Ruleset, Score};

const RULES: &str = r#"
name = "api-test"
version = "7"

[[rule]]
id = "t.secret"
category = "grooming.secrecy"
weight = 0.6
phrases = ["our little secret", "dont tell anyone", "geheim*"]
match = ["our little secret"]

[[rule]]
id = "t.snap"
category = "grooming.platform_switch"
weight = 0.3
phrases = ["add me on snap", "snap"]
match = ["add me on snap"]

[[rule]]
id = "t.age"
category = "signal.minor_age"
weight = 0.5
patterns = ['\bim (1[0-7])\b']
match = ["im 13"]
"#;

fn classifier() -> Classifier {
    Classifier::builder().defaults(false).add_toml("api.toml", RULES).build().unwrap()
}

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    fn assert_all<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    assert_all::<Classifier>();
    assert_all::<Score>();
    assert_all::<Match>();
    assert_all::<Error>();
    assert_all::<Ruleset>();
    assert_all::<Folded>();
    assert_all::<Normalizer>();
}

#[test]
fn spans_round_trip_for_accents_emoji_and_zero_width() {
    let c = classifier();
    let cases = [
        ("ÓÜR líttle SÉCRET", "ÓÜR líttle SÉCRET"),
        ("😀🤫 our\u{200B} little secret 😀", "our\u{200B} little secret"),
        ("our  little\n\nsecreeeet!!", "our  little\n\nsecreeeet"),
        ("ｏｕｒ ｌｉｔｔｌｅ ｓｅｃｒｅｔ", "ｏｕｒ ｌｉｔｔｌｅ ｓｅｃｒｅｔ"),
        ("Don’t tell anyone 🙏", "Don’t tell anyone"),
        ("dit is ons gehéimpje", "gehéim"),
        // A variation selector, like a combining mark, belongs to the character before it.
        ("a\u{0301}\u{0301} add me on snap\u{FE0F}", "add me on snap\u{FE0F}"),
        ("hi I'm 13 🙂", "I'm 13"),
    ];
    for (text, want) in cases {
        let score = c.score(text);
        assert!(!score.matches.is_empty(), "no match in {text:?}");
        let m = &score.matches[0];
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end) && m.end <= text.len());
        assert_eq!(&text[m.span()], want, "in {text:?}");
    }
}

#[test]
fn scores_are_deterministic_and_stamped() {
    let c = classifier();
    let text = "our little secret, add me on snap, im 14";
    let a = c.score(text);
    let b = c.clone().score(text);
    assert_eq!(a, b);
    assert_eq!(&*a.ruleset_version, "api-test@7");
    assert_eq!(a.rule_ids(), ["t.secret", "t.snap", "t.age"]);
    // 0.6 and 0.3 by noisy-OR; the age signal does not add risk.
    assert!((a.risk - 0.72).abs() < 1e-12);
    assert_eq!(a.level, Level::Medium);
    assert_eq!(a.families["signal"], 0.5);
}

#[test]
fn batch_equals_one_by_one_in_order() {
    let c = classifier();
    let texts: Vec<String> = (0..500)
        .map(|i| match i % 4 {
            0 => format!("msg {i} our little secret"),
            1 => format!("hello {i}"),
            2 => format!("add me on snap {i} 😀"),
            _ => format!("im {} lol", i % 30),
        })
        .collect();
    let batch = c.score_batch(&texts);
    assert_eq!(batch.len(), texts.len());
    for (t, s) in texts.iter().zip(&batch) {
        assert_eq!(&c.score(t), s);
    }
}

#[test]
fn empty_and_odd_input_scores_nothing() {
    let c = classifier();
    for text in ["", " ", "\u{200B}\u{200B}", "\0\0", "🤫", "\u{202E}"] {
        let s = c.score(text);
        assert_eq!(s.risk, 0.0, "{text:?}");
        assert!(s.matches.is_empty());
    }
}
