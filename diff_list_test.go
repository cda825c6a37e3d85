// diff_list_test.go compares the list commands with Redis: ordinary use,
// negative and out-of-range indexes, pop counts, LREM directions, LINSERT
// pivots, wrong types, arity and non-integer arguments, lists emptied (and
// so deleted), and a long seeded random sequence. Each case uses its own
// key names, so cases stay independent whether or not FLUSHALL exists.
package main

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

const (
	notInt  = "not-a-number"
	maxI64  = "9223372036854775807"
	minI64  = "-9223372036854775808"
	overI64 = "9223372036854775808"
)

func listPushCases() []diffCase {
	return []diffCase{
		{name: "lpush", cmds: [][]string{c("LPUSH", "p1", "a", "b", "c"), c("LRANGE", "p1", "0", "-1"), c("LLEN", "p1")}},
		{name: "rpush", cmds: [][]string{c("RPUSH", "p2", "a", "b", "c"), c("LRANGE", "p2", "0", "-1"), c("LLEN", "p2")}},
		{name: "push-mixed", cmds: [][]string{c("RPUSH", "p3", "a"), c("LPUSH", "p3", "b"), c("RPUSH", "p3", "c", "d"),
			c("LPUSH", "p3", "e", "f"), c("LRANGE", "p3", "0", "-1")}},
		{name: "lpushx-missing", cmds: [][]string{c("LPUSHX", "p4", "a"), c("LLEN", "p4"), c("LRANGE", "p4", "0", "-1")}},
		{name: "rpushx-missing", cmds: [][]string{c("RPUSHX", "p5", "a", "b"), c("LLEN", "p5")}},
		{name: "pushx-existing", cmds: [][]string{c("RPUSH", "p6", "a"), c("LPUSHX", "p6", "b", "c"), c("RPUSHX", "p6", "d", "e"),
			c("LRANGE", "p6", "0", "-1")}},
		{name: "push-wrongtype", cmds: [][]string{c("SET", "p7", "v"), c("LPUSH", "p7", "a"), c("RPUSH", "p7", "a"),
			c("LPUSHX", "p7", "a"), c("RPUSHX", "p7", "a"), c("GET", "p7")}},
		{name: "push-arity", cmds: [][]string{c("LPUSH", "p8"), c("RPUSH"), c("LPUSHX", "p8"), c("RPUSHX", "p8"), c("LLEN", "p8")}},
		{name: "push-odd-values", cmds: [][]string{c("RPUSH", "p9", "", "a b", "\r\n", "\x00\xff"), c("LRANGE", "p9", "0", "-1"),
			c("LINDEX", "p9", "0")}},
		{name: "push-large-value", cmds: [][]string{c("RPUSH", "p10", strings.Repeat("x", 5000), "y"), c("LINDEX", "p10", "0"),
			c("LRANGE", "p10", "0", "-1")}},
		{name: "push-many", cmds: [][]string{append([]string{"RPUSH", "p11"}, numbers(300)...), c("LLEN", "p11"),
			c("LRANGE", "p11", "0", "-1"), c("LRANGE", "p11", "100", "199"), c("LINDEX", "p11", "-150")}},
		{name: "push-case-insensitive", cmds: [][]string{c("lpush", "p12", "a"), c("rPuSh", "p12", "b"), c("LrAnGe", "p12", "0", "-1"),
			c("llen", "p12")}},
	}
}

