//! Rules to matchers: one Aho-Corasick automaton for every literal of every
//! rule, and the pattern engines.
//!
//! Phrases, near terms and `unless` phrases of all loaded rules are folded
//! with [`crate::Normalizer`] and go into a single automaton, each with its
//! masked variants (`sn*p` for `snap`, one per vowel inside a word); each automaton
//! pattern remembers which rules (and which near groups) it serves, so a
//! phrase shared by several rules is searched once. Regular expressions are
//! folded ([`crate::pattern::fold`]); the literals one of which every match
//! contains ([`crate::pattern::hints`]) go into the automaton too, so a
//! pattern runs only on messages where one was seen. The few patterns with
//! no such literal share one multi-pattern engine, run on every message.
//!
//! What this module does not do: scan messages ([`crate::scan`]) or score them.

use std::collections::HashMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::Hir;

use crate::error::{Error, ErrorKind, Location};
use crate::pattern::{self, fold_pattern, required_literals, Pattern, Set};
use crate::ruleset::{limits, Rule, Ruleset};
use crate::Normalizer;

/// What an automaton pattern stands for in one rule.
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
enum Bounds {
    /// On word boundaries at both ends (a phrase).
    Word,
    /// On a word boundary at the start only (a `prefix*` phrase).
    Prefix,
    /// Anywhere (a pattern hint).
    Anywhere,
}

/// One automaton pattern: its folded literal, whether it is a prefix, and
/// every place it serves.
#[derive(Clone, Debug)]
pub(crate) struct Literal {
    /// Whether the literal must end on a word boundary.
    pub bounded_end: bool,
    /// Whether the literal must start on a word boundary.
    pub bounded_start: bool,
    pub targets: Vec<Target>,
}

/// A near clause, compiled.
#[derive(Clone, Debug)]
pub(crate) struct NearClause {
    pub rule: u32,
    pub groups: u32,
    pub within: u32,
}

/// A rule, as the scanner and scorer need it.
#[derive(Clone, Debug)]
pub(crate) struct CompiledRule {
    pub id: Arc<str>,
    pub category: Arc<str>,
    pub weight: f64,
    pub lang: crate::ruleset::Lang,
    pub phrases: Vec<Arc<str>>,
    pub patterns: Vec<Arc<str>>,
}

/// Every loaded rule, compiled into matchers.
#[derive(Clone, Debug)]
pub(crate) struct Matchers {
    pub rules: Vec<CompiledRule>,
    pub automaton: Option<AhoCorasick>,
    pub literals: Vec<Literal>,
    /// The folded text of each literal (rule text), for explanations.
    pub literal_texts: Vec<String>,
    /// The patterns with no literal to look for, in one engine run on every
    /// message.
    pub always_run_set: Option<Set>,
    /// For each pattern of `always_run_set`: its index in `patterns`.
    pub always_run: Vec<u32>,
    /// Every pattern of every rule.
    pub patterns: Vec<Pattern>,
    /// For each pattern: the rule and the index in its `patterns`.
    pub pattern_rule: Vec<(u32, u32)>,
    pub near: Vec<NearClause>,
    /// Each scanning thread's buffers and engine caches.
    pub scratch: crate::scan::ScratchPool,
}

/// The literals of every rule, deduplicated, each with the places it serves.
#[derive(Default)]
struct LiteralTable {
    index: HashMap<(String, Bounds), usize>,
    texts: Vec<String>,
    literals: Vec<Literal>,
}

impl LiteralTable {
    /// Adds a literal that is already in folded form.
    fn add_folded(&mut self, folded: String, bounds: Bounds, target: Target) {
        let idx = match self.index.get(&(folded.clone(), bounds)) {
            Some(&i) => i,
            None => {
                let first_is_word = folded.chars().next().is_some_and(is_word_char);
                let last_is_word = folded.chars().next_back().is_some_and(is_word_char);
                self.literals.push(Literal {
                    bounded_start: first_is_word && bounds != Bounds::Anywhere,
                    bounded_end: last_is_word && bounds == Bounds::Word,
                    targets: Vec::new(),
                });
                self.texts.push(folded.clone());
                self.index.insert((folded, bounds), self.literals.len() - 1);
                self.literals.len() - 1
            }
        };
        if !self.literals[idx].targets.contains(&target) {
            self.literals[idx].targets.push(target);
        }
    }

    /// Adds a phrase or term as written in a rule (`prefix*` allowed).
    fn add_phrase(&mut self, normalizer: &Normalizer, phrase: &str, target: Target) {
        let (body, bounds) = match phrase.strip_suffix('*') {
            Some(b) => (b, Bounds::Prefix),
            None => (phrase, Bounds::Word),
        };
        let folded = normalizer.fold(body).as_str().to_string();
        for variant in masked_variants(&folded) {
            self.add_folded(variant, bounds, target);
        }
        self.add_folded(folded, bounds, target);
    }
}

impl Matchers {
    pub(crate) fn stats(&self) -> crate::classifier::CompileStats {
        crate::classifier::CompileStats {
            rules: self.rules.len(),
            literals: self.literals.len(),
            patterns: self.patterns.len(),
            patterns_always_run: self.always_run.len(),
            automaton_bytes: self.automaton.as_ref().map_or(0, |a| a.memory_usage()),
            pattern_bytes: self.patterns.iter().map(Pattern::memory_usage).sum::<usize>()
                + self.always_run_set.as_ref().map_or(0, Set::memory_usage),
        }
    }

