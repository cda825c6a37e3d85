// hardening_test.go tests that no client can crash the server or drive it
// from a web page: limits beyond what the server can honour are refused, a
// panicking request is contained to its own connection, and an HTTP request
// sent to the port is never executed.
package main

import (
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestLimitsBeyondHonourRefused: CONFIG SET and the flags refuse size
// limits past honouredLimit(), naming the parameter and the largest value.
func TestLimitsBeyondHonourRefused(t *testing.T) {
	srv := startServer(t)
	c := dialServer(t, srv)
	for _, name := range []string{"proto-max-bulk-len", "client-query-buffer-limit", "max-request"} {
		got := c.do("CONFIG", "SET", name, "9223372036854775807")
		if !strings.HasPrefix(got, "-ERR CONFIG SET failed (possibly related to argument '"+name+"')") ||
			!strings.Contains(got, "and "+formatInt(honouredLimit())+" inclusive") {
			t.Errorf("CONFIG SET %s MaxInt64: %q", name, got)
		}
		if got := c.do("CONFIG", "SET", name, formatInt(honouredLimit())); got != "+OK\r\n" {
			t.Errorf("CONFIG SET %s at the limit: %q", name, got)
		}
	}
	cfg := DefaultConfig()
	cfg.ProtoMaxBulkLen = honouredLimit() + 1
	if _, err := NewServer(cfg); err == nil || !strings.Contains(err.Error(), "proto-max-bulk-len") {
		t.Errorf("NewServer with proto-max-bulk-len past the limit: %v", err)
	}
}

// TestHugeLimitFlagsExit2: the binary refuses such a flag as a usage error.
func TestHugeLimitFlagsExit2(t *testing.T) {
	var out strings.Builder
	code := run([]string{"-client-query-buffer-limit", "9223372036854775807"}, &out, &out)
	if code != 2 || !strings.Contains(out.String(), "-client-query-buffer-limit 9223372036854775807: must be between 1048576 and "+formatInt(honouredLimit())+" inclusive") {
		t.Errorf("exit %d, stderr %q", code, out.String())
	}
}

// TestPanicContained: a request that panics while holding a shard's lock
// is logged with its stack, answered "internal error" and disconnected; the
// lock is released and every other client goes on.
func TestPanicContained(t *testing.T) {
	var logs syncBuffer
	srv := startServer(t, func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
	srv.commands["panicnow"] = &command{name: "panicnow", arity: 2, firstKey: 1, lastKey: 1, step: 1,
		fn: func(c *client, args [][]byte) { panic("injected failure") }} // dispatch holds k's shard
	other := dialServer(t, srv)
	if got := other.do("SET", "k", "v"); got != "+OK\r\n" {
		t.Fatalf("SET: %q", got)
	}
	bad := dialServer(t, srv)
	bad.send(encodeCommand("PING") + encodeCommand("PANICNOW", "k") + encodeCommand("PING"))
	if got := bad.reply(); got != "+PONG\r\n" {
		t.Errorf("reply before the panic: %q", got)
	}
	if got := bad.reply(); got != "-ERR internal error\r\n" {
		t.Errorf("reply to the panicking request: %q", got)
	}
	if rest, err := io.ReadAll(bad.rd); err != nil || len(rest) != 0 {
		t.Errorf("after the panic: %q, %v; want EOF and nothing run after it", rest, err)
	}
	if got := other.do("GET", "k"); got != "$1\r\nv\r\n" {
		t.Errorf("GET on the panicked request's shard: %q", got)
	}
	if got := other.do("SET", "k", "w"); got != "+OK\r\n" {
		t.Errorf("SET on the panicked request's shard: %q", got)
	}
	if l := logs.String(); !strings.Contains(l, "level=ERROR") || !strings.Contains(l, "injected failure") || !strings.Contains(l, "goroutine") {
		t.Errorf("log lacks the panic and its stack:\n%s", l)
	}
}

// TestPanicContainedText: a semicolon request that panics is answered in
// its protocol.
func TestPanicContainedText(t *testing.T) {
	srv := startServer(t)
	unlock := srv.store.lockAll()
	for i := range srv.store.shards {
		srv.store.shards[i].dbs = nil // every store operation now panics
	}
	unlock()
	c := dialServer(t, srv)
	if got := c.text("GET;k"); got != "False;ERROR: internal error" {
		t.Errorf("got %q", got)
	}
	if rest, err := io.ReadAll(c.rd); err != nil || len(rest) != 0 {
		t.Errorf("after the panic: %q, %v", rest, err)
	}
	c2 := dialServer(t, srv)
	if got := c2.do("PING"); got != "+PONG\r\n" {
		t.Errorf("another client after the panic: %q", got)
	}
}

// TestHTTPRequestNeverRuns sends the bytes a browser sends for a form post
// to the port: nothing in it runs, nothing is answered, the connection is
// closed and a warning names the client.
func TestHTTPRequestNeverRuns(t *testing.T) {
	var logs syncBuffer
	srv := startServer(t, func(c *Config) { c.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
	keeper := dialServer(t, srv)
	keeper.text("PUT;precious;1;INT")
	for _, req := range []string{
		"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\nPUT;pwned;1;INT\r\nFLUSHALL\r\n",
		"post / HTTP/1.1\r\nPUT;pwned;1;INT\r\n",
		"Host: x\r\nPUT;pwned;1;INT\r\n",
		encodeCommand("HOST:", "x") + "PUT;pwned;1;INT\r\n",
		encodeCommand("PoSt", "/") + encodeCommand("FLUSHALL"),
		"host:;a;b;c\nPUT;pwned;1;INT\n",
		" POST ;a;b;c\nPUT;pwned;1;INT\n",
	} {
		c := dialServer(t, srv)
		c.send(req)
		if got, err := io.ReadAll(c.rd); err != nil || len(got) != 0 {
			t.Errorf("%q: answered %q (%v); want the connection closed unanswered", req, got, err)
		}
	}
	if got := keeper.text("GET;pwned"); got != "False;ERROR: Key [pwned] not found" {
		t.Errorf("GET;pwned: %q", got)
	}
	if got := keeper.text("GET;precious"); got != "True;1" {
		t.Errorf("GET;precious: %q (FLUSHALL ran?)", got)
	}
	if l := logs.String(); !strings.Contains(l, "Possible SECURITY ATTACK detected") || !strings.Contains(l, "client=127.0.0.1:") {
		t.Errorf("log lacks the warning:\n%s", l)
	}
}

// TestHTTPRequestFromCurl: a real HTTP client's POST runs nothing.
func TestHTTPRequestFromCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skipf("%s: curl is not on PATH (apt-get install curl); skipping", t.Name())
	}
	srv := startServer(t)
	c := dialServer(t, srv)
	c.text("PUT;precious;1;INT")
	addr := srv.Addr().(*net.TCPAddr)
	cmd := exec.Command(curl, "-s", "-m", "5", "-X", "POST", "--data-binary", "PUT;pwned;1;INT\r\nFLUSHALL\r\n",
		"http://127.0.0.1:"+strconv.Itoa(addr.Port)+"/")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if len(out) != 0 || !errors.As(err, &ee) || ee.ExitCode() != 52 {
		t.Errorf("curl: %q, %v; want exit 52 (empty reply: closed unanswered)", out, err)
	}
	if got := c.text("GET;pwned"); got != "False;ERROR: Key [pwned] not found" {
		t.Errorf("GET;pwned: %q", got)
	}
	if got := c.text("GET;precious"); got != "True;1" {
		t.Errorf("GET;precious: %q", got)
	}
}

// TestLargestLimitHonoured: with proto-max-bulk-len at the largest value
// CONFIG SET accepts, SETRANGE at the largest offset and writes to the
// resulting string are served, and the process survives (at 1 TiB, a
// limit it could not honour, the first SETRANGE killed it out of memory).
func TestLargestLimitHonoured(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates a value of a sixteenth of this machine's memory")
	}
	bin := buildNosql(t)
	dir := filepath.Join(t.TempDir(), "data")
	p := startProc(t, bin, dir, "-appendonly=false")
	c, err := dialRaw(p.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	limit := honouredLimit()
	steps := []struct{ args []string }{
		{[]string{"CONFIG", "SET", "proto-max-bulk-len", formatInt(limit)}},
		{[]string{"SETRANGE", "k", formatInt(limit - 10), "x"}},
		{[]string{"SETRANGE", "k", "0", "y"}},
		{[]string{"APPEND", "k", "zz"}},
		{[]string{"DEL", "k"}},
		{[]string{"PING"}},
	}
	want := []string{"+OK\r\n", ":" + formatInt(limit-9) + "\r\n", ":" + formatInt(limit-9) + "\r\n",
		":" + formatInt(limit-7) + "\r\n", ":1\r\n", "+PONG\r\n"}
	for i, st := range steps {
		c.nc.SetDeadline(time.Now().Add(2 * time.Minute)) // a loaded machine may take a while
		c.nc.Write([]byte(encodeCommand(st.args...)))
		got, err := readReply(c.rd)
		if err != nil || got != want[i] {
			logs, _ := os.ReadFile(p.log.Name())
			t.Fatalf("%q: %q, %v; want %q\nserver log:\n%s", st.args, got, err, want[i], logs)
		}
	}
}

// TestInlineLimit: an inline command is at most 64 KiB, as in Redis
// (its arguments cost far more than its bytes), while a semicolon request
// may be as long as max-request.
func TestInlineLimit(t *testing.T) {
	srv := startServer(t)
	c := dialServer(t, srv)
	long := strings.Repeat("v", 200<<10)
	if got := c.text("PUT;k;" + long + ";STRING"); got != "True;Key [k] set to ["+long+"]" {
		t.Fatalf("a 200 KiB semicolon request: %.80q", got)
	}
	words := strings.Repeat("a ", 32<<10) // 64 KiB exactly
	c.send("ECHO " + words[:len(words)-7] + "\r\n")
	if got := c.reply(); !strings.HasPrefix(got, "-ERR wrong number of arguments for 'echo' command") {
		t.Fatalf("a 64 KiB inline command: %.80q", got)
	}
	for _, line := range []string{words + "b", strings.Repeat("x", 64<<10+10) + ";a;b"} {
		c := dialServer(t, srv)
		c.send(line + "\r\n")
		if got := c.reply(); got != "-ERR Protocol error: too big inline request\r\n" {
			t.Errorf("an inline command past 64 KiB: %.80q", got)
		}
		if rest, err := io.ReadAll(c.rd); err != nil || len(rest) != 0 {
			t.Errorf("after the error: %q, %v; want EOF", rest, err)
		}
	}
}
