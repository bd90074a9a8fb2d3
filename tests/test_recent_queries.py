"""The query encoder's memo of recent questions (guide.search.recent)."""
import copy

import numpy as np
import pytest

from guide.search.recent import RecentQueries


class _Counting:
    name, dim = "fake-e5", 2

    def __init__(self):
        self.seen = []

    def encode_queries(self, texts):
        self.seen.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_a_question_just_encoded_is_not_encoded_again():
    inner = _Counting()
    memo = RecentQueries(inner)
    first, again = memo.encode_queries(["失业金"]), memo.encode_queries(["失业金"])
    assert inner.seen == [["失业金"]] and np.array_equal(first, again) and first.shape == (1, 2)
    with pytest.raises(ValueError):
        again[0, 0] = 9.0               # shared: read-only


def test_batches_pass_through_and_old_questions_are_forgotten():
    inner = _Counting()
    memo = RecentQueries(inner, size=2)
    memo.encode_queries(["甲", "乙"])
    memo.encode_queries(["甲"])
    memo.encode_queries(["乙"])
    memo.encode_queries(["丙"])         # 甲 is the oldest of three: dropped
    memo.encode_queries(["甲"])
    assert inner.seen == [["甲", "乙"], ["甲"], ["乙"], ["丙"], ["甲"]]


def test_the_wrapped_encoders_attributes_show_through_and_a_copy_works():
    memo = RecentQueries(_Counting())
    assert (memo.name, memo.dim) == ("fake-e5", 2)
    assert copy.copy(memo).encode_queries(["甲"]).shape == (1, 2)
    with pytest.raises(AttributeError):
        _ = memo.no_such_attribute
