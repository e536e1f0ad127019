//! Tests of the whole pipeline, and property tests of each step alone and
//! of the whole; each step's example tests are beside it.

use proptest::prelude::*;

use super::words::{squeeze, Ch};
use super::*;

fn fold(s: &str) -> String {
    Normalizer::new().fold(s).as_str().to_string()
}

/// The original text behind the first occurrence of `needle` in the folded
/// form of `text`.
fn origin<'t>(text: &'t str, needle: &str) -> &'t str {
    let folded = Normalizer::new().fold(text);
    let at = folded.as_str().find(needle).unwrap_or_else(|| {
        panic!("{needle:?} not in {:?}", folded.as_str());
    });
    &text[folded.original_span(at..at + needle.len())]
}

#[test]
fn removes_invisible_and_bidi() {
    assert_eq!(fold("sn\u{200B}a\u{2060}p\u{FEFF}"), "snap");
    assert_eq!(fold("\u{202E}snap\u{202C}"), "snap");
    assert_eq!(fold("sn\u{00AD}ap"), "snap");
    assert_eq!(fold("s\u{3164}n\u{115F}a\u{2800}p"), "snap");
}

#[test]
fn folds_every_kind_of_evasion() {
    for (from, to) in [
        ("ѕnар", "snap"),
        ("ＳＮＡＰ", "snap"),
        ("sn4p", "snap"),
        ("s.n.a.p", "snap"),
        ("s n a p", "snap"),
        ("s-n-a-p", "snap"),
        ("s*n*a*p", "snap"),
        ("s - n - a - p", "snap"),
        ("s n a p?", "snap?"),
        ("(s n a p)", "(snap)"),
        ("add me: s n a p!", "ad me: snap!"),
        ("s.n.4.p", "snap"),
        ("s n 4 p", "snap"),
        ("S̸̡N̴A̷P̶", "snap"),
        ("heeeeey", "hey"),
        ("s3cr3333t", "secret"),
        ("🅢🅝🅐🅟", "snap"),
        ("ꜱɴᴀᴘ", "snap"),
        ("sn*p", "sn*p"),
    ] {
        assert_eq!(fold(from), to, "{from}");
    }
}

#[test]
fn numbers_ages_and_prices_are_kept() {
    for (from, to) in [
        ("I'm 13", "im 13"),
        ("13f", "13f"),
        ("15m here", "15m here"),
        ("f14", "f14"),
        ("500 euro", "500 euro"),
        ("€500", "€500"),
        ("500euro", "500euro"),
        ("call 06-12345678", "cal 06-12345678"),
        ("1 2 3", "1 2 3"),
        ("at 5am", "at 5am"),
        ("13-jarige", "13-jarige"),
        ("mail me at lisa@example.com", "mail me at lisa@example.com"),
        ("https://t.co/a1b3", "htps://t.co/a1b3"),
    ] {
        assert_eq!(fold(from), to, "{from}");
    }
}

#[test]
fn dutch_and_english_words_are_not_broken() {
    for (from, to) in [
        ("ijs", "ijs"),
        ("één", "en"),
        ("café", "cafe"),
        ("don't", "dont"),
        ("u r so mature", "u r so mature"),
        ("r u a boy or a girl", "r u a boy or a girl"),
        ("u r a cutie", "u r a cutie"),
        ("k r u ok", "k r u ok"),
        ("r u ok", "r u ok"),
        ("x x", "x x"),
        ("e.g. this", "e.g. this"),
        ("t-shirt", "t-shirt"),
    ] {
        assert_eq!(fold(from), to, "{from}");
    }
}

#[test]
fn spans_map_back_to_the_original() {
    let text = "Hé\u{200B}y ÑIÉT 😀 sneeeaky";
    assert_eq!(fold(text), "hey niet 😀 sneaky");
    assert_eq!(origin(text, "hey"), "Hé\u{200B}y");
    assert_eq!(origin(text, "niet"), "ÑIÉT");
    assert_eq!(origin(text, "😀"), "😀");
    assert_eq!(origin(text, "sneaky"), "sneeeaky");
    assert_eq!(origin(text, "e"), "é");
}

#[test]
fn spans_of_evasions_cover_the_written_form() {
    assert_eq!(origin("add me on s.n.a.p ok", "snap"), "s.n.a.p");
    assert_eq!(origin("add me on s n a p ok", "snap"), "s n a p");
    assert_eq!(origin("add me on s - n - a - p ok", "snap"), "s - n - a - p");
    assert_eq!(origin("add me on sn4p ok", "snap"), "sn4p");
    assert_eq!(origin("add me on ѕnар ok", "snap"), "ѕnар");
    assert_eq!(origin("add me on ＳＮＡＰ ok", "snap"), "ＳＮＡＰ");
    assert_eq!(origin("add me on s\u{200B}nap ok", "snap"), "s\u{200B}nap");
    assert_eq!(origin("ok s3cr3333t", "secret"), "s3cr3333t");
    assert_eq!(origin("een g3h31mpje", "geheim"), "g3h31m");
    assert_eq!(origin("send me a p i c", "pic"), "p i c");
    // Folded forms longer and shorter than their source.
    assert_eq!(origin("Strasse ﬁx", "fix"), "ﬁx");
    assert_eq!(origin("Strasse ﬁx", "f"), "ﬁ");
}

