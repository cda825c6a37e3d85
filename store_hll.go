// store_hll.go holds the database's HyperLogLog operations (PFADD,
// PFCOUNT, PFMERGE) over string values in Redis's representation (internal/hll). A value
// being changed is made a raw string the command owns and changes in
// place. The log gets records that rebuild the same bytes whatever
// hll-sparse-max-bytes is at replay: a sparse result, or one that just
// became dense, is logged as SET of its bytes (KEEPTTL); a change to an
// HLL that was already dense as the command itself (dense updates do not
// depend on the configuration); PFCOUNT's refreshed cache as SETRANGE of
// its eight bytes.
package main

import (
	"errors"
	"unsafe"

	"nosql/internal/hll"
)

// HyperLogLog store errors.
var (
	ErrNotHLL     = errors.New("not a HyperLogLog")
	ErrInvalidHLL = errors.New("corrupted HyperLogLog")
)

// stringBytes returns s's bytes to be read, not written.
func stringBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// hllRead returns key's HLL bytes to be read while the command runs (nil
// when the key is missing); ErrWrongType for another kind, ErrNotHLL for
// a string that is no HLL.
func (d *DB) hllRead(key []byte) ([]byte, error) {
	v, ok, err := d.readString(key)
	switch {
	case err != nil || !ok:
		return nil, err
	case !hll.Valid(stringBytes(v.Str())):
		return nil, ErrNotHLL
	}
	return stringBytes(v.Str()), nil
}

// hllWritable returns key's HLL as a raw string to change in place, a new
// empty HLL (stored) when key is missing, and reports whether it was
// created; errors as hllRead.
func (d *DB) hllWritable(key []byte) (*rawString, bool, error) {
	sh, t, v, ok, err := d.stringFor(key)
	switch {
	case err != nil:
		return nil, false, err
	case !ok:
		r := newRawString(hll.New())
		d.put(sh, t, key, Value{obj: r})
		return r, true, nil
	case !hll.Valid(stringBytes(v.Str())):
		return nil, false, ErrNotHLL
	}
	r, _ := d.writable(t, key, v, ok, len(v.Str()), maxInt64)
	return r, false, nil
}

// PFAdd adds elems to key's HLL (created when missing) and reports
// whether any register changed (or the key was created).
func (d *DB) PFAdd(key []byte, elems [][]byte) (bool, error) {
	r, updated, err := d.hllWritable(key)
	if err != nil {
		return false, err
	}
	wasDense := hll.IsDense(r.B)
	lim := d.encodings().hllSparseMaxBytes
	for _, e := range elems {
		var res int
		r.B, res = hll.Add(r.B, e, lim)
		if res < 0 {
			if updated {
				d.logHLL(key, r.B)
			}
			return false, ErrInvalidHLL
		}
		updated = updated || res == 1
	}
	if !updated {
		return false, nil
	}
	hll.Invalidate(r.B)
	sh, _ := d.table(key)
	d.signal(sh, key)
	if wasDense {
		d.log(append([]string{"PFADD", string(key)}, bytesStrings(elems)...)...)
	} else {
		d.logHLL(key, r.B)
	}
	d.notify(notifyString, "pfadd", key)
	return true, nil
}

// logHLL logs a SET of key's HLL bytes that keeps its expiry.
func (d *DB) logHLL(key, b []byte) {
	if d.logging() {
		d.log("SET", string(key), string(b), "KEEPTTL")
	}
}

// bytesStrings copies args as strings.
func bytesStrings(args [][]byte) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = string(a)
	}
	return out
}

// PFCount returns the cardinality of key's HLL: the cached one while it is
// valid, else estimated and cached (a write, logged as SETRANGE of the
// cache's bytes).
func (d *DB) PFCount(key []byte) (uint64, error) {
	sh, t, v, ok, err := d.stringFor(key)
	b := stringBytes(v.Str())
	switch {
	case err != nil || !ok:
		return 0, err
	case !hll.Valid(b):
		return 0, ErrNotHLL
	case hll.CacheValid(b):
		return hll.Card(b), nil
	}
	card, valid := hll.Count(b)
	if !valid {
		return 0, ErrInvalidHLL
	}
	r, _ := d.writable(t, key, v, ok, len(b), maxInt64)
	hll.SetCard(r.B, card)
	d.signal(sh, key)
	d.log("SETRANGE", string(key), "8", string(r.B[8:16]))
	return card, nil
}

// PFCountUnion returns the cardinality of the union of keys' HLLs
// (missing keys count as empty).
func (d *DB) PFCountUnion(keys [][]byte) (uint64, error) {
	regs, _, err := d.hllUnion(keys)
	if err != nil {
		return 0, err
	}
	return hll.CountRegisters(regs), nil
}

// hllUnion merges keys' HLLs into one register array and reports whether
// any of them is dense.
func (d *DB) hllUnion(keys [][]byte) (*[hll.Registers]uint8, bool, error) {
	regs := new([hll.Registers]uint8)
	dense := false
	for _, k := range keys {
		b, err := d.hllRead(k)
		switch {
		case err != nil:
			return nil, false, err
		case b == nil:
			d.missed(k)
			continue
		case !hll.Merge(regs, b):
			return nil, false, ErrInvalidHLL
		}
		dense = dense || hll.IsDense(b)
	}
	return regs, dense, nil
}

// PFMerge makes dst (keys[0]) the union of keys' HLLs, dst included. The
// result is dense when any of them is, as in Redis; the command is logged
// as itself then, else as SET of the bytes.
func (d *DB) PFMerge(keys [][]byte) error {
	regs, dense, err := d.hllUnion(keys)
	if err != nil {
		return err
	}
	dst := keys[0]
	r, _, _ := d.hllWritable(dst)
	if dense {
		var ok bool
		if r.B, ok = hll.ToDense(r.B); !ok {
			return ErrInvalidHLL
		}
	}
	lim := d.encodings().hllSparseMaxBytes
	for i, v := range regs {
		if v > 0 {
			r.B, _ = hll.Set(r.B, i, v, lim)
		}
	}
	hll.Invalidate(r.B)
	sh, _ := d.table(dst)
	d.signal(sh, dst)
	if dense {
		d.log(append([]string{"PFMERGE"}, bytesStrings(keys)...)...)
	} else {
		d.logHLL(dst, r.B)
	}
	d.notify(notifyString, "pfadd", dst) // as Redis, for a merge too
	return nil
}

// PFDebugHLL returns key's HLL for PFDEBUG, made dense first when toDense
// (a write, logged as SET of the bytes), and reports whether it was
// converted; ErrNoKey when key is missing.
func (d *DB) PFDebugHLL(key []byte, toDense bool) ([]byte, bool, error) {
	sh, t, v, ok, err := d.stringFor(key)
	b := stringBytes(v.Str())
	switch {
	case err != nil:
		return nil, false, err
	case !ok:
		return nil, false, ErrNoKey
	case !hll.Valid(b):
		return nil, false, ErrNotHLL
	case !toDense || hll.IsDense(b):
		return b, false, nil
	}
	dense, valid := hll.ToDense(b)
	if !valid {
		return nil, false, ErrInvalidHLL
	}
	d.put(sh, t, key, Value{obj: newRawString(dense)})
	d.logHLL(key, dense)
	return dense, true, nil
}
