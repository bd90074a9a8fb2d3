"""Build atomicity, reuse, manifest checks."""
from __future__ import annotations

import json

import pytest

from guide.build import build_index
from guide.config import load_settings
from guide.manifest import BuildError, read_current
from guide.service import Guide
from tests.conftest import make_tiny_catalog


@pytest.fixture()
def fresh(tmp_path):
    catalog = make_tiny_catalog(tmp_path)
    return load_settings(env={}, catalog_dir=str(catalog), index_dir=str(tmp_path / "index"), model="hash")


class ExplodingEncoder:
    name, dim = "boom", 384

    def encode_passages(self, texts):
        raise RuntimeError("killed midway")


def test_failed_build_leaves_current_unchanged(fresh, hash_encoder):
    first = build_index(fresh, encoder=hash_encoder)
    with pytest.raises(RuntimeError, match="killed midway"):
        build_index(fresh, force=True, encoder=ExplodingEncoder())
    assert read_current(fresh.index_dir).name == first.build_id
    assert not [p for p in fresh.index_dir.iterdir() if p.name.startswith(".tmp-")]
    assert Guide.load(settings=fresh, encoder=hash_encoder).build_id == first.build_id


def test_unchanged_catalog_reuses_build_and_a_change_rebuilds(fresh, hash_encoder):
    first = build_index(fresh, encoder=hash_encoder)
    again = build_index(fresh, encoder=hash_encoder)
    assert again.reused and again.build_id == first.build_id
    path = next(fresh.catalog_dir.rglob("370100-GA-001.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace("updated:", "# edited\nupdated:"), encoding="utf-8")
    third = build_index(fresh, encoder=hash_encoder)
    assert not third.reused and third.build_id != first.build_id


def test_manifest_from_other_version_is_refused(tiny_build, tiny_settings, hash_encoder, tmp_path):
    import shutil

    folder = tmp_path / "copy"
    shutil.copytree(tiny_build.folder, folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["package_version"] = "0.0.1"
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(BuildError, match="guide build"):
        Guide.load(index_dir=folder, settings=tiny_settings, encoder=hash_encoder)


def test_truncated_index_file_is_refused(tiny_build, tiny_settings, hash_encoder, tmp_path):
    import shutil

    folder = tmp_path / "copy"
    shutil.copytree(tiny_build.folder, folder)
    data = (folder / "title_words.npz").read_bytes()
    (folder / "title_words.npz").write_bytes(data[: len(data) // 2])
    with pytest.raises(BuildError, match="title_words.npz"):
        Guide.load(index_dir=folder, settings=tiny_settings, encoder=hash_encoder)


def test_missing_current_names_the_fix(tmp_path):
    with pytest.raises(BuildError, match="CURRENT.*guide build"):
        read_current(tmp_path)


def test_manifest_records_what_the_build_was_made_from(tiny_build):
    manifest = json.loads((tiny_build.folder / "manifest.json").read_text(encoding="utf-8"))
    for key in ("catalog_hash", "dictionary_hash", "model", "dimension", "package_version", "created"):
        assert manifest[key]
    assert manifest["dimension"] == 256 and manifest["matters"] == 7
    assert manifest["model"] == "hash-256@seed0" and manifest["e5_engine"] is None   # the encoder actually used
    assert manifest["lexical_indexes"]["title_pinyin"] == "pinyin"


def test_prune_removes_day_old_killed_build_folders_only(tmp_path):
    import os
    import time

    from guide.build import _prune_old_builds

    stale, fresh_tmp = tmp_path / ".tmp-old", tmp_path / ".tmp-running"
    stale.mkdir()
    fresh_tmp.mkdir()
    two_days_ago = time.time() - 2 * 86400
    os.utime(stale, (two_days_ago, two_days_ago))
    _prune_old_builds(tmp_path, keep=set())
    assert not stale.exists() and fresh_tmp.exists()


def test_loaded_index_gets_the_serving_search_parameters(fresh, hash_encoder):
    """efSearch / nprobe are search-time settings: a server applies its own to the index it reads."""
    from guide.artifacts import open_build

    settings = fresh.replace(hnsw_threshold=0, hnsw_ef_search=40, bm25_chunk_docs=2)
    build_index(settings, encoder=hash_encoder)
    built = open_build(None, settings, encoder=hash_encoder).retrievers["dense_e5"].faiss_index
    assert type(built).__name__ == "IndexHNSWFlat" and built.hnsw.efSearch == 40
    served = open_build(None, settings.replace(hnsw_ef_search=300), encoder=hash_encoder)
    assert served.retrievers["dense_e5"].faiss_index.hnsw.efSearch == 300
    assert Guide.load(settings=settings, encoder=hash_encoder).search("身份证", 3).hits


def test_name_vectors_are_built_by_default_and_off_the_default_method_ranks_without_them(fresh, hash_encoder):
    """GUIDE_NAME_VECTORS: on by default (the default method ranks with them, rank_only); off, the
    build has no name index, a changed setting rebuilds, and the default method still serves
    without them, exactly as hybrid_no_names."""
    named = build_index(fresh, encoder=hash_encoder)
    assert (named.folder / "faiss_names.index").exists()
    manifest = json.loads((named.folder / "manifest.json").read_text())
    assert manifest["distinct_names"] > 0 and not any(k.startswith("n_") for k in named.timings)   # a count, not seconds
    guide = Guide.load(settings=fresh, encoder=hash_encoder)
    assert "dense_names" in guide.searcher.retrievers
    plain_settings = load_settings(env={"GUIDE_NAME_VECTORS": "0"}, catalog_dir=str(fresh.catalog_dir),
                                   index_dir=str(fresh.index_dir), model="hash")
    plain = build_index(plain_settings, encoder=hash_encoder)
    assert not plain.reused and not (plain.folder / "faiss_names.index").exists()
    guide = Guide.load(settings=plain_settings, encoder=hash_encoder)
    assert "dense_names" not in guide.searcher.retrievers and "hybrid" in guide.methods
    full, without = guide.search("身份证补领", method="hybrid_full"), guide.search("身份证补领", method="hybrid_no_names")
    assert full.hits and full.hits == without.hits and full.signals == without.signals
