// server_test.go holds end-to-end tests of the semicolon protocol: a Server
// on 127.0.0.1:0 spoken to over real TCP, responses compared byte for byte.
package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestTextSession runs every command once, in the order a user would, and
// compares each response exactly.
func TestTextSession(t *testing.T) {
	cl := dialServer(t, startServer(t))
	steps := []struct{ req, resp string }{
		{"STATS;;;", "True;{'PUT': {'success': 0, 'error': 0}, 'GET': {'success': 0, 'error': 0}, 'GETLIST': {'success': 0, 'error': 0}, 'PUTLIST': {'success': 0, 'error': 0}, 'INCREMENT': {'success': 0, 'error': 0}, 'APPEND': {'success': 0, 'error': 0}, 'DELETE': {'success': 0, 'error': 0}, 'STATS': {'success': 0, 'error': 0}}"},
		{"PUT;foo;1;INT", "True;Key [foo] set to [1]"},
		{"PUT; n ; +007 ; int", "True;Key [n] set to [7]"},
		{"GET;foo;;", "True;1"},
		{"GET;n", "True;7"},
		{"PUT;s;hello world;STRING", "True;Key [s] set to [hello world]"},
		{"PUT;s2;a;b;c;", "True;Key [s2] set to [a;b;c]"},
		{"GET;s2", "True;a;b;c"},
		{"PUT;e;x\\y;", `True;Key [e] set to [x\y]`},
		{"GET;e", `True;x\y`},
		{"PUTLIST;bar;a,b,c;LIST", "True;Key [bar] set to [['a', 'b', 'c']]"},
		{"PUT;colors;red, green, blue;LIST", "True;Key [colors] set to [['red', 'green', 'blue']]"},
		{"APPEND;bar;d;STRING", "True;Key [bar] had value [d] appended"},
		{"APPEND;bar;42;INT", "True;Key [bar] had value [42] appended"},
		{"APPEND;bar;x, y;LIST", "True;Key [bar] had value [x, y] appended"},
		{"GETLIST;bar;;", "True;['a', 'b', 'c', 'd', '42', 'x', 'y']"},
		{"GET;bar", "True;['a', 'b', 'c', 'd', '42', 'x', 'y']"},
		{"PUTLIST;empty;;", "True;Key [empty] set to [[]]"},
		{"GETLIST;empty", "True;[]"},
		{"PUTLIST;q;it's,a\\b;", `True;Key [q] set to [["it's", 'a\\b']]`},
		{"INCREMENT;foo;;", "True;Key [foo] incremented"},
		{"GET;foo", "True;2"},
		{"PUT;str;41;", "True;Key [str] set to [41]"},
		{"INCREMENT;str", "True;Key [str] incremented"},
		{"GET;str", "True;42"},
		{"PUT;max;9223372036854775807;INT", "True;Key [max] set to [9223372036854775807]"},
		{"INCREMENT;max", "False;ERROR: Key [max] increment would overflow"},
		{"GET;max", "True;9223372036854775807"},
		{"INCREMENT;s", "False;ERROR: Key [s] contains non-int value ([hello world])"},
		{"PUT;z;007;", "True;Key [z] set to [007]"},
		{"INCREMENT;z", "False;ERROR: Key [z] contains non-int value ([007])"},
		{"INCREMENT;bar", "False;ERROR: Key [bar] contains non-int value ([['a', 'b', 'c', 'd', '42', 'x', 'y']])"},
		{"INCREMENT;nope", "False;ERROR: Key [nope] not found"},
		{"GETLIST;s", "False;ERROR: Key [s] contains non-list value ([hello world])"},
		{"APPEND;s;x;", "False;ERROR: Key [s] contains non-list value ([hello world])"},
		{"APPEND;nope;x;", "False;ERROR: Key [nope] not found"},
		{"GETLIST;nope", "False;ERROR: Key [nope] not found"},
		{"DELETE;foo;;", "True;Key [foo] deleted"},
		{"GET;foo;;", "False;ERROR: Key [foo] not found"},
		{"DELETE;foo;;", "False;ERROR: Key [foo] not found and could not be deleted"},
		{"PUT;bad;12x;INT", "False;ERROR: Value [12x] is not an INT"},
		{"PUT;bad;99999999999999999999;INT", "False;ERROR: Value [99999999999999999999] is not an INT"},
		{"PUT;bad;1;FLOAT", "False;ERROR: Unknown value type [FLOAT]; use INT, STRING or LIST"},
		{"PUTLIST;bad;1;INT", "False;ERROR: PUTLIST stores a list; use TYPE LIST or leave it empty, not [INT]"},
		{"GET;s;;FLOAT", "True;hello world"},
		{"PUT;;1;INT", "False;ERROR: Command [PUT] requires a key"},
		{"get;;;", "False;ERROR: Command [GET] requires a key"},
		{"FROB;x;;", "False;Unknown command type [FROB]"},
		{";;;", "False;Unknown command type []"},
		{"STATS;;;", "True;{'PUT': {'success': 9, 'error': 4}, 'GET': {'success': 9, 'error': 2}, 'GETLIST': {'success': 2, 'error': 2}, 'PUTLIST': {'success': 3, 'error': 1}, 'INCREMENT': {'success': 2, 'error': 5}, 'APPEND': {'success': 3, 'error': 2}, 'DELETE': {'success': 1, 'error': 1}, 'STATS': {'success': 1, 'error': 0}}"},
	}
	for _, s := range steps {
		if got := cl.text(s.req); got != s.resp {
			t.Errorf("%s\n got: %s\nwant: %s", s.req, got, s.resp)
		}
	}
}

