// diff_set_test.go compares the set commands with Redis, in RESP2 and
// RESP3: both encodings and the conversions between them (OBJECT
// ENCODING), integer forms, errors in Redis's order, arity, wrong types,
// sets emptied (and so deleted), the set operations and their STORE forms,
// SSCAN, the generic key commands on sets, and a long seeded random
// sequence. An intset answers in ascending order, so its replies compare
// byte for byte; a hashtable's order is Redis's dict order, so replies
// from one are compared sorted (diffCase.unordered). Commands with random
// replies are compared by their properties in TestDiffSetRandom.
package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sadd is SADD key members....
func sadd(key string, members ...string) []string { return append([]string{"SADD", key}, members...) }

// intRange returns the decimal strings from .. from+n-1.
func intRange(from, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strconv.Itoa(from + i)
	}
	return out
}

// unorderedAt marks command indexes whose replies are compared sorted.
func unorderedAt(idx ...int) map[int]bool {
	m := make(map[int]bool)
	for _, i := range idx {
		m[i] = true
	}
	return m
}

func setAddCases() []diffCase {
	return []diffCase{
		{name: "sadd-intset", cmds: [][]string{sadd("a1", "3", "1", "2", "10", "-5"), c("SMEMBERS", "a1"), c("OBJECT", "ENCODING", "a1"),
			c("SCARD", "a1"), c("TYPE", "a1"), sadd("a1", "2", "4"), c("SMEMBERS", "a1")}},
		{name: "sadd-hashtable", cmds: [][]string{sadd("a2", "foo", "bar"), c("OBJECT", "ENCODING", "a2"), c("SMEMBERS", "a2"),
			sadd("a2", "bar", "baz", "1"), c("SCARD", "a2"), c("SMEMBERS", "a2")}, unordered: unorderedAt(2, 5)},
		{name: "sadd-duplicates", cmds: [][]string{sadd("a3", "1", "1", "2", "1"), sadd("a3", "x", "x", "y"), c("SCARD", "a3"),
			sadd("a3", "x", "1", "z", "z"), c("SMEMBERS", "a3")}, unordered: unorderedAt(4)},
		{name: "sadd-noninteger-converts", cmds: [][]string{sadd("a4", "1", "2", "3"), c("OBJECT", "ENCODING", "a4"), sadd("a4", "a"),
			c("OBJECT", "ENCODING", "a4"), c("SREM", "a4", "a"), c("OBJECT", "ENCODING", "a4"), c("SMEMBERS", "a4")}, unordered: unorderedAt(6)},
		{name: "sadd-first-member-string", cmds: [][]string{sadd("a5", "a", "1", "2"), c("OBJECT", "ENCODING", "a5"), sadd("a5b", "1", "a"),
			c("OBJECT", "ENCODING", "a5b")}},
		{name: "sadd-integer-forms", cmds: [][]string{sadd("a6", "01", "+1", "-0", " 1", "1 ", "0x1", "1.0", "1e3"), c("OBJECT", "ENCODING", "a6"),
			c("SCARD", "a6"), sadd("a6b", "0", "-1", maxI64, minI64), c("OBJECT", "ENCODING", "a6b"), c("SMEMBERS", "a6b"),
			sadd("a6c", overI64), c("OBJECT", "ENCODING", "a6c"), sadd("a6d", "-9223372036854775809"), c("OBJECT", "ENCODING", "a6d")}},
		{name: "sadd-widths", cmds: [][]string{sadd("a7", "1", "-1"), sadd("a7", "32767", "-32768"), c("SMEMBERS", "a7"),
			sadd("a7", "32768", "-32769"), c("SMEMBERS", "a7"), sadd("a7", "2147483648", "-2147483649"), c("SMEMBERS", "a7"),
			c("SISMEMBER", "a7", "-32769"), c("SISMEMBER", "a7", "2147483647"), c("SREM", "a7", "32768", "-2147483649", "5"),
			c("SMEMBERS", "a7"), c("OBJECT", "ENCODING", "a7")}},
		{name: "sadd-intset-limit", cmds: [][]string{sadd("a8", intRange(0, 512)...), c("OBJECT", "ENCODING", "a8"), c("SCARD", "a8"),
			sadd("a8", "511"), c("OBJECT", "ENCODING", "a8"), sadd("a8", "512"), c("OBJECT", "ENCODING", "a8"), c("SCARD", "a8"),
			c("SISMEMBER", "a8", "300"), c("SREM", "a8", "512", "511"), c("OBJECT", "ENCODING", "a8"),
			sadd("a8b", intRange(0, 513)...), c("OBJECT", "ENCODING", "a8b"), c("SMEMBERS", "a8b")}, unordered: unorderedAt(13)},
		{name: "sadd-config-limit", cmds: [][]string{c("CONFIG", "SET", "set-max-intset-entries", "3"), sadd("a9", "1", "2", "3"),
			c("OBJECT", "ENCODING", "a9"), sadd("a9", "4"), c("OBJECT", "ENCODING", "a9"), sadd("a9b", "1", "2", "3", "4"),
			c("OBJECT", "ENCODING", "a9b"), c("CONFIG", "SET", "set-max-intset-entries", "0"), sadd("a9c", "1"),
			c("OBJECT", "ENCODING", "a9c"), c("CONFIG", "SET", "set-max-intset-entries", "512")}},
		{name: "sadd-odd-members", cmds: [][]string{sadd("a10", "", "a b", "\x00\xff", strings.Repeat("x", 3000)), c("SCARD", "a10"),
			c("SISMEMBER", "a10", ""), c("SISMEMBER", "a10", "\x00\xff"), c("SMEMBERS", "a10"), sadd("a10b", "\r\n"),
			c("SMEMBERS", "a10b"), c("SISMEMBER", "a10b", "\r\n")}, unordered: unorderedAt(4)},
		{name: "sadd-wrongtype", cmds: [][]string{c("SET", "a11", "v"), sadd("a11", "1"), c("RPUSH", "a11l", "x"), sadd("a11l", "x"), c("GET", "a11")}},
		{name: "sadd-arity", cmds: [][]string{c("SADD"), c("SADD", "a12"), c("EXISTS", "a12")}},
		{name: "sadd-case-insensitive", cmds: [][]string{c("sadd", "a13", "1"), c("SaDd", "a13", "2"), c("smembers", "a13")}},
	}
}

