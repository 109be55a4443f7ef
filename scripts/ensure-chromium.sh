#!/usr/bin/env bash
# Playwright drives Debian's Chromium: its own browser download is not reachable here.
# Installs it when missing and we are root (CI, fresh machines); otherwise says what to do.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the end-to-end tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "End-to-end tests need Chromium at $browser: run 'sudo apt-get install chromium' or set CHROMIUM_PATH." >&2
exit 1
