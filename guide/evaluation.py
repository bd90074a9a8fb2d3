"""Pure evaluation functions and the plain files around them (queries JSONL, TREC qrels and runs).

Conventions (stated once, used everywhere):
- A query's relevant set is every judged id with grade >= 1; the *answer* is its grade-2 id.
- Recall@k = |answers in top k| / |answers|; MRR@10 uses the first answer's rank; nDCG@10 uses
  graded gains 2^grade - 1 and log2(rank + 1) discounts, ideal ranking from the qrels.
- Quality metrics average over every in-scope query (those with judgments); a query whose run
  is empty scores 0 and still counts (`per_query_scores` gives the vectors the means, the
  confidence intervals and the paired tests of guide.eval_stats are computed from). Out-of-scope queries (no judgments) feed the no-match
  precision/recall instead. No function mutates its inputs.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

from guide.regions import CODE_RE

Qrels = Mapping[str, Mapping[str, int]]
Run = Mapping[str, Sequence[str]]     # qid -> ranked ids (best first)


class EvalFileError(ValueError):
    """A query, qrels or run file is malformed; the message names the file and line."""


def text_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, line) of every non-blank line; EvalFileError when the file is not UTF-8."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise EvalFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def json_records(path: Path, id_key: str, text_key: str, what: str):
    """Yield (line number, object) of a JSONL file whose objects carry string `id_key` and
    `text_key` fields with unique ids; every malformed line is an EvalFileError naming it."""
    seen = set()
    for n, line in text_lines(path):
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalFileError(f"{path}:{n}: not JSON ({exc.msg})") from None
        if not isinstance(item, dict) or not isinstance(item.get(id_key), str) \
                or not isinstance(item.get(text_key), str):
            raise EvalFileError(f"{path}:{n}: {what} needs string fields {id_key} and {text_key}")
        if item[id_key] in seen:
            raise EvalFileError(f"{path}:{n}: duplicate {id_key} {item[id_key]!r}")
        seen.add(item[id_key])
        yield n, item


def load_queries(path: Path) -> list[dict]:
    """Our query JSONL. An optional `region` says where the question is asked (a Guangzhou resident
    on Guangzhou's portal), overriding the run's region for that question."""
    queries = []
    for n, item in json_records(path, "qid", "query", "a query"):
        query = {"qid": item["qid"], "query": item["query"], "tags": list(item.get("tags") or [])}
        if "region" in item:
            if not isinstance(item["region"], str) or not CODE_RE.match(item["region"]):
                raise EvalFileError(f"{path}:{n}: region must be a six-digit region code, got {item['region']!r}")
            query["region"] = item["region"]
        queries.append(query)
    return queries


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 4 or not parts[3].lstrip("-").isdigit():
            raise EvalFileError(f"{path}:{n}: expected 'qid 0 doc_id grade', got {line!r}")
        qrels.setdefault(parts[0], {})[parts[2]] = int(parts[3])
    return qrels


def write_trec_run(path: Path, run: Mapping[str, Sequence[tuple[str, float]]], tag: str) -> None:
    """TREC run format: qid Q0 doc_id rank score tag.

    trec_eval and ranx order a query's lines by score and ignore the rank column, so the written
    scores are made strictly decreasing (a score that ties or exceeds the previous one, after
    rounding to 6 decimals, is written 1e-6 below it): other tools then see our ranking."""
    lines = []
    for qid, hits in run.items():
        previous = None
        for rank, (doc, score) in enumerate(hits, 1):
            micro = round(score * 1e6)
            if previous is not None and micro >= previous:
                micro = previous - 1
            previous = micro
            lines.append(f"{qid} Q0 {doc} {rank} {micro / 1e6:.6f} {tag}")
    Path(path).write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")


def answers(judged: Mapping[str, int]) -> set[str]:
    top = max(judged.values(), default=0)
    return {d for d, g in judged.items() if g == top and g > 0}


def recall_at_k(ranked: Sequence[str], judged: Mapping[str, int], k: int) -> float:
    wanted = answers(judged)
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def reciprocal_rank(ranked: Sequence[str], judged: Mapping[str, int], k: int = 10) -> float:
    wanted = answers(judged)
    for rank, doc in enumerate(ranked[:k], 1):
        if doc in wanted:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[str], judged: Mapping[str, int], k: int = 10) -> float:
    def dcg(grades: Sequence[int]) -> float:
        return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(grades))

    ideal = dcg(sorted((g for g in judged.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judged.get(doc, 0) for doc in ranked[:k]]) / ideal


QUALITY_METRICS = ("recall@1", "recall@3", "recall@5", "recall@10", "mrr@10", "ndcg@10")


def per_query_scores(run: Run, qrels: Qrels, qids: Sequence[str]) -> dict[str, list[float]]:
    """Each quality metric's score per query, in the order of `qids` (missing runs count as empty)."""
    scores: dict[str, list[float]] = {n: [] for n in QUALITY_METRICS}
    for qid in qids:
        ranked, judged = list(run.get(qid, ())), qrels[qid]
        for k in (1, 3, 5, 10):
            scores[f"recall@{k}"].append(recall_at_k(ranked, judged, k))
        scores["mrr@10"].append(reciprocal_rank(ranked, judged, 10))
        scores["ndcg@10"].append(ndcg_at_k(ranked, judged, 10))
    return scores


def quality(run: Run, qrels: Qrels, qids: Sequence[str]) -> dict[str, float]:
    """Mean Recall@1/3/5/10, MRR@10, nDCG@10 over `qids` (missing runs count as empty)."""
    if not qids:
        return {n: 0.0 for n in QUALITY_METRICS}
    return {n: sum(v) / len(qids) for n, v in per_query_scores(run, qrels, qids).items()}


def answer_rank(ranked: Sequence[str], judged: Mapping[str, int]) -> int | None:
    """1-based rank of the first answer in `ranked`, None when no answer is there."""
    wanted = answers(judged)
    return next((rank for rank, doc in enumerate(ranked, 1) if doc in wanted), None)


def no_match_scores(flagged: Mapping[str, bool], out_of_scope: set[str]) -> dict[str, float]:
    """Precision/recall of the no-match flag for out-of-scope queries, and the in-scope false-flag rate."""
    predicted = {q for q, f in flagged.items() if f}
    in_scope = set(flagged) - out_of_scope
    tp = len(predicted & out_of_scope)
    return {
        "no_match_precision": tp / len(predicted) if predicted else 0.0,
        "no_match_recall": tp / len(out_of_scope) if out_of_scope else 0.0,
        "in_scope_flagged": len(predicted & in_scope) / len(in_scope) if in_scope else 0.0,
    }


def percentiles(values: Sequence[float], ps: Sequence[int] = (50, 95, 99)) -> dict[str, float]:
    """Nearest-rank percentiles (no interpolation), in the values' unit."""
    if not values:
        return {f"p{p}": 0.0 for p in ps}
    ordered = sorted(values)
    return {f"p{p}": ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] for p in ps}
