// hll_test.go tests the HyperLogLog representation on arbitrary bytes
// (FuzzHLL, seeds in testdata/fuzz/FuzzHLL), the records HLL writes log
// and their replay after a restart, whatever hll-sparse-max-bytes is then.
package main

import (
	"bytes"
	"fmt"
	"slices"

	"nosql/internal/hll"
	"testing"
)

// FuzzHLL runs PFCOUNT, PFADD, PFMERGE and GET on a fuzzed string value
// under a fuzzed hll-sparse-max-bytes: every command gets a reply, and no
// value grows past the dense size (or its own size plus three bytes an
// element). internal/hll's FuzzSparseDense checks the registers.
func FuzzHLL(f *testing.F) {
	srv := fuzzServer(f)
	f.Add([]byte("HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x7f\xff"), []byte("a,b,c"), uint16(3000))
	f.Add([]byte("HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7f"), []byte("x"), uint16(20))
	f.Add(append([]byte("HYLL\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80"), make([]byte, hll.DenseSize-hll.HdrSize)...), []byte("q,r"), uint16(0))
	f.Fuzz(func(t *testing.T, value, elems []byte, maxSparse uint16) {
		srv.store = NewStore(DefaultDatabases)
		srv.setEncoding(func(e *encodingLimits) { e.hllSparseMaxBytes = int64(maxSparse) })
		c := newClient(srv, nil, nil)
		els := bytes.Split(elems, []byte(","))
		run := func(args ...[]byte) {
			n := c.pendingOut()
			c.run(srv.command(args[0]), args)
			if c.pendingOut() == n {
				t.Fatalf("no reply to %q", args)
			}
		}
		b := func(s string) []byte { return []byte(s) }
		run(b("SET"), b("k"), value)
		run(b("PFCOUNT"), b("k"))
		run(b("PFCOUNT"), b("k"), b("k"))
		run(append([][]byte{b("PFADD"), b("k")}, els...)...)
		run(b("PFMERGE"), b("m"), b("k"))
		run(b("PFMERGE"), b("k"), b("m"))
		c.resetOut()
		for _, k := range []string{"k", "m"} {
			got, _, _ := c.db.GetString(b(k))
			if len(got) > max(hll.DenseSize, len(value)+3*len(els)) {
				t.Fatalf("%s grew to %d bytes from %d", k, len(got), len(value))
			}
		}
	})
}

// TestHLLLog checks what HLL writes log, and that a restart under another
// hll-sparse-max-bytes (200 before, 3000 after) rebuilds every value byte
// for byte.
func TestHLLLog(t *testing.T) {
	dir := t.TempDir()
	cfg := []func(*Config){withAOF(dir, "always"), func(c *Config) { c.AutoAOFRewritePercentage = 0 }}
	srv := startServer(t, cfg...)
	cl := dialServer(t, srv)
	cl.do("CONFIG", "SET", "hll-sparse-max-bytes", "200")
	steps := []struct {
		cmd  []string
		want string // the first record's command
	}{
		{c("PFADD", "s", "a", "b"), "SET"},
		{c("PFADD", "s", "a"), ""},
		{c("PFCOUNT", "s"), "SETRANGE"},
		{c("PFCOUNT", "s"), ""},
		{append(c("PFADD", "d"), elems("e", 0, 3000)...), "SET"},
		{c("PFADD", "d", "x1", "x2", "x3"), "PFADD"},
		{c("PFCOUNT", "d"), "SETRANGE"},
		{c("PFMERGE", "m", "s"), "SET"},
		{c("PFMERGE", "m2", "s", "d"), "PFMERGE"},
		{c("PFCOUNT", "s", "d"), ""},
		{append(c("PFADD", "p"), elems("p", 0, 40)...), "SET"},
		{append(c("PFADD", "p"), elems("p", 40, 60)...), "SET"},
		{c("PFADD", "t", "x"), "SET"},
		{c("PFDEBUG", "TODENSE", "t"), "SET"},
		{c("PFDEBUG", "TODENSE", "t"), ""},
		{c("PFADD", "l", "x"), "SET"},
		{c("EXPIRE", "l", "1000"), "PEXPIREAT"},
		{c("PFADD", "l", "y", "z"), "SET"},
	}
	for _, s := range steps {
		before := len(readRecords(t, dir))
		cl.do(s.cmd...)
		got := slices.DeleteFunc(readRecords(t, dir)[before:], func(r []string) bool { return r[0] == "SELECT" })
		if first := ""; len(got) > 0 && got[0][0] != s.want || len(got) == 0 && s.want != first {
			t.Fatalf("%.60q logged %.100q, want %s", s.cmd, got, s.want)
		}
	}
	queries := [][]string{c("GET", "s"), c("GET", "d"), c("GET", "m"), c("GET", "m2"), c("GET", "l"), c("TTL", "l"), c("GET", "p"), c("GET", "t")}
	replies := func(srv *Server) string {
		cl := dialServer(t, srv)
		var out []string
		for _, q := range queries {
			out = append(out, cl.do(q...))
		}
		return fmt.Sprint(out)
	}
	want := replies(srv)
	stopServer(t, srv)
	srv = startServer(t, cfg...) // hll-sparse-max-bytes back at 3000
	if got := replies(srv); got != want {
		t.Fatalf("after replay:\n got %.300q\nwant %.300q", got, want)
	}
}
