"""The one place that connects to Docker, so 'Docker is down' is reported once and clearly."""

from __future__ import annotations

import functools

from act_lsp.sandbox.types import SandboxError

DOCKER_DOWN = (
    "cannot reach a Docker engine ({reason}). Start one (as root: `dockerd &`, or `systemctl start docker`), "
    "or run `make setup`, which installs and starts it."
)


@functools.cache
def docker_client():
    """A connected client; raises ``SandboxError`` (no traceback material) when the engine is unreachable."""
    import docker
    import docker.errors

    try:
        client = docker.from_env(timeout=120)
        client.ping()
    except (docker.errors.DockerException, OSError) as exc:
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise SandboxError(DOCKER_DOWN.format(reason=reason)) from None
    return client
