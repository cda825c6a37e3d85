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

// hashForWrite returns key's hash, or a new empty one (not yet stored)
// when key is missing, and whether it is new. A write stores it back with
// storeHash.
func (d *DB) hashForWrite(key []byte) (*shard, *table, *Hash, bool, error) {
	sh, t, h, err := d.hashIn(key)
	if err == nil && h == nil {
		return sh, t, &Hash{lp: pairlist.Empty}, true, nil
	}
	return sh, t, h, false, err
}

// storeHash stores h, which a write changed, under key: a new hash is
// added (noted as new), and a compact one, which is packed into its
// record (value.go), packed again.
func (d *DB) storeHash(t *table, key []byte, h *Hash, isNew bool) {
	if isNew {
		d.add(t, key, Value{obj: h})
	} else {
		t.put(bytesString(key), Value{obj: h}, d.clock())
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
	sh, t, h, isNew, err := d.hashForWrite(key)
	if err != nil {
		return 0, err
	}
	added := h.SetPairs(pairs, d.hashLimits())
	d.storeHash(t, key, h, isNew)
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
	sh, t, h, err := d.hashIn(key)
	if h == nil || err != nil {
		return 0, err
	}
	n := h.Delete(fields)
	if n == 0 {
		return 0, nil
	}
	d.storeHash(t, key, h, false)
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
	_, _, h, isNew, _ := d.hashForWrite(key)
	h.SetPairs([][]byte{field, []byte(val)}, d.hashLimits())
	d.storeHash(t, key, h, isNew)
	d.signal(sh, key)
	d.log("HSET", bytesString(key), bytesString(field), val)
	d.notify(notifyHash, event, key)
}
