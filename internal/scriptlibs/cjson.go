// cjson.go is the cjson library Redis gives scripts (lua-cjson's
// encode and decode with its defaults: 14 significant digits, sparse
// arrays refused past a ratio of 2, nesting up to 1000, NaN and Inf
// refused unless encode_invalid_numbers(true)), and bit (LuaBitOp).
package scriptlibs

import (
	"math"
	"strconv"
	"strings"

	"nosql/internal/lua"
)

// jsonNull is cjson.null: a userdata of its own.
type jsonNull struct{}

// cjsonConfig is what cjson's setters change.
type cjsonConfig struct {
	encodeDepth, decodeDepth int
	invalidNumbers           bool
	null                     *jsonNull
}

func openCjson(L *lua.State) {
	cfg := &cjsonConfig{encodeDepth: 1000, decodeDepth: 1000, null: &jsonNull{}}
	t := lua.NewTable(0, 16)
	set := func(name string, f func(L *lua.State, args []lua.Value) []lua.Value) {
		t.Set(name, &lua.GoFunction{Name: name, Fn: f})
	}
	set("encode", func(L *lua.State, args []lua.Value) []lua.Value {
		if len(args) != 1 {
			L.Errorf("bad argument #1 to 'encode' (expected 1 argument)")
		}
		var b strings.Builder
		cfg.encode(L, &b, args[0], 0)
		L.Charge(b.Len())
		return []lua.Value{b.String()}
	})
	set("decode", func(L *lua.State, args []lua.Value) []lua.Value {
		d := &jsonDecoder{L: L, cfg: cfg, src: L.CheckString(args, 0, "decode")}
		d.skip()
		v := d.value(0)
		d.skip()
		if d.pos < len(d.src) {
			d.fail("the end")
		}
		return []lua.Value{v}
	})
	intSetter := func(name string, p *int) {
		set(name, func(L *lua.State, args []lua.Value) []lua.Value {
			if len(args) > 0 {
				n := L.CheckInt(args, 0, name)
				if n < 1 {
					L.Errorf("bad argument #1 to '%s' (expected integer between 1 and 2147483647)", name)
				}
				*p = n
			}
			return []lua.Value{float64(*p)}
		})
	}
	intSetter("encode_max_depth", &cfg.encodeDepth)
	intSetter("decode_max_depth", &cfg.decodeDepth)
	set("encode_invalid_numbers", func(L *lua.State, args []lua.Value) []lua.Value {
		if len(args) > 0 {
			cfg.invalidNumbers = lua.Truthy(args[0])
		}
		return []lua.Value{cfg.invalidNumbers}
	})
	for _, name := range []string{"encode_keep_buffer", "encode_number_precision", "encode_sparse_array", "decode_invalid_numbers"} {
		set(name, func(L *lua.State, args []lua.Value) []lua.Value { return []lua.Value{true} })
	}
	t.Set("null", cfg.null)
	t.Set("_NAME", "cjson")
	t.Set("_VERSION", "2.1.0")
	L.Globals.Set("cjson", t)
}

func (cfg *cjsonConfig) encode(L *lua.State, b *strings.Builder, v lua.Value, depth int) {
	switch x := v.(type) {
	case nil, *jsonNull:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			if !cfg.invalidNumbers {
				L.Errorf("Cannot serialise number: must not be NaN or Inf")
			}
			switch {
			case math.IsNaN(x):
				b.WriteString("nan")
			case x > 0:
				b.WriteString("inf")
			default:
				b.WriteString("-inf")
			}
			return
		}
		b.WriteString(lua.FormatNumber(x))
	case string:
		jsonQuote(b, x)
	case *lua.Table:
		depth++
		if depth > cfg.encodeDepth {
			L.Errorf("Cannot serialise, excessive nesting (%d)", depth)
		}
		cfg.encodeTable(L, b, x, depth)
	default:
		L.Errorf("Cannot serialise %s: type not supported", lua.TypeName(v))
	}
	if b.Len() > lua.MaxStringLen {
		L.Errorf("resulting string too large")
	}
}

// arrayLength returns n when the table's keys are exactly 1..n-ish (a
// sparse array within lua-cjson's ratio), or -1 for an object.
func arrayLength(L *lua.State, t *lua.Table) int {
	maxKey, items := 0, 0
	for k, _, _ := t.Next(nil); k != nil; k, _, _ = t.Next(k) {
		f, ok := k.(float64)
		if !ok || f < 1 || f != math.Floor(f) {
			return -1
		}
		maxKey = max(maxKey, int(f))
		items++
	}
	if maxKey > 10 && maxKey > items*2 {
		L.Errorf("Cannot serialise table: excessively sparse array")
	}
	return maxKey
}

