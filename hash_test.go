// hash_test.go tests the hash type beyond byte-for-byte replies (the dict
// behind the hashtable encoding is tested in internal/dict): HRANDFIELD's random replies and HSCAN over a hashtable
// by their properties (beside Redis's), WATCH, the semicolon protocol's
// view of a hash, and the resident memory of many small hashes.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// respValue is a decoded RESP reply: a string (bulk, simple, number) or
// an aggregate of values.
type respValue struct {
	str   string
	elems []respValue
	agg   byte // '*', '%', '~' for aggregates; 0 otherwise
}

// decodeResp decodes one raw reply.
func decodeResp(t *testing.T, raw string) respValue {
	t.Helper()
	v, err := readResp(bufio.NewReader(strings.NewReader(raw)))
	if err != nil {
		t.Fatalf("decode %q: %v", raw, err)
	}
	return v
}

func readResp(rd *bufio.Reader) (respValue, error) {
	line, err := rd.ReadString('\n')
	if err != nil {
		return respValue{}, err
	}
	body := strings.TrimSuffix(line[1:], "\r\n")
	switch line[0] {
	case '$':
		n, _ := strconv.Atoi(body)
		if n < 0 {
			return respValue{}, nil
		}
		buf := make([]byte, n+2)
		_, err := io.ReadFull(rd, buf)
		return respValue{str: string(buf[:n])}, err
	case '*', '%', '~':
		n, _ := strconv.Atoi(body)
		if line[0] == '%' {
			n *= 2
		}
		v := respValue{agg: line[0]}
		for i := 0; i < n; i++ {
			e, err := readResp(rd)
			if err != nil {
				return v, err
			}
			v.elems = append(v.elems, e)
		}
		return v, nil
	}
	return respValue{str: body}, nil
}

// strs returns the strings of a flat aggregate.
func (v respValue) strs() []string {
	out := make([]string, len(v.elems))
	for i, e := range v.elems {
		out[i] = e.str
	}
	return out
}

// hrandCheck checks one HRANDFIELD reply with a count against the hash's
// contents: the number of fields, their membership, their values, and
// (for a positive count) that none repeats. It returns the fields.
func hrandCheck(t *testing.T, raw string, contents map[string]string, count int, withValues, resp3 bool) []string {
	t.Helper()
	v := decodeResp(t, raw)
	want := count
	if count < 0 {
		want = -count
	} else if count > len(contents) {
		want = len(contents)
	}
	var fields []string
	switch {
	case withValues && resp3:
		for _, pair := range v.elems {
			if pair.agg != '*' || len(pair.elems) != 2 || contents[pair.elems[0].str] != pair.elems[1].str {
				t.Fatalf("HRANDFIELD %d WITHVALUES (RESP3): bad pair in %q", count, raw)
			}
			fields = append(fields, pair.elems[0].str)
		}
	case withValues:
		s := v.strs()
		for i := 0; i+1 < len(s); i += 2 {
			if contents[s[i]] != s[i+1] {
				t.Fatalf("HRANDFIELD %d WITHVALUES: %q is not the value of %q", count, s[i+1], s[i])
			}
			fields = append(fields, s[i])
		}
	default:
		fields = v.strs()
	}
	if len(fields) != want {
		t.Fatalf("HRANDFIELD %d: %d fields, want %d", count, len(fields), want)
	}
	for _, f := range fields {
		if _, ok := contents[f]; !ok {
			t.Fatalf("HRANDFIELD %d: %q is not a field", count, f)
		}
	}
	if sorted := slices.Sorted(slices.Values(fields)); count > 0 && len(slices.Compact(sorted)) != len(fields) {
		t.Fatalf("HRANDFIELD %d: a field repeats in %q", count, fields)
	}
	return fields
}

// TestHashRandField checks HRANDFIELD's replies on a listpack and on a
// hashtable, in both protocols: every count path (negative, 1, more than
// the hash, close to it, much smaller), with and without values, and that
// repeated calls reach every field.
func TestHashRandField(t *testing.T) {
	srv := startServer(t)
	for _, size := range []int{10, 600} {
		for _, resp3 := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d-fields-resp3=%v", size, resp3), func(t *testing.T) {
				cl := dialServer(t, srv)
				if resp3 {
					cl.do("HELLO", "3")
				}
				key := fmt.Sprintf("rand:%d:%v", size, resp3)
				contents := map[string]string{}
				args := []string{"HSET", key}
				for i := 0; i < size; i++ {
					f, v := "f"+strconv.Itoa(i), "v"+strconv.Itoa(i)
					contents[f] = v
					args = append(args, f, v)
				}
				cl.do(args...)
				enc := decodeResp(t, cl.do("OBJECT", "ENCODING", key)).str
				if want := map[int]string{10: "listpack", 600: "hashtable"}[size]; enc != want {
					t.Fatalf("encoding %s, want %s", enc, want)
				}
				for _, count := range []int{-1, -20, -1001, 1, size - 1, size, size + 5, size / 4, 2} {
					for _, wv := range []bool{false, true} {
						cmd := []string{"HRANDFIELD", key, strconv.Itoa(count)}
						if wv {
							cmd = append(cmd, "WITHVALUES")
						}
						hrandCheck(t, cl.do(cmd...), contents, count, wv, resp3)
					}
				}
				seen := map[string]bool{}
				for i := 0; i < 100*size && len(seen) < size; i++ {
					f := decodeResp(t, cl.do("HRANDFIELD", key)).str
					if _, ok := contents[f]; !ok {
						t.Fatalf("HRANDFIELD gave %q", f)
					}
					seen[f] = true
				}
				for i := 0; i < 100 && len(seen) < size; i++ {
					for _, f := range hrandCheck(t, cl.do("HRANDFIELD", key, "3"), contents, 3, false, resp3) {
						seen[f] = true
					}
				}
				if len(seen) != size {
					t.Fatalf("only %d of %d fields ever returned", len(seen), size)
				}
			})
		}
	}
}

