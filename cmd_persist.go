// cmd_persist.go holds the persistence commands: BGREWRITEAOF.
package main

func persistCommands() []*command {
	return []*command{
		{name: "bgrewriteaof", arity: 1, flags: flagAdmin | flagNoScript, fn: cmdBgRewriteAOF},
	}
}

// cmdBgRewriteAOF starts compacting the append-only file in the background.
func cmdBgRewriteAOF(c *client, args [][]byte) {
	a := c.srv.aof()
	if a == nil {
		c.writeError("ERR Background append only file rewriting is not possible: appendonly is off (start nosql with -appendonly)")
		return
	}
	if err := a.startRewrite(); err != nil {
		c.writeError("ERR " + err.Error())
		return
	}
	c.writeSimple("Background append only file rewriting started")
}
