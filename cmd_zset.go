// cmd_zset.go holds the sorted-set command table and the commands on
// single members: ZADD, ZINCRBY, ZREM, ZCARD, ZSCORE, ZMSCORE, ZRANK and
// ZREVRANK, with Redis 7.0's replies and its order of argument checks.
// The range commands are in cmd_zset_range.go, the commands over several
// sets in cmd_zset_ops.go, the pops, ZRANDMEMBER and ZSCAN in
// cmd_zset_pop.go.
package main

import (
	"bytes"

	"nosql/internal/scoretext"
)

// Sorted-set error replies.
const (
	errScoreNotFloat = "ERR value is not a valid float"
	errScoreRange    = "ERR min or max is not a float"
	errLexRange      = "ERR min or max not valid string range item"
	errScoreNaN      = "ERR resulting score is not a number (NaN)"
	errZAddXXNX      = "ERR XX and NX options at the same time are not compatible"
	errZAddGTLTNX    = "ERR GT, LT, and/or NX options at the same time are not compatible"
	errZAddIncrOne   = "ERR INCR option supports a single increment-element pair"
)

func zsetCommands() []*command {
	const w, r, f = flagWrite, flagReadonly, flagFast
	one := func(name string, arity int, flags cmdFlags, fn func(*client, [][]byte)) *command {
		return &command{name: name, arity: arity, flags: flags, firstKey: 1, lastKey: 1, step: 1, fn: fn}
	}
	return []*command{
		one("zadd", -4, w|f|flagDenyOOM, cmdZAdd),
		one("zincrby", 4, w|f|flagDenyOOM, cmdZIncrBy),
		one("zrem", -3, w|f, cmdZRem),
		one("zcard", 2, r|f, cmdZCard),
		one("zscore", 3, r|f, cmdZScore),
		one("zmscore", -3, r|f, cmdZMScore),
		one("zrank", 3, r|f, cmdZRank),
		one("zrevrank", 3, r|f, cmdZRevRank),
		one("zcount", 4, r|f, cmdZCount),
		one("zlexcount", 4, r|f, cmdZLexCount),
		one("zrange", -4, r, cmdZRange),
		one("zrevrange", -4, r, cmdZRevRange),
		one("zrangebyscore", -4, r, cmdZRangeByScore),
		one("zrevrangebyscore", -4, r, cmdZRevRangeByScore),
		one("zrangebylex", -4, r, cmdZRangeByLex),
		one("zrevrangebylex", -4, r, cmdZRevRangeByLex),
		{name: "zrangestore", arity: -5, flags: w | flagDenyOOM, firstKey: 1, lastKey: 2, step: 1, fn: cmdZRangeStore},
		one("zremrangebyrank", 4, w, cmdZRemRangeByRank),
		one("zremrangebyscore", 4, w, cmdZRemRangeByScore),
		one("zremrangebylex", 4, w, cmdZRemRangeByLex),
		one("zpopmin", -2, w|f, cmdZPopMin),
		one("zpopmax", -2, w|f, cmdZPopMax),
		{name: "zmpop", arity: -4, flags: w, fn: cmdZMPop, keys: numKeysAt(1)},
		one("zrandmember", -2, r, cmdZRandMember),
		one("zscan", -3, r, cmdZScan),
		{name: "zunion", arity: -3, flags: r, fn: cmdZUnion, keys: zsetNumKeysAt(1)},
		{name: "zinter", arity: -3, flags: r, fn: cmdZInter, keys: zsetNumKeysAt(1)},
		{name: "zdiff", arity: -3, flags: r, fn: cmdZDiff, keys: zsetNumKeysAt(1)},
		{name: "zintercard", arity: -3, flags: r, fn: cmdZInterCard, keys: zsetNumKeysAt(1)},
		{name: "zunionstore", arity: -4, flags: w | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdZUnionStore, keys: zsetStoreKeys},
		{name: "zinterstore", arity: -4, flags: w | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdZInterStore, keys: zsetStoreKeys},
		{name: "zdiffstore", arity: -4, flags: w | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdZDiffStore, keys: zsetStoreKeys},
	}
}

func cmdZAdd(c *client, args [][]byte)    { c.zadd(args, false) }
func cmdZIncrBy(c *client, args [][]byte) { c.zadd(args, true) }

