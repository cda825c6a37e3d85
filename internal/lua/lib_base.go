// lib_base.go is the base library as Redis exposes it: assert, error,
// pcall, xpcall, type, tostring, tonumber, pairs, ipairs, next, select,
// unpack, setmetatable, getmetatable, rawget, rawset, rawequal.
package lua

import (
	"strconv"
	"strings"
)

func openBase(s *State) {
	fns := map[string]func(s *State, args []Value) []Value{
		"assert": baseAssert, "error": baseError, "pcall": basePcall, "xpcall": baseXpcall,
		"type": baseType, "tostring": baseTostring, "tonumber": baseTonumber,
		"pairs": basePairs, "ipairs": baseIpairs, "next": baseNext, "select": baseSelect,
		"unpack": baseUnpack, "setmetatable": baseSetmetatable, "getmetatable": baseGetmetatable,
		"rawget": baseRawget, "rawset": baseRawset, "rawequal": baseRawequal,
		"collectgarbage": baseCollectgarbage, "gcinfo": baseCollectgarbage, "load": baseLoad,
	}
	for name, fn := range fns {
		s.Register(name, fn)
	}
	s.Globals.Set("_G", s.Globals)
	s.Globals.Set("_VERSION", "Lua 5.1")
}

// Arg returns args[i] or nil.
func Arg(args []Value, i int) Value {
	if i < len(args) {
		return args[i]
	}
	return nil
}

// argError raises "bad argument #n to 'fname' (msg)".
func (s *State) argError(n int, fname, msg string) {
	s.Errorf("bad argument #%d to '%s' (%s)", n, fname, msg)
}

// CheckTable returns argument i (0-based) as a table or raises.
func (s *State) CheckTable(args []Value, i int, fname string) *Table {
	t, ok := Arg(args, i).(*Table)
	if !ok {
		s.typeArgError(args, i, fname, "table")
	}
	return t
}

func (s *State) typeArgError(args []Value, i int, fname, want string) {
	got := "no value"
	if i < len(args) {
		got = TypeName(args[i])
	}
	s.argError(i+1, fname, want+" expected, got "+got)
}

// CheckNumber returns argument i as a number or raises.
func (s *State) CheckNumber(args []Value, i int, fname string) float64 {
	f, ok := ToNumber(Arg(args, i))
	if !ok {
		s.typeArgError(args, i, fname, "number")
	}
	return f
}

// CheckInt returns argument i as an integer (truncated) or raises.
func (s *State) CheckInt(args []Value, i int, fname string) int {
	f := s.CheckNumber(args, i, fname)
	return clampInt(f)
}

func clampInt(f float64) int {
	switch {
	case f != f:
		return 0
	case f > 1<<53:
		return 1 << 53
	case f < -(1 << 53):
		return -(1 << 53)
	}
	return int(f)
}

// OptInt returns argument i as an integer, or def when absent or nil.
func (s *State) OptInt(args []Value, i int, fname string, def int) int {
	if Arg(args, i) == nil {
		return def
	}
	return s.CheckInt(args, i, fname)
}

// CheckString returns argument i as a string (numbers converted) or raises.
func (s *State) CheckString(args []Value, i int, fname string) string {
	str, ok := ToString(Arg(args, i))
	if !ok {
		s.typeArgError(args, i, fname, "string")
	}
	return str
}

func (s *State) checkAny(args []Value, i int, fname string) {
	if i >= len(args) {
		s.argError(i+1, fname, "value expected")
	}
}

func baseAssert(s *State, args []Value) []Value {
	s.checkAny(args, 0, "assert")
	if !Truthy(args[0]) {
		msg := "assertion failed!"
		if len(args) > 1 {
			if m, ok := ToString(args[1]); ok {
				msg = m
			}
		}
		s.Errorf("%s", msg)
	}
	return args
}

