// diff_stream_block_test.go compares blocking XREAD and XREADGROUP between
// clients with Redis (diff_block_test.go's harness): a reader blocks,
// others write, and the replies each gets must match byte for byte, in
// RESP2 and RESP3.
package main

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestDiffStreamBlocking(t *testing.T) {
	grp := func(steps ...bstep) []bstep {
		return append([]bstep{bdo(3, "XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")}, steps...)
	}
	runDiffBlock(t, []blockCase{
		{name: "xadd-wakes-xread", steps: []bstep{bsend(0, "XREAD", "BLOCK", "0", "STREAMS", "s", "$"), bwait(1),
			bdo(1, "XADD", "s", "1-1", "f", "v"), brecv(0), bwait(0)}},
		{name: "dollar-is-last-id-when-blocking", steps: []bstep{bdo(1, "XADD", "s", "1-1", "f", "old"),
			bsend(0, "XREAD", "BLOCK", "0", "STREAMS", "s", "$"), bwait(1), bdo(1, "XADD", "s", "2-1", "f", "new"), brecv(0)}},
		{name: "every-xread-gets-the-entry", steps: []bstep{bsend(0, "XREAD", "BLOCK", "0", "STREAMS", "s", "0"), bwait(1),
			bsend(1, "XREAD", "BLOCK", "0", "STREAMS", "s", "$"), bwait(2), bdo(2, "XADD", "s", "1-1", "f", "v"), brecv(0), brecv(1)}},
		{name: "xread-second-stream", steps: []bstep{bdo(2, "XADD", "a", "1-1", "f", "v"),
			bsend(0, "XREAD", "COUNT", "1", "BLOCK", "0", "STREAMS", "a", "b", "$", "$"), bwait(1),
			bdo(2, "MULTI"), bdo(2, "XADD", "b", "1-1", "f", "1"), bdo(2, "XADD", "b", "2-1", "f", "2"), bdo(2, "EXEC"), brecv(0)}},
		{name: "group-first-come-first-served", steps: grp(bsend(0, "XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">"), bwait(1),
			bsend(1, "XREADGROUP", "GROUP", "g", "b", "BLOCK", "0", "STREAMS", "s", ">"), bwait(2),
			bdo(2, "XADD", "s", "1-1", "f", "1"), brecv(0), bwait(1), bdo(2, "XADD", "s", "2-1", "f", "2"), brecv(1),
			bdo(2, "XPENDING", "s", "g"), bdo(2, "XINFO", "GROUPS", "s"))},
		{name: "group-multi-two-entries", steps: grp(bsend(0, "XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">"), bwait(1),
			bdo(2, "MULTI"), bdo(2, "XADD", "s", "1-1", "f", "1"), bdo(2, "XADD", "s", "2-1", "f", "2"), bdo(2, "EXEC"), brecv(0),
			bdo(2, "XPENDING", "s", "g"))},
		{name: "group-noack", steps: grp(bsend(0, "XREADGROUP", "GROUP", "g", "a", "NOACK", "BLOCK", "0", "STREAMS", "s", ">"), bwait(1),
			bdo(2, "XADD", "s", "1-1", "f", "1"), brecv(0), bdo(2, "XPENDING", "s", "g"), bdo(2, "XINFO", "GROUPS", "s"))},
		{name: "group-destroyed", steps: grp(bsend(0, "XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">"), bwait(1),
			bdo(2, "XGROUP", "DESTROY", "s", "g"), brecv(0))},
		{name: "stream-deleted", steps: grp(bsend(0, "XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">"), bwait(1),
			bsend(1, "XREAD", "BLOCK", "0", "STREAMS", "s", "$"), bwait(2), bdo(2, "DEL", "s"), brecv(0), bwait(1),
			bdo(2, "XADD", "s", "5-1", "f", "v"), brecv(1))},
		{name: "stream-overwritten", steps: grp(bsend(0, "XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">"), bwait(1),
			bdo(2, "SET", "s", "x"), brecv(0))},
		{name: "stream-flushed", steps: grp(bsend(0, "XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">"), bwait(1),
			bdo(2, "FLUSHALL"), brecv(0))},
		{name: "rename-with-group", steps: grp(bsend(0, "XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">"), bwait(1),
			bdo(2, "XGROUP", "CREATE", "s2", "g", "$", "MKSTREAM"), bdo(2, "XADD", "s2", "1-1", "f", "v"), bdo(2, "RENAME", "s2", "s"), brecv(0))},
		{name: "rename-without-group", steps: grp(bsend(0, "XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", ">"), bwait(1),
			bdo(2, "XADD", "s2", "1-1", "f", "v"), bdo(2, "RENAME", "s2", "s"), brecv(0))},
		{name: "timeouts", steps: grp(bdo(0, "XREAD", "BLOCK", "10", "STREAMS", "s", "$"),
			bdo(0, "XREADGROUP", "GROUP", "g", "a", "BLOCK", "10", "STREAMS", "s", ">"), bdo(0, "XINFO", "GROUPS", "s"))},
		{name: "history-never-blocks", steps: grp(bdo(0, "XREADGROUP", "GROUP", "g", "a", "BLOCK", "0", "STREAMS", "s", "0"))},
		{name: "client-unblock", steps: []bstep{bsend(0, "XREAD", "BLOCK", "0", "STREAMS", "s", "$"), bwait(1),
			bdo(1, "CLIENT", "UNBLOCK", "$ID0"), brecv(0), bsend(0, "XREAD", "BLOCK", "0", "STREAMS", "s", "$"), bwait(1),
			bdo(1, "CLIENT", "UNBLOCK", "$ID0", "ERROR"), brecv(0)}},
		{name: "list-push-does-not-wake", steps: []bstep{bsend(0, "XREAD", "BLOCK", "0", "STREAMS", "k", "$"), bwait(1),
			bdo(1, "MULTI"), bdo(1, "XADD", "k", "1-1", "f", "v"), bdo(1, "DEL", "k"), bdo(1, "LPUSH", "k", "x"), bdo(1, "EXEC"),
			bdo(1, "DEL", "k"), bdo(1, "XADD", "k", "2-1", "f", "v"), brecv(0)}},
	})
}

// TestStreamBlockedLog checks that a blocked XREADGROUP served by an XADD
// logs the delivery, so that after a restart the entry is still pending
// for the consumer and the group's last delivered ID has moved.
func TestStreamBlockedLog(t *testing.T) {
	dir := t.TempDir()
	cfg := []func(*Config){withAOF(filepath.Join(dir, "d"), "always")}
	srv := startServer(t, cfg...)
	a, b := dialServer(t, srv), dialServer(t, srv)
	b.do("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM")
	a.send(encodeCommand("XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">"))
	waitBlocked(t, srv, 1)
	b.do("XADD", "s", "1-1", "f", "v")
	if r := a.reply(); !strings.Contains(r, "1-1") {
		t.Fatalf("the blocked reader got %q", r)
	}
	want := b.do("XPENDING", "s", "g")
	stopServer(t, srv)
	srv = startServer(t, cfg...)
	c := dialServer(t, srv)
	if got := c.do("XPENDING", "s", "g"); got != want || !strings.Contains(got, "alice") {
		t.Fatalf("XPENDING after the restart: %q, want %q", got, want)
	}
	if r := c.do("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">"); r != "*-1\r\n" {
		t.Fatalf("the delivered entry is delivered again: %q", r)
	}
}

// TestStreamBlockArrivalOrder sends a blocking read on one connection and,
// without waiting, a write on another that removes the stream, many
// times: the read arrived first, so it must answer as if it had blocked
// before the write ran (as Redis's one thread runs them), whichever
// goroutine happened to run first.
func TestStreamBlockArrivalOrder(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("arrival times come from the kernel on Linux only")
	}
	srv := startServer(t)
	w := dialServer(t, srv)
	for i := range 100 {
		r := dialServer(t, srv)
		r.do("PING") // as a client connects before it reads
		w.do("DEL", "s")
		w.do("XADD", "s", "666-0", "f", "v")
		w.do("XGROUP", "CREATE", "s", "g", "$")
		switch i % 4 {
		case 0, 1:
			r.send(encodeCommand("XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">"))
			if i%4 == 0 {
				w.do("DEL", "s")
			} else {
				w.do("SET", "s", "x")
			}
			if got := r.reply(); got != "-UNBLOCKED the stream key no longer exists\r\n" {
				t.Fatalf("round %d: the blocked XREADGROUP got %q", i, got)
			}
		default:
			r.send(encodeCommand("XREAD", "BLOCK", "0", "STREAMS", "s", "$"))
			if i%4 == 2 {
				w.do("DEL", "s")
			} else {
				w.do("SET", "s", "x")
				w.do("DEL", "s")
			}
			w.do("XADD", "s", "667-0", "f", "new")
			if got := r.reply(); !strings.Contains(got, "667-0") || strings.Contains(got, "666-0") {
				t.Fatalf("round %d: the blocked XREAD got %q", i, got)
			}
		}
		r.nc.Close()
	}
}
