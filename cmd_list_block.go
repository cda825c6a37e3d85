// cmd_list_block.go holds the blocking list commands: BLPOP, BRPOP,
// BRPOPLPUSH, BLMOVE and BLMPOP. Each does what its non-blocking form does
// when a key holds a list; otherwise it waits on its keys (block_keys.go)
// until a write serves it, answering nil on timeout, and at once inside
// MULTI. Arguments are checked in Redis 7.0's order.
package main

import (
	"bytes"
	"time"
)

func listBlockCommands() []*command {
	const w = flagWrite | flagNoScript | flagOrdered
	return []*command{
		{name: "blpop", arity: -3, flags: w, firstKey: 1, lastKey: -2, step: 1, fn: cmdBLPop},
		{name: "brpop", arity: -3, flags: w, firstKey: 1, lastKey: -2, step: 1, fn: cmdBRPop},
		{name: "brpoplpush", arity: 4, flags: w | flagDenyOOM, firstKey: 1, lastKey: 2, step: 1, fn: cmdBRPopLPush},
		{name: "blmove", arity: 6, flags: w | flagDenyOOM, firstKey: 1, lastKey: 2, step: 1, fn: cmdBLMove},
		{name: "blmpop", arity: -5, flags: w &^ flagNoScript, keys: numKeysAt(2), fn: cmdBLMPop},
	}
}

func cmdBLPop(c *client, args [][]byte) { c.blockingPop(args, true) }
func cmdBRPop(c *client, args [][]byte) { c.blockingPop(args, false) }

// blockingPop serves BLPOP and BRPOP key... timeout.
func (c *client) blockingPop(args [][]byte, left bool) {
	timeout, ok := c.blockTimeout(args[len(args)-1])
	if !ok {
		return
	}
	c.popOrBlock(args[1:len(args)-1], left, 0, timeout)
}

// cmdBLMPop serves BLMPOP timeout numkeys key... LEFT|RIGHT [COUNT n].
func cmdBLMPop(c *client, args [][]byte) {
	m, msg := parseMPop(args, 2, listSide)
	if msg != "" {
		c.writeError(msg)
		return
	}
	timeout, ok := c.blockTimeout(args[1])
	if !ok {
		return
	}
	c.popOrBlock(m.keys, m.end, m.count, timeout)
}

// popOrBlock pops from the first of keys holding a list, or waits for one
// (count 0: one element, answered [key, element]; otherwise up to count,
// answered [key, [elements...]]).
func (c *client) popOrBlock(keys [][]byte, left bool, count int64, timeout time.Duration) {
	if c.popFirst(keys, left, count) {
		return
	}
	if !c.mayBlock() {
		c.writeNullArray()
		return
	}
	var key []byte
	var popped []string
	w := &keyWaiter{wants: holdsElements, take: func(d *DB, k []byte) {
		key = k
		popped, _, _ = d.Pop(k, left, max(count, 1), nil)
	}}
	c.blockOn(keys, timeout, w, func() { c.writeKeyPop(key, popped, count > 0) }, c.writeNullArray)
}

// holdsElements reports whether key holds a list with elements.
func holdsElements(d *DB, key []byte) bool {
	_, _, l, err := d.listIn(key)
	return err == nil && l != nil && l.Len() > 0
}

// cmdBRPopLPush serves BRPOPLPUSH source destination timeout.
func cmdBRPopLPush(c *client, args [][]byte) {
	if timeout, ok := c.blockTimeout(args[3]); ok {
		c.moveOrBlock(args[1], args[2], false, true, timeout)
	}
}

// cmdBLMove serves BLMOVE source destination LEFT|RIGHT LEFT|RIGHT
// timeout.
func cmdBLMove(c *client, args [][]byte) {
	from, okFrom := listSide(args[3])
	to, okTo := listSide(args[4])
	if !okFrom || !okTo {
		c.writeError(errSyntax)
		return
	}
	if timeout, ok := c.blockTimeout(args[5]); ok {
		c.moveOrBlock(args[1], args[2], from, to, timeout)
	}
}

// moveOrBlock moves an element as LMOVE when src holds a list, or waits
// for one. Served, a destination of another kind is the keyWaiter's error.
func (c *client) moveOrBlock(src, dst []byte, from, to bool, timeout time.Duration) {
	_, _, l, err := c.db.listIn(src)
	switch {
	case err != nil:
		c.writeStoreError(err)
		return
	case l != nil && l.Len() > 0:
		c.lmove(src, dst, from, to)
		return
	case !c.mayBlock():
		c.writeNull()
		return
	}
	var val string
	var moveErr error
	w := &keyWaiter{wants: holdsElements, extra: bytes.Clone(dst)}
	w.take = func(d *DB, k []byte) { val, _, moveErr = d.ListMove(k, w.extra, from, to) }
	c.blockOn([][]byte{src}, timeout, w, func() {
		if moveErr != nil {
			c.writeStoreError(moveErr)
			return
		}
		c.writeBulkString(val)
	}, c.writeNullArray)
}
