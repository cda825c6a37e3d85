// stream_memory_test.go measures the resident memory of one stream of
// 1,000,000 entries of two small fields (issue 12 point 4) in a real nosql
// process beside redis-server, and asserts that nosql holds it in no more
// memory than Redis. Long: it runs only when NOSQL_MEMORY=1.
package main

import (
	"bufio"
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
	read := func(rd *bufio.Reader) (string, error) {
		line, err := rd.ReadString('\n')
		if err == nil && line[0] == '$' {
			line, err = rd.ReadString('\n')
		}
		return line, err
	}
	good := func(line string) bool { return len(line) >= 5 }
	return pipelined(t, addr, 5*time.Minute, streamMemoryEntries, read, good, func(w *bufio.Writer) {
		var buf []byte
		for i := 0; i < streamMemoryEntries; i++ {
			buf = appendCommand(buf[:0], "XADD", "big", "*", "sensor", strconv.Itoa(i%1000), "temp", strconv.Itoa(15+i%20))
			w.Write(buf)
		}
	})
}

func TestStreamMemory(t *testing.T) {
	if os.Getenv("NOSQL_MEMORY") != "1" {
		t.Skip("set NOSQL_MEMORY=1 to measure a stream of 1,000,000 entries beside redis-server")
	}
	compareMemory(t, streamMemoryEntries, "XADDs", "the stream", loadBigStream)
}
