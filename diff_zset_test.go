// diff_zset_test.go compares the sorted-set commands with Redis, in RESP2
// and RESP3: scores as Redis reads and writes them, every option of ZADD,
// the range commands with every kind of bound and LIMIT, the stores, the
// pops, the operations over several keys, errors and arities, both
// encodings (small sets and sets past zset-max-listpack-entries), and a
// seeded random sequence. Commands with random replies (ZRANDMEMBER) and
// the cursors of ZSCAN over a large set are checked for their properties
// in zset_test.go.
package main

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// scoreTexts are scores as clients write them: each is ZADDed and read
// back, so the parsing and the formatting are compared at once.
var scoreTexts = []string{"0", "1", "-1", "3.0", "0.1", "-0.1", "1e100", "-0", "-0.0", "+0", "inf", "-inf", "+inf",
	"Inf", "INFINITY", "-Infinity", "1e-5", "0.0001", "123456789012345678", "9007199254740993", "5e-324",
	"4.9e-324", "1.7976931348623157e308", "2.2250738585072014e-308", "1e-310", "0x10", "0X1p-3", "0x.8",
	"0x1P+2", ".5", "5.", "+.5e1", "1E2", "1e+2", "00012", "3.14159265358979323846", "1e15", "1e16", "1e17",
	"-1e17", "0.30000000000000004", "100", "1.5e300"}

// badScores are refused by ZADD: not numbers, NaN, out of range, or with
// something around the number.
var badScores = []string{"", " 1", "1 ", "abc", "nan", "NaN", "-nan", "nan(123)", "1e400", "-1e400", "1e-400",
	"0x1p-2000", "1e", "1e+", "0x", "--1", "+-1", "1.2.3", ".", "inf1", "infinit", "1\x00", "\t1", "1_000", "0x1_0"}

func zaddCases() []diffCase {
	var formats, bad [][]string
	for i, s := range scoreTexts {
		m := "m" + strconv.Itoa(i)
		formats = append(formats, c("ZADD", "zf", s, m), c("ZSCORE", "zf", m))
	}
	formats = append(formats, c("ZRANGE", "zf", "0", "-1", "WITHSCORES"), c("ZINCRBY", "zf", "0.1", "m0"),
		c("ZINCRBY", "zf", "1e100", "m0"))
	for _, s := range badScores {
		bad = append(bad, c("ZADD", "zb", s, "m"), c("ZINCRBY", "zb", s, "m"))
	}
	bad = append(bad, c("EXISTS", "zb"))
	return []diffCase{
		{name: "zadd-score-formats", cmds: formats},
		{name: "zadd-bad-scores", cmds: bad},
		{name: "zadd-basic", cmds: [][]string{c("ZADD", "z1", "1", "a", "2", "b", "3", "c"), c("ZADD", "z1", "1", "a", "5", "b", "0", "d"),
			c("ZRANGE", "z1", "0", "-1", "WITHSCORES"), c("ZCARD", "z1"), c("TYPE", "z1"), c("OBJECT", "ENCODING", "z1")}},
		{name: "zadd-same-member-twice", cmds: [][]string{c("ZADD", "z2", "1", "a", "2", "a", "3", "b"), c("ZRANGE", "z2", "0", "-1", "WITHSCORES")}},
		{name: "zadd-nx-xx", cmds: [][]string{c("ZADD", "z3", "XX", "1", "a"), c("EXISTS", "z3"), c("ZADD", "z3", "NX", "1", "a", "2", "b"),
			c("ZADD", "z3", "NX", "5", "a", "3", "c"), c("ZADD", "z3", "XX", "7", "a", "9", "d"), c("ZADD", "z3", "XX", "CH", "8", "a", "9", "d"),
			c("ZRANGE", "z3", "0", "-1", "WITHSCORES"), c("ZADD", "z3", "NX", "XX", "1", "a")}},
		{name: "zadd-gt-lt", cmds: [][]string{c("ZADD", "z4", "10", "a", "20", "b"), c("ZADD", "z4", "GT", "CH", "5", "a", "25", "b", "1", "new"),
			c("ZADD", "z4", "LT", "CH", "5", "a", "30", "b", "2", "new2"), c("ZADD", "z4", "GT", "XX", "100", "a", "100", "zz"),
			c("ZADD", "z4", "LT", "XX", "CH", "-1", "b", "1", "yy"), c("ZRANGE", "z4", "0", "-1", "WITHSCORES"),
			c("ZADD", "z4", "GT", "LT", "1", "a"), c("ZADD", "z4", "NX", "GT", "1", "a"), c("ZADD", "z4", "NX", "LT", "1", "a")}},
		{name: "zadd-ch", cmds: [][]string{c("ZADD", "z5", "CH", "1", "a", "2", "b"), c("ZADD", "z5", "CH", "1", "a", "3", "b", "4", "c"),
			c("ZADD", "z5", "ch", "1", "a"), c("ZADD", "z5", "1", "a", "9", "b")}},
		{name: "zadd-incr", cmds: [][]string{c("ZADD", "z6", "INCR", "1", "a"), c("ZADD", "z6", "INCR", "2.5", "a"), c("ZADD", "z6", "INCR", "NX", "1", "a"),
			c("ZADD", "z6", "INCR", "XX", "1", "b"), c("ZADD", "z6", "INCR", "GT", "-1", "a"), c("ZADD", "z6", "INCR", "LT", "-1", "a"),
			c("ZADD", "z6", "INCR", "GT", "0", "a"), c("ZADD", "z6", "INCR", "1", "a", "1", "b"), c("ZADD", "z6", "INCR", "inf", "a"),
			c("ZADD", "z6", "INCR", "-inf", "a"), c("ZSCORE", "z6", "a"), c("ZADD", "z6", "INCR", "XX", "1", "missing"),
			c("ZADD", "z6new", "INCR", "XX", "1", "a"), c("EXISTS", "z6new"), c("ZADD", "z6", "INCR", "-0", "m0")}},
		{name: "zadd-syntax", cmds: [][]string{c("ZADD", "z7", "1"), c("ZADD", "z7", "1", "a", "2"), c("ZADD", "z7", "NX"), c("ZADD", "z7", "NX", "XX"),
			c("ZADD", "z7", "FOO", "1", "a"), c("ZADD", "z7", "1", "a", "b", "c"), c("ZADD", "z7", "1", "a", "NX", "2"), c("ZADD", "z7"), c("ZADD"),
			c("ZADD", "z7", "XX", "NX", "x", "a"), c("ZADD", "z7", "INCR", "1", "a", "bad", "b"), c("EXISTS", "z7")}},
		{name: "zadd-wrongtype", cmds: [][]string{c("SET", "z8", "v"), c("ZADD", "z8", "1", "a"), c("ZADD", "z8", "x", "a"), c("ZINCRBY", "z8", "1", "a"),
			c("RPUSH", "z8l", "a"), c("ZADD", "z8l", "XX", "1", "a"), c("ZSCORE", "z8", "a"), c("ZCARD", "z8")}},
		{name: "zincrby", cmds: [][]string{c("ZINCRBY", "z9", "1", "a"), c("ZINCRBY", "z9", "-3.5", "a"), c("ZINCRBY", "z9", "inf", "a"),
			c("ZINCRBY", "z9", "-inf", "a"), c("ZSCORE", "z9", "a"), c("ZINCRBY", "z9", "nan", "a"), c("ZINCRBY", "z9", "1"),
			c("ZINCRBY", "z9", "NX", "a"), c("ZINCRBY", "z9", "incr", "a"), c("ZINCRBY", "z9", "0.1", "b"), c("ZINCRBY", "z9", "0.2", "b")}},
	}
}

