// cmsgpack.go is the cmsgpack library Redis gives scripts
// (lua-cmsgpack): pack of any number of values, unpack, unpack_one and
// unpack_limit, with its encodings (the smallest integer form, float32
// when exact, arrays for tables keyed 1..n) and its nesting limit of 16.
package scriptlibs

import (
	"encoding/binary"
	"math"

	"nosql/internal/lua"
)

const msgpackMaxNesting = 16

func openCmsgpack(L *lua.State) {
	t := lua.NewTable(0, 8)
	set := func(name string, f func(L *lua.State, args []lua.Value) []lua.Value) {
		t.Set(name, &lua.GoFunction{Name: name, Fn: f})
	}
	set("pack", func(L *lua.State, args []lua.Value) []lua.Value {
		if len(args) == 0 {
			L.Errorf("MessagePack pack needs input.")
		}
		var b []byte
		for _, a := range args {
			b = msgpackEncode(L, b, a, 0)
		}
		L.Charge(len(b))
		return []lua.Value{string(b)}
	})
	set("unpack", func(L *lua.State, args []lua.Value) []lua.Value {
		_, vals := msgpackUnpack(L, L.CheckString(args, 0, "unpack"), 0, 0)
		return vals
	})
	set("unpack_one", func(L *lua.State, args []lua.Value) []lua.Value {
		off, vals := msgpackUnpack(L, L.CheckString(args, 0, "unpack_one"), 1, L.OptInt(args, 1, "unpack_one", 0))
		return append([]lua.Value{float64(off)}, vals...)
	})
	set("unpack_limit", func(L *lua.State, args []lua.Value) []lua.Value {
		s := L.CheckString(args, 0, "unpack_limit")
		off, vals := msgpackUnpack(L, s, L.CheckInt(args, 1, "unpack_limit"), L.OptInt(args, 2, "unpack_limit", 0))
		return append([]lua.Value{float64(off)}, vals...)
	})
	t.Set("_NAME", "cmsgpack")
	t.Set("_VERSION", "lua-cmsgpack 0.4.0")
	L.Globals.Set("cmsgpack", t)
}

func msgpackEncode(L *lua.State, b []byte, v lua.Value, depth int) []byte {
	if len(b) > lua.MaxStringLen {
		L.Errorf("resulting string too large")
	}
	switch x := v.(type) {
	case bool:
		if x {
			return append(b, 0xc3)
		}
		return append(b, 0xc2)
	case float64:
		if x == math.Trunc(x) && x >= -(1<<63) && x < 1<<63 && !math.IsInf(x, 0) {
			return msgpackInt(b, int64(x))
		}
		if f := float32(x); float64(f) == x {
			return binary.BigEndian.AppendUint32(append(b, 0xca), math.Float32bits(f))
		}
		return binary.BigEndian.AppendUint64(append(b, 0xcb), math.Float64bits(x))
	case string:
		n := len(x)
		switch {
		case n < 32:
			b = append(b, 0xa0|byte(n))
		case n <= 0xff:
			b = append(b, 0xd9, byte(n))
		case n <= 0xffff:
			b = binary.BigEndian.AppendUint16(append(b, 0xda), uint16(n))
		default:
			b = binary.BigEndian.AppendUint32(append(b, 0xdb), uint32(n))
		}
		return append(b, x...)
	case *lua.Table:
		if depth >= msgpackMaxNesting {
			return append(b, 0xc0)
		}
		return msgpackTable(L, b, x, depth+1)
	}
	return append(b, 0xc0)
}

