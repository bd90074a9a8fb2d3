"""Pinned statute facts for the GA (公安) and JJ (交警) matters, checked against the statute texts.

Each test asserts a corrected fact, so it fails if the old wrong content comes back.
"""


from tests.truth_helpers import matter, names


def text(m):
    parts = [m.summary, m.agency, m.notes, m.time_limit.note, *m.conditions, *m.process]
    parts += [f.q + f.a for f in m.faq]
    parts += [x.name + x.notes + x.source for x in m.materials]
    return "\n".join(parts)


# --- GA-016 户口登记项目变更更正 ---------------------------------------------------------------

def test_ga016_ethnic_change_goes_through_county_ethnic_affairs_department(catalog):
    m = matter(catalog, "370100-GA-016")
    body = text(m)
    assert "县级人民政府民族事务部门" in body or "县级民族事务部门" in body
    assert "上一级民族事务部门" in body
    # the ethnic-affairs approval precedes the police registration
    ethnic_steps = [p for p in m.process if p.startswith("民族成份")]
    assert ethnic_steps and "民族事务部门" in ethnic_steps[0]
    assert any("公安机关" in p for p in ethnic_steps)
    assert not any("派出所" in p for p in ethnic_steps)


def test_ga016_minor_ethnic_change_only_on_marriage_change_or_adoption(catalog):
    m = matter(catalog, "370100-GA-016")
    minor_rule = [c for c in m.conditions if c.startswith("未满十八周岁") and "民族" in c]
    assert minor_rule, m.conditions
    assert "婚姻关系变化" in minor_rule[0] and "养父" in minor_rule[0]
    assert "父母民族成分范围内变更" not in text(m)           # the old, too broad rule
    assert "二十周岁" not in text(m)                          # the old "18 to 20" rule: two years from 18
    adult_rule = [c for c in m.conditions if c.startswith("年满十八周岁") and "民族" in c]
    assert adult_rule and "两年内" in adult_rule[0]


def test_ga016_title_of_the_ethnic_registration_rule(catalog):
    m = matter(catalog, "370100-GA-016")
    assert any(b.startswith("《中国公民民族成份登记管理办法》") for b in m.legal_basis)
    assert not any("民族成分登记" in b for b in m.legal_basis)
    assert any(s.law.startswith("《中国公民民族成份登记管理办法》") and "第十一条" in s.article for s in m.sources)


def test_ga016_parents_consent_to_rename_only_for_minors(catalog):
    m = matter(catalog, "370100-GA-016")
    consent = "父母双方同意未成年子女变更姓名的书面意见"
    assert consent in names(m, {"item": "name", "age": "minor"})
    assert consent not in names(m, {"item": "name", "age": "adult"})
    assert consent not in names(m, {"item": "birth", "age": "minor"})


# --- JJ-006 机动车注销登记 --------------------------------------------------------------------

def test_jj006_lost_vehicle_needs_written_promise_and_licence_not_loss_certificate(catalog):
    m = matter(catalog, "370100-JJ-006")
    lost = names(m, {"reason": "lost"})
    assert any("书面承诺" in n for n in lost), lost
    assert not any("灭失证明" in n for n in lost), lost
    assert "机动车行驶证" in lost and "机动车登记证书" in lost


def test_jj006_customs_paper_only_for_customs_supervised_vehicles(catalog):
    m = matter(catalog, "370100-JJ-006")
    customs = "海关监管车辆进（出）境领（销）牌照通知书"
    assert customs in names(m, {"reason": "abroad", "customs": "supervised"})
    assert customs not in names(m, {"reason": "abroad", "customs": "normal"})
    assert not any("海关" in n for n in names(m, {"reason": "scrap"}))


def test_jj006_return_certificate_may_come_from_the_dealer(catalog):
    m = matter(catalog, "370100-JJ-006")
    rows = [x for x in m.materials if "退车证明" in x.name]
    assert len(rows) == 1
    assert "经销商" in rows[0].name + rows[0].source
    assert rows[0].when == ("reason.returned",)


def test_jj006_clearing_violations_only_for_abroad_and_return(catalog):
    m = matter(catalog, "370100-JJ-006")
    rules = [c for c in m.conditions if "违法" in c]
    assert len(rules) == 1
    assert "不在我国境内使用" in rules[0] and "退车" in rules[0]
    assert "报废" not in rules[0] and "灭失" not in rules[0]


def test_jj006_theft_is_not_a_ground(catalog):
    m = matter(catalog, "370100-JJ-006")
    labels = [o.label for s in m.situations for o in s.options]
    assert not any("盗" in label for label in labels), labels
    assert not any("盗抢证明" in x.source for x in m.materials)


# --- JJ-004 机动车转让登记 --------------------------------------------------------------------

def test_jj004_is_called_transfer_of_ownership_registration(catalog):
    m = matter(catalog, "370100-JJ-004")
    assert m.name.startswith("机动车转让登记")
    assert any("第二十五条" in s.article and "第二十六条" in s.article for s in m.sources)


def test_jj004_overdue_vehicle_can_transfer_after_inspection_with_compulsory_insurance(catalog):
    m = matter(catalog, "370100-JJ-004")
    overdue = names(m, {"inspection": "overdue"})
    assert "机动车安全技术检验合格证明" in overdue
    assert "机动车交通事故责任强制保险凭证" in overdue
    assert "机动车安全技术检验合格证明" not in names(m, {"inspection": "valid"})
    assert not any("在检验有效期内" in c for c in m.conditions)     # the old bar on overdue vehicles


