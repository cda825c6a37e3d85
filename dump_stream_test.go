// dump_stream_test.go tests DUMP and RESTORE of streams: payloads
// exchanged with a real redis-server both ways (XINFO STREAM FULL equal,
// before and after more entries are added), Redis 6's type read,
// malformed stream payloads refused, and RESTORE's log replayed.
package main

import (
	"encoding/binary"
	"strconv"
	"strings"
	"testing"

	"nosql/internal/listpack"
)

// streamFixture builds streams of every shape on a server: one or many
// nodes, nodes split by size, tombstones, trims, an empty stream, XSETID
// counters, groups with PELs, consumers without, unknown read counters.
func streamFixture() [][]string {
	cmds := [][]string{
		c("XADD", "x:small", "1-1", "a", "1", "b", "2"), c("XADD", "x:small", "1-2", "a", "3", "b", "4"),
		c("XADD", "x:small", "2-0", "c", "x"), c("XADD", "x:small", "3-0", "a", "-70000", "b", "9223372036854775807"),
		c("XADD", "x:empty", "MAXLEN", "0", "5-5", "f", "v"), c("XGROUP", "CREATE", "x:mk", "g", "$", "MKSTREAM"),
		c("XADD", "x:setid", "1-0", "f", "v"), c("XSETID", "x:setid", "99-3", "ENTRIESADDED", "40", "MAXDELETEDID", "50-0"),
	}
	for i := 1; i <= 320; i++ {
		cmds = append(cmds, c("XADD", "x:many", strconv.Itoa(i)+"-0", "f", strconv.Itoa(i), "g", strings.Repeat("v", i%70)))
	}
	cmds = append(cmds, c("XDEL", "x:many", "5-0", "150-0", "151-0", "300-0"), c("XTRIM", "x:many", "MAXLEN", "=", "270"))
	for i := 1; i <= 12; i++ {
		cmds = append(cmds, c("XADD", "x:big", strconv.Itoa(i)+"-1", "f"+strconv.Itoa(i%3), strings.Repeat("b", 1500*i)))
	}
	for i := 1; i <= 12; i++ {
		cmds = append(cmds, c("XADD", "x:groups", strconv.Itoa(i)+"-0", "f", strconv.Itoa(i)))
	}
	return append(cmds,
		c("XGROUP", "CREATE", "x:groups", "g1", "0"), c("XGROUP", "CREATE", "x:groups", "g2", "$"),
		c("XREADGROUP", "GROUP", "g1", "alice", "COUNT", "3", "STREAMS", "x:groups", ">"),
		c("XREADGROUP", "GROUP", "g1", "bob", "COUNT", "4", "STREAMS", "x:groups", ">"),
		c("XGROUP", "CREATECONSUMER", "x:groups", "g1", "carol"), c("XACK", "x:groups", "g1", "2-0"),
		c("XCLAIM", "x:groups", "g1", "carol", "0", "5-0", "RETRYCOUNT", "7"),
		c("XDEL", "x:groups", "6-0", "9-0"), c("XGROUP", "CREATE", "x:groups", "123", "4-0"),
		c("XGROUP", "CREATE", "x:groups", "g0", "10-0"),
		c("XREADGROUP", "GROUP", "g0", "dave", "STREAMS", "x:groups", ">"),
	)
}

