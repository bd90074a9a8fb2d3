"""Real conversations on the shipped catalog, through the same ChatService the API uses."""
import pytest

from guide.chat import ChatService, InputError
from guide.dialogue import (
    ChoiceError,
    DialogueState,
    Option,
    Pending,
    StateError,
    detect_intent,
    resolve_option,
)
from guide.runtime import RuntimeStore

pytestmark = pytest.mark.slow


@pytest.fixture()
def store(tmp_path):
    return RuntimeStore(tmp_path / "runtime.db")


@pytest.fixture()
def chat(shipped_guide, store):
    return ChatService(shipped_guide, store)


class Conversation:
    def __init__(self, chat):
        self.chat, self.session_id, self.last = chat, None, None

    def say(self, message=None, choice=None):
        self.last = self.chat.turn(message, self.session_id, choice)
        self.session_id = self.last["session_id"]
        return self.last

    def pick(self, label_part: str):
        """Click the option whose label contains `label_part`."""
        ids = [o["id"] for o in self.last["options"] if label_part in o["label"]]
        assert len(ids) == 1, (label_part, self.last["options"])
        return self.say(choice=ids[0])


def names(payload):
    return [item["name"] for item in payload["checklist"]]


def test_restaurant_bundle_lists_members_in_order_and_opens_one(chat, shipped_guide):
    talk = Conversation(chat)
    reply = talk.say("开饭馆要办什么证")
    assert reply["type"] == "bundle" and reply["matter"]["id"] == "370100-YJS-001"
    members = [m["matter"] for m in reply["matter"]["members"]]
    bundle = shipped_guide.get("370100-YJS-001")
    assert members == [m.matter for m in bundle.members]
    assert all(m["name"] for m in reply["matter"]["members"])
    assert "370100-SCJG-001" in members           # 食品经营许可 is part of opening a restaurant
    # "第三个" opens the third member's guide
    third = talk.say("第三个")
    assert third["matter"]["id"] == members[2]


def test_id_card_renewal_situations_end_in_the_right_checklist(chat):
    talk = Conversation(chat)
    reply = talk.say("身份证过期了怎么办")
    assert reply["type"] == "situation" and reply["matter"]["id"] == "370100-GA-002"
    assert reply["asked"] == "situation:residence"                 # "过期" already answered the reason
    assert "已按您的描述选择：有效期满" in reply["text"]
    talk.pick("外省市")
    assert talk.last["asked"] == "situation:age"
    final = talk.pick("已满十六周岁")
    assert final["type"] == "answer"
    got = names(final)
    assert "原居民身份证" in got and "居住证" in got
    assert "居民户口簿" not in got                # only when registered details changed (身份证法 §10)
    assert "监护人的居民身份证" not in got         # only for applicants under sixteen
    changed = Conversation(chat)
    changed.say("居民身份证换领")
    while changed.last["type"] == "situation":
        option = {"situation:reason": "changed", "situation:age": "minor"}.get(changed.last["asked"])
        changed.say(choice=option or changed.last["options"][0]["id"])
    assert {"居民户口簿", "监护人的居民身份证"} <= set(names(changed.last))


def test_housing_fund_reason_changes_the_materials(chat):
    rent = Conversation(chat)
    reply = rent.say("租房怎么提取公积金")
    assert reply["matter"]["id"] == "370100-GJJ-001"
    while rent.last["type"] == "situation":      # the reason was taken from the question
        assert rent.last["asked"] != "situation:reason"
        rent.say(choice=rent.last["options"][0]["id"])
    rent_list = names(rent.last)
    retire = Conversation(chat)
    retire.say("公积金怎么取出来")
    assert retire.last["asked"] == "situation:reason"
    retire.pick("退休")
    while retire.last["type"] == "situation":
        assert retire.last["asked"] not in ("situation:house", "situation:loan_type")   # not asked after 退休
        retire.say(choice=retire.last["options"][0]["id"])
    retire_list = names(retire.last)
    assert any("租赁合同" in n for n in rent_list) and not any("租赁合同" in n for n in retire_list)
    assert any("退休" in n for n in retire_list) and not any("退休" in n for n in rent_list)


def test_follow_up_fee_then_location_stay_on_the_matter(chat, shipped_guide):
    talk = Conversation(chat)
    talk.say("办护照")
    matter_id = talk.last["matter"]["id"]
    assert shipped_guide.get(matter_id).name == "普通护照签发"
    fee = talk.say("那要多少钱？")
    assert fee["asked"] == "fee" and fee["matter"]["id"] == matter_id
    assert shipped_guide.get(matter_id).fee.standard in fee["text"]
    where = talk.say("在哪里办？")
    assert where["asked"] == "location" and where["matter"]["id"] == matter_id
    online = talk.say("网上能办吗？")
    assert online["asked"] == "online" and online["online"]["available"] == shipped_guide.get(matter_id).online.available
    # a new topic starts a new one
    new = talk.say("失业金怎么领")
    assert new["matter"]["id"] != matter_id


def test_ambiguous_question_is_resolved_by_option_or_number(chat):
    talk = Conversation(chat)
    reply = talk.say("身份证")
    assert reply["type"] == "clarify" and len(reply["options"]) >= 2
    ids = [o["id"] for o in reply["options"]]
    assert "370100-GA-003" in ids and ids[0].startswith("370100-GA-00")      # the ID-card matters come first
    second = talk.say("2")
    assert second["matter"]["id"] == ids[1]
    again = Conversation(chat)
    again.say("身份证")
    assert again.pick("补领")["matter"]["id"] == "370100-GA-003"


@pytest.mark.parametrize("question", ["今天天气怎么样", "帮我写一首诗", "asdfgh"])
def test_out_of_scope_says_so_and_points_to_12345(chat, question):
    reply = Conversation(chat).say(question)
    assert reply["type"] == "no_match" and reply["matter"] is None
    assert "12345" in reply["text"] and reply["suggestions"]


def test_session_survives_a_restart(shipped_guide, tmp_path):
    path = tmp_path / "runtime.db"
    first = Conversation(ChatService(shipped_guide, RuntimeStore(path)))
    first.say("居民身份证换领")
    first.pick("姓名等登记信息变更")
    first.pick("济南市户籍")
    restarted = ChatService(shipped_guide, RuntimeStore(path))      # a new process would do the same
    reply = restarted.turn(None, first.session_id, "adult")
    assert reply["session_id"] == first.session_id and reply["type"] == "answer"
    assert "居民户口簿" in names(reply)


