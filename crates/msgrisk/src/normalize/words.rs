//! The word stage: the character stage's text, one space-separated chunk at
//! a time, with the steps that need to see a whole word.
//!
//! Each chunk is folded on its own: separators between single letters
//! removed ([`separator::glue_chains`]), leetspeak folded ([`leet`]), letters
//! squeezed again (leetspeak and gluing can make new runs: `s33` is `se`).
//! Then runs of chunks that each folded to one letter or digit are glued
//! ([`separator::soft_boundaries`] says where phrases may still start or
//! end inside the glued word). A chunk that looks like a web or e-mail
//! address is left as it is.
//!
//! When no chunk of a message mixes letters with digits, separators or
//! leet symbols and no letters are spaced out (most messages), the stage
//! ends after one read of the text; when the steps would change nothing, it
//! ends before copying anything.

use super::{leet, separator, Folded, Stage};

/// One folded character and the span of the original it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Ch {
    pub(super) c: char,
    pub(super) start: u32,
    pub(super) end: u32,
}

/// What the word stage needs to know of a chunk to decide about it.
#[derive(Clone, Copy, Debug, Default)]
struct Shape {
    /// It holds a letter.
    letters: bool,
    /// It holds a digit, `$`, a separator between two tokens, or `@ € ! |`
    /// between two letters or digits: with [`Shape::letters`], leetspeak or
    /// gluing may apply.
    others: bool,
    /// How many letters and digits it holds, and the last of them.
    alnum: u32,
    unit: char,
    /// Punctuation before the first letter or digit, after the last.
    lead: bool,
    trail: bool,
    /// A separator is among that punctuation.
    edge_separator: bool,
    len: u32,
    first: char,
    /// The last character was a letter or digit; it was one of `@ € ! |`
    /// right after one (leetspeak folds it if a letter or digit follows).
    after_alnum: bool,
    inner_symbol: bool,
    /// The last character was part of a token (a letter, digit or leet
    /// symbol); it was a separator right after one (gluing may remove it
    /// if a token follows). A full stop at the end of a word is not.
    after_token: bool,
    inner_separator: bool,
}

const ALPHA: u8 = 1;
const DIGIT: u8 = 2;
const SEPARATOR: u8 = 4;
/// `@ ! |`: leetspeak folds them between letters or digits.
const INNER: u8 = 8;
/// `$`: leetspeak folds it (`$ecret`).
const DOLLAR: u8 = 16;
/// A byte of a non-ASCII character.
const NOT_ASCII: u8 = 32;

/// What [`Shape::push_ascii`] and [`Summary::push`] ask of a byte, for each
/// byte.
const BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0u8;
    loop {
        table[b as usize] = if !b.is_ascii() {
            NOT_ASCII
        } else if b.is_ascii_alphabetic() {
            ALPHA
        } else if b.is_ascii_digit() {
            DIGIT
        } else if matches!(b, b'.' | b'-' | b'_' | b'*' | b'~' | b'+' | b'/') {
            SEPARATOR
        } else if matches!(b, b'@' | b'!' | b'|') {
            INNER
        } else if b == b'$' {
            DOLLAR
        } else {
            0
        };
        if b == u8::MAX {
            break;
        }
        b += 1;
    }
    table
};

/// How a chunk takes part in a run of spaced letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// One letter or digit, maybe with punctuation before (then it can only
    /// begin a run: `(s n a p)`) or after (then it ends one: `s n a p?`).
    Unit {
        c: char,
        lead: bool,
        trail: bool,
    },
    /// One separator character (`s - n - a - p`).
    Separator,
    Other,
}

impl Shape {
    fn of(chars: impl Iterator<Item = char>) -> Shape {
        let mut s = Shape::default();
        for c in chars {
            s.push(c);
        }
        s
    }

