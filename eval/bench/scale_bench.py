"""Benchmark: a province-size build (10^5-10^6 entries) measured stage by stage on this machine.

    nice -n 10 .venv/bin/python eval/bench/scale_bench.py                     # 10k, 100k, 1M entries
    nice -n 10 .venv/bin/python eval/bench/scale_bench.py --sizes 100000 --queries 100
    nice -n 10 .venv/bin/python eval/bench/scale_bench.py --set ivf_encoding=sq8 --set ivf_nprobe=16

The synthetic catalog. A provincial platform (爱山东) lists every hall's implementation of every
matter. Under the province's standard catalogue (四级四同: same name, basis, conditions and
materials at every level) the implementations share the matter's text and differ in the
implementing agency, the hall's address and its phone. So entry r of N is shipped entry
(r mod B) as implemented by hall r // B — the city centre (the shipped entry itself), the 15
district/county halls (real names), then street halls and community stations (names, addresses
and phones SYNTHETIC, benchcommon.jinan_halls) — with its own id `<base id>@<hall code>`, agency
and location, and the province text unchanged. The catalog thus has exactly B distinct texts
(B = the shipped matters + bundles, 407 today) however large N is.

Every build stage runs on all N entries with the build's own functions (guide/build.py:
analyze_distinct, BM25Index.build in chunks, alias_map, encode_distinct, build_faiss,
_write_catalog_db) and is timed, with the peak resident memory of the stage, and the artifacts are
written and measured on disk. Then ~200 dev questions go through the service's Searcher on the
in-memory indexes (FAISS with one OpenMP thread, as a server worker runs it).

Vectors. Each distinct passage is encoded once with the real e5 model (the variants share the
province text, so they share its vector: that is what encode_distinct writes to vectors_e5.npy).
The approximate index is built and measured on a HARDER synthetic stand-in: N distinct vectors,
each the real e5 vector of its entry's text plus Gaussian noise calibrated so the cosine to the
base equals the real cosine of e5 passages that add a hall sentence to the text (measured by the
encoding probe). Its recall@10 against exact search is measured on the dev questions' real query
vectors, for the configured parameters and a sweep of nprobe / efSearch.

Extrapolated (labelled): only the e5 time if every one of the N passages were distinct (N / the
probe's passages per second), which would take hours here. Reports: eval/reports/bench-scale.{md,json}.
Nothing here asserts on timings.
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchcommon as bc  # noqa: E402

from guide.search.types import Filters  # noqa: E402

HOURS = "工作日 9:00-12:00，13:00-17:00"


# ---------------------------------------------------------------- synthetic catalog

def hall_sentence(hall: bc.Hall) -> str:
    return f"本事项在{hall.name}办理，地址：{hall.address}。"


def hall_phone(hall: bc.Hall) -> str:
    """A SYNTHETIC 8-digit Jinan number per hall (0531 is Jinan's area code)."""
    return f"0531-{80000000 + zlib.crc32(hall.code.encode()) % 10000000}"


def make_variant(entry, hall: bc.Hall):
    """The entry as implemented at `hall`: the province text unchanged, the hall's own agency,
    address and phone. The city-level implementation is the shipped entry itself."""
    if hall.level == "city":
        return entry
    from guide.catalog import Bundle, Location

    changes = {"id": f"{entry.id}@{hall.code}"}
    if not isinstance(entry, Bundle):
        changes["agency"] = f"{hall.district}行政审批服务局"
        changes["locations"] = (Location(hall=hall.name, address=hall.address, hours=HOURS, phone=hall_phone(hall)),)
    return dataclasses.replace(entry, **changes)


def local_edition(entry, hall: bc.Hall):
    """The variant with a hall sentence added to its text: what a locally edited implementation
    looks like; the probe measures how far e5 moves such a passage from the province one."""
    return dataclasses.replace(make_variant(entry, hall), summary=entry.summary + hall_sentence(hall))


def synthetic_catalog(n: int, base=None):
    """(catalog of exactly n entries, base index per row, hall index per row) — rows in catalog.entries order."""
    from guide.catalog import Bundle, Catalog

    base = base or bc.shipped_catalog()
    entries = base.entries
    nb = len(entries)
    halls = bc.jinan_halls(math.ceil(n / nb))
    matters, bundles, m_src, b_src = [], [], [], []
    for i in range(n):
        h, b = divmod(i, nb)
        v = make_variant(entries[b], halls[h])
        (bundles if isinstance(v, Bundle) else matters).append(v)
        (b_src if isinstance(v, Bundle) else m_src).append((b, h))
    src = np.array(m_src + b_src, dtype=np.int64).reshape(-1, 2)
    catalog = Catalog(tuple(matters), tuple(bundles), dict(base.departments), content_hash=f"synthetic-{n}")
    return catalog, src[:, 0], src[:, 1], halls


# ---------------------------------------------------------------- the encoding probe

def encode_probe(encoder, sample: int, max_n: int) -> dict:
    """Encode the base passages and `sample` locally edited passages for real: throughput, base
    vectors, and the noise that makes a synthetic variant as far from its base as a real edit is."""
    from guide.documents import passage_text

    entries = bc.shipped_catalog().entries
    nb = len(entries)
    halls = bc.jinan_halls(max(2, math.ceil(max_n / nb)))
    t0 = time.perf_counter()
    base_vecs = encoder.encode_passages([passage_text(e) for e in entries])
    t_base = time.perf_counter() - t0
    pairs = [(i % nb, 1 + (i * 7919) % (len(halls) - 1)) for i in range(sample)]
    texts = [passage_text(local_edition(entries[b], halls[h])) for b, h in pairs]
    t0 = time.perf_counter()
    vecs = encoder.encode_passages(texts)
    t_sample = time.perf_counter() - t0
    b_idx = np.array([b for b, _ in pairs])
    cos_base = np.einsum("ij,ij->i", vecs, base_vecs[b_idx])
    c = float(np.clip(cos_base.mean(), 1e-3, 0.999999))
    dim = base_vecs.shape[1]
    sigma = math.sqrt((1.0 / c ** 2 - 1.0) / dim)
    return {
        "encoder": getattr(encoder, "name", type(encoder).__name__), "dim": int(dim),
        "base_passages": nb, "base_s": round(t_base, 3),
        "sample": sample, "sample_s": round(t_sample, 3),
        "passages_per_s": round(sample / t_sample, 2) if t_sample else None,
        "mean_passage_chars": round(float(np.mean([len(t) for t in texts])), 1) if texts else None,
        "cos_variant_to_base_mean": round(c, 4), "cos_variant_to_base_min": round(float(cos_base.min()), 4),
        "noise_sigma": sigma, "base_vectors": base_vecs.astype(np.float32),
    }


def synthetic_vectors(base_vecs: np.ndarray, base_of: np.ndarray, sigma: float, seed: int = 0,
                      chunk: int = 100_000) -> np.ndarray:
    """Row r = normalize(base vector of its entry + N(0, sigma^2) noise); the city rows stay exact."""
    rng = np.random.default_rng(seed)
    n, dim = len(base_of), base_vecs.shape[1]
    out = np.empty((n, dim), dtype=np.float32)
    for s in range(0, n, chunk):
        part = base_vecs[base_of[s:s + chunk]] + rng.standard_normal((min(chunk, n - s), dim), dtype=np.float32) * sigma
        part /= np.linalg.norm(part, axis=1, keepdims=True)
        out[s:s + chunk] = part
    first = np.arange(min(n, len(base_vecs)))            # rows of hall 0 are the shipped entries
    out[first] = base_vecs[base_of[first]]
    return out


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int, chunk: int = 100_000) -> np.ndarray:
    """Exact inner-product top-k rows per query (ground truth for recall), in row chunks."""
    best_s = np.full((len(queries), 0), -np.inf, dtype=np.float32)
    best_i = np.zeros((len(queries), 0), dtype=np.int64)
    for s in range(0, len(vectors), chunk):
        scores = queries @ vectors[s:s + chunk].T
        top = np.argpartition(-scores, min(k, scores.shape[1] - 1), axis=1)[:, :k]
        best_s = np.hstack([best_s, np.take_along_axis(scores, top, axis=1)])
        best_i = np.hstack([best_i, top + s])
        keep = np.argsort(-best_s, axis=1, kind="stable")[:, :k]
        best_s, best_i = np.take_along_axis(best_s, keep, axis=1), np.take_along_axis(best_i, keep, axis=1)
    return best_i


