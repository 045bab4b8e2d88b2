#!/usr/bin/env bash
# Installs the real servers the email connector's tests run against: Dovecot IMAP (Debian package dovecot-imapd).
# The tests start their own throwaway Dovecot (config, mail and sockets in a temp folder, on 127.0.0.1 and a free port);
# the system's Dovecot service is neither used nor started. Idempotent; needs root (or sudo) and the Debian registry.
set -euo pipefail

if command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ]; then
  echo "dovecot is installed: $(/usr/sbin/dovecot --version 2>/dev/null || dovecot --version)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends dovecot-imapd
# The package may start the system-wide Dovecot service (ports 143/993); the tests never use it.
if command -v invoke-rc.d >/dev/null 2>&1; then
  $SUDO invoke-rc.d dovecot stop >/dev/null 2>&1 || true
fi
/usr/sbin/dovecot --version
