"""A small program as a moderation team would write it, fully typed: it must
pass ``mypy --strict`` against the package's stub (test_typing.py checks),
and it runs (test_typing.py calls ``main``)."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterable, Iterator
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
    }


if __name__ == "__main__":
    print(main())
