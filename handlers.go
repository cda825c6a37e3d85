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
type textHandler func(c *client, r textRequest, dst []byte) ([]byte, bool)

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

// serveText answers one request line in the client's selected database,
// appending "True;...\n" or "False;...\n" to dst, with the key's shard
// locked; write reports whether it changed the store (so its reply waits
// for the append-only file). A client not authenticated is refused every
// known command, and a client inside MULTI every command (the transaction
// is left as it was), as is a subscribed RESP2 client (pubsubOnly).
func (c *client) serveText(line []byte, dst []byte) (out []byte, write bool) {
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
	case c.authRequired():
		dst = append(dst, textNoAuth...)
	case c.multi:
		dst = append(dst, "ERROR: a semicolon request cannot run inside MULTI; send EXEC or DISCARD first"...)
	case c.pubsubOnly():
		dst = append(dst, textPubsubOnly...)
	case h.needsKey && len(r.Key) == 0:
		dst = append(dst, "ERROR: Command ["...)
		dst = append(dst, textCommands[h.row]...)
		dst = append(dst, "] requires a key"...)
	case h.write && c.srv.writeError() != nil:
		dst = append(dst, "ERROR: "...)
		dst = append(dst, c.srv.writeError().Error()...)
	case c.srv.scriptBusy() && h.needsKey: // it would wait for the script
		dst = append(dst, "ERROR: "...)
		dst = append(dst, c.srv.busyError()...)
	case c.monitor && h.needsKey:
		dst = append(dst, "ERROR: this connection is in MONITOR mode, where keys cannot be read or written"...)
	default:
		dst, ok, write = c.runText(h.fn, r, line, dst)
	}
	if !ok { // the message follows "True;": make room for "False;"
		dst = append(dst, 0)
		copy(dst[start+6:], dst[start+5:len(dst)-1])
		copy(dst[start:], "False;")
	}
	c.srv.stats.countText(h.row, ok)
	return append(dst, '\n'), write
}

// runText runs a text handler with its key's shard locked, serves the
// clients blocked on the key if it readied it, hands what it logged to the
// journal, and shows line to monitors, as call does for RESP commands.
func (c *client) runText(fn textHandler, r textRequest, line, dst []byte) (out []byte, ok, write bool) {
	var set shardSet
	c.yieldFresh()
	if c.srv.orderedInflight.Load() > 0 {
		c.awaitEarlierOrdered() // it may be a write (arrival.go)
	}
	if len(r.Key) > 0 {
		set.add(c.srv.store.shardIndex(r.Key))
		c.srv.store.lock(&set)
		defer c.srv.store.unlock(&set)
	}
	c.db.begin(0, c.batchLRU)
	c.logTo()
	dst, ok = fn(c, r, dst)
	if c.srv.monitors.n.Load() > 0 {
		c.feedText(r, line)
	}
	if len(c.serving.ready) > 0 {
		c.serveReady(&set)
	}
	write = c.commit(false) > 0
	c.releaseWoken()
	return dst, ok, write
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

// wrongKind writes "Key [k] contains non-<kind> value ([v])" from the
// key's current value.
func (c *client) wrongKind(dst, key []byte, kind string) ([]byte, bool) {
	dst = keyMsg(dst, key, "] contains non-"+kind+" value ([")
	v, _ := c.db.Lookup(key)
	dst = v.appendText(dst)
	return append(dst, "])"...), false
}

func setTo(dst, key []byte) []byte {
	dst = append(dst, "Key ["...)
	dst = appendEscaped(dst, key)
	return append(dst, "] set to ["...)
}

func handlePut(c *client, r textRequest, dst []byte) ([]byte, bool) {
	switch parseType(r.Type) {
	case typeUnknown:
		return unknownType(dst, r.Type)
	case typeList:
		return handlePutList(c, r, dst)
	case typeInt:
		n, dst, ok := normalInt(dst, r.Value)
		if !ok {
			return dst, false
		}
		r.Value = n
	}
	c.db.Set(r.Key, r.Value)
	return append(appendEscaped(setTo(dst, r.Key), r.Value), ']'), true
}

func handlePutList(c *client, r textRequest, dst []byte) ([]byte, bool) {
	switch parseType(r.Type) {
	case typeUnknown:
		return unknownType(dst, r.Type)
	case typeInt, typeString:
		dst = append(dst, "ERROR: PUTLIST stores a list; use TYPE LIST or leave it empty, not ["...)
		dst = appendEscaped(dst, r.Type)
		return append(dst, ']'), false
	}
	elems := splitList(r.Value)
	c.db.SetList(r.Key, elems)
	strs := make([]string, len(elems))
	for i, e := range elems {
		strs[i] = string(e)
	}
	return append(appendPyList(setTo(dst, r.Key), strs), ']'), true
}

func handleGet(c *client, r textRequest, dst []byte) ([]byte, bool) {
	v, ok := c.db.Lookup(r.Key)
	if !ok {
		return notFound(dst, r.Key)
	}
	return v.appendText(dst), true
}

func handleGetList(c *client, r textRequest, dst []byte) ([]byte, bool) {
	v, ok := c.db.Lookup(r.Key)
	switch {
	case !ok:
		return notFound(dst, r.Key)
	case v.list() == nil:
		return c.wrongKind(dst, r.Key, "list")
	}
	return v.appendText(dst), true
}

func handleAppend(c *client, r textRequest, dst []byte) ([]byte, bool) {
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
	switch _, err := c.db.Push(r.Key, elems, false, false); {
	case errors.Is(err, ErrNoKey):
		return notFound(dst, r.Key)
	case err != nil:
		return c.wrongKind(dst, r.Key, "list")
	}
	dst = append(dst, "Key ["...)
	dst = appendEscaped(dst, r.Key)
	dst = append(dst, "] had value ["...)
	dst = appendEscaped(dst, r.Value)
	return append(dst, "] appended"...), true
}

func handleIncrement(c *client, r textRequest, dst []byte) ([]byte, bool) {
	switch _, err := c.db.IncrBy(r.Key, 1, false); {
	case errors.Is(err, ErrNoKey):
		return notFound(dst, r.Key)
	case errors.Is(err, ErrOverflow):
		return keyMsg(dst, r.Key, "] increment would overflow"), false
	case err != nil:
		return c.wrongKind(dst, r.Key, "int")
	}
	dst = append(dst, "Key ["...)
	dst = appendEscaped(dst, r.Key)
	return append(dst, "] incremented"...), true
}

func handleDelete(c *client, r textRequest, dst []byte) ([]byte, bool) {
	if c.db.Del(r.Key) == 0 {
		return keyMsg(dst, r.Key, "] not found and could not be deleted"), false
	}
	dst = append(dst, "Key ["...)
	dst = appendEscaped(dst, r.Key)
	return append(dst, "] deleted"...), true
}

func handleStats(c *client, _ textRequest, dst []byte) ([]byte, bool) {
	return c.srv.stats.appendTextStats(dst), true
}
