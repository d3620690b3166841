#!/usr/bin/env bash
# bench/pgbench.sh — pgbench through nothing (direct), PgBouncer (session mode) and the Drawbridge
# gateway (passthrough auth, recording gate), interleaved in one run, plus a 500-session check.
#
# What it starts (and stops again on exit, also on Ctrl-C or error):
#   PostgreSQL  a scratch cluster made with initdb in a temporary directory (fsync=off,
#               max_connections=700, on a free port) when initdb is available; otherwise the
#               server already running on 127.0.0.1:5432 (trust auth, as on our CI machines).
#               Why the scratch cluster first: the 500-session check needs max_connections > 500,
#               and results should not depend on how the machine's server happens to be tuned.
#               BENCH_PG=local forces 127.0.0.1:5432, BENCH_PG=scratch forces initdb.
#   PgBouncer   if installed: session mode, config generated in the temporary directory.
#   gateway     gateway/target/drawbridge.jar (built by ./drawbridge when stale), serve in
#               passthrough mode. If it cannot start, its rows are reported as unavailable.
#
# Then: pgbench -i -s $BENCH_SCALE once (direct), a warm-up of the gateway's JIT (BENCH_WARMUP
# seconds spread over the protocol modes, not measured), and for every protocol mode and client count
# pgbench -n -S -M MODE -c N -j min(N,2) -T $BENCH_DURATION against direct, PgBouncer and gateway
# back to back, so that all three see the same machine state. Prints TPS and average latency with
# the ratios gateway/direct and gateway/PgBouncer; raw results go to bench/results/<time>/.
#
# Settings (environment):
#   BENCH_DURATION=10            seconds per pgbench run
#   BENCH_CLIENTS="1 16 64"      client counts
#   BENCH_MODES="simple extended prepared"
#   BENCH_TARGETS="direct pgbouncer gateway"
#   BENCH_SCALE=10               pgbench -i scale factor
#   BENCH_SESSIONS=500           sessions for the concurrency check through the gateway; 0 skips
#   BENCH_SSLMODE=disable        libpq sslmode for every client (no TLS on any leg by default)
#   BENCH_WARMUP=15              seconds of unmeasured load on the gateway first (JIT warm-up); 0 skips
#   BENCH_PG=auto|scratch|local  which PostgreSQL (see above)
#   BENCH_GATEWAY_ARGS=""        extra flags for drawbridge serve (e.g. "--event-loop-threads 1")
#   BENCH_RESULTS=bench/results  where result directories go
#   BENCH_KEEP_DB=1              keep database drawbridge_bench on 127.0.0.1:5432 (BENCH_PG=local)
#
# Compare numbers only within one run: on a shared 2-core machine run-to-run noise is large
# (see docs or /work/shared/reference/pg-wire-proxy.md §3a for how the anchors were measured).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
DURATION="${BENCH_DURATION:-10}"
CLIENTS="${BENCH_CLIENTS:-1 16 64}"
MODES="${BENCH_MODES:-simple extended prepared}"
TARGETS="${BENCH_TARGETS:-direct pgbouncer gateway}"
SCALE="${BENCH_SCALE:-10}"
SESSIONS="${BENCH_SESSIONS:-500}"
SSLMODE="${BENCH_SSLMODE:-disable}"
WARMUP="${BENCH_WARMUP:-15}"
PG_CHOICE="${BENCH_PG:-auto}"
GATEWAY_ARGS="${BENCH_GATEWAY_ARGS:-}"
DB=drawbridge_bench

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }

for tool in pgbench psql pg_isready; do
  command -v "$tool" >/dev/null || die "$tool is not installed (Debian: apt-get install postgresql-client)."
done

work="$(mktemp -d "${TMPDIR:-/tmp}/drawbridge-bench.XXXXXX")"
chmod 755 "$work"
results="${BENCH_RESULTS:-$root/bench/results}/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
pg_started="" pg_local="" pgbouncer_pid="" gateway_pid="" as_pg=()
pg_bin=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null || true
  if [ -n "$pgbouncer_pid" ]; then
    # stop PgBouncer itself (its pid file), not the runuser wrapper, then reap the wrapper
    kill "$(cat "$work/pgbouncer.pid" 2>/dev/null || echo "$pgbouncer_pid")" 2>/dev/null || true
    wait "$pgbouncer_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_local" ] && [ "${BENCH_KEEP_DB:-0}" != 1 ]; then
    psql -X -q -h 127.0.0.1 -p 5432 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
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

# --- PostgreSQL -------------------------------------------------------------------------------
find_initdb() {
  if command -v initdb >/dev/null; then dirname "$(readlink -f "$(command -v initdb)")"; return; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
}

