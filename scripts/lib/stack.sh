# shellcheck shell=bash
# Shared by run.sh, test.sh and bench/run.sh: install packages, build, and start/stop a private
# MariaDB, the accountd master and nginx under one state directory, all on loopback, all stopped
# by PID. Source it; set STATE (absolute path) first.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

log() { printf '[accountd] %s\n' "$*" >&2; }
die() { printf '[accountd] error: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages that are missing. Needs root (or passwordless sudo) when any are.
ensure_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null && sudo -n true 2>/dev/null || die "need root to install: ${missing[*]}"
        sudo="sudo -n"
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}" </dev/null >"${STATE:-/tmp}/apt.log" 2>&1 \
        || { tail -20 "${STATE:-/tmp}/apt.log" >&2; die "apt-get install failed"; }
}

BUILD_PACKAGES=(g++ make cmake pkg-config libfcgi-dev libsoci-dev default-libmysqlclient-dev
                libcrypto++-dev libboost-test-dev nlohmann-json3-dev libargon2-dev libcrypt-dev
                libicu-dev libcurl4-openssl-dev libvips-dev)
STACK_PACKAGES=(mariadb-server mariadb-client nginx curl openssl john-data cracklib-runtime python3)

# build DIR [cmake args...]: (re)configure with exactly these options, then build incrementally.
build() {
    local dir=$1; shift
    cmake -S "$ROOT" -B "$dir" "$@" >"$STATE/cmake.log" 2>&1 || { cat "$STATE/cmake.log" >&2; die "cmake failed"; }
    # One build at a time per machine (several work trees on 2 cores would thrash each other).
    flock "${ACCOUNTD_BUILD_LOCK:-/tmp/accountd-build.lock}" \
        cmake --build "$dir" -j "$(nproc)" >"$STATE/build.log" 2>&1 || { tail -40 "$STATE/build.log" >&2; die "build failed"; }
}

wait_for() {  # wait_for SECONDS description command...
    local seconds=$1 what=$2; shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -ge $deadline ] && die "timed out waiting for $what"
        sleep 0.1
    done
}

stop_pidfile() {  # stop_pidfile FILE SIGNAL name
    local file=$1 signal=$2 name=$3 pid
    [ -f "$file" ] || return 0
    pid=$(cat "$file" 2>/dev/null) || return 0
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "-$signal" "$pid" 2>/dev/null || true
        local deadline=$((SECONDS + 30))
        while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid" 2>/dev/null || true; }
        log "stopped $name (pid $pid)"
    fi
    rm -f "$file"
}

# --- MariaDB ---------------------------------------------------------------------------------
MDB_PORT=${MDB_PORT:-33306}

mdb() { mariadb --no-defaults -S "$STATE/mariadb/run/mysqld.sock" -uroot "$@"; }

start_mariadb() {
    local d=$STATE/mariadb
    mkdir -p "$d/run" "$d/tmp"
    if [ ! -d "$d/data/mysql" ]; then
        mariadb-install-db --no-defaults --datadir="$d/data" --user="$(id -un)" \
            --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
            --innodb-log-file-size=8M >"$d/install.log" 2>&1 || { cat "$d/install.log" >&2; die "mariadb-install-db failed"; }
    fi
    # --no-defaults first: otherwise /etc/mysql/my.cnf drags in the system socket and settings.
    mariadbd --no-defaults --user="$(id -un)" --datadir="$d/data" --socket="$d/run/mysqld.sock" \
        --port="$MDB_PORT" --bind-address=127.0.0.1 --pid-file="$d/run/mysqld.pid" \
        --tmpdir="$d/tmp" --log-error="$d/error.log" --skip-name-resolve \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --innodb-buffer-pool-size=64M --innodb-log-file-size=8M --max-connections=200 --thread-handling=pool-of-threads \
        >>"$d/stdout.log" 2>&1 </dev/null &
    wait_for 30 "MariaDB" mariadb-admin --no-defaults --socket="$d/run/mysqld.sock" -uroot ping
    log "MariaDB on 127.0.0.1:$MDB_PORT (pid $(cat "$d/run/mysqld.pid"))"
}

stop_mariadb() { stop_pidfile "$STATE/mariadb/run/mysqld.pid" TERM MariaDB; }

