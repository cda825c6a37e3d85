// hll.go holds the HyperLogLog representation of Redis 7.0, byte for byte:
// a string starting with the header "HYLL", an encoding byte (dense or
// sparse), three unused bytes and eight bytes of cached cardinality (its
// top bit set: stale), then 16384 six-bit registers, either packed (dense,
// 12288 bytes) or run-length coded (sparse: ZERO, XZERO and VAL opcodes).
// Elements hash with MurmurHash64A (seed 0xadc83b19) and the count is the
// estimator of Ertl's "New cardinality estimation algorithms for
// HyperLogLog sketches", as Redis computes it. Every function here reads
// a value that may be corrupt: none indexes past it or grows it without
// bound.
package main

import (
	"math"
	"slices"
	"unsafe"
)

// HyperLogLog layout constants (Redis's HLL_*).
const (
	hllP          = 14
	hllQ          = 64 - hllP
	hllRegisters  = 1 << hllP
	hllBits       = 6
	hllRegMax     = 1<<hllBits - 1
	hllHdrSize    = 16
	hllDenseSize  = hllHdrSize + (hllRegisters*hllBits+7)/8
	hllDense      = 0
	hllSparse     = 1
	hllSeed       = 0xadc83b19
	hllAlphaInf   = 0.721347520444481703680 // 0.5/ln(2)
	hllValMax     = 32                      // the largest value a sparse VAL opcode holds
	hllValMaxLen  = 4
	hllZeroMaxLen = 64
	hllXZeroMax   = 16384
)

// HyperLogLog error replies.
const (
	errNotHLL     = "WRONGTYPE Key is not a valid HyperLogLog string value."
	errInvalidHLL = "INVALIDOBJ Corrupted HLL object detected"
)

// stringBytes returns s's bytes to be read, not written.
func stringBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// hllNew returns an empty HLL: sparse, one XZERO opcode covering every
// register, cached cardinality 0.
func hllNew() []byte {
	b := make([]byte, hllHdrSize+2, 64)
	copy(b, "HYLL")
	b[4] = hllSparse
	b[hllHdrSize] = 0x40 | byte((hllRegisters-1)>>8)
	b[hllHdrSize+1] = byte((hllRegisters - 1) & 0xff)
	return b
}

// hllValid reports whether b passes Redis's isHLLObjectOrReply: long
// enough, the magic, a known encoding, a dense one of the exact size.
func hllValid(b []byte) bool {
	return len(b) >= hllHdrSize && string(b[:4]) == "HYLL" && b[4] <= hllSparse &&
		(b[4] != hllDense || len(b) == hllDenseSize)
}

// hllCacheValid reports whether the cached cardinality may be used.
func hllCacheValid(b []byte) bool { return b[15]&0x80 == 0 }

// hllInvalidate marks the cached cardinality stale.
func hllInvalidate(b []byte) { b[15] |= 0x80 }

// murmurHash64A is MurmurHash2's 64-bit version as Redis has it (little
// endian reads on every platform).
func murmurHash64A(key []byte, seed uint64) uint64 {
	const m, r = 0xc6a4a7935bd1e995, 47
	h := seed ^ uint64(len(key))*m
	n := len(key) &^ 7
	for i := 0; i < n; i += 8 {
		k := uint64(key[i]) | uint64(key[i+1])<<8 | uint64(key[i+2])<<16 | uint64(key[i+3])<<24 |
			uint64(key[i+4])<<32 | uint64(key[i+5])<<40 | uint64(key[i+6])<<48 | uint64(key[i+7])<<56
		k *= m
		k ^= k >> r
		k *= m
		h ^= k
		h *= m
	}
	if tail := key[n:]; len(tail) > 0 {
		for i := len(tail) - 1; i >= 0; i-- {
			h ^= uint64(tail[i]) << (8 * i)
		}
		h *= m
	}
	h ^= h >> r
	h *= m
	h ^= h >> r
	return h
}

// hllPatLen returns the register ele falls in and the length of the run of
// zeroes (plus one) that follows in its hash.
func hllPatLen(ele []byte) (int, uint8) {
	hash := murmurHash64A(ele, hllSeed)
	index := int(hash & (hllRegisters - 1))
	hash >>= hllP
	hash |= 1 << hllQ
	count := uint8(1)
	for bit := uint64(1); hash&bit == 0; bit <<= 1 {
		count++
	}
	return index, count
}

// denseGet returns register i of the packed registers regs (the byte past
// them reads as 0, as the string's terminator does in Redis).
func denseGet(regs []byte, i int) uint8 {
	byt, fb := i*hllBits/8, uint(i*hllBits&7)
	b0, b1 := uint(regs[byt]), uint(0)
	if byt+1 < len(regs) {
		b1 = uint(regs[byt+1])
	}
	return uint8((b0>>fb | b1<<(8-fb)) & hllRegMax)
}

