// Package rawstr holds Buf, a byte string that changes in place (Redis's
// raw encoding): a write costs what it appends or changes, not the whole
// value. Bytes handed out to be kept are marked shared, and the next write
// copies them first, so that what was handed out never changes.
package rawstr

import "unsafe"

// doubleBelow is the capacity below which a growing Buf doubles it; above,
// it grows by a quarter, so that its slack stays small.
const doubleBelow = 1 << 20

// Buf is a byte string whose bytes change in place. B may be read at any
// time; it is written only after Extend, which makes it the Buf's own.
type Buf struct {
	B      []byte
	shared bool // B is held elsewhere too: copy it before writing
}

// FromString returns a Buf that shares the bytes of s, a string that
// never changes: its first write copies them.
func FromString(s string) Buf {
	return Buf{B: unsafe.Slice(unsafe.StringData(s), len(s)), shared: true}
}

// Share returns a Buf sharing r's bytes; both copy them before their next
// write.
func (r *Buf) Share() Buf {
	r.shared = true
	return Buf{B: r.B[:len(r.B):len(r.B)], shared: true}
}

// Keep returns r's bytes as a string that never changes: they are marked
// shared, so the next write copies them first.
func (r *Buf) Keep() string {
	r.shared = true
	return unsafe.String(unsafe.SliceData(r.B), len(r.B))
}

// Extend makes r ready for a write: at least n bytes long, zero-padded,
// and its own (shared bytes are copied first). Past its capacity it grows
// to twice that (by a quarter from 1 MiB), or to exactly n when n is
// further, never past limit (proto-max-bulk-len) unless n is. It reports
// whether the length changed.
func (r *Buf) Extend(n int, limit int64) bool {
	old := len(r.B)
	n = max(n, old)
	switch {
	case n > cap(r.B):
		r.realloc(n, growCap(cap(r.B), n, limit))
	case r.shared:
		r.realloc(n, cap(r.B))
	default:
		r.B = r.B[:n]
		clear(r.B[old:])
	}
	return n != old
}

// realloc moves r's bytes into a new buffer of length n and capacity c.
func (r *Buf) realloc(n, c int) {
	b := make([]byte, n, c)
	copy(b, r.B)
	r.B, r.shared = b, false
}

// growCap is the capacity a Buf of capacity old takes to hold n bytes.
func growCap(old, n int, limit int64) int {
	c := 2 * old
	if old >= doubleBelow {
		c = old + old/4
	}
	c = max(c, n)
	if int64(c) > limit {
		c = max(n, int(limit))
	}
	return c
}
