"""Conversations: a scripted grooming conversation crosses the high level
with its stages in order and the right suspect and minor; one by one equals
all at once; without authors it still works; evidence spans index their
message's str; times as numbers or datetimes; bad input names what is wrong
and adds nothing; threads sharing one conversation are serialized; a
conversation does not pickle (its assessment does); no repr shows text.

The rule set is the command's conversation test set, so that the figures do
not move when the default rules change."""

from __future__ import annotations

import copy
import json
import pickle
import threading
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import msgrisk

RULES = Path(__file__).parents[1] / "data" / "conversation_rules.toml"

# The core's English script, with emoji and accents around the evidence.
GROOMING = [
    ("jay", "hey saw ur post about the concert, u have good taste"),
    ("mia", "haha thx"),
    ("jay", "how old r u btw?"),
    ("mia", "😀 im 13, u?"),
    ("jay", "19. ur so mature for ur age tho"),
    ("mia", "lol ok"),
    ("jay", "are ur parents home rn?"),
    ("mia", "no theyre at work till 6"),
    ("jay", "cool 🤫🤫 dont tell anyone we talk ok, they wouldnt get it"),
    ("jay", "add me on snap its easier"),
    ("mia", "ok"),
    ("jay", "have u ever kissed anyone?"),
    ("jay", "çava? 📸 send me a pic of u in ur new top"),
    ("jay", "we should meet up this weekend"),
]

STAGES = [
    "grooming.access",
    "grooming.trust",
    "grooming.risk_assessment",
    "grooming.secrecy",
    "grooming.platform_switch",
    "grooming.desensitization",
    "grooming.image_request",
    "grooming.meeting",
]


@pytest.fixture(scope="module")
def clf() -> msgrisk.Classifier:
    return msgrisk.Classifier.from_files(RULES, defaults=False)


def one_by_one(clf: msgrisk.Classifier, script: list[tuple[str, str]]) -> msgrisk.Assessment:
    conv = msgrisk.Conversation(clf)
    for author, text in script:
        _, assessment = conv.add(text, author=author)
    return assessment


def long_script(n: int) -> list[tuple[str | None, str, int | None]]:
    # Authors (some missing), times (some missing), several batches' worth.
    out: list[tuple[str | None, str, int | None]] = []
    for i in range(n):
        author, text = GROOMING[i % len(GROOMING)]
        out.append((f"{author}{i % 3}" if i % 7 != 3 else None, f"{text} #{i}", i * 60 if i % 5 else None))
    return out


def test_a_grooming_script_crosses_high_with_stages_in_order(clf: msgrisk.Classifier) -> None:
    conv = msgrisk.Conversation(clf)
    levels = []
    for author, text in GROOMING:
        result, a = conv.add(text, author=author)
        # The result is the message's own, as the classifier scores it.
        assert result == clf.score(text)
        levels.append(a.level)
    assert levels[0] == "none" and levels[-1] == "high"
    assert isinstance(a, msgrisk.Assessment)
    assert (a.messages, a.level, a.peak_level, a.peak_message) == (14, "high", "high", 13)
    assert a.score == a.peak_score == conv.score == conv.peak_score
    assert [s.category for s in a.stages] == STAGES
    firsts = [s.first_message for s in a.stages]
    assert firsts == sorted(firsts) and len(set(firsts)) == len(firsts)
    assert all(s.author == "jay" and s.messages == 1 for s in a.stages)
    assert list(a.authors) == ["jay", "mia"]
    assert a.suspect is not None and a.suspect.author == "jay"
    assert a.suspect == a.authors["jay"]
    assert a.minor_author is not None and a.minor_author.author == "mia"
    assert a.authors["mia"].score < 0.25 and a.authors["jay"].level == "high"
    assert a.authors["jay"].messages == 9 and a.authors["mia"].first_message == 1
    assert a.families == {"grooming": a.score}
    # The strongest evidence is the secrecy move, raised by the stated age.
    top = a.evidence[0]
    assert (top.rule, top.category, top.message, top.author) == ("en.secrecy", "grooming.secrecy", 8, "jay")
    assert top.strength > top.weight
    assert [e.strength for e in a.evidence] == sorted((e.strength for e in a.evidence), reverse=True)
    assert a.ruleset_version == clf.ruleset_version == "conversation-test@1"
    assert len(conv) == 14 and conv.classifier is clf


def test_without_a_stated_age_the_same_script_scores_lower(clf: msgrisk.Classifier) -> None:
    script = [(a, "old enough lol, u?" if "im 13" in t else t) for a, t in GROOMING]
    without = one_by_one(clf, script)
    with_age = one_by_one(clf, GROOMING)
    assert without.minor_author is None
    assert without.peak_score < with_age.peak_score


