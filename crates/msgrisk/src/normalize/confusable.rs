//! Look-alike letters of other scripts folded to Latin: Cyrillic `ѕnар` is
//! `snap`, Greek `ΑLΟΝΕ` is `alone`, small capitals `ᴀʟᴏɴᴇ` are `alone`.
//!
//! The data is Unicode's confusables table (UTS #39, `confusables.txt`) as
//! the `unicode-security` crate carries it: a character folds to its
//! prototype when the prototype, with combining marks dropped, is made of
//! ASCII letters only (`а` to `a`, `ø` to `o`, `æ` to `ae`), or, for a
//! character that is not a letter or digit, when it is one ASCII punctuation
//! mark (`‐` to `-`, `∗` to `*`, `•` stays, its prototype being `·`).
//!
//! The table maps some Cyrillic letters to Latin small capitals (`в` to `ʙ`,
//! `н` to `ʜ`, `т` to `ᴛ`, `к` to `ĸ`) and leaves most small capitals alone;
//! the small capitals themselves are a common "fancy text" disguise. So the
//! Latin letter small capitals (named `LATIN LETTER SMALL CAPITAL X`), kra
//! and turned w (the prototypes of `к` and `м`) fold to their letter here,
//! both directly and as a prototype. The negative circled and negative
//! squared capitals (`🅐`, `🅰`) and the regional indicators (`🇸`) fold to
//! their letter by their code point, which NFKD does not do.
//!
//! What this does not do: fold ASCII (the table maps `0` to `O`, `1` and `I`
//! to `l`, `m` to `rn`; digits are [`super::leet`]'s business, and ASCII
//! letters are what they are), or map a letter to a digit (`б` to `6`, `З`
//! to `3`): such letters are kept.

use unicode_normalization::char::is_combining_mark;
use unicode_security::skeleton;

/// The longest prototype considered (in chars); longer ones are sequences
/// of symbols, never letters.
const MAX_PROTOTYPE: usize = 8;

/// Folds the non-ASCII character `c` (one character of an NFKD
/// decomposition, not a combining mark) to Latin if it is a look-alike,
/// passing the ASCII characters it folds to, in lower case, to `emit`.
/// Returns whether it did (a look-alike of an apostrophe folds to nothing).
pub(super) fn fold(c: char, emit: &mut impl FnMut(char)) -> bool {
    debug_assert!(!c.is_ascii());
    if let Some(l) = letter_like(c) {
        emit(l);
        return true;
    }
    let mut buf = ['\0'; MAX_PROTOTYPE];
    let mut n = 0;
    let mut utf8 = [0; 4];
    for p in skeleton(c.encode_utf8(&mut utf8)) {
        if is_combining_mark(p) {
            continue;
        }
        if n == MAX_PROTOTYPE {
            return false;
        }
        buf[n] = p;
        n += 1;
    }
    let proto = &buf[..n];
    match proto {
        [] => false,
        [p] if *p == c => false,
        [p] if !p.is_ascii() => match letter_like(*p) {
            Some(l) => {
                emit(l);
                true
            }
            None => false,
        },
        _ if proto.iter().all(char::is_ascii_alphabetic) => {
            for p in proto {
                emit(p.to_ascii_lowercase());
            }
            true
        }
        [p] if p.is_ascii_punctuation() && !c.is_alphanumeric() => {
            // An apostrophe look-alike is removed, as apostrophes are.
            if !matches!(p, '\'' | '`') {
                emit(*p);
            }
            true
        }
        _ => false,
    }
}

/// The Latin small capitals, kra, turned w, negative circled and squared
/// capitals and regional indicators: the letter each one stands for.
fn letter_like(c: char) -> Option<char> {
    let code = c as u32;
    let from = |base: u32| char::from_u32(u32::from(b'a') + code - base);
    match code {
        0x1F150..=0x1F169 => from(0x1F150), // negative circled capital A..Z
        0x1F170..=0x1F189 => from(0x1F170), // negative squared capital A..Z
        0x1F1E6..=0x1F1FF => from(0x1F1E6), // regional indicator A..Z
        _ => SMALL_CAPITALS
            .binary_search_by_key(&c, |&(s, _)| s)
            .ok()
            .map(|i| SMALL_CAPITALS[i].1),
    }
}

