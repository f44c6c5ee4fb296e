#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the store contract tests and prints the TEST_PG_URL to use.
#
# Idempotent: installs PostgreSQL only if missing, initialises the data directory only once,
# starts the server only if it is not already answering, and (re)creates the role each time.
# Runs as root and drops to the `postgres` user for the server itself.
#
#   eval "$(.ci/start-postgres.sh)"     # exports TEST_PG_URL into the current shell
#   source .ci/start-postgres.sh        # the same
#
# Settings (environment): PG_PORT (55432), PG_DATA (/tmp/mindlines-pgdata),
# PG_SOCKET_DIR (/tmp), PG_LOG (/tmp/mindlines-pg.log).
# Progress goes to stderr; only the `export TEST_PG_URL=…` line goes to stdout.

# When sourced, run as a child (so `set -e` and `exit` cannot touch the caller's shell) and
# export what it prints.
if [ "${BASH_SOURCE[0]:-$0}" != "$0" ]; then
    _mindlines_pg_export="$(bash "${BASH_SOURCE[0]}")" || return 1
    eval "$_mindlines_pg_export"
    echo "$_mindlines_pg_export"
    unset _mindlines_pg_export
    return 0
fi

set -euo pipefail

PG_PORT="${PG_PORT:-55432}"
PG_DATA="${PG_DATA:-/tmp/mindlines-pgdata}"
PG_SOCKET_DIR="${PG_SOCKET_DIR:-/tmp}"
PG_LOG="${PG_LOG:-/tmp/mindlines-pg.log}"
PG_USER=mindlines
PG_PASSWORD=mindlines

say() { echo "start-postgres: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    say "must run as root (it installs packages and switches to the postgres user)"
    exit 1
fi

pg_bin_dir() {
    # The newest installed major version, e.g. /usr/lib/postgresql/15/bin.
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(pg_bin_dir)" ] || [ ! -x "$(pg_bin_dir)/initdb" ]; then
    say "installing postgresql"
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2
fi
BIN="$(pg_bin_dir)"

as_postgres() { su postgres -s /bin/sh -c "$1" >&2; }

if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    say "initialising $PG_DATA"
    mkdir -p "$PG_DATA"
    chown postgres:postgres "$PG_DATA"
    chmod 700 "$PG_DATA"
    as_postgres "'$BIN/initdb' -D '$PG_DATA' -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null"
fi

touch "$PG_LOG"
chown postgres:postgres "$PG_LOG"

if ! "$BIN/pg_isready" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -q; then
    # A stale pid file from a killed container would stop pg_ctl; it is safe to drop when the
    # server does not answer.
    rm -f "$PG_DATA/postmaster.pid"
    say "starting postgres on port $PG_PORT"
    as_postgres "'$BIN/pg_ctl' -D '$PG_DATA' -l '$PG_LOG' -w -t 60 \
        -o \"-p $PG_PORT -k $PG_SOCKET_DIR -c listen_addresses=127.0.0.1 -c max_connections=200\" start >/dev/null"
fi

# Superuser so the tests may create and drop one database per test. The SQL goes in on stdin,
# which `su` passes through, so no quoting of dollar signs inside `su -c` is needed.
su postgres -s /bin/sh -c "'$BIN/psql' -h '$PG_SOCKET_DIR' -p $PG_PORT -U postgres -d postgres -v ON_ERROR_STOP=1 -q" >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
SQL

say "ready"
echo "export TEST_PG_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres"
