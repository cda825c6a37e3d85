// store_set_test.go tests the sets end to end: the records their writes
// log (SPOP as SREM of what it popped, the STORE forms as themselves) and
// a restart that replays them, a rewrite writing SADD batches of at most
// 64 members, the semicolon protocol's view of a set, WATCH against two
// connections beside Redis, and SRANDMEMBER with a huge negative count
// stopped by the output limit.
package main

import (
	"fmt"
	"os/exec"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// setState describes every key of database 0 over the protocol: its
// type, members (sorted), encoding and whether it has an expiry.
func setState(t *testing.T, cl *tclient) map[string]string {
	t.Helper()
	_, keys := replyElems(t, cl.do("KEYS", "*"))
	out := map[string]string{}
	for _, k := range keys {
		desc := cl.do("TYPE", k)
		if desc == "+set\r\n" {
			_, members := replyElems(t, cl.do("SMEMBERS", k))
			slices.Sort(members)
			desc += fmt.Sprint(members) + cl.do("OBJECT", "ENCODING", k)
		}
		out[k] = desc + fmt.Sprint(cl.do("PTTL", k) != ":-1\r\n")
	}
	return out
}

// TestSetAOF checks the records set writes log, that replaying them
// rebuilds the sets (members, encodings, expiries), and that a rewrite
// writes each set as SADDs of at most 64 members that replay the same.
func TestSetAOF(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, withAOF(dir, "always"), func(c *Config) { c.AutoAOFRewritePercentage = 0 })
	cl := dialServer(t, srv)
	script := []struct {
		cmd  []string
		want [][]string // records; nil: none
	}{
		{c("SADD", "a", "1", "2", "3"), [][]string{rec("SADD", "a", "1", "2", "3")}},
		{c("SADD", "a", "3"), nil},
		{c("SADD", "a", "x", "4"), [][]string{rec("SADD", "a", "x", "4")}},
		{c("SREM", "a", "1", "nope"), [][]string{rec("SREM", "a", "1", "nope")}},
		{c("SREM", "a", "nope"), nil},
		{sadd("b", intRange(0, 200)...), [][]string{sadd("b", intRange(0, 200)...)}},
		{c("SPOP", "missing"), nil},
		{c("SMOVE", "a", "c", "2"), [][]string{rec("SMOVE", "a", "c", "2")}},
		{c("SMOVE", "a", "c", "nope"), nil},
		{c("SINTERSTORE", "d", "a", "b"), [][]string{rec("SINTERSTORE", "d", "a", "b")}},
		{c("SUNIONSTORE", "e", "a", "b"), [][]string{rec("SUNIONSTORE", "e", "a", "b")}},
		{c("SDIFFSTORE", "f", "b", "a"), [][]string{rec("SDIFFSTORE", "f", "b", "a")}},
		{c("SDIFFSTORE", "none", "missing", "a"), nil},
		{c("SADD", "g", "only"), [][]string{rec("SADD", "g", "only")}},
		{c("SPOP", "g"), [][]string{rec("DEL", "g")}},
		{c("SADD", "h", "k"), [][]string{rec("SADD", "h", "k")}},
		{c("SPOP", "h", "5"), [][]string{rec("DEL", "h")}},
		{c("EXPIRE", "b", "1000"), [][]string{rec("PEXPIREAT", "b", "")}},
		{c("SREM", "c", "2"), [][]string{rec("DEL", "c")}},
	}
	var want [][]string
	for _, step := range script {
		before := len(readRecords(t, dir))
		if r := cl.do(step.cmd...); r[0] == '-' {
			t.Fatalf("%q: %q", step.cmd, r)
		}
		got := readRecords(t, dir)[before:]
		if len(got) > 0 && got[0][0] == "SELECT" {
			got = got[1:]
		}
		if len(got) == len(step.want) && len(got) == 1 && got[0][0] == "PEXPIREAT" {
			step.want[0][2] = got[0][2] // the time is the server's
		}
		if !reflect.DeepEqual(got, step.want) && !(len(got) == 0 && step.want == nil) {
			t.Fatalf("%q logged %q, want %q", step.cmd, got, step.want)
		}
		want = append(want, step.want...)
	}

	// SPOP with a count below the size: one SREM per 64 members popped.
	popped := cl.do("SPOP", "b", "70")
	_, members := replyElems(t, popped)
	recs := readRecords(t, dir)
	last := recs[len(recs)-2:]
	if len(members) != 70 || !reflect.DeepEqual(last[0], append(rec("SREM", "b"), members[:64]...)) ||
		!reflect.DeepEqual(last[1], append(rec("SREM", "b"), members[64:]...)) {
		t.Fatalf("SPOP b 70 answered %d members and logged %q", len(members), last)
	}
	state := setState(t, cl)
	stopServer(t, srv)

	srv = startServer(t, withAOF(dir, "always"), func(c *Config) { c.AutoAOFRewritePercentage = 0 })
	cl = dialServer(t, srv)
	if got := setState(t, cl); !reflect.DeepEqual(got, state) {
		t.Fatalf("after replay:\n got %v\nwant %v", got, state)
	}

	if r := cl.do("BGREWRITEAOF"); !strings.HasPrefix(r, "+") {
		t.Fatalf("BGREWRITEAOF: %q", r)
	}
	waitRewrites(t, srv, 1)
	sadds := 0
	for _, r := range readRecords(t, dir) {
		if r[0] == "SADD" {
			sadds++
			if len(r) > 2+rewriteItemsPerOp {
				t.Fatalf("rewrite wrote SADD of %d members", len(r)-2)
			}
		}
	}
	if sadds < 3 {
		t.Fatalf("rewrite wrote %d SADD records, want at least b's two batches and more", sadds)
	}
	stopServer(t, srv)
	srv = startServer(t, withAOF(dir, "always"))
	if got := setState(t, dialServer(t, srv)); !reflect.DeepEqual(got, state) {
		t.Fatalf("after the rewrite's replay:\n got %v\nwant %v", got, state)
	}
}

