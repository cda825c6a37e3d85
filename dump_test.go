// dump_test.go tests DUMP and RESTORE: the CRC64 against its check value,
// payloads exchanged with a real redis-server both ways (every kind, both
// encodings, LZF-compressed strings from Redis), Redis's errors and small
// payloads byte for byte (diff cases), malformed payloads with a valid
// footer refused without harm, and RESTORE's log record and its replay.
package main

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestRedisCRC64(t *testing.T) {
	if got := redisCRC64([]byte("123456789")); got != 0xe9c6d914c4b8d9ca {
		t.Fatalf("crc64 of 123456789 = %#x, want 0xe9c6d914c4b8d9ca (crc64.c's check value)", got)
	}
}

// payloadOf returns the data of a raw bulk string reply (binary, any size).
func payloadOf(t *testing.T, raw string) string {
	t.Helper()
	i := strings.Index(raw, "\r\n")
	if raw[0] != '$' || i < 0 {
		t.Fatalf("not a bulk string: %.80q", raw)
	}
	return raw[i+2 : len(raw)-2]
}

// dumpFixture builds values of every kind and encoding on a server.
var dumpFixture = [][]string{
	c("SET", "s:short", "hello"), c("SET", "s:int", "-12345"), c("SET", "s:bigint", "9223372036854775807"),
	c("SET", "s:long", strings.Repeat("abc", 400)), c("SET", "s:empty", ""), c("SET", "s:bin", "\x00\xff\r\n"),
	c("APPEND", "s:raw", "grown"),
	append(c("RPUSH", "l:small", "a", "127", "32767", "2147483647", "9223372036854775808", "0", "12", "-4096", "-70000"),
		strings.Repeat("x", 31), strings.Repeat("y", 8191), strings.Repeat("z", 65535)),
	append(c("RPUSH", "l:long"), numbers(3000)...),
	c("SADD", "i:small", "1", "2", "3", "-100000", "5000000000"), append(c("SADD", "i:big"), numbers(600)...),
	c("SADD", "t:small", "a", "b", "c"), append(c("SADD", "t:big"), prefixed("m", 700)...),
	c("HSET", "h:small", "f1", "v1", "f2", "2", "f3", "-9"), c("HSET", "h:long", "f", strings.Repeat("v", 100)),
	append(c("HSET", "h:big"), prefixed("f", 1200)...),
	c("ZADD", "z:small", "1", "a", "2.5", "b", "-3", "c", "inf", "d", "-inf", "e", "1e300", "f"),
	append(c("ZADD", "z:big"), scorePairs(300)...),
}

// prefixed returns n strings p0, p1, ...
func prefixed(p string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = p + strconv.Itoa(i)
	}
	return out
}

// scorePairs returns n score-member pairs with fractional scores.
func scorePairs(n int) []string {
	var out []string
	for i := range n {
		out = append(out, strconv.FormatFloat(float64(i)*1.25-100, 'g', -1, 64), "m"+strconv.Itoa(i))
	}
	return out
}

// readBack returns a key's type, encoding, TTL and content, sorted where
// the order is the encoding's own.
func readBack(cl *tclient, key string) string {
	typ, rest, _ := strings.Cut(readContent(cl, key), " ")
	enc, content, _ := strings.Cut(rest, " ")
	return typ + " " + enc + " " + cl.do("TTL", key) + " " + content
}

// readContent is readBack without the TTL.
func readContent(cl *tclient, key string) string {
	typ := strings.TrimSpace(strings.TrimPrefix(cl.do("TYPE", key), "+"))
	var content string
	switch typ {
	case "string":
		content = cl.do("GET", key)
	case "list":
		content = cl.do("LRANGE", key, "0", "-1")
	case "set":
		content = sortedReply(cl.do("SMEMBERS", key))
	case "hash":
		content = sortedReply(cl.do("HGETALL", key))
	case "zset":
		content = cl.do("ZRANGE", key, "0", "-1", "WITHSCORES")
	}
	return typ + " " + cl.do("OBJECT", "ENCODING", key) + " " + content
}

