//! Many messages, many authors, over time: the risk of a conversation.
//!
//! Grooming and recruitment are processes, not single messages. A stranger
//! asks an age, flatters, checks that no one is watching, asks for secrecy,
//! moves the chat to another app, asks for a photo, proposes to meet; each
//! message alone can look harmless. A [`Conversation`] takes messages one by
//! one (author, text, optional time), scores each with the [`Classifier`],
//! and keeps a running [`Assessment`]: the risk of the conversation, the
//! stages seen and when, which author the evidence points at, which author's
//! messages signal a minor, and the strongest evidence.
//!
//! The scoring rules are documented on [`Conversation`].
//!
//! What this module does not do: find or weigh the evidence of one message
//! (that is the [`Classifier`]), or keep messages.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Deref;
use std::sync::Arc;

use crate::classifier::Classifier;
use crate::ruleset::{family_of, Levels};
use crate::score::{noisy_or, Level, Score, SIGNAL_FAMILY};

/// The most authors a conversation tells apart. The messages of any further
/// author are scored as unattributed.
pub const MAX_AUTHORS: usize = 64;

/// How many pieces of evidence an [`Assessment`] keeps by default.
pub const DEFAULT_MAX_EVIDENCE: usize = 16;

/// The most pieces of evidence an [`Assessment`] can be asked to keep.
pub const MAX_EVIDENCE: usize = 1024;

/// Evidence loses half its strength over this many messages (by default).
pub const DEFAULT_HALF_LIFE_MESSAGES: f64 = 40.0;

/// Evidence loses half its strength over this many seconds, one week (by
/// default), when messages carry times.
pub const DEFAULT_HALF_LIFE_SECONDS: f64 = 7.0 * 24.0 * 3600.0;

/// The category whose evidence says an author is a minor.
const MINOR_AGE: &str = "signal.minor_age";

/// Moves that a minor on the other side makes much more serious.
const AMPLIFIED: [&str; 5] = [
    "grooming.desensitization",
    "grooming.image_request",
    "grooming.secrecy",
    "grooming.risk_assessment",
    "grooming.meeting",
];

/// Grooming moves that are risky whoever the other side is: checking that no
/// one watches, asking for secrecy, pressing.
const CONCEALMENT: [&str; 3] = ["grooming.risk_assessment", "grooming.secrecy", "grooming.coercion"];

/// The family whose approach moves are gated by context.
const GROOMING: &str = "grooming";

/// How sharply a minor on the other side raises the amplified moves: the
/// exponent is `1 + MINOR_GAIN * m`.
const MINOR_GAIN: f64 = 2.0;

/// What an unattributed stream's own minor signal counts for its own moves.
const SELF_MINOR: f64 = 0.5;

/// What approach and flirting count for at most, without a minor on the
/// other side or concealment.
const APPROACH_FLOOR: f64 = 0.2;

/// What concealment counts for at most, without a minor on the other side
/// or other grooming moves.
const CONCEALMENT_FLOOR: f64 = 0.4;

/// How much a category seen again adds: `1 - (1 - max)(1 - REPEAT_GAIN min)`.
const REPEAT_GAIN: f64 = 0.25;

/// How many messages [`Conversation::add_all`] scores in parallel at a time.
const BATCH: usize = 256;

/// One message of a conversation, for [`Conversation::add_all`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Turn<'t> {
    /// Who wrote it; `None` (or an empty name) when unknown.
    pub author: Option<&'t str>,
    /// The message.
    pub text: &'t str,
    /// When, in seconds (for example since the Unix epoch); `None` when
    /// unknown.
    pub time: Option<i64>,
}

impl<'t> Turn<'t> {
    /// A message by `author` at `time` (seconds).
    pub fn new(author: Option<&'t str>, text: &'t str, time: Option<i64>) -> Turn<'t> {
        Turn { author, text, time }
    }
}

/// A grooming, recruitment or sextortion category the conversation showed,
/// and when it first did.
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    /// The category, such as `grooming.secrecy`.
    pub category: Arc<str>,
    /// The index (from 0) of the first message that showed it.
    pub first_message: usize,
    /// The author of that message (`None`: unattributed).
    pub author: Option<Arc<str>>,
    /// How many messages showed it.
    pub messages: usize,
}

