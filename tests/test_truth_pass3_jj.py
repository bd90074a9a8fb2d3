"""Facts corrected by the third full pass over department JJ (docs/pass3-jj.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter, names

# --- JJ-017 驾驶证信息变更及损毁换证: 驾驶证规定第六十六条、第七十条、第六十四条 --------------------

def test_jj017_damaged_licence_at_non_issuing_office_is_handed_in_with_declaration(catalog):
    m = matter(catalog, "370100-JJ-017")
    # art. 66(2): at the issuing office a damaged licence needs only the ID
    assert "原机动车驾驶证" not in names(m, {"reason": "damaged", "office": "issuing"})
    # art. 70 applies art. 64 to art. 66 at another office: licence + physical-condition declaration
    listed = names(m, {"reason": "damaged", "office": "other"})
    assert "原机动车驾驶证" in listed and "身体条件情况申报" in listed
    assert "身体条件情况申报" not in names(m, {"reason": "info", "office": "issuing"})
    assert any(s.article == "第六十四条" for s in m.sources)


# --- JJ-006 机动车注销登记 / JJ-028 机动车变更登记: 《机动车登记规定》第八十六条 ---------------------

def test_jj006_loss_deregistration_agent_exception_is_kept(catalog):
    m = matter(catalog, "370100-JJ-006")
    # art. 86: no agent for 灭失注销, except where the owner cannot come (death, abroad, illness ...)
    cond = next(c for c in m.conditions if "灭失" in c and "代理人" in c)
    assert "重病" in cond and "继承人" in cond
    faq = next(f for f in m.faq if "灭失证明" in f.q)
    assert "继承人" in faq.a


def test_jj028_co_owner_change_agent_exception_is_kept(catalog):
    m = matter(catalog, "370100-JJ-028")
    # art. 86: 共同所有人变更 needs the owners themselves, but not where they cannot come
    cond = next(c for c in m.conditions if "共同所有人" in c and "代理人" in c)
    assert "出境" in cond and "继承人" in cond


# --- JJ-049 被扣留机动车驾驶证发还: 《道路交通安全法》第一百一十条 ---------------------------------

def test_jj049_fifteen_day_rule_is_for_licences_held_ahead_of_suspension(catalog):
    m = matter(catalog, "370100-JJ-049")
    # art. 110: the 15 days / 吊销 rule follows a 先予扣留 where 暂扣 or 吊销 is intended
    cond = next(c for c in m.conditions if "十五日内" in c)
    assert "先予扣留" in cond and "暂扣或吊销" in cond
    faq = next(f for f in m.faq if "不去处理" in f.q)
    assert "先予扣留" in faq.a


# --- JJ-050 道路交通事故自行协商处理: 事故程序规定第二十条第二款; 济南条例第四十四条 ----------------

def test_jj050_police_on_request_and_jinan_mediation_route_are_given(catalog):
    m = matter(catalog, "370100-JJ-050")
    # art. 20(2): parties who ask for a police officer on the scene must get one
    cond = next(c for c in m.conditions if "到场" in c)
    assert "应当指派" in cond and "第二十条" in cond
    # 济南条例 art. 44: no agreement after leaving the scene -> ask the traffic police to mediate
    assert "调解" in cond and "第四十四条" in cond
    faq = next(f for f in m.faq if "谈不拢" in f.q)
    assert "到现场" in faq.a and "调解" in faq.a


# --- JJ-051 道路交通事故认定复核: 《道路交通事故处理程序规定》第七十四条第二款 ----------------------

def test_jj051_a_party_may_ask_for_a_hearing_in_review(catalog):
    m = matter(catalog, "370100-JJ-051")
    # art. 74(2): written review, but the parties may be called in when a party asks for it
    step = next(p for p in m.process if p.startswith("审查"))
    assert "当事人提出要求" in step and "召集" in step


# --- JJ-012 持境外机动车驾驶证申领: 驾驶证规定第一百零九条第一项第5目 ------------------------------

def test_jj012_chinese_citizens_settled_abroad_have_their_own_identity_papers(catalog):
    m = matter(catalog, "370100-JJ-012")
    # art. 109(1)5: Chinese passport + 住宿登记证明; not the resident ID card
    listed = names(m, {"applicant": "overseas", "language": "chinese"})
    assert "中华人民共和国护照及公安机关出具的住宿登记证明" in listed
    assert "居民身份证" not in listed


# --- JJ-008 机动车驾驶证初次申领: 驾驶证规定第一百零九条第一项第5目 --------------------------------

def test_jj008_chinese_citizens_settled_abroad_have_their_own_identity_papers(catalog):
    m = matter(catalog, "370100-JJ-008")
    listed = names(m, {"applicant": "overseas", "health": "online_exam"})
    assert "中华人民共和国护照及公安机关出具的住宿登记证明" in listed
    assert "居民身份证或临时居民身份证" not in listed
