#!/usr/bin/env bash
# Checks the deployment files in nginx/ and systemd/ without touching the system's nginx or
# systemd: everything runs against copies in a private temporary directory.
#
#   1. static contract checks on the nginx snippets (grep)
#   2. nginx -t on accountd-site.conf, paths rewritten to the temp dir, self-signed certificate
#   3. nginx -t on an "existing server block" that only includes the snippets
#   4. systemd-analyze verify on both units (binary rewritten to /bin/true), the sandboxing
#      directives, and systemd-analyze security's exposure score
#   5. the built binary's hardening (PIE, full RELRO, stack protector) with readelf
#
# Usage: scripts/check-deploy-files.sh [PATH-TO-ACCOUNTD-BINARY]   (default build/accountd)
#
# Needs: nginx, openssl, systemd (systemd-analyze). No root needed, no network, no prompts.
# Exit status: 0 when everything passed, 1 otherwise.
set -euo pipefail

REPO=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
NGINX_SRC=$REPO/nginx
SYSTEMD_SRC=$REPO/systemd

failures=0
step() { printf '\n==> %s\n' "$*"; }
ok()   { printf '    ok    %s\n' "$*"; }
info() { printf '    info  %s\n' "$*"; }
bad()  { printf '    FAIL  %s\n' "$*"; failures=$((failures + 1)); }
indent() { sed 's/^/          | /'; }

for tool in nginx openssl systemd-analyze; do
    command -v "$tool" >/dev/null 2>&1 || { echo "check-deploy-files: $tool not found" >&2; exit 1; }
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/accountd-deploy-check.XXXXXX")
trap 'rm -rf -- "$TMP"' EXIT

SNIPPETS=(accountd-maps.conf accountd-api.conf accountd-fastcgi.conf accountd-pterodactyl.conf
          accountd-pterodactyl-spa.conf accountd-avatars.conf accountd-eclipanel.conf)
for f in "${SNIPPETS[@]}" accountd-site.conf; do
    [ -f "$NGINX_SRC/$f" ] || { echo "check-deploy-files: missing nginx/$f" >&2; exit 1; }
done
for f in accountd.service accountd.socket; do
    [ -f "$SYSTEMD_SRC/$f" ] || { echo "check-deploy-files: missing systemd/$f" >&2; exit 1; }
done

echo "accountd deployment file check (repo: $REPO)"
echo "nginx: $(nginx -v 2>&1 | sed 's/^nginx version: //'); $(systemd-analyze --version | head -n 1); $(openssl version)"

# Directives of a config file with comments removed (no value in these files contains '#').
directives() { sed -e 's/#.*$//' -e '/^[[:space:]]*$/d' "$1"; }

# ---- 1. static contract checks ------------------------------------------------------------------
step "1. nginx snippet contracts (static)"
for f in "${SNIPPETS[@]}"; do
    if directives "$NGINX_SRC/$f" | grep -Eq '(^|[[:space:];{])(upstream|limit_req_zone)[[:space:]]'; then
        bad "$f defines an upstream or limit_req_zone (the includer must own those)"
    else
        ok "$f: no upstream, no limit_req_zone"
    fi
done
if directives "$NGINX_SRC/accountd-maps.conf" | grep -Ev '^[[:space:]]*(map[[:space:]].*\{|\}|[^[:space:]]+[[:space:]]+'"'"'.*'"'"';|log_format accountd '"'"'.*'"'"';)[[:space:]]*$' | grep -q .; then
    bad "accountd-maps.conf contains something other than map blocks and the accountd log format"
else
    ok "accountd-maps.conf: only map blocks"
