"""Follow-ups that ask one fact of the current matter get that fact: a validity its FAQ states in
other words, a deadline to hand something in (not the processing time), the time note behind a
query done at once, the tax rate the guide charges; a stated age asks no fact."""
import pytest

from guide.dialogue.parse import asked_kinds, asks_done_time, asks_fact, fact_kinds, follow_up_intent


@pytest.mark.parametrize("message,fact,done", [
    ("得在几天里头提出来", True, False),      # 提出来 hands in: a deadline
    ("材料几天内交上去", True, False),
    ("几天内能办下来", False, True),          # the result coming: the processing time
    ("批下来要几天", False, True),            # the result first, then how long
    ("办下来得多久", False, True),
    ("多久能拿到", False, True),
])
def test_handing_in_is_a_deadline_and_a_result_coming_is_the_processing_time(message, fact, done):
    assert asks_fact(message) is fact and asks_done_time(message) is done


@pytest.mark.parametrize("message", ["上哪办", "上哪儿查", "上哪里交材料"])
def test_shang_na_asks_the_office(message):
    from guide.dialogue.parse import detect_intent

    assert detect_intent(message) == "location"


def test_a_stated_age_is_no_age_asked():
    assert fact_kinds("我爹85岁了能领高龄补贴吗") == {"age"} and not asked_kinds("我爹85岁了能领高龄补贴吗")
    assert asked_kinds("多大岁数能领") == {"age"} and asked_kinds("满60岁领多少钱") == {"amount"}


def test_a_tax_rate_follow_up_asks_the_fee():
    assert follow_up_intent("按啥比例交") == "fee" and follow_up_intent("税率多少") == "fee"
    assert follow_up_intent("按啥比例交公积金贷款") is None      # names something else besides


@pytest.fixture()
def talk(shipped_guide, tmp_path):
    from guide.chat import ChatService
    from guide.runtime import RuntimeStore

    chat = ChatService(shipped_guide, RuntimeStore(tmp_path / "rt.db"))

    def run(*messages):
        session, reply = None, None
        for message in messages:
            reply = chat.turn(message, session)
            session = reply["session_id"]
        return reply
    return run


def test_a_validity_follow_up_is_answered_from_the_faq_in_other_words(talk, shipped_guide):
    nurse = shipped_guide.get("370100-WJ-005")
    validity = next(f for f in nurse.faq if "有效期" in f.q)
    reply = talk("护士执业注册", "注册好了管几年")
    assert reply["type"] == "answer" and reply["matter"]["id"] == nurse.id and validity.a in reply["text"]


def test_a_deadline_to_hand_in_is_the_faq_not_the_processing_time(talk, shipped_guide):
    review = shipped_guide.get("370100-JJ-051")
    reply = talk("道路交通事故认定复核", "对认定不服得在几天里头提出来")
    assert reply["matter"]["id"] == review.id and "三日内" in reply["text"] and "30个自然日" not in reply["text"]


def test_the_time_reply_carries_the_time_note(talk, shipped_guide):
    query = shipped_guide.get("370100-GA-048")
    assert query.time_limit.on_the_spot and query.time_limit.note
    reply = talk("出入境证件办理进度查询", "多少天能下来")
    assert reply["asked"] == "time" and query.time_limit.note in reply["text"]


def test_the_tax_rate_is_the_fee_of_the_tax_being_filed(talk, shipped_guide):
    tax = shipped_guide.get("370100-SW-013")
    reply = talk("房产税申报", "按啥比例交")
    assert reply["asked"] == "fee" and reply["matter"]["id"] == tax.id and tax.fee.standard in reply["text"]


@pytest.mark.parametrize("message", ["过几天不去就作废了", "超过多少天就领不了", "过了多久还没办就失效"])
def test_how_long_until_it_is_lost_asks_a_deadline(message):
    assert asks_fact(message) and "deadline" in fact_kinds(message)


def test_an_answer_states_a_deadline_by_the_time_it_allows():
    from guide.dialogue.parse import fact_families

    assert "deadline" in fact_families("超过规定时间30天未报到的，视为放弃", statement=True)
    assert "deadline" in fact_families("逾期不予受理", statement=True)
    assert "deadline" not in fact_families("证件有效期五年", statement=True)
    assert "deadline" not in fact_families("逾期不予受理")         # a question saying it asks none


def test_a_deadline_asked_is_the_faq_whose_answer_states_one(talk, shipped_guide):
    first = shipped_guide.get("370100-GA-001")
    deadline = next(f for f in first.faq if "三个月内" in f.a)
    reply = talk("第一次办身份证", "过了十六岁最晚多长时间内得去办")
    assert reply["type"] == "answer" and reply["matter"]["id"] == first.id and deadline.a in reply["text"]


def test_a_deadline_the_guide_lacks_is_said_plainly_not_the_processing_time(talk, shipped_guide):
    benefit = shipped_guide.get("370100-RS-001")
    # the premise: its FAQ states only when the office is done (…多久能批下来？10个工作日内…)
    assert any("deadline" in fact_kinds(f.q + f.a) for f in benefit.faq)
    reply = talk("失业金怎么领", "超过多少天没去登记就领不了")
    assert reply["matter"]["id"] == benefit.id and "没有收录" in reply["text"]
    assert "办理时限" not in reply["text"]
    assert "办理时限" in talk("失业金怎么领", "多少天能办好")["text"]


def test_this_certificate_is_the_one_talked_about_and_a_condition_states_its_validity(talk, shipped_guide):
    workshop = shipped_guide.get("370100-SCJG-007")
    validity = next(c for c in workshop.conditions if "有效期3年" in c)
    assert not any("有效期" in f.q + f.a for f in workshop.faq)        # the premise: only a condition says it
    reply = talk("食品小作坊登记", "这证办下来有效期多久")
    assert reply["type"] == "answer" and reply["matter"]["id"] == workshop.id and validity in reply["text"]


def test_what_to_bring_after_a_policy_answer_is_its_one_linked_matter(talk, shipped_guide):
    reply = talk("退休以后医保还要接着交吗")
    assert reply["type"] == "qa"
    linked = [o["id"] for o in reply["options"] if shipped_guide.get(o["id"]).kind == "matter"]
    assert len(linked) == 1
    after = talk("退休以后医保还要接着交吗", "那都得带啥")
    assert after["matter"]["id"] == linked[0] and after["type"] in ("situation", "answer")