func setRemCases() []diffCase {
	return []diffCase{
		{name: "srem-hashtable", cmds: [][]string{sadd("r1", "foo", "bar", "ciao"), c("SREM", "r1", "qux"), c("SREM", "r1", "foo"),
			c("SMEMBERS", "r1")}, unordered: unorderedAt(3)},
		{name: "srem-intset", cmds: [][]string{sadd("r2", "3", "4", "5"), c("SREM", "r2", "6"), c("SREM", "r2", "4"), c("SREM", "r2", "a"),
			c("SREM", "r2", "04"), c("SMEMBERS", "r2"), c("OBJECT", "ENCODING", "r2")}},
		{name: "srem-variadic", cmds: [][]string{sadd("r3", "a", "b", "c", "d"), c("SREM", "r3", "k", "k", "k"), c("SREM", "r3", "b", "d", "x", "y", "b"),
			c("SMEMBERS", "r3")}, unordered: unorderedAt(3)},
		{name: "srem-empties", cmds: [][]string{sadd("r4", "a", "b", "c"), c("SREM", "r4", "a", "b", "c", "d", "a"), c("EXISTS", "r4"),
			sadd("r4b", "1", "2"), c("SREM", "r4b", "1", "2"), c("EXISTS", "r4b"), c("TYPE", "r4b")}},
		{name: "srem-missing", cmds: [][]string{c("SREM", "r5", "a"), c("EXISTS", "r5")}},
		{name: "srem-wrongtype", cmds: [][]string{c("SET", "r6", "v"), c("SREM", "r6", "v"), c("SREM", "r6missing", "v")}},
		{name: "srem-arity", cmds: [][]string{c("SREM"), c("SREM", "r7")}},
	}
}

func setReadCases() []diffCase {
	return []diffCase{
		{name: "scard-sismember", cmds: [][]string{c("SCARD", "m1"), c("SISMEMBER", "m1", "a"), sadd("m1", "a", "1"), c("SCARD", "m1"),
			c("SISMEMBER", "m1", "a"), c("SISMEMBER", "m1", "1"), c("SISMEMBER", "m1", "b"), sadd("m1i", "7"), c("SISMEMBER", "m1i", "7"),
			c("SISMEMBER", "m1i", "07"), c("SISMEMBER", "m1i", "x")}},
		{name: "smismember", cmds: [][]string{sadd("m2", "foo", "bar"), c("SMISMEMBER", "m2", "foo"), c("SMISMEMBER", "m2", "foo", "bar"),
			c("SMISMEMBER", "m2", "bla", "foo"), sadd("m2i", "16", "17"), c("SMISMEMBER", "m2i", "16", "18", "17", "x"),
			c("SMISMEMBER", "m2none", "foo", "bar"), c("SMISMEMBER", "m2none", "foo")}},
		{name: "smembers", cmds: [][]string{c("SMEMBERS", "m3"), sadd("m3", "5", "-2", "100000", "0"), c("SMEMBERS", "m3")}},
		{name: "set-read-wrongtype", cmds: [][]string{c("SET", "m4", "v"), c("SCARD", "m4"), c("SISMEMBER", "m4", "v"), c("SMISMEMBER", "m4", "v"),
			c("SMEMBERS", "m4"), c("SRANDMEMBER", "m4"), c("SRANDMEMBER", "m4", "2"), c("SPOP", "m4"), c("SPOP", "m4", "0"),
			c("SSCAN", "m4", "0"), c("RPUSH", "m4l", "a"), c("SMEMBERS", "m4l")}},
		{name: "set-read-arity", cmds: [][]string{c("SCARD"), c("SCARD", "m5", "x"), c("SISMEMBER", "m5"), c("SISMEMBER", "m5", "a", "b"),
			c("SMISMEMBER", "m5"), c("SMEMBERS"), c("SMEMBERS", "m5", "x"), c("SRANDMEMBER"), c("SPOP"), c("SSCAN", "m5"), c("SMOVE", "a", "b"),
			c("SMOVE", "a", "b", "c", "d"), c("SINTER"), c("SUNION"), c("SDIFF"), c("SINTERSTORE", "d"), c("SUNIONSTORE", "d"),
			c("SDIFFSTORE", "d"), c("SINTERCARD"), c("SINTERCARD", "1")}},
	}
}

