// realclients_test.go drives nosql with Redis's own tools: redis-cli in
// one-shot, stdin and --pipe modes, and redis-benchmark with and without
// pipelining. Each test is skipped, naming the tool, when it is missing.
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// needTool returns the path of a Redis tool, or skips the test by name.
func needTool(t *testing.T, tool string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s: %s is not on PATH (apt-get install redis-tools); skipping", t.Name(), tool)
	}
	return path
}

// runTool runs a tool against srv with stdin and returns its stdout and
// stderr; it fails the test when the tool fails or takes over two minutes.
func runTool(t *testing.T, srv *Server, path, stdin string, args ...string) (string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	full := append([]string{"-h", "127.0.0.1", "-p", strconv.Itoa(srv.port())}, args...)
	cmd := exec.CommandContext(ctx, path, full...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %q: %v\nstdout: %s\nstderr: %s", path, args, err, clipText(stdout.String()), clipText(stderr.String()))
	}
	return stdout.String(), stderr.String()
}

// clipText shortens tool output for failure messages.
func clipText(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "..."
	}
	return s
}

// TestRealRedisCLI runs redis-cli one-shot commands, in its raw (piped)
// and --no-raw formats, and a session read from stdin.
func TestRealRedisCLI(t *testing.T) {
	cli := needTool(t, "redis-cli")
	srv := startServer(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"ping"}, "PONG\n"},
		{[]string{"set", "a", "b"}, "OK\n"},
		{[]string{"get", "a"}, "b\n"},
		{[]string{"get", "nope"}, "\n"},
		{[]string{"--no-raw", "get", "a"}, "\"b\"\n"},
		{[]string{"--no-raw", "get", "nope"}, "(nil)\n"},
		{[]string{"incr", "n"}, "1\n"},
		{[]string{"--no-raw", "incr", "n"}, "(integer) 2\n"},
		{[]string{"rpush", "l", "x", "y", "z"}, "3\n"},
		{[]string{"lrange", "l", "0", "-1"}, "x\ny\nz\n"},
		{[]string{"--no-raw", "lrange", "l", "0", "1"}, "1) \"x\"\n2) \"y\"\n"},
		{[]string{"echo", "hello world"}, "hello world\n"},
		{[]string{"nosuch", "x"}, "ERR unknown command 'nosuch', with args beginning with: 'x' \n\n"},
		{[]string{"dbsize"}, "3\n"},
	} {
		if got, _ := runTool(t, srv, cli, "", tc.args...); got != tc.want {
			t.Errorf("redis-cli %q = %q, want %q", tc.args, got, tc.want)
		}
	}
	got, _ := runTool(t, srv, cli, "set x 1\nget x\nincr x\n")
	if got != "OK\n1\n2\n" {
		t.Errorf("redis-cli reading stdin = %q", got)
	}
}

// TestRealRedisCLIPipe loads 100,000 SETs through redis-cli --pipe.
func TestRealRedisCLIPipe(t *testing.T) {
	cli := needTool(t, "redis-cli")
	srv := startServer(t)
	const n = 100000
	var in []byte
	for i := 0; i < n; i++ {
		in = appendCommand(in, "SET", "key:"+strconv.Itoa(i), "value:"+strconv.Itoa(i))
	}
	out, _ := runTool(t, srv, cli, string(in), "--pipe")
	if !strings.Contains(out, "errors: 0, replies: 100000") {
		t.Errorf("redis-cli --pipe said %q", out)
	}
	cl := dialServer(t, srv)
	if got := cl.do("DBSIZE"); got != ":100000\r\n" {
		t.Errorf("DBSIZE after --pipe = %q", got)
	}
	if got := cl.do("GET", "key:99999"); got != "$11\r\nvalue:99999\r\n" {
		t.Errorf("GET key:99999 = %q", got)
	}
}

// benchmarkTests are the redis-benchmark tests run.
const benchmarkTests = "ping,set,get,incr,lpush,rpush,lpop,rpop,lrange_100,mset"

// benchmarkRows returns the rows redis-benchmark's CSV output holds for
// benchmarkTests.
func benchmarkRows() []string {
	return []string{"PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "LPUSH", "RPUSH", "LPOP", "RPOP",
		"LPUSH (needed to benchmark LRANGE)", "LRANGE_100 (first 100 elements)", "MSET (10 keys)"}
}

// TestRealRedisBenchmark runs redis-benchmark without and with
// pipelining: every test must finish with a positive rate and no error
// (redis-benchmark 7 exits at the first error reply).
func TestRealRedisBenchmark(t *testing.T) {
	bench := needTool(t, "redis-benchmark")
	srv := startServer(t)
	for _, pipeline := range []string{"1", "16"} {
		t.Run("P"+pipeline, func(t *testing.T) {
			out, errOut := runTool(t, srv, bench, "", "-t", benchmarkTests, "-n", "20000", "-q", "--csv", "-P", pipeline)
			all := out + errOut
			if strings.Contains(all, "ERR") || strings.Contains(strings.ToLower(all), "error") || strings.Contains(all, "WARNING") {
				t.Fatalf("redis-benchmark reported errors:\n%s", clipText(all))
			}
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil || len(rows) < 1 || rows[0][0] != "test" || rows[0][1] != "rps" {
				t.Fatalf("redis-benchmark CSV %q: %v", clipText(out), err)
			}
			rate := map[string]float64{}
			for _, r := range rows[1:] {
				if len(r) >= 2 {
					rate[r[0]], _ = strconv.ParseFloat(r[1], 64)
				}
			}
			for _, name := range benchmarkRows() {
				if rate[name] <= 0 {
					t.Errorf("redis-benchmark -P %s: %q has rate %v", pipeline, name, rate[name])
				}
			}
		})
	}
}
