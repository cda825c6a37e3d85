// cmd_set.go holds the set commands: SADD, SREM, SCARD, SISMEMBER,
// SMISMEMBER, SMEMBERS, SRANDMEMBER, SPOP, SMOVE, SINTER, SINTERCARD,
// SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE and SSCAN, with
// Redis 7.0's replies (sets as RESP3 sets where Redis sends them) and its
// argument checks in its order.
package main

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strconv"
)

func setCommands() []*command {
	const w, r, f = flagWrite, flagReadonly, flagFast
	return []*command{
		{name: "sadd", arity: -3, flags: w | f | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdSAdd},
		{name: "srem", arity: -3, flags: w | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdSRem},
		{name: "scard", arity: 2, flags: r | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdSCard},
		{name: "sismember", arity: 3, flags: r | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdSIsMember},
		{name: "smismember", arity: -3, flags: r | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdSMIsMember},
		{name: "smembers", arity: 2, flags: r, firstKey: 1, lastKey: 1, step: 1, fn: cmdSMembers},
		{name: "srandmember", arity: -2, flags: r, firstKey: 1, lastKey: 1, step: 1, fn: cmdSRandMember},
		{name: "spop", arity: -2, flags: w | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdSPop},
		{name: "smove", arity: 4, flags: w | f, firstKey: 1, lastKey: 2, step: 1, fn: cmdSMove},
		{name: "sinter", arity: -2, flags: r, firstKey: 1, lastKey: -1, step: 1, fn: cmdSInter},
		{name: "sintercard", arity: -3, flags: r, keys: numKeysAt(1), fn: cmdSInterCard},
		{name: "sinterstore", arity: -3, flags: w | flagDenyOOM, firstKey: 1, lastKey: -1, step: 1, fn: cmdSInterStore},
		{name: "sunion", arity: -2, flags: r, firstKey: 1, lastKey: -1, step: 1, fn: cmdSUnion},
		{name: "sunionstore", arity: -3, flags: w | flagDenyOOM, firstKey: 1, lastKey: -1, step: 1, fn: cmdSUnionStore},
		{name: "sdiff", arity: -2, flags: r, firstKey: 1, lastKey: -1, step: 1, fn: cmdSDiff},
		{name: "sdiffstore", arity: -3, flags: w | flagDenyOOM, firstKey: 1, lastKey: -1, step: 1, fn: cmdSDiffStore},
		{name: "sscan", arity: -3, flags: r, firstKey: 1, lastKey: 1, step: 1, fn: cmdSScan},
	}
}

// numKeysAt returns a key finder for commands whose argument i is a count
// of the keys that follow it (SINTERCARD numkeys key...): none when the
// count is not a valid one, and the command fails without reading keys.
func numKeysAt(i int) func(args [][]byte) [][]byte {
	return func(args [][]byte) [][]byte {
		if len(args) <= i {
			return nil
		}
		n, ok := parseCanonicalInt(args[i])
		if !ok || n < 1 || n > int64(len(args)-i-1) {
			return nil
		}
		return args[i+1 : i+1+int(n)]
	}
}

// Reply texts of the set commands.
const (
	errNumKeys       = "ERR numkeys should be greater than 0"
	errNumKeysArgs   = "ERR Number of keys can't be greater than number of args"
	errLimitNegative = "ERR LIMIT can't be negative"
)

func cmdSAdd(c *client, args [][]byte) {
	n, err := c.db.SetAdd(args[1], args[2:])
	c.writeIntOr(int64(n), err)
}

func cmdSRem(c *client, args [][]byte) {
	n, err := c.db.SetRem(args[1], args[2:])
	c.writeIntOr(int64(n), err)
}

// writeIntOr writes n, or err when there is one.
func (c *client) writeIntOr(n int64, err error) {
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeInt(n)
}

func cmdSCard(c *client, args [][]byte) {
	n := 0
	_, err := c.db.ReadSet(args[1], func(s setObject) { n = s.Len() })
	c.writeIntOr(int64(n), err)
}

func cmdSIsMember(c *client, args [][]byte) {
	has := false
	_, err := c.db.ReadSet(args[1], func(s setObject) { has = s.Has(bytesString(args[2])) })
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeBool(has)
}

