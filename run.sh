#!/usr/bin/env bash
# The one entry point: ./run.sh (the main job), ./run.sh test, ./run.sh engine ARGS...,
# ./run.sh bench NAME..., ./run.sh benchmarks ARGS..., ./run.sh help.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
ENGINE_DLL="$ROOT/src/Engine.Cli/bin/Release/net10.0/engine.dll"
JOURNAL_DLL="$ROOT/src/Engine.JournalReader/bin/Release/net10.0/journal.dll"
RING_REFERENCE_DLL="$ROOT/bench/Engine.RingReference/bin/Release/net10.0/ring-reference.dll"
RESULTS="$ROOT/artifacts/test-results"

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

usage() {
  cat <<'TXT'
usage: ./run.sh [COMMAND] [ARGS...]

  (no command)        the main job: the local simulator and the engine against it in sim mode
                      for 60 s (--duration 30s to change), then replay --verify of its journal
  test                build and run every test suite; ends with "N passed, N failed"
  engine ARGS...      run the engine command line (e.g. ./run.sh engine --help)
  journal ARGS...     the auditors' journal reader: dump, verify, stats, orders, export, tail (no engine start-up)
  bench NAME [ARGS]   a quick benchmark (NAME: ring, ring-reference, decode, journal, sim, ticker, pipeline, orders, wait, strategy), e.g. ./run.sh bench ring --json
  benchmarks [ARGS]   the BenchmarkDotNet suites (e.g. --filter '*Unicast*'); slow, thorough
  help                this text
TXT
}

# What a fresh Debian machine with the .NET SDK may lack.
ensure_prerequisites() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK is not installed (need .NET 10: https://dotnet.microsoft.com/download)"
  local sdk
  sdk=$(dotnet --version 2>/dev/null || true)
  case "$sdk" in
    10.*|1[1-9].*) ;;
    *) die "the .NET 10 SDK is needed, found '${sdk:-none}'" ;;
  esac
}

# The tests check that the stock lz4 command opens sealed segments (the engine itself needs no
# native library).
ensure_lz4_tool() {
  command -v lz4 >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing lz4 (the interoperability test opens sealed segments with it)"
    apt-get update -qq >/dev/null && apt-get install -y -qq lz4 >/dev/null
  else
    say "warning: the lz4 command is missing; the interoperability tests will fail (sudo apt-get install lz4)"
  fi
}

build_engine() {
  say "building the engine (Release)..."
  local log
  log=$(dotnet build "$ROOT/src/Engine.Cli/Engine.Cli.csproj" -c Release -nologo -v quiet 2>&1) \
    || { printf '%s\n' "$log" >&2; die "build failed"; }
}

engine() { dotnet "$ENGINE_DLL" "$@"; }

build_ring_reference() {
  say "building the ring comparison (Release)..."
  local log
  log=$(dotnet build "$ROOT/bench/Engine.RingReference/Engine.RingReference.csproj" -c Release -nologo -v quiet 2>&1) \
    || { printf '%s\n' "$log" >&2; die "build failed"; }
}

build_reader() {
  local log
  log=$(dotnet build "$ROOT/src/Engine.JournalReader/Engine.JournalReader.csproj" -c Release -nologo -v quiet 2>&1) \
    || { printf '%s\n' "$log" >&2; die "build failed"; }
}

