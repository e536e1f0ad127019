//! The phrase automaton: every literal of every rule in one Aho-Corasick
//! automaton, each literal with the places it serves.
//!
//! Phrases, near terms and `unless` phrases are folded with
//! [`crate::Normalizer`]; the required literals of patterns come folded
//! already. A literal shared by several rules is searched once and remembers
//! every [`Target`] it serves.
//!
//! Each phrase also gets its masked variants (`sn*p` for `snap`, one per
//! vowel inside a word), which triple the number of literals. A masked
//! variant can only match text with a `*` in it, which few messages have:
//! so the variants get an automaton of their own, built the first time a
//! message with a `*` is scanned, and the automaton every message goes
//! through holds only the literals as written.
//!
//! What this module does not do: decide what a hit means (that is
//! [`crate::scan`]).

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::error::{Error, ErrorKind};
use crate::{Folded, Normalizer};

/// What a literal stands for in one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A phrase of rule `rule`; `phrase` indexes its `phrases`.
    Phrase { rule: u32, phrase: u32 },
    /// A term of group `group` of near clause `clause`.
    NearTerm { clause: u32, group: u32 },
    /// An `unless` phrase of rule `rule`.
    Unless { rule: u32 },
    /// A literal that every match of pattern `regex` contains (starts with,
    /// if `at_start`): when it is seen, the pattern runs (anchored where it
    /// starts, if `at_start`).
    PatternHint { regex: u32, at_start: bool },
}

/// How a literal must sit in the folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Bounds {
    /// On word boundaries at both ends (a phrase).
    Word,
    /// On a word boundary at the start only (a `prefix*` phrase).
    Prefix,
    /// Anywhere (a pattern hint).
    Anywhere,
}

/// One literal of the automaton: where it may sit, and the range of its
/// targets in [`Literals::targets`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Literal {
    /// Whether the literal must start on a word boundary.
    pub bounded_start: bool,
    /// Whether the literal must end on a word boundary.
    pub bounded_end: bool,
    targets: (u32, u32),
}

/// A phrase or term as written in a rule (`prefix*` allowed), folded: its
/// literal, its masked variants, and how it must sit.
pub(crate) struct FoldedPhrase {
    pub literal: String,
    pub masked: Vec<String>,
    pub bounds: Bounds,
}

impl FoldedPhrase {
    /// Folds `phrase`, with `buffer` as the normalizer's scratch space.
    pub(crate) fn new(normalizer: &Normalizer, buffer: &mut Folded, phrase: &str) -> FoldedPhrase {
        let (body, bounds) = match phrase.strip_suffix('*') {
            Some(b) => (b, Bounds::Prefix),
            None => (phrase, Bounds::Word),
        };
        normalizer.fold_into(body, buffer);
        let literal = buffer.as_str().to_string();
        FoldedPhrase { masked: masked_variants(&literal), literal, bounds }
    }
}

/// Literals being collected, deduplicated, each with the places it serves.
#[derive(Default)]
pub(crate) struct LiteralTable {
    /// Literal ids by text, one map for each kind of [`Bounds`].
    index: [HashMap<String, u32, foldhash::fast::RandomState>; 3],
    texts: Vec<String>,
    bounds: Vec<Bounds>,
    targets: Vec<Vec<Target>>,
}

impl LiteralTable {
    /// Adds a literal in folded form, serving `target`.
    pub(crate) fn add(&mut self, folded: String, bounds: Bounds, target: Target) {
        let index = &mut self.index[bounds as usize];
        let idx = match index.get(folded.as_str()) {
            Some(&i) => i as usize,
            None => {
                let i = self.texts.len();
                index.insert(folded.clone(), i as u32);
                self.texts.push(folded);
                self.bounds.push(bounds);
                self.targets.push(Vec::new());
                i
            }
        };
        if !self.targets[idx].contains(&target) {
            self.targets[idx].push(target);
        }
    }

    /// Adds a folded phrase: its literal here, its masked variants to
    /// `masked`.
    pub(crate) fn add_phrase(&mut self, masked: &mut LiteralTable, phrase: FoldedPhrase, target: Target) {
        for variant in phrase.masked {
            masked.add(variant, phrase.bounds, target);
        }
        self.add(phrase.literal, phrase.bounds, target);
    }

