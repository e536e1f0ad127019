"""Type stub of the compiled module ``msgrisk._msgrisk`` (import ``msgrisk``)."""

import os
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import ClassVar, Final, Literal, TypedDict, final

__version__: Final[str]

__all__ = [
    "__version__",
    "Classifier",
    "Result",
    "Match",
    "Rule",
    "ExampleFailure",
    "Conversation",
    "Assessment",
    "Stage",
    "AuthorRisk",
    "Evidence",
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
    "_assessment_from_dict",
    "_author_risk_from_dict",
    "_stage_from_dict",
    "_evidence_from_dict",
    "_panic_for_tests",
]

_Level = Literal["none", "low", "medium", "high"]
_MatchKind = Literal["phrase", "pattern", "near"]
_Path = str | os.PathLike[str]
# Seconds since the Unix epoch (milliseconds from 100 billion on), or a
# datetime (UTC when naive).
_Time = float | datetime
# One message for Conversation.add_all: the text alone, (author, text),
# (author, text, time), or a mapping with "text" and optional "author" and
# "time".
_Message = str | tuple[str | None, str] | tuple[str | None, str, _Time | None] | Mapping[str, object]

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

class _EvidenceDict(TypedDict):
    message: int
    author: str | None
    rule: str
    category: str
    weight: float
    strength: float
    start: int
    end: int

class _StageDict(TypedDict):
    category: str
    first_message: int
    author: str | None
    messages: int

class _AuthorRiskDict(TypedDict):
    author: str | None
    messages: int
    first_message: int
    score: float
    level: _Level
    peak_score: float
    families: dict[str, float]
    categories: dict[str, float]
    minor_signal: float
    minor_evidence: _EvidenceDict | None

class _AssessmentAuthorDict(_AuthorRiskDict):
    suspect: bool
    minor_author: bool

class _AssessmentDict(TypedDict):
    messages: int
    score: float
    level: _Level
    peak_score: float
    peak_level: _Level
    peak_message: int | None
    suspect: str | None
    minor_author: str | None
    families: dict[str, float]
    stages: list[_StageDict]
    authors: list[_AssessmentAuthorDict]
    evidence: list[_EvidenceDict]
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

@final
class Evidence:
    """A rule that fired in message ``message``, on ``text[start:end]`` of that message."""

    @property
    def message(self) -> int: ...
    @property
    def author(self) -> str | None: ...
    @property
    def rule(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def weight(self) -> float: ...
    @property
    def strength(self) -> float: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    def to_dict(self) -> _EvidenceDict: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Stage:
    """A category the conversation showed, and the first message that did."""

    @property
    def category(self) -> str: ...
    @property
    def first_message(self) -> int: ...
    @property
    def author(self) -> str | None: ...
    @property
    def messages(self) -> int: ...
    def to_dict(self) -> _StageDict: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class AuthorRisk:
    """What the conversation knows about one author (None: unattributed)."""

    @property
    def author(self) -> str | None: ...
    @property
    def messages(self) -> int: ...
    @property
    def first_message(self) -> int: ...
    @property
    def score(self) -> float: ...
    @property
    def level(self) -> _Level: ...
    @property
    def peak_score(self) -> float: ...
    @property
    def families(self) -> dict[str, float]: ...
    @property
    def categories(self) -> dict[str, float]: ...
    @property
    def minor_signal(self) -> float: ...
    @property
    def minor_evidence(self) -> Evidence | None: ...
    def to_dict(self) -> _AuthorRiskDict: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Assessment:
    """The state of a conversation after some messages."""

    @property
    def messages(self) -> int: ...
    @property
    def score(self) -> float: ...
    @property
    def level(self) -> _Level: ...
    @property
    def peak_score(self) -> float: ...
    @property
    def peak_level(self) -> _Level: ...
    @property
    def peak_message(self) -> int | None: ...
    @property
    def families(self) -> dict[str, float]: ...
    @property
    def stages(self) -> list[Stage]: ...
    @property
    def authors(self) -> dict[str | None, AuthorRisk]: ...
    @property
    def evidence(self) -> list[Evidence]: ...
    @property
    def ruleset_version(self) -> str: ...
    @property
    def suspect(self) -> AuthorRisk | None: ...
    @property
    def minor_author(self) -> AuthorRisk | None: ...
    def to_dict(self) -> _AssessmentDict: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Conversation:
    """A conversation read message by message, with its running assessment.

    Safe to share across threads (calls are serialized); not picklable
    (``TypeError``); ``copy.copy`` gives an independent copy.
    """

    def __new__(
        cls,
        classifier: Classifier,
        *,
        half_life_messages: float | None = None,
        half_life_seconds: float | None = None,
        max_evidence: int | None = None,
    ) -> Conversation: ...
    def add(self, text: str, author: str | None = None, time: _Time | None = None) -> tuple[Result, Assessment]: ...
    def push(self, text: str, author: str | None = None, time: _Time | None = None) -> Result: ...
    def add_all(self, messages: Iterable[_Message]) -> Assessment: ...
    @staticmethod
    def assess_all(classifier: Classifier, messages: Iterable[_Message]) -> Assessment: ...
    @property
    def assessment(self) -> Assessment: ...
    @property
    def score(self) -> float: ...
    @property
    def peak_score(self) -> float: ...
    @property
    def classifier(self) -> Classifier: ...
    def __len__(self) -> int: ...
    def __copy__(self) -> Conversation: ...
    def __deepcopy__(self, _memo: object) -> Conversation: ...

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
def _assessment_from_dict(state: _AssessmentDict) -> Assessment: ...
def _author_risk_from_dict(state: _AuthorRiskDict) -> AuthorRisk: ...
def _stage_from_dict(state: _StageDict) -> Stage: ...
def _evidence_from_dict(state: _EvidenceDict) -> Evidence: ...
def _panic_for_tests(message: str | None = None, in_pool: bool = False) -> None: ...
