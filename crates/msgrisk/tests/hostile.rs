//! Hostile text: megabytes without a space, stacked combining marks, bidi
//! overrides, NUL bytes. Each is scored with the default rules; the test
//! checks that it finishes and that the spans stay valid. (Speed is measured
//! by the benchmarks, not here.)

use msgrisk::{Classifier, MAX_SPANS_PER_RULE};

const MB: usize = 1 << 20;

fn check(text: &str) {
    let classifier = Classifier::new();
    let score = classifier.score(text);
    assert!((0.0..=1.0).contains(&score.risk));
    // Memory stays bounded: at most MAX_SPANS_PER_RULE spans per rule.
    assert!(score.matches.len() <= classifier.rules().count() * MAX_SPANS_PER_RULE);
    for m in &score.matches {
        assert!(m.start < m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

#[test]
fn ten_mb_of_ordinary_chat() {
    check(&repeat_to("hey how r u, wanna hang out after school? dont tell anyone lol 😂 ", 10 * MB));
}

#[test]
fn ten_mb_of_one_combining_mark_on_one_letter() {
    let mut text = String::from("a");
    text.push_str(&"\u{0301}".repeat(5 * MB));
    check(&text);
}

#[test]
fn ten_mb_without_a_space() {
    check(&repeat_to("secretpicsnapgeheimfoto", 10 * MB));
}

#[test]
fn bidi_overrides_and_invisibles() {
    check(&repeat_to("\u{202E}dont tell\u{202C} \u{2066}our secret\u{2069}\u{200B}\u{FEFF} ", 2 * MB));
}

#[test]
fn nul_bytes_and_controls() {
    check(&repeat_to("our\0secret\u{1}\u{7F} send\0me a pic\r\n", 2 * MB));
    check("\0");
    check(&"\0".repeat(MB));
}

#[test]
fn a_megabyte_of_one_repeated_letter_and_of_digits() {
    check(&"e".repeat(MB));
    check(&"1".repeat(MB));
    check(&"13 ".repeat(MB / 3));
}
