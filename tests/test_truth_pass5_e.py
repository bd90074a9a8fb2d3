"""Facts corrected by the fifth pass, part E (docs/pass5-e.md): 370100-RS-017 … RS-066.

Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""

from tests.truth_helpers import matter


# --- RS-046 工伤旧伤复发确认: 《工伤保险条例》第三十八条 applies arts. 30, 32, 33; art. 30(2) sends the
# worker to an agreement hospital but lets him go first to the nearest hospital for first aid in an
# emergency ("情况紧急时可以先到就近的医疗机构急救") -------------------------------------------------

def test_rs046_relapse_treatment_keeps_the_emergency_exception(catalog):
    m = matter(catalog, "370100-RS-046")
    faq = next(f for f in m.faq if "复发" in f.q and "待遇" in f.q)
    assert "签订服务协议的医疗机构" in faq.a
    assert "情况紧急时可以先到就近的医疗机构急救" in faq.a and "第三十条第二款" in faq.a
    assert any(s.article == "第三十条、第三十二条、第三十三条" and "faq" in s.covers for s in m.sources)
