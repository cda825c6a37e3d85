// lex.go is the Lua 5.1 lexer: names, keywords, numbers, short and long
// strings with their escapes, comments, and operators.
package lua

import (
	"fmt"
	"strings"
)

// token kinds: single-byte operators are their byte value.
const (
	tEOF = 256 + iota
	tName
	tNumber
	tString
	tAnd
	tBreak
	tDo
	tElse
	tElseif
	tEnd
	tFalse
	tFor
	tFunction
	tIf
	tIn
	tLocal
	tNil
	tNot
	tOr
	tRepeat
	tReturn
	tThen
	tTrue
	tUntil
	tWhile
	tConcat // ..
	tDots   // ...
	tEq     // ==
	tGe     // >=
	tLe     // <=
	tNe     // ~=
)

var keywords = map[string]int{
	"and": tAnd, "break": tBreak, "do": tDo, "else": tElse, "elseif": tElseif, "end": tEnd,
	"false": tFalse, "for": tFor, "function": tFunction, "if": tIf, "in": tIn, "local": tLocal,
	"nil": tNil, "not": tNot, "or": tOr, "repeat": tRepeat, "return": tReturn, "then": tThen,
	"true": tTrue, "until": tUntil, "while": tWhile,
}

var tokenNames = map[int]string{
	tEOF: "<eof>", tConcat: "..", tDots: "...", tEq: "==", tGe: ">=", tLe: "<=", tNe: "~=",
	tName: "<name>", tNumber: "<number>", tString: "<string>",
}

// token is one lexed token.
type token struct {
	kind int
	line int
	str  string  // name or string contents; raw text for numbers
	num  float64 // number value
}

// lexer turns source into tokens.
type lexer struct {
	src   string
	pos   int
	line  int
	chunk string // chunk name for messages ("user_script")
}

// SyntaxError is a compile error, with Lua's message text.
type SyntaxError struct{ Msg string }

// Error returns the message, e.g. "user_script:1: unexpected symbol near '<eof>'".
func (e *SyntaxError) Error() string { return e.Msg }

// errorf raises a syntax error at the current line, naming the token near
// which it happened.
func (l *lexer) errorf(near string, format string, args ...any) {
	msg := fmt.Sprintf("%s:%d: %s", l.chunk, l.line, fmt.Sprintf(format, args...))
	if near != "" {
		msg += " near '" + near + "'"
	}
	panic(&SyntaxError{msg})
}

func (l *lexer) peekByte(off int) byte {
	if l.pos+off < len(l.src) {
		return l.src[l.pos+off]
	}
	return 0
}

// next returns the next token.
func (l *lexer) next() token {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '\n' || c == '\r':
			l.newline()
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			l.pos++
		case c == '-' && l.peekByte(1) == '-':
			l.comment()
		default:
			return l.token()
		}
	}
	return token{kind: tEOF, line: l.line}
}

// newline skips \n, \r, \r\n or \n\r and counts the line.
func (l *lexer) newline() {
	c := l.src[l.pos]
	l.pos++
	if l.pos < len(l.src) && (l.src[l.pos] == '\n' || l.src[l.pos] == '\r') && l.src[l.pos] != c {
		l.pos++
	}
	l.line++
}

// comment skips a short or long comment.
func (l *lexer) comment() {
	l.pos += 2
	if l.peekByte(0) == '[' {
		if lvl := l.longBracket(); lvl >= 0 {
			l.longString(lvl, "comment")
			return
		}
	}
	for l.pos < len(l.src) && l.src[l.pos] != '\n' && l.src[l.pos] != '\r' {
		l.pos++
	}
}

// longBracket checks for [==[ at pos, returning its level (-1: none) and
// moving past it when found.
func (l *lexer) longBracket() int {
	p := l.pos + 1
	lvl := 0
	for p < len(l.src) && l.src[p] == '=' {
		p++
		lvl++
	}
	if p < len(l.src) && l.src[p] == '[' {
		l.pos = p + 1
		return lvl
	}
	return -1
}

