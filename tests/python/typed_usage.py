"""A small program as a moderation team would write it, fully typed: it must
pass ``mypy --strict`` against the package's stub (test_typing.py checks),
and it runs (test_typing.py calls ``main``)."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import msgrisk

RULES = """
name = "local"
version = "2024.1"

[[rule]]
id = "local.switch"
category = "grooming.platform_switch"
weight = 0.4
phrases = ["add me on kik"]
match = ["add me on kik pls"]
"""


CHAT_RULES = r"""
name = "chat"
version = "1"

[[rule]]
id = "local.age"
category = "signal.minor_age"
weight = 0.8
patterns = ['\bim 1[0-5]\b']
match = ["im 13"]

[[rule]]
id = "local.switch"
category = "grooming.platform_switch"
weight = 0.4
phrases = ["add me on kik"]
match = ["add me on kik pls"]

[[rule]]
id = "local.secret"
category = "grooming.secrecy"
weight = 0.6
phrases = ["dont tell"]
match = ["dont tell ur mum"]
"""

Chat = list[tuple[str | None, str, float | datetime | None]]


def watch(clf: msgrisk.Classifier, chat: Chat, at_least: str = "medium") -> tuple[msgrisk.Assessment, list[int]]:
    conversation = msgrisk.Conversation(clf, max_evidence=8)
    floor = msgrisk.LEVELS.index(at_least)
    alerts: list[int] = []
    assessment = conversation.assessment
    for i, (author, text, time) in enumerate(chat):
        result, assessment = conversation.add(text, author=author, time=time)
        if msgrisk.LEVELS.index(assessment.level) >= floor and result.matches:
            alerts.append(i)
    assert len(conversation) == len(chat)
    return assessment, alerts


def flagged(clf: msgrisk.Classifier, messages: Iterable[str], at_least: str = "medium") -> Iterator[tuple[int, msgrisk.Result]]:
    floor = msgrisk.LEVELS.index(at_least)
    for i, result in enumerate(clf.score_batch(messages, threads=2)):
        if msgrisk.LEVELS.index(result.level) >= floor:
            yield i, result


def evidence(text: str, result: msgrisk.Result) -> list[tuple[str, str, float]]:
    return [(m.rule, text[m.start : m.end], m.weight) for m in result.matches]


def load(paths: list[Path]) -> msgrisk.Classifier | None:
    try:
        return msgrisk.Classifier.from_files(paths, defaults=False, levels={"high": 0.7})
    except msgrisk.RulesetReadError as e:
        print(f"cannot read {e.path}")
    except msgrisk.RulesetError as e:
        where: str = f"{e.path}:{e.line}:{e.column}"
        print(f"{where} (rule {e.rule}, {e.kind})")
    return None


def main() -> dict[str, object]:
    clf = msgrisk.Classifier.from_toml(RULES, defaults=False, name="local.toml")
    text = "ok add me on KIK 😀"
    result: msgrisk.Result = clf.score(text)
    score: float = result.score
    level: str = result.level
    by_category: dict[str, float] = result.categories
    found = evidence(text, result)
    report = result.to_dict()
    first = report["matches"][0]
    span: tuple[int, int] = (first["start"], first["end"])
    version: str = clf.ruleset_version
    high: float = clf.levels["high"]
    rules: list[msgrisk.Rule] = clf.rules()
    examples: list[str] = [ex for r in rules for ex in r.must_match]
    failures: list[msgrisk.ExampleFailure] = clf.check_examples()
    again: msgrisk.Classifier = pickle.loads(pickle.dumps(clf))
    hits = list(flagged(again, ["hi", "add me on kik"], at_least="low"))
    try:
        clf.score_batch(["fine", "bad \ud800"])
    except msgrisk.InvalidTextError as e:
        bad: int | None = e.index
    explanation: str = clf.explain(text)
    assert load([Path("/nonexistent/rules.toml")]) is None

    chat_clf = msgrisk.Classifier.from_toml(CHAT_RULES, defaults=False)
    chat: Chat = [
        ("kid", "😀 im 13", 1_775_843_760),
        ("stranger", "çool, add me on kik", 1_775_843_820.5),
        ("stranger", "and dont tell anyone", datetime(2026, 4, 10, 18, 0, tzinfo=timezone.utc)),
    ]
    assessment, alerts = watch(chat_clf, chat)
    stages: list[tuple[str, int]] = [(s.category, s.first_message) for s in assessment.stages]
    risks: dict[str | None, float] = {name: r.score for name, r in assessment.authors.items()}
    suspect: msgrisk.AuthorRisk | None = assessment.suspect
    minor: msgrisk.AuthorRisk | None = assessment.minor_author
    spans = sorted((e.rule, chat[e.message][1][e.start : e.end]) for e in assessment.evidence)
    at_once = msgrisk.Conversation.assess_all(chat_clf, chat)
    as_dicts = msgrisk.Conversation(chat_clf).add_all({"author": a, "text": t} for a, t, _ in chat)
    shipped: msgrisk.Assessment = pickle.loads(pickle.dumps(assessment))
    peak: int | None = shipped.to_dict()["peak_message"]
    try:
        pickle.dumps(msgrisk.Conversation(chat_clf))
    except TypeError:
        pass
    return {
        "score": score,
        "level": level,
        "categories": by_category,
        "evidence": found,
        "span": span,
        "version": version,
        "high": high,
        "examples": examples,
        "failures": len(failures),
        "hits": [i for i, _ in hits],
        "bad": bad,
        "explained": bool(explanation),
        "json": json.dumps(report),
        "stages": stages,
        "risks": risks,
        "alerts": alerts,
        "suspect": suspect.author if suspect else None,
        "minor": minor.author if minor else None,
        "conversation_spans": spans,
        "same_at_once": at_once == assessment and as_dicts.stages == assessment.stages,
        "peak": peak,
        "conversation_json": json.dumps(assessment.to_dict()),
    }


if __name__ == "__main__":
    print(main())
