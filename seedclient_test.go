// seedclient_test.go replays the session of the "miniature Redis" seed
// client (set, get, delete, get, mset, mget, flush) over a raw socket,
// encoding each request as that client does: a RESP array of bulk strings.
package main

import (
	"strconv"
	"testing"
)

// seedRequest encodes a request as the seed client's protocol handler
// writes a tuple: "*N\r\n" then "$len\r\nbytes\r\n" per element.
func seedRequest(args ...string) string {
	s := "*" + strconv.Itoa(len(args)) + "\r\n"
	for _, a := range args {
		s += "$" + strconv.Itoa(len(a)) + "\r\n" + a + "\r\n"
	}
	return s
}

func TestSeedClientSession(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	for _, step := range []struct {
		call string   // the seed client's call
		args []string // the request it sends
		want string   // the raw reply
	}{
		{"c.set('name', 'Alice')", []string{"SET", "name", "Alice"}, "+OK\r\n"},
		{"c.get('name')", []string{"GET", "name"}, "$5\r\nAlice\r\n"},
		{"c.delete('name')", []string{"DELETE", "name"}, ":1\r\n"},
		{"c.get('name')", []string{"GET", "name"}, "$-1\r\n"},
		{"c.mset('a', '1', 'b', '2')", []string{"MSET", "a", "1", "b", "2"}, "+OK\r\n"},
		{"c.mget('a', 'b')", []string{"MGET", "a", "b"}, "*2\r\n$1\r\n1\r\n$1\r\n2\r\n"},
		{"c.flush()", []string{"FLUSH"}, ":2\r\n"},
		{"c.mget('a', 'b')", []string{"MGET", "a", "b"}, "*2\r\n$-1\r\n$-1\r\n"},
	} {
		cl.send(seedRequest(step.args...))
		if got := cl.reply(); got != step.want {
			t.Errorf("%s: got %q, want %q", step.call, got, step.want)
		}
	}
}
