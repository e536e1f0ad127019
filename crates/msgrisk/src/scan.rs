//! Running the matchers over a folded message: evidence with spans in the
//! original text.
//!
//! One pass of the Aho-Corasick automaton finds every phrase, near term and
//! `unless` phrase, and the required literals of patterns. A pattern whose
//! every match starts with one of its literals is tried anchored where the
//! literal starts, reading only as far as a match could go; another pattern
//! runs over the message once one of its literals was seen; the few with no
//! literal run together in one multi-pattern pass. Only patterns found to
//! match are run again for their spans. Phrase hits are kept only on
//! word boundaries of the folded text (or the soft boundaries of a word
//! glued from spaced letters, see [`Folded::is_soft_boundary`]); near clauses are resolved from their
//! term hits by word distance; rules with an `unless` hit are dropped. Every
//! span is mapped back to the original message.
//!
//! What this module does not do: weigh the evidence (that is [`crate::score`]).

use std::sync::Arc;

use regex_automata::util::pool::Pool;

use crate::compile::Matchers;
use crate::literals::{is_word_char, Target};
use crate::normalize::Folded;
use crate::pattern::{self, fold_pattern};

/// The most spans reported for one rule in one message. More occurrences do
/// not change the score (a rule counts once), so they are not kept.
pub const MAX_SPANS_PER_RULE: usize = 16;

/// The most anchored tries of one pattern in one message, before it runs
/// over the whole message instead.
const MAX_ANCHORED_TRIES: u32 = 8;

/// The most term hits considered for one near clause in one message.
const MAX_NEAR_HITS: usize = 64;

/// How a rule matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MatchKind {
    /// A literal phrase.
    Phrase,
    /// A regular expression.
    Pattern,
    /// A co-occurrence clause.
    Near,
}

impl MatchKind {
    /// `phrase`, `pattern` or `near`.
    pub fn as_str(&self) -> &'static str {
        match self {
            MatchKind::Phrase => "phrase",
            MatchKind::Pattern => "pattern",
            MatchKind::Near => "near",
        }
    }
}

/// One piece of evidence: a rule that fired on a span of the message.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    /// The rule id.
    pub rule: Arc<str>,
    /// The rule's category.
    pub category: Arc<str>,
    /// The rule's weight.
    pub weight: f64,
    /// Start of the span in the original message, in bytes.
    pub start: usize,
    /// End (exclusive) of the span in the original message, in bytes.
    pub end: usize,
    /// How it matched.
    pub kind: MatchKind,
    /// What in the rule matched: the phrase or pattern as written, or the
    /// near terms. Rule text, never message text.
    pub trigger: Arc<str>,
}

impl Match {
    /// The span in the original message, in bytes.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

#[derive(Debug)]
struct Hit {
    start: usize,
    end: usize,
}

#[derive(Debug)]
struct NearHit {
    clause: u32,
    group: u32,
    start: usize,
    end: usize,
    literal: u32,
}

/// A thread's buffers for scanning: the pattern engines' caches and the
/// lists a scan fills, kept from message to message so that scanning a
/// message allocates nothing once they have grown.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// The lazy DFA caches of the pattern engines.
    caches: pattern::Caches,
    /// Every hit of the message, before filtering.
    raw: Vec<Raw>,
    /// Hits of near-clause terms.
    near_hits: Vec<NearHit>,
    /// For each near clause: the message number and the groups with a hit
    /// in it, so that only clauses with every group covered are resolved.
    near_groups: Vec<(u32, u32)>,
    /// Whether some clause has every group covered in this message.
    near_ready: bool,
    /// For each rule: the number of the last message in which one of its
    /// `unless` phrases was seen.
    suppressed: Vec<u32>,
    /// Whether an `unless` phrase was seen in this message.
    any_suppressed: bool,
    /// Patterns to run over the whole message (one of their literals was
    /// seen, or they ran out of anchored tries).
    candidates: Vec<u32>,
    /// For each pattern tried anchored: the message number and how many
    /// tries it had in it.
    tries: Vec<(u32, u32)>,
    /// Patterns found to match by an anchored try where their literal
    /// starts.
    confirmed: Vec<u32>,
    /// For each pattern: the number of the last message it became a
    /// candidate for (so each is added once per message).
    seen: Vec<u32>,
    /// The number of the message being scanned, for the marks above.
    message: u32,
    /// Where words start, for near clauses.
    words: Vec<usize>,
}

