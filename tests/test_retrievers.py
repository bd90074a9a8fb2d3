"""One suite every retrieval configuration must pass (empty query, unknown words, big k, ties, ids)."""
import json

import pytest

from guide.config import PROJECT_ROOT
from guide.search.settings import load_retrieval_settings

SETTINGS = load_retrieval_settings()
NAMES = [m for m in SETTINGS.methods if m != "hybrid_use"]


@pytest.fixture(scope="module")
def named_guide(tmp_path_factory):
    """The tiny catalog built with the optional name vectors (GUIDE_NAME_VECTORS=1)."""
    from guide.build import build_index
    from guide.config import load_settings
    from guide.service import Guide
    from tests.conftest import make_tiny_catalog

    root = tmp_path_factory.mktemp("named")
    settings = load_settings(env={"GUIDE_NAME_VECTORS": "1"}, catalog_dir=str(make_tiny_catalog(root)),
                             index_dir=str(root / "index"), runtime_db=str(root / "runtime.db"), model="hash")
    build_index(settings)
    return Guide.load(settings=settings)


@pytest.mark.parametrize("method", NAMES)
def test_retriever_contract(tiny_guide, named_guide, method):
    if "dense_names" in SETTINGS.methods[method].weights:
        tiny_guide = named_guide                     # only a build with name vectors serves it
    ids = set(tiny_guide.ids)
    assert tiny_guide.search("的了吗", k=5, method=method).hits == ()              # only weak words
    unknown = tiny_guide.search("qzxv", k=5, method=method)                       # unknown words only:
    assert unknown.confidence == "no_match"                                       # dense may suggest, never answer
    if not SETTINGS.methods[method].dense:
        assert unknown.hits == ()                                                 # lexical methods match nothing
    big = tiny_guide.search("身份证补领", k=100, method=method)
    assert 0 < len(big.hits) <= len(ids)
    assert {h.id for h in big.hits} <= ids
    again = tiny_guide.search("身份证补领", k=100, method=method)
    assert [h.id for h in again.hits] == [h.id for h in big.hits]                  # deterministic
    scores = [h.score for h in big.hits]
    assert scores == sorted(scores, reverse=True)
    with pytest.raises(ValueError):
        tiny_guide.search("身份证", k=0, method=method)


def test_filters(tiny_guide):
    hits = tiny_guide.search("身份证", k=10, department="GJJ").hits
    assert all(h.department == "GJJ" for h in hits)
    assert all(h.kind == "bundle" for h in tiny_guide.search("开饭馆", k=10, kind="bundle").hits)


def test_exact_alias_ranks_first_and_out_of_scope_is_no_match(tiny_guide):
    assert tiny_guide.search("开饭馆", k=3).hits[0].id == "370100-YJS-001"
    assert tiny_guide.search("你好", k=3).confidence == "no_match"


class _CountingEncoder:
    """Wraps the real encoder and counts query encodings."""

    def __init__(self, inner):
        self.inner, self.calls = inner, 0
        self.name, self.dim, self.engine = inner.name, inner.dim, getattr(inner, "engine", None)

    def encode_queries(self, texts):
        self.calls += 1
        return self.inner.encode_queries(texts)

    def encode_passages(self, texts):
        return self.inner.encode_passages(texts)


def test_clear_lexical_answer_skips_the_encoder_and_keeps_the_first_hit(shipped_guide, monkeypatch):
    searcher = shipped_guide.searcher
    counting = _CountingEncoder(searcher.encoders["dense_e5"])
    monkeypatch.setitem(searcher.encoders, "dense_e5", counting)
    exact = searcher.search("居民身份证换领", 5, method="hybrid")
    assert exact.signals.dense_skipped and counting.calls == 0
    full = searcher.search("居民身份证换领", 5, method="hybrid_full")
    assert counting.calls == 1 and not full.signals.dense_skipped
    assert exact.hits[0].id == full.hits[0].id and exact.confidence == full.confidence == "confident"
    # colloquial wording with few shared words: the dense retriever must still be asked
    vague = searcher.search("屋里老人没了要弄啥手续", 5, method="hybrid")
    assert counting.calls == 2 and not vague.signals.dense_skipped
    # the lexical-only and out-of-scope paths never skip into "confident" by accident
    assert searcher.search("今天天气怎么样", 5, method="hybrid").confidence == "no_match"