func listPopCases() []diffCase {
	return []diffCase{
		{name: "pop-single", cmds: [][]string{c("RPUSH", "o1", "a", "b", "c"), c("LPOP", "o1"), c("RPOP", "o1"), c("LRANGE", "o1", "0", "-1")}},
		{name: "pop-missing", cmds: [][]string{c("LPOP", "o2"), c("RPOP", "o2")}},
		{name: "pop-count-zero", cmds: [][]string{c("RPUSH", "o3", "a", "b", "c"), c("LPOP", "o3", "0"), c("RPOP", "o3", "0"), c("LLEN", "o3")}},
		{name: "pop-count-missing", cmds: [][]string{c("LPOP", "o4", "2"), c("RPOP", "o4", "2"), c("LPOP", "o4", "0"), c("RPOP", "o4", "0")}},
		{name: "pop-count-past-end", cmds: [][]string{c("RPUSH", "o5", "a", "b", "c"), c("LPOP", "o5", "10"), c("LLEN", "o5"),
			c("LPUSHX", "o5", "x"), c("LPOP", "o5", "10")}},
		{name: "rpop-count-order", cmds: [][]string{c("RPUSH", "o6", "a", "b", "c", "d"), c("RPOP", "o6", "2"), c("LPOP", "o6", "1"),
			c("LRANGE", "o6", "0", "-1")}},
		{name: "pop-negative-count", cmds: [][]string{c("RPUSH", "o7", "a"), c("LPOP", "o7", "-1"), c("RPOP", "o7", "-5"),
			c("LPOP", "o7missing", "-1"), c("LLEN", "o7")}},
		{name: "pop-bad-count", cmds: [][]string{c("RPUSH", "o8", "a"), c("LPOP", "o8", notInt), c("RPOP", "o8", "1.5"),
			c("LPOP", "o8", " 1"), c("LPOP", "o8", "01"), c("LPOP", "o8", "+1"), c("LPOP", "o8", overI64), c("LPOP", "o8", ""),
			c("RPOP", "o8missing", notInt), c("LLEN", "o8")}},
		{name: "pop-arity", cmds: [][]string{c("LPOP"), c("RPOP"), c("LPOP", "o9", "1", "2"), c("RPOP", "o9", "1", "2", "3")}},
		{name: "pop-wrongtype", cmds: [][]string{c("SET", "o10", "v"), c("LPOP", "o10"), c("RPOP", "o10", "2"), c("LPOP", "o10", "0"),
			c("LPOP", "o10", "-1"), c("GET", "o10")}},
		{name: "pop-empties", cmds: [][]string{c("RPUSH", "o11", "a"), c("LPOP", "o11"), c("LPOP", "o11"), c("LPUSHX", "o11", "x"),
			c("LLEN", "o11")}},
		{name: "pop-count-empties", cmds: [][]string{c("RPUSH", "o12", "a", "b"), c("RPOP", "o12", "2"), c("RPOP", "o12", "2"),
			c("RPUSHX", "o12", "x"), c("RPOP", "o12")}},
		{name: "pop-huge-count", cmds: [][]string{c("RPUSH", "o13", "a", "b"), c("LPOP", "o13", maxI64), c("LLEN", "o13")}},
		{name: "pop-exact-count", cmds: [][]string{c("RPUSH", "o14", "a", "b", "c"), c("LPOP", "o14", "3"), c("LPOP", "o14", "3")}},
	}
}