    pub(crate) fn compile(rulesets: &[Ruleset]) -> Result<Matchers, Error> {
        let normalizer = Normalizer::new();
        let mut rules = Vec::new();
        let mut table = LiteralTable::default();
        let mut always_run_hirs = Vec::new();
        let mut always_run = Vec::new();
        let mut pending: Vec<(&Ruleset, &Rule, usize)> = Vec::new();
        let mut hirs: Vec<Hir> = Vec::new();
        let mut pattern_rule = Vec::new();
        let mut near = Vec::new();

        for ruleset in rulesets {
            for rule in ruleset.rules() {
                let r = rules.len() as u32;
                for (i, phrase) in rule.phrases.iter().enumerate() {
                    table.add_phrase(&normalizer, phrase, Target::Phrase { rule: r, phrase: i as u32 });
                }
                for phrase in &rule.unless {
                    table.add_phrase(&normalizer, phrase, Target::Unless { rule: r });
                }
                for clause in &rule.near {
                    let c = near.len() as u32;
                    for (g, group) in clause.groups.iter().enumerate() {
                        for term in group {
                            table.add_phrase(&normalizer, term, Target::NearTerm { clause: c, group: g as u32 });
                        }
                    }
                    near.push(NearClause { rule: r, groups: clause.groups.len() as u32, within: clause.within });
                }
                for (i, pattern) in rule.patterns.iter().enumerate() {
                    let hir = fold_pattern(pattern)
                        .map_err(|msg| pattern_error(ruleset, rule, i, ErrorKind::InvalidPattern, msg))?;
                    let index = pending.len() as u32;
                    match required_literals(&hir) {
                        Some(hints) => {
                            let target = Target::PatternHint { regex: index, at_start: hints.at_start };
                            for hint in hints.literals {
                                table.add_folded(hint, Bounds::Anywhere, target);
                            }
                        }
                        None => {
                            always_run_hirs.push(hir.clone());
                            always_run.push(index);
                        }
                    }
                    pending.push((ruleset, rule, i));
                    hirs.push(hir);
                    pattern_rule.push((r, i as u32));
                }
                rules.push(CompiledRule {
                    id: Arc::from(rule.id.as_str()),
                    category: Arc::from(rule.category.as_str()),
                    weight: rule.weight,
                    lang: rule.lang,
                    phrases: rule.phrases.iter().map(|p| Arc::from(p.as_str())).collect(),
                    patterns: rule.patterns.iter().map(|p| Arc::from(p.as_str())).collect(),
                });
            }
        }
        let LiteralTable { texts: literal_text, literals, .. } = table;
        // Building the pattern engines is most of the compile time, and each
        // pattern's are independent: build them on all cores, keep the
        // order, report the first error in file order.
        let patterns = Pattern::build_all(&hirs, limits::REGEX_SIZE_LIMIT)
            .into_iter()
            .zip(&pending)
            .map(|(built, (ruleset, rule, i))| built.map_err(|e| build_error(ruleset, rule, *i, e)))
            .collect::<Result<Vec<Pattern>, Error>>()?;
        drop(hirs);

        let automaton = if literal_text.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&literal_text)
                    .map_err(|e| Error::new(ErrorKind::TooLarge, format!("phrase automaton: {e}")))?,
            )
        };
        let always_run_set = if always_run_hirs.is_empty() {
            None
        } else {
            let set = Set::build(&always_run_hirs, limits::REGEX_SIZE_LIMIT).map_err(|e| {
                Error::new(ErrorKind::TooLarge, format!("the set of patterns without literals: {}", describe(&e)))
            })?;
            Some(set)
        };
        Ok(Matchers {
            rules,
            automaton,
            literals,
            literal_texts: literal_text,
            always_run_set,
            always_run,
            patterns,
            pattern_rule,
            near,
            scratch: crate::scan::ScratchPool::new(),
        })
    }
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

fn pattern_location(ruleset: &Ruleset, rule: &Rule, index: usize) -> Location {
    let pos = rule.pattern_pos.get(index).copied().unwrap_or(rule.pos);
    Location {
        source: ruleset.source().to_string(),
        rule: Some(rule.id.clone()),
        line: Some(pos.line),
        column: Some(pos.column),
    }
}

fn pattern_error(ruleset: &Ruleset, rule: &Rule, index: usize, kind: ErrorKind, msg: String) -> Error {
    Error::new(kind, msg).at(pattern_location(ruleset, rule, index))
}

fn describe(e: &pattern::BuildError) -> String {
    match e {
        pattern::BuildError::TooLarge(limit) => format!("pattern compiles to more than the limit of {limit} bytes"),
        pattern::BuildError::Other(msg) => msg.clone(),
    }
}

fn build_error(ruleset: &Ruleset, rule: &Rule, index: usize, e: pattern::BuildError) -> Error {
    let kind = match e {
        pattern::BuildError::TooLarge(_) => ErrorKind::TooLarge,
        pattern::BuildError::Other(_) => ErrorKind::InvalidPattern,
    };
    pattern_error(ruleset, rule, index, kind, describe(&e))
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
}
