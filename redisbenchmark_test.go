// redisbenchmark_test.go runs redis-benchmark's whole default test list
// (no -t) against nosql, as `make bench` does: every test must finish
// without an error reply (redis-benchmark exits at the first one). It
// asserts no timing; it skips by name when redis-benchmark is missing.
package main

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// redisBenchmarkTests are the tests redis-benchmark 7.0 runs without -t,
// as its -q output names them.
var redisBenchmarkTests = []string{"PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "LPUSH", "RPUSH", "LPOP", "RPOP",
	"SADD", "HSET", "SPOP", "ZADD", "ZPOPMIN", "LPUSH (needed to benchmark LRANGE)", "LRANGE_100 (first 100 elements)",
	"LRANGE_300 (first 300 elements)", "LRANGE_500 (first 500 elements)", "LRANGE_600 (first 600 elements)", "MSET (10 keys)"}

func TestRedisBenchmarkDefaultList(t *testing.T) {
	path, err := exec.LookPath("redis-benchmark")
	if err != nil {
		t.Skipf("%s: redis-benchmark is not installed (apt-get install redis-tools); skipping its default test list", t.Name())
	}
	srv := startServer(t)
	port := strings.TrimPrefix(srv.Addr().String(), "127.0.0.1:")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a bound, not an assertion
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "-h", "127.0.0.1", "-p", port, "-q", "-n", "2000").CombinedOutput()
	text := strings.ReplaceAll(string(out), "\r", "\n")
	if err != nil || strings.Contains(text, "Error") {
		t.Fatalf("redis-benchmark: %v\n%s", err, lastLines(text, 5))
	}
	ran := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if name, rest, ok := strings.Cut(line, ": "); ok && strings.Contains(rest, "requests per second") {
			ran[name] = true
			t.Logf("%s: %s", name, strings.SplitN(rest, ",", 2)[0])
		}
	}
	for _, name := range redisBenchmarkTests {
		if !ran[name] {
			t.Errorf("redis-benchmark did not report %q", name)
		}
	}
	if n := len(ran); n != len(redisBenchmarkTests) {
		t.Logf("redis-benchmark ran %d tests (a later version than 7.0 may run more)", n)
	}
}

// lastLines returns the last n non-empty lines of s.
func lastLines(s string, n int) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}