impl Scratch {
    fn start_message(&mut self, patterns: usize) {
        self.raw.clear();
        self.near_hits.clear();
        self.near_ready = false;
        self.any_suppressed = false;
        self.candidates.clear();
        self.confirmed.clear();
        if self.seen.len() != patterns {
            self.seen.clear();
            self.seen.resize(patterns, 0);
            self.tries.clear();
            self.tries.resize(patterns, (0, 0));
        }
        self.message = self.message.wrapping_add(1);
        if self.message == 0 {
            self.seen.fill(0);
            self.tries.fill((0, 0));
            self.near_groups.fill((0, 0));
            self.suppressed.fill(0);
            self.message = 1;
        }
    }

    fn suppress(&mut self, rule: u32) {
        let r = rule as usize;
        if self.suppressed.len() <= r {
            self.suppressed.resize(r + 1, 0);
        }
        self.suppressed[r] = self.message;
        self.any_suppressed = true;
    }

    /// Notes a hit in group `group` of near clause `clause` (of `groups`).
    fn cover(&mut self, clause: u32, group: u32, groups: u32) {
        let c = clause as usize;
        if self.near_groups.len() <= c {
            self.near_groups.resize(c + 1, (0, 0));
        }
        let entry = &mut self.near_groups[c];
        if entry.0 != self.message {
            *entry = (self.message, 0);
        }
        entry.1 |= 1 << group;
        if entry.1.count_ones() == groups {
            self.near_ready = true;
        }
    }

    /// Tries pattern `pattern` anchored at `at`, unless it already matched
    /// or is to run over the whole message. After [`MAX_ANCHORED_TRIES`]
    /// tries in one message it runs over the whole message instead, once:
    /// so a text with a pattern's first word thousands of times (and each
    /// try reading far) costs one pass, not thousands of tries.
    fn try_anchored(&mut self, m: &Matchers, pattern: u32, text: &str, at: usize) {
        let idx = pattern as usize;
        if self.seen[idx] == self.message {
            return;
        }
        let tries = &mut self.tries[idx];
        if tries.0 != self.message {
            *tries = (self.message, 0);
        }
        if tries.1 == MAX_ANCHORED_TRIES {
            self.add_candidate(pattern);
            return;
        }
        tries.1 += 1;
        if m.patterns[idx].is_match_at(&mut self.caches, idx, text, at) {
            self.seen[idx] = self.message;
            self.confirmed.push(pattern);
        }
    }

    fn add_candidate(&mut self, pattern: u32) {
        let seen = &mut self.seen[pattern as usize];
        if *seen != self.message {
            *seen = self.message;
            self.candidates.push(pattern);
        }
    }
}

/// Scratch buffers for every thread that scans with one set of matchers.
pub(crate) struct ScratchPool(Pool<Scratch, fn() -> Scratch>);

impl ScratchPool {
    pub(crate) fn new() -> ScratchPool {
        ScratchPool(Pool::new(Scratch::default as fn() -> Scratch))
    }
}

impl Clone for ScratchPool {
    /// A new, empty pool: buffers are per classifier and per thread.
    fn clone(&self) -> ScratchPool {
        ScratchPool::new()
    }
}

impl std::fmt::Debug for ScratchPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ScratchPool")
    }
}

/// A rule's hit before it becomes a [`Match`]: rule, span in the folded
/// text, kind, trigger.
type Raw = (u32, Hit, MatchKind, Arc<str>);

