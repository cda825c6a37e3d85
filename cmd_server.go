// cmd_server.go holds the server command table and the server commands
// that act on the whole keyspace or process: DBSIZE, FLUSHDB, FLUSHALL,
// TIME, SHUTDOWN and FUNCTION FLUSH. It also holds the subcommand dispatch
// that the container commands (CLIENT, COMMAND, CONFIG, FUNCTION) share.
// Connection commands are in cmd_conn.go, COMMAND in cmd_command.go,
// CONFIG in cmd_config.go and INFO in cmd_info.go.
package main

import (
	"strconv"
	"strings"
	"time"
)

func serverCommands() []*command {
	return []*command{
		{name: "ping", arity: -1, flags: flagFast, fn: cmdPing},
		{name: "echo", arity: 2, flags: flagFast, fn: cmdEcho},
		{name: "quit", arity: -1, flags: flagFast | flagNoScript | flagNoAuth | flagNoQueue | flagAllowBusy, fn: cmdQuit},
		{name: "reset", arity: 1, flags: flagFast | flagNoScript | flagNoAuth | flagNoQueue | flagAllowBusy, fn: cmdReset},
		{name: "hello", arity: -1, flags: flagFast | flagNoScript | flagNoAuth | flagAllowBusy, fn: cmdHello},
		{name: "auth", arity: -2, flags: flagFast | flagNoScript | flagNoAuth | flagAllowBusy, fn: cmdAuth},
		container("client", -2, flagNoScript, clientSubcommands()),
		commandCommand(),
		container("config", -2, 0, configSubcommands()),
		{name: "info", arity: -1, fn: cmdInfo},
		{name: "time", arity: 1, flags: flagFast, fn: cmdTime},
		{name: "shutdown", arity: -1, flags: flagAdmin | flagNoScript | flagAllowBusy | flagNoMulti, fn: cmdShutdown},
		{name: "monitor", arity: 1, flags: flagAdmin | flagNoScript, fn: cmdMonitor},
		functionCommand(),
	}
}

// subcommand is one subcommand of a container command, as CONFIG GET is
// of CONFIG.
type subcommand struct {
	name  string // lower case
	full  string // container|name, as CLIENT LIST's cmd= shows it
	arity int    // Redis arity, counting the container and the subcommand
	flags cmdFlags
	fn    func(c *client, args [][]byte)
}

// container returns a command that runs one of subs, chosen by its first
// argument.
func container(name string, arity int, flags cmdFlags, subs []subcommand) *command {
	for i := range subs {
		subs[i].full = name + "|" + subs[i].name
	}
	return &command{name: name, arity: arity, flags: flags, subs: subs, fn: func(c *client, args [][]byte) {
		c.runSubcommand(subs, args)
	}}
}

// runSubcommand finds args[1] in subs, checks its arity and runs it,
// answering as Redis 7 does when the subcommand is unknown.
func (c *client) runSubcommand(subs []subcommand, args [][]byte) {
	if sub := findSubcommand(subs, args[1]); sub != nil {
		if (sub.arity > 0 && len(args) != sub.arity) || len(args) < -sub.arity {
			c.wrongArgs(strings.ToLower(string(args[0])) + "|" + sub.name)
			return
		}
		sub.fn(c, args)
		return
	}
	c.writeError("ERR unknown subcommand '" + clip(args[1], 128) + "'. Try " + strings.ToUpper(string(args[0])) + " HELP.")
}

// findSubcommand looks name up in subs, case-insensitively.
func findSubcommand(subs []subcommand, name []byte) *subcommand {
	for i := range subs {
		if strings.EqualFold(subs[i].name, string(name)) {
			return &subs[i]
		}
	}
	return nil
}

// subcommandSyntaxError is Redis's reply to a subcommand given the wrong
// options.
func (c *client) subcommandSyntaxError(args [][]byte) {
	c.writeError("ERR unknown subcommand or wrong number of arguments for '" + clip(args[1], 128) + "'. Try " + strings.ToUpper(string(args[0])) + " HELP.")
}

// writeHelp writes a HELP reply: the usage line of the container, the
// given lines, and HELP's own entry, as status replies.
func (c *client) writeHelp(container string, lines ...string) {
	c.writeArray(len(lines) + 3)
	c.writeSimple(container + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
	for _, l := range lines {
		c.writeSimple(l)
	}
	c.writeSimple("HELP")
	c.writeSimple("    Prints this help.")
}

func cmdTime(c *client, args [][]byte) {
	now := time.Now()
	c.writeArray(2)
	c.writeBulkString(strconv.FormatInt(now.Unix(), 10))
	c.writeBulkString(strconv.FormatInt(int64(now.Nanosecond()/1000), 10))
}

// cmdShutdown serves SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. Like
// Redis it sends no reply: it asks the process to shut the server down
// (which flushes the append-only file) and closes the connection.
func cmdShutdown(c *client, args [][]byte) {
	var save, nosave, abort, other bool
	for _, a := range args[1:] {
		switch strings.ToLower(string(a)) {
		case "save":
			save = true
		case "nosave":
			nosave = true
		case "now", "force":
			other = true
		case "abort":
			abort = true
		default:
			c.writeError(errSyntax)
			return
		}
	}
	if (save && nosave) || (abort && (save || nosave || other)) {
		c.writeError(errSyntax)
		return
	}
	if abort {
		c.writeError("ERR No shutdown in progress.")
		return
	}
	c.srv.log.Info("SHUTDOWN requested", "client", c.peer())
	c.srv.RequestShutdown()
	c.closeAfter = true
}
