// set_memory_test.go measures, on real processes, the resident memory of
// issue 10's set workload, 100,000 sets of 10 small integers each (the
// intset encoding), on nosql and beside redis-server when installed, and
// checks that nosql's is not above Redis's.
package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	memSets       = 100_000
	memSetMembers = 10
)

// loadSmallSets pipelines the workload's SADDs into addr, a thousand at a
// time, each set 10 distinct integers in [0, 1000] (the same for every
// server: the generator is seeded).
func loadSmallSets(t *testing.T, addr string) {
	t.Helper()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	rd := bufio.NewReader(nc)
	rng := rand.New(rand.NewPCG(1, 10))
	const batch = 1000
	var buf []byte
	for i := 0; i < memSets; i += batch {
		buf = buf[:0]
		for j := i; j < i+batch; j++ {
			args := []string{"SADD", fmt.Sprintf("set:%d", j)}
			seen := map[int]bool{}
			for len(seen) < memSetMembers {
				if v := rng.IntN(1001); !seen[v] {
					seen[v] = true
					args = append(args, strconv.Itoa(v))
				}
			}
			buf = append(buf, encodeCommand(args...)...)
		}
		nc.SetDeadline(time.Now().Add(time.Minute))
		if _, err := nc.Write(buf); err != nil {
			t.Fatal(err)
		}
		for range batch {
			if r, err := readReply(rd); err != nil || r != fmt.Sprintf(":%d\r\n", memSetMembers) {
				t.Fatalf("SADD: %q %v", r, err)
			}
		}
	}
	for _, cmd := range [][]string{{"SCARD", "set:99999"}, {"OBJECT", "ENCODING", "set:0"}} {
		nc.Write([]byte(encodeCommand(cmd...)))
		if r, err := readReply(rd); err != nil || !strings.Contains(r, "10") && !strings.Contains(r, "intset") {
			t.Fatalf("%q: %q %v", cmd, r, err)
		}
	}
}

// TestSetMemory loads the workload into nosql and redis-server and logs
// their resident memory, before and after, and per set; nosql's loaded
// memory must not exceed Redis's.
func TestSetMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 100,000 sets into two servers")
	}
	naddr, npid, _ := startNosqlProc(t)
	raddr, rpid := startRedisProc(t)
	type fig struct{ before, after int64 }
	measure := func(addr string, pid int) fig {
		before := procKB(t, pid, "VmRSS")
		loadSmallSets(t, addr)
		return fig{before, procKB(t, pid, "VmRSS")}
	}
	n, r := measure(naddr, npid), measure(raddr, rpid)
	perSet := func(f fig) float64 { return float64(f.after-f.before) * 1024 / memSets }
	t.Logf("%d sets of %d small integers: nosql %d -> %d KiB (%.1f bytes/set), redis %d -> %d KiB (%.1f bytes/set)",
		memSets, memSetMembers, n.before, n.after, perSet(n), r.before, r.after, perSet(r))
	if n.after > r.after {
		t.Errorf("nosql holds %d KiB, more than redis-server's %d KiB", n.after, r.after)
	}
}
