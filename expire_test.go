// expire_test.go tests expiry beyond single replies: keys nobody reads are
// deleted by active expiry and their memory returned (on a real process,
// resident memory read from /proc), and a TTL replaced on one connection
// keeps its own key (a regression: the TTL map once kept a view of the
// request buffer as its key).
package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestActiveExpiryMemory: 100,000 keys set with PX 200 (pipelined) and never
// read are gone from DBSIZE within 2 s, and resident memory falls back near
// what it was before they were loaded.
func TestActiveExpiryMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a real process")
	}
	const keys = 100000
	addr, pid, _ := startNosqlProc(t)
	c, err := dialRaw(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	base := procKB(t, pid, "VmRSS")
	var req []byte // every SET in one pipeline, written while replies are read
	value := strings.Repeat("v", 100)
	for i := 0; i < keys; i++ {
		req = appendCommand(req, "SET", fmt.Sprintf("expiring:%d", i), value, "PX", "200")
	}
	c.nc.SetDeadline(time.Now().Add(time.Minute))
	start := time.Now()
	written := make(chan error, 1)
	go func() { _, err := c.nc.Write(req); written <- err }()
	for i := 0; i < keys; i++ {
		if r, err := readReply(c.rd); err != nil || r != "+OK\r\n" {
			t.Fatalf("SET %d: %q %v", i, r, err)
		}
	}
	if err := <-written; err != nil {
		t.Fatal(err)
	}
	loaded := time.Now()
	full := procKB(t, pid, "VmRSS")
	dbsize := func() string {
		r, err := c.do("DBSIZE")
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	t.Logf("VmRSS %d KiB before, %d KiB after SETting %d keys in %v (DBSIZE right after: %q)",
		base, full, keys, loaded.Sub(start).Round(time.Millisecond), dbsize())
	if full-base < 12<<10 {
		t.Fatalf("loading %d keys grew VmRSS by %d KiB only: the measurement cannot tell", keys, full-base)
	}
	deadline := loaded.Add(2 * time.Second)
	// The margin: a tenth of what the keys took, and at least 8 MiB.
	margin := max((full-base)/10, 8<<10)
	var emptied time.Duration
	rss := full
	for {
		if emptied == 0 && dbsize() == ":0\r\n" {
			emptied = time.Since(loaded)
		}
		rss = procKB(t, pid, "VmRSS")
		if emptied != 0 && rss <= base+margin || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("after expiry: VmRSS %d KiB (%+d KiB from before loading; margin %d KiB); DBSIZE 0 after %v; memory back after %v",
		rss, rss-base, margin, emptied.Round(time.Millisecond), time.Since(loaded).Round(time.Millisecond))
	if emptied == 0 {
		t.Fatalf("DBSIZE is %q 2 s after the keys were set with PX 200", dbsize())
	}
	if rss > base+margin {
		t.Fatalf("VmRSS %d KiB 2 s after the keys expired: more than %d KiB (before loading) + %d KiB", rss, base, margin)
	}
}

// TestSetexReplacesTTL: on one connection, SET x foo, EXPIRE x 100,
// SETEX x 12 test, TTL x answers 12 (and the key keeps its name).
func TestSetexReplacesTTL(t *testing.T) {
	c := dialServer(t, startServer(t))
	for _, step := range []struct{ cmd, want []string }{
		{[]string{"SET", "x", "foo"}, []string{"+OK\r\n"}},
		{[]string{"EXPIRE", "x", "100"}, []string{":1\r\n"}},
		{[]string{"SETEX", "x", "12", "test"}, []string{"+OK\r\n"}},
		{[]string{"TTL", "x"}, []string{":12\r\n", ":11\r\n"}}, // 11 if a second boundary passed
		{[]string{"GET", "x"}, []string{"$4\r\ntest\r\n"}},
		{[]string{"SET", "other", "1"}, []string{"+OK\r\n"}},
		{[]string{"TTL", "x"}, []string{":12\r\n", ":11\r\n"}},
		{[]string{"KEYS", "*"}, []string{"*2\r\n$1\r\nx\r\n$5\r\nother\r\n", "*2\r\n$5\r\nother\r\n$1\r\nx\r\n"}},
	} {
		if r := c.do(step.cmd...); !contains(step.want, r) {
			t.Fatalf("%q = %q, want one of %q", step.cmd, r, step.want)
		}
	}
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
