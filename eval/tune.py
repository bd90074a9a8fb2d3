"""Choose the shipped method's fusion weights and every confidence and shortcut threshold on
eval/dev, and write them to guide/search/retrieval.yaml with the command and commit that chose them.

    python eval/tune.py            # print what the tune chooses and whether the file agrees
    python eval/tune.py --write    # write it (then commit the file)

It runs every retriever once per dev question on the current build (`guide build` first), then
searches over fused cached runs, so the whole tune takes well under a minute:
1. Weights: each weight of the default method over a small grid (coordinate ascent from the
   current file, rounds until nothing changes); objective MRR@10, then R@1, on the in-scope
   questions; a weight moves only for a gain of at least MIN_WEIGHT_GAIN in MRR. Ties keep the
   current value, so a re-run reproduces the file.
2. Confidence thresholds: coordinate ascent over grids, on the dev questions plus half of
   eval/breadth/absent.jsonl (real services the catalog lacks; the other half is held out),
   maximizing a utility per question (a move needs a gain of MIN_UTILITY_GAIN):
   in scope: confident and right +1, confident and wrong -1, ambiguous with the answer among
   the four options offered +0.5, no_match 0 (FLAG_COST); out of scope: no_match +1,
   ambiguous -0.5, confident -1.
3. Shortcut thresholds: as permissive as possible (most questions answered without encoding)
   while no dev question it answers is answered worse than by the full search (its first hit is
   judged relevant, or the full search answers the same, "confident"), and still none is with any
   one threshold a step looser (a margin for unseen questions).
"""
from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guide.evaluation import answers, load_qrels, load_queries  # noqa: E402
from guide.search.form import question_form  # noqa: E402
from guide.search.fusion import decide_confidence, lexically_certain  # noqa: E402
from guide.search.settings import SETTINGS_PATH, dump_settings, load_retrieval_settings  # noqa: E402
from guide.search.types import Confidence, Filters  # noqa: E402

WEIGHT_GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0)
# A weight moves only for a clear gain in dev MRR@10: one question ranked first instead of second
# is about 0.001. Smaller gains are dev noise; chasing them walked the weights to a corner (no alias,
# no words) that scored less on the held-out test set. With the name vectors, 0.001 (one to three
# questions a move) again took the alias weight to 0 and lowered the dev sets the ranking objective
# does not see (dialogue dev 0.936 -> 0.931, Q&A dev answered@1 0.872 -> 0.860, unrelated matter
# 2.6% -> 4.3%, confident on absent services 5.2% -> 7.8%), so a move now needs about two questions.
MIN_WEIGHT_GAIN = 0.0025
CONFIDENCE = ("min_lexical", "min_dense_alone", "min_dense", "strong_lexical", "ambiguous_margin",
              "weak_dense", "weak_word_coverage", "weak_lexical", "min_name_fit", "name_fit_lexical")
SHORTCUT = ("certain_lexical", "certain_word_coverage", "certain_margin")
OPTIONS_SHOWN = 4
SAFETY_STEP = 0.05
FLAG_COST = 0.0            # a flag (no_match) on an in-scope question: nothing gained, nothing worse
# Issue 17: at most 5% of the questions about services the catalog lacks may get a confident answer.
# The utility alone weighs those few questions too lightly against 600 dev questions (a tune that
# answers a fifth of them confidently still gains), so each one beyond the target costs this much.
# The tuning half aims at 3%: the held-out half has run one to four points above it every time it
# was measured (6.0/7.8, 5.2/6.1, 5.4/9.1 %), so a tune that stops at 5% misses 5% on the set.
ABSENT_CONFIDENT_TARGET = 0.03
ABSENT_EXCESS_COST = 2.0
# A threshold moves only for a utility gain of a whole question. Half-question gains (one more
# ambiguous answer holding the right option) flip with the last bits of the e5 engine's floats: the
# same code and catalog chose different thresholds for +0.5 in CI on 2026-12-02 and 2026-12-03.
MIN_UTILITY_GAIN = 1.0


def grid(name: str) -> list[float]:
    if name.startswith(("min_dense", "weak_dense")):
        return [round(0.80 + 0.005 * i, 3) for i in range(21)]          # e5 cosines sit in 0.80-0.90
    return [round(0.05 * i, 2) for i in range(21)]                       # shares and margins: 0-1


@dataclass
class Case:
    qid: str
    answers: set[str]
    in_scope: bool
    analysis: object
    form: str
    runs: dict          # every retriever of the default method, at the settings' depth
    absent: bool = False    # from eval/breadth/absent.jsonl (a real service the catalog lacks)


ABSENT = ROOT / "eval" / "breadth" / "absent.jsonl"


def absent_split(part: str) -> list[dict]:
    """Questions about real services the catalog lacks: the odd-numbered ones tune (part "dev"),
    the even-numbered ones are held out (part "test") and only measured."""
    rows = load_queries(ABSENT) if ABSENT.exists() else []
    return [q for n, q in enumerate(rows) if (n % 2 == 0) == (part == "dev")]