/// Every `LATIN LETTER SMALL CAPITAL` of a Latin letter (there is none for
/// `x`), plus kra and turned w; sorted by code point.
const SMALL_CAPITALS: &[(char, char)] = &[
    ('\u{0138}', 'k'), // kra
    ('\u{0262}', 'g'),
    ('\u{026A}', 'i'),
    ('\u{0274}', 'n'),
    ('\u{0280}', 'r'),
    ('\u{028D}', 'm'), // turned w: the prototype of Cyrillic м
    ('\u{028F}', 'y'),
    ('\u{0299}', 'b'),
    ('\u{029C}', 'h'),
    ('\u{029F}', 'l'),
    ('\u{1D00}', 'a'),
    ('\u{1D04}', 'c'),
    ('\u{1D05}', 'd'),
    ('\u{1D07}', 'e'),
    ('\u{1D0A}', 'j'),
    ('\u{1D0B}', 'k'),
    ('\u{1D0D}', 'm'),
    ('\u{1D0F}', 'o'),
    ('\u{1D18}', 'p'),
    ('\u{1D1B}', 't'),
    ('\u{1D1C}', 'u'),
    ('\u{1D20}', 'v'),
    ('\u{1D21}', 'w'),
    ('\u{1D22}', 'z'),
    ('\u{A730}', 'f'),
    ('\u{A731}', 's'),
    ('\u{A7AF}', 'q'),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(c: char) -> Option<String> {
        let mut s = String::new();
        fold(c, &mut |l| s.push(l)).then_some(s)
    }

    #[test]
    fn small_capitals_are_sorted() {
        assert!(SMALL_CAPITALS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn cyrillic_and_greek_look_alikes_fold() {
        for (c, want) in [
            ('а', "a"),
            ('е', "e"),
            ('о', "o"),
            ('р', "p"),
            ('с', "c"),
            ('у', "y"),
            ('х', "x"),
            ('ѕ', "s"),
            ('і', "i"),
            ('ј', "j"),
            ('һ', "h"),
            ('ԁ', "d"),
            ('ԝ', "w"),
            ('А', "a"),
            ('В', "b"),
            ('Н', "h"),
            ('К', "k"),
            ('в', "b"),
            ('н', "h"),
            ('т', "t"),
            ('к', "k"),
            ('м', "m"),
            ('г', "r"),
            ('α', "a"),
            ('ο', "o"),
            ('ν', "v"),
            ('ι', "i"),
            ('ρ', "p"),
            ('υ', "u"),
            ('Ι', "l"),
            ('Ν', "n"),
        ] {
            assert_eq!(folded(c).as_deref(), Some(want), "{c}");
        }
    }

    #[test]
    fn latin_letters_outside_nfkd_fold() {
        for (c, want) in [
            ('ı', "i"),
            ('ø', "o"),
            ('ł', "l"),
            ('æ', "ae"),
            ('œ', "oe"),
            ('ɑ', "a"),
        ] {
            assert_eq!(folded(c).as_deref(), Some(want), "{c}");
        }
    }

    #[test]
    fn fancy_text_letters_fold() {
        for (c, want) in [
            ('ꜱ', "s"),
            ('ɴ', "n"),
            ('ᴀ', "a"),
            ('🅐', "a"),
            ('🅿', "p"),
            ('🇸', "s"),
        ] {
            assert_eq!(folded(c).as_deref(), Some(want), "{c}");
        }
    }

    #[test]
    fn punctuation_folds_only_from_punctuation() {
        assert_eq!(folded('‐').as_deref(), Some("-"));
        assert_eq!(folded('∗').as_deref(), Some("*"));
        assert_eq!(folded('•'), None);
    }

    #[test]
    fn letters_that_look_like_digits_are_kept() {
        assert_eq!(folded('б'), None);
        assert_eq!(folded('З'), None);
        assert_eq!(folded('д'), None);
        assert_eq!(folded('😀'), None);
        assert_eq!(folded('中'), None);
    }
}
