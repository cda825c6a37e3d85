// monitor_test.go tests MONITOR: the line format, what a monitor sees of
// other clients (compared with redis-server's monitor, RESP2 and RESP3),
// what a monitor connection may still run, a monitor that does not read,
// and `redis-cli monitor`.
package main

import (
	"bufio"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestMonitorLineFormat(t *testing.T) {
	at := time.Unix(1700000000, 1234000)
	for _, tc := range []struct {
		db       int
		args     []string
		redacted []int
		want     string
	}{
		{0, []string{"SET", "k", "v"}, nil, `+1700000000.001234 [0 127.0.0.1:5555] "SET" "k" "v"` + "\r\n"},
		{3, []string{"GET", ""}, nil, `+1700000000.001234 [3 127.0.0.1:5555] "GET" ""` + "\r\n"},
		{0, []string{"SET", "a\"b\\", "\x00\n\r\t\a\b\x7f\xff~ "}, nil, `+1700000000.001234 [0 127.0.0.1:5555] "SET" "a\"b\\" "\x00\n\r\t\a\b\x7f\xff~ "` + "\r\n"},
		{0, []string{"AUTH", "user", "pw"}, []int{1, 2}, `+1700000000.001234 [0 127.0.0.1:5555] "AUTH" "(redacted)" "(redacted)"` + "\r\n"},
		{0, []string{"é"}, nil, `+1700000000.001234 [0 127.0.0.1:5555] "\xc3\xa9"` + "\r\n"},
	} {
		args := make([][]byte, len(tc.args))
		for i, a := range tc.args {
			args[i] = []byte(a)
		}
		if got := string(appendMonitorLine(nil, at, tc.db, "127.0.0.1:5555", args, tc.redacted)); got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.args, got, tc.want)
		}
	}
}

// monitorStamp matches a monitor line's time and client address.
var monitorStamp = regexp.MustCompile(`^\+\d{10,}\.\d{6} \[(\d+) (127\.0\.0\.1:\d+|lua)\] `)

// watchMonitor runs cmds on one connection to addr while another monitors,
// and returns the monitor's lines (time and address replaced by T and
// ADDR) up to the sentinel, the replies to cmds, and the replies the
// monitor connection got to mine, which it sends after MONITOR.
func watchMonitor(t *testing.T, addr string, resp3 bool, cmds, mine [][]string) (lines, replies, own []string) {
	t.Helper()
	m, o := dial(t, addr), dial(t, addr)
	if resp3 {
		m.do("HELLO", "3")
		o.do("HELLO", "3")
	}
	if r := m.do("MONITOR"); r != "+OK\r\n" {
		t.Fatalf("MONITOR = %q", r)
	}
	for _, cmd := range mine {
		m.send(encodeCommand(cmd...))
	}
	m.send(encodeCommand("ECHO", "end-of-mine"))
	readUpTo := func(sentinel string) {
		for {
			r := m.reply()
			if !strings.HasPrefix(r, "+") || !monitorStamp.MatchString(r) {
				own = append(own, r)
				continue
			}
			line := monitorStamp.ReplaceAllString(r, "+T [$1 ADDR] ")
			lines = append(lines, line)
			if strings.Contains(line, sentinel) {
				return
			}
		}
	}
	readUpTo(`"end-of-mine"`) // the monitor's own commands, before the others'
	for _, cmd := range cmds {
		replies = append(replies, o.do(cmd...))
	}
	o.do("ECHO", "end-of-test")
	readUpTo(`"end-of-test"`)
	return lines, replies, own
}

