// diff_rawstring_test.go compares with Redis the encoding of strings
// written in place: APPEND, SETRANGE, SETBIT, BITFIELD and BITOP make a
// string raw (APPEND to a missing key excepted), reads leave it so, and a
// whole write (SET, INCR, INCRBYFLOAT) makes it int or embstr again.
package main

import (
	"strings"
	"testing"
)

// TestDiffRawEncoding runs the encoding cases against Redis and nosql.
func TestDiffRawEncoding(t *testing.T) {
	enc := func(k string) []string { return c("OBJECT", "ENCODING", k) }
	long := strings.Repeat("L", 50)
	big := strings.Repeat("B", bigString+10)
	runDiff(t, []diffCase{
		{name: "append-int", cmds: [][]string{c("SET", "k", "12"), enc("k"), c("APPEND", "k", "3"), enc("k"), c("GET", "k"),
			c("INCR", "k"), enc("k"), c("APPEND", "k", ""), enc("k"), c("SET", "k", "5"), enc("k")}},
		{name: "append-embstr", cmds: [][]string{c("SET", "k", "hello"), enc("k"), c("APPEND", "k", " world"), enc("k"),
			c("STRLEN", "k"), c("GETRANGE", "k", "3", "7"), enc("k"), c("SET", "k", "hello"), enc("k")}},
		{name: "append-missing", cmds: [][]string{c("APPEND", "a", "hi"), enc("a"), c("APPEND", "b", "123"), enc("b"),
			c("APPEND", "c", long), enc("c"), c("APPEND", "c", "x"), enc("c"), c("APPEND", "d", ""), enc("d"), c("GET", "d")}},
		{name: "setrange", cmds: [][]string{c("SETRANGE", "a", "3", "x"), enc("a"), c("GET", "a"),
			c("SET", "b", "5"), c("SETRANGE", "b", "0", ""), enc("b"), c("SETRANGE", "b", "0", "9"), enc("b"), c("INCR", "b"), enc("b"),
			c("SETRANGE", "c", "0", ""), c("EXISTS", "c")}},
		{name: "setbit", cmds: [][]string{c("SETBIT", "a", "9", "1"), enc("a"), c("GET", "a"),
			c("SET", "b", "hi"), c("SETBIT", "b", "1", "1"), enc("b"), c("GET", "b"), c("SET", "b", "hi"), enc("b"),
			c("SET", "n", "7"), c("GETBIT", "n", "2"), c("BITCOUNT", "n"), c("BITPOS", "n", "1"), enc("n")}},
		{name: "bitfield", cmds: [][]string{c("SET", "a", "7"), c("BITFIELD", "a", "GET", "u8", "0"), enc("a"), c("BITFIELD_RO", "a", "GET", "u4", "0"), enc("a"),
			c("BITFIELD", "a", "SET", "u8", "0", "55"), enc("a"), c("GET", "a"),
			c("SET", "b", "3"), c("BITFIELD", "b", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "5"), enc("b"), c("GET", "b")}},
		{name: "bitop", cmds: [][]string{c("SET", "a", "abc"), c("BITOP", "OR", "d", "a"), enc("d"), c("GET", "d"), enc("a"),
			c("BITOP", "NOT", "a", "a"), enc("a"), c("GET", "a")}},
		{name: "keys-keep-raw", cmds: [][]string{c("SET", "a", "abc"), c("APPEND", "a", "d"),
			c("COPY", "a", "b"), enc("b"), c("GET", "b"), c("APPEND", "b", "e"), c("GET", "a"), c("GET", "b"),
			c("RENAME", "a", "r"), enc("r"), c("MOVE", "r", "1"), c("SELECT", "1"), enc("r"), c("GET", "r"), c("SELECT", "0"),
			c("TYPE", "b"), c("SCAN", "0", "TYPE", "string"), c("GETDEL", "b"), c("EXISTS", "b")}},
		{name: "whole-writes", cmds: [][]string{c("SET", "a", "10"), c("APPEND", "a", "1"), c("INCRBYFLOAT", "a", "1.5"), enc("a"), c("GET", "a"),
			c("APPEND", "a", "0"), c("GETSET", "a", "x"), enc("a"), c("APPEND", "a", "y"), c("SET", "a", "z", "GET"), enc("a"),
			c("APPEND", "a", "y"), c("GETEX", "a", "PX", "100000"), enc("a"), c("MGET", "a", "a"), c("LCS", "a", "a"),
			c("APPEND", "a", "q"), c("SET", "a", long), enc("a"), c("SET", "a", "42", "KEEPTTL"), enc("a")}},
		{name: "long", cmds: [][]string{c("SET", "a", big), enc("a"), c("SETRANGE", "a", "5", "xyz"), enc("a"), c("GETRANGE", "a", "0", "9"),
			c("APPEND", "a", "tail"), c("STRLEN", "a"), c("GETRANGE", "a", "-6", "-1"), c("BITCOUNT", "a"), c("SET", "a", "1"), enc("a")}},
		{name: "writes-keep-ttl", cmds: [][]string{c("SET", "a", "v", "EX", "1000"), c("APPEND", "a", "x"), c("TTL", "a"),
			c("SETRANGE", "a", "0", "y"), c("SETBIT", "a", "1", "1"), c("BITFIELD", "a", "SET", "u8", "8", "1"), c("TTL", "a"), c("GET", "a"),
			c("SET", "b", big, "EX", "1000"), c("SETRANGE", "b", "1", "z"), c("TTL", "b"), c("SET", "b", "1"), c("TTL", "b")}},
		{name: "wrongtype", cmds: [][]string{c("RPUSH", "l", "a"), c("APPEND", "l", "x"), c("SETRANGE", "l", "0", "x"),
			c("SETBIT", "l", "0", "1"), c("BITFIELD", "l", "SET", "u8", "0", "1"), enc("l"), c("SET", "s", "v"), c("APPEND", "s", "w"), c("LPUSH", "s", "x")}},
	})
}
