#!/usr/bin/env bash
# bench/run.sh compares nosql with redis-server on this machine (make bench).
#
# It builds nosql, starts it and redis-server on free loopback ports, both
# without persistence (but in the persistence section), and runs the same
# workloads against each, taking turns per workload so that machine noise
# falls on both:
#   - redis-benchmark's whole default test list (no -t: PING_INLINE,
#     PING_MBULK, SET, GET, INCR, LPUSH, RPUSH, LPOP, RPOP, SADD, HSET, SPOP,
#     ZADD, ZPOPMIN, LRANGE_100/300/500/600, MSET, and XADD in versions
#     that have it), -c 50, -P 1 and -P 16 (four times the requests at -P 16:
#     pn), one run per server and pipeline
#   - latency at -c 1 (p50, p99) for SET and GET
#   - 1,000 connections (-c 1000) for SET and GET
#   - strings changed in place at -c 1: 2,000 APPENDs of 10 KiB to one key,
#     and 2,000 one-byte SETRANGEs into a 256 MiB string (redis-benchmark
#     with the command given)
#   - resident memory per key after loading key:N -> value:N with redis-cli --pipe,
#     and for collections: BENCH_HASHES hashes of 10 small fields,
#     BENCH_SETS sets of 10 small integers, one sorted set of BENCH_ZSET
#     members, one stream of BENCH_STREAM entries of two small fields
#     (XADD s * f1 .. f2 ..), each loaded into a fresh server
#   - nosql's semicolon protocol (nosql bench) for PUT, GET and INCREMENT,
#     beside nosql's own RESP SET, GET and INCR, loaded by the same generator
#     (nosql bench -resp) and by redis-benchmark
#   - persistence: SET throughput (-c 50, -P 1 and -P 16) with the
#     append-only file on, for appendfsync always and everysec, each server
#     started on a fresh data directory; and the start-up time (from process
#     start until PING answers) on a BENCH_KEYS-key append-only file written
#     through redis-cli --pipe, and on one sorted set of BENCH_ZSET members
#     (the log of the ZADDs sent, and after BGREWRITEAOF), with the files'
#     sizes
# and prints one table per group with the ratio nosql/Redis (text/RESP for
# the semicolon protocol). Redis columns are skipped, with a note, when
# redis-server or redis-benchmark is missing; so is the persistence section.
#
# Environment:
#   BENCH_N     requests per test (default 200000)
#   BENCH_R     keyspace: pass -r BENCH_R to every load (default: one key,
#               as redis-benchmark does without -r)
#   BENCH_KEYS  keys loaded for the memory and append-only load tests
#               (default 1000000)
#   BENCH_HASHES, BENCH_SETS, BENCH_ZSET, BENCH_STREAM  the collections of
#               the memory test (defaults 100000, 100000, 1000000, 1000000);
#               BENCH_ZSET is also the sorted set of the start-up test
#   BENCH_ROUNDS  run every load this many times and report the medians
#               (default 1)
#   BENCH_AOF   0 skips the persistence section (default 1)
#   BENCH_ONLY  run one section only: workloads (throughput, latency,
#               1,000 connections, semicolon protocol), memory or aof
#               (persistence); default: all
#   GO          the go command (default go)
set -euo pipefail

N=${BENCH_N:-200000}
# pn P prints the requests per test at pipeline depth P: N at -P 1, 4N
# deeper, where a test of N requests would last a tenth as long (0.1 s at
# N=100000) and measure mostly its start and the machine's noise.
pn() { if (($1 > 1)); then echo $((4 * N)); else echo "$N"; fi; }
ROUNDS=${BENCH_ROUNDS:-1}
KEYS=${BENCH_KEYS:-1000000}
R=${BENCH_R:-}
GO=${GO:-go}
AOF=${BENCH_AOF:-1}
ONLY=${BENCH_ONLY:-}
HASHES=${BENCH_HASHES:-100000}
SETS=${BENCH_SETS:-100000}
ZSET=${BENCH_ZSET:-1000000}
STREAM=${BENCH_STREAM:-1000000}
AOF_POLICIES="always everysec"

case $ONLY in
"" | workloads | memory | aof) ;;
*)
	echo "BENCH_ONLY must be workloads, memory or aof, not $ONLY" >&2
	exit 2
	;;
esac

# want SECTION tells whether SECTION runs (see BENCH_ONLY).
want() { [[ -z $ONLY || $ONLY == "$1" ]]; }

cd "$(dirname "$0")/.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nosql-bench.XXXXXX")
pids=()
notes=()

cleanup() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

note() { notes+=("$*"); }

# ---- tools -----------------------------------------------------------------

have() { command -v "$1" >/dev/null 2>&1; }

echo "building nosql..."
$GO build -o nosql .

RB=0 # redis-benchmark present: RESP workloads can run
REDIS=0 # redis-server present: Redis columns
have redis-benchmark && RB=1
have redis-server && REDIS=1
if ((!RB)); then
	note "redis-benchmark not found: RESP workloads skipped (only nosql bench runs)."
	REDIS=0
elif ((!REDIS)); then
	note "redis-server not found: Redis columns skipped."
fi

# nosql flags that exist in this build.
nosql_flags=(-dir "$tmp/nosql-data")
nosql_help=$(./nosql -h 2>&1 || true) # read once: grep -q on a pipe could cut it short (SIGPIPE)
if grep -qE '^[[:space:]]+-appendonly([[:space:]]|$)' <<<"$nosql_help"; then
	nosql_flags+=(-appendonly=false)
