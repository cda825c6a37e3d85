// table.go holds table, one shard's keyspace laid out for memory: string
// values are packed with their keys into append-only byte chunks (no
// pointers for the garbage collector to follow, no per-key allocation),
// found through an open-addressing index of 8-byte slots; objects (lists
// and the other kinds), which change in place, live in an ordinary map
// beside it (raw strings among them: strings that change in place, and
// long ones), and expiry times in a third map. A key is a packed string
// or an object, never both.
package main

import (
	"encoding/binary"
	"hash/maphash"
	"math/rand/v2"
	"strings"
	"unsafe"
)

// Slot encoding: 0 is empty, 1 a deleted entry; otherwise the top 16 bits
// are a tag from the key's hash and the low 48 bits a record reference:
// chunk number << 16 | offset in the chunk.
const (
	slotEmpty      = 0
	slotDeleted    = 1
	refBits        = 48
	offsetBits     = 16
	maxChunk       = 1 << offsetBits // chunks past this hold one record each
	minChunk       = 256
	minSlots       = 8
	compactMinDead = 4 << 10
)

// table is the keyspace of one shard; its shard's lock guards it.
type table struct {
	seed   maphash.Seed
	slots  []uint64
	chunks [][]byte
	live   int               // string entries
	used   int               // live plus deleted slots
	bytes  int               // bytes in chunks
	dead   int               // bytes of records no longer referenced
	objs   map[string]object // values other than strings
	ttl    map[string]int64  // expiry times (Unix ms) of keys that have one
}

func newTable(seed maphash.Seed) table { return table{seed: seed} }

// len returns the number of keys.
func (t *table) len() int { return t.live + len(t.objs) }

// get returns key's value. A string value points into a chunk, which is
// never written again, so it stays valid and unchanged after the lock is
// released.
func (t *table) get(key string) (Value, bool) {
	if t.live > 0 {
		if i := t.find(key, t.hash(key)); i >= 0 {
			_, v := t.record(t.slots[i])
			return Value{str: v}, true
		}
	}
	if o, ok := t.objs[key]; ok {
		return Value{obj: o}, true
	}
	return Value{}, false
}

// put stores v under key, replacing any value, and reports whether key
// is new. key and v.str are copied, so they may be views of a buffer that
// changes later. A string of bigString bytes or more is kept as a raw
// string.
func (t *table) put(key string, v Value) bool {
	if v.obj == nil && len(v.str) >= bigString {
		v.obj = newRawString([]byte(v.str))
	}
	if v.obj != nil {
		_, had := t.objs[key]
		if had {
			delete(t.objs, key) // an assignment could keep the old key
		} else {
			had = t.delString(key)
		}
		if t.objs == nil {
			t.objs = make(map[string]object)
		}
		t.objs[strings.Clone(key)] = v.obj
		return !had
	}
	had := false
	if len(t.objs) > 0 {
		if _, had = t.objs[key]; had {
			delete(t.objs, key)
		}
	}
	h := t.hash(key)
	ref := t.append(key, v.str)
	if i := t.find(key, h); i >= 0 {
		t.dead += t.recordLen(t.slots[i])
		t.slots[i] = tagOf(h) | ref
		t.maybeCompact()
		return false
	}
	if (t.used+1)*8 > len(t.slots)*7 {
		t.resize()
	}
	t.insert(h, tagOf(h)|ref)
	t.live++
	t.used++
	return !had
}

// del removes key, with its expiry, and reports whether it was there.
func (t *table) del(key string) bool {
	if len(t.ttl) > 0 {
		t.persist(key)
	}
	if t.delString(key) {
		return true
	}
	if _, ok := t.objs[key]; ok {
		delete(t.objs, key)
		return true
	}
	return false
}

func (t *table) delString(key string) bool {
	if t.live == 0 {
		return false
	}
	i := t.find(key, t.hash(key))
	if i < 0 {
		return false
	}
	t.dead += t.recordLen(t.slots[i])
	t.slots[i] = slotDeleted
	t.live--
	if t.live == 0 {
		*t = table{seed: t.seed, objs: t.objs, ttl: t.ttl}
		return true
	}
	t.maybeCompact()
	return true
}

// each calls fn for every key and value until fn returns false. Keys and
// string values point into chunks that never change, so fn may keep them.
func (t *table) each(fn func(key string, v Value) bool) bool {
	for _, s := range t.slots {
		if s > slotDeleted {
			k, v := t.record(s)
			if !fn(k, Value{str: v}) {
				return false
			}
		}
	}
	for k, o := range t.objs {
		if !fn(k, Value{obj: o}) {
			return false
		}
	}
	return true
}

func (t *table) hash(key string) uint64 { return maphash.String(t.seed, key) }

func tagOf(h uint64) uint64 { return (h>>refBits | 1<<15) << refBits } // never 0 or 1

// find returns the slot index holding key, or -1.
func (t *table) find(key string, h uint64) int {
	if len(t.slots) == 0 {
		return -1
	}
	mask := len(t.slots) - 1
	tag := tagOf(h)
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		switch {
		case s == slotEmpty:
			return -1
		case s&^(1<<refBits-1) == tag:
			if k, _ := t.record(s); k == key {
				return i
			}
		}
	}
}

