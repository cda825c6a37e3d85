// mailbox_test.go tests a connection that can wait and be written to
// (mailbox.go, block.go) through a test double of the commands to come:
// TBLOCK waits as BLPOP will, TWAKE hands it a value as a push to its key
// will, TUNBLOCK is CLIENT UNBLOCK, TSUB subscribes as SUBSCRIBE will and
// the test pushes messages as PUBLISH will. The double is registered on
// each test's server only (Config.extraCommands).
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// double is the test double: the clients waiting, by name, and the
// subscribers.
type double struct {
	mu      sync.Mutex
	waiters map[string]*waiter
	subs    []*client
}

// waiter is a client blocked in TBLOCK, and what TWAKE hands it.
type waiter struct {
	c   *client
	val string
}

// startDouble starts a server with the double's commands.
func startDouble(t *testing.T, mutate ...func(*Config)) (*Server, *double) {
	d := &double{waiters: make(map[string]*waiter)}
	add := func(c *Config) { c.extraCommands = append(c.extraCommands, d.commands) }
	return startServer(t, append(mutate, add)...), d
}

func (d *double) commands() []*command {
	return []*command{
		{name: "tblock", arity: 3, fn: d.block},     // TBLOCK name timeout-ms
		{name: "twake", arity: 3, fn: d.wake},       // TWAKE name value: 1 if it woke a waiter
		{name: "tunblock", arity: 3, fn: d.unblock}, // TUNBLOCK name TIMEOUT|ERROR
		{name: "tsub", arity: 1, fn: d.subscribe},   // TSUB
	}
}

func (d *double) block(c *client, args [][]byte) {
	name := string(args[1]) // the wait reuses the arguments' buffer
	ms, err := strconv.Atoi(string(args[2]))
	if err != nil || ms < 0 {
		c.writeError("ERR timeout is not a non-negative integer")
		return
	}
	w := &waiter{c: c}
	c.block(time.Duration(ms)*time.Millisecond,
		func() { c.writeBulkString(w.val) },
		func() { c.writeNullArray() },
		func() {
			d.mu.Lock()
			if d.waiters[name] == w {
				delete(d.waiters, name)
			}
			d.mu.Unlock()
		})
	d.mu.Lock()
	d.waiters[name] = w
	d.mu.Unlock()
}

func (d *double) wake(c *client, args [][]byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	w := d.waiters[string(args[1])]
	if w == nil {
		c.writeInt(0)
		return
	}
	w.val = string(args[2])
	if !w.c.wake() {
		c.writeInt(0)
		return
	}
	delete(d.waiters, string(args[1]))
	c.writeInt(1)
}

func (d *double) unblock(c *client, args [][]byte) {
	d.mu.Lock()
	w := d.waiters[string(args[1])]
	d.mu.Unlock()
	if w != nil && w.c.unblock(strings.EqualFold(string(args[2]), "error")) {
		c.writeInt(1)
	} else {
		c.writeInt(0)
	}
}

func (d *double) subscribe(c *client, args [][]byte) {
	c.enablePush(classPubsub)
	d.mu.Lock()
	d.subs = append(d.subs, c)
	d.mu.Unlock()
	c.writeOK()
}

// publish pushes msg to every subscriber as a pub/sub message and returns
// how many took it.
func (d *double) publish(msg string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	m := pushed(msg)
	n := 0
	for _, c := range d.subs {
		if c.pushMessage(m) {
			n++
		}
	}
	return n
}

// pushed is msg as a RESP2 pub/sub message.
func pushed(msg string) string {
	return fmt.Sprintf("*2\r\n$7\r\nmessage\r\n$%d\r\n%s\r\n", len(msg), msg)
}

// waiting returns how many clients wait in TBLOCK.
func (d *double) waiting() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.waiters)
}

// eventually fails the test unless cond holds within 20 seconds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("still not so after 20s: %s", what)
		}
	}
}