func listRangeCases() []diffCase {
	return []diffCase{
		{name: "lrange", cmds: [][]string{c("RPUSH", "r1", "a", "b", "c", "d", "e"), c("LRANGE", "r1", "0", "2"), c("LRANGE", "r1", "1", "1"),
			c("LRANGE", "r1", "2", "-1"), c("LRANGE", "r1", "-2", "-1"), c("LRANGE", "r1", "0", "0")}},
		{name: "lrange-out-of-range", cmds: [][]string{c("RPUSH", "r2", "a", "b", "c", "d", "e"), c("LRANGE", "r2", "-100", "100"),
			c("LRANGE", "r2", "5", "2"), c("LRANGE", "r2", "10", "20"), c("LRANGE", "r2", "-100", "-50"), c("LRANGE", "r2", "4", "4"),
			c("LRANGE", "r2", "5", "5"), c("LRANGE", "r2", "-1", "-2"), c("LRANGE", "r2", "3", "100"), c("LRANGE", "r2", "-100", "1")}},
		{name: "lrange-extremes", cmds: [][]string{c("RPUSH", "r3", "a", "b"), c("LRANGE", "r3", minI64, maxI64), c("LRANGE", "r3", maxI64, minI64),
			c("LRANGE", "r3", minI64, minI64), c("LRANGE", "r3", maxI64, maxI64)}},
		{name: "lrange-missing", cmds: [][]string{c("LRANGE", "r4", "0", "-1"), c("LRANGE", "r4", notInt, "1")}},
		{name: "lrange-not-integer", cmds: [][]string{c("RPUSH", "r5", "a"), c("LRANGE", "r5", notInt, "1"), c("LRANGE", "r5", "0", "b"),
			c("LRANGE", "r5", "1.0", "2"), c("LRANGE", "r5", "", "1"), c("LRANGE", "r5", overI64, "1"), c("LRANGE", "r5", "0", "-0"),
			c("LRANGE", "r5", "00", "1")}},
		{name: "lrange-wrongtype", cmds: [][]string{c("SET", "r6", "v"), c("LRANGE", "r6", "0", "-1"), c("LRANGE", "r6", notInt, "1")}},
		{name: "lrange-arity", cmds: [][]string{c("LRANGE", "r7"), c("LRANGE", "r7", "0"), c("LRANGE", "r7", "0", "1", "2")}},
		{name: "lrange-wrapped", cmds: [][]string{c("RPUSH", "r8", "1", "2", "3"), c("LPUSH", "r8", "0", "-1"), c("RPOP", "r8", "2"),
			c("LPUSH", "r8", "x", "y", "z"), c("RPUSH", "r8", "q"), c("LRANGE", "r8", "0", "-1"), c("LRANGE", "r8", "2", "5")}},
		{name: "llen", cmds: [][]string{c("LLEN", "r9"), c("RPUSH", "r9", "a", "b"), c("LLEN", "r9"), c("SET", "r9s", "v"),
			c("LLEN", "r9s"), c("LLEN"), c("LLEN", "r9", "r9s")}},
	}
}

func listIndexCases() []diffCase {
	return []diffCase{
		{name: "lindex", cmds: [][]string{c("RPUSH", "i1", "a", "b", "c"), c("LINDEX", "i1", "0"), c("LINDEX", "i1", "2"),
			c("LINDEX", "i1", "-1"), c("LINDEX", "i1", "-3")}},
		{name: "lindex-out-of-range", cmds: [][]string{c("RPUSH", "i2", "a", "b", "c"), c("LINDEX", "i2", "3"), c("LINDEX", "i2", "-4"),
			c("LINDEX", "i2", maxI64), c("LINDEX", "i2", minI64)}},
		{name: "lindex-missing", cmds: [][]string{c("LINDEX", "i3", "0"), c("LINDEX", "i3", notInt)}},
		{name: "lindex-not-integer", cmds: [][]string{c("RPUSH", "i4", "a"), c("LINDEX", "i4", notInt), c("LINDEX", "i4", "1e3"),
			c("LINDEX", "i4", " 0"), c("LINDEX", "i4", overI64)}},
		{name: "lindex-wrongtype", cmds: [][]string{c("SET", "i5", "v"), c("LINDEX", "i5", "0"), c("LINDEX", "i5", notInt)}},
		{name: "lindex-arity", cmds: [][]string{c("LINDEX", "i6"), c("LINDEX", "i6", "0", "1")}},
		{name: "lset", cmds: [][]string{c("RPUSH", "s1", "a", "b", "c"), c("LSET", "s1", "0", "x"), c("LSET", "s1", "-1", "z"),
			c("LSET", "s1", "1", ""), c("LRANGE", "s1", "0", "-1")}},
		{name: "lset-out-of-range", cmds: [][]string{c("RPUSH", "s2", "a"), c("LSET", "s2", "1", "x"), c("LSET", "s2", "-2", "x"),
			c("LSET", "s2", maxI64, "x"), c("LSET", "s2", minI64, "x"), c("LRANGE", "s2", "0", "-1")}},
		{name: "lset-missing", cmds: [][]string{c("LSET", "s3", "0", "x"), c("LSET", "s3", notInt, "x"), c("LLEN", "s3")}},
		{name: "lset-not-integer", cmds: [][]string{c("RPUSH", "s4", "a"), c("LSET", "s4", notInt, "x"), c("LSET", "s4", "0.5", "x"),
			c("LRANGE", "s4", "0", "-1")}},
		{name: "lset-wrongtype", cmds: [][]string{c("SET", "s5", "v"), c("LSET", "s5", "0", "x"), c("LSET", "s5", notInt, "x"), c("GET", "s5")}},
		{name: "lset-arity", cmds: [][]string{c("LSET", "s6", "0"), c("LSET", "s6", "0", "x", "y"), c("LSET")}},
	}
}