func zsetReadCases() []diffCase {
	return []diffCase{
		{name: "zrem", cmds: [][]string{c("ZADD", "r1", "1", "a", "2", "b", "3", "c"), c("ZREM", "r1", "a", "x", "a"), c("ZREM", "r1", "missing"),
			c("ZCARD", "r1"), c("ZREM", "r1", "b", "c", "d"), c("EXISTS", "r1"), c("ZREM", "r1", "a"), c("ZREM", "r1"), c("SET", "r1s", "v"),
			c("ZREM", "r1s", "a")}},
		{name: "zscore-zmscore", cmds: [][]string{c("ZADD", "r2", "1.5", "a", "-2", "b"), c("ZSCORE", "r2", "a"), c("ZSCORE", "r2", "x"),
			c("ZSCORE", "r2missing", "a"), c("ZMSCORE", "r2", "a", "x", "b"), c("ZMSCORE", "r2missing", "a", "b"), c("ZMSCORE", "r2"),
			c("ZSCORE", "r2"), c("SET", "r2s", "v"), c("ZMSCORE", "r2s", "a"), c("ZSCORE", "r2s", "a")}},
		{name: "zrank", cmds: [][]string{c("ZADD", "r3", "1", "a", "2", "b", "3", "c", "2", "bb"), c("ZRANK", "r3", "a"), c("ZRANK", "r3", "bb"),
			c("ZREVRANK", "r3", "a"), c("ZREVRANK", "r3", "c"), c("ZRANK", "r3", "x"), c("ZREVRANK", "r3missing", "a"),
			c("ZRANK", "r3", "a", "WITHSCORE"), c("SET", "r3s", "v"), c("ZRANK", "r3s", "a")}},
		{name: "zcard-arity", cmds: [][]string{c("ZCARD"), c("ZCARD", "a", "b"), c("ZCARD", "missing"), c("ZSCORE", "a"), c("ZRANK", "a"), c("ZREM", "a")}},
		{name: "ties-order", cmds: [][]string{c("ZADD", "r4", "1", "b", "1", "a", "1", "c", "1", "", "1", "ab", "0", "z", "1", "A"),
			c("ZRANGE", "r4", "0", "-1", "WITHSCORES"), c("ZRANK", "r4", ""), c("ZRANK", "r4", "ab")}},
		{name: "zero-signs", cmds: [][]string{c("ZADD", "r5", "-0", "a", "0", "b"), c("ZRANGE", "r5", "0", "-1", "WITHSCORES"), c("ZINCRBY", "r5", "-0", "a"),
			c("ZADD", "r5", "GT", "CH", "-0", "b"), c("ZSCORE", "r5", "a")}},
	}
}

