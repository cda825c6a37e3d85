// multi_test.go tests transactions beyond single replies: 20 clients doing
// optimistic increments with WATCH end exact (and the log replays to the
// same count), EXEC is refused whole while the disk fails, and a semicolon
// request inside MULTI is refused and leaves the transaction as it was.
package main

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// watchIncrement adds one to key with WATCH, GET, MULTI, SET, EXEC, retrying
// while EXEC fails because another client changed the key first; it returns
// how many attempts failed, or an error after maxTries or past deadline.
func watchIncrement(c *rawClient, key string, maxTries int, deadline time.Time) (int, error) {
	for try := 0; try < maxTries && time.Now().Before(deadline); try++ {
		if r, err := c.do("WATCH", key); err != nil || r != "+OK\r\n" {
			return try, fmt.Errorf("WATCH: %q %v", r, err)
		}
		r, err := c.do("GET", key)
		if err != nil {
			return try, err
		}
		n := 0
		if r != "$-1\r\n" {
			_, v, _ := strings.Cut(strings.TrimSuffix(r, "\r\n"), "\r\n")
			if n, err = strconv.Atoi(v); err != nil {
				return try, fmt.Errorf("GET: %q", r)
			}
		}
		c.nc.Write([]byte(encodeCommand("MULTI") + encodeCommand("SET", key, strconv.Itoa(n+1)) + encodeCommand("EXEC")))
		var replies [3]string
		for i := range replies {
			if replies[i], err = readReply(c.rd); err != nil {
				return try, err
			}
		}
		switch {
		case replies[0] != "+OK\r\n" || replies[1] != "+QUEUED\r\n":
			return try, fmt.Errorf("MULTI, SET: %q", replies[:2])
		case replies[2] == "*1\r\n+OK\r\n":
			return try, nil
		case replies[2] != "*-1\r\n":
			return try, fmt.Errorf("EXEC: %q", replies[2])
		}
	}
	return maxTries, fmt.Errorf("no increment succeeded in %d tries", maxTries)
}

