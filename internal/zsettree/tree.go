// Package zsettree holds the large encoding of a sorted set (OBJECT
// ENCODING "skiplist", as Redis names its own): the entries live in a slab of
// chunks and are named by their slot number, a hash index finds a member's
// slot, and a B+tree of slots in (score, member) order keeps the size of
// every subtree, so that finding a rank, the rank of an entry, or the
// first entry past a bound is O(log N), and walking M entries from there
// is O(M). Slots are 4 bytes, and only the slab holds pointers (the
// members), which keeps a large set small and cheap for the collector.
package zsettree

import (
	"hash/maphash"
	"math"
	"slices"
	"sort"
)

const (
	slabChunk = 1024 // entries per slab chunk
	leafMax   = 128  // slots in a full leaf
	innerMax  = 64   // children of a full inner node
)

// Entry is one member of a sorted set with its score.
type Entry struct {
	Member string
	Score  float64
}

// Less orders entries as Redis does: by score, then by member bytes.
func (e Entry) Less(o Entry) bool {
	if e.Score != o.Score {
		return e.Score < o.Score
	}
	return e.Member < o.Member
}

// zslab holds entries by slot number. A freed slot joins a free list
// threaded through the score bits of the free entries.
type zslab struct {
	chunks [][]Entry
	n      uint32 // slots handed out so far (the high-water mark)
	free   uint32 // first free slot + 1; 0: none
	live   int
}

func (s *zslab) at(i uint32) *Entry { return &s.chunks[i/slabChunk][i%slabChunk] }

// alloc stores e in a free slot and returns its number.
func (s *zslab) alloc(e Entry) uint32 {
	s.live++
	if s.free != 0 {
		i := s.free - 1
		p := s.at(i)
		s.free = uint32(math.Float64bits(p.Score))
		*p = e
		return i
	}
	i := s.n
	s.n++
	if i%slabChunk == 0 { // the first chunk grows from 8 entries, later ones start whole
		s.chunks = append(s.chunks, make([]Entry, 0, min(max(8, int(i)), slabChunk)))
	}
	last := &s.chunks[len(s.chunks)-1]
	if len(*last) == cap(*last) { // grow by doubling, up to slabChunk
		grown := make([]Entry, len(*last), min(2*cap(*last), slabChunk))
		copy(grown, *last)
		*last = grown
	}
	*last = append(*last, e)
	return i
}

// release frees slot i.
func (s *zslab) release(i uint32) {
	s.live--
	*s.at(i) = Entry{Score: math.Float64frombits(uint64(s.free))}
	s.free = i + 1
}

// zindex finds a member's slot: open addressing with linear probing, at
// most 3/4 full, deleting by backward shift. A position holds the slot+1
// (0: empty) and, above it, 32 bits of the member's hash, so a probe
// reads the slab only for a likely match and growing rehashes nothing.
type zindex struct {
	seed   maphash.Seed
	slots  []uint64
	n      int
	warmed uint64 // what warm read, kept so that its reads are not optimised away
}

func (h *zindex) hash(m string) uint32 { return uint32(maphash.String(h.seed, m)) }

// slotAt returns the slot that position p holds.
func (h *zindex) slotAt(p int) uint32 { return uint32(h.slots[p]) - 1 }

// find returns the position holding m's slot, or -1.
func (h *zindex) find(s *zslab, m string) int {
	if h.n == 0 {
		return -1
	}
	hm := h.hash(m)
	mask := len(h.slots) - 1
	for p := int(hm) & mask; ; p = (p + 1) & mask {
		v := h.slots[p]
		if v == 0 {
			return -1
		}
		if uint32(v>>32) == hm && s.at(uint32(v)-1).Member == m {
			return p
		}
	}
}

// warm reads the home position of each of ms, so that the cache misses
// of a command's many lookups overlap rather than follow one another.
func (h *zindex) warm(ms [][]byte) {
	if len(h.slots) == 0 {
		return
	}
	mask := len(h.slots) - 1
	var any uint64
	for _, m := range ms {
		any |= h.slots[int(uint32(maphash.Bytes(h.seed, m)))&mask] // as hash(string(m))
	}
	h.warmed = any
}

// add records slot i for m, which is not in the index.
func (h *zindex) add(m string, i uint32) {
	if (h.n+1)*4 > len(h.slots)*3 {
		h.resize(max(16, len(h.slots)*2))
	}
	h.place(uint64(h.hash(m))<<32 | uint64(i+1))
	h.n++
}

// place puts a position's value at the first free position from its home.
func (h *zindex) place(v uint64) {
	mask := len(h.slots) - 1
	p := int(v>>32) & mask
	for h.slots[p] != 0 {
		p = (p + 1) & mask
	}
	h.slots[p] = v
}

