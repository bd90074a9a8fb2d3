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


class _CountingEncoder:
    """Wraps the real encoder and counts query encodings."""

    def __init__(self, inner):
        self.inner, self.calls = inner, 0
        self.name, self.dim, self.engine = inner.name, inner.dim, getattr(inner, "engine", None)

    def encode_queries(self, texts):
        self.calls += 1
        return self.inner.encode_queries(texts)

    def encode_passages(self, texts):
        return self.inner.encode_passages(texts)


def test_clear_lexical_answer_skips_the_encoder_and_keeps_the_first_hit(shipped_guide, monkeypatch):
    counting = _CountingEncoder(shipped_guide.encoder)
    monkeypatch.setattr(shipped_guide, "encoder", counting)
    exact = shipped_guide._search("居民身份证换领", 5, None, None, None, METHODS["hybrid"])
    assert exact.signals.get("dense_skipped") and counting.calls == 0
    full = shipped_guide._search("居民身份证换领", 5, None, None, None, METHODS["hybrid_full"])
    assert counting.calls == 1 and "dense_skipped" not in full.signals
    assert exact.hits[0].id == full.hits[0].id and exact.confidence == full.confidence == "confident"
    # colloquial wording with few shared words: the dense retriever must still be asked
    vague = shipped_guide._search("家里老人走了要办啥手续", 5, None, None, None, METHODS["hybrid"])
    assert counting.calls == 2 and "dense_skipped" not in vague.signals
    # the lexical-only and out-of-scope paths never skip into "confident" by accident
    assert shipped_guide._search("今天天气怎么样", 5, None, None, None, METHODS["hybrid"]).confidence == "no_match"
