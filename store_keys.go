// store_keys.go holds the store's operations on keys of any type: EXISTS,
// TYPE, KEYS, SCAN, RENAME and RANDOMKEY.
package main

import (
	"math/rand/v2"

	"nosql/internal/glob"
)

// Exists counts the keys that exist; a key named twice counts twice.
func (d *DB) Exists(keys ...[]byte) int {
	n := 0
	for _, key := range keys {
		if _, _, _, ok := d.get(key); ok {
			n++
		}
	}
	return n
}

// idleTime returns the seconds since key's last access at LRU clock now
// (OBJECT IDLETIME); key must exist.
func (d *DB) idleTime(key []byte, now uint32) int64 {
	_, t := d.table(key)
	lru, _ := t.lru(bytesString(key))
	return lruIdle(now, lru)
}

// Type returns the Redis TYPE of key: "none", "string" or "list".
func (d *DB) Type(key []byte) string {
	_, _, v, ok := d.get(key)
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
	if !f.allKeys() && !glob.Match(f.pattern, key) {
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

// Keys returns the keys matching pattern, shard by shard; dispatch holds
// every shard's lock.
func (d *DB) Keys(pattern string) []string {
	f := keyFilter{pattern: pattern}
	var keys []string
	for i := range d.s.shards {
		keys, _ = d.scanShard(i, f, keys, false)
	}
	return keys
}

// scanShard appends the keys of shard i that pass f and have not expired
// to keys, and returns them with the number of keys the shard held. With
// expire, the expired keys that pass f are deleted, as Redis's SCAN
// deletes those it meets (KEYS leaves them).
func (d *DB) scanShard(i int, f keyFilter, keys []string, expire bool) ([]string, int) {
	sh := &d.s.shards[i]
	t := &sh.dbs[d.n]
	n := t.len()
	var gone []string
	t.each(func(k string, v Value) bool {
		switch {
		case !f.accepts(k, v):
		case !t.expired(k, d.time()):
			keys = append(keys, k)
		case expire:
			gone = append(gone, k)
		}
		return true
	})
	for _, k := range gone {
		d.expiredIn(sh, t, []byte(k))
	}
	return keys, n
}

// Scan is one SCAN step: starting at shard cursor, it scans whole shards
// until it has looked at count keys or more, and returns the next shard's
// index, or 0 past the last shard. Every key present throughout a full
// iteration is returned at least once.
func (d *DB) Scan(cursor uint64, count int64, f keyFilter) (uint64, []string) {
	var keys []string
	looked := int64(0)
	i := cursor
	for ; i < numShards && looked < count; i++ {
		var n int
		keys, n = d.scanShard(int(i), f, keys, true)
		looked += int64(n)
	}
	if i >= numShards {
		i = 0
	}
	return i, keys
}

// Rename moves src's value and expiry to dst, replacing dst. With nx it
// does nothing when dst exists. It reports whether it moved the value;
// renaming a key to itself moves nothing. ErrNoKey when src is missing.
func (d *DB) Rename(src, dst []byte, nx bool) (bool, error) {
	fsh, from, v, ok := d.get(src)
	if !ok {
		return false, ErrNoKey
	}
	when, volatile := from.expiry(bytesString(src))
	if string(src) == string(dst) {
		return false, nil
	}
	tsh, to, _, exists := d.get(dst)
	if exists && nx {
		return false, nil
	}
	if exists { // deleted first, so dst is new, as in Redis
		d.del(tsh, to, dst)
	}
	d.set(tsh, to, dst, v)
	if volatile {
		to.expireAt(bytesString(dst), when)
	}
	d.del(fsh, from, src)
	d.log("RENAME", bytesString(src), bytesString(dst))
	d.notify(notifyGeneric, "rename_from", src)
	d.notify(notifyGeneric, "rename_to", dst)
	return true, nil
}

// RandomKey returns a key chosen with the same chance for every key, or
// false when the database is empty; dispatch holds every shard's lock.
// Expired keys it meets are deleted.
func (d *DB) RandomKey() (string, bool) {
	for {
		total := 0
		for i := range d.s.shards {
			total += d.s.shards[i].dbs[d.n].len()
		}
		if total == 0 {
			return "", false
		}
		r := rand.IntN(total)
		for i := range d.s.shards {
			t := &d.s.shards[i].dbs[d.n]
			if r >= t.len() {
				r -= t.len()
				continue
			}
			k := t.nth(r)
			if _, _, _, ok := d.get([]byte(k)); ok {
				return k, true
			}
			break // it had expired, and is gone: draw again
		}
	}
}

// Len returns the number of keys in the database (expired keys not yet
// reclaimed included, as in Redis's DBSIZE); dispatch holds every lock.
func (d *DB) Len() int {
	n := 0
	for i := range d.s.shards {
		n += d.s.shards[i].dbs[d.n].len()
	}
	return n
}
