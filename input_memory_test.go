// input_memory_test.go measures, on a real nosql process, the resident
// memory that hostile input costs: a RESP array declaring 100 million
// elements and sending empty ones, and 500 clients sending endless lines.
// Memory is read from /proc/PID/status and asserted; PING latency from
// another client is measured and printed, never asserted. The same loads
// run against redis-server, when installed, for comparison.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// procKB returns a field (VmRSS, VmHWM) of /proc/PID/status in KiB.
func procKB(t *testing.T, pid int, field string) int64 {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("%s: cannot read /proc (%v); skipping the memory measurement", t.Name(), err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				t.Fatalf("%s: %q", field, line)
			}
			return n
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

// pipelined dials addr and, within limit, writes a bounded load by write
// while a reader reads replies replies by read, each of which must satisfy
// good; it returns how long the whole load took.
func pipelined(t *testing.T, addr string, limit time.Duration, replies int, read func(*bufio.Reader) (string, error), good func(string) bool, write func(*bufio.Writer)) time.Duration {
	t.Helper()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	nc.SetDeadline(time.Now().Add(limit))
	errc := make(chan error, 1)
	go func() {
		rd := bufio.NewReader(nc)
		for i := 0; i < replies; i++ {
			line, err := read(rd)
			if err != nil || !good(line) {
				errc <- fmt.Errorf("reply %d: %q %v", i, line, err)
				return
			}
		}
		errc <- nil
	}()
	start := time.Now()
	w := bufio.NewWriterSize(nc, 1<<16)
	write(w)
	w.Flush()
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	return time.Since(start)
}

// readLine reads one reply line.
func readLine(rd *bufio.Reader) (string, error) { return rd.ReadString('\n') }

// compareMemory loads a real nosql process, then a redis-server, by load
// (n of what), logs each one's resident memory at start, loaded and at its
// peak, and fails if nosql's loaded resident memory exceeds Redis's.
func compareMemory(t *testing.T, n int, what, holding string, load func(*testing.T, string) time.Duration) {
	t.Helper()
	addr, pid, _ := startNosqlProc(t)
	base := procKB(t, pid, "VmRSS")
	took := load(t, addr)
	time.Sleep(2 * time.Second) // let the collector settle, as a client would see it
	rss, peak := procKB(t, pid, "VmRSS"), procKB(t, pid, "VmHWM")
	t.Logf("nosql:        %d %s in %v; resident %d KiB at start, %d KiB loaded (peak %d KiB)",
		n, what, took.Round(time.Millisecond), base, rss, peak)

	raddr, rpid := startRedisProc(t)
	rbase := procKB(t, rpid, "VmRSS")
	rtook := load(t, raddr)
	rrss, rpeak := procKB(t, rpid, "VmRSS"), procKB(t, rpid, "VmHWM")
	t.Logf("redis-server: %d %s in %v; resident %d KiB at start, %d KiB loaded (peak %d KiB)",
		n, what, rtook.Round(time.Millisecond), rbase, rrss, rpeak)
	if rss > rrss {
		t.Errorf("nosql holds %s in %d KiB, Redis in %d KiB", holding, rss, rrss)
	}
}

// startNosqlProc starts the nosql binary with args and returns its
// address, pid and log file.
func startNosqlProc(t *testing.T, args ...string) (string, int, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	p := startProc(t, buildBinary(t), dir, append([]string{"-appendonly=false"}, args...)...)
	return p.addr, p.cmd.Process.Pid, p.log.Name()
}

// startRedisProc starts redis-server (or skips the test by name) with the
// CONFIG SET pairs given, and returns its address and pid.
func startRedisProc(t *testing.T, config ...string) (string, int) {
	t.Helper()
	addr := startRedis(t)
	c, err := dialRaw(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	for i := 0; i+1 < len(config); i += 2 {
		if r, err := c.do("CONFIG", "SET", config[i], config[i+1]); err != nil || r != "+OK\r\n" {
			t.Fatalf("CONFIG SET %s: %q %v", config[i], r, err)
		}
	}
	info, err := c.do("INFO", "server")
	_, rest, ok := strings.Cut(info, "process_id:")
	if err != nil || !ok {
		t.Fatalf("INFO server: %q %v", info, err)
	}
	pid, err := strconv.Atoi(strings.Fields(rest)[0])
	if err != nil {
		t.Fatal(err)
	}
	return addr, pid
}

// floodElements sends "*100000000\r\n" and then "$0\r\n\r\n" until the
// server closes the connection, at most maxBytes or a minute; it returns
// the bytes sent and whether the server closed the connection.
func floodElements(t *testing.T, addr string, maxBytes int) (int, bool) {
	t.Helper()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	elems := bytes.Repeat([]byte("$0\r\n\r\n"), 10000)
	chunk := append([]byte("*100000000\r\n"), elems...)
	sent := 0
	for deadline := time.Now().Add(time.Minute); sent < maxBytes && time.Now().Before(deadline); {
		nc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		n, err := nc.Write(chunk)
		sent += n
		if err != nil {
			return sent, !os.IsTimeout(err)
		}
		chunk = elems
	}
	return sent, false
}

// TestElementCountFloodMemory: with -client-query-buffer-limit 32 MiB, a
// RESP array declaring 100 million elements followed by empty elements is
// cut off near the limit; peak resident memory stays under baseline plus
// three times the limit, and the server logs a warning.
func TestElementCountFloodMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a real process under load")
	}
	const limit = 32 << 20
	addr, pid, logName := startNosqlProc(t, "-client-query-buffer-limit", strconv.Itoa(limit))
	base := procKB(t, pid, "VmRSS")
	sent, closed := floodElements(t, addr, 16*limit)
	peak, rss := procKB(t, pid, "VmHWM"), procKB(t, pid, "VmRSS")
	t.Logf("nosql: closed after %d KiB sent; resident %d KiB at start, peak %d KiB, now %d KiB", sent>>10, base, peak, rss)
	if !closed {
		t.Fatalf("%d bytes sent and the connection is still open", sent)
	}
	if peak-base > 3*limit>>10 {
		t.Errorf("peak resident memory grew by %d KiB, more than 3 x the %d KiB limit", peak-base, limit>>10)
	}
	if logs, _ := os.ReadFile(logName); !bytes.Contains(logs, []byte("query buffer limit")) {
		t.Errorf("no warning logged:\n%s", logs)
	}
	if c, err := dialRaw(addr); err != nil {
		t.Fatal(err)
	} else if r, err := c.do("PING"); r != "+PONG\r\n" {
		t.Fatalf("PING after the flood: %q %v", r, err)
	}

	t.Run("redis-server", func(t *testing.T) {
		raddr, rpid := startRedisProc(t, "client-query-buffer-limit", strconv.Itoa(limit))
		rbase := procKB(t, rpid, "VmRSS")
		sent, closed := floodElements(t, raddr, 2*limit) // Redis does not stop it: keep its memory modest
		t.Logf("redis-server: closed %v after %d KiB sent; resident %d KiB at start, peak %d KiB, now %d KiB",
			closed, sent>>10, rbase, procKB(t, rpid, "VmHWM"), procKB(t, rpid, "VmRSS"))
	})
}

