// cmd_bits.go holds the bit commands: SETBIT, GETBIT, BITCOUNT, BITPOS,
// BITOP, BITFIELD and BITFIELD_RO, with Redis 7.0's argument checks in
// Redis's order (arguments that are read before the key, the key's type,
// then the rest).
package main

import (
	"bytes"
	"strings"

	"nosql/internal/bitmap"
)

func bitCommands() []*command {
	const w, r, f = flagWrite, flagReadonly, flagFast
	return []*command{
		{name: "setbit", arity: 4, flags: w | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdSetBit},
		{name: "getbit", arity: 3, flags: r | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdGetBit},
		{name: "bitcount", arity: -2, flags: r, firstKey: 1, lastKey: 1, step: 1, fn: cmdBitCount},
		{name: "bitpos", arity: -3, flags: r, firstKey: 1, lastKey: 1, step: 1, fn: cmdBitPos},
		{name: "bitop", arity: -4, flags: w | flagDenyOOM, firstKey: 2, lastKey: -1, step: 1, fn: cmdBitOp},
		{name: "bitfield", arity: -2, flags: w | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdBitField},
		{name: "bitfield_ro", arity: -2, flags: r | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdBitFieldRO},
	}
}

const (
	errBitOffset    = "ERR bit offset is not an integer or out of range"
	errBitValue     = "ERR bit is not an integer or out of range"
	errBitArg       = "ERR The bit argument must be 1 or 0."
	errBitOpNot     = "ERR BITOP NOT must be called with a single source key."
	errBitfieldType = "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is."
	errOverflowType = "ERR Invalid OVERFLOW type specified"
	errBitfieldRO   = "ERR BITFIELD_RO only supports the GET subcommand"
)

// parseBitOffset parses a bit offset as Redis does: a canonical integer,
// or for BITFIELD (width > 0) "#n", meaning n×width; refused when
// negative or when its byte is past proto-max-bulk-len.
func parseBitOffset(arg []byte, width uint, maxBulk int64) (int64, bool) {
	hash := width > 0 && len(arg) > 0 && arg[0] == '#'
	if hash {
		arg = arg[1:]
	}
	n, ok := parseCanonicalInt(arg)
	if !ok {
		return 0, false
	}
	if hash {
		n *= int64(width) // wraps as Redis's does; the checks below refuse what wrapped negative
	}
	return n, n >= 0 && n>>3 < maxBulk
}

func cmdSetBit(c *client, args [][]byte) {
	offset, ok := parseBitOffset(args[2], 0, c.srv.set.maxBulk())
	if !ok {
		c.writeError(errBitOffset)
		return
	}
	v, ok := parseCanonicalInt(args[3])
	if !ok || v&^1 != 0 {
		c.writeError(errBitValue)
		return
	}
	old, err := c.db.SetBit(args[1], offset, byte(v), c.srv.set.maxBulk())
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeInt(int64(old))
}

func cmdGetBit(c *client, args [][]byte) {
	offset, ok := parseBitOffset(args[2], 0, c.srv.set.maxBulk())
	if !ok {
		c.writeError(errBitOffset)
		return
	}
	v, _, err := c.db.readString(args[1])
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeInt(int64(bitmap.At(v.Str(), offset)))
}

// parseUnit parses BITCOUNT's and BITPOS's BYTE|BIT: true for BIT.
func parseUnit(arg []byte) (inBits, ok bool) {
	switch {
	case strings.EqualFold(string(arg), "bit"):
		return true, true
	case strings.EqualFold(string(arg), "byte"):
		return false, true
	}
	return false, false
}

func cmdBitCount(c *client, args [][]byte) {
	v, exists, err := c.db.readString(args[1])
	switch {
	case err != nil:
		c.writeStoreError(err)
		return
	case !exists:
		c.writeInt(0)
		return
	case len(args) == 2:
		c.writeInt(bitmap.Count(v.Str()))
		return
	case len(args) > 5 || len(args) == 3:
		c.writeError(errSyntax)
		return
	}
	start, ok1 := parseCanonicalInt(args[2])
	end, ok2 := parseCanonicalInt(args[3])
	if !ok1 || !ok2 {
		c.writeError(errNotInteger)
		return
	}
	if start < 0 && end < 0 && start > end {
		c.writeInt(0)
		return
	}
	inBits := false
	if len(args) == 5 {
		var ok bool
		if inBits, ok = parseUnit(args[4]); !ok {
			c.writeError(errSyntax)
			return
		}
	}
	c.writeInt(bitmap.CountRange(v.Str(), start, end, inBits))
}