    /// [`Shape::of`] a chunk of text, ASCII by table.
    fn of_str(chunk: &str) -> Shape {
        let mut s = Shape::default();
        for c in chunk.chars() {
            if c.is_ascii() {
                s.push_ascii(c as u8);
            } else {
                s.push(c);
            }
        }
        s
    }

    /// Takes in the chunk's next character.
    #[inline]
    fn push(&mut self, c: char) {
        if self.len == 0 {
            self.first = c;
        }
        self.len += 1;
        let token = leet::is_token_char(c);
        if token {
            self.others |= self.inner_separator;
        }
        self.inner_separator = false;
        if c.is_alphanumeric() {
            if c.is_alphabetic() {
                self.letters = true;
            } else {
                self.others = true;
            }
            self.others |= self.inner_symbol;
            self.alnum += 1;
            self.unit = c;
            self.inner_symbol = false;
            self.after_alnum = true;
            self.after_token = true;
            return;
        }
        let separator = separator::is_separator(c);
        self.inner_symbol = self.after_alnum && matches!(c, '@' | '€' | '!' | '|');
        self.inner_separator = self.after_token && separator;
        self.after_alnum = false;
        self.after_token = token;
        self.others |= c == '$';
        if self.alnum == 0 {
            self.lead = true;
        } else {
            self.trail = true;
        }
        self.edge_separator |= separator;
    }

    /// [`Shape::push`] for an ASCII byte, by table.
    #[inline]
    fn push_ascii(&mut self, b: u8) {
        let class = BYTE_CLASS[b as usize];
        if self.len == 0 {
            self.first = b as char;
        }
        self.len += 1;
        let token = class & (ALPHA | DIGIT | INNER) != 0 || b == b'$';
        if token {
            self.others |= self.inner_separator;
        }
        self.inner_separator = false;
        if class & (ALPHA | DIGIT) != 0 {
            if class & ALPHA != 0 {
                self.letters = true;
            } else {
                self.others = true;
            }
            self.others |= self.inner_symbol;
            self.alnum += 1;
            self.unit = b as char;
            self.inner_symbol = false;
            self.after_alnum = true;
            self.after_token = true;
            return;
        }
        let separator = class & SEPARATOR != 0;
        self.inner_symbol = self.after_alnum && class & INNER != 0;
        self.inner_separator = self.after_token && separator;
        self.after_alnum = false;
        self.after_token = token;
        self.others |= b == b'$';
        if self.alnum == 0 {
            self.lead = true;
        } else {
            self.trail = true;
        }
        self.edge_separator |= separator;
    }

    /// Whether leetspeak or gluing may apply inside the chunk.
    #[inline]
    fn mixed(&self) -> bool {
        self.letters && self.others
    }

    fn kind(&self) -> Kind {
        if self.len == 1 && separator::is_separator(self.first) {
            Kind::Separator
        } else if self.alnum == 1 && !self.edge_separator && !(self.lead && self.trail) {
            Kind::Unit { c: self.unit, lead: self.lead, trail: self.trail }
        } else {
            Kind::Other
        }
    }
}

/// Runs of units, followed chunk by chunk as [`fold_chunks`] follows them,
/// to tell whether one would be glued.
struct UnitRuns {
    units: usize,
    letter: bool,
    /// Every unit so far is a one-letter word.
    all_words: bool,
    separator: bool,
}

impl Default for UnitRuns {
    fn default() -> UnitRuns {
        UnitRuns { units: 0, letter: false, all_words: true, separator: false }
    }
}

impl UnitRuns {
    /// Takes in the next chunk; returns whether a run it ends is glued.
    fn next(&mut self, kind: Kind) -> bool {
        match kind {
            Kind::Unit { c, lead, trail } => {
                let mut glued = lead && self.close();
                self.units += 1;
                self.letter |= c.is_alphabetic();
                self.all_words &= separator::is_one_letter_word(c);
                self.separator = false;
                if trail {
                    glued |= self.close();
                }
                glued
            }
            Kind::Separator if self.units > 0 && !self.separator => {
                self.separator = true;
                false
            }
            _ => self.close(),
        }
    }