if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to run initdb and PgBouncer."
  as_pg=(runuser -u postgres --)
  chown postgres "$work"
fi

pg_bin="$(find_initdb || true)"
if [ "$PG_CHOICE" = local ] || { [ "$PG_CHOICE" = auto ] && [ -z "$pg_bin" ]; }; then
  pg_isready -q -h 127.0.0.1 -p 5432 || die "no initdb found and nothing answers on 127.0.0.1:5432."
  PGPORT_=5432 PGUSER_=postgres
  psql -X -q -h 127.0.0.1 -p 5432 -U postgres -d postgres -c 'select 1' >/dev/null 2>&1 ||
    die "cannot log in to 127.0.0.1:5432 as postgres without a password (trust auth expected)."
  pg_local=1
  say "bench: using the PostgreSQL on 127.0.0.1:5432 (database $DB is dropped at the end unless BENCH_KEEP_DB=1)"
else
  [ -n "$pg_bin" ] || die "initdb not found (BENCH_PG=scratch); install postgresql or use BENCH_PG=local."
  PGPORT_="$(free_port 25432)"
  PGUSER_="$( [ "$(id -u)" = 0 ] && echo postgres || id -un)"
  say "bench: starting a scratch PostgreSQL ($("$pg_bin/postgres" --version)) on 127.0.0.1:$PGPORT_"
  "${as_pg[@]}" "$pg_bin/initdb" -D "$work/pgdata" -A trust -U "$PGUSER_" -E UTF8 >"$work/initdb.log" 2>&1 ||
    { cat "$work/initdb.log" >&2; die "initdb failed"; }
  cat >>"$work/pgdata/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT_
unix_socket_directories = '$work'
max_connections = 700
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pgdata" -l "$work/postgres.log" -w -t 60 start >/dev/null ||
    { tail -20 "$work/postgres.log" >&2; die "the scratch PostgreSQL did not start"; }
  pg_started=1
fi
export PGHOST=127.0.0.1 PGSSLMODE="$SSLMODE"
pg() { psql -X -q -At -h 127.0.0.1 -p "$PGPORT_" -U "$PGUSER_" "$@"; }
pg -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" \
  -c "CREATE DATABASE $DB" >/dev/null
max_conn="$(pg -d postgres -c 'SHOW max_connections')"
pg_version="$(pg -d postgres -c 'SHOW server_version')"

say "bench: pgbench -i -s $SCALE"
pgbench -i -q -s "$SCALE" -h 127.0.0.1 -p "$PGPORT_" -U "$PGUSER_" "$DB" >"$results/init.log" 2>&1 ||
  { tail -20 "$results/init.log" >&2; die "pgbench -i failed"; }

declare -A PORT=([direct]="$PGPORT_")

# --- PgBouncer --------------------------------------------------------------------------------
if [[ " $TARGETS " == *" pgbouncer "* ]]; then
  if command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ]; then
    bouncer="$(command -v pgbouncer || echo /usr/sbin/pgbouncer)"
    PORT[pgbouncer]="$(free_port 26432)"
    printf '"%s" ""\n' "$PGUSER_" >"$work/userlist.txt"
    cat >"$work/pgbouncer.ini" <<INI
[databases]
$DB = host=127.0.0.1 port=$PGPORT_ dbname=$DB
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${PORT[pgbouncer]}
unix_socket_dir =
auth_type = trust
auth_file = $work/userlist.txt
pool_mode = session
max_client_conn = 2000
default_pool_size = 600
ignore_startup_parameters = extra_float_digits,options,statement_timeout,search_path
logfile = $work/pgbouncer.log
pidfile = $work/pgbouncer.pid
INI
    [ "$(id -u)" = 0 ] && chown postgres "$work"/userlist.txt "$work"/pgbouncer.ini
    "${as_pg[@]}" "$bouncer" -q "$work/pgbouncer.ini" &
    pgbouncer_pid=$!
    for _ in $(seq 50); do port_free "${PORT[pgbouncer]}" || break; sleep 0.1; done
    if port_free "${PORT[pgbouncer]}"; then
      say "bench: PgBouncer did not start: $(tail -3 "$work/pgbouncer.log" 2>/dev/null)"
      unset 'PORT[pgbouncer]'
    else
      say "bench: PgBouncer ($("$bouncer" --version | head -1)) session mode on 127.0.0.1:${PORT[pgbouncer]}"
    fi
  else
    say "bench: PgBouncer is not installed (apt-get install pgbouncer); its columns stay empty."
  fi
fi