def test_unknown_session_starts_a_new_one_and_bad_choice_is_refused(chat):
    reply = chat.turn("身份证过期了怎么办", "no-such-session")
    assert reply["session_id"] != "no-such-session"
    with pytest.raises(ChoiceError):
        chat.turn(None, reply["session_id"], "not-offered")
    with pytest.raises(InputError) as err:
        chat.turn("x" * 201)
    assert err.value.field == "message"


def test_intent_and_option_parsing():
    assert detect_intent("那要多少钱？") == "fee"
    assert detect_intent("在哪里办") == "location"
    assert detect_intent("网上能办吗") == "online"
    assert detect_intent("要带什么材料") == "materials"
    assert detect_intent("要多久才能拿到") == "time"
    assert detect_intent("开饭馆") is None

    class Words:
        def analyze(self, text):
            return type("A", (), {"words": [text]})()
    options = [Option("a", "有效期满"), Option("b", "证件损坏"), Option("c", "信息变更")]
    assert resolve_option("2", options, Words()) == "b"
    assert resolve_option("②", options, Words()) == "b"
    assert resolve_option("第三个", options, Words()) == "c"
    assert resolve_option("损坏", options, Words()) == "b"
    assert resolve_option("9", options, Words()) is None
    assert resolve_option("我想问问公积金提取需要什么材料", options, Words()) is None


def test_benefit_amount_question_is_answered_with_the_amount_not_a_fee(chat, shipped_guide):
    """"失业金多少钱" asks the benefit's amount: the policy Q&A or the matter's FAQ says it, never 不收费."""
    talk = Conversation(chat)
    reply = talk.say("失业金多少钱")
    if reply["type"] == "clarify":
        assert "每月" in reply["options"][0]["label"] or "多少" in reply["options"][0]["label"]
        reply = talk.say(choice=reply["options"][0]["id"])
    assert reply["type"] in ("qa", "answer") and "不收费" not in reply["text"]
    entry = shipped_guide.get(reply["matter"]["id"])
    if reply["type"] == "qa":
        assert entry.answer in reply["text"] and "失业" in entry.question
    else:
        assert entry.name == "失业保险金申领" and any(f.a in reply["text"] for f in entry.faq if "多少" in f.q)

def test_ordinal_refers_to_the_last_suggestions(chat):
    talk = Conversation(chat)
    first = talk.say("办护照")
    if first["type"] == "situation":
        talk.say(choice="_all")
    suggestions = talk.last["suggestions"]
    assert len(suggestions) >= 2
    assert talk.say("那第二个呢")["matter"]["id"] == suggestions[1]["id"]


def test_greeting_and_calendar_day_time_limit(chat):
    hello = Conversation(chat).say("你好")
    assert hello["type"] == "no_match" and hello["asked"] == "greeting" and "12345" not in hello["text"]
    assert hello["suggestions"]
    talk = Conversation(chat)
    talk.say("身份证过期了怎么办")
    reply = talk.say("要多久")
    assert reply["asked"] == "time" and "60个自然日" in reply["text"]     # 身份证法: 六十日, calendar days


def test_state_round_trips_and_reads_unversioned_sessions():
    state = DialogueState("370100-GA-002", {"reason": "expire"},
                          Pending("situation", (Option("local", "济南市户籍"),), "residence"), "guide", False,
                          (Option("370100-GA-003", "居民身份证补领"),))
    data = state.to_json()
    assert data["version"] == 1 and DialogueState.from_json(data) == state
    old = {"entry_id": "370100-GA-002", "chosen": {"reason": "expire"}, "intent": "guide", "show_all": False,
           "pending": {"kind": "situation", "situation": "residence", "options": [{"id": "local", "label": "济南市户籍"}]},
           "recent": [{"id": "370100-GA-003", "label": "居民身份证补领"}]}     # written before states had a version
    assert DialogueState.from_json(old) == state
    for bad in ({"version": 99}, {"chosen": {"reason": 3}}, {"pending": {"kind": "teleport"}}, ["x"]):
        with pytest.raises(StateError):
            DialogueState.from_json(bad)
    with pytest.raises(TypeError):
        state.chosen["reason"] = "damaged"            # frozen: a turn makes a new state


def test_an_unreadable_stored_session_starts_a_new_conversation(chat, store):
    first = chat.turn("身份证过期了怎么办")
    store.record_turn(first["session_id"], {"version": 99}, "m", "q", "answer", None, None)
    reply = chat.turn("身份证过期了怎么办", first["session_id"])
    assert reply["session_id"] != first["session_id"] and reply["matter"]["id"] == "370100-GA-002"


def test_thanks_closes_without_the_introduction_and_faq_facts_match_by_kind(chat, shipped_guide):
    from guide.dialogue.parse import best_faq
    from guide.present.payload import GREETING_TEXT

    reply = Conversation(chat).say("谢谢")
    assert reply["type"] == "no_match" and reply["asked"] == "thanks" and reply["text"] != GREETING_TEXT
    rs001 = shipped_guide.get("370100-RS-001")
    months = best_faq(rs001, "能领几个月", shipped_guide.pipeline)
    assert months is not None and "个月" in months.a                       # a duration question gets the duration
    assert best_faq(rs001, "在哪里办", shipped_guide.pipeline) is None       # no fact of that kind: nothing forced


def test_a_tie_the_question_does_not_mean_is_answered_not_asked(chat):
    """"居住证怎么办" ties 签注 / 换领和补领 / 申领: only the plain matter answers a question that
    names no renewal or endorsement; "身份证" alone still asks (临时 and 首次 are both specific)."""
    reply = Conversation(chat).say("居住证怎么办")
    assert reply["type"] in ("situation", "answer") and reply["matter"]["id"] == "370100-GA-010"
    card = Conversation(chat).say("残疾证怎么办理")
    assert card["matter"]["id"] == "370100-CL-001" and card["asked"] != "process"   # 核发, the whole guide
    assert Conversation(chat).say("身份证")["type"] == "clarify"


def test_situations_are_prefilled_from_everyday_words_and_asked_in_deciding_order(chat):
    talk = Conversation(chat)
    reply = talk.say("给孩子办护照，第一次办")              # 第一次 -> 首次申请, 孩子 -> 未满十六周岁
    assert reply["matter"]["id"] == "370100-GA-011" and reply["asked"] == "situation:official"
    lost = Conversation(chat).say("结婚证丢了怎么补")         # the label itself: 结婚证
    assert lost["asked"] == "situation:presence"
    licence = Conversation(chat)
    licence.say("驾照到期换证")
    licence.say(choice="online_exam")
    assert licence.say(choice="under70")["asked"] == "situation:channel"   # 核发地 only matters at the window
    done = licence.say(choice="online")
    assert done["type"] == "answer" and "居民身份证" not in names(done)


