// diff_hash_test.go compares the hash commands with Redis, byte for byte in
// RESP2 and RESP3: ordinary use, errors in Redis's order, arity, wrong
// types, the listpack kept in insertion order, the conversion to a
// hashtable at CONFIG's thresholds (OBJECT ENCODING), large hashes
// (replies compared sorted), the generic key commands on hashes, MULTI,
// and a long seeded random sequence. Random replies (HRANDFIELD) and
// HSCAN over a hashtable are compared by their properties in
// hash_test.go. Each case that changes CONFIG sets it back at its end.
package main

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func hashSetCases() []diffCase {
	return []diffCase{
		{name: "hset", cmds: [][]string{c("HSET", "h1", "a", "1", "b", "2"), c("HSET", "h1", "a", "3", "c", "4"), c("HGETALL", "h1"),
			c("HLEN", "h1"), c("HGET", "h1", "a"), c("HGET", "h1", "zz"), c("HGET", "nokey", "a"), c("HSET", "h1", "d", "5", "d", "6"),
			c("HGETALL", "h1")}},
		{name: "hset-arity", cmds: [][]string{c("HSET", "h2"), c("HSET", "h2", "a"), c("HSET", "h2", "a", "1", "b"), c("HMSET", "h2", "a"),
			c("HMSET", "h2", "a", "1", "b"), c("HSETNX", "h2", "a"), c("HSETNX", "h2", "a", "1", "2"), c("HGET", "h2"), c("HGET", "h2", "a", "b"),
			c("EXISTS", "h2")}},
		{name: "hmset", cmds: [][]string{c("HMSET", "h3", "a", "1", "b", "2"), c("HMSET", "h3", "b", "3"), c("HGETALL", "h3"), c("hmset", "h3", "c", "")}},
		{name: "hsetnx", cmds: [][]string{c("HSETNX", "h4", "a", "1"), c("HSETNX", "h4", "a", "2"), c("HGET", "h4", "a"), c("HSETNX", "h4", "b", "3"),
			c("HGETALL", "h4")}},
		{name: "hset-order", cmds: [][]string{c("HSET", "h5", "z", "1", "y", "2", "x", "3"), c("HSET", "h5", "y", "22"), c("HDEL", "h5", "z"),
			c("HSET", "h5", "z", "111"), c("HKEYS", "h5"), c("HVALS", "h5"), c("HGETALL", "h5")}},
		{name: "hset-odd-values", cmds: [][]string{c("HSET", "h6", "", "", "a b", "\r\n", "\x00\xff", "x\x00y"), c("HGETALL", "h6"),
			c("HGET", "h6", ""), c("HSTRLEN", "h6", "\x00\xff"), c("HEXISTS", "h6", ""), c("HSET", "h6", "", "now")}},
		{name: "hset-case-insensitive", cmds: [][]string{c("hset", "h7", "a", "1"), c("HsEt", "h7", "b", "2"), c("hGeTaLl", "h7"), c("hlen", "h7")}},
		{name: "hmget", cmds: [][]string{c("HSET", "h8", "a", "1", "b", "2"), c("HMGET", "h8", "a", "x", "b", "a"), c("HMGET", "nokey", "a", "b"),
			c("HMGET", "h8"), c("HMGET", "h8", "b")}},
	}
}

