// script_function.go holds Redis 7.0's functions, as far as nosql serves
// them: FUNCTION LOAD [REPLACE] of a "#!lua name=lib" library whose code
// registers functions with redis.register_function, FCALL and FCALL_RO,
// FUNCTION DELETE, FLUSH, LIST, KILL and HELP. The libraries are part of
// the dataset: LOAD, DELETE and FLUSH are logged (holding every shard, as
// FLUSHALL does, so a rewrite's cuts see them on one side) and a rewrite
// writes each library as a FUNCTION LOAD record.
package main

import (
	"sort"
	"strings"

	"nosql/internal/glob"
	"nosql/internal/lua"
)

// library is one loaded library.
type library struct {
	name  string
	code  string
	funcs []*script // in registration order
}

// loading is the library a FUNCTION LOAD is running the code of.
type loading struct{ lib *library }

// functionCommand is the FUNCTION container: the subcommands that change
// the libraries lock every shard.
func functionCommand() *command {
	cmd := container("function", -2, 0, functionSubcommands())
	cmd.lockAll = func(args [][]byte) bool {
		sub := findSubcommand(functionSubcommands(), args[1])
		return sub != nil && sub.flags&flagWrite != 0
	}
	return cmd
}

func functionSubcommands() []subcommand {
	return []subcommand{
		{name: "load", arity: -3, flags: flagWrite | flagNoScript | flagDenyOOM, fn: cmdFunctionLoad},
		{name: "delete", arity: 3, flags: flagWrite | flagNoScript, fn: cmdFunctionDelete},
		{name: "flush", arity: -2, flags: flagWrite | flagNoScript, fn: cmdFunctionFlush},
		{name: "list", arity: -2, flags: flagNoScript, fn: cmdFunctionList},
		{name: "kill", arity: 2, flags: flagNoScript | flagAllowBusy, fn: cmdFunctionKill},
		{name: "help", arity: 2, fn: cmdFunctionHelp},
	}
}

// function returns a loaded function by name, or nil.
func (e *scripting) function(name string) *script {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, lib := range e.libs {
		for _, f := range lib.funcs {
			if f.sha == name {
				return f
			}
		}
	}
	return nil
}

// functionExists reports whether f is still loaded (FUNCTION DELETE may
// have removed it since FCALL found it).
func (s *Server) functionExists(f *script) bool { return s.scripting.function(f.sha) == f }

// cmdFcall serves FCALL and FCALL_RO: function numkeys key... arg...
func cmdFcall(c *client, args [][]byte) {
	if c.srv.monitors.n.Load() > 0 && !c.rec.loading {
		c.srv.monitors.feed(c.db.n, c.peer(), args, nil)
	}
	f := c.srv.scripting.function(string(args[1]))
	if f == nil {
		c.writeError("ERR Function not found")
		return
	}
	numkeys, msg := scriptNumKeys(args, "ERR Bad number of keys provided")
	if msg != "" {
		c.writeError(msg)
		return
	}
	c.runScript(f, args[3:3+numkeys], args[3+numkeys:], strings.EqualFold(string(args[0]), "fcall_ro"))
}

// libraryName reads the "#!lua name=lib" first line of a library.
func libraryName(code string) (name string, shebangLen int, errMsg string) {
	if !strings.HasPrefix(code, "#!") {
		return "", 0, "ERR Missing library metadata"
	}
	n := strings.IndexByte(code, '\n')
	if n < 0 {
		return "", 0, "ERR Invalid library metadata"
	}
	parts, ok := splitArgs(code[:n])
	if !ok || len(parts) == 0 {
		return "", 0, "ERR Invalid library metadata"
	}
	if parts[0] != "#!lua" {
		return "", 0, "ERR Engine '" + strings.TrimPrefix(parts[0], "#!") + "' not found"
	}
	for _, p := range parts[1:] {
		v, found := strings.CutPrefix(p, "name=")
		if !found {
			return "", 0, "ERR Invalid metadata value given: " + p
		}
		if name != "" {
			return "", 0, "ERR Invalid metadata value, name argument was given multiple times"
		}
		name = v
	}
	if name == "" {
		return "", 0, "ERR Library name was not given"
	}
	if !validFunctionName(name) {
		return "", 0, "ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long"
	}
	return name, n, ""
}

func validFunctionName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		ch := name[i]
		if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_') {
			return false
		}
	}
	return true
}

// cmdFunctionLoad serves FUNCTION LOAD [REPLACE] code. It holds no shard
// lock: the library's code runs in an interpreter of its own (LS, under
// loadMu), where redis.register_function works and redis.call does not;
// the functions it registers then run in FL under FCALL's locks.
func cmdFunctionLoad(c *client, args [][]byte) {
	replace := false
	rest := args[2:]
	for len(rest) > 1 {
		if !strings.EqualFold(string(rest[0]), "replace") {
			c.writeError("ERR Unknown option given: " + string(rest[0]))
			return
		}
		replace, rest = true, rest[1:]
	}
	if len(rest) == 0 {
		c.writeError("ERR Function code is missing")
		return
	}
	name, errMsg := c.srv.scripting.loadLibrary(string(rest[0]), replace)
	if errMsg != "" {
		c.writeError(errMsg)
		return
	}
	c.db.log("FUNCTION", "LOAD", "REPLACE", string(rest[0]))
	c.writeBulkString(name)
}

