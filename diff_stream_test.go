// diff_stream_test.go compares the stream commands with Redis, in RESP2
// and RESP3: XADD's ID rules and trimming, ranges, XREAD, the consumer
// group commands, XINFO, and every error in Redis's order. IDs are given
// explicitly (or compared by shape where the clock makes them); replies
// that hold times (idle, seen-time, delivery times) are compared with
// their integers masked.
package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// streamCase is a diffCase whose replies at the masked indexes are
// compared with their integers (and clock-made IDs) masked.
type streamCase struct {
	diffCase
	masked map[int]bool
}

var maskInts = regexp.MustCompile(`:\d+\r\n`)
var maskClockIDs = regexp.MustCompile(`\$\d+\r\n1\d{12}-\d+\r\n`)

// mask replaces a reply's integers by N and its clock-made IDs by ID.
func mask(s string) string {
	s = maskInts.ReplaceAllString(s, ":N\r\n")
	return maskClockIDs.ReplaceAllString(s, "ID\r\n")
}

func runStreamDiff(t *testing.T, cases []streamCase) {
	t.Helper()
	raddr := startRedis(t)
	srv := startServer(t)
	eachResp(t, cases, func(tc streamCase) string { return tc.name }, func(t *testing.T, tc streamCase, resp3 bool) {
		r, n := dial(t, raddr), dialServer(t, srv)
		if resp3 {
			r.do("HELLO", "3")
			n.do("HELLO", "3")
		}
		r.do("FLUSHALL")
		n.do("FLUSHALL")
		for i, cmd := range tc.cmds {
			want, got := r.do(cmd...), n.do(cmd...)
			if tc.masked[i] {
				want, got = mask(want), mask(got)
			}
			if want != got {
				t.Errorf("command %d %q:\n redis: %q\n nosql: %q", i, cmd, want, got)
			}
		}
	})
}

// sc builds a streamCase; masked lists the indexes compared masked
// (counting groupSetup's commands where a case starts with them).
func sc(name string, cmds [][]string, masked ...int) streamCase {
	m := map[int]bool{}
	for _, i := range masked {
		m[i] = true
	}
	return streamCase{diffCase: diffCase{name: name, cmds: cmds}, masked: m}
}

// xadds returns XADD commands adding entries ms-1 .. ms-n... to key, one
// field each.
func xadds(key string, from, n int) [][]string {
	var out [][]string
	for i := from; i < from+n; i++ {
		out = append(out, c("XADD", key, strconv.Itoa(i)+"-1", "f", strconv.Itoa(i)))
	}
	return out
}

