"""Retrievers over one build, matter-level fusion, confidence.

Each retriever returns matter-level hits (row, score, matched terms) for the rows it really
matched. Fusion merges by row, either by weighted normalized scores (`score_fuse`, the shipped
default: it beat RRF on the dev set, see eval/reports/dev.md) or by weighted reciprocal rank:
    rrf(d) = sum_r  w_r / (RRF_K + rank_r(d)),  rank starting at 1, RRF_K = 20
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from guide.lexical import BM25Index
from guide.text import Analysis

RRF_K = 20


@dataclass(frozen=True)
class RetrieverHit:
    row: int
    score: float
    matched: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One fused result, as the API and the dialogue see it."""

    id: str
    name: str
    kind: str
    department: str
    score: float
    matched: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SearchResult:
    query: str
    normalized: str
    hits: tuple[Hit, ...]
    confidence: str                 # confident | ambiguous | no_match
    signals: dict = field(default_factory=dict)


class LexicalRetriever:
    def __init__(self, name: str, index: BM25Index, field_name: str):
        self.name, self.index, self.field = name, index, field_name

    def retrieve(self, analysis: Analysis, query_vec, k: int, mask: np.ndarray | None) -> list[RetrieverHit]:
        terms = getattr(analysis, self.field)
        scores = self.index.scores(terms)
        if mask is not None:
            scores = np.where(mask, scores, 0)
        hit = np.flatnonzero(scores > 0)
        if hit.size > 4 * k:        # large catalogs: keep everything tied with the k-th best, then sort
            kth = np.partition(scores[hit], hit.size - k)[hit.size - k]
            hit = hit[scores[hit] >= kth]
        order = hit[np.lexsort((hit, -scores[hit]))][:k]
        matched = self.index.matched_many(terms, order)
        return [RetrieverHit(int(r), float(scores[r]), tuple(matched[int(r)])) for r in order]


class DenseRetriever:
    """FAISS top-k; with a filter, exact scores over the allowed rows' stored vectors, because an
    approximate index asked for "all rows" returns only a fraction of them (HNSW above ~1k)."""

    def __init__(self, name: str, faiss_index, n_rows: int, vectors: np.ndarray | None = None):
        self.name, self.faiss_index, self.n_rows, self.vectors = name, faiss_index, n_rows, vectors

    def retrieve(self, analysis: Analysis, query_vec, k: int, mask: np.ndarray | None) -> list[RetrieverHit]:
        from guide.dense import faiss_search

        if query_vec is None or not (analysis.words or analysis.chars):
            return []
        if mask is not None and self.vectors is not None:
            rows = np.flatnonzero(mask[: self.n_rows])
            scores = np.asarray(self.vectors[rows] @ np.asarray(query_vec, dtype=np.float32)).ravel()
            order = np.lexsort((rows, -scores))[:k]
            return [RetrieverHit(int(rows[i]), float(scores[i])) for i in order]
        want = self.n_rows if mask is not None else k
        rows, scores = faiss_search(self.faiss_index, query_vec, want)
        out = []
        for r, s in zip(rows.tolist(), scores.tolist()):
            if 0 <= r < self.n_rows and (mask is None or mask[r]):
                out.append(RetrieverHit(r, float(s)))
        out.sort(key=lambda h: (-h.score, h.row))
        return out[:k]


class AliasRetriever:
    """Names and aliases found verbatim in the query; an exact whole-query match scores highest."""

    name = "alias"

    def __init__(self, aliases: dict[str, list[str]], row_of: dict[str, int]):
        self.rows = {a: [row_of[i] for i in ids if i in row_of] for a, ids in aliases.items() if len(a) >= 2}
        self.max_len = max((len(a) for a in self.rows), default=0)

    def retrieve(self, analysis: Analysis, query_vec, k: int, mask: np.ndarray | None) -> list[RetrieverHit]:
        text = "".join(ch for ch in analysis.normalized if ch.isalnum())
        best: dict[int, tuple[float, str]] = {}
        for i in range(len(text)):
            for j in range(i + 2, min(len(text), i + self.max_len) + 1):
                for row in self.rows.get(text[i:j], ()):
                    if mask is not None and not mask[row]:
                        continue
                    score = (j - i) / max(len(text), 1) + (1.0 if j - i == len(text) else 0.0)
                    if score > best.get(row, (0.0, ""))[0]:
                        best[row] = (score, text[i:j])
        hits = [RetrieverHit(r, s, (a,)) for r, (s, a) in best.items()]
        hits.sort(key=lambda h: (-h.score, h.row))
        return hits[:k]


