"""Build the sandbox image without any registry: Debian rootfs (mmdebstrap) -> docker import -> Dockerfile.

Both images are tagged by a hash of their inputs, so a rebuild happens exactly when an input changed
and the runtime always uses the image that matches the runner it ships.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from act_lsp.languages import LANGUAGES
from act_lsp.sandbox.docker_client import docker_client
from act_lsp.sandbox.types import SandboxError

SUITE = "bookworm"
# Every language's toolchain (``Language.packages``), plus python3 for the runner.
BASE_PACKAGES = tuple(sorted({"ca-certificates", "python3",
                              *(package for lang in LANGUAGES.values() for package in lang.packages)}))
BASE_REPO = "act-sandbox-base"
IMAGE_REPO = "act-sandbox"


def sandbox_dir() -> Path:
    """The repository's ``sandbox/`` folder (Dockerfile + runner.py)."""
    here = Path(__file__).resolve().parents[2] / "sandbox"
    if not (here / "Dockerfile").is_file():
        raise SandboxError(f"cannot find sandbox/Dockerfile next to the act_lsp package (looked in {here}); "
                           "install ACT from a checkout with `pip install -e .`")
    return here


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()[:16]


def base_tag() -> str:
    return f"{BASE_REPO}:{_digest(SUITE.encode(), ' '.join(sorted(BASE_PACKAGES)).encode())}"


def image_tag() -> str:
    src = sandbox_dir()
    inputs = [base_tag().encode()] + [(src / n).read_bytes() for n in ("Dockerfile", "runner.py")]
    return f"{IMAGE_REPO}:{_digest(*inputs)}"


def image_exists(tag: str, host: str | None = None) -> bool:
    import docker.errors

    try:
        docker_client(host).images.get(tag)
        return True
    except docker.errors.ImageNotFound:
        return False


def copy_image(host: str, log: Callable[[str], None] = print) -> str:
    """Put this checkout's sandbox image (built here) on another engine, streamed without a registry or a file."""
    tag = require_image()
    if image_exists(tag, host):
        return tag
    log(f"copying {tag} to {host} ...")
    docker_client(host).api.load_image(docker_client().api.get_image(tag))
    if not image_exists(tag, host):
        raise SandboxError(f"{host}: loading {tag} did not produce the image")
    return tag


def build_base(log: Callable[[str], None] = print) -> str:
    tag = base_tag()
    if image_exists(tag):
        return tag
    if shutil.which("mmdebstrap") is None:
        raise SandboxError("mmdebstrap is not installed; run `apt-get install mmdebstrap` (scripts/setup.sh does)")
    repo, _, version = tag.partition(":")
    with tempfile.TemporaryDirectory(prefix="act-rootfs-") as tmp:
        rootfs = Path(tmp) / "rootfs.tar"
        log(f"building the sandbox base rootfs with mmdebstrap ({SUITE}; about 2 minutes) ...")
        cmd = ["mmdebstrap", "--variant=apt", "--quiet", f"--include={','.join(BASE_PACKAGES)}", SUITE, str(rootfs)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SandboxError(f"mmdebstrap failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
        log(f"importing {rootfs.stat().st_size >> 20} MiB rootfs as {tag} ...")
        docker_client().api.import_image_from_file(str(rootfs), repository=repo, tag=version)
    if not image_exists(tag):
        raise SandboxError(f"docker import did not produce {tag}")
    return tag


def build_image(log: Callable[[str], None] = print) -> str:
    """Make sure the sandbox image exists; build whatever is missing. Returns its tag."""
    tag = image_tag()
    if image_exists(tag):
        return tag
    base = build_base(log)
    log(f"building {tag} from sandbox/Dockerfile ...")
    import docker.errors

    try:
        docker_client().images.build(path=str(sandbox_dir()), tag=tag, buildargs={"BASE": base}, rm=True,
                                     network_mode="none", pull=False)
    except docker.errors.BuildError as exc:
        lines = "".join(str(chunk.get("stream", "")) for chunk in exc.build_log)
        raise SandboxError(f"docker build failed: {exc}\n{lines[-3000:]}") from None
    return tag


def require_image(host: str | None = None) -> str:
    """The image's tag, when the engine (the environment's, or ``host``) has it; else what to run, as the error."""
    tag = image_tag()
    if image_exists(tag, host):
        return tag
    if host is None:
        raise SandboxError(f"the sandbox image {tag} is not built; run `act-train sandbox build` (or `make setup`)")
    raise SandboxError(f"engine {host} does not have the sandbox image {tag}; run `act-train sandbox copy --to {host}`")
