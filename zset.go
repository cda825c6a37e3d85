// zset.go holds ZSet, the sorted set value, in its two encodings: a small
// set is one sorted slice of entries (OBJECT ENCODING "listpack", as Redis
// keeps small sets in one listpack), a large one the slab, index and tree
// of internal/zsettree ("skiplist"). A set changes to the large encoding when
// it passes zset-max-listpack-entries members or takes a member longer
// than zset-max-listpack-value bytes, and, as in Redis, never back.
// Every operation is in rank terms: a range of scores or members is first
// turned into a range of ranks.
package main

import (
	"math"
	"slices"
	"sort"
	"strings"

	"nosql/internal/scoretext"
	"nosql/internal/zsettree"
)

// zentry is one member of a sorted set with its score.
type zentry = zsettree.Entry

// ZSet is a sorted set. The zero value is an empty small set.
type ZSet struct {
	list []zentry // the small encoding, in order; unused once big is set
	big  *zsettree.Tree
}

// Len returns the number of members.
func (z *ZSet) Len() int {
	if z.big != nil {
		return z.big.Len()
	}
	return len(z.list)
}

// find returns m's index in the small encoding, or -1.
func (z *ZSet) find(m string) int {
	for i := range z.list {
		if z.list[i].Member == m {
			return i
		}
	}
	return -1
}

// Score returns m's score.
func (z *ZSet) Score(m string) (float64, bool) {
	if z.big != nil {
		return z.big.Score(m)
	}
	if i := z.find(m); i >= 0 {
		return z.list[i].Score, true
	}
	return 0, false
}

// Rank returns m's rank (0 for the lowest score).
func (z *ZSet) Rank(m string) (int, bool) {
	if z.big == nil {
		i := z.find(m)
		return i, i >= 0
	}
	return z.big.Rank(m)
}

// search returns the rank of the first entry for which pred holds; pred
// must be false for a prefix of the set and true for the rest.
func (z *ZSet) search(pred func(zentry) bool) int {
	if z.big != nil {
		return z.big.Search(pred)
	}
	return sort.Search(len(z.list), func(i int) bool { return pred(z.list[i]) })
}

// each calls fn with the entries of ranks [from, to), in order or (rev)
// from to-1 down, until fn returns false.
func (z *ZSet) each(from, to int, rev bool, fn func(zentry) bool) {
	if z.big != nil {
		z.big.Each(from, to, rev, fn)
		return
	}
	for k := from; k < to; k++ {
		i := k
		if rev {
			i = to - 1 - (k - from)
		}
		if !fn(z.list[i]) {
			return
		}
	}
}

// at returns the entry of rank r (0 <= r < Len).
func (z *ZSet) at(r int) zentry {
	var e zentry
	z.each(r, r+1, false, func(x zentry) bool { e = x; return false })
	return e
}

// insert adds e, whose member is not in the set, changing to the large
// encoding first if the set would pass lim. The small encoding stores -0
// as 0, as Redis's listpack does (it keeps a whole score as an integer).
func (z *ZSet) insert(e zentry, lim *encodingLimits) {
	if z.big == nil && (int64(len(z.list)+1) > lim.zsetMaxListpackEntries || int64(len(e.Member)) > lim.zsetMaxListpackValue) {
		z.toBig()
	}
	if z.big != nil {
		z.big.Insert(e)
		return
	}
	if e.Score == 0 {
		e.Score = 0 // a listpack keeps -0 as the integer 0
	}
	i := sort.Search(len(z.list), func(i int) bool { return e.Less(z.list[i]) })
	z.list = slices.Insert(z.list, i, e)
}

// toBig changes a small set to the large encoding.
func (z *ZSet) toBig() {
	z.big = zsettree.New()
	for _, e := range z.list {
		z.big.Insert(e)
	}
	z.list = nil
}

// remove deletes m and reports whether it was there.
func (z *ZSet) remove(m string) bool {
	r, ok := z.Rank(m)
	if ok {
		z.removeRange(r, r+1, nil)
	}
	return ok
}

// removeRange deletes ranks [from, to), calling fn (if not nil) with each
// entry, in order, first.
func (z *ZSet) removeRange(from, to int, fn func(zentry)) {
	if z.big != nil {
		z.big.RemoveRange(from, to, fn)
		return
	}
	if fn != nil {
		for _, e := range z.list[from:to] {
			fn(e)
		}
	}
	z.list = slices.Delete(z.list, from, to)
	if cap(z.list) > 2*len(z.list)+8 {
		z.list = slices.Clip(slices.Clone(z.list))
	}
}