func baseError(s *State, args []Value) []Value {
	v := Arg(args, 0)
	level := s.OptInt(args, 1, "error", 1)
	if str, ok := ToString(v); ok && level > 0 { // a number gets a position too
		v = s.where(level) + str
	}
	s.Raise(v)
	return nil
}

// protect calls fn catching errors other than fatal ones.
func (s *State) protect(fn Value, args []Value) (rets []Value, e *Error) {
	nframes, depth := len(s.frames), s.depth
	defer func() {
		if r := recover(); r != nil {
			err := s.toError(r)
			if err.Fatal {
				panic(err)
			}
			s.frames, s.depth = s.frames[:nframes], depth
			rets, e = nil, err
		}
	}()
	return s.call(fn, args, s.currentLine()), nil
}

func basePcall(s *State, args []Value) []Value {
	s.checkAny(args, 0, "pcall")
	rets, err := s.protect(args[0], args[1:])
	if err != nil {
		return []Value{false, err.Value}
	}
	return append([]Value{true}, rets...)
}

func baseXpcall(s *State, args []Value) []Value {
	rets, err := s.protect(Arg(args, 0), nil)
	if err != nil {
		return append([]Value{false}, s.call(Arg(args, 1), []Value{err.Value}, 0)...)
	}
	return append([]Value{true}, rets...)
}

func baseType(s *State, args []Value) []Value {
	s.checkAny(args, 0, "type")
	return []Value{TypeName(args[0])}
}

func baseTostring(s *State, args []Value) []Value {
	s.checkAny(args, 0, "tostring")
	if t, ok := args[0].(*Table); ok {
		if h := metaField(t, "__tostring"); h != nil {
			return []Value{first(s.call(h, []Value{t}, 0))}
		}
	}
	return []Value{tostringValue(args[0])}
}

func baseTonumber(s *State, args []Value) []Value {
	base := s.OptInt(args, 1, "tonumber", 10)
	if base == 10 {
		s.checkAny(args, 0, "tonumber")
		if f, ok := ToNumber(args[0]); ok {
			return []Value{f}
		}
		return []Value{nil}
	}
	if base < 2 || base > 36 {
		s.argError(2, "tonumber", "base out of range")
	}
	str := strings.ToLower(strings.TrimSpace(s.CheckString(args, 0, "tonumber")))
	n, err := strconv.ParseInt(str, base, 64)
	if err != nil {
		return []Value{nil}
	}
	return []Value{float64(n)}
}

func baseNext(s *State, args []Value) []Value {
	t := s.CheckTable(args, 0, "next")
	k, v, ok := t.Next(Arg(args, 1))
	if !ok {
		s.Raise("invalid key to 'next'") // raised by the table code: no position
	}
	if k == nil {
		return []Value{nil}
	}
	return []Value{k, v}
}

func basePairs(s *State, args []Value) []Value {
	t := s.CheckTable(args, 0, "pairs")
	return []Value{s.Globals.Get("next"), t, nil}
}

var ipairsIter = &GoFunction{"ipairs_iter", func(s *State, args []Value) []Value {
	i := s.CheckInt(args, 1, "ipairs") + 1
	v := s.index(args[0], float64(i), 0, nil)
	if v == nil {
		return []Value{nil}
	}
	return []Value{float64(i), v}
}}

func baseIpairs(s *State, args []Value) []Value {
	t := s.CheckTable(args, 0, "ipairs")
	return []Value{ipairsIter, t, float64(0)}
}

func baseSelect(s *State, args []Value) []Value {
	if str, ok := Arg(args, 0).(string); ok && str == "#" {
		return []Value{float64(len(args) - 1)}
	}
	n := s.CheckInt(args, 0, "select")
	if n < 0 {
		n = len(args) + n
	} else if n == 0 {
		s.argError(1, "select", "index out of range")
	}
	if n < 1 {
		s.argError(1, "select", "index out of range")
	}
	if n >= len(args) {
		return nil
	}
	return args[n:]
}

