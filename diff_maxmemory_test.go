// diff_maxmemory_test.go compares maxmemory with redis-server (noeviction):
// with a limit below the memory in use, denyoom commands, EVAL of scripts
// that may write, and anything queued inside MULTI are refused with the OOM
// error, while reads, deletions and DISCARD run; raising the limit lets
// writes through again. It also checks which commands COMMAND INFO flags
// denyoom, and INFO's maxmemory fields.
package main

import (
	"strings"
	"testing"
)

// oom sets maxmemory to 1 byte: every server is above it.
var oom = c("CONFIG", "SET", "maxmemory", "1")

func TestDiffMaxmemory(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "writes-refused", cmds: [][]string{c("SET", "a", "1"), c("RPUSH", "l", "x"), oom,
			c("SET", "b", "2"), c("LPUSH", "l", "y"), c("INCR", "a"), c("APPEND", "a", "x"), c("HSET", "h", "f", "v"), c("ZADD", "z", "1", "m"),
			c("XADD", "s", "*", "f", "v"), c("SORT", "l"), c("COPY", "a", "c"), c("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"),
			c("GET", "a"), c("LRANGE", "l", "0", "-1"), c("EXPIRE", "a", "100"), c("PERSIST", "a"), c("LPOP", "l"), c("DEL", "a"), c("EXISTS", "a"), c("PING"),
			c("CONFIG", "SET", "maxmemory", "1gb"), c("SET", "b", "2"), c("GET", "b"),
			oom, c("SET", "b", "3"), c("CONFIG", "SET", "maxmemory", "0"), c("SET", "b", "4"), c("GET", "b")}},
		{name: "multi", cmds: [][]string{oom, c("MULTI"), c("GET", "a"), c("SET", "a", "1"), c("EXEC"),
			c("MULTI"), c("PING"), c("DISCARD"), c("MULTI"), c("MULTI"), c("WATCH", "a"), c("EXEC"),
			c("CONFIG", "SET", "maxmemory", "0"), c("GET", "a")}},
		{name: "scripts", cmds: [][]string{c("SET", "x", "v"), oom,
			c("EVAL", "return redis.call('get','x')", "0"), c("EVAL", "return redis.call('set','x','y')", "0"),
			c("EVAL", "return redis.pcall('set','x','y')", "0"), c("EVAL", "redis.call('del','x') return redis.call('set','x','z')", "0"),
			c("EVAL", "#!lua\nreturn 1", "0"), c("EVAL", "#!lua flags=no-writes\nreturn redis.call('get','x')", "0"),
			c("EVAL", "#!lua flags=allow-oom\nreturn redis.call('set','x','w')", "0"),
			c("CONFIG", "SET", "maxmemory", "0"), c("GET", "x")}},
	})
}

func TestDiffMaxmemoryTwoClients(t *testing.T) {
	free := on(1, "CONFIG", "SET", "maxmemory", "0")
	runDiff2(t, []diffCase2{
		{name: "exec-reads-only", steps: []step{on(0, "SET", "x", "value"), on(0, "MULTI"), on(0, "GET", "x"), on(0, "PING"), on(1, oom...), on(0, "EXEC"), free}},
		{name: "exec-with-denyoom", steps: []step{on(0, "MULTI"), on(0, "SET", "x", "1"), on(0, "GET", "x"), on(1, oom...), on(0, "EXEC"), on(0, "EXEC"), free, on(0, "GET", "x")}},
		{name: "error-while-queueing", steps: []step{on(0, "MULTI"), on(0, "SET", "a", "1"), on(1, oom...), on(0, "LPUSH", "l", "v"), free,
			on(0, "SET", "b", "2"), on(0, "EXEC"), on(0, "EXISTS", "a", "b")}},
		{name: "discard", steps: []step{on(1, oom...), on(0, "MULTI"), on(0, "SET", "x", "1"), on(0, "DISCARD"), free, on(0, "PING")}},
	})
}

// TestDiffDenyOOMFlags checks that COMMAND INFO flags denyoom on the same
// commands as Redis.
func TestDiffDenyOOMFlags(t *testing.T) {
	srv := startServer(t)
	r, n := dial(t, startRedis(t)), dialServer(t, srv)
	names := []string{"xgroup|create", "xgroup|createconsumer", "xgroup|destroy", "function|load", "function|delete"}
	for name, cmd := range srv.commands {
		if cmd.subs == nil {
			names = append(names, name)
		}
	}
	for _, name := range names {
		want := strings.Contains(r.do("COMMAND", "INFO", name), "+denyoom\r\n")
		if got := strings.Contains(n.do("COMMAND", "INFO", name), "+denyoom\r\n"); got != want {
			t.Errorf("COMMAND INFO %s: denyoom %v, Redis %v", name, got, want)
		}
	}
}

// TestMaxmemoryInfo checks INFO memory's maxmemory fields, and that a
// limit below the heap refuses a write at once (the figure is refreshed
// when maxmemory is set) while DEL runs, and no limit lets it through.
func TestMaxmemoryInfo(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	cl.do("CONFIG", "SET", "maxmemory", "10mb")
	info := cl.do("INFO", "memory")
	for _, want := range []string{"\r\nmaxmemory:10485760\r\n", "\r\nmaxmemory_human:10.00M\r\n", "\r\nmaxmemory_policy:noeviction\r\n"} {
		if !strings.Contains(info, want) {
			t.Errorf("INFO memory lacks %q", want)
		}
	}
	if got := cl.do("CONFIG", "SET", "maxmemory", "1"); got != "+OK\r\n" || !srv.outOfMemory() {
		t.Fatalf("CONFIG SET maxmemory 1 = %q, outOfMemory() = %v", got, srv.outOfMemory())
	}
	if got := cl.do("SET", "k", "v"); got != "-"+errOOM+"\r\n" {
		t.Errorf("SET above maxmemory = %q", got)
	}
	if got := cl.do("DEL", "k"); got != ":0\r\n" {
		t.Errorf("DEL above maxmemory = %q", got)
	}
	cl.do("CONFIG", "SET", "maxmemory", "0")
	if got := cl.do("SET", "k", "v"); got != "+OK\r\n" {
		t.Errorf("SET with no limit = %q", got)
	}
}
