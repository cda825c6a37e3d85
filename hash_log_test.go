// hash_log_test.go tests hashes in the append-only file: the records each
// write logs, the replay of the file, and the rewrite's batches.
package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// hashLogSteps are hash commands with the records each must log (none
// for a command that changes nothing or fails).
func hashLogSteps() []struct {
	cmd  []string
	want [][]string
} {
	big := append([]string{"HSET", "big"}, fieldPairs(600)...)
	return []struct {
		cmd  []string
		want [][]string
	}{
		{c("HSET", "h", "a", "1", "b", "2"), [][]string{rec("HSET", "h", "a", "1", "b", "2")}},
		{c("HMSET", "h", "c", "3"), [][]string{rec("HSET", "h", "c", "3")}},
		{c("HSETNX", "h", "a", "9"), nil},
		{c("HSETNX", "h", "d", "4"), [][]string{rec("HSET", "h", "d", "4")}},
		{c("HDEL", "h", "x"), nil},
		{c("HDEL", "h", "a", "x"), [][]string{rec("HDEL", "h", "a", "x")}},
		{c("HINCRBY", "h", "n", "5"), [][]string{rec("HSET", "h", "n", "5")}},
		{c("HINCRBY", "h", "d", "-10"), [][]string{rec("HSET", "h", "d", "-6")}},
		{c("HINCRBY", "h", "n", "x"), nil},
		{c("HINCRBYFLOAT", "h", "f", "1.5"), [][]string{rec("HSET", "h", "f", "1.5")}},
		{c("HINCRBYFLOAT", "h", "f", "0.1"), [][]string{rec("HSET", "h", "f", "1.6")}},
		{c("HINCRBYFLOAT", "h", "c", "inf"), nil},
		{c("HSET", "e", "x", "1"), [][]string{rec("HSET", "e", "x", "1")}},
		{c("HDEL", "e", "x", "y"), [][]string{rec("DEL", "e")}},
		{c("HGET", "h", "b"), nil},
		{c("HRANDFIELD", "h", "-5", "WITHVALUES"), nil},
		{c("SET", "s", "v"), [][]string{rec("SET", "s", "v")}},
		{c("HSET", "s", "a", "1"), nil},
		{big, [][]string{big}},
		{c("HDEL", "big", "f:0"), [][]string{rec("HDEL", "big", "f:0")}},
	}
}

// hashLogQueries are read commands whose replies must survive a restart.
var hashLogQueries = [][]string{
	c("HGETALL", "h"), c("OBJECT", "ENCODING", "h"), c("HGETALL", "big"), c("HLEN", "big"), c("OBJECT", "ENCODING", "big"),
	c("EXISTS", "e"), c("TYPE", "s"), c("PEXPIRETIME", "h"), c("SELECT", "1"), c("HGETALL", "h1"), c("SELECT", "0"),
}

// hashLogReplies runs hashLogQueries (HGETALL of a hashtable compared
// sorted).
func hashLogReplies(t *testing.T, srv *Server) []string {
	cl := dialServer(t, srv)
	out := make([]string, len(hashLogQueries))
	for i, q := range hashLogQueries {
		out[i] = cl.do(q...)
		if q[0] == "HGETALL" {
			out[i] = sortedReply(out[i])
		}
	}
	return out
}

// TestHashLog checks the records hash writes log (one per effect; the
// increments as HSET of their result; an emptied hash as DEL; nothing for
// a write that changes nothing or fails), that the file replays to the
// same hashes (encodings and expiry included), and that a rewrite writes
// hashes back as HSET records of at most 64 pairs that load the same.
func TestHashLog(t *testing.T) {
	dir := t.TempDir()
	cfg := []func(*Config){withAOF(dir, "always"), func(c *Config) { c.AutoAOFRewritePercentage = 0 }}
	srv := startServer(t, cfg...)
	cl := dialServer(t, srv)
	for _, step := range hashLogSteps() {
		before := len(readRecords(t, dir))
		cl.do(step.cmd...)
		got := slices.DeleteFunc(readRecords(t, dir)[before:], func(r []string) bool { return r[0] == "SELECT" })
		if fmt.Sprint(got) != fmt.Sprint(step.want) {
			t.Fatalf("%.60q logged %.200q, want %.200q", step.cmd, got, step.want)
		}
	}
	cl.do("PEXPIREAT", "h", "99999999999999")
	cl.do("SELECT", "1")
	cl.do("HSET", "h1", "x", "y")
	want := hashLogReplies(t, srv)
	if want[4] != "$9\r\nhashtable\r\n" || want[1] != "$8\r\nlistpack\r\n" {
		t.Fatalf("encodings before the restart: %q %q", want[1], want[4])
	}
	stopServer(t, srv)

	srv = startServer(t, cfg...)
	if got := hashLogReplies(t, srv); !slices.Equal(got, want) {
		t.Fatalf("after replay:\n got %.300q\nwant %.300q", got, want)
	}
	dialServer(t, srv).do("BGREWRITEAOF")
	waitRewrites(t, srv, 1)
	stopServer(t, srv)
	bigRecords := 0
	for _, r := range readRecords(t, dir) {
		if r[0] == "HSET" && len(r) > 2+2*rewriteItemsPerOp {
			t.Fatalf("a rewritten HSET of %d arguments", len(r))
		}
		if r[0] == "HSET" && r[1] == "big" {
			bigRecords++
		}
		if r[0] == "HDEL" || r[0] == "DEL" {
			t.Fatalf("the rewrite wrote %.60q", r)
		}
	}
	if bigRecords != (599+rewriteItemsPerOp-1)/rewriteItemsPerOp {
		t.Fatalf("599 fields rewritten in %d HSET records", bigRecords)
	}
	srv = startServer(t, cfg...)
	if got := hashLogReplies(t, srv); !slices.Equal(got, want) {
		t.Fatalf("after the rewrite:\n got %.300q\nwant %.300q", got, want)
	}
	if r := dialServer(t, srv).do("HGET", "big", "f:599"); !strings.Contains(r, "v:599") {
		t.Fatalf("HGET after the rewrite: %q", r)
	}
}
