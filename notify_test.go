// notify_test.go checks what no comparison with Redis can: a RESP3 client
// subscribed to its own keyspace events gets each command's reply, then
// the command's events as pushes (Redis 7.0 puts them before or after the
// reply depending on the command, and inside EXEC's reply).
package main

import (
	"slices"
	"testing"
)

func TestNotifySelfResp3(t *testing.T) {
	srv := startServer(t)
	c := dialServer(t, srv)
	c.do("HELLO", "3")
	c.do("CONFIG", "SET", "notify-keyspace-events", "KEl$")
	c.do("PSUBSCRIBE", "__keyspace@0__:*")
	event := func(key, ev string) string {
		return ">4\r\n$8\r\npmessage\r\n$16\r\n__keyspace@0__:*\r\n" + bulk([]byte("__keyspace@0__:"+key)) + bulk([]byte(ev))
	}
	steps := []struct {
		cmd  []string
		want []string
	}{
		{[]string{"SET", "k", "v"}, []string{"+OK\r\n", event("k", "set")}},
		{[]string{"RPUSH", "l", "a", "b"}, []string{":2\r\n", event("l", "rpush")}},
		{[]string{"LPOP", "l", "2"}, []string{"*2\r\n$1\r\na\r\n$1\r\nb\r\n", event("l", "lpop")}},
		{[]string{"GET", "k"}, []string{"$1\r\nv\r\n"}},
		{[]string{"MULTI"}, []string{"+OK\r\n"}},
		{[]string{"SET", "k", "w"}, []string{"+QUEUED\r\n"}},
		{[]string{"APPEND", "k", "x"}, []string{"+QUEUED\r\n"}},
		{[]string{"EXEC"}, []string{"*2\r\n+OK\r\n:2\r\n", event("k", "set"), event("k", "append")}},
		{[]string{"PING"}, []string{"+PONG\r\n"}},
	}
	for _, s := range steps {
		c.send(encodeCommand(s.cmd...))
		var got []string
		for range s.want {
			got = append(got, c.reply())
		}
		if !slices.Equal(got, s.want) {
			t.Errorf("%q:\n got %q\nwant %q", s.cmd, got, s.want)
		}
	}
}
