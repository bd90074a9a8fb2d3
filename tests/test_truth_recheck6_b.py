"""Facts corrected by the sixth independent 10% re-check, part B (docs/recheck6-b.md).

Sample: 41 of 403 matters, random.seed(20261201 * 6); part B covers 10 ids. Each test pins one
corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""

from tests.truth_helpers import matter


def _id_note(m):
    return next(x for x in m.materials if x.name.startswith("机动车所有人") and "身份证明" in x.name).notes


# --- JJ-032 / JJ-036: 《机动车登记规定》第八十九条第三项 — outside the 户籍地 only 注册登记, 转让登记,
# 住所迁入 and 共同所有人变更 need the residence proof; pledge filing and 行驶证 replacement do not --------

def test_jj032_036_no_residence_proof_for_these_services(catalog):
    for mid in ("370100-JJ-032", "370100-JJ-036"):
        m = matter(catalog, mid)
        note = _id_note(m)
        assert "另需居住证明" not in note, mid
        assert "免交居住证明" in note, mid
        assert "第八十九条" in note, mid
        assert any("机动车登记规定" in s.law and "第八十九条" in s.article and "materials" in s.covers
                   for s in m.sources), mid


def test_jj004_transfer_still_needs_residence_proof(catalog):
    # the exemption of art. 89(3) does not reach 转让登记: the out-of-town buyer keeps the row
    m = matter(catalog, "370100-JJ-004")
    row = next(x for x in m.materials if "居住证明" in x.name)
    assert list(row.when) == ["buyer.person_other"]


# --- JJ-026 电子驾驶证: the replacement of a lost paper licence is 驾驶证规定第六十九条 -------------------

def test_jj026_lost_paper_licence_rule_cites_art_69(catalog):
    m = matter(catalog, "370100-JJ-026")
    faq = next(f for f in m.faq if "丢" in f.q)
    assert "申请补发" in faq.a and "原证作废" in faq.a and "暂扣" in faq.a
    src = next(s for s in m.sources if s.article == "第六十九条")
    assert "faq" in src.covers
    assert any("第六十九条" in b for b in m.legal_basis)


# --- HB-002 (observation, not counted): 山东省实施环评法办法第十二条第二款、第三款 ---------------------

def test_hb002_report_table_public_comment_statement(catalog):
    m = matter(catalog, "370100-HB-002")
    row = next(x for x in m.materials if "征求意见情况" in x.name)
    assert list(row.when) == ["doc.table"] and row.required is False
    assert "不予受理" in row.notes and "第十二条" in row.notes
    src = next(s for s in m.sources if "山东省实施" in s.law and "环境影响评价法" in s.law)
    assert src.article == "第十二条" and "materials" in src.covers


# --- JJ-004 (observation, not counted): 登记规定第二十七条第三款 says 应当 apply at the 转入地 -------------

def test_jj004_small_cars_traded_in_jinan_transfer_in_jinan(catalog):
    m = matter(catalog, "370100-JJ-004")
    faq = next(f for f in m.faq if "原籍" in f.q)
    assert "应当直接向济南车管所申请转让登记" in faq.a


# --- HB-002: 《环境影响评价法》第十九条第一款 — self-preparation only with the technical capacity ----------

def test_hb002_self_preparation_needs_technical_capacity(catalog):
    m = matter(catalog, "370100-HB-002")
    step = next(p for p in m.process if p.startswith("编制"))
    assert "具备环境影响评价技术能力的也可以自行编制" in step
    assert "自行或委托" not in step
    row = next(x for x in m.materials if x.name == "环境影响报告书")
    assert "具备环境影响评价技术能力的，也可以自行编制" in row.notes
    assert "或自行编制" not in row.notes
    # art. 19(4), art. 20(4): no interest link with the approver; nobody may designate the unit
    assert "利益关系" in step and "指定" in step
    assert any(s.article == "第二十条" and "process" in s.covers for s in m.sources if "环境影响评价法" in s.law)