func TestDiffStreamAdd(t *testing.T) {
	runStreamDiff(t, []streamCase{
		sc("xadd-explicit", [][]string{c("XADD", "s", "1-1", "a", "1", "b", "2"), c("XADD", "s", "1-2", "a", "3"),
			c("XADD", "s", "1-2", "a", "3"), c("XADD", "s", "1-1", "a", "3"), c("XADD", "s", "0-5", "a", "3"),
			c("XADD", "s", "2", "x", "y"), c("XADD", "s", "2-*", "x", "y"), c("XADD", "s", "3-*", "x", "y"),
			c("XRANGE", "s", "-", "+"), c("XLEN", "s")}),
		sc("xadd-zero", [][]string{c("XADD", "z", "0-0", "a", "1"), c("EXISTS", "z"), c("XADD", "z", "0", "a", "1"),
			c("XADD", "z", "0-*", "a", "1"), c("XADD", "z", "0-*", "a", "1"), c("XRANGE", "z", "-", "+")}),
		sc("xadd-bad-ids", [][]string{c("XADD", "b", "abc", "a", "1"), c("XADD", "b", "1-x", "a", "1"), c("XADD", "b", "-", "a", "1"),
			c("XADD", "b", "+", "a", "1"), c("XADD", "b", "1-2-3", "a", "1"), c("XADD", "b", "-1", "a", "1"),
			c("XADD", "b", "18446744073709551616", "a", "1"), c("XADD", "b", "18446744073709551615-18446744073709551615", "a", "1"),
			c("XADD", "b", "1", "a", "1"), c("XADD", "b", "*-1", "a", "1"), c("XADD", "b", "+5", "a", "1"),
			c("XADD", "b", "007-1", "a", "1"), c("XRANGE", "b", "-", "+")}),
		sc("xadd-exhausted", [][]string{c("XADD", "e", "18446744073709551615-18446744073709551615", "a", "1"),
			c("XADD", "e", "*", "a", "1"), c("XADD", "e2", "18446744073709551615-18446744073709551614", "a", "1"),
			c("XADD", "e2", "18446744073709551615-*", "a", "1"), c("XADD", "e2", "*", "a", "1")}),
		sc("xadd-arity", [][]string{c("XADD", "a", "1-1", "f"), c("XADD", "a", "1-1", "f", "v", "g"), c("XADD", "a"),
			c("XADD", "a", "MAXLEN", "1", "1-1"), c("XADD", "a", "NOMKSTREAM", "1-1", "f"), c("EXISTS", "a")}),
		sc("xadd-nomkstream", [][]string{c("XADD", "n", "NOMKSTREAM", "1-1", "f", "v"), c("EXISTS", "n"),
			c("XADD", "n", "1-1", "f", "v"), c("XADD", "n", "nomkstream", "2-1", "f", "v"), c("XLEN", "n")}),
		sc("xadd-auto-shape", [][]string{c("XADD", "auto", "*", "f", "v"), c("XADD", "auto", "*", "f", "v"), c("XLEN", "auto")}, 0, 1),
		sc("xadd-wrongtype", [][]string{c("SET", "w", "x"), c("XADD", "w", "1-1", "f", "v"), c("XLEN", "w"), c("XRANGE", "w", "-", "+"),
			c("XDEL", "w", "1-1"), c("XTRIM", "w", "MAXLEN", "1"), c("XSETID", "w", "1-1"), c("XINFO", "STREAM", "w"),
			c("XREAD", "STREAMS", "w", "0"), c("XGROUP", "CREATE", "w", "g", "$"), c("XACK", "w", "g", "1-1"),
			c("XPENDING", "w", "g"), c("XCLAIM", "w", "g", "c", "0", "1-1"), c("XAUTOCLAIM", "w", "g", "c", "0", "0")}),
		sc("xadd-maxlen", append(xadds("m", 1, 10), c("XADD", "m", "MAXLEN", "5", "20-1", "f", "v"), c("XLEN", "m"),
			c("XRANGE", "m", "-", "+"), c("XADD", "m", "MAXLEN", "=", "3", "21-1", "f", "v"), c("XRANGE", "m", "-", "+"),
			c("XADD", "m", "MAXLEN", "-1", "22-1", "f", "v"), c("XADD", "m", "MAXLEN", "x", "22-1", "f", "v"),
			c("XADD", "m", "MAXLEN", "0", "23-1", "f", "v"), c("XLEN", "m"), c("EXISTS", "m"), c("XINFO", "STREAM", "m"))),
		sc("xadd-minid", append(xadds("mi", 1, 10), c("XADD", "mi", "MINID", "5", "20-1", "f", "v"), c("XRANGE", "mi", "-", "+"),
			c("XADD", "mi", "MINID", "=", "8-1", "21-1", "f", "v"), c("XRANGE", "mi", "-", "+"),
			c("XADD", "mi", "MINID", "+", "22-1", "f", "v"), c("XADD", "mi", "MAXLEN", "1", "MINID", "1", "22-1", "f", "v"))),
		sc("xadd-limit-errors", [][]string{c("XADD", "l", "LIMIT", "10", "1-1", "f", "v"), c("XADD", "l", "MAXLEN", "1", "LIMIT", "10", "1-1", "f", "v"),
			c("XADD", "l", "MAXLEN", "~", "1", "LIMIT", "-1", "1-1", "f", "v"), c("XADD", "l", "MAXLEN", "~", "1", "LIMIT", "x", "1-1", "f", "v"),
			c("XADD", "l", "MAXLEN", "~", "1", "LIMIT", "10", "1-1", "f", "v"), c("XLEN", "l")}),
		sc("xadd-fields", [][]string{c("XADD", "fl", "1-1", "a", "1", "b", "2"), c("XADD", "fl", "2-1", "a", "3", "b", "4"),
			c("XADD", "fl", "3-1", "b", "5", "a", "6"), c("XADD", "fl", "4-1", "a", "7"), c("XADD", "fl", "5-1", "", ""),
			c("XADD", "fl", "6-1", "a", "\x00\r\n", "a", "dup"), c("XRANGE", "fl", "-", "+"), c("XREVRANGE", "fl", "+", "-")}),
	})
}