func zrangeCases() []diffCase {
	set := c("ZADD", "g", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "5", "f", "-inf", "lo", "+inf", "hi")
	return []diffCase{
		{name: "zrange-ranks", cmds: [][]string{set, c("ZRANGE", "g", "0", "-1"), c("ZRANGE", "g", "2", "4", "WITHSCORES"), c("ZRANGE", "g", "-3", "-1"),
			c("ZRANGE", "g", "5", "2"), c("ZRANGE", "g", "-100", "100"), c("ZRANGE", "g", "100", "200"), c("ZRANGE", "g", minI64, maxI64),
			c("ZRANGE", "g", "0", "-1", "REV", "WITHSCORES"), c("ZRANGE", "g", "1", "2", "REV"), c("ZREVRANGE", "g", "0", "2", "WITHSCORES"),
			c("ZREVRANGE", "g", "-2", "-1"), c("ZRANGE", "missing", "0", "-1"), c("ZRANGE", "g", "0", "x"), c("ZRANGE", "g", "0.5", "1")}},
		{name: "zrange-byscore", cmds: [][]string{set, c("ZRANGE", "g", "2", "4", "BYSCORE"), c("ZRANGE", "g", "(2", "(5", "BYSCORE", "WITHSCORES"),
			c("ZRANGE", "g", "-inf", "+inf", "BYSCORE"), c("ZRANGE", "g", "(-inf", "(+inf", "BYSCORE"), c("ZRANGE", "g", "5", "2", "BYSCORE", "REV"),
			c("ZRANGE", "g", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "1", "3"), c("ZRANGE", "g", "2", "5", "BYSCORE", "LIMIT", "1", "2"),
			c("ZRANGE", "g", "2", "5", "BYSCORE", "LIMIT", "1", "-1"), c("ZRANGE", "g", "2", "5", "BYSCORE", "LIMIT", "-1", "2"),
			c("ZRANGE", "g", "2", "5", "BYSCORE", "LIMIT", "0", "0"), c("ZRANGE", "g", "2", "5", "BYSCORE", "LIMIT", "10", "2"),
			c("ZRANGE", "g", "5", "2", "BYSCORE"), c("ZRANGE", "g", "(3", "3", "BYSCORE"), c("ZRANGE", "g", "3", "(3", "BYSCORE"),
			c("ZRANGE", "g", "x", "3", "BYSCORE"), c("ZRANGE", "g", "nan", "3", "BYSCORE"), c("ZRANGE", "g", "(", "3", "BYSCORE"),
			c("ZRANGE", "g", "", "3", "BYSCORE"), c("ZRANGE", "g", " 1", "3 ", "BYSCORE"), c("ZRANGE", "g", "1e400", "-1e400", "BYSCORE", "REV"),
			c("ZRANGE", "g", "2\x00junk", "3", "BYSCORE"), c("ZRANGE", "g", "0x2", "0x3", "BYSCORE")}},
		{name: "zrangebyscore", cmds: [][]string{set, c("ZRANGEBYSCORE", "g", "2", "4"), c("ZRANGEBYSCORE", "g", "-inf", "+inf", "WITHSCORES", "LIMIT", "2", "3"),
			c("ZREVRANGEBYSCORE", "g", "4", "2"), c("ZREVRANGEBYSCORE", "g", "+inf", "(5", "WITHSCORES"), c("ZREVRANGEBYSCORE", "g", "2", "4"),
			c("ZRANGEBYSCORE", "g", "1", "2", "REV"), c("ZRANGEBYSCORE", "g", "1", "2", "BYSCORE"), c("ZRANGEBYSCORE", "g", "1", "2", "LIMIT", "1"),
			c("ZRANGEBYSCORE", "g", "1", "2", "LIMIT", "a", "1"), c("ZRANGEBYSCORE", "missing", "1", "2"), c("ZREVRANGEBYSCORE", "g", "x", "1"),
			c("ZRANGEBYSCORE", "g", "1", "2", "WITHSCORES", "WITHSCORES", "LIMIT", "0", "1", "LIMIT", "1", "1")}},
		{name: "zrange-bylex", cmds: [][]string{c("ZADD", "x", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e", "0", "ee", "0", ""),
			c("ZRANGE", "x", "[b", "(e", "BYLEX"), c("ZRANGE", "x", "-", "+", "BYLEX"), c("ZRANGE", "x", "+", "-", "BYLEX", "REV"),
			c("ZRANGE", "x", "(e", "[b", "BYLEX", "REV", "LIMIT", "1", "2"), c("ZRANGEBYLEX", "x", "[", "[c"), c("ZRANGEBYLEX", "x", "(", "+"),
			c("ZRANGEBYLEX", "x", "-", "-"), c("ZRANGEBYLEX", "x", "+", "+"), c("ZRANGEBYLEX", "x", "[e", "[b"), c("ZRANGEBYLEX", "x", "[b", "[b"),
			c("ZRANGEBYLEX", "x", "(b", "(b"), c("ZREVRANGEBYLEX", "x", "[d", "-", "LIMIT", "0", "2"), c("ZRANGEBYLEX", "x", "b", "[c"),
			c("ZRANGEBYLEX", "x", "[a", "c"), c("ZRANGEBYLEX", "x", "-a", "+"), c("ZRANGE", "x", "-", "+", "BYLEX", "WITHSCORES"),
			c("ZRANGEBYLEX", "x", "-", "+", "WITHSCORES"), c("ZRANGEBYLEX", "x", "-", "+", "LIMIT", "-1", "3"), c("ZLEXCOUNT", "x", "[b", "+"),
			c("ZLEXCOUNT", "x", "-", "+"), c("ZLEXCOUNT", "x", "(e", "[e"), c("ZLEXCOUNT", "x", "a", "b"), c("ZLEXCOUNT", "missing", "-", "+")}},
		{name: "zrange-syntax", cmds: [][]string{set, c("ZRANGE", "g", "0", "1", "LIMIT", "0", "1"), c("ZRANGE", "g", "0", "1", "LIMIT", "0", "-1"),
			c("ZRANGE", "g", "0", "1", "BYSCORE", "BYLEX"), c("ZRANGE", "g", "0", "1", "REV", "REV"), c("ZRANGE", "g", "0", "1", "FOO"),
			c("ZRANGE", "g", "0", "1", "LIMIT"), c("ZRANGE", "g", "0", "1", "LIMIT", "1"), c("ZRANGE", "g", "(0", "1"),
			c("ZRANGE", "g", "0", "1", "BYLEX", "WITHSCORES"), c("ZREVRANGE", "g", "0", "1", "REV"), c("ZREVRANGE", "g", "0", "1", "LIMIT", "0", "1"),
			c("ZRANGE", "g", "0"), c("ZRANGE", "g"), c("ZRANGEBYLEX", "g", "-", "+", "BYSCORE"), c("SET", "gs", "v"),
			c("ZRANGE", "gs", "0", "1"), c("ZRANGE", "gs", "0", "x"), c("ZRANGEBYSCORE", "gs", "0", "1")}},
		{name: "zcount", cmds: [][]string{set, c("ZCOUNT", "g", "2", "4"), c("ZCOUNT", "g", "(2", "(5"), c("ZCOUNT", "g", "-inf", "+inf"),
			c("ZCOUNT", "g", "5", "1"), c("ZCOUNT", "g", "x", "1"), c("ZCOUNT", "missing", "0", "1"), c("ZCOUNT", "g", "5", "5"),
			c("SET", "gs", "v"), c("ZCOUNT", "gs", "0", "1"), c("ZCOUNT", "gs", "x", "1")}},
		{name: "zrangestore", cmds: [][]string{set, c("ZRANGESTORE", "dst", "g", "0", "2"), c("ZRANGE", "dst", "0", "-1", "WITHSCORES"),
			c("ZRANGESTORE", "dst", "g", "(2", "+inf", "BYSCORE", "LIMIT", "1", "2"), c("ZRANGE", "dst", "0", "-1", "WITHSCORES"),
			c("ZRANGESTORE", "dst", "g", "5", "1", "BYSCORE", "REV"), c("ZRANGE", "dst", "0", "-1", "WITHSCORES"),
			c("EXPIRE", "dst", "100"), c("ZRANGESTORE", "dst", "g", "0", "0"), c("TTL", "dst"),
			c("ZRANGESTORE", "dst", "g", "10", "20"), c("EXISTS", "dst"), c("ZRANGESTORE", "dst", "missing", "0", "-1"),
			c("ZRANGESTORE", "dst", "g", "0", "1", "WITHSCORES"), c("ZRANGESTORE", "dst", "g", "0"), c("SET", "gs", "v"),
			c("ZRANGESTORE", "dst", "gs", "0", "1"), c("ZRANGESTORE", "gs", "g", "0", "1"), c("TYPE", "gs"), c("ZRANGESTORE", "g", "g", "1", "2"),
			c("ZRANGE", "g", "0", "-1")}},
		{name: "zremrange", cmds: [][]string{set, c("ZREMRANGEBYRANK", "g", "0", "1"), c("ZRANGE", "g", "0", "-1"), c("ZREMRANGEBYSCORE", "g", "(3", "5"),
			c("ZRANGE", "g", "0", "-1"), c("ZREMRANGEBYRANK", "g", "5", "1"), c("ZREMRANGEBYRANK", "g", "x", "1"), c("ZREMRANGEBYSCORE", "g", "x", "1"),
			c("ZREMRANGEBYLEX", "g", "x", "1"), c("ZADD", "lx", "0", "a", "0", "b", "0", "c"), c("ZREMRANGEBYLEX", "lx", "[b", "+"),
			c("ZRANGE", "lx", "0", "-1"), c("ZREMRANGEBYLEX", "lx", "-", "+"), c("EXISTS", "lx"), c("ZREMRANGEBYRANK", "g", "0", "-1"),
			c("EXISTS", "g"), c("ZREMRANGEBYRANK", "missing", "0", "1"), c("SET", "gs", "v"), c("ZREMRANGEBYSCORE", "gs", "0", "1"),
			c("ZREMRANGEBYRANK", "g", "-1")}},
	}
}

func zpopCases() []diffCase {
	set := c("ZADD", "p", "1", "a", "2", "b", "3", "c", "4", "d")
	return []diffCase{
		{name: "zpop", cmds: [][]string{set, c("ZPOPMIN", "p"), c("ZPOPMAX", "p"), c("ZPOPMIN", "p", "0"), c("ZPOPMAX", "p", "5"),
			c("EXISTS", "p"), c("ZPOPMIN", "p"), c("ZPOPMIN", "p", "2"), c("ZPOPMIN", "p", "-1"), c("ZPOPMIN", "p", "x"),
			c("ZPOPMIN", "p", "1", "2"), set, c("ZPOPMIN", "p", "2"), c("ZPOPMAX", "p", "1"), c("SET", "ps", "v"), c("ZPOPMIN", "ps"),
			c("ZPOPMAX", "ps", "0"), c("ZPOPMIN")}},
		{name: "zmpop", cmds: [][]string{set, c("ZMPOP", "2", "none", "p", "MIN"), c("ZMPOP", "1", "p", "MAX", "COUNT", "2"),
			c("ZMPOP", "1", "p", "min", "count", "10"), c("ZMPOP", "1", "p", "MIN"), c("ZMPOP", "0", "p", "MIN"), c("ZMPOP", "x", "p", "MIN"),
			c("ZMPOP", "2", "p", "MIN"), c("ZMPOP", "1", "p", "MID"), c("ZMPOP", "1", "p", "MIN", "COUNT"), c("ZMPOP", "1", "p", "MIN", "COUNT", "0"),
			c("ZMPOP", "1", "p", "MIN", "COUNT", "1", "COUNT", "1"), c("ZMPOP", "1", "p", "MIN", "FOO"), c("ZMPOP", "1", "p"),
			c("SET", "ps", "v"), c("ZMPOP", "2", "missing", "ps", "MIN"), set, c("ZMPOP", "2", "p", "ps", "MAX", "COUNT", "1"),
			c("ZMPOP", "-1", "p", "MIN")}},
	}
}

func zsetOpCases() []diffCase {
	a := c("ZADD", "a", "1", "x", "2", "y", "3", "z")
	b := c("ZADD", "b", "10", "y", "20", "z", "30", "w")
	return []diffCase{
		{name: "zunion", cmds: [][]string{a, b, c("ZUNION", "2", "a", "b"), c("ZUNION", "2", "a", "b", "WITHSCORES"),
			c("ZUNION", "2", "a", "b", "WEIGHTS", "2", "0.5", "WITHSCORES"), c("ZUNION", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES"),
			c("ZUNION", "2", "a", "b", "AGGREGATE", "max", "WEIGHTS", "1", "-1", "WITHSCORES"), c("ZUNION", "3", "a", "missing", "b", "WITHSCORES"),
			c("ZUNION", "1", "missing"), c("ZUNION", "2", "a", "a", "WITHSCORES"), c("ZUNION", "2", "a", "b", "WEIGHTS", "1"),
			c("ZUNION", "2", "a", "b", "WEIGHTS", "1", "x"), c("ZUNION", "2", "a", "b", "WEIGHTS", "1", "nan"), c("ZUNION", "2", "a", "b", "AGGREGATE", "AVG"),
			c("ZUNION", "2", "a", "b", "AGGREGATE"), c("ZUNION", "2", "a", "b", "FOO"), c("ZUNION", "0", "a"), c("ZUNION", "-1", "a"),
			c("ZUNION", "x", "a"), c("ZUNION", "3", "a", "b"), c("ZUNION", "2", "a")}},
		{name: "zinter", cmds: [][]string{a, b, c("ZINTER", "2", "a", "b"), c("ZINTER", "2", "a", "b", "WITHSCORES"),
			c("ZINTER", "2", "a", "b", "WEIGHTS", "0", "1", "AGGREGATE", "MAX", "WITHSCORES"), c("ZINTER", "2", "a", "missing"),
			c("ZINTER", "1", "a", "WITHSCORES"), c("ZINTER", "2", "a", "a", "WITHSCORES"), c("ZINTER", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES")}},
		{name: "zdiff", cmds: [][]string{a, b, c("ZDIFF", "2", "a", "b"), c("ZDIFF", "2", "b", "a", "WITHSCORES"), c("ZDIFF", "2", "a", "a"),
			c("ZDIFF", "3", "a", "missing", "b", "WITHSCORES"), c("ZDIFF", "2", "missing", "a"), c("ZDIFF", "2", "a", "b", "WEIGHTS", "1", "2"),
			c("ZDIFF", "2", "a", "b", "AGGREGATE", "SUM"), c("ZDIFF", "1", "a", "WITHSCORES")}},
		{name: "zintercard", cmds: [][]string{a, b, c("ZINTERCARD", "2", "a", "b"), c("ZINTERCARD", "2", "a", "b", "LIMIT", "1"),
			c("ZINTERCARD", "2", "a", "b", "LIMIT", "0"), c("ZINTERCARD", "1", "a", "LIMIT", "2"), c("ZINTERCARD", "2", "a", "b", "LIMIT", "-1"),
			c("ZINTERCARD", "2", "a", "b", "LIMIT", "x"), c("ZINTERCARD", "2", "a", "b", "WITHSCORES"), c("ZINTERCARD", "2", "a", "b", "WEIGHTS", "1", "1"),
			c("ZINTERCARD", "0", "a"), c("ZINTERCARD", "2", "a", "missing"), c("ZINTERCARD", "3", "a", "b")}},
		{name: "zsetop-stores", cmds: [][]string{a, b, c("ZUNIONSTORE", "d", "2", "a", "b", "WEIGHTS", "2", "3"), c("ZRANGE", "d", "0", "-1", "WITHSCORES"),
			c("ZINTERSTORE", "d", "2", "a", "b", "AGGREGATE", "MAX"), c("ZRANGE", "d", "0", "-1", "WITHSCORES"), c("ZDIFFSTORE", "d", "2", "a", "b"),
			c("ZRANGE", "d", "0", "-1", "WITHSCORES"), c("EXPIRE", "d", "100"), c("ZUNIONSTORE", "d", "1", "a"), c("TTL", "d"),
			c("ZINTERSTORE", "d", "2", "a", "missing"), c("EXISTS", "d"), c("ZUNIONSTORE", "d", "2", "a", "b", "WITHSCORES"),
			c("ZUNIONSTORE", "a", "2", "a", "b"), c("ZRANGE", "a", "0", "-1", "WITHSCORES"), c("ZDIFFSTORE", "d", "0", "a"),
			c("ZINTERSTORE", "d", "x", "a"), c("ZUNIONSTORE", "d", "3", "a", "b"), c("SET", "s", "v"), c("ZUNIONSTORE", "d", "2", "a", "s"),
			c("ZUNIONSTORE", "s", "1", "a"), c("TYPE", "s"), c("ZUNIONSTORE", "d"), c("ZINTERSTORE", "d", "1")}},
		{name: "zsetop-wrongtype-first", cmds: [][]string{a, c("SET", "s", "v"), c("ZUNION", "2", "a", "s", "FOO"), c("ZINTER", "2", "s", "a", "WEIGHTS", "x"),
			c("ZINTERCARD", "2", "a", "s", "LIMIT", "-1"), c("ZDIFF", "2", "a", "s")}},
		{name: "zsetop-inf-nan", cmds: [][]string{c("ZADD", "i1", "inf", "x", "-inf", "y", "1", "z"), c("ZADD", "i2", "-inf", "x", "-inf", "y", "2", "z"),
			c("ZUNION", "2", "i1", "i2", "WITHSCORES"), c("ZINTER", "2", "i1", "i2", "WITHSCORES"), c("ZUNION", "2", "i1", "i2", "WEIGHTS", "0", "0", "WITHSCORES"),
			c("ZINTER", "2", "i1", "i2", "WEIGHTS", "0", "1", "AGGREGATE", "MIN", "WITHSCORES"),
			c("ZINTER", "2", "i1", "i2", "WEIGHTS", "1", "0", "AGGREGATE", "MAX", "WITHSCORES")}},
		{name: "zsetop-with-sets", cmds: [][]string{a, c("SADD", "st", "x", "q"), c("ZUNION", "2", "a", "st", "WITHSCORES"),
			c("ZINTER", "2", "st", "a", "WEIGHTS", "5", "1", "WITHSCORES"), c("ZDIFF", "2", "st", "a", "WITHSCORES"), c("ZINTERCARD", "2", "a", "st"),
			c("ZUNIONSTORE", "d", "1", "st"), c("ZRANGE", "d", "0", "-1", "WITHSCORES")}},
	}
}

func zscanCases() []diffCase {
	return []diffCase{
		{name: "zscan-small", cmds: [][]string{c("ZADD", "s", "1", "a", "2.5", "b", "0.1", "key:1", "-0", "z", "inf", "i"), c("ZSCAN", "s", "0"),
			c("ZSCAN", "s", "0", "MATCH", "k*"), c("ZSCAN", "s", "0", "COUNT", "1"), c("ZSCAN", "s", "7"), c("ZSCAN", "missing", "0"),
			c("ZSCAN", "missing", "0", "COUNT", "0"), c("ZSCAN", "s", "x"), c("ZSCAN", "s", "0", "COUNT", "0"), c("ZSCAN", "s", "0", "COUNT", "x"),
			c("ZSCAN", "s", "0", "MATCH"), c("ZSCAN", "s", "0", "TYPE", "zset"), c("ZSCAN", "s", "0", "NOVALUES"), c("ZSCAN", "s", "-1"),
			c("ZSCAN", "s", " 0"), c("SET", "str", "v"), c("ZSCAN", "str", "0"), c("ZSCAN", "str", "x")}},
	}
}

// zsetBigCases use sets past zset-max-listpack-entries (and members past
// zset-max-listpack-value), in the large encoding.
func zsetBigCases() []diffCase {
	add := []string{"ZADD", "big"}
	for i := 0; i < 300; i++ {
		add = append(add, strconv.Itoa(i%37)+"."+strconv.Itoa(i), "m"+strconv.Itoa(i))
	}
	lex := []string{"ZADD", "lex"}
	for i := 0; i < 200; i++ {
		lex = append(lex, "0", strconv.Itoa(i*7919%1000))
	}
	long := strings.Repeat("L", 65)
	return []diffCase{
		{name: "big-encoding", cmds: [][]string{c("ZADD", "e", "1", "a"), c("OBJECT", "ENCODING", "e"), c("ZADD", "e", "2", long),
			c("OBJECT", "ENCODING", "e"), c("ZREM", "e", long), c("OBJECT", "ENCODING", "e"), c("ZADD", "e2", "1", long),
			c("OBJECT", "ENCODING", "e2"), add, c("OBJECT", "ENCODING", "big"), c("ZREMRANGEBYRANK", "big", "0", "250"),
			c("OBJECT", "ENCODING", "big"), c("ZUNIONSTORE", "u", "1", "big"), c("OBJECT", "ENCODING", "u"),
			c("ZRANGESTORE", "u2", "big", "0", "-1"), c("OBJECT", "ENCODING", "u2"), c("ZUNIONSTORE", "u3", "1", "e2"), c("OBJECT", "ENCODING", "u3")}},
		{name: "encoding-config", cmds: [][]string{c("CONFIG", "SET", "zset-max-listpack-entries", "0"), c("ZADD", "c0", "-0", "a", "0.5", "b"),
			c("OBJECT", "ENCODING", "c0"), c("ZRANGE", "c0", "0", "-1", "WITHSCORES"), c("ZSCORE", "c0", "a"), c("ZPOPMIN", "c0"),
			c("CONFIG", "SET", "zset-max-listpack-entries", "2"), c("ZADD", "c1", "1", "a", "2", "b"), c("OBJECT", "ENCODING", "c1"),
			c("ZADD", "c1", "3", "c"), c("OBJECT", "ENCODING", "c1"), c("ZRANGESTORE", "c2", "c1", "0", "1"), c("OBJECT", "ENCODING", "c2"),
			c("CONFIG", "SET", "zset-max-listpack-value", "1"), c("ZADD", "c3", "1", "ab"), c("OBJECT", "ENCODING", "c3"),
			c("ZUNIONSTORE", "c4", "1", "c1"), c("OBJECT", "ENCODING", "c4"),
			c("CONFIG", "SET", "zset-max-listpack-entries", "128"), c("CONFIG", "SET", "zset-max-listpack-value", "64")}},
		{name: "big-ranges", cmds: [][]string{add, c("ZCARD", "big"), c("ZRANGE", "big", "0", "-1", "WITHSCORES"), c("ZRANGE", "big", "100", "140", "REV"),
			c("ZRANK", "big", "m150"), c("ZREVRANK", "big", "m150"), c("ZSCORE", "big", "m299"), c("ZCOUNT", "big", "(5", "17.5"),
			c("ZRANGEBYSCORE", "big", "(5", "17.5", "WITHSCORES", "LIMIT", "3", "20"), c("ZREVRANGEBYSCORE", "big", "30", "-inf", "LIMIT", "5", "30"),
			c("ZREMRANGEBYSCORE", "big", "10", "(20"), c("ZREMRANGEBYRANK", "big", "-50", "-10"), c("ZRANGE", "big", "0", "-1", "WITHSCORES"),
			c("ZPOPMIN", "big", "7"), c("ZPOPMAX", "big", "7"), c("ZMPOP", "1", "big", "MIN", "COUNT", "3"), c("ZREM", "big", "m1", "m2", "m37"),
			c("ZINCRBY", "big", "100", "m100"), c("ZADD", "big", "GT", "CH", "0", "m101", "1000", "m102"), c("ZRANGE", "big", "-5", "-1", "WITHSCORES"),
			c("ZMSCORE", "big", "m100", "m101", "nope")}},
		{name: "big-lex", cmds: [][]string{lex, c("ZRANGEBYLEX", "lex", "[1", "(3"), c("ZREVRANGEBYLEX", "lex", "+", "[9", "LIMIT", "2", "5"),
			c("ZLEXCOUNT", "lex", "(2", "[5"), c("ZREMRANGEBYLEX", "lex", "[4", "(6"), c("ZRANGE", "lex", "0", "-1"), c("ZLEXCOUNT", "lex", "-", "+")}},
		{name: "big-ops", cmds: [][]string{add, lex, c("ZADD", "small", "1", "m1", "2", "m2", "3", "0"), c("ZUNION", "2", "small", "big", "WITHSCORES"),
			c("ZINTER", "2", "big", "small", "WITHSCORES"), c("ZDIFF", "2", "big", "small"), c("ZUNIONSTORE", "out", "3", "big", "lex", "small", "WEIGHTS", "1", "2", "3"),
			c("ZRANGE", "out", "0", "-1", "WITHSCORES"), c("ZINTERCARD", "2", "big", "big", "LIMIT", "10")}},
	}
}

func zsetKeyCases() []diffCase {
	return []diffCase{
		{name: "zset-keyspace", cmds: [][]string{c("ZADD", "k", "1", "a", "2", "b"), c("TYPE", "k"), c("EXISTS", "k"), c("COPY", "k", "k2"),
			c("ZADD", "k2", "3", "c"), c("ZRANGE", "k", "0", "-1"), c("ZRANGE", "k2", "0", "-1"), c("RENAME", "k2", "k3"), c("ZCARD", "k3"),
			c("EXPIRE", "k3", "100"), c("ZADD", "k3", "4", "d"), c("TTL", "k3"), c("ZPOPMIN", "k3", "10"), c("TTL", "k3"), c("MOVE", "k", "1"),
			c("SELECT", "1"), c("ZRANGE", "k", "0", "-1", "WITHSCORES"), c("SELECT", "0"), c("EXISTS", "k"), c("GET", "k3"), c("SET", "k4", "1"),
			c("LPUSH", "k", "x"), c("DEL", "k")}},
		{name: "zset-multi", cmds: [][]string{c("MULTI"), c("ZADD", "t", "1", "a"), c("ZINCRBY", "t", "2", "a"), c("ZRANGE", "t", "0", "-1", "WITHSCORES"),
			c("ZADD", "t", "x", "a"), c("EXEC"), c("MULTI"), c("ZADD", "t", "1"), c("EXEC")}},
		{name: "zset-getkeys", cmds: [][]string{c("COMMAND", "GETKEYS", "ZUNIONSTORE", "d", "2", "a", "b"), c("COMMAND", "GETKEYS", "ZUNION", "2", "a", "b", "WITHSCORES"),
			c("COMMAND", "GETKEYS", "ZMPOP", "2", "a", "b", "MIN"), c("COMMAND", "GETKEYS", "ZUNION", "5", "a", "b"), c("COMMAND", "GETKEYS", "ZINTERCARD", "1", "a"),
			c("COMMAND", "GETKEYS", "ZRANGESTORE", "d", "s", "0", "1"), c("COMMAND", "GETKEYS", "ZADD", "k", "1", "a"), c("COMMAND", "GETKEYS", "ZDIFF", "x", "a")}},
		{name: "zset-scan-type", cmds: [][]string{c("ZADD", "zz", "1", "a"), c("SET", "ss", "v"), c("SCAN", "0", "TYPE", "zset", "COUNT", "1000")}},
	}
}

// randomZsetCase is a long seeded sequence of sorted-set commands on a few
// keys, each followed by a full read of the key it touched.
func randomZsetCase() diffCase {
	rng := rand.New(rand.NewPCG(10, 3))
	keys := []string{"ra", "rb", "rc"}
	member := func() string { return "m" + strconv.Itoa(rng.IntN(40)) }
	score := func() string {
		return []string{strconv.Itoa(rng.IntN(10) - 5), strconv.FormatFloat(rng.Float64()*10-5, 'g', -1, 64), "inf", "-inf", "(1", "0.5"}[rng.IntN(5)]
	}
	bound := func() string {
		return []string{"-inf", "+inf", "(" + strconv.Itoa(rng.IntN(10)-5), strconv.Itoa(rng.IntN(10) - 5)}[rng.IntN(4)]
	}
	idx := func() string { return strconv.Itoa(rng.IntN(50) - 25) }
	var cmds [][]string
	for i := 0; i < 400; i++ {
		k := keys[rng.IntN(len(keys))]
		var cmd []string
		switch rng.IntN(12) {
		case 0, 1, 2:
			cmd = c("ZADD", k, score(), member(), score(), member())
		case 3:
			cmd = c("ZADD", k, []string{"NX", "XX", "GT", "LT", "CH"}[rng.IntN(5)], score(), member())
		case 4:
			cmd = c("ZINCRBY", k, score(), member())
		case 5:
			cmd = c("ZREM", k, member(), member())
		case 6:
			cmd = c("ZRANGEBYSCORE", k, bound(), bound(), "WITHSCORES", "LIMIT", strconv.Itoa(rng.IntN(3)), strconv.Itoa(rng.IntN(5)-1))
		case 7:
			cmd = c("ZREMRANGEBYSCORE", k, bound(), bound())
		case 8:
			cmd = c("ZREMRANGEBYRANK", k, idx(), idx())
		case 9:
			cmd = c([]string{"ZPOPMIN", "ZPOPMAX"}[rng.IntN(2)], k, strconv.Itoa(rng.IntN(3)))
		case 10:
			cmd = c([]string{"ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE"}[rng.IntN(3)], k, "2", keys[rng.IntN(3)], keys[rng.IntN(3)])
		default:
			cmd = c("ZRANGE", k, idx(), idx(), "WITHSCORES")
		}
		cmds = append(cmds, cmd, c("ZRANGE", k, "0", "-1", "WITHSCORES"))
	}
	return diffCase{name: "zset-random", cmds: cmds}
}

// arityCases sends each command too few arguments.
func zsetArityCase() diffCase {
	var cmds [][]string
	for _, name := range []string{"ZADD", "ZINCRBY", "ZREM", "ZCARD", "ZSCORE", "ZMSCORE", "ZRANK", "ZREVRANK", "ZCOUNT", "ZLEXCOUNT",
		"ZRANGE", "ZREVRANGE", "ZRANGEBYSCORE", "ZREVRANGEBYSCORE", "ZRANGEBYLEX", "ZREVRANGEBYLEX", "ZRANGESTORE", "ZREMRANGEBYRANK",
		"ZREMRANGEBYSCORE", "ZREMRANGEBYLEX", "ZPOPMIN", "ZPOPMAX", "ZMPOP", "ZRANDMEMBER", "ZSCAN", "ZUNION", "ZINTER", "ZDIFF",
		"ZINTERCARD", "ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE"} {
		cmds = append(cmds, c(name), c(name, "k"), c(name, "k", "1", "2", "3", "4", "5"))
	}
	return diffCase{name: "zset-arity", cmds: cmds}
}

// TestDiffZset runs the sorted-set cases against Redis; cases that use a
// command nosql lacks (SADD before sets exist) are reported as skipped.
func TestDiffZset(t *testing.T) {
	var all []diffCase
	for _, group := range [][]diffCase{zaddCases(), zsetReadCases(), zrangeCases(), zpopCases(), zsetOpCases(), zscanCases(),
		zsetBigCases(), zsetKeyCases(), {randomZsetCase(), zsetArityCase()}} {
		all = append(all, group...)
	}
	table := newCommandTable()
	var runnable []diffCase
	for _, tc := range all {
		if missing := missingCommands(tc, table); len(missing) > 0 {
			t.Run(tc.name, func(t *testing.T) { t.Skipf("nosql lacks %v", missing) })
			continue
		}
		runnable = append(runnable, tc)
	}
	runDiff(t, runnable)
}
