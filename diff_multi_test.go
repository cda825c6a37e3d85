// diff_multi_test.go compares transactions with Redis: MULTI, EXEC,
// DISCARD, WATCH and UNWATCH on one connection, and, through a small
// two-connection harness (runDiff2), WATCH against another client's writes,
// flushes and swaps.
package main

import (
	"strconv"
	"testing"
	"time"
)

// TestDiffMulti runs the one-connection transaction cases.
func TestDiffMulti(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "exec", cmds: [][]string{c("MULTI"), c("SET", "a", "1"), c("INCR", "a"), c("GET", "a"), c("RPUSH", "l", "x", "y"), c("LRANGE", "l", "0", "-1"), c("PING"), c("ECHO", "hi"), c("EXEC"), c("GET", "a")}},
		{name: "exec-empty", cmds: [][]string{c("MULTI"), c("EXEC"), c("multi"), c("exec")}},
		{name: "exec-discard", cmds: [][]string{c("MULTI"), c("SET", "a", "1"), c("DISCARD"), c("GET", "a"), c("EXEC"), c("DISCARD")}},
		{name: "without-multi", cmds: [][]string{c("EXEC"), c("DISCARD"), c("UNWATCH"), c("SET", "a", "1"), c("EXEC")}},
		{name: "execabort-unknown", cmds: [][]string{c("MULTI"), c("SET", "a", "1"), c("NOSUCHCOMMAND", "x"), c("SET", "b", "2"), c("EXEC"), c("MGET", "a", "b"), c("EXEC")}},
		{name: "execabort-arity", cmds: [][]string{c("MULTI"), c("SET", "a"), c("SET", "b", "2"), c("EXEC"), c("GET", "b")}},
		{name: "execabort-arity-of-exec", cmds: [][]string{c("MULTI"), c("SET", "b", "2"), c("EXEC", "x"), c("DISCARD", "x"), c("EXEC"), c("GET", "b")}},
		{name: "execabort-then-discard", cmds: [][]string{c("MULTI"), c("FOO"), c("DISCARD"), c("MULTI"), c("SET", "a", "1"), c("EXEC"), c("GET", "a")}},
		{name: "runtime-errors", cmds: [][]string{c("SET", "s", "x"), c("MULTI"), c("INCR", "a"), c("INCR", "s"), c("LPUSH", "s", "y"), c("SET", "a", "1", "FOO"), c("EXPIRE", "a", "x"), c("INCR", "a"), c("EXEC"),
			c("GET", "a"), c("GET", "s")}},
		{name: "wrongtype-middle", cmds: [][]string{c("RPUSH", "l", "x"), c("MULTI"), c("SET", "a", "1"), c("GET", "l"), c("SET", "b", "2"), c("EXEC"), c("MGET", "a", "b")}},
		{name: "nested-multi", cmds: [][]string{c("MULTI"), c("SET", "a", "1"), c("MULTI"), c("SET", "b", "2"), c("EXEC"), c("MGET", "a", "b")}},
		{name: "no-multi-commands", cmds: [][]string{c("MULTI"), c("SET", "foo", "bar"), c("SAVE"), c("SHUTDOWN"), c("EXEC"), c("GET", "foo")}},
		{name: "watch-inside-multi", cmds: [][]string{c("MULTI"), c("SET", "a", "1"), c("WATCH", "a"), c("EXEC"), c("GET", "a")}},
		{name: "arity", cmds: [][]string{c("MULTI", "x"), c("WATCH"), c("UNWATCH", "x"), c("EXEC", "x"), c("DISCARD", "x"), c("MULTI"), c("UNWATCH", "x"), c("EXEC")}},
		{name: "quit-inside-multi", cmds: [][]string{c("MULTI"), c("SET", "a", "1"), c("QUIT")}},
		{name: "unwatch-inside-multi", cmds: [][]string{c("WATCH", "a"), c("MULTI"), c("UNWATCH"), c("SET", "a", "1"), c("EXEC"), c("GET", "a")}},
		{name: "select-inside", cmds: [][]string{c("MULTI"), c("SELECT", "2"), c("SET", "a", "two"), c("SELECT", "99"), c("EXEC"), c("GET", "a"), c("SELECT", "0"), c("GET", "a")}},
		{name: "expiry-inside", cmds: [][]string{c("MULTI"), c("SET", "a", "v", "EX", "100"), c("TTL", "a"), c("PERSIST", "a"), c("TTL", "a"), c("SETEX", "b", "0", "v"), c("EXEC"), c("EXISTS", "b")}},
		{name: "db-commands-inside", cmds: [][]string{c("SET", "a", "v"), c("MULTI"), c("COPY", "a", "b"), c("MOVE", "b", "1"), c("SWAPDB", "0", "1"), c("DBSIZE"), c("FLUSHDB"), c("DBSIZE"), c("EXEC"), c("SELECT", "1"), c("GET", "a")}},
		{name: "binary-args", cmds: [][]string{c("MULTI"), c("SET", "k\x00\r\n", "v\r\n\x00"), c("GET", "k\x00\r\n"), c("EXEC")}},
		// WATCH on one connection
		{name: "watch-own-write", cmds: [][]string{c("SET", "a", "1"), c("WATCH", "a"), c("SET", "a", "2"), c("MULTI"), c("SET", "a", "3"), c("EXEC"), c("GET", "a")}},
		{name: "watch-unchanged", cmds: [][]string{c("SET", "a", "1"), c("WATCH", "a", "b"), c("GET", "a"), c("MULTI"), c("INCR", "a"), c("EXEC"), c("GET", "a")}},
		{name: "watch-created", cmds: [][]string{c("WATCH", "a"), c("SET", "a", "1"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-del-missing", cmds: [][]string{c("WATCH", "a"), c("DEL", "a"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-expire-set", cmds: [][]string{c("SET", "a", "1"), c("WATCH", "a"), c("EXPIRE", "a", "100"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-failed-write", cmds: [][]string{c("SET", "a", "1"), c("WATCH", "a"), c("LPUSH", "a", "x"), c("EXPIRE", "a", "100", "XX"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-unwatch", cmds: [][]string{c("SET", "a", "1"), c("WATCH", "a"), c("UNWATCH"), c("SET", "a", "2"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-cleared-by-exec", cmds: [][]string{c("WATCH", "a"), c("MULTI"), c("PING"), c("EXEC"), c("SET", "a", "1"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-cleared-by-failed-exec", cmds: [][]string{c("WATCH", "a"), c("SET", "a", "1"), c("MULTI"), c("PING"), c("EXEC"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-cleared-by-discard", cmds: [][]string{c("WATCH", "a"), c("MULTI"), c("DISCARD"), c("SET", "a", "1"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-cleared-by-execabort", cmds: [][]string{c("WATCH", "a"), c("MULTI"), c("FOO"), c("EXEC"), c("SET", "a", "1"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-other-db", cmds: [][]string{c("WATCH", "a"), c("SELECT", "1"), c("SET", "a", "1"), c("MULTI"), c("PING"), c("EXEC"), c("WATCH", "a"), c("SELECT", "0"), c("SET", "a", "1"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-flushall", cmds: [][]string{c("SET", "a", "1"), c("WATCH", "a"), c("FLUSHALL"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-flushall-missing", cmds: [][]string{c("WATCH", "a"), c("FLUSHALL"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-flushdb-other-db", cmds: [][]string{c("SET", "a", "1"), c("WATCH", "a"), c("SELECT", "1"), c("FLUSHDB"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-swapdb", cmds: [][]string{c("SELECT", "1"), c("SET", "a", "1"), c("SELECT", "0"), c("WATCH", "a"), c("SWAPDB", "0", "1"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-swapdb-both-missing", cmds: [][]string{c("WATCH", "a"), c("SWAPDB", "0", "1"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-move-copy", cmds: [][]string{c("SET", "a", "1"), c("WATCH", "b"), c("COPY", "a", "b"), c("MULTI"), c("PING"), c("EXEC"), c("WATCH", "a"), c("MOVE", "a", "1"), c("MULTI"), c("PING"), c("EXEC")}},
		{name: "watch-already-expired", cmds: [][]string{c("SET", "a", "1"), c("PEXPIREAT", "a", "1"), c("WATCH", "a"), c("MULTI"), c("PING"), c("EXEC")}},
	})
}

// step is one command of a two-connection case, on connection conn (0 or
// 1); a step with conn < 0 sleeps cmd[0] milliseconds instead.
type step struct {
	conn int
	cmd  []string
}

// on is shorthand for a step on connection n.
func on(n int, args ...string) step { return step{n, args} }

// pause is a step that sleeps ms milliseconds.
func pause(ms int) step { return step{-1, []string{strconv.Itoa(ms)}} }

// diffCase2 is a sequence of commands on two connections; each reply must
// match Redis's.
type diffCase2 struct {
	name  string
	steps []step
}

// runDiff2 runs two-connection cases against Redis and nosql, each on two
// fresh connections per server after FLUSHALL, in RESP2 and in RESP3 (both
// connections switched by HELLO 3).
func runDiff2(t *testing.T, cases []diffCase2) {
	t.Helper()
	raddr := startRedis(t)
	srv := startServer(t)
	eachResp(t, cases, func(tc diffCase2) string { return tc.name }, func(t *testing.T, tc diffCase2, resp3 bool) {
		r := []*tclient{dial(t, raddr), dial(t, raddr)}
		n := []*tclient{dialServer(t, srv), dialServer(t, srv)}
		for i := range r {
			if resp3 {
				r[i].do("HELLO", "3")
				n[i].do("HELLO", "3")
			}
		}
		r[0].do("FLUSHALL")
		n[0].do("FLUSHALL")
		for i, s := range tc.steps {
			if s.conn < 0 {
				ms, _ := strconv.Atoi(s.cmd[0])
				time.Sleep(time.Duration(ms) * time.Millisecond)
				continue
			}
			want, got := r[s.conn].do(s.cmd...), n[s.conn].do(s.cmd...)
			if want != got {
				t.Errorf("step %d, connection %d, %q:\n redis: %q\n nosql: %q", i, s.conn, s.cmd, want, got)
			}
		}
	})
}

// TestDiffMultiTwoClients runs the transaction cases that need a second
// client.
func TestDiffMultiTwoClients(t *testing.T) {
	runDiff2(t, []diffCase2{
		{name: "watch-other-writes", steps: []step{on(0, "SET", "k", "0"), on(0, "WATCH", "k"), on(1, "SET", "k", "1"), on(0, "MULTI"), on(0, "SET", "k", "2"), on(0, "EXEC"), on(0, "GET", "k")}},
		{name: "watch-other-reads", steps: []step{on(0, "SET", "k", "0"), on(0, "WATCH", "k"), on(1, "GET", "k"), on(1, "TTL", "k"), on(0, "MULTI"), on(0, "INCR", "k"), on(0, "EXEC"), on(1, "GET", "k")}},
		{name: "watch-other-writes-other-key", steps: []step{on(0, "WATCH", "k"), on(1, "SET", "j", "1"), on(0, "MULTI"), on(0, "SET", "k", "2"), on(0, "EXEC")}},
		{name: "watch-other-writes-during-multi", steps: []step{on(0, "WATCH", "k"), on(0, "MULTI"), on(0, "SET", "k", "mine"), on(1, "SET", "k", "theirs"), on(0, "EXEC"), on(1, "GET", "k")}},
		{name: "watch-other-db", steps: []step{on(0, "WATCH", "k"), on(1, "SELECT", "1"), on(1, "SET", "k", "1"), on(0, "MULTI"), on(0, "SET", "k", "2"), on(0, "EXEC"), on(0, "GET", "k")}},
		{name: "watch-selected-db", steps: []step{on(0, "SELECT", "3"), on(0, "WATCH", "k"), on(1, "SELECT", "3"), on(1, "SET", "k", "1"), on(0, "MULTI"), on(0, "SET", "k", "2"), on(0, "EXEC"), on(0, "GET", "k")}},
		{name: "watch-other-expires", steps: []step{on(0, "SET", "k", "0"), on(0, "WATCH", "k"), on(1, "EXPIRE", "k", "100"), on(0, "MULTI"), on(0, "PING"), on(0, "EXEC")}},
		{name: "watch-other-deletes", steps: []step{on(0, "SET", "k", "0"), on(0, "WATCH", "k"), on(1, "DEL", "k"), on(0, "MULTI"), on(0, "PING"), on(0, "EXEC")}},
		{name: "watch-other-flushall", steps: []step{on(0, "SET", "k", "0"), on(0, "WATCH", "k"), on(1, "FLUSHALL"), on(0, "MULTI"), on(0, "PING"), on(0, "EXEC")}},
		{name: "watch-other-flushdb", steps: []step{on(0, "SET", "k", "0"), on(0, "WATCH", "k"), on(1, "FLUSHDB"), on(0, "MULTI"), on(0, "PING"), on(0, "EXEC")}},
		{name: "watch-other-swapdb", steps: []step{on(1, "SELECT", "1"), on(1, "SET", "k", "1"), on(0, "WATCH", "k"), on(1, "SWAPDB", "1", "0"), on(0, "MULTI"), on(0, "GET", "k"), on(0, "EXEC")}},
		{name: "watch-other-renames-into", steps: []step{on(0, "WATCH", "k"), on(1, "SET", "j", "1"), on(1, "RENAME", "j", "k"), on(0, "MULTI"), on(0, "PING"), on(0, "EXEC")}},
		{name: "watch-other-text-put", steps: []step{on(0, "WATCH", "k"), on(1, "SET", "k", "1"), on(0, "MULTI"), on(0, "PING"), on(0, "EXEC")}},
		{name: "watch-expired-meanwhile", steps: []step{on(0, "SET", "k", "0", "PX", "300"), on(0, "WATCH", "k"), pause(500), on(0, "MULTI"), on(0, "PING"), on(0, "EXEC")}},
		{name: "watch-unwatch-then-other", steps: []step{on(0, "WATCH", "k"), on(0, "UNWATCH"), on(1, "SET", "k", "1"), on(0, "MULTI"), on(0, "PING"), on(0, "EXEC")}},
		{name: "watch-discard-then-other", steps: []step{on(0, "WATCH", "k"), on(0, "MULTI"), on(0, "DISCARD"), on(1, "SET", "k", "1"), on(0, "MULTI"), on(0, "PING"), on(0, "EXEC")}},
		{name: "watch-both-clients", steps: []step{on(0, "WATCH", "k"), on(1, "WATCH", "k"), on(0, "MULTI"), on(0, "INCR", "k"), on(0, "EXEC"), on(1, "MULTI"), on(1, "INCR", "k"), on(1, "EXEC"), on(1, "GET", "k")}},
		{name: "multi-isolated", steps: []step{on(0, "MULTI"), on(0, "SET", "k", "1"), on(1, "GET", "k"), on(1, "MULTI"), on(1, "SET", "k", "2"), on(0, "EXEC"), on(1, "GET", "k"), on(1, "EXEC"), on(0, "GET", "k")}},
	})
}
