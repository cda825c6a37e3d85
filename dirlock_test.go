// dirlock_test.go tests the data directory lock: a second server on the
// same -dir refuses to start, in one process and as a second process.
package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runBinary runs the nosql binary with args to its exit (within 20 s) and
// returns its output.
func runBinary(t *testing.T, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, buildBinary(t), args...).CombinedOutput()
	return string(out), err
}

func TestDirLockInProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	cfg := DefaultConfig()
	cfg.Dir = dir
	first, err := NewServer(cfg)
	if err != nil {
		t.Fatalf("first server: %v", err)
	}
	_, err = NewServer(cfg)
	want := "data directory " + dir + " is in use by another nosql server (pid " + formatInt(int64(os.Getpid()))
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("second server on the same dir: err %v, want it to contain %q", err, want)
	}
	off := cfg
	off.AppendOnly = false
	if _, err := NewServer(off); err != nil {
		t.Errorf("a server without persistence is refused: %v", err)
	}
	if err := first.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	again, err := NewServer(cfg)
	if err != nil {
		t.Fatalf("after the first shut down: %v", err)
	}
	again.Shutdown(context.Background())
}

func TestDirLockProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	p := startProc(t, buildBinary(t), dir)
	out, err := runBinary(t, "-addr", freeAddr(t), "-dir", dir)
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() == 0 {
		t.Fatalf("second server: err %v, want a non-zero exit\n%s", err, out)
	}
	want := "is in use by another nosql server (pid " + formatInt(int64(p.cmd.Process.Pid)) + ","
	if !strings.Contains(out, want) || !strings.Contains(out, dir) {
		t.Errorf("second server's output does not name %s and %q:\n%s", dir, want, out)
	}
	c, err := dialRaw(p.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	if r, err := c.do("PING"); r != "+PONG\r\n" {
		t.Errorf("the first server after the second's attempt: %q %v", r, err)
	}
}
