// commands.go holds the RESP command table and dispatch: each command is a
// small function registered with its Redis arity and flags; dispatch checks
// the arity, runs it, and counts it for INFO commandstats.
package main

import (
	"slices"
	"strings"
)

// cmdFlags describe a command for dispatch and COMMAND INFO.
type cmdFlags uint8

const (
	flagWrite    cmdFlags = 1 << iota // changes the store: logged, and its reply waits for the log
	flagReadonly                      // reads keys only
	flagFast                          // O(1) or O(log N)
	flagAdmin                         // server administration
	flagNoScript                      // connection state commands
	flagNoAuth                        // runs before AUTH (AUTH, HELLO, QUIT)
)

// command is one RESP command.
type command struct {
	name  string // lower case, as Redis names it
	arity int    // Redis arity: n exact (command included), -n at least n
	flags cmdFlags
	// key positions for COMMAND INFO: first, last (-1: to the end), step
	firstKey, lastKey, step int
	fn                      func(c *client, args [][]byte)
	id                      int // index into Stats.cmds
}

// commandFamilies lists the command families, each defined in its own
// cmd_*.go file.
var commandFamilies = []func() []*command{
	serverCommands,
	keyCommands,
	stringCommands,
	bitCommands,
	listCommands,
	persistCommands,
}

// newCommandTable builds the name → command map, with any extra families
// (test doubles, Config.extraCommands).
func newCommandTable(extra ...func() []*command) map[string]*command {
	m := make(map[string]*command)
	for _, fam := range slices.Concat(commandFamilies, extra) {
		for _, cmd := range fam() {
			cmd.id = len(m)
			m[cmd.name] = cmd
		}
	}
	return m
}

// command finds a command by name, case-insensitively, without allocating.
func (s *Server) command(name []byte) *command {
	var buf [32]byte // longer than any command name
	if len(name) > len(buf) {
		return nil
	}
	b := buf[:0]
	for _, ch := range name {
		if 'A' <= ch && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		b = append(b, ch)
	}
	return s.commands[string(b)]
}

// arityOK reports whether n arguments (the name included) fit the arity.
func (cmd *command) arityOK(n int) bool {
	return (cmd.arity <= 0 || n == cmd.arity) && n >= -cmd.arity
}

// dispatch runs one RESP or inline command and counts it; write reports
// whether it ran a write command (so its reply waits for the log).
func (c *conn) dispatch(args [][]byte) (write bool) {
	c.srv.stats.commands.Add(1)
	cmd := c.srv.command(args[0])
	if cmd == nil && isHTTPCommand(args[0]) { // never a command's name
		c.crossProtocolAttack()
		return false
	}
	if cmd == nil {
		c.unknownCommand(args)
		return false
	}
	if !cmd.arityOK(len(args)) {
		c.srv.stats.cmds[cmd.id].rejected.Add(1)
		c.wrongArgs(cmd.name)
		return false
	}
	if cmd.flags&flagNoAuth == 0 && c.authRequired() {
		c.srv.stats.cmds[cmd.id].rejected.Add(1)
		c.writeError(errNoAuth)
		return false
	}
	if cmd.flags&flagWrite != 0 {
		if err := c.srv.writeError(); err != nil {
			c.srv.stats.cmds[cmd.id].rejected.Add(1)
			c.writeError("MISCONF " + err.Error())
			return false
		}
	}
	c.failed = false
	cmd.fn(c.client, args)
	st := &c.srv.stats.cmds[cmd.id]
	st.nsec.Add(int64(c.lap()))
	st.calls.Add(1)
	if c.failed {
		st.failed.Add(1)
	}
	return cmd.flags&flagWrite != 0
}

// unknownCommand answers as Redis 7 does, quoting the first arguments.
func (c *client) unknownCommand(args [][]byte) {
	var rest strings.Builder
	for _, a := range args[1:] {
		if rest.Len() >= 128 {
			break
		}
		rest.WriteString("'" + clip(a, 128-rest.Len()) + "' ")
	}
	c.writeError("ERR unknown command '" + clip(args[0], 128) + "', with args beginning with: " + rest.String())
}

// clip returns at most n bytes of b as a string.
func clip(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}

// wrongArgs writes Redis's arity error for a command or subcommand name.
func (c *client) wrongArgs(name string) {
	c.writeError("ERR wrong number of arguments for '" + name + "' command")
}

// isHTTPCommand reports whether name is "POST" or "Host:" in any case: the
// first words of an HTTP request, which a web page can make a browser send
// to any local port. No nosql or Redis command has these names.
func isHTTPCommand(name []byte) bool {
	if len(name) != 4 && len(name) != 5 { // most names cost one comparison
		return false
	}
	return strings.EqualFold(string(name), "post") || strings.EqualFold(string(name), "host:")
}

// crossProtocolAttack ends a connection that sent an HTTP request, as Redis
// does: nothing more it sent is run and nothing is answered.
func (c *client) crossProtocolAttack() {
	c.srv.log.Warn("Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to nosql. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your nosql instance. Connection aborted.",
		"client", c.peer())
	c.hangUp = true
}
