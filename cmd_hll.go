// cmd_hll.go holds the HyperLogLog commands: PFADD, PFCOUNT (one key: its
// cached cardinality; several: the union's) and PFMERGE, with Redis 7.0's
// replies and errors.
package main

// HyperLogLog error replies.
const (
	errNotHLL     = "WRONGTYPE Key is not a valid HyperLogLog string value."
	errInvalidHLL = "INVALIDOBJ Corrupted HLL object detected"
)

func hllCommands() []*command {
	return []*command{
		{name: "pfadd", arity: -2, flags: flagWrite | flagFast, firstKey: 1, lastKey: 1, step: 1, fn: cmdPFAdd},
		{name: "pfcount", arity: -2, flags: flagReadonly | flagMayReplicate, firstKey: 1, lastKey: -1, step: 1, fn: cmdPFCount},
		{name: "pfmerge", arity: -2, flags: flagWrite, firstKey: 1, lastKey: -1, step: 1, fn: cmdPFMerge},
	}
}

// writeHLLError answers a failed HyperLogLog operation.
func (c *client) writeHLLError(err error) {
	switch err {
	case ErrNotHLL:
		c.writeError(errNotHLL)
	case ErrInvalidHLL:
		c.writeError(errInvalidHLL)
	default:
		c.writeStoreError(err)
	}
}

func cmdPFAdd(c *client, args [][]byte) {
	updated, err := c.db.PFAdd(args[1], args[2:])
	switch {
	case err != nil:
		c.writeHLLError(err)
	case updated:
		c.writeInt(1)
	default:
		c.writeInt(0)
	}
}

func cmdPFCount(c *client, args [][]byte) {
	var n uint64
	var err error
	if len(args) == 2 {
		n, err = c.db.PFCount(args[1])
	} else {
		n, err = c.db.PFCountUnion(args[1:])
	}
	if err != nil {
		c.writeHLLError(err)
		return
	}
	c.writeInt(int64(n))
}

func cmdPFMerge(c *client, args [][]byte) {
	if err := c.db.PFMerge(args[1:]); err != nil {
		c.writeHLLError(err)
		return
	}
	c.writeOK()
}
