// cmd_keys.go holds the commands on keys of any type: DEL, UNLINK, EXISTS,
// TYPE, KEYS, SCAN, RENAME, RENAMENX, RANDOMKEY, and the miniature-Redis
// names DELETE (DEL) and FLUSH (delete every key, reply how many).
package main

import "strconv"

func keyCommands() []*command {
	const w, r, f = flagWrite, flagReadonly, flagFast
	return []*command{
		{name: "del", arity: -2, flags: w, firstKey: 1, lastKey: -1, step: 1, fn: cmdDel},
		{name: "delete", arity: -2, flags: w, firstKey: 1, lastKey: -1, step: 1, fn: cmdDel},
		{name: "unlink", arity: -2, flags: w | f, firstKey: 1, lastKey: -1, step: 1, fn: cmdDel},
		{name: "exists", arity: -2, flags: r | f, firstKey: 1, lastKey: -1, step: 1, fn: cmdExists},
		{name: "type", arity: 2, flags: r | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdType},
		{name: "keys", arity: 2, flags: r | flagAllKeys, fn: cmdKeys},
		{name: "scan", arity: -2, flags: r | flagAllKeys, fn: cmdScan},
		{name: "rename", arity: 3, flags: w, firstKey: 1, lastKey: 2, step: 1, fn: cmdRename},
		{name: "renamenx", arity: 3, flags: w | f, firstKey: 1, lastKey: 2, step: 1, fn: cmdRenameNX},
		{name: "randomkey", arity: 1, flags: r | flagAllKeys, fn: cmdRandomKey},
		{name: "flush", arity: 1, flags: w | flagAllKeys, fn: cmdFlush},
		objectCommand(),
	}
}

func cmdDel(c *client, args [][]byte) { c.writeInt(int64(c.db.Del(args[1:]...))) }

func cmdExists(c *client, args [][]byte) { c.writeInt(int64(c.db.peek().Exists(args[1:]...))) }

// cmdTouch counts the keys that exist, as EXISTS, and marks them accessed.
func cmdTouch(c *client, args [][]byte) { c.writeInt(int64(c.db.Exists(args[1:]...))) }

func cmdType(c *client, args [][]byte) { c.writeSimple(c.db.peek().Type(args[1])) }

func cmdKeys(c *client, args [][]byte) { c.writeBulks(c.db.Keys(string(args[1]))) }

func cmdScan(c *client, args [][]byte) {
	cursor, ok := parseScanCursor(args[1])
	if !ok {
		c.writeError("ERR invalid cursor")
		return
	}
	count, filter, errMsg := parseScanOptions(args[2:])
	if errMsg != "" {
		c.writeError(errMsg)
		return
	}
	var keys []string
	next := uint64(0)
	if cursor < numShards {
		next, keys = c.db.Scan(cursor, count, filter)
	}
	c.writeArray(2)
	c.writeBulkString(strconv.FormatUint(next, 10))
	c.writeBulks(keys)
}

// parseScanCursor parses a cursor as Redis does with C's strtoul: no
// leading space, an optional sign ("-1" wraps around), digits up to the end
// or a NUL byte, no overflow; the empty string is cursor 0.
func parseScanCursor(b []byte) (uint64, bool) {
	for i, ch := range b {
		if ch == 0 {
			b = b[:i]
			break
		}
	}
	if len(b) == 0 {
		return 0, true
	}
	neg := b[0] == '-'
	digits := b
	if b[0] == '-' || b[0] == '+' {
		digits = b[1:]
	}
	if len(digits) == 0 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(digits), 10, 64)
	if err != nil {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// parseScanOptions parses SCAN's MATCH, COUNT (default 10) and TYPE
// options; errMsg is Redis's error for a bad one.
func parseScanOptions(opts [][]byte) (count int64, f keyFilter, errMsg string) {
	count, f.pattern = 10, "*"
	for i := 0; i < len(opts); i += 2 {
		if i+1 >= len(opts) {
			return 0, f, errSyntax
		}
		val := opts[i+1]
		switch upperASCII(opts[i]) {
		case "COUNT":
			n, ok := parseCanonicalInt(val)
			if !ok {
				return 0, f, errNotInteger
			}
			if n < 1 {
				return 0, f, errSyntax
			}
			count = n
		case "MATCH":
			f.pattern = string(val)
		case "TYPE":
			f.typ = string(val)
		default:
			return 0, f, errSyntax
		}
	}
	return count, f, ""
}

func cmdRename(c *client, args [][]byte) {
	if _, err := c.db.Rename(args[1], args[2], false); err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeOK()
}

func cmdRenameNX(c *client, args [][]byte) {
	moved, err := c.db.Rename(args[1], args[2], true)
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeBool(moved)
}

func cmdRandomKey(c *client, args [][]byte) {
	k, ok := c.db.RandomKey()
	c.writeMaybeString(k, ok, nil)
}

// cmdFlush serves nosql's own FLUSH: FLUSHALL, answering how many keys
// there were.
func cmdFlush(c *client, args [][]byte) {
	n := 0
	for i := range c.srv.store.databases() {
		n += c.db.in(i).Len()
	}
	c.db.FlushAll()
	c.writeInt(int64(n))
}
