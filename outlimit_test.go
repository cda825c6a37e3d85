// outlimit_test.go tests that a client's pending output is bounded:
// client-output-buffer-limit parsed and reported as Redis does, a client
// past its hard limit disconnected at once with nothing sent, past its soft
// limit only after the soft seconds, and the MGET bomb against a real
// process, its resident memory read from /proc.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestOutputLimitsParse(t *testing.T) {
	const defaults = "normal 1073741824 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"
	const (
		wrongCount = "Wrong number of arguments in buffer limit configuration."
		badClass   = "Invalid client class specified in buffer limit configuration."
		badValue   = "Error in hard, soft or soft_seconds setting in buffer limit configuration."
	)
	for _, tc := range []struct{ in, want, err string }{
		{"", defaults, ""},
		{"normal 1mb 0 0", "normal 1048576 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", ""},
		{"Normal 1MB 2k 3 replica 1gb 1kb 60 PUBSUB 1g 2m 0", "normal 1048576 2000 3 slave 1073741824 1024 60 pubsub 1000000000 2000000 0", ""},
		{"slave 1 2 3 normal 4 5 6 normal 7 8 9", "normal 7 8 9 slave 1 2 3 pubsub 33554432 8388608 60", ""},
		{"normal 1 2 +3", "normal 1 2 3 slave 268435456 67108864 60 pubsub 33554432 8388608 60", ""},
		{"normal 1 2 ", "normal 1 2 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", ""},
		{"normal 99999999999999999999 0 2147483647", "normal 18446744073709551615 0 2147483647 slave 268435456 67108864 60 pubsub 33554432 8388608 60", ""},
		{"normal 1mb 0", "", wrongCount},
		{"normal  1mb 0 0", "", wrongCount},
		{"normal 1 2 3 x", "", wrongCount},
		{"foo 1 2 3", "", badClass},
		{"master 1 2 3", "", badClass},
		{"normal 1 2 3 foo 1 2 3", "", badClass},
		{"normal x 0 0", "", badValue},
		{"normal -1 0 0", "", badValue},
		{"normal +5 0 0", "", badValue},
		{"normal 1.5mb 0 0", "", badValue},
		{"normal 1tb 0 0", "", badValue},
		{"normal 0x10 0 0", "", badValue},
		{"normal 1 2 -1", "", badValue},
		{"normal 1 2 3x", "", badValue},
		{"normal 1 2 2147483648", "", badValue},
		{"normal 1 2 99999999999999999999", "", badValue},
	} {
		got, msg := parseOutputLimits(defaultOutputLimits, tc.in)
		if msg != tc.err || (msg == "" && got.String() != tc.want) {
			t.Errorf("%q: %q %q, want %q %q", tc.in, got.String(), msg, tc.want, tc.err)
		}
	}
}

// TestOutputLimitConfig sets the limit with CONFIG SET and with the
// Config field, and checks CONFIG GET and the errors.
func TestOutputLimitConfig(t *testing.T) {
	srv := startServer(t, func(c *Config) { c.ClientOutputBufferLimit = "pubsub 1mb 512kb 10" })
	cl := dialServer(t, srv)
	bulk := func(s string) string { return fmt.Sprintf("$%d\r\n%s\r\n", len(s), s) }
	get := func(v string) string { return "*2\r\n" + bulk("client-output-buffer-limit") + bulk(v) }
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"CONFIG", "GET", "client-output-buffer-limit"}, get("normal 1073741824 0 0 slave 268435456 67108864 60 pubsub 1048576 524288 10")},
		{[]string{"CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0 0"}, "+OK\r\n"},
		{[]string{"CONFIG", "GET", "client-output-*"}, get("normal 1048576 0 0 slave 268435456 67108864 60 pubsub 1048576 524288 10")},
		{[]string{"CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0"}, "-ERR CONFIG SET failed (possibly related to argument 'client-output-buffer-limit') - Wrong number of arguments in buffer limit configuration.\r\n"},
		{[]string{"CONFIG", "SET", "client-output-buffer-limit", "normal 1 2 3", "max-request", "0"}, "-ERR CONFIG SET failed (possibly related to argument 'max-request') - argument must be between 1 and " + formatInt(honouredLimit()) + " inclusive\r\n"},
		{[]string{"CONFIG", "GET", "client-output-buffer-limit"}, get("normal 1048576 0 0 slave 268435456 67108864 60 pubsub 1048576 524288 10")},
	} {
		if got := cl.do(tc.args...); got != tc.want {
			t.Errorf("%q = %q, want %q", tc.args, got, tc.want)
		}
	}
	for _, tc := range []struct{ flag, want, err string }{
		{"normal 256mb 0 0", "normal 268435456 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", ""},
		{"normal 1 2", "", "Wrong number of arguments"},
	} {
		cfg, _, _, err := parseFlags([]string{"-client-output-buffer-limit", tc.flag, "-appendonly=false", "-dir", t.TempDir()}, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		srv, err := NewServer(cfg)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("-client-output-buffer-limit %q: %v, want %q", tc.flag, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("-client-output-buffer-limit %q: %v", tc.flag, err)
		case tc.err == "" && srv.set.outputLimits().String() != tc.want:
			t.Errorf("-client-output-buffer-limit %q: %q, want %q", tc.flag, srv.set.outputLimits().String(), tc.want)
		}
	}
}

