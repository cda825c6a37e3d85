// store_bits.go holds the store's bit writes: SETBIT, BITFIELD and BITOP.
// Each computes with the pure functions of
// bits.go, and logs a record that repeats it exactly when replayed.
package main

import "strconv"

// grownCopy returns a copy of s at least n bytes long, zero-padded.
func grownCopy(s string, n int) []byte {
	b := make([]byte, max(len(s), n))
	copy(b, s)
	return b
}

// SetBit sets bit offset of key's string to v (0 or 1), creating the key
// or padding its string with zero bytes as needed, and returns the bit's
// old value. Nothing is written when nothing changes.
func (d *DB) SetBit(key []byte, offset int64, v byte) (byte, error) {
	sh, t, old, ok, err := d.stringFor(key)
	if err != nil {
		return 0, err
	}
	need := int(offset>>3) + 1
	if ok && len(old) >= need && bitAt(old, offset) == v {
		return v, nil
	}
	b := grownCopy(old, need)
	prev := setBit(b, offset, v)
	d.put(sh, t, key, Value{str: bytesString(b)})
	d.log("SETBIT", bytesString(key), formatInt(offset), string('0'+v))
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
// written (even if every write then fails), as Redis does.
func (d *DB) BitField(key []byte, ops []bitfieldOp) ([]bitfieldReply, error) {
	replies := make([]bitfieldReply, len(ops))
	var highest uint64
	writes := false
	for _, o := range ops {
		if o.op != fieldGet {
			writes = true
			highest = max(highest, o.offset+uint64(o.typ.bits)-1)
		}
	}
	if !writes {
		v, _, err := d.GetString(key)
		if err != nil {
			return nil, err
		}
		for i, o := range ops {
			replies[i] = bitfieldReply{o.typ.get(v, o.offset), true}
		}
		return replies, nil
	}
	sh, t, old, ok, err := d.stringFor(key)
	if err != nil {
		return nil, err
	}
	need := int(highest>>3) + 1
	changed := !ok || len(old) < need
	b := grownCopy(old, need)
	for i := range ops {
		o := &ops[i]
		if o.op == fieldGet {
			replies[i] = bitfieldReply{o.typ.get(bytesString(b), o.offset), true}
			continue
		}
		v, done, ch := o.apply(b)
		replies[i] = bitfieldReply{v, done}
		changed = changed || ch
	}
	if changed {
		d.put(sh, t, key, Value{str: bytesString(b)})
		d.logBitField(bytesString(key), ops)
	}
	return replies, nil
}

// logBitField logs a BITFIELD of ops' writes (GETs change nothing), each
// after its overflow rule, with offsets resolved to bits.
func (d *DB) logBitField(key string, ops []bitfieldOp) {
	if !d.rec.on {
		return
	}
	args := []string{"BITFIELD", key}
	for _, o := range ops {
		if o.op == fieldGet {
			continue
		}
		name, sign := "SET", "u"
		if o.op == fieldIncrBy {
			name = "INCRBY"
		}
		if o.typ.signed {
			sign = "i"
		}
		args = append(args, "OVERFLOW", [...]string{"WRAP", "SAT", "FAIL"}[o.overflow], name,
			sign+strconv.Itoa(int(o.typ.bits)), strconv.FormatUint(o.offset, 10), formatInt(o.arg))
	}
	d.log(args...)
}

// BitOp stores in dest the BITOP of the srcs' strings (missing keys read
// as empty) and returns its length; an empty result deletes dest. opName
// is the operation as logged (AND, OR, XOR or NOT).
func (d *DB) BitOp(op byte, opName string, dest []byte, srcs [][]byte) (int, error) {
	keys := append([][]byte{dest}, srcs...)
	vals := make([]string, len(srcs))
	for i, k := range srcs {
		_, _, v, ok := d.get(k)
		if ok && !v.isString() {
			return 0, ErrWrongType
		}
		vals[i] = v.str
	}
	res := bitOp(op, vals)
	if len(res) == 0 {
		d.Del(dest)
		return 0, nil
	}
	sh, t := d.table(dest)
	d.set(sh, t, dest, Value{str: bytesString(res)})
	if d.rec.on {
		args := make([]string, 0, len(keys)+2)
		args = append(args, "BITOP", opName)
		for _, k := range keys {
			args = append(args, bytesString(k))
		}
		d.log(args...)
	}
	return len(res), nil
}
