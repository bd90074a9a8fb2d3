"""What `guide eval` shows: the terminal table, the Markdown report and the PNG charts.

Everything here reads the results and analysis dicts of guide.eval_runner (which the JSON report
also holds); nothing is computed twice.
"""
from __future__ import annotations

from pathlib import Path

from guide.eval_stats import ALPHA, BOOTSTRAP_RESAMPLES, EXACT_UP_TO, PERMUTATION_RESAMPLES, SEED

COLUMNS = ("recall@1", "recall@3", "recall@5", "recall@10", "mrr@10", "ndcg@10",
           "no_match_precision", "no_match_recall", "in_scope_flagged", "latency_p50_ms", "latency_p95_ms")
SHORT = {"recall@1": "R@1", "recall@3": "R@3", "recall@5": "R@5", "recall@10": "R@10", "mrr@10": "MRR@10",
         "ndcg@10": "nDCG@10", "no_match_precision": "NM-P", "no_match_recall": "NM-R",
         "in_scope_flagged": "IS-flag", "latency_p50_ms": "p50 ms", "latency_p95_ms": "p95 ms"}
CI_METRICS = ("recall@1", "recall@5", "mrr@10", "ndcg@10")
TESTED_METRICS = ("recall@1", "mrr@10")
TERMINAL_WIDTH = 120
# a policy set with service judgements (guide.eval_runner.service_scores): shown under the table
SERVICE_METRICS = ("answered@1", "unrelated_matter", "no_match_recall_unanswerable")

DEFINITIONS = {
    "answers": "a query's judged ids with its highest grade (grade 2 in our sets; in a set judged with a "
               "single grade, every judged id). Ids with a lower grade >= 1 are relevant but not answers.",
    "in scope / out of scope": "a query with judgments in the qrels is in scope; one without is out of scope "
                               "(the right reply is no match).",
    "recall@k": "per in-scope query, |answers among the first k returned ids| / |answers|; the mean over all "
                "in-scope queries (a query with no hits scores 0 and still counts).",
    "mrr@10": "per in-scope query, 1 / rank of the first answer among the first 10 returned ids, 0 when none "
              "is there; the mean over in-scope queries.",
    "ndcg@10": "per in-scope query, DCG@10 / ideal DCG@10 with gain 2^grade - 1 for every judged id (answers "
               "and other relevant ids) and discount log2(rank + 1); the ideal ranking sorts the query's "
               "judged grades; the mean over in-scope queries.",
    "no_match_precision": "of the queries flagged no match (confidence no_match; a baseline: no hit at all), "
                          "the share that are out of scope; 0 when nothing is flagged.",
    "no_match_recall": "of the out-of-scope queries, the share flagged no match.",
    "in_scope_flagged": "of the in-scope queries, the share flagged no match (refused although answered in "
                        "the catalog).",
    "latency_p50_ms / latency_p95_ms": "nearest-rank percentiles of the time of one search call in this process "
                                       "(milliseconds; no HTTP), over all queries.",
    "answered@1": "policy-question sets with service judgements (<split>.services.qrels): of the queries that "
                  "a Q&A answers (qrels) or a matter or bundle answers (service grade 2), the share whose first "
                  "hit, when not flagged no match, is one of those answers.",
    "unrelated_matter": "of all queries, the share whose first hit, when not flagged no match, is a matter or "
                        "bundle the service judgements give no grade (neither answer nor next step).",
    "no_match_recall_unanswerable": "of the queries neither a Q&A nor a service guide answers, the share "
                                    "flagged no match.",
    "answered_with_matter": "of all queries, the share whose first hit, when not flagged no match, is a matter "
                            "or bundle (for policy-question sets).",
    "95% interval": f"percentile bootstrap over the in-scope queries: {BOOTSTRAP_RESAMPLES} resamples of the "
                    f"queries with replacement (seed {SEED}, the same resamples for every method), the "
                    "2.5th and 97.5th percentiles of the resampled means.",
    "paired test": f"two-sided paired randomization test on the per-query scores of the shipped method and the "
                   f"other method: {PERMUTATION_RESAMPLES} random sign flips of the per-query differences "
                   f"(seed {SEED}); p = (1 + flips with |mean difference| >= |observed|) / "
                   f"({PERMUTATION_RESAMPLES} + 1); when at most {EXACT_UP_TO} queries differ, all sign "
                   f"patterns are enumerated (exact p). Significant when p < {ALPHA}.",
}


def _fmt(metric: str, value: float) -> str:
    return f"{value:.1f}" if "latency" in metric else f"{value:.3f}"