func listRemCases() []diffCase {
	five := func(k string) []string { return c("RPUSH", k, "a", "b", "a", "c", "a") }
	return []diffCase{
		{name: "lrem-positive", cmds: [][]string{five("m1"), c("LREM", "m1", "2", "a"), c("LRANGE", "m1", "0", "-1")}},
		{name: "lrem-negative", cmds: [][]string{five("m2"), c("LREM", "m2", "-2", "a"), c("LRANGE", "m2", "0", "-1")}},
		{name: "lrem-zero", cmds: [][]string{five("m3"), c("LREM", "m3", "0", "a"), c("LRANGE", "m3", "0", "-1")}},
		{name: "lrem-none", cmds: [][]string{five("m4"), c("LREM", "m4", "0", "z"), c("LREM", "m4", "5", "z"), c("LREM", "m4", "-5", "z"),
			c("LLEN", "m4")}},
		{name: "lrem-empties", cmds: [][]string{c("RPUSH", "m5", "a", "a"), c("LREM", "m5", "0", "a"), c("LPUSHX", "m5", "x"), c("LLEN", "m5")}},
		{name: "lrem-missing", cmds: [][]string{c("LREM", "m6", "1", "a"), c("LREM", "m6", notInt, "a"), c("LREM", "m6", "1.5", "a")}},
		{name: "lrem-wrongtype", cmds: [][]string{c("SET", "m7", "v"), c("LREM", "m7", "1", "v"), c("LREM", "m7", notInt, "v"), c("GET", "m7")}},
		{name: "lrem-extremes", cmds: [][]string{c("RPUSH", "m8", "a", "b", "a", "b"), c("LREM", "m8", minI64, "a"), c("LRANGE", "m8", "0", "-1"),
			c("LREM", "m8", maxI64, "b"), c("LLEN", "m8")}},
		{name: "lrem-more-than-present", cmds: [][]string{five("m9"), c("LREM", "m9", "10", "a"), c("LREM", "m9", "-10", "c"),
			c("LRANGE", "m9", "0", "-1")}},
		{name: "lrem-arity", cmds: [][]string{c("LREM", "m10", "1"), c("LREM", "m10", "1", "a", "b")}},
	}
}

