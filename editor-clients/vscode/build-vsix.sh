#!/bin/sh
# Builds act-translate-<version>.vsix from this folder (npm registry only; vsce 3.9.2 is the last for Node 20).
set -eu
cd "$(dirname "$0")"
npm install --silent --no-audit --no-fund --omit=dev
npx --yes @vscode/vsce@3.9.2 package --allow-missing-repository --skip-license -o "${1:-act-translate.vsix}"