def test_a_direction_stated_picks_its_option_and_an_excepted_word_never_does(chat, shipped_guide):
    """Both transfer labels hold 济南 and 外省; the message's 转到外省 is only in the outbound one.
    "与配偶以外的人共有" excepts 配偶: a message naming the spouse shares nothing with it."""
    from guide.dialogue.options import longest_shared_run, shared_label_grams

    pension = shipped_guide.get("370100-RS-007")
    said = "济南的养老保险要转到外省去"
    assert longest_shared_run("济南职工养老保险转到外省", said, pension) == 4
    assert longest_shared_run("外省职工养老保险转入济南", said, pension) == 2   # 养老保险 is the matter's own
    reply = Conversation(chat).say(said)
    assert reply["matter"]["id"] == "370100-RS-007" and "济南职工养老保险转到外省" in reply["text"]
    home = shipped_guide.get("370100-GA-007")
    assert shared_label_grams("与配偶以外的人共有", "房子是我和配偶一起的", home) == 0
    assert shared_label_grams("与配偶共有", "房子是我和配偶一起的", home) == 1


def test_follow_ups_are_answered_from_the_faq_and_the_guide_before_any_search(chat, shipped_guide):
    talk = Conversation(chat)
    talk.say("房产证丢了")
    reply = talk.say("要登报吗")                              # no fact keyword: the FAQ's own words
    assert reply["matter"]["id"] == "370100-ZRZY-004" and shipped_guide.get("370100-ZRZY-004").faq[0].a in reply["text"]
    food = Conversation(chat)
    food.say("办食品经营许可证")
    cond = food.say("受理条件是什么")
    assert cond["asked"] == "conditions" and cond["matter"]["id"] == "370100-SCJG-001"
    assert food.say("流程呢")["asked"] == "process"
    married = Conversation(chat)
    married.say("领结婚证要带什么")
    assert married.say("周末能办吗")["asked"] == "location"    # opening days are the hall's hours


def test_fact_questions_leave_for_the_matter_they_name_and_bundles_for_their_member(chat, shipped_guide):
    car = Conversation(chat)
    car.say("新车上牌")
    tax = car.say("购置税交多少")                              # names another matter: its fee, not 上牌's FAQ
    assert tax["matter"]["id"] == "370100-SW-005" and tax["asked"] == "fee"
    jobless = Conversation(chat)
    assert jobless.say("失业了怎么办")["type"] == "bundle"
    months = jobless.say("失业金能领多久")
    assert months["matter"]["id"] == "370100-RS-001" and shipped_guide.get("370100-RS-001").faq[0].a in months["text"]
    amount = Conversation(chat)
    amount.say("生育津贴怎么领")
    pay = amount.say("能领多少钱")                            # no FAQ on it: the condition that states it
    assert shipped_guide.get("370100-YB-005").conditions[2] in pay["text"]


def test_bundle_steps_name_each_member_once(chat, shipped_guide):
    reply = Conversation(chat).say("开公司")
    assert reply["type"] == "bundle"
    for m in shipped_guide.get(reply["matter"]["id"]).members:
        assert reply["text"].count(shipped_guide.get(m.matter).name) == 1


def test_personal_data_lead_ins_and_a_self_introduced_name_say_nothing_about_the_matter(chat):
    from guide.dialogue.parse import without_lead_ins
    from guide.privacy import mask_personal_data

    assert without_lead_ins(mask_personal_data("我叫李春花，座机0531-82345678，户口本坏了")) == "户口本坏了"
    # a card's own name stays when the message goes on about the card, not when it only labels a number
    assert without_lead_ins(mask_personal_data("社保卡号622848012345678901的卡丢了")) == "社保卡的卡丢了"
    assert without_lead_ins(mask_personal_data("身份证号370102198506062345，想办护照")) == "想办护照"
    reply = Conversation(chat).say("我叫李春花，座机0531-82345678，户口本坏了想换新的")
    assert reply["matter"]["id"] == "370100-GA-022"


def test_a_no_match_that_still_names_a_service_is_answered_and_a_missing_one_is_not(chat):
    from guide.dialogue.parse import compact_question

    assert compact_question("打算开个小饭馆") == "打算开小饭馆"
    assert compact_question("办个体户执照") == "办个体户执照"          # 个体户 is no measure word
    # a rare word of the question in one hit's own aliases (馒头: 食品小作坊登记)
    assert Conversation(chat).say("自家做馒头卖需要登记吗")["matter"]["id"] == "370100-SCJG-007"
    # asked again without the measure word
    assert Conversation(chat).say("打算开个小饭馆")["matter"]["id"] in ("370100-SCJG-006", "370100-YJS-001")
    # nothing in the catalog names a fishing licence: still an honest no match
    reply = Conversation(chat).say("想办个钓鱼证")
    assert reply["type"] == "no_match" and reply["matter"] is None


def test_a_duration_the_faq_states_is_not_answered_with_the_processing_time(chat, shipped_guide):
    talk = Conversation(chat)
    talk.say("驾驶证记满分了")
    reply = talk.say("学习得多少天")                # the FAQ's days of study; its time limit is not recorded
    matter = shipped_guide.get("370100-JJ-024")
    assert reply["matter"]["id"] == matter.id and reply["asked"] == "fact"
    assert matter.faq[0].a in reply["text"]
    # the matter's only deadline question, in other words than the FAQ's
    talk = Conversation(chat)
    talk.say("给刚出生的宝宝交居民医保")
    reply = talk.say("生下来几天之内要交")
    matter = shipped_guide.get("370100-YB-001")
    assert reply["matter"]["id"] == matter.id and matter.faq[0].a in reply["text"]
    # a plain "how long" still gets the processing time
    talk = Conversation(chat)
    talk.say("新车上牌")
    assert talk.say("要几天")["asked"] == "time"


def test_everyday_words_answer_a_situation_the_catalog_words_differently(chat):
    reply = Conversation(chat).say("社保卡密码记不得了")
    assert reply["matter"]["id"] == "370100-RS-050" and reply["asked"] != "situation:action"
    reply = Conversation(chat).say("房本上想加媳妇名字")
    assert reply["matter"]["id"] == "370100-ZRZY-012" and reply["asked"] != "situation:reason"


def test_that_x_turns_to_the_matter_x_names_even_when_it_shares_words_with_the_current_one(chat):
    from guide.dialogue.parse import switch_target

    assert switch_target("那居住证签注呢") == "居住证签注"
    assert switch_target("那要多久呢") is None and switch_target("那第二个呢") is None
    talk = Conversation(chat)
    talk.say("办居住证")
    assert talk.say("那居住证签注呢")["matter"]["id"] == "370100-GA-028"


