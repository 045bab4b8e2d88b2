#!/usr/bin/env bash
# The compose topology without Docker: PostgreSQL and two Inbox nodes (each a web node with its co-hosted silo) on
# loopback, in one Orleans cluster on one database.
#
#   docker/local-cluster.sh           builds, starts PostgreSQL (a server of its own in data/cluster/postgres, unless
#                                     ConnectionStrings__Postgres names one) and nodes 1 and 2; Ctrl-C stops them all.
#   docker/local-cluster.sh node N    runs node N in the foreground, on the database ConnectionStrings__Postgres names
#                                     (the multi-node tests start, kill and restart nodes this way).
#
# Node N answers at http://127.0.0.1:(5080+N) with silo port 11110+N and gateway port 30000+N; INBOX_HTTP_PORT,
# INBOX_SILO_PORT and INBOX_GATEWAY_PORT override them. The data-protection keys and attachments are in the database, so
# a login on one node is valid on the other and a file uploaded to one downloads from both; the nodes share INBOX_DATA
# (data/cluster) only for demo-logins.txt, the generated demo password. INBOX_CONFIGURATION (Release) picks the build. More --Key=value settings after the command go to the node(s).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
configuration="${INBOX_CONFIGURATION:-Release}"
data="${INBOX_DATA:-$root/data/cluster}"
web_dll="$root/src/Inbox.Web/bin/$configuration/net10.0/Inbox.Web.dll"

run_node() {
  local n="$1"
  shift
  if [[ -z "${ConnectionStrings__Postgres:-}" ]]; then
    echo "node $n: set ConnectionStrings__Postgres (or run $0 without arguments to start PostgreSQL too)" >&2
    exit 2
  fi
  [[ -f "$web_dll" ]] || { echo "node $n: build first (dotnet build src/Inbox.Web -c $configuration)" >&2; exit 2; }
  mkdir -p "$data"
  export Storage__Provider=Postgres
  export Storage__Sqlite__Path="$data/inbox.db" # its folder holds demo-logins.txt only; no SQLite file is made
  export Orleans__ClusterId="${Orleans__ClusterId:-inbox-local}"
  export Orleans__AdvertisedAddress="${Orleans__AdvertisedAddress:-127.0.0.1}"
  export Channels__Api__Token="${Channels__Api__Token:-demo-api-token}"
  cd "$data"
  exec dotnet "$web_dll" \
    --urls="http://127.0.0.1:${INBOX_HTTP_PORT:-$((5080 + n))}" \
    --Orleans:SiloPort="${INBOX_SILO_PORT:-$((11110 + n))}" \
    --Orleans:GatewayPort="${INBOX_GATEWAY_PORT:-$((30000 + n))}" \
    "$@"
}

if [[ "${1:-}" == "node" ]]; then
  [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "usage: $0 node N [--Key=value ...]" >&2; exit 2; }
  n="$2"
  shift 2
  run_node "$n" "$@"
fi

# The whole topology.
dotnet build "$root/src/Inbox.Web" -c "$configuration" -nologo -v quiet
mkdir -p "$data"
pids=()
postgres_data=""
stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # The nodes leave the cluster and flush their writes before PostgreSQL stops.
  for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done; done
  if [[ -n "$postgres_data" ]]; then
    as_postgres pg_ctl -D "$postgres_data" -m fast stop >/dev/null || true
  fi
}
trap stop_all EXIT
trap "exit 130" INT TERM

as_postgres() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$bin/$1" "${@:2}"; else "$bin/$1" "${@:2}"; fi
}

if [[ -z "${ConnectionStrings__Postgres:-}" ]]; then
  ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || "$root/tests/Inbox.Testing.Postgres/install-postgres.sh"
  port="${INBOX_POSTGRES_PORT:-5433}"
  postgres_data="$data/postgres"
  if [[ ! -d "$postgres_data" ]]; then
    mkdir -p "$postgres_data"
    [[ "$(id -u)" == 0 ]] && chown -R postgres:postgres "$postgres_data"
    as_postgres initdb -D "$postgres_data" -U inbox --auth=trust -E UTF8 --locale=C >/dev/null
  fi
  [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$postgres_data"
  as_postgres pg_ctl -D "$postgres_data" -l "$postgres_data/server.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=500" start >/dev/null
  as_postgres psql -h 127.0.0.1 -p "$port" -U inbox -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'inbox'" | grep -q 1 ||
    as_postgres createdb -h 127.0.0.1 -p "$port" -U inbox inbox
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$port;Database=inbox;Username=inbox"
fi

for n in 1 2; do
  INBOX_HTTP_PORT= INBOX_SILO_PORT= INBOX_GATEWAY_PORT= "$0" node "$n" "$@" > "$data/node$n.log" 2>&1 &
  pids+=($!)
  # The first node creates the tables; the second joins once it is up.
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$((5080 + n))/health/ready" >/dev/null && break
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "node $n stopped; see $data/node$n.log" >&2; exit 1; }
    sleep 1
  done
  echo "node $n: http://127.0.0.1:$((5080 + n))/ (log: $data/node$n.log)"
done
echo "Inbox is running on two nodes; demo logins in $data/demo-logins.txt. Ctrl-C stops them and PostgreSQL."
wait -n "${pids[@]}"
