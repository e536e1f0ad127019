"""Explainable risk scoring of chat messages for grooming, exploitation
recruitment and sextortion, in Dutch and English.

    >>> import msgrisk
    >>> clf = msgrisk.Classifier()            # the embedded default rules
    >>> result = clf.score("are your parents home?")
    >>> result.level, result.score            # doctest: +SKIP
    ('low', 0.3)
    >>> text = "dont tell anyone, this is our secret"
    >>> [text[m.start:m.end] for m in clf.score(text).matches]  # doctest: +SKIP
    ['dont tell anyone', 'our secret']

Every result names the rules that fired, the spans they fired on (indices of
the Python str) and the version of the rule sets behind it. A ``Classifier``
is immutable, safe to share across threads, and picklable; ``score_batch``
scores on every core with the interpreter released.

A ``Conversation`` reads messages one by one, with their authors and times,
and keeps a running ``Assessment``: the stages seen, the author the evidence
points at, the author who signals a minor, the strongest evidence::

    >>> conv = msgrisk.Conversation(clf)
    >>> result, assessment = conv.add("how old r u?", author="jay")
    >>> result, assessment = conv.add("im 13", author="mia", time=1_773_434_100)
    >>> assessment.level, assessment.minor_author.author  # doctest: +SKIP
    ('none', 'mia')

msgrisk is a first line for human moderators, not a verdict: it makes no
network calls, writes no files, and no result, error or repr contains
message text (``explain`` does quote it: the caller asked).
"""

from msgrisk._msgrisk import (
    Assessment,
    AuthorRisk,
    Classifier,
    Conversation,
    DuplicateRuleError,
    Evidence,
    ExampleFailedError,
    ExampleFailure,
    InternalError,
    InvalidRuleError,
    InvalidTextError,
    Match,
    MsgriskError,
    Result,
    Rule,
    RulesetError,
    RulesetReadError,
    RulesetSyntaxError,
    RulesetTooLargeError,
    Stage,
    __version__,
)

#: The levels, from lowest to highest: ``LEVELS.index(a) < LEVELS.index(b)``
#: orders two results' ``level``.
LEVELS: tuple[str, ...] = ("none", "low", "medium", "high")

__all__ = [
    "LEVELS",
    "Assessment",
    "AuthorRisk",
    "Classifier",
    "Conversation",
    "DuplicateRuleError",
    "Evidence",
    "ExampleFailedError",
    "ExampleFailure",
    "InternalError",
    "InvalidRuleError",
    "InvalidTextError",
    "Match",
    "MsgriskError",
    "Result",
    "Rule",
    "RulesetError",
    "RulesetReadError",
    "RulesetSyntaxError",
    "RulesetTooLargeError",
    "Stage",
    "__version__",
]
