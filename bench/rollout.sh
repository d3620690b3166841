#!/usr/bin/env bash
# bench/rollout.sh — what an unsafe schema change costs production traffic: the same
#   ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()
# (a) run directly (a full table rewrite under ACCESS EXCLUSIVE), and (b) sent through the
# Drawbridge gateway, refused, approved by someone else, applied and run as the staged plan
# (add nullable, SET DEFAULT, batched backfill, CHECK NOT VALID, VALIDATE, SET NOT NULL), while
# pgbench runs read/write traffic directly against PostgreSQL in both cases.
#
# Reports for each: the change's total time, and for the transactions that completed while it ran
# the maximum and p99 latency and the TPS; plus the same for the seconds before it (the baseline).
#
# What it uses (and cleans up on exit, also on Ctrl-C or error):
#   PostgreSQL  the server on 127.0.0.1:5432 (trust auth) when one answers there, else a scratch
#               cluster (initdb in a temporary directory). BENCH_PG=local|scratch forces either.
#               Databases drawbridge_rollout_bench and drawbridge_rollout_store are dropped at the
#               end unless BENCH_KEEP_DB=1.
#   gateway     gateway/target/drawbridge.jar (built by ./drawbridge when stale): serve in gateway
#               auth mode with users alice (engineer) and bob (approver), a state store and the
#               rollout executor (ddl user = the PostgreSQL superuser here).
#
# Settings (environment):
#   BENCH_ROWS=5000000       rows in orders (the full run; use 200000 for a quick smoke run)
#   BENCH_CLIENTS=8          pgbench clients (reads and updates by primary key)
#   BENCH_LEAD=10            seconds of traffic before the change starts (the baseline)
#   BENCH_TAIL=5             seconds of traffic after it ends
#   BENCH_MAX_CHANGE=1800    give up on a change after this many seconds
#   BENCH_SCENARIOS="raw gateway"
#   BENCH_BATCH_DURATION, BENCH_BATCH_PAUSE   rollout.target-batch-duration and rollout.batch-pause
#                            for the executor (unset: its defaults, 200ms and 50ms)
#   BENCH_PG=auto|local|scratch
#   BENCH_RESULTS=bench/results
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROWS="${BENCH_ROWS:-5000000}"
CLIENTS="${BENCH_CLIENTS:-8}"
LEAD="${BENCH_LEAD:-10}"
TAIL="${BENCH_TAIL:-5}"
MAX_CHANGE="${BENCH_MAX_CHANGE:-1800}"
SCENARIOS="${BENCH_SCENARIOS:-raw gateway}"
PG_CHOICE="${BENCH_PG:-auto}"
DB=drawbridge_rollout_bench
STORE=drawbridge_rollout_store
ALTER="ALTER TABLE orders ADD COLUMN ref uuid NOT NULL DEFAULT gen_random_uuid()"

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }

for tool in pgbench psql pg_isready curl; do
  command -v "$tool" >/dev/null || die "$tool is not installed (Debian: apt-get install postgresql-client curl)."
done

work="$(mktemp -d "${TMPDIR:-/tmp}/drawbridge-rollout.XXXXXX")"
chmod 755 "$work"
results="${BENCH_RESULTS:-$root/bench/results}/rollout-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
pg_started="" gateway_pid="" load_pid="" as_pg=() pg_bin=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null && wait "$load_pid" 2>/dev/null || true
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null || true
  if [ -z "$pg_started" ] && [ "${BENCH_KEEP_DB:-0}" != 1 ] && [ -n "${PGPORT_:-}" ]; then
    pg -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "DROP DATABASE IF EXISTS $STORE WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  if [ -n "$pg_started" ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pgdata" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p=$1
  while ! port_free "$p"; do p=$((p + 1)); done
  echo "$p"
}
now() { date +%s.%N; }

# --- PostgreSQL -------------------------------------------------------------------------------
find_initdb() {
  if command -v initdb >/dev/null; then dirname "$(readlink -f "$(command -v initdb)")"; return; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
}
if [ "$PG_CHOICE" = local ] || { [ "$PG_CHOICE" = auto ] && pg_isready -q -h 127.0.0.1 -p 5432; }; then
  pg_isready -q -h 127.0.0.1 -p 5432 || die "nothing answers on 127.0.0.1:5432 (BENCH_PG=local)."
  PGPORT_=5432 PGUSER_=postgres
  psql -X -q -h 127.0.0.1 -p 5432 -U postgres -d postgres -c 'select 1' >/dev/null 2>&1 ||
    die "cannot log in to 127.0.0.1:5432 as postgres without a password (trust auth expected)."
  say "bench: using the PostgreSQL on 127.0.0.1:5432"
