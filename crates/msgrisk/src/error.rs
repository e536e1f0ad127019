//! The one error type of the crate: what went wrong, and where.
//!
//! An [`Error`] is opaque: its [`ErrorKind`] says what went wrong, and
//! [`Error::location`] says where (rule-set source, rule id, line and column)
//! when the error came from a rule file. Message text is never copied into an
//! error, so errors are safe to log.

use std::fmt;

/// What went wrong. New kinds may be added, so match with a wildcard arm.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The rule file could not be read from disk.
    Io,
    /// The rule file is not valid TOML, has a wrong type, a missing field or an
    /// unknown field.
    Syntax,
    /// Two rules (in the same file or in different files) share an id.
    DuplicateId,
    /// A rule id is empty or uses characters outside `[a-z0-9._-]`.
    InvalidId,
    /// A weight is not in `(0, 1]`, or a level threshold is not in `[0, 1]`
    /// or not increasing.
    InvalidWeight,
    /// A category is not of the form `family.sub`.
    InvalidCategory,
    /// A language is not `en`, `nl` or `any`.
    InvalidLanguage,
    /// A rule has no phrases, patterns or near clauses, or an empty one.
    EmptyRule,
    /// A phrase or term folds to nothing or is malformed.
    InvalidPhrase,
    /// A regular expression does not parse.
    InvalidPattern,
    /// A regular expression, phrase list or rule set is over a size limit.
    TooLarge,
    /// A rule's `match` example did not match, or an `ignore` example did.
    ExampleFailed,
    /// A text to score was rejected (for example, too long for the configured limit).
    InvalidInput,
    /// A failure inside msgrisk that should not happen; please report it.
    Internal,
}

impl ErrorKind {
    fn describe(&self) -> &'static str {
        match self {
            ErrorKind::Io => "cannot read rule file",
            ErrorKind::Syntax => "invalid rule file",
            ErrorKind::DuplicateId => "duplicate rule id",
            ErrorKind::InvalidId => "invalid rule id",
            ErrorKind::InvalidWeight => "invalid weight",
            ErrorKind::InvalidCategory => "invalid category",
            ErrorKind::InvalidLanguage => "invalid language",
            ErrorKind::EmptyRule => "empty rule",
            ErrorKind::InvalidPhrase => "invalid phrase",
            ErrorKind::InvalidPattern => "invalid pattern",
            ErrorKind::TooLarge => "over a size limit",
            ErrorKind::ExampleFailed => "rule example failed",
            ErrorKind::InvalidInput => "invalid input",
            ErrorKind::Internal => "internal error",
        }
    }
}

/// Where in a rule file an error was found. Lines and columns count from 1;
/// columns count characters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// The rule-set source: a file path, or `<embedded:NAME>` / `<string>`.
    pub source: String,
    /// The id of the rule the error is about, if any.
    pub rule: Option<String>,
    /// Line, from 1.
    pub line: Option<usize>,
    /// Column (in characters), from 1.
    pub column: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(rule) = &self.rule {
            write!(f, " (rule {rule})")?;
        }
        Ok(())
    }
}

/// The error type of every fallible operation in msgrisk.
#[derive(Clone, Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    location: Option<Box<Location>>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into(), location: None }
    }

    pub(crate) fn at(mut self, location: Location) -> Error {
        self.location = Some(Box::new(location));
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The detail, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where in a rule file, when the error came from one.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_deref()
    }

    /// The rule-set source (file path) the error is about, if any.
    pub fn source_name(&self) -> Option<&str> {
        self.location().map(|l| l.source.as_str())
    }

    /// The rule id the error is about, if any.
    pub fn rule(&self) -> Option<&str> {
        self.location().and_then(|l| l.rule.as_deref())
    }

    /// The line (from 1), if known.
    pub fn line(&self) -> Option<usize> {
        self.location().and_then(|l| l.line)
    }

    /// The column (from 1, in characters), if known.
    pub fn column(&self) -> Option<usize> {
        self.location().and_then(|l| l.column)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{}: {}", self.kind.describe(), self.message)
    }
}

impl std::error::Error for Error {}

/// Converts byte offsets of one text into 1-based (line, column), with the
/// column counted in characters. Built once per rule file, so that finding a
/// position costs a binary search, not a scan from the top.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> LineIndex<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    pub(crate) fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

/// Converts one byte offset in `source` into a 1-based (line, column).
#[cfg(test)]
pub(crate) fn line_column(source: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(source).line_column(offset)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one_in_chars() {
        let src = "a = 1\nbé = 2\n";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 6), (2, 1));
        // byte 9 is after "bé" (b=1 byte, é=2 bytes): third char of line 2.
        assert_eq!(line_column(src, 9), (2, 3));
        // past the end clamps to the end.
        assert_eq!(line_column(src, 999), (3, 1));
    }

    #[test]
    fn display_names_source_line_column_and_rule() {
        let err = Error::new(ErrorKind::InvalidWeight, "weight 2 is not in (0, 1]").at(Location {
            source: "local.toml".into(),
            rule: Some("x.y".into()),
            line: Some(4),
            column: Some(10),
        });
        assert_eq!(err.to_string(), "local.toml:4:10 (rule x.y): invalid weight: weight 2 is not in (0, 1]");
        assert_eq!(err.line(), Some(4));
        assert_eq!(err.rule(), Some("x.y"));
    }
}
