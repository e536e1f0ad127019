//! The word stage: the character stage's text, one space-separated chunk at
//! a time, with the steps that need to see a whole word.
//!
//! Each chunk is folded on its own: separators between single letters
//! removed ([`separator::glue_chains`]), leetspeak folded ([`leet`]), letters
//! squeezed again (leetspeak and gluing can make new runs: `s33` is `se`).
//! Then runs of chunks that each folded to one letter or digit are glued
//! ([`separator::glue_spaced`]). A chunk that looks like a web or e-mail
//! address is left as it is.
//!
//! A chunk of plain letters and punctuation (the most common by far) is
//! copied as it is, and when no chunk of the message needs this stage the
//! text is not touched at all.

use super::{leet, separator, Folded, Stage};

/// One folded character and the span of the original it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Ch {
    pub(super) c: char,
    pub(super) start: u32,
    pub(super) end: u32,
}

/// ASCII bytes that make a chunk need this stage: digits, leet symbols and
/// separators.
const SPECIAL: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = b'0';
    while b <= b'9' {
        table[b as usize] = true;
        b += 1;
    }
    let symbols = b"@$!|.-_*~+/";
    let mut i = 0;
    while i < symbols.len() {
        table[symbols[i] as usize] = true;
        i += 1;
    }
    table
};

fn is_special(b: u8) -> bool {
    b >= 0x80 || SPECIAL[b as usize]
}

/// Whether this stage may change `text` (the character stage's output:
/// single spaces, none at either end): whether a chunk mixes letters with
/// digits, leet symbols or separators, or three or more chunks of one
/// letter or digit follow each other (with a separator chunk between them
/// or not). A number, a price or a sentence with a full stop does not.
///
/// This runs on every message: ASCII text is read a byte at a time with a
/// table; other text a character at a time.
fn needs_word_steps(text: &str) -> bool {
    let mut runs = UnitRuns::default();
    if text.is_ascii() {
        let (mut flags, mut len, mut first) = (0u8, 0usize, 0u8);
        for &b in text.as_bytes() {
            if b == b' ' {
                if runs.end_chunk(flags, len, first as char) {
                    return true;
                }
                (flags, len) = (0, 0);
            } else {
                if len == 0 {
                    first = b;
                }
                len += 1;
                flags |= ASCII_CLASS[b as usize];
            }
        }
        return runs.end_chunk(flags, len, first as char) || runs.glues();
    }
    for chunk in text.split(' ') {
        let (mut flags, mut len, mut first) = (0u8, 0usize, ' ');
        for c in chunk.chars() {
            if len == 0 {
                first = c;
            }
            len += 1;
            if c.is_alphabetic() {
                flags |= LETTER;
            } else if c.is_numeric() || leet::is_token_char(c) || separator::is_separator(c) {
                flags |= OTHER;
            }
        }
        if runs.end_chunk(flags, len, first) {
            return true;
        }
    }
    runs.glues()
}

/// A chunk holds a letter.
const LETTER: u8 = 1;
/// A chunk holds a digit, a leet symbol or a separator.
const OTHER: u8 = 2;

/// [`LETTER`] or [`OTHER`] for each ASCII byte.
const ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphabetic() {
            table[b] = LETTER;
        } else if SPECIAL[b] {
            table[b] = OTHER;
        }
        b += 1;
    }
    table
};

/// Runs of one-character chunks, counted as [`needs_word_steps`] reads.
#[derive(Default)]
struct UnitRuns {
    units: usize,
    letter: bool,
    separator: bool,
}

impl UnitRuns {
    /// Takes in a chunk of `len` characters, the first `first`, with the
    /// [`LETTER`] and [`OTHER`] `flags`; returns whether it needs this stage
    /// (a run it ends is glued, or it mixes letters and others).
    fn end_chunk(&mut self, flags: u8, len: usize, first: char) -> bool {
        if flags == LETTER | OTHER {
            return true;
        }
        if len == 1 && first.is_alphanumeric() {
            self.units += 1;
            self.letter |= flags & LETTER != 0;
            self.separator = false;
            return false;
        }
        if len == 1 && separator::is_separator(first) && self.units > 0 && !self.separator {
            self.separator = true;
            return false;
        }
        let glues = self.glues();
        *self = UnitRuns::default();
        glues
    }

    /// Whether the run so far would be glued.
    fn glues(&self) -> bool {
        self.units >= separator::MIN_UNITS && self.letter
    }
}

/// A chunk this stage leaves as it is: ASCII, no special byte, and not a
/// single letter (which may be part of a spaced run).
fn is_plain(chunk: &[u8]) -> bool {
    chunk.len() >= 2 && !chunk.iter().any(|&b| is_special(b))
}

