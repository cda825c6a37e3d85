// zset_test.go tests sorted sets end to end where the differential tests
// cannot compare bytes: ZRANDMEMBER's random replies and ZSCAN's cursors
// over a large set (their properties, in both protocols), WATCH, the
// semicolon protocol's view of a sorted set, the log's records, and a
// replay and a rewrite of the log that give back every set exactly.
package main

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// respItems splits a flat RESP2 array of bulk strings into its strings.
func respItems(t *testing.T, raw string) []string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n")
	if !strings.HasPrefix(lines[0], "*") {
		t.Fatalf("not an array: %q", raw)
	}
	var out []string
	for i := 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "$") {
			i++
			out = append(out, lines[i])
		} else if strings.HasPrefix(lines[i], ",") {
			out = append(out, lines[i][1:])
		}
	}
	return out
}

// fillZset adds members m0..m(n-1) scored 0..n-1 to key.
func fillZset(t *testing.T, cl *tclient, key string, n int) {
	t.Helper()
	for from := 0; from < n; from += 500 {
		args := []string{"ZADD", key}
		for i := from; i < min(n, from+500); i++ {
			args = append(args, strconv.Itoa(i), "m"+strconv.Itoa(i))
		}
		if got := cl.do(args...); !strings.HasPrefix(got, ":") {
			t.Fatalf("ZADD: %q", got)
		}
	}
}

func TestZRandMember(t *testing.T) {
	cl := dialServer(t, startServer(t))
	for _, n := range []int{10, 1000} { // both encodings
		key := "r" + strconv.Itoa(n)
		fillZset(t, cl, key, n)
		for _, proto := range []string{"2", "3"} {
			cl.do("HELLO", proto)
			for _, count := range []int{1, 5, n / 2, n - 1, n, n + 10, -1, -5, -3 * n} {
				items := respItems(t, cl.do("ZRANDMEMBER", key, strconv.Itoa(count), "WITHSCORES"))
				want := count
				if count < 0 {
					want = -count
				}
				if count > n {
					want = n
				}
				if len(items) != 2*want {
					t.Fatalf("n %d RESP%s count %d: %d items, want %d pairs", n, proto, count, len(items), want)
				}
				seen := map[string]bool{}
				for i := 0; i < len(items); i += 2 {
					m, s := items[i], items[i+1]
					if s != strings.TrimPrefix(m, "m") {
						t.Fatalf("member %s with score %s", m, s)
					}
					if count > 0 && seen[m] {
						t.Fatalf("count %d: %s twice", count, m)
					}
					seen[m] = true
				}
				if count <= -3*n && len(seen) < n/2 {
					t.Fatalf("count %d over %d members drew only %d of them", count, n, len(seen))
				}
			}
			if got := respItems(t, cl.do("ZRANDMEMBER", key, "3")); len(got) != 3 {
				t.Fatalf("without scores: %q", got)
			}
			if got := cl.do("ZRANDMEMBER", key); !strings.HasPrefix(got, "$") {
				t.Fatalf("one member: %q", got)
			}
		}
		cl.do("HELLO", "2")
	}
}

// TestZRandMemberDiff compares the replies of ZRANDMEMBER that are not
// random: errors, a missing key, counts of 0 and of the whole set.
func TestZRandMemberDiff(t *testing.T) {
	runDiff(t, []diffCase{{name: "zrandmember", cmds: [][]string{c("ZADD", "z", "1", "a", "2.5", "b", "3", "c"),
		c("ZRANDMEMBER", "z", "0"), c("ZRANDMEMBER", "z", "3", "WITHSCORES"), c("ZRANDMEMBER", "z", "100"), c("ZRANDMEMBER", "missing"),
		c("ZRANDMEMBER", "missing", "3"), c("ZRANDMEMBER", "missing", "-3", "WITHSCORES"), c("ZRANDMEMBER", "z", "x"),
		c("ZRANDMEMBER", "z", "1", "FOO"), c("ZRANDMEMBER", "z", "1", "WITHSCORES", "x"), c("ZRANDMEMBER", "z", minI64),
		c("ZRANDMEMBER", "z", "-9223372036854775807", "WITHSCORES"), c("ZRANDMEMBER", "z", "4611686018427387904", "WITHSCORES"),
		c("ZRANDMEMBER", "z", "-4611686018427387904", "WITHSCORES"), c("SET", "s", "v"), c("ZRANDMEMBER", "s"), c("ZRANDMEMBER", "s", "1"),
		c("ZRANDMEMBER", "missing", "x")}}})
}

