// script_redis.go is what scripts see of the server: the interpreter's
// globals as Redis 7.0 sets them up (the redis table: call, pcall,
// error_reply, status_reply, sha1hex, log, setresp, set_repl...; pcall
// that unwraps error tables; globals locked), and redis.call itself, which
// runs a command as the script's client and turns its RESP reply into Lua
// values as redisProtocolToLuaType does.
package main

import (
	"fmt"
	"log/slog"
	"math"
	"strconv"
	"strings"

	"nosql/internal/lua"
	"nosql/internal/scriptlibs"
)

// newState returns an interpreter scripts run in (chunk names them in
// messages), or with load the one libraries' code runs in, where
// redis.register_function works and redis.call does not.
func (e *scripting) newState(s *Server, chunk string, load bool) *lua.State {
	L := lua.NewState(chunk)
	r := lua.NewTable(0, 32)
	fn := func(name string, f func(L *lua.State, args []lua.Value) []lua.Value) {
		r.Set(name, &lua.GoFunction{Name: name, Fn: f})
	}
	if !load {
		fn("call", func(L *lua.State, args []lua.Value) []lua.Value { return e.redisCall(L, args, true) })
		fn("pcall", func(L *lua.State, args []lua.Value) []lua.Value { return e.redisCall(L, args, false) })
	}
	fn("error_reply", redisErrorReply)
	fn("status_reply", redisStatusReply)
	fn("sha1hex", func(L *lua.State, args []lua.Value) []lua.Value {
		if len(args) != 1 {
			L.Raise(errTable("wrong number of arguments"))
		}
		str, _ := lua.ToString(args[0])
		return []lua.Value{sha1hex(str)}
	})
	fn("log", func(L *lua.State, args []lua.Value) []lua.Value { return redisLog(s, L, args) })
	fn("setresp", func(L *lua.State, args []lua.Value) []lua.Value { return e.setResp(L, args) })
	fn("set_repl", func(L *lua.State, args []lua.Value) []lua.Value {
		if len(args) != 1 {
			L.Raise(errTable("redis.set_repl() requires two arguments."))
		}
		if f, _ := lua.ToNumber(args[0]); int(f)&^3 != 0 {
			L.Raise(errTable("Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE."))
		}
		return nil // nosql has no replicas; the log gets every write
	})
	fn("replicate_commands", func(L *lua.State, args []lua.Value) []lua.Value { return []lua.Value{true} })
	fn("breakpoint", func(L *lua.State, args []lua.Value) []lua.Value { return []lua.Value{false} })
	fn("debug", func(L *lua.State, args []lua.Value) []lua.Value { return nil })
	for name, v := range map[string]float64{"REPL_NONE": 0, "REPL_AOF": 1, "REPL_SLAVE": 2, "REPL_REPLICA": 2,
		"REPL_ALL": 3, "LOG_DEBUG": 0, "LOG_VERBOSE": 1, "LOG_NOTICE": 2, "LOG_WARNING": 3} {
		r.Set(name, v)
	}
	if load {
		fn("register_function", e.registerFunction)
	}
	r.Set("REDIS_VERSION", redisCompatVersion)
	r.Set("REDIS_VERSION_NUM", float64(0x07000f))
	L.Globals.Set("redis", r)
	L.Register("pcall", redisPcall)
	L.Register("loadstring", luaLoadstring)
	scriptlibs.Open(L)
	if load { // the library API Redis gives a library's code is protected too
		lua.SetMetatable(r, protectedMeta())
	}
	lockGlobals(L)
	return L
}

// protectedMeta is the metatable that makes reading an unset field an
// error.
func protectedMeta() *lua.Table {
	meta := lua.NewTable(0, 1)
	meta.Set("__index", &lua.GoFunction{Name: "protected", Fn: func(L *lua.State, args []lua.Value) []lua.Value {
		name, _ := lua.ToString(lua.Arg(args, 1))
		L.Errorf("Script attempted to access nonexistent global variable '%s'", name)
		return nil
	}})
	meta.Readonly = true
	return meta
}