func hashReadCases() []diffCase {
	return []diffCase{
		{name: "hdel", cmds: [][]string{c("HSET", "d1", "a", "1", "b", "2", "c", "3"), c("HDEL", "d1", "a", "x"), c("HDEL", "d1", "a"),
			c("HGETALL", "d1"), c("HDEL", "d1", "b", "b", "c", "d"), c("EXISTS", "d1"), c("HLEN", "d1"), c("HDEL", "d1", "a"), c("HDEL", "d1")}},
		{name: "hdel-many", cmds: [][]string{c("HSET", "d4", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5"),
			c("HDEL", "d4", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "a", "c", "a"), c("HGETALL", "d4"),
			c("HDEL", "d4", "b", "d", "e", "x1", "x2", "x3", "x4", "x5", "x6", "x7"), c("EXISTS", "d4")}},
		{name: "hlen-hstrlen-hexists", cmds: [][]string{c("HSET", "d2", "i", "-12345", "e", "", "s", "hello"), c("HLEN", "d2"),
			c("HSTRLEN", "d2", "i"), c("HSTRLEN", "d2", "e"), c("HSTRLEN", "d2", "s"), c("HSTRLEN", "d2", "x"), c("HSTRLEN", "nokey", "x"),
			c("HEXISTS", "d2", "e"), c("HEXISTS", "d2", "x"), c("HEXISTS", "nokey", "x"), c("HLEN", "nokey"), c("HLEN"), c("HSTRLEN", "d2"),
			c("HEXISTS", "d2", "a", "b")}},
		{name: "hstrlen-numbers", cmds: [][]string{c("HMSET", "d3", "a", minI64, "b", maxI64, "c", overI64, "d", "0", "e", "-1", "f", "007"),
			c("HSTRLEN", "d3", "a"), c("HSTRLEN", "d3", "b"), c("HSTRLEN", "d3", "c"), c("HSTRLEN", "d3", "d"), c("HSTRLEN", "d3", "e"),
			c("HSTRLEN", "d3", "f"), c("HGETALL", "d3")}},
		{name: "hgetall-missing", cmds: [][]string{c("HGETALL", "nokey"), c("HKEYS", "nokey"), c("HVALS", "nokey"), c("HGETALL"),
			c("HKEYS", "a", "b"), c("HVALS")}},
		{name: "hash-wrongtype", cmds: [][]string{c("SET", "w1", "v"), c("RPUSH", "w2", "a"), c("HSET", "w1", "a", "1"), c("HMSET", "w2", "a", "1"),
			c("HSETNX", "w1", "a", "1"), c("HGET", "w1", "a"), c("HMGET", "w2", "a"), c("HDEL", "w1", "a"), c("HLEN", "w2"),
			c("HSTRLEN", "w1", "a"), c("HEXISTS", "w1", "a"), c("HKEYS", "w1"), c("HVALS", "w2"), c("HGETALL", "w1"),
			c("HINCRBY", "w1", "a", "1"), c("HINCRBYFLOAT", "w1", "a", "1"), c("HRANDFIELD", "w1"), c("HRANDFIELD", "w1", "2"),
			c("HSCAN", "w1", "0"), c("GET", "w1"), c("HSET", "w3", "a", "1"), c("GET", "w3"), c("LPUSH", "w3", "x"), c("INCR", "w3"),
			c("APPEND", "w3", "x"), c("LLEN", "w3"), c("SET", "w3", "s"), c("TYPE", "w3")}},
	}
}

func hashIncrCases() []diffCase {
	return []diffCase{
		{name: "hincrby", cmds: [][]string{c("HINCRBY", "i1", "a", "5"), c("HINCRBY", "i1", "a", "-7"), c("HINCRBY", "i1", "b", "0"),
			c("HSET", "i1", "c", "17179869184"), c("HINCRBY", "i1", "c", "1"), c("HINCRBY", "i1", "c", "17179869184"), c("HGETALL", "i1")}},
		{name: "hincrby-errors", cmds: [][]string{c("HSET", "i2", "s", "x", "l", " 11", "r", "11 ", "z", "01", "f", "1.5", "e", ""),
			c("HINCRBY", "i2", "s", "1"), c("HINCRBY", "i2", "l", "1"), c("HINCRBY", "i2", "r", "1"), c("HINCRBY", "i2", "z", "1"),
			c("HINCRBY", "i2", "f", "1"), c("HINCRBY", "i2", "e", "1"), c("HINCRBY", "i2", "n", notInt), c("HINCRBY", "i2", "n", "1.0"),
			c("HINCRBY", "i2", "n", overI64), c("HINCRBY", "nokey", "n", notInt), c("HINCRBY", "i2", "n"), c("EXISTS", "nokey"),
			c("HGETALL", "i2")}},
		{name: "hincrby-overflow", cmds: [][]string{c("HSET", "i3", "max", maxI64, "min", minI64), c("HINCRBY", "i3", "max", "1"),
			c("HINCRBY", "i3", "min", "-1"), c("HINCRBY", "i3", "max", "-1"), c("HINCRBY", "i3", "min", "1"), c("HINCRBY", "i3", "max", minI64),
			c("HINCRBY", "i3", "n", minI64), c("HINCRBY", "i3", "n", "-1"), c("HGETALL", "i3")}},
		{name: "hincrbyfloat", cmds: [][]string{c("HINCRBYFLOAT", "f1", "a", "1.23"), c("HINCRBYFLOAT", "f1", "a", "0.77"),
			c("HINCRBYFLOAT", "f1", "a", "-0.1"), c("HINCRBYFLOAT", "f1", "b", "10"), c("HINCRBYFLOAT", "f1", "b", "-10"),
			c("HINCRBYFLOAT", "f1", "c", "1e300"), c("HINCRBYFLOAT", "f1", "d", "0x10"), c("HINCRBYFLOAT", "f1", "e", "3.0e3"),
			c("HSET", "f1", "i", "17179869184"), c("HINCRBYFLOAT", "f1", "i", "1.5"), c("HINCRBYFLOAT", "f1", "i", "17179869184"),
			c("HGETALL", "f1")}, unordered: map[int]bool{11: true}}, // 1e300 is past the listpack's 64 bytes
		{name: "hincrbyfloat-errors", cmds: [][]string{c("HSET", "f2", "s", "x", "l", " 1", "r", "1 ", "n", "1\x002", "e", "", "inf", "inf"),
			c("HINCRBYFLOAT", "f2", "s", "1"), c("HINCRBYFLOAT", "f2", "l", "1"), c("HINCRBYFLOAT", "f2", "r", "1"),
			c("HINCRBYFLOAT", "f2", "n", "1"), c("HINCRBYFLOAT", "f2", "e", "1"), c("HINCRBYFLOAT", "f2", "inf", "1"),
			c("HINCRBYFLOAT", "f2", "x", "inf"), c("HINCRBYFLOAT", "f2", "x", "+inf"), c("HINCRBYFLOAT", "f2", "x", "-Infinity"),
			c("HINCRBYFLOAT", "f2", "x", "nan"), c("HINCRBYFLOAT", "f2", "x", "abc"), c("HINCRBYFLOAT", "f2", "x", ""),
			c("HINCRBYFLOAT", "f2", "x", " 1"), c("HINCRBYFLOAT", "hfoo", "x", "+inf"), c("EXISTS", "hfoo"),
			c("HINCRBYFLOAT", "f2", "big", "1e4000"), c("HINCRBYFLOAT", "f2", "big", "1e4932"), c("HINCRBYFLOAT", "f2", "big", "1e4932"),
			c("HINCRBYFLOAT", "f2"), c("HGETALL", "f2")}, unordered: map[int]bool{20: true}},
	}
}

func hashRandomFieldCases() []diffCase {
	return []diffCase{
		{name: "hrandfield-errors", cmds: [][]string{c("HSET", "r1", "a", "1"), c("HRANDFIELD", "r1", notInt), c("HRANDFIELD", "r1", "1.5"),
			c("HRANDFIELD", "r1", minI64), c("HRANDFIELD", "r1", minI64, "WITHVALUES"), c("HRANDFIELD", "r1", "-9223372036854770000", "withvalues"),
			c("HRANDFIELD", "r1", "4611686018427387904", "withvalues"), c("HRANDFIELD", "r1", "4611686018427387903", "withvalues"),
			c("HRANDFIELD", "r1", "1", "withscores"), c("HRANDFIELD", "r1", "1", "withvalues", "x"), c("HRANDFIELD", "nokey", notInt),
			c("HRANDFIELD", "nokey", "1", "bad"), c("HRANDFIELD"), c("HRANDFIELD", "r1", overI64)}},
		{name: "hrandfield-missing", cmds: [][]string{c("HRANDFIELD", "nokey"), c("HRANDFIELD", "nokey", "5"), c("HRANDFIELD", "nokey", "-5", "WITHVALUES"),
			c("HRANDFIELD", "nokey", "0")}},
		{name: "hrandfield-one-field", cmds: [][]string{c("HSET", "r2", "f", "v"), c("HRANDFIELD", "r2"), c("HRANDFIELD", "r2", "0"),
			c("HRANDFIELD", "r2", "1"), c("HRANDFIELD", "r2", "-3"), c("HRANDFIELD", "r2", "-3", "WITHVALUES"), c("HRANDFIELD", "r2", "1", "withvalues"),
			c("HRANDFIELD", "r2", "5", "WITHVALUES"), c("HRANDFIELD", "r2", "0", "WITHVALUES")}},
		{name: "hrandfield-whole", cmds: [][]string{c("HSET", "r3", "c", "1", "b", "2", "a", "3"), c("HRANDFIELD", "r3", "3"),
			c("HRANDFIELD", "r3", "10", "WITHVALUES"), c("HRANDFIELD", "r3", maxI64)}},
	}
}

func hashScanCases() []diffCase {
	return []diffCase{
		{name: "hscan-listpack", cmds: [][]string{c("HMSET", "s1", "foo", "1", "fab", "2", "fiz", "3", "foobar", "10", "1", "a", "2", "b"),
			c("HSCAN", "s1", "0"), c("HSCAN", "s1", "0", "MATCH", "foo*", "COUNT", "10000"), c("HSCAN", "s1", "0", "match", "*"),
			c("HSCAN", "s1", "12345", "COUNT", "1"), c("HSCAN", "s1", "0", "MATCH", "[12]"), c("HSCAN", "s1", "0", "MATCH", "zz*"),
			c("HSCAN", "s1", "0", "COUNT", "2", "MATCH", "f*", "MATCH", "*a*")}},
		{name: "hscan-errors", cmds: [][]string{c("HSET", "s2", "a", "1"), c("HSCAN", "s2", "x"), c("HSCAN", "s2", "-1"), c("HSCAN", "s2", " 0"),
			c("HSCAN", "s2", "18446744073709551616"), c("HSCAN", "s2", "0", "COUNT", "0"), c("HSCAN", "s2", "0", "COUNT", "-1"),
			c("HSCAN", "s2", "0", "COUNT", notInt), c("HSCAN", "s2", "0", "COUNT"), c("HSCAN", "s2", "0", "MATCH"),
			c("HSCAN", "s2", "0", "TYPE", "hash"), c("HSCAN", "s2", "0", "FOO", "1"), c("HSCAN", "nokey", "0", "COUNT", "0"),
			c("HSCAN", "nokey", "x"), c("HSCAN", "nokey", "0"), c("HSCAN", "s2"), c("HSCAN", "s2", "0", "TYPE", "x", "COUNT", notInt),
			c("HSCAN", "s2", "0", "COUNT", notInt, "TYPE", "x"), c("HSCAN", "s2", "", "COUNT", "5")}},
	}
}

// hashEncodingCases move hashes across the listpack limits set by CONFIG.
func hashEncodingCases() []diffCase {
	long := strings.Repeat("x", 65)
	reset := [][]string{c("CONFIG", "SET", "hash-max-listpack-entries", "512"), c("CONFIG", "SET", "hash-max-listpack-value", "64")}
	return []diffCase{
		{name: "encoding-entries", cmds: append([][]string{c("CONFIG", "SET", "hash-max-listpack-entries", "4"),
			c("HSET", "e1", "a", "1", "b", "2", "c", "3", "d", "4"), c("OBJECT", "ENCODING", "e1"), c("HSET", "e1", "a", "5"),
			c("OBJECT", "ENCODING", "e1"), c("HSET", "e1", "e", "5"), c("OBJECT", "ENCODING", "e1"), c("HDEL", "e1", "a", "b", "c"),
			c("OBJECT", "ENCODING", "e1"), c("HGETALL", "e1"), c("CONFIG", "SET", "hash-max-ziplist-entries", "0"),
			c("HSET", "e2", "a", "1"), c("OBJECT", "ENCODING", "e2")}, reset...),
			unordered: map[int]bool{9: true}},
		{name: "encoding-value", cmds: append([][]string{c("CONFIG", "SET", "hash-max-listpack-value", "8"),
			c("HSET", "e3", "12345678", "12345678"), c("OBJECT", "ENCODING", "e3"), c("HSET", "e4", "a", "123456789"),
			c("OBJECT", "ENCODING", "e4"), c("HSET", "e5", "123456789", "a"), c("OBJECT", "ENCODING", "e5"),
			c("HSET", "e6", "a", "1"), c("HSET", "e6", "a", "123456789"), c("OBJECT", "ENCODING", "e6"),
			c("HSETNX", "e7", "a", "1"), c("HSETNX", "e7", "a", "123456789"), c("OBJECT", "ENCODING", "e7"),
			c("HSETNX", "e7", "b", "123456789"), c("OBJECT", "ENCODING", "e7"),
			c("HSET", "e8", "tmp", "0"), c("HINCRBYFLOAT", "e8", "tmp", "0.000005"), c("OBJECT", "ENCODING", "e8"),
			c("HSET", "e9", "tmp", "0"), c("HINCRBYFLOAT", "e9", "tmp", "0.0000005"), c("OBJECT", "ENCODING", "e9"),
			c("HINCRBYFLOAT", "e10", "abcdefgh", "1"), c("OBJECT", "ENCODING", "e10"), c("HINCRBYFLOAT", "e11", "abcdefghi", "1"),
			c("OBJECT", "ENCODING", "e11"), c("HINCRBY", "e12", "a", "123456789"), c("OBJECT", "ENCODING", "e12"),
			c("CONFIG", "SET", "hash-max-listpack-value", "64"), c("HSET", "e13", "a", long), c("OBJECT", "ENCODING", "e13"),
			c("HSET", "e14", "a", long[1:]), c("OBJECT", "ENCODING", "e14"), c("HSET", "e15", "a", "1", "b", long),
			c("OBJECT", "ENCODING", "e15")}, reset...)},
		{name: "encoding-big", cmds: [][]string{append([]string{"HSET", "e16"}, fieldPairs(600)...), c("OBJECT", "ENCODING", "e16"),
			c("HLEN", "e16"), c("HGET", "e16", "f:77"), c("HGET", "e16", "f:600"), c("HMGET", "e16", "f:0", "f:599", "nope"),
			c("HSTRLEN", "e16", "f:5"), c("HEXISTS", "e16", "f:500"), c("HGETALL", "e16"), c("HKEYS", "e16"), c("HVALS", "e16"),
			append([]string{"HDEL", "e16"}, fieldNames(590)...), c("HLEN", "e16"), c("HGETALL", "e16"), c("OBJECT", "ENCODING", "e16"),
			c("HINCRBY", "e16", "f:599", "5"), c("HINCRBYFLOAT", "e16", "f:599", "0.5"), c("HSETNX", "e16", "f:599", "x")},
			unordered: map[int]bool{8: true, 9: true, 10: true, 13: true}},
		{name: "encoding-crossed-in-one-command", cmds: append([][]string{append(append([]string{"HSET", "e17"}, fieldPairs(600)...), fieldPairs(10)...),
			c("HLEN", "e17"), c("CONFIG", "SET", "hash-max-listpack-entries", "4"), c("HSET", "e18", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5", "a", "6"),
			c("OBJECT", "ENCODING", "e18"), c("HGETALL", "e18"), c("HSET", "e18", "a", "7", "f", "8"), c("HLEN", "e18"),
			append([]string{"HSET", "e19"}, fieldPairs(20000)...), c("HLEN", "e19"), c("HGET", "e19", "f:19999"),
			append([]string{"HDEL", "e19"}, fieldNames(19990)...), c("HGETALL", "e19")}, reset...),
			unordered: map[int]bool{5: true, 12: true}},
	}
}

// fieldPairs returns "f:0" "v:0" ... for n fields.
func fieldPairs(n int) []string {
	out := make([]string, 0, 2*n)
	for i := 0; i < n; i++ {
		out = append(out, "f:"+strconv.Itoa(i), "v:"+strconv.Itoa(i))
	}
	return out
}

// fieldNames returns "f:0" ... "f:n-1".
func fieldNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "f:" + strconv.Itoa(i)
	}
	return out
}

