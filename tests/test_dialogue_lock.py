"""The fact lock of the dialogue eval: a catalog insertion that shifts an expectation's index is
caught and the new place named; a corrected answer is not; the shipped conversations hold."""
import dataclasses
import json

import pytest

from guide.catalog import FAQ
from guide.config import PROJECT_ROOT, load_settings
from guide.dialogue_eval import lint, load_conversations
from guide.dialogue_lock import build_lock, lock_path, lock_problems, read_lock, write_lock
from tests.test_dialogue_eval import CARD, conv

ASKS_SECOND_FAQ = conv({"say": "外地户口呢", "expect": {"entry": CARD.id, "facts": ["faq[1].a", "fee.standard"]}},
                       {"say": "什么条件", "expect": {"facts_any": ["conditions[1]"]}})


def lookup(card):
    return {card.id: card}.get


def test_the_lock_keeps_indexed_references_only():
    lock = build_lock([ASKS_SECOND_FAQ], lookup(CARD))
    assert set(lock) == {f"{CARD.id} faq[1].a", f"{CARD.id} conditions[1]"}     # fee.standard cannot shift
    assert lock_problems([ASKS_SECOND_FAQ], lookup(CARD), lock) == []


def test_an_inserted_faq_entry_is_caught_and_the_new_place_named():
    lock = build_lock([ASKS_SECOND_FAQ], lookup(CARD))
    shifted = dataclasses.replace(CARD, faq=(FAQ("要带照片吗？", "不用，现场采集。"), *CARD.faq))
    problems = lock_problems([ASKS_SECOND_FAQ], lookup(shifted), lock)
    assert len(problems) == 1
    assert "c1 steps[0]: fact 370100-GA-002 faq[1].a points at another item" in problems[0]
    assert "now at faq[2].a" in problems[0]


def test_an_inserted_condition_is_caught_and_a_reworded_answer_is_not():
    lock = build_lock([ASKS_SECOND_FAQ], lookup(CARD))
    inserted = dataclasses.replace(CARD, conditions=("年满十六周岁。", *CARD.conditions))
    assert ["now at conditions[2]" in p for p in lock_problems([ASKS_SECOND_FAQ], lookup(inserted), lock)] == [True]
    corrected = dataclasses.replace(CARD, faq=(CARD.faq[0], FAQ(CARD.faq[1].q, "可以，在济南任一受理点换领。")))
    assert lock_problems([ASKS_SECOND_FAQ], lookup(corrected), lock) == []


def test_a_removed_item_asks_for_a_check_and_unlocked_or_unused_entries_are_named():
    lock = build_lock([ASKS_SECOND_FAQ], lookup(CARD))
    replaced = dataclasses.replace(CARD, faq=(CARD.faq[0], FAQ("周末能换吗？", "部分受理点周末开放。")))
    problems = lock_problems([ASKS_SECOND_FAQ], lookup(replaced), lock)
    assert len(problems) == 1 and "check the expectation against the new text" in problems[0]
    problems = lock_problems([ASKS_SECOND_FAQ], lookup(CARD), {"370100-GA-002 faq[0].a": "0" * 12})
    assert any("faq[1].a is not in the lock" in p for p in problems)
    assert "lock entry 370100-GA-002 faq[0].a is used by no expectation" in problems


def test_the_lock_file_round_trips_and_a_bad_one_names_its_path(tmp_path):
    path = lock_path(tmp_path / "dev.jsonl")
    assert path.name == "dev.lock.json"
    write_lock(path, build_lock([ASKS_SECOND_FAQ], lookup(CARD)))
    assert read_lock(path) == build_lock([ASKS_SECOND_FAQ], lookup(CARD))
    path.write_text(json.dumps(["not", "a", "mapping"]), encoding="utf-8")
    with pytest.raises(ValueError, match="dev.lock.json"):
        read_lock(path)


@pytest.mark.parametrize("split", ["dev", "test"])
def test_the_shipped_conversations_name_real_catalog_facts_at_their_locked_places(split):
    """Every id, material, option and fact path of eval/dialogue resolves on the shipped catalog,
    and every indexed fact still points at the item it was checked against."""
    from guide.loader import load_all

    catalog = load_all(load_settings(env={}))
    path = PROJECT_ROOT / "eval" / "dialogue" / f"{split}.jsonl"
    conversations = load_conversations(path)
    problems = lint(conversations, catalog.get) + lock_problems(conversations, catalog.get, read_lock(lock_path(path)))
    assert problems == []