func TestDiffStreamTrim(t *testing.T) {
	many := xadds("t", 1, 350)
	runStreamDiff(t, []streamCase{
		sc("xtrim-approx", append(many, c("XTRIM", "t", "MAXLEN", "~", "120"), c("XLEN", "t"), c("XINFO", "STREAM", "t"),
			c("XTRIM", "t", "MAXLEN", "~", "120"), c("XTRIM", "t", "MAXLEN", "120"), c("XLEN", "t"),
			c("XTRIM", "t", "MINID", "~", "300"), c("XTRIM", "t", "MINID", "300"), c("XRANGE", "t", "-", "+", "COUNT", "2"),
			c("XTRIM", "t", "MAXLEN", "~", "0", "LIMIT", "10"), c("XTRIM", "t", "MAXLEN", "~", "0", "LIMIT", "100"),
			c("XLEN", "t"), c("XTRIM", "t", "MAXLEN", "0"), c("XLEN", "t"), c("EXISTS", "t"))),
		sc("xtrim-limit", append(xadds("tl", 1, 250), c("XTRIM", "tl", "MAXLEN", "~", "0", "LIMIT", "0"), c("XLEN", "tl"))),
		sc("xadd-approx", append(xadds("ta", 1, 250), c("XADD", "ta", "MAXLEN", "~", "10", "300-1", "f", "v"), c("XLEN", "ta"),
			c("XADD", "ta", "MINID", "~", "300", "301-1", "f", "v"), c("XLEN", "ta"), c("XRANGE", "ta", "-", "+", "COUNT", "1"))),
		sc("xtrim-errors", [][]string{c("XTRIM", "te"), c("XTRIM", "te", "MAXLEN"), c("XTRIM", "te", "MAXLEN", "1"),
			c("XADD", "te", "1-1", "f", "v"), c("XTRIM", "te", "FOO", "1"), c("XTRIM", "te", "LIMIT", "1"),
			c("XTRIM", "te", "MAXLEN", "1", "LIMIT", "1"), c("XTRIM", "te", "MAXLEN", "-1"), c("XTRIM", "te", "MINID", "x"),
			c("XTRIM", "te", "MINID", "1", "MAXLEN", "1"), c("XTRIM", "te", "MAXLEN", "~"), c("XTRIM", "te", "MAXLEN", "=", "0")}),
		sc("xtrim-after-xdel", append(xadds("td", 1, 120), c("XDEL", "td", "1-1", "2-1", "50-1", "101-1"),
			c("XTRIM", "td", "MAXLEN", "~", "60"), c("XLEN", "td"), c("XINFO", "STREAM", "td"), c("XTRIM", "td", "MAXLEN", "30"),
			c("XINFO", "STREAM", "td"))),
	})
}