func setRandomCases() []diffCase {
	return []diffCase{
		{name: "srandmember-deterministic", cmds: [][]string{c("SRANDMEMBER", "d1"), c("SRANDMEMBER", "d1", "3"), c("SRANDMEMBER", "d1", "-3"),
			c("SRANDMEMBER", "d1", "0"), sadd("d1", "x"), c("SRANDMEMBER", "d1"), c("SRANDMEMBER", "d1", "-3"), c("SRANDMEMBER", "d1", "1"),
			c("SRANDMEMBER", "d1", "5"), c("SRANDMEMBER", "d1", "0"), c("SRANDMEMBER", "d1", "-1"), sadd("d1i", "9", "3", "6"),
			c("SRANDMEMBER", "d1i", "3"), c("SRANDMEMBER", "d1i", "30"), c("SRANDMEMBER", "d1i", maxI64), c("SCARD", "d1i")}},
		{name: "srandmember-errors", cmds: [][]string{sadd("d2", "a"), c("SRANDMEMBER", "d2", notInt), c("SRANDMEMBER", "d2", minI64),
			c("SRANDMEMBER", "d2", overI64), c("SRANDMEMBER", "d2", "1.5"), c("SRANDMEMBER", "d2", "1", "2"), c("SRANDMEMBER", "d2none", notInt),
			c("SRANDMEMBER", "d2none", minI64), c("SRANDMEMBER", "d2", "-9223372036854775807", "x")}},
		{name: "spop-deterministic", cmds: [][]string{c("SPOP", "p1"), c("SPOP", "p1", "0"), c("SPOP", "p1", "3"), sadd("p1", "x"),
			c("SPOP", "p1", "0"), c("SPOP", "p1"), c("EXISTS", "p1"), sadd("p1", "y"), c("SPOP", "p1", "1"), c("EXISTS", "p1")}},
		{name: "spop-all", cmds: [][]string{sadd("p2", "5", "1", "3"), c("SPOP", "p2", "3"), c("EXISTS", "p2"), sadd("p2", "5", "1", "3"),
			c("SPOP", "p2", "100"), sadd("p2", "5", "1", "3"), c("SPOP", "p2", maxI64), c("EXISTS", "p2"), sadd("p2s", "a", "b", "c"),
			c("SPOP", "p2s", "3"), c("EXISTS", "p2s")}, unordered: unorderedAt(9)},
		{name: "spop-all-hashtable-integers", cmds: [][]string{sadd("p3", intRange(0, 520)...), append(c("SREM", "p3"), intRange(0, 500)...),
			c("OBJECT", "ENCODING", "p3"), c("SPOP", "p3", "20")}},
		{name: "spop-count", cmds: [][]string{sadd("p4", "1", "2", "3", "4", "5"), c("SCARD", "p4"), c("SPOP", "p4", "0"), c("SCARD", "p4")}},
		{name: "spop-errors", cmds: [][]string{sadd("p5", "a"), c("SPOP", "p5", notInt), c("SPOP", "p5", "-1"), c("SPOP", "p5", minI64),
			c("SPOP", "p5", overI64), c("SPOP", "p5", "1", "2"), c("SPOP", "p5none", "-1"), c("SPOP", "p5none", notInt), c("SCARD", "p5")}},
	}
}

func setMoveCases() []diffCase {
	return []diffCase{
		{name: "smove-basics", cmds: [][]string{sadd("v1", "a", "b", "c"), sadd("v1d", "1", "2", "3"), c("SMOVE", "v1", "v1d", "b"),
			c("OBJECT", "ENCODING", "v1d"), c("SMEMBERS", "v1"), c("SMEMBERS", "v1d"), c("SMOVE", "v1d", "v1", "1"), c("SMEMBERS", "v1")},
			unordered: unorderedAt(4, 5, 7)},
		{name: "smove-intset-to-intset", cmds: [][]string{sadd("v2", "1", "2"), sadd("v2d", "3"), c("SMOVE", "v2", "v2d", "2"),
			c("SMEMBERS", "v2"), c("SMEMBERS", "v2d"), c("OBJECT", "ENCODING", "v2d")}},
		{name: "smove-missing", cmds: [][]string{sadd("v3", "a"), c("SMOVE", "v3", "v3d", "x"), c("EXISTS", "v3d"), c("SMOVE", "v3none", "v3", "a"),
			c("SET", "v3s", "v"), c("SMOVE", "v3none", "v3s", "a")}},
		{name: "smove-creates", cmds: [][]string{sadd("v4", "a", "1"), c("SMOVE", "v4", "v4d", "a"), c("OBJECT", "ENCODING", "v4d"),
			c("SMOVE", "v4", "v4i", "1"), c("OBJECT", "ENCODING", "v4i"), c("EXISTS", "v4"), c("SMEMBERS", "v4i")}},
		{name: "smove-wrongtype", cmds: [][]string{c("SET", "v5s", "v"), sadd("v5", "a"), c("SMOVE", "v5s", "v5", "a"), c("SMOVE", "v5", "v5s", "a"),
			c("SMOVE", "v5", "v5s", "nope"), c("SMEMBERS", "v5")}},
		{name: "smove-same-key", cmds: [][]string{sadd("v6", "a", "b"), c("SMOVE", "v6", "v6", "a"), c("SMOVE", "v6", "v6", "z"), c("SCARD", "v6")}},
		{name: "smove-already-in-dst", cmds: [][]string{sadd("v7", "a", "b"), sadd("v7d", "a"), c("SMOVE", "v7", "v7d", "a"), c("SMEMBERS", "v7"),
			c("SCARD", "v7d")}},
		{name: "smove-converts-dst", cmds: [][]string{sadd("v8", "x"), sadd("v8d", "1", "2"), c("SMOVE", "v8", "v8d", "x"),
			c("OBJECT", "ENCODING", "v8d"), c("EXISTS", "v8")}},
	}
}