// TestZScanLarge walks a large set with ZSCAN while it changes: every
// member present for the whole walk comes back, with its score.
func TestZScanLarge(t *testing.T) {
	cl := dialServer(t, startServer(t))
	fillZset(t, cl, "z", 3000)
	got := map[string]string{}
	cursor, rounds := "0", 0
	rng := rand.New(rand.NewPCG(1, 1))
	for {
		items := respItems(t, cl.do("ZSCAN", "z", cursor, "COUNT", "50"))
		cursor = items[0]
		for i := 1; i+1 < len(items); i += 2 {
			got[items[i]] = items[i+1]
		}
		// changes during the walk: members m3000.. come and go, m0..m2999 stay
		cl.do("ZADD", "z", "1", "x"+strconv.Itoa(rng.IntN(500)))
		cl.do("ZREM", "z", "x"+strconv.Itoa(rng.IntN(500)))
		if rounds++; cursor == "0" || rounds > 1000 {
			break
		}
	}
	if cursor != "0" {
		t.Fatalf("the walk did not end in %d rounds", rounds)
	}
	for i := 0; i < 3000; i++ {
		if s, ok := got["m"+strconv.Itoa(i)]; !ok || s != strconv.Itoa(i) {
			t.Fatalf("m%d: %q %v", i, s, ok)
		}
	}
	matched := respItems(t, cl.do("ZSCAN", "z", "0", "MATCH", "m1?", "COUNT", "100000"))
	if matched[0] != "0" || len(matched) != 1+2*10 {
		t.Fatalf("MATCH m1? over the whole set: %q", matched)
	}
}

// TestZsetWatch checks that a write that changes a sorted set fails a
// transaction WATCHing it, and one that changes nothing does not, as in
// Redis.
func TestZsetWatch(t *testing.T) {
	srv := startServer(t)
	a, b := dialServer(t, srv), dialServer(t, srv)
	a.do("ZADD", "w", "1", "x")
	cases := []struct {
		write   []string
		aborted bool
	}{
		{[]string{"ZADD", "w", "1", "x"}, false},
		{[]string{"ZADD", "w", "2", "x"}, true},
		{[]string{"ZREM", "w", "nope"}, false},
		{[]string{"ZINCRBY", "w", "1", "x"}, true},
		{[]string{"ZPOPMIN", "w", "0"}, false},
		{[]string{"ZUNIONSTORE", "w", "1", "w"}, true},
	}
	for _, tc := range cases {
		a.do("WATCH", "w")
		b.do(tc.write...)
		a.do("MULTI")
		a.do("ZCARD", "w")
		got := a.do("EXEC")
		if aborted := got == "*-1\r\n"; aborted != tc.aborted {
			t.Errorf("%q: EXEC %q, aborted %v want %v", tc.write, got, aborted, tc.aborted)
		}
	}
}

// TestZsetText checks the semicolon protocol's view of a sorted set: GET
// as Python prints a list of (member, score) tuples, GETLIST's non-list
// error, DELETE.
func TestZsetText(t *testing.T) {
	cl := dialServer(t, startServer(t))
	cl.do("ZADD", "z", "10", "alice", "2.5", "bob", "0.1", "it's", "inf", "top", "-1e20", "low")
	steps := []struct{ req, want string }{
		{"GET;z", `True;[('low', -1e+20), ("it's", 0.1), ('bob', 2.5), ('alice', 10.0), ('top', 1e999)]`},
		{"GETLIST;z", `False;ERROR: Key [z] contains non-list value ([[('low', -1e+20), ("it's", 0.1), ('bob', 2.5), ('alice', 10.0), ('top', 1e999)]])`},
		{"INCREMENT;z", `False;ERROR: Key [z] contains non-int value ([[('low', -1e+20), ("it's", 0.1), ('bob', 2.5), ('alice', 10.0), ('top', 1e999)]])`},
		{"DELETE;z", "True;Key [z] deleted"},
		{"GET;z", "False;ERROR: Key [z] not found"},
	}
	for _, s := range steps {
		if got := cl.text(s.req); got != s.want {
			t.Errorf("%s\n got: %s\nwant: %s", s.req, got, s.want)
		}
	}
	fillZset(t, cl, "big", 200)
	if got := cl.text("GET;big"); !strings.HasPrefix(got, "True;[('m0', 0.0), ('m1', 1.0)") || !strings.HasSuffix(got, "('m199', 199.0)]") {
		t.Errorf("GET of a large set: %.80s...", got)
	}
}

// zsetState reads every sorted set of databases 0 and 1 through RESP:
// members with scores, encoding, and whether the key has a TTL.
func zsetState(t *testing.T, cl *tclient) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, db := range []string{"1", "0"} {
		cl.do("SELECT", db)
		for _, k := range respItems(t, cl.do("KEYS", "*")) {
			ttl := cl.do("TTL", k) != ":-1\r\n"
			enc := strings.Split(cl.do("OBJECT", "ENCODING", k), "\r\n")[1]
			out[db+":"+k] = fmt.Sprintf("%s %s ttl:%v %q", strings.TrimSpace(cl.do("TYPE", k)), enc, ttl,
				respItems(t, cl.do("ZRANGE", k, "0", "-1", "WITHSCORES")))
		}
	}
	return out
}