// resize rebuilds the index with size positions (a power of two).
func (h *zindex) resize(size int) {
	old := h.slots
	h.slots = make([]uint64, size)
	for _, v := range old {
		if v != 0 {
			h.place(v)
		}
	}
}

// remove empties position p, shifting back the entries that probed past it.
func (h *zindex) remove(p int) {
	mask := len(h.slots) - 1
	h.slots[p] = 0
	h.n--
	for q := (p + 1) & mask; h.slots[q] != 0; q = (q + 1) & mask {
		home := int(h.slots[q]>>32) & mask
		// the entry at q may move to p unless its home lies in (p, q]
		if (q-home)&mask >= (q-p)&mask {
			h.slots[p], h.slots[q] = h.slots[q], 0
			p = q
		}
	}
	if len(h.slots) > 64 && h.n*8 < len(h.slots) {
		h.resize(len(h.slots) / 2)
	}
}

// zbnode is a B+tree node: a leaf holds slots in order; an inner node
// holds its children with, for each, the first slot under it and how many
// slots are under it.
type zbnode struct {
	ids        []uint32 // leaf
	kids       []*zbnode
	firsts     []uint32
	sizes      []int
	prev, next *zbnode // leaves, in order
}

func (n *zbnode) leaf() bool { return n.kids == nil }

// first returns the first slot under n (n is not empty).
func (n *zbnode) first() uint32 {
	if n.leaf() {
		return n.ids[0]
	}
	return n.firsts[0]
}

// size returns the number of slots under n.
func (n *zbnode) size() int {
	if n.leaf() {
		return len(n.ids)
	}
	t := 0
	for _, s := range n.sizes {
		t += s
	}
	return t
}

// Tree is a large sorted set: slab, index and tree.
type Tree struct {
	slab       zslab
	index      zindex
	root       *zbnode
	head, tail *zbnode // first and last leaves
	n          int
}

// New returns an empty set.
func New() *Tree {
	leaf := &zbnode{}
	return &Tree{index: zindex{seed: maphash.MakeSeed()}, root: leaf, head: leaf, tail: leaf}
}

// Len returns the number of members.
func (z *Tree) Len() int { return z.n }

// Warm reads where the index would look for each of ms, so that the cache
// misses of a command's many lookups overlap rather than follow one
// another.
func (z *Tree) Warm(ms [][]byte) { z.index.warm(ms) }

func (z *Tree) entry(i uint32) Entry { return *z.slab.at(i) }

// Score returns m's score.
func (z *Tree) Score(m string) (float64, bool) {
	p := z.index.find(&z.slab, m)
	if p < 0 {
		return 0, false
	}
	return z.slab.at(z.index.slotAt(p)).Score, true
}

// Rank returns m's rank (0 for the lowest score).
func (z *Tree) Rank(m string) (int, bool) {
	s, ok := z.Score(m)
	if !ok {
		return 0, false
	}
	e := Entry{Member: m, Score: s}
	return z.Search(func(o Entry) bool { return !o.Less(e) }), true
}

// Insert adds e, whose member is not in the set.
func (z *Tree) Insert(e Entry) {
	i := z.slab.alloc(e)
	z.index.add(e.Member, i)
	z.n++
	if right := z.insertIn(z.root, i, e); right != nil {
		left := z.root
		z.root = &zbnode{kids: []*zbnode{left, right}, firsts: []uint32{left.first(), right.first()},
			sizes: []int{left.size(), right.size()}}
	}
}

// insertIn puts slot i (entry e) into the subtree n and returns the new
// right sibling of n if n split.
func (z *Tree) insertIn(n *zbnode, i uint32, e Entry) *zbnode {
	if n.leaf() {
		pos := sort.Search(len(n.ids), func(k int) bool { return e.Less(z.entry(n.ids[k])) })
		n.ids = slices.Insert(n.ids, pos, i)
		if len(n.ids) <= leafMax {
			return nil
		}
		return z.splitLeaf(n, pos)
	}
	k := sort.Search(len(n.kids), func(k int) bool { return e.Less(z.entry(n.firsts[k])) })
	k = max(k-1, 0)
	right := z.insertIn(n.kids[k], i, e)
	n.sizes[k]++
	n.firsts[k] = n.kids[k].first()
	if right == nil {
		return nil
	}
	rs := right.size()
	n.sizes[k] -= rs
	n.kids = slices.Insert(n.kids, k+1, right)
	n.firsts = slices.Insert(n.firsts, k+1, right.first())
	n.sizes = slices.Insert(n.sizes, k+1, rs)
	if len(n.kids) <= innerMax {
		return nil
	}
	h := len(n.kids) / 2
	r := &zbnode{kids: slices.Clone(n.kids[h:]), firsts: slices.Clone(n.firsts[h:]), sizes: slices.Clone(n.sizes[h:])}
	clear(n.kids[h:])
	n.kids, n.firsts, n.sizes = n.kids[:h:h], n.firsts[:h:h], n.sizes[:h:h]
	return r
}

