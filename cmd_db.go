// cmd_db.go holds the commands on databases: SELECT, DBSIZE, FLUSHDB,
// FLUSHALL, SWAPDB, MOVE and COPY.
package main

import "strings"

func dbCommands() []*command {
	const w, r, f, all = flagWrite, flagReadonly, flagFast, flagAllKeys
	return []*command{
		{name: "select", arity: 2, flags: f, fn: cmdSelect},
		{name: "dbsize", arity: 1, flags: r | f | all, fn: cmdDBSize},
		{name: "flushdb", arity: -1, flags: w | all, fn: cmdFlushDB},
		{name: "flushall", arity: -1, flags: w | all, fn: cmdFlushAll},
		{name: "swapdb", arity: 3, flags: w | f | all, fn: cmdSwapDB},
		{name: "move", arity: 3, flags: w | f, firstKey: 1, lastKey: 1, step: 1, fn: cmdMove},
		{name: "copy", arity: -3, flags: w | flagDenyOOM, firstKey: 1, lastKey: 2, step: 1, fn: cmdCopy},
	}
}

const (
	errDBRange  = "ERR DB index is out of range"
	errSameKeys = "ERR source and destination objects are the same"
)

// dbIndex parses a database number as Redis's getIntFromObject does and
// checks it names a database; it writes the error (msg, or Redis's
// integer error when empty) and reports false otherwise.
func (c *client) dbIndex(b []byte, msg string) (int, bool) {
	id, ok := parseCanonicalInt(b)
	switch {
	case msg != "" && (!ok || id < -1<<31 || id > 1<<31-1):
		c.writeError("ERR " + msg)
		return 0, false
	case !ok:
		c.writeError(errNotInteger)
		return 0, false
	case id < -1<<31 || id > 1<<31-1:
		c.writeError("ERR value is out of range, value must between -2147483648 and 2147483647")
		return 0, false
	case id < 0 || id >= int64(c.srv.store.databases()):
		c.writeError(errDBRange)
		return 0, false
	}
	return int(id), true
}

// cmdSelect serves SELECT index.
func cmdSelect(c *client, args [][]byte) {
	if n, ok := c.dbIndex(args[1], ""); ok {
		c.db.n = n
		c.writeOK()
	}
}

func cmdDBSize(c *client, args [][]byte) { c.writeInt(int64(c.db.Len())) }

// flushOption reports whether args hold at most one option, ASYNC or SYNC.
func flushOption(args [][]byte) bool {
	switch len(args) {
	case 1:
		return true
	case 2:
		return strings.EqualFold(string(args[1]), "async") || strings.EqualFold(string(args[1]), "sync")
	}
	return false
}

// cmdFlushDB serves FLUSHDB [ASYNC|SYNC]; ASYNC is done synchronously.
func cmdFlushDB(c *client, args [][]byte) {
	if !flushOption(args) {
		c.writeError(errSyntax)
		return
	}
	c.db.FlushDB()
	c.writeOK()
}

// cmdFlushAll serves FLUSHALL [ASYNC|SYNC]; ASYNC is done synchronously.
func cmdFlushAll(c *client, args [][]byte) {
	if !flushOption(args) {
		c.writeError(errSyntax)
		return
	}
	c.db.FlushAll()
	c.writeOK()
}

func cmdSwapDB(c *client, args [][]byte) {
	a, ok := parseCanonicalInt(args[1])
	if !ok || a < -1<<31 || a > 1<<31-1 {
		c.writeError("ERR invalid first DB index")
		return
	}
	b, ok := parseCanonicalInt(args[2])
	if !ok || b < -1<<31 || b > 1<<31-1 {
		c.writeError("ERR invalid second DB index")
		return
	}
	n := int64(c.srv.store.databases())
	if a < 0 || a >= n || b < 0 || b >= n {
		c.writeError(errDBRange)
		return
	}
	c.db.SwapDB(int(a), int(b))
	c.writeOK()
}

func cmdMove(c *client, args [][]byte) {
	n, ok := c.dbIndex(args[2], "")
	switch {
	case !ok:
	case n == c.db.n:
		c.writeError(errSameKeys)
	default:
		c.writeBool(c.db.Move(args[1], n))
	}
}

// cmdCopy serves COPY source destination [DB destination-db] [REPLACE].
func cmdCopy(c *client, args [][]byte) {
	n, replace := c.db.n, false
	for i := 3; i < len(args); i++ {
		switch {
		case strings.EqualFold(string(args[i]), "replace"):
			replace = true
		case strings.EqualFold(string(args[i]), "db") && i+1 < len(args):
			var ok bool
			if n, ok = c.dbIndex(args[i+1], ""); !ok {
				return
			}
			i++
		default:
			c.writeError(errSyntax)
			return
		}
	}
	if n == c.db.n && string(args[1]) == string(args[2]) {
		c.writeError(errSameKeys)
		return
	}
	c.writeBool(c.db.Copy(args[1], args[2], n, replace))
}
