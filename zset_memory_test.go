// zset_memory_test.go measures the resident memory of one sorted set of
// 1,000,000 members (issue 10 point 5) in a real nosql process beside
// redis-server, and asserts that nosql holds it in no more memory than
// Redis. Long: it runs only when NOSQL_MEMORY=1 (make bench's workload).
package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"
)

// zsetMemoryMembers is the size of the measured set.
const zsetMemoryMembers = 1_000_000

// loadBigZset adds members element:000000000000 .. (as redis-benchmark
// names them) with random scores to key "big" at addr, 100 per ZADD,
// pipelined, and returns how long it took.
func loadBigZset(t *testing.T, addr string) time.Duration {
	t.Helper()
	const perCmd = 100
	cmds := zsetMemoryMembers / perCmd
	want := ":" + strconv.Itoa(perCmd) + "\r\n"
	return pipelined(t, addr, 5*time.Minute, cmds, readLine, func(line string) bool { return line == want }, func(w *bufio.Writer) {
		rng := rand.New(rand.NewPCG(1, 2))
		args := make([]string, 0, 2+2*perCmd)
		for i := 0; i < cmds; i++ {
			args = append(args[:0], "ZADD", "big")
			for j := 0; j < perCmd; j++ {
				args = append(args, strconv.FormatFloat(rng.Float64()*1e6, 'g', -1, 64), fmt.Sprintf("element:%012d", i*perCmd+j))
			}
			w.Write(appendCommand(nil, args...))
		}
	})
}

func TestZsetMemory(t *testing.T) {
	if os.Getenv("NOSQL_MEMORY") != "1" {
		t.Skip("set NOSQL_MEMORY=1 to measure a sorted set of 1,000,000 members beside redis-server")
	}
	compareMemory(t, zsetMemoryMembers, "members", "the set", loadBigZset)
}