// TestBlockFlushesRepliesDue pipelines commands around TBLOCK: the replies
// before it arrive while it waits, and the command after it runs only once
// it is woken (its GET sees the SET made after the wake-up's start).
func TestBlockFlushesRepliesDue(t *testing.T) {
	srv, _ := startDouble(t)
	a, b := dialServer(t, srv), dialServer(t, srv)
	a.send(encodeCommand("PING") + encodeCommand("SET", "k", "1") + encodeCommand("TBLOCK", "q", "0") + encodeCommand("GET", "k"))
	for _, want := range []string{"+PONG\r\n", "+OK\r\n"} {
		if got := a.reply(); got != want {
			t.Fatalf("reply before the wait = %q, want %q", got, want)
		}
	}
	if got := b.do("SET", "k", "2"); got != "+OK\r\n" {
		t.Fatalf("SET = %q", got)
	}
	if got := b.do("TWAKE", "q", "hello"); got != ":1\r\n" {
		t.Fatalf("TWAKE = %q, want :1", got)
	}
	for _, want := range []string{"$5\r\nhello\r\n", "$1\r\n2\r\n"} {
		if got := a.reply(); got != want {
			t.Fatalf("reply after the wait = %q, want %q", got, want)
		}
	}
	if got := b.do("TWAKE", "q", "again"); got != ":0\r\n" {
		t.Errorf("TWAKE of a client no longer waiting = %q, want :0", got)
	}
}

// TestBlockEnds ends a wait each way it can end; the connection goes on
// serving after it, and the waiter is forgotten (onEnd).
func TestBlockEnds(t *testing.T) {
	srv, d := startDouble(t)
	for _, tc := range []struct {
		name    string
		timeout string
		end     []string // sent by another client; nil: none
		want    string
	}{
		{"woken", "0", []string{"TWAKE", "q", "v"}, "$1\r\nv\r\n"},
		{"timed out", "20", nil, "*-1\r\n"},
		{"unblocked", "0", []string{"TUNBLOCK", "q", "TIMEOUT"}, "*-1\r\n"},
		{"unblocked with an error", "0", []string{"TUNBLOCK", "q", "ERROR"}, "-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n"},
		{"woken before its timeout", "600000", []string{"TWAKE", "q", "w"}, "$1\r\nw\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := dialServer(t, srv), dialServer(t, srv)
			a.send(encodeCommand("TBLOCK", "q", tc.timeout) + encodeCommand("PING"))
			if tc.end != nil {
				eventually(t, "the client waits", func() bool { return d.waiting() == 1 })
				if got := b.do(tc.end...); got != ":1\r\n" {
					t.Fatalf("%q = %q, want :1", tc.end, got)
				}
			}
			if got := a.reply(); got != tc.want {
				t.Errorf("reply = %q, want %q", got, tc.want)
			}
			if got := a.reply(); got != "+PONG\r\n" {
				t.Errorf("the command after the wait = %q, want +PONG", got)
			}
			if got := a.do("PING"); got != "+PONG\r\n" { // read after the wait
				t.Errorf("PING after the wait = %q, want +PONG", got)
			}
			if n := d.waiting(); n != 0 {
				t.Errorf("%d waiters left after the wait", n)
			}
			if got := b.do("TWAKE", "q", "late"); got != ":0\r\n" {
				t.Errorf("TWAKE after the wait = %q, want :0", got)
			}
		})
	}
}

// TestBlockDisconnect closes clients while they wait, some with requests
// pipelined behind the wait: each is forgotten, and every goroutine they
// had ends.
func TestBlockDisconnect(t *testing.T) {
	srv, d := startDouble(t)
	ctl := dialServer(t, srv)
	ctl.do("PING")
	base := runtime.NumGoroutine()
	const n = 20
	var clients []*tclient
	for i := range n {
		c := dialServer(t, srv)
		req := encodeCommand("TBLOCK", "q"+strconv.Itoa(i), "0")
		if i%2 == 1 {
			req += strings.Repeat(encodeCommand("SET", "k", "v"), 1000)
		}
		c.send(req)
		clients = append(clients, c)
	}
	eventually(t, "every client waits", func() bool { return d.waiting() == n })
	for _, c := range clients {
		c.nc.Close()
	}
	eventually(t, "every waiter is forgotten", func() bool { return d.waiting() == 0 })
	eventually(t, fmt.Sprintf("goroutines back to %d", base), func() bool { return runtime.NumGoroutine() <= base })
	if got := ctl.do("TWAKE", "q0", "v"); got != ":0\r\n" {
		t.Errorf("TWAKE of a client gone = %q, want :0", got)
	}
	if got := ctl.do("GET", "k"); got != "$-1\r\n" {
		t.Errorf("a request pipelined behind the wait ran: GET k = %q", got)
	}
}

