// hashset.go holds hashSet, the hashtable encoding of a set: a dict
// (dict.go) whose values are empty, so a set's members get the same dense
// entries (a random member is one index away), the same shrinking, and
// the same reverse-binary SSCAN cursor as a hash's fields.
package main

// hashSet is a set of strings.
type hashSet struct{ d *dict[struct{}] }

// newHashSet returns an empty hashSet sized for n members.
func newHashSet(n int) *hashSet { return &hashSet{newDict[struct{}](n)} }

// Len is the number of members.
func (h *hashSet) Len() int { return h.d.Len() }

// At returns member i (0 <= i < Len) in the set's own order.
func (h *hashSet) At(i int) string { return h.d.ents[i].key }

// Random returns a member chosen with the same chance for each (Len > 0).
func (h *hashSet) Random() string { return h.At(h.d.Random()) }

// Has reports whether m is a member.
func (h *hashSet) Has(m string) bool { return h.d.find(m) >= 0 }

// Add adds m (which it keeps: the caller must not change it) and reports
// whether it was new.
func (h *hashSet) Add(m string) bool { return h.d.Set(m, struct{}{}) }

// Remove removes m and reports whether it was a member.
func (h *hashSet) Remove(m string) bool { return h.d.Delete(m) }

// Scan calls fn for the members of the bucket cursor names and returns
// the next cursor, 0 after the last bucket (dict.Scan).
func (h *hashSet) Scan(cursor uint64, fn func(m string)) uint64 {
	return h.d.Scan(cursor, func(m string, _ struct{}) { fn(m) })
}

// Clone returns an independent copy (members are immutable strings and
// are shared).
func (h *hashSet) Clone() *hashSet { return &hashSet{h.d.Clone()} }
