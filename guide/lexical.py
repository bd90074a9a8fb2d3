"""BM25 on a sparse term-weight matrix: scores equal rank-bm25's BM25Okapi, far faster.

Formula (Robertson & Walker's Okapi BM25 as rank_bm25.BM25Okapi implements it):
    idf(t)   = ln((N - n_t + 0.5) / (n_t + 0.5)), and where negative, epsilon * mean(idf)
    w(t, d)  = idf(t) * tf(t,d) * (k1 + 1) / (tf(t,d) + k1 * (1 - b + b * |d| / avgdl))
    score(q, d) = sum over query tokens t (repeats counted) of w(t, d)
All w(t, d) are precomputed into a CSC matrix; a query sums a few columns.

Regions: a build may hold several regions' catalogs, and a question asked in one region must be
scored as if the build held only what that region sees (otherwise adding Guangdong's 2,262 matters
would change every Jinan ranking through N, n_t and avgdl). `scoped(visible)` gives that view: the
same postings re-weighted with the statistics of the visible documents alone, equal to BM25Okapi
built on those documents. It needs each posting's term frequency and each document's length, which
the build stores beside the weights.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

DEFAULT_CHUNK_DOCS = 50_000


def _count_chunk(corpus: Sequence[Sequence[str]], start: int, end: int, vocab: dict[str, int],
                 doc_len: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row within the chunk, term id, term frequency) of every posting of documents start..end-1;
    new terms join `vocab` in first-seen order. A document object that repeats within the chunk
    (regional variants share the analysis of one province text) is counted once: the memo keeps
    a reference to it, so its id() cannot be reused by another object meanwhile."""
    memo: dict[int, tuple[Sequence[str], np.ndarray, np.ndarray]] = {}
    cols_parts, tfs_parts = [], []
    lengths = np.zeros(end - start, dtype=np.int64)
    for d in range(start, end):
        doc = corpus[d]
        doc_len[d] = len(doc)
        seen = memo.get(id(doc))
        if seen is None or seen[0] is not doc:
            counts = Counter(doc)
            ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t in counts), dtype=np.int32, count=len(counts))
            seen = memo[id(doc)] = (doc, ids, np.fromiter(counts.values(), dtype=np.int32, count=len(counts)))
        cols_parts.append(seen[1])
        tfs_parts.append(seen[2])
        lengths[d - start] = len(seen[1])
    rows = np.repeat(np.arange(end - start, dtype=np.int32), lengths)
    empty = np.empty(0, dtype=np.int32)
    cols = np.concatenate(cols_parts) if cols_parts else empty
    tfs = np.concatenate(tfs_parts) if tfs_parts else empty
    return rows, cols, tfs


def okapi_idf(df: np.ndarray, n_docs: int, epsilon: float, used: np.ndarray | None = None) -> np.ndarray:
    """rank-bm25's idf: ln((N - n_t + 0.5) / (n_t + 0.5)), negatives floored at epsilon times the
    mean idf over the vocabulary (`used`: the terms the corpus has, default all)."""
    df = df.astype(np.float64)
    idf = np.log(n_docs - df + 0.5) - np.log(df + 0.5)
    pool = idf if used is None else idf[used]
    mean_idf = float(pool.sum() / len(pool)) if len(pool) else 0.0
    return np.where(idf < 0, epsilon * mean_idf, idf)


def okapi_weight(idf: np.ndarray, tf: np.ndarray, doc_len: np.ndarray, avgdl: float, k1: float, b: float) -> np.ndarray:
    """w(t, d) of each posting (float64 in, float64 out)."""
    denom = tf + k1 * (1 - b + b * doc_len / avgdl) if avgdl else tf + k1
    return idf * tf * (k1 + 1) / denom


