#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs, idempotently, from Debian and the npm registry only:
# code-server 4.100.3 (VS Code 1.100.3, the last release for Node 20), Debian's Chromium, playwright-core.
# Usage: scripts/install-code-server.sh [DEST]   (default: ~/.cache/act/code-server)
set -euo pipefail
DEST=${1:-${ACT_TOOLS:-$HOME/.cache/act}/code-server}
VERSION=4.100.3
say() { printf '\033[1m[code-server]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for pkg in chromium libkrb5-dev ripgrep; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -x "$DEST/node_modules/.bin/code-server" ] && [ -f "$DEST/.installed-$VERSION" ]; then
  exit 0
fi
say "installing code-server $VERSION into $DEST (about a minute)"
export npm_config_nodedir=/usr npm_config_unsafe_perm=true npm_config_yes=true
mkdir -p "$DEST" && cd "$DEST"
[ -f package.json ] || echo '{"private":true}' > package.json
npm install --silent --no-audit --no-fund --ignore-scripts "code-server@$VERSION" playwright-core@1
npm rebuild --silent argon2
cd node_modules/code-server/lib/vscode
npm install --silent --no-audit --no-fund --omit=dev --ignore-scripts
# @vscode/ripgrep's postinstall downloads from GitHub; it is satisfied when bin/rg exists.
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
npm rebuild --silent >/dev/null 2>&1 || npm rebuild   # native modules (spdlog, node-pty, kerberos, ...)
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --silent --no-audit --no-fund --omit=dev)
"$DEST/node_modules/.bin/code-server" --version
touch "$DEST/.installed-$VERSION"