// TestWatchIncrements: 20 clients each add one 100 times to the same key
// with optimistic transactions; the key ends at exactly 2000, and so it is
// after the log is replayed.
func TestWatchIncrements(t *testing.T) {
	const clients, each = 20, 100
	dir := t.TempDir()
	srv := startServer(t, withAOF(dir, "everysec"))
	var wg sync.WaitGroup
	var retries atomic.Int64
	deadline := time.Now().Add(2 * time.Minute)
	start := time.Now()
	for i := 0; i < clients; i++ {
		c, err := dialRaw(srv.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < each; j++ {
				failed, err := watchIncrement(c, "counter", 100000, deadline)
				retries.Add(int64(failed))
				if err != nil {
					t.Errorf("client %d, increment %d: %v", i, j, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("%d increments by %d clients in %v, %d EXECs failed on a changed key and were retried",
		clients*each, clients, time.Since(start).Round(time.Millisecond), retries.Load())
	if t.Failed() {
		return
	}
	c := dialServer(t, srv)
	if r := c.do("GET", "counter"); r != "$4\r\n2000\r\n" {
		t.Fatalf("GET counter = %q, want 2000", r)
	}
	stopServer(t, srv)
	if got := dumpStore(mustLoad(t, dir).store)["counter"]; got != `s:"2000"` {
		t.Fatalf("after replay: counter %s, want 2000", got)
	}
}

// TestExecMisconf: while the disk fails, a write queued in MULTI is refused
// (-MISCONF) and EXEC answers EXECABORT; a transaction queued before the
// failure is refused whole at EXEC (as Redis refuses it), so none of it
// runs; a read-only transaction still runs.
func TestExecMisconf(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, withAOF(dir, "always"))
	var fail atomic.Bool
	injectFaults(srv, &fail)
	a, b, held := dialServer(t, srv), dialServer(t, srv), dialServer(t, srv)
	a.do("SET", "k", "0")
	for _, cmd := range [][]string{{"MULTI"}, {"INCR", "k"}, {"SET", "x", "1"}} {
		a.do(cmd...)
	}
	b.do("MULTI")
	b.do("GET", "k")

	fail.Store(true)
	held.send("PUT;t;x\n") // runs, fails to be stored, and makes writes refused
	waitFailing(t, srv)
	misconfAbort := "-EXECABORT Transaction discarded because of: " + misconf[1:]
	if r := a.do("EXEC"); r != misconfAbort {
		t.Fatalf("EXEC of queued writes on a failing disk: %q, want %q", r, misconfAbort)
	}
	if r := a.do("EXEC"); r != "-ERR EXEC without MULTI\r\n" {
		t.Fatalf("EXEC after EXECABORT: %q", r)
	}
	if r := b.do("EXEC"); r != "*1\r\n$1\r\n0\r\n" {
		t.Fatalf("read-only EXEC on a failing disk: %q", r)
	}
	a.do("MULTI")
	if r := a.do("SET", "y", "1"); r != misconf {
		t.Fatalf("SET queued on a failing disk: %q", r)
	}
	if r := a.do("EXEC"); r != "-EXECABORT Transaction discarded because of previous errors.\r\n" {
		t.Fatalf("EXEC after a refused write: %q", r)
	}
	fail.Store(false)
	if r := held.line(); !strings.HasPrefix(r, "True;") {
		t.Fatalf("the held write after recovery: %q", r)
	}
	if r := a.do("MGET", "k", "x", "y"); r != "*3\r\n$1\r\n0\r\n$-1\r\n$-1\r\n" {
		t.Fatalf("after the refused transactions: MGET k x y = %q", r)
	}
}

// TestExecWaitsForLog: the reply to an EXEC that wrote waits, like any
// write's, until the file holds the transaction; an acknowledged EXEC is
// never lost in a crash.
func TestExecWaitsForLog(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, withAOF(dir, "always"))
	var fail atomic.Bool
	injectFaults(srv, &fail)
	c := dialServer(t, srv)
	fail.Store(true)
	c.send(encodeCommand("MULTI") + encodeCommand("SET", "x", "1") + encodeCommand("INCR", "n") + encodeCommand("EXEC"))
	waitFailing(t, srv)
	noReply(t, c) // nothing of the batch: its replies go out together
	fail.Store(false)
	for _, want := range []string{"+OK\r\n", "+QUEUED\r\n", "+QUEUED\r\n", "*2\r\n+OK\r\n:1\r\n"} {
		if r := c.reply(); r != want {
			t.Fatalf("after recovery: %q, want %q", r, want)
		}
	}
	stopServer(t, srv)
	recs := readRecords(t, dir)
	want := [][]string{{"SELECT", "0"}, {"MULTI"}, {"SET", "x", "1"}, {"SET", "n", "1", "KEEPTTL"}, {"EXEC"}}
	if fmt.Sprint(recs) != fmt.Sprint(want) {
		t.Fatalf("records %q, want %q", recs, want)
	}
}

// TestTextInsideMulti: a semicolon request sent inside MULTI is refused with
// a message saying why and is not queued; the transaction goes on.
func TestTextInsideMulti(t *testing.T) {
	srv := startServer(t)
	c := dialServer(t, srv)
	if r := c.do("MULTI"); r != "+OK\r\n" {
		t.Fatalf("MULTI: %q", r)
	}
	c.do("SET", "a", "1")
	for _, req := range []string{"PUT;b;2", "GET;a", "DELETE;a", "INCREMENT;a"} {
		if r := c.text(req); !strings.HasPrefix(r, "False;ERROR: ") || !strings.Contains(r, "MULTI") {
			t.Errorf("%s inside MULTI: %q, want False;ERROR: ... MULTI ...", req, r)
		}
	}
	if r := c.do("INCR", "a"); r != "+QUEUED\r\n" {
		t.Fatalf("INCR after the refused requests: %q", r)
	}
	if r := c.do("EXEC"); r != "*2\r\n+OK\r\n:2\r\n" {
		t.Fatalf("EXEC: %q, want the two queued commands' replies", r)
	}
	if r := c.text("GET;b"); !strings.HasPrefix(r, "False;") {
		t.Fatalf("GET;b after EXEC: %q (the refused PUT took effect)", r)
	}
	if r := c.text("GET;a"); r != "True;2" {
		t.Fatalf("GET;a after EXEC: %q", r)
	}
}
