#!/usr/bin/env bash
# The test command (`npm test`, or `npm test -- <jest args>`): builds the service, then runs the
# unit and end-to-end jest projects against a real PostgreSQL. Works on a fresh Debian 12 machine:
#
#   - As root, installs what is missing: `postgresql` (only when no server answers on
#     127.0.0.1:5432 and no initdb is installed), `prometheus` (`promtool` and a real
#     Prometheus for the tests that query one) and `chromium` (the dashboard's browser test).
#     Not root: prints the apt command and stops.
#   - Uses the PostgreSQL on 127.0.0.1:5432 when it answers and lets `postgres` in without a
#     password (database `test`, else `postgres`); otherwise starts a private, throwaway one on a
#     free port, removed on exit whatever happens.
#   - An explicit TEST_DATABASE_URL is used as given and nothing is started.
#   - The whole suite also runs `npm run lint` (ESLint, then Prettier's check); a finding counts as
#     one failed test.
#   - RT_TEST_FORCE_PRIVATE_PG=1 ignores the server on 5432 and starts the private one anyway
#     (how the private path is exercised on a machine that has a server running).
#
# The last line printed is always `tests: N passed, N failed`, which CI reads.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Node.js 22.15+ for the build and jest (Node 24 from the npm registry when the system's is older).
. scripts/use-node.sh

log() { echo "test.sh: $*" >&2; }
summary() { echo "tests: $1 passed, $2 failed"; }
fail() {
  log "$*"
  summary 0 1
  exit 1
}
now_ms() { date +%s%3N; }

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rt-test.XXXXXX")
PG_BASE=''
PG_CTL=''
JEST_PID=''
cleanup() {
  # Whatever the test run left behind (a service whose start outlived its test) is in jest's
  # process group; the group dies with the run.
  if [[ -n $JEST_PID ]]; then kill -KILL -- "-$JEST_PID" 2>/dev/null || true; fi
  if [[ -n $PG_BASE ]]; then
    # Immediate stop: the cluster is thrown away, so a clean shutdown checkpoint is wasted time.
    as_pg_owner "$PG_CTL" -D "$PG_BASE/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_BASE"
  fi
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

is_root() { [[ $(id -u) -eq 0 ]]; }

# initdb refuses to run as root, and the `postgres` user cannot write root-owned folders.
as_pg_owner() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_answers() {
  if command -v pg_isready >/dev/null; then
    pg_isready -q -h 127.0.0.1 -p 5432 -t 3
  else
    # No client tools yet: a TCP connect is the best available sign of a server.
    timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/5432' 2>/dev/null
  fi
}

# The newest installed PostgreSQL's bin folder (Debian keeps it off PATH), else whatever PATH has.
pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -n $dir && -x $dir/initdb ]]; then echo "$dir"; return; fi
  command -v initdb >/dev/null && dirname "$(command -v initdb)"
}

use_local_pg() { [[ -z ${TEST_DATABASE_URL:-} && ${RT_TEST_FORCE_PRIVATE_PG:-0} != 1 ]] && pg_answers; }