fi
# The access log must never hold a query string, a cookie or a credential.
format=$(directives "$NGINX_SRC/accountd-maps.conf" | grep '^log_format accountd' || true)
if [ -z "$format" ] || grep -Eq '\$(request|request_uri|request_body|args|query_string|http_cookie|http_authorization|http_x_xsrf_token|http_x_csrf_token|sent_http_set_cookie|cookie_[a-z_]+|arg_[a-z_]+)([^a-z_]|$)' <<<"$format"; then
    bad "the accountd log format is missing or logs a query string, cookie or credential"
else
    ok "accountd log format: no query string, cookie or credential"
fi
servers=$(grep -Ec '^[[:space:]]*listen (80|443)[ ;]' "$NGINX_SRC/accountd-site.conf" || true)
logged=$(directives "$NGINX_SRC/accountd-site.conf" | grep -c 'access_log .* accountd;' || true)
if [ "$servers" -ne "$logged" ]; then
    bad "accountd-site.conf: $logged of $servers server blocks use the accountd log format"
else
    ok "accountd-site.conf: every server block logs in the accountd format"
fi
keep_conn=""
for f in "${SNIPPETS[@]}" accountd-site.conf; do
    if directives "$NGINX_SRC/$f" | grep -q 'fastcgi_keep_conn'; then keep_conn="$keep_conn $f"; fi
done
if [ -n "$keep_conn" ]; then
    bad "fastcgi_keep_conn is used in:$keep_conn (it pins blocking prefork workers)"
else
    ok "no fastcgi_keep_conn anywhere"
fi
# The API login routes share one regex location (so a trailing slash cannot dodge the limit):
# every route, with and without a trailing slash, must match it, and it must carry the limit.
login_regex=$(sed -n 's/^location ~ \(\^\/api\/.*\$\) {$/\1/p' "$NGINX_SRC/accountd-api.conf" | head -n 1)
if [ -z "$login_regex" ]; then
    bad "accountd-api.conf: no regex location for the login routes"
elif ! awk -v want="location ~ $login_regex {" '
        index($0, want) { inside = 1; next }
        inside && /limit_req zone=accountd_login/ { found = 1 }
        inside && /^}/ { exit }
        END { exit !found }' "$NGINX_SRC/accountd-api.conf"; then
    bad "accountd-api.conf: the login regex location has no limit_req zone=accountd_login"
else
    for loc in /api/auth/login /api/auth/login/checkpoint /api/auth/2fa/verify-login /api/auth/register \
               /api/users/register /api/auth/password/forgot; do
        for path in "$loc" "$loc/"; do
            if printf '%s\n' "$path" | grep -qP -- "$login_regex"; then
                ok "accountd-api.conf: $path is rate-limited (zone accountd_login)"
            else
                bad "accountd-api.conf: $path is not matched by the login regex location"
            fi
        done
    done
    if printf '%s\n' /api/auth/session | grep -qP -- "$login_regex"; then
        bad "accountd-api.conf: the login regex also matches /api/auth/session"
    fi
fi
for loc in /auth/login /auth/login/checkpoint /auth/password; do
    if awk -v want="location = $loc {" '
            index($0, want) { inside = 1; next }
            inside && /limit_req zone=accountd_login/ { found = 1 }
            inside && /^}/ { exit }
            END { exit !found }' "$NGINX_SRC/accountd-pterodactyl.conf"; then
        ok "accountd-pterodactyl.conf: $loc is rate-limited (zone accountd_login)"
    else
        bad "accountd-pterodactyl.conf: $loc has no limit_req zone=accountd_login"
    fi
done

# Install the snippets into a private copy of /etc/nginx/accountd/ (their includes of one another use
# that absolute path, so it is rewritten too).
install_snippets() {   # $1 = directory that stands in for /etc/nginx/accountd
    mkdir -p "$1"
    local f
    for f in "${SNIPPETS[@]}"; do
        sed -e "s#/etc/nginx/accountd/#$1/#g" "$NGINX_SRC/$f" >"$1/$f"
    done
}