func baseUnpack(s *State, args []Value) []Value {
	t := s.CheckTable(args, 0, "unpack")
	i := s.OptInt(args, 1, "unpack", 1)
	j := 0
	if Arg(args, 2) == nil {
		j = t.Len()
	} else {
		j = s.CheckInt(args, 2, "unpack")
	}
	if i > j {
		return nil
	}
	if j-i >= 8000 { // LUAI_MAXCSTACK
		s.Errorf("too many results to unpack")
	}
	out := make([]Value, 0, j-i+1)
	for k := i; k <= j; k++ {
		out = append(out, t.GetInt(k))
	}
	return out
}

func baseSetmetatable(s *State, args []Value) []Value {
	t := s.CheckTable(args, 0, "setmetatable")
	m, ok := Arg(args, 1).(*Table)
	if !ok && Arg(args, 1) != nil {
		s.argError(2, "setmetatable", "nil or table expected")
	}
	if t.meta != nil && t.meta.Get("__metatable") != nil {
		s.Errorf("cannot change a protected metatable")
	}
	if t.Readonly {
		s.Errorf("Attempt to modify a readonly table")
	}
	t.meta = m
	return []Value{t}
}

func baseGetmetatable(s *State, args []Value) []Value {
	if _, ok := Arg(args, 0).(string); ok {
		return []Value{s.stringMeta()}
	}
	t, ok := Arg(args, 0).(*Table)
	if !ok || t.meta == nil {
		return []Value{nil}
	}
	if p := t.meta.Get("__metatable"); p != nil {
		return []Value{p}
	}
	return []Value{t.meta}
}

func baseRawget(s *State, args []Value) []Value {
	return []Value{s.CheckTable(args, 0, "rawget").Get(Arg(args, 1))}
}

func baseRawset(s *State, args []Value) []Value {
	t := s.CheckTable(args, 0, "rawset")
	if t.Readonly {
		s.Errorf("Attempt to modify a readonly table")
	}
	s.checkKey(Arg(args, 1), 0)
	t.Set(args[1], Arg(args, 2))
	return []Value{t}
}

func baseRawequal(s *State, args []Value) []Value {
	return []Value{rawEqual(Arg(args, 0), Arg(args, 1))}
}

// SetMetatable sets a table's metatable (nil: none).
func SetMetatable(t, meta *Table) { t.meta = meta }

// Pcall is the base library's pcall: the function in args[0] called with
// the rest, returning true and its results, or false and the error.
func Pcall(s *State, args []Value) []Value { return basePcall(s, args) }

// stringMeta returns the metatable strings share ({__index = string}).
func (s *State) stringMeta() *Table {
	if s.strMeta == nil {
		s.strMeta = NewTable(0, 1)
		s.strMeta.Set("__index", s.StringLib)
	}
	return s.strMeta
}

func baseCollectgarbage(s *State, args []Value) []Value { return []Value{float64(0)} }

// baseLoad is load(func [, chunkname]): the chunk is the concatenation of
// the strings func returns until it returns nil or "".
func baseLoad(s *State, args []Value) []Value {
	var b strings.Builder
	for {
		piece := first(s.call(Arg(args, 0), nil, 0))
		str, ok := piece.(string)
		if piece == nil || ok && str == "" {
			break
		}
		if !ok {
			return []Value{nil, "reader function must return a string"}
		}
		b.WriteString(str)
		if b.Len() > MaxStringLen {
			s.Errorf("chunk too large")
		}
	}
	name := "=(load)"
	if n, ok := Arg(args, 1).(string); ok {
		name = n
	}
	if strings.HasPrefix(b.String(), "\x1b") {
		return []Value{nil, "Bytecode not supported"}
	}
	fn, err := Compile(b.String(), strings.TrimPrefix(name, "="))
	if err != nil {
		return []Value{nil, err.Error()}
	}
	return []Value{fn}
}