# --- (a) system packages ----------------------------------------------------------------------
missing=()
if [[ -z ${TEST_DATABASE_URL:-} ]] && ! use_local_pg && [[ -z $(pg_bin_dir) ]]; then missing+=(postgresql); fi
command -v promtool >/dev/null || missing+=(prometheus)
# The dashboard's browser test drives Debian's Chromium; the fonts keep its screenshots legible.
[[ -x /usr/bin/chromium ]] || missing+=(chromium fonts-liberation)
# docker-compose.yml is checked by Compose's own `config` command (no engine needed).
command -v docker-compose >/dev/null || missing+=(docker-compose)
if ((${#missing[@]})); then
  if ! is_root; then
    fail "missing system packages: ${missing[*]}. Install them with:" \
      "sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
  log "installing ${missing[*]} (apt-get)"
  apt_log="$RUN_DIR/apt.log"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$apt_log" 2>&1; then
    cat "$apt_log" >&2
    fail "apt-get install ${missing[*]} failed"
  fi
fi

# --- (b) the PostgreSQL the end-to-end tests create their databases in --------------------------
# Which database to connect to on the server at 5432: `test` is the convention on our machines, a
# stock server only has `postgres`. Fails when that server will not let `postgres` in without a
# password (a freshly installed Debian cluster wants one over TCP): then a private one is started.
local_pg_database() {
  node -e '
    const { Client } = require("pg");
    const c = new Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres", connectionTimeoutMillis: 3000 });
    c.connect()
      .then(() => c.query("SELECT 1 FROM pg_database WHERE datname = $1", ["test"]))
      .then((r) => console.log(r.rowCount > 0 ? "test" : "postgres"), (err) => { console.error(err.message); process.exitCode = 1; })
      .finally(() => c.end().catch(() => {}));
  '
}

if [[ -n ${TEST_DATABASE_URL:-} ]]; then
  log "using TEST_DATABASE_URL as given"
elif use_local_pg && db=$(local_pg_database 2>"$RUN_DIR/pg-check.log"); then
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"
  log "using the PostgreSQL on 127.0.0.1:5432 ($TEST_DATABASE_URL)"
else
  if use_local_pg; then log "the PostgreSQL on 127.0.0.1:5432 refused the postgres user ($(head -c 200 "$RUN_DIR/pg-check.log")); starting a private one"; fi
  bin=$(pg_bin_dir)
  [[ -n $bin ]] || fail "no PostgreSQL answers on 127.0.0.1:5432 and no initdb is installed"
  PG_CTL="$bin/pg_ctl"
  if is_root && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres || fail "cannot create the postgres user"
  fi
  started=$(now_ms)
  # Its own folder under /tmp: RUN_DIR may sit where the postgres user cannot reach.
  PG_BASE=$(mktemp -d /tmp/rt-pg.XXXXXX)
  is_root && chown postgres: "$PG_BASE"
  port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
  as_pg_owner "$bin/initdb" -D "$PG_BASE/data" -U postgres --auth=trust --no-locale -E UTF8 >"$PG_BASE/initdb.log" 2>&1 ||
    { cat "$PG_BASE/initdb.log" >&2; fail "initdb failed"; }
  # Durability settings off: the cluster lives for one test run.
  if ! as_pg_owner "$PG_CTL" -D "$PG_BASE/data" -l "$PG_BASE/server.log" -w -t 60 \
    -o "-p $port -k $PG_BASE -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null 2>&1; then
    cat "$PG_BASE/server.log" >&2
    fail "the private PostgreSQL did not start"
  fi
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  log "started a private PostgreSQL on 127.0.0.1:$port in $(($(now_ms) - started)) ms ($PG_BASE, removed on exit)"
fi

# --- (c) build: the end-to-end tests run the compiled service as a separate process -------------
npm run build --silent || fail "npm run build failed"

# --- (c2) lint: ESLint and Prettier over the whole tree, zero warnings --------------------------
# Only for the whole suite; a failing lint counts as one failed test but does not stop jest.
lint_failed=0
if (($# == 0)); then
  if ! npm run lint --silent >"$RUN_DIR/lint.log" 2>&1; then
    cat "$RUN_DIR/lint.log" >&2
    log "lint failed (npm run lint): ESLint or Prettier found something; \`npm run format\` fixes what it can"
    lint_failed=1
  else
    log "lint: ESLint and Prettier found nothing"
  fi
fi

# --- (d) jest, both projects, in ESM mode (Nest 12 is ESM only) ---------------------------------
# The whole suite reports the scoring library's coverage and fails below 95% (jest.config.mjs);
# a run of chosen files (`npm test -- <file>`) would fail that threshold, so it skips coverage.
coverage=()
(($# == 0)) && coverage=(--coverage)
report="$RUN_DIR/jest.json"
# In its own process group (job control on), so cleanup can end everything the tests started.
# --forceExit: a handle left open by a test must not keep CI waiting forever; the report is
# written before jest exits either way.
set -m
node --experimental-vm-modules node_modules/jest/bin/jest.js --json --outputFile="$report" --forceExit "${coverage[@]}" "$@" &
JEST_PID=$!
set +m
wait "$JEST_PID"
jest_status=$?

# --- (d2) benchmarks, quick: every benchmark still runs end to end ------------------------------
# Only for the whole suite; tiny sizes, and only a crash counts (as one failed test), never a time.
bench_failed=0
if (($# == 0)); then
  if node_modules/.bin/tsc -p bench/tsconfig.json && node bench/run.mjs --quick >"$RUN_DIR/bench.log" 2>&1; then
    grep -a '^|' "$RUN_DIR/bench.log" >&2 || true
    log "bench --quick: every benchmark ran (sizes too small for the figures to mean anything)"
  else
    cat "$RUN_DIR/bench.log" >&2
    log "bench --quick failed: a benchmark crashed (npm run bench -- --quick shows it)"
    bench_failed=1
  fi
fi

# --- (e) the closing line -----------------------------------------------------------------------
# A suite that fails outside any test (an import error, a failing beforeAll/afterAll) counts as one
# failure; a failing jest run without a report (bad arguments, global setup) counts as one too.
counts=$(node -e '
  const fs = require("fs");
  let r;
  try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch { console.log("0 0"); process.exit(0); }
  let failed = r.numFailedTests;
  for (const s of r.testResults) {
    if (s.status === "failed" && !s.assertionResults.some((a) => a.status === "failed")) failed += 1;
  }
  console.log(`${r.numPassedTests} ${failed}`);
' "$report")
read -r passed failed <<<"$counts"
if ((jest_status != 0 && failed == 0)); then failed=1; fi
failed=$((failed + lint_failed + bench_failed))
summary "$passed" "$failed"
((jest_status == 0 && failed == 0)) || exit 1
