# shellcheck shell=bash
# A local ActiveMQ Artemis broker (the distribution from Maven Central) for the external-broker binding: on
# loopback, with CORE (61616), AMQP (5672) and STOMP (61613) acceptors and the queues of Docent's JMS contract.
# Sourced by ./docent; expects common.sh to be loaded first.

# Keep in step with artemis.version in pom.xml (the resource adapter Liberty loads).
ARTEMIS_VERSION=2.40.0
ARTEMIS_HOME="$DOCENT_HOME/artemis/apache-artemis-$ARTEMIS_VERSION"
ARTEMIS_INSTANCE="$DOCENT_HOME/artemis/broker"
ARTEMIS_PORT="${DOCENT_ARTEMIS_PORT:-61616}"
ARTEMIS_USER=docent

artemis_install() {
  [ -x "$ARTEMIS_HOME/bin/artemis" ] && return 0
  log "installing ActiveMQ Artemis $ARTEMIS_VERSION (from Maven Central)"
  mkdir -p "$DOCENT_HOME/artemis"
  mvn -B -q -ntp dependency:copy -Dartifact="org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin" \
    -DoutputDirectory="$DOCENT_HOME/artemis" >/dev/null
  tar -xzf "$DOCENT_HOME/artemis/apache-artemis-$ARTEMIS_VERSION-bin.tar.gz" -C "$DOCENT_HOME/artemis"
  rm -f "$DOCENT_HOME/artemis/apache-artemis-$ARTEMIS_VERSION-bin.tar.gz"
}

# artemis_create: a broker instance with Docent's queues, unless one exists. Messages are persistent (journal);
# the redelivery limit matches docent.ingest.engine.max-redeliveries, after which the broker moves a message to
# the dead-letter queue (Docent normally gets there first, with the reason).
artemis_create() {
  artemis_install
  [ -f "$ARTEMIS_INSTANCE/etc/broker.xml" ] && return 0
  log "creating an Artemis broker instance in $ARTEMIS_INSTANCE"
  "$ARTEMIS_HOME/bin/artemis" create "$ARTEMIS_INSTANCE" --silent --force \
    --user "$ARTEMIS_USER" --password "$DOCENT_LOCAL_ARTEMIS_PASSWORD" --require-login \
    --host 127.0.0.1 --http-host 127.0.0.1 --no-web --no-mqtt-acceptor --no-hornetq-acceptor \
    --default-port "$ARTEMIS_PORT" --java-memory 512M \
    --queues docent.ingest:anycast,docent.ingest.dlq:anycast >/dev/null
  cat >"$ARTEMIS_INSTANCE/etc/broker.properties" <<PROPS
addressSettings."docent.ingest".deadLetterAddress=docent.ingest.dlq
addressSettings."docent.ingest".maxDeliveryAttempts=${DOCENT_INGEST_ENGINE_MAX_REDELIVERIES:-100}
addressSettings."docent.ingest".redeliveryDelay=500
addressSettings."docent.ingest".redeliveryMultiplier=2
addressSettings."docent.ingest".maxRedeliveryDelay=10000
PROPS
}

artemis_is_running() {
  local pid
  pid=$(cat "$ARTEMIS_INSTANCE/data/artemis.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

artemis_start() {
  artemis_create
  if artemis_is_running; then return 0; fi
  log "starting the Artemis broker on 127.0.0.1:$ARTEMIS_PORT (AMQP 5672, STOMP 61613)"
  "$ARTEMIS_INSTANCE/bin/artemis-service" start >/dev/null
  local waited=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$ARTEMIS_PORT") 2>/dev/null; do
    sleep 0.2
    waited=$((waited + 1))
    if [ "$waited" -gt 300 ]; then
      tail -n 30 "$ARTEMIS_INSTANCE/log/artemis.log" >&2
      die "the Artemis broker did not start"
    fi
  done
}

artemis_stop() {
  if artemis_is_running; then
    log "stopping the Artemis broker"
    "$ARTEMIS_INSTANCE/bin/artemis-service" stop >/dev/null
  fi
}

artemis_status() {
  if artemis_is_running; then echo "artemis:    running on 127.0.0.1:$ARTEMIS_PORT ($ARTEMIS_INSTANCE)"
  else echo "artemis:    stopped"; fi
}
