//! Regular-expression patterns: compiled once for a quick yes-or-no, and
//! for spans only once they match.
//!
//! Most patterns never match most messages: the phrase automaton runs a
//! pattern only where one of its required literals ([`hints`]) was seen, and
//! even then the answer is nearly always no. So at load time each pattern
//! gets only a forward Thompson NFA (built under the size limit, so an
//! oversized pattern is refused when the rules load) and a lazy DFA over it,
//! which answers "does it match?" in one forward pass, or "does a match
//! start here?" anchored at one place, and stops at the first match. The
//! engines that find where matches start and end (a reverse NFA
//! and lazy DFA) are built the first time the pattern matches anything, and
//! kept; should that fail, a PikeVM over the forward NFA finds the spans.
//!
//! Patterns are built with one Thompson compiler per thread ([`compiler`]):
//! a compiler allocates its UTF-8 tables once, and a compiler per pattern
//! (what a `regex` per pattern costs) spends most of the load time
//! allocating and clearing them.
//!
//! Lazy DFAs need a mutable cache per thread: [`Caches`] holds one per
//! pattern, created on the pattern's first run on that thread.
//!
//! What this module does not do: decide which patterns run on a message
//! ([`crate::scan`]).

pub(crate) mod fold;
pub(crate) mod hints;

use std::sync::{Arc, OnceLock};

use regex_automata::hybrid::{self, dfa::DFA};
use regex_automata::nfa::thompson::{self, pikevm, pikevm::PikeVM, WhichCaptures, NFA};
use regex_automata::util::iter::Searcher;
use regex_automata::{Anchored, Input, MatchKind, PatternSet};
use regex_syntax::hir::Hir;

pub(crate) use fold::fold_pattern;
pub(crate) use hints::{required_literals, Hints};

/// Why a pattern did not compile: it is too large, or something else the
/// engines refuse (the message says what).
#[derive(Debug)]
pub(crate) enum BuildError {
    TooLarge(usize),
    Other(String),
}

impl BuildError {
    fn from_nfa(e: thompson::BuildError, limit: usize) -> BuildError {
        match e.size_limit() {
            Some(_) => BuildError::TooLarge(limit),
            None => BuildError::Other(e.to_string()),
        }
    }
}

/// One pattern, compiled.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    /// Leftmost-first lazy DFA over the forward NFA.
    forward: DFA,
    /// The fewest bytes a match has: where fewer are left, no try is made.
    min_len: usize,
    /// The engines for spans, built on the first match.
    spans: OnceLock<Arc<Spans>>,
}

/// Behind an `Arc` in [`Pattern`], so the size difference costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
enum Spans {
    /// Forward and reverse lazy DFAs.
    Lazy(hybrid::regex::Regex),
    /// The PikeVM, should the reverse engines not build.
    Pike(PikeVM),
    /// Neither built (the PikeVM refuses only Unicode word boundaries
    /// without the crate feature for them, which patterns never have after
    /// folding): no spans.
    None,
}

/// Several patterns in one lazy DFA that tells which of them match, in one
/// pass (for the patterns with no required literal, run on every message).
#[derive(Clone, Debug)]
pub(crate) struct Set {
    dfa: DFA,
}

/// A thread's mutable state for running patterns: one lazy DFA cache per
/// pattern (and for the set), each created on first use.
#[derive(Debug, Default)]
pub(crate) struct Caches {
    forward: Vec<Option<Box<hybrid::dfa::Cache>>>,
    spans: Vec<Option<Box<SpanCache>>>,
    set: Option<(hybrid::dfa::Cache, PatternSet)>,
}

/// Boxed whole in [`Caches`], so the size difference costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
enum SpanCache {
    Lazy(hybrid::regex::Cache),
    Pike(pikevm::Cache),
}

fn thompson_config(size_limit: usize) -> thompson::Config {
    thompson::Config::new()
        .nfa_size_limit(Some(size_limit))
        // Spans only; the PikeVM fallback needs the implicit group.
        .which_captures(WhichCaptures::Implicit)
        .shrink(false)
}