def test_adults_flirting_stay_low(clf: msgrisk.Classifier) -> None:
    a = one_by_one(
        clf,
        [
            ("sam", "send me a pic of the new one you bought"),
            ("alex", "only if you come over 😏"),
            ("sam", "have you ever kissed someone on a first date?"),
            ("alex", "maybe once. we should meet up friday"),
        ],
    )
    assert len(a.stages) >= 3
    assert a.peak_level == "none" and a.minor_author is None


def test_one_by_one_equals_all_at_once(clf: msgrisk.Classifier) -> None:
    script = long_script(700)
    conv = msgrisk.Conversation(clf)
    steps = [conv.add(text, author, time)[1] for author, text, time in script]
    at_once = msgrisk.Conversation.assess_all(clf, script)
    assert at_once == steps[-1] == conv.assessment
    assert at_once.to_dict() == steps[-1].to_dict()
    # push builds no assessment, and ends up the same.
    pushed = msgrisk.Conversation(clf)
    for author, text, time in script:
        assert pushed.push(text, author, time) == clf.score(text)
    assert pushed.assessment == at_once
    # Part at once, the rest one by one; and every form of item.
    mixed = msgrisk.Conversation(clf)
    assert mixed.add_all(iter(script[:300])) == steps[299]
    forms: list[Any] = []  # lists are accepted as well as tuples
    for i, (author, text, time) in enumerate(script[300:]):
        if i % 3 == 0:
            forms.append({"author": author, "text": text, "time": time, "id": i})
        elif i % 3 == 1 and time is None:
            forms.append([author, text])
        else:
            forms.append((author, text, time))
    assert mixed.add_all(forms) == at_once
    assert len(mixed) == 700


def test_without_authors_one_stream(clf: msgrisk.Classifier) -> None:
    conv = msgrisk.Conversation(clf)
    for _, text in GROOMING:
        _, a = conv.add(text)
    assert list(a.authors) == [None]
    assert a.suspect is not None and a.suspect.author is None
    assert a.minor_author is not None and a.minor_author.author is None
    assert [s.category for s in a.stages] == STAGES
    assert all(s.author is None for s in a.stages) and all(e.author is None for e in a.evidence)
    assert a.level == "high"
    # A text alone, and empty names, are unattributed too.
    assert msgrisk.Conversation.assess_all(clf, [t for _, t in GROOMING]) == a
    assert msgrisk.Conversation.assess_all(clf, [("  ", t) for _, t in GROOMING]) == a
    # The two sides cannot be told apart, so the stated age weighs less.
    assert a.score <= one_by_one(clf, GROOMING).score
    empty = msgrisk.Conversation(clf).assessment
    assert (empty.messages, empty.level, empty.authors, empty.suspect, empty.peak_message) == (0, "none", {}, None, None)


def evidence_texts(a: msgrisk.Assessment, texts: list[str]) -> list[tuple[str, str]]:
    spans = [(e.rule, texts[e.message][e.start : e.end]) for e in a.evidence]
    for r in a.authors.values():
        if r.minor_evidence is not None:
            e = r.minor_evidence
            spans.append((e.rule, texts[e.message][e.start : e.end]))
    return sorted(spans)


EXPECTED_SPANS = [
    ("en.access.age", "how old r u"),
    ("en.age", "im 13"),
    ("en.desens.kissed", "ever kissed"),
    ("en.image", "send me a pic"),
    ("en.meeting", "meet up"),
    ("en.risk.parents", "are ur parents home"),
    ("en.secrecy", "dont tell anyone"),
    ("en.switch", "add me on snap"),
    ("en.trust.mature", "mature for ur age"),
]


def test_spans_index_the_message_str(clf: msgrisk.Classifier) -> None:
    texts = [t for _, t in GROOMING]
    a = one_by_one(clf, GROOMING)
    assert evidence_texts(a, texts) == EXPECTED_SPANS
    e = a.evidence[0]
    assert (e.start, e.end) == (8, 24)  # after two emoji: in bytes, 14 and 30
    assert evidence_texts(msgrisk.Conversation.assess_all(clf, GROOMING), texts) == EXPECTED_SPANS


def test_spans_survive_a_long_conversation(clf: msgrisk.Classifier) -> None:
    # Early evidence stays the strongest while hundreds of later messages
    # come and go (their spans are forgotten, the early ones must not be).
    head = [("jay", "Zoë 😀 how old r u"), ("mia", "ÉÉ 🙈 im 13"), ("jay", "ça 🤫 dont tell anyone")]
    tail = [("jay" if i % 2 else "mia", f"é {i} 📸 add me on snap") for i in range(600)]
    script = head + tail
    texts = [t for _, t in script]
    conv = msgrisk.Conversation(clf, half_life_messages=float("inf"), max_evidence=2)
    for author, text in script:
        conv.push(text, author)
    for a in (conv.assessment, msgrisk.Conversation.assess_all(clf, script)):
        found = evidence_texts(a, texts)
        assert ("en.secrecy", "dont tell anyone") in found and ("en.age", "im 13") in found
        assert all(t for _, t in found)


