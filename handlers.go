// handlers.go implements the semicolon protocol's commands: a table from
// command name to handler, each answering "True;..." or "False;..." from the
// shared store, and the dispatch that counts every outcome for STATS.
package main

import (
	"bytes"
	"errors"
	"strconv"
)

// textHandler answers one request by appending its message (without the
// "True;"/"False;" prefix) to dst and reporting success.
type textHandler func(s *Server, r textRequest, dst []byte) ([]byte, bool)

// textHandlers maps each command to its STATS row and handler.
var textHandlers = map[string]struct {
	row             int // index into textCommands and the STATS table
	needsKey, write bool
	fn              textHandler
}{
	"PUT":       {0, true, true, handlePut},
	"GET":       {1, true, false, handleGet},
	"GETLIST":   {2, true, false, handleGetList},
	"PUTLIST":   {3, true, true, handlePutList},
	"INCREMENT": {4, true, true, handleIncrement},
	"APPEND":    {5, true, true, handleAppend},
	"DELETE":    {6, true, true, handleDelete},
	"STATS":     {7, false, false, handleStats},
}

// serveText answers one request line, appending "True;...\n" or
// "False;...\n" to dst; write reports whether the command may have changed
// the store (so its reply waits for the append-only file). A client not
// authenticated (authed false) is refused every known command.
func (s *Server) serveText(line []byte, dst []byte, authed bool) (out []byte, write bool) {
	r := parseText(line)
	var name [16]byte
	h, known := textHandlers[string(upperInto(name[:0], r.Command))]
	start := len(dst)
	dst = append(dst, "True;"...)
	ok := false
	switch {
	case !known:
		dst = append(dst[:start], "False;Unknown command type ["...)
		dst = appendEscaped(dst, r.Command)
		dst = append(dst, ']')
		return append(dst, '\n'), false
	case !authed:
		dst = append(dst, textNoAuth...)
	case h.needsKey && len(r.Key) == 0:
		dst = append(dst, "ERROR: Command ["...)
		dst = append(dst, textCommands[h.row]...)
		dst = append(dst, "] requires a key"...)
	case h.write && s.writeError() != nil:
		dst = append(dst, "ERROR: "...)
		dst = append(dst, s.writeError().Error()...)
	default:
		dst, ok = h.fn(s, r, dst)
	}
	if !ok { // the message follows "True;": make room for "False;"
		dst = append(dst, 0)
		copy(dst[start+6:], dst[start+5:len(dst)-1])
		copy(dst[start:], "False;")
	}
	s.stats.countText(h.row, ok)
	return append(dst, '\n'), h.write && ok
}

