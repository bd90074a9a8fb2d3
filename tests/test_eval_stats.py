"""Bootstrap intervals and the paired randomization test on hand-made per-query scores."""
import itertools

import numpy as np
import pytest

from guide.eval_stats import EXACT_UP_TO, bootstrap_ci, bootstrap_indices, paired_randomization_test


def test_identical_methods_give_p_1_and_an_interval_around_the_mean():
    scores = [1, 0, 1, 1, 0.5, 0, 1, 0.25, 1, 1] * 3
    test = paired_randomization_test(scores, list(scores))
    assert test == {"diff": 0.0, "p": 1.0}
    low, high = bootstrap_ci(scores)
    assert low < np.mean(scores) < high


def test_a_method_better_on_every_one_of_30_queries_is_significant():
    rng = np.random.default_rng(7)
    worse = rng.uniform(0, 0.5, 30)
    better = worse + rng.uniform(0.05, 0.5, 30)
    test = paired_randomization_test(better, worse)
    assert test["p"] < 0.01
    assert test["diff"] == pytest.approx(float(np.mean(better - worse)))
    mirrored = paired_randomization_test(worse, better)
    assert mirrored["p"] == test["p"] and mirrored["diff"] == pytest.approx(-test["diff"])


def test_a_small_difference_on_few_queries_is_not_significant():
    a = [1, 0, 1, 1, 0, 1, 0, 1, 1, 1]
    b = [1, 0, 1, 0, 0, 1, 0, 1, 1, 1]                  # one query differs: exactly p = 1
    assert paired_randomization_test(a, b)["p"] == 1.0
    c = [0, 1, 1, 0, 0, 1, 0, 1, 1, 1]                  # +1 on two queries, -1 on one
    assert paired_randomization_test(a, c)["p"] > 0.5


def test_exact_p_value_by_enumeration_of_sign_flips():
    # three queries, each +1: of the 8 sign patterns only all-plus and all-minus reach |mean| 1
    assert paired_randomization_test([1, 1, 1], [0, 0, 0])["p"] == pytest.approx(2 / 8)
    assert paired_randomization_test([1, 1, 1, 0.5], [0, 0, 0, 0.5])["p"] == pytest.approx(2 / 8)


def test_monte_carlo_p_value_agrees_with_full_enumeration():
    rng = np.random.default_rng(3)
    diffs = rng.normal(0.15, 0.5, EXACT_UP_TO + 3)       # too many for the exact branch
    observed = abs(diffs.mean())
    flips = [abs(np.dot(signs, diffs)) / diffs.size >= observed - 1e-12
             for signs in itertools.product((-1, 1), repeat=diffs.size)]
    exact = float(np.mean(flips))
    got = paired_randomization_test(diffs, np.zeros_like(diffs))["p"]
    assert got == pytest.approx(exact, abs=0.015)
    assert got == paired_randomization_test(diffs, np.zeros_like(diffs))["p"]      # fixed seed


def test_interval_of_a_constant_vector_is_the_constant():
    assert bootstrap_ci([0.3] * 40) == (0.3, 0.3)
    assert bootstrap_ci([1.0]) == (1.0, 1.0)


def test_interval_matches_the_normal_approximation_for_a_large_sample():
    values = [1.0] * 200 + [0.0] * 200                    # mean 0.5, standard error 0.025
    low, high = bootstrap_ci(values)
    assert 0.5 - 0.06 < low < 0.5 - 0.04 and 0.5 + 0.04 < high < 0.5 + 0.06
    wide_low, wide_high = bootstrap_ci(values, level=0.99)
    assert wide_low < low and wide_high > high


def test_shared_indices_give_the_same_interval_and_bad_input_is_named():
    values = list(np.random.default_rng(1).uniform(size=50))
    assert bootstrap_ci(values, indices=bootstrap_indices(50)) == bootstrap_ci(values)
    with pytest.raises(ValueError, match="not the same queries"):
        paired_randomization_test([1, 0], [1, 0, 1])
    with pytest.raises(ValueError, match="bootstrap_ci: needs a non-empty"):
        bootstrap_ci([])
    with pytest.raises(ValueError, match="indices are for 50 queries, values for 3"):
        bootstrap_ci([1, 0, 1], indices=bootstrap_indices(50))
    with pytest.raises(ValueError, match="finite"):
        paired_randomization_test([1, float("nan")], [1, 0])
