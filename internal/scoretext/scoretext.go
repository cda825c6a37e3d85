// Package scoretext reads and writes sorted-set scores as Redis 7.0 does on
// x86-64 Linux: glibc's strtod grammar (decimal, 0x hexadecimal, inf,
// infinity, nan, leading spaces), Redis's two checks on top of it (a
// score must be all number and neither NaN nor out of range; a range
// bound may be "(" exclusive and is read more loosely), replies as
// "%.17g", and the log's scores in the shortest form that reads back
// exactly, and Python's repr of a float (the semicolon protocol's text).
// It also parses lexicographic range items ([a, (a, -, +).
package scoretext

import (
	"math"
	"strconv"
	"strings"

	"nosql/internal/longdouble"
)

// cSpace reports whether b is a space as C's isspace sees it.
func cSpace(b byte) bool { return b == ' ' || (b >= '\t' && b <= '\r') }

// Strtod reads a number at the start of s as glibc's strtod does, and
// returns it, how many bytes it read (0: none, as strtod's end pointer
// left at s), and whether strtod would set ERANGE (overflow, or an
// underflow to zero).
func Strtod[T string | []byte](s T) (v float64, n int, erange bool) {
	i := 0
	for i < len(s) && cSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	body := string(s[i:])
	var m int
	switch {
	case hasPrefixFold(body, "inf"):
		v, m = math.Inf(1), 3
		if hasPrefixFold(body, "infinity") {
			m = 8
		}
	case hasPrefixFold(body, "nan"):
		v, m = math.NaN(), 3
		if j := nanTail(body[3:]); j > 0 {
			m += j
		}
	case len(body) > 2 && body[0] == '0' && body[1]|0x20 == 'x' && hexStart(body[2:]):
		v, m, erange = readHex(body)
	default:
		v, m, erange = readDecimal(body)
	}
	if m == 0 {
		return 0, 0, false
	}
	if neg {
		v = -v
	}
	return v, i + m, erange
}

// hasPrefixFold reports whether s starts with the lower-case word p in
// any case.
func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

// nanTail returns the length of "(chars)" after "nan", or 0.
func nanTail(s string) int {
	if len(s) == 0 || s[0] != '(' {
		return 0
	}
	for j := 1; j < len(s); j++ {
		c := s[j]
		switch {
		case c == ')':
			return j + 1
		case !(longdouble.IsDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'z' || c == '_'):
			return 0
		}
	}
	return 0
}

// hexStart reports whether s (after "0x") starts a hexadecimal mantissa.
func hexStart(s string) bool {
	return len(s) > 0 && (longdouble.IsHexDigit(s[0]) || s[0] == '.' && len(s) > 1 && longdouble.IsHexDigit(s[1]))
}

// digitsRun returns the length of the run of digits (as isD sees them)
// with at most one point at the start of s, and whether any digit is not 0.
func digitsRun(s string, isD func(byte) bool) (n int, nonzero bool) {
	point := false
	for n < len(s) {
		switch c := s[n]; {
		case isD(c):
			nonzero = nonzero || c != '0'
		case c == '.' && !point:
			point = true
		default:
			return n, nonzero
		}
		n++
	}
	return n, nonzero
}

// exponentRun returns the length of an exponent ("e-12", "p+3") at the
// start of s, or 0 when there is none (a marker without digits is not
// read).
func exponentRun(s string, marker byte) int {
	if len(s) < 2 || s[0]|0x20 != marker {
		return 0
	}
	j := 1
	if s[j] == '+' || s[j] == '-' {
		j++
	}
	k := j
	for k < len(s) && longdouble.IsDigit(s[k]) {
		k++
	}
	if k == j {
		return 0
	}
	return k
}

// readDecimal reads an unsigned decimal number at the start of s.
func readDecimal(s string) (float64, int, bool) {
	n, nonzero := digitsRun(s, longdouble.IsDigit)
	if n == 0 || n == 1 && s[0] == '.' {
		return 0, 0, false
	}
	n += exponentRun(s[n:], 'e')
	return parseWellFormed(s[:n], nonzero)
}

// readHex reads an unsigned hexadecimal number ("0x" first) at the start
// of s.
func readHex(s string) (float64, int, bool) {
	n, nonzero := digitsRun(s[2:], longdouble.IsHexDigit)
	n += 2
	e := exponentRun(s[n:], 'p')
	text := s[:n+e]
	if e == 0 {
		text += "p0" // Go needs the exponent that C may leave out
	}
	v, _, erange := parseWellFormed(text, nonzero)
	return v, n + e, erange
}

// convert parses a number already known to be well formed.
func parseWellFormed(text string, nonzero bool) (float64, int, bool) {
	v, err := strconv.ParseFloat(text, 64)
	erange := err != nil || (v == 0 && nonzero)
	return v, len(text), erange
}

// Parse reads a score as Redis's string2d does (ZADD, ZINCRBY,
// WEIGHTS): the whole string a number, no leading space, not NaN, not
// out of range ("inf" itself is a score).
func Parse[T string | []byte](s T) (float64, bool) {
	if len(s) == 0 || cSpace(s[0]) {
		return 0, false
	}
	if v, ok := smallWhole(s); ok {
		return v, true
	}
	v, n, erange := Strtod(s)
	if n != len(s) || v != v || erange && (math.IsInf(v, 0) || v == 0) {
		return 0, false
	}
	return v, true
}