// splitLeaf splits a leaf that just took an entry at pos. An entry added
// at the end of the last leaf (or the start of the first) leaves the
// others in a full leaf, so that sets filled in order are packed.
func (z *Tree) splitLeaf(n *zbnode, pos int) *zbnode {
	h := len(n.ids) / 2
	switch {
	case pos == len(n.ids)-1 && n.next == nil:
		h = len(n.ids) - 1
	case pos == 0 && n.prev == nil:
		h = 1
	}
	r := &zbnode{ids: make([]uint32, len(n.ids)-h, leafMax+1), prev: n, next: n.next}
	copy(r.ids, n.ids[h:])
	n.ids = n.ids[:h]
	if n.next != nil {
		n.next.prev = r
	} else {
		z.tail = r
	}
	n.next = r
	return r
}

// Search returns the rank of the first entry for which pred holds; pred
// must be false for a prefix of the set and true for the rest.
func (z *Tree) Search(pred func(Entry) bool) int {
	rank, n := 0, z.root
	for !n.leaf() {
		k := sort.Search(len(n.kids), func(k int) bool { return pred(z.entry(n.firsts[k])) })
		if k == 0 {
			return rank
		}
		for _, s := range n.sizes[:k-1] {
			rank += s
		}
		n = n.kids[k-1]
	}
	return rank + sort.Search(len(n.ids), func(k int) bool { return pred(z.entry(n.ids[k])) })
}

// seek returns the leaf holding rank r (0 <= r < n) and r's place in it.
func (z *Tree) seek(r int) (*zbnode, int) {
	n := z.root
	for !n.leaf() {
		k := 0
		for r >= n.sizes[k] {
			r -= n.sizes[k]
			k++
		}
		n = n.kids[k]
	}
	return n, r
}

// Each calls fn with the entries of ranks [from, to), in order or (rev)
// from to-1 down to from, until fn returns false.
func (z *Tree) Each(from, to int, rev bool, fn func(Entry) bool) {
	if from >= to {
		return
	}
	if !rev {
		n, k := z.seek(from)
		for left := to - from; left > 0; n, k = n.next, 0 {
			for ; k < len(n.ids) && left > 0; k, left = k+1, left-1 {
				if !fn(z.entry(n.ids[k])) {
					return
				}
			}
		}
		return
	}
	n, k := z.seek(to - 1)
	for left := to - from; left > 0; n = n.prev {
		if k < 0 {
			k = len(n.ids) - 1
		}
		for ; k >= 0 && left > 0; k, left = k-1, left-1 {
			if !fn(z.entry(n.ids[k])) {
				return
			}
		}
	}
}

// RemoveRange deletes the entries of ranks [from, to), calling fn (if not
// nil) with each in order before it goes.
func (z *Tree) RemoveRange(from, to int, fn func(Entry)) {
	if from >= to {
		return
	}
	z.removeIn(z.root, from, to, fn)
	z.n -= to - from
	for !z.root.leaf() && len(z.root.kids) == 1 {
		z.root = z.root.kids[0]
	}
	if !z.root.leaf() && len(z.root.kids) == 0 {
		z.root = &zbnode{}
		z.head, z.tail = z.root, z.root
	}
	z.maybeCompact()
}

// removeIn deletes ranks [from, to) of the subtree n.
func (z *Tree) removeIn(n *zbnode, from, to int, fn func(Entry)) {
	if n.leaf() {
		for _, i := range n.ids[from:to] {
			e := z.slab.at(i)
			if fn != nil {
				fn(*e)
			}
			z.index.remove(z.index.find(&z.slab, e.Member))
			z.slab.release(i)
		}
		n.ids = slices.Delete(n.ids, from, to)
		return
	}
	start := 0
	for k := 0; k < len(n.kids) && start < to; k++ {
		size := n.sizes[k]
		if start+size > from {
			lo, hi := max(from-start, 0), min(to-start, size)
			z.removeIn(n.kids[k], lo, hi, fn)
			n.sizes[k] -= hi - lo
		}
		start += size
	}
	z.tidy(n)
}