// insert puts slot value s in the first free slot for hash h.
func (t *table) insert(h uint64, s uint64) {
	mask := len(t.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		if t.slots[i] <= slotDeleted {
			t.slots[i] = s
			return
		}
	}
}

// resize rebuilds the index at a size where live entries fill at most
// half of it, dropping deleted slots.
func (t *table) resize() {
	n := minSlots
	for n < 2*(t.live+1) {
		n *= 2
	}
	old := t.slots
	t.slots = make([]uint64, n)
	for _, s := range old {
		if s > slotDeleted {
			k, _ := t.record(s)
			t.insert(t.hash(k), s)
		}
	}
	t.used = t.live
}

// append packs key and value into the last chunk (a new one if they do not
// fit) and returns the record's reference.
func (t *table) append(key, val string) uint64 {
	var hdr [2 * binary.MaxVarintLen64]byte
	n := binary.PutUvarint(hdr[:], uint64(len(key)))
	n += binary.PutUvarint(hdr[n:], uint64(len(val)))
	size := n + len(key) + len(val)
	last := len(t.chunks) - 1
	if last < 0 || len(t.chunks[last])+size > cap(t.chunks[last]) || len(t.chunks[last]) >= maxChunk {
		c := minChunk
		if last >= 0 {
			c = min(2*cap(t.chunks[last]), maxChunk)
		}
		if size > c/4 && size > 1024 {
			c = size // a big record has a chunk of its own
		}
		c = max(c, size)
		t.chunks = append(t.chunks, make([]byte, 0, c))
		last++
	}
	ch := t.chunks[last]
	off := len(ch)
	ch = append(ch, hdr[:n]...)
	ch = append(ch, key...)
	ch = append(ch, val...)
	t.chunks[last] = ch
	t.bytes += size
	return uint64(last)<<offsetBits | uint64(off)
}

// record returns the key and value a slot refers to, as strings pointing
// into the chunk.
func (t *table) record(s uint64) (string, string) {
	ref := s & (1<<refBits - 1)
	ch := t.chunks[ref>>offsetBits]
	b := ch[ref&(1<<offsetBits-1):]
	kl, n := binary.Uvarint(b)
	vl, m := binary.Uvarint(b[n:])
	b = b[n+m:]
	return bytesString(b[:kl]), bytesString(b[kl : kl+vl])
}

func (t *table) recordLen(s uint64) int {
	k, v := t.record(s)
	return len(k) + len(v) + uvarintLen(len(k)) + uvarintLen(len(v))
}

func uvarintLen(n int) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], uint64(n))
}

// bytesString returns b as a string without copying; b must never change.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// maybeCompact copies the live records into fresh chunks once most chunk
// bytes are dead. Strings handed out earlier keep the old chunks alive
// until they are dropped.
func (t *table) maybeCompact() {
	if t.dead < compactMinDead || t.dead*2 < t.bytes {
		return
	}
	old := *t
	t.chunks, t.bytes, t.dead = nil, 0, 0
	t.slots = make([]uint64, len(old.slots))
	for _, s := range old.slots {
		if s > slotDeleted {
			k, v := old.record(s)
			h := t.hash(k)
			t.insert(h, tagOf(h)|t.append(k, v))
		}
	}
	t.used = t.live
}

// expireAt sets key's expiry time (Unix milliseconds); key must exist.
func (t *table) expireAt(key string, when int64) {
	if t.ttl == nil {
		t.ttl = make(map[string]int64)
	}
	// always a copy: assigning to an existing key replaces its key string,
	// and key may be a view of a request buffer
	t.ttl[strings.Clone(key)] = when
}

// persist removes key's expiry and reports whether it had one.
func (t *table) persist(key string) bool {
	if _, ok := t.ttl[key]; !ok {
		return false
	}
	delete(t.ttl, key)
	if len(t.ttl) == 0 {
		t.ttl = nil // a map never shrinks: let it go
	}
	return true
}

// expiry returns key's expiry time, or false when it has none.
func (t *table) expiry(key string) (int64, bool) {
	when, ok := t.ttl[key]
	return when, ok
}

// nth returns the i'th key (0 <= i < t.len()) in the table's own order:
// strings first, then objects. A random i gives every key the same chance.
func (t *table) nth(i int) string {
	if i < t.live {
		for try := 0; try < 64; try++ { // most slots are live: sample
			if s := t.slots[rand.IntN(len(t.slots))]; s > slotDeleted {
				k, _ := t.record(s)
				return k
			}
		}
		for _, s := range t.slots {
			if s > slotDeleted {
				if i == 0 {
					k, _ := t.record(s)
					return k
				}
				i--
			}
		}
	}
	i -= t.live
	for k := range t.objs {
		if i == 0 {
			return k
		}
		i--
	}
	return ""
}

// expired reports whether key has an expiry time at or before now.
func (t *table) expired(key string, now int64) bool {
	when, ok := t.ttl[key]
	return ok && when <= now
}
