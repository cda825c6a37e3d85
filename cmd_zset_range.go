// cmd_zset_range.go holds the sorted-set commands over a range of ranks,
// scores or members: ZRANGE (BYSCORE, BYLEX, REV, LIMIT, WITHSCORES) and
// the older ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX and
// ZREVRANGEBYLEX that Redis parses through the same code, ZRANGESTORE,
// ZCOUNT, ZLEXCOUNT and the three ZREMRANGEBY commands. A range is
// turned into ranks [from, to) in O(log N), then walked.
package main

import (
	"nosql/internal/scoretext"
)

// zrangeKind is how a range is given.
type zrangeKind int

const (
	zbyAuto zrangeKind = iota // ZRANGE: by rank unless BYSCORE or BYLEX
	zbyRank
	zbyScore
	zbyLex
)

// zdir is a range's direction: set by REV in ZRANGE, fixed by the
// older commands.
type zdir int

const (
	zdirAuto zdir = iota
	zdirForward
	zdirReverse
)

// zrangeReq is a parsed range request.
type zrangeReq struct {
	kind          zrangeKind
	rev           bool
	withScores    bool
	offset, limit int64 // LIMIT; limit -1: no limit
	start, stop   int64
	smin, smax    scoretext.Bound
	lmin, lmax    scoretext.Lex
}

// Range errors that name the conflict.
const (
	errLimitRank   = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"
	errScoresByLex = "ERR syntax error, WITHSCORES not supported in combination with BYLEX"
)

// parseZRange reads <src> <min> <max> and the options after them, from
// args[at] on, as Redis's zrangeGenericCommand does; it returns the error
// reply for bad arguments, or "".
func parseZRange(args [][]byte, at int, store bool, kind zrangeKind, dir zdir) (zrangeReq, string) {
	q := zrangeReq{limit: -1}
	for j := at + 3; j < len(args); j++ {
		switch a := args[j]; {
		case !store && optIs(a, "withscores"):
			q.withScores = true
		case optIs(a, "limit") && len(args)-j-1 >= 2:
			var ok bool
			if q.offset, q.limit, ok = parseInts(args[j+1], args[j+2]); !ok {
				return q, errNotInteger
			}
			j += 2
		case dir == zdirAuto && optIs(a, "rev"):
			dir = zdirReverse
		case kind == zbyAuto && optIs(a, "bylex"):
			kind = zbyLex
		case kind == zbyAuto && optIs(a, "byscore"):
			kind = zbyScore
		default:
			return q, errSyntax
		}
	}
	if kind == zbyAuto {
		kind = zbyRank
	}
	q.kind, q.rev = kind, dir == zdirReverse
	switch {
	case q.limit != -1 && kind == zbyRank:
		return q, errLimitRank
	case q.withScores && kind == zbyLex:
		return q, errScoresByLex
	}
	lo, hi := args[at+1], args[at+2]
	if q.rev && kind != zbyRank {
		lo, hi = hi, lo // given as max, min
	}
	return q, q.parseBounds(lo, hi)
}

// parseBounds reads the range's two ends.
func (q *zrangeReq) parseBounds(lo, hi []byte) string {
	var ok, ok2 bool
	switch q.kind {
	case zbyRank:
		if q.start, q.stop, ok = parseInts(lo, hi); !ok {
			return errNotInteger
		}
	case zbyScore:
		q.smin, ok = scoretext.ParseBound(lo)
		q.smax, ok2 = scoretext.ParseBound(hi)
		if !ok || !ok2 {
			return errScoreRange
		}
	case zbyLex:
		q.lmin, ok = scoretext.ParseLex(lo)
		q.lmax, ok2 = scoretext.ParseLex(hi)
		if !ok || !ok2 {
			return errLexRange
		}
	}
	return ""
}

// scoreRanks returns the ranks [lo, hi) of z's members scored from
// one bound to the other.
func scoreRanks(z *ZSet, from, to scoretext.Bound) (int, int) {
	lo := z.search(func(e zentry) bool { return from.AboveMin(e.Score) })
	hi := z.search(func(e zentry) bool { return !to.BelowMax(e.Score) })
	return lo, max(lo, hi)
}

// lexRanks returns the ranks [lo, hi) of z's members between bounds. In
// a set whose members all have one score this is the run of members in
// the range. Otherwise, as in Redis, the answer is not specified; a small
// set gives Redis's listpack answer: from the first member (the last one
// when rev) inside the bounds, the members after it (before it) while
// they stay inside.
func lexRanks(z *ZSet, from, to scoretext.Lex, rev bool) (int, int) {
	n := z.Len()
	if n == 0 || scoretext.LexEmpty(from, to) || !from.AboveMin(z.at(n-1).Member) || !to.BelowMax(z.at(0).Member) {
		return 0, 0
	}
	if z.big != nil {
		lo := z.search(func(e zentry) bool { return from.AboveMin(e.Member) })
		hi := z.search(func(e zentry) bool { return !to.BelowMax(e.Member) })
		return lo, max(lo, hi)
	}
	l := z.list
	if !rev {
		lo := 0
		for !from.AboveMin(l[lo].Member) {
			lo++
		}
		hi := lo
		for hi < n && to.BelowMax(l[hi].Member) {
			hi++
		}
		return lo, hi
	}
	hi := n
	for !to.BelowMax(l[hi-1].Member) {
		hi--
	}
	lo := hi
	for lo > 0 && from.AboveMin(l[lo-1].Member) {
		lo--
	}
	return lo, hi
}

