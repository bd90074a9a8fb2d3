"""Shared fixtures: a tiny real catalog (copied from the shipped one) and one real index build of it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guide.config import PROJECT_ROOT, load_settings

SHIPPED = PROJECT_ROOT / "data" / "matters"
TINY_IDS = ("370100-GA-001", "370100-GA-002", "370100-GA-003", "370100-GJJ-001", "370100-SCJG-001",
            "370100-SCJG-006", "370100-MZ-001")


def make_tiny_catalog(root: Path) -> Path:
    """A catalog folder with a few shipped matters and one bundle, laid out like data/matters."""
    catalog = root / "data" / "matters"
    catalog.mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "data" / "departments.yaml", root / "data" / "departments.yaml")
    for matter_id in TINY_IDS:
        src = next(SHIPPED.rglob(f"{matter_id}.yaml"))
        (catalog / src.parent.name).mkdir(exist_ok=True)
        shutil.copy(src, catalog / src.parent.name / src.name)
    (catalog / "bundles").mkdir()
    (catalog / "bundles" / "370100-YJS-001.yaml").write_text(
        "id: 370100-YJS-001\nkind: bundle\nname: 开办餐馆一件事\naliases: [开饭馆, 开餐厅]\n"
        "subjects: [自然人, 法人]\nsummary: 开餐馆需要办理的营业执照和食品经营许可一次办。\n"
        "members:\n  - {matter: 370100-SCJG-006}\n  - {matter: 370100-SCJG-001}\n"
        "updated: 2026-11-28\n", encoding="utf-8")
    return catalog



def make_guangzhou_catalog(root: Path, jinan_catalog: Path) -> Path:
    """A one-matter catalog folder of region 440100 (广州市), a copy of Jinan's 居民身份证补领 under
    its own id, department and alias: with the tiny catalog, a build that serves two regions."""
    import yaml

    gz = root / "gz"
    (gz / "GZGA").mkdir(parents=True)
    (gz / "departments.yaml").write_text("GZGA: 广州市公安局\n", encoding="utf-8")
    matter = yaml.safe_load((jinan_catalog / "GA" / "370100-GA-003.yaml").read_text(encoding="utf-8"))
    matter.update(id="440100-GZGA-003", region="440100", department="GZGA", name="居民身份证补领（广州）",
                  aliases=["广州补办身份证"])
    (gz / "GZGA" / "440100-GZGA-003.yaml").write_text(yaml.safe_dump(matter, allow_unicode=True), encoding="utf-8")
    return gz

@pytest.fixture(scope="session")
def encoder():
    """The shipped e5 model: for the tests where the model itself is the point (shipped build)."""
    from guide.dense import load_encoder

    return load_encoder()


@pytest.fixture(scope="session")
def hash_encoder():
    """The hash-seeded stand-in the tiny build uses (settings model=hash): no model load."""
    from guide.search.dense import HashEncoder

    return HashEncoder()


@pytest.fixture(scope="session")
def tiny_settings(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    catalog = make_tiny_catalog(root)
    return load_settings(env={}, catalog_dir=str(catalog), index_dir=str(root / "index"),
                         runtime_db=str(root / "runtime.db"), model="hash")


@pytest.fixture(scope="session")
def tiny_build(tiny_settings):
    from guide.build import build_index

    return build_index(tiny_settings)


@pytest.fixture(scope="session")
def tiny_guide(tiny_build, tiny_settings):
    from guide.service import Guide

    return Guide.load(settings=tiny_settings)


@pytest.fixture(scope="session")
def shipped_settings(tmp_path_factory):
    root = tmp_path_factory.mktemp("shipped")
    return load_settings(env={}, index_dir=str(root / "index"), runtime_db=str(root / "runtime.db"))


@pytest.fixture(scope="session")
def shipped_guide(shipped_settings, encoder):
    """A real build of the whole shipped catalog (about half a minute)."""
    from guide.build import build_index
    from guide.service import Guide

    build_index(shipped_settings, encoder=encoder)
    return Guide.load(settings=shipped_settings, encoder=encoder)


@pytest.fixture(scope="module")
def catalog():
    """The shipped catalog, loaded and validated (the statute-fact tests read it)."""
    from guide.loader import load_catalog

    return load_catalog(SHIPPED)


# ---------------------------------------------------------------- PostgreSQL (runtime store on a real server)

@pytest.fixture(scope="session")
def pg_admin_url(tmp_path_factory):
    """The superuser URL of a real PostgreSQL on loopback: `.ci/run`'s (PG_TEST_URL), else one
    started here from Debian's binaries (make test installs them) and stopped at the end."""
    import os

    from tests import pgserver

    url = os.environ.get("PG_TEST_URL")
    if url:
        yield url
        return
    folder = pgserver.new_folder()
    try:
        url = pgserver.start(folder)
    except pgserver.PostgresMissing as exc:
        pytest.fail(str(exc))
    yield url
    pgserver.stop(folder)
    shutil.rmtree(folder, ignore_errors=True)


def fresh_database(admin_url: str, prefix: str = "guide_t"):
    """A new empty database on that server; returns (url, drop)."""
    import secrets
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(admin_url)

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", "")), drop


@pytest.fixture()
def pg_url(pg_admin_url):
    url, drop = fresh_database(pg_admin_url)
    yield url
    drop()
