// set.go holds Set, the hashtable encoding of a set: a Dict whose values
// are empty, so a set's members get the same dense entries (a random
// member is one index away), the same shrinking, and the same
// reverse-binary SSCAN cursor as a hash's fields.
package dict

// Set is a set of strings. The zero value is not usable; call NewSet.
type Set struct{ d *Dict[struct{}] }

// NewSet returns an empty Set sized for n members.
func NewSet(n int) Set { return Set{New[struct{}](n)} }

// Len is the number of members.
func (h Set) Len() int { return h.d.Len() }

// At returns member i (0 <= i < Len) in the set's own order.
func (h Set) At(i int) string { return h.d.ents[i].key }

// Random returns a member chosen with the same chance for each (Len > 0).
func (h Set) Random() string { return h.At(h.d.random()) }

// Has reports whether m is a member.
func (h Set) Has(m string) bool { return h.d.find(m) >= 0 }

// Add adds m (which it keeps: the caller must not change it) and reports
// whether it was new.
func (h Set) Add(m string) bool { return h.d.Set(m, struct{}{}) }

// Remove removes m and reports whether it was a member.
func (h Set) Remove(m string) bool { return h.d.Delete(m) }

// Table returns the Dict holding the members as keys of empty values,
// for walks such as SSCAN's (Dict.Scan).
func (h Set) Table() *Dict[struct{}] { return h.d }

// Clone returns an independent copy (members are immutable strings and
// are shared).
func (h Set) Clone() Set { return Set{h.d.Clone()} }