# --- gateway ----------------------------------------------------------------------------------
gateway_note=""
if [[ " $TARGETS " == *" gateway "* ]]; then
  "$root/drawbridge" --version >/dev/null || die "cannot build or run the gateway (./drawbridge --version failed)."
  PORT[gateway]="$(free_port 27432)"
  admin_port="$(free_port 28432)"
  "$root/drawbridge" serve --listen "127.0.0.1:${PORT[gateway]}" \
    --upstream "postgresql://$PGUSER_@127.0.0.1:$PGPORT_/$DB" --auth passthrough \
    --admin "127.0.0.1:$admin_port" --max-client-connections 2000 $GATEWAY_ARGS \
    >"$results/gateway.log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 300); do
    kill -0 "$gateway_pid" 2>/dev/null || break
    port_free "${PORT[gateway]}" || break
    sleep 0.1
  done
  if ! kill -0 "$gateway_pid" 2>/dev/null || port_free "${PORT[gateway]}"; then
    gateway_note="$(grep -v '^WARNING' "$results/gateway.log" | tail -2 | tr '\n' ' ')"
    say "bench: the gateway did not start: $gateway_note"
    kill "$gateway_pid" 2>/dev/null || true
    gateway_pid=""
    unset 'PORT[gateway]'
  else
    say "bench: gateway ($("$root/drawbridge" --version | head -1)) passthrough on 127.0.0.1:${PORT[gateway]}"
  fi
fi

# --- runs -------------------------------------------------------------------------------------
# The gateway is a JVM: give the JIT compiler a few seconds of each protocol before measuring,
# as a long-running gateway would have had (PgBouncer and PostgreSQL need no warm-up).
if [ -n "${PORT[gateway]:-}" ] && [ "$WARMUP" -gt 0 ]; then
  n_modes=$(echo $MODES | wc -w)
  per_mode=$(( (WARMUP + n_modes - 1) / n_modes ))
  say "bench: warming up the gateway (${WARMUP} s, not measured)"
  for mode in $MODES; do
    pgbench -n -S -M "$mode" -c 4 -j 2 -T "$per_mode" -h 127.0.0.1 -p "${PORT[gateway]}" \
      -U "$PGUSER_" "$DB" >"$results/warmup-$mode.log" 2>&1 || true
  done
fi

load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
raw="$results/results.tsv"
printf 'mode\tclients\ttarget\ttps\tlatency_ms\tfailed\tproxy_cpu_us_per_tx\n' >"$raw"
# CPU time (user + system, all threads) the proxy process spent during a run, divided by the
# transactions of that run: what one transaction costs the middle box, largely independent of
# what else the machine is doing (TPS on a shared 2-core machine is not).
clk_tck="$(getconf CLK_TCK 2>/dev/null || echo 100)"
proxy_pid() { # target
  case "$1" in
    gateway) echo "$gateway_pid" ;;
    pgbouncer) cat "$work/pgbouncer.pid" 2>/dev/null || true ;;
  esac
}
cpu_ticks() { # pid -> utime + stime in clock ticks (0 when unknown)
  [ -n "$1" ] && awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}
run_one() { # mode clients target
  local mode=$1 c=$2 target=$3 j out tps lat pid cpu0 cpu1 txs cpu_us
  j=$((c < 2 ? c : 2))
  out="$results/$mode-$c-$target.log"
  pid="$(proxy_pid "$target")"
  cpu0="$(cpu_ticks "$pid")"
  if pgbench -n -S -M "$mode" -c "$c" -j "$j" -T "$DURATION" -h 127.0.0.1 -p "${PORT[$target]}" \
      -U "$PGUSER_" "$DB" >"$out" 2>&1; then
    cpu1="$(cpu_ticks "$pid")"
    tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$out")"
    lat="$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$out")"
    txs="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")"
    cpu_us="-"
    if [ -n "$pid" ] && [ "${txs:-0}" -gt 0 ]; then
      cpu_us="$(awk -v t="$((cpu1 - cpu0))" -v hz="$clk_tck" -v n="$txs" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$c" "$target" "${tps:-?}" "${lat:-?}" 0 "$cpu_us" >>"$raw"
  else
    printf '%s\t%s\t%s\t-\t-\t%s\t-\n' "$mode" "$c" "$target" 1 >>"$raw"
    say "bench:   $target failed: $(grep -m1 -iE 'error|abort|fatal' "$out" || tail -1 "$out")"
  fi
}

available=()
for t in $TARGETS; do [ -n "${PORT[$t]:-}" ] && available+=("$t"); done
say "bench: ${#available[@]} target(s): ${available[*]}; $DURATION s per run, sslmode=$SSLMODE"
for mode in $MODES; do
  for c in $CLIENTS; do
    for t in "${available[@]}"; do
      say "bench: -M $mode -c $c -> $t"
      run_one "$mode" "$c" "$t"
    done
  done
done

