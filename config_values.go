// config_values.go holds the checks CONFIG SET runs on a value before
// anything is set, each giving Redis's error text: integers, yes/no,
// enumerations, memory values (with Redis's units), percentages of
// memory, and the "save" pairs.
package main

import (
	"strconv"
	"strings"
)

// integerValue returns a check for a plain integer between lo and hi.
func integerValue(lo, hi int64) func(string) (int64, string) {
	return func(v string) (int64, string) {
		n, ok := parseCanonicalInt(v)
		if !ok {
			return 0, "argument couldn't be parsed into an integer"
		}
		return n, boundsError(n, lo, hi)
	}
}

// boolValue checks a yes/no value (any case), as Redis does: 1 for yes.
func boolValue(v string) (int64, string) {
	switch {
	case strings.EqualFold(v, "yes"):
		return 1, ""
	case strings.EqualFold(v, "no"):
		return 0, ""
	}
	return 0, "argument must be 'yes' or 'no'"
}

// enumValue returns a check for one of names (any case): its index.
func enumValue(names ...string) func(string) (int64, string) {
	return func(v string) (int64, string) {
		for i, name := range names {
			if strings.EqualFold(v, name) {
				return int64(i), ""
			}
		}
		return 0, "argument(s) must be one of the following: " + strings.Join(names, ", ")
	}
}

// memoryValue returns a check for a memory value (1gb, 512mb, 64k, 100)
// between lo and hi.
func memoryValue(lo, hi int64) func(string) (int64, string) {
	return func(v string) (int64, string) {
		n, ok := parseMemory(v)
		if !ok {
			return 0, "argument must be a memory value"
		}
		return n, boundsError(n, lo, hi)
	}
}

func boundsError(n, lo, hi int64) string {
	if n < lo || n > hi {
		return "argument must be between " + formatInt(lo) + " and " + formatInt(hi) + " inclusive"
	}
	return ""
}

// parseMemory parses a memory value as Redis's memtoull does: digits and
// an optional unit (b, k, kb, m, mb, g, gb, any case). Empty digits count
// as 0, and a value past 63 bits wraps negative, as in Redis, so that the
// bounds check refuses it.
func parseMemory(v string) (int64, bool) {
	n, ok := parseMemoryU(v)
	return int64(n), ok
}

// parseMemoryU is parseMemory's unsigned value; digits past 64 bits
// saturate as strtoull does, and a unit taking the value past 64 bits is
// refused.
func parseMemoryU(v string) (uint64, bool) {
	i := 0
	for i < len(v) && '0' <= v[i] && v[i] <= '9' {
		i++
	}
	var mul uint64
	switch strings.ToLower(v[i:]) {
	case "", "b":
		mul = 1
	case "k":
		mul = 1000
	case "kb":
		mul = 1024
	case "m":
		mul = 1000 * 1000
	case "mb":
		mul = 1024 * 1024
	case "g":
		mul = 1000 * 1000 * 1000
	case "gb":
		mul = 1024 * 1024 * 1024
	default:
		return 0, false
	}
	if i >= 128 {
		return 0, false
	}
	var val uint64
	if i > 0 {
		var err error
		if val, err = strconv.ParseUint(v[:i], 10, 64); err != nil {
			val = 1<<64 - 1 // strtoull saturates
		}
	}
	if val > (1<<64-1)/mul {
		return 0, false
	}
	return val * mul, true
}

// checkSave checks a "save" value as Redis does: space-separated pairs of
// seconds (at least 1) and changes (at least 0), or empty. nosql takes no
// snapshots: the value is kept for CONFIG GET only.
func checkSave(v string) (int64, string) {
	if v == "" {
		return 0, ""
	}
	parts := strings.Split(v, " ")
	if len(parts)%2 != 0 {
		return 0, "Invalid save parameters"
	}
	for j, p := range parts {
		n, ok := strtoll(p)
		if !ok || (j%2 == 0 && n < 1) || (j%2 == 1 && n < 0) {
			return 0, "Invalid save parameters"
		}
	}
	return 0, ""
}

// canonicalSave writes a checked "save" value as Redis reports it: the
// numbers as parsed ("0010 02" is "10 2"), changes as a C int.
func canonicalSave(v string) string {
	if v == "" {
		return ""
	}
	parts := strings.Split(v, " ")
	for j, p := range parts {
		n, _ := strtoll(p)
		if j%2 == 1 {
			n = int64(int32(n))
		}
		parts[j] = formatInt(n)
	}
	return strings.Join(parts, " ")
}

// strtoll parses s as C's strtoll(s, &end, 10) does and reports whether
// it consumed all of s: leading white space, an optional sign, digits
// (none gives 0 and consumes nothing), saturating on overflow.
func strtoll(s string) (int64, bool) {
	i := 0
	for i < len(s) && strings.IndexByte(" \t\n\v\f\r", s[i]) >= 0 {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	start := i
	var u uint64
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		if u <= 1<<63 {
			u = u*10 + uint64(s[i]-'0')
		}
	}
	if i == start {
		return 0, len(s) == 0
	}
	switch {
	case neg && u >= 1<<63:
		return minInt64, i == len(s)
	case neg:
		return -int64(u), i == len(s)
	case u > maxInt64:
		return maxInt64, i == len(s)
	}
	return int64(u), i == len(s)
}

// percentMemoryValue checks a value that is a memory value or a
// percentage ("10%"), as Redis checks maxmemory-clients: a percentage is
// kept negative, and a memory value past 63 bits wraps negative too, so
// that it is refused as a percentage over 100, as in Redis.
func percentMemoryValue(v string) (int64, string) {
	n, ok := parseMemory(v)
	if !ok {
		p, okp := int64(0), false
		if len(v) > 1 && v[len(v)-1] == '%' {
			p, okp = parseCanonicalInt(v[:len(v)-1])
		}
		if !okp || p < 0 {
			return 0, "argument must be a memory or percent value"
		}
		n = -p
	}
	if n < -100 {
		return 0, "percentage argument must be less or equal to 100"
	}
	return n, ""
}

// percentMemoryText writes a value percentMemoryValue accepted as Redis
// reports it.
func percentMemoryText(n int64) string {
	if n < 0 {
		return formatInt(-n) + "%"
	}
	return formatInt(n)
}

// unsignedMemoryValue checks a memory value of 64 bits (maxmemory), kept
// in an int64's bits.
func unsignedMemoryValue(v string) (int64, string) {
	n, ok := parseMemoryU(v)
	if !ok {
		return 0, "argument must be a memory value"
	}
	return int64(n), ""
}
