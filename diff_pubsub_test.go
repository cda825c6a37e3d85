// diff_pubsub_test.go compares pub/sub with redis-server's on several
// connections at once: a subscriber on one, a publisher on another, each
// reply and pushed message compared byte for byte, in RESP2 and in RESP3
// (where messages are pushes, and a subscribed client runs any command).
package main

import (
	"slices"
	"testing"
	"time"
)

// psStep is one step of a pub/sub case: on connection conn, send cmd
// (none: only read) and read n replies or messages. sorted compares them
// as a set (Redis sends the messages of several patterns in no order),
// each array reply's elements sorted too (PUBSUB CHANNELS).
type psStep struct {
	conn   int
	cmd    []string
	n      int
	sorted bool
}

// do is a step sending a command and reading its one reply.
func do(conn int, args ...string) psStep { return psStep{conn: conn, cmd: args, n: 1} }

// doN is a step sending a command and reading n replies (none: a silenced
// command).
func doN(conn, n int, args ...string) psStep { return psStep{conn: conn, cmd: args, n: n} }

// recv is a step reading n messages pushed to conn.
func recv(conn, n int) psStep { return psStep{conn: conn, n: n} }

// anyOrder marks a step's replies as a set.
func anyOrder(s psStep) psStep { s.sorted = true; return s }

// psCase is a pub/sub differential case; only restricts it to one protocol
// (2 or 3; 0: both).
type psCase struct {
	name  string
	only  int
	steps []psStep
}

