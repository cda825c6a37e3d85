// script_test.go tests scripting over TCP: a busy script answered with BUSY
// to other clients and stopped by SCRIPT KILL (or refused that once it has
// written), and a script's writes in the append-only file, as one unit,
// surviving a restart.
package main

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// waitBusy sends PING on c until the server answers BUSY (bounded: at
// most 10 s), and fails the test otherwise.
func waitBusy(t *testing.T, c *tclient) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if r := c.do("PING"); strings.HasPrefix(r, "-BUSY") {
			if r != "-"+errBusyScript+"\r\n" {
				t.Fatalf("BUSY reply %q", r)
			}
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the server never answered BUSY while a script looped")
}

func TestScriptBusyAndKill(t *testing.T) {
	srv := startServer(t)
	a, b := dialServer(t, srv), dialServer(t, srv)
	if r := b.do("CONFIG", "SET", "lua-time-limit", "10"); r != "+OK\r\n" {
		t.Fatal(r)
	}
	if r := b.do("SCRIPT", "KILL"); r != "-NOTBUSY No scripts in execution right now.\r\n" {
		t.Fatalf("SCRIPT KILL with no script: %q", r)
	}
	a.send(encodeCommand("EVAL", "local i = 0 while true do i = i + 1 end", "0"))
	waitBusy(t, b)
	// inside MULTI, refused commands abort the transaction; MULTI itself is allowed
	for _, step := range []struct{ cmd, want string }{
		{"MULTI", "+OK\r\n"},
		{"INCR", "-" + errBusyScript + "\r\n"},
		{"DISCARD", "+OK\r\n"},
		{"GET", "-" + errBusyScript + "\r\n"},
	} {
		args := []string{step.cmd}
		if step.cmd == "INCR" || step.cmd == "GET" {
			args = append(args, "x")
		}
		if r := b.do(args...); r != step.want {
			t.Fatalf("%s while busy: %q, want %q", step.cmd, r, step.want)
		}
	}
	if r := b.text("GET;x"); r != "False;ERROR: "+errBusyScript {
		t.Fatalf("a semicolon request while busy: %q", r)
	}
	if r := b.do("SCRIPT", "KILL"); r != "+OK\r\n" {
		t.Fatalf("SCRIPT KILL: %q", r)
	}
	want := "-ERR Script killed by user with SCRIPT KILL... script: "
	if r := a.reply(); !strings.HasPrefix(r, want) || !strings.HasSuffix(r, ", on @user_script:1.\r\n") {
		t.Fatalf("the killed script's reply: %q", r)
	}
	if r := b.do("GET", "x"); r != "$-1\r\n" {
		t.Fatalf("after the kill: %q", r)
	}
	// pcall cannot catch the kill
	a.send(encodeCommand("EVAL", "while true do pcall(function() while true do end end) end", "0"))
	waitBusy(t, b)
	b.do("SCRIPT", "KILL")
	if r := a.reply(); !strings.HasPrefix(r, want) {
		t.Fatalf("a script catching errors, killed: %q", r)
	}
}

func TestScriptUnkillableAfterWrite(t *testing.T) {
	srv := startServer(t)
	a, b := dialServer(t, srv), dialServer(t, srv)
	b.do("CONFIG", "SET", "busy-reply-threshold", "10")
	a.send(encodeCommand("EVAL", "redis.call('set', KEYS[1], 'v') local n = 0 while n < 1e7 do n = n + 1 end return n", "1", "k"))
	waitBusy(t, b)
	if r := b.do("SCRIPT", "KILL"); !strings.HasPrefix(r, "-UNKILLABLE Sorry the script already executed write commands") {
		t.Fatalf("SCRIPT KILL after a write: %q", r)
	}
	if r := a.reply(); r != ":10000000\r\n" {
		t.Fatalf("the script's reply: %q", r)
	}
	if r := b.do("GET", "k"); r != "$1\r\nv\r\n" {
		t.Fatalf("its write: %q", r)
	}
}