func setInterCases() []diffCase {
	two := [][]string{sadd("i1", "1", "2", "3", "4", "5"), sadd("i1b", "4", "5", "6", "7"), sadd("i1c", "5", "0", "4", "-1")}
	return []diffCase{
		{name: "sinter-intset", cmds: append(slices.Clone(two), c("SINTER", "i1", "i1b"), c("SINTER", "i1", "i1b", "i1c"),
			c("SINTER", "i1"), c("SINTER", "i1", "i1"), c("SINTER", "i1c", "i1"))},
		{name: "sinter-missing", cmds: append(slices.Clone(two), c("SINTER", "i1", "i1none"), c("SINTER", "i1none", "i1"),
			c("SET", "i1s", "v"), c("SINTER", "i1none", "i1s"), c("SINTER", "i1s", "i1none"))},
		{name: "sinter-hashtable", cmds: [][]string{sadd("i2", "a", "b", "c", "1"), sadd("i2b", "b", "c", "d", "1"), c("SINTER", "i2", "i2b"),
			sadd("i2i", "1", "2"), c("SINTER", "i2", "i2i"), c("SINTER", "i2i", "i2")}, unordered: unorderedAt(2)},
		{name: "sinter-same-integers-other-encoding", cmds: [][]string{sadd("i3", "1", "2", "3"), sadd("i3b", "1", "2", "3", "a"),
			c("SREM", "i3b", "a"), c("SINTER", "i3", "i3b"), c("SINTERSTORE", "i3d", "i3", "i3b"), c("OBJECT", "ENCODING", "i3d"),
			c("SMEMBERS", "i3d")}},
		{name: "sintercard", cmds: append(slices.Clone(two), c("SINTERCARD", "2", "i1", "i1b"), c("SINTERCARD", "3", "i1", "i1b", "i1c"),
			c("SINTERCARD", "1", "i1"), c("SINTERCARD", "2", "i1", "i1none"), c("SINTERCARD", "2", "i1", "i1b", "LIMIT", "1"),
			c("SINTERCARD", "2", "i1", "i1b", "limit", "0"), c("SINTERCARD", "1", "i1", "LIMIT", "3"), c("SINTERCARD", "1", "i1", "LIMIT", "30"),
			c("SINTERCARD", "1", "i1", "LIMIT", "1", "LIMIT", "2"))},
		{name: "sintercard-errors", cmds: [][]string{sadd("i4", "a"), c("SET", "i4s", "v"), c("SINTERCARD", "0", "i4"), c("SINTERCARD", "-1", "i4"),
			c("SINTERCARD", notInt, "i4"), c("SINTERCARD", "2", "i4"), c("SINTERCARD", "1", "i4", "LIMIT"), c("SINTERCARD", "1", "i4", "LIMIT", "-1"),
			c("SINTERCARD", "1", "i4", "LIMIT", notInt), c("SINTERCARD", "1", "i4", "FOO", "1"), c("SINTERCARD", "1", "i4", "i4"),
			c("SINTERCARD", "2", "i4", "i4s"), c("SINTERCARD", "2", "i4none", "i4s"), c("SINTERCARD", "1", "i4s", "LIMIT", "-1"),
			c("SINTERCARD", overI64, "i4"), c("SINTERCARD", "00", "i4")}},
		{name: "sinterstore", cmds: append(slices.Clone(two), c("SINTERSTORE", "i5", "i1", "i1b"), c("SMEMBERS", "i5"), c("OBJECT", "ENCODING", "i5"),
			c("SET", "i5s", "v"), c("SINTERSTORE", "i5s", "i1", "i1c"), c("TYPE", "i5s"), c("SMEMBERS", "i5s"),
			c("SINTERSTORE", "i1", "i1", "i1b"), c("SMEMBERS", "i1"))},
		{name: "sinterstore-empty-deletes", cmds: append(slices.Clone(two), sadd("i6", "x"), c("SINTERSTORE", "i6", "i1", "i1none"), c("EXISTS", "i6"),
			sadd("i6", "x"), c("SINTERSTORE", "i6", "i1", "i6"), c("EXISTS", "i6"), c("SINTERSTORE", "i6", "i1", "i1none"), c("EXISTS", "i6"))},
		{name: "sinterstore-clears-ttl", cmds: append(slices.Clone(two), sadd("i7", "x"), c("EXPIRE", "i7", "100"), c("SINTERSTORE", "i7", "i1", "i1b"),
			c("TTL", "i7"))},
		{name: "sinterstore-wrongtype", cmds: append(slices.Clone(two), c("SET", "i8s", "v"), c("SINTERSTORE", "i8", "i1", "i8s"), c("EXISTS", "i8"),
			c("SINTERSTORE", "i8", "i8none", "i8s"), sadd("i8", "z"), c("SINTERSTORE", "i8", "i8s", "i1"), c("SMEMBERS", "i8"))},
		{name: "sinterstore-hashtable", cmds: [][]string{sadd("i9", "a", "b", "c"), sadd("i9b", "b", "c"), c("SINTERSTORE", "i9d", "i9", "i9b"),
			c("OBJECT", "ENCODING", "i9d"), c("SMEMBERS", "i9d")}, unordered: unorderedAt(4)},
	}
}

