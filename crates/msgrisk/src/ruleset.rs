//! The rule-set file format: TOML read with serde, checked, with positions.
//!
//! A [`Ruleset`] is one file's worth of rules, parsed and validated but not
//! compiled (that is [`crate::compile`]). Every error names the source, the
//! rule id, and the line and column. The format is documented in
//! `rulesets/FORMAT.md`.
//!
//! ```
//! let ruleset = msgrisk::Ruleset::from_toml("local.toml", r#"
//! name = "local"
//! version = "1"
//!
//! [[rule]]
//! id = "local.secrecy"
//! category = "grooming.secrecy"
//! weight = 0.6
//! phrases = ["our little secret"]
//! match = ["this is our little secret ok"]
//! ignore = ["the surprise party is a secret"]
//! "#).unwrap();
//! assert_eq!(ruleset.rules()[0].id, "local.secrecy");
//! ```

use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, ErrorKind, LineIndex, Location};

/// Limits on what a rule file may hold, so that a hostile or mistaken file
/// cannot exhaust memory or time when compiled.
pub mod limits {
    /// Characters in one regular expression.
    pub const MAX_PATTERN_LEN: usize = 2_000;
    /// Characters in one phrase or term.
    pub const MAX_PHRASE_LEN: usize = 500;
    /// Phrases (and near terms, and unless phrases) in one rule.
    pub const MAX_PHRASES_PER_RULE: usize = 5_000;
    /// Regular expressions in one rule.
    pub const MAX_PATTERNS_PER_RULE: usize = 100;
    /// Near clauses in one rule, and groups in one clause.
    pub const MAX_NEAR_CLAUSES: usize = 32;
    /// Groups in one near clause.
    pub const MAX_NEAR_GROUPS: usize = 8;
    /// The largest `within` of a near clause, in words.
    pub const MAX_NEAR_WITHIN: u32 = 100;
    /// Rules in one file.
    pub const MAX_RULES_PER_FILE: usize = 20_000;
    /// Bytes of one rule file.
    pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
    /// Compiled size of one regular expression (bytes, as the regex crate counts).
    pub const REGEX_SIZE_LIMIT: usize = 1 << 20;
    /// Nesting depth of one regular expression.
    pub const REGEX_NEST_LIMIT: u32 = 64;
}

/// The language a rule is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// English.
    En,
    /// Dutch (Netherlands and Flemish).
    Nl,
    /// Any language (names, emoji, numbers).
    Any,
}

impl Lang {
    /// The code used in rule files: `en`, `nl` or `any`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
            Lang::Any => "any",
        }
    }

    fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "nl" => Some(Lang::Nl),
            "any" => Some(Lang::Any),
            _ => None,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The score thresholds of the levels `low`, `medium` and `high`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Levels {
    /// A risk at or above this is `low`.
    pub low: f64,
    /// A risk at or above this is `medium`.
    pub medium: f64,
    /// A risk at or above this is `high`.
    pub high: f64,
}

impl Default for Levels {
    fn default() -> Levels {
        Levels { low: 0.25, medium: 0.5, high: 0.8 }
    }
}

/// A co-occurrence clause: fires when every group has a term in the message,
/// one of each within `within` words of the others.
#[derive(Clone, Debug, PartialEq)]
pub struct Near {
    /// The term groups; a term is a word or short phrase, `*` at the end for a prefix.
    pub groups: Vec<Vec<String>>,
    /// The largest distance, in words, between the first and the last term.
    pub within: u32,
}

/// A position in a rule file, kept so that compile errors can point at it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Pos {
    pub line: usize,
    pub column: usize,
}

