#!/usr/bin/env bash
# Installs what the browser tests need, skipping what is already there:
# Debian's chromium (never a Playwright-downloaded browser) and npm packages pinned in package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian chromium (needs root)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
if [[ -f package-lock.json ]] && [[ ! -d node_modules || package-lock.json -nt node_modules ]]; then
  npm ci --no-audit --no-fund --silent
  touch node_modules
fi