// TestDumpInterop DUMPs every kind on redis-server and RESTOREs it on
// nosql, and the other way round, and compares what each key reads back
// as (content, encoding, TTL).
func TestDumpInterop(t *testing.T) {
	r := dial(t, startRedis(t))
	n := dialServer(t, startServer(t))
	for _, cl := range []*tclient{r, n} {
		cl.do("FLUSHALL")
		for _, cmd := range dumpFixture {
			if reply := cl.do(cmd...); reply[0] == '-' {
				t.Fatalf("%.40q: %q", cmd, reply)
			}
		}
	}
	for _, cmd := range dumpFixture {
		key := cmd[1]
		for _, dir := range []struct {
			name     string
			from, to *tclient
		}{{"redis->nosql", r, n}, {"nosql->redis", n, r}} {
			payload := payloadOf(t, dir.from.do("DUMP", key))
			if reply := dir.to.do("RESTORE", key+":"+dir.name, "100000", payload); reply != "+OK\r\n" {
				t.Errorf("%s RESTORE %s: %q", dir.name, key, reply)
				continue
			}
			dir.from.do("EXPIRE", key, "100")
			want, got := readBack(dir.from, key), readBack(dir.to, key+":"+dir.name)
			dir.from.do("PERSIST", key)
			if got != want {
				t.Errorf("%s %s reads back as\n %.300q\nwant\n %.300q", dir.name, key, got, want)
			}
		}
	}
}

// TestRestoreBadPayloads sends payloads with a valid footer whose data is
// wrong: each is refused with Redis's error and the server stays up.
func TestRestoreBadPayloads(t *testing.T) {
	cl := dialServer(t, startServer(t))
	lp := func(entries ...string) string { // a listpack of raw entries
		body := strings.Join(entries, "")
		hdr := binary.LittleEndian.AppendUint32(nil, uint32(len(body)+7))
		return string(binary.LittleEndian.AppendUint16(hdr, uint16(len(entries)))) + body + "\xff"
	}
	str := func(s string) string { return string(rdbAppendString(nil, s)) }
	for _, tc := range []struct{ name, data string }{
		{"empty", ""},
		{"unknown type", "\x07"},
		{"stream truncated", "\x0f\x00"},
		{"truncated string", "\x00\x05abc"},
		{"huge string length", "\x00\x81\x7f\xff\xff\xff\xff\xff\xff\xff"},
		{"bad length byte", "\x00\x82"},
		{"bad string encoding", "\x00\xc5"},
		{"lzf claims too much", "\x00\xc3\x02\x80\xff\xff\xff\xf0\x00a"},
		{"lzf bad back reference", "\x00\xc3\x03\x05\xe0\x10\x00"},
		{"lzf short output", "\x00\xc3\x02\x05\x01ab"},
		{"empty list", "\x01\x00"},
		{"list huge count", "\x01\x81\x0f\xff\xff\xff\xff\xff\xff\xff\x01a"},
		{"quicklist bad container", "\x12\x01\x03" + str("x")},
		{"quicklist bad listpack", "\x12\x01\x02" + str("\x07\x00\x00\x00\x01\x00\xff")},
		{"listpack bad backlen", "\x12\x01\x02" + str(lp("\x81a\x05"))},
		{"listpack wrong count", "\x12\x01\x02" + str(lp("\x81a\x02")[:4]+"\x05\x00"+lp("\x81a\x02")[6:])},
		{"listpack string past end", "\x12\x01\x02" + str(lp("\x85a\x06"))},
		{"listpack bad encoding", "\x12\x01\x02" + str(lp("\xf5\x01"))},
		{"ziplist wrong tail", "\x0a" + str("\x0e\x00\x00\x00\x0b\x00\x00\x00\x01\x00\x00\x01a\xff")},
		{"ziplist wrong prevlen", "\x0a" + str("\x0e\x00\x00\x00\x0a\x00\x00\x00\x01\x00\x05\x01a\xff")},
		{"ziplist wrong count", "\x0a" + str("\x0e\x00\x00\x00\x0a\x00\x00\x00\x02\x00\x00\x01a\xff")},
		{"ziplist bad integer encoding", "\x0a" + str("\x0e\x00\x00\x00\x0a\x00\x00\x00\x01\x00\x00\xc1a\xff")},
		{"quicklist of an empty ziplist", "\x0e\x01" + str("\x0b\x00\x00\x00\x0a\x00\x00\x00\x00\x00\xff")},
		{"empty set", "\x02\x00"},
		{"set duplicate", "\x02\x02\x01a\x01a"},
		{"intset unsorted", "\x0b" + str("\x02\x00\x00\x00\x02\x00\x00\x00\x05\x00\x01\x00")},
		{"intset bad width", "\x0b" + str("\x03\x00\x00\x00\x01\x00\x00\x00\x05\x00\x01")},
		{"intset wrong size", "\x0b" + str("\x02\x00\x00\x00\x09\x00\x00\x00\x05\x00")},
		{"hash duplicate field", "\x04\x02\x01f\x01a\x01f\x01b"},
		{"hash listpack odd", "\x10" + str(lp("\x81f\x02"))},
		{"hash listpack duplicate", "\x10" + str(lp("\x81f\x02", "\x01\x01", "\x81f\x02", "\x02\x01"))},
		{"zset nan", "\x05\x01\x01a" + string(binary.LittleEndian.AppendUint64(nil, 0x7ff8000000000001))},
		{"zset text nan", "\x03\x01\x01a\xfd"},
		{"zset listpack bad score", "\x11" + str(lp("\x81a\x02", "\x83abc\x04"))},
		{"zset listpack duplicate", "\x11" + str(lp("\x81a\x02", "\x01\x01", "\x81a\x02", "\x02\x01"))},
	} {
		payload := tc.data + "\x0a\x00"
		payload += string(binary.LittleEndian.AppendUint64(nil, redisCRC64([]byte(payload))))
		if got := cl.do("RESTORE", "k", "0", payload); got != "-ERR Bad data format\r\n" {
			t.Errorf("%s: %q", tc.name, got)
		}
	}
	if got := cl.do("EXISTS", "k"); got != ":0\r\n" {
		t.Fatalf("EXISTS after the bad payloads: %q", got)
	}
}

