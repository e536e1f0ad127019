//! The entry point: rule sets in, a compiled [`Classifier`] out, messages
//! scored.
//!
//! A `Classifier` is immutable once built, `Send + Sync`, and cheap to share
//! behind an `Arc`; scoring takes `&self`. Building loads the embedded
//! default rule sets (unless told not to) and any further files or TOML
//! strings, checks that rule ids are unique across all of them, and compiles
//! every rule into one phrase automaton and a lazy DFA per pattern.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::compile::Matchers;
use crate::error::{Error, ErrorKind, Location};
use crate::explain::Explanation;
use crate::normalize::{Folded, Normalizer};
use crate::ruleset::{Levels, Rule, Ruleset};
use crate::scan::scan;
use crate::score::{score, Score};

include!(concat!(env!("OUT_DIR"), "/default_rulesets.rs"));

/// The longest message scored in full: 4 GiB less one byte (offsets are
/// `u32` inside). Longer text is scored on its first `MAX_TEXT_BYTES`.
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize - 1;

/// The embedded default rule sets, parsed: the same rules
/// [`Classifier::new`] uses.
///
/// # Panics
/// Never for a released crate: the test suite parses every embedded file.
pub fn default_rulesets() -> Vec<Ruleset> {
    // One file a task: parsing is a third of loading the defaults.
    DEFAULT_RULESETS
        .par_iter()
        .map(|(path, text)| {
            Ruleset::from_toml(&format!("<embedded:{path}>"), text)
                .unwrap_or_else(|e| panic!("embedded rule set is invalid: {e}"))
        })
        .collect()
}

/// Scores messages against compiled rule sets.
///
/// ```
/// let classifier = msgrisk::Classifier::new();
/// let score = classifier.score("this is our little secret, dont tell your parents ok");
/// assert!(score.risk > 0.0);
/// for m in &score.matches {
///     println!("{} fired on bytes {}..{}", m.rule, m.start, m.end);
/// }
/// ```
#[derive(Clone, Debug)]
pub struct Classifier {
    matchers: Matchers,
    rulesets: Vec<Ruleset>,
    levels: Levels,
    version: Arc<str>,
    normalizer: Normalizer,
}

impl Default for Classifier {
    fn default() -> Classifier {
        Classifier::new()
    }
}

impl Classifier {
    /// A classifier with the embedded default rule sets.
    ///
    /// # Panics
    /// Never for a released crate: the test suite builds it.
    pub fn new() -> Classifier {
        Classifier::builder().build().unwrap_or_else(|e| panic!("embedded rule sets do not compile: {e}"))
    }

    /// A builder, to add rule files or leave out the defaults.
    pub fn builder() -> ClassifierBuilder {
        ClassifierBuilder::default()
    }

    /// Scores one message.
    pub fn score(&self, text: &str) -> Score {
        thread_local! {
            static FOLDED: std::cell::RefCell<Folded> = std::cell::RefCell::new(Folded::default());
        }
        FOLDED.with(|cell| match cell.try_borrow_mut() {
            Ok(mut folded) => self.score_with(text, &mut folded),
            Err(_) => self.score_with(text, &mut Folded::default()),
        })
    }

    fn score_with(&self, text: &str, folded: &mut Folded) -> Score {
        let text = truncate(text);
        self.normalizer.fold_into(text, folded);
        let mut matches = Vec::new();
        scan(&self.matchers, folded, &mut matches);
        score(matches, &self.levels, self.version.clone())
    }

    /// Scores many messages on all cores (rayon's global pool), keeping
    /// their order. The result equals scoring them one by one.
    pub fn score_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Score> {
        texts.par_iter().map(|t| self.score(t.as_ref())).collect()
    }