// zaddFlags are ZADD's options.
type zaddFlags struct{ nx, xx, gt, lt, incr bool }

// zaddOutcome is what adding one member did.
type zaddOutcome int

const (
	zaddNop     zaddOutcome = iota // nothing: an option said no, or the score is the same
	zaddAdded                      // a new member
	zaddUpdated                    // a new score
	zaddNaN                        // the increment made NaN: nothing done
)

// add adds m (which may be a view of a request: a new member is copied)
// with score (an increment with incr) under ZADD's options and
// returns what it did, the member's score after it, and whether it ran
// (ZADD's processed: not stopped by NX, XX, GT or LT).
func (z *ZSet) add(m string, score float64, f zaddFlags, lim *encodingLimits) (zaddOutcome, float64, bool) {
	cur, exists := z.Score(m)
	switch {
	case exists && f.nx, !exists && f.xx:
		return zaddNop, 0, false
	case !exists:
		z.insert(zentry{Member: strings.Clone(m), Score: score}, lim)
		return zaddAdded, score, true
	}
	if f.incr {
		score += cur
		if score != score {
			return zaddNaN, 0, false
		}
	}
	if (f.lt && score >= cur) || (f.gt && score <= cur) {
		return zaddNop, 0, false
	}
	if score == cur {
		return zaddNop, score, true
	}
	r, _ := z.Rank(m)
	var old string
	z.removeRange(r, r+1, func(e zentry) { old = e.Member })
	z.insert(zentry{Member: old, Score: score}, lim)
	return zaddUpdated, score, true
}

// zsetFrom builds a set of entries (members distinct) in the encoding
// Redis gives a set it builds whole (ZUNIONSTORE, ZRANGESTORE): small
// when it fits lim.
func zsetFrom(entries []zentry, lim *encodingLimits) *ZSet {
	z := &ZSet{}
	fits := int64(len(entries)) <= lim.zsetMaxListpackEntries
	for _, e := range entries {
		fits = fits && int64(len(e.Member)) <= lim.zsetMaxListpackValue
	}
	if !fits {
		z.big = zsettree.New()
	}
	for _, e := range entries {
		z.insert(e, lim)
	}
	return z
}

// The ZSet as an object.

func (z *ZSet) typeName() string { return "zset" }

func (z *ZSet) encoding() string {
	if z.big != nil {
		return "skiplist"
	}
	return "listpack"
}

func (z *ZSet) clone() object {
	if z.big != nil {
		return &ZSet{big: z.big.Clone()} // the rewrite clones under the shard's lock
	}
	return &ZSet{list: slices.Clone(z.list)}
}

// appendText writes the set as Python prints a list of (member, score)
// tuples: [('alice', 10.0), ('bob', 2.5)].
func (z *ZSet) appendText(dst []byte) []byte {
	dst = append(dst, '[')
	z.each(0, z.Len(), false, func(e zentry) bool {
		if dst[len(dst)-1] != '[' {
			dst = append(dst, ", "...)
		}
		dst = append(appendPyRepr(append(dst, '('), e.Member), ", "...)
		dst = append(scoretext.AppendPy(dst, e.Score), ')')
		return true
	})
	return append(dst, ']')
}

// rewrite emits ZADD with up to rewriteItemsPerOp members each, in
// order, except that members scored -0 come last: by then the rebuilt set
// is in the large encoding if it will be, and keeps -0 as this one does.
func (z *ZSet) rewrite(key string, emit func(args ...string) error) error {
	args := make([]string, 0, 2+2*min(z.Len(), rewriteItemsPerOp))
	var negZeros []string
	var err error
	add := func(score, member string) {
		if len(args) == 0 {
			args = append(args, "ZADD", key)
		}
		if args = append(args, score, member); len(args) == cap(args) && err == nil {
			err = emit(args...)
			args = args[:0]
		}
	}
	z.each(0, z.Len(), false, func(e zentry) bool {
		if e.Score == 0 && math.Signbit(e.Score) {
			negZeros = append(negZeros, e.Member)
		} else {
			add(scoretext.Format(e.Score), e.Member)
		}
		return err == nil
	})
	for _, m := range negZeros {
		add("-0", m)
	}
	if len(args) > 0 && err == nil {
		err = emit(args...)
	}
	return err
}