# create_database NAME USER PASSWORD: an empty database and an application user for it.
create_database() {
    local name=$1 user=$2 password=$3
    mdb -e "CREATE DATABASE IF NOT EXISTS \`$name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
            CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '$password';
            ALTER USER '$user'@'localhost' IDENTIFIED BY '$password';
            GRANT ALL PRIVILEGES ON \`$name\`.* TO '$user'@'localhost';"
}

# --- accountd --------------------------------------------------------------------------------
# write_config FILE DATABASE USER PASSWORD WORKERS: config + secrets file (a fresh server key once).
write_config() {
    local file=$1 database=$2 user=$3 password=$4 workers=$5
    local secrets=$STATE/secrets.conf
    if [ ! -f "$secrets" ]; then
        (umask 077; printf 'server_key = %s\n' "$(openssl rand -hex 32)" >"$secrets")
    fi
    sed -i '/^database_password/d' "$secrets"
    printf 'database_password = %s\n' "$password" >>"$secrets"
    # accountd refuses a secrets file, or a config file naming the database password, that is
    # group-writable or open to others; both are private to this user from their first byte.
    chmod 0600 "$secrets"
    (umask 077; : >"$file")
    chmod 0600 "$file"
    cat >"$file" <<CONF
# Generated by scripts/lib/stack.sh for a private loopback stack.
[server]
socket = $STATE/run/accountd.sock
# nginx's workers run as another user (nobody) and must reach the socket.
socket_mode = 0666
workers = $workers

[database]
url = db=$database user=$user unix_socket=$STATE/mariadb/run/mysqld.sock

[secrets]
file = $secrets

[session]
# Plain HTTP on loopback: Secure cookies would never be sent back by a browser.
cookie_secure = false

[avatar]
# nginx serves it at /avatars/ (accountd-avatars.conf, its root pointed here).
directory = $STATE/storage

[log]
level = ${ACCOUNTD_LOG_LEVEL:-info}
CONF
}

start_accountd() {  # start_accountd BINARY CONFIG
    local binary=$1 config=$2
    mkdir -p "$STATE/run" "$STATE/logs" "$STATE/storage"
    "$binary" serve --config "$config" >>"$STATE/logs/accountd.log" 2>&1 </dev/null &
    echo $! >"$STATE/run/accountd.pid"
    wait_for 20 "the accountd socket" test -S "$STATE/run/accountd.sock"
    log "accountd master pid $(cat "$STATE/run/accountd.pid"), log $STATE/logs/accountd.log"
}

stop_accountd() { stop_pidfile "$STATE/run/accountd.pid" TERM accountd; }

# --- nginx -----------------------------------------------------------------------------------
# write_nginx_conf LOGIN_RATE PTERODACTYL_PORT CALAGOPUS_PORT ECLIPANEL_PORT [spa]
# Uses the real snippets from nginx/ (their /etc/nginx/accountd/ paths pointed at a copy), so the
# tests exercise the deployment configuration. With `spa`, accountd serves Pterodactyl's SPA
# pages (accountd-pterodactyl-spa.conf; the config must name pterodactyl.index_template);
# without, a stand-in for the panel's frontend answers them.
write_nginx_conf() {
    local rate=$1 p1=$2 p2=$3 p3=$4 spa=${5:-} n=$STATE/nginx
    local frontend="        location @panel_frontend {
            add_header X-Content-Type-Options nosniff always;
            add_header Referrer-Policy no-referrer always;
            add_header Cache-Control no-store always;
            default_type 'text/plain; charset=utf-8';
            return 200 'The Pterodactyl SPA is served by the panel, not by accountd.';
        }"
    [ "$spa" = spa ] && frontend="        include $n/conf/accountd-pterodactyl-spa.conf;"
    mkdir -p "$n/conf" "$n/logs" "$n/tmp"
    for f in "$ROOT"/nginx/accountd-*.conf; do
        sed -e "s#/etc/nginx/accountd/#$n/conf/#g" -e "s#/var/lib/accountd/storage#$STATE/storage#g" \
            "$f" >"$n/conf/$(basename "$f")"
    done
    _server_block() {  # _server_block PORT DIALECT EXTRA
        cat <<SRV
    server {
        listen 127.0.0.1:$1;
        server_name localhost;
        set \$accountd_dialect $2;
        include $n/conf/accountd-api.conf;
        # The ceiling for the benchmark: nginx answering by itself.
        location = /nginx-static { default_type application/json; return 200 '{"ok":true}'; }
        # For the e2e tests of nginx's own 429 and of the per-client key: one request a minute
        # per key, no burst; accountd answers the allowed ones (404, no such route).
        location = /api/e2e/nginx-limit {
            limit_req zone=accountd_e2e_strict;
            limit_req_status 429;
            include $n/conf/accountd-fastcgi.conf;
        }
$3
    }
SRV
    }
    # Started as root, nginx's workers would run as nobody and could not reach a socket or temp
    # directory below a private (0700) checkout; this private loopback instance keeps root.
    local user_line=""
    [ "$(id -u)" -eq 0 ] && user_line="user root;"
    cat >"$n/nginx.conf" <<CONF
$user_line
daemon off;
master_process on;
worker_processes 1;
pid $n/nginx.pid;
error_log $n/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $n/tmp/body;
    fastcgi_temp_path $n/tmp/fastcgi;
    proxy_temp_path $n/tmp/proxy;
    scgi_temp_path $n/tmp/scgi;
    uwsgi_temp_path $n/tmp/uwsgi;
    include $n/conf/accountd-maps.conf;
    # Loopback clients may name another client address in X-Forwarded-For, as a trusted proxy
    # would: the tests and the benchmark use it to sign in from many addresses (IPv6 /64s,
    # floods). Only this private stack trusts it; the deployment files do not.
    set_real_ip_from 127.0.0.1;
    real_ip_header X-Forwarded-For;
    upstream accountd_backend { server unix:$STATE/run/accountd.sock; }
    limit_req_zone \$accountd_client_key zone=accountd_login:1m rate=$rate;
    limit_req_zone \$accountd_client_key zone=accountd_e2e_strict:1m rate=1r/m;
$(_server_block "$p1" pterodactyl "        include $n/conf/accountd-pterodactyl.conf;
$frontend")
$(_server_block "$p2" calagopus "        include $n/conf/accountd-avatars.conf;")
$(_server_block "$p3" eclipanel "        include $n/conf/accountd-eclipanel.conf;")
}
CONF
}

start_nginx() {
    local n=$STATE/nginx
    nginx -t -q -p "$n" -c nginx.conf -e "$n/logs/error.log" || die "nginx -t failed"
    nginx -p "$n" -c nginx.conf -e "$n/logs/error.log" >>"$n/logs/stdout.log" 2>&1 </dev/null &
    wait_for 10 "nginx" test -s "$n/nginx.pid"
    log "nginx pid $(cat "$n/nginx.pid")"
}

stop_nginx() { stop_pidfile "$STATE/nginx/nginx.pid" QUIT nginx; }

stop_stack() {
    stop_nginx
    stop_accountd
    stop_mariadb
}