// TestSetTextProtocol checks the semicolon protocol's view of sets: GET
// prints a Python set that ast.literal_eval reads back (when python3 is
// installed), GETLIST refuses a set, DELETE deletes one, and the other
// commands answer the wrong-kind errors.
func TestSetTextProtocol(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	cl.do("SADD", "n", "3", "-1", "2")
	cl.do("SADD", "s", "b", "it's", `say "hi"`, "back\\slash")
	tests := []struct{ req, want string }{
		{"GET;n", "True;{'-1', '2', '3'}"},
		{"GETLIST;n", "False;ERROR: Key [n] contains non-list value ([{'-1', '2', '3'}])"},
		{"APPEND;n;x", "False;ERROR: Key [n] contains non-list value ([{'-1', '2', '3'}])"},
		{"INCREMENT;n", "False;ERROR: Key [n] contains non-int value ([{'-1', '2', '3'}])"},
		{"DELETE;n", "True;Key [n] deleted"},
		{"GET;n", "False;ERROR: Key [n] not found"},
		{"GET;s", `True;{'b', "it's", 'say "hi"', 'back\\slash'}`},
	}
	for _, tt := range tests {
		if got := cl.text(tt.req); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.req, got, tt.want)
		}
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: ast.literal_eval not checked")
	}
	text := strings.TrimPrefix(cl.text("GET;s"), "True;")
	out, err := exec.Command(py, "-c", "import ast,sys; print(sorted(ast.literal_eval(sys.argv[1])))", text).CombinedOutput()
	if want := `['b', 'back\\slash', "it's", 'say "hi"']` + "\n"; err != nil || string(out) != want {
		t.Errorf("ast.literal_eval(%s): %s %v, want %s", text, out, err, want)
	}
}

// TestDiffSetWatch runs WATCH scripts with two connections on Redis and
// nosql: a set write that changes nothing (SADD of a member, SREM of a
// non-member, SMOVE into a set that has the member) leaves a WATCHing
// transaction to run; one that changes the set fails it.
func TestDiffSetWatch(t *testing.T) {
	scripts := map[string][]step{
		"unchanged": {{0, sadd("w", "a", "b")}, {0, sadd("d", "a")}, {0, c("WATCH", "w", "d")}, {1, sadd("w", "a")},
			{1, c("SREM", "w", "zz")}, {1, sadd("src", "a")}, {1, c("SMOVE", "src", "d", "a")}, {1, c("SPOP", "w", "0")},
			{0, c("MULTI")}, {0, c("SCARD", "w")}, {0, c("EXEC")}},
		"sadd":  {{0, sadd("w", "a")}, {0, c("WATCH", "w")}, {1, sadd("w", "b")}, {0, c("MULTI")}, {0, c("SCARD", "w")}, {0, c("EXEC")}},
		"srem":  {{0, sadd("w", "a", "b")}, {0, c("WATCH", "w")}, {1, c("SREM", "w", "b")}, {0, c("MULTI")}, {0, c("SCARD", "w")}, {0, c("EXEC")}},
		"spop":  {{0, sadd("w", "a")}, {0, c("WATCH", "w")}, {1, c("SPOP", "w")}, {0, c("MULTI")}, {0, c("SCARD", "w")}, {0, c("EXEC")}},
		"smove": {{0, sadd("w", "a")}, {0, c("WATCH", "w")}, {1, sadd("src", "b")}, {1, c("SMOVE", "src", "w", "b")}, {0, c("MULTI")}, {0, c("EXEC")}},
		"store": {{0, sadd("w", "a")}, {0, c("WATCH", "w")}, {1, c("SINTERSTORE", "w", "missing")}, {0, c("MULTI")}, {0, c("EXEC")}},
		"sadd-in-multi": {{0, c("WATCH", "w")}, {0, c("MULTI")}, {0, sadd("w", "1", "2")}, {0, c("SMEMBERS", "w")}, {0, c("SPOP", "w", "9")},
			{0, c("EXEC")}, {1, c("EXISTS", "w")}},
	}
	raddr := startRedis(t)
	srv := startServer(t)
	for name, script := range scripts {
		t.Run(name, func(t *testing.T) {
			r := []*tclient{dial(t, raddr), dial(t, raddr)}
			n := []*tclient{dialServer(t, srv), dialServer(t, srv)}
			r[0].do("FLUSHALL")
			n[0].do("FLUSHALL")
			for i, s := range script {
				if want, got := r[s.conn].do(s.cmd...), n[s.conn].do(s.cmd...); want != got {
					t.Errorf("step %d %q: redis %q, nosql %q", i, s.cmd, want, got)
				}
			}
		})
	}
}