// TestHashRandFieldOutputLimit: HRANDFIELD with a count of -10^12, which
// builds its reply from nothing, stops when the client passes its output
// limit (as Redis stops at a client to close): the client is
// disconnected, and the hash's shard is free again for the next command.
func TestHashRandFieldOutputLimit(t *testing.T) {
	srv := startServer(t)
	admin := dialServer(t, srv)
	admin.do("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0 0")
	admin.do("HSET", "h", "field", "value")
	greedy := dialServer(t, srv)
	greedy.send(encodeCommand("HRANDFIELD", "h", "-1000000000000", "WITHVALUES"))
	if _, err := io.Copy(io.Discard, greedy.rd); err != nil {
		t.Fatalf("the greedy client was not disconnected: %v", err)
	}
	if r := admin.do("HLEN", "h"); r != ":1\r\n" {
		t.Fatalf("HLEN after: %q", r)
	}
}

// hscanAll walks key with HSCAN and the options given, and returns every
// field returned (with its value) and the number of calls.
func hscanAll(t *testing.T, cl *tclient, key string, opts ...string) (map[string]string, int) {
	t.Helper()
	got := map[string]string{}
	cursor := "0"
	for calls := 1; ; calls++ {
		v := decodeResp(t, cl.do(append([]string{"HSCAN", key, cursor}, opts...)...))
		if len(v.elems) != 2 {
			t.Fatalf("HSCAN reply %+v", v)
		}
		items := v.elems[1].strs()
		for i := 0; i+1 < len(items); i += 2 {
			got[items[i]] = items[i+1]
		}
		if cursor = v.elems[0].str; cursor == "0" {
			return got, calls
		}
		if calls > 100000 {
			t.Fatal("HSCAN does not end")
		}
	}
}

// TestHashScanHashtable walks a hashtable-encoded hash with HSCAN on nosql
// and on Redis, with several COUNTs and patterns: both return the same
// fields with their values, over more than one call; and on nosql every
// field present throughout is returned while others come and go.
func TestHashScanHashtable(t *testing.T) {
	raddr := startRedis(t)
	srv := startServer(t)
	r, n := dial(t, raddr), dialServer(t, srv)
	args := append([]string{"HSET", "big"}, fieldPairs(1000)...)
	for _, cl := range []*tclient{r, n} {
		cl.do("FLUSHALL")
		cl.do(args...)
	}
	for _, opts := range [][]string{nil, {"COUNT", "1"}, {"COUNT", "7"}, {"COUNT", "500"}, {"MATCH", "f:1*"}, {"MATCH", "*9", "COUNT", "20"}} {
		want, _ := hscanAll(t, r, "big", opts...)
		got, calls := hscanAll(t, n, "big", opts...)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("HSCAN %q: nosql returned %d fields, Redis %d", opts, len(got), len(want))
		}
		if opts == nil && calls < 10 {
			t.Errorf("HSCAN walked 1000 fields in %d calls of COUNT 10", calls)
		}
	}

	writer := dialServer(t, srv)
	cursor, step, seen := "0", 0, map[string]bool{}
	for {
		v := decodeResp(t, n.do("HSCAN", "big", cursor, "COUNT", "5"))
		items := v.elems[1].strs()
		for i := 0; i < len(items); i += 2 {
			seen[items[i]] = true
		}
		if cursor = v.elems[0].str; cursor == "0" {
			break
		}
		step++ // add 40 fields, or delete them again, between calls
		if step%2 == 1 {
			writer.do(append([]string{"HSET", "big"}, fieldPairsFrom(1000+step*40, 40)...)...)
		} else {
			writer.do(append([]string{"HDEL", "big"}, fieldNamesFrom(1000+(step-1)*40, 40)...)...)
		}
	}
	for i := 0; i < 1000; i++ {
		if !seen["f:"+strconv.Itoa(i)] {
			t.Fatalf("f:%d, present throughout, was not returned", i)
		}
	}
}

// fieldPairsFrom returns n pairs "f:i" "v:i" from i = from.
func fieldPairsFrom(from, n int) []string {
	out := make([]string, 0, 2*n)
	for i := from; i < from+n; i++ {
		out = append(out, "f:"+strconv.Itoa(i), "v:"+strconv.Itoa(i))
	}
	return out
}

