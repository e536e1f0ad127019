//! Letters written apart glued back into a word: `s.n.a.p`, `s-n-a-p`,
//! `s*n*a*p`, `s_n_a_p`, `s/n/a/p`, `s·n·a·p` and `s n a p` are `snap`.
//!
//! Two cases, both needing **three or more** single letters or digits (a
//! "unit": a token that folds to one letter or digit, `4` or `a4` as well as
//! `a`) of which at least one is a letter:
//!
//! - within a chunk (no spaces), units joined by one separator character
//!   each ([`is_separator`]; they may differ, `s.n-a.p`): the separators are
//!   removed. The chain must be whole: if a separator joins it to a longer
//!   token (`ab.c.d`, `v1.2.3`, `www.x.y`), nothing is glued. Two units
//!   (`s*x`, `e.g.`, `a/b`) stay apart; `*` between two letters is a masked
//!   letter (see the compiler's masked variants), not a separator.
//! - across chunks, units that are separate words, with nothing or one
//!   separator word between each (`s n a p`, `s - n - a - p`): the spaces
//!   (and separators) are removed, unless every unit is a one-letter word
//!   of chat ([`is_one_letter_word`]: `r u a boy`, `u r a cutie`, `k r u
//!   ok` stay as written). A run may begin or end with a real one-letter
//!   word (`send me a p i c`, `r u a l o n e`, `l o v e u`), so the
//!   boundaries after each of its leading units and before each of its
//!   trailing units that are `a`, `i`, `u` or `r` are *soft*: a phrase may
//!   start or end there ([`super::Folded::is_soft_boundary`]).
//!
//! What this does not do: glue two letters (`u r`, `x x`), letters after a
//! comma (`s, n, a, p`), doubled separators (`s..n..a..p`), or letters whose
//! separators carry spaces on one side only (`s. n. a. p.`).

use super::leet;
use super::words::{unit_of, Ch};

/// The fewest units glued into a word.
pub(super) const MIN_UNITS: usize = 3;

/// Characters that join single letters into a spelled-out word.
pub(super) fn is_separator(c: char) -> bool {
    matches!(
        c,
        '.' | '-'
            | '_'
            | '*'
            | '~'
            | '+'
            | '/'
            | '\u{00B7}' // middle dot
            | '\u{2022}' // bullet
            | '\u{2027}' // hyphenation point
            | '\u{2219}' // bullet operator
            | '\u{22C5}' // dot operator
            | '\u{30FB}' // katakana middle dot
    )
}

/// The one-letter words of English and Dutch chat: `a`, `i`, `u` (you, and
/// Dutch formal you), `r` (are), `y` (why), `k` (ok, Dutch ik), `c` (see),
/// `n` (and, Dutch 'n), `b` (be), `o` (oh). A run of them only (`r u a`,
/// `k r u ok`, `y r u`) is a sentence, not a spelled-out word.
pub(super) fn is_one_letter_word(c: char) -> bool {
    matches!(c, 'a' | 'b' | 'c' | 'i' | 'k' | 'n' | 'o' | 'r' | 'u' | 'y')
}

/// The one-letter words that may stand just before or after a spelled-out
/// word (`send me a p i c`, `r u a l o n e`, `l o v e u`): where a glued
/// word's boundaries are soft.
fn is_article_or_pronoun(c: char) -> bool {
    matches!(c, 'a' | 'i' | 'u' | 'r')
}

/// Whether a run of spaced units (their letters or digits, as folded) is
/// glued: three or more, at least one a letter, not all one-letter words.
pub(super) fn glues(units: usize, letter: bool, all_words: bool) -> bool {
    units >= MIN_UNITS && letter && !all_words
}

