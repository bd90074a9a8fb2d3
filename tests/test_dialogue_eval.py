"""The dialogue-eval runner with a hand-written fake chat and hand-made matters (no model, no index)."""
import json

import pytest

from guide.catalog import (
    FAQ,
    Bundle,
    BundleMember,
    Fee,
    Material,
    Matter,
    Online,
    Option,
    Situation,
    TimeLimit,
)
from guide.chat import InputError
from guide.dialogue_eval import (
    Conversation,
    DialogueEvalError,
    Step,
    lint,
    load_conversations,
    resolve_fact,
    run,
)

CARD = Matter(
    id="370100-GA-002", name="居民身份证换领", aliases=("换身份证",), department="GA", type="行政确认",
    subjects=("自然人",), summary="有效期满时换领新证。", conditions=("具有中国国籍。", "有效期满或即将期满。"),
    situations=(Situation("reason", "原因？", (Option("expire", "有效期满"), Option("damaged", "证件损坏"))),
                Situation("residence", "户口？", (Option("local", "济南"), Option("other", "外地")))),
    materials=(Material("原居民身份证", "原件", 1), Material("居民户口簿", "原件核验", 0, when=("residence.local",)),
               Material("居住证", "原件", 1, when=("residence.other",)), Material("人像照片", "电子材料", 0)),
    process=("申请", "领证"), time_limit=TimeLimit(False, 60, None, days_unit="自然日"),
    fee=Fee(True, "换领每证20元"), online=Online(True), legal_basis=("《居民身份证法》",), updated="2026-11-28",
    faq=(FAQ("能提前换吗？", "期满前三个月内可以换。"), FAQ("外地户口能换吗？", "可以跨省通办。")))
BUNDLE = Bundle(id="370100-YJS-009", name="换证一件事", aliases=("换证",), subjects=("自然人",), summary="一次办。",
                members=(BundleMember("370100-GA-002"),), updated="2026-11-28")
CATALOG = {CARD.id: CARD, BUNDLE.id: BUNDLE}
INTRO = "您好！我是智惠导服，请直接说出您想办的事。"


def payload(type_, entry=None, asked=None, options=(), checklist=(), text=""):
    return {"session_id": "s1", "type": type_, "matter": {"id": entry} if entry else None, "asked": asked,
            "options": [{"id": o, "label": o} for o in options], "checklist": [{"name": n} for n in checklist],
            "text": text, "suggestions": []}


class FakeChat:
    """Knows one conversation about the ID card; records every call."""

    def __init__(self):
        self.calls = []
        self.chosen = {}

    def turn(self, message=None, session_id=None, choice=None):
        self.calls.append((message, session_id, choice))
        if message and len(message) > 200:
            raise InputError("message 过长", "message")
        if message in ("你好", "谢谢"):
            return payload("no_match", asked="greeting", text=INTRO)
        if message == "身份证过期了":
            self.chosen = {"reason": "expire"}
            return payload("situation", CARD.id, "situation:residence", ("local", "other", "_all"), text="户口在哪？")
        if choice in ("local", "other"):
            names = ["原居民身份证", "居民户口簿" if choice == "local" else "居住证", "人像照片"]
            return payload("answer", CARD.id, "materials", checklist=names, text="需要：" + "、".join(names))
        if message == "要多少钱":
            return payload("answer", CARD.id, "fee", checklist=["原居民身份证", "居民户口簿", "人像照片"],
                           text="收费：换领每证20元")
        if message == "全部再说一遍":
            return payload("answer", CARD.id, "guide", checklist=["原居民身份证", "居民户口簿", "人像照片"],
                           text="原居民身份证、居民户口簿、人像照片；收费：换领每证20元；60个自然日")
        if message == "换证一件事":
            return payload("bundle", BUNDLE.id, "guide", (CARD.id,), text="1. 居民身份证换领 …… 居民身份证换领")
        return payload("no_match", text="抱歉，没有找到。")


def conv(*steps, tags=("routing",), cid="c1"):
    return Conversation(cid, tuple(tags), tuple(Step(s.get("say"), s.get("pick"), s.get("expect", {}))
                                                for s in steps))