// loadLibrary compiles a library and runs its code to register its
// functions, then installs it.
func (e *scripting) loadLibrary(code string, replace bool) (string, string) {
	name, shebangLen, errMsg := libraryName(code)
	if errMsg != "" {
		return "", errMsg
	}
	e.mu.Lock()
	_, exists := e.libs[name]
	e.mu.Unlock()
	if exists && !replace {
		return "", "ERR Library '" + name + "' already exists"
	}
	fn, err := lua.Compile(code[shebangLen:], "user_function")
	if err != nil {
		return "", "ERR Error compiling function: " + err.Error()
	}
	lib := &library{name: name, code: code}
	e.loadMu.Lock()
	e.loading = &loading{lib: lib}
	_, err = e.LS.Call(fn)
	e.loading = nil
	e.loadMu.Unlock()
	if err != nil {
		return "", "ERR Error registering functions: " + luaErrorMessage(err)
	}
	if len(lib.funcs) == 0 {
		return "", "ERR No functions registered"
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for other, l := range e.libs {
		if other == name {
			continue
		}
		for _, f := range l.funcs {
			for _, g := range lib.funcs {
				if f.sha == g.sha {
					return "", "ERR Function " + g.sha + " already exists"
				}
			}
		}
	}
	e.libs[name] = lib
	return name, ""
}

// luaErrorMessage is an error's message as luaExtractErrorInformation
// reads it: an error table's err field, or "ERR " and the string.
func luaErrorMessage(err error) string {
	if le, ok := err.(*lua.Error); ok {
		if t, ok := le.Value.(*lua.Table); ok {
			if s, ok := lua.ToString(t.Get("err")); ok {
				return s
			}
		}
		return "ERR " + lua.Tostring(le.Value)
	}
	return err.Error()
}

// registerFunction is redis.register_function(name, callback) or
// redis.register_function{function_name=, callback=, flags=, description=}.
func (e *scripting) registerFunction(L *lua.State, args []lua.Value) []lua.Value {
	ld := e.loading
	if ld == nil {
		L.Raise(errTable("redis.register_function can only be called on FUNCTION LOAD command"))
	}
	f := &script{function: true}
	switch len(args) {
	case 1:
		e.readNamedArgs(L, args[0], f)
	case 2:
		name, ok := args[0].(string)
		if !ok {
			L.Raise(errTable("first argument to redis.register_function must be a string"))
		}
		cb, ok := args[1].(*lua.Closure)
		if !ok {
			L.Raise(errTable("second argument to redis.register_function must be a function"))
		}
		f.sha, f.fn = name, cb
	default:
		L.Raise(errTable("wrong number of arguments to redis.register_function"))
	}
	if !validFunctionName(f.sha) {
		L.Raise(errTable("Library names can only contain letters, numbers, or underscores(_) and must be at least one character long"))
	}
	for _, g := range ld.lib.funcs {
		if g.sha == f.sha {
			L.Raise(errTable("Function already exists in the library"))
		}
	}
	ld.lib.funcs = append(ld.lib.funcs, f)
	return nil
}

func (e *scripting) readNamedArgs(L *lua.State, arg lua.Value, f *script) {
	t, ok := arg.(*lua.Table)
	if !ok {
		L.Raise(errTable("calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments)."))
	}
	for k, v, _ := t.Next(nil); k != nil; k, v, _ = t.Next(k) {
		key, ok := k.(string)
		if !ok {
			L.Raise(errTable("named argument key given to redis.register_function is not a string"))
		}
		switch strings.ToLower(key) {
		case "function_name":
			if f.sha, ok = v.(string); !ok {
				L.Raise(errTable("function_name argument given to redis.register_function must be a string"))
			}
		case "description":
			if f.desc, ok = v.(string); !ok {
				L.Raise(errTable("description argument given to redis.register_function must be a string"))
			}
		case "callback":
			if f.fn, ok = v.(*lua.Closure); !ok {
				L.Raise(errTable("callback argument given to redis.register_function must be a function"))
			}
		case "flags":
			ft, ok := v.(*lua.Table)
			if !ok {
				L.Raise(errTable("flags argument to redis.register_function must be a table representing function flags"))
			}
			for i := 1; ft.GetInt(i) != nil; i++ {
				name, _ := ft.GetInt(i).(string)
				bit, known := scriptFlagNames[name]
				if !known {
					L.Raise(errTable("unknown flag given"))
				}
				f.flags |= bit
			}
		default:
			L.Raise(errTable("unknown argument given to redis.register_function"))
		}
	}
	if f.sha == "" {
		L.Raise(errTable("redis.register_function must get a function name argument"))
	}
	if f.fn == nil {
		L.Raise(errTable("redis.register_function must get a callback argument"))
	}
}

func cmdFunctionDelete(c *client, args [][]byte) {
	e := c.srv.scripting
	e.mu.Lock()
	_, ok := e.libs[string(args[2])]
	delete(e.libs, string(args[2]))
	e.mu.Unlock()
	if !ok {
		c.writeError("ERR Library not found")
		return
	}
	c.db.log("FUNCTION", "DELETE", string(args[2]))
	c.writeOK()
}

// cmdFunctionFlush serves FUNCTION FLUSH [ASYNC|SYNC].
func cmdFunctionFlush(c *client, args [][]byte) {
	switch {
	case len(args) > 3:
		c.subcommandSyntaxError(args)
	case len(args) == 3 && !strings.EqualFold(string(args[2]), "async") && !strings.EqualFold(string(args[2]), "sync"):
		c.writeError("ERR FUNCTION FLUSH only supports SYNC|ASYNC option")
	default:
		e := c.srv.scripting
		e.mu.Lock()
		e.libs = make(map[string]*library)
		e.mu.Unlock()
		c.db.log("FUNCTION", "FLUSH")
		c.writeOK()
	}
}

// cmdFunctionList serves FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE].
func cmdFunctionList(c *client, args [][]byte) {
	pattern, withCode := "", false
	for i := 2; i < len(args); i++ {
		switch strings.ToLower(string(args[i])) {
		case "withcode":
			withCode = true
		case "libraryname":
			if i+1 >= len(args) {
				c.writeError("ERR library name argument was not given")
				return
			}
			i++
			pattern = string(args[i])
		default:
			c.writeError("ERR Unknown argument " + string(args[i]))
			return
		}
	}
	e := c.srv.scripting
	e.mu.Lock()
	var libs []*library
	for _, l := range e.libs {
		if pattern == "" || glob.Match(pattern, l.name) {
			libs = append(libs, l)
		}
	}
	e.mu.Unlock()
	c.writeArray(len(libs))
	for _, l := range libs {
		n := 3
		if withCode {
			n = 4
		}
		c.writeMap(n)
		c.writeBulkString("library_name")
		c.writeBulkString(l.name)
		c.writeBulkString("engine")
		c.writeBulkString("LUA")
		c.writeBulkString("functions")
		c.writeArray(len(l.funcs))
		for _, f := range l.funcs {
			c.writeMap(3)
			c.writeBulkString("name")
			c.writeBulkString(f.sha)
			c.writeBulkString("description")
			if f.desc == "" {
				c.writeNull()
			} else {
				c.writeBulkString(f.desc)
			}
			c.writeBulkString("flags")
			var names []string
			for _, name := range []string{"no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"} {
				if f.flags&scriptFlagNames[name] != 0 {
					names = append(names, name)
				}
			}
			c.writeSet(len(names))
			for _, name := range names {
				c.writeSimple(name)
			}
		}
		if withCode {
			c.writeBulkString("library_code")
			c.writeBulkString(l.code)
		}
	}
}

func cmdFunctionKill(c *client, args [][]byte) { c.killScript(false) }

func cmdFunctionHelp(c *client, args [][]byte) {
	c.writeHelp("FUNCTION",
		"LOAD [REPLACE] <FUNCTION CODE>",
		"    Create a new library with the given library name and code.",
		"DELETE <LIBRARY NAME>",
		"    Delete the given library.",
		"LIST [LIBRARYNAME PATTERN] [WITHCODE]",
		"    Return general information on all the libraries:",
		"    * Library name",
		"    * The engine used to run the Library",
		"    * Library description",
		"    * Functions list",
		"    * Library code (if WITHCODE is given)",
		"    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
		"KILL",
		"    Kill a function that is currently executing.",
		"FLUSH [ASYNC|SYNC]",
		"    Delete all the libraries.",
		"    When called without the optional mode argument, the behavior is determined by the",
		"    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
		"    * ASYNC: Asynchronously flush the libraries.",
		"    * SYNC: Synchronously flush the libraries.")
}

// libraryCodes returns the code of every library, sorted by name, for a
// rewrite of the append-only file; the caller holds a shard (which every
// change of the libraries holds too).
func (e *scripting) libraryCodes() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	names := make([]string, 0, len(e.libs))
	for name := range e.libs {
		names = append(names, name)
	}
	sort.Strings(names)
	codes := make([]string, len(names))
	for i, name := range names {
		codes[i] = e.libs[name].code
	}
	return codes
}

// writeLibraries writes a FUNCTION LOAD record for each library.
func (r *rewrite) writeLibraries(codes []string) error {
	for _, code := range codes {
		if err := r.writeRecord("FUNCTION", "LOAD", "REPLACE", code); err != nil {
			return err
		}
	}
	return nil
}
