// config_listen_test.go checks that CONFIG SET port and bind move the
// listener (the new address answers, the old one refuses, connections
// already made keep going) and that an address that cannot be listened on
// is refused with Redis's error and rolls back what was set with it.
package main

import (
	"net"
	"strconv"
	"strings"
	"testing"
)

// freePort returns a loopback port nothing listens on.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// refuses reports whether nothing answers at addr.
func refuses(addr string) bool {
	nc, err := net.Dial("tcp", addr)
	if err == nil {
		nc.Close()
	}
	return err != nil
}

func TestConfigSetPortMovesListener(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	oldAddr := srv.Addr().String()
	port := strconv.Itoa(freePort(t))
	if got := cl.do("CONFIG", "SET", "port", port); got != "+OK\r\n" {
		t.Fatalf("CONFIG SET port %s = %q", port, got)
	}
	newAddr := "127.0.0.1:" + port
	if got := dial(t, newAddr).do("PING"); got != "+PONG\r\n" {
		t.Errorf("PING on the new port = %q", got)
	}
	if !refuses(oldAddr) {
		t.Errorf("the old address %s still accepts connections", oldAddr)
	}
	if got := cl.do("PING"); got != "+PONG\r\n" {
		t.Errorf("PING on the connection made before the move = %q", got)
	}
	if got := cl.do("CONFIG", "GET", "port"); got != "*2\r\n$4\r\nport\r\n$"+strconv.Itoa(len(port))+"\r\n"+port+"\r\n" {
		t.Errorf("CONFIG GET port = %q, want %s", got, port)
	}
	if srv.Addr().String() != newAddr {
		t.Errorf("Addr() = %s, want %s", srv.Addr(), newAddr)
	}
}

func TestConfigSetPortInUseRollsBack(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	before := map[string]string{}
	for _, name := range []string{"maxmemory", "port", "client-query-buffer-limit", "hz"} {
		before[name] = cl.do("CONFIG", "GET", name)
	}
	busyPort := strconv.Itoa(busy.Addr().(*net.TCPAddr).Port)
	got := cl.do("CONFIG", "SET", "maxmemory", "10000001", "hz", "50", "port", busyPort, "client-query-buffer-limit", "10m")
	if want := "-ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port"; !strings.HasPrefix(got, want) {
		t.Fatalf("CONFIG SET of a port in use = %q, want %q...", got, want)
	}
	for name, want := range before {
		if got := cl.do("CONFIG", "GET", name); got != want {
			t.Errorf("after the refused CONFIG SET, CONFIG GET %s = %q, want %q", name, got, want)
		}
	}
	if srv.hz() != 10 || srv.conf.maxmemory.Load() != 0 {
		t.Errorf("the refused CONFIG SET left hz %d, maxmemory %d", srv.hz(), srv.conf.maxmemory.Load())
	}
	if got := dialServer(t, srv).do("PING"); got != "+PONG\r\n" {
		t.Errorf("PING on the original port = %q", got)
	}
}

func TestConfigSetBind(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	oldAddr := srv.Addr().String()
	port := strconv.Itoa(srv.port())
	if got := cl.do("CONFIG", "SET", "bind", "127.0.0.2"); got != "+OK\r\n" {
		t.Fatalf("CONFIG SET bind 127.0.0.2 = %q", got)
	}
	if got := dial(t, "127.0.0.2:"+port).do("PING"); got != "+PONG\r\n" {
		t.Errorf("PING on the new address = %q", got)
	}
	if !refuses(oldAddr) {
		t.Errorf("the old address %s still accepts connections", oldAddr)
	}
	for _, tc := range []struct{ value, want string }{
		{"256.0.0.1", "-ERR CONFIG SET failed (possibly related to argument 'bind') - Failed to bind to specified addresses.\r\n"},
		{"127.0.0.1 127.0.0.3", "-ERR CONFIG SET failed (possibly related to argument 'bind') - nosql listens on one address; give one, or '* -::*' for every address\r\n"},
	} {
		if got := cl.do("CONFIG", "SET", "bind", tc.value); got != tc.want {
			t.Errorf("CONFIG SET bind %q = %q, want %q", tc.value, got, tc.want)
		}
	}
	if got := dial(t, "127.0.0.2:"+port).do("PING"); got != "+PONG\r\n" {
		t.Errorf("after refused binds, PING = %q", got)
	}
	if got := cl.do("CONFIG", "GET", "bind"); got != "*2\r\n$4\r\nbind\r\n$9\r\n127.0.0.2\r\n" {
		t.Errorf("CONFIG GET bind = %q", got)
	}
	for _, tc := range []struct{ set, get string }{{"* -::*", "* -::*"}, {"127.0.0.1", "127.0.0.1"}} {
		if got := cl.do("CONFIG", "SET", "bind", tc.set); got != "+OK\r\n" {
			t.Fatalf("CONFIG SET bind %q = %q", tc.set, got)
		}
		if got := dial(t, "127.0.0.1:"+port).do("CONFIG", "GET", "bind"); !strings.HasSuffix(got, "\r\n"+tc.get+"\r\n") {
			t.Errorf("after CONFIG SET bind %q, CONFIG GET bind = %q", tc.set, got)
		}
	}
	if got := cl.do("PING"); got != "+PONG\r\n" {
		t.Errorf("PING on the first connection = %q", got)
	}
}
