// cmd_script.go holds the scripting commands: EVAL, EVALSHA, EVAL_RO,
// EVALSHA_RO and SCRIPT LOAD | EXISTS | FLUSH | KILL | HELP, as Redis
// 7.0's eval.c serves them. EVAL locks every shard, so a script runs
// alone and atomically; its commands run under those locks (script_run.go).
package main

import (
	"strconv"
	"strings"
)

func scriptCommands() []*command {
	const ev = flagNoScript | flagSkipMonitor | flagAllKeys | flagEval
	return []*command{
		{name: "eval", arity: -3, flags: ev | flagMayReplicate, keys: scriptKeys, fn: cmdEval},
		{name: "evalsha", arity: -3, flags: ev | flagMayReplicate, keys: scriptKeys, fn: cmdEval},
		{name: "eval_ro", arity: -3, flags: ev | flagReadonly, keys: scriptKeys, fn: cmdEval},
		{name: "evalsha_ro", arity: -3, flags: ev | flagReadonly, keys: scriptKeys, fn: cmdEval},
		{name: "fcall", arity: -3, flags: ev | flagMayReplicate, keys: scriptKeys, fn: cmdFcall},
		{name: "fcall_ro", arity: -3, flags: ev | flagReadonly, keys: scriptKeys, fn: cmdFcall},
		container("script", -2, flagNoScript, scriptSubcommands()),
	}
}

// scriptKeys returns the keys of EVAL and FCALL (numkeys, then the keys)
// for COMMAND GETKEYS; a script locks every shard whatever they are.
func scriptKeys(args [][]byte) [][]byte {
	n, err := strconv.Atoi(string(args[2]))
	if err != nil || n < 0 || n > len(args)-3 {
		return nil
	}
	return args[3 : 3+n]
}

func scriptSubcommands() []subcommand {
	return []subcommand{
		{name: "load", arity: 3, flags: flagNoScript, fn: cmdScriptLoad},
		{name: "exists", arity: -3, flags: flagNoScript, fn: cmdScriptExists},
		{name: "flush", arity: -2, flags: flagNoScript, fn: cmdScriptFlush},
		{name: "kill", arity: 2, flags: flagNoScript | flagAllowBusy, fn: cmdScriptKill},
		{name: "debug", arity: 3, flags: flagNoScript, fn: cmdScriptDebug},
		{name: "help", arity: 2, fn: cmdScriptHelp},
	}
}

// runFlags returns the flags of the command args run: a subcommand's own,
// or for EVAL those its script declares in its shebang (Redis's
// evalGetCommandFlags): no-writes drops write and may-replicate, no
// flags at all makes it a write.
func (s *Server) runFlags(cmd *command, args [][]byte) cmdFlags {
	if cmd.flags&flagEval == 0 || len(args) < 2 {
		return cmd.flagsFor(args)
	}
	var flags int
	if strings.HasPrefix(cmd.name, "fcall") {
		f := s.scripting.function(string(args[1]))
		if f == nil {
			return cmd.flags
		}
		flags = f.flags
	} else if strings.HasPrefix(cmd.name, "evalsha") {
		sc := s.scripting.lookup(string(args[1]))
		if sc == nil {
			return cmd.flags
		}
		flags = sc.flags
	} else {
		f, _, errMsg := shebangFlags(string(args[1]))
		if errMsg != "" {
			return cmd.flags
		}
		flags = f
	}
	if flags&scriptCompat != 0 {
		return cmd.flags
	}
	out := cmd.flags &^ (flagWrite | flagMayReplicate | flagDenyOOM)
	if flags&scriptNoWrites == 0 {
		out |= flagWrite
	}
	if flags&(scriptNoWrites|scriptAllowOOM) == 0 {
		out |= flagDenyOOM
	}
	return out
}

// scriptNumKeys reads the numkeys of EVAL and FCALL (args[2]), checked
// against the arguments after it as Redis checks it; the error to write
// otherwise, notInt when it is not a number (EVAL and FCALL word it
// differently).
func scriptNumKeys(args [][]byte, notInt string) (int64, string) {
	numkeys, err := strconv.ParseInt(string(args[2]), 10, 64)
	switch {
	case err != nil:
		return 0, notInt
	case numkeys > int64(len(args)-3):
		return 0, "ERR Number of keys can't be greater than number of args"
	case numkeys < 0:
		return 0, "ERR Number of keys can't be negative"
	}
	return numkeys, ""
}

