// commands.go holds the RESP command table and dispatch: each command is a
// small function registered with its Redis arity and flags; dispatch checks
// the arity, runs it, and counts it for INFO commandstats.
package main

import (
	"slices"
	"strings"
)

// cmdFlags describe a command for dispatch and COMMAND INFO.
type cmdFlags uint16

const (
	flagWrite    cmdFlags = 1 << iota // changes the store: logged, and its reply waits for the log
	flagReadonly                      // reads keys only
	flagFast                          // O(1) or O(log N)
	flagAdmin                         // server administration
	flagNoScript                      // connection state commands
	flagNoAuth                        // runs before AUTH (AUTH, HELLO, QUIT)
	flagAllKeys                       // works on whole databases: locks every shard
	flagNoQueue                       // runs at once inside MULTI (EXEC, DISCARD, WATCH...)
)

// flagMayReplicate marks a command that may write to the log without
// writing keys (PUBLISH): CLIENT PAUSE WRITE holds it.
const flagMayReplicate = flagNoQueue << 1

// flagOrdered marks a command whose effect on other clients depends on
// whether it ran before their requests (a blocking pop, a subscription):
// writes and publishes that arrived after it wait until it has run
// (arrival.go).
const flagOrdered = flagMayReplicate << 2

const (
	// flagAllowBusy marks a command other clients may run while a script
	// is busy (past busy-reply-threshold): the rest are refused with BUSY
	flagAllowBusy = flagOrdered << 1
	// flagSkipMonitor: monitors are not shown the command when it ends
	// (EVAL shows itself when it starts)
	flagSkipMonitor = flagAllowBusy << 1
	// flagEval marks EVAL and its kind, whose flags depend on the script
	flagEval = flagSkipMonitor << 1
	// flagNoMulti marks a command refused inside MULTI (SAVE, SHUTDOWN),
	// as Redis's CMD_NO_MULTI
	flagNoMulti = flagEval << 1
	// flagDenyOOM marks a command that may take more memory (SET, LPUSH...),
	// refused while used memory is above maxmemory, as Redis's CMD_DENYOOM
	flagDenyOOM = flagNoMulti << 1
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
	// keys returns the keys of a command whose keys the positions above
	// cannot describe (OBJECT's subcommands); nil: the positions
	keys func(args [][]byte) [][]byte
	subs []subcommand // a container's subcommands (CLIENT LIST...); nil for a plain command

	// lockAll reports whether a command reads keys no argument names
	// (SORT's BY and GET patterns): dispatch then locks every shard
	lockAll func(args [][]byte) bool
}