// TestDumpStreamInterop DUMPs streams on redis-server and RESTOREs them
// on nosql, and the other way round: XINFO STREAM FULL of the copy is the
// original's, and stays so as both take the same new entries.
func TestDumpStreamInterop(t *testing.T) {
	r := dial(t, startRedis(t))
	n := dialServer(t, startServer(t))
	keys := map[string]bool{}
	for _, cl := range []*tclient{r, n} {
		cl.do("FLUSHALL")
		for _, cmd := range streamFixture() {
			keys[cmd[1+boolIdx(cmd[0] == "XGROUP")]] = true
			if reply := cl.do(cmd...); reply[0] == '-' {
				t.Fatalf("%.60q: %q", cmd, reply)
			}
		}
	}
	delete(keys, "GROUP")
	for key := range keys {
		for _, dir := range []struct {
			name     string
			from, to *tclient
		}{{"redis->nosql", r, n}, {"nosql->redis", n, r}} {
			payload := payloadOf(t, dir.from.do("DUMP", key))
			copyKey := key + ":" + dir.name
			if reply := dir.to.do("RESTORE", copyKey, "0", payload); reply != "+OK\r\n" {
				t.Errorf("%s RESTORE %s: %q", dir.name, key, reply)
				continue
			}
			for round := range 2 {
				want := dir.from.do("XINFO", "STREAM", key, "FULL", "COUNT", "0")
				if got := dir.to.do("XINFO", "STREAM", copyKey, "FULL", "COUNT", "0"); got != want {
					t.Errorf("%s %s (round %d): XINFO STREAM FULL\n %.600q\nwant\n %.600q", dir.name, key, round, got, want)
				}
				for i := range 150 { // the copy's last node fills and splits as the original's
					id := strconv.Itoa(1000+i) + "-0"
					dir.from.do("XADD", key, id, "f", strings.Repeat("z", i))
					dir.to.do("XADD", copyKey, id, "f", strings.Repeat("z", i))
				}
			}
		}
	}
}

