// set.go holds the set values, in Redis 7.0's two encodings: an intset
// (packedIntset, internal/intset) while every member is an integer and there
// are at most set-max-intset-entries of them, else a hashtable (*hashSet,
// internal/dict); a set never goes back to an intset once converted, except
// when SPOP builds it anew as Redis does. Both are the value model's
// objects for sets (TYPE, OBJECT ENCODING, COPY, the log rewrite, the
// semicolon protocol's GET). An intset never changes, so the operations
// here return the set to store, which is a new one when an intset changed
// or was converted.
package main

import (
	"math/rand/v2"
	"strconv"

	"nosql/internal/dict"
	"nosql/internal/intset"
)

// maxIntsetCap is Redis 7.0's cap on set-max-intset-entries.
const maxIntsetCap = 1 << 30

// setObject is a set value in either encoding.
type setObject interface {
	object
	// Len is the number of members.
	Len() int
	// Has reports whether m is a member.
	Has(m string) bool
	// At returns member i (0 <= i < Len) in the set's order: ascending
	// for an intset.
	At(i int) string
}

// intsetLimit is the largest intset set-max-intset-entries allows.
func intsetLimit(e *encodingLimits) int {
	return int(min(max(e.setMaxIntsetEntries, 0), maxIntsetCap))
}

// packedIntset is the intset encoding of a set value: one pointer, so a
// set of a few integers costs one allocation of its bytes.
type packedIntset struct{ intset.Packed }

// Len returns the number of members.
func (pk packedIntset) Len() int { return pk.Ints().Len() }

// Has reports whether m, an integer in canonical form, is a member.
func (pk packedIntset) Has(m string) bool {
	v, ok := parseCanonicalInt(m)
	return ok && pk.Ints().Has(v)
}

// At returns the i'th member in the intset's order (ascending).
func (pk packedIntset) At(i int) string { return strconv.FormatInt(pk.Ints().At(i), 10) }

// hashSet is the hashtable encoding of a set value.
type hashSet struct{ dict.Set }

// newHashSet returns an empty hashSet sized for n members.
func newHashSet(n int) *hashSet { return &hashSet{dict.NewSet(n)} }

// toHashSet converts is to a hashtable sized for extra more members.
func toHashSet(is intset.Set, extra int) *hashSet {
	h := newHashSet(is.Len() + extra)
	for i := range is.Len() {
		h.Add(strconv.FormatInt(is.At(i), 10))
	}
	return h
}

// setAdd adds members (copied) to s (nil: a new set), converting an
// intset as Redis does (a member that is not an integer, or more than
// limit members), and returns the set and how many members were new.
func setAdd(s setObject, members [][]byte, limit int) (setObject, int) {
	h, isHash := s.(*hashSet)
	if !isHash {
		is := intsetOf(s)
		var stack [16]int64
		if vals, ok := parseInts64(members, stack[:0]); ok {
			merged, n := is.Merged(intset.SortedDistinct(vals))
			switch {
			case n == 0:
				return s, 0
			case is.Len()+n <= limit:
				return packedIntset{merged}, n
			}
		}
		h = toHashSet(is, len(members))
	}
	n := 0
	for _, m := range members {
		if !h.Has(bytesString(m)) && h.Add(string(m)) {
			n++
		}
	}
	return h, n
}

// intsetOf returns the intset of s, an intset or nil.
func intsetOf(s setObject) intset.Set {
	if pk, ok := s.(packedIntset); ok {
		return pk.Ints()
	}
	return ""
}

// parseInts64 appends members parsed as integers to dst, reporting
// whether all are.
func parseInts64(members [][]byte, dst []int64) ([]int64, bool) {
	for _, m := range members {
		v, ok := parseCanonicalInt(m)
		if !ok {
			return nil, false
		}
		dst = append(dst, v)
	}
	return dst, true
}

// setAddString adds one member (kept, not copied) to s (nil: a new set)
// and reports whether it was new.
func setAddString(s setObject, m string, limit int) (setObject, bool) {
	s, n := setAdd(s, [][]byte{[]byte(m)}, limit)
	return s, n > 0
}

// setRemove removes members from s and returns the set and how many were
// there.
func setRemove(s setObject, members [][]byte) (setObject, int) {
	if h, ok := s.(*hashSet); ok {
		n := 0
		for _, m := range members {
			if h.Remove(bytesString(m)) {
				n++
			}
		}
		return h, n
	}
	var stack [16]int64
	vals := stack[:0]
	for _, m := range members {
		if v, ok := parseCanonicalInt(m); ok {
			vals = append(vals, v)
		}
	}
	rest, n := intsetOf(s).Removed(vals)
	if n == 0 {
		return s, 0
	}
	return packedIntset{rest}, n
}

// setRandom returns a member chosen with the same chance for each (Len >
// 0).
func setRandom(s setObject) string { return s.At(rand.IntN(s.Len())) }

