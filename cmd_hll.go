// cmd_hll.go holds the HyperLogLog commands: PFADD, PFCOUNT (one key: its
// cached cardinality; several: the union's) and PFMERGE, and the
// debugging ones, PFDEBUG and PFSELFTEST, with Redis 7.0's replies and
// errors.
package main

import (
	"math/rand/v2"
	"strings"
	"time"

	"nosql/internal/hll"
)

// HyperLogLog error replies.
const (
	errNotHLL     = "WRONGTYPE Key is not a valid HyperLogLog string value."
	errInvalidHLL = "INVALIDOBJ Corrupted HLL object detected"
)

func hllCommands() []*command {
	return []*command{
		{name: "pfadd", arity: -2, flags: flagWrite | flagFast | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdPFAdd},
		{name: "pfcount", arity: -2, flags: flagReadonly | flagMayReplicate, firstKey: 1, lastKey: -1, step: 1, fn: cmdPFCount},
		{name: "pfmerge", arity: -2, flags: flagWrite | flagDenyOOM, firstKey: 1, lastKey: -1, step: 1, fn: cmdPFMerge},
		{name: "pfdebug", arity: 3, flags: flagWrite | flagAdmin | flagDenyOOM, firstKey: 2, lastKey: 2, step: 1, fn: cmdPFDebug},
		{name: "pfselftest", arity: 1, flags: flagAdmin, fn: cmdPFSelfTest},
	}
}

// writeHLLError answers a failed HyperLogLog operation.
func (c *client) writeHLLError(err error) {
	switch err {
	case ErrNotHLL:
		c.writeError(errNotHLL)
	case ErrInvalidHLL:
		c.writeError(errInvalidHLL)
	case ErrNoKey:
		c.writeError("ERR The specified key does not exist")
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

// cmdPFDebug answers PFDEBUG GETREG, DECODE, ENCODING and TODENSE key:
// the key is checked first, then the subcommand.
func cmdPFDebug(c *client, args [][]byte) {
	sub := strings.ToLower(string(args[1]))
	b, converted, err := c.db.PFDebugHLL(args[2], sub == "getreg" || sub == "todense")
	switch {
	case err != nil:
		c.writeHLLError(err)
	case sub != "getreg" && sub != "decode" && sub != "encoding" && sub != "todense":
		c.writeError("ERR Unknown PFDEBUG subcommand '" + string(args[1]) + "'")
	case sub == "getreg":
		c.writeArray(hll.Registers)
		for i := range hll.Registers {
			c.writeInt(int64(hll.Register(b, i)))
		}
	case sub == "decode" && hll.IsDense(b):
		c.writeError("ERR HLL encoding is not sparse")
	case sub == "decode":
		c.writeBulkString(hll.Decode(b))
	case sub == "encoding" && hll.IsDense(b):
		c.writeSimple("dense")
	case sub == "encoding":
		c.writeSimple("sparse")
	case converted:
		c.writeInt(1)
	default:
		c.writeInt(0)
	}
}

// cmdPFSelfTest runs the HLL implementation's self test (a few seconds).
func cmdPFSelfTest(c *client, args [][]byte) {
	seed := uint64(time.Now().UnixNano())
	if msg := hll.SelfTest(rand.New(rand.NewPCG(seed, seed>>1)), c.db.encodings().hllSparseMaxBytes); msg != "" {
		c.writeError("ERR " + msg)
		return
	}
	c.writeOK()
}
