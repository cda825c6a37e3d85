// Package pairlist is the compact encoding of a small hash (OBJECT
// ENCODING "listpack"): its fields and values in one string, a count,
// then each field and its value, each prefixed by its length, in
// insertion order: one allocation, no pointers for the garbage
// collector. A List never changes in place (a write builds a new one), so
// strings read from it stay valid after its owner's lock is released.
//
// It is a pure data structure: it takes no locks, writes no log and knows
// nothing of the server, its clients or its keyspace. Being a package of
// its own it cannot reach the server's state, and TestInternalImports
// (layout_test.go) keeps it from importing sync, log, os or net.
package pairlist

import (
	"encoding/binary"
	"slices"
	"strings"
	"unsafe"
)

// List is field/value pairs in one string. The zero value is not a List;
// Empty is the List of no pairs.
type List string

// Empty is the List of no pairs.
const Empty List = "\x00"

// scratch is the size of the buffer a List is built in on the stack.
const scratch = 512

// Len returns the number of pairs, written first.
func (l List) Len() int {
	n, _ := uvarint(string(l))
	return int(n)
}

// uvarint decodes the unsigned varint at the start of s and returns it
// with its size; 0, 0 for an empty s.
func uvarint(s string) (uint64, int) {
	var x uint64
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		b := s[i]
		if b < 0x80 {
			return x | uint64(b)<<(7*i), i + 1
		}
		x |= uint64(b&0x7f) << (7 * i)
	}
	return 0, 0
}

// iter walks a List's pairs in order.
type iter struct {
	lp  string
	off int
}

// newIter returns an iterator at the first pair of l.
func newIter(l List) iter {
	_, n := uvarint(string(l))
	return iter{lp: string(l), off: n}
}

// next returns the next pair, or false past the last.
func (it *iter) next() (field, val string, ok bool) {
	if it.off >= len(it.lp) {
		return "", "", false
	}
	field = it.str()
	return field, it.str(), true
}

// str reads one length-prefixed string.
func (it *iter) str() string {
	n, k := uvarint(it.lp[it.off:])
	it.off += k
	s := it.lp[it.off : it.off+int(n)]
	it.off += int(n)
	return s
}

// appendStr appends s with its length prefix.
func appendStr(dst []byte, s string) []byte {
	return append(binary.AppendUvarint(dst, uint64(len(s))), s...)
}

// build makes a List of count pairs from an encoded body, in one
// allocation of its exact size.
func build(count int, body []byte) List {
	var hdr [binary.MaxVarintLen64]byte
	h := binary.PutUvarint(hdr[:], uint64(count))
	var b strings.Builder
	b.Grow(h + len(body))
	b.Write(hdr[:h])
	b.Write(body)
	return List(b.String())
}

// Get returns field's value.
func (l List) Get(field string) (string, bool) {
	it := newIter(l)
	for f, v, ok := it.next(); ok; f, v, ok = it.next() {
		if f == field {
			return v, true
		}
	}
	return "", false
}

// Each calls fn with every field and value, in insertion order, until fn
// returns false. The strings are substrings of l.
func (l List) Each(fn func(field, val string) bool) {
	it := newIter(l)
	for f, v, ok := it.next(); ok; f, v, ok = it.next() {
		if !fn(f, v) {
			return
		}
	}
}

// Set returns l with pairs (alternately field and value) applied, until
// it holds more than maxEntries fields: an existing field keeps its place
// and takes its new value, a new one goes to the end. It also returns how
// many fields are new and how many arguments of pairs it used. The List
// is built in a scratch buffer (on the stack when small) and copied once
// into a string of its exact size, so a write leaves no garbage but the
// old List.
func (l List) Set(pairs [][]byte, maxEntries int64) (next List, added, used int) {
	var buf [scratch]byte
	_, hn := uvarint(string(l))
	body := append(buf[:0], l[hn:]...)
	count := l.Len()
	for used < len(pairs) && int64(count) <= maxEntries {
		var found bool
		f, v := pairs[used], pairs[used+1]
		if body, found = replace(body, f, v); !found {
			body = appendStr(appendStr(body, bytesString(f)), bytesString(v))
			count++
			added++
		}
		used += 2
	}
	return build(count, body), added, used
}

// replace replaces field's value in a List's body, in place when the
// body has room, reporting whether field is there.
func replace(body, field, val []byte) ([]byte, bool) {
	it := iter{lp: bytesString(body)}
	for it.off < len(it.lp) {
		f := it.str()
		at := it.off
		it.str()
		if f == bytesString(field) {
			var pre [binary.MaxVarintLen64]byte
			n := binary.PutUvarint(pre[:], uint64(len(val)))
			body = slices.Replace(body, at, it.off, pre[:n]...)
			return slices.Insert(body, at+n, val...), true
		}
	}
	return body, false
}

// Delete returns l without the fields named reports, and how many it
// removed; when none, l itself.
func (l List) Delete(named func(field string) bool) (List, int) {
	var buf [scratch]byte
	body := buf[:0]
	count, removed := 0, 0
	it := newIter(l)
	for f, v, ok := it.next(); ok; f, v, ok = it.next() {
		if named(f) {
			removed++
			continue
		}
		body = appendStr(appendStr(body, f), v)
		count++
	}
	if removed == 0 {
		return l, 0
	}
	return build(count, body), removed
}

// bytesString views b as a string without copying; b must not change
// while the string is in use.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