// lockGlobals makes the globals and the libraries read-only, and reading
// an unset global an error, as Redis 7.0 does.
func lockGlobals(L *lua.State) {
	lua.SetMetatable(L.Globals, protectedMeta())
	for k, v, _ := L.Globals.Next(nil); k != nil; k, v, _ = L.Globals.Next(k) {
		if t, ok := v.(*lua.Table); ok {
			t.Readonly = true
		}
	}
	L.Globals.Readonly = true
}

// errTable is the error table luaPushError makes: a message that starts
// with '-' has its own code, any other gets ERR.
func errTable(msg string) *lua.Table {
	if code, rest, found := strings.Cut(strings.TrimPrefix(msg, "-"), " "); strings.HasPrefix(msg, "-") {
		if !found {
			msg = "ERR " + code
		} else {
			msg = code + " " + rest
		}
	} else {
		msg = "ERR " + msg
	}
	t := lua.NewTable(0, 2)
	t.Set("err", strings.TrimRight(msg, "\r\n"))
	return t
}

func redisErrorReply(L *lua.State, args []lua.Value) []lua.Value {
	s, ok := lua.Arg(args, 0).(string)
	if len(args) != 1 || !ok {
		return []lua.Value{errTable("wrong number or type of arguments")}
	}
	if !strings.HasPrefix(s, "-") {
		s = "-" + s
	}
	return []lua.Value{errTable(s)}
}

func redisStatusReply(L *lua.State, args []lua.Value) []lua.Value {
	s, ok := lua.Arg(args, 0).(string)
	if len(args) != 1 || !ok {
		return []lua.Value{errTable("wrong number or type of arguments")}
	}
	t := lua.NewTable(0, 1)
	t.Set("ok", s)
	return []lua.Value{t}
}

// redisPcall is Redis's pcall: an error table's err string is returned
// in place of the table.
func redisPcall(L *lua.State, args []lua.Value) []lua.Value {
	rets := lua.Pcall(L, args)
	if len(rets) == 2 && rets[0] == false {
		if t, ok := rets[1].(*lua.Table); ok {
			if s, ok := t.Get("err").(string); ok {
				rets[1] = s
			}
		}
	}
	return rets
}

// luaLoadstring compiles source text (never bytecode) into a function.
func luaLoadstring(L *lua.State, args []lua.Value) []lua.Value {
	src := L.CheckString(args, 0, "loadstring")
	if strings.HasPrefix(src, "\x1b") {
		return []lua.Value{nil, "Bytecode not supported"}
	}
	fn, err := lua.Compile(src, "[string \""+firstLine(src)+"\"]")
	if err != nil {
		return []lua.Value{nil, err.Error()}
	}
	return []lua.Value{fn}
}

func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i] + "..."
	}
	return s
}

func redisLog(s *Server, L *lua.State, args []lua.Value) []lua.Value {
	if len(args) < 2 {
		L.Raise(errTable("redis.log() requires two arguments or more."))
	}
	level, ok := args[0].(float64)
	if !ok {
		L.Raise(errTable("First argument must be a number (log level)."))
	}
	if level < 0 || level > 3 {
		L.Raise(errTable("Invalid debug level."))
	}
	parts := make([]string, 0, len(args)-1)
	for _, a := range args[1:] {
		if str, ok := lua.ToString(a); ok {
			parts = append(parts, str)
		}
	}
	lv := []slog.Level{slog.LevelDebug, slog.LevelDebug, slog.LevelInfo, slog.LevelWarn}[int(level)]
	s.log.Log(nil, lv, strings.Join(parts, " "), "source", "script")
	return nil
}

func (e *scripting) setResp(L *lua.State, args []lua.Value) []lua.Value {
	if len(args) != 1 {
		L.Raise(errTable("redis.setresp() requires one argument."))
	}
	n, _ := lua.ToNumber(args[0])
	if n != 2 && n != 3 {
		L.Raise(errTable("RESP version must be 2 or 3."))
	}
	if e.run != nil {
		e.run.client.resp = int(n)
	}
	return nil
}