def ann_recall(index, queries: np.ndarray, truth: np.ndarray, k: int = 10) -> dict:
    """Mean recall@k of `index` against exact top-k, and its per-question latency (one thread)."""
    times, recall = [], []
    for q, want in zip(queries, truth):
        t0 = time.perf_counter()
        _, ids = index.search(q.reshape(1, -1), k)
        times.append(time.perf_counter() - t0)
        recall.append(len(set(ids[0].tolist()) & set(want.tolist())) / k)
    return {"recall_at_10": round(float(np.mean(recall)), 4), "min_recall": round(float(np.min(recall)), 2),
            **{f"search_{key}": v for key, v in bc.percentiles(times).items() if key != "n"}}


def ann_sweep(index, queries: np.ndarray, truth: np.ndarray) -> dict:
    """Recall and latency over search-time parameters (no rebuild): nprobe for IVF, efSearch for HNSW."""
    import faiss

    out = {}
    ivf = faiss.try_extract_index_ivf(index)
    if isinstance(index, faiss.IndexHNSW):
        before = index.hnsw.efSearch
        for ef in (32, 64, 128, 256):
            index.hnsw.efSearch = ef
            out[f"efSearch {ef}"] = ann_recall(index, queries, truth)
        index.hnsw.efSearch = before
    elif ivf is not None:
        before = ivf.nprobe
        for nprobe in (8, 16, 32, 64):
            ivf.nprobe = nprobe
            out[f"nprobe {nprobe}"] = ann_recall(index, queries, truth)
        ivf.nprobe = before
    return out