// boolIdx is 1 for true.
func boolIdx(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestRestoreStreamRedis6 RESTOREs Redis 6's stream type (the payload of
// Redis's own test, RDB version 9): the counters it lacks are derived as
// Redis derives them.
func TestRestoreStreamRedis6(t *testing.T) {
	r := dial(t, startRedis(t))
	n := dialServer(t, startServer(t))
	payload := "\x0F\x01\x10\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\xC3\x40\x4A\x40\x57\x16\x57\x00\x00\x00\x23\x00\x02\x01\x04\x01\x01\x01\x84\x64\x61\x74\x61\x05\x00\x01\x03\x01\x00\x20\x01\x03\x81\x61\x02\x04\x20\x0A\x00\x01\x40\x0A\x00\x62\x60\x0A\x00\x02\x40\x0A\x00\x63\x60\x0A\x40\x22\x01\x81\x64\x20\x0A\x40\x39\x20\x0A\x00\x65\x60\x0A\x00\x05\x40\x0A\x00\x66\x20\x0A\x00\xFF\x02\x06\x00\x02\x02\x67\x31\x05\x00\x04\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x3E\xF7\x83\x43\x7A\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x3E\xF7\x83\x43\x7A\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x3E\xF7\x83\x43\x7A\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x05\x00\x00\x00\x00\x00\x00\x00\x00\x3E\xF7\x83\x43\x7A\x01\x00\x00\x01\x01\x03\x63\x31\x31\x3E\xF7\x83\x43\x7A\x01\x00\x00\x04\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x05\x00\x00\x00\x00\x00\x00\x00\x00\x02\x67\x32\x00\x00\x00\x00\x09\x00\x3D\x52\xEF\x68\x67\x52\x1D\xFA"
	for _, cl := range []*tclient{r, n} {
		if reply := cl.do("RESTORE", "x", "0", payload); reply != "+OK\r\n" {
			t.Fatalf("RESTORE: %q", reply)
		}
	}
	for _, cmd := range [][]string{c("XINFO", "STREAM", "x", "FULL"), c("XADD", "x", "*", "f", "v"), c("XLEN", "x")} {
		if got, want := n.do(cmd...), r.do(cmd...); cmd[0] != "XADD" && got != want {
			t.Errorf("%q:\n %.600q\nwant\n %.600q", cmd, got, want)
		}
	}
}

// TestRestoreBadStreams sends stream payloads with a valid footer whose
// data is wrong: each is refused with Redis's error.
func TestRestoreBadStreams(t *testing.T) {
	cl := dialServer(t, startServer(t))
	str := func(s string) string { return string(rdbAppendString(nil, s)) }
	lp := func(elems ...any) string {
		var w listpack.Writer
		for _, e := range elems {
			if v, ok := e.(int); ok {
				w.AddInt(int64(v))
			} else {
				w.Add(e.(string))
			}
		}
		return string(w.Done())
	}
	key := str("\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00") // 1-0
	key2 := str("\x00\x00\x00\x00\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00")
	node := key + str(lp(1, 0, 1, "f", 0, 2, 0, 0, "v", 4)) // one entry 1-0 f v
	tail := "\x01\x01\x00\x01\x00\x00\x00\x01"              // length 1, last 1-0, first 1-0, max deleted 0-0, 1 added
	raw := func(ms, seq uint64) string {
		return string(binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, ms), seq))
	}
	nack := raw(1, 0) + "\x00\x00\x00\x00\x00\x00\x00\x00\x01"
	group := func(pel, consumers string) string { return str("g") + "\x01\x00\x01" + pel + consumers }
	for _, tc := range []struct{ name, data string }{
		{"key not 16 bytes", "\x13\x01" + str("abc") + str(lp(1, 0, 1, "f", 0, 2, 0, 0, "v", 4)) + tail + "\x00"},
		{"keys not ascending", "\x13\x02" + node + node + "\x02\x01\x00\x01\x00\x00\x00\x02\x00"},
		{"key2 before key", "\x13\x02" + key2 + str(lp(1, 0, 1, "f", 0, 2, 0, 0, "v", 4)) + node + "\x02\x01\x00\x01\x00\x00\x00\x02\x00"},
		{"node without entries", "\x13\x01" + key + str(lp(0, 0, 1, "f", 0)) + "\x00\x01\x00\x01\x00\x00\x00\x01\x00"},
		{"master not ended by 0", "\x13\x01" + key + str(lp(1, 0, 1, "f", 1, 2, 0, 0, "v", 4)) + tail + "\x00"},
		{"master count too big", "\x13\x01" + key + str(lp(1, 0, 9, "f", 0, 2, 0, 0, "v", 4)) + tail + "\x00"},
		{"negative master count", "\x13\x01" + key + str(lp(1, 0, -1, "f", 0, 2, 0, 0, "v", 4)) + tail + "\x00"},
		{"wrong element count", "\x13\x01" + key + str(lp(1, 0, 1, "f", 0, 2, 0, 0, "v", 5)) + tail + "\x00"},
		{"bad flags", "\x13\x01" + key + str(lp(1, 0, 1, "f", 0, 6, 0, 0, "v", 4)) + tail + "\x00"},
		{"flag not integer", "\x13\x01" + key + str(lp(1, 0, 1, "f", 0, "x", 0, 0, "v", 4)) + tail + "\x00"},
		{"field count too big", "\x13\x01" + key + str(lp(1, 0, 1, "f", 0, 0, 0, 0, 1000, "f", "v", 2004)) + tail + "\x00"},
		{"negative field count", "\x13\x01" + key + str(lp(1, 0, 1, "f", 0, 0, 0, 0, -1, 2)) + tail + "\x00"},
		{"live count wrong", "\x13\x01" + key + str(lp(1, 0, 1, "f", 0, 3, 0, 0, "v", 4)) + tail + "\x00"},
		{"elements left over", "\x13\x01" + key + str(lp(1, 0, 1, "f", 0, 2, 0, 0, "v", 4, 7)) + tail + "\x00"},
		{"entries missing", "\x13\x01" + key + str(lp(2, 0, 1, "f", 0, 2, 0, 0, "v", 4)) + tail + "\x00"},
		{"bad listpack", "\x13\x01" + key + str("\x07\x00\x00\x00\x01\x00\xff") + tail + "\x00"},
		{"length wrong", "\x13\x01" + node + "\x02\x01\x00\x01\x00\x00\x00\x01\x00"},
		{"length without nodes", "\x13\x00\x01\x01\x00\x01\x00\x00\x00\x01\x00"},
		{"truncated", "\x13\x01" + node + "\x01\x01\x00"},
		{"huge node count", "\x13\x81\x7f\xff\xff\xff\xff\xff\xff\xff" + node + tail + "\x00"},
		{"huge group count", "\x13\x01" + node + tail + "\x81\x7f\xff\xff\xff\xff\xff\xff\xff" + group("\x00", "\x00")},
		{"group twice", "\x13\x01" + node + tail + "\x02" + group("\x00", "\x00") + group("\x00", "\x00")},
		{"pel id twice", "\x13\x01" + node + tail + "\x01" + group("\x02"+nack+nack, "\x00")},
		{"pel without consumer", "\x13\x01" + node + tail + "\x01" + group("\x01"+nack, "\x00")},
		{"consumer id not pending", "\x13\x01" + node + tail + "\x01" + group("\x00", "\x01"+str("c")+raw(0, 0)[:8]+"\x01"+raw(1, 0))},
		{"id owned twice", "\x13\x01" + node + tail + "\x01" + group("\x01"+nack,
			"\x02"+str("c")+raw(0, 0)[:8]+"\x01"+raw(1, 0)+str("d")+raw(0, 0)[:8]+"\x01"+raw(1, 0))},
		{"consumer twice", "\x13\x01" + node + tail + "\x01" + group("\x00", "\x02"+str("c")+raw(0, 0)[:8]+"\x00"+str("c")+raw(0, 0)[:8]+"\x00")},
		{"huge pel count", "\x13\x01" + node + tail + "\x01" + str("g") + "\x01\x00\x01\x81\x7f\xff\xff\xff\xff\xff\xff\xff" + nack},
		{"encoded length", "\x13\x01" + node + "\xc1" + tail[1:] + "\x00"},
	} {
		payload := tc.data + "\x0a\x00"
		payload += string(binary.LittleEndian.AppendUint64(nil, redisCRC64([]byte(payload))))
		if got := cl.do("RESTORE", "k", "0", payload); got != "-ERR Bad data format\r\n" {
			t.Errorf("%s: %q", tc.name, got)
		}
	}
	good := "\x13\x01" + node + tail + "\x01" + group("\x01"+nack, "\x01"+str("c")+raw(0, 0)[:8]+"\x01"+raw(1, 0)) + "\x0a\x00"
	good += string(binary.LittleEndian.AppendUint64(nil, redisCRC64([]byte(good))))
	if got := cl.do("RESTORE", "k", "0", good); got != "+OK\r\n" {
		t.Fatalf("the well-formed payload the cases spoil: %q", got)
	}
	if got := cl.do("XPENDING", "k", "g"); got != "*4\r\n:1\r\n$3\r\n1-0\r\n$3\r\n1-0\r\n*1\r\n*2\r\n$1\r\nc\r\n$1\r\n1\r\n" {
		t.Fatalf("XPENDING: %q", got)
	}
}

