"""Review of the fifth pass, part B (docs/review5-b.md): errors the pass itself introduced.

The pass changed 9 matters (git diff 7904d71 d03ee34 -- data/matters). Each test pins one fact checked
against the statute text, so it fails if the introduced error comes back.
"""

from tests.truth_helpers import matter

# --- GA-046 居住就业落户: 户口登记条例第十三条第一款 — the 3-day (city) / 10-day (countryside) move-in
# declaration binds whoever holds a 迁移证件; the article does not limit it to paper certificates --------

def test_ga046_move_in_deadline_not_limited_to_paper_certificates(catalog):
    m = matter(catalog, "370100-GA-046")
    settle = next(p for p in m.process if p.startswith("落户"))
    assert "纸质" not in settle
    assert "已领取迁移证件的" in settle and "持迁移证件申报迁入登记" in settle
    assert "三日以内" in settle and "十日以内" in settle and "缴销迁移证件" in settle


# --- JJ-002 补证 (checked correct; guard for kind c): 驾驶证规定第六十九条 and 实施条例第二十七条 keep the
# driver's identity proof when an agent applies; 第一百零五条 only adds the agent's proof and the 委托书 ---

def test_jj002_agent_faq_keeps_the_drivers_identity_proof(catalog):
    m = matter(catalog, "370100-JJ-002")
    faq = next(f for f in m.faq if "代办" in f.q)
    assert "驾驶人的身份证明" in faq.a
