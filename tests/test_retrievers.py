"""One suite every retrieval configuration must pass (empty query, unknown words, big k, ties, ids)."""
import pytest

from guide.service import METHODS

NAMES = [m for m in METHODS if m != "hybrid_use"]


@pytest.mark.parametrize("method", NAMES)
def test_retriever_contract(tiny_guide, method):
    ids = set(tiny_guide.ids)
    assert tiny_guide.search("的了吗", k=5, method=method).hits == ()              # only weak words
    unknown = tiny_guide.search("qzxv", k=5, method=method)                       # unknown words only:
    assert unknown.hits == () or unknown.confidence == "no_match"                # dense may suggest, never answer
    big = tiny_guide.search("身份证补领", k=100, method=method)
    assert 0 < len(big.hits) <= len(ids)
    assert {h.id for h in big.hits} <= ids
    again = tiny_guide.search("身份证补领", k=100, method=method)
    assert [h.id for h in again.hits] == [h.id for h in big.hits]                  # deterministic
    scores = [h.score for h in big.hits]
    assert scores == sorted(scores, reverse=True)
    with pytest.raises(ValueError):
        tiny_guide.search("身份证", k=0, method=method)


def test_filters(tiny_guide):
    hits = tiny_guide.search("身份证", k=10, department="GJJ").hits
    assert all(h.department == "GJJ" for h in hits)
    assert all(h.kind == "bundle" for h in tiny_guide.search("开饭馆", k=10, kind="bundle").hits)


def test_exact_alias_ranks_first_and_out_of_scope_is_no_match(tiny_guide):
    assert tiny_guide.search("开饭馆", k=3).hits[0].id == "370100-YJS-001"
    assert tiny_guide.search("你好", k=3).confidence == "no_match"