// TestDiffMonitor compares what a monitor sees, and the replies, with
// redis-server's, in RESP2 and RESP3.
func TestDiffMonitor(t *testing.T) {
	raddr := startRedis(t)
	srv := startServer(t)
	cmds := [][]string{
		c("SET", "k", "v"), c("GET", "k"), c("SET", "bin", "a\"b\\\x00\n\xff"), c("INCR", "n"), c("INCR", "k"),
		c("SELECT", "3"), c("SET", "k3", "12"), c("SELECT", "0"),
		c("GET"), c("NOSUCH", "x"), c("CLIENT", "ID", "x"), c("CLIENT", "NOSUCH"), c("CLIENT", "LIST"), c("CONFIG", "GET", "save"),
		c("CLIENT", "SETNAME", "watched"), c("ECHO", "hi"), c("PING"),
		c("AUTH", "pw"), c("AUTH", "default", "pw"), c("AUTH", "a", "b", "c"),
		c("HELLO", "2", "AUTH", "default", "pw", "SETNAME", "n"), c("HELLO", "4", "AUTH", "u", "p"), c("HELLO", "2", "AUTH", "nobody", "p"),
		c("MULTI"), c("SET", "t", "1"), c("LPUSH", "l", "a"), c("EXEC"),
		c("MULTI"), c("NOSUCH"), c("SET", "t", "2"), c("EXEC"),
		c("MULTI"), c("MONITOR"), c("EXEC"),
		c("DEL", "k", "bin", "n", "t", "l"),
	}
	mine := [][]string{c("PING"), c("GET", "k"), c("SET", "k", "v"), c("MONITOR"), c("CLIENT", "ID", "x"), c("ECHO", "mine")}
	for _, resp3 := range []bool{false, true} {
		wantLines, wantReplies, wantOwn := watchMonitor(t, raddr, resp3, cmds, mine)
		gotLines, gotReplies, gotOwn := watchMonitor(t, srv.Addr().String(), resp3, cmds, mine)
		if strings.Join(gotLines, "") != strings.Join(wantLines, "") {
			t.Errorf("resp3=%v monitor lines:\nredis: %q\nnosql: %q", resp3, wantLines, gotLines)
		}
		for i := range cmds {
			if cmds[i][0] == "HELLO" || strings.Join(cmds[i], " ") == "CLIENT LIST" { // nosql's name, the clients' ids and addresses
				continue
			}
			if i < len(gotReplies) && gotReplies[i] != wantReplies[i] {
				t.Errorf("resp3=%v reply to %q:\nredis: %q\nnosql: %q", resp3, cmds[i], wantReplies[i], gotReplies[i])
			}
		}
		ids := regexp.MustCompile(`(?m)^:\d+\r\n`) // CLIENT ID's answer differs
		if a, b := ids.ReplaceAllString(strings.Join(wantOwn, ""), ":ID\r\n"), ids.ReplaceAllString(strings.Join(gotOwn, ""), ":ID\r\n"); a != b {
			t.Errorf("resp3=%v the monitor's own replies:\nredis: %q\nnosql: %q", resp3, a, b)
		}
	}
}

// TestMonitorSemicolon checks that semicolon requests are shown as their
// command and fields, and that a monitor connection may not run those
// that touch keys.
func TestMonitorSemicolon(t *testing.T) {
	srv := startServer(t)
	m, o := dialServer(t, srv), dialServer(t, srv)
	m.do("MONITOR")
	for _, tc := range []struct{ req, want string }{
		{"PUT;foo;1;INT", `"PUT" "foo" "1" "INT"`},
		{"get;foo", `"GET" "foo"`},
		{"PUT;bar;a;b;STRING", `"PUT" "bar" "a;b" "STRING"`},
		{"APPEND;foo;2", `"APPEND" "foo" "2"`},
		{"DELETE;bar;", `"DELETE" "bar" ""`},
	} {
		o.text(tc.req)
		line := m.reply()
		if !monitorStamp.MatchString(line) || !strings.HasSuffix(line, "] "+tc.want+"\r\n") {
			t.Errorf("%s: monitor line %q, want ... %s", tc.req, line, tc.want)
		}
	}
	o.text("NOSUCH;x") // not run: not shown
	o.text("GET")      // refused (no key): not shown
	o.do("ECHO", "after")
	if line := m.reply(); !strings.HasSuffix(line, `"ECHO" "after"`+"\r\n") {
		t.Errorf("refused semicolon requests shown: %q", line)
	}
	if got := m.text("GET;foo"); !strings.HasPrefix(got, "False;ERROR: this connection is in MONITOR mode") {
		t.Errorf("semicolon GET on a monitor = %q", got)
	}
}

