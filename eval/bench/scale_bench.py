"""Benchmark: index build stages, disk sizes, memory and query latency on synthetic Jinan catalogs.

    nice -n 10 .venv/bin/python eval/bench/scale_bench.py                       # 10k, 100k, 1M entries
    nice -n 10 .venv/bin/python eval/bench/scale_bench.py --sizes 10000 --queries 50

A synthetic catalog of N entries is made from the shipped one (143 matters and bundles): every
entry is implemented once per hall — the city centre (the original entry), the 15 district/county
halls (real names: 历下区 … 商河县, 高新区, 南部山区, 起步区), then street halls and, beyond ~45k
entries, community service stations. Street and community names and every address are SYNTHETIC
(benchcommon.jinan_halls). A variant has its own id (`<base id>@<hall code>`), agency, location and
a summary sentence naming its hall and address, so hall text reaches the indexed body and passage.

Each size runs in its own subprocess (so peak memory is per size) and goes through the stages of
guide/build.py with the project's own code: dictionary + TextPipeline, analysis, one BM25Index per
lexical field, the aliases map, passage encoding, FAISS (guide.dense.build_faiss: exact below the
configured hnsw_threshold, HNSW above), catalog.db (guide.build._write_catalog_db). Then ~200 dev
questions go through Guide._search (the service's hybrid path) on the in-memory indexes.

What is measured and what is extrapolated (each figure is labelled in the output):
  * Encoding with e5 on 2 CPU cores runs at ~10 passages/s, so it is measured once on a sample
    (--encode-sample variant passages) and extrapolated to N. The vectors used for FAISS and the
    queries are the real e5 vectors of the 143 base passages plus Gaussian noise per variant,
    with the noise calibrated so a variant's cosine to its base matches the sample's real one.
  * Analysis (jieba + char grams + pinyin) costs ~30 ms an entry (10k entries: ~5 min), so above
    --tokenize-limit (default 0: at every size) it is measured on --tokenize-sample entries spread
    over the catalog and extrapolated; the token lists themselves are then composed from the real
    analysis of the base entry plus the real analysis of the hall sentence.
  * The aliases loop of build.py is quadratic in the variants per name; above --alias-limit it is
    timed on a slice and extrapolated (linear part x N/n, quadratic part x (N/n)^2).
  * FAISS above --hnsw-limit (default 400k) and catalog.db above --sqlite-limit (default 200k) are
    built on a slice and extrapolated (n log n for HNSW, linear for SQLite); the queries at such a
    size then search the FAISS slice. A BM25 field whose build would leave less than
    --mem-margin-gib free memory is built on a slice too (extrapolated, queries pad it with zeros).
    Everything else is measured at full size.
Reports: eval/reports/bench-scale.{md,json}. Nothing here asserts on timings.
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchcommon as bc  # noqa: E402

from guide.lexical import BM25Index  # noqa: E402
from guide.search.types import Filters  # noqa: E402

HOURS = "工作日 9:00-12:00，13:00-17:00"


# ---------------------------------------------------------------- synthetic catalog

def hall_sentence(hall: bc.Hall) -> str:
    return f"本事项在{hall.name}办理，地址：{hall.address}。"


def make_variant(entry, hall: bc.Hall):
    """The entry as implemented at `hall`; the city-level implementation is the shipped entry itself."""
    if hall.level == "city":
        return entry
    from guide.catalog import Bundle, Location

    changes = {"id": f"{entry.id}@{hall.code}", "summary": entry.summary + hall_sentence(hall)}
    if not isinstance(entry, Bundle):
        changes["agency"] = f"{hall.district}行政审批服务局"
        changes["locations"] = (Location(hall=hall.name, address=hall.address, hours=HOURS, phone=""),)
    return dataclasses.replace(entry, **changes)


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
    """Encode the base passages and `sample` variant passages for real: throughput, base vectors,
    and the noise that makes synthetic variants as close to their base as the real ones are."""
    from guide.documents import passage_text

    entries = bc.shipped_catalog().entries
    nb = len(entries)
    halls = bc.jinan_halls(max(2, math.ceil(max_n / nb)))
    t0 = time.perf_counter()
    base_vecs = encoder.encode_passages([passage_text(e) for e in entries])
    t_base = time.perf_counter() - t0
    pairs = [(i % nb, 1 + (i * 7919) % (len(halls) - 1)) for i in range(sample)]
    texts = [passage_text(make_variant(entries[b], halls[h])) for b, h in pairs]
    t0 = time.perf_counter()
    vecs = encoder.encode_passages(texts)
    t_sample = time.perf_counter() - t0
    b_idx = np.array([b for b, _ in pairs])
    cos_base = np.einsum("ij,ij->i", vecs, base_vecs[b_idx])
    c = float(np.clip(cos_base.mean(), 1e-3, 0.999999))
    dim = base_vecs.shape[1]
    sigma = math.sqrt((1.0 / c ** 2 - 1.0) / dim)
    same = [(i, j) for i in range(sample) for j in range(i + 1, min(sample, i + 3 * nb)) if b_idx[i] == b_idx[j]]
    pair_cos = float(np.mean([vecs[i] @ vecs[j] for i, j in same])) if same else None
    return {
        "encoder": getattr(encoder, "name", type(encoder).__name__), "dim": int(dim),
        "sample": sample, "sample_s": round(t_sample, 3), "base_s": round(t_base, 3),
        "passages_per_s": round(sample / t_sample, 2) if t_sample else None,
        "mean_passage_chars": round(float(np.mean([len(t) for t in texts])), 1) if texts else None,
        "cos_variant_to_base_mean": round(c, 4), "cos_variant_to_base_min": round(float(cos_base.min()), 4),
        "cos_between_real_variants": round(pair_cos, 4) if pair_cos is not None else None,
        "cos_between_synthetic_variants_expected": round(c ** 2, 4),
        "noise_sigma": sigma, "base_vectors": base_vecs.astype(np.float32),
    }


def synthetic_vectors(base_vecs: np.ndarray, base_of: np.ndarray, sigma: float, seed: int = 0,
                      chunk: int = 100_000) -> np.ndarray:
    """Row r = normalize(base vector of its entry + N(0, sigma^2) noise); the city row stays exact."""
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


def _alias_loop(entries) -> dict:
    """build.py's aliases loop, verbatim (guide/build.py _write_build)."""
    from guide.text import normalize

    aliases: dict[str, list[str]] = {}
    for e in entries:
        for term in (e.name, *e.aliases):
            ids = aliases.setdefault(normalize(term), [])
            if e.id not in ids:
                ids.append(e.id)
    return aliases


