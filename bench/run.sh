#!/usr/bin/env bash
# Benchmarks accountd on loopback in one run, each figure against the ceilings measured in the
# same run: nginx answering a static 200 by itself, and the liveness endpoint (the cheapest
# FastCGI round trip through the worker pool). Prints req/s, p50/p99 latency, the ratio of each
# scenario to the liveness ceiling, and worker memory. Then the account read again while
# wrong-password sign-ins flood the pool (against the unflooded read), and how fast housekeeping
# deletes ended throttle windows (against how fast that flood adds them). A benchmark, not a
# test: it never fails on a figure; it says whether the targets were met.
#   bench/run.sh                 (BENCH_DURATION=10s BENCH_CONNECTIONS=32 BENCH_THREADS=2 BENCH_WORKERS=4,
#                                 BENCH_HASH_WAIT_MS=<config's>)
set -euo pipefail
STATE=${ACCOUNTD_BENCH_STATE:-$(cd "$(dirname "$0")/.." && pwd)/var/bench}
# shellcheck source=../scripts/lib/stack.sh
source "$(dirname "$0")/../scripts/lib/stack.sh"

DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
WORKERS=${BENCH_WORKERS:-4}
MDB_PORT=${ACCOUNTD_BENCH_DB_PORT:-33336}
P1=${ACCOUNTD_BENCH_PORT_BASE:-18380}; P2=$((P1 + 1)); P3=$((P1 + 2))
BIN=$ROOT/build-release/accountd
PASSWORD="bench password 2026"

mkdir -p "$STATE"
ensure_packages "${BUILD_PACKAGES[@]}" "${STACK_PACKAGES[@]}" wrk
log "building (Release) in build-release/ ..."
build "$ROOT/build-release" -DCMAKE_BUILD_TYPE=Release -DACCOUNTD_TESTS=OFF
stop_stack
rm -rf "$STATE/mariadb" "$STATE/logs"
trap stop_stack EXIT
start_mariadb
create_database accountd_bench accountd_bench bench-password
write_config "$STATE/accountd.conf" accountd_bench accountd_bench bench-password "$WORKERS"
sed -i 's/^level = .*/level = warn/' "$STATE/accountd.conf"
# One user drives ~7000 requests a second here: far past the per-user client-API budget, whose
# cost (one atomic compare-and-swap in shared memory) is not what this measures.
printf '\n[ratelimit]\nclient_per_minute = 0\ncalagopus_client = 0/30\n' >>"$STATE/accountd.conf"
# BENCH_HASH_WAIT_MS: the wait for a hash slot to measure the flood with (default: the config's).
if [ -n "${BENCH_HASH_WAIT_MS:-}" ]; then
    printf '\n[password]\nhash_wait_ms = %s\n' "$BENCH_HASH_WAIT_MS" >>"$STATE/accountd.conf"
fi
# The flood below stands for many clients (a botnet): each of its sign-ins gets past the
# throttles and costs a password hash, which is what the hash ceiling is for.
printf '\n[throttle]\nlogin_ip_account_max = 1000000\nlogin_account_max = 1000000\nlogin_ip_max = 1000000\n' \
    >>"$STATE/accountd.conf"
"$BIN" migrate --config "$STATE/accountd.conf" >/dev/null
printf '%s\n' "$PASSWORD" | "$BIN" user create --config "$STATE/accountd.conf" \
    --email bench@example.com --username bench --password-stdin >/dev/null
start_accountd "$BIN" "$STATE/accountd.conf"
write_nginx_conf 6000r/m "$P1" "$P2" "$P3"
start_nginx

# Sign in once per dialect and keep the credential each client would send.
login() {  # login URL BODY COOKIE_NAME -> cookie value
    curl -s -c - -H 'Content-Type: application/json' -d "$2" "$1" | awk -v n="$3" '$6 == n { print $7 }'
}
PTERO=$(login "http://127.0.0.1:$P1/auth/login" "{\"user\":\"bench\",\"password\":\"$PASSWORD\"}" pterodactyl_session)
CALA=$(login "http://127.0.0.1:$P2/api/auth/login" "{\"user\":\"bench\",\"password\":\"$PASSWORD\"}" calagopus_session)
ECLI=$(login "http://127.0.0.1:$P3/api/auth/login" "{\"email\":\"bench@example.com\",\"password\":\"$PASSWORD\"}" token)
[ -n "$PTERO" ] && [ -n "$CALA" ] && [ -n "$ECLI" ] || die "could not sign the bench user in"
# A Pterodactyl account API key, created through the API with the session.
XSRF=$(curl -s -c - -H 'Content-Type: application/json' -d "{\"user\":\"bench\",\"password\":\"$PASSWORD\"}" \
    "http://127.0.0.1:$P1/auth/login" | awk '$6 == "XSRF-TOKEN" || $6 == "pterodactyl_session" { print $6 "=" $7 }' | paste -sd';')
