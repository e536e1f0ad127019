"""Every way to fail: broken rule sets (each exception class, with path,
rule, line and column), bad messages and batch items, bad arguments, and
Rust panics, which must arrive as InternalError, never PanicException."""

from __future__ import annotations

import pickle
import re
import sys
from pathlib import Path
from typing import Any

import pytest

import msgrisk
from conftest import SMALL_RULES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HEAD = 'name = "x"\nversion = "1"\n'


def load(body: str, **kwargs: Any) -> msgrisk.Classifier:
    return msgrisk.Classifier.from_toml(HEAD + body, defaults=False, name="x.toml", **kwargs)


def test_hierarchy() -> None:
    assert issubclass(msgrisk.MsgriskError, Exception)
    for cls in (
        msgrisk.RulesetReadError,
        msgrisk.RulesetSyntaxError,
        msgrisk.DuplicateRuleError,
        msgrisk.InvalidRuleError,
        msgrisk.RulesetTooLargeError,
        msgrisk.ExampleFailedError,
    ):
        assert issubclass(cls, msgrisk.RulesetError), cls
        assert cls.__module__ == "msgrisk"
    assert issubclass(msgrisk.RulesetError, msgrisk.MsgriskError)
    assert issubclass(msgrisk.RulesetReadError, OSError)
    assert issubclass(msgrisk.InvalidTextError, msgrisk.MsgriskError)
    assert issubclass(msgrisk.InvalidTextError, ValueError)
    assert issubclass(msgrisk.InternalError, msgrisk.MsgriskError)
    # Raised by hand, the attributes are still there.
    e = msgrisk.RulesetError("by hand")
    assert (e.kind, e.path, e.rule, e.line, e.column) == (None, None, None, None, None)
    assert (msgrisk.InvalidTextError("x").index, msgrisk.InvalidTextError("x").position) == (None, None)


def test_syntax_error_names_line_and_column() -> None:
    with pytest.raises(msgrisk.RulesetSyntaxError) as info:
        load("this is not toml\n")
    e = info.value
    assert (e.kind, e.path, e.rule, e.line, e.column) == ("syntax", "x.toml", None, 3, 6)
    assert str(e).startswith("x.toml:3:6")


def test_unknown_key_is_an_error() -> None:
    with pytest.raises(msgrisk.RulesetSyntaxError, match="unknown field") as info:
        load('[[rule]]\nid = "a.b"\ncategory = "grooming.secrecy"\nweight = 0.5\nphrase = ["x"]\n')
    assert (info.value.rule, info.value.line) == ("a.b", 7)


def test_duplicate_ids_across_rule_sets(tmp_path: Path) -> None:
    first = tmp_path / "first.toml"
    first.write_text(SMALL_RULES, encoding="utf-8")
    second = tmp_path / "second.toml"
    second.write_text(SMALL_RULES.replace('name = "small"', 'name = "again"'), encoding="utf-8")
    with pytest.raises(msgrisk.DuplicateRuleError) as info:
        msgrisk.Classifier.from_files([first, second], defaults=False)
    e = info.value
    # The second file is the one named; the message names the first.
    assert (e.kind, e.path, e.rule) == ("duplicate_id", str(second), "t.secret")
    assert e.line == SMALL_RULES.splitlines().index('id = "t.secret"') + 1
    assert str(first) in str(e)


def test_classifiers_are_frozen(small: msgrisk.Classifier) -> None:
    with pytest.raises(AttributeError):
        small.ruleset_version = "x"  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):
        small.anything = 1  # type: ignore[attr-defined]


# A broken rule of each kind: (body, kind, line, column) of the error.
INVALID_RULES = [
    ('[[rule]]\nid = "A B"\ncategory = "a.b"\nweight = 0.5\nphrases = ["x"]\n', "invalid_id", 4, 6),
    ('[[rule]]\nid = "a"\ncategory = "a.b"\nweight = 1.5\nphrases = ["x"]\n', "invalid_weight", 6, 10),
    ('[[rule]]\nid = "a"\ncategory = "nodot"\nweight = 0.5\nphrases = ["x"]\n', "invalid_category", 5, 12),
    ('[[rule]]\nid = "a"\ncategory = "a.b"\nweight = 0.5\nlang = "fr"\nphrases = ["x"]\n', "invalid_language", 7, 8),
    ('[[rule]]\nid = "a"\ncategory = "a.b"\nweight = 0.5\n', "empty_rule", 3, None),
    ('[[rule]]\nid = "a"\ncategory = "a.b"\nweight = 0.5\nphrases = ["*"]\n', "invalid_phrase", 7, 12),
    ('[[rule]]\nid = "a"\ncategory = "a.b"\nweight = 0.5\npatterns = [\'(open\']\n', "invalid_pattern", 7, 13),
]


