"""Facts corrected by the third statute pass over GJJ, YB and ZRZY (docs/pass3-gjj.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old content
comes back.
"""


from tests.truth_helpers import matter

# --- GJJ-001 住房公积金提取: 《住房公积金管理条例》第二十五条 -----------------------------------------

def test_gjj001_unit_withdrawal_certificate_is_a_material(catalog):
    m = matter(catalog, "370100-GJJ-001")
    row = next(x for x in m.materials if "提取证明" in x.name)
    assert "第二十五条" in row.notes and "单位" in row.source
    src = next(s for s in m.sources if s.article == "第二十五条")
    assert "materials" in src.covers


# --- GJJ-006 住房公积金贷款提前还款: 条例第二十五条 applies to the balance route -----------------------

def test_gjj006_balance_route_is_a_withdrawal_under_art_25(catalog):
    m = matter(catalog, "370100-GJJ-006")
    row = next(x for x in m.materials if "提取证明" in x.name)
    assert list(row.when) == ["fund.gjj_balance"] and "第二十五条" in row.notes
    assert "第二十五条" in m.time_limit.note and "3日" in m.time_limit.note
    assert any(s.article == "第二十五条" and "time_limit" in s.covers for s in m.sources)


# --- GJJ-016 余额及明细查询: 条例第三十六条 binds the centre and the bank, not the unit ----------------

def test_gjj016_query_right_is_against_centre_and_bank(catalog):
    m = matter(catalog, "370100-GJJ-016")
    faq = next(f for f in m.faq if "单位能拒绝" in f.q)
    assert "受委托银行不得拒绝" in faq.a and "第三十六条" in faq.a
    assert not faq.a.startswith("不能")


# --- YB-006 零星医疗费用报销: 《社会保险经办条例》第二十条第二款 ------------------------------------

def test_yb006_manual_reimbursement_has_30_working_day_limit(catalog):
    m = matter(catalog, "370100-YB-006")
    assert m.time_limit.legal_days == 30 and m.time_limit.days_unit == "工作日"
    assert "第二十条第二款" in m.time_limit.note
    src = next(s for s in m.sources if "经办条例" in (s.law or ""))
    assert src.article == "第二十条第二款" and "time_limit" in src.covers


# --- ZRZY-014 拆迁安置房转移登记: 《山东省国有土地上房屋征收与补偿条例》第三十一条 -----------------------

def test_zrzy014_compensation_decision_also_when_owner_unclear(catalog):
    m = matter(catalog, "370100-ZRZY-014")
    rule = next(c for c in m.conditions if "补偿决定" in c)
    assert "达不成协议" in rule and "所有权人不明确" in rule and "第三十一条" in rule


# --- ZRZY-025 农村村民住宅用地审批: 《土地管理法》第六十二条第二款 --------------------------------------

def test_zrzy025_land_scarce_areas_alternative_is_given(catalog):
    m = matter(catalog, "370100-ZRZY-025")
    rule = next(c for c in m.conditions if "户有所居" in c)
    assert "第六十二条第二款" in rule and "县级人民政府" in rule


# --- ZRZY-026 / ZRZY-029 规划许可: 《济南市城乡规划条例》第五十二条 (hearing on request) -----------------

def test_zrzy026_hearing_on_request_before_rural_permit(catalog):
    m = matter(catalog, "370100-ZRZY-026")
    step = next(p for p in m.process if "公示" in p)
    assert "听证" in step and "利害关系" in step and "7日内决定是否听证" in step


def test_zrzy029_hearing_and_public_consultation_for_key_projects(catalog):
    m = matter(catalog, "370100-ZRZY-029")
    step = next(p for p in m.process if p.startswith("公示"))
    assert "利害关系人申请听证" in step and "名泉保护" in step and "论证会" in step
