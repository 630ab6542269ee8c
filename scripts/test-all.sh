#!/usr/bin/env bash
# Runs every test: typecheck, lint, unit + integration (vitest), end-to-end (Playwright in Chromium).
# Goes on after a failure, and ends with one line "N passed, N failed" summed over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
passed=0
failed=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); }

echo "== typecheck"
for pkg in shared server client tests; do
  if pnpm --filter "./$pkg" typecheck; then count 1 0; else echo "typecheck failed: $pkg"; count 0 1; fi
done

echo "== lint"
if pnpm lint; then count 1 0; else count 0 1; fi

echo "== unit and integration"
pnpm exec vitest run --reporter=default --reporter=json --outputFile="$out/vitest.json"
if [ -s "$out/vitest.json" ]; then
  read -r p f < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0))' "$out/vitest.json")
  count "$p" "$f"
else
  echo "vitest produced no report"; count 0 1
fi

echo "== end-to-end"
if pnpm build; then
  PLAYWRIGHT_JSON_OUTPUT_NAME="$out/pw.json" pnpm --filter ./tests exec playwright test -c playwright.config.ts --reporter=list,json
  if [ -s "$out/pw.json" ]; then
    read -r p f < <(node -e 'const s=require(process.argv[1]).stats;console.log(s.expected + s.flaky, s.unexpected)' "$out/pw.json")
    count "$p" "$f"
  else
    echo "playwright produced no report"; count 0 1
  fi
else
  echo "client build failed"; count 0 1
fi

rm -rf "$out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
