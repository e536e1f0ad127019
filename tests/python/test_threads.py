"""Batches and threads: any iterable in, order kept, the same results on
any number of threads, one classifier shared by many Python threads, the
interpreter released while scoring, and 100,000 messages in one call."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

import msgrisk

MESSAGES = [
    "this is our secret",
    "see you at practice tomorrow",
    "😀 im 13 and bored",
    "can u send me a pic? 📸",
    "want fast money? snel geld!!",
    "ons geheimpje, ok?",
    "",
    "ÖUR SÉCRET " * 20,
    "the secretary said hi",
    "e\u0301 ou\u0308r secret",
]


def corpus(n: int) -> list[str]:
    # Distinct strings (no shared objects), each a known message.
    return [f"{MESSAGES[i % len(MESSAGES)]} #{i}" for i in range(n)]


def test_batch_equals_one_by_one_in_order(small: msgrisk.Classifier) -> None:
    texts = corpus(500)
    assert small.score_batch(texts) == [small.score(t) for t in texts]


@pytest.mark.parametrize("threads", [None, 1, 2, 4, 7])
def test_results_do_not_depend_on_threads(small: msgrisk.Classifier, threads: int | None) -> None:
    texts = corpus(2_000)
    assert small.score_batch(texts, threads=threads) == small.score_batch(texts, threads=1)


def test_threads_1_and_4_on_the_default_rules(default: msgrisk.Classifier) -> None:
    texts = corpus(2_000)
    one = default.score_batch(texts, threads=1)
    four = default.score_batch(texts, threads=4)
    assert one == four
    assert [r.to_dict() for r in one] == [r.to_dict() for r in four]


def test_any_iterable(small: msgrisk.Classifier) -> None:
    texts = corpus(50)

    def gen() -> Iterator[str]:
        yield from texts

    expected = small.score_batch(texts)
    assert small.score_batch(gen()) == expected
    assert small.score_batch(tuple(texts)) == expected
    assert small.score_batch(iter(texts)) == expected
    assert small.score_batch(dict.fromkeys(texts)) == expected
    assert small.score_batch([]) == []
    assert small.score_batch(()) == []


def test_str_subclasses_are_str(small: msgrisk.Classifier) -> None:
    class Message(str):
        pass

    assert small.score_batch([Message("our secret")])[0].matches
    assert small.score(Message("our secret")).matches


def test_eight_python_threads_share_one_classifier(small: msgrisk.Classifier) -> None:
    texts = corpus(300)
    expected = [small.score(t) for t in texts]
    start = threading.Barrier(8)
    failures: list[str] = []

    def work(n: int) -> None:
        try:
            start.wait()
            for _ in range(3):
                if [small.score(t) for t in texts] != expected:
                    failures.append(f"thread {n}: score")
                if small.score_batch(texts, threads=1 + n % 3) != expected:
                    failures.append(f"thread {n}: score_batch")
        except Exception as e:  # pragma: no cover - reported below
            failures.append(f"thread {n}: {e!r}")

    workers = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert failures == []


def test_score_batch_releases_the_interpreter(small: msgrisk.Classifier) -> None:
    # While one thread is inside a long batch, this thread keeps running
    # Python: its longest pause is far shorter than the batch. Long
    # messages, so that scoring (interpreter released) outweighs reading
    # the batch and building its results (interpreter held).
    texts = [f"{i} our secret, im 13. " * 4_000 for i in range(300)]
    done = threading.Event()
    batch_time: list[float] = []

    def batch() -> None:
        t0 = time.perf_counter()
        small.score_batch(texts, threads=1)
        batch_time.append(time.perf_counter() - t0)
        done.set()

    worker = threading.Thread(target=batch)
    worker.start()
    longest, last = 0.0, time.perf_counter()
    while not done.is_set():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    worker.join()
    assert batch_time[0] > 0.1, "batch too short to tell"
    assert longest < batch_time[0] / 3, (longest, batch_time[0])


def test_a_batch_of_100_000_messages(small: msgrisk.Classifier) -> None:
    texts = corpus(100_000)
    t0 = time.perf_counter()
    results = small.score_batch(texts)
    elapsed = time.perf_counter() - t0
    assert len(results) == 100_000
    # Order kept: spot-check against one-by-one scoring.
    for i in range(0, 100_000, 997):
        assert results[i] == small.score(texts[i]), i
    # Seven of the ten messages carry evidence for the small rules.
    assert sum(1 for r in results if r.matches) == 70_000
    assert elapsed < 30, f"100,000 messages took {elapsed:.1f}s"
