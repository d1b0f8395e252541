#!/usr/bin/env bash
# Installs what kamailio-ts needs on Debian 12: the Debian packages it runs and tests with,
# then the npm packages. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  kamailio kamailio-lua-modules kamailio-sqlite-modules kamailio-redis-modules
  kamailio-extra-modules kamailio-utils-modules
  kamailio-postgres-modules redis-server postgresql
  sip-tester lua5.1 luajit lua-busted lua-unit sqlite3 iproute2
  fail2ban # only fail2ban-regex, which test/e2e/banning.test.mjs runs on the shipped filter
)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done

if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "kamailio-ts: missing Debian packages. As root, run:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "kamailio-ts: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# npm ci when node_modules is missing or older than the lock file. A node_modules that is a
# symlink (a second checkout sharing another's packages) is never reinstalled: npm ci would
# empty the directory it points to, under the other checkout's feet.
if [[ -L node_modules ]]; then
  echo "kamailio-ts: node_modules is a symlink: not reinstalled (run npm ci where it points)" >&2
elif [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund >&2
fi