@pytest.mark.parametrize(
    ("body", "kind", "line", "column"), [pytest.param(*case, id=case[1]) for case in INVALID_RULES]
)
def test_invalid_rules(body: str, kind: str, line: int, column: int | None) -> None:
    with pytest.raises(msgrisk.InvalidRuleError) as info:
        load(body)
    e = info.value
    # A rule whose id is bad is not named by it.
    assert (e.kind, e.path, e.rule) == (kind, "x.toml", None if kind == "invalid_id" else "a")
    assert e.line == line
    if column is not None:
        assert e.column == column


def test_too_large() -> None:
    with pytest.raises(msgrisk.RulesetTooLargeError) as info:
        load('[[rule]]\nid = "a"\ncategory = "a.b"\nweight = 0.5\npatterns = [\'(?:\\w{1000}){1000}\']\n')
    assert (info.value.kind, info.value.rule, info.value.line) == ("too_large", "a", 7)


def test_missing_file_is_an_oserror(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    with pytest.raises(OSError) as info:
        msgrisk.Classifier.from_files(missing)
    e = info.value
    assert isinstance(e, msgrisk.RulesetReadError)
    assert (e.kind, e.path, e.rule, e.line) == ("io", str(missing), None, None)


def test_errors_pickle_with_their_attributes() -> None:
    with pytest.raises(msgrisk.InvalidRuleError) as info:
        load('[[rule]]\nid = "a"\ncategory = "a.b"\nweight = 0.5\npatterns = [\'(open\']\n')
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is msgrisk.InvalidRuleError
    assert (again.kind, again.path, again.rule, again.line, again.column) == (
        "invalid_pattern",
        "x.toml",
        "a",
        7,
        13,
    )
    assert str(again) == str(info.value)


# The malformed rule files the core's tests use, run through Python: each
# must raise the exception of its kind, naming its rule, line and column.
MALFORMED = Path(__file__).parents[2] / "tests" / "data" / "malformed_rules.toml"
EXCEPTION_OF_KIND = {
    "io": msgrisk.RulesetReadError,
    "syntax": msgrisk.RulesetSyntaxError,
    "duplicate_id": msgrisk.DuplicateRuleError,
    "too_large": msgrisk.RulesetTooLargeError,
    "example_failed": msgrisk.ExampleFailedError,
}


def malformed_cases() -> list[Any]:
    if not MALFORMED.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{MALFORMED} is not there"))]
    cases = tomllib.loads(MALFORMED.read_text(encoding="utf-8"))["case"]
    return [pytest.param(case, id=case["name"]) for case in cases]


@pytest.mark.parametrize("case", malformed_cases())
def test_malformed_rule_files(case: dict[str, Any]) -> None:
    kind = re.sub(r"(?<!^)([A-Z])", r"_\1", case["kind"]).lower()
    with pytest.raises(msgrisk.RulesetError) as info:
        msgrisk.Classifier.from_toml(case["rules"], defaults=False, name="case.toml")
    e = info.value
    assert type(e) is EXCEPTION_OF_KIND.get(kind, msgrisk.InvalidRuleError)
    assert (e.kind, e.path, e.rule, e.line) == (kind, "case.toml", case.get("rule"), case["line"])
    if "column" in case:
        assert e.column == case["column"]
    if "message" in case:
        assert case["message"] in str(e)


@pytest.mark.parametrize("levels", [{"low": 0.6, "medium": 0.5}, {"high": 1.5}, {"low": float("nan")}, {"urgent": 0.9}])
def test_bad_levels_are_value_errors(levels: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="level"):
        msgrisk.Classifier.from_toml(SMALL_RULES, defaults=False, levels=levels)


def test_levels_must_be_a_mapping() -> None:
    with pytest.raises(TypeError, match="mapping"):
        msgrisk.Classifier(levels=[0.1, 0.2, 0.3])  # type: ignore[arg-type]


def test_paths_must_be_paths() -> None:
    with pytest.raises(TypeError):
        msgrisk.Classifier.from_files(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        msgrisk.Classifier.from_files([42])  # type: ignore[list-item]


def test_rule_text_with_a_lone_surrogate() -> None:
    with pytest.raises(UnicodeEncodeError):
        msgrisk.Classifier.from_toml(SMALL_RULES + "# \ud800\n", defaults=False)


@pytest.mark.parametrize("bad", [None, 42, b"our secret", ["our secret"]])
def test_score_takes_str_only(small: msgrisk.Classifier, bad: object) -> None:
    with pytest.raises(TypeError, match="must be str, not"):
        small.score(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be str, not"):
        small.explain(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["\ud800", "our secret \udfff!", "😀\udc00"])
def test_lone_surrogates_raise_invalid_text(small: msgrisk.Classifier, text: str) -> None:
    with pytest.raises(msgrisk.InvalidTextError) as info:
        small.score(text)
    assert info.value.index is None
    assert info.value.position == next(i for i, c in enumerate(text) if 0xD800 <= ord(c) <= 0xDFFF)
    with pytest.raises(ValueError):
        small.explain(text)
    # The advertised repair keeps every index.
    repaired = text.encode("utf-8", "replace").decode("utf-8")
    assert len(repaired) == len(text)
    small.score(repaired)


def test_a_bad_batch_item_names_its_index_and_nothing_is_scored(small: msgrisk.Classifier) -> None:
    seen: list[int] = []

    def texts() -> Any:
        for i, t in enumerate(["our secret", "ok", 7, "never read"]):
            seen.append(i)
            yield t

    with pytest.raises(TypeError, match=r"item 2 of the batch is int, not str"):
        small.score_batch(texts())
    with pytest.raises(msgrisk.InvalidTextError, match=r"item 1 of the batch") as info:
        small.score_batch(["ok", "our \ud83d secret", "ok"])
    assert (info.value.index, info.value.position) == (1, 4)
    # The message text is not in the error.
    assert "secret" not in str(info.value) and "secret" not in repr(info.value.args)
    assert info.value.__cause__ is None


def test_a_str_is_not_a_batch(small: msgrisk.Classifier) -> None:
    with pytest.raises(TypeError, match="not one str"):
        small.score_batch("our secret")
    with pytest.raises(TypeError):
        small.score_batch(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("threads", [0, -1])
def test_threads_must_be_positive(small: msgrisk.Classifier, threads: int) -> None:
    with pytest.raises(ValueError, match="threads must be at least 1"):
        small.score_batch(["x"], threads=threads)


def test_an_iterator_that_fails_passes_its_error_on(small: msgrisk.Classifier) -> None:
    def texts() -> Any:
        yield "our secret"
        raise KeyError("from the iterator")

    with pytest.raises(KeyError, match="from the iterator"):
        small.score_batch(texts())


@pytest.mark.parametrize("in_pool", [False, True])
def test_a_panic_arrives_as_internal_error(in_pool: bool) -> None:
    with pytest.raises(msgrisk.InternalError, match="a Rust panic: panic for tests"):
        msgrisk._msgrisk._panic_for_tests(in_pool=in_pool)


@pytest.mark.parametrize("in_pool", [False, True])
def test_a_panic_message_that_may_hold_text_is_not_passed_on(in_pool: bool) -> None:
    with pytest.raises(msgrisk.InternalError) as info:
        msgrisk._msgrisk._panic_for_tests("dont tell anyone", in_pool=in_pool)
    assert "dont tell" not in str(info.value)
    assert isinstance(info.value, Exception)  # not a BaseException-only PanicException


def test_the_module_works_after_a_panic(small: msgrisk.Classifier) -> None:
    with pytest.raises(msgrisk.InternalError):
        msgrisk._msgrisk._panic_for_tests(in_pool=True)
    assert small.score_batch(["our secret"] * 100, threads=2)[99].matches