def test_jj004_plates_and_licence_taken_back_on_every_transfer(catalog):
    m = matter(catalog, "370100-JJ-004")
    for chosen in ({}, {"reason": "sale"}, {"reason": "inherit"}):
        got = names(m, chosen)
        assert "机动车号牌" in got and "机动车行驶证" in got
    assert "号牌" in m.result and "重新核发" in m.result


def test_jj004_lists_when_transfer_is_refused(catalog):
    m = matter(catalog, "370100-JJ-004")
    bar = [c for c in m.conditions if c.startswith("不予办理转让登记")]
    assert bar, m.conditions
    for words in ("档案", "海关", "强制报废", "查封", "盗抢"):
        assert words in bar[0], words


# --- JJ-003 机动车注册登记 --------------------------------------------------------------------

def test_jj003_small_private_cars_need_no_residence_permit(catalog):
    m = matter(catalog, "370100-JJ-003")
    small = names(m, {"owner": "person_other", "vehicle": "small_private"})
    other = names(m, {"owner": "person_other", "vehicle": "other"})
    assert not any("居住" in n for n in small), small
    assert any("居住" in n for n in other), other


def test_jj003_vehicle_and_vessel_tax_proof_is_listed(catalog):
    m = matter(catalog, "370100-JJ-003")
    assert any("车船税" in n for n in names(m, {}))
    assert any("第八十九条" in s.article for s in m.sources)


# --- GA-004 临时居民身份证 --------------------------------------------------------------------

def test_ga004_household_register_required_and_photo_black_and_white(catalog):
    m = matter(catalog, "370100-GA-004")
    rows = {x.name: x for x in m.materials}
    assert "居民户口簿" in rows and rows["居民户口簿"].required and not rows["居民户口簿"].when
    photos = [x for x in m.materials if "相片" in x.name or "照片" in x.name]
    assert len(photos) == 1 and "黑白" in photos[0].name and photos[0].required
    assert "彩色" not in text(m)


# --- GA-002 居民身份证换领 --------------------------------------------------------------------

def test_ga002_fingerprints_for_every_applicant(catalog):
    m = matter(catalog, "370100-GA-002")
    rule = [c for c in m.conditions if "指纹" in c]
    assert rule and "十六周岁" not in rule[0]
    assert not any("年满十六周岁的采集指纹" in p for p in m.process)


def test_ga002_minor_applies_with_guardian(catalog):
    m = matter(catalog, "370100-GA-002")
    assert "监护人的居民身份证" in names(m, {"age": "minor"})
    assert "监护人的居民身份证" not in names(m, {"age": "adult"})


def test_ga002_household_register_only_when_items_changed(catalog):
    m = matter(catalog, "370100-GA-002")
    assert "居民户口簿" in names(m, {"reason": "changed", "residence": "other"})
    assert "居民户口簿" in names(m, {"reason": "changed", "residence": "local"})
    assert "居民户口簿" not in names(m, {"reason": "expire", "residence": "local"})
    assert "居民户口簿" not in names(m, {"reason": "damaged", "residence": "local"})


# --- GA-012 往来港澳通行证 --------------------------------------------------------------------

def test_ga012_legal_time_limit_is_sixty_calendar_days(catalog):
    m = matter(catalog, "370100-GA-012")
    assert m.time_limit.legal_days == 60
    assert m.time_limit.days_unit == "自然日"
    assert any("第十一条" in s.article and "time_limit" in s.covers for s in m.sources)


# --- further corrections found in the same check ------------------------------------------------

def test_jj007_mortgage_needs_the_mortgage_contract_and_transfer_is_possible(catalog):
    m = matter(catalog, "370100-JJ-007")
    pledge = names(m, {"action": "pledge", "lender": "bank"})
    assert "机动车抵押合同" in pledge and not any("主合同" in n for n in pledge)
    court = names(m, {"action": "release_court"})
    assert any("协助执行通知书" in n for n in court) and not any("仲裁" in n for n in court)
    transfer = [f.a for f in m.faq if "过户" in f.q]
    assert transfer and transfer[0].startswith("能") and "共同申请" in transfer[0]


def test_ga013_taiwan_decision_within_thirty_days(catalog):
    m = matter(catalog, "370100-GA-013")
    assert (m.time_limit.legal_days, m.time_limit.days_unit) == (30, "自然日")
    assert m.time_limit.promised_days is None


def test_ga011_passport_fifteen_calendar_days_and_household_register(catalog):
    m = matter(catalog, "370100-GA-011")
    assert (m.time_limit.legal_days, m.time_limit.days_unit) == (15, "自然日")
    assert "居民户口簿" in names(m, {"age": "adult"})


def test_jj001_old_licence_only_outside_the_issuing_office(catalog):
    m = matter(catalog, "370100-JJ-001")
    assert "机动车驾驶证" in names(m, {"channel": "window", "issued": "other"})
    assert "机动车驾驶证" not in names(m, {"channel": "window", "issued": "local"})


def test_ga005_parents_of_different_ethnicity_sign_the_declaration(catalog):
    m = matter(catalog, "370100-GA-005")
    form = "父母共同签署的民族成份填报申请书"
    assert form in names(m, {"ethnic": "different"})
    assert form not in names(m, {"ethnic": "same"})
    assert any("户主、亲属、抚养人或者邻居" in c for c in m.conditions)