// setPop removes count (< Len) members chosen at random from s, appends
// them to dst, and returns the set left. When few members remain (as in
// Redis's SPOP: at most a fifth of count) the set is built anew from the
// remaining ones, taking the encoding a new set of them would take.
func setPop(s setObject, count int, limit int, dst []string) (setObject, []string) {
	remaining := s.Len() - count
	if h, ok := s.(*hashSet); ok {
		for range count {
			m := h.Random()
			h.Remove(m)
			dst = append(dst, m)
		}
	} else {
		is := intsetOf(s)
		drop := make([]bool, is.Len())
		for _, i := range randomIndexes(is.Len(), count) {
			drop[i] = true
			dst = append(dst, strconv.FormatInt(is.At(i), 10))
		}
		rest, _ := is.Without(drop)
		s = packedIntset{rest}
	}
	if remaining*5 <= count {
		s = setRebuilt(s, limit)
	}
	return s, dst
}

// setRebuilt returns a set of s's members encoded as a new set of them
// would be: an intset when all are integers and at most limit; else s
// itself (an intset, or a hashtable that a new set would be too).
func setRebuilt(s setObject, limit int) setObject {
	h, ok := s.(*hashSet)
	if !ok || h.Len() > limit {
		return s
	}
	vals := make([]int64, 0, h.Len())
	for i := range h.Len() {
		v, isInt := parseCanonicalInt(h.At(i))
		if !isInt {
			return s
		}
		vals = append(vals, v)
	}
	return packedIntset{intset.Pack(intset.SortedDistinct(vals))}
}

// randomIndexes returns k distinct indexes of [0, n) chosen at random
// (k <= n), in random order (SPOP, SRANDMEMBER and HRANDFIELD reply in
// it): a partial shuffle when k is a large part of n, else drawing until
// k are distinct, as Redis does, so the memory used is O(k) but for
// small n.
func randomIndexes(n, k int) []int {
	if k*3 > n {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		for i := range k {
			j := i + rand.IntN(n-i)
			idx[i], idx[j] = idx[j], idx[i]
		}
		return idx[:k]
	}
	seen := make(map[int]struct{}, k)
	out := make([]int, 0, k)
	for len(out) < k {
		i := rand.IntN(n)
		if _, dup := seen[i]; !dup {
			seen[i] = struct{}{}
			out = append(out, i)
		}
	}
	return out
}

// setBuilder collects the members of a new set (SINTERSTORE and the
// other set operations), then encodes it as Redis's would be.
type setBuilder struct {
	h      *hashSet
	allInt bool
}

func newSetBuilder(n int) *setBuilder { return &setBuilder{h: newHashSet(n), allInt: true} }

// add adds m (kept, not copied).
func (b *setBuilder) add(m string) {
	if b.h.Add(m) && b.allInt {
		_, b.allInt = parseCanonicalInt(m)
	}
}

// remove removes m.
func (b *setBuilder) remove(m string) { b.h.Remove(m) }

// done returns the set built: an intset when every member ever added is
// an integer and there are at most limit members, unless forceHT (the
// set was at some point too large to be one).
func (b *setBuilder) done(limit int, forceHT bool) setObject {
	if !b.allInt || forceHT {
		return b.h
	}
	return setRebuilt(b.h, limit)
}

// The sets as objects.

func (pk packedIntset) typeName() string { return "set" }
func (h *hashSet) typeName() string      { return "set" }
func (pk packedIntset) encoding() string { return "intset" }
func (h *hashSet) encoding() string      { return "hashtable" }
func (pk packedIntset) clone() object    { return pk } // never changes
func (h *hashSet) clone() object         { return &hashSet{h.Clone()} }

func (pk packedIntset) rewrite(key string, emit func(args ...string) error) error {
	return rewriteSet(pk, key, emit)
}

func (h *hashSet) rewrite(key string, emit func(args ...string) error) error {
	return rewriteSet(h, key, emit)
}

func (pk packedIntset) appendText(dst []byte) []byte { return appendPySet(dst, pk) }
func (h *hashSet) appendText(dst []byte) []byte      { return appendPySet(dst, h) }

// rewriteSet emits SADD in groups of rewriteItemsPerOp members.
func rewriteSet(s setObject, key string, emit func(args ...string) error) error {
	args := make([]string, 0, min(s.Len(), rewriteItemsPerOp)+2)
	for i := 0; i < s.Len(); i += rewriteItemsPerOp {
		args = append(args[:0], "SADD", key)
		for j := i; j < min(i+rewriteItemsPerOp, s.Len()); j++ {
			args = append(args, s.At(j))
		}
		if err := emit(args...); err != nil {
			return err
		}
	}
	return nil
}

// appendPySet writes s as Python prints a set of str: {'a', 'b'}, or
// set() when empty.
func appendPySet(dst []byte, s setObject) []byte {
	if s.Len() == 0 {
		return append(dst, "set()"...)
	}
	dst = append(dst, '{')
	for i := range s.Len() {
		if i > 0 {
			dst = append(dst, ',', ' ')
		}
		dst = appendPyRepr(dst, s.At(i))
	}
	return append(dst, '}')
}