// hashKeyCases use the key-level commands on hashes.
func hashKeyCases() []diffCase {
	return []diffCase{
		{name: "hash-type-scan", cmds: [][]string{c("HSET", "k1", "a", "1"), c("SET", "k2", "v"), c("RPUSH", "k3", "x"), c("TYPE", "k1"),
			c("SCAN", "0", "TYPE", "hash", "COUNT", "1000"), c("SCAN", "0", "TYPE", "HASH"), c("KEYS", "*"), c("EXISTS", "k1"),
			c("OBJECT", "ENCODING", "k1"), c("DEL", "k1"), c("TYPE", "k1")}, unordered: map[int]bool{6: true}},
		{name: "hash-copy-rename-move", cmds: [][]string{c("HSET", "k4", "a", "1", "b", "2"), c("COPY", "k4", "k5"), c("HSET", "k5", "a", "9"),
			c("HGETALL", "k4"), c("HGETALL", "k5"), c("COPY", "k4", "k5"), c("COPY", "k4", "k5", "REPLACE"), c("HGETALL", "k5"),
			c("RENAME", "k5", "k6"), c("HGETALL", "k6"), c("EXISTS", "k5"), c("MOVE", "k6", "1"), c("EXISTS", "k6"), c("SELECT", "1"),
			c("HGETALL", "k6"), c("OBJECT", "ENCODING", "k6"), c("COPY", "k6", "k4", "DB", "0"), c("COPY", "k6", "k7", "DB", "0"),
			c("FLUSHDB"), c("SELECT", "0"), c("HGETALL", "k7"), c("RENAMENX", "k7", "k4"), c("RENAMENX", "k7", "k8"), c("TYPE", "k8")}},
		{name: "hash-copy-hashtable", cmds: [][]string{append([]string{"HSET", "k9"}, fieldPairs(520)...), c("COPY", "k9", "k10"),
			c("HDEL", "k9", "f:1"), c("HLEN", "k9"), c("HLEN", "k10"), c("OBJECT", "ENCODING", "k10"), c("HGET", "k10", "f:1")}},
		{name: "hash-expire", cmds: [][]string{c("HSET", "k11", "a", "1"), c("EXPIRE", "k11", "100"), c("HSET", "k11", "b", "2"), c("TTL", "k11"),
			c("HDEL", "k11", "a"), c("TTL", "k11"), c("HINCRBY", "k11", "c", "1"), c("TTL", "k11"), c("PERSIST", "k11"), c("TTL", "k11"),
			c("PEXPIREAT", "k11", "1"), c("HGETALL", "k11"), c("EXISTS", "k11"), c("HSET", "k12", "a", "1"),
			c("EXPIRE", "k12", "100"), c("HDEL", "k12", "a"), c("TTL", "k12"), c("HSET", "k12", "a", "1"), c("TTL", "k12")}},
		{name: "memory-usage-errors", cmds: [][]string{c("MEMORY", "USAGE", "nokey"), c("MEMORY", "USAGE", "nokey", "SAMPLES", "5"),
			c("HSET", "k14", "a", "1"), c("MEMORY", "USAGE", "k14", "SAMPLES"), c("MEMORY", "USAGE", "k14", "SAMPLES", "-1"),
			c("MEMORY", "USAGE", "k14", "SAMPLES", notInt), c("MEMORY", "USAGE", "k14", "FOO", "1"), c("MEMORY", "USAGE"), c("MEMORY"),
			c("MEMORY", "FOO"), c("MEMORY", "USAGE", "nokey", "samples", "0", "SAMPLES")}},
		{name: "hash-multi", cmds: [][]string{c("MULTI"), c("HSET", "k13", "a", "1"), c("HINCRBY", "k13", "a", "2"), c("HGET", "k13", "a"),
			c("HGETALL", "k13"), c("HSET", "k13", "x"), c("EXEC"), c("MULTI"), c("HSET", "k13", "b", "2"), c("HINCRBY", "k13", "b", "x"),
			c("HGETALL", "k13"), c("EXEC"), c("HGETALL", "k13")}},
	}
}

