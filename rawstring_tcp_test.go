// rawstring_tcp_test.go checks strings changed in place end to end: random
// APPEND, SETRANGE, SETBIT and BITFIELD writes mixed with reads, COPY,
// RENAME, transactions, rewrites and restarts against a plain Go model; a
// reply queued by reference keeping its bytes while the string changes;
// and, on a real process, that SETRANGE into a 256 MiB string does not
// copy it.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// stringModel is what the keys of a test hold: a key is missing or holds
// its bytes.
type stringModel map[string][]byte

func (m stringModel) dump() map[string]string {
	out := make(map[string]string)
	for k, v := range m {
		out[k] = fmt.Sprintf("s:%q", v)
	}
	return out
}

// grown returns m[k] zero-padded to at least n bytes, stored back.
func (m stringModel) grown(k string, n int) []byte {
	v := m[k]
	if len(v) < n {
		v = append(v, make([]byte, n-len(v))...)
	}
	m[k] = v
	return v
}

func bulk(v []byte) string { return "$" + strconv.Itoa(len(v)) + "\r\n" + string(v) + "\r\n" }

func intReply(n int) string { return ":" + strconv.Itoa(n) + "\r\n" }

// lcsLenModel is the length of the longest common subsequence of a and b.
func lcsLenModel(a, b []byte) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			default:
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// stringStep runs one random command on c and applies it to m, failing
// the test when the reply is not what the model says.
func stringStep(t *testing.T, c *tclient, m stringModel, rng *rand.Rand) {
	t.Helper()
	keys := []string{"m0", "m1", "m2", "m3", "{m}4"}
	k, k2 := keys[rng.IntN(len(keys))], keys[rng.IntN(len(keys))]
	data := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		return b
	}
	check := func(cmd []string, want string) {
		t.Helper()
		if got := c.do(cmd...); got != want {
			t.Fatalf("%.60q: got %.80q, want %.80q", cmd, got, want)
		}
	}
	if len(m[k]) > 300<<10 {
		check([]string{"DEL", k}, ":1\r\n")
		delete(m, k)
	}
	v, exists := m[k]
	switch op := rng.IntN(15); op {
	case 0, 1:
		d := data(rng.IntN(200))
		if rng.IntN(15) == 0 {
			d = data(40 << 10)
		}
		m[k] = append(bytes.Clone(v), d...)
		check([]string{"APPEND", k, string(d)}, intReply(len(m[k])))
	case 2, 3:
		off, d := rng.IntN(len(v)+100), data(rng.IntN(50))
		if len(d) > 0 {
			copy(m.grown(k, off+len(d))[off:], d)
		}
		check([]string{"SETRANGE", k, strconv.Itoa(off), string(d)}, intReply(len(m[k])))
	case 4:
		off, bit := rng.IntN((len(v)+10)*8), rng.IntN(2)
		b := m.grown(k, off/8+1)
		mask := byte(0x80) >> (off % 8)
		old := 0
		if b[off/8]&mask != 0 {
			old = 1
		}
		b[off/8] = b[off/8]&^mask | byte(bit)*mask
		check([]string{"SETBIT", k, strconv.Itoa(off), strconv.Itoa(bit)}, intReply(old))
	case 5:
		i := rng.IntN(len(v) + 10)
		b := m.grown(k, i+1)
		b[i] += 7
		check([]string{"BITFIELD", k, "INCRBY", "u8", "#" + strconv.Itoa(i), "7"}, "*1\r\n"+intReply(int(b[i])))
	case 6:
		d := data(rng.IntN(30))
		if rng.IntN(5) == 0 {
			d = data(bigString + rng.IntN(1000))
		}
		m[k] = d
		check([]string{"SET", k, string(d)}, "+OK\r\n")
	case 7:
		want := "$-1\r\n"
		if exists {
			want = bulk(v)
		}
		check([]string{"GET", k}, want)
	case 8:
		a := rng.IntN(len(v) + 1)
		b := a + rng.IntN(len(v)+1-a)
		want := ""
		if a < len(v) {
			want = string(v[a:min(b+1, len(v))])
		}
		check([]string{"GETRANGE", k, strconv.Itoa(a), strconv.Itoa(b)}, bulk([]byte(want)))
		check([]string{"STRLEN", k}, intReply(len(v)))
	case 9:
		n := 0
		for _, x := range v {
			n += bits.OnesCount8(x)
		}
		check([]string{"BITCOUNT", k}, intReply(n))
	case 10:
		if len(v) > 2000 || len(m[k2]) > 2000 {
			return
		}
		check([]string{"LCS", k, k2, "LEN"}, intReply(lcsLenModel(v, m[k2])))
	case 11:
		switch {
		case k == k2:
			check([]string{"COPY", k, k2, "REPLACE"}, "-ERR source and destination objects are the same\r\n")
		case !exists:
			check([]string{"COPY", k, k2, "REPLACE"}, ":0\r\n")
		default:
			m[k2] = bytes.Clone(v)
			check([]string{"COPY", k, k2, "REPLACE"}, ":1\r\n")
		}
	case 12:
		if !exists {
			check([]string{"RENAME", k, k2}, "-ERR no such key\r\n")
			return
		}
		delete(m, k)
		m[k2] = v
		check([]string{"RENAME", k, k2}, "+OK\r\n")
	case 13:
		// one flush: the first GET's reply must keep the bytes it had
		// when the writes after it ran
		before := "$-1\r\n"
		if exists {
			before = bulk(v)
		}
		after := append(m.grown(k, 1), '$')
		after[0] = '#'
		c.send(encodeCommand("MULTI") + encodeCommand("GET", k) + encodeCommand("SETRANGE", k, "0", "#") +
			encodeCommand("APPEND", k, "$") + encodeCommand("GET", k) + encodeCommand("EXEC"))
		for i := 0; i < 5; i++ {
			c.reply() // +OK, +QUEUED...
		}
		want := "*4\r\n" + before + intReply(len(after)-1) + intReply(len(after)) + bulk(after)
		if got := c.reply(); got != want {
			t.Fatalf("MULTI GET/SETRANGE/APPEND/GET: got %.80q, want %.80q", got, want)
		}
		m[k] = after
	default:
		if exists {
			check([]string{"DEL", k}, ":1\r\n")
			delete(m, k)
		}
	}
}