def go(*steps, **kw):
    return run([conv(*steps, **kw)], FakeChat().turn, CATALOG.get)


# ---------------------------------------------------------------- passing

def test_a_passing_conversation_scores_one_and_counts_turns_to_the_checklist():
    chat = FakeChat()
    report = run([conv(
        {"say": "身份证过期了", "expect": {"type": "situation", "entry": CARD.id, "not_asked": ["situation:reason"],
                                       "offers": ["local", "_all"]}},
        {"pick": "local", "expect": {"type": "answer", "checklist_has": ["居民户口簿"], "checklist_lacks": ["居住证"]}},
        {"say": "要多少钱", "expect": {"asked": "fee", "entry_in": [CARD.id], "facts": ["fee.standard"],
                                    "compact": True, "no_intro": True}},
        tags=("reask", "situation"))], chat.turn, CATALOG.get)
    assert report.failures == []
    assert report.overall["conversation_success"] == 1.0 and report.overall["step_success"] == 1.0
    assert report.overall["mean_turns_to_checklist"] == 2.0
    assert set(report.by_tag) == {"reask", "situation"}
    assert [c[1] for c in chat.calls] == [None, "s1", "s1"]       # the session is carried on
    assert chat.calls[1] == (None, "s1", "local")                   # a pick is sent as the choice
    json.dumps(report.to_dict(), ensure_ascii=False)
    assert "| **overall** | 1 | 1.000 |" in report.to_markdown()


# ---------------------------------------------------------------- every expectation can fail

@pytest.mark.parametrize("expect, why", [
    ({"type": "answer"}, "type"),
    ({"type": ["answer", "clarify"]}, "type"),
    ({"entry": "370100-GA-003"}, "entry"),
    ({"entry": None}, "entry"),
    ({"entry_in": ["370100-GA-001", "370100-GA-003"]}, "entry"),
    ({"asked": "situation:reason"}, "asked"),
    ({"not_asked": ["situation:residence"]}, "again"),
    ({"offers": ["damaged"]}, "options lack"),
    ({"checklist_has": ["原居民身份证"]}, "checklist lacks"),
    ({"entry": CARD.id, "facts": ["faq[1].a"]}, "faq[1].a"),
    ({"entry": CARD.id, "facts": ["time_limit.legal_days"]}, "time_limit.legal_days"),
    ({"entry": CARD.id, "facts": ["faq[7].a"]}, "out of range"),
    ({"entry": CARD.id, "facts_any": ["faq[0].a", "fee.standard"]}, "none of"),
    ({"refused": True}, "expected a refusal"),
])
def test_each_expectation_fails_when_the_reply_breaks_it(expect, why):
    report = go({"say": "身份证过期了", "expect": expect})
    assert report.overall["step_success"] == 0.0
    assert any(why in r for r in report.failures[0].reasons), report.failures[0].reasons
    got = report.failures[0].got
    assert got["type"] == "situation" and got["entry"] == CARD.id and got["asked"] == "situation:residence"


def test_checklist_lacks_fails_on_a_material_that_is_there():
    report = go({"say": "身份证过期了"}, {"pick": "other", "expect": {"checklist_lacks": ["居住证"]}})
    assert report.failures[0].index == 1 and "checklist has ['居住证']" in report.failures[0].reasons


def test_compact_fails_when_a_follow_up_repeats_the_whole_list():
    report = go({"say": "身份证过期了"}, {"pick": "local"},
                {"say": "全部再说一遍", "expect": {"entry": CARD.id, "compact": True, "facts": ["fee.standard"]}})
    assert [f.index for f in report.failures] == [2]
    assert "not compact" in report.failures[0].reasons[0]


def test_compact_fails_when_a_bundle_names_a_member_twice():
    report = go({"say": "换证一件事", "expect": {"type": "bundle", "entry": BUNDLE.id, "compact": True}})
    assert "repeats members" in report.failures[0].reasons[0]


def test_no_intro_fails_on_the_self_introduction():
    report = go({"say": "谢谢", "expect": {"type": "no_match", "no_intro": True}})
    assert report.failures[0].reasons == ["reply is the self-introduction"]