// TestBlockShutdown shuts the server down while a client waits: the wait
// ends unanswered and Shutdown finishes without forcing connections.
func TestBlockShutdown(t *testing.T) {
	srv, d := startDouble(t)
	a := dialServer(t, srv)
	a.send(encodeCommand("TBLOCK", "q", "0"))
	eventually(t, "the client waits", func() bool { return d.waiting() == 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if b, err := io.ReadAll(a.rd); len(b) != 0 {
		t.Errorf("the waiting client got %q (%v), want nothing", b, err)
	}
	if n := d.waiting(); n != 0 {
		t.Errorf("%d waiters left after shutdown", n)
	}
}

// TestPushIdle pushes to a subscriber idle in a read: the messages arrive
// in order, and the connection goes on serving (its read deadline
// restored), with and without an idle timeout.
func TestPushIdle(t *testing.T) {
	for _, timeout := range []int64{0, 3600} {
		t.Run(fmt.Sprintf("timeout %d", timeout), func(t *testing.T) {
			srv, d := startDouble(t, func(c *Config) { c.Timeout = timeout })
			a, other := dialServer(t, srv), dialServer(t, srv)
			if got := a.do("TSUB"); got != "+OK\r\n" {
				t.Fatalf("TSUB = %q", got)
			}
			for round := range 3 {
				for i := range 100 {
					if n := d.publish(fmt.Sprintf("m%d.%d", round, i)); n != 1 {
						t.Fatalf("publish reached %d clients, want 1", n)
					}
				}
				for i := range 100 {
					if got, want := a.reply(), pushed(fmt.Sprintf("m%d.%d", round, i)); got != want {
						t.Fatalf("push %d = %q, want %q", i, got, want)
					}
				}
				if got := a.do("PING"); got != "+PONG\r\n" {
					t.Fatalf("PING after pushes = %q", got)
				}
			}
			if got := other.do("PING"); got != "+PONG\r\n" {
				t.Fatalf("PING = %q", got)
			}
			if n := d.publish("only subscribers"); n != 1 {
				t.Errorf("a client that never subscribed took a push (%d took it)", n)
			}
		})
	}
}

// TestPushBetweenReplies pushes to a subscriber from another goroutine
// while it pipelines ECHOs, some of replies longer than an output block:
// every reply and every message arrives whole and in its order.
func TestPushBetweenReplies(t *testing.T) {
	srv, d := startDouble(t)
	a := dialServer(t, srv)
	if got := a.do("TSUB"); got != "+OK\r\n" {
		t.Fatalf("TSUB = %q", got)
	}
	const echoes, pushes, batch = 2000, 2000, 50
	echo := func(i int) string {
		if i%7 == 0 {
			return strconv.Itoa(i) + strings.Repeat("x", 3*outBlockSize)
		}
		return strconv.Itoa(i)
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := range pushes {
			d.publish("p" + strconv.Itoa(i))
			if i%100 == 0 {
				runtime.Gosched()
			}
		}
	}()
	go func() { // the reader side runs meanwhile, so the sender never waits on it
		defer wg.Done()
		for i := 0; i < echoes; i += batch {
			var req strings.Builder
			for j := i; j < i+batch; j++ {
				req.WriteString(encodeCommand("ECHO", echo(j)))
			}
			if _, err := a.nc.Write([]byte(req.String())); err != nil {
				t.Errorf("write: %v", err)
				return
			}
		}
	}()
	nextEcho, nextPush, between := 0, 0, 0
	for nextEcho < echoes || nextPush < pushes {
		got := a.reply()
		if strings.HasPrefix(got, "*2\r\n") {
			if nextEcho > 0 && nextEcho < echoes {
				between++
			}
			if want := pushed("p" + strconv.Itoa(nextPush)); got != want {
				t.Fatalf("push %d = %.80q, want %q", nextPush, got, want)
			}
			nextPush++
			continue
		}
		if want := fmt.Sprintf("$%d\r\n%s\r\n", len(echo(nextEcho)), echo(nextEcho)); got != want {
			t.Fatalf("ECHO %d = %.80q, want %.80q", nextEcho, got, want)
		}
		nextEcho++
	}
	wg.Wait()
	t.Logf("%d of %d messages arrived between two ECHO replies", between, pushes)
}

// TestPushWhileBlocked pushes to a subscriber waiting in TBLOCK: the
// messages arrive while it waits, and its reply once woken.
func TestPushWhileBlocked(t *testing.T) {
	srv, d := startDouble(t)
	a, b := dialServer(t, srv), dialServer(t, srv)
	a.send(encodeCommand("TSUB") + encodeCommand("TBLOCK", "q", "0") + encodeCommand("PING"))
	if got := a.reply(); got != "+OK\r\n" {
		t.Fatalf("TSUB = %q", got)
	}
	eventually(t, "the client waits", func() bool { return d.waiting() == 1 })
	for i := range 50 {
		d.publish("w" + strconv.Itoa(i))
	}
	for i := range 50 {
		if got, want := a.reply(), pushed("w"+strconv.Itoa(i)); got != want {
			t.Fatalf("push %d = %q, want %q", i, got, want)
		}
	}
	if got := b.do("TWAKE", "q", "done"); got != ":1\r\n" {
		t.Fatalf("TWAKE = %q", got)
	}
	for _, want := range []string{"$4\r\ndone\r\n", "+PONG\r\n"} {
		if got := a.reply(); got != want {
			t.Fatalf("after the wait: %q, want %q", got, want)
		}
	}
}

// TestPushOutputLimit pushes to a subscriber that reads nothing, until
// it is disconnected for passing the pubsub class's hard limit: pushes it
// took while it could write them, and pushes queued while its connection
// is stuck writing one (the pusher then sees the limit passed). Its queued
// messages are let go; a client of the normal class is unaffected.
func TestPushOutputLimit(t *testing.T) {
	for _, tc := range []struct {
		name  string
		first int // the size of a first message, which the connection gets stuck writing
	}{
		{"taken by the connection", 0},
		{"queued while it writes", 16 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs syncBuffer
			srv, d := startDouble(t, func(c *Config) {
				c.ClientOutputBufferLimit = "pubsub 32mb 0 0"
				c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
			})
			slow, other := dialServer(t, srv), dialServer(t, srv)
			if got := slow.do("TSUB"); got != "+OK\r\n" {
				t.Fatalf("TSUB = %q", got)
			}
			if tc.first > 0 {
				d.publish(strings.Repeat("f", tc.first))
				sub := d.subs[0]
				eventually(t, "the connection writes", func() bool {
					sub.mbox.mu.Lock()
					defer sub.mbox.mu.Unlock()
					return sub.mbox.backlog > 0
				})
			}
			msg := strings.Repeat("m", 16<<10)
			const most = 10000 // 160 MB of pushes: far past the limit and any socket buffer
			sent := 0
			for sent < most && d.publish(msg) == 1 {
				sent++
			}
			if sent == most {
				t.Fatalf("%d pushes of %d bytes to a client reading nothing, and it is still subscribed", most, len(msg))
			}
			line := limitLine(t, &logs, slow.nc.LocalAddr().String(), "hard")
			t.Logf("disconnected after %d pushes: %s", sent, line)
			if _, err := io.Copy(io.Discard, slow.rd); err != nil && !strings.Contains(err.Error(), "reset") {
				t.Errorf("reading what the slow client was sent: %v, want its end", err)
			}
			eventually(t, "no output queued", func() bool { return srv.outQueued.Load() == 0 })
			if n := d.publish("late"); n != 0 {
				t.Errorf("a disconnected client took a push")
			}
			if got := other.do("ECHO", "still here"); got != "$10\r\nstill here\r\n" {
				t.Errorf("another client: %q", got)
			}
		})
	}
}
