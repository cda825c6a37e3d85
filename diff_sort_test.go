// diff_sort_test.go compares SORT and SORT_RO with Redis, byte for byte in
// RESP2 and RESP3: numeric and ALPHA sorts of lists, sets and sorted sets,
// weights that are not doubles, LIMIT's clamping, BY key and hash-field
// patterns (missing weights, ties), BY without '*' keeping the value's
// order, GET patterns (#, keys, hash fields, nothing found), STORE (a
// list, an empty result deleting the destination, the expiry cleared),
// the errors in Redis's order, COMMAND GETKEYS, and SORT inside MULTI.
package main

import (
	"strconv"
	"testing"
)

func sortBasicCases() []diffCase {
	return []diffCase{
		{name: "sort-list-numeric", cmds: [][]string{c("RPUSH", "l", "3", "1", "10", "2", "-5", "1.5", "0"), c("SORT", "l"),
			c("SORT", "l", "DESC"), c("SORT", "l", "ASC"), c("SORT", "l", "desc", "asc"), c("sort", "l", "Alpha"), c("SORT", "l", "ALPHA", "DESC"),
			c("SORT_RO", "l"), c("SORT_RO", "l", "DESC", "ALPHA")}},
		{name: "sort-floats", cmds: [][]string{c("LPUSH", "f", "1.1", "5.10", "3.10", "7.44", "2.1", "5.75", "6.12", "0.25", "1.15"),
			c("SORT", "f"), c("SORT", "f", "DESC")}},
		{name: "sort-number-forms", cmds: [][]string{c("RPUSH", "n", " 5", "0x10", "inf", "-inf", "1e3", "", "+2", "-0", "0", ".5", "5."),
			c("SORT", "n"), c("SORT", "n", "DESC"), c("RPUSH", "n2", "1\x002", "3"), c("SORT", "n2")}},
		{name: "sort-bad-doubles", cmds: [][]string{c("RPUSH", "b", "1", "x"), c("SORT", "b"), c("SORT", "b", "ALPHA"),
			c("RPUSH", "b2", "nan"), c("SORT", "b2"), c("RPUSH", "b3", "1e400"), c("SORT", "b3"), c("RPUSH", "b4", "5 "), c("SORT", "b4"),
			c("SORT", "b", "LIMIT", "0", "1"), c("SORT", "b", "STORE", "bdst"), c("EXISTS", "bdst"), c("SADD", "bs", "1", "2", "not-a-double"),
			c("SORT", "bs")}},
		{name: "sort-ties-lexicographic", cmds: [][]string{c("RPUSH", "t", "b", "a", "c"), c("SORT", "t", "BY", "w_*"), c("SET", "w_a", "1"),
			c("SET", "w_b", "1"), c("SET", "w_c", "0"), c("SORT", "t", "BY", "w_*"), c("SORT", "t", "BY", "w_*", "DESC"),
			c("RPUSH", "t2", "010", "10", "1e1"), c("SORT", "t2"), c("SORT", "t2", "DESC")}},
		{name: "sort-missing-key", cmds: [][]string{c("SORT", "none"), c("SORT", "none", "ALPHA", "LIMIT", "0", "5"), c("SORT_RO", "none"),
			c("SORT", "none", "GET", "#"), c("SORT", "none", "BY", "nosort")}},
		{name: "sort-wrongtype", cmds: [][]string{c("SET", "s", "v"), c("SORT", "s"), c("SORT_RO", "s"), c("HSET", "h", "a", "1"),
			c("SORT", "h"), c("SORT", "s", "STORE", "d"), c("EXISTS", "d"), c("SORT", "s", "BADOPT")}},
		{name: "sort-syntax", cmds: [][]string{c("RPUSH", "x", "1"), c("SORT", "x", "LIMIT"), c("SORT", "x", "LIMIT", "1"),
			c("SORT", "x", "LIMIT", "a", "1"), c("SORT", "x", "LIMIT", "1", "b"), c("SORT", "x", "LIMIT", "1.5", "1"),
			c("SORT", "x", "LIMIT", "0", "1", "BY"), c("SORT", "x", "GET"), c("SORT", "x", "STORE"), c("SORT", "x", "BOGUS"),
			c("SORT_RO", "x", "STORE", "d"), c("SORT_RO", "nokey", "STORE", "d"), c("SORT", "x", "ALPHA", "ALPHA", "BY"), c("SORT"),
			c("SORT_RO"), c("SORT", "x", "LIMIT", "x", "y", "BOGUS"), c("SORT", "x", "BOGUS", "LIMIT", "x", "y")}},
	}
}