# ---------------------------------------------------------------- one size

class _Stages:
    def __init__(self):
        self.data: dict[str, dict] = {}

    def run(self, name: str, fn, how: str = "measured"):
        gc.collect()
        bc.reset_peak_rss()
        t0 = time.perf_counter()
        out = fn()
        dt = time.perf_counter() - t0
        self.data[name] = {"s": round(dt, 4), "how": how, "peak_rss_mib": bc.peak_rss_mib(),
                           "rss_after_mib": bc.rss_mib()}
        _log(f"  {name}: {dt:.2f} s ({how}); peak RSS {self.data[name]['peak_rss_mib']} MiB")
        return out

    def set(self, name: str, seconds: float, how: str, **extra):
        self.data[name] = {"s": round(seconds, 4), "how": how, **extra}
        _log(f"  {name}: {seconds:.2f} s ({how})")


def _log(msg: str) -> None:
    print(f"[scale] {msg}", file=sys.stderr, flush=True)


class _TimedRetriever:
    def __init__(self, inner, bucket: dict, key: str):
        self.inner, self.bucket, self.key = inner, bucket, key

    def retrieve(self, *args, **kwargs):
        t0 = time.perf_counter()
        out = self.inner.retrieve(*args, **kwargs)
        self.bucket[self.key] = self.bucket.get(self.key, 0.0) + time.perf_counter() - t0
        return out

    def __getattr__(self, name):
        return getattr(self.inner, name)


class _TimedEncoder:
    def __init__(self, inner, bucket: dict):
        self.inner, self.bucket = inner, bucket
        self.name, self.dim = getattr(inner, "name", "?"), inner.dim
        # The Searcher encodes a native-engine question in the request thread (else on a pool thread):
        # keep the inner encoder's way, or FAISS would run on a thread without the one-thread pin.
        self.engine, self.inline = getattr(inner, "engine", None), getattr(inner, "inline", False)

    def encode_queries(self, texts):
        t0 = time.perf_counter()
        out = self.inner.encode_queries(texts)
        self.bucket["encode_query"] = self.bucket.get("encode_query", 0.0) + time.perf_counter() - t0
        return out

    def encode_passages(self, texts):
        return self.inner.encode_passages(texts)