// upperInto appends b upper-cased (ASCII) to dst, up to cap(dst) bytes;
// longer names are not commands and come back cut short.
func upperInto(dst, b []byte) []byte {
	if len(b) > cap(dst) {
		return append(dst, '?')
	}
	for _, c := range b {
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// valueType is a parsed TYPE field.
type valueType int

const (
	typeNone valueType = iota
	typeInt
	typeString
	typeList
	typeUnknown
)

func parseType(t []byte) valueType {
	switch {
	case len(t) == 0:
		return typeNone
	case bytes.EqualFold(t, []byte("INT")):
		return typeInt
	case bytes.EqualFold(t, []byte("STRING")):
		return typeString
	case bytes.EqualFold(t, []byte("LIST")):
		return typeList
	}
	return typeUnknown
}

func unknownType(dst, t []byte) ([]byte, bool) {
	dst = append(dst, "ERROR: Unknown value type ["...)
	dst = appendEscaped(dst, t)
	return append(dst, "]; use INT, STRING or LIST"...), false
}

// normalInt parses an INT value as strconv.ParseInt does and returns its
// normal form, or writes the error.
func normalInt(dst, v []byte) ([]byte, []byte, bool) {
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		dst = append(dst, "ERROR: Value ["...)
		dst = appendEscaped(dst, v)
		return nil, append(dst, "] is not an INT"...), false
	}
	return strconv.AppendInt(nil, n, 10), dst, true
}

func keyMsg(dst, key []byte, msg string) []byte {
	dst = append(dst, "ERROR: Key ["...)
	dst = appendEscaped(dst, key)
	return append(dst, msg...)
}

func notFound(dst, key []byte) ([]byte, bool) {
	return keyMsg(dst, key, "] not found"), false
}

// appendValue writes a stored value: a string escaped, a list as Python.
func appendValue(dst []byte, v Value) []byte {
	if v.IsList() {
		return appendPyList(dst, v.List().AppendTo(nil))
	}
	return appendEscaped(dst, v.Str())
}

// wrongKind writes "Key [k] contains non-<kind> value ([v])" from the
// key's current value.
func (s *Server) wrongKind(dst, key []byte, kind string) ([]byte, bool) {
	dst = keyMsg(dst, key, "] contains non-"+kind+" value ([")
	v, _ := s.store.Lookup(key)
	dst = appendValue(dst, v)
	return append(dst, "])"...), false
}

func setTo(dst, key []byte) []byte {
	dst = append(dst, "Key ["...)
	dst = appendEscaped(dst, key)
	return append(dst, "] set to ["...)
}

func handlePut(s *Server, r textRequest, dst []byte) ([]byte, bool) {
	switch parseType(r.Type) {
	case typeUnknown:
		return unknownType(dst, r.Type)
	case typeList:
		return handlePutList(s, r, dst)
	case typeInt:
		n, dst, ok := normalInt(dst, r.Value)
		if !ok {
			return dst, false
		}
		r.Value = n
	}
	s.store.Set(r.Key, r.Value)
	return append(appendEscaped(setTo(dst, r.Key), r.Value), ']'), true
}

func handlePutList(s *Server, r textRequest, dst []byte) ([]byte, bool) {
	switch parseType(r.Type) {
	case typeUnknown:
		return unknownType(dst, r.Type)
	case typeInt, typeString:
		dst = append(dst, "ERROR: PUTLIST stores a list; use TYPE LIST or leave it empty, not ["...)
		dst = appendEscaped(dst, r.Type)
		return append(dst, ']'), false
	}
	elems := splitList(r.Value)
	s.store.SetList(r.Key, elems)
	strs := make([]string, len(elems))
	for i, e := range elems {
		strs[i] = string(e)
	}
	return append(appendPyList(setTo(dst, r.Key), strs), ']'), true
}

func handleGet(s *Server, r textRequest, dst []byte) ([]byte, bool) {
	v, ok := s.store.Lookup(r.Key)
	if !ok {
		return notFound(dst, r.Key)
	}
	return appendValue(dst, v), true
}

func handleGetList(s *Server, r textRequest, dst []byte) ([]byte, bool) {
	v, ok := s.store.Lookup(r.Key)
	switch {
	case !ok:
		return notFound(dst, r.Key)
	case !v.IsList():
		return s.wrongKind(dst, r.Key, "list")
	}
	return appendValue(dst, v), true
}

func handleAppend(s *Server, r textRequest, dst []byte) ([]byte, bool) {
	var elems [][]byte
	switch parseType(r.Type) {
	case typeUnknown:
		return unknownType(dst, r.Type)
	case typeList:
		elems = splitList(r.Value)
	case typeInt:
		n, dst2, ok := normalInt(dst, r.Value)
		if !ok {
			return dst2, false
		}
		r.Value = n
		elems = [][]byte{n}
	default:
		elems = [][]byte{r.Value}
	}
	switch _, err := s.store.Push(r.Key, elems, false, false); {
	case errors.Is(err, ErrNoKey):
		return notFound(dst, r.Key)
	case err != nil:
		return s.wrongKind(dst, r.Key, "list")
	}
	dst = append(dst, "Key ["...)
	dst = appendEscaped(dst, r.Key)
	dst = append(dst, "] had value ["...)
	dst = appendEscaped(dst, r.Value)
	return append(dst, "] appended"...), true
}

func handleIncrement(s *Server, r textRequest, dst []byte) ([]byte, bool) {
	switch _, err := s.store.IncrBy(r.Key, 1, false); {
	case errors.Is(err, ErrNoKey):
		return notFound(dst, r.Key)
	case errors.Is(err, ErrOverflow):
		return keyMsg(dst, r.Key, "] increment would overflow"), false
	case err != nil:
		return s.wrongKind(dst, r.Key, "int")
	}
	dst = append(dst, "Key ["...)
	dst = appendEscaped(dst, r.Key)
	return append(dst, "] incremented"...), true
}

func handleDelete(s *Server, r textRequest, dst []byte) ([]byte, bool) {
	if s.store.Del(r.Key) == 0 {
		return keyMsg(dst, r.Key, "] not found and could not be deleted"), false
	}
	dst = append(dst, "Key ["...)
	dst = appendEscaped(dst, r.Key)
	return append(dst, "] deleted"...), true
}

func handleStats(s *Server, _ textRequest, dst []byte) ([]byte, bool) {
	return s.stats.appendTextStats(dst), true
}
