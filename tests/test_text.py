from guide.text import TextPipeline, normalize, split_pinyin


def test_normalization_width_and_traditional():
    assert normalize("營業執照") == "营业执照"
    assert normalize("ＡＢＣ　１２３") == "abc 123"
    assert normalize("身份证\x00\x07过期") == "身份证过期"


def test_known_segmentations():
    p = TextPipeline(["居民身份证换领"])
    assert "住房公积金" in p.segment("住房公积金怎么提取")
    assert "身份证" in p.segment("身份证丢了")
    assert p.analyze("办理需要什么材料").words == ()     # only weak words
    assert p.analyze("你好").words == ()


def test_weak_words_do_not_reach_the_index_fields():
    a = TextPipeline().analyze("请问住房公积金提取需要办理什么手续")
    assert set(a.words) == {"住房公积金", "提取"}
    assert "办理" not in "".join(a.chars)


def test_pinyin_and_homophones_share_grams():
    p = TextPipeline()
    typed = set(p.analyze("gongjijin tiqu").pinyin)
    homophone = set(p.analyze("公基金提取").pinyin)
    right = set(p.analyze("公积金提取").pinyin)
    assert {"gong_ji", "ji_jin"} <= typed & right
    assert homophone == right
    assert split_pinyin("shenfenzheng") == ["shen", "fen", "zheng"]
    assert split_pinyin("qwrtz") == []
