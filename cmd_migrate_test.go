// cmd_migrate_test.go checks what the differential MIGRATE test cannot:
// that a key named many times is not copied into memory once per name.
package main

import (
	"net"
	"runtime"
	"strings"
	"testing"
)

// TestMigrateRepeatedKeyMemory migrates a 2 MB key named 100 times after
// KEYS: the RESTOREs are written as they are made, from one payload, so
// the command allocates a few payloads' worth, not 100.
func TestMigrateRepeatedKeyMemory(t *testing.T) {
	host, port, _ := net.SplitHostPort(startRedis(t))
	s := dialServer(t, startServer(t))
	s.do("SET", "big", strings.Repeat("v", 2<<20))
	args := []string{"MIGRATE", host, port, "", "0", "10000", "COPY", "REPLACE", "KEYS"}
	for range 100 {
		args = append(args, "big")
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if got := s.do(args...); got != "+OK\r\n" {
		t.Fatalf("MIGRATE: %q", got)
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 40<<20 {
		t.Errorf("MIGRATE of one 2 MB key named 100 times allocated %d MB", n>>20)
	}
}