func TestDiffStreamRange(t *testing.T) {
	base := xadds("r", 1, 20)
	runStreamDiff(t, []streamCase{
		sc("xrange", append(base, c("XRANGE", "r", "-", "+", "COUNT", "3"), c("XRANGE", "r", "5", "7"), c("XRANGE", "r", "(5-1", "(7-1"),
			c("XRANGE", "r", "5-1", "5-1"), c("XREVRANGE", "r", "7", "5"), c("XREVRANGE", "r", "+", "-", "COUNT", "2"),
			c("XREVRANGE", "r", "(7-1", "(5-1"), c("XRANGE", "r", "-", "+", "COUNT", "0"), c("XRANGE", "r", "-", "+", "COUNT", "-5"),
			c("XRANGE", "r", "20", "5"), c("XRANGE", "nokey", "-", "+"), c("XRANGE", "nokey", "-", "+", "COUNT", "0"))),
		sc("xrange-errors", append(base, c("XRANGE", "r", "x", "+"), c("XRANGE", "r", "-", "y"), c("XRANGE", "r", "(-", "+"),
			c("XRANGE", "r", "-", "(+"), c("XRANGE", "r", "(18446744073709551615-18446744073709551615", "+"),
			c("XRANGE", "r", "-", "(0-0"), c("XRANGE", "r", "-", "+", "COUNT"), c("XRANGE", "r", "-", "+", "COUNT", "x"),
			c("XRANGE", "r", "-", "+", "FOO", "1"), c("XRANGE", "r", "-"), c("XRANGE", "nokey", "x", "+"),
			c("XRANGE", "r", "(", "+"), c("XRANGE", "r", "( 5", "+"))),
		sc("xdel", append(base, c("XDEL", "r", "3-1", "4-1", "99-1"), c("XDEL", "r", "3-1"), c("XDEL", "r", "5-1", "bad"),
			c("XLEN", "r"), c("XDEL", "nokey", "1-1"), c("XDEL", "nokey", "bad"), c("XRANGE", "r", "-", "+", "COUNT", "4"),
			c("XDEL", "r", "1-1"), c("XINFO", "STREAM", "r"), c("XREVRANGE", "r", "+", "-", "COUNT", "2"))),
		sc("xdel-all", [][]string{c("XADD", "da", "1-1", "f", "v"), c("XDEL", "da", "1-1"), c("EXISTS", "da"), c("XLEN", "da"),
			c("XINFO", "STREAM", "da"), c("XADD", "da", "1-1", "f", "v"), c("XADD", "da", "2-1", "f", "v"), c("TYPE", "da"),
			c("OBJECT", "ENCODING", "da")}),
		sc("xsetid", [][]string{c("XSETID", "sx", "1-1"), c("XADD", "sx", "5-1", "f", "v"), c("XSETID", "sx", "4-1"),
			c("XSETID", "sx", "10-1"), c("XADD", "sx", "9-1", "f", "v"), c("XSETID", "sx", "10-1", "ENTRIESADDED", "0"),
			c("XSETID", "sx", "10-1", "ENTRIESADDED", "-1"), c("XSETID", "sx", "10-1", "ENTRIESADDED", "5", "MAXDELETEDID", "11-1"),
			c("XSETID", "sx", "10-1", "ENTRIESADDED", "5", "MAXDELETEDID", "3-1"), c("XSETID", "sx", "10-1", "FOO", "1"),
			c("XSETID", "sx", "10-1", "ENTRIESADDED"), c("XSETID", "sx", "x"), c("XSETID", "sx", "+"), c("XINFO", "STREAM", "sx"),
			c("XDEL", "sx", "5-1"), c("XSETID", "sx", "1-1"), c("XINFO", "STREAM", "sx")}),
	})
}

