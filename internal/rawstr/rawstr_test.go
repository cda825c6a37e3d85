// rawstr_test.go checks how a Buf grows (doubling, a quarter past 1 MiB,
// the limit) and that bytes handed out never change (copy on write).
package rawstr

import (
	"strings"
	"testing"
)

func TestExtend(t *testing.T) {
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
			r := &Buf{B: b}
			first := &r.B[0]
			if grew := r.Extend(tt.n, tt.limit); grew != tt.wantGrew {
				t.Errorf("Extend(%d) grew = %v, want %v", tt.n, grew, tt.wantGrew)
			}
			if want := max(tt.len, tt.n); len(r.B) != want {
				t.Errorf("len %d, want %d", len(r.B), want)
			}
			if tt.wantCap != 0 && cap(r.B) != tt.wantCap {
				t.Errorf("cap %d, want %d", cap(r.B), tt.wantCap)
			}
			if moved := &r.B[0] != first; moved != tt.wantAlloc {
				t.Errorf("reallocated = %v, want %v", moved, tt.wantAlloc)
			}
			if want := strings.Repeat("a", tt.len) + strings.Repeat("\x00", len(r.B)-tt.len); string(r.B) != want {
				t.Errorf("bytes are not the old ones zero-padded")
			}
		})
	}
}

// TestCopyOnWrite: bytes kept (a reply), shared (COPY, the
// rewrite's snapshot) or borrowed from a packed string are copied before
// the first write, and only then.
func TestCopyOnWrite(t *testing.T) {
	r := &Buf{B: []byte("hello")}
	kept := r.Keep()
	r.Extend(5, 100)
	r.B[0] = 'j'
	if kept != "hello" || string(r.B) != "jello" {
		t.Fatalf("kept %q, now %q: want hello, jello", kept, r.B)
	}
	first := &r.B[0]
	r.Extend(5, 100)
	r.B[1] = 'a'
	if &r.B[0] != first {
		t.Error("a string no longer shared was copied again")
	}

	c := r.Share()
	r.Extend(7, 100)
	copy(r.B[5:], "!!")
	c.Extend(6, 100)
	c.B[5] = '?'
	if string(r.B) != "jallo!!" || string(c.B) != "jallo?" {
		t.Errorf("original %q, clone %q: want jallo!!, jallo?", r.B, c.B)
	}

	packed := strings.Repeat("p", 3)
	s := FromString(packed)
	s.Extend(3, 100)
	s.B[0] = 'q'
	if packed != "ppp" || string(s.B) != "qpp" {
		t.Errorf("packed %q, raw %q: want ppp, qpp", packed, s.B)
	}
}
