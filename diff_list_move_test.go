// diff_list_move_test.go compares LPOS, LMOVE, RPOPLPUSH and LMPOP with
// Redis, and the blocking pops where they do not block: errors in Redis's
// order, timeouts that do not parse, data already there, and MULTI, where
// they answer at once as if timed out.
package main

import "testing"

func TestDiffListPos(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "lpos", cmds: [][]string{c("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c"), c("LPOS", "l", "c"), c("LPOS", "l", "x"),
			c("LPOS", "l", "c", "RANK", "2"), c("LPOS", "l", "c", "RANK", "-1"), c("LPOS", "l", "c", "RANK", "-3"), c("LPOS", "l", "c", "RANK", "4"),
			c("LPOS", "l", "c", "RANK", "-4")}},
		{name: "lpos-count", cmds: [][]string{c("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c"), c("LPOS", "l", "c", "COUNT", "0"),
			c("LPOS", "l", "c", "COUNT", "2"), c("LPOS", "l", "c", "COUNT", "2", "RANK", "-1"), c("LPOS", "l", "c", "COUNT", "10", "RANK", "2"),
			c("LPOS", "l", "x", "COUNT", "0"), c("LPOS", "l", "c", "count", "1", "rank", "-2")}},
		{name: "lpos-maxlen", cmds: [][]string{c("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c"), c("LPOS", "l", "c", "MAXLEN", "1"),
			c("LPOS", "l", "c", "MAXLEN", "3"), c("LPOS", "l", "c", "COUNT", "0", "MAXLEN", "7"), c("LPOS", "l", "c", "RANK", "-1", "MAXLEN", "1"),
			c("LPOS", "l", "a", "RANK", "-1", "MAXLEN", "7"), c("LPOS", "l", "c", "MAXLEN", "0", "COUNT", "0")}},
		{name: "lpos-missing", cmds: [][]string{c("LPOS", "nokey", "a"), c("LPOS", "nokey", "a", "COUNT", "0"), c("LPOS", "nokey", "a", "COUNT", "3")}},
		{name: "lpos-errors", cmds: [][]string{c("RPUSH", "l", "a"), c("LPOS", "l", "a", "RANK", "0"), c("LPOS", "l", "a", "RANK", notInt),
			c("LPOS", "l", "a", "RANK", minI64), c("LPOS", "l", "a", "RANK", "-"+maxI64), c("LPOS", "l", "a", "COUNT", "-1"),
			c("LPOS", "l", "a", "COUNT", notInt), c("LPOS", "l", "a", "MAXLEN", "-1"), c("LPOS", "l", "a", "MAXLEN", "x"),
			c("LPOS", "l", "a", "FOO", "1"), c("LPOS", "l", "a", "RANK"), c("LPOS", "l", "a", "COUNT", "1", "MAXLEN"),
			c("LPOS", "l"), c("LPOS", "nokey", "a", "RANK", "0"), c("SET", "s", "v"), c("LPOS", "s", "a"), c("LPOS", "s", "a", "RANK", "0")}},
	})
}

