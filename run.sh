#!/usr/bin/env bash
# Starts the whole system on the embedded default: SQLite in ./data, Orleans on localhost, demo operators,
# the API channel with a demo token. The console is at http://localhost:5080/.
set -euo pipefail
cd "$(dirname "$0")"
export Channels__Api__Token="${Channels__Api__Token:-demo-api-token}"
# The default address, unless the environment names one the framework's way (ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS, …);
# an environment variable, so that --urls on this command line still wins.
if [[ -z "${ASPNETCORE_URLS:-}${DOTNET_URLS:-}${ASPNETCORE_HTTP_PORTS:-}${DOTNET_HTTP_PORTS:-}${ASPNETCORE_HTTPS_PORTS:-}${DOTNET_HTTPS_PORTS:-}${URLS:-}${Urls:-}" ]]; then
  export ASPNETCORE_URLS=http://localhost:5080
fi
# dotnet run works in the project folder: keep the data in ./data of the repository.
export Storage__Sqlite__Path="${Storage__Sqlite__Path:-$PWD/data/inbox.db}"
exec dotnet run --project src/Inbox.Web -c Release -- "$@"
