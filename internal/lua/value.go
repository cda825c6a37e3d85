// Package lua is a Lua 5.1 interpreter written for nosql's scripting
// (EVAL): a lexer, a parser to a tree, and a tree-walking evaluator with
// the base, string, table and math libraries. Values are Go values: nil,
// bool, float64, string, *Table, *Closure and *GoFunction.
package lua

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Value is a Lua value: nil, bool, float64, string, *Table, *Closure or
// *GoFunction.
type Value = any

// GoFunction is a function written in Go callable from Lua.
type GoFunction struct {
	Name string
	Fn   func(s *State, args []Value) []Value
}

// Closure is a Lua function with its captured upvalues.
type Closure struct {
	proto  *funcProto
	upvals []*Value
}

// TypeName returns Lua's name for the type of v.
func TypeName(v Value) string {
	switch v.(type) {
	case nil:
		return "nil"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case *Table:
		return "table"
	case *Closure, *GoFunction:
		return "function"
	}
	return "userdata"
}

// Truthy reports whether v counts as true: anything but nil and false.
func Truthy(v Value) bool {
	switch b := v.(type) {
	case nil:
		return false
	case bool:
		return b
	}
	return true
}

// FormatNumber formats a number as Lua 5.1 does (%.14g).
func FormatNumber(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f) && math.Signbit(f): // x86's default NaN, what 0/0 makes
		return "-nan"
	case math.IsNaN(f):
		return "nan"
	case f == 0 && math.Signbit(f):
		return "-0"
	case f == math.Trunc(f) && math.Abs(f) < 1e14: // at most 14 digits: %.14g prints them all
		return strconv.FormatInt(int64(f), 10)
	}
	return fmt.Sprintf("%.14g", f)
}

// ToString returns what tostring would for a string or number, and
// whether v was one.
func ToString(v Value) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case float64:
		return FormatNumber(x), true
	}
	return "", false
}

// ToNumber converts a number or a numeric string (decimal, hex, with
// spaces around) to a number as Lua does.
func ToNumber(v Value) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		return parseNumber(x)
	}
	return 0, false
}

// parseNumber reads a Lua numeric string.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s) // Lua's isspace set: \t\n\v\f\r and space
	s = strings.Trim(s, " \t\n\v\f\r")
	if s == "" {
		return 0, false
	}
	body, neg := s, false
	if body[0] == '-' || body[0] == '+' {
		neg, body = body[0] == '-', body[1:]
	}
	if len(body) > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') {
		n, err := strconv.ParseUint(body[2:], 16, 64)
		if err != nil {
			return 0, false
		}
		if neg {
			return -float64(n), true
		}
		return float64(n), true
	}
	for _, c := range body {
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+') {
			return 0, false // no inf, nan, underscores, hex floats
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}

// tostringValue is the base library's tostring without metamethods.
func tostringValue(v Value) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case bool:
		if x {
			return "true"
		}
		return "false"
	case float64:
		return FormatNumber(x)
	case string:
		return x
	case *Table:
		return fmt.Sprintf("table: %p", x)
	case *Closure:
		return fmt.Sprintf("function: %p", x)
	case *GoFunction:
		return fmt.Sprintf("function: builtin: %p", x)
	}
	return fmt.Sprint(v)
}

// Tostring returns what the base library's tostring returns for v
// (without metamethods).
func Tostring(v Value) string { return tostringValue(v) }

// smallNums holds the integers 0..4095 already boxed as Values: a loop
// counter or a small sum then costs no allocation. Read-only after init.
var smallNums = func() (t [4096]Value) {
	for i := range t {
		t[i] = float64(i)
	}
	return t
}()

// box returns f as a Value, without allocating for small integers.
func box(f float64) Value {
	if i := int(f); float64(i) == f && uint(i) < uint(len(smallNums)) && (i != 0 || !math.Signbit(f)) {
		return smallNums[i]
	}
	return f
}
