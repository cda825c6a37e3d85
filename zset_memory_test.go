// zset_memory_test.go measures the resident memory of one sorted set of
// 1,000,000 members (issue 10 point 5) in a real nosql process beside
// redis-server, and asserts that nosql holds it in no more memory than
// Redis. Long: it runs only when NOSQL_MEMORY=1 (make bench's workload).
package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"net"
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
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	nc.SetDeadline(time.Now().Add(5 * time.Minute))
	const perCmd = 100
	cmds := zsetMemoryMembers / perCmd
	errc := make(chan error, 1)
	go func() {
		rd := bufio.NewReader(nc)
		for i := 0; i < cmds; i++ {
			line, err := rd.ReadString('\n')
			if err != nil || line != ":"+strconv.Itoa(perCmd)+"\r\n" {
				errc <- fmt.Errorf("reply %d: %q %v", i, line, err)
				return
			}
		}
		errc <- nil
	}()
	start := time.Now()
	rng := rand.New(rand.NewPCG(1, 2))
	w := bufio.NewWriterSize(nc, 1<<16)
	args := make([]string, 0, 2+2*perCmd)
	for i := 0; i < cmds; i++ {
		args = append(args[:0], "ZADD", "big")
		for j := 0; j < perCmd; j++ {
			args = append(args, strconv.FormatFloat(rng.Float64()*1e6, 'g', -1, 64), fmt.Sprintf("element:%012d", i*perCmd+j))
		}
		w.Write(appendCommand(nil, args...))
	}
	w.Flush()
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	return time.Since(start)
}

func TestZsetMemory(t *testing.T) {
	if os.Getenv("NOSQL_MEMORY") != "1" {
		t.Skip("set NOSQL_MEMORY=1 to measure a sorted set of 1,000,000 members beside redis-server")
	}
	addr, pid, _ := startNosqlProc(t)
	base := procKB(t, pid, "VmRSS")
	took := loadBigZset(t, addr)
	time.Sleep(2 * time.Second) // let the collector settle, as a client would see it
	rss, peak := procKB(t, pid, "VmRSS"), procKB(t, pid, "VmHWM")
	t.Logf("nosql:        %d members in %v; resident %d KiB at start, %d KiB loaded (peak %d KiB)",
		zsetMemoryMembers, took.Round(time.Millisecond), base, rss, peak)

	raddr, rpid := startRedisProc(t)
	rbase := procKB(t, rpid, "VmRSS")
	rtook := loadBigZset(t, raddr)
	rrss, rpeak := procKB(t, rpid, "VmRSS"), procKB(t, rpid, "VmHWM")
	t.Logf("redis-server: %d members in %v; resident %d KiB at start, %d KiB loaded (peak %d KiB)",
		zsetMemoryMembers, rtook.Round(time.Millisecond), rbase, rrss, rpeak)
	if rss > rrss {
		t.Errorf("nosql holds the set in %d KiB, Redis in %d KiB", rss, rrss)
	}
}
