// diff_test.go is the differential harness: the same command sequences run
// against a real redis-server and against nosql, replies compared byte for
// byte. Each family's sequences live in diff_<family>_test.go.
package main

import (
	"fmt"
	"net"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// diffCase is one sequence of commands; each reply must match Redis's.
type diffCase struct {
	name string
	cmds [][]string
	// unordered marks replies (by command index) that are arrays whose
	// order Redis does not define (KEYS, SCAN); they are compared sorted.
	unordered map[int]bool
	// deliberate rewrites Redis's replies where nosql differs on purpose
	// (the README lists each difference); nil compares as they are.
	deliberate *strings.Replacer
	// near marks replies (by command index) that are integers depending on
	// the clock (PTTL); they match when within a second of each other.
	near map[int]bool
}

// c is shorthand for one command in a diffCase.
func c(args ...string) []string { return args }

// startRedis starts redis-server on a free loopback port, with extra
// arguments if any, or skips the test by name when it is not installed.
func startRedis(t *testing.T, extra ...string) string {
	t.Helper()
	path, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skipf("%s: redis-server is not installed (apt-get install redis-server); skipping the comparison with Redis", t.Name())
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	dir := t.TempDir()
	cmd := exec.Command(path, append([]string{"--port", fmt.Sprint(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no", "--logfile", ""}, extra...)...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for i := 0; ; i++ {
		nc, err := net.Dial("tcp", addr)
		if err == nil {
			nc.Close()
			return addr
		}
		if i > 200 {
			t.Fatalf("redis-server did not start: %v", err)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// runDiff runs every case against Redis and nosql, each case on a fresh
// connection after FLUSHALL, and reports each reply that differs; each case
// runs twice, in RESP2 and (named name-resp3) in RESP3 after HELLO 3.
func runDiff(t *testing.T, cases []diffCase) {
	t.Helper()
	runDiffWith(t, cases, nil)
}

// runDiffWith is runDiff with redis-server given redisArgs and nosql
// configured by mutate.
func runDiffWith(t *testing.T, cases []diffCase, redisArgs []string, mutate ...func(*Config)) {
	t.Helper()
	raddr := startRedis(t, redisArgs...)
	srv := startServer(t, mutate...)
	eachResp(t, cases, func(tc diffCase) string { return tc.name }, func(t *testing.T, tc diffCase, resp3 bool) {
		runDiffCase(t, tc, raddr, srv, resp3)
	})
}

// eachResp runs run as a subtest for every case, in RESP2 and then in
// RESP3 (the subtest named by name with "-resp3" added).
func eachResp[C any](t *testing.T, cases []C, name func(C) string, run func(t *testing.T, tc C, resp3 bool)) {
	t.Helper()
	for _, tc := range cases {
		for _, resp3 := range []bool{false, true} {
			n := name(tc)
			if resp3 {
				n += "-resp3"
			}
			t.Run(n, func(t *testing.T) { run(t, tc, resp3) })
		}
	}
}

// runDiffCase runs one case on fresh connections, first switched to RESP3
// by HELLO 3 if resp3 (where a password refuses HELLO, both stay in RESP2,
// as the replies to HELLO show).
func runDiffCase(t *testing.T, tc diffCase, raddr string, srv *Server, resp3 bool) {
	r, n := dial(t, raddr), dialServer(t, srv)
	if resp3 {
		want, got := r.do("HELLO", "3"), n.do("HELLO", "3")
		if want[0] != got[0] || want[0] == '-' && want != got {
			t.Fatalf("HELLO 3:\n redis: %q\n nosql: %q", want, got)
		}
	}
	r.do("FLUSHALL")
	n.do("FLUSHALL")
	for i, cmd := range tc.cmds {
		want, got := r.do(cmd...), n.do(cmd...)
		if tc.deliberate != nil {
			want = tc.deliberate.Replace(want)
		}
		if tc.unordered[i] {
			want, got = sortedReply(want), sortedReply(got)
		}
		if tc.near[i] && nearInts(want, got, 1000) {
			continue
		}
		if want != got {
			t.Errorf("command %d %q:\n redis: %q\n nosql: %q", i, cmd, want, got)
		}
	}
}

// nearInts reports whether two raw replies are integers at most d apart.
func nearInts(a, b string, d int64) bool {
	x, errA := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(a, ":"), "\r\n"), 10, 64)
	y, errB := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(b, ":"), "\r\n"), 10, 64)
	return errA == nil && errB == nil && a[0] == ':' && b[0] == ':' && x-y <= d && y-x <= d
}

// sortedReply sorts the elements of a raw array (or RESP3 map or set) reply of
// bulk strings, so that two holding the same bulk strings (pairs) in any
// order compare equal.
func sortedReply(raw string) string {
	lines := strings.Split(raw, "\r\n")
	if len(lines) < 2 || !strings.ContainsAny(lines[0][:1], "*%~") {
		return raw
	}
	step := 2
	if lines[0][0] == '%' {
		step = 4 // a key and its value
	}
	var elems []string
	for i := 1; i+step-1 < len(lines); i += step {
		elems = append(elems, strings.Join(lines[i:i+step], "\r\n"))
	}
	sort.Strings(elems)
	return lines[0] + "\r\n" + strings.Join(elems, "\r\n")
}