def test_facts_resolve_on_the_last_expected_entry_and_numbers_match_as_digits():
    assert resolve_fact(CARD, "faq[1].a") == "可以跨省通办。"
    assert resolve_fact(CARD, "time_limit.legal_days") == 60
    report = go({"say": "身份证过期了", "expect": {"entry": CARD.id}}, {"pick": "local"},
                {"say": "全部再说一遍", "expect": {"facts": ["time_limit.legal_days", "fee.standard"]}})
    assert report.failures == []
    either = go({"say": "身份证过期了", "expect": {"entry": CARD.id}}, {"pick": "local"},
                {"say": "要多少钱", "expect": {"facts_any": ["faq[0].a", "fee.standard"]}})
    assert either.failures == []


# ---------------------------------------------------------------- picks and refusals

def test_a_pick_that_was_not_offered_fails_and_the_rest_is_not_run():
    chat = FakeChat()
    report = run([conv({"say": "身份证过期了"}, {"pick": "damaged", "expect": {"type": "answer"}},
                       {"say": "要多少钱", "expect": {"asked": "fee"}})], chat.turn, CATALOG.get)
    first, second = report.failures
    assert first.index == 1 and "'damaged' was not offered" in first.reasons[0] and not first.skipped
    assert second.index == 2 and second.skipped
    assert len(chat.calls) == 1                                     # the fake chat never saw the bad pick
    assert report.overall["conversation_success"] == 0.0


def test_refusals_pass_when_expected_and_fail_when_not():
    long = "身" * 201
    ok = go({"say": long, "expect": {"refused": True}}, tags=("continuity",))
    assert ok.failures == []
    bad = go({"say": long, "expect": {"type": "no_match"}})
    assert "refused unexpectedly" in bad.failures[0].reasons[0]
    assert bad.failures[0].got["refused"] is True


def test_a_refused_turn_keeps_the_previous_options_and_session():
    chat = FakeChat()
    report = run([conv({"say": "身份证过期了"}, {"say": "x" * 300, "expect": {"refused": True}},
                       {"pick": "local", "expect": {"checklist_has": ["居民户口簿"]}})], chat.turn, CATALOG.get)
    assert report.failures == []
    assert chat.calls[2] == (None, "s1", "local")


def test_other_refusal_classes_and_unexpected_errors():
    class Nope(Exception):
        pass

    def turn(message, session_id, choice):
        if message == "boom":
            raise RuntimeError("broken")
        raise Nope("不接受")
    report = run([conv({"say": "a", "expect": {"refused": True}}, {"say": "boom", "expect": {"type": "answer"}})],
                 turn, CATALOG.get, refused=(Nope,))
    assert [f.index for f in report.failures] == [1]
    assert report.failures[0].reasons[0].startswith("error: RuntimeError")


# ---------------------------------------------------------------- files

GOOD = {"cid": "dlg-x-001", "tags": ["routing"], "steps": [{"say": "身份证过期了", "expect": {"type": "situation"}}]}


def write(tmp_path, *objs, raw=None):
    path = tmp_path / "set.jsonl"
    lines = [json.dumps(o, ensure_ascii=False) for o in objs]
    if raw is not None:
        lines.append(raw)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_good_file_loads(tmp_path):
    convs = load_conversations(write(tmp_path, GOOD, {**GOOD, "cid": "dlg-x-002"}))
    assert [c.cid for c in convs] == ["dlg-x-001", "dlg-x-002"]
    assert convs[0].steps[0] == Step("身份证过期了", None, {"type": "situation"})
    assert convs[1].source.endswith("set.jsonl:2")


OTHER = {**GOOD, "cid": "dlg-x-002"}


def step(**kw):
    return {**OTHER, "steps": [{"say": "你好"}, kw]}