    fn bytes(&self) -> usize {
        self.texts.iter().map(String::len).sum()
    }
}

/// The compiled literals of every rule.
#[derive(Clone, Debug)]
pub(crate) struct Literals {
    /// The literals as written (not the masked variants).
    automaton: Option<AhoCorasick>,
    /// The masked variants, built on the first text with a `*`.
    masked: OnceLock<Option<AhoCorasick>>,
    /// The index of the first masked variant in `literals`.
    masked_base: u32,
    literals: Vec<Literal>,
    targets: Vec<Target>,
    /// The folded text of every literal, one after the other.
    text: String,
    /// Where each literal's text ends in `text`.
    ends: Vec<u32>,
}

/// The most bytes the literals of one automaton may add up to: the
/// automaton has at most one state a byte, and its state ids must fit.
const MAX_LITERAL_BYTES: usize = 1 << 30;

impl Literals {
    /// Compiles the literals as written now (checking the masked variants
    /// fit the automaton limits, so building them later cannot fail).
    pub(crate) fn build(plain: LiteralTable, masked: LiteralTable) -> Result<Literals, Error> {
        for table in [&plain, &masked] {
            if table.bytes() > MAX_LITERAL_BYTES {
                return Err(Error::new(
                    ErrorKind::TooLarge,
                    format!("phrase automaton: more than {MAX_LITERAL_BYTES} bytes of phrases"),
                ));
            }
        }
        let automaton = if plain.texts.is_empty() {
            None
        } else {
            Some(
                automaton(&plain.texts)
                    .map_err(|e| Error::new(ErrorKind::TooLarge, format!("phrase automaton: {e}")))?,
            )
        };
        let masked_base = plain.texts.len() as u32;
        let mut literals = Vec::with_capacity(plain.texts.len() + masked.texts.len());
        let mut targets = Vec::new();
        let mut text = String::new();
        let mut ends = Vec::with_capacity(literals.capacity());
        for table in [plain, masked] {
            for ((t, bounds), serves) in table.texts.iter().zip(table.bounds).zip(table.targets) {
                let first_is_word = t.chars().next().is_some_and(is_word_char);
                let last_is_word = t.chars().next_back().is_some_and(is_word_char);
                let start = targets.len() as u32;
                targets.extend(serves);
                literals.push(Literal {
                    bounded_start: first_is_word && bounds != Bounds::Anywhere,
                    bounded_end: last_is_word && bounds == Bounds::Word,
                    targets: (start, targets.len() as u32),
                });
                text.push_str(t);
                ends.push(text.len() as u32);
            }
        }
        let masked = OnceLock::new();
        if literals.len() == masked_base as usize {
            let _ = masked.set(None);
        }
        Ok(Literals { automaton, masked, masked_base, literals, targets, text, ends })
    }

    /// Calls `hit(id, start, end)` for every occurrence of every literal in
    /// `text` (overlapping ones too), ids indexing [`Literals::get`].
    pub(crate) fn find(&self, text: &str, mut hit: impl FnMut(u32, usize, usize)) {
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                hit(m.pattern().as_u32(), m.start(), m.end());
            }
        }
        if text.as_bytes().contains(&b'*') {
            if let Some(ac) = self.masked_automaton() {
                for m in ac.find_overlapping_iter(text) {
                    hit(self.masked_base + m.pattern().as_u32(), m.start(), m.end());
                }
            }
        }
    }

    fn masked_automaton(&self) -> Option<&AhoCorasick> {
        self.masked
            .get_or_init(|| {
                let texts = (self.masked_base as usize..self.literals.len()).map(|i| self.text(i as u32));
                // `build` checked the size, the only way this can fail.
                automaton(texts).ok()
            })
            .as_ref()
    }

    /// The literal with id `id`.
    pub(crate) fn get(&self, id: u32) -> &Literal {
        &self.literals[id as usize]
    }

    /// What the literal with id `id` serves.
    pub(crate) fn targets(&self, literal: &Literal) -> &[Target] {
        &self.targets[literal.targets.0 as usize..literal.targets.1 as usize]
    }

    /// The folded text of the literal with id `id` (rule text).
    pub(crate) fn text(&self, id: u32) -> &str {
        let start = if id == 0 { 0 } else { self.ends[id as usize - 1] as usize };
        &self.text[start..self.ends[id as usize] as usize]
    }

    /// How many literals, masked variants included.
    pub(crate) fn len(&self) -> usize {
        self.literals.len()
    }

    /// Heap bytes of the automata built so far (as they report them).
    pub(crate) fn automaton_bytes(&self) -> usize {
        self.automaton.as_ref().map_or(0, AhoCorasick::memory_usage)
            + self.masked.get().and_then(Option::as_ref).map_or(0, AhoCorasick::memory_usage)
    }
}

