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
use rayon::prelude::*;
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
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
    /// A literal that every match of regex `regex` contains: when it is
    /// seen, the regex is run.
    PatternHint { regex: u32 },
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
    /// The patterns with no literal to look for: run on every message.
    pub regex_set: Option<Regex>,
    /// For each entry of `regex_set`: its index in `regexes`.
    pub always_run: Vec<u32>,
    pub regexes: Vec<Regex>,
    /// For each regex: the rule and the index in its `patterns`.
    pub regex_rule: Vec<(u32, u32)>,
    pub near: Vec<NearClause>,
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
            patterns: self.regexes.len(),
            patterns_always_run: self.always_run.len(),
            automaton_bytes: self.automaton.as_ref().map_or(0, |a| a.memory_usage()),
        }
    }

    pub(crate) fn compile(rulesets: &[Ruleset]) -> Result<Matchers, Error> {
        let normalizer = Normalizer::new();
        let mut rules = Vec::new();
        let mut table = LiteralTable::default();
        let mut always_run_hirs = Vec::new();
        let mut always_run = Vec::new();
        let mut pending: Vec<(&Ruleset, &Rule, usize, Hir)> = Vec::new();
        let mut regex_rule = Vec::new();
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
                            for hint in hints {
                                table.add_folded(hint, Bounds::Anywhere, Target::PatternHint { regex: index });
                            }
                        }
                        None => {
                            always_run_hirs.push(hir.clone());
                            always_run.push(index);
                        }
                    }
                    pending.push((ruleset, rule, i, hir));
                    regex_rule.push((r, i as u32));
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
        // Building the regex engines is most of the compile time, and each
        // pattern's are independent: build them on all cores, keep the
        // order, report the first error in file order.
        let built: Vec<Result<Regex, Error>> = pending
            .par_iter()
            .map(|(ruleset, rule, i, hir)| {
                regex_builder(limits::REGEX_SIZE_LIMIT)
                    .build_from_hir(hir)
                    .map_err(|e| regex_error(ruleset, rule, *i, e))
            })
            .collect();
        let regexes = built.into_iter().collect::<Result<Vec<Regex>, Error>>()?;

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
        let regex_set = if always_run_hirs.is_empty() {
            None
        } else {
            let limit = limits::REGEX_SIZE_LIMIT.saturating_mul(always_run_hirs.len());
            let set = regex_builder(limit)
                .configure(Regex::config().match_kind(regex_automata::MatchKind::All))
                .build_many_from_hir(&always_run_hirs)
                .map_err(|e| Error::new(ErrorKind::TooLarge, format!("pattern set: {e}")))?;
            Some(set)
        };
        Ok(Matchers {
            rules,
            automaton,
            literals,
            literal_texts: literal_text,
            regex_set,
            always_run,
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

fn regex_error(ruleset: &Ruleset, rule: &Rule, index: usize, e: meta::BuildError) -> Error {
    let (kind, msg) = match e.size_limit() {
        Some(limit) => (ErrorKind::TooLarge, format!("pattern compiles to more than the limit of {limit} bytes")),
        None => (ErrorKind::InvalidPattern, e.to_string()),
    };
    pattern_error(ruleset, rule, index, kind, msg)
}

/// A builder for the regex engines of one pattern (or one set), with the
/// size limits. Only spans are needed, so no capture groups are compiled;
/// the one-pass DFA and the backtracker, which serve captures, are left out.
fn regex_builder(size_limit: usize) -> meta::Builder {
    let mut builder = Regex::builder();
    builder.configure(
        Regex::config()
            .which_captures(WhichCaptures::Implicit)
            .nfa_size_limit(Some(size_limit))
            .hybrid_cache_capacity(size_limit)
            .onepass(false)
            .backtrack(false)
            // The phrase automaton already decides which patterns run on
            // which message: a prefilter per pattern would only cost.
            .auto_prefilter(false),
    );
    builder
}

/// Literals one of which every match of `hir` contains, when there are few
/// enough and each is long enough to be a useful filter. `None` means the
/// pattern must run on every message.
///
/// The literals may come from anywhere in the pattern: the prefixes or
/// suffixes of the whole, or those of any part that every match must pass
/// through (a part of a concatenation, the body of a repetition of at least
/// one, every branch of an alternation). Of the candidates, the one whose
/// shortest literal is longest wins: longer literals are rarer in chat, so
/// the pattern runs on fewer messages.
fn required_literals(hir: &Hir) -> Option<Vec<String>> {
    let best = required_in(hir)?;
    (best.len() <= MAX_HINTS).then_some(best)
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

/// Parses a pattern and folds its literal letters the way message text is
/// folded (lower case, no accents, runs of a letter squeezed), so that a
/// pattern written as `\balleen\b` matches the folded `alen`. Returns the folded
/// syntax tree, from which the engines are built.
pub(crate) fn fold_pattern(pattern: &str) -> Result<Hir, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .nest_limit(limits::REGEX_NEST_LIMIT)
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    Ok(fold_hir(hir))
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
        HirKind::Class(c) => Hir::class(ascii_class(c)),
        HirKind::Look(l) => Hir::look(ascii_look(l)),
    }
}

/// Large Unicode classes (`\\w`, `\\d`, `\\s`, `\\pL`) cut down to their
/// ASCII part. Folded text spells its words, digits and spaces in ASCII, and
/// a class of hundreds of ranges makes each pattern's automaton large and
/// slow to build. Negated classes (`[^ ]`, which reach the last code point)
/// and small classes are kept as written, as is a class with no ASCII part.
fn ascii_class(class: hir::Class) -> hir::Class {
    const LARGE: usize = 32;
    match class {
        hir::Class::Unicode(mut c)
            if c.ranges().len() > LARGE && c.ranges().last().is_some_and(|r| r.end() != '\u{10FFFF}') =>
        {
            let mut ascii = hir::ClassUnicode::new([hir::ClassUnicodeRange::new('\0', '\x7F')]);
            ascii.intersect(&c);
            if ascii.ranges().is_empty() {
                hir::Class::Unicode(c)
            } else {
                c = ascii;
                hir::Class::Unicode(c)
            }
        }
        other => other,
    }
}

/// Unicode word boundaries as ASCII ones. Folded text spells its words in
/// ASCII letters (accents and compatibility forms are gone), and an ASCII
/// boundary keeps every pattern in the regex engines' fast lazy DFA, where a
/// Unicode boundary sends non-ASCII text to the slow PikeVM.
fn ascii_look(look: hir::Look) -> hir::Look {
    use hir::Look;
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

/// Lower case, accents removed, runs of one letter squeezed; everything
/// else kept as written (spaces included).
fn fold_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last: Option<char> = None;
    let mut push = |f: char| {
        if !(last == Some(f) && f.is_alphabetic()) {
            out.push(f);
        }
        last = Some(f);
    };
    for c in s.chars() {
        if c.is_ascii_alphabetic() {
            // What folding does to an ASCII letter, without building a Folded.
            push(c.to_ascii_lowercase());
        } else if c.is_alphabetic() {
            Normalizer::new().fold(c.encode_utf8(&mut [0; 4])).as_str().chars().for_each(&mut push);
        } else {
            push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The folded pattern as regex syntax, to check it with the regex crate.
    fn folded(pattern: &str) -> Result<(String, Hir), String> {
        let hir = fold_pattern(pattern)?;
        let mut out = String::new();
        hir::print::Printer::new().print(&hir, &mut out).map_err(|e| e.to_string())?;
        Ok((out, hir))
    }

    #[test]
    fn pattern_literals_are_folded() {
        let (p, _) = folded(r"\balleen\b").unwrap();
        let re = Regex::new(&p).unwrap();
        assert!(re.is_match("ben je alen"));
        let (p, _) = folded(r"\b(ben je|zijn jullie) ALLEEN\b").unwrap();
        assert!(Regex::new(&p).unwrap().is_match("zijn julie alen"));
        let (p, _) = folded(r"\bniét\b").unwrap();
        assert!(Regex::new(&p).unwrap().is_match("niet"));
    }

    #[test]
    fn pattern_classes_and_digits_are_kept() {
        let (p, _) = folded(r"\bim (1[0-7]|[89])\b").unwrap();
        let re = Regex::new(&p).unwrap();
        assert!(re.is_match("im 13"));
        assert!(!re.is_match("im 18"));
        let (p, _) = folded(r"\b1000\b").unwrap();
        assert!(Regex::new(&p).unwrap().is_match("1000"));
    }

    #[test]
    fn large_classes_become_ascii_negated_ones_stay() {
        let (p, _) = folded(r"\w+\s\d").unwrap();
        assert!(!p.contains("\\u{"), "{p}");
        let re = Regex::new(&p).unwrap();
        assert!(re.is_match("abc 1"));
        assert!(!re.is_match("ж 1"));
        let (p, _) = folded(r"a[^ ]b").unwrap();
        assert!(Regex::new(&p).unwrap().is_match("a😀b"));
        let (p, _) = folded(r"\p{Greek}").unwrap();
        assert!(Regex::new(&p).unwrap().is_match("λ"));
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
                let (compiled, hir) = folded(pattern).unwrap();
                let Some(hints) = required_literals(&hir) else { continue };
                let re = Regex::new(&compiled).unwrap();
                for ex in &examples {
                    if re.is_match(ex) {
                        checked += 1;
                        assert!(
                            hints.iter().any(|h| ex.contains(h.as_str())),
                            "{} {pattern:?} on {ex:?}: {hints:?}",
                            rule.id
                        );
                    }
                }
            }
        }
        assert!(checked > 100, "only {checked} pattern matches checked");
    }

    #[test]
    fn required_literals_of_simple_patterns() {
        let lits = |p: &str| required_literals(&fold_pattern(p).unwrap());
        assert_eq!(lits(r"\bhow old (are|r) (you|u)\b"), Some(vec!["how old ".to_string()]));
        // One literal every match ends with beats two it may start with.
        assert_eq!(lits(r"\b(ben|zijn) je alleen\b").unwrap(), [" je alen"]);
        // A part in the middle, when the ends are too short.
        assert_eq!(lits(r"\b(u|i)\s+(buy|send)\s+(u|you)\b").unwrap(), ["buy", "send"]);
        // Suffixes when the start is open.
        assert_eq!(lits(r"\w+ secret"), Some(vec![" secret".to_string()]));
        assert_eq!(lits(r"\bsnap\b"), Some(vec!["snap".to_string()]));
        // Too short to filter on: run always.
        assert_eq!(lits(r"\bu\b"), None);
        assert_eq!(lits(r"\d+"), None);
    }
}
