// Package intconv parses integers the way Redis does (util.c's string2ll):
// only the canonical decimal form counts as an integer value, so "01",
// "+1", " 1" and "-0" are strings, not numbers.
//
// Pure functions: they take no locks, write no log and know nothing of
// the server, its clients or its keyspace. Being a package of its own it
// cannot reach the server's state, and TestInternalImports
// (layout_test.go) keeps it from importing sync, log, os or net.
package intconv

// ParseCanonical parses s as Redis's string2ll does: an optional '-',
// no '+', no leading zeros, no spaces, within 64 bits.
func ParseCanonical[T string | []byte](s T) (int64, bool) {
	if len(s) == 0 || len(s) > 20 {
		return 0, false
	}
	if len(s) == 1 && s[0] == '0' {
		return 0, true
	}
	i, neg := 0, false
	if s[0] == '-' {
		neg, i = true, 1
		if len(s) == 1 {
			return 0, false
		}
	}
	if s[i] < '1' || s[i] > '9' {
		return 0, false
	}
	u, ok := ParseDigits(s[i:])
	if !ok {
		return 0, false
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > 1<<63-1 {
		return 0, false
	}
	return int64(u), true
}

// ParseDigits parses s, decimal digits only, as an unsigned 64-bit number
// (false: another byte, or beyond 64 bits).
func ParseDigits[T string | []byte](s T) (uint64, bool) {
	var u uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if u > (1<<64-1)/10 {
			return 0, false
		}
		u *= 10
		if u > 1<<64-1-uint64(c-'0') {
			return 0, false
		}
		u += uint64(c - '0')
	}
	return u, true
}