#[test]
fn spaced_letters_get_soft_boundaries() {
    let f = Normalizer::new().fold("send me a p i c");
    assert_eq!(f.as_str(), "send me apic");
    assert!(f.is_soft_boundary(9));
    assert!(!f.is_soft_boundary(10));
    let f = Normalizer::new().fold("t h e y");
    assert_eq!(f.as_str(), "they");
    assert!((0..=4).all(|i| !f.is_soft_boundary(i)));
    assert!(!Normalizer::new().fold("hey").is_soft_boundary(1));
}

#[test]
fn folding_is_idempotent_on_examples() {
    for s in [
        "aa b c",
        "a4 b c",
        "a.a-b",
        "a a a - b - c",
        "s.n.a.p!",
        "x y z a.b",
        "1 3 f",
        "ｓ ｎ ａ ｐ",
        "p 1 c",
        "5 . a",
        "a-a-a b-b-b c-c-c",
        "a - - b c d",
        "i 1 1 l",
        "$|a s @ x",
        // Found by the property tests below.
        "$|a\u{200b}",
        "$!ᱚ",
        "\u{55A}",
        "\u{5F3}",
        "3i:0I",
        "$a.0\u{10D6F} ",
        "@1i-1-r",
    ] {
        let once = fold(s);
        assert_eq!(fold(&once), once, "{s:?}");
    }
}

#[test]
fn plain_ascii_chat_is_untouched_by_the_word_stage() {
    let f = Normalizer::new().fold("hey how r u doing today? wanna hang out lol");
    assert_eq!(f.as_str(), "hey how r u doing today? wana hang out lol");
    assert!(f.stage.text.is_empty(), "the word stage ran");
    let f = Normalizer::new().fold("ok see you at 5, or 6.30 at the station");
    assert!(f.stage.text.is_empty(), "the word stage copied the text");
}

/// Checks the offset map of `f`, the folded form of `text`.
fn check_spans(text: &str, f: &Folded) -> Result<(), TestCaseError> {
    let folded = f.as_str();
    prop_assert_eq!(f.starts.len(), folded.len());
    prop_assert_eq!(f.ends.len(), folded.len());
    let mut last_start = 0;
    for (i, c) in folded.char_indices() {
        let span = f.original_span(i..i + c.len_utf8());
        prop_assert!(span.start < span.end, "empty span for {:?}", c);
        prop_assert!(span.end <= text.len());
        prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        prop_assert!(span.start >= last_start, "spans out of order");
        last_start = span.start;
    }
    for &s in &f.soft {
        prop_assert!(0 < s as usize && (s as usize) < folded.len());
        prop_assert!(folded.is_char_boundary(s as usize));
    }
    prop_assert!(f.soft.windows(2).all(|w| w[0] < w[1]));
    Ok(())
}

/// Strings of the characters that matter: letters, digits, leet symbols,
/// separators, spaces, apostrophes, invisible characters, look-alikes,
/// fullwidth and combining marks.
fn chat() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "[a-eilnoprsuxyA-EILS0-57-9 .\\-*_/:@$€!|,'’\u{200B}\u{202E}ѕаοкᴀ🅐🇸ｓ１é\u{0301}ßﬁ·😀\t]{0,40}",
    )
    .expect("valid regex")
}

/// Strings of single letters, digits and separators between spaces: the
/// material of spelled-out words.
fn spaced() -> impl Strategy<Value = String> {
    proptest::string::string_regex("(( |  )?[aiurl1-5@.*-]{1,2}[.-]?){0,24}").expect("valid regex")
}

fn chars(s: &str) -> Vec<Ch> {
    s.char_indices().map(|(i, c)| Ch { c, start: i as u32, end: (i + c.len_utf8()) as u32 }).collect()
}

fn text(chars: &[Ch]) -> String {
    chars.iter().map(|ch| ch.c).collect()
}

/// The character stage alone.
fn fold_chars(s: &str) -> Folded {
    let mut out = Folded::default();
    chars::fold(s, &mut out);
    out.finish();
    out
}