func dumpCases() []diffCase {
	const strPayload = "\x00\x03bar\n\x00\xe8\xeb\xf2\xf9!\x9e\xa4\x1b" // DUMP of "bar" by redis-server 7.0
	return []diffCase{
		{name: "dump-small", cmds: [][]string{c("DUMP", "nokey"), c("SET", "s", "bar"), c("DUMP", "s"), c("SET", "i", "-5"), c("DUMP", "i"),
			c("SET", "i2", "70000"), c("DUMP", "i2"), c("SET", "e", ""), c("DUMP", "e"), c("RPUSH", "l", "a", "1", "-3"), c("DUMP", "l"),
			c("SADD", "si", "3", "1"), c("DUMP", "si"), c("SADD", "ss", "x"), c("DUMP", "ss"), c("HSET", "h", "f", "v", "n", "7"),
			c("DUMP", "h"), c("ZADD", "z", "1", "a", "2.5", "b"), c("DUMP", "z"), c("DUMP")}},
		{name: "restore-basic", cmds: [][]string{c("RESTORE", "k", "0", strPayload), c("GET", "k"), c("TTL", "k"),
			c("RESTORE", "k", "0", strPayload), c("RESTORE", "k", "0", strPayload, "REPLACE"), c("RESTORE", "k2", "100000", strPayload),
			c("TTL", "k2"), c("RESTORE", "k3", "4102444800000", strPayload, "ABSTTL"), c("EXPIRETIME", "k3"),
			c("RESTORE", "k4", "1", strPayload, "ABSTTL"), c("EXISTS", "k4"), c("RESTORE", "k", "1", strPayload, "ABSTTL", "REPLACE"),
			c("EXISTS", "k"), c("RESTORE", "k5", "0", strPayload, "IDLETIME", "100"), c("RESTORE", "k6", "0", strPayload, "FREQ", "100"),
			c("GET", "k6"), c("SET", "k7", "x", "EX", "100"), c("RESTORE", "k7", "0", strPayload, "replace"), c("TTL", "k7")}},
		{name: "restore-errors", cmds: [][]string{c("SET", "k", "v"), c("RESTORE", "k", "0", "..."), c("RESTORE", "k", "0", "...", "bogus"),
			c("RESTORE", "new", "0", "..."), c("RESTORE", "new", "-1", strPayload), c("RESTORE", "new", "x", strPayload),
			c("RESTORE", "k", "x", "...", "REPLACE"), c("RESTORE", "new", "0", strPayload[:len(strPayload)-1]+"X"),
			c("RESTORE", "new", "0", strPayload[:5]+"\x0b\x00"+strPayload[7:]), c("RESTORE", "new", "0", ""),
			c("RESTORE", "new", "0", strPayload, "IDLETIME", "-1"), c("RESTORE", "new", "0", strPayload, "IDLETIME", "x"),
			c("RESTORE", "new", "0", strPayload, "FREQ", "256"), c("RESTORE", "new", "0", strPayload, "FREQ", "-1"),
			c("RESTORE", "new", "0", strPayload, "IDLETIME", "1", "FREQ", "1"), c("RESTORE", "new", "0", strPayload, "FREQ", "1", "IDLETIME", "1"),
			c("RESTORE", "new", "0", strPayload, "IDLETIME"), c("RESTORE", "new", "0"), c("RESTORE", "k", "-1", "...", "REPLACE"),
			c("RESTORE", "new", "0", "\x00\x03bar\n\x00\xe8\xeb\xf2\xf9!\x9e\xa4\x1c"), c("EXISTS", "new")}},
	}
}