else
  pg_bin="$(find_initdb || true)"
  [ -n "$pg_bin" ] || die "nothing answers on 127.0.0.1:5432 and initdb is not installed."
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to run initdb."
    as_pg=(runuser -u postgres --)
    chown postgres "$work"
  fi
  PGPORT_="$(free_port 25432)"
  PGUSER_="$( [ "$(id -u)" = 0 ] && echo postgres || id -un)"
  say "bench: starting a scratch PostgreSQL on 127.0.0.1:$PGPORT_"
  "${as_pg[@]}" "$pg_bin/initdb" -D "$work/pgdata" -A trust -U "$PGUSER_" -E UTF8 >"$work/initdb.log" 2>&1 ||
    { cat "$work/initdb.log" >&2; die "initdb failed"; }
  cat >>"$work/pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT_
unix_socket_directories = '$work'
shared_buffers = 256MB
max_wal_size = 4GB
CONF
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pgdata" -l "$work/postgres.log" -w -t 60 start >/dev/null ||
    { tail -20 "$work/postgres.log" >&2; die "the scratch PostgreSQL did not start"; }
  pg_started=1
fi
export PGHOST=127.0.0.1 PGSSLMODE=disable
pg() { psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT_" -U "$PGUSER_" "$@"; }
pg -d postgres -c "SET client_min_messages = warning" \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "DROP DATABASE IF EXISTS $STORE WITH (FORCE)" \
  -c "CREATE DATABASE $DB" -c "CREATE DATABASE $STORE" >/dev/null
pg_version="$(pg -d postgres -c 'SHOW server_version')"

# A fresh orders table for every scenario, so both start from the same heap.
fresh_table() {
  say "bench: creating orders with $ROWS rows"
  pg -d "$DB" -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS orders" \
    -c "CREATE TABLE orders (id bigint PRIMARY KEY, customer int NOT NULL, total numeric(12,2) NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now())" \
    -c "INSERT INTO orders (id, customer, total) SELECT g, g % 10000, (g % 997) / 10.0
          FROM generate_series(1, $ROWS) g" \
    -c "VACUUM ANALYZE orders" >/dev/null
}

# The production traffic: a read and an update by primary key per transaction.
cat >"$work/traffic.sql" <<SQL
\set id random(1, $ROWS)
BEGIN;
SELECT total FROM orders WHERE id = :id;
UPDATE orders SET total = total + 0.01 WHERE id = :id;
END;
SQL

start_load() { # scenario seconds
  rm -f "$work"/pgbench_log.*
  (cd "$work" && exec pgbench -n -f traffic.sql -c "$CLIENTS" -j 2 -T "$2" -l --log-prefix=pgbench_log \
    -h 127.0.0.1 -p "$PGPORT_" -U "$PGUSER_" "$DB" >"$results/$1-pgbench.log" 2>&1) &
  load_pid=$!
}
stop_load() { # scenario -> waits for pgbench (it ends on its own after -T), keeps the logs
  # pgbench is stopped with SIGTERM after the change: its last buffered log lines (all from the
  # tail after the change) may be lost, which does not touch the windows measured
  wait "$load_pid" 2>/dev/null || true
  load_pid=""
  cat "$work"/pgbench_log.* >"$results/$1-transactions.log" 2>/dev/null || true
}

# Latency stats of the transactions that ended within [from, to): max, p99 (ms) and TPS.
window_stats() { # log from to
  awk -v from="$2" -v to="$3" '
    { end = $5 + $6 / 1e6; if (end >= from && end < to) print $3 / 1000.0 }' "$1" | sort -n |
    awk -v secs="$(awk -v a="$2" -v b="$3" 'BEGIN { print b - a }')" '
      { v[NR] = $1 }
      END {
        if (NR == 0) { printf "no transactions completed (%.1f s)", secs; exit }
        i = int(NR * 0.99); if (i < 1) i = 1
        printf "max %.1f ms, p99 %.1f ms, %.0f TPS (%d transactions in %.1f s)", v[NR], v[i], NR / secs, NR, secs
      }'
}

declare -A SUMMARY

# --- (a) raw ALTER ----------------------------------------------------------------------------
run_raw() {
  fresh_table
  say "bench: (a) raw ALTER under $CLIENTS clients of traffic"
  start_load raw $((LEAD + MAX_CHANGE + TAIL))
  sleep "$LEAD"
  local t0 t1
  t0="$(now)"
  pg -d "$DB" -c "$ALTER" >"$results/raw-alter.log" 2>&1 || die "the raw ALTER failed: $(cat "$results/raw-alter.log")"
  t1="$(now)"
  sleep "$TAIL"
  kill -TERM "$load_pid" 2>/dev/null || true
  stop_load raw
  local base="$(awk -v t="$t0" -v l="$LEAD" 'BEGIN { printf "%.3f", t - l + 1 }')"
  SUMMARY[raw]="$(printf 'total %.1f s\n    during: %s\n    before: %s' \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
    "$(window_stats "$results/raw-transactions.log" "$t0" "$t1")" \
    "$(window_stats "$results/raw-transactions.log" "$base" "$t0")")"
}