// smallWhole reads s when it is an optional "-" and 1 to 15 decimal
// digits, a whole number a float64 holds exactly (what strtod would read,
// -0 included), without strtod's general path; ok is false otherwise.
func smallWhole[T string | []byte](s T) (v float64, ok bool) {
	digits := s
	if len(s) > 0 && s[0] == '-' {
		digits = s[1:]
	}
	if len(digits) == 0 || len(digits) > 15 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(digits); i++ {
		d := digits[i]
		if d < '0' || d > '9' {
			return 0, false
		}
		n = n*10 + int64(d-'0')
	}
	v = float64(n)
	if len(digits) < len(s) {
		v = -v
	}
	return v, true
}

// Bound is one end of a score range.
type Bound struct {
	v    float64
	excl bool
}

// ParseBound reads a range bound as Redis's zslParseRange does: an
// optional "(" for an exclusive bound, then whatever strtod reads, which
// must end the string (or be followed by a NUL byte, where C's string
// ends) and not be NaN. An empty string reads as 0.
func ParseBound(s []byte) (Bound, bool) {
	var b Bound
	if len(s) > 0 && s[0] == '(' {
		b.excl, s = true, s[1:]
	}
	v, n, _ := Strtod(s)
	if n < len(s) && s[n] != 0 || v != v {
		return b, false
	}
	b.v = v
	return b, true
}

// AboveMin reports whether v is inside a range that b starts.
func (b Bound) AboveMin(v float64) bool { return v > b.v || !b.excl && v == b.v }

// BelowMax reports whether v is inside a range that b ends.
func (b Bound) BelowMax(v float64) bool { return v < b.v || !b.excl && v == b.v }

// Lex is one end of a member range: "-" (below everything), "+"
// (above everything), or a member, inclusive ("[") or exclusive ("(").
type Lex struct {
	s           string
	excl        bool
	minus, plus bool
}

// ParseLex reads a range item of ZRANGEBYLEX and its kin.
func ParseLex(s []byte) (Lex, bool) {
	switch {
	case len(s) == 1 && s[0] == '-':
		return Lex{minus: true}, true
	case len(s) == 1 && s[0] == '+':
		return Lex{plus: true}, true
	case len(s) > 0 && (s[0] == '(' || s[0] == '['):
		return Lex{s: string(s[1:]), excl: s[0] == '('}, true
	}
	return Lex{}, false
}

// cmp compares member m with the bound's value.
func (b Lex) cmp(m string) int {
	switch {
	case b.minus:
		return 1
	case b.plus:
		return -1
	}
	return strings.Compare(m, b.s)
}

// AboveMin reports whether m is inside a range that b starts.
func (b Lex) AboveMin(m string) bool {
	c := b.cmp(m)
	return c > 0 || !b.excl && c == 0
}

// BelowMax reports whether m is inside a range that b ends.
func (b Lex) BelowMax(m string) bool {
	c := b.cmp(m)
	return c < 0 || !b.excl && c == 0
}

// LexEmpty reports whether the member range from..to is empty whatever
// the set.
func LexEmpty(from, to Lex) bool {
	c := 0
	switch {
	case from.minus && to.minus, from.plus && to.plus:
	case from.minus || to.plus:
		c = -1
	case from.plus || to.minus:
		c = 1
	default:
		c = strings.Compare(from.s, to.s)
	}
	return c > 0 || c == 0 && (from.excl || to.excl || from.minus || from.plus)
}

// Append17 appends f as Redis 7.0 replies with a double: "%.17g",
// and inf or -inf.
func Append17(dst []byte, f float64) []byte {
	if math.IsInf(f, 0) {
		return append(dst, Format(f)...) // as the log writes it
	}
	return strconv.AppendFloat(dst, f, 'g', 17, 64)
}

// Format returns f in the shortest form that reads back exactly, for
// the log: "2.5", "1e+100", "inf", "-0".
func Format(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// AppendPy appends f as Python 3's repr() writes a float: the
// shortest digits that read back, in positional form with ".0" for a
// whole number when the exponent is from -5 to 15, in exponent form
// otherwise ("1e+16", "1e-05"). Infinity is written 1e999 (-1e999), which
// ast.literal_eval reads back as infinity; Python itself prints "inf",
// which it does not.
func AppendPy(dst []byte, f float64) []byte {
	switch {
	case math.IsInf(f, 1):
		return append(dst, "1e999"...)
	case math.IsInf(f, -1):
		return append(dst, "-1e999"...)
	}
	sci := strconv.AppendFloat(nil, f, 'e', -1, 64) // [-]d[.ddd]e±XX
	mant, exp, _ := strings.Cut(string(sci), "e")
	e, _ := strconv.Atoi(exp)
	if e < -4 || e >= 16 {
		return append(append(append(dst, mant...), 'e'), exp...)
	}
	neg := mant[0] == '-'
	digits := strings.Replace(strings.TrimPrefix(mant, "-"), ".", "", 1)
	if neg {
		dst = append(dst, '-')
	}
	switch {
	case e < 0:
		dst = append(dst, "0."...)
		dst = append(dst, strings.Repeat("0", -e-1)...)
		return append(dst, digits...)
	case len(digits) <= e+1:
		dst = append(dst, digits...)
		dst = append(dst, strings.Repeat("0", e+1-len(digits))...)
		return append(dst, ".0"...)
	}
	dst = append(dst, digits[:e+1]...)
	return append(append(dst, '.'), digits[e+1:]...)
}
