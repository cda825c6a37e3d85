// Package hll is the HyperLogLog representation of Redis 7.0, byte for byte:
// a string starting with the header "HYLL", an encoding byte (dense or
// sparse), three unused bytes and eight bytes of cached cardinality (its
// top bit set: stale), then 16384 six-bit registers, either packed (dense,
// 12288 bytes) or run-length coded (sparse: ZERO, XZERO and VAL opcodes).
// Elements hash with MurmurHash64A (seed 0xadc83b19) and the count is the
// estimator of Ertl's "New cardinality estimation algorithms for
// HyperLogLog sketches", as Redis computes it. Every function here reads
// a value that may be corrupt: none indexes past it or grows it without
// bound. Pure functions: no locking, no logging.
package hll

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// Layout constants (Redis's HLL_*): Registers registers, a header of
// HdrSize bytes, DenseSize bytes in all when Dense.
const (
	p          = 14
	q          = 64 - p
	Registers  = 1 << p
	bits       = 6
	regMax     = 1<<bits - 1
	HdrSize    = 16
	DenseSize  = HdrSize + (Registers*bits+7)/8
	Dense      = 0
	Sparse     = 1
	seed       = 0xadc83b19
	alphaInf   = 0.721347520444481703680 // 0.5/ln(2)
	valMax     = 32                      // the largest value a sparse VAL opcode holds
	valMaxLen  = 4
	zeroMaxLen = 64
	xzeroMax   = 16384
)

// New returns an empty HLL: sparse, one XZERO opcode covering every
// register, cached cardinality 0.
func New() []byte {
	b := make([]byte, HdrSize+2, 64)
	copy(b, "HYLL")
	b[4] = Sparse
	b[HdrSize] = 0x40 | byte((Registers-1)>>8)
	b[HdrSize+1] = byte((Registers - 1) & 0xff)
	return b
}

// Valid reports whether b passes Redis's isHLLObjectOrReply: long
// enough, the magic, a known encoding, a dense one of the exact size.
func Valid(b []byte) bool {
	return len(b) >= HdrSize && string(b[:4]) == "HYLL" && b[4] <= Sparse &&
		(b[4] != Dense || len(b) == DenseSize)
}

// CacheValid reports whether the cached cardinality may be used.
func CacheValid(b []byte) bool { return b[15]&0x80 == 0 }

// Invalidate marks the cached cardinality stale.
func Invalidate(b []byte) { b[15] |= 0x80 }

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

// patLen returns the register ele falls in and the length of the run of
// zeroes (plus one) that follows in its hash.
func patLen(ele []byte) (int, uint8) {
	hash := murmurHash64A(ele, seed)
	index := int(hash & (Registers - 1))
	hash >>= p
	hash |= 1 << q
	count := uint8(1)
	for bit := uint64(1); hash&bit == 0; bit <<= 1 {
		count++
	}
	return index, count
}

// denseGet returns register i of the packed registers regs (the byte past
// them reads as 0, as the string's terminator does in Redis).
func denseGet(regs []byte, i int) uint8 {
	byt, fb := i*bits/8, uint(i*bits&7)
	b0, b1 := uint(regs[byt]), uint(0)
	if byt+1 < len(regs) {
		b1 = uint(regs[byt+1])
	}
	return uint8((b0>>fb | b1<<(8-fb)) & regMax)
}