def _alias_map_fast(entries, normalized: dict[str, str]) -> dict:
    """Same result as _alias_loop (first-seen order, no duplicates), linear time: for the query stage."""
    out: dict[str, dict[str, None]] = {}
    for e in entries:
        for term in (e.name, *e.aliases):
            out.setdefault(normalized[term], {})[e.id] = None
    return {k: list(v) for k, v in out.items()}


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

    def encode_queries(self, texts):
        t0 = time.perf_counter()
        out = self.inner.encode_queries(texts)
        self.bucket["encode_query"] = self.bucket.get("encode_query", 0.0) + time.perf_counter() - t0
        return out

    def encode_passages(self, texts):
        return self.inner.encode_passages(texts)


class _Padded:
    """A BM25Index over the first rows of the catalog, padded with zero scores to all n rows."""

    def __init__(self, index, n: int):
        self.index, self.n = index, n
        self.vocab, self.weights, self.params = index.vocab, index.weights, index.params

    def scores(self, query):
        out = np.zeros(self.n, dtype=np.float32)
        part = self.index.scores(query)
        out[:len(part)] = part
        return out

    top = BM25Index.top          # the real top-k, over the padded scores

    @property
    def n_docs(self):
        return self.n

    def matched_many(self, query, docs):
        inner = [d for d in docs if d < self.index.n_docs]
        out = {int(d): [] for d in docs}
        out.update(self.index.matched_many(query, inner) if inner else {})
        return out

    def __getattr__(self, name):          # other read methods: rows beyond the slice never score > 0
        return getattr(self.index, name)


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


def _files_size(folder: Path, names: list[str]) -> int:
    return sum((folder / n).stat().st_size for n in names if (folder / n).exists())