    /// Ends the run; returns whether it is glued.
    fn close(&mut self) -> bool {
        let glued = separator::glues(self.units, self.letter, self.all_words);
        *self = UnitRuns::default();
        glued
    }
}

/// What [`would_change`] needs to know of a chunk: whether it mixes letters
/// with digits, separators or leet symbols ([`Shape::mixed`]), and how it
/// takes part in a run of spaced letters. Most chunks are ASCII letters and
/// punctuation (or digits and punctuation) other than one letter or digit:
/// the [`Summary`] of their bytes settles both. Any other chunk is read by
/// [`Shape`].
pub(super) fn look(chunk: &str, summary: Summary) -> (bool, Kind) {
    if summary.is_plain_word(chunk.len()) {
        return (false, Kind::Other);
    }
    let shape = Shape::of_str(chunk);
    (shape.mixed(), shape.kind())
}

/// [`look`] without the summary: what it must return.
#[cfg(test)]
pub(super) fn look_by_shape(chunk: &str) -> (bool, Kind) {
    let shape = Shape::of_str(chunk);
    (shape.mixed(), shape.kind())
}

/// The bytes of a chunk, summed up for [`look`].
#[derive(Clone, Copy, Default)]
pub(super) struct Summary {
    /// Their classes ([`BYTE_CLASS`]) together.
    seen: u8,
    /// How many are ASCII letters or digits.
    alnum: u32,
}

impl Summary {
    /// The summary of `chunk`.
    #[cfg(test)]
    pub(super) fn of(chunk: &str) -> Summary {
        let mut s = Summary::default();
        chunk.bytes().for_each(|b| s.push(b));
        s
    }

    /// Whether the chunk, `len` bytes long, is ASCII that does not mix
    /// letters with digits, separators or leet symbols, and is not one
    /// letter or digit (with punctuation) or one byte: then it is no part of
    /// a run of spaced letters ([`Kind::Other`]) and folds to itself.
    #[inline]
    fn is_plain_word(&self, len: usize) -> bool {
        let unmixed = self.seen & NOT_ASCII == 0
            && (self.seen & ALPHA == 0 || self.seen & (DIGIT | SEPARATOR | INNER | DOLLAR) == 0);
        unmixed && self.alnum != 1 && len != 1
    }

    /// Takes in the chunk's next byte.
    #[inline]
    fn push(&mut self, b: u8) {
        let class = BYTE_CLASS[b as usize];
        self.seen |= class;
        self.alnum += u32::from(class & (ALPHA | DIGIT) != 0);
    }
}

/// A quicker, rougher [`would_change`], to rule most messages out: it
/// returns `false` only when that does. Without a digit, `$`, separator or
/// one of `@ € ! |` (a *trigger*) no chunk mixes letters with anything
/// leetspeak or gluing takes, and no chunk is a lone separator; a run of
/// spaced letters then needs three chunks in a row of one letter each.
pub(super) fn may_need_word_steps(text: &str) -> bool {
    let mut quick = Quick::default();
    if text.is_ascii() {
        // The loop below, which the compiler makes much faster knowing that
        // every byte is a character.
        return text.bytes().any(|b| quick.push_ascii(b)) || quick.end_chunk();
    }
    let mut at = 0;
    while let Some(&b) = text.as_bytes().get(at) {
        if b.is_ascii() {
            if quick.push_ascii(b) {
                return true;
            }
            at += 1;
        } else if let Some(c) = text[at..].chars().next() {
            if quick.push(c) {
                return true;
            }
            at += c.len_utf8();
        }
    }
    quick.end_chunk()
}

/// The state of [`may_need_word_steps`].
#[derive(Default)]
struct Quick {
    /// Letters and digits in the chunk so far.
    alnum: u32,
    /// Chunks in a row, just before this one, with one letter or digit each.
    singles: u32,
}

