"""Open a finished build read-only: check its manifest, load its files, hand out typed parts.

The reader never imports the writer: what a build holds is described by its manifest (the
lexical indexes and their analysis fields, the model and engine that encoded its passages), and
the encoder used for questions must be the one the manifest names.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from guide.catalog import Bundle, Matter, entry_from_dict
from guide.config import Settings
from guide.lexical import BM25Index
from guide.manifest import BuildError, Manifest, read_current
from guide.search.dense import DenseRetriever, NameVectorRetriever
from guide.search.hybrid import EntryTable
from guide.search.lexical import AliasRetriever, LexicalRetriever, WordRarity
from guide.search.recent import RecentQueries
from guide.search.types import Encoder, Retriever
from guide.text import TextPipeline, normalize


@dataclass
class Artifacts:
    folder: Path
    manifest: Manifest
    pipeline: TextPipeline
    table: EntryTable
    retrievers: dict[str, Retriever]
    encoders: dict[str, Encoder]
    rarity: WordRarity
    department_names: dict[str, str]
    _local: threading.local

    @property
    def build_id(self) -> str:
        return self.manifest.build_id

    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            uri = f"file:{self.folder / 'catalog.db'}?mode=ro&immutable=1"
            conn = self._local.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return conn

    def faq_vectors(self) -> dict[str, np.ndarray]:
        """Matter id -> the e5 query vectors of its FAQ questions, in FAQ order; {} for a build
        made before they were (the dialogue then encodes a matter's FAQ when first needed)."""
        path = self.folder / "vectors_faq.npy"
        if not path.exists():
            return {}
        vectors, owners = np.load(path), np.load(self.folder / "faq_owner.npy")
        starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]]) if len(owners) else []
        ends = [*starts[1:], len(owners)]
        return {self.table.ids[int(owners[s])]: vectors[s:e] for s, e in zip(starts, ends)}

    def entry(self, entry_id: str) -> Matter | Bundle | None:
        row = self.db().execute("SELECT data FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return entry_from_dict(json.loads(row[0])) if row else None


def _build_folder(index_dir: Path | None, settings: Settings) -> Path:
    base = Path(index_dir) if index_dir else Path(settings.index_dir)
    return base if (base / "manifest.json").exists() else read_current(base)


def open_build(index_dir: Path | None, settings: Settings, encoder: Encoder | None = None) -> Artifacts:
    """The build at `index_dir` (a build folder or an index folder with CURRENT), checked and loaded.
    Without `encoder`, the configured query encoder is loaded; either way its name must be the
    model the manifest records."""
    from guide.dense import configured_model_name, load_query_encoder

    folder = _build_folder(index_dir, settings)
    manifest = Manifest.read(folder)
    manifest.check_code(encoder.name if encoder else configured_model_name(settings.model, settings.model_path),
                        folder)
    manifest.check_files(folder)
    encoder = encoder or load_query_encoder(settings.model, settings.model_path, settings.e5_engine)
    try:
        return _load(folder, manifest, encoder, settings)
    except (OSError, ValueError, KeyError, sqlite3.DatabaseError) as exc:
        raise BuildError(f"{folder}: cannot load build ({exc}). Run `guide build`.") from exc


def _load(folder: Path, manifest: Manifest, encoder: Encoder, settings: Settings) -> Artifacts:
    import faiss

    from guide.dense import AnnParams, configure_search

    ann = AnnParams.from_settings(settings)

    def read_faiss(path: Path):
        """The index as written (flat, HNSW or IVF), with this server's efSearch / nprobe."""
        index = faiss.read_index(str(path))
        configure_search(index, ann)
        return index

    words = (folder / "userdict.txt").read_text(encoding="utf-8").split("\n")
    pipeline = TextPipeline(w for w in words if w)
    if pipeline.dictionary_hash != manifest.data.get("dictionary_hash"):
        raise BuildError(f"{folder / 'userdict.txt'} does not match the manifest's dictionary hash. "
                         f"Run `guide build`.")
    local = threading.local()
    db = sqlite3.connect(f"file:{folder / 'catalog.db'}?mode=ro&immutable=1", uri=True)
    try:
        rows = db.execute("SELECT id, kind, name, department, subjects, region, "
                          "json_extract(data, '$.lookalikes') FROM entries ORDER BY row").fetchall()
        department_names = dict(db.execute("SELECT code, name FROM departments"))
    finally:
        db.close()
    ids = [r[0] for r in rows]
    table = EntryTable(ids, [r[2] for r in rows], np.array([r[1] for r in rows]),
                       np.array([r[3] or "" for r in rows]), [frozenset(json.loads(r[4])) for r in rows],
                       np.array([r[5] for r in rows]),
                       [tuple(normalize(t) for t in json.loads(r[6] or "[]")) for r in rows])
    retrievers: dict[str, Retriever] = {name: LexicalRetriever(name, BM25Index.load(folder, name), field_name)
                                        for name, field_name in manifest.lexical_indexes.items()}
    aliases = json.loads((folder / "aliases.json").read_text(encoding="utf-8"))
    retrievers["alias"] = AliasRetriever(aliases, {i: n for n, i in enumerate(ids)})
    retrievers["dense_e5"] = DenseRetriever("dense_e5", read_faiss(folder / "faiss_e5.index"),
                                            len(ids), np.load(folder / "vectors_e5.npy", mmap_mode="r"))
    encoder = RecentQueries(encoder)          # the dialogue re-reads the question the search just encoded
    encoders: dict[str, Encoder] = {"dense_e5": encoder}
    if manifest.data.get("name_vectors"):
        retrievers["dense_names"] = NameVectorRetriever(
            "dense_names", read_faiss(folder / "faiss_names.index"), np.load(folder / "names_owner.npy"), len(ids),
            np.load(folder / "vectors_names.npy", mmap_mode="r"))
        encoders["dense_names"] = encoder
    if (folder / "faiss_use.index").exists():
        from guide.dense import USEEncoder

        retrievers["dense_use"] = DenseRetriever(
            "dense_use", read_faiss(folder / "faiss_use.index"), len(ids),
            np.load(folder / "vectors_use.npy", mmap_mode="r"))
        encoders["dense_use"] = USEEncoder()
    return Artifacts(folder, manifest, pipeline, table, retrievers, encoders,
                     WordRarity(retrievers["body_words"].index), department_names, local)
