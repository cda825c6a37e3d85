// scan_collection.go holds what HSCAN, SSCAN and ZSCAN
// share: their options (MATCH and COUNT; TYPE is SCAN's own), the walk of
// a dict with Redis's limits, the filtering by pattern, and the reply.
package main

import (
	"strconv"

	"nosql/internal/dict"
	"nosql/internal/glob"
)

// errInvalidCursor is the reply to a cursor that is not a number.
const errInvalidCursor = "ERR invalid cursor"

// collScan holds a collection SCAN's options.
type collScan struct {
	count   int64  // elements to look at (COUNT, default 10)
	pattern string // MATCH's glob; "" or "*": every element
}

// parseCollectionScan parses MATCH and COUNT in the order given, as Redis
// does, returning Redis's error for the first bad one.
func parseCollectionScan(opts [][]byte) (collScan, string) {
	s := collScan{count: 10}
	for i := 0; i < len(opts); i += 2 {
		if i+1 >= len(opts) {
			return s, errSyntax
		}
		switch upperASCII(opts[i]) {
		case "COUNT":
			n, ok := parseCanonicalInt(opts[i+1])
			if !ok {
				return s, errNotInteger
			}
			if n < 1 {
				return s, errSyntax
			}
			s.count = n
		case "MATCH":
			s.pattern = string(opts[i+1])
		default:
			return s, errSyntax
		}
	}
	return s, ""
}

// matches reports whether an element passes MATCH.
func (s collScan) matches(elem string) bool {
	return s.pattern == "" || s.pattern == "*" || glob.Match(s.pattern, elem)
}

// filter keeps the elements that pass MATCH, each with the stride-1
// items that follow it (HSCAN: its value; SSCAN: none).
func (s collScan) filter(items []string, stride int) []string {
	out := items[:0]
	for i := 0; i+stride <= len(items); i += stride {
		if s.matches(items[i]) {
			out = append(out, items[i:i+stride]...)
		}
	}
	return out
}

// scanDict walks d from cursor, bucket by bucket, until it has collected
// want items (add appends each entry's items), the walk ends, or it has
// looked at ten times want buckets past the first (Redis's bound for a
// sparse table). It returns the next cursor, 0 when the walk is over.
func scanDict[V any](d *dict.Dict[V], cursor uint64, want int64, add func(items []string, key string, val V) []string) (uint64, []string) {
	var items []string
	maxIter := want * 10
	if want > 1<<59 {
		maxIter = 1 << 62
	}
	for {
		cursor = d.Scan(cursor, func(k string, v V) { items = add(items, k, v) })
		if cursor == 0 || maxIter == 0 || int64(len(items)) >= want {
			return cursor, items
		}
		maxIter--
	}
}

// writeScanReply writes a SCAN reply: the next cursor and the items.
func (c *client) writeScanReply(cursor uint64, items []string) {
	c.writeArray(2)
	c.writeBulkString(strconv.FormatUint(cursor, 10))
	c.writeArray(len(items))
	for _, s := range items {
		c.writeBulkStored(s)
	}
}
