// scan_elements.go holds what SSCAN (and HSCAN and ZSCAN, which may share
// it) do around the walk of one collection, as Redis's scanGenericCommand
// does for a key's value: the MATCH and COUNT options (TYPE is SCAN's
// alone), and the reply, a cursor and the elements that match.
package main

import "strconv"

// elementScan is a parsed SSCAN/HSCAN/ZSCAN option list.
type elementScan struct {
	count   int64  // COUNT, 10 by default
	pattern string // MATCH; "" or "*" matches every element
}

// parseElementScan parses the options after the cursor; errMsg is Redis's
// error for a bad one.
func parseElementScan(opts [][]byte) (sc elementScan, errMsg string) {
	sc.count = 10
	for i := 0; i < len(opts); i += 2 {
		if i+1 >= len(opts) {
			return sc, errSyntax
		}
		switch upperASCII(opts[i]) {
		case "COUNT":
			n, ok := parseCanonicalInt(opts[i+1])
			if !ok {
				return sc, errNotInteger
			}
			if n < 1 {
				return sc, errSyntax
			}
			sc.count = n
		case "MATCH":
			sc.pattern = string(opts[i+1])
		default:
			return sc, errSyntax
		}
	}
	if sc.pattern == "*" {
		sc.pattern = ""
	}
	return sc, ""
}

// matches reports whether an element passes MATCH.
func (sc elementScan) matches(elem string) bool {
	return sc.pattern == "" || globMatch(sc.pattern, elem)
}

// maxIterations is how many buckets one call may visit, ten times COUNT
// as in Redis, so that a sparse table costs a bounded time per call.
func (sc elementScan) maxIterations() int64 { return min(sc.count, 1<<40) * 10 }

// writeScanReply writes a scan's reply: the next cursor, then elems.
func (c *client) writeScanReply(cursor uint64, elems []string) {
	c.writeArray(2)
	c.writeBulkString(strconv.FormatUint(cursor, 10))
	c.writeBulks(elems)
}