/// One piece of evidence the conversation weighed: a rule that fired in a
/// message.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The index (from 0) of the message.
    pub message: usize,
    /// Its author (`None`: unattributed).
    pub author: Option<Arc<str>>,
    /// The rule id.
    pub rule: Arc<str>,
    /// The rule's category.
    pub category: Arc<str>,
    /// The rule's weight.
    pub weight: f64,
    /// The weight as the conversation counted it when the message came:
    /// raised when another author had signalled a minor.
    pub strength: f64,
    /// Start of the span in that message, in bytes.
    pub start: usize,
    /// End (exclusive) of the span in that message, in bytes.
    pub end: usize,
}

impl Evidence {
    /// The span in its message, in bytes.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// What the conversation knows about one author.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthorRisk {
    /// The author (`None`: unattributed messages).
    pub author: Option<Arc<str>>,
    /// How many messages they wrote.
    pub messages: usize,
    /// The index of their first message.
    pub first_message: usize,
    /// The risk of their moves now, in `[0, 1]`.
    pub risk: f64,
    /// The level that risk reaches.
    pub level: Level,
    /// The highest risk their moves have reached.
    pub peak_risk: f64,
    /// Score per risk family of their moves now.
    pub families: BTreeMap<String, f64>,
    /// Strength per category of their moves now, after fading and context.
    pub categories: BTreeMap<String, f64>,
    /// The strongest `signal.minor_age` score of their messages (0 if none).
    pub minor_signal: f64,
    /// The evidence behind `minor_signal`.
    pub minor_evidence: Option<Evidence>,
}

/// The state of a conversation after some messages.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// How many messages were read.
    pub messages: usize,
    /// The risk now, in `[0, 1]`: the highest author risk.
    pub risk: f64,
    /// The level the risk reaches now.
    pub level: Level,
    /// The highest risk reached so far.
    pub peak_risk: f64,
    /// The level the peak risk reaches.
    pub peak_level: Level,
    /// The index of the message after which the peak was first reached.
    pub peak_message: Option<usize>,
    /// Score per risk family now (the highest over authors).
    pub families: BTreeMap<String, f64>,
    /// The categories seen (signals excluded), in order of first message.
    pub stages: Vec<Stage>,
    /// Every author, in order of first message.
    pub authors: Vec<AuthorRisk>,
    /// The strongest evidence, strongest first, one per rule.
    pub evidence: Vec<Evidence>,
    /// The rule sets that scored the messages, as on every [`Score`].
    pub ruleset_version: Arc<str>,
    suspect: Option<usize>,
    minor: Option<usize>,
}

impl Assessment {
    /// The author the evidence points at: the highest peak risk (the first
    /// such author on a tie), if any risk was seen.
    pub fn suspect(&self) -> Option<&AuthorRisk> {
        self.suspect.map(|i| &self.authors[i])
    }

    /// The author whose messages signal a minor most strongly, if any do.
    pub fn minor(&self) -> Option<&AuthorRisk> {
        self.minor.map(|i| &self.authors[i])
    }

    /// The author entry of `author` (`None`: unattributed).
    pub fn author(&self, author: Option<&str>) -> Option<&AuthorRisk> {
        self.authors.iter().find(|a| a.author.as_deref() == author)
    }

    /// The stage of `category`, if it was seen.
    pub fn stage(&self, category: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| &*s.category == category)
    }
}

/// The classifier a conversation scores with: borrowed, or shared behind an
/// `Arc` (for a conversation with no lifetime, as the Python binding needs).
#[derive(Clone, Debug)]
enum ClassifierRef<'c> {
    Borrowed(&'c Classifier),
    Shared(Arc<Classifier>),
}

impl Deref for ClassifierRef<'_> {
    type Target = Classifier;
    fn deref(&self) -> &Classifier {
        match self {
            ClassifierRef::Borrowed(c) => c,
            ClassifierRef::Shared(c) => c,
        }
    }
}