fi
if grep -qE '^[[:space:]]+-log-level([[:space:]]|$)' <<<"$nosql_help"; then
	nosql_flags+=(-log-level warn)
fi

rargs=()
[[ -n $R ]] && rargs=(-r "$R")

# 1,000 connections need that many descriptors in the server and in the
# client, each: raise the soft limit if it is lower.
C1000=1
if [[ $(ulimit -n) != unlimited && $(ulimit -n) -lt 2100 ]]; then
	ulimit -n 2100 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
	if [[ $(ulimit -n) != unlimited && $(ulimit -n) -lt 1100 ]]; then
		C1000=0
		note "ulimit -n is $(ulimit -n) and cannot be raised: the 1,000-connection test is skipped."
	fi
fi

# ---- servers ---------------------------------------------------------------

# free_port prints a loopback port no socket uses, below the ephemeral
# range so that no client connection takes it before the server binds it.
free_port() {
	local lo=32768 p
	read -r lo _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
	((lo > 11000)) || lo=61000
	while :; do
		p=$((10000 + RANDOM % (lo - 10000)))
		if have ss; then
			[[ -z $(ss -Htan "( sport = :$p )" 2>/dev/null) ]] || continue
		fi
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
}

# wait_port PORT LOG waits up to 10s for a listener on PORT; if none comes,
# it shows the server's LOG.
wait_port() {
	local i
	for ((i = 0; i < 100; i++)); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.1
	done
	echo "nothing listens on port $1; the server said:" >&2
	tail -n 20 "$2" >&2
	return 1
}

# spawn_nosql ARGS... and spawn_redis ARGS... start a server on
# NOSQL_PORT/REDIS_PORT without waiting for it, and set NOSQL_PID/REDIS_PID.
# Both run without persistence unless ARGS say otherwise: ARGS come after
# the defaults, and the later setting wins.
spawn_nosql() {
	./nosql -addr "127.0.0.1:$NOSQL_PORT" "${nosql_flags[@]}" "$@" >>"$tmp/nosql.log" 2>&1 &
	NOSQL_PID=$!
	pids+=("$NOSQL_PID")
}

spawn_redis() {
	redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
		--daemonize no --logfile "$tmp/redis.log" --dir "$tmp" "$@" &
	REDIS_PID=$!
	pids+=("$REDIS_PID")
}

# start_nosql ARGS... and start_redis ARGS... start a server on a free port
# and wait until it listens.
start_nosql() {
	NOSQL_PORT=$(free_port)
	spawn_nosql "$@"
	wait_port "$NOSQL_PORT" "$tmp/nosql.log"
}

start_redis() {
	REDIS_PORT=$(free_port)
	spawn_redis "$@"
	wait_port "$REDIS_PORT" "$tmp/redis.log"
}

# reap PID waits for a server this script started to exit and forgets its
# PID.
reap() {
	local keep=() p
	wait "$1" 2>/dev/null || true
	for p in "${pids[@]}"; do
		[[ $p == "$1" ]] || keep+=("$p")
	done
	pids=("${keep[@]}")
}

# stop PID stops a server this script started (SIGTERM) and forgets its PID.
stop() {
	kill "$1" 2>/dev/null || true
	reap "$1"
}

# shutdown_server PORT PID stops a server this script started with
# SHUTDOWN, as a client would, and waits for it to exit.
shutdown_server() {
	redis-cli -h 127.0.0.1 -p "$1" shutdown >/dev/null 2>&1 || kill "$2" 2>/dev/null || true
	reap "$2"
}

# ---- running and reading loads ---------------------------------------------

# Each run keeps its CSV in NAME.rROUND.csv, and a failure's last words in
# NAME.rROUND.fail.
round=1

# rb NAME PORT ARGS... runs redis-benchmark.
rb() {
	local name=$1 port=$2
	shift 2
	local f=$tmp/$name.r$round
	if ! redis-benchmark -h 127.0.0.1 -p "$port" --csv "$@" >"$f.csv" 2>"$f.err"; then
		echo "$name: $(grep -v '^WARNING' "$f.err" | tail -n 1)" >"$f.fail"
	fi
}

# nb NAME ARGS... runs nosql bench against nosql.
nb() {
	local name=$1
	shift
	local f=$tmp/$name.r$round
	if ! ./nosql bench -addr "127.0.0.1:$NOSQL_PORT" -threads 1 -csv "$@" >"$f.csv" 2>"$f.err"; then
		echo "$name: $(tail -n 1 "$f.err")" >"$f.fail"
	fi
}

# pair NAME ARGS... runs redis-benchmark against both servers, the first
# one taking turns from call to call.
turn=0
pair() {
	local name=$1
	shift
	((RB)) || return 0
	if ((turn % 2 == 0 || !REDIS)); then
		rb "nosql-$name" "$NOSQL_PORT" "$@"
		((REDIS)) && rb "redis-$name" "$REDIS_PORT" "$@"
	else
		rb "redis-$name" "$REDIS_PORT" "$@"
		rb "nosql-$name" "$NOSQL_PORT" "$@"
	fi
	turn=$((turn + 1))
}