def test_asking_everything_a_life_event_takes_gets_the_bundle_not_a_choice_among_its_members(chat):
    reply = Conversation(chat).say("退伍了都要办哪些事")
    assert reply["type"] == "bundle" and reply["matter"]["id"] == "370100-YJS-008"


def test_sound_alike_corrects_one_character_of_a_catalog_word_and_nothing_else():
    from guide.dialogue.typo import SoundAlike

    typos = SoundAlike(["失业保险金申领", "领失业金", "户口簿补领换领", "低保申请", "开歌厅办证"])
    assert typos.corrections("失叶金怎么领") == [("失业金怎么领", "失业金")]      # same sound
    assert typos.corrections("户口薄丢了")[0][1] == "户口簿"                     # same initial, 3 characters
    assert typos.corrections("低宝怎么申请")[0][1] == "低保"
    assert typos.corrections("低表怎么申请") == []                               # two characters need the same sound
    assert typos.corrections("领失业金") == []                                   # already a catalog word
    assert typos.corrections("开个理发店") == []                                 # a measure word is no typo
    assert typos.corrections("今天天气怎么样") == []


def test_a_service_name_mistyped_by_sound_is_found(chat):
    reply = Conversation(chat).say("失叶金怎么申请")
    assert reply["matter"]["id"] == "370100-RS-001"
    reply = Conversation(chat).say("户口部丢了")
    assert reply["matter"]["id"] == "370100-GA-022"


def test_a_bundle_question_goes_to_the_one_member_that_holds_what_it_names(chat):
    talk = Conversation(chat)
    assert talk.say("卖房子过户")["matter"]["id"] == "370100-YJS-006"
    assert talk.say("税怎么交")["matter"]["id"] == "370100-SW-004"      # 税: only 契税申报 of the members


def test_a_question_for_part_of_a_guide_gets_the_matter_a_top_qa_is_about(chat):
    reply = Conversation(chat).say("改名字要交钱吗")
    assert reply["type"] == "answer" and reply["matter"]["id"] == "370100-GA-016" and reply["asked"] == "fee"


def test_a_licence_of_a_kind_no_entry_holds_gets_no_near_miss_matter(chat, shipped_guide):
    from guide.dialogue.parse import licence_qualifiers

    assert licence_qualifiers("烟草零售许可证在哪申请", shipped_guide.pipeline) == ["零售", "烟草"]
    assert licence_qualifiers("开KTV要办什么证", shipped_guide.pipeline) == []    # "什么证" names no kind
    assert licence_qualifiers("孩子快十六了想办身份证", shipped_guide.pipeline) == ["身份"]   # not 想办
    for question in ("申请律师执业证书要什么材料", "烟草零售许可证在哪申请"):
        reply = Conversation(chat).say(question)
        assert reply["type"] == "no_match" and reply["matter"] is None, question
    # a kind one entry holds (餐饮) keeps that entry, though a closer-sounding name came first
    assert Conversation(chat).say("餐饮服务许可证怎么办")["matter"]["id"] == "370100-SCJG-001"


def test_a_character_of_a_real_word_is_no_typo_of_another_sound():
    from guide.dialogue.typo import SoundAlike

    typos = SoundAlike(["人力资源服务许可"])
    assert typos.corrections("餐饮服务许可证", segment=lambda text: ["餐饮", "服务", "许可证"]) == []
    assert typos.corrections("餐饮服务许可证")[0][1] == "源服务许可"       # what the segmentation prevents


def test_qas_about_a_matter_in_a_tie_are_facets_of_it_for_a_service_question(shipped_guide):
    from guide.dialogue.settle import names_part_of, settle
    from guide.search.types import Hit

    def hit(entry_id, score):
        entry = shipped_guide.get(entry_id)
        kind = "qa" if entry_id.startswith("000000-QA") else "matter"
        return Hit(entry_id, getattr(entry, "name", getattr(entry, "question", "")), kind, "", score)

    hits = [hit("000000-QA-JZ-001", 3.0), hit("370100-MZ-004", 2.95), hit("000000-QA-JZ-005", 2.9)]
    assert [h.id for h in settle(hits, shipped_guide.get, "申请低保", 0.15, policy_form=False)] == ["370100-MZ-004"]
    # a question about the rule keeps the Q&As; the matter the first Q&A links is the next step it
    # offers, no rival of it
    assert [h.id for h in settle(hits, shipped_guide.get, "什么家庭能吃低保", 0.15, policy_form=True)] == \
        ["000000-QA-JZ-001", "000000-QA-JZ-005"]
    assert names_part_of(shipped_guide.get("370100-MZ-004"), "那低保呢")
    assert not names_part_of(shipped_guide.get("370100-MZ-004"), "那特困呢")


def test_facts_in_other_words_a_period_a_number_of_years_a_word_of_the_faq_answer(chat, shipped_guide):
    from guide.dialogue.parse import detect_intent

    assert detect_intent("补卡这段时间看病怎么办") is None          # a period, no processing time
    talk = Conversation(chat)
    talk.say("社保卡丢了")
    assert shipped_guide.get("370100-RS-003").faq[1].a in talk.say("补卡那段时间看病怎么报销")["text"]
    talk = Conversation(chat)
    talk.say("申请网约车驾驶员证")                                   # FAQ: 驾龄不满3年能申请吗？
    assert shipped_guide.get("370100-JT-002").faq[1].a in talk.say("开车几年才能申请")["text"]
    talk = Conversation(chat)
    talk.say("企业简易注销")                                         # only the FAQ answer says 公示20日
    assert shipped_guide.get("370100-SCJG-014").faq[0].a in talk.say("要公示几天")["text"]


def test_an_age_the_person_states_shows_the_age_condition_with_the_first_question(chat, shipped_guide):
    reply = Conversation(chat).say("我爹85岁了能领高龄补贴吗")
    matter = shipped_guide.get("370100-MZ-007")
    assert reply["type"] == "situation" and reply["matter"]["id"] == matter.id
    assert matter.conditions[0] in reply["text"]                 # 年满80周岁: he qualifies by age
    # no age said: no condition before the question
    assert "办理条件" not in Conversation(chat).say("身份证过期了")["text"]


def test_the_plain_matter_is_answered_beside_its_foreign_and_special_variants(chat):
    assert Conversation(chat).say("结婚登记")["matter"]["id"] == "370100-MZ-001"     # not 涉外…结婚登记


