// diff_hll_test.go compares the HyperLogLog commands with Redis, in RESP2
// and RESP3: replies and the bytes of the values (GET) after PFADD,
// PFCOUNT and PFMERGE in both encodings, the promotion from sparse to
// dense at hll-sparse-max-bytes, unions, errors, and values written by
// SET: Redis's own HLLs, damaged ones and random bytes behind the header.
package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"nosql/internal/hll"
)

// elems returns n element names from prefix.
func elems(prefix string, from, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, from+i)
	}
	return out
}

// pfadds adds n elements to key in batches of 100, reading the value back
// after each batch.
func pfadds(key, prefix string, n int) [][]string {
	var cmds [][]string
	for i := 0; i < n; i += 100 {
		cmds = append(cmds, append(c("PFADD", key), elems(prefix, i, min(100, n-i))...), c("GET", key))
	}
	return append(cmds, c("PFCOUNT", key), c("GET", key), c("PFCOUNT", key))
}

func hllCases() []diffCase {
	return []diffCase{
		{name: "pfadd-small", cmds: [][]string{
			c("PFADD", "h"), c("GET", "h"), c("PFCOUNT", "h"), c("PFADD", "h"), c("PFADD", "h", "a", "b", "c"),
			c("GET", "h"), c("PFADD", "h", "a"), c("PFADD", "h", ""), c("GET", "h"), c("PFCOUNT", "h"), c("GET", "h"),
			c("TYPE", "h"), c("STRLEN", "h"), c("PFCOUNT", "nokey"), c("EXISTS", "nokey"),
		}},
		{name: "pfadd-sparse", cmds: pfadds("h", "e", 900)},
		{name: "pfadd-dense", cmds: pfadds("h", "x", 3000)},
		{name: "pfadd-long-elements", cmds: [][]string{
			c("PFADD", "h", strings.Repeat("a", 1000), strings.Repeat("b", 7), strings.Repeat("c", 8), strings.Repeat("d", 9)),
			c("GET", "h"), c("PFCOUNT", "h"),
		}},
		{name: "sparse-max-bytes", cmds: append([][]string{c("CONFIG", "SET", "hll-sparse-max-bytes", "100"),
			c("CONFIG", "GET", "hll-sparse-max-bytes")}, append(pfadds("h", "y", 300),
			c("CONFIG", "SET", "hll-sparse-max-bytes", "3000"))...)},
		{name: "pfcount-union", cmds: append(append(pfadds("h1", "a", 200), pfadds("h2", "b", 2500)...),
			c("PFCOUNT", "h1", "h2"), c("PFCOUNT", "h1", "nokey", "h2"), c("PFCOUNT", "nokey", "nokey2"),
			c("PFCOUNT", "h1", "h1"), c("GET", "h1"))},
		{name: "pfmerge", cmds: append(append(pfadds("h1", "a", 300), pfadds("h2", "a", 600)...),
			c("PFMERGE", "m", "h1"), c("GET", "m"), c("PFCOUNT", "m"),
			c("PFMERGE", "m2", "h1", "h2"), c("GET", "m2"), c("PFCOUNT", "m2"),
			c("PFMERGE", "h1", "h2"), c("GET", "h1"), c("PFCOUNT", "h1"),
			c("PFMERGE", "empty"), c("GET", "empty"), c("PFMERGE", "empty2", "nokey"), c("GET", "empty2"),
			c("PFADD", "d"), append(c("PFADD", "d"), elems("z", 0, 100)...), append(c("PFADD", "d"), elems("z", 100, 2000)...),
			c("PFMERGE", "m3", "h1", "d"), c("GET", "m3"), c("PFCOUNT", "m3"), c("PFMERGE", "h2", "d"), c("GET", "h2"))},
		{name: "errors", cmds: [][]string{
			c("PFADD"), c("PFCOUNT"), c("PFMERGE"), c("LPUSH", "l", "x"), c("PFADD", "l", "a"), c("PFCOUNT", "l"),
			c("PFCOUNT", "l", "nokey"), c("PFMERGE", "l", "nokey"), c("PFMERGE", "d", "l"), c("SET", "s", "hello"),
			c("PFADD", "s", "a"), c("PFCOUNT", "s"), c("PFCOUNT", "nokey", "s"), c("PFMERGE", "x", "s"), c("EXISTS", "x"),
			c("SET", "n", "123"), c("PFCOUNT", "n"), c("SET", "hdr", "HYLL"), c("PFCOUNT", "hdr"),
			c("SET", "hdr2", "HYLL\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"), c("PFCOUNT", "hdr2"),
			c("SET", "hdr3", "HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80"), c("PFCOUNT", "hdr3"),
			c("PFADD", "hdr3", "a"), c("PFCOUNT", "hdr3", "hdr3"), c("PFMERGE", "hdr3"),
			c("SET", "hdr4", "HYLL\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x7f\xff"), c("PFCOUNT", "hdr4"),
			c("PFADD", "hdr5"), c("APPEND", "hdr5", "\x00"), c("PFCOUNT", "hdr5"), c("PFADD", "hdr5", "a"),
			c("PFCOUNT", "hdr5", "hdr5"), c("GET", "hdr5"),
			c("PFADD", "hdr6"), c("SETRANGE", "hdr6", "4", "\x00"), c("PFCOUNT", "hdr6"),
			c("PFADD", "hdr7"), c("SETRANGE", "hdr7", "0", "hyll"), c("PFCOUNT", "hdr7"),
		}},
		{name: "pfdebug", cmds: [][]string{
			c("PFDEBUG", "ENCODING", "nokey"), c("PFDEBUG", "FOO", "nokey"), c("PFADD", "h", "a", "b", "c"),
			c("PFDEBUG", "ENCODING", "h"), c("PFDEBUG", "decode", "h"), c("PFDEBUG", "GETREG", "h", "x"), c("PFDEBUG", "foo", "h"),
			c("PFDEBUG", "ENCODING", "h", "x"), c("GET", "h"), c("PFDEBUG", "TODENSE", "h"), c("PFDEBUG", "ENCODING", "h"),
			c("PFDEBUG", "DECODE", "h"), c("PFDEBUG", "TODENSE", "h"), c("PFCOUNT", "h"), c("PFADD", "h2", "x"),
			c("PFDEBUG", "GETREG", "h2"), c("PFDEBUG", "ENCODING", "h2"), c("SET", "s", "x"), c("PFDEBUG", "GETREG", "s"),
			c("LPUSH", "l", "x"), c("PFDEBUG", "GETREG", "l"), c("SET", "bad", "HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x7f"),
			c("PFDEBUG", "DECODE", "bad"), c("PFDEBUG", "TODENSE", "bad"), c("PFDEBUG"), c("PFDEBUG", "GETREG"), c("PFSELFTEST"),
			c("PFSELFTEST", "x"),
		}},
		{name: "cache", cmds: [][]string{
			c("PFADD", "h", "a", "b", "c"), c("GET", "h"), c("PFCOUNT", "h"), c("GET", "h"),
			c("SETRANGE", "h", "8", "\x07"), c("PFCOUNT", "h"), c("PFADD", "h", "c"), c("PFCOUNT", "h"),
			c("PFADD", "h", "d"), c("GETRANGE", "h", "8", "15"), c("PFCOUNT", "h"), c("GETRANGE", "h", "8", "15"),
		}},
	}
}