impl Quick {
    /// Takes in the next ASCII byte; returns whether the word stage may apply.
    #[inline]
    fn push_ascii(&mut self, b: u8) -> bool {
        let class = BYTE_CLASS[b as usize];
        if class & (DIGIT | SEPARATOR | INNER) != 0 || b == b'$' {
            return true;
        }
        if b == b' ' {
            return self.end_chunk();
        }
        self.alnum += u32::from(class & ALPHA);
        false
    }

    /// [`Quick::push_ascii`] for a non-ASCII character.
    fn push(&mut self, c: char) -> bool {
        if c == '€' || separator::is_separator(c) {
            return true;
        }
        if c.is_alphabetic() {
            self.alnum += 1;
            return false;
        }
        // A digit or number that is not a letter.
        c.is_numeric()
    }

    /// Ends a chunk; returns whether it makes three single letters in a row.
    fn end_chunk(&mut self) -> bool {
        self.singles = if self.alnum == 1 { self.singles + 1 } else { 0 };
        self.alnum = 0;
        self.singles >= separator::MIN_UNITS as u32
    }
}

/// Runs the word stage over `out`, which holds the character stage's text.
pub(super) fn fold_words(out: &mut Folded) {
    if !may_need_word_steps(&out.text) {
        return;
    }
    let mut src = std::mem::take(&mut out.stage);
    let mut buf = std::mem::take(&mut src.chunk);
    // Most messages have nothing to fold: find out before copying the text.
    if !would_change(&out.text, &mut buf) {
        src.chunk = buf;
        out.stage = src;
        return;
    }
    std::mem::swap(&mut src.text, &mut out.text);
    std::mem::swap(&mut src.starts, &mut out.starts);
    std::mem::swap(&mut src.ends, &mut out.ends);
    out.text.clear();
    out.starts.clear();
    out.ends.clear();
    out.text.reserve(src.text.len());
    out.starts.reserve(src.text.len());
    out.ends.reserve(src.text.len());
    fold_chunks(&src, out, &mut buf);
    src.chunk = buf;
    out.stage = src;
}

/// Whether [`fold_chunks`] would change `text` (the character stage's
/// output: single spaces, none at either end): the same steps, without the
/// spans and without writing anything. This runs on every message, so it
/// reads most chunks by a summary of their bytes ([`look`]). Only a chunk
/// that mixes letters with digits, separators or leet symbols
/// ([`Shape::mixed`]) is folded: any other folds to itself (the character
/// stage has squeezed its letters, and gluing and leetspeak need that mix).
/// Then a run of spaced letters may be glued. A number, a price or a
/// sentence with a full stop changes nothing.
pub(super) fn would_change(text: &str, buf: &mut Vec<Ch>) -> bool {
    let mut runs = UnitRuns::default();
    let mut start = 0;
    let mut summary = Summary::default();
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b == b' ' {
            // The common case, a word outside a run of spaced letters, is
            // settled here.
            if (runs.units > 0 || !summary.is_plain_word(i - start))
                && chunk_would_change(&text[start..i], summary, &mut runs, buf)
            {
                return true;
            }
            start = i + 1;
            summary = Summary::default();
        } else {
            summary.push(b);
        }
    }
    chunk_would_change(&text[start..], summary, &mut runs, buf) || runs.close()
}

/// [`would_change`] for one chunk, whose bytes are summed up in `summary`:
/// whether it folds to something else, or ends a run of spaced letters that
/// is glued.
fn chunk_would_change(chunk: &str, summary: Summary, runs: &mut UnitRuns, buf: &mut Vec<Ch>) -> bool {
    let (mixed, kind) = look(chunk, summary);
    (mixed && folds_to_other(chunk, buf)) || runs.next(kind)
}