def test_a_typed_question_is_never_taken_for_an_answer_to_the_pending_question(chat, shipped_guide):
    from guide.dialogue import Option, resolve_option

    options = (Option("apply", "第一次到场：提交离婚登记申请"), Option("issue", "冷静期满后第二次到场：申请发给离婚证"))
    assert resolve_option("冷静期多长时间", options, shipped_guide.pipeline) is None
    assert resolve_option("冷静期满了", options, shipped_guide.pipeline) == "issue"
    talk = Conversation(chat)
    talk.say("临时身份证")                                  # asks the age first
    reply = talk.say("这个证能用多久")                       # validity: the FAQ, not an option, not the time limit
    assert shipped_guide.get("370100-GA-004").faq[0].a in reply["text"]


def test_yes_no_follow_up_is_answered_from_the_faq_and_a_rescued_licence_is_still_checked(chat, shipped_guide):
    talk = Conversation(chat)
    talk.say("结婚登记")
    assert shipped_guide.get("370100-MZ-001").faq[0].a in talk.say("还要带户口本吗")["text"]
    reply = Conversation(chat).say("宠物医院执业许可证")      # 执业 names 医师执业注册, 宠物医院 none
    assert reply["type"] == "no_match"


def test_ordinals_said_with_pointing_words_and_the_first_time_variant_of_a_bracketed_name(chat):
    from guide.dialogue import ordinal

    assert [ordinal(m) for m in ("上面第二个", "我选第三个吧", "刚才说的第一个", "就选第2个")] == [1, 2, 0, 1]
    assert ordinal("第一次办") is None and ordinal("我要开公司") is None
    talk = Conversation(chat)
    members = [m["matter"] for m in talk.say("开公司")["matter"]["members"]]
    assert talk.say("上面第二个")["matter"]["id"] == members[1]
    # 食品经营许可 ties （新办）（变更）（延续）（注销）: nothing said of a change, so the first licence
    assert Conversation(chat).say("食品经营许可")["matter"]["id"] == "370100-SCJG-001"
    talk = Conversation(chat)
    talk.say("食品经营许可")
    assert talk.say("还要别的吗")["matter"]["id"] == "370100-YJS-001"     # what else opening a restaurant takes


def test_a_short_statement_answers_the_pending_situation_question_in_the_persons_words(chat):
    talk = Conversation(chat)
    talk.say("公积金提取")                                      # asks the reason
    reply = talk.say("我是买房")
    assert reply["matter"]["id"] == "370100-GJJ-001"
    assert reply["asked"] not in ("situation:reason", None) and "购买自住住房" in reply["text"]
    # a question is no answer: it is asked, not taken as an option
    talk = Conversation(chat)
    talk.say("公积金提取")
    assert talk.say("买房提取要多久")["asked"] != "situation:reason"


def test_a_shop_no_entry_names_gets_the_business_licence(chat):
    from guide.dialogue.parse import opens_a_shop

    assert opens_a_shop("想开家五金店") and not opens_a_shop("开个证明")
    reply = Conversation(chat).say("想开家五金店")
    assert reply["matter"]["id"] == "370100-SCJG-008"                # 个体工商户设立登记
    reply = Conversation(chat).say("导游证怎么考")                      # still no shop, no licence: no match
    assert reply["type"] == "no_match"
    # a Q&A that names a shop only as its example (个体户的扣除, "我开小卖部没有工资收入…") is no
    # answer to opening one
    reply = Conversation(chat).say("我准备开个小卖部")
    assert reply["type"] != "qa" and reply["matter"]["id"] == "370100-SCJG-008"


def test_a_story_of_what_befell_a_matters_thing_names_the_matter(chat):
    # 房本 names 不动产权证书补发 among others, 泡水 says its reason option (damaged): that matter,
    # with the reason not asked again
    reply = Conversation(chat).say("俺家的房本泡水了，字都看不清了")
    assert reply["matter"]["id"] == "370100-ZRZY-004" and reply["asked"] != "situation:reason"
    # a material of a matter (医疗机构执业许可证 of 医保定点申请) says none of its situations: its
    # yearly check is a service the catalog lacks
    assert Conversation(chat).say("医院的医疗机构执业许可证每年怎么校验")["type"] == "no_match"


def test_digits_say_an_option_and_a_longer_statement_answers_the_pending_question(chat):
    talk = Conversation(chat)
    # "7级" says the option whose aliases spell 七级
    reply = talk.say("评上工伤伤残7级了，伤残补助金咋领")
    assert reply["matter"]["id"] == "370100-RS-042" and reply["asked"] == "situation:leave"
    # a statement of more than 12 characters answers it (辞了 ~ 已解除或终止), not a new search
    reply = talk.say("我早就辞了，现在不在那个单位干了")
    assert reply["matter"]["id"] == "370100-RS-042" and "已解除或终止" in reply["text"]


def test_a_long_story_the_search_cannot_place_still_suggests_the_services_it_is_close_to(chat):
    # few of its many words are any guide's, so no answer; its meaning is near 刑满释放人员恢复户口
    reply = Conversation(chat).say("俺表哥在里头待了四年，不是假释，是日子到了放回来的，原来那个户口让派出所销了，得重新上")
    assert reply["type"] == "no_match"
    assert "370100-GA-024" in [s["id"] for s in reply["suggestions"]]


def test_a_case_the_matter_name_lists_answers_the_option_that_holds_it(chat):
    # 骨灰安放（公益性骨灰堂、公墓）: 公墓 is one of the cases the name lists and only 公墓安葬 holds it
    reply = Conversation(chat).say("老伴的骨灰准备放进公墓，要办什么手续")
    assert reply["matter"]["id"] == "370100-MZ-023" and reply["asked"] != "situation:way"
    assert "公墓安葬" in reply["text"]
    # both cases said: no choice is made for the person
    assert Conversation(chat).say("想把骨灰存到公墓的骨灰堂")["asked"] == "situation:way"


def test_an_alias_that_is_the_question_itself_wins_over_longer_ones_holding_it(shipped_guide):
    from guide.dialogue.settle import named_exactly

    assert named_exactly(shipped_guide.get("370100-RS-001"), "失业金申领")        # 领失业金
    assert not named_exactly(shipped_guide.get("370100-RS-067"), "失业金申领")    # 领失业金期间去世
    assert named_exactly(shipped_guide.get("370100-MZ-001"), "结婚登记")          # 内地居民结婚登记
    assert not named_exactly(shipped_guide.get("370100-MZ-013"), "结婚登记")      # 恢复结婚登记


def test_a_card_named_before_its_number_stays_when_little_else_is_said():
    from guide.dialogue.parse import without_lead_ins
    from guide.privacy import mask_personal_data

    assert without_lead_ins(mask_personal_data("身份证号 370102 19900101 1234 补办")).startswith("身份证")


