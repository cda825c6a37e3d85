// stream_memory_test.go measures the resident memory of one stream of
// 1,000,000 entries of two small fields (issue 12 point 4) in a real nosql
// process beside redis-server, and asserts that nosql holds it in no more
// memory than Redis. Long: it runs only when NOSQL_MEMORY=1.
package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strconv"
	"testing"
	"time"
)

// streamMemoryEntries is the length of the measured stream.
const streamMemoryEntries = 1_000_000

// loadBigStream sends XADD big * sensor <n> temp <t> streamMemoryEntries
// times to addr, pipelined, and returns how long it took.
func loadBigStream(t *testing.T, addr string) time.Duration {
	t.Helper()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	nc.SetDeadline(time.Now().Add(5 * time.Minute))
	errc := make(chan error, 1)
	go func() {
		rd := bufio.NewReader(nc)
		for i := 0; i < streamMemoryEntries; i++ {
			line, err := rd.ReadString('\n')
			if err == nil && line[0] == '$' {
				line, err = rd.ReadString('\n')
			}
			if err != nil || len(line) < 5 {
				errc <- fmt.Errorf("reply %d: %q %v", i, line, err)
				return
			}
		}
		errc <- nil
	}()
	start := time.Now()
	w := bufio.NewWriterSize(nc, 1<<16)
	var buf []byte
	for i := 0; i < streamMemoryEntries; i++ {
		buf = appendCommand(buf[:0], "XADD", "big", "*", "sensor", strconv.Itoa(i%1000), "temp", strconv.Itoa(15+i%20))
		w.Write(buf)
	}
	w.Flush()
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	return time.Since(start)
}

func TestStreamMemory(t *testing.T) {
	if os.Getenv("NOSQL_MEMORY") != "1" {
		t.Skip("set NOSQL_MEMORY=1 to measure a stream of 1,000,000 entries beside redis-server")
	}
	addr, pid, _ := startNosqlProc(t)
	base := procKB(t, pid, "VmRSS")
	took := loadBigStream(t, addr)
	time.Sleep(2 * time.Second) // let the collector settle, as a client would see it
	rss, peak := procKB(t, pid, "VmRSS"), procKB(t, pid, "VmHWM")
	t.Logf("nosql:        %d XADDs in %v; resident %d KiB at start, %d KiB loaded (peak %d KiB)",
		streamMemoryEntries, took.Round(time.Millisecond), base, rss, peak)

	raddr, rpid := startRedisProc(t)
	rbase := procKB(t, rpid, "VmRSS")
	rtook := loadBigStream(t, raddr)
	rrss, rpeak := procKB(t, rpid, "VmRSS"), procKB(t, rpid, "VmHWM")
	t.Logf("redis-server: %d XADDs in %v; resident %d KiB at start, %d KiB loaded (peak %d KiB)",
		streamMemoryEntries, rtook.Round(time.Millisecond), rbase, rrss, rpeak)
	if rss > rrss {
		t.Errorf("nosql holds the stream in %d KiB, Redis in %d KiB", rss, rrss)
	}
}
