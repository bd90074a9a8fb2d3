"""Lookalikes: a question naming a service the catalog lacks is not answered with its near-twin."""
from __future__ import annotations

from dataclasses import replace

import pytest
import yaml

from guide.catalog import CatalogError
from guide.config import load_settings
from guide.loader import load_catalog
from guide.search.fusion import decide_confidence, lexically_certain
from guide.search.lookalikes import MIN_FIT, named_lookalike, prepare
from guide.search.settings import load_retrieval_settings
from guide.search.types import Signals
from tests.conftest import make_tiny_catalog

T = load_retrieval_settings().thresholds
SURE = Signals(content_terms=6, lexical_strength=0.9, dense_top=0.93, alias_exact=False, word_coverage=0.9,
               margin=0.9, name_fit=0.6)


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_named_lookalike_needs_the_name_and_a_better_fit_than_the_entry_own_names():
    looks = prepare(["老年人优待证", "残疾军人证办理"], ["退役军人优待证申领", "办优待证"])
    assert named_lookalike("老年人优待证去哪里申请", looks, own_fit=0.5) == "老年人优待证"
    assert named_lookalike("老年人的优待证去哪办", looks, own_fit=0.5) == "老年人优待证"   # 4 of 5 grams
    assert named_lookalike("优待证在哪办", looks, own_fit=1.0) == ""          # the entry's own name fits as well
    assert named_lookalike("老年人优待证去哪里申请", looks, own_fit=1.0) == ""    # ...or better
    assert named_lookalike("老人证怎么办", looks, own_fit=0.0) == ""          # too little of any lookalike
    assert named_lookalike("老年人优待证去哪里申请", (), own_fit=0.0) == ""
    assert 0.5 < MIN_FIT < 1.0


def test_another_word_order_needs_every_gram_that_sets_the_lookalike_apart():
    (company,) = prepare(["股份有限公司设立登记"], ["有限责任公司设立登记", "成立有限公司"])
    assert company.marks == {"股份", "份有"}
    assert named_lookalike("设立一家股份有限公司要带什么", (company,), own_fit=0.5) == "股份有限公司设立登记"
    assert named_lookalike("设立一家有限公司要带什么", (company,), own_fit=0.3) == ""       # no 股份
    (branch,) = prepare(["分公司变更登记"], ["有限责任公司变更登记", "公司变更"])
    assert branch.marks == {"分公"}                                    # one mark is too little in another order
    assert named_lookalike("公司换了股东要办变更登记吗", (branch,), own_fit=0.4) == ""
    assert named_lookalike("分公司变更登记要什么", (branch,), own_fit=0.4) == "分公司变更登记"


def test_a_named_lookalike_is_no_match_and_never_takes_the_lexical_shortcut():
    assert decide_confidence(SURE, T) == "confident"
    named = replace(SURE, lookalike="老年人优待证")
    assert decide_confidence(named, T) == "no_match"
    assert decide_confidence(replace(named, alias_exact=True), T) == "confident"   # the whole question is its alias
    certain = replace(SURE, lexical_strength=1.0, word_coverage=1.0, margin=1.0)
    assert lexically_certain(certain, T) and not lexically_certain(replace(certain, lookalike="x"), T)


def test_a_lookalike_the_catalog_has_too_short_or_an_alias_in_disguise_is_reported_with_file_and_field(tmp_path):
    root = make_tiny_catalog(tmp_path)
    _edit(root / "GA" / "370100-GA-002.yaml",
          lambda d: d.update(lookalikes=["小饭馆登记", "临时证", "港澳通行证签注", "身份证到期换"]))
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    found = {(p.path.rsplit("/", 1)[-1], p.field): p.message for p in info.value.problems}
    assert "370100-SCJG-006" in found[("370100-GA-002.yaml", "lookalikes[0]")]     # an alias of 小餐饮登记
    assert "too short" in found[("370100-GA-002.yaml", "lookalikes[1]")]
    assert ("370100-GA-002.yaml", "lookalikes[2]") not in found
    assert "alias, not a lookalike" in found[("370100-GA-002.yaml", "lookalikes[3]")]   # 身份证到期换证 says it all
    assert len(found) == 3


