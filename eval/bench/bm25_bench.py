"""Benchmark: our sparse BM25Index (guide/lexical.py) against rank-bm25's BM25Okapi on the same tokens.

    nice -n 10 .venv/bin/python eval/bench/bm25_bench.py                 # 1k, 10k, 100k documents
    nice -n 10 .venv/bin/python eval/bench/bm25_bench.py --sizes 1000 --queries 50

Documents are synthetic but made of real catalog text: each is a regional variant of a shipped
matter or bundle — its title words, the words of a Jinan district/street hall name and address
(district names real, street names synthetic, see benchcommon.jinan_halls), and a shuffled random
60–100 % sample of the entry's body words, plus a few words borrowed from another entry. All text
goes through the project's TextPipeline, so the vocabulary is the catalog's real Chinese words.
Queries are the dev set's questions (eval/dev.jsonl) through the same pipeline.

Per size it prints index build time for both, query time per query (mean, p50), the speed ratios
and whether the full score vectors agree (np.allclose per query, max abs difference). rank-bm25
scores every document in Python per query token, so at large sizes only the first
--ref-queries-large questions are run through it (stated in the output). Figures are printed and
written to eval/reports/bench-bm25.{md,json}; nothing here asserts on timings.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchcommon as bc  # noqa: E402

FIELDS = ("words", "chars")
# Tolerance of the project's own equality test (tests/test_lexical.py): our weights are float32.
RTOL, ATOL = 1e-5, 1e-5


def base_tokens(field: str = "words") -> tuple[list[list[str]], list[list[str]]]:
    """(title tokens, body tokens) of every shipped entry, from the project's pipeline."""
    from guide.documents import body_text, title_text

    pipeline = bc.shipped_pipeline()
    entries = bc.shipped_catalog().entries
    titles = [list(getattr(pipeline.analyze(title_text(e)), field)) for e in entries]
    bodies = [list(getattr(pipeline.analyze(body_text(e)), field)) for e in entries]
    return titles, bodies


def hall_tokens(field: str = "words", count: int = 316) -> list[list[str]]:
    """Tokens of the city, district and (synthetic) street halls' names and addresses."""
    pipeline = bc.shipped_pipeline()
    return [list(getattr(pipeline.analyze(f"{h.name}，{h.address}"), field)) for h in bc.jinan_halls(count)]


def make_documents(n: int, field: str = "words", seed: int = 0) -> list[list[str]]:
    """n realistic token lists: regional variants of shipped entries (see module docstring)."""
    titles, bodies = base_tokens(field)
    halls = hall_tokens(field)
    rng = np.random.default_rng(seed)
    docs = []
    for i in range(n):
        b = i % len(titles)
        body = bodies[b]
        keep = max(1, int(len(body) * rng.uniform(0.6, 1.0)))
        sampled = [body[j] for j in rng.choice(len(body), keep, replace=False)] if body else []
        other = bodies[int(rng.integers(len(bodies)))]
        borrowed = [other[j] for j in rng.integers(0, len(other), int(rng.integers(0, 6)))] if other else []
        doc = titles[b] + halls[int(rng.integers(len(halls)))] + sampled + borrowed
        docs.append(doc)
    return docs


def query_tokens(limit: int, field: str = "words") -> list[list[str]]:
    pipeline = bc.shipped_pipeline()
    return [list(getattr(pipeline.analyze(q), field)) for q in bc.dev_queries(limit)]