func cmdBitPos(c *client, args [][]byte) {
	bit, ok := parseCanonicalInt(args[2])
	switch {
	case !ok:
		c.writeError(errNotInteger)
		return
	case bit != 0 && bit != 1:
		c.writeError(errBitArg)
		return
	}
	v, exists, err := c.db.readString(args[1])
	switch {
	case err != nil:
		c.writeStoreError(err)
		return
	case !exists:
		c.writeInt(-bit)
		return
	case len(args) > 6:
		c.writeError(errSyntax)
		return
	}
	var start, end int64
	inBits := false
	if len(args) >= 4 {
		if start, ok = parseCanonicalInt(args[3]); !ok {
			c.writeError(errNotInteger)
			return
		}
	}
	if len(args) == 6 {
		if inBits, ok = parseUnit(args[5]); !ok {
			c.writeError(errSyntax)
			return
		}
	}
	if len(args) >= 5 {
		if end, ok = parseCanonicalInt(args[4]); !ok {
			c.writeError(errNotInteger)
			return
		}
	}
	c.writeInt(bitmap.Pos(v.Str(), byte(bit), start, end, len(args) >= 5, inBits))
}

func cmdBitOp(c *client, args [][]byte) {
	name := upperASCII(args[1])
	op, ok := map[string]byte{"AND": bitmap.And, "OR": bitmap.Or, "XOR": bitmap.Xor, "NOT": bitmap.Not}[name]
	switch {
	case !ok:
		c.writeError(errSyntax)
		return
	case op == bitmap.Not && len(args) != 4:
		c.writeError(errBitOpNot)
		return
	}
	n, err := c.db.BitOp(op, name, args[2], args[3:])
	c.writeLen(n, err)
}

func cmdBitField(c *client, args [][]byte)   { c.bitField(args, false) }
func cmdBitFieldRO(c *client, args [][]byte) { c.bitField(args, true) }

// bitField serves BITFIELD and BITFIELD_RO (readOnly: GET only).
func (c *client) bitField(args [][]byte, readOnly bool) {
	ops, errMsg := parseBitField(args[2:], c.srv.set.maxBulk())
	if errMsg != "" {
		c.writeError(errMsg)
		return
	}
	if readOnly {
		for _, o := range ops {
			if o.Op != bitmap.FieldGet {
				c.writeError(errBitfieldRO)
				return
			}
		}
	}
	replies, err := c.db.BitField(args[1], ops, c.srv.set.maxBulk())
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeArray(len(replies))
	for _, r := range replies {
		if r.ok {
			c.writeInt(r.v)
		} else {
			c.writeNull()
		}
	}
}

// parseBitField parses BITFIELD's subcommands (GET type offset, SET type
// offset value, INCRBY type offset increment, OVERFLOW WRAP|SAT|FAIL);
// on error it returns the error reply.
func parseBitField(args [][]byte, maxBulk int64) ([]bitmap.FieldOp, string) {
	var ops []bitmap.FieldOp
	overflow := bitmap.OverflowWrap
	for j := 0; j < len(args); j++ {
		rest := len(args) - j - 1
		var o bitmap.FieldOp
		switch sub := string(args[j]); {
		case strings.EqualFold(sub, "get") && rest >= 2:
			o.Op = bitmap.FieldGet
		case strings.EqualFold(sub, "set") && rest >= 3:
			o.Op = bitmap.FieldSet
		case strings.EqualFold(sub, "incrby") && rest >= 3:
			o.Op = bitmap.FieldIncrBy
		case strings.EqualFold(sub, "overflow") && rest >= 1:
			j++
			var ok bool
			if overflow, ok = parseOverflow(args[j]); !ok {
				return nil, errOverflowType
			}
			continue
		default:
			return nil, errSyntax
		}
		o.Overflow = overflow
		var ok bool
		if o.Type, ok = parseBitfieldType(args[j+1]); !ok {
			return nil, errBitfieldType
		}
		off, ok := parseBitOffset(args[j+2], o.Type.Bits, maxBulk)
		if !ok {
			return nil, errBitOffset
		}
		o.Offset = uint64(off)
		j += 2
		if o.Op != bitmap.FieldGet {
			j++
			if o.Arg, ok = parseCanonicalInt(args[j]); !ok {
				return nil, errNotInteger
			}
		}
		ops = append(ops, o)
	}
	return ops, ""
}

func parseOverflow(arg []byte) (byte, bool) {
	for i, name := range [...]string{"wrap", "sat", "fail"} {
		if strings.EqualFold(string(arg), name) {
			return byte(i), true
		}
	}
	return 0, false
}

// parseBitfieldType parses i1..i64 or u1..u63 ('i' and 'u' in lower case;
// like Redis, the width is read up to a zero byte).
func parseBitfieldType(arg []byte) (bitmap.FieldType, bool) {
	if len(arg) == 0 || (arg[0] != 'i' && arg[0] != 'u') {
		return bitmap.FieldType{}, false
	}
	width := arg[1:]
	if i := bytes.IndexByte(width, 0); i >= 0 {
		width = width[:i]
	}
	n, ok := parseCanonicalInt(width)
	signed := arg[0] == 'i'
	if !ok || n < 1 || n > 64 || (!signed && n > 63) {
		return bitmap.FieldType{}, false
	}
	return bitmap.FieldType{Signed: signed, Bits: uint(n)}, true
}
