// diff_db_test.go compares the database commands with Redis: SELECT and
// what it isolates, DBSIZE per database, MOVE, COPY, SWAPDB, FLUSHDB and
// FLUSHALL, errors included.
package main

import "testing"

// TestDiffDB runs the database cases against Redis and nosql.
func TestDiffDB(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "select-isolates", cmds: [][]string{c("SET", "k", "zero"), c("SELECT", "1"), c("GET", "k"), c("SET", "k", "one"), c("RPUSH", "l", "x"), c("DBSIZE"), c("SELECT", "15"), c("DBSIZE"), c("EXISTS", "k"),
			c("SELECT", "0"), c("GET", "k"), c("DBSIZE"), c("TYPE", "l"), c("SELECT", "1"), c("GET", "k"), c("TYPE", "l")}},
		{name: "select-errors", cmds: [][]string{c("SELECT", "16"), c("SELECT", "-1"), c("SELECT", "x"), c("SELECT", "1.0"), c("SELECT", "99999999999"), c("SET", "k", "v"), c("DBSIZE")}},
		{name: "dbsize", cmds: [][]string{c("DBSIZE"), c("MSET", "a", "1", "b", "2"), c("RPUSH", "l", "x"), c("DBSIZE"), c("DEL", "a"), c("DBSIZE"), c("DBSIZE", "x"), c("SET", "e", "v"), c("PEXPIREAT", "e", "1"), c("DBSIZE")}},
		{name: "flushdb", cmds: [][]string{c("SET", "a", "1"), c("SELECT", "1"), c("SET", "b", "2"), c("FLUSHDB"), c("DBSIZE"), c("SELECT", "0"), c("DBSIZE"), c("FLUSHDB", "ASYNC"), c("DBSIZE"),
			c("SET", "a", "1"), c("FLUSHDB", "sync"), c("DBSIZE"), c("FLUSHDB", "async")}},
		{name: "flushdb-errors", cmds: [][]string{c("SET", "a", "1"), c("FLUSHDB", "FOO"), c("FLUSHDB", "ASYNC", "SYNC"), c("FLUSHDB", "SYNC", "SYNC"), c("FLUSHDB", ""), c("DBSIZE")}},
		{name: "flushall", cmds: [][]string{c("SET", "a", "1"), c("SELECT", "3"), c("SET", "b", "2"), c("FLUSHALL"), c("DBSIZE"), c("SELECT", "0"), c("DBSIZE"), c("SET", "a", "1"), c("FLUSHALL", "ASYNC"),
			c("DBSIZE"), c("SET", "a", "1"), c("FLUSHALL", "Sync"), c("DBSIZE")}},
		{name: "flushall-errors", cmds: [][]string{c("SET", "a", "1"), c("FLUSHALL", "FOO"), c("FLUSHALL", "ASYNC", "ASYNC"), c("FLUSHALL", "SYNC", "x"), c("DBSIZE")}},
		// MOVE
		{name: "move", cmds: [][]string{c("SET", "k", "v"), c("MOVE", "k", "1"), c("EXISTS", "k"), c("SELECT", "1"), c("GET", "k"), c("MOVE", "k", "0"), c("SELECT", "0"), c("GET", "k"), c("DBSIZE")}},
		{name: "move-missing-existing", cmds: [][]string{c("MOVE", "missing", "1"), c("SET", "k", "zero"), c("SELECT", "2"), c("SET", "k", "two"), c("SELECT", "0"), c("MOVE", "k", "2"), c("GET", "k"),
			c("SELECT", "2"), c("GET", "k")}},
		{name: "move-ttl-and-list", cmds: [][]string{c("SET", "k", "v", "EX", "100"), c("RPUSH", "l", "a", "b"), c("MOVE", "k", "5"), c("MOVE", "l", "5"), c("SELECT", "5"), c("TTL", "k"), c("LRANGE", "l", "0", "-1"), c("TTL", "l")}},
		{name: "move-errors", cmds: [][]string{c("SET", "k", "v"), c("MOVE", "k", "0"), c("MOVE", "missing", "0"), c("MOVE", "k", "16"), c("MOVE", "k", "-1"), c("MOVE", "k", "x"), c("MOVE", "k", "1.5"),
			c("MOVE", "k", "99999999999"), c("MOVE", "k", ""), c("MOVE", "k"), c("MOVE", "k", "1", "2"), c("GET", "k")}},
		// COPY
		{name: "copy", cmds: [][]string{c("SET", "a", "v"), c("COPY", "a", "b"), c("GET", "b"), c("COPY", "a", "b"), c("SET", "a", "w"), c("COPY", "a", "b", "REPLACE"), c("GET", "b"), c("COPY", "a", "b", "replace"),
			c("COPY", "missing", "b"), c("COPY", "missing", "b", "REPLACE"), c("GET", "b")}},
		{name: "copy-same", cmds: [][]string{c("SET", "a", "v"), c("COPY", "a", "a"), c("COPY", "a", "a", "REPLACE"), c("COPY", "a", "a", "DB", "0"), c("COPY", "missing", "missing"), c("COPY", "a", "a", "DB", "1"),
			c("SELECT", "1"), c("GET", "a")}},
		{name: "copy-db", cmds: [][]string{c("SET", "a", "v", "EX", "100"), c("RPUSH", "l", "x", "y"), c("COPY", "a", "b", "DB", "3"), c("COPY", "l", "l", "db", "3"), c("EXISTS", "b"), c("SELECT", "3"), c("GET", "b"),
			c("TTL", "b"), c("LRANGE", "l", "0", "-1"), c("SET", "c", "other"), c("SELECT", "0"), c("COPY", "a", "c", "DB", "3"), c("COPY", "a", "c", "DB", "3", "REPLACE"), c("SELECT", "3"), c("GET", "c"), c("TTL", "c")}},
		{name: "copy-independent", cmds: [][]string{c("RPUSH", "l", "a"), c("COPY", "l", "m"), c("RPUSH", "m", "b"), c("LRANGE", "l", "0", "-1"), c("LRANGE", "m", "0", "-1"), c("SET", "s", "x"), c("COPY", "s", "t"),
			c("APPEND", "t", "y"), c("GET", "s"), c("GET", "t"), c("COPY", "s", "l", "REPLACE"), c("TYPE", "l")}},
		{name: "copy-ttl-replace", cmds: [][]string{c("SET", "a", "v"), c("SET", "b", "w", "EX", "100"), c("COPY", "a", "b", "REPLACE"), c("TTL", "b"), c("GET", "b")}},
		{name: "copy-errors", cmds: [][]string{c("SET", "a", "v"), c("COPY", "a", "b", "DB", "16"), c("COPY", "a", "b", "DB", "-1"), c("COPY", "a", "b", "DB", "x"), c("COPY", "a", "b", "DB"), c("COPY", "a", "b", "FOO"),
			c("COPY", "a", "b", "REPLACE", "FOO"), c("COPY", "a", "b", "DB", "1", "DB", "2"), c("COPY", "a", "b", "REPLACE", "REPLACE"), c("COPY", "a", "b", "DB", "99999999999"), c("COPY", "a"), c("COPY"),
			c("COPY", "missing", "b", "DB", "16"), c("COPY", "missing", "b", "FOO"), c("EXISTS", "b")}},
		// SWAPDB
		{name: "swapdb", cmds: [][]string{c("SET", "a", "zero"), c("RPUSH", "l", "x"), c("SELECT", "1"), c("SET", "a", "one"), c("SET", "b", "only-one", "EX", "100"), c("SWAPDB", "0", "1"),
			c("GET", "a"), c("GET", "b"), c("TYPE", "l"), c("DBSIZE"), c("SELECT", "0"), c("GET", "a"), c("GET", "b"), c("TTL", "b"), c("DBSIZE")}},
		{name: "swapdb-same-and-empty", cmds: [][]string{c("SET", "a", "v"), c("SWAPDB", "0", "0"), c("GET", "a"), c("SWAPDB", "0", "7"), c("DBSIZE"), c("SELECT", "7"), c("GET", "a"), c("SWAPDB", "7", "15"), c("DBSIZE"), c("SWAPDB", "15", "7"), c("DBSIZE")}},
		{name: "swapdb-errors", cmds: [][]string{c("SWAPDB", "x", "1"), c("SWAPDB", "0", "y"), c("SWAPDB", "x", "y"), c("SWAPDB", "0", "16"), c("SWAPDB", "16", "0"), c("SWAPDB", "-1", "0"), c("SWAPDB", "0", "-1"),
			c("SWAPDB", "1.0", "0"), c("SWAPDB", "99999999999", "0"), c("SWAPDB", "0", "99999999999"), c("SWAPDB", "", "0"), c("SWAPDB", "0"), c("SWAPDB", "0", "1", "2"), c("SWAPDB")}},
	})
}