@pytest.mark.parametrize("bad, fld", [
    ({**GOOD, "cid": ""}, "cid"),
    ({"tags": ["routing"], "steps": GOOD["steps"]}, "cid"),
    ({**OTHER, "tags": []}, "tags"),
    ({**OTHER, "tags": ["routnig"]}, "tags"),
    ({**OTHER, "steps": []}, "steps"),
    ({**OTHER, "extra": 1}, "extra"),
    ({**OTHER, "steps": [{"pick": "local"}]}, "steps[0].pick"),
    (step(say="a", pick="b"), "steps[1]"),
    (step(expect={}), "steps[1]"),
    (step(say=""), "steps[1].say"),
    (step(say="a", expect={"typ": "answer"}), "steps[1].expect.typ"),
    (step(say="a", expect={"type": "reply"}), "steps[1].expect.type"),
    (step(say="a", expect={"entry": 3}), "steps[1].expect.entry"),
    (step(say="a", expect={"checklist_has": "居民户口簿"}), "steps[1].expect.checklist_has"),
    (step(say="a", expect={"facts": ["faq[a].q"]}), "steps[1].expect.facts"),
    (step(say="a", expect={"compact": False}), "steps[1].expect.compact"),
    (step(say="a", expect={"refused": True, "type": "answer"}), "steps[1].expect.refused"),
    (step(say="a", expect={"entry": "x", "entry_in": ["y"]}), "steps[1].expect.entry_in"),
    (step(say="a", expect={"facts_any": ["faq[0].a"]}), "steps[1].expect.facts_any"),
])
def test_bad_files_name_file_line_and_field(tmp_path, bad, fld):
    path = write(tmp_path, GOOD, bad)
    with pytest.raises(DialogueEvalError) as err:
        load_conversations(path)
    assert err.value.line == 2 and err.value.field == fld
    assert str(path) in str(err.value) and f":2: {fld}:" in str(err.value)


def test_bad_json_and_duplicates_and_empty_files(tmp_path):
    with pytest.raises(DialogueEvalError) as err:
        load_conversations(write(tmp_path, GOOD, raw="{not json"))
    assert err.value.line == 2 and err.value.field == "(json)"
    with pytest.raises(DialogueEvalError) as err:
        load_conversations(write(tmp_path, GOOD, GOOD))
    assert err.value.line == 2 and "duplicate" in str(err.value)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(DialogueEvalError, match="no conversations"):
        load_conversations(empty)


def test_lint_finds_names_ids_and_paths_the_catalog_lacks():
    problems = lint([conv({"say": "a", "expect": {"entry": CARD.id, "checklist_has": ["户口本"],
                                                  "facts": ["faq[9].a", "fee.charged"]}},
                          {"pick": "expire", "expect": {"offers": ["nope"], "entry_in": ["370100-XX-001"]}})],
                    CATALOG.get)
    text = "\n".join(problems)
    assert "'户口本' is not a material" in text and "faq[9].a" in text and "fee.charged" in text
    assert "option 'nope'" in text and "unknown entry 370100-XX-001" in text
    assert "'expire'" not in text                      # a real option id of the current entry


def test_a_linked_qa_that_states_the_expected_faq_fact_stands_for_the_matter():
    """Issue 18: the catalog now holds a matter FAQ's fact in a linked policy Q&A; a reply with that
    Q&A passes `type: answer`, `entry` and the FAQ fact. An unlinked Q&A, or one with another
    number, or about another question, does not."""
    from guide.dialogue_eval import check_step

    def qa_reply(answer, related=(CARD.id,), question="身份证能提前换吗？"):
        return {"type": "qa", "text": f"【{question}】{answer}", "asked": "qa", "options": [], "checklist": [],
                "matter": {"id": "000000-QA-ZJ-099", "question": question, "answer": answer, "related": list(related)}}

    expect = {"type": "answer", "entry": CARD.id, "facts": ["faq[0].a"]}
    assert check_step(expect, qa_reply("有效期满前三个月内可以申请换领。"), CARD) != []   # no number to compare
    same = qa_reply("期满前3个月内可以换领。")
    changed = {**expect, "facts": ["faq[0].a"]}
    card = Matter(**{**CARD.__dict__, "faq": (FAQ("能提前换吗？", "期满前3个月内可以换。"),)})
    assert check_step(changed, same, card) == []
    assert check_step(changed, qa_reply("期满前6个月内可以换领。"), card) != []              # another number
    assert check_step(changed, qa_reply("期满前3个月内可以换领。", related=()), card) != []   # not linked
    assert check_step(changed, qa_reply("期满前3个月内。", question="补领要多久？"), card) != []  # another question
    assert check_step({**changed, "asked": "fee"}, same, card) != []                        # asked still counts