# A wrapper nginx.conf whose pid, logs and temp paths all live in $1, so nginx -t needs no
# root-owned directory. $2 = file included in http context.
write_wrapper() {
    mkdir -p "$1/logs" "$1/tmp"
    cat >"$1/nginx.conf" <<EOF
pid $1/nginx.pid;
error_log $1/logs/error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $1/logs/access.log;
    client_body_temp_path $1/tmp/client_body;
    fastcgi_temp_path $1/tmp/fastcgi;
    proxy_temp_path $1/tmp/proxy;
    scgi_temp_path $1/tmp/scgi;
    uwsgi_temp_path $1/tmp/uwsgi;
    include $2;
}
EOF
}

nginx_test() {   # $1 = prefix dir, $2 = label
    local out rc=0
    out=$(nginx -t -p "$1/" -c "$1/nginx.conf" -e "$1/logs/error.log" 2>&1) || rc=$?
    printf '%s\n' "$out" | indent
    if [ "$rc" -ne 0 ]; then
        bad "$2: nginx -t failed (exit $rc)"
    elif printf '%s\n' "$out" | grep -Eq '\[(warn|emerg|alert|crit|error)\]'; then
        bad "$2: nginx -t passed but printed warnings"
    else
        ok "$2: nginx -t passed with no warnings"
    fi
}

# ---- 2. the standalone site -----------------------------------------------------------------------
step "2. nginx -t: nginx/accountd-site.conf (paths rewritten into a temp dir)"
A=$TMP/site
install_snippets "$A/accountd"
mkdir -p "$A/ssl"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=test -days 1 \
    -keyout "$A/ssl/privkey.pem" -out "$A/ssl/fullchain.pem" >/dev/null 2>&1
info "self-signed P-256 certificate at $A/ssl/ stands in for /etc/ssl/accountd/"
# nginx -t binds the listen addresses (EADDRINUSE is tolerated, EACCES is not), so ports 80/443
# become unprivileged loopback ports; the listen parameters (ssl http2) stay as written.
if awk '$6 == "lo" { found = 1 } END { exit !found }' /proc/net/if_inet6 2>/dev/null; then
    v6='s#listen \[::\]:\(80\|443\)\([ ;]\)#listen [::1]:18\1\2#'
else
    v6='/listen \[::\]:/d'
    info "no IPv6 loopback here: the [::] listen lines are dropped in the temp copy"
fi
sed -e "s#/etc/nginx/accountd/#$A/accountd/#g" \
    -e "s#/etc/ssl/accountd/#$A/ssl/#g" \
    -e "s#unix:/run/accountd/accountd.sock#unix:$A/accountd.sock#g" \
    -e 's#listen \(80\|443\)\([ ;]\)#listen 127.0.0.1:18\1\2#' \
    -e "$v6" \
    "$NGINX_SRC/accountd-site.conf" >"$A/accountd-site.conf"
for p in /etc/nginx/accountd/ /etc/ssl/accountd/ /run/accountd/; do
    if grep -q "$p" <(directives "$A/accountd-site.conf"); then bad "accountd-site.conf: $p left after rewriting"; fi
done
if directives "$A/accountd-site.conf" | grep -Eq 'listen[[:space:]]+(\[::\]:)?(80|443)[[:space:];]'; then
    bad "accountd-site.conf: a listen on port 80/443 was not rewritten"
fi
info "rewritten: /etc/nginx/accountd/ /etc/ssl/accountd/ /run/accountd/accountd.sock -> $A/...,"
info "          listen 80 / 443 -> 127.0.0.1:1880 / :18443 (and [::1])"
write_wrapper "$A" "$A/accountd-site.conf"
nginx_test "$A" "accountd-site.conf"

# ---- 3. an operator's existing server blocks ----------------------------------------------------
step "3. nginx -t: existing server blocks that include the snippets (other socket, test-stack rate)"
B=$TMP/existing
install_snippets "$B/accountd"
cat >"$B/existing.conf" <<EOF
# What docs/deployment.md tells an operator to add (paths rewritten to the temp dir).
upstream accountd_backend { server unix:$B/other.sock; }
limit_req_zone \$accountd_client_key zone=accountd_login:1m rate=100r/s;
include $B/accountd/accountd-maps.conf;

