"""Facts corrected by the fifth independent 10% re-check, part B (docs/recheck5-b.md).

Sample: 41 of 403 matters, random.seed(20261201 * 5); part B covers 14 ids. Each test pins one
corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""


from tests.truth_helpers import matter

# --- RS-045 停工留薪期延长确认: 《社会保险经办条例》第二十一条, 《工伤保险条例》第三十三条第二款 ------

def test_rs045_materials_go_to_the_social_insurance_agency(catalog):
    m = matter(catalog, "370100-RS-045")
    # 经办条例 art. 21: for a 停工留薪期延长确认 the diagnosis and medical records are provided to the
    # 社会保险经办机构; the old process sent the whole application to the appraisal committee
    apply_step = next(p for p in m.process if p.startswith("申请"))
    assert "社会保险经办机构" in apply_step, apply_step
    assert "诊断证明" in apply_step and "病历资料" in apply_step
    assert "社会保险经办机构" in m.agency
    assert not any("向市劳动能力鉴定委员会申请延长确认" in p for p in m.process), m.process
    # 工伤保险条例 art. 33(2): the 设区的市级 appraisal committee still makes the confirmation
    confirm_step = next(p for p in m.process if p.startswith("确认"))
    assert "劳动能力鉴定委员会" in confirm_step
    src = next(s for s in m.sources if s.article == "第二十一条")
    assert "process" in src.covers and "materials" in src.covers


# --- MZ-006 临时救助: 《社会救助暂行办法》第四十七条 -----------------------------------------------

def test_mz006_other_special_hardship_carries_no_extra_qualifier(catalog):
    m = matter(catalog, "370100-MZ-006")
    # art. 47 ends with "遭遇其他特殊困难的家庭" and sets no basic-living test for this third case;
    # the old condition added "基本生活难以维持"
    other = next(c for c in m.conditions if c.startswith("遭遇其他特殊困难"))
    assert other.startswith("遭遇其他特殊困难的家庭"), other
    assert "基本生活难以维持" not in other
    assert "第四十七条" in other
