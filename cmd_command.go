// cmd_command.go holds COMMAND, which describes the command table to
// clients (redis-cli, client libraries) in Redis 7's formats: each
// command's name, arity, flags, key positions, ACL categories, key specs
// and subcommands.
package main

import (
	"sort"
	"strings"
)

// commandCommand returns COMMAND: a container of subcommands that, bare,
// describes every command.
func commandCommand() *command {
	cmd := container("command", -1, 0, commandSubcommands())
	cmd.fn = cmdCommand
	return cmd
}

func commandSubcommands() []subcommand {
	return []subcommand{
		{name: "count", arity: 2, fn: cmdCommandCount},
		{name: "list", arity: -2, fn: cmdCommandList},
		{name: "info", arity: -2, fn: cmdCommandInfo},
		{name: "docs", arity: -2, fn: cmdCommandDocs},
		{name: "getkeys", arity: -4, fn: commandGetKeys(false)},
		{name: "getkeysandflags", arity: -4, fn: commandGetKeys(true)},
		{name: "help", arity: 2, fn: cmdCommandHelp},
	}
}

// cmdCommand serves bare COMMAND (every command's info) and dispatches
// its subcommands.
func cmdCommand(c *client, args [][]byte) {
	if len(args) > 1 {
		c.runSubcommand(c.srv.commands["command"].subs, args)
		return
	}
	cmds := c.srv.sortedCommands()
	c.writeArray(len(cmds))
	for _, cmd := range cmds {
		c.writeCommandInfo(cmd)
	}
}

// sortedCommands returns the command table sorted by name.
func (s *Server) sortedCommands() []*command {
	cmds := make([]*command, 0, len(s.commands))
	for _, cmd := range s.commands {
		cmds = append(cmds, cmd)
	}
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	return cmds
}

func cmdCommandCount(c *client, args [][]byte) { c.writeInt(int64(len(c.srv.commands))) }

// cmdCommandList serves COMMAND LIST [FILTERBY MODULE name | ACLCAT
// category | PATTERN pattern]: command and subcommand names.
func cmdCommandList(c *client, args [][]byte) {
	keep := func(name string, flags cmdFlags) bool { return true }
	switch {
	case len(args) == 2:
	case len(args) == 5 && strings.EqualFold(string(args[2]), "filterby"):
		val := string(args[4])
		switch strings.ToLower(string(args[3])) {
		case "module":
			keep = func(string, cmdFlags) bool { return false }
		case "aclcat":
			keep = func(name string, f cmdFlags) bool { return c.srv.categories(name, f).has(val) }
		case "pattern":
			keep = func(name string, _ cmdFlags) bool { return matchNameGlob(val, name) }
		default:
			c.writeError(errSyntax)
			return
		}
	default:
		c.writeError(errSyntax)
		return
	}
	var names []string
	for _, cmd := range c.srv.sortedCommands() {
		if keep(cmd.name, cmd.infoFlags()) {
			names = append(names, cmd.name)
		}
		for _, sub := range cmd.subs {
			if full := cmd.name + "|" + sub.name; keep(full, sub.flags) {
				names = append(names, full)
			}
		}
	}
	c.writeBulks(names)
}

// cmdCommandInfo serves COMMAND INFO [name ...]: the info of each named
// command (null for an unknown one), or of every command.
func cmdCommandInfo(c *client, args [][]byte) {
	if len(args) == 2 {
		cmdCommand(c, args[:1])
		return
	}
	c.writeArray(len(args) - 2)
	for _, a := range args[2:] {
		name := strings.ToLower(string(a))
		base, subName, isSub := strings.Cut(name, "|")
		cmd := c.srv.commands[base]
		switch {
		case cmd == nil:
			c.writeNull()
		case !isSub:
			c.writeCommandInfo(cmd)
		default:
			sub := findSubcommand(cmd.subs, []byte(subName))
			if sub == nil {
				c.writeNull()
				continue
			}
			c.writeSubcommandInfo(base, sub)
		}
	}
}

// cmdCommandDocs serves COMMAND DOCS [name ...]. nosql keeps no
// documentation, so each known command maps to an empty map; unknown names
// are left out, as Redis leaves them out.
func cmdCommandDocs(c *client, args [][]byte) {
	var names []string
	if len(args) == 2 {
		for _, cmd := range c.srv.sortedCommands() {
			names = append(names, cmd.name)
		}
	} else {
		for _, a := range args[2:] {
			if cmd := c.srv.commands[strings.ToLower(string(a))]; cmd != nil {
				names = append(names, cmd.name)
			}
		}
	}
	c.writeMap(len(names))
	for _, n := range names {
		c.writeBulkString(n)
		c.writeMap(0)
	}
}

