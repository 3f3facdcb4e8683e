#!/usr/bin/env bash
# Fails on a high-severity npm audit finding in the production dependencies
# (what the Worker ships; dev tools are not deployed).
#
# Where the registry cannot answer an audit at all (a mirror or proxy that
# refuses the advisory endpoint: these machines' registry answers 405), that
# is said loudly and the run goes on: tests/site/dependencies.test.ts still
# holds hono above every published CORS advisory. A finding always fails.
set -uo pipefail
cd "$(dirname "$0")/.."
report=$(npm audit --omit=dev --audit-level=high --json 2>/dev/null)
status=$?
if [ "$status" -eq 0 ]; then
  echo "npm audit: no high-severity advisory in the production dependencies"
  exit 0
fi
if printf '%s' "$report" | node -e '
  let text = ""; process.stdin.on("data", (d) => (text += d)).on("end", () => {
    const report = JSON.parse(text || "{}");
    // An answer from the advisory database has metadata; a refused request has only an error.
    process.exit(report.metadata === undefined && (report.statusCode || report.error) ? 0 : 1);
  });'; then
  echo "npm audit: WARNING: the registry would not answer the audit ($(printf '%s' "$report" | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).message ?? "no details"')); not checked here" >&2
  exit 0
fi
printf '%s\n' "$report" | node -pe 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); JSON.stringify(r.metadata?.vulnerabilities ?? r, null, 2)' >&2
echo "npm audit: high-severity advisories in the production dependencies (npm audit --omit=dev for details)" >&2
exit 1
