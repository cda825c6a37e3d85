// stream_test.go tests streams beyond the differential cases: the records
// stream writes log and their replay (groups, consumers and pending
// entries included) before and after a rewrite, the semicolon protocol's
// GET of a stream, WATCH, and the block structure the trims rely on.
package main

import (
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"nosql/internal/streamid"
)

// streamLogSteps are stream commands with the records each must log, as
// prefixes (nil: none) — the times in XCLAIM records come from the clock.
func streamLogSteps() []struct {
	cmd  []string
	want []string
} {
	type step = struct {
		cmd  []string
		want []string
	}
	steps := []step{
		{c("XADD", "s", "1-1", "a", "1"), []string{"XADD s 1-1 a 1"}},
		{c("XADD", "s", "1-*", "a", "2"), []string{"XADD s 1-2 a 2"}},
		{c("XADD", "s", "1-1", "a", "3"), nil},
		{c("XADD", "s", "MAXLEN", "1", "2-1", "b", "3"), []string{"XADD s 2-1 b 3", "XTRIM s MAXLEN = 1"}},
		{c("XADD", "s", "NOMKSTREAM", "3-1", "c", "4"), []string{"XADD s 3-1 c 4"}},
		{c("XADD", "none", "NOMKSTREAM", "3-1", "c", "4"), nil},
		{c("XDEL", "s", "9-9"), nil},
		{c("XRANGE", "s", "-", "+"), nil},
		{c("XREAD", "STREAMS", "s", "0"), nil},
		{c("XGROUP", "CREATE", "s", "g", "0"), []string{"XGROUP CREATE s g 0-0 MKSTREAM ENTRIESREAD -1"}},
		{c("XGROUP", "CREATE", "s", "g", "0"), nil},
		{c("XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", ">"),
			[]string{"XGROUP CREATECONSUMER s g alice", "XCLAIM s g alice 0 2-1 TIME "}},
		{c("XREADGROUP", "GROUP", "g", "bob", "NOACK", "STREAMS", "s", ">"),
			[]string{"XGROUP CREATECONSUMER s g bob", "XGROUP SETID s g 3-1 ENTRIESREAD 4"}},
		{c("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0"), []string{"XCLAIM s g alice 0 2-1 TIME "}},
		{c("XCLAIM", "s", "g", "carol", "0", "2-1", "JUSTID"), []string{"XCLAIM s g carol 0 2-1 TIME "}},
		{c("XACK", "s", "g", "2-1", "7-7"), []string{"XACK s g 2-1 7-7"}},
		{c("XACK", "s", "g", "2-1"), nil},
		{c("XCLAIM", "s", "g", "dave", "0", "3-1", "FORCE", "LASTID", "9-9"), []string{"XCLAIM s g dave 0 3-1 TIME "}},
		{c("XCLAIM", "s", "g", "dave", "0", "8-8", "LASTID", "10-1"), []string{"XGROUP SETID s g 10-1 ENTRIESREAD "}},
		{c("XDEL", "s", "3-1"), []string{"XDEL s 3-1"}},
		{c("XAUTOCLAIM", "s", "g", "erin", "0", "0"), []string{"XCLAIM s g dave 0 3-1 TIME "}},
		{c("XADD", "s", "4-1", "d", "5"), []string{"XADD s 4-1 d 5"}},
		{c("XCLAIM", "s", "g", "erin", "0", "4-1", "FORCE", "RETRYCOUNT", "3"), []string{"XCLAIM s g erin 0 4-1 TIME "}},
		{c("XSETID", "s", "20-1", "ENTRIESADDED", "40", "MAXDELETEDID", "15-1"), []string{"XSETID s 20-1 ENTRIESADDED 40 MAXDELETEDID 15-1"}},
		{c("XGROUP", "DELCONSUMER", "s", "g", "carol"), []string{"XGROUP DELCONSUMER s g carol"}},
		{c("XGROUP", "DESTROY", "s", "nog"), nil},
		{c("XINFO", "STREAM", "s"), nil},
	}
	for i := 1; i <= 250; i++ {
		steps = append(steps, step{c("XADD", "t", fmt.Sprint(i, "-1"), "f", fmt.Sprint(i)), []string{fmt.Sprint("XADD t ", i, "-1 f ", i)}})
	}
	steps = append(steps, step{c("XTRIM", "t", "MAXLEN", "~", "120"), []string{"XTRIM t MAXLEN = 150"}},
		step{c("XADD", "t", "MINID", "~", "201", "300-1", "f", "v"), []string{"XADD t 300-1 f v", "XTRIM t MAXLEN = 51"}})
	return steps
}

