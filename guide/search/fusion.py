"""Fusing retriever runs into one ranking, and deciding how sure that ranking is.

Two fusions, both over matter-level runs (best first):
    score:  fused(d) = sum_r w_r * norm_r(s_r(d)), lexical scores divided by the run's best score,
            dense cosines min-max scaled over the run (e5 cosines crowd into a narrow band);
    rrf:    fused(d) = sum_r w_r / (rrf_k + rank_r(d)), rank starting at 1.
Runs are cut to the settings' depth before fusing, so the first `depth` fused rows and every
signal are the same whatever k the caller asked for.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from guide.search.types import Confidence, RetrieverHit, Signals

Runs = Mapping[str, Sequence[RetrieverHit]]


def score_fuse(runs: Runs, weights: Mapping[str, float]) -> dict[int, float]:
    fused: dict[int, float] = {}
    for name, hits in runs.items():
        if not hits:
            continue
        top = max(h.score for h in hits)
        low = min(h.score for h in hits) if name.startswith("dense") and len(hits) > 1 else 0.0
        span = (top - low) or 1.0
        w = weights.get(name, 0.0)
        for hit in hits:
            fused[hit.row] = fused.get(hit.row, 0.0) + w * max(hit.score - low, 0.0) / span
    return fused


def rrf_fuse(runs: Runs, weights: Mapping[str, float], rrf_k: int) -> dict[int, float]:
    fused: dict[int, float] = {}
    for name, hits in runs.items():
        w = weights.get(name, 0.0)
        for rank, hit in enumerate(hits, start=1):
            fused[hit.row] = fused.get(hit.row, 0.0) + w / (rrf_k + rank)
    return fused


def fuse(runs: Runs, weights: Mapping[str, float], fusion: str, rrf_k: int, depth: int) -> list[tuple[int, float]]:
    """Every fused row, best first (score desc, then row asc). Runs are cut to `depth` first; rows
    found only deeper (when a caller wants more than `depth` hits) follow in their own fused order."""
    def ranked(cut: int | None) -> list[tuple[int, float]]:
        part = {name: list(hits)[:cut] if cut else list(hits) for name, hits in runs.items()}
        scores = score_fuse(part, weights) if fusion == "score" else rrf_fuse(part, weights, rrf_k)
        return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))

    head = ranked(depth)
    if all(len(hits) <= depth for hits in runs.values()):
        return head
    seen = {row for row, _ in head}
    return head + [(row, score) for row, score in ranked(None) if row not in seen]


def weigh_kinds(fused: list[tuple[int, float]], kinds, weights: Mapping[str, float] | None) -> list[tuple[int, float]]:
    """Fused rows with each score times its entry kind's weight (retrieval.yaml kind_weights for the
    question's form), re-sorted; unchanged without weights."""
    if not weights:
        return fused
    scaled = [(row, score * weights.get(str(kinds[row]), 1.0)) for row, score in fused]
    return sorted(scaled, key=lambda rs: (-rs[1], rs[0]))


def decide_confidence(s: Signals, t) -> Confidence:
    """no_match / ambiguous / confident from one query's signals and the tuned thresholds."""
    if s.content_terms == 0:
        return Confidence.NO_MATCH
    if s.alias_exact:
        return Confidence.CONFIDENT
    if s.lookalike:                     # "老年人优待证在哪办" -> 退役军人优待证申领: named, and not this
        return Confidence.NO_MATCH
    if s.lexical_strength < t.min_lexical and s.dense_top < t.min_dense_alone:
        return Confidence.NO_MATCH
    if s.dense_top < t.min_dense and s.lexical_strength < t.strong_lexical:
        return Confidence.NO_MATCH
    # Plausible-sounding but foreign questions ("银河系居住证", "日本签证"): a middling dense score
    # with the rare words of the question unmatched.
    if s.dense_top < t.weak_dense and s.word_coverage < t.weak_word_coverage and s.lexical_strength < t.weak_lexical:
        return Confidence.NO_MATCH
    if s.margin < t.ambiguous_margin:
        return Confidence.AMBIGUOUS
    # Services the catalog lacks that share words with one it has ("烈士家属的抚恤金" -> 失业人员丧葬补助金
    # 和抚恤金申领, "想开驾校" -> 校车驾驶资格申请): none of the hit's names is in the question and the
    # shared grams are few. Too weak to answer, too weak to say "no match" (colloquial questions about
    # a matter look alike): offer the options.
    if s.name_fit < t.min_name_fit and s.lexical_strength < t.name_fit_lexical:
        return Confidence.AMBIGUOUS
    return Confidence.CONFIDENT


def lexically_certain(s: Signals, t) -> bool:
    """The lexical retrievers alone settle this question: the whole question is a name or alias,
    or the top hit covers most of its grams and rare words, well ahead of the second. Then the
    e5 encoding (most of a search's time) is skipped."""
    if s.content_terms == 0:
        return False
    if s.alias_exact:
        return True
    if s.lookalike:
        return False
    return (s.lexical_strength >= t.certain_lexical and s.word_coverage >= t.certain_word_coverage
            and s.margin >= t.certain_margin)
