// protocol.go parses semicolon-protocol requests ("COMMAND;KEY;VALUE;TYPE")
// and formats their responses: echoed bytes with CR and LF escaped, and
// Python's repr of a list of strings.
package main

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// textRequest is one parsed semicolon-protocol request. Its fields point
// into the connection's read buffer and are trimmed of spaces and tabs.
type textRequest struct {
	Command, Key, Value, Type []byte
}

// parseText splits a request line (without its terminator) into fields:
// COMMAND before the first ';', KEY before the second, TYPE after the last
// (when there are three or more) and VALUE everything between.
func parseText(line []byte) textRequest {
	var r textRequest
	i := bytes.IndexByte(line, ';')
	if i < 0 {
		r.Command = trimField(line)
		return r
	}
	r.Command, line = trimField(line[:i]), line[i+1:]
	i = bytes.IndexByte(line, ';')
	if i < 0 {
		r.Key = trimField(line)
		return r
	}
	r.Key, line = trimField(line[:i]), line[i+1:]
	if j := bytes.LastIndexByte(line, ';'); j >= 0 {
		r.Value, r.Type = trimField(line[:j]), trimField(line[j+1:])
	} else {
		r.Value = trimField(line)
	}
	return r
}

// trimField removes leading and trailing spaces and tabs.
func trimField(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// isBlank reports whether line holds only spaces and tabs.
func isBlank(line []byte) bool { return len(trimField(line)) == 0 }

// splitList splits a LIST value on every comma, trimming each element and
// keeping empty ones; an empty value is the empty list.
func splitList(v []byte) [][]byte {
	if len(v) == 0 {
		return [][]byte{}
	}
	parts := bytes.Split(v, []byte{','})
	for i, p := range parts {
		parts[i] = trimField(p)
	}
	return parts
}

// appendEscaped appends b as stored, except CR written `\r` and LF written
// `\n`, so that a response is always one line. Backslashes and every other
// byte pass unchanged: a value without CR or LF comes back byte for byte.
func appendEscaped[T string | []byte](dst []byte, b T) []byte {
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\n':
			dst = append(dst, '\\', 'n')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// appendPyList appends elems as Python 3 prints a list of str.
func appendPyList(dst []byte, elems []string) []byte {
	dst = append(dst, '[')
	for i, e := range elems {
		if i > 0 {
			dst = append(dst, ',', ' ')
		}
		dst = appendPyRepr(dst, e)
	}
	return append(dst, ']')
}

// appendPyRepr appends s as Python 3's repr() writes a str: single quotes
// unless s holds a single quote and no double quote; backslash, the quote,
// \t \n \r escaped; other unprintable characters as \xhh, \uhhhh or
// \Uhhhhhhhh. Bytes that are not UTF-8 are written as \xhh.
func appendPyRepr(dst []byte, s string) []byte {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	dst = append(dst, q)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = appendHexEscape(dst, 'x', uint32(s[i]), 2)
			i++
			continue
		}
		switch {
		case r == '\\' || r == rune(q):
			dst = append(dst, '\\', byte(r))
		case r == '\t':
			dst = append(dst, '\\', 't')
		case r == '\n':
			dst = append(dst, '\\', 'n')
		case r == '\r':
			dst = append(dst, '\\', 'r')
		case r < 0x80 && r >= 0x20 && r < 0x7f:
			dst = append(dst, byte(r))
		case r >= 0x80 && unicode.IsPrint(r):
			dst = append(dst, s[i:i+size]...)
		case r < 0x100:
			dst = appendHexEscape(dst, 'x', uint32(r), 2)
		case r < 0x10000:
			dst = appendHexEscape(dst, 'u', uint32(r), 4)
		default:
			dst = appendHexEscape(dst, 'U', uint32(r), 8)
		}
		i += size
	}
	return append(dst, q)
}

func appendHexEscape(dst []byte, kind byte, v uint32, width int) []byte {
	dst = append(dst, '\\', kind)
	h := strconv.FormatUint(uint64(v), 16)
	for i := len(h); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, h...)
}
