#!/usr/bin/env bash
# Builds Inbox and the benchmark in Release, starts Inbox with a fresh database (chatbot off, so the figures are those of
# the inbound path itself), runs the benchmark with the arguments given, and stops everything it started again.
#   bench/run.sh                      # SQLite, one node on 127.0.0.1:5099; 20000 messages, 2000 customers, concurrency 32
#   bench/run.sh --concurrency 8
#   bench/run.sh --postgres           # a throwaway PostgreSQL (fsync on) and two nodes (docker/local-cluster.sh node 1/2);
#                                     # POSTs round-robin over both nodes, the supervisor listens on node 1
#   bench/run.sh --port-base 6100     # HTTP on 6101 (and 6102), silo 6111 (6112), gateway 6121 (6122), PostgreSQL 6130
#   bench/run.sh --no-build           # runs what was built last
# Each run also measures the minimal durable path on the same store (see bench/README.md).
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
  pg_port=$((base + 30))
else
  http=(0 5099 5098); silo=(0 11211 11212); gateway=(0 30100 30101)
  pg_port=5439
fi

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
stop_all() {
  local rc=$?
  trap - EXIT INT TERM
  ((${#pids[@]})) && echo "stopping Inbox (pid ${pids[*]})" >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
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

wait_ready() { # node number, pid, log
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:${http[$1]}/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "Inbox node $1 stopped; its log:" >&2; tail -50 "$3" >&2; exit 1; }
    sleep 0.5
  done
  echo "Inbox node $1 was not ready after 120 s; see $3" >&2
  exit 1
}

if [[ "$store" == sqlite ]]; then
  dotnet src/Inbox.Web/bin/Release/net10.0/Inbox.Web.dll --urls "http://127.0.0.1:${http[1]}" --Channels:Api:Token=bench-token \
    --Demo:Password=bench-password-1 --Storage:Sqlite:Path="$data/inbox.db" --Orleans:SiloPort="${silo[1]}" \
    --Orleans:GatewayPort="${gateway[1]}" --Chatbot:Enabled=false > "$data/inbox.log" 2>&1 &
  pids+=($!)
  wait_ready 1 "${pids[0]}" "$data/inbox.log"
  dotnet bench/Inbox.Benchmarks/bin/Release/net10.0/Inbox.Benchmarks.dll --url "http://127.0.0.1:${http[1]}" \
    --durable-sqlite "$data/durable.db" --pids "${pids[0]}" "${args[@]}"
  exit 0
fi

# PostgreSQL with fsync on (the default, named so that nobody turns it off here): every COMMIT waits for its WAL flush,
# as every SQLite commit waits for its fsync with synchronous=FULL. Its folder is on the same disk as the SQLite run's.
postgres_data=$(mktemp -d)
[[ "$(id -u)" == 0 ]] && chown postgres:postgres "$postgres_data"
as_postgres initdb -D "$postgres_data/data" -U inbox --auth=trust -E UTF8 --locale=C >/dev/null
as_postgres pg_ctl -D "$postgres_data/data" -l "$postgres_data/server.log" -w -t 60 \
  -o "-p $pg_port -k $postgres_data -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on -c synchronous_commit=on -c full_page_writes=on" \
  start >/dev/null
as_postgres createdb -h 127.0.0.1 -p "$pg_port" -U inbox inbox
as_postgres createdb -h 127.0.0.1 -p "$pg_port" -U inbox bench_durable
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
dotnet bench/Inbox.Benchmarks/bin/Release/net10.0/Inbox.Benchmarks.dll --url "http://127.0.0.1:${http[1]},http://127.0.0.1:${http[2]}" \
  --durable-postgres "Host=127.0.0.1;Port=$pg_port;Database=bench_durable;Username=inbox" --pids "${pids[0]},${pids[1]}" "${args[@]}"
