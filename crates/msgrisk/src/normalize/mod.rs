//! Folding a message into the form the matchers see, with a map back to the
//! original text.
//!
//! Every message, and every phrase of every rule, goes through the same
//! [`Normalizer::fold`], so a rule written in plain words lines up with a
//! message written in fullwidth letters, accents, or stretched vowels. The
//! result, [`Folded`], keeps for every byte of the folded text the byte range
//! of the original character it came from, so a match found in the folded
//! text is reported as a span of the **original** message.
//!
//! The steps, in order (see `NORMALIZATION.md` at the crate root):
//!
//! 1. characters that carry no letter are removed: zero-width and other
//!    invisible characters, bidi controls, ASCII control characters;
//! 2. compatibility decomposition (NFKD: fullwidth, math-bold, circled,
//!    ligatures), then combining marks are dropped (accents: `é` is `e`);
//! 3. lower case (`ß` becomes `ss`);
//! 4. apostrophes are removed (`don't` is `dont`);
//! 5. any run of white space becomes one space; leading and trailing space
//!    is dropped;
//! 6. a run of the same letter is squeezed to one (`heeey` is `hey`,
//!    `alleen` is `alen`); digits are never squeezed.
//!
//! Each character is decomposed on its own and combining marks are dropped,
//! never reordered, so the cost is linear in the length of the message
//! whatever it holds (a run of 10,000 combining marks included).
//!
//! What this module does not do: it does not find words or match anything
//! (that is [`crate::scan`]).

use std::ops::Range;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A message in folded form, with the map back to the original.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    text: String,
    /// For each byte of `text`: the start of the original character(s) it came from.
    starts: Vec<u32>,
    /// For each byte of `text`: the end of the original character(s) it came from.
    ends: Vec<u32>,
}

impl Folded {
    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The byte range of the original text that the folded range `folded`
    /// came from. `folded` must be a non-empty range on char boundaries of
    /// the folded text. The result lies on char boundaries of the original.
    pub fn original_span(&self, folded: Range<usize>) -> Range<usize> {
        debug_assert!(folded.start < folded.end && folded.end <= self.text.len());
        let start = self.starts[folded.start] as usize;
        let end = self.ends[folded.end - 1] as usize;
        start..end
    }

    fn clear(&mut self) {
        self.text.clear();
        self.starts.clear();
        self.ends.clear();
    }

    fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// Appends `c`, which came from `span` of the original, applying the
    /// white-space and repetition steps on the way.
    fn push(&mut self, c: char, span: Range<usize>) {
        let (start, end) = (span.start as u32, span.end as u32);
        if c.is_whitespace() {
            match self.last_char() {
                None | Some(' ') => {}
                Some(_) => self.push_raw(' ', start, end),
            }
            return;
        }
        if c.is_alphabetic() && self.last_char() == Some(c) {
            // Squeeze: the folded character now stands for the whole run.
            let n = c.len_utf8();
            let len = self.ends.len();
            for e in &mut self.ends[len - n..] {
                *e = end;
            }
            return;
        }
        self.push_raw(c, start, end);
    }

    fn push_raw(&mut self, c: char, start: u32, end: u32) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.starts.push(start);
            self.ends.push(end);
        }
    }

    fn finish(&mut self) {
        if self.text.ends_with(' ') {
            self.text.pop();
            self.starts.pop();
            self.ends.pop();
        }
    }
}

/// Folds text into its matching form. Cheap to create and to clone; it holds
/// no per-message state.
#[derive(Clone, Copy, Debug, Default)]
pub struct Normalizer {
    _private: (),
}

impl Normalizer {
    /// A normalizer with every step enabled.
    pub fn new() -> Normalizer {
        Normalizer { _private: () }
    }

    /// Folds `text`.
    ///
    /// ```
    /// let folded = msgrisk::Normalizer::new().fold("Dón't  TELL\u{200B} anyoneeee");
    /// assert_eq!(folded.as_str(), "dont tel anyone");
    /// ```
    pub fn fold(&self, text: &str) -> Folded {
        let mut out = Folded::default();
        self.fold_into(text, &mut out);
        out
    }

    /// Folds `text` into `out`, reusing its buffers.
    ///
    /// # Panics
    /// When `text` is 4 GiB or longer (offsets are stored as `u32`);
    /// [`crate::Classifier`] refuses such text with an error before it gets here.
    pub fn fold_into(&self, text: &str, out: &mut Folded) {
        assert!(text.len() < u32::MAX as usize, "text too long to fold");
        out.clear();
        out.text.reserve(text.len());
        out.starts.reserve(text.len());
        out.ends.reserve(text.len());
        if text.is_ascii() {
            fold_ascii(text, out);
        } else {
            fold_unicode(text, out);
        }
        out.finish();
    }
}

