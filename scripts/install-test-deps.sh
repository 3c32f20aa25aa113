#!/usr/bin/env bash
# Installs what the browser tests need, skipping what is already there:
#   - Debian's chromium (never a Playwright-downloaded browser: `playwright install` is not used);
#   - node and npm (Debian packages) and the npm packages pinned in package-lock.json (axe-core,
#     scorm-again).
# Safe to run again: it only acts when something is missing or package-lock.json changed.
# Installing Debian packages needs root (or sudo); everything else runs as the current user.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  local as_root=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      as_root=(sudo)
    else
      echo "install-test-deps: '$*' is missing and installing it needs root: run 'apt-get install -y $*' as root." >&2
      exit 1
    fi
  fi
  echo "install-test-deps: installing Debian package(s): $*"
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium
fi

if [[ -f package-lock.json ]]; then
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  # A stamp holding the lock file's checksum: `npm ci` runs again only when the lock file changed
  # or node_modules was removed.
  stamp=node_modules/.installed-from-lock
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
    echo "install-test-deps: npm ci (packages pinned in package-lock.json)"
    npm ci --no-audit --no-fund --silent
    echo "$want" > "$stamp"
  fi
fi

chromium --version 2>/dev/null || echo "install-test-deps: chromium is installed but did not report a version" >&2
echo "install-test-deps: axe-core $(node -p 'require("./node_modules/axe-core/package.json").version' 2>/dev/null || echo missing)"
echo "install-test-deps: scorm-again $(node -p 'require("./node_modules/scorm-again/package.json").version' 2>/dev/null || echo missing)"
