"""Benchmark: the staff gaps report (guide/gaps.py) over a large synthetic runtime store.

    nice -n 10 .venv/bin/python eval/bench/gaps_bench.py                       # 200k logged queries
    nice -n 10 .venv/bin/python eval/bench/gaps_bench.py --queries 1000000 --days 365

The store is a real SQLite file in a temporary folder, filled the way guide.chat fills it: queries
spread uniformly over --days (a quarter no_match, a quarter ambiguous), a message for every tenth
query and a 👎 for every fortieth, questions drawn from a head-heavy mix (half from the 500 most
common). Prints the fill time and the report time (8 weeks, 100 groups) for three runs; asserts
nothing about timings.
"""
from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from guide.gaps import gap_report
from guide.runtime import RuntimeStore


def fill(store: RuntimeStore, n_queries: int, days: int, seed: int = 1, now: float | None = None) -> None:
    rng = random.Random(seed)
    now = time.time() if now is None else now
    questions = [f"第{i}个没答上的问题怎么办" for i in range(5000)]
    times = sorted(now - rng.random() * days * 86400 for _ in range(n_queries))     # the log is in time order

    def write(db):
        conn = db.conn
        conn.execute("BEGIN")
        for i, t in enumerate(times):
            q = rng.choice(questions[:500]) if rng.random() < 0.5 else rng.choice(questions)
            conn.execute("INSERT INTO queries (time, source, query, normalized, result_ids, confidence, type, "
                         "latency_ms) VALUES (?, 'chat', ?, ?, ?, ?, 'x', 1.0)",
                         [t, q, q, json.dumps(["370100-GA-001"]),
                          rng.choice(("confident", "confident", "no_match", "ambiguous"))])
            if i % 10 == 0:
                conn.execute("INSERT INTO messages (id, session_id, time, question, type, entry_id) "
                             "VALUES (?, ?, ?, ?, 'answer', '370100-GA-001')", [f"m{i}", f"s{i % 997}", t, q])
            if i % 40 == 0:
                conn.execute("INSERT INTO feedback (session_id, message_id, helpful, comment, time) "
                             "VALUES (?, ?, 0, '', ?)", [f"s{i % 997}", f"m{i}", t])
        conn.execute("COMMIT")
    store._run(write)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=200_000)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = RuntimeStore(Path(tmp) / "runtime.db")
        started = time.perf_counter()
        fill(store, args.queries, args.days)
        print(f"filled {args.queries:,} queries over {args.days} days in {time.perf_counter() - started:.1f} s")
        for run in range(1, args.runs + 1):
            started = time.perf_counter()
            report = gap_report(store, weeks=8, limit=100)
            ms = (time.perf_counter() - started) * 1000
            events = sum(g["total"] for g in report["groups"])
            print(f"run {run}: gap report (8 weeks, {len(report['groups'])} groups, {events:,} events in them) "
                  f"{ms:,.0f} ms")


if __name__ == "__main__":
    main()
