//! Folding a message into the form the matchers see, with a map back to the
//! original text.
//!
//! Every message, and every phrase of every rule, goes through the same
//! [`Normalizer::fold`], so a rule written in plain words lines up with a
//! message written in fullwidth or look-alike letters, leetspeak, spaced or
//! dotted letters, accents, or stretched vowels. The result, [`Folded`],
//! keeps for every byte of the folded text the byte range of the original
//! character(s) it came from, so a match found in the folded text is reported
//! as a span of the **original** message.
//!
//! Folding runs in two stages (every step is documented, with its limits, in
//! `NORMALIZATION.md` at the crate root):
//!
//! * **characters** ([`chars`]), one at a time: invisible characters and
//!   bidi controls removed ([`invisible`]); compatibility decomposition
//!   (NFKD) with combining marks dropped; look-alike letters of other scripts
//!   to Latin ([`confusable`]); lower case; apostrophes removed; white space
//!   collapsed; runs of one letter squeezed.
//! * **words** ([`words`]), one space-separated chunk at a time: letters
//!   joined by separators glued (`s.n.a.p`, [`separator`]); leetspeak inside
//!   words that mix letters and digits ([`leet`]); letters squeezed again;
//!   then runs of single letters separated by spaces glued (`s n a p`).
//!
//! The character stage costs the same for every character whatever follows
//! it (a run of 10,000 combining marks is linear). The word stage runs only
//! when a chunk mixes letters with digits, separators or leet symbols, or
//! three single letters follow each other; otherwise (most chat) it costs
//! one read of the text.
//!
//! What this module does not do: it does not find words or match anything
//! (that is [`crate::scan`]).

mod chars;
mod confusable;
mod confusable_table;
mod invisible;
mod leet;
mod separator;
mod words;

use std::fmt;
use std::ops::Range;

/// A message in folded form, with the map back to the original.
#[derive(Clone, Default)]
pub struct Folded {
    text: String,
    /// For each byte of `text`: the start of the original character(s) it came from.
    starts: Vec<u32>,
    /// For each byte of `text`: the end of the original character(s) it came from.
    ends: Vec<u32>,
    /// Offsets of `text`, inside a word glued from spaced single letters,
    /// where a word boundary may also be taken to be (sorted; see
    /// [`Folded::is_soft_boundary`]).
    soft: Vec<u32>,
    /// The character stage's output, kept to reuse its buffers.
    stage: Stage,
}

impl fmt::Debug for Folded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Folded")
            .field("text", &self.text)
            .field("starts", &self.starts)
            .field("ends", &self.ends)
            .field("soft", &self.soft)
            .finish()
    }
}

/// The folded text of the character stage, read by the word stage, and the
/// word stage's buffer for one chunk.
#[derive(Default)]
struct Stage {
    text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
    chunk: Vec<words::Ch>,
}

impl Clone for Stage {
    /// Scratch space: a clone starts empty.
    fn clone(&self) -> Stage {
        Stage::default()
    }
}

impl Folded {
    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The byte range of the original text that the folded range `folded`
    /// came from. `folded` must be a non-empty range on char boundaries of
    /// the folded text. The result lies on char boundaries of the original.
    ///
    /// Characters removed inside the range (separators of glued letters,
    /// invisible characters, repeated letters) are inside the span; those
    /// removed just before or after it are not.
    pub fn original_span(&self, folded: Range<usize>) -> Range<usize> {
        debug_assert!(folded.start < folded.end && folded.end <= self.text.len());
        let start = self.starts[folded.start] as usize;
        let end = self.ends[folded.end - 1] as usize;
        start..end
    }

    /// Whether a phrase may start or end at byte `offset` of the folded text
    /// although a letter is on both sides: `offset` lies between two letters
    /// that were written as separate one-letter words and glued (`a p i c`
    /// is folded to `apic`, and `pic` may match from offset 1). See
    /// `NORMALIZATION.md`, "Spaced letters".
    pub fn is_soft_boundary(&self, offset: usize) -> bool {
        !self.soft.is_empty() && self.soft.binary_search(&(offset as u32)).is_ok()
    }

    fn clear(&mut self) {
        self.text.clear();
        self.starts.clear();
        self.ends.clear();
        self.soft.clear();
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
        if self.last_char() == Some(c) && c.is_alphabetic() {
            self.extend_last(end);
            return;
        }
        self.push_raw(c, start, end);
    }

    /// Squeeze: the last folded character now stands for everything up to
    /// `end` of the original.
    fn extend_last(&mut self, end: u32) {
        let n = self.last_char().map_or(0, char::len_utf8);
        let len = self.ends.len();
        for e in &mut self.ends[len - n..] {
            *e = end;
        }
    }

    fn push_raw(&mut self, c: char, start: u32, end: u32) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.starts.push(start);
            self.ends.push(end);
        }
    }

    /// Appends `s`, plain ASCII that starts at byte `start` of the original,
    /// in lower case; each of its bytes came from itself. The caller has
    /// applied the white-space and repetition steps.
    fn push_ascii_lowercase(&mut self, s: &str, start: usize) {
        debug_assert!(s.is_ascii());
        let at = self.text.len();
        self.text.push_str(s);
        self.text[at..].make_ascii_lowercase();
        let (start, end) = (start as u32, (start + s.len()) as u32);
        self.starts.extend(start..end);
        self.ends.extend(start + 1..end + 1);
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
    /// let n = msgrisk::Normalizer::new();
    /// assert_eq!(n.fold("Dón't  TELL\u{200B} anyoneeee").as_str(), "dont tel anyone");
    /// assert_eq!(n.fold("ѕnар me (s.n.a.p) or sn4p").as_str(), "snap me (snap) or snap");
    /// assert_eq!(n.fold("I'm 13, 500 euro").as_str(), "im 13, 500 euro");
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
        chars::fold(text, out);
        out.finish();
        words::fold_words(out);
    }
}

#[cfg(test)]
mod tests;
