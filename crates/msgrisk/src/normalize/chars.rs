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
//! whatever it holds. Most chat is runs of printable ASCII that this stage
//! only lower-cases: such a run is copied in one go, its offsets filled in
//! as a sequence, and the character-by-character path only takes the bytes
//! in between (white space other than a single space, apostrophes, control
//! characters, repeated letters, non-ASCII); a property test checks that the
//! result is the same as folding every character on its own. What this
//! stage does not do: look at words (that is [`super::words`]).

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::invisible::is_invisible;
use super::{confusable, Folded};

/// Folds `text` into `out` (empty): each run of plain ASCII is copied in
/// bulk ([`copy_plain_ascii`]), every other character is folded on its own
/// ([`fold_char`]). The result is that of [`fold_char`] on every character.
pub(super) fn fold(text: &str, out: &mut Folded) {
    debug_assert!(out.text.is_empty());
    let mut at = 0;
    while at < text.len() {
        at = copy_plain_ascii(text, at, out);
        if let Some(c) = text[at..].chars().next() {
            fold_char(c, at, out);
            at += c.len_utf8();
        }
    }
}

/// What each byte folds to when it is *plain*: its ASCII lower case. `0` for
/// the bytes that are not: control characters, white space other than the
/// space, apostrophes, and every byte of a non-ASCII character.
const PLAIN: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = b' ';
    while b < 0x7F {
        if b != b'\'' && b != b'`' {
            table[b as usize] = b.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Copies the run of plain ASCII that starts at byte `from` of `text` to
/// `out` in one go, and returns where it ends: at the first byte that is not
/// plain ([`PLAIN`]), or that repeats the letter or space before it (which is
/// squeezed away). Each byte of the run folds to its lower case and stands
/// for itself in the original, so the run needs no decision per byte.
fn copy_plain_ascii(text: &str, from: usize, out: &mut Folded) -> usize {
    let bytes = text.as_bytes();
    // As if a space came first: leading white space is dropped.
    let mut last = out.text.as_bytes().last().copied().unwrap_or(b' ');
    let mut end = from;
    while let Some(&b) = bytes.get(end) {
        let folded = PLAIN[b as usize];
        if folded == 0 || (folded == last && (folded == b' ' || folded.is_ascii_lowercase())) {
            break;
        }
        last = folded;
        end += 1;
    }
    if end > from {
        out.push_ascii_lowercase(&text[from..end], from);
    }
    end
}

/// Folds `c`, the character at byte `at` of the original, into `out`.
fn fold_char(c: char, at: usize, out: &mut Folded) {
    let span = at..at + c.len_utf8();
    if c.is_ascii() {
        match c {
            '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' => out.push(' ', span),
            '\0'..='\u{1F}' | '\u{7F}' => {}
            '\'' | '`' => {}
            _ => out.push(c.to_ascii_lowercase(), span),
        }
        return;
    }
    if is_invisible(c) {
        if is_variation_selector(c) {
            extend_over_mark(out, &span);
        }
        return;
    }
    decompose_compatible(c, |d| {
        if d == c && is_combining_mark(c) {
            extend_over_mark(out, &span);
        } else {
            fold_decomposed(d, &span, out);
        }
    });
}

/// [`fold`] without the bulk copies: [`fold_char`] on every character. What
/// [`fold`] is tested against.
#[cfg(test)]
pub(super) fn fold_by_char(text: &str, out: &mut Folded) {
    for (at, c) in text.char_indices() {
        fold_char(c, at, out);
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

    fn fold_str(s: &str) -> String {
        let mut out = Folded::default();
        fold(s, &mut out);
        out.finish();
        out.text
    }

    #[test]
    fn folds_case_accents_and_space() {
        assert_eq!(fold_str("  Niét   ALLEEN\tthuis? "), "niet alen thuis?");
        assert_eq!(fold_str("café één"), "cafe en");
        assert_eq!(fold_str("\u{00A0}a\u{3000}b\u{2003}"), "a b");
    }

    #[test]
    fn folds_compatibility_forms() {
        assert_eq!(fold_str("ｓｎａｐ"), "snap");
        assert_eq!(fold_str("𝐬𝐧𝐚𝐩"), "snap");
        assert_eq!(fold_str("ⓢⓝⓐⓟ"), "snap");
        assert_eq!(fold_str("ˢⁿᵃᵖ"), "snap");
        assert_eq!(fold_str("ﬁx"), "fix");
    }

    #[test]
    fn removes_apostrophes() {
        assert_eq!(fold_str("don't"), "dont");
        assert_eq!(fold_str("don’t"), "dont");
        assert_eq!(fold_str("I'M"), "im");
        assert_eq!(fold_str("don＇t"), "dont");
    }

    #[test]
    fn squeezes_letters_not_digits() {
        assert_eq!(fold_str("heeeeey"), "hey");
        assert_eq!(fold_str("1000 euro"), "1000 euro");
        assert_eq!(fold_str("sssssecret"), "secret");
    }

    #[test]
    fn eszett_folds_to_s() {
        // "ss" is then squeezed like any other letter run.
        assert_eq!(fold_str("Straße"), "strase");
        let mut out = Folded::default();
        fold("ß", &mut out);
        assert_eq!(out.original_span(0..1), 0..2);
    }

    #[test]
    fn look_alikes_fold_through_the_confusable_step() {
        assert_eq!(fold_str("ѕnар"), "snap");
        assert_eq!(fold_str("ΑLΟΝΕ"), "alone");
        assert_eq!(fold_str("ᴀʟᴏɴᴇ"), "alone");
    }

    #[test]
    fn combining_marks_are_dropped_in_linear_time() {
        let zalgo: String = std::iter::once('a').chain(std::iter::repeat_n('\u{0301}', 10_000)).collect();
        let mut out = Folded::default();
        fold(&zalgo, &mut out);
        assert_eq!(out.text, "a");
        assert_eq!(out.original_span(0..1), 0..zalgo.len());
    }

    #[test]
    fn spans_take_in_the_marks_that_follow_a_letter() {
        let text = "s\u{0338}n\u{0334}a\u{0337}p\u{0336} \u{2764}\u{FE0F}";
        let mut out = Folded::default();
        fold(text, &mut out);
        assert_eq!(out.text, "snap \u{2764}");
        assert_eq!(out.original_span(0..4), 0..text.find(' ').unwrap());
        assert_eq!(&text[out.original_span(5..8)], "\u{2764}\u{FE0F}");
    }

    #[test]
    fn bulk_copies_equal_folding_by_char() {
        for s in [
            "Hello  World",
            "don't\ttell\n",
            "heeey 1000",
            "a\x00b",
            "  x  ",
            "AAbB",
            "s.n.4.p @ $5",
            "ａa aé e",
            "Ok 😀 ok\u{FE0F}O  ",
        ] {
            let (mut bulk, mut by_char) = (Folded::default(), Folded::default());
            fold(s, &mut bulk);
            fold_by_char(s, &mut by_char);
            assert_eq!((bulk.text, bulk.starts, bulk.ends), (by_char.text, by_char.starts, by_char.ends), "{s:?}");
        }
    }
}
