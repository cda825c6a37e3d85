// diskfault_test.go tests a failing disk, injected behind the aofFile
// interface and for real with RLIMIT_FSIZE: no write is acknowledged that
// was not stored, a write that ran waits for its reply until the disk
// recovers, writes arriving meanwhile are refused before they run
// (-MISCONF, False;ERROR) and so never take effect, reads keep working,
// and nothing acknowledged is lost.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// faultFile fails like a full disk while fail is set: a write stores half
// of its bytes and reports ENOSPC, an fsync reports ENOSPC.
type faultFile struct {
	f    aofFile
	fail *atomic.Bool
}

func (ff *faultFile) Write(p []byte) (int, error) {
	if !ff.fail.Load() {
		return ff.f.Write(p)
	}
	n, _ := ff.f.Write(p[:len(p)/2])
	return n, &os.PathError{Op: "write", Path: "appendonly.aof", Err: syscall.ENOSPC}
}

func (ff *faultFile) Sync() error {
	if ff.fail.Load() {
		return &os.PathError{Op: "sync", Path: "appendonly.aof", Err: syscall.ENOSPC}
	}
	return ff.f.Sync()
}

func (ff *faultFile) Close() error { return ff.f.Close() }

// injectFaults puts a faultFile in front of srv's file (and any later one).
func injectFaults(srv *Server, fail *atomic.Bool) {
	a := srv.aof()
	a.mu.Lock()
	defer a.mu.Unlock()
	a.wrap = func(f aofFile) aofFile { return &faultFile{f: f, fail: fail} }
	a.retry = 20 * time.Millisecond
	a.file = a.wrap(a.file)
}

// storedSets returns the value each key was last SET to in dir's file.
func storedSets(t *testing.T, dir string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(aofPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	// the file may end in a half-written record: parse whole ones only
	out := make(map[string]string)
	rr := newRecordReader(strings.NewReader(string(data)), 0, 4096, maxAOFBulk)
	for {
		if _, err := rr.next(); err != nil {
			return out
		}
		if string(rr.args[0]) == "SET" {
			out[string(rr.args[1])] = string(rr.args[2])
		}
	}
}

const misconf = "-MISCONF Errors writing to the AOF file: No space left on device\r\n"

func TestDiskFault(t *testing.T) {
	for _, policy := range []string{"always", "everysec", "no"} {
		t.Run(policy, func(t *testing.T) { testDiskFault(t, policy) })
	}
}

// waitFailing waits until srv refuses writes.
func waitFailing(t *testing.T, srv *Server) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); srv.writeError() == nil; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the file never failed")
		}
	}
}

// noReply checks that c has nothing to read for a while.
func noReply(t *testing.T, c *tclient) {
	t.Helper()
	c.nc.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	if b, err := c.rd.Peek(1); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("a reply arrived before its write was stored: %q %v", b, err)
	}
	c.nc.SetReadDeadline(time.Now().Add(30 * time.Second))
}

