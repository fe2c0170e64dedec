#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only when they are missing:
#   chromium        Playwright e2e (never `npx playwright install`)
#   fonts-noto-cjk  Chinese glyphs in browser screenshots
#   postgresql      server binaries for the throwaway test database (scripts/pg-temp.mjs);
#                   the project never uses a system-wide PostgreSQL service
#   poppler-utils   pdftotext, used by tests that read generated PDFs
# Idempotent: a machine that has everything runs no apt command at all.
# Set BIANMIN_SKIP_SYSTEM_DEPS=1 to skip the check entirely.
set -euo pipefail

if [[ "${BIANMIN_SKIP_SYSTEM_DEPS:-}" == "1" ]]; then
  echo "[system-deps] skipped (BIANMIN_SKIP_SYSTEM_DEPS=1)"
  exit 0
fi

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

have_pg_binaries() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]] && return 0
  done
  return 1
}

missing=()
# chromium: the binary path the Playwright config uses.
if ! [[ -x /usr/bin/chromium ]] && ! installed chromium; then missing+=(chromium); fi
if ! installed fonts-noto-cjk; then missing+=(fonts-noto-cjk); fi
# postgresql: any versioned server package (postgresql-15, -16, ...) is enough.
if ! have_pg_binaries || ! command -v pg_isready >/dev/null 2>&1; then missing+=(postgresql); fi
if ! command -v pdftotext >/dev/null 2>&1 && ! installed poppler-utils; then missing+=(poppler-utils); fi

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "[system-deps] ok: chromium fonts-noto-cjk postgresql poppler-utils present"
  exit 0
fi

echo "[system-deps] missing: ${missing[*]}"

if ! command -v apt-get >/dev/null 2>&1; then
  echo "[system-deps] ERROR: apt-get not found. This script supports Debian/Ubuntu only." >&2
  echo "[system-deps] Install these packages by hand: ${missing[*]}" >&2
  exit 1
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "[system-deps] ERROR: not running as root, cannot install packages." >&2
  echo "[system-deps] Run once as root:" >&2
  echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  echo "[system-deps] (or set BIANMIN_SKIP_SYSTEM_DEPS=1 if you provide them another way)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "[system-deps] apt-get update"
apt-get update
echo "[system-deps] apt-get install ${missing[*]}"
apt-get install -y --no-install-recommends "${missing[@]}"

# Verify.
fail=0
[[ -x /usr/bin/chromium ]] || { echo "[system-deps] ERROR: /usr/bin/chromium still missing" >&2; fail=1; }
have_pg_binaries || { echo "[system-deps] ERROR: PostgreSQL server binaries still missing" >&2; fail=1; }
command -v pdftotext >/dev/null 2>&1 || { echo "[system-deps] ERROR: pdftotext still missing" >&2; fail=1; }
installed fonts-noto-cjk || { echo "[system-deps] ERROR: fonts-noto-cjk still missing" >&2; fail=1; }
id postgres >/dev/null 2>&1 || { echo "[system-deps] ERROR: user 'postgres' missing after install" >&2; fail=1; }
exit "$fail"