// commandGetKeys returns COMMAND GETKEYS command [arg ...] (the keys a
// command would touch) or, withFlags, GETKEYSANDFLAGS (each key with its
// key spec flags).
func commandGetKeys(withFlags bool) func(*client, [][]byte) {
	return func(c *client, args [][]byte) {
		keys, flags, errMsg := c.srv.commandKeys(args[2:])
		if errMsg != "" {
			c.writeError(errMsg)
			return
		}
		c.writeArray(len(keys))
		for i, k := range keys {
			if !withFlags {
				c.writeBulk(k)
				continue
			}
			c.writeArray(2)
			c.writeBulk(k)
			c.writeSimples(flags[i].names())
		}
	}
}

// commandKeys finds the keys of the command line target, and their
// flags, from the command's key positions or keys function, as Redis's
// getKeysFromCommandWithSpecs does; errMsg says why it cannot.
func (s *Server) commandKeys(target [][]byte) (keys [][]byte, flags []keyFlags, errMsg string) {
	cmd := s.commands[strings.ToLower(string(target[0]))]
	name := ""
	if cmd != nil {
		name = cmd.name
	}
	if cmd != nil && len(target) > 1 && cmd.subs != nil {
		if sub := findSubcommand(cmd.subs, target[1]); sub != nil {
			cmd = s.subcommandCommand(cmd.name, sub)
			name = cmd.name
		} else {
			cmd = nil
		}
	}
	switch {
	case cmd == nil:
		return nil, nil, "ERR Invalid command specified"
	case cmd.firstKey == 0 && cmd.keys == nil:
		return nil, nil, "ERR The command has no key arguments"
	case !cmd.arityOK(len(target)):
		return nil, nil, "ERR Invalid number of arguments specified for command"
	}
	spec := s.keyFlagsOf(name, cmd.flags)
	keys = cmd.positionalKeys(target)
	if cmd.keys != nil { // keys the positions cannot describe (numkeys)
		keys = cmd.keys(target)
	} else if cmd.lastKey < 0 && len(keys) < len(spec) {
		keys = nil // a key spec starts past the arguments (PFMERGE with no source)
	}
	if len(keys) == 0 && cmd.flags&flagEval == 0 { // scripts may take no keys
		return nil, nil, "ERR Invalid arguments specified for command"
	}
	flags = make([]keyFlags, len(keys))
	for i := range keys {
		flags[i] = spec[min(i, len(spec)-1)]
		if flags[i]&keyVariableFlags != 0 {
			flags[i] = variableKeyFlags(name, target)
		}
	}
	return keys, flags, ""
}

// subcommandCommand returns the command COMMAND describes for container's
// subcommand sub: named "container|sub", with its key at position 2 when
// its key spec (key_flags.go) says it has one, as OBJECT's, MEMORY
// USAGE's, XGROUP's and XINFO's have.
func (s *Server) subcommandCommand(container string, sub *subcommand) *command {
	full := container + "|" + sub.name
	cmd := &command{name: full, arity: sub.arity, flags: sub.flags}
	if s.keyFlags[full] != nil {
		cmd.firstKey, cmd.lastKey, cmd.step = 2, 2, 1
	}
	return cmd
}

// positionalKeys returns the keys at the command's key positions in args,
// or nil if its positions do not fit args.
func (cmd *command) positionalKeys(args [][]byte) [][]byte {
	last := cmd.lastKey
	if last < 0 {
		last += len(args)
	}
	if cmd.firstKey <= 0 || last >= len(args) || cmd.step < 1 {
		return nil
	}
	var keys [][]byte
	for i := cmd.firstKey; i <= last; i += cmd.step {
		keys = append(keys, args[i])
	}
	return keys
}

// keyFlagsOf returns the key spec flags of the command or subcommand
// name, whose command flags are f.
func (s *Server) keyFlagsOf(name string, f cmdFlags) []keyFlags {
	if kf := s.keyFlags[name]; kf != nil {
		return kf
	}
	return defaultKeyFlags(f)
}

func cmdCommandHelp(c *client, args [][]byte) {
	c.writeHelp("COMMAND",
		"(no subcommand)",
		"    Return details about all commands.",
		"COUNT",
		"    Return the total number of commands in this server.",
		"LIST [FILTERBY (MODULE <module-name>|ACLCAT <category>|PATTERN <pattern>)]",
		"    Return a list of all commands in this server.",
		"INFO [<command-name> ...]",
		"    Return details about multiple commands.",
		"    If no command names are given, details for all commands are returned.",
		"DOCS [<command-name> ...]",
		"    Return documentation details about multiple commands (nosql has none).",
		"GETKEYS <full-command>",
		"    Return the keys from a full command.")
}