// TestTextEscaping checks that responses stay one line whatever the bytes.
func TestTextEscaping(t *testing.T) {
	srv := startServer(t)
	r := dialServer(t, srv)
	// store a value with CR, LF and backslash over RESP, read it over text
	if got := r.do("SET", "k\nk", "a\r\nb\\c"); got != "+OK\r\n" {
		t.Fatalf("SET: %q", got)
	}
	if got := r.do("RPUSH", "l", "x\ny", "it's"); got != ":2\r\n" {
		t.Fatalf("RPUSH: %q", got)
	}
	if got := r.text("GET;k\\nk;;"); got != `False;ERROR: Key [k\nk] not found` {
		t.Errorf("escaped key echo: %q", got)
	}
	r.send("GETLIST;l\n")
	if got := r.line(); got != `True;['x\ny', "it's"]` {
		t.Errorf("GETLIST: %q", got)
	}
}

// TestNoNewlineClients checks the original clients, which send one message
// without a newline and wait for the answer.
func TestNoNewlineClients(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	cl.send("PUT;foo;1;INT")
	if got := cl.line(); got != "True;Key [foo] set to [1]" {
		t.Fatalf("first: %q", got)
	}
	cl.send("GET;foo;;")
	if got := cl.line(); got != "True;1" {
		t.Fatalf("second: %q", got)
	}
	// a half-closed client's unterminated last message is answered
	cl2 := dialServer(t, srv)
	cl2.send("GET;foo")
	cl2.nc.(*net.TCPConn).CloseWrite()
	if got := cl2.line(); got != "True;1" {
		t.Fatalf("half-closed: %q", got)
	}
	if _, err := cl2.rd.ReadByte(); err != io.EOF {
		t.Fatalf("after last answer: %v, want EOF", err)
	}
}

// TestPipelined sends 500 requests in one write and checks every response
// arrives in order.
func TestPipelined(t *testing.T) {
	cl := dialServer(t, startServer(t))
	var b strings.Builder
	for i := 0; i < 500; i++ {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "PUT;k%d;%d;INT\n", i, i)
		case 1:
			fmt.Fprintf(&b, "GET;k%d;;\r\n", i-1)
		default:
			fmt.Fprintf(&b, "*2\r\n$4\r\nECHO\r\n$%d\r\n%d\r\n", len(fmt.Sprint(i)), i)
		}
	}
	cl.send(b.String())
	for i := 0; i < 500; i++ {
		var want, got string
		switch i % 3 {
		case 0:
			want, got = fmt.Sprintf("True;Key [k%d] set to [%d]", i, i), cl.line()
		case 1:
			want, got = fmt.Sprintf("True;%d", i-1), cl.line()
		default:
			want, got = fmt.Sprintf("$%d\r\n%d\r\n", len(fmt.Sprint(i)), i), cl.reply()
		}
		if got != want {
			t.Fatalf("response %d: %q, want %q", i, got, want)
		}
	}
}

