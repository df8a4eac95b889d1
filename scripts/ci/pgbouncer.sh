#!/usr/bin/env bash
# A private PgBouncer in transaction mode in front of the local PostgreSQL server, for the
# integration tests (and anyone checking that the application survives transaction pooling).
#
#   scripts/ci/pgbouncer.sh start <dir> [port]   generates the configuration in <dir>, starts
#                                                PgBouncer on 127.0.0.1:<port> (default 6432)
#                                                and waits until it answers
#   scripts/ci/pgbouncer.sh stop <dir>           stops the instance started in <dir>
#
# Every database of the server is reachable through it (`* = …`), including the test databases
# created on the fly. Authentication is trust, like the server on 127.0.0.1. PgBouncer refuses
# to run as root: as root, it drops to the `postgres` user.
set -euo pipefail

command="${1:-}"
dir="${2:-}"
port="${3:-6432}"
server_host="${PGBOUNCER_SERVER_HOST:-127.0.0.1}"
server_port="${PGBOUNCER_SERVER_PORT:-5432}"
pool_size="${PGBOUNCER_POOL_SIZE:-5}"

if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop <dir> [port]" >&2
  exit 2
fi

pgbouncer_bin="$(command -v pgbouncer || true)"
[ -n "$pgbouncer_bin" ] || pgbouncer_bin=/usr/sbin/pgbouncer

case "$command" in
  start)
    [ -x "$pgbouncer_bin" ] || { echo "pgbouncer is not installed (apt-get install pgbouncer)" >&2; exit 1; }
    mkdir -p "$dir"
    # Clients log in as postgres; trust still requires the user to be listed.
    printf '"postgres" ""\n' > "$dir/userlist.txt"
    cat > "$dir/pgbouncer.ini" <<EOF
[databases]
* = host=${server_host} port=${server_port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${dir}/userlist.txt
admin_users = postgres
pool_mode = transaction
default_pool_size = ${pool_size}
max_client_conn = 1000
ignore_startup_parameters = extra_float_digits
logfile = ${dir}/pgbouncer.log
pidfile = ${dir}/pgbouncer.pid
EOF
    run_as=()
    if [ "$(id -u)" = "0" ]; then
      chown -R postgres: "$dir"
      run_as=(-u postgres)
    fi
    "$pgbouncer_bin" -d "${run_as[@]}" "$dir/pgbouncer.ini"
    for _ in $(seq 1 50); do
      if pg_isready -h 127.0.0.1 -p "$port" -U postgres -d postgres -q 2>/dev/null; then
        echo "PgBouncer (transaction pooling) listening on 127.0.0.1:${port}"
        exit 0
      fi
      sleep 0.2
    done
    echo "PgBouncer did not start; its log:" >&2
    cat "$dir/pgbouncer.log" >&2 || true
    exit 1
    ;;
  stop)
    if [ -f "$dir/pgbouncer.pid" ]; then
      pid="$(cat "$dir/pgbouncer.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    ;;
  *)
    echo "usage: $0 start|stop <dir> [port]" >&2
    exit 2
    ;;
esac