// TestRestoreStreamLog checks that RESTORE of a stream with groups and
// pending entries is logged as itself and that the replay rebuilds the
// same stream.
func TestRestoreStreamLog(t *testing.T) {
	dir := t.TempDir()
	cfg := []func(*Config){withAOF(dir, "always"), func(c *Config) { c.AutoAOFRewritePercentage = 0 }}
	srv := startServer(t, cfg...)
	cl := dialServer(t, srv)
	for _, cmd := range streamFixture() {
		cl.do(cmd...)
	}
	payload := payloadOf(t, cl.do("DUMP", "x:groups"))
	cl.do("DEL", "x:groups")
	before := len(readRecords(t, dir))
	if reply := cl.do("RESTORE", "copy", "0", payload); reply != "+OK\r\n" {
		t.Fatalf("RESTORE: %q", reply)
	}
	recs := readRecords(t, dir)[before:]
	if len(recs) != 1 || strings.Join(recs[0], " ") != "RESTORE copy 0 "+payload+" REPLACE" {
		t.Fatalf("logged %.200q", recs)
	}
	want := cl.do("XINFO", "STREAM", "copy", "FULL")
	if !strings.Contains(want, "alice") || !strings.Contains(want, "carol") {
		t.Fatalf("the fixture's groups are missing: %.300q", want)
	}
	stopServer(t, srv)
	cl = dialServer(t, startServer(t, cfg...))
	if got := cl.do("XINFO", "STREAM", "copy", "FULL"); got != want {
		t.Fatalf("after replay:\n %.600q\nwant\n %.600q", got, want)
	}
}