func setUnionDiffCases() []diffCase {
	two := [][]string{sadd("u1", "1", "2", "3", "4", "5"), sadd("u1b", "4", "5", "6", "7"), sadd("u1c", "5", "0", "4", "-1")}
	big := [][]string{sadd("u5", intRange(0, 600)...), sadd("u5b", intRange(0, 30)...), sadd("u5c", intRange(30, 30)...),
		sadd("u5d", intRange(60, 30)...)}
	return []diffCase{
		{name: "sunion-intset", cmds: append(slices.Clone(two), c("SUNION", "u1", "u1b"), c("SUNION", "u1", "u1b", "u1c"), c("SUNION", "u1"),
			c("SUNION", "u1", "u1none"), c("SUNION", "u1none"), c("SUNION", "u1none", "u1c"))},
		{name: "sunionstore", cmds: append(slices.Clone(two), c("SUNIONSTORE", "u2", "u1", "u1b"), c("SMEMBERS", "u2"), c("OBJECT", "ENCODING", "u2"),
			c("SUNIONSTORE", "u2", "u1none"), c("EXISTS", "u2"), c("SUNIONSTORE", "u1", "u1", "u1c"), c("SMEMBERS", "u1"),
			sadd("u2h", "a"), c("SUNIONSTORE", "u2", "u1", "u2h"), c("OBJECT", "ENCODING", "u2"), c("SCARD", "u2"))},
		{name: "sdiff-intset", cmds: append(slices.Clone(two), c("SDIFF", "u1", "u1b"), c("SDIFF", "u1", "u1b", "u1c"), c("SDIFF", "u1"),
			c("SDIFF", "u1", "u1none"), c("SDIFF", "u1none", "u1"), c("SDIFF", "u1", "u1"), c("SDIFF", "u1", "u1b", "u1"),
			c("SDIFF", "u1b", "u1c", "u1none"))},
		{name: "sdiffstore", cmds: append(slices.Clone(two), c("SDIFFSTORE", "u3", "u1", "u1b", "u1c"), c("SMEMBERS", "u3"),
			c("OBJECT", "ENCODING", "u3"), c("SDIFFSTORE", "u3", "u1", "u1"), c("EXISTS", "u3"), c("SDIFFSTORE", "u3", "u1none", "u1"),
			c("SDIFFSTORE", "u1", "u1", "u1b"), c("SMEMBERS", "u1"))},
		{name: "set-ops-wrongtype", cmds: append(slices.Clone(two), c("SET", "u4s", "v"), c("SUNION", "u1", "u4s"), c("SUNION", "u4none", "u4s"),
			c("SDIFF", "u1", "u4s"), c("SDIFF", "u4none", "u4s"), c("SDIFF", "u4s", "u1"), c("SUNIONSTORE", "u4", "u1", "u4s"),
			c("SDIFFSTORE", "u4", "u4none", "u4s"), c("EXISTS", "u4"), c("SUNIONSTORE", "u4s", "u1"), c("TYPE", "u4s"))},
		{name: "sdiff-large-first", cmds: append(slices.Clone(big), c("SDIFFSTORE", "u5r", "u5", "u5b", "u5c", "u5d"),
			c("OBJECT", "ENCODING", "u5r"), c("SCARD", "u5r"), c("SDIFFSTORE", "u5r2", "u5", "u5b"), c("OBJECT", "ENCODING", "u5r2"),
			c("SCARD", "u5r2"), c("SDIFF", "u5", "u5b", "u5c", "u5d"), c("SUNIONSTORE", "u5u", "u5b", "u5c"), c("OBJECT", "ENCODING", "u5u"),
			c("SUNION", "u5b", "u5c", "u5d"), c("SINTER", "u5", "u5c")), unordered: unorderedAt(10)},
		{name: "set-ops-hashtable", cmds: [][]string{sadd("u6", "a", "b", "c", "1"), sadd("u6b", "c", "d", "2"), c("SUNION", "u6", "u6b"),
			c("SDIFF", "u6", "u6b"), c("SUNIONSTORE", "u6d", "u6", "u6b"), c("OBJECT", "ENCODING", "u6d"), c("SDIFFSTORE", "u6e", "u6", "u6b"),
			c("SMEMBERS", "u6e"), sadd("u6i", "1"), c("SDIFFSTORE", "u6f", "u6", "u6i"), c("OBJECT", "ENCODING", "u6f"),
			c("SDIFF", "u6i", "u6"), c("SINTER", "u6", "u6b")}, unordered: unorderedAt(2, 3, 7)},
	}
}

