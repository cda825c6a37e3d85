// cmd_persist.go holds the persistence commands: BGREWRITEAOF and SAVE.
package main

import "errors"

func persistCommands() []*command {
	return []*command{
		{name: "bgrewriteaof", arity: 1, flags: flagAdmin | flagNoScript, fn: cmdBgRewriteAOF},
		{name: "save", arity: 1, flags: flagAdmin | flagNoScript | flagNoMulti, fn: cmdSave},
	}
}

// cmdSave serves SAVE. nosql keeps its data in the append-only file, not
// in an RDB snapshot, so SAVE compacts that file as BGREWRITEAOF does and
// answers once the compacted file is in place (after a rewrite already
// running, if there is one), as Redis's SAVE answers once its snapshot is
// on disk.
func cmdSave(c *client, args [][]byte) {
	a := c.srv.aof()
	if a == nil {
		c.writeError("ERR nosql saves to the append-only file, and appendonly is off (CONFIG SET appendonly yes, or start nosql with -appendonly)")
		return
	}
	err := a.startRewrite()
	if errors.Is(err, errRewriteRunning) {
		a.rw.wg.Wait()
		err = a.startRewrite()
	}
	if err == nil {
		a.rw.wg.Wait()
		if a.rw.failed.Load() {
			err = errors.New("the append-only file rewrite failed (see the server log)")
		}
	}
	if err != nil {
		c.writeError("ERR " + err.Error())
		return
	}
	c.writeOK()
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