// fieldNamesFrom returns "f:i" for n fields from i = from.
func fieldNamesFrom(from, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "f:" + strconv.Itoa(from+i)
	}
	return out
}

// TestHashWatch checks that a hash write by another client fails a
// transaction WATCHing the key, and that a write that changes nothing
// (HDEL of a missing field, HSETNX of an existing one) does not, as in
// Redis.
func TestHashWatch(t *testing.T) {
	srv := startServer(t)
	a, b := dialServer(t, srv), dialServer(t, srv)
	cases := []struct {
		name   string
		write  []string
		failed bool
	}{
		{"hset", c("HSET", "w", "x", "1"), true},
		{"hdel", c("HDEL", "w", "a"), true},
		{"hincrby", c("HINCRBY", "w", "a", "1"), true},
		{"hincrbyfloat", c("HINCRBYFLOAT", "w", "a", "1.5"), true},
		{"hsetnx-new", c("HSETNX", "w", "new", "1"), true},
		{"hdel-missing", c("HDEL", "w", "nope"), false},
		{"hsetnx-existing", c("HSETNX", "w", "a", "2"), false},
		{"hget", c("HGET", "w", "a"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a.do("DEL", "w")
			a.do("HSET", "w", "a", "1")
			a.do("WATCH", "w")
			b.do(tc.write...)
			a.do("MULTI")
			a.do("HGET", "w", "a")
			got := a.do("EXEC")
			if failed := got == "*-1\r\n"; failed != tc.failed {
				t.Fatalf("EXEC after %q: %q", tc.write, got)
			}
		})
	}
}

// TestMemoryUsage checks that MEMORY USAGE (whose figure is nosql's own
// estimate) grows with a hash's contents, for both encodings.
func TestMemoryUsage(t *testing.T) {
	cl := dialServer(t, startServer(t))
	usage := func(key string) int {
		r := cl.do("MEMORY", "USAGE", key)
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(r, ":")))
		if err != nil || n <= 0 {
			t.Fatalf("MEMORY USAGE %s: %q", key, r)
		}
		return n
	}
	cl.do("SET", "s", "v")
	cl.do("HSET", "h", "a", "1")
	small, str := usage("h"), usage("s")
	cl.do(append([]string{"HSET", "h"}, fieldPairs(1000)...)...)
	if big := usage("h"); big < small+1000*8 || str <= 0 {
		t.Fatalf("MEMORY USAGE of 1 field %d, of 1001 fields %d", small, big)
	}
}

// TestHashTextProtocol checks what the semicolon protocol sees of a hash:
// GET answers a Python dict that Python reads back (when python3 is
// installed) as the hash, GETLIST the non-list error, DELETE deletes it.
func TestHashTextProtocol(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	cl.do("HSET", "h", "name", "Ann", "quote", `it's "x"`, "nl", "a\nb", "uni", "é\x01", "", "empty")
	cases := []struct{ req, want string }{
		{"GET;h", `True;{'name': 'Ann', 'quote': 'it\'s "x"', 'nl': 'a\nb', 'uni': 'é\x01', '': 'empty'}`},
		{"GETLIST;h", `False;ERROR: Key [h] contains non-list value ([{'name': 'Ann', 'quote': 'it\'s "x"', 'nl': 'a\nb', 'uni': 'é\x01', '': 'empty'}])`},
		{"DELETE;h", "True;Key [h] deleted"},
		{"GET;h", "False;ERROR: Key [h] not found"},
	}
	if r := cl.text(cases[0].req); r != cases[0].want {
		t.Fatalf("%s: %q, want %q", cases[0].req, r, cases[0].want)
	}
	if py, err := exec.LookPath("python3"); err == nil {
		dict := strings.TrimPrefix(cases[0].want, "True;")
		prog := "import ast,sys; d = ast.literal_eval(sys.argv[1]); print(sorted(d.items()))"
		out, err := exec.Command(py, "-c", prog, dict).CombinedOutput()
		want := `[('', 'empty'), ('name', 'Ann'), ('nl', 'a\nb'), ('quote', 'it\'s "x"'), ('uni', 'é\x01')]` + "\n"
		if err != nil || string(out) != want {
			t.Errorf("python3 reads %s as %q (%v), want %q", dict, out, err, want)
		}
	} else {
		t.Logf("python3 is not installed: the dict is not read back by Python")
	}
	for _, tc := range cases[1:] {
		if r := cl.text(tc.req); r != tc.want {
			t.Errorf("%s: %q, want %q", tc.req, r, tc.want)
		}
	}
	cl.do("HSET", "h2", "a", "1")
	if r := cl.text("INCREMENT;h2"); !strings.HasPrefix(r, "False;ERROR: Key [h2] contains non-int value ([{'a': '1'}])") {
		t.Errorf("INCREMENT of a hash: %q", r)
	}
	if r := cl.text("APPEND;h2;x"); !strings.HasPrefix(r, "False;ERROR: Key [h2] contains non-list value ([{'a': '1'}])") {
		t.Errorf("APPEND to a hash: %q", r)
	}
}