def test_a_question_about_one_pending_option_answers_it_unless_it_names_another_service(chat):
    talk = Conversation(chat)
    talk.say("公积金贷款")                                   # which kind of house?
    reply = talk.say("二手房能贷吗")
    assert reply["matter"]["id"] == "370100-GJJ-002" and reply["asked"] != "situation:house"
    talk = Conversation(chat)
    talk.say("公积金贷款")
    assert talk.say("二手房过户怎么办")["matter"]["id"] != "370100-GJJ-002"


def test_a_question_of_a_guide_part_is_answered_although_it_holds_an_options_words(chat):
    """While asked 网上 or 窗口, "在手机上可以办吗" asks whether it can be done online (手机上 is also
    the online option's everyday word): the reply is the online part, not the whole guide."""
    talk = Conversation(chat)
    assert talk.say("办生育登记")["asked"] == "situation:channel"
    reply = talk.say("在手机上可以办吗")
    assert reply["matter"]["id"] == "370100-WJ-002" and reply["asked"] == "online"


def test_an_option_said_with_a_question_of_a_guide_part_answers_both(chat):
    """While asked where the household is registered, "外地户口要多久" picks 外省市户籍 and answers the
    time; it jumped to a Q&A about deaths away from home. More than the option's words ("二手房过户
    怎么办" while asked which kind of house) is a question of its own."""
    talk = Conversation(chat)
    talk.say("身份证过期了")
    assert talk.last["asked"] == "situation:residence"
    reply = talk.say("外地户口要多久")
    assert reply["matter"]["id"] == "370100-GA-002" and reply["asked"] == "time"
    assert "外省市户籍" in reply["text"]
    talk = Conversation(chat)
    talk.say("公积金贷款")
    assert talk.say("二手房过户怎么办")["matter"]["id"] != "370100-GJJ-002"


def test_a_rule_tied_with_the_matter_it_links_is_answered_by_the_matters_own_faq(chat, shipped_guide):
    """"…多长时间内得去销户口": the deadline Q&A and 死亡人员户口注销 tie; no menu between a rule and its
    own service: the matter's FAQ entry of that kind of fact answers, and the matter stays the topic.
    With the Q&A ranked clearly first (the name vectors), the Q&A answers and offers the matter."""
    reply = Conversation(chat).say("家里老人过世了多长时间内得去销户口")
    if reply["type"] == "answer":
        assert reply["matter"]["id"] == "370100-GA-009"
        assert shipped_guide.get("370100-GA-009").faq[0].a in reply["text"]
    else:
        assert reply["type"] == "qa" and reply["matter"]["id"] == "000000-QA-HJ-004"
        assert shipped_guide.get("000000-QA-HJ-004").answer in reply["text"]
        assert "370100-GA-009" in [o["id"] for o in reply["options"]]


def test_conditions_asked_with_need_and_family_words_in_everyday_form(chat, shipped_guide):
    from guide.dialogue import detect_intent

    assert detect_intent("需要什么条件") == "conditions" and detect_intent("需要什么材料") == "materials"
    talk = Conversation(chat)
    talk.say("给宝宝上户口")
    reply = talk.say("孩子随妈妈落户行吗")                        # FAQ: 孩子可以随母亲落户吗？
    assert shipped_guide.get("370100-GA-005").faq[1].a in reply["text"]


def test_an_alias_said_whole_in_a_long_sentence_names_the_matter(chat):
    reply = Conversation(chat).say("我跟媳妇一块儿买的房子，想办买房落户")        # alias 买房落户
    assert reply["matter"]["id"] == "370100-GA-007"


def test_everyday_durations_and_head_counts_answer_in_the_catalogs_words(chat, shipped_guide):
    talk = Conversation(chat)
    talk.say("劳动仲裁")
    reply = talk.say("辞职好久了还能仲裁吗")                                 # 好久 ~ FAQ 离职很久了
    assert shipped_guide.get("370100-RS-014").faq[1].a in reply["text"]
    from guide.dialogue.options import shared_label_grams

    matter = shipped_guide.get("370100-ZRZY-006")
    assert shared_label_grams("一人所有", "房子在我一个人名下", matter) == 1


def test_an_everyday_way_of_saying_someone_died_is_understood(chat):
    from guide.dialogue.parse import plain_death

    assert plain_death("我爸走了") == "我爸去世了" and plain_death("身份证没了") == "身份证没了"
    reply = Conversation(chat).say("俺爹没了，都要办啥")
    assert reply["type"] == "bundle" and reply["matter"]["id"] == "370100-YJS-005"


def test_a_particle_kept_on_a_word_does_not_hide_the_situation_it_names(chat):
    reply = Conversation(chat).say("我已经退休了，想回老家住，医保异地备案咋办")
    assert reply["matter"]["id"] == "370100-YB-002" and reply["asked"] != "situation:filing_type"


def test_a_member_found_first_for_a_what_to_do_question_gives_its_bundle(chat):
    reply = Conversation(chat).say("家里刚添了个宝宝，要办哪些证")
    assert reply["type"] == "bundle" and reply["matter"]["id"] == "370100-YJS-003"


def test_spouse_and_someone_else_in_everyday_words_answer_the_situation(chat):
    reply = Conversation(chat).say("老婆是外地户口，想夫妻投靠落户")
    assert reply["matter"]["id"] == "370100-GA-006" and reply["asked"] != "situation:relation"
    talk = Conversation(chat)
    talk.say("查维修基金余额")                                  # who queries?
    assert talk.say("自己不去能委托别人查吗")["asked"] != "situation:applicant"


def test_a_procedure_word_many_services_share_rescues_no_service_the_catalog_lacks(chat):
    # 年检 and 认证 name steps of many services: no evidence that the catalog has this one
    for question in ("家里的狗要做年检吗", "穆斯林餐馆要什么认证"):
        assert Conversation(chat).say(question)["type"] == "no_match", question
    # a thing only one entry speaks of still finds it
    talk = Conversation(chat)
    talk.say("社保卡丢了")
    assert talk.say("打疫苗的本子怎么补")["matter"]["id"] == "370100-WJ-007"


def test_a_qa_asking_the_same_kind_of_thing_keeps_its_answer_over_the_matter():
    from guide.dialogue.policy import asks_alike

    assert asks_alike("驾驶证快到期了，什么时候去换？", "驾照提前多长时间换", "time")      # both ask when
    assert not asks_alike("改名字要谁去派出所申请？", "改名字要交钱吗", "fee")