func listTrimCases() []diffCase {
	return []diffCase{
		{name: "ltrim", cmds: [][]string{c("RPUSH", "t1", "a", "b", "c", "d", "e"), c("LTRIM", "t1", "1", "3"), c("LRANGE", "t1", "0", "-1")}},
		{name: "ltrim-negative", cmds: [][]string{c("RPUSH", "t2", "a", "b", "c", "d", "e"), c("LTRIM", "t2", "-3", "-2"),
			c("LRANGE", "t2", "0", "-1")}},
		{name: "ltrim-empties", cmds: [][]string{c("RPUSH", "t3", "a", "b", "c"), c("LTRIM", "t3", "5", "2"), c("LLEN", "t3"),
			c("LRANGE", "t3", "0", "-1"), c("LPUSHX", "t3", "x"), c("LTRIM", "t3", "0", "-1")}},
		{name: "ltrim-out-of-range", cmds: [][]string{c("RPUSH", "t4", "a", "b", "c"), c("LTRIM", "t4", "-100", "100"), c("LRANGE", "t4", "0", "-1"),
			c("LTRIM", "t4", "0", "0"), c("LRANGE", "t4", "0", "-1")}},
		{name: "ltrim-missing", cmds: [][]string{c("LTRIM", "t5", "0", "1"), c("LTRIM", "t5", notInt, "1"), c("LTRIM", "t5", "0", notInt)}},
		{name: "ltrim-wrongtype", cmds: [][]string{c("SET", "t6", "v"), c("LTRIM", "t6", "0", "1"), c("LTRIM", "t6", notInt, "1")}},
		{name: "ltrim-arity", cmds: [][]string{c("LTRIM", "t7", "0"), c("LTRIM", "t7", "0", "1", "2")}},
		{name: "ltrim-start-past-end", cmds: [][]string{c("RPUSH", "t8", "a", "b", "c"), c("LTRIM", "t8", "3", "10"), c("RPUSHX", "t8", "x")}},
		{name: "ltrim-extremes", cmds: [][]string{c("RPUSH", "t9", "a", "b", "c"), c("LTRIM", "t9", minI64, maxI64), c("LRANGE", "t9", "0", "-1"),
			c("LTRIM", "t9", "-1", maxI64), c("LRANGE", "t9", "0", "-1"), c("LTRIM", "t9", maxI64, minI64), c("LLEN", "t9")}},
		{name: "ltrim-not-integer", cmds: [][]string{c("RPUSH", "t10", "a"), c("LTRIM", "t10", "1.0", "2"), c("LTRIM", "t10", "0", overI64),
			c("LLEN", "t10")}},
	}
}

func listInsertCases() []diffCase {
	return []diffCase{
		{name: "linsert", cmds: [][]string{c("RPUSH", "n1", "a", "b", "c"), c("LINSERT", "n1", "BEFORE", "b", "x"), c("LINSERT", "n1", "after", "c", "y"),
			c("LINSERT", "n1", "BeFoRe", "a", "z"), c("LRANGE", "n1", "0", "-1")}},
		{name: "linsert-pivot-missing", cmds: [][]string{c("RPUSH", "n2", "a"), c("LINSERT", "n2", "BEFORE", "zz", "x"), c("LRANGE", "n2", "0", "-1")}},
		{name: "linsert-key-missing", cmds: [][]string{c("LINSERT", "n3", "BEFORE", "a", "x"), c("LLEN", "n3")}},
		{name: "linsert-syntax", cmds: [][]string{c("RPUSH", "n4", "a"), c("LINSERT", "n4", "MIDDLE", "a", "x"), c("LINSERT", "n4missing", "MIDDLE", "a", "x"),
			c("LINSERT", "n4", "", "a", "x"), c("LRANGE", "n4", "0", "-1")}},
		{name: "linsert-wrongtype", cmds: [][]string{c("SET", "n5", "v"), c("LINSERT", "n5", "BEFORE", "v", "x"), c("LINSERT", "n5", "MIDDLE", "v", "x")}},
		{name: "linsert-first-pivot", cmds: [][]string{c("RPUSH", "n6", "a", "b", "a"), c("LINSERT", "n6", "AFTER", "a", "x"),
			c("LINSERT", "n6", "BEFORE", "a", "y"), c("LRANGE", "n6", "0", "-1")}},
		{name: "linsert-arity", cmds: [][]string{c("LINSERT", "n7", "BEFORE", "a"), c("LINSERT", "n7", "BEFORE", "a", "b", "c")}},
		{name: "linsert-long", cmds: [][]string{append([]string{"RPUSH", "n8"}, numbers(40)...), c("LPOP", "n8", "5"), c("LPUSH", "n8", "p", "q"),
			c("LINSERT", "n8", "BEFORE", "7", "x"), c("LINSERT", "n8", "AFTER", "35", "y"), c("LINSERT", "n8", "AFTER", "39", "z"),
			c("LINSERT", "n8", "BEFORE", "q", "w"), c("LRANGE", "n8", "0", "-1")}},
	}
}

