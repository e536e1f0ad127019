//! Look-alike letters of other scripts folded to Latin: Cyrillic `ѕnар` is
//! `snap`, Greek `ΑLΟΝΕ` is `alone`, small capitals `ᴀʟᴏɴᴇ` are `alone`.
//!
//! The data is Unicode's confusables table (UTS #39, `confusables.txt`) as
//! the `unicode-security` crate carries it, turned into the table in
//! `confusable_table.rs` (a binary search at run time, no iterator over
//! decompositions); a test derives the table again from the crate and fails
//! when they differ, and `cargo test -p msgrisk --lib -- --ignored
//! regenerate_confusable_table` writes it anew. A character folds to its
//! prototype when the prototype, with combining marks dropped, is made of
//! ASCII letters only (`а` to `a`, `ø` to `o`, `æ` to `ae`; a capital whose
//! prototype is `l`, the prototype of `I` too, is `i`), or, for a
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

use super::confusable_table::TABLE;

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
    match TABLE.binary_search_by_key(&c, |&(from, _)| from) {
        Ok(i) => {
            TABLE[i].1.chars().for_each(emit);
            true
        }
        Err(_) => false,
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
        _ => SMALL_CAPITALS.binary_search_by_key(&c, |&(s, _)| s).ok().map(|i| SMALL_CAPITALS[i].1),
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
    use unicode_normalization::char::{decompose_compatible, is_combining_mark};
    use unicode_security::skeleton;

    use super::*;

    /// The longest prototype considered (in chars); longer ones are
    /// sequences of symbols, never letters.
    const MAX_PROTOTYPE: usize = 8;

    /// What `c` folds to by the UTS #39 data and the rules in the module
    /// summary: the source of `TABLE`.
    fn from_uts39(c: char) -> Option<String> {
        let proto: Vec<char> = skeleton(c.encode_utf8(&mut [0; 4])).filter(|p| !is_combining_mark(*p)).collect();
        match proto.as_slice() {
            [] => None,
            p if p.len() > MAX_PROTOTYPE => None,
            [p] if *p == c => None,
            [p] if !p.is_ascii() => letter_like(*p).map(String::from),
            // `l` is the prototype of `I` too: a capital that looks like
            // one is an `I` (Cyrillic `І`, Greek `Ι`).
            ['l'] if c.is_uppercase() => Some("i".to_string()),
            p if p.iter().all(char::is_ascii_alphabetic) => Some(p.iter().map(char::to_ascii_lowercase).collect()),
            // An apostrophe look-alike is removed, as apostrophes are.
            ['\'' | '`'] if !c.is_alphanumeric() => Some(String::new()),
            [p] if p.is_ascii_punctuation() && !c.is_alphanumeric() => Some(p.to_string()),
            _ => None,
        }
    }

    /// Every character that can reach [`fold`] (not ASCII, not a combining
    /// mark, its own compatibility decomposition, not handled by
    /// [`letter_like`]) and what it folds to.
    fn derive_table() -> Vec<(char, String)> {
        (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| !is_combining_mark(c) && letter_like(c).is_none())
            .filter(|&c| {
                let mut own = true;
                decompose_compatible(c, |d| own &= d == c);
                own
            })
            .filter_map(|c| from_uts39(c).map(|s| (c, s)))
            .collect()
    }

    fn render(table: &[(char, String)]) -> String {
        let mut out = String::from(
            "//! Generated from the UTS #39 confusables data (the `unicode-security`\n\
             //! crate) by `confusable::tests::regenerate_confusable_table`; do not\n\
             //! edit. Every character that can reach `confusable::fold` and the ASCII\n\
             //! it folds to, sorted by character.\n\n\
             /// Look-alike characters and the ASCII they fold to.\n\
             pub(super) const TABLE: &[(char, &str)] = &[\n",
        );
        for (c, s) in table {
            out.push_str(&format!("    ('\\u{{{:X}}}', {:?}),\n", *c as u32, s));
        }
        out.push_str("];\n");
        out
    }

    #[test]
    fn the_table_is_the_uts39_data() {
        let derived = derive_table();
        let table: Vec<(char, String)> = TABLE.iter().map(|&(c, s)| (c, s.to_string())).collect();
        assert!(
            table == derived,
            "confusable_table.rs is out of date: run cargo test -p msgrisk --lib -- --ignored regenerate_confusable_table"
        );
    }

    #[test]
    #[ignore = "writes src/normalize/confusable_table.rs"]
    fn regenerate_confusable_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/normalize/confusable_table.rs");
        std::fs::write(path, render(&derive_table())).unwrap();
    }

    #[test]
    fn the_table_is_sorted() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }

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
            ('Ι', "i"),
            ('І', "i"),
            ('ӏ', "l"),
            ('Ν', "n"),
        ] {
            assert_eq!(folded(c).as_deref(), Some(want), "{c}");
        }
    }

    #[test]
    fn latin_letters_outside_nfkd_fold() {
        for (c, want) in [('ı', "i"), ('ø', "o"), ('ł', "l"), ('æ', "ae"), ('œ', "oe"), ('ɑ', "a")] {
            assert_eq!(folded(c).as_deref(), Some(want), "{c}");
        }
    }

    #[test]
    fn fancy_text_letters_fold() {
        for (c, want) in [('ꜱ', "s"), ('ɴ', "n"), ('ᴀ', "a"), ('🅐', "a"), ('🅿', "p"), ('🇸', "s")] {
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