def _bench_searcher(pipeline, catalog, retrievers: dict, encoder, body_words):
    """The service's own Searcher, built from the in-memory indexes of this benchmark."""
    from guide.search.hybrid import EntryTable, Searcher
    from guide.search.lexical import WordRarity
    from guide.search.settings import load_retrieval_settings

    entries = catalog.entries
    table = EntryTable([e.id for e in entries], [e.name for e in entries], np.array([e.kind for e in entries]),
                       np.array([e.department for e in entries]), [frozenset(e.subjects) for e in entries])
    return Searcher(pipeline, table, retrievers, {"dense_e5": encoder}, WordRarity(body_words),
                    load_retrieval_settings())


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def run_size(n: int, probe: dict, workdir: Path, encoder, query_encoder=None, opts: dict | None = None) -> dict:
    """Every build stage on a synthetic catalog of n entries, then recall and the query benchmark.

    `probe` comes from encode_probe; `encoder` encodes the distinct passages, `query_encoder` (default:
    `encoder`) the questions. Artifacts go to `workdir` (deleted by the caller)."""
    # Import everything up front: the working tree may change while a long run is going, and one
    # process must not mix module versions.
    import faiss

    import guide.search.hybrid  # noqa: F401
    import guide.service  # noqa: F401
    from guide.build import LEXICAL_INDEXES, _write_catalog_db, alias_map, analyze_distinct, encode_distinct
    from guide.config import load_settings
    from guide.dense import AnnParams, build_faiss, configure_search, describe_faiss
    from guide.documents import dictionary_terms, passage_text
    from guide.lexical import BM25Index
    from guide.search.dense import DenseRetriever
    from guide.search.lexical import AliasRetriever, LexicalRetriever
    from guide.text import TextPipeline

    o = {"queries": 200, "filtered_queries": 10, "filtered_budget_s": 120, "seed": 0, "settings": {}, **(opts or {})}
    settings = load_settings(env={}, **o["settings"])
    ann = AnnParams.from_settings(settings)
    query_encoder = query_encoder or encoder
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    st = _Stages()
    _log(f"{n:,} entries")

    catalog, base_of, hall_of, halls = st.run("synthesize catalog (bench only)", lambda: synthetic_catalog(n))
    entries = catalog.entries
    nb = len(bc.shipped_catalog().entries)
    levels: dict[str, int] = {}
    for h in np.unique(hall_of):
        levels[halls[h].level] = levels.get(halls[h].level, 0) + 1

    pipeline = st.run("dictionary + tokenizer", lambda: TextPipeline(dictionary_terms(catalog)))
    (workdir / "userdict.txt").write_text("\n".join(pipeline.user_words) + "\n", encoding="utf-8")

    # ---- analysis: each distinct text once (guide.build.analyze_distinct), as guide build does
    def analyze_all():
        out = {}
        for _name, text_fn, _attr in LEXICAL_INDEXES:
            if text_fn.__name__ not in out:
                pinyin = any(fn is text_fn and a == "pinyin" for _, fn, a in LEXICAL_INDEXES)
                out[text_fn.__name__] = analyze_distinct(pipeline, (text_fn(e) for e in entries), pinyin=pinyin)
        return out
    analyses = st.run("analysis (each distinct text once)", analyze_all)
    distinct_analyses = {k: len({id(a) for a in v}) for k, v in analyses.items()}

    # ---- BM25 per field, in chunks of settings.bm25_chunk_docs documents
    indexes: dict[str, BM25Index] = {}
    bm25_info: dict[str, dict] = {}
    for name, text_fn, attr in LEXICAL_INDEXES:
        corpus = [getattr(a, attr) for a in analyses[text_fn.__name__]]
        index = st.run(f"bm25 {name}", lambda c=corpus: BM25Index.build(c, chunk_docs=settings.bm25_chunk_docs))
        st.run(f"bm25 {name} save", lambda i=index, nm=name: i.save(workdir, nm))
        w = index.weights
        bm25_info[name] = {"vocab": len(index.vocab), "nnz": int(w.nnz), "tokens": int(sum(len(d) for d in corpus)),
                           "bytes": _size(workdir / f"{name}.npz") + _size(workdir / f"{name}.json"),
                           "mem_bytes": int(w.data.nbytes + w.indices.nbytes + w.indptr.nbytes)}
        indexes[name] = index
        del corpus
    del analyses
    gc.collect()

    # ---- aliases (guide.build.alias_map)
    aliases = st.run("aliases", lambda: alias_map(entries))
    st.run("aliases.json write", lambda: (workdir / "aliases.json").write_text(
        json.dumps(aliases, ensure_ascii=False), encoding="utf-8"))

    # ---- dense: each distinct passage encoded once, for real (guide.build.encode_distinct)
    vectors, n_distinct = st.run("encode passages (e5, each distinct text once)",
                                 lambda: encode_distinct(encoder, [passage_text(e) for e in entries]))
    st.run("vectors_e5.npy write", lambda v=vectors: np.save(workdir / "vectors_e5.npy", v))
    del vectors
    rate = probe["passages_per_s"]
    st.set("e5 encoding if every passage were distinct", n / rate,
           f"extrapolated: {n:,} passages at the probe's {rate} passages/s")

    # ---- FAISS on N distinct vectors (the harder stand-in, see the docstring)
    distinct_vecs = st.run("synthesize distinct variant vectors (bench only)",
                           lambda: synthetic_vectors(probe["base_vectors"], base_of, probe["noise_sigma"], o["seed"]))
    faiss_index = st.run("faiss build", lambda: build_faiss(distinct_vecs, ann))
    st.run("faiss write", lambda: faiss.write_index(faiss_index, str(workdir / "faiss_e5.index")))
    faiss.omp_set_num_threads(1)                  # a server worker searches with one thread
    questions = bc.dev_queries(o["queries"])
    qvecs = np.ascontiguousarray(query_encoder.encode_queries(questions), dtype=np.float32)
    truth = st.run("exact top-10 for recall (bench only)", lambda: exact_top(distinct_vecs, qvecs, 10))
    recall = {"index": describe_faiss(faiss_index), "kind": ann.kind(n), **ann_recall(faiss_index, qvecs, truth),
              "sweep": ann_sweep(faiss_index, qvecs, truth)}
    configure_search(faiss_index, ann)
    _log(f"  ANN {recall['index']}: recall@10 {recall['recall_at_10']}, search p50 {recall['search_p50_ms']} ms")

    # ---- catalog.db
    db_path = workdir / "catalog.db"
    st.run("catalog.db", lambda: _write_catalog_db(db_path, catalog))

    # ---- queries through the service's search path, on the in-memory indexes
    bucket: dict[str, float] = {}
    retrievers = {name: LexicalRetriever(name, indexes[name], attr) for name, _fn, attr in LEXICAL_INDEXES}
    retrievers["alias"] = AliasRetriever(aliases, {e.id: r for r, e in enumerate(entries)})
    retrievers["dense_e5"] = DenseRetriever("dense_e5", faiss_index, n, distinct_vecs)
    timed = {k: _TimedRetriever(v, bucket, k) for k, v in retrievers.items()}
    g = st.run("load Searcher (bench only: in-memory indexes)",
               lambda: _bench_searcher(pipeline, catalog, timed, _TimedEncoder(query_encoder, bucket),
                                       indexes["body_words"]))
    for q in questions[:3]:                                   # warm-up
        g.search(q, 5)
    totals, parts = [], {}
    for q in questions:
        bucket.clear()
        t0 = time.perf_counter()
        g.search(q, 5)
        totals.append(time.perf_counter() - t0)
        spent = 0.0
        for k, v in bucket.items():
            parts.setdefault(k, []).append(v)
            spent += v
        parts.setdefault("analyze + fusion + signals", []).append(totals[-1] - spent)
    departments = g.table.departments
    dept = max(set(departments.tolist()), key=departments.tolist().count)
    filtered, fparts, budget = [], {}, time.perf_counter() + o["filtered_budget_s"]
    for q in questions[:o["filtered_queries"]]:
        if time.perf_counter() > budget:
            break
        bucket.clear()
        t0 = time.perf_counter()
        g.search(q, 5, Filters(department=dept))
        filtered.append(time.perf_counter() - t0)
        for k, v in bucket.items():
            fparts.setdefault(k, []).append(v)
    no_enc = [t - e for t, e in zip(totals, parts.get("encode_query", [0.0] * len(totals)))]
    queries = {"method": "hybrid (guide.search Searcher, k=5, no cache)", "total": bc.percentiles(totals),
               "total_without_query_encoding": bc.percentiles(no_enc),
               "components": {k: bc.percentiles(v) for k, v in parts.items()},
               "filtered_department": dept, "filtered_rows": int((departments == dept).sum()),
               "filtered_total": bc.percentiles(filtered),
               "filtered_components": {k: bc.percentiles(v) for k, v in fparts.items()}}
    _log(f"  queries: p50 {queries['total']['p50_ms']} ms, p95 {queries['total']['p95_ms']} ms; "
         f"filtered p50 {queries['filtered_total']['p50_ms']} ms")

    sizes = {f"{name}.npz+json": info["bytes"] for name, info in bm25_info.items()}
    for f in ("aliases.json", "vectors_e5.npy", "faiss_e5.index", "catalog.db", "userdict.txt"):
        sizes[f] = _size(workdir / f)
    build_stages = [k for k, v in st.data.items() if "(bench only)" not in k and v["how"] == "measured"]
    return {
        "entries": n, "matters": len(catalog.matters), "bundles": len(catalog.bundles), "base_entries": nb,
        "distinct_texts": {"passage": n_distinct, **distinct_analyses},
        "unique_ids": len(set(g.table.ids)), "halls_used": int(len(np.unique(hall_of))), "hall_levels": levels,
        "dictionary_words": len(pipeline.user_words), "stages": st.data,
        "build_s": round(sum(st.data[k]["s"] for k in build_stages), 1),
        "bm25": bm25_info, "bm25_chunk_docs": settings.bm25_chunk_docs, "ann": recall,
        "ann_params": dataclasses.asdict(ann),
        "vectors": (f"vectors_e5.npy: real e5 vectors of the {n_distinct} distinct passages, one row per entry; "
                    f"FAISS: {n:,} distinct vectors, base + N(0, {probe['noise_sigma']:.4f}^2) noise "
                    f"(cosine to base {probe['cos_variant_to_base_mean']}, as measured for locally edited passages)"),
        "disk_bytes": sizes, "disk_total_bytes": int(sum(sizes.values())), "queries": queries,
        "peak_rss_mib_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "options": o,
    }


