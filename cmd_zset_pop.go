// cmd_zset_pop.go holds ZPOPMIN, ZPOPMAX, ZMPOP, ZRANDMEMBER and ZSCAN.
// The blocking pops (BZPOPMIN, BZPOPMAX, BZMPOP) are in cmd_zset_block.go.
package main

import (
	"math/rand/v2"
	"strconv"

	"nosql/internal/glob"
	"nosql/internal/scoretext"
)

func cmdZPopMin(c *client, args [][]byte) { c.zpop(args, false) }
func cmdZPopMax(c *client, args [][]byte) { c.zpop(args, true) }

// zpop answers ZPOPMIN and ZPOPMAX: an array of members and scores, flat
// without a count (and under RESP2), pairs with a count under RESP3.
func (c *client) zpop(args [][]byte, high bool) {
	if len(args) > 3 {
		c.writeError(errSyntax)
		return
	}
	count, hasCount, ok := c.popCount(args)
	if !ok {
		return
	}
	_, popped, err := c.db.ZPop(args[1:2], high, count)
	if err != nil {
		c.writeStoreError(err)
		return
	}
	if hasCount {
		c.writeScoredHeader(len(popped), true)
		for _, e := range popped {
			c.writeScored(e, true)
		}
		return
	}
	c.writeArray(2 * len(popped))
	for _, e := range popped {
		c.writeBulkString(e.Member)
		c.writeDouble(e.Score)
	}
}

// zsetSide reads MIN|MAX: true for MAX.
func zsetSide(b []byte) (high, ok bool) {
	switch {
	case optIs(b, "max"):
		return true, true
	case optIs(b, "min"):
		return false, true
	}
	return false, false
}

// cmdZMPop serves ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: the
// first of the keys that exists, and what was popped from it.
func cmdZMPop(c *client, args [][]byte) {
	m, msg := parseMPop(args, 1, zsetSide)
	if msg != "" {
		c.writeError(msg)
		return
	}
	key, popped, err := c.db.ZPop(m.keys, m.end, m.count)
	switch {
	case err != nil:
		c.writeStoreError(err)
	case key == nil:
		c.writeNullArray()
	default:
		c.writeZMPop(key, popped)
	}
}

// writeZMPop answers ZMPOP and BZMPOP: the key, and its members popped
// with their scores.
func (c *client) writeZMPop(key []byte, popped []zentry) {
	c.writeArray(2)
	c.writeBulk(key)
	c.writeArray(len(popped))
	for _, e := range popped {
		c.writeArray(2)
		c.writeBulkString(e.Member)
		c.writeDouble(e.Score)
	}
}

// cmdZRandMember serves ZRANDMEMBER key [count [WITHSCORES]].
func cmdZRandMember(c *client, args [][]byte) {
	if len(args) == 2 {
		z, ok := c.zsetRead(args[1])
		switch {
		case !ok:
		case z == nil:
			c.writeNull()
		default:
			c.writeBulkString(z.at(rand.IntN(z.Len())).Member)
		}
		return
	}
	count, withScores, msg := parseRandCount(args, "withscores")
	if msg != "" {
		c.writeError(msg)
		return
	}
	z, ok := c.zsetRead(args[1])
	switch {
	case !ok:
	case z == nil || count == 0:
		c.writeArray(0)
	case count < 0:
		c.zrandRepeated(z, -count, withScores)
	default:
		c.zrandDistinct(z, int(min(count, int64(z.Len()))), withScores)
	}
}

// zrandRepeated answers n members picked at random, each pick from the
// whole set. It stops early once the reply passed the client's output
// limit (the client is then closed), as Redis does.
func (c *client) zrandRepeated(z *ZSet, n int64, withScores bool) {
	c.writeScoredHeader(int(n), withScores)
	for ; n > 0 && !c.q.over; n-- {
		c.writeScored(z.at(rand.IntN(z.Len())), withScores)
	}
}

// zrandDistinct answers n distinct members (n <= Len): the whole set from
// the highest score down when n is all of it, as Redis walks a set,
// otherwise in random order.
func (c *client) zrandDistinct(z *ZSet, n int, withScores bool) {
	c.writeScoredHeader(n, withScores)
	if n == z.Len() {
		z.each(0, n, true, func(e zentry) bool {
			c.writeScored(e, withScores)
			return true
		})
		return
	}
	for _, r := range sampleRanks(z.Len(), n) {
		c.writeScored(z.at(r), withScores)
	}
}

// sampleRanks returns n distinct ranks below size in random order.
func sampleRanks(size, n int) []int {
	if n*3 > size {
		return rand.Perm(size)[:n]
	}
	seen := make(map[int]bool, n)
	out := make([]int, 0, n)
	for len(out) < n {
		if r := rand.IntN(size); !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// cmdZScan serves ZSCAN key cursor [MATCH pattern] [COUNT count]. A small
// set answers whole with cursor 0, as Redis answers a listpack; a large
// one walks its slab, the cursor being the next slot to look at, so a
// member there for the whole scan is returned at least once.
func cmdZScan(c *client, args [][]byte) {
	cursor, ok := parseScanCursor(args[2])
	if !ok {
		c.writeError("ERR invalid cursor")
		return
	}
	z, ok := c.zsetRead(args[1])
	if !ok {
		return
	}
	if z == nil {
		c.writeArray(2)
		c.writeBulkString("0")
		c.writeArray(0)
		return
	}
	count, pattern, msg := parseZScanOptions(args[3:])
	if msg != "" {
		c.writeError(msg)
		return
	}
	var found []zentry
	next := uint64(0)
	if z.big == nil {
		found = z.list
	} else {
		found, next = z.big.Scan(cursor, count)
	}
	var buf [32]byte
	out := make([]string, 0, 2*len(found))
	for _, e := range found {
		if pattern == "*" || glob.Match(pattern, e.Member) {
			out = append(out, e.Member, string(scoretext.Append17(buf[:0], e.Score)))
		}
	}
	c.writeArray(2)
	c.writeBulkString(strconv.FormatUint(next, 10))
	c.writeBulks(out)
}

// parseZScanOptions reads ZSCAN's MATCH and COUNT (10 by default), in
// Redis's order of checks.
func parseZScanOptions(opts [][]byte) (count int64, pattern, errMsg string) {
	count, pattern = 10, "*"
	for i := 0; i < len(opts); i += 2 {
		switch {
		case i+1 < len(opts) && optIs(opts[i], "count"):
			n, ok := parseCanonicalInt(opts[i+1])
			if !ok {
				return 0, "", errNotInteger
			}
			if n < 1 {
				return 0, "", errSyntax
			}
			count = n
		case i+1 < len(opts) && optIs(opts[i], "match"):
			pattern = string(opts[i+1])
		default:
			return 0, "", errSyntax
		}
	}
	return count, pattern, ""
}
