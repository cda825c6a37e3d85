// store.go holds the protocol-neutral key/value store: typed values in a
// fixed number of shards, each a map guarded by its own RWMutex, so that
// both protocols (semicolon text and RESP) and the append-only log share one
// data model and both cores can work at once.
package main

import (
	"errors"
	"hash/maphash"
	"strconv"
	"sync"
)

// Errors a store operation can return; each protocol turns them into its own
// wording.
var (
	ErrNoKey      = errors.New("no such key")
	ErrWrongType  = errors.New("wrong type")
	ErrNotInteger = errors.New("not an integer")
	ErrOverflow   = errors.New("increment or decrement would overflow")
	ErrNotFloat   = errors.New("value is not a valid float")
	ErrFloatRange = errors.New("increment would produce NaN or Infinity")
)

// Value is one stored value: a string (integers are stored as their
// canonical decimal string, as Redis stores them) or a list of strings.
// A Value read from the store is a snapshot; its list is never shared.
type Value struct {
	str  string
	list *List
}

// StringValue returns a string Value.
func StringValue(s string) Value { return Value{str: s} }

// IsList reports whether v holds a list.
func (v Value) IsList() bool { return v.list != nil }

// Str returns the string of a string Value.
func (v Value) Str() string { return v.str }

// List returns the list of a list Value (nil for a string).
func (v Value) List() *List { return v.list }

// TypeName is the Redis TYPE of v: "string" or "list".
func (v Value) TypeName() string {
	if v.list != nil {
		return "list"
	}
	return "string"
}

// numShards is the number of independently locked parts of the keyspace.
// SCAN walks them in order, so a cursor is a shard number.
const numShards = 256

type shard struct {
	mu sync.RWMutex
	t  table
}

// get, put and del work on the shard's table with a key from a request;
// the caller holds the shard's lock.
func (sh *shard) get(key []byte) (Value, bool) { return sh.t.get(bytesString(key)) }
func (sh *shard) put(key []byte, v Value)      { sh.t.put(bytesString(key), v) }
func (sh *shard) del(key []byte) bool          { return sh.t.del(bytesString(key)) }

// lookup returns key's value under the shard's read lock. Like every
// store operation it unlocks in a defer, so that a panic (contained by the
// connection) never leaves a shard locked.
func (sh *shard) lookup(key []byte) (Value, bool) {
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	return sh.get(key)
}

// len returns the number of keys in the shard, under its read lock.
func (sh *shard) len() int {
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	return sh.t.len()
}

// Store is the keyspace. The zero value is not usable; call NewStore.
type Store struct {
	seed    maphash.Seed // picks a key's shard
	shards  [numShards]shard
	journal *Journal // nil: writes are not logged
}

// NewStore returns an empty store that logs its writes to j (which may be nil).
func NewStore(j *Journal) *Store {
	s := &Store{seed: maphash.MakeSeed(), journal: j}
	tseed := maphash.MakeSeed() // a different seed, or a shard's keys would collide in its table
	for i := range s.shards {
		s.shards[i].t = newTable(tseed)
	}
	return s
}

func (s *Store) shardIndex(key []byte) int {
	return int(maphash.Bytes(s.seed, key) % numShards)
}

func (s *Store) shardOf(key []byte) *shard { return &s.shards[s.shardIndex(key)] }

// log records a write's effect in the journal; the caller holds the lock of
// every shard the write touched, so the log order matches the apply order.
func (s *Store) log(args ...string) {
	if s.journal != nil {
		s.journal.Log(args...)
	}
}

// shardSet is a set of shard numbers. Multi-key commands lock their
// shards together in increasing order, so two of them never deadlock.
type shardSet [numShards / 64]uint64

// shardsOf returns the set of shards holding keys.
func (s *Store) shardsOf(keys [][]byte) shardSet {
	var set shardSet
	for _, k := range keys {
		i := s.shardIndex(k)
		set[i/64] |= 1 << (i % 64)
	}
	return set
}

// lockSet locks (write or read) every shard in set, in increasing order.
func (s *Store) lockSet(set shardSet, write bool) {
	for i := 0; i < numShards; i++ {
		if set[i/64]&(1<<(i%64)) != 0 {
			if write {
				s.shards[i].mu.Lock()
			} else {
				s.shards[i].mu.RLock()
			}
		}
	}
}

// unlockSet unlocks what lockSet locked.
func (s *Store) unlockSet(set shardSet, write bool) {
	for i := numShards - 1; i >= 0; i-- {
		if set[i/64]&(1<<(i%64)) != 0 {
			if write {
				s.shards[i].mu.Unlock()
			} else {
				s.shards[i].mu.RUnlock()
			}
		}
	}
}

// lockKeys write-locks the shards of keys; unlock with unlockKeys.
func (s *Store) lockKeys(keys ...[]byte) shardSet {
	set := s.shardsOf(keys)
	s.lockSet(set, true)
	return set
}

