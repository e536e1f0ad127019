//! msgrisk scores chat messages for the risk that a child is being groomed,
//! or that someone is being recruited into sexual exploitation (the loverboy
//! method, fake jobs, fast money) or extorted with images, in Dutch and
//! English. It is a first line for human moderators: fast, deterministic, and
//! every score comes with the rules, spans and rule-set version behind it.
//!
//! ```
//! use msgrisk::{Classifier, Level};
//!
//! let classifier = Classifier::new(); // the embedded default rule sets
//! let text = "are your parents home? dont tell anyone about us ok";
//! let score = classifier.score(text);
//! assert!(score.level >= Level::Low);
//! for m in &score.matches {
//!     // spans are byte offsets into the original message
//!     println!("{} ({}): {:?}", m.rule, m.category, &text[m.start..m.end]);
//! }
//! println!("{}", classifier.explain(text));
//! ```
//!
//! # Overview
//!
//! A message travels through one module per stage:
//!
//! 1. [`ruleset`](Ruleset): rule files (TOML, see `rulesets/FORMAT.md`) are
//!    parsed and checked; every error names the file, rule, line and column.
//! 2. `compile`: all phrases of all rules become one Aho-Corasick automaton
//!    (`literals`); each pattern a lazy DFA (`pattern`) that runs only where
//!    one of its required literals was seen, with size limits.
//! 3. [`normalize`](Normalizer): the message is folded (compatibility forms,
//!    case, accents, invisible characters, look-alike letters, apostrophes,
//!    stretched letters, leetspeak, spaced and dotted letters) with a map
//!    back to the original text; `NORMALIZATION.md` documents every step.
//! 4. `scan`: one pass of the automaton, then the patterns it points to,
//!    find the evidence, as [`Match`]es with spans in the original message.
//! 5. [`score`](Score): evidence combines by noisy-OR into scores per
//!    category and family, an overall risk in `[0, 1]` and a [`Level`].
//! 6. [`conversation`](Conversation): many messages, many authors, over
//!    time: evidence fades, distinct stages add up, a minor on one side
//!    raises the weight of the other side's moves; see its documentation.
//!
//! # How evidence combines
//!
//! A rule counts once per message with its weight. A category's score is
//! `1 - prod(1 - w)` over its rules that fired, a family's the same over its
//! categories, and the overall risk the same over every family except
//! `signal` (a stated minor age or a phone number is reported but is not a
//! risk by itself). More evidence never lowers a score, and the same message
//! always gives the same score.
//!
//! # Conversations
//!
//! Grooming and recruitment are processes: a [`Conversation`] reads messages
//! one by one (author, text, optional time) and keeps an [`Assessment`]: the
//! conversation's risk and peak, the stages seen with the message that first
//! showed each, a risk per author and the author the evidence points at, the
//! author whose messages signal a minor, and the strongest evidence. Evidence
//! fades with messages and time; several distinct moves from one author weigh
//! more than one move repeated; a minor on one side sharply raises the weight
//! of the other side's desensitization, image requests, secrecy, risk
//! assessment and meeting moves; and without a minor or concealment,
//! flirting and approach moves count for little, so adults flirting do not
//! score like grooming. Memory is bounded whatever the length.
//!
//! # Privacy
//!
//! The library never logs or prints message text, makes no network calls and
//! writes no files. Message text appears only in what the caller asks for
//! ([`Classifier::explain`], [`Classifier::fold`]); errors and scores carry
//! rule text and offsets only.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod classifier;
mod compile;
mod conversation;
mod error;
mod examples;
mod explain;
mod lang;
mod literals;
mod normalize;
mod pattern;
mod ruleset;
mod scan;
mod score;

pub use classifier::{default_rulesets, Classifier, ClassifierBuilder, CompileStats, MAX_TEXT_BYTES};
pub use conversation::{
    Assessment, AuthorRisk, Conversation, Evidence, Stage, Turn, DEFAULT_HALF_LIFE_MESSAGES, DEFAULT_HALF_LIFE_SECONDS,
    DEFAULT_MAX_EVIDENCE, MAX_AUTHORS, MAX_EVIDENCE,
};
pub use error::{Error, ErrorKind, Location};
pub use examples::{ExampleFailure, ExampleProblem};
pub use explain::Explanation;
pub use normalize::{Folded, Normalizer};
pub use ruleset::{limits, Lang, Levels, Near, Rule, Ruleset};
pub use scan::{Match, MatchKind, MAX_SPANS_PER_RULE};
pub use score::{Level, Score, SIGNAL_FAMILY};
