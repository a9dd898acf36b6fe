# shellcheck shell=bash
# Development JWT signing: an RSA key made on first start, and tokens signed with it (RS256).
# Production configures the intranet IdP's keys instead (mp.jwt.verify.publickey.location).

KEY_DIR="$DOCENT_HOME/keys"
JWT_PRIVATE_KEY="$KEY_DIR/dev-private.pem"
JWT_PUBLIC_KEY="$KEY_DIR/dev-public.pem"
JWT_ISSUER="${DOCENT_JWT_ISSUER:-https://docent.dev/issuer}"
JWT_AUDIENCE="${DOCENT_JWT_AUDIENCE:-docent}"

jwt_ensure_keys() {
  [ -f "$JWT_PRIVATE_KEY" ] && [ -f "$JWT_PUBLIC_KEY" ] && return 0
  mkdir -p "$KEY_DIR"
  ( umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$JWT_PRIVATE_KEY" 2>/dev/null )
  openssl pkey -in "$JWT_PRIVATE_KEY" -pubout -out "$JWT_PUBLIC_KEY"
  chmod 644 "$JWT_PUBLIC_KEY"
  log "created development JWT key $JWT_PUBLIC_KEY"
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

json_string() { # a JSON string literal, escaping quotes and backslashes
  local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"
}

# jwt_token USER GROUPS_CSV ADMIN(true|false) [TTL_SECONDS]
jwt_token() {
  local user=$1 groups_csv=$2 admin=$3 ttl=${4:-28800}
  jwt_ensure_keys
  local now groups="" g
  now=$(date +%s)
  IFS=',' read -r -a list <<<"$groups_csv"
  for g in "${list[@]}"; do
    g=$(echo "$g" | xargs)
    [ -n "$g" ] && groups+="${groups:+,}$(json_string "$g")"
  done
  [ "$admin" = true ] && groups+="${groups:+,}\"admin\""
  local header='{"alg":"RS256","typ":"JWT","kid":"docent-dev"}'
  local payload
  payload="{\"iss\":$(json_string "$JWT_ISSUER"),\"aud\":$(json_string "$JWT_AUDIENCE"),\"sub\":$(json_string "$user"),\"upn\":$(json_string "$user"),\"preferred_username\":$(json_string "$user"),\"groups\":[$groups],\"iat\":$now,\"exp\":$((now + ttl)),\"jti\":\"$(openssl rand -hex 8)\"}"
  local signing_input
  signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
  local signature
  signature=$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$JWT_PRIVATE_KEY" -binary | b64url)
  printf '%s.%s\n' "$signing_input" "$signature"
}