// TestConcurrentIncrement has 50 clients each INCREMENT one key 200 times.
func TestConcurrentIncrement(t *testing.T) {
	srv := startServer(t)
	if got := dialServer(t, srv).text("PUT;counter;0;INT"); !strings.HasPrefix(got, "True;") {
		t.Fatal(got)
	}
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		cl := dialServer(t, srv)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				cl.send("INCREMENT;counter;;\n")
				if s, err := cl.rd.ReadString('\n'); err != nil || s != "True;Key [counter] incremented\n" {
					t.Errorf("INCREMENT: %q %v", s, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if got := dialServer(t, srv).text("GET;counter"); got != "True;10000" {
		t.Fatalf("counter: %s", got)
	}
}

// TestBadInput sends malformed requests; each is answered False;... and the
// connection keeps working.
func TestBadInput(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	tests := []struct{ req, want string }{
		{";;;", "False;Unknown command type []"},
		{";", "False;Unknown command type []"},
		{"PUT;", "False;ERROR: Command [PUT] requires a key"},
		{"PUT;;;", "False;ERROR: Command [PUT] requires a key"},
		{"GET;", "False;ERROR: Command [GET] requires a key"},
		{"GETLIST; ;;", "False;ERROR: Command [GETLIST] requires a key"},
		{"PUTLIST;;a;LIST", "False;ERROR: Command [PUTLIST] requires a key"},
		{"APPEND;;a;", "False;ERROR: Command [APPEND] requires a key"},
		{"INCREMENT;;;", "False;ERROR: Command [INCREMENT] requires a key"},
		{"DELETE;;;", "False;ERROR: Command [DELETE] requires a key"},
		{"PUTX;k;v;", "False;Unknown command type [PUTX]"},
		{"PU-T;k;v;", "False;Unknown command type [PU-T]"},
		{"\x00\x01;k;v;", "False;Unknown command type [\x00\x01]"},
		{"\xff\xff\xfe\xfd;;;", "False;Unknown command type [\xff\xfe\xfd]"}, // IAC IAC is 0xFF
		{"GET\x00;k;;", "False;Unknown command type [GET\x00]"},
		{strings.Repeat("A", 100) + ";k;;", "False;Unknown command type [" + strings.Repeat("A", 100) + "]"},
		{"PUT;k;v;BLOB", "False;ERROR: Unknown value type [BLOB]; use INT, STRING or LIST"},
		{"PUT;k;v;\xff\xff", "False;ERROR: Unknown value type [\xff]; use INT, STRING or LIST"},
		{"PUT;k;abc;INT", "False;ERROR: Value [abc] is not an INT"},
		{"PUT;k;;INT", "False;ERROR: Value [] is not an INT"},
		{"PUT;k;1.5;INT", "False;ERROR: Value [1.5] is not an INT"},
		{"PUT;k;0x10;INT", "False;ERROR: Value [0x10] is not an INT"},
		{"PUT;k;9223372036854775808;INT", "False;ERROR: Value [9223372036854775808] is not an INT"},
		{"PUT;k;-9223372036854775809;INT", "False;ERROR: Value [-9223372036854775809] is not an INT"},
		{"PUT;k;1 2;INT", "False;ERROR: Value [1 2] is not an INT"},
		{"APPEND;k;x;INT", "False;ERROR: Value [x] is not an INT"},
		{"APPEND;k;x;SET", "False;ERROR: Unknown value type [SET]; use INT, STRING or LIST"},
		{"PUTLIST;k;a;STRING", "False;ERROR: PUTLIST stores a list; use TYPE LIST or leave it empty, not [STRING]"},
		{"PUTLIST;k;a;HASH", "False;ERROR: Unknown value type [HASH]; use INT, STRING or LIST"},
		{"GET;\xff\xff\x00missing;;", "False;ERROR: Key [\xff\x00missing] not found"},
		{"DELETE;missing;;", "False;ERROR: Key [missing] not found and could not be deleted"},
		{"INCREMENT;missing;;", "False;ERROR: Key [missing] not found"},
		{"GETLIST;missing;;", "False;ERROR: Key [missing] not found"},
		{"APPEND;missing;x;", "False;ERROR: Key [missing] not found"},
	}
	for _, tt := range tests {
		if got := cl.text(tt.req); got != tt.want {
			t.Errorf("%q\n got: %q\nwant: %q", tt.req, got, tt.want)
		}
		if got := cl.text("PUT;alive;1;INT"); got != "True;Key [alive] set to [1]" {
			t.Fatalf("after %q the connection answered %q", tt.req, got)
		}
	}
}

// TestTooLong checks the too-long line: earlier responses first, then the
// error, then the connection ends cleanly; others are not disturbed.
func TestTooLong(t *testing.T) {
	srv := startServer(t, func(c *Config) { c.MaxRequest = 1000 })
	other := dialServer(t, srv)
	cl := dialServer(t, srv)
	cl.send("PUT;a;1;INT\nGET;a;;\nPUT;b;" + strings.Repeat("x", 5000))
	for _, want := range []string{"True;Key [a] set to [1]", "True;1", "False;ERROR: request too long"} {
		if got := cl.line(); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
	cl.send(strings.Repeat("y", 10000)) // discarded, no reset
	if _, err := cl.rd.ReadByte(); err != io.EOF {
		t.Fatalf("after the error: %v, want EOF", err)
	}
	if got := other.text("GET;a"); got != "True;1" {
		t.Fatalf("other client: %q", got)
	}
	// exactly at the limit is fine
	if got := other.text("PUT;b;" + strings.Repeat("x", 1000-7) + ";"); !strings.HasPrefix(got, "True;") {
		t.Fatalf("line at the limit: %.60q", got)
	}
}

// TestClientDiesMidRequest kills a client half-way through requests of
// both protocols while another keeps working.
func TestClientDiesMidRequest(t *testing.T) {
	srv := startServer(t)
	other := dialServer(t, srv)
	for _, partial := range []string{"PUT;k;partial", "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100\r\nabc", "SET k"} {
		nc, err := net.Dial("tcp", srv.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		nc.Write([]byte("PUT;k;1;INT\n" + partial))
		nc.(*net.TCPConn).SetLinger(0)
		nc.Close() // RST
		if got := other.text("INCREMENT;n"); !strings.HasPrefix(got, "False;") {
			t.Fatalf("other: %q", got)
		}
	}
	if got := other.text("PUT;n;5;INT"); got != "True;Key [n] set to [5]" {
		t.Fatalf("other: %q", got)
	}
}

// TestHalfClosedClient sends a request and half-closes, as `nc -N` and
// send-then-shutdown scripts do, in both protocols: the server answers,
// then closes its side. The request and the FIN often arrive together and
// are read by one recvmsg, so a reader that waits for the poller after a
// short read instead of reading again never sees the EOF.
func TestHalfClosedClient(t *testing.T) {
	srv := startServer(t)
	for i := range 40 {
		req, want := "PING\r\n", "+PONG\r\n"
		if i%2 == 1 {
			req, want = "GET;missing\n", "False;ERROR: Key [missing] not found\n"
		}
		nc, err := net.Dial("tcp", srv.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		nc.Write([]byte(req))
		nc.(*net.TCPConn).CloseWrite()
		nc.SetReadDeadline(time.Now().Add(10 * time.Second))
		got, err := io.ReadAll(nc) // to the server's close
		nc.Close()
		if err != nil || string(got) != want {
			t.Fatalf("client %d sent %q and half-closed: read %q, %v; want %q, then the server's close", i, req, got, err, want)
		}
	}
}

// TestGracefulShutdown checks that requests already read are answered
// before connections close, and that idle connections are closed.
func TestGracefulShutdown(t *testing.T) {
	srv := startServer(t)
	idle := dialServer(t, srv)
	cl := dialServer(t, srv)
	var b strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "PUT;k%d;%d;INT\n", i, i)
	}
	cl.send(b.String())
	if got := cl.line(); got != "True;Key [k0] set to [0]" {
		t.Fatalf("first: %q", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- srv.Shutdown(ctx) }()
	for i := 1; i < 200; i++ {
		if got, want := cl.line(), fmt.Sprintf("True;Key [k%d] set to [%d]", i, i); got != want {
			t.Fatalf("response %d: %q", i, got)
		}
	}
	if _, err := cl.rd.ReadByte(); err != io.EOF {
		t.Fatalf("after shutdown: %v, want EOF", err)
	}
	if _, err := idle.rd.ReadByte(); err != io.EOF {
		t.Fatalf("idle client: %v, want EOF", err)
	}
	if err := <-done; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if _, err := net.DialTimeout("tcp", srv.Addr().String(), time.Second); err == nil {
		t.Fatal("still accepting after Shutdown")
	}
}
