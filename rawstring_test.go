// rawstring_test.go checks that APPEND, SETRANGE, SETBIT and BITFIELD
// change a raw string in place instead of copying it (how it grows and
// its copy on write are tested in internal/rawstr).
package main

import (
	"bytes"
	"testing"

	"nosql/internal/bitmap"
)

// rawOf returns the raw string key holds in tstore s, or nil.
func rawOf(s *tstore, key string) (r *rawString) {
	s.do(func(d *DB) {
		v, _ := d.Lookup([]byte(key))
		r = v.raw()
	})
	return r
}

// TestStoreWritesInPlace: 2,000 appends of 10 KiB reallocate the string
// a few dozen times, not 2,000; SETRANGE, SETBIT and BITFIELD inside a
// string do not reallocate it at all.
func TestStoreWritesInPlace(t *testing.T) {
	s := newTestStore(nil)
	chunk := bytes.Repeat([]byte("0123456789"), 1024)
	const appends = 2000
	moves := 0
	var last *byte
	for i := 0; i < appends; i++ {
		if _, err := s.Append([]byte("k"), chunk, 512<<20); err != nil {
			t.Fatal(err)
		}
		if r := rawOf(s, "k"); r != nil && &r.B[0] != last {
			moves, last = moves+1, &r.B[0]
		}
	}
	r := rawOf(s, "k")
	if r == nil || len(r.B) != appends*len(chunk) {
		t.Fatalf("after %d appends: raw %v", appends, r != nil)
	}
	t.Logf("%d appends of %d bytes: %d reallocations, capacity %d for %d bytes", appends, len(chunk), moves, cap(r.B), len(r.B))
	if moves > 40 {
		t.Errorf("%d appends reallocated the string %d times", appends, moves)
	}
	if c := cap(r.B); c > len(r.B)+len(r.B)/4+len(chunk) {
		t.Errorf("capacity %d for %d bytes: more than a quarter of slack", c, len(r.B))
	}

	ops := []struct {
		name string
		fn   func(d *DB) error
	}{
		{"SETRANGE", func(d *DB) error { _, err := d.SetRange([]byte("k"), 12345, []byte("XY"), 512<<20); return err }},
		{"SETBIT", func(d *DB) error { _, err := d.SetBit([]byte("k"), 8*777, 1, 512<<20); return err }},
		{"BITFIELD", func(d *DB) error {
			_, err := d.BitField([]byte("k"), []bitmap.FieldOp{{Op: bitmap.FieldSet, Type: bitmap.FieldType{Bits: 8}, Offset: 8 * 999, Arg: 'Z'}}, 512<<20)
			return err
		}},
	}
	first := &r.B[0]
	for _, op := range ops {
		var err error
		s.do(func(d *DB) { err = op.fn(d) })
		if err != nil {
			t.Fatalf("%s: %v", op.name, err)
		}
		if r2 := rawOf(s, "k"); r2 != r || &r.B[0] != first {
			t.Errorf("%s copied the string", op.name)
		}
	}
	v, _, _ := s.GetString([]byte("k"))
	if v[12345:12347] != "XY" || v[777] != chunk[777%10]|0x80 || v[999] != 'Z' {
		t.Errorf("writes not seen: %q %q %q", v[12345:12347], v[777], v[999])
	}
}