/// One validated rule.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Rule {
    /// Unique id, `[a-z0-9._-]`.
    pub id: String,
    /// Dotted category, `family.sub`.
    pub category: String,
    /// The weight of the evidence, in `(0, 1]`.
    pub weight: f64,
    /// The language the rule is written for.
    pub lang: Lang,
    /// What the rule catches, for people.
    pub description: Option<String>,
    /// Literal phrases, matched on word boundaries of the folded text.
    pub phrases: Vec<String>,
    /// Regular expressions, run on the folded text.
    pub patterns: Vec<String>,
    /// Co-occurrence clauses.
    pub near: Vec<Near>,
    /// Phrases that, anywhere in the message, stop the rule from firing.
    pub unless: Vec<String>,
    /// Messages the rule must fire on.
    pub must_match: Vec<String>,
    /// Messages the rule must not fire on.
    pub must_ignore: Vec<String>,
    pub(crate) pos: Pos,
    pub(crate) pattern_pos: Vec<Pos>,
    pub(crate) phrase_pos: Vec<Pos>,
}

impl Rule {
    /// The family: the part of the category before the first dot.
    pub fn family(&self) -> &str {
        family_of(&self.category)
    }
}

pub(crate) fn family_of(category: &str) -> &str {
    category.split('.').next().unwrap_or(category)
}

/// One rule file, parsed and validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Ruleset {
    source: String,
    name: String,
    version: String,
    description: Option<String>,
    levels: Option<Levels>,
    rules: Vec<Rule>,
    text: String,
}

impl Ruleset {
    /// Parses and validates rule-set TOML. `source` names it in errors
    /// (a file path, or any label).
    pub fn from_toml(source: &str, text: &str) -> Result<Ruleset, Error> {
        parse(source, text)
    }

    /// Reads, parses and validates a rule file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Ruleset, Error> {
        let path = path.as_ref();
        let source = path.display().to_string();
        let located = |e: Error| e.at(Location { source: source.clone(), ..Location::default() });
        let meta = std::fs::metadata(path).map_err(|e| located(Error::new(ErrorKind::Io, e.to_string())))?;
        if meta.len() > limits::MAX_FILE_BYTES as u64 {
            return Err(located(Error::new(
                ErrorKind::TooLarge,
                format!("file is {} bytes; the limit is {}", meta.len(), limits::MAX_FILE_BYTES),
            )));
        }
        let text = std::fs::read_to_string(path).map_err(|e| located(Error::new(ErrorKind::Io, e.to_string())))?;
        parse(&source, &text)
    }

    /// Where the rule set came from.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// The rule set's name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The rule set's version.
    pub fn version(&self) -> &str {
        &self.version
    }
    /// The rule set's description.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
    /// The level thresholds this rule set asks for, if it sets them.
    pub fn levels(&self) -> Option<Levels> {
        self.levels
    }
    /// The rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
    /// The TOML text the rule set was parsed from.
    pub fn text(&self) -> &str {
        &self.text
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    name: Spanned<String>,
    version: Spanned<String>,
    #[serde(default)]
    lang: Option<Spanned<String>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    levels: Option<Spanned<RawLevels>>,
    #[serde(default, rename = "rule")]
    rules: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevels {
    low: Option<f64>,
    medium: Option<f64>,
    high: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    category: Spanned<String>,
    weight: Spanned<f64>,
    #[serde(default)]
    lang: Option<Spanned<String>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    near: Vec<Spanned<RawNear>>,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
    #[serde(default, rename = "match")]
    must_match: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNear {
    groups: Vec<Vec<String>>,
    within: u32,
}

struct Ctx<'a> {
    source: &'a str,
    lines: LineIndex<'a>,
}

impl Ctx<'_> {
    fn pos(&self, span: Range<usize>) -> Pos {
        let (line, column) = self.lines.line_column(span.start);
        Pos { line, column }
    }

    fn err(&self, kind: ErrorKind, msg: impl Into<String>, rule: Option<&str>, span: Range<usize>) -> Error {
        let pos = self.pos(span);
        Error::new(kind, msg).at(Location {
            source: self.source.to_string(),
            rule: rule.map(str::to_string),
            line: Some(pos.line),
            column: Some(pos.column),
        })
    }
}