func msgpackInt(b []byte, n int64) []byte {
	switch {
	case n >= 0 && n < 128:
		return append(b, byte(n))
	case n >= 0 && n < 256:
		return append(b, 0xcc, byte(n))
	case n >= 0 && n < 65536:
		return binary.BigEndian.AppendUint16(append(b, 0xcd), uint16(n))
	case n >= 0 && n < 1<<32:
		return binary.BigEndian.AppendUint32(append(b, 0xce), uint32(n))
	case n >= 0:
		return binary.BigEndian.AppendUint64(append(b, 0xcf), uint64(n))
	case n >= -32:
		return append(b, byte(n))
	case n >= -128:
		return append(b, 0xd0, byte(n))
	case n >= -32768:
		return binary.BigEndian.AppendUint16(append(b, 0xd1), uint16(n))
	case n >= -(1 << 31):
		return binary.BigEndian.AppendUint32(append(b, 0xd2), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(b, 0xd3), uint64(n))
}

func msgpackTable(L *lua.State, b []byte, t *lua.Table, depth int) []byte {
	count, maxKey, array := 0, 0, true
	for k, _, _ := t.Next(nil); k != nil; k, _, _ = t.Next(k) {
		count++
		f, ok := k.(float64)
		if !ok || f < 1 || f != math.Trunc(f) {
			array = false
			continue
		}
		maxKey = max(maxKey, int(f))
	}
	if array && maxKey == count {
		b = msgpackLen(b, count, 0x90, 0xdc, 0xdd)
		for i := 1; i <= count; i++ {
			b = msgpackEncode(L, b, t.GetInt(i), depth)
		}
		return b
	}
	b = msgpackLen(b, count, 0x80, 0xde, 0xdf)
	for k, v, _ := t.Next(nil); k != nil; k, v, _ = t.Next(k) {
		b = msgpackEncode(L, b, k, depth)
		b = msgpackEncode(L, b, v, depth)
	}
	return b
}

func msgpackLen(b []byte, n int, fix, b16, b32 byte) []byte {
	switch {
	case n < 16:
		return append(b, fix|byte(n))
	case n <= 0xffff:
		return binary.BigEndian.AppendUint16(append(b, b16), uint16(n))
	}
	return binary.BigEndian.AppendUint32(append(b, b32), uint32(n))
}

// msgpackUnpack decodes up to limit values (0: all) from s at offset; it
// returns the offset after them (-1 at the end of s) and the values.
func msgpackUnpack(L *lua.State, s string, limit, offset int) (int, []lua.Value) {
	if offset < 0 || offset > len(s) {
		L.Errorf("Start offset %d greater than input length %d.", offset, len(s))
	}
	d := &msgpackDecoder{L: L, s: s, pos: offset}
	var vals []lua.Value
	for d.pos < len(s) && (limit == 0 || len(vals) < limit) {
		vals = append(vals, d.value(0))
	}
	if d.pos >= len(s) {
		return -1, vals
	}
	return d.pos, vals
}

type msgpackDecoder struct {
	L   *lua.State
	s   string
	pos int
}

func (d *msgpackDecoder) take(n int) string {
	if n < 0 || d.pos+n > len(d.s) {
		d.L.Errorf("Missing bytes in input.")
	}
	r := d.s[d.pos : d.pos+n]
	d.pos += n
	return r
}

func (d *msgpackDecoder) uint(n int) uint64 {
	var u uint64
	for _, c := range []byte(d.take(n)) {
		u = u<<8 | uint64(c)
	}
	return u
}

func (d *msgpackDecoder) value(depth int) lua.Value {
	if depth > 1000 {
		d.L.Errorf("Bad data format in input.")
	}
	c := d.take(1)[0]
	switch {
	case c < 0x80:
		return float64(c)
	case c >= 0xe0:
		return float64(int8(c))
	case c&0xf0 == 0x80:
		return d.mapOf(int(c&0x0f), depth)
	case c&0xf0 == 0x90:
		return d.arrayOf(int(c&0x0f), depth)
	case c&0xe0 == 0xa0:
		return d.take(int(c & 0x1f))
	}
	switch c {
	case 0xc0:
		return nil
	case 0xc2:
		return false
	case 0xc3:
		return true
	case 0xca:
		return float64(math.Float32frombits(uint32(d.uint(4))))
	case 0xcb:
		return math.Float64frombits(d.uint(8))
	case 0xcc, 0xcd, 0xce, 0xcf:
		return float64(d.uint(1 << (c - 0xcc)))
	case 0xd0:
		return float64(int8(d.uint(1)))
	case 0xd1:
		return float64(int16(d.uint(2)))
	case 0xd2:
		return float64(int32(d.uint(4)))
	case 0xd3:
		return float64(int64(d.uint(8)))
	case 0xd9, 0xc4:
		return d.take(int(d.uint(1)))
	case 0xda, 0xc5:
		return d.take(int(d.uint(2)))
	case 0xdb, 0xc6:
		return d.take(int(d.uint(4)))
	case 0xdc:
		return d.arrayOf(int(d.uint(2)), depth)
	case 0xdd:
		return d.arrayOf(int(d.uint(4)), depth)
	case 0xde:
		return d.mapOf(int(d.uint(2)), depth)
	case 0xdf:
		return d.mapOf(int(d.uint(4)), depth)
	}
	d.L.Errorf("Bad data format in input.")
	return nil
}

func (d *msgpackDecoder) arrayOf(n int, depth int) lua.Value {
	if n > len(d.s)-d.pos { // each item takes a byte at least
		d.L.Errorf("Missing bytes in input.")
	}
	t := lua.NewTable(n, 0)
	for i := 1; i <= n; i++ {
		t.SetInt(i, d.value(depth+1))
	}
	return t
}

func (d *msgpackDecoder) mapOf(n int, depth int) lua.Value {
	if n > len(d.s)-d.pos {
		d.L.Errorf("Missing bytes in input.")
	}
	t := lua.NewTable(0, n)
	for i := 0; i < n; i++ {
		k := d.value(depth + 1)
		v := d.value(depth + 1)
		if k != nil {
			if f, ok := k.(float64); !ok || f == f {
				t.Set(k, v)
			}
		}
	}
	return t
}
