// Package bitmap holds the bit algorithms of the bit commands, on strings
// read as bitmaps whose bit 0 is the most significant bit of the first
// byte: counting set bits, finding the first set or clear bit, BITOP's
// combinations and BITFIELD's integers with their overflow rules.
//
// Pure functions: they take no locks, write no log and know nothing of
// the server, its clients or its keyspace. Being a package of its own it
// cannot reach the server's state, and TestInternalImports
// (layout_test.go) keeps it from importing sync, log, os or net.
package bitmap

import (
	"math/bits"
	"unsafe"
)

// ClampRange turns Redis's start and end indexes (negative ones count
// from the end) into a range within [0, n), as GETRANGE, BITCOUNT and
// BITPOS do; ok is false when it is empty.
func ClampRange(start, end, n int64) (int64, int64, bool) {
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

// Count returns the number of set bits in s.
func Count(s string) int64 {
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

// CountRange is BITCOUNT with a range: the set bits of s from start to end,
// which are bit indexes when inBits and byte indexes otherwise.
func CountRange(s string, start, end int64, inBits bool) int64 {
	n := int64(len(s))
	if inBits {
		n *= 8
	}
	start, end, ok := ClampRange(start, end, n)
	switch {
	case !ok:
		return 0
	case !inBits:
		return Count(s[start : end+1])
	}
	first, last := start>>3, end>>3
	count := Count(s[first : last+1])
	count -= int64(bits.OnesCount8(s[first] & ^byte(0xff>>(start&7)))) // bits before start
	count -= int64(bits.OnesCount8(s[last] & byte(0xff>>(end&7+1))))   // bits after end
	return count
}

// At returns bit i of s (0 past its end).
func At(s string, i int64) byte {
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
		if At(s, i) == bit {
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

// Pos is BITPOS on an existing string: the first bit equal to bit
// between start and end (bit indexes when inBits, byte indexes
// otherwise; end defaults to the last). Looking for a clear bit without
// an end finds the zero padding past the string when the range has none.
func Pos(s string, bit byte, start, end int64, endGiven, inBits bool) int64 {
	n := int64(len(s))
	if inBits {
		n *= 8
	}
	if !endGiven {
		end = n - 1
	}
	start, end, ok := ClampRange(start, end, n)
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
	And byte = iota
	Or
	Xor
	Not
)

// Combine combines srcs byte by byte as BITOP does, shorter ones padded
// with zero bytes; NOT takes one source. The result is as long as the
// longest source.
func Combine(op byte, srcs []string) []byte {
	n := 0
	for _, s := range srcs {
		n = max(n, len(s))
	}
	res := make([]byte, n)
	copy(res, srcs[0])
	if op == Not {
		for i := range res {
			res[i] = ^res[i]
		}
		return res
	}
	for _, s := range srcs[1:] {
		switch op {
		case And:
			for i := 0; i < len(s); i++ {
				res[i] &= s[i]
			}
			clear(res[len(s):])
		case Or:
			for i := 0; i < len(s); i++ {
				res[i] |= s[i]
			}
		case Xor:
			for i := 0; i < len(s); i++ {
				res[i] ^= s[i]
			}
		}
	}
	return res
}

// Set sets bit i of b to v (0 or 1) and returns its old value.
func Set(b []byte, i int64, v byte) byte {
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
	OverflowWrap byte = iota
	OverflowSat
	OverflowFail
)

// FieldType is a BITFIELD integer type: i1..i64 or u1..u63.
type FieldType struct {
	Signed bool // iN rather than uN
	Bits   uint // N
}

// getField returns the width-bit unsigned integer at bit offset off of s
// (bits past its end read as 0).
func getField(s string, off uint64, width uint) uint64 {
	var v uint64
	for j := uint64(0); j < uint64(width); j++ {
		v = v<<1 | uint64(At(s, int64(off+j)))
	}
	return v
}

// Get returns the integer of type t at bit offset off of s.
func (t FieldType) Get(s string, off uint64) int64 {
	v := getField(s, off, t.Bits)
	if t.Signed && t.Bits < 64 && v>>(t.Bits-1)&1 != 0 {
		v |= ^uint64(0) << t.Bits // extend the sign
	}
	return int64(v)
}

// put writes the low t.Bits bits of v at bit offset off of b, which is
// long enough.
func (t FieldType) put(b []byte, off uint64, v uint64) {
	for j := uint64(0); j < uint64(t.Bits); j++ {
		Set(b, int64(off+j), byte(v>>(uint64(t.Bits)-1-j)&1))
	}
}

// add returns value+incr in type t under overflow rule ow, and whether it
// overflowed (then, under OverflowFail, the result is not to be stored).
// A value already out of t's range counts as overflowing, as in Redis,
// which is how SET checks its value (with incr 0).
func (t FieldType) add(value, incr int64, ow byte) (int64, bool) {
	if t.Signed {
		return t.addSigned(value, incr, ow)
	}
	r, over := t.addUnsigned(uint64(value), incr, ow)
	return int64(r), over
}

// addUnsigned is add for an unsigned type.
func (t FieldType) addUnsigned(value uint64, incr int64, ow byte) (uint64, bool) {
	maxv := uint64(1)<<t.Bits - 1
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
	if ow == OverflowWrap {
		return (value + uint64(incr)) & maxv, true
	}
	return limit, true
}

// addSigned is add for a signed type.
func (t FieldType) addSigned(value, incr int64, ow byte) (int64, bool) {
	maxv := int64(uint64(1)<<(t.Bits-1) - 1)
	minv := -maxv - 1
	maxIncr, minIncr := int64(uint64(maxv)-uint64(value)), minv-value // may wrap; used only when they do not
	var limit int64
	switch {
	case value > maxv || (t.Bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr):
		limit = maxv
	case value < minv || (t.Bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr):
		limit = minv
	default:
		return value + incr, false
	}
	if ow == OverflowWrap {
		return t.wrap(uint64(value) + uint64(incr)), true
	}
	return limit, true
}

// wrap truncates c to a signed t.Bits-bit integer.
func (t FieldType) wrap(c uint64) int64 {
	if t.Bits < 64 {
		if c>>(t.Bits-1)&1 != 0 {
			c |= ^uint64(0) << t.Bits
		} else {
			c &^= ^uint64(0) << t.Bits
		}
	}
	return int64(c)
}

// The operations of BITFIELD.
const (
	FieldGet byte = iota
	FieldSet
	FieldIncrBy
)

// FieldOp is one parsed BITFIELD operation.
type FieldOp struct {
	Op       byte // FieldGet, FieldSet or FieldIncrBy
	Overflow byte // the overflow rule in force
	Type     FieldType
	Offset   uint64 // in bits
	Arg      int64  // SET's value, INCRBY's increment
}

// Apply runs a SET or INCRBY on b (long enough for it) and returns its
// reply (SET: the old value; INCRBY: the new one), false when it
// overflowed under FAIL (nothing is written), and whether b changed.
func (o *FieldOp) Apply(b []byte) (reply int64, ok, changed bool) {
	old := o.Type.Get(unsafe.String(unsafe.SliceData(b), len(b)), o.Offset)
	var val int64
	var over bool
	if o.Op == FieldIncrBy {
		val, over = o.Type.add(old, o.Arg, o.Overflow)
		reply = val
	} else {
		val, over = o.Type.add(o.Arg, 0, o.Overflow)
		reply = old
	}
	if over && o.Overflow == OverflowFail {
		return 0, false, false
	}
	o.Type.put(b, o.Offset, uint64(val))
	return reply, true, val != old
}
