// store_string.go holds the store's string operations beyond Get and Set:
// conditional sets, multi-key gets and sets, appends, range writes and
// float increments. Each write logs its effect while it holds the locks of
// the shards it touched.
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
// list is ErrWrongType and nothing is stored (SET ... GET, GETSET).
func (s *Store) SetIf(key, val []byte, cond SetCond, get bool) (SetResult, error) {
	sh := s.shardOf(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	old, ok := sh.get(key)
	if get && ok && old.list != nil {
		return SetResult{}, ErrWrongType
	}
	r := SetResult{Old: old.str, Existed: ok}
	if (cond == SetIfAbsent && ok) || (cond == SetIfPresent && !ok) {
		return r, nil
	}
	sh.put(key, Value{str: bytesString(val)})
	s.log("SET", bytesString(key), bytesString(val))
	r.Stored = true
	return r, nil
}

// GetDel deletes key and returns the string it held; ErrWrongType (and no
// delete) for a list.
func (s *Store) GetDel(key []byte) (string, bool, error) {
	sh := s.shardOf(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	v, ok := sh.get(key)
	switch {
	case !ok:
		return "", false, nil
	case v.list != nil:
		return "", false, ErrWrongType
	}
	sh.del(key)
	s.log("DEL", bytesString(key))
	return v.str, true, nil
}

// MGet returns the string value of each key at one instant; ok[i] is false
// for a missing key or one holding a list.
func (s *Store) MGet(keys [][]byte) (vals []string, ok []bool) {
	set := s.rlockKeys(keys...)
	defer s.runlockKeys(set)
	vals, ok = make([]string, len(keys)), make([]bool, len(keys))
	for i, k := range keys {
		v, found := s.shardOf(k).get(k)
		vals[i], ok[i] = v.str, found && v.list == nil
	}
	return vals, ok
}

// MSet stores each key/value pair of kv (key, value, key, value...) at once;
// with nx it stores nothing, and reports false, if any key exists.
func (s *Store) MSet(kv [][]byte, nx bool) bool {
	keys := make([][]byte, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		keys = append(keys, kv[i])
	}
	set := s.lockKeys(keys...)
	defer s.unlockKeys(set)
	if nx && s.anyExists(keys) {
		return false
	}
	var args []string // the journal's record, built only when logging
	if s.journal != nil {
		args = make([]string, 0, len(kv)+1)
		args = append(args, "MSET")
	}
	for i := 0; i+1 < len(kv); i += 2 {
		k, v := bytesString(kv[i]), bytesString(kv[i+1])
		s.shardOf(kv[i]).put(kv[i], Value{str: v})
		if args != nil {
			args = append(args, k, v)
		}
	}
	if args != nil {
		s.log(args...)
	}
	return true
}

// anyExists reports whether any of keys exists; the caller holds their locks.
func (s *Store) anyExists(keys [][]byte) bool {
	for _, k := range keys {
		if _, ok := s.shardOf(k).get(k); ok {
			return true
		}
	}
	return false
}

// lockedString returns key's string value, its shard's lock held by the
// caller; ErrWrongType for a list.
func (s *Store) lockedString(sh *shard, key []byte) (string, bool, error) {
	v, ok := sh.get(key)
	if ok && v.list != nil {
		return "", false, ErrWrongType
	}
	return v.str, ok, nil
}

// Append appends suffix to key's string (creating it) and returns the new
// length; ErrTooLarge past maxLen bytes.
func (s *Store) Append(key, suffix []byte, maxLen int64) (int, error) {
	sh := s.shardOf(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	old, ok, err := s.lockedString(sh, key)
	if err != nil {
		return 0, err
	}
	if ok && int64(len(old))+int64(len(suffix)) > maxLen {
		return 0, ErrTooLarge
	}
	sfx := bytesString(suffix)
	v := old + sfx
	sh.put(key, Value{str: v})
	s.log("APPEND", bytesString(key), sfx)
	return len(v), nil
}

// Strlen returns the length of key's string (0 when missing).
func (s *Store) Strlen(key []byte) (int, error) {
	v, _, err := s.GetString(key)
	return len(v), err
}

// SetRange overwrites key's string from offset with val, padding with zero
// bytes, and returns the new length. A missing key is created unless val is
// empty. ErrTooLarge when offset+len(val) exceeds maxLen.
func (s *Store) SetRange(key []byte, offset int64, val []byte, maxLen int64) (int, error) {
	sh := s.shardOf(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	old, _, err := s.lockedString(sh, key)
	switch {
	case err != nil:
		return 0, err
	case len(val) == 0:
		return len(old), nil
	case offset > maxLen-int64(len(val)):
		return 0, ErrTooLarge
	}
	v := overwrite(old, int(offset), val)
	sh.put(key, Value{str: v})
	s.log("SETRANGE", bytesString(key), strconv.FormatInt(offset, 10), bytesString(val))
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
func (s *Store) IncrByFloat(key, incr []byte) (string, error) {
	sh := s.shardOf(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	old, ok, err := s.lockedString(sh, key)
	if err != nil {
		return "", err
	}
	v, err := incrLongDouble(old, ok, incr)
	if err != nil {
		return "", err
	}
	sh.put(key, Value{str: v})
	s.log("SET", bytesString(key), v, "KEEPTTL")
	return v, nil
}

// GetStrings returns the string values of keys at one instant (missing
// keys read as empty); ErrWrongType if any holds a list.
func (s *Store) GetStrings(keys ...[]byte) ([]string, error) {
	set := s.rlockKeys(keys...)
	defer s.runlockKeys(set)
	vals := make([]string, len(keys))
	for i, k := range keys {
		v, _ := s.shardOf(k).get(k)
		if v.list != nil {
			return nil, ErrWrongType
		}
		vals[i] = v.str
	}
	return vals, nil
}
