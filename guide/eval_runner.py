"""`guide eval`: run query sets through retrieval methods and baselines; write report, JSON, charts."""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from guide.documents import body_text, title_text
from guide.evaluation import (
    load_qrels,
    load_queries,
    no_match_scores,
    percentiles,
    quality,
    write_trec_run,
)

OUT_OF_SCOPE = "out_of_scope"


@dataclass
class MethodRun:
    name: str
    hits: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    flagged: dict[str, bool] = field(default_factory=dict)
    latency_ms: dict[str, float] = field(default_factory=dict)
    top_kind: dict[str, str] = field(default_factory=dict)      # kind of the first hit when answered


class RankBM25Baseline:
    """The textbook approach: jieba.lcut with the default dictionary, rank-bm25 over all text."""

    def __init__(self, entries):
        import jieba

        from guide.resources import require

        BM25Okapi = require("rank_bm25", "eval", "guide eval's rank-bm25 baseline").BM25Okapi

        self._cut = jieba.Tokenizer()
        self.ids = [e.id for e in entries]
        docs = [self.tokens(title_text(e) + "；" + body_text(e)) for e in entries]
        self.bm25 = BM25Okapi(docs)

    def tokens(self, text: str) -> list[str]:
        return [t for t in self._cut.lcut(text) if t.strip() and not _is_punct(t)]

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        scores = self.bm25.get_scores(self.tokens(query))
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        return [(self.ids[i], float(scores[i])) for i in order[:k] if scores[i] > 0]


class FTS5Baseline:
    """What a small office would build: SQLite FTS5 (bm25 rank) over the same jieba tokens."""

    def __init__(self, entries, tokenize):
        self.tokenize = tokenize
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body, tokenize='unicode61')")
        self.db.executemany("INSERT INTO docs VALUES (?, ?)",
                            [(e.id, " ".join(tokenize(title_text(e) + "；" + body_text(e)))) for e in entries])

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        terms = ['"' + t.replace('"', '""') + '"' for t in self.tokenize(query)]
        if not terms:
            return []
        rows = self.db.execute("SELECT id, bm25(docs) FROM docs WHERE docs MATCH ? ORDER BY bm25(docs), id "
                               "LIMIT ?", (" OR ".join(terms), k)).fetchall()
        return [(i, -float(s)) for i, s in rows]


def _is_punct(token: str) -> bool:
    return all(not ch.isalnum() for ch in token)


def run_method(name: str, search, queries: Sequence[dict], k: int = 10) -> MethodRun:
    """`search(query, k)` returns (hits [(id, score)], no_match flag)."""
    run = MethodRun(name)
    for q in queries:
        t0 = time.perf_counter()
        hits, flagged, *kind = search(q["query"], k)
        if kind and kind[0]:
            run.top_kind[q["qid"]] = kind[0]
        run.latency_ms[q["qid"]] = (time.perf_counter() - t0) * 1000
        run.hits[q["qid"]] = hits
        run.flagged[q["qid"]] = flagged
    return run


def summarize(run: MethodRun, queries: Sequence[dict], qrels) -> dict:
    ranked = {qid: [d for d, _ in hits] for qid, hits in run.hits.items()}
    oos = {q["qid"] for q in queries if q["qid"] not in qrels}
    in_scope = [q["qid"] for q in queries if q["qid"] in qrels]
    overall = {**quality(ranked, qrels, in_scope), **no_match_scores(run.flagged, oos),
               **{f"latency_{k}_ms": v for k, v in percentiles(list(run.latency_ms.values())).items()},
               "queries": len(queries), "in_scope": len(in_scope),
               # for policy-question sets: how often the answer given is a service matter instead
               "answered_with_matter": (sum(run.top_kind.get(q["qid"]) in ("matter", "bundle") for q in queries)
                                        / len(queries)) if queries and run.top_kind else 0.0}
    per_tag = {}
    for tag in sorted({t for q in queries for t in q["tags"]} - {OUT_OF_SCOPE}):
        qids = [q["qid"] for q in queries if tag in q["tags"] and q["qid"] in qrels]
        if qids:
            per_tag[tag] = {"n": len(qids), **quality(ranked, qrels, qids)}
    return {"overall": overall, "per_tag": per_tag}