// redisCall is redis.call (raise) and redis.pcall: it runs a command as
// the script's client and returns its reply as a Lua value; an error
// reply is an {err=...} table, raised by redis.call.
func (e *scripting) redisCall(L *lua.State, args []lua.Value, raise bool) []lua.Value {
	fail := func(msg string) []lua.Value {
		t := errTable(msg)
		t.Set("ignore_error_stats_update", true)
		if raise {
			L.Raise(t)
		}
		return []lua.Value{t}
	}
	run := e.run
	if run == nil {
		return fail("redis.call/pcall can only be called inside a script invocation")
	}
	if len(args) == 0 {
		return fail("Please specify at least one argument for this redis lib call")
	}
	argv := make([][]byte, len(args))
	for i, a := range args {
		switch x := a.(type) {
		case float64:
			argv[i] = []byte(formatG17(x))
		case string:
			argv[i] = []byte(x)
		default:
			return fail("Lua redis lib command arguments must be strings or integers")
		}
	}
	v := e.callCommand(run, argv)
	if t, ok := v.(*lua.Table); ok && raise {
		if _, isErr := t.Get("err").(string); isErr {
			L.Raise(t)
		}
	}
	return []lua.Value{v}
}

// callCommand checks and runs one command for a script (Redis's
// scriptCall) and returns its reply converted, or the error table.
func (e *scripting) callCommand(run *scriptRun, argv [][]byte) lua.Value {
	srv := run.caller.srv
	cmd := srv.command(argv[0])
	errMsg := ""
	switch {
	case cmd == nil:
		errMsg = "Unknown Redis command called from script"
	case !cmd.arityOK(len(argv)):
		errMsg = "Wrong number of args calling Redis command from script"
	case (cmd.flags|srv.runFlags(cmd, argv))&flagNoScript != 0:
		errMsg = "This Redis command is not allowed from script"
	case run.readOnly && srv.runFlags(cmd, argv)&(flagWrite|flagMayReplicate) != 0:
		errMsg = "Write commands are not allowed from read-only scripts."
	case (cmd.name == "xread" || cmd.name == "xreadgroup") && blockOption(argv):
		errMsg = cmd.name + " command is not allowed with BLOCK option from scripts"
	case srv.runFlags(cmd, argv)&flagDenyOOM != 0 && run.sc.flags&scriptAllowOOM == 0 && !e.wrote.Load() && srv.outOfMemory():
		errMsg = "-" + errOOM
	case srv.runFlags(cmd, argv)&flagWrite != 0 && !e.wrote.Load() && srv.writeError() != nil:
		errMsg = "-MISCONF Errors writing to the append-only file: " + srv.writeError().Error()
	}
	if errMsg != "" {
		if cmd != nil {
			srv.stats.cmds[cmd.id].rejected.Add(1)
		}
		t := errTable(errMsg)
		t.Set("ignore_error_stats_update", true)
		return t
	}
	if srv.runFlags(cmd, argv)&flagWrite != 0 {
		e.wrote.Store(true)
	}
	sc := run.client
	sc.call(cmd, argv)
	out := sc.out // the usual case: the reply fits the current block
	if len(sc.q.full) > 0 {
		out = sc.takeOutput()
	}
	v, _, ok := parseRESP(out, 0) // copies what it keeps
	sc.resetOut()
	if !ok {
		return errTable("reply of the command could not be read")
	}
	return v
}

// takeOutput returns what the client has written and empties its output.
func (c *client) takeOutput() []byte {
	var out []byte
	for _, b := range c.q.full {
		out = append(out, b...)
	}
	out = append(out, c.out...)
	c.resetOut()
	return out
}

// formatG17 formats a number as C's "%.17g" does (inf, -nan...).
func formatG17(f float64) string {
	switch {
	case math.IsInf(f, 0) || math.IsNaN(f):
		return lua.FormatNumber(f)
	case f == math.Trunc(f) && math.Abs(f) < 1e17 && !(f == 0 && math.Signbit(f)):
		return strconv.FormatInt(int64(f), 10) // 17 digits or fewer: what %.17g prints
	}
	return fmt.Sprintf("%.17g", f)
}

// blockOption reports whether XREAD or XREADGROUP has a BLOCK option
// (before STREAMS): scripts cannot wait.
func blockOption(args [][]byte) bool {
	for _, a := range args[1:] {
		switch strings.ToLower(string(a)) {
		case "block":
			return true
		case "streams":
			return false
		}
	}
	return false
}
