#!/usr/bin/env bash
# The benchmark of issue 17 in one command (see bench/README.md): builds Inbox and the benchmark in Release; times Inbox's
# start until /health/ready (a fresh database, then a second start on the same data; SQLite, chatbot on, demo data);
# starts Inbox again with a fresh database and the chatbot off, and a second such Inbox left idle until the memory phase;
# runs the benchmark (wrk against the bare endpoint, + a grain call, the minimal durable path, that path with its row
# indexed by customer, and Inbox, two customer mixes; post-to-screen latency; memory after activating conversations on
# the second Inbox), compares the ratios with bench/reference-<store>.json, writes bench/results/<time>.json; stops
# everything.
#   bench/run.sh                      # SQLite, Inbox on 127.0.0.1:5099
#   bench/run.sh --duration 20 --connections 32 --activate 20000
#   bench/run.sh --postgres           # a throwaway PostgreSQL (fsync on) and two nodes; the load goes to node 1
#   bench/run.sh --port-base 6100     # Inbox HTTP 6101 (6102), silo 6111 (6112), gateway 6121 (6122), PostgreSQL 6130,
#                                     # the baseline's silo 6113 and gateway 6123
#   bench/run.sh --no-build           # runs what was built last
# Exit code: the benchmark's (0 all well, 3 failed answers or missing live events, 4 a ratio regressed; see Program.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

store=sqlite
base=""
build=1
args=()
while (($#)); do
  case "$1" in
    --postgres) store=postgres; shift ;;
    --port-base) base="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if [[ -n "$base" ]]; then
  http=(0 $((base + 1)) $((base + 2))); silo=(0 $((base + 11)) $((base + 12))); gateway=(0 $((base + 21)) $((base + 22)))
  pg_port=$((base + 30)); baseline_ports=(--silo-port $((base + 13)) --gateway-port $((base + 23)))
else
  http=(0 5099 5098); silo=(0 11211 11212); gateway=(0 30100 30101)
  pg_port=5439; baseline_ports=(--silo-port 11311 --gateway-port 30300)
