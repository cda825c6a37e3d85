// bits.go holds the bit algorithms of the bit commands, on strings read
// as bitmaps whose bit 0 is the most significant bit of the first byte:
// counting set bits, finding the first set or clear bit, BITOP's
// combinations and BITFIELD's integers with their overflow rules. Pure
// functions: no locking, no logging.
package main

import "math/bits"

// clampRange turns Redis's start and end indexes (negative ones count
// from the end) into a range within [0, n), as GETRANGE, BITCOUNT and
// BITPOS do; ok is false when it is empty.
func clampRange(start, end, n int64) (int64, int64, bool) {
	if start < 0 {
		start += n
	}
	if end < 0 {
		end += n
	}
	start, end = max(start, 0), max(end, 0)
	if end >= n {
		end = n - 1
	}
	return start, end, start <= end
}

// popcount returns the number of set bits in s.
func popcount(s string) int64 {
	var n int
	for len(s) >= 8 {
		n += bits.OnesCount64(load64(s))
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		n += bits.OnesCount8(s[i])
	}
	return int64(n)
}

// bitCount is BITCOUNT with a range: the set bits of s from start to end,
// which are bit indexes when inBits and byte indexes otherwise.
func bitCount(s string, start, end int64, inBits bool) int64 {
	n := int64(len(s))
	if inBits {
		n *= 8
	}
	start, end, ok := clampRange(start, end, n)
	switch {
	case !ok:
		return 0
	case !inBits:
		return popcount(s[start : end+1])
	}
	first, last := start>>3, end>>3
	count := popcount(s[first : last+1])
	count -= int64(bits.OnesCount8(s[first] & ^byte(0xff>>(start&7)))) // bits before start
	count -= int64(bits.OnesCount8(s[last] & byte(0xff>>(end&7+1))))   // bits after end
	return count
}

// bitAt returns bit i of s (0 past its end).
func bitAt(s string, i int64) byte {
	if i>>3 >= int64(len(s)) {
		return 0
	}
	return s[i>>3] >> (7 - i&7) & 1
}

// firstBit returns the index of the first bit equal to bit in s's bits
// from..to (within s), or -1. Whole bytes that cannot hold it are
// skipped eight at a time.
func firstBit(s string, bit byte, from, to int64) int64 {
	skip := byte(0)
	if bit == 0 {
		skip = 0xff
	}
	for i := from; i <= to; {
		if i&7 == 0 && i+7 <= to {
			j := skipBytes(s, i>>3, (to+1)>>3, skip)
			i = j << 3
			if i > to {
				break
			}
		}
		if bitAt(s, i) == bit {
			return i
		}
		i++
	}
	return -1
}

// skipBytes returns the index of the first byte of s[from:to] not equal
// to b, which is 0x00 or 0xff (to when all are).
func skipBytes(s string, from, to int64, b byte) int64 {
	word := uint64(0)
	if b == 0xff {
		word = ^word
	}
	for from+8 <= to && load64(s[from:from+8]) == word {
		from += 8
	}
	for from < to && s[from] == b {
		from++
	}
	return from
}

// load64 reads 8 bytes of s as a little-endian word (the compiler makes
// this one load).
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// bitPos is BITPOS on an existing string: the first bit equal to bit
// between start and end (bit indexes when inBits, byte indexes
// otherwise; end defaults to the last). Looking for a clear bit without
// an end finds the zero padding past the string when the range has none.
func bitPos(s string, bit byte, start, end int64, endGiven, inBits bool) int64 {
	n := int64(len(s))
	if inBits {
		n *= 8
	}
	if !endGiven {
		end = n - 1
	}
	start, end, ok := clampRange(start, end, n)
	if !ok {
		return -1
	}
	if !inBits {
		start, end = start*8, end*8+7
	}
	if p := firstBit(s, bit, start, end); p >= 0 {
		return p
	}
	if bit == 1 || endGiven {
		return -1
	}
	return end + 1
}

// The operations of BITOP.
const (
	bitAnd byte = iota
	bitOr
	bitXor
	bitNot
)

// bitOp combines srcs byte by byte as BITOP does, shorter ones padded
// with zero bytes; NOT takes one source. The result is as long as the
// longest source.
func bitOp(op byte, srcs []string) []byte {
	n := 0
	for _, s := range srcs {
		n = max(n, len(s))
	}
	res := make([]byte, n)
	copy(res, srcs[0])
	if op == bitNot {
		for i := range res {
			res[i] = ^res[i]
		}
		return res
	}
	for _, s := range srcs[1:] {
		switch op {
		case bitAnd:
			for i := 0; i < len(s); i++ {
				res[i] &= s[i]
			}
			clear(res[len(s):])
		case bitOr:
			for i := 0; i < len(s); i++ {
				res[i] |= s[i]
			}
		case bitXor:
			for i := 0; i < len(s); i++ {
				res[i] ^= s[i]
			}
		}
	}
	return res
}