func sortLimitCases() []diffCase {
	list := c("RPUSH", "l", "5", "3", "9", "1", "7")
	var cmds [][]string
	cmds = append(cmds, list)
	for _, lim := range [][2]string{{"0", "2"}, {"1", "3"}, {"3", "10"}, {"5", "1"}, {"10", "10"}, {"-10", "100"}, {"-1", "2"},
		{"2", "-1"}, {"2", "0"}, {"0", "0"}, {"4", "1"}, {maxI64, maxI64}, {minI64, minI64}, {"0", maxI64}, {"1", minI64}} {
		cmds = append(cmds, c("SORT", "l", "LIMIT", lim[0], lim[1]), c("SORT", "l", "LIMIT", lim[0], lim[1], "DESC"),
			c("SORT", "l", "BY", "nosort", "LIMIT", lim[0], lim[1]), c("SORT", "l", "BY", "nosort", "LIMIT", lim[0], lim[1], "DESC"))
	}
	cmds = append(cmds, c("SORT", "l", "LIMIT", "0", "1", "LIMIT", "2", "2"))
	return []diffCase{{name: "sort-limit", cmds: cmds}}
}

func sortByCases() []diffCase {
	return []diffCase{
		{name: "sort-by-key", cmds: [][]string{c("RPUSH", "l", "1", "2", "3", "4"), c("MSET", "w_1", "40", "w_2", "10", "w_3", "30", "w_4", "20"),
			c("SORT", "l", "BY", "w_*"), c("SORT", "l", "BY", "w_*", "DESC"), c("SORT", "l", "BY", "w_*", "LIMIT", "1", "2"),
			c("SORT", "l", "BY", "w_*", "ALPHA"), c("SORT", "l", "BY", "*_w"), c("SORT", "l", "BY", "w_*", "BY", "nosort"),
			c("SORT", "l", "BY", "nosort", "BY", "w_*"), c("SORT", "l", "BY", "**")}},
		{name: "sort-by-hash-field", cmds: [][]string{c("RPUSH", "l", "a", "b", "c"), c("HSET", "o_a", "w", "3", "n", "x"),
			c("HSET", "o_b", "w", "1", "n", "z"), c("HSET", "o_c", "w", "2", "n", "y"), c("SORT", "l", "BY", "o_*->w"),
			c("SORT", "l", "BY", "o_*->n", "ALPHA"), c("SORT", "l", "BY", "o_*->n", "ALPHA", "DESC"), c("SORT", "l", "BY", "o_*->missing"),
			c("SORT", "l", "BY", "o_*->n"), c("SORT", "l", "BY", "o_*->"), c("SORT", "l", "BY", "o_*->w->x")}},
		{name: "sort-by-missing-weights", cmds: [][]string{c("RPUSH", "l", "d", "b", "a", "c"), c("SET", "w_b", "2"), c("SET", "w_c", "-1"),
			c("SORT", "l", "BY", "w_*"), c("SORT", "l", "BY", "w_*", "ALPHA"), c("SORT", "l", "BY", "w_*", "ALPHA", "DESC"),
			c("RPUSH", "w_a", "x"), c("SORT", "l", "BY", "w_*"), c("SADD", "w_d", "1"), c("SORT", "l", "BY", "w_*", "ALPHA")}},
		{name: "sort-by-alpha-ties", cmds: [][]string{c("RPUSH", "l", "e", "d", "c", "b", "a"), c("MSET", "w_a", "x", "w_b", "y", "w_c", "x",
			"w_d", "y", "w_e", "x"), c("SORT", "l", "BY", "w_*", "ALPHA"), c("SORT", "l", "BY", "w_*", "ALPHA", "DESC")}},
		{name: "sort-by-bad-weight", cmds: [][]string{c("SADD", "s", "1", "2", "3", "4"), c("MSET", "score:1", "10", "score:2", "20",
			"score:3", "30", "score:4", "not-a-double"), c("SORT", "s", "BY", "score:*"), c("SORT", "s", "BY", "score:*", "ALPHA"),
			c("SORT", "s", "BY", "nosort")}},
		{name: "sort-by-nosort-list", cmds: [][]string{c("LPUSH", "l", "2", "1", "4", "3", "5"), c("SORT", "l", "BY", "nosort"),
			c("SORT", "l", "BY", "nosort", "DESC"), c("SORT", "l", "BY", "nosort", "ALPHA"), c("SORT", "l", "BY", "nosort", "STORE", "d"),
			c("LRANGE", "d", "0", "-1"), c("SORT", "l", "BY", "nosort", "LIMIT", "0", "3", "STORE", "d"), c("LRANGE", "d", "0", "-1"),
			c("SORT", "l", "BY", "nosort", "LIMIT", "1", "3", "DESC", "STORE", "d"), c("LRANGE", "d", "0", "-1")}},
		{name: "sort-intset", cmds: [][]string{c("SADD", "s", "5", "-3", "100", "7"), c("SORT", "s"), c("SORT", "s", "DESC"),
			c("SORT", "s", "ALPHA"), c("SORT", "s", "BY", "nosort"), c("SORT", "s", "BY", "nosort", "DESC"),
			c("SORT", "s", "BY", "nosort", "LIMIT", "1", "2"), c("SORT", "s", "BY", "nosort", "STORE", "d"), c("LRANGE", "d", "0", "-1")}},
		{name: "sort-set-strings", cmds: [][]string{c("SADD", "s", "b", "a", "aa", "azz", "c", "aaa"), c("SORT", "s", "ALPHA"),
			c("SORT", "s", "ALPHA", "DESC", "LIMIT", "1", "3"), c("SORT", "s", "ALPHA", "BY", "_", "STORE", "d"), c("LRANGE", "d", "0", "-1"),
			c("SORT", "s", "BY", "_", "DESC", "STORE", "d"), c("LRANGE", "d", "0", "-1"), c("SORT", "s", "BY", "x:*")}},
		{name: "sort-zset", cmds: [][]string{c("ZADD", "z", "1", "a", "5", "b", "2", "c", "10", "d", "3", "e"), c("SORT", "z", "ALPHA"),
			c("SORT", "z", "ALPHA", "DESC"), c("SORT", "z"), c("SORT", "z", "BY", "nosort"), c("SORT", "z", "BY", "nosort", "DESC"),
			c("SORT", "z", "BY", "nosort", "LIMIT", "0", "2"), c("SORT", "z", "BY", "nosort", "DESC", "LIMIT", "1", "2"),
			c("SORT", "z", "BY", "nosort", "LIMIT", "5", "10"), c("SORT", "z", "BY", "nosort", "LIMIT", "-10", "100"),
			c("ZADD", "zn", "3", "10", "1", "30", "2", "20"), c("SORT", "zn"), c("SORT", "zn", "DESC"), c("SORT", "zn", "BY", "nosort"),
			c("SORT", "z", "BY", "nosort", "STORE", "d"), c("LRANGE", "d", "0", "-1")}},
	}
}

