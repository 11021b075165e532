"""The console shows ACT's lines; libraries' warnings and llama.cpp's lines go to the log file (``-v`` shows them)."""

from __future__ import annotations

import io
import logging
import warnings

import pytest
from click.testing import CliRunner

from act_lsp import logs
from act_lsp.engine import LLAMA_LOG
from act_train.cli import cli

LLAMA_LINE = "llama_adapter_lora_init_impl: lora for 'blk.11.ffn_down.weight' cannot use buft 'CPU_REPACK'"


@pytest.fixture
def emit(tmp_path):
    """Configure at a verbosity, emit one line of each kind, return (console text, log file text)."""

    def run(verbose: int) -> tuple[str, str]:
        console, path = io.StringIO(), tmp_path / f"act-{verbose}.log"
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            logs.configure(verbose, path, console=console)
            try:
                warnings.warn("`is_gradient_checkpointing` is deprecated", FutureWarning, stacklevel=1)
                LLAMA_LOG.debug(LLAMA_LINE)
                logging.getLogger("peft.utils").warning("Could not find a config file")
                logging.getLogger("act_train.cycle").warning("Docker is down: validation paused")
                logging.getLogger("act_train.cycle").info("round 1 trained")
            finally:
                logs.reset()
        return console.getvalue(), path.read_text()

    return run


def test_by_default_the_console_shows_only_act_warnings_and_the_file_everything(emit):
    console, log = emit(0)
    assert "Docker is down" in console
    for line in ("is_gradient_checkpointing", "CPU_REPACK", "Could not find a config file", "round 1 trained"):
        assert line not in console
        assert line in log


def test_verbose_shows_library_warnings_and_very_verbose_llama_cpp(emit):
    console, _ = emit(1)
    assert "is_gradient_checkpointing" in console and "Could not find a config file" in console
    assert "round 1 trained" in console and "CPU_REPACK" not in console
    console, _ = emit(2)
    assert "CPU_REPACK" in console


def test_the_cli_writes_its_log_file_and_restores_logging(tmp_path, monkeypatch):
    monkeypatch.setenv("ACT_DB", str(tmp_path / "act.db"))
    log = tmp_path / "logs" / "train.log"
    result = CliRunner().invoke(cli, ["--log-file", str(log), "-v", "report", "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert log.is_file()
    assert not [h for h in logging.getLogger().handlers if getattr(h, "_act", False)]  # reset after the command


def test_an_unwritable_log_file_is_reported_not_fatal(tmp_path):
    console = io.StringIO()
    blocker = tmp_path / "file"
    blocker.write_text("")
    try:
        logs.configure(0, blocker / "logs" / "act.log", console=console)  # a file where a folder should be
        logging.getLogger("act_train.x").warning("still here")
    finally:
        logs.reset()
    assert "no log file" in console.getvalue() and "still here" in console.getvalue()
