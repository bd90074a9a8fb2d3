"""Facts corrected by the third full pass, helper pass3-mz (issue 16; docs/pass3-mz.md).

Departments MZ, ZJ, SWJ, XF, HB, CL. Each test pins one corrected fact against the article it
comes from, so it fails if the old content comes back.
"""


from tests.truth_helpers import matter

# --- MZ-004 最低生活保障审核确认: 《社会救助暂行办法》第十一条第一项 ---------------------------------

def test_mz004_entrusted_route_is_only_the_village_or_residents_committee(catalog):
    m = matter(catalog, "370100-MZ-004")
    sit = next(s for s in m.situations if s.id == "applicant")
    label = next(o.label for o in sit.options if o.id == "entrusted")
    # art. 11(1) names only 村民委员会、居民委员会 as the body that may apply on the family's behalf
    assert "民委员会" in label and "他人" not in label
    row = next(x for x in m.materials if "applicant.entrusted" in (x.when or []))
    assert "受托人身份证" not in row.name and "第十一条" in row.notes


# --- MZ-028 慈善组织认定: 《慈善法》（2023年修正）第九条 ------------------------------------------

def test_mz028_conditions_keep_the_catch_all_of_art_9_item_7(catalog):
    m = matter(catalog, "370100-MZ-028")
    # art. 9 ends with (七) 法律、行政法规规定的其他条件: the list of conditions is not closed
    assert any("法律、行政法规规定的其他条件" in c for c in m.conditions)


# --- MZ-018 生活无着流浪乞讨人员救助: 《城市生活无着的流浪乞讨人员救助管理办法》第五条、第十一条 ------

def test_mz018_escort_and_family_pickup_are_for_the_vulnerable_groups(catalog):
    m = matter(catalog, "370100-MZ-018")
    ask = next(p for p in m.process if p.startswith("求助"))
    # art. 5: officials tell every beggar to go to the station; they escort only the disabled,
    # minors, the elderly and others with limited mobility
    assert "告知" in ask and "残疾人、未成年人、老年人和行动不便" in ask and "护送" in ask
    home = next(p for p in m.process if p.startswith("返乡"))
    # art. 11: station urges return; care, family pick-up and 户籍地 placement go with the vulnerable
    assert "劝导" in home and "残疾人、未成年人、老年人" in home and "户籍所在地人民政府" in home


# --- ZJ-010 存量房买卖合同网签备案: 《城市房地产管理法》第四十条 -----------------------------------

def test_zj010_allocated_land_condition_names_both_routes_after_approval(catalog):
    m = matter(catalog, "370100-ZJ-010")
    cond = next(c for c in m.conditions if "划拨" in c)
    # art. 40: after approval either the buyer takes a grant and pays the premium, or the seller
    # hands over the land revenue where no grant procedure is required
    assert "出让手续" in cond and "出让金" in cond and "土地收益" in cond and "第四十条" in cond


# --- SWJ-001 城镇污水排入排水管网许可: 《城镇排水与污水处理条例》第二十二条第一款第四项 ---------------

def test_swj001_conditions_keep_the_catch_all_of_art_22_item_4(catalog):
    m = matter(catalog, "370100-SWJ-001")
    # art. 22(1)(4): 法律、法规规定的其他条件 — the three listed conditions are not the whole list
    assert any("法律、法规规定的其他条件" in c and "第二十二条" in c for c in m.conditions)


# --- HB-002 建设项目环境影响评价审批: 《建设项目环境保护管理条例》第九条第三款 ---------------------------

def test_hb002_technical_assessment_is_optional_and_paid_by_the_office(catalog):
    m = matter(catalog, "370100-HB-002")
    step = next(p for p in m.process if p.startswith("技术评估"))
    # art. 9(3): the office *may* have a technical body assess the report, and bears the cost
    assert "可以组织" in step and "审批部门承担" in step and "第九条" in step
