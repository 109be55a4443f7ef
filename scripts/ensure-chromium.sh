#!/usr/bin/env bash
# Playwright drives Debian's Chromium: its own browser download is not reachable here.
# Installs it when missing and we are root (CI, fresh machines); otherwise says what to do.
#
# Another apt/dpkg run (a boot-time upgrade, a second shell) may hold apt's locks; rather than
# failing at once we wait for them, for at most APT_LOCK_WAIT seconds (default 300).
# apt 2.6 (Debian 12) waits for the dpkg lock itself with -o DPkg::Lock::Timeout, but not for
# /var/lib/apt/lists/lock (taken by apt-get update) nor /var/cache/apt/archives/lock (taken by
# apt-get install while downloading): for those, a failure to get a lock is retried every few
# seconds until the same deadline.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  wait_max="${APT_LOCK_WAIT:-300}"
  deadline=$(( $(date +%s) + wait_max ))
  err="$(mktemp)"
  trap 'rm -f "$err"' EXIT
  announced=""

  # apt_get ARGS...: apt-get ARGS, waiting (bounded by the deadline) for any apt/dpkg lock.
  apt_get() {
    local left
    while :; do
      left=$(( deadline - $(date +%s) ))
      [ "$left" -gt 0 ] || left=1
      if apt-get -o "DPkg::Lock::Timeout=$left" "$@" 2>"$err"; then
        cat "$err" >&2
        return 0
      fi
      if grep -qE 'Could not get lock|Unable to (lock|acquire)' "$err" && [ "$(date +%s)" -lt "$deadline" ]; then
        if [ -z "$announced" ]; then
          echo "apt is busy ($(grep -m1 -oE 'Could not get lock .*' "$err")); waiting up to $(( deadline - $(date +%s) ))s…" >&2
          announced=1
        fi
        sleep 3
        continue
      fi
      cat "$err" >&2
      if grep -qE 'Could not get lock|Unable to (lock|acquire)' "$err"; then
        echo "Gave up waiting for apt's lock after ${wait_max}s (set APT_LOCK_WAIT to wait longer)." >&2
      fi
      return 1
    done
  }

  echo "Installing Debian's chromium for the end-to-end tests…"
  locks=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock)
  if command -v fuser >/dev/null && holders="$(fuser "${locks[@]}" 2>/dev/null)" && [ -n "${holders// /}" ]; then
    echo "apt/dpkg is in use (process $(echo $holders)); waiting up to ${wait_max}s for it to finish…" >&2
    announced=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt_get update -qq
  apt_get install -y -qq chromium >/dev/null
  exit 0
fi
echo "End-to-end tests need Chromium at $browser: run 'sudo apt-get install chromium' or set CHROMIUM_PATH." >&2
exit 1