// zsetWorkload runs writes of every kind on sorted sets.
func zsetWorkload(t *testing.T, cl *tclient) {
	t.Helper()
	fillZset(t, cl, "big", 300)
	cmds := [][]string{
		{"ZADD", "a", "1", "x", "2", "y", "3", "z", "-0", "nz", "inf", "top", "0.1", "tenth"},
		{"ZADD", "a", "NX", "CH", "5", "x", "6", "w"}, {"ZADD", "a", "GT", "10", "y"}, {"ZADD", "a", "INCR", "0.2", "tenth"},
		{"ZINCRBY", "a", "-inf", "z"}, {"ZREM", "a", "w", "missing"}, {"ZADD", "b", "1", "x", "5", "q"},
		{"ZUNIONSTORE", "u", "2", "a", "b", "WEIGHTS", "2", "0.5", "AGGREGATE", "MAX"}, {"ZINTERSTORE", "i", "2", "a", "b"},
		{"ZDIFFSTORE", "d", "2", "big", "a"}, {"ZRANGESTORE", "rs", "big", "(10", "20", "BYSCORE"},
		{"ZREMRANGEBYSCORE", "big", "100", "(150"}, {"ZREMRANGEBYRANK", "big", "-10", "-5"}, {"ZREMRANGEBYLEX", "b", "-", "[r"},
		{"ZPOPMIN", "big", "3"}, {"ZPOPMAX", "big"}, {"ZMPOP", "2", "nope", "big", "MAX", "COUNT", "2"},
		{"ZADD", "gone", "1", "g"}, {"ZPOPMIN", "gone"}, {"ZADD", "gone2", "1", "g"}, {"ZREM", "gone2", "g"},
		{"ZADD", "neg", "-0", "n"}, {"ZADD", "negbig", "1", strings.Repeat("o", 65)}, {"ZADD", "negbig", "-0", "n"}, {"ZADD", "t", "1", "x"}, {"EXPIRE", "t", "1000"},
		{"COPY", "a", "acopy"}, {"RENAME", "acopy", "arenamed"}, {"MOVE", "b", "1"}, {"ZUNIONSTORE", "i", "1", "missing"},
		{"ZADD", "long", "1", strings.Repeat("L", 100)},
	}
	for _, cmd := range cmds {
		if got := cl.do(cmd...); strings.HasPrefix(got, "-") {
			t.Fatalf("%q: %q", cmd, got)
		}
	}
}

// TestZsetAOF runs every kind of sorted-set write with the log on, checks
// the records some of them leave, then loads the log into a new server,
// rewrites it, and loads the rewrite: each time every set (members,
// scores, encoding, expiry) is as it was.
func TestZsetAOF(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, withAOF(dir, "always"))
	cl := dialServer(t, srv)
	zsetWorkload(t, cl)
	want := zsetState(t, cl)
	if len(want) < 11 {
		t.Fatalf("the workload left %d keys: %v", len(want), want)
	}
	stopServer(t, srv)

	var popped, stored bool
	for _, r := range readRecords(t, dir) {
		switch {
		case r[0] == "ZPOPMIN" || r[0] == "ZPOPMAX" || r[0] == "ZMPOP" || r[0] == "ZINCRBY":
			t.Errorf("logged as is: %q", r)
		case r[0] == "ZREM" && r[1] == "big" && slices.Equal(r[2:], []string{"m0", "m1", "m2"}):
			popped = true
		case r[0] == "ZADD" && r[1] == "d":
			stored = true
		}
		if r[0] == "ZADD" && len(r) > 2+2*rewriteItemsPerOp {
			t.Errorf("a ZADD of %d arguments", len(r))
		}
	}
	if !popped || !stored {
		t.Errorf("no ZREM of what ZPOPMIN popped (%v) or no ZADD rebuilding a stored set (%v)", popped, stored)
	}

	srv2 := startServer(t, withAOF(dir, "always"))
	cl2 := dialServer(t, srv2)
	if got := zsetState(t, cl2); !maps.Equal(got, want) {
		t.Fatalf("after replay:\n got %v\nwant %v", got, want)
	}
	if got := cl2.do("BGREWRITEAOF"); !strings.HasPrefix(got, "+") {
		t.Fatalf("BGREWRITEAOF: %q", got)
	}
	waitRewrites(t, srv2, 1)
	stopServer(t, srv2)
	zadds := 0
	for _, r := range readRecords(t, dir) {
		if r[0] == "ZADD" {
			zadds++
			if len(r) > 2+2*rewriteItemsPerOp || len(r)%2 != 0 {
				t.Errorf("rewritten ZADD of %d arguments", len(r))
			}
		}
	}
	if zadds < 5 {
		t.Errorf("the rewrite holds %d ZADD records", zadds)
	}
	cl3 := dialServer(t, startServer(t, withAOF(dir, "always")))
	if got := zsetState(t, cl3); !maps.Equal(got, want) {
		t.Fatalf("after rewrite:\n got %v\nwant %v", got, want)
	}
}
