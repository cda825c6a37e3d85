// aof_multi_test.go tests what issue 9 added to the append-only file: a
// transaction logged as MULTI ... EXEC and replayed, a file ending inside a
// transaction (none of it applied, the file truncated before MULTI), keys of
// several databases and their TTLs through restarts and BGREWRITEAOF, and
// semicolon requests in the database an inline SELECT chose.
package main

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestAOFTransaction(t *testing.T) {
	cases := []struct {
		name string
		cmds [][]string
		want [][]string // the records, after the first SELECT
	}{
		{"incr-two-keys", [][]string{{"MULTI"}, {"INCR", "a"}, {"INCR", "b"}, {"EXEC"}},
			[][]string{{"MULTI"}, {"SET", "a", "1", "KEEPTTL"}, {"SET", "b", "1", "KEEPTTL"}, {"EXEC"}}},
		{"writes-and-reads", [][]string{{"SET", "x", "0"}, {"MULTI"}, {"GET", "x"}, {"SET", "x", "1"}, {"RPUSH", "l", "a"}, {"DEL", "missing"}, {"EXEC"}},
			[][]string{{"SET", "x", "0"}, {"MULTI"}, {"SET", "x", "1"}, {"RPUSH", "l", "a"}, {"EXEC"}}},
		{"runtime-error-inside", [][]string{{"SET", "s", "x"}, {"MULTI"}, {"INCR", "s"}, {"SET", "t", "1"}, {"RPUSH", "s", "y"}, {"SET", "u", "2"}, {"EXEC"}},
			[][]string{{"SET", "s", "x"}, {"MULTI"}, {"SET", "t", "1"}, {"SET", "u", "2"}, {"EXEC"}}},
		{"read-only", [][]string{{"SET", "x", "0"}, {"MULTI"}, {"GET", "x"}, {"EXISTS", "x"}, {"EXEC"}},
			[][]string{{"SET", "x", "0"}}},
		{"discarded-and-aborted", [][]string{{"MULTI"}, {"SET", "a", "1"}, {"DISCARD"}, {"MULTI"}, {"SET", "b", "1"}, {"NOSUCH"}, {"EXEC"}, {"SET", "c", "1"}},
			[][]string{{"SET", "c", "1"}}},
		{"watch-failed", [][]string{{"WATCH", "a"}, {"SET", "a", "0"}, {"MULTI"}, {"SET", "a", "1"}, {"EXEC"}},
			[][]string{{"SET", "a", "0"}}},
		{"databases", [][]string{{"MULTI"}, {"SELECT", "2"}, {"SET", "k", "two"}, {"SELECT", "0"}, {"SET", "k", "zero"}, {"SWAPDB", "0", "5"}, {"EXEC"}, {"SET", "after", "1"}},
			[][]string{{"MULTI"}, {"SET", "k", "two"}, {"SELECT", "0"}, {"SET", "k", "zero"}, {"SWAPDB", "0", "5"}, {"EXEC"}, {"SET", "after", "1"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			srv := startServer(t, withAOF(dir, "always"))
			c := dialServer(t, srv)
			for _, cmd := range tc.cmds {
				c.do(cmd...)
			}
			before := dumpStore(srv.store)
			stopServer(t, srv)
			got := readRecords(t, dir)
			want := withSelect(tc.want)
			if tc.name == "databases" { // the transaction starts in database 2
				want = append([][]string{{"SELECT", "2"}}, tc.want...)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("records:\n got %q\nwant %q", got, want)
			}
			if d := diffDumps(dumpStore(mustLoad(t, dir).store), before); d != "" {
				t.Fatalf("after replay: %s", d)
			}
		})
	}
}

// TestAOFTornTransaction: a file cut anywhere inside a transaction, from
// just after MULTI to the middle of EXEC, loads with none of the
// transaction applied and is truncated to where MULTI began; what came
// before the transaction, and a whole transaction, load as they are.
func TestAOFTornTransaction(t *testing.T) {
	var file []byte
	for _, r := range [][]string{{"SELECT", "0"}, {"SET", "x", "1"}, {"MULTI"}, {"INCR", "x"}, {"SET", "y", "1"}, {"EXEC"}, {"SET", "z", "1"}} {
		file = appendCommand(file, r...)
	}
	whole := map[string]string{"x": `s:"2"`, "y": `s:"1"`, "z": `s:"1"`}
	multiStart := len(appendCommand(appendCommand(nil, "SELECT", "0"), "SET", "x", "1"))
	secondStart := multiStart
	for _, r := range [][]string{{"MULTI"}, {"INCR", "x"}, {"SET", "y", "1"}, {"EXEC"}} {
		secondStart += len(appendCommand(nil, r...))
	}
	// a second transaction, cut, after the whole one
	second := appendCommand(appendCommand(nil, "MULTI"), "INCR", "x")
	for _, tc := range []struct {
		name     string
		data     []byte
		want     map[string]string
		wantSize int
	}{
		{"before-multi", file[:multiStart], map[string]string{"x": `s:"1"`}, multiStart},
		{"whole", file, whole, len(file)},
		{"second-cut", append(append([]byte(nil), file...), second...), whole, len(file)},
		{"second-cut-mid-record", append(append([]byte(nil), file...), second[:len(second)-3]...), whole, len(file)},
	} {
		t.Run(tc.name, func(t *testing.T) { checkTornLoad(t, tc.data, tc.want, tc.wantSize) })
	}
	// every cut from the byte after MULTI's first to the byte before
	// EXEC's last
	for cut := multiStart + 1; cut < secondStart; cut++ {
		t.Run(fmt.Sprint("cut-", cut), func(t *testing.T) {
			checkTornLoad(t, file[:cut], map[string]string{"x": `s:"1"`}, multiStart)
		})
	}
}

// checkTornLoad loads data as a file and checks the store and the size
// the file is left with.
func checkTornLoad(t *testing.T, data []byte, want map[string]string, wantSize int) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(aofPath(dir), data, 0o644); err != nil {
		t.Fatal(err)
	}
	srv, err := loadDir(t, dir)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if d := diffDumps(dumpStore(srv.store), want); d != "" {
		t.Fatalf("after load: %s", d)
	}
	st, err := os.Stat(aofPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() != int64(wantSize) {
		t.Fatalf("file left at %d bytes, want %d", st.Size(), wantSize)
	}
}

// TestAOFDatabasesAndTTLs: keys of several databases, with and without
// TTLs, survive a restart and a rewrite with the same absolute expiry
// times; keys whose time passed while the server was down, or before the
// rewrite, are gone.
func TestAOFDatabasesAndTTLs(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, withAOF(dir, "always"))
	c := dialServer(t, srv)
	for _, cmd := range [][]string{
		{"SET", "plain", "v"}, {"SET", "ttl", "v", "EX", "1000"}, {"RPUSH", "list", "a", "b"}, {"PEXPIRE", "list", "500000"},
		{"SETEX", "setex", "1000", "v"}, {"SET", "kept", "1", "PX", "800000"}, {"INCR", "kept"}, {"SET", "persisted", "v", "EX", "10"}, {"PERSIST", "persisted"},
		{"SELECT", "5"}, {"SET", "k5", "v", "PXAT", "4102444800123"}, {"RPUSH", "l5", "x"}, {"EXPIREAT", "l5", "4102444900"}, {"GETEX", "k5", "PX", "900000"},
		{"SELECT", "15"}, {"SET", "k15", "v"}, {"COPY", "k15", "c15", "DB", "7"},
		{"SELECT", "3"}, {"SET", "short", "v", "PX", "600"}, {"SET", "k3", "v", "EX", "2000"}, {"MOVE", "k3", "4"},
	} {
		if r := c.do(cmd...); strings.HasPrefix(r, "-") {
			t.Fatalf("%q: %q", cmd, r)
		}
	}
	shortSet := time.Now()
	before := dumpStore(srv.store)
	if len(before) != 12 || !strings.Contains(before["3:short"], "px:") || !strings.Contains(before["4:k3"], "px:") || strings.Contains(before["persisted"], "px:") {
		t.Fatalf("store before restart: %q", before)
	}
	stopServer(t, srv)
	time.Sleep(time.Until(shortSet.Add(700 * time.Millisecond))) // 3:short expires while the server is down
	delete(before, "3:short")
	loaded := mustLoad(t, dir)
	if d := diffDumps(dumpStore(loaded.store), before); d != "" {
		t.Fatalf("after restart: %s", d)
	}
	stopServer(t, loaded)

	srv = startServer(t, withAOF(dir, "always"))
	c = dialServer(t, srv)
	c.do("SELECT", "9")
	c.do("SET", "soon", "v", "PX", "100")
	time.Sleep(200 * time.Millisecond) // 9:soon expires before the rewrite
	if r := c.do("BGREWRITEAOF"); r != "+Background append only file rewriting started\r\n" {
		t.Fatalf("BGREWRITEAOF: %q", r)
	}
	waitRewrites(t, srv, 1)
	stopServer(t, srv)
	recs := readRecords(t, dir)
	text := fmt.Sprint(recs)
	for _, want := range []string{"[SELECT 5]", "[SELECT 15]", "[PEXPIREAT k5 ", "[PEXPIREAT l5 4102444900000]", "[SET persisted v]"} {
		if !strings.Contains(text, want) {
			t.Errorf("the rewritten file has no %s: %q", want, recs)
		}
	}
	for _, gone := range []string{"short", "soon"} {
		if strings.Contains(text, gone) {
			t.Errorf("the rewritten file names %s, which expired: %q", gone, recs)
		}
	}
	if d := diffDumps(dumpStore(mustLoad(t, dir).store), before); d != "" {
		t.Fatalf("after the rewrite and a restart: %s", d)
	}
}