# --- (b) through the gateway ------------------------------------------------------------------
start_gateway() {
  "$root/drawbridge" --version >/dev/null || die "cannot build or run the gateway (./drawbridge --version failed)."
  gw_port="$(free_port 27432)"
  admin_port="$(free_port 28432)"
  cat >"$work/drawbridge.yaml" <<YAML
listen: 127.0.0.1:$gw_port
admin: 127.0.0.1:$admin_port
auth: gateway
upstream:
  url: postgresql://$PGUSER_@127.0.0.1:$PGPORT_/$DB
users:
  - name: alice
    password: alice-pw
    roles: [engineer]
  - name: bob
    password: bob-pw
    roles: [approver]
state-store:
  url: postgresql://$PGUSER_@127.0.0.1:$PGPORT_/$STORE
rollout:
  ddl-user: $PGUSER_
${BENCH_BATCH_DURATION:+  target-batch-duration: $BENCH_BATCH_DURATION}
${BENCH_BATCH_PAUSE:+  batch-pause: $BENCH_BATCH_PAUSE}
YAML
  "$root/drawbridge" serve --config "$work/drawbridge.yaml" >"$results/gateway.log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 300); do
    kill -0 "$gateway_pid" 2>/dev/null || break
    curl -fsS "http://127.0.0.1:$admin_port/ready" >/dev/null 2>&1 && return
    sleep 0.2
  done
  die "the gateway did not start: $(grep -v '^WARNING' "$results/gateway.log" | tail -3 | tr '\n' ' ')"
}

admin() { # user password args... (the admin CLI against this gateway)
  local user=$1 password=$2
  shift 2
  "$root/drawbridge" "$@" --admin "http://127.0.0.1:$admin_port" --user "$user" --password "$password"
}

run_gateway() {
  fresh_table
  start_gateway
  say "bench: (b) the same statement through the gateway"
  local refusal request rollout t0 t1 status
  refusal="$(PGPASSWORD=alice-pw psql -X -At -h 127.0.0.1 -p "$gw_port" -U alice -d "$DB" -c "$ALTER" 2>&1 || true)"
  echo "$refusal" >"$results/gateway-refusal.log"
  request="$(grep -o 'CR-[A-Z0-9]*' <<<"$refusal" | head -1)"
  [ -n "$request" ] || die "the gateway did not refuse with a change request: $refusal"
  admin bob bob-pw approve "$request" --window 2h --comment "benchmark" >"$results/gateway-approve.log"
  start_load gateway $((LEAD + MAX_CHANGE + TAIL))
  sleep "$LEAD"
  t0="$(now)"
  admin alice alice-pw apply "$request" >"$results/gateway-apply.log" || die "apply failed: $(cat "$results/gateway-apply.log")"
  rollout="RO-${request#CR-}"
  status=""
  while :; do
    status="$(admin alice alice-pw rollouts show "$rollout" --json | sed -n 's/^  "status" : "\(.*\)",$/\1/p' | head -1)"
    case "$status" in completed | failed | cancelled | rolled-back) break ;; esac
    awk -v a="$t0" -v b="$(now)" -v m="$MAX_CHANGE" 'BEGIN { exit !(b - a > m) }' && die "the rollout took longer than $MAX_CHANGE s"
    sleep 0.2
  done
  t1="$(now)"
  admin alice alice-pw rollouts show "$rollout" >"$results/gateway-rollout.txt" || true
  [ "$status" = completed ] || die "the rollout ended $status: $(cat "$results/gateway-rollout.txt")"
  sleep "$TAIL"
  kill -TERM "$load_pid" 2>/dev/null || true
  stop_load gateway
  pg -d "$DB" -c "SELECT count(*) FROM orders WHERE ref IS NULL" | grep -qx 0 || die "rows without ref after the rollout"
  local base="$(awk -v t="$t0" -v l="$LEAD" 'BEGIN { printf "%.3f", t - l + 1 }')"
  SUMMARY[gateway]="$(printf 'total %.1f s (apply to completed; the status is polled every 0.2 s)\n    during: %s\n    before: %s' \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
    "$(window_stats "$results/gateway-transactions.log" "$t0" "$t1")" \
    "$(window_stats "$results/gateway-transactions.log" "$base" "$t0")")"
  kill "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null || true
  gateway_pid=""
}

for s in $SCENARIOS; do
  case "$s" in
    raw) run_raw ;;
    gateway) run_gateway ;;
    *) die "unknown scenario $s (raw, gateway)" ;;
  esac
done

# --- report -----------------------------------------------------------------------------------
{
  echo "Drawbridge rollout benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, PostgreSQL $pg_version"
  echo "$ALTER"
  echo "on orders with $ROWS rows; traffic: pgbench, $CLIENTS clients, read + update by primary key, direct to PostgreSQL"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
  echo
  for s in $SCENARIOS; do
    case "$s" in
      raw) echo "(a) raw ALTER:        ${SUMMARY[raw]:-not run}" ;;
      gateway) echo "(b) gateway, staged:   ${SUMMARY[gateway]:-not run}" ;;
    esac
  done
} | tee "$results/summary.txt"
say "bench: raw results in $results"
