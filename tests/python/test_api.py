"""The public API: building classifiers, results and their fields, explain,
rules, levels, and what repr() shows (never message text)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import msgrisk
from conftest import SMALL_RULES


def test_readme_example_works() -> None:
    result = msgrisk.Classifier().score("are your parents home?")
    assert result.level in msgrisk.LEVELS


def test_package_exports_what_all_names() -> None:
    for name in msgrisk.__all__:
        assert hasattr(msgrisk, name), name
    public = {n for n in dir(msgrisk) if not n.startswith("_")} - {"annotations"}
    assert public <= set(msgrisk.__all__)
    assert isinstance(msgrisk.__version__, str) and msgrisk.__version__


def test_package_ships_its_type_information() -> None:
    package = Path(msgrisk.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_msgrisk.pyi").is_file()


def test_score_gives_every_field(small: msgrisk.Classifier) -> None:
    text = "this is our secret, im 13. can u send me a pic"
    r = small.score(text)
    assert isinstance(r, msgrisk.Result)
    assert isinstance(r.score, float) and 0.0 < r.score <= 1.0
    assert r.level in msgrisk.LEVELS
    assert r.categories == pytest.approx(
        {"grooming.secrecy": 0.6, "grooming.image_request": 0.5, "signal.minor_age": 0.5}
    )
    assert r.families == pytest.approx({"grooming": 0.8, "signal": 0.5})
    # Signals are reported but are no risk by themselves.
    assert r.score == pytest.approx(0.8)
    assert r.level == "high"
    assert r.ruleset_version == "small@1.0"
    assert [m.rule for m in r.matches] == ["t.secret", "t.age", "t.pic"]
    for m in r.matches:
        assert isinstance(m, msgrisk.Match)
        assert m.kind in ("phrase", "pattern", "near")
        assert 0 <= m.start < m.end <= len(text)
    assert [text[m.start : m.end] for m in r.matches] == ["our secret", "im 13", "send me a pic"]
    assert [m.kind for m in r.matches] == ["phrase", "pattern", "near"]
    assert r.matches[0].category == "grooming.secrecy"
    assert r.matches[0].weight == 0.6
    assert r.matches[0].trigger == "our secret"


def test_a_message_with_no_evidence(small: msgrisk.Classifier) -> None:
    r = small.score("see you at practice tomorrow")
    assert (r.score, r.level, r.categories, r.families, r.matches) == (0.0, "none", {}, {}, [])


def test_empty_message(small: msgrisk.Classifier) -> None:
    assert small.score("").level == "none"


def test_unless_suppresses(small: msgrisk.Classifier) -> None:
    assert small.score("want fast money?").matches
    assert not small.score("there is no such thing as fast money").matches


def test_to_dict_is_plain_json(small: msgrisk.Classifier) -> None:
    r = small.score("this is our secret")
    d = r.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert set(d) == {"score", "level", "categories", "families", "matches", "ruleset_version"}
    assert d["matches"] == [m.to_dict() for m in r.matches]
    assert d["matches"][0] == {
        "rule": "t.secret",
        "category": "grooming.secrecy",
        "weight": 0.6,
        "start": 8,
        "end": 18,
        "kind": "phrase",
        "trigger": "our secret",
    }


def test_results_are_values(small: msgrisk.Classifier) -> None:
    a = small.score("this is our secret")
    b = small.score("this is our secret")
    assert a == b and a is not b
    assert a != small.score("im 13")
    assert a.matches[0] == b.matches[0]
    # Each access builds a new container: changing one changes nothing.
    a.categories["x.y"] = 1.0
    a.matches.clear()
    assert a == b and a.matches


@pytest.mark.parametrize("attr", ["score", "level", "categories", "matches", "ruleset_version"])
def test_results_are_frozen(small: msgrisk.Classifier, attr: str) -> None:
    r = small.score("this is our secret")
    with pytest.raises(AttributeError):
        setattr(r, attr, None)
    with pytest.raises(AttributeError):
        setattr(r.matches[0], "start", 0)


def test_repr_never_contains_message_text(small: msgrisk.Classifier) -> None:
    text = "Zoë, this is our secret, im 13 UNIQUEWORD"
    r = small.score(text)
    shown = repr(r) + repr(r.matches) + str(r) + repr(small)
    for word in ("Zoë", "UNIQUEWORD", "this is"):
        assert word not in shown
    assert "Result(score=" in repr(r)
    assert "level='medium'" in repr(r)
    assert repr(r.matches[0]).startswith("Match(rule='t.secret'")


def test_explain_quotes_the_matches(small: msgrisk.Classifier) -> None:
    text = "this is our secret"
    e = small.explain(text)
    assert isinstance(e, str)
    assert "t.secret" in e and '"our secret"' in e
    assert "no rule fired" in small.explain("hello")


def test_default_classifier(default: msgrisk.Classifier) -> None:
    assert default.ruleset_version
    assert len(default.rules()) > 0
    assert {r.family for r in default.rules()} >= {"grooming", "recruitment", "sextortion"}
    r = default.score("are your parents home?")
    assert r.ruleset_version == default.ruleset_version
    assert r.level in msgrisk.LEVELS


def test_from_toml_adds_to_the_defaults_unless_told(default: msgrisk.Classifier) -> None:
    both = msgrisk.Classifier.from_toml(SMALL_RULES, name="small.toml")
    assert both.ruleset_version == default.ruleset_version + "+small@1.0"
    assert len(both.rules()) == len(default.rules()) + 4
    alone = msgrisk.Classifier.from_toml(SMALL_RULES, defaults=False)
    assert alone.ruleset_version == "small@1.0"
    assert {r.source for r in alone.rules()} == {"<string>"}


def test_from_files_takes_one_path_or_many(tmp_path: Path) -> None:
    a = tmp_path / "a.toml"
    a.write_text(SMALL_RULES, encoding="utf-8")
    b = tmp_path / "b.toml"
    b.write_text(
        'name = "b"\nversion = "2"\n[[rule]]\nid = "b.x"\ncategory = "grooming.trust"\n'
        'weight = 0.3\nphrases = ["you are so mature"]\nmatch = ["you are so mature"]\n',
        encoding="utf-8",
    )
    for paths in (a, str(a), [a], (str(a),), iter([a])):
        clf = msgrisk.Classifier.from_files(paths, defaults=False)
        assert clf.ruleset_version == "small@1.0"
        assert {r.source for r in clf.rules()} == {str(a)}
    both = msgrisk.Classifier.from_files([a, b], defaults=False)
    assert both.ruleset_version == "small@1.0+b@2"
    assert both.score("you are so mature").matches[0].rule == "b.x"
    assert msgrisk.Classifier.from_files([], defaults=False).ruleset_version == ""


def test_rules_list_what_was_loaded(small: msgrisk.Classifier) -> None:
    rules = small.rules()
    assert [r.id for r in rules] == ["t.secret", "t.pic", "t.age", "t.money"]
    secret = rules[0]
    assert isinstance(secret, msgrisk.Rule)
    assert (secret.category, secret.family, secret.weight) == ("grooming.secrecy", "grooming", 0.6)
    assert secret.lang == "any" and secret.description is None
    assert secret.phrases == ["our secret", "geheim*"]
    assert secret.must_match == ["this is our secret", "ons geheimpje"]
    assert secret.must_ignore == ["the secretary"]
    assert secret.source == "small.toml"
    assert rules[1].near == [([["send", "stuur"], ["pic", "foto*"]], 3)]
    assert rules[2].patterns == [r"\bim (1[0-7])\b"]
    assert rules[3].unless == ["no such thing as"]
    assert repr(secret) == "Rule(id='t.secret', category='grooming.secrecy', weight=0.6, lang='any')"


def test_levels_default_and_override() -> None:
    clf = msgrisk.Classifier.from_toml(SMALL_RULES, defaults=False)
    assert clf.levels == {"low": 0.25, "medium": 0.5, "high": 0.8}
    assert clf.score("this is our secret").level == "medium"
    strict = msgrisk.Classifier.from_toml(SMALL_RULES, defaults=False, levels={"high": 0.55})
    assert strict.levels == {"low": 0.25, "medium": 0.5, "high": 0.55}
    assert strict.score("this is our secret").level == "high"
    assert msgrisk.Classifier(levels={"low": 0.1, "medium": 0.2, "high": 0.3}).levels["high"] == 0.3


def test_levels_order_results() -> None:
    assert sorted(["high", "none", "medium", "low"], key=msgrisk.LEVELS.index) == list(msgrisk.LEVELS)


def test_check_examples_reports_failing_examples() -> None:
    broken = SMALL_RULES.replace('match = ["im 13"]', 'match = ["im 13", "i am twenty"]')
    clf = msgrisk.Classifier.from_toml(broken, defaults=False, name="broken.toml")
    (failure,) = clf.check_examples()
    assert isinstance(failure, msgrisk.ExampleFailure)
    assert (failure.rule, failure.problem, failure.example) == ("t.age", "not_matched", "i am twenty")
    assert failure.source == "broken.toml" and failure.line > 1
    assert "t.age" in str(failure) and "t.age" in repr(failure)
    assert msgrisk.Classifier.from_toml(SMALL_RULES, defaults=False).check_examples() == []


def test_classifier_repr_and_copy(small: msgrisk.Classifier) -> None:
    import copy

    assert repr(small) == "Classifier(ruleset_version='small@1.0', rules=4)"
    assert copy.copy(small) is small and copy.deepcopy(small) is small


def test_scores_are_finite_and_bounded(small: msgrisk.Classifier) -> None:
    for text in ["our secret " * 1000, "x" * 100_000, "\x00\x01", "\u202e\u200b", "🤫" * 50]:
        r = small.score(text)
        assert math.isfinite(r.score) and 0.0 <= r.score <= 1.0