/// The fast path: the same steps as [`fold_unicode`], for ASCII text.
fn fold_ascii(text: &str, out: &mut Folded) {
    for (i, b) in text.bytes().enumerate() {
        let span = i..i + 1;
        match b {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => out.push(' ', span),
            0..=0x1F | 0x7F => {}
            b'\'' | b'`' => {}
            _ => out.push(b.to_ascii_lowercase() as char, span),
        }
    }
}

fn fold_unicode(text: &str, out: &mut Folded) {
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
            continue;
        }
        decompose_compatible(c, |d| {
            if is_combining_mark(d) || is_invisible(d) || is_apostrophe(d) {
                return;
            }
            if d == 'ß' || d == 'ẞ' {
                out.push('s', span.clone());
                out.push('s', span.clone());
                return;
            }
            for lower in d.to_lowercase() {
                if !is_combining_mark(lower) {
                    out.push(lower, span.clone());
                }
            }
        });
    }
}

/// Apostrophes and the characters used in their place.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{00B4}' | '\u{FF07}'
    )
}

/// Characters that show nothing (or only direction) and carry no letter:
/// removed so that `sn\u{200B}ap` is `snap`.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' // soft hyphen
            | '\u{034F}' // combining grapheme joiner
            | '\u{061C}' // arabic letter mark
            | '\u{115F}' | '\u{1160}' // hangul fillers
            | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' // mongolian variation selectors and vowel separator
            | '\u{200B}'..='\u{200F}' // zero-width space, joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{206F}' // word joiner, invisible operators, bidi isolates
            | '\u{2800}' // braille blank
            | '\u{3164}' // hangul filler
            | '\u{FE00}'..='\u{FE0F}' // variation selectors
            | '\u{FEFF}' // byte order mark
            | '\u{FFA0}' // halfwidth hangul filler
            | '\u{1D173}'..='\u{1D17A}' // musical formatting
            | '\u{E0000}'..='\u{E007F}' // tags
            | '\u{E0100}'..='\u{E01EF}' // variation selectors supplement
    ) || c.is_control()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        Normalizer::new().fold(s).as_str().to_string()
    }

    #[test]
    fn folds_case_accents_and_space() {
        assert_eq!(fold("  Niét   ALLEEN\tthuis? "), "niet alen thuis?");
        assert_eq!(fold("café één"), "cafe en");
    }

    #[test]
    fn folds_compatibility_forms() {
        assert_eq!(fold("ｓｎａｐ"), "snap");
        assert_eq!(fold("𝐬𝐧𝐚𝐩"), "snap");
        assert_eq!(fold("ⓢⓝⓐⓟ"), "snap");
    }

    #[test]
    fn removes_invisible_and_bidi() {
        assert_eq!(fold("sn\u{200B}a\u{2060}p\u{FEFF}"), "snap");
        assert_eq!(fold("\u{202E}snap\u{202C}"), "snap");
        assert_eq!(fold("sn\u{00AD}ap"), "snap");
    }

    #[test]
    fn removes_apostrophes() {
        assert_eq!(fold("don't"), "dont");
        assert_eq!(fold("don’t"), "dont");
        assert_eq!(fold("I'M"), "im");
    }

    #[test]
    fn squeezes_letters_not_digits() {
        assert_eq!(fold("heeeeey"), "hey");
        assert_eq!(fold("1000 euro"), "1000 euro");
        assert_eq!(fold("sssssecret"), "secret");
    }

    #[test]
    fn combining_marks_are_dropped_in_linear_time() {
        let zalgo: String = std::iter::once('a')
            .chain(std::iter::repeat('\u{0301}').take(10_000))
            .collect();
        let folded = Normalizer::new().fold(&zalgo);
        assert_eq!(folded.as_str(), "a");
        assert_eq!(folded.original_span(0..1), 0..1);
    }

    #[test]
    fn ascii_fast_path_equals_general_path() {
        for s in [
            "Hello  World",
            "don't\ttell\n",
            "heeey 1000",
            "a\x00b",
            "  x  ",
            "AAbB",
        ] {
            let mut general = Folded::default();
            fold_unicode(s, &mut general);
            general.finish();
            assert_eq!(fold(s), general.as_str(), "{s:?}");
        }
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let text = "Hé\u{200B}y ÑIÉT 😀 sneeeaky";
        let folded = Normalizer::new().fold(text);
        assert_eq!(folded.as_str(), "hey niet 😀 sneaky");
        let f = folded.as_str();
        let at = |needle: &str| {
            let s = f.find(needle).unwrap();
            let span = folded.original_span(s..s + needle.len());
            &text[span]
        };
        assert_eq!(at("hey"), "Hé\u{200B}y");
        assert_eq!(at("niet"), "ÑIÉT");
        assert_eq!(at("😀"), "😀");
        assert_eq!(at("sneaky"), "sneeeaky");
        assert_eq!(at("e"), "é");
    }

    #[test]
    fn eszett_folds_to_s() {
        // "ss" is then squeezed like any other letter run.
        assert_eq!(fold("Straße"), "strase");
        let f = Normalizer::new().fold("ß");
        assert_eq!(f.original_span(0..1), 0..2);
    }
}