// endlessLoad is what endlessLines measured.
type endlessLoad struct {
	burst, trickle, over string // PING latencies in each phase
	held                 int64  // resident KiB once the lines are held
	answered             int    // clients that read the error reply
}

// endlessLines has n clients send lines with no newline while another
// client PINGs: first burst bytes each, all together; then 512 bytes each
// every 10 ms for 2 s; then over bytes each, which passes -max-request,
// and each client reads the reply wantErr.
func endlessLines(t *testing.T, addr string, pid, n, burst, over int, prefix, wantErr string) endlessLoad {
	t.Helper()
	stop := make(chan struct{})
	pings := make(chan []ping, 1)
	go func() { pings <- pingLoop(addr, stop) }()
	conns := make([]net.Conn, 0, n)
	defer func() {
		for _, nc := range conns {
			nc.Close()
		}
	}()
	for len(conns) < n {
		nc, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatalf("dial %d: %v", len(conns), err)
		}
		conns = append(conns, nc)
		if _, err := nc.Write([]byte(prefix)); err != nil {
			t.Fatal(err)
		}
	}
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	send := func(nc net.Conn, total int) {
		nc.SetWriteDeadline(time.Now().Add(time.Minute))
		for left := total; left > 0; {
			m, err := nc.Write(chunk[:min(left, len(chunk))])
			if err != nil {
				return // the server closed this client
			}
			left -= m
		}
	}
	all := func(f func(nc net.Conn)) {
		var wg sync.WaitGroup
		for _, nc := range conns {
			wg.Add(1)
			go func() { defer wg.Done(); f(nc) }()
		}
		wg.Wait()
	}
	var load endlessLoad
	t0 := time.Now()
	all(func(nc net.Conn) { send(nc, burst) })
	waitRead(t, addr)
	t1 := time.Now()
	all(func(nc net.Conn) {
		for i := 0; i < 200; i++ {
			send(nc, 512)
			time.Sleep(10 * time.Millisecond)
		}
	})
	waitRead(t, addr)
	load.held = procKB(t, pid, "VmRSS")
	t2 := time.Now()
	var mu sync.Mutex
	all(func(nc net.Conn) {
		send(nc, over)
		nc.SetReadDeadline(time.Now().Add(time.Minute))
		buf := make([]byte, len(wantErr))
		if _, err := io.ReadFull(nc, buf); err == nil && string(buf) == wantErr {
			mu.Lock()
			load.answered++
			mu.Unlock()
		}
	})
	close(stop)
	lat := <-pings
	load.burst = latencySummary(lat, t0, t1)
	load.trickle = latencySummary(lat, t1, t2)
	load.over = latencySummary(lat, t2, time.Now())
	return load
}

