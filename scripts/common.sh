# shellcheck shell=bash
# Shared helpers for ./docent: paths, logging, secrets.

DOCENT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOCENT_HOME="$DOCENT_ROOT/.docent"
mkdir -p "$DOCENT_HOME"

log() { printf '[docent] %s\n' "$*" >&2; }
die() { printf '[docent] error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $*"; fi
}

# Passwords for the private cluster and the local Artemis broker, made once and kept in .docent/secrets.env (mode 600).
load_secrets() {
  local file="$DOCENT_HOME/secrets.env"
  if [ ! -f "$file" ]; then
    umask 077
    {
      echo "DOCENT_PG_SUPERUSER_PASSWORD=$(openssl rand -hex 16)"
      echo "DOCENT_DB_OWNER_PASSWORD=$(openssl rand -hex 16)"
      echo "DOCENT_DB_APP_PASSWORD=$(openssl rand -hex 16)"
    } >"$file"
  fi
  # Added later than the others: files made before it get it now.
  grep -q '^DOCENT_LOCAL_ARTEMIS_PASSWORD=' "$file" || (umask 077; echo "DOCENT_LOCAL_ARTEMIS_PASSWORD=$(openssl rand -hex 16)" >>"$file")
  # shellcheck disable=SC1090
  set -a; . "$file"; set +a
}

# Debian's Chromium with its chromedriver, and Firefox ESR (driven over WebDriver BiDi, which needs no driver),
# for the browser tests: nothing is downloaded at test time.
browser_install() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -x /usr/bin/firefox-esr ]; then return 0; fi
  log "installing chromium, chromium-driver and firefox-esr from Debian packages (browser tests)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver firefox-esr >/dev/null
}