// zadd answers ZADD and ZINCRBY (ZADD with INCR), which Redis parses alike:
// options, then score-member pairs, every score checked before anything
// changes.
func (c *client) zadd(args [][]byte, incr bool) {
	f, i := parseZAddFlags(args)
	f.incr = f.incr || incr
	pairs := args[i:]
	switch {
	case len(pairs) == 0 || len(pairs)%2 != 0:
		c.writeError(errSyntax)
		return
	case f.nx && f.xx:
		c.writeError(errZAddXXNX)
		return
	case f.nx && (f.gt || f.lt) || f.gt && f.lt:
		c.writeError(errZAddGTLTNX)
		return
	case f.incr && len(pairs) > 2:
		c.writeError(errZAddIncrOne)
		return
	}
	scores, members := c.zadds.take(len(pairs) / 2)
	defer clear(members)
	for j := range scores {
		s, ok := scoretext.Parse(pairs[2*j])
		if !ok {
			c.writeError(errScoreNotFloat)
			return
		}
		scores[j], members[j] = s, pairs[2*j+1]
	}
	res, err := c.db.ZAdd(args[1], f.zaddFlags, scores, members)
	switch {
	case err != nil:
		c.writeStoreError(err)
	case res.nan:
		c.writeError(errScoreNaN)
	case f.incr && res.processed == 0:
		c.writeNull()
	case f.incr:
		c.writeDouble(res.score)
	case f.ch:
		c.writeInt(int64(res.added + res.updated))
	default:
		c.writeInt(int64(res.added))
	}
}

// zaddArgs keeps the slices a client's ZADD reads its pairs into, from
// one command to the next, up to maxKeptZAddPairs pairs.
type zaddArgs struct {
	scores  []float64
	members [][]byte
}

const maxKeptZAddPairs = 1024

// take returns slices for n pairs: the kept ones when n is small enough.
func (a *zaddArgs) take(n int) ([]float64, [][]byte) {
	if n > maxKeptZAddPairs {
		return make([]float64, n), make([][]byte, n)
	}
	if cap(a.scores) < n {
		a.scores, a.members = make([]float64, n), make([][]byte, n)
	}
	return a.scores[:n], a.members[:n]
}

// zaddOpts are ZADD's options with CH, which only changes the reply.
type zaddOpts struct {
	zaddFlags
	ch bool
}

// parseZAddFlags reads ZADD's options from args[2] on and returns them
// with the index of the first argument that is not one.
func parseZAddFlags(args [][]byte) (zaddOpts, int) {
	var f zaddOpts
	i := 2
	for ; i < len(args); i++ {
		switch {
		case optIs(args[i], "nx"):
			f.nx = true
		case optIs(args[i], "xx"):
			f.xx = true
		case optIs(args[i], "ch"):
			f.ch = true
		case optIs(args[i], "incr"):
			f.incr = true
		case optIs(args[i], "gt"):
			f.gt = true
		case optIs(args[i], "lt"):
			f.lt = true
		default:
			return f, i
		}
	}
	return f, i
}

// equalFold reports whether b is word in any case.
func optIs(b []byte, word string) bool { return bytes.EqualFold(b, []byte(word)) }

func cmdZRem(c *client, args [][]byte) {
	n, err := c.db.ZRem(args[1], args[2:])
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeInt(int64(n))
}

// zsetRead returns key's set for a reading command, or writes
// WRONGTYPE and returns ok false.
func (c *client) zsetRead(key []byte) (*ZSet, bool) {
	_, _, z, err := c.db.zsetIn(key)
	if err != nil {
		c.writeStoreError(err)
		return nil, false
	}
	return z, true
}

func cmdZCard(c *client, args [][]byte) {
	if z, ok := c.zsetRead(args[1]); ok {
		n := 0
		if z != nil {
			n = z.Len()
		}
		c.writeInt(int64(n))
	}
}

func cmdZScore(c *client, args [][]byte) {
	z, ok := c.zsetRead(args[1])
	if !ok {
		return
	}
	if z == nil {
		c.writeNull()
		return
	}
	c.writeScore(z, args[2])
}

// writeScore writes member's score in z, or null.
func (c *client) writeScore(z *ZSet, member []byte) {
	if s, in := z.Score(bytesString(member)); in {
		c.writeDouble(s)
		return
	}
	c.writeNull()
}

func cmdZMScore(c *client, args [][]byte) {
	z, ok := c.zsetRead(args[1])
	if !ok {
		return
	}
	c.writeArray(len(args) - 2)
	for _, m := range args[2:] {
		if z == nil {
			c.writeNull()
		} else {
			c.writeScore(z, m)
		}
	}
}

func cmdZRank(c *client, args [][]byte)    { c.zrank(args, false) }
func cmdZRevRank(c *client, args [][]byte) { c.zrank(args, true) }

func (c *client) zrank(args [][]byte, rev bool) {
	z, ok := c.zsetRead(args[1])
	if !ok {
		return
	}
	if z == nil {
		c.writeNull()
		return
	}
	r, in := z.Rank(bytesString(args[2]))
	switch {
	case !in:
		c.writeNull()
	case rev:
		c.writeInt(int64(z.Len() - 1 - r))
	default:
		c.writeInt(int64(r))
	}
}
