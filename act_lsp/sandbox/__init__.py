"""The sandbox client: the only part of ACT that talks to Docker.

Typical use::

    with SandboxPool(SandboxConfig(workers=2)) as pool:
        results = pool.run_batch([Job.of("go_test", code, extra_files={"main_test.go": tests})])
"""

from act_lsp.sandbox.pool import SandboxConfig, SandboxPool, run_in_fresh_container
from act_lsp.sandbox.recipes import RECIPES, Recipe, get_recipe
from act_lsp.sandbox.types import STATUSES, Job, JobError, Limits, RunResult, SandboxError

__all__ = [
    "RECIPES", "STATUSES", "Job", "JobError", "Limits", "Recipe", "RunResult", "SandboxConfig", "SandboxError",
    "SandboxPool", "get_recipe", "run_in_fresh_container",
]