func sortGetStoreCases() []diffCase {
	return []diffCase{
		{name: "sort-get", cmds: [][]string{c("RPUSH", "l", "2", "1", "3"), c("MSET", "v_1", "one", "v_2", "two"), c("HSET", "h_1", "f", "uno"),
			c("HSET", "h_3", "f", "tres"), c("SORT", "l", "GET", "#"), c("SORT", "l", "GET", "v_*"), c("SORT", "l", "GET", "#", "GET", "v_*",
				"GET", "h_*->f"), c("SORT", "l", "GET", "const"), c("SORT", "l", "GET", "h_*->g"), c("SORT", "l", "GET", "v_*->f"),
			c("SORT", "l", "GET", "h_*"), c("SORT", "l", "DESC", "LIMIT", "0", "2", "GET", "v_*", "GET", "#"), c("SORT", "l", "GET", "#*"),
			c("SORT_RO", "l", "GET", "v_*", "BY", "nosort")}},
		{name: "sort-get-arrow-end", cmds: [][]string{c("LPUSH", "l", "a"), c("SET", "x:a->", "100"), c("SORT", "l", "BY", "num", "GET", "x:*->"),
			c("SORT_RO", "l", "BY", "nosort", "GET", "x:*->")}},
		{name: "sort-store", cmds: [][]string{c("RPUSH", "l", "3", "1", "2"), c("SORT", "l", "STORE", "d"), c("LRANGE", "d", "0", "-1"),
			c("TYPE", "d"), c("SET", "d2", "x", "EX", "100"), c("SORT", "l", "DESC", "STORE", "d2"), c("TTL", "d2"), c("LRANGE", "d2", "0", "-1"),
			c("SORT", "l", "GET", "v_*", "GET", "#", "STORE", "d3"), c("LRANGE", "d3", "0", "-1"), c("SORT", "l", "STORE", "x", "STORE", "d4"),
			c("EXISTS", "x"), c("LRANGE", "d4", "0", "-1"), c("SORT", "l", "STORE", "l"), c("LRANGE", "l", "0", "-1")}},
		{name: "sort-store-empty", cmds: [][]string{c("SORT", "none", "STORE", "d"), c("EXISTS", "d"), c("RPUSH", "l", "a"),
			c("SORT", "l", "ALPHA", "LIMIT", "10", "10", "STORE", "d"), c("EXISTS", "d"), c("SET", "d", "x"), c("SORT", "none", "STORE", "d"),
			c("EXISTS", "d"), c("SET", "d", "x"), c("SORT", "l", "LIMIT", "0", "0", "STORE", "d"), c("EXISTS", "d")}},
		{name: "sort-store-big", cmds: [][]string{append(c("RPUSH", "l"), numbers(200)...), c("SORT", "l", "DESC", "STORE", "d"), c("LLEN", "d"),
			c("LRANGE", "d", "0", "4"), c("LRANGE", "d", "-3", "-1"), c("SORT", "l", "DESC", "LIMIT", "10", "5"),
			c("SORT", "l", "ALPHA", "LIMIT", "0", "5")}},
		{name: "sort-getkeys", cmds: [][]string{c("COMMAND", "GETKEYS", "SORT", "abc", "STORE", "def"), c("COMMAND", "GETKEYS", "SORT_RO", "abc"),
			c("COMMAND", "GETKEYS", "SORT", "abc", "STORE", "invalid", "STORE", "stillbad", "STORE", "def"),
			c("COMMAND", "GETKEYS", "SORT", "abc", "LIMIT", "0", "1", "GET", "store", "BY", "store", "ALPHA"),
			c("COMMAND", "GETKEYS", "SORT", "abc", "STORE")}},
		{name: "sort-multi", cmds: [][]string{c("ZADD", "z", "1", "a", "5", "b", "2", "c"), c("MULTI"), c("SORT", "z", "BY", "nosort", "ASC"),
			c("SORT", "z", "BY", "nosort", "DESC"), c("SORT", "z", "BY", "w_*", "STORE", "d"), c("LRANGE", "d", "0", "-1"), c("EXEC")}},
	}
}