// TestRawStringsModel runs random string commands against a model, with
// rewrites in the middle, then restarts from the append-only file (its
// APPEND, SETRANGE, SETBIT and BITFIELD records replayed) and again after
// a rewrite (records of whole values), comparing every key each time.
func TestRawStringsModel(t *testing.T) {
	dir := t.TempDir()
	cfg := func(c *Config) { c.AutoAOFRewritePercentage = 0 }
	srv := startServer(t, withAOF(dir, "everysec"), cfg)
	c := dialServer(t, srv)
	m := stringModel{}
	rng := rand.New(rand.NewPCG(9, 9))
	for step := 0; step < 3000; step++ {
		stringStep(t, c, m, rng)
		if step%400 == 399 {
			if r := c.do("BGREWRITEAOF"); !strings.HasPrefix(r, "+Background") && !strings.Contains(r, "already in progress") {
				t.Fatalf("BGREWRITEAOF: %q", r)
			}
		}
	}
	waitRewrites(t, srv, 0)
	stopServer(t, srv)
	loaded := mustLoad(t, dir)
	if d := diffDumps(dumpStore(loaded.store), m.dump()); d != "" {
		t.Fatalf("after a restart: %s", d)
	}
	stopServer(t, loaded)

	srv = startServer(t, withAOF(dir, "everysec"), cfg)
	c = dialServer(t, srv)
	for step := 0; step < 300; step++ {
		stringStep(t, c, m, rng)
	}
	if r := c.do("BGREWRITEAOF"); !strings.HasPrefix(r, "+Background") {
		t.Fatalf("BGREWRITEAOF: %q", r)
	}
	waitRewrites(t, srv, 1)
	for step := 0; step < 300; step++ {
		stringStep(t, c, m, rng)
	}
	stopServer(t, srv)
	if d := diffDumps(dumpStore(mustLoad(t, dir).store), m.dump()); d != "" {
		t.Fatalf("after a rewrite and a restart: %s", d)
	}
}