def run_size(n: int, probe: dict, workdir: Path, encoder=None, opts: dict | None = None) -> dict:
    """Every build stage on a synthetic catalog of n entries, then the query benchmark.

    `probe` comes from encode_probe; `encoder` encodes the queries (and passages when
    n <= encode_full_limit). Artifacts go to `workdir` (deleted by the caller)."""
    # Import everything up front: the working tree may change while a long run is going, and one
    # process must not mix module versions.
    import guide.search.hybrid  # noqa: F401
    import guide.service  # noqa: F401
    from guide.build import LEXICAL_INDEXES, _write_catalog_db
    from guide.config import load_settings
    from guide.dense import build_faiss
    from guide.documents import body_text, dictionary_terms, passage_text, title_text
    from guide.lexical import BM25Index
    from guide.text import TextPipeline, normalize

    o = {"tokenize_limit": 0, "tokenize_sample": 1000, "alias_limit": 100_000,
         "hnsw_limit": 400_000, "sqlite_limit": 200_000, "encode_full_limit": 0,
         "queries": 200, "filtered_queries": 10, "filtered_budget_s": 120, "hnsw_threshold": None,
         "mem_margin_gib": 5.0, "bytes_per_token": 110, "seed": 0, **(opts or {})}
    settings = load_settings(env={})
    hnsw_threshold = o["hnsw_threshold"] or settings.hnsw_threshold
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    st = _Stages()
    _log(f"{n:,} entries")

    catalog, base_of, hall_of, halls = st.run("synthesize catalog (bench only)", lambda: synthetic_catalog(n))
    entries = catalog.entries
    nb = len(bc.shipped_catalog().entries)
    levels = {}
    for h in np.unique(hall_of):
        levels[halls[h].level] = levels.get(halls[h].level, 0) + 1

    pipeline = st.run("dictionary + tokenizer", lambda: TextPipeline(dictionary_terms(catalog)))

    # ---- analysis (tokenizing)
    corpora: dict[str, object]
    real_tokens = n <= o["tokenize_limit"]
    if real_tokens:
        def analyze_all():
            return {"title_text": [pipeline.analyze(title_text(e)) for e in entries],
                    "body_text": [pipeline.analyze(body_text(e)) for e in entries]}
        analyses = st.run("tokenize (title + body analysis)", analyze_all)
        corpora = {name: [getattr(a, attr) for a in analyses[fn.__name__]] for name, fn, attr in LEXICAL_INDEXES}
        del analyses
    else:
        rows = np.linspace(0, n - 1, min(o["tokenize_sample"], n)).astype(np.int64)
        t0 = time.perf_counter()
        for r in rows:
            pipeline.analyze(title_text(entries[r]))
            pipeline.analyze(body_text(entries[r]))
        per = (time.perf_counter() - t0) / len(rows)
        st.set("tokenize (title + body analysis)", per * n, f"measured on {len(rows):,}, extrapolated",
               per_entry_ms=round(per * 1000, 3))
        base = bc.shipped_catalog().entries

        def compose():
            bt = [pipeline.analyze(title_text(e)) for e in base]
            bb = [pipeline.analyze(body_text(e)) for e in base]
            used = np.unique(hall_of)
            hs = {int(h): pipeline.analyze(hall_sentence(halls[h])) if halls[h].level != "city" else None
                  for h in used}
            return bt, bb, hs
        bt, bb, hs = st.run("compose token lists (bench only)", compose)

        class _Composed:
            """The token lists of one field, made on demand from base + hall analyses."""

            def __init__(self, fn_name: str, attr: str):
                self.src = bt if fn_name == "title_text" else bb
                self.attr, self.with_hall = attr, fn_name == "body_text"

            def token_count(self) -> int:
                per_base = np.array([len(getattr(a, self.attr)) for a in self.src])
                total = int(per_base[base_of].sum())
                if self.with_hall:
                    total += sum(len(getattr(hs[int(h)], self.attr)) * int(c)
                                 for h, c in zip(*np.unique(hall_of, return_counts=True)) if hs[int(h)] is not None)
                return total

            def materialize(self, rows: int | None = None) -> list:
                out = []
                for b, h in zip(base_of[:rows].tolist(), hall_of[:rows].tolist()):
                    toks = getattr(self.src[b], self.attr)
                    extra = hs[h] if self.with_hall else None
                    out.append(toks + getattr(extra, self.attr) if extra is not None else toks)
                return out

        corpora = {name: _Composed(fn.__name__, attr) for name, fn, attr in LEXICAL_INDEXES}

    # ---- BM25 per field (largest first: lower peak memory, same result)
    lex_dir = workdir / "lexical"
    lex_dir.mkdir(exist_ok=True)
    indexes: dict[str, BM25Index] = {}
    bm25_info: dict[str, dict] = {}
    order = sorted(LEXICAL_INDEXES, key=lambda x: ("body" not in x[0], "chars" not in x[0]))
    sliced: dict[str, int] = {}
    for name, _fn, _attr in order:
        corpus = corpora[name]
        if not isinstance(corpus, list):
            # Memory guard: BM25Index.build holds ~3 Python lists + ~8 numpy arrays per token.
            tokens = corpus.token_count()
            fit = int((bc.mem_available_bytes() - o["mem_margin_gib"] * 2**30) / o["bytes_per_token"])
            if tokens > fit:
                rows = max(1000, int(n * fit / tokens))
                sliced[name] = rows
                _log(f"  {name}: {tokens:,} tokens do not fit in memory: building on the first {rows:,} rows")
            corpus = corpus.materialize(sliced.get(name))
        if name in sliced:
            index = st.run(f"bm25 {name} (slice)", lambda c=corpus: BM25Index.build(c))
            t = st.data.pop(f"bm25 {name} (slice)")
            st.set(f"bm25 {name}", t["s"] * n / sliced[name],
                   f"memory guard: measured on {sliced[name]:,} rows ({t['s']:.1f} s), extrapolated x{n / sliced[name]:.2f}",
                   peak_rss_mib=t["peak_rss_mib"])
            index = _Padded(index, n)
        else:
            index = st.run(f"bm25 {name}", lambda c=corpus: BM25Index.build(c))
        corpora[name] = None
        n_tokens = sum(len(d) for d in corpus)
        del corpus
        st.run(f"bm25 {name} save", lambda i=index, nm=name: i.save(lex_dir, nm))
        indexes[name] = index
        scale = n / sliced[name] if name in sliced else 1.0
        bm25_info[name] = {"vocab": len(index.vocab), "nnz": int(index.weights.nnz), "tokens": n_tokens,
                           "rows_built": sliced.get(name, n),
                           "bytes": int(_files_size(lex_dir, [f"{name}.npz", f"{name}.json"]) * scale),
                           "mem_bytes": int(index.weights.data.nbytes + index.weights.indices.nbytes
                                            + index.weights.indptr.nbytes)}
    del corpora
    gc.collect()

    # ---- aliases (build.py loop is O(variants per name ^ 2))
    terms = {t for e in entries for t in (e.name, *e.aliases)}
    normalized = st.run("aliases: normalize terms (bench only)", lambda: {t: normalize(t) for t in terms})
    if n <= o["alias_limit"]:
        st.run("aliases (build.py loop)", lambda: _alias_loop(entries))
    else:
        m = o["alias_limit"]
        sl = [entries[r] for r in np.flatnonzero(hall_of < math.ceil(m / nb))]   # whole halls: same variants/name
        t0 = time.perf_counter()
        for e in sl:                                         # linear part: normalize every term
            for term in (e.name, *e.aliases):
                normalize(term)
        lin = time.perf_counter() - t0
        t0 = time.perf_counter()
        _alias_loop(sl)
        total = time.perf_counter() - t0
        quad = max(total - lin, 0.0)
        f = n / len(sl)
        st.set("aliases (build.py loop)", lin * f + quad * f * f,
               f"measured on {len(sl):,} ({total:.1f} s), extrapolated: linear part x{f:.1f}, quadratic part x{f * f:.0f}")
    aliases = _alias_map_fast(entries, normalized)
    alias_path = workdir / "aliases.json"
    st.run("aliases.json write", lambda: alias_path.write_text(json.dumps(aliases, ensure_ascii=False), encoding="utf-8"))

    # ---- dense encoding
    if n <= o["encode_full_limit"] and encoder is not None:
        vectors = st.run("encode passages (e5)", lambda: encoder.encode_passages([passage_text(e) for e in entries]))
        vec_how = "real e5 encodings of every passage"
    else:
        rate = probe["passages_per_s"]
        st.set("encode passages (e5)", n / rate, f"measured on {probe['sample']:,} passages "
               f"({rate} /s), extrapolated")
        vectors = st.run("synthesize vectors (bench only)",
                         lambda: synthetic_vectors(probe["base_vectors"], base_of, probe["noise_sigma"], o["seed"]))
        vec_how = (f"real e5 vectors of the {nb} base passages + N(0, {probe['noise_sigma']:.4f}^2) noise "
                   f"per variant (cosine to base {probe['cos_variant_to_base_mean']} as measured)")
    st.run("vectors_e5.npy write", lambda: np.save(workdir / "vectors_e5.npy", vectors))

    # ---- FAISS
    import faiss

    kind = "HNSW32 (efConstruction 80)" if n > hnsw_threshold else "exact IndexFlatIP"
    if n <= o["hnsw_limit"]:
        faiss_index = st.run("faiss build", lambda: build_faiss(vectors, hnsw_threshold))
        faiss_rows = n
    else:
        m = o["hnsw_limit"]
        faiss_index = st.run("faiss build (slice)", lambda: build_faiss(vectors[:m], hnsw_threshold))
        t = st.data.pop("faiss build (slice)")
        factor = (n * math.log(n)) / (m * math.log(m)) if n > hnsw_threshold else n / m
        st.set("faiss build", t["s"] * factor, f"measured on {m:,} ({t['s']:.1f} s), extrapolated x{factor:.2f}",
               peak_rss_mib=t["peak_rss_mib"])
        faiss_rows = m
    st.run("faiss write", lambda: faiss.write_index(faiss_index, str(workdir / "faiss_e5.index")))

    # ---- catalog.db
    from guide.catalog import Catalog

    db_path = workdir / "catalog.db"
    if n <= o["sqlite_limit"]:
        st.run("catalog.db", lambda: _write_catalog_db(db_path, catalog))
        db_bytes, db_how = db_path.stat().st_size, "measured"
    else:
        m = o["sqlite_limit"]
        part = Catalog(catalog.matters[:m], (), catalog.departments)
        t = st.run("catalog.db (slice)", lambda: _write_catalog_db(db_path, part))
        t = st.data.pop("catalog.db (slice)")
        st.set("catalog.db", t["s"] * n / m, f"measured on {m:,} ({t['s']:.1f} s), extrapolated x{n / m:.1f}",
               peak_rss_mib=t["peak_rss_mib"])
        db_bytes, db_how = int(db_path.stat().st_size * n / m), f"extrapolated from {m:,} rows"

    # ---- queries through the service's search path, on the in-memory indexes
    from guide.search.dense import DenseRetriever
    from guide.search.lexical import AliasRetriever, LexicalRetriever

    bucket: dict[str, float] = {}
    fields = {name: attr for name, _, attr in LEXICAL_INDEXES}
    retrievers = {name: LexicalRetriever(name, indexes[name], fields[name]) for name in indexes}
    row_of = {e.id: r for r, e in enumerate(entries)}
    retrievers["alias"] = AliasRetriever(aliases, row_of)
    retrievers["dense_e5"] = DenseRetriever("dense_e5", faiss_index, n)
    timed = {k: _TimedRetriever(v, bucket, k) for k, v in retrievers.items()}
    g = st.run("load Searcher (bench only: in-memory indexes)",
               lambda: _bench_searcher(pipeline, catalog, timed, _TimedEncoder(encoder, bucket), indexes["body_words"]))
    questions = bc.dev_queries(o["queries"])
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
    # A department filter makes DenseRetriever ask FAISS for k = every row; HNSW returns far fewer.
    from guide.dense import faiss_search

    returned = [len(faiss_search(faiss_index, encoder.encode_queries([q])[0], len(g.table.ids))[0])
                for q in questions[:3]]
    no_enc = [t - e for t, e in zip(totals, parts.get("encode_query", [0.0] * len(totals)))]
    queries = {"method": "hybrid (guide.search Searcher, k=5, no cache)", "total": bc.percentiles(totals),
               "total_without_query_encoding": bc.percentiles(no_enc),
               "components": {k: bc.percentiles(v) for k, v in parts.items()},
               "filtered_department": dept, "filtered_rows": int((departments == dept).sum()),
               "filtered_total": bc.percentiles(filtered),
               "filtered_components": {k: bc.percentiles(v) for k, v in fparts.items()},
               "faiss_rows_returned_for_k_all": returned}
    _log(f"  queries: p50 {queries['total']['p50_ms']} ms, p95 {queries['total']['p95_ms']} ms; "
         f"filtered p50 {queries['filtered_total']['p50_ms']} ms")

    sizes = {f"{name}.npz+json": info["bytes"] for name, info in bm25_info.items()}
    sizes["aliases.json"] = alias_path.stat().st_size
    sizes["vectors_e5.npy"] = (workdir / "vectors_e5.npy").stat().st_size
    sizes["faiss_e5.index"] = (workdir / "faiss_e5.index").stat().st_size
    sizes["catalog.db"] = db_bytes
    build_stages = [k for k in st.data if "(bench only)" not in k]
    return {
        "entries": n, "matters": len(catalog.matters), "bundles": len(catalog.bundles), "base_entries": nb,
        "unique_ids": len(set(g.table.ids)), "halls_used": int(len(np.unique(hall_of))), "hall_levels": levels,
        "dictionary_words": len(pipeline.user_words),
        "stages": st.data, "estimated_build_s": round(sum(st.data[k]["s"] for k in build_stages), 1),
        "bm25": bm25_info, "bm25_sliced": sliced, "faiss": {"kind": kind, "rows": faiss_rows, "hnsw_threshold": hnsw_threshold},
        "vectors": vec_how, "tokens": "real analysis of every entry" if real_tokens else
        "composed from real analyses of base entries + hall sentences",
        "catalog_db": db_how, "disk_bytes": sizes, "disk_total_bytes": int(sum(sizes.values())),
        "queries": queries, "peak_rss_mib_process": round(
            __import__("resource").getrusage(__import__("resource").RUSAGE_SELF).ru_maxrss / 1024, 1),
        "options": o,
    }


