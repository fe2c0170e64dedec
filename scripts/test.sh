#!/usr/bin/env bash
# `npm test`: every check the project has, in order.
#
#   system-deps  Debian packages the tests need (scripts/ensure-system-deps.sh)
#   typecheck    tsc --noEmit over src, web, scripts, bench, e2e and configs
#   lint         eslint
#   unit         vitest --project unit
#   api-pglite   vitest --project api on PGlite
#   api-pg       vitest --project api on a throwaway PostgreSQL (scripts/pg-temp.mjs)
#   build        server (tsc) + web (vite)
#   e2e          Playwright journeys in Debian Chromium against the built server
#
# Usage: bash scripts/test.sh [stage ...]     (default: all stages, in the order above)
#   FAIL_FAST=1                stop at the first failing stage (default: run the rest, report all)
#   TEST_BUDGET_SECONDS=1500   time budget for the whole run (a normal run takes ~10 min on 2 cores; the
#                              budget leaves room for a slow, noisy machine, CI allows 90 min);
#                              a stage still running when it is spent is killed and marked TIMEOUT,
#                              later stages are skipped
#   STAGE_TIMEOUT_SECONDS=900  cap for any one stage (a hung test must not eat the whole budget)
# Exits non-zero when any stage fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
export PATH="$ROOT/node_modules/.bin:$PATH"

