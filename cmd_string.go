// cmd_string.go holds the string commands: GET, SET, SETNX, GETSET,
// GETDEL, MGET, MSET, MSETNX, INCR, INCRBY, DECR, DECRBY, INCRBYFLOAT,
// APPEND, STRLEN, GETRANGE (and its older name SUBSTR) and SETRANGE.
package main

import "nosql/internal/bitmap"

func stringCommands() []*command {
	const w, r, f = flagWrite, flagReadonly, flagFast
	return []*command{
		{name: "get", arity: 2, flags: r | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdGet},
		{name: "set", arity: -3, flags: w | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdSet},
		{name: "setnx", arity: 3, flags: w | f | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdSetNX},
		{name: "getset", arity: 3, flags: w | f | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdGetSet},
		{name: "getdel", arity: 2, flags: w | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdGetDel},
		{name: "mget", arity: -2, flags: r | f, firstKey: 1, lastKey: -1, step: 1, fn: cmdMGet},
		{name: "mset", arity: -3, flags: w | flagDenyOOM, firstKey: 1, lastKey: -1, step: 2, fn: cmdMSet},
		{name: "msetnx", arity: -3, flags: w | flagDenyOOM, firstKey: 1, lastKey: -1, step: 2, fn: cmdMSetNX},
		{name: "incr", arity: 2, flags: w | f | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdIncr},
		{name: "decr", arity: 2, flags: w | f | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdDecr},
		{name: "incrby", arity: 3, flags: w | f | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdIncrBy},
		{name: "decrby", arity: 3, flags: w | f | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdDecrBy},
		{name: "incrbyfloat", arity: 3, flags: w | f | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdIncrByFloat},
		{name: "append", arity: 3, flags: w | f | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdAppend},
		{name: "strlen", arity: 2, flags: r | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdStrlen},
		{name: "getrange", arity: 4, flags: r, firstKey: 1, lastKey: 1, step: 1, fn: cmdGetRange},
		{name: "substr", arity: 4, flags: r, firstKey: 1, lastKey: 1, step: 1, fn: cmdGetRange},
		{name: "lcs", arity: -3, flags: r, firstKey: 1, lastKey: 2, step: 1, fn: cmdLCS},
		{name: "setrange", arity: 4, flags: w | flagDenyOOM, firstKey: 1, lastKey: 1, step: 1, fn: cmdSetRange},
	}
}

func cmdGet(c *client, args [][]byte) {
	v, ok, err := c.db.GetString(args[1])
	c.writeMaybeString(v, ok, err)
}

// writeMaybeString writes a string from the store (or one that never
// changes), a null for a missing one, or err.
func (c *client) writeMaybeString(v string, ok bool, err error) {
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !ok:
		c.writeNull()
	default:
		c.writeBulkStored(v)
	}
}

// setOptions are SET's parsed options.
type setOptions struct {
	cond   SetCond
	get    bool
	expiry string // the expiry option given (EX, PX, EXAT, PXAT), upper case
	time   []byte // ... and its time
	keep   bool   // KEEPTTL
}

// parseSetOptions parses SET's options as Redis does: NX and XX exclude
// each other, one expiry option (each followed by a value) excludes the
// others and KEEPTTL, and anything else is a syntax error. KEEPTTL is
// accepted and does nothing, as nosql keys never expire.
func parseSetOptions(opts [][]byte) (setOptions, bool) {
	var o setOptions
	for i := 0; i < len(opts); i++ {
		name := upperASCII(opts[i])
		switch {
		case name == "NX" && o.cond != SetIfPresent:
			o.cond = SetIfAbsent
		case name == "XX" && o.cond != SetIfAbsent:
			o.cond = SetIfPresent
		case name == "GET":
			o.get = true
		case name == "KEEPTTL" && o.expiry == "":
			o.keep = true
		case isExpiryOption(name) && !o.keep && (o.expiry == "" || o.expiry == name) && i+1 < len(opts):
			o.expiry, o.time = name, opts[i+1]
			i++
		default:
			return o, false
		}
	}
	return o, true
}

func isExpiryOption(name string) bool {
	return name == "EX" || name == "PX" || name == "EXAT" || name == "PXAT"
}

// upperASCII returns b in upper case (ASCII letters only).
func upperASCII(b []byte) string {
	u := []byte(string(b))
	for i, ch := range u {
		if 'a' <= ch && ch <= 'z' {
			u[i] = ch - ('a' - 'A')
		}
	}
	return string(u)
}