/// What kind of move a category is, decided once per category.
#[derive(Clone, Debug)]
struct CategoryInfo {
    name: Arc<str>,
    family: usize,
    amplified: bool,
    concealment: bool,
    grooming: bool,
}

/// A category's faded strength for one author, as of a message and time.
#[derive(Clone, Copy, Debug, Default)]
struct Strength {
    value: f64,
    message: usize,
    clock: Option<i64>,
}

#[derive(Clone, Debug)]
struct AuthorState {
    name: Option<Arc<str>>,
    messages: usize,
    first_message: usize,
    /// Indexed by category id; categories this author never showed are 0.
    strengths: Vec<Strength>,
    minor: f64,
    minor_evidence: Option<Evidence>,
    risk: f64,
    peak: f64,
    /// Indexed by family id, as of the last message.
    families: Vec<f64>,
    /// Indexed by category id, as of the last message.
    adjusted: Vec<f64>,
}

/// A conversation being read, message by message, with its running
/// [`Assessment`].
///
/// Borrow the classifier with [`Conversation::new`], or share it with
/// [`Conversation::from_arc`] for a conversation that owns what it needs.
///
/// ```
/// use msgrisk::{Classifier, Conversation, Level};
///
/// let classifier = Classifier::builder()
///     .defaults(false)
///     .add_toml("local", r#"
///         name = "local"
///         version = "1"
///         [[rule]]
///         id = "age"
///         category = "signal.minor_age"
///         weight = 0.8
///         patterns = ['\bim 1[0-5]\b']
///         match = ["im 13"]
///         [[rule]]
///         id = "parents"
///         category = "grooming.risk_assessment"
///         weight = 0.4
///         phrases = ["are your parents home"]
///         match = ["are your parents home"]
///         [[rule]]
///         id = "secret"
///         category = "grooming.secrecy"
///         weight = 0.6
///         phrases = ["dont tell anyone"]
///         match = ["dont tell anyone"]
///     "#)
///     .build()?;
/// let mut conversation = Conversation::new(&classifier);
/// conversation.add(Some("kid"), "im 13 lol", None);
/// conversation.add(Some("stranger"), "are your parents home?", None);
/// let (score, assessment) = conversation.add(Some("stranger"), "dont tell anyone about us", None);
/// assert_eq!(score.level, Level::Medium); // the message alone
/// assert_eq!(assessment.level, Level::High); // two moves, a minor on the other side
/// assert_eq!(assessment.stages.len(), 2);
/// assert_eq!(assessment.suspect().unwrap().author.as_deref(), Some("stranger"));
/// assert_eq!(assessment.minor().unwrap().author.as_deref(), Some("kid"));
/// # Ok::<(), msgrisk::Error>(())
/// ```
///
/// # How a conversation is scored
///
/// The scores of single messages ([`Score`]) are the evidence. The
/// conversation weighs it per author, with five rules:
///
/// 1. **Evidence fades.** Each author keeps one strength per category. It
///    decays by half every [`DEFAULT_HALF_LIFE_MESSAGES`] messages of the
///    conversation (any author's) and by half every
///    [`DEFAULT_HALF_LIFE_SECONDS`] of time when messages carry times; both
///    apply. A flirt in message 3 followed by silence fades away.
/// 2. **Breadth weighs more than repetition.** A category seen again combines
///    with its faded strength as `1 - (1 - max)(1 - 0.25 min)`: repeating one
///    move adds little. Distinct categories combine by the full noisy-OR, so
///    several stages from one author weigh more than one stage repeated.
/// 3. **A minor on the other side raises the stakes.** `signal.minor_age` is
///    not a risk by itself; each author keeps the strongest such signal of
///    their own messages (it does not fade: a stated age stays true). For an
///    author, `m` is the strongest minor signal of any *other* author. The
///    strengths of desensitization, image requests, secrecy, risk assessment
///    and meeting moves are raised to `1 - (1 - s)^(1 + 2m)`: a secrecy move
///    of 0.6 becomes 0.91 when the other side said they are 13 (`m` = 0.8).
/// 4. **Grooming is a process: a move needs context.** Grooming risk is
///    `G_D·D ⊕ G_C·C`, where `⊕` is noisy-OR, `D` the concealment moves (risk
///    assessment, secrecy, coercion) and `C` the other grooming moves (access,
///    trust, platform switch, desensitization, image requests, meeting).
///    Approach and flirting count fully only with a minor on the other side
///    or with concealment, `G_C = 0.2 ⊕ m ⊕ D`: sexual talk, photo requests,
///    compliments and meeting are common between adults (the PAN 2012
///    lesson), so adults flirting stay under the `low` level. Concealment
///    counts fully only with a minor on the other side or with other grooming
///    moves, `G_D = 0.4 ⊕ m ⊕ C`: a parent asking "are you home alone?" or
///    friends deleting the chat about a surprise party is not grooming, and a
///    strong lone move (0.6) stays under `low`. Recruitment and sextortion
///    are risks between adults too and are not gated.
/// 5. **The conversation is as risky as its riskiest author.** An author's
///    risk is the noisy-OR of their families (signals excluded); the
///    conversation's is the highest author risk. The *peak* risk, the highest
///    the conversation has reached, is kept as well: a conversation that
///    crossed a threshold once stays flagged for review.
///
/// Messages without an author are one more author, *unattributed*: a log or
/// transcript without names is scored as one stream. Since its two sides
/// cannot be told apart, its own minor signal counts at half strength for its
/// own moves (`m = 0.5 × own signal`), so a single stream still sees a child
/// who states an age, but less sharply than a conversation with authors.
///
/// # Bounded memory
///
/// A conversation keeps, per author, one strength per category and the
/// strongest minor signal; the first message of each stage; and the
/// strongest pieces of evidence (one per rule, [`DEFAULT_MAX_EVIDENCE`] of
/// them). It never keeps messages or their text. At most [`MAX_AUTHORS`]
/// authors are told apart; the messages of any further author count as
/// unattributed. So memory is bounded by the rule set, not by the length of
/// the conversation ([`Conversation::retained`]).
///
/// # Determinism
///
/// The same messages give the same assessment, bit for bit, whether added one
/// by one ([`Conversation::add`]) or at once ([`Conversation::add_all`],
/// which scores in parallel). Times only ever move the clock forward: a time
/// earlier than one already seen does not decay anything.
///
#[derive(Clone, Debug)]
pub struct Conversation<'c> {
    classifier: ClassifierRef<'c>,
    levels: Levels,
    half_life_messages: f64,
    half_life_seconds: f64,
    max_evidence: usize,
    messages: usize,
    clock: Option<i64>,
    categories: Vec<CategoryInfo>,
    families: Vec<Arc<str>>,
    authors: Vec<AuthorState>,
    stages: Vec<Stage>,
    evidence: Vec<Evidence>,
    risk: f64,
    peak: f64,
    peak_message: Option<usize>,
}

