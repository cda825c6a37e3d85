// hll_test.go checks the sparse encoding against the dense one on fuzzed
// values.
package hll

import (
	"bytes"
	"slices"
	"testing"
)

// FuzzSparseDense adds elements to a valid sparse value and to its dense
// form: the registers stay the same.
func FuzzSparseDense(f *testing.F) {
	f.Add([]byte("HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x7f\xff"), []byte("a,b,c"), uint16(3000))
	f.Add([]byte("HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x3f\xff\x80\x7f\xbf"), []byte("x,y"), uint16(20))
	f.Add([]byte("HYLL\x01\x0000000000000###000\x7f"), []byte("0"), uint16(2925))
	f.Fuzz(func(t *testing.T, value, elems []byte, maxSparse uint16) {
		checkSparseDense(t, value, bytes.Split(elems, []byte(",")), int64(maxSparse))
	})
}

// checkSparseDense adds els to a valid sparse value and to its dense
// form and compares the registers.
func checkSparseDense(t *testing.T, value []byte, els [][]byte, maxSparse int64) {
	if !Valid(value) || value[4] != Sparse {
		return
	}
	var h [64]int
	if !histo(value, &h) || !wholeOpcodes(value) {
		return // corrupt, or its last XZERO is cut short (then Redis reads past it)
	}
	sparse := slices.Clone(value)
	dense, _ := ToDense(slices.Clone(value))
	for _, e := range els {
		var r1, r2 int
		sparse, r1 = Add(sparse, e, maxSparse)
		dense, r2 = Add(dense, e, maxSparse)
		if r1 != r2 {
			t.Fatalf("adding %q: sparse %d, dense %d", e, r1, r2)
		}
	}
	var a, b [Registers]uint8
	if !Merge(&a, sparse) || !Merge(&b, dense) || a != b {
		t.Fatalf("sparse and dense registers differ after adding %q", els)
	}
}

// wholeOpcodes reports whether b's sparse opcodes end at its end.
func wholeOpcodes(b []byte) bool {
	p := HdrSize
	for p < len(b) {
		_, _, n := sparseOp(b, p)
		p += n
	}
	return p == len(b)
}
