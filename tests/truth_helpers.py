"""Shared by the tests that pin statute facts of the shipped catalog (tests/test_truth_*.py; the
`catalog` fixture is in conftest.py)."""
from __future__ import annotations


def matter(catalog, matter_id):
    found = catalog.get(matter_id)
    assert found is not None, matter_id
    return found


def names(m, chosen):
    """Material names that apply to the chosen situations."""
    return [x.name for x in m.materials if x.applies(chosen)]


def option_label(m, situation_id, option_id):
    situation = next(s for s in m.situations if s.id == situation_id)
    return next(o.label for o in situation.options if o.id == option_id)


def source(m, law_part, article=None):
    """The matter's `sources` entry whose law holds `law_part` (and whose article is `article`)."""
    found = [s for s in m.sources if law_part in (s.law or "") and (article is None or s.article == article)]
    assert found, (m.id, law_part, article)
    return found[0]


def cites(m, law_part, article_part, cover) -> bool:
    """Some `sources` entry of the matter names the law and article and covers the field."""
    return any(law_part in (s.law or "") and article_part in (s.article or "") and cover in s.covers
               for s in m.sources)
