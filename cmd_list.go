// cmd_list.go holds the list commands: LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP,
// RPOP, LRANGE, LLEN, LINDEX, LSET, LREM, LTRIM and LINSERT, with Redis 7's
// replies and argument checks in Redis's order.
package main

import "bytes"

// errCountRange is the reply to a pop count that is not a non-negative
// integer.
const errCountRange = "ERR value is out of range, must be positive"

// maxKeptStrs is the largest pop scratch buffer a connection keeps.
const maxKeptStrs = 1024

func listCommands() []*command {
	const w, r, f = flagWrite, flagReadonly, flagFast
	return []*command{
		{name: "lpush", arity: -3, flags: w | f | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdLPush},
		{name: "rpush", arity: -3, flags: w | f | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdRPush},
		{name: "lpushx", arity: -3, flags: w | f | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdLPushX},
		{name: "rpushx", arity: -3, flags: w | f | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdRPushX},
		{name: "lpop", arity: -2, flags: w | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdLPop},
		{name: "rpop", arity: -2, flags: w | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdRPop},
		{name: "lrange", arity: 4, flags: r, firstKey: 1, lastKey: 1, step: 1, fn: cmdLRange},
		{name: "llen", arity: 2, flags: r | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdLLen},
		{name: "lindex", arity: 3, flags: r, firstKey: 1, lastKey: 1, step: 1, fn: cmdLIndex},
		{name: "lset", arity: 4, flags: w | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdLSet},
		{name: "lrem", arity: 4, flags: w, firstKey: 1, lastKey: 1, step: 1, fn: cmdLRem},
		{name: "ltrim", arity: 4, flags: w, firstKey: 1, lastKey: 1, step: 1, fn: cmdLTrim},
		{name: "linsert", arity: 5, flags: w | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdLInsert},
	}
}

func cmdLPush(c *client, args [][]byte)  { c.push(args, true, true) }
func cmdRPush(c *client, args [][]byte)  { c.push(args, false, true) }
func cmdLPushX(c *client, args [][]byte) { c.push(args, true, false) }
func cmdRPushX(c *client, args [][]byte) { c.push(args, false, false) }

// push answers the four push commands; the X forms (create false) answer
// 0 for a missing key.
func (c *client) push(args [][]byte, left, create bool) {
	n, err := c.db.Push(args[1], args[2:], left, create)
	switch {
	case err == ErrNoKey:
		c.writeInt(0)
	case err != nil:
		c.writeStoreError(err)
	default:
		c.writeInt(int64(n))
	}
}

func cmdLPop(c *client, args [][]byte) { c.pop(args, "lpop", true) }
func cmdRPop(c *client, args [][]byte) { c.pop(args, "rpop", false) }

// pop answers LPOP and RPOP. Without a count it replies with one bulk
// string (nil when nothing is popped); with one, with an array of what was
// popped, empty for a count of 0, and a nil array for a missing key.
func (c *client) pop(args [][]byte, name string, left bool) {
	if len(args) > 3 {
		c.wrongArgs(name)
		return
	}
	count, hasCount, ok := c.popCount(args)
	if !ok {
		return
	}
	popped, found, err := c.db.Pop(args[1], left, count, c.strs[:0])
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !hasCount && len(popped) == 0:
		c.writeNull()
	case !hasCount:
		c.writeBulkString(popped[0])
	case !found || (count > 0 && len(popped) == 0):
		c.writeNullArray()
	default:
		c.writeArray(len(popped))
		c.writeStrings(popped)
	}
	clear(popped)
	c.strs = popped[:0]
	if cap(c.strs) > maxKeptStrs {
		c.strs = nil
	}
}

// writeStrings writes each of items as a bulk string (no array header).
func (c *client) writeStrings(items []string) {
	for _, s := range items {
		c.writeBulkString(s)
	}
}

// parseInts parses Redis integer arguments, reporting whether all are.
func parseInts(x, y []byte) (a, b int64, ok bool) {
	a, okA := parseCanonicalInt(x)
	b, okB := parseCanonicalInt(y)
	return a, b, okA && okB
}

// cmdLRange writes the reply straight from the list under its shard's
// read lock: no copy of the elements, no allocation per element.
func cmdLRange(c *client, args [][]byte) {
	start, stop, ok := parseInts(args[2], args[3])
	if !ok {
		c.writeError(errNotInteger)
		return
	}
	found, err := c.db.ReadList(args[1], func(l *List) {
		from, to := ListRange(start, stop, l.Len())
		c.writeArray(to - from)
		a, b := l.Segments(from, to)
		c.writeStrings(a)
		c.writeStrings(b)
	})
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !found:
		c.writeArray(0)
	}
}

func cmdLLen(c *client, args [][]byte) {
	n := 0
	_, err := c.db.ReadList(args[1], func(l *List) { n = l.Len() })
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeInt(int64(n))
}

// cmdLIndex checks the key before the index, as Redis does: a missing key
// answers nil whatever the index.
func cmdLIndex(c *client, args [][]byte) {
	found, err := c.db.ReadList(args[1], func(l *List) {
		i, ok := parseCanonicalInt(args[2])
		if !ok {
			c.writeError(errNotInteger)
			return
		}
		if p, in := ListIndex(i, l.Len()); in {
			c.writeBulkString(l.At(p))
		} else {
			c.writeNull()
		}
	})
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !found:
		c.writeNull()
	}
}

func cmdLSet(c *client, args [][]byte) {
	switch err := c.db.ListSet(args[1], args[2], args[3]); err {
	case nil:
		c.writeOK()
	case ErrIndexRange:
		c.writeError("ERR index out of range")
	default:
		c.writeStoreError(err)
	}
}

func cmdLRem(c *client, args [][]byte) {
	count, ok := parseCanonicalInt(args[2])
	if !ok {
		c.writeError(errNotInteger)
		return
	}
	n, err := c.db.ListRem(args[1], count, args[3])
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeInt(int64(n))
}

func cmdLTrim(c *client, args [][]byte) {
	start, stop, ok := parseInts(args[2], args[3])
	if !ok {
		c.writeError(errNotInteger)
		return
	}
	if err := c.db.ListTrim(args[1], start, stop); err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeOK()
}

func cmdLInsert(c *client, args [][]byte) {
	var after bool
	switch {
	case bytes.EqualFold(args[2], []byte("after")):
		after = true
	case !bytes.EqualFold(args[2], []byte("before")):
		c.writeError(errSyntax)
		return
	}
	n, err := c.db.ListInsert(args[1], after, args[3], args[4])
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeInt(int64(n))
}

// popCount reads the optional count of LPOP, RPOP, ZPOPMIN and ZPOPMAX
// (args[2]; 1 without it), answering Redis's error for one that is not a
// non-negative integer. hasCount says whether it was given.
func (c *client) popCount(args [][]byte) (count int64, hasCount, ok bool) {
	if len(args) != 3 {
		return 1, false, true
	}
	n, valid := parseCanonicalInt(args[2])
	if !valid || n < 0 {
		c.writeError(errCountRange)
		return 0, true, false
	}
	return n, true, true
}