fn dfa_config(size_limit: usize) -> hybrid::dfa::Config {
    DFA::config().cache_capacity(size_limit)
}

/// A Thompson compiler for [`Pattern::build`]: keep one per thread and
/// reuse it, since it allocates its UTF-8 tables once.
pub(crate) fn compiler(size_limit: usize) -> thompson::Compiler {
    thompson::Compiler::new().configure(thompson_config(size_limit)).clone()
}

impl Pattern {
    /// Builds the pattern's forward engine with `compiler` (one from
    /// [`compiler`], reused for many patterns on one thread).
    pub(crate) fn build(compiler: &thompson::Compiler, hir: &Hir, size_limit: usize) -> Result<Pattern, BuildError> {
        let nfa = compiler.build_from_hir(hir).map_err(|e| BuildError::from_nfa(e, size_limit))?;
        let forward = DFA::builder()
            .configure(dfa_config(size_limit))
            .build_from_nfa(nfa)
            .map_err(|e| BuildError::Other(e.to_string()))?;
        let min_len = hir.properties().minimum_len().unwrap_or(usize::MAX);
        Ok(Pattern { forward, min_len, spans: OnceLock::new() })
    }

    /// Whether the pattern matches anywhere in `text` (possibly with an
    /// empty match). Stops at the first match.
    pub(crate) fn is_match(&self, caches: &mut Caches, index: usize, text: &str) -> bool {
        if text.len() < self.min_len {
            return false;
        }
        let cache = caches.forward_cache(index, &self.forward);
        match self.forward.try_search_fwd(cache, &Input::new(text).earliest(true)) {
            Ok(found) => found.is_some(),
            // The lazy DFA gave up (it has no quit bytes, so this does not
            // happen with the default configuration): let the span engines
            // decide.
            Err(_) => true,
        }
    }

    /// Whether a match of the pattern starts at `start` in `text` (the text
    /// before `start` counts for look-behind, such as `\b`). Reads only as
    /// far as a match could go from there.
    pub(crate) fn is_match_at(&self, caches: &mut Caches, index: usize, text: &str, start: usize) -> bool {
        if text.len() - start < self.min_len {
            return false;
        }
        let cache = caches.forward_cache(index, &self.forward);
        let input = Input::new(text).range(start..).anchored(Anchored::Yes).earliest(true);
        match self.forward.try_search_fwd(cache, &input) {
            Ok(found) => found.is_some(),
            Err(_) => true,
        }
    }

    /// Calls `found(start, end)` for each non-empty, non-overlapping match
    /// in `text`, leftmost first, at most `max` of them. `hir` gives the
    /// folded pattern when the span engines must be built.
    pub(crate) fn find(
        &self,
        caches: &mut Caches,
        index: usize,
        text: &str,
        max: usize,
        hir: impl FnOnce() -> Option<Hir>,
        mut found: impl FnMut(usize, usize),
    ) {
        let spans = &**self.spans.get_or_init(|| Arc::new(self.build_spans(hir())));
        let slot = caches.span_slot(index);
        let cache = match (spans, slot) {
            (Spans::Lazy(re), slot) => slot.get_or_insert_with(|| Box::new(SpanCache::Lazy(re.create_cache()))),
            (Spans::Pike(vm), slot) => slot.get_or_insert_with(|| Box::new(SpanCache::Pike(vm.create_cache()))),
            (Spans::None, _) => return,
        };
        let mut count = 0;
        let mut report = |m: regex_automata::Match| {
            if !m.is_empty() {
                found(m.start(), m.end());
                count += 1;
            }
            count < max
        };
        match (spans, cache.as_mut()) {
            (Spans::Lazy(re), SpanCache::Lazy(cache)) => {
                let mut searcher = Searcher::new(Input::new(text));
                while let Ok(Some(m)) = searcher.try_advance(|input| re.try_search(cache, input)) {
                    if !report(m) {
                        break;
                    }
                }
            }
            (Spans::Pike(vm), SpanCache::Pike(cache)) => {
                for m in vm.find_iter(cache, text) {
                    if !report(m) {
                        break;
                    }
                }
            }
            // A cache always matches its engine: both are made here.
            _ => {}
        }
    }