func (cfg *cjsonConfig) encodeTable(L *lua.State, b *strings.Builder, t *lua.Table, depth int) {
	n := arrayLength(L, t)
	if n > 0 {
		b.WriteByte('[')
		for i := 1; i <= n; i++ {
			if i > 1 {
				b.WriteByte(',')
			}
			cfg.encode(L, b, t.GetInt(i), depth)
		}
		b.WriteByte(']')
		return
	}
	b.WriteByte('{')
	first := true
	for k, v, _ := t.Next(nil); k != nil; k, v, _ = t.Next(k) {
		if !first {
			b.WriteByte(',')
		}
		first = false
		switch key := k.(type) {
		case string:
			jsonQuote(b, key)
		case float64:
			jsonQuote(b, lua.FormatNumber(key))
		default:
			L.Errorf("Cannot serialise %s: table key must be a number or string", lua.TypeName(k))
		}
		b.WriteByte(':')
		cfg.encode(L, b, v, depth)
	}
	b.WriteByte('}')
}

// jsonQuote writes s as a JSON string, escaping as lua-cjson does.
func jsonQuote(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '/':
			b.WriteString(`\/`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 32 || c == 127 {
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&15])
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
}

// jsonDecoder reads JSON into Lua values.
type jsonDecoder struct {
	L   *lua.State
	cfg *cjsonConfig
	src string
	pos int
}

func (d *jsonDecoder) fail(what string) {
	d.L.Errorf("Expected %s but found %s at character %d", what, d.tokenName(), d.pos+1)
}

// tokenName names the token at pos as lua-cjson's messages do.
func (d *jsonDecoder) tokenName() string {
	if d.pos >= len(d.src) {
		return "T_END"
	}
	switch c := d.src[d.pos]; {
	case c == '{':
		return "T_OBJ_BEGIN"
	case c == '}':
		return "T_OBJ_END"
	case c == '[':
		return "T_ARR_BEGIN"
	case c == ']':
		return "T_ARR_END"
	case c == '"':
		return "T_STRING"
	case c == ':':
		return "T_COLON"
	case c == ',':
		return "T_COMMA"
	case c == '-' || c >= '0' && c <= '9':
		return "T_NUMBER"
	case strings.HasPrefix(d.src[d.pos:], "true"), strings.HasPrefix(d.src[d.pos:], "false"):
		return "T_BOOLEAN"
	case strings.HasPrefix(d.src[d.pos:], "null"):
		return "T_NULL"
	}
	return "invalid token"
}

func (d *jsonDecoder) skip() {
	for d.pos < len(d.src) && strings.IndexByte(" \t\r\n", d.src[d.pos]) >= 0 {
		d.pos++
	}
}

func (d *jsonDecoder) value(depth int) lua.Value {
	if d.pos >= len(d.src) {
		d.fail("value")
	}
	switch c := d.src[d.pos]; {
	case c == '{' || c == '[':
		depth++
		if depth > d.cfg.decodeDepth {
			d.L.Errorf("Found too many nested data structures (%d) at character %d", depth, d.pos+1)
		}
		if c == '{' {
			return d.object(depth)
		}
		return d.array(depth)
	case c == '"':
		return d.str()
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	case strings.HasPrefix(d.src[d.pos:], "true"):
		d.pos += 4
		return true
	case strings.HasPrefix(d.src[d.pos:], "false"):
		d.pos += 5
		return false
	case strings.HasPrefix(d.src[d.pos:], "null"):
		d.pos += 4
		return d.cfg.null
	}
	d.fail("value")
	return nil
}

func (d *jsonDecoder) object(depth int) lua.Value {
	t := lua.NewTable(0, 4)
	d.pos++
	d.skip()
	if d.pos < len(d.src) && d.src[d.pos] == '}' {
		d.pos++
		return t
	}
	for {
		d.skip()
		if d.pos >= len(d.src) || d.src[d.pos] != '"' {
			d.fail("object key string")
		}
		k := d.str()
		d.skip()
		if d.pos >= len(d.src) || d.src[d.pos] != ':' {
			d.fail("colon")
		}
		d.pos++
		d.skip()
		t.Set(k, d.value(depth))
		d.skip()
		if d.pos < len(d.src) && d.src[d.pos] == ',' {
			d.pos++
			continue
		}
		if d.pos < len(d.src) && d.src[d.pos] == '}' {
			d.pos++
			return t
		}
		d.fail("comma or object end")
	}
}

func (d *jsonDecoder) array(depth int) lua.Value {
	t := lua.NewTable(4, 0)
	d.pos++
	d.skip()
	if d.pos < len(d.src) && d.src[d.pos] == ']' {
		d.pos++
		return t
	}
	for i := 1; ; i++ {
		d.skip()
		t.SetInt(i, d.value(depth))
		d.skip()
		if d.pos < len(d.src) && d.src[d.pos] == ',' {
			d.pos++
			continue
		}
		if d.pos < len(d.src) && d.src[d.pos] == ']' {
			d.pos++
			return t
		}
		d.fail("comma or array end")
	}
}

