// store_bits_test.go tests what the bit writes and INCRBYFLOAT log, that
// replaying the append-only file rebuilds what they wrote, and the bound
// on LCS's table.
package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestBitWritesLog(t *testing.T) {
	tests := []struct {
		name string
		cmds [][]string
		want [][]string
	}{
		{"setbit", [][]string{c("SETBIT", "k", "7", "1"), c("SETBIT", "k", "7", "1"), c("SETBIT", "k", "3", "0"), c("SETBIT", "k", "100", "0"), c("SETBIT", "k", "-1", "1")},
			[][]string{rec("SETBIT", "k", "7", "1"), rec("SETBIT", "k", "100", "0")}}, // unchanged bits are not logged
		{"bitfield", [][]string{c("BITFIELD", "k", "SET", "u8", "0", "255", "GET", "u8", "0"), c("BITFIELD", "k", "GET", "u8", "0"),
			c("BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "1"), c("BITFIELD", "k", "SET", "i8", "#2", "-1", "overflow", "sat", "incrby", "u2", "0", "1"),
			c("BITFIELD", "n", "OVERFLOW", "FAIL", "SET", "u2", "0", "5"), c("BITFIELD_RO", "k", "GET", "u8", "0")},
			[][]string{rec("BITFIELD", "k", "OVERFLOW", "WRAP", "SET", "u8", "0", "255"),
				rec("BITFIELD", "k", "OVERFLOW", "WRAP", "SET", "i8", "16", "-1", "OVERFLOW", "SAT", "INCRBY", "u2", "0", "1"),
				rec("BITFIELD", "n", "OVERFLOW", "FAIL", "SET", "u2", "0", "5")}}, // a failed write still creates the key
		{"bitop", [][]string{c("SET", "a", "ab"), c("SET", "b", "c"), c("BITOP", "and", "d", "a", "b"), c("BITOP", "OR", "d", "n1", "n2"), c("BITOP", "OR", "d", "n1", "n2"),
			c("RPUSH", "l", "x"), c("BITOP", "NOT", "d", "l")},
			[][]string{rec("SET", "a", "ab"), rec("SET", "b", "c"), rec("BITOP", "AND", "d", "a", "b"), rec("DEL", "d"), rec("RPUSH", "l", "x")}},
		{"incrbyfloat", [][]string{c("INCRBYFLOAT", "f", "1.5"), c("INCRBYFLOAT", "f", "0.1"), c("INCRBYFLOAT", "f", "x"), c("INCRBYFLOAT", "f", "inf")},
			[][]string{rec("SET", "f", "1.5", "KEEPTTL"), rec("SET", "f", "1.6", "KEEPTTL")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			srv := startServer(t, withAOF(dir, "always"))
			cl := dialServer(t, srv)
			for _, cmd := range tt.cmds {
				cl.do(cmd...)
			}
			before := dumpStore(srv.store)
			stopServer(t, srv)
			if got := readRecords(t, dir); !reflect.DeepEqual(got, withSelect(tt.want)) {
				t.Fatalf("records:\n got %q\nwant %q", got, withSelect(tt.want))
			}
			after := mustLoad(t, dir, withAOF(dir, "everysec"))
			if d := diffDumps(dumpStore(after.store), before); d != "" {
				t.Fatalf("after replay: %s", d)
			}
		})
	}
}

// TestLCSTableBound checks that LCS refuses a table past 512 MiB even
// when proto-max-bulk-len would allow it (Redis would try to allocate it),
// LEN included, whose time grows with the table's size.
func TestLCSTableBound(t *testing.T) {
	srv := startServer(t)
	cl := dialServer(t, srv)
	a, b := strings.Repeat("a", 12000), strings.Repeat("a", 12000) // a 549 MiB table
	for _, step := range []struct {
		cmd  []string
		want string
	}{
		{c("CONFIG", "SET", "proto-max-bulk-len", "1gb"), "+OK\r\n"},
		{c("MSET", "a", a, "b", b), "+OK\r\n"},
		{c("LCS", "a", "b", "IDX"), "-ERR Insufficient memory, failed allocating transient memory for LCS\r\n"},
		{c("LCS", "a", "b"), "-ERR Insufficient memory, failed allocating transient memory for LCS\r\n"},
		{c("LCS", "a", "b", "LEN"), "-ERR Insufficient memory, failed allocating transient memory for LCS\r\n"},
		{c("CONFIG", "SET", "proto-max-bulk-len", "512mb"), "+OK\r\n"},
		{c("LCS", "a", "b", "LEN"), "-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len\r\n"},
	} {
		if got := cl.do(step.cmd...); got != step.want {
			t.Errorf("%.3q: got %q, want %q", step.cmd, got, step.want)
		}
	}
}
