"""The one place that connects to Docker, so 'Docker is down' is reported once and clearly."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from act_lsp.sandbox.types import SandboxError

DOCKER_DOWN = (
    "cannot reach a Docker engine ({reason}). Start one (as root: `dockerd &`, or `systemctl start docker`), "
    "or run `make setup`, which installs and starts it."
)


@functools.cache
def _client(host: str | None):
    import docker

    if host is None:
        return docker.from_env(timeout=120)
    return docker.DockerClient(base_url=host, timeout=120, tls=_tls(host), use_ssh_client=host.startswith("ssh://"))


def docker_client(host: str | None = None):
    """A connected client of the environment's engine (``DOCKER_HOST``...) or of ``host`` (``unix://``, ``tcp://``
    with TLS from ``DOCKER_CERT_PATH`` when ``DOCKER_TLS_VERIFY`` is set, ``ssh://user@box`` through the ssh
    client). Pinged on every call (about a millisecond), so an engine that went away is reported as such; raises
    ``SandboxError`` (no traceback material) when the engine is unreachable."""
    import docker.errors

    try:
        client = _client(host)
        client.ping()
    except (docker.errors.DockerException, OSError) as exc:
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise SandboxError((f"engine {host}: " if host else "") + DOCKER_DOWN.format(reason=reason)) from None
    return client


def _tls(host: str):
    """TLS for a ``tcp://`` engine, configured as the docker CLI is (``DOCKER_TLS_VERIFY``, ``DOCKER_CERT_PATH``)."""
    if not host.startswith("tcp://") or not os.environ.get("DOCKER_TLS_VERIFY"):
        return False
    import docker.tls

    certs = Path(os.environ.get("DOCKER_CERT_PATH") or Path.home() / ".docker")
    return docker.tls.TLSConfig(client_cert=(str(certs / "cert.pem"), str(certs / "key.pem")),
                                ca_cert=str(certs / "ca.pem"), verify=True)
