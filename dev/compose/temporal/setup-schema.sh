#!/bin/sh
# One-shot job run by the `temporal-admin-tools` service of dev/temporal-compose.yml
# (image temporalio/admin-tools, Alpine + busybox: keep this POSIX sh).
#
# Creates Temporal's two MySQL 8 databases and migrates them to the newest schema
# shipped in the image, with temporal-sql-tool:
#   create          CREATE DATABASE IF NOT EXISTS
#   setup-schema    version tables; keeps the recorded version when it is already newer
#   update-schema   applies every versioned step above the recorded version
# Every step is idempotent, so the job runs on each `up` and is how the schema is
# upgraded after bumping TEMPORAL_ADMINTOOLS_VERSION / TEMPORAL_VERSION together.
set -eu

: "${SQL_PLUGIN:=mysql8}"
: "${SQL_HOST:=temporal-mysql}"
: "${SQL_PORT:=3306}"
: "${SQL_USER:=root}"
: "${SQL_PASSWORD:?SQL_PASSWORD (password of SQL_USER) must be set}"
: "${TEMPORAL_DB:=temporal}"
: "${VISIBILITY_DB:=temporal_visibility}"
: "${SCHEMA_DIR:=/etc/temporal/schema/mysql/v8}"
: "${WAIT_SECONDS:=90}"
# temporal-sql-tool reads the password from SQL_PASSWORD: keep it out of argv.
export SQL_PASSWORD

log() { printf '[setup-schema] %s\n' "$*"; }

wait_for_port() {
  waited=0
  until nc -z -w 2 "$1" "$2" 2>/dev/null; do
    waited=$((waited + 2))
    if [ "$waited" -ge "$WAIT_SECONDS" ]; then
      log "gave up: $1:$2 not reachable after ${WAIT_SECONDS}s"
      return 1
    fi
    sleep 2
  done
}

sql_tool() {
  temporal-sql-tool --plugin "$SQL_PLUGIN" --ep "$SQL_HOST" -p "$SQL_PORT" -u "$SQL_USER" "$@"
}

setup_database() {
  db=$1
  versioned_dir=$2
  if [ ! -d "$versioned_dir" ]; then
    log "schema directory $versioned_dir is missing from this admin-tools image"
    return 1
  fi
  log "database $db: create (if missing)"
  sql_tool --db "$db" create
  log "database $db: version tables"
  sql_tool --db "$db" setup-schema -v 0.0
  log "database $db: migrate with $versioned_dir"
  sql_tool --db "$db" update-schema -d "$versioned_dir"
}

log "waiting for MySQL at $SQL_HOST:$SQL_PORT"
wait_for_port "$SQL_HOST" "$SQL_PORT"

setup_database "$TEMPORAL_DB" "$SCHEMA_DIR/temporal/versioned"
setup_database "$VISIBILITY_DB" "$SCHEMA_DIR/visibility/versioned"

log "done: $TEMPORAL_DB and $VISIBILITY_DB are on the newest schema"
