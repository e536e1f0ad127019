//! Arbitrary text scored with the default rules: no panic, risk in [0, 1],
//! spans on char boundaries inside the message, deterministic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn classifier() -> &'static msgrisk::Classifier {
    static C: OnceLock<msgrisk::Classifier> = OnceLock::new();
    C.get_or_init(msgrisk::Classifier::new)
}

fuzz_target!(|text: &str| {
    let c = classifier();
    let score = c.score(text);
    assert!((0.0..=1.0).contains(&score.risk));
    for m in &score.matches {
        assert!(m.start < m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
    assert_eq!(score, c.score(text));
});
