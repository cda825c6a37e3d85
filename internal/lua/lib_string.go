// lib_string.go is the string library: len, sub, upper, lower, rep,
// reverse, byte, char, format, find, match, gmatch, gsub.
package lua

import (
	"fmt"
	"math"
	"strings"
)

func openString(s *State) {
	lib := NewTable(0, 16)
	fns := map[string]func(s *State, args []Value) []Value{
		"len": strLen, "sub": strSub, "upper": strUpper, "lower": strLower, "rep": strRep,
		"reverse": strReverse, "byte": strByte, "char": strChar, "format": strFormat,
		"find": strFind, "match": strMatch, "gmatch": strGmatch, "gsub": strGsub, "dump": strDump,
	}
	for name, fn := range fns {
		lib.Set(name, &GoFunction{name, fn})
	}
	s.Globals.Set("string", lib)
	s.StringLib = lib
}

// strPos turns a Lua string position (negative: from the end) into a
// 1-based index.
func strPos(pos, n int) int {
	if pos < 0 {
		pos += n + 1
	}
	return pos
}

func strLen(s *State, args []Value) []Value {
	return []Value{float64(len(s.CheckString(args, 0, "len")))}
}

func strSub(s *State, args []Value) []Value {
	str := s.CheckString(args, 0, "sub")
	i := strPos(s.OptInt(args, 1, "sub", 1), len(str))
	j := strPos(s.OptInt(args, 2, "sub", -1), len(str))
	i = max(i, 1)
	j = min(j, len(str))
	if i > j {
		return []Value{""}
	}
	return []Value{str[i-1 : j]}
}

func strUpper(s *State, args []Value) []Value {
	return []Value{strings.Map(asciiUpper, s.CheckString(args, 0, "upper"))}
}

func strLower(s *State, args []Value) []Value {
	return []Value{strings.Map(asciiLower, s.CheckString(args, 0, "lower"))}
}

func asciiUpper(r rune) rune {
	if r >= 'a' && r <= 'z' {
		return r - 32
	}
	return r
}

func asciiLower(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 32
	}
	return r
}

func strRep(s *State, args []Value) []Value {
	str := s.CheckString(args, 0, "rep")
	n := s.CheckInt(args, 1, "rep")
	if n <= 0 || str == "" {
		return []Value{""}
	}
	if n > MaxStringLen/len(str) {
		s.Errorf("resulting string too large")
	}
	s.Charge(n * len(str))
	return []Value{strings.Repeat(str, n)}
}

func strReverse(s *State, args []Value) []Value {
	b := []byte(s.CheckString(args, 0, "reverse"))
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return []Value{string(b)}
}

func strByte(s *State, args []Value) []Value {
	str := s.CheckString(args, 0, "byte")
	i := strPos(s.OptInt(args, 1, "byte", 1), len(str))
	j := strPos(s.OptInt(args, 2, "byte", i), len(str))
	i = max(i, 1)
	j = min(j, len(str))
	var out []Value
	for k := i; k <= j; k++ {
		out = append(out, float64(str[k-1]))
	}
	return out
}

func strChar(s *State, args []Value) []Value {
	b := make([]byte, len(args))
	for i := range args {
		c := s.CheckInt(args, i, "char")
		if c < 0 || c > 255 {
			s.argError(i+1, "char", "invalid value")
		}
		b[i] = byte(c)
	}
	return []Value{string(b)}
}

// strFormat implements string.format's directives with C's flags,
// width and precision.
func strFormat(s *State, args []Value) []Value {
	f := s.CheckString(args, 0, "format")
	var b strings.Builder
	arg := 1
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i < len(f) && f[i] == '%' {
			b.WriteByte('%')
			continue
		}
		if arg >= len(args) {
			s.argError(arg+1, "format", "no value")
		}
		start := i
		for i < len(f) && strings.IndexByte("-+ #0", f[i]) >= 0 {
			i++
		}
		for i < len(f) && isDigit(f[i]) {
			i++
		}
		if i < len(f) && f[i] == '.' {
			i++
			for i < len(f) && isDigit(f[i]) {
				i++
			}
		}
		if i >= len(f) {
			s.Errorf("invalid option '%%' to 'format'")
		}
		spec := "%" + f[start:i]
		switch f[i] {
		case 'd', 'i':
			n := s.CheckNumber(args, arg, "format")
			b.WriteString(fmt.Sprintf(spec+"d", int64(n)))
		case 'u':
			n := s.CheckNumber(args, arg, "format")
			b.WriteString(fmt.Sprintf(spec+"d", uint64(int64(n))))
		case 'c':
			b.WriteByte(byte(s.CheckInt(args, arg, "format")))
		case 'o', 'x', 'X':
			n := s.CheckNumber(args, arg, "format")
			b.WriteString(fmt.Sprintf(spec+string(f[i]), uint64(int64(n))))
		case 'e', 'E', 'f', 'g', 'G':
			n := s.CheckNumber(args, arg, "format")
			if !strings.Contains(spec, ".") {
				spec += ".6" // C's default precision (Go's %g would print the shortest)
			}
			b.WriteString(formatFloat(spec, f[i], n))
		case 'q':
			b.WriteString(quoteString(s.CheckString(args, arg, "format")))
		case 's':
			b.WriteString(fmt.Sprintf(spec+"s", s.CheckString(args, arg, "format")))
		default:
			s.Errorf("invalid option '%%%c' to 'format'", f[i])
		}
		arg++
		if b.Len() > MaxStringLen {
			s.Errorf("resulting string too large")
		}
	}
	s.Charge(b.Len())
	return []Value{b.String()}
}