// waitRead waits (at most 30 s) until the server listening on addr has
// read everything its clients sent: no established connection to its port
// has bytes in its receive queue (/proc/net/tcp).
func waitRead(t *testing.T, addr string) {
	t.Helper()
	_, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)
	local := fmt.Sprintf(":%04X", p)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		data, err := os.ReadFile("/proc/net/tcp")
		if err != nil {
			t.Skipf("%s: cannot read /proc/net/tcp (%v)", t.Name(), err)
		}
		unread := int64(0)
		for _, line := range strings.Split(string(data), "\n")[1:] {
			f := strings.Fields(line)
			if len(f) < 5 || !strings.HasSuffix(f[1], local) || f[3] != "01" {
				continue
			}
			_, rx, _ := strings.Cut(f[4], ":")
			n, _ := strconv.ParseInt(rx, 16, 64)
			unread += n
		}
		if unread == 0 {
			return
		}
	}
	t.Logf("the server at %s still had unread input after 30 s", addr)
}

// ping is one PING's start and latency.
type ping struct {
	at  time.Time
	lat time.Duration
}

// pingLoop PINGs addr every 5 ms until stop (at most 100,000 times).
func pingLoop(addr string, stop chan struct{}) []ping {
	c, err := dialRaw(addr)
	if err != nil {
		return nil
	}
	defer c.close()
	var pings []ping
	for len(pings) < 100000 {
		select {
		case <-stop:
			return pings
		case <-time.After(5 * time.Millisecond):
		}
		start := time.Now()
		if r, err := c.do("PING"); err != nil || r != "+PONG\r\n" {
			return pings
		}
		pings = append(pings, ping{start, time.Since(start)})
	}
	return pings
}

// latencySummary describes the latencies of the PINGs started between
// from and to: count, p50, p99, max.
func latencySummary(pings []ping, from, to time.Time) string {
	var lat []time.Duration
	for _, p := range pings {
		if !p.at.Before(from) && p.at.Before(to) {
			lat = append(lat, p.lat)
		}
	}
	if len(lat) == 0 {
		return "no PING answered"
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	return fmt.Sprintf("%d PINGs: p50 %v, p99 %v, max %v", len(lat), pct(0.50).Round(time.Microsecond),
		pct(0.99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond))
}

// TestEndlessLinesMemory: 500 clients each send a semicolon line (the
// longest a line may be) with no newline, 768 KiB at once, then 100 KiB
// slowly, then 300 KiB more, which passes -max-request (1 MiB). Peak resident memory stays within 1.5 x
// max-request per client over the baseline, and every client reads the
// error. PING latency from another client is printed for each phase.
func TestEndlessLinesMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a real process under load")
	}
	const clients, maxRequest = 500, 1 << 20
	const burst, over = 768 << 10, 300 << 10
	// a first request ends the first message's no-newline allowance, so
	// that a client stalled 200 ms by the load is not answered early
	wantErr := "+PONG\r\nFalse;ERROR: request too long\n"
	addr, pid, _ := startNosqlProc(t)
	base := procKB(t, pid, "VmRSS")
	load := endlessLines(t, addr, pid, clients, burst, over, "PING\r\nPUT;k;", wantErr)
	peak := procKB(t, pid, "VmHWM")
	t.Logf("nosql, %d endless lines: resident %d KiB at start, %d KiB holding them, peak %d KiB (%d KiB per client)",
		clients, base, load.held, peak, (peak-base)/clients)
	t.Logf("nosql PING latency: burst %s; trickle %s; past the limit %s", load.burst, load.trickle, load.over)
	if limit := base + clients*maxRequest*3/2>>10; peak > limit {
		t.Errorf("peak resident memory %d KiB, over %d KiB (baseline + 1.5 x max-request per client)", peak, limit)
	}
	if load.answered != clients {
		t.Errorf("%d of %d clients read the error reply", load.answered, clients)
	}

	t.Run("redis-server", func(t *testing.T) {
		raddr, rpid := startRedisProc(t)
		rbase := procKB(t, rpid, "VmRSS")
		load := endlessLines(t, raddr, rpid, clients, burst, over, "", "-ERR Protocol error: too big inline request\r\n")
		t.Logf("redis-server, %d endless lines: resident %d KiB at start, %d KiB holding them, peak %d KiB; %d answered the error at its 64 KiB inline limit",
			clients, rbase, load.held, procKB(t, rpid, "VmHWM"), load.answered)
		t.Logf("redis-server PING latency: burst %s; trickle %s; past the limit %s", load.burst, load.trickle, load.over)
	})
}