// logServer starts a server whose log is kept in the returned buffer.
func logServer(t *testing.T) (*Server, *syncBuffer) {
	var logs syncBuffer
	srv := startServer(t, func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
	return srv, &logs
}

// mgetCommand is MGET naming key n times.
func mgetCommand(key string, n int) string {
	args := make([]string, 0, n+1)
	args = append(args, "MGET")
	for range n {
		args = append(args, key)
	}
	return encodeCommand(args...)
}

// limitLine waits (bounded) for the log line of the client at addr
// closed for a limit of the given kind and returns it.
func limitLine(t *testing.T, logs *syncBuffer, addr, which string) string {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		for _, l := range strings.Split(logs.String(), "\n") {
			if strings.Contains(l, "level=WARN") && strings.Contains(l, "output buffer limit") &&
				strings.Contains(l, "client="+addr+" ") && strings.Contains(l, "limit="+which+" ") {
				return l
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s limit line for %s in the log:\n%s", which, addr, logs.String())
		}
	}
}

// pendingBytes returns the pending_bytes of a limit log line.
func pendingBytes(t *testing.T, line string) int64 {
	t.Helper()
	_, v, _ := strings.Cut(line, "pending_bytes=")
	n, err := strconv.ParseInt(strings.Fields(v + " ")[0], 10, 64)
	if err != nil {
		t.Fatalf("no pending_bytes in %q", line)
	}
	return n
}

// TestOutputLimitHard checks that a reply past the hard limit closes its
// client with nothing sent, logged with its address and pending bytes,
// while a reply under it is answered whole.
func TestOutputLimitHard(t *testing.T) {
	srv, logs := logServer(t)
	cl := dialServer(t, srv)
	value := strings.Repeat("v", 100<<10)
	cl.do("SET", "big", value)
	if r := cl.do("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0 0"); r != "+OK\r\n" {
		t.Fatal(r)
	}
	want := fmt.Sprintf("*8\r\n%s", strings.Repeat(fmt.Sprintf("$%d\r\n%s\r\n", len(value), value), 8))
	cl.send(mgetCommand("big", 8))
	if r := cl.reply(); r != want {
		t.Fatalf("MGET under the limit: %d bytes, want %d", len(r), len(want))
	}
	for _, n := range []int{11, 1000} { // just past the limit, and far past it
		bomb := dialServer(t, srv)
		bomb.send(mgetCommand("big", n))
		b, err := io.ReadAll(bomb.rd)
		if err != nil || len(b) != 0 {
			t.Fatalf("MGET of %d past the limit: read %d bytes, %v; want the connection closed with nothing sent", n, len(b), err)
		}
		line := limitLine(t, logs, bomb.nc.LocalAddr().String(), "hard")
		if p := pendingBytes(t, line); p < 1<<20 || p > 1<<20+int64(len(value))+outBlockSize {
			t.Errorf("pending_bytes %d, want the limit, 1 MiB, past it by at most a value queued by reference and a block", p)
		}
	}
	if r := cl.do("PING"); r != "+PONG\r\n" {
		t.Fatalf("another client after the disconnections: %q", r)
	}
}

// TestOutputLimitSoft checks that a client past its soft limit is
// disconnected only once it has stayed there past the soft seconds.
func TestOutputLimitSoft(t *testing.T) {
	srv, logs := logServer(t)
	cl := dialServer(t, srv)
	cl.do("SET", "big", strings.Repeat("v", 100<<10))
	if r := cl.do("CONFIG", "SET", "client-output-buffer-limit", "normal 0 1mb 2"); r != "+OK\r\n" {
		t.Fatal(r)
	}
	// A 40 MB reply, unread: more than loopback's socket buffers hold.
	slow := dialServer(t, srv)
	sent := time.Now()
	slow.send(mgetCommand("big", 400))
	addr := slow.nc.LocalAddr().String()
	// The server saw the request after it was sent, so until 2 s after
	// sent it must still hold the client (however slowly it runs).
	time.Sleep(time.Second)
	connected := strings.Contains(cl.do("CLIENT", "LIST"), "addr="+addr+" ")
	early := strings.Contains(logs.String(), "client="+addr+" ")
	if time.Since(sent) < 2*time.Second && (!connected || early) {
		t.Fatalf("disconnected before the soft seconds passed (listed %v, logged %v):\n%s", connected, early, logs.String())
	}
	line := limitLine(t, logs, addr, "soft")
	if p := pendingBytes(t, line); p < 1<<20 {
		t.Errorf("pending_bytes %d, want at least the soft limit", p)
	}
	slow.nc.SetReadDeadline(time.Now().Add(30 * time.Second))
	if n, err := io.Copy(io.Discard, slow.rd); err != nil && !isReset(err) {
		t.Fatalf("after %d bytes: %v, want the connection closed", n, err)
	}
	t.Logf("soft limit 1mb for 2 s: disconnected after %v", time.Since(sent).Round(time.Millisecond))
}

// isReset reports whether err is a connection reset, as closing a socket
// with unread input causes.
func isReset(err error) bool {
	return err != nil && strings.Contains(err.Error(), "connection reset")
}

// processRSS returns VmRSS of process pid.
func processRSS(t *testing.T, pid int) int64 {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0 // the process is gone
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	t.Fatalf("no VmRSS in /proc/%d/status", pid)
	return 0
}

// bombResult is what one MGET bomb measured.
type bombResult struct {
	before, peak, after int64         // resident bytes
	settle              time.Duration // from the disconnection until after
	closed              bool          // the server closed the bomb's connection
	sent                int           // bytes the bomb received
	pings               []time.Duration
}

func (r bombResult) p99() time.Duration {
	if len(r.pings) == 0 {
		return 0
	}
	s := slices.Clone(r.pings)
	slices.Sort(s)
	return s[len(s)*99/100]
}

func (r bombResult) String() string {
	return fmt.Sprintf("VmRSS %d MiB before, %d MiB peak, %d MiB %v after the disconnection; bomb got %d bytes, server closed it: %v; PING (from the bomb to 1 s after the disconnection) p99 %v, max %v over %d",
		r.before>>20, r.peak>>20, r.after>>20, r.settle.Round(time.Millisecond), r.sent, r.closed, r.p99(), slices.Max(append(r.pings, 0)), len(r.pings))
}

// The MGET bomb: one MGET naming an 11,000-byte value 100,000 times, a
// 1.1 GB reply, never read. (With the 10 KB value the reply is
// 1.0 GB, just under the 1gb (GiB) default limit: it would be kept whole.)
const (
	bombValue = 11000
	bombNames = 100000
)

// mgetBomb sets the bomb's key on the server at addr (process pid), sends
// the bomb, never reading it, and waits until the server closes the bomb's
// connection (or, with waitClose false, until the reply is built, then
// closes it). It measures resident memory throughout and until it falls
// back (bounded), and PING from another client from the bomb until a
// second after its connection closed.
func mgetBomb(t *testing.T, addr string, pid int, waitClose bool) bombResult {
	t.Helper()
	side, err := dialRaw(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer side.close()
	if r, err := side.do("SET", "bigkey", strings.Repeat("x", bombValue)); r != "+OK\r\n" {
		t.Fatalf("SET bigkey: %q %v", r, err)
	}
	var res bombResult
	res.before = processRSS(t, pid)

	stop, stopPings := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	wg.Add(2)
	go func() { // PING from another client, throughout
		defer wg.Done()
		pc, err := dialRaw(addr)
		if err != nil {
			return
		}
		defer pc.close()
		for i := 0; i < 200000; i++ {
			select {
			case <-stopPings:
				return
			default:
			}
			start := time.Now()
			if r, err := pc.do("PING"); err != nil || r != "+PONG\r\n" {
				return
			}
			mu.Lock()
			res.pings = append(res.pings, time.Since(start))
			mu.Unlock()
			time.Sleep(time.Millisecond)
		}
	}()
	go func() { // resident memory, throughout
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			rss := processRSS(t, pid)
			mu.Lock()
			res.peak = max(res.peak, rss)
			mu.Unlock()
		}
	}()

	bomb, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer bomb.Close()
	if _, err := bomb.Write([]byte(mgetCommand("bigkey", bombNames))); err != nil {
		t.Fatalf("sending the bomb: %v", err)
	}
	if waitClose {
		bomb.SetReadDeadline(time.Now().Add(120 * time.Second))
		n, err := io.Copy(io.Discard, bufio.NewReader(bomb))
		res.sent, res.closed = int(n), err == nil || isReset(err)
	} else { // Redis keeps the client: wait until its reply is built
		for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			mu.Lock()
			peak := res.peak
			mu.Unlock()
			if peak > bombNames*bombValue {
				break
			}
		}
		time.Sleep(500 * time.Millisecond)
		bomb.Close()
	}
	closedAt := time.Now()
	time.AfterFunc(time.Second, func() { close(stopPings) })
	for deadline := closedAt.Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		res.after = processRSS(t, pid)
		if res.after < res.before+100<<20 || time.Now().After(deadline) {
			break
		}
	}
	res.settle = time.Since(closedAt)
	time.Sleep(time.Until(closedAt.Add(time.Second)))
	close(stop)
	wg.Wait()
	return res
}

