"""The shipped catalog: size, coverage of the must-have matters, no placeholders."""
import re

import pytest

from guide.config import PROJECT_ROOT
from guide.loader import load_catalog

MUST_HAVE = """食品经营许可（新办） 食品经营许可（变更） 食品经营许可（延续） 食品经营许可（注销） 仅销售预包装食品备案 小餐饮
个体工商户设立 个体工商户变更 个体工商户注销 有限责任公司设立 有限责任公司变更 有限责任公司注销 简易注销 营业执照遗失
药品零售企业经营许可 第二类医疗器械经营备案 特种设备使用登记 居民身份证首次申领 居民身份证换领 居民身份证补领 临时居民身份证
出生登记 投靠 购房落户 人才落户 死亡人员户口注销 居住证 普通护照 往来港澳通行证 往来台湾通行证 无犯罪记录证明 驾驶证期满换证
驾驶证遗失补证 机动车注册登记 机动车转移登记 机动车检验合格标志 失业保险金 社会保障卡申领 社会保障卡补换 灵活就业人员养老保险
城乡居民基本养老保险 基本养老保险待遇 养老保险关系转移 缴费证明 就业创业证 创业担保贷款 技能提升补贴 工伤认定 劳动人事争议仲裁
高校毕业生就业报到 丧葬补助金 城乡居民基本医疗保险 异地就医备案 门诊慢特病 基本医疗保险关系转移 生育津贴 零星医疗费用 住房公积金提取
住房公积金个人住房贷款 住房公积金单位缴存登记 住房公积金个人账户设立 住房公积金异地转移 结婚登记 离婚登记 补领婚姻登记证 最低生活保障
特困人员 临时救助 高龄津贴 重度残疾人护理补贴 社会团体成立登记 养老机构备案 收养登记 出生医学证明 生育登记 公共场所卫生许可
医师执业注册 护士执业注册 诊所备案 二手房 不动产抵押登记 不动产登记资料查询 不动产权证书补发 小学新生入学 教师资格认定
个人所得税综合所得年度汇算 发票领用 新办纳税人 契税 车辆购置税 道路货物运输经营许可 网络预约出租汽车驾驶员证 建筑工程施工许可
公共租赁住房 建筑垃圾处置核准 招牌 临时占用城市道路 退役军人优待证 残疾人证核发 娱乐场所经营许可 互联网上网服务营业场所
旅行社业务经营许可 排污许可 营业前消防安全检查 污水排入排水管网许可""".split()
BUNDLES = "开办餐馆 开办企业 新生儿出生 退休 身后事 二手房转移登记及水电气联动过户 就业失业 军人退役".split()


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(PROJECT_ROOT / "data" / "matters")


def test_size_and_departments(catalog):
    assert len(catalog.matters) >= 130
    assert len({m.department for m in catalog.matters}) >= 14
    assert len(catalog.bundles) >= 8


def test_every_must_have_matter_and_bundle_is_present(catalog):
    names = [m.name for m in catalog.matters]
    missing = [n for n in MUST_HAVE if not any(n in name for name in names)]
    assert not missing, missing
    bundle_names = [b.name for b in catalog.bundles]
    assert not [b for b in BUNDLES if not any(b in n for n in bundle_names)]


def test_no_placeholders_urls_or_phones(catalog):
    allowed_hosts = {"zwfw.sd.gov.cn", "gjzwfw.www.gov.cn", "sd.122.gov.cn"}
    for m in (*catalog.matters, *catalog.bundles):
        for ch in m.online.channels:
            if ch.url:
                assert re.match(r"https?://([^/]+)/", ch.url).group(1) in allowed_hosts, (m.id, ch.url)
    for m in catalog.matters:
        for loc in m.locations:
            for phone in filter(None, re.split(r"[、,，;；/ ]+", loc.phone)):
                assert phone in {"12345", "12333", "12329", "12366", "12393", "95598", "12123"}, (m.id, phone)
        for mat in m.materials:
            assert not re.search(r"材料\d|XX|待补充", mat.name), (m.id, mat.name)


def test_materials_are_not_copied_between_matters(catalog):
    seen = {}
    for m in catalog.matters:
        key = tuple(sorted(x.name for x in m.materials))
        if len(key) >= 4:
            assert key not in seen, f"{m.id} repeats the material list of {seen.get(key)}"
            seen[key] = m.id


def test_conditional_materials_have_situations(catalog):
    for m in catalog.matters:
        for mat in m.materials:
            if mat.when:
                assert m.situations, m.id


def test_lint_has_no_findings_and_matters_cite_their_sources(catalog):
    """`guide validate --lint` is clean on the shipped catalog, and matters carry checked sources."""
    from guide.lint import lint_catalog
    from guide.qa import load_qa

    qas, _ = load_qa(PROJECT_ROOT / "data" / "qa", catalog.departments, {e.id for e in catalog.entries})
    findings = lint_catalog(catalog, qas, PROJECT_ROOT / "eval")
    assert findings == [], "\n".join(map(str, findings[:20]))
    cited = [m for m in catalog.matters if m.sources and m.verified_on]
    assert len(cited) >= len(catalog.matters) - 2, sorted({m.id for m in catalog.matters} - {m.id for m in cited})