/// Whether [`fold_chunk`] changes `chunk`.
pub(super) fn folds_to_other(chunk: &str, buf: &mut Vec<Ch>) -> bool {
    buf.clear();
    buf.extend(chunk.chars().map(|c| Ch { c, start: 0, end: 0 }));
    fold_chunk(buf);
    buf.len() != chunk.chars().count() || buf.iter().zip(chunk.chars()).any(|(a, c)| a.c != c)
}

fn fold_chunks(src: &Stage, out: &mut Folded, buf: &mut Vec<Ch>) {
    let mut spaced = Spaced::default();
    let mut pos = 0;
    for chunk in src.text.split(' ') {
        let range = pos..pos + chunk.len();
        if pos > 0 {
            let space = pos - 1;
            out.push_raw(' ', src.starts[space], src.ends[space]);
        }
        pos = range.end + 1;
        buf.clear();
        buf.extend(chunk.char_indices().map(|(i, c)| Ch {
            c,
            start: src.starts[range.start + i],
            end: src.ends[range.start + i],
        }));
        fold_chunk(buf);
        let kind = Shape::of(buf.iter().map(|ch| ch.c)).kind();
        match kind {
            Kind::Unit { c, lead, trail } => {
                if lead {
                    spaced.close(out);
                }
                let chunk_start = out.text.len();
                let mut at = chunk_start;
                for ch in buf.iter() {
                    if ch.c == c {
                        at = out.text.len();
                    }
                    out.push_raw(ch.c, ch.start, ch.end);
                }
                spaced.add(chunk_start..out.text.len(), at, c);
                if trail {
                    spaced.close(out);
                }
                continue;
            }
            Kind::Separator if spaced.may_take_separator() => spaced.separator = true,
            _ => spaced.close(out),
        }
        for ch in buf.iter() {
            out.push_raw(ch.c, ch.start, ch.end);
        }
    }
    spaced.close(out);
}

/// Folds one chunk: separators, leetspeak, squeeze.
fn fold_chunk(chunk: &mut Vec<Ch>) {
    if is_address(chunk) {
        return;
    }
    separator::glue_chains(chunk);
    leet::fold_tokens(chunk);
    squeeze(chunk);
}

/// Whether the chunk looks like a web or e-mail address: `://`, or `@`
/// after a letter or digit with a `.` later. (`www.` is squeezed to `w.`
/// before this; such an address is folded like other text.)
fn is_address(chunk: &[Ch]) -> bool {
    let mut at = false;
    for (i, ch) in chunk.iter().enumerate() {
        let next = |k: usize| chunk.get(i + k).map(|c| c.c);
        match ch.c {
            ':' if next(1) == Some('/') && next(2) == Some('/') => return true,
            '@' if i > 0 && chunk[i - 1].c.is_alphanumeric() => at = true,
            '.' if at => return true,
            _ => {}
        }
    }
    false
}

/// Squeezes runs of one letter to one, the kept letter standing for the
/// whole run of the original.
pub(super) fn squeeze(chars: &mut Vec<Ch>) {
    let mut w = 0;
    for r in 0..chars.len() {
        if w > 0 && chars[w - 1].c == chars[r].c && chars[r].c.is_alphabetic() {
            chars[w - 1].end = chars[r].end;
        } else {
            chars[w] = chars[r];
            w += 1;
        }
    }
    chars.truncate(w);
}

/// The letter or digit a token folds to on its own, if it folds to one
/// (`a`, `4`, `a4`, `aaa`; not `@`, `ab`, `13`).
pub(super) fn unit_of(token: &[Ch]) -> Option<char> {
    if let [ch] = token {
        return ch.c.is_alphanumeric().then_some(ch.c);
    }
    let mut t = token.to_vec();
    leet::fold_token(&mut t);
    squeeze(&mut t);
    match t.as_slice() {
        [ch] if ch.c.is_alphanumeric() => Some(ch.c),
        _ => None,
    }
}

