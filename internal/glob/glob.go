// Package glob is Redis's glob-style pattern matching (util.c stringmatchlen),
// used by KEYS and SCAN MATCH: '*' any run of bytes, '?' one byte, '[abc]'
// a class with ranges ('[a-z]') and negation ('[^x]'), and '\' escaping the
// next byte. Matching is byte-wise and binary-safe.
package glob

// maxGlobNesting is the '*' recursion depth past which Redis gives up and
// reports no match (its guard against abusive patterns).
const maxGlobNesting = 1000

// Match reports whether str matches pattern as Redis's stringmatchlen
// does (case-sensitive; both are byte strings). Like Redis, "*" does not match the empty string
// here; KEYS and SCAN treat the pattern "*" as "every key" before matching.
func Match(pattern, str string) bool {
	g := globber{}
	return g.match(pattern, str, 0)
}

// globber carries the state shared by one match's recursive calls.
type globber struct {
	// skipLonger is set once the rest of a pattern after a '*' matched
	// nowhere in the rest of the string: no earlier '*' can then succeed
	// by consuming more, so every caller stops (Redis's skipLongerMatches).
	skipLonger bool
}

// byteAt returns p[i], or 0 past the end (the C string's terminator).
func byteAt(p string, i int) byte {
	if i < len(p) {
		return p[i]
	}
	return 0
}

// match is stringmatchlen_impl: p and s shrink from the front as they are
// consumed.
func (g *globber) match(p, s string, nesting int) bool {
	if nesting > maxGlobNesting {
		return false
	}
	for len(p) > 0 && len(s) > 0 {
		switch p[0] {
		case '*':
			return g.star(p, s, nesting)
		case '[':
			var ok bool
			if p, ok = matchClass(p[1:], s[0]); !ok {
				return false
			}
		case '?':
			p = p[1:]
		case '\\':
			if len(p) >= 2 {
				p = p[1:]
			}
			fallthrough
		default:
			if p[0] != s[0] {
				return false
			}
			p = p[1:]
		}
		s = s[1:]
		if len(s) == 0 {
			for byteAt(p, 0) == '*' {
				p = p[1:]
			}
		}
	}
	return len(p) == 0 && len(s) == 0
}

// star matches p, which starts with '*', against s (both non-empty).
func (g *globber) star(p, s string, nesting int) bool {
	for len(p) > 0 && byteAt(p, 1) == '*' {
		p = p[1:]
	}
	if len(p) == 1 {
		return true
	}
	for ; len(s) > 0; s = s[1:] {
		if g.match(p[1:], s, nesting+1) {
			return true
		}
		if g.skipLonger {
			return false
		}
	}
	g.skipLonger = true
	return false
}

// matchClass matches byte c against the class whose body starts at p (just
// after '['). It returns the pattern after the class's closing ']' (empty
// when the class is unterminated) and whether c matched. Bytes compare as
// C's signed char, as in Redis, which matters for ranges with bytes of 0x80
// and above.
func matchClass(p string, c byte) (string, bool) {
	not := byteAt(p, 0) == '^'
	if not {
		p = p[1:]
	}
	match := false
	for {
		switch {
		case byteAt(p, 0) == '\\' && len(p) >= 2:
			p = p[1:]
			match = match || p[0] == c
		case byteAt(p, 0) == ']':
			return p[1:], match != not
		case len(p) == 0:
			return p, match != not
		case len(p) >= 3 && p[1] == '-':
			lo, hi, x := int8(p[0]), int8(p[2]), int8(c)
			if lo > hi {
				lo, hi = hi, lo
			}
			match = match || (x >= lo && x <= hi)
			p = p[2:]
		default:
			match = match || p[0] == c
		}
		p = p[1:]
	}
}
