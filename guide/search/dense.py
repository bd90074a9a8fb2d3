"""Dense retrieval over FAISS, and a hash-seeded test encoder that needs no model.

HashEncoder maps a text to a unit vector by hashing its characters and character bigrams into
signed buckets: texts that share characters get a higher cosine, as with a real encoder, but
in microseconds and identically on every machine. Unit tests build on it; the shipped e5 model
is used where the model itself is the point (marked tests, benchmarks, `guide build`).
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from guide.search.types import RetrieverHit
from guide.text import Analysis, normalize


class DenseRetriever:
    """FAISS top-k. With a filter: an approximate index (HNSW, IVF) searches only the allowed rows
    (a bitmap selector), as fast as an unfiltered search; an exact index, or a filter so narrow that
    the approximate search cannot fill k, gets exact scores over the allowed rows' stored vectors
    (asking an approximate index for "all rows" returns only a fraction of them)."""

    needs_vector = True

    def __init__(self, name: str, faiss_index, n_rows: int, vectors: np.ndarray | None = None):
        self.name, self.faiss_index, self.n_rows, self.vectors = name, faiss_index, n_rows, vectors

    def retrieve(self, analysis: Analysis, vector, k: int, mask: np.ndarray | None) -> list[RetrieverHit]:
        from guide.dense import faiss_search, faiss_search_within

        if vector is None or not (analysis.words or analysis.chars):
            return []
        if mask is not None:
            found = faiss_search_within(self.faiss_index, vector, k, mask[: self.n_rows])
            if found is not None and len(found[0]) >= min(k, int(np.count_nonzero(mask[: self.n_rows]))):
                hits = [RetrieverHit(r, float(s)) for r, s in zip(found[0].tolist(), found[1].tolist())]
                return sorted(hits, key=lambda h: (-h.score, h.row))
        if mask is not None and self.vectors is not None:
            rows = np.flatnonzero(mask[: self.n_rows])
            scores = np.asarray(self.vectors[rows] @ np.asarray(vector, dtype=np.float32)).ravel()
            order = np.lexsort((rows, -scores))[:k]
            return [RetrieverHit(int(rows[i]), float(scores[i])) for i in order]
        want = self.n_rows if mask is not None else k
        rows, scores = faiss_search(self.faiss_index, vector, want)
        out = [RetrieverHit(r, float(s)) for r, s in zip(rows.tolist(), scores.tolist())
               if 0 <= r < self.n_rows and (mask is None or mask[r])]
        out.sort(key=lambda h: (-h.score, h.row))
        return out[:k]


class NameVectorRetriever:
    """e5 over what citizens call an entry — its name and aliases, a Q&A's question and variants —
    each encoded as a *query*, so a question meets them query-to-query (e5's symmetric use), where
    the passage vector (name, aliases and summary as one passage) blurs them. An entry scores the
    cosine of its best name. Several vectors per row: `owners[v]` is the row of vector v."""

    needs_vector = True

    def __init__(self, name: str, faiss_index, owners: np.ndarray, n_rows: int, vectors: np.ndarray | None = None):
        self.name, self.faiss_index, self.n_rows = name, faiss_index, n_rows
        self.owners, self.vectors = np.asarray(owners, dtype=np.int64), vectors
        # a row has few names: this many nearest vectors nearly always hold k distinct rows
        self.fanout = max(2, int(np.ceil(len(self.owners) / max(n_rows, 1))) * 2)

    def retrieve(self, analysis: Analysis, vector, k: int, mask: np.ndarray | None) -> list[RetrieverHit]:
        from guide.dense import faiss_search, faiss_search_within

        if vector is None or not (analysis.words or analysis.chars) or not len(self.owners):
            return []
        want = min(len(self.owners), k * self.fanout)
        if mask is None:
            found = faiss_search(self.faiss_index, vector, want)
        else:
            allowed = mask[: self.n_rows][self.owners]
            found = faiss_search_within(self.faiss_index, vector, want, allowed)
            if found is None or len(found[0]) < min(want, int(np.count_nonzero(allowed))):
                if self.vectors is None:
                    found = None
                else:
                    # one pass over every name vector, the disallowed ones masked (cheaper than
                    # gathering the allowed rows of a memory map)
                    scores = np.asarray(self.vectors @ np.asarray(vector, dtype=np.float32)).ravel()
                    scores = np.where(allowed, scores, -np.inf)
                    n = min(want, int(np.count_nonzero(allowed)))
                    top = np.argpartition(-scores, n - 1)[:n] if n else np.empty(0, dtype=np.int64)
                    found = (top, scores[top])
        if found is None:
            return []
        best: dict[int, float] = {}
        for v, score in zip(np.asarray(found[0]).tolist(), np.asarray(found[1]).tolist()):
            if 0 <= v < len(self.owners):
                row = int(self.owners[v])
                if (mask is None or mask[row]) and score > best.get(row, -2.0):
                    best[row] = float(score)
        hits = sorted((RetrieverHit(r, s) for r, s in best.items()), key=lambda h: (-h.score, h.row))
        return hits[:k]


class HashEncoder:
    """Deterministic bag-of-characters vectors (seeded); the same text always gives the same vector."""

    engine = None
    inline = True           # no threads of its own: encode in the request thread

    def __init__(self, dim: int = 256, seed: int = 0):
        self.dim, self.seed = dim, seed
        self.name = f"hash-{dim}@seed{seed}"

    def _vector(self, text: str) -> np.ndarray:
        norm = "".join(normalize(text).split())
        grams = list(norm) + [norm[i:i + 2] for i in range(len(norm) - 1)]
        out = np.zeros(self.dim, dtype=np.float32)
        for gram in grams:
            digest = hashlib.blake2b(gram.encode(), digest_size=8, key=str(self.seed).encode()).digest()
            value = int.from_bytes(digest, "little")
            out[value % self.dim] += 1.0 if (value >> 32) & 1 else -1.0
        length = float(np.linalg.norm(out))
        if length == 0:
            out[0] = 1.0
            return out
        return out / length

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]).astype(np.float32) if texts else \
            np.zeros((0, self.dim), dtype=np.float32)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)