# ---------------------------------------------------------------- driver

def _child(args) -> int:
    """One size in this process: load the probe and the encoders, run, write the JSON result."""
    from guide.dense import load_encoder, load_query_encoder

    with open(args.probe, encoding="utf-8") as fh:
        probe = json.load(fh)
    probe["base_vectors"] = np.load(args.probe + ".npy")
    opts = json.loads(args.opts)
    with tempfile.TemporaryDirectory(prefix=f"scale-{args.child}-", dir=args.workdir) as tmp:
        result = run_size(args.child, probe, Path(tmp), encoder=load_encoder(), query_encoder=load_query_encoder(),
                          opts=opts)
    Path(args.result).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


def _probe_child(args) -> int:
    from guide.dense import load_encoder

    t0 = time.perf_counter()
    encoder = load_encoder()
    load_s = time.perf_counter() - t0
    probe = encode_probe(encoder, args.encode_sample, args.max_n)
    probe["model_load_s"] = round(load_s, 3)
    np.save(args.probe + ".npy", probe.pop("base_vectors"))
    Path(args.probe).write_text(json.dumps(probe), encoding="utf-8")
    return 0


STAGE_ROWS = [
    ("dictionary + tokenizer", "dictionary + tokenizer"),
    ("analysis (each distinct text once)", "analysis (jieba, chars, pinyin)"),
    ("bm25 body_chars", "BM25 body_chars"), ("bm25 body_words", "BM25 body_words"),
    ("bm25 title_chars", "BM25 title_chars"), ("bm25 title_words", "BM25 title_words"),
    ("bm25 title_pinyin", "BM25 title_pinyin"),
    ("aliases", "aliases"),
    ("encode passages (e5, each distinct text once)", "e5 encoding (distinct passages)"),
    ("faiss build", "FAISS build"),
    ("catalog.db", "catalog.db (SQLite)"),
]
ARTIFACTS = ["title_words.npz+json", "body_words.npz+json", "title_chars.npz+json", "body_chars.npz+json",
             "title_pinyin.npz+json", "aliases.json", "vectors_e5.npy", "faiss_e5.index", "catalog.db"]


