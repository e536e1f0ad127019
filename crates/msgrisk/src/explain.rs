//! A human-readable account of a score: which rules fired on which part of
//! the message, and why the level is what it is.
//!
//! An [`Explanation`] quotes the parts of the message that rules matched:
//! the caller asked for it by calling [`crate::Classifier::explain`]. Nothing
//! else in msgrisk puts message text into output.

use std::fmt;

use crate::ruleset::Levels;
use crate::score::{Score, SIGNAL_FAMILY};

/// Why a message scores as it does. `Display` renders it for people; the
/// [`Score`] is there for programs.
#[derive(Clone, Debug)]
pub struct Explanation<'t> {
    text: &'t str,
    score: Score,
    levels: Levels,
}

impl<'t> Explanation<'t> {
    pub(crate) fn new(text: &'t str, score: Score, levels: Levels) -> Explanation<'t> {
        Explanation { text, score, levels }
    }

    /// The score being explained.
    pub fn score(&self) -> &Score {
        &self.score
    }
}

impl fmt::Display for Explanation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.score;
        let l = &self.levels;
        writeln!(
            f,
            "level: {} (risk {:.2}; thresholds: low {:.2}, medium {:.2}, high {:.2})",
            s.level, s.risk, l.low, l.medium, l.high
        )?;
        if s.matches.is_empty() {
            writeln!(f, "no rule fired.")?;
        } else {
            writeln!(f, "rules that fired:")?;
            for m in &s.matches {
                let quoted = self.text.get(m.start..m.end).unwrap_or("");
                writeln!(
                    f,
                    "  bytes {}..{} {:?}: {} ({}, weight {:.2}, {} {:?})",
                    m.start,
                    m.end,
                    quoted,
                    m.rule,
                    m.category,
                    m.weight,
                    m.kind.as_str(),
                    &*m.trigger
                )?;
            }
            writeln!(f, "categories (noisy-OR of their rules):")?;
            for (c, v) in &s.categories {
                writeln!(f, "  {c}: {v:.2}")?;
            }
            writeln!(f, "families (noisy-OR of their categories):")?;
            for (fam, v) in &s.families {
                let note = if fam == SIGNAL_FAMILY { " (a signal: reported, not counted as risk)" } else { "" };
                writeln!(f, "  {fam}: {v:.2}{note}")?;
            }
        }
        let risky: Vec<String> = s
            .families
            .iter()
            .filter(|(fam, _)| fam.as_str() != SIGNAL_FAMILY)
            .map(|(fam, v)| format!("{fam} {v:.2}"))
            .collect();
        let why = if risky.is_empty() {
            "no risk family has evidence".to_string()
        } else {
            format!("risk {:.2} is the noisy-OR of {}", s.risk, risky.join(", "))
        };
        let reach = match s.level {
            crate::Level::None => format!("below low ({:.2})", l.low),
            crate::Level::Low => format!("at or above low ({:.2}), below medium ({:.2})", l.low, l.medium),
            crate::Level::Medium => format!("at or above medium ({:.2}), below high ({:.2})", l.medium, l.high),
            crate::Level::High => format!("at or above high ({:.2})", l.high),
        };
        writeln!(f, "why: {why}; {reach}.")?;
        write!(f, "rules: {}", s.ruleset_version)
    }
}