def test_small_talk_is_never_rescued_and_a_document_asked_for_is_no_licence_sought(chat, shipped_guide):
    from guide.dialogue.parse import asks_a_service, licence_qualifiers

    assert not asks_a_service("推荐一家好吃的餐厅") and asks_a_service("自家做馒头卖需要登记吗")
    assert Conversation(chat).say("推荐一家好吃的餐厅")["type"] == "no_match"
    assert licence_qualifiers("上小学报名需要房产证吗", shipped_guide.pipeline) == []
    assert Conversation(chat).say("上小学报名需要房产证吗")["matter"]["id"] == "370100-JY-001"
    assert Conversation(chat).say("律师证在哪考")["type"] == "no_match"


def test_a_short_yes_or_no_answers_the_situation_question(chat):
    talk = Conversation(chat)
    assert talk.say("今年的居民医保费咋交")["asked"] == "situation:subsidy"
    reply = talk.say("不是")                        # not a hardship group: no proof of it
    assert reply["matter"]["id"] == "370100-YB-011" and reply["type"] == "answer"
    assert "困难群体身份证明" not in names(reply)
    talk = Conversation(chat)
    assert talk.say("结婚证丢了要补")["asked"] == "situation:presence"
    reply = talk.say("可以")                        # both can come: no notarised proxy
    assert "夫妻双方近期2寸半身免冠合影照片" in names(reply)
    assert "经公证的委托书及当事人身份证件复印件" not in names(reply)
    # "原驾驶证是否临近到期？": its options say 是 / 否, so a no is read and the next question asked
    # (with options that said neither it was asked again; test_dialogue_replies keeps that rule)
    talk = Conversation(chat)
    talk.say("驾照丢了")
    assert talk.say("不是")["asked"] == "situation:channel"


def test_the_last_one_and_a_proxy_named_in_short_words(chat):
    talk = Conversation(chat)
    talk.say("车让交警扣了咋领回来")
    reply = talk.say("最后一个")                    # towed away, not "list all materials"
    assert reply["type"] == "answer" and names(reply) == ["当事人身份证明"]
    talk = Conversation(chat)
    assert talk.say("开公积金缴存证明")["asked"] == "situation:applicant"
    assert "授权委托书及代办人居民身份证" in names(talk.say("代办"))


def test_what_the_first_message_says_is_not_asked_again(chat):
    cases = [("给我妈申请高龄津贴，她今年八十一了", "370100-MZ-007", "applicant"),
             ("我是退伍军人，想办个优待证", "370100-TY-001", "identity"),
             ("社保卡消磁了刷不出来", "370100-RS-003", "reason"),
             ("营业执照丢了，我是个体户", "370100-SCJG-015", "subject"),
             ("我户口不在济南，想在济南开无犯罪证明", "370100-GA-014", "place"),
             ("我今年十五岁，想办身份证", "370100-GA-001", "age"),
             ("我爸去世了，在家里走的，户口怎么销", "370100-GA-009", "place")]
    for message, entry, situation in cases:
        reply = Conversation(chat).say(message)
        assert reply["matter"]["id"] == entry and reply["asked"] != f"situation:{situation}", message
    # a landlord letting the flat: the individual lessor, not a company (租赁 is the matter's own word)
    reply = Conversation(chat).say("我是房东，租房合同想备案")
    assert reply["asked"] == "situation:applicant"
    # another situation's option ("离婚证") is no answer to whether both can come
    assert Conversation(chat).say("结婚证和离婚证都丢了")["asked"] == "situation:cert"


def test_a_follow_up_changes_an_answered_situation_in_everyday_words(chat):
    talk = Conversation(chat)
    talk.say("补办身份证")
    talk.say(choice="local")
    assert "监护人的居民身份证" not in names(talk.say(choice="adult"))
    reply = talk.say("那小孩呢")
    assert reply["matter"]["id"] == "370100-GA-003" and "监护人的居民身份证" in names(reply)
    talk = Conversation(chat)
    talk.say("开无犯罪证明")
    talk.say(choice="household")
    talk.say(choice="self")
    assert "受托人居民身份证" in names(talk.say("要是找人代办呢"))
    talk = Conversation(chat)
    talk.say("我想办居住证，在济南租房上班")
    reply = talk.say("要是住单位宿舍呢")
    assert reply["matter"]["id"] == "370100-GA-010" and reply["asked"] != "situation:home"


def test_time_fee_and_the_service_itself_are_what_was_asked(chat):
    talk = Conversation(chat)
    talk.say("外地看病垫的钱回来咋报销")
    reply = talk.say("多长时间能报下来")            # the processing time, not a deadline condition
    assert reply["asked"] == "time" and reply["matter"]["id"] == "370100-YB-006"
    # 费用 in the service's own name asks no fee
    assert Conversation(chat).say("惠民殡葬费用减免")["asked"] == "situation:place"
    # an FAQ that answers "要交钱吗" still answers the fee
    talk = Conversation(chat)
    talk.say("出生医学证明怎么领")
    reply = talk.say("要交钱吗")
    assert reply["asked"] == "fee" and "不收费" in reply["text"]
    # 补 names the later step: 社会保障卡补换, not its first issue (申领) that the search ranks first
    assert Conversation(chat).say("我叫张伟，电话13905310000，想补办社保卡")["matter"]["id"] == "370100-RS-003"
    assert Conversation(chat).say("想补办社保卡")["matter"]["id"] == "370100-RS-003"   # 补换 first, 申领 close
    assert Conversation(chat).say("社保卡怎么办")["matter"]["id"] == "370100-RS-002"
    # wanting it done: the guide, not the Q&A on the rule
    reply = Conversation(chat).say("身份证掉了要补")
    assert reply["matter"]["id"] == "370100-GA-003" and reply["type"] == "situation"
    # stating what happened asks no rule either
    assert Conversation(chat).say("驾驶证号370102199001011234，驾照到期了")["matter"]["id"] == "370100-JJ-001"


def test_a_life_event_lists_each_member_once(chat, shipped_guide):
    reply = Conversation(chat).say("开个小饭馆要办哪些证")
    assert reply["type"] == "bundle"
    for member in shipped_guide.get("370100-YJS-001").members:
        assert reply["text"].count(shipped_guide.get(member.matter).name) == 1
    assert Conversation(chat).say("退休手续都有哪些")["type"] == "bundle"
    talk = Conversation(chat)
    talk.say("开公司要走哪些流程")
    reply = talk.say("第二个要多久")               # that member, and its time limit
    assert reply["matter"]["id"] == shipped_guide.get("370100-YJS-002").members[1].matter
    assert reply["asked"] == "time"


