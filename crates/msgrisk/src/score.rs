//! Evidence to scores: per category, per family, overall, and a level.
//!
//! # How evidence combines
//!
//! - A rule counts once per message, with its weight, however many spans it
//!   matched.
//! - A category's score is the noisy-OR of the weights of its distinct rules
//!   that fired: `1 - (1 - w1)(1 - w2)...`. Three weak signals of 0.3 give
//!   0.657, more than one of 0.5; two strong ones of 0.7 give 0.91.
//! - A family's score is the noisy-OR of its categories' scores (the same as
//!   the noisy-OR of all its rules).
//! - The overall risk is the noisy-OR of every family except `signal`:
//!   signals (a stated minor age, a handle, a phone number) are reported, but
//!   are not a risk by themselves. Conversations use them to weigh other
//!   evidence ([`crate::Conversation`]).
//! - The level is the highest threshold the risk reaches ([`crate::Levels`]).
//!
//! The noisy-OR is monotone (a further rule never lowers any score) and
//! order-independent; scores are computed in a fixed order, so the same
//! message and rules always give the same bits.
//!
//! What this module does not do: find evidence ([`crate::scan`]).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use crate::ruleset::{family_of, Levels};
use crate::scan::Match;

/// The family whose categories are signals, not risks.
pub const SIGNAL_FAMILY: &str = "signal";

/// A risk level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Below the `low` threshold.
    None,
    /// At or above `low`.
    Low,
    /// At or above `medium`.
    Medium,
    /// At or above `high`.
    High,
}

impl Level {
    /// `none`, `low`, `medium` or `high`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }

    /// The level a risk reaches under `levels`.
    pub fn of(risk: f64, levels: &Levels) -> Level {
        if risk >= levels.high {
            Level::High
        } else if risk >= levels.medium {
            Level::Medium
        } else if risk >= levels.low {
            Level::Low
        } else {
            Level::None
        }
    }

    /// Parses `none`, `low`, `medium` or `high`.
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "none" => Some(Level::None),
            "low" => Some(Level::Low),
            "medium" => Some(Level::Medium),
            "high" => Some(Level::High),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The risk of one message, with the evidence behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    /// Overall risk in `[0, 1]`.
    pub risk: f64,
    /// The level the risk reaches.
    pub level: Level,
    /// Score per category that has evidence (signals included).
    pub categories: BTreeMap<String, f64>,
    /// Score per family that has evidence (signals included).
    pub families: BTreeMap<String, f64>,
    /// The evidence, sorted by span.
    pub matches: Vec<Match>,
    /// The name and version of every loaded rule set, `name@version` joined
    /// by `+`: which rules made this decision.
    pub ruleset_version: Arc<str>,
}

impl Score {
    /// Whether any rule of category `category` fired (exact category, or a
    /// family name).
    pub fn has(&self, category_or_family: &str) -> bool {
        self.categories.contains_key(category_or_family) || self.families.contains_key(category_or_family)
    }

    /// The distinct rule ids that fired, in order of first span.
    pub fn rule_ids(&self) -> Vec<&str> {
        let mut seen = Vec::new();
        for m in &self.matches {
            if !seen.contains(&&*m.rule) {
                seen.push(&*m.rule);
            }
        }
        seen
    }
}

/// `1 - (1 - a)(1 - b)`: the chance that at least one of two independent
/// signals is real.
pub(crate) fn noisy_or(acc: f64, w: f64) -> f64 {
    1.0 - (1.0 - acc) * (1.0 - w)
}

/// Weighs `matches` into a [`Score`].
pub(crate) fn score(matches: Vec<Match>, levels: &Levels, ruleset_version: Arc<str>) -> Score {
    // Each rule once, with its weight, in a fixed order.
    let mut rules: BTreeMap<&str, (&str, f64)> = BTreeMap::new();
    for m in &matches {
        rules.entry(&m.rule).or_insert((&m.category, m.weight));
    }
    let mut categories: BTreeMap<String, f64> = BTreeMap::new();
    for (category, weight) in rules.values() {
        let c = categories.entry((*category).to_string()).or_insert(0.0);
        *c = noisy_or(*c, *weight);
    }
    let mut families: BTreeMap<String, f64> = BTreeMap::new();
    for (category, s) in &categories {
        let f = families.entry(family_of(category).to_string()).or_insert(0.0);
        *f = noisy_or(*f, *s);
    }
    let risk = families
        .iter()
        .filter(|(f, _)| f.as_str() != SIGNAL_FAMILY)
        .fold(0.0, |acc, (_, s)| noisy_or(acc, *s))
        .clamp(0.0, 1.0);
    Score { risk, level: Level::of(risk, levels), categories, families, matches, ruleset_version }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::MatchKind;

    fn m(rule: &str, category: &str, weight: f64) -> Match {
        Match {
            rule: rule.into(),
            category: category.into(),
            weight,
            start: 0,
            end: 1,
            kind: MatchKind::Phrase,
            trigger: "x".into(),
        }
    }

    #[test]
    fn three_weak_beat_one_medium() {
        let l = Levels::default();
        let weak = score(
            vec![m("a", "grooming.access", 0.3), m("b", "grooming.trust", 0.3), m("c", "grooming.meeting", 0.3)],
            &l,
            "v".into(),
        );
        let one = score(vec![m("d", "grooming.secrecy", 0.5)], &l, "v".into());
        assert!(weak.risk > one.risk);
        assert!((weak.risk - 0.657).abs() < 1e-9);
    }

    #[test]
    fn a_rule_counts_once() {
        let l = Levels::default();
        let twice = score(vec![m("a", "grooming.access", 0.3), m("a", "grooming.access", 0.3)], &l, "v".into());
        assert!((twice.risk - 0.3).abs() < 1e-12);
    }

    #[test]
    fn signals_are_reported_but_not_risk() {
        let s = score(vec![m("age", "signal.minor_age", 0.9)], &Levels::default(), "v".into());
        assert_eq!(s.risk, 0.0);
        assert_eq!(s.level, Level::None);
        assert_eq!(s.families["signal"], 0.9);
        assert!(s.has("signal.minor_age"));
    }

    #[test]
    fn more_evidence_never_lowers_a_score() {
        let l = Levels::default();
        let mut ms = Vec::new();
        let mut last = 0.0;
        for (i, w) in [0.1, 0.9, 0.05, 0.5, 1.0, 0.2].into_iter().enumerate() {
            ms.push(m(&format!("r{i}"), if i % 2 == 0 { "grooming.a" } else { "recruitment.b" }, w));
            let s = score(ms.clone(), &l, "v".into());
            assert!(s.risk >= last);
            assert!((0.0..=1.0).contains(&s.risk));
            last = s.risk;
        }
        assert_eq!(last, 1.0);
    }

    #[test]
    fn levels_follow_thresholds() {
        let l = Levels::default();
        assert_eq!(Level::of(0.0, &l), Level::None);
        assert_eq!(Level::of(0.25, &l), Level::Low);
        assert_eq!(Level::of(0.5, &l), Level::Medium);
        assert_eq!(Level::of(0.8, &l), Level::High);
    }
}
