#!/bin/sh
# One-shot job run by the `temporal-create-namespace` service of
# dev/temporal-compose.yml (image temporalio/admin-tools: Alpine + busybox, POSIX sh).
#
# 1. waits until the cluster answers `temporal operator cluster health`;
# 2. creates the namespace (default: `default`) unless it exists;
# 3. registers the order system's custom search attributes (all Keyword) and
#    checks that each one is listed. Re-running is harmless: on SQL visibility the
#    server skips an attribute that is already registered with that name.
set -eu

: "${TEMPORAL_ADDRESS:=temporal:7233}"
: "${NAMESPACE:=default}"
: "${NAMESPACE_RETENTION:=72h}"
: "${SEARCH_ATTRIBUTES:=OrderStatus OrderStep PendingReason ShopId}"
: "${MAX_ATTEMPTS:=30}"
: "${RETRY_SECONDS:=3}"

log() { printf '[create-namespace] %s\n' "$*"; }

# retry DESCRIPTION COMMAND...: run COMMAND until it succeeds, at most MAX_ATTEMPTS times.
retry() {
  what=$1
  shift
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
      log "gave up after $attempt attempts: $what"
      return 1
    fi
    log "not yet ($attempt/$MAX_ATTEMPTS): $what; retrying in ${RETRY_SECONDS}s"
    attempt=$((attempt + 1))
    sleep "$RETRY_SECONDS"
  done
}

# The CLI's gRPC resolver may try an IPv6 address for the service name first; dial
# the container's IPv4 address when one is known (upstream samples do the same).
host=${TEMPORAL_ADDRESS%:*}
port=${TEMPORAL_ADDRESS##*:}
ipv4=$(getent ahosts "$host" 2>/dev/null | awk '$2 == "STREAM" && $1 ~ /^[0-9.]+$/ { print $1; exit }') || ipv4=
ADDRESS=${ipv4:-$host}:$port
log "Temporal frontend: $TEMPORAL_ADDRESS ($ADDRESS)"

cli() { temporal --address "$ADDRESS" "$@"; }

namespace_ready() {
  if cli operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; then
    log "namespace $NAMESPACE exists"
    return 0
  fi
  cli operator namespace create --namespace "$NAMESPACE" --retention "$NAMESPACE_RETENTION" &&
    log "namespace $NAMESPACE created (retention $NAMESPACE_RETENTION)"
}

search_attribute_listed() {
  cli operator search-attribute list --namespace "$NAMESPACE" 2>/dev/null | grep -qw -- "$1"
}

search_attribute_ready() {
  cli operator search-attribute create --namespace "$NAMESPACE" --name "$1" --type Keyword ||
    search_attribute_listed "$1"
}

retry "cluster health at $ADDRESS" cli operator cluster health
retry "namespace $NAMESPACE" namespace_ready

for name in $SEARCH_ATTRIBUTES; do
  retry "search attribute $name (Keyword)" search_attribute_ready "$name"
  retry "search attribute $name listed" search_attribute_listed "$name"
  log "search attribute $name (Keyword) registered"
done

log "done: namespace $NAMESPACE, search attributes: $SEARCH_ATTRIBUTES"
