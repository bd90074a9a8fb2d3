"""Statistics over per-query scores: how sure a mean is, and whether two methods really differ.

Both work on the per-query vectors of guide.evaluation.per_query_scores (one value per in-scope
query, same query order for every method), with a fixed seed so a report is reproducible:
- `bootstrap_ci`: percentile bootstrap over queries (resample the queries with replacement,
  take the mean each time; the interval is the 2.5th and 97.5th percentiles of those means).
- `paired_randomization_test`: for two methods on the same queries, the per-query differences
  have their signs flipped at random (under "no difference" each method is as likely to have
  produced either score); the two-sided p-value is the share of flips whose mean difference is
  at least as far from 0 as the observed one, counting the observed assignment itself
  ((hits + 1) / (resamples + 1)), so p is never 0 and identical methods get p = 1. Queries with
  equal scores do not change under a flip; with at most EXACT_UP_TO differing queries every
  sign pattern is enumerated and p is exact.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

SEED = 20261201
BOOTSTRAP_RESAMPLES = 1000
PERMUTATION_RESAMPLES = 10000
EXACT_UP_TO = 14        # at most this many non-zero differences: enumerate all 2^n sign flips
ALPHA = 0.05
_TOLERANCE = 1e-12      # float noise when comparing a resampled mean with the observed one


def _vector(values: Sequence[float], name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name}: needs a non-empty sequence of per-query scores")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name}: per-query scores must be finite numbers")
    return array


def bootstrap_indices(n: int, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = SEED) -> np.ndarray:
    """(resamples, n) query indices drawn with replacement: share them across methods and metrics
    so every interval in a report comes from the same resampled query sets."""
    if n <= 0 or resamples <= 0:
        raise ValueError("bootstrap needs at least one query and one resample")
    return np.random.default_rng(seed).integers(0, n, size=(resamples, n))


def bootstrap_ci(values: Sequence[float], level: float = 0.95, resamples: int = BOOTSTRAP_RESAMPLES,
                 seed: int = SEED, indices: np.ndarray | None = None) -> tuple[float, float]:
    """Percentile-bootstrap interval of the mean of `values` (see the module docstring)."""
    array = _vector(values, "bootstrap_ci")
    if not 0 < level < 1:
        raise ValueError(f"bootstrap_ci: level must be between 0 and 1, got {level}")
    if np.all(array == array[0]):
        return float(array[0]), float(array[0])   # every resample is the same: no float noise
    if indices is None:
        indices = bootstrap_indices(array.size, resamples, seed)
    elif indices.shape[1] != array.size:
        raise ValueError(f"bootstrap_ci: indices are for {indices.shape[1]} queries, values for {array.size}")
    means = array[indices].mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


def paired_randomization_test(a: Sequence[float], b: Sequence[float], resamples: int = PERMUTATION_RESAMPLES,
                              seed: int = SEED) -> dict[str, float]:
    """Two-sided paired randomization (sign-flip) test of mean(a) - mean(b) on the same queries.

    Returns {"diff": mean(a) - mean(b), "p": p-value}; see the module docstring."""
    x, y = _vector(a, "paired_randomization_test a"), _vector(b, "paired_randomization_test b")
    if x.size != y.size:
        raise ValueError(f"paired_randomization_test: {x.size} scores against {y.size}: not the same queries")
    diffs = x - y
    observed = abs(diffs.mean())
    nonzero = diffs[diffs != 0]
    if nonzero.size == 0:
        return {"diff": 0.0, "p": 1.0}
    if nonzero.size <= EXACT_UP_TO:               # every sign pattern: the exact p-value
        patterns = np.arange(2 ** nonzero.size)[:, None] >> np.arange(nonzero.size) & 1
        means = np.abs(((1 - 2 * patterns) * nonzero).sum(axis=1) / diffs.size)
        return {"diff": float(diffs.mean()), "p": float((means >= observed - _TOLERANCE).mean())}
    rng = np.random.default_rng(seed)
    hits, done = 0, 0
    while done < resamples:                       # chunks keep the sign matrix small
        size = min(2000, resamples - done)
        signs = rng.choice((-1.0, 1.0), size=(size, nonzero.size))
        means = np.abs((signs * nonzero).sum(axis=1) / diffs.size)
        hits += int((means >= observed - _TOLERANCE).sum())
        done += size
    return {"diff": float(diffs.mean()), "p": (hits + 1) / (resamples + 1)}


def significant(p: float, alpha: float = ALPHA) -> bool:
    return p < alpha
