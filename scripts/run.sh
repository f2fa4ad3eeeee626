#!/usr/bin/env bash
# Runs accountd on this machine: installs missing packages, builds, starts a private MariaDB,
# the accountd workers and nginx under ./var/run-stack on loopback, migrates, creates a demo
# user and serves Pterodactyl on :8080, Calagopus on :8081 and EcliPanel on :8082.
#   scripts/run.sh         start, print URLs and credentials, stay in the foreground (Ctrl-C stops)
#   scripts/run.sh stop    stop what a previous run started (by PID)
# Environment: ACCOUNTD_PTERODACTYL_PORT, ACCOUNTD_CALAGOPUS_PORT, ACCOUNTD_ECLIPANEL_PORT,
#              ACCOUNTD_DB_PORT, ACCOUNTD_DEMO_PASSWORD, ACCOUNTD_WORKERS.
set -euo pipefail
STATE=${ACCOUNTD_STATE:-$(cd "$(dirname "$0")/.." && pwd)/var/run-stack}
# shellcheck source=lib/stack.sh
source "$(dirname "$0")/lib/stack.sh"

if [ "${1:-}" = "stop" ]; then
    stop_stack
    exit 0
fi

P1=${ACCOUNTD_PTERODACTYL_PORT:-8080}
P2=${ACCOUNTD_CALAGOPUS_PORT:-8081}
P3=${ACCOUNTD_ECLIPANEL_PORT:-8082}
MDB_PORT=${ACCOUNTD_DB_PORT:-33306}
DEMO_PASSWORD=${ACCOUNTD_DEMO_PASSWORD:-demo-password-2026}
BIN=$ROOT/build-release/accountd

mkdir -p "$STATE"
ensure_packages "${BUILD_PACKAGES[@]}" "${STACK_PACKAGES[@]}"
log "building (Release) in build-release/ ..."
build "$ROOT/build-release" -DCMAKE_BUILD_TYPE=Release -DACCOUNTD_TESTS=OFF
stop_stack
trap stop_stack EXIT
trap 'exit 130' INT TERM

start_mariadb
[ -f "$STATE/db-password" ] || (umask 077; openssl rand -hex 16 >"$STATE/db-password")
create_database accountd accountd "$(cat "$STATE/db-password")"
write_config "$STATE/accountd.conf" accountd accountd "$(cat "$STATE/db-password")" "${ACCOUNTD_WORKERS:-4}"
"$BIN" migrate --config "$STATE/accountd.conf"
# The demo account is recreated each run so that ACCOUNTD_DEMO_PASSWORD always applies.
mdb accountd -e "DELETE FROM users WHERE username = 'demo'"
printf '%s\n' "$DEMO_PASSWORD" | "$BIN" user create --config "$STATE/accountd.conf" \
    --email demo@example.com --username demo --first-name Demo --last-name User --password-stdin
start_accountd "$BIN" "$STATE/accountd.conf"
write_nginx_conf 30r/m "$P1" "$P2" "$P3"
start_nginx

cat <<INFO

accountd is running (Ctrl-C, or scripts/run.sh stop, stops everything it started).

  Pterodactyl  http://127.0.0.1:$P1   POST /auth/login, GET /api/client/account, POST /auth/logout
  Calagopus    http://127.0.0.1:$P2   POST /api/auth/login, GET /api/client/account, POST /api/client/account/logout
  EcliPanel    http://127.0.0.1:$P3   POST /api/auth/login, GET /api/users/me, POST /api/sessions/logout
  Health       http://127.0.0.1:$P1/api/health  and  /api/health/ready

  Demo user:   username demo, e-mail demo@example.com, password $DEMO_PASSWORD

Sign in and read the account (Pterodactyl):
  curl -s -c /tmp/accountd.jar -H 'Content-Type: application/json' -d '{"user":"demo","password":"$DEMO_PASSWORD"}' http://127.0.0.1:$P1/auth/login && echo && curl -s -b /tmp/accountd.jar http://127.0.0.1:$P1/api/client/account && echo

Logs: $STATE/logs/accountd.log, $STATE/nginx/logs/error.log
INFO

pid=$(cat "$STATE/run/accountd.pid")
while kill -0 "$pid" 2>/dev/null; do sleep 1; done
log "accountd exited"