def _timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def run_size(docs: list[list[str]], queries: list[list[str]], ref_queries: int) -> dict:
    """Build both indexes on `docs`, time `queries` on ours and the first `ref_queries` on rank-bm25,
    and compare the full score vectors of those."""
    from rank_bm25 import BM25Okapi

    from guide.lexical import BM25Index

    ours, t_ours_build = _timed(BM25Index.build, docs)
    p = ours.params
    ref, t_ref_build = _timed(lambda: BM25Okapi(docs, k1=p["k1"], b=p["b"], epsilon=p["epsilon"]))

    ours.scores(queries[0])                      # warm-up (first column slice allocates)
    ours_times, top_times = [], []
    for q in queries:
        _, dt = _timed(ours.scores, q)
        ours_times.append(dt)
        _, dt = _timed(ours.top, q, 20)
        top_times.append(dt)

    ref_set = queries[:ref_queries]
    ref_times, max_abs, max_rel, unequal = [], 0.0, 0.0, []
    for qi, q in enumerate(ref_set):
        ref_scores, dt = _timed(ref.get_scores, q)
        ref_times.append(dt)
        our_scores = ours.scores(q).astype(np.float64)
        diff = np.abs(our_scores - ref_scores)
        max_abs = max(max_abs, float(diff.max(initial=0.0)))
        scale = float(np.abs(ref_scores).max(initial=0.0))
        if scale > 0:
            max_rel = max(max_rel, float(diff.max()) / scale)
        if not np.allclose(our_scores, ref_scores, rtol=RTOL, atol=ATOL):
            unequal.append(qi)

    ours_sub = bc.percentiles(ours_times[:len(ref_set)])
    ref_stats = bc.percentiles(ref_times)
    w = ours.weights
    return {
        "docs": len(docs), "vocab": len(ours.vocab), "nnz": int(w.nnz),
        "tokens": int(sum(len(d) for d in docs)),
        "ours_index_bytes": int(w.data.nbytes + w.indices.nbytes + w.indptr.nbytes),
        "params": {k: p[k] for k in ("k1", "b", "epsilon")},
        "build_s": {"ours": round(t_ours_build, 4), "rank_bm25": round(t_ref_build, 4),
                    "speedup": round(t_ref_build / t_ours_build, 2) if t_ours_build else None},
        "query": {
            "ours_scores": bc.percentiles(ours_times), "ours_top20": bc.percentiles(top_times),
            "ours_scores_on_ref_subset": ours_sub, "rank_bm25": ref_stats,
            "queries_ours": len(queries), "queries_rank_bm25": len(ref_set),
            "speedup_mean": round(ref_stats["mean_ms"] / ours_sub["mean_ms"], 1) if ours_sub["mean_ms"] else None,
            "speedup_p50": round(ref_stats["p50_ms"] / ours_sub["p50_ms"], 1) if ours_sub["p50_ms"] else None,
        },
        "equal": {"all_allclose": not unequal, "queries_compared": len(ref_set), "unequal_queries": unequal,
                  "max_abs_diff": max_abs, "max_rel_diff": max_rel, "rtol": RTOL, "atol": ATOL},
    }


