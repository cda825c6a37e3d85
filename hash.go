// hash.go holds Hash, the value of a hash key, in one of Redis's two
// encodings: small hashes as a listpack-like string (a count, then each
// field and its value, each prefixed by its length, in insertion order:
// one allocation, no pointers for the garbage collector), converted to a
// dict (internal/dict) once they outgrow hash-max-listpack-entries or hold a string longer
// than hash-max-listpack-value. Neither is converted back, as in Redis.
// The listpack string is never changed in place (a write builds a new
// one), so strings read from it stay valid after the lock is released.
package main

import (
	"encoding/binary"
	"slices"
	"strings"

	"nosql/internal/dict"
)

// Hash is a hash value.
type Hash struct {
	lp string             // the listpack encoding, while ht is nil: see lpCount
	ht *dict.Dict[string] // the hashtable encoding; nil while compact
}

// lpCount returns the number of pairs of a listpack, written first.
func lpCount(lp string) int {
	n, _ := uvarint(lp)
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

// lpIter walks a listpack's pairs in order.
type lpIter struct {
	lp  string
	off int
}

// newLPIter returns an iterator at the first pair of lp.
func newLPIter(lp string) lpIter {
	_, n := uvarint(lp)
	return lpIter{lp: lp, off: n}
}

// next returns the next pair, or false past the last.
func (it *lpIter) next() (field, val string, ok bool) {
	if it.off >= len(it.lp) {
		return "", "", false
	}
	field = it.str()
	return field, it.str(), true
}

// str reads one length-prefixed string.
func (it *lpIter) str() string {
	n, k := uvarint(it.lp[it.off:])
	it.off += k
	s := it.lp[it.off : it.off+int(n)]
	it.off += int(n)
	return s
}

// appendLPStr appends s with its length prefix.
func appendLPStr(dst []byte, s string) []byte {
	return append(binary.AppendUvarint(dst, uint64(len(s))), s...)
}

// lpScratch is the size of the buffer a listpack is built in on the stack.
const lpScratch = 512

// lpEmpty is the listpack of no pairs.
const lpEmpty = "\x00"

// lpBuild makes a listpack of count pairs from an encoded body, in one
// allocation of its exact size.
func lpBuild(count int, body []byte) string {
	var hdr [binary.MaxVarintLen64]byte
	h := binary.PutUvarint(hdr[:], uint64(count))
	var b strings.Builder
	b.Grow(h + len(body))
	b.Write(hdr[:h])
	b.Write(body)
	return b.String()
}

// Len returns the number of fields.
func (h *Hash) Len() int {
	if h.ht != nil {
		return h.ht.Len()
	}
	return lpCount(h.lp)
}

// Get returns field's value.
func (h *Hash) Get(field string) (string, bool) {
	if h.ht != nil {
		return h.ht.Get(field)
	}
	it := newLPIter(h.lp)
	for f, v, ok := it.next(); ok; f, v, ok = it.next() {
		if f == field {
			return v, true
		}
	}
	return "", false
}

// Each calls fn with every field and value, in the encoding's order
// (insertion order while compact), until fn returns false.
func (h *Hash) Each(fn func(field, val string) bool) {
	if h.ht != nil {
		for i := 0; i < h.ht.Len(); i++ {
			if !fn(h.ht.At(i)) {
				return
			}
		}
		return
	}
	it := newLPIter(h.lp)
	for f, v, ok := it.next(); ok; f, v, ok = it.next() {
		if !fn(f, v) {
			return
		}
	}
}

// hashLimits are the thresholds past which a hash leaves the listpack.
type hashLimits struct{ entries, value int64 }

// tooLong reports whether a string of n bytes forces the hashtable.
func (l hashLimits) tooLong(n int) bool { return int64(n) > l.value }

// SetPairs sets fields to values (pairs alternate field, value; a field
// named twice takes its last value) and returns how many fields are new.
// Like Redis's HSET (and HINCRBY's one field) it first converts a
// listpack to a hashtable when any string is longer than the value limit,
// and converts it as soon as it has more fields than the entries limit.
func (h *Hash) SetPairs(pairs [][]byte, lim hashLimits) int {
	if h.ht == nil && slices.ContainsFunc(pairs, func(a []byte) bool { return lim.tooLong(len(a)) }) {
		h.convert()
	}
	added := 0
	if h.ht == nil {
		var done int
		added, done = h.setLP(pairs, lim.entries)
		pairs = pairs[done:]
		if int64(h.Len()) > lim.entries {
			h.convert()
		}
	}
	for i := 0; h.ht != nil && i < len(pairs); i += 2 {
		if h.ht.Set(string(pairs[i]), string(pairs[i+1])) {
			added++
		}
	}
	return added
}

// setLP rebuilds the listpack with pairs applied, until it holds more
// than maxEntries fields: an existing field keeps its place and takes its
// new value, a new one goes to the end. It returns how many fields are
// new and how many arguments of pairs it used. The listpack is built in a
// scratch buffer (on the stack when small) and copied once into a string
// of its exact size, so a write leaves no garbage but the old listpack.
func (h *Hash) setLP(pairs [][]byte, maxEntries int64) (added, used int) {
	var scratch [lpScratch]byte
	_, hn := uvarint(h.lp)
	body := append(scratch[:0], h.lp[hn:]...)
	count := lpCount(h.lp)
	for used < len(pairs) && int64(count) <= maxEntries {
		var found bool
		f, v := pairs[used], pairs[used+1]
		if body, found = lpReplace(body, f, v); !found {
			body = appendLPStr(appendLPStr(body, bytesString(f)), bytesString(v))
			count++
			added++
		}
		used += 2
	}
	h.lp = lpBuild(count, body)
	return added, used
}

// lpReplace replaces field's value in a listpack body, in place when
// the body has room, reporting whether field is there.
func lpReplace(body, field, val []byte) ([]byte, bool) {
	it := lpIter{lp: bytesString(body)}
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

// Delete removes fields and returns how many were there.
func (h *Hash) Delete(fields [][]byte) int {
	if h.ht != nil {
		n := 0
		for _, f := range fields {
			if h.ht.Delete(bytesString(f)) {
				n++
			}
		}
		return n
	}
	named := namedFields(fields)
	var scratch [lpScratch]byte
	body := scratch[:0]
	count, removed := 0, 0
	it := newLPIter(h.lp)
	for f, v, ok := it.next(); ok; f, v, ok = it.next() {
		if named(f) {
			removed++
			continue
		}
		body = appendLPStr(appendLPStr(body, f), v)
		count++
	}
	if removed > 0 {
		h.lp = lpBuild(count, body)
	}
	return removed
}

// namedFields returns a test of whether a field is one of fields: a scan of
// a few, a set of many.
func namedFields(fields [][]byte) func(string) bool {
	if len(fields) <= 8 {
		return func(f string) bool {
			return slices.ContainsFunc(fields, func(x []byte) bool { return bytesString(x) == f })
		}
	}
	set := make(map[string]struct{}, len(fields))
	for _, x := range fields {
		set[bytesString(x)] = struct{}{}
	}
	return func(f string) bool {
		_, ok := set[f]
		return ok
	}
}

// convert moves a listpack's pairs into a new hashtable.
func (h *Hash) convert() {
	n := lpCount(h.lp)
	d := dict.New[string](n)
	it := newLPIter(h.lp)
	for f, v, ok := it.next(); ok; f, v, ok = it.next() {
		d.Set(f, v) // substrings of the listpack: shared, never changed
	}
	h.ht, h.lp = d, ""
}

// The Hash as an object.

func (h *Hash) typeName() string { return "hash" }

func (h *Hash) encoding() string {
	if h.ht != nil {
		return "hashtable"
	}
	return "listpack"
}

func (h *Hash) clone() object {
	if h.ht != nil {
		return &Hash{ht: h.ht.Clone()}
	}
	return &Hash{lp: h.lp}
}

// appendText writes the hash as Python prints a dict of str.
func (h *Hash) appendText(dst []byte) []byte {
	dst = append(dst, '{')
	first := true
	h.Each(func(f, v string) bool {
		if !first {
			dst = append(dst, ',', ' ')
		}
		first = false
		dst = append(appendPyRepr(dst, f), ':', ' ')
		dst = appendPyRepr(dst, v)
		return true
	})
	return append(dst, '}')
}

// rewrite emits HSET with at most rewriteItemsPerOp pairs per record, as
// Redis writes hashes (with HMSET).
func (h *Hash) rewrite(key string, emit func(args ...string) error) error {
	args := make([]string, 0, 2*min(h.Len(), rewriteItemsPerOp)+2)
	var err error
	h.Each(func(f, v string) bool {
		if len(args) == 0 {
			args = append(args, "HSET", key)
		}
		args = append(args, f, v)
		if len(args) == 2*rewriteItemsPerOp+2 {
			err = emit(args...)
			args = args[:0]
		}
		return err == nil
	})
	if err == nil && len(args) > 0 {
		err = emit(args...)
	}
	return err
}
