// rawstring.go holds rawString, the string kind that changes in place:
// what APPEND, SETRANGE, SETBIT, BITFIELD and BITOP write (Redis's raw
// encoding), and any string of bigString bytes or more. A write costs
// what it appends or changes, not the whole value. Bytes handed out to be
// kept (a reply queued by reference, COPY, the rewrite's snapshot) are
// marked shared, and the next write copies them first, so that what was
// handed out never changes.
package main

import "unsafe"

// bigString is the length from which a string is kept as a rawString even
// when written whole (SET): its object costs nothing beside it, and an
// in-place write to it need not copy it first.
const bigString = refMin

// rawDoubleBelow is the capacity below which a growing raw string doubles
// it; above, it grows by a quarter, so that its slack stays small.
const rawDoubleBelow = 1 << 20

// rawString is a string whose bytes change in place. Its shard's lock
// guards it.
type rawString struct {
	b      []byte
	shared bool // b is held elsewhere too: copy it before writing
}

func (r *rawString) typeName() string { return "string" }
func (r *rawString) encoding() string { return "raw" }

// clone shares r's bytes; both copies copy them before their next write.
func (r *rawString) clone() object {
	r.shared = true
	return &rawString{b: r.b[:len(r.b):len(r.b)], shared: true}
}

func (r *rawString) rewrite(key string, emit func(args ...string) error) error {
	return emit("SET", key, bytesString(r.b))
}

func (r *rawString) appendText(dst []byte) []byte { return appendEscaped(dst, r.b) }

// keep returns r's bytes as a string that never changes: they are marked
// shared, so the next write copies them first.
func (r *rawString) keep() string {
	r.shared = true
	return bytesString(r.b)
}

// sharedRaw returns a raw string that shares the bytes of s, a packed
// string (which never changes): its first write copies them.
func sharedRaw(s string) *rawString {
	return &rawString{b: unsafe.Slice(unsafe.StringData(s), len(s)), shared: true}
}

// extend makes r ready for a write: at least n bytes long, zero-padded,
// and its own (shared bytes are copied first). Past its capacity it grows
// to twice that (by a quarter from rawDoubleBelow), or to exactly n when
// n is further, never past limit (proto-max-bulk-len) unless n is. It
// reports whether the length changed.
func (r *rawString) extend(n int, limit int64) bool {
	old := len(r.b)
	n = max(n, old)
	switch {
	case n > cap(r.b):
		r.realloc(n, growCap(cap(r.b), n, limit))
	case r.shared:
		r.realloc(n, cap(r.b))
	default:
		r.b = r.b[:n]
		clear(r.b[old:])
	}
	return n != old
}

// realloc moves r's bytes into a new buffer of length n and capacity c.
func (r *rawString) realloc(n, c int) {
	b := make([]byte, n, c)
	copy(b, r.b)
	r.b, r.shared = b, false
}

// growCap is the capacity a raw string of capacity old takes to hold n
// bytes.
func growCap(old, n int, limit int64) int {
	c := 2 * old
	if old >= rawDoubleBelow {
		c = old + old/4
	}
	c = max(c, n)
	if int64(c) > limit {
		c = max(n, int(limit))
	}
	return c
}