# ---------------------------------------------------------------- driver

def _child(args) -> int:
    """One size in this process: load the probe and the encoder, run, write the JSON result."""
    from guide.dense import load_encoder

    with open(args.probe, encoding="utf-8") as fh:
        probe = json.load(fh)
    probe["base_vectors"] = np.load(args.probe + ".npy")
    encoder = load_encoder()
    opts = json.loads(args.opts)
    with tempfile.TemporaryDirectory(prefix=f"scale-{args.child}-", dir=args.workdir) as tmp:
        result = run_size(args.child, probe, Path(tmp), encoder=encoder, opts=opts)
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
    ("tokenize (title + body analysis)", "tokenize (analysis)"),
    ("bm25 body_chars", "BM25 body_chars"), ("bm25 body_words", "BM25 body_words"),
    ("bm25 title_chars", "BM25 title_chars"), ("bm25 title_words", "BM25 title_words"),
    ("bm25 title_pinyin", "BM25 title_pinyin"),
    ("aliases (build.py loop)", "aliases loop"),
    ("encode passages (e5)", "e5 encoding"),
    ("faiss build", "FAISS build"),
    ("catalog.db", "catalog.db (SQLite)"),
]


def markdown(results: list[dict], probe: dict, info: dict, wall: dict) -> str:
    def cell(r, key):
        s = r["stages"].get(key)
        if s is None:
            return None
        mark = "" if s["how"] == "measured" else " (est.)"
        return f"{s['s']:,.1f}{mark}" if s["s"] >= 1 else f"{s['s']:.3f}{mark}"

    heads = ["stage (s)"] + [f"{r['entries']:,}" for r in results]
    rows = [[label] + [cell(r, key) for r in results] for key, label in STAGE_ROWS]
    save = [sum(v["s"] for k, v in r["stages"].items() if k.endswith(" save") or k.endswith(" write"))
            for r in results]
    rows.append(["writing BM25/aliases/vectors/FAISS files"] + [f"{x:.2f}" for x in save])
    rows.append(["**estimated full build**"] + [f"**{r['estimated_build_s']:,.0f}** (≈{r['estimated_build_s'] / 3600:.1f} h)"
                                                 for r in results])
    stage_table = bc.md_table(heads, rows)

    art = ["title_words.npz+json", "body_words.npz+json", "title_chars.npz+json", "body_chars.npz+json",
           "title_pinyin.npz+json", "aliases.json", "vectors_e5.npy", "faiss_e5.index", "catalog.db"]
    def est(r, a):
        if a == "catalog.db":
            return r["catalog_db"] != "measured"
        b = r["bm25"].get(a.split(".")[0])
        return b is not None and b.get("rows_built", r["entries"]) < r["entries"]

    size_rows = [[a] + [bc.human_bytes(r["disk_bytes"].get(a)) + (" (est.)" if est(r, a) else "")
                        for r in results] for a in art]
    size_rows.append(["**total**"] + [f"**{bc.human_bytes(r['disk_total_bytes'])}**" for r in results])
    size_table = bc.md_table(["artifact on disk"] + [f"{r['entries']:,}" for r in results], size_rows)

    mem_keys = ["tokenize (title + body analysis)", "bm25 body_chars", "bm25 body_words", "faiss build",
                "catalog.db"]
    mem_rows = [[f"peak during {k}"] + [r["stages"].get(k, {}).get("peak_rss_mib") for r in results]
                for k in mem_keys]
    mem_rows.append(["BM25 matrices in memory (all 5, MiB)"] + [
        round(sum(b["mem_bytes"] for b in r["bm25"].values()) / 2**20, 1) for r in results])
    mem_rows.append(["**peak RSS of the size's process**"] + [f"**{r['peak_rss_mib_process']:,.0f}**" for r in results])
    mem_table = bc.md_table(["memory (MiB)"] + [f"{r['entries']:,}" for r in results], mem_rows)

    comp = sorted({k for r in results for k in r["queries"]["components"]},
                  key=lambda k: -max(r["queries"]["components"].get(k, {}).get("mean_ms") or 0 for r in results))
    q_rows = [["hybrid total p50"] + [r["queries"]["total"]["p50_ms"] for r in results],
              ["hybrid total p95"] + [r["queries"]["total"]["p95_ms"] for r in results],
              ["hybrid total mean"] + [r["queries"]["total"]["mean_ms"] for r in results],
              ["without query encoding p50"] + [r["queries"]["total_without_query_encoding"]["p50_ms"] for r in results],
              ["without query encoding p95"] + [r["queries"]["total_without_query_encoding"]["p95_ms"] for r in results]]
    q_rows += [[f"  mean: {k}"] + [r["queries"]["components"].get(k, {}).get("mean_ms") for r in results] for k in comp]
    q_rows.append([f"filtered by department ({results[0]['queries']['filtered_department']}) p50 (n)"] +
                  [f"{r['queries']['filtered_total']['p50_ms']} ({r['queries']['filtered_total']['n']})" for r in results])
    q_rows.append(["  filtered, mean of dense_e5"] +
                  [r["queries"]["filtered_components"].get("dense_e5", {}).get("mean_ms") for r in results])
    q_rows.append(["rows FAISS returns for k = all rows (filter path)"] +
                  [f"{min(r['queries']['faiss_rows_returned_for_k_all'])}–{max(r['queries']['faiss_rows_returned_for_k_all'])}"
                   f" of {r['entries']:,}" for r in results])
    q_table = bc.md_table(["query latency (ms)"] + [f"{r['entries']:,}" for r in results], q_rows)

    bm_rows = [[name] + [f"{r['bm25'][name]['vocab']:,} / {r['bm25'][name]['nnz']:,}" +
                         (f" (first {r['bm25'][name]['rows_built']:,} rows)" if r['bm25'][name].get('rows_built', r['entries'])
                          < r['entries'] else "") for r in results]
               for name in results[0]["bm25"]]
    bm_table = bc.md_table(["BM25 field: vocab / nnz"] + [f"{r['entries']:,}" for r in results], bm_rows)

    lines = ["# Scale benchmark: synthetic Jinan catalogs", "",
             "## Build stages (seconds; `(est.)` = measured on a sample or slice and extrapolated)", "", stage_table, "",
             "## Index size on disk", "", size_table, "", "## Memory", "", mem_table, "",
             f"## Query latency ({results[0]['queries']['total']['n']} dev questions, "
             f"{results[0]['queries']['method']}; incl. e5 query encoding)", "", q_table, "",
             "## BM25 indexes", "", bm_table, "", "## What was measured and what was not", ""]
    for r in results:
        st = r["stages"]
        est = [f"{k} ({v['how']})" for k, v in st.items() if v["how"] != "measured"]
        lines.append(f"- **{r['entries']:,}** entries ({r['matters']:,} matters, {r['bundles']:,} bundles, "
                     f"{r['unique_ids']:,} unique ids; halls used: {r['hall_levels']}); FAISS: {r['faiss']['kind']} "
                     f"on {r['faiss']['rows']:,} rows (hnsw_threshold {r['faiss']['hnsw_threshold']:,}); tokens: "
                     f"{r['tokens']}; vectors: {r['vectors']}. Extrapolated: {'; '.join(est) or 'nothing'}. "
                     + (f"Queries at this size searched the sliced indexes as built (FAISS {r['faiss']['rows']:,} rows; "
                        + ", ".join(f"BM25 {k} {v['rows_built']:,} rows" for k, v in r['bm25'].items()
                                    if v.get('rows_built', r['entries']) < r['entries'])
                        + "; the BM25 slices are padded with zero scores). "
                        if r['faiss']['rows'] < r['entries'] or any(v.get('rows_built', r['entries']) < r['entries']
                                                                    for v in r['bm25'].values()) else "") +
                     f"Wall time of this size: {wall.get(r['entries'], 0):.0f} s.")
    lines += [
        f"- Encoding probe ({probe['encoder']}): {probe['sample']:,} variant passages (mean "
        f"{probe['mean_passage_chars']} chars) in {probe['sample_s']:.1f} s = **{probe['passages_per_s']} passages/s** "
        f"on this machine; model load {probe['model_load_s']:.1f} s. Real cosine of a variant to its base passage: "
        f"mean {probe['cos_variant_to_base_mean']} (min {probe['cos_variant_to_base_min']}); between two real variants "
        f"of one entry {probe['cos_between_real_variants']}, between two synthetic ones ≈"
        f"{probe['cos_between_synthetic_variants_expected']}.",
        "- Street and community halls, and all addresses, are synthetic (district/county names are real).",
        "- Query latency uses the real e5 encoder for the question, and Guide._search on in-memory indexes "
        "(the per-component means come from wrapping each retriever's `retrieve`).",
        "- `estimated full build` sums the build stages above (measured where measured, else extrapolated) and "
        "the file writes; it excludes the bench-only stages (making the synthetic catalog, composing tokens, "
        "synthesizing vectors) and model loading.",
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated catalog sizes")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--filtered-queries", type=int, default=10)
    ap.add_argument("--filtered-budget", type=float, default=120.0, help="seconds; stop filtered queries after it")
    ap.add_argument("--encode-sample", type=int, default=500, help="passages encoded for real to measure throughput")
    ap.add_argument("--encode-full-limit", type=int, default=0, help="encode every passage for real up to this size")
    ap.add_argument("--tokenize-limit", type=int, default=0, help="analyze every entry for real up to this size")
    ap.add_argument("--tokenize-sample", type=int, default=1000)
    ap.add_argument("--alias-limit", type=int, default=100_000)
    ap.add_argument("--hnsw-limit", type=int, default=400_000, help="build FAISS on a slice above this size")
    ap.add_argument("--sqlite-limit", type=int, default=200_000, help="write catalog.db on a slice above this size")
    ap.add_argument("--mem-margin-gib", type=float, default=5.0,
                    help="BM25 fields that would leave less free memory than this are built on a slice")
    ap.add_argument("--hnsw-threshold", type=int, default=None, help="default: the configured Settings value")
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
    info = bc.machine_info()
    opts = {"queries": args.queries, "filtered_queries": args.filtered_queries, "filtered_budget_s": args.filtered_budget,
            "encode_full_limit": args.encode_full_limit, "tokenize_limit": args.tokenize_limit,
            "tokenize_sample": args.tokenize_sample, "alias_limit": args.alias_limit,
            "hnsw_limit": args.hnsw_limit, "sqlite_limit": args.sqlite_limit, "hnsw_threshold": args.hnsw_threshold,
            "mem_margin_gib": args.mem_margin_gib}
    script = str(Path(__file__).resolve())
    wall: dict[int, float] = {}
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
