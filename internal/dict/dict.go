// Package dict is the hash table behind the large encodings of the
// collection kinds (OBJECT ENCODING "hashtable"): Dict, chains of entries
// kept dense in one slice (so iteration and a fair random pick are O(1)
// per entry), with buckets a power of two in number so that a SCAN cursor
// can walk them in Redis's reverse-binary order, which returns every entry
// present throughout an iteration even when the table grows or shrinks
// between calls; and Set, the same table with no values, for sets.
//
// It is a pure data structure: it takes no locks (its owner's lock guards
// it), writes no log and knows nothing of the server, its clients or its
// keyspace. Being a package of its own it cannot reach the server's
// state, and TestInternalImports (layout_test.go) keeps it from importing
// sync, log, os or net.
package dict

import (
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
)

// minBuckets is the smallest bucket array (Redis's DICT_HT_INITIAL_SIZE).
const minBuckets = 4

// bucketsFor is the number of buckets for n entries: the smallest power
// of two holding them at one per bucket, at least minBuckets.
func bucketsFor(n int) int {
	if n <= minBuckets {
		return minBuckets
	}
	return 1 << bits.Len(uint(n-1))
}

// Dict maps strings to values of type V. The zero value is not usable;
// call New.
type Dict[V any] struct {
	seed    maphash.Seed
	buckets []int32 // 1 + index in ents of a chain's first entry; 0: empty
	ents    []entry[V]
}

// entry is one key, its value and the link to the next of its chain.
type entry[V any] struct {
	key  string
	val  V
	next int32  // 1 + index in ents of the next entry of the chain; 0: none
	hash uint32 // the key's hash, kept for resizing and moving entries
}

// New returns an empty Dict with room for about n entries.
func New[V any](n int) *Dict[V] {
	return &Dict[V]{
		seed:    maphash.MakeSeed(),
		buckets: make([]int32, bucketsFor(n)),
		ents:    make([]entry[V], 0, n),
	}
}

// Len returns the number of entries.
func (d *Dict[V]) Len() int { return len(d.ents) }

func (d *Dict[V]) hash(key string) uint32 {
	return uint32(maphash.String(d.seed, key))
}

func (d *Dict[V]) bucket(h uint32) *int32 {
	return &d.buckets[h&uint32(len(d.buckets)-1)]
}

// find returns the index in ents of key's entry, or -1.
func (d *Dict[V]) find(key string) int {
	h := d.hash(key)
	for i := *d.bucket(h); i != 0; i = d.ents[i-1].next {
		if e := &d.ents[i-1]; e.hash == h && e.key == key {
			return int(i - 1)
		}
	}
	return -1
}

// Get returns key's value.
func (d *Dict[V]) Get(key string) (V, bool) {
	if i := d.find(key); i >= 0 {
		return d.ents[i].val, true
	}
	var zero V
	return zero, false
}

// Set stores val under key and reports whether key is new. A new key is
// kept as it is: the caller passes a string that never changes.
func (d *Dict[V]) Set(key string, val V) bool {
	if i := d.find(key); i >= 0 {
		d.ents[i].val = val
		return false
	}
	if len(d.ents) >= len(d.buckets) {
		d.rehash(bucketsFor(len(d.ents) + 1))
	}
	h := d.hash(key)
	b := d.bucket(h)
	d.ents = append(d.ents, entry[V]{key: key, val: val, next: *b, hash: h})
	*b = int32(len(d.ents))
	return true
}

// Delete removes key and reports whether it was there. The last entry
// moves into the hole, so ents stays dense.
func (d *Dict[V]) Delete(key string) bool {
	i := d.find(key)
	if i < 0 {
		return false
	}
	d.unlink(i)
	last := len(d.ents) - 1
	if i != last {
		*d.linkTo(last) = int32(i + 1)
		d.ents[i] = d.ents[last]
	}
	d.ents[last] = entry[V]{}
	d.ents = d.ents[:last]
	d.shrink()
	return true
}

// linkTo returns the link (a bucket or an entry's next) that points to
// entry i.
func (d *Dict[V]) linkTo(i int) *int32 {
	p := d.bucket(d.ents[i].hash)
	for *p != int32(i+1) {
		p = &d.ents[*p-1].next
	}
	return p
}

// unlink takes entry i out of its chain.
func (d *Dict[V]) unlink(i int) {
	p := d.linkTo(i)
	*p = d.ents[i].next
}

// shrink resizes the buckets when under a tenth of them are used (as
// Redis does) and gives back a slice of entries mostly unused.
func (d *Dict[V]) shrink() {
	n := len(d.ents)
	if len(d.buckets) > minBuckets && n*10 < len(d.buckets) {
		d.rehash(bucketsFor(n))
	}
	if cap(d.ents) > 64 && n < cap(d.ents)/4 {
		d.ents = append(make([]entry[V], 0, 2*n), d.ents...)
	}
}

// rehash moves every entry into size new buckets.
func (d *Dict[V]) rehash(size int) {
	d.buckets = make([]int32, size)
	for i := range d.ents {
		b := d.bucket(d.ents[i].hash)
		d.ents[i].next = *b
		*b = int32(i + 1)
	}
}

// At returns entry i (0 <= i < Len); entries are in no particular order.
func (d *Dict[V]) At(i int) (string, V) { return d.ents[i].key, d.ents[i].val }

// random returns the index of an entry chosen uniformly (Len must be > 0).
func (d *Dict[V]) random() int { return rand.IntN(len(d.ents)) }

// Scan calls fn with the entries of the bucket that cursor names and
// returns the next cursor, 0 when the walk is over. The cursor counts in
// reversed-bit order, as Redis's dictScan does, so a walk started at 0
// returns every entry present throughout at least once whatever resizing
// happens between calls.
func (d *Dict[V]) Scan(cursor uint64, fn func(key string, val V)) uint64 {
	mask := uint64(len(d.buckets) - 1)
	for i := d.buckets[cursor&mask]; i != 0; i = d.ents[i-1].next {
		fn(d.ents[i-1].key, d.ents[i-1].val)
	}
	cursor |= ^mask
	cursor = bits.Reverse64(cursor)
	cursor++
	return bits.Reverse64(cursor)
}

// Clone returns an independent copy (keys and values are shared, as
// neither ever changes).
func (d *Dict[V]) Clone() *Dict[V] {
	c := *d
	c.buckets = append([]int32(nil), d.buckets...)
	c.ents = append([]entry[V](nil), d.ents...)
	return &c
}
