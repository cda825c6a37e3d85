// hashset.go holds hashSet, the hashtable encoding of a set: a chained
// hash table whose members live densely in one slice (so a random member
// is one index away, and iteration is a walk of the slice) and whose
// power-of-two bucket array is scanned with Redis's reverse-binary cursor,
// so SSCAN returns every member present for a whole iteration at least
// once even when the table grows or shrinks between calls.
package main

import (
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
)

const minBuckets = 4 // Redis's DICT_HT_INITIAL_SIZE

// hashSet is a set of strings.
type hashSet struct {
	seed    maphash.Seed
	buckets []int32   // 1 + the index in entries of the bucket's first entry; 0: empty
	entries []hsEntry // the members, in no particular order
}

// hsEntry is one member and its place in its bucket's chain.
type hsEntry struct {
	member string
	hash   uint32 // low bits of the member's hash; the bucket is hash & mask
	next   int32  // 1 + the index of the next entry of the bucket; 0: the last
}

// newHashSet returns an empty hashSet sized for n members.
func newHashSet(n int) *hashSet {
	h := &hashSet{seed: maphash.MakeSeed(), entries: make([]hsEntry, 0, n)}
	h.rebucket(bucketsFor(n))
	return h
}

// bucketsFor is the number of buckets for n members: the smallest power
// of two holding them at one per bucket, at least minBuckets.
func bucketsFor(n int) int {
	if n <= minBuckets {
		return minBuckets
	}
	return 1 << bits.Len(uint(n-1))
}

// Len is the number of members.
func (h *hashSet) Len() int { return len(h.entries) }

// At returns member i (0 <= i < Len) in the set's own order.
func (h *hashSet) At(i int) string { return h.entries[i].member }

// Random returns a member chosen with the same chance for each (Len > 0).
func (h *hashSet) Random() string { return h.entries[rand.IntN(len(h.entries))].member }

func (h *hashSet) hashOf(m string) uint32 { return uint32(maphash.String(h.seed, m)) }

// find returns the index of m's entry, or -1.
func (h *hashSet) find(m string, hash uint32) int {
	for p := h.buckets[int(hash)&(len(h.buckets)-1)]; p != 0; {
		e := &h.entries[p-1]
		if e.hash == hash && e.member == m {
			return int(p - 1)
		}
		p = e.next
	}
	return -1
}

// Has reports whether m is a member.
func (h *hashSet) Has(m string) bool { return h.find(m, h.hashOf(m)) >= 0 }

// Add adds m (which it keeps: the caller must not change it) and reports
// whether it was new.
func (h *hashSet) Add(m string) bool {
	hash := h.hashOf(m)
	if h.find(m, hash) >= 0 {
		return false
	}
	if len(h.entries) >= len(h.buckets) {
		h.rebucket(2 * len(h.buckets))
	}
	b := int(hash) & (len(h.buckets) - 1)
	h.entries = append(h.entries, hsEntry{member: m, hash: hash, next: h.buckets[b]})
	h.buckets[b] = int32(len(h.entries))
	return true
}

// Remove removes m and reports whether it was a member. The last entry
// moves into the hole, so entries stay dense; a table left less than a
// tenth full shrinks, as Redis's does.
func (h *hashSet) Remove(m string) bool {
	hash := h.hashOf(m)
	link := &h.buckets[int(hash)&(len(h.buckets)-1)]
	for *link != 0 {
		e := &h.entries[*link-1]
		if e.hash == hash && e.member == m {
			i := int(*link - 1)
			*link = e.next
			h.fill(i)
			return true
		}
		link = &e.next
	}
	return false
}

// fill moves the last entry into the unlinked entry i and drops the last.
func (h *hashSet) fill(i int) {
	last := len(h.entries) - 1
	if i != last {
		e := h.entries[last]
		link := &h.buckets[int(e.hash)&(len(h.buckets)-1)]
		for int(*link) != last+1 {
			link = &h.entries[*link-1].next
		}
		*link = int32(i + 1)
		h.entries[i] = e
	}
	h.entries[last] = hsEntry{}
	h.entries = h.entries[:last]
	if len(h.buckets) > minBuckets && len(h.entries)*10 < len(h.buckets) {
		h.entries = append(make([]hsEntry, 0, len(h.entries)), h.entries...)
		h.rebucket(bucketsFor(len(h.entries)))
	}
}

// rebucket rebuilds the chains over n buckets (a power of two).
func (h *hashSet) rebucket(n int) {
	h.buckets = make([]int32, n)
	mask := n - 1
	for i := range h.entries {
		e := &h.entries[i]
		b := int(e.hash) & mask
		e.next, h.buckets[b] = h.buckets[b], int32(i+1)
	}
}

// Scan calls fn for the members of the bucket cursor names and returns
// the next cursor, 0 after the last bucket. The cursor counts in
// reversed-bit order, as Redis's dictScan does: a bucket's members go
// together to the same bucket, or to buckets scanned later, whether the
// table doubles or halves between calls.
func (h *hashSet) Scan(cursor uint64, fn func(m string)) uint64 {
	mask := uint64(len(h.buckets) - 1)
	for p := h.buckets[cursor&mask]; p != 0; p = h.entries[p-1].next {
		fn(h.entries[p-1].member)
	}
	cursor |= ^mask
	return bits.Reverse64(bits.Reverse64(cursor) + 1)
}

// Clone returns an independent copy (members are immutable strings and
// are shared).
func (h *hashSet) Clone() *hashSet {
	return &hashSet{seed: h.seed, buckets: append([]int32(nil), h.buckets...), entries: append([]hsEntry(nil), h.entries...)}
}
