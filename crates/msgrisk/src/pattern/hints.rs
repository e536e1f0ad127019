//! The literals that decide when a pattern runs.
//!
//! Every pattern gives the phrase automaton a few literals, one of which
//! every match contains; the pattern runs on a message only where one of
//! them was seen. Most patterns never run on most messages this way. When
//! every match *starts* with one of the literals, the pattern runs anchored
//! at each place one was seen, reading only as far as a match could go,
//! instead of over the whole message.
//!
//! What this module does not do: fold patterns ([`super::fold`]) or run them.

use regex_syntax::hir::{Hir, HirKind};

/// The literals that decide when and where a pattern runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hints {
    /// One of these is in every match.
    pub literals: Vec<String>,
    /// Every match starts with one of them (so the pattern need only run
    /// anchored where one starts).
    pub at_start: bool,
}

/// Literals one of which every match of `hir` contains, when there are few
/// enough and each is long enough to be a useful filter. `None` means the
/// pattern must run on every message.
///
/// The prefixes of the whole pattern come first, when they qualify: a
/// pattern run anchored where its prefix was seen reads a few bytes, so a
/// common prefix costs less than a rare literal in the middle costs in
/// unanchored runs over whole messages. Otherwise the literals may come from
/// anywhere in the pattern: the suffixes of the whole, or the literals of
/// any part that every match must pass through (a part of a concatenation,
/// the body of a repetition of at least one, every branch of an
/// alternation). Of those, the one whose shortest literal is longest wins:
/// longer literals are rarer in chat, so the pattern runs on fewer messages.
pub(crate) fn required_literals(hir: &Hir) -> Option<Hints> {
    if let Some(prefixes) = affix_literals(hir, true).filter(|h| h.len() <= MAX_HINTS) {
        return Some(Hints { literals: prefixes, at_start: true });
    }
    let best = required_in(hir)?;
    (best.len() <= MAX_HINTS).then_some(Hints { literals: best, at_start: false })
}

/// The most hint literals one pattern may add to the automaton.
const MAX_HINTS: usize = 64;

fn quality(hints: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = hints.iter().map(String::len).min().unwrap_or(0);
    (shortest.min(HINT_BYTES), std::cmp::Reverse(hints.len()))
}

fn better(a: Option<Vec<String>>, b: Option<Vec<String>>) -> Option<Vec<String>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if quality(&b) > quality(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn required_in(hir: &Hir) -> Option<Vec<String>> {
    let mut best = None;
    for prefix in [true, false] {
        best = better(best, affix_literals(hir, prefix));
    }
    match hir.kind() {
        HirKind::Concat(parts) => {
            for part in parts {
                best = better(best, required_in(part));
            }
        }
        HirKind::Capture(cap) => best = better(best, required_in(&cap.sub)),
        HirKind::Repetition(rep) if rep.min >= 1 => best = better(best, required_in(&rep.sub)),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(required_in(branch)?);
            }
            all.sort();
            all.dedup();
            best = better(best, Some(all));
        }
        _ => {}
    }
    best.filter(|h| !h.is_empty() && h.iter().all(|l| l.len() >= 3))
}

/// The prefixes (or suffixes) that every match of `hir` starts (or ends)
/// with, cut to [`HINT_BYTES`], if the set is finite and small.
fn affix_literals(hir: &Hir, prefix: bool) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let mut extractor = Extractor::new();
    extractor
        .kind(if prefix { ExtractKind::Prefix } else { ExtractKind::Suffix })
        .limit_total(MAX_HINTS)
        .limit_class(4)
        .limit_repeat(4)
        .limit_literal_len(24);
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    let texts: Option<Vec<String>> =
        literals.iter().map(|l| std::str::from_utf8(l.as_bytes()).ok().map(str::to_string)).collect();
    // A few bytes filter as well as the whole literal, and many literals
    // then share one: fewer automaton states, faster builds.
    let mut hints: Vec<String> = texts?
        .iter()
        .map(|t| if prefix { first_bytes(t, HINT_BYTES) } else { last_bytes(t, HINT_BYTES) }.to_string())
        .collect();
    hints.sort();
    hints.dedup();
    (!hints.is_empty() && hints.iter().all(|h| h.len() >= 3)).then_some(hints)
}

/// The longest a pattern hint literal is cut to.
const HINT_BYTES: usize = 8;

fn first_bytes(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn last_bytes(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::fold::fold_pattern;
    use crate::pattern::fold::tests::folded;
    use crate::Normalizer;
    use regex::Regex;

    /// Patterns run only where one of their required literals was seen. On
    /// every example of every default rule, a pattern that matches must
    /// contain one of its literals: the prefilter never hides a match.
    #[test]
    fn required_literals_never_hide_a_match_on_rule_examples() {
        let sets = crate::default_rulesets();
        let normalizer = Normalizer::new();
        let examples: Vec<String> = sets
            .iter()
            .flat_map(|s| s.rules())
            .flat_map(|r| r.must_match.iter().chain(&r.must_ignore))
            .map(|e| normalizer.fold(e).as_str().to_string())
            .collect();
        let mut checked = 0;
        for rule in sets.iter().flat_map(|s| s.rules()) {
            for pattern in &rule.patterns {
                let (compiled, hir) = folded(pattern);
                let Some(hints) = required_literals(&hir) else { continue };
                let re = Regex::new(&compiled).unwrap();
                for ex in &examples {
                    for m in re.find_iter(ex).filter(|m| !m.is_empty()) {
                        checked += 1;
                        let seen = if hints.at_start {
                            hints.literals.iter().any(|h| ex[m.start()..].starts_with(h.as_str()))
                        } else {
                            hints.literals.iter().any(|h| m.as_str().contains(h.as_str()))
                        };
                        assert!(seen, "{} {pattern:?} on {ex:?}: {hints:?}", rule.id);
                    }
                }
            }
        }
        assert!(checked > 100, "only {checked} pattern matches checked");
    }

    #[test]
    fn required_literals_of_simple_patterns() {
        let lits = |p: &str| required_literals(&fold_pattern(p).unwrap()).map(|h| (h.literals, h.at_start));
        let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<String>>();
        assert_eq!(lits(r"\bhow old (are|r) (you|u)\b"), Some((v(&["how old "]), true)));
        // Prefixes first, cut to 8 bytes.
        assert_eq!(lits(r"\b(ben|zijn) je alleen\b"), Some((v(&["ben je a", "zijn je "]), true)));
        // A part in the middle, when the ends are too short.
        assert_eq!(lits(r"\b(u|i)\s+(buy|send)\s+(u|you)\b"), Some((v(&["buy", "send"]), false)));
        // Suffixes when the start is open.
        assert_eq!(lits(r"\w+ secret"), Some((v(&[" secret"]), false)));
        assert_eq!(lits(r"\bsnap\b"), Some((v(&["snap"]), true)));
        // Too short to filter on: run always.
        assert_eq!(lits(r"\bu\b"), None);
        assert_eq!(lits(r"\d+"), None);
    }
}