// denseSet sets register i of regs to v.
func denseSet(regs []byte, i int, v uint8) {
	byt, fb := i*hllBits/8, uint(i*hllBits&7)
	regs[byt] &^= byte(hllRegMax << fb)
	regs[byt] |= v << fb
	if byt+1 < len(regs) {
		regs[byt+1] &^= byte(hllRegMax >> (8 - fb))
		regs[byt+1] |= v >> (8 - fb)
	}
}

// denseRaise sets register i to count if that is higher, and reports
// whether it was.
func denseRaise(regs []byte, i int, count uint8) bool {
	if count <= denseGet(regs, i) {
		return false
	}
	denseSet(regs, i, count)
	return true
}

// sparseOp decodes the opcode at b[p]: how many registers it covers, its
// value (0 for ZERO and XZERO), its length in bytes. An XZERO cut short at
// the end reads its second byte as 0, as Redis reads the terminator.
func sparseOp(b []byte, p int) (span, val, oplen int) {
	op := b[p]
	switch {
	case op&0xc0 == 0: // ZERO 00xxxxxx
		return int(op&0x3f) + 1, 0, 1
	case op&0x80 != 0: // VAL 1vvvvvxx
		return int(op&3) + 1, int(op>>2&0x1f) + 1, 1
	}
	second := 0 // XZERO 01xxxxxx yyyyyyyy
	if p+1 < len(b) {
		second = int(b[p+1])
	}
	return (int(op&0x3f)<<8 | second) + 1, 0, 2
}

// sparseVal is the VAL opcode for len registers of value val.
func sparseVal(val, n int) byte { return byte((val-1)<<2|(n-1)) | 0x80 }

// appendZeros appends the ZERO or XZERO opcode for n registers.
func appendZeros(seq []byte, n int) []byte {
	if n > hllZeroMaxLen {
		return append(seq, 0x40|byte((n-1)>>8), byte((n-1)&0xff))
	}
	return append(seq, byte(n-1))
}

// hllToDense returns the dense form of b (b itself if dense), keeping its
// header; false if b's sparse registers are corrupt.
func hllToDense(b []byte) ([]byte, bool) {
	if b[4] == hllDense {
		return b, true
	}
	d := make([]byte, hllDenseSize)
	copy(d, b[:hllHdrSize])
	d[4] = hllDense
	regs := d[hllHdrSize:]
	idx := 0
	for p := hllHdrSize; p < len(b); {
		span, val, oplen := sparseOp(b, p)
		if val > 0 {
			if idx+span > hllRegisters {
				break
			}
			for ; span > 0; span-- {
				denseSet(regs, idx, uint8(val))
				idx++
			}
		} else {
			idx += span
		}
		p += oplen
	}
	return d, idx == hllRegisters
}

// hllAdd adds ele to b (a valid HLL the caller owns) and returns the HLL,
// which may have moved, and 1 if a register changed, 0 if not, -1 if b is
// corrupt. A sparse HLL becomes dense past maxSparse bytes.
func hllAdd(b, ele []byte, maxSparse int64) ([]byte, int) {
	index, count := hllPatLen(ele)
	return hllSet(b, index, count, maxSparse)
}

// hllSet raises register index to count in b, as hllAdd.
func hllSet(b []byte, index int, count uint8, maxSparse int64) ([]byte, int) {
	if b[4] == hllDense {
		if denseRaise(b[hllHdrSize:], index, count) {
			return b, 1
		}
		return b, 0
	}
	return sparseSet(b, index, count, maxSparse)
}

// sparseSet is Redis's hllSparseSet: find the opcode covering index,
// split it into at most three opcodes holding the new value, then merge
// equal neighbouring VAL opcodes. It promotes b to dense when count does
// not fit a VAL opcode or b would pass maxSparse bytes.
func sparseSet(b []byte, index int, count uint8, maxSparse int64) ([]byte, int) {
	if count > hllValMax {
		return sparsePromote(b, index, count)
	}
	end, p, first, span, prev := len(b), hllHdrSize, 0, 0, -1
	var val, oplen int
	for p < end {
		span, val, oplen = sparseOp(b, p)
		if index <= first+span-1 {
			break
		}
		prev = p
		p += oplen
		first += span
	}
	if span == 0 || p >= end {
		return b, -1
	}
	isVal := b[p]&0x80 != 0
	switch {
	case isVal && val >= int(count):
		return b, 0
	case span == 1 && (isVal || b[p]&0xc0 == 0):
		b[p] = sparseVal(int(count), 1)
		return sparseMerge(b, prev), 1
	}
	seq := make([]byte, 0, 5)
	last := first + span - 1
	if isVal {
		if index != first {
			seq = append(seq, sparseVal(val, index-first))
		}
		seq = append(seq, sparseVal(int(count), 1))
		if index != last {
			seq = append(seq, sparseVal(val, last-index))
		}
	} else {
		if index != first {
			seq = appendZeros(seq, index-first)
		}
		seq = append(seq, sparseVal(int(count), 1))
		if index != last {
			seq = appendZeros(seq, last-index)
		}
	}
	delta := len(seq) - oplen
	if delta > 0 && int64(len(b)+delta) > maxSparse {
		return sparsePromote(b, index, count)
	}
	newLen := len(b) + delta // an XZERO cut short at the end stays cut short
	b = slices.Replace(b, p, min(p+oplen, len(b)), seq...)[:newLen]
	return sparseMerge(b, prev), 1
}

