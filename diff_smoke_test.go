package main

import "testing"

// TestDiffSmoke checks the harness itself on a few commands.
func TestDiffSmoke(t *testing.T) {
	runDiff(t, []diffCase{
		{name: "ping-get-set", cmds: [][]string{c("PING"), c("SET", "a", "1"), c("GET", "a"), c("GET", "nope"), c("NOSUCH", "x")}},
	})
}
