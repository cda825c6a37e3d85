// bench_test.go holds the Go benchmarks of the hot path, each reporting
// allocations per operation: request framing (RESP and semicolon), the
// reply writers, the store, and a whole command from framed arguments to
// reply bytes (RESP dispatch, sorted-set commands on a large set, and the
// semicolon path), without the network.
package main

import (
	"fmt"
	"net"
	"strings"
	"testing"
)

// loopReader serves the same bytes forever, as a client pipelining the
// same batch again and again would.
type loopReader struct {
	data []byte
	off  int
}

func (l *loopReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m := copy(p[n:], l.data[l.off:])
		n += m
		l.off = (l.off + m) % len(l.data)
	}
	return n, nil
}

// benchServer returns a server that is not listening, persistence off.
func benchServer(b *testing.B) *Server {
	b.Helper()
	cfg := DefaultConfig()
	cfg.AppendOnly = false
	cfg.Dir = b.TempDir()
	srv, err := NewServer(cfg)
	if err != nil {
		b.Fatalf("NewServer: %v", err)
	}
	return srv
}

// benchConn returns a connection of srv with no network behind it.
func benchConn(srv *Server) *conn {
	return &conn{client: newClient(srv, nil, nil)}
}

// benchKeys returns n distinct keys.
func benchKeys(n int) [][]byte {
	keys := make([][]byte, n)
	for i := range keys {
		keys[i] = fmt.Appendf(nil, "key:%012d", i)
	}
	return keys
}

// benchFrames frames one request per op from batch, repeated forever.
func benchFrames(b *testing.B, batch string, want frame) {
	srv := benchServer(b)
	rd := newReader(&loopReader{data: []byte(batch)}, &srv.set)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; {
		f, err := rd.next()
		switch {
		case err != nil:
			b.Fatal(err)
		case f == frameNone:
			if err := rd.fill(); err != nil {
				b.Fatal(err)
			}
		case f != want:
			b.Fatalf("framed %v, want %v", f, want)
		default:
			i++
		}
	}
}

// BenchmarkReaderRESP frames a pipelined batch of RESP SET and GET.
func BenchmarkReaderRESP(b *testing.B) {
	var batch strings.Builder
	for i := 0; i < 16; i++ {
		batch.WriteString(encodeCommand("SET", fmt.Sprintf("key:%012d", i), "xxx"))
		batch.WriteString(encodeCommand("GET", fmt.Sprintf("key:%012d", i)))
	}
	benchFrames(b, batch.String(), frameRESP)
}

// BenchmarkReaderText frames a pipelined batch of semicolon PUT and GET.
func BenchmarkReaderText(b *testing.B) {
	var batch strings.Builder
	for i := 0; i < 16; i++ {
		fmt.Fprintf(&batch, "PUT;key:%012d;xxx;STRING\nGET;key:%012d\n", i, i)
	}
	benchFrames(b, batch.String(), frameText)
}

// BenchmarkWrite measures the reply writers.
func BenchmarkWrite(b *testing.B) {
	value := []byte(strings.Repeat("x", 100))
	items := make([]string, 10)
	for i := range items {
		items[i] = fmt.Sprintf("element-%d", i)
	}
	cases := []struct {
		name string
		fn   func(c *client)
	}{
		{"bulk", func(c *client) { c.writeBulk(value) }},
		{"bulkString", func(c *client) { c.writeBulkString("value:123456") }},
		{"int", func(c *client) { c.writeInt(1234567890) }},
		{"array10", func(c *client) { c.writeBulks(items) }},
	}
	srv := benchServer(b)
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			c := benchConn(srv)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				c.out = c.out[:0]
				tc.fn(c.client)
			}
		})
	}
}

// discardConn is a connection that takes every write and keeps nothing.
type discardConn struct{ net.Conn }

func (discardConn) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkPipeline writes 100-byte bulk replies as a pipelined batch
// does, sending them every flushAt bytes (writev of the queued blocks):
// blocks go back to the pool and are reused.
func BenchmarkPipeline(b *testing.B) {
	c := &conn{client: newClient(benchServer(b), nil, nil), nc: discardConn{}}
	value := []byte(strings.Repeat("x", 100))
	b.ReportAllocs()
	b.SetBytes(int64(len(value) + 8))
	for i := 0; i < b.N; i++ {
		c.writeBulk(value)
		if c.q.queued >= flushAt {
			c.writeOut()
		}
	}
}

