//! Rules to matchers: the phrase automaton ([`crate::literals`]) and the
//! pattern engines ([`crate::pattern`]).
//!
//! Each rule is prepared on its own, on all cores: its phrases, near terms
//! and `unless` phrases folded, its patterns parsed and folded, their
//! required literals found ([`crate::pattern::hints`]) and their engines
//! built. Then, in rule order, the literals go into one table (a literal
//! shared by several rules is searched once), the patterns' required
//! literals with them, so a pattern runs only on messages where one was
//! seen. The few patterns with no such literal share one multi-pattern
//! engine, run on every message. Errors name the file, rule, line and
//! column; of several, the first in load order is reported.
//!
//! What this module does not do: scan messages ([`crate::scan`]) or score them.

use std::sync::Arc;

use rayon::prelude::*;
use regex_syntax::hir::Hir;

use crate::error::{Error, ErrorKind, Location};
use crate::literals::{Bounds, FoldedPhrase, LiteralTable, Literals, Target};
use crate::pattern::{self, fold_pattern, required_literals, Hints, Pattern, Set};
use crate::ruleset::{limits, Rule, Ruleset};
use crate::{Folded, Normalizer};

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
    pub literals: Literals,
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

/// Where a rule's numbered parts start in the whole: its index, its first
/// near clause, its first pattern.
#[derive(Clone, Copy)]
struct Offsets {
    rule: u32,
    clause: u32,
    pattern: u32,
}

/// One rule, prepared on a worker thread.
struct PreparedRule {
    phrases: Vec<(FoldedPhrase, Target)>,
    patterns: Vec<PreparedPattern>,
}

struct PreparedPattern {
    engine: Pattern,
    hints: Option<Hints>,
    /// The folded pattern, kept only when it has no hints (for the set of
    /// patterns run on every message).
    hir: Option<Hir>,
}

impl Matchers {
    pub(crate) fn stats(&self) -> crate::classifier::CompileStats {
        crate::classifier::CompileStats {
            rules: self.rules.len(),
            literals: self.literals.len(),
            patterns: self.patterns.len(),
            patterns_always_run: self.always_run.len(),
            automaton_bytes: self.literals.automaton_bytes(),
            pattern_bytes: self.patterns.iter().map(Pattern::memory_usage).sum::<usize>()
                + self.always_run_set.as_ref().map_or(0, Set::memory_usage),
        }
    }

    pub(crate) fn compile(rulesets: &[Ruleset]) -> Result<Matchers, Error> {
        // Number every rule, near clause and pattern first, so that rules
        // can be prepared in any order.
        let mut items: Vec<(&Ruleset, &Rule, Offsets)> = Vec::new();
        let mut next = Offsets { rule: 0, clause: 0, pattern: 0 };
        for ruleset in rulesets {
            for rule in ruleset.rules() {
                items.push((ruleset, rule, next));
                next.rule += 1;
                next.clause += rule.near.len() as u32;
                next.pattern += rule.patterns.len() as u32;
            }
        }
        let normalizer = Normalizer::new();
        let prepared: Vec<Result<PreparedRule, Error>> = items
            .par_iter()
            .map_init(
                || (pattern::compiler(limits::REGEX_SIZE_LIMIT), Folded::default()),
                |(compiler, buffer), (ruleset, rule, at)| prepare(&normalizer, buffer, compiler, ruleset, rule, *at),
            )
            .collect();

        let mut rules = Vec::with_capacity(items.len());
        let (mut plain, mut masked) = (LiteralTable::default(), LiteralTable::default());
        let mut always_run_hirs = Vec::new();
        let mut always_run = Vec::new();
        let mut patterns = Vec::with_capacity(next.pattern as usize);
        let mut pattern_rule = Vec::with_capacity(next.pattern as usize);
        let mut near = Vec::with_capacity(next.clause as usize);
        for ((_, rule, at), prepared) in items.iter().zip(prepared) {
            let prepared = prepared?;
            for (phrase, target) in prepared.phrases {
                plain.add_phrase(&mut masked, phrase, target);
            }
            for clause in &rule.near {
                near.push(NearClause { rule: at.rule, groups: clause.groups.len() as u32, within: clause.within });
            }
            for (i, p) in prepared.patterns.into_iter().enumerate() {
                let index = patterns.len() as u32;
                match p.hints {
                    Some(hints) => {
                        let target = Target::PatternHint { regex: index, at_start: hints.at_start };
                        for hint in hints.literals {
                            plain.add(hint, Bounds::Anywhere, target);
                        }
                    }
                    None => {
                        always_run_hirs.extend(p.hir);
                        always_run.push(index);
                    }
                }
                patterns.push(p.engine);
                pattern_rule.push((at.rule, i as u32));
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

        let (literals, always_run_set) = rayon::join(
            || Literals::build(plain, masked),
            || {
                if always_run_hirs.is_empty() {
                    return Ok(None);
                }
                Set::build(&always_run_hirs, limits::REGEX_SIZE_LIMIT).map(Some).map_err(|e| {
                    Error::new(ErrorKind::TooLarge, format!("the set of patterns without literals: {}", describe(&e)))
                })
            },
        );
        Ok(Matchers {
            rules,
            literals: literals?,
            always_run_set: always_run_set?,
            always_run,
            patterns,
            pattern_rule,
            near,
            scratch: crate::scan::ScratchPool::new(),
        })
    }
}

/// Folds a rule's phrases and terms, and parses, folds and builds its
/// patterns.
fn prepare(
    normalizer: &Normalizer,
    buffer: &mut Folded,
    compiler: &regex_automata::nfa::thompson::Compiler,
    ruleset: &Ruleset,
    rule: &Rule,
    at: Offsets,
) -> Result<PreparedRule, Error> {
    let mut phrases = Vec::new();
    for (i, phrase) in rule.phrases.iter().enumerate() {
        phrases
            .push((FoldedPhrase::new(normalizer, buffer, phrase), Target::Phrase { rule: at.rule, phrase: i as u32 }));
    }
    for phrase in &rule.unless {
        phrases.push((FoldedPhrase::new(normalizer, buffer, phrase), Target::Unless { rule: at.rule }));
    }
    for (c, clause) in rule.near.iter().enumerate() {
        for (g, group) in clause.groups.iter().enumerate() {
            let target = Target::NearTerm { clause: at.clause + c as u32, group: g as u32 };
            for term in group {
                phrases.push((FoldedPhrase::new(normalizer, buffer, term), target));
            }
        }
    }
    let mut patterns = Vec::with_capacity(rule.patterns.len());
    for (i, source) in rule.patterns.iter().enumerate() {
        let hir =
            fold_pattern(source).map_err(|msg| pattern_error(ruleset, rule, i, ErrorKind::InvalidPattern, msg))?;
        let engine =
            Pattern::build(compiler, &hir, limits::REGEX_SIZE_LIMIT).map_err(|e| build_error(ruleset, rule, i, e))?;
        let hints = required_literals(&hir);
        let hir = hints.is_none().then_some(hir);
        patterns.push(PreparedPattern { engine, hints, hir });
    }
    Ok(PreparedRule { phrases, patterns })
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