def _sec(s: float) -> str:
    return f"{s:,.1f}" if s >= 1 else f"{s:.3f}"


def markdown(results: list[dict], probe: dict, info: dict, wall: dict) -> str:
    heads = lambda first: [first] + [f"{r['entries']:,}" for r in results]  # noqa: E731

    def stage(r, key, field="s"):
        s = r["stages"].get(key)
        return None if s is None else _sec(s[field]) if field == "s" else s.get(field)

    rows = [[label] + [stage(r, key) for r in results] for key, label in STAGE_ROWS]
    writes = [sum(v["s"] for k, v in r["stages"].items() if k.endswith((" save", " write"))) for r in results]
    rows.append(["writing the files"] + [_sec(x) for x in writes])
    rows.append(["**build, measured**"] + [f"**{_sec(r['build_s'])}** (≈{r['build_s'] / 60:.1f} min)" for r in results])
    rows.append(["e5 if every passage were distinct (extrapolated)"] + [
        f"{r['stages']['e5 encoding if every passage were distinct']['s'] / 3600:,.1f} h" for r in results])
    stage_table = bc.md_table(heads("stage (s)"), rows)

    size_rows = [[a] + [bc.human_bytes(r["disk_bytes"].get(a)) for r in results] for a in ARTIFACTS]
    size_rows.append(["**total**"] + [f"**{bc.human_bytes(r['disk_total_bytes'])}**" for r in results])
    size_table = bc.md_table(heads("artifact on disk"), size_rows)

    mem_keys = ["synthesize catalog (bench only)", "analysis (each distinct text once)", "bm25 body_chars",
                "encode passages (e5, each distinct text once)", "faiss build", "catalog.db"]
    mem_rows = [[f"peak during {k}"] + [stage(r, k, "peak_rss_mib") for r in results] for k in mem_keys]
    mem_rows.append(["BM25 matrices in memory (all 5)"] + [
        round(sum(b["mem_bytes"] for b in r["bm25"].values()) / 2**20, 1) for r in results])
    mem_rows.append(["**peak RSS of the whole run**"] + [f"**{r['peak_rss_mib_process']:,.0f}**" for r in results])
    mem_table = bc.md_table(heads("memory (MiB)"), mem_rows)

    ann_rows = [["index (configured)"] + [r["ann"]["index"] for r in results],
                ["recall@10 vs exact"] + [r["ann"]["recall_at_10"] for r in results],
                ["lowest recall@10 of a question"] + [r["ann"]["min_recall"] for r in results],
                ["FAISS search p50 / p95 (ms, 1 thread)"] + [
                    f"{r['ann']['search_p50_ms']:.2f} / {r['ann']['search_p95_ms']:.2f}" for r in results]]
    sweep_keys = list(dict.fromkeys(k for r in results for k in r["ann"]["sweep"]))
    ann_rows += [[f"  {k}: recall@10, p50 ms"] + [
        f"{r['ann']['sweep'][k]['recall_at_10']}, {r['ann']['sweep'][k]['search_p50_ms']:.2f}"
        if k in r["ann"]["sweep"] else None for r in results] for k in sweep_keys]
    ann_table = bc.md_table(heads("ANN (dev questions' e5 vectors)"), ann_rows)

    comp = sorted({k for r in results for k in r["queries"]["components"]},
                  key=lambda k: -max(r["queries"]["components"].get(k, {}).get("mean_ms") or 0 for r in results))
    q_rows = [["hybrid search p50"] + [r["queries"]["total"]["p50_ms"] for r in results],
              ["hybrid search p95"] + [r["queries"]["total"]["p95_ms"] for r in results],
              ["without query encoding p50"] + [r["queries"]["total_without_query_encoding"]["p50_ms"] for r in results],
              ["without query encoding p95"] + [r["queries"]["total_without_query_encoding"]["p95_ms"] for r in results]]
    q_rows += [[f"  mean: {k}"] + [r["queries"]["components"].get(k, {}).get("mean_ms") for r in results] for k in comp]
    q_rows.append([f"filtered by department ({results[0]['queries']['filtered_department']}) p50 (n)"] +
                  [f"{r['queries']['filtered_total']['p50_ms']} ({r['queries']['filtered_total']['n']})" for r in results])
    q_table = bc.md_table(heads("query latency (ms)"), q_rows)

    bm_rows = [[name] + [f"{r['bm25'][name]['vocab']:,} / {r['bm25'][name]['nnz']:,}" for r in results]
               for name in results[0]["bm25"]]
    bm_table = bc.md_table(heads("BM25 field: vocab / nnz"), bm_rows)

    r0 = results[0]
    lines = ["# Scale benchmark: province-size synthetic catalogs", "",
             "## Build stages (seconds, measured on all entries unless marked)", "", stage_table, "",
             "## Index size on disk", "", size_table, "", "## Memory", "", mem_table, "",
             "## Approximate nearest neighbours (FAISS on N distinct vectors)", "", ann_table, "",
             f"## Query latency ({r0['queries']['total']['n']} dev questions, {r0['queries']['method']}; "
             f"incl. e5 query encoding)", "", q_table, "", "## BM25 indexes", "", bm_table, "", "## Notes", ""]
    for r in results:
        lines.append(f"- **{r['entries']:,}** entries ({r['matters']:,} matters, {r['bundles']:,} bundles, "
                     f"{r['unique_ids']:,} unique ids; halls: {r['hall_levels']}); distinct texts: "
                     f"{r['distinct_texts']}; BM25 chunks of {r['bm25_chunk_docs']:,} documents; "
                     f"FAISS {r['ann']['index']}. Wall time of this size: {wall.get(r['entries'], 0):.0f} s.")
    lines += [
        f"- Vectors: {r0['vectors']}.",
        f"- Encoding probe ({probe['encoder']}): {probe['base_passages']} province passages in {probe['base_s']:.1f} s; "
        f"{probe['sample']:,} locally edited passages (mean {probe['mean_passage_chars']} chars) in "
        f"{probe['sample_s']:.1f} s = {probe['passages_per_s']} passages/s; cosine of an edited passage to its "
        f"province passage: mean {probe['cos_variant_to_base_mean']} (min {probe['cos_variant_to_base_min']}).",
        "- Street and community halls, all addresses and phones are synthetic (district/county names are real).",
        "- Query latency: the real e5 query encoder and the service's Searcher on the in-memory indexes; "
        "per-component means come from wrapping each retriever's `retrieve`. All rows are in one region, "
        "so no region mask narrows the search: the worst case for the unfiltered path.",
        "", bc.machine_markdown(info)]
    return "\n".join(lines)


