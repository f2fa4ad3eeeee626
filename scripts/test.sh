#!/usr/bin/env bash
# Runs every test: installs missing packages, builds with AddressSanitizer + UBSan in build/,
# starts its own MariaDB, accountd and nginx under ./var/test on loopback, runs all CTest tests
# (labels unit, db, e2e, deploy), stops what it started, then runs scripts/lint.sh, and exits
# non-zero on any failure or lint finding. Extra arguments go to ctest (e.g. scripts/test.sh -L
# unit) and skip the lint unless ACCOUNTD_LINT=1.
set -euo pipefail
STATE=${ACCOUNTD_TEST_STATE:-$(cd "$(dirname "$0")/.." && pwd)/var/test}
# shellcheck source=lib/stack.sh
source "$(dirname "$0")/lib/stack.sh"

MDB_PORT=${ACCOUNTD_TEST_DB_PORT:-33316}
P1=${ACCOUNTD_TEST_PTERODACTYL_PORT:-18180}
P2=${ACCOUNTD_TEST_CALAGOPUS_PORT:-18181}
P3=${ACCOUNTD_TEST_ECLIPANEL_PORT:-18182}
# The stand-in code host the SSH key import e2e test serves while it runs (loopback only).
PK=${ACCOUNTD_TEST_KEYHOST_PORT:-$((P2 + 1000))}
BUILD=$ROOT/build
BIN=$BUILD/accountd

mkdir -p "$STATE"
ensure_packages "${BUILD_PACKAGES[@]}" "${STACK_PACKAGES[@]}" oathtool openssh-client systemd
log "building (Debug, ASan+UBSan) in build/ ..."
build "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DACCOUNTD_SANITIZE=ON
stop_stack
rm -rf "$STATE/mariadb" "$STATE/logs"
trap stop_stack EXIT

start_mariadb
create_database accountd_e2e accountd_e2e e2e-password
create_database accountd_dbtest accountd_dbtest dbtest-password
write_config "$STATE/accountd.conf" accountd_e2e accountd_e2e e2e-password 3
# Every e2e request comes from 127.0.0.1: the per-IP sign-in limit would otherwise trip across
# unrelated tests. The per-account limits keep their defaults and are tested.
printf '\n[throttle]\nlogin_ip_max = 1000000\n' >>"$STATE/accountd.conf"
# Calagopus' per-address limits likewise, but for the checkpoint, which keeps its default: the
# tests that reach it name their own client address (X-Forwarded-For from loopback) and one
# of them spends the limit. Registration is on so its e2e tests can sign up.
printf '\n[ratelimit]\ncalagopus_client = 1000000/30\ncalagopus_login = 1000000/300\ncalagopus_register = 1000000/3600\n' >>"$STATE/accountd.conf"
# EcliPanel's API-key creation limits: per address off, per user above what one test makes.
printf '\n[ratelimit]\neclipanel_apikey_create_ip = 1000000/3600\neclipanel_login = 1000000/60\neclipanel_apikey_create_user = 20/86400\n' >>"$STATE/accountd.conf"
printf '\n[registration]\nenabled = true\n' >>"$STATE/accountd.conf"
# Below the per-account checkpoint throttle (5), so the e2e test sees the token die first.
printf '\n[security]\ncheckpoint_max_failures = 3\n' >>"$STATE/accountd.conf"
# accountd serves Pterodactyl's SPA pages, from a stand-in template and language files.
printf '\n[pterodactyl]\nindex_template = %s\nlang_dir = %s\n' \
    "$ROOT/tests/data/pterodactyl/index.html" "$ROOT/tests/data/pterodactyl/lang" >>"$STATE/accountd.conf"
# Pagination links name the Pterodactyl server as the tests reach it, whatever Host is sent.
printf '\n[server]\npublic_url = http://127.0.0.1:%s\n' "$P1" >>"$STATE/accountd.conf"
# Avatar URLs name the Calagopus server, whose nginx block serves them.
printf '\n[avatar]\npublic_url = http://127.0.0.1:%s\n' "$P2" >>"$STATE/accountd.conf"
# The stalled-database e2e test waits for this; far above any statement's time in the suites.
printf '\n[database]\nread_timeout = 5\nwrite_timeout = 5\nconnect_timeout = 3\n' >>"$STATE/accountd.conf"
# The SSH key import fetches from the e2e test's own stand-in host, quickly given up on.
printf '\n[calagopus]\nssh_import_github_url = http://127.0.0.1:%s/github/users/{username}/keys\nssh_import_gitlab_url = http://127.0.0.1:%s/gitlab/users/{username}/keys\nssh_import_launchpad_url = http://127.0.0.1:%s/launchpad/~{username}/sshkeys\nssh_import_timeout_ms = 1500\nssh_import_max_bytes = 65536\n' \
    "$PK" "$PK" "$PK" >>"$STATE/accountd.conf"
"$BIN" migrate --config "$STATE/accountd.conf" >/dev/null
start_accountd "$BIN" "$STATE/accountd.conf"
# Far above what one test client sends, so the odd-input suite's rapid requests to the login
# routes reach accountd's own handlers and throttles rather than nginx's limit_req.
write_nginx_conf 600000r/m "$P1" "$P2" "$P3" spa
start_nginx

export ACCOUNTD_TEST_CONFIG=$STATE/accountd.conf
export ACCOUNTD_TEST_BINARY=$BIN
export ACCOUNTD_TEST_DB_URL="db=accountd_dbtest user=accountd_dbtest password=dbtest-password unix_socket=$STATE/mariadb/run/mysqld.sock"
export ACCOUNTD_TEST_URL_PTERODACTYL=http://127.0.0.1:$P1
export ACCOUNTD_TEST_URL_CALAGOPUS=http://127.0.0.1:$P2
export ACCOUNTD_TEST_URL_ECLIPANEL=http://127.0.0.1:$P3
export ACCOUNTD_TEST_STATE=$STATE
export ACCOUNTD_TEST_KEYHOST_PORT=$PK

status=0
ctest --test-dir "$BUILD" --output-on-failure "$@" || status=$?
if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$STATE/logs/accountd.log"; then
    log "sanitizer reports in the served workers:"
    grep -E -A20 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$STATE/logs/accountd.log" | head -60 >&2
    status=1
fi
# Then the linters (scripts/lint.sh), after a full run such as CI's; a run narrowed by ctest
# arguments skips them unless ACCOUNTD_LINT=1, and ACCOUNTD_LINT=0 always does.
lint_default=1
[ $# -eq 0 ] || lint_default=0
if [ "${ACCOUNTD_LINT:-$lint_default}" = 1 ]; then
    stop_stack
    bash "$ROOT/scripts/lint.sh" || status=1
fi
exit $status
