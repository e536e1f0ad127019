//! Arbitrary bytes as a rule file: loading never panics; a file that loads
//! compiles or fails with an error, and a classifier built from it scores a
//! message with valid spans.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(ruleset) = msgrisk::Ruleset::from_toml("fuzz.toml", text) else { return };
    let Ok(classifier) = msgrisk::Classifier::builder().defaults(false).add_ruleset(ruleset).build() else { return };
    for message in ["are your parents home? dont tell anyone 🤫", "ik ben 13", ""] {
        let score = classifier.score(message);
        assert!((0.0..=1.0).contains(&score.risk));
        for m in &score.matches {
            assert!(m.start < m.end && m.end <= message.len());
            assert!(message.is_char_boundary(m.start) && message.is_char_boundary(m.end));
        }
    }
    let _ = classifier.check_examples();
});