// cmdSMIsMember answers 0 for each member of a missing key.
func cmdSMIsMember(c *client, args [][]byte) {
	members := args[2:]
	found, err := c.db.ReadSet(args[1], func(s setObject) {
		c.writeArray(len(members))
		for _, m := range members {
			c.writeBool(s.Has(bytesString(m)))
		}
	})
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !found:
		c.writeArray(len(members))
		for range members {
			c.writeInt(0)
		}
	}
}

// cmdSMembers writes the members straight from the set.
func cmdSMembers(c *client, args [][]byte) {
	found, err := c.db.ReadSet(args[1], func(s setObject) {
		c.writeSet(s.Len())
		c.writeMembers(s)
	})
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !found:
		c.writeSet(0)
	}
}

// writeMembers writes every member of s as a bulk string, in its order.
func (c *client) writeMembers(s setObject) {
	if h, ok := s.(*hashSet); ok {
		for i := range h.Len() {
			c.writeBulkString(h.At(i))
		}
		return
	}
	is := intsetOf(s)
	var buf [20]byte
	for i := range is.Len() {
		c.writeBulk(strconv.AppendInt(buf[:0], is.At(i), 10))
	}
}

// writeMemberAt writes member i of s as a bulk string.
func (c *client) writeMemberAt(s setObject, i int) {
	if h, ok := s.(*hashSet); ok {
		c.writeBulkString(h.At(i))
		return
	}
	var buf [20]byte
	c.writeBulk(strconv.AppendInt(buf[:0], intsetOf(s).At(i), 10))
}

// cmdSRandMember answers one member (a bulk string) without a count; with
// one, an array: |count| members drawn independently for a negative
// count, else min(count, size) distinct ones.
func cmdSRandMember(c *client, args [][]byte) {
	if len(args) == 2 {
		var m string
		found, err := c.db.ReadSet(args[1], func(s setObject) { m = setRandom(s) })
		c.writeMaybeString(m, found, err)
		return
	}
	if len(args) > 3 {
		c.writeError(errSyntax)
		return
	}
	count, _, msg := parseRandCount(args, "")
	if msg != "" {
		c.writeError(msg)
		return
	}
	found, err := c.db.ReadSet(args[1], func(s setObject) { c.writeRandomMembers(s, count) })
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !found:
		c.writeArray(0)
	}
}

// writeRandomMembers answers SRANDMEMBER with a count (not the minimum
// int64). Drawing stops once the client's output is past its limit, as
// the connection is then closed and the rest would go nowhere.
func (c *client) writeRandomMembers(s setObject, count int64) {
	n := int64(s.Len())
	switch {
	case count == 0:
		c.writeArray(0)
	case count < 0 || count == 1:
		count = max(count, -count)
		c.writeArray(int(count))
		for ; count > 0 && !c.q.over; count-- {
			c.writeMemberAt(s, rand.IntN(int(n)))
		}
	case count >= n:
		c.writeArray(int(n))
		c.writeMembers(s)
	default:
		idx := randomIndexes(int(n), int(count))
		c.writeArray(len(idx))
		for _, i := range idx {
			c.writeMemberAt(s, i)
		}
	}
}

// cmdSPop answers a bulk string without a count; with one, a set of the
// members popped.
func cmdSPop(c *client, args [][]byte) {
	if len(args) > 3 {
		c.writeError(errSyntax)
		return
	}
	count := int64(1)
	if len(args) == 3 {
		n, ok := parseCanonicalInt(args[2])
		if !ok || n < 0 {
			c.writeError(errCountRange)
			return
		}
		count = n
	}
	popped, found, err := c.db.SetPop(args[1], count, c.strs[:0])
	switch {
	case err != nil:
		c.writeStoreError(err)
	case len(args) == 3:
		c.writeSet(len(popped))
		c.writeStrings(popped)
	case !found:
		c.writeNull()
	default:
		c.writeBulkString(popped[0])
	}
	clear(popped)
	c.strs = popped[:0]
	if cap(c.strs) > maxKeptStrs {
		c.strs = nil
	}
}

func cmdSMove(c *client, args [][]byte) {
	moved, err := c.db.SetMove(args[1], args[2], args[3])
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeBool(moved)
}

