// pattern.go implements Lua 5.1's patterns (lstrlib.c's matcher): classes,
// sets, the quantifiers * + - ?, anchors, captures with positions, %b
// and %f, and back references.
package lua

const maxCaptures = 32

const (
	capUnfinished = -1
	capPosition   = -2
)

// matcher is one match attempt's state.
type matcher struct {
	s       *State
	src     string
	pat     string
	level   int
	capture [maxCaptures]struct{ init, len int }
	depth   int
}

func (m *matcher) fail(format string, args ...any) { m.s.Errorf(format, args...) }

func (m *matcher) classEnd(p int) int {
	if p >= len(m.pat) {
		m.fail("malformed pattern (ends with '%%')")
	}
	c := m.pat[p]
	p++
	if c == '%' {
		if p >= len(m.pat) {
			m.fail("malformed pattern (ends with '%%')")
		}
		return p + 1
	}
	if c == '[' {
		if p < len(m.pat) && m.pat[p] == '^' {
			p++
		}
		for { // look for a ']'
			if p >= len(m.pat) {
				m.fail("malformed pattern (missing ']')")
			}
			c := m.pat[p]
			p++
			if c == '%' {
				if p >= len(m.pat) {
					m.fail("malformed pattern (missing ']')")
				}
				p++
			}
			if p < len(m.pat) && m.pat[p] == ']' {
				return p + 1
			}
			if p >= len(m.pat) {
				m.fail("malformed pattern (missing ']')")
			}
		}
	}
	return p
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }
func isPunct(c byte) bool {
	return c >= 33 && c <= 47 || c >= 58 && c <= 64 || c >= 91 && c <= 96 || c >= 123 && c <= 126
}
func isXDigit(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func singleClass(c, cl byte) bool {
	var res bool
	switch cl | 0x20 {
	case 'a':
		res = isLower(c) || isUpper(c)
	case 'c':
		res = c < 32 || c == 127
	case 'd':
		res = isDigit(c)
	case 'l':
		res = isLower(c)
	case 'p':
		res = isPunct(c)
	case 's':
		res = isSpace(c)
	case 'u':
		res = isUpper(c)
	case 'w':
		res = isLower(c) || isUpper(c) || isDigit(c)
	case 'x':
		res = isXDigit(c)
	case 'z':
		res = c == 0
	default:
		return cl == c
	}
	if isUpper(cl) {
		return !res
	}
	return res
}

// matchClass reports whether c is in the set pat[p:ec] ([...]).
func (m *matcher) matchSet(c byte, p, ec int) bool {
	sig := true
	p++
	if m.pat[p] == '^' {
		sig = false
		p++
	}
	for ; p < ec; p++ {
		switch {
		case m.pat[p] == '%' && p+1 < ec:
			p++
			if singleClass(c, m.pat[p]) {
				return sig
			}
		case p+2 < ec && m.pat[p+1] == '-':
			if m.pat[p] <= c && c <= m.pat[p+2] {
				return sig
			}
			p += 2
		case m.pat[p] == c:
			return sig
		}
	}
	return !sig
}

func (m *matcher) singleMatch(si, p, ep int) bool {
	if si >= len(m.src) {
		return false
	}
	c := m.src[si]
	switch m.pat[p] {
	case '.':
		return true
	case '%':
		return singleClass(c, m.pat[p+1])
	case '[':
		return m.matchSet(c, p, ep-1)
	}
	return m.pat[p] == c
}

// match returns the end of a match of pat[p:] at src[si:], or -1.
func (m *matcher) match(si, p int) int {
	m.s.tick() // a slow pattern can be stopped like a loop
	m.depth++
	defer func() { m.depth-- }()
	if m.depth > 200 {
		m.fail("pattern too complex")
	}
	for {
		if p >= len(m.pat) {
			return si
		}
		switch m.pat[p] {
		case '(':
			if p+1 < len(m.pat) && m.pat[p+1] == ')' {
				return m.startCapture(si, p+2, capPosition)
			}
			return m.startCapture(si, p+1, capUnfinished)
		case ')':
			return m.endCapture(si, p+1)
		case '%':
			if p+1 < len(m.pat) {
				switch c := m.pat[p+1]; {
				case c == 'b':
					si = m.matchBalance(si, p+2)
					if si == -1 {
						return -1
					}
					p += 4
					continue
				case c == 'f':
					p += 2
					if p >= len(m.pat) || m.pat[p] != '[' {
						m.fail("missing '[' after '%%f' in pattern")
					}
					ep := m.classEnd(p)
					prev := byte(0)
					if si > 0 {
						prev = m.src[si-1]
					}
					cur := byte(0)
					if si < len(m.src) {
						cur = m.src[si]
					}
					if m.matchSet(prev, p, ep-1) || !m.matchSet(cur, p, ep-1) {
						return -1
					}
					p = ep
					continue
				case isDigit(c):
					si = m.matchCapture(si, int(c-'0'))
					if si == -1 {
						return -1
					}
					p += 2
					continue
				}
			}
		case '$':
			if p+1 == len(m.pat) {
				if si == len(m.src) {
					return si
				}
				return -1
			}
		}
		ep := m.classEnd(p)
		ok := m.singleMatch(si, p, ep)
		if ep < len(m.pat) {
			switch m.pat[ep] {
			case '?':
				if ok {
					if r := m.match(si+1, ep+1); r != -1 {
						return r
					}
				}
				p = ep + 1
				continue
			case '*':
				return m.maxExpand(si, p, ep)
			case '+':
				if !ok {
					return -1
				}
				return m.maxExpand(si+1, p, ep)
			case '-':
				return m.minExpand(si, p, ep)
			}
		}
		if !ok {
			return -1
		}
		si++
		p = ep
	}
}

func (m *matcher) maxExpand(si, p, ep int) int {
	i := 0
	for m.singleMatch(si+i, p, ep) {
		i++
	}
	m.s.tick()
	for ; i >= 0; i-- {
		if r := m.match(si+i, ep+1); r != -1 {
			return r
		}
	}
	return -1
}

func (m *matcher) minExpand(si, p, ep int) int {
	for {
		if r := m.match(si, ep+1); r != -1 {
			return r
		}
		if !m.singleMatch(si, p, ep) {
			return -1
		}
		si++
	}
}

func (m *matcher) startCapture(si, p, what int) int {
	if m.level >= maxCaptures {
		m.fail("too many captures")
	}
	m.capture[m.level].init = si
	m.capture[m.level].len = what
	m.level++
	r := m.match(si, p)
	if r == -1 {
		m.level--
	}
	return r
}

func (m *matcher) endCapture(si, p int) int {
	l := -1
	for i := m.level - 1; i >= 0; i-- {
		if m.capture[i].len == capUnfinished {
			l = i
			break
		}
	}
	if l < 0 {
		m.fail("invalid pattern capture")
	}
	m.capture[l].len = si - m.capture[l].init
	r := m.match(si, p)
	if r == -1 {
		m.capture[l].len = capUnfinished
	}
	return r
}

func (m *matcher) matchBalance(si, p int) int {
	if p+1 >= len(m.pat) {
		m.fail("unbalanced pattern")
	}
	if si >= len(m.src) || m.src[si] != m.pat[p] {
		return -1
	}
	b, e := m.pat[p], m.pat[p+1]
	cont := 1
	for i := si + 1; i < len(m.src); i++ {
		switch m.src[i] {
		case e:
			cont--
			if cont == 0 {
				return i + 1
			}
		case b:
			cont++
		}
	}
	return -1
}

func (m *matcher) matchCapture(si, l int) int {
	l--
	if l < 0 || l >= m.level || m.capture[l].len == capUnfinished {
		m.fail("invalid capture index")
	}
	c := m.capture[l]
	capStr := m.src[c.init : c.init+c.len]
	if len(m.src)-si >= len(capStr) && m.src[si:si+len(capStr)] == capStr {
		return si + len(capStr)
	}
	return -1
}

// captureValue returns capture i (the whole match s..e when there are none).
func (m *matcher) captureValue(i, s, e int) Value {
	if i >= m.level {
		if i == 0 {
			return m.src[s:e]
		}
		m.fail("invalid capture index")
	}
	c := m.capture[i]
	if c.len == capUnfinished {
		m.fail("unfinished capture")
	}
	if c.len == capPosition {
		return float64(c.init + 1)
	}
	return m.src[c.init : c.init+c.len]
}

// captures returns all captures (or the whole match).
func (m *matcher) captures(s, e int, wholeIfNone bool) []Value {
	n := m.level
	if n == 0 && wholeIfNone {
		n = 1
	}
	out := make([]Value, n)
	for i := range out {
		out[i] = m.captureValue(i, s, e)
	}
	return out
}