func TestDiffStreamRead(t *testing.T) {
	runStreamDiff(t, []streamCase{
		sc("xread", [][]string{c("XADD", "a", "1-1", "f", "1"), c("XADD", "a", "2-1", "f", "2"), c("XADD", "b", "3-1", "g", "3"),
			c("XREAD", "STREAMS", "a", "b", "0", "0"), c("XREAD", "COUNT", "1", "STREAMS", "a", "b", "0", "0"),
			c("XREAD", "STREAMS", "a", "b", "2-1", "0"), c("XREAD", "STREAMS", "a", "$"), c("XREAD", "STREAMS", "nokey", "0"),
			c("XREAD", "STREAMS", "a", "a", "0", "1-1"), c("XREAD", "COUNT", "-3", "STREAMS", "a", "0"),
			c("XREAD", "BLOCK", "10", "STREAMS", "a", "0"), c("XREAD", "STREAMS", "a", "18446744073709551615-18446744073709551615")}),
		sc("xread-errors", [][]string{c("XADD", "a", "1-1", "f", "1"), c("SET", "str", "x"), c("XREAD", "STREAMS", "a"),
			c("XREAD", "STREAMS", "a", "b", "0"), c("XREAD", "COUNT", "x", "STREAMS", "a", "0"), c("XREAD", "FOO", "STREAMS", "a", "0"),
			c("XREAD", "GROUP", "g", "c", "STREAMS", "a", "0"), c("XREAD", "NOACK", "STREAMS", "a", "0"), c("XREAD", "STREAMS", "a", ">"),
			c("XREAD", "STREAMS", "a", "x"), c("XREAD", "STREAMS", "a", "+"), c("XREAD", "STREAMS", "str", "0"),
			c("XREAD", "BLOCK", "-1", "STREAMS", "a", "0"), c("XREAD", "BLOCK", "x", "STREAMS", "a", "0"), c("XREAD", "COUNT", "1"),
			c("XREAD", "COUNT", "1", "STREAMS"), c("XREAD", "a", "b", "c")}),
		sc("xread-multi", [][]string{c("MULTI"), c("XREAD", "BLOCK", "0", "STREAMS", "m", "$"), c("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "m", ">"),
			c("EXEC"), c("XGROUP", "CREATE", "m", "g", "$", "MKSTREAM"), c("MULTI"),
			c("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "m", ">"), c("XADD", "m", "1-1", "f", "v"),
			c("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "m", ">"), c("EXEC")}),
	})
}

// groupSetup creates stream gs with entries 1-1..5-1 and group g at 0.
func groupSetup(more ...[]string) [][]string {
	return append(append(xadds("gs", 1, 5), c("XGROUP", "CREATE", "gs", "g", "0")), more...)
}

func TestDiffStreamGroups(t *testing.T) {
	runStreamDiff(t, []streamCase{
		sc("xgroup", [][]string{c("XGROUP", "CREATE", "x", "g", "$"), c("XGROUP", "CREATE", "x", "g", "$", "MKSTREAM"),
			c("XGROUP", "CREATE", "x", "g", "$", "MKSTREAM"), c("TYPE", "x"), c("XLEN", "x"), c("XGROUP", "CREATE", "x", "h", "bad"),
			c("XGROUP", "CREATE", "x", "h", "+"), c("XGROUP", "CREATE", "x", "h", "0", "ENTRIESREAD", "-2"),
			c("XGROUP", "CREATE", "x", "h", "0", "ENTRIESREAD", "x"), c("XGROUP", "CREATE", "x", "h", "0", "FOO"),
			c("XGROUP", "CREATE", "x", "h", "0", "ENTRIESREAD", "5"), c("XGROUP", "SETID", "x", "nog", "0"),
			c("XGROUP", "SETID", "x", "h", "7", "ENTRIESREAD", "3"), c("XGROUP", "SETID", "x", "h", "+"),
			c("XGROUP", "SETID", "x", "h", "$", "MKSTREAM"), c("XGROUP", "SETID", "x", "h", "0", "ENTRIESREAD"),
			c("XINFO", "GROUPS", "x"), c("XGROUP", "CREATECONSUMER", "x", "h", "c1"), c("XGROUP", "CREATECONSUMER", "x", "h", "c1"),
			c("XGROUP", "CREATECONSUMER", "x", "nog", "c1"), c("XGROUP", "DELCONSUMER", "x", "h", "c1"),
			c("XGROUP", "DELCONSUMER", "x", "h", "c1"), c("XGROUP", "DESTROY", "x", "h"), c("XGROUP", "DESTROY", "x", "h"),
			c("XGROUP", "DESTROY", "nokey", "h"), c("XGROUP", "FOO", "x", "h"), c("XGROUP", "CREATE", "x"), c("XGROUP", "HELP"),
			c("XGROUP", "HELP", "x"), c("XGROUP"), c("XGROUP", "CREATE", "x", "g", "0", "MKSTREAM", "ENTRIESREAD", "1", "MKSTREAM", "x")}),
		sc("xreadgroup", groupSetup(c("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "gs", ">"),
			c("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "gs", ">"), c("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "gs", ">"),
			c("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "gs", "0"), c("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "gs", "1-1"),
			c("XREADGROUP", "GROUP", "g", "carol", "STREAMS", "gs", "0"), c("XDEL", "gs", "1-1"),
			c("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "gs", "0"), c("XPENDING", "gs", "g"),
			c("XINFO", "GROUPS", "gs"), c("XADD", "gs", "6-1", "f", "6"), c("XINFO", "GROUPS", "gs"),
			c("XREADGROUP", "GROUP", "g", "dave", "NOACK", "STREAMS", "gs", ">"), c("XPENDING", "gs", "g"), c("XINFO", "GROUPS", "gs"))),
		sc("xreadgroup-errors", groupSetup(c("XREADGROUP", "GROUP", "nog", "a", "STREAMS", "gs", ">"),
			c("XREADGROUP", "GROUP", "g", "a", "STREAMS", "nokey", ">"), c("XREADGROUP", "GROUP", "g", "a", "STREAMS", "gs", "$"),
			c("XREADGROUP", "STREAMS", "gs", ">"), c("XREADGROUP", "GROUP", "g", "a", "STREAMS", "gs", "x"),
			c("XREADGROUP", "GROUP", "g", "a", "STREAMS", "gs"), c("XREADGROUP", "GROUP", "g", "STREAMS", "gs", ">"),
			c("XREADGROUP", "GROUP", "g", "a", "COUNT", "x", "STREAMS", "gs", ">"))),
		sc("xack", groupSetup(c("XREADGROUP", "GROUP", "g", "a", "STREAMS", "gs", ">"), c("XACK", "gs", "g", "1-1", "2-1", "9-1"),
			c("XACK", "gs", "g", "1-1"), c("XACK", "gs", "g", "3-1", "bad"), c("XACK", "gs", "nog", "bad"), c("XACK", "nokey", "g", "bad"),
			c("XPENDING", "gs", "g"), c("XACK", "gs", "g", "3-1", "4-1", "5-1"), c("XPENDING", "gs", "g"), c("XINFO", "CONSUMERS", "gs", "g")), 15),
		sc("xpending", groupSetup(c("XREADGROUP", "GROUP", "g", "a", "COUNT", "2", "STREAMS", "gs", ">"),
			c("XREADGROUP", "GROUP", "g", "b", "STREAMS", "gs", ">"), c("XPENDING", "gs", "g"),
			c("XPENDING", "gs", "g", "-", "+", "10"), c("XPENDING", "gs", "g", "-", "+", "10", "b"),
			c("XPENDING", "gs", "g", "(1-1", "(5-1", "10"), c("XPENDING", "gs", "g", "-", "+", "1"),
			c("XPENDING", "gs", "g", "-", "+", "10", "nobody"), c("XPENDING", "gs", "g", "IDLE", "100000", "-", "+", "10"),
			c("XPENDING", "gs", "g", "IDLE", "0", "-", "+", "10", "a"), c("XPENDING", "gs", "g", "-", "+"),
			c("XPENDING", "gs", "g", "-", "+", "x"), c("XPENDING", "gs", "g", "x", "+", "1"), c("XPENDING", "gs", "g", "IDLE", "x", "-", "+", "1"),
			c("XPENDING", "gs", "g", "IDLE", "1", "-", "+"), c("XPENDING", "gs", "nog"), c("XPENDING", "nokey", "g"),
			c("XPENDING", "gs", "g", "-", "+", "10", "a", "b", "c"), c("XPENDING", "gs", "g", "-", "+", "-1")), 9, 10, 11, 12, 14, 15, 23),
		sc("xclaim", groupSetup(c("XREADGROUP", "GROUP", "g", "a", "STREAMS", "gs", ">"),
			c("XCLAIM", "gs", "g", "b", "0", "1-1", "2-1"), c("XPENDING", "gs", "g", "-", "+", "10"),
			c("XCLAIM", "gs", "g", "b", "1000000", "3-1"), c("XCLAIM", "gs", "g", "b", "0", "3-1", "JUSTID"),
			c("XCLAIM", "gs", "g", "c", "0", "4-1", "RETRYCOUNT", "7", "IDLE", "5000", "JUSTID"), c("XPENDING", "gs", "g", "-", "+", "10"),
			c("XDEL", "gs", "5-1"), c("XCLAIM", "gs", "g", "c", "0", "5-1"), c("XPENDING", "gs", "g"),
			c("XCLAIM", "gs", "g", "c", "0", "9-1", "FORCE"), c("XADD", "gs", "6-1", "f", "v"), c("XCLAIM", "gs", "g", "c", "0", "6-1", "FORCE", "JUSTID"),
			c("XCLAIM", "gs", "g", "c", "0", "6-1", "LASTID", "100-1"), c("XINFO", "GROUPS", "gs"),
			c("XCLAIM", "gs", "g", "c", "x", "1-1"), c("XCLAIM", "gs", "g", "c", "0", "1-1", "FOO"), c("XCLAIM", "gs", "g", "c", "0", "1-1", "IDLE", "x"),
			c("XCLAIM", "gs", "g", "c", "0", "1-1", "TIME", "x"), c("XCLAIM", "gs", "g", "c", "0", "1-1", "RETRYCOUNT", "x"),
			c("XCLAIM", "gs", "g", "c", "0", "1-1", "LASTID", "x"), c("XCLAIM", "gs", "nog", "c", "0", "1-1"),
			c("XCLAIM", "gs", "g", "c", "0", "bad", "1-1"), c("XCLAIM", "gs", "g", "c", "0", "1-1", "IDLE")), 8, 12),
		sc("xautoclaim", groupSetup(c("XREADGROUP", "GROUP", "g", "a", "STREAMS", "gs", ">"),
			c("XAUTOCLAIM", "gs", "g", "b", "0", "0", "COUNT", "2"), c("XAUTOCLAIM", "gs", "g", "b", "0", "3-1", "COUNT", "1", "JUSTID"),
			c("XDEL", "gs", "4-1"), c("XAUTOCLAIM", "gs", "g", "c", "0", "0"), c("XPENDING", "gs", "g"),
			c("XAUTOCLAIM", "gs", "g", "c", "1000000", "0"), c("XAUTOCLAIM", "gs", "g", "c", "0", "(1-1", "COUNT", "1"),
			c("XAUTOCLAIM", "gs", "g", "c", "0", "0", "COUNT", "0"), c("XAUTOCLAIM", "gs", "g", "c", "0", "0", "COUNT", "x"),
			c("XAUTOCLAIM", "gs", "g", "c", "x", "0"), c("XAUTOCLAIM", "gs", "g", "c", "0", "x"), c("XAUTOCLAIM", "gs", "g", "c", "0", "0", "FOO"),
			c("XAUTOCLAIM", "gs", "nog", "c", "0", "0"), c("XAUTOCLAIM", "nokey", "g", "c", "0", "0"),
			c("XAUTOCLAIM", "gs", "g", "c", "0", "0", "COUNT", "9223372036854775807"))),
		sc("xinfo", groupSetup(c("XREADGROUP", "GROUP", "g", "a", "COUNT", "2", "STREAMS", "gs", ">"),
			c("XGROUP", "CREATE", "gs", "g2", "$"), c("XGROUP", "CREATECONSUMER", "gs", "g2", "zed"),
			c("XINFO", "STREAM", "gs"), c("XINFO", "STREAM", "gs", "FULL"), c("XINFO", "STREAM", "gs", "FULL", "COUNT", "1"),
			c("XINFO", "STREAM", "gs", "FULL", "COUNT", "0"), c("XINFO", "GROUPS", "gs"), c("XINFO", "CONSUMERS", "gs", "g"),
			c("XINFO", "CONSUMERS", "gs", "nog"), c("XINFO", "STREAM", "nokey"), c("XINFO", "STREAM", "gs", "FOO"),
			c("XINFO", "STREAM", "gs", "FULL", "COUNT"), c("XINFO", "STREAM", "gs", "FULL", "COUNT", "x"),
			c("XINFO", "STREAM", "gs", "FULL", "FOO", "1"), c("XINFO", "HELP"), c("XINFO", "FOO", "gs"), c("XINFO", "GROUPS"),
			c("XINFO", "GROUPS", "gs", "x"), c("XINFO", "HELP", "x")), 10, 11, 12, 14),
		sc("lag", [][]string{c("XADD", "lg", "1-1", "f", "v"), c("XADD", "lg", "2-1", "f", "v"), c("XADD", "lg", "3-1", "f", "v"),
			c("XGROUP", "CREATE", "lg", "g", "0"), c("XINFO", "GROUPS", "lg"), c("XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "lg", ">"),
			c("XINFO", "GROUPS", "lg"), c("XDEL", "lg", "2-1"), c("XINFO", "GROUPS", "lg"), c("XREADGROUP", "GROUP", "g", "c", "STREAMS", "lg", ">"),
			c("XINFO", "GROUPS", "lg"), c("XGROUP", "SETID", "lg", "g", "0", "ENTRIESREAD", "0"), c("XINFO", "GROUPS", "lg"),
			c("XTRIM", "lg", "MAXLEN", "0"), c("XINFO", "GROUPS", "lg"), c("XINFO", "STREAM", "lg")}),
	})
}

// TestDiffStreamKeys checks TYPE, OBJECT, COPY, RENAME, MOVE and expiry on
// streams.
func TestDiffStreamKeys(t *testing.T) {
	runStreamDiff(t, []streamCase{
		sc("keys", groupSetup(c("TYPE", "gs"), c("OBJECT", "ENCODING", "gs"), c("COPY", "gs", "gs2"), c("XINFO", "GROUPS", "gs2"),
			c("XADD", "gs2", "9-1", "f", "v"), c("XLEN", "gs"), c("XLEN", "gs2"), c("RENAME", "gs2", "gs3"), c("XLEN", "gs3"),
			c("MOVE", "gs3", "1"), c("EXISTS", "gs3"), c("SELECT", "1"), c("XLEN", "gs3"), c("XINFO", "GROUPS", "gs3"), c("SELECT", "0"),
			c("PEXPIRE", "gs", "100000"), c("XADD", "gs", "10-1", "f", "v"), c("TTL", "gs"), c("DEL", "gs"), c("XLEN", "gs"))),
	})
	if !strings.Contains(mask(":123\r\n"), "N") {
		t.Fatal("mask does not mask integers")
	}
}

// TestDiffStreamCommandInfo checks what COMMAND tells of the stream
// commands' keys.
func TestDiffStreamCommandInfo(t *testing.T) {
	runStreamDiff(t, []streamCase{
		sc("getkeys", [][]string{c("COMMAND", "GETKEYS", "XREAD", "COUNT", "2", "STREAMS", "a", "b", "0", "0"),
			c("COMMAND", "GETKEYS", "XREADGROUP", "GROUP", "g", "c", "STREAMS", "a", ">"), c("COMMAND", "GETKEYS", "XADD", "k", "*", "f", "v"),
			c("COMMAND", "GETKEYS", "XGROUP", "CREATE", "k", "g", "$"), c("COMMAND", "GETKEYS", "XINFO", "STREAM", "k"),
			c("COMMAND", "GETKEYS", "XAUTOCLAIM", "k", "g", "c", "0", "0"), c("COMMAND", "GETKEYS", "XGROUP", "HELP")}),
	})
}
