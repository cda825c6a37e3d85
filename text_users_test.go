// text_users_test.go tests the semicolon protocol as its users meet it,
// over TCP: values echoed as stored (backslashes unchanged), telnet's
// Ctrl-C bytes and a real telnet session, inline commands whose arguments
// hold ';', and a first message sent bare, without a newline.
package main

import (
	"bytes"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestTextEchoAsStored checks that PUT then GET gives back any value
// without CR or LF byte for byte, backslashes included, and that CR and LF
// are written \r and \n; lists keep Python's repr.
func TestTextEchoAsStored(t *testing.T) {
	cl := dialServer(t, startServer(t))
	json := `{"path": "C:\\temp\\new", "quote": "a\"b", "u": "\u00e9", "nl": "x\ny"}`
	steps := []struct{ req, want string }{
		{`PUT;p;C:\temp;STRING`, `True;Key [p] set to [C:\temp]`},
		{`GET;p;;`, `True;C:\temp`},
		{"PUT;j;" + json + ";STRING", "True;Key [j] set to [" + json + "]"},
		{"GET;j", "True;" + json},
		{`PUT;a\b;\\;`, `True;Key [a\b] set to [\\]`},
		{`GET;a\b`, `True;\\`},
		{`GET;C:\missing`, `False;ERROR: Key [C:\missing] not found`},
		{`PUTLIST;l;C:\temp, it's;LIST`, `True;Key [l] set to [['C:\\temp', "it's"]]`},
		{`GETLIST;l`, `True;['C:\\temp', "it's"]`},
		{`GET;crlf`, `True;a\r\nb\c`}, // stored over RESP below
	}
	if got := cl.do("SET", "crlf", "a\r\nb\\c"); got != "+OK\r\n" {
		t.Fatalf("SET: %q", got)
	}
	for _, s := range steps {
		if got := cl.text(s.req); got != s.want {
			t.Errorf("%s\n got: %s\nwant: %s", s.req, got, s.want)
		}
	}
	if got, want := cl.do("GET", "j"), "$"+strconv.Itoa(len(json))+"\r\n"+json+"\r\n"; got != want {
		t.Errorf("RESP GET j: %q, want %q", got, want)
	}
}

// TestOneWordBeforeSemicolon checks how a line with a ';' is told apart:
// a semicolon request only if one word precedes the first ';'.
func TestOneWordBeforeSemicolon(t *testing.T) {
	cl := dialServer(t, startServer(t))
	steps := []struct{ req, want string }{
		{`SET greeting "hello;world"`, "+OK\r\n"},
		{`GET greeting`, "$11\r\nhello;world\r\n"},
		{`GET;greeting;;`, "True;hello;world\n"},
		{`ECHO a;b`, "$3\r\na;b\r\n"},
		{`RPUSH l 'x;y' z;`, ":2\r\n"},
		{`PUT;k;v;`, "True;Key [k] set to [v]\n"},
		{` PUT ;k2; v ;`, "True;Key [k2] set to [v]\n"},
		{`;;;`, "False;Unknown command type []\n"},
		{`PU T;k;v;`, "-ERR unknown command 'PU', with args beginning with: 'T;k;v;' \r\n"},
		{`"PUT";k;v`, "-ERR Protocol error: unbalanced quotes in request\r\n"},
	}
	for _, s := range steps {
		cl.send(s.req + "\r\n")
		var got string
		if strings.HasPrefix(s.want, "True;") || strings.HasPrefix(s.want, "False;") {
			got = cl.line() + "\n"
		} else {
			got = cl.reply()
		}
		if got != s.want {
			t.Errorf("%s\n got: %q\nwant: %q", s.req, got, s.want)
		}
	}
}

// TestBareFirstMessage sends first messages with no newline and fewer than
// three ';' and waits without closing: each is answered.
func TestBareFirstMessage(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	for _, s := range []struct{ req, want string }{
		{"GET;foo", "False;ERROR: Key [foo] not found"},
		{"PUT;foo;1", "True;Key [foo] set to [1]"},
		{"GET;foo", "True;1"},
		{"STATS;", "True;{'PUT': {'success': 1, 'error': 0}, 'GET': {'success': 1, 'error': 1}, 'GETLIST': {'success': 0, 'error': 0}, 'PUTLIST': {'success': 0, 'error': 0}, 'INCREMENT': {'success': 0, 'error': 0}, 'APPEND': {'success': 0, 'error': 0}, 'DELETE': {'success': 0, 'error': 0}, 'STATS': {'success': 0, 'error': 0}}"},
	} {
		cl.send(s.req)
		if got := cl.line(); got != s.want {
			t.Fatalf("bare %q: %q, want %q", s.req, got, s.want)
		}
	}
	// once a newline was seen, a line waits for its newline
	cl.send("GET;foo\nGET;foo")
	if got := cl.line(); got != "True;1" {
		t.Fatalf("after the first newline: %q", got)
	}
	cl.send("\n")
	if got := cl.line(); got != "True;1" {
		t.Fatalf("the second line: %q", got)
	}
}

// TestTelnetCtrlC sends the bytes telnet sends for Ctrl-C (IAC IP, IAC DO
// TIMING-MARK): the partial line is discarded, WILL TIMING-MARK is sent,
// and the next request is answered clean.
func TestTelnetCtrlC(t *testing.T) {
	cl := dialServer(t, startServer(t))
	if got := cl.text("PUT;a;1\r"); got != "True;Key [a] set to [1]" {
		t.Fatalf("PUT: %q", got)
	}
	willTM := "\xff\xfb\x06"
	for _, s := range []struct{ send, want string }{
		{"\xff\xf4\xff\xfd\x06", willTM},
		{"GET;a\r\n", "True;1\n"},
		{"PUT;a;2\xff\xf4\xff\xfd\x06GET;a\r\n", willTM + "True;1\n"},
		{"\xff\xfb\x18\xff\xfa\x18\x00xterm\xff\xf0GET;a\r\n", "True;1\n"},
		{"PUT;b;\xff\xff\r\n", "True;Key [b] set to [\xff]\n"},
		{"PING\xff\xf4\xff\xfd\x06PING\r\n", willTM + "+PONG\r\n"},
	} {
		cl.send(s.send)
		buf := make([]byte, len(s.want))
		if _, err := io.ReadFull(cl.rd, buf); err != nil || string(buf) != s.want {
			t.Fatalf("after %q: %q (%v), want %q", s.send, buf, err, s.want)
		}
	}
	if got := cl.do("GET", "b"); got != "$1\r\n\xff\r\n" {
		t.Fatalf("RESP GET b: %q", got)
	}
}

// TestRealTelnet runs telnet on a pseudo-terminal (script) and presses
// Ctrl-C between two requests: the reply to the second is shown.
func TestRealTelnet(t *testing.T) {
	for _, tool := range []string{"telnet", "script"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s: %s is not installed (apt-get install telnet bsdutils); skipping the real telnet session", t.Name(), tool)
		}
	}
	srv := startServer(t)
	cmd := exec.Command("script", "-qfc", "telnet "+strings.Replace(srv.Addr().String(), ":", " ", 1), "/dev/null")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var screen bytes.Buffer
	cmd.Stdout = lockedWriter{&mu, &screen}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	waitFor := func(s string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			mu.Lock()
			seen := screen.String()
			mu.Unlock()
			if strings.Contains(seen, s) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("telnet never showed %q; screen:\n%q", s, seen)
			}
		}
	}
	waitFor("Escape character")
	stdin.Write([]byte("PUT;k;v\n"))
	waitFor("True;Key [k] set to [v]")
	stdin.Write([]byte("\x03")) // Ctrl-C: telnet sends IAC IP, IAC DO TIMING-MARK
	stdin.Write([]byte("GET;k\n"))
	waitFor("True;v")
}

// lockedWriter serialises writes to a buffer read by another goroutine.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