func setScanCases() []diffCase {
	return []diffCase{
		{name: "sscan-intset", cmds: [][]string{sadd("c1", "3", "1", "2", "30", "10"), c("SSCAN", "c1", "0"), c("SSCAN", "c1", "5"),
			c("SSCAN", "c1", "0", "COUNT", "1"), c("SSCAN", "c1", "0", "MATCH", "*0"), c("SSCAN", "c1", "0", "match", "3*", "count", "2"),
			c("SSCAN", "c1", "0", "MATCH", "*"), c("SSCAN", "c1", "-1"), c("SSCAN", "c1", "")}},
		{name: "sscan-missing", cmds: [][]string{c("SSCAN", "c2", "0"), c("SSCAN", "c2", "0", "COUNT", "0"), c("SSCAN", "c2", "0", "TYPE", "set"),
			c("SSCAN", "c2", "x")}},
		{name: "sscan-errors", cmds: [][]string{sadd("c3", "1"), c("SSCAN", "c3", "x"), c("SSCAN", "c3", " 1"), c("SSCAN", "c3", "18446744073709551616"),
			c("SSCAN", "c3", "0", "COUNT"), c("SSCAN", "c3", "0", "COUNT", "0"), c("SSCAN", "c3", "0", "COUNT", "-1"),
			c("SSCAN", "c3", "0", "COUNT", notInt), c("SSCAN", "c3", "0", "TYPE", "set"), c("SSCAN", "c3", "0", "FOO", "bar"),
			c("SSCAN", "c3", "0", "MATCH"), c("SET", "c3s", "v"), c("SSCAN", "c3s", "0"), c("SSCAN", "c3s", "x"),
			c("SSCAN", "c3s", "0", "COUNT", "0")}},
		{name: "sscan-hashtable-one", cmds: [][]string{sadd("c4", "only"), c("SSCAN", "c4", "0"), c("SSCAN", "c4", "0", "MATCH", "o*"),
			c("SSCAN", "c4", "0", "MATCH", "x*")}},
	}
}

func setKeyCases() []diffCase {
	return []diffCase{
		{name: "set-type-and-scan", cmds: [][]string{sadd("k1", "a"), c("SET", "k1s", "v"), c("RPUSH", "k1l", "v"), c("TYPE", "k1"),
			c("SCAN", "0", "TYPE", "set"), c("SCAN", "0", "TYPE", "SET"), c("DEL", "k1"), sadd("k1i", "1"), c("TYPE", "k1i"),
			c("SCAN", "0", "TYPE", "set"), c("SCAN", "0", "TYPE", "string"), c("KEYS", "k1*")}, unordered: unorderedAt(11)},
		{name: "set-copy", cmds: [][]string{sadd("k2", "1", "2", "3"), c("COPY", "k2", "k2c"), sadd("k2c", "4"), c("SMEMBERS", "k2"),
			c("SMEMBERS", "k2c"), c("OBJECT", "ENCODING", "k2c"), sadd("k2h", "a"), c("COPY", "k2h", "k2c"), c("COPY", "k2h", "k2c", "REPLACE"),
			c("SMEMBERS", "k2c"), c("OBJECT", "ENCODING", "k2c"), c("SREM", "k2h", "a"), c("SMEMBERS", "k2c"), c("EXISTS", "k2h")}},
		{name: "set-rename-move", cmds: [][]string{sadd("k3", "1", "2"), c("EXPIRE", "k3", "100"), c("RENAME", "k3", "k3r"), c("SMEMBERS", "k3r"),
			c("TTL", "k3r"), c("MOVE", "k3r", "1"), c("EXISTS", "k3r"), c("SELECT", "1"), c("SMEMBERS", "k3r"), c("TTL", "k3r"),
			c("FLUSHDB"), c("SELECT", "0")}},
		{name: "set-expiry", cmds: [][]string{sadd("k4", "a"), c("PEXPIREAT", "k4", "1"), c("SCARD", "k4"),
			c("EXISTS", "k4"), sadd("k4", "b"), c("TTL", "k4"), c("PERSIST", "k4")}},
		{name: "set-overwritten", cmds: [][]string{sadd("k5", "a"), c("SET", "k5", "v"), c("GET", "k5"), sadd("k5l", "1"), c("DEL", "k5l"),
			c("SCARD", "k5l"), sadd("k5x", "1"), c("GET", "k5x"), c("LPUSH", "k5x", "a"), c("INCR", "k5x"), c("APPEND", "k5x", "a")}},
		{name: "set-multi", cmds: [][]string{c("MULTI"), sadd("k6", "1", "2"), c("SPOP", "k6", "5"), sadd("k6", "x"), c("SMEMBERS", "k6"),
			c("SREM", "k6", "nope"), c("EXEC")}},
	}
}