// cmdEval serves EVAL, EVALSHA and their _RO forms: script numkeys key...
// arg...
func cmdEval(c *client, args [][]byte) {
	if c.srv.monitors.n.Load() > 0 && !c.rec.loading {
		c.srv.monitors.feed(c.db.n, c.peer(), args, nil)
	}
	numkeys, msg := scriptNumKeys(args, "ERR value is not an integer or out of range")
	if msg != "" {
		c.writeError(msg)
		return
	}
	name := strings.ToLower(string(args[0]))
	e := c.srv.scripting
	var sc *script
	if strings.HasPrefix(name, "evalsha") {
		if sc = e.lookup(string(args[1])); sc == nil {
			c.writeError("NOSCRIPT No matching script. Please use EVAL.")
			return
		}
	} else {
		var errMsg string
		if sc, errMsg = e.load(string(args[1])); sc == nil {
			c.writeError(errMsg)
			return
		}
	}
	keys := args[3 : 3+numkeys]
	c.runScript(sc, keys, args[3+numkeys:], strings.HasSuffix(name, "_ro"))
}

func cmdScriptLoad(c *client, args [][]byte) {
	sc, errMsg := c.srv.scripting.load(string(args[2]))
	if sc == nil {
		c.writeError(errMsg)
		return
	}
	c.writeBulkString(sc.sha)
}

func cmdScriptExists(c *client, args [][]byte) {
	c.writeArray(len(args) - 2)
	for _, sha := range args[2:] {
		if c.srv.scripting.lookup(string(sha)) != nil {
			c.writeInt(1)
		} else {
			c.writeInt(0)
		}
	}
}

func cmdScriptFlush(c *client, args [][]byte) {
	if len(args) > 3 || len(args) == 3 && !strings.EqualFold(string(args[2]), "sync") && !strings.EqualFold(string(args[2]), "async") {
		c.writeError("ERR SCRIPT FLUSH only support SYNC|ASYNC option")
		return
	}
	c.srv.scripting.flush()
	c.writeOK()
}

// cmdScriptKill serves SCRIPT KILL: it takes no lock (the script holds
// them all) and asks the running script to stop; the script's hook
// notices within a few thousand steps.
func cmdScriptKill(c *client, args [][]byte) {
	c.killScript(true)
}

// killScript serves SCRIPT KILL (eval) and FUNCTION KILL.
func (c *client) killScript(eval bool) {
	e := c.srv.scripting
	switch {
	case e.started.Load() == 0:
		c.writeError("NOTBUSY No scripts in execution right now.")
	case eval && !e.isEval.Load():
		c.writeError(errBusyFunction)
	case !eval && e.isEval.Load():
		c.writeError(errBusyScript)
	case e.wrote.Load():
		c.writeError("UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.")
	default:
		e.killed.Store(true)
		c.writeOK()
	}
}

func cmdScriptDebug(c *client, args [][]byte) {
	c.writeError("ERR SCRIPT DEBUG is not supported by nosql")
}

func cmdScriptHelp(c *client, args [][]byte) {
	c.writeHelp("SCRIPT",
		"DEBUG (YES|SYNC|NO)",
		"    Set the debug mode for subsequent scripts executed.",
		"EXISTS <sha1> [<sha1> ...]",
		"    Return information about the existence of the scripts in the script cache.",
		"FLUSH [ASYNC|SYNC]",
		"    Flush the Lua scripts cache. Very dangerous on replicas.",
		"    When called without the optional mode argument, the behavior is determined by the",
		"    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
		"    * ASYNC: Asynchronously flush the scripts cache.",
		"    * SYNC: Synchronously flush the scripts cache.",
		"KILL",
		"    Kill the currently executing Lua script.",
		"LOAD <script>",
		"    Load a script into the scripts cache without executing it.")
}