func TestDiffHLL(t *testing.T) { runDiff(t, hllCases()) }

// TestDiffHLLValues writes values with SET in both servers and compares
// what PFCOUNT, PFADD, PFMERGE and GET make of them: HLLs Redis built
// (sparse and dense), each with bytes changed at random, and random
// opcodes behind a valid header.
func TestDiffHLLValues(t *testing.T) {
	r, n := dial(t, startRedis(t)), dialServer(t, startServer(t))
	rng := rand.New(rand.NewPCG(1, 2))
	var values []string
	for _, size := range []int{1, 10, 200, 2000} {
		r.do("DEL", "src")
		r.do(append([]string{"PFADD", "src"}, elems("v", 0, size)...)...)
		values = append(values, bulkText(t, r.do("GET", "src")))
	}
	for _, v := range values[:len(values):len(values)] {
		for range 25 {
			b := []byte(v)
			for range 1 + rng.IntN(3) {
				b[hll.HdrSize+rng.IntN(len(b)-hll.HdrSize)] = byte(rng.Uint32())
			}
			values = append(values, string(b))
		}
	}
	for range 100 {
		b := []byte("HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80")
		for range rng.IntN(40) {
			b = append(b, byte(rng.Uint32()))
		}
		values = append(values, string(b))
	}
	for i, v := range values {
		cmds := [][]string{c("DEL", "k", "m"), c("SET", "k", v), c("PFCOUNT", "k"), c("GET", "k"),
			c("PFCOUNT", "k", "nokey"), c("PFADD", "k", "a", "b", "c", "d", "e"), c("GET", "k"),
			c("PFMERGE", "m", "k"), c("GET", "m"), c("PFMERGE", "k"), c("GET", "k")}
		for _, cmd := range cmds {
			want, got := r.do(cmd...), n.do(cmd...)
			if want != got {
				t.Fatalf("value %d %q, %q:\n redis: %q\n nosql: %q", i, v, cmd, want, got)
			}
		}
	}
}

// bulkText returns the text of a raw bulk string reply.
func bulkText(t *testing.T, raw string) string {
	t.Helper()
	var n int
	if _, err := fmt.Sscanf(raw, "$%d\r\n", &n); err != nil || n < 0 {
		t.Fatalf("not a bulk string: %q", raw)
	}
	return raw[strings.Index(raw, "\r\n")+2:][:n]
}