// tidy drops n's empty children, refreshes the first slot of each, and
// merges a child that fell under a quarter full into a neighbour that
// has room for it.
func (z *Tree) tidy(n *zbnode) {
	w := 0
	for k, kid := range n.kids {
		if n.sizes[k] == 0 {
			z.unlink(kid)
			continue
		}
		n.kids[w], n.sizes[w], n.firsts[w] = kid, n.sizes[k], kid.first()
		w++
	}
	clear(n.kids[w:])
	n.kids, n.sizes, n.firsts = n.kids[:w], n.sizes[:w], n.firsts[:w]
	for k := 0; k+1 < len(n.kids); {
		a, b := n.kids[k], n.kids[k+1]
		if (a.underfull() || b.underfull()) && a.fitsWith(b) {
			z.merge(a, b)
			n.sizes[k] += n.sizes[k+1]
			n.kids = slices.Delete(n.kids, k+1, k+2)
			n.sizes = slices.Delete(n.sizes, k+1, k+2)
			n.firsts = slices.Delete(n.firsts, k+1, k+2)
			continue
		}
		k++
	}
}

// underfull reports whether a node is under a quarter full.
func (n *zbnode) underfull() bool {
	if n.leaf() {
		return len(n.ids) < leafMax/4
	}
	return len(n.kids) < innerMax/4
}

// fitsWith reports whether a and its sibling b fit in one node.
func (a *zbnode) fitsWith(b *zbnode) bool {
	if a.leaf() {
		return len(a.ids)+len(b.ids) <= leafMax
	}
	return len(a.kids)+len(b.kids) <= innerMax
}

// merge moves b's contents to the end of a, its left sibling.
func (z *Tree) merge(a, b *zbnode) {
	if !a.leaf() {
		a.kids = append(a.kids, b.kids...)
		a.firsts = append(a.firsts, b.firsts...)
		a.sizes = append(a.sizes, b.sizes...)
		return
	}
	a.ids = append(a.ids, b.ids...)
	z.unlink(b)
}

// unlink takes an emptied or merged leaf out of the chain of leaves.
func (z *Tree) unlink(n *zbnode) {
	if !n.leaf() {
		return
	}
	if n.prev != nil {
		n.prev.next = n.next
	} else {
		z.head = n.next
	}
	if n.next != nil {
		n.next.prev = n.prev
	} else {
		z.tail = n.prev
	}
}

// maybeCompact rebuilds a set that holds less than a quarter of the slots
// it has used, so a set that shrank gives its memory back.
func (z *Tree) maybeCompact() {
	if z.slab.n <= slabChunk || z.n*4 >= int(z.slab.n) {
		return
	}
	fresh := New()
	fresh.index.seed = z.index.seed
	z.Each(0, z.n, false, func(e Entry) bool {
		fresh.Insert(e)
		return true
	})
	*z = *fresh
}

// slotLive reports whether slot i holds a member of the set.
func (z *Tree) slotLive(i uint32) bool {
	e := z.slab.at(i)
	p := z.index.find(&z.slab, e.Member)
	return p >= 0 && z.index.slotAt(p) == i
}

// Scan returns up to count members from slot cursor on, and the slot to
// go on from (0 at the end): ZSCAN's walk, which sees every member present
// from start to end of a scan whatever changes between calls.
func (z *Tree) Scan(cursor uint64, count int64) ([]Entry, uint64) {
	var out []Entry
	i := cursor
	for ; i < uint64(z.slab.n) && int64(len(out)) < count; i++ {
		if z.slotLive(uint32(i)) {
			out = append(out, *z.slab.at(uint32(i)))
		}
	}
	if i >= uint64(z.slab.n) {
		i = 0
	}
	return out, i
}

// Clone returns an independent copy of the set, its layout copied rather
// than rebuilt.
func (z *Tree) Clone() *Tree {
	c := &Tree{n: z.n, slab: z.slab, index: z.index}
	c.slab.chunks = make([][]Entry, len(z.slab.chunks))
	for i, ch := range z.slab.chunks {
		c.slab.chunks[i] = slices.Clone(ch)
	}
	c.index.slots = slices.Clone(z.index.slots)
	var prev *zbnode
	c.root = c.cloneNode(z.root, &prev)
	c.tail = prev
	return c
}

// cloneNode copies the subtree n, chaining its leaves after *prev.
func (z *Tree) cloneNode(n *zbnode, prev **zbnode) *zbnode {
	if n.leaf() {
		c := &zbnode{ids: slices.Clone(n.ids), prev: *prev}
		if *prev != nil {
			(*prev).next = c
		} else {
			z.head = c
		}
		*prev = c
		return c
	}
	c := &zbnode{kids: make([]*zbnode, len(n.kids)), firsts: slices.Clone(n.firsts), sizes: slices.Clone(n.sizes)}
	for i, k := range n.kids {
		c.kids[i] = z.cloneNode(k, prev)
	}
	return c
}