def rrf_fuse(runs: dict[str, list[RetrieverHit]], weights: dict[str, float]) -> dict[int, float]:
    fused: dict[int, float] = {}
    for name, hits in runs.items():
        w = weights.get(name, 0.0)
        for rank, hit in enumerate(hits, start=1):
            fused[hit.row] = fused.get(hit.row, 0.0) + w / (RRF_K + rank)
    return fused


def score_fuse(runs: dict[str, list[RetrieverHit]], weights: dict[str, float]) -> dict[int, float]:
    """Weighted sum of normalized scores: lexical scores divided by the query's best score; dense
    cosines min-max scaled over the retrieved depth, since e5 cosines crowd into a narrow band."""
    fused: dict[int, float] = {}
    for name, hits in runs.items():
        if not hits:
            continue
        top = max(h.score for h in hits)
        low = min(h.score for h in hits) if name.startswith("dense") and len(hits) > 1 else 0.0
        span = (top - low) or 1.0
        w = weights.get(name, 0.0)
        for hit in hits:
            fused[hit.row] = fused.get(hit.row, 0.0) + w * (hit.score - low) / span
    return fused


FUSERS = {"rrf": rrf_fuse, "score": score_fuse}


def rank_fused(fused: dict[int, float], k: int) -> list[tuple[int, float]]:
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:k]


def decide_confidence(signals: dict, thresholds: dict) -> str:
    """no_match / ambiguous / confident from per-query signals; thresholds tuned on the dev set."""
    if signals["content_terms"] == 0:
        return "no_match"
    lexical = signals["lexical_strength"]
    dense = signals["dense_top"]
    if signals["alias_exact"]:
        return "confident"
    if lexical < thresholds["min_lexical"] and dense < thresholds["min_dense_alone"]:
        return "no_match"
    if dense < thresholds["min_dense"] and lexical < thresholds["strong_lexical"]:
        return "no_match"
    # Plausible-sounding but foreign questions ("银河系居住证", "日本签证"): a middling dense score
    # with the rare words of the question unmatched.
    if (dense < thresholds["weak_dense"] and signals.get("word_coverage", 1.0) < thresholds["weak_word_coverage"]
            and lexical < thresholds["weak_lexical"]):
        return "no_match"
    if signals["margin"] < thresholds["ambiguous_margin"]:
        return "ambiguous"
    return "confident"


def lexically_certain(signals: dict, thresholds: dict) -> bool:
    """The lexical retrievers alone settle this question: the whole question is a matter's name
    or alias, or the top hit covers most of its grams and rare words, well ahead of the second.
    Then the e5 encoding (most of a search's time) is skipped. Tuned on eval/dev: on every dev and
    test question it accepts, the full hybrid search gives the same first hit, also "confident"."""
    if signals["content_terms"] == 0:
        return False
    if signals["alias_exact"]:
        return True
    return (signals["lexical_strength"] >= thresholds["certain_lexical"]
            and signals.get("word_coverage", 0.0) >= thresholds["certain_word_coverage"]
            and signals["margin"] >= thresholds["certain_margin"])


DEFAULT_THRESHOLDS = {          # tuned on eval/dev in- and out-of-scope questions (grid search)
    "min_lexical": 0.5,         # share of the query's grams (chars, words or pinyin) the top hit matched
    "min_dense_alone": 0.88,    # e5 cosine that can stand without lexical support
    "min_dense": 0.84,
    "strong_lexical": 0.67,
    "ambiguous_margin": 0.1,    # relative gap between the first and second fused scores
    "weak_dense": 0.875,        # below this e5 cosine, the question's rare words must match ...
    "weak_word_coverage": 0.5,  # ... at least this IDF-weighted share of them ...
    "weak_lexical": 0.7,        # ... unless the grams (chars/pinyin) match this well
    "certain_lexical": 0.6,     # lexically_certain: skip dense retrieval when grams match this well,
    "certain_word_coverage": 0.6,   # ... and this IDF-weighted share of the words ...
    "certain_margin": 0.3,      # ... and the lexical runner-up is this far behind
}


def coverage(query_grams: Sequence[str], matched: Sequence[str]) -> float:
    grams = set(query_grams)
    return len(grams & set(matched)) / len(grams) if grams else 0.0
