// access_test.go tests the password (AUTH, HELLO AUTH, NOAUTH over both
// protocols, -requirepass-file) and protected mode over TCP.
package main

import (
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const noAuthText = "False;ERROR: authentication required; send AUTH <password> first"

func TestAuthRESP(t *testing.T) {
	var logs syncBuffer
	srv := startServer(t, func(c *Config) {
		c.RequirePass = "s3cret"
		c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	cl := dialServer(t, srv)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"PING"}, "-NOAUTH Authentication required.\r\n"},
		{[]string{"SET", "k", "v"}, "-NOAUTH Authentication required.\r\n"},
		{[]string{"HELLO", "2"}, "-" + errHelloAuth + "\r\n"},
		{[]string{"AUTH", "wrongpw1"}, "-" + errWrongPass + "\r\n"},
		{[]string{"AUTH", "default", "wrongpw2"}, "-" + errWrongPass + "\r\n"},
		{[]string{"AUTH", "someone", "s3cret"}, "-" + errWrongPass + "\r\n"},
		{[]string{"AUTH", "s3cret"}, "+OK\r\n"},
		{[]string{"AUTH", "wrongpw3"}, "-" + errWrongPass + "\r\n"}, // stays authenticated
		{[]string{"SET", "k", "v"}, "+OK\r\n"},
		{[]string{"AUTH", "default", "s3cret"}, "+OK\r\n"},
	} {
		if got := cl.do(tc.args...); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.args, got, tc.want)
		}
	}
	if got := cl.do("INFO", "commandstats"); !strings.Contains(got, "cmdstat_ping:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0") {
		t.Errorf("the refused PING is not counted as rejected:\n%s", got)
	}
	l := logs.String()
	if n := strings.Count(l, "authentication failed"); n != 4 || !strings.Contains(l, cl.nc.LocalAddr().String()) {
		t.Errorf("want 4 warnings naming the client %s:\n%s", cl.nc.LocalAddr(), l)
	}
	for _, secret := range []string{"wrongpw", "s3cret"} {
		if strings.Contains(l, secret) {
			t.Errorf("the log holds a password (%s):\n%s", secret, l)
		}
	}
}

func TestAuthHello(t *testing.T) {
	srv := startServer(t, func(c *Config) { c.RequirePass = "pw" })
	cl := dialServer(t, srv)
	if got := cl.do("HELLO", "2", "AUTH", "default", "nope"); got != "-"+errWrongPass+"\r\n" {
		t.Errorf("HELLO with a wrong password = %q", got)
	}
	if got := cl.do("HELLO", "2", "AUTH", "default", "pw", "SETNAME", "me"); !strings.HasPrefix(got, "*14\r\n$6\r\nserver\r\n$5\r\nnosql\r\n") {
		t.Errorf("HELLO 2 AUTH default pw = %q", got)
	}
	if got := cl.do("CLIENT", "GETNAME"); got != "$2\r\nme\r\n" {
		t.Errorf("CLIENT GETNAME after HELLO = %q", got)
	}
	q := dialServer(t, srv)
	if got := q.do("QUIT"); got != "+OK\r\n" {
		t.Errorf("QUIT before AUTH = %q", got)
	}
	if got := readAll(t, q); got != "" {
		t.Errorf("after QUIT: %q", got)
	}
}

// TestAuthText: a semicolon client is refused until it sends AUTH inline
// on the same connection; refusals count as errors in STATS.
func TestAuthText(t *testing.T) {
	srv := startServer(t, func(c *Config) { c.RequirePass = "pw" })
	cl := dialServer(t, srv)
	for _, req := range []string{"PUT;a;1;INT", "GET;a;;", "STATS;;;"} {
		if got := cl.text(req); got != noAuthText {
			t.Errorf("%s before AUTH = %q", req, got)
		}
	}
	if got := cl.text("AUTH wrong"); got != "-"+errWrongPass+"\r" {
		t.Errorf("AUTH wrong = %q", got)
	}
	if got := cl.text("AUTH pw"); got != "+OK\r" {
		t.Fatalf("AUTH pw = %q", got)
	}
	if got := cl.text("PUT;a;1;INT"); got != "True;Key [a] set to [1]" {
		t.Errorf("PUT after AUTH = %q", got)
	}
	want := "True;{'PUT': {'success': 1, 'error': 1}, 'GET': {'success': 0, 'error': 1}"
	if got := cl.text("STATS;;;"); !strings.HasPrefix(got, want) {
		t.Errorf("STATS = %q, want it to start %q", got, want)
	}
	if _, ok := sdb(srv).Lookup([]byte("a")); !ok {
		t.Error("the PUT after AUTH did not store a")
	}
}

// TestAuthConfigSet: setting requirepass keeps connected clients logged
// in (as Redis does) and applies to new ones; clearing it lets everyone in.
func TestAuthConfigSet(t *testing.T) {
	srv := startServer(t)
	old := dialServer(t, srv)
	if got := old.do("CONFIG", "SET", "requirepass", "new"); got != "+OK\r\n" {
		t.Fatalf("CONFIG SET requirepass = %q", got)
	}
	if got := old.do("CONFIG", "GET", "requirepass"); got != "*2\r\n$11\r\nrequirepass\r\n$3\r\nnew\r\n" {
		t.Errorf("CONFIG GET requirepass = %q", got)
	}
	fresh := dialServer(t, srv)
	if got := fresh.do("PING"); got != "-NOAUTH Authentication required.\r\n" {
		t.Errorf("new client: PING = %q", got)
	}
	if got := fresh.text("GET;a;;"); got != noAuthText {
		t.Errorf("new client: GET = %q", got)
	}
	if got := old.do("CONFIG", "SET", "requirepass", ""); got != "+OK\r\n" {
		t.Fatalf("CONFIG SET requirepass '' = %q", got)
	}
	if got := fresh.do("PING"); got != "+PONG\r\n" {
		t.Errorf("after clearing the password: PING = %q", got)
	}
	if got := fresh.do("AUTH", "x"); got != "-"+errAuthNoPass+"\r\n" {
		t.Errorf("AUTH with no password = %q", got)
	}
}

