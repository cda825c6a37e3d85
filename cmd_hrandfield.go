// cmd_hrandfield.go holds HRANDFIELD: one random field, or a count of
// them (distinct for a positive count, with repetitions for a negative
// one), with their values when asked; RESP3 answers each field and value
// as a pair.
package main

import (
	"bytes"
	"math/rand/v2"
)

// errRandCountRange is the reply to HRANDFIELD's count of -2^63.
const errRandCountRange = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"

// cmdHRandField checks the count and WITHVALUES before the key, as Redis.
func cmdHRandField(c *client, args [][]byte) {
	if len(args) == 2 {
		found, err := c.db.ReadHash(args[1], func(h *Hash) {
			f, _ := h.indexer()(rand.IntN(h.Len()))
			c.writeBulkStored(f)
		})
		switch {
		case err != nil:
			c.writeStoreError(err)
		case !found:
			c.writeNull()
		}
		return
	}
	count, withValues, msg := parseRandCount(args, "withvalues")
	if msg != "" {
		c.writeError(msg)
		return
	}
	found, err := c.db.ReadHash(args[1], func(h *Hash) { c.hrandfield(h, count, withValues) })
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !found:
		c.writeArray(0)
	}
}

// parseRandCount reads the count and option (WITHVALUES, WITHSCORES) of
// HRANDFIELD and ZRANDMEMBER key count [option], in Redis's order of checks,
// giving the error to write if they are wrong; SRANDMEMBER, without the
// option, shares the range check.
func parseRandCount(args [][]byte, option string) (count int64, with bool, errMsg string) {
	count, ok := parseCanonicalInt(args[2])
	with = len(args) == 4
	switch {
	case !ok:
		return 0, false, errNotInteger
	case count == minInt64:
		return 0, false, errRandCountRange
	case len(args) > 4 || with && !bytes.EqualFold(args[3], []byte(option)):
		return 0, false, errSyntax
	case with && (count < -maxInt64/2 || count > maxInt64/2):
		return 0, false, "ERR value is out of range"
	}
	return count, with, ""
}

// hrandfield answers HRANDFIELD with a count on a hash.
func (c *client) hrandfield(h *Hash, count int64, withValues bool) {
	size := h.Len()
	at := h.indexer()
	header := func(n int) {
		if withValues && c.resp != 3 {
			n *= 2
		}
		c.writeArray(n)
	}
	write := func(i int) {
		f, v := at(i)
		if withValues && c.resp == 3 {
			c.writeArray(2)
		}
		c.writeBulkStored(f)
		if withValues {
			c.writeBulkStored(v)
		}
	}
	switch {
	case count == 0:
		c.writeArray(0)
	case count < 0 || count == 1:
		n := max(-count, count)
		header(int(n))
		for ; n > 0 && !c.q.over; n-- { // a client past its output limit stops it
			write(rand.IntN(size))
		}
	case count >= int64(size):
		header(size)
		for i := 0; i < size; i++ {
			write(i)
		}
	default:
		picked := randomIndexes(size, int(count))
		header(len(picked))
		for _, i := range picked {
			write(i)
		}
	}
}

// indexer returns a function giving pair i of h (0 <= i < Len) in O(1):
// a listpack is decoded once.
func (h *Hash) indexer() func(i int) (string, string) {
	if h.ht != nil {
		return h.ht.At
	}
	items := make([]string, 0, 2*h.Len())
	h.Each(func(f, v string) bool {
		items = append(items, f, v)
		return true
	})
	return func(i int) (string, string) { return items[2*i], items[2*i+1] }
}