# An existing Pterodactyl-style panel server (PHP front controller).
server {
    listen 127.0.0.1:8080;
    server_name panel.test;
    root /var/www/pterodactyl/public;
    index index.php;

    set \$accountd_dialect pterodactyl;
    include $B/accountd/accountd-api.conf;
    include $B/accountd/accountd-pterodactyl.conf;
    location @panel_frontend { rewrite ^ /index.php last; }

    location / { try_files \$uri \$uri/ /index.php?\$query_string; }
    location ~ \.php\$ {
        include /etc/nginx/fastcgi_params;
        fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
        fastcgi_pass unix:$B/php-fpm.sock;
    }
}

# Two more dialects on other ports, same pool.
server {
    listen 127.0.0.1:8081;
    set \$accountd_dialect calagopus;
    include $B/accountd/accountd-api.conf;
    location / { root /var/www/calagopus; try_files \$uri /index.html; }
}
server {
    listen 127.0.0.1:8082;
    set \$accountd_dialect eclipanel;
    include $B/accountd/accountd-api.conf;
}

# A PHP panel whose SPA pages accountd renders (pterodactyl.index_template set).
server {
    listen 127.0.0.1:8083;
    root /var/www/pterodactyl/public;
    set \$accountd_dialect pterodactyl;
    include $B/accountd/accountd-api.conf;
    include $B/accountd/accountd-pterodactyl.conf;
    include $B/accountd/accountd-pterodactyl-spa.conf;
    location /assets/ { }
    location / { try_files \$uri \$uri/ /index.php?\$query_string; }
}
EOF
write_wrapper "$B" "$B/existing.conf"
nginx_test "$B" "existing server blocks"

# ---- 4. systemd units -----------------------------------------------------------------------------
step "4. systemd-analyze verify: systemd/accountd.service + systemd/accountd.socket"
U=$TMP/units
mkdir -p "$U"
cp "$SYSTEMD_SRC/accountd.service" "$SYSTEMD_SRC/accountd.socket" "$U/"
if [ -x /usr/local/bin/accountd ]; then
    info "/usr/local/bin/accountd exists; verifying the units unchanged"
else
    sed -i -e 's#^\(Exec[A-Za-z]*=[-+!@:]*\)/usr/local/bin/accountd#\1/bin/true#' "$U/accountd.service" "$U/accountd.socket"
    info "/usr/local/bin/accountd is not installed: Exec* lines use /bin/true in the temp copy only"
fi
getent passwd accountd >/dev/null 2>&1 \
    || info "user accountd does not exist here; verify does not resolve User=/SocketUser= (fine)"
vrc=0
vout=$(cd "$U" && systemd-analyze verify "$U/accountd.socket" "$U/accountd.service" 2>&1) || vrc=$?
if [ -n "$vout" ]; then printf '%s\n' "$vout" | indent; fi
ours=$(printf '%s\n' "$vout" | grep -i 'accountd' || true)
if [ -n "$ours" ]; then
    bad "systemd-analyze verify reported problems in the accountd units (exit $vrc)"
elif [ "$vrc" -ne 0 ]; then
    info "systemd-analyze verify exited $vrc with messages about other units only; ignored"
    ok "systemd-analyze verify: nothing reported for accountd units"
else
    ok "systemd-analyze verify: clean (exit 0, no messages)"
fi

