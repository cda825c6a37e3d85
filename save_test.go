// save_test.go checks SAVE, which compacts the append-only file (nosql
// takes no RDB snapshots).
package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSave checks SAVE: it compacts the append-only file and answers once
// the compacted file is in place; without the file it says why not.
func TestSave(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, withAOF(dir, "always"))
	c := dialServer(t, srv)
	for range 50 {
		c.do("INCR", "n")
	}
	path := filepath.Join(dir, "appendonly.aof")
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.do("SAVE"); got != "+OK\r\n" {
		t.Fatalf("SAVE = %q", got)
	}
	info := c.do("INFO", "persistence")
	if !strings.Contains(info, "aof_rewrite_in_progress:0") || !strings.Contains(info, "aof_rewrites:1") {
		t.Fatalf("after SAVE the rewrite is not done:\n%s", info)
	}
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if after.Size() >= before.Size() {
		t.Fatalf("SAVE left the file at %d bytes (was %d)", after.Size(), before.Size())
	}

	off := dialServer(t, startServer(t))
	if got := off.do("SAVE"); !strings.HasPrefix(got, "-ERR nosql saves to the append-only file, and appendonly is off") {
		t.Fatalf("SAVE without the file = %q", got)
	}
}