def test_times_as_numbers_and_datetimes(clf: msgrisk.Classifier) -> None:
    start = datetime(2026, 4, 10, 17, 56, tzinfo=timezone.utc)
    naive = start.replace(tzinfo=None)
    plus2 = start.astimezone(timezone(timedelta(hours=2)))
    s, month = int(start.timestamp()), 30 * 86400
    # Each pair: a threat, then "ok" a month later, in one form of time.
    pairs: list[tuple[float | datetime, float | datetime]] = [
        (s, s + month),
        (s + 0.75, s + month + 0.25),  # fractions dropped
        (s * 1000, (s + month) * 1000),  # milliseconds, as JavaScript gives
        (start, start + timedelta(days=30)),
        (naive, naive + timedelta(days=30)),  # naive: UTC
        (plus2, plus2 + timedelta(days=30)),
    ]
    assessments = []
    for first, later in pairs:
        conv = msgrisk.Conversation(clf)
        conv.add("pay 100 or i send ur pics to everyone", "a", first)
        assessments.append(conv.add("ok", "a", later)[1])
    assert all(a == assessments[0] for a in assessments)
    # A month fades the threat far more than one message does.
    untimed = msgrisk.Conversation.assess_all(clf, [("a", "pay 100 or i send ur pics to everyone"), ("a", "ok")])
    assert assessments[0].score < untimed.score / 4
    assert assessments[0].peak_score == untimed.peak_score


@pytest.mark.parametrize(
    ("time", "error"),
    [
        (True, TypeError),
        ("2026-04-10", TypeError),
        (object(), TypeError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        (10**16, ValueError),
        (10**30, ValueError),
    ],
)
def test_bad_times_add_nothing(clf: msgrisk.Classifier, time: object, error: type[Exception]) -> None:
    conv = msgrisk.Conversation(clf)
    with pytest.raises(error, match="time"):
        conv.add("dont tell anyone", "a", time)  # type: ignore[arg-type]
    with pytest.raises(error, match="item 1 of the messages: time"):
        conv.add_all([("a", "hi", 1), ("a", "hi", time)])  # type: ignore[list-item]
    assert len(conv) == 0 and conv.assessment.stages == []


def test_bad_messages_add_nothing(clf: msgrisk.Classifier) -> None:
    conv = msgrisk.Conversation(clf)
    conv.add("dont tell anyone", "a")
    before = conv.assessment
    with pytest.raises(TypeError, match="must be str"):
        conv.add(42)  # type: ignore[arg-type]
    with pytest.raises(msgrisk.InvalidTextError):
        conv.add("bad \ud800")
    with pytest.raises(TypeError, match="author must be str or None, not int"):
        conv.add("hi", 7)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="author holds a lone surrogate"):
        conv.push("hi", "\udc00")
    with pytest.raises(TypeError, match="not one str"):
        conv.add_all("dont tell anyone")
    with pytest.raises(TypeError, match="item 2 of the messages is int"):
        conv.add_all(["hi", ("a", "hi"), 3])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="item 1 of the messages is tuple"):
        conv.add_all([("a", "hi"), ("a", "hi", None, "extra")])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="item 0 of the messages has no 'text'"):
        conv.add_all([{"author": "a"}])
    with pytest.raises(msgrisk.InvalidTextError) as e:
        conv.add_all(["hi", {"text": "bad \ud800"}])
    assert e.value.index == 1
    with pytest.raises(TypeError, match="item 0 of the messages: the author must be str"):
        conv.add_all([(3, "hi")])  # type: ignore[list-item]
    assert len(conv) == 1 and conv.assessment == before


def test_constructor_arguments(clf: msgrisk.Classifier) -> None:
    with pytest.raises(TypeError):
        msgrisk.Conversation("rules")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_evidence"):
        msgrisk.Conversation(clf, max_evidence=-1)
    few = msgrisk.Conversation(clf, max_evidence=3)
    assert len(few.add_all(GROOMING).evidence) == 3
    assert msgrisk.Conversation(clf, max_evidence=0).add_all(GROOMING).evidence == []
    # Without fading the same script weighs at least as much.
    steady = msgrisk.Conversation(clf, half_life_messages=float("inf"), half_life_seconds=float("inf"))
    assert steady.add_all(GROOMING).score >= one_by_one(clf, GROOMING).score


