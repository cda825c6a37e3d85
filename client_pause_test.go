// client_pause_test.go tests CLIENT PAUSE and UNPAUSE between connections:
// WRITE holds writes (RESP and semicolon, and EXEC of a transaction that
// writes) and lets reads through, ALL holds everything but monitors,
// paused commands run in the order they were paused once the pause ends
// (UNPAUSE or its time), a pause begins after the transaction that set
// it, and keys do not expire while clients are paused.
package main

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// blockedClients returns INFO's blocked_clients, asked on c.
func blockedClients(t *testing.T, c *tclient) int {
	t.Helper()
	n, _ := strconv.Atoi(infoFields(decodeTree(t, c.do("INFO", "clients")).(string))["blocked_clients"])
	return n
}

func TestClientPauseWrite(t *testing.T) {
	srv := startServer(t)
	p, w, r := dialServer(t, srv), dialServer(t, srv), dialServer(t, srv)
	p.do("SET", "k", "old")
	if got := p.do("CLIENT", "PAUSE", "100000", "WRITE"); got != "+OK\r\n" {
		t.Fatalf("CLIENT PAUSE = %q", got)
	}
	w.send(encodeCommand("SET", "k", "new") + encodeCommand("GET", "k")) // the GET waits behind the SET
	eventually(t, "the SET is paused", func() bool { return blockedClients(t, p) == 1 })
	for _, tc := range []struct{ cmd []string }{{c("GET", "k")}, {c("PING")}, {c("EXISTS", "k")}, {c("MULTI")}, {c("GET", "k")}, {c("EXEC")}} {
		if got := r.do(tc.cmd...); strings.Contains(got, "new") {
			t.Errorf("%q during the pause = %q: the paused SET ran", tc.cmd, got)
		}
	}
	if got := r.text("GET;k"); got != "True;old" {
		t.Errorf("semicolon GET during the pause = %q", got)
	}
	list := decodeTree(t, r.do("CLIENT", "LIST")).(string)
	if !strings.Contains(list, "flags=b ") || !strings.Contains(list, "cmd=set ") {
		t.Errorf("CLIENT LIST does not show the paused client: %q", list)
	}
	if got := p.do("CLIENT", "UNPAUSE"); got != "+OK\r\n" {
		t.Fatalf("CLIENT UNPAUSE = %q", got)
	}
	if got := w.reply(); got != "+OK\r\n" {
		t.Errorf("paused SET = %q", got)
	}
	if got := w.reply(); got != "$3\r\nnew\r\n" {
		t.Errorf("GET after the paused SET = %q", got)
	}
	if n := blockedClients(t, p); n != 0 {
		t.Errorf("blocked_clients = %d after UNPAUSE", n)
	}
}

// TestClientPauseKinds checks what each kind of pause holds, by whether a
// command shows as blocked in CLIENT LIST (asked from a monitor, which no
// pause holds) before UNPAUSE.
func TestClientPauseKinds(t *testing.T) {
	for _, tc := range []struct {
		name   string
		kind   string
		setup  [][]string // on the paused connection, before the pause
		req    string     // raw request sent during the pause
		paused bool
	}{
		{"write-holds-set", "WRITE", nil, encodeCommand("SET", "a", "1"), true},
		{"write-holds-function-flush", "WRITE", nil, encodeCommand("FUNCTION", "FLUSH"), true},
		{"write-holds-publish", "WRITE", nil, encodeCommand("PUBLISH", "ch", "m"), true},
		{"write-passes-get", "WRITE", nil, encodeCommand("GET", "a"), false},
		{"write-passes-arity-error", "WRITE", nil, encodeCommand("SET", "a"), false},
		{"write-passes-unknown", "WRITE", nil, encodeCommand("NOSUCH"), false},
		{"write-holds-exec-of-writes", "WRITE", [][]string{c("MULTI"), c("SET", "a", "1")}, encodeCommand("EXEC"), true},
		{"write-passes-exec-of-reads", "WRITE", [][]string{c("MULTI"), c("GET", "a")}, encodeCommand("EXEC"), false},
		{"write-holds-queueing-a-write", "WRITE", [][]string{c("MULTI")}, encodeCommand("SET", "a", "1"), true},
		{"write-holds-semicolon-put", "WRITE", nil, "PUT;a;1\n", true},
		{"write-passes-semicolon-get", "WRITE", nil, "GET;a\n", false},
		{"all-holds-ping", "ALL", nil, encodeCommand("PING"), true},
		{"all-holds-unpause", "ALL", nil, encodeCommand("CLIENT", "UNPAUSE"), true},
		{"all-holds-semicolon-get", "ALL", nil, "GET;a\n", true},
		{"default-is-all", "", nil, encodeCommand("ECHO", "x"), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := startServer(t)
			m, p, w := dialServer(t, srv), dialServer(t, srv), dialServer(t, srv)
			m.do("MONITOR")
			for _, cmd := range tc.setup {
				w.do(cmd...)
			}
			pause := c("CLIENT", "PAUSE", "100000", tc.kind)
			if tc.kind == "" {
				pause = pause[:3]
			}
			p.do(pause...)
			w.send(tc.req)
			blocked := func() bool {
				list := decodeTree(t, m.do("CLIENT", "LIST")).(string) // admin: not shown to monitors
				return strings.Count(list, "flags=b") > 0 || strings.Count(list, "flags=xb") > 0
			}
			if tc.paused {
				eventually(t, "the request is paused", blocked)
			} else {
				if _, err := w.rd.ReadString('\n'); err != nil { // answered during the pause
					t.Fatal(err)
				}
				if blocked() {
					t.Errorf("a client is paused")
				}
			}
			if tc.kind == "ALL" || tc.kind == "" { // UNPAUSE would wait too: a pause already over ends it
				p.send(encodeCommand("CLIENT", "UNPAUSE"))
				srv.unpauseClients()
				p.reply()
			} else {
				p.do("CLIENT", "UNPAUSE")
			}
			if tc.paused {
				w.nc.SetReadDeadline(time.Now().Add(30 * time.Second))
				if _, err := w.rd.ReadString('\n'); err != nil {
					t.Errorf("no reply after the pause ended: %v", err)
				}
			}
		})
	}
}

