"""Spans are Python str indices: ``text[m.start:m.end]`` is the matched
text, whatever sits before it (emoji, accents, combining marks, CJK,
zero-width characters) and whatever folding did to the match itself."""

from __future__ import annotations

import random

import pytest

import msgrisk


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("our secret", "our secret"),
        ("😀😀 our secret", "our secret"),
        ("👨‍👩‍👧‍👦 our secret 🤫", "our secret"),
        ("ÖUR   SÉCRET 🤫", "ÖUR   SÉCRET"),
        ("café, our secret", "our secret"),
        # Combining marks, inside the match and before it.
        ("e\u0301e\u0301 ou\u0308r secret", "ou\u0308r secret"),
        # Zero-width and stretched letters.
        ("it's o\u200bur secreeeet ok", "o\u200bur secreeeet"),
        # Fullwidth compatibility forms.
        ("ｏｕｒ　ｓｅｃｒｅｔ", "ｏｕｒ　ｓｅｃｒｅｔ"),
        ("中文 our secret 中文", "our secret"),
        # Prefix phrases in Dutch compounds: the span is the phrase.
        ("dit is ons geheimpje 😉", "geheim"),
        ("straße ist weit, our secret", "our secret"),
    ],
)
def test_span_slices_the_match(small: msgrisk.Classifier, text: str, matched: str) -> None:
    (m,) = small.score(text).matches
    assert text[m.start : m.end] == matched


def test_several_matches_after_multibyte_text(small: msgrisk.Classifier) -> None:
    text = "🙈 héé im 13 😀 can u send me a pic ✨ our secret ✨ snel geld"
    r = small.score(text)
    got = sorted((m.start, text[m.start : m.end]) for m in r.matches)
    assert [s for _, s in got] == ["im 13", "send me a pic", "our secret", "snel geld"]


def test_ascii_spans_equal_byte_offsets(small: msgrisk.Classifier) -> None:
    text = "ok so this is our secret right"
    (m,) = small.score(text).matches
    assert (m.start, m.end) == (text.index("our"), text.index(" right"))


def test_batch_spans_match_single_spans(small: msgrisk.Classifier) -> None:
    texts = ["😀 our secret", "our secret", "é" * 1000 + " im 13"]
    assert small.score_batch(texts, threads=2) == [small.score(t) for t in texts]


# Characters that fold in every way: to nothing, to more letters, to
# fewer bytes; each is one Python index but 1 to 4 bytes of UTF-8.
POOL = ["a", "é", "e\u0301", "ß", "ﬁ", "İ", "😀", "👍🏽", "中", "ж", "\u200b", "Ω", "ｘ", "1", "!", " "]


def test_random_prefixes_and_suffixes(small: msgrisk.Classifier) -> None:
    rng = random.Random(6)
    for _ in range(500):
        before = "".join(rng.choice(POOL) for _ in range(rng.randrange(0, 40)))
        after = "".join(rng.choice(POOL) for _ in range(rng.randrange(0, 40)))
        text = f"{before} our secret {after}"
        spans = [(m.start, m.end) for m in small.score(text).matches if m.rule == "t.secret"]
        start = len(before) + 1
        assert (start, start + len("our secret")) in spans, ascii(text)
