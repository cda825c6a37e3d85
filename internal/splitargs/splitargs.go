// Package splitargs splits a line into words as Redis's sdssplitargs
// does: for inline commands (reader.go) and for the "#!lua ..." first line
// of scripts and function libraries.
//
// Pure functions: they take no locks, write no log and know nothing of
// the server, its clients or its keyspace. Being a package of its own it
// cannot reach the server's state, and TestInternalImports
// (layout_test.go) keeps it from importing sync, log, os or net.
package splitargs

// Split appends the words of line to dst as Redis's sdssplitargs finds
// them: words separated by spaces, "double quotes" with backslash escapes
// (\n, \r, \t, \b, \a, \xHH, any other character as itself), 'single
// quotes' with only \' escaped. A closing quote must end its word; false
// when one does not, or a quote is not closed. An empty quoted word is an
// empty (not nil) slice.
func Split(dst [][]byte, line []byte) ([][]byte, bool) {
	i := 0
	for {
		for i < len(line) && isSpace(line[i]) {
			i++
		}
		if i == len(line) {
			return dst, true
		}
		var arg []byte
		inq, insq := false, false
		for done := false; !done; {
			switch {
			case inq:
				if i >= len(line) {
					return nil, false
				}
				c := line[i]
				switch {
				case c == '\\' && i+3 < len(line) && line[i+1] == 'x' && isHex(line[i+2]) && isHex(line[i+3]):
					arg = append(arg, unhex(line[i+2])<<4|unhex(line[i+3]))
					i += 3
				case c == '\\' && i+1 < len(line):
					i++
					arg = append(arg, unescapeChar(line[i]))
				case c == '"':
					if i+1 < len(line) && !isSpace(line[i+1]) {
						return nil, false
					}
					done = true
				default:
					arg = append(arg, c)
				}
			case insq:
				if i >= len(line) {
					return nil, false
				}
				c := line[i]
				switch {
				case c == '\\' && i+1 < len(line) && line[i+1] == '\'':
					i++
					arg = append(arg, '\'')
				case c == '\'':
					if i+1 < len(line) && !isSpace(line[i+1]) {
						return nil, false
					}
					done = true
				default:
					arg = append(arg, c)
				}
			default:
				if i >= len(line) {
					done = true
					continue
				}
				switch c := line[i]; {
				case isSpace(c):
					done = true
				case c == '"':
					inq = true
				case c == '\'':
					insq = true
				default:
					arg = append(arg, c)
				}
			}
			if i < len(line) {
				i++
			}
		}
		if arg == nil {
			arg = []byte{}
		}
		dst = append(dst, arg)
	}
}

// isSpace is C's isspace in the C locale.
func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f'
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// unhex is the value of the hexadecimal digit c.
func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// unescapeChar is the byte a backslash and c stand for in double quotes.
func unescapeChar(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'b':
		return '\b'
	case 'a':
		return '\a'
	}
	return c
}