/// A run of chunks that each folded to one letter or digit, being collected
/// in the output to be glued.
#[derive(Default)]
struct Spaced {
    /// Where the first unit's chunk starts in the output (before any
    /// punctuation that leads it).
    start: usize,
    /// Offsets in the output of each unit's character.
    units: Vec<usize>,
    /// The output's length just after the last unit's character, and after
    /// its chunk (with any punctuation that trails it).
    end: usize,
    chunk_end: usize,
    /// Whether a separator word follows the last unit.
    separator: bool,
    letter: bool,
    /// Some unit is not a one-letter word.
    not_all_words: bool,
}

impl Spaced {
    /// Adds the unit `c`, whose chunk spans `chunk` of the output and whose
    /// character starts at `at`.
    fn add(&mut self, chunk: std::ops::Range<usize>, at: usize, c: char) {
        if self.units.is_empty() {
            self.start = chunk.start;
        }
        self.units.push(at);
        self.end = at + c.len_utf8();
        self.chunk_end = chunk.end;
        self.separator = false;
        self.letter |= c.is_alphabetic();
        self.not_all_words |= !separator::is_one_letter_word(c);
    }

    fn may_take_separator(&self) -> bool {
        !self.units.is_empty() && !self.separator
    }

    /// Ends the run; glues it in `out` if it is long enough.
    fn close(&mut self, out: &mut Folded) {
        let run = std::mem::take(self);
        if !separator::glues(run.units.len(), run.letter, !run.not_all_words) {
            return;
        }
        let chars_of = |out: &Folded, range: std::ops::Range<usize>| -> Vec<Ch> {
            out.text[range.clone()]
                .char_indices()
                .map(|(i, c)| Ch { c, start: out.starts[range.start + i], end: out.ends[range.start + i] })
                .collect()
        };
        // The glued word is folded as the chunk it becomes, with the
        // punctuation before and after it, so that folding it again changes
        // nothing.
        let mut word = chars_of(out, run.start..run.units[0]);
        for &at in &run.units {
            word.extend(chars_of(out, at..at + out.text[at..].chars().next().map_or(1, char::len_utf8)));
        }
        word.extend(chars_of(out, run.end..run.chunk_end));
        let unit_starts: Vec<u32> = run.units.iter().map(|&at| out.starts[at]).collect();
        // What follows the run (a space, a separator word) is put back after.
        let tail_text = out.text.split_off(run.chunk_end);
        let tail_starts = out.starts.split_off(run.chunk_end);
        let tail_ends = out.ends.split_off(run.chunk_end);
        out.text.truncate(run.start);
        out.starts.truncate(run.start);
        out.ends.truncate(run.start);
        fold_chunk(&mut word);
        // Which folded characters came from units (not from punctuation),
        // and where soft boundaries fall between them.
        let from_unit: Vec<bool> = word.iter().map(|ch| unit_starts.binary_search(&ch.start).is_ok()).collect();
        let letters: Vec<char> = word.iter().zip(&from_unit).filter(|(_, u)| **u).map(|(ch, _)| ch.c).collect();
        let mut soft = separator::soft_boundaries(&letters).peekable();
        let mut m = 0;
        for (ch, &unit) in word.iter().zip(&from_unit) {
            if unit {
                if soft.next_if_eq(&m).is_some() {
                    out.soft.push(out.text.len() as u32);
                }
                m += 1;
            }
            out.push_raw(ch.c, ch.start, ch.end);
        }
        out.text.push_str(&tail_text);
        out.starts.extend_from_slice(&tail_starts);
        out.ends.extend_from_slice(&tail_ends);
    }
}

