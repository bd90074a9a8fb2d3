"""Where a follow-up goes after a policy answer, and which of two near-twin services a place word
picks (shipped build, real model)."""
from __future__ import annotations

import pytest

from guide.chat import ChatService
from guide.runtime import RuntimeStore
from guide.search.qualifiers import asked, name_marks
from tests.test_dialogue import Conversation


@pytest.fixture()
def chat(shipped_guide, tmp_path):
    return ChatService(shipped_guide, RuntimeStore(tmp_path / "runtime.db"))


def test_a_guide_part_asked_after_a_policy_answer_names_the_service_it_is_about(chat):
    talk = Conversation(chat)
    first = talk.say("试用期内公司可以随便辞退我吗")
    assert first["type"] == "qa" and not first["options"]          # a rule with no service to offer
    reply = talk.say("失业登记在哪办")                               # a Q&A has no office: search it
    assert reply["type"] == "answer" and reply["matter"]["id"] == "370100-RS-010"
    assert reply["asked"] == "location"


def test_another_city_in_the_question_picks_the_cross_city_service(shipped_guide):
    assert asked("公积金从外地转到济南") == {"elsewhere"}
    assert asked("在老家看病能报销吗") == {"elsewhere"}
    assert asked("换工作了公积金怎么转") == frozenset()
    assert name_marks("住房公积金市内账户转移") == {"local"}
    assert name_marks("住房公积金异地转移接续") == {"elsewhere"}
    assert shipped_guide.search("公积金从外地转到济南", k=3).hits[0].id == "370100-GJJ-005"
    assert shipped_guide.search("换工作了公积金怎么转", k=3).hits[0].id == "370100-GJJ-015"


def test_materials_are_the_guides_even_where_a_policy_answer_ranks_first(chat):
    # only Q&As rank; the first one names 户口登记项目变更更正 as its next step
    reply = Conversation(chat).say("给孩子改个名字需要啥材料")
    assert reply["type"] == "answer" and reply["matter"]["id"] == "370100-GA-016"
    assert reply["asked"] == "materials" and reply["checklist"]
    # a Q&A listing what to bring ties with the matter: the matter's checklist, by its situations
    reply = Conversation(chat).say("协议离婚需要带啥")
    assert reply["type"] == "situation" and reply["matter"]["id"] == "370100-MZ-002"
    # "要改": wanting it done asks for the service, not for the rule on corrections
    reply = Conversation(chat).say("户口本上的信息要改")
    assert reply["matter"]["id"] == "370100-GA-016" and reply["asked"] == "situation:item"


def test_a_son_or_daughter_is_a_child_to_the_guides(chat, shipped_guide):
    assert shipped_guide.search("女儿改名字", k=3).confidence == "no_match"     # the words alone
    reply = Conversation(chat).say("女儿改名字")
    assert reply["matter"]["id"] == "370100-GA-016"


def test_a_follow_up_nothing_else_answers_is_read_against_the_faq_answers(chat, shipped_guide):
    from guide.dialogue.parse import faq_in_other_words

    sealing = shipped_guide.get("370100-GJJ-014")             # 住房公积金个人账户封存
    assert faq_in_other_words(sealing, "原单位一直拖着不给办咋整") is sealing.faq[1]
    assert faq_in_other_words(sealing, "能邮寄吗") is None
    fund = shipped_guide.get("370100-ZJ-004")                 # 住宅专项维修资金交存: its answer says 表决
    assert faq_in_other_words(fund, "续交得业主们怎么表决") is fund.faq[2]
    talk = Conversation(chat)
    talk.say("辞职了公积金账户要封存")
    reply = talk.say("原单位一直拖着不给办咋整")
    assert reply["type"] == "answer" and reply["matter"]["id"] == "370100-GJJ-014" and reply["asked"] == "fact"
    assert sealing.faq[1].a.rstrip("。") in reply["text"]


def test_wanting_it_done_in_more_words_gets_the_service_a_policy_answer_is_about(chat):
    reply = Conversation(chat).say("在济南交了三年社保也办了居住证，想把户口迁过来")
    assert reply["matter"]["id"] == "370100-GA-046"
    reply = Conversation(chat).say("以前评过伤残等级，现在想重新鉴定一下")
    assert reply["matter"]["id"] == "370100-RS-040"


