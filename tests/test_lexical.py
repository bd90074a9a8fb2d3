"""Our sparse BM25 equals rank-bm25's BM25Okapi on the shipped catalog's tokens."""
import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from guide.config import PROJECT_ROOT
from guide.documents import body_text, dictionary_terms, title_text
from guide.lexical import BM25Index
from guide.loader import load_catalog
from guide.text import TextPipeline


def test_scores_equal_rank_bm25_on_shipped_catalog():
    catalog = load_catalog(PROJECT_ROOT / "data" / "matters")
    pipeline = TextPipeline(dictionary_terms(catalog))
    for text_fn, attr in ((title_text, "words"), (body_text, "words"), (body_text, "chars")):
        corpus = [list(getattr(pipeline.analyze(text_fn(e)), attr)) for e in catalog.entries]
        ours, ref = BM25Index.build(corpus), BM25Okapi(corpus)
        for query in ("身份证丢了补办", "住房公积金提取租房", "开饭馆食品经营许可", "营业执照遗失", "火星"):
            tokens = list(getattr(pipeline.analyze(query), attr)) * 1
            assert np.allclose(ours.scores(tokens), ref.get_scores(tokens), rtol=1e-5, atol=1e-5)


def test_repeated_query_terms_count_twice_and_ties_are_deterministic():
    corpus = [["a", "b"], ["a", "c"], ["b", "b", "d"], ["e"], ["f"], ["g"]]
    ours, ref = BM25Index.build(corpus), BM25Okapi(corpus)
    assert np.allclose(ours.scores(["b", "b", "z"]), ref.get_scores(["b", "b", "z"]))
    rows, _ = ours.top(["a"], 10)
    assert rows.tolist() == [0, 1]          # equal scores: lower row first; unmatched rows never returned


def test_matched_terms_per_document_in_query_order():
    corpus = [["a", "b"], ["a", "c"], ["b", "b", "d"], ["e"], ["f"], ["g"], ["h"], ["i"]]
    index = BM25Index.build(corpus)
    got = index.matched_many(["b", "a", "b", "zz", "d"], [2, 0, 3, 1])
    assert got == {2: ["b", "d"], 0: ["b", "a"], 3: [], 1: ["a"]}
    assert index.matched_many(["c", "e"], [3]) == {3: ["e"]}


def test_save_and_load_round_trip(tmp_path):
    index = BM25Index.build([["x", "y"], ["y"]])
    index.save(tmp_path, "t")
    again = BM25Index.load(tmp_path, "t")
    assert np.allclose(again.scores(["y"]), index.scores(["y"]))


def test_partial_top_k_keeps_ties_and_order_of_a_full_sort():
    from guide.search.lexical import LexicalRetriever
    from guide.text import Analysis

    rng = np.random.default_rng(7)
    vocab = [f"w{i}" for i in range(12)]
    corpus = [list(rng.choice(vocab, size=int(rng.integers(3, 9)))) for _ in range(600)]
    corpus += [["w0", "w1"]] * 40                        # many exact ties around the cut
    index = BM25Index.build(corpus)
    retriever = LexicalRetriever("t", index, "words")
    query = ("w0", "w1")
    got = [(h.row, h.score) for h in retriever.retrieve(Analysis("", query, (), ()), None, 25, None)]
    scores = index.scores(query)
    hit = np.flatnonzero(scores > 0)
    want = hit[np.lexsort((hit, -scores[hit]))][:25]
    assert [r for r, _ in got] == [int(r) for r in want]
    mask = np.zeros(len(corpus), dtype=bool)
    mask[::3] = True
    masked = [h.row for h in retriever.retrieve(Analysis("", query, (), ()), None, 25, mask)]
    assert masked and all(mask[r] for r in masked)
    hit = np.flatnonzero(np.where(mask, scores, 0) > 0)
    assert masked == [int(r) for r in hit[np.lexsort((hit, -scores[hit]))][:25]]


