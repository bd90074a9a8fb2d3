"""Facts corrected by the ninth independent 10% re-check, part A (docs/recheck9-a.md).

Sample: 41 of 403 matters, random.seed(20261201 * 9); part A covers 10 ids (CG, GA, GJJ). Each test
pins one corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""

from tests.truth_helpers import matter

# --- CG-003 临时占用城市道路: 城市道路管理条例第三十一条第一款 requires approval by both the road
# authority and the traffic police for every temporary occupation, not only when traffic safety is
# affected (the narrower wording is 济南市市政设施管理条例第二十八条) ------------------------------------

def test_cg003_traffic_police_approval_is_not_limited_to_traffic_impact(catalog):
    m = matter(catalog, "370100-CG-003")
    assert "影响道路交通安全的，已征得公安机关交通管理部门同意。" not in m.conditions
    cond = next(c for c in m.conditions if "公安交通管理部门" in c and "第三十一条" in c)
    assert "不以影响道路交通安全为限" in cond
    assert "第二十八条" in cond
    faq = next(f for f in m.faq if "交警" in f.q)
    assert faq.a.startswith("需要")
    assert "第三十一条第一款" in faq.a and "两方批准" in faq.a
    src = next(s for s in m.sources if s.law == "《城市道路管理条例》" and s.article == "第三十一条")
    assert "faq" in src.covers and "conditions" in src.covers