def evaluate(guide, queries_path: Path, qrels_path: Path, methods: Sequence[str],
             baselines: bool = True, k: int = 10, region: str | None = None,
             kind: str | None = None) -> tuple[dict, dict[str, MethodRun]]:
    """`kind`: search only that kind ("service" = matters and bundles, as the matter sets are judged)."""
    queries = load_queries(queries_path)
    qrels = load_qrels(qrels_path)
    runs: dict[str, MethodRun] = {}
    for method in methods:
        def search(text, kk, m=method):
            result = guide.search(text, k=kk, method=m, region=region, kind=kind)
            answered = result.hits and result.confidence != "no_match"
            return ([(h.id, h.score) for h in result.hits], result.confidence == "no_match",
                    result.hits[0].kind if answered else None)
        guide.search("预热", k=k, method=method)   # warm-up: model and caches, not measured
        runs[method] = run_method(method, search, queries, k)
    if baselines:
        entries = guide.all_entries()
        textbook = RankBM25Baseline(entries)
        runs["baseline_rank_bm25"] = run_method(
            "baseline_rank_bm25", lambda t, kk: (hits := textbook.search(t, kk), not hits), queries, k)
        fts = FTS5Baseline(entries, textbook.tokens)
        runs["baseline_fts5"] = run_method(
            "baseline_fts5", lambda t, kk: (hits := fts.search(t, kk), not hits), queries, k)
    results = {name: summarize(run, queries, qrels) for name, run in runs.items()}
    return results, runs


def write_reports(out_dir: Path, label: str, results: dict, runs: dict[str, MethodRun], meta: dict) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, run in runs.items():
        path = out_dir / f"{label}.{name}.run"
        write_trec_run(path, run.hits, name)
        written.append(path)
    json_path = out_dir / f"{label}.json"
    json_path.write_text(json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=2),
                         encoding="utf-8")
    md_path = out_dir / f"{label}.md"
    md_path.write_text(markdown_report(label, results, meta), encoding="utf-8")
    written += [json_path, md_path, *_charts(out_dir, label, results, runs)]
    return written


COLUMNS = ("recall@1", "recall@3", "recall@5", "recall@10", "mrr@10", "ndcg@10",
           "no_match_precision", "no_match_recall", "in_scope_flagged", "latency_p50_ms", "latency_p95_ms")


def markdown_report(label: str, results: dict, meta: dict) -> str:
    lines = [f"# Retrieval evaluation: {label}", "",
             ", ".join(f"{k}: {v}" for k, v in meta.items()), "",
             "| method | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    for name, res in results.items():
        o = res["overall"]
        lines.append(f"| {name} | " + " | ".join(f"{o[c]:.3f}" if "latency" not in c else f"{o[c]:.1f}"
                                                 for c in COLUMNS) + " |")
    best = results.get("hybrid")
    base = results.get("baseline_rank_bm25")
    if best and base:
        b, t = best["overall"], base["overall"]
        lines += ["", f"The hybrid is ahead of the textbook rank-bm25 baseline by "
                      f"{b['recall@1'] - t['recall@1']:+.3f} Recall@1 and {b['mrr@10'] - t['mrr@10']:+.3f} MRR@10."]
    for name, res in results.items():
        lines += ["", f"## {name}: per tag", "", "| tag | n | recall@1 | recall@5 | mrr@10 |", "|---|---|---|---|---|"]
        for tag, m in res["per_tag"].items():
            lines.append(f"| {tag} | {m['n']} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['mrr@10']:.3f} |")
    return "\n".join(lines) + "\n"


def _charts(out_dir: Path, label: str, results: dict, runs: dict[str, MethodRun]) -> list[Path]:
    from guide.resources import require

    matplotlib = require("matplotlib", "eval", "guide eval's charts")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(results)
    metrics = ("recall@1", "recall@5", "mrr@10", "ndcg@10")
    fig, ax = plt.subplots(figsize=(max(6, 1.4 * len(names)), 4))
    width = 0.8 / len(metrics)
    for i, metric in enumerate(metrics):
        ax.bar([x + i * width for x in range(len(names))], [results[n]["overall"][metric] for n in names],
               width, label=metric)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(names))], names, rotation=30, ha="right", fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_title(f"Metrics by method ({label})")
    ax.legend(fontsize=8)
    fig.tight_layout()
    metric_png = out_dir / f"{label}.metrics.png"
    fig.savefig(metric_png, dpi=110)
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.boxplot([list(runs[n].latency_ms.values()) for n in names], showfliers=False)
    ax.set_xticks(range(1, len(names) + 1), names, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("ms per query (in process)")
    ax.set_title(f"Latency distribution ({label})")
    fig.tight_layout()
    latency_png = out_dir / f"{label}.latency.png"
    fig.savefig(latency_png, dpi=110)
    plt.close(fig)
    return [metric_png, latency_png]
