"""Facts corrected by the fifth pass, part C (docs/pass5-c.md): 370100-JJ-015 .. 370100-JY-002.

Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""

from tests.truth_helpers import matter, names

_LICENCE_RULE = "机动车驾驶证申领和使用规定"


def _cites(m, law_part, article):
    return [s for s in m.sources if law_part in (s.law or "") and article in (s.article or "")]


# --- JJ-016 / JJ-023: 驾驶证规定第八十五条 sets who issues the 身体条件证明 and its six-month validity;
# no source cited it (kind f) ----------------------------------------------------------------------

def test_jj016_jj023_medical_certificate_rules_cite_article_85(catalog):
    for mid in ("370100-JJ-016", "370100-JJ-023"):
        m = matter(catalog, mid)
        row = next(x for x in m.materials if x.name == "机动车驾驶人身体条件证明")
        assert "六个月内有效" in row.notes, mid
        hits = _cites(m, _LICENCE_RULE, "第八十五条")
        assert hits and any("materials" in s.covers for s in hits), mid


def test_jj016_online_check_exemption_cites_article_4(catalog):
    m = matter(catalog, "370100-JJ-016")
    row = next(x for x in m.materials if x.name == "机动车驾驶人身体条件证明")
    assert "免交" in row.notes
    # art. 4(2): no paper proof where the information is checked on line
    assert any("materials" in s.covers for s in _cites(m, _LICENCE_RULE, "第四条"))


# --- JJ-019: 驾驶证规定第七十二条第五款 — a driver aged 70 or over with an at-fault accident causing
# serious injury or death is reviewed after the scoring cycle, whatever the licence class (kind b) ------

def test_jj019_small_car_faq_keeps_the_elder_review_case(catalog):
    m = matter(catalog, "370100-JJ-019")
    faq = next(f for f in m.faq if "开小车" in f.q)
    assert "70周岁以上" in faq.a and "重伤或死亡" in faq.a
    assert "致人死亡事故负同等以上责任" in faq.a


# --- JJ-044: 行政处罚法第七十二条第一款、处理程序规定第六十条 — the 3 % daily surcharge is a power the
# authority "可以" use, not an automatic consequence -------------------------------------------------

def test_jj044_surcharge_is_a_power(catalog):
    m = matter(catalog, "370100-JJ-044")
    rule = next(c for c in m.conditions if "百分之三" in c)
    assert "可以每日按罚款数额的百分之三加处罚款" in rule
    assert "不超过罚款数额" in rule and "人民法院强制执行" in rule
    assert not rule.startswith("到期不缴纳的，每日按")
    faq = next(f for f in m.faq if "晚交" in f.q)
    assert "可以每日按罚款数额的百分之三" in faq.a
    assert "可以每日按罚款数额的百分之三" in m.summary


def test_jj016_jj023_certificate_issuers_follow_article_85(catalog):
    # art. 85(1): recognised by a 地市级以上 health department, and hospitals must be 二级以上
    for mid in ("370100-JJ-016", "370100-JJ-023", "370100-JJ-018"):
        m = matter(catalog, mid)
        row = next(x for x in m.materials if x.name == "机动车驾驶人身体条件证明")
        assert "地市级以上卫生健康部门认定" in row.source and "二级以上医院" in row.source, mid


# --- JT-001 / JT-003 / JY-002: 行政许可法第五十八条第一款 — no fee for carrying out a 行政许可; the
# matters said 不收费 without citing it (kind f). JT-001 also 第三十二条 for the 受理/补正 step ---------------

def test_licensing_fee_rule_cites_article_58(catalog):
    for mid in ("370100-JT-001", "370100-JT-003", "370100-JY-002"):
        m = matter(catalog, mid)
        assert m.fee.charged is False, mid
        hits = _cites(m, "行政许可法", "第五十八条")
        assert hits and any("fee" in s.covers for s in hits), mid
    m = matter(catalog, "370100-JT-001")
    assert any("process" in s.covers for s in _cites(m, "行政许可法", "第三十二条"))
    m = matter(catalog, "370100-JY-002")
    faq = next(f for f in m.faq if "收费" in f.q)
    assert "第五十八条" in faq.a and "按现行认定做法" not in faq.a


# --- JT-001: 道路运输条例第二十二条第三项 — the exam (从业资格证) is not required of drivers who only drive
# 普通货运 vehicles of 4500 kg or less; the driver row asked every driver for it (kind a) ---------------

def test_jt001_driver_row_keeps_the_small_vehicle_exemption(catalog):
    m = matter(catalog, "370100-JT-001")
    row = next(x for x in m.materials if "从业资格证" in x.name)
    assert "4500千克及以下" in row.notes and "第二十二条第三项" in row.notes


# --- JJ-029: 登记规定第十八条第二款 asks for the inspection certificate and the 交强险 proof only on a
# 转入 with an expired inspection; the small-car route is a 变更登记 under art. 17, which does not (kind a)

def test_jj029_expired_inspection_papers_only_on_the_transfer_in_route(catalog):
    m = matter(catalog, "370100-JJ-029")
    other = names(m, {"route": "other", "owner": "local", "inspect": "expired"})
    assert "机动车安全技术检验合格证明" in other and "机动车交通事故责任强制保险凭证" in other
    small = names(m, {"route": "small", "owner": "local"})
    assert "机动车安全技术检验合格证明" not in small
    assert "机动车交通事故责任强制保险凭证" not in small
    inspect = next(s for s in m.situations if s.id == "inspect")
    assert list(inspect.when) == ["route.other"]


# --- JJ-056: 道路交通安全法第三十二条第一款 asks for both consents in advance ("事先…还应当") but sets
# no order between the road authority and the traffic police (kind e) -------------------------------

def test_jj056_no_order_between_the_two_consents(catalog):
    m = matter(catalog, "370100-JJ-056")
    assert "同意后，还须" not in m.summary and "事先须征得道路主管部门同意" in m.summary
    assert not any(p.startswith("道路主管部门同意：先取得") for p in m.process)
    step = next(p for p in m.process if p.startswith("申请："))
    assert "未规定二者的先后顺序" in step


# --- JJ-018 / JJ-028 / JJ-029: the "联网…免交" rows rest on 驾驶证规定第四条第二款 and 登记规定第四条第二款
# (no paper proof where the information is checked on line); no source cited them (kind f) -----------

def test_online_check_exemptions_cite_article_4(catalog):
    for mid, law in (("370100-JJ-018", _LICENCE_RULE), ("370100-JJ-028", "机动车登记规定"),
                     ("370100-JJ-029", "机动车登记规定")):
        m = matter(catalog, mid)
        assert any("联网" in (x.source or "") + (x.name or "") for x in m.materials), mid
        hits = _cites(m, law, "第四条")
        assert hits and any("materials" in s.covers for s in hits), mid


# --- JY-002: 教师资格条例第十三条 names only the 户籍所在地 and the 任教学校所在地; the residence-permit and
# student routes are current practice and the FAQ now says so (kind d) -------------------------------

def test_jy002_residence_and_student_routes_credited_as_practice(catalog):
    m = matter(catalog, "370100-JY-002")
    faq = next(f for f in m.faq if "不是济南户口" in f.q)
    assert "按现行认定做法" in faq.a and "第十三条" in faq.a


# --- JJ-026 / JJ-027: the 12123 real-name account is a platform requirement, not in 驾驶证规定第六十一条
# or 记分管理办法第六条 (kind d) ------------------------------------------------------------------------

def test_jj026_jj027_12123_registration_credited_to_the_platform(catalog):
    for mid in ("370100-JJ-026", "370100-JJ-027"):
        m = matter(catalog, mid)
        cond = next(c for c in m.conditions if "实名注册" in c)
        assert "平台的使用要求" in cond, mid