def markdown(results: list[dict], info: dict, args) -> str:
    rows = []
    for r in results:
        q = r["query"]
        rows.append([
            r["docs"], r["vocab"], r["nnz"], r["build_s"]["ours"], r["build_s"]["rank_bm25"],
            f"{r['build_s']['speedup']}×", f"{q['queries_ours']} / {q['queries_rank_bm25']}",
            q["ours_scores"]["mean_ms"], q["ours_scores"]["p50_ms"], q["rank_bm25"]["mean_ms"],
            q["rank_bm25"]["p50_ms"], f"{q['speedup_mean']}× / {q['speedup_p50']}×",
            f"{'yes' if r['equal']['all_allclose'] else 'NO'} ({r['equal']['queries_compared']} q)",
            f"{r['equal']['max_abs_diff']:.2e}",
        ])
    table = bc.md_table(
        ["docs", "vocab", "nnz", "build ours (s)", "build rank-bm25 (s)", "build ratio",
         "queries ours / rank-bm25", "ours mean (ms)", "ours p50 (ms)", "rank-bm25 mean (ms)",
         "rank-bm25 p50 (ms)", "query ratio mean / p50", "scores allclose", "max abs diff"], rows)
    capped = [r["docs"] for r in results if r["query"]["queries_rank_bm25"] < r["query"]["queries_ours"]]
    notes = [
        f"# BM25: guide.lexical.BM25Index vs rank_bm25.BM25Okapi ({args.field} field)", "",
        table, "",
        f"- Documents: synthetic regional variants of the {len(bc.shipped_catalog().entries)} shipped entries "
        "(title + hall name/address + shuffled 60–100 % sample of body tokens + up to 5 borrowed tokens), "
        f"tokenized by the project's TextPipeline (`{args.field}` field). Street names are synthetic.",
        f"- Queries: the first {args.queries} questions of eval/dev.jsonl through the same pipeline. "
        "Query time is one full score vector (`BM25Index.scores` vs `BM25Okapi.get_scores`).",
        f"- Parameters: k1={results[0]['params']['k1']}, b={results[0]['params']['b']}, "
        f"epsilon={results[0]['params']['epsilon']} for both (BM25Index defaults, passed to BM25Okapi).",
        "- The ratios compare the two on the same questions (the rank-bm25 subset); `ours mean/p50` is "
        "over all questions.",
        f"- Equality: np.allclose(rtol={RTOL}, atol={ATOL}) of every compared question's full score vector "
        "(our weights are stored as float32; rank-bm25 computes in float64).",
    ]
    if capped:
        notes.append(f"- rank-bm25 was run on only the first {args.ref_queries_large} questions at "
                     f"{', '.join(f'{d:,}' for d in capped)} documents (it scores every document in "
                     "Python per query token); ours ran all of them.")
    top = ", ".join(f"{r['docs']:,}: {r['query']['ours_top20']['p50_ms']} ms" for r in results)
    notes.append(f"- Ours, scores + top-20 selection (`BM25Index.top`), p50: {top}.")
    notes += ["", bc.machine_markdown(info)]
    return "\n".join(notes)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated document counts")
    ap.add_argument("--queries", type=int, default=200, help="dev questions to time (default 200)")
    ap.add_argument("--ref-queries-large", type=int, default=20,
                    help="questions run through rank-bm25 at sizes >= --large (default 20)")
    ap.add_argument("--large", type=int, default=100000, help="size from which rank-bm25 gets fewer questions")
    ap.add_argument("--field", choices=FIELDS, default="words", help="analysis field to index (default words)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="bench-bm25", help="report stem under eval/reports/")
    args = ap.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    info = bc.machine_info()
    t_all = time.perf_counter()
    queries = query_tokens(args.queries, args.field)
    results = []
    for n in sizes:
        t0 = time.perf_counter()
        docs = make_documents(n, args.field, args.seed)
        t_docs = time.perf_counter() - t0
        ref_q = args.ref_queries_large if n >= args.large else len(queries)
        print(f"[bm25] {n:,} documents ({t_docs:.1f} s to make); rank-bm25 gets {ref_q} questions ...",
              file=sys.stderr, flush=True)
        r = run_size(docs, queries, ref_q)
        r["make_documents_s"] = round(t_docs, 3)
        results.append(r)
        print(f"[bm25] {n:,}: build {r['build_s']}, query ratio {r['query']['speedup_mean']}×, "
              f"equal={r['equal']['all_allclose']}", file=sys.stderr, flush=True)
        del docs
    wall = time.perf_counter() - t_all
    md = markdown(results, info, args) + f"\n\nTotal wall time of this run: {wall:.0f} s."
    data = {"benchmark": "bm25", "args": vars(args), "machine": info, "results": results, "wall_s": round(wall, 1)}
    json_path, md_path = bc.write_report(args.out, data, md)
    print(md)
    print(f"\nwritten: {json_path.relative_to(bc.PROJECT_ROOT)}, {md_path.relative_to(bc.PROJECT_ROOT)}",
          file=sys.stderr)
    return 0 if all(r["equal"]["all_allclose"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