// setBit sets bit i of b to v (0 or 1) and returns its old value.
func setBit(b []byte, i int64, v byte) byte {
	mask := byte(0x80) >> (i & 7)
	old := b[i>>3] & mask
	b[i>>3] = b[i>>3]&^mask | v*mask
	if old != 0 {
		return 1
	}
	return 0
}

// Overflow rules of BITFIELD's SET and INCRBY.
const (
	overflowWrap byte = iota
	overflowSat
	overflowFail
)

// bitfieldType is a BITFIELD integer type: i1..i64 or u1..u63.
type bitfieldType struct {
	signed bool
	bits   uint
}

// getField returns the width-bit unsigned integer at bit offset off of s
// (bits past its end read as 0).
func getField(s string, off uint64, width uint) uint64 {
	var v uint64
	for j := uint64(0); j < uint64(width); j++ {
		v = v<<1 | uint64(bitAt(s, int64(off+j)))
	}
	return v
}

// get returns the integer of type t at bit offset off of s.
func (t bitfieldType) get(s string, off uint64) int64 {
	v := getField(s, off, t.bits)
	if t.signed && t.bits < 64 && v>>(t.bits-1)&1 != 0 {
		v |= ^uint64(0) << t.bits // extend the sign
	}
	return int64(v)
}

// put writes the low t.bits bits of v at bit offset off of b, which is
// long enough.
func (t bitfieldType) put(b []byte, off uint64, v uint64) {
	for j := uint64(0); j < uint64(t.bits); j++ {
		setBit(b, int64(off+j), byte(v>>(uint64(t.bits)-1-j)&1))
	}
}

// add returns value+incr in type t under overflow rule ow, and whether it
// overflowed (then, under overflowFail, the result is not to be stored).
// A value already out of t's range counts as overflowing, as in Redis,
// which is how SET checks its value (with incr 0).
func (t bitfieldType) add(value, incr int64, ow byte) (int64, bool) {
	if t.signed {
		return t.addSigned(value, incr, ow)
	}
	r, over := t.addUnsigned(uint64(value), incr, ow)
	return int64(r), over
}

func (t bitfieldType) addUnsigned(value uint64, incr int64, ow byte) (uint64, bool) {
	maxv := uint64(1)<<t.bits - 1
	maxIncr, minIncr := int64(maxv-value), -int64(value)
	var limit uint64
	switch {
	case value > maxv || (incr > 0 && incr > maxIncr):
		limit = maxv
	case incr < 0 && incr < minIncr:
		limit = 0
	default:
		return value + uint64(incr), false
	}
	if ow == overflowWrap {
		return (value + uint64(incr)) & maxv, true
	}
	return limit, true
}

func (t bitfieldType) addSigned(value, incr int64, ow byte) (int64, bool) {
	maxv := int64(uint64(1)<<(t.bits-1) - 1)
	minv := -maxv - 1
	maxIncr, minIncr := int64(uint64(maxv)-uint64(value)), minv-value // may wrap; used only when they do not
	var limit int64
	switch {
	case value > maxv || (t.bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr):
		limit = maxv
	case value < minv || (t.bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr):
		limit = minv
	default:
		return value + incr, false
	}
	if ow == overflowWrap {
		return t.wrap(uint64(value) + uint64(incr)), true
	}
	return limit, true
}

// wrap truncates c to a signed t.bits-bit integer.
func (t bitfieldType) wrap(c uint64) int64 {
	if t.bits < 64 {
		if c>>(t.bits-1)&1 != 0 {
			c |= ^uint64(0) << t.bits
		} else {
			c &^= ^uint64(0) << t.bits
		}
	}
	return int64(c)
}

// The operations of BITFIELD.
const (
	fieldGet byte = iota
	fieldSet
	fieldIncrBy
)

// bitfieldOp is one parsed BITFIELD operation.
type bitfieldOp struct {
	op       byte // fieldGet, fieldSet or fieldIncrBy
	overflow byte // the overflow rule in force
	typ      bitfieldType
	offset   uint64 // in bits
	arg      int64  // SET's value, INCRBY's increment
}

// apply runs a SET or INCRBY on b (long enough for it) and returns its
// reply (SET: the old value; INCRBY: the new one), false when it
// overflowed under FAIL (nothing is written), and whether b changed.
func (o *bitfieldOp) apply(b []byte) (reply int64, ok, changed bool) {
	old := o.typ.get(bytesString(b), o.offset)
	var val int64
	var over bool
	if o.op == fieldIncrBy {
		val, over = o.typ.add(old, o.arg, o.overflow)
		reply = val
	} else {
		val, over = o.typ.add(o.arg, 0, o.overflow)
		reply = old
	}
	if over && o.overflow == overflowFail {
		return 0, false, false
	}
	o.typ.put(b, o.offset, uint64(val))
	return reply, true, val != old
}
