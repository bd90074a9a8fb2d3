"""Lexical retrievers over one build: BM25 fields, verbatim names and aliases, word rarity."""
from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain

import numpy as np

from guide.lexical import BM25Index
from guide.search.types import RetrieverHit
from guide.text import Analysis, has_cjk, split_pinyin


class LexicalRetriever:
    """BM25 over one field (title/body) of one analysis (words, char bigrams, pinyin bigrams)."""

    needs_vector = False

    def __init__(self, name: str, index: BM25Index, field_name: str):
        if field_name not in ("words", "chars", "pinyin"):
            raise ValueError(f"retriever {name}: unknown analysis field {field_name!r}")
        self.name, self.index, self.field = name, index, field_name

    def scoped(self, visible: np.ndarray) -> "LexicalRetriever":
        """This retriever as if the build held only the `visible` rows (one region's view)."""
        return LexicalRetriever(self.name, self.index.scoped(visible), self.field)

    def retrieve(self, analysis: Analysis, vector, k: int, mask: np.ndarray | None) -> list[RetrieverHit]:
        terms = getattr(analysis, self.field)
        rows, scores = self.index.top(terms, k, mask)
        matched = self.index.matched_many(terms, rows)
        return [RetrieverHit(int(r), float(s), tuple(matched[int(r)])) for r, s in zip(rows, scores)]


class AliasRetriever:
    """Names and aliases found verbatim in the query; an exact whole-query match scores highest."""

    name = "alias"
    needs_vector = False

    def __init__(self, aliases: dict[str, list[str]], row_of: dict[str, int]):
        self.rows = {a: [row_of[i] for i in ids if i in row_of] for a, ids in aliases.items() if len(a) >= 2}
        self.max_len = max((len(a) for a in self.rows), default=0)
        # row -> its names and aliases, as CSR arrays over one list of terms (light at 10^6 entries)
        self._terms = list(self.rows)
        rows = np.fromiter(chain.from_iterable(self.rows.values()), dtype=np.int64)
        terms = np.repeat(np.arange(len(self._terms), dtype=np.int32), [len(r) for r in self.rows.values()])
        order = np.argsort(rows, kind="stable")
        self._term_ids = terms[order]
        self._term_ptr = np.searchsorted(rows[order], np.arange(max(row_of.values(), default=-1) + 2))

    def retrieve(self, analysis: Analysis, vector, k: int, mask: np.ndarray | None) -> list[RetrieverHit]:
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

    def names_of(self, row: int) -> list[str]:
        """The row's normalized names and aliases (those of at least two characters)."""
        if row < 0 or row + 1 >= len(self._term_ptr):
            return []
        return [self._terms[t] for t in self._term_ids[self._term_ptr[row]:self._term_ptr[row + 1]]]

    def name_fit(self, row: int, text: str) -> float:
        """How well the question names this entry: the best overlap, over its name and each alias, of
        the term's character bigrams with the question's (shared / the smaller of the two, so a long
        Q&A question is not penalised for its length). "烈士家属的抚恤金怎么领" fits 失业人员丧葬补助金和
        抚恤金申领 at 0.25 and "想开驾校需要办什么手续" fits 校车驾驶资格申请 at 0.14: shared words say
        little when none of the entry's names is what the question talks about. A bracketed qualifier
        ("食品经营许可(注销)") is left out; 0.0 for a row without names."""
        if row < 0 or row + 1 >= len(self._term_ptr):
            return 0.0
        query = term_bigrams(text)
        return max((bigram_fit(term_bigrams(self._terms[t]), query)
                    for t in self._term_ids[self._term_ptr[row]:self._term_ptr[row + 1]]), default=0.0)


_QUALIFIER = re.compile(r"\([^()]*\)")


def bigram_fit(grams: set[str] | frozenset[str], query: set[str]) -> float:
    """Overlap of a name's bigrams with a question's: shared / the smaller of the two (0.0 if either
    is empty), so a long question is not penalised for its length."""
    if not grams or not query:
        return 0.0
    return len(grams & query) / min(len(grams), len(query))


def term_bigrams(term: str) -> set[str]:
    """Character bigrams of a (normalized) name or alias, bracketed qualifiers and punctuation left out."""
    core = "".join(ch for ch in _QUALIFIER.sub("", term) if ch.isalnum())
    return {core[i:i + 2] for i in range(len(core) - 1)}


class WordRarity:
    """IDF of words over the catalog's body text; words the catalog never uses count as rarest."""

    def __init__(self, body_words: BM25Index):
        df = np.diff(body_words.weights.indptr)
        n = body_words.n_docs
        self.idf = {word: float(np.log((n + 1) / (df[col] + 0.5))) for word, col in body_words.vocab.items()}
        self.unknown = float(np.log((n + 1) / 0.5))

    def coverage(self, words: Sequence[str], matched: Sequence[str]) -> float:
        """IDF-weighted share of the query's words that were matched ("月球" weighs more than "办")."""
        unique = list(dict.fromkeys(words))
        weights = [self.idf.get(w, self.unknown) for w in unique]
        total = sum(weights)
        found = set(matched)
        return sum(wt for w, wt in zip(unique, weights) if w in found) / total if total else 0.0


def pinyin_coverage(pinyin: Sequence[str], matched: Sequence[str], words: Sequence[str],
                    words_matched: Sequence[str]) -> float:
    """Share of the query's pinyin grams the hit matched, where a latin or digit word that has no
    pinyin ("ETC", "12123") and was not matched as a word counts as one more unmatched gram: the
    pinyin run cannot see it, so "ETC卡坏了怎么补半" ~ 社会保障卡补换 (ka_huai, bu_ban) is no full match."""
    found = set(words_matched)
    blind = {w for w in words if not has_cjk(w) and not split_pinyin(w) and w not in found}
    grams = set(pinyin)
    total = len(grams) + len(blind)
    return len(grams & set(matched)) / total if total else 0.0


def coverage(query_grams: Sequence[str], matched: Sequence[str]) -> float:
    """Plain share of the query's distinct grams that were matched."""
    grams = set(query_grams)
    return len(grams & set(matched)) / len(grams) if grams else 0.0
