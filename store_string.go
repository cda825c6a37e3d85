// store_string.go holds the store's string operations beyond Get and Set:
// conditional sets, multi-key gets and sets, appends, range writes and
// float increments. Appends and range writes change a raw string in place
// (rawstring.go). Each write logs its effect; dispatch holds the locks of
// the shards it touches.
package main

import (
	"errors"
	"strconv"

	"nosql/internal/longdouble"
)

// ErrTooLarge is the error for a write that would make a string longer than
// the longest bulk string the server accepts (proto-max-bulk-len).
var ErrTooLarge = errors.New("string exceeds maximum allowed size (proto-max-bulk-len)")

// SetCond says when SetIf stores its value.
type SetCond uint8

// The conditions of SET: always, NX (key absent), XX (key present).
const (
	SetAlways SetCond = iota
	SetIfAbsent
	SetIfPresent
)

// SetResult is what SetIf found and did.
type SetResult struct {
	Old     string // the key's previous string value (when Existed); it never changes
	Existed bool   // the key held a value
	Stored  bool   // the new value was stored
}

// SetIf stores val under key when cond allows. With get, a key holding a
// list is ErrWrongType and nothing is stored (SET ... GET, GETSET). The key
// expires at expireAt (Unix milliseconds) when it is not 0, keeps its
// expiry with keepTTL, and loses it otherwise.
func (d *DB) SetIf(key, val []byte, cond SetCond, get bool, expireAt int64, keepTTL bool) (SetResult, error) {
	sh, t, old, ok := d.get(key)
	if get && ok && !old.isString() {
		return SetResult{}, ErrWrongType
	}
	if get && !ok {
		d.missed(key)
	}
	r := SetResult{Existed: ok}
	if (cond == SetIfAbsent && ok) || (cond == SetIfPresent && !ok) {
		if ok && old.isString() {
			r.Old = old.keep()
		}
		return r, nil
	}
	r.Old = old.Str() // replaced below: a raw string's bytes change no more
	k, v := bytesString(key), bytesString(val)
	switch {
	case keepTTL:
		d.put(sh, t, key, Value{str: v})
		d.log("SET", k, v, "KEEPTTL")
	case expireAt != 0:
		d.put(sh, t, key, Value{str: v})
		t.expireAt(k, expireAt)
		d.log("SET", k, v, "PXAT", formatInt(expireAt))
	default:
		d.set(sh, t, key, Value{str: v})
		d.log("SET", k, v)
	}
	d.notify(notifyString, "set", key)
	if expireAt != 0 {
		d.notify(notifyGeneric, "expire", key)
	}
	r.Stored = true
	return r, nil
}

// GetDel deletes key and returns the string it held; ErrWrongType (and no
// delete) for a list.
func (d *DB) GetDel(key []byte) (string, bool, error) {
	sh, t, v, ok := d.get(key)
	switch {
	case !ok:
		d.missed(key)
		return "", false, nil
	case !v.isString():
		return "", false, ErrWrongType
	}
	d.del(sh, t, key)
	d.log("DEL", bytesString(key))
	d.deleted(key)
	return v.keep(), true, nil
}

// MGet returns the string value of each key (strings that never change);
// ok[i] is false for a missing key or one of another kind.
func (d *DB) MGet(keys [][]byte) (vals []string, ok []bool) {
	vals, ok = make([]string, len(keys)), make([]bool, len(keys))
	for i, k := range keys {
		_, _, v, found := d.get(k)
		if found && v.isString() {
			vals[i], ok[i] = v.keep(), true
		}
	}
	return vals, ok
}

// MSet stores each key/value pair of kv (key, value, key, value...) and
// clears their expiry; with nx it stores nothing, and reports false, if
// any key exists.
func (d *DB) MSet(kv [][]byte, nx bool) bool {
	if nx {
		for i := 0; i < len(kv); i += 2 {
			if _, _, _, ok := d.get(kv[i]); ok {
				return false
			}
		}
	}
	var args []string // the journal's record, built only when logging
	if d.logging() {
		args = make([]string, 0, len(kv)+1)
		args = append(args, "MSET")
	}
	for i := 0; i+1 < len(kv); i += 2 {
		sh, t := d.replacing(kv[i])
		d.set(sh, t, kv[i], Value{str: bytesString(kv[i+1])})
		d.notify(notifyString, "set", kv[i])
		if args != nil {
			args = append(args, bytesString(kv[i]), bytesString(kv[i+1]))
		}
	}
	if args != nil {
		d.log(args...)
	}
	return true
}

