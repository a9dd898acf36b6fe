# shellcheck shell=bash
# Building Docent and running it on Open Liberty (the runtime lives in .docent/liberty, outside target/).

LIBERTY_WLP="$DOCENT_HOME/liberty/wlp"
LIBERTY_SERVER=docent
LIBERTY_SERVER_DIR="$LIBERTY_WLP/usr/servers/$LIBERTY_SERVER"
HTTP_PORT="${DOCENT_HTTP_PORT:-9080}"
HTTPS_PORT="${DOCENT_HTTPS_PORT:-9443}"
WAR="$DOCENT_ROOT/target/docent.war"

# Quiet Maven prints only problems, to stderr, so that a failed build shows even where stdout is discarded.
mvn_quiet() {
  (cd "$DOCENT_ROOT" && mvn -B -q -ntp -Dstyle.color=never "$@" >&2)
}

# Rebuilds the WAR when a source, migration or the POM is newer than it.
build_if_needed() {
  if [ -f "$WAR" ] && [ -z "$(find "$DOCENT_ROOT/src/main" "$DOCENT_ROOT/db" "$DOCENT_ROOT/pom.xml" -newer "$WAR" -print -quit)" ]; then
    return 0
  fi
  log "building Docent (mvn package)"
  mvn_quiet package -DskipTests
}

# Creates or refreshes the server (configuration, shared library) when the POM or the configuration changed.
liberty_prepare_server() {
  local marker="$LIBERTY_SERVER_DIR/.docent-prepared"
  if [ ! -f "$marker" ] || [ -n "$(find "$DOCENT_ROOT/src/main/liberty" "$DOCENT_ROOT/pom.xml" -newer "$marker" -print -quit)" ]; then
    log "preparing the Liberty server (runtime, configuration, shared library)"
    mvn_quiet liberty:create
    touch "$marker"
  fi
  mkdir -p "$LIBERTY_SERVER_DIR/dropins"
  cp "$WAR" "$LIBERTY_SERVER_DIR/dropins/docent.war"
}

liberty_write_env() {
  local env_file="$LIBERTY_SERVER_DIR/server.env" keystore_password
  # Liberty created its TLS keystore with the password in the first server.env: keep it.
  keystore_password=$(sed -n 's/^keystore_password=//p' "$env_file" 2>/dev/null | head -n1)
  umask 077
  cat >"$env_file" <<ENV
keystore_password=${keystore_password:-$(openssl rand -hex 12)}
HTTP_PORT=$HTTP_PORT
HTTPS_PORT=$HTTPS_PORT
DOCENT_DB_URL=$DOCENT_DB_URL
DOCENT_DB_OWNER_USER=$DOCENT_DB_OWNER_USER
DOCENT_DB_OWNER_PASSWORD=$DOCENT_DB_OWNER_PASSWORD
DOCENT_DB_APP_USER=$DOCENT_DB_APP_USER
DOCENT_DB_APP_PASSWORD=$DOCENT_DB_APP_PASSWORD
MP_JWT_VERIFY_PUBLICKEY_LOCATION=${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-$JWT_PUBLIC_KEY}
DOCENT_JWT_ISSUER=$JWT_ISSUER
DOCENT_JWT_AUDIENCE=$JWT_AUDIENCE
ENV
  # An OpenAI-compatible model, when one is given: Docent then answers with it instead of extractively.
  local name
  for name in DOCENT_LLM_BASE_URL DOCENT_LLM_MODEL DOCENT_LLM_API_KEY DOCENT_LLM_AUTH_HEADER DOCENT_LLM_API_VERSION \
              DOCENT_LLM_PRICE_INPUT_PER_1K DOCENT_LLM_PRICE_OUTPUT_PER_1K; do
    if [ -n "${!name:-}" ]; then
      printf '%s=%s\n' "$name" "${!name}" >>"$env_file"
    fi
  done
  # The JMS provider (embedded by default) and, for Artemis, the broker to bind to. The provider picks a
  # configuration file, which Liberty resolves from bootstrap.properties only.
  liberty_set_bootstrap docent.jms.provider "${DOCENT_JMS_PROVIDER:-embedded}"
  for name in DOCENT_INGEST_CONCURRENCY DOCENT_EMBED_THREADS DOCENT_RATELIMIT_USER_PER_MINUTE DOCENT_RATELIMIT_ADMIN_PER_MINUTE DOCENT_RATELIMIT_IP_PER_MINUTE \
              DOCENT_ARTEMIS_HOST DOCENT_ARTEMIS_PORT DOCENT_ARTEMIS_USER DOCENT_ARTEMIS_PASSWORD; do
    if [ -n "${!name:-}" ]; then
      printf '%s=%s\n' "$name" "${!name}" >>"$env_file"
    fi
  done
  # Tokens from the development key: the chat page's sign-in form works only while Docent trusts that key.
  if [ -z "${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-}" ]; then
    printf 'DOCENT_DEV_TOKENS_ENABLED=true\nDOCENT_DEV_JWT_PRIVATE_KEY=%s\n' "$JWT_PRIVATE_KEY" >>"$env_file"
  fi
  # A streaming read replica for the query path, when one is given.
  if [ -n "${DOCENT_DB_REPLICA_URL:-}" ]; then
    printf 'DOCENT_DB_REPLICA_URL=%s\nDOCENT_DB_REPLICA_ENABLED=true\n' "$DOCENT_DB_REPLICA_URL" >>"$env_file"
    [ -z "${DOCENT_DB_REPLICA_MAX_LAG_SECONDS:-}" ] \
      || printf 'DOCENT_DB_REPLICA_MAX_LAG_SECONDS=%s\n' "$DOCENT_DB_REPLICA_MAX_LAG_SECONDS" >>"$env_file"
  fi
  umask 022
}