/// Scans `folded` (the folded form of a message) and appends the evidence to
/// `out`, sorted by span then rule id, with spans in the original message.
pub(crate) fn scan(m: &Matchers, folded: &Folded, out: &mut Vec<Match>) {
    let text = folded.as_str();
    if text.is_empty() {
        return;
    }
    let mut guard = m.scratch.0.get();
    let scratch = &mut *guard;
    scratch.start_message(m.patterns.len());

    m.literals.find(text, |id, s, e| {
        let lit = m.literals.get(id);
        // A soft boundary lies inside a word glued from spaced letters
        // (`a p i c`): a phrase may start or end there.
        if lit.bounded_start && text[..s].chars().next_back().is_some_and(is_word_char) && !folded.is_soft_boundary(s) {
            return;
        }
        if lit.bounded_end && text[e..].chars().next().is_some_and(is_word_char) && !folded.is_soft_boundary(e) {
            return;
        }
        for target in m.literals.targets(lit) {
            match *target {
                Target::Phrase { rule, phrase } => {
                    let trigger = m.rules[rule as usize].phrases[phrase as usize].clone();
                    scratch.raw.push((rule, Hit { start: s, end: e }, MatchKind::Phrase, trigger));
                }
                Target::NearTerm { clause, group } => {
                    scratch.near_hits.push(NearHit { clause, group, start: s, end: e, literal: id });
                    scratch.cover(clause, group, m.near[clause as usize].groups);
                }
                Target::Unless { rule } => scratch.suppress(rule),
                Target::PatternHint { regex, at_start: false } => scratch.add_candidate(regex),
                // Every match starts with the literal: try the pattern
                // anchored here.
                Target::PatternHint { regex, at_start: true } => scratch.try_anchored(m, regex, text, s),
            }
        }
    });

    // The other patterns run where one of their required literals was seen
    // (over the whole message), or always when they have none (one engine
    // finds those in one pass).
    if let Some(set) = &m.always_run_set {
        let Scratch { caches, candidates, seen, message, .. } = scratch;
        set.which(caches, text, |p| {
            let idx = m.always_run[p];
            if seen[idx as usize] != *message {
                seen[idx as usize] = *message;
                candidates.push(idx);
            }
        });
    }
    let candidates = scratch.candidates.len();
    for k in 0..candidates + scratch.confirmed.len() {
        let idx = if k < candidates { scratch.candidates[k] } else { scratch.confirmed[k - candidates] } as usize;
        let engine = &m.patterns[idx];
        if k < candidates && !engine.is_match(&mut scratch.caches, idx, text) {
            continue;
        }
        let (rule, pattern) = m.pattern_rule[idx];
        let source = &m.rules[rule as usize].patterns[pattern as usize];
        let Scratch { caches, raw, .. } = &mut *scratch;
        engine.find(
            caches,
            idx,
            text,
            MAX_SPANS_PER_RULE,
            || fold_pattern(source).ok(),
            |start, end| raw.push((rule, Hit { start, end }, MatchKind::Pattern, source.clone())),
        );
    }

    if scratch.near_ready {
        let Scratch { near_hits, near_groups, message, raw, words, .. } = &mut *scratch;
        // Only the clauses with a hit in every group.
        near_hits.retain(|h| {
            let (seen, groups) = near_groups[h.clause as usize];
            seen == *message && groups.count_ones() == m.near[h.clause as usize].groups
        });
        resolve_near(m, text, near_hits, words, raw);
    }
    let raw = &mut scratch.raw;
    if raw.is_empty() {
        return;
    }

    // A rule for one language does not fire on a message clearly in the other.
    if raw.iter().any(|(rule, ..)| m.rules[*rule as usize].lang != crate::ruleset::Lang::Any) {
        let lang = crate::lang::guess(text);
        if lang != crate::ruleset::Lang::Any {
            raw.retain(|(rule, ..)| crate::lang::compatible(m.rules[*rule as usize].lang, lang));
        }
    }

    if scratch.any_suppressed {
        let (suppressed, message) = (&scratch.suppressed, scratch.message);
        raw.retain(|(rule, ..)| suppressed.get(*rule as usize) != Some(&message));
    }

    raw.sort_unstable_by_key(|a| (a.0, a.1.start, a.1.end));
    raw.dedup_by(|b, a| a.0 == b.0 && a.1.start == b.1.start && a.1.end == b.1.end);
    let first = out.len();
    let mut last_rule = u32::MAX;
    let mut count = 0;
    for (rule, hit, kind, trigger) in raw.drain(..) {
        if rule != last_rule {
            last_rule = rule;
            count = 0;
        }
        count += 1;
        if count > MAX_SPANS_PER_RULE {
            continue;
        }
        let r = &m.rules[rule as usize];
        let span = folded.original_span(hit.start..hit.end);
        out.push(Match {
            rule: r.id.clone(),
            category: r.category.clone(),
            weight: r.weight,
            start: span.start,
            end: span.end,
            kind,
            trigger,
        });
    }
    out[first..].sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
}

