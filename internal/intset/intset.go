// Package intset is the intset, the compact encoding of a small set whose
// members are all integers, as Redis keeps one: the integers sorted
// ascending, each in the narrowest width (2, 4 or 8 bytes, little-endian)
// that holds every member. A set is held packed (Packed): one allocation
// of exactly its bytes, which an interface holds without another, so 10
// small integers cost 24 bytes. A packed intset never changes: every
// change builds a new one, as Redis reallocates its intset. The package
// also reads and writes Redis's own layout of an intset (DUMP, RESTORE).
//
// It is a pure data structure: it takes no locks, writes no log and knows
// nothing of the server, its clients or its keyspace. Being a package of
// its own it cannot reach the server's state, and TestInternalImports
// (layout_test.go) keeps it from importing sync, log, os or net.
package intset

import (
	"encoding/binary"
	"slices"
	"strings"
	"unsafe"
)

// Set is a view of an intset: its width, then its members. The empty
// string is the empty intset.
type Set string

// intWidth is the narrowest intset width holding v.
func intWidth(v int64) int {
	switch {
	case v >= -1<<15 && v < 1<<15:
		return 2
	case v >= -1<<31 && v < 1<<31:
		return 4
	}
	return 8
}

// width is the bytes per member (0 for the empty intset).
func (is Set) width() int {
	if is == "" {
		return 0
	}
	return int(is[0])
}

// Len is the number of members.
func (is Set) Len() int {
	if is == "" {
		return 0
	}
	return (len(is) - 1) / is.width()
}

// At returns member i (0 <= i < Len), in ascending order.
func (is Set) At(i int) int64 {
	w := is.width()
	p := 1 + i*w
	var u uint64
	for j := w - 1; j >= 0; j-- {
		u = u<<8 | uint64(is[p+j])
	}
	shift := 64 - 8*w // sign-extend from w bytes
	return int64(u<<shift) >> shift
}

// search returns where v is, or would be inserted, and whether it is there.
func (is Set) search(v int64) (int, bool) {
	lo, hi := 0, is.Len()
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if is.At(mid) < v {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, lo < is.Len() && is.At(lo) == v
}

// Has reports whether v is a member.
func (is Set) Has(v int64) bool {
	_, ok := is.search(v)
	return ok
}

// Packed is an intset in one allocation: its member count as a uvarint,
// then the intset. It is a pointer alone, so an interface holds it
// directly; the zero Packed is the empty intset.
type Packed struct{ p *byte }

// Ints returns the intset p holds (read one byte at a time: the count's
// bytes are known to be in the allocation only as they are decoded).
func (pk Packed) Ints() Set {
	if pk.p == nil {
		return ""
	}
	var n uint64
	k := 0
	for shift := 0; ; shift += 7 {
		b := *(*byte)(unsafe.Add(unsafe.Pointer(pk.p), k))
		k++
		n |= uint64(b&0x7f) << shift
		if b < 0x80 {
			break
		}
	}
	start := (*byte)(unsafe.Add(unsafe.Pointer(pk.p), k))
	return Set(unsafe.String(start, 1+int(n)*int(*start)))
}

// builder writes a packed intset of a known size and width; it lives on
// its caller's stack, so only the intset is allocated.
type builder struct {
	b strings.Builder
	w int
}

// start begins an intset of n members of width w.
func (ib *builder) start(n, w int) {
	var hdr [binary.MaxVarintLen64]byte
	count := binary.PutUvarint(hdr[:], uint64(n))
	ib.w = w
	ib.b.Grow(count + 1 + n*w)
	ib.b.Write(hdr[:count])
	ib.b.WriteByte(byte(w))
}

// put appends v, which must be greater than the last member put.
func (ib *builder) put(v int64) {
	for i := 0; i < ib.w; i++ {
		ib.b.WriteByte(byte(v >> (8 * i)))
	}
}

// done returns the intset built.
func (ib *builder) done() Packed {
	s := ib.b.String()
	if len(s) == 2 { // a count of 0 and the width
		return Packed{}
	}
	return Packed{unsafe.StringData(s)}
}

// Pack packs sorted, distinct values.
func Pack(vals []int64) Packed {
	if len(vals) == 0 {
		return Packed{}
	}
	var ib builder
	ib.start(len(vals), max(intWidth(vals[0]), intWidth(vals[len(vals)-1])))
	for _, v := range vals {
		ib.put(v)
	}
	return ib.done()
}

// Merged returns is with the values of add (sorted, distinct) that are
// not members yet, and how many those are; when none is, it builds
// nothing and returns 0.
func (is Set) Merged(add []int64) (Packed, int) {
	fresh := 0
	w := is.width()
	for _, v := range add {
		if !is.Has(v) {
			fresh++
			w = max(w, intWidth(v))
		}
	}
	if fresh == 0 {
		return Packed{}, 0
	}
	var ib builder
	ib.start(is.Len()+fresh, w)
	i, n := 0, is.Len()
	for _, v := range add {
		for ; i < n && is.At(i) < v; i++ {
			ib.put(is.At(i))
		}
		if i < n && is.At(i) == v {
			continue
		}
		ib.put(v)
	}
	for ; i < n; i++ {
		ib.put(is.At(i))
	}
	return ib.done(), fresh
}

// Without returns is without the members at the positions marked in
// drop (len(drop) == Len), and how many it dropped; when none is marked,
// it builds nothing and returns 0.
func (is Set) Without(drop []bool) (Packed, int) {
	k := 0
	for _, d := range drop {
		if d {
			k++
		}
	}
	if k == 0 {
		return Packed{}, 0
	}
	var ib builder
	ib.start(is.Len()-k, is.width())
	for i, d := range drop {
		if !d {
			ib.put(is.At(i))
		}
	}
	return ib.done(), k
}

// Removed returns is without the values of del, and how many were
// members (as Without).
func (is Set) Removed(del []int64) (Packed, int) {
	drop := make([]bool, is.Len())
	for _, v := range del {
		if i, ok := is.search(v); ok {
			drop[i] = true
		}
	}
	return is.Without(drop)
}

// SortedDistinct sorts vals and drops repeats, in place.
func SortedDistinct(vals []int64) []int64 {
	slices.Sort(vals)
	return slices.Compact(vals)
}