    /// A human-readable account of why `text` scores as it does.
    pub fn explain<'t>(&self, text: &'t str) -> Explanation<'t> {
        Explanation::new(truncate(text), self.score(text), self.levels)
    }

    /// The folded form of `text`, as the matchers see it.
    pub fn fold(&self, text: &str) -> Folded {
        self.normalizer.fold(truncate(text))
    }

    /// Every loaded rule, in load order.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.rulesets.iter().flat_map(|r| r.rules())
    }

    /// The loaded rule sets, in load order.
    pub fn rulesets(&self) -> &[Ruleset] {
        &self.rulesets
    }

    /// The level thresholds in force.
    pub fn levels(&self) -> Levels {
        self.levels
    }

    /// `name@version` of every loaded rule set, joined by `+`; stamped on
    /// every [`Score`].
    pub fn ruleset_version(&self) -> &str {
        &self.version
    }

    /// What the rules compiled into: counts of matchers, and the memory they
    /// hold.
    pub fn stats(&self) -> CompileStats {
        self.matchers.stats()
    }
}

/// What a [`Classifier`]'s rules compiled into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CompileStats {
    /// Rules.
    pub rules: usize,
    /// Distinct literals in the one Aho-Corasick automaton (phrases, near
    /// terms, `unless` phrases, and the required literals of patterns).
    pub literals: usize,
    /// Regular expressions.
    pub patterns: usize,
    /// Regular expressions with no required literal, run on every message.
    pub patterns_always_run: usize,
    /// Heap bytes of the Aho-Corasick automaton (as it reports them).
    pub automaton_bytes: usize,
    /// Heap bytes of the pattern engines (NFAs and lazy DFAs as they report
    /// them, without the per-thread caches the lazy DFAs fill as they run).
    pub pattern_bytes: usize,
}

