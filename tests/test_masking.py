"""Personal-data masking over every form citizens type: separators, full-width, circled and
Chinese digits, +86 / 0086 prefixes, passports; and the ordinary numbers that must survive."""
import threading
from urllib.parse import parse_qs, urlsplit

import pytest

from guide.privacy import find_personal_data, for_storage, mask_personal_data, mask_url, without_personal_data

CASES = [
    # resident IDs
    ("身份证370102 19900307 1234丢了", "身份证【身份证号】丢了"),
    ("370102-19900307-123X", "【身份证号】"),
    ("370102.19900307.1234", "【身份证号】"),
    ("旧证370102 900307 123", "旧证【身份证号】"),
    ("③⑦⓪①⓪②①⑨⑨⓪⓪③⓪⑦①②③④", "【身份证号】"),
    ("号码３７０１０２１９９００３０７１２３４。", "号码【身份证号】。"),
    ("三七零一零二一九九零零三零七一二三四", "【身份证号】"),
    ("三七〇一〇二一九九〇〇三〇七一二三四", "【身份证号】"),
    ("身份证号370102199003071234", "身份证号【身份证号】"),
    ("370102199003071235错了一位", "【身份证号】错了一位"),          # wrong check digit: still masked
    ("370102199013071231", "【身份证号】"),                            # bad month, right check digit
    ("370102199003071234 5月到期", "【身份证号】 5月到期"),             # the ID wins over a card reading
    # mobile phones
    ("1381 234 5678", "【手机号】"),
    ("138.1234.5678", "【手机号】"),
    ("1 3 8 1 2 3 4 5 6 7 8", "【手机号】"),
    ("138-1234-5678", "【手机号】"),
    ("+86 138 1234 5678", "【手机号】"),
    ("电话(+86) 138 1234 5678", "电话【手机号】"),
    ("008613812345678", "【手机号】"),
    ("Tel:+8613812345678", "Tel:【手机号】"),
    ("１３８１２３４５６７８", "【手机号】"),
    ("一三八一二三四五六七八", "【手机号】"),
    ("手机一三八 1234 5678", "手机【手机号】"),
    ("壹叁捌壹贰叁肆伍陆柒捌", "【手机号】"),
    ("电话 13812345678 打不通", "电话 【手机号】 打不通"),
    ("二〇二四13812345678", "二〇二四【手机号】"),
    ("(13812345678)", "(【手机号】)"),
    ("138 1234 5678和139 1234 5678", "【手机号】和【手机号】"),
    # landlines
    ("0531 88886666", "【电话号码】"),
    ("(0531)88886666", "【电话号码】"),
    ("座机（0531）88886666", "座机【电话号码】"),
    ("0531-8888-6666", "【电话号码】"),
    ("010-12345678", "【电话号码】"),
    ("+86 531 8888 6666", "【电话号码】"),
    ("0531-88886666-8001", "【电话号码】-8001"),
    # e-mail
    ("邮箱zhang.san+gov@example.com失业金", "邮箱【邮箱】失业金"),
    ("发到li_si@mail.sd.gov.cn。谢谢", "发到【邮箱】。谢谢"),
    ("13812345678@163.com", "【邮箱】"),
    # bank cards
    ("卡号6222 0212 3456 7890 123", "卡号【银行卡号】"),
    ("6222-0212-3456-7890", "【银行卡号】"),
    ("卡号：6222021234567890123。", "卡号：【银行卡号】。"),
    # passports and permits
    ("护照E12345678过期了", "护照【证件号】过期了"),
    ("护照g12345678", "护照【证件号】"),
    ("EA1234567", "【证件号】"),
    ("回乡证H1234567801", "回乡证【证件号】"),
    ("港澳通行证C12345678", "港澳通行证【证件号】"),
    # zero-width characters between digits, mathematical digits
    ("𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "【手机号】"),
    ("370102\u200b1990\u200b0307\u200b1234", "【身份证号】"),
    # not personal: kept exactly
    ("鲁A12345的车违章了", "鲁A12345的车违章了"),
    ("鲁A·D12345", "鲁A·D12345"),
    ("2024年交了5000元，退1,234.56元", "2024年交了5000元，退1,234.56元"),
    ("2024-01-15和2024.1.15", "2024-01-15和2024.1.15"),
    ("第十二条规定3个月内办理", "第十二条规定3个月内办理"),
    ("满60周岁，邮编250000", "满60周岁，邮编250000"),
    ("事项GA-001和370100-MZ-001", "事项GA-001和370100-MZ-001"),
    ("拨打12345或110、120", "拨打12345或110、120"),
    ("二〇二四年三个月", "二〇二四年三个月"),
    ("２０２４年，第①项", "２０２４年，第①项"),
    ("2023 2024 2025 2026年的社保", "2023 2024 2025 2026年的社保"),
    ("企业热线400-123-4567", "企业热线400-123-4567"),
    ("0531-12345", "0531-12345"),
    ("192.168.1.100", "192.168.1.100"),
    ("1380013800", "1380013800"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_masking_table(text, expected):
    assert mask_personal_data(text) == expected


def _render(digits: str, style: str) -> str:
    """digits typed the way citizens type them."""
    fullwidth = str.maketrans("0123456789", "０１２３４５６７８９")
    circled = str.maketrans("0123456789", "⓪①②③④⑤⑥⑦⑧⑨")
    chinese = str.maketrans("0123456789", "零一二三四五六七八九")
    return {"plain": digits, "spaced": " ".join(digits[i:i + 4] for i in range(0, len(digits), 4)),
            "dashed": "-".join(digits[i:i + 3] for i in range(0, len(digits), 3)),
            "dotted": ".".join(digits[i:i + 4] for i in range(0, len(digits), 4)),
            "middle dot": "·".join(digits[i:i + 4] for i in range(0, len(digits), 4)),
            "ideographic space": "\u3000".join(digits[i:i + 4] for i in range(0, len(digits), 4)),
            "full-width": digits.translate(fullwidth), "circled": digits.translate(circled),
            "chinese": digits.translate(chinese), "digit by digit": " ".join(digits)}[style]


STYLES = ("plain", "spaced", "dashed", "dotted", "middle dot", "ideographic space", "full-width", "circled",
          "chinese", "digit by digit")
IDENTIFIERS = (("370102199003071234", "【身份证号】"), ("13812345678", "【手机号】"),
               ("6222021234567890123", "【银行卡号】"), ("053188886666", "【电话号码】"))


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("digits, label", IDENTIFIERS)
def test_every_typing_style_is_masked_and_its_neighbours_kept(digits, label, style):
    text = f"我的号码是{_render(digits, style)}，办失业金"
    assert mask_personal_data(text) == f"我的号码是{label}，办失业金"


@pytest.mark.parametrize("text", [
    "身份证370102 19900307 1234丢了怎么补办", "手机１３８１２３４５６７８失业金怎么领", "三七零一零二一九九零零三零七一二三四补办",
    "邮箱zhang.san+gov@example.com失业金", "电话（0531）88886666公积金", "+86 138 1234 5678 社保卡", "护照E12345678过期了"])
def test_retrieval_never_sees_the_number(text):
    cleaned = without_personal_data(text)
    assert cleaned and not any(label in cleaned for label in ("【", "】"))
    for secret in ("1234", "１２３４", "一二三四", "零三零七", "8888", "zhang", "E123"):
        assert secret not in cleaned, (text, cleaned)


def test_storage_masks_after_dropping_control_characters():
    stored = for_storage("电话138\x001234\u200b5678<b>")
    assert stored == "电话【手机号】&lt;b&gt;"


def test_spans_never_overlap_and_cover_only_the_identifier():
    text = "身份证370102199003071234 手机138-1234-5678 邮箱a.b@example.com 卡号6222 0212 3456 7890 123"
    spans = find_personal_data(text)
    assert [label for _, _, label in spans] == ["【身份证号】", "【手机号】", "【邮箱】", "【银行卡号】"]
    assert [text[s:e] for s, e, _ in spans] == ["370102199003071234", "138-1234-5678", "a.b@example.com",
                                                "6222 0212 3456 7890 123"]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


ADVERSARIAL = {text: text for text in (
    "0 " * 1000, "0-" * 1000, "0." * 1000, "0 - " * 500, "1" * 2000, "(0)" * 666, "a." * 1000 + "@",
    "a" * 1999 + "@", "1@1." * 500, "+1" * 1000, "1X" * 1000, "E1" * 1000, "零 " * 1000)}
ADVERSARIAL["13812345678 " * 166] = "【手机号】 " * 166
ADVERSARIAL["x@" + "a." * 999 + "cn"] = ADVERSARIAL["x@" + "a-" * 999 + "a.cn"] = "【邮箱】"
ADVERSARIAL["x@" + "a." * 999 + "1"] = "x@" + "a." * 999 + "1"             # no top-level domain: kept


def test_adversarial_digit_and_separator_strings_finish():
    """Catastrophic backtracking would hang here; the deadline only turns a hang into a failure."""
    results = {}
    worker = threading.Thread(target=lambda: results.update({s: mask_personal_data(s) for s in ADVERSARIAL}),
                              daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "masking did not finish on an adversarial string"
    assert results == ADVERSARIAL


def test_mask_url_masks_query_values_and_keeps_ordinary_urls():
    assert mask_url("/api/search?q=%E5%85%AC%E7%A7%AF%E9%87%91&region=370100") == \
        "/api/search?q=%E5%85%AC%E7%A7%AF%E9%87%91&region=370100"
    masked = mask_url("/api/search?q=%E6%89%8B%E6%9C%BA138+1234+5678&region=370100&k")
    assert masked.startswith("/api/search?q=") and masked.endswith("&region=370100&k")
    assert parse_qs(urlsplit(masked).query)["q"] == ["手机【手机号】"]


@pytest.mark.parametrize("url, secret", [
    ("/search?id=370102199003071234", "370102199003071234"),
    ("/search?email=zhang%40example.com&x=1", "zhang"),
    ("/search?q=%EF%BC%91%EF%BC%93%EF%BC%98%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96%EF%BC%97%EF%BC%98",
     "%EF%BC%91%EF%BC%93"),                                               # full-width digits, encoded
    ("/session/13812345678?x=1", "13812345678"),
    ("/search?13812345678", "13812345678"),
    ("/search?q=x#tel=13812345678", "13812345678"),
    ("/search?q=%ZZ13812345678", "13812345678"),                           # broken escape: still masked
])
def test_mask_url_leaves_no_identifier_anywhere(url, secret):
    masked = mask_url(url)
    assert secret not in masked and "%E3%80%90" in masked                  # the encoded 【 of a label