// listKeyCases check that lists emptied by list commands no longer exist;
// they need EXISTS and TYPE.
func listKeyCases() []diffCase {
	return []diffCase{
		{name: "exists-after-ltrim", cmds: [][]string{c("RPUSH", "e1", "a", "b"), c("TYPE", "e1"), c("LTRIM", "e1", "1", "0"),
			c("EXISTS", "e1"), c("TYPE", "e1")}},
		{name: "exists-after-pop", cmds: [][]string{c("RPUSH", "e2", "a"), c("LPOP", "e2"), c("EXISTS", "e2"), c("TYPE", "e2"),
			c("RPUSH", "e2", "b"), c("TYPE", "e2"), c("RPOP", "e2", "5"), c("EXISTS", "e2")}},
		{name: "exists-after-lrem", cmds: [][]string{c("RPUSH", "e3", "a", "a"), c("LREM", "e3", "-2", "a"), c("EXISTS", "e3"), c("TYPE", "e3")}},
	}
}

// randomListCase is a long seeded random mix of list commands on three
// keys (one of them a string), exercising wrap-around and emptying.
func randomListCase() diffCase {
	rng := rand.New(rand.NewPCG(42, 7))
	keys := []string{"z1", "z2", "z3"}
	cmds := [][]string{c("SET", "z3", "str")}
	idx := func() string { return strconv.Itoa(rng.IntN(14) - 7) }
	val := func() string { return string(rune('a' + rng.IntN(4))) }
	for i := 0; i < 400; i++ {
		k := keys[rng.IntN(len(keys))]
		var cmd []string
		switch rng.IntN(12) {
		case 0:
			cmd = c("LPUSH", k, val(), val())
		case 1:
			cmd = c("RPUSH", k, val())
		case 2:
			cmd = c([]string{"LPUSHX", "RPUSHX"}[rng.IntN(2)], k, val())
		case 3:
			cmd = c([]string{"LPOP", "RPOP"}[rng.IntN(2)], k)
		case 4:
			cmd = c([]string{"LPOP", "RPOP"}[rng.IntN(2)], k, strconv.Itoa(rng.IntN(4)))
		case 5:
			cmd = c("LRANGE", k, idx(), idx())
		case 6:
			cmd = c("LINDEX", k, idx())
		case 7:
			cmd = c("LSET", k, idx(), val())
		case 8:
			cmd = c("LREM", k, strconv.Itoa(rng.IntN(5)-2), val())
		case 9:
			cmd = c("LTRIM", k, idx(), idx())
		case 10:
			cmd = c("LINSERT", k, []string{"BEFORE", "AFTER"}[rng.IntN(2)], val(), val())
		default:
			cmd = c("LLEN", k)
		}
		cmds = append(cmds, cmd, c("LRANGE", k, "0", "-1"))
	}
	return diffCase{name: "random", cmds: cmds}
}

// numbers returns "0" .. "n-1".
func numbers(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}

// missingCommands returns the commands a case uses that nosql lacks.
func missingCommands(tc diffCase, table map[string]*command) []string {
	var missing []string
	for _, cmd := range tc.cmds {
		if table[strings.ToLower(cmd[0])] == nil {
			missing = append(missing, cmd[0])
		}
	}
	return missing
}

// TestDiffList runs the list cases against Redis. Cases using commands
// nosql does not have yet (EXISTS, TYPE) are reported as skipped.
func TestDiffList(t *testing.T) {
	var all []diffCase
	for _, group := range [][]diffCase{listPushCases(), listPopCases(), listRangeCases(), listIndexCases(),
		listRemCases(), listTrimCases(), listInsertCases(), listKeyCases(), {randomListCase()}} {
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
