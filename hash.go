// hash.go holds Hash, the value of a hash key, in one of Redis's two
// encodings: small hashes as a pairlist (internal/pairlist: its pairs in
// one string, in insertion order), converted to a dict (internal/dict)
// once they outgrow hash-max-listpack-entries or hold a string longer
// than hash-max-listpack-value. Neither is converted back, as in Redis.
package main

import (
	"slices"
	"strings"

	"nosql/internal/dict"
	"nosql/internal/pairlist"
)

// Hash is a hash value.
type Hash struct {
	lp pairlist.List      // the compact encoding, while ht is nil
	ht *dict.Dict[string] // the hashtable encoding; nil while compact
}

// Len returns the number of fields.
func (h *Hash) Len() int {
	if h.ht != nil {
		return h.ht.Len()
	}
	return h.lp.Len()
}

// Get returns field's value.
func (h *Hash) Get(field string) (string, bool) {
	if h.ht != nil {
		return h.ht.Get(field)
	}
	return h.lp.Get(field)
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
	h.lp.Each(fn)
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
		h.lp, added, done = h.lp.Set(pairs, lim.entries)
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
	var removed int
	h.lp, removed = h.lp.Delete(namedFields(fields))
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

// convert moves the compact encoding's pairs into a new hashtable. It
// copies the pairlist first: a packed hash's is a view of its table's
// chunk (value.go), which the hashtable's strings would keep alive.
func (h *Hash) convert() {
	lp := pairlist.List(strings.Clone(string(h.lp)))
	d := dict.New[string](lp.Len())
	lp.Each(func(f, v string) bool {
		d.Set(f, v) // substrings of the copy: shared, never changed
		return true
	})
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