// denseSet sets register i of regs to v.
func denseSet(regs []byte, i int, v uint8) {
	byt, fb := i*bits/8, uint(i*bits&7)
	regs[byt] &^= byte(regMax << fb)
	regs[byt] |= v << fb
	if byt+1 < len(regs) {
		regs[byt+1] &^= byte(regMax >> (8 - fb))
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
	if n > zeroMaxLen {
		return append(seq, 0x40|byte((n-1)>>8), byte((n-1)&0xff))
	}
	return append(seq, byte(n-1))
}

// ToDense returns the dense form of b (b itself if dense), keeping its
// header; false if b's sparse registers are corrupt.
func ToDense(b []byte) ([]byte, bool) {
	if b[4] == Dense {
		return b, true
	}
	d := make([]byte, DenseSize)
	copy(d, b[:HdrSize])
	d[4] = Dense
	regs := d[HdrSize:]
	idx := 0
	for p := HdrSize; p < len(b); {
		span, val, oplen := sparseOp(b, p)
		if val > 0 {
			if idx+span > Registers {
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
	return d, idx == Registers
}

// Add adds ele to b (a valid HLL the caller owns) and returns the HLL,
// which may have moved, and 1 if a register changed, 0 if not, -1 if b is
// corrupt. A sparse HLL becomes dense past maxSparse bytes.
func Add(b, ele []byte, maxSparse int64) ([]byte, int) {
	index, count := patLen(ele)
	return Set(b, index, count, maxSparse)
}

// Set raises register index to count in b, as Add.
func Set(b []byte, index int, count uint8, maxSparse int64) ([]byte, int) {
	if b[4] == Dense {
		if denseRaise(b[HdrSize:], index, count) {
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
	if count > valMax {
		return sparsePromote(b, index, count)
	}
	end, p, first, span, prev := len(b), HdrSize, 0, 0, -1
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
		p = HdrSize
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
			if v1 == v2 && n0+n1 <= valMaxLen {
				b[p+1] = sparseVal(v1, n0+n1)
				b = slices.Delete(b, p, p+1)
				continue
			}
		}
		p++
	}
	Invalidate(b)
	return b
}

// sparsePromote converts b to dense and sets register index to count.
func sparsePromote(b []byte, index int, count uint8) ([]byte, int) {
	d, ok := ToDense(b)
	if !ok {
		return b, -1
	}
	denseRaise(d[HdrSize:], index, count)
	return d, 1
}

// histo counts b's registers by value; false if b's sparse registers
// are corrupt.
func histo(b []byte, h *[64]int) bool {
	if b[4] == Dense {
		regs := b[HdrSize:]
		for i := range Registers {
			h[denseGet(regs, i)]++
		}
		return true
	}
	idx := 0
	for p := HdrSize; p < len(b); {
		span, val, oplen := sparseOp(b, p)
		idx += span
		h[val] += span
		p += oplen
	}
	return idx == Registers
}

// Merge raises each of max's registers to b's; false if b is corrupt.
func Merge(max *[Registers]uint8, b []byte) bool {
	if b[4] == Dense {
		regs := b[HdrSize:]
		for i := range max {
			max[i] = maxU8(max[i], denseGet(regs, i))
		}
		return true
	}
	i := 0
	for p := HdrSize; p < len(b); {
		span, val, oplen := sparseOp(b, p)
		if val > 0 {
			if i+span > Registers {
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
	return i == Registers
}

func maxU8(a, b uint8) uint8 { return max(a, b) }

// Count estimates b's cardinality; false if b is corrupt.
func Count(b []byte) (uint64, bool) {
	var h [64]int
	if !histo(b, &h) {
		return 0, false
	}
	return estimate(&h), true
}

// CountRegisters estimates the cardinality of the registers regs.
func CountRegisters(regs *[Registers]uint8) uint64 {
	var h [64]int
	for _, v := range regs {
		h[v&63]++
	}
	return estimate(&h)
}

// estimate is Redis 7.0's estimator over a register histogram.
func estimate(h *[64]int) uint64 {
	const m = float64(Registers)
	z := m * tau((m-float64(h[q+1]))/m)
	for j := q; j >= 1; j-- {
		z += float64(h[j])
		z *= 0.5
	}
	z += float64(m * sigma(float64(h[0])/m))
	return uint64(math.Round(float64(float64(alphaInf*m)*m) / z))
}

// sigma is the sigma function of Ertl's paper.
func sigma(x float64) float64 {
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

// tau is the tau function of Ertl's paper.
func tau(x float64) float64 {
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

// Card reads the cached cardinality.
func Card(b []byte) uint64 {
	var c uint64
	for i := 7; i >= 0; i-- {
		c = c<<8 | uint64(b[8+i])
	}
	return c
}

// SetCard stores c as the cached cardinality.
func SetCard(b []byte, c uint64) {
	for i := range 8 {
		b[8+i] = byte(c >> (8 * i))
	}
}

// IsDense reports whether b (valid) is in the dense encoding.
func IsDense(b []byte) bool { return b[4] == Dense }

// Register returns register i of a dense b.
func Register(b []byte, i int) uint8 { return denseGet(b[HdrSize:], i) }

// Decode describes a sparse b's opcodes as PFDEBUG DECODE does: "z:n"
// (ZERO), "Z:n" (XZERO), "v:value,n" (VAL), separated by spaces.
func Decode(b []byte) string {
	var out []byte
	for p := HdrSize; p < len(b); {
		span, val, oplen := sparseOp(b, p)
		switch {
		case val > 0:
			out = fmt.Appendf(out, "v:%d,%d ", val, span)
		case oplen == 2:
			out = fmt.Appendf(out, "Z:%d ", span)
		default:
			out = fmt.Appendf(out, "z:%d ", span)
		}
		p += oplen
	}
	return strings.TrimRight(string(out), " ")
}

// SelfTest is PFSELFTEST: registers keep what is written to them without
// touching their neighbours, and the estimates of 1 to 10 million
// distinct elements, in a dense and a sparse HLL at once, agree and stay
// within six standard errors. It returns Redis's TESTFAILED message on a
// failure, "" on success.
func SelfTest(rng *rand.Rand, maxSparse int64) string {
	regs := make([]byte, DenseSize-HdrSize)
	var want [Registers]uint8
	for range 1000 {
		for i := range want {
			want[i] = uint8(rng.IntN(regMax + 1))
			denseSet(regs, i, want[i])
		}
		for i := range want {
			if v := denseGet(regs, i); v != want[i] {
				return fmt.Sprintf("TESTFAILED Register %d should be %d but is %d", i, want[i], v)
			}
		}
	}
	dense := append(New()[:HdrSize:HdrSize], make([]byte, DenseSize-HdrSize)...)
	dense[4] = Dense
	sparse := New()
	relErr := 1.04 / math.Sqrt(Registers)
	seed := rng.Uint64()
	var ele [8]byte
	for j, checkpoint := uint64(1), uint64(1); j <= 10000000; j++ {
		binary.LittleEndian.PutUint64(ele[:], j^seed)
		dense, _ = Add(dense, ele[:], maxSparse)
		sparse, _ = Add(sparse, ele[:], maxSparse)
		if j != checkpoint {
			continue
		}
		if int64(j) < maxSparse/2 && sparse[4] != Sparse {
			return "TESTFAILED sparse encoding not used"
		}
		cd, _ := Count(dense)
		if cs, _ := Count(sparse); cd != cs {
			return "TESTFAILED dense/sparse disagree"
		}
		maxErr := uint64(math.Ceil(relErr * 6 * float64(checkpoint)))
		if j == 10 {
			maxErr = 1
		}
		absErr := max(checkpoint, cd) - min(checkpoint, cd)
		if absErr > maxErr {
			return fmt.Sprintf("TESTFAILED Too big error. card:%d abserr:%d", checkpoint, absErr)
		}
		checkpoint *= 10
	}
	return ""
}
