#!/usr/bin/env bash
# One-time and every-time set-up for ACT; idempotent. Called by `make demo`, `make test` and `make setup`.
#   1. a virtualenv in .venv with ACT and its dependencies (reinstalled only when pyproject.toml changes)
#   2. a Docker engine that answers (installs Debian's docker.io and starts dockerd when needed, as root)
#   3. the sandbox image (rebuilt only when its inputs change)
#   4. models in the model store ($ACT_HOME/models); ACT_SETUP_MODELS picks which (default: the default model)
#   5. for `make test` (ACT_SETUP_TEST=1): Debian's PostgreSQL server, which the team-store tests start on a socket
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
"$PY" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || die "ACT needs Python 3.11 (found $("$PY" --version 2>&1))"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq || die "apt-get update failed; install ${missing[*]} by hand"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "could not install ${missing[*]} (need root or sudo)"
}

# --- 1. Python environment ----------------------------------------------------------------------
[ -x .venv/bin/python ] || { say "creating .venv"; "$PY" -m venv .venv; }
stamp=".venv/.act-deps-$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  say "installing Python dependencies (the first time builds llama-cpp-python: ~7 minutes on 2 cores)"
  .venv/bin/pip install -q --upgrade pip wheel
  # torch first and pinned: its CPU wheel is on local disk; a looser spec would pull a multi-GB CUDA build.
  .venv/bin/pip install -q 'torch==2.13.0'
  .venv/bin/pip install -q -e '.[train,test]'
  rm -f .venv/.act-deps-*; touch "$stamp"
fi

# --- 2. Docker engine ---------------------------------------------------------------------------
if ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null || apt_install docker.io
  command -v dockerd >/dev/null || die "no dockerd after installing docker.io"
  say "starting dockerd in the background (log: /var/log/act-dockerd.log)"
  as_root sh -c 'nohup dockerd >/var/log/act-dockerd.log 2>&1 &' || die "cannot start dockerd: run it as root"
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || die "dockerd did not come up in 60 s; see /var/log/act-dockerd.log"
fi

# --- 3. sandbox image and 4. models --------------------------------------------------------------
if ! .venv/bin/act-train sandbox status --quiet; then
  command -v mmdebstrap >/dev/null || apt_install mmdebstrap
fi
.venv/bin/act-train sandbox build
.venv/bin/act-train models install ${ACT_SETUP_MODELS:-qwen2.5-coder-0.5b}

# --- 5. test-only parts ---------------------------------------------------------------------------
if [ "${ACT_SETUP_TEST:-0}" = 1 ] && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  apt_install postgresql
fi
say "ready"
