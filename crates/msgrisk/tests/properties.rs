//! Property tests of the whole pipeline over arbitrary input: no panic,
//! spans on char boundaries inside the original, scores in [0, 1], more
//! evidence never lowers a score, batches equal one-by-one scoring whatever
//! the thread count. 10,000 cases per property.

use msgrisk::Classifier;
use proptest::prelude::*;
use std::sync::OnceLock;

const CASES: u32 = 10_000;

/// A rule set with every kind of matcher and no `unless` or anchors, so that
/// adding text can only add evidence.
const RULES: &str = r#"
name = "props"
version = "1"

[[rule]]
id = "p.secret"
category = "grooming.secrecy"
weight = 0.6
phrases = ["our secret", "dont tell", "geheim*", "🤫"]

[[rule]]
id = "p.pic"
category = "grooming.image_request"
weight = 0.4
near = [{ groups = [["send", "stuur"], ["pic", "foto*"]], within = 3 }]

[[rule]]
id = "p.age"
category = "signal.minor_age"
weight = 0.5
patterns = ['\bim (1[0-7])\b', '\bik ben 1[0-7]\b']

[[rule]]
id = "p.money"
category = "recruitment.fast_money"
weight = 0.3
patterns = ['\b\d{2,4} (euro|per day)\b']
phrases = ["easy money"]
"#;

fn props() -> &'static Classifier {
    static C: OnceLock<Classifier> = OnceLock::new();
    C.get_or_init(|| Classifier::builder().defaults(false).add_toml("props.toml", RULES).build().unwrap())
}

fn defaults() -> &'static Classifier {
    static C: OnceLock<Classifier> = OnceLock::new();
    C.get_or_init(Classifier::new)
}

/// Chat-like text: words from the rules and ordinary ones, digits, emoji,
/// accents, invisible characters and arbitrary Unicode.
fn chatty() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("our".to_string()),
        Just("secret".to_string()),
        Just("dont".to_string()),
        Just("tell".to_string()),
        Just("geheimpje".to_string()),
        Just("send".to_string()),
        Just("me".to_string()),
        Just("a".to_string()),
        Just("pic".to_string()),
        Just("fotootje".to_string()),
        Just("im".to_string()),
        Just("13".to_string()),
        Just("500".to_string()),
        Just("euro".to_string()),
        Just("🤫".to_string()),
        Just("Sécrét".to_string()),
        Just("s\u{200B}ecret".to_string()),
        Just("\u{202E}".to_string()),
        "[a-z]{1,8}",
        "\\PC{1,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(word, 0..24).prop_map(|w| w.join(" "))
}

fn check_spans(text: &str, classifier: &Classifier) -> Result<f64, TestCaseError> {
    let score = classifier.score(text);
    prop_assert!((0.0..=1.0).contains(&score.risk), "risk {}", score.risk);
    for v in score.categories.values().chain(score.families.values()) {
        prop_assert!((0.0..=1.0).contains(v));
    }
    for m in &score.matches {
        prop_assert!(m.start < m.end && m.end <= text.len(), "span {}..{} of {}", m.start, m.end, text.len());
        prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
    Ok(score.risk)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn arbitrary_strings_score_with_valid_spans(text in "\\PC*") {
        check_spans(&text, props())?;
    }

    #[test]
    fn chat_like_strings_score_with_valid_spans(text in chatty()) {
        check_spans(&text, props())?;
        check_spans(&text, defaults())?;
    }

    #[test]
    fn more_text_never_lowers_the_risk(a in chatty(), b in chatty()) {
        let c = props();
        let joined = format!("{a} | {b}");
        let (ra, rb, rj) = (c.score(&a).risk, c.score(&b).risk, c.score(&joined).risk);
        prop_assert!(rj + 1e-12 >= ra.max(rb), "{ra} {rb} -> {rj}");
    }

    #[test]
    fn scoring_is_deterministic(text in chatty()) {
        prop_assert_eq!(defaults().score(&text), defaults().score(&text));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Each case is a batch of up to 64 messages scored three ways, so 200
    /// cases score over 10,000 messages.
    #[test]
    fn batches_equal_one_by_one_whatever_the_thread_count(texts in prop::collection::vec(chatty(), 0..64)) {
        let c = defaults();
        let one_by_one: Vec<_> = texts.iter().map(|t| c.score(t)).collect();
        prop_assert_eq!(&c.score_batch(&texts), &one_by_one);
        for threads in [1, 4] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let batch = pool.install(|| c.score_batch(&texts));
            prop_assert_eq!(&batch, &one_by_one);
        }
    }
}
