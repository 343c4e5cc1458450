#!/usr/bin/env bash
# Runs CMD... against a throwaway PostgreSQL server: installs Debian's
# `postgresql` when no server binaries are found, runs initdb in a temporary
# folder (as the unprivileged user `nobody` when run as root, since the
# server refuses to run as root), starts it on a free local port (TCP on
# 127.0.0.1 only, no password: trust for local connections), creates the
# database `hearsay`, exports HEARSAY_DB=postgres://...:PORT/hearsay and runs
# CMD. The server is stopped and its files removed when CMD ends, also when
# it fails or is interrupted (trap on EXIT). Exits with CMD's status.
#
#   scripts/with-postgres.sh hearsay stats --json
#   scripts/with-postgres.sh sh -c 'hearsay ingest corpus/ && hearsay claims'
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: scripts/with-postgres.sh CMD [ARGS...]" >&2
    exit 2
fi

# Debian puts the server binaries in /usr/lib/postgresql/<version>/bin, off
# PATH; take the newest version there, else whatever PATH has.
find_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
        echo "$dir"
    elif command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

PG_BIN=$(find_bin)
if [ -z "$PG_BIN" ]; then
    echo "with-postgres: installing Debian's postgresql" >&2
    if [ "$(id -u)" = 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql >/dev/null
    else
        sudo apt-get update -qq
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    PG_BIN=$(find_bin)
    if [ -z "$PG_BIN" ]; then
        echo "with-postgres: no initdb after installing postgresql" >&2
        exit 1
    fi
fi

# As root, the server runs as `nobody`; the folder must be theirs.
if [ "$(id -u)" = 0 ]; then
    RUN_AS=(runuser -u nobody --)
    PG_USER=nobody
else
    RUN_AS=()
    PG_USER=$(id -un)
fi

PG_DIR=$(mktemp -d /tmp/hearsay-pg.XXXXXX)
PG_PID=""
cleanup() {
    local status=$?
    if [ -n "$PG_PID" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
        "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

chmod 700 "$PG_DIR"
if [ "$(id -u)" = 0 ]; then
    chown nobody "$PG_DIR"
fi

# A free port: ask the kernel for one, then hope nobody takes it in the
# next second (pg_ctl fails loudly if someone does).
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000)))

"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_USER" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$PG_DIR/initdb.log" 2>&1 || {
    cat "$PG_DIR/initdb.log" >&2
    exit 1
}
# fsync off: the server is thrown away at the end, durability across power
# cuts is not what tests measure (a SIGKILLed client is, and fsync does not
# matter to that). Sockets in our own folder, not /var/run/postgresql.
"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_DIR -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB" \
    start >/dev/null || {
    cat "$PG_DIR/server.log" >&2
    exit 1
}
PG_PID=started
"${RUN_AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" hearsay

export HEARSAY_DB="postgres://$PG_USER@127.0.0.1:$PG_PORT/hearsay"
echo "with-postgres: HEARSAY_DB=$HEARSAY_DB" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
