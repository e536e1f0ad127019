"""Type stub of the compiled module ``msgrisk._msgrisk`` (import ``msgrisk``)."""

import os
from collections.abc import Iterable, Mapping
from typing import ClassVar, Final, Literal, TypedDict, final

__version__: Final[str]

__all__ = [
    "__version__",
    "Classifier",
    "Result",
    "Match",
    "Rule",
    "ExampleFailure",
    "MsgriskError",
    "RulesetError",
    "RulesetSyntaxError",
    "DuplicateRuleError",
    "InvalidRuleError",
    "RulesetTooLargeError",
    "ExampleFailedError",
    "InternalError",
    "RulesetReadError",
    "InvalidTextError",
    "_classifier_from_sources",
    "_result_from_dict",
    "_match_from_dict",
    "_panic_for_tests",
]

_Level = Literal["none", "low", "medium", "high"]
_MatchKind = Literal["phrase", "pattern", "near"]
_Path = str | os.PathLike[str]

# The shapes of to_dict(); for type checkers only (not importable).
class _MatchDict(TypedDict):
    rule: str
    category: str
    weight: float
    start: int
    end: int
    kind: _MatchKind
    trigger: str

class _ResultDict(TypedDict):
    score: float
    level: _Level
    categories: dict[str, float]
    families: dict[str, float]
    matches: list[_MatchDict]
    ruleset_version: str

class _Levels(TypedDict):
    low: float
    medium: float
    high: float

@final
class Match:
    """One piece of evidence: a rule that fired on ``text[start:end]``."""

    @property
    def rule(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def weight(self) -> float: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> _MatchKind: ...
    @property
    def trigger(self) -> str: ...
    def to_dict(self) -> _MatchDict: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Result:
    """The risk of one message, with the evidence behind it."""

    @property
    def score(self) -> float: ...
    @property
    def level(self) -> _Level: ...
    @property
    def categories(self) -> dict[str, float]: ...
    @property
    def families(self) -> dict[str, float]: ...
    @property
    def matches(self) -> list[Match]: ...
    @property
    def ruleset_version(self) -> str: ...
    def to_dict(self) -> _ResultDict: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Rule:
    """One loaded rule (rule text only)."""

    @property
    def id(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def family(self) -> str: ...
    @property
    def weight(self) -> float: ...
    @property
    def lang(self) -> Literal["en", "nl", "any"]: ...
    @property
    def description(self) -> str | None: ...
    @property
    def phrases(self) -> list[str]: ...
    @property
    def patterns(self) -> list[str]: ...
    @property
    def near(self) -> list[tuple[list[list[str]], int]]: ...
    @property
    def unless(self) -> list[str]: ...
    @property
    def must_match(self) -> list[str]: ...
    @property
    def must_ignore(self) -> list[str]: ...
    @property
    def source(self) -> str: ...

@final
class ExampleFailure:
    """A rule whose own ``match`` or ``ignore`` example fails."""

    @property
    def source(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def problem(self) -> Literal["not_matched", "matched", "missing"]: ...
    @property
    def example(self) -> str: ...

@final
class Classifier:
    """Scores chat messages against compiled rule sets.

    Immutable, safe to share across threads, picklable.
    """

    def __new__(cls, *, levels: Mapping[str, float] | None = None) -> Classifier: ...
    @staticmethod
    def from_files(
        paths: _Path | Iterable[_Path],
        *,
        defaults: bool = True,
        levels: Mapping[str, float] | None = None,
    ) -> Classifier: ...
    @staticmethod
    def from_toml(
        text: str,
        *,
        defaults: bool = True,
        name: str = "<string>",
        levels: Mapping[str, float] | None = None,
    ) -> Classifier: ...
    def score(self, text: str) -> Result: ...
    def score_batch(self, texts: Iterable[str], *, threads: int | None = None) -> list[Result]: ...
    def explain(self, text: str) -> str: ...
    def rules(self) -> list[Rule]: ...
    def check_examples(self) -> list[ExampleFailure]: ...
    @property
    def ruleset_version(self) -> str: ...
    @property
    def levels(self) -> _Levels: ...
    def __copy__(self) -> Classifier: ...
    def __deepcopy__(self, _memo: object) -> Classifier: ...

class MsgriskError(Exception):
    """Base class of every error msgrisk raises."""

class RulesetError(MsgriskError):
    """A rule set could not be loaded or compiled."""

    kind: str | None
    path: str | None
    rule: str | None
    line: int | None
    column: int | None

class RulesetReadError(RulesetError, OSError): ...
class RulesetSyntaxError(RulesetError): ...
class DuplicateRuleError(RulesetError): ...
class InvalidRuleError(RulesetError): ...
class RulesetTooLargeError(RulesetError): ...
class ExampleFailedError(RulesetError): ...

class InvalidTextError(MsgriskError, ValueError):
    """A message holds a lone surrogate (no UTF-8 form)."""

    index: int | None
    position: int | None

class InternalError(MsgriskError):
    """A bug in msgrisk, a Rust panic included."""

def _classifier_from_sources(
    defaults: bool,
    sources: list[tuple[str, str]],
    levels: Mapping[str, float] | None = None,
) -> Classifier: ...
def _result_from_dict(state: _ResultDict) -> Result: ...
def _match_from_dict(state: _MatchDict) -> Match: ...
def _panic_for_tests(message: str | None = None, in_pool: bool = False) -> None: ...
