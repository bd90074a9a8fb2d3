"""Facts corrected by the second full pass over MZ, ZJ, SWJ, XF, HB and CL (docs/pass2-mz.md).

Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter


# --- MZ-023 骨灰安放: 《殡葬管理条例》第十条、第十五条 ----------------------------------------------

def test_mz023_burial_outside_cemeteries_ban_is_for_burial_areas(catalog):
    m = matter(catalog, "370100-MZ-023")
    rule = next(c for c in m.conditions if "公墓和农村公益性墓地以外" in c)
    # art. 15 bans graves outside cemeteries only "在允许土葬的地区"; art. 10 lists banned areas
    assert "在允许土葬的地区" in rule
    faq = next(f for f in m.faq if "承包地" in f.q)
    assert "第十五条" in faq.a and "在允许土葬的地区" in faq.a and "第十条" in faq.a


# --- MZ-019 低保边缘家庭认定: 《社会救助暂行办法》第十条 --------------------------------------------

def test_mz019_art_10_is_not_credited_with_the_marginal_family_rule(catalog):
    m = matter(catalog, "370100-MZ-019")
    # art. 10 is about the 低保 standard only; it says nothing about 边缘家庭
    assert not any("由省、设区的市人民政府按照国家有关规定制定" in c for c in m.conditions)
    rule = next(c for c in m.conditions if "认定办法" in c)
    assert "未规定边缘家庭" in rule and "济南市的规定" in rule
