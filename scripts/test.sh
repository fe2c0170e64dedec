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
#   FAIL_FAST=1  stop at the first failing stage (default: run the rest, report all at the end)
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

PG_DIR=""
cleanup() {
  local rc=$?
  if [[ -n "$PG_DIR" ]]; then
    node scripts/pg-temp.mjs stop "$PG_DIR" || echo "warning: could not stop the temp PostgreSQL in $PG_DIR" >&2
    PG_DIR=""
  fi
  rm -f "${TMPDIR:-/tmp}/bianmin-pglite-snapshot-${BIANMIN_TEST_RUN}.tar.gz"
  return "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

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
  local json url
  json="$(node scripts/pg-temp.mjs start)" || return 1
  PG_DIR="$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).dir)' "$json")"
  url="$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).url)' "$json")"
  echo "temp PostgreSQL: $url ($PG_DIR)"
  local rc=0
  TEST_PG_URL="$url" vitest run --project api || rc=$?
  node scripts/pg-temp.mjs stop "$PG_DIR" || true
  PG_DIR=""
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

TOTAL_START=$(date +%s)
for stage in "${STAGES[@]}"; do
  if [[ "$stage" == "e2e" && "${RESULT[build]:-}" == "FAIL" ]]; then
    header "e2e: skipped (build failed)"
    RESULT[e2e]="SKIP"
    SECONDS_TAKEN[e2e]=0
    continue
  fi
  header "$stage"
  start=$(date +%s)
  rc=0
  "stage_${stage//-/_}" || rc=$?
  SECONDS_TAKEN[$stage]=$(( $(date +%s) - start ))
  if [[ $rc -eq 0 ]]; then
    RESULT[$stage]="PASS"
    echo "${GREEN}-- $stage passed (${SECONDS_TAKEN[$stage]}s)${RESET}"
  else
    RESULT[$stage]="FAIL"
    FAILED=1
    echo "${RED}-- $stage FAILED (exit $rc, ${SECONDS_TAKEN[$stage]}s)${RESET}"
    if [[ "${FAIL_FAST:-0}" == "1" ]]; then break; fi
  fi
done

header "summary (run ${BIANMIN_TEST_RUN}, $(( $(date +%s) - TOTAL_START ))s)"
for stage in "${STAGES[@]}"; do
  r="${RESULT[$stage]:-NOT RUN}"
  case "$r" in
    PASS) color=$GREEN ;;
    FAIL) color=$RED ;;
    *) color=$YELLOW ;;
  esac
  printf '  %-12s %s%-7s%s %5ss\n' "$stage" "$color" "$r" "$RESET" "${SECONDS_TAKEN[$stage]:-0}"
done
echo
if [[ $FAILED -ne 0 ]]; then
  echo "${RED}${BOLD}npm test: FAILED${RESET}"
  exit 1
fi
echo "${GREEN}${BOLD}npm test: all stages passed${RESET}"