def terminal_table(results: dict, analysis: dict | None = None, width: int = TERMINAL_WIDTH) -> list[str]:
    """Aligned rows with short column names and a legend; every line fits `width` columns."""
    name_width = min(24, max(len("method"), *(len(n) for n in results)) + 2)
    col = max(len(s) for s in SHORT.values()) + 1

    def cut(name: str) -> str:
        return name if len(name) < name_width else name[:name_width - 2] + "~"

    lines = ["method".ljust(name_width) + "".join(SHORT[c].rjust(col) for c in COLUMNS)]
    for name, res in results.items():
        lines.append(cut(name).ljust(name_width) + "".join(_fmt(c, res["overall"][c]).rjust(col) for c in COLUMNS))
    lines += _wrap_items("legend: ", [f"{SHORT[c]} = {c}" for c in COLUMNS]
                         + ["latency in ms per query in process", "definitions in the Markdown report"], width)
    if analysis and analysis.get("reference") in results:
        ref = analysis["reference"]
        ci = results[ref].get("ci", {})
        if ci:
            lines += _wrap_items(f"{ref}, 95% bootstrap intervals: ",
                                 [f"{SHORT[m]} {lo:.3f}-{hi:.3f}" for m, (lo, hi) in ci.items()], width)
        worse = [n for n, t in analysis["paired"].items()
                 if any(t[m]["significant"] and t[m]["diff"] > 0 for m in TESTED_METRICS)]
        lines += _wrap_items(f"{ref} is significantly ahead (p < {ALPHA}, R@1 or MRR@10) of: ", worse or ["none"],
                             width)
        lines += _service_lines(results, ref, width)
        lines.append(f"{ref}: {len(analysis['failed'])} in-scope queries not answered at rank 1, "
                     f"{len(analysis['oos_confident'])} out-of-scope queries answered confidently")
    return lines


def _service_lines(results: dict, ref: str, width: int = TERMINAL_WIDTH) -> list[str]:
    """The reference method's service-judgement figures, when the set has them."""
    overall = results.get(ref, {}).get("overall", {})
    shown = [f"{m} {overall[m]:.3f}" for m in SERVICE_METRICS if m in overall]
    if not shown:
        return []
    return _wrap_items(f"{ref}, with the service judgements ({overall['answerable']} answerable): ", shown, width)


