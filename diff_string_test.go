// diff_string_test.go compares the string commands with Redis. Until nosql
// has FLUSHALL, each case uses key names of its own so that cases stay
// independent.
package main

import (
	"strings"
	"testing"
)

// TestDiffStrings runs the string cases against Redis and nosql.
func TestDiffStrings(t *testing.T) {
	big := strings.Repeat("x", 1000)
	runDiff(t, []diffCase{
		// GET and SET
		{name: "get-missing", cmds: [][]string{c("GET", "s1"), c("GET", "")}},
		{name: "set-get", cmds: [][]string{c("SET", "s2", "v"), c("GET", "s2"), c("SET", "s2", "w"), c("GET", "s2")}},
		{name: "set-binary", cmds: [][]string{c("SET", "s3\x00\r\n", "a\x00b\r\nc\xff"), c("GET", "s3\x00\r\n"), c("STRLEN", "s3\x00\r\n")}},
		{name: "set-empty-value", cmds: [][]string{c("SET", "s4", ""), c("GET", "s4"), c("STRLEN", "s4"), c("EXISTS", "s4")}},
		{name: "set-big", cmds: [][]string{c("SET", "s5", big), c("GET", "s5"), c("STRLEN", "s5")}},
		{name: "set-nx", cmds: [][]string{c("SET", "s6", "1", "NX"), c("SET", "s6", "2", "nx"), c("GET", "s6"), c("SET", "s6", "3", "NX", "NX")}},
		{name: "set-xx", cmds: [][]string{c("SET", "s7", "1", "XX"), c("GET", "s7"), c("SET", "s7", "1"), c("SET", "s7", "2", "xX"), c("GET", "s7")}},
		{name: "set-get-opt", cmds: [][]string{c("SET", "s8", "1", "GET"), c("SET", "s8", "2", "GET"), c("GET", "s8"), c("SET", "s8", "3", "get", "GET")}},
		{name: "set-nx-get", cmds: [][]string{c("SET", "s9", "1", "NX", "GET"), c("SET", "s9", "2", "NX", "GET"), c("GET", "s9"), c("SET", "s9", "3", "GET", "NX")}},
		{name: "set-xx-get", cmds: [][]string{c("SET", "s10", "1", "XX", "GET"), c("EXISTS", "s10"), c("SET", "s10", "a"), c("SET", "s10", "b", "XX", "GET"), c("GET", "s10")}},
		{name: "set-keepttl", cmds: [][]string{c("SET", "s11", "1", "KEEPTTL"), c("GET", "s11"), c("SET", "s11", "2", "keepttl", "XX", "GET")}},
		{name: "set-syntax", cmds: [][]string{c("SET", "s12", "b", "NX", "XX"), c("SET", "s12", "b", "XX", "NX"), c("SET", "s12", "b", "FOO"), c("SET", "s12", "b", "NXX"), c("EXISTS", "s12")}},
		{name: "set-expiry-syntax", cmds: [][]string{c("SET", "s13", "b", "EX"), c("SET", "s13", "b", "KEEPTTL", "EX", "10"), c("SET", "s13", "b", "EX", "10", "PX", "10"), c("SET", "s13", "b", "PXAT", "1", "KEEPTTL"), c("SET", "s13", "b", "EXAT"), c("EXISTS", "s13")}},
		{name: "set-wrongtype", cmds: [][]string{c("RPUSH", "s14", "a"), c("SET", "s14", "x", "GET"), c("TYPE", "s14"), c("SET", "s14", "x", "NX"), c("TYPE", "s14"), c("SET", "s14", "x"), c("GET", "s14")}},
		{name: "set-arity", cmds: [][]string{c("SET"), c("SET", "s15"), c("GET"), c("GET", "s15", "x")}},
		// SETNX, GETSET, GETDEL
		{name: "setnx", cmds: [][]string{c("SETNX", "s16", "a"), c("SETNX", "s16", "b"), c("GET", "s16"), c("SETNX", "s16"), c("SETNX", "s16", "a", "b")}},
		{name: "setnx-list", cmds: [][]string{c("RPUSH", "s17", "a"), c("SETNX", "s17", "b"), c("TYPE", "s17")}},
		{name: "getset", cmds: [][]string{c("GETSET", "s18", "a"), c("GETSET", "s18", "b"), c("GET", "s18"), c("GETSET", "s18")}},
		{name: "getset-list", cmds: [][]string{c("RPUSH", "s19", "a"), c("GETSET", "s19", "b"), c("TYPE", "s19")}},
		{name: "getset-int", cmds: [][]string{c("INCR", "s20"), c("GETSET", "s20", "0"), c("INCR", "s20")}},
		{name: "getdel", cmds: [][]string{c("SET", "s21", "v"), c("GETDEL", "s21"), c("GETDEL", "s21"), c("EXISTS", "s21"), c("GETDEL"), c("GETDEL", "a", "b")}},
		{name: "getdel-list", cmds: [][]string{c("RPUSH", "s22", "a"), c("GETDEL", "s22"), c("EXISTS", "s22")}},
		// MGET, MSET, MSETNX
		{name: "mget", cmds: [][]string{c("SET", "s23a", "1"), c("SET", "s23c", "3"), c("MGET", "s23a", "s23b", "s23c", "s23a"), c("MGET", "s23b"), c("MGET")}},
		{name: "mget-list", cmds: [][]string{c("RPUSH", "s24l", "a"), c("SET", "s24s", "s"), c("MGET", "s24l", "s24s")}},
		{name: "mset", cmds: [][]string{c("MSET", "s25a", "1", "s25b", "2"), c("MGET", "s25a", "s25b"), c("MSET", "s25a", "x", "s25a", "y"), c("GET", "s25a")}},
		{name: "mset-arity", cmds: [][]string{c("MSET"), c("MSET", "s26"), c("MSET", "s26", "1", "s26b"), c("EXISTS", "s26", "s26b")}},
		{name: "mset-over-list", cmds: [][]string{c("RPUSH", "s27", "a"), c("MSET", "s27", "v"), c("TYPE", "s27"), c("GET", "s27")}},
		{name: "msetnx", cmds: [][]string{c("MSETNX", "s28a", "1", "s28b", "2"), c("MSETNX", "s28b", "x", "s28c", "3"), c("MGET", "s28a", "s28b", "s28c")}},
		{name: "msetnx-arity", cmds: [][]string{c("MSETNX"), c("MSETNX", "s29"), c("MSETNX", "s29", "1", "s29b"), c("EXISTS", "s29")}},
		{name: "msetnx-list", cmds: [][]string{c("RPUSH", "s30l", "a"), c("MSETNX", "s30l", "x", "s30n", "y"), c("EXISTS", "s30n")}},
		{name: "msetnx-same-key", cmds: [][]string{c("MSETNX", "s31", "1", "s31", "2"), c("GET", "s31")}},
		// INCR, DECR, INCRBY, DECRBY
		{name: "incr", cmds: [][]string{c("INCR", "s32"), c("INCR", "s32"), c("GET", "s32"), c("DECR", "s32"), c("DECR", "s32"), c("DECR", "s32"), c("GET", "s32")}},
		{name: "incrby", cmds: [][]string{c("INCRBY", "s33", "10"), c("INCRBY", "s33", "-25"), c("DECRBY", "s33", "5"), c("DECRBY", "s33", "-100"), c("INCRBY", "s33", "0"), c("GET", "s33")}},
		{name: "incr-from-string", cmds: [][]string{c("SET", "s34", "41"), c("INCR", "s34"), c("SET", "s34", "-1"), c("INCR", "s34"), c("GET", "s34")}},
		{name: "incr-not-integer", cmds: [][]string{
			c("SET", "s35a", "+1"), c("INCR", "s35a"), c("SET", "s35b", " 1"), c("INCR", "s35b"),
			c("SET", "s35c", "01"), c("INCR", "s35c"), c("SET", "s35d", "1.5"), c("INCR", "s35d"),
			c("SET", "s35e", "1 "), c("DECR", "s35e"), c("SET", "s35f", ""), c("INCR", "s35f"),
			c("SET", "s35g", "-0"), c("INCR", "s35g"), c("SET", "s35h", "abc"), c("INCRBY", "s35h", "1"), c("GET", "s35a")}},
		{name: "incrby-bad-increment", cmds: [][]string{
			c("INCRBY", "s36", "+1"), c("INCRBY", "s36", " 1"), c("INCRBY", "s36", "01"), c("INCRBY", "s36", "1.5"),
			c("INCRBY", "s36", ""), c("INCRBY", "s36", "9223372036854775808"), c("DECRBY", "s36", "x"), c("EXISTS", "s36")}},
		{name: "incr-overflow", cmds: [][]string{
			c("SET", "s37", "9223372036854775806"), c("INCR", "s37"), c("INCR", "s37"), c("GET", "s37"),
			c("INCRBY", "s37", "-9223372036854775808"), c("INCRBY", "s37", "1"), c("INCRBY", "s37", "-9223372036854775808"), c("GET", "s37")}},
		{name: "decr-overflow", cmds: [][]string{
			c("SET", "s38", "-9223372036854775807"), c("DECR", "s38"), c("DECR", "s38"), c("GET", "s38"),
			c("DECRBY", "s38", "1"), c("INCRBY", "s38", "9223372036854775807"), c("GET", "s38")}},
		{name: "decrby-min-int64", cmds: [][]string{c("DECRBY", "s39", "-9223372036854775808"), c("EXISTS", "s39"), c("SET", "s39", "0"), c("DECRBY", "s39", "-9223372036854775808"), c("DECRBY", "s39", "-9223372036854775807"), c("GET", "s39")}},
		{name: "incr-too-large-value", cmds: [][]string{c("SET", "s40", "9223372036854775808"), c("INCR", "s40"), c("SET", "s40", "-9223372036854775809"), c("DECR", "s40"), c("SET", "s40", "123456789012345678901"), c("INCR", "s40")}},
		{name: "incr-wrongtype", cmds: [][]string{c("RPUSH", "s41", "a"), c("INCR", "s41"), c("DECR", "s41"), c("INCRBY", "s41", "2"), c("DECRBY", "s41", "2"), c("INCRBY", "s41", "x")}},
		{name: "incr-arity", cmds: [][]string{c("INCR"), c("INCR", "a", "b"), c("INCRBY", "a"), c("DECRBY", "a", "1", "2"), c("DECR")}},
		// APPEND, STRLEN
		{name: "append", cmds: [][]string{c("APPEND", "s42", "ab"), c("APPEND", "s42", "cd"), c("APPEND", "s42", ""), c("GET", "s42"), c("APPEND", "s42n", ""), c("EXISTS", "s42n"), c("GET", "s42n")}},
		{name: "append-int", cmds: [][]string{c("INCR", "s43"), c("APPEND", "s43", "0"), c("INCR", "s43"), c("GET", "s43")}},
		{name: "append-binary", cmds: [][]string{c("APPEND", "s44", "\x00\xff"), c("APPEND", "s44", "\r\n"), c("GET", "s44")}},
		{name: "append-wrongtype", cmds: [][]string{c("RPUSH", "s45", "a"), c("APPEND", "s45", "x"), c("APPEND", "s45"), c("APPEND", "s45", "a", "b")}},
		{name: "strlen", cmds: [][]string{c("STRLEN", "s46"), c("SET", "s46", "hello"), c("STRLEN", "s46"), c("SET", "s46", "-123"), c("STRLEN", "s46"), c("STRLEN"), c("STRLEN", "a", "b")}},
		{name: "strlen-wrongtype", cmds: [][]string{c("RPUSH", "s47", "a"), c("STRLEN", "s47")}},
		// GETRANGE
		{name: "getrange", cmds: [][]string{c("SET", "s48", "Hello World"),
			c("GETRANGE", "s48", "0", "4"), c("GETRANGE", "s48", "0", "-1"), c("GETRANGE", "s48", "-5", "-1"),
			c("GETRANGE", "s48", "6", "100"), c("GETRANGE", "s48", "5", "3"), c("GETRANGE", "s48", "0", "0"),
			c("GETRANGE", "s48", "11", "20"), c("GETRANGE", "s48", "10", "10")}},
		{name: "getrange-negative", cmds: [][]string{c("SET", "s49", "abcdef"),
			c("GETRANGE", "s49", "-1", "-5"), c("GETRANGE", "s49", "-100", "-1"), c("GETRANGE", "s49", "-100", "-100"),
			c("GETRANGE", "s49", "-3", "100"), c("GETRANGE", "s49", "2", "-2"), c("GETRANGE", "s49", "4", "-4"),
			c("GETRANGE", "s49", "-9223372036854775808", "9223372036854775807"), c("GETRANGE", "s49", "0", "-100"),
			c("GETRANGE", "s49", "-1", "0")}},
		{name: "getrange-missing-empty", cmds: [][]string{c("GETRANGE", "s50", "0", "-1"), c("SET", "s50", ""), c("GETRANGE", "s50", "0", "-1"), c("GETRANGE", "s50", "0", "0")}},
		{name: "getrange-int", cmds: [][]string{c("SET", "s51", "12345"), c("GETRANGE", "s51", "1", "3"), c("INCR", "s51"), c("GETRANGE", "s51", "-2", "-1")}},
		{name: "getrange-errors", cmds: [][]string{c("RPUSH", "s52", "a"), c("GETRANGE", "s52", "0", "1"), c("GETRANGE", "s52", "x", "1"),
			c("GETRANGE", "s52n", "0", "1.0"), c("GETRANGE", "s52n", "+1", "2"), c("GETRANGE", "s52n", "0"), c("GETRANGE", "s52n", "0", "1", "2")}},
		// SETRANGE
		{name: "setrange", cmds: [][]string{c("SET", "s53", "Hello World"), c("SETRANGE", "s53", "6", "Redis"), c("GET", "s53"), c("SETRANGE", "s53", "0", "J"), c("GET", "s53")}},
		{name: "setrange-padding", cmds: [][]string{c("SETRANGE", "s54", "5", "ab"), c("GET", "s54"), c("SETRANGE", "s54", "10", "z"), c("GET", "s54"), c("STRLEN", "s54")}},
		{name: "setrange-extend", cmds: [][]string{c("SET", "s55", "abc"), c("SETRANGE", "s55", "2", "XYZ"), c("GET", "s55"), c("SETRANGE", "s55", "5", "!"), c("GET", "s55")}},
		{name: "setrange-empty-value", cmds: [][]string{c("SETRANGE", "s56", "0", ""), c("EXISTS", "s56"), c("SETRANGE", "s56", "100", ""), c("EXISTS", "s56"),
			c("SET", "s56", "abc"), c("SETRANGE", "s56", "100", ""), c("GET", "s56")}},
		{name: "setrange-errors", cmds: [][]string{c("SETRANGE", "s57", "-1", "x"), c("SETRANGE", "s57", "x", "x"), c("SETRANGE", "s57", "1.5", "x"),
			c("SETRANGE", "s57", "536870912", "x"), c("SETRANGE", "s57", "536870911", "xy"), c("SETRANGE", "s57", "9223372036854775807", "x"),
			c("SETRANGE", "s57", "9223372036854775808", "x"), c("EXISTS", "s57"), c("SETRANGE", "s57", "0"), c("SETRANGE", "s57", "-1", "")}},
		{name: "setrange-wrongtype", cmds: [][]string{c("RPUSH", "s58", "a"), c("SETRANGE", "s58", "0", "x"), c("SETRANGE", "s58", "0", ""), c("SETRANGE", "s58", "-1", "x")}},
		{name: "setrange-int", cmds: [][]string{c("SET", "s59", "100"), c("SETRANGE", "s59", "1", "5"), c("INCR", "s59"), c("SETRANGE", "s59", "0", "-"), c("INCR", "s59"), c("GET", "s59")}},
		{name: "setrange-binary", cmds: [][]string{c("SETRANGE", "s60", "2", "\x00\xff\r\n"), c("GET", "s60"), c("GETRANGE", "s60", "3", "4")}},
	})
}
