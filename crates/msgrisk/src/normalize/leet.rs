//! Leetspeak inside words: `sn4p` is `snap`, `s3cr3t` is `secret`, `p1c` is
//! `pic`, `sn@p` is `snap`, `$exy` is `sexy`.
//!
//! Only a token that mixes letters with leet characters is folded, so that
//! numbers stay numbers: `13`, `500`, `06-1234` have no letter, and the
//! tokens the age and money rules need are left as written (`13f`, `15m`,
//! `16yo`, `f14`, `500euro`, `7yo`, `5am`). A token is a maximal run of
//! letters, digits and the symbols `@ $ € ! |`. It is left alone when:
//!
//! - it has no letter, or no leet character;
//! - it holds a digit other than `0 1 3 4 5 7` (`gr8`, `2nite`, `b2b`, `ps2`
//!   stay: such digits are rarely letters, and codes and names hold them);
//! - it starts or ends with two or more digits that do not begin with `0`
//!   (`13f`, `16yo`, `100k`, `2024x`, `m15`, `lisa13`, `covid19`; but `h01`
//!   and `b00` are words);
//! - it is one digit and a unit, age, time or ordinal suffix (`5am`, `7pm`,
//!   `7yo`, `9j`, `4u`, `1st`, `3e`, `5k`, `4x`, `5ft`; see [`SUFFIXES`]);
//! - a currency sign `$` or `€` stands beside a digit (`$100k`, `€5k`, `5$`);
//! - it is joined to a digit by `.`, `,` or `:` (`v1.2.3`, `1.5k`).
//!
//! Otherwise `0` is `o`, `3` is `e`, `4` is `a`, `5` is `s`, `7` is `t` and
//! `$` is `s` anywhere in the token; `@` is `a`, `€` is `e`, `!` is `i` and
//! `|` is `l` only between two letters or digits (so `@name`, `wow!!!` and
//! `mail@` keep them). `1` is `l` or `i` by a rule of thumb: `l` when it is
//! doubled (`a11een`) or after an `i` (`ki1l`), or when a vowel follows and a vowel, the start of the
//! token or one of `b c f g k p s` comes before it (`a1one`, `1ove`,
//! `p1ease`, `s1ut`); `i` otherwise (`p1c`, `g1rl`, `k1ss`, `fr1end`, `h1`).
//!
//! What this does not do: `8` for `b`, `9` for `g`, `2` and `4` for words
//! (`2day`, `4ever`), `ph` for `f`; or know that `@` begins a mention of a
//! name rather than a word (`@lone` stays).

use super::words::Ch;

/// Suffixes after one digit that make a token a quantity, not a word (in
/// their folded, squeezed form: `jaar` is `jar`, `uur` is `ur`).
pub(super) const SUFFIXES: &[&str] = &[
    "am", "cm", "ct", "d", "de", "e", "eur", "euro", "f", "ft", "g", "gb", "h", "hr", "hrs", "j", "jar", "jr", "k",
    "kb", "kg", "km", "m", "mb", "min", "ml", "mm", "nd", "pm", "rd", "s", "st", "ste", "th", "u", "ur", "x", "y",
    "yo", "yr", "yrs",
];