fn parse(source: &str, text: &str) -> Result<Ruleset, Error> {
    let ctx = Ctx { source, lines: LineIndex::new(text) };
    if text.len() > limits::MAX_FILE_BYTES {
        return Err(ctx.err(
            ErrorKind::TooLarge,
            format!("rule set is {} bytes; the limit is {}", text.len(), limits::MAX_FILE_BYTES),
            None,
            0..0,
        ));
    }
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let rule = rule_id_around(text, span.start);
        let message = e.message().trim().to_string();
        ctx.err(ErrorKind::Syntax, message, rule.as_deref(), span)
    })?;

    let name = raw.name.get_ref().trim().to_string();
    if name.is_empty() {
        return Err(ctx.err(ErrorKind::Syntax, "`name` is empty", None, raw.name.span()));
    }
    let version = raw.version.get_ref().trim().to_string();
    if version.is_empty() {
        return Err(ctx.err(ErrorKind::Syntax, "`version` is empty", None, raw.version.span()));
    }
    let file_lang = match &raw.lang {
        None => Lang::Any,
        Some(l) => Lang::parse(l.get_ref()).ok_or_else(|| {
            ctx.err(
                ErrorKind::InvalidLanguage,
                format!("language {:?} is not one of \"en\", \"nl\", \"any\"", l.get_ref()),
                None,
                l.span(),
            )
        })?,
    };
    let levels = raw.levels.as_ref().map(|l| check_levels(&ctx, l)).transpose()?;
    if raw.rules.len() > limits::MAX_RULES_PER_FILE {
        return Err(ctx.err(
            ErrorKind::TooLarge,
            format!("{} rules; the limit is {}", raw.rules.len(), limits::MAX_RULES_PER_FILE),
            None,
            0..0,
        ));
    }

    let mut rules = Vec::with_capacity(raw.rules.len());
    let mut seen = std::collections::HashMap::new();
    for spanned in raw.rules {
        let rule_span = spanned.span();
        let raw_rule = spanned.into_inner();
        let rule = check_rule(&ctx, raw_rule, rule_span, file_lang)?;
        if let Some(first) = seen.insert(rule.id.clone(), rule.pos) {
            return Err(ctx.err(
                ErrorKind::DuplicateId,
                format!("id {:?} is already used at line {}", rule.id, first.line),
                Some(&rule.id),
                rule_id_span(text, &rule),
            ));
        }
        rules.push(rule);
    }
    Ok(Ruleset {
        source: source.to_string(),
        name,
        version,
        description: raw.description,
        levels,
        rules,
        text: text.to_string(),
    })
}

/// The byte offset of a rule's id line, for errors found after parsing.
fn rule_id_span(text: &str, rule: &Rule) -> Range<usize> {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == rule.pos.line {
            return offset..offset;
        }
        offset += line.len();
    }
    0..0
}

fn check_levels(ctx: &Ctx<'_>, levels: &Spanned<RawLevels>) -> Result<Levels, Error> {
    let raw = levels.get_ref();
    let d = Levels::default();
    let l = Levels {
        low: raw.low.unwrap_or(d.low),
        medium: raw.medium.unwrap_or(d.medium),
        high: raw.high.unwrap_or(d.high),
    };
    let in_range = |x: f64| (0.0..=1.0).contains(&x);
    if !(in_range(l.low) && in_range(l.medium) && in_range(l.high) && l.low <= l.medium && l.medium <= l.high) {
        return Err(ctx.err(
            ErrorKind::InvalidWeight,
            format!(
                "levels must lie in [0, 1] with low <= medium <= high (got low {}, medium {}, high {})",
                l.low, l.medium, l.high
            ),
            None,
            levels.span(),
        ));
    }
    Ok(l)
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'))
}

fn valid_category(category: &str) -> bool {
    let parts: Vec<&str> = category.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'))
}

