"""Errors the fifth pass itself introduced in parts F and H, found by review5fh (docs/review5-fh.md).

Each test pins one fixed fact against the statute text it comes from, so it fails if the error returns.
"""

from tests.truth_helpers import matter

# --- ZJ-014 房屋安全鉴定: 山东省建设工程抗震设防条例第三十六条第二项 puts a house past its design life under
# the 抗震性能鉴定 duty, so the cost rule of 第四十条 reaches it too; only the other over-age 鉴定 of
# 建设工程质量管理条例第四十二条 has no cost rule ---------------------------------------------------------

def test_zj014_over_age_seismic_assessment_cost_follows_art40(catalog):
    m = matter(catalog, "370100-ZJ-014")
    faq = next(f for f in m.faq if "费用" in f.q)
    assert faq.a.startswith("抗震性能鉴定和抗震加固的费用由房屋所有权人或管理单位承担")
    assert "第三十六条第二项" in faq.a and "也适用第四十条" in faq.a
    assert "超过合理使用年限的房屋鉴定，《建设工程质量管理条例》" not in faq.a
    assert any(
        "抗震设防条例" in s.law and "第三十六条" in s.article and "faq" in s.covers for s in m.sources
    )