/// Whether `c` may be part of a token (a word for this step).
pub(super) fn is_token_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '@' | '$' | '€' | '!' | '|')
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Folds the leetspeak of every token in `chars` in place (each leet
/// character becomes one letter, so the length does not change). A token
/// joined by `.`, `,` or `:` to a token of digits only is part of a number
/// (`v1.2`, `1.5k`, `3:0`) and stays (digits alone never change, so this
/// holds when folding again).
pub(super) fn fold_tokens(chars: &mut [Ch]) {
    let joins = |c: char| matches!(c, '.' | ',' | ':');
    // Whether the token that ends just before `end` (exclusive) or starts
    // at `start` is all digits.
    let digits_before = |chars: &[Ch], end: usize| {
        let run = chars[..end].iter().rev().take_while(|ch| is_token_char(ch.c));
        let mut n = 0;
        for ch in run {
            if !ch.c.is_ascii_digit() {
                return false;
            }
            n += 1;
        }
        n > 0
    };
    let digits_after = |chars: &[Ch], start: usize| {
        let run = chars[start..].iter().take_while(|ch| is_token_char(ch.c));
        let mut n = 0;
        for ch in run {
            if !ch.c.is_ascii_digit() {
                return false;
            }
            n += 1;
        }
        n > 0
    };
    let mut i = 0;
    while i < chars.len() {
        if !is_token_char(chars[i].c) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_token_char(chars[i].c) {
            i += 1;
        }
        let in_number = (start >= 2 && joins(chars[start - 1].c) && digits_before(chars, start - 1))
            || (i + 1 < chars.len() && joins(chars[i].c) && digits_after(chars, i + 1));
        if !in_number {
            fold_token(&mut chars[start..i]);
        }
    }
}

/// Folds one token (a maximal run of [`is_token_char`] characters).
pub(super) fn fold_token(token: &mut [Ch]) {
    // `@ € ! |` at the edges stay as they are, and do not count: the token
    // is folded as if they were not there (as the separator step sees it).
    let edge = |ch: &Ch| matches!(ch.c, '@' | '€' | '!' | '|');
    let start = token.iter().take_while(|ch| edge(ch)).count();
    let end = token.len() - token[start..].iter().rev().take_while(|ch| edge(ch)).count();
    let token = &mut token[start..end];
    if !is_candidate(token) {
        return;
    }
    for ch in token.iter_mut() {
        ch.c = match ch.c {
            '0' => 'o',
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            '7' => 't',
            '$' => 's',
            c => c,
        };
    }
    // The symbols that need a letter or digit on both sides look at their
    // neighbours with digits folded (`$|ut` is `slut`), so folding twice
    // changes nothing more; each looks at its neighbours as they were
    // before this pass.
    let n = token.len();
    let mut prev_alnum = false;
    for i in 0..n {
        let c = token[i].c;
        let next_alnum = token.get(i + 1).is_some_and(|ch| ch.c.is_alphanumeric());
        if prev_alnum && next_alnum {
            token[i].c = match c {
                '@' => 'a',
                '€' => 'e',
                '!' => 'i',
                '|' => 'l',
                c => c,
            };
        }
        prev_alnum = c.is_alphanumeric();
    }
    // Likewise for `1`: `11` is `ll`.
    let mut prev: Option<char> = None;
    for i in 0..n {
        let c = token[i].c;
        if c == '1' {
            let next = token.get(i + 1).map(|ch| ch.c).filter(|c| c.is_alphanumeric());
            // `ii` is rare in English and Dutch: after an `i`, `1` is an `l`.
            let doubled = prev == Some('1') || next == Some('1') || prev == Some('i');
            let cluster = prev.is_none_or(|p| is_vowel(p) || "bcfgkps".contains(p));
            token[i].c = if doubled || (next.is_some_and(is_vowel) && cluster) { 'l' } else { 'i' };
        }
        prev = Some(c).filter(|c| c.is_alphanumeric());
    }
}

/// Whether `token` is a word in leetspeak rather than a number, a quantity
/// or a code (see the module summary).
fn is_candidate(token: &[Ch]) -> bool {
    let mut letters = false;
    let mut leet = false;
    for ch in token {
        match ch.c {
            '0' | '1' | '3' | '4' | '5' | '7' | '@' | '$' | '€' | '!' | '|' => leet = true,
            c if c.is_numeric() => return false,
            c if c.is_alphabetic() => letters = true,
            _ => {}
        }
    }
    if !letters || !leet {
        return false;
    }
    // A currency sign beside a digit is an amount (`$100k`, `€5k`).
    let money = token.windows(2).any(|w| {
        (matches!(w[0].c, '$' | '€') && w[1].c.is_ascii_digit())
            || (w[0].c.is_ascii_digit() && matches!(w[1].c, '$' | '€'))
    });
    if money {
        return false;
    }
    let digit = |ch: &Ch| ch.c.is_ascii_digit();
    let leading = token.iter().take_while(|ch| digit(ch)).count();
    let trailing = token.iter().rev().take_while(|ch| digit(ch)).count();
    // Two or more digits at an edge are a number (`13f`, `m15`), unless
    // they begin with `0`, as no number is written (`h01`, `b00`).
    if (leading >= 2 && token[0].c != '0') || (trailing >= 2 && token[token.len() - trailing].c != '0') {
        return false;
    }
    if leading == 1 {
        let rest = &token[1..];
        if rest.len() <= 4 && rest.iter().all(|ch| ch.c.is_ascii_lowercase()) {
            let mut buf = [0u8; 4];
            for (b, ch) in buf.iter_mut().zip(rest) {
                *b = ch.c as u8;
            }
            let suffix = &buf[..rest.len()];
            if SUFFIXES.iter().any(|s| s.as_bytes() == suffix) {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leet(s: &str) -> String {
        let mut chars: Vec<Ch> =
            s.char_indices().map(|(i, c)| Ch { c, start: i as u32, end: (i + c.len_utf8()) as u32 }).collect();
        fold_tokens(&mut chars);
        chars.iter().map(|ch| ch.c).collect()
    }

    #[test]
    fn digits_and_symbols_inside_words_fold() {
        for (from, to) in [
            ("sn4p", "snap"),
            ("s3cr3t", "secret"),
            ("p1c", "pic"),
            ("sn@p", "snap"),
            ("$exy", "sexy"),
            ("pic$", "pics"),
            ("s€cr€t", "secret"),
            ("p!c", "pic"),
            ("a|one", "alone"),
            ("h0t", "hot"),
            ("7ell", "tell"),
            ("5nap", "snap"),
            ("g3h31m", "geheim"),
            ("d0nt", "dont"),
            ("h01", "hoi"),
            ("b00bs", "boobs"),
        ] {
            assert_eq!(leet(from), to, "{from}");
        }
    }

    #[test]
    fn one_is_l_or_i_by_its_neighbours() {
        for (from, to) in [
            ("a1one", "alone"),
            ("1ove", "love"),
            ("p1ease", "please"),
            ("s1ut", "slut"),
            ("ki1l", "kill"),
            ("a11een", "alleen"),
            ("p1c", "pic"),
            ("g1rl", "girl"),
            ("k1ss", "kiss"),
            ("fr1end", "friend"),
            ("h1", "hi"),
            ("sh1t", "shit"),
        ] {
            assert_eq!(leet(from), to, "{from}");
        }
    }

    #[test]
    fn numbers_quantities_and_codes_are_kept() {
        for s in [
            "13", "500", "13f", "15m", "16yo", "f14", "m15", "500euro", "100k", "2024", "7yo", "5am", "1st", "4u",
            "9j", "3e", "gr8", "2nite", "ps2", "covid19", "lisa13", "b2b", "1.000", "06-1234", "$100", "€5", "@lisa",
            "wow!!!", "a|", "x86", "$100k", "€5k", "$5m", "5ft", "7km", "v1.2.3", "1.5k", "3:0a",
        ] {
            assert_eq!(leet(s), s, "{s}");
        }
    }

    #[test]
    fn only_tokens_are_touched() {
        assert_eq!(leet("im 13, sn4p me"), "im 13, snap me");
        assert_eq!(leet("500 euro, s3nd"), "500 euro, send");
    }
}