def collect(guide, queries_path: Path, qrels_path: Path, extra_out_of_scope: list[dict] = ()) -> list[Case]:
    searcher, s = guide.searcher, guide.searcher.settings
    method = s.method(s.default_method)
    qrels = load_qrels(qrels_path)
    cases = []
    region = guide.settings.default_region                   # asked as the deployment is asked
    mask = searcher.table.mask(Filters(kind="service", region=region))   # the matter sets: matters and bundles
    everything = searcher.table.mask(Filters(region=region))
    lexical = searcher.retrievers_for(region)
    sparse, dense = searcher.retriever_names(method)
    for q in [*load_queries(queries_path), *extra_out_of_scope]:
        analysis = searcher.pipeline.analyze(q["query"])
        # a question about a service the catalog lacks is searched as the chat searches it (every
        # kind, Q&A too): a confident Q&A is as wrong an answer as a confident matter
        absent = q in extra_out_of_scope
        where = everything if absent else mask
        runs = {name: lexical[name].retrieve(analysis, None, s.depth, where) for name in sparse}
        if analysis.words or analysis.chars:
            vectors: dict = {}
            for name in dense:
                runs[name] = searcher._dense_run(name, analysis, s.depth, where, vectors)
        cases.append(Case(q["qid"], answers(qrels.get(q["qid"], {})), q["qid"] in qrels, analysis,
                          question_form(q["query"]), runs, absent=absent))
    return cases


class Tuner:
    def __init__(self, guide, cases: list[Case]):
        self.searcher, self.cases = guide.searcher, cases
        self.settings = guide.searcher.settings
        self.method = self.settings.method(self.settings.default_method)
        self.ids = guide.searcher.table.ids

    def _fused(self, case: Case, weights: dict, dense: bool = True):
        """(runs, ranking, margin basis) as the searcher ranks them (Searcher.rank)."""
        runs = case.runs if dense else {k: v for k, v in case.runs.items() if not k.startswith("dense")}
        return runs, *self.searcher.rank(runs, weights, self.method.fusion, self.method.rank_only, case.form,
                                         case.analysis.normalized)

    def ranking_score(self, weights: dict) -> tuple[float, float]:
        mrr = r1 = 0.0
        scope = [c for c in self.cases if c.in_scope]
        for case in scope:
            _, fused, _ = self._fused(case, weights)
            ranked = [self.ids[row] for row, _ in fused[:10]]
            rank = next((i for i, d in enumerate(ranked, 1) if d in case.answers), None)
            mrr += 1 / rank if rank else 0.0
            r1 += rank == 1
        return round(mrr / len(scope), 6), round(r1 / len(scope), 6)

    def tune_weights(self, weights: dict) -> dict:
        weights = dict(weights)
        best = self.ranking_score(weights)
        for _ in range(4):
            changed = False
            for name in list(weights):
                for value in WEIGHT_GRID:
                    trial = {**weights, name: value}
                    if value == weights[name] or not any(trial.values()):
                        continue
                    score = self.ranking_score(trial)
                    if score[0] >= best[0] + MIN_WEIGHT_GAIN:
                        best, weights, changed = score, trial, True
            if not changed:
                break
        return weights

    def prepared(self, weights: dict) -> list[tuple[Case, list, object, object]]:
        """Per question: (case, fused ids, full signals, lexical-only signals)."""
        out = []
        for case in self.cases:
            runs, fused, basis = self._fused(case, weights)
            full = self.searcher._signals(case.analysis, runs, fused, margin_of=basis)
            lex_runs, lex_fused, lex_basis = self._fused(case, weights, dense=False)
            lexical = self.searcher._signals(case.analysis, lex_runs, lex_fused, dense_skipped=True, margin_of=lex_basis)
            out.append((case, [self.ids[row] for row, _ in fused], full, (lexical, [self.ids[r] for r, _ in lex_fused])))
        return out

    @staticmethod
    def utility(prepared, thresholds) -> float:
        total = 0.0
        absent = absent_confident = 0
        for case, ranked, signals, _ in prepared:
            verdict = decide_confidence(signals, thresholds)
            if case.absent:
                absent += 1
                absent_confident += verdict == Confidence.CONFIDENT
            if not case.in_scope:
                total += {Confidence.NO_MATCH: 1.0, Confidence.AMBIGUOUS: -0.5}.get(verdict, -1.0)
            elif verdict == Confidence.CONFIDENT:
                total += 1.0 if ranked and ranked[0] in case.answers else -1.0
            elif verdict == Confidence.AMBIGUOUS:
                total += 0.5 if set(ranked[:OPTIONS_SHOWN]) & case.answers else 0.0
            else:                       # flagged no_match although the catalog has the answer
                total -= FLAG_COST
        excess = absent_confident - int(ABSENT_CONFIDENT_TARGET * absent)
        return round(total - ABSENT_EXCESS_COST * max(excess, 0), 6)

    def tune_confidence(self, prepared, thresholds):
        best = self.utility(prepared, thresholds)
        for _ in range(6):
            changed = False
            for name in CONFIDENCE:
                for value in grid(name):
                    trial = replace(thresholds, **{name: value})
                    score = self.utility(prepared, trial)
                    if score >= best + MIN_UTILITY_GAIN:
                        best, thresholds, changed = score, trial, True
            if not changed:
                break
        return thresholds, best

    @staticmethod
    def shortcut(prepared, thresholds) -> tuple[int, int]:
        """(questions the shortcut answers, of which its answer is worse than the full search's).
        A shortcut answer is "confident" with the lexical first hit: fine when that hit is judged
        relevant, or when the full search gives the same hit, confident, too. So it may answer a
        pinyin question ("shengyu dengji") right where the full search, misled by e5 on latin
        letters, would not; it may never turn a right or a cautious answer into a wrong one."""
        fired = wrong = 0
        for case, ranked, full, (lexical, lex_ranked) in prepared:
            if lexically_certain(lexical, thresholds):
                fired += 1
                right = case.in_scope and bool(lex_ranked) and lex_ranked[0] in case.answers
                same = bool(ranked) and bool(lex_ranked) and ranked[0] == lex_ranked[0] \
                    and decide_confidence(full, thresholds) == Confidence.CONFIDENT
                wrong += not (right or same)
        return fired, wrong

    def safe(self, prepared, thresholds) -> bool:
        """No disagreement at these thresholds, nor with any one of them a step (0.05) looser:
        a setting at the very edge of the dev questions would not hold on unseen ones."""
        trials = [thresholds] + [replace(thresholds, **{n: round(getattr(thresholds, n) - SAFETY_STEP, 3)})
                                 for n in SHORTCUT]
        return all(self.shortcut(prepared, t)[1] == 0 for t in trials)

    def tune_shortcut(self, prepared, thresholds):
        if not self.safe(prepared, thresholds):     # start from the strictest setting
            thresholds = replace(thresholds, certain_lexical=1.0, certain_word_coverage=1.0, certain_margin=1.0)
        fired = self.shortcut(prepared, thresholds)[0]
        for _ in range(6):
            changed = False
            for name in SHORTCUT:
                for value in grid(name):
                    trial = replace(thresholds, **{name: value})
                    f = self.shortcut(prepared, trial)[0]
                    if f > fired and self.safe(prepared, trial):
                        fired, thresholds, changed = f, trial, True
            if not changed:
                break
        return thresholds, fired


