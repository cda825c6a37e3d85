// store_string.go holds the store's string operations beyond Get and Set:
// conditional sets, multi-key gets and sets, appends, range writes and
// float increments. Each write logs its effect; dispatch holds the locks of
// the shards it touches.
package main

import (
	"errors"
	"strconv"
	"strings"
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
	Old     string // the key's previous string value (when Existed)
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
	r := SetResult{Old: old.str, Existed: ok}
	if (cond == SetIfAbsent && ok) || (cond == SetIfPresent && !ok) {
		return r, nil
	}
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
	r.Stored = true
	return r, nil
}

// GetDel deletes key and returns the string it held; ErrWrongType (and no
// delete) for a list.
func (d *DB) GetDel(key []byte) (string, bool, error) {
	sh, t, v, ok := d.get(key)
	switch {
	case !ok:
		return "", false, nil
	case !v.isString():
		return "", false, ErrWrongType
	}
	d.del(sh, t, key)
	d.log("DEL", bytesString(key))
	return v.str, true, nil
}

// MGet returns the string value of each key; ok[i] is false for a missing
// key or one holding a list.
func (d *DB) MGet(keys [][]byte) (vals []string, ok []bool) {
	vals, ok = make([]string, len(keys)), make([]bool, len(keys))
	for i, k := range keys {
		_, _, v, found := d.get(k)
		vals[i], ok[i] = v.str, found && v.isString()
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
	if d.rec.on {
		args = make([]string, 0, len(kv)+1)
		args = append(args, "MSET")
	}
	for i := 0; i+1 < len(kv); i += 2 {
		sh, t := d.table(kv[i])
		d.set(sh, t, kv[i], Value{str: bytesString(kv[i+1])})
		if args != nil {
			args = append(args, bytesString(kv[i]), bytesString(kv[i+1]))
		}
	}
	d.log(args...)
	return true
}

// stringFor returns key's string value with its shard and table;
// ErrWrongType for a list.
func (d *DB) stringFor(key []byte) (*shard, *table, string, bool, error) {
	sh, t, v, ok := d.get(key)
	if ok && !v.isString() {
		return sh, t, "", false, ErrWrongType
	}
	return sh, t, v.str, ok, nil
}

// Append appends suffix to key's string (creating it) and returns the new
// length; ErrTooLarge past maxLen bytes.
func (d *DB) Append(key, suffix []byte, maxLen int64) (int, error) {
	sh, t, old, ok, err := d.stringFor(key)
	if err != nil {
		return 0, err
	}
	if ok && int64(len(old))+int64(len(suffix)) > maxLen {
		return 0, ErrTooLarge
	}
	sfx := bytesString(suffix)
	v := old + sfx
	d.put(sh, t, key, Value{str: v})
	d.log("APPEND", bytesString(key), sfx)
	return len(v), nil
}

// Strlen returns the length of key's string (0 when missing).
func (d *DB) Strlen(key []byte) (int, error) {
	v, _, err := d.GetString(key)
	return len(v), err
}

// SetRange overwrites key's string from offset with val, padding with zero
// bytes, and returns the new length. A missing key is created unless val is
// empty. ErrTooLarge when offset+len(val) exceeds maxLen.
func (d *DB) SetRange(key []byte, offset int64, val []byte, maxLen int64) (int, error) {
	sh, t, old, _, err := d.stringFor(key)
	switch {
	case err != nil:
		return 0, err
	case len(val) == 0:
		return len(old), nil
	case offset > maxLen-int64(len(val)):
		return 0, ErrTooLarge
	}
	v := overwrite(old, int(offset), val)
	d.put(sh, t, key, Value{str: v})
	d.log("SETRANGE", bytesString(key), strconv.FormatInt(offset, 10), bytesString(val))
	return len(v), nil
}

// overwrite returns old with val written at offset, zero-padded as needed,
// building the result in one allocation.
func overwrite(old string, offset int, val []byte) string {
	var b strings.Builder
	b.Grow(max(len(old), offset+len(val)))
	if offset <= len(old) {
		b.WriteString(old[:offset])
	} else {
		b.WriteString(old)
		var zeros [4096]byte
		for pad := offset - len(old); pad > 0; pad -= len(zeros) {
			b.Write(zeros[:min(pad, len(zeros))])
		}
	}
	b.Write(val)
	if end := offset + len(val); end < len(old) {
		b.WriteString(old[end:])
	}
	return b.String()
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
	v, err := incrLongDouble(old, ok, incr)
	if err != nil {
		return "", err
	}
	d.put(sh, t, key, Value{str: v})
	d.log("SET", bytesString(key), v, "KEEPTTL")
	return v, nil
}

// GetStrings returns the string values of keys (missing
// keys read as empty); ErrWrongType if any holds a list.
func (d *DB) GetStrings(keys ...[]byte) ([]string, error) {
	vals := make([]string, len(keys))
	for i, k := range keys {
		_, _, v, _ := d.get(k)
		if !v.isString() {
			return nil, ErrWrongType
		}
		vals[i] = v.str
	}
	return vals, nil
}