// TestClientPauseOrder pauses clients one after another and checks that
// their commands run in that order once the pause ends, by UNPAUSE or by
// its time.
func TestClientPauseOrder(t *testing.T) {
	for _, end := range []string{"unpause", "timeout"} {
		t.Run(end, func(t *testing.T) {
			srv := startServer(t)
			p := dialServer(t, srv)
			ms := "100000"
			if end == "timeout" {
				ms = "300"
			}
			p.do("CLIENT", "PAUSE", ms, "WRITE")
			var clients []*tclient
			var want []string
			for i := range 6 {
				w := dialServer(t, srv)
				v := strconv.Itoa(i)
				if i%2 == 0 {
					w.send(encodeCommand("RPUSH", "order", v))
				} else {
					w.send("APPEND;order;" + v + "\n")
				}
				clients = append(clients, w)
				want = append(want, v)
				if end == "unpause" { // a timed pause may end meanwhile: order still holds
					eventually(t, "client "+v+" paused", func() bool { return blockedClients(t, p) == i+1 })
				}
			}
			if end == "unpause" {
				p.do("CLIENT", "UNPAUSE")
			}
			for i, w := range clients {
				w.nc.SetReadDeadline(time.Now().Add(30 * time.Second))
				if _, err := w.rd.ReadString('\n'); err != nil {
					t.Fatalf("client %d: %v", i, err)
				}
			}
			got := decodeTree(t, p.do("LRANGE", "order", "0", "-1"))
			if end == "timeout" {
				t.Logf("order after a timed pause: %v", got)
				return // the pause may have ended before all were paused: nothing to assert on order
			}
			var gotS []string
			for _, g := range got.([]respTree) {
				gotS = append(gotS, g.(string))
			}
			if strings.Join(gotS, ",") != strings.Join(want, ",") {
				t.Errorf("paused commands ran in order %v, want %v", gotS, want)
			}
		})
	}
}

// TestClientPauseTransaction checks that a pause set inside MULTI begins
// once EXEC has run the whole transaction, as in Redis.
func TestClientPauseTransaction(t *testing.T) {
	srv := startServer(t)
	p, w := dialServer(t, srv), dialServer(t, srv)
	p.do("MULTI")
	p.do("SET", "one", "1")
	p.do("CLIENT", "PAUSE", "100000", "WRITE")
	p.do("SET", "two", "2")
	if got := p.do("EXEC"); got != "*3\r\n+OK\r\n+OK\r\n+OK\r\n" {
		t.Fatalf("EXEC = %q", got)
	}
	w.send(encodeCommand("SET", "three", "3"))
	eventually(t, "the SET after the transaction is paused", func() bool { return blockedClients(t, p) == 1 })
	if got := p.do("MGET", "one", "two", "three"); got != "*3\r\n$1\r\n1\r\n$1\r\n2\r\n$-1\r\n" {
		t.Errorf("MGET during the pause = %q", got)
	}
	p.do("CLIENT", "UNPAUSE")
	if got := w.reply(); got != "+OK\r\n" {
		t.Errorf("paused SET = %q", got)
	}
}

// TestClientPauseExpiry checks that no key is deleted for its time while
// clients are paused (reads see it gone; expired_keys does not move), and
// that expiry resumes after.
func TestClientPauseExpiry(t *testing.T) {
	srv := startServer(t)
	p := dialServer(t, srv)
	expired := func() string { return infoFields(decodeTree(t, p.do("INFO", "stats")).(string))["expired_keys"] }
	before := expired()
	p.do("MULTI")
	p.do("SET", "a", "1", "PX", "10")
	p.do("SET", "b", "1", "PX", "10")
	p.do("CLIENT", "PAUSE", "100000", "WRITE")
	p.do("EXEC")
	eventually(t, "the keys read as expired", func() bool { return p.do("MGET", "a", "b") == "*2\r\n$-1\r\n$-1\r\n" })
	if got := expired(); got != before {
		t.Errorf("expired_keys went from %s to %s during the pause", before, got)
	}
	p.do("CLIENT", "UNPAUSE")
	p.do("GET", "a")
	p.do("GET", "b")
	if b, _ := strconv.Atoi(before); expired() != strconv.Itoa(b+2) {
		t.Errorf("expired_keys = %s after the pause, want %d", expired(), b+2)
	}
}

// TestClientPauseReplyOff checks that a command paused while its replies
// were off (CLIENT REPLY OFF) stays unanswered when it runs.
func TestClientPauseReplyOff(t *testing.T) {
	srv := startServer(t)
	p, w := dialServer(t, srv), dialServer(t, srv)
	w.send(encodeCommand("CLIENT", "REPLY", "OFF"))
	p.do("CLIENT", "PAUSE", "100000", "WRITE")
	w.send(encodeCommand("SET", "k", "v"))
	eventually(t, "the SET is paused", func() bool { return blockedClients(t, p) == 1 })
	p.do("CLIENT", "UNPAUSE")
	if got := w.do("CLIENT", "REPLY", "ON"); got != "+OK\r\n" {
		t.Errorf("first reply after the silenced paused SET: %q", got)
	}
	if got := w.do("GET", "k"); got != "$1\r\nv\r\n" {
		t.Errorf("GET = %q", got)
	}
}