// TestTextSelectedDB: a semicolon request works in the database an inline
// SELECT chose, is logged there, and replays there.
func TestTextSelectedDB(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, withAOF(dir, "always"))
	c, r := dialServer(t, srv), dialServer(t, srv)
	c.send("SELECT 2\r\n")
	if got := c.reply(); got != "+OK\r\n" {
		t.Fatalf("inline SELECT 2: %q", got)
	}
	for _, step := range []struct{ req, want string }{
		{"PUT;k;v", "True;Key [k] set to [v]"},
		{"GET;k", "True;v"},
		{"PUT;n;1;INT", "True;Key [n] set to [1]"},
		{"INCREMENT;n", "True;Key [n] incremented"},
	} {
		if got := c.text(step.req); got != step.want {
			t.Fatalf("%s in db 2: %q, want %q", step.req, got, step.want)
		}
	}
	c.send("SELECT 16\r\n")
	if got := c.reply(); got != "-ERR DB index is out of range\r\n" {
		t.Fatalf("inline SELECT 16: %q", got)
	}
	if got := c.text("GET;k"); got != "True;v" {
		t.Fatalf("GET;k after a refused SELECT: %q", got)
	}
	if got := r.do("GET", "k"); got != "$-1\r\n" {
		t.Fatalf("GET k in db 0: %q", got)
	}
	r.do("SELECT", "2")
	if got := r.do("MGET", "k", "n"); got != "*2\r\n$1\r\nv\r\n$1\r\n2\r\n" {
		t.Fatalf("MGET k n in db 2: %q", got)
	}
	if got := r.text("GET;n"); got != "True;2" {
		t.Fatalf("GET;n after RESP SELECT 2: %q", got)
	}
	before := dumpStore(srv.store)
	stopServer(t, srv)
	if recs := readRecords(t, dir); len(recs) < 2 || !reflect.DeepEqual(recs[:2], [][]string{{"SELECT", "2"}, {"SET", "k", "v"}}) {
		t.Fatalf("records %q, want SELECT 2 and SET k v first", recs)
	}
	if d := diffDumps(dumpStore(mustLoad(t, dir).store), before); d != "" || before["2:k"] != `s:"v"` {
		t.Fatalf("after replay: %s (before: %q)", d, before)
	}
}