impl<'c> Conversation<'c> {
    /// A new conversation scored by `classifier`.
    pub fn new(classifier: &'c Classifier) -> Conversation<'c> {
        Conversation::with(ClassifierRef::Borrowed(classifier))
    }

    fn with(classifier: ClassifierRef<'c>) -> Conversation<'c> {
        Conversation {
            levels: classifier.levels(),
            classifier,
            half_life_messages: DEFAULT_HALF_LIFE_MESSAGES,
            half_life_seconds: DEFAULT_HALF_LIFE_SECONDS,
            max_evidence: DEFAULT_MAX_EVIDENCE,
            messages: 0,
            clock: None,
            categories: Vec::new(),
            families: Vec::new(),
            authors: Vec::new(),
            stages: Vec::new(),
            evidence: Vec::new(),
            risk: 0.0,
            peak: 0.0,
            peak_message: None,
        }
    }

    /// Sets how many messages halve the strength of evidence (default
    /// [`DEFAULT_HALF_LIFE_MESSAGES`]); `f64::INFINITY` turns this fading
    /// off. Values below 1 count as 1.
    pub fn half_life_messages(mut self, messages: f64) -> Conversation<'c> {
        self.half_life_messages = if messages.is_nan() { DEFAULT_HALF_LIFE_MESSAGES } else { messages.max(1.0) };
        self
    }

    /// Sets how many seconds halve the strength of evidence (default
    /// [`DEFAULT_HALF_LIFE_SECONDS`]); `f64::INFINITY` turns this fading
    /// off. Values below 1 count as 1.
    pub fn half_life_seconds(mut self, seconds: f64) -> Conversation<'c> {
        self.half_life_seconds = if seconds.is_nan() { DEFAULT_HALF_LIFE_SECONDS } else { seconds.max(1.0) };
        self
    }

