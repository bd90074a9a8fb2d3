"""The current matter's FAQ entry a follow-up asks, read by meaning (the shipped e5 encoder).

The word matchers (parse.best_faq, faq_in_other_words ...) need shared characters: "交警那边用不用也
去批一下" shares one word with 需要先去交警那里吗？ and "干脆打到我卡上行不行" none with 养老金能发到别人
的卡上吗？. Then the follow-up fell to a new search, which found nothing or another topic. e5 reads
a paraphrase of a question as near it (0.88-0.96 on such pairs) and a question about something
else as farther (0.83-0.86), so the nearest FAQ question, clearly nearest, answers it.

Only the follow-ups no word matcher answered come here, and they encode only the message: the
build holds every FAQ question's vector (an older build: each is encoded once per process).
"""
from __future__ import annotations

import threading

import numpy as np

from guide.text import normalize

# Cosine of the message to the nearest FAQ question ("query: " both sides), and how far ahead
# of the next it must be. NEAR answers a follow-up the search found nothing for; SURE one whose
# search went to another topic (which then stays where it was), or that would otherwise get the
# whole guide again.
NEAR, SURE = 0.87, 0.90
# ...ahead of the second-nearest by this much; a question nearer than TIE_FREE needs no margin
# ("复核完了还不满意，能再申请一回吗": 0.93 to 可以复核几次？, 0.924 to 多久内申请复核？).
MARGIN, TIE_FREE = 0.02, 0.92


class FaqMeaning:
    def __init__(self, encoder, built: dict[str, np.ndarray] | None = None):
        """`built`: the build's FAQ vectors (Artifacts.faq_vectors), matter id -> one per question."""
        self.encoder = encoder
        self._vectors: dict[str, np.ndarray] = {k: _unit(v) for k, v in (built or {}).items()}
        self._lock = threading.Lock()

    def _faq_vectors(self, matter) -> np.ndarray:
        vectors = self._vectors.get(matter.id)
        if vectors is None or len(vectors) != len(matter.faq):
            vectors = _unit(self.encoder.encode_queries([f.q for f in matter.faq]))
            with self._lock:
                self._vectors[matter.id] = vectors
        return vectors

    def nearest(self, matter, message: str, sure: bool = False):
        """The FAQ entry of `matter` the message asks, or None: nearest by at least NEAR (SURE
        when `sure`) and MARGIN ahead of the next unless nearer than TIE_FREE."""
        if self.encoder is None or not matter.faq or not message.strip():
            return None
        faq = self._faq_vectors(matter)
        # normalized as the search's question is, so the encoder's recent vector serves
        scores = faq @ _unit(self.encoder.encode_queries([normalize(message)]))[0]
        order = np.argsort(-scores)
        best = float(scores[order[0]])
        second = float(scores[order[1]]) if len(order) > 1 else 0.0
        if best < (SURE if sure else NEAR) or best < TIE_FREE and best - second < MARGIN:
            return None
        return matter.faq[int(order[0])]


def _unit(vectors) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