// TestRequirepassFile starts the binary with the password in a file: it is
// the first line, and it is not on the command line.
func TestRequirepassFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pass")
	if err := os.WriteFile(file, []byte("from-file\r\nsecond line\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, addr, _ := startBinary(t, "-appendonly=false", "-requirepass-file", file)
	cl := dial(t, addr)
	for _, tc := range []struct{ pass, want string }{
		{"second line", "-" + errWrongPass + "\r\n"},
		{"from-file\r\nsecond line\n", "-" + errWrongPass + "\r\n"},
		{"from-file", "+OK\r\n"},
	} {
		if got := cl.do("AUTH", tc.pass); got != tc.want {
			t.Errorf("AUTH %q = %q, want %q", tc.pass, got, tc.want)
		}
	}
	args, err := os.ReadFile("/proc/" + formatInt(int64(cmd.Process.Pid)) + "/cmdline")
	if err == nil && strings.Contains(string(args), "from-file") {
		t.Errorf("the password is on the command line: %q", args)
	}
	for _, bad := range [][]string{{"-requirepass-file", filepath.Join(t.TempDir(), "missing")}, {"-requirepass", "a", "-requirepass-file", file}} {
		out, err := runBinary(t, bad...)
		if err == nil || !strings.Contains(out, "requirepass") {
			t.Errorf("%q: err %v, output %q", bad, err, out)
		}
	}
}

func TestProtectedRefusal(t *testing.T) {
	tcp := func(ip string) net.Addr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: 1234} }
	for _, tc := range []struct {
		addr                net.Addr
		password, protected bool
		want                bool
	}{
		{tcp("127.0.0.1"), false, true, false},
		{tcp("127.9.8.7"), false, true, false},
		{tcp("::1"), false, true, false},
		{tcp("::ffff:127.0.0.1"), false, true, false},
		{&net.UnixAddr{Name: "/tmp/s", Net: "unix"}, false, true, false},
		{tcp("192.0.2.2"), false, true, true},
		{tcp("10.0.0.1"), false, true, true},
		{tcp("fe80::1"), false, true, true},
		{tcp("0.0.0.0"), false, true, true},
		{tcp("192.0.2.2"), true, true, false},
		{tcp("192.0.2.2"), false, false, false},
		{tcp("192.0.2.2"), true, false, false},
	} {
		if got := protectedRefusal(tc.addr, tc.password, tc.protected); got != tc.want {
			t.Errorf("protectedRefusal(%v, password %v, protected %v) = %v", tc.addr, tc.password, tc.protected, got)
		}
	}
}

// TestProtectedModeLoopback: with no password and protected mode on (the
// defaults) a loopback client is served.
func TestProtectedModeLoopback(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	if got := cl.do("CONFIG", "GET", "protected-mode"); got != "*2\r\n$14\r\nprotected-mode\r\n$3\r\nyes\r\n" {
		t.Errorf("CONFIG GET protected-mode = %q", got)
	}
	if got := cl.text("PUT;a;1;INT"); got != "True;Key [a] set to [1]" {
		t.Errorf("PUT = %q", got)
	}
}

// TestProtectedModeNonLoopback listens on one of this machine's own
// non-loopback addresses and connects from it, so the client is not on
// loopback: refused in protected mode with no password, served with a
// password or with protected mode off.
func TestProtectedModeNonLoopback(t *testing.T) {
	ip := localNonLoopback(t)
	var logs syncBuffer
	srv := startServer(t, func(c *Config) {
		c.Addr = net.JoinHostPort(ip, "0")
		c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	cl := dialServer(t, srv)
	if got := readAll(t, cl); got != deniedMsg {
		t.Errorf("non-loopback client in protected mode got %q", got)
	}
	// Serve warns before it accepts: the client above was accepted
	if l := logs.String(); !strings.Contains(l, "listening beyond loopback with no password") {
		t.Errorf("no warning at start:\n%s", l)
	}
	if !strings.HasPrefix(deniedMsg, "-DENIED Redis is running in protected mode") {
		t.Errorf("deniedMsg is not Redis's: %q", deniedMsg)
	}
	srv.setPassword("pw")
	if got := dialServer(t, srv).do("PING"); got != "-NOAUTH Authentication required.\r\n" {
		t.Errorf("with a password: PING = %q", got)
	}
	srv.setPassword("")
	srv.set.protectedMode.Store(false)
	if got := dialServer(t, srv).do("PING"); got != "+PONG\r\n" {
		t.Errorf("protected mode off: PING = %q", got)
	}
}

// localNonLoopback returns an IPv4 address of this machine that is not
// loopback, or skips the test.
func localNonLoopback(t *testing.T) string {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Skipf("%s: cannot list this machine's addresses: %v", t.Name(), err)
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
			return n.IP.String()
		}
	}
	t.Skipf("%s: this machine has no non-loopback IPv4 address", t.Name())
	return ""
}