    /// Sets how many pieces of evidence the assessment keeps (default
    /// [`DEFAULT_MAX_EVIDENCE`], at most [`MAX_EVIDENCE`]).
    pub fn max_evidence(mut self, n: usize) -> Conversation<'c> {
        self.max_evidence = n.min(MAX_EVIDENCE);
        self.evidence.truncate(self.max_evidence);
        self
    }

    /// Scores all `turns` as one conversation.
    ///
    /// The same as adding them one by one to [`Conversation::new`]; the
    /// messages are scored in parallel.
    pub fn assess_all<'t, I>(classifier: &Classifier, turns: I) -> Assessment
    where
        I: IntoIterator<Item = Turn<'t>>,
    {
        Conversation::new(classifier).add_all(turns)
    }

    /// Adds one message and returns its own score and the conversation's
    /// assessment after it.
    ///
    /// `author` is `None` (or empty) when unknown; `time` is in seconds (any
    /// epoch, the same for the whole conversation), `None` when unknown.
    pub fn add(&mut self, author: Option<&str>, text: &str, time: Option<i64>) -> (Score, Assessment) {
        let score = self.push(author, text, time);
        (score, self.assessment())
    }

    /// Adds one message and returns its own score only: for streams that
    /// look at [`risk`](Self::risk) or [`peak_risk`](Self::peak_risk) after
    /// each message and build the [`assessment`](Self::assessment) only when
    /// they need it. The conversation ends up the same as with
    /// [`add`](Self::add).
    pub fn push(&mut self, author: Option<&str>, text: &str, time: Option<i64>) -> Score {
        let score = self.classifier.score(text);
        self.observe(author, time, &score);
        score
    }

    /// Adds many messages, in order, and returns the assessment after the
    /// last. The result equals adding them one by one; the messages are
    /// scored in parallel, a batch at a time, so memory stays bounded.
    pub fn add_all<'t, I>(&mut self, turns: I) -> Assessment
    where
        I: IntoIterator<Item = Turn<'t>>,
    {
        let mut turns = turns.into_iter();
        let mut batch: Vec<Turn<'t>> = Vec::with_capacity(BATCH);
        loop {
            batch.clear();
            batch.extend(turns.by_ref().take(BATCH));
            if batch.is_empty() {
                break;
            }
            let texts: Vec<&str> = batch.iter().map(|t| t.text).collect();
            let scores = self.classifier.score_batch(&texts);
            for (turn, score) in batch.iter().zip(&scores) {
                self.observe(turn.author, turn.time, score);
            }
        }
        self.assessment()
    }

    /// How many messages were added.
    pub fn len(&self) -> usize {
        self.messages
    }

    /// Whether no message was added yet.
    pub fn is_empty(&self) -> bool {
        self.messages == 0
    }

    /// The risk now (the highest author risk), without building an
    /// [`Assessment`].
    pub fn risk(&self) -> f64 {
        self.risk
    }

    /// The highest risk reached so far.
    pub fn peak_risk(&self) -> f64 {
        self.peak
    }

    /// How many items of state the conversation keeps: authors, their
    /// per-category strengths, stages, evidence. Bounded by the rule set and
    /// [`MAX_AUTHORS`], not by the number of messages.
    pub fn retained(&self) -> usize {
        self.categories.len()
            + self.families.len()
            + self.stages.len()
            + self.evidence.len()
            + self.authors.iter().map(|a| 1 + a.strengths.len() + a.adjusted.len() + a.families.len()).sum::<usize>()
    }

    /// The classifier the messages are scored with.
    pub fn classifier(&self) -> &Classifier {
        &self.classifier
    }

    /// The assessment after the messages added so far.
    pub fn assessment(&self) -> Assessment {
        let mut families: BTreeMap<String, f64> = BTreeMap::new();
        let authors: Vec<AuthorRisk> = self
            .authors
            .iter()
            .map(|a| {
                let fams: BTreeMap<String, f64> = a
                    .families
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| **v > 0.0)
                    .map(|(f, v)| (self.families[f].to_string(), *v))
                    .collect();
                for (f, v) in &fams {
                    let e = families.entry(f.clone()).or_insert(0.0);
                    *e = e.max(*v);
                }
                AuthorRisk {
                    author: a.name.clone(),
                    messages: a.messages,
                    first_message: a.first_message,
                    risk: a.risk,
                    level: Level::of(a.risk, &self.levels),
                    peak_risk: a.peak,
                    families: fams,
                    categories: a
                        .adjusted
                        .iter()
                        .enumerate()
                        .filter(|(_, v)| **v > 0.0)
                        .map(|(c, v)| (self.categories[c].name.to_string(), *v))
                        .collect(),
                    minor_signal: a.minor,
                    minor_evidence: a.minor_evidence.clone(),
                }
            })
            .collect();
        let suspect = first_max(self.authors.iter().map(|a| a.peak));
        let minor = first_max(self.authors.iter().map(|a| a.minor));
        Assessment {
            messages: self.messages,
            risk: self.risk,
            level: Level::of(self.risk, &self.levels),
            peak_risk: self.peak,
            peak_level: Level::of(self.peak, &self.levels),
            peak_message: self.peak_message,
            families,
            stages: self.stages.clone(),
            authors,
            evidence: self.evidence.clone(),
            ruleset_version: Arc::from(self.classifier.ruleset_version()),
            suspect,
            minor,
        }
    }

    /// Takes in one scored message: updates the author's strengths, minor
    /// signal, stages and evidence, then every author's risk.
    fn observe(&mut self, author: Option<&str>, time: Option<i64>, score: &Score) {
        let index = self.messages;
        if let Some(t) = time {
            self.clock = Some(self.clock.map_or(t, |c| c.max(t)));
        }
        let a = self.author_index(author, index);
        self.authors[a].messages += 1;

        // The minor signal first, so that this message's own moves are
        // weighed in the context it creates for other authors (not its own).
        if let Some(&m) = score.categories.get(MINOR_AGE) {
            let state = &mut self.authors[a];
            if m > state.minor {
                state.minor = m;
                state.minor_evidence = score
                    .matches
                    .iter()
                    .filter(|x| &*x.category == MINOR_AGE)
                    .max_by(|x, y| x.weight.total_cmp(&y.weight).then(y.start.cmp(&x.start)))
                    .map(|x| Evidence {
                        message: index,
                        author: state.name.clone(),
                        rule: x.rule.clone(),
                        category: x.category.clone(),
                        weight: x.weight,
                        strength: x.weight,
                        start: x.start,
                        end: x.end,
                    });
            }
        }

        let m = self.minor_context(a);
        for (category, &s) in &score.categories {
            if family_of(category) == SIGNAL_FAMILY {
                continue;
            }
            let c = self.category_index(category);
            let strength = self.fade(self.authors[a].strengths[c], index);
            let (hi, lo) = if strength >= s { (strength, s) } else { (s, strength) };
            self.authors[a].strengths[c] =
                Strength { value: noisy_or(hi, REPEAT_GAIN * lo), message: index, clock: self.clock };
            match self.stages.iter_mut().find(|st| *st.category == **category) {
                Some(stage) => stage.messages += 1,
                None => self.stages.push(Stage {
                    category: self.categories[c].name.clone(),
                    first_message: index,
                    author: self.authors[a].name.clone(),
                    messages: 1,
                }),
            }
        }

        let mut seen: Vec<&str> = Vec::new();
        for x in &score.matches {
            if family_of(&x.category) == SIGNAL_FAMILY || seen.contains(&&*x.rule) {
                continue;
            }
            seen.push(&x.rule);
            let c = self.category_index(&x.category);
            let e = Evidence {
                message: index,
                author: self.authors[a].name.clone(),
                rule: x.rule.clone(),
                category: x.category.clone(),
                weight: x.weight,
                strength: raise(x.weight, self.exponent(c, m)),
                start: x.start,
                end: x.end,
            };
            self.keep_evidence(e);
        }

        self.messages += 1;
        self.reweigh(index);
    }

    /// Recomputes every author's risk as of message `index`.
    fn reweigh(&mut self, index: usize) {
        let mut risk = 0.0f64;
        let top = self.top_minors();
        let grooming = self.families.iter().position(|f| &**f == GROOMING);
        for a in 0..self.authors.len() {
            let m = self.minor_context_from(a, top);
            let mut concealment = 0.0;
            let mut approach = 0.0;
            let mut families = vec![0.0; self.families.len()];
            let mut adjusted = vec![0.0; self.categories.len()];
            for (c, info) in self.categories.iter().enumerate() {
                let Some(&strength) = self.authors[a].strengths.get(c) else {
                    break;
                };
                let s = raise(self.fade(strength, index), self.exponent(c, m));
                adjusted[c] = s;
                if s <= 0.0 {
                    continue;
                }
                if info.grooming {
                    if info.concealment {
                        concealment = noisy_or(concealment, s);
                    } else {
                        approach = noisy_or(approach, s);
                    }
                } else {
                    families[info.family] = noisy_or(families[info.family], s);
                }
            }
            if let Some(g) = grooming {
                let approach_gate = noisy_or(noisy_or(APPROACH_FLOOR, m), concealment);
                let concealment_gate = noisy_or(noisy_or(CONCEALMENT_FLOOR, m), approach);
                families[g] = noisy_or(concealment_gate * concealment, approach_gate * approach);
            }
            let author_risk = families.iter().fold(0.0, |acc, s| noisy_or(acc, *s)).clamp(0.0, 1.0);
            let state = &mut self.authors[a];
            state.risk = author_risk;
            state.peak = state.peak.max(author_risk);
            state.families = families;
            state.adjusted = adjusted;
            risk = risk.max(author_risk);
        }
        self.risk = risk;
        if risk > self.peak {
            self.peak = risk;
            self.peak_message = Some(index);
        }
    }

    /// A strength faded to message `index` and the current clock.
    fn fade(&self, s: Strength, index: usize) -> f64 {
        if s.value <= 0.0 {
            return 0.0;
        }
        let messages = index.saturating_sub(s.message) as f64;
        let seconds = match (s.clock, self.clock) {
            (Some(then), Some(now)) => now.saturating_sub(then).max(0) as f64,
            _ => 0.0,
        };
        s.value * 0.5f64.powf(messages / self.half_life_messages + seconds / self.half_life_seconds)
    }

    /// The strongest minor signal that weighs on author `a`'s moves: that of
    /// any other author, or half its own when `a` is the unattributed stream.
    fn minor_context(&self, a: usize) -> f64 {
        self.minor_context_from(a, self.top_minors())
    }

    /// The two strongest minor signals: (author of the first, first, second).
    fn top_minors(&self) -> (usize, f64, f64) {
        let mut top = (usize::MAX, 0.0f64, 0.0f64);
        for (b, s) in self.authors.iter().enumerate() {
            if s.minor > top.1 {
                top = (b, s.minor, top.1);
            } else if s.minor > top.2 {
                top.2 = s.minor;
            }
        }
        top
    }

    fn minor_context_from(&self, a: usize, (first_author, first, second): (usize, f64, f64)) -> f64 {
        let others = if first_author == a { second } else { first };
        if self.authors[a].name.is_none() {
            others.max(SELF_MINOR * self.authors[a].minor)
        } else {
            others
        }
    }

    /// The exponent category `c` is raised with under minor context `m`.
    fn exponent(&self, c: usize, m: f64) -> f64 {
        if self.categories[c].amplified {
            1.0 + MINOR_GAIN * m
        } else {
            1.0
        }
    }

    fn author_index(&mut self, author: Option<&str>, index: usize) -> usize {
        let author = author.map(str::trim).filter(|a| !a.is_empty());
        if let Some(i) = self.authors.iter().position(|s| s.name.as_deref() == author) {
            return i;
        }
        let named = self.authors.iter().filter(|s| s.name.is_some()).count();
        let name = match author {
            Some(a) if named < MAX_AUTHORS => Some(Arc::from(a)),
            Some(_) => {
                // Over the limit: counted as unattributed.
                if let Some(i) = self.authors.iter().position(|s| s.name.is_none()) {
                    return i;
                }
                None
            }
            None => None,
        };
        self.authors.push(AuthorState {
            name,
            messages: 0,
            first_message: index,
            strengths: vec![Strength::default(); self.categories.len()],
            minor: 0.0,
            minor_evidence: None,
            risk: 0.0,
            peak: 0.0,
            families: vec![0.0; self.families.len()],
            adjusted: vec![0.0; self.categories.len()],
        });
        self.authors.len() - 1
    }

    fn category_index(&mut self, category: &str) -> usize {
        if let Some(i) = self.categories.iter().position(|c| &*c.name == category) {
            return i;
        }
        let family = family_of(category);
        let f = match self.families.iter().position(|f| &**f == family) {
            Some(f) => f,
            None => {
                self.families.push(Arc::from(family));
                self.families.len() - 1
            }
        };
        self.categories.push(CategoryInfo {
            name: Arc::from(category),
            family: f,
            amplified: AMPLIFIED.contains(&category),
            concealment: CONCEALMENT.contains(&category),
            grooming: family == GROOMING,
        });
        for a in &mut self.authors {
            a.strengths.resize(self.categories.len(), Strength::default());
        }
        self.categories.len() - 1
    }

    /// Keeps `e` if it is among the strongest, one entry per rule: the
    /// strongest occurrence, the earliest on a tie.
    fn keep_evidence(&mut self, e: Evidence) {
        if self.max_evidence == 0 {
            return;
        }
        if let Some(i) = self.evidence.iter().position(|x| x.rule == e.rule) {
            if evidence_order(&e, &self.evidence[i]) != Ordering::Less {
                return;
            }
            self.evidence.remove(i);
        } else if self.evidence.len() >= self.max_evidence {
            match self.evidence.last() {
                Some(last) if evidence_order(&e, last) == Ordering::Less => {
                    self.evidence.pop();
                }
                _ => return,
            }
        }
        let at = self.evidence.partition_point(|x| evidence_order(x, &e) == Ordering::Less);
        self.evidence.insert(at, e);
    }
}

impl Conversation<'static> {
    /// A new conversation scored by a shared classifier; it borrows nothing.
    pub fn from_arc(classifier: Arc<Classifier>) -> Conversation<'static> {
        Conversation::with(ClassifierRef::Shared(classifier))
    }
}

/// Strongest first, then earliest, then by rule id: a total order, so the
/// evidence kept does not depend on anything but the messages.
fn evidence_order(a: &Evidence, b: &Evidence) -> Ordering {
    b.strength.total_cmp(&a.strength).then(a.message.cmp(&b.message)).then_with(|| a.rule.cmp(&b.rule))
}

/// `1 - (1 - s)^e`: a strength raised by context (`e > 1`).
fn raise(s: f64, e: f64) -> f64 {
    if e == 1.0 || s <= 0.0 {
        s
    } else {
        1.0 - (1.0 - s).powf(e)
    }
}

/// The index of the first largest positive value.
fn first_max(values: impl Iterator<Item = f64>) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, v) in values.enumerate() {
        if v > 0.0 && best.is_none_or(|(_, b)| v > b) {
            best = Some((i, v));
        }
    }
    best.map(|(i, _)| i)
}
