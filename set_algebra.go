// set_algebra.go holds the set operations behind SINTER, SINTERCARD,
// SUNION and SDIFF (and their STORE forms), computed over the sets of the
// keys named (nil for a missing key) as Redis 7.0 computes them, down to
// the encoding of the result and so the order it is answered in.
package main

import (
	"cmp"
	"slices"
)

// interEach calls fn with each member common to sets (none nil), in the
// order of the smallest set (the first named of the smallest), until fn
// returns false.
func interEach(sets []setObject, fn func(m string) bool) {
	sorted := slices.Clone(sets)
	slices.SortStableFunc(sorted, func(a, b setObject) int { return cmp.Compare(a.Len(), b.Len()) })
	first := sorted[0]
next:
	for i := range first.Len() {
		m := first.At(i)
		for _, s := range sorted[1:] {
			if s != first && !s.Has(m) {
				continue next
			}
		}
		if !fn(m) {
			return
		}
	}
}

// interOf returns the intersection of sets as a new set; empty when one
// is missing.
func interOf(sets []setObject, limit int) setObject {
	if slices.Contains(sets, nil) {
		return packedIntset{}
	}
	b := newSetBuilder(0)
	interEach(sets, func(m string) bool { b.add(m); return true })
	return b.done(limit, false)
}

// unionOf returns the union of sets as a new set.
func unionOf(sets []setObject, limit int) setObject {
	n := 0
	for _, s := range sets {
		if s != nil {
			n = max(n, s.Len())
		}
	}
	b := newSetBuilder(n)
	for _, s := range sets {
		for i := range setLen(s) {
			b.add(s.At(i))
		}
	}
	return b.done(limit, false)
}

// setLen is s's size, 0 for a missing set.
func setLen(s setObject) int {
	if s == nil {
		return 0
	}
	return s.Len()
}

// diffOf returns the members of the first set in none of the others, as
// a new set. Like Redis it picks one of two ways by the work each takes:
// testing each member of the first set against the others, or copying
// the first set and removing the others' members; the second leaves a
// hashtable when the copy was too large for an intset, whatever remains.
func diffOf(sets []setObject, limit int) setObject {
	first := sets[0]
	if first == nil || slices.Contains(sets[1:], first) {
		return packedIntset{}
	}
	one, two := 0, 0
	for _, s := range sets {
		if s != nil {
			one += first.Len()
			two += s.Len()
		}
	}
	b := newSetBuilder(0)
	if one/2 <= two {
	next:
		for i := range first.Len() {
			m := first.At(i)
			for _, s := range sets[1:] {
				if s != nil && s.Has(m) {
					continue next
				}
			}
			b.add(m)
		}
		return b.done(limit, false)
	}
	for i := range first.Len() {
		b.add(first.At(i))
	}
	tooBig := b.h.Len() > limit
	for _, s := range sets[1:] {
		for i := range setLen(s) {
			b.remove(s.At(i))
		}
	}
	return b.done(limit, tooBig)
}