// commandFamilies lists the command families, each defined in its own
// cmd_*.go file.
var commandFamilies = []func() []*command{
	serverCommands,
	keyCommands,
	stringCommands,
	bitCommands,
	listCommands,
	listMoveCommands,
	listBlockCommands,
	setCommands,
	hashCommands,
	memoryCommands,
	persistCommands,
	dbCommands,
	expireCommands,
	multiCommands,
	pubsubCommands,
	zsetCommands,
	zsetBlockCommands,
	sortCommands,
	dumpCommands,
	streamCommands,
	hllCommands,
	geoCommands,
	scriptCommands,
	clusterCommands,
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

// movableKeys reports whether the command finds keys its key positions do
// not name (a keys function, or keys its arguments' patterns name), which
// COMMAND INFO flags as Redis's movablekeys. A container's keys function
// finds its subcommands' keys at a fixed position.
func (cmd *command) movableKeys() bool {
	return cmd.subs == nil && (cmd.keys != nil || cmd.lockAll != nil)
}

// arityOK reports whether n arguments (the name included) fit the arity.
func (cmd *command) arityOK(n int) bool {
	return (cmd.arity <= 0 || n == cmd.arity) && n >= -cmd.arity
}

// dispatch runs one RESP or inline command, or queues it inside MULTI,
// and counts it; write reports whether it changed the store (so its reply
// waits for the log).
func (c *conn) dispatch(args [][]byte) (write bool) {
	c.srv.stats.commands.Add(1)
	cmd := c.srv.command(args[0])
	if cmd == nil && isHTTPCommand(args[0]) { // never a command's name
		c.crossProtocolAttack()
		return false
	}
	if c.replyOff || c.skipNext {
		return c.runQuiet(cmd, args)
	}
	return c.run(cmd, args)
}

// run checks a command (nil: unknown), then queues it inside MULTI or
// calls it, and reports whether it changed the store. A command refused
// inside MULTI makes the transaction's EXEC fail.
func (c *client) run(cmd *command, args [][]byte) bool {
	errMsg := ""
	c.noteCommand(cmd, args)
	if c.markOrdered(cmd) {
		defer c.unmarkOrdered()
	}
	c.yieldFresh()
	switch {
	case cmd == nil:
		c.unknownCommand(args)
		c.execErr = c.multi
		return false
	case !cmd.arityOK(len(args)):
		errMsg = "ERR wrong number of arguments for '" + cmd.name + "' command"
	case cmd.flags&flagNoAuth == 0 && c.authRequired():
		errMsg = errNoAuth
	case c.srv.outOfMemory() && c.oomRefused(cmd, args):
		errMsg = errOOM
	case c.srv.writeError() != nil && (cmd.flags&flagWrite != 0 || cmd.name == "exec" && c.queuedFlags(flagWrite)):
		errMsg = "MISCONF " + c.srv.writeError().Error()
	case c.pubsubOnly() && pubsubContextError(cmd, args) != "":
		errMsg = pubsubContextError(cmd, args)
	case c.srv.scriptBusy() && cmd.flagsFor(args)&flagAllowBusy == 0:
		errMsg = c.srv.busyError()
	case c.monitor && c.srv.runFlags(cmd, args)&(flagReadonly|flagWrite|flagMayReplicate) != 0:
		errMsg = "ERR Replica can't interact with the keyspace"
	case c.srv.pause.kind.Load() != pauseOff && c.pausedBy(cmd, args) && c.pauseCommand(cmd, args):
		return false
	case c.multi && cmd.flags&flagNoMulti != 0:
		errMsg = "ERR Command not allowed inside a transaction"
	case c.multi && cmd.flags&flagNoQueue == 0:
		c.queueCmd(cmd, args)
		return false
	default:
		if c.srv.orderedInflight.Load() > 0 && (cmd.flags&(flagWrite|flagMayReplicate) != 0 || cmd.name == "exec") {
			c.awaitEarlierOrdered()
		}
		return c.call(cmd, args) > 0
	}
	c.srv.stats.cmds[cmd.id].rejected.Add(1)
	if cmd.name == "exec" { // Redis's execCommandAbort, inside MULTI or not
		c.discardTx()
		c.unwatch(false)
		c.writeError("EXECABORT Transaction discarded because of: " + strings.TrimPrefix(errMsg, "ERR "))
		return false
	}
	c.writeError(errMsg)
	c.execErr = c.multi
	return false
}

// call runs a command with its shards locked (unless it runs inside EXEC,
// which holds them), serves the clients blocked on keys it readied, hands
// what it logged to the journal in one piece, and counts it. It returns the number of writes the command did. This is
// the one place a command runs.
func (c *client) call(cmd *command, args [][]byte) int {
	var set shardSet
	locked := !c.execing && c.keyShards(cmd, args, &set)
	if locked {
		c.srv.store.lock(&set)
		defer c.srv.store.unlock(&set) // a panic is contained by the connection
	}
	if !c.execing {
		c.db.begin(0, c.batchLRU) // the batch's clock read serves the LRU clock
		c.logTo()
	}
	if cmd.flags&flagReadonly != 0 {
		c.db.reads = &c.reads
	}
	c.failed = false
	cmd.fn(c, args)
	c.db.reads = nil
	c.publishEvents() // under the locks, so that a key's events keep its writes' order
	if c.redacted != nil || c.srv.monitors.n.Load() > 0 {
		c.feedMonitors(cmd, args)
	}
	n := 0
	if !c.execing {
		if len(c.serving.ready) > 0 {
			c.serveReady(&set)
		}
		n = c.commit(false) + c.txWrites
		c.txWrites = 0
		c.releaseWoken()
	}
	st := &c.srv.stats.cmds[cmd.id]
	st.nsec.Add(int64(c.lap()))
	st.calls.Add(1)
	if c.failed {
		st.failed.Add(1)
	}
	return n
}

// keyShards adds to set the shards a command's keys fall in, found from
// its key spec (every shard for whole-database commands), and reports
// whether it has any.
func (c *client) keyShards(cmd *command, args [][]byte, set *shardSet) bool {
	if cmd.flags&flagAllKeys != 0 || cmd.lockAll != nil && cmd.lockAll(args) {
		set.addAll()
		return true
	}
	if cmd.keys != nil {
		keys := cmd.keys(args)
		for _, k := range keys {
			set.add(c.srv.store.shardIndex(k))
		}
		return len(keys) > 0
	}
	if cmd.firstKey <= 0 {
		return false
	}
	last := cmd.lastKey
	if last < 0 {
		last += len(args)
	}
	found := false
	for i := cmd.firstKey; i <= last && i < len(args); i += max(cmd.step, 1) {
		set.add(c.srv.store.shardIndex(args[i]))
		found = true
	}
	return found
}

// countStats adds the client's lookups and writes since the last call to
// the server's counters (once per batch of requests: the counters are
// shared by every core).
func (c *client) countStats() {
	if c.reads != (readStats{}) {
		c.srv.stats.hits.Add(c.reads.hits)
		c.srv.stats.misses.Add(c.reads.misses)
		c.reads = readStats{}
	}
	if c.writes != 0 {
		c.srv.dirty(c.writes)
		c.writes = 0
	}
}

// logTo notes whether the command about to run is logged: appendonly
// switches only while every shard is locked, so under the command's locks
// the answer holds until it commits.
func (c *client) logTo() { c.rec.on = !c.rec.loading && c.srv.aof() != nil }

// commit publishes the keyspace events not yet published, hands the
// records the last command (or transaction, wrapped in MULTI and EXEC)
// logged to the journal, and returns how many writes it did.
func (c *client) commit(multi bool) int {
	c.publishEvents()
	n := c.rec.n
	if n == 0 {
		return 0
	}
	if a := c.srv.aof(); len(c.rec.buf) > 0 && a != nil {
		a.journal.Append(&c.rec, multi)
	}
	c.writes += n
	c.rec.reset()
	return n
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
