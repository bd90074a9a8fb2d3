"""The Python API: a loaded, read-only build (guide.artifacts) with its searcher and a cache.

    from guide import load_guide
    g = load_guide()
    g.search("开饭馆", k=5)
"""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from pathlib import Path

from guide.artifacts import Artifacts, open_build
from guide.catalog import Bundle, Matter
from guide.config import Settings, load_settings
from guide.search.hybrid import SCOPED_REGIONS_KEPT, Searcher
from guide.search.settings import RetrievalSettings, load_retrieval_settings
from guide.search.types import FilterError, Filters, SearchResult


class Guide:
    """One loaded build. Thread-safe for reads; never writes to the build."""

    def __init__(self, artifacts: Artifacts, settings: Settings, retrieval: RetrievalSettings):
        self.artifacts, self.settings = artifacts, settings
        self.folder, self.manifest, self.build_id = artifacts.folder, artifacts.manifest, artifacts.build_id
        self.pipeline, self.ids, self.kinds = artifacts.pipeline, artifacts.table.ids, artifacts.table.kinds
        self.department_names = artifacts.department_names
        table = artifacts.table
        places = {str(r) for r, k in zip(table.regions, table.kinds) if k != "qa"} | {settings.default_region}
        self.served_regions = tuple(sorted(places))
        self.searcher = Searcher(artifacts.pipeline, artifacts.table, artifacts.retrievers, artifacts.encoders,
                                 artifacts.rarity, retrieval)
        for region in self.served_regions[:SCOPED_REGIONS_KEPT]:   # each region's BM25 view, made now, not on a request
            self.searcher.retrievers_for(region)
        self._cache: OrderedDict = OrderedDict()
        self._cache_lock = threading.Lock()
        self._get_cached = functools.lru_cache(maxsize=4096)(artifacts.entry)

    @classmethod
    def load(cls, index_dir: Path | None = None, settings: Settings | None = None, encoder=None,
             retrieval: RetrievalSettings | None = None) -> "Guide":
        """Open CURRENT (or `index_dir` if it is itself a build folder) read-only, checked."""
        settings = settings or load_settings()
        return cls(open_build(index_dir, settings, encoder), settings, retrieval or load_retrieval_settings())

    @property
    def encoder(self):
        return self.artifacts.encoders["dense_e5"]

    @property
    def matter_count(self) -> int:
        return int((self.kinds == "matter").sum())

    @property
    def methods(self) -> list[str]:
        return self.searcher.methods

    def get(self, entry_id: str) -> Matter | Bundle | None:
        """Entry by id, cached per Guide (a live build switch drops the old Guide with its cache)."""
        return self._get_cached(entry_id)

    def all_entries(self) -> list[Matter | Bundle]:
        return [self.get(i) for i in self.ids]

    def check_filters(self, department: str | None, subject: str | None, kind: str | None,
                      region: str | None = None) -> None:
        """FilterError (in the user's language, naming the parameter) for a filter this build lacks."""
        if kind not in (None, "matter", "bundle", "qa"):
            raise FilterError("参数 kind 只能是 matter、bundle 或 qa", "kind")
        if region is not None and region not in self.served_regions:
            raise FilterError(f"本服务不提供地区 {region[:12]!r} 的事项；可选地区：{'、'.join(self.served_regions)}",
                              "region")
        if subject not in (None, "自然人", "法人"):
            raise FilterError("参数 subject 只能是 自然人 或 法人", "subject")
        if department and department not in self.department_names:
            raise FilterError(f"未知部门代码 {department[:20]!r}", "department")

    def search(self, query: str, k: int = 5, department: str | None = None, subject: str | None = None,
               kind: str | None = None, method: str | None = None, region: str | None = None) -> SearchResult:
        """Ranked hits with signals and confidence, as seen from `region` (default: the deployment's);
        repeated questions come from an LRU cache."""
        method = method or self.searcher.settings.default_method
        region = region or self.settings.default_region
        self.searcher.method(method)                    # unknown or unavailable: ValueError before caching
        if k <= 0:
            raise ValueError("k must be a positive whole number")
        key = (query, k, department, subject, kind, method, region)
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        result = self.searcher.search(query, k, Filters(department, subject, kind, region), method)
        with self._cache_lock:
            self._cache[key] = result
            while len(self._cache) > self.settings.search_cache_size:
                self._cache.popitem(last=False)
        return result