proptest! {
    #[test]
    fn whole_pipeline_is_idempotent_with_true_spans(s in prop_oneof![chat(), spaced()]) {
        let f = Normalizer::new().fold(&s);
        check_spans(&s, &f)?;
        let again = Normalizer::new().fold(f.as_str());
        prop_assert_eq!(again.as_str(), f.as_str());
    }

    #[test]
    fn whole_pipeline_on_any_unicode(s in any::<String>()) {
        let f = Normalizer::new().fold(&s);
        check_spans(&s, &f)?;
        let again = Normalizer::new().fold(f.as_str());
        prop_assert_eq!(again.as_str(), f.as_str());
    }

    #[test]
    fn character_stage_is_idempotent_with_true_spans(s in prop_oneof![chat(), any::<String>()]) {
        let f = fold_chars(&s);
        check_spans(&s, &f)?;
        let again = fold_chars(f.as_str());
        prop_assert_eq!(again.as_str(), f.as_str());
        let mut by_char = Folded::default();
        chars::fold_by_char(&s, &mut by_char);
        by_char.finish();
        prop_assert_eq!(by_char.as_str(), f.as_str());
        prop_assert_eq!(&by_char.starts, &f.starts);
        prop_assert_eq!(&by_char.ends, &f.ends);
    }

    #[test]
    fn confusables_fold_to_ascii(c in any::<char>()) {
        if !c.is_ascii() {
            let mut out = String::new();
            if confusable::fold(c, &mut |l| out.push(l)) {
                prop_assert!(out.is_ascii(), "{:?} -> {:?}", c, out);
                prop_assert!(
                    out.chars().all(|l| l.is_ascii_lowercase())
                        || (out.len() <= 1 && !c.is_alphanumeric()),
                    "{:?} -> {:?}", c, out
                );
            }
        }
    }

    #[test]
    fn leet_is_idempotent_and_keeps_spans(s in chat()) {
        let mut once = chars(&s);
        leet::fold_tokens(&mut once);
        prop_assert_eq!(once.len(), s.chars().count());
        for (a, b) in once.iter().zip(chars(&s)) {
            prop_assert_eq!((a.start, a.end), (b.start, b.end));
        }
        let mut twice = once.clone();
        leet::fold_tokens(&mut twice);
        prop_assert_eq!(text(&twice), text(&once));
    }

    #[test]
    fn separator_gluing_is_idempotent_and_only_removes(s in chat()) {
        let mut once = chars(&s);
        separator::glue_chains(&mut once);
        let original = chars(&s);
        let mut it = original.iter();
        for ch in &once {
            prop_assert!(it.any(|o| o == ch), "gluing changed or moved {:?}", ch);
        }
        let mut twice = once.clone();
        separator::glue_chains(&mut twice);
        prop_assert_eq!(text(&twice), text(&once));
    }

    #[test]
    fn squeezing_is_idempotent_and_covers_the_run(s in chat()) {
        let mut once = chars(&s);
        squeeze(&mut once);
        let joined: String = text(&once);
        prop_assert!(!joined.chars().zip(joined.chars().skip(1)).any(|(a, b)| a == b && a.is_alphabetic()));
        let mut twice = once.clone();
        squeeze(&mut twice);
        prop_assert_eq!(twice, once.clone());
        if let (Some(first), Some(last)) = (once.first(), once.last()) {
            prop_assert_eq!((first.start as usize, last.end as usize), (0, s.len()));
        }
    }

    #[test]
    fn word_stage_is_skipped_only_when_it_changes_nothing(s in prop_oneof![chat(), spaced()]) {
        let staged = fold_chars(&s);
        let mut skipped = staged.clone();
        words::fold_words(&mut skipped);
        let mut full = staged.clone();
        words::fold_words_always(&mut full);
        prop_assert_eq!(skipped.as_str(), full.as_str());
        prop_assert_eq!(&skipped.starts, &full.starts);
        prop_assert_eq!(&skipped.ends, &full.ends);
        prop_assert_eq!(&skipped.soft, &full.soft);
    }

    #[test]
    fn chunks_are_looked_at_as_by_their_shape(s in prop_oneof![chat(), spaced(), any::<String>()]) {
        let staged = fold_chars(&s);
        let mut buf = Vec::new();
        for chunk in staged.as_str().split(' ').chain(s.split(' ')) {
            let (mixed, kind) = words::look(chunk, words::Summary::of(chunk));
            prop_assert_eq!((mixed, kind), words::look_by_shape(chunk), "{:?}", chunk);
        }
        // A chunk that does not mix letters with anything else folds to itself.
        for chunk in staged.as_str().split(' ') {
            if !words::look(chunk, words::Summary::of(chunk)).0 {
                prop_assert!(!words::folds_to_other(chunk, &mut buf), "{:?}", chunk);
            }
        }
    }

    #[test]
    fn a_quick_look_rules_out_only_what_does_not_change(s in prop_oneof![chat(), spaced(), any::<String>()]) {
        let staged = fold_chars(&s);
        for text in [staged.as_str(), s.as_str()] {
            if words::would_change(text, &mut Vec::new()) {
                prop_assert!(words::may_need_word_steps(text), "{:?}", text);
            }
        }
    }

    #[test]
    fn word_stage_is_idempotent(s in prop_oneof![chat(), spaced()]) {
        let staged = fold_chars(&s);
        let mut f = staged.clone();
        words::fold_words(&mut f);
        check_spans(&s, &f)?;
        let mut again = fold_chars(f.as_str());
        words::fold_words(&mut again);
        prop_assert_eq!(again.as_str(), f.as_str());
    }
}