func testDiskFault(t *testing.T, policy string) {
	dir := t.TempDir()
	srv := startServer(t, withAOF(dir, policy))
	var fail atomic.Bool
	injectFaults(srv, &fail)
	a, b := dialServer(t, srv), dialServer(t, srv)
	acked := map[string]string{}
	set := func(k, v string) string {
		r := b.do("SET", k, v)
		if r == "+OK\r\n" {
			acked[k] = v
			if got := storedSets(t, dir)[k]; got != v {
				t.Fatalf("SET %s %s acknowledged but the file holds %q", k, v, got)
			}
		}
		return r
	}
	set("before", "1")

	// A write that runs as the disk fails is applied: its reply waits
	// until the file holds it.
	fail.Store(true)
	a.send("PUT;t1;x\n")
	waitFailing(t, srv)
	// Meanwhile writes are refused before they run, and reads answered.
	if r := b.text("PUT;t2;x"); r != "False;ERROR: Errors writing to the AOF file: No space left on device" {
		t.Fatalf("text write on a failing disk: %q", r)
	}
	if r := set("k1", "v1"); r != misconf {
		t.Fatalf("write on a failing disk: %q", r)
	}
	b.send(encodeCommand("SET", "p1", "a") + encodeCommand("GET", "before") + encodeCommand("SET", "p2", "b"))
	if r1, r2, r3 := b.reply(), b.reply(), b.reply(); r1 != misconf || r2 != "$1\r\n1\r\n" || r3 != misconf {
		t.Fatalf("pipeline on a failing disk: %q %q %q", r1, r2, r3)
	}
	if r := b.text("GET;before"); r != "True;1" {
		t.Fatalf("text read on a failing disk: %q", r)
	}
	if info := string(srv.appendPersistenceInfo(nil)); !strings.Contains(info, "aof_last_write_status:err\r\n") {
		t.Fatalf("INFO while failing:\n%s", info)
	}
	noReply(t, a)
	fail.Store(false)
	if r := a.line(); r != "True;Key [t1] set to [x]" {
		t.Fatalf("the held write after recovery: %q", r)
	}
	deadline := time.Now().Add(10 * time.Second)
	for set("after", "2") != "+OK\r\n" {
		if time.Now().After(deadline) {
			t.Fatal("writes did not resume after the disk recovered")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if info := string(srv.appendPersistenceInfo(nil)); !strings.Contains(info, "aof_last_write_status:ok\r\n") {
		t.Fatalf("INFO after recovery:\n%s", info)
	}

	// A second fault under a pipelined batch: every reply of the batch
	// waits for its write.
	fail.Store(true)
	a.send(encodeCommand("SET", "k2", "v2") + encodeCommand("GET", "before"))
	waitFailing(t, srv)
	noReply(t, a)
	fail.Store(false)
	if r1, r2 := a.reply(), a.reply(); r1 != "+OK\r\n" || r2 != "$1\r\n1\r\n" {
		t.Fatalf("the held batch after recovery: %q %q", r1, r2)
	}
	acked["k2"] = "v2"

	// A write still unstored when the file closes (shutdown) is never
	// answered: its connection is closed.
	fail.Store(true)
	a.send(encodeCommand("SET", "k3", "v3"))
	waitFailing(t, srv)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	srv.Shutdown(ctx)
	if r, err := readReply(a.rd); err == nil {
		t.Fatalf("a write the file never held was answered: %q", r)
	}

	got := dumpStore(mustLoad(t, dir).store)
	for k, v := range acked {
		if got[k] != `s:"`+v+`"` {
			t.Fatalf("acknowledged %s=%s, after restart %q", k, v, got[k])
		}
	}
	if got["t1"] != `s:"x"` {
		t.Fatalf("t1, held until stored, after restart: %q", got["t1"])
	}
	for _, k := range []string{"k1", "p1", "p2", "t2"} {
		if _, ok := got[k]; ok {
			t.Fatalf("%s was refused, yet it is stored", k)
		}
	}
}

// counterClient sends INCRs on its own counter, one at a time, and counts
// the replies.
type counterClient struct {
	key                string
	acked, refused     int
	ackedAfterRecovery int
	unanswered         int    // sent, unanswered when the server died
	maxSeen            int    // the largest value an INCR returned
	bad                string // an unexpected reply
}

// run sends INCRs until stop is closed or the connection fails.
func (cc *counterClient) run(addr string, stop <-chan struct{}, recovered *atomic.Bool) {
	c, err := dialRaw(addr)
	if err != nil {
		cc.bad = err.Error()
		return
	}
	defer c.close()
	for {
		select {
		case <-stop:
			return
		default:
		}
		after := recovered.Load()
		c.nc.SetDeadline(time.Now().Add(60 * time.Second))
		if _, err := c.nc.Write([]byte(encodeCommand("INCR", cc.key))); err != nil {
			return // the server died before this INCR was sent whole
		}
		r, err := readReply(c.rd)
		switch {
		case err != nil:
			cc.unanswered++
			return
		case strings.HasPrefix(r, ":"):
			cc.acked++
			if after {
				cc.ackedAfterRecovery++
			}
			n, _ := strconv.Atoi(strings.TrimSpace(r[1:]))
			cc.maxSeen = max(cc.maxSeen, n)
		case r == "-MISCONF Errors writing to the AOF file: File too large\r\n":
			cc.refused++
		default:
			cc.bad = r
			return
		}
	}
}

// TestDiskFullRefusedWrites fills a real file up to RLIMIT_FSIZE (set with
// prlimit on a server process) under clients sending INCRs on their own
// counters (retrying refused ones), lifts the limit, and kills the server: after restart every
// counter holds at least its acknowledged INCRs, and at most those and
// the one unanswered when it died: an INCR answered -MISCONF never took
// effect.
func TestDiskFullRefusedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a real process")
	}
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("prlimit not installed")
	}
	bin := buildNosql(t)
	for _, policy := range []string{"always", "everysec"} {
		t.Run(policy, func(t *testing.T) { testDiskFullRefusedWrites(t, prlimit, bin, policy) })
	}
}

