#!/bin/sh
# The image's entrypoint. In a cluster on PostgreSQL each silo advertises the IP address other silos reach it at
# (Orleans:AdvertisedAddress). A container learns its own from Docker's DNS: its host name resolves to its address on
# its network. Set Orleans__AdvertisedAddress yourself when the container is on several networks (the first IPv4
# address is taken) or is reached through another address.
set -eu
if [ -z "${Orleans__AdvertisedAddress:-}" ]; then
  address="$(getent ahostsv4 "$(cat /etc/hostname)" 2>/dev/null | awk 'NR == 1 { print $1 }')" || address=""
  if [ -n "$address" ]; then
    export Orleans__AdvertisedAddress="$address"
  fi
fi
exec "$@"