// randomSetCase is a seeded random sequence of set writes and reads over
// a few keys, members mostly small integers, sometimes strings; sizes
// stay small, and replies that a hashtable orders are compared sorted.
func randomSetCase() diffCase {
	rng := rand.New(rand.NewPCG(10, 2))
	keys := []string{"x1", "x2", "x3"}
	member := func() string {
		if rng.IntN(12) == 0 {
			return "m" + strconv.Itoa(rng.IntN(4))
		}
		return strconv.Itoa(rng.IntN(40) - 5)
	}
	key := func() string { return keys[rng.IntN(len(keys))] }
	var cmds [][]string
	unordered := map[int]bool{}
	read := func(cmd ...string) {
		unordered[len(cmds)] = true
		cmds = append(cmds, cmd)
	}
	for range 600 {
		switch rng.IntN(11) {
		case 0, 1, 2:
			cmds = append(cmds, sadd(key(), member(), member(), member()))
		case 3:
			cmds = append(cmds, c("SREM", key(), member(), member()))
		case 4:
			cmds = append(cmds, c("SMOVE", key(), key(), member()))
		case 5:
			cmds = append(cmds, c([]string{"SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"}[rng.IntN(3)], key(), key(), key()))
		case 6:
			read([]string{"SINTER", "SUNION", "SDIFF"}[rng.IntN(3)], key(), key())
		case 7:
			cmds = append(cmds, c("SINTERCARD", "2", key(), key(), "LIMIT", strconv.Itoa(rng.IntN(4))))
		case 8:
			cmds = append(cmds, c("SMISMEMBER", key(), member(), member()))
		case 9:
			cmds = append(cmds, c("SPOP", key(), "0"))
		default:
			cmds = append(cmds, c("SCARD", key()))
		}
		k := key()
		read("SMEMBERS", k)
		cmds = append(cmds, c("OBJECT", "ENCODING", k))
	}
	return diffCase{name: "random", cmds: cmds, unordered: unordered}
}

// TestDiffSet runs the set cases against Redis.
func TestDiffSet(t *testing.T) {
	var all []diffCase
	for _, group := range [][]diffCase{setAddCases(), setRemCases(), setReadCases(), setRandomCases(), setMoveCases(),
		setInterCases(), setUnionDiffCases(), setScanCases(), setKeyCases(), {randomSetCase()}} {
		all = append(all, group...)
	}
	runDiff(t, all)
}

// setDiffConn is one connection to each server, in one protocol.
type setDiffConn struct{ r, n *tclient }

// both runs a command on both servers.
func (p setDiffConn) both(args ...string) (redis, nosql string) {
	return p.r.do(args...), p.n.do(args...)
}

// replyElems splits a raw aggregate reply of bulk strings into its header
// and elements.
func replyElems(t *testing.T, raw string) (string, []string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n")
	if len(lines) == 0 || !strings.ContainsAny(lines[0][:1], "*~") {
		t.Fatalf("not an aggregate reply: %q", raw)
	}
	var elems []string
	for i := 2; i < len(lines); i += 2 {
		elems = append(elems, lines[i])
	}
	return lines[0], elems
}

// TestDiffSetRandom compares SRANDMEMBER and SPOP, whose replies are
// random, by their properties: the reply's type and length as Redis's,
// members of the set, distinct where Redis's are, and for SPOP the set
// left as the members not popped; for both encodings and both protocols.
func TestDiffSetRandom(t *testing.T) {
	raddr := startRedis(t)
	srv := startServer(t)
	for _, resp3 := range []bool{false, true} {
		p := setDiffConn{dial(t, raddr), dialServer(t, srv)}
		if resp3 {
			p.both("HELLO", "3")
		}
		for _, members := range [][]string{intRange(0, 50), append(intRange(0, 49), "x"), intRange(0, 600)} {
			t.Run(fmt.Sprintf("resp3=%v/size=%d/%s", resp3, len(members), members[len(members)-1]), func(t *testing.T) {
				checkRandomSet(t, p, members)
			})
		}
		t.Run(fmt.Sprintf("resp3=%v/spop-reencodes", resp3), func(t *testing.T) { checkSPopReencodes(t, p) })
	}
}