// sparseMerge merges equal adjacent VAL opcodes among the five from prev
// (the opcode before the one changed; -1: the first), invalidates the
// cached cardinality and returns b.
func sparseMerge(b []byte, prev int) []byte {
	p := prev
	if p < 0 {
		p = hllHdrSize
	}
	for scan := 5; p < len(b) && scan > 0; scan-- {
		op := b[p]
		switch {
		case op&0xc0 == 0x40:
			p += 2
			continue
		case op&0xc0 == 0:
			p++
			continue
		}
		if p+1 < len(b) && b[p+1]&0x80 != 0 {
			_, v1, _ := sparseOp(b, p)
			n1, v2, _ := sparseOp(b, p+1)
			n0, _, _ := sparseOp(b, p)
			if v1 == v2 && n0+n1 <= hllValMaxLen {
				b[p+1] = sparseVal(v1, n0+n1)
				b = slices.Delete(b, p, p+1)
				continue
			}
		}
		p++
	}
	hllInvalidate(b)
	return b
}

// sparsePromote converts b to dense and sets register index to count.
func sparsePromote(b []byte, index int, count uint8) ([]byte, int) {
	d, ok := hllToDense(b)
	if !ok {
		return b, -1
	}
	denseRaise(d[hllHdrSize:], index, count)
	return d, 1
}

// hllHisto counts b's registers by value; false if b's sparse registers
// are corrupt.
func hllHisto(b []byte, h *[64]int) bool {
	if b[4] == hllDense {
		regs := b[hllHdrSize:]
		for i := range hllRegisters {
			h[denseGet(regs, i)]++
		}
		return true
	}
	idx := 0
	for p := hllHdrSize; p < len(b); {
		span, val, oplen := sparseOp(b, p)
		idx += span
		h[val] += span
		p += oplen
	}
	return idx == hllRegisters
}

// hllMerge raises each of max's registers to b's; false if b is corrupt.
func hllMerge(max *[hllRegisters]uint8, b []byte) bool {
	if b[4] == hllDense {
		regs := b[hllHdrSize:]
		for i := range max {
			max[i] = maxU8(max[i], denseGet(regs, i))
		}
		return true
	}
	i := 0
	for p := hllHdrSize; p < len(b); {
		span, val, oplen := sparseOp(b, p)
		if val > 0 {
			if i+span > hllRegisters {
				break
			}
			for ; span > 0; span-- {
				max[i] = maxU8(max[i], uint8(val))
				i++
			}
		} else {
			i += span
		}
		p += oplen
	}
	return i == hllRegisters
}

func maxU8(a, b uint8) uint8 { return max(a, b) }

// hllCount estimates b's cardinality; false if b is corrupt.
func hllCount(b []byte) (uint64, bool) {
	var h [64]int
	if !hllHisto(b, &h) {
		return 0, false
	}
	return hllEstimate(&h), true
}

// hllCountRegs estimates the cardinality of the registers regs.
func hllCountRegs(regs *[hllRegisters]uint8) uint64 {
	var h [64]int
	for _, v := range regs {
		h[v&63]++
	}
	return hllEstimate(&h)
}

// hllEstimate is Redis 7.0's estimator over a register histogram.
func hllEstimate(h *[64]int) uint64 {
	const m = float64(hllRegisters)
	z := m * hllTau((m-float64(h[hllQ+1]))/m)
	for j := hllQ; j >= 1; j-- {
		z += float64(h[j])
		z *= 0.5
	}
	z += float64(m * hllSigma(float64(h[0])/m))
	return uint64(math.Round(float64(float64(hllAlphaInf*m)*m) / z))
}

// hllSigma is the sigma function of Ertl's paper.
func hllSigma(x float64) float64 {
	if x == 1 {
		return math.Inf(1)
	}
	y, z := 1.0, x
	for {
		x *= x
		zPrime := z
		z += float64(x * y)
		y += y
		if zPrime == z {
			return z
		}
	}
}

// hllTau is the tau function of Ertl's paper.
func hllTau(x float64) float64 {
	if x == 0 || x == 1 {
		return 0
	}
	y, z := 1.0, 1-x
	for {
		x = math.Sqrt(x)
		zPrime := z
		y *= 0.5
		d := 1 - x
		z -= float64(float64(d*d) * y)
		if zPrime == z {
			return z / 3
		}
	}
}

// hllCard reads the cached cardinality.
func hllCard(b []byte) uint64 {
	var c uint64
	for i := 7; i >= 0; i-- {
		c = c<<8 | uint64(b[8+i])
	}
	return c
}

// hllSetCard stores c as the cached cardinality.
func hllSetCard(b []byte, c uint64) {
	for i := range 8 {
		b[8+i] = byte(c >> (8 * i))
	}
}
