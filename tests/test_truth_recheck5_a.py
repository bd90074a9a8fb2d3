"""Facts corrected by the fifth independent 10% re-check, part A (docs/recheck5-a.md).

Sample: 41 of 403 matters, random.seed(20261201 * 5); part A covers 14 ids. Each test pins one
corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""


from tests.truth_helpers import matter

# --- GA-016 户口登记项目变更更正: 《居民身份证法》第十一条、第二十一条 ---------------------------------

def test_ga016_under_16_holders_may_but_need_not_renew_the_id_card(catalog):
    m = matter(catalog, "370100-GA-016")
    # art. 11(2): a holder under 16 "可以申请换领"; the old text said every change "须换领"
    id_row = next(x for x in m.materials if x.name == "申请人居民身份证")
    assert "须换领" not in (id_row.notes or "")
    assert "未满十六周岁" in id_row.notes and "可以申请换领" in id_row.notes
    faq = next(f for f in m.faq if "身份证" in f.q)
    assert "未满十六周岁的可以申请换领" in faq.a
    step = next(p for p in m.process if p.startswith("换证"))
    assert "未满十六周岁的可以申请换领" in step
    src = next(s for s in m.sources if "居民身份证法" in s.law and s.article == "第十一条")
    assert "faq" in src.covers


def test_ga016_renewal_fee_names_the_statutory_exemption(catalog):
    m = matter(catalog, "370100-GA-016")
    # art. 21(2): 低保 city residents and rural hardship cases pay no fee on renewal; others may pay less
    assert "最低生活保障" in m.fee.basis and "免收" in m.fee.basis and "减收" in m.fee.basis
    src = next(s for s in m.sources if "居民身份证法" in s.law and s.article == "第二十一条")
    assert "fee" in src.covers
    assert any("第二十一条" in b for b in m.legal_basis if "居民身份证法" in b)


# --- JJ-001 机动车驾驶证期满换证: 驾驶证规定第七十二条第二款、第七十三条第二款、第六十五条 ------------

def test_jj001_review_includes_the_three_hour_course(catalog):
    m = matter(catalog, "370100-JJ-001")
    # art. 72(2): renewal triggers the review; art. 73(2): large-vehicle licences with points, and
    # other licences after a fatal accident with equal or greater fault, need >= 3 hours of study
    rule = [c for c in m.conditions if "三小时" in c]
    assert rule, m.conditions
    assert "记分" in rule[0] and "大型货车" in rule[0] and "死亡" in rule[0]
    assert "警示教育" in rule[0]


def test_jj001_notes_keep_the_light_trailer_and_the_70_plus_swaps(catalog):
    m = matter(catalog, "370100-JJ-001")
    # art. 65(1): a 重型牵引挂车 holder may keep 轻型牵引挂车; art. 65(2): the 70+ replacements
    assert "保留轻型牵引挂车" in m.notes
    assert "轻便摩托车" in m.notes


# --- JJ-011 持军队、武警驾驶证申领驾驶证: 驾驶证规定第六十条 ---------------------------------------

def test_jj011_exam_route_has_the_safety_lesson_and_its_source(catalog):
    m = matter(catalog, "370100-JJ-011")
    # art. 60: after passing, at least half an hour of safety education and the oath ceremony; the
    # licence is issued on the day of the ceremony
    step = next(p for p in m.process if p.startswith("领证"))
    assert "半小时" in step and "宣誓" in step
    src = next(s for s in m.sources if s.article == "第六十条")
    assert "process" in src.covers and "time_limit" in src.covers
    assert any("第六十条" in b for b in m.legal_basis)
