"""Facts corrected by the third full pass, helper pass3-sw (docs/pass3-sw.md).

Departments SW, SCJG, CG, GY, JT, WL. Each test pins one corrected fact against the statute text
it comes from, so it fails if the old content comes back.
"""


from tests.truth_helpers import matter


# --- SW-019 城乡居民基本养老保险费缴纳: 《社会保险法》第二十条、第二十二条 ---------------------------

def test_sw019_art_20_speaks_of_the_rural_scheme_and_art_22_of_the_merger(catalog):
    m = matter(catalog, "370100-SW-019")
    rule = next(c for c in m.conditions if "集体补助" in c)
    # art. 20 sets the three funding sources for 新型农村社会养老保险, not for 城乡居民 by name
    assert "新型农村社会养老保险" in rule and "第二十条" in rule
    # art. 22(2): the province may merge the urban-resident scheme with the rural one
    assert "第二十二条" in rule and "合并实施" in rule
    assert "城乡居民养老保险实行个人缴费、集体补助和政府补贴相结合（《社会保险法》第二十条）" not in rule
