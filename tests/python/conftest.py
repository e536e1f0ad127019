"""Shared fixtures: a small rule set of our own (stable while the default
rules change), and the default classifier."""

from __future__ import annotations

import pytest

import msgrisk

# Four rules, one of each way to match, in three families.
SMALL_RULES = r"""
name = "small"
version = "1.0"

[[rule]]
id = "t.secret"
category = "grooming.secrecy"
weight = 0.6
phrases = ["our secret", "geheim*"]
match = ["this is our secret", "ons geheimpje"]
ignore = ["the secretary"]

[[rule]]
id = "t.pic"
category = "grooming.image_request"
weight = 0.5
near = [{ groups = [["send", "stuur"], ["pic", "foto*"]], within = 3 }]
match = ["can u send me a pic"]
ignore = ["send it to me and later maybe a pic"]

[[rule]]
id = "t.age"
category = "signal.minor_age"
weight = 0.5
patterns = ['\bim (1[0-7])\b']
match = ["im 13"]
ignore = ["im 19"]

[[rule]]
id = "t.money"
category = "recruitment.fast_money"
weight = 0.4
phrases = ["fast money", "snel geld"]
unless = ["no such thing as"]
match = ["want fast money?"]
ignore = ["there is no such thing as fast money"]
"""


@pytest.fixture(scope="session")
def small() -> msgrisk.Classifier:
    return msgrisk.Classifier.from_toml(SMALL_RULES, defaults=False, name="small.toml")


@pytest.fixture(scope="session")
def default() -> msgrisk.Classifier:
    return msgrisk.Classifier()