// writeCommandInfo writes the 10-element COMMAND INFO reply of cmd.
func (c *client) writeCommandInfo(cmd *command) {
	c.writeArray(10)
	c.writeBulkString(cmd.name)
	c.writeInt(int64(cmd.arity))
	names := flagNames(cmd.infoFlags())
	if cmd.movableKeys() {
		names = append(names, "movablekeys")
	}
	c.writeSimples(names)
	c.writeInt(int64(cmd.firstKey))
	c.writeInt(int64(cmd.lastKey))
	c.writeInt(int64(cmd.step))
	c.writeSimples(c.srv.categories(cmd.name, cmd.infoFlags()).names())
	c.writeSet(0) // tips
	c.writeKeySpecs(cmd)
	subs := cmd.subs
	if len(subs) == 0 {
		c.writeSet(0) // as Redis 7.0 writes it
	} else {
		c.writeArray(len(subs))
	}
	for i := range subs {
		c.writeSubcommandInfo(cmd.name, &subs[i])
	}
}

// infoFlags returns the flags COMMAND reports for cmd and derives its
// categories from: none for a container (OBJECT, XGROUP...), whose
// subcommands carry them in Redis, else its own.
func (cmd *command) infoFlags() cmdFlags {
	if cmd.subs != nil {
		return 0
	}
	return cmd.flags
}

// writeSubcommandInfo writes the COMMAND INFO reply of a subcommand, named
// "container|sub" as Redis names it.
func (c *client) writeSubcommandInfo(container string, sub *subcommand) {
	c.writeCommandInfo(c.srv.subcommandCommand(container, sub))
}

// flagNames returns the COMMAND INFO names of the flags in f, in Redis's
// order; may_replicate is not shown, as Redis hides it.
func flagNames(f cmdFlags) []string {
	var names []string
	for _, fl := range [...]struct {
		flag cmdFlags
		name string
	}{
		{flagWrite, "write"},
		{flagReadonly, "readonly"},
		{flagDenyOOM, "denyoom"},
		{flagAdmin, "admin"},
		{flagNoScript, "noscript"},
		{flagFast, "fast"},
		{flagNoAuth, "no_auth"},
		{flagNoMulti, "no_multi"},
	} {
		if f&fl.flag != 0 {
			names = append(names, fl.name)
		}
	}
	return names
}

// writeSimples writes a set of simple strings (flags, categories).
func (c *client) writeSimples(items []string) {
	c.writeSet(len(items))
	for _, s := range items {
		c.writeSimple(s)
	}
}

// writeKeySpecs writes cmd's key specs, built from its key positions: one
// index/range spec for each entry of its key flags, the last covering the
// rest of the range (as Redis splits LMOVE's or BITOP's), or none for a
// command without key positions.
func (c *client) writeKeySpecs(cmd *command) {
	if cmd.firstKey == 0 {
		c.writeSet(0)
		return
	}
	flags := c.srv.keyFlagsOf(cmd.name, cmd.flags)
	if cmd.lastKey >= 0 { // no more specs than the range has keys
		flags = flags[:min(len(flags), (cmd.lastKey-cmd.firstKey)/max(cmd.step, 1)+1)]
	}
	c.writeSet(len(flags)) // a set in Redis 7.0
	for i, f := range flags {
		first, last := cmd.firstKey+i*cmd.step, 0
		if i == len(flags)-1 {
			last = cmd.lastKey
			if last > 0 {
				last -= first
			}
		}
		c.writeKeySpec(f, first, last, cmd.step)
	}
}

// writeKeySpec writes one index/range key spec.
func (c *client) writeKeySpec(f keyFlags, index, last, step int) {
	c.writeMap(3)
	c.writeBulkString("flags")
	c.writeSimples(f.names())
	c.writeBulkString("begin_search")
	c.writeMap(2)
	c.writeBulkString("type")
	c.writeBulkString("index")
	c.writeBulkString("spec")
	c.writeMap(1)
	c.writeBulkString("index")
	c.writeInt(int64(index))
	c.writeBulkString("find_keys")
	c.writeMap(2)
	c.writeBulkString("type")
	c.writeBulkString("range")
	c.writeBulkString("spec")
	c.writeMap(3)
	c.writeBulkString("lastkey")
	c.writeInt(int64(last))
	c.writeBulkString("keystep")
	c.writeInt(int64(step))
	c.writeBulkString("limit")
	c.writeInt(0)
}
