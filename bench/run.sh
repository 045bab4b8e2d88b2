#!/usr/bin/env bash
# Builds Inbox and the benchmark in Release, starts Inbox on 127.0.0.1:5099 with a fresh database (chatbot off, so the
# figures are those of the inbound path itself), runs the benchmark with the arguments given, and stops Inbox again.
#   bench/run.sh                      # defaults: 20000 messages, 2000 customers, concurrency 32
#   bench/run.sh --concurrency 8
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Inbox.Web -c Release -v quiet -nologo
dotnet build bench/Inbox.Benchmarks -c Release -v quiet -nologo
data=$(mktemp -d)
dotnet src/Inbox.Web/bin/Release/net10.0/Inbox.Web.dll --urls http://127.0.0.1:5099 --Channels:Api:Token=bench-token \
  --Demo:Password=bench-password-1 --Storage:Sqlite:Path="$data/inbox.db" --Orleans:SiloPort=11211 --Orleans:GatewayPort=30100 \
  --Chatbot:Enabled=false > "$data/inbox.log" 2>&1 &
inbox=$!
trap 'kill $inbox 2>/dev/null; wait $inbox 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -sf http://127.0.0.1:5099/health/ready >/dev/null 2>&1 && break
  sleep 0.5
done
dotnet bench/Inbox.Benchmarks/bin/Release/net10.0/Inbox.Benchmarks.dll "$@"