func TestDiffPubsub(t *testing.T) {
	runDiffPubsub(t, []psCase{
		{name: "basics", steps: []psStep{
			doN(0, 2, "SUBSCRIBE", "chan1", "chan2"),
			do(1, "PUBLISH", "chan1", "hello"), do(1, "PUBLISH", "chan2", "world"), recv(0, 2),
			do(0, "UNSUBSCRIBE", "chan1"),
			do(1, "PUBLISH", "chan1", "hello"), do(1, "PUBLISH", "chan2", "world"), recv(0, 1),
			do(0, "UNSUBSCRIBE", "chan2"),
			do(1, "PUBLISH", "chan1", "hello"), do(1, "PUBLISH", "chan2", "world"), do(0, "PING")}},
		{name: "two-subscribers", steps: []psStep{
			do(0, "SUBSCRIBE", "c"), do(2, "SUBSCRIBE", "c"), do(1, "PUBLISH", "c", "hi"), recv(0, 1), recv(2, 1),
			do(2, "QUIT"), do(1, "PUBLISH", "c", "after quit"), recv(0, 1)}},
		{name: "subscribe-twice-and-unknown", steps: []psStep{
			doN(0, 3, "SUBSCRIBE", "c", "c", "c"), do(1, "PUBLISH", "c", "once"), recv(0, 1),
			doN(0, 3, "UNSUBSCRIBE", "foo", "bar", "c"), doN(0, 3, "PUNSUBSCRIBE", "foo", "bar", "c"),
			doN(0, 2, "SUNSUBSCRIBE", "foo", "c"), do(0, "PING", "x")}},
		{name: "always-reply", steps: []psStep{
			do(0, "UNSUBSCRIBE"), do(0, "PUNSUBSCRIBE"), do(0, "SUNSUBSCRIBE"), do(0, "PING"),
			do(0, "SUBSCRIBE", "c"), do(0, "UNSUBSCRIBE"), do(0, "UNSUBSCRIBE"), do(0, "PING")}},
		{name: "patterns", steps: []psStep{
			doN(0, 2, "PSUBSCRIBE", "foo.*", "bar.*"),
			do(1, "PUBLISH", "foo.1", "hello"), do(1, "PUBLISH", "bar.1", "hello"), do(1, "PUBLISH", "foo1", "hello"),
			do(1, "PUBLISH", "barfoo.1", "hello"), do(1, "PUBLISH", "qux.1", "hello"), recv(0, 2),
			do(0, "PUNSUBSCRIBE", "foo.*"), do(1, "PUBLISH", "foo.1", "x"), do(1, "PUBLISH", "bar.1", "y"), recv(0, 1),
			do(0, "PUNSUBSCRIBE", "bar.*"), do(1, "PUBLISH", "bar.1", "z"), do(0, "PING")}},
		{name: "glob", steps: []psStep{
			doN(0, 7, "PSUBSCRIBE", "h?llo", "h[ae]llo", "h[^e]llo", "h*llo", `h\*llo`, "*", "[a-c]"),
			do(1, "PUBLISH", "hello", "1"), anyOrder(recv(0, 4)),
			do(1, "PUBLISH", "hallo", "2"), anyOrder(recv(0, 5)),
			do(1, "PUBLISH", "h*llo", "3"), anyOrder(recv(0, 5)),
			do(1, "PUBLISH", "b", "4"), anyOrder(recv(0, 2)),
			do(1, "PUBLISH", "", "5"), do(1, "PUBLISH", "heeello", "6"), anyOrder(recv(0, 2))}},
		{name: "channel-and-pattern", steps: []psStep{
			do(0, "SUBSCRIBE", "foo.bar"), do(0, "PSUBSCRIBE", "foo.*"), do(2, "PSUBSCRIBE", "foo.*"),
			do(1, "PUBLISH", "foo.bar", "hello"), recv(0, 2), recv(2, 1),
			do(0, "UNSUBSCRIBE", "foo.*"), do(0, "PUNSUBSCRIBE", "foo.bar"), do(0, "PUNSUBSCRIBE"),
			do(1, "PUBLISH", "foo.bar", "again"), recv(0, 1), recv(2, 1)}},
		{name: "empty-and-binary-names", steps: []psStep{
			do(0, "SUBSCRIBE", ""), do(0, "SUBSCRIBE", "a\r\nb\x00c"),
			do(1, "PUBLISH", "", ""), do(1, "PUBLISH", "a\r\nb\x00c", "\x00\xff"), recv(0, 2),
			do(1, "PUBSUB", "NUMSUB", "", "a\r\nb\x00c"), do(0, "UNSUBSCRIBE", "")}},
		{name: "sharded", steps: []psStep{
			do(0, "SSUBSCRIBE", "chan1"), do(0, "SSUBSCRIBE", "chan2"),
			do(1, "SPUBLISH", "chan1", "hello"), do(1, "PUBLISH", "chan1", "not shard"), do(1, "SPUBLISH", "chan2", "world"), recv(0, 2),
			do(0, "SUBSCRIBE", "chan1"), do(0, "PSUBSCRIBE", "chan*"),
			do(1, "SPUBLISH", "chan1", "s"), recv(0, 1), do(1, "PUBLISH", "chan1", "g"), recv(0, 2),
			do(1, "PUBSUB", "SHARDNUMSUB", "chan1", "chan3"), do(1, "PUBSUB", "NUMSUB", "chan1"),
			do(0, "SUNSUBSCRIBE", "chan1"), do(1, "SPUBLISH", "chan1", "x"), do(1, "SPUBLISH", "chan2", "y"), recv(0, 1),
			do(0, "SUNSUBSCRIBE"), do(0, "SUNSUBSCRIBE"), do(0, "UNSUBSCRIBE"), do(0, "PUNSUBSCRIBE"), do(0, "PING")}},
		{name: "introspection", steps: []psStep{
			doN(0, 3, "SUBSCRIBE", "news.1", "news.2", "other"), doN(0, 2, "PSUBSCRIBE", "foo*", "bar*"), do(0, "SSUBSCRIBE", "s1"),
			doN(2, 2, "PSUBSCRIBE", "foo*", "baz*"), do(2, "SUBSCRIBE", "news.1"),
			anyOrder(do(1, "PUBSUB", "CHANNELS")), anyOrder(do(1, "PUBSUB", "CHANNELS", "news.*")), do(1, "PUBSUB", "CHANNELS", "x*"),
			do(1, "PUBSUB", "NUMSUB", "news.1", "news.2", "nope", "foo*"), do(1, "PUBSUB", "NUMSUB"), do(1, "PUBSUB", "numpat"),
			do(1, "PUBSUB", "SHARDCHANNELS"), do(1, "PUBSUB", "SHARDCHANNELS", "s*"), do(1, "PUBSUB", "SHARDNUMSUB", "s1", "news.1"),
			do(1, "PUBSUB", "SHARDNUMSUB"), do(0, "PUNSUBSCRIBE", "bar*"), do(1, "PUBSUB", "NUMPAT"),
			do(2, "QUIT"), do(1, "PUBSUB", "NUMSUB", "news.1"), do(1, "PUBSUB", "NUMPAT")}},
		{name: "pubsub-errors", steps: []psStep{
			do(1, "PUBSUB"), do(1, "PUBSUB", "FOO"), do(1, "PUBSUB", "CHANNELS", "x", "y"), do(1, "PUBSUB", "SHARDCHANNELS", "x", "y"),
			do(1, "PUBSUB", "NUMPAT", "x"), do(1, "PUBSUB", "HELP"), do(1, "PUBSUB", "help", "x"),
			do(1, "PUBLISH", "c"), do(1, "PUBLISH", "c", "m", "x"), do(1, "SPUBLISH", "c"), do(1, "SUBSCRIBE"), do(1, "PSUBSCRIBE"),
			do(1, "SSUBSCRIBE")}},
		{name: "subscribed-context", steps: []psStep{
			do(0, "SUBSCRIBE", "c"), do(0, "GET", "x"), do(0, "SET", "x", "1"), do(0, "ECHO", "e"),
			do(0, "CONFIG", "GET", "maxmemory"), do(0, "CONFIG", "NOSUCH"), do(0, "CONFIG", "GET"), do(0, "OBJECT", "ENCODING", "x"),
			do(0, "NOSUCH", "a"), do(0, "GET"), do(0, "PING"), do(0, "PING", "p"), do(0, "PING", "a", "b"),
			do(0, "PSUBSCRIBE", "p*"), do(0, "UNSUBSCRIBE"), do(0, "GET", "x"), do(0, "PUNSUBSCRIBE"), do(0, "GET", "x"), do(0, "PING")}},
		{name: "subscribed-context-multi", only: 2, steps: []psStep{
			do(0, "SUBSCRIBE", "c"), do(0, "MULTI"), do(0, "EXEC"), do(0, "WATCH", "x"), do(0, "UNSUBSCRIBE", "c"), do(0, "MULTI"), do(0, "EXEC")}},
		{name: "subscribe-in-multi", steps: []psStep{
			do(0, "MULTI"), do(0, "SUBSCRIBE", "m1"), do(0, "SSUBSCRIBE", "m2"), do(0, "PSUBSCRIBE", "m*"), do(0, "EXEC"),
			do(1, "PUBLISH", "m1", "x"), recv(0, 2), do(0, "PING")}},
		{name: "quit-while-subscribed", steps: []psStep{
			do(0, "SUBSCRIBE", "c"), do(0, "QUIT"), do(1, "PUBLISH", "c", "gone"), do(1, "PUBSUB", "NUMSUB", "c")}},
		{name: "reset", steps: []psStep{
			do(0, "SELECT", "1"), do(0, "SET", "k", "db1"), do(0, "CLIENT", "SETNAME", "nm"), do(0, "WATCH", "k"),
			do(0, "SUBSCRIBE", "c"), do(0, "PSUBSCRIBE", "p*"), do(0, "SSUBSCRIBE", "s"),
			do(0, "RESET"), do(0, "PING"), do(1, "PUBLISH", "c", "x"), do(1, "PUBLISH", "pp", "x"), do(1, "SPUBLISH", "s", "x"),
			do(1, "PUBSUB", "NUMPAT"), do(0, "GET", "k"), do(0, "CLIENT", "GETNAME"), do(0, "SELECT", "1"), do(0, "GET", "k"),
			do(0, "MULTI"), do(0, "SET", "k", "queued"), do(0, "RESET"), do(0, "EXEC"), do(0, "GET", "k"), do(0, "RESET", "x")}},
		{name: "reset-resp3-to-2", only: 3, steps: []psStep{
			do(0, "SUBSCRIBE", "c"), do(0, "GET", "x"), do(0, "RESET"), do(0, "GET", "x"), do(0, "CLIENT", "GETNAME")}},
		{name: "publish-to-self", only: 3, steps: []psStep{
			do(0, "SUBSCRIBE", "c1"), do(0, "PSUBSCRIBE", "c*"), doN(0, 3, "PUBLISH", "c1", "hi"),
			do(1, "PUBLISH", "c1", "yo"), recv(0, 2), doN(0, 2, "PUBLISH", "c2", "pat only"), do(0, "GET", "x")}},
		{name: "client-reply", steps: []psStep{
			doN(0, 0, "CLIENT", "REPLY", "OFF"), doN(0, 0, "SET", "a", "1"), doN(0, 0, "GET", "a"), doN(0, 0, "NOSUCH"),
			doN(0, 0, "CLIENT", "REPLY", "SKIP"), do(0, "CLIENT", "REPLY", "ON"), do(0, "GET", "a"),
			doN(0, 0, "CLIENT", "REPLY", "SKIP"), doN(0, 0, "GET", "a"), do(0, "GET", "a"),
			doN(0, 0, "CLIENT", "REPLY", "SKIP"), doN(0, 0, "CLIENT", "REPLY", "SKIP"), doN(0, 0, "GET", "a"), do(0, "GET", "a"),
			do(0, "CLIENT", "REPLY", "FOO"), do(0, "CLIENT", "REPLY"), do(0, "CLIENT", "REPLY", "ON")}},
		{name: "client-reply-subscribed", steps: []psStep{
			doN(0, 0, "CLIENT", "REPLY", "OFF"), do(0, "SUBSCRIBE", "c"), do(0, "PSUBSCRIBE", "c*"),
			do(1, "PUBLISH", "c", "hello"), recv(0, 2), doN(0, 0, "PING"), doN(0, 0, "GET", "x"),
			do(0, "UNSUBSCRIBE", "c"), do(0, "PUNSUBSCRIBE"), do(0, "CLIENT", "REPLY", "ON"), do(0, "PING")}},
		{name: "client-reply-skip-subscribe", steps: []psStep{
			doN(0, 0, "CLIENT", "REPLY", "SKIP"), do(0, "SSUBSCRIBE", "s"), do(1, "SPUBLISH", "s", "m"), recv(0, 1),
			do(0, "SUNSUBSCRIBE", "s"), do(0, "PING")}},
	})
}

