// config_flags_test.go checks the flags that set maxmemory and
// key-load-delay at start: CONFIG GET reports them, maxmemory is enforced
// from the first command, and a log loaded with a delay loads whole.
package main

import (
	"io"
	"strconv"
	"testing"
)

func TestFlagsMaxmemoryKeyLoadDelay(t *testing.T) {
	cfg, _, _, err := parseFlags([]string{"-maxmemory", "1gb", "-key-load-delay", "-5"}, io.Discard)
	if err != nil || cfg.MaxMemory != 1<<30 || cfg.KeyLoadDelay != -5 {
		t.Fatalf("parseFlags: %v, maxmemory %d, key-load-delay %d", err, cfg.MaxMemory, cfg.KeyLoadDelay)
	}
	srv := startServer(t, func(c *Config) { c.MaxMemory = 1 })
	cl := dialServer(t, srv)
	if got := cl.do("SET", "k", "v"); got != "-"+errOOM+"\r\n" {
		t.Errorf("SET under -maxmemory 1 = %q", got)
	}
	if got := cl.do("CONFIG", "GET", "maxmemory"); got != "*2\r\n$9\r\nmaxmemory\r\n$1\r\n1\r\n" {
		t.Errorf("CONFIG GET maxmemory = %q", got)
	}
}

func TestKeyLoadDelayLoadsWhole(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, withAOF(dir, "always"))
	cl := dialServer(t, srv)
	for i := range 50 {
		cl.do("SET", "k"+strconv.Itoa(i), strconv.Itoa(i))
	}
	stopServer(t, srv)
	for _, delay := range []int64{1, -3} {
		srv := startServer(t, withAOF(dir, "always"), func(c *Config) { c.KeyLoadDelay = delay })
		cl := dialServer(t, srv)
		if got := cl.do("DBSIZE"); got != ":50\r\n" {
			t.Errorf("key-load-delay %d: DBSIZE after loading = %q", delay, got)
		}
		d := strconv.FormatInt(delay, 10)
		if got, want := cl.do("CONFIG", "GET", "key-load-delay"), "*2\r\n$14\r\nkey-load-delay\r\n$"+strconv.Itoa(len(d))+"\r\n"+d+"\r\n"; got != want {
			t.Errorf("CONFIG GET key-load-delay = %q, want %q", got, want)
		}
		stopServer(t, srv)
	}
}