func TestDiffListMove(t *testing.T) {
	var cases []diffCase
	for _, from := range []string{"LEFT", "RIGHT"} {
		for _, to := range []string{"LEFT", "RIGHT"} {
			cases = append(cases, diffCase{name: "lmove-" + from + "-" + to, cmds: [][]string{c("RPUSH", "s", "a", "b", "c"),
				c("RPUSH", "d", "x", "y"), c("LMOVE", "s", "d", from, to), c("LRANGE", "s", "0", "-1"), c("LRANGE", "d", "0", "-1"),
				c("LMOVE", "s", "new", from, to), c("LRANGE", "new", "0", "-1"), c("LMOVE", "s", "s", from, to), c("LRANGE", "s", "0", "-1"),
				c("LMOVE", "s", "d", from, to), c("EXISTS", "s"), c("LMOVE", "s", "d", from, to), c("LRANGE", "d", "0", "-1")}})
		}
	}
	cases = append(cases,
		diffCase{name: "lmove-single-self", cmds: [][]string{c("RPUSH", "s", "a"), c("LMOVE", "s", "s", "LEFT", "RIGHT"), c("LRANGE", "s", "0", "-1"),
			c("RPOPLPUSH", "s", "s"), c("LLEN", "s")}},
		diffCase{name: "lmove-errors", cmds: [][]string{c("RPUSH", "s", "a"), c("SET", "str", "v"), c("LMOVE", "s", "d", "UP", "LEFT"),
			c("LMOVE", "s", "d", "LEFT", "down"), c("LMOVE", "nokey", "d", "x", "LEFT"), c("LMOVE", "str", "d", "LEFT", "LEFT"),
			c("LMOVE", "s", "str", "LEFT", "LEFT"), c("LMOVE", "nokey", "str", "LEFT", "LEFT"), c("LRANGE", "s", "0", "-1"),
			c("LMOVE", "s", "d", "left"), c("LMOVE", "s", "d", "left", "right", "x"), c("lmove", "s", "d", "lEfT", "RiGhT"), c("LRANGE", "d", "0", "-1")}},
		diffCase{name: "rpoplpush", cmds: [][]string{c("RPUSH", "s", "a", "b", "c"), c("RPOPLPUSH", "s", "d"), c("RPOPLPUSH", "s", "d"),
			c("LRANGE", "d", "0", "-1"), c("RPOPLPUSH", "s", "s"), c("RPOPLPUSH", "s", "d"), c("EXISTS", "s"), c("RPOPLPUSH", "s", "d"),
			c("SET", "str", "v"), c("RPOPLPUSH", "d", "str"), c("RPOPLPUSH", "str", "d"), c("RPOPLPUSH", "d"), c("LRANGE", "d", "0", "-1")}},
	)
	runDiff(t, cases)
}

func TestDiffListMPop(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "lmpop", cmds: [][]string{c("RPUSH", "b", "1", "2", "3", "4"), c("LMPOP", "2", "a", "b", "LEFT"), c("LMPOP", "2", "a", "b", "RIGHT", "COUNT", "2"),
			c("LMPOP", "1", "b", "left", "count", "10"), c("EXISTS", "b"), c("LMPOP", "2", "a", "b", "LEFT"), c("RPUSH", "a", "x"),
			c("LMPOP", "3", "b", "a", "b", "RIGHT", "COUNT", "1")}},
		{name: "lmpop-errors", cmds: [][]string{c("RPUSH", "a", "x"), c("SET", "str", "v"), c("LMPOP", "0", "a", "LEFT"), c("LMPOP", "-1", "a", "LEFT"),
			c("LMPOP", notInt, "a", "LEFT"), c("LMPOP", "2", "a", "LEFT"), c("LMPOP", "5", "a", "LEFT"), c("LMPOP", maxI64, "a", "LEFT"),
			c("LMPOP", "1", "a", "UP"), c("LMPOP", "1", "a", "LEFT", "COUNT"), c("LMPOP", "1", "a", "LEFT", "COUNT", "0"),
			c("LMPOP", "1", "a", "LEFT", "COUNT", "-2"), c("LMPOP", "1", "a", "LEFT", "COUNT", notInt), c("LMPOP", "1", "a", "LEFT", "COUNT", "1", "COUNT", "1"),
			c("LMPOP", "1", "a", "LEFT", "FOO"), c("LMPOP", "2", "str", "a", "LEFT"), c("LMPOP", "2", "a", "str", "LEFT"), c("LMPOP", "1", "a"),
			c("LLEN", "a")}},
	})
}