// ranks returns the ranks [from, to) that q selects in z; they are walked
// from to-1 down when q.rev.
func (q *zrangeReq) ranks(z *ZSet) (int, int) {
	n := z.Len()
	var lo, hi int
	switch q.kind {
	case zbyRank:
		from, to := ListRange(q.start, q.stop, n)
		if q.rev {
			from, to = n-to, n-from
		}
		return from, to
	case zbyScore:
		lo, hi = scoreRanks(z, q.smin, q.smax)
	default:
		lo, hi = lexRanks(z, q.lmin, q.lmax, q.rev)
	}
	if q.offset < 0 || q.offset >= int64(hi-lo) {
		return lo, lo
	}
	count := int64(hi-lo) - q.offset
	if q.limit >= 0 {
		count = min(count, q.limit)
	}
	if q.rev {
		top := hi - int(q.offset)
		return top - int(count), top
	}
	from := lo + int(q.offset)
	return from, from + int(count)
}

func cmdZRange(c *client, args [][]byte)      { c.zrange(args, zbyAuto, zdirAuto) }
func cmdZRevRange(c *client, args [][]byte)   { c.zrange(args, zbyRank, zdirReverse) }
func cmdZRangeByLex(c *client, args [][]byte) { c.zrange(args, zbyLex, zdirForward) }
func cmdZRevRangeByLex(c *client, args [][]byte) {
	c.zrange(args, zbyLex, zdirReverse)
}
func cmdZRangeByScore(c *client, args [][]byte) { c.zrange(args, zbyScore, zdirForward) }
func cmdZRevRangeByScore(c *client, args [][]byte) {
	c.zrange(args, zbyScore, zdirReverse)
}

// zrange answers ZRANGE and the older range commands.
func (c *client) zrange(args [][]byte, kind zrangeKind, dir zdir) {
	q, msg := parseZRange(args, 1, false, kind, dir)
	if msg != "" {
		c.writeError(msg)
		return
	}
	z, ok := c.zsetRead(args[1])
	switch {
	case !ok:
		return
	case z == nil:
		c.writeArray(0)
		return
	}
	from, to := q.ranks(z)
	c.writeScoredHeader(to-from, q.withScores)
	z.each(from, to, q.rev, func(e zentry) bool {
		c.writeScored(e, q.withScores)
		return true
	})
}

// cmdZRangeStore serves ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV]
// [LIMIT offset count].
func cmdZRangeStore(c *client, args [][]byte) {
	q, msg := parseZRange(args, 2, true, zbyAuto, zdirAuto)
	if msg != "" {
		c.writeError(msg)
		return
	}
	z, ok := c.zsetRead(args[2])
	if !ok {
		return
	}
	var entries []zentry
	if z == nil {
		c.db.missed(args[2])
	} else {
		from, to := q.ranks(z)
		entries = make([]zentry, 0, to-from)
		z.each(from, to, false, func(e zentry) bool {
			entries = append(entries, e)
			return true
		})
	}
	c.writeInt(int64(c.db.ZStore(args[1], entries, "zrangestore")))
}

func cmdZCount(c *client, args [][]byte) {
	lo, ok := scoretext.ParseBound(args[2])
	hi, ok2 := scoretext.ParseBound(args[3])
	if !ok || !ok2 {
		c.writeError(errScoreRange)
		return
	}
	c.zcount(args[1], func(z *ZSet) (int, int) { return scoreRanks(z, lo, hi) })
}

func cmdZLexCount(c *client, args [][]byte) {
	lo, ok := scoretext.ParseLex(args[2])
	hi, ok2 := scoretext.ParseLex(args[3])
	if !ok || !ok2 {
		c.writeError(errLexRange)
		return
	}
	c.zcount(args[1], func(z *ZSet) (int, int) { return lexRanks(z, lo, hi, false) })
}

// zcount answers the size of a range of key's set, 0 for a missing key.
func (c *client) zcount(key []byte, ranks func(*ZSet) (int, int)) {
	z, ok := c.zsetRead(key)
	if !ok {
		return
	}
	n := 0
	if z != nil {
		lo, hi := ranks(z)
		n = hi - lo
	}
	c.writeInt(int64(n))
}

func cmdZRemRangeByRank(c *client, args [][]byte) {
	start, stop, ok := parseInts(args[2], args[3])
	if !ok {
		c.writeError(errNotInteger)
		return
	}
	c.zremrange(args[1], "zremrangebyrank", func(z *ZSet) (int, int) { return ListRange(start, stop, z.Len()) })
}

func cmdZRemRangeByScore(c *client, args [][]byte) {
	lo, ok := scoretext.ParseBound(args[2])
	hi, ok2 := scoretext.ParseBound(args[3])
	if !ok || !ok2 {
		c.writeError(errScoreRange)
		return
	}
	c.zremrange(args[1], "zremrangebyscore", func(z *ZSet) (int, int) { return scoreRanks(z, lo, hi) })
}

func cmdZRemRangeByLex(c *client, args [][]byte) {
	lo, ok := scoretext.ParseLex(args[2])
	hi, ok2 := scoretext.ParseLex(args[3])
	if !ok || !ok2 {
		c.writeError(errLexRange)
		return
	}
	c.zremrange(args[1], "zremrangebylex", func(z *ZSet) (int, int) { return lexRanks(z, lo, hi, false) })
}

// zremrange removes a range of key's set and answers how many went;
// event is the command's.
func (c *client) zremrange(key []byte, event string, ranks func(*ZSet) (int, int)) {
	z, ok := c.zsetRead(key)
	if !ok {
		return
	}
	n := 0
	if z != nil {
		from, to := ranks(z)
		n = c.db.ZRemRanks(key, from, to, event)
	}
	c.writeInt(int64(n))
}
