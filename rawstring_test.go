// rawstring_test.go checks the raw string kind: how it grows, that bytes
// handed out never change (copy on write), and that APPEND, SETRANGE,
// SETBIT and BITFIELD change a string in place instead of copying it.
package main

import (
	"bytes"
	"strings"
	"testing"

	"nosql/internal/bitmap"
)

func TestRawStringExtend(t *testing.T) {
	tests := []struct {
		name      string
		len, cap  int
		n         int
		limit     int64
		wantGrew  bool
		wantCap   int // 0: capacity unchanged
		wantAlloc bool
	}{
		{name: "within-length", len: 10, cap: 16, n: 4, limit: 100, wantGrew: false},
		{name: "within-capacity", len: 10, cap: 16, n: 16, limit: 100, wantGrew: true},
		{name: "doubles", len: 10, cap: 16, n: 17, limit: 100, wantGrew: true, wantCap: 32, wantAlloc: true},
		{name: "jump-exact", len: 10, cap: 16, n: 90, limit: 100, wantGrew: true, wantCap: 90, wantAlloc: true},
		{name: "limit", len: 60, cap: 60, n: 70, limit: 100, wantGrew: true, wantCap: 100, wantAlloc: true},
		{name: "past-limit", len: 60, cap: 60, n: 120, limit: 100, wantGrew: true, wantCap: 120, wantAlloc: true},
		{name: "quarter-above-1MiB", len: 1 << 20, cap: 1 << 20, n: 1<<20 + 1, limit: 1 << 30, wantGrew: true, wantCap: 1<<20 + 1<<18, wantAlloc: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := make([]byte, tt.len, tt.cap)
			for i := range b {
				b[i] = 'a'
			}
			r := &rawString{b: b}
			first := &r.b[0]
			if grew := r.extend(tt.n, tt.limit); grew != tt.wantGrew {
				t.Errorf("extend(%d) grew = %v, want %v", tt.n, grew, tt.wantGrew)
			}
			if want := max(tt.len, tt.n); len(r.b) != want {
				t.Errorf("len %d, want %d", len(r.b), want)
			}
			if tt.wantCap != 0 && cap(r.b) != tt.wantCap {
				t.Errorf("cap %d, want %d", cap(r.b), tt.wantCap)
			}
			if moved := &r.b[0] != first; moved != tt.wantAlloc {
				t.Errorf("reallocated = %v, want %v", moved, tt.wantAlloc)
			}
			if want := strings.Repeat("a", tt.len) + strings.Repeat("\x00", len(r.b)-tt.len); string(r.b) != want {
				t.Errorf("bytes are not the old ones zero-padded")
			}
		})
	}
}

// TestRawStringCopyOnWrite: bytes kept (a reply), shared (COPY, the
// rewrite's snapshot) or borrowed from a packed string are copied before
// the first write, and only then.
func TestRawStringCopyOnWrite(t *testing.T) {
	r := &rawString{b: []byte("hello")}
	kept := r.keep()
	r.extend(5, 100)
	r.b[0] = 'j'
	if kept != "hello" || string(r.b) != "jello" {
		t.Fatalf("kept %q, now %q: want hello, jello", kept, r.b)
	}
	first := &r.b[0]
	r.extend(5, 100)
	r.b[1] = 'a'
	if &r.b[0] != first {
		t.Error("a string no longer shared was copied again")
	}

	c := r.clone().(*rawString)
	r.extend(7, 100)
	copy(r.b[5:], "!!")
	c.extend(6, 100)
	c.b[5] = '?'
	if string(r.b) != "jallo!!" || string(c.b) != "jallo?" {
		t.Errorf("original %q, clone %q: want jallo!!, jallo?", r.b, c.b)
	}

	packed := strings.Repeat("p", 3)
	s := sharedRaw(packed)
	s.extend(3, 100)
	s.b[0] = 'q'
	if packed != "ppp" || string(s.b) != "qpp" {
		t.Errorf("packed %q, raw %q: want ppp, qpp", packed, s.b)
	}
}

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
		if r := rawOf(s, "k"); r != nil && &r.b[0] != last {
			moves, last = moves+1, &r.b[0]
		}
	}
	r := rawOf(s, "k")
	if r == nil || len(r.b) != appends*len(chunk) {
		t.Fatalf("after %d appends: raw %v", appends, r != nil)
	}
	t.Logf("%d appends of %d bytes: %d reallocations, capacity %d for %d bytes", appends, len(chunk), moves, cap(r.b), len(r.b))
	if moves > 40 {
		t.Errorf("%d appends reallocated the string %d times", appends, moves)
	}
	if c := cap(r.b); c > len(r.b)+len(r.b)/4+len(chunk) {
		t.Errorf("capacity %d for %d bytes: more than a quarter of slack", c, len(r.b))
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
	first := &r.b[0]
	for _, op := range ops {
		var err error
		s.do(func(d *DB) { err = op.fn(d) })
		if err != nil {
			t.Fatalf("%s: %v", op.name, err)
		}
		if r2 := rawOf(s, "k"); r2 != r || &r.b[0] != first {
			t.Errorf("%s copied the string", op.name)
		}
	}
	v, _, _ := s.GetString([]byte("k"))
	if v[12345:12347] != "XY" || v[777] != chunk[777%10]|0x80 || v[999] != 'Z' {
		t.Errorf("writes not seen: %q %q %q", v[12345:12347], v[777], v[999])
	}
}
