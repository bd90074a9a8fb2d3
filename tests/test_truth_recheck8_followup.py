"""Points the fifth pass's review and the eighth re-check saw but left as observations, fixed after:
YB-005's insurance condition named only 女职工 (社会保险法 art. 53 binds every 职工, and the matter's
own surgery-leave route is for men too); SW-011's FAQ gave "ask the unit or report" as two choices
where 个人所得税法实施条例 art. 30(2) puts them in order."""
from tests.truth_helpers import matter


def test_yb005_every_worker_is_insured_not_only_women(catalog):
    first = matter(catalog, "370100-YB-005").conditions[0]
    assert "为女职工参加" not in first and "为职工参加生育保险" in first and "第五十三条" in first


def test_sw011_ask_the_withholder_first_then_report(catalog):
    faq = next(f for f in matter(catalog, "370100-SW-011").faq if "纳税记录里能看到" in f.q)
    assert "拒绝修改的" in faq.a and "第三十条" in faq.a and "或向税务机关反映" not in faq.a
