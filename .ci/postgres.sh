#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests: `source .ci/postgres.sh; pg_throwaway_start; ...; pg_throwaway_stop`.
# Installs Debian's postgresql when its binaries are missing, runs the server as a non-root user on a free local
# port in a temporary folder, and exports EVENTCODER_TEST_PG (the URL the store tests use).
pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return 0; }; done
  return 1
}

pg_throwaway_start() {
  if ! pg_bin >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
      sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
  fi
  local bin run_as user port
  bin="$(pg_bin)" || { echo "postgresql binaries not found after installing" >&2; return 1; }
  user="$(id -un)"
  run_as=()
  if [ "$(id -u)" = 0 ]; then               # initdb refuses root: run the server as an unprivileged user
    user=ecpgtest
    id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
    run_as=(runuser -u "$user" --)
  fi
  PG_THROWAWAY_DIR="$(mktemp -d /tmp/ec-pg.XXXXXX)"
  chown "$user" "$PG_THROWAWAY_DIR"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "${run_as[@]}" "$bin/initdb" -D "$PG_THROWAWAY_DIR/data" -U ec --auth=trust -E UTF8 >/dev/null
  "${run_as[@]}" "$bin/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -l "$PG_THROWAWAY_DIR/log" -w \
      -o "-p $port -k $PG_THROWAWAY_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  "${run_as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U ec ectest
  PG_THROWAWAY_BIN="$bin"
  PG_THROWAWAY_AS=("${run_as[@]}")
  export EVENTCODER_TEST_PG="postgresql://ec@127.0.0.1:$port/ectest"
  echo "throwaway PostgreSQL at $EVENTCODER_TEST_PG" >&2
}

pg_throwaway_stop() {
  [ -n "${PG_THROWAWAY_DIR:-}" ] || return 0
  "${PG_THROWAWAY_AS[@]}" "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_THROWAWAY_DIR"
  unset PG_THROWAWAY_DIR
}