    fn build_spans(&self, hir: Option<Hir>) -> Spans {
        let limit = self.forward.get_config().get_cache_capacity();
        let reverse = hir.and_then(|hir| {
            let nfa = thompson::Compiler::new()
                .configure(
                    // A reverse NFA cannot have capture states.
                    thompson_config(limit.saturating_mul(4)).reverse(true).which_captures(WhichCaptures::None),
                )
                .build_from_hir(&hir)
                .ok()?;
            DFA::builder()
                .configure(dfa_config(limit).prefilter(None).specialize_start_states(false).match_kind(MatchKind::All))
                .build_from_nfa(nfa)
                .ok()
        });
        match reverse {
            Some(reverse) => {
                Spans::Lazy(hybrid::regex::Regex::builder().build_from_dfas(self.forward.clone(), reverse))
            }
            None => PikeVM::new_from_nfa(self.forward.get_nfa().clone()).map_or(Spans::None, Spans::Pike),
        }
    }

    /// Heap bytes held by the compiled engines (not the caches).
    pub(crate) fn memory_usage(&self) -> usize {
        self.forward.get_nfa().memory_usage()
            + self.forward.memory_usage()
            + match self.spans.get().map(|s| &**s) {
                Some(Spans::Lazy(re)) => re.reverse().get_nfa().memory_usage() + re.reverse().memory_usage(),
                Some(Spans::Pike(vm)) => vm.get_nfa().memory_usage(),
                Some(Spans::None) | None => 0,
            }
    }
}

impl Set {
    /// One lazy DFA over all of `hirs` that reports every pattern matching.
    pub(crate) fn build(hirs: &[Hir], size_limit: usize) -> Result<Set, BuildError> {
        let limit = size_limit.saturating_mul(hirs.len().max(1));
        let nfa: NFA = thompson::Compiler::new()
            .configure(thompson_config(limit))
            .build_many_from_hir(hirs)
            .map_err(|e| BuildError::from_nfa(e, limit))?;
        let dfa = DFA::builder()
            .configure(dfa_config(limit).match_kind(MatchKind::All))
            .build_from_nfa(nfa)
            .map_err(|e| BuildError::Other(e.to_string()))?;
        Ok(Set { dfa })
    }

    /// Calls `matched(i)` for each pattern `i` of the set that matches
    /// `text`. Should the lazy DFA give up, every pattern is reported (the
    /// caller checks each one anyway).
    pub(crate) fn which(&self, caches: &mut Caches, text: &str, mut matched: impl FnMut(usize)) {
        let (cache, found) =
            caches.set.get_or_insert_with(|| (self.dfa.create_cache(), PatternSet::new(self.dfa.pattern_len())));
        found.clear();
        match self.dfa.try_which_overlapping_matches(cache, &Input::new(text), found) {
            Ok(()) => found.iter().for_each(|p| matched(p.as_usize())),
            Err(_) => (0..self.dfa.pattern_len()).for_each(matched),
        }
    }

    /// Heap bytes held by the compiled set (not the caches).
    pub(crate) fn memory_usage(&self) -> usize {
        self.dfa.get_nfa().memory_usage() + self.dfa.memory_usage()
    }
}

impl Caches {
    fn forward_cache(&mut self, index: usize, dfa: &DFA) -> &mut hybrid::dfa::Cache {
        if self.forward.len() <= index {
            self.forward.resize_with(index + 1, || None);
        }
        self.forward[index].get_or_insert_with(|| Box::new(dfa.create_cache()))
    }

