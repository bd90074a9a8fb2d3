"""Facts corrected by the second independent 10% re-check, helper B (docs/recheck2-b.md).

Sample: 41 of 403 matters, random.seed(20261201 * 2); helper B checked the last 20 ids. Each test
pins one corrected fact against the statute text it comes from, so it fails if the old content
comes back.
"""


from tests.truth_helpers import matter, names, option_label

# --- RS-014 劳动人事争议仲裁申请: 《劳动争议调解仲裁法》第四十七条至第四十九条 --------------------

def test_rs014_worker_may_still_sue_after_a_terminal_award(catalog):
    m = matter(catalog, "370100-RS-014")
    step = next(p for p in m.process if p.startswith("裁决"))
    # art. 48: the worker may sue within 15 days even against a terminal award (art. 47);
    # the old text excluded terminal awards from the 15-day right altogether
    assert "一裁终局情形除外" not in step
    assert "劳动者不服的仍可在15日内起诉" in step


def test_rs014_employer_may_only_apply_to_set_aside_a_terminal_award(catalog):
    m = matter(catalog, "370100-RS-014")
    step = next(p for p in m.process if p.startswith("裁决"))
    # art. 49: the employer applies within 30 days to the intermediate court to set it aside
    assert "30日内" in step and "中级人民法院申请撤销" in step
    assert any("第四十七条至第五十条" in s.article for s in m.sources if s.law)


# --- SW-002 发票领用: 《发票管理办法》（2023年修订）第十五条 ------------------------------------------

def test_sw002_registration_certificate_is_listed_for_every_kind(catalog):
    m = matter(catalog, "370100-SW-002")
    # art. 15(1): the applicant holds the 设立登记证件 or 税务登记证件 and the agent's identity proof
    for chosen in ({"kind": "digital"}, {"kind": "paper", "first": "again"}):
        listed = names(m, chosen)
        assert "营业执照等设立登记证件或税务登记证件" in listed, (chosen, listed)


def test_sw002_stamp_impression_applies_to_every_paper_issue(catalog):
    m = matter(catalog, "370100-SW-002")
    # art. 15(1): 领用纸质发票的，还应当提供发票专用章印模 - not only the first time
    assert "发票专用章印模" in names(m, {"kind": "paper", "first": "again"})
    assert "发票专用章印模" not in names(m, {"kind": "digital"})


# --- TY-002 退役士兵报到: 《退役军人安置条例》第四十四条、第四十五条、第五十二条 ----------------------

def test_ty002_home_rule_only_for_the_groups_of_article_45(catalog):
    m = matter(catalog, "370100-TY-002")
    rule = next(c for c in m.conditions if "入伍时户口所在地" in c)
    assert "以自主就业、安排工作或供养方式安置的义务兵和军士" in rule
    # art. 44: sergeants on a monthly pension or retired follow national rules
    assert "逐月领取退役金和退休的军士，安置地按国家有关规定确定" in rule


def test_ty002_retirement_is_not_offered_as_a_reporting_option(catalog):
    m = matter(catalog, "370100-TY-002")
    # art. 52: retired sergeants are handed over by the unit, not under the art. 51 reporting rule
    assert "退休" not in option_label(m, "placement", "retire_support")


# --- TY-003 自主就业退役士兵一次性经济补助: 《退役军人安置条例》第五十一条 ------------------------------

def test_ty003_benefits_are_lost_only_after_30_days_beyond_the_deadline(catalog):
    m = matter(catalog, "370100-TY-003")
    rule = next(c for c in m.conditions if "报到" in c)
    assert rule != "自被批准退出现役之日起30日内已到安置地区县退役军人事务局报到。"
    assert "无正当理由超过该期限30日仍未报到的，视为放弃安置待遇" in rule


# --- YB-006 零星医疗费用报销: 《社会保险法》第三十条第二款 -------------------------------------------

def test_yb006_fund_pays_first_when_third_party_does_not_pay(catalog):
    m = matter(catalog, "370100-YB-006")
    rule = next(c for c in m.conditions if "第三人" in c)
    assert "第三人不支付或无法确定第三人的，由基本医疗保险基金先行支付" in rule
    assert "追偿" in rule
    faq = next(f for f in m.faq if "外伤" in f.q)
    assert "先行支付" in faq.a


# --- RS-001 失业保险金申领: 《社会保险法》第五十条第三款 -------------------------------------------

def test_rs001_unemployment_registration_proof_is_listed(catalog):
    m = matter(catalog, "370100-RS-001")
    # art. 50(3): 凭失业登记证明和个人身份证明 - both for every applicant
    for chosen in ({"separation": "reported", "insured_place": "jinan"},
                   {"separation": "not_reported", "insured_place": "transferred"}):
        listed = names(m, chosen)
        assert "失业登记证明（失业登记记录）" in listed, (chosen, listed)
