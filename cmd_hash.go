// cmd_hash.go holds the hash commands: HSET, HSETNX, HMSET, HGET, HMGET,
// HDEL, HLEN, HSTRLEN, HEXISTS, HKEYS, HVALS, HGETALL, HINCRBY,
// HINCRBYFLOAT and HSCAN (HRANDFIELD is in cmd_hrandfield.go), with Redis
// 7's replies and argument checks in Redis's order.
package main

func hashCommands() []*command {
	const w, r, f = flagWrite, flagReadonly, flagFast
	key := func(name string, arity int, flags cmdFlags, fn func(*client, [][]byte)) *command {
		return &command{name: name, arity: arity, flags: flags, firstKey: 1, lastKey: 1, step: 1, fn: fn}
	}
	return []*command{
		key("hset", -4, w|f|flagDenyOOM, func(c *client, a [][]byte) { c.hset(a, "hset") }),
		key("hmset", -4, w|f|flagDenyOOM, func(c *client, a [][]byte) { c.hset(a, "hmset") }),
		key("hsetnx", 4, w|f|flagDenyOOM, cmdHSetNX),
		key("hget", 3, r|f, cmdHGet),
		key("hmget", -3, r|f, cmdHMGet),
		key("hdel", -3, w|f, cmdHDel),
		key("hlen", 2, r|f, cmdHLen),
		key("hstrlen", 3, r|f, cmdHStrlen),
		key("hexists", 3, r|f, cmdHExists),
		key("hkeys", 2, r, func(c *client, a [][]byte) { c.hgetall(a, true, false) }),
		key("hvals", 2, r, func(c *client, a [][]byte) { c.hgetall(a, false, true) }),
		key("hgetall", 2, r, func(c *client, a [][]byte) { c.hgetall(a, true, true) }),
		key("hincrby", 4, w|f|flagDenyOOM, cmdHIncrBy),
		key("hincrbyfloat", 4, w|f|flagDenyOOM, cmdHIncrByFloat),
		key("hrandfield", -2, r, cmdHRandField),
		key("hscan", -3, r, cmdHScan),
	}
}

// hset answers HSET (the number of new fields) and HMSET (OK).
func (c *client) hset(args [][]byte, name string) {
	if len(args)%2 != 0 {
		c.wrongArgs(name)
		return
	}
	n, err := c.db.HashSet(args[1], args[2:])
	switch {
	case err != nil:
		c.writeStoreError(err)
	case name == "hset":
		c.writeInt(int64(n))
	default:
		c.writeOK()
	}
}

func cmdHSetNX(c *client, args [][]byte) {
	set, err := c.db.HashSetNX(args[1], args[2], args[3])
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeBool(set)
}

// writeField writes a hash's value of field, or a null.
func (c *client) writeField(h *Hash, field []byte) {
	if v, ok := h.Get(bytesString(field)); ok {
		c.writeBulkStored(v)
		return
	}
	c.writeNull()
}

func cmdHGet(c *client, args [][]byte) {
	found, err := c.db.ReadHash(args[1], func(h *Hash) { c.writeField(h, args[2]) })
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !found:
		c.writeNull()
	}
}

// cmdHMGet answers one value or null per field; a missing key is an
// empty hash.
func cmdHMGet(c *client, args [][]byte) {
	found, err := c.db.ReadHash(args[1], func(h *Hash) {
		c.writeArray(len(args) - 2)
		for _, f := range args[2:] {
			c.writeField(h, f)
		}
	})
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !found:
		c.writeArray(len(args) - 2)
		for range args[2:] {
			c.writeNull()
		}
	}
}

func cmdHDel(c *client, args [][]byte) {
	n, err := c.db.HashDel(args[1], args[2:])
	c.writeLen(n, err)
}

// readHashInt answers an integer computed from key's hash, 0 for a
// missing key.
func (c *client) readHashInt(key []byte, fn func(h *Hash) int) {
	n := 0
	_, err := c.db.ReadHash(key, func(h *Hash) { n = fn(h) })
	c.writeLen(n, err)
}

func cmdHLen(c *client, args [][]byte) {
	c.readHashInt(args[1], (*Hash).Len)
}

func cmdHStrlen(c *client, args [][]byte) {
	c.readHashInt(args[1], func(h *Hash) int {
		v, _ := h.Get(bytesString(args[2]))
		return len(v)
	})
}

func cmdHExists(c *client, args [][]byte) {
	c.readHashInt(args[1], func(h *Hash) int {
		if _, ok := h.Get(bytesString(args[2])); ok {
			return 1
		}
		return 0
	})
}

// hgetall answers HKEYS, HVALS (arrays) and HGETALL (a map): empty for a
// missing key.
func (c *client) hgetall(args [][]byte, fields, vals bool) {
	header := c.writeArray
	if fields && vals {
		header = c.writeMap
	}
	found, err := c.db.ReadHash(args[1], func(h *Hash) {
		header(h.Len())
		h.Each(func(f, v string) bool {
			if fields {
				c.writeBulkStored(f)
			}
			if vals {
				c.writeBulkStored(v)
			}
			return true
		})
	})
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !found:
		header(0)
	}
}

// cmdHIncrBy parses the increment before looking at the key, as Redis.
func cmdHIncrBy(c *client, args [][]byte) {
	delta, ok := parseCanonicalInt(args[3])
	if !ok {
		c.writeError(errNotInteger)
		return
	}
	n, err := c.db.HashIncrBy(args[1], args[2], delta)
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeInt(n)
}

func cmdHIncrByFloat(c *client, args [][]byte) {
	v, err := c.db.HashIncrByFloat(args[1], args[2], args[3])
	c.writeMaybeString(v, true, err)
}

// cmdHScan answers HSCAN: the cursor is checked first, then the key,
// then the options. A listpack is returned whole with cursor 0; a
// hashtable is walked bucket by bucket (scan_collection.go).
func cmdHScan(c *client, args [][]byte) {
	cursor, ok := parseScanCursor(args[2])
	if !ok {
		c.writeError(errInvalidCursor)
		return
	}
	found, err := c.db.ReadHash(args[1], func(h *Hash) {
		opts, errMsg := parseCollectionScan(args[3:])
		if errMsg != "" {
			c.writeError(errMsg)
			return
		}
		if h.ht == nil {
			var items []string
			h.Each(func(f, v string) bool {
				items = append(items, f, v)
				return true
			})
			c.writeScanReply(0, opts.filter(items, 2))
			return
		}
		next, items := scanDict(h.ht, cursor, min(opts.count, 1<<40)*2, func(items []string, f, v string) []string {
			return append(items, f, v)
		})
		c.writeScanReply(next, opts.filter(items, 2))
	})
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !found:
		c.writeScanReply(0, nil)
	}
}
