// table.go holds table, one shard's keyspace laid out for memory: every
// key is packed into append-only byte chunks as a record (no pointers for
// the garbage collector to follow, no per-key allocation), found through
// an open-addressing index of 8-byte slots. A string value is packed with
// its key, and so is a compact hash (its pairlist's bytes: a write packs
// a new record, as a SET does); an object (lists and the other kinds, raw
// strings among them: strings that change in place, and long ones), which
// changes in place, sits in a slice the record refers to. Expiry times live in a map beside
// them. Every record starts with the LRU clock of its key's last access
// (OBJECT IDLETIME), the only bytes of a chunk written again.
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
//
// Record: the LRU clock (lruBytes, little-endian), the key's length and
// a value word (uvarints), the key, then a packed value's bytes. The value
// word is a string's length << 1, an object's index in objs << 2 | 1, or
// a packed object's length << 2 | 3 (value.go: packedOf, unpack).
const (
	slotEmpty      = 0
	slotDeleted    = 1
	refBits        = 48
	offsetBits     = 16
	maxChunk       = 1 << offsetBits // chunks past this hold one record each
	minChunk       = 256
	minSlots       = 8
	compactMinDead = 4 << 10

	wordObject = 1 // a value word's low bits: an object's index
	wordPacked = 3 // ... or a packed object's length
)

// table is the keyspace of one shard; its shard's lock guards it.
type table struct {
	seed   maphash.Seed
	slots  []uint64
	chunks [][]byte
	objs   []object         // the objects records refer to; nil: a free index
	free   []uint32         // free indexes in objs
	live   int              // keys
	used   int              // live plus deleted slots
	bytes  int              // bytes in chunks
	dead   int              // bytes of records no longer referenced
	ttl    map[string]int64 // expiry times (Unix ms) of keys that have one
}

// LRU clock: Redis's, seconds in 24 bits, wrapping every 194 days.
const (
	lruBits  = 24
	lruMax   = 1<<lruBits - 1
	lruBytes = 3 // a record's clock
	// lruKeep asks get not to change the key's clock (Redis's
	// LOOKUP_NOTOUCH): no clock's value
	lruKeep = 1<<31 - 1
)

// lruClock returns the LRU clock at Unix time sec.
func lruClock(sec int64) uint32 { return uint32(sec) & lruMax }

// lruIdle returns the seconds from clock lru to clock now, across a wrap
// as Redis's estimateObjectIdleTime counts them.
func lruIdle(now, lru uint32) int64 {
	if now >= lru {
		return int64(now - lru)
	}
	return int64(now) + int64(lruMax-lru)
}

// lruBefore returns the clock idle seconds before clock now, wrapped as
// Redis's objectSetLRUOrLFU wraps it, idle first scaled as it scales it
// (times 1000, then divided by 1000: past 63 bits the product wraps).
func lruBefore(now uint32, idle int64) uint32 {
	idle = idle * 1000 / 1000
	abs := int64(now) - idle
	if abs < 0 {
		abs += lruMax
	}
	return uint32(abs) & lruMax
}

func newTable(seed maphash.Seed) table { return table{seed: seed} }

// len returns the number of keys.
func (t *table) len() int { return t.live }

// hasObjects reports whether any key holds an object.
func (t *table) hasObjects() bool { return len(t.objs) > len(t.free) }

// get returns key's value and sets its LRU clock to lru (unless lruKeep).
// A string value points into a chunk, whose key and value bytes are never
// written again, so it stays valid and unchanged after the lock is
// released.
func (t *table) get(key string, lru uint32) (Value, bool) {
	v, packed, ok := t.getPacked(key, lru)
	if packed != "" {
		v.obj = unpack(packed)
	}
	return v, ok
}

// getPacked is get for a caller that unpacks a packed value itself (a
// write that stores it back, with no allocation): such a value comes back
// as its bytes, never empty, and a zero Value.
func (t *table) getPacked(key string, lru uint32) (v Value, packed string, ok bool) {
	i := t.find(key, t.hash(key))
	if i < 0 {
		return Value{}, "", false
	}
	b := t.chunkAt(t.slots[i])
	if lru != lruKeep {
		putLRU(b, lru)
	}
	k, word, val, size := parseRecord(b)
	if word&3 == wordPacked {
		return Value{}, val, true
	}
	_, v = t.value(k, word, val, size)
	return v, "", true
}