// TestRawStringReplyKeepsValue: a GET of a long raw string is queued by
// reference while its client does not read; another client then rewrites
// the whole string with SETRANGE and appends to it. The first reply, read
// afterwards, is the value as it was when GET ran.
func TestRawStringReplyKeepsValue(t *testing.T) {
	srv := startServer(t)
	c := dialServer(t, srv)
	const size = 16 << 20 // more than the sockets hold
	old := strings.Repeat("a", size)
	c.do("SET", "k", "")
	for i := 0; i < size; i += 1 << 20 {
		c.do("APPEND", "k", old[i:i+1<<20])
	}
	if r := c.do("OBJECT", "ENCODING", "k"); r != "$3\r\nraw\r\n" {
		t.Fatalf("OBJECT ENCODING: %q", r)
	}
	slow, err := net.Dial("tcp", srv.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	slow.Write([]byte(encodeCommand("GET", "k")))
	time.Sleep(100 * time.Millisecond) // GET runs: its reply is queued
	for i := 0; i < size; i += 1 << 20 {
		c.do("SETRANGE", "k", strconv.Itoa(i), strings.Repeat("b", 1<<20))
	}
	c.do("APPEND", "k", "b")
	slow.SetReadDeadline(time.Now().Add(30 * time.Second))
	got, err := readReply(bufio.NewReader(slow))
	if want := bulk([]byte(old)); err != nil || got != want {
		t.Fatalf("GET queued before the writes: %d bytes (%d 'b'), %v; want %d bytes of 'a'",
			len(got), strings.Count(got, "b"), err, len(want))
	}
	if r := c.do("STRLEN", "k"); r != intReply(size+1) {
		t.Errorf("STRLEN: %q", r)
	}
	if r := c.do("GETRANGE", "k", "0", "3"); r != "$4\r\nbbbb\r\n" {
		t.Errorf("GETRANGE: %q", r)
	}
}

// TestSetRangeBigStringMemory: on a real process, one-byte SETRANGEs,
// SETBITs and BITFIELDs into a 256 MiB string change it in place:
// resident memory does not grow by another copy of it. The string is made
// resident by BITOP NOT, which leaves behind no resident garbage that a
// copy could reuse unseen (its source was never written to).
func TestSetRangeBigStringMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a real process with a 256 MiB string")
	}
	const size = 256 << 20
	addr, pid, _ := startNosqlProc(t)
	c, err := dialRaw(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	before := procKB(t, pid, "VmRSS")
	if r, err := c.do("SETRANGE", "big", strconv.Itoa(size-1), "f"); err != nil || r != intReply(size) {
		t.Fatalf("SETRANGE: %q %v", r, err)
	}
	if r, err := c.do("BITOP", "NOT", "big", "big"); err != nil || r != intReply(size) {
		t.Fatalf("BITOP: %q %v", r, err)
	}
	base := procKB(t, pid, "VmRSS")
	if base-before < size>>10*3/4 {
		t.Fatalf("resident %d KiB with a 256 MiB string, %d before: the string is not resident, the test proves nothing", base, before)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	offsets := make([]int, 10)
	for i := range offsets {
		offsets[i] = 2 + rng.IntN(size-3)
		if r, err := c.do("SETRANGE", "big", strconv.Itoa(offsets[i]), "#"); err != nil || r != intReply(size) {
			t.Fatalf("SETRANGE: %q %v", r, err)
		}
	}
	if r, err := c.do("SETBIT", "big", strconv.Itoa(8*(size-1)), "0"); err != nil || r != ":1\r\n" {
		t.Fatalf("SETBIT: %q %v", r, err)
	}
	if r, err := c.do("BITFIELD", "big", "SET", "u8", "#0", "33"); err != nil || r != "*1\r\n:255\r\n" {
		t.Fatalf("BITFIELD: %q %v", r, err)
	}
	after := procKB(t, pid, "VmRSS")
	t.Logf("resident: %d KiB before, %d KiB with the 256 MiB string, %d KiB after 12 writes into it", before, base, after)
	if after-base > size>>10/4 {
		t.Errorf("resident memory grew by %d KiB for 12 one-byte writes into a %d KiB string", after-base, size>>10)
	}
	for _, off := range offsets {
		if r, err := c.do("GETRANGE", "big", strconv.Itoa(off), strconv.Itoa(off)); err != nil || r != "$1\r\n#\r\n" {
			t.Errorf("GETRANGE at %d: %q %v", off, r, err)
		}
	}
	if r, err := c.do("GETRANGE", "big", "0", "1"); err != nil || r != "$2\r\n!\xff\r\n" {
		t.Errorf("GETRANGE 0 1: %q %v", r, err)
	}
	if r, err := c.do("GETRANGE", "big", "-1", "-1"); err != nil || r != "$1\r\n\x19\r\n" {
		t.Errorf("GETRANGE -1 -1: %q %v", r, err)
	}
}

// TestRawStringSemicolon: the semicolon protocol reads a raw string as a
// string: GET shows it, INCREMENT counts from it, GETLIST refuses it.
func TestRawStringSemicolon(t *testing.T) {
	srv := startServer(t)
	c := dialServer(t, srv)
	c.do("SET", "k", "1")
	c.do("APPEND", "k", "2")
	c.do("SETBIT", "b", "1", "1")
	tests := []struct{ req, want string }{
		{"GET;k", "True;12"},
		{"INCREMENT;k", "True;Key [k] incremented"},
		{"GET;k", "True;13"},
		{"GETLIST;b", "False;ERROR: Key [b] contains non-list value ([@])"},
		{"INCREMENT;b", "False;ERROR: Key [b] contains non-int value ([@])"},
	}
	for _, tt := range tests {
		if got := c.text(tt.req); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.req, got, tt.want)
		}
	}
	if r := c.do("OBJECT", "ENCODING", "k"); r != "$3\r\nint\r\n" {
		t.Errorf("after INCREMENT, OBJECT ENCODING: %q", r)
	}
}