# The socket unit pre-creates /run/accountd with the service's RuntimeDirectoryMode, so that systemd
# never chowns the socket file recursively; the two modes must stay in step.
svc_mode=$(sed -n 's/^RuntimeDirectoryMode=//p' "$SYSTEMD_SRC/accountd.service")
sock_mode=$(sed -n 's#^ExecStartPre=.*install -d .*-m \([0-7]*\) /run/accountd$#\1#p' "$SYSTEMD_SRC/accountd.socket")
if [ -n "$svc_mode" ] && [ "$svc_mode" = "$sock_mode" ]; then
    ok "RuntimeDirectoryMode ($svc_mode) matches the socket unit's pre-created /run/accountd"
else
    bad "RuntimeDirectoryMode '$svc_mode' != socket ExecStartPre mode '$sock_mode'"
fi
# The sandboxing docs/deployment.md promises (item by item, so a dropped line is noticed).
for directive in 'NoNewPrivileges=yes' 'ProtectSystem=strict' 'PrivateUsers=yes' 'RemoveIPC=yes' \
                 'IPAddressDeny=any' 'IPAddressAllow=localhost' 'MemoryMax=' 'UMask=0077' \
                 'CapabilityBoundingSet=' 'SystemCallFilter=@system-service' 'LimitCORE=0'; do
    if directives "$SYSTEMD_SRC/accountd.service" | grep -q "^$directive"; then
        ok "accountd.service has $directive"
    else
        bad "accountd.service lacks $directive"
    fi
done
if exposure=$(systemd-analyze security --offline=yes "$U/accountd.service" 2>/dev/null | grep -i 'overall exposure'); then
    info "systemd-analyze security: ${exposure#→ }"
    # 0.9 when written (docs/deployment.md); anything above 1.5 means sandboxing was lost.
    score=$(sed -n 's/.*accountd.service: \([0-9.]*\).*/\1/p' <<<"$exposure")
    if [ -n "$score" ] && awk -v s="$score" 'BEGIN { exit !(s > 1.5) }'; then
        bad "systemd-analyze security: exposure $score is above 1.5"
    fi
fi

# ---- 5. the binary's hardening ------------------------------------------------------------------
# The binary to look at: the first argument (CTest passes the one it built), else build/accountd.
BINARY=${1:-$REPO/build/accountd}
step "5. ELF hardening of $BINARY (readelf)"
if ! command -v readelf >/dev/null 2>&1; then
    info "readelf not found (binutils): skipped"
elif [ ! -f "$BINARY" ]; then
    info "no binary at $BINARY (build first, or pass its path): skipped"
else
    if grep -Eq 'Type:[[:space:]]+DYN' <<<"$(readelf -h "$BINARY")"; then
        ok "position-independent executable (ELF type DYN)"
    else
        bad "not a PIE (ELF type is not DYN)"
    fi
    if grep -q 'GNU_RELRO' <<<"$(readelf -lW "$BINARY")" \
        && grep -Eq '\(BIND_NOW\)|\(FLAGS(_1)?\).*[[:space:]]NOW' <<<"$(readelf -dW "$BINARY")"; then
        ok "full RELRO (GNU_RELRO and BIND_NOW)"
    else
        bad "no full RELRO (-Wl,-z,relro,-z,now)"
    fi
    # Read into a variable first: grep -q would close the pipe early and pipefail would report
    # readelf's SIGPIPE as a failure.
    symbols=$(readelf -W --dyn-syms "$BINARY")
    if grep -q '__stack_chk_fail' <<<"$symbols"; then
        ok "stack protector (__stack_chk_fail referenced)"
    else
        bad "no stack protector (-fstack-protector-strong)"
    fi
    if grep -Eq '__[a-z0-9_]+_chk@' <<<"$symbols"; then
        ok "_FORTIFY_SOURCE (checked libc calls referenced)"
    else
        info "no _FORTIFY_SOURCE calls: expected for Debug and sanitizer builds only"
    fi
fi

echo
if [ "$failures" -eq 0 ]; then
    echo "PASS: all deployment file checks passed"
else
    echo "FAIL: $failures check(s) failed"
    exit 1
fi
