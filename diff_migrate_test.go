// diff_migrate_test.go compares MIGRATE run on nosql with MIGRATE run on
// Redis, each sending to the same target, a nosql server or a Redis one:
// the replies, what the target then holds, and the connections kept.
package main

import (
	"net"
	"strconv"
	"strings"
	"testing"
)

// migrateTargets are the servers a MIGRATE test sends to: one without a
// password, one with password "pw".
type migrateTargets struct {
	kind        string
	open, authd string // addresses
}

func TestDiffMigrate(t *testing.T) {
	rsrc, nsrc := startRedis(t), startServer(t).Addr().String()
	targets := []migrateTargets{
		{"redis", startRedis(t), startRedis(t, "--requirepass", "pw")},
		{"nosql", startServer(t).Addr().String(), startServer(t, func(c *Config) { c.RequirePass = "pw" }).Addr().String()},
	}
	refused := closedPort(t)
	silent := fakeServer(t, "") // reads and never answers
	for _, tg := range targets {
		eachResp(t, []migrateTargets{tg}, func(m migrateTargets) string { return "to-" + m.kind }, func(t *testing.T, tg migrateTargets, resp3 bool) {
			var replies [2][]string
			for i, src := range []string{rsrc, nsrc} {
				replies[i] = runMigrateScript(t, src, tg, refused, silent, resp3)
			}
			for i := range replies[0] {
				if replies[0][i] != replies[1][i] {
					t.Errorf("step %d:\n from redis: %q\n from nosql: %q", i, replies[0][i], replies[1][i])
				}
			}
		})
	}
}

// runMigrateScript fills the source at src, migrates its keys to the
// targets of tg (flushed first) and returns every reply: the source's,
// then what the target holds.
func runMigrateScript(t *testing.T, src string, tg migrateTargets, refused, silent string, resp3 bool) []string {
	s, o, a := dial(t, src), dial(t, tg.open), dial(t, tg.authd)
	a.do("AUTH", "pw")
	for _, cl := range []*tclient{s, o, a} {
		if resp3 {
			cl.do("HELLO", "3")
		}
		cl.do("FLUSHALL")
	}
	oh, op, _ := net.SplitHostPort(tg.open)
	ah, ap, _ := net.SplitHostPort(tg.authd)
	rh, rp, _ := net.SplitHostPort(refused)
	rport, _ := strconv.Atoi(rp)
	sh, sp, _ := net.SplitHostPort(silent)
	steps := [][]string{
		{"SET", "a", "1"}, {"RPUSH", "l", "x", "y"}, {"HSET", "h", "f", "v"}, {"SET", "t", "v", "PX", "100000"}, {"SET", "z", "5"}, {"SADD", "s", "1", "2"},
		{"MIGRATE", oh, op, "a", "0", "1000"}, {"EXISTS", "a"}, {"MIGRATE", oh, op, "a", "0", "1000"},
		{"MIGRATE", oh, op, "", "3", "1000", "KEYS", "l", "h", "t", "nosuch"}, {"EXISTS", "l", "h", "t"},
		{"MIGRATE", oh, op, "k", "0", "1000", "KEYS", "a"}, {"MIGRATE", oh, op, "z", "0", "abc"}, {"MIGRATE", oh, op, "z", "x", "100"},
		{"MIGRATE", oh, op, "z", "0", "1000", "foo"}, {"MIGRATE", oh, op, "z", "0", "1000", "AUTH"}, {"MIGRATE", oh, op, "z", "0", "1000", "AUTH2", "u"},
		{"SET", "a", "2"}, {"MIGRATE", oh, op, "a", "0", "1000"}, {"EXISTS", "a"}, {"MIGRATE", oh, op, "a", "0", "1000", "COPY", "REPLACE"}, {"GET", "a"},
		{"MIGRATE", oh, op, "", "0", "0", "copy", "KEYS", "a", "z"}, {"MIGRATE", oh, op, "", "0", "1000", "KEYS", "a", "z", "s"}, {"EXISTS", "a", "z", "s"},
		{"SET", "p", "1"}, {"MIGRATE", ah, ap, "p", "0", "1000"}, {"MIGRATE", ah, ap, "p", "0", "1000", "AUTH", "bad"},
		{"MIGRATE", ah, ap, "p", "0", "1000", "AUTH", "pw", "COPY"}, {"MIGRATE", ah, ap, "p", "0", "1000", "AUTH2", "default", "pw", "REPLACE"}, {"EXISTS", "p"},
		{"SET", "q", "1"}, {"MIGRATE", rh, rp, "q", "0", "1000"}, {"MIGRATE", sh, sp, "q", "0", "200"}, {"EXISTS", "q"},
		{"MIGRATE", rh, "abc", "q", "0", "1000"}, {"MIGRATE", rh, "-1", "q", "0", "1000"}, {"MIGRATE", rh, strconv.Itoa(65536 + rport), "q", "0", "1000"},
		{"MIGRATE", oh, " +" + op, "q", "0", "1000", "COPY"}, {"MIGRATE", oh, op, "q", "0", "9223372036854775807", "COPY", "REPLACE"},
	}
	var out []string
	for _, st := range steps {
		out = append(out, s.do(st...))
	}
	for _, cmd := range [][]string{{"GET", "a"}, {"GET", "z"}, {"SMEMBERS", "s"}, {"DBSIZE"}, {"SELECT", "3"}, {"LRANGE", "l", "0", "-1"}, {"HGETALL", "h"}, {"GET", "t"}, {"DBSIZE"}} {
		out = append(out, o.do(cmd...))
	}
	if pttl := decodeTree(t, o.do("PTTL", "t")).(int64); pttl < 90000 || pttl > 100000 {
		t.Errorf("the target's t lives %d ms", pttl)
	}
	out = append(out, a.do("GET", "p"))
	for _, l := range strings.Split(s.do("INFO", "stats"), "\r\n") { // a verbatim string in RESP3
		if strings.HasPrefix(l, "migrate_cached_sockets:") {
			out = append(out, l)
		}
	}
	return out
}

// closedPort returns an address nothing listens on.
func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
