"""Errors the fourth pass introduced in RS-038..RS-074, WL, JT, GY, CG (docs/review4-rs2.md).

Each test pins one fix against the article it comes from, so it fails if the pass-4 wording returns.
"""

from tests.truth_helpers import matter

# --- RS-046 工伤旧伤复发确认: 《工伤保险条例》第三十三条第二款 — the 停工留薪期 may be extended only when
# the injury is severe or the case special, and only on the city appraisal committee's confirmation ---

def test_rs046_extension_keeps_its_precondition(catalog):
    m = matter(catalog, "370100-RS-046")
    faq = next(f for f in m.faq if "待遇" in f.q)
    assert "伤情严重或者情况特殊" in faq.a
    assert "经设区的市级劳动能力鉴定委员会确认可延长" not in faq.a
    assert "12个月" in faq.a


# --- RS-070 工伤职工异地就医: 《工伤保险条例》第三十条第二款 — the duty to use a contracted medical
# institution has an emergency exception (先到就近的医疗机构急救) ---------------------------------------

def test_rs070_summary_keeps_emergency_exception(catalog):
    m = matter(catalog, "370100-RS-070")
    assert "签订服务协议的医疗机构" in m.summary
    assert "急救" in m.summary
    assert "治疗工伤的费用和交通、食宿费用" not in m.summary