// sortRandomCase is a longer seeded sequence: a list of 300 random
// weights sorted BY key and BY hash field, whole and by LIMIT.
func sortRandomCase() diffCase {
	cmds := [][]string{}
	for i := range 300 {
		w := strconv.Itoa((i*7919 + 13) % 1000003)
		if i%3 == 0 {
			w += ".5"
		}
		cmds = append(cmds, c("LPUSH", "l", strconv.Itoa(i)), c("SET", "w_"+strconv.Itoa(i), w), c("HSET", "o_"+strconv.Itoa(i), "w", w))
	}
	return diffCase{name: "sort-random", cmds: append(cmds, c("SORT", "l", "BY", "w_*"), c("SORT", "l", "BY", "w_*", "LIMIT", "5", "5"),
		c("SORT", "l", "BY", "o_*->w", "DESC"), c("SORT", "l", "BY", "o_*->w", "LIMIT", "290", "20", "GET", "#", "GET", "w_*"),
		c("SORT", "l", "BY", "w_*", "ALPHA", "LIMIT", "0", "10"), c("SORT", "l", "BY", "w_*", "STORE", "d"), c("LRANGE", "d", "0", "-1"))}
}

func TestDiffSort(t *testing.T) {
	var cases []diffCase
	for _, f := range []func() []diffCase{sortBasicCases, sortLimitCases, sortByCases, sortGetStoreCases} {
		cases = append(cases, f()...)
	}
	runDiff(t, append(cases, sortRandomCase()))
}
