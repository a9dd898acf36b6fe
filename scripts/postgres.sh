# shellcheck shell=bash
# PostgreSQL 15 + pgvector for Docent: install when missing, and a private cluster under .docent/pg.
# Sourced by ./docent; expects common.sh to be loaded first.

PG_VERSION=15
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
PG_DIR="$DOCENT_HOME/pg"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgres.log"
PG_PORT="${DOCENT_PG_PORT:-55432}"
PG_SOCKET_DIR="$PG_DIR/run"

# Runs a command as the cluster's OS user: postgres when we are root (initdb refuses root), else ourselves.
as_pg_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_install() {
  local missing=()
  [ -x "$PG_BIN/postgres" ] || missing+=("postgresql-$PG_VERSION" "postgresql-client-$PG_VERSION")
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian packages"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    # Debian's package starts its own cluster on 5432; Docent runs its own cluster and does not need that one.
    as_root systemctl disable --now postgresql >/dev/null 2>&1 || true
  fi
  pgvector_install
}

pgvector_installed_version() {
  local control=/usr/share/postgresql/$PG_VERSION/extension/vector.control
  if [ -f "$control" ]; then sed -n "s/^default_version = '\(.*\)'/\1/p" "$control"; fi
}

# pgvector 0.8 is not packaged for Debian 12: build it from Debian trixie's source package.
pgvector_install() {
  local have
  have=$(pgvector_installed_version)
  case "$have" in 0.8.*|0.9.*|[1-9].*) return 0 ;; esac
  log "building pgvector 0.8 from Debian's source package (found: ${have:-none})"
  local src_list=/etc/apt/sources.list.d/docent-trixie-src.list
  if [ ! -f "$src_list" ]; then
    echo "deb-src http://deb.debian.org/debian trixie main" | as_root tee "$src_list" >/dev/null
  fi
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    "postgresql-server-dev-$PG_VERSION" dpkg-dev make gcc >/dev/null
  local build
  build=$(mktemp -d)
  ( cd "$build" && apt-get source -qq pgvector >/dev/null 2>&1 ) || die "apt-get source pgvector failed"
  local dir
  dir=$(find "$build" -maxdepth 1 -type d -name 'pgvector-*' | head -n1)
  [ -n "$dir" ] || die "pgvector source not found in $build"
  make -s -C "$dir" PG_CONFIG="$PG_BIN/pg_config" >/dev/null
  as_root make -s -C "$dir" PG_CONFIG="$PG_BIN/pg_config" install >/dev/null
  rm -rf "$build"
  log "pgvector $(pgvector_installed_version) installed"
}