func (d *jsonDecoder) number() lua.Value {
	start := d.pos
	for d.pos < len(d.src) && strings.IndexByte("+-0123456789.eE", d.src[d.pos]) >= 0 {
		d.pos++
	}
	f, err := strconv.ParseFloat(d.src[start:d.pos], 64)
	if err != nil {
		d.pos = start
		d.fail("value")
	}
	return f
}

func (d *jsonDecoder) str() string {
	d.pos++ // the quote
	var b strings.Builder
	for {
		if d.pos >= len(d.src) {
			d.fail("string end")
		}
		c := d.src[d.pos]
		d.pos++
		switch {
		case c == '"':
			return b.String()
		case c != '\\':
			b.WriteByte(c)
		case d.pos >= len(d.src):
			d.fail("string end")
		default:
			e := d.src[d.pos]
			d.pos++
			if i := strings.IndexByte(`"\/bfnrt`, e); i >= 0 {
				b.WriteByte("\"\\/\b\f\n\r\t"[i])
			} else if e == 'u' && d.pos+4 <= len(d.src) {
				n, err := strconv.ParseUint(d.src[d.pos:d.pos+4], 16, 32)
				if err != nil {
					d.fail("unicode escape")
				}
				d.pos += 4
				b.WriteRune(rune(n))
			} else {
				d.fail("escape")
			}
		}
	}
}

// openBit is LuaBitOp's bit library on 32-bit integers.
func openBit(L *lua.State) {
	t := lua.NewTable(0, 12)
	tobit := func(L *lua.State, args []lua.Value, i int, name string) int32 {
		f := L.CheckNumber(args, i, name)
		return int32(uint32(int64(math.RoundToEven(math.Mod(f, 1<<32)))))
	}
	fold := func(name string, op func(a, b int32) int32) {
		t.Set(name, &lua.GoFunction{Name: name, Fn: func(L *lua.State, args []lua.Value) []lua.Value {
			r := tobit(L, args, 0, name)
			for i := 1; i < len(args); i++ {
				r = op(r, tobit(L, args, i, name))
			}
			return []lua.Value{float64(r)}
		}})
	}
	fold("tobit", func(a, b int32) int32 { return a })
	fold("band", func(a, b int32) int32 { return a & b })
	fold("bor", func(a, b int32) int32 { return a | b })
	fold("bxor", func(a, b int32) int32 { return a ^ b })
	shift := func(name string, op func(a int32, n uint) int32) {
		t.Set(name, &lua.GoFunction{Name: name, Fn: func(L *lua.State, args []lua.Value) []lua.Value {
			return []lua.Value{float64(op(tobit(L, args, 0, name), uint(tobit(L, args, 1, name))&31))}
		}})
	}
	shift("lshift", func(a int32, n uint) int32 { return int32(uint32(a) << n) })
	shift("rshift", func(a int32, n uint) int32 { return int32(uint32(a) >> n) })
	shift("arshift", func(a int32, n uint) int32 { return a >> n })
	shift("rol", func(a int32, n uint) int32 { return int32(uint32(a)<<n | uint32(a)>>((32-n)&31)) })
	shift("ror", func(a int32, n uint) int32 { return int32(uint32(a)>>n | uint32(a)<<((32-n)&31)) })
	t.Set("bnot", &lua.GoFunction{Name: "bnot", Fn: func(L *lua.State, args []lua.Value) []lua.Value {
		return []lua.Value{float64(^tobit(L, args, 0, "bnot"))}
	}})
	t.Set("bswap", &lua.GoFunction{Name: "bswap", Fn: func(L *lua.State, args []lua.Value) []lua.Value {
		x := uint32(tobit(L, args, 0, "bswap"))
		return []lua.Value{float64(int32(x>>24 | x>>8&0xff00 | x<<8&0xff0000 | x<<24))}
	}})
	t.Set("tohex", &lua.GoFunction{Name: "tohex", Fn: func(L *lua.State, args []lua.Value) []lua.Value {
		x := uint32(tobit(L, args, 0, "tohex"))
		n := 8
		if len(args) > 1 {
			n = int(tobit(L, args, 1, "tohex"))
		}
		digits := "0123456789abcdef"
		if n < 0 {
			n, digits = -n, "0123456789ABCDEF"
		}
		n = min(n, 8)
		buf := make([]byte, n)
		for i := n - 1; i >= 0; i-- {
			buf[i] = digits[x&15]
			x >>= 4
		}
		return []lua.Value{string(buf)}
	}})
	L.Globals.Set("bit", t)
}
