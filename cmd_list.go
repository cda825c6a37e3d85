// cmd_list.go holds the list commands: LPUSH, RPUSH.
package main

func listCommands() []*command {
	return []*command{
		{name: "lpush", arity: -3, flags: flagWrite | flagFast, firstKey: 1, lastKey: 1, step: 1, fn: cmdLPush},
		{name: "rpush", arity: -3, flags: flagWrite | flagFast, firstKey: 1, lastKey: 1, step: 1, fn: cmdRPush},
	}
}

func cmdLPush(c *conn, args [][]byte) { c.push(args, true, true) }
func cmdRPush(c *conn, args [][]byte) { c.push(args, false, true) }

func (c *conn) push(args [][]byte, left, create bool) {
	n, err := c.srv.store.Push(args[1], args[2:], left, create)
	if err != nil {
		c.writeStoreError(err)
		return
	}
	c.writeInt(int64(n))
}