// unlockKeys unlocks the shards lockKeys locked.
func (s *Store) unlockKeys(set shardSet) { s.unlockSet(set, true) }

// rlockKeys read-locks the shards of keys; unlock with runlockKeys.
func (s *Store) rlockKeys(keys ...[]byte) shardSet {
	set := s.shardsOf(keys)
	s.lockSet(set, false)
	return set
}

// runlockKeys unlocks the shards rlockKeys locked.
func (s *Store) runlockKeys(set shardSet) { s.unlockSet(set, false) }

// lockAll write-locks every shard and returns the function that unlocks them.
func (s *Store) lockAll() func() {
	for i := range s.shards {
		s.shards[i].mu.Lock()
	}
	return func() {
		for i := len(s.shards) - 1; i >= 0; i-- {
			s.shards[i].mu.Unlock()
		}
	}
}

// Lookup returns a snapshot of key's value.
func (s *Store) Lookup(key []byte) (Value, bool) {
	sh := s.shardOf(key)
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	v, ok := sh.get(key)
	if ok && v.list != nil {
		v.list = v.list.Clone()
	}
	return v, ok
}

// GetString returns key's string value; ErrWrongType for a list.
func (s *Store) GetString(key []byte) (string, bool, error) {
	sh := s.shardOf(key)
	v, ok := sh.lookup(key)
	if ok && v.list != nil {
		return "", false, ErrWrongType
	}
	return v.str, ok, nil
}

// Set stores a string value, replacing whatever key held.
func (s *Store) Set(key, val []byte) {
	sh := s.shardOf(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.put(key, Value{str: bytesString(val)})
	s.log("SET", bytesString(key), bytesString(val))
}

// SetList stores a list (possibly empty), replacing whatever key held.
func (s *Store) SetList(key []byte, elems [][]byte) {
	l := NewList(elems)
	sh := s.shardOf(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.put(key, Value{list: l})
	s.logList(bytesString(key), l)
}

// logList records that key now holds exactly list l. Redis has no empty
// lists, so an empty one is written with nosql's own PUTLIST command.
func (s *Store) logList(k string, l *List) {
	if s.journal == nil {
		return
	}
	if l.Len() == 0 {
		s.log("DEL", k)
		s.log("PUTLIST", k)
		return
	}
	args := make([]string, 0, l.Len()+2)
	args = append(args, "RPUSH", k)
	args = l.AppendTo(args)
	s.log("DEL", k)
	s.log(args...)
}

// Del deletes keys at once (atomically, as Redis does) and returns how
// many existed; a key named twice counts once.
func (s *Store) Del(keys ...[]byte) int {
	if len(keys) == 1 {
		sh := s.shardOf(keys[0])
		sh.mu.Lock()
		defer sh.mu.Unlock()
		return s.delLocked(sh, keys[0])
	}
	set := s.lockKeys(keys...)
	defer s.unlockKeys(set)
	n := 0
	for _, key := range keys {
		n += s.delLocked(s.shardOf(key), key)
	}
	return n
}

// delLocked deletes key from its shard, whose lock the caller holds.
func (s *Store) delLocked(sh *shard, key []byte) int {
	if !sh.del(key) {
		return 0
	}
	s.log("DEL", bytesString(key))
	return 1
}

// Len returns the number of keys.
func (s *Store) Len() int {
	n := 0
	for i := range s.shards {
		n += s.shards[i].len()
	}
	return n
}

// Flush deletes every key and returns how many there were.
func (s *Store) Flush() int {
	unlock := s.lockAll()
	defer unlock()
	n := 0
	for i := range s.shards {
		n += s.shards[i].t.len()
		s.shards[i].t = newTable(s.shards[i].t.seed)
	}
	s.log("FLUSHALL")
	return n
}

// IncrBy adds delta to key's integer value and returns the result. A
// missing key counts as 0 when create is set and is ErrNoKey otherwise.
func (s *Store) IncrBy(key []byte, delta int64, create bool) (int64, error) {
	sh := s.shardOf(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	v, ok := sh.get(key)
	var n int64
	switch {
	case !ok && !create:
		return 0, ErrNoKey
	case !ok:
	case v.list != nil:
		return 0, ErrWrongType
	default:
		var good bool
		if n, good = parseCanonicalInt(v.str); !good {
			return 0, ErrNotInteger
		}
	}
	if (delta > 0 && n > maxInt64-delta) || (delta < 0 && n < minInt64-delta) {
		return 0, ErrOverflow
	}
	n += delta
	var buf [20]byte
	str := bytesString(strconv.AppendInt(buf[:0], n, 10))
	sh.put(key, Value{str: str})
	s.log("SET", bytesString(key), str)
	return n, nil
}
