"""Facts corrected by the seventh independent 10% re-check, part B (docs/recheck7-b.md).

Sample: 41 of 403 matters, random.seed(20261201 * 7); part B covers 10 ids (JJ). Each test pins one
corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""

from tests.truth_helpers import matter, names

# --- JJ-020 驾驶证延期: 驾驶证规定第七十五条第一款 asks for the driver's identity proof on every
# application; 第一百零五条 adds the agent's proof and the driver's 委托书 --------------------------------

def test_jj020_driver_identity_proof_also_when_an_agent_applies(catalog):
    m = matter(catalog, "370100-JJ-020")
    for who in ("self", "agent"):
        assert "机动车驾驶人身份证明" in names(m, {"agent": who}), who
    agent = names(m, {"agent": "agent"})
    assert "代理人身份证明" in agent and "驾驶人签署的委托书" in agent
    assert "驾驶人居民身份证" not in [x.name for x in m.materials]
    step = m.process[0]
    assert "驾驶人的身份证明" in step and "委托书" in step
    assert any(s.article == "第七十五条" and "materials" in s.covers for s in m.sources)


# --- JJ-021 驾驶证注销: 驾驶证规定第七十九条第二款 — 公告作废 only for 第一款第二项至第十一项, not death ----

def test_jj021_no_public_voiding_rule_for_a_dead_drivers_licence(catalog):
    m = matter(catalog, "370100-JJ-021")
    faq = next(f for f in m.faq if "去世" in f.q)
    assert "未收回的公告作废" not in faq.a
    assert "不包括驾驶人死亡" in faq.a and "第七十九条" in faq.a
    cond = next(c for c in m.conditions if "驾驶人死亡" in c)
    assert "除驾驶人死亡外" in cond and "第二项至第十一项" in cond


# --- JJ-008 (observation, not counted): 驾驶证规定第一百零九条第一项第3目、第4目 — the 通行证 and the
# 旅行证 routes for residents of Hong Kong, Macao and Taiwan -------------------------------------------

def test_jj008_hmt_identity_alternatives(catalog):
    m = matter(catalog, "370100-JJ-008")
    row = next(x for x in m.materials if "港澳居民居住证" in x.name)
    assert list(row.when) == ["applicant.hmt"]
    assert "旅行证" in row.notes and "五年有效" in row.notes and "住宿登记证明" in row.notes
