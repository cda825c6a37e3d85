// Package longdouble is the number arithmetic of INCRBYFLOAT as Redis 7.0
// does it on x86-64 Linux, in the 80-bit x87 long double: parsing as
// glibc's strtold with Redis's string2ld checks, adding with a 64-bit
// mantissa, and formatting as "%.17Lf" with trailing zeros trimmed.
// Go has no long double, so values are big.Floats of 64-bit precision
// whose exponent range is checked against the long double's. Pure
// functions: no locking, no logging.
package longdouble

import (
	"errors"
	"math/big"
	"strings"
)

// Errors of Incr, worded as Redis words them after "ERR ".
var (
	ErrNotFloat = errors.New("value is not a valid float")
	ErrRange    = errors.New("increment would produce NaN or Infinity")
)

const (
	Prec       = 64           // bits in an x87 long double's mantissa
	ldMaxChars = 5 * 1024     // Redis's MAX_LONG_DOUBLE_CHARS: longer input is not a float
	ldMaxExp   = 16384        // big.Float exponent of the largest finite long double
	ldTinyExp  = -16445       // big.Float exponent of 2^-16446, half the smallest subnormal
	ldMaxDec   = 4933         // 10^4933 is past the largest long double (about 1.19e4932)
	ldMinDec   = -4952        // 10^-4952 is below half the smallest subnormal (about 1.8e-4951)
	ldExpLimit = 1 << 40      // exponent digits saturate here (the result is out of range anyway)
	ldFracDigs = 17           // digits after the point in Redis's "%.17Lf"
	ldHexBits  = 4            // bits per hexadecimal digit
	ldBinLimit = ldMaxExp + 1 // a hexadecimal value of 2^ldBinLimit or more is refused unrounded
)

// Parse parses s as Redis's string2ld does: the whole of s must
// be a number strtold reads (decimal or 0x hexadecimal, optional sign and
// exponent, or inf/infinity in any case), with no leading space, at most
// 5119 bytes, not NaN, and neither overflowing nor underflowing to zero.
// Infinity parses (to an infinite big.Float); INCRBYFLOAT refuses it later.
func Parse(s string) (*big.Float, bool) {
	if len(s) == 0 || len(s) >= ldMaxChars {
		return nil, false
	}
	neg := s[0] == '-'
	body := s
	if s[0] == '-' || s[0] == '+' {
		body = s[1:]
	}
	var x *big.Float
	var ok bool
	switch {
	case strings.EqualFold(body, "inf") || strings.EqualFold(body, "infinity"):
		x, ok = new(big.Float).SetInf(false), true
	case len(body) > 2 && body[0] == '0' && body[1]|0x20 == 'x':
		x, ok = parseHexLD(body[2:])
	default:
		x, ok = parseDecimalLD(body)
	}
	if !ok {
		return nil, false
	}
	if neg {
		x.Neg(x)
	}
	return x, true
}

// scanDigits returns the mantissa digits of s (the radix point dropped),
// how many of them follow the point, and the rest of s. It fails without
// a digit or with two points.
func scanDigits(s string, isDigit func(byte) bool) (digits []byte, frac int, rest string, ok bool) {
	point := false
	i := 0
	for ; i < len(s); i++ {
		switch {
		case isDigit(s[i]):
			digits = append(digits, s[i])
			if point {
				frac++
			}
		case s[i] == '.' && !point:
			point = true
		default:
			return digits, frac, s[i:], len(digits) > 0
		}
	}
	return digits, frac, "", len(digits) > 0
}

// scanExponent parses what follows a mantissa: nothing, or the marker
// (e or p, any case), an optional sign and at least one decimal digit.
// Large exponents saturate at ldExpLimit.
func scanExponent(s string, marker byte) (int64, bool) {
	if s == "" {
		return 0, true
	}
	if s[0]|0x20 != marker || len(s) < 2 {
		return 0, false
	}
	s = s[1:]
	neg := s[0] == '-'
	if s[0] == '-' || s[0] == '+' {
		s = s[1:]
	}
	if s == "" {
		return 0, false
	}
	var e int64
	for i := 0; i < len(s); i++ {
		if !IsDigit(s[i]) {
			return 0, false
		}
		e = min(e*10+int64(s[i]-'0'), ldExpLimit)
	}
	if neg {
		e = -e
	}
	return e, true
}

// IsDigit reports whether b is a decimal digit (C's number syntax, which
// sorted-set scores share).
func IsDigit(b byte) bool { return '0' <= b && b <= '9' }

