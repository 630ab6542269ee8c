#!/usr/bin/env bash
# Runs every test: typecheck, lint, unit + integration (vitest), end-to-end (Playwright in Chromium).
# Goes on after a failure, and ends with one line "N passed, N failed" summed over all of them.
# A runner that crashes, or reports an error outside any test (a file that fails to load, an unhandled
# error, a failing hook), counts as at least one failure: a green total must mean that everything ran.
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
out=$(mktemp -d)
passed=0
failed=0
summary=()
count() {
  passed=$((passed + $2))
  failed=$((failed + $3))
  summary+=("$(printf '%-12s %4d passed, %d failed' "$1" "$2" "$3")")
}

# A throwaway PostgreSQL and Redis for the tests of issue 17's modes (TEST_DATABASE_URL, TEST_REDIS_URL),
# on loopback with their files in temp dirs; stopped at the end however the run ends.
stop_services() {
  [ -z "${TEST_DATABASE_URL:-}" ] || bash scripts/postgres.sh stop "$TEST_DATABASE_URL" || true
  [ -z "${TEST_REDIS_URL:-}" ] || bash scripts/redis.sh stop "$TEST_REDIS_URL" || true
  rm -rf "$out"
}
trap stop_services EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== services"
services_failed=0
# start_service NAME SCRIPT VARIABLE BINARY: a missing binary is said here; the tests needing it then fail.
start_service() {
  local name=$1 script=$2 variable=$3 binary=$4 url
  if [ ! -x "$binary" ] && ! command -v "$binary" >/dev/null; then
    echo "$name is not installed (Debian: apt-get install -y ${5:-$name}): the tests that need $variable will fail"
  elif url=$(bash "$script" start); then
    export "$variable=$url"
    echo "$name for the tests: $url"
  else
    echo "$name did not start (above): the tests that need $variable will fail"
    services_failed=$((services_failed + 1))
  fi
}
start_service PostgreSQL scripts/postgres.sh TEST_DATABASE_URL "${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}/initdb" postgresql
start_service Redis scripts/redis.sh TEST_REDIS_URL redis-server redis-server
[ "$services_failed" -eq 0 ] || count services 0 "$services_failed"

echo "== typecheck"
tc_pass=0
tc_fail=0
for manifest in */package.json; do
  pkg=$(dirname "$manifest")
  grep -q '"typecheck"' "$manifest" || continue
  if pnpm --filter "./$pkg" typecheck; then
    tc_pass=$((tc_pass + 1))
  else
    echo "typecheck failed: $pkg"
    tc_fail=$((tc_fail + 1))
  fi
done
count typecheck "$tc_pass" "$tc_fail"

echo "== lint"
if pnpm lint; then count lint 1 0; else count lint 0 1; fi

echo "== unit and integration"
pnpm exec vitest run --passWithNoTests --reporter=default --reporter=json --outputFile="$out/vitest.json"
vitest_status=$?
if [ -s "$out/vitest.json" ]; then
  read -r p f < <(node -e '
    const r = require(process.argv[1]);
    const status = Number(process.argv[2]);
    let failed = r.numFailedTests;
    // A file that failed without a failing test in it: an import error, a failing beforeAll/afterAll.
    for (const file of r.testResults ?? []) {
      if (file.status === "failed" && !(file.assertionResults ?? []).some((a) => a.status === "failed")) failed++;
    }
    // Unhandled errors only show in the exit status.
    if (failed === 0 && (status !== 0 || r.success === false)) failed = 1;
    console.log(r.numPassedTests, failed);
  ' "$out/vitest.json" "$vitest_status")
  count vitest "${p:-0}" "${f:-1}"
else
  echo "vitest produced no report (exit $vitest_status)"
  count vitest 0 1
fi

echo "== end-to-end"
if pnpm build; then
  PLAYWRIGHT_JSON_OUTPUT_NAME="$out/pw.json" pnpm --filter ./tests exec playwright test -c playwright.config.ts \
    --reporter=list,json
  pw_status=$?
  if [ -s "$out/pw.json" ]; then
    read -r p f < <(node -e '
      const r = require(process.argv[1]);
      const status = Number(process.argv[2]);
      const s = r.stats;
      // "No tests found" with no spec files is 0/0, not a failure; any other error is (a spec that
      // fails to load, a config error, a failing global setup).
      const errors = (r.errors ?? []).filter((e) => !/^Error: No tests found/.test(e.message ?? ""));
      let failed = s.unexpected + errors.length;
      const ran = s.expected + s.unexpected + s.flaky + s.skipped;
      if (failed === 0 && status !== 0 && (ran > 0 || (r.errors ?? []).length === 0)) failed = 1;
      console.log(s.expected + s.flaky, failed);
    ' "$out/pw.json" "$pw_status")
    count playwright "${p:-0}" "${f:-1}"
  else
    echo "playwright produced no report (exit $pw_status)"
    count playwright 0 1
  fi
else
  echo "client build failed"
  count e2e-build 0 1
fi

echo "== summary"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
