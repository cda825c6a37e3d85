// client_kill_test.go tests CLIENT KILL between connections: each filter
// kills the clients it names and no other, the killed connection ends at
// once (CLIENT LIST and connected_clients stop counting it), and the caller
// is closed after its reply when it kills itself.
package main

import (
	"io"
	"strconv"
	"strings"
	"testing"
	"time"
)

// clientID returns a connection's CLIENT ID.
func clientID(t *testing.T, c *tclient) string {
	t.Helper()
	return strings.TrimSuffix(strings.TrimPrefix(c.do("CLIENT", "ID"), ":"), "\r\n")
}

// closedByServer reports whether the server closed c (a read sees the end).
func closedByServer(c *tclient) bool {
	c.nc.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err := c.rd.ReadByte()
	return err == io.EOF
}

func TestClientKillFilters(t *testing.T) {
	for _, tc := range []struct {
		name string
		// args builds the KILL's arguments from the killer, the victim
		// and the bystander; killed lists who must be gone (k, v, b)
		args   func(k, v, b *tclient) []string
		reply  string
		killed string
	}{
		{"id", func(k, v, b *tclient) []string { return []string{"ID", clientID(t, v)} }, ":1\r\n", "v"},
		{"addr", func(k, v, b *tclient) []string { return []string{"ADDR", v.nc.LocalAddr().String()} }, ":1\r\n", "v"},
		{"old-form", func(k, v, b *tclient) []string { return []string{v.nc.LocalAddr().String()} }, "+OK\r\n", "v"},
		{"old-form-self", func(k, v, b *tclient) []string { return []string{k.nc.LocalAddr().String()} }, "+OK\r\n", "k"},
		{"laddr", func(k, v, b *tclient) []string { return []string{"LADDR", v.nc.RemoteAddr().String()} }, ":2\r\n", "vb"},
		{"user", func(k, v, b *tclient) []string { return []string{"USER", "default"} }, ":2\r\n", "vb"},
		{"type-normal", func(k, v, b *tclient) []string { return []string{"TYPE", "normal"} }, ":2\r\n", "vb"},
		{"skipme-no", func(k, v, b *tclient) []string { return []string{"SKIPME", "no"} }, ":3\r\n", "kvb"},
		{"skipme-yes-self-id", func(k, v, b *tclient) []string { return []string{"ID", clientID(t, k)} }, ":0\r\n", ""},
		{"self-id-skipme-no", func(k, v, b *tclient) []string { return []string{"ID", clientID(t, k), "SKIPME", "no"} }, ":1\r\n", "k"},
		{"combined", func(k, v, b *tclient) []string {
			return []string{"ADDR", v.nc.LocalAddr().String(), "ID", clientID(t, b)}
		}, ":0\r\n", ""},
		{"type-pubsub", func(k, v, b *tclient) []string { return []string{"TYPE", "pubsub"} }, ":0\r\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := startServer(t)
			k, v, b := dialServer(t, srv), dialServer(t, srv), dialServer(t, srv)
			for _, x := range []*tclient{k, v, b} {
				x.do("PING")
			}
			args := append([]string{"CLIENT", "KILL"}, tc.args(k, v, b)...)
			if r := k.do(args...); r != tc.reply {
				t.Fatalf("%q = %q, want %q", args, r, tc.reply)
			}
			if !strings.Contains(tc.killed, "k") {
				info := infoFields(decodeTree(t, k.do("INFO", "clients")).(string))
				if want := strconv.Itoa(3 - len(tc.killed)); info["connected_clients"] != want {
					t.Errorf("connected_clients = %s right after the kill, want %s", info["connected_clients"], want)
				}
				if n := strings.Count(decodeTree(t, k.do("CLIENT", "LIST")).(string), "\n"); n != 3-len(tc.killed) {
					t.Errorf("CLIENT LIST shows %d clients after the kill", n)
				}
			}
			for name, x := range map[string]*tclient{"k": k, "v": v, "b": b} {
				if strings.Contains(tc.killed, name) {
					if !closedByServer(x) {
						t.Errorf("%s: not disconnected", name)
					}
				} else if r := x.do("PING"); r != "+PONG\r\n" {
					t.Errorf("%s: PING after the kill = %q", name, r)
				}
			}
		})
	}
}

// TestClientKillWaiting kills a client a pause holds: it leaves the pause
// at once (blocked_clients drops), and the pause goes on for the others.
func TestClientKillWaiting(t *testing.T) {
	srv := startServer(t)
	k, v := dialServer(t, srv), dialServer(t, srv)
	k.do("CLIENT", "PAUSE", "100000", "WRITE")
	v.send(encodeCommand("SET", "k", "v"))
	eventually(t, "the SET is paused", func() bool { return blockedClients(t, k) == 1 })
	if r := k.do("CLIENT", "KILL", "ID", clientID(t, dialServer(t, srv))); r != ":1\r\n" {
		t.Fatalf("kill of an idle client = %q", r)
	}
	if r := k.do("CLIENT", "KILL", "ADDR", v.nc.LocalAddr().String()); r != ":1\r\n" {
		t.Fatalf("kill of the paused client = %q", r)
	}
	if !closedByServer(v) {
		t.Error("the paused client was not disconnected")
	}
	eventually(t, "the killed client leaves the pause", func() bool { return blockedClients(t, k) == 0 })
	k.do("CLIENT", "UNPAUSE")
	if r := k.do("EXISTS", "k"); r != ":0\r\n" {
		t.Errorf("the killed client's paused SET ran: EXISTS = %q", r)
	}
}

// TestClientKillPubsub checks that a subscriber is of type pubsub for
// CLIENT LIST and CLIENT KILL, and other clients of type normal.
func TestClientKillPubsub(t *testing.T) {
	srv := startServer(t)
	k, v, b := dialServer(t, srv), dialServer(t, srv), dialServer(t, srv)
	v.do("SUBSCRIBE", "ch")
	b.do("PING")
	list := decodeTree(t, k.do("CLIENT", "LIST", "TYPE", "pubsub")).(string)
	if strings.Count(list, "\n") != 1 || !strings.Contains(list, " flags=P ") || !strings.Contains(list, " sub=1 ") {
		t.Errorf("CLIENT LIST TYPE pubsub = %q", list)
	}
	if n := strings.Count(decodeTree(t, k.do("CLIENT", "LIST", "TYPE", "normal")).(string), "\n"); n != 2 {
		t.Errorf("CLIENT LIST TYPE normal shows %d clients, want 2", n)
	}
	if r := k.do("CLIENT", "KILL", "TYPE", "pubsub"); r != ":1\r\n" {
		t.Fatalf("CLIENT KILL TYPE pubsub = %q", r)
	}
	if !closedByServer(v) {
		t.Error("the subscriber was not disconnected")
	}
	if r := b.do("PING"); r != "+PONG\r\n" {
		t.Errorf("bystander PING = %q", r)
	}
}