// TestOutputLimitMGetBomb sends the MGET bomb to a real server process:
// with the default 1gb limit the client is disconnected with nothing sent,
// resident memory stays under 1.5 GiB, and falls back afterwards. PING
// latency from another client is printed beside redis-server's.
func TestOutputLimitMGetBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a real process that takes over 1 GiB")
	}
	bin := buildNosql(t)
	dir := t.TempDir()
	p := startProc(t, bin, dir, "-appendonly=false")
	res := mgetBomb(t, p.addr, p.cmd.Process.Pid, true)
	t.Logf("nosql: %v", res)
	logs, _ := os.ReadFile(p.log.Name())
	switch {
	case !res.closed || res.sent != 0:
		t.Errorf("the bomb's connection: closed %v after %d bytes; want closed with nothing sent", res.closed, res.sent)
	case res.peak >= 3<<29:
		t.Errorf("VmRSS peaked at %d MiB, want under 1.5 GiB", res.peak>>20)
	case res.after >= res.before+100<<20:
		t.Errorf("VmRSS %d MiB %v after the disconnection, %d MiB before the bomb: memory not returned", res.after>>20, res.settle, res.before>>20)
	case !bytes.Contains(logs, []byte("closing client that reached the output buffer limit")):
		t.Errorf("no limit line in the log:\n%s", logs)
	}
	t.Run("redis-server", func(t *testing.T) {
		addr := startRedis(t)
		info, err := dialRaw(addr)
		if err != nil {
			t.Fatal(err)
		}
		defer info.close()
		r, _ := info.do("INFO", "server")
		_, v, _ := strings.Cut(r, "process_id:")
		pid, err := strconv.Atoi(strings.Fields(v)[0])
		if err != nil {
			t.Fatalf("no process_id in %q", r)
		}
		t.Logf("redis-server (no limit for normal clients): %v", mgetBomb(t, addr, pid, false))
	})
}

