// store_bits.go holds the store's bit writes: SETBIT, BITFIELD and BITOP.
// Each computes with the pure functions of internal/bitmap, SETBIT and
// BITFIELD in place on a raw string (rawstring.go), and logs a record that
// repeats it exactly when replayed.
package main

import (
	"strconv"

	"nosql/internal/bitmap"
)

// SetBit sets bit offset of key's string to v (0 or 1), creating the key
// or padding its string with zero bytes as needed, and returns the bit's
// old value. The string becomes raw, even when nothing changes, as in
// Redis; nothing is logged then. maxLen bounds the capacity it reserves.
func (d *DB) SetBit(key []byte, offset int64, v byte, maxLen int64) (byte, error) {
	sh, t, old, ok, err := d.stringFor(key)
	if err != nil {
		return 0, err
	}
	r, grew := d.writable(t, key, old, ok, int(offset>>3)+1, maxLen)
	prev := bitmap.Set(r.B, offset, v)
	if !grew && prev == v {
		return v, nil
	}
	d.signal(sh, key)
	d.log("SETBIT", bytesString(key), formatInt(offset), string('0'+v))
	d.notify(notifyString, "setbit", key)
	return prev, nil
}

// bitfieldReply is one BITFIELD reply: a value, or null (ok false) for a
// write refused by OVERFLOW FAIL.
type bitfieldReply struct {
	v  int64
	ok bool
}

// BitField runs BITFIELD's operations in order on key's string. With
// only GETs a missing key reads as zeros and nothing is written;
// otherwise the key is created or zero-padded up to the farthest bit
// written (even if every write then fails), as Redis does; the string is
// then raw and changed in place. maxLen bounds the capacity it reserves.
func (d *DB) BitField(key []byte, ops []bitmap.FieldOp, maxLen int64) ([]bitfieldReply, error) {
	replies := make([]bitfieldReply, len(ops))
	var highest uint64
	writes := false
	for _, o := range ops {
		if o.Op != bitmap.FieldGet {
			writes = true
			highest = max(highest, o.Offset+uint64(o.Type.Bits)-1)
		}
	}
	if !writes {
		v, _, err := d.readString(key)
		if err != nil {
			return nil, err
		}
		for i, o := range ops {
			replies[i] = bitfieldReply{o.Type.Get(v.Str(), o.Offset), true}
		}
		return replies, nil
	}
	sh, t, old, ok, err := d.stringFor(key)
	if err != nil {
		return nil, err
	}
	r, grew := d.writable(t, key, old, ok, int(highest>>3)+1, maxLen)
	changed, wrote := grew, false // wrote: a write that Redis counts as a change
	for i := range ops {
		o := &ops[i]
		if o.Op == bitmap.FieldGet {
			replies[i] = bitfieldReply{o.Type.Get(bytesString(r.B), o.Offset), true}
			continue
		}
		v, done, ch := o.Apply(r.B)
		replies[i] = bitfieldReply{v, done}
		changed = changed || ch
		wrote = wrote || done && (grew || ch)
	}
	if changed {
		d.signal(sh, key)
		d.logBitField(bytesString(key), ops)
	}
	if wrote {
		d.notify(notifyString, "setbit", key)
	}
	return replies, nil
}

// logBitField logs a BITFIELD of ops' writes (GETs change nothing), each
// after its overflow rule, with offsets resolved to bits.
func (d *DB) logBitField(key string, ops []bitmap.FieldOp) {
	if !d.logging() {
		return
	}
	args := []string{"BITFIELD", key}
	for _, o := range ops {
		if o.Op == bitmap.FieldGet {
			continue
		}
		name, sign := "SET", "u"
		if o.Op == bitmap.FieldIncrBy {
			name = "INCRBY"
		}
		if o.Type.Signed {
			sign = "i"
		}
		args = append(args, "OVERFLOW", [...]string{"WRAP", "SAT", "FAIL"}[o.Overflow], name,
			sign+strconv.Itoa(int(o.Type.Bits)), strconv.FormatUint(o.Offset, 10), formatInt(o.Arg))
	}
	d.log(args...)
}

// BitOp stores in dest the BITOP of the srcs' strings (missing keys read
// as empty), as a raw string (Redis's encoding for it), and returns its
// length; an empty result deletes dest. opName is the operation as logged
// (AND, OR, XOR or NOT).
func (d *DB) BitOp(op byte, opName string, dest []byte, srcs [][]byte) (int, error) {
	keys := append([][]byte{dest}, srcs...)
	vals := make([]string, len(srcs))
	for i, k := range srcs {
		_, _, v, ok := d.get(k)
		if ok && !v.isString() {
			return 0, ErrWrongType
		}
		if !ok {
			d.missed(k)
		}
		vals[i] = v.Str()
	}
	res := bitmap.Combine(op, vals)
	if len(res) == 0 {
		d.Del(dest)
		return 0, nil
	}
	sh, t := d.replacing(dest)
	d.set(sh, t, dest, Value{obj: newRawString(res)})
	d.notify(notifyString, "set", dest)
	if d.logging() {
		args := make([]string, 0, len(keys)+2)
		args = append(args, "BITOP", opName)
		for _, k := range keys {
			args = append(args, bytesString(k))
		}
		d.log(args...)
	}
	return len(res), nil
}