fi
# Every port the run listens on must be free: a process left on one (an earlier run's node still stopping, a node started
# by hand) would answer in the place of the node that cannot start there, and the figures would be its.
busy=()
for port in "${http[@]:1}" "${silo[@]:1}" "${gateway[@]:1}" "${baseline_ports[1]}" "${baseline_ports[3]}" $([[ "$store" == postgres ]] && echo "$pg_port"); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && busy+=("$port")
done
if ((${#busy[@]})); then
  echo "ports in use on 127.0.0.1: ${busy[*]}; stop what listens there (ss -ltnp) or pick other ports with --port-base" >&2
  exit 1
fi
# wrk from Debian's packages (root installs it here; otherwise say how).
command -v wrk >/dev/null || { apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; } >/dev/null 2>&1 \
  || { echo "wrk is not installed and could not be installed: apt-get install -y wrk (as root)" >&2; exit 1; }
mkdir -p bench/results
stamp="$(date -u +%Y%m%dT%H%M%SZ)-$store"
common=(--wrk-script "$root/bench/wrk/inbound.lua" --reference "$root/bench/reference-$store.json"
  --json "$root/bench/results/$stamp.json" "${baseline_ports[@]}")

if ((build)); then
  dotnet build src/Inbox.Web -c Release -v quiet -nologo
  dotnet build bench/Inbox.Benchmarks -c Release -v quiet -nologo
fi

data=$(mktemp -d)
pids=()
postgres_data=""
as_postgres() {
  local bin=/usr/lib/postgresql/15/bin
  [[ -x "$bin/$1" ]] || bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$bin/$1" "${@:2}"; else "$bin/$1" "${@:2}"; fi
}
# The nodes stop first (gracefully: they leave the cluster and flush their writes; one whose database is gone takes
# long to stop), then PostgreSQL, then the files go.
stop_pid() { # waits up to 60 s for a SIGTERM'd process, then kills it
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
stop_all() {
  local rc=$?
  trap - EXIT INT TERM
  ((${#pids[@]})) && echo "stopping Inbox (pid ${pids[*]})" >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  # A run that failed (failed answers, missing live events, a regression, a node that stopped) keeps the servers' logs;
  # every PostgreSQL run keeps the server's (its autovacuum, checkpoints and slow statements, to match with the slow spells).
  local logs="$root/bench/results/$stamp-logs"
  if ((rc != 0)); then
    mkdir -p "$logs"
    for f in "$data"/run/inbox.log "$data"/memory/inbox.log "$data"/node*.log; do [[ -f "$f" ]] && cp "$f" "$logs/"; done
  fi
  if [[ -n "$postgres_data" && -f "$postgres_data/server.log" ]]; then
    mkdir -p "$logs"
    cp "$postgres_data/server.log" "$logs/postgres.log"
  fi
  [[ -d "$logs" ]] && echo "the servers' logs are in $logs" >&2
  if [[ -n "$postgres_data" ]]; then
    echo "stopping PostgreSQL" >&2
    as_postgres pg_ctl -D "$postgres_data/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$postgres_data"
  fi
  rm -rf "$data"
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# After the benchmark: a node that stopped during the run, or never held its port, leaves figures that are not all its own.
check_nodes() {
  local pid
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "FAILED: Inbox (pid $pid) was not running at the end of the run: the figures are not all its own (its log is kept)" >&2
      [[ "$rc" == 0 || "$rc" == 4 ]] && rc=3
    fi
  done
  return 0
}

wait_ready() { # node number, pid, log
  for _ in $(seq 1 2400); do
    curl -sf "http://127.0.0.1:${http[$1]}/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "Inbox node $1 stopped; its log:" >&2; tail -50 "$3" >&2; exit 1; }
    sleep 0.05
  done
  echo "Inbox node $1 was not ready after 120 s; see $3" >&2
  exit 1
}

inbox_sqlite() { # node number, data folder, extra arguments; as shipped (chatbot on, demo data) but for the ports, token and password
  dotnet src/Inbox.Web/bin/Release/net10.0/Inbox.Web.dll --urls "http://127.0.0.1:${http[$1]}" --Channels:Api:Token=bench-token \
    --Demo:Password=bench-password-1 --Storage:Sqlite:Path="$2/inbox.db" --Orleans:SiloPort="${silo[$1]}" \
    --Orleans:GatewayPort="${gateway[$1]}" "${@:3}" >> "$2/inbox.log" 2>&1 &
  pids+=($!)
}
# Time to ready: from just before `dotnet` starts until /health/ready answers 200, polled every 50 ms.
time_ready() { # data folder; sets ready_ms
  local started; started=$(date +%s%N)
  inbox_sqlite 1 "$1"
  wait_ready 1 "${pids[-1]}" "$1/inbox.log"
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  stop_pid "${pids[-1]}"
  unset 'pids[-1]'
}

if [[ "$store" == sqlite ]]; then
  mkdir -p "$data/ready" "$data/run"
  time_ready "$data/ready"; cold=$ready_ms
  time_ready "$data/ready"; warm=$ready_ms
  echo "time to ready: fresh $cold ms, second start $warm ms" >&2
  inbox_sqlite 1 "$data/run" --Chatbot:Enabled=false
  wait_ready 1 "${pids[0]}" "$data/run/inbox.log"
  # The memory phase's own Inbox (node 2's ports): fresh, idle until the phases on node 1 are done, so that its memory
  # is read with the activated conversations only.
  mkdir -p "$data/memory"
  inbox_sqlite 2 "$data/memory" --Chatbot:Enabled=false
  wait_ready 2 "${pids[1]}" "$data/memory/inbox.log"
  rc=0
  dotnet bench/Inbox.Benchmarks/bin/Release/net10.0/Inbox.Benchmarks.dll --url "http://127.0.0.1:${http[1]}" \
    --durable-sqlite "$data/run/durable.db" --pids "${pids[0]}" --memory-url "http://127.0.0.1:${http[2]}" --memory-pid "${pids[1]}" \
    --ready-cold-ms "$cold" --ready-warm-ms "$warm" "${common[@]}" "${args[@]}" || rc=$?
  check_nodes
  exit "$rc"
fi

# PostgreSQL with fsync on (the default, named so that nobody turns it off here): every COMMIT waits for its WAL flush,
# as every SQLite commit waits for its fsync with synchronous=FULL. Its folder is on the same disk as the SQLite run's.
# Its log (kept in bench/results/<run>-logs/) has each autovacuum, checkpoint and statement over 30 ms with its time of day.
postgres_data=$(mktemp -d)
[[ "$(id -u)" == 0 ]] && chown postgres:postgres "$postgres_data"
as_postgres initdb -D "$postgres_data/data" -U inbox --auth=trust -E UTF8 --locale=C >/dev/null
as_postgres pg_ctl -D "$postgres_data/data" -l "$postgres_data/server.log" -w -t 60 \
  -o "-p $pg_port -k $postgres_data -c listen_addresses=127.0.0.1 -c max_connections=500 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c log_autovacuum_min_duration=0 -c log_checkpoints=on -c log_min_duration_statement=30 -c log_lock_waits=on" \
  start >/dev/null
as_postgres createdb -h 127.0.0.1 -p "$pg_port" -U inbox inbox
as_postgres createdb -h 127.0.0.1 -p "$pg_port" -U inbox bench_durable
# A server that has run a while recycles its write-ahead log's files; a new one makes each file it fills: it writes 16 MiB
# of zeroes and flushes them inside whichever commit crosses into it. At the benchmark's rate that was every 1.7 s, and
# every commit of both nodes waited 40-75 ms for it (docs/benchmark-rounds.md, twenty-sixth round). So the server first fills
# and switches 64 files (1 GiB, its max_wal_size, which is what a checkpoint keeps for reuse) and checkpoints: it starts
# with the files a server in use has. A few seconds.
{ echo "CREATE TABLE wal_files (x int);"
  for _ in $(seq 64); do echo "INSERT INTO wal_files VALUES (1); SELECT pg_switch_wal();"; done
  echo "DROP TABLE wal_files; CHECKPOINT;"; } | as_postgres psql -h 127.0.0.1 -p "$pg_port" -U inbox -d bench_durable -q -o /dev/null
mkdir -p "$data/cluster"
for n in 1 2; do
  ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Database=inbox;Username=inbox" \
    INBOX_HTTP_PORT="${http[$n]}" INBOX_SILO_PORT="${silo[$n]}" INBOX_GATEWAY_PORT="${gateway[$n]}" \
    INBOX_DATA="$data/cluster" INBOX_CONFIGURATION=Release Orleans__ClusterId="inbox-bench-$$" Channels__Api__Token=bench-token \
    "$root/docker/local-cluster.sh" node "$n" --Demo:Password=bench-password-1 --Chatbot:Enabled=false > "$data/node$n.log" 2>&1 &
  pids+=($!)
  # The first node creates the tables; the second joins once it is up.
  wait_ready "$n" "${pids[-1]}" "$data/node$n.log"
done
rc=0
dotnet bench/Inbox.Benchmarks/bin/Release/net10.0/Inbox.Benchmarks.dll --url "http://127.0.0.1:${http[1]}" \
  --durable-postgres "Host=127.0.0.1;Port=$pg_port;Database=bench_durable;Username=inbox" --pids "${pids[0]},${pids[1]}" \
  "${common[@]}" "${args[@]}" || rc=$?
check_nodes
exit "$rc"
