//! The character stage: each character of the message folded on its own.
//!
//! Invisible characters are removed, the rest decomposed by compatibility
//! (NFKD: fullwidth, math bold, circled, ligatures) with combining marks
//! dropped, look-alike letters of other scripts mapped to Latin, lower-cased
//! (`ß` to `ss`), apostrophes removed; white space collapses to one space
//! and a run of one letter is squeezed to one as the characters are pushed
//! ([`Folded::push`]). A combining mark or variation selector, dropped,
//! still belongs to the span of the character before it.
//!
//! Each character is decomposed on its own and combining marks are dropped,
//! never reordered, so the cost is linear in the length of the message
//! whatever it holds. What this stage does not do: look at words (that is
//! [`super::words`]).

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::invisible::is_invisible;
use super::{confusable, Folded};

/// The fast path: the same steps as [`fold_unicode`], for ASCII text, a
/// byte at a time (white space and squeezing without decoding what was
/// pushed last).
pub(super) fn fold_ascii(text: &str, out: &mut Folded) {
    debug_assert!(out.text.is_empty());
    // As if a space came before: leading white space is dropped.
    let mut last = b' ';
    for (i, b) in text.bytes().enumerate() {
        let b = match b {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => b' ',
            0..=0x1F | 0x7F | b'\'' | b'`' => continue,
            _ => b.to_ascii_lowercase(),
        };
        let end = i as u32 + 1;
        if b == last && (b == b' ' || b.is_ascii_alphabetic()) {
            if let Some(e) = out.ends.last_mut().filter(|_| b != b' ') {
                *e = end;
            }
            continue;
        }
        out.text.push(b as char);
        out.starts.push(i as u32);
        out.ends.push(end);
        last = b;
    }
}

pub(super) fn fold_unicode(text: &str, out: &mut Folded) {
    for (i, c) in text.char_indices() {
        let span = i..i + c.len_utf8();
        if c.is_ascii() {
            match c {
                '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' => out.push(' ', span),
                '\0'..='\u{1F}' | '\u{7F}' => {}
                '\'' | '`' => {}
                _ => out.push(c.to_ascii_lowercase(), span),
            }
            continue;
        }
        if is_invisible(c) {
            if is_variation_selector(c) {
                extend_over_mark(out, &span);
            }
            continue;
        }
        decompose_compatible(c, |d| {
            if d == c && is_combining_mark(c) {
                extend_over_mark(out, &span);
            } else {
                fold_decomposed(d, &span, out);
            }
        });
    }
}

/// A combining mark or variation selector is dropped, but belongs to the
/// character before it: a span that ends with that character takes it in
/// (`a\u{301}` is one character on screen).
fn extend_over_mark(out: &mut Folded, span: &std::ops::Range<usize>) {
    if out.ends.last() == Some(&(span.start as u32)) {
        out.extend_last(span.end as u32);
    }
}

/// Folds one character of the compatibility decomposition of the original
/// character at `span`.
fn fold_decomposed(d: char, span: &std::ops::Range<usize>, out: &mut Folded) {
    if is_combining_mark(d) || is_invisible(d) || is_apostrophe(d) {
        return;
    }
    if d.is_ascii() {
        // NFKD of a non-ASCII character: fullwidth and math letters, `…`.
        if !d.is_ascii_control() && d != '\'' && d != '`' {
            out.push(d.to_ascii_lowercase(), span.clone());
        }
        return;
    }
    if d.is_whitespace() {
        out.push(' ', span.clone());
        return;
    }
    if d == 'ß' || d == 'ẞ' {
        out.push('s', span.clone());
        out.push('s', span.clone());
        return;
    }
    let mut push = |l: char| out.push(l, span.clone());
    if confusable::fold(d, &mut push) {
        return;
    }
    for lower in d.to_lowercase() {
        // A character without case (emoji, most symbols) was just looked up.
        let looked_up = lower == d;
        if (lower.is_ascii() || looked_up || !confusable::fold(lower, &mut push)) && !is_combining_mark(lower) {
            push(lower);
        }
    }
}

fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Apostrophes and the characters used in their place.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{00B4}' | '\u{FF07}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        let mut out = Folded::default();
        if s.is_ascii() {
            fold_ascii(s, &mut out);
        } else {
            fold_unicode(s, &mut out);
        }
        out.finish();
        out.text
    }

    #[test]
    fn folds_case_accents_and_space() {
        assert_eq!(fold("  Niét   ALLEEN\tthuis? "), "niet alen thuis?");
        assert_eq!(fold("café één"), "cafe en");
        assert_eq!(fold("\u{00A0}a\u{3000}b\u{2003}"), "a b");
    }

    #[test]
    fn folds_compatibility_forms() {
        assert_eq!(fold("ｓｎａｐ"), "snap");
        assert_eq!(fold("𝐬𝐧𝐚𝐩"), "snap");
        assert_eq!(fold("ⓢⓝⓐⓟ"), "snap");
        assert_eq!(fold("ˢⁿᵃᵖ"), "snap");
        assert_eq!(fold("ﬁx"), "fix");
    }

    #[test]
    fn removes_apostrophes() {
        assert_eq!(fold("don't"), "dont");
        assert_eq!(fold("don’t"), "dont");
        assert_eq!(fold("I'M"), "im");
        assert_eq!(fold("don＇t"), "dont");
    }

    #[test]
    fn squeezes_letters_not_digits() {
        assert_eq!(fold("heeeeey"), "hey");
        assert_eq!(fold("1000 euro"), "1000 euro");
        assert_eq!(fold("sssssecret"), "secret");
    }

    #[test]
    fn eszett_folds_to_s() {
        // "ss" is then squeezed like any other letter run.
        assert_eq!(fold("Straße"), "strase");
        let mut out = Folded::default();
        fold_unicode("ß", &mut out);
        assert_eq!(out.original_span(0..1), 0..2);
    }

    #[test]
    fn look_alikes_fold_through_the_confusable_step() {
        assert_eq!(fold("ѕnар"), "snap");
        assert_eq!(fold("ΑLΟΝΕ"), "alone");
        assert_eq!(fold("ᴀʟᴏɴᴇ"), "alone");
    }

    #[test]
    fn combining_marks_are_dropped_in_linear_time() {
        let zalgo: String = std::iter::once('a').chain(std::iter::repeat_n('\u{0301}', 10_000)).collect();
        let mut out = Folded::default();
        fold_unicode(&zalgo, &mut out);
        assert_eq!(out.text, "a");
        assert_eq!(out.original_span(0..1), 0..zalgo.len());
    }

    #[test]
    fn spans_take_in_the_marks_that_follow_a_letter() {
        let text = "s\u{0338}n\u{0334}a\u{0337}p\u{0336} \u{2764}\u{FE0F}";
        let mut out = Folded::default();
        fold_unicode(text, &mut out);
        assert_eq!(out.text, "snap \u{2764}");
        assert_eq!(out.original_span(0..4), 0..text.find(' ').unwrap());
        assert_eq!(&text[out.original_span(5..8)], "\u{2764}\u{FE0F}");
    }

    #[test]
    fn ascii_fast_path_equals_general_path() {
        for s in ["Hello  World", "don't\ttell\n", "heeey 1000", "a\x00b", "  x  ", "AAbB", "s.n.4.p @ $5"] {
            let mut general = Folded::default();
            fold_unicode(s, &mut general);
            general.finish();
            assert_eq!(fold(s), general.text, "{s:?}");
        }
    }
}
