//! Arbitrary text through the folding: no panic, idempotent, and every folded
//! character maps to a span on char boundaries of the original.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let normalizer = msgrisk::Normalizer::new();
    let folded = normalizer.fold(text);
    let f = folded.as_str();
    for (i, c) in f.char_indices() {
        let span = folded.original_span(i..i + c.len_utf8());
        assert!(span.start <= span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
    assert_eq!(normalizer.fold(f).as_str(), f, "folding is not idempotent");
});
