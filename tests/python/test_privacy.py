"""Privacy: a canary string inside a message never appears in any exception
text, repr, str, serialized result, or anything written to stdout or stderr,
whatever the call and whatever goes wrong. Only explain() quotes the message:
the caller asked for it."""

from __future__ import annotations

import json
import pickle

import pytest

import msgrisk

CANARY = "CANARY7f3aQ"
MESSAGE = f"are your parents home? {CANARY} dont tell anyone 🤫 our secret"


def assert_clean(*objects: object) -> None:
    for obj in objects:
        for text in (repr(obj), str(obj)):
            assert CANARY not in text, text


def test_results_and_matches_hold_no_text(small: msgrisk.Classifier) -> None:
    result = small.score(MESSAGE)
    assert result.matches, "the message should match something"
    assert_clean(result, *result.matches)
    assert CANARY not in json.dumps(result.to_dict())
    assert CANARY.encode() not in pickle.dumps(result)


def test_batch_errors_name_the_index_not_the_text(small: msgrisk.Classifier) -> None:
    with pytest.raises(TypeError) as type_error:
        small.score_batch([MESSAGE, 7, MESSAGE])  # type: ignore[list-item]
    assert "1" in str(type_error.value)
    assert_clean(type_error.value)
    broken = MESSAGE + "\ud800"
    with pytest.raises(msgrisk.InvalidTextError) as bad_text:
        small.score_batch([MESSAGE, broken])
    assert bad_text.value.index == 1
    assert_clean(bad_text.value)
    with pytest.raises(msgrisk.InvalidTextError) as single:
        small.score(broken)
    assert_clean(single.value)


def test_conversations_hold_no_text(small: msgrisk.Classifier) -> None:
    conversation = msgrisk.Conversation(small)
    _, assessment = conversation.add(MESSAGE, author="a1", time=1_700_000_000)
    _, assessment = conversation.add(f"im 13 {CANARY}", author="b2")
    assert_clean(conversation, assessment, *assessment.evidence, *assessment.stages)
    assert CANARY not in json.dumps(assessment.to_dict())
    with pytest.raises(TypeError) as info:
        pickle.dumps(conversation)
    assert_clean(info.value)


def test_a_panic_quoting_the_message_is_not_printed(capfd: pytest.CaptureFixture[str]) -> None:
    for in_pool in (False, True):
        with pytest.raises(msgrisk.InternalError) as info:
            msgrisk._msgrisk._panic_for_tests(MESSAGE, in_pool=in_pool)
        assert_clean(info.value)
    out, err = capfd.readouterr()
    assert CANARY not in out and CANARY not in err, err
    assert "panic message is withheld" in err


def test_nothing_is_printed_while_scoring(small: msgrisk.Classifier, capfd: pytest.CaptureFixture[str]) -> None:
    small.score(MESSAGE)
    small.score_batch([MESSAGE] * 50, threads=2)
    msgrisk.Conversation(small).add(MESSAGE)
    default = msgrisk.Classifier()
    default.score(MESSAGE)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_explain_quotes_the_message_because_it_was_asked(small: msgrisk.Classifier) -> None:
    assert "our secret" in small.explain(MESSAGE)
