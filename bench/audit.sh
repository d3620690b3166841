#!/usr/bin/env bash
# bench/audit.sh — the audit trail under pgbench load, and a crash under load.
#
# Uses the PostgreSQL on $AUDIT_PGHOST:$AUDIT_PGPORT (default 127.0.0.1:5432, trust auth as user
# postgres, as on our CI machines) for both the benchmark database and the state store (separate
# databases). Starts gateway/target/drawbridge.jar (built by ./drawbridge when stale) in gateway
# auth mode with one local user (engineer, admin) and measures:
#
#   1. pgbench (TPC-B-like, simple protocol) through the gateway without a state store: audit off.
#   2. The same with a state store: audit on (write-ahead: every statement that touches data is
#      durable in the trail before it runs), and audit on with write-ahead off (events written
#      asynchronously). Prints TPS off/on/async, the ratios to off, and audit events per second.
#   3. Crash: pgbench load plus a probe client inserting numbered rows one statement at a time,
#      SIGKILL of the gateway mid-run; restart; then every probe row whose INSERT was acknowledged
#      must have its statement event in the trail, and `drawbridge audit verify` must pass.
#
# Settings (environment):
#   AUDIT_DURATION=10   seconds per pgbench run          AUDIT_CLIENTS=8   pgbench clients
#   AUDIT_SCALE=5       pgbench -i scale factor          AUDIT_CRASH_AFTER=4  seconds before SIGKILL
#   AUDIT_PGHOST/AUDIT_PGPORT/AUDIT_PGUSER               the PostgreSQL to use
#   AUDIT_RESULTS=bench/results                          where result directories go
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
DURATION="${AUDIT_DURATION:-10}"
CLIENTS="${AUDIT_CLIENTS:-8}"
SCALE="${AUDIT_SCALE:-5}"
CRASH_AFTER="${AUDIT_CRASH_AFTER:-4}"
PGH="${AUDIT_PGHOST:-127.0.0.1}"
PGP="${AUDIT_PGPORT:-5432}"
PGU="${AUDIT_PGUSER:-postgres}"
DB=drawbridge_audit_bench
STORE=drawbridge_audit_store
USER_NAME=bench
USER_PW=bench-pw

say() { printf '%s\n' "$*" >&2; }
die() { say "audit-bench: $*"; exit 1; }
for tool in pgbench psql pg_isready; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install postgresql-client)."
done
pg_isready -q -h "$PGH" -p "$PGP" || die "nothing answers on $PGH:$PGP."

work="$(mktemp -d "${TMPDIR:-/tmp}/drawbridge-audit-bench.XXXXXX")"
results="${AUDIT_RESULTS:-$root/bench/results}/audit-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
gateway_pid=""

pg() { psql -X -q -At -h "$PGH" -p "$PGP" -U "$PGU" "$@"; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null || true
  pg -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "DROP DATABASE IF EXISTS $STORE" >/dev/null 2>&1 || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }

pg -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" \
  -c "DROP DATABASE IF EXISTS $STORE" -c "CREATE DATABASE $DB" -c "CREATE DATABASE $STORE" >/dev/null
say "audit-bench: pgbench -i -s $SCALE"
pgbench -i -q -s "$SCALE" -h "$PGH" -p "$PGP" -U "$PGU" "$DB" >"$results/init.log" 2>&1 ||
  { tail -5 "$results/init.log" >&2; die "pgbench -i failed"; }
pg -d "$DB" -c "CREATE TABLE audit_probe (n int PRIMARY KEY)" >/dev/null

"$root/drawbridge" --version >/dev/null || die "cannot build or run the gateway."
GW_PORT="$(free_port 27532)"
ADMIN_PORT="$(free_port 28532)"

# config: $1 = with-store|no-store
write_config() { # $1 = no-store|with-store|async-store
  {
    echo "listen: 127.0.0.1:$GW_PORT"
    echo "admin: 127.0.0.1:$ADMIN_PORT"
    echo "auth: gateway"
    echo "upstream:"
    echo "  url: postgresql://$PGU@$PGH:$PGP/$DB"
    echo "users:"
    echo "  - name: $USER_NAME"
    echo "    password: $USER_PW"
    echo "    roles: [engineer, admin]"
    echo "limits:"
    echo "  max-client-connections: 500"
    if [ "$1" != no-store ]; then
      echo "state-store:"
      echo "  url: postgresql://$PGU@$PGH:$PGP/$STORE"
      echo "audit:"
      echo "  gateway-id: bench-gw"
      echo "  spool-file: $work/audit.spool"
      echo "  redact-literals: false"
      if [ "$1" = async-store ]; then echo "  write-ahead: false"; fi
    fi
  } >"$work/$1.yaml"
}

start_gateway() { # config-name log-name
  "$root/drawbridge" serve --config "$work/$1.yaml" >"$results/$2.log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 300); do
    kill -0 "$gateway_pid" 2>/dev/null || break
    port_free "$GW_PORT" || break
    sleep 0.1
  done
  kill -0 "$gateway_pid" 2>/dev/null && ! port_free "$GW_PORT" ||
    { tail -5 "$results/$2.log" >&2; die "the gateway did not start ($1)"; }
}

stop_gateway() {
  kill "$gateway_pid" 2>/dev/null || true
  wait "$gateway_pid" 2>/dev/null || true
  gateway_pid=""
  for _ in $(seq 100); do port_free "$GW_PORT" && break; sleep 0.1; done
}