// streamLogQueries are read commands whose replies must survive a restart
// and a rewrite.
var streamLogQueries = [][]string{
	c("XRANGE", "s", "-", "+"), c("XINFO", "STREAM", "s", "FULL"), c("XINFO", "GROUPS", "s"), c("XLEN", "t"),
	c("XRANGE", "t", "-", "+", "COUNT", "3"), c("XINFO", "STREAM", "t"), c("TYPE", "s"), c("XINFO", "STREAM", "m", "FULL"),
}

var seenTime = regexp.MustCompile(`seen-time\r\n:\d+`)
var radixFields = regexp.MustCompile(`radix-tree-(keys|nodes)\r\n:\d+`)

// streamLogReplies runs streamLogQueries; consumers' seen-times (not
// logged, as in Redis) and the radix figures (a rewrite drops tombstones)
// are masked.
func streamLogReplies(t *testing.T, srv *Server) []string {
	cl := dialServer(t, srv)
	out := make([]string, len(streamLogQueries))
	for i, q := range streamLogQueries {
		out[i] = radixFields.ReplaceAllString(seenTime.ReplaceAllString(cl.do(q...), "seen-time"), "radix")
	}
	return out
}

// TestStreamLog checks the records stream writes log (entries with the
// IDs they were given, trims as exact XTRIM, deliveries to groups as
// XCLAIM ... FORCE JUSTID LASTID, NOACK deliveries as XGROUP SETID), that
// the file replays to the same streams, groups, consumers and pending
// entries (delivery times and counts included), and that a rewrite writes
// them back as Redis's does and loads the same.
func TestStreamLog(t *testing.T) {
	dir := t.TempDir()
	cfg := []func(*Config){withAOF(dir, "always"), func(c *Config) { c.AutoAOFRewritePercentage = 0 }}
	srv := startServer(t, cfg...)
	cl := dialServer(t, srv)
	for _, step := range streamLogSteps() {
		before := len(readRecords(t, dir))
		cl.do(step.cmd...)
		got := slices.DeleteFunc(readRecords(t, dir)[before:], func(r []string) bool { return r[0] == "SELECT" })
		ok := len(got) == len(step.want)
		for i := 0; ok && i < len(got); i++ {
			ok = strings.HasPrefix(strings.Join(got[i], " "), step.want[i])
		}
		if !ok {
			t.Fatalf("%.60q logged %.300q, want %.300q", step.cmd, got, step.want)
		}
	}
	cl.do("XADD", "m", "MAXLEN", "0", "5-5", "x", "y")
	cl.do("XGROUP", "CREATE", "m", "empty", "$")
	cl.do("XGROUP", "CREATECONSUMER", "m", "empty", "idle")
	want := streamLogReplies(t, srv)
	if !strings.Contains(want[1], "dave") || !strings.Contains(want[1], "erin") || strings.Contains(want[1], "carol") {
		t.Fatalf("XINFO STREAM FULL before the restart: %q", want[1])
	}
	stopServer(t, srv)

	srv = startServer(t, cfg...)
	if got := streamLogReplies(t, srv); !slices.Equal(got, want) {
		t.Fatalf("after replay:\n got %.2000q\nwant %.2000q", got, want)
	}
	dialServer(t, srv).do("BGREWRITEAOF")
	waitRewrites(t, srv, 1)
	stopServer(t, srv)
	kinds := map[string]int{}
	for _, r := range readRecords(t, dir) {
		kinds[r[0]]++
	}
	if kinds["XSETID"] != 3 || kinds["XCLAIM"] == 0 || kinds["XADD"] != 2+51+1 || kinds["XTRIM"] != 0 || kinds["XDEL"] != 0 {
		t.Fatalf("the rewrite wrote %v", kinds)
	}
	srv = startServer(t, cfg...)
	if got := streamLogReplies(t, srv); !slices.Equal(got, want) {
		t.Fatalf("after the rewrite:\n got %.2000q\nwant %.2000q", got, want)
	}
}