/// Turns near-term hits into near matches: for each clause, the tightest
/// choice of one hit per group whose words lie within the clause's distance.
fn resolve_near(m: &Matchers, text: &str, hits: &mut [NearHit], words: &mut Vec<usize>, raw: &mut Vec<Raw>) {
    const GROUPS: usize = crate::ruleset::limits::MAX_NEAR_GROUPS;
    const NONE: usize = usize::MAX;
    word_starts(text, words);
    let word_at = |offset: usize| words.partition_point(|&w| w <= offset).saturating_sub(1);
    hits.sort_unstable_by_key(|h| (h.clause, h.start, h.group, h.end, h.literal));
    let mut i = 0;
    while i < hits.len() {
        let clause = hits[i].clause;
        let mut j = i;
        while j < hits.len() && hits[j].clause == clause {
            j += 1;
        }
        let group_hits = &hits[i..j.min(i + MAX_NEAR_HITS)];
        i = j;
        let c = &m.near[clause as usize];
        let groups = (c.groups as usize).min(GROUPS);
        // A clause with a group that has no hit cannot fire.
        let covered = group_hits.iter().fold(0u32, |mask, h| mask | 1 << h.group);
        if covered.count_ones() as usize != groups {
            continue;
        }
        // (first word, last word) of each hit.
        let mut span_words = [(0usize, 0usize); MAX_NEAR_HITS];
        for (k, h) in group_hits.iter().enumerate() {
            span_words[k] = (word_at(h.start), word_at(h.end - 1));
        }
        let span_words = &span_words[..group_hits.len()];
        let mut best: Option<(usize, [usize; GROUPS])> = None;
        for anchor in span_words {
            // One hit per group, each starting at or after the anchor's first
            // word, with the earliest last word.
            let mut chosen = [NONE; GROUPS];
            for (k, (s, h)) in span_words.iter().zip(group_hits).enumerate() {
                if s.0 < anchor.0 {
                    continue;
                }
                let slot = &mut chosen[h.group as usize];
                if *slot == NONE || span_words[*slot].1 > s.1 {
                    *slot = k;
                }
            }
            let chosen_hits = &chosen[..groups];
            if chosen_hits.contains(&NONE) {
                continue;
            }
            let last = chosen_hits.iter().map(|&k| span_words[k].1).max().unwrap_or(anchor.0);
            let first = chosen_hits.iter().map(|&k| span_words[k].0).min().unwrap_or(anchor.0);
            let width = last - first;
            if width <= c.within as usize && best.is_none_or(|b| width < b.0) {
                best = Some((width, chosen));
            }
        }
        if let Some((_, chosen)) = best {
            let mut order = chosen;
            let order = &mut order[..groups];
            let start = order.iter().map(|&k| group_hits[k].start).min().unwrap_or(0);
            let end = order.iter().map(|&k| group_hits[k].end).max().unwrap_or(0);
            order.sort_unstable_by_key(|&k| group_hits[k].start);
            let trigger: Vec<&str> = order.iter().map(|&k| m.literals.text(group_hits[k].literal)).collect();
            raw.push((c.rule, Hit { start, end }, MatchKind::Near, Arc::from(trigger.join(" \u{2026} "))));
        }
    }
}

/// Byte offsets where words start in `text`, into `starts`.
fn word_starts(text: &str, starts: &mut Vec<usize>) {
    starts.clear();
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let w = is_word_char(c);
        if w && !in_word {
            starts.push(i);
        }
        in_word = w;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_starts_skip_punctuation() {
        let mut starts = vec![99];
        word_starts("hi, u ok?", &mut starts);
        assert_eq!(starts, vec![0, 4, 6]);
    }
}
