"""Pickling: a Classifier travels by its rule sources and is compiled again
on load (its rule files need not exist there); results travel back."""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import msgrisk
from conftest import SMALL_RULES
from test_threads import corpus

EXTRA = (
    'name = "extra"\nversion = "3"\n[levels]\nhigh = 0.7\n'
    '[[rule]]\nid = "x.mature"\ncategory = "grooming.trust"\nweight = 0.3\n'
    'phrases = ["so mature"]\nmatch = ["you are so mature"]\n'
)


def roundtrip(clf: msgrisk.Classifier) -> msgrisk.Classifier:
    again = pickle.loads(pickle.dumps(clf, protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(again, msgrisk.Classifier) and again is not clf
    assert again.ruleset_version == clf.ruleset_version
    assert again.levels == clf.levels
    assert [r.id for r in again.rules()] == [r.id for r in clf.rules()]
    assert [r.source for r in again.rules()] == [r.source for r in clf.rules()]
    texts = corpus(200) + ["you are so mature", "so mature, our secret"]
    assert again.score_batch(texts) == clf.score_batch(texts)
    return again


def test_default_classifier(default: msgrisk.Classifier) -> None:
    # Only the flag travels for the defaults, not their text.
    assert len(pickle.dumps(default)) < 1_000
    roundtrip(default)


def test_from_toml_with_and_without_defaults() -> None:
    roundtrip(msgrisk.Classifier.from_toml(SMALL_RULES, defaults=False, name="small.toml"))
    roundtrip(msgrisk.Classifier.from_toml(SMALL_RULES, name="small.toml"))


def test_levels_travel_both_given_and_from_a_rule_file() -> None:
    given = msgrisk.Classifier.from_toml(SMALL_RULES, defaults=False, levels={"high": 0.55})
    assert roundtrip(given).levels["high"] == 0.55
    from_file = msgrisk.Classifier.from_toml(EXTRA, defaults=False)
    assert roundtrip(from_file).levels["high"] == 0.7


def test_rule_files_need_not_exist_where_it_is_loaded(tmp_path: Path) -> None:
    a = tmp_path / "small.toml"
    b = tmp_path / "extra.toml"
    a.write_text(SMALL_RULES, encoding="utf-8")
    b.write_text(EXTRA, encoding="utf-8")
    clf = msgrisk.Classifier.from_files([a, b], defaults=False)
    data = pickle.dumps(clf)
    a.unlink()
    b.unlink()
    again = pickle.loads(data)
    assert again.ruleset_version == "small@1.0+extra@3"
    assert again.score("you are so mature").matches[0].rule == "x.mature"
    assert {r.source for r in again.rules()} == {str(a), str(b)}


def test_results_and_matches_roundtrip(small: msgrisk.Classifier) -> None:
    for text in corpus(20):
        r = small.score(text)
        again = pickle.loads(pickle.dumps(r))
        assert again == r and again.to_dict() == r.to_dict()
        for m in r.matches:
            assert pickle.loads(pickle.dumps(m)) == m


def test_to_and_from_worker_processes(small: msgrisk.Classifier) -> None:
    texts = corpus(40)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        results = list(pool.map(small.score, texts, chunksize=5))
    assert results == small.score_batch(texts)