KEY=$(curl -s -H 'Content-Type: application/json' -H "Cookie: $XSRF" \
    -H "X-XSRF-TOKEN: $(sed 's/.*XSRF-TOKEN=\([^;]*\).*/\1/' <<<"$XSRF")" \
    -d '{"description":"bench key"}' "http://127.0.0.1:$P1/api/client/account/api-keys" |
    sed -n 's/.*"identifier":"\([^"]*\)".*"secret_token":"\([^"]*\)".*/\1\2/p')
[ ${#KEY} -eq 48 ] || die "could not create the bench API key"
# A Calagopus c7sp_ key with the one permission nothing here needs (GET account needs none),
# created with the Calagopus session (a cookie write: same-origin).
CKEY_ANSWER=$(curl -s -H 'Content-Type: application/json' -H "Cookie: calagopus_session=$CALA" \
    -H "Origin: http://127.0.0.1:$P2" \
    -d '{"name":"bench c7sp key","allowed_ips":[],"user_permissions":["api-keys.read"],"admin_permissions":[],"server_permissions":[]}' \
    "http://127.0.0.1:$P2/api/client/account/api-keys")
CKEY=$(printf '%s' "$CKEY_ANSWER" | sed -n 's/.*"key":"\(c7sp_[A-Za-z0-9]*\)".*/\1/p')
[ ${#CKEY} -eq 48 ] || die "could not create the bench Calagopus API key: $CKEY_ANSWER"
# An EcliPanel client key limited to reading the account, created with the EcliPanel session.
EKEY_ANSWER=$(curl -s -H 'Content-Type: application/json' -H "Cookie: token=$ECLI" \
    -H "Origin: http://127.0.0.1:$P3" \
    -d '{"name":"bench ecli key","type":"client","permissions":["users:read"]}' \
    "http://127.0.0.1:$P3/api/apikeys")
EKEY=$(printf '%s' "$EKEY_ANSWER" | sed -n 's/.*"apiKey":"\([0-9a-f]*\)".*/\1/p')
[ ${#EKEY} -eq 64 ] || die "could not create the bench EcliPanel API key: $EKEY_ANSWER"

results=()
# run NAME URL [HEADER]: one wrk run; appends "name rps p50 p99 errors" to results.
run() {
    local name=$1 url=$2 header=${3:-} out
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
    [ -n "$header" ] && args+=(-H "$header")
    # Every scenario must answer 200: check once before measuring.
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' ${header:+-H "$header"} "$url")
    [ "$code" = 200 ] || die "$name answered $code, not 200"
    out=$(wrk "${args[@]}" "$url")
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
    p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    errors=$(awk '/Non-2xx or 3xx responses:/ { e += $NF }
                  /Socket errors:/ { gsub(",", ""); e += $4 + $6 + $8 + $10 }
                  END { print e + 0 }' <<<"$out")
    results+=("$name $rps $p50 $p99 ${errors:-0}")
    log "$name: $rps req/s (p50 $p50, p99 $p99)"
}

run "nginx-static-200"        "http://127.0.0.1:$P1/nginx-static"
run "liveness-fastcgi"        "http://127.0.0.1:$P1/api/health"
run "pterodactyl-account"     "http://127.0.0.1:$P1/api/client/account" "Cookie: pterodactyl_session=$PTERO"
run "pterodactyl-account-key" "http://127.0.0.1:$P1/api/client/account" "Authorization: Bearer $KEY"
run "calagopus-account"       "http://127.0.0.1:$P2/api/client/account" "Cookie: calagopus_session=$CALA"
run "calagopus-account-key"   "http://127.0.0.1:$P2/api/client/account" "Authorization: Bearer $CKEY"
run "eclipanel-users-me"      "http://127.0.0.1:$P3/api/users/me"       "Cookie: token=$ECLI"
run "eclipanel-users-me-bearer" "http://127.0.0.1:$P3/api/users/me"     "Authorization: Bearer $ECLI"
run "eclipanel-users-me-key"   "http://127.0.0.1:$P3/api/users/me"       "Authorization: ApiKey $EKEY"

# The account read again while wrong-password sign-ins flood the pool: FLOOD_CONNECTIONS clients
# sign in with a wrong password without pause, each request from another address (the test
# stack's nginx trusts X-Forwarded-For from loopback), so nginx's per-address limit and the
# per-address throttles let every one through to a password hash.
FLOOD_CONNECTIONS=${BENCH_FLOOD_CONNECTIONS:-8}
cat >"$STATE/flood.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n = 0; wrong = 0; busy = 0 end
local body = '{"user":"bench","password":"not the bench password"}'
function request()
    n = n + 1
    local headers = { ["Content-Type"] = "application/json",
                      ["X-Forwarded-For"] = string.format("10.%d.%d.%d", n % 250,
                          math.floor(n / 250) % 250, math.floor(n / 62500) % 250 + 1) }
    return wrk.format("POST", "/auth/login", headers, body)
end
function response(status)
    if status == 400 then wrong = wrong + 1 elseif status == 503 then busy = busy + 1 end
end
function done()
    local w, b = 0, 0
    for _, t in ipairs(threads) do w = w + t:get("wrong"); b = b + t:get("busy") end
    io.write(string.format("flood-statuses %d %d\n", w, b))
end
LUA
rows_in() { mdb -N accountd_bench -e "SELECT COUNT(*) FROM $1"; }
throttle_rows_before=$(rows_in throttle_buckets)
flood_seconds=$(( ${DURATION%s} + 4 ))
wrk -t1 -c"$FLOOD_CONNECTIONS" -d"${flood_seconds}s" -s "$STATE/flood.lua" "http://127.0.0.1:$P1" \
    >"$STATE/flood.out" 2>&1 &
flood_pid=$!
sleep 2
run "pterodactyl-account-flooded" "http://127.0.0.1:$P1/api/client/account" "Cookie: pterodactyl_session=$PTERO"
wait "$flood_pid" || true
flood_rps=$(awk '/^Requests\/sec:/ { print $2 }' "$STATE/flood.out")
flood_total=$(awk '/requests in/ { print $1 }' "$STATE/flood.out")
read -r flood_wrong flood_busy < <(awk '$1 == "flood-statuses" { print $2, $3 }' "$STATE/flood.out")
throttle_rows_added=$(( $(rows_in throttle_buckets) - throttle_rows_before ))

# Housekeeping: ended throttle windows (the rows a flood adds fastest) deleted per second, with
# every worker running it each second. The rows are made old directly in the database.
HK_ROWS=${BENCH_HOUSEKEEPING_ROWS:-200000}
printf '\n[housekeeping]\ninterval = 1\n' >>"$STATE/accountd.conf"
kill -HUP "$(cat "$STATE/run/accountd.pid")"
sleep 3
mdb accountd_bench -e "INSERT INTO throttle_buckets (bucket, hits, window_ends)
    SELECT UNHEX(SHA2(CONCAT('bench-ended|', seq), 256)), 1, '2001-01-01 00:00:00'
    FROM seq_1_to_$HK_ROWS"
ended() { mdb -N accountd_bench -e "SELECT COUNT(*) FROM throttle_buckets WHERE window_ends = '2001-01-01 00:00:00'"; }
hk_start=$(date +%s.%N)
hk_deadline=$((SECONDS + 300))
while [ "$(ended)" -gt 0 ] && [ $SECONDS -lt $hk_deadline ]; do
    for _ in 1 2 3 4 5 6 7 8; do curl -s -o /dev/null "http://127.0.0.1:$P1/api/health"; done
    sleep 0.2
done
hk_left=$(ended)
hk_seconds=$(awk -v a="$hk_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

# Worker memory: resident set of each worker after the runs.
master=$(cat "$STATE/run/accountd.pid")
rss=()
for status in /proc/[0-9]*/status; do
    if awk -v m="$master" '$1 == "PPid:" && $2 == m { found = 1 } END { exit !found }' "$status" 2>/dev/null; then
        rss+=("$(awk '$1 == "VmRSS:" { print $2 }' "$status")")
    fi
done

liveness=$(printf '%s\n' "${results[@]}" | awk '$1 == "liveness-fastcgi" { print $2 }')
flood_seconds_run=$((flood_seconds))
echo
echo "accountd benchmark: wrk -t$THREADS -c$CONNECTIONS -d$DURATION on loopback, $WORKERS workers, $(nproc) cores"
printf '%-28s %12s %10s %10s %10s %8s\n' scenario req/s p50 p99 vs-liveness errors
for line in "${results[@]}"; do
    read -r name rps p50 p99 errors <<<"$line"
    ratio=$(awk -v a="$rps" -v b="$liveness" 'BEGIN { printf "%.0f%%", 100 * a / b }')
    printf '%-28s %12s %10s %10s %10s %8s\n' "$name" "$rps" "$p50" "$p99" "$ratio" "$errors"
done
echo
printf 'worker RSS (KiB): %s  (max %s)\n' "${rss[*]}" "$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)"
echo
echo "targets:"
for name in pterodactyl-account calagopus-account eclipanel-users-me; do
    rps=$(printf '%s\n' "${results[@]}" | awk -v n="$name" '$1 == n { print $2 }')
    awk -v n="$name" -v a="$rps" -v b="$liveness" 'BEGIN {
        r = 100 * a / b; printf "  %-26s %5.0f%% of liveness (target >= 40%%): %s\n", n, r, (r >= 40 ? "met" : "NOT met") }'
done
cookie=$(printf '%s\n' "${results[@]}" | awk '$1 == "pterodactyl-account" { print $2 }')
key=$(printf '%s\n' "${results[@]}" | awk '$1 == "pterodactyl-account-key" { print $2 }')
awk -v a="$key" -v b="$cookie" 'BEGIN {
    r = 100 * a / b; printf "  %-26s %5.0f%% of the cookie read (target >= 90%%): %s\n", "pterodactyl-account-key", r, (r >= 90 ? "met" : "NOT met") }'
ccookie=$(printf '%s\n' "${results[@]}" | awk '$1 == "calagopus-account" { print $2 }')
ckey=$(printf '%s\n' "${results[@]}" | awk '$1 == "calagopus-account-key" { print $2 }')
awk -v a="$ckey" -v b="$ccookie" 'BEGIN {
    r = 100 * a / b; printf "  %-26s %5.0f%% of the cookie read (target >= 90%%): %s\n", "calagopus-account-key", r, (r >= 90 ? "met" : "NOT met") }'
ecookie=$(printf '%s\n' "${results[@]}" | awk '$1 == "eclipanel-users-me" { print $2 }')
ekey=$(printf '%s\n' "${results[@]}" | awk '$1 == "eclipanel-users-me-key" { print $2 }')
awk -v a="$ekey" -v b="$ecookie" 'BEGIN {
    r = 100 * a / b; printf "  %-26s %5.0f%% of the cookie read (target >= 90%%): %s\n", "eclipanel-users-me-key", r, (r >= 90 ? "met" : "NOT met") }'
flooded=$(printf '%s\n' "${results[@]}" | awk '$1 == "pterodactyl-account-flooded" { print $2 }')
echo
echo "under a wrong-password flood ($FLOOD_CONNECTIONS connections, hash ceiling $(nproc) = one per core):"
awk -v a="$flooded" -v b="$cookie" -v f="$flood_rps" -v t="$flood_total" -v w="${flood_wrong:-?}" -v busy="${flood_busy:-?}" 'BEGIN {
    printf "  %-26s %5.0f%% of the unflooded read (%s vs %s req/s)\n", "pterodactyl-account-flooded", 100 * a / b, a, b
    printf "  %-26s %s sign-ins/s: %s in all, %s refused after a hash, %s answered 503 (no free hash slot)\n", "flood", f, t, w, busy }'
awk -v r="$throttle_rows_added" -v s="$flood_seconds_run" 'BEGIN {
    printf "  %-26s %d throttle rows added, %.0f a second\n", "rows the flood made", r, r / s }'
echo
echo "housekeeping (every worker once a second, batches of 1000 in one transaction each):"
awk -v n="$HK_ROWS" -v left="$hk_left" -v s="$hk_seconds" -v r="$throttle_rows_added" -v fs="$flood_seconds_run" 'BEGIN {
    done = n - left; rate = done / s
    printf "  %-26s %d of %d ended throttle windows deleted in %s s: %.0f rows/s\n", "deleted", done, n, s, rate
    if (r > 0) printf "  %-26s %.1fx the rate the flood added them\n", "keeps up", rate / (r / fs) }'
