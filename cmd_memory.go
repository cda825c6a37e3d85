// cmd_memory.go holds MEMORY USAGE: an estimate of the bytes a key and its
// value take, counted from the records that rebuild the value (Redis's own
// figure depends on its allocator, so only its shape is Redis's: a
// positive integer, or a null for a missing key).
package main

import "bytes"

// memEntryOverhead approximates what the keyspace spends on a key beside
// its bytes, and memItemOverhead what a collection spends per string.
const (
	memEntryOverhead = 48
	memItemOverhead  = 16
)

func memoryCommand() *command {
	cmd := container("memory", -2, flagReadonly, memorySubcommands())
	cmd.keys = subcommandKey
	return cmd
}

func memorySubcommands() []subcommand {
	return []subcommand{
		{name: "usage", arity: -3, flags: flagReadonly, fn: cmdMemoryUsage},
		{name: "help", arity: 2, fn: func(c *client, _ [][]byte) {
			c.writeHelp("MEMORY",
				"USAGE <key> [SAMPLES <count>]",
				"    Return memory in bytes used by <key> and its value. Nested values are",
				"    sampled up to <count> times (default: 5, 0 means sample all).")
		}},
	}
}

// cmdMemoryUsage checks SAMPLES as Redis does (every element is counted
// whatever the sample count) before looking at the key.
func cmdMemoryUsage(c *client, args [][]byte) {
	for i := 3; i < len(args); i += 2 {
		if !bytes.EqualFold(args[i], []byte("samples")) || i+1 >= len(args) {
			c.writeError(errSyntax)
			return
		}
		n, ok := parseCanonicalInt(args[i+1])
		switch {
		case !ok:
			c.writeError(errNotInteger)
			return
		case n < 0:
			c.writeError(errSyntax)
			return
		}
	}
	c.objectInfo(args[2], func(v Value) { c.writeInt(memoryUsage(string(args[2]), v)) })
}

// memoryUsage estimates the bytes of key and v.
func memoryUsage(key string, v Value) int64 {
	n := int64(memEntryOverhead + len(key))
	if v.isString() {
		return n + int64(len(v.str))
	}
	v.rewrite(key, func(args ...string) error {
		for _, a := range args[2:] {
			n += int64(memItemOverhead + len(a))
		}
		return nil
	})
	return n
}

func memoryCommands() []*command { return []*command{memoryCommand()} }