// TestDiffListBlockingNoWait covers the blocking pops where they answer at
// once.
func TestDiffListBlockingNoWait(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "blpop-data", cmds: [][]string{c("RPUSH", "b", "1", "2"), c("BLPOP", "a", "b", "0"), c("BRPOP", "a", "b", "1.5"), c("EXISTS", "b"),
			c("RPUSH", "a", "x"), c("RPUSH", "b", "y"), c("BRPOP", "b", "a", "0"), c("BLPOP", "a", "a", "0")}},
		{name: "blpop-errors", cmds: [][]string{c("SET", "str", "v"), c("RPUSH", "l", "x"), c("BLPOP", "l", "-1"), c("BLPOP", "l", notInt), c("BLPOP", "l", "1e20"),
			c("BLPOP", "l", "inf"), c("BLPOP", "l", "-inf"), c("BLPOP", "l", "nan"), c("BLPOP", "l", " 1"), c("BLPOP", "l", ""), c("BLPOP", "l", maxI64),
			c("BLPOP", "str", "l", "0"), c("BLPOP", "l", "str", "0"), c("BRPOP", "nokey", "str", "0"), c("BLPOP", "l"), c("BRPOP"), c("LLEN", "l")}},
		{name: "blmpop-data", cmds: [][]string{c("RPUSH", "b", "1", "2", "3"), c("BLMPOP", "0", "2", "a", "b", "LEFT"), c("BLMPOP", "0.1", "2", "a", "b", "RIGHT", "COUNT", "5"),
			c("EXISTS", "b")}},
		{name: "blmpop-errors", cmds: [][]string{c("RPUSH", "a", "x"), c("SET", "str", "v"), c("BLMPOP", "-1", "1", "a", "LEFT"), c("BLMPOP", notInt, "1", "a", "LEFT"),
			c("BLMPOP", "-1", "0", "a", "LEFT"), c("BLMPOP", "-1", "1", "a", "UP"), c("BLMPOP", "-1", "1", "a", "LEFT", "COUNT", "0"),
			c("BLMPOP", "0", "3", "a", "LEFT"), c("BLMPOP", "0", "1", "str", "LEFT"), c("BLMPOP", "0", "1", "a", "LEFT", "BAR"), c("BLMPOP", "0", "1", "a"),
			c("LLEN", "a")}},
		{name: "blmove-data", cmds: [][]string{c("RPUSH", "s", "a", "b"), c("BLMOVE", "s", "d", "LEFT", "RIGHT", "0"), c("BRPOPLPUSH", "s", "d", "0.01"),
			c("LRANGE", "d", "0", "-1"), c("EXISTS", "s"), c("BLMOVE", "d", "d", "RIGHT", "LEFT", "0"), c("LRANGE", "d", "0", "-1")}},
		{name: "blmove-errors", cmds: [][]string{c("RPUSH", "s", "a"), c("SET", "str", "v"), c("BLMOVE", "s", "d", "UP", "LEFT", "-1"),
			c("BLMOVE", "s", "d", "LEFT", "LEFT", "-1"), c("BLMOVE", "s", "d", "LEFT", "LEFT", notInt), c("BRPOPLPUSH", "s", "d", "-1"),
			c("BLMOVE", "str", "d", "LEFT", "LEFT", "0"), c("BLMOVE", "s", "str", "LEFT", "LEFT", "0"), c("BRPOPLPUSH", "s", "str", "0"),
			c("BRPOPLPUSH", "str", "s", "0"), c("BRPOPLPUSH", "nokey", "str", "-5"), c("BLMOVE", "s", "d", "LEFT", "0"), c("LRANGE", "s", "0", "-1")}},
		{name: "blocking-in-multi", cmds: [][]string{c("MULTI"), c("BLPOP", "nokey", "0"), c("BRPOP", "nokey", "10"), c("BLMPOP", "0", "1", "nokey", "LEFT"),
			c("BRPOPLPUSH", "nokey", "d", "0"), c("BLMOVE", "nokey", "d", "LEFT", "LEFT", "0"), c("EXEC")}},
		{name: "blocking-in-multi-data", cmds: [][]string{c("MULTI"), c("RPUSH", "l", "a", "b", "c", "d"), c("BLPOP", "l", "0"), c("BRPOPLPUSH", "l", "d", "0"),
			c("BLMPOP", "0", "1", "l", "RIGHT", "COUNT", "2"), c("BLPOP", "l", "0"), c("BLPOP", "l", "-1"), c("EXEC"), c("LRANGE", "d", "0", "-1")}},
		{name: "blocking-in-multi-errors", cmds: [][]string{c("MULTI"), c("BLPOP", "nokey"), c("BLPOP", "nokey", "0"), c("EXEC")}},
	})
}
