"""Side-by-side: msgrisk against what a moderation team would otherwise run
from Python, on the same generated messages and the same default rules.

    python benches/compare.py                # 100,000 messages, 3 rounds
    python benches/compare.py --n 20000 --rounds 1

One run prints, for each contender, the median messages per second over the
rounds, the ratio of msgrisk's single-thread batch to it, and how many
messages it flagged (so a fast wrong answer shows). The corpus comes from the
seeded generator the Rust benchmarks use (benches/corpus.rs, through
`cargo run --example gen_corpus`).

Contenders:
- msgrisk `score` one message per call; `score_batch` on 1 thread and on all;
- Python `re`: every phrase (as \\b-bounded literal) and pattern of the
  default rules, one alternation per rule set, searched per lower-cased
  message (patterns Python's `re` cannot compile are left out and counted);
  it is hundreds of times slower, so it runs once on the first --re-sample
  messages (10,000 by default) and its rate is measured there;
- pyahocorasick over the phrases alone (no patterns, no normalization, no
  scoring): the floor of a one-pass literal scan from Python;
- hyperscan (if installed) over the same phrases and patterns, one database,
  scanned per lower-cased message.

msgrisk does more work than any of the others: it folds the text (accents,
look-alikes, invisible characters), checks word boundaries, runs near
clauses, and weighs the evidence into scores with spans.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable

import msgrisk

ROOT = Path(__file__).resolve().parent.parent


def generate(n: int, seed: int) -> list[str]:
    out = subprocess.run(
        ["cargo", "run", "--release", "-q", "-p", "msgrisk", "--example", "gen_corpus", "--", str(n), str(seed)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [json.loads(line)["text"] for line in out.splitlines()]


def timed(run: Callable[[], int], rounds: int) -> tuple[float, int]:
    """Median seconds over `rounds` runs, and the flagged count (same every run)."""
    times = []
    flagged = -1
    for _ in range(rounds):
        start = time.perf_counter()
        flagged = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), flagged


def python_re(rules: list[msgrisk.Rule]) -> tuple[list[re.Pattern[str]], int]:
    by_set: dict[str, list[str]] = defaultdict(list)
    skipped = 0
    for rule in rules:
        for phrase in rule.phrases:
            body = phrase[:-1] if phrase.endswith("*") else phrase
            end = "" if phrase.endswith("*") else r"\b"
            by_set[rule.source].append(r"\b" + re.escape(body.lower()) + end)
        for pattern in rule.patterns:
            try:
                re.compile(pattern)
            except re.error:
                skipped += 1
                continue
            by_set[rule.source].append(pattern)
    return [re.compile("|".join(f"(?:{p})" for p in parts)) for parts in by_set.values()], skipped


def hyperscan_db(rules: list[msgrisk.Rule]):  # type: ignore[no-untyped-def]
    try:
        import hyperscan
    except ImportError:
        return None, 0
    exprs: list[bytes] = []
    skipped = 0
    candidates = []
    for rule in rules:
        for phrase in rule.phrases:
            body = phrase[:-1] if phrase.endswith("*") else phrase
            candidates.append(r"\b" + re.escape(body.lower()) + ("" if phrase.endswith("*") else r"\b"))
        candidates.extend(rule.patterns)
    for expr in candidates:
        db = hyperscan.Database()
        try:
            db.compile(expressions=[expr.encode()], flags=[hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_UTF8])
        except hyperscan.error:
            skipped += 1
            continue
        exprs.append(expr.encode())
    db = hyperscan.Database()
    flags = [hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_UTF8] * len(exprs)
    db.compile(expressions=exprs, ids=list(range(len(exprs))), flags=flags)
    return db, skipped


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="messages (default 100000)")
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--rounds", type=int, default=3, help="runs per contender; the median is reported")
    ap.add_argument(
        "--re-sample",
        type=int,
        default=10_000,
        help="Python re runs once on the first N messages (it is hundreds of times slower; default 10000)",
    )
    args = ap.parse_args(list(argv) if argv is not None else None)

    texts = generate(args.n, args.seed)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    clf = msgrisk.Classifier()
    rules = clf.rules()
    cores = os.cpu_count() or 1
    print(f"{len(texts)} messages, {mb:.1f} MB; {len(rules)} rules ({clf.ruleset_version}); {cores} cores")

    # (contender, seconds, messages scored, flagged, note)
    rows: list[tuple[str, float, int, int, str]] = []

    def flagged_of(results: list[msgrisk.Result]) -> int:
        return sum(1 for r in results if r.score > 0)

    t, f = timed(lambda: flagged_of([clf.score(x) for x in texts]), args.rounds)
    n = len(texts)
    rows.append(("msgrisk score, one call per message", t, n, f, "any rule of a risk family"))
    t, f = timed(lambda: flagged_of(clf.score_batch(texts, threads=1)), args.rounds)
    rows.append(("msgrisk score_batch, 1 thread", t, n, f, "any rule of a risk family"))
    base_rate = n / t
    t, f = timed(lambda: flagged_of(clf.score_batch(texts)), args.rounds)
    rows.append((f"msgrisk score_batch, all threads ({cores})", t, n, f, "any rule of a risk family"))

    regexes, re_skipped = python_re(rules)

    sample = texts[: args.re_sample]

    def run_re() -> int:
        hits = 0
        for x in sample:
            low = x.lower()
            if any(r.search(low) for r in regexes):
                hits += 1
        return hits

    t, f = timed(run_re, 1)
    rows.append(
        (
            f"Python re, {len(regexes)} alternations",
            t,
            len(sample),
            f,
            f"first {len(sample)} messages, 1 round; any phrase or pattern; {re_skipped} patterns re cannot compile",
        )
    )

    try:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for rule in rules:
            for phrase in rule.phrases:
                key = phrase.rstrip("*").lower()
                automaton.add_word(key, key)
        automaton.make_automaton()

        def run_aho() -> int:
            n = 0
            for x in texts:
                for _ in automaton.iter(x.lower()):
                    n += 1
                    break
            return n

        t, f = timed(run_aho, args.rounds)
        rows.append(("pyahocorasick, phrases only", t, n, f, "any phrase, anywhere (no word boundaries)"))
    except ImportError:
        print("pyahocorasick is not installed: row left out")

    db, hs_skipped = hyperscan_db(rules)
    if db is not None:
        import hyperscan

        hits = [0]

        def on_match(*_args: object) -> bool:
            hits[0] = 1
            return True  # stop at the first match: the flag is all we count

        def run_hs() -> int:
            n = 0
            for x in texts:
                hits[0] = 0
                try:
                    db.scan(x.lower().encode(), match_event_handler=on_match)
                except hyperscan.ScanTerminated:
                    pass  # raised when the handler stops the scan at the first match
                n += hits[0]
            return n

        t, f = timed(run_hs, args.rounds)
        rows.append(("hyperscan, per message", t, n, f, f"any phrase or pattern; {hs_skipped} expressions hyperscan refuses"))
    else:
        print("hyperscan is not installed: row left out")

    print(f"\n{'contender':<44} {'msgs/s':>10} {'MB/s':>7} {'msgrisk batch(1) is':>20} {'flagged':>15}  note")
    for name, secs, scored, flagged, note in rows:
        rate = scored / secs
        ratio = base_rate / rate
        share = mb * scored / len(texts)
        print(f"{name:<44} {rate:>10.0f} {share / secs:>7.1f} {ratio:>19.2f}x {flagged:>7} of {scored:<6}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