// stringFor returns key's string Value (to be read with Str) with its
// shard and table; ErrWrongType for another kind.
func (d *DB) stringFor(key []byte) (*shard, *table, Value, bool, error) {
	sh, t, v, ok := d.get(key)
	if ok && !v.isString() {
		return sh, t, Value{}, false, ErrWrongType
	}
	return sh, t, v, ok, nil
}

// writable returns key's string v (found by stringFor; ok: it exists) as
// a raw string to change in place, at least n bytes long (zero-padded),
// and reports whether it is new or longer. A missing key is created n
// bytes long, as Redis creates it; a packed string is converted, copied
// once, as Redis converts a string it changes to a raw one. limit bounds
// the capacity a growing string reserves.
func (d *DB) writable(t *table, key []byte, v Value, ok bool, n int, limit int64) (*rawString, bool) {
	r := v.raw()
	switch {
	case !ok:
		r = newRawString(make([]byte, n))
		d.add(t, key, Value{obj: r})
		return r, true
	case r == nil:
		r = sharedRaw(v.str)
		t.put(bytesString(key), Value{obj: r}, d.clock())
	}
	return r, r.Extend(n, limit)
}

// Append appends suffix to key's string and returns the new length;
// ErrTooLarge past maxLen bytes. It costs what it appends: the string is
// raw and grows in place. A missing key is created holding suffix as SET
// would store it, as Redis does.
func (d *DB) Append(key, suffix []byte, maxLen int64) (int, error) {
	sh, t, v, ok, err := d.stringFor(key)
	old := len(v.Str())
	switch {
	case err != nil:
		return 0, err
	case !ok:
		d.put(sh, t, key, Value{str: bytesString(suffix)})
	case int64(old)+int64(len(suffix)) > maxLen:
		return 0, ErrTooLarge
	default:
		r, _ := d.writable(t, key, v, ok, old+len(suffix), maxLen)
		copy(r.B[old:], suffix)
		d.signal(sh, key)
	}
	d.log("APPEND", bytesString(key), bytesString(suffix))
	d.notify(notifyString, "append", key)
	return old + len(suffix), nil
}

// Strlen returns the length of key's string (0 when missing).
func (d *DB) Strlen(key []byte) (int, error) {
	v, _, err := d.readString(key)
	return len(v.Str()), err
}

// SetRange overwrites key's string from offset with val, padding with zero
// bytes, and returns the new length. A missing key is created unless val is
// empty. ErrTooLarge when offset+len(val) exceeds maxLen. It costs what it
// writes (and pads): the string is raw and changes in place.
func (d *DB) SetRange(key []byte, offset int64, val []byte, maxLen int64) (int, error) {
	sh, t, v, ok, err := d.stringFor(key)
	switch {
	case err != nil:
		return 0, err
	case len(val) == 0:
		return len(v.Str()), nil
	case offset > maxLen-int64(len(val)):
		return 0, ErrTooLarge
	}
	r, _ := d.writable(t, key, v, ok, int(offset)+len(val), maxLen)
	copy(r.B[offset:], val)
	d.signal(sh, key)
	d.log("SETRANGE", bytesString(key), strconv.FormatInt(offset, 10), bytesString(val))
	d.notify(notifyString, "setrange", key)
	return len(r.B), nil
}

// IncrByFloat adds incr (a number as INCRBYFLOAT reads it) to key's value
// in long double arithmetic and returns the result as stored. It is
// logged as a SET of the result, so that replay never redoes the
// arithmetic (KEEPTTL: the increment keeps the key's expiry).
func (d *DB) IncrByFloat(key, incr []byte) (string, error) {
	sh, t, old, ok, err := d.stringFor(key)
	if err != nil {
		return "", err
	}
	v, err := longdouble.Incr(old.Str(), ok, bytesString(incr))
	if err != nil {
		return "", err
	}
	d.put(sh, t, key, Value{str: v})
	d.log("SET", bytesString(key), v, "KEEPTTL")
	d.notify(notifyString, "incrbyfloat", key)
	return v, nil
}

// GetStrings returns the string values of keys (missing keys read as
// empty), to be read while the command runs (a raw string's bytes change
// with the next write); ErrWrongType if any holds another kind.
func (d *DB) GetStrings(keys ...[]byte) ([]string, error) {
	vals := make([]string, len(keys))
	for i, k := range keys {
		_, _, v, _ := d.get(k)
		if !v.isString() {
			return nil, ErrWrongType
		}
		vals[i] = v.Str()
	}
	return vals, nil
}
