"""`act-train report`: one HTML page with plots of everything the database knows.

pass@k per model version and pair, training loss curves, the synthetic-data funnel, failure categories across
versions, and the controller's decisions with their reasons. Plots are matplotlib PNGs next to the page; a
plot with no data yet says so instead of disappearing.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from pathlib import Path

import sqlite_utils

STAGE_ORDER = ("seed", "source_mutation", "candidate", "target_tests", "validation", "target_mutation", "admitted")


def _figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 3.8), dpi=110)
    return plt, fig, ax


def _save(plt, fig, ax, path: Path, title: str, empty: bool) -> str:
    if empty:
        ax.text(0.5, 0.5, "no data yet", ha="center", va="center", fontsize=14, color="grey",
                transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path.name


def plot_pass_at_k(db: sqlite_utils.Database, out: Path) -> str:
    plt, fig, ax = _figure()
    runs = list(db.query("select created_at, pair, adapter_version, metrics from eval_runs "
                        "where status = 'finished' order by created_at"))
    series: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for run in runs:
        for metric, value in json.loads(run["metrics"]).items():
            series[f"{run['pair']} {metric}"].append((run["adapter_version"] or "base", value))
    for label, points in series.items():
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=label)
    if series:
        ax.set_ylim(0, 1)
        ax.set_xlabel("model version")
        ax.legend(fontsize=8)
    return _save(plt, fig, ax, out / "pass_at_k.png", "pass@k per version", not series)


def plot_losses(db: sqlite_utils.Database, out: Path) -> str:
    plt, fig, ax = _figure()
    runs = list(db.query("select version, history from training_runs order by created_at"))
    for run in runs:
        hist = json.loads(run["history"])
        ax.plot([h["step"] for h in hist], [h["loss"] for h in hist], label=f"{run['version'] or '?'} train")
        evals = [(h["step"], h["eval_loss"]) for h in hist if h.get("eval_loss") is not None]
        if evals:
            ax.plot(*zip(*evals, strict=True), linestyle="--", marker="o", label=f"{run['version'] or '?'} eval")
    if runs:
        ax.set_xlabel("optimizer step")
        ax.set_ylabel("loss (target tokens)")
        ax.legend(fontsize=8)
    return _save(plt, fig, ax, out / "losses.png", "training loss", not runs)


def plot_funnel(db: sqlite_utils.Database, out: Path) -> str:
    plt, fig, ax = _figure()
    rows = dict(((r["stage"], "ok" if r["ok"] else "rejected"), r["n"]) for r in db.query(
        "select stage, ok, count(*) as n from synth_items group by stage, ok"))
    stages = [s for s in STAGE_ORDER if (s, "ok") in rows or (s, "rejected") in rows]
    ok = [rows.get((s, "ok"), 0) for s in stages]
    bad = [rows.get((s, "rejected"), 0) for s in stages]
    ax.bar(stages, ok, label="passed", color="#3a7d44")
    ax.bar(stages, bad, bottom=ok, label="rejected", color="#c8553d")
    if stages:
        ax.tick_params(axis="x", labelrotation=25, labelsize=8)
        ax.legend(fontsize=8)
    return _save(plt, fig, ax, out / "funnel.png", "synthetic data funnel (all runs)", not stages)


def plot_failures(db: sqlite_utils.Database, out: Path) -> str:
    plt, fig, ax = _figure()
    rows = list(db.query(
        "select coalesce(r.adapter_version, 'base') || ' ' || r.pair as version, e.category, count(*) as n "
        "from eval_results e join eval_runs r on r.id = e.run_id where e.category != 'passed' "
        "group by version, e.category"))
    versions = sorted({r["version"] for r in rows})
    categories = sorted({r["category"] for r in rows})
    counts = {(r["version"], r["category"]): r["n"] for r in rows}
    bottom = [0] * len(versions)
    for cat in categories:
        values = [counts.get((v, cat), 0) for v in versions]
        ax.bar(versions, values, bottom=bottom, label=cat)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    if rows:
        ax.legend(fontsize=7, ncol=2)
        ax.tick_params(axis="x", labelsize=8)
    return _save(plt, fig, ax, out / "failures.png", "failure categories per version", not rows)


def build_report(db: sqlite_utils.Database, out_dir: str | Path) -> Path:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    images = [plot_pass_at_k(db, out), plot_losses(db, out), plot_funnel(db, out), plot_failures(db, out)]
    decisions = list(db.query("select created_at, cycle, round, action, reason, data_requests "
                              "from controller_decisions order by id"))
    versions = list(db.query("select id, status, pair, metrics, created_at from model_versions order by created_at"))
    esc = html.escape
    rows_d = "".join(f"<tr><td>{esc(d['created_at'][:19])}</td><td>{esc(d['cycle'])}/{d['round']}</td>"
                     f"<td>{esc(d['action'])}</td><td>{esc(d['reason'])}</td>"
                     f"<td>{esc('; '.join(json.loads(d['data_requests'] or '[]')))}</td></tr>" for d in decisions)
    rows_v = "".join(f"<tr><td>{esc(v['id'])}</td><td>{esc(v['status'])}</td><td>{esc(v['pair'] or '')}</td>"
                     f"<td>{esc(v['metrics'] or '')}</td><td>{esc(v['created_at'][:19])}</td></tr>" for v in versions)
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>ACT report</title>
<style>body{{font-family:sans-serif;max-width:1000px;margin:2em auto}}img{{max-width:100%}}
table{{border-collapse:collapse;font-size:90%}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left}}</style>
</head><body><h1>ACT report</h1>
{"".join(f'<p><img src="{name}" alt="{name}"></p>' for name in images)}
<h2>Model versions</h2><table><tr><th>version</th><th>status</th><th>pair</th><th>metrics</th><th>created</th></tr>
{rows_v or '<tr><td colspan=5>none yet</td></tr>'}</table>
<h2>Controller decisions</h2><table><tr><th>when</th><th>cycle/round</th><th>action</th><th>reason</th>
<th>data requested</th></tr>{rows_d or '<tr><td colspan=5>none yet</td></tr>'}</table></body></html>
"""
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