def _wrap_items(prefix: str, items: list[str], width: int) -> list[str]:
    """`prefix` then the items joined by ", ", broken between items (never inside one)."""
    lines, line = [], prefix
    for i, item in enumerate(items):
        piece = item + ("," if i < len(items) - 1 else "")
        if len(line) + len(piece) > width and line.strip():
            lines.append(line.rstrip())
            line = "  "
        line += piece + " "
    return lines + [line.rstrip()]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    if not rows:
        return ["(none)"]
    return ["| " + " | ".join(header) + " |", "|---" * len(header) + "|",
            *("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows)]


def _hits(top: list[dict]) -> str:
    return "<br>".join(f"{h['id']} {h['title']}".strip() for h in top) or "(no hits)"


def markdown_report(label: str, results: dict, meta: dict, analysis: dict | None = None) -> str:
    lines = [f"# Retrieval evaluation: {label}", "", ", ".join(f"{k}: {v}" for k, v in meta.items()), "",
             *_table(["method", *COLUMNS], [[n, *(_fmt(c, r["overall"][c]) for c in COLUMNS)]
                                            for n, r in results.items()])]
    best, base = results.get("hybrid"), results.get("baseline_rank_bm25")
    if best and base:
        b, t = best["overall"], base["overall"]
        lines += ["", f"The hybrid is ahead of the textbook rank-bm25 baseline by "
                      f"{b['recall@1'] - t['recall@1']:+.3f} Recall@1 and {b['mrr@10'] - t['mrr@10']:+.3f} MRR@10."]
    service = _service_lines(results, analysis["reference"], 10**6) if analysis else []
    if service:
        lines += ["", "## With the service judgements", "", *service]
    if any(r.get("ci") for r in results.values()):
        lines += ["", "## 95% confidence intervals", "",
                  f"Percentile bootstrap over the in-scope queries ({BOOTSTRAP_RESAMPLES} resamples, seed {SEED}).", "",
                  *_table(["method", *CI_METRICS], [
                      [n, *(f"{r['overall'][m]:.3f} [{r['ci'][m][0]:.3f}, {r['ci'][m][1]:.3f}]" for m in CI_METRICS)]
                      for n, r in results.items() if r.get("ci")])]
    if analysis and analysis["paired"]:
        ref = analysis["reference"]
        rows = []
        for name, tests in analysis["paired"].items():
            row = [name]
            for m in TESTED_METRICS:
                t = tests[m]
                row += [f"{t['diff']:+.3f}", f"{t['p']:.4f}", "yes" if t["significant"] else "no"]
            rows.append(row)
        header = ["method"] + [h for m in TESTED_METRICS
                               for h in (f"{m}: {ref} - method", f"{m}: p", f"{m}: significant at {ALPHA}")]
        lines += ["", f"## Paired tests: {ref} against each method", "",
                  f"Paired randomization test on per-query scores ({PERMUTATION_RESAMPLES} sign flips, "
                  f"two-sided); a positive difference means {ref} is ahead.", "", *_table(header, rows)]
    for name, res in results.items():
        lines += ["", f"## {name}: per tag", "",
                  *_table(["tag", "n", "recall@1", "recall@5", "mrr@10"],
                          [[tag, str(m["n"]), f"{m['recall@1']:.3f}", f"{m['recall@5']:.3f}", f"{m['mrr@10']:.3f}"]
                           for tag, m in res["per_tag"].items()])]
    if analysis:
        lines += _failed_section(analysis)
    lines += ["", "## Definitions", "", "How each figure above is computed (guide/evaluation.py, "
              "guide/eval_stats.py):", "", *(f"- **{k}**: {v}" for k, v in DEFINITIONS.items())]
    return "\n".join(lines) + "\n"


def _failed_section(analysis: dict) -> list[str]:
    ref = analysis["reference"]
    lines = ["", f"## Failed queries ({ref})", "",
             f"{len(analysis['failed'])} in-scope queries whose answer is not at rank 1:", ""]
    lines += _table(["qid", "query", "expected", "top 3 returned", "rank of the answer"], [
        [f["qid"], f["query"], "<br>".join(f"{e['id']} {e['title']}".strip() for e in f["expected"]),
         _hits(f["top"]), str(f["rank"]) if f["rank"] else "not in top 10"] for f in analysis["failed"]])
    lines += ["", f"### Out-of-scope queries answered confidently ({len(analysis['oos_confident'])})", ""]
    lines += _table(["qid", "query", "top 3 returned"],
                    [[f["qid"], f["query"], _hits(f["top"])] for f in analysis["oos_confident"]])
    if analysis["oos_ambiguous"]:
        lines += ["", f"{len(analysis['oos_ambiguous'])} more out-of-scope queries were not refused but got a "
                      f"clarifying question (confidence ambiguous): {', '.join(analysis['oos_ambiguous'])}."]
    return lines


def charts(out_dir: Path, label: str, results: dict, runs: dict) -> list[Path]:
    from guide.resources import require

    matplotlib = require("matplotlib", "eval", "guide eval's charts")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(results)
    fig, ax = plt.subplots(figsize=(max(7.5, 1.0 * len(names) + 2.5), 4.4))
    width = 0.8 / len(CI_METRICS)
    lows, highs = [], []
    for i, metric in enumerate(CI_METRICS):
        values = [results[n]["overall"][metric] for n in names]
        cis = [results[n].get("ci", {}).get(metric, (v, v)) for n, v in zip(names, values)]
        lows += [lo for lo, _ in cis] + values
        highs += [hi for _, hi in cis] + values
        ax.bar([x + i * width for x in range(len(names))], values, width, label=metric,
               yerr=[[v - lo for v, (lo, _) in zip(values, cis)], [hi - v for v, (_, hi) in zip(values, cis)]],
               capsize=2, error_kw={"elinewidth": 0.8, "ecolor": "0.2"})
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(names))], names, rotation=30, ha="right", fontsize=8)
    low, high = min(lows), max(highs)
    pad = max(0.02, 0.08 * (high - low))
    bottom, top = max(0.0, low - pad), high + pad       # above 1 by the pad: caps at 1 stay visible
    ax.set_ylim(bottom, top)
    ax.set_title(f"Metrics by method ({label}); error bars: 95% bootstrap intervals", fontsize=10, pad=14)
    ax.set_ylabel("score (mean over in-scope queries)", fontsize=8)
    if bottom > 0:
        ax.text(0.0, 1.01, f"note: the y axis starts at {bottom:.2f}, not 0", transform=ax.transAxes,
                fontsize=8, style="italic", va="bottom")
    ax.grid(axis="y", linewidth=0.4, alpha=0.6)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    fig.tight_layout()
    metric_png = out_dir / f"{label}.metrics.png"
    fig.savefig(metric_png, dpi=110)
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.boxplot([list(runs[n].latency_ms.values()) for n in names], showfliers=False)
    ax.set_xticks(range(1, len(names) + 1), names, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("ms per query (in process)")
    ax.set_title(f"Latency distribution ({label})")
    fig.tight_layout()
    latency_png = out_dir / f"{label}.latency.png"
    fig.savefig(latency_png, dpi=110)
    plt.close(fig)
    return [metric_png, latency_png]