def test_a_lookalike_that_near_copies_an_eval_question_is_a_lint_finding(tmp_path):
    """A lookalike decides a no-match answer as an alias decides a match: one that repeats an eval
    question would make the absent figures measure the lookalike list, not the method."""
    import json

    from guide.lint import lint_catalog

    root = make_tiny_catalog(tmp_path)
    _edit(root / "GA" / "370100-GA-002.yaml", lambda d: d.update(lookalikes=["港澳通行证签注", "网络身份认证"]))
    evals = tmp_path / "eval"
    evals.mkdir()
    (evals / "dev.jsonl").write_text(json.dumps({"qid": "d7", "query": "网络身份认证怎么办"}, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
    findings = [f for f in lint_catalog(load_catalog(root), (), evals) if "lookalikes" in f.field]
    assert [(f.field, "dev.jsonl:d7" in f.message) for f in findings] == [("lookalikes[1]", True)]


def test_planted_lookalike_turns_its_question_into_an_honest_no_match(tmp_path, tiny_guide):
    """The tiny build answers a question about 食品小作坊登记 (not in the catalog) with some matter;
    once that matter lists it as a lookalike, the same question is no match, naming it, and the
    matter's own name still finds it."""
    from guide.build import build_index
    from guide.dialogue import Plan
    from guide.present.payload import chat_payload
    from guide.service import Guide

    question = "食品小作坊登记证怎么申请"
    before = tiny_guide.search(question, k=3)
    assert before.confidence != "no_match" and before.signals.lookalike == ""
    top = tiny_guide.get(before.hits[0].id)

    root = make_tiny_catalog(tmp_path)
    path = next(root.rglob(f"{top.id}.yaml"))
    _edit(path, lambda d: d.update(lookalikes=["食品小作坊登记"]))
    settings = load_settings(env={}, catalog_dir=str(root), index_dir=str(tmp_path / "index"),
                             runtime_db=str(tmp_path / "runtime.db"), model="hash")
    build_index(settings)
    planted = Guide.load(settings=settings)
    after = planted.search(question, k=3)
    assert after.confidence == "no_match" and after.signals.lookalike == "食品小作坊登记"
    assert after.hits and after.hits[0].id == top.id                  # still listed as the close one
    own = planted.search(top.name, k=3)
    assert own.hits[0].id == top.id and own.confidence == "confident" and own.signals.lookalike == ""
    text = chat_payload(Plan("no_match", search=after), "s", "m", planted.get)["text"]
    assert "食品小作坊登记" in text and "暂未收录" in text
    assert "食品小作坊登记" not in chat_payload(Plan("no_match", search=own), "s", "m", planted.get)["text"]


def test_shipped_lookalikes_turn_away_their_service_and_keep_the_matter(shipped_guide):
    """In the shipped catalog 退役军人优待证申领 lists 老年人优待证: asked in words of our own, the
    question about the card for the elderly is no match naming it, in search and in the chat, and
    the veterans' card is still found."""
    from guide.dialogue import Dialogue, DialogueState

    elderly = shipped_guide.search("给我奶奶办一张老年人优待证要去哪", k=3)
    assert elderly.confidence == "no_match" and elderly.signals.lookalike == "老年人优待证"
    veteran = shipped_guide.search("退役军人优待证申领要准备什么", k=3)
    assert veteran.hits[0].id == "370100-TY-001" and veteran.signals.lookalike == ""
    assert veteran.confidence == "confident"
    dialogue = Dialogue(shipped_guide)
    _, plan = dialogue.respond(DialogueState(), "给我奶奶办一张老年人优待证要去哪")
    assert plan.type == "no_match" and plan.search.signals.lookalike == "老年人优待证"
    assert "370100-TY-001" in [o.id for o in plan.suggestions]     # offered as the close one, not answered
