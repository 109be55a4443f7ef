#!/usr/bin/env bash
# Run right after `npm install`: fails when the install rewrote package-lock.json, i.e. when the
# lockfile in git is not the one npm would write for package.json (CI runs it in a fresh clone).
# The comparison is against git's index, so a lockfile change you mean to commit counts once it
# is staged (`git add package-lock.json`).
#
# To refresh the lockfile: `npm install` (npm 11), then commit package-lock.json; `npm ci` must
# accept it. A lockfile written by an npm that left out other platforms' optional packages
# (e.g. @next/swc-darwin-*, @rollup/rollup-win32-*) is completed by npm 11 on every install,
# which is exactly the drift this check catches.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=package-lock.json
# The lockfile is written with npm 11 (its format: "libc" fields, complete optional entries).
# A different npm major rewrites it by design, which is not the commit's fault: then only warn.
expected_npm_major="${LOCKFILE_NPM_MAJOR:-11}"

if ! git_err="$(git rev-parse --is-inside-work-tree 2>&1 >/dev/null)"; then
  if [ "${CI:-}" = "true" ]; then
    echo "check-lockfile: cannot ask git whether npm install changed $lock in $(pwd): ${git_err:-not a git work tree}" >&2
    exit 1
  fi
  echo "check-lockfile: not a git work tree, skipped." >&2
  exit 0
fi
if ! git ls-files --error-unmatch -- "$lock" >/dev/null 2>&1; then
  echo "check-lockfile: $lock is not tracked by git; commit it (npm ci needs it)." >&2
  exit 1
fi

set +e
git diff --quiet -- "$lock"
status=$?
set -e
if [ "$status" -eq 0 ]; then
  echo "check-lockfile: npm install left $lock unchanged."
  exit 0
fi
if [ "$status" -ne 1 ]; then
  echo "check-lockfile: 'git diff -- $lock' failed (exit $status)." >&2
  exit "$status"
fi

npm_version="$(npm --version 2>/dev/null || echo unknown)"
{
  echo "check-lockfile: FAILED: 'npm install' (npm $npm_version) changed $lock, so the committed lockfile"
  echo "is not the one npm writes for package.json and 'npm ci' may reject it."
  git diff --stat -- "$lock"
  # Which package entries the install added, removed or changed (index → work tree).
  git show ":$lock" | node -e '
    const fs = require("fs");
    const before = JSON.parse(fs.readFileSync(0, "utf8")).packages ?? {};
    const after = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).packages ?? {};
    const name = (k) => (k === "" ? "(root)" : k.replace(/^node_modules\//, ""));
    const show = (label, keys) => {
      if (!keys.length) return;
      console.log(`${label} (${keys.length}):`);
      for (const k of keys.slice(0, 40)) console.log(`  ${name(k)}${after[k]?.version ? "@" + after[k].version : before[k]?.version ? "@" + before[k].version : ""}`);
      if (keys.length > 40) console.log(`  … and ${keys.length - 40} more`);
    };
    show("added by npm install", Object.keys(after).filter((k) => !(k in before)));
    show("removed by npm install", Object.keys(before).filter((k) => !(k in after)));
    show("changed by npm install", Object.keys(after).filter((k) => k in before && JSON.stringify(after[k]) !== JSON.stringify(before[k])));
  ' "$lock" || true
  echo "First lines of the diff:"
  git --no-pager diff -- "$lock" | sed -n "1,60p"  # sed reads it all: no SIGPIPE under pipefail
  echo "Fix: run 'npm install' with npm $expected_npm_major and commit the resulting $lock."
} >&2

npm_major="${npm_version%%.*}"
if [ "$npm_major" != "$expected_npm_major" ]; then
  echo "check-lockfile: warning only: this is npm $npm_version, the lockfile is kept with npm $expected_npm_major.x (set LOCKFILE_NPM_MAJOR to change)." >&2
  exit 0
fi
exit 1
