"""Benchmark: the runtime store at a year's traffic — staff statistics over 1M logged turns, the cost
of one chat turn's write (with the popularity aggregate) and one retention pass.

    nice -n 10 .venv/bin/python eval/bench/runtime_bench.py              # 1,000,000 turns
    .venv/bin/python eval/bench/runtime_bench.py --turns 100000

The log is filled through the store's own schema (a fresh file, RuntimeStore creates it) with
plain executemany inserts for speed; questions follow a Zipf-like spread over 20,000 distinct
normalized forms, 30% of turns unanswered, times spread over 200 days (so a 180-day retention pass
has ~10% to delete). Then: query_stats() (the staff panel's query) timed 50 times; record_turn()
timed 500 times; prune() once. Report: eval/reports/bench-runtime.{md,json}. Nothing asserts.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eval.bench.benchcommon import REPORTS  # noqa: E402
from guide.runtime import RuntimeStore  # noqa: E402


def fill(store: RuntimeStore, turns: int, seed: int = 7) -> float:
    rng = random.Random(seed)
    forms = [f"问题{n}" for n in range(20_000)]
    weights = [1 / (n + 1) for n in range(len(forms))]
    now = time.time()
    started = time.perf_counter()
    conn = store._conn(5000)
    counts: dict[str, list] = {}
    batch = 50_000
    for start in range(0, turns, batch):
        picks = rng.choices(forms, weights, k=min(batch, turns - start))
        rows_q, rows_m = [], []
        for n, form in enumerate(picks, start):
            t = now - rng.random() * 200 * 86400
            confidence = "no_match" if rng.random() < 0.3 else "confident"
            rows_q.append((t, "chat", form, form, "[]", confidence, "answer", 10.0))
            rows_m.append((f"m{n}", f"s{n // 4}", t, form, "answer", ""))
            c = counts.setdefault(form, [0, t])
            c[0] += 1
            c[1] = max(c[1], t)
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO queries (time, source, query, normalized, result_ids, confidence, type, "
                         "latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows_q)
        conn.executemany("INSERT INTO messages (id, session_id, time, question, type, entry_id) "
                         "VALUES (?, ?, ?, ?, ?, ?)", rows_m)
        conn.execute("COMMIT")
    conn.execute("BEGIN")
    conn.executemany("INSERT OR REPLACE INTO query_counts (normalized, n, example, last) VALUES (?, ?, ?, ?)",
                     [(form, n, form, last) for form, (n, last) in counts.items()])
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    return time.perf_counter() - started


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = RuntimeStore(Path(tmp) / "runtime.db", retention_days=180)
        fill_s = fill(store, args.turns)
        stats_ms = timed(store.query_stats, 50)
        query = {"source": "chat", "query": "身份证丢了", "normalized": "身份证丢了", "result_ids": ["x"],
                 "confidence": "confident", "latency_ms": 10.0}
        counter = iter(range(10**9))
        turn_ms = timed(lambda: store.record_turn(f"bench{next(counter)}", {"v": 1}, f"bm{next(counter)}",
                                                  "身份证丢了", "answer", None, query), 500)
        queued = len(store.queue)
        t0 = time.perf_counter()
        deleted = store.prune()
        prune_s = time.perf_counter() - t0
        store._conn(5000).execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size_mb = sum(p.stat().st_size for p in Path(tmp).glob("runtime.db*")) / 1e6
    result = {
        "turns": args.turns, "fill_s": round(fill_s, 1), "db_mb": round(size_mb, 1),
        "query_stats_ms": {"p50": round(statistics.median(stats_ms), 2),
                           "p95": round(sorted(stats_ms)[int(len(stats_ms) * 0.95) - 1], 2)},
        "record_turn_ms": {"p50": round(statistics.median(turn_ms), 3),
                           "p95": round(sorted(turn_ms)[int(len(turn_ms) * 0.95) - 1], 3)},
        "turns_queued_not_written": queued, "prune_s": round(prune_s, 1), "pruned": deleted,
    }
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "bench-runtime.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    lines = ["# Runtime store benchmark", "", f"- logged turns: {args.turns:,} (file {result['db_mb']} MB, "
             f"filled in {result['fill_s']} s)",
             f"- staff statistics (query_stats): p50 {result['query_stats_ms']['p50']} ms, "
             f"p95 {result['query_stats_ms']['p95']} ms",
             f"- one chat turn's write (record_turn): p50 {result['record_turn_ms']['p50']} ms, "
             f"p95 {result['record_turn_ms']['p95']} ms ({queued} of 500 queued instead of written)",
             f"- retention pass (180 days): {result['prune_s']} s, deleted {deleted}"]
    (REPORTS / "bench-runtime.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
