// cmd_object.go holds OBJECT: a key's ENCODING (as Redis names it for the
// same value), REFCOUNT, IDLETIME and FREQ, and HELP.
package main

func objectCommand() *command {
	cmd := container("object", -2, flagReadonly, objectSubcommands())
	cmd.keys = subcommandKey
	return cmd
}

// subcommandKey is the keys func of a container whose subcommands name
// their key after the subcommand (OBJECT, MEMORY, XINFO, XGROUP).
func subcommandKey(args [][]byte) [][]byte {
	if len(args) < 3 {
		return nil
	}
	return args[2:3]
}

func objectSubcommands() []subcommand {
	return []subcommand{
		{name: "encoding", arity: 3, flags: flagReadonly, fn: func(c *client, a [][]byte) {
			c.objectInfo(a[2], func(v Value) { c.writeBulkString(v.Encoding()) })
		}},
		{name: "refcount", arity: 3, flags: flagReadonly, fn: func(c *client, a [][]byte) {
			c.objectInfo(a[2], func(v Value) { c.writeInt(refCount(v)) })
		}},
		{name: "idletime", arity: 3, flags: flagReadonly, fn: func(c *client, a [][]byte) {
			now := c.db.clock()
			c.objectInfo(a[2], func(Value) { c.writeInt(c.db.idleTime(a[2], now)) })
		}},
		{name: "freq", arity: 3, flags: flagReadonly, fn: func(c *client, a [][]byte) {
			c.objectInfo(a[2], func(Value) {
				c.writeError("ERR An LFU maxmemory policy is not selected, access frequency not tracked. " +
					"Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.")
			})
		}},
		{name: "help", arity: 2, fn: cmdObjectHelp},
	}
}

// objectInfo calls fn with key's value, or answers null for a missing key.
func (c *client) objectInfo(key []byte, fn func(v Value)) {
	v, ok := c.db.peek().lookupNoMiss(key)
	if !ok {
		c.writeNull()
		return
	}
	fn(v)
}

// refCount is OBJECT REFCOUNT: Redis shares the integers 0 to 9999 among
// all keys (a count of INT_MAX); any other value has one reference.
func refCount(v Value) int64 {
	if v.isString() && v.Encoding() == "int" && len(v.str) <= 4 && v.str[0] != '-' {
		return 1<<31 - 1
	}
	return 1
}

func cmdObjectHelp(c *client, args [][]byte) {
	c.writeHelp("OBJECT",
		"ENCODING <key>",
		"    Return the kind of internal representation used in order to store the value",
		"    associated with a <key>.",
		"FREQ <key>",
		"    Return the access frequency index of the <key>. The returned integer is",
		"    proportional to the logarithm of the recent access frequency of the key.",
		"IDLETIME <key>",
		"    Return the idle time of the <key>, that is the approximated number of",
		"    seconds elapsed since the last access to the key.",
		"REFCOUNT <key>",
		"    Return the number of references of the value associated with the specified",
		"    <key>.")
}