def tune(guide, queries_path: Path, qrels_path: Path) -> dict:
    """The chosen settings as the file's `methods` entry of the default method and thresholds."""
    cases = collect(guide, queries_path, qrels_path, absent_split("dev"))
    tuner = Tuner(guide, cases)
    weights = tuner.tune_weights(dict(tuner.method.weights))
    prepared = tuner.prepared(weights)
    thresholds, utility = tuner.tune_confidence(prepared, tuner.settings.thresholds)
    thresholds, fired = tuner.tune_shortcut(prepared, thresholds)
    mrr, r1 = tuner.ranking_score(weights)
    return {"weights": weights, "thresholds": thresholds,
            "figures": {"dev_mrr@10": mrr, "dev_recall@1": r1, "utility": utility,
                        "shortcut_fires": fired, "questions": len(cases)}}


def _commit() -> str:
    out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def settings_text(chosen: dict, settings_path: Path = SETTINGS_PATH) -> str:
    raw = yaml.safe_load(settings_path.read_text(encoding="utf-8"))
    current = load_retrieval_settings(settings_path)
    raw["methods"][current.default_method]["weights"] = {k: float(v) for k, v in chosen["weights"].items()}
    chosen_by = {"command": "python eval/tune.py --write", "commit": _commit(),
                 "date": dt.date.today().isoformat(), "queries": "eval/dev.jsonl",
                 **{k: v for k, v in chosen["figures"].items()},
                 # kind_weights and qualifiers are not tuned here: their provenance is kept as written
                 **{k: v for k, v in current.chosen_by.items() if k.startswith(("kind_weights", "qualifiers"))}}
    new = replace(current, thresholds=chosen["thresholds"], chosen_by=chosen_by)
    return dump_settings(new, raw["methods"])


def agrees(chosen: dict, settings) -> bool:
    method = settings.method(settings.default_method)
    return dict(method.weights) == chosen["weights"] and settings.thresholds == chosen["thresholds"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=Path, default=ROOT / "eval" / "dev.jsonl")
    parser.add_argument("--write", action="store_true", help="write guide/search/retrieval.yaml")
    args = parser.parse_args(argv)
    from guide import load_guide

    guide = load_guide()
    chosen = tune(guide, args.queries, args.queries.with_suffix(".qrels"))
    print(yaml.safe_dump({"weights": chosen["weights"], "thresholds": chosen["thresholds"].__dict__,
                          "figures": chosen["figures"]}, allow_unicode=True, sort_keys=False))
    same = agrees(chosen, guide.searcher.settings)
    print("the settings file agrees with this tune" if same else "the settings file differs from this tune")
    if args.write:
        SETTINGS_PATH.write_text(settings_text(chosen), encoding="utf-8")
        print(f"wrote {SETTINGS_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
