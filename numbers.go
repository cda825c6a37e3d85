// numbers.go parses and formats integers the way Redis does: only the
// canonical decimal form counts as an integer value.
package main

import "strconv"

const (
	maxInt64 = 1<<63 - 1
	minInt64 = -1 << 63
)

// parseCanonicalInt parses s as Redis's string2ll does: an optional '-',
// no '+', no leading zeros, no spaces, within 64 bits.
func parseCanonicalInt[T string | []byte](s T) (int64, bool) {
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
	u, ok := parseDigits(s[i:])
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

// parseDigits parses s, decimal digits only, as an unsigned 64-bit number
// (false: another byte, or beyond 64 bits).
func parseDigits[T string | []byte](s T) (uint64, bool) {
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

// formatInt returns n in decimal.
func formatInt(n int64) string { return strconv.FormatInt(n, 10) }
