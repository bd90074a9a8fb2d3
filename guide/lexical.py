"""BM25 on a sparse term-weight matrix: scores equal rank-bm25's BM25Okapi, far faster.

Formula (Robertson & Walker's Okapi BM25 as rank_bm25.BM25Okapi implements it):
    idf(t)   = ln((N - n_t + 0.5) / (n_t + 0.5)), and where negative, epsilon * mean(idf)
    w(t, d)  = idf(t) * tf(t,d) * (k1 + 1) / (tf(t,d) + k1 * (1 - b + b * |d| / avgdl))
    score(q, d) = sum over query tokens t (repeats counted) of w(t, d)
All w(t, d) are precomputed into a CSC matrix; a query sums a few columns.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse


class BM25Index:
    """Precomputed BM25Okapi weights over tokenized documents."""

    def __init__(self, weights: sparse.csc_matrix, vocab: dict[str, int], params: dict):
        self.weights = weights
        self.vocab = vocab
        self.params = params

    @property
    def n_docs(self) -> int:
        return self.weights.shape[0]

    @classmethod
    def build(cls, corpus: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75,
              epsilon: float = 0.25) -> "BM25Index":
        vocab: dict[str, int] = {}
        rows, cols, tfs = [], [], []
        doc_len = np.zeros(len(corpus), dtype=np.float64)
        for d, doc in enumerate(corpus):
            doc_len[d] = len(doc)
            for term, tf in Counter(doc).items():
                rows.append(d)
                cols.append(vocab.setdefault(term, len(vocab)))
                tfs.append(tf)
        n_docs = len(corpus)
        rows_a, cols_a = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        tf_a = np.asarray(tfs, dtype=np.float64)
        df = np.bincount(cols_a, minlength=len(vocab)).astype(np.float64)
        idf = np.log(n_docs - df + 0.5) - np.log(df + 0.5)
        # rank-bm25 averages idf over the vocabulary, then floors negative idfs at epsilon * mean.
        mean_idf = float(idf.sum() / len(idf)) if len(idf) else 0.0
        idf = np.where(idf < 0, epsilon * mean_idf, idf)
        avgdl = float(doc_len.sum() / n_docs) if n_docs else 0.0
        denom = tf_a + k1 * (1 - b + b * doc_len[rows_a] / avgdl) if avgdl else tf_a + k1
        values = idf[cols_a] * tf_a * (k1 + 1) / denom
        weights = sparse.csc_matrix((values.astype(np.float32), (rows_a, cols_a)),
                                    shape=(n_docs, len(vocab)))
        params = {"k1": k1, "b": b, "epsilon": epsilon, "avgdl": avgdl, "n_docs": n_docs}
        return cls(weights, vocab, params)

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
        return cls(weights, vocab, meta["params"])