export PGPASSWORD="$USER_PW" PGSSLMODE=disable
bench() { # log-name
  pgbench -n -M simple -c "$CLIENTS" -j 2 -T "$DURATION" -h 127.0.0.1 -p "$GW_PORT" -U "$USER_NAME" \
    "$DB" >"$results/$1.log" 2>&1 || { tail -5 "$results/$1.log" >&2; die "pgbench failed ($1)"; }
  sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$results/$1.log" | head -1
}
events() { pg -d "$STORE" -c "SELECT count(*) FROM drawbridge.audit_events" 2>/dev/null || echo 0; }

# --- 1 and 2: TPS off vs on --------------------------------------------------------------------
write_config no-store
write_config with-store
write_config async-store
say "audit-bench: audit off (no state store), $CLIENTS clients, ${DURATION}s"
start_gateway no-store gateway-off
pgbench -n -M simple -c 2 -T 3 -h 127.0.0.1 -p "$GW_PORT" -U "$USER_NAME" "$DB" >/dev/null 2>&1 || true # warm-up
tps_off="$(bench pgbench-off)"
stop_gateway

say "audit-bench: audit on (write-ahead), $CLIENTS clients, ${DURATION}s"
start_gateway with-store gateway-on
pgbench -n -M simple -c 2 -T 3 -h 127.0.0.1 -p "$GW_PORT" -U "$USER_NAME" "$DB" >/dev/null 2>&1 || true
before="$(events)"
t0="$(date +%s.%N)"
tps_on="$(bench pgbench-on)"
t1="$(date +%s.%N)"
sleep 1 # the writer drains outcome events
after="$(events)"
events_per_s="$(awk -v a="$after" -v b="$before" -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.0f", (a - b) / (t1 - t0) }')"
ratio="$(awk -v on="$tps_on" -v off="$tps_off" 'BEGIN { if (off > 0) printf "%.2f", on / off; else print "n/a" }')"
stop_gateway

say "audit-bench: audit on without write-ahead (async), $CLIENTS clients, ${DURATION}s"
start_gateway async-store gateway-async
pgbench -n -M simple -c 2 -T 3 -h 127.0.0.1 -p "$GW_PORT" -U "$USER_NAME" "$DB" >/dev/null 2>&1 || true
tps_async="$(bench pgbench-async)"
ratio_async="$(awk -v on="$tps_async" -v off="$tps_off" 'BEGIN { if (off > 0) printf "%.2f", on / off; else print "n/a" }')"
stop_gateway
start_gateway with-store gateway-crash

# --- 3: SIGKILL under load ---------------------------------------------------------------------
say "audit-bench: crash under load (SIGKILL after ${CRASH_AFTER}s)"
pgbench -n -M simple -c "$CLIENTS" -j 2 -T $((CRASH_AFTER + 5)) -h 127.0.0.1 -p "$GW_PORT" -U "$USER_NAME" \
  "$DB" >"$results/pgbench-crash.log" 2>&1 &
load_pid=$!
acked="$work/acked.txt"
: >"$acked"
(
  n=0
  while true; do
    n=$((n + 1))
    if out="$(psql -X -q -At -h 127.0.0.1 -p "$GW_PORT" -U "$USER_NAME" -d "$DB" \
      -c "INSERT INTO audit_probe VALUES ($n) RETURNING n" 2>/dev/null)" && [ "$out" = "$n" ]; then
      echo "$n" >>"$acked"
    else
      break
    fi
  done
) &
probe_pid=$!
sleep "$CRASH_AFTER"
kill -9 "$gateway_pid"
wait "$gateway_pid" 2>/dev/null || true
gateway_pid=""
wait "$probe_pid" 2>/dev/null || true
wait "$load_pid" 2>/dev/null || true
n_acked="$(wc -l <"$acked" | tr -d ' ')"

# restart: the chain goes on from the stored head
start_gateway with-store gateway-after-crash
missing=0
while read -r n; do
  found="$(pg -d "$STORE" -c "SELECT count(*) FROM drawbridge.audit_events WHERE event_type = 'statement'
    AND details::jsonb->>'text' = 'INSERT INTO audit_probe VALUES ( $n ) RETURNING n'")"
  [ "$found" -ge 1 ] || { missing=$((missing + 1)); say "audit-bench: acknowledged INSERT $n is not in the trail"; }
done <"$acked"
in_db="$(pg -d "$DB" -c "SELECT count(*) FROM audit_probe")"
verify_out="$("$root/drawbridge" audit verify --admin "http://127.0.0.1:$ADMIN_PORT" \
  --user "$USER_NAME" --password "$USER_PW" 2>&1)" && verify_ok=yes || verify_ok=no
echo "$verify_out" >"$results/verify.txt"
stop_gateway

{
  printf 'tps_audit_off\t%s\n' "$tps_off"
  printf 'tps_audit_on\t%s\n' "$tps_on"
  printf 'ratio_on_off\t%s\n' "$ratio"
  printf 'tps_audit_async\t%s\n' "$tps_async"
  printf 'ratio_async_off\t%s\n' "$ratio_async"
  printf 'audit_events_per_s\t%s\n' "$events_per_s"
  printf 'crash_acknowledged\t%s\n' "$n_acked"
  printf 'crash_rows_in_db\t%s\n' "$in_db"
  printf 'crash_missing_from_trail\t%s\n' "$missing"
  printf 'chain_verifies\t%s\n' "$verify_ok"
} | tee "$results/summary.tsv"
say "$verify_out"
say "audit-bench: results in $results"
[ "$missing" = 0 ] && [ "$verify_ok" = yes ] || exit 1