pg_is_running() {
  [ -f "$PG_DATA/postmaster.pid" ] && as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

pg_init_cluster() {
  [ -f "$PG_DATA/PG_VERSION" ] && return 0
  log "creating PostgreSQL cluster in $PG_DATA (port $PG_PORT)"
  mkdir -p "$PG_DATA" "$PG_SOCKET_DIR"
  [ "$(id -u)" = 0 ] && chown -R postgres: "$PG_DIR"
  local pwfile
  pwfile=$(mktemp)
  printf '%s\n' "$DOCENT_PG_SUPERUSER_PASSWORD" >"$pwfile"
  [ "$(id -u)" = 0 ] && chown postgres: "$pwfile"
  as_pg_user "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  # Liberty's MDB commits the JMS message and the database work in one XA transaction: that needs prepared transactions.
  cat <<CONF | as_pg_user tee -a "$PG_DATA/postgresql.conf" >/dev/null
# --- Docent ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 200
max_prepared_transactions = 50
shared_buffers = 512MB
maintenance_work_mem = 512MB
CONF
}

pg_start() {
  pg_install
  pg_init_cluster
  if pg_is_running; then return 0; fi
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null \
    || { tail -n 20 "$PG_LOG" >&2; die "PostgreSQL did not start"; }
}

pg_stop() {
  if pg_is_running; then
    log "stopping PostgreSQL"
    as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  fi
}

pg_sql() { # pg_sql DATABASE SQL
  PGOPTIONS="-c client_min_messages=warning" PGPASSWORD="$DOCENT_PG_SUPERUSER_PASSWORD" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" \
    -U postgres -d "$1" -tAc "$2"
}

# Creates the two roles (owner runs migrations, app is a non-owner subject to row-level security) and a database.
pg_ensure_database() { # pg_ensure_database NAME [--fresh]
  local db=$1 fresh=${2:-}
  pg_sql postgres "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'docent_owner') THEN
      CREATE ROLE docent_owner LOGIN PASSWORD '$DOCENT_DB_OWNER_PASSWORD'; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'docent_app') THEN
      CREATE ROLE docent_app LOGIN PASSWORD '$DOCENT_DB_APP_PASSWORD'; END IF;
  END \$\$;"
  if [ "$fresh" = --fresh ]; then
    pg_sql postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  fi
  if [ -z "$(pg_sql postgres "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    pg_sql postgres "CREATE DATABASE $db OWNER docent_owner"
  fi
  # The public schema belongs to the database owner (PostgreSQL 15); the app role may only use it.
  pg_sql "$db" "CREATE EXTENSION IF NOT EXISTS vector; REVOKE CREATE ON SCHEMA public FROM PUBLIC;"
}

pg_jdbc_url() { echo "jdbc:postgresql://127.0.0.1:$PG_PORT/$1"; }

# A streaming read replica of the private cluster (pg_basebackup -R), for the query path's replica and its tests.
PG_REPLICA_DIR="$DOCENT_HOME/pg-replica"
PG_REPLICA_DATA="$PG_REPLICA_DIR/data"
PG_REPLICA_PORT="${DOCENT_PG_REPLICA_PORT:-55433}"

pg_replica_is_running() {
  [ -f "$PG_REPLICA_DATA/postmaster.pid" ] && as_pg_user "$PG_BIN/pg_ctl" -D "$PG_REPLICA_DATA" status >/dev/null 2>&1
}

# pg_replica_create: a new replica from a base backup of the running primary (replacing any earlier one).
pg_replica_create() {
  pg_start
  pg_replica_stop
  rm -rf "$PG_REPLICA_DIR"
  mkdir -p "$PG_REPLICA_DIR/run"
  [ "$(id -u)" = 0 ] && chown -R postgres: "$PG_REPLICA_DIR"
  log "creating a streaming replica in $PG_REPLICA_DATA (port $PG_REPLICA_PORT)"
  as_pg_user env PGPASSWORD="$DOCENT_PG_SUPERUSER_PASSWORD" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" \
    -U postgres -D "$PG_REPLICA_DATA" -R -X stream -c fast >/dev/null
  cat <<CONF | as_pg_user tee -a "$PG_REPLICA_DATA/postgresql.conf" >/dev/null
# --- Docent read replica ---
port = $PG_REPLICA_PORT
unix_socket_directories = '$PG_REPLICA_DIR/run'
shared_buffers = 128MB
hot_standby = on
CONF
}

pg_replica_start() {
  [ -f "$PG_REPLICA_DATA/PG_VERSION" ] || pg_replica_create
  if pg_replica_is_running; then return 0; fi
  log "starting the read replica on 127.0.0.1:$PG_REPLICA_PORT"
  as_pg_user "$PG_BIN/pg_ctl" -D "$PG_REPLICA_DATA" -l "$PG_REPLICA_DIR/postgres.log" -w -t 60 start >/dev/null \
    || { tail -n 20 "$PG_REPLICA_DIR/postgres.log" >&2; die "the read replica did not start"; }
}

pg_replica_stop() {
  if pg_replica_is_running; then
    log "stopping the read replica"
    as_pg_user "$PG_BIN/pg_ctl" -D "$PG_REPLICA_DATA" -m fast -w stop >/dev/null
  fi
}

pg_replica_sql() { # pg_replica_sql DATABASE SQL
  PGPASSWORD="$DOCENT_PG_SUPERUSER_PASSWORD" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 \
    -p "$PG_REPLICA_PORT" -U postgres -d "$1" -tAc "$2"
}

pg_replica_jdbc_url() { echo "jdbc:postgresql://127.0.0.1:$PG_REPLICA_PORT/$1"; }