func checkRandomSet(t *testing.T, p setDiffConn, members []string) {
	in := make(map[string]bool)
	for _, m := range members {
		in[m] = true
	}
	p.both("DEL", "rs")
	p.both(sadd("rs", members...)...)
	for _, count := range []string{"1", "5", "17", "40", "-5", "-200", "49", "50", "51", "1000"} {
		want, got := p.both("SRANDMEMBER", "rs", count)
		wh, we := replyElems(t, want)
		gh, ge := replyElems(t, got)
		if wh != gh || len(we) != len(ge) {
			t.Errorf("SRANDMEMBER %s: redis %s with %d, nosql %s with %d", count, wh, len(we), gh, len(ge))
		}
		checkMembers(t, "SRANDMEMBER "+count, ge, in, count[0] != '-')
	}
	if w, g := p.both("SRANDMEMBER", "rs"); !in[bulkOf(g)] || w[0] != g[0] {
		t.Errorf("SRANDMEMBER: redis %q, nosql %q", w, g)
	}
	left := len(members)
	for _, count := range []string{"1", "3", "10", "30", "3"} {
		want, got := p.both("SPOP", "rs", count)
		wh, we := replyElems(t, want)
		gh, ge := replyElems(t, got)
		if wh != gh || len(we) != len(ge) {
			t.Errorf("SPOP %s: redis %s with %d, nosql %s with %d", count, wh, len(we), gh, len(ge))
		}
		checkMembers(t, "SPOP "+count, ge, in, true)
		for _, m := range ge {
			delete(in, m)
		}
		left -= len(ge)
		if w, g := p.both("SCARD", "rs"); w != g || g != fmt.Sprintf(":%d\r\n", left) {
			t.Errorf("SCARD after SPOP %s: redis %q, nosql %q, want %d", count, w, g, left)
		}
		if w, g := p.both("OBJECT", "ENCODING", "rs"); w != g && !slices.Contains(members, "x") { // which of them holds x is chance
			t.Errorf("OBJECT ENCODING after SPOP %s: redis %q, nosql %q", count, w, g)
		}
	}
	_, rest := replyElems(t, p.n.do("SMEMBERS", "rs"))
	checkMembers(t, "SMEMBERS after SPOP", rest, in, true)
	if len(rest) != len(in) {
		t.Errorf("SMEMBERS after SPOP: %d members, want %d", len(rest), len(in))
	}
	if w, g := p.both("SPOP", "rs"); w[0] != g[0] || !in[bulkOf(g)] {
		t.Errorf("SPOP: redis %q, nosql %q", w, g)
	}
}

// checkSPopReencodes pops most of a hashtable set of integers: Redis
// then builds the set anew from the few members left, an intset.
func checkSPopReencodes(t *testing.T, p setDiffConn) {
	p.both("DEL", "rs")
	p.both(sadd("rs", intRange(0, 520)...)...)
	for _, cmd := range [][]string{{"OBJECT", "ENCODING", "rs"}, {"SPOP", "rs", "500"}, {"OBJECT", "ENCODING", "rs"}, {"SCARD", "rs"}} {
		want, got := p.both(cmd...)
		if cmd[0] == "SPOP" {
			want, got = strings.SplitN(want, "\r\n", 2)[0], strings.SplitN(got, "\r\n", 2)[0]
		}
		if want != got {
			t.Errorf("%q: redis %q, nosql %q", cmd, want, got)
		}
	}
}

// checkMembers checks that elems are members, and distinct if distinct.
func checkMembers(t *testing.T, what string, elems []string, in map[string]bool, distinct bool) {
	t.Helper()
	seen := map[string]bool{}
	for _, e := range elems {
		if !in[e] {
			t.Errorf("%s: %q is not a member", what, e)
		}
		if distinct && seen[e] {
			t.Errorf("%s: %q twice", what, e)
		}
		seen[e] = true
	}
}

// bulkOf is the string of a raw bulk string reply.
func bulkOf(raw string) string {
	lines := strings.Split(raw, "\r\n")
	if len(lines) < 2 {
		return ""
	}
	return lines[1]
}

// TestDiffSetScanHashtable iterates SSCAN over hashtable sets on both
// servers: the members returned by a whole iteration are the set's
// members, with or without MATCH and COUNT, as Redis's are.
func TestDiffSetScanHashtable(t *testing.T) {
	raddr := startRedis(t)
	srv := startServer(t)
	p := setDiffConn{dial(t, raddr), dialServer(t, srv)}
	members := intRange(0, 1000)
	for i := range 200 {
		members = append(members, "s"+strconv.Itoa(i))
	}
	p.both(sadd("hs", members...)...)
	for _, opts := range [][]string{nil, {"COUNT", "1"}, {"COUNT", "100"}, {"MATCH", "s1*"}, {"MATCH", "*9", "COUNT", "7"}} {
		want, got := sscanAll(t, p.r, opts), sscanAll(t, p.n, opts)
		if !slices.Equal(want, got) {
			t.Errorf("SSCAN %v: redis %d members, nosql %d", opts, len(want), len(got))
		}
	}
}

// sscanAll runs a whole SSCAN iteration of hs (at most 10000 calls) and
// returns the distinct members met, sorted.
func sscanAll(t *testing.T, cl *tclient, opts []string) []string {
	seen := map[string]bool{}
	cursor := "0"
	for range 10000 {
		raw := cl.do(append([]string{"SSCAN", "hs", cursor}, opts...)...)
		lines := strings.Split(raw, "\r\n")
		if len(lines) < 4 || lines[0] != "*2" {
			t.Fatalf("SSCAN reply %q", raw)
		}
		cursor = lines[2]
		_, elems := replyElems(t, strings.Join(lines[3:], "\r\n"))
		for _, e := range elems {
			seen[e] = true
		}
		if cursor == "0" {
			break
		}
	}
	out := make([]string, 0, len(seen))
	for m := range seen {
		out = append(out, m)
	}
	slices.Sort(out)
	return out
}
