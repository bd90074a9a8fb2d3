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