// TestBigValueToManyClients: 150 clients GET one 32 MiB value and do not
// read the reply. The value is queued by reference, not copied per client,
// so resident memory grows by about the value, not 150 copies of it (4.7
// GiB); a client that reads gets the value byte for byte.
func TestBigValueToManyClients(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a real process")
	}
	const clients, size = 150, 32 << 20
	addr, pid, _ := startNosqlProc(t)
	c, err := dialRaw(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	c.nc.SetDeadline(time.Now().Add(time.Minute))
	value := strings.Repeat("0123456789abcdef", size/16)
	if r, err := c.do("SET", "big", value); err != nil || r != "+OK\r\n" {
		t.Fatalf("SET: %q %v", r, err)
	}
	base := procKB(t, pid, "VmRSS")
	get := encodeCommand("GET", "big")
	var conns []net.Conn
	defer func() {
		for _, nc := range conns {
			nc.Close()
		}
	}()
	for i := 0; i < clients; i++ {
		nc, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, nc)
		nc.Write([]byte(get))
	}
	for i, nc := range conns { // each reply has begun: it is queued in full
		nc.SetReadDeadline(time.Now().Add(30 * time.Second))
		var b [1]byte
		if _, err := nc.Read(b[:]); err != nil || b[0] != '$' {
			t.Fatalf("client %d: %q %v", i, b, err)
		}
	}
	held := procKB(t, pid, "VmRSS")
	t.Logf("%d clients holding a GET of %d MiB unread: resident %d KiB before, %d KiB after", clients, size>>20, base, held)
	if held-base > 4*size>>10 {
		t.Errorf("resident memory grew by %d KiB for %d unread replies of one %d KiB value", held-base, clients, size>>10)
	}
	got, err := c.do("GET", "big")
	if want := "$" + strconv.Itoa(size) + "\r\n" + value + "\r\n"; err != nil || got != want {
		t.Errorf("GET big: %d bytes, %v; want %d bytes, equal", len(got), err, len(want))
	}
}
