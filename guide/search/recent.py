"""An encoder that remembers the last questions it encoded.

A chat turn encodes its question for the search, and the dialogue may then read the same text
against the current matter's FAQ (guide.dialogue.meaning): the second encoding would be the
turn's most expensive step, for a vector just made.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

RECENT = 64          # questions kept: the turns a few concurrent requests have in flight


class RecentQueries:
    """Wraps an encoder; single-question `encode_queries` calls are answered from the last
    RECENT texts. Everything else (names, dims, engine, passages) is the wrapped encoder's."""

    def __init__(self, encoder, size: int = RECENT):
        self._encoder, self._size = encoder, size
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __getattr__(self, name):
        if name.startswith("_"):        # not set yet (a copy being made): no lookup through itself
            raise AttributeError(name)
        return getattr(self._encoder, name)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) != 1:
            return self._encoder.encode_queries(texts)
        text = texts[0]
        with self._lock:
            vector = self._recent.get(text)
            if vector is not None:
                self._recent.move_to_end(text)
                return vector[None, :]
        vector = np.asarray(self._encoder.encode_queries([text]), dtype=np.float32)[0]
        vector.setflags(write=False)            # shared between callers: nobody may change it
        with self._lock:
            self._recent[text] = vector
            while len(self._recent) > self._size:
                self._recent.popitem(last=False)
        return vector[None, :]