#[cfg(test)]
/// [`fold_words`] without the checks that skip it, to test that they skip
/// only what it would not change.
pub(super) fn fold_words_always(out: &mut Folded) {
    let mut src = std::mem::take(&mut out.stage);
    std::mem::swap(&mut src.text, &mut out.text);
    std::mem::swap(&mut src.starts, &mut out.starts);
    std::mem::swap(&mut src.ends, &mut out.ends);
    out.text.clear();
    out.starts.clear();
    out.ends.clear();
    let mut buf = Vec::new();
    fold_chunks(&src, out, &mut buf);
    out.stage = src;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<Ch> {
        s.char_indices().map(|(i, c)| Ch { c, start: i as u32, end: (i + c.len_utf8()) as u32 }).collect()
    }

    #[test]
    fn plain_text_numbers_and_sentences_need_no_word_steps() {
        let would_change = |s: &str| would_change(s, &mut Vec::new());
        for s in [
            "hey how r u",
            "ok see you at 5, or 6.30",
            "it costs 500 euro",
            "u r a cutie",
            "r u a boy or a girl",
            "dit is ons geheim. echt!",
            "héé 😘 café",
            "x x",
            "a part-time job",
        ] {
            assert!(!would_change(s), "{s}");
        }
        for s in ["sn4p", "s.n.a.p", "s n a p", "s - n - a - p", "$ecret", "p!c", "ѕn4р", "p i c?"] {
            assert!(would_change(s), "{s}");
            assert!(may_need_word_steps(s), "{s}");
        }
    }

    #[test]
    fn a_quick_look_rules_out_words_and_sentences() {
        for s in ["hey how are you", "héé 😘 café", "x x", "ok r u there?", "a b", "", "what?? (no way)"] {
            assert!(!may_need_word_steps(s), "{s}");
        }
        for s in ["u r a cutie", "call me at 5", "a-b", "wow!", "€", "½", "u\u{00B7}"] {
            assert!(may_need_word_steps(s), "{s}");
        }
    }

    #[test]
    fn plain_chunks_are_looked_at_by_summary() {
        for s in ["hey", "school.", "(hi)", "500", "6.30", "part-time", "p?", "-", "a", "", "é", "p!c", "a1"] {
            assert_eq!(look(s, Summary::of(s)), look_by_shape(s), "{s}");
        }
    }

    #[test]
    fn chunks_take_part_in_spaced_runs_by_their_shape() {
        let kind = |s: &str| Shape::of(s.chars()).kind();
        assert!(matches!(kind("p"), Kind::Unit { c: 'p', lead: false, trail: false }));
        assert!(matches!(kind("p?"), Kind::Unit { trail: true, .. }));
        assert!(matches!(kind("(p"), Kind::Unit { lead: true, .. }));
        assert!(matches!(kind("(p)"), Kind::Other));
        assert!(matches!(kind("p."), Kind::Other));
        assert!(matches!(kind("-"), Kind::Separator));
        assert!(matches!(kind("ab"), Kind::Other));
    }

    #[test]
    fn addresses_are_recognised() {
        assert!(is_address(&chars("lisa@example.com")));
        assert!(is_address(&chars("https://t.co/x")));
        assert!(!is_address(&chars("@lisa")));
        assert!(!is_address(&chars("s.n.a.p")));
    }

    #[test]
    fn squeezing_keeps_the_span_of_the_run() {
        let mut c = chars("heeey");
        squeeze(&mut c);
        assert_eq!(c.iter().map(|ch| ch.c).collect::<String>(), "hey");
        assert_eq!((c[1].start, c[1].end), (1, 4));
        let mut c = chars("1000");
        squeeze(&mut c);
        assert_eq!(c.len(), 4);
    }

    #[test]
    fn units_are_tokens_that_fold_to_one_character() {
        assert_eq!(unit_of(&chars("a")), Some('a'));
        assert_eq!(unit_of(&chars("4")), Some('4'));
        assert_eq!(unit_of(&chars("a4")), Some('a'));
        assert_eq!(unit_of(&chars("ss")), Some('s'));
        assert_eq!(unit_of(&chars("ab")), None);
        assert_eq!(unit_of(&chars("13")), None);
        assert_eq!(unit_of(&chars("@")), None);
    }
}