fn automaton<I, P>(texts: I) -> Result<AhoCorasick, aho_corasick::BuildError>
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    AhoCorasick::builder().match_kind(MatchKind::Standard).build(texts)
}

/// The folded phrase with one vowel inside a word masked by `*` (`sn*p`,
/// `s*x`, `geh*im` for `snap`, `sex`, `geheim`), one variant per such vowel:
/// messages mask a letter to get past filters, and the normalizer keeps a
/// `*` between letters when fewer than three single letters are around it
/// (see `NORMALIZATION.md`, "Masked letters").
fn masked_variants(folded: &str) -> Vec<String> {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    for i in 1..chars.len().saturating_sub(1) {
        if matches!(chars[i], 'a' | 'e' | 'i' | 'o' | 'u') && is_word_char(chars[i - 1]) && is_word_char(chars[i + 1]) {
            let mut masked = chars.clone();
            masked[i] = '*';
            out.push(masked.into_iter().collect());
        }
    }
    out
}

/// Whether `c` is part of a word, for phrase boundaries.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_variants_hide_one_inner_vowel() {
        assert_eq!(masked_variants("snap"), ["sn*p"]);
        assert_eq!(masked_variants("sex"), ["s*x"]);
        assert_eq!(masked_variants("dont tel"), ["d*nt tel", "dont t*l"]);
        assert!(masked_variants("ass").is_empty());
        assert!(masked_variants("a").is_empty());
    }

    fn table(phrases: &[&str]) -> Literals {
        let normalizer = Normalizer::new();
        let mut buffer = Folded::default();
        let (mut plain, mut masked) = (LiteralTable::default(), LiteralTable::default());
        for (i, p) in phrases.iter().enumerate() {
            let target = Target::Phrase { rule: i as u32, phrase: 0 };
            plain.add_phrase(&mut masked, FoldedPhrase::new(&normalizer, &mut buffer, p), target);
        }
        Literals::build(plain, masked).unwrap()
    }

    fn found(literals: &Literals, text: &str) -> Vec<(String, usize, usize)> {
        let mut out = Vec::new();
        literals.find(text, |id, s, e| out.push((literals.text(id).to_string(), s, e)));
        out
    }

    #[test]
    fn masked_variants_are_found_only_in_text_with_a_star() {
        let literals = table(&["snap", "geheim"]);
        assert_eq!(found(&literals, "add me on snap"), [("snap".to_string(), 10, 14)]);
        assert!(literals.masked.get().is_none(), "no star yet: the variants are not built");
        assert_eq!(found(&literals, "sn*p en geh*im"), [("sn*p".to_string(), 0, 4), ("geh*im".to_string(), 8, 14)]);
        assert!(literals.masked.get().is_some());
    }

    #[test]
    fn shared_literals_keep_every_target() {
        let literals = table(&["snap", "Snap", "snap*"]);
        let mut seen = Vec::new();
        literals.find("snap", |id, _, _| seen.push((id, literals.targets(literals.get(id)).to_vec())));
        // "snap" as a word serves rules 0 and 1; "snap" as a prefix rule 2.
        assert_eq!(seen.len(), 2);
        assert_eq!(seen.iter().map(|(_, t)| t.len()).sum::<usize>(), 3);
    }
}
