"""Facts corrected by the fourth independent 10% re-check, part A (docs/recheck4-a.md).

Sample: 41 of 403 matters, random.seed(20261201 * 4); part A covers 14 ids. Each test pins one
corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""


from tests.truth_helpers import matter, names

# --- JJ-016 机动车驾驶证降级换证: 驾驶证规定第七十条、第六十四条 ------------------------------------

def test_jj016_licence_is_handed_in_at_a_non_issuing_office(catalog):
    m = matter(catalog, "370100-JJ-016")
    # art. 70 with art. 64: at an office other than the issuing one, the driver also hands in the
    # licence and declares the physical condition, whatever the reason for the downgrade
    for reason in ("age", "health"):
        listed = names(m, {"reason": reason, "office": "other"})
        assert "机动车驾驶证" in listed, (reason, listed)
        assert "身体条件情况申报" in listed, (reason, listed)
        assert "机动车驾驶人身体条件证明" in listed, (reason, listed)
    # art. 65(5): a voluntary downgrade always needs the licence
    assert "机动车驾驶证" in names(m, {"reason": "voluntary", "office": "issuing"})
    # art. 63 (via art. 65(4)) at the issuing office: ID and medical certificate, no declaration
    assert "身体条件情况申报" not in names(m, {"reason": "age", "office": "issuing"})
    src = next(s for s in m.sources if s.article == "第六十四条")
    assert "materials" in src.covers


# --- JJ-029 机动车转入登记: 登记规定第十七条、第十八条第一款、第二十一条 ---------------------------

def test_jj029_small_cars_take_the_change_registration_route(catalog):
    m = matter(catalog, "370100-JJ-029")
    # art. 18(1): small and micro passenger cars and motorcycles apply for a change registration in
    # Jinan; art. 17 then asks for the 行驶证 and sets one working day
    small = names(m, {"route": "small", "owner": "local", "inspect": "valid"})
    assert "机动车行驶证" in small, small
    assert "机动车行驶证" not in names(m, {"route": "other", "owner": "local", "inspect": "valid"})
    assert "一日内" in m.time_limit.note and "三日内" in m.time_limit.note
    src = next(s for s in m.sources if s.article == "第十七条")
    assert "time_limit" in src.covers and "materials" in src.covers


def test_jj029_refusal_grounds_of_article_21_are_listed(catalog):
    m = matter(catalog, "370100-JJ-029")
    rule = next(c for c in m.conditions if "一年以内" in c)
    # art. 21(1)(3) with art. 15(1)(7)(8)(9)
    for ground in ("证明、凭证无效", "强制报废标准", "查封、扣押", "被盗抢骗"):
        assert ground in rule, ground


def test_jj016_a2_holders_may_keep_the_light_trailer_class(catalog):
    m = matter(catalog, "370100-JJ-016")
    faq = next(f for f in m.faq if "A2" in f.q)
    # art. 65(1): a 重型牵引挂车 (A2) holder turning 60 may keep 轻型牵引挂车
    assert "重型牵引挂车" in faq.a and "保留轻型牵引挂车" in faq.a
    assert "三十日内" in faq.a