# --- concurrency check ------------------------------------------------------------------------
sessions_line="not run (BENCH_SESSIONS=0)"
if [ "$SESSIONS" -gt 0 ] && [ -n "${PORT[gateway]:-}" ]; then
  if [ "$max_conn" -le "$((SESSIONS + 5))" ]; then
    sessions_line="skipped: the upstream allows only $max_conn connections (needs > $((SESSIONS + 5)); use the scratch cluster)"
  else
    say "bench: $SESSIONS concurrent sessions through the gateway"
    hold=$((DURATION > 5 ? DURATION : 5))
    # a distinct application_name, so that PgBouncer's idle pooled server connections to the same
    # database are not counted as gateway sessions
    PGAPPNAME=drawbridge-sessions-check \
      pgbench -n -S -c "$SESSIONS" -j 2 -T "$hold" -R 200 -h 127.0.0.1 -p "${PORT[gateway]}" \
      -U "$PGUSER_" "$DB" >"$results/sessions.log" 2>&1 &
    sessions_pid=$!
    peak=0 rss_kb=0
    for _ in $(seq $((hold * 4))); do
      n="$(pg -d postgres -c "SELECT count(*) FROM pg_stat_activity
             WHERE datname = '$DB' AND application_name = 'drawbridge-sessions-check'" 2>/dev/null || echo 0)"
      [ "$n" -gt "$peak" ] && peak=$n
      r="$(awk '/^VmRSS/ {print $2}' "/proc/$gateway_pid/status" 2>/dev/null || echo 0)"
      [ "${r:-0}" -gt "$rss_kb" ] && rss_kb=$r
      kill -0 "$sessions_pid" 2>/dev/null || break
      sleep 0.25
    done
    if wait "$sessions_pid" && ! grep -qiE 'aborted|error' "$results/sessions.log"; then
      served="all $SESSIONS served"
    else
      served="FAILED: $(grep -m1 -iE 'abort|error|fatal' "$results/sessions.log")"
    fi
    hwm="$(awk '/^VmHWM/ {print $2}' "/proc/$gateway_pid/status" 2>/dev/null || echo 0)"
    sessions_line="$served; most upstream sessions seen at once $peak; gateway RSS $((rss_kb / 1024)) MiB (peak $((hwm / 1024)) MiB)"
  fi
elif [ "$SESSIONS" -gt 0 ]; then
  sessions_line="skipped: the gateway is not running${gateway_note:+ ($gateway_note)}"
fi

# --- report -----------------------------------------------------------------------------------
{
  echo "Drawbridge pgbench comparison — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, PostgreSQL $pg_version"
  echo "pgbench -n -S -T $DURATION, scale $SCALE, sslmode=$SSLMODE; PgBouncer session mode; gateway passthrough"
  echo "load average before the runs: $load_start; after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') (well above the core count means noisy numbers)"
  echo
  awk -F'\t' '
    NR == 1 { next }
    { key = $1 "\t" $2; if (!(key in seen)) { order[++n] = key; seen[key] = 1 }
      tps[key, $3] = $4; lat[key, $3] = $5; cpu[key, $3] = $7 }
    function cell(k, t) { return (tps[k, t] == "" ? "n/a" : (tps[k, t] == "-" ? "failed" : sprintf("%.0f / %.3f", tps[k, t], lat[k, t]))) }
    function ratio(k, a, b) { return (tps[k, a] + 0 > 0 && tps[k, b] + 0 > 0) ? sprintf("%.2f", tps[k, a] / tps[k, b]) : "-" }
    END {
      printf "%-9s %7s  %-18s %-18s %-18s %9s %9s  %s\n", "mode", "clients", "direct TPS / ms", "pgbouncer TPS / ms", "gateway TPS / ms", "gw/direct", "gw/pgb", "proxy CPU us/tx pgb / gw"
      for (i = 1; i <= n; i++) { k = order[i]; split(k, p, "\t")
        printf "%-9s %7s  %-18s %-18s %-18s %9s %9s  %s / %s\n", p[1], p[2], cell(k, "direct"), cell(k, "pgbouncer"), cell(k, "gateway"), ratio(k, "gateway", "direct"), ratio(k, "gateway", "pgbouncer"), (cpu[k, "pgbouncer"] == "" ? "-" : cpu[k, "pgbouncer"]), (cpu[k, "gateway"] == "" ? "-" : cpu[k, "gateway"]) }
    }' "$raw"
  echo
  echo "$SESSIONS-session check through the gateway: $sessions_line"
  echo "(TPS / average latency in ms; ratios are TPS ratios, > 1 means the gateway was faster;"
  echo " proxy CPU = user+system CPU time of the PgBouncer / gateway process per transaction, in microseconds)"
} | tee "$results/summary.txt"
say "bench: raw results in $results"
