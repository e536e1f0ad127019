//! Characters that show nothing (or only set the direction of text) and
//! carry no letter: removed, so that `sn\u{200B}ap` is `snap`.
//!
//! The list is Unicode's Default_Ignorable_Code_Point set as it bears on chat
//! (zero-width spaces and joiners, word joiner, soft hyphen, bidi controls,
//! Hangul fillers, variation selectors, tags) plus the Braille blank and
//! every control character. What this does not remove: visible spaces
//! (those become one space) and emoji.

/// Whether `c` is removed before anything else is done to the text.
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
            | '\u{FFF0}'..='\u{FFF8}' // unassigned specials, ignorable by default
            | '\u{1BCA0}'..='\u{1BCA3}' // shorthand format controls
            | '\u{1D173}'..='\u{1D17A}' // musical formatting
            | '\u{E0000}'..='\u{E0FFF}' // tags, variation selectors supplement, reserved
    ) || c.is_control()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_width_bidi_and_fillers_are_invisible() {
        for c in [
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{115F}',
            '\u{1160}',
            '\u{3164}',
            '\u{FFA0}',
            '\u{2800}',
            '\u{202A}',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{FE0F}',
            '\u{E0041}',
            '\u{0007}',
        ] {
            assert!(is_invisible(c), "{:04X}", c as u32);
        }
    }

    #[test]
    fn letters_spaces_and_emoji_are_not() {
        for c in ['a', ' ', '\u{00A0}', 'é', '😀', '\u{2764}', '\u{3000}'] {
            assert!(!is_invisible(c), "{:04X}", c as u32);
        }
    }
}
