// cmd_server.go holds connection and server commands: PING, ECHO, QUIT.
package main

func serverCommands() []*command {
	return []*command{
		{name: "ping", arity: -1, flags: flagFast, fn: cmdPing},
		{name: "echo", arity: 2, flags: flagFast, fn: cmdEcho},
		{name: "quit", arity: -1, flags: flagFast, fn: cmdQuit},
	}
}

func cmdPing(c *conn, args [][]byte) {
	switch len(args) {
	case 1:
		c.writeSimple("PONG")
	case 2:
		c.writeBulk(args[1])
	default:
		c.wrongArgs("ping")
	}
}

func cmdEcho(c *conn, args [][]byte) { c.writeBulk(args[1]) }

func cmdQuit(c *conn, args [][]byte) {
	c.writeOK()
	c.closeAfter = true
}
