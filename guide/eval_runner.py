"""`guide eval`: run query sets through retrieval methods and baselines; write report, JSON, charts."""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from guide.documents import body_text, title_text
from guide.eval_formats import OUT_OF_SCOPE, QuerySet, load_query_set
from guide.eval_report import CI_METRICS, TESTED_METRICS, charts, markdown_report
from guide.eval_stats import bootstrap_ci, bootstrap_indices, paired_randomization_test, significant
from guide.evaluation import (
    answer_rank,
    answers,
    no_match_scores,
    per_query_scores,
    percentiles,
    quality,
    write_trec_run,
)


@dataclass
class MethodRun:
    name: str
    hits: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    flagged: dict[str, bool] = field(default_factory=dict)
    latency_ms: dict[str, float] = field(default_factory=dict)
    top_kind: dict[str, str] = field(default_factory=dict)      # kind of the first hit when answered
    confidence: dict[str, str] = field(default_factory=dict)    # confident / ambiguous / no_match


@dataclass
class Evaluation:
    """One `guide eval` run: summaries per method, the raw runs, the query set and the analysis
    (reference method, paired tests, failed queries) that the reports show."""
    results: dict
    runs: dict[str, MethodRun]
    query_set: QuerySet
    analysis: dict


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
    """`search(query, k[, region])` returns (hits [(id, score)], no_match flag[, kind of the first hit[,
    confidence]]); a query with its own `region` is searched from there."""
    run = MethodRun(name)
    for q in queries:
        t0 = time.perf_counter()
        hits, flagged, *extra = search(q["query"], k, q["region"]) if "region" in q else search(q["query"], k)
        if extra and extra[0]:
            run.top_kind[q["qid"]] = extra[0]
        run.latency_ms[q["qid"]] = (time.perf_counter() - t0) * 1000
        run.hits[q["qid"]] = hits
        run.flagged[q["qid"]] = flagged
        run.confidence[q["qid"]] = extra[1] if len(extra) > 1 else ("no_match" if flagged else "confident")
    return run


def summarize(run: MethodRun, queries: Sequence[dict], qrels, indices=None, services=None) -> dict:
    """Means overall and per tag; with bootstrap `indices` (over the in-scope queries, in file
    order) also the 95% intervals of CI_METRICS; with `services` (a policy set's service
    judgements) also the figures that tell a right service guide from an unrelated one."""
    ranked = {qid: [d for d, _ in hits] for qid, hits in run.hits.items()}
    oos = {q["qid"] for q in queries if q["qid"] not in qrels}
    in_scope = [q["qid"] for q in queries if q["qid"] in qrels]
    overall = {**quality(ranked, qrels, in_scope), **no_match_scores(run.flagged, oos),
               **{f"latency_{k}_ms": v for k, v in percentiles(list(run.latency_ms.values())).items()},
               "queries": len(queries), "in_scope": len(in_scope),
               # for policy-question sets: how often the answer given is a service matter instead
               "answered_with_matter": (sum(run.top_kind.get(q["qid"]) in ("matter", "bundle") for q in queries)
                                        / len(queries)) if queries and run.top_kind else 0.0}
    if services:
        overall.update(service_scores(run, queries, qrels, services))
    per_tag = {}
    for tag in sorted({t for q in queries for t in q["tags"]} - {OUT_OF_SCOPE}):
        qids = [q["qid"] for q in queries if tag in q["tags"] and q["qid"] in qrels]
        if qids:
            per_tag[tag] = {"n": len(qids), **quality(ranked, qrels, qids)}
    summary = {"overall": overall, "per_tag": per_tag}
    if indices is not None and in_scope:
        vectors = per_query_scores(ranked, qrels, in_scope)
        summary["ci"] = {m: list(bootstrap_ci(vectors[m], indices=indices)) for m in CI_METRICS}
    return summary


def service_scores(run: MethodRun, queries: Sequence[dict], qrels, services) -> dict:
    """A policy question may be answered by a Q&A or by a matter whose guide states what is asked
    ("低保在哪里申请"). answered@1: of the questions a Q&A or a service guide answers, the share whose
    first hit (not flagged no match) is one of those; unrelated_matter: of all questions, the share
    answered with a matter or bundle judged neither answer nor next step; no_match_recall_unanswerable:
    of the questions neither answers, the share flagged no match."""
    def top(qid):
        hits = run.hits.get(qid) or []
        return None if run.flagged.get(qid) or not hits else hits[0][0]

    answerable, unanswerable, right, unrelated, refused = 0, 0, 0, 0, 0
    for q in queries:
        qid = q["qid"]
        judged = services.get(qid, {})
        good = (answers(qrels[qid]) if qid in qrels else set()) | {d for d, g in judged.items() if g >= 2}
        first = top(qid)
        if good:
            answerable += 1
            right += first in good
        else:
            unanswerable += 1
            refused += bool(run.flagged.get(qid))
        if first is not None and run.top_kind.get(qid) in ("matter", "bundle") and judged.get(first, 0) < 1:
            unrelated += 1
    scores = {"answered@1": right / answerable if answerable else 0.0, "answerable": answerable,
              "no_match_recall_unanswerable": refused / unanswerable if unanswerable else 0.0}
    if run.top_kind:                     # a baseline's hits carry no entry kind
        scores["unrelated_matter"] = unrelated / len(queries) if queries else 0.0
    return scores


