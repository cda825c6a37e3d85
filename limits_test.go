// limits_test.go tests the connection limits over TCP: maxclients (and
// its fit to the open file limit), the idle timeout, and TCP keep-alive.
package main

import (
	"io"
	"net"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readAll reads until EOF and returns what came, failing on any other
// error (a reset or the test's deadline).
func readAll(t *testing.T, cl *tclient) string {
	t.Helper()
	b, err := io.ReadAll(cl.rd)
	if err != nil {
		t.Fatalf("read to EOF: %v (got %q)", err, b)
	}
	return string(b)
}

// dialUntilServed dials srv until a connection answers PING (a client that
// left is unregistered asynchronously), trying at most 100 times.
func dialUntilServed(t *testing.T, srv *Server) *tclient {
	t.Helper()
	for i := 0; i < 100; i++ {
		cl := dialServer(t, srv)
		cl.send(encodeCommand("PING"))
		if r, err := readReply(cl.rd); err == nil && r == "+PONG\r\n" {
			return cl
		}
		cl.nc.Close()
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("no connection was served after 100 tries")
	return nil
}

func TestMaxClients(t *testing.T) {
	srv := startServer(t, func(c *Config) { c.MaxClients = 3 })
	var clients []*tclient
	for i := 0; i < 3; i++ {
		cl := dialServer(t, srv)
		if got := cl.do("PING"); got != "+PONG\r\n" {
			t.Fatalf("client %d: PING = %q", i, got)
		}
		clients = append(clients, cl)
	}
	for _, first := range []string{"", "PING\r\n", "GET;foo;;\n"} {
		extra := dialServer(t, srv)
		if first != "" {
			extra.send(first)
		}
		if got := readAll(t, extra); got != "-ERR max number of clients reached\r\n" {
			t.Errorf("client past maxclients after %q: got %q", first, got)
		}
	}
	info := clients[0].do("INFO", "clients", "stats")
	for _, want := range []string{"connected_clients:3\r\n", "maxclients:3\r\n", "rejected_connections:3\r\n"} {
		if !strings.Contains(info, want) {
			t.Errorf("INFO lacks %q:\n%s", want, info)
		}
	}
	clients[2].do("QUIT")
	dialUntilServed(t, srv)
}

func TestMaxClientsConfigSet(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	if got := cl.do("CONFIG", "SET", "maxclients", "1"); got != "+OK\r\n" {
		t.Fatalf("CONFIG SET maxclients 1 = %q", got)
	}
	if got := readAll(t, dialServer(t, srv)); got != errMaxClients {
		t.Errorf("second client: %q", got)
	}
	if got := cl.do("CONFIG", "GET", "maxclients"); got != "*2\r\n$10\r\nmaxclients\r\n$1\r\n1\r\n" {
		t.Errorf("CONFIG GET maxclients = %q", got)
	}
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil || rl.Max >= 1<<32-1-reservedFDs {
		t.Skipf("%s: the hard open file limit (%d) fits any maxclients; cannot test the refusal", t.Name(), rl.Max)
	}
	want := "-ERR CONFIG SET failed (possibly related to argument 'maxclients') - The operating system is not able to handle the specified number of clients, try with " + formatInt(int64(rl.Max)-reservedFDs) + "\r\n"
	if got := cl.do("CONFIG", "SET", "maxclients", formatInt(int64(rl.Max))); got != want {
		t.Errorf("CONFIG SET maxclients past the hard limit:\n got %q\nwant %q", got, want)
	}
	if got := cl.do("CONFIG", "GET", "maxclients"); got != "*2\r\n$10\r\nmaxclients\r\n$1\r\n1\r\n" {
		t.Errorf("maxclients changed by a refused CONFIG SET: %q", got)
	}
}

// TestMaxClientsLoweredByFileLimit runs the binary under "ulimit -n 100":
// maxclients 1000 cannot fit, so it is lowered to 100-32 with a warning.
func TestMaxClientsLoweredByFileLimit(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skipf("%s: sh is not installed", t.Name())
	}
	cmd := exec.Command("sh", "-c", `ulimit -n 100 && exec "$0" "$@"`, buildBinary(t),
		"-addr", "127.0.0.1:0", "-appendonly=false", "-maxclients", "1000")
	_, addr, logs := startBinaryCmd(t, cmd)
	cl := dial(t, addr)
	if got := cl.do("CONFIG", "GET", "maxclients"); got != "*2\r\n$10\r\nmaxclients\r\n$2\r\n68\r\n" {
		t.Errorf("CONFIG GET maxclients = %q, want 68", got)
	}
	if l := logs.String(); !strings.Contains(l, "maxclients lowered") || !strings.Contains(l, "requested=1000 maxclients=68") {
		t.Errorf("no warning naming the lowered maxclients:\n%s", l)
	}
}

func TestIdleTimeout(t *testing.T) {
	srv := startServer(t, func(c *Config) { c.Timeout = 1 })
	resp, text := dialServer(t, srv), dialServer(t, srv)
	if got := resp.do("PING"); got != "+PONG\r\n" {
		t.Fatalf("PING = %q", got)
	}
	if got := text.text("PUT;a;1;INT"); got != "True;Key [a] set to [1]" {
		t.Fatalf("PUT = %q", got)
	}
	for name, cl := range map[string]*tclient{"resp": resp, "text": text} {
		if got := readAll(t, cl); got != "" {
			t.Errorf("%s: idle client got %q before being closed", name, got)
		}
	}
}

// TestIdleTimeoutConfigSet sets the timeout on a connection (which is then
// closed when idle) and clears it on another (which then stays open).
func TestIdleTimeoutConfigSet(t *testing.T) {
	t.Parallel()
	srv := startServer(t)
	cl := dialServer(t, srv)
	if got := cl.do("CONFIG", "SET", "timeout", "1"); got != "+OK\r\n" {
		t.Fatalf("CONFIG SET timeout 1 = %q", got)
	}
	if got := readAll(t, cl); got != "" {
		t.Errorf("idle client got %q", got)
	}
	cl = dialServer(t, srv)
	for _, v := range []string{"3", "0"} {
		if got := cl.do("CONFIG", "SET", "timeout", v); got != "+OK\r\n" {
			t.Fatalf("CONFIG SET timeout %s = %q", v, got)
		}
	}
	time.Sleep(4 * time.Second) // past the 3 s a deadline left armed would allow
	if got := cl.do("PING"); got != "+PONG\r\n" {
		t.Errorf("PING after timeout 0 = %q", got)
	}
}

func TestKeepAliveConfig(t *testing.T) {
	for _, tc := range []struct {
		secs int64
		want net.KeepAliveConfig
	}{
		{0, net.KeepAliveConfig{}},
		{1, net.KeepAliveConfig{Enable: true, Idle: time.Second, Interval: time.Second, Count: 3}},
		{300, net.KeepAliveConfig{Enable: true, Idle: 300 * time.Second, Interval: 100 * time.Second, Count: 3}},
		{1 << 31, net.KeepAliveConfig{Enable: true, Idle: 32767 * time.Second, Interval: 10922 * time.Second, Count: 3}},
	} {
		if got := keepAliveConfig(tc.secs); got.Enable != tc.want.Enable || got.Idle != tc.want.Idle ||
			got.Count != tc.want.Count || got.Interval != tc.want.Interval {
			t.Errorf("keepAliveConfig(%d) = %+v, want %+v", tc.secs, got, tc.want)
		}
	}
}

// TestKeepAlive reads the keep-alive options of the server's side of
// connections: those of tcp-keepalive 7, then, after CONFIG SET
// tcp-keepalive 0, none on a new connection.
func TestKeepAlive(t *testing.T) {
	srv := startServer(t, func(c *Config) { c.TCPKeepAlive = 7 })
	cl := dialServer(t, srv)
	cl.do("PING")
	want := map[int]int{syscall.SO_KEEPALIVE: 1, syscall.TCP_KEEPIDLE: 7, syscall.TCP_KEEPINTVL: 2, syscall.TCP_KEEPCNT: 3}
	for opt, w := range want {
		if got := serverSockopt(t, srv, cl, opt); got != w {
			t.Errorf("option %d = %d, want %d", opt, got, w)
		}
	}
	if got := cl.do("CONFIG", "SET", "tcp-keepalive", "0"); got != "+OK\r\n" {
		t.Fatalf("CONFIG SET tcp-keepalive 0 = %q", got)
	}
	if got := cl.do("CONFIG", "GET", "tcp-keepalive"); got != "*2\r\n$13\r\ntcp-keepalive\r\n$1\r\n0\r\n" {
		t.Errorf("CONFIG GET tcp-keepalive = %q", got)
	}
	cl2 := dialServer(t, srv)
	cl2.do("PING")
	if got := serverSockopt(t, srv, cl2, syscall.SO_KEEPALIVE); got != 0 {
		t.Errorf("SO_KEEPALIVE after tcp-keepalive 0 = %d", got)
	}
	if got := serverSockopt(t, srv, cl, syscall.TCP_KEEPIDLE); got != 7 {
		t.Errorf("an existing connection's TCP_KEEPIDLE changed to %d", got)
	}
}

// serverSockopt reads an integer socket option of the server's side of
// cl's connection (SOL_SOCKET for SO_*, IPPROTO_TCP otherwise).
func serverSockopt(t *testing.T, srv *Server, cl *tclient, opt int) int {
	t.Helper()
	var nc net.Conn
	srv.mu.Lock()
	for c := range srv.conns {
		if c.nc.RemoteAddr().String() == cl.nc.LocalAddr().String() {
			nc = c.nc
		}
	}
	srv.mu.Unlock()
	if nc == nil {
		t.Fatal("the server has no connection for the client")
	}
	raw, err := nc.(*net.TCPConn).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	level := syscall.IPPROTO_TCP
	if opt == syscall.SO_KEEPALIVE {
		level = syscall.SOL_SOCKET
	}
	var v int
	var serr error
	if err := raw.Control(func(fd uintptr) { v, serr = syscall.GetsockoptInt(int(fd), level, opt) }); err != nil || serr != nil {
		t.Fatalf("getsockopt %d: %v %v", opt, err, serr)
	}
	return v
}