// runDiffPubsub runs each case against Redis and nosql, on as many
// connections per server as its steps name, in RESP2 and in RESP3 (every
// connection switched by HELLO 3).
func runDiffPubsub(t *testing.T, cases []psCase) {
	t.Helper()
	raddr := startRedis(t)
	srv := startServer(t)
	for _, tc := range cases {
		for _, proto := range []int{2, 3} {
			if tc.only != 0 && tc.only != proto {
				continue
			}
			name := tc.name
			if proto == 3 {
				name += "-resp3"
			}
			t.Run(name, func(t *testing.T) { runPubsubCase(t, tc, raddr, srv, proto == 3) })
		}
	}
}

// runPubsubCase runs one case on fresh connections.
func runPubsubCase(t *testing.T, tc psCase, raddr string, srv *Server, resp3 bool) {
	conns := 0
	for _, s := range tc.steps {
		conns = max(conns, s.conn+1)
	}
	r, n := make([]*tclient, conns), make([]*tclient, conns)
	for i := range r {
		r[i], n[i] = dial(t, raddr), dialServer(t, srv)
		if resp3 {
			r[i].do("HELLO", "3")
			n[i].do("HELLO", "3")
		}
	}
	r[0].do("FLUSHALL")
	n[0].do("FLUSHALL")
	for _, c := range []*tclient{r[0], n[0]} {
		waitNoSubscribers(t, c)
	}
	for i, s := range tc.steps {
		if s.cmd != nil {
			r[s.conn].send(encodeCommand(s.cmd...))
			n[s.conn].send(encodeCommand(s.cmd...))
		}
		want, got := readN(r[s.conn], s.n, s.sorted), readN(n[s.conn], s.n, s.sorted)
		if !slices.Equal(want, got) {
			t.Errorf("step %d, connection %d, %q:\n redis: %q\n nosql: %q", i, s.conn, s.cmd, want, got)
		}
	}
}

// waitNoSubscribers waits (up to 5 s) until the server has forgotten the
// subscribers of earlier cases, whose connections closed as they ended: a
// server notices a closed connection only when it reads it.
func waitNoSubscribers(t *testing.T, c *tclient) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		empty := c.do("PUBSUB", "NUMPAT") == ":0\r\n" && c.do("PUBSUB", "CHANNELS") == "*0\r\n" &&
			c.do("PUBSUB", "SHARDCHANNELS") == "*0\r\n"
		if empty {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("subscribers of earlier cases are still subscribed after 5 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// readN reads n replies; sorted sorts them, and the elements of each.
func readN(c *tclient, n int, sorted bool) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = c.reply()
		if sorted {
			out[i] = sortedReply(out[i])
		}
	}
	if sorted {
		slices.Sort(out)
	}
	return out
}