def _report(args, info, probe, results, failed, wall, total):
    md = markdown(results, probe, info, wall) if results else "# Scale benchmark: no size completed"
    if failed:
        md += "\n\nFailed sizes: " + "; ".join(f"{n:,}: {why}" for n, why in failed.items())
    probe_s = "reused from an earlier run" if args.reuse_probe else f"{wall['probe']:.0f} s"
    md += f"\n\nTotal wall time of this run: {total:.0f} s (encoding probe {probe_s})."
    data = {"benchmark": "scale", "args": {k: v for k, v in vars(args).items() if k not in
                                           ("child", "probe", "probe_only", "max_n", "opts", "result")},
            "machine": info, "probe": probe, "results": results, "failed": {str(k): v for k, v in failed.items()},
            "wall_s": {str(k): round(v, 1) for k, v in wall.items()}, "total_wall_s": round(total, 1)}
    return md, data


def _parse_set(items: list[str]) -> dict:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"--set {item!r}: expected NAME=VALUE (a guide.config.Settings field)")
        out[key.strip()] = value.strip()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated catalog sizes")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--filtered-queries", type=int, default=10)
    ap.add_argument("--filtered-budget", type=float, default=120.0, help="seconds; stop filtered queries after it")
    ap.add_argument("--encode-sample", type=int, default=200, help="edited passages encoded to calibrate the noise")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a Settings override for the build (e.g. ivf_encoding=sq8, ivf_nprobe=16)")
    ap.add_argument("--reuse-probe", default=None, help="probe.json of an earlier run (skips the encoding probe)")
    ap.add_argument("--workdir", default=None, help="where the artifacts are written (deleted after each size)")
    ap.add_argument("--out", default="bench-scale", help="report stem under eval/reports/")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--probe", help=argparse.SUPPRESS)
    ap.add_argument("--probe-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--max-n", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--opts", default="{}", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    ap.add_argument("--rerender", help="rewrite the Markdown report from this JSON report (no benchmark run)")
    args = ap.parse_args(argv)
    if args.child:
        return _child(args)
    if args.probe_only:
        return _probe_child(args)
    if args.rerender:
        data = json.loads(Path(args.rerender).read_text(encoding="utf-8"))
        wall = {int(k) if k.isdigit() else k: v for k, v in data["wall_s"].items()}
        md = markdown(data["results"], data["probe"], data["machine"], wall)
        md += f"\n\nTotal wall time of this run: {data['total_wall_s']:.0f} s (encoding probe " \
              f"{'reused from an earlier run' if data['args'].get('reuse_probe') else str(wall.get('probe')) + ' s'})."
        bc.write_report(Path(args.rerender).stem, data, md, Path(args.rerender).parent)
        print(md)
        return 0

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    overrides = _parse_set(args.set)
    from guide.config import load_settings

    load_settings(env={}, **overrides)            # a bad override fails here, naming the setting
    info = bc.machine_info()
    opts = {"queries": args.queries, "filtered_queries": args.filtered_queries,
            "filtered_budget_s": args.filtered_budget, "settings": overrides}
    script = str(Path(__file__).resolve())
    wall: dict = {}
    t_all = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-scale-", dir=args.workdir) as tmp:
        probe_path = str(Path(tmp) / "probe.json")
        t0 = time.perf_counter()
        if args.reuse_probe:                  # a probe.json (+ probe.json.npy) kept from an earlier run
            import shutil

            shutil.copy(args.reuse_probe, probe_path)
            shutil.copy(args.reuse_probe + ".npy", probe_path + ".npy")
            _log(f"encoding probe reused from {args.reuse_probe}")
        else:
            _log(f"encoding probe: {args.encode_sample} passages ...")
            subprocess.run([sys.executable, script, "--probe-only", "--probe", probe_path,
                            "--encode-sample", str(args.encode_sample), "--max-n", str(max(sizes))], check=True)
        wall["probe"] = time.perf_counter() - t0
        probe = json.loads(Path(probe_path).read_text(encoding="utf-8"))
        _log(f"probe: {probe['passages_per_s']} passages/s, cos to base {probe['cos_variant_to_base_mean']}")
        results, failed = [], {}
        for n in sizes:
            result_path = Path(tmp) / f"result-{n}.json"
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, script, "--child", str(n), "--probe", probe_path, "--workdir", tmp,
                                   "--opts", json.dumps(opts), "--result", str(result_path)])
            wall[n] = time.perf_counter() - t0
            if proc.returncode == 0:
                results.append(json.loads(result_path.read_text(encoding="utf-8")))
                _log(f"{n:,} done in {wall[n]:.0f} s")
            else:
                failed[n] = f"child exited with {proc.returncode} after {wall[n]:.0f} s"
                _log(f"{n:,} FAILED: {failed[n]}")
            md, data = _report(args, info, probe, results, failed, wall, time.perf_counter() - t_all)
            json_path, md_path = bc.write_report(args.out, data, md)     # after every size: partial runs survive
    print(md)
    print(f"\nwritten: {json_path.relative_to(bc.PROJECT_ROOT)}, {md_path.relative_to(bc.PROJECT_ROOT)}",
          file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