// TestStreamTextProtocol checks the semicolon protocol's GET of a stream:
// a list of (id, {field: value}) tuples that Python reads back.
func TestStreamTextProtocol(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	cl.do("XADD", "s", "1-1", "name", "Ann", "quote", `it's`)
	cl.do("XADD", "s", "2-5", "name", "Bob", "quote", "a\nb")
	cl.do("XADD", "s", "3-0", "other", "é")
	want := `True;[('1-1', {'name': 'Ann', 'quote': "it's"}), ('2-5', {'name': 'Bob', 'quote': 'a\nb'}), ('3-0', {'other': 'é'})]`
	if r := cl.text("GET;s"); r != want {
		t.Fatalf("GET;s: %q, want %q", r, want)
	}
	if py, err := exec.LookPath("python3"); err == nil {
		prog := "import ast,sys; l = ast.literal_eval(sys.argv[1]); print(l[1][0], l[1][1]['quote'] == 'a\\nb', len(l))"
		out, err := exec.Command(py, "-c", prog, strings.TrimPrefix(want, "True;")).CombinedOutput()
		if err != nil || string(out) != "2-5 True 3\n" {
			t.Errorf("python3 reads the stream as %q (%v)", out, err)
		}
	} else {
		t.Logf("python3 is not installed: the list is not read back by Python")
	}
	cl.do("XADD", "e", "MAXLEN", "0", "1-1", "f", "v")
	if r := cl.text("GET;e"); r != "True;[]" {
		t.Fatalf("GET of an empty stream: %q", r)
	}
	if r := cl.text("DELETE;s"); r != "True;Key [s] deleted" {
		t.Fatalf("DELETE;s: %q", r)
	}
}

// TestStreamWatch checks that the stream writes Redis signals (XADD, XDEL,
// XTRIM, XGROUP CREATE MKSTREAM) fail a transaction WATCHing the key, and
// that a write that changes nothing does not.
func TestStreamWatch(t *testing.T) {
	srv := startServer(t)
	a, b := dialServer(t, srv), dialServer(t, srv)
	b.do("XADD", "w", "1-1", "f", "v")
	cases := []struct {
		cmd   []string
		fails bool
	}{
		{c("XADD", "w", "2-1", "f", "v"), true},
		{c("XDEL", "w", "2-1"), true},
		{c("XDEL", "w", "2-1"), false},
		{c("XTRIM", "w", "MAXLEN", "5"), false},
		{c("XTRIM", "w", "MAXLEN", "0"), true},
		{c("XGROUP", "CREATE", "w2", "g", "$", "MKSTREAM"), true},
		{c("XRANGE", "w", "-", "+"), false},
	}
	for _, tc := range cases {
		key := tc.cmd[1]
		if tc.cmd[0] == "XGROUP" {
			key = tc.cmd[2]
		}
		a.do("WATCH", key)
		b.do(tc.cmd...)
		a.do("MULTI")
		a.do("PING")
		r := a.do("EXEC")
		if failed := r == "*-1\r\n"; failed != tc.fails {
			t.Errorf("%q: EXEC answered %q", tc.cmd, r)
		}
	}
}