def analyze(runs: dict[str, MethodRun], queries: Sequence[dict], qrels, reference: str, title) -> dict:
    """Paired tests of `reference` against every other method (TESTED_METRICS), and the reference's
    failures: in-scope queries without the answer at rank 1, out-of-scope ones not refused."""
    in_scope = [q["qid"] for q in queries if q["qid"] in qrels]

    def vectors(run):
        return per_query_scores({qid: [d for d, _ in hits] for qid, hits in run.hits.items()}, qrels, in_scope)

    paired = {}
    if in_scope:
        ours = vectors(runs[reference])
        for name, run in runs.items():
            if name != reference:
                theirs = vectors(run)
                paired[name] = {}
                for m in TESTED_METRICS:
                    test = paired_randomization_test(ours[m], theirs[m])
                    paired[name][m] = {**test, "significant": significant(test["p"])}

    def top(qid):
        return [{"id": d, "title": title(d)} for d, _ in runs[reference].hits.get(qid, [])[:3]]

    failed, oos_confident, oos_ambiguous = [], [], []
    for q in queries:
        qid = q["qid"]
        if qid in qrels:
            ranked = [d for d, _ in runs[reference].hits.get(qid, [])]
            rank = answer_rank(ranked, qrels[qid])
            if rank != 1:
                failed.append({"qid": qid, "query": q["query"], "rank": rank, "top": top(qid),
                               "expected": [{"id": d, "title": title(d)} for d in sorted(answers(qrels[qid]))]})
        elif runs[reference].confidence.get(qid) == "confident":
            oos_confident.append({"qid": qid, "query": q["query"], "top": top(qid)})
        elif runs[reference].confidence.get(qid) == "ambiguous":
            oos_ambiguous.append(qid)
    return {"reference": reference, "paired": paired, "failed": failed, "oos_confident": oos_confident,
            "oos_ambiguous": oos_ambiguous}


def evaluate(guide, queries_path: Path, qrels_path: Path, methods: Sequence[str],
             baselines: bool = True, k: int = 10, region: str | None = None,
             kind: str | None = None) -> tuple[dict, dict[str, MethodRun]]:
    """(results, runs) of `run_evaluation`, for callers that want only the figures."""
    outcome = run_evaluation(guide, queries_path, qrels_path, methods, baselines, k, region, kind)
    return outcome.results, outcome.runs


def run_evaluation(guide, queries_path: Path, qrels_path: Path, methods: Sequence[str],
                   baselines: bool = True, k: int = 10, region: str | None = None,
                   kind: str | None = None, reference: str | None = None) -> Evaluation:
    """`kind`: search only that kind ("service" = matters and bundles, as the matter sets are judged).
    `reference`: the method the paired tests and failure lists are about (default: the shipped
    method when evaluated, else the first)."""
    query_set = load_query_set(queries_path, qrels_path)
    queries, qrels = query_set.queries, query_set.qrels
    runs: dict[str, MethodRun] = {}
    for method in methods:
        def search(text, kk, asked_in=region, m=method):
            result = guide.search(text, k=kk, method=m, region=asked_in, kind=kind)
            answered = result.hits and result.confidence != "no_match"
            return ([(h.id, h.score) for h in result.hits], result.confidence == "no_match",
                    result.hits[0].kind if answered else None, result.confidence)
        guide.search("预热", k=k, method=method)   # warm-up: model and caches, not measured
        runs[method] = run_method(method, search, queries, k)
    if baselines:
        entries = guide.all_entries()
        textbook = RankBM25Baseline(entries)
        runs["baseline_rank_bm25"] = run_method(
            "baseline_rank_bm25", lambda t, kk, *_: (hits := textbook.search(t, kk), not hits), queries, k)
        fts = FTS5Baseline(entries, textbook.tokens)
        runs["baseline_fts5"] = run_method(
            "baseline_fts5", lambda t, kk, *_: (hits := fts.search(t, kk), not hits), queries, k)
    n_in_scope = sum(q["qid"] in qrels for q in queries)
    indices = bootstrap_indices(n_in_scope) if n_in_scope else None
    results = {name: summarize(run, queries, qrels, indices, query_set.services) for name, run in runs.items()}
    shipped = guide.searcher.settings.default_method
    reference = reference or (shipped if shipped in runs else next(iter(runs)))

    def title(entry_id):
        entry = guide.get(entry_id)
        return entry.name if entry is not None else ""

    return Evaluation(results, runs, query_set, analyze(runs, queries, qrels, reference, title))


def write_reports(out_dir: Path, label: str, results: dict, runs: dict[str, MethodRun], meta: dict,
                  analysis: dict | None = None) -> list[Path]:
    """TREC runs, `<label>.json` (meta, results, analysis, definitions), `<label>.md` and charts."""
    from guide.eval_report import DEFINITIONS

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, run in runs.items():
        path = out_dir / f"{label}.{name}.run"
        write_trec_run(path, run.hits, name)
        written.append(path)
    json_path = out_dir / f"{label}.json"
    json_path.write_text(json.dumps({"meta": meta, "results": results, "analysis": analysis,
                                     "definitions": DEFINITIONS}, ensure_ascii=False, indent=2),
                         encoding="utf-8")
    md_path = out_dir / f"{label}.md"
    md_path.write_text(markdown_report(label, results, meta, analysis), encoding="utf-8")
    written += [json_path, md_path, *charts(out_dir, label, results, runs)]
    return written