func TestScriptAOF(t *testing.T) {
	cases := []struct {
		name string
		cmds [][]string
		want [][]string // the records, after the first SELECT
	}{
		{"one-write", [][]string{{"EVAL", "return redis.call('set', KEYS[1], ARGV[1])", "1", "k", "v"}},
			[][]string{{"SET", "k", "v"}}},
		{"several-writes", [][]string{{"EVAL", "redis.call('incr', 'a') redis.call('rpush', 'l', 'x', 'y') return redis.call('incr', 'a')", "0"}},
			[][]string{{"MULTI"}, {"SET", "a", "1", "KEEPTTL"}, {"RPUSH", "l", "x", "y"}, {"SET", "a", "2", "KEEPTTL"}, {"EXEC"}}},
		{"reads-only", [][]string{{"SET", "x", "0"}, {"EVAL", "return redis.call('get', 'x')", "0"}, {"EVAL_RO", "return 1", "0"}},
			[][]string{{"SET", "x", "0"}}},
		{"error-after-write", [][]string{{"EVAL", "redis.call('set', 'a', 1) redis.call('set', 'b', 2) error('late')", "0"}},
			[][]string{{"MULTI"}, {"SET", "a", "1"}, {"SET", "b", "2"}, {"EXEC"}}},
		{"inside-exec", [][]string{{"MULTI"}, {"EVAL", "redis.call('set', 'a', 1) return redis.call('set', 'b', 2)", "0"}, {"SET", "c", "3"}, {"EXEC"}},
			[][]string{{"MULTI"}, {"SET", "a", "1"}, {"SET", "b", "2"}, {"SET", "c", "3"}, {"EXEC"}}},
		{"select-inside", [][]string{{"EVAL", "redis.call('select', 3) redis.call('set', 'a', 1) return 1", "0"}, {"SET", "z", "0"}},
			[][]string{{"SELECT", "3"}, {"SET", "a", "1"}, {"SELECT", "0"}, {"SET", "z", "0"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			srv := startServer(t, withAOF(dir, "always"))
			c := dialServer(t, srv)
			for _, cmd := range tc.cmds {
				c.do(cmd...)
			}
			before := dumpStore(srv.store)
			stopServer(t, srv)
			got := readRecords(t, dir)
			want := withSelect(tc.want)
			if tc.name == "select-inside" {
				want = tc.want
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("records:\n got %q\nwant %q", got, want)
			}
			if d := diffDumps(dumpStore(mustLoad(t, dir).store), before); d != "" {
				t.Fatalf("after replay: %s", d)
			}
		})
	}
}

// TestScriptWakesBlockedClient: a push made by a script serves a client
// blocked on the list once the script is done, as a transaction's does.
func TestScriptWakesBlockedClient(t *testing.T) {
	srv := startServer(t)
	a, b := dialServer(t, srv), dialServer(t, srv)
	a.send(encodeCommand("BLPOP", "l", "0"))
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(b.do("INFO", "clients"), "blocked_clients:1\r\n") {
		if time.Now().After(deadline) {
			t.Fatal("BLPOP never blocked")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if r := b.do("EVAL", "redis.call('rpush', KEYS[1], 'x', 'y') return redis.call('llen', KEYS[1])", "1", "l"); r != ":2\r\n" {
		t.Fatalf("EVAL: %q", r)
	}
	if r := a.reply(); r != "*2\r\n$1\r\nl\r\n$1\r\nx\r\n" {
		t.Fatalf("BLPOP: %q", r)
	}
	if r := b.do("LRANGE", "l", "0", "-1"); r != "*1\r\n$1\r\ny\r\n" {
		t.Fatalf("left: %q", r)
	}
	if r := b.do("EVAL", "return redis.call('blpop', 'l', 0)", "0"); !strings.HasPrefix(r, "-ERR This Redis command is not allowed from script") {
		t.Fatalf("BLPOP in a script: %q", r)
	}
	if r := b.do("EVAL", "return redis.call('blmpop', 0, 1, 'none', 'left')", "0"); r != "$-1\r\n" {
		t.Fatalf("BLMPOP in a script does not block: %q", r)
	}
}

// TestScriptConcurrent: scripts from several clients run one at a time
// (each reads, then writes, a counter: none of their increments is lost),
// beside SCRIPT LOAD / FLUSH and FUNCTION LOAD / FCALL / DELETE from other
// clients. Bounded: a fixed number of rounds.
func TestScriptConcurrent(t *testing.T) {
	srv := startServer(t)
	const clients, rounds = 4, 200
	incr := "local v = tonumber(redis.call('get', KEYS[1]) or '0') redis.call('set', KEYS[1], v + 1) return v + 1"
	done := make(chan string, clients+2)
	for i := 0; i < clients; i++ {
		go func() {
			c := dialServer(t, srv)
			for j := 0; j < rounds; j++ {
				if r := c.do("EVAL", incr, "1", "counter"); !strings.HasPrefix(r, ":") {
					done <- "EVAL: " + r
					return
				}
			}
			done <- ""
		}()
	}
	go func() {
		c := dialServer(t, srv)
		for j := 0; j < rounds; j++ {
			c.do("SCRIPT", "LOAD", "return "+strconv.Itoa(j))
			c.do("SCRIPT", "EXISTS", sha1hex("return 1"))
			if j%10 == 0 {
				c.do("SCRIPT", "FLUSH")
			}
		}
		done <- ""
	}()
	go func() {
		c := dialServer(t, srv)
		for j := 0; j < rounds/4; j++ {
			lib := "#!lua name=lib\nredis.register_function('f', function(keys) return redis.call('incr', keys[1]) end)"
			if r := c.do("FUNCTION", "LOAD", "REPLACE", lib); r != "$3\r\nlib\r\n" {
				done <- "FUNCTION LOAD: " + r
				return
			}
			if r := c.do("FCALL", "f", "1", "fcounter"); !strings.HasPrefix(r, ":") {
				done <- "FCALL: " + r
				return
			}
			c.do("FUNCTION", "DELETE", "lib")
		}
		done <- ""
	}()
	for i := 0; i < clients+2; i++ {
		if msg := <-done; msg != "" {
			t.Fatal(msg)
		}
	}
	c := dialServer(t, srv)
	if r := c.do("GET", "counter"); r != "$3\r\n800\r\n" {
		t.Fatalf("counter: %q, want 800 (an increment was lost: scripts interleaved)", r)
	}
	if r := c.do("GET", "fcounter"); r != "$2\r\n50\r\n" {
		t.Fatalf("fcounter: %q", r)
	}
}

// TestScriptMemoryLimit: a script that keeps what it allocates is stopped
// once the heap has grown past the limit, and the server goes on.
func TestScriptMemoryLimit(t *testing.T) {
	srv := startServer(t)
	srv.scripting.memLimit.Store(64 << 20)
	c := dialServer(t, srv)
	for _, src := range []string{
		"local t = {} for i = 1, 2000 do t[i] = string.rep('x', 1e6) .. i end return #t",
		"local t = {} for i = 1, 1e8 do t[i] = {i} end return #t",
	} {
		r := c.do("EVAL", src, "0")
		if !strings.HasPrefix(r, "-ERR Script used too much memory: more than 64 MB since it started script: ") {
			t.Fatalf("%q: %q", src, r)
		}
	}
	if r := c.do("EVAL", "return #string.rep('x', 1e6)", "0"); r != ":1000000\r\n" {
		t.Fatalf("after: %q", r)
	}
}

// TestFunctionsPersist: libraries loaded, replaced and deleted are in the
// append-only file, through a restart and through BGREWRITEAOF.
func TestFunctionsPersist(t *testing.T) {
	dir := t.TempDir()
	lib := func(name, fn, ret string) string {
		return "#!lua name=" + name + "\nredis.register_function('" + fn + "', function(keys) redis.call('set', keys[1], '" + ret + "') return '" + ret + "' end)"
	}
	srv := startServer(t, withAOF(dir, "always"))
	c := dialServer(t, srv)
	for _, cmd := range [][]string{
		{"FUNCTION", "LOAD", lib("a", "fa", "one")}, {"FUNCTION", "LOAD", "REPLACE", lib("a", "fa", "two")},
		{"FUNCTION", "LOAD", lib("b", "fb", "b")}, {"FUNCTION", "LOAD", lib("c", "fc", "c")}, {"FUNCTION", "DELETE", "b"},
		{"FCALL", "fa", "1", "k"},
	} {
		if r := c.do(cmd...); strings.HasPrefix(r, "-") {
			t.Fatalf("%q: %q", cmd, r)
		}
	}
	check := func(srv *Server, when string) {
		c := dialServer(t, srv)
		for _, step := range []struct {
			cmd  []string
			want string
		}{
			{[]string{"GET", "k"}, "$3\r\ntwo\r\n"},
			{[]string{"FCALL", "fa", "1", "k2"}, "$3\r\ntwo\r\n"},
			{[]string{"FCALL", "fc", "1", "k3"}, "$1\r\nc\r\n"},
			{[]string{"FCALL", "fb", "1", "k4"}, "-ERR Function not found\r\n"},
		} {
			if r := c.do(step.cmd...); r != step.want {
				t.Fatalf("%s: %q: %q, want %q", when, step.cmd, r, step.want)
			}
		}
	}
	stopServer(t, srv)
	srv = startServer(t, withAOF(dir, "always"))
	check(srv, "after a restart")
	c = dialServer(t, srv)
	c.do("DEL", "k2", "k3", "k4")
	c.do("BGREWRITEAOF")
	waitRewrites(t, srv, 1)
	stopServer(t, srv)
	recs := readRecords(t, dir)
	n := 0
	for _, r := range recs {
		if strings.EqualFold(r[0], "FUNCTION") {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("the rewritten file holds %d FUNCTION records, want 2 (libraries a and c): %q", n, recs)
	}
	check(startServer(t, withAOF(dir, "always")), "after a rewrite and a restart")
}
