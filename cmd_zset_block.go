// cmd_zset_block.go holds the blocking sorted-set pops: BZPOPMIN, BZPOPMAX
// and BZMPOP. Each pops as its non-blocking form when a key holds members;
// otherwise it waits on its keys (block_keys.go) until a write serves it,
// answering nil on timeout, and at once inside MULTI.
package main

import "time"

func zsetBlockCommands() []*command {
	const w = flagWrite | flagNoScript | flagOrdered | flagFast
	return []*command{
		{name: "bzpopmin", arity: -3, flags: w, firstKey: 1, lastKey: -2, step: 1, fn: cmdBZPopMin},
		{name: "bzpopmax", arity: -3, flags: w, firstKey: 1, lastKey: -2, step: 1, fn: cmdBZPopMax},
		{name: "bzmpop", arity: -5, flags: w &^ flagFast &^ flagNoScript, keys: numKeysAt(2), fn: cmdBZMPop},
	}
}

func cmdBZPopMin(c *client, args [][]byte) { c.bzpop(args, false) }
func cmdBZPopMax(c *client, args [][]byte) { c.bzpop(args, true) }

// bzpop serves BZPOPMIN and BZPOPMAX key... timeout.
func (c *client) bzpop(args [][]byte, high bool) {
	if timeout, ok := c.blockTimeout(args[len(args)-1]); ok {
		c.zpopOrBlock(args[1:len(args)-1], high, 0, timeout)
	}
}

// cmdBZMPop serves BZMPOP timeout numkeys key... MIN|MAX [COUNT n].
func cmdBZMPop(c *client, args [][]byte) {
	m, msg := parseMPop(args, 2, zsetSide)
	if msg != "" {
		c.writeError(msg)
		return
	}
	if timeout, ok := c.blockTimeout(args[1]); ok {
		c.zpopOrBlock(m.keys, m.end, m.count, timeout)
	}
}

// zpopOrBlock pops from the first of keys holding a sorted set, or waits
// for one (count 0: one member, answered [key, member, score]; otherwise
// up to count, answered as ZMPOP).
func (c *client) zpopOrBlock(keys [][]byte, high bool, count int64, timeout time.Duration) {
	key, popped, err := c.db.ZPop(keys, high, max(count, 1))
	switch {
	case err != nil:
		c.writeStoreError(err)
		return
	case key != nil:
		c.writeBZPop(key, popped, count)
		return
	case !c.mayBlock():
		c.writeNullArray()
		return
	}
	w := &keyWaiter{wants: holdsMembers, take: func(d *DB, k []byte) {
		key, popped, _ = d.ZPop([][]byte{k}, high, max(count, 1))
	}}
	c.blockOn(keys, timeout, w, func() { c.writeBZPop(key, popped, count) }, c.writeNullArray)
}

// writeBZPop answers a blocking sorted-set pop.
func (c *client) writeBZPop(key []byte, popped []zentry, count int64) {
	if count > 0 {
		c.writeZMPop(key, popped)
		return
	}
	c.writeArray(3)
	c.writeBulk(key)
	c.writeBulkString(popped[0].Member)
	c.writeDouble(popped[0].Score)
}

// holdsMembers reports whether key holds a sorted set with members.
func holdsMembers(d *DB, key []byte) bool {
	_, _, z, err := d.zsetIn(key)
	return err == nil && z != nil && z.Len() > 0
}