    fn span_slot(&mut self, index: usize) -> &mut Option<Box<SpanCache>> {
        if self.spans.len() <= index {
            self.spans.resize_with(index + 1, || None);
        }
        &mut self.spans[index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: usize = 1 << 20;

    fn spans(p: &Pattern, text: &str, hir: Option<Hir>) -> Vec<(usize, usize)> {
        let mut caches = Caches::default();
        let mut out = Vec::new();
        p.find(&mut caches, 0, text, 16, || hir, |s, e| out.push((s, e)));
        out
    }

    fn build(pattern: &str) -> (Pattern, Hir) {
        let hir = fold_pattern(pattern).unwrap();
        let built = Pattern::build(&compiler(LIMIT), &hir, LIMIT).unwrap();
        (built, hir)
    }

    /// The lazy engines and the PikeVM fallback find the spans the `regex`
    /// crate finds, and `is_match` agrees.
    #[test]
    fn spans_agree_with_the_regex_crate() {
        let cases = [
            (r"\bsnap\b", "add me on snap, snap me 😀 snap"),
            (r"\b(send|stuur)\b.{0,10}\b(pic|foto)\b", "send me a pic x stuur 😀 foto nu"),
            (r"\d+", "a1b22c333"),
            (r"x*", "axxb"),
            (r"[^ ]+ geheim", "ons 😀😀 geheim"),
            (r"\bnope\b", "nothing here"),
        ];
        for (pattern, text) in cases {
            let (syntax, _) = fold::tests::folded(pattern);
            let expected: Vec<(usize, usize)> = regex::Regex::new(&syntax)
                .unwrap()
                .find_iter(text)
                .filter(|m| !m.is_empty())
                .map(|m| (m.start(), m.end()))
                .collect();
            let (p, hir) = build(pattern);
            assert_eq!(spans(&p, text, Some(hir)), expected, "lazy: {pattern} on {text:?}");
            let (p, _) = build(pattern);
            assert_eq!(spans(&p, text, None), expected, "pikevm: {pattern} on {text:?}");
            let mut caches = Caches::default();
            assert_eq!(p.is_match(&mut caches, 0, text), !expected.is_empty(), "{pattern}");
        }
    }

    /// A try is skipped where fewer bytes are left than a match has, and
    /// made where exactly enough are.
    #[test]
    fn tries_need_room_for_a_match() {
        let (p, _) = build(r"\bsend (me )?pic\b");
        let mut caches = Caches::default();
        assert!(p.is_match_at(&mut caches, 0, "x send pic", 2));
        assert!(!p.is_match_at(&mut caches, 0, "x send pi", 2));
        assert!(p.is_match(&mut caches, 0, "send pic"));
        assert!(!p.is_match(&mut caches, 0, "send pi"));
    }

    #[test]
    fn spans_stop_at_the_maximum() {
        let (p, hir) = build(r"a");
        let mut caches = Caches::default();
        let mut n = 0;
        p.find(&mut caches, 0, &"a".repeat(100), 16, || Some(hir), |_, _| n += 1);
        assert_eq!(n, 16);
    }

    #[test]
    fn set_reports_each_matching_pattern() {
        let hirs: Vec<Hir> = [r"\d{3}", r"\bab", r"zz"].iter().map(|p| fold_pattern(p).unwrap()).collect();
        let set = Set::build(&hirs, LIMIT).unwrap();
        let mut caches = Caches::default();
        let mut found = Vec::new();
        set.which(&mut caches, "ab 1234", |p| found.push(p));
        assert_eq!(found, [0, 1]);
        found.clear();
        set.which(&mut caches, "nothing", |p| found.push(p));
        assert!(found.is_empty());
    }

    #[test]
    fn oversized_patterns_are_refused_at_build() {
        let hir = fold_pattern(r"(?:\w{100}){100}").unwrap();
        let built = Pattern::build(&compiler(10_000), &hir, 10_000);
        assert!(matches!(built, Err(BuildError::TooLarge(10_000))), "{built:?}");
    }
}