fn check_rule(ctx: &Ctx<'_>, raw: RawRule, span: Range<usize>, file_lang: Lang) -> Result<Rule, Error> {
    let id = raw.id.get_ref().clone();
    if !valid_id(&id) {
        return Err(ctx.err(
            ErrorKind::InvalidId,
            format!("id {id:?} must be 1 to 200 characters of a-z, 0-9, '.', '_', '-'"),
            None,
            raw.id.span(),
        ));
    }
    let rid = Some(id.as_str());
    let category = raw.category.get_ref().clone();
    if !valid_category(&category) {
        return Err(ctx.err(
            ErrorKind::InvalidCategory,
            format!("category {category:?} must be dotted lower-case words, `family.sub`"),
            rid,
            raw.category.span(),
        ));
    }
    let weight = *raw.weight.get_ref();
    if !(weight > 0.0 && weight <= 1.0) {
        return Err(ctx.err(
            ErrorKind::InvalidWeight,
            format!("weight {weight} is not in (0, 1]"),
            rid,
            raw.weight.span(),
        ));
    }
    let lang = match &raw.lang {
        None => file_lang,
        Some(l) => Lang::parse(l.get_ref()).ok_or_else(|| {
            ctx.err(
                ErrorKind::InvalidLanguage,
                format!("language {:?} is not one of \"en\", \"nl\", \"any\"", l.get_ref()),
                rid,
                l.span(),
            )
        })?,
    };
    if raw.phrases.is_empty() && raw.patterns.is_empty() && raw.near.is_empty() {
        return Err(ctx.err(
            ErrorKind::EmptyRule,
            "a rule needs at least one of `phrases`, `patterns` or `near`",
            rid,
            span,
        ));
    }
    let phrase_count = raw.phrases.len()
        + raw.unless.len()
        + raw.near.iter().map(|n| n.get_ref().groups.iter().map(Vec::len).sum::<usize>()).sum::<usize>();
    if phrase_count > limits::MAX_PHRASES_PER_RULE {
        return Err(ctx.err(
            ErrorKind::TooLarge,
            format!("{phrase_count} phrases and terms; the limit is {}", limits::MAX_PHRASES_PER_RULE),
            rid,
            span,
        ));
    }
    for p in raw.phrases.iter().chain(raw.unless.iter()) {
        check_phrase(ctx, p.get_ref(), rid, p.span())?;
    }
    if raw.patterns.len() > limits::MAX_PATTERNS_PER_RULE {
        return Err(ctx.err(
            ErrorKind::TooLarge,
            format!("{} patterns; the limit is {}", raw.patterns.len(), limits::MAX_PATTERNS_PER_RULE),
            rid,
            span,
        ));
    }
    for p in &raw.patterns {
        let pat = p.get_ref();
        if pat.is_empty() {
            return Err(ctx.err(ErrorKind::InvalidPattern, "empty pattern", rid, p.span()));
        }
        if pat.chars().count() > limits::MAX_PATTERN_LEN {
            return Err(ctx.err(
                ErrorKind::TooLarge,
                format!("pattern of {} characters; the limit is {}", pat.chars().count(), limits::MAX_PATTERN_LEN),
                rid,
                p.span(),
            ));
        }
    }
    if raw.near.len() > limits::MAX_NEAR_CLAUSES {
        return Err(ctx.err(
            ErrorKind::TooLarge,
            format!("{} near clauses; the limit is {}", raw.near.len(), limits::MAX_NEAR_CLAUSES),
            rid,
            span,
        ));
    }
    let mut near = Vec::with_capacity(raw.near.len());
    for n in &raw.near {
        let clause = n.get_ref();
        if clause.groups.len() < 2 || clause.groups.len() > limits::MAX_NEAR_GROUPS {
            return Err(ctx.err(
                ErrorKind::EmptyRule,
                format!("a near clause needs 2 to {} groups, not {}", limits::MAX_NEAR_GROUPS, clause.groups.len()),
                rid,
                n.span(),
            ));
        }
        if clause.within > limits::MAX_NEAR_WITHIN {
            return Err(ctx.err(
                ErrorKind::TooLarge,
                format!("within = {}; the limit is {}", clause.within, limits::MAX_NEAR_WITHIN),
                rid,
                n.span(),
            ));
        }
        for group in &clause.groups {
            if group.is_empty() {
                return Err(ctx.err(ErrorKind::EmptyRule, "a near group is empty", rid, n.span()));
            }
            for term in group {
                check_phrase(ctx, term, rid, n.span())?;
            }
        }
        near.push(Near { groups: clause.groups.clone(), within: clause.within });
    }
    Ok(Rule {
        pos: ctx.pos(raw.id.span()),
        pattern_pos: raw.patterns.iter().map(|p| ctx.pos(p.span())).collect(),
        phrase_pos: raw.phrases.iter().map(|p| ctx.pos(p.span())).collect(),
        id,
        category,
        weight,
        lang,
        description: raw.description,
        phrases: raw.phrases.into_iter().map(Spanned::into_inner).collect(),
        patterns: raw.patterns.into_iter().map(Spanned::into_inner).collect(),
        near,
        unless: raw.unless.into_iter().map(Spanned::into_inner).collect(),
        must_match: raw.must_match,
        must_ignore: raw.ignore,
    })
}

