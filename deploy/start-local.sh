#!/usr/bin/env bash
# Chạy thử triển khai nhiều người dùng trên chính máy này (chỉ 127.0.0.1): một PostgreSQL tạm, hai bản
# chạy (replica) của ứng dụng và nginx đứng trước. Ctrl-C dừng tất cả và xoá dữ liệu tạm.
# A local trial of the multi-user deployment (127.0.0.1 only): a throwaway PostgreSQL, two replicas of
# the app and nginx in front (deploy/nginx/gender-targets.conf). Ctrl-C stops everything and deletes it.
#
#   deploy/start-local.sh [PORT]        # default 8080; then open http://127.0.0.1:PORT
#
# Environment: GT_REPLICAS (default 2); GENDER_TARGETS_DB=postgresql+psycopg://… to use an existing
# database instead of a throwaway one; GENDER_TARGETS_SAMPLE=0 to start without the sample data;
# PYTHON (default .venv/bin/python). Needs Debian's postgresql and nginx packages. Run as root, the
# PostgreSQL programs run as the postgres user (PostgreSQL refuses root).
# Prints one line per part (DATABASE, REPLICA, PROXY), then READY.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${1:-${GT_PORT:-8080}}
REPLICAS=${GT_REPLICAS:-2}
PY=${PYTHON:-$ROOT/.venv/bin/python}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
WORK=$(mktemp -d /tmp/gt-deploy.XXXXXX)
chmod 755 "$WORK"
PIDS=()
PGBIN=""
is_root() { [ "$(id -u)" = 0 ]; }
as_postgres() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

cleanup() {
  trap - EXIT INT TERM
  if [ -f "$WORK/nginx/nginx.pid" ]; then kill -QUIT "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true; fi
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$PGBIN" ] && [ -f "$WORK/pg/data/postmaster.pid" ]; then
    as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  echo "STOPPED"
}
trap cleanup EXIT
trap 'exit 0' INT TERM

wait_http() {  # wait_http URL LOGFILE: until URL answers 200, or fail with the log's tail
  "$PY" - "$1" "$2" <<'PY'
import sys, time, urllib.request
url, log = sys.argv[1], sys.argv[2]
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            if r.status == 200:
                sys.exit(0)
    except OSError:
        time.sleep(0.3)
print(f"{url} did not answer; last lines of {log}:", file=sys.stderr)
print("".join(open(log, errors="replace").readlines()[-30:]), file=sys.stderr)
sys.exit(1)
PY
}

# -- PostgreSQL -----------------------------------------------------------------------------------
if [ -z "${GENDER_TARGETS_DB:-}" ]; then
  PGBIN=/usr/lib/postgresql/15/bin
  [ -x "$PGBIN/initdb" ] || PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$PGBIN/initdb" ] || { echo "PostgreSQL chưa được cài / not installed: apt-get install postgresql" >&2; exit 1; }
  mkdir -p "$WORK/pg"
  is_root && chown postgres:postgres "$WORK/pg"
  PGPORT=$(free_port)
  as_postgres "$PGBIN/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 >/dev/null
  as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w start \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$WORK/pg" >/dev/null
  as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres gt
  export GENDER_TARGETS_DB="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/gt"
fi
# create (or upgrade) the schema once, and fail here, in words, if the database cannot be used
"$PY" -m gender_targets history --db "$GENDER_TARGETS_DB" >/dev/null
echo "DATABASE $("$PY" -c 'import sys; from sqlalchemy.engine import make_url; print(make_url(sys.argv[1]).render_as_string(hide_password=True))' "$GENDER_TARGETS_DB")"

# -- replicas ---------------------------------------------------------------------------------------
# One cookie secret for all replicas: a signed-in browser stays signed in whichever replica it reaches.
# Websocket compression (permessage-deflate): the page's messages to a phone shrink by about two thirds
# (benchmarks/README.md, "Phones"); on one computer (README command 1) it is left off.
export STREAMLIT_SERVER_COOKIE_SECRET=${STREAMLIT_SERVER_COOKIE_SECRET:-$("$PY" -c 'import secrets; print(secrets.token_hex(32))')}
UPSTREAMS=""
for i in $(seq 1 "$REPLICAS"); do
  p=$(free_port)
  (cd "$ROOT" && exec "$PY" -m streamlit run app.py --server.address 127.0.0.1 --server.port "$p" \
      --server.headless true --browser.gatherUsageStats false --server.fileWatcherType none \
      --server.enableWebsocketCompression true) \
    >"$WORK/replica$i.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$p/_stcore/health" "$WORK/replica$i.log"
  UPSTREAMS="$UPSTREAMS 127.0.0.1:$p"
  echo "REPLICA $i http://127.0.0.1:$p log=$WORK/replica$i.log"
done

# -- nginx ------------------------------------------------------------------------------------------
# deploy/local_nginx.py writes the shipped configuration for 127.0.0.1 (and brotli when Debian's module
# is installed; GT_BROTLI=0 leaves it out)
mkdir -p "$WORK/nginx"
ENCODINGS=$("$PY" "$ROOT/deploy/local_nginx.py" "$WORK/nginx" "$PORT" $UPSTREAMS)
"$NGINX" -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g "daemon off;" 2>>"$WORK/nginx/error.log" &
PIDS+=($!)
wait_http "http://127.0.0.1:$PORT/_stcore/health" "$WORK/nginx/error.log"
echo "PROXY http://127.0.0.1:$PORT compression=$ENCODINGS access_log=$WORK/nginx/access.log"
echo "READY — mở / open http://127.0.0.1:$PORT (Ctrl-C: dừng / stop)"

# stop everything as soon as one part stops
wait -n "${PIDS[@]}" || true
echo "Một phần đã dừng / a part stopped; see $WORK" >&2
exit 1