/// Removes the separators of every whole chain of units in `chars` (one
/// chunk, no spaces).
pub(super) fn glue_chains(chars: &mut Vec<Ch>) {
    if !chars.iter().any(|ch| is_separator(ch.c)) {
        return;
    }
    // Tokens, without the symbols at their edges that leetspeak keeps and
    // ignores (`p!` in `s.n.a.p!` is the unit `p`).
    let edge = |c: char| matches!(c, '@' | '€' | '!' | '|');
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if leet::is_token_char(chars[i].c) {
            let mut start = i;
            while i < chars.len() && leet::is_token_char(chars[i].c) {
                i += 1;
            }
            let mut end = i;
            while start < end && edge(chars[start].c) {
                start += 1;
            }
            while end > start && edge(chars[end - 1].c) {
                end -= 1;
            }
            if start < end {
                tokens.push((start, end));
            }
        } else {
            i += 1;
        }
    }
    let linked = |a: (usize, usize), b: (usize, usize)| b.0 == a.1 + 1 && is_separator(chars[a.1].c);
    let mut remove: Vec<usize> = Vec::new();
    let mut first = 0;
    while first < tokens.len() {
        let mut last = first;
        while last + 1 < tokens.len() && linked(tokens[last], tokens[last + 1]) {
            last += 1;
        }
        let chain = &tokens[first..=last];
        if chain.len() >= MIN_UNITS {
            let units: Option<Vec<char>> = chain.iter().map(|&(s, e)| unit_of(&chars[s..e])).collect();
            if units.is_some_and(|u| u.iter().any(|c| c.is_alphabetic())) {
                remove.extend(chain[..chain.len() - 1].iter().map(|&(_, e)| e));
            }
        }
        first = last + 1;
    }
    if remove.is_empty() {
        return;
    }
    let mut k = 0;
    let mut index = 0;
    chars.retain(|_| {
        let keep = remove.get(k) != Some(&index);
        if !keep {
            k += 1;
        }
        index += 1;
        keep
    });
}

/// Where the boundaries are soft in a word glued from spaced units, given
/// the units as folded (`letters`, one per unit after squeezing): the
/// indices `k` such that the boundary between `letters[k - 1]` and
/// `letters[k]` is soft, in order.
pub(super) fn soft_boundaries(letters: &[char]) -> impl Iterator<Item = usize> + '_ {
    let n = letters.len();
    let lead = letters.iter().take_while(|&&c| is_article_or_pronoun(c)).count();
    let trail = letters.iter().rev().take_while(|&&c| is_article_or_pronoun(c)).count();
    // Soft when the unit before is one of the leading one-letter words or
    // the unit after one of the trailing ones.
    (1..n).filter(move |&k| k <= lead || k >= n - trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<Ch> {
        s.char_indices().map(|(i, c)| Ch { c, start: i as u32, end: (i + c.len_utf8()) as u32 }).collect()
    }

    fn glued(s: &str) -> String {
        let mut c = chars(s);
        glue_chains(&mut c);
        c.iter().map(|ch| ch.c).collect()
    }

    #[test]
    fn chains_of_three_or_more_units_are_glued() {
        for (from, to) in [
            ("s.n.a.p", "snap"),
            ("s-n-a-p", "snap"),
            ("s*n*a*p", "snap"),
            ("s_n_a_p", "snap"),
            ("s/n/a/p", "snap"),
            ("s·n·a·p", "snap"),
            ("s•n•a•p", "snap"),
            ("s.n-a.p", "snap"),
            ("(s.n.a.p)", "(snap)"),
            ("s.n.4.p!", "sn4p!"),
            ("a/s/l?", "asl?"),
            ("p.i.c.s", "pics"),
            ("u.s.a.", "usa."),
        ] {
            assert_eq!(glued(from), to, "{from}");
        }
    }

    #[test]
    fn other_separated_tokens_stay() {
        for s in [
            "sn*p",
            "s*x",
            "e.g.",
            "a/b",
            "ab.c.d",
            "v1.2.3",
            "1.2.3",
            "13-05-2010",
            "t-shirt",
            "e-mail",
            "13-jarige",
            "m/f",
            "s..n..a..p",
            "06-12-34-56",
        ] {
            assert_eq!(glued(s), s, "{s}");
        }
    }

    #[test]
    fn spans_of_glued_letters_cover_their_separators() {
        let mut c = chars("s.n.a.p");
        glue_chains(&mut c);
        assert_eq!((c[0].start, c[3].end), (0, 7));
    }

    #[test]
    fn runs_of_one_letter_words_are_not_glued() {
        assert!(!glues(3, true, true)); // r u a
        assert!(glues(3, true, false)); // s e x
        assert!(!glues(2, true, false)); // u r
        assert!(!glues(3, false, false)); // 1 2 3
    }

    #[test]
    fn spaced_runs_have_soft_boundaries_at_one_letter_words() {
        let soft = |s: &str| soft_boundaries(&s.chars().collect::<Vec<_>>()).collect::<Vec<_>>();
        assert_eq!(soft("apic"), [1]);
        assert_eq!(soft("rualone"), [1, 2, 3]);
        assert!(soft("nudes").is_empty());
        assert!(soft("they").is_empty());
        assert_eq!(soft("loveu"), [4]);
        assert!(soft("hey").is_empty());
    }
}
