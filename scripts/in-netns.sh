#!/usr/bin/env bash
# Runs a command inside a fresh network namespace with only loopback up, then removes it.
# Tests send torture and hostile SIP naming foreign hosts: in here nothing can leave the
# machine, and Kamailio's ports never collide with anything running outside.
set -euo pipefail
if [[ $(id -u) -ne 0 ]]; then
  echo "kamailio-ts: the tests create a network namespace (ip netns add): run them as root" >&2
  exit 1
fi
ns="kts-test-$$"
ip netns add "$ns"
trap 'ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null; ip netns delete "$ns"' EXIT
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" "$@"