/// Runs the word stage over `out`, which holds the character stage's text.
pub(super) fn fold_words(out: &mut Folded) {
    if !needs_word_steps(&out.text) {
        return;
    }
    let mut src = std::mem::take(&mut out.stage);
    let mut buf = std::mem::take(&mut src.chunk);
    // Most messages that have a digit or a dot have nothing to fold: find
    // out before copying the text.
    if !changes_anything(&out.text, &mut buf) {
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

/// Whether [`fold_chunks`] would change `text`: the same steps, without the
/// spans and without writing anything.
fn changes_anything(text: &str, buf: &mut Vec<Ch>) -> bool {
    let mut units = 0;
    let mut letter = false;
    let mut separator = false;
    for chunk in text.split(' ') {
        if !is_plain(chunk.as_bytes()) {
            buf.clear();
            buf.extend(chunk.chars().map(|c| Ch {
                c,
                start: 0,
                end: 0,
            }));
            fold_chunk(buf);
            if buf.len() != chunk.chars().count()
                || buf.iter().zip(chunk.chars()).any(|(a, c)| a.c != c)
            {
                return true;
            }
            match buf.as_slice() {
                [ch] if ch.c.is_alphanumeric() => {
                    units += 1;
                    letter |= ch.c.is_alphabetic();
                    separator = false;
                    continue;
                }
                [ch] if separator::is_separator(ch.c) && units > 0 && !separator => {
                    separator = true;
                    continue;
                }
                _ => {}
            }
        }
        if units >= separator::MIN_UNITS && letter {
            return true;
        }
        (units, letter, separator) = (0, false, false);
    }
    units >= separator::MIN_UNITS && letter
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
        if is_plain(chunk.as_bytes()) {
            spaced.close(out);
            out.text.push_str(chunk);
            out.starts.extend_from_slice(&src.starts[range.clone()]);
            out.ends.extend_from_slice(&src.ends[range]);
            continue;
        }
        buf.clear();
        buf.extend(chunk.char_indices().map(|(i, c)| Ch {
            c,
            start: src.starts[range.start + i],
            end: src.ends[range.start + i],
        }));
        fold_chunk(buf);
        let unit = match buf.as_slice() {
            [ch] if ch.c.is_alphanumeric() => Some(ch.c),
            [ch] if separator::is_separator(ch.c) && spaced.may_take_separator() => {
                spaced.separator = true;
                None
            }
            _ => {
                spaced.close(out);
                None
            }
        };
        let at = out.text.len();
        for ch in buf.iter() {
            out.push_raw(ch.c, ch.start, ch.end);
        }
        if let Some(c) = unit {
            spaced.add(at, out.text.len(), c);
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

/// Whether the chunk looks like a web or e-mail address (`www.`, `://`, or
/// `@` after a letter or digit with a `.` later).
fn is_address(chunk: &[Ch]) -> bool {
    let mut at = false;
    for (i, ch) in chunk.iter().enumerate() {
        let next = |k: usize| chunk.get(i + k).map(|c| c.c);
        match ch.c {
            ':' if next(1) == Some('/') && next(2) == Some('/') => return true,
            'w' if next(1) == Some('w') && next(2) == Some('w') && next(3) == Some('.') => {
                return true
            }
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
    /// Offsets in the output of each unit's character.
    units: Vec<usize>,
    /// The output's length just after the last unit.
    end: usize,
    /// Whether a separator word follows the last unit.
    separator: bool,
    letter: bool,
}

impl Spaced {
    fn add(&mut self, at: usize, end: usize, c: char) {
        self.units.push(at);
        self.end = end;
        self.letter |= c.is_alphabetic();
        self.separator = false;
    }

    fn may_take_separator(&self) -> bool {
        !self.units.is_empty() && !self.separator
    }

    /// Ends the run; glues it in `out` if it is long enough.
    fn close(&mut self, out: &mut Folded) {
        let units = std::mem::take(&mut self.units);
        let (letter, end) = (self.letter, self.end);
        *self = Spaced::default();
        if units.len() < separator::MIN_UNITS || !letter {
            return;
        }
        // What follows the run in the output (a space and a separator word,
        // a space) is kept and put back after the glued word.
        let tail_text = out.text.split_off(end);
        let tail_starts = out.starts.split_off(end);
        let tail_ends = out.ends.split_off(end);
        let mut chars: Vec<Ch> = units
            .iter()
            .map(|&at| Ch {
                c: out.text[at..].chars().next().unwrap_or(' '),
                start: out.starts[at],
                end: out.ends[at],
            })
            .collect();
        let start = units[0];
        out.text.truncate(start);
        out.starts.truncate(start);
        out.ends.truncate(start);
        let soft = separator::glue_spaced(&mut chars);
        let mut soft = soft.into_iter().peekable();
        for (k, ch) in chars.iter().enumerate() {
            if soft.next_if_eq(&k).is_some() {
                out.soft.push(out.text.len() as u32);
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
