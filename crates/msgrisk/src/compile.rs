//! Rules to matchers: one Aho-Corasick automaton for every literal of every
//! rule, one regex set for every pattern.
//!
//! Phrases, near terms and `unless` phrases of all loaded rules are folded
//! with [`crate::Normalizer`] and go into a single automaton, each with its
//! masked variants (`sn*p` for `snap`, one per vowel inside a word); each automaton
//! pattern remembers which rules (and which near groups) it serves, so a
//! phrase shared by several rules is searched once. Regular expressions are
//! parsed with a nesting limit, their literal letters folded the way message
//! text is folded, and compiled with size limits, both one by one (for spans)
//! and as a [`regex::RegexSet`] (to find in one pass which ones match).
//!
//! What this module does not do: scan messages ([`crate::scan`]) or score them.

use std::collections::HashMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_syntax::hir::{self, Hir, HirKind};

use crate::error::{Error, ErrorKind, Location};
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
    pub regex_set: RegexSet,
    pub regexes: Vec<Regex>,
    /// For each regex: the rule and the index in its `patterns`.
    pub regex_rule: Vec<(u32, u32)>,
    pub near: Vec<NearClause>,
}

impl Matchers {
    pub(crate) fn compile(rulesets: &[Ruleset]) -> Result<Matchers, Error> {
        let normalizer = Normalizer::new();
        let mut rules = Vec::new();
        let mut literal_index: HashMap<(String, bool), usize> = HashMap::new();
        let mut literal_text: Vec<String> = Vec::new();
        let mut literals: Vec<Literal> = Vec::new();
        let mut regex_sources = Vec::new();
        let mut regexes = Vec::new();
        let mut regex_rule = Vec::new();
        let mut near = Vec::new();

        let mut add_literal = |phrase: &str, target: Target| {
            let (body, prefix) = match phrase.strip_suffix('*') {
                Some(b) => (b, true),
                None => (phrase, false),
            };
            let folded = normalizer.fold(body).as_str().to_string();
            let variants = masked_variants(&folded);
            for folded in std::iter::once(folded).chain(variants) {
                let key = (folded.clone(), prefix);
                let idx = *literal_index.entry(key).or_insert_with(|| {
                    let first_is_word = folded.chars().next().is_some_and(is_word_char);
                    let last_is_word = folded.chars().next_back().is_some_and(is_word_char);
                    literal_text.push(folded);
                    literals.push(Literal {
                        bounded_start: first_is_word,
                        bounded_end: last_is_word && !prefix,
                        targets: Vec::new(),
                    });
                    literals.len() - 1
                });
                if !literals[idx].targets.contains(&target) {
                    literals[idx].targets.push(target);
                }
            }
        };

        for ruleset in rulesets {
            for rule in ruleset.rules() {
                let r = rules.len() as u32;
                for (i, phrase) in rule.phrases.iter().enumerate() {
                    add_literal(
                        phrase,
                        Target::Phrase {
                            rule: r,
                            phrase: i as u32,
                        },
                    );
                }
                for phrase in &rule.unless {
                    add_literal(phrase, Target::Unless { rule: r });
                }
                for clause in &rule.near {
                    let c = near.len() as u32;
                    for (g, group) in clause.groups.iter().enumerate() {
                        for term in group {
                            add_literal(
                                term,
                                Target::NearTerm {
                                    clause: c,
                                    group: g as u32,
                                },
                            );
                        }
                    }
                    near.push(NearClause {
                        rule: r,
                        groups: clause.groups.len() as u32,
                        within: clause.within,
                    });
                }
                for (i, pattern) in rule.patterns.iter().enumerate() {
                    let folded = fold_pattern(pattern).map_err(|msg| {
                        pattern_error(ruleset, rule, i, ErrorKind::InvalidPattern, msg)
                    })?;
                    let regex = RegexBuilder::new(&folded)
                        .size_limit(limits::REGEX_SIZE_LIMIT)
                        .dfa_size_limit(limits::REGEX_SIZE_LIMIT)
                        .nest_limit(limits::REGEX_NEST_LIMIT)
                        .build()
                        .map_err(|e| regex_error(ruleset, rule, i, e))?;
                    regex_sources.push(folded);
                    regexes.push(regex);
                    regex_rule.push((r, i as u32));
                }
                rules.push(CompiledRule {
                    id: Arc::from(rule.id.as_str()),
                    category: Arc::from(rule.category.as_str()),
                    weight: rule.weight,
                    phrases: rule.phrases.iter().map(|p| Arc::from(p.as_str())).collect(),
                    patterns: rule
                        .patterns
                        .iter()
                        .map(|p| Arc::from(p.as_str()))
                        .collect(),
                });
            }
        }

        let automaton = if literal_text.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&literal_text)
                    .map_err(|e| {
                        Error::new(ErrorKind::TooLarge, format!("phrase automaton: {e}"))
                    })?,
            )
        };
        let set_limit = limits::REGEX_SIZE_LIMIT.saturating_mul(regex_sources.len().max(1));
        let regex_set = RegexSetBuilder::new(&regex_sources)
            .size_limit(set_limit)
            .dfa_size_limit(set_limit)
            .nest_limit(limits::REGEX_NEST_LIMIT)
            .build()
            .map_err(|e| Error::new(ErrorKind::TooLarge, format!("pattern set: {e}")))?;
        Ok(Matchers {
            rules,
            automaton,
            literals,
            literal_texts: literal_text,
            regex_set,
            regexes,
            regex_rule,
            near,
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
        if matches!(chars[i], 'a' | 'e' | 'i' | 'o' | 'u')
            && is_word_char(chars[i - 1])
            && is_word_char(chars[i + 1])
        {
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

fn pattern_error(
    ruleset: &Ruleset,
    rule: &Rule,
    index: usize,
    kind: ErrorKind,
    msg: String,
) -> Error {
    Error::new(kind, msg).at(pattern_location(ruleset, rule, index))
}

fn regex_error(ruleset: &Ruleset, rule: &Rule, index: usize, e: regex::Error) -> Error {
    let (kind, msg) = match e {
        regex::Error::CompiledTooBig(limit) => (
            ErrorKind::TooLarge,
            format!("pattern compiles to more than the limit of {limit} bytes"),
        ),
        other => (ErrorKind::InvalidPattern, other.to_string()),
    };
    pattern_error(ruleset, rule, index, kind, msg)
}

/// Parses a pattern and folds its literal letters the way message text is
/// folded (lower case, no accents, runs of a letter squeezed), so that a
/// pattern written as `\balleen\b` matches the folded `alen`. Returns the
/// pattern to compile.
pub(crate) fn fold_pattern(pattern: &str) -> Result<String, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .nest_limit(limits::REGEX_NEST_LIMIT)
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    let folded = fold_hir(hir);
    let mut out = String::new();
    hir::print::Printer::new()
        .print(&folded, &mut out)
        .map_err(|e| e.to_string())?;
    Ok(out)
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
        HirKind::Class(c) => Hir::class(c),
        HirKind::Look(l) => Hir::look(l),
    }
}

/// Lower case, accents removed, runs of one letter squeezed; everything
/// else kept as written (spaces included).
fn fold_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last: Option<char> = None;
    for c in s.chars() {
        if c.is_alphabetic() {
            let folded = Normalizer::new().fold(c.encode_utf8(&mut [0; 4]));
            for f in folded.as_str().chars() {
                if last == Some(f) && f.is_alphabetic() {
                    continue;
                }
                out.push(f);
                last = Some(f);
            }
        } else {
            out.push(c);
            last = Some(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_literals_are_folded() {
        let p = fold_pattern(r"\balleen\b").unwrap();
        let re = Regex::new(&p).unwrap();
        assert!(re.is_match("ben je alen"));
        let p = fold_pattern(r"\b(ben je|zijn jullie) ALLEEN\b").unwrap();
        assert!(Regex::new(&p).unwrap().is_match("zijn julie alen"));
        let p = fold_pattern(r"\bniét\b").unwrap();
        assert!(Regex::new(&p).unwrap().is_match("niet"));
    }

    #[test]
    fn pattern_classes_and_digits_are_kept() {
        let p = fold_pattern(r"\bim (1[0-7]|[89])\b").unwrap();
        let re = Regex::new(&p).unwrap();
        assert!(re.is_match("im 13"));
        assert!(!re.is_match("im 18"));
        let p = fold_pattern(r"\b1000\b").unwrap();
        assert!(Regex::new(&p).unwrap().is_match("1000"));
    }

    #[test]
    fn masked_variants_hide_one_inner_vowel() {
        assert_eq!(masked_variants("snap"), ["sn*p"]);
        assert_eq!(masked_variants("sex"), ["s*x"]);
        assert_eq!(masked_variants("dont tel"), ["d*nt tel", "dont t*l"]);
        assert!(masked_variants("ass").is_empty());
        assert!(masked_variants("a").is_empty());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("{}a{}", "(".repeat(200), ")".repeat(200));
        assert!(fold_pattern(&deep).is_err());
    }
}
