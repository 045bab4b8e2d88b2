#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages for the tests that run against it. The tests start their own throwaway
# cluster (initdb in a temporary folder, 127.0.0.1 and a free port, run as the `postgres` user when started as root);
# the system's PostgreSQL service is neither used nor started. Idempotent; needs root (or sudo) and the Debian registry.
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "postgresql is installed: $(ls -d /usr/lib/postgresql/*/bin | tail -1)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends postgresql || { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends postgresql; }
# The package may start the system-wide cluster on port 5432; the tests never use it.
if command -v invoke-rc.d >/dev/null 2>&1; then
  $SUDO invoke-rc.d postgresql stop >/dev/null 2>&1 || true
fi
ls -d /usr/lib/postgresql/*/bin | tail -1
