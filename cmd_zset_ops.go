// cmd_zset_ops.go holds the sorted-set commands over several keys named
// by a count (numkeys): ZUNION, ZINTER, ZDIFF, their STORE forms (WEIGHTS,
// AGGREGATE SUM|MIN|MAX, WITHSCORES) and ZINTERCARD (LIMIT). Their inputs
// may be sorted sets or sets (members scored 1). The command table's keys
// functions here name the keys for dispatch to lock.
package main

import (
	"slices"
	"strings"

	"nosql/internal/scoretext"
)

// zsetNumKeys returns the keys that a count at args[at] names after it, and
// whether the count is a positive integer that many arguments follow.
func zsetNumKeys(args [][]byte, at int) ([][]byte, bool) {
	if at >= len(args) {
		return nil, false
	}
	n, ok := parseCanonicalInt(args[at])
	if !ok || n < 1 || n > int64(len(args)-at-1) {
		return nil, false
	}
	return args[at+1 : at+1+int(n)], true
}

// zsetNumKeysAt returns a keys function for a count at args[at].
func zsetNumKeysAt(at int) func([][]byte) [][]byte {
	return func(args [][]byte) [][]byte {
		keys, _ := zsetNumKeys(args, at)
		return keys
	}
}

// zsetStoreKeys names the keys of ZUNIONSTORE and its kin: the destination,
// then the sources counted at args[2]; none when the count is wrong (the
// command then fails before reading any key), as Redis finds them.
func zsetStoreKeys(args [][]byte) [][]byte {
	keys, ok := zsetNumKeys(args, 2)
	if !ok {
		return nil
	}
	return append([][]byte{args[1]}, keys...)
}

// zsetOp is which of the three operations runs.
type zsetOp int

const (
	zopUnion zsetOp = iota
	zopInter
	zopDiff
)

// zaggregate is AGGREGATE's choice.
type zaggregate int

const (
	aggSum zaggregate = iota
	aggMin
	aggMax
)

// apply combines a member's score so far with another of its scores, as
// Redis does: a sum that is NaN (inf + -inf) counts as 0.
func (a zaggregate) apply(acc, v float64) float64 {
	switch a {
	case aggMin:
		if v < acc {
			return v
		}
		return acc
	case aggMax:
		if v > acc {
			return v
		}
		return acc
	}
	if s := acc + v; s == s {
		return s
	}
	return 0
}

// zsetOpReq is a parsed ZUNION, ZINTER, ZDIFF, a STORE form or ZINTERCARD.
type zsetOpReq struct {
	op         zsetOp
	store      bool // a destination at args[1]
	card       bool // ZINTERCARD
	srcs       []zsetSource
	keys       [][]byte
	weights    []float64
	agg        zaggregate
	withScores bool
	limit      int64
}

func cmdZUnion(c *client, args [][]byte) { c.zsetOp(args, zsetOpReq{op: zopUnion}) }
func cmdZInter(c *client, args [][]byte) { c.zsetOp(args, zsetOpReq{op: zopInter}) }
func cmdZDiff(c *client, args [][]byte)  { c.zsetOp(args, zsetOpReq{op: zopDiff}) }
func cmdZInterCard(c *client, args [][]byte) {
	c.zsetOp(args, zsetOpReq{op: zopInter, card: true})
}
func cmdZUnionStore(c *client, args [][]byte) {
	c.zsetOp(args, zsetOpReq{op: zopUnion, store: true})
}
func cmdZInterStore(c *client, args [][]byte) {
	c.zsetOp(args, zsetOpReq{op: zopInter, store: true})
}
func cmdZDiffStore(c *client, args [][]byte) {
	c.zsetOp(args, zsetOpReq{op: zopDiff, store: true})
}

// zsetOp checks the count, the keys' types, then the options, in Redis's
// order, computes the result and answers or stores it.
func (c *client) zsetOp(args [][]byte, q zsetOpReq) {
	at := 1
	if q.store {
		at = 2
	}
	n, ok := parseCanonicalInt(args[at])
	switch {
	case !ok:
		c.writeError(errNotInteger)
		return
	case n < 1:
		c.writeError("ERR at least 1 input key is needed for '" + strings.ToLower(string(args[0])) + "' command")
		return
	}
	keys, ok := zsetNumKeys(args, at)
	if !ok {
		c.writeError(errSyntax)
		return
	}
	for _, k := range keys {
		src, err := c.db.zsetSourceIn(k)
		if err != nil {
			c.writeStoreError(err)
			return
		}
		q.srcs = append(q.srcs, src)
	}
	q.keys = keys
	if msg := q.parseOptions(args[at+1+len(keys):]); msg != "" {
		c.writeError(msg)
		return
	}
	switch result, count := q.run(); {
	case q.store:
		c.writeInt(int64(c.db.ZStore(args[1], result, strings.ToLower(string(args[0])))))
	case q.card:
		c.writeInt(int64(count))
	default:
		c.writeScoredHeader(len(result), q.withScores)
		for _, e := range result {
			c.writeScored(e, q.withScores)
		}
	}
}