// TestMonitorSlow checks that a monitor that does not read is disconnected
// at its output limit (the normal class), while the client it watches
// goes on, and that its output is let go.
func TestMonitorSlow(t *testing.T) {
	srv := startServer(t, func(cfg *Config) { cfg.ClientOutputBufferLimit = "normal 1mb 0 0" })
	m, o := dialServer(t, srv), dialServer(t, srv)
	m.do("MONITOR")
	value := strings.Repeat("\x01", 8<<10) // each shown as \x01: a 32 KiB line
	sent := 0
	for round := 0; round < 40 && monitorsOf(t, o) > 0; round++ {
		var batch strings.Builder
		for range 50 {
			batch.WriteString(encodeCommand("SET", "k", value))
		}
		o.send(batch.String())
		for range 50 {
			if r := o.reply(); r != "+OK\r\n" {
				t.Fatalf("SET = %q", r)
			}
		}
		sent += 50
	}
	if n := monitorsOf(t, o); n != 0 {
		t.Fatalf("the monitor that does not read is still connected after %d commands (%d monitors)", sent, n)
	}
	t.Logf("monitor disconnected after at most %d commands (%d KiB of monitor output)", sent, sent*32)
	if q := srv.outQueued.Load(); q > 1<<20 {
		t.Errorf("%d bytes of output still queued after the monitor left", q)
	}
	if r := o.do("PING"); r != "+PONG\r\n" {
		t.Errorf("the watched client after: %q", r)
	}
	m.nc.SetReadDeadline(time.Now().Add(10 * time.Second))
	for {
		if _, err := m.rd.ReadString('\n'); err != nil {
			break // what was written before it was closed, then the end
		}
	}
}

// monitorsOf returns how many clients CLIENT LIST shows monitoring.
func monitorsOf(t *testing.T, c *tclient) int {
	t.Helper()
	list := decodeTree(t, c.do("CLIENT", "LIST")).(string)
	return strings.Count(list, "flags=O")
}

// TestMonitorRedisCLI runs `redis-cli monitor` and checks that it prints
// another client's commands in Redis's format.
func TestMonitorRedisCLI(t *testing.T) {
	cli := needTool(t, "redis-cli")
	srv := startServer(t)
	cmd := exec.Command(cli, "-h", "127.0.0.1", "-p", strconv.Itoa(srv.port()), "monitor")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	next := func() string {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("redis-cli monitor ended")
			}
			return l
		case <-time.After(30 * time.Second):
			t.Fatal("redis-cli monitor printed nothing for 30s")
		}
		return ""
	}
	if l := next(); l != "OK" {
		t.Fatalf("redis-cli monitor first printed %q", l)
	}
	o := dialServer(t, srv)
	o.do("SELECT", "2")
	o.do("SET", "key", "a value")
	o.text("PUT;foo;1;INT")
	want := regexp.MustCompile(`^\d+\.\d{6} \[2 127\.0\.0\.1:\d+\] "(SELECT" "2|SET" "key" "a value|PUT" "foo" "1" "INT)"$`)
	for range 3 {
		if l := next(); !want.MatchString(l) {
			t.Errorf("redis-cli monitor printed %q", l)
		}
	}
}

// TestMonitorReset checks that RESET ends MONITOR: the connection sees no
// more commands and may read keys again.
func TestMonitorReset(t *testing.T) {
	srv := startServer(t)
	m, o := dialServer(t, srv), dialServer(t, srv)
	m.do("MONITOR")
	if r := m.do("RESET"); r != "+RESET\r\n" {
		t.Fatalf("RESET = %q", r)
	}
	o.do("SET", "k", "v")
	if r := m.do("GET", "k"); r != "$1\r\nv\r\n" {
		t.Errorf("GET after RESET = %q (a monitor line, or refused)", r)
	}
	if n := monitorsOf(t, o); n != 0 {
		t.Errorf("CLIENT LIST shows %d monitors after RESET", n)
	}
	if got := srv.monitors.n.Load(); got != 0 {
		t.Errorf("%d monitors fed after RESET", got)
	}
}