// TestSRandMemberOutputLimit asks for a trillion members of a set: the
// output limit closes the connection, the drawing stops there, and the
// server goes on serving.
func TestSRandMemberOutputLimit(t *testing.T) {
	srv := startServer(t)
	admin := dialServer(t, srv)
	admin.do("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0 0")
	admin.do("SADD", "k", "a", "b", "c")
	cl := dialServer(t, srv)
	cl.send(encodeCommand("SRANDMEMBER", "k", "-1000000000000"))
	cl.nc.SetReadDeadline(time.Now().Add(time.Minute))
	read := 0
	for {
		line, err := cl.rd.ReadString('\n')
		read += len(line)
		if err != nil {
			break
		}
	}
	if read > 64<<20 {
		t.Errorf("read %d bytes before the connection closed", read)
	}
	if r := admin.do("SCARD", "k"); r != ":3\r\n" {
		t.Fatalf("SCARD after: %q", r)
	}
}

// TestSetAllocs checks the allocation budget of the hot paths: SADD of a
// new key of small integers allocates the key and the intset only, with
// or without the log; reads, and SADD of a member, allocate nothing.
func TestSetAllocs(t *testing.T) {
	for _, journal := range []bool{false, true} {
		t.Run(fmt.Sprintf("journal=%v", journal), func(t *testing.T) {
			var j *Journal
			if journal {
				j = &Journal{buf: make([]byte, 0, 1<<20)}
			}
			srv := &Server{store: NewStore(DefaultDatabases), stats: newStats(0)}
			if j != nil {
				srv.aofp.Store(&aof{journal: j})
			}
			c := newClient(srv, nil, nil)
			c.out = make([]byte, 0, 1<<16)
			members := bs("3", "1", "4", "15", "9", "2", "6", "5", "35", "8")
			cmds := make([][][]byte, 2000)
			cmdSAdd(c, bs("sadd", "keep", "1")) // the table stays, as it would in use
			// every key in keep's shard: one table grows, by doubling, as
			// a keyspace in use does (keys spread over every shard would
			// start 256 tables from nothing, allocations that passed one
			// per SADD in some runs, by the shards the seed chose)
			for i, n := 0, 0; n < len(cmds); i++ {
				if k := fmt.Sprint("set:", i); srv.store.shardIndex([]byte(k)) == srv.store.shardIndex([]byte("keep")) {
					cmds[n] = append(bs("sadd", k), members...)
					n++
				}
			}
			for i := range cmds {
				cmdSAdd(c, cmds[i]) // grow the keyspace's maps, then empty them
				cmdDel(c, cmds[i][:2])
			}
			resetJournal(j)
			i := 0
			sadd := testing.AllocsPerRun(len(cmds)-1, func() {
				c.out = c.out[:0]
				cmdSAdd(c, cmds[i])
				i++
				resetJournal(j)
			})
			if sadd != 1 {
				t.Errorf("SADD of a new key: %v allocations, want 1 (the intset; the key is packed in the table)", sadd)
			}
			key := cmds[0][1]
			sismember, scard, smembers := bs("sismember", string(key), "15"), bs("scard", string(key)), bs("smembers", string(key))
			again := bs("sadd", string(key), "35")
			reads := testing.AllocsPerRun(100, func() {
				c.out = c.out[:0]
				cmdSIsMember(c, sismember)
				cmdSCard(c, scard)
				cmdSMembers(c, smembers)
				cmdSAdd(c, again)
			})
			if reads != 0 {
				t.Errorf("SISMEMBER, SCARD, SMEMBERS and SADD of a member: %v allocations, want 0", reads)
			}
		})
	}
}
