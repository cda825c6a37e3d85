// keyspace_stats_test.go tests INFO's keyspace counters: hits and misses
// of read-only commands, and the per-database keyspace lines.
package main

import (
	"strings"
	"testing"
)

func TestKeyspaceHitsMisses(t *testing.T) {
	srv := startServer(t)
	c := dialServer(t, srv)
	for _, cmd := range [][]string{
		{"SET", "a", "1"}, {"GET", "a"}, {"GET", "b"}, {"MGET", "a", "b", "c"}, // 2 hits, 3 misses
		{"SET", "b", "2"}, {"DEL", "b"}, {"INCR", "a"}, // writes: not counted
	} {
		c.do(cmd...)
	}
	f := infoFields(strings.TrimPrefix(c.do("INFO", "stats"), "$"))
	if f["keyspace_hits"] != "2" || f["keyspace_misses"] != "3" {
		t.Errorf("keyspace_hits %q keyspace_misses %q, want 2 and 3", f["keyspace_hits"], f["keyspace_misses"])
	}
}

func TestInfoKeyspacePerDatabase(t *testing.T) {
	srv := startServer(t)
	c := dialServer(t, srv)
	c.do("SET", "a", "1")
	c.do("SET", "b", "1", "EX", "100")
	c.do("SELECT", "5")
	c.do("SET", "c", "1")
	info := c.do("INFO", "keyspace")
	for _, want := range []string{"db0:keys=2,expires=1,avg_ttl=", "db5:keys=1,expires=0,avg_ttl=0\r\n"} {
		if !strings.Contains(info, want) {
			t.Errorf("INFO keyspace lacks %q:\n%s", want, info)
		}
	}
	if strings.Contains(info, "db1:") {
		t.Errorf("INFO keyspace lists an empty database:\n%s", info)
	}
}
