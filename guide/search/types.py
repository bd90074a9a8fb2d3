"""The values that pass between the search stages: hits, signals, confidence, results.

Everything here is frozen and typed, so a misspelt signal or threshold is an error where it is
made, not a silently different answer three stages later.
"""
from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Protocol

import numpy as np

from guide.text import Analysis


class Confidence(str, enum.Enum):
    """How sure the search is of its first hit. A str, so payloads and comparisons see the value."""

    CONFIDENT = "confident"
    AMBIGUOUS = "ambiguous"
    NO_MATCH = "no_match"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class RetrieverHit:
    """One row a retriever really matched, with its raw score and the query terms it matched."""

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
class Signals:
    """Per-query evidence about the first hit, computed on the full fused list (never on the
    list cut to k), so confidence does not depend on how many hits were asked for."""

    content_terms: int              # words + char bigrams left after weak words are removed
    lexical_strength: float         # best share of the query's grams (chars, words, pinyin) the top hit matched
    dense_top: float                # e5 cosine of the top hit (0 when dense was skipped or not run)
    alias_exact: bool               # the whole query is the top hit's name or alias
    word_coverage: float            # IDF-weighted share of the query's words the top hit matched
    margin: float                   # (s1 - s2) / s1 over the fused scores
    dense_skipped: bool = False     # the lexical shortcut answered without encoding
    name_fit: float = 1.0           # best char-bigram overlap of one of the top hit's names/aliases with the query
    lookalike: str = ""             # a service the top hit is not, named by the query (guide.search.lookalikes)

    def to_dict(self) -> dict:
        return asdict(self)


class FilterError(ValueError):
    """A search filter the build cannot apply; `field` names the parameter (API and CLI alike)."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Filters:
    department: str | None = None
    subject: str | None = None
    kind: str | None = None
    region: str | None = None       # asked from this region: its entries and its ancestors' (guide.regions)

    def __bool__(self) -> bool:
        return bool(self.department or self.subject or self.kind or self.region)


@dataclass(frozen=True)
class SearchResult:
    query: str
    normalized: str
    hits: tuple[Hit, ...]
    confidence: Confidence
    signals: Signals


class Retriever(Protocol):
    """Matter-level retrieval over one build: the rows it really matched, best first, at most k."""

    name: str
    needs_vector: bool

    def retrieve(self, analysis: Analysis, vector: np.ndarray | None, k: int,
                 mask: np.ndarray | None) -> list[RetrieverHit]: ...


class Encoder(Protocol):
    """Texts to unit vectors; queries and passages may be encoded differently (e5's prefixes)."""

    name: str
    dim: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...
