"""Everyday first questions reach the matter a counter clerk would open, on the shipped catalog.

Each one was answered with a neighbouring service before its matter had the everyday name
("我想给孩子上户口" -> 收养子女入户, "驾照到期了" -> the Q&A about extending abroad, "廉租房怎么申请" ->
no match): the names are catalog data, and this pins that the search and the chat use them.
"""
import pytest

from guide.chat import ChatService
from guide.runtime import RuntimeStore

pytestmark = pytest.mark.slow

EVERYDAY = [
    ("我想给孩子上户口", "370100-GA-005"),          # not 收养子女入户 (GA-023)
    ("驾照到期了", "370100-JJ-001"),
    ("驾照分扣完了怎么办", "370100-JJ-024"),         # not 记分查询 (JJ-027)
    ("廉租房怎么申请", "370100-ZJ-002"),             # 廉租房 runs as 公共租赁住房 since 2014
    ("人死了要办什么手续", "370100-YJS-005"),
]


@pytest.mark.parametrize("question,entry", EVERYDAY)
def test_an_everyday_first_question_opens_its_matter(shipped_guide, tmp_path, question, entry):
    reply = ChatService(shipped_guide, RuntimeStore(tmp_path / "rt.db")).turn(question)
    assert reply["matter"]["id"] == entry, (reply["type"], reply.get("matter"))