def test_how_long_a_document_stays_valid_comes_from_where_the_guide_states_it(chat, shipped_guide):
    talk = Conversation(chat)
    talk.say("身份证换领")
    reply = talk.say("新证能用几年")               # stated in the notes, not an expiry condition
    assert reply["matter"]["id"] == "370100-GA-002" and reply["asked"] == "fact"
    assert "十六至二十五周岁十年" in reply["text"]
    talk = Conversation(chat)
    talk.say("办护照")
    reply = talk.say("护照有效期几年")             # validity, not how long issuing takes
    assert "多久能拿到" not in reply["text"] and ("十年" in reply["text"] or "10年" in reply["text"])


def test_a_bare_follow_up_stays_on_the_matter_though_a_qa_elsewhere_shares_its_words(chat):
    for question, part in (("能邮寄吗", "process"), ("周六上班吗", "location"), ("需要本人去吗", "conditions"),
                           ("能加急吗", "time"), ("得跑几趟", "process")):
        talk = Conversation(chat)
        talk.say("办无犯罪记录证明")
        reply = talk.say(question)
        assert reply["matter"]["id"] == "370100-GA-014" and reply["asked"] == part, question
    # a follow-up that names another service still goes there, not to an FAQ sharing its words
    talk = Conversation(chat)
    talk.say("办无犯罪记录证明")
    assert talk.say("那预约科目二呢")["matter"]["id"] == "370100-JJ-009"
    talk = Conversation(chat)
    talk.say("公积金提取")
    assert talk.say("那公积金贷款呢")["matter"]["id"] == "370100-GJJ-002"


def test_a_guide_part_asked_after_a_qa_or_a_choice_is_not_searched_alone(chat):
    talk = Conversation(chat)
    assert talk.say("护照有效期几年")["type"] == "qa"
    reply = talk.say("要多少钱")                    # the one matter the Q&A offers, its fee
    assert reply["matter"]["id"] == "370100-GA-011" and reply["asked"] == "fee"
    talk = Conversation(chat)
    first = talk.say("社保怎么办")
    assert first["type"] == "clarify"               # several matters offered: asked again, no jump
    again = talk.say("办下来要多久")
    assert again["type"] == "clarify" and again["options"] == first["options"]


def test_a_fact_the_guide_does_not_state_is_said_so_not_answered_from_another_service(chat):
    talk = Conversation(chat)
    talk.say("残疾人证")
    reply = talk.say("有效期多长")                 # 残疾人证核发 states no validity: no jump to 身份证
    assert reply["matter"]["id"] == "370100-CL-001" and reply["asked"] == "fact"
    talk = Conversation(chat)
    talk.say("高龄津贴")
    reply = talk.say("多大年纪能领")               # the age condition, not the marriage age Q&A
    assert reply["matter"]["id"] == "370100-MZ-007" and "80" in reply["text"]


def test_a_short_reply_not_understood_asks_the_situation_again(chat):
    talk = Conversation(chat)
    talk.say("电表过户")
    talk.say("单独办")
    assert talk.say("家里用的")["asked"] == "situation:applicant"     # 居民住宅用电, in everyday words
    talk = Conversation(chat)
    talk.say("电表过户")
    asked = talk.say("单独办")["asked"]
    reply = talk.say("嗯那个吧")                    # nothing to go on: the same question, not no match
    assert reply["type"] == "situation" and reply["asked"] == asked


def test_a_supposed_case_is_answered_from_the_matters_faq(chat):
    """"如果没批准呢": what is left names 批, which one FAQ question of the matter holds; "那失业金呢"
    is no supposition but another matter."""
    talk = Conversation(chat)
    talk.say("想申请延期缴纳税款")
    reply = talk.say("如果没批准呢")
    assert reply["type"] == "answer" and reply["matter"]["id"] == "370100-SW-026"
    assert "滞纳金" in reply["text"]
    talk = Conversation(chat)
    talk.say("零星医疗费用报销")
    assert talk.say("那失业金呢")["matter"]["id"] == "370100-RS-001"


def test_a_duration_stated_beside_a_validity_in_an_faq_answers_how_long(chat):
    talk = Conversation(chat)
    assert talk.say("驾驶证延期办理")["matter"]["id"] == "370100-JJ-020"
    reply = talk.say("最多能往后延几年")
    assert reply["matter"]["id"] == "370100-JJ-020" and "最长延期三年" in reply["text"]


def test_a_fact_of_the_policy_answer_just_given_stays_on_it(chat):
    talk = Conversation(chat)
    first = talk.say("出国了驾照没法按时换，能延期吗")
    assert first["type"] == "qa"
    again = talk.say("最多能往后延几年")            # its words fit 年休假跨年度 better; the answer says 最长3年
    assert again["type"] == "qa" and again["matter"]["id"] == first["matter"]["id"]


def test_handing_in_and_being_done_name_no_other_service(chat):
    talk = Conversation(chat)
    assert talk.say("在医院看病医保那部分要自己先垫钱吗")["type"] == "qa"
    reply = talk.say("递上去以后多久能办完")        # not 不动产登记多长时间能办完
    assert reply["type"] == "answer" and reply["asked"] == "time" and reply["matter"]["id"].startswith("370100-YB-")


def test_a_deadline_to_keep_is_answered_by_the_faq_not_the_unknown_processing_time(chat):
    talk = Conversation(chat)
    assert talk.say("我奶奶上周走了，她的社会保障卡得注销")["matter"]["id"] == "370100-RS-053"
    reply = talk.say("这事有时间限制吗，几天里必须告诉他们")      # its time limit is not recorded; the FAQ says 20个工作日内
    assert reply["type"] == "answer" and "20个工作日内" in reply["text"]


def test_the_topic_word_of_a_matters_aliases_answers_no_situation(chat):
    # 伤残 is in two aliases of 劳动能力再次鉴定和复查鉴定 and in one option's label only
    asked = Conversation(chat).say("工伤评了伤残等级，过了两年想重新鉴定")
    assert asked["type"] == "situation" and asked["asked"] == "situation:kind"
    said = Conversation(chat).say("伤残等级评低了想重新鉴定")      # 评低了: the option's own alias
    assert said["type"] == "answer" and "不服鉴定结论" in said["text"]


def test_a_guide_part_asked_with_nothing_before_asks_which_service(chat):
    for question in ("多久能办完", "要交多少钱", "在哪里办"):
        reply = Conversation(chat).say(question)
        assert reply["type"] == "no_match" and reply["asked"] == "unnamed", question
        assert "哪件事" in reply["text"] and not reply["suggestions"]
    assert Conversation(chat).say("身份证补办要多久")["asked"] == "time"
