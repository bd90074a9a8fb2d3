"""Facts corrected by the second full pass over department JJ (docs/pass2-jj.md).

Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter

# --- JJ-015 机动车驾驶证转入换证: 《机动车驾驶证申领和使用规定》第七十条 -----------------------------

def test_jj015_transfer_rule_only_for_licences_issued_elsewhere(catalog):
    m = matter(catalog, "370100-JJ-015")
    rule = next(c for c in m.conditions if "同时按转入换证" in c)
    # art. 70: only when applying at a 车辆管理所 other than the issuing one
    assert "不是济南核发" in rule
    assert not rule.startswith("在济南办理期满换证")


# --- JJ-018 机动车驾驶人提交身体条件证明: 同规定第七十九条第一款第九项 ------------------------------

def test_jj018_faq_cancellation_deadline_depends_on_driver_class(catalog):
    m = matter(catalog, "370100-JJ-018")
    faq = next(f for f in m.faq if "忘了交" in f.q)
    # art. 79(1)(9): one cycle + 1 year for drivers aged 70+, three cycles + 1 year for
    # 残疾人专用小型自动挡载客汽车 licences
    assert "70周岁以上" in faq.a
    assert "三个记分周期" in faq.a
    assert not faq.a.startswith("记分周期结束后一年内仍未提交的")


# --- JJ-027 机动车驾驶证状态及记分查询: 《记分管理办法》第十五条 ----------------------------------

def test_jj027_points_carry_over_only_for_overdue_fines_below_12(catalog):
    m = matter(catalog, "370100-JJ-027")
    faq = next(f for f in m.faq if "清零" in f.q)
    assert "逾期未缴纳" in faq.a and "未满12分" in faq.a
    assert "有罚款未缴的，相应记分转入" not in faq.a


# --- JJ-059 罚款延期或分期缴纳: 《行政处罚法》第七十二条第一款第一项 -----------------------------

def test_jj059_late_payment_surcharge_is_capped_at_the_fine(catalog):
    m = matter(catalog, "370100-JJ-059")
    rule = next(c for c in m.conditions if "百分之三" in c)
    assert "不超过罚款本身的数额" in rule
