"""A follow-up that asks the current matter's FAQ in other words is answered from that FAQ."""
import numpy as np
import pytest

from guide.catalog import FAQ
from guide.dialogue.meaning import FaqMeaning


class _Matter:
    def __init__(self, faq):
        self.id, self.faq = "370100-XX-001", faq


class _Encoder:
    """Unit vectors chosen per text, so the cosines are known."""

    def __init__(self, vectors):
        self.vectors, self.calls = vectors, 0

    def encode_queries(self, texts):
        self.calls += 1
        return np.array([self.vectors[t] for t in texts], dtype=np.float32)


def _at(cosine):          # a unit vector at this cosine to (1, 0)
    return (cosine, float(np.sqrt(1 - cosine ** 2)))


FAQS = [FAQ(q="甲？", a="答甲"), FAQ(q="乙？", a="答乙")]


@pytest.mark.parametrize("first,second,sure,found", [
    (0.89, 0.80, False, "甲？"),       # near and clearly ahead
    (0.89, 0.80, True, None),          # a search that went elsewhere needs more
    (0.91, 0.80, True, "甲？"),
    (0.89, 0.88, False, None),         # a tie between two entries answers neither
    (0.93, 0.925, False, "甲？"),      # ...unless the nearest is very near
    (0.85, 0.70, False, None),         # not near enough
])
def test_nearest_faq_needs_nearness_and_a_lead(first, second, sure, found):
    encoder = _Encoder({"问": (1.0, 0.0), "甲？": _at(first), "乙？": (second, -float(np.sqrt(1 - second ** 2)))})
    faq = FaqMeaning(encoder).nearest(_Matter(FAQS), "问", sure=sure)
    assert (faq.q if faq else None) == found


def test_faq_questions_are_encoded_once_per_matter():
    encoder = _Encoder({"问": (1.0, 0.0), "甲？": _at(0.95), "乙？": _at(0.5)})
    meaning, matter = FaqMeaning(encoder), _Matter(FAQS)
    meaning.nearest(matter, "问")
    meaning.nearest(matter, "问")
    assert encoder.calls == 3            # the FAQ once, the message twice


def test_the_builds_faq_vectors_are_used_and_a_stale_set_is_not():
    encoder = _Encoder({"问": (1.0, 0.0), "甲？": _at(0.5), "乙？": _at(0.5)})
    built = {"370100-XX-001": np.array([_at(0.95), _at(0.2)], dtype=np.float32)}
    faq = FaqMeaning(encoder, built).nearest(_Matter(FAQS), "问")
    assert faq.q == "甲？" and encoder.calls == 1            # the message only
    stale = {"370100-XX-001": np.array([_at(0.95)], dtype=np.float32)}     # one FAQ entry since added
    assert FaqMeaning(encoder, stale).nearest(_Matter(FAQS), "问") is None


def test_no_encoder_or_no_faq_answers_nothing():
    assert FaqMeaning(None).nearest(_Matter(FAQS), "问") is None
    assert FaqMeaning(_Encoder({})).nearest(_Matter([]), "问") is None


@pytest.mark.slow
def test_a_follow_up_in_other_words_gets_the_faq_and_a_new_topic_does_not(shipped_guide, tmp_path):
    from guide.chat import ChatService
    from guide.runtime import RuntimeStore

    chat = ChatService(shipped_guide, RuntimeStore(tmp_path / "rt.db"))
    workshop = shipped_guide.get("370100-SCJG-007")
    built = shipped_guide.artifacts.faq_vectors()["370100-SCJG-007"]         # the build's, in FAQ order
    own = shipped_guide.encoder.encode_queries([f.q for f in workshop.faq])
    assert built.shape == own.shape and np.allclose(built, own, atol=1e-4)
    first = chat.turn("食品小作坊登记")
    chat.turn(None, first["session_id"], "new")
    reply = chat.turn("别的厂子找我替他们加工点东西，这活能接不", first["session_id"])
    assert reply["matter"]["id"] == "370100-SCJG-007" and workshop.faq[1].a in reply["text"]
    other = chat.turn("那我再问个别的，身份证丢了怎么补", first["session_id"])
    assert other["matter"]["id"] == "370100-GA-003"


@pytest.mark.parametrize("message,asks", [("能送到超市去卖不", True), ("签注这个要花钱不", True), ("中不", True),
                                          ("我不", False), ("不不", False), ("我是外地户口", False)])
def test_a_closing_bu_asks(message, asks):
    from guide.dialogue.parse import is_question

    assert is_question(message) is asks
