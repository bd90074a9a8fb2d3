"""Review of the fourth pass's own GA corrections (docs/review4-ga.md).

Each test pins one fact that the fourth pass got wrong, against the statute text, so it fails if
the pass-4 wording comes back.
"""

from tests.truth_helpers import matter

# --- GA-015: 《退役军人安置条例》(2024) 第四十九条第二款、第三款 — the hard areas and islands are the ones
# "军队确定的" (四类以上艰苦边远地区, 二类以上岛屿), not any area so graded by a civilian scheme -------------

def test_ga015_art_49_hard_areas_are_military_graded(catalog):
    m = matter(catalog, "370100-GA-015")
    cond = next(c for c in m.conditions if "勋章" in c)
    assert "军队确定的四类以上艰苦边远地区" in cond
    assert "军队确定的二类以上岛屿" in cond
    # the 10-year (city-level) route refers back to the same military-graded areas
    ten = cond.split("累计满15年")[1]
    assert "累计满10年" in ten and "军队确定" in ten
    assert "西藏、新疆、四类以上" not in cond
    assert any("退役军人安置条例" in s.law and s.article == "第四十九条" and "conditions" in s.covers
               for s in m.sources)