// cmdSInter answers the members of the smallest set that are in every
// other, in that set's order; nothing when a key is missing.
func cmdSInter(c *client, args [][]byte) {
	sets, err := c.db.setsOf(args[1:])
	switch {
	case err != nil:
		c.writeStoreError(err)
	case slices.Contains(sets, nil):
		c.writeSet(0)
	default:
		var out []string
		interEach(sets, func(m string) bool { out = append(out, m); return true })
		c.writeSet(len(out))
		c.writeStrings(out)
	}
}

// cmdSInterCard checks numkeys and LIMIT before any key, as Redis does.
func cmdSInterCard(c *client, args [][]byte) {
	numKeys, ok := parseCanonicalInt(args[1])
	switch {
	case !ok || numKeys < 1:
		c.writeError(errNumKeys)
		return
	case numKeys > int64(len(args)-2):
		c.writeError(errNumKeysArgs)
		return
	}
	limit := int64(0)
	for i := 2 + int(numKeys); i < len(args); i++ {
		if !bytes.EqualFold(args[i], []byte("limit")) || i+1 >= len(args) {
			c.writeError(errSyntax)
			return
		}
		i++
		n, ok := parseCanonicalInt(args[i])
		if !ok || n < 0 {
			c.writeError(errLimitNegative)
			return
		}
		limit = n
	}
	sets, err := c.db.setsOf(args[2 : 2+numKeys])
	if err != nil {
		c.writeStoreError(err)
		return
	}
	n := int64(0)
	if !slices.Contains(sets, nil) {
		interEach(sets, func(string) bool { n++; return limit == 0 || n < limit })
	}
	c.writeInt(n)
}

func cmdSInterStore(c *client, args [][]byte) { c.setOpStore(args, interOf) }
func cmdSUnion(c *client, args [][]byte)      { c.setOp(args, unionOf) }
func cmdSUnionStore(c *client, args [][]byte) { c.setOpStore(args, unionOf) }
func cmdSDiff(c *client, args [][]byte)       { c.setOp(args, diffOf) }
func cmdSDiffStore(c *client, args [][]byte)  { c.setOpStore(args, diffOf) }

// setOp answers the set op makes of the keys' sets, in its order.
func (c *client) setOp(args [][]byte, op func(sets []setObject, limit int) setObject) {
	sets, err := c.db.setsOf(args[1:])
	if err != nil {
		c.writeStoreError(err)
		return
	}
	res := op(sets, c.db.intsetLimit())
	c.writeSet(res.Len())
	c.writeMembers(res)
}

// setOpStore stores in args[1] the set op makes of the sets of the other
// keys, and answers its size.
func (c *client) setOpStore(args [][]byte, op func(sets []setObject, limit int) setObject) {
	sets, err := c.db.setsOf(args[2:])
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeInt(int64(c.db.SetStore(args[1], op(sets, c.db.intsetLimit()), args)))
}

// cmdSScan checks the cursor, then the key, then the options, in Redis's
// order. An intset is answered whole with cursor 0, as Redis does.
func cmdSScan(c *client, args [][]byte) {
	cursor, ok := parseScanCursor(args[2])
	if !ok {
		c.writeError("ERR invalid cursor")
		return
	}
	found, err := c.db.ReadSet(args[1], func(s setObject) {
		sc, errMsg := parseCollectionScan(args[3:])
		if errMsg != "" {
			c.writeError(errMsg)
			return
		}
		next, elems := scanSet(s, cursor, sc)
		c.writeScanReply(next, elems)
	})
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !found:
		c.writeScanReply(0, nil)
	}
}

// scanSet is one SSCAN step over s. Like Redis, it stops once it has
// met COUNT members, before MATCH filters them.
func scanSet(s setObject, cursor uint64, sc collScan) (uint64, []string) {
	h, ok := s.(*hashSet)
	if !ok {
		out := make([]string, s.Len())
		for i := range out {
			out[i] = s.At(i)
		}
		return 0, sc.filter(out, 1)
	}
	next, items := scanDict(h.Table(), cursor, min(sc.count, 1<<40), func(items []string, m string, _ struct{}) []string {
		return append(items, m)
	})
	return next, sc.filter(items, 1)
}