fn check_phrase(ctx: &Ctx<'_>, phrase: &str, rule: Option<&str>, span: Range<usize>) -> Result<(), Error> {
    let body = phrase.strip_suffix('*').unwrap_or(phrase);
    if body.chars().count() > limits::MAX_PHRASE_LEN {
        return Err(ctx.err(
            ErrorKind::TooLarge,
            format!("phrase of {} characters; the limit is {}", body.chars().count(), limits::MAX_PHRASE_LEN),
            rule,
            span,
        ));
    }
    if crate::Normalizer::new().fold(body).as_str().is_empty() {
        return Err(ctx.err(ErrorKind::InvalidPhrase, format!("phrase {phrase:?} is empty once folded"), rule, span));
    }
    Ok(())
}

/// Best effort: the id of the `[[rule]]` whose text holds `offset`, for
/// syntax errors, which serde reports before any rule is built.
fn rule_id_around(text: &str, offset: usize) -> Option<String> {
    // The error may point at the `[[rule]]` header itself (a missing field).
    let mut offset = (offset + "[[rule]]".len()).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let head = &text[..offset];
    let start = head.rfind("[[rule]]")?;
    let rest = &text[start + "[[rule]]".len()..];
    let end = rest.find("[[rule]]").unwrap_or(rest.len());
    for line in rest[..end].lines() {
        let line = line.trim_start();
        if let Some(value) = line.strip_prefix("id").map(str::trim_start).and_then(|l| l.strip_prefix('=')) {
            let value = value.trim();
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let inner = &value[1..];
                return inner.find(quote).map(|e| inner[..e].to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "name = \"t\"\nversion = \"1\"\n";

    fn parse_err(body: &str) -> Error {
        Ruleset::from_toml("t.toml", &format!("{HEAD}{body}")).unwrap_err()
    }

    #[test]
    fn parses_a_rule_with_every_field() {
        let rs = Ruleset::from_toml(
            "t.toml",
            &format!(
                "{HEAD}lang = \"nl\"\n[levels]\nhigh = 0.9\n[[rule]]\nid = \"a.b\"\ncategory = \"grooming.secrecy\"\nweight = 1\n\
                 phrases = [\"geheim*\"]\npatterns = ['\\bzeg niks\\b']\nnear = [{{ groups = [[\"a\"], [\"b\"]], within = 3 }}]\n\
                 unless = [\"verrassing\"]\nmatch = [\"ons geheimpje\"]\nignore = [\"x\"]\n"
            ),
        )
        .unwrap();
        let r = &rs.rules()[0];
        assert_eq!(r.lang, Lang::Nl);
        assert_eq!(r.weight, 1.0);
        assert_eq!(r.family(), "grooming");
        assert_eq!(r.near[0].within, 3);
        assert_eq!(r.pos.line, 7);
        assert_eq!(rs.levels().unwrap().high, 0.9);
        assert_eq!(rs.levels().unwrap().low, 0.25);
    }

    #[test]
    fn unknown_field_names_line_column_and_rule() {
        let e = parse_err("[[rule]]\nid = \"x.y\"\ncategory = \"a.b\"\nweight = 0.5\nphrase = [\"p\"]\n");
        assert_eq!(*e.kind(), ErrorKind::Syntax);
        assert_eq!(e.line(), Some(7));
        assert_eq!(e.column(), Some(1));
        assert_eq!(e.rule(), Some("x.y"));
        assert!(e.message().contains("unknown field"), "{e}");
        assert_eq!(e.source_name(), Some("t.toml"));
    }

    #[test]
    fn bad_weight_points_at_the_value() {
        let e = parse_err("[[rule]]\nid = \"x.y\"\ncategory = \"a.b\"\nweight = 1.5\nphrases = [\"p\"]\n");
        assert_eq!(*e.kind(), ErrorKind::InvalidWeight);
        assert_eq!((e.line(), e.column()), (Some(6), Some(10)));
        assert_eq!(e.rule(), Some("x.y"));
    }

    #[test]
    fn duplicate_id_names_the_second_rule() {
        let rule = "[[rule]]\nid = \"x.y\"\ncategory = \"a.b\"\nweight = 0.5\nphrases = [\"p\"]\n";
        let e = parse_err(&format!("{rule}{rule}"));
        assert_eq!(*e.kind(), ErrorKind::DuplicateId);
        assert_eq!(e.line(), Some(9));
        assert_eq!(e.rule(), Some("x.y"));
    }

    #[test]
    fn other_checks() {
        let cases = [
            ("[[rule]]\nid = \"X\"\ncategory = \"a.b\"\nweight = 0.5\nphrases = [\"p\"]\n", ErrorKind::InvalidId),
            ("[[rule]]\nid = \"x\"\ncategory = \"ab\"\nweight = 0.5\nphrases = [\"p\"]\n", ErrorKind::InvalidCategory),
            ("[[rule]]\nid = \"x\"\ncategory = \"a.b\"\nweight = 0.5\n", ErrorKind::EmptyRule),
            ("[[rule]]\nid = \"x\"\ncategory = \"a.b\"\nweight = 0\nphrases = [\"p\"]\n", ErrorKind::InvalidWeight),
            (
                "[[rule]]\nid = \"x\"\ncategory = \"a.b\"\nweight = 0.5\nlang = \"de\"\nphrases = [\"p\"]\n",
                ErrorKind::InvalidLanguage,
            ),
            (
                "[[rule]]\nid = \"x\"\ncategory = \"a.b\"\nweight = 0.5\nphrases = [\" \u{200B} \"]\n",
                ErrorKind::InvalidPhrase,
            ),
            ("[[rule]]\nid = \"x\"\ncategory = \"a.b\"\nweight = \"high\"\nphrases = [\"p\"]\n", ErrorKind::Syntax),
            ("[levels]\nlow = 0.9\nmedium = 0.5\n", ErrorKind::InvalidWeight),
            (
                "[[rule]]\nid = \"x\"\ncategory = \"a.b\"\nweight = 0.5\nnear = [{ groups = [[\"a\"]], within = 2 }]\n",
                ErrorKind::EmptyRule,
            ),
        ];
        for (body, kind) in cases {
            let e = parse_err(body);
            assert_eq!(*e.kind(), kind, "{body}: {e}");
            assert!(e.line().is_some(), "{body}: {e}");
        }
    }

    #[test]
    fn missing_header_is_a_syntax_error() {
        let e = Ruleset::from_toml("t.toml", "version = \"1\"\n").unwrap_err();
        assert_eq!(*e.kind(), ErrorKind::Syntax);
        assert!(e.message().contains("name"), "{e}");
    }
}