func testDiskFullRefusedWrites(t *testing.T, prlimit, bin, policy string) {
	dir := filepath.Join(t.TempDir(), "data")
	os.MkdirAll(dir, 0o755)
	addr := freeAddr(t)
	cmd := exec.Command(prlimit, "--fsize=65536:unlimited", "--", bin, "-addr", addr, "-dir", dir, "-appendfsync", policy)
	var logs syncBuffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	var side *rawClient
	var err error
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if side, err = dialRaw(addr); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not start: %v\n%s", err, logs.String())
		}
	}
	defer side.close()

	// 16 clients run from the start (those whose INCR ran as the file
	// filled wait for their replies), 8 more from when it is full (every
	// INCR of theirs is refused, and retried, until the limit is lifted).
	clients := make([]*counterClient, 24)
	stop := make(chan struct{})
	var recovered atomic.Bool
	var wg sync.WaitGroup
	start := func(from, to int) {
		for i := from; i < to; i++ {
			clients[i] = &counterClient{key: fmt.Sprintf("counter:%02d", i)}
			wg.Add(1)
			go func() { defer wg.Done(); clients[i].run(addr, stop, &recovered) }()
		}
	}
	start(0, 16)
	// Wait until the file is full (asked with INFO: a write probe that ran
	// as the file filled would wait for the recovery with the INCRs), and
	// then until writes are refused.
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		r, err := side.do("INFO", "persistence")
		if err != nil {
			t.Fatalf("INFO: %v\n%s", err, logs.String())
		}
		if strings.Contains(r, "aof_last_write_status:err") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the file never filled\n%s", logs.String())
		}
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		r, err := side.do("SET", "probe", "1")
		if err != nil {
			t.Fatalf("SET probe: %v\n%s", err, logs.String())
		}
		if r == "-MISCONF Errors writing to the AOF file: File too large\r\n" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the file never filled: last reply %q", r)
		}
	}
	if r, _ := side.do("GET", "probe"); r != "$1\r\n1\r\n" && r != "$-1\r\n" {
		t.Fatalf("read while the file is full: %q", r)
	}
	start(16, 24)
	time.Sleep(300 * time.Millisecond) // let the clients retry refused INCRs
	if st, err := os.Stat(aofPath(dir)); err != nil || st.Size() > 65536 {
		t.Fatalf("file size %v %v", st, err)
	}
	if out, err := exec.Command(prlimit, "--pid", fmt.Sprint(cmd.Process.Pid), "--fsize=unlimited:unlimited").CombinedOutput(); err != nil {
		t.Fatalf("prlimit: %v %s", err, out)
	}
	recovered.Store(true)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if r, _ := side.do("SET", "probe", "2"); r == "+OK\r\n" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("writes did not resume after the limit was lifted")
		}
	}
	time.Sleep(300 * time.Millisecond) // every client sends after the recovery
	cmd.Process.Kill()                 // with INCRs in flight
	cmd.Wait()
	close(stop)
	wg.Wait()

	got := dumpStore(mustLoad(t, dir).store)
	var acked, refused, unanswered, tookEffect, lost, resumed int
	for _, cc := range clients {
		if cc.bad != "" {
			t.Fatalf("%s: unexpected reply %q", cc.key, cc.bad)
		}
		final := 0
		if v, ok := got[cc.key]; ok {
			final, _ = strconv.Atoi(strings.Trim(strings.TrimPrefix(v, "s:"), `"`))
		}
		acked, refused, unanswered = acked+cc.acked, refused+cc.refused, unanswered+cc.unanswered
		tookEffect += max(0, final-cc.acked-cc.unanswered)
		lost += max(0, cc.acked-final, cc.maxSeen-final)
		if cc.ackedAfterRecovery > 0 {
			resumed++
		}
	}
	t.Logf("%s: %d clients: %d INCRs acknowledged, %d refused (-MISCONF), %d unanswered at kill; refused INCRs that took effect: %d; acknowledged INCRs lost: %d",
		policy, len(clients), acked, refused, unanswered, tookEffect, lost)
	if refused == 0 || resumed == 0 {
		t.Fatalf("the test did not exercise a full disk: %d refused, %d clients acknowledged after recovery\n%s", refused, resumed, logs.String())
	}
	if tookEffect != 0 || lost != 0 {
		t.Fatalf("refused INCRs that took effect: %d, acknowledged INCRs lost: %d", tookEffect, lost)
	}
}
