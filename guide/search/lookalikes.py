"""Lookalikes: the services a matter is not, which the catalog lacks.

"老年人优待证在哪办" shares 优待证 with 退役军人优待证申领 and little else; the retrievers rank that
matter first and, with no rival in the catalog, far ahead, so the margin says "confident". The
matter's file knows better: its `lookalikes` list names real services of other holders or
departments that citizens take for it (老年人优待证). When the question names one of them better
than it names any of the top hit's own names, the top hit is not what was asked, and the search
says no match, naming the lookalike, rather than answer the wrong service.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from guide.search.lexical import bigram_fit, term_bigrams

# Share of a lookalike's character bigrams the question must hold: all but a stray one of a
# six-character name (老年人优待证 in "老年人的优待证去哪办" holds 4 of 5).
MIN_FIT = 0.75
# ...or, in another word order ("设立股份有限公司" for 股份有限公司设立登记), at least this share
# when the question holds every gram that tells the lookalike from the entry's own names (股份,
# 份有), and there are at least two of them: one gram (分公 of 分公司变更登记) is too little to go on.
MARKED_FIT = 0.5


@dataclass(frozen=True)
class Lookalike:
    term: str                       # normalized
    grams: frozenset[str]
    marks: frozenset[str]           # its grams none of the entry's own names has


def prepare(terms: Iterable[str], own_names: Iterable[str]) -> tuple[Lookalike, ...]:
    """An entry's lookalikes with the grams that set them apart from its names and aliases."""
    own = frozenset().union(*(term_bigrams(n) for n in own_names))
    out = []
    for term in terms:
        grams = frozenset(term_bigrams(term))
        out.append(Lookalike(term, grams, grams - own))
    return tuple(out)


def named_lookalike(question: str, lookalikes: Sequence[Lookalike], own_fit: float) -> str:
    """The lookalike the (normalized) question names, if it fits better than the entry's own best
    name (`own_fit`) and either fits at least MIN_FIT or holds all its marks; "" otherwise."""
    if not lookalikes:
        return ""
    grams = term_bigrams(question)
    best, best_fit = "", 0.0
    for look in lookalikes:
        f = bigram_fit(look.grams, grams)     # the measure of the alias retriever's name_fit: like with like
        if f <= own_fit:
            continue
        if f >= MIN_FIT or (len(look.marks) >= 2 and look.marks <= grams and f >= MARKED_FIT):
            if f > best_fit:
                best, best_fit = look.term, f
    return best