func cmdSet(c *client, args [][]byte) {
	o, ok := parseSetOptions(args[3:])
	if !ok {
		c.writeError(errSyntax)
		return
	}
	when := int64(0)
	if o.expiry != "" {
		var errMsg string
		if when, errMsg = expireTime(o.time, o.expiry, c.db.time()); errMsg != "" {
			if errMsg == errExpireTime("") {
				errMsg = errExpireTime("set")
			}
			c.writeError(errMsg)
			return
		}
	}
	r, err := c.db.SetIf(args[1], args[2], o.cond, o.get, when, o.keep)
	switch {
	case o.get:
		c.writeMaybeString(r.Old, r.Existed, err)
	case r.Stored:
		c.writeOK()
	default:
		c.writeNull()
	}
}

func cmdSetNX(c *client, args [][]byte) {
	r, _ := c.db.SetIf(args[1], args[2], SetIfAbsent, false, 0, false)
	c.writeBool(r.Stored)
}

// writeBool writes :1 or :0.
func (c *client) writeBool(b bool) {
	if b {
		c.writeInt(1)
	} else {
		c.writeInt(0)
	}
}

func cmdGetSet(c *client, args [][]byte) {
	r, err := c.db.SetIf(args[1], args[2], SetAlways, true, 0, false)
	c.writeMaybeString(r.Old, r.Existed, err)
}

func cmdGetDel(c *client, args [][]byte) {
	v, ok, err := c.db.GetDel(args[1])
	c.writeMaybeString(v, ok, err)
}

func cmdMGet(c *client, args [][]byte) {
	vals, ok := c.db.MGet(args[1:])
	c.writeArray(len(vals))
	for i, v := range vals {
		c.writeMaybeString(v, ok[i], nil)
	}
}

func cmdMSet(c *client, args [][]byte) {
	if len(args)%2 == 0 {
		c.wrongArgs("mset")
		return
	}
	c.db.MSet(args[1:], false)
	c.writeOK()
}

func cmdMSetNX(c *client, args [][]byte) {
	if len(args)%2 == 0 {
		c.wrongArgs("msetnx")
		return
	}
	c.writeBool(c.db.MSet(args[1:], true))
}

func cmdIncr(c *client, args [][]byte) { c.incrBy(args[1], 1) }
func cmdDecr(c *client, args [][]byte) { c.incrBy(args[1], -1) }

func cmdIncrBy(c *client, args [][]byte) {
	n, ok := parseCanonicalInt(args[2])
	if !ok {
		c.writeError(errNotInteger)
		return
	}
	c.incrBy(args[1], n)
}

func cmdDecrBy(c *client, args [][]byte) {
	n, ok := parseCanonicalInt(args[2])
	switch {
	case !ok:
		c.writeError(errNotInteger)
	case n == minInt64:
		c.writeError("ERR decrement would overflow")
	default:
		c.incrBy(args[1], -n)
	}
}

// incrBy adds delta to key's integer and replies the result.
func (c *client) incrBy(key []byte, delta int64) {
	n, err := c.db.IncrBy(key, delta, true)
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeInt(n)
}

func cmdIncrByFloat(c *client, args [][]byte) {
	v, err := c.db.IncrByFloat(args[1], args[2])
	c.writeMaybeString(v, true, err)
}

func cmdAppend(c *client, args [][]byte) {
	n, err := c.db.Append(args[1], args[2], c.srv.set.maxBulk())
	c.writeLen(n, err)
}

// writeLen writes a length, or err.
func (c *client) writeLen(n int, err error) {
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeInt(int64(n))
}

func cmdStrlen(c *client, args [][]byte) {
	n, err := c.db.Strlen(args[1])
	c.writeLen(n, err)
}

func cmdGetRange(c *client, args [][]byte) {
	start, ok1 := parseCanonicalInt(args[2])
	end, ok2 := parseCanonicalInt(args[3])
	if !ok1 || !ok2 {
		c.writeError(errNotInteger)
		return
	}
	v, _, err := c.db.readString(args[1])
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeBulkString(substr(v.Str(), start, end)) // copied: a raw string changes
}

// substr is GETRANGE's slice of v: negative indexes count from the end,
// and the range is clamped to the string.
func substr(v string, start, end int64) string {
	if start < 0 && end < 0 && start > end {
		return ""
	}
	start, end, ok := bitmap.ClampRange(start, end, int64(len(v)))
	if !ok {
		return ""
	}
	return v[start : end+1]
}

func cmdSetRange(c *client, args [][]byte) {
	offset, ok := parseCanonicalInt(args[2])
	switch {
	case !ok:
		c.writeError(errNotInteger)
	case offset < 0:
		c.writeError("ERR offset is out of range")
	default:
		n, err := c.db.SetRange(args[1], offset, args[3], c.srv.set.maxBulk())
		c.writeLen(n, err)
	}
}
