// cmd_lcs.go holds LCS, the longest common subsequence of two keys'
// strings, with Redis 7.0's options (LEN, IDX, MINMATCHLEN, WITHMATCHLEN),
// replies and limits. The strings are read at one instant and compared
// with no lock held.
package main

import (
	"strings"

	"nosql/internal/lcs"
)

// lcsMaxTable bounds the table LCS allocates whatever proto-max-bulk-len
// says (Redis bounds it by proto-max-bulk-len alone, and answers an
// allocation failure with an error; Go cannot survive one). LEN, which
// keeps two rows, is held to the same bound, as its time grows with the
// table's size. Tables past lcsSharedTable are built one at a time per
// server, so clients together hold at most one big table.
const (
	lcsMaxTable    = 512 << 20
	lcsSharedTable = 1 << 20
)

// lcsOptions are LCS's parsed options.
type lcsOptions struct {
	getLen, getIdx, withLen bool
	minLen                  int64
}

// parseLCSOptions parses LCS's options; on error it returns the reply.
func parseLCSOptions(args [][]byte) (lcsOptions, string) {
	var o lcsOptions
	for j := 0; j < len(args); j++ {
		switch opt := string(args[j]); {
		case strings.EqualFold(opt, "idx"):
			o.getIdx = true
		case strings.EqualFold(opt, "len"):
			o.getLen = true
		case strings.EqualFold(opt, "withmatchlen"):
			o.withLen = true
		case strings.EqualFold(opt, "minmatchlen") && j+1 < len(args):
			j++
			n, ok := parseCanonicalInt(args[j])
			if !ok {
				return o, errNotInteger
			}
			o.minLen = max(n, 0)
		default:
			return o, errSyntax
		}
	}
	if o.getLen && o.getIdx {
		return o, "ERR If you want both the length and indexes, please just use IDX."
	}
	return o, ""
}

func cmdLCS(c *client, args [][]byte) {
	vals, err := c.db.GetStrings(args[1], args[2])
	if err != nil {
		c.writeError("ERR The specified keys must contain string values")
		return
	}
	o, msg := parseLCSOptions(args[3:])
	if msg != "" {
		c.writeError(msg)
		return
	}
	a, b := vals[0], vals[1]
	size := lcs.TableBytes(len(a), len(b))
	switch {
	case int64(len(a)) >= 1<<32-2 || int64(len(b)) >= 1<<32-2:
		c.writeError("ERR String too long for LCS")
		return
	case size > uint64(c.srv.set.maxBulk()):
		c.writeError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len")
		return
	case size > lcsMaxTable:
		c.writeError("ERR Insufficient memory, failed allocating transient memory for LCS")
		return
	}
	if o.getLen {
		c.writeInt(int64(lcs.Len(a, b)))
		return
	}
	if size > lcsSharedTable {
		c.srv.lcsMu.Lock()
		defer c.srv.lcsMu.Unlock()
	}
	seq, matches := lcs.Compute(a, b, o.minLen)
	if !o.getIdx {
		c.writeBulkString(seq)
		return
	}
	c.writeMap(2)
	c.writeBulkString("matches")
	c.writeArray(len(matches))
	for _, m := range matches {
		c.writeArray(2 + boolInt(o.withLen))
		c.writeArray(2)
		c.writeInt(int64(m.AStart))
		c.writeInt(int64(m.AEnd))
		c.writeArray(2)
		c.writeInt(int64(m.BStart))
		c.writeInt(int64(m.BEnd))
		if o.withLen {
			c.writeInt(int64(m.Len()))
		}
	}
	c.writeBulkString("len")
	c.writeInt(int64(len(seq)))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