// parseOptions reads WEIGHTS, AGGREGATE, WITHSCORES and LIMIT where the
// command takes them.
func (q *zsetOpReq) parseOptions(opts [][]byte) string {
	q.weights = make([]float64, len(q.srcs))
	for i := range q.weights {
		q.weights[i] = 1
	}
	scored := q.op != zopDiff && !q.card
	for len(opts) > 0 {
		switch a := opts[0]; {
		case scored && len(opts) > len(q.srcs) && optIs(a, "weights"):
			for i := range q.weights {
				w, ok := scoretext.Parse(opts[1+i])
				if !ok {
					return "ERR weight value is not a float"
				}
				q.weights[i] = w
			}
			opts = opts[1+len(q.srcs):]
		case scored && len(opts) >= 2 && optIs(a, "aggregate"):
			switch {
			case optIs(opts[1], "sum"):
				q.agg = aggSum
			case optIs(opts[1], "min"):
				q.agg = aggMin
			case optIs(opts[1], "max"):
				q.agg = aggMax
			default:
				return errSyntax
			}
			opts = opts[2:]
		case !q.store && !q.card && optIs(a, "withscores"):
			q.withScores = true
			opts = opts[1:]
		case q.card && len(opts) >= 2 && optIs(a, "limit"):
			l, ok := parseCanonicalInt(opts[1])
			if !ok || l < 0 {
				return "ERR LIMIT can't be negative"
			}
			q.limit = l
			opts = opts[2:]
		default:
			return errSyntax
		}
	}
	return ""
}

// zsrc is one input with its weight.
type zsrc struct {
	s   zsetSource // nil: a missing key
	w   float64
	key string // two inputs are the same set when they name the same key
}

func (s zsrc) len() int {
	if s.s == nil {
		return 0
	}
	return s.s.zsLen()
}

// run computes the result, in order, or for ZINTERCARD only its size.
func (q *zsetOpReq) run() ([]zentry, int) {
	srcs := make([]zsrc, len(q.srcs))
	for i, s := range q.srcs {
		srcs[i] = zsrc{s, q.weights[i], bytesString(q.keys[i])}
	}
	var out []zentry
	switch q.op {
	case zopUnion:
		out = q.union(zsortedByLen(srcs))
	case zopInter:
		var n int
		out, n = q.inter(zsortedByLen(srcs))
		if q.card {
			return nil, n
		}
	default:
		out = zdiff(srcs)
	}
	slices.SortFunc(out, func(a, b zentry) int {
		if a.Less(b) {
			return -1
		}
		return 1
	})
	return out, len(out)
}

// zsortedByLen orders the inputs smallest first, as Redis does (it
// decides the order in which scores are added up).
func zsortedByLen(srcs []zsrc) []zsrc {
	slices.SortStableFunc(srcs, func(a, b zsrc) int { return a.len() - b.len() })
	return srcs
}

// weighted is a weighted score, 0 where the product is NaN (0 * inf).
func zweighted(score, w float64) float64 {
	if v := score * w; v == v {
		return v
	}
	return 0
}

func (q *zsetOpReq) union(srcs []zsrc) []zentry {
	acc := make(map[string]int) // member → index in out
	var out []zentry
	for _, s := range srcs {
		if s.s == nil {
			continue
		}
		s.s.zsEach(func(e zentry) bool {
			v := zweighted(e.Score, s.w)
			if i, ok := acc[e.Member]; ok {
				out[i].Score = q.agg.apply(out[i].Score, v)
			} else {
				acc[e.Member] = len(out)
				out = append(out, zentry{Member: e.Member, Score: v})
			}
			return true
		})
	}
	return out
}

// inter returns the members in every input with their combined scores,
// and how many there are; ZINTERCARD stops counting at its LIMIT.
func (q *zsetOpReq) inter(srcs []zsrc) ([]zentry, int) {
	if srcs[0].len() == 0 {
		return nil, 0
	}
	var out []zentry
	n := 0
	srcs[0].s.zsEach(func(e zentry) bool {
		score := zweighted(e.Score, srcs[0].w)
		for _, s := range srcs[1:] {
			v, ok := e.Score, s.key == srcs[0].key
			if !ok {
				v, ok = s.s.zsScore(e.Member)
			}
			if !ok {
				return true
			}
			score = q.agg.apply(score, v*s.w)
		}
		n++
		if !q.card {
			out = append(out, zentry{Member: e.Member, Score: score})
		}
		return !q.card || q.limit == 0 || int64(n) < q.limit
	})
	return out, n
}

// diff returns the members of the first input that no other holds, with
// their scores there.
func zdiff(srcs []zsrc) []zentry {
	if srcs[0].len() == 0 {
		return nil
	}
	for _, s := range srcs[1:] {
		if s.key == srcs[0].key {
			return nil // the first input less itself
		}
	}
	var out []zentry
	srcs[0].s.zsEach(func(e zentry) bool {
		for _, s := range srcs[1:] {
			if s.s != nil {
				if _, in := s.s.zsScore(e.Member); in {
					return true
				}
			}
		}
		out = append(out, e)
		return true
	})
	return out
}
