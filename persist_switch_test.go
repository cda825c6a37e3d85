// persist_switch_test.go tests CONFIG SET appendonly while the server runs:
// switched on, the file holds the keyspace as it was (all databases,
// expiry times) and every later write; switched off, later writes are not
// logged and the file is closed.
package main

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestAppendOnlySwitch(t *testing.T) {
	for _, policy := range []string{"always", "everysec"} {
		t.Run(policy, func(t *testing.T) {
			dir := t.TempDir()
			srv := startServer(t, func(c *Config) { c.Dir, c.AppendFsync = dir, policy })
			c := dialServer(t, srv)
			for i := 0; i < 1000; i++ {
				c.do("SET", fmt.Sprint("k", i), fmt.Sprint(i))
			}
			c.do("RPUSH", "l", "a", "b")
			c.do("SET", "t", "v", "EX", "1000")
			c.do("SELECT", "4")
			c.do("SET", "d4", "x")
			c.do("SELECT", "0")
			// writers run while the file is switched on: none may be lost
			var wg sync.WaitGroup
			for w := 0; w < 4; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					wc := dialServer(t, srv)
					for i := 0; i < 200; i++ {
						if got := wc.do("INCR", fmt.Sprint("w", w)); got != fmt.Sprintf(":%d\r\n", i+1) {
							t.Errorf("INCR w%d: %q", w, got)
							return
						}
					}
				}(w)
			}
			if got := c.do("CONFIG", "SET", "appendonly", "yes"); got != "+OK\r\n" {
				t.Fatalf("CONFIG SET appendonly yes: %q", got)
			}
			wg.Wait()
			if got := c.do("CONFIG", "GET", "appendonly"); got != "*2\r\n$10\r\nappendonly\r\n$3\r\nyes\r\n" {
				t.Errorf("CONFIG GET appendonly: %q", got)
			}
			c.do("SET", "after", "1")
			c.do("INCR", "k0")
			want := dumpStore(srv.store)
			if got := c.do("CONFIG", "SET", "appendonly", "no"); got != "+OK\r\n" {
				t.Fatalf("CONFIG SET appendonly no: %q", got)
			}
			c.do("SET", "unlogged", "1")
			if got := c.do("INFO", "persistence"); !containsLine(got, "aof_enabled:0") {
				t.Errorf("INFO after switching off: %q", got)
			}
			stopServer(t, srv)
			after := mustLoad(t, dir, withAOF(dir, policy))
			if d := diffDumps(dumpStore(after.store), want); d != "" {
				t.Fatalf("after restart: %s", d)
			}
		})
	}
}

// containsLine reports whether s has line as one of its CRLF lines.
func containsLine(s, line string) bool { return slices.Contains(strings.Split(s, "\r\n"), line) }
