// store_keys.go holds the store's operations on keys of any type: EXISTS,
// TYPE, KEYS, SCAN, RENAME and RANDOMKEY.
package main

import (
	"math/rand/v2"
)

// Exists counts the keys that exist; a key named twice counts twice.
func (s *Store) Exists(keys ...[]byte) int {
	n := 0
	for _, key := range keys {
		if _, ok := s.shardOf(key).lookup(key); ok {
			n++
		}
	}
	return n
}

// Type returns the Redis TYPE of key: "none", "string" or "list".
func (s *Store) Type(key []byte) string {
	sh := s.shardOf(key)
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	v, ok := sh.get(key)
	if !ok {
		return "none"
	}
	return v.TypeName()
}

// keyFilter selects keys for KEYS and SCAN: a glob pattern ("*" selects
// every key, as in Redis) and, when typ is not empty, a type name compared
// case-insensitively.
type keyFilter struct {
	pattern string
	typ     string
}

// allKeys reports whether the pattern selects every key without matching.
func (f keyFilter) allKeys() bool { return f.pattern == "*" }

// accepts reports whether key, holding v, passes the filter.
func (f keyFilter) accepts(key string, v Value) bool {
	if !f.allKeys() && !globMatch(f.pattern, key) {
		return false
	}
	return f.typ == "" || equalFoldASCII(f.typ, v.TypeName())
}

// equalFoldASCII compares a and b ignoring ASCII case, as C's strcasecmp.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Keys returns the keys matching pattern, shard by shard.
func (s *Store) Keys(pattern string) []string {
	f := keyFilter{pattern: pattern}
	var keys []string
	for i := range s.shards {
		keys, _ = s.scanShard(i, f, keys)
	}
	return keys
}

// scanShard appends the keys of shard i that pass f to keys, and returns
// them with the number of keys the shard held.
func (s *Store) scanShard(i int, f keyFilter, keys []string) ([]string, int) {
	sh := &s.shards[i]
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	sh.t.each(func(k string, v Value) bool {
		if f.accepts(k, v) {
			keys = append(keys, k)
		}
		return true
	})
	return keys, sh.t.len()
}

// Scan is one SCAN step: starting at shard cursor, it scans whole shards
// until it has looked at count keys or more, and returns the next shard's
// index, or 0 past the last shard. Every key present throughout a full
// iteration is returned at least once.
func (s *Store) Scan(cursor uint64, count int64, f keyFilter) (uint64, []string) {
	var keys []string
	looked := int64(0)
	i := cursor
	for ; i < numShards && looked < count; i++ {
		var n int
		keys, n = s.scanShard(int(i), f, keys)
		looked += int64(n)
	}
	if i >= numShards {
		i = 0
	}
	return i, keys
}

// Rename moves src's value to dst, replacing dst. With nx it does nothing
// when dst exists. It reports whether it moved the value; renaming a key
// to itself moves nothing. ErrNoKey when src is missing.
func (s *Store) Rename(src, dst []byte, nx bool) (bool, error) {
	set := s.lockKeys(src, dst)
	defer s.unlockKeys(set)
	from, to := s.shardOf(src), s.shardOf(dst)
	v, ok := from.get(src)
	if !ok {
		return false, ErrNoKey
	}
	if string(src) == string(dst) {
		return false, nil
	}
	if _, exists := to.get(dst); exists && nx {
		return false, nil
	}
	from.del(src)
	to.put(dst, v)
	s.log("RENAME", bytesString(src), bytesString(dst))
	return true, nil
}

// RandomKey returns some key, or false when the store is empty.
func (s *Store) RandomKey() (string, bool) {
	start := rand.IntN(numShards)
	for j := range numShards {
		if k, ok := s.anyKey((start + j) % numShards); ok {
			return k, true
		}
	}
	return "", false
}

// anyKey returns a random key of shard i.
func (s *Store) anyKey(i int) (string, bool) {
	sh := &s.shards[i]
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	return sh.t.randomKey()
}
