#!/usr/bin/env bash
# Runs every test of the solution (unit, grain, HTTP on loopback Kestrel, SignalR, real Dovecot IMAP, SIGKILL recovery)
# and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK (dotnet) is required." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The real servers some tests run against (Dovecot IMAP for the email channel); idempotent, quick when installed.
if ! tests/Inbox.Connectors.Email.Tests/install-test-servers.sh >/dev/null 2>&1; then
  echo "Could not install the test servers (tests/Inbox.Connectors.Email.Tests/install-test-servers.sh needs root and Debian's packages);" >&2
  echo "the email channel's tests will fail." >&2
fi

log=$(mktemp)
dotnet test Inbox.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# "Passed!  - Failed:     0, Passed:    55, Skipped:     0, Total:    55" (one line per test project)
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or a test host failed before any test could report
fi
echo "$passed passed, $failed failed"
exit "$status"