// TestStreamBlocks checks the block structure: blocks are cut at
// stream-node-max-entries like Redis's nodes, an XDEL of a block's last
// live entry removes the block, and a clone is independent.
func TestStreamBlocks(t *testing.T) {
	s := &Stream{}
	lim := defaultEncodings
	for i := 1; i <= 250; i++ {
		s.add(streamID{Ms: uint64(i), Seq: 0}, [][]byte{[]byte("f"), []byte(fmt.Sprint(i))}, &lim)
	}
	if len(s.blocks) != 3 || s.blocks[1].first != (streamID{Ms: 101, Seq: 0}) || s.length != 250 {
		t.Fatalf("%d blocks, second from %v, length %d", len(s.blocks), s.blocks[1].first, s.length)
	}
	cp := s.clone().(*Stream)
	for i := 101; i <= 200; i++ {
		if !s.deleteID(streamID{Ms: uint64(i), Seq: 0}) {
			t.Fatalf("XDEL %d-0 found nothing", i)
		}
	}
	if len(s.blocks) != 2 || s.length != 150 || s.exists(streamID{Ms: 150, Seq: 0}) || !s.exists(streamID{Ms: 201, Seq: 0}) {
		t.Fatalf("after deleting the middle block: %d blocks, length %d", len(s.blocks), s.length)
	}
	if len(cp.blocks) != 3 || cp.length != 250 || !cp.exists(streamID{Ms: 150, Seq: 0}) {
		t.Fatalf("the clone changed: %d blocks, length %d", len(cp.blocks), cp.length)
	}
	es := s.collect(streamID{Ms: 99, Seq: 0}, streamid.Max(), 3, false)
	if len(es) != 3 || es[2].id != (streamID{Ms: 201, Seq: 0}) {
		t.Fatalf("XRANGE across the gap: %v", es)
	}
	es = s.collect(streamID{}, streamID{Ms: 201, Seq: 0}, 2, true)
	if len(es) != 2 || es[0].id != (streamID{Ms: 201, Seq: 0}) || es[1].id != (streamID{Ms: 100, Seq: 0}) {
		t.Fatalf("XREVRANGE across the gap: %v", es)
	}
}

// streamText lists the entries of s as "ID field value ...".
func streamText(s *Stream) []string {
	var out []string
	s.scan(streamID{}, streamid.Max(), false, func(e *streamEntry) bool {
		line := e.id.String()
		e.each(func(f, v []byte) { line += " " + string(f) + " " + string(v) })
		out = append(out, line)
		return true
	})
	return out
}

// TestStreamSealedBlocks checks that full blocks, packed end to end in
// the stream's chunks, stay intact: a clone and its original each grow on
// their own, and a sealed block that takes entries again (a larger
// stream-node-max-entries, once the blocks after it are gone) leaves its
// neighbours' bytes alone.
func TestStreamSealedBlocks(t *testing.T) {
	lim := defaultEncodings
	add := func(s *Stream, from, to int, tag string) {
		for i := from; i <= to; i++ {
			s.add(streamID{Ms: uint64(i), Seq: 0}, [][]byte{[]byte("f"), []byte(fmt.Sprint(tag, i)), []byte("g"), []byte("x")}, &lim)
		}
	}
	want := func(ranges ...any) []string {
		var out []string
		for k := 0; k < len(ranges); k += 3 {
			for i := ranges[k].(int); i <= ranges[k+1].(int); i++ {
				out = append(out, fmt.Sprintf("%d-0 f %s%d g x", i, ranges[k+2], i))
			}
		}
		return out
	}
	s := &Stream{}
	add(s, 1, 1000, "a")
	cp := s.clone().(*Stream)
	add(s, 1001, 1500, "s")
	add(cp, 1001, 1500, "c")
	if got, w := streamText(s), want(1, 1000, "a", 1001, 1500, "s"); !slices.Equal(got, w) {
		t.Fatalf("the original: %d entries, first differences %q", len(got), firstDiff(got, w))
	}
	if got, w := streamText(cp), want(1, 1000, "a", 1001, 1500, "c"); !slices.Equal(got, w) {
		t.Fatalf("the clone: %d entries, first differences %q", len(got), firstDiff(got, w))
	}
	for i := 1201; i <= 1500; i++ {
		s.deleteID(streamID{Ms: uint64(i), Seq: 0})
	}
	lim.streamNodeMaxEntries, lim.streamNodeMaxBytes = 500, 0
	add(s, 1501, 2000, "t")
	if len(s.blocks) != 13 || s.blocks[11].live != 500 {
		t.Fatalf("%d blocks after growing a sealed one", len(s.blocks))
	}
	if got, w := streamText(s), want(1, 1000, "a", 1001, 1200, "s", 1501, 2000, "t"); !slices.Equal(got, w) {
		t.Fatalf("after growing a sealed block: %d entries, first differences %q", len(got), firstDiff(got, w))
	}
}

// firstDiff returns the first entry where got and want differ.
func firstDiff(got, want []string) []string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return []string{got[i], want[i]}
		}
	}
	return nil
}