liberty_set_bootstrap() { # liberty_set_bootstrap NAME VALUE: one line of the server's bootstrap.properties
  local file="$LIBERTY_SERVER_DIR/bootstrap.properties"
  touch "$file"
  # A changed value can choose another configuration file, which a warm start would not re-read: start clean.
  grep -qx "$1=$2" "$file" || LIBERTY_START_CLEAN=true
  sed -i "/^$1=/d" "$file"
  printf '%s=%s\n' "$1" "$2" >>"$file"
}

liberty_is_running() {
  [ -x "$LIBERTY_WLP/bin/server" ] && [ -d "$LIBERTY_SERVER_DIR" ] \
    && "$LIBERTY_WLP/bin/server" status "$LIBERTY_SERVER" >/dev/null 2>&1
}

liberty_start() {
  log "starting Liberty (server $LIBERTY_SERVER, port $HTTP_PORT)"
  if [ "${LIBERTY_START_CLEAN:-false}" = true ]; then
    "$LIBERTY_WLP/bin/server" start "$LIBERTY_SERVER" --clean >/dev/null
  else
    "$LIBERTY_WLP/bin/server" start "$LIBERTY_SERVER" >/dev/null
  fi
}

liberty_wait_ready() { # liberty_wait_ready TIMEOUT_SECONDS
  local deadline=$((SECONDS + $1)) code=000 log_file="$LIBERTY_SERVER_DIR/logs/messages.log"
  while [ $SECONDS -lt $deadline ]; do
    if grep -q -E 'CWWKZ0002E|CWWKZ0004E' "$log_file" 2>/dev/null; then
      grep -E ' E |Caused by' "$log_file" | tail -n 20 >&2
      die "the application failed to start; see ./docent logs"
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/health/ready" || true)
    [ "$code" = 200 ] && { log "ready"; return 0; }
    liberty_is_running || { tail -n 40 "$LIBERTY_SERVER_DIR/logs/messages.log" >&2 || true; die "Liberty stopped while starting"; }
    sleep 2
  done
  tail -n 40 "$LIBERTY_SERVER_DIR/logs/messages.log" >&2 || true
  die "Docent was not ready after $1 s (last readiness answer: HTTP $code); see ./docent logs"
}

liberty_stop() {
  if liberty_is_running; then
    log "stopping Liberty"
    "$LIBERTY_WLP/bin/server" stop "$LIBERTY_SERVER" >/dev/null
  fi
}
