"""Facts corrected by the fourth pass over JJ-031..JJ-060 and the ZJ matters (docs/pass4-jj2.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""

from tests.truth_helpers import matter


def _cites(m, law_part, article_part):
    return any(law_part in s.law and article_part in s.article for s in m.sources)


def _covers(m, law_part, article_part, field):
    return any(law_part in s.law and article_part in s.article and field in s.covers for s in m.sources)


def _id_note(m):
    return next(x for x in m.materials if x.name.startswith("机动车所有人") and "身份证明" in x.name).notes


# --- 登记规定第八十九条: what 身份证明 means, cited where a matter explains it ----------------------

def test_jj031_033_035_036_037_id_note_cites_art_89_and_temporary_card(catalog):
    for mid in ("370100-JJ-031", "370100-JJ-033", "370100-JJ-035", "370100-JJ-036", "370100-JJ-037"):
        m = matter(catalog, mid)
        note = _id_note(m)
        assert "临时居民身份证" in note and "居住证明" in note, mid
        assert "加盖公章的委托书" in note, mid
        assert _covers(m, "机动车登记规定", "第八十九条", "materials"), mid


def test_jj032_pledge_parties_id_cites_art_89(catalog):
    m = matter(catalog, "370100-JJ-032")
    assert _covers(m, "机动车登记规定", "第八十九条", "materials")
    assert "临时居民身份证" in m.materials[0].notes


# --- JJ-031 变更备案: 第二十二条第二款 limits the width rule to items 2 and 3 ---------------------------

def test_jj031_width_limit_only_for_steps_and_truck_parts(catalog):
    m = matter(catalog, "370100-JJ-031")
    cond = next(c for c in m.conditions if "无需备案" in c)
    assert "踏步件和货车加装件不得超出车辆宽度" in cond
    assert "（加装件不得超出车宽）" not in cond


# --- JJ-033 临时号牌: 第四条 (联网免交, 服务站点), 第六条 (网上受理), 第六十九条 (登记服务站) ----------

def test_jj033_online_and_service_station_are_cited(catalog):
    m = matter(catalog, "370100-JJ-033")
    src = next(s for s in m.sources if "第六十九条" in s.article)
    assert "第四条" in src.article and "第六条" in src.article
    assert {"online", "locations", "materials"} <= set(src.covers)


# --- JJ-035 / JJ-036 号牌、行驶证补领: mailing is practice, not 第五十一条/第五十二条 ----------------------

def test_jj035_036_mailing_not_presented_as_rule(catalog):
    for mid in ("370100-JJ-035", "370100-JJ-036"):
        m = matter(catalog, mid)
        step = next(p for p in m.process if p.startswith("领取"))
        assert "以车辆管理所告知为准" in step, mid
        assert _covers(m, "机动车登记规定", "第六条", "online"), mid


# --- JJ-036 / JJ-038: 道路交通安全法第九十五条 — the vehicle 应当 be held; the fine (art. 90) is 可以 -------

def test_jj036_038_missing_papers_vehicle_must_be_held(catalog):
    for mid, word in (("370100-JJ-036", "行驶证"), ("370100-JJ-038", "检验合格标志")):
        m = matter(catalog, mid)
        a = next(f.a for f in m.faq if word in f.a and "扣留" in f.a)
        assert "应当扣留" in a and "可以扣留" not in a, mid
        assert "二十元以上二百元以下" in a, mid
        src = next(s for s in m.sources if "第九十五条" in s.article)
        assert "第九十条" in src.article, mid


# --- JJ-037 登记证书补领: 第八十六条 — the agent route and its papers --------------------------------

def test_jj037_agent_papers_and_exceptions(catalog):
    m = matter(catalog, "370100-JJ-037")
    agent = next(x for x in m.materials if x.name.startswith("代理人"))
    assert "委托书" in agent.name and agent.required is False
    assert "死亡、出境、重病、伤残或不可抗力" in agent.notes
    assert "不能委托代理人（" in m.summary or "除外" in m.summary
    assert _covers(m, "机动车登记规定", "第八十六条", "materials")


# --- JJ-039 登记更正: 第五十三条 lists no papers, so the ID row says it is practice -------------------

def test_jj039_id_row_credited_as_practice(catalog):
    m = matter(catalog, "370100-JJ-039")
    note = m.materials[0].notes
    assert "第五十三条未列申请材料" in note and "实践" in note


# --- JJ-040 临时入境: 第八十九条 — a foreigner's ID is more than a passport -------------------------------

def test_jj040_foreign_owner_id_per_art_89(catalog):
    m = matter(catalog, "370100-JJ-040")
    idrow = m.materials[0]
    assert "（如有效护照）" not in idrow.name
    assert "签证" in idrow.notes and "住宿登记证明" in idrow.notes
    assert _covers(m, "机动车登记规定", "第八十九条", "materials")


# --- JJ-041 校车标牌: 第五十九条 — the inspection certificate is checked when the bus is shown --------

def test_jj041_school_bus_inspection_certificate(catalog):
    m = matter(catalog, "370100-JJ-041")
    assert any(x.name == "校车安全技术检验合格证明" for x in m.materials)
    assert any("二日内" in p and "校车安全技术检验合格证明" in p for p in m.process)


# --- JJ-043 / JJ-045: 处理程序规定第八十一条 (以下 includes the number; 五日 = working days) ----------------

def test_jj043_045_art_81_cited(catalog):
    for mid in ("370100-JJ-043", "370100-JJ-045"):
        m = matter(catalog, mid)
        assert _cites(m, "违法行为处理程序规定", "第八十一条"), mid


# --- JJ-044 / JJ-049: 记分管理办法第二十三条 — a concurrent 暂扣 delays the return ----------------------

def test_jj044_049_full_score_return_waits_for_suspension(catalog):
    m = matter(catalog, "370100-JJ-044")
    assert any("暂扣期满后" in c for c in m.conditions)
    m = matter(catalog, "370100-JJ-049")
    assert any("满12分" in c and "暂扣期满后发还" in c for c in m.conditions)


# --- JJ-048 扣车领回: 处理程序规定第二十五条 (no 凭证 for towing), 第二十九条 (overload) -------------------

def test_jj048_towing_and_overload(catalog):
    m = matter(catalog, "370100-JJ-048")
    assert "违停被拖移的，通过拖移查询电话" in m.summary
    cond = next(c for c in m.conditions if "超载被扣留" in c)
    assert "立即退还" in cond and "费用由违法行为人承担" in cond
    assert any("第二十九条" in s.article for s in m.sources if "处理程序规定" in s.law)


# --- JJ-049 驾驶证发还: 处理程序规定第三十一条第二项, 第六十一条 ----------------------------------------

def test_jj049_licence_held_for_lending_to_suspended_driver(catalog):
    m = matter(catalog, "370100-JJ-049")
    assert any("驾驶证被吊销、暂扣的人驾驶" in c for c in m.conditions)
    assert any("十五日内转至核发地" in c and "应予准许" in c for c in m.conditions)


# --- JJ-050 快处快赔: 事故处理程序规定第十五条 ---------------------------------------------------------

def test_jj050_hazardous_goods_accident_reported(catalog):
    m = matter(catalog, "370100-JJ-050")
    assert any("危险物品" in c and "立即报警" in c for c in m.conditions)
    assert any("第十五条" in s.article for s in m.sources if "事故处理程序规定" in s.law)


# --- JJ-054 非机动车转移/补领: 山东实施办法第二十九条 — the vehicle is shown only for 补领 ---------------

def test_jj054_vehicle_check_only_for_replacement(catalog):
    m = matter(catalog, "370100-JJ-054")
    step = m.process[0]
    assert "转移登记的到公安机关交通管理部门申请" in step
    assert "补领牌证的携带车辆" in step


# --- JJ-058 恢复驾驶资格: 驾驶证规定第八十五条, 第二十八条第二款 -----------------------------------------

def test_jj058_disabled_driver_health_certificate(catalog):
    m = matter(catalog, "370100-JJ-058")
    cert = next(x for x in m.materials if x.name == "机动车驾驶人身体条件证明")
    assert "省级卫生健康部门认定的专门医疗机构" in cert.source
    assert "联网核查" in cert.notes
    assert any("第二十八条" in s.article and "第八十五条" in s.article for s in m.sources)


# --- ZJ-001 施工许可: 行政许可法第五十八条; 建设工程质量管理条例第十二条、第十三条 ------------------------

def test_zj001_fee_and_supervision_sources(catalog):
    m = matter(catalog, "370100-ZJ-001")
    assert m.fee.charged is False and "第五十八条" in m.fee.basis
    assert _covers(m, "行政许可法", "第五十八条", "fee")
    assert _covers(m, "建设工程质量管理条例", "第十三条", "process")
    online_faq = next(f.a for f in m.faq if "全程网办" in f.a)
    assert "按济南" in online_faq


# --- ZJ-002 公租房: 社会救助暂行办法第四十条 — 民政 reviews income, 住房保障 reviews housing --------------

def test_zj002_housing_aid_review_bodies(catalog):
    m = matter(catalog, "370100-ZJ-002")
    step = next(p for p in m.process if p.startswith("审核"))
    assert "县级民政部门审核家庭收入、财产状况" in step


# --- ZJ-004 维修资金交存: 山东物业条例第六十九条、第八十条 ------------------------------------------------

def test_zj004_practice_credited_and_old_estates(catalog):
    m = matter(catalog, "370100-ZJ-004")
    assert any("按济南的做法" in c and "入住前" in c for c in m.conditions)
    assert any("旧住宅区" in c and "代业主归集" in c for c in m.conditions)


# --- ZJ-007 增设电梯: 济南规定第十一条第二款 — owners sign again after the notice ------------------------

def test_zj007_signing_after_notice(catalog):
    m = matter(catalog, "370100-ZJ-007")
    cond = next(c for c in m.conditions if "公示十五日" in c)
    assert "公示期满后，本单元（梯）三分之二以上面积" in cond and "书面签署" in cond


# --- ZJ-009 商品房合同备案: 山东商品房销售条例 sets no buyer query ---------------------------------------

def test_zj009_buyer_query_is_practice(catalog):
    m = matter(catalog, "370100-ZJ-009")
    assert "按济南网签备案的做法" in m.summary
    assert any("条例未规定查询" in p for p in m.process)


# --- ZJ-012 经纪机构备案: 城市房地产管理法第五十八条 has no filing duty ------------------------------------

def test_zj012_filing_not_credited_to_real_estate_law(catalog):
    m = matter(catalog, "370100-ZJ-012")
    assert "没有规定向住建部门备案" in m.notes


# --- ZJ-014 抗震鉴定: 山东建设工程抗震设防条例第三十九条 --------------------------------------------------

def test_zj014_reinforcement_design_review(catalog):
    m = matter(catalog, "370100-ZJ-014")
    step = next(p for p in m.process if p.startswith("加固设计"))
    assert "施工图审查机构审查" in step and "不得用于施工" in step
    assert any(s.article == "第三十九条" and "抗震设防条例" in s.law for s in m.sources)


# --- JJ-042 机动车信息查询: 登记规定第三条、第六条 — the 12123 account is the platform's requirement -------

def test_jj042_account_requirement_is_platform_practice(catalog):
    m = matter(catalog, "370100-JJ-042")
    cond = next(c for c in m.conditions if "实名注册" in c)
    assert "平台的使用要求" in cond
    assert any("第六条" in s.article for s in m.sources)


# --- ZJ-015 竣工验收备案: 质量管理条例第十六条 (验收条件) vs 第四十九条 (备案材料) ---------------------------

def test_zj015_warranty_paper_not_credited_to_art_49(catalog):
    m = matter(catalog, "370100-ZJ-015")
    row = next(x for x in m.materials if x.name == "施工单位签署的工程保修书")
    assert "第四十九条的备案材料未列" in row.notes
