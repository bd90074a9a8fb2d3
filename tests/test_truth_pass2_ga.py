"""Facts corrected by the second full pass over the GA (公安) matters (docs/pass2-ga.md, issue 16).

Each test pins one corrected fact against the statute article it comes from, so it fails if the
old content comes back.
"""


from tests.truth_helpers import matter

# --- GA-011 普通护照签发: 《护照法》第五条、第十一条第二款 ---------------------------------------------

def test_ga011_temporary_residence_route_is_only_for_renewal_or_replacement(catalog):
    m = matter(catalog, "370100-GA-011")
    # art. 11(2): the 暂住地 route is for 换发/补发 by citizens settled abroad, not for every application
    assert "回国后申请换发或补发的" in m.notes and "暂住地" in m.notes
    assert "定居国外的公民回国后向暂住地申请" not in m.notes


# --- GA-012 往来港澳通行证及签注: 暂行管理办法第九条第三项 ------------------------------------------

def test_ga012_unit_opinion_row_states_article_9_text_and_practice(catalog):
    m = matter(catalog, "370100-GA-012")
    row = next(x for x in m.materials if x.name == "所在单位出具的同意出境意见")
    # art. 9(3) asks every applicant for the work unit's opinion; "officials only" is practice
    assert row.notes != "仅登记备案的国家工作人员需要"
    assert "第九条第三项" in row.notes and "现行" in row.notes


# --- GA-028 居住证签注 / GA-029 居住证换领和补领: 《居住证暂行条例》第九条第三款 ----------------------

def test_ga028_ga029_proxy_rule_is_credited_to_application_only(catalog):
    for mid, what in (("370100-GA-028", "签注"), ("370100-GA-029", "换领、补领")):
        m = matter(catalog, mid)
        src = next(s for s in m.sources if s.article == "第九条")
        # art. 9(3) allows a guardian or close relative to apply (申领); it says nothing on the rest
        assert "申领" in src.note and what in src.note and "没有明文规定" in src.note
        assert "第九条第三款" in m.notes and "以受理窗口告知为准" in m.notes


# --- GA-035 港澳居民来往内地通行证换发补发: 暂行管理办法第二十三条 ----------------------------------

def test_ga035_loss_may_also_be_reported_to_transport_police(catalog):
    m = matter(catalog, "370100-GA-035")
    rule = next(c for c in m.conditions if "遗失" in c)
    # art. 23: report to the city/county police OR the police of the transport departments
    assert "交通运输部门的公安机关" in rule
    row = next(x for x in m.materials if x.name == "公安机关出具的遗失证明")
    assert "交通运输部门" in row.source
    faq = next(f for f in m.faq if "丢了" in f.q)
    assert "交通运输部门的公安机关" in faq.a


# --- GA-040 外国人居留许可签发: 《出境入境管理法》第三十五条; 条例第十七条 -----------------------------

def test_ga040_states_the_renewal_and_replacement_route(catalog):
    m = matter(catalog, "370100-GA-040")
    rule = [c for c in m.conditions if c.startswith("换发、补发")]
    # law art. 35: residence permits lost, damaged, stolen etc. are renewed or replaced locally
    assert rule and "遗失" in rule[0] and "被盗抢" in rule[0]
    src = next(s for s in m.sources if "出境入境管理法" in s.law)
    assert "第三十五条" in src.article and "conditions" in src.covers