# Sums the counters of every TRX file: prints "N passed, N failed".
summarize_tests() {
  local passed=0 failed=0 p f file
  for file in "$RESULTS"/*.trx; do
    [ -e "$file" ] || continue
    p=$(grep -o '<Counters [^>]*' "$file" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    f=$(grep -o '<Counters [^>]*' "$file" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  done
  echo "$passed passed, $failed failed"
}

# The compatibility test runs Zerodha's official JS client (pinned in tests/official-client).
ensure_official_client() {
  local dir="$ROOT/tests/official-client"
  [ -d "$dir/node_modules/kiteconnect" ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "installing nodejs and npm (for the official Kite client compatibility test)"
      apt-get update -qq >/dev/null && apt-get install -y -qq nodejs npm >/dev/null
    else
      say "warning: npm is missing; the official Kite client compatibility test will fail (sudo apt-get install nodejs npm)"
      return 0
    fi
  fi
  say "installing the official Kite JS client for the compatibility test..."
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) \
    || say "warning: npm ci failed in tests/official-client; the compatibility test will fail"
}

run_tests() {
  ensure_lz4_tool
  ensure_official_client
  rm -rf "$RESULTS"; mkdir -p "$RESULTS"
  say "building and testing (Release)..."
  local status=0
  dotnet test "$ROOT/Engine.sln" -c Release -nologo \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS" \
    --blame-hang-timeout 5m "$@" || status=$?
  local summary
  summary=$(summarize_tests)
  if [ "$status" -ne 0 ] && [ "${summary%% *}" = 0 ] && ! ls "$RESULTS"/*.trx >/dev/null 2>&1; then
    summary="0 passed, 1 failed"
  fi
  echo "$summary"
  return "$status"
}

# The main job: the local simulator in its own process, the engine in sim mode against it over a
# real WebSocket for a bounded time, then replay --verify of the journal it just wrote.
main_job() {
  local duration=60s config="$ROOT/config/engine.yaml"
  while [ $# -gt 0 ]; do
    case "$1" in
      --duration) [ $# -ge 2 ] || die "--duration needs a value (e.g. 30s, 2m)"; duration=$2; shift 2 ;;
      --duration=*) duration=${1#*=}; shift ;;
      --config) [ $# -ge 2 ] || die "--config needs a file"; config=$2; shift 2 ;;
      --config=*) config=${1#*=}; shift ;;
      *) usage >&2; die "unknown option '$1' (the main job takes --duration and --config)" ;;
    esac
  done
  build_engine
  build_reader

  local journal
  journal="$ROOT/journal/run-$(date +%Y%m%d-%H%M%S)"
  local work
  work=$(mktemp -d)
  local sim_pid=""
  # shellcheck disable=SC2317
  # SIGTERM, not SIGINT: a non-interactive shell starts background jobs with SIGINT ignored.
  stop_sim() { if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then kill -TERM "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
  trap stop_sim EXIT

  # The simulator takes its market (seed, rate, pace, session day) from the same configuration.
  say "starting the simulator (engine sim) on a free loopback port..."
  dotnet "$ENGINE_DLL" sim --port 0 --config "$config" --log-level warning >"$work/sim.out" 2>"$work/sim.err" &
  sim_pid=$!
  local url="" waited=0
  while [ -z "$url" ]; do
    url=$(sed -n 's/^listening ws=\([^ ]*\).*/\1/p' "$work/sim.out" 2>/dev/null | head -n 1)
    [ -n "$url" ] && break
    kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.err" >&2; die "the simulator exited before listening"; }
    [ $waited -lt 300 ] || die "the simulator did not start listening within 30 s"
    sleep 0.1; waited=$((waited + 1))
  done
  say "simulator listening at $url"
  say "running the engine for $duration in sim mode (Ctrl-C stops it early, cleanly)..."
  say ""

  local status=0
  engine run --config "$config" --duration "$duration" --journal "$journal" --ticker-url "$url" || status=$?
  stop_sim
  trap - EXIT
  [ "$status" -eq 0 ] || die "the engine stopped with exit code $status; its journal is in $journal"

  say ""
  say "replaying the journal through the same pipeline and checking every decision (replay --verify)..."
  engine replay "$journal" --verify || die "replay --verify failed on $journal"

  local rel=${journal#"$ROOT"/}
  say ""
  say "orders this run (journal orders --summary):"
  dotnet "$JOURNAL_DLL" orders "$journal" --summary || die "could not read the orders in $journal"
  cat <<TXT

The journal of this run is in $rel. Read it with the journal reader (it does not start the engine):
  ./run.sh journal stats  $rel                    records by type, time span, rates, sizes
  ./run.sh journal verify $rel                    CRCs, sequences, hash chain
  ./run.sh journal orders $rel                    each order's life: input, intent, verdict, request, replies, fills
  ./run.sh journal dump   $rel --type signal_intent,risk_verdict,order_request
  ./run.sh journal dump   $rel --type tick --limit 5 --format json
  ./run.sh engine replay  $rel --decisions        every decision, replayed
  ./run.sh engine report  $rel --html report.html P&L, drawdown, Sharpe, every round trip (one page that opens offline)
  ./run.sh journal verify $rel --digest $rel.digest --key config/digest.key   the journal is the one its signed digest vouched for
TXT
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
  help|-h|--help) usage ;;
  test) ensure_prerequisites; run_tests "$@" ;;
  engine) ensure_prerequisites; build_engine; engine "$@" ;;
  journal) ensure_prerequisites; build_reader; dotnet "$JOURNAL_DLL" "$@" ;;
  bench)
    [ $# -gt 0 ] || die "bench needs a name: ring, ring-reference, decode, journal, sim, ticker, pipeline, orders, wait or strategy (e.g. ./run.sh bench ring --json)"
    ensure_prerequisites
    if [ "$1" = ring-reference ]; then
      # A program of its own, so the engine never depends on the reference implementation.
      shift; build_ring_reference; dotnet "$RING_REFERENCE_DLL" "$@"
    else
      build_engine; engine bench "$@"
    fi ;;
  benchmarks) ensure_prerequisites; dotnet run -c Release --project "$ROOT/bench/Engine.Benchmarks" -- "$@" ;;
  ""|--duration|--duration=*|--config|--config=*)
    [ -z "$cmd" ] || set -- "$cmd" "$@"
    ensure_prerequisites; main_job "$@" ;;
  *) usage >&2; die "unknown command '$cmd'" ;;
esac
