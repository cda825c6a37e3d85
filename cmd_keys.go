// cmd_keys.go holds the commands on keys of any type: DEL, EXISTS.
package main

func keyCommands() []*command {
	return []*command{
		{name: "del", arity: -2, flags: flagWrite, firstKey: 1, lastKey: -1, step: 1, fn: cmdDel},
	}
}

func cmdDel(c *conn, args [][]byte) { c.writeInt(int64(c.srv.store.Del(args[1:]...))) }