class BM25Index:
    """Precomputed BM25Okapi weights over tokenized documents."""

    def __init__(self, weights: sparse.csc_matrix, vocab: dict[str, int], params: dict,
                 tf: np.ndarray | None = None, doc_len: np.ndarray | None = None):
        self.weights = weights
        self.vocab = vocab
        self.params = params
        self.tf = tf                # term frequency of every posting, aligned with weights.data
        self.doc_len = doc_len      # tokens per document

    @property
    def n_docs(self) -> int:
        return self.weights.shape[0]

    @classmethod
    def build(cls, corpus: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75,
              epsilon: float = 0.25, chunk_docs: int = DEFAULT_CHUNK_DOCS) -> "BM25Index":
        """Weights of every (document, term), built `chunk_docs` documents at a time so memory stays
        bounded at province size: each chunk is counted into compact arrays (12 bytes a posting),
        then weighted and scattered straight into the final CSC arrays (8 bytes a posting). The
        result is the same, bit for bit, whatever the chunk size."""
        if isinstance(chunk_docs, bool) or not isinstance(chunk_docs, int) or chunk_docs < 1:
            raise ValueError(f"BM25Index.build: chunk_docs must be a whole number >= 1, got {chunk_docs!r}")
        n_docs = len(corpus)
        vocab: dict[str, int] = {}
        doc_len = np.zeros(n_docs, dtype=np.float64)
        chunks = [(start, *_count_chunk(corpus, start, min(start + chunk_docs, n_docs), vocab, doc_len))
                  for start in range(0, n_docs, chunk_docs)]
        n_terms = len(vocab)
        df = np.zeros(n_terms, dtype=np.int64)
        for _start, _rows, cols, _tfs in chunks:
            df += np.bincount(cols, minlength=n_terms)
        idf = okapi_idf(df, n_docs, epsilon)
        avgdl = float(doc_len.sum() / n_docs) if n_docs else 0.0

        indptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        indices = np.empty(int(indptr[-1]), dtype=np.int32 if n_docs < 2**31 else np.int64)
        data = np.empty(int(indptr[-1]), dtype=np.float32)
        max_tf = max((int(c[3].max()) for c in chunks if len(c[3])), default=0)
        tf_all = np.empty(int(indptr[-1]), dtype=np.uint16 if max_tf < 2**16 else np.uint32)
        fill = indptr[:-1].copy()                 # next free slot of every column
        while chunks:
            start, rows, cols, tfs = chunks.pop(0)     # dropped as soon as it is scattered
            doc_rows = rows.astype(np.int64) + start
            values = okapi_weight(idf[cols], tfs.astype(np.float64), doc_len[doc_rows], avgdl, k1, b).astype(np.float32)
            # Chunks come in row order, so appending each column's rows keeps them ascending (canonical CSC).
            order = np.argsort(cols, kind="stable")
            sorted_cols = cols[order]
            counts = np.bincount(sorted_cols, minlength=n_terms)
            first = np.cumsum(counts) - counts
            slots = fill[sorted_cols] + (np.arange(len(order)) - first[sorted_cols])
            indices[slots] = doc_rows[order]
            data[slots] = values[order]
            tf_all[slots] = tfs[order]
            fill += counts
            del doc_rows, values, order, sorted_cols, slots
        weights = sparse.csc_matrix((data, indices, indptr), shape=(n_docs, n_terms))
        params = {"k1": k1, "b": b, "epsilon": epsilon, "avgdl": avgdl, "n_docs": n_docs}
        return cls(weights, vocab, params, tf_all, doc_len.astype(np.float32))

    def scoped(self, visible: np.ndarray) -> "ScopedBM25":
        """The index as BM25Okapi over the `visible` documents alone (rows keep their numbers;
        invisible documents score 0): N, document frequencies, avgdl and the epsilon floor's mean
        idf (over the terms those documents use, as rank-bm25 averages) are theirs. Only the idf
        vector and avgdl are made here (a few bytes a term); a query weighs its own postings."""
        if self.tf is None or self.doc_len is None:
            raise ValueError("BM25Index.scoped needs term frequencies and document lengths (rebuild the index)")
        indptr, indices = self.weights.indptr, self.weights.indices
        n_terms = len(indptr) - 1
        seen = visible[indices].astype(np.int64)
        starts = indptr[:-1]
        df = np.zeros(n_terms, dtype=np.float64)
        nonempty = np.diff(indptr) > 0
        if seen.size:
            df[nonempty] = np.add.reduceat(seen, starts[nonempty])
        n_docs = int(visible.sum())
        idf = okapi_idf(df, n_docs, self.params["epsilon"], used=df > 0)
        avgdl = float(self.doc_len[visible].astype(np.float64).sum() / n_docs) if n_docs else 0.0
        return ScopedBM25(self, visible, idf, avgdl)

    def scores(self, query: Sequence[str]) -> np.ndarray:
        """BM25 score of every document; unknown terms contribute nothing. Reads the CSC columns
        directly: scipy's column fancy-indexing costs more than the arithmetic at this size."""
        counts = Counter(self.vocab[t] for t in query if t in self.vocab)
        out = np.zeros(self.n_docs, dtype=np.float32)
        indptr, indices, data = self.weights.indptr, self.weights.indices, self.weights.data
        for col, rep in counts.items():
            start, end = indptr[col], indptr[col + 1]
            out[indices[start:end]] += data[start:end] * np.float32(rep)   # rows unique per column
        return out

    def matched_many(self, query: Sequence[str], docs: Sequence[int]) -> dict[int, list[str]]:
        """Query terms per document, read straight from the CSC arrays (element indexing is slow)."""
        out: dict[int, list[str]] = {int(d): [] for d in docs}
        wanted = np.fromiter(out.keys(), dtype=np.int64, count=len(out))
        indptr, indices, data = self.weights.indptr, self.weights.indices, self.weights.data
        present = np.zeros(self.n_docs, dtype=bool)
        for term in dict.fromkeys(query):
            col = self.vocab.get(term)
            if col is None:
                continue
            start, end = indptr[col], indptr[col + 1]
            rows = indices[start:end][data[start:end] != 0]
            present[rows] = True
            for row in wanted[present[wanted]].tolist():
                out[row].append(term)
            present[rows] = False
        return out

    def top(self, query: Sequence[str], k: int, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Row ids and scores of the best k documents (within `mask`) that matched a term; score
        desc, then row asc, so ties are deterministic. Large catalogs: a partial partition keeps
        everything tied with the k-th best, then only those are sorted."""
        scores = self.scores(query)
        if mask is not None:
            scores = np.where(mask, scores, 0)
        hit = np.flatnonzero(scores > 0)
        if hit.size == 0 or k <= 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        if hit.size > 4 * k:
            kth = np.partition(scores[hit], hit.size - k)[hit.size - k]
            hit = hit[scores[hit] >= kth]
        order = hit[np.lexsort((hit, -scores[hit]))][:k]
        return order, scores[order]

    # ------------------------------------------------------------ persistence

    def save(self, folder: Path, name: str) -> None:
        sparse.save_npz(folder / f"{name}.npz", self.weights, compressed=False)
        np.save(folder / f"{name}.tf.npy", self.tf)
        np.save(folder / f"{name}.len.npy", self.doc_len)
        terms = sorted(self.vocab, key=self.vocab.get)
        (folder / f"{name}.json").write_text(
            json.dumps({"params": self.params, "vocab": terms}, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, name: str) -> "BM25Index":
        meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        weights = sparse.load_npz(folder / f"{name}.npz").tocsc()
        vocab = {t: i for i, t in enumerate(meta["vocab"])}
        if weights.shape[1] != len(vocab) or math.isnan(float(meta["params"]["avgdl"])):
            raise ValueError(f"{folder / name}.npz does not match its vocabulary")
        tf, doc_len = np.load(folder / f"{name}.tf.npy"), np.load(folder / f"{name}.len.npy")
        if tf.shape != weights.data.shape or doc_len.shape != (weights.shape[0],):
            raise ValueError(f"{folder / name}.tf.npy / .len.npy do not match {name}.npz")
        return cls(weights, vocab, meta["params"], tf, doc_len)


class ScopedBM25:
    """One region's view of a BM25Index (see BM25Index.scoped): the same postings weighed with the
    visible documents' statistics when a query reads them, so a view costs one idf per term."""

    def __init__(self, base: BM25Index, visible: np.ndarray, idf: np.ndarray, avgdl: float):
        self.base, self.visible, self.idf, self.avgdl = base, visible, idf, avgdl
        self.vocab, self.params = base.vocab, {**base.params, "avgdl": avgdl, "n_docs_visible": int(visible.sum())}

    @property
    def n_docs(self) -> int:
        return self.base.n_docs

    def scores(self, query: Sequence[str]) -> np.ndarray:
        k1, b = self.base.params["k1"], self.base.params["b"]
        counts = Counter(self.vocab[t] for t in query if t in self.vocab)
        out = np.zeros(self.n_docs, dtype=np.float32)
        indptr, indices = self.base.weights.indptr, self.base.weights.indices
        for col, rep in counts.items():
            start, end = indptr[col], indptr[col + 1]
            rows = indices[start:end]
            keep = self.visible[rows]
            rows = rows[keep]
            weight = okapi_weight(self.idf[col], self.base.tf[start:end][keep].astype(np.float64),
                                  self.base.doc_len[rows].astype(np.float64), self.avgdl, k1, b)
            out[rows] += weight.astype(np.float32) * np.float32(rep)
        return out

    def matched_many(self, query: Sequence[str], docs: Sequence[int]) -> dict[int, list[str]]:
        return self.base.matched_many(query, docs)

    top = BM25Index.top