// lru returns the LRU clock of key's last access.
func (t *table) lru(key string) (uint32, bool) {
	if i := t.find(key, t.hash(key)); i >= 0 {
		return t.recordLRU(t.slots[i]), true
	}
	return 0, false
}

// setLRU sets the LRU clock of key, if it exists.
func (t *table) setLRU(key string, lru uint32) {
	if i := t.find(key, t.hash(key)); i >= 0 {
		t.setRecordLRU(t.slots[i], lru)
	}
}

// chunkAt returns the chunk bytes from the record slot s refers to.
func (t *table) chunkAt(s uint64) []byte {
	ref := s & (1<<refBits - 1)
	return t.chunks[ref>>offsetBits][ref&(1<<offsetBits-1):]
}

// recordLRU returns the clock of the record slot s refers to.
func (t *table) recordLRU(s uint64) uint32 {
	b := t.chunkAt(s)
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16
}

// setRecordLRU writes clock lru into the record slot s refers to.
func (t *table) setRecordLRU(s uint64, lru uint32) { putLRU(t.chunkAt(s), lru) }

// putLRU writes clock lru at the start of record b, unless it is there
// already (most accesses come within the second of the last one: the
// chunk's cache line stays clean).
func putLRU(b []byte, lru uint32) {
	_ = b[2] // one bounds check
	if uint32(b[0])|uint32(b[1])<<8|uint32(b[2])<<16 != lru {
		b[0], b[1], b[2] = byte(lru), byte(lru>>8), byte(lru>>16)
	}
}

// put stores v under key, replacing any value, with LRU clock lru, and
// reports whether key is new. key and v.str are copied, so they may be
// views of a buffer that changes later. A string of bigString bytes or
// more is kept as a raw string.
func (t *table) put(key string, v Value, lru uint32) bool {
	if b, ok := packedOf(v.obj); ok {
		return t.putPacked(key, b, lru)
	}
	if v.obj == nil && len(v.str) >= bigString {
		v.obj = newRawString([]byte(v.str))
	}
	return t.store(key, v, false, lru)
}

// putPacked is put of a value packed as b (value.go).
func (t *table) putPacked(key, b string, lru uint32) bool {
	return t.store(key, Value{str: b}, true, lru)
}

