//! A cheap guess of a message's language, so that a rule written for one
//! language does not fire on a message that is clearly in the other.
//!
//! Dutch chat borrows English words ("add me", "easy money", "dm") and
//! English rules can share spellings with Dutch words, so a rule's `lang`
//! alone cannot decide. The guess counts function words of each language in
//! the folded text: a message is English when it has at least two English
//! function words and no Dutch one, Dutch the other way round, and undecided
//! otherwise. Undecided messages (most short ones, and mixed ones) are
//! matched by every rule. The word lists hold only words that stay distinct
//! after folding (no `been`/`ben`, `will`/`wil`, `too`/`to`: letter runs are
//! squeezed) and that the other language does not use.
//!
//! What this module does not do: detect any language but English and Dutch,
//! or weigh evidence.

use crate::literals::is_word_char;
use crate::ruleset::Lang;

/// Declares a word list as a constant (for tests and docs) and a function
/// that tells whether a word is on it (a `match`, which the compiler turns
/// into a length switch: the guess runs on every message with a
/// language-specific hit).
macro_rules! word_list {
    ($list:ident, $is:ident, [$($word:literal),* $(,)?]) => {
        #[cfg(test)]
        const $list: &[&str] = &[$($word),*];
        fn $is(word: &str) -> bool {
            matches!(word, $($word)|*)
        }
    };
}

// In folded form (letter runs squeezed). Left out on purpose: words Dutch
// chat uses too ("of", "was", "like", "me", "we", "is", "in") and words a
// Dutch word folds into ("ur" from "uur", "tel", "ben", "wel").
word_list!(
    ENGLISH,
    is_english,
    [
        "the", "you", "your", "youre", "are", "and", "what", "with", "my", "have", "dont", "im", "this", "that", "it",
        "for", "just", "if", "how", "where", "when", "want", "wana", "gona", "would", "can", "get", "anyone", "about",
        "our", "yours", "they", "them", "do", "did", "not", "be"
    ]
);

// In folded form: "voor" is "vor", "maar" "mar", "gaan" "gan" ("een" is
// "en"). Left out on purpose: words English chat has ("hoe", "er") and words
// an English word folds into ("wel" from "well", "zo" from "zoo", "met" from
// "meet", "war" from "waar", "ok" from "ook", "f" from "ff", "julie").
word_list!(
    DUTCH,
    is_dutch,
    [
        "ik", "je", "jij", "jou", "jouw", "het", "de", "en", "niet", "wat", "van", "dat", "die", "zijn", "mar", "nog",
        "heb", "hebt", "bent", "mijn", "nar", "vor", "ge", "gij", "nie", "da", "wa", "ms", "kun", "warom", "moet",
        "kom", "gan", "doe", "ons", "mag", "kan"
    ]
);

/// The language a message is clearly written in, or `Lang::Any` when the
/// guess is undecided.
pub(crate) fn guess(folded: &str) -> Lang {
    let (mut en, mut nl) = (0u32, 0u32);
    for word in folded.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty() && w.len() <= 7) {
        en += u32::from(is_english(word));
        nl += u32::from(is_dutch(word));
    }
    match (en, nl) {
        (e, 0) if e >= 2 => Lang::En,
        (0, n) if n >= 2 => Lang::Nl,
        _ => Lang::Any,
    }
}

/// Whether a rule written for `rule` may fire on a message guessed `message`.
pub(crate) fn compatible(rule: Lang, message: Lang) -> bool {
    rule == Lang::Any || message == Lang::Any || rule == message
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Normalizer;

    fn g(text: &str) -> Lang {
        guess(Normalizer::new().fold(text).as_str())
    }

    #[test]
    fn clear_messages_are_guessed() {
        assert_eq!(g("are your parents home? dont tell anyone"), Lang::En);
        assert_eq!(g("ben je alleen thuis? niks tegen je ouders zeggen"), Lang::Nl);
        assert_eq!(g("zijt ge alleen? zeg da nie tegen uw ma"), Lang::Nl);
    }

    #[test]
    fn short_and_mixed_messages_are_undecided() {
        assert_eq!(g("add me on snap"), Lang::Any);
        assert_eq!(g("hoi"), Lang::Any);
        assert_eq!(g("kom op snap, easy money for you"), Lang::Any);
        assert_eq!(g(""), Lang::Any);
    }

    #[test]
    fn word_lists_are_in_folded_form() {
        for w in ENGLISH.iter().chain(DUTCH) {
            assert_eq!(Normalizer::new().fold(w).as_str(), *w);
        }
    }

    #[test]
    fn dutch_with_squeezed_letters_is_not_english() {
        // "uur" folds to "ur", which is English chat for "your".
        assert_eq!(g("half uur 100, heel uur 150"), Lang::Any);
        assert_eq!(g("voor een uur, maar niet meer"), Lang::Nl);
    }

    #[test]
    fn words_that_fold_alike_are_not_counted() {
        // "been" folds to "ben" (Dutch "am"), "will" to "wil" (Dutch "want"):
        // neither list holds them.
        for w in [
            "ben", "wil", "to", "al", "in", "is", "we", "me", "of", "was", "tel", "ur", "wel", "zo", "met", "war",
            "ok", "f",
        ] {
            assert!(!ENGLISH.contains(&w) && !DUTCH.contains(&w), "{w}");
        }
    }
}