fn truncate(text: &str) -> &str {
    if text.len() <= MAX_TEXT_BYTES {
        return text;
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

enum Source {
    File(PathBuf),
    Toml { name: String, text: String },
    Parsed(Box<Ruleset>),
}

/// Builds a [`Classifier`]: the default rule sets (unless turned off) plus
/// any files or TOML strings, in the order given.
///
/// ```
/// let classifier = msgrisk::Classifier::builder()
///     .defaults(false)
///     .add_toml("local", r#"
///         name = "local"
///         version = "2024.1"
///         [[rule]]
///         id = "local.switch"
///         category = "grooming.platform_switch"
///         weight = 0.4
///         phrases = ["add me on kik"]
///         match = ["add me on kik pls"]
///     "#)
///     .build()?;
/// assert_eq!(classifier.score("ok add me on KIK").rule_ids(), ["local.switch"]);
/// assert_eq!(classifier.ruleset_version(), "local@2024.1");
/// # Ok::<(), msgrisk::Error>(())
/// ```
pub struct ClassifierBuilder {
    defaults: bool,
    sources: Vec<Source>,
    levels: Option<Levels>,
}

impl Default for ClassifierBuilder {
    fn default() -> ClassifierBuilder {
        ClassifierBuilder { defaults: true, sources: Vec::new(), levels: None }
    }
}

impl ClassifierBuilder {
    /// Whether to load the embedded default rule sets (default: yes).
    pub fn defaults(mut self, yes: bool) -> ClassifierBuilder {
        self.defaults = yes;
        self
    }

    /// Adds a rule file, read when [`build`](Self::build) runs.
    pub fn add_file(mut self, path: impl Into<PathBuf>) -> ClassifierBuilder {
        self.sources.push(Source::File(path.into()));
        self
    }

    /// Adds rule-set TOML; `name` labels it in errors.
    pub fn add_toml(mut self, name: impl Into<String>, text: impl Into<String>) -> ClassifierBuilder {
        self.sources.push(Source::Toml { name: name.into(), text: text.into() });
        self
    }

    /// Adds a parsed rule set.
    pub fn add_ruleset(mut self, ruleset: Ruleset) -> ClassifierBuilder {
        self.sources.push(Source::Parsed(Box::new(ruleset)));
        self
    }

    /// Sets the level thresholds, over any a rule set asks for.
    pub fn levels(mut self, levels: Levels) -> ClassifierBuilder {
        self.levels = Some(levels);
        self
    }

    /// Reads, checks and compiles every rule set.
    ///
    /// The level thresholds are, in order of precedence: those set with
    /// [`levels`](Self::levels); those of the last rule set that sets
    /// `[levels]`; the defaults.
    pub fn build(self) -> Result<Classifier, Error> {
        let mut rulesets = if self.defaults { default_rulesets() } else { Vec::new() };
        for source in self.sources {
            rulesets.push(match source {
                Source::File(path) => Ruleset::from_file(path)?,
                Source::Toml { name, text } => Ruleset::from_toml(&name, &text)?,
                Source::Parsed(r) => *r,
            });
        }
        check_unique_ids(&rulesets)?;
        let levels = self.levels.or_else(|| rulesets.iter().rev().find_map(Ruleset::levels)).unwrap_or_default();
        let matchers = Matchers::compile(&rulesets)?;
        let version: Vec<String> = rulesets.iter().map(|r| format!("{}@{}", r.name(), r.version())).collect();
        Ok(Classifier {
            matchers,
            rulesets,
            levels,
            version: Arc::from(version.join("+")),
            normalizer: Normalizer::new(),
        })
    }
}

fn check_unique_ids(rulesets: &[Ruleset]) -> Result<(), Error> {
    let mut seen: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for rs in rulesets {
        for rule in rs.rules() {
            if let Some(first) = seen.insert(&rule.id, rs.source()) {
                return Err(Error::new(ErrorKind::DuplicateId, format!("id {:?} is already used in {first}", rule.id))
                    .at(Location {
                        source: rs.source().to_string(),
                        rule: Some(rule.id.clone()),
                        line: Some(rule.pos.line),
                        column: Some(rule.pos.column),
                    }));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(body: &str) -> Classifier {
        Classifier::builder()
            .defaults(false)
            .add_toml("t.toml", format!("name = \"t\"\nversion = \"1\"\n{body}"))
            .build()
            .unwrap()
    }

    const SECRET: &str = "[[rule]]\nid = \"s\"\ncategory = \"grooming.secrecy\"\nweight = 0.6\nphrases = [\"our secret\", \"geheim*\"]\n";

    #[test]
    fn phrases_match_on_word_boundaries_only() {
        let c = rules("[[rule]]\nid = \"send\"\ncategory = \"grooming.image_request\"\nweight = 0.5\nphrases = [\"send\", \"hey\"]\n");
        assert!(c.score("godsend").matches.is_empty());
        assert!(c.score("they").matches.is_empty());
        assert_eq!(c.score("pls SEND").matches.len(), 1);
        assert_eq!(c.score("heeeey").matches.len(), 1);
    }

    #[test]
    fn prefix_phrases_match_compounds() {
        let c = rules(SECRET);
        let s = c.score("dit is ons geheimpje");
        assert_eq!(s.rule_ids(), ["s"]);
        let text = "dit is ons geheimpje";
        let m = &s.matches[0];
        assert_eq!(&text[m.span()], "geheim");
        assert!(c.score("ongeheim").matches.is_empty());
    }

    #[test]
    fn spans_are_in_the_original_text() {
        let c = rules(SECRET);
        for text in ["ÖUR   SÉCRET 🤫", "it's o\u{200B}ur secreeeet ok", "😀😀 our secret"] {
            let s = c.score(text);
            assert_eq!(s.matches.len(), 1, "{text}");
            let m = &s.matches[0];
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            let got = &text[m.span()];
            assert!(got.to_lowercase().starts_with('o') || got.starts_with('Ö'), "{text}: {got}");
            assert!(got.ends_with('T') || got.ends_with('t'), "{text}: {got}");
        }
    }

    #[test]
    fn near_clauses_need_all_groups_within_distance() {
        let c = rules(
            "[[rule]]\nid = \"pic\"\ncategory = \"grooming.image_request\"\nweight = 0.5\n\
             near = [{ groups = [[\"send\", \"stuur\"], [\"pic\", \"foto*\"]], within = 3 }]\n",
        );
        let text = "can u send me a pic";
        let s = c.score(text);
        assert_eq!(s.rule_ids(), ["pic"]);
        assert_eq!(&text[s.matches[0].span()], "send me a pic");
        assert!(c.score("send it to me and later maybe a pic").matches.is_empty());
        assert!(c.score("send me that").matches.is_empty());
        assert_eq!(c.score("stuur ff een fotootje").rule_ids(), ["pic"]);
    }

    #[test]
    fn patterns_fire_with_spans() {
        let c = rules(
            "[[rule]]\nid = \"age\"\ncategory = \"signal.minor_age\"\nweight = 0.5\npatterns = ['\\bim (1[0-7])\\b']\n",
        );
        let text = "hi I'm 13!";
        let s = c.score(text);
        assert_eq!(&text[s.matches[0].span()], "I'm 13");
        assert!(c.score("im 19").matches.is_empty());
    }

    /// A pattern tried anchored where its first word starts falls back to
    /// one pass over the message after a few tries: a match after many
    /// occurrences of the word is still found, with every span.
    #[test]
    fn patterns_match_after_many_occurrences_of_their_first_word() {
        let c = rules(
            "[[rule]]\nid = \"pic\"\ncategory = \"grooming.image_request\"\nweight = 0.5\npatterns = ['\\bsend (me )?(a )?pic\\b']\n",
        );
        for n in [0, 1, 7, 8, 9, 50] {
            let text = format!("{}send me a pic send pic", "send me later ".repeat(n));
            let s = c.score(&text);
            let spans: Vec<&str> = s.matches.iter().map(|m| &text[m.span()]).collect();
            assert_eq!(spans, ["send me a pic", "send pic"], "after {n} misses");
        }
    }

    #[test]
    fn unless_suppresses_a_rule() {
        let c = rules(
            "[[rule]]\nid = \"s\"\ncategory = \"grooming.secrecy\"\nweight = 0.6\nphrases = [\"dont tell\"]\nunless = [\"surprise\"]\n",
        );
        assert_eq!(c.score("dont tell mom").rule_ids(), ["s"]);
        assert!(c.score("dont tell mom about the surprise").matches.is_empty());
    }

    #[test]
    fn duplicate_ids_across_files_are_refused() {
        let e = Classifier::builder()
            .defaults(false)
            .add_toml("a.toml", format!("name = \"a\"\nversion = \"1\"\n{SECRET}"))
            .add_toml("b.toml", format!("name = \"b\"\nversion = \"1\"\n\n{SECRET}"))
            .build()
            .unwrap_err();
        assert_eq!(*e.kind(), ErrorKind::DuplicateId);
        assert_eq!(e.source_name(), Some("b.toml"));
        assert_eq!(e.line(), Some(5));
        assert!(e.message().contains("a.toml"));
    }

    #[test]
    fn bad_regex_names_rule_line_and_column() {
        let e = Classifier::builder()
            .defaults(false)
            .add_toml("r.toml", "name = \"r\"\nversion = \"1\"\n[[rule]]\nid = \"x\"\ncategory = \"a.b\"\nweight = 0.5\npatterns = ['ok', '(unclosed']\n")
            .build()
            .unwrap_err();
        assert_eq!(*e.kind(), ErrorKind::InvalidPattern);
        assert_eq!(e.rule(), Some("x"));
        assert_eq!((e.line(), e.column()), (Some(7), Some(19)));
    }

    #[test]
    fn oversized_regex_is_refused() {
        let e = Classifier::builder()
            .defaults(false)
            .add_toml("r.toml", "name = \"r\"\nversion = \"1\"\n[[rule]]\nid = \"x\"\ncategory = \"a.b\"\nweight = 0.5\npatterns = ['(?:\\w{1000}){1000}']\n")
            .build()
            .unwrap_err();
        assert_eq!(*e.kind(), ErrorKind::TooLarge, "{e}");
        assert_eq!(e.line(), Some(7));
    }

    #[test]
    fn levels_come_from_the_last_ruleset_that_sets_them() {
        let c = rules(&format!("[levels]\nlow = 0.1\nmedium = 0.2\nhigh = 0.3\n{SECRET}"));
        assert_eq!(c.levels().high, 0.3);
        assert_eq!(c.score("our secret").level, crate::Level::High);
    }
}