// randomHashCase is a long seeded random mix of hash commands on three
// keys (one of them a string), small enough to stay listpacks, so every
// reply, in insertion order, compares byte for byte.
func randomHashCase() diffCase {
	rng := rand.New(rand.NewPCG(10, 3))
	keys := []string{"x1", "x2", "x3"}
	cmds := [][]string{c("SET", "x3", "str")}
	field := func() string { return string(rune('a' + rng.IntN(8))) }
	num := func() string { return strconv.Itoa(rng.IntN(21) - 10) }
	for i := 0; i < 400; i++ {
		k := keys[rng.IntN(len(keys))]
		var cmd []string
		switch rng.IntN(10) {
		case 0:
			cmd = c("HSET", k, field(), num(), field(), field())
		case 1:
			cmd = c("HSETNX", k, field(), num())
		case 2:
			cmd = c("HDEL", k, field(), field())
		case 3:
			cmd = c("HINCRBY", k, field(), num())
		case 4:
			cmd = c("HINCRBYFLOAT", k, field(), num()+".5")
		case 5:
			cmd = c("HMGET", k, field(), field(), field())
		case 6:
			cmd = c("HSTRLEN", k, field())
		case 7:
			cmd = c("HEXISTS", k, field())
		case 8:
			cmd = c("HSCAN", k, "0", "MATCH", "["+field()+field()+"]")
		default:
			cmd = c("HLEN", k)
		}
		cmds = append(cmds, cmd, c("HGETALL", k))
	}
	return diffCase{name: "random", cmds: cmds}
}

// TestDiffHash runs the hash cases against Redis.
func TestDiffHash(t *testing.T) {
	var all []diffCase
	for _, group := range [][]diffCase{hashSetCases(), hashReadCases(), hashIncrCases(), hashRandomFieldCases(), hashScanCases(),
		hashEncodingCases(), hashKeyCases(), {randomHashCase()}} {
		all = append(all, group...)
	}
	runDiff(t, all)
}