# protocols NAME ARGS... runs nosql bench in both protocols (text-NAME and
# resp-NAME), the first one taking turns from call to call.
protocols() {
	local name=$1
	shift
	if ((turn % 2 == 0)); then
		nb "text-$name" "$@"
		nb "resp-$name" -resp "$@"
	else
		nb "resp-$name" -resp "$@"
		nb "text-$name" "$@"
	fi
	turn=$((turn + 1))
}

# get NAME TEST COLUMN prints a figure from the CSVs of redis-benchmark or
# nosql bench runs NAME: the median over the rounds of the row whose test
# name starts with the word TEST, leaving out rows in which nosql bench
# counted error replies; requests/s as a whole number, msec to 3 places.
get() {
	local files=("$tmp/$1".r*.csv)
	[[ ${#files[@]} -gt 0 && -f ${files[0]} ]] || return 0
	awk -F'","' -v t="$2" -v col="$3" '
		FNR == 1 { c = e = 0; for (i = 1; i <= NF; i++) { h = $i; gsub(/"/, "", h); if (h == col) c = i; if (h == "errors") e = i }; next }
		{ name = $1; gsub(/"/, "", name); split(name, w, " ")
		  if (w[1] != t || !c || seen[FILENAME]++) next
		  if (e) { n = $e; gsub(/"/, "", n); if (n != "0") next }
		  v = $c; gsub(/"/, "", v); print v }' "${files[@]}" |
		sort -g | awk -v f="$([[ $3 == rps ]] && echo %.0f || echo %.3f)" '{ v[NR] = $1 }
			END { if (NR) printf f "\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# default_tests NAME prints the first word of each test redis-benchmark ran
# in the runs NAME of either server, in its order, once each (LPUSH's
# second run, which fills the list for LRANGE, is LPUSH's).
default_tests() {
	cat "$tmp"/{nosql,redis}-"$1".r*.csv 2>/dev/null | awk -F'","' 'FNR > 0 && !/^"test"/ {
		name = $1; gsub(/"/, "", name); split(name, w, " "); if (!seen[w[1]]++) print w[1] }'
}

# ratio A B prints A/B, or "-" when either is missing.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f\n", a / b }'
}

# secs RPS prints the seconds INPLACE_N requests take at RPS requests/s,
# or nothing when RPS is empty.
secs() { [[ -z $1 ]] || awk -v r="$1" -v n="$INPLACE_N" 'BEGIN { printf "%.3f\n", n / r }'; }

# or_dash prints $1, or "-" when empty.
or_dash() { if [[ -n $1 ]]; then echo "$1"; else echo "-"; fi; }

row() { printf "%-26s %12s %12s %11s\n" "$@"; }
row7() { printf "%-26s %9s %9s %9s %9s %9s %9s\n" "$@"; }

# ---- the workloads ---------------------------------------------------------

# The loads of strings changed in place: INPLACE_N requests at -c 1.
INPLACE_N=2000
append_value=$(head -c 10240 /dev/zero | tr '\0' x)

# inplace SERVER PORT runs them against one server, on fresh keys: APPENDs
# of 10 KiB to one key (the string grows to 20 MB), then one-byte
# SETRANGEs into a 256 MiB string made by one SETRANGE at its end.
inplace() {
	local cli=(redis-cli -h 127.0.0.1 -p "$2")
	"${cli[@]}" DEL bench:append bench:big >/dev/null
	rb "$1-APPEND-inplace" "$2" -c 1 -n "$INPLACE_N" APPEND bench:append "$append_value"
	"${cli[@]}" SETRANGE bench:big 268435455 x >/dev/null
	rb "$1-SETRANGE-inplace" "$2" -c 1 -n "$INPLACE_N" SETRANGE bench:big 134217728 x
	"${cli[@]}" DEL bench:append bench:big >/dev/null
}

# inplace_round runs the in-place loads against both servers, the first
# one taking turns from call to call.
inplace_round() {
	((RB)) && have redis-cli || return 0
	if ((turn % 2 == 0 || !REDIS)); then
		inplace nosql "$NOSQL_PORT"
		((REDIS)) && inplace redis "$REDIS_PORT"
	else
		inplace redis "$REDIS_PORT"
		inplace nosql "$NOSQL_PORT"
	fi
	turn=$((turn + 1))
}

# run_workloads runs the throughput, latency and 1,000-connection loads, in
# RESP and in the semicolon protocol, on servers without persistence.
run_workloads() {
	start_nosql
	((REDIS)) && start_redis

	for ((round = 1; round <= ROUNDS; round++)); do
		workload_round
	done

	stop "$NOSQL_PID"
	((REDIS)) && stop "$REDIS_PID"
	return 0
}

# workload_round runs every load of run_workloads once.
workload_round() {
	echo "round $round of $ROUNDS: throughput (-c 50, -n $(pn 1) at -P 1, $(pn 16) at -P 16) ..."
	for P in 1 16; do
		pair "default-P$P" -c 50 -n "$(pn "$P")" -P "$P" "${rargs[@]}"
		protocols "P$P" -c 50 -n "$(pn "$P")" -P "$P" -t put,get,increment "${rargs[@]}"
	done

	echo "round $round of $ROUNDS: latency (-c 1) ..."
	for w in SET GET; do
		pair "$w-c1" -c 1 -n "$N" -t "${w,,}" "${rargs[@]}"
	done
	protocols c1 -c 1 -n "$N" -t put,get "${rargs[@]}"

	echo "round $round of $ROUNDS: strings changed in place (-c 1, -n $INPLACE_N) ..."
	inplace_round

	if ((C1000)); then
		echo "round $round of $ROUNDS: 1,000 connections ..."
		for w in SET GET; do
			pair "$w-c1000" -c 1000 -n "$N" -t "${w,,}" "${rargs[@]}"
		done
		protocols c1000 -c 1000 -n "$N" -t put,get "${rargs[@]}"
	fi
}

want workloads && run_workloads

# ---- memory ----------------------------------------------------------------

# The loads of the memory and start-up tests: what each sends (an awk
# program printing RESP commands, given n) and how many commands that is
# (load_replies).
# keys: SET key:N value:N; hashes: HSET hash:N f0 v<N> ... f9 v<N+9>; sets:
# SADD set:N of 10 integers below 10000; zset: ZADD zset of n members m:<i>
# in commands of 100, scores scattered; stream: XADD s * f1 <N mod 1000>
# f2 <15 + N mod 20>, one stream.
awk_resp='function cmd(n, a,   i, out) { out = "*" n "\r\n"; for (i = 1; i <= n; i++) out = out "$" length(a[i]) "\r\n" a[i] "\r\n"; printf "%s", out }'
load_keys="$awk_resp"' BEGIN { for (i = 0; i < n; i++) { a[1] = "SET"; a[2] = "key:" i; a[3] = "value:" i; cmd(3, a) } }'
load_hashes="$awk_resp"' BEGIN { for (i = 0; i < n; i++) { a[1] = "HSET"; a[2] = "hash:" i
	for (j = 0; j < 10; j++) { a[3 + 2 * j] = "f" j; a[4 + 2 * j] = "v" (i + j) }; cmd(22, a) } }'
load_sets="$awk_resp"' BEGIN { for (i = 0; i < n; i++) { a[1] = "SADD"; a[2] = "set:" i
	for (j = 0; j < 10; j++) a[3 + j] = (i % 1000) + 1000 * j; cmd(12, a) } }'
load_zset="$awk_resp"' BEGIN { for (i = 0; i < n; i += 100) { a[1] = "ZADD"; a[2] = "zset"; k = 2
	for (j = i; j < i + 100 && j < n; j++) { a[++k] = (j * 7919) % 1000003; a[++k] = "m:" j }; cmd(k, a) } }'
load_stream="$awk_resp"' BEGIN { a[1] = "XADD"; a[2] = "s"; a[3] = "*"; a[4] = "f1"; a[6] = "f2"
	for (i = 0; i < n; i++) { a[5] = i % 1000; a[7] = 15 + i % 20; cmd(7, a) } }'

# load_replies WHAT N prints how many commands load WHAT of size N sends.
load_replies() { if [[ $1 == zset ]]; then echo $((($2 + 99) / 100)); else echo "$2"; fi; }

# pipe_load PORT WHAT N OUT sends load WHAT of size N to the server on PORT
# with redis-cli --pipe, which reports to OUT; it fails unless every reply
# came back and none was an error.
pipe_load() {
	local prog=load_$2
	awk -v n="$3" "${!prog}" | redis-cli -h 127.0.0.1 -p "$1" --pipe >"$4" 2>&1 || true
	grep -q "errors: 0, replies: $(load_replies "$2" "$3")" "$4"
}

# rss PID prints the resident memory of process PID in KiB.
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

# load_mem PORT PID NAME WHAT N loads WHAT of size N into a fresh server
# with redis-cli --pipe and records its resident memory before and after
# in NAME-WHAT.rss.
load_mem() {
	local port=$1 pid=$2 name=$3 what=$4 n=$5 before after out=$tmp/$3-$4-load.out
	redis-cli -h 127.0.0.1 -p "$port" PING >/dev/null || true
	sleep 0.5
	before=$(rss "$pid")
	if ! pipe_load "$port" "$what" "$n" "$out"; then
		echo "$name memory, $what: $(tail -n 1 "$out")" >"$tmp/$name-$what.r1.fail"
		return 0
	fi
	sleep 1
	after=$(rss "$pid")
	echo "$before $after" >"$tmp/$name-$what.rss"
}

# mem_size WHAT prints the size of load WHAT (BENCH_KEYS, BENCH_ZSET, ...).
mem_size() {
	case $1 in
	keys) echo "$KEYS" ;;
	hashes) echo "$HASHES" ;;
	sets) echo "$SETS" ;;
	zset) echo "$ZSET" ;;
	stream) echo "$STREAM" ;;
	esac
}

MEM=1
if ! want memory; then
	MEM=0
elif ! have redis-cli; then
	MEM=0
	note "redis-cli not found: the memory test is skipped."
fi
if ((MEM)); then
	for what in keys hashes sets zset stream; do
		echo "memory: $what ($(mem_size "$what")) ..."
		start_nosql
		load_mem "$NOSQL_PORT" "$NOSQL_PID" nosql "$what" "$(mem_size "$what")"
		stop "$NOSQL_PID"
		if ((REDIS)); then
			start_redis
			load_mem "$REDIS_PORT" "$REDIS_PID" redis "$what" "$(mem_size "$what")"
			stop "$REDIS_PID"
		fi
	done
fi

# ---- persistence -----------------------------------------------------------

# nosql's append-only file lives in DIR/appendonly.aof; Redis 7's in
# DIR/appendonlydir/ (a base file, an incr file and a manifest).

# aof_throughput POLICY runs SET at -P 1 and -P 16 against a nosql and a
# redis-server that log every write with appendfsync POLICY, each started
# on a fresh data directory so that no file growth carries over, and stops
# both afterwards.
aof_throughput() {
	local policy=$1 ndir rdir P
	ndir=$(mktemp -d "$tmp/nosql-$policy.XXXXXX")
	rdir=$(mktemp -d "$tmp/redis-$policy.XXXXXX")
	start_nosql -appendonly=true -appendfsync "$policy" -dir "$ndir"
	start_redis --appendonly yes --appendfsync "$policy" --dir "$rdir"
	for P in 1 16; do
		pair "aof-$policy-P$P" -t set -n "$(pn "$P")" -c 50 -P "$P" "${rargs[@]}"
	done
	stop "$NOSQL_PID"
	stop "$REDIS_PID"
	rm -rf "$ndir" "$rdir"
}

# The start-up tests, each a ROW timed on a log that load WHAT (the part of
# ROW before "-") wrote, through a server started with the flags
# aof_SERVER_WHAT:
#   keys            KEYS keys; appendfsync everysec for both, and for Redis
#                   a log in the AOF format only (no RDB preamble, no
#                   snapshots), so that both load a log of the same commands
#   zset-log        one sorted set of ZSET members, the log of the ZADDs sent;
#                   each server with its defaults but for the log
#   zset-rewritten  the same after BGREWRITEAOF: each server's compacted log
#                   (Redis's: an RDB preamble in appendonlydir/)
startup_rows="keys zset-log zset-rewritten"
aof_nosql_keys=(-appendonly=true -appendfsync everysec)
aof_redis_keys=(--appendonly yes --appendfsync everysec --aof-use-rdb-preamble no --save '')
aof_nosql_zset=(-appendonly=true)
aof_redis_zset=(--appendonly yes)

# counted_keys / counted_zset: the command that counts what the load
# stored, which must answer the load's size.
counted_keys=(DBSIZE)
counted_zset=(ZCARD zset)

# spawn_logged SERVER WHAT DIR starts SERVER (nosql or redis) on a free
# port with load WHAT's log flags and the log in DIR, without waiting for
# it, and sets PORT and PID.
spawn_logged() {
	local -n flags=aof_$1_$2
	if [[ $1 == nosql ]]; then
		NOSQL_PORT=$(free_port)
		spawn_nosql "${flags[@]}" -dir "$3"
		PORT=$NOSQL_PORT PID=$NOSQL_PID
	else
		REDIS_PORT=$(free_port)
		spawn_redis "${flags[@]}" --dir "$3"
		PORT=$REDIS_PORT PID=$REDIS_PID
	fi
}

# start_logged SERVER WHAT DIR is spawn_logged, waiting until the server
# has loaded its log and answers PING.
start_logged() {
	spawn_logged "$@"
	wait_port "$PORT" "$tmp/$1.log"
	until [[ $(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null) == PONG ]]; do
		kill -0 "$PID" 2>/dev/null || return 1
		sleep 0.1
	done
}

# fill SERVER WHAT DIR writes load WHAT's log into DIR through SERVER, and
# stops it with SHUTDOWN; it fails, noting why, if the log is not there.
# With appendonly yes and no save points Redis 7 writes only the log; the
# check that DIR holds no dump.rdb makes sure the restart loads the log,
# not a snapshot.
fill() {
	local f=$tmp/$1-fill-$2.r1 out=$tmp/$1-fill-$2.out
	start_logged "$1" "$2" "$3" || { echo "$1 aof fill, $2: no start" >"$f.fail" && return 1; }
	pipe_load "$PORT" "$2" "$(mem_size "$2")" "$out" ||
		echo "$1 aof fill, $2: $(tail -n 1 "$out")" >"$f.fail"
	shutdown_server "$PORT" "$PID"
	[[ -f $f.fail ]] && return 1
	if [[ -e $3/dump.rdb ]] || ! has_log "$1" "$3"; then
		echo "$1 aof fill, $2: $3 holds $(ls "$3" "$3"/appendonlydir 2>/dev/null | tr '\n' ' ')- not the append-only file alone" >"$f.fail"
		return 1
	fi
}

# has_log SERVER DIR tells whether DIR holds SERVER's append-only file
# (for Redis, a manifest naming it).
has_log() {
	if [[ $1 == nosql ]]; then
		[[ -s $2/appendonly.aof ]]
	else
		compgen -G "$2/appendonlydir/*.manifest" >/dev/null
	fi
}

# rewrite_log SERVER WHAT DIR starts SERVER on load WHAT's log in DIR, has
# it rewrite the log (BGREWRITEAOF), waits until the rewrite finished, and
# stops it with SHUTDOWN; it fails, noting why, if the rewrite did not
# succeed.
rewrite_log() {
	local f=$tmp/$1-rewrite-$2.r1 info i
	start_logged "$1" "$2" "$3" || { echo "$1 aof rewrite, $2: no start" >"$f.fail" && return 1; }
	redis-cli -h 127.0.0.1 -p "$PORT" bgrewriteaof >/dev/null
	for ((i = 0; i < 6000; i++)); do
		info=$(redis-cli -h 127.0.0.1 -p "$PORT" info persistence | tr -d '\r')
		[[ $info == *aof_rewrite_in_progress:0* && $info == *aof_rewrite_scheduled:0* ]] && break
		sleep 0.1
	done
	shutdown_server "$PORT" "$PID"
	if [[ $info != *aof_rewrite_in_progress:0* || $info != *aof_last_bgrewrite_status:ok* ]]; then
		echo "$1 aof rewrite, $2: $(grep -E '^aof_(rewrite_in_progress|last_bgrewrite_status)' <<<"$info" | tr '\n' ' ')" >"$f.fail"
		return 1
	fi
}

# log_bytes SERVER DIR prints the size in bytes of SERVER's append-only
# file in DIR (for Redis, all the files in appendonlydir/).
log_bytes() {
	if [[ $1 == nosql ]]; then
		stat -c %s "$2/appendonly.aof"
	else
		stat -c %s "$2"/appendonlydir/* | awk '{ n += $1 } END { print n + 0 }'
	fi
}

# now_us VAR sets VAR to the wall clock in microseconds (EPOCHREALTIME
# without its decimal separator, whatever the locale's), without a fork.
now_us() { printf -v "$1" %s "${EPOCHREALTIME//[!0-9]/}"; }

# timed_start ROW SERVER starts SERVER (nosql or redis) on its log of
# start-up test ROW (in SERVER-ROW), polls PING every 10 ms until the
# answer is PONG, and records the seconds from the process start to that
# answer in load-ROW-SERVER.rROUND.csv (read with get); it stops the
# server afterwards and checks that it held what the load stored. It gives
# up after 10 minutes or if the server exits.
timed_start() {
	local row=$1 server=$2 what=${1%%-*} t0 t1 n f=$tmp/load-$1-$2.r$round
	local -n count=counted_$what
	now_us t0
	spawn_logged "$server" "$what" "$tmp/$server-$row"
	until [[ $(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null) == PONG ]]; do
		now_us t1
		if ! kill -0 "$PID" 2>/dev/null || ((t1 - t0 > 600000000)); then
			echo "$server aof load, $row: no PONG after $(((t1 - t0) / 1000000)) s" >"$f.fail"
			stop "$PID"
			return 0
		fi
		sleep 0.01
	done
	now_us t1
	n=$(redis-cli -h 127.0.0.1 -p "$PORT" "${count[@]}" 2>&1) || true
	stop "$PID"
	if [[ $n != "$(mem_size "$what")" ]]; then
		echo "$server aof load, $row: ${count[*]} is $n after loading, not $(mem_size "$what")" >"$f.fail"
		return 0
	fi
	printf '"test","secs"\n"LOAD","%d.%06d"\n' $(((t1 - t0) / 1000000)) $(((t1 - t0) % 1000000)) >"$f.csv"
}

# write_logs SERVER writes SERVER's logs of the start-up tests, each into
# SERVER-ROW, recording their sizes in aof-bytes; a log that could not be
# written is left out (its directory removed).
write_logs() {
	local s=$1 d=$tmp/$1
	echo "append-only file load: writing $KEYS keys through $s ..."
	mkdir -p "$d-keys" "$d-zset-log"
	fill "$s" keys "$d-keys" || rm -rf "$d-keys"
	echo "append-only file load: writing a sorted set of $ZSET members through $s, then BGREWRITEAOF ..."
	if fill "$s" zset "$d-zset-log"; then
		cp -a "$d-zset-log" "$d-zset-rewritten"
		rewrite_log "$s" zset "$d-zset-rewritten" || rm -rf "$d-zset-rewritten"
	else
		rm -rf "$d-zset-log"
	fi
	for row in $startup_rows; do
		[[ -d $d-$row ]] && echo "$row $s $(log_bytes "$s" "$d-$row")" >>"$tmp/aof-bytes"
	done
	return 0
}

# aof_load writes the start-up tests' logs through a nosql and a
# redis-server, then restarts each on each log ROUNDS times, taking turns,
# to time the loads.
aof_load() {
	local row order s
	write_logs nosql
	write_logs redis
	for ((round = 1; round <= ROUNDS; round++)); do
		echo "round $round of $ROUNDS: append-only file load ..."
		for row in $startup_rows; do
			order=(nosql redis)
			((turn % 2)) && order=(redis nosql)
			for s in "${order[@]}"; do
				[[ -d $tmp/$s-$row ]] && timed_start "$row" "$s"
			done
			turn=$((turn + 1))
		done
	done
	for row in $startup_rows; do
		rm -rf "$tmp/nosql-$row" "$tmp/redis-$row"
	done
}

PERSIST=1
if ! want aof || [[ $AOF == 0 ]]; then
	PERSIST=0
elif ((!REDIS)) || ! have redis-cli; then
	PERSIST=0
	note "redis-server, redis-benchmark or redis-cli not found: the persistence section is skipped."
elif ! grep -qE '^[[:space:]]+-appendfsync([[:space:]]|$)' <<<"$nosql_help"; then
	PERSIST=0
	note "this nosql has no -appendfsync flag: the persistence section is skipped."
fi
if ((PERSIST)); then
	for ((round = 1; round <= ROUNDS; round++)); do
		# each round makes an even number of pairs: start it on the round's
		# parity so that every load changes which server goes first.
		turn=$round
		for policy in $AOF_POLICIES; do
			echo "round $round of $ROUNDS: SET with appendfsync $policy (-c 50, -n $(pn 1) at -P 1, $(pn 16) at -P 16) ..."
			aof_throughput "$policy"
		done
	done
	aof_load
fi

# ---- the tables ------------------------------------------------------------

redis_version=$( ((REDIS)) && redis-server --version | sed -E 's/.* v=([^ ]+).*/\1/' || echo "absent")
echo
echo "nosql vs Redis $redis_version: $N requests per test$([[ -n $R ]] && echo ", keyspace $R"), $(nproc) cores"
echo "(the machine may be shared: figures are noisy, compare ratios and repeat runs)"

# workload_tables prints the throughput, latency and 1,000-connection tables.
workload_tables() {
	echo
	echo "Throughput, requests/s (redis-benchmark -c 50, -n $(pn 1) at -P 1, $(pn 16) at -P 16)"
	row "workload" "nosql" "redis" "nosql/redis"
	for P in 1 16; do
		for w in $(default_tests "default-P$P"); do
			a=$(get "nosql-default-P$P" "$w" rps)
			b=$(get "redis-default-P$P" "$w" rps)
			row "$w -P $P" "$(or_dash "$a")" "$(or_dash "$b")" "$(ratio "$a" "$b")"
		done
	done

	echo
	echo "Latency at -c 1, msec (redis-benchmark -c 1 -n $N; nosql only: nosql bench)"
	row7 "workload" "nosql p50" "redis p50" "ratio" "nosql p99" "redis p99" "ratio"
	for w in SET GET; do
		a=$(get "nosql-$w-c1" "$w" p50_latency_ms)
		b=$(get "redis-$w-c1" "$w" p50_latency_ms)
		c=$(get "nosql-$w-c1" "$w" p99_latency_ms)
		d=$(get "redis-$w-c1" "$w" p99_latency_ms)
		row7 "$w" "$(or_dash "$a")" "$(or_dash "$b")" "$(ratio "$a" "$b")" "$(or_dash "$c")" "$(or_dash "$d")" "$(ratio "$c" "$d")"
	done
	for w in PUT GET; do
		a=$(get text-c1 "$w" p50_latency_ms)
		c=$(get text-c1 "$w" p99_latency_ms)
		row7 "$w (nosql bench)" "$(or_dash "$a")" "-" "-" "$(or_dash "$c")" "-" "-"
	done
	for w in SET GET; do
		a=$(get resp-c1 "$w" p50_latency_ms)
		c=$(get resp-c1 "$w" p99_latency_ms)
		row7 "$w (nosql bench -resp)" "$(or_dash "$a")" "-" "-" "$(or_dash "$c")" "-" "-"
	done

	echo
	echo "Strings changed in place, seconds for $INPLACE_N requests at -c 1 (APPEND: 10 KiB each"
	echo "to one key; SETRANGE: one byte into a 256 MiB string)"
	row "workload" "nosql s" "redis s" "nosql/redis"
	for w in APPEND SETRANGE; do
		a=$(get "nosql-$w-inplace" "$w" rps)
		b=$(get "redis-$w-inplace" "$w" rps)
		a=$(secs "$a") b=$(secs "$b")
		row "$w" "$(or_dash "$a")" "$(or_dash "$b")" "$(ratio "$a" "$b")"
	done

	if ((C1000)); then
		echo
		echo "1,000 connections, requests/s (-c 1000 -n $N)"
		row "workload" "nosql" "redis" "nosql/redis"
		for w in SET GET; do
			a=$(get "nosql-$w-c1000" "$w" rps)
			b=$(get "redis-$w-c1000" "$w" rps)
			row "$w" "$(or_dash "$a")" "$(or_dash "$b")" "$(ratio "$a" "$b")"
		done
		for w in PUT GET; do
			a=$(get text-c1000 "$w" rps)
			row "$w (nosql bench)" "$(or_dash "$a")" "-" "-"
		done
		for w in SET GET; do
			a=$(get resp-c1000 "$w" rps)
			row "$w (nosql bench -resp)" "$(or_dash "$a")" "-" "-"
		done
	fi
}

# protocol_tables prints the semicolon protocol against RESP.
protocol_tables() {
	echo
	echo "Semicolon protocol against RESP on nosql, requests/s (-c 50, -n $(pn 1) at -P 1, $(pn 16) at -P 16)"
	echo "(text and RESP columns: nosql bench and nosql bench -resp, the same generator;"
	echo " redis-benchmark: nosql's RESP figure from the first table, another generator)"
	printf "%-26s %12s %12s %11s %16s\n" "workload" "text" "RESP" "text/RESP" "redis-benchmark"
	for P in 1 16; do
		for tr in PUT:SET GET:GET INCREMENT:INCR; do
			t=${tr%%:*} r=${tr#*:}
			a=$(get "text-P$P" "$t" rps)
			b=$(get "resp-P$P" "$r" rps)
			c=$(get "nosql-default-P$P" "$r" rps)
			printf "%-26s %12s %12s %11s %16s\n" "$t/$r -P $P" "$(or_dash "$a")" "$(or_dash "$b")" "$(ratio "$a" "$b")" "$(or_dash "$c")"
		done
	done
	echo
	echo "text latency at -c 50, msec (nosql bench)"
	row "workload" "p50" "p99" "p99.9"
	for P in 1 16; do
		for t in PUT GET INCREMENT; do
			row "$t -P $P" "$(or_dash "$(get "text-P$P" "$t" p50_latency_ms)")" \
				"$(or_dash "$(get "text-P$P" "$t" p99_latency_ms)")" \
				"$(or_dash "$(get "text-P$P" "$t" p999_latency_ms)")"
		done
	done
}

# aof_tables prints the persistence section's tables.
aof_tables() {
	local policy P a b
	echo
	echo "Append-only file on: SET requests/s (redis-benchmark -t set -c 50, -n $(pn 1) at -P 1, $(pn 16) at -P 16; fresh data directories)"
	printf "%-12s %8s %12s %12s %11s\n" "appendfsync" "pipeline" "nosql" "redis" "nosql/redis"
	for policy in $AOF_POLICIES; do
		for P in 1 16; do
			a=$(get "nosql-aof-$policy-P$P" SET rps)
			b=$(get "redis-aof-$policy-P$P" SET rps)
			printf "%-12s %8s %12s %12s %11s\n" "$policy" "-P $P" "$(or_dash "$a")" "$(or_dash "$b")" "$(ratio "$a" "$b")"
		done
	done

	echo
	echo "Start-up on a $KEYS-key append-only file (SET key:N value:N), from process start to PONG"
	row "" "nosql" "redis" "nosql/redis"
	startup_table keys ""

	echo
	echo "Start-up on one sorted set of $ZSET members, from process start to PONG: the log of"
	echo "the ZADDs sent (100 members each), and after BGREWRITEAOF (Redis: an RDB preamble)"
	row "" "nosql" "redis" "nosql/redis"
	startup_table zset-log ", ZADDs sent"
	startup_table zset-rewritten ", rewritten"
}

# startup_table ROW SUFFIX prints start-up test ROW's seconds and file
# sizes, SUFFIX after each row's name.
startup_table() {
	local a b
	a=$(get "load-$1-nosql" LOAD secs)
	b=$(get "load-$1-redis" LOAD secs)
	row "seconds$2" "$(or_dash "$a")" "$(or_dash "$b")" "$(ratio "$a" "$b")"
	a=$(awk -v r="$1" '$1 == r && $2 == "nosql" { printf "%.1f", $3 / 1048576 }' "$tmp/aof-bytes" 2>/dev/null)
	b=$(awk -v r="$1" '$1 == r && $2 == "redis" { printf "%.1f", $3 / 1048576 }' "$tmp/aof-bytes" 2>/dev/null)
	row "file MiB$2" "$(or_dash "$a")" "$(or_dash "$b")" "$(ratio "$a" "$b")"
}

want workloads && workload_tables

if ((MEM)); then
	echo
	echo "Resident memory after loading $KEYS keys key:N -> value:N (redis-cli --pipe)"
	printf "%-26s %12s %12s %12s\n" "server" "empty KiB" "loaded KiB" "bytes/key"
	per=()
	for s in nosql redis; do
		if [[ -f $tmp/$s-keys.rss ]]; then
			read -r before after <"$tmp/$s-keys.rss"
			p=$(awk -v a="$after" -v b="$before" -v n="$KEYS" 'BEGIN { printf "%.1f", (a - b) * 1024 / n }')
			per+=("$p")
			printf "%-26s %12s %12s %12s\n" "$s" "$before" "$after" "$p"
		fi
	done
	if ((${#per[@]} == 2)); then
		printf "%-26s %12s %12s %12s\n" "nosql/redis" "" "" "$(ratio "${per[0]}" "${per[1]}")"
	fi

	echo
	echo "Resident memory of collections, KiB added by the load (redis-cli --pipe into a fresh server)"
	row "collection" "nosql KiB" "redis KiB" "nosql/redis"
	for what in hashes sets zset stream; do
		case $what in
		hashes) label="$HASHES hashes x 10 fields" ;;
		sets) label="$SETS sets x 10 ints" ;;
		zset) label="1 zset x $ZSET" ;;
		stream) label="1 stream x $STREAM XADDs" ;;
		esac
		a=$(awk '{ print $2 - $1 }' "$tmp/nosql-$what.rss" 2>/dev/null)
		b=$(awk '{ print $2 - $1 }' "$tmp/redis-$what.rss" 2>/dev/null)
		row "$label" "$(or_dash "$a")" "$(or_dash "$b")" "$(ratio "$a" "$b")"
	done
fi

want workloads && protocol_tables
if want workloads && ((RB)) && ! default_tests default-P1 | grep -qx XADD; then
	note "XADD throughput: not in this redis-benchmark's default list (redis-benchmark 7.0 has none); the memory section loads a stream with XADD."
fi
((PERSIST)) && aof_tables

shopt -s nullglob
fails=("$tmp"/*.fail)
if ((${#fails[@]} > 0)); then
	echo
	echo "Failed runs (\"-\" above):"
	# one line per load: its first failure, and in how many rounds it failed
	cat "${fails[@]}" | awk -F': ' '!($1 in msg) { msg[$1] = substr($0, 1, 150); order[++n] = $1 } { count[$1]++ }
		END { for (i = 1; i <= n; i++) printf "  %s (%d of '"$ROUNDS"' rounds)\n", msg[order[i]], count[order[i]] }'
fi
if ((${#notes[@]} > 0)); then
	echo
	for n in "${notes[@]}"; do
		echo "note: $n"
	done
fi
