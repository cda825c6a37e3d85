// cmd_list_move.go holds the list commands that search or move: LPOS
// (RANK, COUNT, MAXLEN), LMOVE, RPOPLPUSH and LMPOP, with Redis 7.0's
// replies and argument checks in Redis's order.
package main

import (
	"bytes"
	"math"
)

// Errors of LPOS and LMPOP, as Redis words them.
const (
	errRankZero      = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"
	errCountNegative = "ERR COUNT can't be negative"
	errMaxLenNeg     = "ERR MAXLEN can't be negative"
	errMPopCount     = "ERR count should be greater than 0"
)

func listMoveCommands() []*command {
	const w, r = flagWrite, flagReadonly
	return []*command{
		{name: "lpos", arity: -3, flags: r, firstKey: 1, lastKey: 1, step: 1, fn: cmdLPos},
		{name: "lmove", arity: 5, flags: w | flagDenyOOM, firstKey: 1, lastKey: 2, step: 1, fn: cmdLMove},
		{name: "rpoplpush", arity: 3, flags: w | flagDenyOOM, firstKey: 1, lastKey: 2, step: 1, fn: cmdRPopLPush},
		{name: "lmpop", arity: -4, flags: w, keys: numKeysAt(1), fn: cmdLMPop},
	}
}

// cmdLPos serves LPOS key element [RANK rank] [COUNT n] [MAXLEN len].
func cmdLPos(c *client, args [][]byte) {
	rank, count, maxLen := int64(1), int64(-1), int64(0)
	for j := 3; j < len(args); j++ {
		opt, more := args[j], j+1 < len(args)
		switch {
		case bytes.EqualFold(opt, []byte("rank")) && more:
			j++
			n, ok := parseCanonicalInt(args[j])
			switch {
			case !ok:
				c.writeError(errNotInteger)
				return
			case n == math.MinInt64:
				n = -1 // Redis 7.0 negates it into itself: every match, from the tail
			case n == 0:
				c.writeError(errRankZero)
				return
			}
			rank = n
		case bytes.EqualFold(opt, []byte("count")) && more:
			j++
			if count = nonNegative(args[j]); count < 0 {
				c.writeError(errCountNegative)
				return
			}
		case bytes.EqualFold(opt, []byte("maxlen")) && more:
			j++
			if maxLen = nonNegative(args[j]); maxLen < 0 {
				c.writeError(errMaxLenNeg)
				return
			}
		default:
			c.writeError(errSyntax)
			return
		}
	}
	var pos []int64
	found, err := c.db.ReadList(args[1], func(l *List) {
		want := max(count, 1)
		if count == 0 {
			want = 0
		}
		pos = l.Pos(string(args[2]), max(rank, -rank), want, maxLen, rank < 0, nil)
	})
	switch {
	case err != nil:
		c.writeStoreError(err)
	case count >= 0:
		c.writeArray(len(pos))
		for _, p := range pos {
			c.writeInt(p)
		}
	case !found || len(pos) == 0:
		c.writeNull()
	default:
		c.writeInt(pos[0])
	}
}

// nonNegative parses a non-negative integer argument; -1 if it is not one.
func nonNegative(b []byte) int64 {
	n, ok := parseCanonicalInt(b)
	if !ok || n < 0 {
		return -1
	}
	return n
}

// listSide parses LEFT or RIGHT (in any case): left, and whether it is one.
func listSide(b []byte) (left, ok bool) {
	switch {
	case bytes.EqualFold(b, []byte("left")):
		return true, true
	case bytes.EqualFold(b, []byte("right")):
		return false, true
	}
	return false, false
}

// cmdLMove serves LMOVE source destination LEFT|RIGHT LEFT|RIGHT.
func cmdLMove(c *client, args [][]byte) {
	from, okFrom := listSide(args[3])
	to, okTo := listSide(args[4])
	if !okFrom || !okTo {
		c.writeError(errSyntax)
		return
	}
	c.lmove(args[1], args[2], from, to)
}

// cmdRPopLPush serves RPOPLPUSH source destination: LMOVE RIGHT LEFT.
func cmdRPopLPush(c *client, args [][]byte) { c.lmove(args[1], args[2], false, true) }

// lmove moves one element and answers with it (nil for a missing source).
func (c *client) lmove(src, dst []byte, from, to bool) {
	v, ok, err := c.db.ListMove(src, dst, from, to)
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !ok:
		c.writeNull()
	default:
		c.writeBulkString(v)
	}
}

// mpop is a parsed LMPOP or ZMPOP (or a blocking form): the keys, the end
// to pop from (a list's LEFT, a sorted set's MAX: true), and the count (1
// when not given).
type mpop struct {
	keys  [][]byte
	end   bool
	count int64
}

// parseMPop parses numkeys key... END [COUNT count] from args[i] on, as
// Redis's lmpopGenericCommand and zmpopGenericCommand do, side reading END
// (LEFT|RIGHT, MIN|MAX); it returns the error to write if the arguments
// are not that.
func parseMPop(args [][]byte, i int, side func([]byte) (bool, bool)) (mpop, string) {
	var m mpop
	numKeys, ok := parseCanonicalInt(args[i])
	if !ok || numKeys < 1 {
		return m, errNumKeys
	}
	if numKeys > int64(len(args)-i-2) { // no room for the end after the keys
		return m, errSyntax
	}
	where := i + int(numKeys) + 1
	m.keys = args[i+1 : where]
	if m.end, ok = side(args[where]); !ok {
		return m, errSyntax
	}
	m.count = -1
	for j := where + 1; j < len(args); j++ {
		if m.count != -1 || !bytes.EqualFold(args[j], []byte("count")) || j+1 == len(args) {
			return m, errSyntax
		}
		j++
		n, ok := parseCanonicalInt(args[j])
		if !ok || n < 1 {
			return m, errMPopCount
		}
		m.count = n
	}
	m.count = max(m.count, 1)
	return m, ""
}

// cmdLMPop serves LMPOP numkeys key... LEFT|RIGHT [COUNT count].
func cmdLMPop(c *client, args [][]byte) {
	m, msg := parseMPop(args, 1, listSide)
	if msg != "" {
		c.writeError(msg)
		return
	}
	if !c.popFirst(m.keys, m.end, m.count) {
		c.writeNullArray()
	}
}

// popFirst pops from the first of keys that holds a list, as the MPOP and
// blocking pops do, and answers: [key, element] when count is 0, [key,
// [elements...]] otherwise. It reports false, having answered nothing,
// when no key holds a list; a key of another kind met first is an error.
func (c *client) popFirst(keys [][]byte, left bool, count int64) bool {
	for _, k := range keys {
		_, _, l, err := c.db.listIn(k)
		if err != nil {
			c.writeStoreError(err)
			return true
		}
		if l == nil || l.Len() == 0 {
			continue
		}
		popped, _, _ := c.db.Pop(k, left, max(count, 1), nil)
		c.writeKeyPop(k, popped, count > 0)
		return true
	}
	return false
}

// writeKeyPop answers a pop from key: [key, element], or [key,
// [elements...]] when nested.
func (c *client) writeKeyPop(key []byte, popped []string, nested bool) {
	c.writeArray(2)
	c.writeBulk(key)
	if nested {
		c.writeArray(len(popped))
	}
	c.writeStrings(popped)
}