// store is put of v, whose str is a packed value's bytes if packed.
func (t *table) store(key string, v Value, packed bool, lru uint32) bool {
	h := t.hash(key)
	i := t.find(key, h)
	if i >= 0 {
		_, old, _, size := t.fields(t.slots[i])
		if old&3 == wordObject && v.obj != nil {
			t.objs[old>>2] = v.obj // an object replaces an object in place
			t.setRecordLRU(t.slots[i], lru)
			return false
		}
		t.release(old, size)
	}
	word, val := uint64(len(v.str))<<1, v.str
	if packed {
		word = uint64(len(v.str))<<2 | wordPacked
	} else if v.obj != nil {
		word, val = uint64(t.addObject(v.obj))<<2|wordObject, ""
	}
	ref := t.append(key, word, val, lru)
	if i >= 0 {
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
	return true
}

// addObject puts o in objs and returns its index.
func (t *table) addObject(o object) uint32 {
	if n := len(t.free); n > 0 {
		idx := t.free[n-1]
		t.free = t.free[:n-1]
		t.objs[idx] = o
		return idx
	}
	t.objs = append(t.objs, o)
	return uint32(len(t.objs) - 1)
}

// release lets go of a record of size bytes with value word: its bytes
// become dead and its object's index free.
func (t *table) release(word uint64, size int) {
	if word&3 == wordObject {
		t.objs[word>>2] = nil
		t.free = append(t.free, uint32(word>>2))
	}
	t.dead += size
}

// del removes key, with its expiry, and reports whether it was there.
func (t *table) del(key string) bool {
	if len(t.ttl) > 0 {
		t.persist(key)
	}
	if t.live == 0 {
		return false
	}
	i := t.find(key, t.hash(key))
	if i < 0 {
		return false
	}
	_, word, _, size := t.fields(t.slots[i])
	t.release(word, size)
	t.slots[i] = slotDeleted
	t.live--
	if t.live == 0 {
		*t = table{seed: t.seed, ttl: t.ttl}
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
			if !fn(t.record(s)) {
				return false
			}
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
			if t.key(s) == key {
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
			t.insert(t.hash(t.key(s)), s)
		}
	}
	t.used = t.live
}

// append packs clock lru, key, the value word and val into the last
// chunk (a new one if they do not fit) and returns the record's reference.
func (t *table) append(key string, word uint64, val string, lru uint32) uint64 {
	var hdr [lruBytes + 2*binary.MaxVarintLen64]byte
	hdr[0], hdr[1], hdr[2] = byte(lru), byte(lru>>8), byte(lru>>16)
	n := lruBytes
	n += binary.PutUvarint(hdr[n:], uint64(len(key)))
	n += binary.PutUvarint(hdr[n:], word)
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

// fields parses the record slot s refers to: its key, value word, and
// the string value's bytes (empty for an object), as strings pointing into
// the chunk, and its length.
func (t *table) fields(s uint64) (key string, word uint64, val string, size int) {
	return parseRecord(t.chunkAt(s))
}

// parseRecord parses the record at the start of b as fields returns it.
func parseRecord(b []byte) (key string, word uint64, val string, size int) {
	b = b[lruBytes:]
	kl, n := binary.Uvarint(b)
	word, m := binary.Uvarint(b[n:])
	b = b[n+m:]
	vl := uint64(0)
	switch {
	case word&1 == 0:
		vl = word >> 1
	case word&3 == wordPacked:
		vl = word >> 2
	}
	return bytesString(b[:kl]), word, bytesString(b[kl : kl+vl]), lruBytes + n + m + int(kl+vl)
}

// record returns the key and value a slot refers to; the key, and a
// string value, point into the chunk.
func (t *table) record(s uint64) (string, Value) { return t.value(t.fields(s)) }

// value returns a parsed record's key and value.
func (t *table) value(k string, word uint64, v string, _ int) (string, Value) {
	switch {
	case word&1 == 0:
		return k, Value{str: v}
	case word&3 == wordPacked:
		return k, Value{obj: unpack(v)}
	}
	return k, Value{obj: t.objs[word>>2]}
}

// key returns the key of the record slot s refers to.
func (t *table) key(s uint64) string {
	k, _, _, _ := t.fields(s)
	return k
}

// bytesString returns b as a string without copying; b must never change.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// maybeCompact copies the live records into fresh chunks once most chunk
// bytes are dead, and renumbers the objects when most of their indexes are
// free. Strings handed out earlier keep the old chunks alive until they
// are dropped.
func (t *table) maybeCompact() {
	if t.dead < compactMinDead || t.dead*2 < t.bytes {
		return
	}
	old := *t
	renumber := len(old.free)*2 > len(old.objs)
	if renumber {
		t.objs, t.free = make([]object, 0, len(old.objs)-len(old.free)), nil
	}
	t.chunks, t.bytes, t.dead = [][]byte{make([]byte, 0, firstChunk(old.bytes-old.dead))}, 0, 0
	t.slots = make([]uint64, len(old.slots))
	for _, s := range old.slots {
		if s > slotDeleted {
			k, word, v, _ := old.fields(s)
			if renumber && word&3 == wordObject {
				t.objs = append(t.objs, old.objs[word>>2])
				word = uint64(len(t.objs)-1)<<2 | wordObject
			}
			h := t.hash(k)
			t.insert(h, tagOf(h)|t.append(k, word, v, old.recordLRU(s)))
		}
	}
	t.used = t.live
}

// firstChunk returns the size of the first chunk compaction copies live
// bytes into: room for them and for the dead bytes that start the next
// compaction, so that a key written again and again (each write a new
// record) fills one chunk per compaction instead of growing a chain of
// them from minChunk each time.
func firstChunk(live int) int {
	return min(live+max(live, compactMinDead)+minChunk, maxChunk)
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

// nth returns the i'th key (0 <= i < t.len()) in the table's own order.
// A random i gives every key the same chance.
func (t *table) nth(i int) string {
	if t.live == 0 {
		return ""
	}
	for try := 0; try < 64; try++ { // most slots are live: sample
		if s := t.slots[rand.IntN(len(t.slots))]; s > slotDeleted {
			return t.key(s)
		}
	}
	for _, s := range t.slots {
		if s > slotDeleted {
			if i == 0 {
				return t.key(s)
			}
			i--
		}
	}
	return ""
}

// expired reports whether key has an expiry time at or before now.
func (t *table) expired(key string, now int64) bool {
	when, ok := t.ttl[key]
	return ok && when <= now
}