def test_confidence_and_first_hit_do_not_depend_on_k(shipped_guide):
    """Signals come from the full fused list: k = 1 once made every answer "confident"."""
    queries = [json.loads(line)["query"] for line in
               (PROJECT_ROOT / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    searcher = shipped_guide.searcher
    assert searcher.search("身份证", 1).confidence == searcher.search("身份证", 5).confidence
    differ = []
    for q in queries:
        results = [searcher.search(q, k) for k in (1, 3, 5, 10)]
        first = {(r.hits[0].id if r.hits else None, r.confidence, r.signals) for r in results}
        if len(first) != 1:
            differ.append(q)
    assert differ == []


def test_name_fit_is_the_best_bigram_overlap_of_one_name_or_alias_with_the_question():
    from guide.search.lexical import AliasRetriever

    aliases = {"食品经营许可(注销)": ["A"], "饭店关门注销许可证": ["A"], "校车驾驶资格申请": ["B"]}
    retriever = AliasRetriever(aliases, {"A": 0, "B": 1, "C": 2})
    # the bracketed qualifier is left out: the name's bigrams are those of 食品经营许可 (5), all present
    assert retriever.name_fit(0, "食品经营许可怎么注销") == 1.0
    # best of the terms: the alias 饭店关门注销许可证 (8 bigrams) shares 饭店 注销 销许 许可 with the question
    assert retriever.name_fit(0, "饭店注销许可") == pytest.approx(4 / 5)       # smaller side: the question's 5
    assert retriever.name_fit(1, "驾校怎么开") == 0.0                           # shares no bigram with 校车驾驶…
    assert 0.0 < retriever.name_fit(1, "校车驾驶员") < 1.0
    assert retriever.name_fit(2, "校车驾驶资格申请") == 0.0                     # a row without names
    assert retriever.name_fit(99, "校车") == 0.0                                # a row outside the table


def test_a_hit_none_of_whose_names_is_asked_needs_more_than_a_few_shared_grams():
    from dataclasses import replace

    from guide.search.fusion import decide_confidence
    from guide.search.types import Signals

    t = SETTINGS.thresholds
    assert 0.0 < t.min_name_fit and 0.0 < t.name_fit_lexical <= 1.0
    plain = Signals(content_terms=4, lexical_strength=t.name_fit_lexical - 0.05, dense_top=0.93, alias_exact=False,
                    word_coverage=0.5, margin=0.6, name_fit=t.min_name_fit - 0.05)
    assert decide_confidence(plain, t) == "ambiguous"              # offered as an option, never answered
    assert decide_confidence(replace(plain, name_fit=t.min_name_fit), t) == "confident"
    assert decide_confidence(replace(plain, lexical_strength=t.name_fit_lexical), t) == "confident"
    assert decide_confidence(replace(plain, dense_top=0.5), t) == "no_match"                        # weaker rules first
    assert decide_confidence(plain, replace(t, min_name_fit=0.0)) == "confident"                     # rule off


def test_a_service_the_catalog_lacks_is_not_answered_with_a_matter_that_only_shares_words(shipped_guide):
    """驾校 (driving school) is not in the catalog; 校车驾驶资格申请 shares its grams, none of its names."""
    lacking = shipped_guide.search("驾校怎么开", k=3)
    assert lacking.confidence != "confident" and lacking.signals.name_fit < SETTINGS.thresholds.min_name_fit
    named = shipped_guide.search("校车驾驶资格申请要什么材料", k=3)
    assert named.hits[0].name == "校车驾驶资格申请" and named.confidence == "confident"
    assert named.signals.name_fit >= SETTINGS.thresholds.min_name_fit


@pytest.mark.parametrize("rank_only,message", [(["dense_use"], "must list retrievers of the method's weights"),
                                               ("dense_names", "must list retrievers"),
                                               (["dense_e5", "dense_names"], "leaves no retriever")])
def test_bad_rank_only_names_the_field(tmp_path, rank_only, message):
    import yaml

    from guide.search.settings import SETTINGS_PATH, SettingsError

    data = yaml.safe_load(SETTINGS_PATH.read_text(encoding="utf-8"))
    data["methods"]["dense"]["weights"]["dense_names"] = 1.0
    data["methods"]["dense"]["rank_only"] = rank_only
    path = tmp_path / "retrieval.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SettingsError, match=rf"methods\.dense\.rank_only: {message}"):
        load_retrieval_settings(path)


def test_a_rank_only_run_orders_the_hits_but_not_the_margin(named_guide):
    """The name vectors (rank_only in the shipped settings) may reorder near-twins; how far the first
    hit is ahead (the confidence margin) is what the other retrievers say."""
    from guide.search.form import question_form
    from guide.search.types import Filters

    assert "dense_names" in SETTINGS.methods["hybrid"].rank_only
    assert "dense_names" not in SETTINGS.methods["lexical"].weights       # an ablation drops it explicitly
    searcher = named_guide.searcher
    method = searcher.method("hybrid_full")
    question = "身份证丢了补办"
    analysis = searcher.pipeline.analyze(question)
    mask = searcher.table.mask(Filters())
    runs = {name: searcher.retrievers[name].retrieve(analysis, None, 20, mask)
            for name in method.weights if not searcher.retrievers[name].needs_vector}
    for name in method.dense:
        runs[name] = searcher._dense_run(name, analysis, 20, mask)
    assert runs["dense_names"]
    form = question_form(question)
    ranking, basis = searcher.rank(runs, method.weights, method.fusion, ("dense_names",), form, analysis.normalized)
    with_names, with_basis = searcher.rank(runs, method.weights, method.fusion, (), form, analysis.normalized)
    without = {n: h for n, h in runs.items() if n != "dense_names"}
    _, plain_basis = searcher.rank(without, method.weights, method.fusion, (), form, analysis.normalized)
    assert ranking == with_names                    # the names count in the order ...
    assert basis == plain_basis != with_basis       # ... and not in the margin