// BenchmarkStore measures the store operations on 1024 keys.
func BenchmarkStore(b *testing.B) {
	keys := benchKeys(1024)
	value := []byte("xxx")
	one := [][]byte{value}
	cases := []struct {
		name string
		fn   func(s *tstore, key []byte)
	}{
		{"Set", func(s *tstore, key []byte) { s.Set(key, value) }},
		{"GetString", func(s *tstore, key []byte) { s.GetString(key) }},
		{"IncrBy", func(s *tstore, key []byte) { s.IncrBy(key, 1, true) }},
		{"Push", func(s *tstore, key []byte) { s.Push(key, one, true, true) }},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			s := newTestStore(nil)
			for _, k := range keys {
				if tc.name == "Push" {
					s.Push(k, one, true, true)
				} else {
					s.Set(k, []byte("0"))
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				tc.fn(s, keys[i%len(keys)])
			}
		})
	}
}

// BenchmarkDispatch runs whole RESP commands on a connection: lookup,
// arity, the command, its reply and its counters.
func BenchmarkDispatch(b *testing.B) {
	keys := benchKeys(1024)
	fill := func(c *conn) {
		for _, k := range keys {
			sdb(c.srv).Set(k, []byte("xxx"))
		}
	}
	cases := []struct {
		name string
		args func(i int) [][]byte
	}{
		{"GET", func(i int) [][]byte { return [][]byte{[]byte("GET"), keys[i]} }},
		{"SET", func(i int) [][]byte { return [][]byte{[]byte("SET"), keys[i], []byte("xxx")} }},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) { benchDispatch(b, fill, tc.args) })
	}
}

// BenchmarkZset runs sorted-set commands on one set of 100,000 members
// (the large encoding): ZADD changing a score, ZSCORE, ZRANK, and a
// ZRANGEBYSCORE of 10 members with their scores.
func BenchmarkZset(b *testing.B) {
	const n = 100000
	members := benchKeys(n)
	fill := func(c *conn) {
		for i := 0; i < n; i += 1000 {
			req := bs("ZADD", "z")
			for j := i; j < i+1000; j++ {
				req = append(req, []byte(fmt.Sprint(j)), members[j])
			}
			c.dispatch(req)
			c.out = c.out[:0]
		}
	}
	cases := []struct {
		name string
		args func(i int) [][]byte
	}{
		{"ZADD", func(i int) [][]byte { return bs("ZADD", "z", fmt.Sprint(i%n+1), string(members[i*97%n])) }},
		{"ZSCORE", func(i int) [][]byte { return bs("ZSCORE", "z", string(members[i*97%n])) }},
		{"ZRANK", func(i int) [][]byte { return bs("ZRANK", "z", string(members[i*97%n])) }},
		{"ZRANGEBYSCORE", func(i int) [][]byte {
			return bs("ZRANGEBYSCORE", "z", fmt.Sprintf("(%d", i*97%n), "+inf", "WITHSCORES", "LIMIT", "0", "10")
		}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) { benchDispatch(b, fill, tc.args) })
	}
}

// benchDispatch measures whole commands on a new server that fill has
// prepared, going round 1,024 requests made by args.
func benchDispatch(b *testing.B, fill func(c *conn), args func(i int) [][]byte) {
	c := benchConn(benchServer(b))
	fill(c)
	reqs := make([][][]byte, 1024)
	for i := range reqs {
		reqs[i] = args(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.out = c.out[:0]
		c.dispatch(reqs[i%len(reqs)])
	}
}

// BenchmarkServeText runs whole semicolon requests: parsing, the handler,
// the response and the STATS counters.
func BenchmarkServeText(b *testing.B) {
	keys := benchKeys(1024)
	cases := []struct {
		name string
		line func(key []byte) []byte
	}{
		{"PUT", func(key []byte) []byte { return fmt.Appendf(nil, "PUT;%s;xxx;STRING", key) }},
		{"GET", func(key []byte) []byte { return fmt.Appendf(nil, "GET;%s", key) }},
		{"INCREMENT", func(key []byte) []byte { return fmt.Appendf(nil, "INCREMENT;%s", key) }},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			srv := benchServer(b)
			lines := make([][]byte, len(keys))
			for i, k := range keys {
				sdb(srv).Set(k, []byte("0"))
				lines[i] = tc.line(k)
			}
			out := make([]byte, 0, 4096)
			c := newClient(srv, nil, nil)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				out, _ = c.serveText(lines[i%len(lines)], out[:0])
			}
		})
	}
}

// BenchmarkBenchReplies measures the load generator's reply check, which
// must not be what limits `nosql bench`.
func BenchmarkBenchReplies(b *testing.B) {
	cases := []struct {
		name  string
		resp  bool
		reply string
	}{
		{"text", false, "True;Key [key:000000000001] set to [xxx]\n"},
		{"RESP", true, "$3\r\nxxx\r\n"},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			batch := []byte(strings.Repeat(tc.reply, 16))
			c := &loadClient{resp: tc.resp}
			b.ReportAllocs()
			b.SetBytes(int64(len(batch)))
			for i := 0; i < b.N; i++ {
				if c.replies(batch) != 16 || c.errors != 0 {
					b.Fatal("bad scan")
				}
			}
		})
	}
}
