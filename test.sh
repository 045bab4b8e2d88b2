#!/usr/bin/env bash
# Runs every test of the solution (unit, grain, HTTP on loopback Kestrel, SignalR, real Dovecot IMAP, the console in
# real Chromium, SIGKILL recovery)
# and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK (dotnet) is required." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The real servers and browser some tests run against, from Debian's packages (idempotent, quick when installed):
# Dovecot IMAP for the email channel, PostgreSQL for the cluster's store, Chromium for the console (driven by Playwright, never downloaded by it).
if ! tests/Inbox.Connectors.Email.Tests/install-test-servers.sh >/dev/null 2>&1; then
  echo "Could not install Dovecot (tests/Inbox.Connectors.Email.Tests/install-test-servers.sh needs root); the email tests will fail." >&2
fi
if ! tests/Inbox.Testing.Postgres/install-postgres.sh >/dev/null 2>&1; then
  echo "Could not install PostgreSQL (tests/Inbox.Testing.Postgres/install-postgres.sh needs root); the PostgreSQL tests will fail." >&2
fi
if [ ! -x /usr/bin/chromium ]; then
  { apt-get install -y --no-install-recommends chromium || { apt-get update && apt-get install -y --no-install-recommends chromium; }; } >/dev/null 2>&1 \
    || echo "Could not install chromium (needs root); the console tests will fail." >&2
fi

log=$(mktemp)
dotnet test Inbox.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# No re-runs: a green run means every test passed the first time. A project whose host crashed or never reported also
# fails the run (its tests are in neither count).
expected=$(ls -d tests/*.Tests 2>/dev/null | wc -l)
reported=$(grep -cE '^(Passed|Failed)! ' "$log")
if [ "$reported" -ne "$expected" ] && [ "$status" -eq 0 ]; then
  echo "Only $reported of $expected test projects reported results." >&2
  status=1
fi

# "Passed!  - Failed:     0, Passed:    55, Skipped:     0, Total:    55" (one line per test project)
passed=$(grep -E '^(Passed|Failed)! ' "$log" | grep -Eo 'Passed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '^(Passed|Failed)! ' "$log" | grep -Eo 'Failed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or a test host failed before any test could report
fi
echo "$passed passed, $failed failed"
exit "$status"