ALL_STAGES=(system-deps typecheck lint unit api-pglite api-pg build e2e)
if [[ $# -gt 0 ]]; then
  STAGES=("$@")
  for s in "${STAGES[@]}"; do
    if [[ ! " ${ALL_STAGES[*]} " =~ \ $s\  ]]; then
      echo "unknown stage: $s (known: ${ALL_STAGES[*]})" >&2
      exit 2
    fi
  done
else
  STAGES=("${ALL_STAGES[@]}")
fi

# One id per run: keeps parallel runs on one machine apart (PGlite snapshot path in src/test/db.ts).
BIANMIN_TEST_RUN="$(date +%Y%m%d%H%M%S)-$$-${RANDOM}"
export BIANMIN_TEST_RUN
# NODE_ENV is left alone on purpose: vitest sets it to test, and `vite build` must see production.
# Never let a developer's own database settings leak into the tests.
unset DATABASE_URL TEST_PG_URL

BUDGET=${TEST_BUDGET_SECONDS:-1500}
STAGE_CAP=${STAGE_TIMEOUT_SECONDS:-900}
# Scratch space of this run: the temp PostgreSQL's directory is recorded here so that the cleanup
# finds it even when the stage was killed.
RUN_TMP="$(mktemp -d "${TMPDIR:-/tmp}/bianmin-test-run-XXXXXX")"
# Everything the tests put in the temp directory (PGlite snapshot, test DATA_DIRs, browser
# profiles) goes under the run's own directory and is removed with it.
mkdir -p "$RUN_TMP/tmp"
export TMPDIR="$RUN_TMP/tmp"
STAGE_PID=""
WATCHDOG_PID=""

kill_group() { # pgid signal
  [[ -n "$1" ]] && kill "-$2" -- "-$1" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  kill_group "$WATCHDOG_PID" KILL
  if [[ -n "$STAGE_PID" ]]; then
    kill_group "$STAGE_PID" TERM
    sleep 2
    kill_group "$STAGE_PID" KILL
  fi
  if [[ -s "$RUN_TMP/pg_dir" ]]; then
    node scripts/pg-temp.mjs stop "$(cat "$RUN_TMP/pg_dir")" || echo "warning: could not stop the temp PostgreSQL in $(cat "$RUN_TMP/pg_dir")" >&2
  fi
  rm -rf "$RUN_TMP"
  return "$rc"
}
trap cleanup EXIT
trap 'echo; echo "interrupted" >&2; exit 130' INT
trap 'echo "terminated" >&2; exit 143' TERM

if [[ -t 1 ]]; then BOLD=$'\e[1m'; RED=$'\e[31m'; GREEN=$'\e[32m'; YELLOW=$'\e[33m'; RESET=$'\e[0m'; else BOLD=''; RED=''; GREEN=''; YELLOW=''; RESET=''; fi

declare -A RESULT=()
declare -A SECONDS_TAKEN=()
FAILED=0

header() {
  echo
  echo "${BOLD}==================================================================${RESET}"
  echo "${BOLD}== $1${RESET}"
  echo "${BOLD}==================================================================${RESET}"
}

stage_system_deps() { bash scripts/ensure-system-deps.sh; }
stage_typecheck() { npm run --silent typecheck; }
stage_lint() { npm run --silent lint; }
stage_unit() { vitest run --project unit; }
stage_api_pglite() { vitest run --project api; }
stage_api_pg() {
  local json url dir
  # --record: the directory is known to the cleanup from its first moment.
  json="$(node scripts/pg-temp.mjs start --record "$RUN_TMP/pg_dir")" || return 1
  dir="$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).dir)' "$json")"
  url="$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).url)' "$json")"
  echo "temp PostgreSQL: $url ($dir)"
  local rc=0
  TEST_PG_URL="$url" vitest run --project api || rc=$?
  node scripts/pg-temp.mjs stop "$dir" && rm -f "$RUN_TMP/pg_dir"
  return "$rc"
}
stage_build() { npm run --silent build; }
stage_e2e() {
  if [[ ! -f dist/server/server.js || ! -f dist/web/index.html ]]; then
    echo "e2e needs the build (dist/server/server.js and dist/web/index.html); run the build stage first" >&2
    return 1
  fi
  # A free port, so that a server a developer left running on 3100 does not get tested by mistake.
  E2E_PORT="${E2E_PORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})')}"
  export E2E_PORT
  playwright test
}

# Runs one stage in its own process group (so that a timeout or Ctrl-C stops all of its children),
# under a watchdog that kills it when its time is up. Sets STAGE_RC (124 on timeout).
run_stage() { # stage seconds
  local stage=$1 limit=$2
  rm -f "$RUN_TMP/timed_out"
  set -m
  ( set +m; "stage_${stage//-/_}" ) &
  STAGE_PID=$!
  ( trap - INT TERM EXIT
    sleep "$limit"
    echo "${RED}-- $stage: time limit of ${limit}s reached, stopping it${RESET}" >&2
    touch "$RUN_TMP/timed_out"
    kill -TERM -- "-$STAGE_PID" 2>/dev/null
    sleep 15
    kill -KILL -- "-$STAGE_PID" 2>/dev/null ) &
  WATCHDOG_PID=$!
  disown "$WATCHDOG_PID" # no "Killed" job report when it is stopped
  set +m
  STAGE_RC=0
  wait "$STAGE_PID" || STAGE_RC=$?
  kill_group "$WATCHDOG_PID" KILL
  STAGE_PID=""
  WATCHDOG_PID=""
  if [[ -e "$RUN_TMP/timed_out" ]]; then STAGE_RC=124; fi
  # A killed api-pg stage could not stop its server itself.
  if [[ -s "$RUN_TMP/pg_dir" ]]; then
    node scripts/pg-temp.mjs stop "$(cat "$RUN_TMP/pg_dir")" && rm -f "$RUN_TMP/pg_dir"
  fi
}

TOTAL_START=$(date +%s)
for stage in "${STAGES[@]}"; do
  if [[ "$stage" == "e2e" && "${RESULT[build]:-}" =~ ^(FAIL|TIMEOUT|SKIP)$ ]]; then
    header "e2e: skipped (build did not pass)"
    RESULT[e2e]="SKIP"
    continue
  fi
  remaining=$(( BUDGET - ($(date +%s) - TOTAL_START) ))
  if (( remaining <= 5 )); then
    header "$stage: skipped (time budget of ${BUDGET}s spent)"
    RESULT[$stage]="SKIP"
    FAILED=1
    continue
  fi
  limit=$(( remaining < STAGE_CAP ? remaining : STAGE_CAP ))
  header "$stage"
  start=$(date +%s)
  run_stage "$stage" "$limit"
  rc=$STAGE_RC
  SECONDS_TAKEN[$stage]=$(( $(date +%s) - start ))
  if [[ $rc -eq 0 ]]; then
    RESULT[$stage]="PASS"
    echo "${GREEN}-- $stage passed (${SECONDS_TAKEN[$stage]}s)${RESET}"
  else
    FAILED=1
    if [[ $rc -eq 124 ]]; then
      RESULT[$stage]="TIMEOUT"
      echo "${RED}-- $stage TIMED OUT after ${SECONDS_TAKEN[$stage]}s (limit ${limit}s)${RESET}"
    else
      RESULT[$stage]="FAIL"
      echo "${RED}-- $stage FAILED (exit $rc, ${SECONDS_TAKEN[$stage]}s)${RESET}"
    fi
    if [[ "${FAIL_FAST:-0}" == "1" ]]; then break; fi
  fi
done

header "summary (run ${BIANMIN_TEST_RUN}, $(( $(date +%s) - TOTAL_START ))s)"
for stage in "${STAGES[@]}"; do
  r="${RESULT[$stage]:-NOT RUN}"
  case "$r" in
    PASS) color=$GREEN ;;
    FAIL | TIMEOUT) color=$RED ;;
    *) color=$YELLOW ;;
  esac
  printf '  %-12s %s%-8s%s %5ss\n' "$stage" "$color" "$r" "$RESET" "${SECONDS_TAKEN[$stage]:-0}"
done
echo
if [[ $FAILED -ne 0 ]]; then
  echo "${RED}${BOLD}npm test: FAILED${RESET}"
  exit 1
fi
echo "${GREEN}${BOLD}npm test: all stages passed${RESET}"