// longString reads a long string's contents up to its closing bracket.
func (l *lexer) longString(lvl int, what string) string {
	if l.pos < len(l.src) && (l.src[l.pos] == '\n' || l.src[l.pos] == '\r') {
		l.newline() // a first newline is skipped
	}
	var b strings.Builder
	closing := "]" + strings.Repeat("=", lvl) + "]"
	for {
		if l.pos >= len(l.src) {
			l.errorf("<eof>", "unfinished long %s", what)
		}
		c := l.src[l.pos]
		switch {
		case strings.HasPrefix(l.src[l.pos:], closing):
			l.pos += len(closing)
			return b.String()
		case c == '\n' || c == '\r':
			l.newline()
			b.WriteByte('\n')
		default:
			b.WriteByte(c)
			l.pos++
		}
	}
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// token reads a token starting at a non-space byte.
func (l *lexer) token() token {
	c := l.src[l.pos]
	tok := token{line: l.line}
	switch {
	case isAlpha(c):
		start := l.pos
		for l.pos < len(l.src) && (isAlpha(l.src[l.pos]) || isDigit(l.src[l.pos])) {
			l.pos++
		}
		tok.str = l.src[start:l.pos]
		if k, ok := keywords[tok.str]; ok {
			tok.kind = k
		} else {
			tok.kind = tName
		}
		return tok
	case isDigit(c) || c == '.' && isDigit(l.peekByte(1)):
		return l.number()
	case c == '"' || c == '\'':
		tok.kind, tok.str = tString, l.shortString(c)
		return tok
	case c == '[':
		if lvl := l.longBracket(); lvl >= 0 {
			tok.kind, tok.str = tString, l.longString(lvl, "string")
			return tok
		}
		if l.peekByte(1) == '=' {
			l.pos++
			l.errorf("[", "invalid long string delimiter")
		}
	}
	two := ""
	if l.pos+1 < len(l.src) {
		two = l.src[l.pos : l.pos+2]
	}
	switch {
	case strings.HasPrefix(l.src[l.pos:], "..."):
		l.pos += 3
		tok.kind = tDots
		return tok
	case two == "..":
		tok.kind = tConcat
	case two == "==":
		tok.kind = tEq
	case two == ">=":
		tok.kind = tGe
	case two == "<=":
		tok.kind = tLe
	case two == "~=":
		tok.kind = tNe
	}
	if tok.kind != 0 {
		l.pos += 2
		return tok
	}
	if strings.IndexByte("+-*/%^#=<>(){}[];:,.", c) < 0 {
		l.pos++
		l.errorf(string(c), "unexpected symbol")
	}
	l.pos++
	tok.kind = int(c)
	return tok
}

// number reads a numeral as Lua 5.1 does: digits, dots, exponents and
// any alphanumerics after, then converts the whole.
func (l *lexer) number() token {
	start := l.pos
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if isDigit(c) || c == '.' {
			l.pos++
		} else if (c == 'e' || c == 'E') && l.pos+1 < len(l.src) && (l.src[l.pos+1] == '+' || l.src[l.pos+1] == '-') {
			l.pos += 2
		} else if isAlpha(c) {
			l.pos++
		} else {
			break
		}
	}
	text := l.src[start:l.pos]
	f, ok := parseNumber(text)
	if !ok {
		l.errorf(text, "malformed number")
	}
	return token{kind: tNumber, line: l.line, str: text, num: f}
}

// shortString reads a quoted string with its escapes.
func (l *lexer) shortString(q byte) string {
	l.pos++
	var b strings.Builder
	for {
		if l.pos >= len(l.src) {
			l.errorf("<eof>", "unfinished string")
		}
		c := l.src[l.pos]
		switch c {
		case q:
			l.pos++
			return b.String()
		case '\n', '\r':
			l.errorf(string(q)+b.String(), "unfinished string")
		case '\\':
			l.escape(&b, q)
		default:
			b.WriteByte(c)
			l.pos++
		}
	}
}

// escape reads one backslash escape into b.
func (l *lexer) escape(b *strings.Builder, q byte) {
	l.pos++
	if l.pos >= len(l.src) {
		l.errorf("<eof>", "unfinished string")
	}
	c := l.src[l.pos]
	if e := strings.IndexByte("abfnrtv", c); e >= 0 {
		b.WriteByte("\a\b\f\n\r\t\v"[e])
		l.pos++
		return
	}
	switch {
	case c == '\n' || c == '\r':
		b.WriteByte('\n')
		l.newline()
	case isDigit(c):
		n := 0
		for i := 0; i < 3 && l.pos < len(l.src) && isDigit(l.src[l.pos]); i++ {
			n = n*10 + int(l.src[l.pos]-'0')
			l.pos++
		}
		if n > 255 {
			l.errorf(string(q)+b.String(), "escape sequence too large")
		}
		b.WriteByte(byte(n))
	default:
		b.WriteByte(c)
		l.pos++
	}
}

// describe names a token for messages as Lua does: its text for names,
// strings and numbers.
func describe(t token) string {
	switch t.kind {
	case tName, tString, tNumber:
		return t.str
	}
	return kindName(t.kind)
}

// kindName names a kind of token ("<name>", "=", "end").
func kindName(kind int) string {
	t := token{kind: kind}
	if n, ok := tokenNames[t.kind]; ok {
		return n
	}
	if t.kind < 256 {
		return string(rune(t.kind))
	}
	for k, v := range keywords {
		if v == t.kind {
			return k
		}
	}
	return "?"
}
