"""`act-train report`: one self-contained HTML page that tells a team lead what ACT has learned.

It opens with a summary (what is served, base vs current pass@k per benchmark, the training data by source
with attribution, the last cycle's budget and outcome, the controller's decisions in words), then charts
with titles and one-line captions, then the tables. Images are embedded, so the file can be mailed or attached
to a ticket. Versions are named (v1 … with their date), never by a path.

Reading the database (``summarize`` and the ``*_rows`` helpers) is kept apart from drawing and rendering.
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePath

from act_lsp.database import Database

# Pipeline stages in the order items pass them, with the words the funnel chart uses.
STAGES = {"seed": "seeds", "io_tests": "io tests", "source_tests": "source tests",
          "source_mutation": "source gate", "sampled": "programs sampled", "candidate": "candidates",
          "target_tests": "target tests", "validation": "validated", "target_mutation": "target gate",
          "admitted": "pairs admitted"}
BASE = "base"


# --- reading ----------------------------------------------------------------------------------------
def _day(stamp: str | None) -> str:
    return (stamp or "")[:10]


def version_names(db: Database) -> dict[str, str]:
    """Adapter path (and merged-model file) → "v2 (2026-11-28)", base model file → "base": how every chart and
    table names what an evaluation ran."""
    from act_lsp.model_store import BUNDLED_MODELS, DEFAULT_MODEL

    names: dict[str, str] = {BUNDLED_MODELS[DEFAULT_MODEL].filename: BASE}
    for row in db.query("select * from model_versions order by created_at"):
        label = f"{row['id']} ({_day(row['created_at'])})"
        names[row["adapter_path"]] = label
        names[PurePath(row["base_model"]).name] = BASE
        if row.get("merged_path"):
            names[PurePath(row["merged_path"]).name] = label
    return names


def version_of(run: dict, names: dict[str, str]) -> str:
    """What an evaluation ran: a registered version by name, the base model, or another model or unregistered
    adapter by its file name only."""
    adapter = run.get("adapter_version")
    if adapter:
        return names.get(adapter) or f"adapter {PurePath(adapter).name}"
    model = PurePath(run.get("model") or "").name
    return names.get(model, model or BASE)


def bench_title(bench: str, pair: str, tasks: int, config: dict | None = None) -> str:
    """"HumanEval-X java-go (164 tasks)": the benchmark, and what was on besides the raw model."""
    folder, _, name = bench.rpartition("/")
    kind = ("realistic classes" if folder == "classes" else "held-out pairs" if name.startswith("val")
            else "HumanEval-X")
    config = config or {}
    extra = "".join([f", served ({config['verify']})" if config.get("verify") not in (None, "", "off") else "",
                     f", {config['examples']} examples" if config.get("examples") else ""])
    return f"{kind} {pair} ({tasks} tasks{extra})"


@dataclass
class EvalPoint:
    benchmark: str
    version: str
    when: str
    metrics: dict[str, float]


def eval_points(db: Database) -> list[EvalPoint]:
    names = version_names(db)
    points = []
    for run in db.query("select * from eval_runs where status = 'finished' order by created_at"):
        metrics = json.loads(run["metrics"] or "{}")
        if not metrics:
            continue
        config = json.loads(run["config"] or "{}")
        points.append(EvalPoint(bench_title(run["bench"] or "", run["pair"] or "", run["tasks"] or 0, config),
                                version_of(run, names), run["created_at"], metrics))
    return points


@dataclass
class Comparison:
    benchmark: str
    base: dict[str, float]
    current: dict[str, float]


@dataclass
class Summary:
    served: str
    current: str  # the version compared with the base: the promoted one, else the newest evaluated
    comparisons: list[Comparison]
    data_sources: dict[str, int]
    attributions: list[str]
    last_cycle: str
    decisions: list[str] = field(default_factory=list)


def _current_version(db: Database, points: list[EvalPoint]) -> tuple[str, str]:
    """(label of the version to compare with the base, a sentence on what the server serves)."""
    rows = list(db.query("select * from model_versions order by created_at"))
    promoted = [r for r in rows if r["status"] == "promoted"]
    model = PurePath(rows[-1]["base_model"]).name if rows else "the default model"
    if promoted:
        row = promoted[-1]
        how = "merged into the model" if row.get("merged_path") else "as a LoRA adapter"
        label = f"{row['id']} ({_day(row['created_at'])})"
        return label, f"{model} with {label}, promoted {_day(row['promoted_at'])}, served {how}"
    registered = {f"{r['id']} ({_day(r['created_at'])})" for r in rows}
    evaluated = [p.version for p in points if p.version in registered]
    candidate = evaluated[-1] if evaluated else ""
    note = f"; the newest candidate, {candidate}, was not promoted" if candidate else ""
    return candidate, f"{model}, no adapter promoted (the base model){note}"


def data_sources(db: Database) -> tuple[dict[str, int], list[str]]:
    """Training pairs by where their program came from, and the attribution texts of imported sets."""
    counts: dict[str, int] = defaultdict(int)
    attributions: set[str] = set()
    for row in db.query("select meta from synth_items where stage = 'admitted' and ok = 1"):
        origin = json.loads(row["meta"] or "{}").get("origin", "")
        kind = origin.split(":", 1)[0] or "synthetic"
        counts[{"imported": "imported problem sets", "feedback": "users' translations"}.get(
            kind, f"synthetic ({kind})")] += 1
        if kind == "imported" and "(" in origin:
            attributions.add(origin[origin.index("(") + 1:origin.rindex(")")])
    users = db.execute("select count(*) from translations where outcome in ('accepted', 'edited')").fetchone()[0]
    if users:
        counts["users' accepted or edited translations"] += users
    return dict(counts), sorted(attributions)


def last_cycle(db: Database) -> str:
    rows = list(db.query("select * from cycles order by created_at desc limit 1"))
    if not rows:
        return "no training cycle has run yet"
    row = rows[0]
    summary = json.loads(row["summary"] or "{}")
    data = summary.get("data", {})
    spent = summary.get("minutes")
    budget = summary.get("budget_minutes") or json.loads(row["config"] or "{}").get("budget_minutes")
    parts = [f"cycle of {_day(row['created_at'])}: {row['status'].replace('_', ' ')}"]
    if spent is not None:
        parts.append(f"{spent} of {budget} budgeted minutes" if budget else f"{spent} minutes")
    if data:
        parts.append(f"{data.get('admitted_this_cycle', 0)} pairs admitted from {data.get('seeds', 0)} seeds, "
                     f"{data.get('train', 0)} trained on")
    if summary.get("reason"):
        parts.append(summary["reason"])
    return "; ".join(parts)


def decisions_in_words(db: Database, limit: int = 3) -> list[str]:
    words = {"continue": "train another round", "stop": "stop", "promote": "promote", "restore": "restore",
             "rollback": "roll back"}
    out = []
    for d in db.query("select * from controller_decisions order by id desc limit ?", [limit]):
        asks = json.loads(d["data_requests"] or "[]")
        pair = f"{d['pair']} " if d.get("pair") else ""
        text = (f"{_day(d['created_at'])}, {pair}round {d['round']}: {words.get(d['action'], d['action'])}, "
                f"because {d['reason']}")
        if asks:
            text += f"; asked the data engine for {', '.join(asks)}"
        out.append(text)
    return out


def summarize(db: Database) -> Summary:
    points = eval_points(db)
    current, served = _current_version(db, points)
    latest: dict[tuple[str, str], dict[str, float]] = {}
    for p in points:
        latest[(p.benchmark, p.version)] = p.metrics  # points are in time order: the newest wins
    benchmarks = dict.fromkeys(p.benchmark for p in points)
    comparisons = [Comparison(b, latest.get((b, BASE), {}), latest.get((b, current), {}) if current else {})
                   for b in benchmarks]
    sources, attributions = data_sources(db)
    return Summary(served=served, current=current, comparisons=comparisons, data_sources=sources,
                   attributions=attributions, last_cycle=last_cycle(db), decisions=decisions_in_words(db))


# --- drawing ------------------------------------------------------------------------------------------
def _figure(height: float = 3.8):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8.5, height), dpi=100)
    return plt, fig, ax


def _png(plt, fig, ax, title: str, empty: bool) -> str:
    """The figure as a base64 PNG data URI; an empty chart says so instead of disappearing."""
    if empty:
        ax.text(0.5, 0.5, "no data yet", ha="center", va="center", fontsize=14, color="grey", transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
    ax.set_title(title)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def chart_pass_by_version(points: list[EvalPoint]) -> str:
    plt, fig, ax = _figure()
    latest = {(p.benchmark, p.version): p.metrics.get("pass@1") for p in points}
    versions = list(dict.fromkeys([BASE] + [p.version for p in points if p.version != BASE]))
    benchmarks = list(dict.fromkeys(p.benchmark for p in points))
    width = 0.8 / max(len(benchmarks), 1)
    for i, bench in enumerate(benchmarks):
        xs = [j + i * width for j, v in enumerate(versions) if latest.get((bench, v)) is not None]
        ys = [latest[(bench, v)] for v in versions if latest.get((bench, v)) is not None]
        bars = ax.bar(xs, ys, width, label=bench)
        ax.bar_label(bars, fmt="%.2f", fontsize=7)
    if points:
        ax.set_xticks([j + 0.4 - width / 2 for j in range(len(versions))], versions)
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("pass@1 (share of tasks)")
        ax.set_xlabel("model version")
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1, 1))
    return _png(plt, fig, ax, "pass@1 per model version and benchmark (latest evaluation)", not points)


def chart_pass_over_time(points: list[EvalPoint], cycles: list[str]) -> str:
    plt, fig, ax = _figure()
    series: dict[str, list[EvalPoint]] = defaultdict(list)
    for p in points:
        if "pass@1" in p.metrics:
            series[p.benchmark].append(p)
    for bench, ps in series.items():
        xs = [datetime.fromisoformat(p.when) for p in ps]
        line, = ax.plot(xs, [p.metrics["pass@1"] for p in ps], marker="o", label=bench)
        for x, p in zip(xs, ps, strict=True):
            ax.annotate(p.version.split(" ")[0], (x, p.metrics["pass@1"]), textcoords="offset points",
                        xytext=(0, 6), ha="center", fontsize=7, color=line.get_color())
    for stamp in cycles:
        ax.axvline(datetime.fromisoformat(stamp), color="grey", linestyle=":", linewidth=1)
    if series:
        from matplotlib.dates import DateFormatter

        ax.xaxis.set_major_formatter(DateFormatter("%b %d %H:%M"))
        fig.autofmt_xdate()
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("pass@1")
        ax.set_xlabel("evaluated at (dotted lines: a training cycle started)")
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1, 1))
    return _png(plt, fig, ax, "pass@1 over time, across versions and cycles", not series)


def chart_losses(db: Database, names: dict[str, str]) -> str:
    plt, fig, ax = _figure()
    runs = list(db.query("select version, history from training_runs order by created_at"))
    for run in runs:
        label = next((n for n in names.values() if n.split(" ")[0] == run["version"]), run["version"] or "?")
        hist = json.loads(run["history"] or "[]")
        line, = ax.plot([h["step"] for h in hist], [h["loss"] for h in hist], label=f"{label} training")
        evals = [(h["step"], h["eval_loss"]) for h in hist if h.get("eval_loss") is not None]
        if evals:
            ax.plot(*zip(*evals, strict=True), linestyle="--", marker="o", color=line.get_color(),
                    label=f"{label} held-out")
    if runs:
        ax.set_xlabel("optimizer step")
        ax.set_ylabel("loss per target token")
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1, 1))
    return _png(plt, fig, ax, "training loss per version (dashed: held-out pairs)", not runs)


def funnel_rows(db: Database) -> dict[str, dict[str, int]]:
    """Per data run (a cycle, or a named `act-train validate` run): items that passed each stage."""
    rows: dict[str, dict[str, int]] = defaultdict(dict)
    for r in db.query("select run_id, stage, sum(ok) as n from synth_items group by run_id, stage"):
        if r["stage"] in STAGES:
            rows[r["run_id"]][r["stage"]] = r["n"] or 0
    return rows


def _run_label(run_id: str) -> str:
    if run_id.startswith("c") and run_id[1:9].isdigit():  # cycle ids: c20261127-201023-xxxx
        return f"cycle {run_id[1:5]}-{run_id[5:7]}-{run_id[7:9]} {run_id[10:12]}:{run_id[12:14]}"
    return f"run {run_id}"


def chart_funnel(funnel: dict[str, dict[str, int]]) -> str:
    plt, fig, ax = _figure()
    stages = [s for s in STAGES if any(s in counts for counts in funnel.values())]
    runs = list(funnel)[-6:]  # the newest six runs stay readable
    width = 0.8 / max(len(runs), 1)
    for i, run in enumerate(runs):
        ax.bar([j + i * width for j in range(len(stages))], [funnel[run].get(s, 0) for s in stages], width,
               label=_run_label(run))
    if stages:
        ax.set_xticks([j + 0.4 - width / 2 for j in range(len(stages))], [STAGES[s] for s in stages],
                      rotation=20, ha="right", fontsize=8)
        ax.set_ylabel("items that passed")
        ax.legend(fontsize=7)
    return _png(plt, fig, ax, "synthetic data funnel per data run", not stages)


def chart_failures(db: Database, names: dict[str, str]) -> str:
    plt, fig, ax = _figure(4.2)
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for r in db.query("select r.id, r.bench, r.pair, r.tasks, r.model, r.adapter_version, r.config, e.category, "
                      "count(*) as n from eval_results e join eval_runs r on r.id = e.run_id "
                      "where r.status = 'finished' group by r.id, e.category order by r.created_at"):
        title = bench_title(r["bench"] or "", r["pair"] or "", r["tasks"] or 0, json.loads(r["config"] or "{}"))
        label = f"{version_of(r, names)} · {title}"
        counts[label][r["category"]] = r["n"]  # a later run of the same version and benchmark replaces it
    totals: dict[str, int] = defaultdict(int)
    for per in counts.values():
        for cat, n in per.items():
            totals[cat] += n if cat != "passed" else 0
    common = sorted((c for c in totals if totals[c]), key=lambda c: -totals[c])
    if len(common) > 9:  # a readable legend: the eight most frequent causes, the rest together
        keep = set(common[:8])
        for label, per in counts.items():
            counts[label] = {c: n for c, n in per.items() if c in keep or c == "passed"}
            counts[label]["other"] = sum(n for c, n in per.items() if c not in keep and c != "passed")
        common = common[:8] + ["other"]
    categories = common
    labels = list(counts)
    left = [0] * len(labels)
    for cat in categories:
        values = [counts[lab].get(cat, 0) for lab in labels]
        ax.barh(labels, values, left=left, label=cat)
        left = [a + b for a, b in zip(left, values, strict=True)]
    if labels:
        ax.tick_params(axis="y", labelsize=7)
        ax.set_xlabel("failed tasks (samples)")
        ax.invert_yaxis()
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1, 1))
    return _png(plt, fig, ax, "why translations failed, per version and benchmark", not categories)


# --- rendering ------------------------------------------------------------------------------------------
CAPTIONS = {
    "by_version": "Each group is a model version; each bar a benchmark. Higher is better; compare a version's bar "
                  "with the base's bar of the same colour.",
    "over_time": "Each point is one evaluation, labelled with the version it ran; a line rising after a dotted "
                 "line means that cycle helped.",
    "losses": "Solid: loss on the training pairs; dashed: on held-out pairs. A dashed line that turns up means "
              "the adapter started to memorise.",
    "funnel": "How many items passed each stage of the data engine, stage by stage from left to right; the last "
              "stage, pairs admitted, is what training receives.",
    "failures": "Failed samples by cause, per version and benchmark: compiler errors (by kind), wrong answers, "
                "timeouts. A shrinking bar means fewer failures of that kind.",
}


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _summary_html(s: Summary) -> str:
    esc = html.escape
    rows = []
    for c in s.comparisons:
        for metric in ("pass@1", "pass@5"):
            base, cur = c.base.get(metric), c.current.get(metric)
            if base is None and cur is None:
                continue
            delta = "" if base is None or cur is None else f"{(cur - base) * 100:+.1f} points"
            rows.append(f"<tr><td>{esc(c.benchmark)}</td><td>{metric}</td><td>{_pct(base)}</td><td>{_pct(cur)}</td>"
                        f"<td>{delta}</td></tr>")
    current = esc(s.current) if s.current else "no adapter evaluated yet"
    table = (f"<table><tr><th>benchmark</th><th>metric</th><th>base model</th><th>{current}</th><th>change</th>"
             f"</tr>{''.join(rows)}</table>" if rows else "<p>No evaluation has finished yet.</p>")
    total = sum(s.data_sources.values())
    sources = ", ".join(f"{n} from {esc(k)}" for k, n in sorted(s.data_sources.items(), key=lambda kv: -kv[1]))
    data = f"{total} validated pairs: {sources}." if total else "No validated training pairs yet."
    if s.attributions:
        data += " Imported problems: " + "; ".join(esc(a) for a in s.attributions) + "."
    decisions = "".join(f"<li>{esc(d)}</li>" for d in s.decisions) or "<li>none yet</li>"
    return (f'<section class="summary"><h2>Summary</h2><p><b>Serving:</b> {esc(s.served)}.</p>{table}'
            f"<p><b>Training data:</b> {data}</p><p><b>Last cycle:</b> {esc(s.last_cycle)}.</p>"
            f"<p><b>The controller's last decisions:</b></p><ul>{decisions}</ul></section>")


def _tables_html(db: Database) -> str:
    esc = html.escape
    versions = "".join(
        f"<tr><td>{esc(v['id'])}</td><td>{esc(_day(v['created_at']))}</td><td>{esc(v['status'])}</td>"
        f"<td>{esc(v['pair'] or '')}</td><td>{esc(v['data_version'] or '')}</td>"
        f"<td>{esc(', '.join(f'{k} {x:.3f}' for k, x in json.loads(v['metrics'] or '{}').items() if x is not None))}"
        f"</td></tr>" for v in db.query("select * from model_versions order by created_at"))
    decisions = "".join(
        f"<tr><td>{esc(d['created_at'][:16].replace('T', ' '))}</td><td>{d['round']}</td><td>{esc(d['action'])}</td>"
        f"<td>{esc(d['reason'])}</td><td>{esc('; '.join(json.loads(d['data_requests'] or '[]')))}</td></tr>"
        for d in db.query("select * from controller_decisions order by id"))
    return (f"<h2>Model versions</h2><table><tr><th>version</th><th>created</th><th>status</th><th>pair</th>"
            f"<th>training data</th><th>metrics</th></tr>{versions or '<tr><td colspan=6>none yet</td></tr>'}"
            f"</table><h2>Controller decisions</h2><table><tr><th>when</th><th>round</th><th>action</th>"
            f"<th>reason</th><th>data requested</th></tr>{decisions or '<tr><td colspan=5>none yet</td></tr>'}"
            f"</table>")


def render(db: Database) -> str:
    names = version_names(db)
    points = eval_points(db)
    cycles = [r["created_at"] for r in db.query("select created_at from cycles order by created_at")]
    charts = [("by_version", chart_pass_by_version(points)), ("over_time", chart_pass_over_time(points, cycles)),
              ("losses", chart_losses(db, names)), ("funnel", chart_funnel(funnel_rows(db))),
              ("failures", chart_failures(db, names))]
    figures = "".join(f'<figure id="{key}"><img src="{uri}" alt="{html.escape(CAPTIONS[key])}">'
                      f"<figcaption>{html.escape(CAPTIONS[key])}</figcaption></figure>" for key, uri in charts)
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>ACT report</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#222}}img{{max-width:100%}}
.summary{{background:#f4f6f8;padding:0.5em 1.2em;border-radius:6px}}figcaption{{color:#555;font-size:90%}}
table{{border-collapse:collapse;font-size:90%;margin:0.5em 0}}td,th{{border:1px solid #ccc;padding:4px 8px;
text-align:left}}</style></head><body><h1>ACT report</h1>
<p>Generated {datetime.now().strftime('%Y-%m-%d %H:%M')}.</p>
{_summary_html(summarize(db))}{figures}{_tables_html(db)}</body></html>
"""


def build_report(db: Database, out: str | Path) -> Path:
    """Write the page to ``out`` (a .html file, or a folder that gets index.html)."""
    out = Path(out)
    path = out if out.suffix == ".html" else out / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".html.partial")
    tmp.write_text(render(db), encoding="utf-8")
    tmp.replace(path)
    return path
