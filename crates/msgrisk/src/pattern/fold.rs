//! Rule patterns parsed and folded the way message text is folded.
//!
//! A pattern is written against plain text (`\balleen\b`), but it runs on
//! folded text (`alen`: lower case, no accents, runs of a letter squeezed).
//! [`fold_pattern`] parses it with a nesting limit and folds its literal
//! letters; large Unicode classes and word boundaries become ASCII ones,
//! because folded text spells words in ASCII and ASCII keeps every pattern in
//! the fast lazy DFA.
//!
//! What this module does not do: build engines ([`super`]) or pick the
//! literals that decide when a pattern runs ([`super::hints`]).

use regex_syntax::hir::{self, Hir, HirKind};

use crate::ruleset::limits;
use crate::Normalizer;

/// Parses a pattern and folds its literal letters the way message text is
/// folded (lower case, no accents, runs of a letter squeezed), so that a
/// pattern written as `\balleen\b` matches the folded `alen`. Returns the folded
/// syntax tree, from which the engines are built.
pub(crate) fn fold_pattern(pattern: &str) -> Result<Hir, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .nest_limit(limits::REGEX_NEST_LIMIT)
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    Ok(fold_hir(hir))
}

fn fold_hir(h: Hir) -> Hir {
    match h.into_kind() {
        HirKind::Literal(hir::Literal(bytes)) => match std::str::from_utf8(&bytes) {
            Ok(s) => {
                let folded = fold_literal(s);
                Hir::literal(folded.into_bytes())
            }
            Err(_) => Hir::literal(bytes),
        },
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(fold_hir).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(fold_hir).collect()),
        HirKind::Repetition(mut rep) => {
            rep.sub = Box::new(fold_hir(*rep.sub));
            Hir::repetition(rep)
        }
        HirKind::Capture(mut cap) => {
            cap.sub = Box::new(fold_hir(*cap.sub));
            Hir::capture(cap)
        }
        HirKind::Empty => Hir::empty(),
        HirKind::Class(c) => Hir::class(ascii_class(c)),
        HirKind::Look(l) => Hir::look(ascii_look(l)),
    }
}

/// Large Unicode classes (`\\w`, `\\d`, `\\s`, `\\pL`) cut down to their
/// ASCII part. Folded text spells its words, digits and spaces in ASCII, and
/// a class of hundreds of ranges makes each pattern's automaton large and
/// slow to build. Negated classes (`[^ ]`, which reach the last code point)
/// and small classes are kept as written, as is a class with no ASCII part.
fn ascii_class(class: hir::Class) -> hir::Class {
    const LARGE: usize = 32;
    match class {
        hir::Class::Unicode(mut c)
            if c.ranges().len() > LARGE && c.ranges().last().is_some_and(|r| r.end() != '\u{10FFFF}') =>
        {
            let mut ascii = hir::ClassUnicode::new([hir::ClassUnicodeRange::new('\0', '\x7F')]);
            ascii.intersect(&c);
            if ascii.ranges().is_empty() {
                hir::Class::Unicode(c)
            } else {
                c = ascii;
                hir::Class::Unicode(c)
            }
        }
        other => other,
    }
}

/// Unicode word boundaries as ASCII ones. Folded text spells its words in
/// ASCII letters (accents and compatibility forms are gone), and an ASCII
/// boundary keeps every pattern in the regex engines' fast lazy DFA, where a
/// Unicode boundary sends non-ASCII text to the slow PikeVM.
fn ascii_look(look: hir::Look) -> hir::Look {
    use hir::Look;
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

/// Lower case, accents removed, runs of one letter squeezed; everything
/// else kept as written (spaces included).
fn fold_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last: Option<char> = None;
    let mut push = |f: char| {
        if !(last == Some(f) && f.is_alphabetic()) {
            out.push(f);
        }
        last = Some(f);
    };
    for c in s.chars() {
        if c.is_ascii_alphabetic() {
            // What folding does to an ASCII letter, without building a Folded.
            push(c.to_ascii_lowercase());
        } else if c.is_alphabetic() {
            Normalizer::new().fold(c.encode_utf8(&mut [0; 4])).as_str().chars().for_each(&mut push);
        } else {
            push(c);
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use regex::Regex;

    /// The folded pattern as regex syntax (to check it with the regex
    /// crate), and its syntax tree.
    pub(crate) fn folded(pattern: &str) -> (String, Hir) {
        let hir = fold_pattern(pattern).unwrap();
        let mut out = String::new();
        hir::print::Printer::new().print(&hir, &mut out).unwrap();
        (out, hir)
    }

    #[test]
    fn pattern_literals_are_folded() {
        let (p, _) = folded(r"\balleen\b");
        let re = Regex::new(&p).unwrap();
        assert!(re.is_match("ben je alen"));
        let (p, _) = folded(r"\b(ben je|zijn jullie) ALLEEN\b");
        assert!(Regex::new(&p).unwrap().is_match("zijn julie alen"));
        let (p, _) = folded(r"\bniét\b");
        assert!(Regex::new(&p).unwrap().is_match("niet"));
    }

    #[test]
    fn pattern_classes_and_digits_are_kept() {
        let (p, _) = folded(r"\bim (1[0-7]|[89])\b");
        let re = Regex::new(&p).unwrap();
        assert!(re.is_match("im 13"));
        assert!(!re.is_match("im 18"));
        let (p, _) = folded(r"\b1000\b");
        assert!(Regex::new(&p).unwrap().is_match("1000"));
    }

    #[test]
    fn large_classes_become_ascii_negated_ones_stay() {
        let (p, _) = folded(r"\w+\s\d");
        assert!(!p.contains("\\u{"), "{p}");
        let re = Regex::new(&p).unwrap();
        assert!(re.is_match("abc 1"));
        assert!(!re.is_match("ж 1"));
        let (p, _) = folded(r"a[^ ]b");
        assert!(Regex::new(&p).unwrap().is_match("a😀b"));
        let (p, _) = folded(r"\p{Greek}");
        assert!(Regex::new(&p).unwrap().is_match("λ"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("{}a{}", "(".repeat(200), ")".repeat(200));
        assert!(fold_pattern(&deep).is_err());
    }
}