def test_split_service_verbs_and_colloquial_results_read_as_the_catalog_says():
    from guide.dialogue.parse import colloquial_forms, detect_intent

    assert colloquial_forms("先挂个失") == "先挂失" and colloquial_forms("户口落了户") == "户口落户"
    assert colloquial_forms("翻遍了也找不着") == "翻遍了也找不到" and colloquial_forms("又找着了") == "又找到了"
    assert colloquial_forms("不知道丢哪儿去了") == "不知道丢了"
    assert colloquial_forms("离过婚") == "离过婚"              # a past marriage says more than 离婚
    assert detect_intent("社保卡丢哪儿了") is None              # where it was lost asks no office
    assert detect_intent("社保卡在哪儿办") == "location"


def test_a_lost_card_said_colloquially_answers_the_situation_question(chat):
    reply = Conversation(chat).say("社保卡找不着了，想先挂个失")
    assert reply["type"] == "answer" and reply["matter"]["id"] == "370100-RS-051"
    assert "临时挂失" in reply["text"] and reply["asked"] != "situation:action"


def test_an_unsure_search_is_asked_again_in_the_catalog_words(chat):
    """自由职业 is 灵活就业 and 自个 is 自己 to the guides: said so, the question names one matter
    (unsure between it and 封存 in the person's words), and a delivery rider's question is asked."""
    reply = Conversation(chat).say("如今自由职业了，原单位缴的公积金封存着，想自个接着缴")
    assert reply["type"] == "answer" and reply["matter"]["id"] == "370100-GJJ-021"
    rider = Conversation(chat).say("送外卖的，社保能自个儿交吗")
    assert rider["type"] != "no_match"


def test_an_answer_to_the_pending_question_that_also_answers_the_next_is_taken_whole(chat):
    talk = Conversation(chat)
    first = talk.say("退役士兵恢复户口登记")
    assert first["type"] == "situation" and first["asked"] == "situation:place"
    reply = talk.say("在济南入伍的，户口落在我自己买的房子")
    assert reply["type"] == "answer" and reply["matter"]["id"] == "370100-GA-015"
    names = [item["name"] for item in reply["checklist"]]
    assert "易地安置的相关证明" not in names and "不动产权证书" in names     # origin, own house: not asked again


def test_a_death_told_in_everyday_words_reaches_the_services_after_a_death(chat):
    from guide.dialogue.repair import everyday_to_catalog, said_died

    assert said_died("俺爹没了要办啥手续") == "俺爹去世了要办啥手续"
    assert said_died("老伴昨晚在医院老了") == "老伴昨晚在医院去世了"
    assert said_died("我妈老了，腿脚不好") == "我妈老了，腿脚不好"          # growing old is no death
    assert everyday_to_catalog("钱包没了") == "钱包丢了"                      # a thing that is gone is lost
    assert "丢了" in everyday_to_catalog("俺娘的医保卡没了")                   # her card, not her
    assert "今天" in everyday_to_catalog("今天天气怎么样")                     # no story, its time stays
    reply = Conversation(chat).say("俺爹昨天夜里没了，要去哪销户口")
    assert reply["type"] == "answer" and reply["matter"]["id"] == "370100-GA-009"


def test_a_deadline_in_hours_is_a_deadline(shipped_guide):
    from guide.dialogue.options import fact_condition
    from guide.dialogue.parse import fact_families

    assert "deadline" in fact_families("外国人住下以后几个小时内要登记")
    stay = shipped_guide.get("370100-GA-042")
    assert "24小时内" in fact_condition(stay, "人住下以后多长时间内得去报")


def test_people_and_licences_of_other_countries_and_late_tax_are_asked_in_the_catalog_words(chat):
    from guide.dialogue.repair import everyday_to_catalog

    assert "外国人" in everyday_to_catalog("有个日本同学来我家住")
    assert "境外驾驶证" in everyday_to_catalog("想用他们那儿的驾照开车")
    assert "延期缴纳" in everyday_to_catalog("税想晚交两个月")
    guest = Conversation(chat).say("有个美国同事来我家住两天，要去派出所报备吗")
    assert guest["type"] == "answer" and guest["matter"]["id"] == "370100-GA-042"
    late = Conversation(chat).say("今年的税想晚交两个月行吗")
    assert late["matter"] is not None and late["matter"]["id"] == "370100-SW-026"