func TestDiffDump(t *testing.T) { runDiff(t, dumpCases()) }

// TestRestoreLog checks RESTORE's record (the expiry absolute, REPLACE
// and ABSTTL added) and its replay, and that an expiry already past
// logs only the DEL of the key it replaced.
func TestRestoreLog(t *testing.T) {
	dir := t.TempDir()
	cfg := []func(*Config){withAOF(dir, "always"), func(c *Config) { c.AutoAOFRewritePercentage = 0 }}
	srv := startServer(t, cfg...)
	cl := dialServer(t, srv)
	cl.do(append(c("HSET", "src"), prefixed("f", 20)...)...)
	cl.do(append(c("ZADD", "zsrc"), scorePairs(200)...)...)
	payload := payloadOf(t, cl.do("DUMP", "src"))
	zpayload := payloadOf(t, cl.do("DUMP", "zsrc"))
	for _, step := range []struct {
		cmd  []string
		want string
	}{
		{c("RESTORE", "a", "0", payload), fmt.Sprint([][]string{c("RESTORE", "a", "0", payload, "REPLACE")})},
		{c("RESTORE", "b", "100000", zpayload), "[[RESTORE b 1"},
		{c("RESTORE", "a", "1", payload, "ABSTTL", "REPLACE"), "[[DEL a]]"},
		{c("RESTORE", "c", "1", payload, "ABSTTL"), "[]"},
		{c("RESTORE", "b", "0", payload), "[]"},
	} {
		before := len(readRecords(t, dir))
		cl.do(step.cmd...)
		got := fmt.Sprint(slices.DeleteFunc(readRecords(t, dir)[before:], func(r []string) bool { return r[0] == "SELECT" }))
		if !strings.HasPrefix(got, step.want) {
			t.Fatalf("%.60q logged %.200q, want %.200q", step.cmd, got, step.want)
		}
	}
	want := readBack(cl, "b") + cl.do("PEXPIRETIME", "b") + cl.do("EXISTS", "a")
	stopServer(t, srv)
	cl = dialServer(t, startServer(t, cfg...))
	if got := readBack(cl, "b") + cl.do("PEXPIRETIME", "b") + cl.do("EXISTS", "a"); got != want {
		t.Fatalf("after replay:\n got %.300q\nwant %.300q", got, want)
	}
}