def test_a_conversation_does_not_pickle_but_copies(clf: msgrisk.Classifier) -> None:
    conv = msgrisk.Conversation(clf)
    conv.add_all(GROOMING[:5])
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(conv)
    fork = copy.copy(conv)
    deep = copy.deepcopy(conv)
    assert fork.assessment == deep.assessment == conv.assessment
    fork.add_all(GROOMING[5:])
    assert (len(conv), len(deep), len(fork)) == (5, 5, 14)
    assert fork.assessment == one_by_one(clf, GROOMING)
    assert fork.classifier is conv.classifier


def test_assessments_are_plain_values(clf: msgrisk.Classifier) -> None:
    a = one_by_one(clf, GROOMING)
    for part in [a, *a.stages, *a.authors.values(), *a.evidence]:
        again = pickle.loads(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == part and again.to_dict() == part.to_dict()  # type: ignore[attr-defined]
    d = a.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert (d["suspect"], d["minor_author"]) == ("jay", "mia")
    assert [(r["author"], r["suspect"], r["minor_author"]) for r in d["authors"]] == [
        ("jay", True, False),
        ("mia", False, True),
    ]
    assert d["evidence"] == [e.to_dict() for e in a.evidence]
    assert d["stages"] == [s.to_dict() for s in a.stages]
    # Unattributed as suspect and minor survives the trip too.
    stream = msgrisk.Conversation.assess_all(clf, [t for _, t in GROOMING])
    assert pickle.loads(pickle.dumps(stream)).suspect == stream.suspect
    # Immutable; containers are built anew on each access.
    with pytest.raises(AttributeError):
        a.score = 0.0  # type: ignore[misc]
    with pytest.raises(AttributeError):
        a.evidence[0].start = 0  # type: ignore[misc]
    a.stages.clear()
    a.authors.clear()
    assert len(a.stages) == 8 and len(a.authors) == 2


def test_repr_never_contains_message_text(clf: msgrisk.Classifier) -> None:
    conv = msgrisk.Conversation(clf)
    script = [("o'brien", "UNIQUEWORD im 13 ok"), ("jay", "Zoë dont tell anyone SECRETWORD")]
    for author, text in script:
        result, a = conv.add(text, author)
    parts = [conv, a, result, *a.stages, *a.authors.values(), *a.evidence]
    shown = " ".join(repr(p) + str(p) for p in parts)
    for word in ("UNIQUEWORD", "SECRETWORD", "Zoë", "dont tell"):
        assert word not in shown
    assert "Assessment(messages=2," in repr(a) and "Conversation(messages=2," in repr(conv)
    # Author names are shown, quoted as Python quotes them.
    assert "author=\"o'brien\"" in repr(a.authors["o'brien"])


def test_threads_sharing_one_conversation_are_serialized(clf: msgrisk.Classifier) -> None:
    conv = msgrisk.Conversation(clf)
    threads, per_thread = 8, 150
    start = threading.Barrier(threads)
    seen: list[list[int]] = [[] for _ in range(threads)]
    failures: list[str] = []

    def work(n: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                author, text = GROOMING[(n + i) % len(GROOMING)]
                if i % 10 == 9:
                    seen[n].append(conv.add_all([(f"t{n}", text)]).messages)
                elif i % 10 == 8:
                    conv.push(text, f"t{n}")
                    seen[n].append(-1)
                else:
                    seen[n].append(conv.add(text, f"t{n}", i)[1].messages)
                _ = conv.assessment, len(conv), repr(conv)
        except Exception as e:  # pragma: no cover - reported below
            failures.append(f"thread {n}: {e!r}")

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert failures == []
    total = threads * per_thread
    assert len(conv) == total
    # Every add saw its own message count: no two saw the same.
    counts = [c for s in seen for c in s if c != -1]
    assert len(counts) == len(set(counts)) and all(1 <= c <= total for c in counts)
    a = conv.assessment
    assert a.messages == total
    assert {name: r.messages for name, r in a.authors.items()} == {f"t{n}": per_thread for n in range(threads)}
    # Every message counted once in the stages it showed.
    expected: Counter[str] = Counter()
    for n in range(threads):
        for i in range(per_thread):
            categories = clf.score(GROOMING[(n + i) % len(GROOMING)][1]).categories
            expected.update(c for c in categories if not c.startswith("signal."))
    assert {s.category: s.messages for s in a.stages} == dict(expected)


def test_typed_usage_conversation() -> None:
    import typed_usage

    out = typed_usage.main()
    assert out["stages"] == [("grooming.platform_switch", 1), ("grooming.secrecy", 2)]
    assert out["suspect"] == "stranger" and out["minor"] == "kid"
    assert out["alerts"] == [2] and out["peak"] == 2
    assert out["conversation_spans"] == [("local.secret", "dont tell"), ("local.switch", "add me on kik")]
    assert out["same_at_once"] is True
