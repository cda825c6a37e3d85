// cmd_string.go holds the string commands: GET, SET.
package main

func stringCommands() []*command {
	return []*command{
		{name: "get", arity: 2, flags: flagReadonly | flagFast, firstKey: 1, lastKey: 1, step: 1, fn: cmdGet},
		{name: "set", arity: 3, flags: flagWrite, firstKey: 1, lastKey: 1, step: 1, fn: cmdSet},
	}
}

func cmdGet(c *conn, args [][]byte) {
	v, ok, err := c.srv.store.GetString(args[1])
	switch {
	case err != nil:
		c.writeStoreError(err)
	case !ok:
		c.writeNull()
	default:
		c.writeBulkString(v)
	}
}

func cmdSet(c *conn, args [][]byte) {
	c.srv.store.Set(args[1], args[2])
	c.writeOK()
}
