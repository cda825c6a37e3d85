// diskfault_test.go tests a failing disk, injected behind the aofFile
// interface: no write is acknowledged that was not stored, reads keep
// working, writes are refused meanwhile (-MISCONF, False;ERROR), and they
// resume once the disk recovers, with nothing acknowledged lost.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
	a := srv.aof
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

func testDiskFault(t *testing.T, policy string) {
	dir := t.TempDir()
	srv := startServer(t, withAOF(dir, policy))
	var fail atomic.Bool
	injectFaults(srv, &fail)
	c := dialServer(t, srv)
	acked := map[string]string{}
	set := func(k, v string) string {
		r := c.do("SET", k, v)
		if r == "+OK\r\n" {
			acked[k] = v
			if got := storedSets(t, dir)[k]; got != v {
				t.Fatalf("SET %s %s acknowledged but the file holds %q", k, v, got)
			}
		}
		return r
	}
	set("before", "1")

	fail.Store(true)
	// The first write is applied, then the file fails: its reply must not
	// say OK. Over text, the same.
	if r := c.text("PUT;t1;x"); r != "False;ERROR: Errors writing to the AOF file: No space left on device" {
		t.Fatalf("text write on a failing disk: %q", r)
	}
	if r := set("k1", "v1"); r != misconf {
		t.Fatalf("write on a failing disk: %q", r)
	}
	// pipelined: write, read, write in one batch
	c.send(encodeCommand("SET", "p1", "a") + encodeCommand("GET", "before") + encodeCommand("SET", "p2", "b"))
	if r1, r2, r3 := c.reply(), c.reply(), c.reply(); r1 != misconf || r2 != "$1\r\n1\r\n" || r3 != misconf {
		t.Fatalf("pipeline on a failing disk: %q %q %q", r1, r2, r3)
	}
	if r := c.do("GET", "before"); r != "$1\r\n1\r\n" {
		t.Fatalf("read on a failing disk: %q", r)
	}
	if r := c.text("GET;before"); r != "True;1" {
		t.Fatalf("text read on a failing disk: %q", r)
	}
	if info := string(srv.appendPersistenceInfo(nil)); !strings.Contains(info, "aof_last_write_status:err\r\n") {
		t.Fatalf("INFO while failing:\n%s", info)
	}

	fail.Store(false)
	deadline := time.Now().Add(10 * time.Second)
	for i := 0; set("after", "2") != "+OK\r\n"; i++ {
		if time.Now().After(deadline) {
			t.Fatal("writes did not resume after the disk recovered")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if info := string(srv.appendPersistenceInfo(nil)); !strings.Contains(info, "aof_last_write_status:ok\r\n") {
		t.Fatalf("INFO after recovery:\n%s", info)
	}
	// A second fault, this time found by a write that arrives while the
	// file is healthy (its reply is replaced after the fact).
	fail.Store(true)
	if r := set("k2", "v2"); r != misconf {
		t.Fatalf("write as the disk fails again: %q", r)
	}
	fail.Store(false)
	for set("last", "3") != "+OK\r\n" {
		if time.Now().After(deadline) {
			t.Fatal("writes did not resume the second time")
		}
		time.Sleep(20 * time.Millisecond)
	}
	stopServer(t, srv)

	got := dumpStore(mustLoad(t, dir).store)
	for k, v := range acked {
		if got[k] != `s:"`+v+`"` {
			t.Fatalf("acknowledged %s=%s, after restart %q", k, v, got[k])
		}
	}
	// Writes refused after being applied were kept buffered and stored
	// once the disk recovered; writes refused up front never happened.
	for _, k := range []string{"t1", "k2"} {
		if _, ok := got[k]; !ok {
			t.Fatalf("%s was applied in memory but not stored after recovery", k)
		}
	}
	for _, k := range []string{"k1", "p1", "p2"} {
		if _, ok := got[k]; ok {
			t.Fatalf("%s was refused, yet it is stored", k)
		}
	}
}

// TestDiskFullRlimit fills a real file up to RLIMIT_FSIZE (set with
// prlimit on a server process): writes fail with EFBIG, are refused,
// reads work, and writes resume once the limit is lifted.
func TestDiskFullRlimit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a real process")
	}
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("prlimit not installed")
	}
	bin := buildNosql(t)
	dir := filepath.Join(t.TempDir(), "data")
	os.MkdirAll(dir, 0o755)
	addr := freeAddr(t)
	cmd := exec.Command(prlimit, "--fsize=65536:unlimited", "--", bin, "-addr", addr, "-dir", dir, "-appendfsync", "always")
	var logs syncBuffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	var c *rawClient
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if c, err = dialRaw(addr); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not start: %v\n%s", err, logs.String())
		}
	}
	defer c.close()
	acked := map[string]string{}
	value := strings.Repeat("v", 1000)
	var refused string
	for i := 0; i < 200 && refused == ""; i++ {
		k := fmt.Sprint("k", i)
		switch r, err := c.do("SET", k, value); {
		case err != nil:
			t.Fatalf("SET: %v\n%s", err, logs.String())
		case r == "+OK\r\n":
			acked[k] = value
		default:
			refused = r
		}
	}
	if refused != "-MISCONF Errors writing to the AOF file: File too large\r\n" {
		t.Fatalf("past the file size limit: %q", refused)
	}
	if st, err := os.Stat(aofPath(dir)); err != nil || st.Size() > 65536 {
		t.Fatalf("file size %v %v", st, err)
	}
	if r, _ := c.do("GET", "k0"); r != fmt.Sprintf("$1000\r\n%s\r\n", value) {
		t.Fatalf("read while the file is full: %.40q", r)
	}
	if out, err := exec.Command(prlimit, "--pid", fmt.Sprint(cmd.Process.Pid), "--fsize=unlimited:unlimited").CombinedOutput(); err != nil {
		t.Fatalf("prlimit: %v %s", err, out)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if r, _ := c.do("SET", "after", "1"); r == "+OK\r\n" {
			acked["after"] = "1"
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("writes did not resume after the limit was lifted")
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("shutdown: %v\n%s", err, logs.String())
	}
	got := dumpStore(mustLoad(t, dir).store)
	for k, v := range acked {
		if got[k] != fmt.Sprintf("s:%q", v) {
			t.Fatalf("acknowledged %s lost after restart", k)
		}
	}
}