// formatFloat prints a number with a C float directive.
func formatFloat(spec string, verb byte, n float64) string {
	if math.IsNaN(n) || math.IsInf(n, 0) {
		str := FormatNumber(n)
		return fmt.Sprintf(strings.TrimRight(spec, "0123456789.")+"s", str)
	}
	return fmt.Sprintf(spec+string(verb), n) // Go prints exponents with two digits or more, as C
}

func quoteString(str string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(str); i++ {
		switch c := str[i]; c {
		case '"', '\\', '\n':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			b.WriteString("\\r")
		case 0:
			b.WriteString("\\000")
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// hasSpecials reports whether a pattern uses any special character.
func hasSpecials(p string) bool { return strings.ContainsAny(p, "^$*+?.([%-") }

func strFind(s *State, args []Value) []Value  { return strFindAux(s, args, true) }
func strMatch(s *State, args []Value) []Value { return strFindAux(s, args, false) }

func strFindAux(s *State, args []Value, find bool) []Value {
	name := "match"
	if find {
		name = "find"
	}
	str := s.CheckString(args, 0, name)
	pat := s.CheckString(args, 1, name)
	init := strPos(s.OptInt(args, 2, name, 1), len(str)) - 1
	if init < 0 {
		init = 0
	} else if init > len(str) {
		init = len(str)
	}
	if find && (Truthy(Arg(args, 3)) || !hasSpecials(pat)) {
		if i := strings.Index(str[init:], pat); i >= 0 {
			return []Value{float64(init + i + 1), float64(init + i + len(pat))}
		}
		return []Value{nil}
	}
	m := &matcher{s: s, src: str, pat: pat}
	anchor := len(pat) > 0 && pat[0] == '^'
	p := 0
	if anchor {
		p = 1
	}
	for si := init; ; si++ {
		m.level = 0
		if e := m.match(si, p); e != -1 {
			if find {
				return append([]Value{float64(si + 1), float64(e)}, m.captures(si, e, false)...)
			}
			return m.captures(si, e, true)
		}
		if si >= len(str) || anchor {
			return []Value{nil}
		}
	}
}

func strGmatch(s *State, args []Value) []Value {
	str := s.CheckString(args, 0, "gmatch")
	pat := s.CheckString(args, 1, "gmatch")
	pos := 0
	iter := func(s *State, _ []Value) []Value {
		m := &matcher{s: s, src: str, pat: pat}
		for ; pos <= len(str); pos++ {
			m.level = 0
			if e := m.match(pos, 0); e != -1 {
				start := pos
				if e == pos {
					pos = e + 1 // empty match: advance one
				} else {
					pos = e
				}
				return m.captures(start, e, true)
			}
		}
		return []Value{nil}
	}
	return []Value{&GoFunction{"gmatch_iter", iter}}
}

func strGsub(s *State, args []Value) []Value {
	src := s.CheckString(args, 0, "gsub")
	pat := s.CheckString(args, 1, "gsub")
	repl := Arg(args, 2)
	switch repl.(type) {
	case float64, string, *Table, *Closure, *GoFunction:
	default:
		s.argError(3, "gsub", "string/function/table expected")
	}
	maxN := s.OptInt(args, 3, "gsub", len(src)+1)
	anchor := len(pat) > 0 && pat[0] == '^'
	p := 0
	if anchor {
		p = 1
	}
	m := &matcher{s: s, src: src, pat: pat}
	var b strings.Builder
	si, n := 0, 0
	for n < maxN {
		m.level = 0
		e := m.match(si, p)
		if e != -1 {
			n++
			s.addValue(m, &b, si, e, repl)
		}
		switch {
		case e != -1 && e > si:
			si = e
		case si < len(src):
			b.WriteByte(src[si])
			si++
		default:
			si = len(src) + 1
		}
		if si > len(src) || anchor {
			break
		}
		if b.Len() > MaxStringLen {
			s.Errorf("resulting string too large")
		}
	}
	if si < len(src) {
		b.WriteString(src[si:])
	}
	s.Charge(b.Len())
	return []Value{b.String(), float64(n)}
}

// addValue appends one replacement of gsub.
func (s *State) addValue(m *matcher, b *strings.Builder, si, e int, repl Value) {
	var v Value
	switch r := repl.(type) {
	case float64, string:
		rs, _ := ToString(r)
		for i := 0; i < len(rs); i++ {
			c := rs[i]
			if c != '%' || i+1 >= len(rs) {
				b.WriteByte(c)
				continue
			}
			i++
			switch d := rs[i]; {
			case d == '0':
				b.WriteString(m.src[si:e])
			case isDigit(d):
				cv, _ := ToString(m.captureValue(int(d-'1'), si, e))
				b.WriteString(cv)
			default:
				b.WriteByte(d)
			}
		}
		return
	case *Table:
		v = s.index(r, m.captureValue(0, si, e), 0, nil)
	default:
		v = first(s.call(r, m.captures(si, e, true), 0))
	}
	if !Truthy(v) {
		b.WriteString(m.src[si:e])
		return
	}
	str, ok := ToString(v)
	if !ok {
		s.Errorf("invalid replacement value (a %s)", TypeName(v))
	}
	b.WriteString(str)
}

// strDump stands for string.dump: nosql has no bytecode, so it returns a
// chunk loadstring refuses, as Redis refuses any bytecode.
func strDump(s *State, args []Value) []Value {
	switch Arg(args, 0).(type) {
	case *Closure:
		return []Value{"\x1bLua"}
	}
	s.Errorf("unable to dump given function")
	return nil
}
