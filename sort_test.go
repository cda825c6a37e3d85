// sort_test.go tests what the differential tests cannot see of SORT: the
// records STORE logs and their replay, and that a SORT whose patterns
// read keys no argument names holds their locks (run under -race with
// writers changing those keys).
package main

import (
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestSortStoreLog checks that SORT ... STORE logs DEL then RPUSH batches
// of at most 64 elements (DEL alone for an empty result, nothing when
// there was nothing to delete or the command failed), and that the file
// replays to the same lists.
func TestSortStoreLog(t *testing.T) {
	dir := t.TempDir()
	cfg := []func(*Config){withAOF(dir, "always"), func(c *Config) { c.AutoAOFRewritePercentage = 0 }}
	srv := startServer(t, cfg...)
	cl := dialServer(t, srv)
	cl.do("RPUSH", "src", "3", "1", "2")
	cl.do(append(c("RPUSH", "big"), numbers(150)...)...)
	cl.do("SET", "dst", "x", "EX", "1000")
	steps := []struct {
		cmd  []string
		want [][]string
	}{
		{c("SORT", "src", "STORE", "dst"), [][]string{rec("DEL", "dst"), rec("RPUSH", "dst", "1", "2", "3")}},
		{c("SORT", "src", "DESC"), nil},
		{c("SORT_RO", "src", "GET", "nokey_*"), nil},
		{c("SORT", "nokey", "STORE", "none"), nil},
		{c("SORT", "src", "BOGUS", "STORE", "dst"), nil},
		{c("SORT", "src", "LIMIT", "5", "5", "STORE", "dst"), [][]string{rec("DEL", "dst")}},
		{c("SORT", "big", "BY", "nosort", "STORE", "bigdst"), [][]string{rec("DEL", "bigdst"), append(c("RPUSH", "bigdst"), numbers(64)...),
			append(c("RPUSH", "bigdst"), numbers(128)[64:]...), append(c("RPUSH", "bigdst"), numbers(150)[128:]...)}},
	}
	for _, step := range steps {
		before := len(readRecords(t, dir))
		cl.do(step.cmd...)
		got := slices.DeleteFunc(readRecords(t, dir)[before:], func(r []string) bool { return r[0] == "SELECT" })
		if fmt.Sprint(got) != fmt.Sprint(step.want) {
			t.Fatalf("%q logged %.200q, want %.200q", step.cmd, got, step.want)
		}
	}
	cl.do("SORT", "src", "DESC", "STORE", "dst")
	queries := [][]string{c("LRANGE", "dst", "0", "-1"), c("TTL", "dst"), c("LRANGE", "bigdst", "0", "-1"), c("EXISTS", "none")}
	want := make([]string, len(queries))
	for i, q := range queries {
		want[i] = cl.do(q...)
	}
	if want[0] != "*3\r\n$1\r\n3\r\n$1\r\n2\r\n$1\r\n1\r\n" || want[1] != ":-1\r\n" {
		t.Fatalf("before the restart: %q", want[:2])
	}
	stopServer(t, srv)
	cl = dialServer(t, startServer(t, cfg...))
	for i, q := range queries {
		if got := cl.do(q...); got != want[i] {
			t.Errorf("after replay %q = %.100q, want %.100q", q, got, want[i])
		}
	}
}

// TestSortPatternLocks runs SORT BY and GET patterns (and SORT_RO, and
// SORT inside MULTI) while other clients rewrite the weight keys and
// hashes they read; under -race an unlocked read is reported. Each
// result must be a permutation of the list, whatever weights it saw.
func TestSortPatternLocks(t *testing.T) {
	srv := startServer(t)
	setup := dialServer(t, srv)
	const n = 50
	setup.do(append(c("RPUSH", "l"), numbers(n)...)...)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := dialServer(t, srv)
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				k := strconv.Itoa((i*7 + w) % n)
				cl.do("SET", "w_"+k, strconv.Itoa(i%97))
				cl.do("HSET", "o_"+k, "w", strconv.Itoa(i%89))
				cl.do("DEL", "w_"+strconv.Itoa((i*3)%n))
			}
		}()
	}
	cl := dialServer(t, srv)
	deadline := time.Now().Add(2 * time.Second)
	for i := 0; i < 200 && time.Now().Before(deadline); i++ {
		for _, cmd := range [][]string{c("SORT", "l", "BY", "w_*"), c("SORT_RO", "l", "BY", "o_*->w", "DESC"),
			c("SORT", "l", "BY", "nosort", "GET", "w_*"), c("SORT", "l", "BY", "w_*", "STORE", "d")} {
			r := cl.do(cmd...)
			if cmd[len(cmd)-2] == "STORE" {
				if r != ":50\r\n" {
					t.Fatalf("%q = %q", cmd, r)
				}
				continue
			}
			if r[:4] != "*50\r" {
				t.Fatalf("%q = %.80q", cmd, r)
			}
		}
	}
	close(stop)
	wg.Wait()
}
