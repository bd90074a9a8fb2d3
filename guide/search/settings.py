"""Retrieval settings: every weight, depth and threshold the search uses, in one file.

guide/search/retrieval.yaml records the values with the command and commit that chose them
(eval/tune.py reproduces them from eval/dev). Loading checks every name: a misspelt retriever
in a method's weights, or an unknown threshold, is an error naming the field, never a silently
ignored weight.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml

SETTINGS_PATH = Path(__file__).with_name("retrieval.yaml")
LEXICAL = ("title_words", "body_words", "title_chars", "body_chars", "title_pinyin")
RETRIEVERS = ("alias", *LEXICAL, "dense_e5", "dense_names", "dense_use")
FUSIONS = ("score", "rrf")
KINDS = ("matter", "bundle", "qa")
FORMS = ("policy", "service", "neutral", "plain")        # guide.search.form.question_form


class SettingsError(ValueError):
    """The retrieval settings file is wrong; the message names the file and the field."""


@dataclass(frozen=True)
class Thresholds:
    """Confidence and shortcut thresholds (see guide.search.fusion)."""

    min_lexical: float          # share of the query's grams (chars, words or pinyin) the top hit matched
    min_dense_alone: float      # e5 cosine that can stand without lexical support
    min_dense: float
    strong_lexical: float
    ambiguous_margin: float     # relative gap between the first and second fused scores
    weak_dense: float           # below this e5 cosine, the question's rare words must match ...
    weak_word_coverage: float   # ... at least this IDF-weighted share of them ...
    weak_lexical: float         # ... unless the grams (chars/pinyin) match this well
    min_name_fit: float         # below this name fit (none of the top hit's names is what was asked) ...
    name_fit_lexical: float     # ... and with grams matched less well than this: ambiguous, not confident
    certain_lexical: float      # lexical shortcut: skip encoding when grams match this well,
    certain_word_coverage: float    # ... and this IDF-weighted share of the words ...
    certain_margin: float       # ... and the lexical runner-up is this far behind

    def replace(self, **changes: float) -> "Thresholds":
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class QualifierWeights:
    """Sub-item qualifier re-weighing (guide.search.qualifiers): fused score x boost for an item
    carrying the qualifier the question asks for, x penalty for one carrying another; 1/1 is off."""

    boost: float = 1.0
    penalty: float = 1.0


@dataclass(frozen=True)
class Method:
    """Which retrievers, their weights, the fusion, and whether the lexical shortcut may skip dense."""

    weights: Mapping[str, float]
    fusion: str = "score"
    shortcut: bool = False
    # retrievers that order the hits but stay out of the confidence margin: the name vectors
    # (short texts, high cosines for any short question) re-rank near-twins without making the
    # guide surer that the catalog has the service at all
    rank_only: tuple[str, ...] = ()

    @property
    def dense(self) -> tuple[str, ...]:
        return tuple(n for n in self.weights if n.startswith("dense"))


@dataclass(frozen=True)
class RetrievalSettings:
    methods: Mapping[str, Method]
    default_method: str
    thresholds: Thresholds
    depth: int                  # hits each retriever returns (more when k is larger); runs fuse at this depth
    rrf_k: int                  # RRF: w / (rrf_k + rank), rank starting at 1
    chosen_by: Mapping[str, str]
    path: str = ""
    kind_weights: Mapping[str, float] = dataclasses.field(default_factory=lambda: MappingProxyType({}))
    # per question form (policy/service/neutral/plain): fused score x weight per entry kind; unnamed = 1.0
    qualifiers: QualifierWeights = QualifierWeights()

    def method(self, name: str) -> Method:
        try:
            return self.methods[name]
        except KeyError:
            raise ValueError(f"unknown method {name!r} (known: {', '.join(self.methods)})") from None


def _fail(path: Path, fld: str, message: str):
    raise SettingsError(f"{path}: {fld}: {message}")


def _number(path: Path, fld: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _fail(path, fld, f"must be a number, got {value!r}")
    return float(value)


def _method(path: Path, name: str, raw: Any, done: dict[str, Method]) -> Method:
    fld = f"methods.{name}"
    if not isinstance(raw, dict):
        _fail(path, fld, "must be a mapping")
    unknown = set(raw) - {"weights", "fusion", "shortcut", "like", "drop", "add", "rank_only"}
    if unknown:
        _fail(path, f"{fld}.{sorted(unknown)[0]}", "unknown key (weights, fusion, shortcut, like, drop, add, rank_only)")
    if "like" in raw:
        base = done.get(raw["like"])
        if base is None:
            _fail(path, f"{fld}.like", f"{raw['like']!r} is not a method defined above it")
        weights = {k: v for k, v in base.weights.items() if k not in (raw.get("drop") or ())}
        weights.update(raw.get("add") or {})
        fusion, shortcut = raw.get("fusion", base.fusion), raw.get("shortcut", False)
        rank_only = raw.get("rank_only", [n for n in base.rank_only if n in weights])
    else:
        weights, fusion, shortcut = dict(raw.get("weights") or {}), raw.get("fusion", "score"), raw.get("shortcut", False)
        rank_only = raw.get("rank_only") or []
    for key in (*(raw.get("drop") or ()), *weights):
        if key not in RETRIEVERS:
            _fail(path, f"{fld}.weights.{key}", f"unknown retriever (known: {', '.join(RETRIEVERS)})")
    if not weights:
        _fail(path, f"{fld}.weights", "needs at least one retriever")
    if fusion not in FUSIONS:
        _fail(path, f"{fld}.fusion", f"{fusion!r} is not one of {', '.join(FUSIONS)}")
    if not isinstance(shortcut, bool):
        _fail(path, f"{fld}.shortcut", "must be true or false")
    if not isinstance(rank_only, list) or any(n not in weights for n in rank_only):
        _fail(path, f"{fld}.rank_only", "must list retrievers of the method's weights")
    if rank_only and set(rank_only) >= set(weights):
        _fail(path, f"{fld}.rank_only", "leaves no retriever for the confidence margin")
    return Method(MappingProxyType({k: _number(path, f"{fld}.weights.{k}", v) for k, v in weights.items()}),
                  fusion, shortcut, tuple(rank_only))


def load_retrieval_settings(path: Path | str = SETTINGS_PATH) -> RetrievalSettings:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SettingsError(f"{path}: cannot read retrieval settings ({exc})") from None
    if not isinstance(data, dict):
        _fail(path, "-", "must hold a mapping")
    unknown = set(data) - {"chosen_by", "depth", "rrf_k", "default_method", "methods", "thresholds", "kind_weights",
                         "qualifiers"}
    if unknown:
        _fail(path, sorted(unknown)[0], "unknown key")
    methods: dict[str, Method] = {}
    for name, raw in (data.get("methods") or {}).items():
        methods[name] = _method(path, name, raw, methods)
    default = data.get("default_method", "hybrid")
    if default not in methods:
        _fail(path, "default_method", f"{default!r} is not a defined method")
    raw_t = data.get("thresholds")
    if not isinstance(raw_t, dict):
        _fail(path, "thresholds", "must be a mapping")
    names = [f.name for f in dataclasses.fields(Thresholds)]
    for key in raw_t:
        if key not in names:
            _fail(path, f"thresholds.{key}", f"unknown threshold (known: {', '.join(names)})")
    for key in names:
        if key not in raw_t:
            _fail(path, f"thresholds.{key}", "missing")
    thresholds = Thresholds(**{k: _number(path, f"thresholds.{k}", raw_t[k]) for k in names})
    ints = {}
    for key in ("depth", "rrf_k"):
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            _fail(path, key, f"must be a whole number >= 1, got {value!r}")
        ints[key] = value
    raw_k = data.get("kind_weights") or {}
    kinds = {}
    if not isinstance(raw_k, dict):
        _fail(path, "kind_weights", "must map question forms (policy, service, neutral, plain) to kind weights")
    for form, per_kind in raw_k.items():
        if form not in FORMS or not isinstance(per_kind, dict) or any(k not in KINDS for k in per_kind):
            _fail(path, f"kind_weights.{form}", f"forms {', '.join(FORMS)} map entry kinds ({', '.join(KINDS)}) "
                  "to numbers")
        kinds[form] = MappingProxyType({k: _number(path, f"kind_weights.{form}.{k}", v) for k, v in per_kind.items()})
    kinds = MappingProxyType(kinds)
    raw_q = data.get("qualifiers") or {}
    if not isinstance(raw_q, dict) or set(raw_q) - {"boost", "penalty"}:
        _fail(path, "qualifiers", "must map boost and penalty to numbers")
    qualifiers = QualifierWeights(**{k: _number(path, f"qualifiers.{k}", v) for k, v in raw_q.items()})
    if qualifiers.boost < 1.0 or not 0.0 < qualifiers.penalty <= 1.0:
        _fail(path, "qualifiers", "boost must be >= 1 and penalty in (0, 1]")
    return RetrievalSettings(MappingProxyType(methods), default, thresholds, ints["depth"], ints["rrf_k"],
                             MappingProxyType(dict(data.get("chosen_by") or {})), str(path), kinds, qualifiers)


def dump_settings(s: RetrievalSettings, raw_methods: dict) -> str:
    """The settings file's text (methods as written, so `like:` ablations stay derived)."""
    body = {"chosen_by": dict(s.chosen_by), "depth": s.depth, "rrf_k": s.rrf_k,
            "default_method": s.default_method, "kind_weights": {f: dict(w) for f, w in s.kind_weights.items()},
            "qualifiers": dataclasses.asdict(s.qualifiers),
            "methods": raw_methods,
            "thresholds": dataclasses.asdict(s.thresholds)}
    head = ("# Retrieval settings: every weight, depth and threshold the search uses (guide.search.settings).\n"
            "# Written by eval/tune.py; `chosen_by` says how. Edit by re-running the tune, not by hand.\n")
    return head + yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