def test_chunked_build_equals_one_shot_build_and_rank_bm25():
    """Province-size builds count documents in chunks; the weights must not depend on the chunk size."""
    import pytest

    rng = np.random.default_rng(11)
    vocab = [f"t{i}" for i in range(300)]
    shared = list(rng.choice(vocab, size=12))               # one text repeated by many variants
    corpus = [shared if i % 5 == 0 else list(rng.choice(vocab, size=int(rng.integers(0, 25))))
              for i in range(1000)]
    one_shot = BM25Index.build(corpus, chunk_docs=len(corpus))
    ref = BM25Okapi(corpus)
    for chunk in (1, 7, 333, 999):
        chunked = BM25Index.build(corpus, chunk_docs=chunk)
        assert chunked.vocab == one_shot.vocab and chunked.params == one_shot.params
        for attr in ("indptr", "indices", "data"):
            assert np.array_equal(getattr(chunked.weights, attr), getattr(one_shot.weights, attr)), (chunk, attr)
        assert chunked.weights.has_sorted_indices
    for query in (["t1", "t2", "t2"], shared[:3], ["nope"]):
        assert np.allclose(one_shot.scores(query), ref.get_scores(query), rtol=1e-5, atol=1e-5)
    with pytest.raises(ValueError, match="chunk_docs"):
        BM25Index.build(corpus, chunk_docs=0)


def test_a_scoped_index_equals_rank_bm25_built_on_the_visible_documents_alone(tmp_path):
    """One region's view of a two-region build: scores equal BM25Okapi over what it sees (its N,
    document frequencies, avgdl and epsilon floor), and nothing it cannot see scores."""
    rng = np.random.default_rng(11)
    vocab = [f"w{i}" for i in range(30)]
    corpus = [list(rng.choice(vocab[:20] if i % 3 else vocab, size=int(rng.integers(2, 12)))) for i in range(300)]
    corpus += [["w0"]] * 200                       # common in the hidden half only: its idf differs most
    visible = np.array([i % 3 != 0 for i in range(300)] + [False] * 200)
    index = BM25Index.build(corpus)
    index.save(tmp_path, "t")                      # the view is made from a loaded index, as the server does
    scoped = BM25Index.load(tmp_path, "t").scoped(visible)
    seen = [doc for doc, v in zip(corpus, visible) if v]
    ref = BM25Okapi(seen)
    for query in (["w0", "w3"], ["w1", "w1", "w25"], ["w19"], ["w29"]):
        got = scoped.scores(query)
        assert np.allclose(got[visible], ref.get_scores(query), rtol=1e-5, atol=1e-5), query
        assert not got[~visible].any()
    assert not np.allclose(index.scores(["w0"])[visible], ref.get_scores(["w0"]))   # the global view differs
    assert np.allclose(index.scoped(np.ones(len(corpus), dtype=bool)).scores(["w0", "w7"]),
                       index.scores(["w0", "w7"]), rtol=1e-6)


def test_pinyin_coverage_counts_words_pinyin_cannot_see():
    """"ETC卡坏了怎么补半": the pinyin run matches ka_huai and bu_ban of 社会保障卡补换, but "etc" has no
    pinyin and was not matched as a word, so the hit covers two of three parts, not all."""
    from guide.search.lexical import pinyin_coverage

    pinyin, words = ("ka_huai", "bu_ban"), ("etc", "卡坏", "补半")
    assert pinyin_coverage(pinyin, pinyin, words, ()) == pytest.approx(2 / 3)
    assert pinyin_coverage(pinyin, pinyin, words, ("etc",)) == 1.0      # matched as a word: seen
    assert pinyin_coverage(pinyin, pinyin, ("卡坏", "补半"), ()) == 1.0
    assert pinyin_coverage(pinyin, pinyin, ("shebaoka", "补半"), ()) == 1.0   # pinyin typed: seen
    assert pinyin_coverage((), (), ("etc",), ()) == 0.0