// IsHexDigit reports whether b is a hexadecimal digit.
func IsHexDigit(b byte) bool {
	return IsDigit(b) || ('a' <= b|0x20 && b|0x20 <= 'f')
}

// parseDecimalLD parses an unsigned decimal number, rounded to the nearest
// long double.
func parseDecimalLD(s string) (*big.Float, bool) {
	digits, frac, rest, ok := scanDigits(s, IsDigit)
	if !ok {
		return nil, false
	}
	exp, ok := scanExponent(rest, 'e')
	if !ok {
		return nil, false
	}
	digits = []byte(strings.TrimLeft(string(digits), "0"))
	if len(digits) == 0 {
		return new(big.Float), true
	}
	e10 := exp - int64(frac) // the value is digits × 10^e10
	mag := e10 + int64(len(digits))
	if mag-1 >= ldMaxDec || mag < ldMinDec {
		return nil, false
	}
	m, _ := new(big.Int).SetString(string(digits), 10)
	x := new(big.Float).SetPrec(Prec)
	if e10 >= 0 {
		x.SetInt(m.Mul(m, pow10(e10)))
	} else {
		x.Quo(new(big.Float).SetInt(m), new(big.Float).SetInt(pow10(-e10)))
	}
	return x, inLongDoubleRange(x)
}

func pow10(n int64) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(n), nil) }

// parseHexLD parses an unsigned hexadecimal number after its 0x, rounded
// to the nearest long double.
func parseHexLD(s string) (*big.Float, bool) {
	digits, frac, rest, ok := scanDigits(s, IsHexDigit)
	if !ok {
		return nil, false
	}
	exp, ok := scanExponent(rest, 'p')
	if !ok {
		return nil, false
	}
	m, _ := new(big.Int).SetString(string(digits), 16)
	if m.Sign() == 0 {
		return new(big.Float), true
	}
	e2 := exp - ldHexBits*int64(frac) // the value is m × 2^e2
	mag := e2 + int64(m.BitLen())
	if mag > ldBinLimit || mag < ldTinyExp-1 {
		return nil, false
	}
	exact := new(big.Float).SetInt(m) // as many bits as m: exact
	exact.SetMantExp(exact, int(e2))
	x := new(big.Float).SetPrec(Prec).Set(exact) // rounds, noting which way
	return x, inLongDoubleRange(x)
}

// inLongDoubleRange reports whether x, just rounded to 64 bits from an
// exact value, is what strtold returns without ERANGE-and-infinity or
// ERANGE-and-zero: not past the largest long double, and not so small
// that it rounds to zero (at most half the smallest subnormal, a tie
// rounding to even zero).
func inLongDoubleRange(x *big.Float) bool {
	exp := x.MantExp(nil)
	switch {
	case exp > ldMaxExp:
		return false
	case exp < ldTinyExp:
		return false
	case exp == ldTinyExp && isHalf(x):
		return x.Acc() == big.Below // the exact value was above 2^-16446
	}
	return true
}

// isHalf reports whether x's mantissa is exactly 0.5 (x is a power of 2).
func isHalf(x *big.Float) bool {
	m := new(big.Float)
	x.MantExp(m)
	return m.Abs(m).Cmp(big.NewFloat(0.5)) == 0
}

// Add returns a+b rounded to a long double, or false when the
// sum is infinite or not a number (as INCRBYFLOAT refuses it).
func Add(a, b *big.Float) (*big.Float, bool) {
	if a.IsInf() || b.IsInf() {
		return nil, false
	}
	sum := new(big.Float).SetPrec(Prec).Add(a, b)
	if sum.MantExp(nil) > ldMaxExp {
		return nil, false
	}
	return sum, true
}

// Format formats x as Redis's human-friendly long double: 17
// digits after the point, trailing zeros and a bare point dropped, and
// "-0" written "0".
func Format(x *big.Float) string {
	s := x.Text('f', ldFracDigs)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// Incr is INCRBYFLOAT's arithmetic: old (the key's string, 0
// when missing) plus incr, formatted as Redis stores the result.
// ErrNotFloat when either does not parse, ErrFloatRange when the sum is
// infinite or not a number.
func Incr(old string, exists bool, incr string) (string, error) {
	a := new(big.Float)
	if exists {
		var ok bool
		if a, ok = Parse(old); !ok {
			return "", ErrNotFloat
		}
	}
	b, ok := Parse(incr)
	if !ok {
		return "", ErrNotFloat
	}
	sum, ok := Add(a, b)
	if !ok {
		return "", ErrRange
	}
	return Format(sum), nil
}
