// store_hash.go holds the database's hash operations: setting, deleting
// and incrementing fields, and reading a hash in place. Each write logs
// its effect (HSET of the result for the increments, so a replay is exact
// whatever the arithmetic), signals the key's change, and deletes a hash
// it leaves empty.
package main

import (
	"errors"
	"strconv"

	"nosql/internal/longdouble"
	"nosql/internal/pairlist"
)

// Errors of the hash increments, with Redis's wording.
var (
	ErrHashNotInt   = errors.New("hash value is not an integer")
	ErrHashNotFloat = errors.New("hash value is not a float")
	ErrNaNOrInf     = errors.New("value is NaN or Infinity")
)

// hashIn returns key's hash with its shard and table: nil for a missing
// key, ErrWrongType for another kind.
func (d *DB) hashIn(key []byte) (*shard, *table, *Hash, error) {
	return objectIn[*Hash](d, key)
}

// hashLimits returns the thresholds CONFIG sets for the listpack encoding.
func (d *DB) hashLimits() hashLimits {
	e := d.encodings()
	return hashLimits{entries: e.hashMaxListpackEntries, value: e.hashMaxListpackValue}
}

// hashForWrite returns key's hash for a write, with its shard and table,
// and whether it is new: a missing key's new empty hash, or a compact hash
// (packed into its record: value.go), is built in local, so that a write
// allocates none. The write stores it back with storeHash.
func (d *DB) hashForWrite(key []byte, local *Hash) (*shard, *table, *Hash, bool, error) {
	sh, t, v, packed, ok := d.getPacked(key)
	switch {
	case !ok:
		*local = Hash{lp: pairlist.Empty}
		return sh, t, local, true, nil
	case packed != "": // only compact hashes are packed
		*local = Hash{lp: pairlist.List(packed)}
		return sh, t, local, false, nil
	}
	h, isHash := v.obj.(*Hash)
	if !isHash {
		return sh, t, nil, false, ErrWrongType
	}
	return sh, t, h, false, nil
}

// storeHash stores h, which a write changed, under key: a compact hash is
// packed again; one that hashForWrite built in local and is no longer
// compact gets an object of its own; one that already had one was changed
// in place. A key stored anew (put reports it) is noted as new.
func (d *DB) storeHash(t *table, key []byte, h, local *Hash) {
	var created bool
	switch {
	case h.ht == nil:
		created = t.putPacked(bytesString(key), string(h.lp), d.clock())
	case h == local:
		o := *h
		created = t.put(bytesString(key), Value{obj: &o}, d.clock())
	}
	if created {
		d.created(key)
	}
}

// ReadHash calls fn with key's hash, under the shard's lock, so a reply
// can be written straight from it; fn must neither keep nor change h. It
// reports whether key exists, and returns ErrWrongType (without calling
// fn) for another kind.
func (d *DB) ReadHash(key []byte, fn func(h *Hash)) (bool, error) {
	_, _, h, err := d.hashIn(key)
	if h == nil || err != nil {
		return false, err
	}
	fn(h)
	return true, nil
}

// HashSet sets fields to values (pairs alternate field and value), as
// HSET, creating the hash if needed, and returns how many fields are new.
func (d *DB) HashSet(key []byte, pairs [][]byte) (int, error) {
	var local Hash
	sh, t, h, _, err := d.hashForWrite(key, &local)
	if err != nil {
		return 0, err
	}
	added := h.SetPairs(pairs, d.hashLimits())
	d.storeHash(t, key, h, &local)
	d.signal(sh, key)
	d.logHashCmd("HSET", key, pairs)
	d.notify(notifyHash, "hset", key)
	return added, nil
}

// HashSetNX sets field to val only if field is not in the hash, and
// reports whether it did.
func (d *DB) HashSetNX(key, field, val []byte) (bool, error) {
	_, _, h, err := d.hashIn(key)
	if err != nil {
		return false, err
	}
	if h != nil {
		if _, ok := h.Get(bytesString(field)); ok {
			return false, nil
		}
	}
	_, err = d.HashSet(key, [][]byte{field, val})
	return err == nil, err
}

// logHashCmd logs name key args... (a command that replays exactly).
func (d *DB) logHashCmd(name string, key []byte, args [][]byte) {
	if !d.logging() {
		return
	}
	rec := make([]string, 0, len(args)+2)
	rec = append(rec, name, bytesString(key))
	for _, a := range args {
		rec = append(rec, bytesString(a))
	}
	d.log(rec...)
}

// HashDel deletes fields and returns how many were there; a hash left
// empty is deleted.
func (d *DB) HashDel(key []byte, fields [][]byte) (int, error) {
	var local Hash
	sh, t, h, isNew, err := d.hashForWrite(key, &local)
	if isNew || err != nil {
		return 0, err
	}
	n := h.Delete(fields)
	if n == 0 {
		return 0, nil
	}
	d.storeHash(t, key, h, &local)
	if !d.changed(sh, t, key, h.Len(), notifyHash, "hdel") {
		d.logHashCmd("HDEL", key, fields)
	}
	return n, nil
}

// HashIncrBy adds delta to field's integer value (0 when missing) and
// returns the result: ErrHashNotInt for a value that is not an integer,
// ErrOverflow past 64 bits.
func (d *DB) HashIncrBy(key, field []byte, delta int64) (int64, error) {
	sh, t, h, err := d.hashIn(key)
	if err != nil {
		return 0, err
	}
	var n int64
	if h != nil {
		if old, ok := h.Get(bytesString(field)); ok {
			if n, ok = parseCanonicalInt(old); !ok {
				return 0, ErrHashNotInt
			}
		}
	}
	if (delta < 0 && n < 0 && delta < minInt64-n) || (delta > 0 && n > 0 && delta > maxInt64-n) {
		return 0, ErrOverflow
	}
	n += delta
	d.setField(sh, t, key, field, strconv.FormatInt(n, 10), "hincrby")
	return n, nil
}

// HashIncrByFloat adds incr to field's number (0 when missing) in long
// double arithmetic, as INCRBYFLOAT, and returns the result as stored.
// Errors in Redis's order: incr not a number (ErrNotFloat) or infinite
// (ErrNaNOrInf), the key of another kind, the value not a number
// (ErrHashNotFloat), the sum infinite (ErrFloatRange).
func (d *DB) HashIncrByFloat(key, field, incr []byte) (string, error) {
	b, ok := longdouble.Parse(bytesString(incr))
	switch {
	case !ok:
		return "", ErrNotFloat
	case b.IsInf():
		return "", ErrNaNOrInf
	}
	sh, t, h, err := d.hashIn(key)
	if err != nil {
		return "", err
	}
	a, _ := longdouble.Parse("0")
	if h != nil {
		if old, found := h.Get(bytesString(field)); found {
			if a, ok = longdouble.Parse(old); !ok {
				return "", ErrHashNotFloat
			}
		}
	}
	sum, ok := longdouble.Add(a, b)
	if !ok {
		return "", ErrFloatRange
	}
	v := longdouble.Format(sum)
	d.setField(sh, t, key, field, v, "hincrbyfloat")
	return v, nil
}

// setField stores an increment's result, creating the hash if needed,
// logs it as HSET and notes event.
func (d *DB) setField(sh *shard, t *table, key, field []byte, val, event string) {
	var local Hash
	_, _, h, _, _ := d.hashForWrite(key, &local)
	h.SetPairs([][]byte{field, []byte(val)}, d.hashLimits())
	d.storeHash(t, key, h, &local)
	d.signal(sh, key)
	d.log("HSET", bytesString(key), bytesString(field), val)
	d.notify(notifyHash, event, key)
}
